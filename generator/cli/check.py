"""``briefing check``: every problem of every brief, located."""

from __future__ import annotations

import sys

import click

from generator.build import check_book
from generator.core.anchor_lock import record_book
from generator.core.anchor_report import check_json

from .common import brief_paths, friendly, project, report


@click.command()
@click.argument("paths", nargs=-1, metavar="[BRIEF]...")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
@friendly
def check(ctx: click.Context, paths: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Report every problem of the briefs (default: all of briefs/)."""

    config = project(ctx)
    book = check_book(config, brief_paths(config, paths) or None)
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
