"""`knz build` never leaves a half-written site, and the same input gives the same bytes.

Builds that fail or die are provoked through the real entry point: a small Python driver imports
the CLI, replaces ``Path.write_bytes`` or ``os.replace`` with a version that raises or kills the
process after a few calls, and runs ``knz build``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, knz

MINIMAL = FIXTURES / "valid-minimal" / "content"
BROKEN = FIXTURES / "invalid" / "many-errors"
# 2027-01-01T00:00:00Z: 2026-01-01 is 1767225600, plus 365 days of 86400 seconds.
EPOCH_2027 = "1798761600"
JUNE = "2027-06-01"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(content: Path, out: Path, *extra: str, env: dict | None = None, cwd: Path | None = None):
    return knz("build", "--content", str(content), "--output", str(out), *extra, env=env, cwd=cwd)


def leftovers(out: Path) -> list[str]:
    """Anything beside the output folder that a build left behind (temp or old folders)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The minimal tree built once with --today 2027-01-01: what an intact output looks like."""
    out = tmp_path_factory.mktemp("reference") / "output"
    run = build(MINIMAL, out, "--today", TODAY)
    assert run.returncode == 0, run.stderr
    files = tree(out)
    assert len(files) >= 5 and "daten/termine.json" in files
    return files


@pytest.fixture(scope="module")
def june(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The same tree built with --today 2027-06-01, as the interrupted builds below build it."""
    out = tmp_path_factory.mktemp("june") / "output"
    run = build(MINIMAL, out, "--today", JUNE)
    assert run.returncode == 0, run.stderr
    return tree(out)


@pytest.fixture
def existing(tmp_path: Path, reference: dict[str, bytes]) -> Path:
    """A folder ``site/output`` holding a previous, good build (a copy of the reference)."""
    return place(reference, tmp_path / "site" / "output")


def place(files: dict[str, bytes], out: Path) -> Path:
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return out


# --- a build with content errors -------------------------------------------------------------


def test_failed_build_leaves_output_alone_and_says_what_check_says(tmp_path: Path, existing: Path) -> None:
    before = tree(existing)
    case = shutil.copytree(BROKEN, tmp_path / "case")
    run = build(Path("content"), existing, "--today", TODAY, cwd=case)
    assert run.returncode == 1
    # expected.txt is exactly what `knz check` prints for this tree (test_invalid_fixtures.py).
    check = (BROKEN / "expected.txt").read_text(encoding="utf-8")
    assert run.stderr == check + "Nicht gebaut: Der bisherige Ausgabeordner bleibt unverändert.\n"
    assert run.stdout == ""
    assert tree(existing) == before
    assert leftovers(existing) == []


def test_failed_first_build_creates_nothing(tmp_path: Path) -> None:
    case = shutil.copytree(BROKEN, tmp_path / "case")
    run = build(Path("content"), tmp_path / "out" / "output", "--today", TODAY, cwd=case)
    assert run.returncode == 1
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


# --- a build that dies half-way ----------------------------------------------------------------

DRIVER = """
import os, signal, sys
from pathlib import Path
import generator.build  # the pipeline, as the CLI imports it
from generator.cli import main

mode, target, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = 0

def die():
    if mode == "raise":
        raise OSError(28, "No space left on device")
    os.kill(os.getpid(), signal.SIGKILL)

if target == "write_bytes":
    original = Path.write_bytes
    def patched(self, data):
        global calls
        calls += 1
        if calls > after:
            die()
        return original(self, data)
    Path.write_bytes = patched
elif target == "exchange":
    import generator.write as write
    original = write._exchange
    def patched(a, b):
        global calls
        calls += 1
        if calls > after:
            die()  # before the exchange
        result = original(a, b)
        die()  # right after it
    write._exchange = patched
else:
    if target == "fallback-replace":
        import generator.write as write
        write._exchange = lambda a, b: False  # a system without renameat2
    original = os.replace
    def patched(src, dst, *args, **kwargs):
        global calls
        calls += 1
        if calls > after:
            die()
        return original(src, dst, *args, **kwargs)
    os.replace = patched

sys.exit(main(sys.argv[4:]))
"""


def interrupted_build(out: Path, mode: str, target: str, after: int) -> subprocess.CompletedProcess:
    args = ["build", "--content", str(MINIMAL), "--output", str(out), "--today", JUNE]
    return subprocess.run(
        [sys.executable, "-c", DRIVER, mode, target, str(after), *args],
        cwd=ROOT,
        # Like conftest.knz: a SOURCE_DATE_EPOCH of the caller (CI) must not leak in.
        env={**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )


def test_build_failing_while_writing_leaves_old_output(existing: Path) -> None:
    before = tree(existing)
    proc = interrupted_build(existing, "raise", "write_bytes", 3)
    assert proc.returncode != 0
    assert "No space left on device" in proc.stderr
    assert tree(existing) == before
    assert leftovers(existing) == []


@pytest.fixture(scope="module")
def after_kill(tmp_path_factory: pytest.TempPathFactory, reference: dict[str, bytes]) -> dict[str, object]:
    """A good output, a build SIGKILLed after writing 3 files, then a normal build: what each left."""
    out = place(reference, tmp_path_factory.mktemp("killed") / "site" / "output")
    (out / ".gitkeep").write_bytes(b"")  # the placeholder the repository keeps in output/
    before = tree(out)
    proc = interrupted_build(out, "kill", "write_bytes", 3)
    after_kill = tree(out)
    run = build(MINIMAL, out, "--today", TODAY)
    return {"before": before, "proc": proc, "after_kill": after_kill, "next": run, "final": tree(out), "out": out}


def test_build_killed_while_writing_leaves_old_output(after_kill: dict, reference: dict[str, bytes]) -> None:
    assert after_kill["proc"].returncode == -signal.SIGKILL
    assert after_kill["after_kill"] == after_kill["before"] == {**reference, ".gitkeep": b""}
    # The next build is not disturbed by what the killed one left behind, and keeps .gitkeep.
    assert after_kill["next"].returncode == 0, after_kill["next"].stderr
    assert after_kill["final"] == {**reference, ".gitkeep": b""}


def test_next_build_removes_what_a_killed_build_left(after_kill: dict) -> None:
    assert after_kill["next"].returncode == 0
    assert leftovers(after_kill["out"]) == []


@pytest.mark.parametrize("after", [0, 1], ids=["before-exchange", "after-exchange"])
def test_build_killed_during_the_swap_leaves_a_whole_output(existing: Path, june: dict[str, bytes], after: int) -> None:
    """The swap is one atomic exchange of folders: killed before it, the old site stays; killed
    right after it, the new one is there; never a missing or mixed output."""
    before = tree(existing)
    proc = interrupted_build(existing, "kill", "exchange", after)
    assert proc.returncode == -signal.SIGKILL
    assert existing.is_dir()
    assert tree(existing) == (before if after == 0 else june)


def test_killed_between_fallback_renames_is_recovered_by_the_next_build(existing: Path) -> None:
    """Without renameat2 the swap is two renames; a build killed between them leaves the old
    output moved aside, and the next build puts things right before anything else."""
    proc = interrupted_build(existing, "kill", "fallback-replace", 1)
    assert proc.returncode == -signal.SIGKILL
    run = build(MINIMAL, existing, "--today", TODAY)
    assert run.returncode == 0, run.stderr
    assert existing.is_dir() and leftovers(existing) == []


# --- same input, same bytes ---------------------------------------------------------------------


def test_same_bytes_whatever_the_folder_and_hash_seed(tmp_path: Path) -> None:
    """Two copies of the content in different folders, built with different hash seeds, time
    zones and locales into different output folders: the same bytes (no unordered iteration, no
    absolute path, no local clock or locale leaks into the output). Both copies lie outside git,
    so feeds stamp them alike."""
    outputs = []
    for seed, folder, tz, locale in (
        ("1", tmp_path / "a" / "content", "Europe/Berlin", "C.UTF-8"),
        ("2", tmp_path / "b" / "ganz" / "anders", "Pacific/Kiritimati", "C"),
    ):
        content = shutil.copytree(MINIMAL, folder)
        out = tmp_path / f"out-{seed}"
        env = {"PYTHONHASHSEED": seed, "TZ": tz, "LC_ALL": locale}
        run = build(content, out, "--today", TODAY, env=env)
        assert run.returncode == 0, run.stderr
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 5


def test_source_date_epoch_stands_in_for_today(tmp_path: Path) -> None:
    """Without --today, SOURCE_DATE_EPOCH decides the date: such a build equals, byte for byte,
    one made with --today of that date. (Both set the epoch, which feeds also use for the stamp
    of content outside git, so the comparison holds in a clone and in a tarball alike.)"""
    outputs = []
    for name, extra in (("epoch", ()), ("today", ("--today", TODAY))):
        out = tmp_path / name
        run = build(MINIMAL, out, *extra, env={"SOURCE_DATE_EPOCH": EPOCH_2027})
        assert run.returncode == 0, run.stderr
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]


def test_today_changes_what_is_upcoming_not_which_dates_exist(june: dict[str, bytes], reference: dict[str, bytes]) -> None:
    later = june
    assert later["daten/termine.json"] == reference["daten/termine.json"]
    assert later["daten/zentren.json"] == reference["daten/zentren.json"]
    assert len(json.loads(later["daten/termine.json"])) == 52
    assert sorted(later) == sorted(reference)  # the same pages exist


# --- an output folder that would swallow the content ---------------------------------------------


@pytest.mark.parametrize("output", ["content", "content/centres", "."], ids=["content", "inside", "holding"])
def test_refuses_an_output_folder_that_holds_or_is_the_content(tmp_path: Path, output: str) -> None:
    work = tmp_path / "arbeit"
    shutil.copytree(MINIMAL, work / "content")
    (work / "NOTIZEN.txt").write_text("Bitte nicht löschen.\n", encoding="utf-8")
    before = tree(work)
    run = knz("build", "--content", "content", "--output", output, "--today", TODAY, cwd=work)
    assert work.is_dir() and tree(work) == before
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
