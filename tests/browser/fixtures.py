"""Pytest fixtures for the browser checks, loaded as a plugin by the test modules that need them
(``pytest_plugins = ["browser.fixtures"]``), so the build, the HTTP server and Chromium exist once
per run."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import site, tools


@pytest.fixture(scope="session")
def site_out() -> Path:
    return site.built_output()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_url(site_out: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (absolute paths like /static/site.css work)."""
    handler = functools.partial(_QuietHandler, directory=str(site_out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run (never a downloaded browser)."""
    executable = tools.require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        tools.missing("the Python package playwright (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=tools.CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


