"""Actor pages are the actor's profile across the book; the actors index sorts people by
surname; the project's own pages stay out of the principal's reading path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import SAMPLE_SLUG, SECOND_SLUG, copy_project

from generator.build import run
from generator.core.labels import index_letter, sort_key
from generator.site.assembly import site_nav
from generator.site.project import read_config


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = copy_project(tmp_path_factory.mktemp("book"))  # the sample and a newer brief
    result = run(read_config(root), cached=False)
    return {f.src_uri: str(f.content) for f in result.files}


def test_actor_page_is_a_profile_per_brief_newest_first(pages: dict[str, str]) -> None:
    trump = pages["actors/trump.md"]
    sections = trump.split('<section class="appearance">')[1:]
    assert len(sections) == 2
    assert "2025-07-08" in sections[0] and "2024-11-08" in sections[1]  # newest first
    sample = sections[1]
    assert "President-elect of the United States" in sample and "America-first" in sample
    for part in ("Risks", "Events", "Relations"):
        assert f'<p class="appearance-part">{part}</p>' in sample
    assert re.search(r'#risk-tariffs"><span class="item-label">R1</span> Renewed U.S.', sample)
    assert "7 November 2024" in sample  # the call, dated for a reader
    assert '&larr; <a href="../ishiba/">Shigeru Ishiba</a>: seeks an early' in sample
    assert f"briefs/{SECOND_SLUG}/#risk-retaliation" in sections[0]


def test_actor_page_lists_the_actors_quotes(pages: dict[str, str]) -> None:
    ishiba = pages["actors/ishiba.md"]
    assert '<p class="appearance-part">Quotes</p>' in ishiba
    assert ishiba.count('<blockquote class="quote">') == 2
    assert f'href="../../briefs/{SAMPLE_SLUG}/#quote-1">Q1</a>' in ishiba
    assert "&mdash; on his five-minute phone call" in ishiba


def test_actors_index_groups_people_by_surname(pages: dict[str, str]) -> None:
    index = pages["actors/index.md"]
    letters = re.findall(r'<h2 id="letter-\d+">([^<]*)</h2>', index)
    assert letters == sorted(letters)
    groups = dict(
        re.findall(
            r'<h2 id="letter-\d+">([^<]*)</h2>\s*<ul class="actor-index">(.*?)</ul>', index, re.S
        )
    )
    assert "Shigeru Ishiba" in groups["I"] and "Shinzo Abe" in groups["A"]
    assert "Donald Trump" in groups["T"] and "United States" in groups["U"]
    assert "S" not in groups and "D" not in groups  # not by first name


@pytest.mark.parametrize(
    ("name", "kind", "country", "letter"),
    [
        ("Shigeru Ishiba", "person", "JP", "I"),
        ("Xi Jinping", "person", "CN", "X"),
        ("Kim Jong Un", "person", "KP", "K"),
        ("Martin Luther King Jr.", "person", "US", "K"),
        ("Ursula von der Leyen", "person", "DE", "L"),
        ("Bashar al-Assad", "person", "SY", "A"),
        ("Éric Zemmour", "person", "FR", "Z"),
        ("Recep Tayyip Erdoğan", "person", "TR", "E"),
        ("Madonna", "person", None, "M"),
        ("The United Nations", "organization", None, "U"),
        ("United States", "state", "US", "U"),
        ("7th Fleet", "organization", None, "#"),
    ],
)
def test_sort_key_and_letter(name: str, kind: str, country: str | None, letter: str) -> None:
    assert index_letter(sort_key(name, kind, country)) == letter


def test_project_pages_are_out_of_the_first_level_of_the_nav(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "book", second=False)
    result = run(read_config(root), cached=False)
    nav = site_nav(result, root / "docs")
    first_level = [entry if isinstance(entry, str) else next(iter(entry)) for entry in nav]
    assert first_level[0] == "index.md"
    assert first_level[1:6] == ["Briefs", "Actors", "Risk register", "Timeline", "Tags"]
    assert "performance.md" not in first_level and first_level[-1] == "About"
    assert "performance.md" in nav[-1]["About"] and "methodology.md" in nav[-1]["About"]
