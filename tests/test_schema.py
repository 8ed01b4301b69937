"""The shipped JSON Schema: generated from the model, referenced by briefs, valid for them."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURE_BOOK, REPO, SAMPLE_BRIEF, run_cli
from ruamel.yaml import YAML

SHIPPED = REPO / "schema" / "brief.schema.json"


def iso(value: Any) -> Any:
    """YAML dates load as date objects; JSON Schema sees the text the analyst wrote."""
    if isinstance(value, dict):
        return {key: iso(item) for key, item in value.items()}
    if isinstance(value, list):
        return [iso(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    return iso(yaml.load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_briefing_schema_prints_the_shipped_file(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "schema", workdir=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout == SHIPPED.read_text(encoding="utf-8")


def test_schema_is_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"title", "summary", "as_of", "sources"}


def test_schema_knows_the_public_keys(schema: dict[str, Any]) -> None:
    keys = set(schema["properties"])
    assert keys == {
        "title",
        "summary",
        "as_of",
        "review_by",
        "tlp",
        "draft",
        "tags",
        "regions",
        "sources",
        "background",
        "judgments",
        "actors",
        "relations",
        "timeline",
        "figures",
        "quotes",
        "risks",
        "open_questions",
    }
    relation = schema["$defs"]["Relation"]["properties"]
    assert "from" in relation and "from_" not in relation


@pytest.mark.parametrize(
    "brief",
    [SAMPLE_BRIEF, *sorted((FIXTURE_BOOK / "briefs").glob("*.yml"))],
    ids=lambda path: path.stem,
)
def test_brief_references_the_schema(brief: Path) -> None:
    first = brief.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (brief.parent / first.removeprefix(prefix)).resolve() == SHIPPED


@pytest.mark.parametrize(
    "brief",
    [SAMPLE_BRIEF, *sorted((FIXTURE_BOOK / "briefs").glob("*.yml"))],
    ids=lambda path: path.stem,
)
def test_schema_validates_the_briefs(
    validator: jsonschema.protocols.Validator, brief: Path
) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(brief))]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda b: b.pop("title"), []),
        (lambda b: b.update(sources=[]), ["sources"]),
        (lambda b: b["risks"][0].update(impact=9), ["risks", 0, "impact"]),
        (lambda b: b["actors"][0].update(kind="robot"), ["actors", 0, "kind"]),
        (lambda b: b["figures"][0].update(label=["a", "list"]), ["figures", 0, "label"]),
    ],
    ids=["no-title", "no-sources", "impact-9", "kind-robot", "label-list"],
)
def test_schema_rejects_broken_briefs(
    validator: jsonschema.protocols.Validator, change: Any, where: list[Any]
) -> None:
    brief = copy.deepcopy(load(SAMPLE_BRIEF))
    change(brief)
    errors = list(validator.iter_errors(brief))
    assert errors
    assert any(list(e.absolute_path)[: len(where)] == where for e in errors)
