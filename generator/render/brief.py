"""Stage 6, render: Jinja2 templates to Markdown pages (brief content as escaped HTML blocks).

Templates autoescape everything; HTML made here (Markdown fields, the annotated
article, SVG) is built from escaped parts and handed over as ``Markup``. Users
override any template from the folder named by the ``templates_dir`` option.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.core.book import BriefDoc
from generator.core.model import LIKELIHOOD_TERMS, RELIABILITY_GRADES, is_stale, likelihood_rank
from generator.core.refs import Target

from .annotate import Note, notes_by_item, notes_of
from .index import BookIndex, brief_of
from .markdown import to_html, to_inline_html
from .svg import HeatPoint, heat_map_svg
from .urls import Urls

TLP_WORDING = {
    "CLEAR": "Recipients can spread this to the world, there is no limit on disclosure.",
    "GREEN": "Recipients can spread this within their community, but not via public channels.",
    "AMBER": "Limited disclosure, recipients can only spread this on a need-to-know basis "
    "within their organization and its clients.",
    "AMBER+STRICT": "Limited disclosure, restricted to the recipient's organization only.",
    "RED": "For the eyes and ears of individual recipients only, no further disclosure.",
}


@dataclass
class RenderContext:
    index: BookIndex
    urls: Urls
    today: dt.date
    templates: jinja2.Environment
    pdf: bool = False


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.PackageLoader("generator", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml_text"] = yaml_text
    env.filters["pct"] = lambda term: "{}-{}%".format(*LIKELIHOOD_TERMS[term])
    return env


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def yaml_text(value: str) -> Markup:
    """Front-matter text: HTML-escaped (themes print titles raw) inside a JSON/YAML string.

    All ASCII; characters beyond U+FFFF become YAML's ``\\UXXXXXXXX`` escape, because
    MkDocs' YAML loader rejects JSON's surrogate pairs and would then drop the whole
    front matter into the page as Markdown (where ``[x](javascript:...)`` is a live link).
    """
    text = json.dumps(html.escape(value, quote=False))
    return Markup(_SURROGATE_PAIR.sub(_astral, text))


def _astral(match: re.Match[str]) -> str:
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def resolver(ctx: RenderContext, slug: str, page: str) -> Any:
    """``[@id]`` -> (relative href, label) for a page of brief ``slug``."""

    def resolve(ref: str) -> tuple[str, str] | None:
        found = ctx.index.refs.resolve(ref, slug)
        if isinstance(found, str):
            return None
        return ctx.urls.href(page, *target_page(found)), label_of(ctx.index, found)

    return resolve


def target_page(target: Target) -> tuple[str, str]:
    if target.kind == "actor":
        return Urls.brief(target.slug), f"actor-{target.id.lower()}"
    return Urls.brief(target.slug), f"{target.kind}-{target.id.lower()}"


def label_of(index: BookIndex, target: Target) -> str:
    doc = index.brief(target.slug)
    if doc is None:
        return target.id
    section, i, _ = target.loc
    item = getattr(brief_of(doc), str(section))[int(i)]
    if target.kind == "actor":
        return str(item.name)
    if target.kind == "risk":
        return str(item.title)
    if target.kind == "event":
        return f"{item.date}"
    return f"judgment {int(i) + 1}"


def render_page(ctx: RenderContext, template: str, **values: Any) -> str:
    return ctx.templates.get_template(template).render(
        urls=ctx.urls,
        today=ctx.today,
        tlp_wording=TLP_WORDING,
        reliability=RELIABILITY_GRADES,
        **values,
    )


def evidence_links(ctx: RenderContext, doc: BriefDoc, page: str, notes: list[Note]) -> Markup:
    """``[3]`` links from an item to its highlighted passages in the annotated article."""
    links = []
    for note in notes:
        target = Urls.article(doc.slug, note.cited.anchor.source_id)
        href = ctx.urls.href(page, target, note.anchor_id)
        quote = note.cited.anchor.matched
        links.append(
            f'<a class="ev-link" href="{html.escape(href)}" '
            f'data-quote="{html.escape(quote)}">[{note.n}]</a>'
        )
    return Markup(" ".join(links))


def brief_view(ctx: RenderContext, doc: BriefDoc) -> dict[str, Any]:
    """Everything the brief page template needs, HTML pieces pre-rendered and escaped."""
    brief = brief_of(doc)
    page = Urls.brief(doc.slug)
    notes = notes_of(doc)
    by_item = notes_by_item(notes)
    resolve = resolver(ctx, doc.slug, page)

    def md(text: str | None) -> Markup:
        return Markup(to_html(text, resolve)) if text else Markup("")

    def inline(text: str | None) -> Markup:
        return Markup(to_inline_html(text, resolve)) if text else Markup("")

    def ev(section: str, i: int) -> Markup:
        return evidence_links(ctx, doc, page, by_item.get((section, i), []))

    actor_names = {a.id: a.name for a in brief.actors}
    return {
        "tlp": brief.tlp,
        "doc": doc,
        "brief": brief,
        "page": page,
        "md": md,
        "inline": inline,
        "ev": ev,
        "notes": notes,
        "actor_names": actor_names,
        "stale": is_stale(brief, ctx.today),
        "heat_map": heat_map(ctx, doc, page),
        "likelihood_rank": likelihood_rank,
        "article_href": lambda source_id: ctx.urls.href(page, Urls.article(doc.slug, source_id)),
        "actor_href": lambda actor_id: ctx.urls.href(page, Urls.actor(actor_id)),
        "href": lambda src, anchor="": ctx.urls.href(page, src, anchor),
        "pdf": ctx.pdf,
    }


def heat_map(ctx: RenderContext, doc: BriefDoc, page: str) -> Markup:
    points = [
        HeatPoint(
            n,
            risk.title,
            likelihood_rank(risk.likelihood) or 1,
            risk.impact,
            f"#risk-{risk.id.lower()}",
        )
        for n, risk in enumerate(brief_of(doc).risks, start=1)
        if risk.likelihood and risk.impact
    ]
    if not points:
        return Markup("")
    return Markup(heat_map_svg(points, title=f"Risks of {brief_of(doc).title}"))


def render_brief(ctx: RenderContext, doc: BriefDoc, json_ld: str = "") -> str:
    """The brief page; ``json_ld`` is a ready, escaped ``<script type="application/ld+json">``."""
    return render_page(ctx, "brief.md.j2", json_ld=Markup(json_ld), **brief_view(ctx, doc))
