"""Accessibility in a real headless Chromium: axe-core finds no WCAG 2.2 A/AA violation on any
page type, in every language, at desktop and phone width; and no page requests anything from
another host (no web fonts, CDNs, map tiles or trackers)."""

from __future__ import annotations

import pytest

from browser import site, tools
from browser.pages import OPEN_DETAILS, open_page, parametrize_page_types

pytest_plugins = ["browser.fixtures"]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# At 320 px everything is checked again (small screens show and hide other things, targets
# shrink) except colour contrast: colours do not change with width, and it is axe's slowest rule.
NARROW_SKIP = ("color-contrast",)

# Kinds of page issue 4 asks for, per language. Information pages (accessibility statement,
# easy-language page, ...) and the annual programme show up as their own types when built.
REQUIRED_KINDS = {"home", "centre", "offering", "month", "category", "audience", "district", "info", "404",
                  "programme"}

# Violations known while the theme is being written: rule id -> why it is accepted for now.
# A page whose violations are all listed here is xfailed with that reason; any other rule fails.
KNOWN: dict[str, str] = {}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_page_types(metafunc)
    if "focus_type" in metafunc.fixturenames:
        # Focus styles come from the theme's templates: one page per kind is enough.
        types = one_per_kind(site.page_types(site.built_output()))
        metafunc.parametrize("focus_type", types, ids=[site.ident(t) for t in types])


def run_axe(page, skip: tuple[str, ...] = ()) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(tools.require_file(tools.AXE, "axe-core (npm)")))
    return page.evaluate(
        """async ([tags, skip]) => {
            const rules = Object.fromEntries(skip.map(id => [id, {enabled: false}]));
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""",
        [TAGS, list(skip)],
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}")
            for detail in (node["summary"] or "").splitlines()[1:3]:
                lines.append(f"       {detail.strip()}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def test_axe_finds_no_wcag_violation(browser, site_url, page_type: site.PageType) -> None:
    """Checked at desktop and phone width in one page load, with every <details> opened; requests
    to other hosts are blocked and reported too."""
    path = page_type.url_path()
    found = []
    with open_page(browser, site_url, path, width=1280, bypass_csp=True) as opened:
        opened.page.evaluate(OPEN_DETAILS)
        for width, skip in ((1280, ()), (320, NARROW_SKIP)):
            opened.page.set_viewport_size({"width": width, "height": 800})
            found += [(width, v) for v in run_axe(opened.page, skip)]
        external = list(opened.external)
    assert not external, f"{path} requested other hosts (nothing may leave the site): {external}"
    if not found:
        return
    report = "\n".join(f"{path} at {w} px:\n{describe([v])}" for w, v in found)
    if all(v["id"] in KNOWN for _, v in found):
        pytest.xfail("; ".join(sorted({KNOWN[v['id']] for _, v in found})) + "\n" + report)
    pytest.fail(report, pytrace=False)


# Keyboard focus (WCAG 2.4.7 focus visible, 2.4.11 focus not obscured), which axe does not test:
# the focused element must look different from its unfocused self, lie in the viewport and not
# be entirely covered by other content (a sticky header, a cookie bar).
SNAPSHOT = """() => {
    const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
                   'color', 'textDecorationLine', 'textDecorationThickness', 'borderBottomColor', 'borderBottomWidth'];
    window.__knzProps = props;
    window.__knzUnfocused = new WeakMap();
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], video, audio'))
        window.__knzUnfocused.set(el, props.map(p => getComputedStyle(el)[p]).join('|'));
}"""

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
    const before = window.__knzUnfocused.get(el);
    const now = window.__knzProps.map(p => getComputedStyle(el)[p]).join('|');
    const r = el.getBoundingClientRect();
    const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
        && r.top < innerHeight && r.left < innerWidth;
    const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
                    [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
    const seen = points.some(([x, y]) => { const hit = document.elementFromPoint(x, y); return hit && (hit === el || el.contains(hit)); });
    return {name, styled: before === undefined || before !== now, inView, seen};
}"""


def focus_problems(page, key: str, steps: int) -> list[str]:
    problems = []
    for _ in range(steps):
        page.keyboard.press(key)
        state = page.evaluate(FOCUSED)
        if state is None:
            break
        if not state["inView"]:
            problems.append(f"{state['name']} is focused outside the viewport (or has no size)")
        elif not state["seen"]:
            problems.append(f"{state['name']} is focused but covered by other content")
        if not state["styled"]:
            problems.append(f"{state['name']} looks the same focused and unfocused")
    return problems


def one_per_kind(metafunc_types: list[site.PageType]) -> list[site.PageType]:
    seen, out = set(), []
    for t in metafunc_types:
        if t.kind not in seen:
            seen.add(t.kind)
            out.append(t)
    return out


@pytest.mark.parametrize("width", [1280, 320])
def test_keyboard_focus_is_visible_and_not_hidden(browser, site_url, focus_type: site.PageType, width: int) -> None:
    """Forward from the top (the skip link first), and backward from the end of the page."""
    path = focus_type.url_path()
    with open_page(browser, site_url, path, width=width, height=700) as opened:
        page = opened.page
        page.evaluate(SNAPSHOT)
        page.keyboard.press("Tab")
        first = page.evaluate("() => document.activeElement.getAttribute('href')")
        problems = [] if first and first.startswith("#") else [f"the first Tab stop is {first!r}, not a skip link"]
        page.evaluate("() => document.activeElement.blur()")
        page.keyboard.press("Tab")  # back to the skip link, then onwards
        problems += focus_problems(page, "Tab", 20)
        # From the last link on the page backwards: elements scroll in at the top, under any sticky header.
        page.evaluate("() => { const all = document.querySelectorAll('a[href], button, input, select, textarea, summary');"
                      " if (all.length) all[all.length - 1].focus(); }")
        problems += focus_problems(page, "Shift+Tab", 10)
    problems = list(dict.fromkeys(problems))
    if problems:
        pytest.fail(f"{path} at {width} px:\n" + "\n".join(problems), pytrace=False)


def test_every_page_type_is_built(site_out) -> None:
    types = site.page_types(site_out)
    _, languages = site._slugs(site.CONTENT)
    missing = {
        lang: sorted(REQUIRED_KINDS - {t.kind for t in types if t.lang == lang}) for lang in languages
    }
    missing = {lang: kinds for lang, kinds in missing.items() if kinds}
    built = ", ".join(f"{t.shape} ({t.kind})" for t in types)
    assert not missing, f"page types not built: {missing}; built: {built}"
