"""Classify name spans into observations: people, organisations, acronyms, proper nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.scaffold.article import Article
from generator.scaffold.countries import STATE_TO_CODE, code_for
from generator.scaffold.given import is_given_name
from generator.scaffold.lexicon import (
    ACRONYM_RE,
    ACRONYM_STOP,
    HONORIFICS,
    KNOWN_ORGS,
    NOT_NAMES,
    ORG_DESCRIPTORS,
    ORG_HEADS,
    ORG_SINGLES,
    ORG_SUFFIXES,
    PLACE_PREFIXES,
    PLACE_WORDS,
    STARTERS,
    is_event,
)
from generator.scaffold.names import NameSpan
from generator.scaffold.roles import is_role_word, peel, role_before

_NAME_WORD_RE = re.compile(
    r"[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*|[A-Z]|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+"
)
_SPEECH_AFTER_RE = re.compile(
    r"^,?\s+(?:(?:has|had|have|also|then|later|has also)\s+)?"
    r"(?:said|says|told|tells|added|adds|insisted|warned|explained|argued|claimed|admitted)\b"
)
_SPEECH_BEFORE_RE = re.compile(
    r"\b(?:said|says|added|asked|explained|continued|insisted|warned)"
    r"\s+(?:[a-z-]+\s+){0,4}$"
)
_PERSON_AFTER_RE = re.compile(r"^(?:,\s+(?:who|aged|\d{1,2},)|\s+\(\d{1,2}\))")
_ORG_AFTER_RE = re.compile(
    r"^(?:(?:'s|\u2019s)?\s+(?:shares|profits?|sales|revenues?|boss|board|customers|subscribers"
    r"|stake|results|earnings|chief executive|chairman|spokesman|spokeswoman|spokesperson"
    r"|lawyers?|shareholders|executives|staff|workers|employees|owners|users|products)\b"
    r"|,?\s+(?:said|says|has said)\s+(?:on \w+\s+)?(?:that\s+)?(?:it|its)\b"
    r"|,\s+(?:the|a|an)\s+(?:[\w'\u2019-]+\s+){0,5}?(?:"
    + "|".join(sorted(ORG_DESCRIPTORS))
    + r")\b)"
)
# "a spokesperson from Icstis", "consultant for Sophos": someone speaking for an organisation
_FOR_ORG_BEFORE_RE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|consultant|analyst|economist|strategist|director|"
    r"executive|chairman|president|founder|head|chief|boss|lawyer|manager|officer|researcher)"
    r"\s+(?:from|for|at|of|with)\s+$"
)
_LOWER_RE = re.compile(r"(?<![\w'\u2019-])[a-z]+(?![\w'\u2019-])")
_AND_BEFORE_RE = re.compile(
    r"(?<![\w-])([A-Z][\w&.'\u2019-]*(?: (?:[A-Z][\w&.'\u2019-]*|of|for))*) and $"
)
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|from|at|near|outside|north|south|east|west|[a-z]+-\w+)\s+$")
_MAX_NAME_WORDS = 3
# "Lib Dem Treasury spokesman Vince Cable": the capitalised words qualify a role
_ROLE_AFTER_RE = re.compile(
    r"\s+(?:spokes(?:man|woman|person)|secretary|minister|chief|correspondent|editor)\b"
)
_PAREN_ACRONYM_RE = re.compile(r"^\s+\(([A-Z][A-Za-z0-9&]{1,7})\)")


@dataclass(frozen=True)
class Observation:
    """One classified mention: kind is person, surname, organization, group, proper."""

    kind: str
    name: str
    start: int
    role: str | None = None
    country: str | None = None
    alias: str | None = None
    speaker: bool = False
    org_signal: bool = False


class Context:
    """Article-wide facts that the classification of one span needs."""

    def __init__(
        self, article: Article, standalone: set[str], mid: set[str], honored: set[str]
    ) -> None:
        self.article = article
        self.lower_words = set(_LOWER_RE.findall(article.text))
        self.text = article.text
        self.standalone = standalone
        self.mid = mid
        self.honored = honored

    def after(self, span: NameSpan, n: int = 40) -> str:
        return self.text[span.end : span.end + n]

    def before(self, span: NameSpan, n: int = 60) -> str:
        sent = self.article.sentences[span.sentence]
        return self.text[max(sent.start, span.start - n) : span.start]


def _strip_starters(words: tuple[str, ...]) -> int:
    i = 0
    while i < len(words) - 1 and words[i] in STARTERS:
        i += 1
    return i


def is_speaker(ctx: Context, span: NameSpan) -> bool:
    """Followed by "said" or preceded by an inverted "said"."""
    return bool(
        _SPEECH_AFTER_RE.match(ctx.after(span)) or _SPEECH_BEFORE_RE.search(ctx.before(span))
    )


def _descriptor_before(ctx: Context, span: NameSpan) -> bool:
    if _FOR_ORG_BEFORE_RE.search(ctx.before(span, 40)):
        return True
    before = ctx.before(span, 30).split()
    if not before:
        return False
    last = before[-1].lower().split("-")[-1]
    return last in ORG_DESCRIPTORS


def _is_orgname(words: tuple[str, ...], ctx: Context, span: NameSpan) -> bool:
    if " ".join(words) in KNOWN_ORGS:
        return True
    if len(words) >= 2 and (words[-1] in ORG_SUFFIXES or words[0] in ORG_HEADS):
        return True
    return len(words) >= 2 and bool(_PAREN_ACRONYM_RE.match(ctx.after(span)))


def _org(words: tuple[str, ...], ctx: Context, span: NameSpan, start: int) -> Observation:
    name = " ".join(words)
    if words[-1] in ORG_SUFFIXES:
        m = _AND_BEFORE_RE.search(ctx.before(span))
        if m:
            name = f"{m.group(1)} and {name}"
            start = span.start - (len(m.group(0)))
    acronym = _PAREN_ACRONYM_RE.match(ctx.after(span))
    return Observation(
        KNOWN_ORGS.get(name, "organization"),
        name,
        start,
        country=code_for(words[0]) if len(words) > 1 else None,
        alias=acronym.group(1) if acronym else None,
        speaker=is_speaker(ctx, span),
        org_signal=True,
    )


def _person_signal(ctx: Context, span: NameSpan, rest: tuple[str, ...], role: str | None) -> bool:
    if role or is_speaker(ctx, span) or rest[-1] in ctx.honored:
        return True
    if rest[-1] in ctx.standalone:
        return True
    return bool(_PERSON_AFTER_RE.match(ctx.after(span)))


def _name_like(words: tuple[str, ...]) -> bool:
    return (
        all(_NAME_WORD_RE.fullmatch(w) and w not in NOT_NAMES and not code_for(w) for w in words)
        and len(words[-1].rstrip(".")) > 1
    )


def _skip(span: NameSpan, ctx: Context) -> int:
    """Leading words that are not part of the name: "But", "Describing", "The"."""
    words = span.words
    i = _strip_starters(words)
    for k in range(i + 1, len(words) - 1):
        if words[k] in HONORIFICS:
            return k
    first = words[i]
    if (
        span.initial
        and i == 0
        and len(words) > 1
        and first.lower() in ctx.lower_words
        and not is_role_word(first)
        and first not in ORG_HEADS
    ):
        return 1
    return i


def observe(span: NameSpan, ctx: Context) -> Observation | None:
    """Classify one name span, or None when it names nothing useful."""
    skip = _skip(span, ctx)
    words = span.words[skip:]
    start = span.tokens[skip].start
    name = " ".join(words)
    if name in STATE_TO_CODE or is_event(name):
        return None
    if _is_orgname(words, ctx, span):
        if _ROLE_AFTER_RE.match(ctx.text, span.end):
            return None
        return _org(words, ctx, span, start)
    if len(words) == 1:
        return _single(words[0], ctx, span, start)
    return _person(words, ctx, span, start)


def _person(words: tuple[str, ...], ctx: Context, span: NameSpan, start: int) -> Observation | None:
    p = peel(words)
    role, country = p.role, p.country
    if role is None:
        role, c2 = role_before(ctx.text, ctx.article.sentences[span.sentence].start, span.start)
        country = country or c2
    speaker = is_speaker(ctx, span)
    if not _name_like(p.rest) or len(p.rest) > 4:
        return None
    if len(p.rest) == 1 and (p.honorific or p.role):
        alias = f"{p.honorific} {p.rest[0]}" if p.honorific else None
        return Observation("surname", p.rest[0], start, role, country, alias, speaker)
    if len(p.rest) < 2:
        return None
    if not (role or p.honorific) and (
        _descriptor_before(ctx, span) or _ORG_AFTER_RE.match(ctx.after(span))
    ):
        return _org(words, ctx, span, start)
    if p.honorific or _person_signal(ctx, span, p.rest, role) or _given_named(p.rest, ctx, span):
        return Observation("person", " ".join(p.rest), start, role, country, speaker=speaker)
    return None


def _given_named(rest: tuple[str, ...], ctx: Context, span: NameSpan) -> bool:
    """ "Graeme Le Saux": a given name in front, and no place or organisation word after."""
    return (
        len(rest) <= _MAX_NAME_WORDS
        and rest[0] not in PLACE_PREFIXES
        and not ctx.before(span, 4).endswith(("the ", "The "))  # "the Red Devils"
        and is_given_name(rest[0])
        and rest[-1] not in PLACE_WORDS
        and not any(w in ORG_SUFFIXES or w in ORG_HEADS for w in rest)
    )


def _single(word: str, ctx: Context, span: NameSpan, start: int) -> Observation | None:
    if word in KNOWN_ORGS or word in ORG_SINGLES:
        return Observation(
            KNOWN_ORGS.get(word, "organization"),
            word,
            start,
            speaker=is_speaker(ctx, span),
            org_signal=True,
        )
    if ACRONYM_RE.fullmatch(word) and word not in ACRONYM_STOP and not code_for(word):
        return Observation("acronym", word, start, speaker=is_speaker(ctx, span), org_signal=True)
    if word in NOT_NAMES or code_for(word) or (not word.isalpha() and "-" not in word):
        return None
    if span.initial and word not in ctx.mid:
        return None
    org = _descriptor_before(ctx, span) or bool(_ORG_AFTER_RE.match(ctx.after(span)))
    if not org and _PLACE_BEFORE_RE.search(ctx.before(span, 20)):
        return None
    return Observation("proper", word, start, speaker=is_speaker(ctx, span), org_signal=org)
