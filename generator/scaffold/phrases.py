"""Noun phrases around a number: what a figure measures ("UK's jobless rate", "tax cuts").

No tagger: a noun phrase is a run of words that are neither function words nor common verbs,
read from the words just before or after the figure. Determiners and possessive pronouns at
the front are dropped; a phrase is kept only with at least MIN_WORDS words.
"""

from __future__ import annotations

import re

from generator.scaffold.lexicon import MONTHS, WEEKDAYS, word_set

MIN_WORDS = 3
MAX_WORDS = 7
_OF_REACH = 4  # "bills of up to pounds 2,000": the "of" at most four words before
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z0-9][\w'\u2019&.-]*[\w]|[A-Za-z]")
# Words that end a noun phrase: function words, auxiliaries and the verbs of figures.
BREAKS = word_set(
    "and or but nor so yet than as that which who whom whose when where while if because "
    "to in on at by for with from of into onto over under about around after before since "
    "until between among against through during per via up down out off "
    "is are was were be been being am has have had do does did will would shall should can "
    "could may might must not no also just only even still already now then there here "
    "rose rise rises rising fell fall falls falling hit hits reached reach reaches grew grow "
    "grows climbed climb jumped jump dropped drop slipped slip slumped surged soared increased "
    "increase decreased decrease cut cuts widened narrowed totalled totaled stood stands "
    "made make makes paid pay pays earned earn earns cost costs sold sell sells bought buy "
    "said says say told claimed claims set sets put gave give takes took raised raise raises "
    "expected expects forecast forecasts predicted predicts estimated estimates plans planned "
    "aims wants needs saw sees see faced faces face got gets get worth valued being more "
    "less fewer nearly almost some several many much most least just record new around "
    "it its they them their he him his she her we our us you your i me my this these those "
    "there use uses used include includes including remain remains live lives own owns hold "
    "holds held come comes came go goes went left leave take run runs ran"
)
_LINKS = word_set("of in for on with")
LEADING_DROP = word_set("the a an its their his her our your my this these those such")
NOT_NOUNS = frozenset({*MONTHS, *WEEKDAYS})


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _trim(words: list[str]) -> list[str]:
    inner = [i for i, w in enumerate(words) if w.lower() in LEADING_DROP]
    if inner and inner[-1] > 0 and words[inner[-1] - 1].lower() not in _LINKS:
        words = words[inner[-1] + 1 :]  # "sued the Russian government": the phrase starts at "the"
    adverbs = [i for i, w in enumerate(words) if len(w) > 4 and w.endswith("ly")]
    if adverbs:
        words = words[adverbs[-1] + 1 :]  # "Japan currently hosts": no phrase runs across it
    while words and words[0].lower() in LEADING_DROP:
        words = words[1:]
    while words and (words[-1].lower() in BREAKS or words[-1] in NOT_NOUNS):
        words = words[:-1]
    return words


def _ok(words: list[str]) -> str | None:
    words = _trim(words)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or words[0].lower() in BREAKS:
        return None
    return " ".join(words)


def _clause(text: str) -> str:
    return re.split(
        r"[,;:()\"\u201c\u201d!?]|(?<![A-Z])\.(?:\s|$)|\s[-\u2013]\s", text, maxsplit=1
    )[0]


def _run(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.lower() in BREAKS or (out and w.lower() in LEADING_DROP):
            break
        out.append(w)
    return out


def phrase_after(text: str) -> str | None:
    """The noun phrase at the start of `text`, with an "of/in/for ..." complement when short."""
    words = _words(_clause(text))
    while words and words[0].lower() in LEADING_DROP:
        words = words[1:]
    head = _run(words)
    if not head:
        return None
    if len(_trim(list(head))) < MIN_WORDS and len(words) > len(head) + 1:
        link = words[len(head)].lower()
        if link in _LINKS:
            rest = words[len(head) + 1 :]
            while rest and rest[0].lower() in LEADING_DROP:
                rest = rest[1:]
            head = [*head, link, *_run(rest)]
    return _ok(head)


def phrase_of(text: str) -> str | None:
    """ "of its total annual budget" at the start of `text` -> "total annual budget"."""
    m = re.match(r"\s*of\s+(.*)", _clause(text))
    return phrase_after(m.group(1)) if m else None


def phrase_before(text: str) -> str | None:
    """The noun phrase at the end of `text` ("... the UK's jobless rate rose to"), which may
    hold an "of" ("sales of frozen food rose")."""
    words = _words(re.split(r"[,;:()\"\u201c\u201d]|\s[-\u2013]\s", text)[-1])
    while words and (words[-1].lower() in BREAKS or words[-1].lower() in LEADING_DROP):
        words.pop()
    run: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        low = words[i].lower()
        crosses = low in _LINKS and run and i > 0 and words[i - 1].lower() not in BREAKS
        if low in BREAKS and not crosses:
            break
        run.insert(0, words[i])
    return _ok(run)
