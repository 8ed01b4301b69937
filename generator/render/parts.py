"""Bounded pages: a long list of items split into parts, each its own page, linked together.

Every cross-brief page that grows with the book (the timeline, the actors index, an actor's
briefs, a month's listing) is a list of items. :func:`split` cuts such a list into parts of at
most ``PAGE_ITEMS`` items, grouped first by a coarse key (a year, a letter) and then, where a
group is still too long, by a finer key (a month) and finally by count. Each part knows its
page, so templates link the parts (a pager) whatever the content of the items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")
PAGER_LINKS = 30  # a pager lists every part up to this many, else the first, last and nearby
PAGE_ITEMS = 150  # items on one page: about 50 KB of list, well under the 100 KB a page may weigh
# rows of an actor's profile on one page: a brief's block counts one row, and one more for each
# of the actor's quotes, risks, events and relations in it (about 300 bytes a row; 36 briefs
# with 498 quotes made one page of 160 KB in a 20,000-brief book)
PROFILE_ROWS = 150


@dataclass
class Part(Generic[T]):
    """One page of a split list: its ``src_uri``, its label in the pager, its items."""

    src_uri: str
    label: str
    items: list[T] = field(default_factory=list)


def chunks(items: Sequence[T], size: int | None = None) -> list[list[T]]:
    """``items`` in runs of at most ``size`` (at least one run, maybe empty)."""
    size = size or PAGE_ITEMS
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def numbered(base: str, n: int) -> str:
    """The page of part ``n`` (from 1) of ``base``: ``x.md``, ``x/2.md``, ``x/3.md`` ..."""
    return base if n == 1 else f"{base.removesuffix('.md')}/{n}.md"


def paged(base: str, items: Sequence[T], label: str = "", size: int | None = None) -> list[Part[T]]:
    """``items`` on the pages ``base``, ``base/2``, ... (``label`` then ``label (2)``)."""
    return _numbered_parts(base, label, chunks(items, size))


def weighed(
    base: str, items: Sequence[T], weight: Callable[[T], int], limit: int, label: str = ""
) -> list[Part[T]]:
    """``items`` on the pages ``base``, ``base/2``, ..., each holding items of at most
    ``limit`` in total ``weight`` (an item heavier than that is a page of its own)."""
    runs: list[list[T]] = [[]]
    load = 0
    for item in items:
        heavy = weight(item)
        if runs[-1] and load + heavy > limit:
            runs.append([])
            load = 0
        runs[-1].append(item)
        load += heavy
    return _numbered_parts(base, label, runs)


def _numbered_parts(base: str, label: str, runs: list[list[T]]) -> list[Part[T]]:
    return [
        Part(numbered(base, n), _numbered_label(label, n, len(runs)), run)
        for n, run in enumerate(runs, start=1)
    ]


def _numbered_label(label: str, n: int, total: int) -> str:
    if total == 1:
        return label
    return f"{label} ({n}/{total})" if label else f"{n}/{total}"


def grouped(
    items: Sequence[T],
    page_of: Callable[[str], str],
    keys: Sequence[Callable[[T], str]],
    size: int | None = None,
) -> list[Part[T]]:
    """``items`` (already in order) grouped by ``keys[0]``; a group of more than ``size`` items
    is grouped again by the next key (its value joined to the first: ``2005-03``), and a group
    too long for every key is paged by count. ``page_of(label)`` names the page of a group."""
    size = size or PAGE_ITEMS
    parts: list[Part[T]] = []
    for label, group in _groups(items, keys[0]):
        if len(group) <= size:
            parts.append(Part(page_of(label), label, group))
        elif len(keys) > 1:
            finer = [_prefixed(label, keys[1]), *keys[2:]]
            parts += grouped(group, page_of, finer, size)
        else:
            parts += paged(page_of(label), group, label, size)
    return parts


def _prefixed(label: str, key: Callable[[T], str]) -> Callable[[T], str]:
    return lambda item: f"{label}-{key(item)}"


def _groups(items: Sequence[T], key: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Items by key, in order of first appearance; each key once even where its items are not
    together (a year-only date sorts among that year's months)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.items())


def pager(
    parts: Sequence[Part[Any]], current: int, href: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Links to every part from part ``current`` (an index), for ``partials/pager.html.j2``."""
    if len(parts) < 2:
        return []
    shown = range(len(parts))
    if len(parts) > PAGER_LINKS:
        near = range(max(0, current - 3), min(len(parts), current + 4))
        shown = sorted({0, len(parts) - 1, *near})  # type: ignore[assignment]  # a subset
    return [
        {"label": parts[i].label, "href": href(parts[i].src_uri), "current": i == current}
        for i in shown
    ]
