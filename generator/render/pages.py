"""Stage 7, site: every generated file of the docs tree, and the grouped navigation.

Pages are plain ``src_uri -> content`` pairs, so the MkDocs plugin can serve them
from memory and ``briefing generate`` can write them as a Markdown tree.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from generator.core.book import BriefDoc
from generator.core.labels import MONTH_NAMES
from generator.core.parallel import fork_pool, gc_paused, workers_for

from . import export, stix, webannotation
from .book import render_article, render_listing, render_risks, render_tags
from .brief import RenderContext, render_brief
from .index import brief_of
from .lists import actor_index_pages, actor_pages, month_pages, timeline_pages
from .urls import Urls

MONTHS = tuple(MONTH_NAMES)
GROUP_SIZE = 25
RENDER_CHUNK = 100
ACTOR_CHUNK = 400
T = TypeVar("T")
_FORKED: _Forked | None = None


@dataclass(frozen=True)
class Generated:
    src_uri: str
    content: str | bytes
    in_nav: bool = False


def asset(name: str) -> str:
    return resources.files("generator").joinpath("assets", name).read_text(encoding="utf-8")


def brief_files(
    ctx: RenderContext, doc: BriefDoc, site_url: str, in_nav: bool = True
) -> list[Generated]:
    """The pages and exports of one brief."""
    jsonld = export.json_script(export.brief_jsonld(doc, ctx.index, ctx.urls, site_url))
    page = render_brief(ctx, doc, jsonld)
    files = [Generated(Urls.brief(doc.slug), page, in_nav=in_nav)]
    for source_id in doc.articles:
        files.append(
            Generated(Urls.article(doc.slug, source_id), render_article(ctx, doc, source_id))
        )
    files.append(
        Generated(
            Urls.brief_json(doc.slug), export.dump_json(export.brief_json(doc, ctx.index, ctx.urls))
        )
    )
    files.append(
        Generated(
            Urls.annotations(doc.slug),
            export.dump_json(webannotation.annotations_jsonld(doc, ctx.urls, site_url)),
        )
    )
    files.append(Generated(Urls.stix(doc.slug), stix.stix_json(doc, ctx.index)))
    return files


def book_files(
    ctx: RenderContext,
    *,
    home: bool,
    actors: set[str] | None = None,
    slugs: set[str] | None = None,
    profiles: bool = True,
) -> list[Generated]:
    """Pages built across briefs, plus assets. A preview re-rendering what a save touched
    passes the briefs (``slugs``) and ``actors`` (lower-case ids) it touched: of the actor
    pages, the months and the parts of a split timeline or actors index, only those listing
    them. Without ``profiles``, no actor's own page (:func:`render_all` renders those
    in the workers)."""
    files = [
        Generated(
            Urls.briefs_index, render_listing(ctx, "briefs.md.j2", Urls.briefs_index), in_nav=True
        ),
        Generated(Urls.risks, render_risks(ctx), in_nav=True),
        Generated(Urls.tags, render_tags(ctx), in_nav=True),
        Generated(Urls.book_json, export.dump_json(export.book_json(ctx.index, ctx.urls))),
        Generated(Urls.css, asset("briefing.css")),
        Generated(Urls.js, asset("briefing.js")),
        Generated("assets/briefing/iframe-worker.js", asset("iframe-worker.js")),
    ]
    if home:
        files.append(
            Generated(Urls.home, render_listing(ctx, "home.md.j2", Urls.home), in_nav=True)
        )
    files += _parts(actor_index_pages(ctx, actors))
    files += _parts(timeline_pages(ctx, slugs))
    for (year, month), docs in months(ctx.index.briefs):
        if slugs is not None and not any(doc.slug in slugs for doc in docs):
            continue
        if len(docs) > GROUP_SIZE:
            files += _parts(month_pages(ctx, year, month, MONTHS[month - 1], docs))
    if profiles:
        files += profile_files(ctx, [k for k in ctx.index.actors if actors is None or k in actors])
    return files


def profile_files(ctx: RenderContext, keys: list[str]) -> list[Generated]:
    """The pages of the actors with these index keys."""
    files: list[Generated] = []
    for key in keys:
        files += _parts(actor_pages(ctx, ctx.index.actors[key]), in_nav=False)
    return files


def _parts(pages: list[tuple[str, str]], in_nav: bool = True) -> list[Generated]:
    """A split list's pages: the first where the whole list was (in the nav), then its parts."""
    return [
        Generated(src, content, in_nav=in_nav and n == 0) for n, (src, content) in enumerate(pages)
    ]


def generate_all(ctx: RenderContext, *, home: bool, site_url: str = "") -> list[Generated]:
    """Every generated file, in the order one process renders them."""
    chunks = render_all(ctx, home=home, site_url=site_url, take=list)
    return [file for chunk in chunks for file in chunk]


def render_all(
    ctx: RenderContext,
    *,
    home: bool,
    site_url: str,
    take: Callable[[list[Generated]], T],
    kept: Callable[[T], None] | None = None,
) -> list[T]:
    """Every generated file, in chunks, each handed to ``take`` in the process that
    rendered it; what ``take`` returns, chunk by chunk, in the order one process renders
    them (``kept`` is given each as it comes).

    A big book's briefs and actor pages render in forked workers, which inherit the
    index, while this process renders the other book pages; in chunks, so that the
    results come back while the rest renders and no worker idles at the end. ``take``
    runs in the worker: ``briefing generate`` writes the files there, and only a receipt
    of each travels back (their text would cost more to send than to write).
    """
    global _FORKED
    jobs = _jobs(len(ctx.index.briefs), len(ctx.index.actors))
    workers = workers_for(len(ctx.index.briefs))
    _FORKED = _Forked(ctx, site_url, nav_listed(ctx.index.briefs), list(ctx.index.actors), take)
    kept = kept or (lambda result: None)
    try:
        with gc_paused():
            if workers < 2:
                results = [take(book_files(ctx, home=home, profiles=False))]
                results += [_render_job(job) for job in jobs]
                for result in results:
                    kept(result)
                return results
            with fork_pool(workers) as pool:
                parts = [pool.submit(_render_job, job) for job in jobs]
                results = [take(book_files(ctx, home=home, profiles=False))]
                kept(results[0])
                for part in parts:
                    results.append(part.result())
                    kept(results[-1])
                return results
    finally:
        _FORKED = None


@dataclass(frozen=True)
class _Forked:
    """What a forked worker inherits: the rendering context, and the chunks' inputs."""

    ctx: RenderContext
    site_url: str
    listed: set[str]
    actor_keys: list[str]
    take: Callable[[list[Generated]], Any]


def _jobs(briefs: int, actors: int) -> list[tuple[str, int, int]]:
    """The actor pages, then the briefs, in chunks, in the order one process renders them:
    whatever the number of workers, the files come in the same order."""
    return [
        ("actors", lo, min(lo + ACTOR_CHUNK, actors)) for lo in range(0, actors, ACTOR_CHUNK)
    ] + [("briefs", lo, min(lo + RENDER_CHUNK, briefs)) for lo in range(0, briefs, RENDER_CHUNK)]


def _render_job(job: tuple[str, int, int]) -> Any:
    assert _FORKED is not None
    ctx, kind, (lo, hi) = _FORKED.ctx, job[0], job[1:]
    if kind == "actors":
        return _FORKED.take(profile_files(ctx, _FORKED.actor_keys[lo:hi]))
    files: list[Generated] = []
    for doc in ctx.index.briefs[lo:hi]:
        files += brief_files(ctx, doc, _FORKED.site_url, in_nav=doc.slug in _FORKED.listed)
    return _FORKED.take(files)


def months(docs: list[BriefDoc]) -> list[tuple[tuple[int, int], list[BriefDoc]]]:
    """Briefs by (year, month) of ``as_of``, in the order given (newest first)."""
    key = lambda d: (brief_of(d).as_of.year, brief_of(d).as_of.month)  # noqa: E731
    return [(ym, list(group)) for ym, group in itertools.groupby(docs, key=key)]


def nav_listed(docs: list[BriefDoc]) -> set[str]:
    """Slugs listed one by one in the nav: those of months with at most GROUP_SIZE briefs."""
    return {d.slug for _, group in months(docs) if len(group) <= GROUP_SIZE for d in group}
