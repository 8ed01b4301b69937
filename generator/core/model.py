"""The typed model of a brief: DESIGN section 4, the public contract.

Key names here are the file format; do not rename them. The JSON Schema that
editors use is generated from these classes (:func:`generator.schema.brief_schema`).
Shape-fixing (one evidence item or a list, ``TLP:amber``, numbers written for text)
happens in ``BeforeValidator`` hooks, so the rest of the code sees one clean shape.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

LIKELIHOOD_TERMS: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
CONFIDENCE_LEVELS = ("low", "moderate", "high")
TLP_LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
RELIABILITY_GRADES = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
ACTOR_KINDS = ("person", "organization", "state", "group")

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # whole stem: use fullmatch
#: Page names the book gives itself under ``briefs/`` and ``actors/`` (and year folders).
RESERVED_SLUGS = frozenset({"index"})
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _no_bool(value: Any) -> Any:
    """``impact: true`` is a mistake, not 1: a boolean where a number belongs is an error."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number from 1 to 5, not a boolean")
    return value


def _as_text(value: Any) -> Any:
    """Numbers written where text belongs ("value: 54000") are taken as their text, exactly
    as written (``0x1F`` stays "0x1F", ``1.50`` stays "1.50")."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return getattr(value, "text", None) or str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _as_list(value: Any) -> Any:
    """One item where a list belongs is a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _lower_term(value: Any) -> Any:
    return " ".join(value.lower().split()) if isinstance(value, str) else value


def _tlp_level(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip().upper().replace(" ", "")
    return text.removeprefix("TLP:")


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _partial_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def check_partial_date(text: str) -> str:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a range ``A/B`` with A not after B."""
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError("expected a date or a range A/B")
    bounds = [_parse_partial(part.strip()) for part in parts]
    if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
        raise ValueError("the range starts after it ends")
    return "/".join(part.strip() for part in parts)


def _parse_partial(text: str) -> tuple[dt.date, dt.date]:
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError("expected YYYY, YYYY-MM, YYYY-MM-DD or a range A/B")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            start = end = dt.date(year, month, day)
        elif month is not None:
            start = dt.date(year, month, 1)
            end = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc})") from None
    return start, end


def partial_date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date or range can mean (for sorting)."""
    parts = text.split("/")
    return _parse_partial(parts[0].strip())[0], _parse_partial(parts[-1].strip())[1]


Text = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int | float)]
NonEmptyText = Annotated[Text, Field(min_length=1)]
Markdown = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str)]
Id = Annotated[str, Field(pattern=ID_PATTERN, description="letters, digits, '-' or '_'")]
LikelihoodTerm = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
ConfidenceLevel = Literal["low", "moderate", "high"]
TlpLevel = Literal["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]


def _any_case(values: tuple[str, ...], prefix: str = "") -> WithJsonSchema:
    """Editors offer the canonical values; any case (and an optional prefix) validates too."""

    def fold(text: str) -> str:
        return "".join(
            f"[{c.lower()}{c.upper()}]" if c.isalpha() else r"\s+" if c == " " else re.escape(c)
            for c in text
        )

    head = f"(?:{fold(prefix)}\\s*)?" if prefix else ""
    pattern = "^\\s*" + head + "(?:" + "|".join(fold(v) for v in values) + ")\\s*$"
    return WithJsonSchema(
        {"anyOf": [{"enum": list(values)}, {"type": "string", "pattern": pattern}]}
    )


Likelihood = Annotated[
    LikelihoodTerm, BeforeValidator(_lower_term), _any_case(tuple(LIKELIHOOD_TERMS))
]
Confidence = Annotated[ConfidenceLevel, BeforeValidator(_lower_term), _any_case(CONFIDENCE_LEVELS)]
Tlp = Annotated[TlpLevel, BeforeValidator(_tlp_level), _any_case(TLP_LEVELS, "TLP:")]
Grade = Literal["A", "B", "C", "D", "E", "F"]
PartialDate = Annotated[
    str, BeforeValidator(_partial_date, json_schema_input_type=str | int), Field(min_length=4)
]


class Item(BaseModel):
    """Base of every mapping in a brief: unknown keys are reported by the linter."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Evidence(Item):
    """W3C Web Annotation TextQuoteSelector; ``source`` is a source id (default: the first)."""

    quote: NonEmptyText
    prefix: Text = ""
    suffix: Text = ""
    source: Id | None = None


def _evidence_item(value: Any) -> Any:
    return {"quote": value} if isinstance(value, str | int | float) else value


def _evidence_list(value: Any) -> Any:
    return [_evidence_item(item) for item in _as_list(value)]


EvidenceList = Annotated[
    list[Evidence],
    BeforeValidator(_evidence_list, json_schema_input_type=str | Evidence | list[str | Evidence]),
]
TextList = Annotated[list[Text], BeforeValidator(_as_list, json_schema_input_type=list[str])]
MarkdownList = Annotated[
    list[Markdown], BeforeValidator(_as_list, json_schema_input_type=list[str])
]
IdList = Annotated[list[Id], BeforeValidator(_as_list, json_schema_input_type=list[str])]


class Source(Item):
    id: Id
    file: NonEmptyText
    title: Text | None = None
    publisher: Text | None = None
    url: Text | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    reliability: Annotated[Grade, BeforeValidator(_upper), _any_case(tuple(RELIABILITY_GRADES))] = (
        "F"
    )
    drop: TextList = []


class Judgment(Item):
    id: Id | None = None
    text: Markdown
    likelihood: Likelihood | None = None
    confidence: Confidence | None = None
    evidence: EvidenceList = []


class Actor(Item):
    id: Id
    name: NonEmptyText
    native_name: Text | None = None
    aliases: TextList = []
    kind: Literal["person", "organization", "state", "group"] | None = None
    role: Text | None = None
    country: (
        Annotated[
            str, BeforeValidator(_upper, json_schema_input_type=str), Field(pattern=r"^[A-Z]{2}$")
        ]
        | None
    ) = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    stance: Markdown | None = None
    evidence: EvidenceList = []


class Relation(Item):
    from_: Id = Field(alias="from")
    to: Id
    label: Text = ""
    evidence: EvidenceList = []


class Event(Item):
    id: Id | None = None
    date: PartialDate
    event: Markdown
    actors: IdList = []
    evidence: EvidenceList = []

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        return check_partial_date(value)


class Figure(Item):
    value: NonEmptyText
    label: Text = ""
    evidence: EvidenceList = []


class Quote(Item):
    speaker: Id | None = None
    text: NonEmptyText
    context: Markdown | None = None


class Risk(Item):
    id: Id
    title: NonEmptyText
    description: Markdown | None = None
    likelihood: Likelihood | None = None
    impact: Annotated[int, BeforeValidator(_no_bool), Field(ge=1, le=5)] | None = None
    confidence: Confidence | None = None
    actors: IdList = []
    indicators: MarkdownList = []
    evidence: EvidenceList = []


class Brief(Item):
    """One brief: ``briefs/<slug>.yml``."""

    title: NonEmptyText
    summary: Markdown
    as_of: dt.date
    review_by: dt.date | None = None
    tlp: Tlp = "CLEAR"
    tags: TextList = []
    regions: TextList = []
    sources: Annotated[list[Source], Field(min_length=1)]
    background: Markdown | None = None
    judgments: list[Judgment] = []
    actors: list[Actor] = []
    relations: list[Relation] = []
    timeline: list[Event] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    risks: list[Risk] = []
    open_questions: MarkdownList = []


#: The keys each mapping accepts, by the model class, for the unknown-key rule.
def known_keys(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def is_stale(brief: Brief, today: dt.date) -> bool:
    """Past its ``review_by`` date."""
    return brief.review_by is not None and brief.review_by < today


def tlp_rank(level: str) -> int:
    return TLP_LEVELS.index(level)


def publishable(tlp: str, max_tlp: str) -> bool:
    """The one TLP filter: a brief at ``tlp`` may leave the analyst's machine under
    ``max_tlp`` (site, search, exports, deploy, default PDFs, references from those)."""
    return tlp_rank(tlp) <= tlp_rank(max_tlp)


def likelihood_rank(term: str | None) -> int | None:
    """1 (almost no chance) to 7 (almost certain)."""
    return list(LIKELIHOOD_TERMS).index(term) + 1 if term else None
