"""iCalendar feeds (RFC 5545 / RFC 7986): one for all centres, one per centre, category,
audience and district, and one download per offering, in every site language.

This module only assembles: ``ical_events`` turns each offering into VEVENTs, ``ical_tz``
writes the VTIMEZONE, ``feed_state`` supplies the two inputs that are not in the content
files themselves (when a file last changed; the SEQUENCE record). Each offering's VEVENTs are
serialised once per language and shared by every feed it appears in.
See docs/feeds.md for paths, properties and the reasoning.
"""

from __future__ import annotations

from pathlib import Path

from datetime import timedelta

from icalendar import Calendar, vDuration, vText

from .feed_state import ChangeTimes, SequenceState
from .feed_texts import texts
from .ical_events import Context, Plan, plan_offering, render_plan, serialise
from .ical_tz import vtimezone
from .index import OfferingView, SiteIndex
from .types import LocalText
from .write import Artifacts

REFRESH = timedelta(hours=12)  # the site is rebuilt nightly; twice a day picks a change up within hours


def _local(text: LocalText | str | None, lang: str) -> str:
    if text is None:
        return ""
    return text.get_lang(lang) if isinstance(text, LocalText) else str(text)


def _visible(index: SiteIndex, view: OfferingView) -> bool:
    """A wholly cancelled offering stays in the feeds until its last date is past."""
    if view.model.status != "cancelled":
        return True
    return any(o.day >= index.today for o in view.occurrences)


def _sources(index: SiteIndex, view: OfferingView) -> list[Path]:
    """The files an offering's events are built from: their last change is the events' stamp."""
    content = index.expanded.content
    paths = [view.entry.source.path, view.centre.source.path]
    for rule in view.model.schedule:
        for name in rule.skip:
            if name in content.closure_sources:
                paths.append(content.closure_sources[name].path)
    return paths


def _header(index: SiteIndex, lang: str, name: str | None, description: str, page: str, feed: str) -> Calendar:
    site = index.site
    host = site.base_url.split("://", 1)[1].split("/", 1)[0]
    cal = Calendar()
    cal.add("prodid", f"-//{host}//knz//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name is not None:  # not in single-offering downloads: importing them must not create a calendar
        cal.add("name", name)
        cal.add("x-wr-calname", vText(name))
    cal.add("description", description)
    cal.add("x-wr-caldesc", vText(description))  # escaped like DESCRIPTION
    cal.add("url", page, parameters={"VALUE": "URI"})
    cal.add("source", feed, parameters={"VALUE": "URI"})
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    cal.add("x-wr-timezone", site.timezone)
    return cal


class _Feeds:
    def __init__(self, index: SiteIndex, artifacts: Artifacts):
        self.index = index
        self.artifacts = artifacts
        site = index.site
        self.views = {key: view for key, view in sorted(index.offerings.items()) if _visible(index, view)}
        programme = site.programme
        # A year either side: the first onset before the programme sets the offset in January.
        self.vtimezone = vtimezone(site.timezone, programme.from_.year - 1, programme.until.year + 1).to_ical()
        self.plans: dict[tuple[str, str], list[Plan]] = {key: plan_offering(index, v) for key, v in self.views.items()}
        self.sequences = self._sequences()
        times = ChangeTimes.read(index.expanded.content.root)
        self.stamps = {key: times.of(_sources(index, view)) for key, view in self.views.items()}
        self.events: dict[tuple[str, tuple[str, str]], bytes] = {}
        self.descriptions: dict = {}

    def _sequences(self) -> dict[str, int]:
        state = SequenceState.read(self.index.expanded.content.root)
        sequences = {}
        for plans in self.plans.values():
            for plan in plans:
                sequences[plan.uid] = state.sequence(plan.uid, plan.fingerprint())
        state.save()  # unchanged content: no write; unwritable folder: the sequences still hold
        return sequences

    def event_bytes(self, lang: str, key: tuple[str, str]) -> bytes:
        cached = self.events.get((lang, key))
        if cached is None:
            parts = []
            for plan in self.plans[key]:
                ctx = Context(self.index, lang, self.stamps[key], self.sequences[plan.uid], self.descriptions)
                parts.append(serialise(render_plan(ctx, plan)))
            cached = self.events[(lang, key)] = b"".join(parts)
        return cached

    def add(self, lang: str, path: str, page: str, name: str | None, description: str,
            keys: list[tuple[str, str]]) -> None:
        urls, base = self.index.urls, self.index.site.base_url
        note = texts(lang)["feed_note"]
        header = _header(self.index, lang, name, f"{description}. {note}" if name else description,
                         urls.absolute(base, page), urls.absolute(base, path))
        head = header.to_ical()
        end = b"END:VCALENDAR\r\n"
        assert head.endswith(end)
        body = b"".join(self.event_bytes(lang, key) for key in sorted(set(keys)) if key in self.views)
        self.artifacts.add(path, head[: -len(end)] + self.vtimezone + body + end, origin="feeds")


def render_feeds(index: SiteIndex, artifacts: Artifacts) -> None:
    """Add every feed of the site to ``artifacts``."""
    feeds = _Feeds(index, artifacts)
    site, urls = index.site, index.urls
    every = list(index.offerings)
    for lang in index.languages:
        t = texts(lang)
        title = _local(site.title, lang)
        feeds.add(lang, urls.feed_all(lang), urls.home(lang), title, t["feed_all"].format(site=title), every)
        for centre in index.centres:
            label = _local(centre.model.name, lang)
            feeds.add(lang, urls.feed_centre(centre.slug, lang), urls.centre(centre.slug, lang), label,
                      t["feed_centre"].format(label=label, site=title), [(centre.slug, o.id) for o in centre.offerings])
            for view in centre.offerings:
                feeds.add(lang, urls.feed_offering(centre.slug, view.id, lang),
                          urls.offering(centre.slug, view.id, lang), None,
                          _local(view.model.summary or view.model.title, lang), [(centre.slug, view.id)])
        for key, label_text in sorted(site.categories.items()):
            label = _local(label_text, lang)
            views = index.by_category.get(key, [])
            feeds.add(lang, urls.feed_category(key, lang), urls.category(key, lang), f"{label} · {title}",
                      t["feed_category"].format(label=label, site=title), [(v.centre.slug, v.id) for v in views])
        for key, label_text in sorted(site.audiences.items()):
            label = _local(label_text, lang)
            views = index.by_audience.get(key, [])
            feeds.add(lang, urls.feed_audience(key, lang), urls.audience(key, lang), f"{label} · {title}",
                      t["feed_audience"].format(label=label, site=title), [(v.centre.slug, v.id) for v in views])
        for key, label_text in sorted(site.districts.items()):
            label = _local(label_text, lang)
            keys = [(c.slug, o.id) for c in index.by_district.get(key, []) for o in c.offerings]
            feeds.add(lang, urls.feed_district(key, lang), urls.district(key, lang), f"{label} · {title}",
                      t["feed_district"].format(label=label, site=title), keys)
