"""``briefing schema``: the JSON Schema of the brief format."""

from __future__ import annotations

import click

from generator.core.schema import schema_text

from .common import friendly


@click.command()
@friendly
def schema() -> None:
    """Print the JSON Schema of the brief format."""

    click.echo(schema_text(), nl=False)
