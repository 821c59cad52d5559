"""Opening pages of the built site in Chromium, and parametrising tests by page type."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from . import site


def parametrize_page_types(metafunc: pytest.Metafunc, name: str = "page_type", *, samples: bool = True) -> None:
    """Parametrise ``name`` with the page types of the built example site (ids are the shapes):
    with ``samples``, the pages to open in the browser (``site.samples``), else each type once."""
    if name not in metafunc.fixturenames:
        return
    out = site.built_output()
    types = site.samples(out) if samples else site.page_types(out)
    metafunc.parametrize(name, types, ids=[site.ident(t) for t in types])


@dataclass
class Opened:
    page: Any
    response: Any
    external: list[str] = field(default_factory=list)  # requests that tried to leave the site (blocked)


@contextmanager
def open_page(browser, base: str, path: str, *, width: int = 1280, height: int = 800, javascript: bool = True,
              bypass_csp: bool = False) -> Iterator[Opened]:
    """Open one page in a fresh context; any request to another host is blocked and recorded."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=javascript, bypass_csp=bypass_csp,
    )
    own = urlsplit(base).netloc
    external: list[str] = []

    def guard(route):
        url = route.request.url
        if urlsplit(url).netloc == own:
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        response = page.goto(base + path, wait_until="load")
        yield Opened(page, response, external)
    finally:
        context.close()


# Closed <details> hide their content from axe and from layout checks; visitors open them.
OPEN_DETAILS = "() => document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })"
