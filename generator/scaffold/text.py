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


def alternation(words: list[str]) -> str:
    """A regex matching any of `words`, the longest where several fit, built as a trie (one
    branch per first character) so that a position starting none of them fails at once."""
    return _trie(sorted(set(words)))


def _trie(words: list[str]) -> str:
    if words == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    branches = []
    for head, rests in sorted(groups.items(), key=lambda kv: kv[0] == ""):
        if head == "":
            continue
        sub = _trie(rests) if rests != [""] else ""
        optional = "" in rests and rests != [""]
        tail = f"(?:{_trie([r for r in rests if r])})?" if optional else sub
        branches.append(re.escape(head) + tail)
    return "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
