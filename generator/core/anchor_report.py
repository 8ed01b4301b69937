"""``briefing check --format json``: every problem and every anchor, for editors and tools.

A public interface (documented in README, kept stable by a golden test)::

    {"version": 1,
     "problems": [{"path", "line", "column", "severity", "code", "message", "hint"}, ...],
     "anchors": [{"brief", "item", "evidence", "line", "column", "source", "file", "quote",
                  "status", "start", "end", "matched", "edits", "changes", "candidates"}, ...]}

``start``/``end`` are code points of the article file as it is on disk (``null`` when the
quote did not anchor); ``status`` is ``exact``, ``normalised``, ``fuzzy`` (anchored), or
``ambiguous``, ``orphan``, ``changed`` (refused: an error). ``candidates`` lists the places
considered when refused (``start``, ``end``, ``line``, ``text``), else is empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from generator.errors import Problem

from .anchor import Anchor, Article
from .book import BriefDoc
from .load import Path_
from .text import line_col, line_starts

VERSION = 1


def check_json(docs: Iterable[BriefDoc], problems: list[Problem]) -> str:
    anchors = [entry for doc in docs for entry in anchors_of(doc)]
    data = {"version": VERSION, "problems": [p.as_json() for p in problems], "anchors": anchors}
    return json.dumps(data, indent=2, ensure_ascii=False)


def pointer(path: Path_) -> str:
    """``judgments/0/evidence/1``: a path into the brief, as a JSON Pointer without the '/'."""
    return "/".join(str(step) for step in path)


def anchors_of(doc: BriefDoc) -> list[dict[str, Any]]:
    if doc.located is None:
        return []
    out = []
    for cited in doc.cited:
        article = doc.articles[cited.anchor.source_id]
        line, column = doc.located.where((*cited.loc, "quote"))
        out.append(
            {
                "brief": doc.path,
                "item": pointer(cited.item),
                "evidence": pointer(cited.loc),
                "line": line,
                "column": column,
                "source": cited.anchor.source_id,
                "file": article.path,
                "quote": cited.quote,
                **_anchor(article, cited.anchor),
            }
        )
    return out


def _anchor(article: Article, anchor: Anchor) -> dict[str, Any]:
    found = anchor.found
    refused = anchor.candidates if not found else ()
    starts = line_starts(article.text) if refused else []
    return {
        "status": anchor.status,
        "start": anchor.start if found else None,
        "end": anchor.end if found else None,
        "matched": anchor.matched if found else None,
        "edits": anchor.distance if found else None,
        "changes": list(anchor.changes),
        "candidates": [
            {
                "start": s,
                "end": e,
                "line": line_col(starts, s)[0],
                "text": article.text[s:e],
            }
            for s, e in refused
        ],
    }
