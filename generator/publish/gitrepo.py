"""The project's git repository, as deploy sees it: running ``git``, the commit a deploy
names, and whether the inputs (the briefs and seeds folders) are that commit.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from generator.core.config import Config
from generator.errors import DeployError, one_line

log = logging.getLogger(__name__)


def git(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """Run ``git``; a failure with ``check`` is a :class:`DeployError` with git's last line."""
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            check=False,
            input=stdin,
        )
    except FileNotFoundError:
        raise DeployError("git is not installed (deploy needs the git command)") from None
    log.debug("git %s -> %d %s", " ".join(args), proc.returncode, proc.stderr.strip())
    if check and proc.returncode != 0:
        raise DeployError(f"git {args[0]} failed: {last_line(proc.stderr)}")
    return proc


def last_line(text: str) -> str:
    """git's most telling line: a rejection, else the first fatal/error, else the last one."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    telling = (
        [line for line in lines if "rejected]" in line]
        or [line for line in lines if line.startswith(("fatal:", "error:"))]
        or lines
    )
    return one_line(telling[0] if telling else "no message")


def source_commit(root: Path) -> str | None:
    """The project's current commit, if it is a git repository with one."""
    proc = git("rev-parse", "--verify", "-q", "HEAD", cwd=root, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None


GIT_STATES = {
    "??": "untracked",
    "!!": "ignored by git",
    "M": "modified",
    "A": "added",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "type changed",
    "U": "unmerged",
}
SHOWN_CHANGES = 12


def input_changes(config: Config) -> list[str] | None:
    """Files of the briefs and seeds folders that differ from HEAD, as ``path (state)``;
    None when the project is not in a git repository with a commit."""
    if source_commit(config.root) is None:
        return None
    folders = [config.briefs_dir, config.seeds_dir]
    proc = git(
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--ignored=matching",
        "--",
        *folders,
        cwd=config.root,
    )
    entries = proc.stdout.split("\0")
    changes, skip = [], False
    for entry in entries:
        if skip or len(entry) < 4:
            skip = False
            continue
        code, path = entry[:2], entry[3:]
        skip = "R" in code or "C" in code  # the next entry is the old name
        state = GIT_STATES.get(code) or GIT_STATES.get(code.strip()[:1], "changed")
        changes.append(f"{path} ({state})")
    return changes


def describe_changes(changes: list[str]) -> str:
    shown = ", ".join(changes[:SHOWN_CHANGES])
    more = len(changes) - SHOWN_CHANGES
    return shown + (f" and {more} more" if more > 0 else "")


def check_inputs_committed(config: Config, allow: bool) -> list[str]:
    """The uncommitted inputs (see :func:`input_changes`); refused unless ``allow``."""
    changes = input_changes(config) or []
    if changes and not allow:
        raise DeployError(
            f"refusing to deploy: {len(changes)} file(s) under {config.briefs_dir}/ or "
            f"{config.seeds_dir}/ differ from the commit the deploy would name: "
            f"{describe_changes(changes)}; hint: commit them (or remove them), or pass "
            "--allow-uncommitted to publish them anyway (the deploy commit then lists them)"
        )
    return changes


def commit_message(source: str | None, changes: list[str], message: str | None) -> str:
    """What the deploy used: the source commit, plus any uncommitted inputs by name."""
    text = message or (
        f"Publish briefing site from {source}"
        if source
        else "Publish briefing site (no source commit)"
    )
    if changes:
        text += (
            f"\n\nBuilt with {len(changes)} uncommitted input file(s) "
            f"(not in {source}):\n" + "\n".join(f"- {c}" for c in changes)
        )
    return text
