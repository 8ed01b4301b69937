"""What a reader waits for, measured in real headless Chromium (Playwright).

``search_seconds``: a freshly opened page (new browser context: nothing cached), from the page
having loaded until the first result of a typed query is on screen. ``edit_seconds``: a served
page open in the browser, from saving a brief until the reloaded page shows the new text.
The benchmark and the browser tests share these functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

RESULT = ".md-search-result__item"
INPUT = "input.md-search__input"


def search_seconds(browser: Any, url: str, query: str, timeout_ms: int = 60_000) -> float:
    """Seconds from a cold page load to the first search result for ``query``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        page.goto(url, wait_until="load")
        started = time.perf_counter()
        page.keyboard.press("/")  # Material's shortcut focuses the search box
        page.keyboard.type(query)
        page.press(INPUT, "End")  # Material searches on keyup
        page.wait_for_selector(RESULT, state="visible")
        return time.perf_counter() - started
    finally:
        context.close()


def edit_seconds(
    browser: Any, url: str, save: Callable[[str], None], token: str, timeout_ms: int = 120_000
) -> float:
    """Seconds from ``save(token)`` until the page open at ``url`` shows ``token``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        page.goto(url, wait_until="load")
        started = time.perf_counter()
        save(token)
        page.wait_for_function(
            "token => document.body && document.body.innerText.includes(token)", arg=token
        )
        return time.perf_counter() - started
    finally:
        context.close()
