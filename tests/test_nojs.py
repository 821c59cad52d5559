"""Everything a resident needs is in the HTML: with JavaScript switched off every page type still
shows its heading and content, an offering page its dates, a centre page its programme."""

from __future__ import annotations

import pytest

from browser import site
from browser.pages import open_page, parametrize_page_types

pytest_plugins = ["browser.fixtures"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_page_types(metafunc)


# What a visitor sees in <main>: visible headings, visible dates, links.
SEEN = """() => {
    const main = document.querySelector('main');
    if (!main) return null;
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
    return {
        h1: [...document.querySelectorAll('h1')].filter(visible).map(text),
        headings: [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible).map(text),
        times: [...main.querySelectorAll('time[datetime]')].filter(visible).map(t => t.getAttribute('datetime')),
        links: [...main.querySelectorAll('a[href]')].filter(visible).map(a => new URL(a.href).pathname),
        words: text(main).split(' ').length,
        scripts: document.querySelectorAll(
            'script:not([type]), script[type=module], script[type="text/javascript"], script[type="application/javascript"]'
        ).length,
    };
}"""


def seen(browser, site_url: str, path: str, javascript: bool) -> dict:
    with open_page(browser, site_url, path, javascript=javascript) as opened:
        assert opened.response is not None and opened.response.ok, f"{path} did not load"
        return opened.page.evaluate(SEEN)


def test_content_is_there_without_javascript(browser, site_url, page_type: site.PageType) -> None:
    path = page_type.url_path()
    without = seen(browser, site_url, path, javascript=False)
    assert without is not None, f"{path} has no <main> without JavaScript"
    assert len(without["h1"]) == 1 and without["h1"][0], f"{path}: visible h1 without JavaScript: {without['h1']}"
    assert without["words"] >= 5, f"{path}: <main> is (nearly) empty without JavaScript"

    # Scripts may add controls, but nothing a visitor reads may depend on them.
    if not without["scripts"]:
        return  # nothing runs on this page (JSON-LD is data): what we saw is all there is
    with_js = seen(browser, site_url, path, javascript=True)
    lost = [h for h in with_js["headings"] if h not in without["headings"]]
    assert not lost, f"{path}: headings only there with JavaScript: {lost}"
    assert len(without["times"]) >= len(with_js["times"]), (
        f"{path}: {len(with_js['times'])} dates with JavaScript, only {len(without['times'])} without"
    )

    if page_type.kind == "offering":
        assert without["times"], f"{path}: no dates (<time datetime>) on the offering page without JavaScript"
    if page_type.kind == "centre":
        programme = [link for link in without["links"] if link.startswith(path) and link != path]
        assert programme, f"{path}: no links to the centre's offerings (its programme) without JavaScript"
