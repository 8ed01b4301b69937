"""Issue 11, classes "text reaching the terminal" and "YAML values that change silently".

- Control and escape characters from YAML (``"\\e[2J"``) or an article are shown escaped in
  every message (one function, ``errors.terminal_safe``, used by ``Problem.format``);
  a raw control character in a brief or an article is an error at its line and column.
- Text fields keep the text as written (``0x1F``, ``1.50``, ``007``); a boolean where a
  number belongs (``impact: true``) is a located error, never 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_payloads import make_project, run_cli

from generator.core.load import load_yaml
from generator.core.validate import validate
from generator.errors import error, terminal_safe

ARTICLE = "Officials met on Monday to discuss trade and defense.\n\nThe talks were frank.\n"
BRIEF = """\
title: {title}
summary: A brief.
as_of: 2024-11-08
tlp: CLEAR
sources:
  - id: a
    file: seeds/a.txt
    title: A
    reliability: B
figures:
  - value: {value}
    label: {label}
    evidence: Officials met on Monday
risks:
  - id: r
    title: Risk
    impact: {impact}
"""
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def brief_text(**values: str) -> str:
    fields = {"title": "Title", "value": "54,000", "label": "jobs", "impact": "3"} | values
    return BRIEF.format(**fields)


@pytest.mark.parametrize(
    ("field", "written"),
    [("title", "0x1F"), ("value", "1.50"), ("label", "007"), ("title", "1e3"), ("value", "1_000")],
)
def test_text_fields_keep_what_was_written(field: str, written: str) -> None:
    brief, problems = validate(load_yaml(brief_text(**{field: written}), "b.yml"))
    assert brief is not None, [p.format() for p in problems]
    got = brief.title if field == "title" else getattr(brief.figures[0], field)
    assert got == written


@pytest.mark.parametrize("value", ["true", "false"])
def test_a_boolean_where_a_number_belongs_is_an_error(value: str) -> None:
    text = brief_text(impact=value)
    brief, problems = validate(load_yaml(text, "b.yml"))
    assert brief is None
    (problem,) = problems
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "impact:" in row)
    assert (problem.line, problem.column) == (line, 13)
    assert "boolean" in problem.message


def test_terminal_safe_escapes_what_a_terminal_acts_on() -> None:
    text = "a\x1b[31mred\x07\x9b2J\u202eevil\r"
    shown = terminal_safe(text)
    assert not RAW_CONTROL.search(shown)
    assert shown == "a\\x1b[31mred\\x07\\x9b2J\\u202eevil\\x0d"
    assert terminal_safe("tab\tand plain text ok") == "tab\tand plain text ok"
    assert not RAW_CONTROL.search(error("b.yml", 1, 1, text, text).format())


def test_escapes_from_yaml_never_reach_the_terminal(tmp_path: Path) -> None:
    brief = brief_text(title='"\\e[2J\\e]0;owned\\a"', impact='"\\e[31mhigh"')
    root = make_project(tmp_path / "p", {"esc": brief}, {"a.txt": ARTICLE})
    run = run_cli("--root", root, "check")
    assert run.returncode == 1
    out = run.stdout + run.stderr
    assert not RAW_CONTROL.search(out), repr(out)
    assert "\\x1b[31mhigh" in out


@pytest.mark.parametrize(
    ("where", "content"),
    [
        ("briefs/ctl.yml", brief_text().replace("title: Title", "title: Ti\x1b[2Jtle")),
        ("seeds/a.txt", ARTICLE.replace("frank", "fr\x1b[2Jank")),
    ],
)
def test_raw_control_characters_are_located(tmp_path: Path, where: str, content: str) -> None:
    root = make_project(tmp_path / "p", {"ctl": brief_text()}, {"a.txt": ARTICLE})
    (root / where).write_text(content, encoding="utf-8")
    run = run_cli("--root", root, "check")
    assert run.returncode == 1
    out = run.stdout + run.stderr
    assert not RAW_CONTROL.search(out), repr(out)
    line = next(i for i, text in enumerate(content.splitlines(), 1) if "\x1b" in text)
    col = content.splitlines()[line - 1].index("\x1b") + 1
    assert f"{where}:{line}:{col}: error: " in out or f"({where}:{line}:{col})" in out, out
    assert "control character \\x1b" in out
