"""The whole pipeline on one page.

    load → validate → expand → lint → index → render → write

``check`` runs the first four stages and returns every problem; ``build`` runs them all and
writes nothing unless the content is free of errors.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from .expand import Expanded, expand_content
from .feeds import render_feeds
from .index import SiteIndex, build_index
from .lint import lint
from .media import render_media
from .opendata import render_opendata
from .load import load_content
from .problems import ContentError, Problem, ProblemList
from .render import Theme, render_site
from .validate import validate_content
from .write import Artifacts, check_output_folder, write_atomic


def default_today() -> date:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the real date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


@dataclass
class CheckResult:
    problems: list[Problem]
    expanded: Expanded | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check(content_dir: Path, today: date) -> CheckResult:
    """Load, validate, expand and lint; collect every problem, raise none."""
    problems = ProblemList(content_dir)
    raw = load_content(content_dir, problems)
    valid = validate_content(raw, problems)
    expanded = None
    if valid is not None:
        expanded = expand_content(valid, problems)
        lint(expanded, today, problems)
    return CheckResult(problems.sorted(), expanded)


@dataclass
class BuildSummary:
    centres: int
    offerings: int
    occurrences: int
    pages: int
    feeds: int
    seconds: float
    warnings: list[Problem]


def render(expanded: Expanded, today: date, theme: Theme | None = None) -> tuple[SiteIndex, Artifacts]:
    """Index and render the expanded content; pure apart from reading the theme."""
    index = build_index(expanded, today)
    artifacts = render_site(index, theme)
    render_feeds(index, artifacts)
    render_opendata(index, artifacts)
    render_media(index, artifacts)
    return index, artifacts


def build(content_dir: Path, output_dir: Path, today: date, strict: bool = False, theme: Theme | None = None) -> BuildSummary:
    """Build the site; raise ``ContentError`` (and write nothing) when the content has errors."""
    started = time.perf_counter()
    check_output_folder(output_dir, content_dir)
    result = check(content_dir, today)
    fatal = result.problems if strict else result.errors
    if fatal or result.expanded is None:
        raise ContentError(result.problems)
    index, artifacts = render(result.expanded, today, theme)
    write_atomic(artifacts, output_dir)
    paths = artifacts.paths()
    return BuildSummary(
        centres=len(index.centres),
        offerings=len(index.offerings),
        occurrences=len(index.occurrences),
        pages=sum(1 for p in paths if p.endswith(".html")),
        feeds=sum(1 for p in paths if p.endswith(".ics")),
        seconds=time.perf_counter() - started,
        warnings=result.warnings,
    )
