"""`knz schema`: the JSON Schema files editors get autocompletion from.

The content files are read here the way the VS Code YAML extension reads them (YAML 1.2 core
schema: dates stay strings, `01127` is a number, `on` is a plain key), independently of knz's own
loader, and validated with the `jsonschema` package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

from conftest import CONTENT, ROOT, knz

KINDS = ("site", "centre", "offering", "closures", "page")


# --- reading YAML as an editor does -------------------------------------------------------


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema that yaml-language-server uses by default."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), list(_first))


def _int12(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    value = loader.construct_scalar(node)
    return int(value, 0) if value[:2] in ("0o", "0x") else int(value, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def front_matter(path: Path) -> object:
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    assert lines[0].strip() == "---", f"{path}: no front matter"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return load_yaml("\n".join(lines[1:end]))


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("schema")
    run = knz("schema", "--out", str(folder))
    assert run.returncode == 0, run.stderr
    return folder


@pytest.fixture(scope="module")
def validators(generated: Path) -> dict[str, Draft7Validator]:
    out = {}
    for kind in KINDS:
        schema = json.loads((generated / f"{kind}.schema.json").read_text(encoding="utf-8"))
        Draft7Validator.check_schema(schema)
        out[kind] = Draft7Validator(schema, format_checker=FormatChecker())
    return out


def problems(validator: Draft7Validator, data: object) -> list[tuple[str, str]]:
    """(path, validator keyword) of every schema error, e.g. ("schedule/0/on", "anyOf")."""
    return sorted(("/".join(map(str, e.absolute_path)), e.validator) for e in validator.iter_errors(data))


def example_files() -> list[tuple[str, Path]]:
    files = [("site", CONTENT / "site.yaml")]
    files += [("closures", p) for p in sorted((CONTENT / "closures").glob("*.yaml"))]
    files += [("centre", p) for p in sorted((CONTENT / "centres").glob("*/centre.yaml"))]
    files += [("offering", p) for p in sorted((CONTENT / "centres").glob("*/offerings/*.md"))]
    files += [("page", p) for p in sorted((CONTENT / "pages").glob("*.md"))]
    return files


# --- the command and the committed files ---------------------------------------------------


def test_knz_schema_writes_one_valid_draft7_schema_per_kind(generated: Path) -> None:
    assert sorted(p.name for p in generated.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)
    for kind in KINDS:
        schema = json.loads((generated / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        Draft7Validator.check_schema(schema)
        assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_committed_schemas_are_up_to_date(generated: Path) -> None:
    """schema/ is what editors' VS Code uses; regenerate with `knz schema` after changing the model."""
    committed = ROOT / "schema"
    assert sorted(p.name for p in committed.glob("*.json")) == sorted(p.name for p in generated.iterdir())
    for path in sorted(generated.iterdir()):
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"schema/{path.name} is out of date: run `knz schema` and commit the result"
        )


def test_vscode_settings_map_every_yaml_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]

    def schemas_for(relative: str) -> list[str]:
        # yaml-language-server's FilePatternAssociation: the glob with `*` as `.*`, anchored at the end.
        found = []
        for schema, globs in mapping.items():
            for glob in [globs] if isinstance(globs, str) else globs:
                regexp = re.escape(glob).replace(r"\*", ".*") + "$"
                if re.search(regexp, "file:///work/repo/" + relative):
                    found.append(Path(schema).name)
        return found

    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended  # the extension that reads yaml.schemas
    for kind, path in example_files():
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix == ".md":
            # The YAML extension does not read front matter in Markdown files (vscode-yaml #207).
            assert schemas_for(relative) == [], relative
        else:
            assert schemas_for(relative) == [f"{kind}.schema.json"], relative


# --- the example content validates ---------------------------------------------------------


@pytest.mark.parametrize(("kind", "path"), example_files(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_example_content_validates_against_its_schema(validators: dict[str, Draft7Validator], kind: str, path: Path) -> None:
    data = front_matter(path) if path.suffix == ".md" else load_yaml(path.read_text(encoding="utf-8-sig"))
    assert problems(validators[kind], data) == [], path


def test_starter_files_from_knz_new_validate(validators: dict[str, Draft7Validator], content_copy: Path) -> None:
    assert knz("new", "centre", "neu", "--content", str(content_copy)).returncode == 0
    assert knz("new", "offering", "neu", "kurs", "--content", str(content_copy)).returncode == 0
    centre = load_yaml((content_copy / "centres" / "neu" / "centre.yaml").read_text(encoding="utf-8"))
    offering = front_matter(content_copy / "centres" / "neu" / "offerings" / "kurs.md")
    assert problems(validators["centre"], centre) == []
    assert problems(validators["offering"], offering) == []


# --- the shortcuts editors may write are accepted, mistakes are not ------------------------

GOOD_OFFERING = """
title: Sprachcafé
category: treffpunkt
audiences: [alle]
schedule:
  - repeat: monthly
    on: 2nd wednesday
    time: 16:00-18:00
    except: [2027-07-14]
    skip: [schulferien]
  - dates: [2027-12-01]
    all_day: true
cost: {amount: 3.5, reduced: [{label: Dresden-Pass, amount: 1}]}
registration: {required: true, how: telefonisch, deadline: 2027-03-01}
changes:
  - date: 2027-01-13
    cancelled: true
    reason: {de: Krankheit, en: Illness}
"""


def test_single_values_and_translations_are_accepted(validators: dict[str, Draft7Validator]) -> None:
    assert problems(validators["offering"], load_yaml(GOOD_OFFERING)) == []


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("on: 2nd wednesday", "on: 2nd wensday", ("schedule/0/on", "anyOf")),
        ("title: Sprachcafé", "titel: Sprachcafé", ("", "additionalProperties")),
        ("except: [2027-07-14]", "except: [2027-02-30]", ("schedule/0/except/0", "format")),
        ("time: 16:00-18:00", "time: nachmittags", ("schedule/0/time", "anyOf")),
        ("audiences: [alle]", "audiences: []", ("audiences", "minItems")),
        ("category: treffpunkt", "category: Treffpunkt", ("category", "pattern")),
        ("cost: {amount: 3.5", "cost: {amount: -1", ("cost", "anyOf")),
        ("    cancelled: true", "    cancelled: ja", ("changes/0/cancelled", "type")),
    ],
)
def test_a_mistake_is_flagged_at_its_field(
    validators: dict[str, Draft7Validator], replace: str, by: str, expected: tuple[str, str]
) -> None:
    assert replace in GOOD_OFFERING
    data = load_yaml(GOOD_OFFERING.replace(replace, by))
    assert expected in problems(validators["offering"], data)


def test_a_centre_with_an_unquoted_postcode_and_no_rooms_fails(validators: dict[str, Draft7Validator]) -> None:
    centre = load_yaml((CONTENT / "centres" / "pieschen" / "centre.yaml").read_text(encoding="utf-8"))
    assert isinstance(centre, dict)
    text = (CONTENT / "centres" / "pieschen" / "centre.yaml").read_text(encoding="utf-8")
    broken = load_yaml(re.sub(r'postcode: "(\d+)"', r"postcode: \1", text))
    assert isinstance(broken, dict)
    del broken["rooms"]
    found = problems(validators["centre"], broken)
    assert ("address/postcode", "type") in found
    assert ("", "required") in found
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, validators["centre"].schema, cls=Draft7Validator)


def test_district_keys_must_be_slugs(validators: dict[str, Draft7Validator]) -> None:
    site = load_yaml((CONTENT / "site.yaml").read_text(encoding="utf-8"))
    assert isinstance(site, dict)
    site["districts"]["Äußere Neustadt"] = "Äußere Neustadt"
    assert ("districts", "additionalProperties") in problems(validators["site"], site)
