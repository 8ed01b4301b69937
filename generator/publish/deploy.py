"""``briefing deploy``: publish a built site to the ``gh-pages`` branch of a git remote.

Plain ``git`` plumbing in a private, temporary git directory: the site folder is staged
with ``add`` (its own work tree), ``.nojekyll`` is added to the index, ``commit-tree``
makes one commit on top of the remote branch (if it exists) and ``push`` sends it. The
project's working tree, index and current branch are never touched.

Defence in depth: the plugin already leaves out every brief above ``max_tlp`` (and every
draft unless drafts are included); before pushing, the staged site is also scanned for the
slug and title of each of those briefs, and the deploy is refused if any is found.

The deploy commit names the project's commit it was built from, so the inputs (the briefs
and seeds folders) must be that commit: uncommitted or untracked files there refuse the
deploy, unless allowed, and then the commit message lists them.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.core.book import Book
from generator.core.config import Config
from generator.core.model import tlp_rank
from generator.errors import DeployError, one_line

log = logging.getLogger(__name__)

NOJEKYLL = ".nojekyll"
FALLBACK_IDENTITY = {
    "GIT_AUTHOR_NAME": "briefing",
    "GIT_AUTHOR_EMAIL": "briefing@localhost",
    "GIT_COMMITTER_NAME": "briefing",
    "GIT_COMMITTER_EMAIL": "briefing@localhost",
}


@dataclass(frozen=True)
class Restricted:
    """A brief left out (above ``max_tlp``, or a draft): none of its names may reach the site."""

    slug: str
    title: str
    why: str  # "TLP:AMBER brief", "draft brief"


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


def resolve_remote(root: Path, remote: str) -> str:
    """A remote name of the project's repository, or a URL, or a path (a bare repository)."""
    named = git("remote", "get-url", remote, cwd=root, check=False)
    if named.returncode == 0 and named.stdout.strip():
        url = named.stdout.strip()
        local = root / Path(url).expanduser()
        return str(local.resolve()) if "://" not in url and local.exists() else url
    if "://" in remote or re.match(r"^[\w.-]+@[\w.-]+:", remote):
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


def restricted_briefs(book: Book) -> list[Restricted]:
    """Every valid brief of the checked book above its ``max_tlp``, and every draft unless
    the configuration includes drafts."""
    limit = tlp_rank(book.config.max_tlp)
    found = []
    for doc in book.briefs:
        if doc.brief is None:
            continue
        if tlp_rank(doc.brief.tlp) > limit:
            found.append(Restricted(doc.slug, doc.brief.title, f"TLP:{doc.brief.tlp} brief"))
        elif doc.brief.draft and not book.config.drafts:
            found.append(Restricted(doc.slug, doc.brief.title, "draft brief"))
    return found


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


def _patterns(item: Restricted) -> re.Pattern[str]:
    """The slug as a link or path part (``/slug/``, ``"slug"``, ``slug.json``) or the title."""
    slug = re.escape(item.slug)
    forms = {
        item.title,
        html.escape(item.title, quote=False),
        html.escape(item.title),
        json.dumps(item.title)[1:-1],
        json.dumps(item.title, ensure_ascii=False)[1:-1],
    }
    titles = [re.escape(form) for form in sorted(forms) if form.strip()]
    return re.compile("|".join([rf"(?<=[/\"'=]){slug}(?=[/.\"'#?])", *titles]))


def _site_files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path


def find_restricted(site: Path, items: list[Restricted]) -> list[str]:
    """One line per site file holding the name of a brief above ``max_tlp``."""
    found: list[str] = []
    compiled = [(item, _patterns(item)) for item in items]
    anything = re.compile("|".join(f"(?:{p.pattern})" for _, p in compiled) or r"(?!)")
    slugs = {item.slug for item in items}
    for path in _site_files(site):
        rel = path.relative_to(site).as_posix()
        parts = {part.split(".")[0] for part in rel.split("/")}
        text = path.read_bytes().decode("utf-8", errors="ignore")
        if not anything.search(text) and not parts & slugs:
            continue  # the common case: one scan of the file for all restricted briefs
        for item, pattern in compiled:
            if item.slug in parts or pattern.search(text):
                found.append(f"{rel}: names the {item.why} '{item.slug}'")
    return found


def check_site(config: Config, site: Path, restricted: list[Restricted]) -> None:
    """Refuse a site that names any brief of ``restricted`` (or is not a built site)."""
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} is not a built site (no index.html); run briefing build")
    found = find_restricted(site, restricted)
    for line in found:
        log.info("%s", line)
    if found:
        raise DeployError(
            f"refusing to deploy: {len(found)} file(s) of {site} name briefs left out of "
            f"the site (above TLP:{config.max_tlp}, or drafts) (first: {found[0]})"
        )


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
    listed = git(f"--git-dir={gitdir}", "ls-remote", url, ref, check=False)
    if listed.returncode != 0:
        raise DeployError(f"cannot reach remote {url}: {_last_line(listed.stderr)}")
    if not listed.stdout.strip():
        return None
    git(f"--git-dir={gitdir}", "fetch", "-q", "--depth=1", url, f"{ref}:refs/remotes/site/{branch}")
    return git(f"--git-dir={gitdir}", "rev-parse", f"refs/remotes/site/{branch}").stdout.strip()


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
        f"--git-dir={gitdir}", "push", "-q", url, f"{commit}:refs/heads/{branch}", check=False
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
    allow_uncommitted: bool = False,
) -> Deployed:
    """Publish ``site`` (already built) to ``branch`` of ``remote``, refusing it if it names
    any of the ``restricted`` briefs (:func:`restricted_briefs`) or if its inputs are not
    committed (unless allowed); see the module doc."""
    url = resolve_remote(config.root, remote)
    changes = check_inputs_committed(config, allow_uncommitted)
    check_site(config, site, restricted)
    source = source_commit(config.root)
    text = commit_message(source, changes, message)
    with tempfile.TemporaryDirectory(prefix="briefing-deploy-") as tmp:
        gitdir = Path(tmp) / "repo.git"
        git("init", "-q", "--bare", str(gitdir))
        tree = _stage(gitdir, site.resolve())
        listed = git(f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", tree).stdout
        files = len(listed.splitlines())
        parent = _remote_head(gitdir, url, branch)
        commit = _commit(gitdir, tree, parent, text)
        _push(gitdir, url, commit, branch)
    log.info("pushed %s to %s %s", commit, url, branch)
    return Deployed(commit, url, branch, files, source, changed=commit != parent)
