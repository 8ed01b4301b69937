"""The JSON Schema of a brief, generated from the model, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from .model import Brief

SCHEMA_FILE = "schema/brief.schema.json"


def brief_schema() -> dict[str, Any]:
    schema = Brief.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Brief"
    schema["description"] = (
        "A brief of the briefing generator: briefs/<slug>.yml. Evidence quotes are copied "
        "exactly from the source article; [@id] in Markdown fields links to an item by id."
    )
    return schema


def schema_text() -> str:
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
