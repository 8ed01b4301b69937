"""Markdown fields of a brief to safe HTML (CommonMark via markdown-it-py).

Raw HTML is escaped, never passed through; images are shown as their alt text (a
brief must not make the site fetch anything); links keep only http(s), mailto and
relative targets. ``[@id]`` is an inline rule resolved by a callback in ``env``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

Resolver = Callable[[str], tuple[str, str] | None]
REF_BODY = re.compile(r"@([A-Za-z0-9_-]{1,64}(?:/[A-Za-z0-9_-]{1,64})?)\]")
SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[A-Za-z0-9_-]+(?:[/.#]|$))", re.I)


def briefref_rule(state: StateInline, silent: bool) -> bool:
    """``[@id]``: a link to the item with that id, labelled with its name."""
    src, pos = state.src, state.pos
    if not src.startswith("[@", pos):
        return False
    match = REF_BODY.match(src, pos + 1)
    if not match:
        return False
    if not silent:
        ref = match.group(1)
        resolve: Resolver | None = state.env.get("resolve") if state.env else None
        found = resolve(ref) if resolve else None
        if found is None:
            token = state.push("html_inline", "", 0)
            token.content = f'<span class="ref-missing">[@{html.escape(ref)}]</span>'
        else:
            href, label = found
            token = state.push("link_open", "a", 1)
            # No ``title``: Material's content.tooltips renders title attributes as HTML,
            # and the label is the link's visible text anyway.
            token.attrs = {"href": href, "class": "ref"}
            text = state.push("text", "", 0)
            text.content = label
            state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def _validate_link(url: str) -> bool:
    return bool(SAFE_LINK.match(url.strip()))


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.inline.ruler.before("link", "briefref", briefref_rule)
    return md


_MD = _make()
_MD_INLINE = _make()


def to_html(text: str, resolve: Resolver | None = None) -> str:
    """Block Markdown (paragraphs, lists) to HTML."""
    return _MD.render(text, {"resolve": resolve})


def to_inline_html(text: str, resolve: Resolver | None = None) -> str:
    """One paragraph of Markdown to inline HTML (no ``<p>`` wrapper)."""
    env: dict[str, Any] = {"resolve": resolve}
    return _MD_INLINE.renderInline(text, env)


def to_plain(text: str, resolve: Resolver | None = None) -> str:
    """Markdown to plain text (for titles, JSON-LD descriptions, search snippets)."""
    rendered = re.sub(r"<[^>]+>", "", to_inline_html(text.replace("\n", " "), resolve))
    return html.unescape(rendered)
