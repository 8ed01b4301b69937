"""Rendered pages (generator.render, generator.render_book): golden Markdown and page rules.

The golden files under tests/golden/pages/ are the pages of the sample book built with a
fixed ``today``. After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests -k golden
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

import pytest
from site_helpers import SAMPLE_SLUG, SECOND_SLUG, copy_project

from generator.build import Result, run
from generator.core.config import make_config
from generator.render.urls import Urls

GOLDEN = Path(__file__).parent / "golden" / "pages"
TODAY = dt.date(2026, 11, 25)
PAGES = {
    "brief": Urls.brief(SAMPLE_SLUG),
    "article": Urls.article(SAMPLE_SLUG, "article"),
    "actor-trump": Urls.actor("trump"),
    "risks": Urls.risks,
    "timeline": Urls.timeline,
}


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/pages/<name>.md``; ``UPDATE_GOLDEN=1`` rewrites it."""
    path = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), (
        f"no golden file {path}: run UPDATE_GOLDEN=1 python -m pytest tests -k golden"
    )
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"golden/pages/{name}.md",
                tofile="rendered",
                n=2,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}"
        )


def build(root: Path, today: dt.date = TODAY, **options: object) -> Result:
    return run(make_config(root, dict(options)).with_options(today=today))


def pages_of(result: Result) -> dict[str, str]:
    return {f.src_uri: f.content for f in result.files if isinstance(f.content, str)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = copy_project(tmp_path_factory.mktemp("sample"), second=False)
    result = build(root)
    assert not result.book.errors
    return pages_of(result)


@pytest.fixture(scope="module")
def two_briefs(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return build(copy_project(tmp_path_factory.mktemp("two")))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_golden(sample: dict[str, str], name: str) -> None:
    assert_golden(name, sample[PAGES[name]])


def test_render_is_deterministic_golden(tmp_path: Path, sample: dict[str, str]) -> None:
    again = pages_of(build(copy_project(tmp_path, second=False)))
    assert again == sample


def test_every_page_has_front_matter_and_tlp(two_briefs: Result) -> None:
    pages = [f for f in two_briefs.files if f.src_uri.endswith(".md")]
    assert len(pages) >= 15
    for item in pages:
        text = str(item.content)
        assert text.startswith("---\ntitle: "), item.src_uri
        assert re.search(r'<span class="tlp-label">TLP:CLEAR</span>', text), item.src_uri


def test_generated_nav_flags(two_briefs: Result) -> None:
    nav = {f.src_uri for f in two_briefs.files if f.in_nav}
    assert {Urls.brief(SAMPLE_SLUG), Urls.brief(SECOND_SLUG), Urls.risks, Urls.timeline} <= nav
    assert Urls.actor("trump") not in nav
    assert Urls.article(SAMPLE_SLUG, "article") not in nav


def test_shared_actor_lists_both_briefs(two_briefs: Result) -> None:
    page = pages_of(two_briefs)[Urls.actor("trump")]
    assert page.count('class="appearance"') == 2
    assert f"../../briefs/{SAMPLE_SLUG}/#actor-trump" in page
    assert f"../../briefs/{SECOND_SLUG}/#actor-trump" in page
    assert "President-elect of the United States" in page
    assert "President of the United States" in page


def test_stale_flag_follows_today(tmp_path: Path) -> None:
    root = copy_project(tmp_path, second=False)
    fresh = pages_of(build(root, dt.date(2027, 6, 30)))
    stale = pages_of(build(root, dt.date(2027, 7, 1)))
    assert "stale-banner" not in fresh[Urls.brief(SAMPLE_SLUG)]
    assert "stale-banner" in stale[Urls.brief(SAMPLE_SLUG)]
    assert 'class="badge stale"' in stale[Urls.briefs_index]


def test_text_is_escaped_everywhere(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    path = root / "briefs" / f"{SECOND_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: Trump's tariff letter puts Japanese car exports at risk",
        'title: "Tariffs <script>alert(1)</script> & cars"',
    )
    text = text.replace(
        "description: Tokyo answers the car tariff with tariffs of its own.",
        "description: Tokyo answers <img src=x onerror=alert(1)> in kind.",
    )
    path.write_text(text, encoding="utf-8")
    result = build(root)
    assert not result.book.errors, [p.format() for p in result.book.errors]
    for item in result.files:
        if not item.src_uri.endswith(".md"):
            continue  # JSON exports hold the text itself, as data
        content = str(item.content)
        assert "<script>alert" not in content, item.src_uri
        assert "<img src=x" not in content, item.src_uri
    brief = pages_of(result)[Urls.brief(SECOND_SLUG)]
    assert "Tariffs &lt;script&gt;alert(1)&lt;/script&gt; &amp; cars" in brief


def test_links_are_relative_without_directory_urls(tmp_path: Path) -> None:
    root = copy_project(tmp_path, second=False)
    config = make_config(root, {}).with_options(today=TODAY)
    pages = pages_of(run(config, directory_urls=False))
    brief = pages[Urls.brief(SAMPLE_SLUG)]
    assert 'href="ishiba-trump-meeting/source-article.html#ev-1"' in brief
    assert 'href="../actors/trump.html"' in brief
    assert 'href="briefs/ishiba-trump-meeting.html#risk-tariffs"' in pages[Urls.risks]
