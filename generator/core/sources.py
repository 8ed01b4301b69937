"""Source articles: resolve a brief's ``file`` safely under ``seeds/`` and read it once.

A source path is relative, uses ``/``, has no ``..`` and no NUL, and resolves
(symlinks followed) inside the seeds folder. Articles are cached by resolved path,
so an article cited by many briefs is read and prepared once.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path, PurePosixPath

from generator.errors import InputError, Problem, SourcePathError, error, excerpt

from .anchor import Article
from .book import BriefDoc
from .config import Config
from .load import MAX_ARTICLE_BYTES, read_text


def resolve_source(config: Config, value: str) -> Path:
    """The file's path; :class:`SourcePathError` says why ``value`` is not acceptable."""
    seeds = config.seeds_dir.strip("/")
    if "\x00" in value or "\\" in value:
        raise SourcePathError(
            f"expected a path with '/' separators under {seeds}/; found '{excerpt(value)}'"
        )
    pure = PurePosixPath(value)
    if pure.is_absolute() or ".." in pure.parts:
        raise SourcePathError(
            f"expected a path inside {seeds}/; found '{excerpt(value)}', which leaves it"
        )
    if pure.parts[: len(PurePosixPath(seeds).parts)] != PurePosixPath(seeds).parts:
        raise SourcePathError(f"expected a path under {seeds}/; found '{excerpt(value)}'")
    path = config.root / pure
    try:
        real = path.resolve(strict=False)
        seeds_real = config.seeds_path.resolve(strict=False)
    except (OSError, RuntimeError):
        raise SourcePathError(f"cannot resolve '{excerpt(value)}'") from None
    if not real.is_relative_to(seeds_real):
        raise SourcePathError(f"'{excerpt(value)}' is a link that leads outside {seeds}/")
    if not real.is_file():
        raise SourcePathError(f"source file '{excerpt(value)}' does not exist")
    return real


MAX_PARAGRAPHS = 10_000
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class ArticleCache:
    """Articles by (resolved path, drop lines); texts read once per run."""

    def __init__(self) -> None:
        self._texts: dict[Path, str | InputError] = {}
        self._articles: dict[tuple[Path, tuple[str, ...], str], Article] = {}

    def text(self, path: Path, shown: str) -> str:
        cached = self._texts.get(path)
        if cached is None:
            try:
                cached = read_text(path, shown, limit=MAX_ARTICLE_BYTES, what="source file")
                refuse_too_many_paragraphs(cached, shown)
            except InputError as exc:
                cached = exc
            self._texts[path] = cached
        if isinstance(cached, InputError):
            raise cached
        return cached

    def article(self, source_id: str, path: Path, shown: str, drop: tuple[str, ...]) -> Article:
        key = (path, drop, source_id)
        if key not in self._articles:
            self._articles[key] = Article(source_id, shown, self.text(path, shown), drop)
        return self._articles[key]


def refuse_too_many_paragraphs(text: str, shown: str) -> None:
    """The annotated copy is one page: past ``MAX_PARAGRAPHS`` the theme and its search
    index slow down without bound. Located at the first paragraph past it."""
    breaks = PARAGRAPH_BREAK.finditer(text)
    past = next(itertools.islice(breaks, MAX_PARAGRAPHS, None), None)
    if past is None:
        return
    line = text.count("\n", 0, past.end()) + 1
    raise InputError(
        [
            error(
                shown,
                line,
                1,
                f"source file has more than {MAX_PARAGRAPHS:,} paragraphs",
                "one brief annotates one article: split the file",
                code="too-many-paragraphs",
            )
        ]
    )


def source_problem(brief_path: str, line: int, col: int, message: str) -> Problem:
    return error(
        brief_path,
        line,
        col,
        message,
        "put the article in the seeds folder and name it relative to the project",
        code="source-path",
    )


def read_sources(config: Config, doc: BriefDoc, cache: ArticleCache) -> dict[str, Article]:
    """The brief's articles by source id; each problem is added to ``doc.problems``."""
    assert doc.brief is not None and doc.located is not None
    articles: dict[str, Article] = {}
    for i, source in enumerate(doc.brief.sources):
        line, col = doc.located.where(("sources", i, "file"))
        if source.id.lower() in {known.lower() for known in articles}:
            doc.problems.append(
                error(
                    doc.path,
                    *doc.located.where(("sources", i, "id")),
                    f"duplicate source id '{source.id}' (ids differing only in case are one)",
                    code="duplicate-id",
                )
            )
            continue
        try:
            resolved = resolve_source(config, source.file)
            articles[source.id] = cache.article(
                source.id, resolved, source.file, tuple(source.drop)
            )
        except SourcePathError as exc:
            doc.problems.append(source_problem(doc.path, line, col, str(exc)))
        except InputError as exc:
            doc.problems += [_at(doc.path, line, col, p) for p in exc.problems]
    return articles


def _at(path: str, line: int, col: int, problem: Problem) -> Problem:
    """A source-file problem, reported at the brief's ``file:`` line naming the source."""
    where = f" ({problem.path}:{problem.line}:{problem.column})"
    return error(path, line, col, problem.message + where, problem.hint, problem.code)
