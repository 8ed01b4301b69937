"""Markdown fields of a brief to safe HTML (CommonMark via markdown-it-py).

Raw HTML is escaped, never passed through; images are shown as their alt text (a
brief must not make the site fetch anything); links keep only http(s), mailto and
relative targets. References are an inline rule resolved by a callback in ``env``:
``[@id]`` becomes a plain link whose text is the item's short name, ``[words](@id)`` a
plain link whose text is the analyst's words (Markdown inside kept). Neither adds text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

Resolver = Callable[[str], tuple[str, str] | None]
REF_ID = r"([A-Za-z0-9_-]{1,64}(?:/[A-Za-z0-9_-]{1,64})?)"
REF_BODY = re.compile(r"@" + REF_ID + r"\](?!\(@)")
REF_TARGET = re.compile(r"\(@" + REF_ID + r"\)")
SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[A-Za-z0-9_-]+(?:[/.#]|$))", re.I)


def briefref_rule(state: StateInline, silent: bool) -> bool:
    """``[@id]`` or ``[words](@id)``: a link to the item with that id."""
    if state.src[state.pos] != "[":
        return False
    if state.src.startswith("[@", state.pos) and REF_BODY.match(state.src, state.pos + 1):
        return _short_ref(state, silent)
    return _words_ref(state, silent)


def _resolve(state: StateInline, ref: str) -> tuple[str, str] | None:
    resolve: Resolver | None = state.env.get("resolve") if state.env else None
    return resolve(ref) if resolve else None


def _short_ref(state: StateInline, silent: bool) -> bool:
    match = REF_BODY.match(state.src, state.pos + 1)
    assert match is not None
    if not silent:
        ref = match.group(1)
        found = _resolve(state, ref)
        if found is None:
            token = state.push("html_inline", "", 0)
            token.content = f'<span class="ref-missing">[@{html.escape(ref)}]</span>'
        else:
            href, label = found
            token = state.push("link_open", "a", 1)
            # No ``title``: Material's content.tooltips renders title attributes as HTML,
            # and the label is the link's visible text anyway.
            token.attrs = {"href": href, "class": "ref"}
            state.push("text", "", 0).content = label
            state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def _words_ref(state: StateInline, silent: bool) -> bool:
    """The analyst's words as the link text (parsed as Markdown, as a link label is)."""
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if end < 0:
        return False
    match = REF_TARGET.match(state.src, end + 1)
    if not match or end == state.pos + 1:
        return False
    if not silent:
        found = _resolve(state, match.group(1))
        maximum = state.posMax
        token = state.push("link_open", "a", 1) if found else state.push("html_inline", "", 0)
        if found:
            token.attrs = {"href": found[0], "class": "ref"}  # no title: see _short_ref
        else:
            token.content = '<span class="ref-missing">'
        state.pos, state.posMax = state.pos + 1, end
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.posMax = maximum
        if found:
            state.push("link_close", "a", -1)
        else:
            state.push("html_inline", "", 0).content = "</span>"
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


def tokens(text: str, resolve: Resolver | None = None) -> list[Token]:
    """The block tokens of ``text``, references resolved (for renderers other than HTML)."""
    return _MD.parse(text, {"resolve": resolve})


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
