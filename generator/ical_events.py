"""The VEVENTs of one offering, from its expanded schedule (pure: no I/O, no clock).

Two steps, so that SEQUENCE can be decided between them:

1. ``plan_offering`` turns each schedule rule (``Series``) into language-independent plans:
   one recurring event per rule with an RRULE (``slots``), its EXDATEs (``skipped``: excepted
   dates and skipped closure calendars, which were never planned) and RECURRENCE-ID overrides
   for every date that differs from the rule (cancelled, also for a closure of the house;
   moved; other room); and one plain event per single date (``rdates``), because Google
   Calendar and Outlook ignore RDATE in subscribed feeds. Each plan has a stable UID and a
   fingerprint of what SEQUENCE must follow: dates, times, place and status.
2. ``render_plan`` writes a plan as VEVENTs in one language, with the stamp and sequence given.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from icalendar import Event, vCalAddress, vRecur, vText

from . import i18n
from .expand import Occurrence, Series
from .feed_texts import money, texts
from .index import OfferingView, SiteIndex
from .markup import markdown_to_text
from .types import WEEKDAYS, LocalText, MonthlyDay

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PLAIN_EMAIL = re.compile(r"^[^\s@;:,<>\"'\\]+@[^\s@;:,<>\"'\\]+$")


@dataclass
class Plan:
    """One UID: a recurring rule with its overrides, or one single date."""

    uid: str
    view: OfferingView
    series: Series
    start: datetime | date
    end: datetime | date
    all_day: bool
    cancelled: bool
    rrule: dict | None = None
    exdates: list[datetime | date] = field(default_factory=list)
    overrides: list[tuple[datetime | date, Occurrence]] = field(default_factory=list)
    single: Occurrence | None = None

    def fingerprint(self) -> str:
        """A short hash of dates, times, place and status (not of titles or descriptions)."""
        centre = self.view.centre.model

        def occ(o: Occurrence) -> list:
            return [_iso(o.start), _iso(o.end), o.status, o.room]

        data = {
            "start": _iso(self.start), "end": _iso(self.end), "cancelled": self.cancelled,
            "rrule": _rrule_text(self.rrule) if self.rrule else None,
            "exdates": [_iso(d) for d in self.exdates],
            "overrides": [[_iso(rid), *occ(o)] for rid, o in self.overrides],
            "single": occ(self.single) if self.single else None,
            "room": self.view.model.room,
            "place": [centre.address.model_dump(), centre.geo.model_dump()],
        }
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _iso(value: datetime | date) -> str:
    return value.isoformat()


def _rrule_text(rrule: dict) -> str:
    return vRecur(rrule).to_ical().decode()


def uid_for(index: SiteIndex, view: OfferingView, rule: int, day: date | None = None) -> str:
    """``<centre>.<offering>.<rule>[.<yyyymmdd>]@<host>``: from content keys only, never random."""
    host = index.site.base_url.split("://", 1)[1].split("/", 1)[0]
    local = f"{view.centre.slug}.{view.id}.{rule}"
    if day is not None:
        local += f".{day:%Y%m%d}"
    return f"{local}@{host}"


def _natural(series: Series, day: date, tz) -> tuple[datetime | date, datetime | date]:
    """Start and end of a slot as the rule alone gives them."""
    rule = series.rule
    if rule.all_day or rule.time is None:
        return day, day + timedelta(days=1)
    return (datetime.combine(day, rule.time.start, tzinfo=tz), datetime.combine(day, rule.time.end, tzinfo=tz))


def _rrule(series: Series, until: datetime | date) -> dict:
    rule = series.rule
    byday = []
    for item in rule.on or []:
        if isinstance(item, MonthlyDay):
            byday.append(f"{item.nth}{_BYDAY[WEEKDAYS.index(item.weekday)]}")
        else:
            byday.append(_BYDAY[WEEKDAYS.index(item)])
    out: dict = {"FREQ": "WEEKLY" if rule.repeat == "weekly" else "MONTHLY"}
    if rule.every > 1:
        out["INTERVAL"] = rule.every
    out["BYDAY"] = byday
    if isinstance(until, datetime):
        until = until.astimezone(timezone.utc)
    out["UNTIL"] = until
    if rule.repeat == "weekly":
        out["WKST"] = "MO"
    return out


def plan_offering(index: SiteIndex, view: OfferingView) -> list[Plan]:
    """Every UID of an offering, with what it contains."""
    tz = index.expanded.tz
    whole_cancelled = view.model.status == "cancelled"
    master_status = "cancelled" if whole_cancelled else "scheduled"
    plans: list[Plan] = []
    for series in view.expanded.series:
        slots = set(series.slots)
        in_rule = [o for o in series.occurrences if o.slot in slots]
        if in_rule:
            first, last = series.slots[0], series.slots[-1]
            start, end = _natural(series, first, tz)
            until = _natural(series, last, tz)[0]
            plan = Plan(uid_for(index, view, series.rule_index), view, series, start, end,
                        isinstance(start, date) and not isinstance(start, datetime), whole_cancelled,
                        rrule=_rrule(series, until))
            plan.exdates = [_natural(series, s.day, tz)[0] for s in series.skipped if s.day in slots]
            for occ in in_rule:
                natural = _natural(series, occ.slot, tz)
                if (occ.status != master_status or (occ.start, occ.end) != natural or occ.room != view.model.room
                        or (occ.reason and occ.status != "cancelled")):
                    plan.overrides.append((natural[0], occ))
            plans.append(plan)
        for occ in series.occurrences:
            if occ.slot in slots:
                continue
            plans.append(Plan(uid_for(index, view, series.rule_index, occ.slot), view, series, occ.start, occ.end,
                              occ.all_day, occ.is_cancelled, single=occ))
    return plans


# --- rendering -------------------------------------------------------------------------------


def _local(text: LocalText | str | None, lang: str) -> str:
    if text is None:
        return ""
    return text.get_lang(lang) if isinstance(text, LocalText) else str(text)


def _when(value: datetime | date, lang: str) -> str:
    if isinstance(value, datetime):
        clock = i18n.clock(value, lang) + (" Uhr" if lang == "de" else "")
        return f"{i18n.long_date(value, lang)}, {clock}"
    return i18n.long_date(value, lang)


@dataclass
class Context:
    """What rendering needs besides the plan: language, URLs, stamp and sequence."""

    index: SiteIndex
    lang: str
    stamp: datetime
    sequence: int
    descriptions: dict = field(default_factory=dict)
    """Shared between contexts: the description of each offering per language, made once."""


def _location(ctx: Context, view: OfferingView, room_id: str | None) -> str:
    centre = view.centre.model
    parts = []
    room = next((r for r in centre.rooms if r.id == room_id), None)
    if room is not None:
        parts.append(_local(room.name, ctx.lang))
    parts += [_local(centre.name, ctx.lang), centre.address.street, f"{centre.address.postcode} {centre.address.city}"]
    return ", ".join(parts)


def _status_line(ctx: Context, view: OfferingView, occ: Occurrence | None, natural: datetime | date | None) -> str:
    """What is special about this event, in one line with its reason; '' for a plain date."""
    t = texts(ctx.lang)
    if view.model.status == "cancelled":
        reason = _local(view.model.status_reason, ctx.lang)
        return f"{t['cancelled']}: {reason or t['offering_cancelled']}"
    if occ is None:
        return ""
    reason = _local(occ.reason, ctx.lang)
    if occ.status == "cancelled":
        if occ.closure:
            return f"{t['cancelled']}: {t['closed']}" + (f" ({reason})." if reason else ".")
        return f"{t['cancelled']}: {reason}" if reason else f"{t['cancelled']}."
    if occ.status == "moved":
        head = t["moved_from"].format(when=_when(natural, ctx.lang)) if natural is not None else t["moved"]
        return f"{head}: {reason}" if reason else f"{head}."
    if occ.status == "changed":
        return f"{t['changed']}: {reason}" if reason else ""
    return ""


def _description(ctx: Context, view: OfferingView, status_line: str) -> str:
    """The status line (if any), then what every event of the offering says, computed once."""
    key = (view.centre.slug, view.id, ctx.lang)
    common = ctx.descriptions.get(key)
    if common is None:
        common = ctx.descriptions[key] = _common_description(ctx, view)
    return f"{status_line}\n\n{common}" if status_line else common


def _common_description(ctx: Context, view: OfferingView) -> str:
    t = texts(ctx.lang)
    model = view.model
    parts = []
    if model.summary:
        parts.append(_local(model.summary, ctx.lang))
    body = markdown_to_text(view.entry.body)
    if body:
        parts.append(body)
    facts = []
    if model.cost == "free":
        facts.append(f"{t['cost']}: {t['free']}")
    else:
        cost = f"{t['cost']}: {money(model.cost.amount, ctx.lang)}"
        reduced = ", ".join(f"{r.label} {money(r.amount, ctx.lang)}" for r in model.cost.reduced)
        facts.append(cost + (f" ({reduced})" if reduced else ""))
    if model.registration == "none":
        facts.append(f"{t['registration']}: {t['registration_none']}")
    else:
        how = _local(model.registration.how, ctx.lang)
        word = t["registration_required"] if model.registration.required else t["registration_none"]
        facts.append(f"{t['registration']}: {word}" + (f", {how}" if how else ""))
    parts.append("\n".join(facts))
    parts.append(f"{t['more']}: {_page_url(ctx, view)}")
    return "\n\n".join(parts)


def _page_url(ctx: Context, view: OfferingView) -> str:
    urls = ctx.index.urls
    return urls.absolute(ctx.index.site.base_url, urls.offering(view.centre.slug, view.id, ctx.lang))


def _contact(ctx: Context, view: OfferingView) -> tuple[str, str | None]:
    t = texts(ctx.lang)
    contact = view.contact
    parts = [contact.name or "", _local(contact.role, ctx.lang)]
    if contact.phone:
        parts.append(f"{t['phone']} {contact.phone}")
    if contact.email:
        parts.append(contact.email)
    return ", ".join(p for p in parts if p), contact.email


def _base_event(ctx: Context, plan: Plan, cancelled: bool, occ: Occurrence | None) -> Event:
    """The properties every VEVENT of the plan shares, in a fixed order."""
    view = plan.view
    t = texts(ctx.lang)
    event = Event()
    event.add("uid", plan.uid)
    event.add("dtstamp", ctx.stamp)
    event.add("last-modified", ctx.stamp)
    event.add("sequence", ctx.sequence)
    title = _local(view.model.title, ctx.lang)
    event.add("summary", f"{t['cancelled']}: {title}" if cancelled else title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    room = occ.room if occ is not None else view.model.room
    event.add("location", _location(ctx, view, room))
    geo = view.centre.model.geo
    event.add("geo", (geo.lat, geo.lon))
    event.add("url", _page_url(ctx, view), parameters={"VALUE": "URI"})
    site = ctx.index.site
    labels = [_local(site.categories.get(view.model.category), ctx.lang)]
    labels += [_local(site.audiences.get(a), ctx.lang) for a in view.model.audiences]
    event.add("categories", [label for label in labels if label])
    contact, email = _contact(ctx, view)
    if contact:
        event.add("contact", contact)
    if email and _PLAIN_EMAIL.match(email):  # content is untrusted: only a plain address becomes a URI
        organizer = vCalAddress(f"mailto:{email}")
        organizer.params["CN"] = vText(view.provider.name)
        event.add("organizer", organizer)
    return event


def _times(event: Event, start: datetime | date, end: datetime | date) -> None:
    event.add("dtstart", start)
    event.add("dtend", end)


def render_plan(ctx: Context, plan: Plan) -> list[Event]:
    """The VEVENTs of one plan: the rule (or single date) first, then its overrides by date."""
    view = plan.view
    if plan.single is not None:
        occ = plan.single
        event = _base_event(ctx, plan, occ.is_cancelled, occ)
        _times(event, occ.start, occ.end)
        natural = _natural(plan.series, occ.slot, ctx.index.expanded.tz)[0]
        line = _status_line(ctx, view, occ, natural if occ.start != natural else None)
        event.add("description", _description(ctx, view, line))
        return [event]
    master = _base_event(ctx, plan, plan.cancelled, None)
    _times(master, plan.start, plan.end)
    master.add("rrule", plan.rrule)
    for day in plan.exdates:  # one EXDATE per date: the form every parser reads
        master.add("exdate", day)
    master.add("description", _description(ctx, view, _status_line(ctx, view, None, None)))
    events = [master]
    for rid, occ in plan.overrides:
        event = _base_event(ctx, plan, occ.is_cancelled, occ)
        event.add("recurrence-id", rid)
        _times(event, occ.start, occ.end)
        moved_from = rid if occ.status == "moved" or occ.start != rid else None
        event.add("description", _description(ctx, view, _status_line(ctx, view, occ, moved_from)))
        events.append(event)
    return events


def serialise(events: list[Event]) -> bytes:
    return b"".join(e.to_ical() for e in events)

