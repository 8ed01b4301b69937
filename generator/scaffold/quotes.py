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

MAX_QUOTES = 30
_CURLY_RE = re.compile(r"\u201c([^\u201c\u201d]*)\u201d")
_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_WORD_RE = re.compile(r"[\w'\u2019-]+")


_REOPEN_RE = re.compile(r"[.!?]\s")


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
            if open_at is not None and _REOPEN_RE.match(line, i - 2, i):
                # 'confident. "There's': each quoted sentence reopens without closing the last
                pairs.append((base + open_at, base + i - 1))
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


def _attributed(
    article: Article, speakers: Speakers, pairs: list[tuple[int, int]], k: int, line: int
) -> str | None:
    """The speaker named next to quote k of a line: after it, else before it."""
    o, c = pairs[k]
    limit = pairs[k + 1][0] if k + 1 < len(pairs) else article.line_span(line)[1]
    sent = article.sentence_at(o)
    start = sent.start if sent else article.line_span(line)[0]
    start = max(start, pairs[k - 1][1] + 1) if k else start
    return speakers.after(c + 1, limit, o) or speakers.before(start, o)


def _line_speakers(
    article: Article,
    speakers: Speakers,
    pairs: list[tuple[int, int]],
    line: int,
    carried: str | None,
) -> list[str | None]:
    """Speakers of a line's quotes. A quote with no attribution of its own continues the one
    before it in the paragraph; a paragraph that opens with such a quote continues the
    speaker of the paragraph before (`carried`)."""
    own = [_attributed(article, speakers, pairs, k, line) for k in range(len(pairs))]
    s = article.line_span(line)[0]
    opens_with_quote = (
        not article.text[s : pairs[0][0]].strip(" -\u2013\u2014\t") if pairs else False
    )
    out: list[str | None] = []
    for k, who in enumerate(own):
        if who is None and k:
            who = out[-1]
        elif who is None and opens_with_quote:
            who = carried
        elif who is None:  # 'Woodward stressed his group ... Scots. "Scotland's results'
            who = speakers.before(s, pairs[0][0])
        out.append(who)
    # a chain that opens before its attribution ('"A. "B," he said') takes it backwards
    for k in range(len(out) - 2, -1, -1):
        if own[k] is None and out[k] is None and _chained(article.text, pairs[k], pairs[k + 1]):
            out[k] = out[k + 1]
    return out


def _chained(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    return not text[first[1] + 1 : second[0]].strip()


def _direct(article: Article, anchors: Anchors, speakers: Speakers) -> list[Quote]:
    out: list[Quote] = []
    seen: set[str] = set()
    carried: str | None = None
    for line in article.body_lines:
        pairs = quote_spans(article, line)
        if not pairs:
            carried = None
            continue
        whos = _line_speakers(article, speakers, pairs, line, carried)
        carried = whos[-1]
        for (o, c), who in zip(pairs, whos, strict=True):
            quote = _clean_quote(article.text[o + 1 : c])
            if normalise(quote) in seen or not anchors.unique(quote):
                continue
            seen.add(normalise(quote))
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
