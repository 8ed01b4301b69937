"""Issue 11, class "every output path honours max_tlp".

``briefing pdf`` prints only publishable briefs unless told otherwise, and a brief above
``max_tlp`` is never printed into the site folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import AMBER_SLUG, SAMPLE_SLUG, briefing, copy_project

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
