"""`knz new` writes commented starter files that pass `knz check`, and never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, Run, knz
from test_invalid_fixtures import run_batch

MINIMAL = FIXTURES / "valid-minimal" / "content"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A working folder holding a copy of the minimal valid content as ``content/``."""
    shutil.copytree(MINIMAL, tmp_path / "content")
    return tmp_path


def test_new_centre_and_offering_pass_check(site: Path) -> None:
    run = knz("new", "centre", "neues-haus", cwd=site)
    assert run.returncode == 0, run.stderr
    centre = site / "content" / "centres" / "neues-haus" / "centre.yaml"
    assert centre.is_file()
    assert str(centre.relative_to(site)) in run.stdout

    run = knz("new", "offering", "neues-haus", "spieletreff", cwd=site)
    assert run.returncode == 0, run.stderr
    offering = site / "content" / "centres" / "neues-haus" / "offerings" / "spieletreff.md"
    assert offering.is_file()
    assert str(offering.relative_to(site)) in run.stdout

    # Commented, so editors know what each field is for.
    assert centre.read_text(encoding="utf-8").count("#") >= 5
    assert offering.read_text(encoding="utf-8").count("#") >= 5

    # No errors and no warnings (so --strict passes too).
    check = knz("check", "--content", "content", "--today", TODAY, cwd=site)
    assert (check.returncode, check.stdout, check.stderr) == (0, "Keine Fehler gefunden.\n", "")


def test_new_offering_in_existing_centre_has_no_errors(site: Path) -> None:
    run = knz("new", "offering", "haus", "lesekreis", cwd=site)
    assert run.returncode == 0, run.stderr
    check = knz("check", "--content", "content", "--today", TODAY, cwd=site)
    assert check.returncode == 0, check.stderr
    # No errors. (The starter's Tuesday 14:00-16:00 in the first room may well collide with an
    # existing offering; that is a warning the editor resolves while filling in the form.)
    assert check.stdout == "Keine Fehler gefunden.\n" or check.stderr.splitlines()[-1].startswith("0 Fehler,")


def test_new_with_content_option(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "inhalt")
    assert knz("new", "centre", "zweites-haus", "--content", "inhalt", cwd=tmp_path).returncode == 0
    assert knz("new", "offering", "zweites-haus", "kurs", "--content", "inhalt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "inhalt" / "centres" / "zweites-haus" / "centre.yaml").is_file()
    assert (tmp_path / "inhalt" / "centres" / "zweites-haus" / "offerings" / "kurs.md").is_file()
    assert not (tmp_path / "content").exists()


# The refusals run through the CLI in one batch process (see test_invalid_fixtures.run_batch),
# each in its own copy of the content, so one slip cannot hide behind another.
REFUSED = {
    "overwrite-centre": ("new", "centre", "haus"),  # centre.yaml exists
    "overwrite-offering": ("new", "offering", "haus", "cafe"),  # cafe.md exists
    "centre-capitals": ("new", "centre", "Neues-Haus"),
    "centre-space": ("new", "centre", "neues haus"),
    "centre-outside": ("new", "centre", "../ausserhalb"),
    "centre-empty": ("new", "centre", ""),
    "offering-umlaut": ("new", "offering", "haus", "café"),
    "offering-underscore": ("new", "offering", "haus", "kurs_1"),
    "offering-outside": ("new", "offering", "haus", "../../ausserhalb"),
    "offering-unknown-centre": ("new", "offering", "gibts-nicht", "kurs"),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Run]]:
    folders = {}
    for name in REFUSED:
        folder = tmp_path_factory.mktemp(name)
        shutil.copytree(MINIMAL, folder / "content")
        folders[name] = folder
    runs = run_batch([(folders[name], list(args)) for name, args in REFUSED.items()])
    return {name: (folders[name], run) for name, run in zip(REFUSED, runs)}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused(name: str, refused: dict[str, tuple[Path, Run]]) -> None:
    folder, run = refused[name]
    assert run.returncode == 1
    assert run.stderr.startswith("knz new: ") and "Traceback" not in run.stderr
    assert snapshot(folder / "content") == snapshot(MINIMAL)
    assert sorted(p.name for p in folder.iterdir()) == ["content"]
    assert not (folder / "ausserhalb").exists() and not (folder.parent / "ausserhalb").exists()
    if name.startswith("overwrite"):
        assert "gibt es schon" in run.stderr and "already exists" in run.stderr
    if name == "offering-unknown-centre":
        assert "gibts-nicht" in run.stderr


def test_refusals_match_the_real_command(site: Path) -> None:
    """One refusal as a real subprocess, to show the batch runs what ``knz`` runs."""
    run = knz("new", "centre", "Neues-Haus", cwd=site)
    assert run.returncode == 1
    assert run.stderr.startswith("knz new: „Neues-Haus“: nur Kleinbuchstaben")
    assert snapshot(site / "content") == snapshot(MINIMAL)
