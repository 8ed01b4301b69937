"""A preview's rebuild links only the briefs it checked again and patches the previous index:
both exactly what checking and indexing the whole book again gives, for every kind of edit;
and an edit that moves a brief in the index (or changes its ids) falls back to a full one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from site_helpers import AMBER_SLUG, SAMPLE_SLUG, SECOND_SLUG, copy_project

from generator import build
from generator.core.config import make_config
from generator.render.index import BookIndex, build_index
from generator.site.preview import Preview

SAMPLE_ONLY_ACTOR = "ishiba"  # an actor of the sample brief, not of the edited one


def index_view(index: BookIndex) -> tuple[Any, ...]:
    """Everything an index holds, briefs and their items by identity."""
    actors = [
        (key, e.id, [(id(d), id(a)) for d, a in e.appearances]) for key, e in index.actors.items()
    ]
    facts = [(e.name, e.native_name, e.aliases, e.kind, e.country) for e in index.actors.values()]
    return (
        [id(doc) for doc in index.briefs],
        index.left_out,
        index.drafts_left_out,
        actors,
        facts,
        [(id(r.doc), id(r.risk), r.number) for r in index.risks],
        [(id(r.doc), id(r.event), r.position) for r in index.timeline],
        {tag: [id(d) for d in docs] for tag, docs in index.tags.items()},
        index.refs.by_brief,
        {key: list(targets) for key, targets in index.refs.by_id.items()},
        index.refs.restricted,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


EDITS = {
    # name: (brief, old text, new text, the index is patched (not built again))
    "summary": (SECOND_SLUG, "announced a 25 percent", "said a 25 percent", True),
    "risk rank": (SECOND_SLUG, "likelihood: unlikely", "likelihood: almost certain", True),
    "aliases": (SECOND_SLUG, "aliases: [Trump]", "aliases: [Trump, The President]", True),
    "event text": (SECOND_SLUG, "Trump sends the tariff", "Trump mails the tariff", True),
    "unknown reference": (SECOND_SLUG, "retaliation [@retaliation]", "[@nobody]", False),
    "new id": (SECOND_SLUG, "  - id: retaliation", "  - id: retaliation-2", False),
    "new date": (SECOND_SLUG, "as_of: 2025-07-08", "as_of: 2025-07-09", False),
    "actor name": (SECOND_SLUG, "name: Donald Trump", "name: Donald J. Trump", False),
    "broken": (SECOND_SLUG, "tlp: CLEAR", "tlp: PURPLE", False),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_rebuild_links_and_indexes_as_a_full_check_does(tmp_path: Path, name: str) -> None:
    root = copy_project(tmp_path / "book", amber=True)
    config = make_config(root, {"max_tlp": "GREEN"})
    preview = Preview()
    checked = preview.check(config, None)
    before = preview.index_of(checked)
    first = {doc.slug: doc for doc in checked.briefs}
    slug, old, new, patched = EDITS[name]
    edit(root / "briefs" / f"{slug}.yml", old, new)
    book = preview.check(config, None)
    index = preview.index_of(book)
    assert index_view(index) == index_view(build_index(book))
    assert [p.format() for p in book.problems] == [
        p.format() for p in build.check_book(config).problems
    ]
    assert (index.actors[SAMPLE_ONLY_ACTOR] is before.actors[SAMPLE_ONLY_ACTOR]) is patched
    kept = next(doc for doc in book.briefs if doc.slug == AMBER_SLUG)
    assert (kept is first[AMBER_SLUG]) is (preview.relinked is not None)


def test_an_id_another_brief_references_is_linked_again(tmp_path: Path) -> None:
    """Renaming an id that another brief references: that brief's reference breaks, though
    its file did not change (the whole book is linked again)."""
    root = copy_project(tmp_path / "book")
    config = make_config(root, {})
    edit(
        root / "briefs" / f"{SECOND_SLUG}.yml",
        "retaliation [@retaliation].",
        f"retaliation [@retaliation], after [@{SAMPLE_SLUG}/early-meeting].",
    )
    preview = Preview()
    preview.index_of(preview.check(config, None))
    assert not [p for p in preview.book.problems if p.code == "unknown-ref"]  # type: ignore[union-attr]
    edit(root / "briefs" / f"{SAMPLE_SLUG}.yml", "  - id: early-meeting", "  - id: first-meeting")
    book = preview.check(config, None)
    assert preview.relinked is None
    broken = [p for p in book.problems if p.code == "unknown-ref"]
    assert f"briefs/{SECOND_SLUG}.yml" in {p.path for p in broken}  # its file is as it was
    assert [p.format() for p in book.problems] == [
        p.format() for p in build.check_book(config).problems
    ]


def test_the_served_preview_shows_drafts(tmp_path: Path) -> None:
    """``briefing serve`` rebuilds incrementally; its book shows a draft (marked) even where
    the site leaves drafts out (``drafts: false``)."""
    from test_preview import served_rebuild

    root = copy_project(tmp_path / "book")
    edit(root / "briefs" / f"{SECOND_SLUG}.yml", "tlp: CLEAR", "tlp: CLEAR\ndraft: true")
    assert "drafts: false" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    site = tmp_path / "served"
    for _ in range(2):  # the first build, then an incremental one
        served_rebuild(root, site)
        assert (site / "briefs" / SECOND_SLUG / "index.html").is_file()
        assert '<span class="badge draft">draft</span>' in (site / "index.html").read_text(
            encoding="utf-8"
        )
        edit(root / "briefs" / f"{SECOND_SLUG}.yml", "announced a", "announced a")
