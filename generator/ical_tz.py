"""A VTIMEZONE for the site's time zone, in the form calendar apps themselves publish.

Google, Outlook and Thunderbird write Europe/Berlin as two sub-components with a yearly RRULE
("last Sunday in March at 02:00", "last Sunday in October at 03:00"), and that is the form every
client reads. icalendar's ``Timezone.from_tzinfo`` writes RDATE lists instead, and puts the onset
in the local time *after* the change, whereas RFC 5545 (3.6.5) counts it in the time before.

So we read the transitions from ``zoneinfo`` ourselves: when every year of the range has the
same rule, we write the RRULE form; otherwise (zones that changed their rules) one RDATE list per
kind of transition. Pure: the same zone and years always give the same bytes.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Component, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    onset: datetime  # naive local wall-clock time before the change (RFC 5545 3.6.5)
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def kind(self) -> tuple:
        return (self.offset_from, self.offset_to, self.name, self.daylight)

    def yearly_rule(self) -> tuple[int, str, str] | None:
        """(month, BYDAY, onset time) when the onset is the n-th or last weekday of its month."""
        day = self.onset.day
        last = calendar.monthrange(self.onset.year, self.onset.month)[1]
        code = _WEEKDAY_CODES[self.onset.weekday()]
        position = "-1" if day + 7 > last else str((day - 1) // 7 + 1)
        return self.onset.month, position + code, self.onset.strftime("%H%M%S")


def transitions(tz: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of UTC offset in the years given, found hour by hour and then to the minute."""
    out: list[Transition] = []
    moment = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    end = datetime(last_year + 1, 1, 1, tzinfo=timezone.utc)
    previous = moment.astimezone(tz).utcoffset()
    step = timedelta(hours=1)
    while moment < end:
        following = moment + step
        offset = following.astimezone(tz).utcoffset()
        if offset != previous:
            exact = moment
            while (exact + timedelta(minutes=1)).astimezone(tz).utcoffset() == previous:
                exact += timedelta(minutes=1)
            exact += timedelta(minutes=1)
            after = exact.astimezone(tz)
            out.append(Transition(
                onset=(exact + previous).replace(tzinfo=None),
                offset_from=previous,
                offset_to=offset,
                name=after.tzname() or "",
                daylight=bool(after.dst()),
            ))
            previous = offset
        moment = following
    return out


def _sub(trans: Transition) -> Component:
    sub = TimezoneDaylight() if trans.daylight else TimezoneStandard()
    sub.add("dtstart", trans.onset)
    sub.add("tzoffsetfrom", trans.offset_from)
    sub.add("tzoffsetto", trans.offset_to)
    if trans.name:
        sub.add("tzname", trans.name)
    return sub


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` valid at least from ``first_year`` to ``last_year``."""
    tz = ZoneInfo(tzid)
    found = transitions(tz, first_year, last_year)
    component = Timezone()
    component.add("tzid", tzid)
    component.add("x-lic-location", tzid)
    if not found:
        # No changes in the range: one STANDARD with the fixed offset.
        moment = datetime(first_year, 1, 1, tzinfo=timezone.utc).astimezone(tz)
        fixed = Transition(datetime(first_year, 1, 1), moment.utcoffset(), moment.utcoffset(),
                           moment.tzname() or "", False)
        component.add_component(_sub(fixed))
        return component
    groups: dict[tuple, list[Transition]] = {}
    for trans in found:
        groups.setdefault(trans.kind, []).append(trans)
    yearly = all(len({t.yearly_rule() for t in group}) == 1 for group in groups.values())
    years = {t.onset.year for t in found}
    regular = yearly and all(len(g) == len(years) for g in groups.values())
    # The first onset sets the offset for times before it, so begin a year earlier than needed.
    for group in sorted(groups.values(), key=lambda g: g[0].onset):
        sub = _sub(group[0])
        if regular:
            month, byday, _ = group[0].yearly_rule()
            sub.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": byday}))
        elif len(group) > 1:
            for trans in group[1:]:
                sub.add("rdate", trans.onset)
        component.add_component(sub)
    return component
