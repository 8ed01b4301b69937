"""What a reader and an analyst wait for, timed in headless Chromium on a built book: search
from a freshly opened page to the first result (Latin and Japanese), and a brief saved while
``briefing serve`` runs until the open page shows it (an incremental rebuild)."""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from site_helpers import SECOND_SLUG, copy_project, env, mkdocs_build, serve

pytestmark = pytest.mark.browser
TIMING = Path(__file__).resolve().parent.parent / "bench" / "browser_timing.py"
SEARCH_BUDGET_S = 0.3
EDIT_BUDGET_S = 2.0
SLACK = 10  # CI shares its cores: a failure means ten times the budget, not noise


def load_timing() -> ModuleType:
    spec = importlib.util.spec_from_file_location("browser_timing", TIMING)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


timing = load_timing()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("timing"))
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("query", ["tariffs", "石破"])
def test_search_cold_first_result(browser: object, site_url: str, query: str) -> None:
    times = sorted(timing.search_seconds(browser, f"{site_url}risks/", query) for _ in range(3))
    median = times[1]
    print(f"search {query!r}: first result after {median:.3f} s (median of 3, cold page)")
    assert median < SEARCH_BUDGET_S * SLACK


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_preview_edit_is_incremental(
    browser: object, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(tmp_path / "book")
    port = free_port()
    log = tmp_path / "serve.log"
    args = [sys.executable, "-m", "generator", "--root", str(root), "serve", "-a"]
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*args, f"127.0.0.1:{port}"], cwd=root, env=env(), stdout=out, stderr=out
        )
    try:
        url = f"http://127.0.0.1:{port}/briefs/{SECOND_SLUG}/"
        wait_served(url, proc, log)
        brief = root / "briefs" / f"{SECOND_SLUG}.yml"
        original = brief.read_text(encoding="utf-8")

        def save(token: str) -> None:
            line = f'summary: "{token}."'
            edited = re.sub(r"(?m)^summary:.*(\n +\S.*)*", line, original, count=1)
            brief.write_text(edited, encoding="utf-8")

        index_url = f"http://127.0.0.1:{port}/search/search_index.json"
        before = search_locations(index_url)
        token = f"Edited {time.time_ns()}"
        took = timing.edit_seconds(browser, url, save, token)
        print(f"preview edit: shown after {took:.2f} s")
        text = log.read_text(encoding="utf-8")
        assert "preview: incremental rebuild" in text, text[-3000:]
        assert took < EDIT_BUDGET_S * SLACK
        after = search_locations(index_url)
        assert after == before  # every page in the search index once, as before the edit
        assert token in json.dumps(fetch_json(index_url), ensure_ascii=False)
    finally:
        proc.terminate()
        proc.wait(20)


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def search_locations(url: str) -> Counter[str]:
    return Counter(entry["location"] for entry in fetch_json(url)["docs"])


def wait_served(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        assert proc.poll() is None, log.read_text(encoding="utf-8")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} not served after {timeout} s: {log.read_text(encoding='utf-8')[-2000:]}")
