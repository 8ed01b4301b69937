"""The MkDocs plugin ``briefing``: thin hooks over :mod:`generator.build`.

``on_config`` runs the pipeline and sets the grouped nav, ``on_files`` adds the
generated pages from memory (hand-written ``docs/`` files always win and are never
written; while previewing, the briefs' exports go straight into the served folder:
:mod:`.exports`), ``on_serve`` watches briefs and seeds, ``on_post_build`` prints PDFs.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import build
from generator.core.config import Config, refuse_site_dir
from generator.core.mkdocs_yml import NAME, read_layout
from generator.core.model import SLUG_PATTERN
from generator.errors import BriefingError
from generator.render.index import build_index
from generator.render.urls import Urls

from .assembly import collapse_whitespace, decorate_hand_written, site_nav
from .dirty import (
    CompiledTemplates,
    Made,
    carry_search_index,
    generated_file,
    mark_unchanged,
    reuse_render,
    same_file,
)
from .exports import ExportWriter, is_brief_export, named_by_hand_written
from .nav import nav_title
from .preview import Preview, pages_for
from .project import project_config
from .watch import ChangeRelay, relay

log = logging.getLogger("mkdocs.plugins.briefing")
ONLY_ENV = "BRIEFING_ONLY"


class BriefingOptions(base.Config):
    briefs_dir = c.Type(str, default="briefs")
    seeds_dir = c.Type(str, default="seeds")
    max_tlp = c.Type(str, default="CLEAR")
    pdf = c.Type(bool, default=False)
    drafts = c.Type(bool, default=False)
    templates_dir = c.Optional(c.Type(str))


class BriefingPlugin(BasePlugin[BriefingOptions]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.rebuilding = False
        self.preview = Preview()
        self.compiled = CompiledTemplates()
        self.result: build.Result | None = None
        self.generated: set[str] = set()
        self.rendered: dict[tuple[str, str], tuple[Any, ...]] = {}
        self.rendered_now: dict[tuple[str, str], tuple[Any, ...]] = {}
        #: the previous rebuild's generated files (while previewing)
        self.made: Made = {}
        #: the native watcher of the brief and article folders (while serving)
        self.relay: ChangeRelay | None = None
        #: the briefs' exports written into the served folder (while previewing)
        self.exports = ExportWriter()
        #: the book, site folder and URL style that the kept state is of
        self.kept_for: tuple[str, str, bool] = ("", "", True)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._forget_other_sites(config)
        if self.serving:
            # no cyclic GC while a preview rebuilds: it would walk the kept book again and
            # again; garbage is collected after the rebuild, while the reader looks
            self.rebuilding = True
            gc.disable()
        try:
            project = project_config(read_layout(Path(config.config_file_path or NAME)), config)
            refuse_site_dir(project, Path(config.docs_dir), Path(config.site_dir))
        except BriefingError as exc:
            raise PluginError(str(exc)) from None
        docs = Path(config.docs_dir)
        has_home = (docs / "index.md").is_file()
        paths = only_paths(project)
        incremental = self.serving and self.dirty
        self.result = build.run(
            project,
            home=not has_home,
            directory_urls=config.use_directory_urls,
            serving=self.serving,
            paths=paths,
            book=self.preview.check(project, paths) if incremental else None,
            indexer=self.preview.index_of if incremental else build_index,
            pages=pages_for(self.preview, not has_home, project.site_url) if incremental else None,
        )
        self._report()
        if config.nav is None:
            config.nav = site_nav(self.result, docs) + self._error_nav()
        if incremental and not self.preview.structural:
            # the sitemap and 404 page of the last full rebuild stay (each renders the nav)
            config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
        config.extra_css.append(Urls.css)
        config.extra_javascript.append(Urls.js)
        return config

    def _forget_other_sites(self, config: MkDocsConfig) -> None:
        """MkDocs keeps one plugin object per process: what a preview kept of one book or
        site folder is dropped when the next build is of another (a new site folder has
        none of the pages that the kept state says are already there)."""
        site = (config.config_file_path or "", config.site_dir, config.use_directory_urls)
        if site != self.kept_for:
            self.preview, self.made, self.rendered = Preview(), {}, {}
            self.exports = ExportWriter()
            self.kept_for = site

    def _error_nav(self) -> list[Any]:
        """While previewing, briefs with errors get their own nav section."""
        assert self.result is not None
        published = {doc.slug for doc in self.result.index.briefs}
        broken = [
            {nav_title(doc.path): Urls.brief(doc.slug)}
            for doc in self.result.book.briefs
            if doc.slug not in published and not doc.ok and self.serving
        ]
        return [{"Briefs with errors": broken}] if broken else []

    def _report(self) -> None:
        assert self.result is not None
        problems = self.result.book.problems
        if self.serving and self.dirty and not self.preview.structural:
            changed = self.preview.changed
            shown = [p for d in self.result.book.briefs if d.slug in changed for p in d.problems]
            if len(problems) > len(shown):
                log.info("%d problem(s) in unchanged briefs, as before", len(problems) - len(shown))
            problems = shown
        for problem in problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        for slug in self.result.index.left_out:
            log.info(
                "left out of the site (above TLP:%s): %s", self.result.book.config.max_tlp, slug
            )
        errors = self.result.book.errors
        if errors and not self.serving:
            raise PluginError(f"{len(errors)} error(s) in the briefs; see above")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        self.generated = set()
        hand_written = {file.src_uri for file in files}
        incremental = self.serving and self.dirty
        named = named_by_hand_written(files) if incremental else set()
        reusable = self._reusable(config)
        made: Made = {}
        exports: dict[str, str | bytes] = {}
        for item in self.result.files:
            if item.src_uri in hand_written:
                log.warning(
                    "hand-written docs/%s kept; the generated page is not added", item.src_uri
                )
                continue
            if incremental and is_brief_export(item.src_uri) and item.src_uri not in named:
                exports[item.src_uri] = item.content  # see generator.site.exports
                continue
            inclusion = InclusionLevel.INCLUDED if item.in_nav else InclusionLevel.NOT_IN_NAV
            file = same_file(reusable.get(item.src_uri), item.content, inclusion)
            file = file or generated_file(config, item, inclusion)
            files.append(file)
            made[item.src_uri] = (item.content, file)
            self.generated.add(item.src_uri)
        if incremental:
            written = self.exports.write(Path(config.site_dir), exports)
            self._mark_rebuilt(files, config, made, len(exports) - written)
            self.made = made
        return files

    def _reusable(self, config: MkDocsConfig) -> Made:
        """The generated files of the previous rebuild, to be used again where their content
        is the same: while previewing a big book, making a ``File`` for each of its 100,000
        files cost seconds per save. Not after a structural change or a changed layout."""
        if not (self.serving and self.dirty) or self.preview.structural:
            return {}
        return self.made

    def _mark_rebuilt(
        self, files: Files, config: MkDocsConfig, made: Made, exports_same: int
    ) -> None:
        """A dirty rebuild while serving: only the pages whose content changed are built
        (``exports_same``: the exports written by the plugin that were as before)."""
        assert self.result is not None
        reason = self.preview.structural
        marked = mark_unchanged(files, self.made, made, bool(reason))
        carry_search_index(config, marked.rebuilt, bool(reason))
        total, same = len(self.result.files), marked.same + exports_same
        if reason:
            log.info(
                "preview: full rebuild of %d pages (structural change: %s)", marked.pages, reason
            )
        else:
            changed = ", ".join(sorted(self.preview.changed)) or "nothing"
            log.info(
                "preview: incremental rebuild (%s changed): %d of %d generated pages rebuilt",
                changed,
                total - same,
                total,
            )

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Hand-written pages get the latest briefs at their marker, and a TLP label."""
        if self.result is None or page.file.src_uri in self.generated:
            return markdown
        return decorate_hand_written(markdown, page.meta, self.result.ctx, page.file.src_uri)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        """While previewing, a generated page whose Markdown did not change since the last
        rebuild reuses its HTML: an edit re-converts only the pages it touched."""
        if self.serving and page.file.src_uri in self.generated:
            reuse_render(page, self.rendered, self.rendered_now)
        return page

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Drop the theme's indentation (most of a page's bytes), except inside <pre>."""
        return collapse_whitespace(output)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a brief, an article or a template override changes: watched by native
        file events where the system has them (:mod:`.watch`), else polled by MkDocs."""
        assert self.result is not None
        project = self.result.book.config
        folders = [f for f in (project.briefs_path, project.seeds_path) if f.is_dir()]
        if project.templates_dir:
            folders.append(project.root / project.templates_dir)
        self.relay = relay(folders) if folders else None
        for folder in [self.relay.folder] if self.relay else folders:
            server.watch(str(folder))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.rebuilding = False
        gc.enable()

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.serving:
            self.rebuilding = False
            collect_later(lambda: self.rebuilding)
        self.rendered, self.rendered_now = self.rendered_now, {}
        if self.result is not None and self.result.book.config.pdf:
            written = build.write_pdfs(self.result, Path(config.site_dir))
            log.info("printed %d PDF brief(s)", len(written))
        if not self.serving and not offline(config):
            chunked = build.write_search(Path(config.site_dir))
            if chunked is not None:
                log.info(
                    "search index: %d pages in %d word shards and %d page chunks",
                    chunked.pages,
                    chunked.shards,
                    chunked.chunks,
                )


def collect_later(busy: Callable[[], bool], delay: float = 3.0) -> None:
    """Garbage collection back on a few seconds after a preview rebuild: turned on at once, the
    first collection walks the whole kept book (about a second at 2,225 briefs) before MkDocs
    tells the browser to reload; later, it runs while the reader looks at the page (unless
    another rebuild has begun: that one schedules it again)."""

    def collect() -> None:
        if not busy():
            gc.enable()
            gc.collect()

    timer = threading.Timer(delay, collect)
    timer.daemon = True
    timer.start()


def offline(config: MkDocsConfig) -> bool:
    """Material's offline plugin is on: its ``file://`` copy keeps Material's own search
    (a browser does not fetch index pieces from ``file://``)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))


def only_paths(project: Config) -> list[Path] | None:
    """``BRIEFING_ONLY=slug[,slug]`` (``briefing serve --only``): a focused preview of those
    briefs and the pages they link (their actors), whatever the size of the book."""
    slugs = [s.strip() for s in os.environ.get(ONLY_ENV, "").split(",") if s.strip()]
    if not slugs:
        return None
    wrong = [s for s in slugs if not SLUG_PATTERN.fullmatch(s)]
    if wrong:
        raise PluginError(f"{ONLY_ENV}: expected brief slugs; found {', '.join(map(repr, wrong))}")
    paths = [project.briefs_path / f"{slug}.yml" for slug in slugs]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise PluginError(f"{ONLY_ENV}: no brief {', '.join(missing)} in {project.briefs_dir}/")
    log.info("focused preview: %s", ", ".join(slugs))
    return paths
