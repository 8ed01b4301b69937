"""``briefing pdf``: print PDF briefs without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import print_briefs

from .common import friendly, mkdocs_config, project, report


@click.command()
@click.argument("briefs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the PDFs (default: <site_dir>/pdf).",
)
@click.option("-j", "--jobs", type=int, default=None, help="Parallel workers (default: cores).")
@click.option("--include-drafts", is_flag=True, help="Also print drafts (each page marked DRAFT).")
@click.pass_context
@friendly
def pdf(
    ctx: click.Context,
    briefs: tuple[Path, ...],
    out: Path | None,
    jobs: int | None,
    include_drafts: bool,
) -> None:
    """Print one PDF per brief (default: every brief without errors that is not a draft)."""

    config = project(ctx)
    if include_drafts:
        config = config.with_options(drafts=True)
    folder = out or Path(mkdocs_config(config).site_dir) / "pdf"
    book, written = print_briefs(config, list(briefs) or None, folder, jobs)
    failed = report(book.problems)
    drafts = [d.slug for d in book.briefs if d.ok and d.brief is not None and d.brief.draft]
    if drafts and not include_drafts:
        click.echo(
            f"left out {len(drafts)} draft(s): {', '.join(drafts)} (print them with "
            "--include-drafts)",
            err=True,
        )
    click.echo(f"{len(written)} PDF(s) in {folder}", err=True)
    sys.exit(1 if failed else 0)
