"""The index of a previewed book, patched after a save instead of built again.

A preview checks again only the briefs whose files changed (:mod:`generator.site.preview`).
When none of them changed what places a brief in the index (whether it is published, its date,
its tags, its actors' ids and names, its events' dates, its item ids), every list of the index
keeps its order and only the entries of those briefs change. The previous index with those
entries swapped is then the index :func:`build_index` would build, without going through the
whole book again (seconds at 20,000 briefs). The actors those briefs name get new entries
(their merged facts may have changed); every other actor keeps its entry, facts worked out.
"""

from __future__ import annotations

from generator.core.book import Book, BriefDoc
from generator.core.refs import id_key

from .index import (
    DRAFT,
    LEFT_OUT,
    PUBLISHED,
    ActorEntry,
    BookIndex,
    EventRow,
    RiskRow,
    admission,
    brief_of,
    risk_order,
    risk_register,
)


def patch_index(previous: BookIndex, book: Book, fresh: list[BriefDoc]) -> BookIndex | None:
    """The index of ``book``, made from ``previous`` (the index of the same book before the
    ``fresh`` briefs were checked again: every other brief is the very same object), or None
    when a fresh brief changed its place in it (then build it anew)."""
    new: dict[str, BriefDoc] = {}
    for doc in fresh:
        admitted = admission(doc, book.config)
        if admitted != _admitted_before(previous, doc.slug):
            return None
        old = previous.brief(doc.slug)
        if old is not None:  # published before and now
            if placing(old) != placing(doc):
                return None
            new[doc.slug] = doc
    if not new:
        return previous
    docs = [new.get(doc.slug, doc) for doc in previous.briefs]
    for doc in new.values():
        previous.refs.replace(doc.slug, brief_of(doc), doc.targets)
    return BookIndex(
        docs,
        previous.left_out,
        previous.drafts_left_out,
        previous.refs,
        _actors(previous, new),
        _patched_risks(previous.risks, new, docs),
        [_event(row, new) for row in previous.timeline],
        _tags(previous.tags, new),
    )


def _admitted_before(index: BookIndex, slug: str) -> str:
    """Where the brief went in ``index`` (as :func:`admission` says)."""
    if index.published(slug):
        return PUBLISHED
    if slug in index.left_out:
        return LEFT_OUT
    return DRAFT if slug in index.drafts_left_out else ""


def placing(doc: BriefDoc) -> tuple[object, ...]:
    """What orders or groups a published brief's entries in the index."""
    brief = brief_of(doc)
    return (
        brief.as_of,
        tuple(brief.tags),
        tuple((actor.id, actor.name) for actor in brief.actors),
        tuple(event.date for event in brief.timeline),
        len(brief.risks),
        id_key(doc.slug, brief, doc.targets),
    )


def _event(row: EventRow, new: dict[str, BriefDoc]) -> EventRow:
    doc = new.get(row.doc.slug)
    if doc is None:
        return row
    return EventRow(doc, brief_of(doc).timeline[row.position], row.position)


def _patched_risks(
    rows: list[RiskRow], new: dict[str, BriefDoc], docs: list[BriefDoc]
) -> list[RiskRow]:
    """The risk register with the fresh briefs' risks in their rows; sorted again from the
    briefs (as :func:`build_index` does) when a risk's rank or title changed."""
    patched = []
    moved = False
    for row in rows:
        doc = new.get(row.doc.slug)
        if doc is not None:
            fresh = RiskRow(doc, brief_of(doc).risks[row.number - 1], row.number)
            moved = moved or risk_order(fresh) != risk_order(row)
            row = fresh
        patched.append(row)
    return risk_register(docs) if moved else patched


def _tags(tags: dict[str, list[BriefDoc]], new: dict[str, BriefDoc]) -> dict[str, list[BriefDoc]]:
    patched = dict(tags)
    for doc in new.values():
        for tag in brief_of(doc).tags:
            patched[tag] = [new.get(d.slug, d) for d in patched[tag]]
    return patched


def _actors(previous: BookIndex, new: dict[str, BriefDoc]) -> dict[str, ActorEntry]:
    """The actors of the previous index; those the fresh briefs name get new entries, each
    appearance in a fresh brief being the actor at the same place in it."""
    actors = dict(previous.actors)
    place: dict[int, tuple[BriefDoc, int]] = {}
    for doc in new.values():
        old = previous.brief(doc.slug)
        assert old is not None  # a published fresh brief was published before (same place)
        for i, actor in enumerate(brief_of(old).actors):
            place[id(actor)] = (doc, i)
    for key in {actor.id.lower() for doc in new.values() for actor in brief_of(doc).actors}:
        entry = ActorEntry(actors[key].id)
        for doc, actor in actors[key].appearances:
            if id(actor) in place:
                doc, i = place[id(actor)]
                actor = brief_of(doc).actors[i]
            entry.appearances.append((doc, actor))
        actors[key] = entry
    return actors
