"""Text normalisation for matching quotes, with a map back to original offsets.

Quotes match after: Unicode NFC, runs of whitespace as one space, curly and
straight quotes and apostrophes alike, dashes alike. Offsets are code points of
the original file; :class:`NormalText` maps a normalised offset back.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass

_QUOTES_AND_DASHES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\uff07": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\uff02": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)
_SPACE_RUN = re.compile(r"\s+")
#: Whitespace runs that normalising changes (a lone space stays as it is).
_CHANGED_SPACE = re.compile(r"\s{2,}|[^\S ]")


def normalise(text: str) -> str:
    """The matching form of a quote: NFC, quotes and dashes folded, whitespace collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _SPACE_RUN.sub(" ", text.translate(_QUOTES_AND_DASHES)).strip()


@dataclass(frozen=True)
class NormalText:
    """A normalised copy of a text and the way back to original offsets."""

    text: str
    #: sorted normalised offsets where a shift starts, and the original offset there
    breaks: tuple[int, ...]
    origins: tuple[int, ...]
    length: int

    def original(self, offset: int) -> int:
        """Original offset of normalised ``offset`` (an end offset maps to an end)."""
        i = bisect.bisect_right(self.breaks, offset) - 1
        if i < 0:
            return offset
        return min(self.origins[i] + (offset - self.breaks[i]), self.length)


def normal_text(text: str) -> NormalText:
    """Normalise a whole article, remembering where each piece came from."""
    if not unicodedata.is_normalized("NFC", text):
        return _normal_text_slow(text)
    folded = text.translate(_QUOTES_AND_DASHES)
    pieces: list[str] = []
    breaks: list[int] = [0]
    origins: list[int] = [0]
    position = 0
    out = 0
    for match in _CHANGED_SPACE.finditer(folded):
        start, end = match.span()
        pieces.append(folded[position:start])
        pieces.append(" ")
        out += start - position + 1
        position = end
        breaks.append(out)
        origins.append(end)
    pieces.append(folded[position:])
    return NormalText("".join(pieces), tuple(breaks), tuple(origins), len(text))


def _normal_text_slow(text: str) -> NormalText:
    """Per-character path for text that is not NFC already (rare)."""
    pieces: list[str] = []
    breaks: list[int] = []
    origins: list[int] = []
    out = 0
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j]).translate(_QUOTES_AND_DASHES)
        if chunk.isspace():
            while j < len(text) and text[j].isspace():
                j += 1
            chunk = " "
        breaks.append(out)
        origins.append(i)
        pieces.append(chunk)
        out += len(chunk)
        i = j
    return NormalText("".join(pieces), tuple(breaks), tuple(origins), len(text))


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins (for offset -> line:col)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def text_digest(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes (what an anchors file records of its article)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
