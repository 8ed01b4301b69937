"""Render the pages built across briefs: annotated articles, actors, risks, timeline, home."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.core.book import BriefDoc
from generator.core.model import TLP_LEVELS, is_stale, likelihood_rank, tlp_rank

from .annotate import annotated_html, find_mentions, notes_of
from .brief import RenderContext, render_page, resolver
from .index import brief_of
from .markdown import to_html
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
    ranks = [tlp_rank(brief_of(doc).tlp) for doc in docs] or [0]
    return TLP_LEVELS[max(ranks)]


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

    def backlinks(note: Any) -> list[tuple[str, str]]:
        section, i = note.cited.item
        item = getattr(brief, str(section))[int(i)]
        anchor = _item_anchor(str(section), int(i), item)
        return [(ctx.urls.href(page, Urls.brief(doc.slug), anchor), f"↩ {SINGULAR[section]}")]

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


def _item_anchor(section: str, i: int, item: Any) -> str:
    kinds = {"judgments": "judgment", "risks": "risk", "timeline": "event", "actors": "actor"}
    if section in kinds:
        ident = getattr(item, "id", None) or str(i + 1)
        return f"{kinds[section]}-{ident.lower()}"
    return {"relations": "relations", "figures": "key-figures", "quotes": "quotes"}.get(
        section, section
    )


def first_letter(name: str) -> str:
    """The letter a name is listed under in the actors index (``#`` for a digit or sign)."""
    first = name[:1].upper()
    return first if first.isalpha() else "#"


def render_risks(ctx: RenderContext) -> str:
    page = Urls.risks
    rows, points = [], []
    for n, row in enumerate(ctx.index.risks, start=1):
        risk, doc = row.risk, row.doc
        href = ctx.urls.href(page, Urls.brief(doc.slug), f"risk-{risk.id.lower()}")
        rank = likelihood_rank(risk.likelihood)
        rows.append(
            {
                "number": n,
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
            points.append(HeatPoint(n, risk.title, rank, risk.impact, href))
    heat = heat_map_svg(points, title="Risk register") if points else ""
    return render_page(
        ctx,
        "risks.md.j2",
        rows=rows,
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
    }


def latest_items(ctx: RenderContext, page: str, limit: int = LATEST) -> list[dict[str, Any]]:
    return [
        {
            **brief_item(ctx, page, doc),
            "summary": Markup(to_html(brief_of(doc).summary, resolver(ctx, doc.slug, page))),
        }
        for doc in ctx.index.briefs[:limit]
    ]


def render_listing(ctx: RenderContext, template: str, page: str) -> str:
    latest = latest_items(ctx, page)
    return render_page(
        ctx,
        template,
        latest=latest,
        more=len(ctx.index.briefs) - len(latest),
        tlp=highest_tlp(ctx.index.briefs[:LATEST]),
    )


def latest_html(ctx: RenderContext, page: str) -> str:
    """The latest-briefs block alone, for a hand-written home page's marker."""
    latest = latest_items(ctx, page)
    template = ctx.templates.get_template("partials/latest.html.j2")
    return template.render(latest=latest, more=len(ctx.index.briefs) - len(latest))


def render_tags(ctx: RenderContext) -> str:
    return render_page(ctx, "tags.md.j2", tlp=highest_tlp(ctx.index.briefs))
