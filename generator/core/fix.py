"""``briefing fix``: after an article changed, write back the current text of each quote.

Normalised and fuzzy quotes become the article's words (with the fewest words of prefix/suffix
that say which place, if needed). Only anchors the checker is sure of are fuzzy (see
:mod:`generator.anchor`); orphans, ambiguous quotes and approximate matches that change what
the quote says are listed (with the places, or the words that differ) and left alone. Only
the span of each changed scalar is edited, in its own style where it can: every other byte
stays.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import itertools
import logging
import re
from dataclasses import dataclass, field
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import FixError, InputError, Problem, error, excerpt, warning

from .anchor import MASK, Anchor, Article, anchor_quote
from .book import BriefDoc
from .evidence import Cited, evidence_of
from .files import write_atomic
from .load import Path_, load_yaml
from .model import Evidence
from .text import normalise

log = logging.getLogger(__name__)

UNFIXABLE = ("quote-not-found", "quote-ambiguous", "quote-changed")
MAX_CONTEXT_WORDS = 12
WINDOW = 2000
_HYPHEN_WRAP = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class Fix:
    """Write ``new`` (and the prefix/suffix pairs of ``context``, if any) at ``loc``."""

    loc: Path_
    old: str
    new: str
    context: tuple[tuple[str, str], ...] = ()


@dataclass
class FixResult:
    doc: BriefDoc
    fixes: list[Fix] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    before: str = ""
    after: str = ""

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        old, new = self.before.splitlines(keepends=True), self.after.splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.doc.path}", f"b/{self.doc.path}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def fix_brief(doc: BriefDoc, *, write: bool = True) -> FixResult:
    """Plan and apply the fixes of one checked brief; write it (atomically) if ``write``."""
    if doc.brief is None or doc.located is None:
        return FixResult(doc, problems=[p for p in doc.problems if p.is_error])
    fixes, problems = plan_fixes(doc)
    before = doc.file.read_bytes().decode("utf-8")
    result = FixResult(doc, fixes, [p for p in doc.problems if p.code in UNFIXABLE] + problems)
    result.before = result.after = before
    try:
        result.after = apply_fixes(before, fixes, doc.located.data, doc.path) if fixes else before
    except FixError as exc:
        failed = error(
            doc.path,
            1,
            1,
            f"cannot rewrite the brief safely: {exc}",
            "nothing was written",
            code="fix-failed",
        )
        return FixResult(doc, [], [*result.problems, failed], before, before)
    if write and result.changed:
        write_atomic(doc.file, result.after, durable=True)
        log.info("%s: fixed %d quote(s)", doc.path, len(fixes))
    return result


def plan_fixes(doc: BriefDoc) -> tuple[list[Fix], list[Problem]]:
    """The fixes for the normalised and fuzzy anchors of ``doc``, and the ones it cannot fix."""
    assert doc.brief is not None and doc.located is not None
    entries = {loc: entry for loc, _, entry in evidence_of(doc.brief)}
    fixes, problems = list[Fix](), list[Problem]()
    for cited in doc.cited:
        if cited.anchor.status not in ("normalised", "fuzzy"):
            continue
        fix = plan_one(doc.articles[cited.anchor.source_id], cited, entries[cited.loc])
        if fix is None:
            problems.append(
                warning(
                    doc.path,
                    *doc.located.where((*cited.loc, "quote")),
                    f'cannot rewrite quote "{excerpt(cited.quote, 60)}" so that it anchors exactly',
                    "edit it by hand",
                    code="fix-skipped",
                )
            )
        elif fix.new != fix.old or fix.context:
            fixes.append(fix)
    return fixes, problems


def plan_one(article: Article, cited: Cited, entry: Evidence) -> Fix | None:
    """The article's words for one quote (context if needed), whitespace collapsed and a word
    hyphenated across lines joined; else that line break kept; else the text as written."""
    start, end = widen(article.text, cited.anchor.start, cited.anchor.end, cited.quote)
    written = article.text[start:end]
    if not written.strip() or MASK in article.masked[start:end]:
        return None
    parts = [" ".join(part.split()) for part in _HYPHEN_WRAP.split(written)]
    for new in dict.fromkeys(("-".join(parts), "-\n".join(parts), written)):
        landed = anchor_quote(article, new)
        if lands(landed, start, end):
            return Fix(cited.loc, cited.quote, new)
        if landed.status == "ambiguous" and cited.loc[-1] != "text":  # quotes[].text: no context
            context = minimal_context(article, new, entry, start, end)
            if context is not None:
                return Fix(cited.loc, cited.quote, new, context)
    return None


def lands(anchor: Anchor, start: int, end: int) -> bool:
    return anchor.status in ("exact", "normalised") and anchor.start < end and start < anchor.end


def widen(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Trim spaces off a matched span; finish a word it cuts where the quote did not."""
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = start + len(text[start:end].strip())
    words, found = quote.split() or [""], text[start:end].split() or [""]
    while start > 0 and text[start - 1].isalnum() and found[0] != words[0]:
        start -= 1
    while end < len(text) and text[end].isalnum() and found[-1] != words[-1]:
        end += 1
    return start, end


def minimal_context(
    article: Article, new: str, entry: Evidence, start: int, end: int
) -> tuple[tuple[str, str], ...] | None:
    """``()`` if the entry's prefix/suffix still say which word for word, else the fewest words
    before and after the span that make ``new`` anchor there alone."""
    text = article.masked
    fits = normalise(text[max(0, start - WINDOW) : start]).endswith(
        normalise(entry.prefix)
    ) and normalise(text[end : end + WINDOW]).startswith(normalise(entry.suffix))
    if (
        (entry.prefix or entry.suffix)
        and fits
        and lands(anchor_quote(article, new, entry.prefix, entry.suffix), start, end)
    ):
        return ()
    before = text[max(0, start - WINDOW) : start].split()[::-1]
    before = list(itertools.takewhile(lambda w: MASK not in w, before))
    after = list(itertools.takewhile(lambda w: MASK not in w, text[end : end + WINDOW].split()))
    for count in range(1, MAX_CONTEXT_WORDS + 1):
        prefix, suffix = " ".join(before[:count][::-1]), " ".join(after[:count])
        if lands(anchor_quote(article, new, prefix, suffix), start, end):
            return ("prefix", prefix), ("suffix", suffix)
    return None


def apply_fixes(text: str, fixes: list[Fix], data: Any, shown: str) -> str:
    """``text`` with each fix edited in place; check that it loads to ``data`` with the fixes."""
    try:
        root = YAML(typ="rt", pure=True).compose(text)
        edits = sorted((e for fix in fixes for e in _edits(text, root, fix)), reverse=True)
        for start, end, new in edits:
            text = text[:start] + new + text[end:]
        loaded = load_yaml(text, shown).data
    except YAMLError as exc:
        raise FixError(f"the brief does not parse: {exc}") from None
    except InputError as exc:
        raise FixError(f"the edited brief does not load: {exc.problems[0].message}") from None
    if loaded != expected_data(data, fixes):
        raise FixError("the edited brief does not hold the intended values")
    return text


def expected_data(data: Any, fixes: list[Fix]) -> Any:
    """``data`` (plain, as loaded) with the fixes made: what the edited brief must load to."""
    data = copy.deepcopy(data)
    for fix in fixes:
        holder, key, item = cast(Any, None), None, data
        for step in fix.loc:  # a lone evidence item stands for a list of one
            if not isinstance(step, int) or isinstance(item, list):
                holder, key, item = item, step, item[step]
        pairs = dict((("quote", fix.new), *fix.context))
        if isinstance(item, dict):
            item.update((k, v) for k, v in pairs.items() if v or k in item)
        else:
            holder[key] = {k: v for k, v in pairs.items() if v} if fix.context else fix.new
    return data


def _edits(text: str, root: Node, fix: Fix) -> list[Edit]:
    node = root
    for step in fix.loc:  # a lone evidence item stands for a list of one
        if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        elif isinstance(node, MappingNode) and (child := _value(node, step)) is not None:
            node = child
        elif isinstance(node, SequenceNode) or step != 0:
            raise FixError(f"nothing at {fix.loc}")
    if isinstance(node, MappingNode) and isinstance(quote := _value(node, "quote"), ScalarNode):
        return [_scalar_edit(text, quote, fix.new), *_context_edits(text, node, quote, fix)]
    if not isinstance(node, ScalarNode):
        raise FixError(f"no quote at {fix.loc}")
    if not fix.context:
        return [_scalar_edit(text, node, fix.new)]
    keys = ", ".join(f"{k}: {_double(v)}" for k, v in (("quote", fix.new), *fix.context) if v)
    start, end, trailer = _span(text, node)
    return [(start, end, "{" + keys + "}" + trailer)]


def _context_edits(text: str, mapping: MappingNode, quote: ScalarNode, fix: Fix) -> list[Edit]:
    """Set prefix/suffix of an evidence mapping: replace present values, add missing keys."""
    edits, missing = [], []
    for key, value in fix.context:
        found = _value(mapping, key)
        if found is None:
            missing += [(key, value)] if value else []
        elif isinstance(found, ScalarNode):
            edits.append(_scalar_edit(text, found, value))
        else:
            raise FixError(f"{key} is not text at {fix.loc}")
    end = _span(text, quote)[1]
    if missing and mapping.flow_style:
        edits.append((end, end, "".join(f", {k}: {_double(v)}" for k, v in missing)))
    elif missing:
        newline = "\r\n" if "\r\n" in text else "\n"
        at = len(text[: text.find("\n", end)].rstrip("\r")) if "\n" in text[end:] else len(text)
        indent = " " * mapping.start_mark.column  # where each key of a block mapping starts
        edits.append((at, at, "".join(f"{newline}{indent}{k}: {_double(v)}" for k, v in missing)))
    return edits


def _value(mapping: MappingNode, key: str | int) -> Node | None:
    found = (v for k, v in mapping.value if isinstance(k, ScalarNode) and k.value == key)
    return next(found, None)


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*(?P<comment>[ \t]+#.*)?")


def _span(text: str, node: ScalarNode) -> tuple[int, int, str]:
    """Source span of a scalar, and (for a block scalar) the header comment to keep."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style not in ("|", ">"):
        return start, end, ""
    match = _BLOCK_HEADER.fullmatch(text[start:end].split("\n", 1)[0].rstrip())
    return start, start + len(text[start:end].rstrip()), (match and match.group("comment")) or ""


def _scalar_edit(text: str, node: ScalarNode, value: str) -> Edit:
    start, end, trailer = _span(text, node)
    return start, end, _render(value, node.style) + trailer


_PLAIN, _SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*"), YAML(typ="safe")


def _render(value: str, style: str | None) -> str:
    """``value`` as a one-line scalar, in ``style`` where that style can hold it."""
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style is None and value.isprintable() and _PLAIN.fullmatch(value):
        with contextlib.suppress(YAMLError):
            if _SAFE.load(f"k: {value}") == {"k": value}:
                return value
    return _double(value)


def _double(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        '"'
        + re.sub(
            r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]", lambda m: f"\\u{ord(m.group()):04x}", escaped
        )
        + '"'
    )
