"""Titles and roles around a person's name: "Japanese Prime Minister Shigeru Ishiba"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.scaffold.countries import NAME_TO_CODE, code_for
from generator.scaffold.lexicon import HONORIFICS, ROLE_EDGE_STOP, ROLE_HEADS, ROLE_WORDS

_WORD_RE = re.compile(r"[\w'\u2019.&-]+[,;:]?")
_DROP_FROM_ROLE = frozenset({"late", "Late"})


@dataclass(frozen=True)
class Peeled:
    """What precedes a name inside its span: honorific, role words, country."""

    rest: tuple[str, ...]
    role: str | None
    country: str | None
    honorific: str | None


def is_role_word(word: str) -> bool:
    """A word of a title, hyphenated parts included ("President-elect")."""
    low = word.lower()
    return low in ROLE_WORDS or all(p in ROLE_WORDS for p in low.split("-") if p)


def _has_head(words: list[str]) -> bool:
    return any(
        w.lower() in ROLE_HEADS or any(p in ROLE_HEADS for p in w.lower().split("-")) for w in words
    )


def _country_prefix(words: tuple[str, ...]) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        if len(words) > n:
            key = " ".join(words[:n])
            if key in NAME_TO_CODE or (n == 1 and code_for(key)):
                return code_for(key), n
    return None, 0


def _trim_role(words: list[str]) -> str | None:
    words = [w for w in words if w not in _DROP_FROM_ROLE]
    while words and words[0].lower() in ROLE_EDGE_STOP:
        words = words[1:]
    while words and words[-1].lower() in ROLE_EDGE_STOP:
        words = words[:-1]
    return " ".join(words) if words and _has_head(words) else None


def peel(words: tuple[str, ...]) -> Peeled:
    """Split a name span into its leading honorific/role/country words and the name."""
    country, i = _country_prefix(words)
    role_words: list[str] = []
    honorific = None
    while i < len(words) - 1:
        w = words[i]
        if w in HONORIFICS:
            honorific = w
            i += 1
            break
        if not is_role_word(w):
            break
        role_words.append(w)
        i += 1
    role = _trim_role(role_words)
    if role is None and honorific is None:
        return Peeled(words[i - len(role_words) :], None, country, None)
    return Peeled(words[i:], role, country, honorific)


def role_before(text: str, sent_start: int, span_start: int) -> tuple[str | None, str | None]:
    """Lower-case role words just before a span ("chief executive Richard Parsons")."""
    before = _WORD_RE.findall(text[sent_start:span_start])
    run: list[str] = []
    for w in reversed(before):
        if w.endswith((",", ";", ":")) or not is_role_word(w) or (w[0].isupper() and run == []):
            break
        run.insert(0, w)
    role = _trim_role(run)
    country = None
    idx = len(before) - len(run) - 1
    if role and idx >= 0:
        country = code_for(before[idx].rstrip(",;:"))
    return role, country
