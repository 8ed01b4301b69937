"""Reported speech ("Pernod said it was seeking acquisitions"), for articles without quotes."""

from __future__ import annotations

import re

from generator.scaffold.article import Article, Sentence
from generator.scaffold.evidence import Anchors
from generator.scaffold.lexicon import word_set
from generator.scaffold.model import Quote
from generator.scaffold.speakers import Speakers

MAX_REPORTED = 3
MIN_CLAUSE_WORDS = 5
REPORTED_CONTEXT = "Reported speech, not a direct quotation: check the wording before citing it."
_SAY = (
    r"said|says|warned|warns|argued|argues|claimed|claims|insisted|insists|believes|believed|"
    r"announced|stated|admitted|admits|predicted|predicts|confirmed|denied|revealed|explained|"
    r"suggested|suggests"
)
_THAT = (
    r"told|tells|found|finds|showed|shows|show|expects|expected|thinks|thought|hopes|hoped|"
    r"fears|feared|estimated|estimates|forecast|forecasts|reported|reports|noted|stressed|"
    r"agreed|ruled|concluded|added|indicated|alleged|alleges|maintained|maintains"
)
_WHEN = r"(?:\s+(?:on|in|at|last|this|earlier|late|yesterday)(?:\s+\w+)?)?"
_BEFORE_RE = re.compile(
    rf"\b(?:(?P<say>{_SAY}){_WHEN}(?P<that>\s+that|\s+[^,.;\"\u201c\u201d]{{1,40}}?\s+that)?"
    rf"|(?P<thatverb>{_THAT}){_WHEN}(?:\s+[^,.;\"\u201c\u201d]{{1,40}}?)?\s+that)"
    r"\s+(?P<rest>[a-z].+?)[.!?]?$"
)
_AFTER_RE = re.compile(
    rf",\s+(?:(?:[\w'\u2019.-]+\s+){{1,5}}?(?P<verb>{_SAY}|added|noted|reported){_WHEN}"
    r"|according\s+to\s+(?P<source>[^,.;]{3,60}))\.?$"
)
_ACCORDING_RE = re.compile(r"According\s+to\s+[^,.;]{3,60},\s+(?P<rest>.+?)[.!?]?$")
_NOT_SUBJECT = word_set(
    "to by in on at from of for with as about after before during up down off out "
    "over so and but or goodbye hello sorry yes no"
)


def _clean(text: str) -> str:
    return text.strip().rstrip(",;: ").strip()


def _before(article: Article, speakers: Speakers, sent: Sentence) -> tuple[str, str | None]:
    text = article.text
    m = _ACCORDING_RE.match(text, sent.start, sent.end)
    if m:
        return _clean(m.group("rest")), speakers.subject(sent.start, m.start("rest"), sent.start)
    m = _BEFORE_RE.search(text, sent.start, sent.end)
    if m is None:
        return "", None
    clause = _clean(m.group("rest"))
    first = clause.split(maxsplit=1)[0].lower() if clause else ""
    if m.group("say") and m.group("that") is None and first in _NOT_SUBJECT:
        return "", None
    return clause, speakers.subject(sent.start, m.start(), m.start())


def _statement(
    article: Article, anchors: Anchors, speakers: Speakers, sent: Sentence
) -> Quote | None:
    text = article.text
    after = _AFTER_RE.search(text, sent.start, sent.end)
    if after:
        clause = _clean(text[sent.start : after.start()])
        end = after.start("verb") if after.group("verb") else after.end()
        who = speakers.subject(after.start(), end, sent.start)
    else:
        clause, who = _before(article, speakers, sent)
    if len(clause.split()) < MIN_CLAUSE_WORDS or not anchors.unique(clause):
        return None
    return Quote(clause, who, REPORTED_CONTEXT)


def reported_speech(article: Article, anchors: Anchors, speakers: Speakers) -> list[Quote]:
    """Up to MAX_REPORTED attributed statements, those with a known speaker first."""
    found = []
    for sent in article.sentences:
        quote = _statement(article, anchors, speakers, sent)
        if quote:
            found.append(quote)
    found.sort(key=lambda q: q.speaker is None)
    return found[:MAX_REPORTED]
