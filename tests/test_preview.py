"""Incremental preview: a rebuild after a save renders only what the save touched, and its
pages are exactly those of a full render."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from site_helpers import SAMPLE_SLUG, SECOND_SLUG, copy_project

from generator import build
from generator.core.config import make_config
from generator.render.pages import Generated
from generator.site.preview import Preview, owner, pages_for


def preview_run(root: Path, preview: Preview) -> list[Generated]:
    config = make_config(root, {})
    book = preview.check(config, None)
    pages = pages_for(preview, True, config.site_url)
    return build.run(config, serving=True, book=book, indexer=preview.index_of, pages=pages).files


def full_run(root: Path) -> dict[str, str | bytes]:
    result = build.run(make_config(root, {}), serving=True, cached=False)
    return {f.src_uri: f.content for f in result.files}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()  # a save within the same clock tick still changes the signature
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_an_edit_rerenders_only_what_depends_on_it_and_matches_a_full_render(root: Path) -> None:
    preview = Preview()
    first = {f.src_uri: f for f in preview_run(root, preview)}
    assert preview.structural == "first build"
    brief = root / "briefs" / f"{SECOND_SLUG}.yml"
    summary = re.search(r"(?m)^summary: *(?:>-\n +)?(\S.*)$", brief.read_text()).group(1)  # type: ignore[union-attr]
    edit(brief, summary[:20], "Preview edit: ")
    again = {f.src_uri: f for f in preview_run(root, preview)}
    assert preview.structural == "" and preview.changed == {SECOND_SLUG}
    assert {k: v.content for k, v in again.items()} == full_run(root)
    reused = {src for src, f in again.items() if f is first.get(src)}
    slugs = {SAMPLE_SLUG, SECOND_SLUG}
    assert any(owner(src, slugs, set())[1] == SAMPLE_SLUG for src in reused)
    assert not any(owner(src, slugs, set())[1] == SECOND_SLUG for src in reused)
    assert "Preview edit: " in again[f"briefs/{SECOND_SLUG}.md"].content  # type: ignore[operator]


def test_a_new_title_is_a_structural_change(root: Path) -> None:
    preview = Preview()
    preview_run(root, preview)
    brief = root / "briefs" / f"{SAMPLE_SLUG}.yml"
    edit(brief, "title: Ishiba seeks", "title: Ishiba asks for")
    files = preview_run(root, preview)
    assert preview.structural.startswith("briefs added, removed, renamed")
    assert {f.src_uri: f.content for f in files} == full_run(root)


def test_a_removed_brief_leaves_no_page(root: Path) -> None:
    preview = Preview()
    preview_run(root, preview)
    (root / "briefs" / f"{SECOND_SLUG}.yml").unlink()
    files = preview_run(root, preview)
    assert preview.structural and SECOND_SLUG in preview.changed
    assert not [f.src_uri for f in files if SECOND_SLUG in f.src_uri]


def test_an_unchanged_rebuild_checks_nothing_again(root: Path) -> None:
    preview = Preview()
    preview_run(root, preview)
    before = {path: c.doc for path, c in preview.checked.items()}
    preview_run(root, preview)
    assert preview.changed == set() and preview.structural == ""
    assert all(preview.checked[path].doc is doc for path, doc in before.items())


def test_an_edit_in_a_book_of_split_lists_matches_a_full_render(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import lists, parts

    monkeypatch.setattr(parts, "PAGE_ITEMS", 1)
    monkeypatch.setattr(lists, "PAGE_ITEMS", 1)
    monkeypatch.setattr(lists, "PROFILE_ROWS", 1)
    preview = Preview()
    preview_run(root, preview)
    brief = root / "briefs" / f"{SAMPLE_SLUG}.yml"
    text = brief.read_text(encoding="utf-8")
    role = re.search(r"(?m)^ +role: *(\S.*)$", text)
    assert role is not None
    edit(brief, role.group(0), role.group(0).replace(role.group(1), "Edited role"))
    files = {f.src_uri: f.content for f in preview_run(root, preview)}
    assert preview.structural == ""
    assert any(src.startswith("timeline/") for src in files)
    assert files == full_run(root)


def test_a_broken_brief_fixed_is_rendered_again(root: Path) -> None:
    preview = Preview()
    brief = root / "briefs" / f"{SECOND_SLUG}.yml"
    good = brief.read_text(encoding="utf-8")
    brief.write_text("title: [unclosed\n", encoding="utf-8")
    preview_run(root, preview)
    brief.write_text(good, encoding="utf-8")
    edit(brief, "title:", "title:")
    files = {f.src_uri: f.content for f in preview_run(root, preview)}
    assert files == full_run(root)


def test_a_broken_brief_left_as_it_is_keeps_one_error_page(root: Path) -> None:
    """Saving another brief renders the broken brief's error page again: it replaces the kept
    one (MkDocs is handed each page once)."""
    preview = Preview()
    (root / "briefs" / f"{SECOND_SLUG}.yml").write_text("title: [unclosed\n", encoding="utf-8")
    preview_run(root, preview)
    edit(root / "briefs" / f"{SAMPLE_SLUG}.yml", "title:", "title:")
    files = [f.src_uri for f in preview_run(root, preview)]
    assert preview.structural == ""
    assert files.count(f"briefs/{SECOND_SLUG}.md") == 1
    assert len(files) == len(set(files))


def test_garbage_collection_comes_back_after_the_reload_unless_rebuilding() -> None:
    """While previewing, collection is off during a rebuild and turned on a moment after it
    (a full collection of the kept book would delay the browser's reload), not mid-rebuild."""
    import gc
    import time

    from generator.site.plugin import collect_later

    was_enabled = gc.isenabled()
    try:
        gc.disable()
        collect_later(lambda: False, delay=0.05)
        assert not gc.isenabled()
        time.sleep(0.5)
        assert gc.isenabled()
        gc.disable()
        collect_later(lambda: True, delay=0.05)  # another rebuild has begun
        time.sleep(0.5)
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def served_rebuild(root: Path, site: Path) -> Any:
    """One rebuild as ``briefing serve`` makes it (dirty, serving); the briefing plugin."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    here = Path.cwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        os.chdir(here)
    return config.plugins["briefing"]


def test_a_served_edit_reuses_the_files_of_unchanged_pages(root: Path, tmp_path: Path) -> None:
    """MkDocs is handed the very File objects of the pages a save did not change, and new
    ones for the rest; after a structural change, every file is new."""
    site = tmp_path / "served"
    plugin = served_rebuild(root, site)
    first = {src: file for src, (_, file) in plugin.made.items()}
    brief = root / "briefs" / f"{SECOND_SLUG}.yml"
    summary = re.search(r"(?m)^summary: *(?:>-\n +)?(\S.*)$", brief.read_text()).group(1)  # type: ignore[union-attr]
    edit(brief, summary[:20], "Served edit: ")
    plugin = served_rebuild(root, site)
    second = {src: file for src, (_, file) in plugin.made.items()}
    assert set(second) == set(first)
    page = f"briefs/{SECOND_SLUG}.md"
    assert second[page] is not first[page] and not second[page].unchanged
    kept = [src for src in second if second[src] is first[src]]
    assert f"briefs/{SAMPLE_SLUG}.md" in kept
    assert all(
        second[src].unchanged and second[src].page is not None
        for src in kept
        if src.endswith(".md")
    )
    html = (site / "briefs" / SECOND_SLUG / "index.html").read_text(encoding="utf-8")
    assert "Served edit: " in html
    assert (site / "briefs" / SAMPLE_SLUG / "index.html").is_file()  # not rebuilt, still served
    title = re.search(r"(?m)^title: *(\S.*)$", brief.read_text()).group(1)  # type: ignore[union-attr]
    edit(brief, title, "A new title")
    plugin = served_rebuild(root, site)
    assert not any(file is second.get(src) for src, (_, file) in plugin.made.items())


def test_a_served_book_writes_brief_exports_itself_and_only_when_changed(
    root: Path, tmp_path: Path
) -> None:
    """While previewing, a brief's exports are not MkDocs files (60,000 of them at 20,000
    briefs, walked at every save): the plugin writes them into the served folder, again only
    when changed, and deletes those of a brief gone. One a hand-written page names stays a
    MkDocs file (its link is checked); the book's JSON always does."""
    (root / "docs" / "data-notes.md").write_text(
        f"# Data\n\nThe [sample brief's JSON](data/{SAMPLE_SLUG}.json).\n", encoding="utf-8"
    )
    site = tmp_path / "served"
    plugin = served_rebuild(root, site)
    second_json = site / "data" / f"{SECOND_SLUG}.json"
    stix = site / "data" / f"{SAMPLE_SLUG}.stix.json"
    assert f"data/{SECOND_SLUG}.json" not in plugin.made and second_json.is_file()
    assert f"data/{SAMPLE_SLUG}.json" in plugin.made and "data/index.json" in plugin.made
    assert (site / "data" / f"{SAMPLE_SLUG}.json").is_file()
    assert stix.read_bytes().startswith(b"{")
    stamps = {path: path.stat().st_mtime_ns for path in (second_json, stix)}
    brief = root / "briefs" / f"{SECOND_SLUG}.yml"
    edit(brief, "announced a 25 percent", "said a 25 percent")
    served_rebuild(root, site)
    assert "said a 25 percent" in second_json.read_text(encoding="utf-8")
    assert stix.stat().st_mtime_ns == stamps[stix]  # the sample's exports are as they were
    brief.unlink()
    served_rebuild(root, site)
    assert not second_json.exists() and stix.is_file()
