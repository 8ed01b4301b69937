"""``briefing deploy``: publish the site to a gh-pages branch."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from generator.build import check_book
from generator.publish.deploy import deploy_site, resolve_remote
from generator.publish.gitrepo import check_inputs_committed
from generator.publish.trace import restricted_briefs

from .build import build
from .common import friendly, mkdocs_config, project


@click.command()
@click.option(
    "--remote",
    default="origin",
    show_default=True,
    help="A remote of the project's git repository, or any git URL or path.",
)
@click.option("--branch", default="gh-pages", show_default=True)
@click.option("--pdf/--no-pdf", "with_pdf", default=None, help="Print PDFs (default: config).")
@click.option("--no-build", is_flag=True, help="Publish the already built site_dir as is.")
@click.option("-m", "--message", default=None, help="Commit message (default: names HEAD).")
@click.option("--include-drafts", is_flag=True, help="Publish drafts too (marked as drafts).")
@click.option(
    "--allow-uncommitted",
    is_flag=True,
    help="Publish even if briefs/ or seeds/ differ from HEAD (the commit message lists them).",
)
@click.pass_context
@friendly
def deploy(
    ctx: click.Context,
    remote: str,
    branch: str,
    with_pdf: bool | None,
    no_build: bool,
    message: str | None,
    include_drafts: bool,
    allow_uncommitted: bool,
) -> None:
    """Publish the site to a gh-pages branch; briefs above max_tlp and drafts never leave."""
    config = project(ctx)
    if include_drafts:
        config = config.with_options(drafts=True)
    resolve_remote(config.root, remote)  # fail before building
    check_inputs_committed(config, allow_uncommitted)
    with tempfile.TemporaryDirectory(prefix="briefing-site-") as tmp:
        site = Path(mkdocs_config(ctx).site_dir) if no_build else Path(tmp) / "site"
        if not no_build:
            ctx.invoke(build, site_dir=site, with_pdf=with_pdf, include_drafts=include_drafts)
        restricted = restricted_briefs(check_book(config))
        outcome = deploy_site(
            config,
            site,
            remote,
            restricted,
            branch=branch,
            message=message,
            allow_uncommitted=allow_uncommitted,
        )
    click.echo(outcome.line(), err=True)
