"""Candidate places of a quote in a normalised text, exact and approximate alike.

edlib's search over a whole text returns only the places at the minimum distance, so a place
one edit worse but with the right context would never compete. Here every place within the
edit budget is a candidate: the quote is cut into budget + 1 pieces, and any passage within
the budget holds one piece exactly (pigeonhole), so each exact occurrence of a piece seeds a
small window searched with edlib. Approximate places are snapped to word boundaries.

Work is bounded whatever the input: at most :data:`MAX_EXACT` exact places, at most
:data:`MAX_PIECES` pieces, and pieces that occur more than :data:`MAX_SEEDS` times are not
used as seeds (one whole-text search still finds the best places), at most
:data:`MAX_WINDOWS` windows, each about the quote's length, and no approximate search for a
quote over :data:`MAX_APPROXIMATE` characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import edlib

MAX_EXACT = 100
MAX_SEEDS = 40
MAX_WINDOWS = 200
MAX_PIECES = 16
#: Approximate search is for quotes of this many characters (normalised); longer ones must
#: match after normalising (a passage that long is copied, not retyped).
MIN_APPROXIMATE = 8
MAX_APPROXIMATE = 2000
#: Alignments looked at per window (the ends of one place at the same distance).
MAX_LOCATIONS = 4
#: Below this length an approximate place needs context to confirm it.
MIN_UNCONFIRMED = 20


@dataclass(frozen=True)
class Place:
    """A span of the normalised text and the edits between it and the quote."""

    start: int
    end: int
    errors: int


def find_all(haystack: str, needle: str, limit: int) -> list[int]:
    """Start offsets of ``needle`` in ``haystack``, at most ``limit`` + 1 of them."""
    starts: list[int] = []
    start = haystack.find(needle)
    while start >= 0 and len(starts) <= limit:
        starts.append(start)
        start = haystack.find(needle, start + 1)
    return starts


def search_budget(length: int) -> int:
    """The most edits a candidate may have: 10% of a short quote rising to 25% of a long one."""
    if length < MIN_APPROXIMATE or length > MAX_APPROXIMATE:
        return 0
    rate = 0.1 + 0.15 * min(1.0, length / 120)
    return max(1, min(64, int(length * rate)))


def tight_budget(length: int) -> int:
    """Edits an approximate place may need without context to confirm it: none below 20
    characters (a few words: one edit can make another phrase), then 5% rising to 15% from
    60 characters."""
    if length < MIN_UNCONFIRMED:
        return 0
    return max(1, int(length * (0.05 + 0.1 * min(1.0, length / 60))))


def approximate(text: str, needle: str, budget: int) -> list[Place]:
    """Places within ``budget`` edits of ``needle``, one per place, best first."""
    if budget <= 0 or not needle:
        return []
    found: list[Place] = []
    for start, end in _merged(_windows(text, needle, budget), budget):
        hit = edlib.align(needle, text[start:end], mode="HW", task="locations", k=budget)
        if hit["editDistance"] < 0:
            continue
        locations = hit["locations"]
        if len(locations) > MAX_LOCATIONS:
            locations = [*locations[: MAX_LOCATIONS // 2], *locations[-MAX_LOCATIONS // 2 :]]
        for s, e in locations:
            place = _snapped(text, needle, start + s, start + e + 1, budget)
            if place is not None:
                found.append(place)
    return distinct(found)


def _windows(text: str, needle: str, budget: int) -> list[tuple[int, int]]:
    length = len(needle)
    windows: list[tuple[int, int]] = []
    pieces = min(budget + 1, MAX_PIECES)  # beyond, one edit in every piece is unlikely
    for i in range(pieces):
        offset, stop = i * length // pieces, (i + 1) * length // pieces
        piece = needle[offset:stop]
        if not piece.strip():
            continue
        hits = find_all(text, piece, MAX_SEEDS)
        if len(hits) > MAX_SEEDS:
            continue
        windows += [(h - offset - budget, h - offset + length + budget) for h in hits]
    best = edlib.align(needle, text, mode="HW", task="locations", k=budget)
    if best["editDistance"] >= 0:
        windows += [(s - budget, e + 1 + budget) for s, e in best["locations"][:MAX_SEEDS]]
    return [(max(0, s), min(len(text), e)) for s, e in sorted(windows)[: MAX_WINDOWS * 4]]


def _merged(windows: list[tuple[int, int]], budget: int) -> list[tuple[int, int]]:
    """Windows seeded by one place (starts within 2 x budget) as one; other places apart, so
    that each place's best alignment is found, not only the best of all."""
    merged: list[tuple[int, int]] = []
    for start, end in windows:
        if merged and start - merged[-1][0] <= 2 * budget:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged[:MAX_WINDOWS]


def _snapped(text: str, needle: str, start: int, end: int, budget: int) -> Place | None:
    """The span moved to whole words where the quote begins or ends with a word, re-scored;
    among equals the one that begins and ends like the quote, then the longest (so a word
    added next to the quote is seen, not cut off)."""
    while start < end and text[start] == " " != needle[0]:
        start += 1
    while end > start and text[end - 1] == " " != needle[-1]:
        end -= 1
    if end <= start:
        return None
    starts = _word_starts(text, start) if needle[0].isalnum() else [start]
    ends = _word_ends(text, end) if needle[-1].isalnum() else [end]
    best: tuple[int, int, int] | None = None
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            errors = distance(needle, text[s:e], budget)
            if errors < 0:
                continue
            unlike = (needle[0].isalnum() != text[s].isalnum()) + (
                needle[-1].isalnum() != text[e - 1].isalnum()
            )
            key = (errors, unlike, s - e)
            if best is None or key < best:
                best = key
                found = Place(s, e, errors)
    return found if best is not None else None


def _word_starts(text: str, start: int) -> list[int]:
    """``start`` if a word begins there, else the start of its word and of the next one;
    before punctuation, also the start of the word after it."""
    if not text[start].isalnum():
        ahead = start
        while ahead < len(text) and not text[ahead].isalnum() and text[ahead] != " ":
            ahead += 1
        fits = ahead > start and ahead < len(text) and text[ahead].isalnum()
        return [start, ahead] if fits else [start]
    if start == 0 or not text[start - 1].isalnum():
        return [start]
    back = start
    while back > 0 and text[back - 1].isalnum():
        back -= 1
    forward = start
    while forward < len(text) and text[forward].isalnum():
        forward += 1
    while forward < len(text) and text[forward] == " ":
        forward += 1
    return [back, forward]


def _word_ends(text: str, end: int) -> list[int]:
    """``end`` if a word ends there, else the end of its word and of the one before; after
    punctuation, also the end of the word before it."""
    if not text[end - 1].isalnum():
        back = end
        while back > 0 and not text[back - 1].isalnum() and text[back - 1] != " ":
            back -= 1
        return [end, back] if back < end and back > 0 and text[back - 1].isalnum() else [end]
    if end >= len(text) or not text[end].isalnum():
        return [end]
    forward = end
    while forward < len(text) and text[forward].isalnum():
        forward += 1
    back = end
    while back > 0 and text[back - 1].isalnum():
        back -= 1
    while back > 0 and text[back - 1] == " ":
        back -= 1
    return [forward, back]


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance of ``a`` and ``b``, or -1 when above ``limit``."""
    return int(edlib.align(a, b, mode="NW", task="distance", k=limit)["editDistance"])


def distinct(places: list[Place]) -> list[Place]:
    """Overlapping places are one: keep the one with the fewest edits (then the longest)."""
    kept: list[Place] = []
    for place in sorted(places, key=lambda p: (p.errors, p.start - p.end, p.start)):
        if all(place.end <= k.start or k.end <= place.start for k in kept):
            kept.append(place)
    return kept


def similarity(wanted: str, window: str) -> float:
    """How well ``wanted`` fits somewhere in ``window``: 1 - edits / length (0 to 1)."""
    if not wanted:
        return 1.0
    if not window:
        return 0.0
    hit = edlib.align(wanted, window, mode="HW", task="distance")
    return max(0.0, 1.0 - hit["editDistance"] / len(wanted))
