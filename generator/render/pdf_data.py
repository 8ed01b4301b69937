"""The PDF's data: a brief as the JSON-able dict the Typst template reads.

Markdown becomes runs ``{text, strong, emph, code, link}`` (never Typst source); the data
contract is documented in :mod:`generator.publish.pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from markdown_it.token import Token

from generator.core.book import BriefDoc
from generator.core.labels import human_date, item_label
from generator.core.model import RELIABILITY_GRADES, Actor, Brief, is_stale, likelihood_rank

from .annotate import Note, notes_by_item, notes_of
from .export import Json, Labels, compact, label_resolver, labels_for, published_brief
from .index import BookIndex
from .markdown import Resolver, tokens

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
Run = dict[str, Any]


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


def markdown_to_rich(md: str, resolve: Resolver | None = None) -> list[Run]:
    """CommonMark text -> runs ``{text, strong, emph, code, link}``.

    Paragraphs (and other blocks) are separated by a run whose text is ``"\\n\\n"``.
    Raw HTML stays literal text; block code becomes a code run. References read as their
    words (``[words](@id)``) or the label ``resolve`` gives (``[@id]``), never as a link.
    """
    blocks: list[list[Run]] = []
    plain = {"strong": 0, "emph": 0, "link": None}
    for tok in tokens(md or "", resolve):
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

    resolve = label_resolver(labels)
    return lambda text: None if text is None else markdown_to_rich(text, resolve)


def _actor_pdf(
    actor: Actor, rich: Callable[[str | None], Any], notes: list[int], label: str
) -> Json:
    extra = {k: getattr(actor, k) for k in ("native_name", "kind", "role", "country")}
    return {
        "id": actor.id,
        "item_label": label,
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
                "item_label": item_label("judgments", i),
                "text": rich(j.text),
                "likelihood": j.likelihood,
                "confidence": j.confidence,
                "notes": cites("judgments", i),
            }
            for i, j in enumerate(brief.judgments)
        ],
        "actors": [
            _actor_pdf(a, rich, cites("actors", i), item_label("actors", i))
            for i, a in enumerate(brief.actors)
        ],
        "relations": [
            {
                "item_label": item_label("relations", i),
                "from_name": names.get(x.from_, x.from_),
                "to_name": names.get(x.to, x.to),
                "label": x.label,
                "notes": cites("relations", i),
            }
            for i, x in enumerate(brief.relations)
        ],
        "timeline": [
            {
                "item_label": item_label("timeline", i),
                "date": e.date,
                "date_text": human_date(e.date),
                "event": rich(e.event),
                "notes": cites("timeline", i),
            }
            for i, e in enumerate(brief.timeline)
        ],
        "figures": [
            {
                "item_label": item_label("figures", i),
                "value": f.value,
                "label": f.label,
                "notes": cites("figures", i),
            }
            for i, f in enumerate(brief.figures)
        ],
        "quotes": [
            {
                "item_label": item_label("quotes", i),
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
                "item_label": item_label("risks", i),
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


def print_notes(brief: Brief, notes: list[Note]) -> tuple[list[Json], dict[int, int]]:
    """The PDF's evidence notes: one per passage (however many items cite it), grouped by
    source in the brief's order, numbered 1.. in that order; and page note -> PDF note."""
    passages: dict[tuple[str, int, int], list[Note]] = {}
    for note in notes:
        a = note.cited.anchor
        passages.setdefault((a.source_id, a.start, a.end), []).append(note)
    order = {s.id: k for k, s in enumerate(brief.sources)}
    ordered = sorted(
        passages.values(), key=lambda group: order.get(group[0].cited.anchor.source_id, 0)
    )
    printed: list[Json] = []
    number: dict[int, int] = {}
    for n, group in enumerate(ordered, start=1):
        anchor = group[0].cited.anchor
        cited_by = dict.fromkeys(
            item_label(str(g.cited.item[0]), int(g.cited.item[1])) for g in group
        )
        printed.append(
            {
                "n": n,
                "quote": anchor.matched,
                "status": anchor.status,
                "source": anchor.source_id,
                "cited_by": list(cited_by),
            }
        )
        number.update((g.n, n) for g in group)
    return printed, number


def pdf_data(doc: BriefDoc, index: BookIndex, today: dt.date) -> Json:
    """The PDF renderer's input (see generator.pdf): Markdown as rich runs, refs as names."""
    brief = published_brief(doc, index)
    rich = _rich_maker(labels_for(doc, index))
    notes, number = print_notes(brief, notes_of(doc))
    by_item = notes_by_item(notes_of(doc))

    def cites(section: str, i: int) -> list[int]:
        return sorted({number[n.n] for n in by_item.get((section, i), [])})

    return {
        "slug": doc.slug,
        "title": brief.title,
        "summary": rich(brief.summary),
        "as_of": brief.as_of.isoformat(),
        "review_by": brief.review_by.isoformat() if brief.review_by else None,
        "stale": is_stale(brief, today),
        "draft": brief.draft,
        "tlp": brief.tlp,
        "tags": list(brief.tags),
        "regions": list(brief.regions),
        "background": rich(brief.background),
        **_items_pdf(brief, rich, cites),
        "open_questions": [rich(q) for q in brief.open_questions],
        "notes": notes,
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
