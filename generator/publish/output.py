"""Writers: the site swapped in atomically, the generated Markdown tree, new brief files.

Nothing here writes outside an output folder: the site folder (built aside, then
swapped), the folder given to ``briefing generate``, or a new ``briefs/<slug>.yml``
that does not exist yet. Hand-written ``docs/`` files are only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.core.config import Config
from generator.core.files import clash_with_inputs, write_atomic
from generator.errors import OutputError
from generator.render.pages import Generated

MANIFEST = ".briefing-manifest.json"


def check_output_folder(config: Config, out: Path, docs_dir: Path) -> Path:
    """``out`` resolved, or :class:`OutputError` if writing there could touch inputs."""
    target = out.resolve()
    protected = [
        config.root,
        docs_dir.resolve(),
        config.briefs_path.resolve(),
        config.seeds_path.resolve(),
    ]
    for folder in protected:
        if target == folder or folder.is_relative_to(target):
            raise OutputError(
                f"refusing to write into {out}: it holds the project's inputs "
                f"({folder.name or folder})"
            )
    for folder in protected[1:]:
        if target.is_relative_to(folder):
            raise OutputError(f"refusing to write into {out}: it is inside {folder.name}/")
    return target


@contextmanager
def site_swap(site_dir: Path, inputs: Sequence[Path] = ()) -> Iterator[Path]:
    """Yield a fresh folder beside ``site_dir``; on success it replaces ``site_dir``.

    A failure leaves the previous site exactly as it was. A ``site_dir`` that is, holds or
    lies inside one of ``inputs`` is refused (:class:`OutputError`) before anything is made.
    """
    clash = clash_with_inputs(site_dir, list(inputs))
    if clash is not None:
        raise OutputError(f"site folder refused: {clash}; a build replaces the whole site folder")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a site is served to others
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def write_tree(out: Path, files: dict[str, str | bytes]) -> tuple[int, int, int]:
    """Write ``files`` (relative path -> content) under ``out``, only what changed.

    Files written by an earlier run and no longer generated are removed (per the
    manifest); nothing else in ``out`` is touched. Returns (written, unchanged, removed).
    """
    return TreeWriter(out).finish(files)


class TreeWriter:
    """:func:`write_tree` in steps: generated files written as they are rendered, in the
    process that rendered them (:meth:`take`, whose receipts :meth:`keep` records here),
    then :meth:`finish` with the rest of the tree. A path in ``reserved`` (a hand-written
    page) is never written by :meth:`take`: a generated page never replaces one."""

    def __init__(self, out: Path, *, reserved: frozenset[str] = frozenset()) -> None:
        self.out = out
        self.reserved = reserved
        self.folders: dict[str, Path] = {}
        self.written: dict[str, bool] = {}
        self.digests: dict[str, str] = {}
        self.generated: list[str] = []

    def write(self, rel: str, content: str | bytes) -> None:
        """``out/rel`` written unless it already holds ``content``; the first write of a path
        stands (as the first of two generated files with one path does in the tree)."""
        if rel not in self.written:
            data = content.encode("utf-8") if isinstance(content, str) else content
            self.written[rel] = _write_changed(_inside(self.out, rel, self.folders), data)
            self.digests[rel] = digest(data)

    def take(self, files: list[Generated]) -> list[Receipt]:
        """Generated files written under ``docs/``; what is left of each: a receipt."""
        receipts = []
        for item in files:
            rel = "docs/" + item.src_uri
            if rel not in self.reserved:
                self.write(rel, item.content)
            receipts.append(Receipt(item.src_uri, self.written.get(rel), self.digests.get(rel)))
        return receipts

    def keep(self, receipts: list[Receipt]) -> None:
        """What another process's :meth:`take` wrote, recorded as written here."""
        for receipt in receipts:
            self.generated.append(receipt.src_uri)
            rel = "docs/" + receipt.src_uri
            if receipt.digest is None or receipt.written is None:
                continue  # a hand-written page stands there
            known = self.digests.setdefault(rel, receipt.digest)
            if known != receipt.digest:
                raise OutputError(f"two generated files with one path: {rel}")
            self.written.setdefault(rel, receipt.written)

    def finish(self, files: dict[str, str | bytes]) -> tuple[int, int, int]:
        """The rest of the tree (``files``) written, the files of an earlier run that the
        tree no longer holds removed, the manifest updated: (written, unchanged, removed)."""
        for rel, content in sorted(files.items()):
            self.write(rel, content)
        tree = set(self.written)
        written = sum(self.written.values())
        removed = _remove_stale(self.out, tree)
        manifest = json.dumps(sorted(tree), indent=0) + "\n"
        manifest_path = self.out / MANIFEST
        if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != manifest:
            write_atomic(manifest_path, manifest)
        return written, len(tree) - written, removed


@dataclass(frozen=True)
class Receipt:
    """A generated file as :meth:`TreeWriter.take` left it: whether it was written (or
    already held these bytes) and their digest; ``None`` where a hand-written page stands."""

    src_uri: str
    written: bool | None
    digest: str | None


def digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _inside(out: Path, rel: str, folders: dict[str, Path] | None = None) -> Path:
    """``out/rel`` resolved, or :class:`OutputError` if it leads outside ``out``.

    ``folders`` memoises resolved parent folders (existing or not yet made): a tree has
    thousands of files in a few hundred folders, and resolving costs a system call per
    path component.
    """
    if "\x00" in rel:  # checked first: resolve() raises ValueError on a NUL
        raise OutputError(f"refusing to write {rel!r}: it holds a NUL byte")
    parent, _, name = rel.rpartition("/")
    if name in ("", ".", ".."):
        raise OutputError(f"refusing to write {rel!r}: not a file name")
    folders = {} if folders is None else folders
    folder = folders.get(parent)
    if folder is None:
        folder = (out / parent).resolve() if parent else out.resolve()
        if not folder.is_relative_to(out.resolve()):
            raise OutputError(f"refusing to write {rel!r}: it leaves {out}")
        folders[parent] = folder
    path = folder / name
    if path.is_symlink():
        raise OutputError(f"refusing to write {rel!r}: it is a symbolic link")
    return path


def _write_changed(path: Path, data: bytes) -> bool:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return _create(path, data)
    except OSError:
        size = -1
    if size == len(data) and path.read_bytes() == data:
        return False
    _replace(path, data)
    return True


def _create(path: Path, data: bytes) -> bool:
    """A new file is written in place (half the folder updates of a rename): a run that
    stops half-way leaves a file whose bytes differ, which the next run rewrites."""
    try:
        fd = _open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:  # made meanwhile: replace it as usual
        _replace(path, data)
        return True
    with open(fd, "wb") as handle:
        handle.write(data)
    return True


def _open(path: str, flags: int) -> int:
    """``os.open`` never following a link; the folder is made on first need."""
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return os.open(path, flags, 0o666)


def _replace(path: Path, data: bytes) -> None:
    """:func:`write_atomic` for a tree of thousands of files: a temporary name fixed per
    process and thread instead of a random one, and a folder made only when missing."""
    target = str(path)
    tmp = f"{os.path.dirname(target)}/.{path.name}.{os.getpid()}-{threading.get_ident()}.tmp"
    fd = _open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(out: Path, keep: set[str]) -> int:
    manifest = out / MANIFEST
    if not manifest.is_file():
        return 0
    removed = 0
    for rel in json.loads(manifest.read_text(encoding="utf-8")):
        if rel not in keep:
            path = _inside(out, rel)
            if path.is_file():
                path.unlink()
                removed += 1
    return removed


def tree_files(
    generated: list[Generated], docs_dir: Path, extra: Callable[[], dict[str, str]] | None = None
) -> dict[str, str | bytes]:
    """The docs tree for another builder: hand-written pages plus generated ones."""
    files: dict[str, str | bytes] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                files["docs/" + path.relative_to(docs_dir).as_posix()] = path.read_bytes()
    for item in generated:
        files.setdefault("docs/" + item.src_uri, item.content)
    if extra:
        files.update(extra())
    return files
