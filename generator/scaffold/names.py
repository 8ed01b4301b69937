"""Runs of capitalised words ("name spans") in the body sentences."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from generator.scaffold.article import Article
from generator.scaffold.lexicon import STARTERS, word_set

TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&'\u2019.-]*[^\W_])?")
_CONNECTORS = word_set("of for de van von der den du da di la le bin al del")
_POSSESSIVE = ("'s", "\u2019s")


class Token(NamedTuple):
    """A word with its absolute offsets; `text` has any possessive "'s" removed."""

    text: str
    start: int
    end: int
    possessive: bool


@dataclass(frozen=True)
class NameSpan:
    """A run of capitalised tokens, possibly joined by "of", "de", "&"..."""

    tokens: tuple[Token, ...]
    sentence: int
    initial: bool

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens)


def is_cap(word: str) -> bool:
    """Capitalised: "Straw", "U.S.", "eBay", "iTunes"."""
    first = word[:1]
    return first.isupper() or (first.islower() and word[1:2].isupper())


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end] that can be part of a name (capitalised words and
    connectors), with absolute offsets; a word left out shows as a gap between two tokens."""
    out = []
    for m in TOKEN_RE.finditer(text, start, end):
        word = m.group()
        if not is_cap(word) and word not in _CONNECTORS:
            continue
        poss = word.endswith(_POSSESSIVE) and len(word) > 2
        base = word[:-2] if poss else word
        out.append(Token(base, m.start(), m.start() + len(base), poss))
    return out


def _joinable(text: str, prev: Token, tok: Token, nxt: Token | None) -> bool:
    gap = text[prev.end : tok.start]
    if prev.possessive:
        return False
    if gap == " & " and is_cap(tok.text):
        return True
    if gap != " ":
        return False
    if is_cap(tok.text):
        return True
    return (
        tok.text in _CONNECTORS
        and nxt is not None
        and is_cap(nxt.text)
        and (text[tok.end : nxt.start] == " ")
    )


def spans_of_sentence(text: str, start: int, end: int, index: int) -> list[NameSpan]:
    """Name spans of one sentence."""
    tokens = tokenize(text, start, end)
    spans: list[NameSpan] = []
    run: list[Token] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if run and _joinable(text, run[-1], tok, nxt):
            run.append(tok)
            continue
        if run:
            spans.append(_make(run, index, text, start))
        run = [tok] if is_cap(tok.text) else []
    if run:
        spans.append(_make(run, index, text, start))
    return spans


def _make(run: list[Token], index: int, text: str, sent_start: int) -> NameSpan:
    while run and not is_cap(run[-1].text):
        run = run[:-1]
    initial = not text[sent_start : run[0].start].strip("\"\u201c\u2018'([ ")
    return NameSpan(tuple(run), index, initial)


def all_spans(article: Article) -> list[NameSpan]:
    """Name spans of every body sentence, in text order."""
    out: list[NameSpan] = []
    for i, s in enumerate(article.sentences):
        out.extend(spans_of_sentence(article.text, s.start, s.end, i))
    return out


def standalone_counts(spans: list[NameSpan]) -> Counter[str]:
    """How often each word is a whole span by itself (after "But", "The"...)."""
    counts: Counter[str] = Counter()
    for sp in spans:
        words = [w for w in sp.words if w not in STARTERS]
        if len(words) == 1 and sp.words[-1] == words[0]:
            counts[words[0]] += 1
    return counts


def mid_sentence_words(spans: list[NameSpan]) -> set[str]:
    """Words seen capitalised somewhere other than a sentence start."""
    out: set[str] = set()
    for sp in spans:
        words = sp.words[1:] if sp.initial else sp.words
        out.update(words)
    return out
