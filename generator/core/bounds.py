"""Bounds on what a valid brief may ask of the stages after it, each a located error.

Checked right after validation, before anything costly runs: anchoring, mention
matching, rendering, the theme's search indexer and the PDF typesetter all cost more
than linear time or memory in one of these dimensions, so the bound sits at the input.

- an actor's names (name, native name, aliases): ``MAX_ALIASES``
- evidence quotes in one brief: ``MAX_EVIDENCE``; each quote ``MIN_QUOTE_CHARS``
  non-space characters or two words at least (a one-letter quote fits everywhere)
- a Markdown field: nesting (emphasis in emphasis, quotes in lists...) ``MAX_NESTING``
  deep and ``MAX_STYLED`` styled spans (emphasis, strong, links, code) at most
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import Problem, error

from .evidence import evidence_of
from .lint import markdown_fields
from .load import Located, Path_
from .model import RESERVED_SLUGS, Brief

MAX_ALIASES = 100
MAX_EVIDENCE = 5_000
MIN_QUOTE_CHARS = 8
MAX_NESTING = 24
MAX_STYLED = 2_000
#: Characters that can open a nested construct; a field with fewer cannot be too deep.
_NESTERS = frozenset("*_[`>-+~")

_md = MarkdownIt("commonmark")


def bounds(brief: Brief, located: Located) -> list[Problem]:
    """Every bound ``brief`` exceeds, located at the value that exceeds it."""
    problems = list(_actor_names(brief, located))
    problems += _anchor_clashes(brief, located)
    problems += _evidence(brief, located)
    for loc, text in markdown_fields(brief):
        problems += _markdown(text, loc, located)
    return problems


def _at(located: Located, loc: Path_, message: str, hint: str, code: str) -> Problem:
    line, col = located.where(loc)
    return error(located.path, line, col, message, hint, code=code)


def _actor_names(brief: Brief, located: Located) -> Iterator[Problem]:
    for i, actor in enumerate(brief.actors):
        if actor.id.lower() in RESERVED_SLUGS:
            yield _at(
                located,
                ("actors", i, "id"),
                f"actor id '{actor.id}' is reserved: the book generates actors/{actor.id}/",
                "choose another id",
                "reserved-id",
            )
        if len(actor.aliases) > MAX_ALIASES:
            yield _at(
                located,
                ("actors", i, "aliases"),
                f"actor '{actor.id}' has {len(actor.aliases):,} aliases; "
                f"expected at most {MAX_ALIASES}",
                "keep the names the article uses for the actor",
                "too-many-aliases",
            )


def _anchor_clashes(brief: Brief, located: Located) -> Iterator[Problem]:
    """A judgment or event without an id is anchored by its number (``judgment-2``): an id
    that is such a number would give two items one anchor."""
    for section, kind in (("judgments", "judgment"), ("timeline", "event")):
        items = getattr(brief, section)
        numbered = {str(i + 1) for i, item in enumerate(items) if not item.id}
        for i, item in enumerate(items):
            if item.id and item.id.lower() in numbered:
                yield _at(
                    located,
                    (section, i, "id"),
                    f"{kind} id '{item.id}' is also the anchor of {kind} {item.id}, "
                    "which has no id: both would be #" + f"{kind}-{item.id.lower()}",
                    f"give the {kind} an id with a letter",
                    "anchor-clash",
                )


def _evidence(brief: Brief, located: Located) -> Iterator[Problem]:
    quotes = list(evidence_of(brief))
    if len(quotes) > MAX_EVIDENCE:
        yield _at(
            located,
            (),
            f"the brief has {len(quotes):,} evidence quotes; expected at most {MAX_EVIDENCE:,}",
            "split the brief",
            "too-much-evidence",
        )
    for loc, _, entry in quotes:
        if loc[-1] == "text":  # a speaker's words: any length is what they said
            continue
        quote = entry.quote
        if len("".join(quote.split())) < MIN_QUOTE_CHARS and len(quote.split()) < 2:
            yield _at(
                located,
                loc if loc in located.values else (*loc, "quote"),
                f"evidence quote {quote.strip()!r} is too short to point at one passage",
                f"quote at least two words or {MIN_QUOTE_CHARS} characters of the article",
                "quote-too-short",
            )


def _markdown(text: str, loc: Path_, located: Located) -> list[Problem]:
    if sum(text.count(ch) for ch in _NESTERS) <= MAX_NESTING:
        return []
    depth, styled = _shape(_md.parse(text))
    problems = []
    if depth > MAX_NESTING:
        problems.append(
            _at(
                located,
                loc,
                f"Markdown nested {depth} levels deep; expected at most {MAX_NESTING}",
                "flatten the emphasis, lists or block quotes",
                "markdown-too-deep",
            )
        )
    if styled > MAX_STYLED:
        problems.append(
            _at(
                located,
                loc,
                f"{styled:,} emphasised, linked or code spans in one field; "
                f"expected at most {MAX_STYLED:,}",
                "emphasise less: a brief is read, not scanned",
                "markdown-too-styled",
            )
        )
    return problems


def _shape(tokens: list[Token]) -> tuple[int, int]:
    """Deepest nesting (blocks plus inline) and number of styled inline spans."""
    depth = styled = 0
    for block in tokens:
        inline = 0
        for child in block.children or []:
            inline = max(inline, child.level)
            styled += child.nesting == 1 or child.type == "code_inline"
        depth = max(depth, block.level + inline)
    return depth, styled
