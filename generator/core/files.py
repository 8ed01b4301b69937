"""Writing a file atomically: the one way the generator replaces a file in place."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes, *, durable: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename over the target.

    The file keeps its permission bits (a new one is readable by all, 0644, not the private
    mode of a temporary file); ``durable`` flushes it to disk first (hand-edited briefs).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_within(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies under it, symbolic links and ``..`` resolved."""
    inner, outer = path.resolve(), folder.resolve()
    return inner == outer or outer in inner.parents
