"""Does an approximate match change what the quote says?

A different number, a negation added or dropped, or a different name (a capitalised word)
between the quote and the article's passage is a change of meaning: the anchor is an error,
never a silent approximate match, and ``briefing fix`` leaves it alone. Without context to
confirm a place, a passage that swaps, adds or drops a whole word is another phrase, not the
quote with a typo (:func:`other_words`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

import edlib

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w'])[A-Z][\w']*")
_WORD = re.compile(r"[\w']+")
NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere"}
    | {"without", "cannot", "n't"}
)
NUMBER_WORDS = frozenset(
    {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand"}
    | {"million", "billion", "trillion", "half", "quarter", "dozen"}
)


def _numbers(text: str) -> Counter[str]:
    found = Counter(m.group().replace(",", "") for m in _NUMBER.finditer(text))
    found.update(w for w in _words(text) if w in NUMBER_WORDS)
    return found


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text.lower()):
        if word.endswith("n't"):
            words += [word[:-3], "n't"]
        else:
            words.append(word)
    return words


def _negations(text: str) -> int:
    return sum(word in NEGATIONS for word in _words(text))


def _names(text: str) -> set[str]:
    """Capitalised words, lowercased: one missing from the other text, in any case, is a
    different name ("The" at a sentence start is "the")."""
    return {m.group().lower().strip("'") for m in _NAME.finditer(text)}


def _as_written(text: str, lowered: str) -> str:
    return next((m.group() for m in _NAME.finditer(text) if m.group().lower() == lowered), lowered)


def meaning_changes(quote: str, passage: str) -> tuple[str, ...]:
    """What differs in meaning between ``quote`` and ``passage`` (empty: nothing)."""
    changes = []
    numbers = _difference(_numbers(quote), _numbers(passage))
    if numbers:
        changes.append(f"a number differs ({numbers})")
    said, written = _negations(quote), _negations(passage)
    if said != written:
        changes.append("a negation is " + ("dropped" if said > written else "added"))
    dropped = _names(quote) - {w.strip("'") for w in _words(passage)}
    added = _names(passage) - {w.strip("'") for w in _words(quote)}
    if dropped or added:
        left = [_as_written(quote, n) for n in sorted(dropped)]
        right = [_as_written(passage, n) for n in sorted(added)]
        changes.append(f"a name differs ({_shown(left, right)})")
    return tuple(changes)


def _difference(said: Counter[str], written: Counter[str]) -> str:
    """What only the quote and only the passage have; empty if they agree."""
    if said == written:
        return ""
    return _shown(sorted(said - written), sorted(written - said))


def _shown(said: list[str], written: list[str]) -> str:
    return f"quote: {', '.join(said) or 'none'}, article: {', '.join(written) or 'none'}"


def other_words(quote: str, passage: str) -> bool:
    """Does ``passage`` add, drop or replace a word of ``quote`` (more than a typo: a third of
    the word's letters or more)? Hyphens do not count ("re-open" is "reopen")."""
    said, written = _words(quote.replace("-", "")), _words(passage.replace("-", ""))
    matcher = difflib.SequenceMatcher(a=said, b=written, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op != "replace" or i2 - i1 != j2 - j1:
            return True
        for old, new in zip(said[i1:i2], written[j1:j2], strict=True):
            edits = edlib.align(old, new, task="distance")["editDistance"]
            if edits * 3 >= max(len(old), len(new)):
                return True
    return False


def edge_changes(before: str, after: str, prefix: str, suffix: str) -> tuple[str, ...]:
    """A negation or number just outside an approximate passage (the word ``before`` or
    ``after`` it) that the context around the quote did not have there: an edit at the
    passage's edge that the alignment left out ("they were not" + "not")."""
    changes = []
    for word, context, side in ((before, prefix, "before"), (after, suffix, "after")):
        words = [w.strip("'") for w in _words(word)]
        if not words or not (set(words) & NEGATIONS or _numbers(word)):
            continue
        known = [w.strip("'") for w in _words(context)]
        there = known[-len(words) :] if side == "before" else known[: len(words)]
        if there != words:
            changes.append(f'"{word}" {side} the passage is new')
    return tuple(changes)
