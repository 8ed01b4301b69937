"""Where each quote was last found: ``briefs/.anchors/<slug>.json``, one small file per brief.

The brief stays as the analyst wrote it; its lock file records, for each quote (keyed by
source id, quote, prefix and suffix, so reordering the brief loses nothing), the span it was
last anchored to, in code points of the article then, the text just before and after it, and
the SHA-256 of that article. The next check uses the record as the position hint and as the
context when the brief gives none, and reports when the article changed since.

``briefing check`` and ``briefing fix`` write it, only when its content changed, and never
anything else; builds only read it. A quote that is not found keeps its old record (so it
keeps its hint until it anchors again); records of quotes no longer cited are dropped. A lock
file that cannot be read or does not hold what is expected is ignored, never trusted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .anchor import Article, Cited, Hint
from .files import write_atomic

log = logging.getLogger(__name__)


class CheckedBrief(Protocol):
    """What recording needs of a checked brief (:class:`generator.core.book.BriefDoc`)."""

    @property
    def file(self) -> Path: ...
    @property
    def brief(self) -> object | None: ...
    @property
    def anchors_moved(self) -> bool: ...
    @property
    def cited(self) -> list[Cited]: ...
    @property
    def articles(self) -> dict[str, Article]: ...


LOCK_DIR = ".anchors"
VERSION = 1
CONTEXT = 32
MAX_LOCK_BYTES = 2_000_000
Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class Recorded:
    """One quote's last anchor."""

    source: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    before: str
    after: str
    sha256: str

    @property
    def key(self) -> Key:
        return (self.source, self.quote, self.prefix, self.suffix)

    @property
    def hint(self) -> Hint:
        return Hint(self.start, self.before, self.after)


def lock_path(brief_file: Path) -> Path:
    return brief_file.parent / LOCK_DIR / f"{brief_file.stem}.json"


def shown_lock_path(brief_path: str) -> str:
    """The lock file of the brief shown as ``brief_path`` (``/``-separated), as shown."""
    folder, _, name = brief_path.rpartition("/")
    stem = name[:-4] if name.endswith(".yml") else name
    return f"{folder + '/' if folder else ''}{LOCK_DIR}/{stem}.json"


def read_lock(brief_file: Path) -> dict[Key, Recorded]:
    """The records of a brief's lock file; empty if there is none or it is not usable."""
    path = lock_path(brief_file)
    try:
        if not _plain(path):
            return {}
        if path.stat().st_size > MAX_LOCK_BYTES:
            log.warning("%s: larger than %d bytes; ignored", path, MAX_LOCK_BYTES)
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s: cannot be read (%s); ignored", path, exc)
        return {}
    records = _records(data)
    if records is None:
        log.warning("%s: not an anchors file of version %d; ignored", path, VERSION)
        return {}
    return {r.key: r for r in records}


def _plain(path: Path) -> bool:
    """A regular file (or none yet) in a real folder: never follow a link planted in a
    checkout to read or write somewhere else."""
    if path.parent.is_symlink() or path.is_symlink():
        log.warning("%s: a symbolic link; not used", path)
        return False
    return not path.exists() or path.is_file()


def _records(data: object) -> list[Recorded] | None:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    entries = data.get("anchors")
    if not isinstance(entries, list):
        return None
    records = []
    for entry in entries:
        try:
            record = Recorded(**entry)
        except TypeError:
            return None
        texts = (record.source, record.quote, record.prefix, record.suffix, record.before)
        if not all(isinstance(t, str) for t in (*texts, record.after, record.sha256)):
            return None
        if not (isinstance(record.start, int) and isinstance(record.end, int)):
            return None
        if not 0 <= record.start <= record.end:
            return None
        records.append(record)
    return records


def record(
    source: str, quote: str, prefix: str, suffix: str, article: Article, start: int, end: int
) -> Recorded:
    text = article.text
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return Recorded(source, quote, prefix, suffix, start, end, before, after, article.digest)


def updated(
    old: dict[Key, Recorded], cited: Iterable[Cited], articles: dict[str, Article]
) -> list[Recorded]:
    """The records after a check: found quotes where they are now, the others as they were."""
    records: dict[Key, Recorded] = {}
    for c in cited:
        key = (c.anchor.source_id, c.quote, c.prefix, c.suffix)
        if c.anchor.found:
            article = articles[c.anchor.source_id]
            records[key] = record(*key, article, c.anchor.start, c.anchor.end)
        elif key in old and key not in records:
            records[key] = old[key]
    return list(records.values())


def stale(old: dict[Key, Recorded], cited: Iterable[Cited], articles: dict[str, Article]) -> bool:
    """Would :func:`updated` differ from ``old``? (Cheap: no record is built.)"""
    keys = set()
    for c in cited:
        key = (c.anchor.source_id, c.quote, c.prefix, c.suffix)
        was = old.get(key)
        if not c.anchor.found:
            keys.update([key] if was else [])
            continue
        keys.add(key)
        if was is None or was.sha256 != articles[c.anchor.source_id].digest:
            return True
        if (was.start, was.end) != (c.anchor.start, c.anchor.end):
            return True
    return keys != old.keys()


def render(records: Iterable[Recorded]) -> str:
    """The file: one record per line (small diffs), in article order."""
    ordered = sorted(records, key=lambda r: (r.source, r.start, r.end, r.key))
    lines = [json.dumps(_fields(r), ensure_ascii=False) for r in ordered]
    body = ",\n".join(f"  {line}" for line in lines)
    return f'{{"version": {VERSION}, "anchors": [\n{body}\n]}}\n' if lines else _EMPTY


_EMPTY = f'{{"version": {VERSION}, "anchors": []}}\n'


def _fields(r: Recorded) -> dict[str, object]:
    return {
        "source": r.source,
        "quote": r.quote,
        "prefix": r.prefix,
        "suffix": r.suffix,
        "start": r.start,
        "end": r.end,
        "before": r.before,
        "after": r.after,
        "sha256": r.sha256,
    }


def write_lock(brief_file: Path, records: list[Recorded]) -> bool:
    """Write the lock file if its content changed (none at all: no file); True if written."""
    path = lock_path(brief_file)
    if not _plain(path):
        return False
    content = render(records)
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, ValueError):
        current = ""
    if content == current or (current is None and not records):
        return False

    try:
        write_atomic(path, content)
    except OSError as exc:
        log.warning("%s: not written (%s)", path, exc)
        return False
    log.info("%s: anchors recorded", path)
    return True


def record_book(docs: Iterable[CheckedBrief]) -> int:
    """Write the lock file of every checked brief whose anchors moved; the number written."""
    written = 0
    for doc in docs:
        if doc.brief is None or not doc.anchors_moved or not doc.file.is_file():
            continue
        refused = any(not c.anchor.found for c in doc.cited)  # their old records are kept
        old = read_lock(doc.file) if refused else {}
        written += write_lock(doc.file, updated(old, doc.cited, doc.articles))
    return written
