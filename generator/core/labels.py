"""How items are named to a reader: stable labels (J1, R2), short names, human dates.

Every item of a brief has one label, its section's letter and its position (``J1`` is the
first key judgment, ``R2`` the second risk), used on the brief page, in the register, the
timeline, the PDF and the annotated article alike. A reference ``[@id]`` written alone
stands for the item's short name (:func:`short_name`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

from .model import Brief

LABEL_LETTERS = {
    "judgments": "J",
    "risks": "R",
    "actors": "A",
    "timeline": "E",
    "figures": "F",
    "quotes": "Q",
    "relations": "L",
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DASH = "\u2013"  # en dash, between the ends of a range
#: A sentence ends at ``.!?`` after three lowercase letters or a digit, before a capital:
#: "U.S." or "Mr." end nothing, so no label is cut at an abbreviation's full stop.
SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3}[.!?])|(?<=\d[.!?]))\s+(?=[\"\u201c\u2018'(A-Z])")
MAX_NAME = 90


def item_label(section: str, index: int) -> str:
    """``J1``, ``R2``, ... : the item's section letter and 1-based position."""
    return f"{LABEL_LETTERS.get(section, section[:1].upper())}{index + 1}"


def first_sentence(text: str) -> str:
    """The first sentence of plain text, without its final full stop, at most MAX_NAME
    characters (cut at a word, with an ellipsis)."""
    flat = " ".join(text.split())
    sentence = SENTENCE_END.split(flat, maxsplit=1)[0].rstrip(".")
    if len(sentence) <= MAX_NAME:
        return sentence
    return sentence[:MAX_NAME].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def short_name(brief: Brief, section: str, index: int, plain: Any = None) -> str:
    """What ``[@id]`` reads as: an actor's name, a risk's title, "judgment J2", an
    event's first sentence (``plain`` turns its Markdown into text; default: as written)."""
    item = getattr(brief, section)[index]
    if section == "actors":
        return str(item.name)
    if section == "risks":
        return str(item.title)
    if section == "judgments":
        return f"judgment {item_label(section, index)}"
    if section == "timeline":
        text = plain(item.event) if plain else str(item.event)
        return first_sentence(text) or human_date(item.date)
    return item_label(section, index)


Parts = tuple[int, int | None, int | None]


def _parts(value: str) -> Parts:
    bits = [int(b) for b in value.split("-")]
    return bits[0], bits[1] if len(bits) > 1 else None, bits[2] if len(bits) > 2 else None


def _one_date(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTH_NAMES[month - 1]} {year}"
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def human_date(value: str) -> str:
    """``2024-11-18/2024-11-19`` -> "18-19 November 2024" (en dash); ``2024-10`` -> "October 2024".

    Anything that is not a partial date or a range of them is returned as written."""
    try:
        if "/" not in value:
            return _one_date(*_parts(value))
        return _range(_parts(value.split("/", 1)[0]), _parts(value.split("/", 1)[1]))
    except (ValueError, IndexError):
        return value


def _range(start: Parts, end: Parts) -> str:
    (y1, m1, d1), (y2, m2, d2) = start, end
    if y1 == y2 and m1 == m2 and d1 is not None and d2 is not None:
        return f"{d1}{DASH}{d2} {MONTH_NAMES[m1 - 1]} {y1}" if m1 else _one_date(*start)
    if y1 == y2 and m1 and m2 and (d1 is None) == (d2 is None):
        left = f"{d1} {MONTH_NAMES[m1 - 1]}" if d1 else MONTH_NAMES[m1 - 1]
        return f"{left} {DASH} {_one_date(y2, m2, d2)}"
    return f"{_one_date(y1, m1, d1)} {DASH} {_one_date(y2, m2, d2)}"


def iso_date(value: str) -> str | None:
    """A ``<time datetime>`` value: the date, or the start of a range, if it is valid."""
    first = value.split("/", 1)[0]
    try:
        year, month, day = _parts(first)
        dt.date(year, month or 1, day or 1)
    except (ValueError, IndexError):
        return None
    return first


#: Words that join a surname ("van", "de la") or follow it ("Jr."): not the sort word.
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "ter",
        "ten",
        "zu",
    ]
)
SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])
#: Countries whose names are written family name first in English-language news.
FAMILY_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP", "VN"})
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|at|an|ar)-", re.I)


@functools.lru_cache(maxsize=1 << 16)  # a preview rebuild sorts every actor of the book again
def sort_key(name: str, kind: str | None = None, country: str | None = None) -> str:
    """What an index sorts an actor by: a person's surname (the last word that is not a
    suffix such as "Jr."; the first word for family-name-first countries; particles such as
    "van" and an Arabic "al-" set aside), anything else by its name without a leading
    "The"."""
    words = name.split()
    if kind != "person" or len(words) < 2:
        return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()
    while len(words) > 1 and words[-1].lower().rstrip(",") in SUFFIXES:
        words = words[:-1]
    if country in FAMILY_FIRST:
        surname, rest = words[0], words[1:]
    else:
        surname, rest = words[-1], [w for w in words[:-1] if w.lower() not in PARTICLES]
    return " ".join([ARABIC_ARTICLE.sub("", surname), *rest]).casefold()


@functools.lru_cache(maxsize=1 << 16)
def plain_key(key: str) -> str:
    """A sort key without accents (Érdoğan sorts with E), for ordering."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def index_letter(key: str) -> str:
    """The index heading a sort key falls under: its first letter without accents, or "#"."""
    for char in unicodedata.normalize("NFKD", key):
        if char.isalpha():
            return char.upper()
        if char.isdigit():
            return "#"
    return "#"
