"""``briefing deploy``: publish a built site to the ``gh-pages`` branch of a git remote.

Plain ``git`` plumbing in a private, temporary git directory: the site folder is staged
with ``add`` (its own work tree), ``.nojekyll`` is added to the index, ``commit-tree``
makes one commit on top of the remote branch (if it exists) and ``push`` sends it. The
project's working tree, index and current branch are never touched.

Defence in depth: the plugin already leaves out every brief above ``max_tlp``; before
pushing, the site is also checked for the files and names of each of those briefs
(:mod:`.trace`), and the deploy is refused if any is found. A brief that an earlier deploy
published and that is now above ``max_tlp`` is named in a warning: the new commit drops
it, the branch's history keeps it.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.core.config import Config
from generator.errors import DeployError, one_line

from .trace import Restricted, check_site, published_earlier

log = logging.getLogger(__name__)

NOJEKYLL = ".nojekyll"
FALLBACK_IDENTITY = {
    "GIT_AUTHOR_NAME": "briefing",
    "GIT_AUTHOR_EMAIL": "briefing@localhost",
    "GIT_COMMITTER_NAME": "briefing",
    "GIT_COMMITTER_EMAIL": "briefing@localhost",
}


@dataclass(frozen=True)
class Deployed:
    commit: str
    remote: str
    branch: str
    files: int
    source: str | None
    changed: bool = True

    def line(self) -> str:
        origin = f" (source {self.source[:12]})" if self.source else ""
        verb = "published" if self.changed else "unchanged:"
        return (
            f"{verb} {self.files} file(s) on {self.remote} {self.branch} "
            f"at {self.commit[:12]}{origin}"
        )


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
        raise DeployError(f"git {args[0]} failed: {_last_line(proc.stderr)}")
    return proc


def _last_line(text: str) -> str:
    """git's most telling line: a rejection, else the first fatal/error, else the last one."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    telling = (
        [line for line in lines if "rejected]" in line]
        or [line for line in lines if line.startswith(("fatal:", "error:"))]
        or lines
    )
    return one_line(telling[0] if telling else "no message")


REMOTE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
REMOTE_URL = re.compile(r"^(?:(?:https?|ssh|git|file)://[^\s]+|[\w.-]+@[\w.-]+:[^\s]*)$")


def refuse_option_like(what: str, value: str) -> None:
    """A value git would take for an option (``--upload-pack=...`` runs a command)."""
    if not value or value.startswith("-") or any(ord(ch) < 32 for ch in value):
        raise DeployError(
            f"{what}: expected a remote name, URL or path; found {value!r} "
            "(a value starting with '-' or holding control characters is refused)"
        )


def check_branch(branch: str) -> str:
    """A branch name git accepts as it is (never an option, never a refspec)."""
    refuse_option_like("--branch", branch)
    proc = git("check-ref-format", "--branch", branch, check=False)
    if proc.returncode != 0 or ":" in branch:
        raise DeployError(f"--branch: expected a git branch name; found {branch!r}")
    return branch


def resolve_remote(root: Path, remote: str) -> str:
    """A remote name of the project's repository, or a URL, or a path (a bare repository).

    Whatever it is, it reaches git only after ``--`` or as a checked name, URL or path."""
    refuse_option_like("--remote", remote)
    named = (
        git("remote", "get-url", remote, cwd=root, check=False)
        if REMOTE_NAME.match(remote)
        else None
    )
    if named is not None and named.returncode == 0 and named.stdout.strip():
        url = named.stdout.strip()
        refuse_option_like(f"remote '{remote}'", url)
        local = root / Path(url).expanduser()
        return str(local.resolve()) if "://" not in url and local.exists() else url
    if REMOTE_URL.match(remote):
        return remote
    path = Path(remote).expanduser()
    if path.exists():
        return str(path.resolve())
    raise DeployError(
        f"no git remote '{remote}' in {root} and no repository at that path; "
        "give --remote a remote name, URL or path"
    )


def source_commit(root: Path) -> str | None:
    """The project's current commit, if it is a git repository with one."""
    proc = git("rev-parse", "--verify", "-q", "HEAD", cwd=root, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None


def _identity(gitdir: Path) -> dict[str, str]:
    """The user's git identity if configured, else a neutral one (CI runners have none)."""
    proc = git(f"--git-dir={gitdir}", "var", "GIT_COMMITTER_IDENT", check=False)
    return {} if proc.returncode == 0 else FALLBACK_IDENTITY


def _stage(gitdir: Path, site: Path) -> str:
    """Stage the site plus ``.nojekyll`` in the private index; return the tree id."""
    base = (f"--git-dir={gitdir}", f"--work-tree={site}")
    git(*base, "add", "--all", "--force", ".", cwd=site)
    blob = git(f"--git-dir={gitdir}", "hash-object", "-w", "--stdin", cwd=site).stdout.strip()
    git(*base, "update-index", "--add", "--cacheinfo", f"100644,{blob},{NOJEKYLL}", cwd=site)
    return git(f"--git-dir={gitdir}", "write-tree").stdout.strip()


def _remote_head(gitdir: Path, url: str, branch: str) -> str | None:
    """Fetch the tip of ``branch`` (shallow) if the remote has it; None for a first deploy."""
    ref = f"refs/heads/{branch}"
    listed = git(f"--git-dir={gitdir}", "ls-remote", "--", url, ref, check=False)
    if listed.returncode != 0:
        raise DeployError(f"cannot reach remote {url}: {_last_line(listed.stderr)}")
    if not listed.stdout.strip():
        return None
    fetched = f"{ref}:refs/remotes/site/{branch}"
    git(f"--git-dir={gitdir}", "fetch", "-q", "--depth=1", "--", url, fetched)
    return git(f"--git-dir={gitdir}", "rev-parse", f"refs/remotes/site/{branch}").stdout.strip()


def warn_published_earlier(
    gitdir: Path, parent: str, restricted: list[Restricted], max_tlp: str
) -> None:
    """Say so when the branch still holds a brief that is now above ``max_tlp``."""
    listed = git(f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", parent).stdout
    for item in published_earlier(listed.splitlines(), restricted):
        log.warning(
            "brief '%s' is now TLP:%s, above max_tlp %s, but an earlier deploy published it: "
            "this deploy removes it from the site; it remains in the branch's git history",
            item.slug,
            item.tlp,
            max_tlp,
        )


def _commit(gitdir: Path, tree: str, parent: str | None, message: str) -> str:
    """A commit of ``tree``; the same tree as the parent's makes no new commit."""
    if parent is not None:
        same = git(f"--git-dir={gitdir}", "rev-parse", f"{parent}^{{tree}}").stdout.strip()
        if same == tree:
            return parent
    args = ["commit-tree", tree, "-m", message, *(["-p", parent] if parent else [])]
    return git(f"--git-dir={gitdir}", *args, env=_identity(gitdir)).stdout.strip()


def _push(gitdir: Path, url: str, commit: str, branch: str) -> None:
    proc = git(
        f"--git-dir={gitdir}", "push", "-q", "--", url, f"{commit}:refs/heads/{branch}", check=False
    )
    if proc.returncode != 0:
        raise DeployError(f"push to {url} {branch} was rejected: {_last_line(proc.stderr)}")


def deploy_site(
    config: Config,
    site: Path,
    remote: str,
    restricted: list[Restricted],
    *,
    branch: str = "gh-pages",
    message: str | None = None,
) -> Deployed:
    """Publish ``site`` (already built) to ``branch`` of ``remote``, refusing it if it names
    any of the ``restricted`` briefs (:func:`restricted_briefs`); see the module doc."""
    url = resolve_remote(config.root, remote)
    check_branch(branch)
    check_site(config.max_tlp, site, restricted)
    source = source_commit(config.root)
    text = message or (
        f"Publish briefing site from {source}"
        if source
        else "Publish briefing site (no source commit)"
    )
    with tempfile.TemporaryDirectory(prefix="briefing-deploy-") as tmp:
        gitdir = Path(tmp) / "repo.git"
        git("init", "-q", "--bare", str(gitdir))
        tree = _stage(gitdir, site.resolve())
        listed = git(f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", tree).stdout
        files = len(listed.splitlines())
        parent = _remote_head(gitdir, url, branch)
        if parent is not None:
            warn_published_earlier(gitdir, parent, restricted, config.max_tlp)
        commit = _commit(gitdir, tree, parent, text)
        _push(gitdir, url, commit, branch)
    log.info("pushed %s to %s %s", commit, url, branch)
    return Deployed(commit, url, branch, files, source, changed=commit != parent)
