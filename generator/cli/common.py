"""What every command shares: error reporting, the project's configuration, MkDocs' logging."""

from __future__ import annotations

import difflib
import functools
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from mkdocs.config.defaults import MkDocsConfig

from generator.core.config import Config
from generator.core.model import SLUG_PATTERN
from generator.errors import BriefingError, InputError, Problem, ProjectNotFound, UsageError
from generator.site.project import Project, find_root, load_project

log = logging.getLogger("generator")
#: A message that is already ``path:line:col: error: ...`` is printed as it is.
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: (?:error|warning): ")
F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn :class:`BriefingError` into a message and exit 1; unexpected errors into exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            if exc.problems:
                report(exc.problems)
            else:
                click.echo(error_line(exc), err=True)
            sys.exit(1)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except ProjectNotFound as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except BriefingError as exc:
            click.echo(error_line(exc), err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            log.debug("internal error", exc_info=True)
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def error_line(exc: BriefingError) -> str:
    """The one line an error prints: its own when already located, else ``error: ...``."""
    message = str(exc)
    return message if LOCATED.match(message) else f"error: {message}"


def report(problems: list[Problem], *, strict: bool = False, as_json: bool = False) -> bool:
    """Print problems; return True when they include errors (warnings too, with ``strict``)."""
    if as_json:
        click.echo(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(problem.format())
    return any(p.is_error or strict for p in problems)


def loaded(ctx: click.Context) -> Project:
    """The project at ``--root``, else around the working folder (searched upward, as git
    does), read once by MkDocs' own reader."""
    obj = ctx.ensure_object(dict)
    if "project" not in obj:
        top = ctx.find_root()
        root: Path = top.params.get("root") or Path(".")
        given = top.get_parameter_source("root") is not click.core.ParameterSource.DEFAULT
        found = load_project(find_root(root, exact=given))
        report(found.warnings)
        obj["project"] = found
    result: Project = obj["project"]
    return result


def project(ctx: click.Context) -> Config:
    return loaded(ctx).config


def mkdocs_config(ctx: click.Context, **overrides: Any) -> MkDocsConfig:
    """The project's mkdocs.yml as MkDocs validated it (with ``overrides`` applied)."""
    found = loaded(ctx)
    if not any(value is not None for value in overrides.values()):
        return found.mkdocs
    return load_project(found.config.root, **overrides).mkdocs


def mkdocs_logging(verbose: bool) -> None:
    """Show MkDocs' and the plugin's messages as plain lines (problems are already located)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def briefing_plugin(mkdocs_cfg: MkDocsConfig) -> Any:
    plugin = mkdocs_cfg.plugins.get("briefing")
    if plugin is None:
        raise UsageError("mkdocs.yml does not enable the 'briefing' plugin")
    return plugin


def brief_paths(config: Config, names: tuple[str, ...]) -> list[Path]:
    """Briefs named on the command line, each by path (file or folder) or by slug."""
    paths = []
    for name in names:
        path = Path(name)
        by_slug = config.briefs_path / f"{name}.yml"
        if path.exists():
            paths.append(path)
        elif "/" not in name and not name.endswith(".yml") and by_slug.is_file():
            paths.append(by_slug)
        else:
            raise UsageError(f"no brief '{name}': {_not_found(config, name)}")
    return paths


def brief_slug(config: Config, name: str) -> str:
    """The slug of a brief named by slug or by its path in the briefs folder (``serve --only``)."""
    path = Path(name)
    if path.suffix == ".yml" and path.is_file():
        if path.resolve().parent == config.briefs_path.resolve() and SLUG_PATTERN.fullmatch(
            path.stem
        ):
            return path.stem
    elif SLUG_PATTERN.fullmatch(name) and (config.briefs_path / f"{name}.yml").is_file():
        return name
    raise UsageError(f"--only '{name}': {_not_found(config, name)}")


def _not_found(config: Config, name: str) -> str:
    """Neither a path nor a slug; the closest slugs as a hint."""
    slugs = sorted(p.stem for p in config.briefs_path.glob("*.yml"))
    close = difflib.get_close_matches(Path(name).stem, slugs, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else f"briefs: {', '.join(slugs[:8])}"
    return (
        f"expected a brief's slug or path, of a brief in {config.briefs_dir}/ "
        f"({config.briefs_dir}/{Path(name).stem}.yml does not exist); {hint}"
    )
