"""``briefing pdf``: print PDF briefs without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import print_briefs

from .common import brief_paths, friendly, mkdocs_config, project, report


@click.command()
@click.argument("briefs", nargs=-1, metavar="[BRIEF]...")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the PDFs (default: <site_dir>/pdf).",
)
@click.option("-j", "--jobs", type=int, default=None, help="Parallel workers (default: cores).")
@click.pass_context
@friendly
def pdf(ctx: click.Context, briefs: tuple[str, ...], out: Path | None, jobs: int | None) -> None:
    """Print one PDF per brief (default: every brief without errors)."""

    config = project(ctx)
    folder = out or Path(mkdocs_config(ctx).site_dir) / "pdf"
    book, written = print_briefs(config, brief_paths(config, briefs) or None, folder, jobs)
    failed = report(book.problems)
    click.echo(f"{len(written)} PDF(s) in {folder}", err=True)
    sys.exit(1 if failed else 0)
