"""JSON Schema files for editors, generated from the content model (one source of truth).

Point your editor at them, e.g. in VS Code with the YAML extension, or with a first line
``# yaml-language-server: $schema=../../schema/centre.schema.json`` in centre.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import Centre, ClosureCalendar, Offering, Page, Site

SCHEMAS: dict[str, type[BaseModel]] = {
    "site": Site,
    "centre": Centre,
    "offering": Offering,
    "closures": ClosureCalendar,
    "page": Page,
}


def schema_of(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema_of(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
