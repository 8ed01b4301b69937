"""Stage 2: located plain data to the typed model; every problem, each with its position."""

from __future__ import annotations

import textwrap

import pytest

from generator.core.load import load_yaml
from generator.core.model import Brief
from generator.core.validate import validate
from generator.errors import Problem

HEAD = """\
title: A brief
summary: The bottom line.
as_of: 2024-11-08
sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
"""


def run(text: str) -> tuple[Brief | None, list[Problem]]:
    return validate(load_yaml(textwrap.dedent(text), "briefs/b.yml"))


def only(text: str) -> Problem:
    _, problems = run(text)
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_minimal_brief_is_valid_with_defaults() -> None:
    brief, problems = run(HEAD)
    assert problems == []
    assert brief is not None
    assert brief.tlp == "CLEAR"
    assert brief.sources[0].reliability == "F"
    assert brief.judgments == [] and brief.review_by is None


@pytest.mark.parametrize("value", ["TLP:amber", "amber", "AMBER", "tlp:Amber", " TLP: AMBER "])
def test_tlp_accepts_any_case_and_a_prefix(value: str) -> None:
    brief, problems = run(HEAD + f"tlp: '{value}'\n")
    assert problems == []
    assert brief is not None and brief.tlp == "AMBER"


def test_tlp_amber_strict() -> None:
    brief, _ = run(HEAD + "tlp: TLP:amber+strict\n")
    assert brief is not None and brief.tlp == "AMBER+STRICT"


def test_unknown_tlp_names_the_levels() -> None:
    problem = only(HEAD + "tlp: orange\n")
    assert problem.format() == (
        "briefs/b.yml:7:6: error: tlp: expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; "
        "found 'orange'"
    )


def test_likelihood_typo_gets_did_you_mean() -> None:
    problem = only(HEAD + "judgments:\n  - text: x\n    likelihood: likley\n")
    assert (problem.line, problem.column) == (9, 17)
    assert problem.message.startswith("judgments[0].likelihood: expected an ICD 203 term: ")
    assert "found 'likley'" in problem.message
    assert problem.hint == "did you mean 'likely'?"


def test_likelihood_is_case_and_space_insensitive() -> None:
    brief, problems = run(HEAD + "judgments:\n  - text: x\n    likelihood: Roughly  Even Chance\n")
    assert problems == []
    assert brief is not None and brief.judgments[0].likelihood == "roughly even chance"


def test_confidence_enum() -> None:
    problem = only(HEAD + "risks:\n  - id: r\n    title: R\n    confidence: medium\n")
    assert "risks[0].confidence: expected low, moderate or high; found 'medium'" in problem.message
    assert problem.line == 10


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("kind: persn", "did you mean 'person'?"),
        ("kind: organisation", "did you mean 'organization'?"),
    ],
)
def test_actor_kind_hint(line: str, expected: str) -> None:
    problem = only(HEAD + f"actors:\n  - id: a\n    name: A\n    {line}\n")
    assert problem.hint == expected


def test_reliability_is_a_grade_and_accepts_lower_case() -> None:
    brief, problems = run(HEAD.replace("    file:", "    reliability: b\n    file:"))
    assert problems == [] and brief is not None and brief.sources[0].reliability == "B"
    problem = only(HEAD.replace("    file:", "    reliability: G\n    file:"))
    assert "reliability: expected an Admiralty grade A-F; found 'G'" in problem.message


@pytest.mark.parametrize(
    ("value", "found"),
    [("2024-02-30", "'2024-02-30'"), ("next week", "'next week'"), ("20241108", "'20241108'")],
)
def test_as_of_must_be_a_date(value: str, found: str) -> None:
    problem = only(HEAD.replace("as_of: 2024-11-08", f"as_of: {value}"))
    assert problem.format() == (
        f"briefs/b.yml:3:8: error: as_of: expected a date YYYY-MM-DD; found {found}"
    )


@pytest.mark.parametrize(
    "date", ["2024", "2024-11", "2024-11-07", "2024-11-18/2024-11-19", "2024-10/2025"]
)
def test_timeline_dates(date: str) -> None:
    brief, problems = run(HEAD + f"timeline:\n  - date: '{date}'\n    event: E\n")
    assert problems == []
    assert brief is not None and brief.timeline[0].date == date


def test_timeline_unquoted_year_is_text() -> None:
    brief, problems = run(HEAD + "timeline:\n  - date: 1960\n    event: E\n")
    assert problems == [] and brief is not None and brief.timeline[0].date == "1960"


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("2024-13", "not a real date"),
        ("2024-02-30", "not a real date"),
        ("2024-11-19/2024-11-18", "the range starts after it ends"),
        ("November 2024", "expected YYYY, YYYY-MM, YYYY-MM-DD or a range A/B"),
        ("2024/2025/2026", "expected a date or a range A/B"),
    ],
)
def test_timeline_bad_dates(date: str, words: str) -> None:
    problem = only(HEAD + f"timeline:\n  - date: '{date}'\n    event: E\n")
    assert (problem.line, problem.column) == (8, 11)
    assert problem.message.startswith("timeline[0].date: ")
    assert words in problem.message


def test_missing_required_key_is_located_at_its_parent() -> None:
    problem = only(HEAD + "actors:\n  - id: a\n    kind: person\n")
    assert problem.format() == "briefs/b.yml:8:5: error: actors[0].name: required key is missing"


def test_missing_top_level_key() -> None:
    problem = only(HEAD.replace("title: A brief\n", ""))
    assert problem.message == "title: required key is missing"


def test_sources_must_be_a_list_of_at_least_one() -> None:
    problem = only(HEAD.split("sources:")[0] + "sources: []\n")
    assert "sources: expected a list of at least one source" in problem.message


def test_a_mapping_where_a_list_belongs() -> None:
    problem = only(HEAD + "actors: {id: a, name: A}\n")
    assert problem.line == 7
    assert "found a mapping" in problem.message


def test_impact_range() -> None:
    problem = only(HEAD + "risks:\n  - id: r\n    title: R\n    impact: 7\n")
    assert "risks[0].impact: expected a whole number from 1 to 5; found '7'" in problem.message


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("country: Japan", "ISO 3166 alpha-2"),
        ("wikidata: 17", "Wikidata id such as Q17"),
        ("id: ../../etc", "expected letters, digits"),
    ],
)
def test_actor_field_patterns(line: str, words: str) -> None:
    text = HEAD + "actors:\n  - name: A\n    " + line + "\n"
    if not line.startswith("id:"):
        text += "    id: a\n"
    problem = only(text)
    assert words in problem.message


def test_country_is_upper_cased() -> None:
    brief, problems = run(HEAD + "actors:\n  - id: a\n    name: A\n    country: jp\n")
    assert problems == [] and brief is not None and brief.actors[0].country == "JP"


def test_evidence_shapes() -> None:
    brief, problems = run(
        HEAD
        + textwrap.dedent("""\
        judgments:
          - text: one string
            evidence: "a quote"
          - text: a list of strings and mappings
            evidence:
              - "first quote"
              - {quote: second quote, prefix: before, suffix: after, source: article}
        figures:
          - value: 54000
            evidence: {quote: "54,000"}
        """)
    )
    assert problems == []
    assert brief is not None
    assert [e.quote for e in brief.judgments[0].evidence] == ["a quote"]
    second = brief.judgments[1].evidence[1]
    assert (second.quote, second.prefix, second.suffix, second.source) == (
        "second quote",
        "before",
        "after",
        "article",
    )
    assert brief.figures[0].value == "54000"


def test_empty_evidence_quote_is_an_error() -> None:
    problem = only(HEAD + "judgments:\n  - text: x\n    evidence: {quote: ''}\n")
    assert problem.line == 9


def test_unknown_key_warns_with_did_you_mean() -> None:
    brief, problems = run(HEAD + "sumary: typo\n")
    assert brief is not None
    (problem,) = problems
    assert problem.format() == (
        "briefs/b.yml:7:1: warning: unknown key 'sumary' in brief; it is ignored; "
        "hint: did you mean 'summary'?"
    )


def test_unknown_keys_in_items_and_evidence() -> None:
    brief, problems = run(
        HEAD + "actors:\n  - id: a\n    name: A\n    aliasses: [B]\n"
        "    evidence:\n      - {qoute: x, quote: y}\n"
    )
    assert brief is not None
    assert [(p.line, p.hint) for p in problems] == [
        (10, "did you mean 'aliases'?"),
        (12, "did you mean 'quote'?"),
    ]
    assert all(p.severity == "warning" for p in problems)
    assert "actors[0].evidence[0]" in problems[1].message


def test_unknown_key_far_from_any_lists_known_keys() -> None:
    _, problems = run(HEAD + "zzzzzz: 1\n")
    assert problems[0].hint.startswith("known keys: ")
    assert "summary" in problems[0].hint


def test_every_problem_is_reported_not_the_first() -> None:
    brief, problems = run(
        HEAD.replace("as_of: 2024-11-08", "as_of: yesterday")
        + textwrap.dedent("""\
        tlp: purple
        judgments:
          - text: x
            likelihood: probably
            confidence: sure
        risks:
          - id: r
            title: R
            impact: 0
        actors:
          - id: a
            nmae: A
        """)
    )
    assert brief is None
    summary = [(p.line, p.severity.value) for p in problems]
    assert summary == [
        (3, "error"),  # as_of
        (7, "error"),  # tlp
        (10, "error"),  # likelihood
        (11, "error"),  # confidence
        (15, "error"),  # impact
        (17, "error"),  # actors[0].name missing
        (18, "warning"),  # nmae
    ]


def test_messages_quote_input_in_short_excerpts() -> None:
    problem = only(HEAD + "tlp: '" + "x" * 5000 + "'\n")
    assert len(problem.format()) < 400


def test_document_must_be_a_mapping() -> None:
    problem = only("just some text\n")
    assert "expected a mapping of brief keys" in problem.message
    assert "found a text" in problem.message
