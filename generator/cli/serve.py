"""``briefing serve``: the live preview."""

from __future__ import annotations

import os

import click
from mkdocs.commands.serve import serve as mkdocs_serve

from generator.core.model import SLUG_PATTERN
from generator.errors import UsageError
from generator.site.plugin import ONLY_ENV

from .common import friendly, mkdocs_logging, project


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="SLUG",
    help="Focused preview: only this brief and its actors (repeatable); fast at any size of book.",
)
@click.pass_context
@friendly
def serve(ctx: click.Context, dev_addr: str, open_browser: bool, only: tuple[str, ...]) -> None:
    """Preview the site; saving a brief or an article rebuilds and reloads the page."""

    config = project(ctx)
    for slug in only:
        if not SLUG_PATTERN.fullmatch(slug):
            raise UsageError(f"--only {slug!r}: expected a brief's slug (its file name, no .yml)")
        if not (config.briefs_path / f"{slug}.yml").is_file():
            raise UsageError(f"--only {slug}: no {config.briefs_dir}/{slug}.yml")
    if only:
        os.environ[ONLY_ENV] = ",".join(only)
    mkdocs_logging(verbose=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_serve(
        config_file=str(config.root / "mkdocs.yml"),
        dev_addr=dev_addr,
        livereload=True,
        open_in_browser=open_browser,
    )
