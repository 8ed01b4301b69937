"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The built site (sample + a second brief: the session's ``base_url``) is served on
127.0.0.1; search finds a brief by an actor's native name and by a risk title, evidence
links land on their highlighted passage, and no request leaves 127.0.0.1. Screenshots go to
$BRIEFING_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_helpers import SAMPLE_SLUG

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000


class Session:
    """One page with every request's URL recorded."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: object) -> Iterator[Session]:
    opened = Session(browser)
    try:
        yield opened
        assert not opened.foreign(), f"requests to other hosts: {opened.foreign()}"
    finally:
        opened.close()


def search(session: Session, base_url: str, query: str) -> None:
    page = session.page
    page.goto(base_url)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.wait_for_function(  # the search worker has loaded the index
        "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on keyup, not on input
    page.wait_for_selector(".md-search-result__item", state="visible")


def shoot(session: Session, name: str) -> None:
    folder = os.environ.get("BRIEFING_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        session.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_search_native_name_finds_brief_or_actor(session: Session, base_url: str) -> None:
    search(session, base_url, "石破")
    page = session.page
    first = page.locator(".md-search-result__item a").first
    text = first.inner_text()
    assert "石破" in text or "Ishiba" in text, text
    first.click()
    page.wait_for_load_state("load")
    assert re.search(rf"/(briefs/{SAMPLE_SLUG}|actors/ishiba)/", page.url), page.url
    assert "石破茂" in page.locator("article").inner_text()


def test_search_risk_title(session: Session, base_url: str) -> None:
    search(session, base_url, "Renewed U.S. tariffs")
    page = session.page
    results = page.locator(".md-search-result__item a")
    assert "Renewed U.S. tariffs" in page.locator(".md-search-result").inner_text()
    results.first.click()
    page.wait_for_load_state("load")
    assert f"/briefs/{SAMPLE_SLUG}/" in page.url or "/risks/" in page.url, page.url
    assert page.get_by_text("Renewed U.S. tariffs on Japanese exports").first.is_visible()


def test_evidence_link_lands_on_highlighted_passage(session: Session, base_url: str) -> None:
    page = session.page
    page.goto(f"{base_url}briefs/{SAMPLE_SLUG}/")
    shoot(session, "brief")
    link = page.locator("a.ev-link").nth(3)
    link.click()
    page.wait_for_url(re.compile(r"#ev-\d+$"))
    anchor = urlsplit(page.url).fragment
    assert re.fullmatch(r"ev-\d+", anchor)
    mark = page.locator(f"mark.evidence#{anchor}")
    assert mark.count() == 1
    assert mark.is_visible()
    assert mark.evaluate("el => el.matches(':target')")
    assert mark.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    pieces = page.locator(f'mark.evidence[data-notes~="{anchor}"]')  # the whole passage
    colours = pieces.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert colours and set(colours) == {"rgb(255, 213, 79)"}, colours
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    shoot(session, "article")


def test_evidence_link_of_shared_quote(session: Session, base_url: str) -> None:
    """Every evidence link on the page targets an existing highlighted passage."""
    page = session.page
    page.goto(f"{base_url}briefs/{SAMPLE_SLUG}/source-article/")
    ids = set(page.locator("mark.evidence[id]").evaluate_all("els => els.map(e => e.id)"))
    page.goto(f"{base_url}briefs/{SAMPLE_SLUG}/")
    hrefs = page.locator("a.ev-link").evaluate_all("els => els.map(e => e.hash.slice(1))")
    assert hrefs and set(hrefs) <= ids, sorted(set(hrefs) - ids)


def test_pages_render_without_errors(session: Session, base_url: str) -> None:
    errors: list[str] = []
    session.page.on("pageerror", lambda exc: errors.append(str(exc)))
    session.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path, name in (
        ("", "home"),
        ("risks/", "risks"),
        ("timeline/", "timeline"),
        ("actors/trump/", "actor"),
    ):
        session.page.goto(base_url + path)
        session.page.wait_for_load_state("load")
        assert session.page.locator(".tlp-label, .tlp-badge").first.is_visible(), path
        shoot(session, name)
    assert not errors


def test_risk_register_sorts(session: Session, base_url: str) -> None:
    page = session.page
    page.goto(f"{base_url}risks/")
    table = page.locator("table.risk-register")
    headers = table.locator("thead th")
    titles = table.locator("tbody tr td:nth-child(2)")
    before = titles.all_inner_texts()
    headers.nth(1).click()
    after = titles.all_inner_texts()
    assert sorted(before, key=str.lower) == after
