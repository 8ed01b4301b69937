"""Where a YAML syntax error most likely is, and how to fix it.

The parser reports where it gave up, which is often far from the slip: an unclosed
quote on line 11 surfaces as "did not find expected key" ten lines later. This module
turns the parser's error into one located problem at the most likely place, with a hint,
for the common slips: an unclosed or early-closed quote, ``: `` inside an unquoted value,
a tab in the indentation, a list item out of line, an unclosed bracket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

#: A quote that opens a value: at the start of a line or item, after ``key:``, ``[``, ``{``, ``,``.
_QUOTE_START = re.compile(r"""(?:^\s*(?:-\s+)*|:\s+|[\[{,]\s*)(["'])""")
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?):\s+(\S.*)$")
_BLOCK_HEADER = re.compile(r"(?:^|:\s+|-\s+)[|>][-+0-9]*\s*(?:#.*)?$")
_TAB_RUN = re.compile(r"^ *\t")


@dataclass(frozen=True)
class Slip:
    """A located YAML syntax error: 1-based line and column, message and hint."""

    line: int
    column: int
    message: str
    hint: str = ""


def diagnose(text: str, exc: MarkedYAMLError) -> Slip:
    """The most likely place and fix of the syntax error ``exc`` raised on ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or exc.context or "invalid YAML")
    lines = text.splitlines()
    where = f"the parser stopped at line {line}: {problem}"
    for finder in (_tab, _quote, _bracket, _colon, _list_item):
        slip = finder(lines, exc, line, col, where)
        if slip:
            return slip
    return Slip(line, col, f"YAML syntax error: {problem}")


def _tab(lines: list[str], exc: MarkedYAMLError, line: int, col: int, where: str) -> Slip | None:
    if "tab" not in str(exc.problem) and not _TAB_RUN.match(_line(lines, line)):
        return None
    for number in (line, line - 1):
        found = _TAB_RUN.match(_line(lines, number))
        if found:
            return Slip(
                number,
                found.end(),
                "YAML syntax error: a tab in the indentation",
                "indent with spaces: YAML does not allow tabs there",
            )
    return None


def _quote(lines: list[str], exc: MarkedYAMLError, line: int, col: int, where: str) -> Slip | None:
    """The first quoted value that does not close cleanly, at or before the error's line."""
    number = 0
    block_indent: int | None = None
    while number < min(line, len(lines)):
        text = lines[number]
        number += 1
        indent = len(text) - len(text.lstrip(" "))
        if block_indent is not None and (not text.strip() or indent > block_indent):
            continue  # the body of a | or > block scalar: raw text
        block_indent = indent if _BLOCK_HEADER.search(_strip_comment(text)) else None
        opened = None if text.lstrip().startswith("#") else _QUOTE_START.search(text)
        if not opened:
            continue
        quote, start = opened.group(1), opened.end(1)
        end_line, end_col = _closing(lines, number - 1, start, quote)
        if end_line is None:
            return _unclosed(number, start, quote, where)
        rest = lines[end_line][end_col:]
        if _strip_comment(rest).strip() not in ("", ",", "]", "}") and not re.match(
            r"\s*[,\]}:]", rest
        ):
            if end_line == number - 1:
                return _closed_early(number, start, quote, end_col)
            return _unclosed(number, start, quote, where)
        number = end_line + 1
    return None


def _closing(lines: list[str], index: int, start: int, quote: str) -> tuple[int | None, int]:
    """Line index and column just past the quote closing a scalar opened at ``start``."""
    pos = start
    for current in range(index, len(lines)):
        text = lines[current]
        while pos < len(text):
            char = text[pos]
            if quote == '"' and char == "\\":
                pos += 2
                continue
            if char == quote:
                if quote == "'" and text[pos + 1 : pos + 2] == "'":
                    pos += 2
                    continue
                return current, pos + 1
            pos += 1
        pos = 0
    return None, 0


def _unclosed(line: int, start: int, quote: str, where: str) -> Slip:
    return Slip(
        line,
        start,
        f"YAML syntax error: the {_name(quote)} quote opened here is not closed on this line",
        f"close it on this line, or write long text as a block ('key: >-' and indented lines); "
        f"{where}",
    )


def _closed_early(line: int, start: int, quote: str, end_col: int) -> Slip:
    fix = (
        "double the apostrophe inside single quotes ('it''s') or use double quotes"
        if quote == "'"
        else 'escape the inner quote as \\" or use single quotes'
    )
    return Slip(
        line,
        start,
        f"YAML syntax error: the {_name(quote)}-quoted value ends at column {end_col} "
        "and text follows it",
        fix,
    )


def _bracket(
    lines: list[str], exc: MarkedYAMLError, line: int, col: int, where: str
) -> Slip | None:
    context = str(exc.context or "")
    mark = exc.context_mark
    if mark is None or ("flow sequence" not in context and "flow mapping" not in context):
        return None
    opener = "[" if "sequence" in context else "{"
    closer = "]" if opener == "[" else "}"
    return Slip(
        mark.line + 1,
        mark.column + 1,
        f"YAML syntax error: the '{opener}' opened here is not closed",
        f"close it with '{closer}' (and separate items with ', '); {where}",
    )


def _colon(lines: list[str], exc: MarkedYAMLError, line: int, col: int, where: str) -> Slip | None:
    if "mapping values are not allowed" not in str(exc.problem):
        return None
    found = _KEY_VALUE.match(_line(lines, line))
    column = found.start(3) + 1 if found else col
    return Slip(
        line,
        column,
        "YAML syntax error: ': ' inside an unquoted value",
        "quote the value: it contains ': '",
    )


def _list_item(
    lines: list[str], exc: MarkedYAMLError, line: int, col: int, where: str
) -> Slip | None:
    text = _line(lines, line)
    if not text.lstrip().startswith("- "):
        return None
    indent = len(text) - len(text.lstrip(" "))
    column = _sibling_column(lines, line, indent)
    hint = (
        f"align its '-' with the other items of the list (column {column})"
        if column
        else "align its '-' with the other items of the list"
    )
    return Slip(line, indent + 1, "YAML syntax error: a list item out of line", hint)


def _sibling_column(lines: list[str], line: int, indent: int) -> int:
    """Column of the nearest earlier ``- `` item indented differently (0 if none)."""
    for text in reversed(lines[: line - 1]):
        stripped = text.lstrip(" ")
        if stripped.startswith("- "):
            other = len(text) - len(stripped)
            if other != indent:
                return other + 1
    return 0


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _strip_comment(text: str) -> str:
    return re.sub(r"(^|\s)#.*$", "", text)


def _name(quote: str) -> str:
    return "double" if quote == '"' else "single"
