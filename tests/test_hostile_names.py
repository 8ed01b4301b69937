"""Issue 11, class "names and collisions": every name maps to one page, one anchor, one file.

Reserved slugs and ids (a generated page's name), ids that differ only in case, a trailing
newline in a file name, two items sharing one HTML anchor, a brief linked from outside
``briefs/``, a ``.cache`` link out of the project and ``serve --only ../x`` are refused.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hostile_payloads import make_project, run_cli

from generator.build import check_book
from generator.site.project import read_config

ARTICLE = "Officials met on Monday to discuss trade and defense.\n\nThe talks were frank.\n"


def brief(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Names",
        "summary": "A brief.",
        "as_of": "2024-11-08",
        "tlp": "CLEAR",
        "sources": [{"id": "a", "file": "seeds/a.txt", "title": "A", "reliability": "B"}],
    }
    return data | extra


def codes(root: Path) -> dict[str, set[str]]:
    book = check_book(read_config(root))
    return {d.slug: {p.code for p in d.problems if p.is_error} for d in book.briefs}


@pytest.mark.parametrize("name", ["index", "2024", "Index", "ok\n", "a--b", "-x"])
def test_reserved_and_malformed_slugs_are_refused(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path / "p", {}, {"a.txt": ARTICLE})
    (root / "briefs" / f"{name}.yml").write_text(
        "title: x\nsummary: y\nas_of: 2024-11-08\ntlp: CLEAR\n", encoding="utf-8"
    )
    found = codes(root)
    assert found == {name: {"slug"}}, found


JUDGMENT = {"text": "J.", "likelihood": "likely", "confidence": "low"}
EVENT = {"date": "2024-11-04", "event": "E."}


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"actors": [{"id": "index", "name": "Index"}]}, "reserved-id"),
        ({"actors": [{"id": "Abe", "name": "A"}, {"id": "abe", "name": "B"}]}, "duplicate-id"),
        ({"judgments": [JUDGMENT, {**JUDGMENT, "id": "1"}]}, "anchor-clash"),
        ({"timeline": [{**EVENT, "id": "2"}, EVENT]}, "anchor-clash"),
        (
            {
                "sources": [
                    {"id": "a", "file": "seeds/a.txt", "title": "A", "reliability": "B"},
                    {"id": "A", "file": "seeds/a.txt", "title": "A", "reliability": "B"},
                ]
            },
            "duplicate-id",
        ),
    ],
)
def test_two_items_never_share_a_page_or_anchor(
    tmp_path: Path, extra: dict[str, Any], code: str
) -> None:
    root = make_project(tmp_path / "p", {"names": brief(**extra)}, {"a.txt": ARTICLE})
    assert code in codes(root)["names"]


def test_a_brief_linked_from_outside_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {}, {"a.txt": ARTICLE})
    outside = tmp_path / "secret.yml"
    outside.write_text("title: secret\n", encoding="utf-8")
    os.symlink(outside, root / "briefs" / "linked.yml")
    assert codes(root) == {"linked": {"slug"}}
    run = run_cli("--root", root, "check")
    assert run.returncode == 1 and "outside briefs/" in run.stdout


def test_a_cache_link_out_of_the_project_is_not_used(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"names": brief()}, {"a.txt": ARTICLE})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, root / ".cache")
    run = run_cli("--root", root, "build")
    assert run.returncode == 0, run.lines
    assert list(elsewhere.rglob("*")) == []


@pytest.mark.parametrize("only", ["../x", "/etc/passwd", "names/../names", "a b"])
def test_serve_only_takes_slugs(tmp_path: Path, only: str) -> None:
    root = make_project(tmp_path / "p", {"names": brief()}, {"a.txt": ARTICLE})
    (tmp_path / "x.yml").write_text("title: outside\n", encoding="utf-8")
    run = run_cli("--root", root, "serve", "--only", only, timeout=30)
    assert run.returncode == 2, run.lines
    assert "expected a brief's slug" in run.stderr
