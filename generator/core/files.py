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


def clash_with_inputs(target: Path, inputs: list[Path]) -> str | None:
    """Why an output folder that is replaced whole may not be ``target``: it is, holds or
    lies inside one of ``inputs`` (the project file, docs, briefs, seeds, templates)."""
    for source in inputs:
        if is_within(source, target):
            kind = "is" if source.resolve() == target.resolve() else "holds"
            return f"{target} {kind} the input {source}"
        if source.is_dir() and is_within(target, source):
            return f"{target} lies inside the input folder {source}"
    return None
