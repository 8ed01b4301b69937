"""What every command shares: error reporting, the project's configuration, MkDocs' logging."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from mkdocs.config.defaults import MkDocsConfig

from generator.core.config import Config
from generator.errors import BriefingError, InputError, Problem, UsageError

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
            report(exc.problems)
            sys.exit(1)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
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


def project(ctx: click.Context) -> Config:
    config: Config = ctx.obj["config"]
    return config


def mkdocs_config(config: Config, **overrides: Any) -> MkDocsConfig:
    """The project's mkdocs.yml, loaded by MkDocs itself (plugins included)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    path = config.root / "mkdocs.yml"
    if not path.is_file():
        raise BriefingError(f"no mkdocs.yml in {config.root}")
    return load_config(config_file=str(path), **overrides)


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
