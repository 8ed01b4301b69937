"""Stage 4: tradecraft rules and book-wide references, on briefs about the sample article."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Project

from generator.errors import Problem

HEAD = """\
title: Ishiba seeks an early meeting with Trump
summary: {summary}
as_of: 2024-11-08
{extra}sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
    drop: ["Shigeru Ishiba", "Related Posts"]
"""
ISHIBA = """\
  - id: ishiba
    name: Shigeru Ishiba
    evidence: "Japanese Prime Minister Shigeru Ishiba is actively pursuing a meeting"
"""
TRUMP = """\
  - id: trump
    name: Donald Trump
    aliases: [Trump]
"""


def brief(body: str = "", summary: str = "Ishiba wants an early meeting.", extra: str = "") -> str:
    return HEAD.format(summary=summary, extra=extra) + body


def check(project: Project, text: str, name: str = "b") -> list[Problem]:
    project.write_brief(name, text)
    return project.check().problems


def of(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def test_clean_brief_has_no_problems(project: Project) -> None:
    assert check(project, brief("actors:\n" + ISHIBA + TRUMP)) == []


def test_missing_evidence(project: Project) -> None:
    problems = check(
        project,
        brief("""\
judgments:
  - id: meeting
    text: Ishiba will meet Trump before the inauguration.
    likelihood: roughly even chance
    confidence: low
risks:
  - id: tariffs
    title: New tariffs
    likelihood: likely
    impact: 4
    evidence: "imposed tariffs on Japanese steel and aluminum imports"
"""),
    )
    assert [(p.line, p.severity.value, p.message) for p in problems] == [
        (9, "warning", "judgment has no evidence"),
    ]
    assert problems[0].hint == "attach a quote from the source that it rests on"


def test_risk_without_evidence(project: Project) -> None:
    problems = check(
        project, brief("risks:\n  - id: r\n    title: R\n    likelihood: likely\n    impact: 2\n")
    )
    assert [p.message for p in problems] == ["risk has no evidence"]


def test_stale_review_by(project: Project) -> None:
    problems = check(project, brief(extra="review_by: 2025-01-01\n"))
    (problem,) = problems
    assert problem.format() == (
        "briefs/b.yml:4:12: warning: brief is stale: review_by 2025-01-01 has passed; "
        "hint: review the analysis, then move review_by forward"
    )


def test_review_by_in_the_future_is_fine(project: Project) -> None:
    assert check(project, brief(extra="review_by: 2025-01-16\n")) == []


def test_stale_follows_the_configured_today(project: Project) -> None:
    project.today = dt.date(2024, 12, 1)
    assert check(project, brief(extra="review_by: 2025-01-01\n")) == []


def test_review_by_before_as_of_is_an_error(project: Project) -> None:
    (problem,) = check(project, brief(extra="review_by: 2024-11-01\n"))
    assert problem.severity.value == "error"
    assert problem.message == "review_by 2024-11-01 is before as_of 2024-11-08"
    assert problem.line == 4


def test_as_of_in_the_future_warns(project: Project) -> None:
    text = brief().replace("as_of: 2024-11-08", "as_of: 2026-01-01")
    (problem,) = check(project, text)
    assert problem.message == "as_of 2026-01-01 is in the future"


@pytest.mark.parametrize(
    "summary",
    [
        "A meeting is likely, and we assess this with high confidence.",
        "We have moderate confidence that Tokyo will probably pay more.",
        "Japan will almost certainly pay more (low-confidence assessment).",
    ],
)
def test_likelihood_and_confidence_in_one_sentence(project: Project, summary: str) -> None:
    problems = of(check(project, brief(summary=summary)), "estimative-language")
    (problem,) = problems
    assert problem.line == 2
    assert "in one sentence" in problem.message
    assert problem.hint == "ICD 203: state likelihood and confidence in separate sentences"


def test_likelihood_and_confidence_in_separate_sentences(project: Project) -> None:
    summary = "A meeting is likely. We have high confidence in the reporting."
    assert of(check(project, brief(summary=summary)), "estimative-language") == []


def test_estimative_language_in_any_markdown_field(project: Project) -> None:
    problems = check(
        project,
        brief("""\
risks:
  - id: r
    title: R
    likelihood: likely
    impact: 2
    evidence: "imposed tariffs on Japanese steel and aluminum imports"
    indicators:
      - Tariffs are very likely, a high confidence call.
"""),
    )
    (problem,) = of(problems, "estimative-language")
    assert problem.line == 15


def test_vague_words_in_summary(project: Project) -> None:
    (problem,) = check(project, brief(summary="Ishiba may perhaps meet Trump."))
    assert problem.message == "vague estimative word 'perhaps'"


def test_actor_neither_cited_nor_mentioned(project: Project) -> None:
    problems = check(
        project,
        brief("""\
actors:
  - id: putin
    name: Vladimir Putin
  - id: abe
    name: Shinzo Abe
  - id: linked
    name: Nobody In The Article
"""),
    )
    assert [(p.line, p.message) for p in problems] == [
        (9, "actor 'putin' is neither cited nor mentioned in the source"),
        (13, "actor 'linked' is neither cited nor mentioned in the source"),
    ]
    # a reference from the brief counts as a citation
    problems = check(
        project,
        brief("actors:\n  - id: linked\n    name: Nobody\n", summary="Nobody [@linked] is here."),
    )
    assert problems == []


def test_actor_mentioned_only_by_alias(project: Project) -> None:
    text = brief("actors:\n  - id: pm\n    name: The Prime Minister\n    aliases: [Ishiba]\n")
    assert check(project, text) == []


def test_unknown_reference_with_did_you_mean(project: Project) -> None:
    problems = check(project, brief("actors:\n" + ISHIBA, summary="Ishiba [@ishbia] moves."))
    (problem,) = problems
    assert problem.format() == (
        "briefs/b.yml:2:17: error: unknown reference [@ishbia]; hint: did you mean [@ishiba]?"
    )


def test_unknown_reference_lists_the_ids(project: Project) -> None:
    (problem,) = check(project, brief("actors:\n" + ISHIBA, summary="See [@zzz]."))
    assert problem.hint == "ids in this brief: ishiba"


def test_unknown_actor_ids_everywhere(project: Project) -> None:
    problems = check(
        project,
        brief(
            "actors:\n"
            + ISHIBA
            + TRUMP
            + """\
relations:
  - from: ishiba
    to: trunp
timeline:
  - date: 2024-11-07
    event: A call.
    actors: [ishiba, abe]
risks:
  - id: r
    title: R
    likelihood: likely
    impact: 2
    actors: [japan]
    evidence: "imposed tariffs on Japanese steel and aluminum imports"
quotes:
  - speaker: ishibba
    text: "I felt that he was very friendly."
"""
        ),
    )
    assert [(p.line, p.message) for p in problems] == [
        (17, "unknown actor id 'trunp'"),
        (21, "unknown actor id 'abe'"),
        (27, "unknown actor id 'japan'"),
        (30, "unknown actor id 'ishibba'"),
    ]
    assert all(p.severity.value == "error" for p in problems)
    assert problems[0].hint == "expected one of: ishiba, trump"


def test_duplicate_ids(project: Project) -> None:
    problems = check(
        project,
        brief(
            "actors:\n"
            + ISHIBA
            + ISHIBA.replace("Shigeru Ishiba\n", "Ishiba again\n")
            + """\
risks:
  - id: Ishiba
    title: R
    likelihood: likely
    impact: 2
    evidence: "imposed tariffs on Japanese steel and aluminum imports"
"""
        ),
    )
    duplicates = of(problems, "duplicate-id")
    assert [(p.line, p.message) for p in duplicates] == [
        (12, "duplicate id 'ishiba' (first used by the actor at line 9)"),
        (16, "duplicate id 'Ishiba' (first used by the actor at line 9)"),
    ]


def test_duplicate_source_id(project: Project) -> None:
    text = brief().replace(
        "sources:\n", "sources:\n  - id: article\n    file: seeds/ishiba-trump-meeting.txt\n"
    )
    (problem,) = check(project, text)
    assert (problem.code, problem.line) == ("duplicate-id", 7)


def test_figure_value_not_in_its_evidence(project: Project) -> None:
    problems = check(
        project,
        brief("""\
figures:
  - value: "54,000"
    evidence: "Japan currently hosts 54,000 U.S. military personnel"
  - value: "55,000"
    evidence: "Japan currently hosts 54,000 U.S. military personnel"
  - value: 54000
    evidence: "Japan currently hosts 54,000 U.S. military personnel"
"""),
    )
    assert [(p.line, p.message) for p in problems] == [
        (11, "figure '55,000' does not appear in its evidence"),
        (13, "figure '54000' does not appear in its evidence"),
    ]
    assert problems[0].hint == "write the value as the article writes it"


def test_draft_summary_placeholder(project: Project) -> None:
    (problem,) = check(project, brief(summary="TODO write the bottom line"))
    assert problem.message == "summary is still the draft placeholder"
    (problem,) = check(project, brief(summary="'DRAFT: Ishiba wants a meeting.'"))
    assert problem.code == "draft"


def test_summary_too_long(project: Project) -> None:
    summary = "Ishiba wants a meeting. Trump has not said. Tokyo worries about tariffs."
    (problem,) = check(project, brief(summary=summary))
    assert problem.code == "summary-length"


def test_likelihood_text_disagrees_with_field(project: Project) -> None:
    problems = check(
        project,
        brief("""\
judgments:
  - text: A meeting is very unlikely before January.
    likelihood: likely
    confidence: low
    evidence: "Trump\u2019s office has yet to comment on whether a meeting is feasible or scheduled"
"""),
    )
    (problem,) = problems
    assert problem.message == "text says 'very unlikely' but likelihood is 'likely'"


def test_unrated_judgment_and_risk(project: Project) -> None:
    problems = check(
        project,
        brief("""\
judgments:
  - text: A meeting will happen.
    evidence: "Trump\u2019s office has yet to comment on whether a meeting is feasible or scheduled"
risks:
  - id: r
    title: R
    evidence: "imposed tariffs on Japanese steel and aluminum imports"
"""),
    )
    assert [p.message for p in problems] == [
        "judgment has no likelihood",
        "judgment has no confidence",
        "risk 'r' has no likelihood; it is left off the heat map",
        "risk 'r' has no impact; it is left off the heat map",
    ]


def test_unknown_source_id_in_evidence(project: Project) -> None:
    problems = check(
        project,
        brief(
            "actors:\n  - id: a\n    name: Shigeru Ishiba\n"
            "    evidence: {quote: Shigeru Ishiba said, source: other}\n"
        ),
    )
    (problem,) = problems
    assert problem.message == "unknown source id 'other'"
    assert problem.hint == "expected one of: article"


def test_drop_line_not_in_the_file(project: Project) -> None:
    text = brief().replace('"Related Posts"]', '"Related Posts", "Photo: AP"]')
    (problem,) = check(project, text)
    assert problem.message.startswith("drop line not found in seeds/ishiba-trump-meeting.txt")
    assert '"Photo: AP"' in problem.message


def test_source_url_must_be_http(project: Project) -> None:
    text = brief().replace("    drop:", "    url: javascript:alert(1)\n    drop:")
    (problem,) = check(project, text)
    assert (problem.code, problem.severity.value) == ("url", "error")


# ------------------------------------------------------------------- across the book


def test_references_across_briefs(project: Project) -> None:
    check(
        project,
        brief(
            "actors:\n" + ISHIBA + "risks:\n  - id: tariffs\n    title: T\n"
            '    likelihood: likely\n    impact: 3\n    evidence: "imposed tariffs'
            ' on Japanese steel and aluminum imports"\n'
        ),
        name="first",
    )
    problems = check(
        project,
        brief(summary="Ishiba [@ishiba] fears [@tariffs] and [@first/tariffs]."),
        name="second",
    )
    assert problems == []


def test_reference_to_an_item_two_briefs_share_is_ambiguous(project: Project) -> None:
    risk = (
        "risks:\n  - id: tariffs\n    title: T\n    likelihood: likely\n    impact: 3\n"
        '    evidence: "imposed tariffs on Japanese steel and aluminum imports"\n'
    )
    check(project, brief(risk), name="one")
    check(project, brief(risk), name="two")
    problems = check(project, brief(summary="See [@tariffs]."), name="three")
    (problem,) = problems
    assert problem.path == "briefs/three.yml"
    assert problem.message == "[@tariffs] is ambiguous: [@one/tariffs], [@two/tariffs]"


def test_unknown_brief_in_a_qualified_reference(project: Project) -> None:
    (problem,) = check(project, brief(summary="See [@nowhere/tariffs]."))
    assert problem.message == "unknown reference [@nowhere/tariffs]"
