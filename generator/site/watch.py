"""While previewing, the brief and article folders are watched by the system's file events.

MkDocs' server polls what it watches twice a second, taking the ``stat`` of every file: in a
book of 20,000 briefs that is 40,000 files a poll, which delayed noticing a save and slowed the
rebuild it started (the poll and the rebuild share the interpreter). So the plugin watches those
folders with watchdog's native observer (inotify on Linux, FSEvents on macOS, the Windows
change notifications), and on a change writes one file in a folder of its own that MkDocs'
server watches instead: MkDocs polls that one file and rebuilds as before. Reading a file is
not a change (a rebuild reads every brief). Where the native observer cannot start, MkDocs
watches the folders itself.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.briefing")
CHANGES = {
    EVENT_TYPE_CLOSED,  # closed after writing
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
}
FOLDER_CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED}


class ChangeRelay(FileSystemEventHandler):
    """Folders watched by native file events; each change rewrites :attr:`mark`."""

    def __init__(self, folders: list[Path]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-watch-"))
        self.mark = self.folder / "changes"
        self.changes = 0
        self.lock = threading.Lock()
        self.mark.write_text("0", encoding="utf-8")
        self.observer = Observer()
        self.observer.daemon = True
        weakref.finalize(self, _stop, self.observer, self.folder)
        for folder in folders:
            self.observer.schedule(self, str(folder), recursive=True)
        self.observer.start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """A file written, created, deleted or moved, or a folder created, deleted or moved
        (a folder moved out of the tree is one event, not one per file in it)."""
        if event.event_type not in (FOLDER_CHANGES if event.is_directory else CHANGES):
            return
        with self.lock:
            self.changes += 1
            # a count, its size unlike the last one's: a poll that sees the same time (a
            # file system of whole seconds) still sees the change
            self.mark.write_text(f"{self.changes}{'.' * (self.changes % 2)}", encoding="utf-8")


def _stop(observer: BaseObserver, folder: Path) -> None:
    observer.stop()
    shutil.rmtree(folder, ignore_errors=True)


def relay(folders: list[Path]) -> ChangeRelay | None:
    """A relay for these folders, or None where native file events are not to be had."""
    try:
        return ChangeRelay(folders)
    except OSError as exc:  # e.g. the system's limit of inotify watches
        log.info("watching the briefs by polling (no native file events: %s)", exc)
        return None
