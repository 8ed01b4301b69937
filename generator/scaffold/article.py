"""Split an article into title, dropped lines, body lines and sentences."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from generator.scaffold.lexicon import word_set

log = logging.getLogger(__name__)

# The same line breaks as str.splitlines().
_BREAK_RE = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BOILERPLATE = frozenset(
    {
        "related posts",
        "related articles",
        "related stories",
        "related content",
        "related",
        "share this article",
        "share this story",
        "share this",
        "share",
        "advertisement",
        "advert",
        "sponsored",
        "read more",
        "continue reading",
        "click here",
        "subscribe",
        "tweet",
        "email",
        "print",
        "comments",
        "leave a comment",
        "sign up",
        "newsletter",
        "follow us",
        "skip to content",
        "image caption",
        "media caption",
        "you may also like",
        "more on this story",
        "top stories",
        "most read",
        "see also",
        "tags",
        "filed under",
        "recommended",
    }
)
_CREDIT_RE = re.compile(
    r"^\(?(?:photo|image|picture|caption|credit|file photo|pictured|photograph)\b\s*[:|-]",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"[A-Z][\w'\u2019.-]*|(?:de|van|von|der|bin|al|da|di|la|le)")
_END_PUNCT = tuple('.!?:;,"\u201d\u2019)')
_ABBREV = word_set(
    "Mr Mrs Ms Dr St Jr Sr Prof Gen Col Lt Sgt Rev Gov Sen Rep Inc Corp Ltd Co No vs "
    "etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mt Ft Capt Cmdr Adm Maj "
    "Messrs"
)
_SENT_END_RE = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s+[\"\u201c\u2018'(\[]?[A-Z0-9])")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")


@dataclass(frozen=True)
class Sentence:
    """A sentence: absolute offsets into the article text."""

    start: int
    end: int
    line: int


@dataclass
class Article:
    """The article text with its structure."""

    text: str
    title: str
    lines: list[tuple[int, int]]
    drop: list[str]
    body_lines: list[int]
    sentences: list[Sentence]

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The body sentence containing offset `pos`."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def line_span(self, line: int) -> tuple[int, int]:
        """Absolute offsets of a line without its break."""
        return self.lines[line]


def split_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of `text`, without their line breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def is_boilerplate(line: str) -> bool:
    """True for share buttons, "Related Posts", photo credits and the like."""
    key = line.strip().strip(":|\u00bb\u203a>-\u2013\u2014 ").strip().lower()
    if key in _BOILERPLATE:
        return True
    return bool(_CREDIT_RE.match(line.strip())) and len(line.split()) <= 20


def is_caption(line: str, text: str) -> bool:
    """A short line that is just a name the article names elsewhere (a photo caption)."""
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 5 or stripped.endswith(_END_PUNCT):
        return False
    if not all(_NAME_WORD_RE.fullmatch(w) for w in words):
        return False
    return text.count(stripped) >= 2


def _drop_lines(text: str, lines: list[tuple[int, int]], title_line: int) -> list[int]:
    dropped = []
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if i == title_line or not line.strip():
            continue
        if is_boilerplate(line) or is_caption(line, text):
            dropped.append(i)
    return dropped


def split_sentences(text: str, start: int, end: int, line: int) -> list[Sentence]:
    """Sentences of one line, skipping abbreviations such as "Mr." and "U.S."."""
    out: list[Sentence] = []
    seg = text[start:end]
    pos = 0
    for m in _SENT_END_RE.finditer(seg):
        if seg[m.start()] == ".":
            prev = seg[: m.start()].rsplit(None, 1)
            word = prev[-1].lstrip("\"\u201c\u2018'([") if prev else ""
            if word in _ABBREV or _DOTTED_RE.fullmatch(word):
                continue
        out.append(Sentence(start + pos, start + m.end(), line))
        pos = m.end()
        while pos < len(seg) and seg[pos].isspace():
            pos += 1
    if seg[pos:].strip():
        out.append(Sentence(start + pos, start + len(seg.rstrip()), line))
    return out


def parse_article(text: str) -> Article:
    """Title (the first non-empty line), dropped lines, body lines and their sentences."""
    lines = split_lines(text)
    title_line = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), -1)
    title = text[lines[title_line][0] : lines[title_line][1]].strip() if title_line >= 0 else ""
    dropped = _drop_lines(text, lines, title_line)
    drop: list[str] = []
    for i in dropped:
        line = text[lines[i][0] : lines[i][1]]
        if line not in drop:
            drop.append(line)
    body = [
        i
        for i, (s, e) in enumerate(lines)
        if i > title_line and i not in dropped and text[s:e].strip()
    ]
    sentences: list[Sentence] = []
    for i in body:
        s, e = lines[i]
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        sentences.extend(split_sentences(text, s + lead, e, i))
    log.debug("article: %d lines, %d dropped, %d sentences", len(lines), len(drop), len(sentences))
    return Article(text, title or "Untitled", lines, drop, body, sentences)
