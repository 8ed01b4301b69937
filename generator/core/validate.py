"""Stage 2, validate: located plain data to the typed model, every problem at once.

Pydantic checks types and enums; this module turns its errors into located
messages that say what was expected and what was found, and adds the unknown-key
rule (a warning with "did you mean ...?"). Input is quoted in short excerpts only:
a message never prints an expanded document.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, error, excerpt, warning

from . import model
from .load import Located, Path_

_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "sources": model.Source,
    "judgments": model.Judgment,
    "actors": model.Actor,
    "relations": model.Relation,
    "timeline": model.Event,
    "figures": model.Figure,
    "quotes": model.Quote,
    "risks": model.Risk,
}
_EVIDENCE_KEYS = model.known_keys(model.Evidence)

_EXPECTED: dict[str, str] = {
    "tlp": "one of " + ", ".join(model.TLP_LEVELS),
    "likelihood": "an ICD 203 term: " + ", ".join(model.LIKELIHOOD_TERMS),
    "confidence": "low, moderate or high",
    "reliability": "an Admiralty grade A-F",
    "kind": "one of " + ", ".join(model.ACTOR_KINDS),
    "impact": "a whole number from 1 to 5",
    "country": "an ISO 3166 alpha-2 code such as JP or US",
    "wikidata": "a Wikidata id such as Q17",
}


def validate(located: Located) -> tuple[model.Brief | None, list[Problem]]:
    """The brief, or None when it has errors; plus every problem found."""
    problems = unknown_keys(located)
    if not isinstance(located.data, dict):
        line, col = located.where(())
        found = type(located.data).__name__
        problems.append(
            error(
                located.path,
                line,
                col,
                f"expected a mapping of brief keys (title, summary, ...); found a {_kind(found)}",
                code="type",
            )
        )
        return None, problems
    try:
        brief = model.Brief.model_validate(located.data)
    except ValidationError as exc:
        problems.extend(_located(located, err) for err in exc.errors(include_url=False))
        return None, sorted(problems)
    return brief, sorted(problems)


def _located(located: Located, err: Any) -> Problem:
    loc = _data_path(located.data, err["loc"])
    missing = err["type"] == "missing"
    line, col = located.where(loc if not missing else loc[:-1], key=missing)
    raw = _raw_value(located.data, loc)
    if raw is not _MISSING and not isinstance(raw, dict | list):
        err = {**err, "input": raw}
    message, hint = describe(err, loc)
    return error(located.path, line, col, message, hint, code="schema")


_MISSING = object()


def _raw_value(data: Any, loc: Path_) -> Any:
    """The value as the user wrote it (before case folding), for messages."""
    for step in loc:
        if not _has(data, step):
            return _MISSING
        data = data[step]
    return data


def _has(data: Any, step: Any) -> bool:
    """Whether ``data[step]`` exists (a key of a mapping, an index of a list)."""
    if isinstance(data, dict):
        return step in data
    return isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Pydantic's loc without union tags: only steps that exist in the data (plus a last key)."""
    path: list[str | int] = []
    current = data
    for step in loc:
        if _has(current, step):
            current = current[step]
        elif step == "from_":
            step = "from"
        elif (
            isinstance(step, str)
            and (step in _EVIDENCE_KEYS or not path or isinstance(current, dict))
            and "[" not in step
        ):
            path.append(step)
            current = None
            continue
        else:
            continue
        path.append(step)
    return tuple(path)


def describe(err: Any, loc: Path_) -> tuple[str, str]:
    """Message (what was expected, what was found, where) and hint for one pydantic error."""
    where = _dotted(loc)
    field = next((s for s in reversed(loc) if isinstance(s, str)), "")
    kind = err["type"]
    found = _found(err.get("input"))
    if kind == "missing":
        return f"{where}: required key is missing", ""
    expected = _EXPECTED.get(field)
    if kind == "literal_error" and expected:
        hint = _close(err.get("input"), err.get("ctx", {}).get("expected", ""))
        return f"{where}: expected {expected}; found {found}", hint
    if expected and kind in (
        "less_than_equal",
        "greater_than_equal",
        "int_parsing",
        "int_type",
        "int_from_float",
        "string_type",
    ):
        return f"{where}: expected {expected}; found {found}", ""
    if kind.startswith(("date_", "datetime_")):
        return f"{where}: expected a date YYYY-MM-DD; found {found}", ""
    if kind == "string_pattern_mismatch":
        want = (
            expected or "letters, digits, '-' or '_' (at most 64), starting with a letter or digit"
        )
        return f"{where}: expected {want}; found {found}", ""
    if kind in ("list_type", "too_short") and field in ("sources",):
        return f"{where}: expected a list of at least one source; found {found}", ""
    return f"{where}: {_pydantic_message(err)}; found {found}", ""


def _pydantic_message(err: Any) -> str:
    msg = str(err.get("msg", "invalid value"))
    msg = msg.replace("Input should be", "expected").replace("Value error, ", "")
    msg = msg.replace("a valid dictionary or instance of ", "a mapping: ")
    msg = msg.replace("String should have at least 1 character", "expected non-empty text")
    msg = msg.replace("a valid string", "text").replace("a valid list", "a list")
    return msg


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return f"'{excerpt(getattr(value, 'text', value), 60)}'"


def _kind(name: str) -> str:
    return {"list": "list", "dict": "mapping", "str": "text"}.get(name, name)


def _close(value: Any, expected: str) -> str:
    if not isinstance(value, str):
        return ""
    choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
    match = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=1)
    return f"did you mean '{match[0]}'?" if match else ""


def _dotted(loc: Path_) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "brief"


def unknown_keys(located: Located) -> list[Problem]:
    """Keys the format does not know, anywhere in the brief, with the closest known key."""
    problems: list[Problem] = []
    data = located.data
    if not isinstance(data, dict):
        return problems
    problems += _check_keys(located, data, (), model.known_keys(model.Brief))
    for section, item_model in _ITEM_MODELS.items():
        items = data.get(section)
        if not isinstance(items, list):
            continue
        keys = model.known_keys(item_model)
        for i, item in enumerate(items):
            if isinstance(item, dict):
                problems += _check_keys(located, item, (section, i), keys)
                problems += _evidence_keys(located, item, (section, i))
    return problems


def _evidence_keys(located: Located, item: dict[str, Any], loc: Path_) -> list[Problem]:
    evidence = item.get("evidence")
    entries = evidence if isinstance(evidence, list) else [evidence]
    problems = []
    for i, entry in enumerate(entries):
        if isinstance(entry, dict):
            where = (*loc, "evidence", i) if isinstance(evidence, list) else (*loc, "evidence")
            problems += _check_keys(located, entry, where, _EVIDENCE_KEYS)
    return problems


def _check_keys(
    located: Located, data: dict[str, Any], loc: Path_, known: set[str]
) -> list[Problem]:
    problems = []
    for key in data:
        if key in known:
            continue
        line, col = located.where((*loc, key), key=True)
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(sorted(known))
        problems.append(
            warning(
                located.path,
                line,
                col,
                f"unknown key '{excerpt(key, 40)}' in {_dotted(loc)}; it is ignored",
                hint,
                code="unknown-key",
            )
        )
    return problems
