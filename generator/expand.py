"""Stage 3: expand schedules into dated occurrences, with RFC 5545 semantics.

Each rule of an offering is one series: an RRULE (weekly or monthly, with an interval), RDATEs
(single dates), EXDATEs (``except`` dates and skipped closure calendars), and per-date changes
that become RECURRENCE-ID instances (cancelled, moved, other room). The centre's own closures
always apply: a date falling into one stays listed, cancelled with the closure's reason, so
residents who expect the weekly café learn that it is off, rather than finding nothing.

Everything here is pure: the content and the time zone in, occurrences out. Times are local
wall-clock times; ``zoneinfo`` turns them into aware datetimes, correct across DST changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from dateutil import rrule as du

from .load import dotted
from .model import ClosureCalendar, Offering, Programme, Rule
from .problems import ProblemList
from .types import WEEKDAYS, LocalText, MonthlyDay
from .validate import CentreEntry, OfferingEntry, ValidContent

Status = Literal["scheduled", "cancelled", "moved", "changed"]

_DU_WEEKDAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)


@dataclass(frozen=True)
class Occurrence:
    """One date of an offering as residents see it."""

    centre: str
    offering: str
    rule: int
    slot: date
    """The date the schedule gives (RECURRENCE-ID); differs from ``start`` when moved."""
    start: datetime | date
    end: datetime | date
    """Aware datetimes; for all-day dates the exclusive end date."""
    all_day: bool
    status: Status
    reason: LocalText | None
    room: str | None
    closure: bool = False
    """Cancelled because the whole house is closed."""

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def date_moved(self) -> bool:
        """Held on another day than the schedule gives (a time-only change keeps the day)."""
        return self.day != self.slot

    @property
    def sort_key(self) -> tuple:
        start = self.start if isinstance(self.start, datetime) else datetime.combine(self.start, datetime.min.time())
        return (start.replace(tzinfo=None), self.centre, self.offering, self.rule)


@dataclass(frozen=True)
class Skipped:
    """A date left out of a series (EXDATE), with why."""

    day: date
    reason: LocalText | None
    calendar: str | None  # closure calendar name, or None for an ``except`` date


@dataclass
class Series:
    """One schedule rule of one offering, expanded: what a VEVENT with RRULE needs."""

    rule_index: int
    rule: Rule
    period_from: date
    period_until: date
    slots: list[date]
    """Every date the rule yields before anything is left out (for RRULE + RDATE)."""
    rdates: list[date]
    skipped: list[Skipped]
    occurrences: list[Occurrence]


@dataclass
class ExpandedOffering:
    centre: str
    entry: OfferingEntry
    series: list[Series] = field(default_factory=list)

    @property
    def occurrences(self) -> list[Occurrence]:
        return sorted((o for s in self.series for o in s.occurrences), key=lambda o: o.sort_key)


@dataclass
class Expanded:
    content: ValidContent
    tz: ZoneInfo
    offerings: dict[tuple[str, str], ExpandedOffering]

    def all_occurrences(self) -> list[Occurrence]:
        return sorted((o for e in self.offerings.values() for o in e.occurrences), key=lambda o: o.sort_key)


# --- closure calendars ----------------------------------------------------------------------


def closure_days(calendar: ClosureCalendar, first: date, last: date) -> dict[date, LocalText]:
    """Every day of a closure calendar between ``first`` and ``last``, with its name."""
    days: dict[date, LocalText] = {}
    if calendar.holidays is not None:
        spec = calendar.holidays
        years = range(first.year, last.year + 1)
        german = holidays_lib.country_holidays(spec.country, subdiv=spec.subdivision, years=years, language="de")
        english = holidays_lib.country_holidays(spec.country, subdiv=spec.subdivision, years=years, language="en_US")
        for day, name in sorted(german.items()):
            if first <= day <= last:
                days[day] = LocalText(de=name, en=english.get(day, name))
    for period in calendar.periods:
        day = period.from_
        while day <= period.last:
            if first <= day <= last:
                days.setdefault(day, period.reason or calendar.name)
            day += timedelta(days=1)
    return days


def _house_closures(entry: CentreEntry) -> dict[date, LocalText | None]:
    days: dict[date, LocalText | None] = {}
    for period in entry.model.closures:
        day = period.from_
        while day <= period.last:
            days.setdefault(day, period.reason)
            day += timedelta(days=1)
    return days


# --- rules -> dates -------------------------------------------------------------------------


def rule_period(rule: Rule, content: ValidContent) -> tuple[date, date]:
    programme = content.site.programme
    return rule.from_ or programme.from_, rule.until or programme.until


def _byweekday(rule: Rule) -> list:
    out = []
    for item in rule.on or []:
        if isinstance(item, MonthlyDay):
            out.append(_DU_WEEKDAYS[WEEKDAYS.index(item.weekday)](item.nth))
        else:
            out.append(_DU_WEEKDAYS[WEEKDAYS.index(item)])
    return out


def rule_slots(rule: Rule, first: date, last: date) -> list[date]:
    """The dates an RRULE yields between ``first`` and ``last`` (inclusive), before exceptions."""
    if rule.repeat is None:
        return []
    freq = du.WEEKLY if rule.repeat == "weekly" else du.MONTHLY
    start = datetime.combine(first, datetime.min.time())
    end = datetime.combine(last, datetime.min.time())
    recurrence = du.rrule(freq, interval=rule.every, byweekday=_byweekday(rule), dtstart=start, until=end, wkst=du.MO)
    return [d.date() for d in recurrence]


def _local(day: date, rule_time, tz: ZoneInfo, all_day: bool) -> tuple[datetime | date, datetime | date]:
    if all_day or rule_time is None:
        return day, day + timedelta(days=1)
    start = datetime.combine(day, rule_time.start, tzinfo=tz)
    end_day = day + timedelta(days=1) if rule_time.until_midnight else day
    end = datetime.combine(end_day, rule_time.end, tzinfo=tz)
    return start, end


def _nearest(day: date, candidates: list[date]) -> str:
    if not candidates:
        return ""
    best = min(candidates, key=lambda c: abs((c - day).days))
    return best.isoformat()


def expand_offering(
    centre: CentreEntry,
    entry: OfferingEntry,
    content: ValidContent,
    tz: ZoneInfo,
    calendars: dict[str, dict[date, LocalText]],
    problems: ProblemList,
) -> ExpandedOffering:
    offering: Offering = entry.model
    source = entry.source
    house = _house_closures(centre)
    result = ExpandedOffering(centre.slug, entry)
    all_slots: list[tuple[int, date]] = []

    for index, rule in enumerate(offering.schedule):
        first, last = rule_period(rule, content)
        slots = rule_slots(rule, first, last)
        rdates = sorted(set(rule.dates) - set(slots))
        for d_index, day in enumerate(rule.dates):
            _warn_outside_programme(day, ("schedule", index, "dates", d_index), content.site.programme, source, problems)
        every = sorted(set(slots) | set(rdates))
        skipped: list[Skipped] = []
        excepted = set()
        for e_index, day in enumerate(rule.except_):
            if day not in every:
                mark = source.mark(("schedule", index, "except", e_index))
                problems.add(
                    source.path, mark.line, mark.column, f"schedule[{index}].except[{e_index}]",
                    "except_not_occurrence", input=day.isoformat(), suggestion=_nearest(day, every),
                )
            else:
                excepted.add(day)
                skipped.append(Skipped(day, None, None))
        for name in rule.skip:
            for day in every:
                if day in calendars.get(name, {}) and day not in excepted:
                    excepted.add(day)
                    skipped.append(Skipped(day, calendars[name][day], name))
        skipped.sort(key=lambda s: s.day)
        occurrences = []
        for day in every:
            if day in excepted:
                continue
            start, end = _local(day, rule.time, tz, rule.all_day)
            status: Status = "scheduled"
            reason = None
            closure = False
            if offering.status == "cancelled":
                status, reason = "cancelled", offering.status_reason
            elif day in house:
                status, reason, closure = "cancelled", house[day], True
            occurrences.append(
                Occurrence(centre.slug, entry.id, index, day, start, end, rule.all_day or rule.time is None,
                           status, reason, offering.room, closure)
            )
            all_slots.append((index, day))
        result.series.append(Series(index, rule, first, last, slots, rdates, skipped, occurrences))

    _apply_changes(result, centre, tz, house, calendars, content.site.programme, problems)
    if not any(s.occurrences for s in result.series) and offering.status != "cancelled":
        mark = source.mark(("schedule",))
        problems.add(source.path, mark.line, mark.column, "schedule", "no_occurrences")
    return result


def _apply_changes(
    result: ExpandedOffering,
    centre: CentreEntry,
    tz: ZoneInfo,
    house: dict[date, LocalText | None],
    calendars: dict[str, dict[date, LocalText]],
    programme: Programme,
    problems: ProblemList,
) -> None:
    entry = result.entry
    source = entry.source
    first_change: dict[date, int] = {}
    for c_index, change in enumerate(entry.model.changes):
        if change.date in first_change:
            mark = source.mark(("changes", c_index, "date"))
            first = source.mark(("changes", first_change[change.date]))
            problems.add(
                source.path, mark.line, mark.column, f"changes[{c_index}].date", "change_twice",
                input=change.date.isoformat(), first_line=first.line,
            )
            continue
        first_change[change.date] = c_index
        if change.moved_to:
            _warn_outside_programme(change.moved_to, ("changes", c_index, "moved_to"), programme, source, problems)
        matched = False
        for series in result.series:
            for o_index, occ in enumerate(series.occurrences):
                if occ.slot != change.date:
                    continue
                matched = True
                if change.cancelled:
                    series.occurrences[o_index] = _replace(occ, status="cancelled", reason=change.reason, closure=False)
                    continue
                new_day = change.moved_to or occ.slot
                if change.moved_to:
                    _warn_moved_onto_skipped(change.moved_to, c_index, series, calendars, source, problems)
                if change.time and occ.all_day:
                    mark = source.mark(("changes", c_index, "time"))
                    problems.add(source.path, mark.line, mark.column, f"changes[{c_index}].time", "change_time_all_day")
                rule_time = change.time or series.rule.time
                start, end = _local(new_day, rule_time, tz, occ.all_day)
                status: Status = "moved" if (change.moved_to or change.time) else "changed"
                reason, closure = change.reason, False
                if entry.model.status == "cancelled":
                    status, reason = "cancelled", occ.reason
                elif new_day in house:
                    # The house is closed on the (new) day: a move or room change does not open it.
                    status, reason, closure = "cancelled", house[new_day], True
                series.occurrences[o_index] = _replace(
                    occ, start=start, end=end, status=status, reason=reason,
                    room=change.room or occ.room, closure=closure,
                )
        if not matched:
            mark = source.mark(("changes", c_index, "date"))
            slots = [o.slot for s in result.series for o in s.occurrences]
            problems.add(
                source.path, mark.line, mark.column, f"changes[{c_index}].date",
                "change_not_occurrence", input=change.date.isoformat(), suggestion=_nearest(change.date, slots),
            )
    for series in result.series:
        series.occurrences.sort(key=lambda o: o.sort_key)


def _warn_outside_programme(day: date, path: tuple, programme: Programme, source, problems: ProblemList) -> None:
    if not programme.from_ <= day <= programme.until:
        mark = source.mark(path)
        problems.add(
            source.path, mark.line, mark.column, dotted(path), "outside_programme", "warning",
            input=day.isoformat(), start=programme.from_.isoformat(), end=programme.until.isoformat(),
        )


def _warn_moved_onto_skipped(
    day: date, c_index: int, series: Series, calendars: dict[str, dict[date, LocalText]], source, problems: ProblemList
) -> None:
    """Moving a date onto a day the rule itself leaves out (a holiday, say) is most likely a slip."""
    for name in series.rule.skip:
        if day in calendars.get(name, {}):
            mark = source.mark(("changes", c_index, "moved_to"))
            problems.add(
                source.path, mark.line, mark.column, f"changes[{c_index}].moved_to", "moved_onto_skipped", "warning",
                input=day.isoformat(), reason=str(calendars[name][day]),
            )
            return


def _replace(occ: Occurrence, **changes) -> Occurrence:
    from dataclasses import replace

    return replace(occ, **changes)


def _span_of_all_rules(content: ValidContent) -> tuple[date, date]:
    """The first and last day any rule can reach: closure calendars are computed for all of it."""
    programme = content.site.programme
    days = [programme.from_, programme.until]
    for centre in content.centres.values():
        for entry in centre.offerings.values():
            for rule in entry.model.schedule:
                days.extend(d for d in (rule.from_, rule.until) if d)
                days.extend(rule.dates)
            days.extend(c.moved_to for c in entry.model.changes if c.moved_to)
    return min(days), max(days)


def expand_content(content: ValidContent, problems: ProblemList) -> Expanded:
    tz = ZoneInfo(content.site.timezone)
    first, last = _span_of_all_rules(content)
    calendars = {name: closure_days(cal, first, last) for name, cal in content.closures.items()}
    offerings: dict[tuple[str, str], ExpandedOffering] = {}
    for centre in content.centres.values():
        for entry in centre.offerings.values():
            offerings[(centre.slug, entry.id)] = expand_offering(centre, entry, content, tz, calendars, problems)
    return Expanded(content, tz, offerings)
