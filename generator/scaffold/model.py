"""Plain data of a draft brief, shared by the scaffold rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    """One place in the article text where an actor is named."""

    start: int
    end: int
    actor: str


@dataclass
class Actor:
    """A candidate actor of the brief."""

    id: str
    name: str
    kind: str
    evidence: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    kind_guessed: bool = False


@dataclass(frozen=True)
class TimelineItem:
    """A dated event candidate."""

    date: str
    event: str
    evidence: str
    actors: tuple[str, ...] = ()
    year_inferred: bool = False


@dataclass(frozen=True)
class Figure:
    """A number as written, with what it counts."""

    value: str
    label: str
    evidence: str


@dataclass(frozen=True)
class Quote:
    """A quotation of the article, with its speaker's actor id when known."""

    text: str
    speaker: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Dating:
    """as_of, the publication date when a whole day is known, and how they were found."""

    as_of: datetime.date
    published: datetime.date | None
    basis: str
    line: int = -1
    publisher: str | None = None
    url: str | None = None


@dataclass
class Draft:
    """Everything the emitter writes."""

    title: str
    seed_rel: str
    dating: Dating
    drop: list[str]
    actors: list[Actor]
    timeline: list[TimelineItem]
    figures: list[Figure]
    quotes: list[Quote]
