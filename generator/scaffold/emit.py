"""Write the draft brief as YAML text by hand: deterministic, commented, safely quoted."""

from __future__ import annotations

import logging
import re

from generator.scaffold.model import Actor, Draft, Figure, Quote, TimelineItem

log = logging.getLogger(__name__)

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/brief.schema.json"
SUMMARY_PLACEHOLDER = "DRAFT: write the bottom line up front in one or two sentences."
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}

_NEEDS_ESCAPE_RE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')


def _escape_char(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    code = ord(c)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02X}"
    if 0xD800 <= code <= 0xDFFF or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return f"\\u{code:04X}"
    return c


def dq(text: str) -> str:
    """`text` as a YAML double-quoted scalar that loads back to exactly `text`."""
    return '"' + _NEEDS_ESCAPE_RE.sub(lambda m: _escape_char(m.group()), text) + '"'


def _flow(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(dq(i) for i in items) + "]"


def _header(draft: Draft) -> list[str]:
    basis = _comment(draft.dating.basis)
    as_of_note = (
        f"from the article: {basis}"
        if basis
        else "today: the article tells no date or year; change it if needed"
    )
    return [
        SCHEMA_LINE,
        "#",
        f"# Draft brief written by `briefing new` from {draft.seed_rel}.",
        "# Next steps:",
        "#   1. Write the summary (bottom line up front) and, if useful, the background.",
        "#   2. Prune the candidate actors, timeline, figures and quotes below: keep what",
        "#      matters, fix names, roles and kinds, add stances.",
        "#   3. Add key judgments and risks (commented examples below); every evidence",
        "#      quote must be copied exactly from the article.",
        "#   4. Run `briefing check` and fix what it reports.",
        f"title: {dq(draft.title)}",
        "# The bottom line up front, in one or two sentences (Markdown; link items as [@id]).",
        "# `briefing check` warns while the DRAFT placeholder remains.",
        f"summary: {dq(SUMMARY_PLACEHOLDER)}",
        f"as_of: {draft.dating.as_of.isoformat()}  # {as_of_note}",
        "tlp: CLEAR",
    ]


def _comment(text: str) -> str:
    """One line of comment text."""
    return " ".join(text.split())


def _stated_source(draft: Draft) -> list[str]:
    d = draft.dating
    out = [f"    publisher: {dq(d.publisher)}"] if d.publisher else []
    out += [f"    url: {dq(d.url)}"] if d.url else []
    if d.published is not None:
        out.append(f"    published: {d.published.isoformat()}  # {_comment(d.basis)}")
    elif d.basis:
        out.append("    # published: the article fixes no whole day (as_of gives what it tells)")
    else:
        out.append("    # published: the article tells no date: add it if you know it")
    return out


def _sources(draft: Draft) -> list[str]:
    out = [
        "sources:",
        "  - id: article",
        f"    file: {dq(draft.seed_rel)}",
        f"    title: {dq(draft.title)}",
        *_stated_source(draft),
        "    reliability: F  # Admiralty grade A-F: F until you have assessed the source",
    ]
    if draft.drop:
        out.append("    # Lines of the file that are not article text (captions, links):")
        out.append("    drop:")
        out.extend(f"      - {dq(line)}" for line in draft.drop)
    return out


def _commented_analysis() -> list[str]:
    return [
        "# background: >-",
        "#   What the reader needs to know first (Markdown).",
        "# Key judgments (optional): likelihood uses the ICD 203 terms.",
        "# judgments:",
        "#   - id: j1",
        '#     text: "What you assess, linking actors as [@actor-id]."',
        "#     likelihood: likely",
        "#     confidence: moderate",
        '#     evidence: "an exact quote from the article"',
    ]


def _commented_risks() -> list[str]:
    return [
        "# Risks (optional): likelihood (ICD 203) and impact 1-5.",
        "# risks:",
        "#   - id: r1",
        '#     title: "What could happen"',
        "#     likelihood: roughly even chance",
        "#     impact: 3",
        "#     confidence: low",
        '#     indicators: ["What would show it is happening"]',
        '#     evidence: "an exact quote from the article"',
    ]


def _actor(a: Actor) -> list[str]:
    out = [f"  - id: {dq(a.id)}", f"    name: {dq(a.name)}"]
    if a.aliases:
        out.append(f"    aliases: {_flow(a.aliases)}")
    note = "  # guessed: person, organization, state or group?" if a.kind_guessed else ""
    out.append(f"    kind: {a.kind}{note}")
    if a.role:
        out.append(f"    role: {dq(a.role)}")
    if a.country:
        out.append(f"    country: {a.country}")
    out.append(f"    evidence: {dq(a.evidence)}")
    return out


def _event(t: TimelineItem) -> list[str]:
    note = "  # year inferred from as_of: check it" if t.year_inferred else ""
    out = [f"  - date: {dq(t.date)}{note}", f"    event: {dq(t.event)}"]
    if t.actors:
        out.append(f"    actors: {_flow(t.actors)}")
    out.append(f"    evidence: {dq(t.evidence)}")
    return out


def _figure(f: Figure) -> list[str]:
    return [
        f"  - value: {dq(f.value)}",
        f"    label: {dq(f.label)}",
        f"    evidence: {dq(f.evidence)}",
    ]


def _quote(q: Quote) -> list[str]:
    out = (
        [f"  - speaker: {dq(q.speaker)}", f"    text: {dq(q.text)}"]
        if q.speaker
        else ["  - text: " + dq(q.text) + "  # speaker unknown: add an actor id if you know it"]
    )
    if q.context:
        out.append(f"    context: {dq(q.context)}")
    return out


def _section(key: str, comment: str, blocks: list[list[str]]) -> list[str]:
    if not blocks:
        return [f"# {key}: none found in the text."]
    return [f"# {comment}", f"{key}:", *(line for block in blocks for line in block)]


def render(draft: Draft) -> str:
    """The whole YAML text of the draft brief."""
    lines = [*_header(draft), *_sources(draft), *_commented_analysis()]
    lines += _section(
        "actors",
        "Candidate actors found in the text: keep the key ones.",
        [_actor(a) for a in draft.actors],
    )
    lines += _section(
        "timeline", "Dated events found in the text.", [_event(t) for t in draft.timeline]
    )
    lines += _section(
        "figures", "Numbers as written, with what they count.", [_figure(f) for f in draft.figures]
    )
    lines += _section(
        "quotes",
        "Quotations of the article; speaker is an actor id.",
        [_quote(q) for q in draft.quotes],
    )
    lines += _commented_risks()
    return "\n".join(lines) + "\n"
