"""Shared fixtures of the checker's test suite.

Golden files: ``tests/golden/errors/<case>.yml`` is a bad brief and ``<case>.txt`` the exact
output ``briefing check`` must print for it. After a deliberate change of a message, rewrite
the expected files with this one command, then review the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest tests -k golden
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from site_helpers import chromium, copy_project, mkdocs_build, serve

from generator.build import check_book
from generator.core.book import Book
from generator.core.config import Config, make_config

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
GOLDEN = TESTS / "golden"
FIXTURE_BOOK = TESTS / "fixtures" / "book"
SAMPLE_BRIEF = REPO / "briefs" / "ishiba-trump-meeting.yml"
SAMPLE_SEED = REPO / "seeds" / "ishiba-trump-meeting.txt"
#: The corpus beside the repository; ``BRIEFING_CORPUS`` names another place (a worktree).
CORPUS = Path(
    os.environ.get("BRIEFING_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-2005"
)
#: A fixed "today" so that stale/future rules do not depend on the calendar.
TODAY = dt.date(2025, 1, 15)
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def corpus_missing() -> str:
    """Why the corpus cannot be used, in one line ("" when it is there)."""
    if (CORPUS / "politics" / "001.txt").is_file():
        return ""
    return (
        f"the BBC corpus is missing: expected {CORPUS} (with politics/001.txt); "
        "check out the shared folder beside the repository as ../shared"
    )


def pytest_itemcollected(item: pytest.Item) -> None:
    """Tests that read the corpus are marked ``corpus`` (``-m "not corpus"`` leaves them out)."""
    if "corpus" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.corpus)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the corpus, stop before running anything: one line, not an error per test."""
    needing = [item for item in items if item.get_closest_marker("corpus")]
    missing = corpus_missing()
    if needing and missing:
        pytest.exit(
            f"{missing}; {len(needing)} selected test(s) need it "
            '(run the others with -m "not corpus")',
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The BBC 2005 corpus beside the repository (CI checks it out to ../shared)."""
    missing = corpus_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    return CORPUS


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample project plus a second brief, built once by ``mkdocs build`` and served on
    127.0.0.1 for every browser test."""
    root = copy_project(tmp_path_factory.mktemp("browser"))
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test (each test opens its own context)."""
    with chromium() as launched:
        yield launched


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str
    #: peak resident memory of the child, in kilobytes (Linux ru_maxrss)
    maxrss_kb: int = 0
    #: user + system CPU seconds of the child
    cpu_seconds: float = 0.0

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@dataclass
class PendingCli:
    """A started ``python -m generator`` child; :meth:`result` waits for it."""

    proc: subprocess.Popen[bytes]
    out: Path
    err: Path

    def result(self) -> CliResult:
        _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return CliResult(
            self.proc.returncode,
            self.out.read_text(encoding="utf-8"),
            self.err.read_text(encoding="utf-8"),
            usage.ru_maxrss,
            usage.ru_utime + usage.ru_stime,
        )


_RUNS = 0


def start_cli(root: Path, *args: str, workdir: Path) -> PendingCli:
    """Start ``python -m generator --root ROOT ARGS``; output goes to files in ``workdir``."""
    global _RUNS
    _RUNS += 1
    out, err = workdir / f"cli-{_RUNS}.out", workdir / f"cli-{_RUNS}.err"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), *args],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
            env=env,
        )
    return PendingCli(proc, out, err)


def run_cli(root: Path, *args: str, workdir: Path) -> CliResult:
    """Run the CLI and wait; ``workdir`` (a temporary folder) receives its output files."""
    return start_cli(root, *args, workdir=workdir).result()


MINIMAL = """\
title: A minimal brief
summary: Nothing to see.
as_of: 2024-11-08
sources:
  - id: article
    file: seeds/ishiba-trump-meeting.txt
"""


@dataclass
class Project:
    """A throw-away project: ``briefs/``, ``seeds/`` (with the sample article) and helpers."""

    root: Path
    options: dict[str, Any] = field(default_factory=dict)
    today: dt.date = TODAY

    @property
    def briefs(self) -> Path:
        return self.root / "briefs"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    def make_config(self, **options: Any) -> Config:
        return make_config(self.root, {**self.options, **options}).with_options(today=self.today)

    def write_brief(self, name: str, text: str) -> Path:
        """Write ``briefs/<name>.yml`` (``text`` is dedented)."""
        path = self.briefs / (name if name.endswith(".yml") else f"{name}.yml")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_seed(self, name: str, content: str | bytes) -> Path:
        path = self.seeds / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def check(self, **options: Any) -> Book:
        return check_book(self.make_config(**options))

    def cli(self, *args: str) -> CliResult:
        return run_cli(self.root, *args, workdir=self.root.parent)


#: The least a project needs: MkDocs validates mkdocs.yml (docs_dir must exist) for every command.
MINIMAL_MKDOCS_YML = "site_name: Test book\nplugins:\n  - briefing\n"


def make_minimal_project(root: Path) -> None:
    """``mkdocs.yml`` enabling the plugin, an empty ``docs/``, ``briefs/`` and ``seeds/``."""
    for folder in ("docs", "briefs", "seeds"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    make_minimal_project(root)
    shutil.copyfile(SAMPLE_SEED, root / "seeds" / SAMPLE_SEED.name)
    return Project(root)


@pytest.fixture
def sample_project(project: Project) -> Project:
    """A project holding the sample brief."""
    shutil.copyfile(SAMPLE_BRIEF, project.briefs / SAMPLE_BRIEF.name)
    return project


def formatted(book: Book) -> list[str]:
    return [problem.format() for problem in book.problems]


def codes(book: Book) -> list[str]:
    return [problem.code for problem in book.problems]


def assert_golden(expected_file: Path, actual: str) -> None:
    """Compare ``actual`` with the file; with ``UPDATE_GOLDEN=1``, rewrite the file instead."""
    if UPDATE_GOLDEN:
        expected_file.write_text(actual, encoding="utf-8")
        return
    if not expected_file.is_file():
        pytest.fail(
            f"no golden file {expected_file.relative_to(REPO)}; create it with "
            "UPDATE_GOLDEN=1 python -m pytest tests -k golden",
            pytrace=False,
        )
    expected = expected_file.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {expected_file.relative_to(REPO)}"
