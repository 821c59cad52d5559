"""Editors' Markdown to safe HTML, and to plain text for feeds.

Content is untrusted: the HTML Markdown produces is cleaned by ``nh3`` (the Rust ``ammonia``
sanitiser) with an allow-list, so no script, event handler, ``javascript:`` URL or iframe gets
through, and images load only from the site itself. Headings are shifted below the page's own ``h1``.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "small",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "a", "img", "abbr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _shift_headings(text: str, by: int) -> str:
    def repl(match: re.Match[str]) -> str:
        level = min(6, int(match.group(2)) + by)
        return f"<{match.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", repl, text)


def _no_external_images(element: str, attribute: str, value: str) -> str | None:
    """Drop an image source on another host: no request may leave the site."""
    if element == "img" and attribute == "src" and (re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) or value.startswith("//")):
        return None
    return value


def render_markdown(text: str, heading_base: int = 2) -> str:
    """Markdown to sanitised HTML whose top heading level is ``heading_base``."""
    raw = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    # Shift before cleaning so an h1 becomes h2 (h1 is not allowed in editors' text).
    levels = [int(n) for n in re.findall(r"<h([1-6])", raw)]
    shifted = _shift_headings(raw, heading_base - min(levels)) if levels and min(levels) < heading_base else raw
    cleaned = nh3.clean(
        shifted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_no_external_images,
    )
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned).strip()


def markdown_to_text(text: str) -> str:
    """Markdown to plain text (for calendar descriptions): markup removed, links kept as URLs."""
    rendered = render_markdown(text)
    rendered = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', lambda m: f"{m.group(2)} ({m.group(1)})"
                      if m.group(1) != m.group(2) else m.group(2), rendered)
    rendered = re.sub(r">\s*\n\s*<", "><", rendered)  # layout white space between blocks
    rendered = re.sub(r"<li>", "- ", rendered)
    # Blocks end with a blank line; list items, table rows and line breaks with a line break.
    rendered = re.sub(r"</(p|h[1-6]|ul|ol|blockquote|pre|table|dl)>", "\n\n", rendered)
    rendered = re.sub(r"</(li|tr|dd|dt)>|<br\s*/?>", "\n", rendered)
    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    lines = [line.strip() for line in plain.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
