"""A chunked search index: the reader's browser fetches only the pieces a query needs.

Material's search plugin writes ``search/search_index.json``, every section of every page,
and its worker downloads that file and builds a Lunr index from it on every page a reader
opens: seconds before the first result in a big book. After the build, :func:`write_chunked`
turns that file into

- ``search/<id>/t/<key>.json``: the postings of the words that start with ``<key>`` (a word's
  first two letters; a crowded key is split by the next letter, see :func:`shard_keys`);
- ``search/<id>/d/<n>.json``: a few consecutive pages (about :data:`CHUNK_BYTES`), with their
  sections, exactly as Material's index gave them (the results are shown from these);
- ``search/search_index.json``: Material's search configuration, plus where the pieces are
  (``config.briefing``), and no documents;

and puts ``generator/assets/search-worker.js`` in place of Material's search worker: it speaks
Material's worker protocol, so the theme's search box, results and highlighting are unchanged.
``<id>`` is a digest of the pieces, so a browser never mixes pieces of two builds.

Words are tokenised by :mod:`generator.publish.search_words`, which the worker mirrors.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .search_words import STOP_WORDS, index_words, plain_text

log = logging.getLogger("mkdocs.plugins.briefing")
INDEX = Path("search") / "search_index.json"
WORKERS = Path("assets") / "javascripts" / "workers"
SHARD_BYTES = 48 * 1024  # a key whose postings are bigger is split by the next letter
MAX_KEY = 4  # ... down to keys of this many letters
CHUNK_BYTES = 8 * 1024  # a document chunk closes at this many bytes
TITLE, TEXT, BOOSTED = 2, 1, 4  # weight bits of a posting
SECTIONS = 4096  # sections a page can have in the index (more are not indexed)


@dataclass(frozen=True)
class Chunked:
    """What :func:`write_chunked` wrote."""

    pages: int
    docs: int
    shards: int
    chunks: int
    largest_shard: int
    largest_chunk: int
    folder: str


def write_chunked(site: Path, shard_bytes: int = SHARD_BYTES) -> Chunked | None:
    """Replace Material's search index and worker in the built ``site`` with the chunked
    index; ``None`` (nothing changed) when the site has no Material search to replace."""
    index_file = site / INDEX
    workers = sorted((site / WORKERS).glob("search.*.js"))
    if not index_file.is_file() or not workers:
        return None
    index = json.loads(index_file.read_text(encoding="utf-8"))
    pages = group_pages(index.get("docs", []))
    shards = shard_keys(postings(pages), shard_bytes)
    encoded_pages = [_dumps(page) for page in pages]  # each page encoded once
    starts = chunk_starts([len(page) for page in encoded_pages])
    ends = [*starts[1:], len(pages)]
    encoded_shards = {key: _dumps(body) for key, body in shards.items()}
    encoded_chunks = [
        f"[{','.join(encoded_pages[a:b])}]" for a, b in zip(starts, ends, strict=True)
    ]
    folder = f"search/{_digest(encoded_shards, encoded_chunks)}/"
    _write_pieces(site / folder, encoded_shards, encoded_chunks)
    index["config"]["briefing"] = {
        "path": folder,
        "chunks": [b - a for a, b in zip(starts, ends, strict=True)],  # pages per chunk
        "count": len(pages),
        "split": sorted({key[:-1] for key in shards if len(key) > 2}),
        "stop": sorted(STOP_WORDS),
    }
    index["docs"] = []
    index_file.write_text(_dumps(index), encoding="utf-8")
    _replace_workers(workers)
    return Chunked(
        pages=len(pages),
        docs=sum(len(page) for page in pages),
        shards=len(encoded_shards),
        chunks=len(encoded_chunks),
        largest_shard=max((len(s) for s in encoded_shards.values()), default=0),
        largest_chunk=max((len(c) for c in encoded_chunks), default=0),
        folder=folder,
    )


def group_pages(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Material's documents as pages: each page's own entry first, then its sections (a
    section's page is the first entry with its path, as Material's worker takes it)."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        path = str(doc.get("location", "")).split("#", 1)[0]
        pages.setdefault(path, []).append(doc)
    return list(pages.values())


def postings(pages: list[list[dict[str, Any]]]) -> dict[str, list[int]]:
    """Every indexed word: its postings, flattened ``[page delta, section * 8 + weight, ...]``
    in page order (the weight bits say where the word is: title, text, boosted page)."""
    found: dict[str, list[int]] = defaultdict(list)
    last_page: dict[str, int] = {}
    for page_no, page in enumerate(pages):
        for section, doc in enumerate(page[:SECTIONS]):
            boosted = BOOSTED if float(doc.get("boost", 1) or 1) > 1 else 0
            for word, weight in _weights(doc).items():
                found[word] += [page_no - last_page.get(word, 0), section * 8 + (weight | boosted)]
                last_page[word] = page_no
    return found


def _weights(doc: dict[str, Any]) -> dict[str, int]:
    """The words of one document with where they are (the title and tags, or the text)."""
    weights: dict[str, int] = {}
    title = f"{doc.get('title', '')} {' '.join(map(str, doc.get('tags', []) or []))}"
    for text, bit in ((title, TITLE), (str(doc.get("text", "")), TEXT)):
        for word in index_words(plain_text(text)):
            weights[word] = weights.get(word, 0) | bit
    return weights


def shard_keys(
    words: dict[str, list[int]], limit: int = SHARD_BYTES
) -> dict[str, dict[str, list[int]]]:
    """Words grouped by key: the first two letters (a one-letter word is its own key); a key
    whose postings exceed ``limit`` bytes keeps only the words equal to it, and the others
    go one letter deeper, down to :data:`MAX_KEY` letters."""
    shards: dict[str, dict[str, list[int]]] = {}
    pending = _by_prefix(words, 2)
    while pending:
        key, group = pending.popitem()
        if len(key) >= MAX_KEY or _size(group) <= limit or len(group) == 1:
            shards[key] = group
            continue
        shards[key] = {w: p for w, p in group.items() if w == key}
        pending.update(_by_prefix({w: p for w, p in group.items() if w != key}, len(key) + 1))
    return shards


def _by_prefix(words: dict[str, list[int]], length: int) -> dict[str, dict[str, list[int]]]:
    groups: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, places in words.items():
        groups[word[:length]][word] = places
    return dict(groups)


def _size(group: dict[str, list[int]]) -> int:
    return sum(len(word) + 4 + 4 * len(places) for word, places in group.items())


def chunk_starts(sizes: list[int]) -> list[int]:
    """The first page of each document chunk, from the pages' encoded sizes: a chunk closes
    once it holds :data:`CHUNK_BYTES` (a page bigger than that is a chunk of its own)."""
    starts: list[int] = []
    filled = CHUNK_BYTES
    for number, size in enumerate(sizes):
        if filled + size > CHUNK_BYTES:
            starts.append(number)
            filled = 0
        filled += size
    return starts or [0]


def shard_file(key: str) -> str:
    """A key's file name: its UTF-8 bytes in hex (safe on every file system)."""
    return key.encode("utf-8").hex() + ".json"


def _write_pieces(folder: Path, shards: dict[str, str], chunks: list[str]) -> None:
    if folder.parent.is_dir():
        for old in folder.parent.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
    (folder / "t").mkdir(parents=True)
    (folder / "d").mkdir()
    for key, body in shards.items():
        (folder / "t" / shard_file(key)).write_text(body, encoding="utf-8")
    for number, body in enumerate(chunks):
        (folder / "d" / f"{number}.json").write_text(body, encoding="utf-8")


def _replace_workers(workers: list[Path]) -> None:
    """Material's search worker (and its source map) replaced by the chunked index's."""
    worker = resources.files("generator").joinpath("assets", "search-worker.js").read_text("utf-8")
    for path in workers:
        path.write_text(worker, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)


def _digest(shards: dict[str, str], chunks: list[str]) -> str:
    digest = hashlib.sha256()
    for key in sorted(shards):
        digest.update(key.encode() + b"\0" + shards[key].encode() + b"\0")
    for chunk in chunks:
        digest.update(chunk.encode() + b"\0")
    return digest.hexdigest()[:12]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_documents(site: Path) -> list[dict[str, Any]]:
    """Every document of a built site's search index, chunked or not (for tests and tools)."""
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    manifest = index.get("config", {}).get("briefing")
    if not manifest:
        return list(index.get("docs", []))
    folder = site / manifest["path"] / "d"
    chunks = sorted(folder.glob("*.json"), key=lambda p: int(p.stem))
    return [doc for c in chunks for page in json.loads(c.read_text("utf-8")) for doc in page]
