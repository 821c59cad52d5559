"""iCalendar feeds (RFC 5545 / RFC 7986). Being written: see issue 3."""

from __future__ import annotations

from .index import SiteIndex
from .write import Artifacts


def render_feeds(index: SiteIndex, artifacts: Artifacts) -> None:
    """Add every feed of the site to ``artifacts``."""
