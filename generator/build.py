"""The orchestrator: the pipeline as a list of stages, read top to bottom.

check    discover -> load -> validate -> sources -> anchor -> lint, per brief; then the
         book-wide references                                        (:func:`check_book`)
index    cross-brief: actors merged by id, risk register, timeline  (:func:`run`)
render   pages and exports as ``src_uri -> content``                 (:func:`run`)
site     MkDocs builds them (``generator.site.plugin``), or ``briefing generate`` writes
         them as a plain tree (``generator.site.tree``); both call :func:`run`
pdf      one PDF per published brief                                 (:func:`print_pdfs`)
search   the built site's search index cut into the pieces a query fetches
                                                                     (:func:`write_search`)

The CLI, the MkDocs plugin, ``generate``, ``serve`` and ``pdf`` all go through here.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.core import anchor_lock, cache, evidence, lint, refs
from generator.core.book import Book, BriefDoc, discover, shown_path
from generator.core.bounds import bounds
from generator.core.config import Config
from generator.core.files import is_within
from generator.core.link import link_book, lint_context
from generator.core.load import MAX_BRIEF_BYTES, load_yaml, read_text
from generator.core.model import RESERVED_SLUGS, SLUG_PATTERN
from generator.core.parallel import fork_pool, gc_paused, workers_for
from generator.core.sources import ArticleCache, read_sources
from generator.core.validate import validate
from generator.errors import ExportError, InputError, UsageError, error, excerpt
from generator.publish.output import TreeWriter
from generator.publish.pdf import render_pdfs
from generator.publish.search import Chunked, write_chunked
from generator.render.brief import RenderContext, environment
from generator.render.index import BookIndex, build_index
from generator.render.pages import Generated, generate_all, render_all
from generator.render.pdf_data import pdf_data
from generator.render.stix import stix_json
from generator.render.urls import Urls

log = logging.getLogger(__name__)
CHUNK = 64


# -- check ------------------------------------------------------------------------------


def check_book(config: Config, paths: list[Path] | None = None) -> Book:
    """Every brief checked (never stopping at the first problem), then references."""
    return link_book(config, check_all(config, discover(config, paths)))


def check_all(config: Config, files: list[Path]) -> list[BriefDoc]:
    """:func:`check_brief` for every file, in order; in forked workers for a big book."""
    workers = workers_for(len(files))
    with gc_paused():
        if workers < 2:
            return _check_chunk((config, files))
        size = max(1, min(CHUNK, len(files) // (workers * 4)))
        chunks = [(config, files[i : i + size]) for i in range(0, len(files), size)]
        with fork_pool(workers) as pool:
            return [doc for part in pool.map(_check_chunk, chunks) for doc in part]


def _check_chunk(job: tuple[Config, list[Path]]) -> list[BriefDoc]:
    config, files = job
    articles = ArticleCache()
    return [check_brief(config, file, articles) for file in files]


def check_brief(config: Config, file: Path, articles: ArticleCache) -> BriefDoc:
    """The check stages of one brief: load, validate, sources, anchor, lint."""
    doc = BriefDoc(file.stem, shown_path(config, file), file)
    refused = slug_problem(doc.slug, file.name)
    if refused is None and file.is_symlink() and not is_within(file, config.briefs_path):
        refused = (
            f"{file.name} is a link to a file outside {config.briefs_dir}/",
            "copy the brief into the briefs folder; a link could publish any file",
        )
    if refused:
        doc.problems.append(error(doc.path, 1, 1, refused[0], refused[1], code="slug"))
        return doc
    try:
        text = read_text(file, doc.path, limit=MAX_BRIEF_BYTES, what="brief")
        doc.located = load_yaml(text, doc.path)
    except InputError as exc:
        doc.problems += exc.problems
        return doc
    doc.brief, problems = validate(doc.located)
    doc.problems += problems
    if doc.brief is None:
        return doc
    exceeded = bounds(doc.brief, doc.located)
    if exceeded:  # nothing costly runs on a brief past a bound
        doc.problems += exceeded
        return doc
    doc.articles = read_sources(config, doc, articles)
    lock = anchor_lock.read_lock(file)  # where each quote was last found: the hints
    doc.cited, problems = evidence.anchor_brief(doc.brief, doc.located, doc.articles, lock)
    doc.anchors_moved = anchor_lock.stale(lock, doc.cited, doc.articles)
    doc.problems += problems
    context = lint_context(config, doc)
    doc.problems += lint.lint_brief(context) + refs.actor_problems(context)
    doc.targets = tuple(refs.ids_of(doc.slug, doc.brief))
    return doc


def slug_problem(slug: str, name: str) -> tuple[str, str] | None:
    """Why a brief file name cannot be a slug (message, hint), or None. A slug is the whole
    stem (no trailing newline), and never a generated page's name under ``briefs/``."""
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 100:
        return (
            f"brief file name {name!r} is not a slug",
            "expected lowercase letters, digits and hyphens, then .yml",
        )
    if slug in RESERVED_SLUGS or slug.isdigit():
        return (
            f"brief file name {name!r} is reserved: the book generates briefs/{slug}/ itself",
            "rename the brief; a slug has a letter and is not one of "
            + ", ".join(sorted(RESERVED_SLUGS)),
        )
    return None


# -- index and render -------------------------------------------------------------------


@dataclass
class Result:
    book: Book
    index: BookIndex
    files: list[Generated]
    ctx: RenderContext


def render_context(
    config: Config, index: BookIndex, *, directory_urls: bool = True, serving: bool = False
) -> RenderContext:
    """What rendering needs. Only a preview looks for edited templates at every page (a
    ``stat`` per template per page: 78,000 in a book of 2,225 briefs)."""
    templates = config.root / config.templates_dir if config.templates_dir else None
    env = shared_environment(templates)
    env.auto_reload = serving
    return RenderContext(index, Urls(directory_urls), config.today, env, pdf=config.pdf)


@functools.lru_cache(maxsize=8)
def shared_environment(templates: Path | None) -> jinja2.Environment:
    """One template environment per override folder for the life of the process: a preview's
    rebuild does not compile the templates again (Jinja reloads a template whose file changed)."""
    return environment(templates)


def run(
    config: Config,
    *,
    home: bool = True,
    directory_urls: bool = True,
    serving: bool = False,
    paths: list[Path] | None = None,
    cached: bool = True,
    book: Book | None = None,
    indexer: Callable[[Book], BookIndex] = build_index,
    pages: Callable[[RenderContext, Book], list[Generated]] | None = None,
    writer: TreeWriter | None = None,
) -> Result:
    """check -> index -> render; ``paths`` limits it to some brief files (a focused preview).

    With ``cached``, pages come from the cache when no input changed since the run that
    stored them (a rebuild with nothing changed renders nothing). A preview passes the
    ``book`` it checked itself, an ``indexer`` that reuses the previous index, and ``pages``,
    which renders only what a change touched; the preview (``serving``) always shows drafts,
    marked as such. With a ``writer``, the
    pages are written out where they are rendered (``briefing generate``), and the result
    holds none of them: the writer has their receipts (see :func:`render_all`).
    """
    if serving:
        config = config.with_options(drafts=True)
    key = (
        cache.input_digest(config, f"{home}:{directory_urls}:{serving}:{paths}")
        if cached and cache.enabled() and pages is None and writer is None
        else ""
    )
    with gc_paused(freeze=not serving):
        book = dataclasses.replace(book, config=config) if book else check_book(config, paths)
        index = indexer(book)
        ctx = render_context(config, index, directory_urls=directory_urls, serving=serving)
        files: list[Generated] | None = cache.load(config, "pages", key) if key else None
        if files is None and pages is not None:
            files = pages(ctx, book)
        elif files is None and writer is not None:
            render_all(ctx, home=home, site_url=config.site_url, take=writer.take, kept=writer.keep)
            files = []
        elif files is None:
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


# -- pdf --------------------------------------------------------------------------------


def print_pdfs(
    index: BookIndex, config: Config, folder: Path, workers: int | None = None
) -> list[Path]:
    """One PDF per brief of ``index`` into ``folder``, on every core."""
    jobs = [
        (pdf_data(doc, index, config.today), folder / f"{doc.slug}.pdf") for doc in index.briefs
    ]
    return render_pdfs(jobs, workers=workers)


def write_pdfs(result: Result, site_dir: Path) -> list[Path]:
    """The site's PDFs: the published briefs, into ``site_dir``."""
    return print_pdfs(result.index, result.book.config, site_dir / Path(Urls.pdf("x")).parent)


def write_search(site_dir: Path) -> Chunked | None:
    """Material's search index of a built site as the chunked index and its worker
    (:mod:`generator.publish.search`); ``None`` when the site has no Material search."""
    return write_chunked(site_dir)


def print_briefs(
    config: Config,
    paths: list[Path] | None,
    folder: Path,
    jobs: int | None = None,
    *,
    include_restricted: bool = False,
) -> tuple[Book, list[Path], list[str]]:
    """``briefing pdf``: PDFs of the given briefs (default: all) that have no errors and are
    publishable (at or below ``max_tlp``); with ``include_restricted``, whatever their TLP
    (each PDF carries its own TLP label). Returns the book, the PDFs, and the slugs left out
    for their TLP."""
    book = check_book(config, paths)
    limit = "RED" if include_restricted else config.max_tlp
    index = build_index(dataclasses.replace(book, config=config.with_options(max_tlp=limit)))
    return book, print_pdfs(index, config, folder, jobs), index.left_out


# -- export -----------------------------------------------------------------------------


def find_brief(config: Config, name: str) -> Path:
    """The brief file named by a slug (``briefs/<slug>.yml``) or a path to a ``.yml`` file."""
    given = Path(name)
    if given.suffix in (".yml", ".yaml") and given.is_file():
        return given.resolve()
    if SLUG_PATTERN.match(name) and (config.briefs_path / f"{name}.yml").is_file():
        return (config.briefs_path / f"{name}.yml").resolve()
    raise UsageError(
        f"expected a brief's slug (a file {config.briefs_dir}/<slug>.yml) or the path of a "
        f"brief file; found '{excerpt(name)}', which is neither"
    )


def stix_export(config: Config, name: str) -> str:
    """``briefing export --stix``: the STIX 2.1 bundle of one published brief, as JSON text.

    The whole book is checked (references may point into other briefs); the brief must be
    free of errors and at or under ``max_tlp``."""
    file = find_brief(config, name)
    extra = [] if file.parent == config.briefs_path.resolve() else [file]
    folder = [config.briefs_path] if config.briefs_path.is_dir() else []
    book = check_book(config, [*folder, *extra])
    doc = next((d for d in book.briefs if _same(config, d, file)), None)
    if doc is None:
        raise UsageError(f"'{excerpt(name)}' is not a brief file (expected a .yml file)")
    if not doc.ok:
        raise InputError([p for p in doc.problems if p.is_error])
    index = build_index(book)
    if not index.published(doc.slug):
        assert doc.brief is not None
        raise ExportError(
            f"brief '{doc.slug}' is TLP:{doc.brief.tlp}, above max_tlp {config.max_tlp} "
            "(mkdocs.yml); an export never holds a brief above it"
        )
    return stix_json(doc, index)


def _same(config: Config, doc: BriefDoc, file: Path) -> bool:
    return (config.root / doc.path).resolve() == file or Path(doc.path).resolve() == file
