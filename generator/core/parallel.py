"""Bulk work on a big book: forked worker processes and the garbage collector paused.

Workers are forked, so they inherit what the parent holds (the checked book, the index)
and only their results travel back. Below :data:`PARALLEL_FROM` items everything runs in
this process: forking costs more than it saves. ``BRIEFING_WORKERS=N`` sets the number of
processes (``1``: none).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

PARALLEL_FROM = 300
MAX_WORKERS = 8


def workers_for(items: int) -> int:
    """One process per core for a big batch, else 1 (work in this process)."""
    wanted = os.environ.get("BRIEFING_WORKERS", "")
    cores = int(wanted) if wanted.isdigit() else len(os.sched_getaffinity(0))
    if items < PARALLEL_FROM or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(cores, MAX_WORKERS)


def fork_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while building many long-lived objects: the collector
    would walk them again and again (a quarter of the time of checking a big book).

    With ``freeze``, what was built is then left out of every later collection
    (:func:`gc.freeze`): a one-shot build keeps its book until it exits, and each full
    collection of MkDocs' own objects would otherwise walk the whole book again (seconds
    in a big book). A preview, which replaces its book at each save, does not freeze."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
