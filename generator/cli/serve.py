"""``briefing serve``: the live preview."""

from __future__ import annotations

import errno
import logging
import os
import socket

import click
from mkdocs.commands.serve import serve as mkdocs_serve

from generator.errors import BriefingError, UsageError
from generator.site.plugin import ONLY_ENV

from .common import brief_slug, friendly, loaded, mkdocs_logging, project


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="BRIEF",
    help="Focused preview: only this brief (slug or path) and its actors (repeatable); "
    "fast at any size of book.",
)
@click.pass_context
@friendly
def serve(ctx: click.Context, dev_addr: str, open_browser: bool, only: tuple[str, ...]) -> None:
    """Preview the site; saving a brief or an article rebuilds and reloads the page."""

    config = project(ctx)
    slugs = [brief_slug(config, name) for name in only]
    check_port(*parse_address(dev_addr))
    if slugs:
        os.environ[ONLY_ENV] = ",".join(slugs)
    mkdocs_logging(verbose=True)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_serve(
        config_file=str(loaded(ctx).mkdocs.config_file_path),
        dev_addr=dev_addr,
        livereload=True,
        build_type="dirty",
        open_in_browser=open_browser,
    )


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that its nav may be wrong; the plugin rebuilds every
    page after a structural change, so the warning does not apply (and would hide ours)."""
    return not str(record.msg).startswith("A 'dirty' build")


def parse_address(address: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as a host and a port number."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"-a {address}: expected HOST:PORT, such as 127.0.0.1:8000")
    return host, int(port)


def check_port(host: str, port: int) -> None:
    """Fail before building when the preview's address cannot be served."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise BriefingError(_refusal(host, port, exc)) from None


def _refusal(host: str, port: int, exc: OSError) -> str:
    shown = f"[{host}]" if ":" in host else host
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {shown} is in use (another preview?); "
            f"hint: choose another port with -a {shown}:{port + 1 if port < 65535 else 8001}"
        )
    return (
        f"cannot serve on {shown}:{port}: {exc.strerror or exc}; "
        f"hint: choose another address with -a 127.0.0.1:8000"
    )
