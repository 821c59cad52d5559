"""Stage 4: index the expanded content for rendering: URLs, and views by centre, district,
category, audience and month.

Pure: takes the expanded content and ``today``; does no I/O. ``today`` only decides what counts
as upcoming, never which dates exist.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .expand import Expanded, ExpandedOffering, Occurrence
from .validate import CentreEntry, OfferingEntry, PageEntry

# Path segments per language; English pages live under /en/.
SEGMENTS = {
    "de": {"centres": "zentren", "calendar": "kalender", "categories": "kategorien", "audiences": "zielgruppen",
           "districts": "stadtteile", "pages": "info"},
    "en": {"centres": "centres", "calendar": "calendar", "categories": "categories", "audiences": "audiences",
           "districts": "districts", "pages": "info"},
}


class Urls:
    """Site-relative URLs (always starting and ending with ``/``) for every page."""

    def __init__(self, default_lang: str = "de"):
        self.default_lang = default_lang

    def prefix(self, lang: str) -> str:
        return "/" if lang == self.default_lang else f"/{lang}/"

    def _seg(self, lang: str, key: str) -> str:
        return SEGMENTS.get(lang, SEGMENTS["en"])[key]

    def home(self, lang: str) -> str:
        return self.prefix(lang)

    def centre(self, slug: str, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'centres')}/{slug}/"

    def centres(self, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'centres')}/"

    def offering(self, centre: str, offering: str, lang: str) -> str:
        return f"{self.centre(centre, lang)}{offering}/"

    def month(self, year: int, month: int, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'calendar')}/{year:04d}/{month:02d}/"

    def category(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'categories')}/{key}/"

    def audience(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'audiences')}/{key}/"

    def district(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'districts')}/{key}/"

    def page(self, slug: str, lang: str) -> str:
        return f"{self.prefix(lang)}{self._seg(lang, 'pages')}/{slug}/"

    # Feeds: stable, readable paths; English feeds (English labels, "Cancelled:") under /en/.
    def feed_all(self, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/alle.ics"

    def feed_centre(self, slug: str, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/zentren/{slug}.ics"

    def feed_category(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/kategorien/{key}.ics"

    def feed_audience(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/zielgruppen/{key}.ics"

    def feed_district(self, key: str, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/stadtteile/{key}.ics"

    def feed_offering(self, centre: str, offering: str, lang: str) -> str:
        return f"{self.prefix(lang)}feeds/angebote/{centre}/{offering}.ics"

    def absolute(self, base_url: str, path: str) -> str:
        return base_url.rstrip("/") + path


@dataclass
class OfferingView:
    centre: CentreEntry
    entry: OfferingEntry
    expanded: ExpandedOffering
    occurrences: list[Occurrence]
    upcoming: list[Occurrence]

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def model(self):
        return self.entry.model

    @property
    def provider(self):
        """The organisation that runs the offering (the operator unless a partner is named)."""
        centre = self.centre.model
        wanted = self.entry.model.provider
        for org in [centre.operator, *centre.partners]:
            if org.id == wanted:
                return org
        return centre.operator

    @property
    def room(self):
        return room_by_id(self.centre, self.entry.model.room)

    @property
    def contact(self):
        return self.entry.model.contact or self.centre.model.contact


def room_by_id(centre: CentreEntry, room_id: str | None):
    for room in centre.model.rooms:
        if room.id == room_id:
            return room
    return None


@dataclass
class CentreView:
    entry: CentreEntry
    offerings: list[OfferingView]
    upcoming: list[Occurrence]

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def model(self):
        return self.entry.model


@dataclass
class SiteIndex:
    expanded: Expanded
    today: date
    urls: Urls
    centres: list[CentreView]
    offerings: dict[tuple[str, str], OfferingView]
    occurrences: list[Occurrence]
    months: list[tuple[int, int]]
    by_month: dict[tuple[int, int], list[Occurrence]] = field(default_factory=dict)
    by_district: dict[str, list[CentreView]] = field(default_factory=dict)
    by_category: dict[str, list[OfferingView]] = field(default_factory=dict)
    by_audience: dict[str, list[OfferingView]] = field(default_factory=dict)
    pages: list[PageEntry] = field(default_factory=list)

    @property
    def site(self):
        return self.expanded.content.site

    @property
    def languages(self) -> list[str]:
        return list(self.site.languages)

    def offering_of(self, occurrence: Occurrence) -> OfferingView:
        return self.offerings[(occurrence.centre, occurrence.offering)]

    def upcoming(self, occurrences: list[Occurrence], limit: int | None = None) -> list[Occurrence]:
        out = [o for o in occurrences if o.day >= self.today]
        return out[:limit] if limit else out


def build_index(expanded: Expanded, today: date) -> SiteIndex:
    content = expanded.content
    urls = Urls(content.site.languages[0])
    offerings: dict[tuple[str, str], OfferingView] = {}
    centres: list[CentreView] = []
    for slug in sorted(content.centres, key=lambda s: str(content.centres[s].model.name)):
        centre = content.centres[slug]
        views = []
        for off_id in sorted(centre.offerings, key=lambda i: str(centre.offerings[i].model.title).lower()):
            exp = expanded.offerings[(slug, off_id)]
            occ = exp.occurrences
            view = OfferingView(centre, centre.offerings[off_id], exp, occ, [o for o in occ if o.day >= today])
            offerings[(slug, off_id)] = view
            views.append(view)
        all_occ = sorted((o for v in views for o in v.occurrences), key=lambda o: o.sort_key)
        centres.append(CentreView(centre, views, [o for o in all_occ if o.day >= today]))

    occurrences = expanded.all_occurrences()
    by_month: dict[tuple[int, int], list[Occurrence]] = defaultdict(list)
    for occ in occurrences:
        by_month[(occ.day.year, occ.day.month)].append(occ)
    programme = content.site.programme
    months = []
    year, month = programme.from_.year, programme.from_.month
    while (year, month) <= (programme.until.year, programme.until.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    by_district: dict[str, list[CentreView]] = {key: [] for key in content.site.districts}
    for view in centres:
        by_district.setdefault(view.model.district, []).append(view)
    by_category: dict[str, list[OfferingView]] = {key: [] for key in content.site.categories}
    by_audience: dict[str, list[OfferingView]] = {key: [] for key in content.site.audiences}
    for view in offerings.values():
        by_category.setdefault(view.model.category, []).append(view)
        for audience in view.model.audiences:
            by_audience.setdefault(audience, []).append(view)
    for group in (*by_category.values(), *by_audience.values()):
        group.sort(key=lambda v: (str(v.model.title).lower(), v.centre.slug))
    pages = sorted(content.pages.values(), key=lambda p: (p.model.order, p.slug))
    return SiteIndex(
        expanded, today, urls, centres, offerings, occurrences, months,
        dict(by_month), by_district, by_category, by_audience, pages,
    )
