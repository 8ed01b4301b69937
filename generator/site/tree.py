"""``briefing generate OUT``: the site as a plain Markdown tree plus a plugin-free mkdocs.yml.

Another MkDocs-compatible builder (or ``mkdocs build -f OUT/mkdocs.yml``) builds
the same site from it. Re-running on unchanged input rewrites no file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from ruamel.yaml import YAML

from generator import build
from generator.core import cache
from generator.core.config import Config
from generator.core.mkdocs_yml import NAME, plain_data, read_layout
from generator.core.parallel import beside
from generator.errors import Problem
from generator.publish.output import MANIFEST, TreeWriter, check_output_folder, digest, tree_files
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
    config: Config, mkdocs_cfg: MkDocsConfig, target: Path
) -> tuple[build.Result, TreeWriter, dict[str, str | bytes]]:
    """The run that made the tree, the writer that wrote its generated pages as they were
    rendered, and the rest of the tree (hand-written ``docs/`` files and ``mkdocs.yml``)."""
    docs = Path(mkdocs_cfg.docs_dir)
    files = tree_files([], docs)  # the hand-written files: a generated page never replaces one
    writer = TreeWriter(target, reserved=frozenset(files))
    result = build.run(
        config,
        home="docs/index.md" not in files,
        directory_urls=mkdocs_cfg.use_directory_urls,
        cached=False,
        writer=writer,
    )
    for rel, data in files.items():
        if rel.endswith(".md") and isinstance(data, bytes):  # decorated as the plugin does
            files[rel] = decorate_file(data.decode("utf-8"), result.ctx, rel.removeprefix("docs/"))
    files["mkdocs.yml"] = plain_config(config.root, site_nav(result, docs, writer.generated))
    return result, writer, files


def generate_cached(
    config: Config, mkdocs_cfg: MkDocsConfig, out: Path
) -> tuple[list[Problem], tuple[int, int, int]]:
    """The tree written under ``out``; skipped outright when no input changed and ``out``
    still holds exactly what the last run wrote: then nothing is rendered or rewritten."""
    target = check_output_folder(config, out, Path(mkdocs_cfg.docs_dir))
    later: Callable[[], str] | None = None
    if cache.enabled() and cache.stored(config, "generate"):
        key = _tree_key(config, mkdocs_cfg, target)
        stored = cache.load(config, "generate", key)
        if stored is not None and _intact(target, stored["hashes"]):
            return stored["problems"], (0, len(stored["hashes"]), 0)
        later = lambda: key  # noqa: E731
    elif cache.enabled():  # nothing stored: a miss whatever the key, only stored, so beside
        later = beside(lambda: _tree_key(config, mkdocs_cfg, target))
    result, writer, files = tree_contents(config, mkdocs_cfg, target)
    counts = writer.finish(files)
    if later is not None:
        summary = {"problems": result.book.problems, "hashes": writer.digests}
        cache.store(config, "generate", later(), summary)
    return result.book.problems, counts


def _tree_key(config: Config, mkdocs_cfg: MkDocsConfig, target: Path) -> str:
    inputs = hashlib.sha256()
    cache.folder_digest(inputs, Path(mkdocs_cfg.docs_dir), "*", 1 << 30)
    inputs.update((config.root / "mkdocs.yml").read_bytes())
    return cache.input_digest(
        config, f"tree:{target}:{mkdocs_cfg.use_directory_urls}:{inputs.hexdigest()}"
    )


def _manifest(target: Path) -> list[str]:
    try:
        return list(json.loads((target / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def _hash(path: Path) -> str:
    try:
        return digest(path.read_bytes())
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
