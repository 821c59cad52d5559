"""JSON Schema files for editors, generated from the content model (one source of truth).

``knz schema --out schema`` writes one file per kind of content file. The repository keeps the
generated files in ``schema/`` and maps them in ``.vscode/settings.json``, so VS Code with the
YAML extension (also in a browser-based editor) completes and explains fields; a first line
``# yaml-language-server: $schema=../../../schema/centre.schema.json`` in a centre.yaml does the
same for one file. ``tests/test_schema.py`` fails when the committed files lag behind the model.

The schemas are written as JSON Schema draft 7, the version the YAML language server supports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .model import Centre, ClosureCalendar, Offering, Page, Site
from .types import on_one_or_many, one_or_many

DIALECT = "http://json-schema.org/draft-07/schema#"

SCHEMAS: dict[str, type[BaseModel]] = {
    "site": Site,
    "centre": Centre,
    "offering": Offering,
    "closures": ClosureCalendar,
    "page": Page,
}


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's generator, told about the shortcuts editors may write."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        generated = super().function_before_schema(schema)
        function = schema.get("function", {}).get("function")
        if function in (one_or_many, on_one_or_many):
            return _allow_single_item(generated)
        return generated


def _allow_single_item(schema: JsonSchemaValue) -> JsonSchemaValue:
    """``on: tuesday`` is as good as ``on: [tuesday]``: accept one item where a list is expected."""
    if schema.get("type") == "array" and "items" in schema:
        return {"anyOf": [schema["items"], schema]}
    if "anyOf" in schema:
        branches: list[Any] = []
        for branch in schema["anyOf"]:
            if branch.get("type") == "array" and "items" in branch:
                branches.append(branch["items"])
            branches.append(branch)
        return {**schema, "anyOf": branches}
    return schema


def _tidy(node: Any) -> Any:
    """Small fixes that make the schema read well in an editor, applied to every sub-schema:

    - docstrings use reStructuredText ````code````; editors show Markdown ```code```;
    - ``default: null`` only means "may be left out": completion would insert ``null``;
    - a mapping with slug keys (``districts``) accepts no other keys.
    """
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _tidy(value) for key, value in node.items()}
    if isinstance(out.get("description"), str):
        out["description"] = out["description"].replace("``", "`")
    if "default" in out and out["default"] is None:
        del out["default"]
    if "patternProperties" in out and "additionalProperties" not in out and "properties" not in out:
        out["additionalProperties"] = False
    return out


def schema_of(model: type[BaseModel]) -> dict:
    """The JSON Schema of one content model, as written to ``<name>.schema.json``."""
    schema = model.model_json_schema(by_alias=True, mode="validation", schema_generator=_EditorSchema)
    schema = _tidy(schema)
    return {"$schema": DIALECT, **schema}


def render_schemas() -> dict[str, str]:
    """File name → file text for every schema; stable bytes for stable models."""
    return {
        f"{name}.schema.json": json.dumps(schema_of(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in render_schemas().items():
        path = folder / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
