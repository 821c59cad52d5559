"""Pages across all centres: home, overviews, month calendars, category / audience / district
pages, the easy-language page and the 404 page."""

from __future__ import annotations

from datetime import timedelta

from .index import SEGMENTS, SiteIndex
from .pages import EASY_LANGUAGE, page_path
from .views import Page, feed, per_language
from .views_dates import by_day

WEEK_DAYS = 7


def section(index: SiteIndex, key: str, lang: str) -> str:
    """Overview path of a section, e.g. ``/kategorien/`` or ``/en/calendar/``."""
    return f"{index.urls.prefix(lang)}{SEGMENTS.get(lang, SEGMENTS['en'])[key]}/"


def centre_month(index: SiteIndex, slug: str, year: int, month: int, lang: str) -> str:
    return f"{index.urls.month(year, month, lang)}{slug}/"


def current_month(index: SiteIndex) -> tuple[int, int]:
    wanted = (index.today.year, index.today.month)
    if wanted in index.months:
        return wanted
    return index.months[0] if wanted < index.months[0] else index.months[-1]


def home_pages(index: SiteIndex) -> list[Page]:
    today = index.today
    week_end = today + timedelta(days=WEEK_DAYS - 1)
    todays = [o for o in index.occurrences if o.day == today]
    week = [o for o in index.occurrences if today < o.day <= week_end]
    districts = [(key, centres) for key, centres in index.by_district.items() if centres]
    return [
        Page("home.html", per_language(index, index.urls.home), {
            "districts": districts,
            "todays": todays,
            "week": by_day(week),
            "week_end": week_end,
            "month": current_month(index),
            "feed": feed(index, index.urls.feed_all, index.site.title, False),
        }),
        Page("centres.html", per_language(index, index.urls.centres), {"districts": districts}),
    ]


def calendar_pages(index: SiteIndex) -> list[Page]:
    pages = [Page("calendar.html", per_language(index, lambda lang: section(index, "calendar", lang)), {})]
    months = index.months
    for number, (year, month) in enumerate(months):
        around = {
            "previous": months[number - 1] if number > 0 else None,
            "next": months[number + 1] if number + 1 < len(months) else None,
        }
        occurrences = index.by_month.get((year, month), [])
        pages.append(Page("month.html", per_language(index, lambda lang: index.urls.month(year, month, lang)), {
            "year": year, "month": month, "days": by_day(occurrences), "centre": None, **around,
        }))
        for centre in index.centres:
            own = [o for o in occurrences if o.centre == centre.slug]
            pages.append(Page(
                "month.html",
                per_language(index, lambda lang: centre_month(index, centre.slug, year, month, lang)),
                {"year": year, "month": month, "days": by_day(own), "centre": centre, **around},
            ))
    return pages


def topic_pages(index: SiteIndex) -> list[Page]:
    urls, site = index.urls, index.site
    pages = [
        Page("topics.html", per_language(index, lambda lang: section(index, "categories", lang)),
             {"kind": "categories", "labels": site.categories, "groups": index.by_category}),
        Page("topics.html", per_language(index, lambda lang: section(index, "audiences", lang)),
             {"kind": "audiences", "labels": site.audiences, "groups": index.by_audience}),
        Page("topics.html", per_language(index, lambda lang: section(index, "districts", lang)),
             {"kind": "districts", "labels": site.districts, "groups": index.by_district}),
    ]
    for key, offerings in index.by_category.items():
        pages.append(Page("topic.html", per_language(index, lambda lang: urls.category(key, lang)), {
            "kind": "categories", "key": key, "label": site.categories[key], "offerings": offerings,
            "feed": feed(index, lambda lang: urls.feed_category(key, lang), site.categories[key], False),
        }))
    for key, offerings in index.by_audience.items():
        pages.append(Page("topic.html", per_language(index, lambda lang: urls.audience(key, lang)), {
            "kind": "audiences", "key": key, "label": site.audiences[key], "offerings": offerings,
            "feed": feed(index, lambda lang: urls.feed_audience(key, lang), site.audiences[key], False),
        }))
    for key, centres in index.by_district.items():
        slugs = {c.slug for c in centres}
        upcoming = [o for o in index.upcoming(index.occurrences) if o.centre in slugs][:10]
        pages.append(Page("district.html", per_language(index, lambda lang: urls.district(key, lang)), {
            "kind": "districts", "key": key, "label": site.districts[key], "centres": centres,
            "upcoming": upcoming,
            "feed": feed(index, lambda lang: urls.feed_district(key, lang), site.districts[key], False),
        }))
    return pages


def special_pages(index: SiteIndex) -> list[Page]:
    pages = [Page("404.html", per_language(index, lambda lang: f"{index.urls.prefix(lang)}404.html"),
                  in_sitemap=False, absolute_links=True)]
    if not any(p.slug == EASY_LANGUAGE or p.model.translation_of == EASY_LANGUAGE for p in index.pages):
        easy = [o for o in index.offerings.values() if o.model.easy_language]
        easy.sort(key=lambda o: (str(o.model.title).lower(), o.centre.slug))
        pages.append(Page("easy.html", per_language(index, lambda lang: page_path(index, EASY_LANGUAGE, lang)),
                          {"easy_offerings": easy}))
    return pages
