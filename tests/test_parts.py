"""Bounded pages: long cross-brief lists split into linked parts, nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import copy_project

from generator.build import run
from generator.core.config import make_config
from generator.render import lists, parts
from generator.render.parts import Part, chunks, grouped, numbered, paged, pager
from generator.render.urls import Urls

LINK = re.compile(r'href="([^"#]+)')


def test_chunks_bound_every_run() -> None:
    runs = chunks(list(range(10)), 3)
    assert [len(r) for r in runs] == [3, 3, 3, 1]
    assert [i for run in runs for i in run] == list(range(10))
    assert chunks([], 3) == [[]]


def test_paged_names_and_labels() -> None:
    got = paged("actors/x.md", list(range(5)), "", size=2)
    assert [p.src_uri for p in got] == ["actors/x.md", "actors/x/2.md", "actors/x/3.md"]
    assert [p.label for p in got] == ["1/3", "2/3", "3/3"]
    assert numbered("t.md", 1) == "t.md"
    assert paged("a.md", [1], "A")[0].label == "A"


def test_grouped_splits_a_big_group_by_the_finer_key_then_by_count() -> None:
    items = [("2004", "01")] * 2 + [("2005", "01")] * 3 + [("2005", "02")] * 5
    got = grouped(items, lambda label: f"t/{label}.md", [lambda i: i[0], lambda i: i[1]], 3)
    assert [p.label for p in got] == ["2004", "2005-01", "2005-02 (1/2)", "2005-02 (2/2)"]
    assert [len(p.items) for p in got] == [2, 3, 3, 2]
    assert [i for p in got for i in p.items] == items


def test_grouped_gives_each_key_one_page_even_when_its_items_are_apart() -> None:
    items = ["2004-01", "2004-xx", "2004-01", "2005-01"]
    got = grouped(items, lambda label: f"t/{label}.md", [lambda i: i[:4], lambda i: i[5:]], 2)
    pages = [p.src_uri for p in got]
    assert len(pages) == len(set(pages))
    assert sorted(i for p in got for i in p.items) == sorted(items)


def test_pager_marks_the_current_part_and_stays_short() -> None:
    many = [Part(f"p{i}.md", str(i)) for i in range(100)]
    links = pager(many, 50, lambda src: src)
    assert len(links) < 12
    assert [link["label"] for link in links if link["current"]] == ["50"]
    assert {"0", "99"} <= {link["label"] for link in links}
    assert pager(many[:1], 0, lambda src: src) == []


@pytest.fixture()
def small_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The two-brief sample with at most one item a page: every list splits."""
    monkeypatch.setattr(parts, "PAGE_ITEMS", 1)
    monkeypatch.setattr(lists, "PAGE_ITEMS", 1)
    monkeypatch.setattr(lists, "PROFILE_ROWS", 1)
    result = run(make_config(copy_project(tmp_path), {}), cached=False)
    assert not result.book.errors
    return {f.src_uri: f.content for f in result.files if isinstance(f.content, str)}


def test_split_lists_keep_every_item_and_link_their_parts(small_pages: dict[str, str]) -> None:
    timeline_parts = [s for s in small_pages if s.startswith("timeline/")]
    letters = [s for s in small_pages if s.startswith("actors/letter/")]
    trump = [s for s in small_pages if s.startswith("actors/trump")]
    assert len(timeline_parts) > 1 and len(letters) > 1 and len(trump) == 2
    overview = small_pages[Urls.timeline]
    for src in timeline_parts:
        assert _linked(Urls.timeline, src, overview), src
        assert "All parts" in small_pages[src]
    assert all(_linked(Urls.actors_index, src, small_pages[Urls.actors_index]) for src in letters)
    assert _linked(trump[0], trump[1], small_pages[trump[0]])
    assert _linked(trump[1], trump[0], small_pages[trump[1]])


def test_every_event_and_actor_is_on_some_part(
    small_pages: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    whole = run(make_config(copy_project(tmp_path_factory.mktemp("whole")), {}), cached=False)
    events = whole.index.timeline
    dates = [row.event.date for row in events]
    shown = "".join(v for k, v in small_pages.items() if k.startswith("timeline/"))
    assert len(re.findall(r"<time[ >]", shown)) == len(dates)
    names = "".join(v for k, v in small_pages.items() if k.startswith("actors/letter/"))
    for entry in whole.index.actors.values():
        assert f">{entry.name}</a>" in names


def _linked(from_src: str, to_src: str, html: str) -> bool:
    urls = Urls()
    return urls.href(from_src, to_src) in LINK.findall(html)


def test_weighed_parts_hold_at_most_the_limit_and_every_item_once() -> None:
    items = [5, 1, 1, 9, 2, 2, 2, 30, 1]
    pages = parts.weighed("actors/x.md", items, lambda n: n, 10)
    assert [p.items for p in pages] == [[5, 1, 1], [9], [2, 2, 2], [30], [1]]
    assert [p.src_uri for p in pages][:2] == ["actors/x.md", "actors/x/2.md"]
    assert all(sum(p.items) <= 10 or len(p.items) == 1 for p in pages)
    assert [n for p in pages for n in p.items] == items
