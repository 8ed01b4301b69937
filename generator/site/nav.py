"""The site's navigation: hand-written pages first, then the book grouped by month.

The same nav serves the MkDocs plugin and the plain tree of ``briefing generate``.
"""

from __future__ import annotations

import html
import itertools
from pathlib import Path
from typing import Any

from generator.core.book import BriefDoc
from generator.render.index import brief_of
from generator.render.pages import GROUP_SIZE, MONTHS, months
from generator.render.urls import Urls


def hand_written_nav(docs: Path, taken: set[str]) -> tuple[list[Any], list[Any]]:
    """The hand-written pages of ``docs/``: the home page (first in the nav), and the others
    (methodology, performance ...), which go in an "About" section after the book so that
    the principal's reading path is the briefs, not the project's own pages. ``taken``:
    the generated pages' paths."""
    pages = (
        sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
    )
    home = [p for p in pages if p == "index.md"] or (["index.md"] if "index.md" in taken else [])
    return home, [p for p in pages if p != "index.md"]


def about_nav(pages: list[Any]) -> list[Any]:
    return [{"About": pages}] if pages else []


def nav_title(text: str) -> str:
    """Nav titles are printed raw by themes: escape them."""
    return html.escape(text, quote=False)


def brief_nav_title(doc: BriefDoc) -> str:
    """A brief's nav title; a draft (shown only in the preview, or when asked) says so."""
    brief = brief_of(doc)
    return nav_title(brief.title) + (" (draft)" if brief.draft else "")


def briefs_nav(docs: list[BriefDoc]) -> list[Any]:
    """Briefs by year and month of ``as_of`` (newest first). A month of more than GROUP_SIZE
    briefs is one listing page instead: with ``navigation.prune`` a page's nav then depends on
    the number of months, never on the number of briefs."""
    nav: list[Any] = [Urls.briefs_index]
    for year, year_months in itertools.groupby(months(docs), key=lambda m: m[0][0]):
        entries: list[Any] = []
        for (_, month), group in year_months:
            label = f"{MONTHS[month - 1]} {year}"
            if len(group) > GROUP_SIZE:
                entries.append({f"{label} ({len(group):,} briefs)": Urls.month(year, month)})
            else:
                entries.append({label: [{brief_nav_title(d): Urls.brief(d.slug)} for d in group]})
        nav.append({str(year): entries})
    return nav


def book_nav(docs: list[BriefDoc]) -> list[Any]:
    return [
        {"Briefs": briefs_nav(docs)},
        {"Actors": Urls.actors_index},
        {"Risk register": Urls.risks},
        {"Timeline": Urls.timeline},
        {"Tags": Urls.tags},
    ]
