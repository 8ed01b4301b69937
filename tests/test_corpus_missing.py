"""Without ../shared/corpus the suite stops at once with one line, and so does .ci/run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_suite_without_the_corpus_stops_before_running(tmp_path: Path) -> None:
    absent = tmp_path / "no-corpus"
    env = {**os.environ, "BRIEFING_CORPUS": str(absent), "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_anchor.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 4, run.stdout + run.stderr
    message = [line for line in run.stdout.splitlines() if "the BBC corpus is missing" in line]
    assert len(message) == 1, run.stdout
    assert f"expected {absent} (with politics/001.txt)" in message[0]
    assert 'need it (run the others with -m "not corpus")' in message[0]
    assert " passed" not in run.stdout and " error" not in run.stdout


def test_suite_without_the_corpus_runs_what_does_not_need_it(tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFING_CORPUS": str(tmp_path), "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not corpus",
            "tests/test_anchor.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert "deselected" in run.stdout


def test_ci_run_checks_the_corpus_first(tmp_path: Path) -> None:
    """One line naming what is missing, before anything is installed (no apt-get on PATH)."""
    repo = tmp_path / "clone"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy2(REPO / ".ci" / "run", repo / ".ci" / "run")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "realpath"):
        found = shutil.which(tool)
        assert found, tool
        (tools / tool).symlink_to(found)
    run = subprocess.run(
        [str(tools / "bash"), str(repo / ".ci" / "run")],
        env={"PATH": str(tools), "CI": "true"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr == (
        f"error: the BBC corpus is missing: expected {tmp_path}/shared/corpus/bbc-2005/"
        "politics/001.txt ...; check out the shared folder beside the repository as ../shared\n"
    )
