"""The build cache in ``.cache/briefing/``: results keyed by a digest of every input.

The key covers the generator's own code and templates, the Python version, the
configuration (including today's date), every brief and every file under the seeds
folder, the template overrides, and whatever the caller adds (URL style, docs folder).
A run whose key matches the stored one reuses the stored value instead of re-rendering.
The cache is best-effort: anything unreadable is a miss, and ``BRIEFING_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config
from .files import is_within, write_atomic
from .load import MAX_ARTICLE_BYTES, MAX_BRIEF_BYTES

log = logging.getLogger(__name__)
CACHE_DIR = Path(".cache") / "briefing"


def enabled() -> bool:
    return os.environ.get("BRIEFING_CACHE", "1") not in ("0", "false", "no", "")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's code, templates and assets, and the Python running them."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(digest: Any, folder: Path, pattern: str, limit: int) -> None:
    """Add the names and bytes of the files under ``folder`` (big files by size and time)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob(pattern)):
        if not path.is_file():
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        stat = path.stat()
        if stat.st_size > limit:
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}\0".encode())
        else:
            digest.update(path.read_bytes() + b"\0")


def input_digest(config: Config, extra: str = "") -> str:
    digest = hashlib.sha256(f"{code_digest()}\0{config!r}\0{extra}\0".encode())
    folder_digest(digest, config.briefs_path, "*.yml", MAX_BRIEF_BYTES)
    folder_digest(digest, config.briefs_path / ".anchors", "*.json", MAX_BRIEF_BYTES)  # hints
    folder_digest(digest, config.seeds_path, "*", MAX_ARTICLE_BYTES)
    if config.templates_dir:
        folder_digest(digest, config.root / config.templates_dir, "*", MAX_ARTICLE_BYTES)
    return digest.hexdigest()


#: The only classes a cache file may name. A project folder can arrive with a hostile
#: ``.cache/`` (a cloned repository, a pull request built by CI): a plain ``pickle.load``
#: would run any code it names. Add a class here when a cached value holds a new type.
SAFE_CLASSES = {
    ("generator.render.pages", "Generated"),
    ("generator.errors", "Problem"),
    ("generator.errors", "Severity"),
}


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in SAFE_CLASSES:
            raise pickle.UnpicklingError(f"cache names {module}.{name}; not loaded")
        return super().find_class(module, name)


def _path(config: Config, name: str) -> Path:
    """The cache file; a ``.cache`` that is a link leading out of the project is never used
    (the generator writes only in its output folders)."""
    folder = config.root / CACHE_DIR
    if not is_within(folder, config.root) or folder.is_symlink():
        raise OSError(f"{CACHE_DIR} leads outside the project; the cache is not used")
    return folder / f"{name}.pickle"


def stored(config: Config, name: str) -> bool:
    """Whether anything is stored under ``name`` (if not, every key misses)."""
    try:
        return _path(config, name).is_file()
    except OSError:
        return False


def load(config: Config, name: str, key: str) -> Any | None:
    """The value stored under ``name`` with this ``key``, or None."""
    if not enabled():
        return None
    try:
        with _path(config, name).open("rb") as handle:
            if _SafeUnpickler(handle).load() != key:  # the key is a pickle of its own, first
                return None
            value = _SafeUnpickler(handle).load()
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        TypeError,
        AttributeError,
        RecursionError,
        MemoryError,
    ):
        return None
    log.debug("cache hit: %s", name)
    return value


def store(config: Config, name: str, key: str, value: Any) -> None:
    if not enabled():
        return
    try:
        data = pickle.dumps(key, protocol=5) + pickle.dumps(value, protocol=5)
        write_atomic(_path(config, name), data)
    except (OSError, pickle.PicklingError) as exc:
        log.debug("cache not written: %s", exc)
