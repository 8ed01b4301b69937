"""The orchestrator: the pipeline as a list of stages.

load -> validate -> anchor -> lint   (check_book)
index                                (build_index)
render + site                        (generate_all)
pdf                                  (write_pdfs, after the site is built)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .check import Book, check_book
from .config import Config
from .index import BookIndex, build_index
from .pages import Generated, generate_all
from .render import RenderContext, environment
from .urls import Urls

log = logging.getLogger(__name__)


@dataclass
class Result:
    book: Book
    index: BookIndex
    files: list[Generated]
    ctx: RenderContext


def render_context(
    config: Config, index: BookIndex, *, directory_urls: bool = True
) -> RenderContext:
    templates = config.root / config.templates_dir if config.templates_dir else None
    return RenderContext(
        index, Urls(directory_urls), config.today, environment(templates), pdf=config.pdf
    )


def run(
    config: Config,
    *,
    home: bool = True,
    directory_urls: bool = True,
    serving: bool = False,
    paths: list[Path] | None = None,
    cached: bool = True,
) -> Result:
    """The whole pipeline; ``paths`` limits it to some brief files (a focused preview).

    With ``cached``, pages come from the cache when no input changed since the run that
    stored them (a rebuild with nothing changed renders nothing).
    """
    key = (
        cache.input_digest(config, f"{home}:{directory_urls}:{serving}:{paths}")
        if cached and cache.enabled()
        else ""
    )
    book = check_book(config, paths)
    index = build_index(book)
    ctx = render_context(config, index, directory_urls=directory_urls)
    files: list[Generated] | None = cache.load(config, "pages", key) if key else None
    if files is None:
        files = generate_all(ctx, home=home, site_url=config.site_url)
        if serving:
            files += error_pages(ctx, book)
        if key:
            cache.store(config, "pages", key, files)
    return Result(book, index, files, ctx)


def error_pages(ctx: RenderContext, book: Book) -> list[Generated]:
    """While previewing, a brief with errors gets a page that lists them."""
    pages = []
    for doc in book.briefs:
        if doc.ok or ctx.index.published(doc.slug):
            continue
        template = ctx.templates.get_template("error.md.j2")
        content = template.render(doc=doc, problems=[p for p in doc.problems if p.is_error])
        pages.append(Generated(Urls.brief(doc.slug), content, in_nav=True))
    return pages


def write_pdfs(result: Result, site_dir: Path) -> list[Path]:
    from .export import pdf_data
    from .pdf import render_pdfs

    jobs = [
        (pdf_data(doc, result.index, result.ctx.today), site_dir / Urls.pdf(doc.slug))
        for doc in result.index.briefs
    ]
    return render_pdfs(jobs)
