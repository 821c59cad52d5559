"""Where the external test tools live, and what to do when one is missing: skip on a
developer's machine, fail in CI (``CI=true``), where tests/tools/install.sh must have set them up."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
NODE_MODULES = TOOLS / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("KNZ_CHROMIUM", "/usr/bin/chromium")

# Chromium must not phone home: the checks also assert that no request leaves the site.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(what: str) -> None:
    """Skip locally, fail in CI: a missing tool must never make CI green."""
    message = f"{what} is missing; run `make test-tools` (bash tests/tools/install.sh)"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        missing(f"{what} ({path})")
    return path


def require_command(name: str) -> str:
    found = shutil.which(name)
    if not found:
        missing(f"the `{name}` command")
    return found


def require_chromium() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing(f"Chromium ({CHROMIUM}, Debian package `chromium`)")
    return CHROMIUM
