"""Issue 11, class "every output path honours max_tlp" (one filter, model.publishable).

``briefing pdf`` prints only publishable briefs unless told otherwise, and a brief above
``max_tlp`` is never printed into the site folder. A publishable brief referencing an item
of a restricted brief (``[@slug/id]``, an actor only a restricted brief has) is an error in
check, so its ids never reach the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import AMBER_MARKER, AMBER_SLUG, SAMPLE_SLUG, SECOND_SLUG, briefing, copy_project

from generator.build import check_book
from generator.site.project import read_config

LOCATED = re.compile(r"^briefs/restricted-note\.yml:\d+:\d+: error: TLP:AMBER .*max_tlp", re.M)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", second=False, amber=True)


def pdfs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.is_dir() else []


def test_pdf_without_names_prints_only_publishable_briefs(project: Path) -> None:
    proc = briefing(project, "pdf")
    assert proc.returncode == 0, proc.stderr
    assert pdfs(project / "site" / "pdf") == [f"{SAMPLE_SLUG}.pdf"]
    assert "1 brief(s) above TLP:CLEAR not printed" in proc.stderr


def test_pdf_of_a_named_restricted_brief_is_a_located_error(project: Path) -> None:
    proc = briefing(project, "pdf", f"briefs/{AMBER_SLUG}.yml")
    assert proc.returncode == 1
    assert LOCATED.search(proc.stdout), proc.stdout
    assert pdfs(project / "site" / "pdf") == []


@pytest.mark.parametrize("out", [None, "site", "site/pdf", "site/../site/x"])
def test_include_restricted_never_writes_into_the_site(project: Path, out: str | None) -> None:
    args = ["pdf", "--include-restricted"] + (["--out", out] if out else [])
    proc = briefing(project, *args)
    assert proc.returncode == 2, proc.stderr
    assert "outside" in proc.stderr
    assert not (project / "site").exists()


def test_include_restricted_prints_everything_elsewhere(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "restricted"
    proc = briefing(project, "pdf", "--include-restricted", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert pdfs(out) == sorted([f"{SAMPLE_SLUG}.pdf", f"{AMBER_SLUG}.pdf"])
    assert not (project / "site").exists()


# --- references from a publishable brief into a restricted one ----------------------------


@pytest.mark.parametrize("ref", [f"[@{AMBER_SLUG}/leak]", f"[@{AMBER_MARKER.lower()}]", "[@leak]"])
def test_reference_into_a_restricted_brief_is_an_error(tmp_path: Path, ref: str) -> None:
    root = copy_project(tmp_path / "project", amber=True)
    path = root / "briefs" / f"{SECOND_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[@retaliation].", f"[@retaliation] {ref}."), encoding="utf-8")
    book = check_book(read_config(root))
    second = next(d for d in book.briefs if d.slug == SECOND_SLUG)
    messages = [p.message for p in second.problems if p.is_error]
    assert any("above max_tlp" in m and AMBER_SLUG in m for m in messages), messages
    assert not second.ok  # so it is not published, and the reference never reaches the site
    amber = next(d for d in book.briefs if d.slug == AMBER_SLUG)
    assert amber.ok, amber.problems


def test_restricted_brief_may_reference_publishable_ones(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", amber=True)
    path = root / "briefs" / f"{AMBER_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("stays confidential.", "stays confidential [@tariff-letter/retaliation]."),
        encoding="utf-8",
    )
    book = check_book(read_config(root))
    amber = next(d for d in book.briefs if d.slug == AMBER_SLUG)
    assert amber.ok, [p.format() for p in amber.problems]
