"""Issue 7, hostile input and failure safety: every guarantee of DESIGN section 7, proved.

- Markup and script in every field of a brief render inert: built HTML, attributes,
  JSON-LD, the SVG heat map, the search index, JSON exports and the PDF.
- A brief above ``max_tlp`` leaves no byte in ``site/``, the generated tree or the
  deployed branch.
- Ids, slugs and source paths stay in their folders; nothing is written outside the
  output folders; hand-written ``docs/`` pages survive build, serve and deploy.
- Alias bombs, deep nesting, huge, empty, binary and UTF-16 files are located errors,
  fast and in bounded memory, never a traceback.
- A build that fails half-way leaves the previous ``site/`` as it was.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile_payloads import (
    ESCAPED_SCRIPT,
    HOSTILE,
    LIVE_MARKUP,
    PAYLOADS,
    PageScan,
    Run,
    dump_brief,
    file_bytes,
    hostile_article,
    hostile_brief,
    located_errors,
    make_project,
    run_cli,
    sample_project,
    scan_html,
    tree_hashes,
)

from generator import build as build_module
from generator.build import check_book
from generator.errors import ConfigError, OutputError
from generator.publish.output import site_swap, write_tree
from generator.publish.search import read_documents
from generator.render.markdown import to_html, to_inline_html
from generator.site.project import read_config

PDFTOTEXT = shutil.which("pdftotext")
GIT = shutil.which("git")

#: Every text field of the format, by the tag its hostile text carries.
FIELDS = (
    "title",
    "summary",
    "tag",
    "region",
    "source.title",
    "source.publisher",
    "background",
    "judgment.text",
    "actor.name",
    "actor.native_name",
    "actor.alias",
    "actor.role",
    "actor.stance",
    "relation.label",
    "timeline.event",
    "figure.value",
    "figure.label",
    "quote.context",
    "risk.title",
    "risk.description",
    "risk.indicator",
    "open_question",
)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_text(text: str) -> str:
    """All text data of a page (entities decoded), whitespace folded."""
    scan = _TextScan()
    scan.feed(text)
    return " ".join(" ".join(scan.parts).split())


class _TextScan(PageScan):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        self.parts.append(data)


# =========================================================================== inert rendering


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose one brief has hostile text in every field, built with its PDF."""
    root = make_project(
        tmp_path_factory.mktemp("hostile") / "book",
        {"hostile": hostile_brief()},
        {"hostile.txt": hostile_article()},
    )
    run = run_cli("--root", root, "build", "--pdf")
    assert run.returncode == 0, run.lines
    return root / "site"


def test_hostile_brief_checks_clean(tmp_path: Path) -> None:
    """The hostile brief is a valid brief: payloads are text, not errors to hide behind."""
    root = make_project(
        tmp_path / "book", {"hostile": hostile_brief()}, {"hostile.txt": hostile_article()}
    )
    book = check_book(read_config(root))
    assert book.errors == []
    assert all(c.anchor.found for c in book.briefs[0].cited)
    assert len(book.briefs[0].cited) >= 4


def test_every_field_reaches_the_site_escaped(hostile_site: Path) -> None:
    """Each field's payload is shown, as text: '<script>' is on the page, not in the DOM."""
    texts = {p: page_text(p.read_text(encoding="utf-8")) for p in html_pages(hostile_site)}
    for tag in FIELDS:
        shown = f"F[{tag}] <script>alert(1)</script> <img src=x onerror=alert(1)>"
        assert any(shown in text for text in texts.values()), f"{tag} is not shown as text"
    brief_page = (hostile_site / "briefs/hostile/index.html").read_text(encoding="utf-8")
    assert ESCAPED_SCRIPT in brief_page
    quote = page_text(brief_page)
    assert HOSTILE in quote  # the quote (anchored in the article) is shown whole


def test_every_built_page_is_inert(hostile_site: Path) -> None:
    """No brief script, event handler, javascript:/data: URL or live markup in any page."""
    pages = html_pages(hostile_site)
    assert len(pages) >= 10
    failures = {
        p.relative_to(hostile_site).as_posix(): problems
        for p in pages
        if (problems := scan_html(p.read_text(encoding="utf-8")))
    }
    assert failures == {}


def test_generated_tree_builds_inert(hostile_site: Path, tmp_path: Path) -> None:
    """The plain tree (``briefing generate``, plugin-free mkdocs.yml) built by MkDocs alone."""
    root = hostile_site.parent
    out = tmp_path / "tree"
    run = run_cli("--root", root, "generate", out)
    assert run.returncode == 0, run.lines
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    pages = html_pages(out / "site")
    assert any("F[title]" in p.read_text("utf-8") for p in pages)
    failures = {
        p.relative_to(out).as_posix(): problems
        for p in pages
        if (problems := scan_html(p.read_text(encoding="utf-8")))
    }
    assert failures == {}


def test_theme_has_no_data_urls(hostile_site: Path) -> None:
    """No page, the theme's included, uses data: in href/src (so the scan allows none)."""
    for page in html_pages(hostile_site):
        assert not re.search(
            r"""(?:href|src)\s*=\s*["']?\s*data:""", page.read_text("utf-8"), re.I
        ), page


def test_scan_catches_live_payloads() -> None:
    """The page scan itself is sound: it flags each payload when it is live markup."""
    live = {
        "<script>alert(1)</script>": "inline script",
        "<img src=x onerror=alert(1)>": "event handler",
        '<a href="javascript:alert(1)">x</a>': "unsafe URL",
        '<a href=" DATA:text/html,x">x</a>': "unsafe URL",
        "<svg onload=alert(1)>": "event handler",
        "<iframe src=x></iframe>": "<iframe>",
        '<script src="https://evil.example/x.js"></script>': "site's own scripts",
        '<script type="application/ld+json">{"a": "</b>"}</script>': "raw '<'",
    }
    for markup, expected in live.items():
        problems = scan_html(f"<html><body>{markup}</body></html>")
        assert any(expected in p for p in problems), (markup, problems)
    assert scan_html('<script src="../assets/javascripts/bundle.js"></script>') == []


def test_json_ld_cannot_be_closed(hostile_site: Path) -> None:
    page = (hostile_site / "briefs/hostile/index.html").read_text(encoding="utf-8")
    scan = PageScan()
    scan.feed(page)
    blocks = [s for s in scan.scripts if s.attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    raw = blocks[0].text
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["name"].startswith("F[title] <script>alert(1)</script>")  # the value survives
    assert HOSTILE.split()[0] in json.dumps(data, ensure_ascii=False)


def test_heat_map_svg_is_inert(hostile_site: Path) -> None:
    for rel in ("briefs/hostile/index.html", "risks/index.html"):
        page = (hostile_site / rel).read_text(encoding="utf-8")
        svg = re.search(r"<svg[^>]*class=\"heatmap\".*?</svg>", page, re.S)
        assert svg, rel
        body = svg.group(0)
        assert scan_html(body) == []
        assert "<script" not in body and "<svg onload" not in body
        assert "F[risk.title] &lt;script&gt;alert(1)&lt;/script&gt;" in body
        hrefs = re.findall(r'href="([^"]*)"', body)
        assert hrefs and all(not h.lower().startswith(("javascript:", "data:")) for h in hrefs)


def test_search_index_holds_payloads_only_escaped(hostile_site: Path) -> None:
    """Material's search shows index text as HTML: payloads must be escaped in it."""
    docs = read_documents(hostile_site)
    assert docs
    joined = "\n".join(f"{d.get('title', '')}\n{d.get('text', '')}" for d in docs)
    assert "F[summary] &lt;script&gt;alert(1)&lt;/script&gt;" in joined
    for needle in LIVE_MARKUP:
        assert needle not in joined
    for doc in docs:
        for key in ("title", "text"):
            assert scan_html(str(doc.get(key, ""))) == [], (doc["location"], key)


def test_exports_are_valid_json_with_text_intact(hostile_site: Path) -> None:
    data = hostile_site / "data"
    brief = json.loads((data / "hostile.json").read_text(encoding="utf-8"))
    assert json.dumps(brief, ensure_ascii=False).count("<script>alert(1)</script>") > 5
    json.loads((data / "hostile.annotations.jsonld").read_text(encoding="utf-8"))
    json.loads((data / "index.json").read_text(encoding="utf-8"))
    ET.fromstring(file_bytes(hostile_site / "sitemap.xml"))


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (pdftotext) not installed")
def test_pdf_shows_payloads_as_text(hostile_site: Path) -> None:
    """Typst markup in a field is printed, not executed; no file is read into the PDF."""
    pdf = hostile_site / "pdf/hostile.pdf"
    assert pdf.is_file()
    out = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(out.replace("\u00ad", "").split())  # line breaks and hyphenation
    for literal in (
        "#setpage(fill:red)",
        '#read("/etc/passwd")',
        "<script>alert(1)</script>",
        "{{7*7}}",
        "F[title]",
        "F[risk.title]",
        "F[actor.stance]",
    ):
        assert literal in flat, literal
    assert "root:x:0:0" not in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_fields_escape_each_payload(payload: str) -> None:
    """Each payload alone, through the Markdown renderer (block and inline)."""
    for html in (to_html(payload), to_inline_html(payload), to_html(payload + "\n\n" + payload)):
        assert scan_html(html) == [], (payload, html)
        assert "<script" not in html and "<svg" not in html and "<img" not in html


def test_markdown_raw_html_links_and_images() -> None:
    text = (
        "<b>bold</b> <div onclick=x>d</div>\n\n![img](https://evil.example/x.png) "
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( data:text/html,x ) "
        "[d](vbscript:x) <https://ok.example/> [e](https://ok.example/)\n\n"
        "[r][evil]\n\n[evil]: javascript:alert(1)\n"
    )
    html = to_html(text)
    assert scan_html(html) == []
    assert "<b>" not in html and "<div" not in html and "<img" not in html
    assert 'href="https://ok.example/"' in html  # safe links still work


def test_brief_ref_labels_are_escaped() -> None:
    """``[@id]`` resolved to an item with a hostile name: label and title are escaped."""

    def resolve(ref: str) -> tuple[str, str]:
        return ('x" onmouseover="alert(1)', '"><script>alert(1)</script>')

    for html in (to_html("see [@actor]", resolve), to_inline_html("see [@actor]", resolve)):
        assert scan_html(html) == []
        assert "<script>" not in html
    missing = to_html('[@ghost] [@x" onclick="y]', lambda ref: None)
    assert scan_html(missing) == []


def test_unsafe_source_url_is_an_error_not_a_link(tmp_path: Path) -> None:
    brief = hostile_brief()
    brief["sources"][0]["url"] = "javascript:alert(1)"
    root = make_project(tmp_path / "book", {"hostile": brief}, {"hostile.txt": hostile_article()})
    run = run_cli("--root", root, "check")
    assert run.returncode == 1
    assert any("http(s) URL" in m.group(0) for m in located_errors(run))
    # While previewing, the brief becomes an error page: it must be inert too.
    result = build_module.run(read_config(root), home=True, serving=True)
    error_pages = [f for f in result.files if f.src_uri == "briefs/hostile.md"]
    assert error_pages
    assert scan_html(str(error_pages[0].content)) == []
    assert "javascript:alert(1)" in str(error_pages[0].content)  # shown, as text


# =========================================================================== TLP leaks

MARKERS = {"GREEN": "qzgreenmark", "AMBER": "qzambermark", "RED": "qzredmark"}


def secret_brief(level: str, marker: str) -> dict[str, Any]:
    """A brief with ``marker`` in every text field, id and tag; one actor id is shared."""
    brief = hostile_brief()

    fixed = {
        "as_of",
        "review_by",
        "likelihood",
        "confidence",
        "kind",
        "impact",
        "reliability",
        "date",
        "file",
        "evidence",
        "url",
        "id",
        "speaker",
        "from",
        "to",
        "actors",
        "tlp",
    }

    def mark(value: Any) -> Any:
        if isinstance(value, str):
            return f"{value} {marker}"
        if isinstance(value, list):
            return [mark(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k in fixed else mark(v) for k, v in value.items()}
        return value

    secret = mark(brief)
    secret["tlp"] = level
    secret["sources"][0]["file"] = f"seeds/{marker}.txt"
    secret["sources"][0]["url"] = f"https://example.org/{marker}"
    secret["sources"][0]["id"] = f"src-{marker}"
    secret["quotes"][0]["text"] = f"Secret statement {marker}."
    secret["quotes"][0]["speaker"] = "ishiba"
    ev = f"Secret statement {marker}."
    for section in ("judgments", "timeline", "risks"):
        for item in secret[section]:
            item["evidence"] = ev
            item["id"] = f"{item['id']}-{marker}"
    # The shared actor: the CLEAR sample brief also has 'ishiba'; nothing of this one may leak.
    secret["actors"][0]["id"] = "ishiba"
    secret["actors"][0]["evidence"] = ev
    secret["actors"][1]["id"] = f"other-{marker}"
    secret["relations"] = [{"from": "ishiba", "to": f"other-{marker}", "label": f"label {marker}"}]
    secret["timeline"][0]["actors"] = ["ishiba"]
    secret["risks"][0]["actors"] = ["ishiba"]
    secret["summary"] = f"Summary {marker} [@ishiba] [@evil-risk-{marker}]."
    secret["tags"] = [f"tag-{marker}", "japan"]
    return secret


@pytest.fixture(scope="module")
def tlp_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tlp") / "book"
    briefs = {
        f"{level.lower()}-{marker}": secret_brief(level, marker)
        for level, marker in MARKERS.items()
    }
    seeds = {
        f"{marker}.txt": f"Opening line.\n\nSecret statement {marker}.\n"
        for marker in MARKERS.values()
    }
    sample_project(root, briefs=briefs, seeds=seeds)
    assert check_book(read_config(root)).errors == []
    return root


def grep_markers(files: dict[str, bytes]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rel, data in files.items():
        low = data.lower()
        hits = [m for m in MARKERS.values() if m.encode() in low or m.encode() in rel.encode()]
        if hits:
            found[rel] = hits
    return found


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): file_bytes(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_tlp_above_max_leaves_no_byte_in_site(tlp_project: Path) -> None:
    run = run_cli("--root", tlp_project, "build", "--pdf")
    assert run.returncode == 0, run.lines
    files = tree_bytes(tlp_project / "site")
    assert "briefs/ishiba-trump-meeting/index.html" in files  # the CLEAR brief is there
    assert "pdf/ishiba-trump-meeting.pdf" in files
    assert grep_markers(files) == {}
    actor_page = files["actors/ishiba/index.html"].decode("utf-8")
    assert "F[actor" not in actor_page and "alert(1)" not in actor_page


def test_tlp_above_max_leaves_no_byte_in_generated_tree(tlp_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree"
    run = run_cli("--root", tlp_project, "generate", out)
    assert run.returncode == 0, run.lines
    assert grep_markers(tree_bytes(out)) == {}


def _git(*args: str | Path, cwd: Path | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *map(str, args)], cwd=cwd, env=env, capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")


@pytest.mark.skipif(GIT is None, reason="git not installed")
def test_tlp_above_max_leaves_no_byte_in_deployed_branch(tlp_project: Path, tmp_path: Path) -> None:
    """``briefing deploy --remote PATH`` to a local bare repo: grep every deployed file.

    Does not skip when ``generator/publish/deploy.py`` is missing: deploy is part of the guarantee.
    """
    work = tmp_path / "work"
    shutil.copytree(tlp_project, work, ignore=shutil.ignore_patterns("site"))
    bare = tmp_path / "remote.git"
    _git("init", "--bare", "-q", bare)
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "book", cwd=work)
    docs_before = tree_hashes(work / "docs")
    run = run_cli("--root", work, "deploy", "--remote", bare)
    assert run.returncode == 0, run.lines
    assert tree_hashes(work / "docs") == docs_before
    branches = _git(
        "--git-dir", bare, "for-each-ref", "--format=%(refname:short)", "refs/heads"
    ).split()
    branch = "gh-pages" if "gh-pages" in branches else branches[0]
    names = _git("--git-dir", bare, "ls-tree", "-r", "--name-only", branch).splitlines()
    assert "briefs/ishiba-trump-meeting/index.html" in names
    deployed = {}
    for name in names:
        blob = subprocess.run(
            ["git", "--git-dir", str(bare), "show", f"{branch}:{name}"],
            capture_output=True,
            check=True,
        ).stdout
        deployed[name] = file_bytes_of(name, blob)
    assert grep_markers(deployed) == {}
    log = _git("--git-dir", bare, "log", "--format=%B", branch)
    assert not any(m in log.lower() for m in MARKERS.values())


def file_bytes_of(name: str, blob: bytes) -> bytes:
    import gzip

    return gzip.decompress(blob) if name.endswith(".gz") else blob


# =========================================================================== paths


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("TOPSECRETOUTSIDE the minister said so.\n", "utf-8")
    return folder


def _bad_source_cases(outside: Path) -> dict[str, str]:
    return {
        "dotdot": "../outside/secret.txt",
        "seeds-dotdot": "seeds/../../outside/secret.txt",
        "absolute": str(outside / "secret.txt"),
        "backslash": "seeds\\..\\..\\outside\\secret.txt",
        "nul": "seeds/hostile.txt\x00.png",
        "not-under-seeds": "mkdocs.yml",
        "file-symlink": "seeds/link.txt",
        "dir-symlink": "seeds/linkdir/secret.txt",
        "etc-passwd": "/etc/passwd",
    }


def test_source_paths_cannot_leave_seeds(tmp_path: Path, outside: Path) -> None:
    cases = _bad_source_cases(outside)
    briefs = {}
    for name, file in cases.items():
        brief = hostile_brief()
        brief["sources"][0]["file"] = file
        briefs[f"bad-{name}"] = brief
    root = make_project(tmp_path / "book", briefs, {"hostile.txt": hostile_article()})
    (root / "seeds/link.txt").symlink_to(outside / "secret.txt")
    (root / "seeds/linkdir").symlink_to(outside, target_is_directory=True)
    book = check_book(read_config(root))
    for doc in book.briefs:
        path_errors = [p for p in doc.problems if p.code == "source-path"]
        assert len(path_errors) == 1, (doc.slug, doc.problems)
        assert path_errors[0].line > 1  # located at the brief's `file:` line
        assert doc.articles == {}
        assert "TOPSECRETOUTSIDE" not in path_errors[0].format()
    run = run_cli("--root", root, "build")
    assert run.returncode == 1
    assert len({m.group("path") for m in located_errors(run)}) == len(cases)
    assert "Traceback" not in run.stderr and "TOPSECRETOUTSIDE" not in run.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("actors", "id", "../../etc/passwd"),
        ("actors", "id", "/abs"),
        ("actors", "id", "a\\b"),
        ("actors", "id", "a\x00b"),
        ("risks", "id", "../risk"),
        ("judgments", "id", ".."),
        ("timeline", "id", "x/../../y"),
        ("sources", "id", "../src"),
    ],
)
def test_ids_cannot_name_paths(tmp_path: Path, section: str, key: str, value: str) -> None:
    brief = hostile_brief()
    brief[section][0][key] = value
    root = make_project(tmp_path / "book", {"hostile": brief}, {"hostile.txt": hostile_article()})
    book = check_book(read_config(root))
    errors = book.errors
    assert errors and all(p.line > 1 for p in errors), errors
    assert any(p.code == "schema" for p in errors)


@pytest.mark.parametrize("name", ["Upper.yml", "a..b.yml", "a_b.yml", "-x.yml", "x y.yml"])
def test_brief_file_names_must_be_slugs(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path / "book", seeds={"hostile.txt": hostile_article()})
    (root / "briefs" / name).write_text(dump_brief(hostile_brief()), encoding="utf-8")
    book = check_book(read_config(root))
    assert [p.code for p in book.errors] == ["slug"]


@pytest.mark.parametrize("rel", ["../x.md", "/etc/x", "a/../../x", "a\x00b", "docs/../../x"])
def test_write_tree_refuses_paths_leaving_out(tmp_path: Path, rel: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError):
        write_tree(out, {rel: "x"})
    assert list(tmp_path.glob("*")) == [out]


def test_write_tree_stale_manifest_cannot_delete_outside(tmp_path: Path) -> None:
    """A tampered manifest naming ``../victim`` does not make a later run delete it."""
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("keep", encoding="utf-8")
    (out / ".briefing-manifest.json").write_text(json.dumps(["../victim.md"]), "utf-8")
    with pytest.raises(OutputError):
        write_tree(out, {"docs/a.md": "a"})
    assert victim.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(
    "option",
    [
        "briefs_dir: ../elsewhere",
        "seeds_dir: /etc",
        "templates_dir: ../../tpl",
    ],
)
def test_config_folders_stay_in_project(tmp_path: Path, option: str) -> None:
    root = make_project(tmp_path / "book")
    name = option.partition(":")[0]
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.strip().startswith(f"{name}:")]
    at = kept.index("      pdf: false")
    kept.insert(at + 1, f"      {option}")
    (root / "mkdocs.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        read_config(root)
    (problem,) = refused.value.problems
    assert (problem.line, problem.column) == (at + 2, 7 + len(name) + 2)
    assert problem.message.startswith(f"{name}: expected a folder inside the project")


def invoke(*args: str | Path) -> Any:
    """``briefing ARGS`` in-process (click's runner): faster than a child for quick refusals."""
    from generator.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(
    "target", ["", "docs", "briefs", "seeds", "..", "docs/sub", "seeds/out", "briefs/../docs"]
)
def test_generate_refuses_input_folders(tmp_path: Path, target: str) -> None:
    root = sample_project(tmp_path / "book")
    before = tree_hashes(tmp_path)
    out = (root / target) if target else root
    outcome = invoke("--root", root, "generate", out)
    assert outcome.exit_code == 1, outcome.output
    assert "refusing to write" in outcome.output
    assert "Traceback" not in outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert tree_hashes(tmp_path) == before


def test_nothing_written_outside_output_folders(tmp_path: Path) -> None:
    """build, generate and new change only site/, the OUT folder and the new brief."""
    root = sample_project(
        tmp_path / "book",
        briefs={"hostile": hostile_brief()},
        seeds={"hostile.txt": hostile_article(), "fresh-article.txt": "Officials met on Monday.\n"},
    )
    # A hand-written page where a generated one would go: it wins and is never written.
    (root / "docs/risks.md").write_text("# Our risks\n\nHAND-WRITTEN RISKS\n", "utf-8")
    docs_before = tree_hashes(root / "docs")
    before = tree_hashes(tmp_path)
    assert run_cli("--root", root, "build").returncode == 0
    out = tmp_path / "generated"
    assert run_cli("--root", root, "generate", out).returncode == 0
    assert "HAND-WRITTEN RISKS" in (out / "docs/risks.md").read_text("utf-8")  # never replaced
    new = run_cli("--root", root, "new", root / "seeds/fresh-article.txt")
    assert new.returncode == 0, new.lines
    after = tree_hashes(tmp_path)
    # Output folders: the site, the generated tree, the new brief, and the build cache
    # (generator/core/cache.py; it names only safe classes, see test_planted_build_cache...).
    allowed = (
        "book/site",
        "generated",
        "book/briefs/fresh-article.yml",
        "book/.cache",
        "book/.cache/briefing",
    )

    def kept(table: dict[str, str]) -> dict[str, str]:
        return {
            k: v
            for k, v in table.items()
            if not any(k == a or k.startswith(a + "/") or k == a + "/" for a in allowed)
        }

    assert kept(after) == kept(before)
    assert (root / "briefs/fresh-article.yml").is_file()
    assert tree_hashes(root / "docs") == docs_before
    assert (root / "site/methodology/index.html").is_file()
    assert "HAND-WRITTEN RISKS" in (root / "site/risks/index.html").read_text("utf-8")
    assert "HAND-WRITTEN RISKS" in (out / "docs/risks.md").read_text("utf-8")
    assert not list(root.glob(".site-*")) and not list(tmp_path.glob(".*"))


class _Planted:
    """A pickle that, when loaded, creates the file named ``path`` (stands in for any code)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


def test_planted_build_cache_runs_no_code(tmp_path: Path) -> None:
    """A project may arrive with a hostile ``.cache/briefing/*.pickle`` (a cloned repo, a pull
    request built by CI): loading it must not run code."""
    import pickle

    root = sample_project(tmp_path / "book")
    pwned = tmp_path / "pwned"
    cache_dir = root / ".cache/briefing"
    cache_dir.mkdir(parents=True)
    for name in ("pages", "generate", "check", "book", "index"):
        (cache_dir / f"{name}.pickle").write_bytes(pickle.dumps(_Planted(pwned)) * 2)
    assert run_cli("--root", root, "build").returncode == 0
    assert run_cli("--root", root, "generate", tmp_path / "tree").returncode == 0
    assert not pwned.exists()


def test_new_does_not_follow_a_brief_symlink_out(tmp_path: Path) -> None:
    root = make_project(tmp_path / "book", seeds={"fresh.txt": "Officials met on Monday.\n"})
    victim = tmp_path / "victim.yml"
    (root / "briefs/fresh.yml").symlink_to(victim)  # dangling, pointing out of briefs/
    run = run_cli("--root", root, "new", root / "seeds/fresh.txt")
    assert "Traceback" not in run.stderr
    assert not victim.exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str, deadline: float) -> str:
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode("utf-8"))
        except OSError as exc:
            last = exc
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer: {last}")


def test_hand_written_docs_survive_serve(tmp_path: Path) -> None:
    root = sample_project(tmp_path / "book")
    before = tree_hashes(root, skip=("site", ".cache"))
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(root),
            "serve",
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        deadline = time.monotonic() + 30
        page = _fetch(f"http://127.0.0.1:{port}/briefs/ishiba-trump-meeting/", deadline)
        assert "Ishiba" in page
        brief = root / "briefs/ishiba-trump-meeting.yml"
        content = brief.read_bytes()
        brief.write_bytes(content)  # "touch": a save with the same content
        os.utime(brief)
        time.sleep(1.5)  # let the rebuild run
        assert "Methodology" in _fetch(f"http://127.0.0.1:{port}/methodology/", deadline)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert tree_hashes(root, skip=("site", ".cache")) == before
    assert not (root / "site").exists()


# =========================================================================== hostile files

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: [*i,*i,*i,*i,*i,*i,*i,*i,*i]
"""
HUGE = 50 * 1024 * 1024


def _write_hostile_file(root: Path, case: str, slug: str = "bad") -> None:
    brief = root / f"briefs/{slug}.yml"
    huge = f"seeds/{slug}-huge.txt"
    if case == "alias-bomb":
        brief.write_text(BOMB, encoding="utf-8")
    elif case == "deep-flow":
        brief.write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    elif case == "deep-block":
        brief.write_text("title: x\nsummary:\n  " + "- " * 5000 + "x\n", encoding="utf-8")
    elif case == "deep-map":
        brief.write_text("{a: " * 5000 + "}" * 5000 + "\n", encoding="utf-8")
    elif case == "deep-mixed":
        brief.write_text(
            "title: x\nsummary: " + "[{a: " * 2500 + "}]" * 2500 + "\n", encoding="utf-8"
        )
    elif case == "huge-brief":
        with brief.open("wb") as handle:
            handle.write(b"title: x\nsummary: |\n")
            line = b"  " + b"y" * 1022 + b"\n"
            for _ in range(HUGE // len(line)):
                handle.write(line)
    elif case == "huge-article":
        (root / huge).write_bytes((b"word " * 200 + b"\n") * (HUGE // 1001 + 1))
        data = hostile_brief()
        data["sources"][0]["file"] = huge
        brief.write_text(dump_brief(data), encoding="utf-8")
    elif case == "empty":
        brief.write_bytes(b"")
    elif case == "blank":
        brief.write_bytes(b"\n  \n# only a comment\n")
    elif case == "binary":
        brief.write_bytes(bytes(range(256)) * 64)
    elif case == "utf16":
        brief.write_bytes(dump_brief(hostile_brief()).encode("utf-16"))
    elif case == "utf16-no-bom":
        brief.write_bytes(dump_brief(hostile_brief()).encode("utf-16-le"))
    elif case == "latin1":
        brief.write_bytes("title: caf\xe9\n".encode("latin-1"))
    else:  # pragma: no cover
        raise AssertionError(case)


HOSTILE_FILES = [
    "alias-bomb",
    "deep-flow",
    "deep-block",
    "deep-map",
    "deep-mixed",
    "huge-brief",
    "huge-article",
    "empty",
    "blank",
    "binary",
    "utf16",
    "utf16-no-bom",
    "latin1",
]


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Peak RSS of ``check`` and ``build`` on a clean small project (KiB)."""
    root = make_project(
        tmp_path_factory.mktemp("base") / "book",
        {"hostile": hostile_brief()},
        {"hostile.txt": hostile_article()},
    )
    out = {}
    for command in ("check", "build"):
        run = run_cli("--root", root, command)
        assert run.returncode == 0, run.lines
        out[command] = run.maxrss_kb
    return out


MAX_EXTRA_RSS_KB = 48 * 1024


def _assert_located(run: Run, paths: set[str], baseline_kb: int, what: str) -> None:
    assert run.returncode == 1, run.lines
    assert "Traceback" not in run.stdout + run.stderr
    assert "internal error" not in run.stderr
    errors = located_errors(run)
    assert {m.group("path") for m in errors} == paths, run.lines
    assert run.seconds < 5, f"{what}: {run.seconds:.1f}s"
    assert run.maxrss_kb - baseline_kb < MAX_EXTRA_RSS_KB, (
        f"{what}: {run.maxrss_kb} KiB vs baseline {baseline_kb} KiB"
    )
    # Messages quote short excerpts only, never an expanded or huge document.
    assert max(len(ln) for ln in run.lines) <= 400


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_hostile_file_is_a_located_error(
    tmp_path: Path, baseline_rss: dict[str, int], case: str
) -> None:
    """``briefing check``: one located error, under 5 s, bounded memory, no traceback."""
    root = make_project(tmp_path / "book", seeds={"hostile.txt": hostile_article()})
    _write_hostile_file(root, case)
    run = run_cli("--root", root, "check", timeout=60)
    _assert_located(run, {"briefs/bad.yml"}, baseline_rss["check"], case)


def test_hostile_files_fail_the_build_located(tmp_path: Path, baseline_rss: dict[str, int]) -> None:
    """``briefing build`` over every hostile file at once: each located, no site made."""
    root = make_project(
        tmp_path / "book", {"hostile": hostile_brief()}, {"hostile.txt": hostile_article()}
    )
    for case in HOSTILE_FILES:
        _write_hostile_file(root, case, slug=f"bad-{case}")
    run = run_cli("--root", root, "build", timeout=60)
    _assert_located(
        run, {f"briefs/bad-{case}.yml" for case in HOSTILE_FILES}, baseline_rss["build"], "build"
    )
    assert not (root / "site").exists()
    assert _stray(root) == []


def test_huge_article_in_new_is_a_located_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "book")
    (root / "seeds/huge.txt").write_bytes(b"x" * (HUGE + 1))
    run = run_cli("--root", root, "new", root / "seeds/huge.txt")
    assert run.returncode == 1
    assert [m.group("path") for m in located_errors(run)] == ["seeds/huge.txt"]
    assert run.seconds < 5
    assert not list((root / "briefs").iterdir())


# =========================================================================== atomic builds


def _stray(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.startswith(".site-")]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = sample_project(tmp_path_factory.mktemp("built") / "book")
    run = run_cli("--root", root, "build")
    assert run.returncode == 0, run.lines
    return root


@pytest.fixture()
def built(built_once: Path, tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A project with a built site (a copy of one build), and the site's hashes."""
    root = tmp_path / "book"
    shutil.copytree(built_once, root, symlinks=True)
    yield root, tree_hashes(root / "site")


def test_failed_build_on_input_error_keeps_previous_site(
    built: tuple[Path, dict[str, str]],
) -> None:
    root, site = built
    (root / "briefs/broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    run = run_cli("--root", root, "build")
    assert run.returncode == 1
    assert located_errors(run)
    assert tree_hashes(root / "site") == site
    assert _stray(root) == []


def test_failed_build_on_template_error_keeps_previous_site(
    built: tuple[Path, dict[str, str]],
) -> None:
    """A template that raises mid-render (override folder): exit 1, old site intact."""
    root, site = built
    overrides = root / "overrides"
    overrides.mkdir()
    (overrides / "risks.md.j2").write_text("{{ no_such_value.attr }}\n", encoding="utf-8")
    yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        yml.replace("      pdf: false", "      pdf: false\n      templates_dir: overrides"),
        encoding="utf-8",
    )
    run = run_cli("--root", root, "build")
    assert run.returncode == 1, run.lines
    assert "Traceback" not in run.stderr
    assert tree_hashes(root / "site") == site
    assert _stray(root) == []


def test_failure_after_pages_are_written_keeps_previous_site(
    built: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF stage runs after MkDocs wrote every page: fail there, in-process."""
    root, site = built
    # New content, so a half-written new site would differ from the old one.
    extra = copy.deepcopy(hostile_brief())
    (root / "briefs/hostile.yml").write_text(dump_brief(extra), encoding="utf-8")
    (root / "seeds/hostile.txt").write_text(hostile_article(), encoding="utf-8")
    written: list[str] = []

    def explode(result: Any, site_dir: Path) -> list[Path]:
        written.extend(p.name for p in site_dir.iterdir())
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build_module, "write_pdfs", explode)
    outcome = invoke("--root", root, "build", "--pdf")
    assert outcome.exit_code == 1, outcome.output
    assert "index.html" in written  # the failure really came after pages were written
    assert tree_hashes(root / "site") == site
    assert _stray(root) == []


def test_site_swap_keeps_old_site_on_any_exception(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    for exc in (RuntimeError("x"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), site_swap(site) as staging:
            (staging / "index.html").write_text("new", encoding="utf-8")
            raise exc
        assert (site / "index.html").read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    with site_swap(site) as staging:
        (staging / "index.html").write_text("new", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
