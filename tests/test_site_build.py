"""A real ``mkdocs build --strict`` of a book (the sample, a second brief sharing the actor
``trump``, and an AMBER brief left out under ``max_tlp: CLEAR``), checked from the built HTML.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_helpers import (
    AMBER_MARKER,
    AMBER_SLUG,
    ROOT,
    SAMPLE_SLUG,
    SECOND_RISK,
    SECOND_SLUG,
    briefing,
    copy_project,
    mkdocs_build,
    tree_hash,
)

from generator.publish.search import read_documents

pytestmark = pytest.mark.slow

SLUGS = (SAMPLE_SLUG, SECOND_SLUG)
FIXTURE_BOOK = ROOT / "tests" / "fixtures" / "book"
SAMPLE_TITLE = "Ishiba seeks an early meeting with Trump to get ahead of trade and cost-sharing"


class PageParser(HTMLParser):
    """Links (tag, attrs), element ids and script bodies of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if "href" in values or "src" in values:
            self.links.append((tag, values))
        if tag == "script":
            self._script, self._text = values, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, a second brief sharing ``trump``, an AMBER brief (left out)."""
    return copy_project(tmp_path_factory.mktemp("book"), amber=True)


@pytest.fixture(scope="module")
def docs_before(book: Path) -> dict[str, str]:
    return tree_hash(book / "docs")


@pytest.fixture(scope="module")
def built(book: Path, docs_before: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = mkdocs_build(book)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def site(book: Path, built: subprocess.CompletedProcess[str]) -> Path:
    return book / "site"


def parse_site(site: Path) -> dict[str, PageParser]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(site).as_posix()] = parser
    return parsed


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, PageParser]:
    return parse_site(site)


def page_path(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file a relative ``href`` on ``page`` points to, and its fragment."""
    parts = urlsplit(href)
    base = (site / page).parent
    target = (base / unquote(parts.path)).resolve() if parts.path else (site / page)
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def brief_page(slug: str) -> str:
    return f"briefs/{slug}/index.html"


def test_build_is_clean_and_names_left_out_brief(built: subprocess.CompletedProcess[str]) -> None:
    log = built.stdout + built.stderr
    assert "WARNING" not in log, log
    assert re.search(rf"left out .*{AMBER_SLUG}", log), log


def test_brief_pages_exist(site: Path) -> None:
    for slug in SLUGS:
        assert (site / brief_page(slug)).is_file()
    assert not (site / brief_page(AMBER_SLUG)).exists()
    assert (site / "data" / "index.json").is_file()
    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    assert AMBER_MARKER not in json.dumps(index)


def test_evidence_links_resolve(site: Path, pages: dict[str, PageParser]) -> None:
    seen = 0
    for slug in SLUGS:
        page = brief_page(slug)
        for _, attrs in pages[page].links:
            if "ev-link" not in attrs.get("class", "").split():
                continue
            target, fragment = page_path(site, page, attrs["href"])
            assert target.is_file(), attrs["href"]
            assert re.fullmatch(r"ev-\d+", fragment), attrs["href"]
            rel = target.relative_to(site.resolve()).as_posix()
            assert fragment in pages[rel].ids, f"{page}: {attrs['href']} has no target"
            seen += 1
    assert seen >= 40


def broken_links(site: Path, pages: dict[str, PageParser]) -> list[str]:
    """Relative links (and their fragments) of the built pages that lead nowhere."""
    broken = []
    for page, parser in pages.items():
        if page == "404.html":
            continue
        for _, attrs in parser.links:
            href = attrs.get("href") or attrs.get("src") or ""
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
                continue  # external (a plain link, never a request: see test_no_third_party)
            target, fragment = page_path(site, page, href)
            if not target.exists():
                broken.append(f"{page}: {href}")
                continue
            if fragment and target.suffix == ".html":
                rel = target.resolve().relative_to(site.resolve()).as_posix()
                if fragment not in pages[rel].ids:
                    broken.append(f"{page}: {href} (no #{fragment})")
    return broken


def test_every_internal_link_resolves(site: Path, pages: dict[str, PageParser]) -> None:
    """Actors, risks, events, sources: every relative link and fragment exists."""
    broken = broken_links(site, pages)
    assert not broken, "\n".join(broken[:30])


def test_shared_actor_has_one_page_listing_both_briefs(
    site: Path, pages: dict[str, PageParser]
) -> None:
    assert [p.name for p in (site / "actors").glob("trump*")] == ["trump"]
    hrefs = [a.get("href") for _, a in pages["actors/trump/index.html"].links]
    for slug in SLUGS:
        assert f"../../briefs/{slug}/#actor-trump" in hrefs
    for slug in SLUGS:  # each brief links to the one actor page
        assert "../../actors/trump/" in [a.get("href") for _, a in pages[brief_page(slug)].links]


def test_risks_reachable_from_register(site: Path, pages: dict[str, PageParser]) -> None:
    hrefs = {a.get("href") for _, a in pages["risks/index.html"].links}
    for href in (
        f"../briefs/{SAMPLE_SLUG}/#risk-tariffs",
        f"../briefs/{SECOND_SLUG}/#risk-retaliation",
    ):
        assert href in hrefs
        target, fragment = page_path(site, "risks/index.html", href)
        assert fragment in pages[target.relative_to(site.resolve()).as_posix()].ids


def test_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "ja" in index["config"]["lang"]
    assert index["docs"] == [] and index["config"]["briefing"]["chunks"]  # the chunked index
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert "config.briefing" in worker.read_text(encoding="utf-8")  # the chunked index's worker
    docs = read_documents(site)
    text = "\n".join(d["title"] + " " + d["text"] for d in docs)
    assert any(d["title"].startswith(SAMPLE_TITLE) for d in docs)
    assert "石破茂" in text
    assert "Renewed U.S. tariffs on Japanese exports" in text
    assert SECOND_RISK in text


def test_every_generated_page_has_tlp_label(pages: dict[str, PageParser], site: Path) -> None:
    hand_written = {"404.html", "index.html", "methodology/index.html"}
    checked = 0
    for page in pages:
        if page in hand_written:
            continue
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'class="tlp-label">TLP:(CLEAR|GREEN|AMBER(\+STRICT)?|RED)<', html), page
        checked += 1
    assert checked >= 15


def test_json_ld_parses(pages: dict[str, PageParser]) -> None:
    for slug in SLUGS:
        blocks = [
            body
            for attrs, body in pages[brief_page(slug)].scripts
            if attrs.get("type") == "application/ld+json"
        ]
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@context"] == "https://schema.org" or "schema.org" in json.dumps(data)


def test_left_out_brief_leaves_no_trace(site: Path) -> None:
    needles = (AMBER_MARKER.encode(), AMBER_MARKER.lower().encode(), AMBER_SLUG.encode())
    hits = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]
    assert not hits
    assert (site / "sitemap.xml").is_file() and (site / "search" / "search_index.json").is_file()


def test_no_third_party_requests(site: Path, pages: dict[str, PageParser]) -> None:
    for page, parser in pages.items():
        html = (site / page).read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for tag, attrs in parser.links:
            fetched = (
                attrs.get("src", "")
                if tag != "link"
                else (
                    attrs.get("href", "")
                    if attrs.get("rel") not in ("canonical", "alternate")
                    else ""
                )
            )
            if tag == "a":
                continue
            assert not re.match(r"^(https?:)?//", fetched), f"{page}: <{tag}> {fetched}"
    for css in (site / "assets").rglob("*.css"):
        assert not re.search(
            r"@import\s+url\(\s*['\"]?(https?:)?//|fonts\.googleapis",
            css.read_text(encoding="utf-8"),
        ), css


def test_hand_written_docs_unchanged(
    book: Path, docs_before: dict[str, str], built: subprocess.CompletedProcess[str]
) -> None:
    assert tree_hash(book / "docs") == docs_before


def test_failed_build_keeps_previous_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path, second=False)
    first = briefing(root, "build")
    assert first.returncode == 0, first.stderr
    before = tree_hash(root / "site")
    assert before
    brief = root / "briefs" / f"{SAMPLE_SLUG}.yml"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace("as_of: 2024-11-08", "as_of: not-a-date"),
        encoding="utf-8",
    )
    failed = briefing(root, "build")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "as_of" in failed.stderr + failed.stdout
    assert tree_hash(root / "site") == before
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".site")]
    assert not leftovers


def test_generate_twice_rewrites_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "book")
    out = tmp_path / "out"
    first = briefing(root, "generate", str(out))
    assert first.returncode == 0, first.stderr
    assert re.search(r"[1-9]\d* written", first.stderr), first.stderr
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    second = briefing(root, "generate", str(out))
    assert second.returncode == 0, second.stderr
    assert re.search(r": 0 written, \d+ unchanged, 0 removed", second.stderr), second.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == mtimes


def test_generated_tree_builds_without_plugin(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "book")
    out = tmp_path / "out"
    assert briefing(root, "generate", str(out)).returncode == 0
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "briefing" not in re.findall(r"^\s*-\s*(\w+)", config, re.M)
    proc = mkdocs_build(out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "site" / brief_page(SECOND_SLUG)).is_file()
    shutil.rmtree(out / "site")


def test_fixture_book_builds_strict(tmp_path: Path) -> None:
    """The independent fixture book (GREEN brief published under max_tlp: GREEN)."""
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE_BOOK, root)
    shutil.copytree(ROOT / "docs", root / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "max_tlp: CLEAR" in config
    (root / "mkdocs.yml").write_text(
        config.replace("max_tlp: CLEAR", "max_tlp: GREEN"), encoding="utf-8"
    )
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = root / "site"
    pages = parse_site(site)
    slugs = sorted(p.stem for p in (FIXTURE_BOOK / "briefs").glob("*.yml"))
    for slug in slugs:
        assert brief_page(slug) in pages
    shared = [
        p
        for p in pages
        if p.startswith("actors/")
        and p != "actors/index.html"
        and all(
            f"../../briefs/{slug}/#actor-" in (site / p).read_text(encoding="utf-8")
            for slug in slugs
        )
    ]
    assert shared, "no actor page lists both fixture briefs"
    assert 'class="tlp-label">TLP:GREEN<' in (site / shared[0]).read_text(encoding="utf-8")
    broken = broken_links(site, pages)
    assert not broken, "\n".join(broken[:30])
