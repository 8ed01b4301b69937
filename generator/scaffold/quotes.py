"""Direct quotes with their speakers; reported speech when an article has no quote."""

from __future__ import annotations

import logging
import re

from generator.scaffold.article import Article
from generator.scaffold.evidence import Anchors, normalise
from generator.scaffold.lexicon import (
    SPEECH_VERBS,
)
from generator.scaffold.model import Actor, Mention, Quote
from generator.scaffold.reported import reported_speech
from generator.scaffold.speakers import Speakers

log = logging.getLogger(__name__)

MAX_QUOTES = 15
_CURLY_RE = re.compile(r"\u201c([^\u201c\u201d]*)\u201d")
_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_WORD_RE = re.compile(r"[\w'\u2019-]+")


def _opens(line: str, i: int) -> bool:
    before, after = line[i - 1 : i] if i else " ", line[i + 1 : i + 2]
    return (before.isspace() or before in "([\u2014\u2013-") and bool(after) and not after.isspace()


def _closes(line: str, i: int) -> bool:
    before, after = line[i - 1 : i] if i else " ", line[i + 1 : i + 2]
    return not before.isspace() and (
        not after or after.isspace() or after in ".,;:!?)\u2014\u2013-"
    )


def _straight_pairs(line: str, base: int) -> list[tuple[int, int]]:
    """Pair straight double quotes by context; an unclosed last quote runs to the line end."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, c in enumerate(line):
        if c != '"':
            continue
        if open_at is not None and _closes(line, i):
            pairs.append((base + open_at, base + i))
            open_at = None
        elif _opens(line, i):
            open_at = i
    if open_at is not None and line[open_at + 1 : open_at + 2].isalnum():
        pairs.append((base + open_at, base + len(line.rstrip())))
    return pairs


def quote_spans(article: Article, line: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations of one body line."""
    s, e = article.line_span(line)
    seg = article.text[s:e]
    pairs = [(s + m.start(), s + m.end() - 1) for m in _CURLY_RE.finditer(seg)]
    return sorted(pairs + _straight_pairs(seg, s))


def _clean_quote(text: str) -> str:
    return text.strip().rstrip(",;: ").strip()


def _direct(article: Article, anchors: Anchors, speakers: Speakers) -> list[Quote]:
    out: list[Quote] = []
    seen: set[str] = set()
    for line in article.body_lines:
        pairs = quote_spans(article, line)
        line_end = article.line_span(line)[1]
        for k, (o, c) in enumerate(pairs):
            quote = _clean_quote(article.text[o + 1 : c])
            if normalise(quote) in seen or not anchors.unique(quote):
                continue
            seen.add(normalise(quote))
            limit = pairs[k + 1][0] if k + 1 < len(pairs) else line_end
            sent = article.sentence_at(o)
            start = sent.start if sent else article.line_span(line)[0]
            start = max(start, pairs[k - 1][1] + 1) if k else start
            who = speakers.after(c + 1, limit, o) or speakers.before(start, o)
            out.append(Quote(quote, who))
    return out


def find_quotes(
    article: Article, anchors: Anchors, actors: list[Actor], mentions: list[Mention]
) -> list[Quote]:
    """Direct quotes (at most MAX_QUOTES); reported speech only when there is none."""
    speakers = Speakers(article.text, actors, mentions)
    quotes = _direct(article, anchors, speakers)[:MAX_QUOTES]
    if not quotes:
        quotes = reported_speech(article, anchors, speakers)
    log.debug("%d quotes", len(quotes))
    return quotes
