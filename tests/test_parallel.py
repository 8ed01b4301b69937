"""Forked workers (generator.core.parallel) give what one process gives, in the same order.

A big book checks and renders in forked worker processes; the fixture book is small, so
these tests force the workers (and chunks of one brief) and compare with one process.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_BOOK, make_minimal_project

from generator import build
from generator.core import cache, parallel
from generator.core.book import BriefDoc
from generator.core.config import make_config
from generator.render import pages
from generator.render.pages import Generated
from generator.site.project import load_project
from generator.site.tree import generate_cached


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book with each brief three times (other slugs): more briefs than workers."""
    root = tmp_path_factory.mktemp("parallel") / "book"
    shutil.copytree(FIXTURE_BOOK, root)
    for brief in sorted((root / "briefs").glob("*.yml")):
        for n in (2, 3):
            shutil.copyfile(brief, brief.with_name(f"{brief.stem}-{n}.yml"))
    return root


def rendered(monkeypatch: pytest.MonkeyPatch, root: Path, workers: int) -> list[Generated]:
    config = make_config(root, {"max_tlp": "RED"})
    monkeypatch.setattr(build, "workers_for", lambda items: workers)
    monkeypatch.setattr(pages, "workers_for", lambda items: workers)
    monkeypatch.setattr(pages, "RENDER_CHUNK", 1)
    book = build.check_book(config)
    index = build.build_index(book)
    assert len(index.briefs) > 2  # more briefs than workers: each worker takes several
    return pages.generate_all(build.render_context(config, index), home=True)


def test_workers_render_the_same_files_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch, book: Path
) -> None:
    alone = rendered(monkeypatch, book, 1)
    forked = rendered(monkeypatch, book, 2)
    assert [f.src_uri for f in forked] == [f.src_uri for f in alone]
    assert forked == alone


def test_workers_check_the_same_problems(monkeypatch: pytest.MonkeyPatch, book: Path) -> None:
    config = make_config(book, {})
    monkeypatch.setattr(build, "workers_for", lambda items: 1)
    alone = build.check_book(config)
    monkeypatch.setattr(build, "workers_for", lambda items: 2)
    forked = build.check_book(config)
    assert [d.slug for d in forked.briefs] == [d.slug for d in alone.briefs]
    assert [p.format() for p in forked.problems] == [p.format() for p in alone.problems]


def test_a_checked_brief_travels_whole(book: Path) -> None:
    """What a check worker sends back is the brief it checked: the brief validated again on
    arrival, the anchors and articles as they were (the articles without their caches)."""
    import pickle

    config = make_config(book, {})
    docs = build.check_book(config).briefs
    assert all(doc.brief is not None and doc.articles for doc in docs)
    unread = BriefDoc("broken", "briefs/broken.yml", book / "briefs" / "broken.yml")
    assert pickle.loads(pickle.dumps(unread)) == unread
    for doc in docs:
        for article in doc.articles.values():
            assert article.normal is not None  # a cache filled before the journey
        back = pickle.loads(pickle.dumps(doc))
        assert back.brief == doc.brief and (back.brief is None) == (doc.brief is None)
        assert back.cited == doc.cited and back.problems == doc.problems
        assert back.located == doc.located
        for source_id, article in back.articles.items():
            assert "normal" not in vars(article)
            assert article.text == doc.articles[source_id].text
            assert article.normal == doc.articles[source_id].normal


def written_tree(monkeypatch: pytest.MonkeyPatch, root: Path, out: Path, workers: int) -> Any:
    """``briefing generate`` into ``out`` with ``workers`` processes: the (written,
    unchanged, removed) counts and every file's bytes."""
    monkeypatch.setattr(build, "workers_for", lambda items: workers)
    monkeypatch.setattr(pages, "workers_for", lambda items: workers)
    monkeypatch.setattr(pages, "RENDER_CHUNK", 1)
    monkeypatch.setattr(pages, "ACTOR_CHUNK", 1)
    monkeypatch.setattr(cache, "enabled", lambda: False)
    loaded = load_project(root)
    config = loaded.config.with_options(max_tlp="RED")
    _, counts = generate_cached(config, loaded.mkdocs, out)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return counts, files


def test_workers_write_the_same_tree(
    monkeypatch: pytest.MonkeyPatch, book: Path, tmp_path: Path
) -> None:
    """Workers write the pages they render (only a receipt of each comes back): the tree,
    its manifest and the counts are those of one process, and a second run rewrites none."""
    root = tmp_path / "book"
    shutil.copytree(book, root)
    make_minimal_project(root)
    (root / "docs" / "about.md").write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    alone = written_tree(monkeypatch, root, tmp_path / "alone", 1)
    forked = written_tree(monkeypatch, root, tmp_path / "forked", 2)
    again = written_tree(monkeypatch, root, tmp_path / "forked", 2)
    assert forked == alone
    counts, files = forked
    assert counts[0] == len(files) - 1 > 20  # every file but the manifest written
    assert any(name.startswith("docs/actors/") for name in files)
    assert b"Written by hand." in files["docs/about.md"]
    assert again[0] == (0, counts[0], 0)  # nothing rewritten, nothing removed


def test_work_beside_gives_its_result_or_its_error() -> None:
    """``beside`` runs work in a forked process: its result, or its exception, comes back."""
    import os

    here = os.getpid()
    assert parallel.beside(lambda: (os.getpid() != here, [1, 2]))() == (True, [1, 2])

    def fails() -> None:
        raise OSError(13, "denied")

    result = parallel.beside(fails)
    with pytest.raises(OSError, match="denied"):
        result()


def test_a_cold_generate_stores_the_key_of_its_inputs(
    monkeypatch: pytest.MonkeyPatch, book: Path, tmp_path: Path
) -> None:
    """With nothing stored, the key is worked out beside the run: the next run with the
    same inputs hits it; an edited brief misses it."""
    root = tmp_path / "book"
    shutil.copytree(book, root)
    make_minimal_project(root)
    loaded = load_project(root)
    out = tmp_path / "tree"
    assert not cache.stored(loaded.config, "generate")
    _, first = generate_cached(loaded.config, loaded.mkdocs, out)
    assert cache.stored(loaded.config, "generate") and first[0] > 0
    _, second = generate_cached(loaded.config, loaded.mkdocs, out)
    assert second == (0, first[0] + first[1], 0)  # a hit: nothing rendered or written
    brief = sorted((root / "briefs").glob("*.yml"))[0]
    brief.write_text(brief.read_text(encoding="utf-8").replace("title: ", "title: New ", 1))
    _, third = generate_cached(loaded.config, loaded.mkdocs, out)
    assert third[0] > 0  # a miss: the edited brief's pages written again
