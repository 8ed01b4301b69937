"""The cross-brief lists that grow with the book, as bounded pages (:mod:`.parts`).

The timeline splits by year (by month in a big year), the actors index by first letter, an
actor's briefs and a month's listing by count. A list short enough for one page stays one page;
a split list keeps its first page where the whole list was (the nav and links need not change)
as an overview linking every part, and each part links the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from generator.core.book import BriefDoc
from generator.core.labels import item_label, plain_key
from generator.core.model import Actor

from .book import actor_letter, actor_sort_key, appearance, brief_item, highest_tlp
from .brief import RenderContext, render_page, resolver
from .index import ActorEntry, EventRow, brief_of
from .markdown import to_inline_html
from .parts import PAGE_ITEMS, PROFILE_ROWS, Part, grouped, paged, pager, weighed
from .urls import Urls

Page = tuple[str, str]


def overview(ctx: RenderContext, page: str, parts: Sequence[Part[Any]]) -> list[dict[str, Any]]:
    """The parts of a split list as links from ``page``, with their number of items."""
    return [
        {"label": p.label, "href": ctx.urls.href(page, p.src_uri), "count": len(p.items)}
        for p in parts
    ]


def _pagers(ctx: RenderContext, parts: Sequence[Part[Any]]) -> list[list[dict[str, Any]]]:
    """Each part's pager, its links relative to that part's page."""
    return [_pager_of(ctx, parts, i) for i in range(len(parts))]


def _pager_of(ctx: RenderContext, parts: Sequence[Part[Any]], i: int) -> list[dict[str, Any]]:
    here = parts[i].src_uri
    return pager(parts, i, lambda src: ctx.urls.href(here, src))


# -- timeline -----------------------------------------------------------------------------


def timeline_pages(ctx: RenderContext, slugs: set[str] | None = None) -> list[Page]:
    """The timeline: one page, or an overview plus a page per year (per month in a big year);
    with ``slugs``, of the parts only those with events of these briefs."""
    rows = ctx.index.timeline
    tlp = highest_tlp([r.doc for r in rows])
    if len(rows) <= PAGE_ITEMS:
        part = Part(Urls.timeline, "", list(rows))
        return [(Urls.timeline, _timeline_page(ctx, part, "Timeline", [], tlp))]
    parts = grouped(rows, Urls.timeline_part, [_year, _month])
    pages = [
        (
            Urls.timeline,
            render_page(
                ctx,
                "timeline.md.j2",
                title="Timeline",
                overview=overview(ctx, Urls.timeline, parts),
                total=len(rows),
                tlp=tlp,
            ),
        )
    ]
    for part, links in zip(parts, _pagers(ctx, parts), strict=True):
        if slugs is not None and not any(r.doc.slug in slugs for r in part.items):
            continue
        tlp_part = highest_tlp([r.doc for r in part.items])
        pages.append(
            (part.src_uri, _timeline_page(ctx, part, f"Timeline: {part.label}", links, tlp_part))
        )
    return pages


def _year(row: EventRow) -> str:
    return row.event.date[:4]


def _month(row: EventRow) -> str:
    return row.event.date[5:7] or "undated"


def _timeline_page(
    ctx: RenderContext, part: Part[EventRow], title: str, links: list[dict[str, Any]], tlp: str
) -> str:
    page = part.src_uri
    rows = []
    for row in part.items:
        resolve = resolver(ctx, row.doc.slug, page)
        anchor = f"event-{(row.event.id or str(row.position + 1)).lower()}"
        rows.append(
            {
                "year": _year(row),
                "date": row.event.date,
                "label": item_label("timeline", row.position),
                "event": Markup(to_inline_html(row.event.event, resolve)),
                "href": ctx.urls.href(page, Urls.brief(row.doc.slug), anchor),
                "brief_title": brief_of(row.doc).title,
            }
        )
    groups = _runs(rows, lambda r: str(r["year"]))
    overview_href = ctx.urls.href(page, Urls.timeline) if links else ""
    return render_page(
        ctx,
        "timeline.md.j2",
        title=title,
        groups=groups,
        pager=links,
        overview_href=overview_href,
        tlp=tlp,
    )


def _runs(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> list[Any]:
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for row in rows:
        if not groups or groups[-1][0] != key(row):
            groups.append((key(row), []))
        groups[-1][1].append(row)
    return groups


# -- actors -------------------------------------------------------------------------------


def actor_index_pages(ctx: RenderContext, actors: set[str] | None = None) -> list[Page]:
    """The actors index (people under their surname's letter, others under their name's):
    one page, or an overview of letters plus a page per letter; with ``actors`` (lower-case
    ids), of the letters only those listing one of them."""
    entries = sorted(
        ctx.index.actors.values(),
        key=lambda e: (plain_key(actor_sort_key(e)), actor_sort_key(e), e.name),
    )
    tlp = highest_tlp(ctx.index.briefs)
    if len(entries) <= PAGE_ITEMS:
        return [
            (
                Urls.actors_index,
                _actor_list(ctx, Part(Urls.actors_index, "", entries), [], tlp, len(entries)),
            )
        ]
    parts = grouped(entries, Urls.actors_letter, [actor_letter])
    first = render_page(
        ctx,
        "actors.md.j2",
        overview=overview(ctx, Urls.actors_index, parts),
        count=len(entries),
        tlp=tlp,
    )
    pages = [(Urls.actors_index, first)]
    for part, links in zip(parts, _pagers(ctx, parts), strict=True):
        if actors is not None and not any(e.key in actors for e in part.items):
            continue
        pages.append((part.src_uri, _actor_list(ctx, part, links, tlp, len(entries))))
    return pages


def _actor_list(
    ctx: RenderContext,
    part: Part[ActorEntry],
    links: list[dict[str, Any]],
    tlp: str,
    count: int,
) -> str:
    page = part.src_uri
    entries = [
        {
            "name": e.name,
            "native_name": e.native_name,
            "count": len(e.appearances),
            "href": ctx.urls.href(page, Urls.actor(e.id)),
            "letter": actor_letter(e),
        }
        for e in part.items
    ]
    return render_page(
        ctx,
        "actors.md.j2",
        title=f"Actors: {part.label}" if part.label else "Actors",
        groups=_runs(entries, lambda e: str(e["letter"])),
        count=count,
        pager=links,
        overview_href=ctx.urls.href(page, Urls.actors_index) if links else "",
        tlp=tlp,
    )


def actor_pages(ctx: RenderContext, entry: ActorEntry) -> list[Page]:
    """An actor's page, its briefs in parts of at most ``PROFILE_ROWS`` rows."""
    parts = weighed(Urls.actor(entry.id), entry.appearances, profile_rows, PROFILE_ROWS)
    pages = []
    for part, links in zip(parts, _pagers(ctx, parts), strict=True):
        pages.append((part.src_uri, _actor_page(ctx, entry, part, links)))
    return pages


def profile_rows(pair: tuple[BriefDoc, Actor]) -> int:
    """The rows one brief adds to an actor's profile: its block, and the actor's quotes,
    risks, events and relations in it."""
    doc, actor = pair
    brief = brief_of(doc)
    return (
        1
        + sum(q.speaker == actor.id for q in brief.quotes)
        + sum(actor.id in r.actors for r in brief.risks)
        + sum(actor.id in e.actors for e in brief.timeline)
        + sum(actor.id in (r.from_, r.to) for r in brief.relations)
    )


def _actor_page(
    ctx: RenderContext,
    entry: ActorEntry,
    part: Part[Any],
    links: list[dict[str, Any]],
) -> str:
    page = part.src_uri
    appearances = [appearance(ctx, page, doc, actor) for doc, actor in part.items]
    wikidata = next((a.wikidata for _, a in entry.appearances if a.wikidata), None)
    return render_page(
        ctx,
        "actor.md.j2",
        entry=entry,
        title=f"{entry.name} ({part.label})" if part.label else entry.name,
        appearances=appearances,
        total=len(entry.appearances),
        wikidata=wikidata,
        pager=links,
        tlp=highest_tlp([doc for doc, _ in entry.appearances]),
    )


# -- months -------------------------------------------------------------------------------


def month_pages(
    ctx: RenderContext, year: int, month: int, name: str, docs: list[BriefDoc]
) -> list[Page]:
    """A month's briefs by title, when there are too many to list in the nav, in parts."""
    ordered = sorted(docs, key=lambda d: brief_of(d).title.lower())
    parts = paged(Urls.month(year, month), ordered, "")
    title = f"{name} {year}"
    pages = []
    for part, links in zip(parts, _pagers(ctx, parts), strict=True):
        items = [brief_item(ctx, part.src_uri, doc) for doc in part.items]
        content = render_page(
            ctx,
            "month.md.j2",
            title=f"{title} ({part.label})" if part.label else title,
            month=title,
            items=items,
            total=len(docs),
            pager=links,
            tlp=highest_tlp(part.items),
        )
        pages.append((part.src_uri, content))
    return pages
