"""The README's quick start, taken from README.md itself and run as written in a clean copy of
the project (``git archive HEAD``), with Debian's own externally managed /usr/bin/python3 and
with the ``python3`` first on PATH: the README cannot drift from what works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

DEBIAN_PYTHON = Path("/usr/bin/python3")
FENCE = re.compile(r"^## Quick start\n.*?^```sh\n(?P<body>.*?)^```$", re.S | re.M)
TIME_BUDGET_S = 300


def readme_block() -> str:
    found = FENCE.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert found, "README.md has no ```sh block under '## Quick start'"
    return found["body"]


def first_command() -> str:
    """Step 1 of the quick start: its command lines, comments left out."""
    step, lines = "", []
    for line in readme_block().splitlines():
        if line.startswith("#"):
            step = line
        elif line.strip() and step.startswith("# 1."):
            lines.append(line)
    assert lines, "the quick start has no step '# 1.'"
    return "\n".join(lines)


def test_the_quick_start_has_the_two_steps() -> None:
    block = readme_block()
    assert re.search(r"^# 1\. .*\n.*briefing check.*briefing build", block, re.M)
    assert re.search(r"^# 2\. .*\nbash \.ci/run$", block, re.M)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """.ci/run's last command is the test command the README names."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = re.search(r"then runs the test command, `([^`]+)`", readme)
    assert named, "README.md does not name the test command"
    steps = [
        line
        for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert steps[-1] == named.group(1)
    assert "PIP_BREAK_SYSTEM_PACKAGES" not in (REPO / ".ci/run").read_text(encoding="utf-8")


def interpreters() -> list[Path]:
    """Debian's own python3 and, when it is another one, the python3 first on PATH."""
    found = [DEBIAN_PYTHON]
    on_path = shutil.which("python3")
    if on_path and Path(on_path).resolve() != DEBIAN_PYTHON.resolve():
        found.append(Path(on_path))
    return found


def clean_copy(dest: Path) -> None:
    """The committed project (``git archive HEAD``): no venv, cache or built site."""
    dest.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)


@pytest.mark.parametrize("python", interpreters(), ids=str)
def test_readme_quick_start_works_as_written(tmp_path: Path, python: Path) -> None:
    if not python.is_file():
        pytest.fail(f"{python} is missing: the quick start is specified for it", pytrace=False)
    root = tmp_path / "clone"
    clean_copy(root)
    keep = ("HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_CACHE_DIR", "http_proxy")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env["PATH"] = os.pathsep.join([str(python.parent), "/usr/bin", "/bin"])
    env["NO_MKDOCS_2_WARNING"] = "1"
    started = time.monotonic()
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", first_command()],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_BUDGET_S,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "1 brief(s): 0 error(s), 0 warning(s)" in run.stderr
    assert (root / "site" / "index.html").is_file()
    assert (root / ".venv" / "bin" / "briefing").is_file()
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", ".venv/"], check=False)
    assert ignored.returncode == 0, ".venv/ is not in .gitignore"
    assert time.monotonic() - started < TIME_BUDGET_S
