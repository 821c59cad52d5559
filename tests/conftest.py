"""Shared fixtures: run the real ``knz`` command line on content trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2027-01-01"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def knz(*args: str, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run the knz CLI in a subprocess, as an editor or CI would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("SOURCE_DATE_EPOCH", None) if env is None or "SOURCE_DATE_EPOCH" not in env else None
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or ROOT,
        env={**full_env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the example content."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content built once per test session."""
    out = tmp_path_factory.mktemp("site") / "output"
    run = knz("build", "--content", str(CONTENT), "--output", str(out), "--today", TODAY)
    assert run.returncode == 0, run.stderr
    return out
