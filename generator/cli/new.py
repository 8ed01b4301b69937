"""``briefing new``: draft briefs from articles."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.scaffold.drafts import draft_briefs

from .common import friendly, project


@click.command()
@click.argument(
    "seeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_context
@friendly
def new(ctx: click.Context, seeds: tuple[Path, ...]) -> None:
    """Draft briefs/<slug>.yml from articles; never overwrites an existing brief."""

    outcomes = draft_briefs(project(ctx), list(seeds))
    for outcome in outcomes:
        click.echo(outcome.line())
    created = sum(o.created for o in outcomes)
    click.echo(f"{created} brief(s) drafted, {len(outcomes) - created} skipped", err=True)
    sys.exit(0 if all(o.created or o.exists for o in outcomes) else 1)
