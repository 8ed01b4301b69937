"""When an article is from: as_of and `published`, from what the article itself says.

In order of trust: a date line near the top ("Published: 8 November 2024"); a weekday with a
day and month that only one year of the known range fits ("Tuesday, 1 March"); the years the
article states, shifted by "last year" / "next year"; a landmark dated event it names (the
December 2004 tsunami). Each answer carries a sentence saying how it was found.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from dataclasses import dataclass

from generator.scaffold.article import Article
from generator.scaffold.dates import published_date
from generator.scaffold.lexicon import MONTHS, WEEKDAYS
from generator.scaffold.model import Dating

# The years a weekday may fix a date in: the span the corpus of articles is drawn from.
KNOWN_YEARS = (2004, 2005)
_MON = "|".join(m for m in MONTHS if len(m) > 4 or m in ("May", "June", "July"))
_WEEKDAY_DATE_RE = re.compile(
    rf"\b(?P<wd>{'|'.join(sorted(WEEKDAYS))}),?\s+(?:the\s+)?"
    rf"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MON})"
    rf"|(?P<m2>{_MON})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)\b(?!,?[ \t]+(?:19|20)\d\d)"
)
_YEAR_RE = re.compile(r"(?<![\w.,$\u00a3\u20ac-])((?:19|20)\d\d)(?![\w%]|[.,]\d|-\d|\s?(?:bn|m)\b)")
_UK_PARTY = r"\b(?:Labour|Tor(?:y|ies)|Conservatives?|Lib Dems?)\b"
_META_LINES = 3
_META_MAX = 200
_PUBLISHER_RE = re.compile(r"(?:Source|Publisher|Published by)\s*:\s*(\S.{0,98})$", re.IGNORECASE)
_URL_RE = re.compile(r"(?:(?:URL|Link|Source)\s*:\s*)?(https?://[^\s\"<>]{3,300})$", re.IGNORECASE)
_WEEKDAY_ORDER = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LAST_RE = re.compile(r"\b[Ll]ast (?:year|season|summer|winter|spring|autumn)\b")
_NEXT_RE = re.compile(r"\b[Nn]ext (?:year|season|summer|winter|spring|autumn)\b")


@dataclass(frozen=True)
class Landmark:
    """A dated event of the known range that an article may name without its year: a word
    any mention holds (a quick test), its mention, and a word that must also occur."""

    key: str
    mention: re.Pattern[str]
    also: re.Pattern[str] | None
    date: datetime.date
    what: str


def _lm(key: str, mention: str, also: str | None, iso: str, what: str) -> Landmark:
    return Landmark(
        key,
        re.compile(mention, re.IGNORECASE),
        re.compile(also) if also else None,
        datetime.date.fromisoformat(iso),
        what,
    )


LANDMARKS = (
    _lm(
        "tsunami",
        r"\btsunami\b",
        None,
        "2004-12-26",
        "the Indian Ocean tsunami of 26 December 2004",
    ),
    _lm(
        "auction",
        r"\bauction\b",
        r"\bYu(?:kos|gansk)",
        "2004-12-19",
        "the auction of Yukos's Yuganskneftegas unit, 19 December 2004",
    ),
    _lm(
        "election",
        r"\b(?:general|next) election\b|\belection\b[^.]{0,40}\bin May\b",
        _UK_PARTY,
        "2005-05-05",
        "the UK general election of 5 May 2005",
    ),
    _lm(
        "grokster",
        r"\bGrokster\b",
        None,
        "2005-03-29",
        "the Supreme Court hearing in MGM v Grokster, 29 March 2005",
    ),
    _lm(
        "new zealand",
        r"\btour (?:to|of) New Zealand\b",
        r"\bLions\b",
        "2005-06-04",
        "the British and Irish Lions tour of New Zealand, June-July 2005",
    ),
    _lm(
        "orange revolution",
        r"\bOrange Revolution\b",
        None,
        "2004-11-22",
        "Ukraine's Orange Revolution, November 2004",
    ),
    _lm(
        "olympics", r"\bOlympics\b", r"\bAthens\b", "2004-08-13", "the Athens Olympics, August 2004"
    ),
    _lm(
        "re-elect",
        r"\bre-elect(?:ed|ion)\b",
        r"\bBush\b",
        "2004-11-02",
        "the re-election of George W Bush, 2 November 2004",
    ),
    _lm(
        "iraq",
        r"\bIraq(?:i|'s)? (?:general )?elections?\b|\belections? in Iraq\b",
        None,
        "2005-01-30",
        "the Iraqi elections of 30 January 2005",
    ),
)


def _weekday_dates(text: str) -> list[tuple[datetime.date, str]]:
    out = []
    for m in _WEEKDAY_DATE_RE.finditer(text):
        month = MONTHS[m.group("m1") or m.group("m2")]
        day = int(m.group("d1") or m.group("d2"))
        wd = _WEEKDAY_ORDER.index(m.group("wd"))
        fits = [
            datetime.date(y, month, day)
            for y in KNOWN_YEARS
            if day <= calendar.monthrange(y, month)[1]
            and datetime.date(y, month, day).weekday() == wd
        ]
        if len(fits) == 1:
            out.append((fits[0], m.group()))
    return out


def _year_end(year: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, 12, 31), today)


def _stated_year(text: str) -> tuple[int, str] | None:
    years = {int(y) for y in _YEAR_RE.findall(text)}
    known = [y for y in years if KNOWN_YEARS[0] <= y <= KNOWN_YEARS[-1]]
    if not known:
        return None
    top = max(known)
    last, nxt = bool(_LAST_RE.search(text)), bool(_NEXT_RE.search(text))
    if top == KNOWN_YEARS[0] and last and not nxt and top - 1 not in years:
        return top + 1, f"it speaks of {top} as past (\u201clast year\u201d)"
    if top == KNOWN_YEARS[-1] and nxt and not last and top + 1 not in years:
        return top - 1, f"it looks ahead to {top} (\u201cnext year\u201d)"
    return top, f"the latest year it states is {top}"


def _landmark(text: str) -> tuple[datetime.date, str] | None:
    lowered = text.lower()
    for lm in LANDMARKS:
        if lm.key not in lowered:
            continue
        m = lm.mention.search(text)
        if m is None or (lm.also is not None and lm.also.search(text) is None):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        para = text[start : end if end >= 0 else len(text)]
        year = lm.date.year
        if _LAST_RE.search(para) and year + 1 in KNOWN_YEARS:
            return datetime.date(year + 1, 1, 1), f"it names {lm.what} as last year's"
        if _NEXT_RE.search(para) and year - 1 in KNOWN_YEARS:
            return datetime.date(year - 1, 12, 31), f"it names {lm.what} as next year's"
        return lm.date, f"it names {lm.what}"
    return None


def stated_source(article: Article) -> tuple[str | None, str | None]:
    """Publisher and URL from short header or footer lines ("Source: ...", a bare URL)."""
    publisher = url = None
    lines = article.body_lines[:_META_LINES] + article.body_lines[-_META_LINES:]
    for line in lines:
        s, e = article.line_span(line)
        text = article.text[s:e].strip()
        if len(text) > _META_MAX:
            continue
        m = _PUBLISHER_RE.match(text)
        publisher = publisher or (m.group(1).strip() if m else None)
        m = _URL_RE.match(text)
        url = url or (m.group(1) if m else None)
    return publisher, url


def date_article(article: Article, today: datetime.date) -> Dating:
    """The dating, publisher and URL the article states."""
    publisher, url = stated_source(article)
    return dataclasses.replace(_dating(article, today), publisher=publisher, url=url)


def _dating(article: Article, today: datetime.date) -> Dating:
    """The best dating the article allows; today (said so) when nothing tells."""
    stated = published_date(article)
    if stated is not None:
        return Dating(stated[0], stated[0], "the article's date line", stated[1])
    body = article.text[article.lines[article.body_lines[0]][0] :] if article.body_lines else ""
    weekday = _weekday_dates(body)
    if weekday:
        day, words = weekday[0]
        basis = f"\u201c{words}\u201d fits only {day.year} in {KNOWN_YEARS[0]}-{KNOWN_YEARS[-1]}"
        return Dating(min(day, today), day, basis)
    year = _stated_year(body)
    if year is not None:
        return Dating(_year_end(year[0], today), None, f"year only: {year[1]}")
    landmark = _landmark(body)
    if landmark is not None:
        day, why = landmark
        return Dating(min(day, today), None, f"{why}: check the day")
    return Dating(today, None, "")
