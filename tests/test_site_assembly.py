"""One site assembly: ``briefing generate`` and the plugin make the same pages.

The fixture project is built twice, through the plugin (``mkdocs build``) and from the
tree that ``briefing generate`` writes (``mkdocs build -f OUT/mkdocs.yml``, no plugin);
every HTML page is compared file by file, white space folded (the plugin folds the theme's
indentation, the plain build does not).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import briefing, copy_project, mkdocs_build

SPACE = re.compile(r"\s+")
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def folded(html_text: str) -> str:
    parts = PRE.split(html_text)
    return "".join(p if i % 2 else SPACE.sub(" ", p) for i, p in enumerate(parts)).strip()


def html_pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): folded(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


@pytest.mark.slow
def test_generate_and_plugin_make_the_same_pages(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "book", amber=True)
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    out = tmp_path / "tree"
    generated = briefing(root, "generate", str(out))
    assert generated.returncode == 0, generated.stderr
    plain = mkdocs_build(out)
    assert plain.returncode == 0, plain.stderr
    with_plugin, without = html_pages(root / "site"), html_pages(out / "site")
    assert sorted(with_plugin) == sorted(without)
    assert len(with_plugin) > 10
    different = [page for page in with_plugin if with_plugin[page] != without[page]]
    assert different == [], f"pages that differ: {different}"
    for hand_written in ("index.html", "methodology/index.html"):  # both carry their label
        assert '<span class="tlp-label">TLP:CLEAR</span>' in with_plugin[hand_written]
