"""The words of the chunked search index, as ``generator/assets/search-worker.js`` reads them.

The worker tokenises a query the same way (``tests/test_search_index.py`` runs both on the
same texts): lower case, compatibility forms folded (full-width letters, ligatures), Latin
accents dropped, words as runs of letters, digits and combining marks. A run of Chinese or
Japanese characters, written without spaces, is indexed as its single characters and its
overlapping pairs, so any part of a name of two characters or more is found.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

# Function words left out of the index and of queries. Words that carry meaning for an
# analyst ("not", "no", "likely", "said", "may") stay searchable.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "had",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "with",
    ]
)
ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
CJK_RUN = re.compile(f"([{CJK}]+)")
TAG = re.compile(r"<[^>]*>")
MAX_WORD = 40  # longer runs (hashes, URLs without breaks) are not words a reader types


@cache
def _word_pattern() -> re.Pattern[str]:
    """Letters, digits and combining marks (JavaScript: ``[\\p{L}\\p{N}\\p{M}]+``)."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"]
    ranges: list[list[int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    marks_class = "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return re.compile(f"(?:[^\\W_]|[{marks_class}])+")


def normalise(text: str) -> str:
    """Lower case, compatibility forms folded, Latin accents dropped (NFC result)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return unicodedata.normalize("NFC", ACCENTS.sub("", folded))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment of Material's index (tags dropped, entities read)."""
    return html.unescape(TAG.sub(" ", fragment))


def words(text: str) -> Iterator[str]:
    """The runs of a text: a CJK run whole, other runs as words."""
    for run in _word_pattern().findall(normalise(text)):
        for i, piece in enumerate(CJK_RUN.split(run)):
            if piece:
                yield piece if i % 2 or len(piece) <= MAX_WORD else piece[:MAX_WORD]


def index_words(text: str) -> set[str]:
    """The words a text is found by: its words but function words; each character and each
    pair of characters of a CJK run."""
    normal = normalise(text)
    if not CJK_RUN.search(normal):  # the common case, without splitting every run
        return {run[:MAX_WORD] for run in _word_pattern().findall(normal)} - STOP_WORDS
    found: set[str] = set()
    for piece in words(text):
        if CJK_RUN.fullmatch(piece):
            found.update(piece)
            found.update(piece[i : i + 2] for i in range(len(piece) - 1))
        elif piece not in STOP_WORDS:
            found.add(piece)
    return found
