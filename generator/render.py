"""Stage 5: render pages through the theme's Jinja templates into ``Artifacts``.

The site is a short list of page types (``PAGE_TYPES``); each is a function in a view module that
turns the index into ``Page``s. Every page is rendered once per language with the same helpers;
``sitemap.xml`` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import i18n, pages, seo, views_centre, views_site
from .index import SiteIndex, room_by_id
from .markup import render_markdown
from .views import Page, helpers, linker, resolve
from .views_dates import capfirst, rule_sentence, rule_time, rule_when, skipped_calendars, time_of
from .write import Artifacts

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"

PAGE_TYPES: tuple[Callable[[SiteIndex], list[Page]], ...] = (
    views_site.home_pages,  # home, centres overview
    views_centre.centre_pages,  # centre, offering, annual programme (print)
    views_site.calendar_pages,  # months for the city and per centre
    views_site.topic_pages,  # categories, audiences, districts
    pages.info_pages,  # content/pages
    views_site.special_pages,  # easy language, 404
)


@dataclass
class Theme:
    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"


def make_environment(theme: Theme) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(theme.templates)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        auto_reload=False,
    )
    env.filters["markdown"] = lambda text, heading_base=2: Markup(render_markdown(text, heading_base))
    env.filters["capfirst"] = capfirst
    return env


def language_context(index: SiteIndex, lang: str) -> dict[str, Any]:
    """What every page in ``lang`` shares: the site, the index and helpers bound to the language."""
    site = index.site
    programme = site.programme
    closure_names = {name: cal.name for name, cal in index.expanded.content.closures.items()}
    return {
        "site": site,
        "index": index,
        "urls": index.urls,
        "lang": lang,
        "dir": i18n.text_direction(lang),
        "abs_url": lambda path: index.urls.absolute(site.base_url, path),
        "today": index.today,
        "section": lambda key: views_site.section(index, key, lang),
        "centre_month": lambda slug, y, m: views_site.centre_month(index, slug, y, m, lang),
        "easy_language_path": pages.page_path(index, pages.EASY_LANGUAGE, lang),
        "footer_pages": pages.footer_links(index),
        "info_path": lambda slug: pages.page_path(index, slug, lang),
        "rule_sentence": lambda rule: rule_sentence(rule, programme, lang),
        "rule_when": lambda rule: rule_when(rule, programme, lang),
        "rule_time": lambda rule: rule_time(rule, lang),
        "time_of": lambda occ: time_of(occ, lang),
        "skipped_calendars": lambda series: skipped_calendars(series, closure_names, lang),
        "weekday_name": lambda number: i18n.weekday_name(number, lang),
        "weekdays_text": lambda numbers: i18n.join_words([i18n.weekday_name(n, lang) for n in numbers], lang),
        "offering_room": lambda offering, room_id: room_by_id(offering.centre, room_id),
        "offering_of": index.offering_of,
        **helpers(index, lang),
    }


def render_page(env: Environment, index: SiteIndex, page: Page, lang: str, shared: dict[str, Any]) -> str:
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    context = {
        **shared,
        "page_path": page.paths[lang],
        "alternates": page.paths,
        "url": linker(index, page, lang),
        **{key: resolve(value, lang) for key, value in page.data.items()},
    }
    return env.get_template(page.template).render(context)


def render_site(index: SiteIndex, theme: Theme | None = None) -> Artifacts:
    theme = theme or Theme(DEFAULT_THEME)
    env = make_environment(theme)
    artifacts = Artifacts()
    shared = {lang: language_context(index, lang) for lang in index.languages}
    listed: list[str] = []
    for page_type in PAGE_TYPES:
        for page in page_type(index):
            for lang in index.languages:
                html = render_page(env, index, page, lang, shared[lang])
                artifacts.add(page.paths[lang], html, origin=page.template)
            if page.in_sitemap:
                listed.extend(page.paths.values())
    artifacts.add("sitemap.xml", seo.sitemap(index, listed), origin="sitemap")
    artifacts.add("robots.txt", f"Sitemap: {index.urls.absolute(index.site.base_url, '/sitemap.xml')}\n", origin="robots")
    for path in sorted(p for p in theme.static.rglob("*") if p.is_file()):
        artifacts.add("static/" + path.relative_to(theme.static).as_posix(), path.read_bytes(), origin="theme")
    return artifacts
