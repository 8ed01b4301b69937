"""``briefs/.anchors/<slug>.json``: where each quote was last found, and what uses it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import GOLDEN, Project, assert_golden

from generator import build
from generator.core.anchor_lock import lock_path, read_lock, record_book
from generator.core.text import text_digest

ARTICLE = """Harbour report

The port authority said the harbour would reopen in March after repairs.

Fishing crews welcomed the decision, calling it long overdue.

Officials expect traffic to recover by the summer, the minister said.
"""

BRIEF = """\
title: Harbour
summary: The harbour reopens.
as_of: 2024-11-08
sources:
  - id: a
    file: seeds/a.txt
actors:
  - id: port
    name: Port authority
    # the authority's own words
    evidence:
      - the harbour would reopen in March after repairs
      - calling it long overdue
      - Officials expect traffic to recover by the summer
"""


@pytest.fixture
def harbour(project: Project) -> Project:
    project.write_seed("a.txt", ARTICLE)
    project.write_brief("harbour", BRIEF)
    return project


def lock_of(project: Project) -> Path:
    return lock_path(project.briefs / "harbour.yml")


def test_check_records_the_anchors_and_never_rewrites_an_unchanged_file(harbour: Project) -> None:
    first = harbour.cli("check")
    assert first.code == 0, first.stdout + first.stderr
    lock = lock_of(harbour)
    data = json.loads(lock.read_text(encoding="utf-8"))
    assert data["version"] == 1
    records = data["anchors"]
    assert [r["quote"] for r in records] == [
        "the harbour would reopen in March after repairs",
        "calling it long overdue",
        "Officials expect traffic to recover by the summer",
    ]
    for r in records:
        assert ARTICLE[r["start"] : r["end"]] == r["quote"]
        assert ARTICLE[: r["start"]].endswith(r["before"]) and len(r["before"]) == 32
        assert ARTICLE[r["end"] :].startswith(r["after"])
        assert r["sha256"] == text_digest(ARTICLE) and r["source"] == "a"
    stamp = os.stat(lock)
    second = harbour.cli("check")
    assert second.code == 0 and second.stdout == ""
    again = os.stat(lock)
    assert (again.st_ino, again.st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)
    assert sorted(p.name for p in harbour.briefs.rglob("*")) == [
        ".anchors",
        "harbour.json",
        "harbour.yml",
    ]
    assert (harbour.briefs / "harbour.yml").read_text(encoding="utf-8") == BRIEF


def test_article_changed_reports_moved_and_refused(harbour: Project) -> None:
    record_book(harbour.check().briefs)
    revised = ARTICLE.replace("Harbour report\n", "Harbour report\n\nA new first paragraph.\n")
    revised = revised.replace("Fishing crews welcomed the decision, calling it long overdue.\n", "")
    harbour.write_seed("a.txt", revised)
    book = harbour.check()
    found = {p.code: p for p in book.problems}
    changed = found["article-changed"]
    assert changed.format() == (
        "briefs/harbour.yml:6:11: warning: article changed since the anchors were recorded "
        "(seeds/a.txt): 2 quotes moved, 1 refused; hint: check the quotes reported; "
        "briefs/.anchors/harbour.json records the new places"
    )
    assert found["quote-not-found"].line == 13
    old = read_lock(harbour.briefs / "harbour.yml")
    assert record_book(book.briefs) == 1
    new = read_lock(harbour.briefs / "harbour.yml")
    kept = [r for r in new.values() if r.quote == "calling it long overdue"]
    assert kept == [r for r in old.values() if r.quote == "calling it long overdue"]
    moved = [r for r in new.values() if r.quote != "calling it long overdue"]
    assert all(r.sha256 == text_digest(revised) for r in moved)
    assert all(revised[r.start : r.end] == r.quote for r in moved)
    after = {p.code: p.message for p in harbour.check().problems}
    assert after["article-changed"].endswith("0 quotes moved, 1 refused")
    assert record_book(harbour.check().briefs) == 0


def test_the_record_tells_the_corrected_original_from_a_verbatim_copy(harbour: Project) -> None:
    record_book(harbour.check().briefs)
    quote = "the harbour would reopen in March after repairs"
    revised = ARTICLE.replace(quote, "the harbour would reopen in March after repair")
    revised = revised.replace("Officials", f'"{quote}"\n\nOfficials')
    harbour.write_seed("a.txt", revised)
    cited = harbour.check().briefs[0].cited[0]
    assert cited.anchor.status == "fuzzy"
    assert cited.anchor.matched == "the harbour would reopen in March after repair"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"version": 2, "anchors": []}',
        '{"version": 1, "anchors": [{"source": "a"}]}',
        '{"version": 1, "anchors": [{"source": "a", "quote": 1, "prefix": "", "suffix": "", '
        '"start": 0, "end": 1, "before": "", "after": "", "sha256": ""}]}',
        '{"version": 1, "anchors": [{"source": "a", "quote": "q", "prefix": "", "suffix": "", '
        '"start": -5, "end": 1, "before": "", "after": "", "sha256": ""}]}',
        "[]",
        "\x00" * 100,
    ],
)
def test_an_unusable_lock_file_is_ignored(harbour: Project, content: str) -> None:
    lock = lock_of(harbour)
    lock.parent.mkdir()
    lock.write_text(content, encoding="utf-8")
    assert read_lock(harbour.briefs / "harbour.yml") == {}
    book = harbour.check()
    assert book.problems == [] and all(c.anchor.status == "exact" for c in book.briefs[0].cited)


def test_a_planted_link_is_neither_read_nor_written_through(harbour: Project) -> None:
    elsewhere = harbour.root.parent / "elsewhere"
    elsewhere.mkdir()
    (harbour.briefs / ".anchors").symlink_to(elsewhere, target_is_directory=True)
    assert harbour.cli("check").code == 0
    assert list(elsewhere.iterdir()) == []
    (harbour.briefs / ".anchors").unlink()
    (harbour.briefs / ".anchors").mkdir()
    lock_of(harbour).symlink_to("/dev/zero")
    assert harbour.cli("check").code == 0
    assert lock_of(harbour).is_symlink()


def test_a_record_pointing_elsewhere_does_not_move_a_quote(harbour: Project) -> None:
    record_book(harbour.check().briefs)
    lock = lock_of(harbour)
    data = json.loads(lock.read_text(encoding="utf-8"))
    first = data["anchors"][0]
    elsewhere = ARTICLE.index("Officials")
    first.update(start=elsewhere, end=elsewhere + 10, before="x" * 32, after="y" * 32)
    lock.write_text(json.dumps(data), encoding="utf-8")
    cited = harbour.check().briefs[0].cited[0]
    assert cited.anchor.status == "exact"
    assert cited.anchor.start == ARTICLE.index("the harbour would")


def test_fix_records_the_rewritten_quotes_and_dry_run_writes_no_lock(harbour: Project) -> None:
    assert harbour.cli("check").code == 0
    recorded = lock_of(harbour).read_bytes()
    harbour.write_seed("a.txt", ARTICLE.replace("long overdue", "long-overdue"))
    dry = harbour.cli("fix", "--dry-run")
    assert dry.code == 0, dry.stdout + dry.stderr
    assert "+      - calling it long-overdue" in dry.stdout
    assert lock_of(harbour).read_bytes() == recorded
    done = harbour.cli("fix")
    assert done.code == 0 and "fixed 1 quote(s)" in done.stderr
    quotes = {r.quote for r in read_lock(harbour.briefs / "harbour.yml").values()}
    assert "calling it long-overdue" in quotes and "calling it long overdue" not in quotes
    brief = (harbour.briefs / "harbour.yml").read_text(encoding="utf-8")
    assert brief == BRIEF.replace("calling it long overdue", "calling it long-overdue")


def test_the_lock_file_does_not_reach_the_generated_site(harbour: Project) -> None:
    assert harbour.cli("check").code == 0 and lock_of(harbour).is_file()
    files = build.run(harbour.make_config(), cached=False).files
    assert files and not [f.src_uri for f in files if "anchors" in f.src_uri]
    texts = [f.content if isinstance(f.content, str) else "" for f in files]
    assert not [t for t in texts if '"sha256"' in t]


GOLDEN_ARTICLE = """Talks report

Alpha said the talks would resume soon. Beta said the talks would resume soon.
The council\u2019s vote was final, the chair said.
Prices rose by 12% in March, the office said.
The harbour is expected to reopen next spring after repairs.
"""

GOLDEN_BRIEF = """\
title: Every anchor status
summary: One quote of each kind.
as_of: 2024-11-08
sources:
  - id: a
    file: seeds/talks.txt
judgments:
  - text: Talks resume.
    likelihood: likely
    confidence: low
    evidence:
      - Talks report
      - the talks would resume soon
      - "The council's vote was final"
      - Prices rose by 15% in March
      - The harbour is expected to re-open next spring after repairs
      - The weather was fine all week
"""


def test_check_json_reports_every_anchor_golden(project: Project) -> None:
    project.write_seed("talks.txt", GOLDEN_ARTICLE)
    project.write_brief("talks", GOLDEN_BRIEF)
    result = project.cli("check", "--format", "json")
    assert result.code == 1
    report = json.loads(result.stdout)
    statuses = [a["status"] for a in report["anchors"]]
    assert statuses == ["exact", "ambiguous", "normalised", "changed", "fuzzy", "orphan"]
    for anchor in report["anchors"]:
        if anchor["start"] is not None:
            assert GOLDEN_ARTICLE[anchor["start"] : anchor["end"]] == anchor["matched"]
        for place in anchor["candidates"]:
            assert GOLDEN_ARTICLE[place["start"] : place["end"]] == place["text"]
    assert_golden(GOLDEN / "check" / "anchors.json", result.stdout)


def test_a_quote_between_two_changed_passages_lists_both(project: Project) -> None:
    project.write_seed(
        "t.txt",
        "Talks\n\nAlpha said the talks would resume soon.\n\n"
        "Beta said the talks could resume soon.\n",
    )
    project.write_brief(
        "t",
        """\
        title: T
        summary: S.
        as_of: 2024-11-08
        sources:
          - id: a
            file: seeds/t.txt
        actors:
          - id: alpha
            name: Alpha
            evidence: the talks should resume soon
        """,
    )
    (problem,) = project.check().problems
    assert problem.code == "quote-ambiguous" and problem.line == 10
    assert problem.message == (
        "quote fits 2 places about equally well in source 'a' (seeds/t.txt): "
        'line 3: "the talks would resume soon"; line 5: "the talks could resume soon"'
    )
    assert problem.hint.endswith("or copy the passage meant as the article now has it")
