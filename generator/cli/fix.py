"""``briefing fix``: re-anchor quotes after an article changed."""

from __future__ import annotations

import sys

import click

from generator.build import check_book
from generator.core.anchor_lock import record_book
from generator.core.fix import fix_brief

from .common import brief_paths, friendly, project, report


@click.command()
@click.argument("paths", nargs=-1, metavar="[BRIEF]...")
@click.option("--dry-run", is_flag=True, help="Show the diff; write nothing.")
@click.pass_context
@friendly
def fix(ctx: click.Context, paths: tuple[str, ...], dry_run: bool) -> None:
    """Re-anchor quotes after an article changed: write back its current text, show the diff."""

    config = project(ctx)
    book = check_book(config, brief_paths(config, paths) or None)
    results = [fix_brief(doc, write=not dry_run) for doc in book.briefs]
    if not dry_run:  # record where the quotes are now, as written
        record_book(check_book(config, brief_paths(config, paths) or None).briefs)
    for result in results:
        click.echo(result.diff(), nl=False)
    failed = report(sorted(p for result in results for p in result.problems))
    fixed = sum(len(r.fixes) for r in results if r.changed)
    briefs = sum(r.changed for r in results)
    verb = "would fix" if dry_run else "fixed"
    click.echo(f"{verb} {fixed} quote(s) in {briefs} of {len(results)} brief(s)", err=True)
    sys.exit(1 if failed else 0)
