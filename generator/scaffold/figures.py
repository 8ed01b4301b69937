"""Figures: numbers as written, with what they count ("54,000 U.S. military personnel")."""

from __future__ import annotations

import logging
import re

from generator.scaffold.article import Article
from generator.scaffold.evidence import Anchors, clause_around
from generator.scaffold.lexicon import MONTHS, word_set
from generator.scaffold.model import Figure
from generator.scaffold.text import markdown_safe

log = logging.getLogger(__name__)

MAX_FIGURES = 12
_CUR = r"(?:[\u00a3$\u20ac\u00a5]|US\$|(?:dollars|pounds|euros|yen)\s)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:bn|m|k|tn)|\s(?:billion|million|trillion|thousand))(?![\w])"
_FIGURE_RE = re.compile(
    rf"(?<![\w.,$\u00a3\u20ac\u00a5-])(?P<cur>{_CUR})?(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?P<pct>%|\s?per\s?cent\b|\s?percent\b)?(?P<unit>\s(?:euros|dollars|pounds|yen)\b)?"
    rf"(?![\w]|[-\u2013/]\d|\.\d|,\d)"
)
_STOP = word_set(
    "and or of in on at to from by for with that which who was were is are has have "
    "had the a an than as its their his her this these those per but while after "
    "before over under since until into about around some use uses used will would can "
    "could may might must should live lived died being been be do does did said says"
)
_LABEL_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.-]*")
_NOT_COUNTED = frozenset({*MONTHS, "GMT", "BST", "am", "pm", "a.m.", "p.m."})
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+")
_TRIM_TAIL = word_set("to by of at around about some nearly almost over up from than a an the")


def _next_words(text: str, pos: int, end: int) -> list[str]:
    words: list[str] = []
    for m in _LABEL_WORD_RE.finditer(text, pos, min(end, pos + 60)):
        gap = text[pos : m.start()]
        if gap.strip() or m.group().lower() in _STOP or m.group() in _NOT_COUNTED:
            break
        word = m.group()
        words.append(word if _DOTTED_RE.fullmatch(word) else word.rstrip("."))
        pos = m.end()
        if len(words) == 4 or text[pos : pos + 1] in ",;:.)":
            break
    return words


def _prev_words(text: str, start: int, pos: int) -> list[str]:
    seg = text[start:pos]
    for mark in (",", ";", ":", "(", ")", '"', "\u201c", " - ", " \u2013 "):
        seg = seg.rsplit(mark, 1)[-1]
    words = [w for w in seg.split()[-8:] if any(c.isalnum() for c in w)]
    while words and words[-1].lower() in _TRIM_TAIL:
        words.pop()
    return words


def _label(
    article: Article, m: re.Match[str], start: int, end: int, prev: str | None
) -> str | None:
    """Words after a plain count; for money and percentages, the clause before it."""
    after = _next_words(article.text, m.end(), end)
    if not (m.group("cur") or m.group("pct") or m.group("scale") or m.group("unit")):
        return markdown_safe(" ".join(after)) if after else None
    if after and not (m.group("cur") or m.group("pct")):
        return markdown_safe(" ".join(after))
    before = _prev_words(article.text, start, m.start())
    if before:
        return markdown_safe(" ".join(before))
    return prev or (markdown_safe(" ".join(after)) if after else None)


def _is_figure(m: re.Match[str]) -> bool:
    if m.group("cur") or m.group("pct") or m.group("scale") or m.group("unit"):
        return True
    num = m.group("num")
    if re.fullmatch(r"(?:19|20)\d\d", num):
        return False
    return "," in num or (num.isdigit() and int(num) >= 10)


def find_figures(article: Article, anchors: Anchors) -> list[Figure]:
    """Figures in text order (at most MAX_FIGURES), one per value as written."""
    out: list[Figure] = []
    seen: set[str] = set()
    for sent in article.sentences:
        prev_end, prev_label = sent.start, None
        for m in _FIGURE_RE.finditer(article.text, sent.start, sent.end):
            value = m.group().strip()
            if not _is_figure(m):
                continue
            label = _label(article, m, prev_end, sent.end, prev_label)
            prev_end, prev_label = m.end(), label
            if not label or value in seen:
                continue
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            quote = clause_around(article, anchors, start, start + len(value))
            if quote is None or value not in quote:
                continue
            seen.add(value)
            out.append(Figure(value, label, quote))
            if len(out) == MAX_FIGURES:
                return out
    return out
