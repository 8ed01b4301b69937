"""Commands beyond ``check`` and ``schema``, registered on the ``briefing`` group."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach the remaining commands (kept here so :mod:`generator.cli` stays short)."""
    _ = group
