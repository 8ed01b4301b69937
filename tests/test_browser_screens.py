"""Every page type in real headless Chromium at desktop (1280 px) and phone (390 px) widths,
in the light and the dark scheme: nothing scrolls sideways (320 px too), axe-core finds no
serious or critical violation (contrast included), the heat map stays legible and tappable,
the risk register becomes labelled cards on a phone, and the palette toggle switches the
scheme and remembers it. Screenshots go to $BRIEFING_SCREENSHOTS when set.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_helpers import (
    SAMPLE_SLUG,
    add_brief,
    axe_violations,
    copy_project,
    mkdocs_build,
    serve,
    watched_page,
)

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
BRIEF = f"briefs/{SAMPLE_SLUG}/"
ARTICLE = f"briefs/{SAMPLE_SLUG}/source-article/"
#: One page of each type: home, briefs index, brief, annotated article, actors index,
#: actor, risk register, timeline, tags, a hand-written page.
PAGES = ("", "briefs/", BRIEF, ARTICLE, "actors/", "actors/trump/", "risks/", "timeline/")
PAGES += ("tags/", "methodology/")
SCREENS = [(scheme, width) for scheme in ("light", "dark") for width in (1280, 390)]
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
MIN_LABEL_PX = 11
MIN_TARGET_PX = 24


@contextlib.contextmanager
def opened(browser: Any, width: int, scheme: str) -> Iterator[Any]:
    """A page at ``width`` px in the reader's ``scheme``; no request may leave 127.0.0.1 and
    no script error may occur."""
    with watched_page(browser, width, scheme, TIMEOUT_MS) as watched:
        yield watched.page
    foreign = [u for u in watched.requests if urlsplit(u).hostname not in (None, "127.0.0.1")]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not watched.errors, watched.errors


def visit(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def sideways(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))


def shoot(page: Any, name: str, selector: str | None = None) -> None:
    folder = os.environ.get("BRIEFING_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = str(Path(folder) / f"{name}.png")
        if selector:
            page.locator(selector).first.screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of a CSS colour (alpha blended) over an opaque one."""
    fr, fg, fb, alpha = rgba(foreground)
    back = rgba(background)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip((fr, fg, fb), back, strict=True)]

    def luminance(rgb: list[float] | tuple[float, ...]) -> float:
        lin = [
            c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
            for c in rgb
        ]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(blended), luminance(back)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("scheme", "width"), SCREENS)
def test_every_page_type_fits_and_passes_axe(
    browser: Any, base_url: str, scheme: str, width: int
) -> None:
    problems: list[str] = []
    with opened(browser, width, scheme) as page:
        for path in PAGES:
            visit(page, base_url + path)
            name = path or "home"
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown == MATERIAL_SCHEME[scheme], (name, shown)
            if (overflow := sideways(page)) > 0:
                problems.append(f"{name}: scrolls sideways by {overflow} px")
            problems += [f"{name}: {v}" for v in axe_violations(page)]
        if width == 390:
            visit(page, base_url + BRIEF)
            shoot(page, f"brief-{scheme}-{width}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_passes_axe(browser: Any, base_url: str, scheme: str) -> None:
    """The theme's search dialog, open with results on a phone."""
    with opened(browser, 390, scheme) as page:
        visit(page, base_url)
        page.locator('label.md-header__button[for="__search"]').first.click()
        page.wait_for_function(  # the search worker has loaded the index
            "!document.querySelector('.md-search-result__meta')"
            ".textContent.includes('Initializing')"
        )
        page.fill("input.md-search__input", "tariffs")
        page.press("input.md-search__input", "End")  # Material searches on keyup
        page.wait_for_selector(".md-search-result__item mark", state="visible")
        assert page.locator(".md-search").get_attribute("aria-label") == "Search"
        # a hovered result is tinted (after the theme's .25 s transition): its text too must
        # keep 4.5:1, wherever the pointer happens to rest
        page.locator(".md-search-result__link").first.hover()
        page.wait_for_timeout(400)
        problems = axe_violations(page)
        assert sideways(page) <= 0
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_at_320(browser: Any, base_url: str) -> None:
    with opened(browser, 320, "light") as page:
        wide = {}
        for path in PAGES:
            visit(page, base_url + path)
            if (overflow := sideways(page)) > 0:
                wide[path or "home"] = overflow
    assert not wide, wide


LABEL_SIZES = """svg => { const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll('.heatmap-axes text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale); }"""
TARGET_BOXES = """els => els.map(e => { const r = e.getBoundingClientRect();
  return [r.width, r.height, r.right]; })"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_heat_map_legible_and_tappable_on_a_phone(browser: Any, base_url: str, scheme: str) -> None:
    with opened(browser, 390, scheme) as page:
        for path in (BRIEF, "risks/"):
            visit(page, base_url + path)
            svg = page.locator("svg.heatmap").first
            sizes = svg.evaluate(LABEL_SIZES)
            assert len(sizes) >= 7 + 5 and min(sizes) >= MIN_LABEL_PX, (path, sizes)
            boxes = svg.locator("a.heatmap-risk").evaluate_all(TARGET_BOXES)
            assert boxes, path
            for w, h, right in boxes:
                assert w >= MIN_TARGET_PX and h >= MIN_TARGET_PX and right <= 390, (path, w, h)
            label = page.locator("svg.heatmap .heatmap-likelihood").first
            fill = label.evaluate("t => getComputedStyle(t).fill")
            ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert contrast(fill, ground) >= 4.5, (scheme, fill, ground)
            shoot(page, f"heatmap-{scheme}-390-{path.strip('/').replace('/', '-')}", ".risk-map")


CELL_LABELS = """tds => tds.map(td => [getComputedStyle(td, '::before').content,
  td.getBoundingClientRect().width, td.getBoundingClientRect().right])"""


def test_register_is_labelled_cards_on_a_phone(browser: Any, base_url: str) -> None:
    with opened(browser, 390, "light") as page:
        visit(page, base_url + "risks/")
        headings = page.locator("table.risk-register thead th").all_inner_texts()
        first_row = page.locator("table.risk-register tbody tr").first.locator("td")
        cells = first_row.evaluate_all(CELL_LABELS)
        assert [content.strip('"') for content, _, _ in cells] == headings
        assert all(width > 0 and right <= 390 for _, width, right in cells), cells
        titles = page.locator("table.risk-register tbody tr td:nth-child(1) a")
        before = titles.all_inner_texts()
        page.locator("table.risk-register thead th", has_text="Risk").click()
        assert titles.all_inner_texts() == sorted(before, key=str.lower)
        shoot(page, "register-light-390")
    with opened(browser, 1280, "light") as page:
        visit(page, base_url + "risks/")
        table = page.locator("table.risk-register")
        assert table.locator("thead th").first.evaluate("th => getComputedStyle(th).display") == (
            "table-cell"
        )
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth")


TOGGLE = 'form[data-md-component="palette"] label:not([hidden])'
CHOSEN = """() => [document.body.dataset.mdColorScheme,
  document.querySelector('form[data-md-component="palette"] input:checked')?.ariaLabel]"""


def test_palette_toggle_switches_and_remembers(browser: Any, base_url: str) -> None:
    """System preference (light here), then light, dark, and back to the system's."""
    with opened(browser, 1280, "light") as page:
        visit(page, base_url + BRIEF)
        assert page.evaluate(CHOSEN)[0] == "default"
        page.locator(TOGGLE).click()
        assert page.evaluate(CHOSEN) == ["default", "Switch to dark mode"]
        page.locator(TOGGLE).click()
        assert page.evaluate(CHOSEN) == ["slate", "Switch to system preference"]
        visit(page, base_url + "risks/")
        assert page.evaluate(CHOSEN)[0] == "slate"  # remembered across pages
        page.locator(TOGGLE).click()
        assert page.evaluate(CHOSEN) == ["default", "Switch to light mode"]


def test_evidence_highlight_readable_in_dark(browser: Any, base_url: str) -> None:
    with opened(browser, 1280, "dark") as page:
        visit(page, base_url + ARTICLE)
        anchor = page.locator("mark.evidence[id]").first.get_attribute("id")
        visit(page, f"{base_url}{ARTICLE}#{anchor}")
        mark = page.locator(f"mark.evidence#{anchor}")
        assert mark.evaluate("m => m.matches(':target')")
        ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
        colours = mark.evaluate(
            "m => [getComputedStyle(m).backgroundColor, getComputedStyle(m).color]"
        )
        assert colours[0] != ground  # the highlight shows
        assert contrast(colours[1], colours[0]) >= 4.5, colours
        assert not axe_violations(page, "mark.evidence", ["color-contrast"])
        shoot(page, "article-dark-1280")


LONG_WORD = "Supercalifragilistic" * 6
LONG_URL = "https://example.org/" + "very-long-path-segment-" * 8 + "end"
LONG_SEED = f"""\
{LONG_WORD} Talks

The minister {LONG_WORD} met envoys; the record is at {LONG_URL} for all.
Officials said the {LONG_WORD} channel could close.
"""
LONG_BRIEF = f"""\
title: {LONG_WORD} talks
summary: The minister {LONG_WORD} [@minister] met envoys; see {LONG_URL}.
as_of: 2025-06-01
tlp: CLEAR
regions: [{", ".join([LONG_WORD] * 3)}]
tags: [{LONG_WORD.lower()}]
sources:
  - id: wire
    file: seeds/long-words.txt
    title: {LONG_WORD} Talks
    url: {LONG_URL}
    reliability: B
actors:
  - id: minister
    name: {LONG_WORD}
    role: Minister of {LONG_WORD}
    evidence:
      - "The minister {LONG_WORD} met envoys"
risks:
  - id: closure
    title: The {LONG_WORD} channel closes
    likelihood: likely
    impact: 4
    confidence: moderate
    actors: [minister]
    evidence:
      - "the {LONG_WORD} channel could close"
"""


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample project plus a brief full of 120-letter words and a long URL."""
    root = copy_project(tmp_path_factory.mktemp("long-words"), second=False)
    add_brief(root, "long-words", LONG_BRIEF, LONG_SEED)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    with serve(root / "site") as url:
        yield url


ONE_LINE = """el => { const range = document.createRange(); range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size === 1; }"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_long_words_and_urls_wrap(browser: Any, long_words_url: str, width: int) -> None:
    pages = ("", "briefs/", "briefs/long-words/", "briefs/long-words/source-wire/")
    pages += ("actors/minister/", "actors/", "risks/", "tags/")
    with opened(browser, width, "light") as page:
        wide = {}
        for path in pages:
            visit(page, long_words_url + path)
            assert page.locator("article").inner_text(), path
            if (overflow := sideways(page)) > 0:
                wide[path or "home"] = overflow
            assert page.locator(".tlp-label, .tlp-badge").first.evaluate(ONE_LINE), path
            if path == "risks/":
                table = page.locator("table.risk-register")
                assert table.evaluate("t => t.scrollWidth <= t.clientWidth"), width
    assert not wide, wide
