"""The checked book: load -> validate -> sources -> anchor -> lint, for every brief.

:func:`check_book` is what ``briefing check`` runs and what the site builds on:
it never stops at the first problem, and a brief with errors is still returned
(with ``brief=None`` when it could not be validated) so callers can report it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import anchor_lock, evidence, lint, refs
from .anchor import Article
from .config import Config
from .errors import InputError, Problem, error
from .load import MAX_BRIEF_BYTES, Located, load_yaml, read_text
from .model import SLUG_PATTERN, Brief
from .parallel import fork_pool, gc_paused, workers_for
from .sources import ArticleCache, resolve_source, source_problem
from .validate import validate

log = logging.getLogger(__name__)
CHUNK = 64


@dataclass
class BriefDoc:
    slug: str
    path: str
    file: Path
    located: Located | None = None
    brief: Brief | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    cited: list[evidence.Cited] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the anchors differ from the brief's lock file (``briefing check`` then rewrites it)
    anchors_moved: bool = False

    @property
    def ok(self) -> bool:
        return self.brief is not None and not any(p.is_error for p in self.problems)


@dataclass
class Book:
    config: Config
    briefs: list[BriefDoc]
    index: refs.RefIndex

    @property
    def problems(self) -> list[Problem]:
        return sorted(p for doc in self.briefs for p in doc.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def discover(config: Config, paths: list[Path] | None = None) -> list[Path]:
    """Brief files: the given files and folders, or every ``*.yml`` in the briefs folder."""
    found: list[Path] = []
    for path in paths or [config.briefs_path]:
        if not paths and not path.exists():
            log.warning("no briefs folder at %s", path)
            continue
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.yml") if p.is_file()))
        else:
            found.append(path)
    return found


def shown_path(config: Config, file: Path) -> str:
    try:
        return file.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return file.as_posix()


def check_book(config: Config, paths: list[Path] | None = None) -> Book:
    docs = prepare_all(config, discover(config, paths))
    index = refs.RefIndex()
    for doc in docs:
        if doc.brief is not None:
            duplicates = index.add(doc.slug, doc.brief)
            doc.problems += refs.duplicate_problems(_context(config, doc), duplicates)
    for doc in docs:
        if doc.brief is not None:
            doc.problems += refs.reference_problems(_context(config, doc), doc.slug, index)
        doc.problems.sort()
    return Book(config, docs, index)


def prepare_all(config: Config, files: list[Path]) -> list[BriefDoc]:
    """:func:`prepare_brief` for every file, in order; in forked workers for a big book."""
    workers = workers_for(len(files))
    with gc_paused():
        if workers < 2:
            return _prepare_chunk((config, files))
        size = max(1, min(CHUNK, len(files) // (workers * 4)))
        chunks = [(config, files[i : i + size]) for i in range(0, len(files), size)]
        with fork_pool(workers) as pool:
            return [doc for part in pool.map(_prepare_chunk, chunks) for doc in part]


def _prepare_chunk(job: tuple[Config, list[Path]]) -> list[BriefDoc]:
    config, files = job
    cache = ArticleCache()
    return [prepare_brief(config, file, cache) for file in files]


def prepare_brief(config: Config, file: Path, cache: ArticleCache) -> BriefDoc:
    """Load, validate, read sources, anchor and lint one brief."""
    doc = BriefDoc(file.stem, shown_path(config, file), file)
    if not SLUG_PATTERN.match(doc.slug) or len(doc.slug) > 100:
        doc.problems.append(
            error(
                doc.path,
                1,
                1,
                f"brief file name '{file.name}' is not a slug",
                "expected lowercase letters, digits and hyphens, then .yml",
                code="slug",
            )
        )
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
    doc.articles = read_sources(config, doc, cache)
    lock = anchor_lock.read_lock(file)  # where each quote was last found: the hints
    doc.cited, problems = evidence.anchor_brief(doc.brief, doc.located, doc.articles, lock)
    doc.anchors_moved = anchor_lock.stale(lock, doc.cited, doc.articles)
    doc.problems += problems
    doc.problems += lint.lint_brief(_context(config, doc))
    return doc


def read_sources(config: Config, doc: BriefDoc, cache: ArticleCache) -> dict[str, Article]:
    assert doc.brief is not None and doc.located is not None
    articles: dict[str, Article] = {}
    for i, source in enumerate(doc.brief.sources):
        line, col = doc.located.where(("sources", i, "file"))
        if source.id in articles:
            doc.problems.append(
                error(
                    doc.path,
                    *doc.located.where(("sources", i, "id")),
                    f"duplicate source id '{source.id}'",
                    code="duplicate-id",
                )
            )
            continue
        resolved = resolve_source(config, source.file)
        if isinstance(resolved, str):
            doc.problems.append(source_problem(doc.path, line, col, resolved))
            continue
        try:
            articles[source.id] = cache.article(
                source.id, resolved, source.file, tuple(source.drop)
            )
        except InputError as exc:
            doc.problems += [_at(doc.path, line, col, p) for p in exc.problems]
    return articles


def _at(path: str, line: int, col: int, problem: Problem) -> Problem:
    """A source-file problem, reported at the brief's ``file:`` line naming the source."""
    where = f" ({problem.path}:{problem.line}:{problem.column})"
    return error(path, line, col, problem.message + where, problem.hint, problem.code)


def _context(config: Config, doc: BriefDoc) -> lint.LintContext:
    assert doc.brief is not None and doc.located is not None
    return lint.LintContext(doc.brief, doc.located, doc.articles, doc.cited, config)
