"""``briefing generate OUT``: the site as a plain Markdown tree plus a plugin-free mkdocs.yml.

Another MkDocs-compatible builder (or ``mkdocs build -f OUT/mkdocs.yml``) builds
the same site from it. Re-running on unchanged input rewrites no file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from ruamel.yaml import YAML

from generator import build
from generator.core import cache
from generator.core.config import Config
from generator.core.mkdocs_yml import NAME, plain_data, read_layout
from generator.errors import Problem
from generator.publish.output import MANIFEST, TreeWriter, check_output_folder, tree_files
from generator.render.pages import Generated
from generator.render.urls import Urls

from .assembly import decorate_file, site_nav

KEPT_KEYS = (
    "site_name",
    "site_description",
    "site_url",
    "site_author",
    "copyright",
    "theme",
    "markdown_extensions",
    "extra",
    "not_in_nav",
    "repo_url",
    "repo_name",
)


def tree_contents(
    config: Config, mkdocs_cfg: MkDocsConfig, writer: TreeWriter
) -> tuple[build.Result, dict[str, str | bytes]]:
    """Every file of the tree (``docs/...`` and ``mkdocs.yml``) and the run that made them;
    the ``writer`` writes the generated pages as they are rendered."""
    docs = Path(mkdocs_cfg.docs_dir)
    has_home = (docs / "index.md").is_file()
    hand_written = _hand_written(docs)

    def made(files: list[Generated]) -> None:
        for item in files:
            rel = "docs/" + item.src_uri
            if rel not in hand_written:
                writer.write(rel, item.content)

    result = build.run(
        config,
        home=not has_home,
        directory_urls=mkdocs_cfg.use_directory_urls,
        cached=False,
        made=made,
    )
    nav = site_nav(result, docs)
    files = tree_files(
        result.files, docs, extra=lambda: {"mkdocs.yml": plain_config(config.root, nav)}
    )
    for rel, data in files.items():
        if rel.startswith("docs/") and rel.endswith(".md") and isinstance(data, bytes):
            # bytes: a hand-written page (generated ones are text), decorated as the plugin does
            src_uri = rel.removeprefix("docs/")
            files[rel] = decorate_file(data.decode("utf-8"), result.ctx, src_uri)
    return result, files


def _hand_written(docs: Path) -> set[str]:
    """The tree paths of the hand-written files: a generated page never replaces one."""
    if not docs.is_dir():
        return set()
    return {"docs/" + p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}


def generate_cached(
    config: Config, mkdocs_cfg: MkDocsConfig, out: Path
) -> tuple[list[Problem], tuple[int, int, int]]:
    """The tree written under ``out``; skipped outright when no input changed and ``out``
    still holds exactly what the last run wrote: then nothing is rendered or rewritten."""
    target = check_output_folder(config, out, Path(mkdocs_cfg.docs_dir))
    key = _tree_key(config, mkdocs_cfg, target)
    stored = cache.load(config, "generate", key)
    if stored is not None and _intact(target, stored["hashes"]):
        return stored["problems"], (0, len(stored["hashes"]), 0)
    writer = TreeWriter(target)
    result, files = tree_contents(config, mkdocs_cfg, writer)
    counts = writer.finish(files)
    hashes = {
        rel: _digest(data.encode("utf-8") if isinstance(data, str) else data)
        for rel, data in files.items()
    }
    cache.store(config, "generate", key, {"problems": result.book.problems, "hashes": hashes})
    return result.book.problems, counts


def _tree_key(config: Config, mkdocs_cfg: MkDocsConfig, target: Path) -> str:
    digest = hashlib.sha256()
    cache.folder_digest(digest, Path(mkdocs_cfg.docs_dir), "*", 1 << 30)
    digest.update((config.root / "mkdocs.yml").read_bytes())
    return cache.input_digest(
        config, f"tree:{target}:{mkdocs_cfg.use_directory_urls}:{digest.hexdigest()}"
    )


def _manifest(target: Path) -> list[str]:
    try:
        return list(json.loads((target / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _hash(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return ""


def _intact(target: Path, hashes: dict[str, str]) -> bool:
    """Every file the last run wrote is there, unchanged, and the manifest lists just them."""
    return sorted(hashes) == sorted(_manifest(target)) and all(
        digest and _hash(target / rel) == digest for rel, digest in hashes.items()
    )


def plain_config(root: Path, nav: list[Any]) -> str:
    """The project's mkdocs.yml without the briefing plugin, with the nav spelled out."""
    raw = plain_data(read_layout(root / NAME))
    raw = raw if isinstance(raw, dict) else {}
    plain: dict[str, Any] = {key: raw[key] for key in KEPT_KEYS if key in raw}
    plain["docs_dir"] = "docs"
    plain["site_dir"] = "site"
    plain["plugins"] = [p for p in raw.get("plugins", []) if _keep_plugin(p)]
    plain["extra_css"] = [*raw.get("extra_css", []), Urls.css]
    plain["extra_javascript"] = [*raw.get("extra_javascript", []), Urls.js]
    plain["nav"] = nav
    out = YAML(typ="safe", pure=True)
    out.default_flow_style = False
    out.allow_unicode = True
    out.width = 4096
    from io import StringIO

    buffer = StringIO()
    buffer.write("# Generated by `briefing generate`: the briefing book without the plugin.\n")
    out.dump(plain, buffer)
    return buffer.getvalue()


def _keep_plugin(entry: Any) -> bool:
    name = next(iter(entry)) if isinstance(entry, dict) else entry
    return name not in ("briefing", "offline")
