"""``briefing build --offline``: a copy that works opened from ``file://``, search included.

Material's offline plugin sets ``use_directory_urls: false`` and inlines the search index;
its Worker shim for ``file://`` is served from the site itself (mkdocs.yml ``extra.polyfills``)
instead of unpkg.com, so the copy makes no request to any other host.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_helpers import AMBER_SLUG, SAMPLE_SLUG, briefing, copy_project, watched_page

TIMEOUT_MS = 15_000
LOCAL_SCHEMES = ("file", "data", "blob", "about")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("offline")
    root = copy_project(tmp / "project", amber=True)
    out = tmp / "offline-site"
    proc = briefing(root, "build", "--offline", "--site-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_offline_copy_uses_file_urls_and_inlines_search(offline_site: Path) -> None:
    assert (offline_site / "briefs" / f"{SAMPLE_SLUG}.html").is_file()
    assert not (offline_site / "briefs" / f"{AMBER_SLUG}.html").exists()
    assert (
        (offline_site / "search" / "search_index.js")
        .read_text(encoding="utf-8")
        .startswith("var __index =")
    )
    assert (offline_site / "assets" / "briefing" / "iframe-worker.js").is_file()
    # a browser fetches no index pieces from file://: the copy keeps Material's own search
    worker = next((offline_site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert "config.briefing" not in worker.read_text(encoding="utf-8")
    assert not [p for p in (offline_site / "search").iterdir() if p.is_dir()]
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert f'href="briefs/{SAMPLE_SLUG}.html"' in home


def test_offline_pages_load_nothing_from_other_hosts(offline_site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:|//)')
    for page in offline_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.finditer(pattern, text):
            snippet = text[tag.start() : tag.start() + 160]
            assert 'rel="canonical"' in snippet, f"{page.name}: {snippet}"


@pytest.mark.browser
def test_offline_search_from_file_url(offline_site: Path, browser: object) -> None:
    title = "Ishiba seeks an early meeting"
    with watched_page(browser, 1280, timeout_ms=TIMEOUT_MS) as watched:
        page = watched.page
        page.goto((offline_site / "index.html").as_uri())
        page.wait_for_function("() => typeof __index === 'object'")  # inlined index loaded
        page.keyboard.press("/")
        page.keyboard.type("Ishiba early meeting")
        result = page.locator(".md-search-result__item a").first
        result.wait_for(state="visible")
        assert title in result.inner_text()
        result.click()
        page.wait_for_url(re.compile(rf"briefs/{SAMPLE_SLUG}\.html"))
        assert page.locator("h1").first.inner_text().startswith(title)
        assert page.locator(".tlp-label").first.inner_text() == "TLP:CLEAR"
    foreign = [url for url in watched.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]
    assert not foreign, f"requests leaving file://: {foreign}"
    assert any(url.endswith("search/search_index.js") for url in watched.requests)
    assert not watched.errors, watched.errors
