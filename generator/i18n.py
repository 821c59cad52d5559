"""Languages: gettext catalogues for UI strings, and dates and times as each language writes them.

UI strings in templates and code are English msgids translated through the catalogues in
``generator/locale/<lang>/LC_MESSAGES/messages.po`` (German is a catalogue like any other). The
``.po`` files are compiled in memory when a build starts, so no binary ``.mo`` is committed.
"""

from __future__ import annotations

import functools
import io
from datetime import date, datetime, time
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_currency
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "ku"}


@functools.lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def text_direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def _locale(lang: str) -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(lang, lang)


@functools.lru_cache(maxsize=4096)
def long_date(day: date | datetime, lang: str) -> str:
    """``Dienstag, 9. März 2027`` / ``Tuesday, 9 March 2027``."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="full", locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def short_date(day: date | datetime, lang: str) -> str:
    """``Di., 9. März`` / ``Tue, 9 Mar``."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="EEE, d. MMM" if lang == "de" else "EEE d MMM", locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def clock(value: time | datetime, lang: str) -> str:
    """``14 Uhr`` / ``14:30 Uhr`` in German, ``2 pm`` / ``2:30 pm`` in English."""
    if isinstance(value, datetime):
        value = value.timetz().replace(tzinfo=None)
    if lang == "de":
        return f"{value.hour}" if value.minute == 0 else f"{value.hour}:{value.minute:02d}"
    if lang == "en":
        suffix = "am" if value.hour < 12 else "pm"
        hour = value.hour % 12 or 12
        return f"{hour} {suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d} {suffix}"
    return format_time(value, format="short", locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def time_span(start: time | datetime, end: time | datetime, lang: str) -> str:
    """``14 bis 16 Uhr`` / ``2 pm to 4 pm``."""
    if lang == "de":
        return f"{clock(start, lang)} bis {clock(end, lang)} Uhr"
    return f"{clock(start, lang)} to {clock(end, lang)}"


@functools.lru_cache(maxsize=4096)
def weekday_name(index: int, lang: str) -> str:
    """``Dienstag`` / ``Tuesday`` for 0 = Monday … 6 = Sunday."""
    return get_day_names("wide", locale=_locale(lang))[index]


@functools.lru_cache(maxsize=4096)
def day_month(day: date, lang: str, year: bool = False) -> str:
    """``9. März`` / ``9 March`` (with the year when asked)."""
    if lang == "de":
        pattern = "d. MMMM y" if year else "d. MMMM"
    else:
        pattern = "d MMMM y" if year else "d MMMM"
    return format_date(day, format=pattern, locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def month_year(year: int, month: int, lang: str) -> str:
    """``März 2027`` / ``March 2027``."""
    return format_date(date(year, month, 1), format="LLLL y", locale=_locale(lang))




def join_words(items: list[str], lang: str) -> str:
    """``A, B und C`` / ``A, B and C``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    word = gettext(lang, "and")
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


@functools.lru_cache(maxsize=4096)
def money(amount: float, lang: str) -> str:
    """``2,50 €`` / ``€2.50``; whole euros without cents (``3 €``)."""
    fmt = "#,##0\xa0¤" if lang == "de" else "¤#,##0"
    if amount != int(amount):
        fmt = "#,##0.00\xa0¤" if lang == "de" else "¤#,##0.00"
    return format_currency(amount, "EUR", format=fmt, locale=_locale(lang), currency_digits=False)




@functools.lru_cache(maxsize=4096)
def language_name(code: str, lang: str) -> str:
    """The name of a language in the page's language: ``Arabisch`` / ``Arabic``."""
    try:
        name = Locale.parse(code).get_display_name(_locale(lang)) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=4096)
def autonym(code: str) -> str:
    """A language's own name for itself: ``Deutsch``, ``English``, ``العربية``."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]
