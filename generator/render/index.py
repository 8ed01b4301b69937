"""Stage 5, index: the cross-brief view of the published part of the book.

Only briefs at or under ``max_tlp`` enter the index: a brief above it leaves no
trace in any page built from here (actors, risks, timeline, tags, search, JSON).
A draft (``draft: true``) enters only when the configuration includes drafts (the
preview always does). Actors merge by id across briefs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from generator.core.book import Book, BriefDoc
from generator.core.config import Config
from generator.core.model import (
    Actor,
    Brief,
    Event,
    Risk,
    likelihood_rank,
    partial_date_bounds,
    publishable,
)
from generator.core.refs import RefIndex

log = logging.getLogger(__name__)


@dataclass
class ActorEntry:
    """An actor across the book: every brief it appears in. Its merged facts are worked out
    once, when first asked (the index is complete by then): a big book's actor pages, actors
    index and export ask for each of them many times."""

    id: str
    appearances: list[tuple[BriefDoc, Actor]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.id.lower()

    @cached_property
    def name(self) -> str:
        return self.appearances[0][1].name

    @cached_property
    def native_name(self) -> str | None:
        return next((a.native_name for _, a in self.appearances if a.native_name), None)

    @cached_property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for _, actor in self.appearances:
            for name in (actor.name, *actor.aliases):
                if name != self.name:
                    seen.setdefault(name)
        return list(seen)

    @cached_property
    def slugs(self) -> list[str]:
        """The briefs it appears in, each once, in the book's order."""
        return list(dict.fromkeys(doc.slug for doc, _ in self.appearances))

    @cached_property
    def kind(self) -> str | None:
        return next((a.kind for _, a in self.appearances if a.kind), None)

    @cached_property
    def country(self) -> str | None:
        return next((a.country for _, a in self.appearances if a.country), None)


@dataclass
class RiskRow:
    doc: BriefDoc
    risk: Risk
    number: int


@dataclass
class EventRow:
    doc: BriefDoc
    event: Event
    position: int


@dataclass
class BookIndex:
    """Published briefs (newest first) and what is built from them."""

    briefs: list[BriefDoc]
    left_out: list[str]
    drafts_left_out: list[str]
    refs: RefIndex
    actors: dict[str, ActorEntry]
    risks: list[RiskRow]
    timeline: list[EventRow]
    tags: dict[str, list[BriefDoc]]

    def brief(self, slug: str) -> BriefDoc | None:
        by_slug = self._by_slug
        if len(by_slug) != len(self.briefs):  # the list was changed after the first call
            by_slug = self.__dict__["_by_slug"] = {doc.slug: doc for doc in self.briefs}
        return by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, BriefDoc]:
        return {doc.slug: doc for doc in self.briefs}

    def published(self, slug: str) -> bool:
        slugs = self._slugs
        if len(slugs) != len(self.briefs):  # the list was changed after the first call
            slugs = self.__dict__["_slugs"] = {doc.slug for doc in self.briefs}
        return slug in slugs

    @cached_property
    def _slugs(self) -> set[str]:
        return {doc.slug for doc in self.briefs}


def brief_of(doc: BriefDoc) -> Brief:
    assert doc.brief is not None
    return doc.brief


def build_index(book: Book) -> BookIndex:
    """The published briefs (valid, at or below ``max_tlp``), newest first, cross-indexed."""
    published: list[BriefDoc] = []
    left_out: list[BriefDoc] = []
    drafts: list[BriefDoc] = []
    lists = {PUBLISHED: published, LEFT_OUT: left_out, DRAFT: drafts}
    for doc in book.briefs:
        admitted = admission(doc, book.config)
        if admitted:
            lists[admitted].append(doc)
    if drafts:
        log.info(
            "left out %d draft brief(s) (include them with --include-drafts): %s",
            len(drafts),
            ", ".join(doc.slug for doc in drafts),
        )
    if left_out:
        log.info(
            "left out %d brief(s) above TLP:%s: %s",
            len(left_out),
            book.config.max_tlp,
            ", ".join(doc.slug for doc in left_out),
        )
    published.sort(key=lambda d: (brief_of(d).as_of, d.slug), reverse=True)
    refs = RefIndex()
    for doc in published:
        refs.add(doc.slug, brief_of(doc), doc.targets)
    return BookIndex(
        published,
        [d.slug for d in left_out],
        [d.slug for d in drafts],
        refs,
        _actors(published),
        risk_register(published),
        _timeline(published),
        _tags(published),
    )


PUBLISHED, LEFT_OUT, DRAFT = "published", "left out", "draft"


def admission(doc: BriefDoc, config: Config) -> str:
    """Where a brief goes: published, left out (above max_tlp), a draft left out, or
    nowhere (it has errors: "")."""
    if doc.brief is None or not doc.ok:
        return ""
    if doc.brief.draft and not config.drafts:
        return DRAFT
    return PUBLISHED if publishable(doc.brief.tlp, config.max_tlp) else LEFT_OUT


def _actors(docs: list[BriefDoc]) -> dict[str, ActorEntry]:
    actors: dict[str, ActorEntry] = {}
    for doc in docs:
        for actor in brief_of(doc).actors:
            entry = actors.setdefault(actor.id.lower(), ActorEntry(actor.id))
            entry.appearances.append((doc, actor))
    return dict(sorted(actors.items(), key=lambda kv: kv[1].name.lower()))


def risk_register(docs: list[BriefDoc]) -> list[RiskRow]:
    """Every risk of the briefs, highest score first (then by title, then in brief order)."""
    rows = [
        RiskRow(doc, risk, n) for doc in docs for n, risk in enumerate(brief_of(doc).risks, start=1)
    ]
    return sorted(rows, key=risk_order)


def risk_order(row: RiskRow) -> tuple[int, str]:
    return (-(_score(row.risk)), row.risk.title.lower())


def _score(risk: Risk) -> int:
    return (likelihood_rank(risk.likelihood) or 0) * (risk.impact or 0)


def _timeline(docs: list[BriefDoc]) -> list[EventRow]:
    rows = [
        EventRow(doc, event, i) for doc in docs for i, event in enumerate(brief_of(doc).timeline)
    ]
    return sorted(rows, key=lambda r: (partial_date_bounds(r.event.date), r.doc.slug, r.position))


def _tags(docs: list[BriefDoc]) -> dict[str, list[BriefDoc]]:
    tags: dict[str, list[BriefDoc]] = {}
    for doc in docs:
        for tag in brief_of(doc).tags:
            tags.setdefault(tag, []).append(doc)
    return dict(sorted(tags.items(), key=lambda kv: kv[0].lower()))
