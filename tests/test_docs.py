"""The editors' guides (docs/redaktion.md, docs/editing.md) cannot drift from the program.

- Every field of every content model class is named in both guides.
- Every example that is a whole centre.yaml, site.yaml, closure calendar, information page or
  offering front matter (also just its ``schedule``/``changes``) passes ``knz check``; the dates
  the guide lists under a schedule example ("Termine: …" / "Dates: …") are the dates knz expands.
- Every ``knz check`` output the guide quotes is what the current checker prints for the broken
  file shown above it (marked ``<!-- check-example: path -->`` and ``<!-- check-output -->``).
- The German and the English guide show the same examples.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import CONTENT, ROOT, TODAY, knz
from generator import model
from generator.build import check
from generator.cli import parser
from generator.load import parse_yaml
from generator.problems import ProblemList

GUIDES = {"de": ROOT / "docs" / "redaktion.md", "en": ROOT / "docs" / "editing.md"}
DATES_LABEL = {"de": "Termine:", "en": "Dates:"}
WARNING = {"de": ": Warnung: ", "en": ": warning: "}
HOST = "doku"  # the centre folder the guide's example centre is written to


# --- reading the guides --------------------------------------------------------------------


@dataclass
class Block:
    lang: str  # the fence's info string: yaml, markdown, text
    text: str
    line: int  # line of the opening fence in the guide
    marker: str  # an HTML comment right above the fence, without <!-- -->
    dates: list[str] | None  # "Termine: …" right below the fence
    more: bool  # the date list ends with "…"


def blocks(path: Path, guide_lang: str) -> list[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[Block] = []
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        start = i
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        before = start - 1
        marker = ""
        if before >= 0 and (m := re.match(r"^<!--\s*(.*?)\s*-->$", lines[before].strip())):
            marker = m.group(1)
        after = i + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        dates, more = None, False
        if after < len(lines) and lines[after].startswith(DATES_LABEL[guide_lang]):
            dates = re.findall(r"\d{4}-\d{2}-\d{2}", lines[after])
            more = lines[after].rstrip().endswith("…")
        out.append(Block(fence.group(1), "\n".join(body) + "\n", start + 1, marker, dates, more))
        i += 1
    return out


def split_front_matter(text: str) -> tuple[str, str] | None:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return None
    return "\n".join(lines[1:end]) + "\n", "\n".join(lines[end + 1 :])


def keys_of(yaml_text: str) -> set[str]:
    # Only the top-level keys matter for sorting blocks; BaseLoader keeps every scalar a string.
    data = yaml.load(yaml_text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    return set(data) if isinstance(data, dict) else set()


# --- the content model ---------------------------------------------------------------------


def model_classes() -> list[type[BaseModel]]:
    return [
        cls for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == model.__name__ and cls is not model.Model
    ]


def names(cls: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in cls.model_fields.items()}


def required(cls: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in cls.model_fields.items() if f.is_required()}


def kind_of(block: Block) -> tuple[str, str, str] | None:
    """(kind, front matter or YAML, Markdown body) of a block that is a checkable example."""
    if block.marker.startswith("check-"):
        return None
    if block.lang == "markdown":
        parts = split_front_matter(block.text)
        if parts is None:
            return None
        front, body = parts
    elif block.lang == "yaml":
        front, body = block.text, ""
    else:
        return None
    keys = keys_of(front)
    if not keys:
        return None
    if required(model.Centre) <= keys <= names(model.Centre):
        return "centre", front, body
    if "schedule" in keys and keys <= names(model.Offering):
        return "offering", front, body
    if required(model.Site) <= keys <= names(model.Site):
        return "site", front, body
    if keys <= names(model.ClosureCalendar) and "name" in keys and keys & {"holidays", "periods"}:
        return "closures", front, body
    if block.lang == "markdown" and required(model.Page) <= keys <= names(model.Page):
        return "page", front, body
    return None


# --- every field is documented -------------------------------------------------------------


@pytest.mark.parametrize("lang", GUIDES)
def test_every_field_of_every_model_is_explained(lang: str) -> None:
    text = GUIDES[lang].read_text(encoding="utf-8")
    quoted = set(re.findall(r"`([^`\n]+)`", text))
    classes = model_classes()
    assert {c.__name__ for c in classes} >= {"Site", "Centre", "Offering", "Rule", "Change", "ClosureCalendar", "Page"}
    missing = sorted(f"{cls.__name__}.{name}" for cls in classes for name in names(cls) if name not in quoted)
    assert missing == [], f"{GUIDES[lang].name} does not explain: {', '.join(missing)}"


@pytest.mark.parametrize("lang", GUIDES)
def test_every_command_is_explained(lang: str) -> None:
    text = GUIDES[lang].read_text(encoding="utf-8")
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for command in sub.choices:
        assert f"knz {command}" in text, f"{GUIDES[lang].name} does not explain `knz {command}`"
    assert "knz new centre" in text and "knz new offering" in text


# --- the examples are valid, and give the dates the guide says -----------------------------


def _first_key(section: str) -> str:
    data = yaml.load((CONTENT / "site.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
    return next(iter(data[section]))


@pytest.mark.parametrize("lang", GUIDES)
def test_examples_pass_knz_check_and_give_the_dates_listed(lang: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    examples = [(b, k) for b in blocks(GUIDES[lang], lang) if (k := kind_of(b))]
    examples.sort(key=lambda e: e[1][0] != "centre")  # the first centre hosts the offering examples
    kinds = [k[0] for _, k in examples]
    assert kinds.count("centre") >= 1 and kinds.count("offering") >= 10, kinds

    written: dict[Path, Block] = {}
    offerings: dict[str, Block] = {}
    host_written = False
    for n, (block, (kind, front, body)) in enumerate(examples):
        if kind == "centre":
            folder = content / "centres" / (HOST if not host_written else f"{HOST}-{n}")
            host_written = True
            (folder / "offerings").mkdir(parents=True)
            path = folder / "centre.yaml"
            path.write_text(front, encoding="utf-8")
        elif kind == "offering":
            keys = keys_of(front)
            extra = "".join(
                line for key, line in (
                    ("title", f"title: Beispiel aus Zeile {block.line}\n"),
                    ("category", f"category: {_first_key('categories')}\n"),
                    ("audiences", f"audiences: [{_first_key('audiences')}]\n"),
                ) if key not in keys
            )
            slug = f"beispiel-{block.line}"
            path = content / "centres" / HOST / "offerings" / f"{slug}.md"
            path.write_text(f"---\n{extra}{front}---\n{body or 'Text.'}\n", encoding="utf-8")
            offerings[slug] = block
        elif kind == "closures":
            path = content / "closures" / f"beispiel-{block.line}.yaml"
            path.write_text(front, encoding="utf-8")
        elif kind == "page":
            (content / "pages").mkdir(exist_ok=True)
            path = content / "pages" / f"beispiel-{block.line}.md"
            path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
        else:  # site: validated with the model, as knz check reads it
            problems = ProblemList(tmp_path)
            source = parse_yaml(front, GUIDES[lang], problems)
            assert source is not None and not problems.items, [p.message("en") for p in problems.items]
            model.Site.model_validate(source.data)
            continue
        written[path.resolve()] = block

    # The pictures the examples name: knz check wants the files to exist.
    for _, (_, front, _) in examples:
        for src in re.findall(r"^\s*src:\s*(\S+)\s*$", front, re.MULTILINE):
            (content / src).parent.mkdir(parents=True, exist_ok=True)
            (content / src).write_bytes(b"\x89PNG\r\n\x1a\n")

    result = check(content, date.fromisoformat(TODAY))
    ours = [p for p in result.errors if Path(p.path).resolve() in written]
    assert ours == [], "\n".join(f"guide line {written[Path(p.path).resolve()].line}: {p.message('en')}" for p in ours)
    assert result.expanded is not None, [p.message("en") for p in result.errors]

    listed = 0
    for slug, block in offerings.items():
        if block.dates is None:
            continue
        listed += 1
        days = [o.day.isoformat() for o in result.expanded.offerings[(HOST, slug)].occurrences]
        shown = days[: len(block.dates)] if block.more else days
        assert block.dates == shown, f"guide line {block.line}: the guide lists {block.dates}, knz gives {shown}"
    assert listed >= 10


# --- the quoted `knz check` output is real -------------------------------------------------


def check_examples(lang: str) -> list[tuple[str, Block, Block]]:
    found = blocks(GUIDES[lang], lang)
    out = []
    for i, block in enumerate(found):
        if block.marker.startswith("check-example:"):
            output = found[i + 1]
            assert output.marker == "check-output", f"line {block.line}: the next block must be marked check-output"
            out.append((block.marker.split(":", 1)[1].strip(), block, output))
    return out


@pytest.mark.parametrize("lang", GUIDES)
def test_quoted_check_output_is_what_knz_check_prints(lang: str, tmp_path: Path) -> None:
    examples = check_examples(lang)
    assert len(examples) >= 3
    # Examples for different files share one run; one that reuses a file name starts the next run.
    groups: list[list[tuple[str, Block, Block]]] = [[]]
    for example in examples:
        if any(example[0] == other[0] for other in groups[-1]):
            groups.append([])
        groups[-1].append(example)
    for n, group in enumerate(groups):
        work = tmp_path / str(n)
        shutil.copytree(CONTENT, work / "content")
        expected: list[tuple[int, str]] = []
        for relative, example, output in group:
            target = work / "content" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(example.text, encoding="utf-8")
            expected += [(output.line, line) for line in output.text.strip().split("\n")]
        run = knz("check", "--today", TODAY, "--lang", lang, cwd=work)
        printed = run.stderr.splitlines()
        only_warnings = all(WARNING[lang] in line or line[:1].isdigit() for _, line in expected)
        assert run.returncode == (0 if only_warnings else 1), run.stderr
        for guide_line, line in expected:
            assert line in printed, f"guide line {guide_line}: knz check no longer prints\n{line}\ngot:\n{run.stderr}"


# --- both languages say the same -----------------------------------------------------------


def test_german_and_english_guides_show_the_same_examples() -> None:
    def summary(lang: str) -> list[tuple]:
        out = []
        for b in blocks(GUIDES[lang], lang):
            kind = kind_of(b)
            if kind:
                out.append((kind[0], sorted(keys_of(kind[1])), b.dates, b.more))
            elif b.marker:
                out.append((b.marker, len(b.text.strip().split("\n"))))
        return out

    assert summary("de") == summary("en")


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@pytest.mark.parametrize("lang", GUIDES)
def test_links_in_the_guide_lead_somewhere(lang: str) -> None:
    text = GUIDES[lang].read_text(encoding="utf-8")
    outside_blocks = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    anchors = {_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", outside_blocks, flags=re.M)}
    prose = re.sub(r"`[^`\n]*`", "", outside_blocks)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if target.startswith("#"):
            assert target[1:] in anchors, f"{GUIDES[lang].name}: no heading for {target}"
        elif not re.match(r"^[a-z]+://", target):
            assert (GUIDES[lang].parent / target.split("#")[0]).is_file(), f"{GUIDES[lang].name}: {target} does not exist"
