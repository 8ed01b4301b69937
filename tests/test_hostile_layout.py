"""Issue 11, class "a careless folder layout": inputs and outputs never overlap.

- An input folder (briefs, seeds, templates) inside ``docs_dir`` would be copied raw into
  the site by MkDocs: a located ``mkdocs.yml`` error, from ``briefing`` and ``mkdocs``.
- The site folder is replaced whole by each build: a target that is, holds or lies inside
  an input, the project or a parent of it is refused (``--site-dir`` and ``site_dir``),
  and every input is left byte for byte as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_payloads import sample_project, tree_hashes
from site_helpers import briefing, mkdocs_build

from generator.core.config import input_paths
from generator.errors import OutputError
from generator.publish.output import site_swap
from generator.site.project import read_config

LOCATED = re.compile(r"(?:^|ERROR +-  )mkdocs\.yml:(\d+):(\d+): error: ", re.M)


def set_option(root: Path, old: str, new: str) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(root: Path, key: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


@pytest.mark.parametrize(
    ("key", "value"),
    [("briefs_dir", "docs/briefs"), ("seeds_dir", "docs/seeds"), ("templates_dir", "docs/t")],
)
def test_inputs_inside_docs_are_a_located_error(tmp_path: Path, key: str, value: str) -> None:
    root = sample_project(tmp_path / "p")
    if key == "templates_dir":
        set_option(root, "      pdf: false\n", f"      pdf: false\n      {key}: {value}\n")
    else:
        set_option(root, f"{key}: {key.split('_')[0]}", f"{key}: {value}")
    for run in (briefing(root, "check"), mkdocs_build(root)):
        assert run.returncode == 1
        found = LOCATED.search(run.stdout + run.stderr)
        assert found, run.stdout + run.stderr
        assert int(found.group(1)) == line_of(root, key)
        assert "inside docs_dir" in run.stdout + run.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("target", ["docs", "briefs", "seeds", ".", "..", "briefs/out"])
def test_site_dir_option_may_not_touch_inputs(tmp_path: Path, target: str) -> None:
    root = sample_project(tmp_path / "p")
    (tmp_path / "beside.txt").write_text("a file beside the project\n", encoding="utf-8")
    before = tree_hashes(tmp_path)
    run = briefing(root, "build", "--site-dir", target)
    assert run.returncode == 1, run.stderr
    assert "site folder refused" in run.stderr
    assert tree_hashes(tmp_path) == before


@pytest.mark.parametrize("target", ["briefs", "seeds", "briefs/out"])
def test_site_dir_in_mkdocs_yml_may_not_touch_inputs(tmp_path: Path, target: str) -> None:
    root = sample_project(tmp_path / "p")
    set_option(root, "site_dir: site", f"site_dir: {target}")
    before = tree_hashes(root)
    for run in (briefing(root, "build"), mkdocs_build(root)):
        assert run.returncode == 1
        found = LOCATED.search(run.stdout + run.stderr)
        assert found and int(found.group(1)) == line_of(root, "site_dir"), run.stderr
        assert tree_hashes(root) == before


def test_site_swap_refuses_a_folder_holding_an_input(tmp_path: Path) -> None:
    root = sample_project(tmp_path / "p")
    inputs = input_paths(read_config(root), root / "docs")
    for target in (root, root / "briefs", root.parent, root / "seeds" / "x"):
        with pytest.raises(OutputError), site_swap(target, inputs):
            pytest.fail("site_swap yielded a staging folder for a refused target")
    with site_swap(root / "site", inputs) as staging:
        (staging / "index.html").write_text("ok", encoding="utf-8")
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "ok"
