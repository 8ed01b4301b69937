"""Figures: numbers as written, with what they count ("54,000 U.S. military personnel")."""

from __future__ import annotations

import logging
import re

from generator.scaffold.article import Article
from generator.scaffold.evidence import Anchors, clause_around
from generator.scaffold.lexicon import MONTHS
from generator.scaffold.model import Figure
from generator.scaffold.phrases import phrase_after, phrase_before, phrase_of
from generator.scaffold.text import markdown_safe

log = logging.getLogger(__name__)

MAX_FIGURES = 8
_CUR = r"(?:[\u00a3$\u20ac\u00a5]|US\$|(?:dollars|pounds|euros|yen)\s)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:bn|m|k|tn)|\s(?:billion|million|trillion|thousand))(?![\w])"
_FIGURE_RE = re.compile(
    rf"(?<![\w.,$\u00a3\u20ac\u00a5-])(?P<cur>{_CUR})?(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?P<pct>%|\s?per\s?cent\b|\s?percent\b)?(?P<unit>\s(?:euros|dollars|pounds|yen)\b)?"
    rf"(?![\w]|[-\u2013/]\d|\.\d|,\d)"
)
_DATE_NEAR_RE = re.compile(
    r"(?<![\w])\d{1,2}(?:st|nd|rd|th)?\s+(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b|\b(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+\d{1,2}\b"
)
_CONVERSION_RE = re.compile(r"\s*\(\s*$")
_CURRENCY_WORDS = {
    "$": "dollars",
    "US$": "dollars",
    "\u00a3": "pounds",
    "\u20ac": "euros",
    "\u00a5": "yen",
}
_SCALE_WORDS = {"bn": "billion", "m": "million", "k": "thousand", "tn": "trillion"}


def amount_key(m: re.Match[str]) -> str:
    """One key per amount however written: "\u00a3484bn" and "pounds 484bn" are one amount."""
    cur = (m.group("cur") or "").strip()
    cur = _CURRENCY_WORDS.get(cur, cur)
    scale = (m.group("scale") or "").strip()
    scale = _SCALE_WORDS.get(scale, scale)
    return " ".join(x for x in (cur, m.group("num"), scale, "%" if m.group("pct") else "") if x)


def label_for(text: str, m: re.Match[str], start: int, end: int) -> str | None:
    """The noun phrase the value measures: "60% of its budget" -> "budget" first, then the
    phrase right after ("400,000 new jobs"), then the one before ("jobless rate rose to")."""
    after = text[m.end() : end]
    before = text[start : m.start()]
    for label in (phrase_of(after), phrase_after(after), phrase_before(before)):
        if label:
            return markdown_safe(label)
    return None


def _is_figure(m: re.Match[str]) -> bool:
    if m.group("cur") or m.group("pct") or m.group("scale") or m.group("unit"):
        return True
    num = m.group("num")
    if re.fullmatch(r"(?:19|20)\d\d", num):
        return False
    return "," in num or (num.isdigit() and int(num) >= 10)


def _skipped(text: str, m: re.Match[str], start: int) -> bool:
    """Not a figure: a year, a day of a date, a score, or a conversion in brackets."""
    if not _is_figure(m) or _CONVERSION_RE.fullmatch(text[start : m.start()]):
        return True
    near = text[max(0, m.start() - 10) : m.end() + 10]
    return bool(_DATE_NEAR_RE.search(near))


def find_figures(article: Article, anchors: Anchors) -> list[Figure]:
    """Figures in text order (at most MAX_FIGURES): one per amount, each with a noun-phrase
    label; a conversion in brackets ("(pounds 11bn)") and values with no label are left out."""
    out: list[Figure] = []
    seen: set[str] = set()
    text = article.text
    for sent in article.sentences:
        prev_end = sent.start
        for m in _FIGURE_RE.finditer(text, sent.start, sent.end):
            key, start = amount_key(m), prev_end
            prev_end = m.end()
            if _skipped(text, m, start) or key in seen:
                continue
            seen.add(key)
            label = label_for(text, m, start, sent.end)
            value = m.group().strip()
            at = m.start() + (len(m.group()) - len(m.group().lstrip()))
            quote = clause_around(article, anchors, at, at + len(value)) if label else None
            if label is None or quote is None or value not in quote:
                continue
            out.append(Figure(value, label, quote))
            if len(out) == MAX_FIGURES:
                return out
    return out
