"""Small value types shared by the content model: texts in several languages, time ranges,
weekdays and monthly positions, language codes, slugs.

Each type parses the form editors write ("14:00-16:00", "2nd wednesday") and raises a
``PydanticCustomError`` whose code has a plain-language message in ``messages.py``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import time
from typing import Annotated, Any

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# German and common short names editors type; the hint then names the English key.
WEEKDAY_ALIASES = {
    "montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday", "donnerstag": "thursday",
    "freitag": "friday", "samstag": "saturday", "sonnabend": "saturday", "sonntag": "sunday",
    "mo": "monday", "di": "tuesday", "mi": "wednesday", "do": "thursday", "fr": "friday",
    "sa": "saturday", "so": "sunday", "mon": "monday", "tue": "tuesday", "wed": "wednesday",
    "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday",
}
ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
ORDINAL_ALIASES = {
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "1.": "1st", "2.": "2nd", "3.": "3rd", "4.": "4th", "5.": "5th", "letzter": "last", "letzten": "last",
    "1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "5": "5th",
}


def did_you_mean(value: str, choices: list[str] | tuple[str, ...], aliases: dict[str, str] | None = None) -> str:
    """The closest known choice to a misspelt value, or '' when nothing is close."""
    low = str(value).strip().lower()
    if aliases and low in aliases:
        return aliases[low]
    if low in choices:
        return low
    close = difflib.get_close_matches(low, list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def choices_hint(choices: list[str] | tuple[str, ...], limit: int = 12) -> str:
    shown = [f'"{c}"' for c in list(choices)[:limit]]
    more = " …" if len(choices) > limit else ""
    return ", ".join(shown) + more


# --- texts in several languages ------------------------------------------------------------


class LocalText(dict):
    """A text with one entry per language code; ``str(text)`` and ``text.get_lang`` fall back
    to German, then to any language given, so a plain string serves every language."""

    def get_lang(self, lang: str, fallback: str = "de") -> str:
        if lang in self:
            return self[lang]
        if fallback in self:
            return self[fallback]
        return next(iter(self.values()), "")

    def is_translated(self, lang: str) -> bool:
        return lang in self

    def __str__(self) -> str:
        return self.get_lang("de")


def _to_local_text(value: Any) -> LocalText:
    if isinstance(value, LocalText):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "empty text")
        return LocalText(de=value.strip())
    if isinstance(value, dict):
        out = LocalText()
        for key, text in value.items():
            check_language(str(key))
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError("text_empty", "empty text")
            out[str(key)] = text.strip()
        if not out:
            raise PydanticCustomError("text_empty", "empty text")
        return out
    raise PydanticCustomError("text_type", "not a text")


Text = Annotated[
    LocalText,
    PlainValidator(_to_local_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "Text in German, or one entry per language code: {de: …, en: …}",
        }
    ),
]


# --- language codes ------------------------------------------------------------------------


def check_language(code: str) -> str:
    code = str(code).strip()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise PydanticCustomError("language_code", "not a language code", {"input": code})
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise PydanticCustomError("language_code", "not a language code", {"input": code}) from None
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(check_language),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}$", "description": "ISO 639-1 language code, e.g. de, en, ar, uk"}),
]


# --- slugs ---------------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def check_slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, str(value)):
        raise PydanticCustomError("slug", "not a slug", {"input": str(value)})
    return str(value)


Slug = Annotated[
    str,
    AfterValidator(check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "description": "lower-case letters, digits and hyphens"}),
]


# --- times ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRange:
    """A local wall-clock time range within one day, e.g. 14:00-16:00."""

    start: time
    end: time
    until_midnight: bool = False
    """The range ends at 24:00, i.e. at 00:00 of the next day (``end`` is then 00:00)."""

    def __str__(self) -> str:
        end = "24:00" if self.until_midnight else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}"


_TIME_RANGE = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|—|bis)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr)?\s*$", re.I
)


def _parse_time_range(value: Any) -> TimeRange:
    if isinstance(value, TimeRange):
        return value
    match = _TIME_RANGE.match(str(value))
    if not match:
        raise PydanticCustomError("time_range", "not a time range", {"input": str(value)})
    h1, m1, h2, m2 = match.groups()
    midnight = int(h2) == 24 and int(m2 or 0) == 0
    try:
        start = time(int(h1), int(m1 or 0))
        end = time(0, 0) if midnight else time(int(h2), int(m2 or 0))
    except ValueError:
        raise PydanticCustomError("time_invalid", "not a time", {"input": str(value)}) from None
    if not midnight and end <= start:
        raise PydanticCustomError("time_end_before_start", "end before start", {"input": str(value)})
    return TimeRange(start, end, until_midnight=midnight)


TimeRangeField = Annotated[
    TimeRange,
    PlainValidator(_parse_time_range),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{1,2}[:.]\d{2}\s*-\s*\d{1,2}[:.]\d{2}$",
            "description": "start-end in local time, e.g. 14:00-16:00",
            "examples": ["14:00-16:00", "09:30-11:00"],
        }
    ),
]


# --- weekdays and monthly positions --------------------------------------------------------


def _parse_weekday(value: Any) -> str:
    low = str(value).strip().lower()
    if low in WEEKDAYS:
        return low
    raise PydanticCustomError(
        "weekday", "not a weekday", {"input": str(value), "suggestion": did_you_mean(low, WEEKDAYS, WEEKDAY_ALIASES)}
    )


Weekday = Annotated[
    str,
    BeforeValidator(_parse_weekday),
    WithJsonSchema({"type": "string", "enum": list(WEEKDAYS)}),
]


@dataclass(frozen=True)
class MonthlyDay:
    """The nth (or last) weekday of a month, e.g. 2nd wednesday."""

    nth: int  # 1..5, or -1 for the last
    weekday: str

    def __str__(self) -> str:
        word = next(k for k, v in ORDINALS.items() if v == self.nth)
        return f"{word} {self.weekday}"


def _parse_monthly_day(value: Any) -> MonthlyDay:
    if isinstance(value, MonthlyDay):
        return value
    text = str(value).strip().lower()
    parts = text.split()
    if len(parts) == 2:
        ordinal = ORDINAL_ALIASES.get(parts[0], parts[0])
        weekday = WEEKDAY_ALIASES.get(parts[1], parts[1])
        if ordinal in ORDINALS and weekday in WEEKDAYS:
            if ordinal == parts[0] and weekday == parts[1]:
                return MonthlyDay(ORDINALS[ordinal], weekday)
            raise PydanticCustomError(
                "monthly_day", "not a monthly day", {"input": str(value), "suggestion": f"{ordinal} {weekday}"}
            )
        suggestion = ""
        ord_guess = did_you_mean(ordinal, tuple(ORDINALS))
        day_guess = did_you_mean(weekday, WEEKDAYS, WEEKDAY_ALIASES)
        if ord_guess and day_guess:
            suggestion = f"{ord_guess} {day_guess}"
        raise PydanticCustomError("monthly_day", "not a monthly day", {"input": str(value), "suggestion": suggestion})
    raise PydanticCustomError("monthly_day", "not a monthly day", {"input": str(value), "suggestion": ""})


MonthlyDayField = Annotated[
    MonthlyDay,
    PlainValidator(_parse_monthly_day),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^(1st|2nd|3rd|4th|5th|last) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
            "examples": ["2nd wednesday", "last friday"],
        }
    ),
]


def _parse_on_item(value: Any) -> str | MonthlyDay:
    """A weekday ("tuesday") for weekly rules or a position ("2nd wednesday") for monthly ones."""
    if isinstance(value, MonthlyDay):
        return value
    if len(str(value).split()) >= 2:
        return _parse_monthly_day(value)
    return _parse_weekday(value)


OnItem = Annotated[
    str | MonthlyDay,
    PlainValidator(_parse_on_item),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^((1st|2nd|3rd|4th|5th|last) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
            "examples": ["tuesday", "2nd wednesday", "last friday"],
        }
    ),
]


def on_one_or_many(value: Any) -> Any:
    """Like ``one_or_many``, but "tuesday, thursday" without brackets gets its own hint."""
    if isinstance(value, str) and "," in value:
        items = ", ".join(part.strip() for part in value.split(",") if part.strip())
        raise PydanticCustomError("on_list", "several days without brackets", {"input": value, "items": items})
    return one_or_many(value)


def one_or_many(value: Any) -> Any:
    """Let editors write ``on: tuesday`` as well as ``on: [tuesday, thursday]``."""
    if value is None or isinstance(value, list):
        return value
    return [value]
