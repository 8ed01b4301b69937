"""Every problem points at its own text: a reference, a likelihood word or a confidence
phrase inside a multi-line Markdown field is located at its own line and column, whatever
the YAML style of the scalar; and the text's likelihood and confidence words agree with
the fields that rate the statement."""

from __future__ import annotations

import pytest
from conftest import Project

from generator.errors import Problem

HEAD = """\
title: Ishiba seeks an early meeting with Trump
as_of: 2024-11-08
sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
    drop: ["Shigeru Ishiba", "Related Posts"]
actors:
  - id: ishiba
    name: Shigeru Ishiba
    evidence: "Japanese Prime Minister Shigeru Ishiba is actively pursuing a meeting"
"""


def lines(project: Project, text: str, code: str) -> list[str]:
    project.write_brief("b", text)
    problems: list[Problem] = project.check().problems
    return [p.format() for p in problems if p.code == code]


#: summary styles, each with the reference [@chna] at the start of a continuation line
SUMMARIES = {
    "plain": "summary: Prime Minister Ishiba [@ishiba] is moving fast,\n"
    "  aiming for a meeting\n  [@chna] right after the G20.\n",
    "folded": "summary: >-\n  Prime Minister Ishiba [@ishiba] is moving fast,\n"
    "  aiming for a meeting\n  [@chna] right after the G20.\n",
    "literal": "summary: |\n  Prime Minister Ishiba [@ishiba] is moving fast,\n"
    "  aiming for a meeting\n  [@chna] right after the G20.\n",
    "double-quoted": 'summary: "Prime Minister Ishiba [@ishiba] is moving fast,\n'
    '  aiming for a meeting\n  [@chna] right after the G20."\n',
    "single-quoted": "summary: 'Prime Minister Ishiba [@ishiba] is moving fast,\n"
    "  aiming for a meeting\n\n  [@chna] right after the G20.'\n",
}


@pytest.mark.parametrize("style", sorted(SUMMARIES))
def test_unknown_reference_points_at_itself(project: Project, style: str) -> None:
    text = HEAD + SUMMARIES[style]
    line = 1 + next(i for i, row in enumerate(text.splitlines()) if row.startswith("  [@chna]"))
    assert lines(project, text, "unknown-ref") == [
        f"briefs/b.yml:{line}:3: error: unknown reference [@chna]; hint: ids in this brief: ishiba"
    ]


def test_each_occurrence_points_at_its_own_place(project: Project) -> None:
    text = HEAD + "summary: >-\n  Ishiba [@ishiba] and [@chna] met,\n  then [@chna] left.\n"
    found = lines(project, text, "unknown-ref")
    assert [line.split(": error")[0] for line in found] == [
        "briefs/b.yml:12:24",
        "briefs/b.yml:13:8",
    ]


JUDGMENT = """\
summary: Ishiba [@ishiba] wants an early meeting.
judgments:
  - id: meeting
    text: >-
      Ishiba [@ishiba] wants a meeting soon.
      We assess with high confidence that
      he will meet Trump.
    likelihood: {likelihood}
    confidence: {confidence}
    evidence: "Japanese Prime Minister Shigeru Ishiba is actively pursuing a meeting"
"""


def test_confidence_in_the_text_disagrees_with_the_field(project: Project) -> None:
    text = HEAD + JUDGMENT.format(likelihood="likely", confidence="moderate")
    assert lines(project, text, "confidence") == [
        "briefs/b.yml:16:22: warning: text says 'high confidence' but confidence is "
        "'moderate'; hint: make the text and the confidence field agree"
    ]


@pytest.mark.parametrize(
    ("wording", "field", "flagged"),
    [
        ("We assess with high confidence that", "high", False),
        ("Our confidence is low that", "high", True),
        ("Our confidence is low that", "low", False),
        ("With medium-confidence we think", "moderate", False),
        ("We have low-level confidence that", "moderate", True),
        ("We assess that", "moderate", False),
    ],
)
def test_confidence_wordings(project: Project, wording: str, field: str, flagged: bool) -> None:
    text = HEAD + JUDGMENT.format(likelihood="likely", confidence=field).replace(
        "We assess with high confidence that", wording
    )
    assert bool(lines(project, text, "confidence")) is flagged


def test_likelihood_word_points_at_itself(project: Project) -> None:
    text = HEAD + JUDGMENT.format(likelihood="likely", confidence="high").replace(
        "he will meet Trump.", "it is very unlikely he meets Trump."
    )
    assert lines(project, text, "likelihood") == [
        "briefs/b.yml:17:13: warning: text says 'very unlikely' but likelihood is 'likely'; "
        "hint: make the text and the likelihood field agree"
    ]


def test_a_risk_description_agrees_with_its_likelihood(project: Project) -> None:
    text = HEAD + (
        "summary: Ishiba [@ishiba] wants an early meeting.\n"
        "risks:\n"
        "  - id: tariffs\n"
        "    title: Tariffs\n"
        "    description: |\n"
        "      New tariffs on Japanese cars.\n"
        "      They are almost certain to come.\n"
        "    likelihood: unlikely\n"
        "    impact: 4\n"
        '    evidence: "Japanese Prime Minister Shigeru Ishiba is actively pursuing a meeting"\n'
    )
    assert lines(project, text, "likelihood") == [
        "briefs/b.yml:17:16: warning: text says 'almost certain' but likelihood is "
        "'unlikely'; hint: make the text and the likelihood field agree"
    ]


def test_estimative_language_points_at_the_sentence(project: Project) -> None:
    text = HEAD + JUDGMENT.format(likelihood="likely", confidence="high").replace(
        "he will meet Trump.", "it is likely he meets Trump."
    )
    found = lines(project, text, "estimative-language")
    assert [line.split(": warning")[0] for line in found] == ["briefs/b.yml:16:22"]
