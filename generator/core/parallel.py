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
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

PARALLEL_FROM = 300
MAX_WORKERS = 8
T = TypeVar("T")


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


def beside(work: Callable[[], T]) -> Callable[[], T]:
    """``work`` started in a forked process while this one goes on; the returned function
    waits for its result (or raises what it raised). Without ``fork``, ``work`` runs first.

    A process, not a thread: the workers forked meanwhile must not inherit another thread."""
    if "fork" not in multiprocessing.get_all_start_methods():
        done = work()
        return lambda: done
    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        if stream is not None:
            stream.flush()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send, args=(sender, work), daemon=True)
    process.start()
    sender.close()

    def result() -> T:
        try:
            failed, value = receiver.recv()
        except EOFError:  # the process died without a word
            failed, value = True, RuntimeError("background work ended without a result")
        finally:
            receiver.close()
            process.join()
        if failed:
            raise value
        return value

    return result


def _send(sender: Any, work: Callable[[], Any]) -> None:
    try:
        sender.send((False, work()))
    except BaseException as exc:  # every failure goes back to the caller
        sender.send((True, exc))
    finally:
        sender.close()
