"""Schedules in words, the way people say them: "jeden Dienstag, 14 bis 16 Uhr" /
"every Tuesday, 2 pm to 4 pm", and dates grouped by month or day for listings.

Pure functions of the schedule rule, the programme period and the language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from . import i18n
from .expand import Occurrence, Series
from .model import Programme, Rule
from .types import WEEKDAYS, LocalText, MonthlyDay

def _nth(nth: int, lang: str) -> str:
    if nth == -1:
        return "letzten" if lang == "de" else "last"
    if lang == "de":
        return f"{nth}."
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(nth, f"{nth}th")


def _weekly(rule: Rule, lang: str) -> str:
    days = i18n.join_words([i18n.weekday_name(WEEKDAYS.index(d), lang) for d in rule.on or []], lang)
    if lang == "de":
        if rule.every == 1:
            return f"jeden {days}"
        if rule.every == 2:
            return f"jeden zweiten {days}"
        return f"alle {rule.every} Wochen am {days}"
    if rule.every == 1:
        return f"every {days}"
    if rule.every == 2:
        return f"every other {days}"
    return f"every {rule.every} weeks on {days}"


def _monthly(rule: Rule, lang: str) -> str:
    positions: list[MonthlyDay] = [p for p in rule.on or [] if isinstance(p, MonthlyDay)]
    weekdays = {p.weekday for p in positions}
    if len(weekdays) == 1:
        # "2. und 4. Mittwoch" reads better than "2. Mittwoch und 4. Mittwoch".
        day = i18n.weekday_name(WEEKDAYS.index(positions[0].weekday), lang)
        which = f"{i18n.join_words([_nth(p.nth, lang) for p in positions], lang)} {day}"
    else:
        which = i18n.join_words(
            [f"{_nth(p.nth, lang)} {i18n.weekday_name(WEEKDAYS.index(p.weekday), lang)}" for p in positions], lang
        )
    if lang == "de":
        return f"jeden {which} im Monat" if rule.every == 1 else f"alle {rule.every} Monate am {which}"
    return f"on the {which} of the month" if rule.every == 1 else f"every {rule.every} months on the {which}"


def _dates(days: list[date], lang: str) -> str:
    if not days:
        return ""
    if len(days) > 5:
        first, last = i18n.day_month(days[0], lang), i18n.day_month(days[-1], lang)
        if lang == "de":
            return f"an {len(days)} Terminen vom {first} bis {last}"
        return f"on {len(days)} dates from {first} to {last}"
    words = i18n.join_words([i18n.day_month(d, lang) for d in days], lang)
    return f"am {words}" if lang == "de" else f"on {words}"


def _period(rule: Rule, programme: Programme, lang: str) -> str:
    start = rule.from_ if rule.from_ and rule.from_ > programme.from_ else None
    end = rule.until if rule.until and rule.until < programme.until else None
    if start and end:
        a, b = i18n.day_month(start, lang), i18n.day_month(end, lang)
        return f"vom {a} bis {b}" if lang == "de" else f"from {a} to {b}"
    if start:
        return f"ab {i18n.day_month(start, lang)}" if lang == "de" else f"from {i18n.day_month(start, lang)}"
    if end:
        return f"bis {i18n.day_month(end, lang)}" if lang == "de" else f"until {i18n.day_month(end, lang)}"
    return ""


def rule_when(rule: Rule, programme: Programme, lang: str) -> str:
    """The days of a rule in words: ``jeden 2. Mittwoch im Monat, ab 1. März``."""
    if rule.repeat == "weekly":
        parts = [_weekly(rule, lang)]
    elif rule.repeat == "monthly":
        parts = [_monthly(rule, lang)]
    else:
        return _dates(sorted(rule.dates), lang)
    period = _period(rule, programme, lang)
    if period:
        parts.append(period)
    if rule.dates:
        extra = i18n.join_words([i18n.day_month(d, lang) for d in sorted(rule.dates)], lang)
        parts.append(f"außerdem am {extra}" if lang == "de" else f"also on {extra}")
    return ", ".join(parts)


def rule_time(rule: Rule, lang: str) -> str:
    if rule.all_day or rule.time is None:
        return i18n.gettext(lang, "all day")
    return i18n.time_span(rule.time.start, rule.time.end, lang)


def rule_sentence(rule: Rule, programme: Programme, lang: str) -> str:
    """``jeden Dienstag, 14 bis 16 Uhr`` / ``every Tuesday, 2 pm to 4 pm``."""
    return f"{rule_when(rule, programme, lang)}, {rule_time(rule, lang)}"


def skipped_calendars(series: Series, names: dict[str, LocalText], lang: str) -> str:
    """``Gesetzliche Feiertage in Sachsen`` for the closure calendars a rule skips."""
    return i18n.join_words([names[n].get_lang(lang) if n in names else n for n in series.rule.skip], lang)


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class MonthGroup:
    year: int
    month: int
    occurrences: list[Occurrence]


def by_month(occurrences: list[Occurrence]) -> list[MonthGroup]:
    return [MonthGroup(y, m, list(items)) for (y, m), items in groupby(occurrences, key=lambda o: (o.day.year, o.day.month))]


@dataclass
class DayGroup:
    day: date
    occurrences: list[Occurrence]


def by_day(occurrences: list[Occurrence]) -> list[DayGroup]:
    return [DayGroup(d, list(items)) for d, items in groupby(occurrences, key=lambda o: o.day)]


def time_of(occurrence: Occurrence, lang: str) -> str:
    if occurrence.all_day:
        return i18n.gettext(lang, "all day")
    return i18n.time_span(occurrence.start, occurrence.end, lang)
