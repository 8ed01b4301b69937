"""Issue 11, classes "git arguments" and "deploy's trace scan".

- ``deploy --remote`` / ``--branch`` never reach git as an option: a value starting with
  ``-`` (``--upload-pack=...`` would run a command) or that is neither a remote name, URL
  nor path is refused before git runs.
- The trace scan is exact: a site file the build writes for a brief above ``max_tlp``, or
  its slug/title where the build puts a brief's slug or title, refuses the deploy; a
  published brief sharing a word with a RED brief's title ("Timeline") does not.
- A brief an earlier deploy published that is now above ``max_tlp`` is named in a warning.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from site_helpers import AMBER_SLUG, ROOT, briefing, copy_project

from generator.publish.trace import Restricted, find_restricted


def git(*args: str, cwd: Path | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def git_project(tmp: Path, *, amber: bool = True) -> tuple[Path, Path]:
    root = copy_project(tmp / "project", amber=amber)
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init", cwd=root)
    bare = tmp / "remote.git"
    git("init", "-q", "--bare", str(bare))
    git("remote", "add", "origin", str(bare), cwd=root)
    return root, bare


@pytest.mark.parametrize(
    "value",
    [
        "--upload-pack=touch {flag}",
        "--receive-pack=touch {flag}",
        "-c core.sshCommand=touch {flag}",
        "ext::sh -c touch% {flag}",
        "origin\n--upload-pack=touch {flag}",
    ],
)
@pytest.mark.parametrize("option", ["--remote", "--branch"])
def test_deploy_options_never_reach_git_as_options(tmp_path: Path, option: str, value: str) -> None:
    root, bare = git_project(tmp_path, amber=False)
    flag = tmp_path / "ran"
    proc = briefing(root, "deploy", "--no-build", f"{option}={value.format(flag=flag)}")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not flag.exists()
    assert git(f"--git-dir={bare}", "branch", "--list") == ""


def make_site(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for rel, text in {"index.html": "<h1>Home</h1>", **files}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


RED = Restricted("red-note", "Timeline", "RED", actors=("secret-office",))


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("briefs/red-note/index.html", "x"),
        ("briefs/red-note/source-a/index.html", "x"),
        ("data/red-note.json", "{}"),
        ("pdf/red-note.pdf", "%PDF"),
        ("actors/secret-office/index.html", "x"),
        ("risks/index.html", '<a href="../briefs/red-note/#risk-a">a risk</a>'),
        ("briefs/index.html", '<li><a href="red-note/">Timeline</a></li>'),
        ("data/index.json", '{"briefs": [{"slug": "red-note", "title": "Timeline"}]}'),
    ],
)
def test_trace_scan_finds_every_trace(tmp_path: Path, rel: str, text: str) -> None:
    site = make_site(tmp_path, {rel: text})
    found = find_restricted(site, [RED])
    assert len(found) == 1 and found[0].startswith(f"{rel}: "), found


def test_trace_scan_raises_no_false_alarm(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "timeline/index.html": "<h1>Timeline</h1><p>The Timeline of every brief.</p>",
            "briefs/other/index.html": '<a href="../../timeline/">Timeline</a> red-note-2',
            "data/index.json": '{"briefs": [{"title": "Timeline"}, {"slug": "red-notes"}]}',
            "actors/office/index.html": "red-note secret-office as words",
        },
    )
    assert find_restricted(site, [RED]) == []


def test_deploy_says_when_a_published_brief_became_restricted(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    brief = root / "briefs" / f"{AMBER_SLUG}.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("tlp: AMBER", "tlp: CLEAR"))
    first = briefing(root, "deploy")
    assert first.returncode == 0, first.stderr
    assert f"briefs/{AMBER_SLUG}/index.html" in git(
        f"--git-dir={bare}", "ls-tree", "-r", "--name-only", "gh-pages"
    )
    brief.write_text(brief.read_text(encoding="utf-8").replace("tlp: CLEAR", "tlp: AMBER"))
    second = briefing(root, "deploy")
    assert second.returncode == 0, second.stderr
    assert AMBER_SLUG in second.stderr and "earlier deploy published it" in second.stderr
    assert "git history" in second.stderr
    files = git(f"--git-dir={bare}", "ls-tree", "-r", "--name-only", "gh-pages")
    assert AMBER_SLUG not in files
