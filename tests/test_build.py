"""`knz build` end to end: summary, atomic output, determinism."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT, TODAY, knz


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_example_content_builds_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = knz("build", "--content", str(CONTENT), "--output", str(out), "--today", TODAY)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith("Gebaut: ")
    assert (out / "index.html").is_file()
    assert (out / "en" / "index.html").is_file()


def test_same_input_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert knz("build", "--content", str(CONTENT), "--output", str(out), "--today", TODAY).returncode == 0
    assert tree(a) == tree(b)
