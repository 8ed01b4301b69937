"""``briefing build``: the site, built aside and swapped in."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from generator.core.config import input_paths, refuse_site_dir
from generator.publish.output import site_swap

from .common import briefing_plugin, friendly, mkdocs_config, mkdocs_logging, project


@click.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--pdf/--no-pdf", "with_pdf", default=None, help="Print PDFs (default: config).")
@click.option("--offline", is_flag=True, help="A copy that works from file:// (no server).")
@click.option(
    "--include-drafts", is_flag=True, help="Publish briefs marked draft: true (marked as drafts)."
)
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.pass_context
@friendly
def build(
    ctx: click.Context,
    strict: bool,
    with_pdf: bool | None,
    offline: bool,
    site_dir: Path | None,
    include_drafts: bool = False,
) -> None:
    """Build site/ (pages, search, exports, PDFs); the old site stays if the build fails."""

    config = project(ctx)
    mkdocs_logging(verbose=ctx.find_root().params.get("verbose", 0) > 0)
    if offline:
        os.environ["BRIEFING_OFFLINE"] = "true"
    loaded = mkdocs_config(ctx)
    target = site_dir or Path(loaded.site_dir)
    docs = Path(loaded.docs_dir)
    refuse_site_dir(config, docs, target, from_option="--site-dir" if site_dir else "")
    try:
        with site_swap(target, input_paths(config, docs)) as staging:
            mkdocs_cfg = mkdocs_config(ctx, site_dir=str(staging), strict=strict or None)
            plugin = briefing_plugin(mkdocs_cfg)
            if with_pdf is not None:
                plugin.config["pdf"] = with_pdf
            if include_drafts:
                plugin.config["drafts"] = True
            mkdocs_build(mkdocs_cfg)
    except MkDocsException as exc:
        click.echo(f"error: build failed: {exc}; the previous site is unchanged", err=True)
        sys.exit(1)
    click.echo(f"built {target}", err=True)
