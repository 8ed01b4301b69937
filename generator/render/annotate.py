"""The annotated article: source text with evidence highlighted and actor mentions marked.

Evidence passages may overlap each other and actor mentions, so the text is cut at
every span boundary and each piece is wrapped on its own. The first piece of note
``n`` carries ``id="ev-n"`` (nested marks when notes start together); after the last
piece, back-links to the citing items.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.anchor import MASK, Article
from generator.core.book import BriefDoc
from generator.core.evidence import Cited
from generator.core.load import Path_


@dataclass(frozen=True)
class Note:
    n: int
    cited: Cited

    @property
    def anchor_id(self) -> str:
        return f"ev-{self.n}"


def notes_of(doc: BriefDoc) -> list[Note]:
    """Numbered evidence notes: every evidence quote that anchored, in document order."""
    found = [c for c in doc.cited if c.anchor.found]
    return [Note(n, cited) for n, cited in enumerate(found, start=1)]


def notes_by_item(notes: list[Note]) -> dict[Path_, list[Note]]:
    by_item: dict[Path_, list[Note]] = {}
    for note in notes:
        by_item.setdefault(note.cited.item, []).append(note)
    return by_item


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor_id: str
    href: str


def find_mentions(text: str, names: dict[str, tuple[str, str]]) -> list[Mention]:
    r"""Whole-word mentions of each name (longest first, no overlaps): name -> (id, href).

    The same mentions as the regular expression ``(?<!\w)(?:longest|...|shortest)(?!\w)``
    scanned left to right, found with ``str.find``: compiling that expression for every
    brief cost more than the whole search."""
    found: list[tuple[int, int, str]] = []
    for name in names:
        start = text.find(name) if name else -1
        while start >= 0:
            end = start + len(name)
            if not (_word_at(text, start - 1) or _word_at(text, end)):
                found.append((start, -end, name))
            start = text.find(name, start + 1)
    mentions: list[Mention] = []
    reached = 0
    for start, neg_end, name in sorted(found):
        if start >= reached:
            mentions.append(Mention(start, -neg_end, *names[name]))
            reached = -neg_end
    return mentions


def _word_at(text: str, i: int) -> bool:
    r"""Whether ``text[i]`` is a word character (as ``\w``); False outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


#: (href, text) or (href, text, accessible name) of each link back to an item citing a note.
BackLinks = Callable[[Note], list[tuple[str, str] | tuple[str, str, str]]]


def annotated_html(
    article: Article, notes: list[Note], mentions: list[Mention], backlinks: BackLinks
) -> str:
    """The article as HTML paragraphs; dropped lines shown apart, marked as not article text.

    One sweep over the cut points: the notes open at each piece and the mention it lies
    in are kept as the sweep goes, so the cost is the text plus the marks written."""
    text = article.text
    spans = [(n.cited.anchor.start, n.cited.anchor.end) for n in notes]
    cuts = sorted(
        {
            0,
            len(text),
            *(p for s in spans for p in s),
            *(p for m in mentions for p in (m.start, m.end)),
            *_paragraph_cuts(text),
        }
    )
    starts: dict[int, list[Note]] = {}
    ends: dict[int, list[Note]] = {}
    for note in notes:
        starts.setdefault(note.cited.anchor.start, []).append(note)
        ends.setdefault(note.cited.anchor.end, []).append(note)
    ordered = sorted(mentions, key=lambda m: m.start)
    open_notes: dict[int, Note] = {}
    out: list[str] = ['<div class="article-text">', "<p>"]
    next_mention = 0
    for start, end in itertools.pairwise(cuts):
        for note in ends.get(start, []):
            open_notes.pop(note.n, None)
        for note in starts.get(start, []):
            if note.cited.anchor.end > start:
                open_notes[note.n] = note
        while next_mention < len(ordered) and ordered[next_mention].end <= start:
            next_mention += 1
        mention = ordered[next_mention] if next_mention < len(ordered) else None
        inside = mention if mention and mention.start <= start and end <= mention.end else None
        covering = [open_notes[n] for n in sorted(open_notes)]
        starting = [n for n in covering if n.cited.anchor.start == start]
        out.append(_piece(article, start, end, inside, covering, starting))
        out.extend(_endings(ends.get(end, []), backlinks))
    out.append("</p></div>")
    return "".join(out).replace("<p></p>", "")


_BREAK = re.compile(r"\n\s*\n")


def _paragraph_cuts(text: str) -> list[int]:
    return [p for m in _BREAK.finditer(text) for p in m.span()]


def _piece(
    article: Article,
    start: int,
    end: int,
    mention: Mention | None,
    covering: list[Note],
    starting: list[Note],
) -> str:
    chunk = article.text[start:end]
    if _BREAK.fullmatch(chunk) or (chunk.isspace() and "\n\n" in chunk):
        return "</p>\n<p>"
    body = html.escape(chunk)
    masked = article.masked[start:end]
    if masked.strip(MASK + "\r\n ") == "" and MASK in masked:
        return f'<span class="dropped" title="not article text (drop)">{body}</span>'
    if mention is not None:
        body = (
            f'<a class="mention" data-actor="{html.escape(mention.actor_id)}" '
            f'href="{html.escape(mention.href)}">{body}</a>'
        )
    if covering:
        ids = " ".join(n.anchor_id for n in covering)
        id_attr = f' id="{starting[0].anchor_id}"' if starting else ""
        body = f'<mark class="evidence"{id_attr} data-notes="{ids}">{body}</mark>'
        for also in starting[1:]:  # the same passage cited again: one id per note
            body = f'<mark class="evidence ev-also" id="{also.anchor_id}">{body}</mark>'
    return body


def _endings(ending: list[Note], backlinks: BackLinks) -> list[str]:
    """After a passage, its note numbers and a link back to each item citing it: one
    ``<sup>`` per passage, however many items cite it."""
    passages: dict[int, list[Note]] = {}
    for note in sorted(ending, key=lambda n: n.n):
        passages.setdefault(note.cited.anchor.start, []).append(note)
    out = []
    for group in passages.values():
        numbers = ", ".join(str(note.n) for note in group)
        links = " ".join(_backlink(*link) for note in group for link in backlinks(note))
        out.append(f'<sup class="note-ref">[{numbers}] {links}</sup>')
    return out


def _backlink(href: str, label: str, name: str = "") -> str:
    named = f' aria-label="{html.escape(name)}"' if name else ""
    return f'<a class="backlink" href="{html.escape(href)}"{named}>{html.escape(label)}</a>'
