"""The ``briefing`` command: one module per verb, each a thin shell over the pipeline.

Exit status: 0 clean (or warnings only), 1 on errors in the input, 2 on usage mistakes.
A user's mistake is one located line per problem, never a traceback: tracebacks go
to the debug log (``--debug`` shows them).
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import click

from generator import __version__

#: Each verb is a module of this package named after it; it is imported only when run
#: (a check does not pay for the PDF engine, the scaffolder's name lists or MkDocs' build).
VERBS = ("check", "fix", "new", "build", "serve", "generate", "pdf", "export", "deploy", "schema")


class Verbs(click.Group):
    """The ``briefing`` group, its commands loaded from ``generator.cli.<verb>`` on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in VERBS:
            return None
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{name}"), name)
        return command


@click.group(cls=Verbs, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Project folder (holds mkdocs.yml, briefs/, seeds/); searched upward from here.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path, verbose: int, debug: bool) -> None:
    """Turn articles and an analyst's YAML annotations into a briefing book."""
    level = logging.DEBUG if debug or verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    ctx.ensure_object(dict)  # the project is read when a command needs it (common.loaded)


def main() -> None:
    cli(prog_name="briefing")
