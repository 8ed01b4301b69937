"""``briefing fix``: re-anchor quotes after an article changed (generator.fix)."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_minimal_project

from generator.build import check_book
from generator.cli import cli
from generator.core.anchor_lock import record_book
from generator.core.book import Book
from generator.core.config import Config, make_config
from generator.core.fix import Fix, apply_fixes, fix_brief
from generator.core.load import load_yaml
from generator.errors import FixError

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "ishiba-trump-meeting"
ANCHOR_CODES = {"quote-not-found", "quote-ambiguous", "quote-fuzzy", "quote-changed"}


APOS, LSQUO, LDQUO, RDQUO = "\u2019", "\u2018", "\u201c", "\u201d"


def straighten(text: str) -> str:
    for curly, straight in ((APOS, "'"), (LSQUO, "'"), (LDQUO, '"'), (RDQUO, '"')):
        text = text.replace(curly, straight)
    return text


def curl(text: str) -> str:
    """Typographic quotes, as a revised article would have them."""
    text = re.sub(r'(^|[\s(\[])"', "\\1" + LDQUO, text, flags=re.MULTILINE)
    return text.replace('"', RDQUO).replace("'", APOS)


def rewrap(text: str) -> str:
    """Every paragraph (line) of the article filled at 70 columns."""
    return "\n".join(textwrap.fill(line, 70) if line.strip() else line for line in text.split("\n"))


def anchor_problems(book: Book) -> list[str]:
    return [p.format() for p in book.problems if p.code in ANCHOR_CODES]


@pytest.fixture
def sample(tmp_path: Path) -> Config:
    """The sample project with straight quotes in article and brief; it checks clean."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "briefs").mkdir()
    article = (REPO / "seeds" / f"{SAMPLE}.txt").read_text(encoding="utf-8")
    (tmp_path / "seeds" / f"{SAMPLE}.txt").write_text(straighten(article), encoding="utf-8")
    brief = (REPO / "briefs" / f"{SAMPLE}.yml").read_text(encoding="utf-8")
    brief = brief.replace(APOS, "'").replace(LSQUO, "'")
    (tmp_path / "briefs" / f"{SAMPLE}.yml").write_text(brief, encoding="utf-8")
    config = make_config(tmp_path, {})
    book = check_book(config)
    assert not book.errors and not anchor_problems(book)
    assert all(c.anchor.status == "exact" for c in book.briefs[0].cited)
    record_book(book.briefs)  # as `briefing check` does: where each quote was found
    return config


def revise_sample(config: Config) -> None:
    """Re-wrap every paragraph, curl the quotes, change a word inside a cited passage."""
    path = config.seeds_path / f"{SAMPLE}.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count("vigorously discuss") == 1
    text = text.replace("vigorously discuss", "energetically discuss")
    path.write_text(rewrap(curl(text)), encoding="utf-8")


def test_issue_scenario_on_the_sample(sample: Config) -> None:
    brief = sample.briefs_path / f"{SAMPLE}.yml"
    before = brief.read_bytes()
    revise_sample(sample)
    doc = check_book(sample).briefs[0]
    assert {c.anchor.status for c in doc.cited} >= {"normalised", "fuzzy"}
    result = fix_brief(doc)
    assert result.changed and not result.problems
    assert len(result.fixes) >= 10
    after = brief.read_bytes()
    assert result.after.encode("utf-8") == after

    book = check_book(sample)
    assert book.errors == [] and anchor_problems(book) == []
    assert {c.anchor.status for c in book.briefs[0].cited} <= {"exact", "normalised"}
    fixed_quotes = {f.new for f in result.fixes}
    assert any("energetically" in quote for quote in fixed_quotes)
    assert any(APOS in quote for quote in fixed_quotes)
    assert not [q for q in fixed_quotes if re.search(r"\w- \w", q)]  # no "Indo- Pacific"

    assert doc.located is not None
    fixed_lines = {doc.located.where(f.loc)[0] for f in result.fixes}
    old, new = before.decode().splitlines(), after.decode().splitlines()
    assert len(old) == len(new)
    changed = {n for n, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b}
    assert changed == fixed_lines
    assert [x for x in old if x.lstrip().startswith("#")] == [
        x for x in new if x.lstrip().startswith("#")
    ]

    again = fix_brief(check_book(sample).briefs[0])
    assert not again.fixes and not again.changed and brief.read_bytes() == after


def test_dry_run_writes_nothing(sample: Config) -> None:
    revise_sample(sample)
    brief = sample.briefs_path / f"{SAMPLE}.yml"
    before = brief.read_bytes()
    result = fix_brief(check_book(sample).briefs[0], write=False)
    assert result.changed and '+      - "Rather than focus' in result.diff()
    assert brief.read_bytes() == before
    assert sorted(p.name for p in brief.parent.iterdir()) == [".anchors", f"{SAMPLE}.yml"]
    assert [p.name for p in (brief.parent / ".anchors").iterdir()] == [f"{SAMPLE}.json"]


ARTICLE = """Alpha Report

Alpha said the northern plan would fail badly. Beta said the northern plan would fail quietly.
The council's vote was "final" according to the chair.
A long sentence about budgets that will be deleted entirely in the revision.
Gamma noted that shipping costs rose by twelve percent in March.
Delta expects the harbour to reopen next spring after repairs.
"""

BRIEF = """\
# A test brief: comments, blank lines and mixed quoting styles.
title: Test brief   # trailing comment
summary: Short summary.
as_of: 2024-11-08

sources:
  - id: a
    file: seeds/a.txt

# Actors section
actors:
  - id: alpha
    name: Alpha
    evidence:
      - The council's vote was "final"   # plain
      - 'shipping costs rose by twelve percent'   # single
      - >-  # folded
        Delta expects the harbour to reopen
        next spring

      # the one with context
      - quote: "the northern plan would fail"
        suffix: quietly
      - "A long sentence about budgets"
  - id: beta
    name: Beta
    evidence: {quote: 'Gamma noted that shipping', prefix: '.'}   # flow
"""

REVISED = """Alpha Report

Alpha said the northern plan could fail badly. Beta said the northern plan
could fail quietly.
The council's vote was "final" according to the chair.
Gamma noted that shipping costs rose by eleven percent in March.
Delta expects the harbor to reopen next spring after repairs.
""".replace("council's", f"council{APOS}s").replace('"final"', f"{LDQUO}final{RDQUO}")


@pytest.fixture
def small(tmp_path: Path) -> Config:
    make_minimal_project(tmp_path)
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "briefs" / "a.yml").write_text(BRIEF, encoding="utf-8")
    config = make_config(tmp_path, {})
    book = check_book(config)
    assert not book.errors and not anchor_problems(book), book.problems
    record_book(book.briefs)
    (tmp_path / "seeds" / "a.txt").write_text(REVISED, encoding="utf-8")
    return config


def test_mixed_styles_orphan_and_context(small: Config) -> None:
    doc = check_book(small).briefs[0]
    result = fix_brief(doc)
    # "twelve" -> "eleven" changes what the quote says: an error, listed with the words
    # that differ, and never rewritten
    assert [p.code for p in result.problems] == ["quote-changed", "quote-not-found"]
    assert [p.line for p in result.problems] == [16, 24]
    assert "a number differs (quote: twelve, article: eleven)" in result.problems[0].message
    assert '"shipping costs rose by [-twelve-] {+eleven+} percent"' in result.problems[0].hint
    new = (small.briefs_path / "a.yml").read_text(encoding="utf-8")
    old_lines, new_lines = BRIEF.splitlines(), new.splitlines()
    assert new_lines[14] == curl("""      - The council's vote was "final"   # plain""")
    assert new_lines[15] == old_lines[15]
    assert new_lines[16] == '      - "Delta expects the harbor to reopen next spring"  # folded'
    # written with its line break: collapsed, it would match the first sentence exactly
    assert new_lines[17:] == [
        "",
        "      # the one with context",
        '      - quote: "the northern plan\\ncould fail"',
        "        suffix: quietly",
        *old_lines[23:],  # from the orphan on: untouched
    ]
    assert new_lines[:14] == old_lines[:14]
    book = check_book(small)
    assert [p.code for p in book.problems if p.code in ANCHOR_CODES] == [
        "quote-changed",
        "quote-not-found",
    ]


def test_stale_context_is_rewritten(small: Config) -> None:
    brief = small.briefs_path / "a.yml"
    brief.write_text(BRIEF.replace("suffix: quietly", "suffix: quietly today"), encoding="utf-8")
    one_line = REVISED.replace("plan\ncould fail quietly.", "plan could fail quietly tonight.")
    (small.seeds_path / "a.txt").write_text(one_line, encoding="utf-8")
    result = fix_brief(check_book(small).briefs[0])
    assert [p.code for p in result.problems] == ["quote-changed", "quote-not-found"]
    lines = brief.read_text(encoding="utf-8").splitlines()
    assert lines[19:22] == [
        '      - quote: "the northern plan could fail"',
        '        prefix: "said"',
        "        suffix: quietly",
    ]
    cited = check_book(small).briefs[0].cited
    assert {c.anchor.status for c in cited if "northern" in c.quote} == {"exact"}


def test_duplicated_quote_gets_prefix_and_suffix() -> None:
    text = BRIEF
    data = load_yaml(text, "a.yml").data
    fixes = [
        Fix(("actors", 0, "evidence", 0), "x", "plain one", (("prefix", "p q"), ("suffix", "s"))),
        Fix(("actors", 0, "evidence", 3), "x", "the plan", (("prefix", "said"), ("suffix", ""))),
        Fix(("actors", 1, "evidence", 0), "x", "Gamma", (("prefix", ""), ("suffix", 'a "b"'))),
    ]
    lines = apply_fixes(text, fixes, data, "a.yml").splitlines()
    assert lines[14] == '      - {quote: "plain one", prefix: "p q", suffix: "s"}   # plain'
    assert lines[21:25] == [
        '      - quote: "the plan"',
        '        prefix: "said"',
        '        suffix: ""',
        '      - "A long sentence about budgets"',
    ]
    assert lines[-1] == (
        "    evidence: {quote: 'Gamma', suffix: \"a \\\"b\\\"\", prefix: ''}   # flow"
    )
    assert lines[:14] == BRIEF.splitlines()[:14]

    crlf = BRIEF.replace("\n", "\r\n")
    edited = apply_fixes(crlf, fixes, data, "a.yml")
    assert edited.replace("\r\n", "").count("\n") == 0
    assert edited.replace("\r\n", "\n").splitlines() == lines


def test_fails_safe_without_writing(small: Config) -> None:
    doc = check_book(small).briefs[0]
    brief = small.briefs_path / "a.yml"
    changed_meanwhile = BRIEF.replace("Short summary.", "Edited meanwhile.")
    brief.write_text(changed_meanwhile, encoding="utf-8")
    result = fix_brief(doc)
    assert "fix-failed" in [p.code for p in result.problems] and not result.changed
    assert result.fixes == [] and result.diff() == ""
    assert brief.read_text(encoding="utf-8") == changed_meanwhile
    with pytest.raises(FixError, match="nothing at"):
        apply_fixes(
            BRIEF,
            [Fix(("actors", 0, "evidence", 9), "x", "y")],
            load_yaml(BRIEF, "a.yml").data,
            "a.yml",
        )


def test_cli_fix(small: Config) -> None:
    brief = small.briefs_path / "a.yml"
    runner = CliRunner()
    dry = runner.invoke(cli, ["--root", str(small.root), "fix", "--dry-run"])
    assert dry.exit_code == 1, dry.output
    assert '+      - "Delta expects the harbor to reopen next spring"' in dry.stdout
    assert "'shipping costs rose by eleven percent'" not in dry.stdout
    assert "quote-not-found" in dry.stdout or "quote not found" in dry.stdout
    assert brief.read_text(encoding="utf-8") == BRIEF
    done = runner.invoke(cli, ["--root", str(small.root), "fix", str(brief)])
    assert done.exit_code == 1 and "fixed 3 quote(s) in 1 of 1 brief(s)" in done.stderr
    assert brief.read_text(encoding="utf-8") != BRIEF
    shutil.copy(brief, brief.with_suffix(".bak"))
    again = runner.invoke(cli, ["--root", str(small.root), "fix"])
    assert again.stdout.count("quote not found") == 1 and "+++" not in again.stdout
