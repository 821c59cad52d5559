"""What every page shares: the ``Page`` a view module describes, links between pages, and the
per-language helpers templates call.

A view module turns the index into ``Page``s (a template, a path per language, and the data the
template needs); ``render.py`` renders each page once per language.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from . import i18n
from .index import SiteIndex
from .types import LocalText


@dataclass
class Page:
    template: str
    paths: dict[str, str]
    """Site path per language; the same page in another language is the language switch's target."""
    data: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    absolute_links: bool = False
    """Links from the site root instead of relative ones (the 404 page is served at any path)."""


def localise(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, LocalText):
        return value.get_lang(lang)
    return str(value)


def text_lang(value: Any, lang: str) -> str:
    """The language a localised text is actually shown in (German when no translation exists)."""
    if isinstance(value, LocalText) and not value.is_translated(lang):
        return "de" if "de" in value else next(iter(value), lang)
    return lang


def local_markup(value: Any, lang: str) -> Markup:
    """A localised text for the page body, wrapped in ``<span lang>`` when shown in another language."""
    text = localise(value, lang)
    shown = text_lang(value, lang)
    if shown == lang:
        return escape(text)
    direction = ' dir="rtl"' if i18n.text_direction(shown) == "rtl" else ""
    return Markup('<span lang="{}"{}>{}</span>').format(shown, Markup(direction), text)


def lang_attribute(value: Any, lang: str) -> Markup:
    """`` lang="de"`` for an element whose text is shown in another language than the page's."""
    shown = text_lang(value, lang)
    if shown == lang:
        return Markup("")
    direction = ' dir="rtl"' if i18n.text_direction(shown) == "rtl" else ""
    return Markup(' lang="{}"').format(shown) + Markup(direction)


@functools.lru_cache(maxsize=65536)
def relative(target: str, current: str) -> str:
    """A link from the page at ``current`` to the site path ``target``, e.g. ``../../static/site.css``."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    base = current if current.endswith("/") else posixpath.dirname(current) + "/"
    rel = posixpath.relpath(path, base)
    if path.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (hash_ + fragment)


class ByLang(dict):
    """A value that differs by language; ``render`` picks the page language's entry."""


def per_language(index: SiteIndex, make: Callable[[str], Any]) -> ByLang:
    return ByLang({lang: make(lang) for lang in index.languages})


def resolve(value: Any, lang: str) -> Any:
    """``value`` with every ``ByLang`` in it (at the top or one dict down) resolved to ``lang``."""
    if isinstance(value, ByLang):
        return value[lang]
    if type(value) is dict:  # not LocalText, which is a dict too
        return {k: v[lang] if isinstance(v, ByLang) else v for k, v in value.items()}
    return value


def feed(index: SiteIndex, path: Callable[[str], str], title: Any, single: bool) -> dict[str, Any]:
    """The context of the feeds engineer's ``partials/subscribe.html``."""
    return {
        "path": per_language(index, path),
        "title": per_language(index, lambda lang: localise(title, lang)),
        "single": single,
    }


def base_path(index: SiteIndex) -> str:
    return urlsplit(index.site.base_url).path.rstrip("/")


def linker(index: SiteIndex, page: Page, lang: str) -> Callable[[str], str]:
    current = page.paths[lang]
    if page.absolute_links:
        prefix = base_path(index)
        return lambda target: prefix + target
    return lambda target: relative(target, current)


def helpers(index: SiteIndex, lang: str) -> dict[str, Any]:
    """Formatting helpers bound to one language, for templates."""
    return {
        "t": lambda value: localise(value, lang),
        "lt": lambda value: local_markup(value, lang),
        "lang_attr": lambda value: lang_attribute(value, lang),
        "text_lang": lambda value: text_lang(value, lang),
        "long_date": lambda d: i18n.long_date(d, lang),
        "short_date": lambda d: i18n.short_date(d, lang),
        "day_month": lambda d, year=False: i18n.day_month(d, lang, year),
        "time_span": lambda a, b: i18n.time_span(a, b, lang),
        "month_year": lambda y, m: i18n.month_year(y, m, lang),
        "money": lambda amount: i18n.money(amount, lang),
        "language_name": lambda code: i18n.language_name(code, lang),
        "autonym": i18n.autonym,
        "text_direction": i18n.text_direction,
        "other_versions": lambda value: [(code, text) for code, text in sorted((value or {}).items())
                                         if code not in index.languages],
        "join_words": lambda items: i18n.join_words(list(items), lang),
    }
