"""Evidence quotes: clauses of the article that anchor exactly once."""

from __future__ import annotations

import logging
import re

from generator.core.text import normalise
from generator.scaffold.article import Article

log = logging.getLogger(__name__)

MIN_WORDS = 3
GOOD_WORDS = 6
MAX_WORDS = 30
_GROW_LIMIT = 60
_WORD_RE = re.compile(r"\S+")
_LEAD = "\"\u201c\u2018'([\u2013\u2014-"
_TRAIL = ",;:\"\u201c\u201d\u2018\u2019'([\u2013\u2014-"
_CLAUSE_END = (",", ";", ":", "(", ")", "\u2013", "\u2014")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?|[A-Z]\.|Mr\.|Mrs\.|Ms\.|Dr\.|St\.")


def count_overlapping(haystack: str, needle: str) -> int:
    """Occurrences of `needle` in `haystack`, overlapping ones included."""
    if not needle:
        return 0
    count, pos = 0, haystack.find(needle)
    while pos >= 0:
        count += 1
        if count > 1:
            return count
        pos = haystack.find(needle, pos + 1)
    return count


class Anchors:
    """Checks that a quote occurs exactly once, raw and normalised."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalise(text)
        self._line_words: dict[int, list[tuple[int, int]]] = {}

    def line_words(self, article: Article, line: int) -> list[tuple[int, int]]:
        """Offsets of the words of one line, computed once."""
        if line not in self._line_words:
            s, e = article.line_span(line)
            self._line_words[line] = _words(self.text, s, e)
        return self._line_words[line]

    def unique(self, quote: str) -> bool:
        """True when `quote` is a valid evidence quote: one line, 3+ words, found once."""
        if "\n" in quote or "\r" in quote or len(quote.split()) < MIN_WORDS:
            return False
        if quote != quote.strip():
            return False
        return (
            count_overlapping(self.text, quote) == 1
            and count_overlapping(self.norm, normalise(quote)) == 1
        )


def _clean(text: str) -> str:
    out = text.strip()
    while out and out[0] in _LEAD:
        out = out[1:].lstrip()
    while out and out[-1] in _TRAIL:
        out = out[:-1].rstrip()
    return out


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD_RE.finditer(text, start, end)]


def _ends_clause(word: str, final: bool) -> bool:
    bare = word.rstrip("\"\u201d\u2019'")
    if final and bare.endswith((".", "!", "?")) and not _DOTTED_RE.fullmatch(bare):
        return True
    return bare.endswith(_CLAUSE_END)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _snap_names(words: list[str], left: int, right: int) -> tuple[int, int]:
    """Do not cut a run of capitalised words ("South China Sea") in the middle."""
    while (
        left > 0
        and _is_cap(words[left])
        and _is_cap(words[left - 1])
        and not _ends_clause(words[left - 1], True)
    ):
        left -= 1
    while (
        right < len(words) - 1
        and _is_cap(words[right + 1])
        and _is_cap(words[right])
        and not _ends_clause(words[right], True)
    ):
        right += 1
    return left, right


def _clause_start(words: list[str], i: int) -> int:
    while i > 0 and not _ends_clause(words[i - 1], True):
        i -= 1
    return i


def _clause_end(words: list[str], i: int) -> int:
    while i < len(words) - 1 and not _ends_clause(words[i], True):
        i += 1
    return i


def _initial_window(words: list[str], i0: int, i1: int) -> tuple[int, int]:
    """The clause around words i0..i1, joined to its neighbours while it is too short."""
    left, right = _clause_start(words, i0), _clause_end(words, i1)
    while right - left + 1 < GOOD_WORDS and (left > 0 or right < len(words) - 1):
        if right < len(words) - 1:
            right = _clause_end(words, right + 1)
        elif left > 0:
            left = _clause_start(words, left - 1)
    if right - left + 1 > MAX_WORDS:
        left = max(left, i0 - 8)
        right = min(right, max(i1, left + MAX_WORDS - 1))
    return _snap_names(words, left, right)


def _grow(words: list[tuple[int, int]], left: int, right: int, step: int) -> tuple[int, int]:
    if step % 2 == 0 and right < len(words) - 1:
        return left, right + 1
    if left > 0:
        return left - 1, right
    return left, min(right + 1, len(words) - 1)


def clause_around(article: Article, anchors: Anchors, start: int, end: int) -> str | None:
    """A unique clause of the body line containing [start, end), or None."""
    sent = article.sentence_at(start)
    if sent is None:
        return None
    text = article.text
    words = _words(text, sent.start, sent.end)
    line_words = anchors.line_words(article, sent.line)
    offset = next(i for i, w in enumerate(line_words) if w[0] >= sent.start)
    i0 = next((i for i, w in enumerate(words) if w[1] > start), None)
    i1 = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] < end), None)
    if i0 is None or i1 is None or i1 < i0:
        return None
    left, right = _initial_window([text[a:b] for a, b in words], i0, i1)
    left, right = left + offset, right + offset
    for step in range(_GROW_LIMIT):
        cand = _clean(text[line_words[left][0] : line_words[right][1]])
        if (
            start - line_words[left][0] >= 0
            and anchors.unique(cand)
            and _covers(text, line_words[left][0], cand, start, end)
        ):
            return cand
        if left == 0 and right == len(line_words) - 1:
            break
        left, right = _grow(line_words, left, right, step)
    log.debug("no unique clause around %r", text[start:end])
    return None


def _covers(text: str, win_start: int, cand: str, start: int, end: int) -> bool:
    pos = text.find(cand, win_start)
    return pos <= start and end <= pos + len(cand)
