"""The preview's rebuild after a save, in process: wall and CPU seconds of each rebuild.

    python bench/preview_rebuild.py BOOK [--saves 3]

Builds BOOK as ``briefing serve`` does (a dirty build into a temporary folder, the plugin
serving), then saves one brief's summary ``--saves`` times and rebuilds after each save. CPU
seconds tell the program's cost on a machine that other work keeps busy.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def rebuild(book: Path, site: str) -> tuple[float, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(book / "mkdocs.yml"), site_dir=site)
    config.plugins.on_startup(command="serve", dirty=True)
    wall, cpu = time.perf_counter(), time.process_time()
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args(argv)
    book = args.book.resolve()
    os.chdir(book)
    logging.basicConfig(level=logging.WARNING, filename=os.devnull)
    site = tempfile.mkdtemp(prefix="briefing-preview-")
    wall, cpu = rebuild(book, site)
    print(f"first build: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    briefs = sorted((book / "briefs").glob("*.yml"))
    brief = briefs[len(briefs) // 2]
    original = brief.read_text(encoding="utf-8")
    try:
        for i in range(args.saves):
            edited = re.sub(r"(?m)^summary:.*$", f'summary: "Preview save {i}."', original)
            brief.write_text(edited, encoding="utf-8")
            wall, cpu = rebuild(book, site)
            print(f"save {i + 1} ({brief.stem}): {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    finally:
        brief.write_text(original, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
