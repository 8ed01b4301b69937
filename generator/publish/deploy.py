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
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.core.book import Book
from generator.core.config import Config
from generator.core.model import tlp_rank
from generator.errors import DeployError

from .gitrepo import (
    check_inputs_committed,
    commit_message,
    git,
    last_line,
    resolve_remote,
    source_commit,
)

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
        raise DeployError(f"cannot reach remote {url}: {last_line(listed.stderr)}")
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
        raise DeployError(f"push to {url} {branch} was rejected: {last_line(proc.stderr)}")


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
