"""`knz check` on broken content trees: the exact messages an editor sees.

Each folder ``tests/fixtures/invalid/<case>/`` holds a ``content/`` tree and ``expected.txt``,
the exact standard error of ``knz check`` run inside the case folder (paths are relative to the
working directory), count line included. Optional files beside them:

- ``args``: the command line after ``knz`` (default ``check --content content --today 2027-01-01``);
- ``exit_code``: the expected exit status (default 1; the warning cases expect 0);
- ``xfail``: the reason a case fails today because of a known bug in the core. The test is then
  marked ``xfail(strict=True)``, so it starts failing loudly once the bug is fixed.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, Run

CASES_DIR = FIXTURES / "invalid"
DEFAULT_ARGS = "check --content content --today 2027-01-01"


def _read(folder: Path, name: str, default: str | None = None) -> str | None:
    path = folder / name
    return path.read_text(encoding="utf-8").strip() if path.is_file() else default


def _cases() -> list[Path]:
    return sorted(p for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file())


def _params() -> list:
    out = []
    for folder in _cases():
        reason = _read(folder, "xfail")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(folder, id=folder.name, marks=marks))
    return out


# One Python process runs the real CLI entry point (``generator.cli.main``) for every case in
# turn, inside the case folder, capturing what it prints: the same code path as ``knz check``
# without paying the interpreter start-up per case. test_check.py proves on one case that this
# equals a real ``python -m generator`` subprocess.
_BATCH = """
import contextlib, io, json, os, sys
from generator.cli import main
out = []
for folder, argv in json.load(sys.stdin):
    os.chdir(folder)
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    out.append([code, std.getvalue(), err.getvalue()])
print(json.dumps(out))
"""


def run_batch(jobs: list[tuple[Path, list[str]]]) -> list[Run]:
    """Run ``knz <argv>`` in ``folder`` for every job, in one Python process, in order."""
    proc = subprocess.run(
        [sys.executable, "-c", _BATCH],
        input=json.dumps([[str(folder), list(argv)] for folder, argv in jobs]),
        capture_output=True,
        text=True,
        # Like conftest.knz: a SOURCE_DATE_EPOCH of the caller (CI) must not leak in.
        env={**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return [Run(*result) for result in json.loads(proc.stdout)]


def run_cases(folders: list[Path]) -> dict[str, Run]:
    jobs = [(f, shlex.split(_read(f, "args", DEFAULT_ARGS))) for f in folders]
    return {f.name: run for f, run in zip(folders, run_batch(jobs))}


@pytest.fixture(scope="module")
def runs() -> dict[str, Run]:
    return run_cases(_cases())


@pytest.mark.parametrize("folder", _params())
def test_exact_messages(folder: Path, runs: dict[str, Run]) -> None:
    run = runs[folder.name]
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    assert run.stderr == expected
    assert run.returncode == int(_read(folder, "exit_code", "1"))
    assert "Traceback" not in run.stderr


def test_there_are_cases() -> None:
    # Guards against a moved fixtures folder turning the parametrised test into nothing.
    assert len(_cases()) >= 30
