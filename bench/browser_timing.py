"""What a reader waits for, measured in real headless Chromium (Playwright).

``search_seconds``: a freshly opened page (new browser context: nothing cached): from a query
put in the search box as soon as the page has loaded until its first result is on screen.
``edit_seconds``: a served page open in the browser, from saving a brief until the reloaded
page shows the new text. The benchmark and the browser tests share these functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

RESULT = ".md-search-result__item"
INPUT = "input.md-search__input"


# In the page: the whole query put in the search box at once (as a paste), then the time until
# the first result is in the list, by the page's own clock (no automation round trips counted).
TYPE_AND_WAIT = """async ([query, input, result, timeout]) => {
  const box = document.querySelector(input)
  const started = performance.now()
  box.value = query
  box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }))
  return await new Promise((resolve, reject) => {
    const seen = () => {
      const waited = performance.now() - started
      if (document.querySelector(result))
        resolve(waited)
      else if (waited > timeout)
        reject(new Error(`no search result for ${JSON.stringify(query)} after ${timeout} ms`))
      else
        requestAnimationFrame(seen)
    }
    seen()
  })
}"""


def search_seconds(browser: Any, url: str, query: str, timeout_ms: int = 60_000) -> float:
    """Seconds from a query typed on a page that has just loaded (a new browser context:
    nothing cached) to its first search result on screen, by the page's clock."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        page.goto(url, wait_until="load")
        page.keyboard.press("/")  # Material's shortcut opens the search box
        waited = page.evaluate(TYPE_AND_WAIT, [query, INPUT, RESULT, timeout_ms])
        return float(waited) / 1000
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
