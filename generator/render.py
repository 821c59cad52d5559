"""Stage 5: render pages through the theme's Jinja templates into ``Artifacts``.

Each page type has one function that names its template and its context; nothing is shared
between pages but the index and a few per-language helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import i18n
from .index import SiteIndex
from .markup import render_markdown
from .types import LocalText
from .write import Artifacts

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"


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
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["markdown"] = render_markdown
    return env


def _local(lang: str):
    def local(text: Any) -> str:
        if text is None:
            return ""
        if isinstance(text, LocalText):
            return text.get_lang(lang)
        return str(text)

    return local


def _context(index: SiteIndex, lang: str, path: str) -> dict[str, Any]:
    site = index.site
    translations = i18n.translations(lang)
    return {
        "site": site,
        "index": index,
        "urls": index.urls,
        "lang": lang,
        "dir": i18n.text_direction(lang),
        "page_path": path,
        "t": _local(lang),
        "_": translations.gettext,
        "long_date": lambda d: i18n.long_date(d, lang),
        "short_date": lambda d: i18n.short_date(d, lang),
        "time_span": lambda a, b: i18n.time_span(a, b, lang),
        "today": index.today,
    }


def _render(env: Environment, artifacts: Artifacts, index: SiteIndex, lang: str, path: str, template: str, **extra: Any) -> None:
    translations = i18n.translations(lang)
    env.install_gettext_translations(translations, newstyle=True)
    context = _context(index, lang, path)
    context.update(extra)
    artifacts.add(path, env.get_template(template).render(context), origin=template)


def render_site(index: SiteIndex, theme: Theme | None = None) -> Artifacts:
    theme = theme or Theme(DEFAULT_THEME)
    env = make_environment(theme)
    artifacts = Artifacts()
    for lang in index.languages:
        urls = index.urls
        _render(env, artifacts, index, lang, urls.home(lang), "home.html")
        for centre in index.centres:
            _render(env, artifacts, index, lang, urls.centre(centre.slug, lang), "centre.html", centre=centre)
            for offering in centre.offerings:
                _render(
                    env, artifacts, index, lang, urls.offering(centre.slug, offering.id, lang), "offering.html",
                    centre=centre, offering=offering,
                )
    for path in sorted(p for p in theme.static.rglob("*") if p.is_file()):
        artifacts.add("static/" + path.relative_to(theme.static).as_posix(), path.read_bytes(), origin="theme")
    return artifacts
