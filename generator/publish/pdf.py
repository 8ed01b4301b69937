"""One print-designed PDF per brief, typeset by Typst (the ``typst`` Python package).

Safety: brief text never becomes Typst source. The template
(``templates/pdf/brief.typ``) is fixed; the brief travels as a JSON string in
``sys.inputs`` and the template decodes it with ``json(bytes(...))``, so every
value is a string inserted as text, never parsed as markup.

Data contract of ``render_pdf(data, out)`` (a JSON-able dict; ``Rich`` is the output of
``markdown_to_rich``; ``notes`` are evidence-note numbers, cited as superscripts):
slug, title, summary: Rich, as_of, review_by?, stale, tlp, tags, regions, background: Rich?,
judgments[id, text, likelihood?, confidence?, notes], actors[id, name, native_name?, kind?,
role?, country?, stance?, notes], relations[from_name, to_name, label, notes],
timeline[date, event, notes], figures[value, label, notes], quotes[speaker_name?, text,
context?, notes], risks[id, title, description?, likelihood?, likelihood_rank? (1-7),
impact? (1-5), confidence?, indicators: [Rich], notes], open_questions: [Rich],
notes[n, quote, source_title, status], sources[id, title, publisher?, url?, published?,
retrieved?, reliability, reliability_label], generated. List keys may be omitted.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import typst

from generator.core.files import write_atomic

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent.parent / "templates" / "pdf" / "brief.typ"
FONT_PATHS = ["/usr/share/fonts"]
_local = threading.local()


# ---------------------------------------------------------------- font coverage


@lru_cache(maxsize=1)
def _covered_ranges() -> tuple[list[int], list[int]] | None:
    """Code point ranges covered by any installed font (from fontconfig), merged."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        logger.debug("fc-list not found: glyph coverage is not checked")
        return None
    out = subprocess.run(
        [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, check=False
    ).stdout
    spans: list[tuple[int, int]] = []
    for part in out.split():
        first, _, last = part.partition("-")
        spans.append((int(first, 16), int(last or first, 16)))
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in sorted(spans):
        if ends and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def uncovered_characters(data: dict[str, Any]) -> list[str]:
    """Characters of the brief that no installed font can draw (each logged as a warning)."""
    ranges = _covered_ranges()
    if ranges is None:
        return []
    starts, ends = ranges
    chars = {
        c
        for s in _strings(data)
        for c in s
        if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    }
    missing = []
    for char in sorted(chars):
        i = bisect.bisect_right(starts, ord(char)) - 1
        if i < 0 or ord(char) > ends[i]:
            missing.append(char)
            logger.warning(
                "%s: no font has a glyph for U+%04X %r", data.get("slug", "?"), ord(char), char
            )
    return missing


# ---------------------------------------------------------------- rendering


def _compiler() -> typst.Compiler:
    """One compiler per thread/process: fonts are searched once, then reused."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = typst.Compiler(str(TEMPLATE), font_paths=FONT_PATHS)
        _local.compiler = compiler
    return compiler


def render_pdf_bytes(data: dict[str, Any]) -> bytes:
    """Typeset one brief; ``data`` follows the PDF data contract (see module docs)."""
    uncovered_characters(data)
    payload = json.dumps(data, ensure_ascii=False)
    result, warnings = _compiler().compile_with_warnings(
        format="pdf", sys_inputs={"brief": payload}
    )
    for warning in warnings:
        logger.warning("%s: typst: %s", data.get("slug", "?"), warning)
    if not isinstance(result, bytes):
        raise TypeError(f"typst returned {type(result).__name__}, expected PDF bytes")
    return result


def render_pdf(data: dict[str, Any], out: Path) -> None:
    """Typeset one brief to ``out`` (atomically)."""
    write_atomic(Path(out), render_pdf_bytes(data))


def _render_job(job: tuple[dict[str, Any], Path]) -> Path:
    data, out = job
    render_pdf(data, Path(out))
    return Path(out)


# ---------------------------------------------------------------- batch


def _progress(done: int, total: int, label: str) -> None:
    """Show ``[done/total] label`` on one terminal line; silent when stderr is not a TTY."""
    if not sys.stderr.isatty():
        return
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r\x1b[K[{done}/{total}] {label}{end}")
    sys.stderr.flush()


def render_pdfs(
    jobs: list[tuple[dict[str, Any], Path]], *, workers: int | None = None, progress: bool = True
) -> list[Path]:
    """Typeset many briefs on every core; returns the written paths in job order.

    Threads, not processes: the compiler releases the GIL while it typesets, each
    thread keeps its own compiler (fonts scanned once per thread), and forking a
    process that already holds a compiler can deadlock.
    """
    workers = min(workers or os.cpu_count() or 1, max(len(jobs), 1))
    started = time.perf_counter()
    paths: list[Path] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdf") as pool:
        for done, path in enumerate(pool.map(_render_job, jobs), 1):
            paths.append(path)
            if progress:
                _progress(done, len(jobs), path.stem)
    logger.info("rendered %d PDFs in %.2f s", len(paths), time.perf_counter() - started)
    return paths
