"""Render the pages built across briefs: annotated articles, actors, risks, timeline, home."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.core.book import BriefDoc
from generator.core.labels import index_letter, item_label, sort_key
from generator.core.model import TLP_LEVELS, is_stale, likelihood_rank, tlp_rank

from .annotate import annotated_html, find_mentions, notes_of
from .brief import RenderContext, item_anchor, render_page, resolver
from .index import ActorEntry, brief_of
from .markdown import to_html, to_inline_html
from .svg import HeatPoint, heat_map_svg
from .urls import Urls

LATEST = 20
SINGULAR = {
    "judgments": "judgment",
    "actors": "actor",
    "relations": "relation",
    "timeline": "event",
    "figures": "figure",
    "quotes": "quote",
    "risks": "risk",
}


def highest_tlp(docs: list[BriefDoc]) -> str:
    """The label of a page built from several briefs: the most restrictive among them."""
    levels = {doc.brief.tlp for doc in docs if doc.brief is not None}  # each level once
    return TLP_LEVELS[max((tlp_rank(level) for level in levels), default=0)]


def render_article(ctx: RenderContext, doc: BriefDoc, source_id: str) -> str:
    brief = brief_of(doc)
    page = Urls.article(doc.slug, source_id)
    article = doc.articles[source_id]
    notes = [n for n in notes_of(doc) if n.cited.anchor.source_id == source_id]
    names: dict[str, tuple[str, str]] = {}
    for actor in brief.actors:
        href = ctx.urls.href(page, Urls.brief(doc.slug), f"actor-{actor.id.lower()}")
        for name in (actor.name, *actor.aliases, actor.native_name):
            if name and len(name) > 1:
                names.setdefault(name, (actor.id, href))
    mentions = find_mentions(article.text, names)

    def backlinks(note: Any) -> list[tuple[str, str] | tuple[str, str, str]]:
        section, i = note.cited.item
        anchor = item_anchor(brief, section, i)
        label = item_label(str(section), int(i))
        return [
            (
                ctx.urls.href(page, Urls.brief(doc.slug), anchor),
                f"↩ {label}",
                f"back to {SINGULAR[str(section)]} {label}",
            )
        ]

    html_text = annotated_html(article, notes, mentions, backlinks)
    source = next(s for s in brief.sources if s.id == source_id)
    return render_page(
        ctx,
        "article.md.j2",
        brief=brief,
        source=source,
        tlp=brief.tlp,
        brief_href=ctx.urls.href(page, Urls.brief(doc.slug)),
        article_html=Markup(html_text),
    )


def _position(items: list[Any], item: Any) -> int:
    """``items.index(item)``, found by identity first: ``index`` compares models field by
    field (a tenth of rendering the actor pages)."""
    found = next((i for i, known in enumerate(items) if known is item), None)
    return items.index(item) if found is None else found


def appearance(ctx: RenderContext, page: str, doc: BriefDoc, actor: Any) -> dict[str, Any]:
    """One brief's section of an actor page."""
    brief = brief_of(doc)
    resolve = resolver(ctx, doc.slug, page)
    names = {a.id: a.name for a in brief.actors}

    def link(section: str, i: int) -> str:
        return ctx.urls.href(page, Urls.brief(doc.slug), item_anchor(brief, section, i))

    def item(section: str, i: int, **values: Any) -> dict[str, Any]:
        return {"label": item_label(section, i), "href": link(section, i), **values}

    def inline(text: str | None) -> Markup | None:
        return Markup(to_inline_html(text, resolve)) if text else None

    return {
        "href": link("actors", _position(brief.actors, actor)),
        "brief_href": ctx.urls.href(page, Urls.brief(doc.slug)),
        "title": brief.title,
        "as_of": brief.as_of,
        "tlp": brief.tlp,
        "draft": brief.draft,
        "role": actor.role,
        "stance": Markup(to_html(actor.stance, resolve)) if actor.stance else None,
        "quotes": [
            item("quotes", i, text=q.text, context=inline(q.context))
            for i, q in enumerate(brief.quotes)
            if q.speaker == actor.id
        ],
        "risks": [
            item("risks", i, title=r.title, likelihood=r.likelihood, impact=r.impact)
            for i, r in enumerate(brief.risks)
            if actor.id in r.actors
        ],
        "events": [
            item("timeline", i, date=e.date, event=inline(e.event))
            for i, e in enumerate(brief.timeline)
            if actor.id in e.actors
        ],
        "relations": [
            item(
                "relations",
                i,
                outgoing=r.from_ == actor.id,
                other=names.get(r.to if r.from_ == actor.id else r.from_, ""),
                other_href=ctx.urls.href(
                    page, Urls.actor(r.to if r.from_ == actor.id else r.from_)
                ),
                text=r.label,
            )
            for i, r in enumerate(brief.relations)
            if actor.id in (r.from_, r.to)
        ],
    }


def actor_letter(entry: ActorEntry) -> str:
    """The letter an actor is listed under: people by surname, others by name."""
    return index_letter(actor_sort_key(entry))


def actor_sort_key(entry: ActorEntry) -> str:
    return sort_key(entry.name, entry.kind, entry.country)


def render_risks(ctx: RenderContext) -> str:
    page = Urls.risks
    rows, points = [], []
    for row in ctx.index.risks:
        risk, doc = row.risk, row.doc
        href = ctx.urls.href(page, Urls.brief(doc.slug), f"risk-{risk.id.lower()}")
        rank = likelihood_rank(risk.likelihood)
        rows.append(
            {
                "label": item_label("risks", row.number - 1),  # the brief's own R label
                "number": row.number,
                "title": risk.title,
                "href": href,
                "rank": rank or 0,
                "brief_title": brief_of(doc).title,
                "brief_href": ctx.urls.href(page, Urls.brief(doc.slug)),
                "likelihood": risk.likelihood or "",
                "impact": risk.impact or "",
                "score": (rank or 0) * (risk.impact or 0),
                "confidence": risk.confidence or "",
                "as_of": brief_of(doc).as_of,
            }
        )
        if rank and risk.impact:
            label = f"{item_label('risks', row.number - 1)} {risk.title} ({brief_of(doc).title})"
            points.append(HeatPoint(row.number, label, rank, risk.impact, href))
    heat = heat_map_svg(points, title="Risk register") if points else ""
    return render_page(
        ctx,
        "risks.md.j2",
        rows=rows,
        methodology=ctx.urls.href(page, Urls.methodology),
        heat_map=Markup(heat),
        tlp=highest_tlp([r.doc for r in ctx.index.risks]),
    )


def brief_item(ctx: RenderContext, page: str, doc: BriefDoc) -> dict[str, Any]:
    """A brief's entry in a list of briefs on ``page``."""
    brief = brief_of(doc)
    return {
        "title": brief.title,
        "href": ctx.urls.href(page, Urls.brief(doc.slug)),
        "tlp": brief.tlp,
        "as_of": brief.as_of,
        "stale": is_stale(brief, ctx.today),
        "draft": brief.draft,
    }


def latest_docs(ctx: RenderContext, limit: int = LATEST) -> list[BriefDoc]:
    """The newest briefs, finished ones first: a draft never tops the list."""
    finished: list[BriefDoc] = []
    drafts: list[BriefDoc] = []
    for doc in ctx.index.briefs:  # one pass, over no more than it needs
        if not brief_of(doc).draft:
            finished.append(doc)
            if len(finished) == limit:
                break
        elif len(drafts) < limit:
            drafts.append(doc)
    return (finished + drafts)[:limit]


def latest_items(ctx: RenderContext, page: str, limit: int = LATEST) -> list[dict[str, Any]]:
    return [
        {
            **brief_item(ctx, page, doc),
            "summary": Markup(to_html(brief_of(doc).summary, resolver(ctx, doc.slug, page))),
        }
        for doc in latest_docs(ctx, limit)
    ]


def render_listing(ctx: RenderContext, template: str, page: str) -> str:
    latest = latest_items(ctx, page)
    return render_page(
        ctx,
        template,
        latest=latest,
        more=len(ctx.index.briefs) - len(latest),
        tlp=highest_tlp(latest_docs(ctx)),
    )


def latest_html(ctx: RenderContext, page: str) -> str:
    """The latest-briefs block alone, for a hand-written home page's marker."""
    latest = latest_items(ctx, page)
    template = ctx.templates.get_template("partials/latest.html.j2")
    return template.render(latest=latest, more=len(ctx.index.briefs) - len(latest))


def render_tags(ctx: RenderContext) -> str:
    return render_page(ctx, "tags.md.j2", tlp=highest_tlp(ctx.index.briefs))
