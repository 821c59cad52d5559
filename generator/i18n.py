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

from babel.dates import format_date, format_time
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


def long_date(day: date | datetime, lang: str) -> str:
    """``Dienstag, 9. März 2027`` / ``Tuesday, 9 March 2027``."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="full", locale=_locale(lang))


def short_date(day: date | datetime, lang: str) -> str:
    """``Di., 9. März`` / ``Tue, 9 Mar``."""
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format="EEE, d. MMM" if lang == "de" else "EEE d MMM", locale=_locale(lang))


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


def time_span(start: time | datetime, end: time | datetime, lang: str) -> str:
    """``14 bis 16 Uhr`` / ``2 pm to 4 pm``."""
    if lang == "de":
        return f"{clock(start, lang)} bis {clock(end, lang)} Uhr"
    return f"{clock(start, lang)} to {clock(end, lang)}"
