"""A previewed book's data exports, written straight into the served site folder.

At each rebuild MkDocs walks every file of the book several times over (for the nav, the
documentation pages, the static files to copy). At 20,000 briefs the exports of each brief (its
JSON, its evidence annotations, its STIX bundle) are 60,000 of the book's 109,000 files, and no
page is built from them. So while previewing (``briefing serve``: dirty rebuilds into a folder
MkDocs never cleans), the plugin writes them itself: only those whose content changed since
its last write into that folder, and it deletes those of briefs gone. An export that a
hand-written page names stays a MkDocs file, so that MkDocs' check of that page's links finds
it. A build (``mkdocs build``, or a preview that is not dirty) hands every export to MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.utils import write_file

from generator.render.urls import Urls

NAMED = re.compile(r"data/[^\s\"'()<>#?]+")


def is_brief_export(src_uri: str) -> bool:
    """One brief's export (the book's own JSON stays a file: hand-written pages link it)."""
    return src_uri.startswith("data/") and src_uri != Urls.book_json


def named_by_hand_written(files: Files) -> set[str]:
    """The ``data/`` files that the hand-written pages' Markdown names."""
    named: set[str] = set()
    for file in files.documentation_pages():
        try:
            named.update(NAMED.findall(file.content_string))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports the unreadable page itself
    return named


@dataclass
class ExportWriter:
    """What was written into one site folder, to write only what changed next time."""

    written: dict[str, str | bytes] = field(default_factory=dict)

    def write(self, site: Path, exports: dict[str, str | bytes]) -> int:
        """Write the exports that differ from the last write there, delete those gone;
        the number written."""
        count = 0
        for src, content in exports.items():
            if self.written.get(src) == content:  # mostly the very same object: no compare
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            write_file(data, str(site / src))
            count += 1
        for src in self.written.keys() - exports.keys():
            (site / src).unlink(missing_ok=True)
        self.written = dict(exports)
        return count
