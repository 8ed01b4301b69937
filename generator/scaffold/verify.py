"""Self-check of a rendered draft: it loads, and every quote anchors exactly once.

The scaffold's tests run this on every corpus article; `briefing check` remains the judge.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML

from generator.scaffold.article import split_lines
from generator.scaffold.evidence import MIN_WORDS, count_overlapping, normalise

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
KINDS = frozenset({"person", "organization", "state", "group"})
MARKDOWN_FIELDS = ("event", "label", "stance", "context")


_YAML = YAML(typ="rt")


def load(yaml_text: str) -> Any:
    """Round-trip load, as the project's loader does."""
    return _YAML.load(io.StringIO(yaml_text))


def _quote_problems(
    where: str, quote: Any, text: str, norm: str, dropped: list[tuple[int, int]]
) -> Iterator[str]:
    if not isinstance(quote, str):
        yield f"{where}: not a string: {quote!r}"
        return
    if "\n" in quote or "\r" in quote or len(quote.split()) < MIN_WORDS:
        yield f"{where}: newline or fewer than {MIN_WORDS} words: {quote!r}"
    if count_overlapping(text, quote) != 1:
        yield f"{where}: found {text.count(quote)} times: {quote!r}"
    elif count_overlapping(norm, normalise(quote)) != 1:
        yield f"{where}: not unique once normalised: {quote!r}"
    else:
        pos = text.find(quote)
        if any(s < pos + len(quote) and pos < e for s, e in dropped):
            yield f"{where}: in a dropped line: {quote!r}"


def _dropped_spans(data: Any, text: str) -> list[tuple[int, int]]:
    drop = set(data["sources"][0].get("drop", []) or [])
    return [(s, e) for s, e in split_lines(text) if text[s:e] in drop]


def _evidence_items(data: Any) -> Iterator[tuple[str, Any]]:
    for key in ("actors", "timeline", "figures"):
        for i, item in enumerate(data.get(key) or []):
            yield f"{key}[{i}].evidence", item.get("evidence")
    for i, item in enumerate(data.get("quotes") or []):
        yield f"quotes[{i}].text", item.get("text")


def _structure_problems(data: Any) -> Iterator[str]:
    ids = [a["id"] for a in data.get("actors") or []]
    if len(ids) != len(set(ids)):
        yield f"duplicate actor ids: {ids}"
    for i, actor in enumerate(data.get("actors") or []):
        if not ID_RE.match(actor["id"]) or len(actor["id"]) > 64:
            yield f"actors[{i}].id invalid: {actor['id']!r}"
        if actor.get("kind") not in KINDS:
            yield f"actors[{i}].kind invalid: {actor.get('kind')!r}"
        if "country" in actor and not re.fullmatch(r"[A-Z]{2}", str(actor["country"])):
            yield f"actors[{i}].country invalid: {actor['country']!r}"
    for i, item in enumerate(data.get("timeline") or []):
        if not DATE_RE.match(str(item["date"])) or not all(
            a in ids for a in item.get("actors", [])
        ):
            yield f"timeline[{i}] bad date or actor: {item['date']!r}"
    for i, q in enumerate(data.get("quotes") or []):
        if "speaker" in q and q["speaker"] not in ids:
            yield f"quotes[{i}].speaker is not an actor id: {q['speaker']!r}"
    for key in ("actors", "timeline", "figures", "quotes"):
        for i, item in enumerate(data.get(key) or []):
            for field in MARKDOWN_FIELDS:
                if "[@" in str(item.get(field, "")):
                    yield f"{key}[{i}].{field} holds link syntax"


def problems(yaml_text: str, text: str) -> list[str]:
    """Everything wrong with a rendered draft of `text`; empty when it is sound."""
    data = load(yaml_text)
    out = list(_structure_problems(data))
    for key in ("title", "summary", "as_of", "tlp", "sources"):
        if key not in data:
            out.append(f"missing {key}")
    if not str(data.get("summary", "")).startswith("DRAFT:"):
        out.append("summary is not the DRAFT placeholder")
    dropped = _dropped_spans(data, text)
    norm = normalise(text)
    for where, quote in _evidence_items(data):
        out.extend(_quote_problems(where, quote, text, norm, dropped))
    return out
