"""Issue 11, class "a path becomes a title": file names reach the preview as text only.

``briefing serve`` gives a brief with errors its own page and a nav entry titled with the
brief's path. A brief file named like markup must show as text there: built with the
plugin exactly as ``mkdocs serve`` runs it, the error page and every other page hold no
live markup, and real Chromium opening them sees no dialog.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_helpers import copy_project, serve

HOSTILE_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = copy_project(tmp_path_factory.mktemp("paths"), second=False)
    (root / "briefs" / f"{HOSTILE_NAME}.yml").write_text("title: x\n", encoding="utf-8")
    (root / "briefs" / '"><svg onload=alert(2)>.yml').write_text("title: y\n", encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` does
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        os.chdir(here)
    yield root / "site"


def test_error_pages_show_paths_as_text(preview: Path) -> None:
    pages = list(preview.rglob("*.html"))
    error_page = preview / "briefs" / HOSTILE_NAME / "index.html"
    assert error_page in pages
    assert "Briefs with errors" in (preview / "index.html").read_text(encoding="utf-8")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text, page
        assert "<svg onload" not in text, page
    assert "&lt;img src=x onerror=alert(1)&gt;" in error_page.read_text(encoding="utf-8")


@pytest.mark.browser
def test_error_pages_run_no_script(preview: Path, browser: Any) -> None:
    dialogs: list[str] = []
    with serve(preview) as url:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "briefs/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            for i in range(page.locator(".md-nav__link").count()):
                link = page.locator(".md-nav__link").nth(i)
                if link.is_visible():
                    link.hover()
            page.wait_for_timeout(200)
        title = page.title()
    assert dialogs == []
    assert HOSTILE_NAME in title
