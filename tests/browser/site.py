"""The built example site as the browser tests see it: its pages grouped into page types.

A page type is the shape of a page's path with the variable parts replaced: centre and offering
slugs, district/category/audience keys and numbers become ``*``. Information pages keep their slug,
because each one (accessibility statement, easy-language page, ...) is a page type of its own.
New kinds of pages therefore show up as new types without touching the tests.
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
TODAY = "2027-01-01"

# The public URL scheme (DESIGN.md, "Output"): collection words per language.
COLLECTIONS = {
    "centre": {"zentren", "centres"},
    "month": {"kalender", "calendar"},
    "category": {"kategorien", "categories"},
    "audience": {"zielgruppen", "audiences"},
    "district": {"stadtteile", "districts"},
    "info": {"info"},
    "programme": {"jahresprogramm", "annual-programme"},
}
_WORD_KIND = {word: kind for kind, words in COLLECTIONS.items() for word in words}


@dataclass
class PageType:
    shape: str                      # e.g. "/en/centres/*/*/"
    kind: str                       # home, centre, offering, month, category, ..., other
    lang: str
    files: list[str] = field(default_factory=list)   # output-relative paths, sorted
    sample: str = ""  # the representative page: the largest of its type (most to check)
    variant: str = ""  # "" for the largest page, "smallest" for the edge case (one date, few entries)

    def url_path(self, rel: str | None = None) -> str:
        return url_path(rel or self.sample)


def url_path(rel: str) -> str:
    """The URL path a file is served at: ``a/b/index.html`` → ``/a/b/``."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


@cache
def _slugs(content: Path) -> tuple[frozenset[str], list[str]]:
    """Variable path segments (slugs and keys from the content) and the site's languages."""
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8")) or {}
    names: set[str] = set()
    for key in ("districts", "categories", "audiences"):
        names.update(str(k) for k in (site.get(key) or {}))
    centres = content / "centres"
    if centres.is_dir():
        for centre in centres.iterdir():
            if centre.is_dir():
                names.add(centre.name)
                names.update(p.stem for p in centre.glob("offerings/*.md"))
    return frozenset(names), [str(lang) for lang in site.get("languages") or ["de"]]


def classify(rel: str, content: Path = CONTENT) -> tuple[str, str, str]:
    """(shape, kind, lang) of an output-relative HTML path."""
    slugs, languages = _slugs(content)
    parts = url_path(rel).strip("/").split("/") if rel != "index.html" else []
    lang = languages[0]
    if parts and parts[0] in languages[1:]:
        lang = parts[0]
    body = parts[1:] if lang != languages[0] else parts
    shape_body = ["*" if (p in slugs or p.isdigit()) else p for p in body]
    prefix = [] if lang == languages[0] else [lang]
    shape = "/" + "/".join(prefix + shape_body)
    if not rel.endswith(".html") or rel.endswith("index.html"):
        shape = shape.rstrip("/") + "/"
    return shape, _kind(shape_body, rel), lang


def _kind(body: list[str], rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    if name.startswith("404"):
        return "404"
    if not body:
        return "home"
    kind = _WORD_KIND.get(body[0], "other")
    if kind == "centre":
        if body == [body[0]]:
            return "centres"
        if body[1:] == ["*"]:
            return "centre"
        if body[1:] == ["*", "*"]:
            return "offering"
        return "centre-" + "-".join(p for p in body[2:] if p != "*") if "*" in body else "other"
    if kind == "month" and len(body) == 1:
        return "calendar"
    if kind == "month" and len(body) > 3:
        return "centre-month"
    if kind in ("category", "audience", "district") and len(body) == 1:
        return kind + "-list"
    if kind == "info":
        return "info" if len(body) > 1 else "info-list"
    return kind


def page_types(out: Path, content: Path = CONTENT) -> list[PageType]:
    """Every page type in a built site, sorted by shape."""
    types: dict[str, PageType] = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        shape, kind, lang = classify(rel, content)
        types.setdefault(shape, PageType(shape, kind, lang)).files.append(rel)
    for t in types.values():
        t.sample = max(t.files, key=lambda r: ((out / r).stat().st_size, r))
    return [types[s] for s in sorted(types)]


_BUILT: dict[str, Path] = {}


def built_output() -> Path:
    """Build the example content once per process (at collection, so tests can be parametrised
    by page type), into a temporary folder removed at exit. ``KNZ_TEST_SITE=<folder>`` checks an
    already built site instead (handy while working on the theme)."""
    if "out" not in _BUILT and os.environ.get("KNZ_TEST_SITE"):
        _BUILT["out"] = Path(os.environ["KNZ_TEST_SITE"]).resolve()
    if "out" not in _BUILT:
        from conftest import knz  # the suite's own CLI runner

        tmp = Path(tempfile.mkdtemp(prefix="knz-browser-"))
        atexit.register(shutil.rmtree, tmp, True)
        out = tmp / "output"
        run = knz("build", "--content", str(CONTENT), "--output", str(out), "--today", TODAY)
        if run.returncode != 0:
            raise RuntimeError(f"knz build failed:\n{run.stdout}\n{run.stderr}")
        _BUILT["out"] = out
    return _BUILT["out"]


def samples(out: Path, content: Path = CONTENT) -> list[PageType]:
    """The pages the browser checks open: the largest page of every type, and for types with
    several pages in the default language also the smallest (a one-off event, an empty month,
    a district with one centre). Templates are shared between languages, so the smallest
    English pages add nothing."""
    _, languages = _slugs(content)
    out_types = []
    for t in page_types(out, content):
        out_types.append(t)
        if len(t.files) > 2 and t.lang == languages[0]:
            smallest = min(t.files, key=lambda r: ((out / r).stat().st_size, r))
            if smallest != t.sample:
                out_types.append(dataclasses.replace(t, sample=smallest, variant="smallest"))
    return out_types


def ident(t: PageType) -> str:
    return re.sub(r"[^A-Za-z0-9/*.-]", "_", t.shape) + (f"-{t.variant}" if t.variant else "")
