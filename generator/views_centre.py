"""Pages of one centre: its profile, each offering, and its annual programme for print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from . import i18n, qr, seo
from .expand import Occurrence, Series, Skipped
from .index import CentreView, OfferingView, SiteIndex
from .model import Organisation
from .types import WEEKDAYS
from .views import Page, feed, per_language

EVENING = time(18, 0)
_PRINT_SEGMENT = {"de": "jahresprogramm", "en": "annual-programme"}


def print_path(index: SiteIndex, slug: str, lang: str) -> str:
    segment = _PRINT_SEGMENT.get(lang, _PRINT_SEGMENT["en"])
    return f"{index.urls.prefix(lang)}{segment}/{slug}/"


@dataclass
class HoursRow:
    weekday: int
    spans: list
    evening: bool
    weekend: bool


def opening_hours(centre: CentreView) -> list[HoursRow]:
    hours = centre.model.opening_hours
    rows = []
    for number, name in enumerate(WEEKDAYS):
        spans = list(getattr(hours, name))
        rows.append(HoursRow(number, spans, any(s.end > EVENING for s in spans), number >= 5))
    return rows


@dataclass
class Runner:
    """An organisation in the house and the offerings it runs."""

    org: Organisation
    operator: bool
    offerings: list[OfferingView]


def organisations(centre: CentreView) -> list[Runner]:
    model = centre.model
    out = []
    for org, is_operator in [(model.operator, True), *[(p, False) for p in model.partners]]:
        runs = [o for o in centre.offerings if o.provider.id == org.id]
        out.append(Runner(org, is_operator, runs))
    return out


@dataclass
class ProgrammeItem:
    offering: OfferingView
    series: Series


@dataclass
class ProgrammeGroup:
    weekday: int | None
    """0 = Monday … 6 = Sunday; None for offerings on single dates."""
    items: list[ProgrammeItem]


def _weekdays(series: Series) -> list[int]:
    if series.rule.repeat is None:
        return []
    return sorted({WEEKDAYS.index(d if isinstance(d, str) else d.weekday) for d in series.rule.on or []})


def programme(offerings: list[OfferingView]) -> list[ProgrammeGroup]:
    """Rules grouped by weekday, the way people think of a programme; single dates last."""
    groups: dict[int | None, list[ProgrammeItem]] = {}
    for offering in offerings:
        for series in offering.expanded.series:
            for day in _weekdays(series) or [None]:
                groups.setdefault(day, []).append(ProgrammeItem(offering, series))

    def order(item: ProgrammeItem) -> tuple:
        rule = item.series.rule
        start = rule.time.start if rule.time else time(0)
        return (start, str(item.offering.model.title).lower(), item.offering.id, item.series.rule_index)

    keys = sorted((k for k in groups if k is not None)) + ([None] if None in groups else [])
    return [ProgrammeGroup(k, sorted(groups[k], key=order)) for k in keys]


@dataclass
class DateRow:
    """One date on an offering's list: an occurrence, or a date left out of the schedule."""

    day: date
    occurrence: Occurrence | None
    skipped: Skipped | None


def date_rows(offering: OfferingView) -> list[DateRow]:
    rows = [DateRow(o.day, o, None) for o in offering.occurrences]
    for series in offering.expanded.series:
        rows += [DateRow(s.day, None, s) for s in series.skipped]
    return sorted(rows, key=lambda r: (r.day, r.occurrence.sort_key if r.occurrence else ()))


@dataclass
class DateMonth:
    year: int
    month: int
    rows: list[DateRow]


def date_months(rows: list[DateRow]) -> list[DateMonth]:
    months: list[DateMonth] = []
    for row in rows:
        if not months or (months[-1].year, months[-1].month) != (row.day.year, row.day.month):
            months.append(DateMonth(row.day.year, row.day.month, []))
        months[-1].rows.append(row)
    return months


def _split_past(months: list[DateMonth], today: date) -> dict[str, list[DateMonth]]:
    """Months wholly before today go behind a disclosure; the rest is shown open."""
    past = [m for m in months if (m.year, m.month) < (today.year, today.month)]
    return {"past_months": past, "date_months": months[len(past):]}


def next_date(offering: OfferingView) -> Occurrence | None:
    return next((o for o in offering.upcoming if not o.is_cancelled), None)


def months_of(index: SiteIndex, occurrences: list[Occurrence]) -> list[tuple[int, int]]:
    present = {(o.day.year, o.day.month) for o in occurrences}
    return [m for m in index.months if m in present]


def centre_pages(index: SiteIndex) -> list[Page]:
    urls = index.urls
    pages = []
    for centre in index.centres:
        slug = centre.slug
        all_occurrences = sorted((o for v in centre.offerings for o in v.occurrences), key=lambda o: o.sort_key)
        pages.append(Page("centre.html", per_language(index, lambda lang: urls.centre(slug, lang)), {
            "centre": centre,
            "hours": opening_hours(centre),
            "organisations": organisations(centre),
            "programme": programme(centre.offerings),
            "next_dates": centre.upcoming[:8],
            "centre_months": months_of(index, all_occurrences),
            "print_path": per_language(index, lambda lang: print_path(index, slug, lang)),
            "feed": feed(index, lambda lang: urls.feed_centre(slug, lang), centre.model.name, False),
            "jsonld": per_language(index, lambda lang, c=centre: seo.centre_jsonld(index, c, lang)),
        }))
        for offering in centre.offerings:
            pages.append(Page(
                "offering.html",
                per_language(index, lambda lang, o=offering: urls.offering(slug, o.id, lang)),
                {
                    "centre": centre,
                    "offering": offering,
                    **_split_past(date_months(date_rows(offering)), index.today),
                    "body_lang": index.languages[0],
                    "next": next_date(offering),
                    "feed": feed(index, lambda lang, o=offering: urls.feed_offering(slug, o.id, lang), offering.model.title, True),
                    "jsonld": per_language(index, lambda lang, o=offering: seo.offering_jsonld(index, o, lang)),
                },
            ))
        pages.append(Page("print.html", per_language(index, lambda lang: print_path(index, slug, lang)), {
            "centre": centre,
            "hours": opening_hours(centre),
            "programme": programme(centre.offerings),
            "offerings": centre.offerings,
            "qr_centre": per_language(index, lambda lang: qr.svg(urls.absolute(index.site.base_url, urls.centre(slug, lang)), i18n.gettext(lang, "QR code: centre page"))),
            "qr_feed": per_language(index, lambda lang: qr.svg(urls.absolute(index.site.base_url, urls.feed_centre(slug, lang)), i18n.gettext(lang, "QR code: calendar feed"))),
        }, in_sitemap=False))
    return pages

