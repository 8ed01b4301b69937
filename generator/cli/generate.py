"""``briefing generate``: the plain Markdown tree for other builders."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.site.tree import generate_cached

from .common import friendly, mkdocs_config, project, report


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--include-drafts", is_flag=True, help="Include briefs marked draft: true.")
@click.pass_context
@friendly
def generate(ctx: click.Context, out: Path, include_drafts: bool) -> None:
    """Write the generated Markdown tree (docs/ + mkdocs.yml) for other MkDocs builders."""

    config = project(ctx)
    if include_drafts:
        config = config.with_options(drafts=True)
    problems, counts = generate_cached(config, mkdocs_config(ctx), out)
    failed = report(problems)
    written, unchanged, removed = counts
    click.echo(f"{out}: {written} written, {unchanged} unchanged, {removed} removed", err=True)
    sys.exit(1 if failed else 0)
