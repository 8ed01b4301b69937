"""``briefing pdf``: print PDF briefs without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import print_briefs
from generator.core.book import BriefDoc
from generator.core.files import is_within
from generator.errors import Problem, UsageError, error

from .common import brief_paths, friendly, mkdocs_config, project, report


@click.command()
@click.argument("briefs", nargs=-1, metavar="[BRIEF]...")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the PDFs (default: <site_dir>/pdf).",
)
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Also print briefs above max_tlp (needs --out outside the site folder).",
)
@click.option("-j", "--jobs", type=int, default=None, help="Parallel workers (default: cores).")
@click.option("--include-drafts", is_flag=True, help="Also print drafts (each page marked DRAFT).")
@click.pass_context
@friendly
def pdf(
    ctx: click.Context,
    briefs: tuple[str, ...],
    out: Path | None,
    include_restricted: bool,
    jobs: int | None,
    include_drafts: bool,
) -> None:
    """Print one PDF per brief (default: every publishable brief without errors that is not
    a draft)."""

    config = project(ctx)
    if include_drafts:
        config = config.with_options(drafts=True)
    site = Path(mkdocs_config(ctx).site_dir)
    if include_restricted and (out is None or is_within(out, site)):
        raise UsageError(
            f"--include-restricted prints briefs above TLP:{config.max_tlp}: they never go "
            f"into the site folder {site}; give --out a folder outside it"
        )
    folder = out or site / "pdf"
    book, written, left_out = print_briefs(
        config,
        brief_paths(config, briefs) or None,
        folder,
        jobs,
        include_restricted=include_restricted,
    )
    withheld = [restricted(doc, config.max_tlp) for doc in book.briefs if doc.slug in left_out]
    failed = report(book.problems + (withheld if briefs else []))
    drafts = [d.slug for d in book.briefs if d.ok and d.brief is not None and d.brief.draft]
    if drafts and not include_drafts:
        click.echo(
            f"left out {len(drafts)} draft(s): {', '.join(drafts)} (print them with "
            "--include-drafts)",
            err=True,
        )
    if left_out and not briefs:
        click.echo(
            f"{len(left_out)} brief(s) above TLP:{config.max_tlp} not printed "
            "(--include-restricted --out FOLDER prints them)",
            err=True,
        )
    click.echo(f"{len(written)} PDF(s) in {folder}", err=True)
    sys.exit(1 if failed or (briefs and withheld) else 0)


def restricted(doc: BriefDoc, max_tlp: str) -> Problem:
    """A brief named on the command line that is above ``max_tlp``, located at its ``tlp``."""
    line, col = doc.located.where(("tlp",)) if doc.located is not None else (1, 1)
    level = doc.brief.tlp if doc.brief is not None else "?"
    return error(
        doc.path,
        line,
        col,
        f"TLP:{level} is above max_tlp {max_tlp}: not printed",
        "pass --include-restricted with --out FOLDER outside the site folder to print it",
        code="tlp-restricted",
    )
