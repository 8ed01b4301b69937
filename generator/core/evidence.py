"""Anchor every evidence quote of a brief, and report the ones that do not anchor.

Evidence lives in ``evidence`` of judgments, actors, relations, timeline events,
figures and risks, and speakers' words in ``quotes[].text``. Each becomes a
:class:`Cited` record: where it is in the YAML, which item cites it, its anchor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import Problem, error, excerpt, warning

from .anchor import Anchor, Article, anchor_quote
from .load import Located, Path_
from .model import Brief, Evidence
from .text import line_col, line_starts

EVIDENCE_SECTIONS = ("judgments", "actors", "relations", "timeline", "figures", "risks")


@dataclass(frozen=True)
class Cited:
    loc: Path_
    item: Path_
    quote: str
    anchor: Anchor


def evidence_of(brief: Brief) -> Iterator[tuple[Path_, Path_, Evidence]]:
    """(where, citing item, evidence) for every evidence quote and speaker quote."""
    for section in EVIDENCE_SECTIONS:
        for i, item in enumerate(getattr(brief, section)):
            for j, entry in enumerate(item.evidence):
                yield (section, i, "evidence", j), (section, i), entry
    for i, quote in enumerate(brief.quotes):
        yield ("quotes", i, "text"), ("quotes", i), Evidence(quote=quote.text)


def anchor_brief(
    brief: Brief, located: Located, articles: dict[str, Article]
) -> tuple[list[Cited], list[Problem]]:
    """Anchor all evidence of ``brief`` in its ``articles`` (by source id)."""
    default = brief.sources[0].id
    cited: list[Cited] = []
    problems: list[Problem] = []
    for loc, item, entry in evidence_of(brief):
        source_id = entry.source or default
        article = articles.get(source_id)
        if article is None:
            if source_id not in {s.id for s in brief.sources}:
                line, col = located.where((*loc, "source"))
                problems.append(
                    error(
                        located.path,
                        line,
                        col,
                        f"unknown source id '{source_id}'",
                        "expected one of: " + ", ".join(s.id for s in brief.sources),
                        code="unknown-source",
                    )
                )
            continue
        found = anchor_quote(article, entry.quote, entry.prefix, entry.suffix)
        cited.append(Cited(loc, item, entry.quote, found))
        problem = anchor_problem(located, loc, article, entry.quote, found)
        if problem:
            problems.append(problem)
    return cited, problems


def anchor_problem(
    located: Located, loc: Path_, article: Article, quote: str, found: Anchor
) -> Problem | None:
    line, col = located.where((*loc, "quote"))
    where = f"source '{article.source_id}' ({article.path})"
    shown = excerpt(quote, 60)
    if found.status == "orphan":
        hint = (
            f'closest passage: "{found.closest}"'
            if found.closest
            else "copy the passage from the article as written"
        )
        return error(
            located.path,
            line,
            col,
            f'quote not found in {where}: "{shown}"',
            hint,
            code="quote-not-found",
        )
    if found.status == "ambiguous":
        starts = line_starts(article.text)
        lines = sorted({line_col(starts, s)[0] for s, _ in found.candidates})
        places = ", ".join(f"line {n}" for n in lines[:6])
        return error(
            located.path,
            line,
            col,
            f'quote found {len(found.candidates)} times in {where} ({places}): "{shown}"',
            "add a prefix or suffix (the words just before or after) to say which",
            code="quote-ambiguous",
        )
    if found.status == "fuzzy":
        return warning(
            located.path,
            line,
            col,
            f"quote matched approximately ({found.distance} edits) in {where}",
            f'the article says: "{excerpt(found.matched, 160)}" (briefing fix rewrites it)',
            code="quote-fuzzy",
        )
    return None
