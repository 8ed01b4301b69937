"""Small text helpers for Markdown fields written by the scaffold."""

from __future__ import annotations

import re

_SPACE_RE = re.compile(r"\s+")
MAX_LABEL_WORDS = 25


def markdown_safe(text: str) -> str:
    """Plain text for a Markdown field: no link syntax, no HTML, no emphasis markers."""
    out = text.replace("[", "(").replace("]", ")").replace("<", "\u2039").replace(">", "\u203a")
    out = out.replace("`", "'").replace("*", "").replace("_", " ").replace("\\", "/")
    return _SPACE_RE.sub(" ", out).strip()


def plain_sentence(text: str) -> str:
    """A short plain sentence: capitalised, ending with a full stop, Markdown-safe."""
    words = markdown_safe(text).strip("\"\u201c\u201d'\u2018\u2019 ").split()
    if len(words) > MAX_LABEL_WORDS:
        words = [*words[:MAX_LABEL_WORDS], "\u2026"]
    out = " ".join(words).rstrip(",;:-\u2013\u2014 ")
    if not out:
        return "Event."
    out = out[0].upper() + out[1:]
    return out if out.endswith((".", "!", "?", "\u2026")) else out + "."
