"""Stage 1: read the content tree into plain data that remembers where every value stood.

Nothing here knows the content model. It reads bytes, decodes UTF-8 (a BOM and Windows line
endings are fine), splits front matter from Markdown, and parses YAML with our own scalar rules:

- dates and times stay strings, so the model can say "2027-02-30 is not a date" instead of
  PyYAML failing on the whole file;
- only ``true``/``false`` are booleans (YAML 1.1 would turn ``no``, the Norwegian language
  code, into ``False``);
- numbers with a leading zero stay strings (postcode ``01127``), and ``14:00`` is not 840;
- a key given twice is a problem, not silently the last one.

Every value's line and column are recorded by its path (``("schedule", 0, "on")``) so that
later stages can point editors at the spot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ProblemList

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Source:
    """One parsed file: its data, where each value stood, and any Markdown body."""

    path: Path
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def mark(self, path: Path_, key: bool = False) -> Mark:
        """Where the value (or, with ``key``, its key) at ``path`` stood; else its nearest parent."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), Mark(1, 1))


@dataclass
class RawContent:
    """Everything read from a content folder, before any model validation."""

    root: Path
    site: Source | None = None
    closures: dict[str, Source] = field(default_factory=dict)
    centres: dict[str, Source] = field(default_factory=dict)
    offerings: dict[str, dict[str, Source]] = field(default_factory=dict)
    pages: dict[str, Source] = field(default_factory=dict)


def _with_our_scalars(base: type) -> type:
    """A loader class with a deliberately small set of implicit types (see module docstring)."""
    loader = type(f"_Knz{base.__name__}", (base,), {})
    loader.yaml_implicit_resolvers = {}
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
    )
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )
    return loader


# Pure Python: its error messages and marks are the ones our hints are written for.
_Loader = _with_our_scalars(yaml.SafeLoader)
# LibYAML, where PyYAML has it: several times faster for the files that parse (nearly all).
_FastLoader = _with_our_scalars(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _node_mark(node: yaml.Node, line_offset: int) -> Mark:
    return Mark(node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


class _Builder:
    """Turns a composed YAML node tree into Python values plus marks."""

    def __init__(self, source: Source, problems: ProblemList, line_offset: int):
        self.source = source
        self.problems = problems
        self.offset = line_offset

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.marks[path] = _node_mark(node, self.offset)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if not isinstance(key, (str, int, bool)) or isinstance(key_node, yaml.CollectionNode):
                    m = _node_mark(key_node, self.offset)
                    self.problems.add(self.source.path, m.line, m.column, "", "yaml_bad_key")
                    continue
                key = str(key).lower() if isinstance(key, bool) else str(key)
                child = (*path, key)
                if key in result:
                    m = _node_mark(key_node, self.offset)
                    first = self.source.key_marks[child]
                    self.problems.add(
                        self.source.path, m.line, m.column, _dotted(child), "duplicate_key", first_line=first.line
                    )
                    continue
                self.source.key_marks[child] = _node_mark(key_node, self.offset)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return int(value)
        if tag == "tag:yaml.org,2002:float":
            return float(value)
        if tag == "tag:yaml.org,2002:null":
            return None
        return value


def _dotted(path: Path_) -> str:
    """``("schedule", 0, "on")`` -> ``schedule[0].on``, the way fields are named in messages."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


dotted = _dotted


_YAML_HINTS = (
    ("found character '\\t'", "yaml_tab"),
    ("mapping values are not allowed", "yaml_mapping_values"),
    ("could not find expected ':'", "yaml_expected_colon"),
    ("found unexpected end of stream", "yaml_unclosed_quote"),
    ("while scanning a quoted scalar", "yaml_unclosed_quote"),
    ("found undefined alias", "yaml_alias"),
    ("while parsing a flow sequence", "yaml_unclosed_bracket"),
    ("while parsing a flow mapping", "yaml_unclosed_brace"),
)


def parse_yaml(text: str, path: Path, problems: ProblemList, line_offset: int = 0) -> Source | None:
    """Parse YAML text into a Source; on a syntax error, record it and return None."""
    source = Source(path=path, data=None)
    try:
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=_Loader)  # raises again, with the messages we explain
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket, or a key without its colon, is found only lines later;
        # the context mark is where it began, which is where the editor has to look.
        starts_earlier = exc.context and exc.context.startswith(("while scanning", "while parsing a flow"))
        mark = (exc.context_mark if starts_earlier else None) or exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        detail = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
        code = "yaml_syntax"
        for needle, specific in _YAML_HINTS:
            if needle in detail:
                code = specific
                break
        problems.add(path, line, column, "", code, detail=detail)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors without marks
        problems.add(path, 1 + line_offset, 1, "", "yaml_syntax", detail=str(exc))
        return None
    if node is None:
        source.data = None
        source.marks[()] = Mark(1 + line_offset, 1)
        return source
    source.data = _Builder(source, problems, line_offset).build(node, ())
    return source


def read_text(path: Path, problems: ProblemList) -> str | None:
    """Read a file as UTF-8 text with ``\\n`` line endings; record a problem if it is not text."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", errors="replace")) + 1  # characters, not bytes
        problems.add(path, line, column, "", "not_utf8", byte=f"0x{raw[exc.start]:02x}")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.add(path, 1, 1, "", "empty_file")
        return None
    return text


def load_yaml_file(path: Path, problems: ProblemList) -> Source | None:
    text = read_text(path, problems)
    if text is None:
        return None
    source = parse_yaml(text, path, problems)
    if source is not None and not isinstance(source.data, dict):
        problems.add(path, 1, 1, "", "yaml_not_mapping")
        return None
    return source


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def load_markdown_file(path: Path, problems: ProblemList) -> Source | None:
    """Split ``---`` front matter from the Markdown body and parse the front matter."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.add(path, 1, 1, "", "front_matter_missing")
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            break
    else:
        problems.add(path, 1, 1, "", "front_matter_unclosed")
        return None
    front = "\n".join(lines[1:index])
    if not front.strip():
        problems.add(path, 1, 1, "", "front_matter_empty")
        return None
    source = parse_yaml(front, path, problems, line_offset=1)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        problems.add(path, 2, 1, "", "yaml_not_mapping")
        return None
    body_lines = lines[index + 1 :]
    leading_blank = 0
    while leading_blank < len(body_lines) and not body_lines[leading_blank].strip():
        leading_blank += 1
    source.body = "\n".join(body_lines[leading_blank:]).rstrip("\n") + "\n"
    source.body_line = index + 2 + leading_blank
    return source


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_slug(path: Path, slug: str, problems: ProblemList) -> bool:
    if _SLUG.match(slug):
        return True
    problems.add(path, 1, 1, "", "bad_slug", slug=slug)
    return False


def load_content(root: Path, problems: ProblemList) -> RawContent:
    """Read every content file under ``root``; problems are recorded, never raised."""
    content = RawContent(root=root)
    site_path = root / "site.yaml"
    if not site_path.is_file():
        problems.add(site_path, 1, 1, "", "site_missing")
    else:
        content.site = load_yaml_file(site_path, problems)

    for path in sorted((root / "closures").glob("*.yaml")):
        if _check_slug(path, path.stem, problems):
            source = load_yaml_file(path, problems)
            if source is not None:
                content.closures[path.stem] = source

    centres_dir = root / "centres"
    for centre_dir in sorted(p for p in centres_dir.glob("*") if p.is_dir()):
        slug = centre_dir.name
        centre_file = centre_dir / "centre.yaml"
        if not centre_file.is_file():
            problems.add(centre_file, 1, 1, "", "centre_file_missing", slug=slug)
            continue
        if not _check_slug(centre_file, slug, problems):
            continue
        source = load_yaml_file(centre_file, problems)
        if source is not None:
            content.centres[slug] = source
        # Offerings are read even when centre.yaml is broken, so one run reports their problems too.
        offerings: dict[str, Source] = {}
        for path in sorted((centre_dir / "offerings").glob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix != ".md":
                problems.add(path, 1, 1, "", "not_markdown", severity="warning")
                continue
            if not _check_slug(path, path.stem, problems):
                continue
            offering = load_markdown_file(path, problems)
            if offering is not None:
                offerings[path.stem] = offering
        content.offerings[slug] = offerings

    for path in sorted((root / "pages").glob("*.md")):
        if _check_slug(path, path.stem, problems):
            page = load_markdown_file(path, problems)
            if page is not None:
                content.pages[path.stem] = page
    return content
