"""Stage 2: turn raw data into typed models, collecting every problem with its line.

Pydantic checks each file against the model; its errors are mapped back to the YAML node marks
and rewritten in plain language. Then references between files are checked: districts,
categories, audiences, rooms, providers, closure calendars, unique ids.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import holidays as holidays_lib
from pydantic import BaseModel, ValidationError

from .load import RawContent, Source, dotted
from .messages import MESSAGES
from . import media
from .model import Centre, ClosureCalendar, Image, Offering, Page, Site
from .problems import ProblemList
from .types import choices_hint, did_you_mean


@dataclass
class OfferingEntry:
    slug: str  # file name without .md
    id: str  # explicit id or the slug
    model: Offering
    source: Source

    @property
    def body(self) -> str:
        return self.source.body


@dataclass
class CentreEntry:
    slug: str
    model: Centre
    source: Source
    offerings: dict[str, OfferingEntry] = field(default_factory=dict)


@dataclass
class PageEntry:
    slug: str
    model: Page
    source: Source


@dataclass
class ValidContent:
    """The content as typed models, with the sources kept for later line numbers."""

    root: Path
    site: Site
    site_source: Source
    closures: dict[str, ClosureCalendar]
    closure_sources: dict[str, Source]
    centres: dict[str, CentreEntry]
    pages: dict[str, PageEntry]


# --- pydantic errors -> problems -----------------------------------------------------------

_TYPE_CODES = {
    "string_type": "wrong_type_text",
    "float_type": "wrong_type_number",
    "float_parsing": "wrong_type_number",
    "int_type": "wrong_type_integer",
    "int_parsing": "wrong_type_integer",
    "int_from_float": "wrong_type_integer",
    "bool_type": "wrong_type_bool",
    "bool_parsing": "wrong_type_bool",
    "list_type": "wrong_type_list",
    "dict_type": "wrong_type_mapping",
    "model_type": "wrong_type_mapping",
    "model_attributes_type": "wrong_type_mapping",
    "too_short": "too_short",
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than": "too_large",
    "less_than_equal": "too_large",
}


# Fields that take a word or sub-fields: the form to show when the word is wrong.
_MAPPING_EXAMPLES = {
    "registration": "{required: true, how: …}",
    "cost": "{amount: 3.5, reduced: […]}",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete classes inside an annotation (Annotated, Optional, list, dict, unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the field at ``loc`` (used for "did you mean" on unknown keys)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        fields = {(f.alias or name): f for name, f in current.model_fields.items()}
        if part not in fields:
            continue
        candidates = [c for c in _unwrap(fields[part].annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        current = candidates[0] if candidates else None
    return current


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """Drop pydantic's union-branch names from ``loc``; return the path into the data and the
    branch taken (``None`` when there was no union)."""
    path: list[Any] = []
    branch: str | None = None
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(part, str) and (part[:1].isupper() or "[" in part):
            branch = part  # e.g. "Cost" or "literal['free']" or "function-after[...]"
        else:
            path.append(part)  # a missing key: keep it so the message names it
            current = None
    return tuple(path), branch


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _is_wrong_branch(data: Any, loc: tuple[Any, ...], branch: str | None) -> bool:
    """For a value that may be a word or a mapping (``cost: free`` or ``cost: {amount: 3}``),
    report only the errors of the form the editor chose."""
    if branch is None or branch.startswith("function"):
        return False
    prefix = []
    for part in loc:
        if part == branch:
            break
        prefix.append(part)
    value = _value_at(data, tuple(p for p in prefix if not (isinstance(p, str) and "[" in p)))
    is_model_branch = branch[:1].isupper()
    return is_model_branch != isinstance(value, dict)


def report_validation_error(
    exc: ValidationError, source: Source, model: type[BaseModel], problems: ProblemList
) -> None:
    data = source.data
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path, branch = _clean_loc(data, loc)
        if _is_wrong_branch(data, loc, branch):
            continue
        ctx = dict(error.get("ctx") or {})
        at = ctx.pop("at", None)
        if at:
            path = (*path, at)
        kind = error["type"]
        value = _value_at(data, path)
        shown = "" if value is None else (value if isinstance(value, (str, int, float)) else "")
        params: dict[str, object] = {"input": shown}
        mark_key = False
        if kind == "missing":
            code = "missing"
        elif kind == "extra_forbidden":
            code = "unknown_field"
            mark_key = True
            owner = _model_at(model, loc[:-1])
            known = [(f.alias or n) for n, f in owner.model_fields.items()] if owner else []
            params = {"suggestion": did_you_mean(str(path[-1]), known)}
        elif kind.startswith("date") or kind.startswith("datetime"):
            code = "date"
        elif kind == "literal_error":
            code = "choice"
            expected = [e.strip().strip("'") for e in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
            params["expected"] = ", ".join(expected)
            params["suggestion"] = did_you_mean(str(shown), expected)
            if path and path[-1] in _MAPPING_EXAMPLES and not params["suggestion"]:
                code = "choice_or_mapping"
                params["example"] = _MAPPING_EXAMPLES[str(path[-1])]
        elif kind == "string_pattern_mismatch":
            code = "postcode" if path and path[-1] == "postcode" else "pattern"
        elif kind in _TYPE_CODES:
            code = _TYPE_CODES[kind]
            if "limit_value" in ctx:
                params["limit"] = ctx["limit_value"]
            if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
                params["limit"] = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le", "?"))))
        elif kind in _KNOWN_CUSTOM:
            code = kind
            params.update({k: v for k, v in ctx.items() if k not in ("input",)})
            if "input" in ctx:
                params["input"] = ctx["input"]
        else:
            code = "invalid"
            params["detail"] = error.get("msg", kind)
        mark = source.mark(path, key=mark_key)
        problems.add(source.path, mark.line, mark.column, dotted(path), code, **params)


# Custom error codes raised by the model's validators carry their own messages.
_KNOWN_CUSTOM = set(MESSAGES)


def _validate(source: Source, model: type[BaseModel], problems: ProblemList) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        report_validation_error(exc, source, model, problems)
        return None


# --- references between files --------------------------------------------------------------


def _check_ref(
    problems: ProblemList, source: Source, path: tuple[Any, ...], value: str, known: list[str], code: str
) -> bool:
    if value in known:
        return True
    mark = source.mark(path)
    problems.add(
        source.path,
        mark.line,
        mark.column,
        dotted(path),
        code,
        input=value,
        suggestion=did_you_mean(value, known),
        expected=choices_hint(known),
    )
    return False


def _check_closure_calendar(name: str, calendar: ClosureCalendar, source: Source, problems: ProblemList) -> None:
    if calendar.holidays is None:
        return
    spec = calendar.holidays
    try:
        holidays_lib.country_holidays(spec.country, subdiv=spec.subdivision, years=2027)
    except NotImplementedError:
        mark = source.mark(("holidays",))
        label = spec.country + (f"-{spec.subdivision}" if spec.subdivision else "")
        problems.add(source.path, mark.line, mark.column, "holidays", "holidays_unknown", input=label)


def _raw_str(data: Any, path: tuple[Any, ...]) -> str | None:
    value = _value_at(data, path)
    return value if isinstance(value, str) else None


def _raw_list(data: Any, path: tuple[Any, ...]) -> list[Any]:
    value = _value_at(data, path)
    if isinstance(value, list):
        return value
    return [value] if value is not None else []


def _raw_ids(data: Any, section: str) -> list[str]:
    items = _raw_list(data, (section,))
    return [str(item["id"]) for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


# References are checked on the raw data, so that a file with a type error elsewhere still gets
# its misspelt category or room reported in the same run.


@dataclass
class SiteKeys:
    """The keys site.yaml defines; read from the raw data when the site model itself has errors."""

    districts: list[str]
    categories: list[str]
    audiences: list[str]

    @classmethod
    def of(cls, site: Site | None, source: Source | None) -> SiteKeys | None:
        if site is not None:
            return cls(list(site.districts), list(site.categories), list(site.audiences))
        data = source.data if source is not None else None
        if not isinstance(data, dict):
            return None

        def keys(section: str) -> list[str]:
            value = data.get(section)
            return [str(k) for k in value] if isinstance(value, dict) else []

        return cls(keys("districts"), keys("categories"), keys("audiences"))


def _check_centre_refs(source: Source, keys: SiteKeys, problems: ProblemList) -> None:
    district = _raw_str(source.data, ("district",))
    if district is not None and keys.districts:
        _check_ref(problems, source, ("district",), district, keys.districts, "unknown_district")


def _check_centre(entry: CentreEntry, root: Path, problems: ProblemList) -> None:
    source, centre = entry.source, entry.model
    seen: dict[str, tuple[Any, ...]] = {}
    orgs = [("operator",)] + [("partners", i) for i in range(len(centre.partners))]
    for path, org in zip(orgs, [centre.operator, *centre.partners]):
        _check_unique(problems, source, (*path, "id"), org.id, seen)
    rooms_seen: dict[str, tuple[Any, ...]] = {}
    for i, room in enumerate(centre.rooms):
        _check_unique(problems, source, ("rooms", i, "id"), room.id, rooms_seen)
    _check_image(source, centre.image, root, problems)


def _check_unique(
    problems: ProblemList, source: Source, path: tuple[Any, ...], value: str, seen: dict[str, tuple[Any, ...]]
) -> None:
    if value in seen:
        mark = source.mark(path)
        first = source.mark(seen[value])
        problems.add(source.path, mark.line, mark.column, dotted(path), "duplicate_id_line", input=value, first_line=first.line)
    else:
        seen[value] = path


def _check_offering_refs(
    source: Source, centre_data: Any, keys: SiteKeys | None, closures: list[str], problems: ProblemList
) -> None:
    """Every key an offering uses must exist in site.yaml, the closures or its centre.yaml."""
    data = source.data
    if keys is not None:
        category = _raw_str(data, ("category",))
        if category is not None and keys.categories:
            _check_ref(problems, source, ("category",), category, keys.categories, "unknown_category")
        audiences = _value_at(data, ("audiences",))
        for i, audience in enumerate(audiences if isinstance(audiences, list) else []):
            if isinstance(audience, str) and keys.audiences:
                _check_ref(problems, source, ("audiences", i), audience, keys.audiences, "unknown_audience")
    for r, rule in enumerate(_raw_list(data, ("schedule",))):
        skips = rule.get("skip") if isinstance(rule, dict) else None
        for k, name in enumerate(skips if isinstance(skips, list) else []):
            if isinstance(name, str):
                _check_ref(problems, source, ("schedule", r, "skip", k), name, closures, "unknown_closure")
    if not isinstance(centre_data, dict):
        return
    listed = isinstance(centre_data.get("rooms"), list)  # rooms unreadable: the centre's own error says so
    rooms = _raw_ids(centre_data, "rooms")
    code = "unknown_room" if rooms else "unknown_room_none"
    room = _raw_str(data, ("room",))
    if room is not None and listed:
        _check_ref(problems, source, ("room",), room, rooms, code)
    for c, change in enumerate(_raw_list(data, ("changes",))):
        other = change.get("room") if isinstance(change, dict) else None
        if isinstance(other, str) and listed:
            _check_ref(problems, source, ("changes", c, "room"), other, rooms, code)
    provider = _raw_str(data, ("provider",))
    operator = _raw_str(centre_data, ("operator", "id"))
    if provider is not None and operator is not None:
        providers = [operator] + _raw_ids(centre_data, "partners")
        _check_ref(problems, source, ("provider",), provider, providers, "unknown_provider")


def _check_offering(entry: OfferingEntry, centre: CentreEntry, root: Path, problems: ProblemList) -> None:
    """Checks that need the valid offering and its valid centre."""
    source, offering = entry.source, entry.model
    for i, change in enumerate(offering.changes):
        if change.cancelled and change.reason is None:
            mark = source.mark(("changes", i))
            problems.add(source.path, mark.line, mark.column, f"changes[{i}].reason", "cancelled_no_reason", "warning")
    _check_image(source, offering.image, root, problems)
    has_contact = any(c and (c.phone or c.email) for c in (offering.contact, centre.model.contact))
    if not has_contact:
        mark = source.mark(())
        problems.add(source.path, mark.line, mark.column, "contact", "no_contact", "warning")


_INLINE_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _images_without_alt(body: str) -> list[tuple[int, int, str]]:
    """(line offset, column, src) of every image in Markdown or HTML that has no alt text."""
    lines = body.split("\n")
    references = {}
    for line in lines:
        match = _REFERENCE_DEFINITION.match(line)
        if match:
            references[match.group(1).strip().lower()] = match.group(2)
    found = []
    for offset, line in enumerate(lines):
        for match in _INLINE_IMAGE.finditer(line):
            if not match.group(1).strip():
                found.append((offset, match.start() + 1, match.group(2)))
        for match in _REFERENCE_IMAGE.finditer(line):
            if not match.group(1).strip():
                ref = (match.group(2) or match.group(1)).strip().lower()
                found.append((offset, match.start() + 1, references.get(ref, ref)))
        for match in _HTML_IMAGE.finditer(line):
            attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _HTML_ATTRIBUTE.finditer(match.group(0))}
            if not attrs.get("alt", "").strip():
                found.append((offset, match.start() + 1, attrs.get("src", "?")))
    return sorted(found)


def _check_image(source: Source, image: Image | None, root: Path, problems: ProblemList) -> None:
    if image is None:
        return
    code = media.problem_with(image, root)
    if code:
        mark = source.mark(("image", "src"))
        problems.add(source.path, mark.line, mark.column, "image.src", code, input=image.src)
    if not image.alt.strip():
        mark = source.mark(("image",))
        problems.add(source.path, mark.line, mark.column, "image.alt", "image_no_alt", "warning", input=image.src)


def _check_markdown_images(source: Source, problems: ProblemList) -> None:
    for offset, column, src in _images_without_alt(source.body):
        problems.add(source.path, source.body_line + offset, column, "", "image_no_alt", "warning", input=src)


def validate_content(raw: RawContent, problems: ProblemList) -> ValidContent | None:
    """Validate everything; return the typed content, or None when the site file is unusable."""
    site = _validate(raw.site, Site, problems) if raw.site else None
    closures: dict[str, ClosureCalendar] = {}
    for name, source in raw.closures.items():
        calendar = _validate(source, ClosureCalendar, problems)
        if calendar is not None:
            _check_closure_calendar(name, calendar, source, problems)
            closures[name] = calendar
    closure_names = list(raw.closures)
    keys = SiteKeys.of(site, raw.site)

    centres: dict[str, CentreEntry] = {}
    offering_ids: dict[str, Path] = {}
    for slug in sorted(set(raw.centres) | set(raw.offerings)):
        source = raw.centres.get(slug)  # None when centre.yaml did not parse
        centre = _validate(source, Centre, problems) if source is not None else None
        if keys is not None and source is not None:
            _check_centre_refs(source, keys, problems)
        entry = CentreEntry(slug, centre, source) if centre is not None else None
        for off_slug, off_source in raw.offerings.get(slug, {}).items():
            offering = _validate(off_source, Offering, problems)
            _check_offering_refs(off_source, source.data if source else None, keys, closure_names, problems)
            _check_markdown_images(off_source, problems)
            if offering is None or entry is None:
                continue
            off_id = offering.id or off_slug
            key = f"{slug}/{off_id}"
            if key in offering_ids:
                mark = off_source.mark(("id",)) if offering.id else off_source.mark(())
                problems.add(
                    off_source.path, mark.line, mark.column, "id", "duplicate_id",
                    input=off_id, other=problems.relative(offering_ids[key]),
                )
                continue
            offering_ids[key] = off_source.path
            entry.offerings[off_id] = OfferingEntry(off_slug, off_id, offering, off_source)
        if entry is not None:
            centres[slug] = entry

    pages: dict[str, PageEntry] = {}
    for slug, source in raw.pages.items():
        page = _validate(source, Page, problems)
        _check_markdown_images(source, problems)
        if page is not None:
            pages[slug] = PageEntry(slug, page, source)

    for entry in pages.values():
        if entry.model.translation_of:
            _check_ref(problems, entry.source, ("translation_of",), entry.model.translation_of, sorted(pages), "unknown_page")

    if site is None:
        return None
    for entry in centres.values():
        _check_centre(entry, raw.root, problems)
        for offering in entry.offerings.values():
            _check_offering(offering, entry, raw.root, problems)
    return ValidContent(raw.root, site, raw.site, closures, dict(raw.closures), centres, pages)
