"""Shared helpers of the site tests: a project copied to a tmp folder, extra briefs, builds.

The sample project (mkdocs.yml, docs/, briefs/, seeds/) is copied; a second brief that
shares the actor ``trump`` with the sample (one risk) and, when asked, an AMBER brief
carrying a unique marker (left out of the site under ``max_tlp: CLEAR``) are added.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SLUG = "ishiba-trump-meeting"
SECOND_SLUG = "tariff-letter"
AMBER_SLUG = "restricted-note"
AMBER_MARKER = "Zqxv7MarkerAmber"
SECOND_RISK = "Retaliatory tariffs on American farm goods"

SECOND_SEED = """\
Trump Sends Tariff Letter to Tokyo

Donald Trump sent a letter to the Japanese government announcing a new tariff of 25 percent \
on Japanese cars. Trump said the tariff would take effect in August unless Japan opened its \
markets further.

Officials in Tokyo said they were studying the letter and would respond calmly. Some \
lawmakers called for retaliatory tariffs on American farm goods.
"""

SECOND_BRIEF = f"""\
title: Trump's tariff letter puts Japanese car exports at risk
summary: >-
  Trump [@trump] announced a 25 percent tariff on Japanese cars; Tokyo may answer with
  retaliation [@retaliation].
as_of: 2025-07-08
tlp: CLEAR
tags: [trade, tariffs]
sources:
  - id: letter
    file: seeds/{SECOND_SLUG}.txt
    title: Trump Sends Tariff Letter to Tokyo
    reliability: B
actors:
  - id: trump
    name: Donald Trump
    aliases: [Trump]
    kind: person
    role: President of the United States
    country: US
    evidence:
      - "Donald Trump sent a letter to the Japanese government"
timeline:
  - id: letter-sent
    date: 2025-07-07
    event: Trump sends the tariff letter [@trump].
    actors: [trump]
    evidence:
      - "announcing a new tariff of 25 percent on Japanese cars"
risks:
  - id: retaliation
    title: {SECOND_RISK}
    description: Tokyo answers the car tariff with tariffs of its own.
    likelihood: unlikely
    impact: 3
    confidence: low
    actors: [trump]
    evidence:
      - "Some lawmakers called for retaliatory tariffs on American farm goods."
"""

AMBER_SEED = f"""\
Restricted Note {AMBER_MARKER}

The {AMBER_MARKER} channel between Donald Trump and Tokyo stays confidential.
The {AMBER_MARKER} Office fears the channel could leak.
"""

AMBER_BRIEF = f"""\
title: Restricted note {AMBER_MARKER}
summary: The {AMBER_MARKER} channel to Trump [@trump] stays confidential.
as_of: 2025-08-01
tlp: AMBER
tags: [{AMBER_MARKER.lower()}]
sources:
  - id: note
    file: seeds/{AMBER_SLUG}.txt
    title: Restricted Note {AMBER_MARKER}
    reliability: B
actors:
  - id: trump
    name: Donald Trump
    role: {AMBER_MARKER} contact
    stance: Keeps the {AMBER_MARKER} channel open.
    evidence:
      - "channel between Donald Trump and Tokyo stays confidential"
  - id: {AMBER_MARKER.lower()}
    name: {AMBER_MARKER} Office
    native_name: {AMBER_MARKER}庁
risks:
  - id: leak
    title: {AMBER_MARKER} channel leaks
    likelihood: unlikely
    impact: 2
    evidence:
      - "fears the channel could leak"
timeline:
  - date: 2025-07-30
    event: The {AMBER_MARKER} channel opens.
"""


def copy_project(dest: Path, *, second: bool = True, amber: bool = False) -> Path:
    """A copy of the sample project under ``dest`` (plus the extra briefs asked for)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "briefs", "seeds"):
        shutil.copytree(ROOT / folder, dest / folder)
    if second:
        add_brief(dest, SECOND_SLUG, SECOND_BRIEF, SECOND_SEED)
    if amber:
        add_brief(dest, AMBER_SLUG, AMBER_BRIEF, AMBER_SEED)
    return dest


def add_brief(root: Path, slug: str, brief: str, seed: str) -> None:
    (root / "briefs" / f"{slug}.yml").write_text(brief, encoding="utf-8")
    (root / "seeds" / f"{slug}.txt").write_text(seed, encoding="utf-8")


def env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "PYTHONPATH": path,
        "PYTHONIOENCODING": "utf-8",
    }


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``root`` (a real subprocess, as a user runs it)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=root,
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def briefing(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The ``briefing`` command (``python -m generator``) in ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=root,
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree_hash(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    disable_nagle_algorithm = True  # no 40 ms stall per response (Nagle with delayed ACKs)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    site: Path,
    handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler,
    prefix: str = "/",
) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port); yield the base URL (ending in ``prefix``)."""
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright. Missing is a failure, never a skip."""
    import pytest
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(apt-get install chromium); they are never skipped"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def axe_violations(
    page: Any, context: str | None = None, rules: list[str] | None = None
) -> list[str]:
    """axe-core's serious and critical violations on ``page`` (a Playwright page) or in the
    elements the CSS selector ``context`` matches (only the ``rules`` asked for), one line
    each: rule, impact, how many nodes, the first node and axe's summary of the fix."""
    import pytest

    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: npm install --prefix tests/tools (.ci/run)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    found = page.evaluate(
        """async ([context, options]) => {
          const result = await axe.run(context ?? document, options);
          return result.violations.map(v => [v.id, v.impact, v.nodes.length,
            v.nodes[0].target.join(" "), (v.nodes[0].failureSummary || "").replace(/\\s+/g, " ")]);
        }""",
        [context, options],
    )
    return [
        f"{rule} ({impact}, {count} node(s)): {target}: {summary}"
        for rule, impact, count, target, summary in found
        if impact in SEVERE
    ]


@dataclass
class Watched:
    """A page of a fresh browser context, with every request it made and every script error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def watched_page(
    browser: Any, width: int = 1280, scheme: str | None = None, timeout_ms: int = 15_000
) -> Iterator[Watched]:
    """A page ``width`` px wide (in colour ``scheme``, if given) that records its requests and
    script errors; its context is closed on leaving, the records kept for the caller."""
    options: dict[str, Any] = {"viewport": {"width": width, "height": 900}}
    if scheme:
        options["color_scheme"] = scheme
    context = browser.new_context(**options)
    watched = Watched(context.new_page())
    watched.page.set_default_timeout(timeout_ms)
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    watched.page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    try:
        yield watched
    finally:
        context.close()
