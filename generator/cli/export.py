"""``briefing export --stix BRIEF``: one published brief in a standard exchange format."""

from __future__ import annotations

from pathlib import Path

import click

from generator.build import stix_export
from generator.core.config import Config
from generator.core.files import write_atomic
from generator.errors import OutputError, UsageError

from .common import friendly, mkdocs_config, project


@click.command()
@click.argument("brief")
@click.option(
    "--stix",
    "fmt",
    flag_value="stix",
    default=None,
    help="A STIX 2.1 bundle (report, actors, judgments and risks as notes, TLP 2.0 marking).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: standard output).",
)
@click.pass_context
@friendly
def export(ctx: click.Context, brief: str, fmt: str | None, output: Path | None) -> None:
    """Export BRIEF (a slug or a brief file) if it is published (at or under max_tlp)."""

    if fmt is None:
        raise UsageError("choose a format: --stix")
    config = project(ctx)
    if output is not None:
        check_output_file(config, output, Path(mkdocs_config(ctx).docs_dir))
    text = stix_export(config, brief)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


def check_output_file(config: Config, output: Path, docs: Path | None) -> None:
    """Refuse a file among the project's inputs (briefs, articles, docs, mkdocs.yml)."""
    target = output.resolve()
    inputs = [config.briefs_path, config.seeds_path, *([docs] if docs else [])]
    for folder in inputs:
        if target.is_relative_to(folder.resolve()):
            raise OutputError(f"refusing to write {output}: it is inside {folder.name}/, an input")
    if target == (config.root / "mkdocs.yml").resolve():
        raise OutputError(f"refusing to write {output}: it is the project's mkdocs.yml")
