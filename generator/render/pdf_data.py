"""The PDF's data: a brief as the JSON-able dict the Typst template reads.

Markdown becomes runs ``{text, strong, emph, code, link}`` (never Typst source); the data
contract is documented in :mod:`generator.publish.pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.core.book import BriefDoc
from generator.core.model import RELIABILITY_GRADES, Actor, Brief, is_stale, likelihood_rank

from .annotate import notes_by_item, notes_of
from .export import Json, Labels, compact, labels_for, md_refs, published_brief
from .index import BookIndex

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
Run = dict[str, Any]

_md = MarkdownIt("commonmark")


def _run(text: str, style: dict[str, Any]) -> Run:
    return {
        "text": text,
        "strong": style["strong"] > 0,
        "emph": style["emph"] > 0,
        "code": False,
        "link": style["link"],
    }


def _safe_link(href: str | None) -> str | None:
    """Keep only links a reader may follow; anything else renders as plain text."""
    if href and href.lower().startswith(SAFE_LINK_SCHEMES):
        return href
    return None


def _inline_runs(children: Iterable[Token]) -> list[Run]:
    style: dict[str, Any] = {"strong": 0, "emph": 0, "link": None}
    runs: list[Run] = []
    for tok in children:
        kind = tok.type
        if kind in ("strong_open", "strong_close", "em_open", "em_close"):
            key = "strong" if kind.startswith("strong") else "emph"
            style[key] += 1 if kind.endswith("_open") else -1
        elif kind == "link_open":
            style["link"] = _safe_link(str(tok.attrGet("href") or ""))
        elif kind == "link_close":
            style["link"] = None
        elif kind in ("softbreak", "hardbreak"):
            runs.append(_run(" " if kind == "softbreak" else "\n", style))
        elif kind == "code_inline":
            runs.append(_run(tok.content, style) | {"code": True})
        elif kind == "image":
            runs.append(_run(tok.content or "", style))
        else:  # text, html_inline (kept literally), anything unknown
            runs.append(_run(tok.content, style))
    return _merged([r for r in runs if r["text"]])


def _style(run: Run) -> tuple[Any, ...]:
    return (run["strong"], run["emph"], run["code"], run["link"])


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one style as one run, and a plain space between two runs of one
    style taken into them: the typesetter's cost grows with runs, and ``*a* *b*`` reads the
    same as one emphasised ``a b``."""
    out: list[Run] = []
    for run in runs:
        breaks = ("\n", "\n\n")
        if (
            out
            and _style(out[-1]) == _style(run)
            and run["text"] not in breaks
            and out[-1]["text"] not in breaks
        ):
            out[-1] = out[-1] | {"text": out[-1]["text"] + run["text"]}
            continue
        between = out[-1] if out else None
        if (
            between is not None
            and len(out) > 1
            and between["text"] == " "
            and not any(_style(between))
            and _style(out[-2]) == _style(run)
            and not run["code"]
        ):
            out.pop()
            out[-1] = out[-1] | {"text": out[-1]["text"] + " " + run["text"]}
            continue
        out.append(run)
    return out


def markdown_to_rich(md: str) -> list[Run]:
    """CommonMark text -> runs ``{text, strong, emph, code, link}``.

    Paragraphs (and other blocks) are separated by a run whose text is ``"\\n\\n"``.
    Raw HTML stays literal text; block code becomes a code run.
    """
    blocks: list[list[Run]] = []
    plain = {"strong": 0, "emph": 0, "link": None}
    for tok in _md.parse(md or ""):
        if tok.type == "inline":
            blocks.append(_inline_runs(tok.children or []))
        elif tok.type in ("fence", "code_block"):
            blocks.append([_run(tok.content.rstrip("\n"), plain) | {"code": True}])
        elif tok.type == "html_block":
            blocks.append([_run(tok.content.rstrip("\n"), plain)])
    runs: list[Run] = []
    for block in (b for b in blocks if b):
        if runs:
            runs.append(_run("\n\n", plain))
        runs.extend(block)
    return runs


def _rich_maker(labels: Labels) -> Callable[[str | None], list[Json] | None]:

    return lambda text: None if text is None else markdown_to_rich(md_refs(text, labels))


def _actor_pdf(actor: Actor, rich: Callable[[str | None], Any], notes: list[int]) -> Json:
    extra = {k: getattr(actor, k) for k in ("native_name", "kind", "role", "country")}
    return {
        "id": actor.id,
        "name": actor.name,
        **compact(extra),
        "stance": rich(actor.stance),
        "notes": notes,
    }


def _items_pdf(
    brief: Brief, rich: Callable[[str | None], Any], cites: Callable[[str, int], list[int]]
) -> Json:
    names = {a.id: a.name for a in brief.actors}
    return {
        "judgments": [
            {
                "id": j.id or str(i + 1),
                "text": rich(j.text),
                "likelihood": j.likelihood,
                "confidence": j.confidence,
                "notes": cites("judgments", i),
            }
            for i, j in enumerate(brief.judgments)
        ],
        "actors": [_actor_pdf(a, rich, cites("actors", i)) for i, a in enumerate(brief.actors)],
        "relations": [
            {
                "from_name": names.get(x.from_, x.from_),
                "to_name": names.get(x.to, x.to),
                "label": x.label,
                "notes": cites("relations", i),
            }
            for i, x in enumerate(brief.relations)
        ],
        "timeline": [
            {"date": e.date, "event": rich(e.event), "notes": cites("timeline", i)}
            for i, e in enumerate(brief.timeline)
        ],
        "figures": [
            {"value": f.value, "label": f.label, "notes": cites("figures", i)}
            for i, f in enumerate(brief.figures)
        ],
        "quotes": [
            {
                "speaker_name": names.get(q.speaker) if q.speaker else None,
                "text": q.text,
                "context": rich(q.context),
                "notes": cites("quotes", i),
            }
            for i, q in enumerate(brief.quotes)
        ],
        "risks": [
            {
                "id": x.id,
                "title": x.title,
                "description": rich(x.description),
                "likelihood": x.likelihood,
                "likelihood_rank": likelihood_rank(x.likelihood),
                "impact": x.impact,
                "confidence": x.confidence,
                "indicators": [rich(t) for t in x.indicators],
                "notes": cites("risks", i),
            }
            for i, x in enumerate(brief.risks)
        ],
    }


def pdf_data(doc: BriefDoc, index: BookIndex, today: dt.date) -> Json:
    """The PDF renderer's input (see generator.pdf): Markdown as rich runs, refs as names."""
    brief = published_brief(doc, index)
    rich = _rich_maker(labels_for(doc, index))
    notes = notes_of(doc)
    by_item = notes_by_item(notes)
    titles = {s.id: s.title or s.id for s in brief.sources}
    return {
        "slug": doc.slug,
        "title": brief.title,
        "summary": rich(brief.summary),
        "as_of": brief.as_of.isoformat(),
        "review_by": brief.review_by.isoformat() if brief.review_by else None,
        "stale": is_stale(brief, today),
        "tlp": brief.tlp,
        "tags": list(brief.tags),
        "regions": list(brief.regions),
        "background": rich(brief.background),
        **_items_pdf(brief, rich, lambda s, i: [n.n for n in by_item.get((s, i), [])]),
        "open_questions": [rich(q) for q in brief.open_questions],
        "notes": [
            {
                "n": n.n,
                "quote": n.cited.anchor.matched,
                "status": n.cited.anchor.status,
                "source_title": titles.get(n.cited.anchor.source_id, ""),
            }
            for n in notes
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title or s.id,
                "publisher": s.publisher,
                "url": s.url,
                "published": s.published and s.published.isoformat(),
                "retrieved": s.retrieved and s.retrieved.isoformat(),
                "reliability": s.reliability,
                "reliability_label": RELIABILITY_GRADES[s.reliability],
            }
            for s in brief.sources
        ],
        "generated": today.isoformat(),
    }
