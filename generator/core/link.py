"""The book-wide step of checking: references across briefs, linked for the whole book
(:func:`link_book`) or, in a preview, for the briefs checked again (:func:`relink`)."""

from __future__ import annotations

from . import lint, refs
from .book import Book, BriefDoc
from .config import Config
from .model import publishable


def link_book(config: Config, docs: list[BriefDoc]) -> Book:
    """The book of checked briefs, with the problems of references across briefs added."""
    index = refs.RefIndex()
    for doc in docs:
        if doc.brief is not None:
            duplicates = index.add(doc.slug, doc.brief, doc.targets)
            doc.problems += refs.duplicate_problems(lint_context(config, doc), duplicates)
            if not publishable(doc.brief.tlp, config.max_tlp):
                index.restricted[doc.slug] = doc.brief.tlp
    _add_reference_problems(config, docs, index)
    return Book(config, docs, index)


def relink(config: Config, previous: Book, fresh: list[BriefDoc]) -> Book | None:
    """The ``previous`` book with the ``fresh`` briefs (checked again) in place of theirs,
    linked against its ids. When none of them changed its ids or whether it may be
    referenced (what references elsewhere resolve against), every other brief's problems
    are as they were. None when one did, or the configuration changed: link the whole book
    again (:func:`link_book`)."""
    where = {doc.file: i for i, doc in enumerate(previous.briefs)}
    if previous.config != config or any(doc.file not in where for doc in fresh):
        return None
    before = previous.briefs
    if any(_link_key(config, before[where[d.file]]) != _link_key(config, d) for d in fresh):
        return None
    docs = list(previous.briefs)
    index = previous.index
    for doc in fresh:
        docs[where[doc.file]] = doc
        if doc.brief is not None:
            duplicates = index.replace(doc.slug, doc.brief, doc.targets)
            doc.problems += refs.duplicate_problems(lint_context(config, doc), duplicates)
    _add_reference_problems(config, fresh, index)
    return Book(config, docs, index)


def _add_reference_problems(config: Config, docs: list[BriefDoc], index: refs.RefIndex) -> None:
    """Each brief's unknown references against the book's ids; its problems then in order."""
    for doc in docs:
        if doc.brief is not None:
            doc.problems += refs.reference_problems(lint_context(config, doc), doc.slug, index)
        doc.problems.sort()


def _link_key(config: Config, doc: BriefDoc) -> tuple[object, ...] | None:
    """What other briefs' links see of a brief: its ids, and its TLP if above max_tlp."""
    if doc.brief is None:
        return None
    hidden = not publishable(doc.brief.tlp, config.max_tlp)
    return (refs.id_key(doc.slug, doc.brief, doc.targets), doc.brief.tlp if hidden else "")


def lint_context(config: Config, doc: BriefDoc) -> lint.LintContext:
    assert doc.brief is not None and doc.located is not None
    return lint.LintContext(doc.brief, doc.located, doc.articles, doc.cited, config)
