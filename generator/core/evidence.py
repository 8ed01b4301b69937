"""Anchor every evidence quote of a brief, and report the ones that do not anchor.

Evidence lives in ``evidence`` of judgments, actors, relations, timeline events,
figures and risks, and speakers' words in ``quotes[].text``. Each becomes a
:class:`Cited` record: where it is in the YAML, which item cites it, its anchor.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.errors import Problem, error, excerpt, warning

from .anchor import Anchor, Article, Cited, anchor_quote
from .anchor_lock import Key, Recorded, shown_lock_path
from .load import Located, Path_
from .model import Brief, Evidence
from .text import line_col, line_starts, normalise

EVIDENCE_SECTIONS = ("judgments", "actors", "relations", "timeline", "figures", "risks")


def evidence_of(brief: Brief) -> Iterator[tuple[Path_, Path_, Evidence]]:
    """(where, citing item, evidence) for every evidence quote and speaker quote."""
    for section in EVIDENCE_SECTIONS:
        for i, item in enumerate(getattr(brief, section)):
            for j, entry in enumerate(item.evidence):
                yield (section, i, "evidence", j), (section, i), entry
    for i, quote in enumerate(brief.quotes):
        yield ("quotes", i, "text"), ("quotes", i), Evidence(quote=quote.text)


def anchor_brief(
    brief: Brief,
    located: Located,
    articles: dict[str, Article],
    lock: dict[Key, Recorded] | None = None,
) -> tuple[list[Cited], list[Problem]]:
    """Anchor all evidence of ``brief`` in its ``articles`` (by source id), each quote with
    where it was last found (``lock``) as the hint."""
    lock = lock or {}
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
        recorded = lock.get((source_id, entry.quote, entry.prefix, entry.suffix))
        hint = recorded.hint if recorded else None
        found = anchor_quote(article, entry.quote, entry.prefix, entry.suffix, hint)
        cited.append(Cited(loc, item, entry.quote, found, entry.prefix, entry.suffix))
        problem = anchor_problem(located, loc, article, entry.quote, found)
        if problem:
            problems.append(problem)
    problems += changed_articles(brief, located, articles, cited, lock)
    return cited, problems


def changed_articles(
    brief: Brief,
    located: Located,
    articles: dict[str, Article],
    cited: list[Cited],
    lock: dict[Key, Recorded],
) -> list[Problem]:
    """A warning per source whose article changed since its quotes' anchors were recorded."""
    problems: list[Problem] = []
    if not lock:
        return problems
    for i, source in enumerate(brief.sources):
        article = articles.get(source.id)
        if article is None:
            continue
        moved = refused = 0
        for c in cited:
            recorded = lock.get((source.id, c.quote, c.prefix, c.suffix))
            if c.anchor.source_id != source.id or not recorded:
                continue
            if recorded.sha256 == article.digest:
                continue
            if not c.anchor.found:
                refused += 1
            elif (c.anchor.start, c.anchor.end) != (recorded.start, recorded.end):
                moved += 1
        stale = any(r.source == source.id and r.sha256 != article.digest for r in lock.values())
        if stale:
            problems.append(_changed_problem(located, i, article, moved, refused))
    return problems


def _changed_problem(
    located: Located, index: int, article: Article, moved: int, refused: int
) -> Problem:
    line, col = located.where(("sources", index, "file"))
    counts = f"{_quotes(moved)} moved, {refused} refused"
    return warning(
        located.path,
        line,
        col,
        f"article changed since the anchors were recorded ({article.path}): {counts}",
        f"check the quotes reported; {shown_lock_path(located.path)} records the new places",
        code="article-changed",
    )


def _quotes(count: int) -> str:
    return f"{count} quote" + ("" if count == 1 else "s")


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
        return error(
            located.path, line, col, *_ambiguous(article, quote, found), code="quote-ambiguous"
        )
    if found.status == "changed":
        return error(
            located.path,
            line,
            col,
            f"quote matched approximately in {where}, but it changes what the article says: "
            + "; ".join(found.changes),
            f"the article says: {word_diff(quote, found.matched)} (line "
            f"{line_col(line_starts(article.text), found.start)[0]}); briefing fix leaves it: "
            "check the article and edit the quote by hand",
            code="quote-changed",
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


def _ambiguous(article: Article, quote: str, found: Anchor) -> tuple[str, str]:
    """Message and hint for a quote that fits several places: the places, and their text
    when it differs from the quote."""
    starts = line_starts(article.text)
    where = f"source '{article.source_id}' ({article.path})"
    texts = [article.text[s:e] for s, e in found.candidates]
    hint = "add a prefix or suffix (the words just before or after) to say which"
    if all(normalise(t) == normalise(quote) for t in texts):
        lines = sorted({line_col(starts, s)[0] for s, _ in found.candidates})
        places = ", ".join(f"line {n}" for n in lines[:6])
        count = f"more than {found.count - 1}" if found.count else str(len(found.candidates))
        return f'quote found {count} times in {where} ({places}): "{excerpt(quote, 60)}"', hint
    places = "; ".join(
        f'line {line_col(starts, s)[0]}: "{excerpt(t, 80)}"'
        for (s, _), t in zip(found.candidates, texts, strict=True)
    )
    message = f"quote fits {len(texts)} places about equally well in {where}: {places}"
    return message, hint + ", or copy the passage meant as the article now has it"


def word_diff(quote: str, passage: str) -> str:
    """``passage`` with the words it changes from ``quote`` marked [-old-]{+new+}."""
    said, written = quote.split(), passage.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=said, b=written, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += written[j1:j2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(said[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(written[j1:j2]) + "+}")
    return '"' + excerpt(" ".join(out), 200) + '"'
