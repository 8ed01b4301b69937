"""The one site assembly that the MkDocs plugin and ``briefing generate`` share.

Generated pages come from :func:`generator.build.run`; hand-written pages of ``docs/`` get
the latest briefs at their marker and a TLP label below their title; the nav lists the
hand-written pages, then the book.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from generator.build import Result
from generator.core.model import TLP_LEVELS
from generator.render.book import highest_tlp, latest_docs, latest_html
from generator.render.brief import TLP_WORDING, RenderContext

from .nav import about_nav, book_nav, hand_written_nav

PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
PRE_OPEN = re.compile(r"<(?:pre|textarea)\b", re.I)
INDENT = re.compile(r"\n\s+")

LATEST_MARKER = "<!-- briefing:latest -->"


def site_nav(result: Result, docs_dir: Path, generated: Iterable[str] = ()) -> list[Any]:
    """Home, the book's sections, then the other hand-written pages under "About". The
    generated pages are ``result``'s files, and those of ``generated`` (paths in the docs)."""
    taken = {item.src_uri for item in result.files}.union(generated)
    home, others = hand_written_nav(docs_dir, taken)
    return home + book_nav(result.index.briefs) + about_nav(others)


def decorate_hand_written(
    body: str, meta: Mapping[str, Any], ctx: RenderContext, src_uri: str
) -> str:
    """A hand-written page's Markdown (front matter already split off as ``meta``): the
    latest briefs at its marker, and its TLP label below its title."""
    lists_briefs = LATEST_MARKER in body
    level = hand_written_tlp(meta.get("tlp"), ctx, lists_briefs)
    if lists_briefs:
        body = body.replace(LATEST_MARKER, latest_html(ctx, src_uri))
    banner = ctx.templates.get_template("partials/tlp.html.j2").render(
        tlp=level, tlp_wording=TLP_WORDING
    )
    head, sep, rest = body.partition("\n")
    if head.startswith("# ") and sep:
        return f"{head}\n\n{banner}\n{rest}"
    return banner + "\n" + body


def decorate_file(text: str, ctx: RenderContext, src_uri: str) -> str:
    """:func:`decorate_hand_written` on a whole file, its front matter kept as written."""
    body, meta = get_data(text)
    front = text[: len(text) - len(body)]
    return front + decorate_hand_written(body, meta, ctx, src_uri)


def hand_written_tlp(declared: Any, ctx: RenderContext, lists_briefs: bool) -> str:
    """A hand-written page's label: its front matter's ``tlp``, else CLEAR, raised to the
    most restrictive brief it lists."""
    level = str(declared or "CLEAR").strip().upper().removeprefix("TLP:")
    level = level if level in TLP_LEVELS else "CLEAR"
    if lists_briefs and ctx.index.briefs:
        listed = highest_tlp(latest_docs(ctx))
        level = max(level, listed, key=TLP_LEVELS.index)
    return level


def collapse_whitespace(html_text: str) -> str:
    """A page without the theme's indentation (most of its bytes), except inside <pre>."""
    if not PRE_OPEN.search(html_text):
        return INDENT.sub("\n", html_text)
    parts = PRE_BLOCK.split(html_text)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))
