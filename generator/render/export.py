"""Exports: brief and book JSON, schema.org JSON-LD (W3C annotations: webannotation.py).

Only published briefs are exported (an unpublished one raises). Output is deterministic (no
timestamps, sorted keys); ``json_script`` output cannot be closed by any field's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from generator.core.book import BriefDoc
from generator.core.load import Path_
from generator.core.model import Actor, Brief, likelihood_rank
from generator.core.refs import REF, RefIndex

from .annotate import notes_of
from .index import BookIndex
from .markdown import to_plain
from .urls import Urls

GENERATOR = "briefing-generator"
SCHEMA_TYPES = {"person": "Person", "state": "Country"}  # organization, group: Organization
HTML_SAFE = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
Labels = Callable[[str], str]
Json = dict[str, Any]


def published_brief(doc: BriefDoc, index: BookIndex | None = None) -> Brief:
    """The brief of ``doc``; with ``index``, only if it is published (never leak a brief)."""
    if doc.brief is None or (index is not None and not index.published(doc.slug)):
        raise ValueError(f"brief '{doc.slug}' is not published (invalid or above max_tlp)")
    return doc.brief


def ref_labels(refs: RefIndex, find: Callable[[str], Brief | None], slug: str) -> Labels:
    """``[@ref]`` -> a plain label: actor name, risk title, "Judgment N", event date and text."""

    def label(ref: str) -> str:
        target = refs.resolve(ref, slug)
        brief = None if isinstance(target, str) else find(target.slug)
        if isinstance(target, str) or brief is None:
            return ref
        section, i, _ = target.loc
        item = getattr(brief, str(section))[int(i)]
        if target.kind == "judgment":
            return f"Judgment {int(i) + 1}"
        if target.kind != "event":
            return str(item.name if target.kind == "actor" else item.title)
        event = plain(item.event, lambda _: "")  # nested refs inside a label drop out
        return f"{item.date}: {SENTENCE_END.split(event, maxsplit=1)[0].rstrip('.')}"

    return label


def labels_for(doc: BriefDoc, index: BookIndex | None = None) -> Labels:
    """Labels of the refs written in ``doc``: book-wide with ``index``, else in ``doc`` only."""
    if index is not None:
        return ref_labels(index.refs, lambda s: getattr(index.brief(s), "brief", None), doc.slug)
    own = RefIndex()
    own.add(doc.slug, published_brief(doc))
    return ref_labels(own, lambda s: doc.brief if s == doc.slug else None, doc.slug)


def md_refs(text: str, labels: Labels) -> str:
    """Markdown with each ``[@ref]`` replaced by "(label)", escaped as Markdown text."""

    def sub(match: re.Match[str]) -> str:
        label = labels(match.group(1))
        return "(" + MD_PUNCT.sub(r"\\\1", label) + ")" if label else ""

    return REF.sub(sub, text)


def plain(text: str, labels: Labels) -> str:
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(to_plain(md_refs(text, labels)).split()))


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
            "briefs": list(dict.fromkeys(doc.slug for doc, _ in e.appearances)),
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
    """Deterministic JSON text: the same input gives the same bytes.

    Byte for byte ``json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)``, three
    times faster (the standard library's indenting encoder is pure Python); data with
    anything but strings, ints, booleans, None, lists and string-keyed dicts goes to
    ``json.dumps`` itself.
    """
    out: list[str] = []
    try:
        _dump(data, "", out)
    except TypeError:
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    return "".join(out) + "\n"


def _dump(value: Any, indent: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict or kind is list or kind is tuple:
        _dump_container(value, indent, out)
    elif value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    else:
        raise TypeError(f"not handled here: {kind.__name__}")


def _dump_container(value: Any, indent: str, out: list[str]) -> None:
    is_dict = type(value) is dict
    if not value:
        out.append("{}" if is_dict else "[]")
        return
    inner = indent + "  "
    out.append(("{\n" if is_dict else "[\n") + inner)
    keys = sorted(value) if is_dict else None
    for i, item in enumerate(keys if keys is not None else value):
        if i:
            out.append(",\n" + inner)
        if keys is not None:
            if type(item) is not str:
                raise TypeError("a key that is not a string")
            out.append(encode_basestring(item) + ": ")
            item = value[item]
        _dump(item, inner, out)
    out.append("\n" + indent + ("}" if is_dict else "]"))


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
