"""MkDocs' dirty builds, made exact for a served book.

``mkdocs serve --dirty`` (and ``briefing serve``) rebuild only the pages whose ``File`` says it
is modified; a generated file always says so, so :class:`GeneratedFile` tells the truth: it is
unchanged when its content is the same as at the previous rebuild (and the nav is the same).
MkDocs then neither converts nor writes it: its page from the previous rebuild stays in the
served folder. A file whose content is the same is the very ``File`` of the previous rebuild
(:func:`same_file`): making 100,000 of them anew took seconds. Material's search plugin keeps
the previous index under dirty builds but merges it by the first changed page only;
:func:`carry_search_index` keeps the entries of every page that is not rebuilt and lets the
rebuilt ones add theirs.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.render.pages import Generated

log = logging.getLogger("mkdocs.plugins.briefing")


class GeneratedFile(File):
    """A generated page that knows whether it changed since the previous rebuild."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not self.unchanged


def generated_file(config: MkDocsConfig, item: Generated, inclusion: Any) -> GeneratedFile:
    """A page of the book as a file MkDocs builds."""
    file = GeneratedFile.generated(config, item.src_uri, content=item.content, inclusion=inclusion)
    assert isinstance(file, GeneratedFile)  # a class method: it makes the subclass
    return file


#: A generated page as handed to MkDocs: its content and its file, by ``src_uri``.
Made = dict[str, tuple[str | bytes, GeneratedFile]]


def same_file(
    known: tuple[str | bytes, GeneratedFile] | None, content: str | bytes, inclusion: Any
) -> GeneratedFile | None:
    """The previous rebuild's file for this page if it is the same (its page object, made
    anew by each rebuild's nav, is dropped), else None."""
    if known is None:
        return None
    before, file = known
    if file.inclusion != inclusion or not (before is content or before == content):
        return None
    file.page = None
    return file


@dataclass
class Marked:
    """What :func:`mark_unchanged` found: generated files as before, documentation pages,
    and those of them to build again."""

    same: int = 0
    pages: int = 0
    rebuilt: list[File] = field(default_factory=list)


def mark_unchanged(files: Files, previous: Made, current: Made, structural: bool) -> Marked:
    """Mark the generated files whose content is as at the previous rebuild. After a
    structural change every page is rebuilt (the nav of each may have changed); hand-written
    pages always are (they may list the latest briefs)."""
    marked = Marked()
    for file in files:
        if isinstance(file, GeneratedFile):
            old = previous.get(file.src_uri)
            content = current[file.src_uri][0]
            file.unchanged = not structural and old is not None and old[0] == content
            marked.same += file.unchanged
            rebuilt = not file.unchanged
        elif structural or file.is_documentation_page():
            file.is_modified = _always  # type: ignore[method-assign]  # see the docstring
            rebuilt = True
        else:
            continue
        if file.is_documentation_page() and file.inclusion.is_included():
            marked.pages += 1
            if rebuilt:
                marked.rebuilt.append(file)
    return marked


def _always() -> bool:
    return True


def carry_search_index(config: MkDocsConfig, rebuilt: list[File], structural: bool) -> None:
    """Material's search index of the previous rebuild, less the pages ``rebuilt`` now: put
    into this rebuild's index, so each page is in it once."""
    search = _search_plugin(config)
    if search is None:
        return
    previous = search.search_index_prev
    search.search_index_prev = None
    if previous is None or structural:
        return
    urls = {_page_url(file) for file in rebuilt}
    search.search_index.entries = [
        entry for entry in previous.entries if entry["location"].partition("#")[0] not in urls
    ] + search.search_index.entries


def _page_url(file: File) -> str:
    """The URL the search index gives a page (``Page.url``: the home page's is empty)."""
    return "" if file.url in (".", "./") else file.url


def _search_plugin(config: MkDocsConfig) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            return plugin
    return None


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates kept in memory between rebuilds: MkDocs makes a new
    template environment for each, which compiles Material's templates again (keyed by each
    template's source checksum, so an edited template is compiled anew)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def reuse_render(
    page: Page,
    previous: dict[tuple[str, str], tuple[Any, ...]],
    current: dict[tuple[str, str], tuple[Any, ...]],
) -> None:
    """Wrap ``page.render`` with a cache keyed by the page's Markdown (generated pages only:
    their links are raw HTML, so the HTML does not depend on other files)."""
    original = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        key = (
            (
                page.file.src_uri,
                hashlib.sha1(page.markdown.encode(), usedforsecurity=False).hexdigest(),
            )
            if page.markdown is not None
            else None
        )
        hit = previous.get(key) if key else None
        if hit is None:
            original(config, files)
            hit = (page.content, page.toc, page._title_from_render, page.present_anchor_ids)
        else:
            page.content, page.toc, page._title_from_render, page.present_anchor_ids = hit
            page.links_to_anchors = None
        if key:
            current[key] = hit

    page.render = render  # type: ignore[method-assign]
