"""``briefing build | serve | generate | new | pdf | deploy``: thin commands over the pipeline."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from .cli import friendly, project, report
from .config import Config
from .errors import BriefingError, UsageError

log = logging.getLogger(__name__)


def register_site(group: click.Group) -> None:
    for command in (build, serve, generate, new, pdf, deploy):
        group.add_command(command)


def mkdocs_config(config: Config, **overrides: Any) -> Any:
    """The project's mkdocs.yml, loaded by MkDocs itself (plugins included)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    path = config.root / "mkdocs.yml"
    if not path.is_file():
        raise BriefingError(f"no mkdocs.yml in {config.root}")
    return load_config(config_file=str(path), **overrides)


def _mkdocs_logging(verbose: bool) -> None:
    """Show MkDocs' and the plugin's messages as plain lines (problems are already located)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@click.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--pdf/--no-pdf", "with_pdf", default=None, help="Print PDFs (default: config).")
@click.option("--offline", is_flag=True, help="A copy that works from file:// (no server).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.pass_context
@friendly
def build(
    ctx: click.Context, strict: bool, with_pdf: bool | None, offline: bool, site_dir: Path | None
) -> None:
    """Build site/ (pages, search, exports, PDFs); the old site stays if the build fails."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from .publish import site_swap

    config = project(ctx)
    _mkdocs_logging(verbose=ctx.find_root().params.get("verbose", 0) > 0)
    if offline:
        os.environ["BRIEFING_OFFLINE"] = "true"
    target = site_dir or Path(mkdocs_config(config).site_dir)
    try:
        with site_swap(target) as staging:
            cfg = mkdocs_config(config, site_dir=str(staging), strict=strict or None)
            if with_pdf is not None:
                _plugin(cfg).config["pdf"] = with_pdf
            mkdocs_build(cfg)
    except MkDocsException as exc:
        click.echo(f"error: build failed: {exc}; the previous site is unchanged", err=True)
        sys.exit(1)
    click.echo(f"built {target}", err=True)


def _plugin(cfg: Any) -> Any:
    plugin = cfg.plugins.get("briefing")
    if plugin is None:
        raise UsageError("mkdocs.yml does not enable the 'briefing' plugin")
    return plugin


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
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .plugin import ONLY_ENV

    config = project(ctx)
    for slug in only:
        if not (config.briefs_path / f"{slug}.yml").is_file():
            raise UsageError(f"--only {slug}: no {config.briefs_dir}/{slug}.yml")
    if only:
        os.environ[ONLY_ENV] = ",".join(only)
    _mkdocs_logging(verbose=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_serve(
        config_file=str(config.root / "mkdocs.yml"),
        dev_addr=dev_addr,
        livereload=True,
        open_in_browser=open_browser,
    )


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
@friendly
def generate(ctx: click.Context, out: Path) -> None:
    """Write the generated Markdown tree (docs/ + mkdocs.yml) for other MkDocs builders."""
    from .generate_tree import generate_cached

    config = project(ctx)
    problems, counts = generate_cached(config, mkdocs_config(config), out)
    failed = report(problems)
    written, unchanged, removed = counts
    click.echo(f"{out}: {written} written, {unchanged} unchanged, {removed} removed", err=True)
    sys.exit(1 if failed else 0)


@click.command()
@click.argument(
    "seeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_context
@friendly
def new(ctx: click.Context, seeds: tuple[Path, ...]) -> None:
    """Draft briefs/<slug>.yml from articles; never overwrites an existing brief."""
    from .drafts import draft_briefs

    outcomes = draft_briefs(project(ctx), list(seeds))
    for outcome in outcomes:
        click.echo(outcome.line())
    created = sum(o.created for o in outcomes)
    click.echo(f"{created} brief(s) drafted, {len(outcomes) - created} skipped", err=True)
    sys.exit(0 if all(o.created or o.exists for o in outcomes) else 1)


@click.command()
@click.argument("briefs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the PDFs (default: <site_dir>/pdf).",
)
@click.option("-j", "--jobs", type=int, default=None, help="Parallel workers (default: cores).")
@click.pass_context
@friendly
def pdf(ctx: click.Context, briefs: tuple[Path, ...], out: Path | None, jobs: int | None) -> None:
    """Print one PDF per brief (default: every brief without errors)."""
    from .printing import print_briefs

    config = project(ctx)
    folder = out or Path(mkdocs_config(config).site_dir) / "pdf"
    book, written = print_briefs(config, list(briefs) or None, folder, jobs)
    failed = report(book.problems)
    click.echo(f"{len(written)} PDF(s) in {folder}", err=True)
    sys.exit(1 if failed else 0)


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
@click.pass_context
@friendly
def deploy(
    ctx: click.Context,
    remote: str,
    branch: str,
    with_pdf: bool | None,
    no_build: bool,
    message: str | None,
) -> None:
    """Publish the site to a gh-pages branch; briefs above max_tlp never leave."""
    import tempfile

    from .deploy import deploy_site, resolve_remote

    config = project(ctx)
    resolve_remote(config.root, remote)  # fail before building
    with tempfile.TemporaryDirectory(prefix="briefing-site-") as tmp:
        site = Path(mkdocs_config(config).site_dir) if no_build else Path(tmp) / "site"
        if not no_build:
            ctx.invoke(build, site_dir=site, with_pdf=with_pdf)
        outcome = deploy_site(config, site, remote, branch=branch, message=message)
    click.echo(outcome.line(), err=True)
