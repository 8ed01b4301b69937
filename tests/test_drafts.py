"""Drafts (``draft: true``): shown, marked, only in the preview; left out of every published
output (build, mkdocs build, pdf, deploy) unless drafts are included on purpose."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from site_helpers import (
    SAMPLE_SLUG,
    SECOND_BRIEF,
    SECOND_SEED,
    SECOND_SLUG,
    add_brief,
    briefing,
    copy_project,
    mkdocs_build,
)

from generator.build import run
from generator.publish.search import read_documents
from generator.site.project import read_config

DRAFT_MARKER = "Qj8DraftMarker"
DRAFT_BRIEF = SECOND_BRIEF.replace(
    "title: Trump's tariff letter puts Japanese car exports at risk",
    f"title: Unfinished draft {DRAFT_MARKER}\ndraft: true",
)


def draft_project(tmp: Path) -> Path:
    root = copy_project(tmp / "project", second=False)
    add_brief(root, SECOND_SLUG, DRAFT_BRIEF, SECOND_SEED)
    return root


def files_naming(site: Path, text: str) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file()
        and (text in p.read_bytes().decode("utf-8", "ignore") or SECOND_SLUG in p.name)
    )


def latest_titles(site: Path) -> list[str]:
    home = (site / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<div class="brief-card">\s*<h3><a href="[^"]*">([^<]*)</a>', home)


def test_build_leaves_drafts_out_of_every_file(tmp_path: Path) -> None:
    root = draft_project(tmp_path)
    proc = briefing(root, "build")
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    assert (site / "briefs" / SAMPLE_SLUG / "index.html").is_file()  # positive control
    assert files_naming(site, DRAFT_MARKER) == []
    for name in ("search/search_index.json", "sitemap.xml", "data/index.json"):
        text = (site / name).read_text(encoding="utf-8")
        assert SECOND_SLUG not in text and DRAFT_MARKER not in text, name
    searched = json.dumps(read_documents(site), ensure_ascii=False)
    assert SAMPLE_SLUG in searched  # positive control: the chunked index holds the briefs
    assert SECOND_SLUG not in searched and DRAFT_MARKER not in searched
    assert latest_titles(site)[:1] and DRAFT_MARKER not in latest_titles(site)[0]


def test_build_with_drafts_marks_them_and_never_lists_them_first(tmp_path: Path) -> None:
    root = draft_project(tmp_path)
    out = tmp_path / "with-drafts"
    proc = briefing(root, "build", "--include-drafts", "--site-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    page = (out / "briefs" / SECOND_SLUG / "index.html").read_text(encoding="utf-8")
    assert DRAFT_MARKER in page and "draft-banner" in page
    assert f"Unfinished draft {DRAFT_MARKER} (draft)" in page  # its nav entry says so too
    titles = latest_titles(out)
    assert len(titles) == 2 and DRAFT_MARKER in titles[1]  # newer, but after the finished brief
    assert any(DRAFT_MARKER in d["title"] for d in read_documents(out))


def test_mkdocs_build_respects_the_drafts_option(tmp_path: Path) -> None:
    root = draft_project(tmp_path)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    assert files_naming(root / "site", DRAFT_MARKER) == []
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("drafts: false", "drafts: true"))
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "briefs" / SECOND_SLUG / "index.html").is_file()


def test_preview_shows_drafts_marked(tmp_path: Path) -> None:
    root = draft_project(tmp_path)
    config = read_config(root)
    built = {f.src_uri: f.content for f in run(config, cached=False).files}
    assert f"briefs/{SECOND_SLUG}.md" not in built
    preview = {f.src_uri: f.content for f in run(config, serving=True, cached=False).files}
    page = str(preview[f"briefs/{SECOND_SLUG}.md"])
    assert DRAFT_MARKER in page and 'class="admonition warning draft-banner"' in page
    assert '<span class="badge draft">draft</span>' in str(preview["index.md"])


def test_pdf_leaves_out_drafts_unless_asked(tmp_path: Path) -> None:
    root = draft_project(tmp_path)
    out = tmp_path / "pdf"
    proc = briefing(root, "pdf", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{SAMPLE_SLUG}.pdf"]
    assert f"left out 1 draft(s): {SECOND_SLUG}" in proc.stderr
    proc = briefing(root, "pdf", "--include-drafts", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(
        ["pdftotext", str(out / f"{SECOND_SLUG}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DRAFT" in text and DRAFT_MARKER in text
    final = subprocess.run(
        ["pdftotext", str(out / f"{SAMPLE_SLUG}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DRAFT" not in final
