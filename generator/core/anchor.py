"""Stage 3, anchor: each evidence quote to a span of its source article.

Exact first, then normalised (:mod:`generator.text`), then approximate: edlib's
Myers search returns every best-scoring place (as approx-string-match does for
Hypothesis), and candidates are ranked by how well the prefix and suffix fit.
Several equally good places is ``ambiguous`` and nothing found is ``orphan``:
we never guess. Offsets are code points of the original file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import edlib
from rapidfuzz import fuzz

from .text import NormalText, normal_text, normalise

Status = Literal["exact", "normalised", "fuzzy", "ambiguous", "orphan"]
MASK = "\x00"
MAX_ERROR_RATE = 0.2
CONTEXT = 64


@dataclass
class Article:
    """A source text ready for matching; dropped lines are masked, offsets unchanged."""

    source_id: str
    path: str
    text: str
    drop: tuple[str, ...] = ()

    @cached_property
    def _masking(self) -> tuple[str, list[str]]:
        return mask_lines(self.text, self.drop)

    @property
    def masked(self) -> str:
        return self._masking[0]

    @property
    def missing_drops(self) -> list[str]:
        """``drop`` entries that match no line of the text."""
        return self._masking[1]

    @cached_property
    def normal(self) -> NormalText:
        return normal_text(self.masked)


def mask_lines(text: str, drop: tuple[str, ...]) -> tuple[str, list[str]]:
    """Replace each line equal to a ``drop`` entry by a same-length run of NUL; also return
    the entries that matched no line."""
    wanted = {line.strip() for line in drop}
    found: set[str] = set()
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        if body.strip() in wanted:
            found.add(body.strip())
            out.append(MASK * len(body) + line[len(body) :])
        else:
            out.append(line)
    missing = [entry for entry in drop if entry.strip() not in found]
    return "".join(out), missing


@dataclass(frozen=True)
class Anchor:
    status: Status
    source_id: str
    start: int = -1
    end: int = -1
    matched: str = ""
    candidates: tuple[tuple[int, int], ...] = ()
    distance: int = 0
    closest: str = ""

    @property
    def found(self) -> bool:
        return self.status in ("exact", "normalised", "fuzzy")


def anchor_quote(article: Article, quote: str, prefix: str = "", suffix: str = "") -> Anchor:
    """Find ``quote`` in ``article``; see the module docstring for the order of attempts."""
    exact = _find_all(article.masked, quote) if quote.strip() else []
    if exact and not (prefix or suffix):
        return _choose(article, "exact", exact, prefix, suffix, 0)
    # With context, a passage that matches only after normalisation (re-wrapped, curly
    # quotes) competes with the exact ones: the prefix and suffix say which is meant.
    spans = sorted({*exact, *_find_normalised(article, quote)})
    if not spans:
        return _fuzzy(article, quote, prefix, suffix)
    chosen = _choose(article, "normalised", spans, prefix, suffix, 0)
    if chosen.found and chosen.matched == quote:
        return Anchor("exact", chosen.source_id, chosen.start, chosen.end, chosen.matched)
    return chosen


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    start = haystack.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def _find_normalised(article: Article, quote: str) -> list[tuple[int, int]]:
    needle = normalise(quote)
    if not needle:
        return []
    normal = article.normal
    return [(normal.original(s), normal.original(e)) for s, e in _find_all(normal.text, needle)]


def _choose(
    article: Article,
    status: Status,
    spans: list[tuple[int, int]],
    prefix: str,
    suffix: str,
    distance: int,
) -> Anchor:
    """One span is an anchor; several are narrowed by context, else ambiguous."""
    if len(spans) > 1 and (prefix or suffix):
        scores = [_context_score(article.masked, span, prefix, suffix) for span in spans]
        best = max(scores)
        spans = [span for span, score in zip(spans, scores, strict=True) if score == best]
    if len(spans) > 1:
        return Anchor("ambiguous", article.source_id, candidates=tuple(spans), distance=distance)
    start, end = spans[0]
    return Anchor(status, article.source_id, start, end, article.text[start:end], distance=distance)


def _context_score(text: str, span: tuple[int, int], prefix: str, suffix: str) -> float:
    """How well the text around ``span`` fits the given prefix and suffix (0 to 200)."""
    start, end = span
    score = 0.0
    if prefix:
        wanted = normalise(prefix)
        before = normalise(text[max(0, start - len(prefix) - CONTEXT) : start])
        score += 100 if before.endswith(wanted) else fuzz.ratio(before[-len(wanted) :], wanted)
    if suffix:
        wanted = normalise(suffix)
        after = normalise(text[end : end + len(suffix) + CONTEXT])
        score += 100 if after.startswith(wanted) else fuzz.ratio(after[: len(wanted)], wanted)
    return score


def _fuzzy(article: Article, quote: str, prefix: str, suffix: str) -> Anchor:
    needle = normalise(quote)
    if not needle:
        return Anchor("orphan", article.source_id)
    normal = article.normal
    limit = max(1, int(len(needle) * MAX_ERROR_RATE))
    found = edlib.align(needle, normal.text, mode="HW", task="locations", k=limit)
    if found["editDistance"] < 0:
        return Anchor("orphan", article.source_id, closest=_closest(normal, needle))
    spans = _distinct([(s, e + 1) for s, e in found["locations"]], len(needle))
    originals = [(normal.original(s), normal.original(e)) for s, e in spans]
    return _choose(article, "fuzzy", originals, prefix, suffix, found["editDistance"])


def _distinct(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Overlapping hits are one place: keep, per place, the one closest to the quote length."""
    groups: list[list[tuple[int, int]]] = []
    for span in sorted(spans):
        if groups and span[0] < groups[-1][-1][1]:
            groups[-1].append(span)
        else:
            groups.append([span])
    return [min(group, key=lambda s: (abs((s[1] - s[0]) - length), s[0])) for group in groups]


def _closest(normal: NormalText, needle: str) -> str:
    """The passage most like the quote, for the hint, if it is at all alike (>= 50%)."""
    if len(normal.text) > 200_000:
        return ""
    found = edlib.align(needle, normal.text, mode="HW", task="locations")
    if found["editDistance"] < 0 or found["editDistance"] > len(needle) // 2:
        return ""
    start, end = found["locations"][0]
    text = normal.text
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    end += 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return text[start:end].strip()
