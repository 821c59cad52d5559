"""Reflow (WCAG 1.4.10): no page type scrolls sideways at 320 px (a phone, or 1280 px zoomed to
400 %) nor at 1280 px; printed (print stylesheet) every page fits the width of A4; and with the
text spacing of WCAG 1.4.12 at 320 px nothing scrolls sideways and no text is cut off."""

from __future__ import annotations

import pytest

from browser import site
from browser.pages import OPEN_DETAILS, open_page, parametrize_page_types

pytest_plugins = ["browser.fixtures"]


A4_WIDTH = 643  # A4 less 2 cm margins on each side: 170 mm at 96 px per inch


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_page_types(metafunc)


# What sticks out of the viewport, to say where the overflow comes from: elements, and text
# (a long German compound word overflows its box without the box being too wide).
WIDEST = """() => {
    const limit = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > limit + 1 && r.width > 0) out.push(`${name(el)} (right edge ${Math.round(r.right)} px)`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        if (r.right > limit + 1 && node.textContent.trim())
            out.push(`text "${node.textContent.trim().slice(0, 40)}" in ${name(node.parentElement)} (right edge ${Math.round(r.right)} px)`);
    }
    return out.slice(0, 8);
}"""


# WCAG 1.4.12: the spacing users may set; content must survive it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }"""

# Boxes that cut their own text off (overflow hidden or clip, content larger than the box).
# Visually hidden helpers (1 px boxes for screen readers) are meant to clip.
CLIPPED = """() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const style = getComputedStyle(el);
        if (!/hidden|clip/.test(style.overflowX + style.overflowY) || el.clientWidth <= 2 || el.clientHeight <= 2) continue;
        if (!el.textContent.trim()) continue;
        if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
            out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                     + ` "${el.textContent.trim().slice(0, 40)}"`);
    }
    return out.slice(0, 8);
}"""


def test_reflow_print_width_and_text_spacing(browser, site_url, page_type: site.PageType) -> None:
    path = page_type.url_path()
    problems = []
    with open_page(browser, site_url, path, width=1280, height=640) as opened:
        page = opened.page
        page.evaluate(OPEN_DETAILS)
        for width, media in ((1280, "screen"), (320, "screen"), (A4_WIDTH, "print")):
            page.emulate_media(media=media)
            page.set_viewport_size({"width": width, "height": 640})
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                culprits = ", ".join(page.evaluate(WIDEST)) or "unknown"
                problems.append(f"{path} ({media}) scrolls sideways at {width} px: content {scroll} px wide, "
                                f"viewport {client} px; sticking out: {culprits}")
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 320, "height": 640})
        page.add_style_tag(content=TEXT_SPACING)
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            culprits = ", ".join(page.evaluate(WIDEST)) or "unknown"
            problems.append(f"{path} with WCAG text spacing scrolls sideways at 320 px: content {scroll} px wide; "
                            f"sticking out: {culprits}")
        clipped = page.evaluate(CLIPPED)
        if clipped:
            problems.append(f"{path} with WCAG text spacing at 320 px cuts text off in: {', '.join(clipped)}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
