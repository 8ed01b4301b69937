"""``briefing fix``: after an article changed, write back the current text of each quote.

Normalised and fuzzy anchors become the article's own words (whitespace collapsed), with the
fewest words of prefix/suffix that say which place when they occur more than once; orphans and
ambiguous quotes are reported and left alone. Only the source span of each changed scalar is
edited (the round-trip composer gives it), in its own quoting style where that can hold the new
text, so every other byte stays; the result must load to the intended data or nothing is written.
"""

from __future__ import annotations

import copy
import difflib
import logging
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .anchor import MASK, Anchor, Article, anchor_quote
from .check import BriefDoc
from .errors import InputError, Problem, error, excerpt, warning
from .evidence import Cited, evidence_of
from .load import Path_, load_yaml
from .model import Evidence
from .text import normalise

log = logging.getLogger(__name__)

UNFIXABLE = ("quote-not-found", "quote-ambiguous")
MAX_CONTEXT_WORDS = 12
CONTEXT_WINDOW = 2000
Edit = tuple[int, int, str]


class FixError(Exception):
    """The brief cannot be edited safely (nothing is written)."""


@dataclass(frozen=True)
class Fix:
    """Write ``new`` (and prefix/suffix, if ``context``) at ``loc``."""

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
        lines = difflib.unified_diff(self.before.splitlines(keepends=True),
                                     self.after.splitlines(keepends=True),
                                     f"a/{self.doc.path}", f"b/{self.doc.path}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def fix_brief(doc: BriefDoc, *, write: bool = True) -> FixResult:
    """Plan and apply the fixes of one checked brief; write it (atomically) if ``write``."""
    if doc.brief is None or doc.located is None:
        return FixResult(doc, problems=[p for p in doc.problems if p.is_error])
    fixes, problems = plan_fixes(doc)
    problems = [p for p in doc.problems if p.code in UNFIXABLE] + problems
    before = doc.file.read_bytes().decode("utf-8")
    result = FixResult(doc, fixes, problems, before, before)
    if not fixes:
        return result
    try:
        result.after = apply_fixes(before, fixes, doc.located.data, doc.path)
    except FixError as exc:
        result.problems.append(error(doc.path, 1, 1, f"cannot rewrite the brief safely: {exc}",
                                     "nothing was written", code="fix-failed"))
        result.fixes = []
        return result
    if write and result.changed:
        write_atomic(doc.file, result.after)
        log.info("%s: fixed %d quote(s)", doc.path, len(fixes))
    return result


def plan_fixes(doc: BriefDoc) -> tuple[list[Fix], list[Problem]]:
    """The fixes for the normalised and fuzzy anchors of ``doc``, and the ones it cannot fix."""
    assert doc.brief is not None and doc.located is not None
    entries = {loc: entry for loc, _, entry in evidence_of(doc.brief)}
    fixes: list[Fix] = []
    problems: list[Problem] = []
    for cited in doc.cited:
        if cited.anchor.status not in ("normalised", "fuzzy"):
            continue
        article = doc.articles[cited.anchor.source_id]
        fix = plan_one(article, cited, entries[cited.loc])
        if fix is None:
            line, col = doc.located.where((*cited.loc, "quote"))
            problems.append(warning(doc.path, line, col,
                                    f"cannot rewrite quote \"{excerpt(cited.quote, 60)}\" so that "
                                    "it anchors exactly", "edit it by hand", code="fix-skipped"))
        elif fix.new != fix.old:
            fixes.append(fix)
    return fixes, problems


def plan_one(article: Article, cited: Cited, entry: Evidence) -> Fix | None:
    """The article's current words for one quote, with context if they occur more than once.

    Whitespace runs are collapsed, unless only the text as written (line breaks and all)
    anchors at the same place: an exact match elsewhere would win over a normalised one.
    """
    start, end = widen(article.text, cited.anchor.start, cited.anchor.end, cited.quote)
    written = article.text[start:end]
    if not written.strip() or MASK in article.masked[start:end]:
        return None
    for new in dict.fromkeys((" ".join(written.split()), written)):
        fix = _fix_as(article, cited, entry, new, (start, end))
        if fix is not None:
            return fix
    return None


def _fix_as(
    article: Article, cited: Cited, entry: Evidence, new: str, span: tuple[int, int]
) -> Fix | None:
    landed = anchor_quote(article, new)
    if lands(landed, *span):
        return Fix(cited.loc, cited.quote, new)
    if landed.status != "ambiguous" or cited.loc[-1] == "text":
        return None  # speakers' quotes (quotes[].text) take no prefix/suffix
    if (entry.prefix or entry.suffix) and context_exact(article, *span, entry) and lands(
            anchor_quote(article, new, entry.prefix, entry.suffix), *span):
        return Fix(cited.loc, cited.quote, new)  # its prefix and suffix still say which
    context = minimal_context(article, new, *span)
    return Fix(cited.loc, cited.quote, new, context) if context else None


def lands(anchor: Anchor, start: int, end: int) -> bool:
    return anchor.status in ("exact", "normalised") and anchor.start < end and start < anchor.end


def widen(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Trim spaces off a matched span; finish a word it cuts where the quote did not."""
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = start + len(text[start:end].strip())
    words, found = quote.split() or [""], text[start:end].split() or [""]
    while start > 0 and text[start - 1].isalnum() and found[0] != words[0]:
        start -= 1  # the quote began with a whole word: so does its new text
    while end < len(text) and text[end].isalnum() and found[-1] != words[-1]:
        end += 1
    return start, end


def context_exact(article: Article, start: int, end: int, entry: Evidence) -> bool:
    """Do the entry's prefix and suffix match the text around the span word for word?"""
    before = normalise(article.masked[max(0, start - CONTEXT_WINDOW):start])
    after = normalise(article.masked[end:end + CONTEXT_WINDOW])
    return before.endswith(normalise(entry.prefix)) and after.startswith(normalise(entry.suffix))


def minimal_context(
    article: Article, new: str, start: int, end: int
) -> tuple[tuple[str, str], ...]:
    """The fewest words before and after the span that make ``new`` anchor there alone."""
    before = _nearest(article.masked[max(0, start - CONTEXT_WINDOW):start].split()[::-1])
    after = _nearest(article.masked[end:end + CONTEXT_WINDOW].split())
    for count in range(1, MAX_CONTEXT_WORDS + 1):
        prefix, suffix = " ".join(before[:count][::-1]), " ".join(after[:count])
        if lands(anchor_quote(article, new, prefix, suffix), start, end):
            return ("prefix", prefix), ("suffix", suffix)
    return ()


def _nearest(words: list[str]) -> list[str]:
    """Words (nearest first) up to a dropped (masked) line."""
    masked = next((i for i, word in enumerate(words) if MASK in word), len(words))
    return words[:masked]


def apply_fixes(text: str, fixes: list[Fix], data: Any, shown: str) -> str:
    """``text`` with each fix edited in place; check it loads to ``data`` with the fixes made."""
    try:
        root = YAML(typ="rt", pure=True).compose(text)
    except YAMLError as exc:
        raise FixError(f"the brief does not parse: {exc}") from None
    edited = text
    for start, end, new in sorted((e for fix in fixes for e in _edits(text, root, fix)),
                                  reverse=True):
        edited = edited[:start] + new + edited[end:]
    try:
        loaded = load_yaml(edited, shown).data
    except InputError as exc:
        raise FixError(f"the edited brief does not load: {exc.problems[0].message}") from None
    if loaded != expected_data(data, fixes):
        raise FixError("the edited brief does not hold the intended values")
    return edited


def expected_data(data: Any, fixes: list[Fix]) -> Any:
    """``data`` (plain, as loaded) with the fixes made: what the edited brief must load to."""
    data = copy.deepcopy(data)
    for fix in fixes:
        holder, key = _slot(data, fix.loc)
        item = holder[key]
        if isinstance(item, dict):
            item.update((k, v) for k, v in (("quote", fix.new), *fix.context) if v or k in item)
        else:
            holder[key] = ({k: v for k, v in (("quote", fix.new), *fix.context) if v}
                           if fix.context else fix.new)
    return data


def _slot(data: Any, loc: Path_) -> tuple[Any, Any]:
    """The container and key holding ``loc`` (a lone evidence item stands for a list of one)."""
    holder, key, node = None, None, data
    for step in loc:
        if isinstance(step, int) and not isinstance(node, list):
            continue
        holder, key, node = node, step, node[step]
    return holder, key


def _edits(text: str, root: Node, fix: Fix) -> list[Edit]:
    node = _node_at(root, fix.loc)
    if isinstance(node, MappingNode):
        key, quote = _pair(node, "quote") or (node, node)
        if not isinstance(quote, ScalarNode):
            raise FixError(f"no quote at {fix.loc}")
        return [_scalar_edit(text, quote, fix.new),
                *_context_edits(text, node, (key, quote), fix)]
    if not isinstance(node, ScalarNode):
        raise FixError(f"no quote at {fix.loc}")
    if not fix.context:
        return [_scalar_edit(text, node, fix.new)]
    keys = ", ".join(f"{k}: {_double(v)}" for k, v in (("quote", fix.new), *fix.context) if v)
    start, end, trailer = _span(text, node)
    return [(start, end, "{" + keys + "}" + trailer)]


def _context_edits(
    text: str, mapping: MappingNode, quote: tuple[Node, ScalarNode], fix: Fix
) -> list[Edit]:
    """Set prefix/suffix of an evidence mapping: replace present values, add missing keys."""
    edits, missing = [], []
    for key, value in fix.context:
        found = _pair(mapping, key)
        if found is not None and isinstance(found[1], ScalarNode):
            edits.append(_scalar_edit(text, found[1], value))
        elif found is not None:
            raise FixError(f"{key} is not text at {fix.loc}")
        elif value:
            missing.append((key, value))
    if not missing:
        return edits
    end = _span(text, quote[1])[1]
    if mapping.flow_style:
        return [*edits, (end, end, "".join(f", {k}: {_double(v)}" for k, v in missing))]
    newline = "\r\n" if "\r\n" in text else "\n"
    at = text.find("\n", end)
    at = len(text) if at < 0 else at - (text[at - 1] == "\r")
    indent = " " * quote[0].start_mark.column
    added = "".join(f"{newline}{indent}{k}: {_double(v)}" for k, v in missing)
    return [*edits, (at, at, added)]


def _node_at(root: Node, loc: Path_) -> Node:
    node = root
    for step in loc:
        if isinstance(step, int) and not isinstance(node, SequenceNode) and step == 0:
            continue  # a lone evidence item stands for a list of one
        if isinstance(step, int) and isinstance(node, SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, MappingNode) and _pair(node, step):
            node = _pair(node, step)[1]  # type: ignore[index]
        else:
            raise FixError(f"nothing at {loc}")
    return node


def _pair(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*(?P<comment>[ \t]+#.*)?")


def _span(text: str, node: ScalarNode) -> tuple[int, int, str]:
    """Source span of a scalar, and (for a block scalar) the header comment to keep."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style not in ("|", ">"):
        return start, end, ""
    while end > start and text[end - 1].isspace():
        end -= 1
    header = text[start:].split("\n", 1)[0].rstrip()
    match = _BLOCK_HEADER.fullmatch(header)
    return start, end, (match.group("comment") or "") if match else ""


def _scalar_edit(text: str, node: ScalarNode, value: str) -> Edit:
    start, end, trailer = _span(text, node)
    return start, end, _render(value, node.style) + trailer


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*")
_SAFE = YAML(typ="safe", pure=True)


def _render(value: str, style: str | None) -> str:
    """``value`` as a one-line scalar, in ``style`` where that style can hold it."""
    printable = value.isprintable()
    if style == "'" and printable:
        return "'" + value.replace("'", "''") + "'"
    if style is None and printable and _PLAIN.fullmatch(value) and value == value.rstrip():
        try:
            if _SAFE.load(f"k: {value}") == {"k": value}:
                return value
        except YAMLError:
            pass
    return _double(value)


def _double(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]",
                        lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) through a temporary file in the same folder."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
