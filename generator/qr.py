"""QR codes as inline SVG (``segno``), for the printed annual programme: no image files, no
requests, sharp at any print size."""

from __future__ import annotations

import re

import segno
from markupsafe import Markup, escape


def svg(url: str, label: str = "") -> Markup:
    """An inline ``<svg role="img">`` QR code of ``url``; ``label`` is its text alternative."""
    code = segno.make(url, error="m")
    out = code.svg_inline(scale=4, border=2, svgclass="qr", lineclass=None, omitsize=False)
    out = re.sub(r"^<svg ", f'<svg role="img" aria-label="{escape(label or url)}" ', out)
    return Markup(out)
