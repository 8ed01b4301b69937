"""The ``briefing`` command: a thin shell over the pipeline functions.

Exit status: 0 clean (or warnings only), 1 on errors in the input, 2 on usage mistakes.
A user's mistake is one located line per problem, never a traceback: tracebacks go
to the debug log (``--debug`` shows them).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .config import Config, read_config
from .errors import BriefingError, InputError, Problem, UsageError

log = logging.getLogger("generator")
F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn :class:`BriefingError` into a message and exit 1; unexpected errors into exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            report(exc.problems)
            sys.exit(1)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except BriefingError as exc:
            click.echo(f"error: {exc}", err=True)
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


def report(problems: list[Problem], *, strict: bool = False, as_json: bool = False) -> bool:
    """Print problems; return True when they include errors (warnings too, with ``strict``)."""
    if as_json:
        click.echo(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(problem.format())
    return any(p.is_error or strict for p in problems)


def project(ctx: click.Context) -> Config:
    config: Config = ctx.obj["config"]
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Project folder (holds mkdocs.yml, briefs/, seeds/).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path, verbose: int, debug: bool) -> None:
    """Turn articles and an analyst's YAML annotations into a briefing book."""
    level = logging.DEBUG if debug or verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    ctx.ensure_object(dict)
    try:
        ctx.obj["config"] = read_config(root)
    except BriefingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
@friendly
def check(ctx: click.Context, paths: tuple[Path, ...], strict: bool, fmt: str) -> None:
    """Report every problem of the briefs (default: all of briefs/)."""
    from .anchor_lock import record_book
    from .anchor_report import check_json
    from .check import check_book

    book = check_book(project(ctx), list(paths) or None)
    record_book(book.briefs)  # briefs/.anchors/: where each quote was found, if that changed
    problems = book.problems
    if fmt == "json":
        click.echo(check_json(book.briefs, problems))
        failed = any(p.is_error or strict for p in problems)
    else:
        failed = report(problems, strict=strict)
    errors = sum(p.is_error for p in problems)
    click.echo(
        f"{len(book.briefs)} brief(s): {errors} error(s), {len(problems) - errors} warning(s)",
        err=True,
    )
    sys.exit(1 if failed else 0)


@cli.command()
@friendly
def schema() -> None:
    """Print the JSON Schema of the brief format."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


def main() -> None:
    from .commands import register

    register(cli)
    cli(prog_name="briefing")
