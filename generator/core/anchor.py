"""Stage 3, anchor: each evidence quote to a span of its source article.

Every candidate place competes under one score, exact, normalised (:mod:`generator.text`) and
approximate (:mod:`generator.anchor_search`) alike, combined as Hypothesis's ``match-quote``
does: quote similarity (weight 50), prefix and suffix similarity (20 each) and closeness to the
place the quote was last found (2). The context is the brief's ``prefix``/``suffix``, else the
text around the quote when it was last found (:class:`Hint`, from ``briefs/.anchors/``).

We never guess: the best place wins only when it beats the runner-up by :data:`MARGIN`, or is
at least as good in every respect (fewer edits, context as good, as close), else the quote is
``ambiguous`` with the places shown. An approximate place needs the context to confirm it when
there is context, and stays within a budget that tightens for short quotes; one that changes
what the quote says (:mod:`generator.anchor_meaning`) is ``changed``, an error. Offsets are
code points of the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Literal

import edlib

from .anchor_meaning import edge_changes, meaning_changes, other_words
from .anchor_search import (
    MAX_APPROXIMATE,
    MAX_EXACT,
    Place,
    approximate,
    distinct,
    find_all,
    search_budget,
    similarity,
    tight_budget,
)
from .load import Path_
from .text import NormalText, normal_text, normalise, text_digest

Status = Literal["exact", "normalised", "fuzzy", "ambiguous", "orphan", "changed"]
MASK = "\x00"
#: Hypothesis's weights: quote, prefix, suffix, position.
WEIGHTS = (50.0, 20.0, 20.0, 2.0)
#: How far (0 to 1) the winner must be ahead of the runner-up unless it dominates it.
MARGIN = 0.08
#: Context similarity (0 to 1) an approximate place needs, when there is context.
CONTEXT_NEEDED = 0.75
STRONG_CONTEXT = 0.9
SLACK = 8


@dataclass
class Article:
    """A source text ready for matching; dropped lines are masked, offsets unchanged."""

    source_id: str
    path: str
    text: str
    drop: tuple[str, ...] = ()

    def __getstate__(self) -> dict[str, object]:
        """What a worker process sends back: the fields, not what is cached from the text
        (recomputed where it is used): two thirds of the bytes."""
        return {
            "source_id": self.source_id,
            "path": self.path,
            "text": self.text,
            "drop": self.drop,
        }

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

    @cached_property
    def digest(self) -> str:
        return text_digest(self.text)


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
class Hint:
    """Where a quote was last found: its start then, and the text just before and after it."""

    start: int
    before: str = ""
    after: str = ""


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
    changes: tuple[str, ...] = ()
    #: places found when refused for being too many (more than the candidates kept)
    count: int = 0

    def __reduce__(self) -> tuple[type[Anchor], tuple[object, ...]]:
        """Pickled as its fields in order: a checked book's 30,000 anchors travel back from
        the check workers as tuples, not as instance dictionaries."""
        return Anchor, tuple(getattr(self, name) for name in _ANCHOR_FIELDS)

    @property
    def found(self) -> bool:
        return self.status in ("exact", "normalised", "fuzzy")


_ANCHOR_FIELDS = tuple(f.name for f in fields(Anchor))


@dataclass(frozen=True)
class Scored:
    place: Place
    score: float
    context: float
    position: float
    at_hint: bool = False


class Query:
    """The quote and its context as matched: the brief's prefix and suffix, else the text
    around the quote where it was last found (normalised only when needed)."""

    def __init__(self, needle: str, prefix: str, suffix: str, hint: Hint | None) -> None:
        self.needle = needle
        self.hint = hint
        self._prefix = prefix or (hint.before if hint else "")
        self._suffix = suffix or (hint.after if hint else "")

    @property
    def has_context(self) -> bool:
        return bool(self._prefix.strip() or self._suffix.strip())

    @cached_property
    def prefix(self) -> str:
        return normalise(self._prefix)

    @cached_property
    def suffix(self) -> str:
        return normalise(self._suffix)


def anchor_quote(
    article: Article, quote: str, prefix: str = "", suffix: str = "", hint: Hint | None = None
) -> Anchor:
    """Find ``quote`` in ``article``; see the module docstring for how places compete."""
    verbatim = _verbatim(article, quote, prefix, suffix, hint)
    if verbatim is not None:
        return verbatim
    needle = normalise(quote)
    if not needle:
        return Anchor("orphan", article.source_id)
    query = Query(needle, prefix, suffix, hint)
    text = article.normal.text
    exact = [Place(s, s + len(needle), 0) for s in find_all(text, needle, MAX_EXACT)]
    if len(exact) > MAX_EXACT:
        spans = tuple(_original(article, p) for p in exact[:6])
        return Anchor("ambiguous", article.source_id, candidates=spans, count=len(exact))
    if len(exact) == 1 and _alone(article, query, exact[0]):
        start, end = _original(article, exact[0])
        matched = article.text[start:end]
        status: Status = "exact" if matched == quote else "normalised"
        return Anchor(status, article.source_id, start, end, matched)
    scored = [_score(article, query, place) for place in exact]
    if _needs_search(query, scored):
        found = approximate(text, needle, _budget(query))
        places = distinct([*exact, *found])
        scored = [_score(article, query, place) for place in places]
    if not scored:
        return Anchor("orphan", article.source_id, closest=_closest(article.normal, needle))
    return _decide(article, quote, query, scored)


def _verbatim(
    article: Article, quote: str, prefix: str, suffix: str, hint: Hint | None
) -> Anchor | None:
    """The quote as written, found once, wins outright without context or where it was last
    found: it is the passage copied (a place equal only after normalising is not as good)."""
    if not quote.strip() or (prefix or suffix) or quote != quote.strip():
        return None
    starts = find_all(article.masked, quote, 1)
    if len(starts) != 1 or (hint is not None and starts[0] != hint.start):
        return None
    return Anchor("exact", article.source_id, starts[0], starts[0] + len(quote), quote)


def _alone(article: Article, query: Query, place: Place) -> bool:
    """The only exact place wins outright without context, or where it was last found."""
    if not query.has_context:
        return True
    return query.hint is not None and article.normal.original(place.start) == query.hint.start


def _needs_search(query: Query, exact: list[Scored]) -> bool:
    """Could an approximate place beat the exact ones? Not without context, nor when one exact
    place has its context word for word."""
    if not exact:
        return True
    if not query.has_context:
        return False
    return not (len(exact) == 1 and exact[0].context >= 0.999)


def _budget(query: Query) -> int:
    """The search budget: short quotes may take up to 3 edits, so that such a place competes
    (as a rival, or confirmed by its context: see :func:`_confirmed`)."""
    length = len(query.needle)
    return max(search_budget(length), min(3, length // 3)) if length <= MAX_APPROXIMATE else 0


def _score(article: Article, query: Query, place: Place) -> Scored:
    text = article.normal.text
    quote_sim = 1.0 - place.errors / len(query.needle)
    before = text[max(0, place.start - len(query.prefix) - SLACK) : place.start]
    after = text[place.end : place.end + len(query.suffix) + SLACK]
    prefix_sim = similarity(query.prefix, before)
    suffix_sim = similarity(query.suffix, after)
    position, gap = 1.0, -1
    if query.hint is not None:
        gap = abs(article.normal.original(place.start) - query.hint.start)
        position = 1.0 - min(1.0, gap / max(1, len(article.text)))
    parts = (quote_sim, prefix_sim, suffix_sim, position)
    score = sum(w * p for w, p in zip(WEIGHTS, parts, strict=True)) / sum(WEIGHTS)
    return Scored(place, score, (prefix_sim + suffix_sim) / 2, position, gap == 0)


def _dominates(a: Scored, b: Scored) -> bool:
    """``a`` has no more edits and as good a context as ``b`` and is not farther from where the
    quote was last found, and has a better context or is the quote word for word (fewer edits
    alone do not tell two changed passages apart); or the two are alike and ``a`` is exactly
    where the quote was last found (closeness alone decides nothing)."""
    if a.place.errors > b.place.errors or a.context < b.context - 0.01:
        return False
    if (
        a.context > b.context + 0.01
        or a.place.errors < b.place.errors == 0
        or (a.place.errors == 0 < b.place.errors)
    ):
        return a.position >= b.position
    return a.at_hint and not b.at_hint and a.place.errors == b.place.errors


def _decide(article: Article, quote: str, query: Query, scored: list[Scored]) -> Anchor:
    ranked = sorted(scored, key=lambda s: (-s.score, s.place.start))
    best = ranked[0]
    rivals = [r for r in ranked[1:] if not (best.score - r.score >= MARGIN or _dominates(best, r))]
    if rivals:
        spans = tuple(_original(article, s.place) for s in [best, *rivals][:6])
        return Anchor("ambiguous", article.source_id, candidates=spans)
    start, end = _original(article, best.place)
    matched = article.text[start:end]
    if best.place.errors == 0:
        status: Status = "exact" if matched == quote else "normalised"
        return Anchor(status, article.source_id, start, end, matched)
    changes = meaning_changes(query.needle, normalise(matched)) or _edges(article, query, best)
    if not changes and not _confirmed(article, query, best):
        closest = text_of(article, best.place)
        return Anchor("orphan", article.source_id, closest=closest, distance=best.place.errors)
    status = "changed" if changes else "fuzzy"
    return Anchor(
        status,
        article.source_id,
        start,
        end,
        matched,
        candidates=((start, end),),
        distance=best.place.errors,
        changes=changes,
    )


def _edges(article: Article, query: Query, best: Scored) -> tuple[str, ...]:
    text = article.normal.text
    before = text[: best.place.start].rstrip().rpartition(" ")[2]
    after = text[best.place.end :].lstrip().partition(" ")[0]
    return edge_changes(before, after, query.prefix, query.suffix)


def _confirmed(article: Article, query: Query, best: Scored) -> bool:
    """An approximate place stands if the context confirms it (nearly word for word when it
    needs many edits for the quote's length), or, without context, if it needs few edits and
    they are typos, not other words."""
    few = best.place.errors <= tight_budget(len(query.needle))
    if query.has_context:
        return best.context >= (CONTEXT_NEEDED if few else STRONG_CONTEXT)
    return few and not other_words(query.needle, text_of(article, best.place))


def _original(article: Article, place: Place) -> tuple[int, int]:
    normal = article.normal
    return normal.original(place.start), normal.original(place.end)


def text_of(article: Article, place: Place) -> str:
    return article.normal.text[place.start : place.end]


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


@dataclass(frozen=True)
class Cited:
    """An evidence quote of a brief (at ``loc`` in the YAML, cited by ``item``) and its anchor."""

    loc: Path_
    item: Path_
    quote: str
    anchor: Anchor
    prefix: str = ""
    suffix: str = ""

    def __reduce__(self) -> tuple[type[Cited], tuple[object, ...]]:
        return Cited, (self.loc, self.item, self.quote, self.anchor, self.prefix, self.suffix)
