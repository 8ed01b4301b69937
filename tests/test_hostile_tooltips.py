"""Issue 11, class "theme re-parses attributes": no brief or article text runs as markup.

Material's ``content.tooltips`` (on in the shipped ``mkdocs.yml``) renders an element's
``title`` attribute as HTML, and makes titles itself from the text of truncated nav,
header and table-of-contents entries. The project's own ``mkdocs.yml`` builds a book
holding a brief with hostile text in every field (and an article whose quoted passage is
hostile); real headless Chromium hovers every element that can show a tooltip on the home
page, the briefs index and the brief page: no dialog opens and no injected element appears.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hostile_payloads import dump_brief, hostile_article, hostile_brief
from playwright.sync_api import Error as PlaywrightError
from site_helpers import chromium, copy_project, mkdocs_build, serve

from generator.render.markdown import to_inline_html

pytestmark = pytest.mark.browser

SLUG = "hostile"
#: Elements a payload would create if it ran as markup anywhere in the page.
INJECTED = (
    'img[src="x"], svg[onload], iframe, [onerror], [onload], [onmouseover], [onclick],'
    ' a[href^="javascript:"]'
)
#: Everything that shows a tooltip: title attributes, truncated entries, evidence links.
HOVERABLE = (
    ".md-main [title], .md-main .md-ellipsis, .md-header__topic .md-ellipsis, a.ev-link, a.ref"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("tooltips"), second=False)
    assert "content.tooltips" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    brief = hostile_brief()
    brief["sources"][0]["file"] = f"seeds/{SLUG}.txt"
    (root / "briefs" / f"{SLUG}.yml").write_text(dump_brief(brief), encoding="utf-8")
    (root / "seeds" / f"{SLUG}.txt").write_text(hostile_article(), encoding="utf-8")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    with serve(root / "site") as url:
        yield url


def test_ref_links_carry_no_title() -> None:
    html = to_inline_html("see [@a]", lambda ref: ("#a", '<img src=x onerror="alert(1)">'))
    assert "title=" not in html
    assert "&lt;img src=x" in html


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def hover_everything(page: Any) -> int:
    """Hover every visible element that can show a tooltip; how many were hovered."""
    hovered = 0
    for i in range(page.locator(HOVERABLE).count()):
        element = page.locator(HOVERABLE).nth(i)
        if not element.is_visible():
            continue
        try:
            element.hover(timeout=1_000)
        except PlaywrightError:  # covered by another element: nothing to show there
            continue
        hovered += 1
    return hovered


def injected_elements(page: Any) -> list[str]:
    """Elements and inline scripts a payload would have created had it run as markup."""
    found: list[str] = page.evaluate(
        f"Array.from(document.querySelectorAll({json.dumps(INJECTED)}))"
        ".map(e => e.outerHTML.slice(0, 120))"
    )
    found += page.evaluate(
        "Array.from(document.scripts).filter(s => !s.type && /alert\\(/.test(s.text))"
        ".map(s => s.text)"
    )
    return found


@pytest.mark.parametrize(
    ("path", "width"),
    [("", 1280), ("briefs/", 1280), (f"briefs/{SLUG}/", 1280), (f"briefs/{SLUG}/", 390)],
)
def test_hover_runs_no_script(site: str, browser: Any, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # the theme's truncation check runs on visibility
    hovered = hover_everything(page)
    page.wait_for_timeout(300)
    injected = injected_elements(page)
    tips = page.evaluate(
        "Array.from(document.querySelectorAll('.md-tooltip2, .md-tooltip')).map(e => e.innerHTML)"
    )
    context.close()
    assert hovered > 0
    assert dialogs == []
    assert injected == []
    assert not [t for t in tips if "<img" in t or "<svg" in t or "<iframe" in t]


def test_evidence_quote_is_plain_data(site: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(site + f"briefs/{SLUG}/")
    quotes = page.locator("a.ev-link").evaluate_all(
        "els => els.map(e => [e.getAttribute('title'), e.dataset.quote])"
    )
    page.close()
    assert quotes, "the hostile brief has evidence links"
    assert all(title is None for title, _ in quotes)
    assert any("<img src=x onerror=alert(1)>" in (quote or "") for _, quote in quotes)


def test_titles_in_built_pages_hold_no_brief_text(site: str, browser: Any) -> None:
    """Every title attribute left in the brief page is the generator's own wording."""
    page = browser.new_page()
    page.goto(site + f"briefs/{SLUG}/")
    titles = page.locator(".md-content [title]").evaluate_all(
        "els => els.map(e => e.getAttribute('title'))"
    )
    page.close()
    assert not [t for t in titles if "F[" in t or "alert" in t]
