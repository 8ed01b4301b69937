"""Stage 7, site: every generated file of the docs tree, and the grouped navigation.

Pages are plain ``src_uri -> content`` pairs, so the MkDocs plugin can serve them
from memory and ``briefing generate`` can write them as a Markdown tree.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

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
_FORKED: tuple[RenderContext, str, set[str]] | None = None


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
) -> list[Generated]:
    """Pages built across briefs, plus assets. A preview re-rendering what a save touched
    passes the briefs (``slugs``) and ``actors`` (lower-case ids) it touched: of the actor
    pages, the months and the parts of a split timeline or actors index, only those listing
    them."""
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
    for key, entry in ctx.index.actors.items():
        if actors is None or key in actors:
            files += _parts(actor_pages(ctx, entry), in_nav=False)
    return files


def _parts(pages: list[tuple[str, str]], in_nav: bool = True) -> list[Generated]:
    """A split list's pages: the first where the whole list was (in the nav), then its parts."""
    return [
        Generated(src, content, in_nav=in_nav and n == 0) for n, (src, content) in enumerate(pages)
    ]


def generate_all(
    ctx: RenderContext,
    *,
    home: bool,
    site_url: str = "",
    made: Callable[[list[Generated]], None] | None = None,
) -> list[Generated]:
    """Every generated file. A big book's briefs render in forked workers (which inherit the
    index, so only page text travels back) while this process renders the book pages; in
    chunks, so that pages travel back while the rest renders and no worker idles at the end.
    ``made`` is given each chunk as it is ready (the tree writes it while the rest renders)."""
    global _FORKED
    workers = workers_for(len(ctx.index.briefs))
    _FORKED = (ctx, site_url, nav_listed(ctx.index.briefs))
    made = made or (lambda files: None)
    try:
        with gc_paused():
            if workers < 2:
                files = book_files(ctx, home=home) + _render_slice((0, len(ctx.index.briefs)))
                made(files)
                return files
            with fork_pool(workers) as pool:
                parts = [pool.submit(_render_slice, job) for job in _slices(len(ctx.index.briefs))]
                files = book_files(ctx, home=home)
                made(files)
                for part in parts:
                    chunk = part.result()
                    made(chunk)
                    files += chunk
                return files
    finally:
        _FORKED = None


def _slices(total: int) -> list[tuple[int, int]]:
    """The briefs in chunks of :data:`RENDER_CHUNK`, in order: whatever the number of
    workers, the files come in the order one process renders them."""
    return [(lo, min(lo + RENDER_CHUNK, total)) for lo in range(0, total, RENDER_CHUNK)]


def _render_slice(job: tuple[int, int]) -> list[Generated]:
    assert _FORKED is not None
    ctx, site_url, listed = _FORKED
    lo, hi = job
    files: list[Generated] = []
    for doc in ctx.index.briefs[lo:hi]:
        files += brief_files(ctx, doc, site_url, in_nav=doc.slug in listed)
    return files


def months(docs: list[BriefDoc]) -> list[tuple[tuple[int, int], list[BriefDoc]]]:
    """Briefs by (year, month) of ``as_of``, in the order given (newest first)."""
    key = lambda d: (brief_of(d).as_of.year, brief_of(d).as_of.month)  # noqa: E731
    return [(ym, list(group)) for ym, group in itertools.groupby(docs, key=key)]


def nav_listed(docs: list[BriefDoc]) -> set[str]:
    """Slugs listed one by one in the nav: those of months with at most GROUP_SIZE briefs."""
    return {d.slug for _, group in months(docs) if len(group) <= GROUP_SIZE for d in group}
