"""YAML slips in briefs: reported where the slip most likely is, with a hint."""

from __future__ import annotations

import pytest

from generator.core.load import load_yaml
from generator.errors import InputError, Problem


def slip(text: str) -> Problem:
    with pytest.raises(InputError) as failed:
        load_yaml(text, "b.yml")
    (problem,) = failed.value.problems
    return problem


def brief(*lines: str) -> str:
    head = ["title: A brief", "as_of: 2024-11-08", "sources:", "  - id: article"]
    return "\n".join([*head, *lines]) + "\n"


def test_unclosed_quote_is_reported_where_it_opened() -> None:
    lines = [f"  - note {i}" for i in range(5)]
    text = brief("tags:", *lines, 'summary: "Ishiba moves fast.', *lines, 'background: "x"', "a: b")
    problem = slip(text)
    assert (problem.line, problem.column) == (11, 10)
    assert "quote opened here is not closed" in problem.message
    assert problem.hint.startswith("close it on this line")


def test_a_closed_multi_line_quote_is_not_blamed() -> None:
    text = brief('summary: "Ishiba moves', '  fast."', "title: US trade gap: a record")
    problem = slip(text)
    assert (problem.line, problem.column, problem.hint) == (
        7,
        8,
        "quote the value: it contains ': '",
    )


def test_quotes_inside_block_scalars_are_text() -> None:
    text = brief("summary: >-", '  He said "no', "  more.", "title: a: b")
    assert slip(text).hint == "quote the value: it contains ': '"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("title: a\nsources:\n\t- id: x\n", (3, 1), "a tab in the indentation"),
        ("tags: [a, b\ntitle: x\n", (1, 7), "the '[' opened here is not closed"),
        ("a: {b: c\ntitle: x\n", (1, 4), "the '{' opened here is not closed"),
        ("x:\n  - a: 1\n    b: 2\n   - a: 3\n", (4, 4), "a list item out of line"),
        ("title: 'it's'\n", (1, 8), "single-quoted value ends at column 11"),
    ],
)
def test_common_slips(text: str, where: tuple[int, int], words: str) -> None:
    problem = slip(text)
    assert (problem.line, problem.column) == where
    assert words in problem.message
    assert problem.hint
