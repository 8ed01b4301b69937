"""Exports: brief and book JSON, schema.org JSON-LD (W3C annotations: webannotation.py).

Only published briefs are exported (an unpublished one raises). Output is deterministic (no
timestamps, sorted keys); ``json_script`` output cannot be closed by any field's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from generator.core.book import BriefDoc
from generator.core.labels import short_name
from generator.core.load import Path_
from generator.core.model import Actor, Brief, likelihood_rank
from generator.core.refs import RefIndex

from .annotate import notes_of
from .index import BookIndex
from .markdown import Resolver, to_plain
from .urls import Urls

GENERATOR = "briefing-generator"
SCHEMA_TYPES = {"person": "Person", "state": "Country"}  # organization, group: Organization
HTML_SAFE = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
Labels = Callable[[str], str]
Json = dict[str, Any]


def published_brief(doc: BriefDoc, index: BookIndex | None = None) -> Brief:
    """The brief of ``doc``; with ``index``, only if it is published (never leak a brief)."""
    if doc.brief is None or (index is not None and not index.published(doc.slug)):
        raise ValueError(f"brief '{doc.slug}' is not published (invalid or above max_tlp)")
    return doc.brief


def ref_labels(refs: RefIndex, find: Callable[[str], Brief | None], slug: str) -> Labels:
    """``[@ref]`` -> its short name (:func:`generator.core.labels.short_name`) as plain
    text; an unresolved ref reads as itself."""

    def label(ref: str) -> str:
        target = refs.resolve(ref, slug)
        brief = None if isinstance(target, str) else find(target.slug)
        if isinstance(target, str) or brief is None:
            return ref
        section, i, _ = target.loc
        return short_name(brief, str(section), int(i), plain_label)

    return label


def plain_label(text: str) -> str:
    """A Markdown label as plain text; references inside it keep only their words."""
    return " ".join(to_plain(text, lambda _: ("", "")).split())


def labels_for(doc: BriefDoc, index: BookIndex | None = None) -> Labels:
    """Labels of the refs written in ``doc``: book-wide with ``index``, else in ``doc`` only."""
    if index is not None:
        return ref_labels(index.refs, lambda s: getattr(index.brief(s), "brief", None), doc.slug)
    own = RefIndex()
    own.add(doc.slug, published_brief(doc))
    return ref_labels(own, lambda s: doc.brief if s == doc.slug else None, doc.slug)


def label_resolver(labels: Labels) -> Resolver:
    """A Markdown resolver for text without links: every reference reads as its label."""
    return lambda ref: ("", labels(ref))


def plain(text: str, labels: Labels) -> str:
    """Markdown as one line of plain text, references read as their labels or words."""
    text = to_plain(text, label_resolver(labels))
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


def item_name(brief: Brief, item: Path_) -> str:
    """``risks/tariffs`` (by id) or ``figures/0`` (by position)."""
    section, i = str(item[0]), int(item[1])
    ident = getattr(getattr(brief, section)[i], "id", None)
    return f"{section}/{ident if ident else i}"


def _evidence(doc: BriefDoc) -> list[Json]:
    brief = published_brief(doc)
    return [
        {
            "n": note.n,
            "item": item_name(brief, note.cited.item),
            "source": a.source_id,
            "quote": note.cited.quote,
            "exact": a.matched,
            "start": a.start,
            "end": a.end,
            "status": a.status,
        }
        for note in notes_of(doc)
        for a in [note.cited.anchor]
    ]


def brief_json(doc: BriefDoc, index: BookIndex, urls: Urls) -> Json:
    """One brief as the file format's keys, plus anchored evidence and its page URL."""
    brief = published_brief(doc, index)
    return {
        "slug": doc.slug,
        **brief.model_dump(mode="json", by_alias=True),
        "evidence": _evidence(doc),
        "page": urls.url(urls.brief(doc.slug)),
        "generated_by": GENERATOR,
    }


def book_json(index: BookIndex, urls: Urls) -> Json:
    """The published book: briefs, actors (merged by id), risk register. URLs site-relative."""
    briefs = [
        {
            "slug": d.slug,
            "title": b.title,
            "as_of": b.as_of.isoformat(),
            "tlp": b.tlp,
            "summary": b.summary,
            "tags": list(b.tags),
            "json": urls.url(urls.brief_json(d.slug)),
            "page": urls.url(urls.brief(d.slug)),
        }
        for d in index.briefs
        for b in [published_brief(d)]
    ]
    actors = [
        {
            "id": e.id,
            "name": e.name,
            "native_name": e.native_name,
            "aliases": e.aliases,
            "kind": e.kind,
            "page": urls.url(urls.actor(e.id)),
            "briefs": e.slugs,
        }
        for e in index.actors.values()
    ]
    risks = [
        {
            "brief": row.doc.slug,
            "number": row.number,
            "id": row.risk.id,
            "title": row.risk.title,
            "likelihood": row.risk.likelihood,
            "likelihood_rank": likelihood_rank(row.risk.likelihood),
            "impact": row.risk.impact,
            "confidence": row.risk.confidence,
            "page": urls.url(urls.brief(row.doc.slug)) + f"#risk-{row.risk.id.lower()}",
        }
        for row in index.risks
    ]
    return {"briefs": briefs, "actors": actors, "risks": risks, "generated_by": GENERATOR}


def dump_json(data: Any) -> str:
    """Deterministic JSON text: the same input gives the same bytes (sorted keys, no
    timestamps), one line and a newline.

    Not indented: the standard library's indenting encoder is pure Python, the plain one is
    C. Unindented, the exports of a book of 2,225 briefs encode in half the time and take a
    quarter less space; a browser's JSON viewer or ``python -m json.tool`` lays them out.
    """
    return json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n"


def json_script(data: Any) -> str:
    """``<script type="application/ld+json">`` that no string inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(HTML_SAFE)
    return f'<script type="application/ld+json">{text}</script>'


def _linker(urls: Urls, site_url: str, here: str) -> Callable[[str, str], str]:
    """Absolute URLs under ``site_url``, else relative to the document at ``here``."""
    if not site_url:
        return lambda src, anchor: urls.href(here, src, anchor)
    root = site_url.rstrip("/") + "/"
    return lambda src, anchor: root + urls.url(src) + (f"#{anchor}" if anchor else "")


def compact(data: Json) -> Json:
    """Leave out keys with no value (None, empty text or list)."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _thing(actor: Actor) -> Json:
    wikidata = f"https://www.wikidata.org/wiki/{actor.wikidata}" if actor.wikidata else None
    kind = SCHEMA_TYPES.get(actor.kind, "Organization") if actor.kind else "Thing"
    return compact(
        {
            "@type": kind,
            "name": actor.name,
            "alternateName": [n for n in (actor.native_name, *actor.aliases) if n],
            "description": actor.role,
            "sameAs": wikidata,
        }
    )


def _source_id(doc: BriefDoc, source_id: str, link: Callable[[str, str], str]) -> str:
    """A source's node id: the annotated copy of the article on this site."""
    return link(Urls.article(doc.slug, source_id), "")


def _sources(doc: BriefDoc, brief: Brief, link: Callable[[str, str], str]) -> list[Json]:
    return [
        compact(
            {
                "@type": "NewsArticle",
                "@id": _source_id(doc, s.id, link),
                "name": s.title or s.id,
                "url": s.url,
                "publisher": s.publisher and {"@type": "Organization", "name": s.publisher},
                "datePublished": s.published and s.published.isoformat(),
            }
        )
        for s in brief.sources
    ]


def _passages(doc: BriefDoc, link: Callable[[str, str], str]) -> list[Json]:
    """Each evidence passage: a quotation at its highlight in the annotated article, part of
    its source (by ``@id``, one of ``isBasedOn``)."""
    return [
        {
            "@type": "Quotation",
            "url": link(Urls.article(doc.slug, a.source_id), note.anchor_id),
            "text": a.matched,
            "position": note.n,
            "isPartOf": {"@id": _source_id(doc, a.source_id, link)},
        }
        for note in notes_of(doc)
        for a in [note.cited.anchor]
        if a.source_id in doc.articles
    ]


def brief_jsonld(doc: BriefDoc, index: BookIndex, urls: Urls, site_url: str = "") -> Json:
    """schema.org ``Report`` for the brief page (relative URLs resolve against that page)."""
    brief = published_brief(doc, index)
    page = urls.brief(doc.slug)
    link = _linker(urls, site_url, page)
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "Report",
            "@id": link(page, ""),
            "url": link(page, ""),
            "name": brief.title,
            "headline": brief.title,
            "abstract": plain(brief.summary, labels_for(doc, index)),
            "dateCreated": brief.as_of.isoformat(),
            "datePublished": brief.as_of.isoformat(),
            "dateModified": brief.as_of.isoformat(),
            "keywords": list(brief.tags),
            "conditionsOfAccess": f"TLP:{brief.tlp}",
            "creativeWorkStatus": "Draft" if brief.draft else None,
            "about": [_thing(a) for a in brief.actors if a.evidence],
            "mentions": [_thing(a) for a in brief.actors if not a.evidence],
            "isBasedOn": _sources(doc, brief, link),
            "citation": _passages(doc, link),
            "encoding": {
                "@type": "MediaObject",
                "encodingFormat": "application/json",
                "contentUrl": link(urls.brief_json(doc.slug), ""),
            },
            "spatialCoverage": [{"@type": "Place", "name": r} for r in brief.regions],
            "expires": brief.review_by and brief.review_by.isoformat(),
        }
    )
