"""``briefing pdf``: print briefs without building the site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .check import Book, check_book
from .config import Config
from .index import build_index


def print_briefs(
    config: Config, paths: list[Path] | None, folder: Path, jobs: int | None = None
) -> tuple[Book, list[Path]]:
    """PDFs of the given briefs (default: all) that have no errors, whatever their TLP.

    Printing is local: each PDF carries its own TLP label; publishing rules apply to the
    site and to ``briefing deploy``, not to a PDF the analyst asks for by name.
    """
    from .export import pdf_data
    from .pdf import render_pdfs

    book = check_book(config, paths)
    everything = dataclasses.replace(book, config=config.with_options(max_tlp="RED"))
    index = build_index(everything)
    jobs_list = [
        (pdf_data(doc, index, config.today), folder / f"{doc.slug}.pdf") for doc in index.briefs
    ]
    return book, render_pdfs(jobs_list, workers=jobs)
