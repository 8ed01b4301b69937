"""Incremental preview: a rebuild while serving checks and renders only what a save touched.

Between rebuilds the preview keeps each checked brief (with the stat of its file and of its
articles) and every generated page. A rebuild re-checks only the briefs whose files changed,
links only those when their ids are as before (:func:`relink`), and patches the previous
index when they keep their place in it (:func:`patch_index`); else it links or indexes anew.
When the shape of the book is the same (same published briefs in the same order, same titles,
dates, TLP labels, tags and item ids: everything other pages show of a brief), it re-renders
only the changed briefs' pages and the cross-brief pages, where an actor's page is rendered
again only if that actor is in a changed brief; everything else is reused as it was. Any other
change is *structural*: every page is rendered again.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import build
from generator.core.book import Book, BriefDoc, discover
from generator.core.config import Config
from generator.core.link import link_book, relink
from generator.core.parallel import gc_paused
from generator.core.sources import resolve_source
from generator.errors import BriefingError, Problem
from generator.render.brief import RenderContext
from generator.render.index import BookIndex, brief_of, build_index
from generator.render.index_patch import patch_index
from generator.render.pages import Generated, book_files, brief_files, generate_all, nav_listed

log = logging.getLogger("mkdocs.plugins.briefing")
Signature = tuple[tuple[str, int, int], ...]


@dataclass
class Checked:
    doc: BriefDoc
    problems: list[Problem]
    sources: list[Path]
    signature: Signature


@dataclass
class Preview:
    """What the preview keeps from one rebuild to the next."""

    checked: dict[Path, Checked] = field(default_factory=dict)
    pages: dict[str, Generated] = field(default_factory=dict)
    shape: tuple[Any, ...] | None = None
    changed: set[str] = field(default_factory=set)
    old_actors: set[str] = field(default_factory=set)
    structural: str = "first build"
    #: the book of the last rebuild, linked; and, when this rebuild linked only the briefs
    #: checked again (:func:`relink`), those briefs and the briefs of the book before
    book: Book | None = None
    relinked: tuple[list[BriefDoc], list[BriefDoc]] | None = None
    #: the last index built, with the briefs and the configuration it was built from
    index: tuple[BookIndex, list[BriefDoc], Config] | None = None
    #: each published brief's part of the shape, with the brief it is of
    brief_shapes: dict[str, tuple[BriefDoc, tuple[Any, ...]]] = field(default_factory=dict)
    #: whose each page is (:func:`owner`), worked out once per shape of the book
    owners: dict[str, tuple[str, str]] = field(default_factory=dict)

    def check(self, config: Config, paths: list[Path] | None) -> Book:
        """The book, re-checking only the brief files (or their articles) that changed."""
        with gc_paused():
            return self._check(config, paths)

    def index_of(self, book: Book) -> BookIndex:
        """The book's index: the previous one patched when this rebuild relinked only the
        re-checked briefs and none of them moved in it (:func:`patch_index`), else anew."""
        previous, self.index = self.index, None
        index = None
        relinked = self.relinked
        if previous and relinked and previous[1] is relinked[1] and previous[2] == book.config:
            index = patch_index(previous[0], book, relinked[0])
        index = index or build_index(book)
        self.index = (index, book.briefs, book.config)
        return index

    def _check(self, config: Config, paths: list[Path] | None) -> Book:
        files = discover(config, paths)
        kept: dict[Path, BriefDoc] = {}
        fresh: list[Path] = []
        for file in files:
            known = self.checked.get(file)
            if known and known.signature == _signature(known.sources):
                kept[file] = known.doc
            else:
                fresh.append(file)
        checked = {doc.file: doc for doc in build.check_all(config, fresh)} if fresh else {}
        gone = set(self.checked) - set(files)
        self.changed = {file.stem for file in [*fresh, *gone]}
        self.old_actors = _actors_of(
            [self.checked[f].doc for f in [*fresh, *gone] if f in self.checked]
        )
        self.checked = {file: self.checked[file] for file in kept} | {
            file: _checked(config, doc) for file, doc in checked.items()
        }
        previous, self.book = self.book, None
        fresh_docs = [checked[file] for file in fresh]
        book = relink(config, previous, fresh_docs) if previous and not gone else None
        self.relinked = (fresh_docs, previous.briefs) if book and previous else None
        if book is None:  # kept briefs as checked, before their last linking
            again = [self._unlinked(kept[f]) if f in kept else checked[f] for f in files]
            book = link_book(config, again)
        self.book = book
        return book

    def _unlinked(self, doc: BriefDoc) -> BriefDoc:
        return dataclasses.replace(doc, problems=list(self.checked[doc.file].problems))

    def render(self, ctx: RenderContext, book: Book, home: bool, site_url: str) -> list[Generated]:
        """Pages for this rebuild: every page after a structural change, else only those a
        changed brief appears on, the rest reused."""
        with gc_paused():
            return self._render(ctx, book, home, site_url)

    def _render(self, ctx: RenderContext, book: Book, home: bool, site_url: str) -> list[Generated]:
        shape = self._shape(ctx, home)
        reason = self._structural(shape)
        self.shape = shape
        if reason:
            self.structural = reason
            self.owners = {}
            files = generate_all(ctx, home=home, site_url=site_url)
        else:
            self.structural = ""
            files = self._partial(ctx, book, home, site_url)
        files += build.error_pages(ctx, book)  # a kept error page is replaced, not doubled
        self.pages = {f.src_uri: f for f in files}
        return list(self.pages.values())

    def _structural(self, shape: tuple[Any, ...]) -> str:
        if self.shape is None:
            return "first build"
        if shape != self.shape:
            return "briefs added, removed, renamed, re-dated or re-labelled, or a new day"
        return ""

    def _partial(
        self, ctx: RenderContext, book: Book, home: bool, site_url: str
    ) -> list[Generated]:
        changed = self.changed
        listed = nav_listed(ctx.index.briefs)
        fresh: dict[str, Generated] = {}
        for doc in ctx.index.briefs:
            if doc.slug in changed:
                for item in brief_files(ctx, doc, site_url, in_nav=doc.slug in listed):
                    fresh[item.src_uri] = item
        actors = self.old_actors | _actors_of(self.pages_docs(book, changed))
        for item in book_pages(ctx, home, actors, changed):
            fresh[item.src_uri] = item
        owners = self._owners(book, ctx)
        kept = [
            f
            for src, f in self.pages.items()
            if src not in fresh and _kept(owners[src], changed, actors)
        ]
        return kept + list(fresh.values())

    def _owners(self, book: Book, ctx: RenderContext) -> dict[str, tuple[str, str]]:
        """Whose each kept page is; the briefs and actors of the book are those of the
        last structural rebuild (the same shape)."""
        unknown = [src for src in self.pages if src not in self.owners]
        if unknown:
            slugs = {doc.slug for doc in book.briefs}
            actors = set(ctx.index.actors)
            self.owners.update((src, owner(src, slugs, actors)) for src in unknown)
        return self.owners

    def _shape(self, ctx: RenderContext, home: bool) -> tuple[Any, ...]:
        """:func:`book_shape`, each brief's part worked out again only if it is a new brief
        object (one checked again)."""
        known = self.brief_shapes
        shapes = {}
        for doc in ctx.index.briefs:
            hit = known.get(doc.slug)
            shapes[doc.slug] = hit if hit and hit[0] is doc else (doc, _brief_shape(doc))
        self.brief_shapes = shapes
        return book_shape(ctx, home, tuple(shape for _, shape in shapes.values()))

    def pages_docs(self, book: Book, slugs: set[str]) -> list[BriefDoc]:
        return [doc for doc in book.briefs if doc.slug in slugs and doc.brief is not None]


def _actors_of(docs: list[BriefDoc]) -> set[str]:
    """The actors (lower-case ids) of the briefs that loaded (a broken brief has none)."""
    return {actor.id.lower() for doc in docs if doc.brief for actor in doc.brief.actors}


def owner(src_uri: str, slugs: set[str], actors: set[str]) -> tuple[str, str]:
    """Whose page ``src_uri`` is: a brief's (its page, articles, exports), an actor's, or the
    book's (every other page: those that list a changed brief are rendered again)."""
    head, _, rest = src_uri.partition("/")
    name = rest.split("/", 1)[0].removesuffix(".md")
    if head == "briefs" and name in slugs:
        return ("brief", name)
    if head == "data" and name.split(".", 1)[0] in slugs:
        return ("brief", name.split(".", 1)[0])
    if head == "actors" and name in actors:
        return ("actor", name)
    return ("book", "")


def _kept(whose: tuple[str, str], changed: set[str], actors: set[str]) -> bool:
    kind, name = whose
    if kind == "brief":
        return name not in changed
    if kind == "actor":
        return name not in actors
    return True  # a book page: the same set of them (same shape), those touched are fresh


def book_pages(
    ctx: RenderContext, home: bool, actors: set[str], slugs: set[str]
) -> list[Generated]:
    """The cross-brief pages that list the changed briefs or their actors."""
    return book_files(ctx, home=home, actors=actors, slugs=slugs)


def book_shape(
    ctx: RenderContext, home: bool, briefs: tuple[Any, ...] | None = None
) -> tuple[Any, ...]:
    """Everything about the briefs that pages other than their own show (or that the nav and
    the tags index hold): when it is unchanged, a change stays within the changed briefs.
    ``briefs``: their parts (:func:`_brief_shape`), if worked out already."""
    if briefs is None:
        briefs = tuple(_brief_shape(doc) for doc in ctx.index.briefs)
    actors = tuple((key, entry.name) for key, entry in ctx.index.actors.items())
    return (home, ctx.today, briefs, actors, tuple(ctx.index.left_out))


def _brief_shape(doc: BriefDoc) -> tuple[Any, ...]:
    brief = brief_of(doc)
    return (
        doc.slug,
        brief.title,
        brief.as_of,
        brief.tlp,
        tuple(brief.tags),
        tuple(j.id for j in brief.judgments),
        tuple((e.id, e.date) for e in brief.timeline),
        tuple(r.id for r in brief.risks),
    )


def _checked(config: Config, doc: BriefDoc) -> Checked:
    """A checked brief as kept: its problems so far, the files it was made from, their stat."""
    paths = [doc.file]
    if doc.brief is not None:
        for source in doc.brief.sources:
            try:
                paths.append(resolve_source(config, source.file))
            except BriefingError:
                continue
    return Checked(doc, list(doc.problems), paths, _signature(paths))


def _signature(paths: list[Path]) -> Signature:
    """The stat of a brief file and of the articles it cites: changes when any is saved."""
    return tuple(_stat(path) for path in paths)


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def pages_for(
    preview: Preview, home: bool, site_url: str
) -> Callable[[RenderContext, Book], list[Generated]]:
    return lambda ctx, book: preview.render(ctx, book, home, site_url)
