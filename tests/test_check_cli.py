"""``briefing check`` end to end: golden error messages, exit codes, --strict, --format json."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import (
    FIXTURE_BOOK,
    GOLDEN,
    SAMPLE_SEED,
    TODAY,
    CliResult,
    PendingCli,
    Project,
    assert_golden,
    make_minimal_project,
    run_cli,
    start_cli,
)

from generator.build import check_book
from generator.core.config import make_config

ERRORS = GOLDEN / "errors"
CASES = sorted(path.stem for path in ERRORS.glob("*.yml"))
#: Cases whose brief must be installed under another name.
RENAMED = {"bad-name": "Bad Name.yml"}
MAX_RSS_KB = 300 * 1024


def _golden_project(root: Path, case: str) -> None:
    """A project with the case's brief and every kind of bad source article."""
    make_minimal_project(root)
    briefs, seeds = root / "briefs", root / "seeds"
    shutil.copyfile(SAMPLE_SEED, seeds / SAMPLE_SEED.name)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(b"Ishiba\x00\x01\x02 met Trump\n")
    (seeds / "latin1.txt").write_bytes("Ishiba said: caf\xe9 diplomacy.\n".encode("latin-1"))
    (seeds / "utf16.txt").write_bytes("Ishiba met Trump.\n".encode("utf-16"))
    (root / "outside.txt").write_text("not under seeds\n", encoding="utf-8")
    (seeds / "link.txt").symlink_to(Path("..") / "outside.txt")
    name = RENAMED.get(case, f"{case}.yml")
    shutil.copyfile(ERRORS / f"{case}.yml", briefs / name)


@pytest.fixture(scope="module")
def golden_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CliResult]:
    """Run every golden case at once (one child each, concurrently) and collect the results."""
    pending: dict[str, PendingCli] = {}
    for case in CASES:
        root = tmp_path_factory.mktemp(case) / "project"
        _golden_project(root, case)
        pending[case] = start_cli(root, "check", workdir=root.parent)
    return {case: run.result() for case, run in pending.items()}


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        if not os.environ.get("UPDATE_GOLDEN"):
            assert (ERRORS / f"{case}.txt").is_file(), f"{case}.yml has no expected output"


@pytest.mark.parametrize("case", CASES)
def test_golden_error(golden_runs: dict[str, CliResult], case: str) -> None:
    result = golden_runs[case]
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert result.code == 1, result.stdout + result.stderr
    assert len(result.lines) == 1, f"expected exactly one problem line:\n{result.stdout}"
    line = result.lines[0]
    assert line.startswith("briefs/") and ": error: " in line
    assert result.stderr.strip().endswith("1 brief(s): 1 error(s), 0 warning(s)")
    assert result.maxrss_kb < MAX_RSS_KB
    assert_golden(ERRORS / f"{case}.txt", result.stdout)


def test_golden_alias_bomb_is_cheap(golden_runs: dict[str, CliResult]) -> None:
    """Billion laughs: answered in little more CPU than the cheapest other bad brief (the
    interpreter's start, which depends on the machine, is in both)."""
    result = golden_runs["alias-bomb"]
    assert "aliases" in result.stdout
    baseline = min(run.cpu_seconds for case, run in golden_runs.items() if case != "alias-bomb")
    assert result.cpu_seconds < baseline + 0.5, (result.cpu_seconds, baseline)
    assert result.maxrss_kb < MAX_RSS_KB


def test_golden_huge_nesting_does_not_crash(tmp_path: Path) -> None:
    """Nesting far past the C stack (it used to segfault the composer) is one located error."""
    root = tmp_path / "project"
    _golden_project(root, "empty-brief")
    (root / "briefs" / "empty-brief.yml").unlink()
    (root / "briefs" / "flow.yml").write_text("tags: " + "[" * 400_000 + "]" * 400_000 + "\n")
    (root / "briefs" / "block.yml").write_text("tags:\n" + "- " * 400_000 + "x\n")
    result = run_cli(root, "check", workdir=tmp_path)
    assert result.code == 1, result.stderr
    assert result.lines == [
        "briefs/block.yml:2:2001: error: YAML nesting is deeper than 64 levels",
        "briefs/flow.yml:1:1007: error: YAML nesting is deeper than 64 levels",
    ]
    assert result.cpu_seconds < 3.0


# ---------------------------------------------------------------------------- exit codes


def test_sample_checks_clean(sample_project: Project) -> None:
    result = sample_project.cli("check")
    assert (result.code, result.stdout) == (0, "")
    assert "1 brief(s): 0 error(s), 0 warning(s)" in result.stderr


def test_repository_sample_checks_clean_with_strict(tmp_path: Path) -> None:
    result = run_cli(Path(__file__).resolve().parents[1], "check", "--strict", workdir=tmp_path)
    assert (result.code, result.stdout) == (0, ""), result.stdout + result.stderr


WARNING_ONLY = """\
title: Warnings only
summary: Ishiba wants an early meeting [@ishiba].
as_of: 2024-11-08
sumary: a misspelt key is a warning
sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
actors:
  - id: ishiba
    name: Shigeru Ishiba
judgments:
  - id: meeting
    text: Ishiba will meet Trump before the inauguration.
    likelihood: roughly even chance
    confidence: low
"""


def test_strict_fails_on_warnings_only(project: Project) -> None:
    project.write_brief("warnings", WARNING_ONLY)
    relaxed = project.cli("check")
    assert relaxed.code == 0, relaxed.stdout
    assert relaxed.lines and all(": warning: " in line for line in relaxed.lines)
    assert any("unknown key 'sumary'" in line for line in relaxed.lines)
    assert any("judgment has no evidence" in line for line in relaxed.lines)
    strict = project.cli("check", "--strict")
    assert strict.code == 1
    assert strict.stdout == relaxed.stdout


def test_json_format(project: Project) -> None:
    project.write_brief("warnings", WARNING_ONLY)
    project.write_brief("broken", WARNING_ONLY.replace("confidence: low", "confidence: medium"))
    result = project.cli("check", "--format", "json")
    assert result.code == 1
    report = json.loads(result.stdout)
    assert report.keys() == {"version", "problems", "anchors"} and report["version"] == 1
    problems = report["problems"]
    assert isinstance(problems, list) and len(problems) >= 3
    for problem in problems:
        assert {"path", "line", "column", "severity", "message"} <= problem.keys()
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert isinstance(problem["column"], int) and problem["column"] >= 1
        assert problem["severity"] in ("error", "warning")
    error = next(p for p in problems if p["severity"] == "error")
    assert error["path"] == "briefs/broken.yml"
    assert error["line"] == 15
    assert "confidence" in error["message"] and "'medium'" in error["message"]


def test_json_format_on_a_clean_book_has_no_problems_and_every_anchor(
    sample_project: Project,
) -> None:
    result = sample_project.cli("check", "--format", "json")
    assert result.code == 0
    report = json.loads(result.stdout)
    assert report["problems"] == []
    anchors = report["anchors"]
    assert len(anchors) >= 20 and {a["status"] for a in anchors} == {"exact"}
    seed = (sample_project.root / "seeds" / "ishiba-trump-meeting.txt").read_text("utf-8")
    for anchor in anchors:
        assert seed[anchor["start"] : anchor["end"]] == anchor["quote"] == anchor["matched"]


def test_unknown_option_is_a_usage_error(sample_project: Project) -> None:
    result = sample_project.cli("check", "--no-such-option")
    assert result.code == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_named_file_only(project: Project) -> None:
    project.write_brief("good", WARNING_ONLY.replace("sumary:", "background:"))
    project.write_brief("bad", "title: [\n")
    result = project.cli("check", str(project.briefs / "good.yml"))
    assert "bad.yml" not in result.stdout
    assert result.code == 0


FIVE_ERRORS = """\
title: Five different mistakes
summary: Every one of them is reported, not just the first.
as_of: 2024-02-30
tlp: ORANGE
sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
    reliability: G
risks:
  - id: tariffs
    title: Tariffs
    impact: 9
judgments:
  - text: Japan will pay more.
    likelihood: probably
"""


def test_all_problems_reported_not_the_first(project: Project) -> None:
    project.write_brief("five", FIVE_ERRORS)
    result = project.cli("check")
    assert result.code == 1
    assert len(result.lines) == 5, result.stdout
    assert [line.split(":")[1] for line in result.lines] == ["3", "4", "8", "12", "15"]
    assert all(": error: " in line for line in result.lines)


# ------------------------------------------------------------- the independent fixture book


def test_fixture_book_checks_clean() -> None:
    book = check_book(make_config(FIXTURE_BOOK, {}).with_options(today=TODAY))
    assert [p.format() for p in book.problems] == []
    assert len(book.briefs) == 2
    assert all(doc.ok for doc in book.briefs)
    # the two briefs share one actor by id
    shared = [t for t in book.index.by_id["vukovic"] if t.kind == "actor"]
    assert {t.slug for t in shared} == {doc.slug for doc in book.briefs}


def test_fixture_book_checks_clean_on_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE_BOOK, root)
    make_minimal_project(root)
    result = run_cli(root, "check", "--strict", workdir=tmp_path)
    assert (result.code, result.stdout) == (0, ""), result.stdout + result.stderr
    assert "2 brief(s): 0 error(s), 0 warning(s)" in result.stderr
