"""Timeline candidates from the dates in the text; the publication date for as_of."""

from __future__ import annotations

import calendar
import datetime
import logging
import re
from dataclasses import dataclass

from generator.scaffold.article import Article
from generator.scaffold.evidence import Anchors, clause_around
from generator.scaffold.lexicon import MONTHS, WEEKDAYS, word_set
from generator.scaffold.model import Mention, TimelineItem
from generator.scaffold.text import plain_sentence

log = logging.getLogger(__name__)

MAX_EVENTS = 12
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DATE_RE = re.compile(
    rf"(?<![\w-])(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    rf"|{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?"
    rf"|{_MON.replace('mon', 'mon2')}\s+(?:{_DAY.replace('d1', 'e1').replace('d2', 'e2')}"
    rf"(?!\d)(?:,?\s+{_YEAR.replace('y', 'y2')})?|{_YEAR.replace('y', 'y3')})"
    rf"|\b(?:in|In|since|Since|until|by|from|during|before|after|between|and|of)\s+"
    rf"{_YEAR.replace('y', 'y4')})(?![\w%]|[.,]\d|\s*(?:bn|m\b|million|billion|-\d))"
)
_WEEKDAYS = frozenset(w.lower() for w in WEEKDAYS)
_PUBLISHED_WORDS = word_set("published posted updated last date on by: published: posted: updated:")


@dataclass(frozen=True)
class FoundDate:
    """A date as matched: its ISO form, whether the year was inferred, its offsets."""

    iso: str
    inferred: bool
    start: int
    end: int


def _ymd(y: int, m: int, d: int) -> datetime.date | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return datetime.date(y, m, d)
    return None


def _nearest_year(month: int, day: int, as_of: datetime.date) -> datetime.date | None:
    options = [_ymd(y, month, day) for y in (as_of.year, as_of.year - 1, as_of.year + 1)]
    valid = [d for d in options if d is not None]
    return min(valid, key=lambda d: abs((d - as_of).days)) if valid else None


def _resolve(g: dict[str, str | None], as_of: datetime.date) -> tuple[str, bool] | None:
    if g["iy"]:
        d = _ymd(int(g["iy"]), int(g["im"] or 0), int(g["id"] or 0))
        return (d.isoformat(), False) if d else None
    year = g["y"] or g["y2"] or g["y3"] or g["y4"]
    mon_name = g["mon"] or g["mon2"]
    if mon_name is None:
        return (year, False) if year else None
    month = MONTHS[mon_name]
    d1, d2 = g["d1"] or g["e1"], g["d2"] or g["e2"]
    if d1 is None:
        return (f"{year}-{month:02d}", False) if year else None
    first = _ymd(int(year), month, int(d1)) if year else _nearest_year(month, int(d1), as_of)
    if first is None:
        return None
    if d2 is None:
        return first.isoformat(), not year
    last = _ymd(first.year, month, int(d2))
    if last is None or last <= first:
        return None
    return f"{first.isoformat()}/{last.isoformat()}", not year


def find_dates(text: str, start: int, end: int, as_of: datetime.date) -> list[FoundDate]:
    """Dates in text[start:end]; weekday names and "last year" are not dates."""
    out = []
    for m in _DATE_RE.finditer(text, start, end):
        resolved = _resolve(m.groupdict(), as_of)
        if resolved:
            start_at = m.start("y4") if m.group("y4") else m.start()
            out.append(FoundDate(resolved[0], resolved[1], start_at, m.end()))
    return out


def published_date(article: Article) -> tuple[datetime.date, int] | None:
    """A publication date on its own line near the top ("Published: 8 November 2024"),
    with the index of that line."""
    for line in article.body_lines[:4]:
        s, e = article.line_span(line)
        if e - s > 60:
            continue
        found = find_dates(article.text, s, e, datetime.date(2000, 1, 1))
        if len(found) == 1 and not found[0].inferred and len(found[0].iso) == 10:
            rest = article.text[s : found[0].start] + article.text[found[0].end : e]
            words = [w.strip(",:|-").lower() for w in rest.split()]
            if all(w in _PUBLISHED_WORDS or w in _WEEKDAYS or not w for w in words):
                return datetime.date.fromisoformat(found[0].iso), line
    return None


def _actors_in(mentions: list[Mention], start: int, end: int) -> tuple[str, ...]:
    ids: list[str] = []
    for m in mentions:
        if start <= m.start < end and m.actor not in ids:
            ids.append(m.actor)
    return tuple(ids[:4])


def find_timeline(
    article: Article,
    anchors: Anchors,
    mentions: list[Mention],
    as_of: datetime.date,
    skip_line: int = -1,
) -> list[TimelineItem]:
    """Timeline candidates, sorted by date, each with a unique evidence clause."""
    items: list[TimelineItem] = []
    seen: set[tuple[str, str]] = set()
    for sent in article.sentences:
        if sent.line == skip_line:
            continue
        for found in find_dates(article.text, sent.start, sent.end, as_of):
            quote = clause_around(article, anchors, found.start, found.end)
            if quote is None or (found.iso, quote) in seen:
                continue
            seen.add((found.iso, quote))
            items.append(
                TimelineItem(
                    found.iso,
                    plain_sentence(quote),
                    quote,
                    _actors_in(mentions, sent.start, sent.end),
                    found.inferred,
                )
            )
    items = items[:MAX_EVENTS]
    return sorted(items, key=lambda i: i.date)
