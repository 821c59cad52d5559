"""Information pages from ``content/pages/*.md``, each in every site language.

A page with ``lang: en`` and ``translation_of: <slug>`` is the English version of ``<slug>``.
Where no translation exists the page is still published in every language (so the language
switch always has a target), showing the original text marked with its own ``lang``.
"""

from __future__ import annotations

from .index import SiteIndex
from .validate import PageEntry
from .views import ByLang, Page, per_language

EASY_LANGUAGE = "leichte-sprache"
"""Slug of the easy-language page linked from every page's header."""


def page_groups(index: SiteIndex) -> dict[str, dict[str, PageEntry]]:
    """Pages by their German slug, then by language."""
    groups: dict[str, dict[str, PageEntry]] = {}
    for entry in index.pages:
        key = entry.model.translation_of or entry.slug
        groups.setdefault(key, {}).setdefault(entry.model.lang, entry)
    return groups


def _pick(versions: dict[str, PageEntry], lang: str, default: str) -> PageEntry:
    return versions.get(lang) or versions.get(default) or next(iter(sorted(versions.items())))[1]


def page_path(index: SiteIndex, slug: str, lang: str) -> str:
    """Path of the information page ``slug`` in ``lang``: translations live at the original's slug
    (``/en/info/barrierefreiheit/``), so editors link between pages the same way in every language."""
    return index.urls.page(slug, lang)


def info_pages(index: SiteIndex) -> list[Page]:
    default = index.languages[0]
    easy = [o for o in index.offerings.values() if o.model.easy_language]
    easy.sort(key=lambda o: (str(o.model.title).lower(), o.centre.slug))
    pages = []
    for slug, versions in sorted(page_groups(index).items()):
        chosen = ByLang({lang: _pick(versions, lang, default) for lang in index.languages})
        pages.append(Page("page.html", per_language(index, lambda lang: page_path(index, slug, lang)), {
            "entry": chosen,
            "slug": slug,
            "easy_offerings": easy if slug == EASY_LANGUAGE else [],
        }))
    return pages


def footer_links(index: SiteIndex) -> list[tuple[str, dict[str, PageEntry]]]:
    """(slug, versions) of every information page, in the editors' order."""
    groups = page_groups(index)
    default = index.languages[0]

    def order(item: tuple[str, dict[str, PageEntry]]) -> tuple:
        entry = _pick(item[1], default, default)
        return (entry.model.order, item[0])

    return sorted(groups.items(), key=order)
