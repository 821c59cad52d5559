"""`knz check` as editors run it: a clean tree, Windows files, paths relative to where they stand,
and warnings that pass unless ``--strict``. The exact messages of broken trees are in
test_invalid_fixtures.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, knz

MINIMAL = FIXTURES / "valid-minimal" / "content"
INVALID = FIXTURES / "invalid"


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def to_windows(folder: Path) -> None:
    """Rewrite every text file as Windows Notepad saves it: a BOM and CRLF line endings."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def test_clean_tree_german_and_english() -> None:
    run = knz("check", "--content", "content", "--today", TODAY, cwd=MINIMAL.parent)
    assert (run.returncode, run.stdout, run.stderr) == (0, "Keine Fehler gefunden.\n", "")
    run = knz("check", "--content", "content", "--today", TODAY, "--lang", "en", cwd=MINIMAL.parent)
    assert (run.returncode, run.stdout, run.stderr) == (0, "No errors found.\n", "")


def test_bom_and_crlf_just_work(tmp_path: Path) -> None:
    content = copy_tree(MINIMAL, tmp_path / "content")
    to_windows(content)
    assert (content / "site.yaml").read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert b"\r\n" in (content / "centres" / "haus" / "offerings" / "cafe.md").read_bytes()
    run = knz("check", "--content", "content", "--today", TODAY, cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "Keine Fehler gefunden.\n", "")


def test_bom_and_crlf_build_the_same_dates(tmp_path: Path) -> None:
    unix = copy_tree(MINIMAL, tmp_path / "unix")
    windows = copy_tree(MINIMAL, tmp_path / "windows")
    to_windows(windows)
    dates = []
    for content in (unix, windows):
        out = tmp_path / f"out-{content.name}"
        run = knz("build", "--content", str(content), "--output", str(out), "--today", TODAY)
        assert run.returncode == 0, run.stderr
        # The one-line summary: centres, offerings, dates, pages, feeds, seconds, where.
        assert re.fullmatch(
            rf"Gebaut: 1 Zentrum, 1 Angebot, 52 Termine, \d+ Seiten, \d+ Feeds in \d+\.\d s → {re.escape(str(out))}\n",
            run.stdout,
        ), run.stdout
        dates.append(json.loads((out / "daten" / "termine.json").read_text(encoding="utf-8")))
    assert dates[0] == dates[1]
    assert len(dates[0]) == 52  # every Tuesday of 2027


def test_bom_and_crlf_keep_lines_and_columns(tmp_path: Path) -> None:
    """An error in a Windows file is reported at the same line and column (the BOM is no column)."""
    case = copy_tree(INVALID / "many-errors", tmp_path / "case")
    to_windows(case / "content")
    run = knz("check", "--content", "content", "--today", TODAY, cwd=case)
    assert run.returncode == 1
    assert run.stderr == (INVALID / "many-errors" / "expected.txt").read_text(encoding="utf-8")


def test_fixture_runner_equals_real_command() -> None:
    """test_invalid_fixtures.py runs the CLI in one batch process; here one case runs as a real
    ``python -m generator`` subprocess and must print exactly the same."""
    case = INVALID / "many-errors"
    run = knz("check", "--content", "content", "--today", TODAY, cwd=case)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr == (case / "expected.txt").read_text(encoding="utf-8")


def test_paths_are_relative_to_the_working_directory() -> None:
    case = INVALID / "misspelt-weekday"
    run = knz("check", "--content", "misspelt-weekday/content", "--today", TODAY, cwd=INVALID)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert run.stderr == expected.replace("content/", "misspelt-weekday/content/")


def test_missing_content_folder_is_reported_not_a_traceback(tmp_path: Path) -> None:
    run = knz("check", "--content", "nirgends", "--today", TODAY, cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("nirgends/site.yaml:1:1: site.yaml fehlt")


@pytest.mark.parametrize("strict", [False, True], ids=["warnings-pass", "strict"])
def test_build_with_warnings(tmp_path: Path, strict: bool) -> None:
    """Warnings are printed but do not stop a build; ``--strict`` stops it before writing."""
    case = copy_tree(INVALID / "warn-no-contact", tmp_path / "case")
    out = tmp_path / "out"
    args = ["build", "--content", "content", "--output", str(out), "--today", TODAY]
    run = knz(*args, *(["--strict"] if strict else []), cwd=case)
    warnings = (INVALID / "warn-no-contact" / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    assert run.stderr.splitlines()[: len(warnings)] == warnings
    if strict:
        assert run.returncode == 1
        assert run.stderr.endswith("2 Fehler, 0 Warnungen.\nNicht gebaut: Der bisherige Ausgabeordner bleibt unverändert.\n")
        assert not out.exists()
    else:
        assert run.returncode == 0
        assert run.stdout.startswith("Gebaut: ") and " 3 Angebote, " in run.stdout
        assert (out / "daten" / "termine.json").is_file()
