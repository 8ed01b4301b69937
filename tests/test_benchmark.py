"""The benchmark of DESIGN section 6 runs end to end on a tiny book and reports every row."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "benchmark.py"
ROWS = (
    "`briefing check`",
    "generate pages (`briefing generate`), cold",
    "generate pages, nothing changed",
    "`mkdocs build` without the plugin",
    "`mkdocs build` with the plugin, cold cache",
    "`mkdocs build` with the plugin, pages cached",
    # 21 briefs: the 20 drafted and the sample brief (its Japanese names are searched)
    "brief page, 21 briefs: median / max",
    "same brief page in 20 vs 21 briefs",
    "largest page, 21 briefs",
    "search index per brief",
    "search: typing to first result, cold page, 21 briefs",
    "peak memory of any step",
    "PDF of one brief",
    "PDF batch of",
    "edit a brief while serving, 20 briefs",
    "`briefing serve --only SLUG`",
)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_benchmark_smoke(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "table.md"
    code = bench.main(
        [
            "--articles",
            "20",
            "--runs",
            "1",
            "--no-full-serve",
            "--pdf-briefs",
            "2",
            "--small",
            "20",
            "--out",
            str(out),
            "--keep",
            str(tmp_path / "work"),
        ]
    )
    assert code == 0
    table = out.read_text(encoding="utf-8")
    assert table == capsys.readouterr().out.rstrip("\n") + "\n"
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert sum(row in line for line in lines) == 1, row
    assert all(line.endswith(("| PASS |", "| **FAIL** |", "| — |")) for line in lines[1:])
    assert "rewrote 0 |" in table
    assert "timed out" not in table


def test_synthetic_corpus_drafts_briefs(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ../shared/corpus the benchmark drafts its book from a synthetic corpus."""
    monkeypatch.setattr(bench, "CORPUS", tmp_path / "absent")
    book, drafted = bench.make_book(tmp_path, 3)
    assert len(bench.slugs(book)) == 4 and bench.SAMPLE in bench.slugs(book)  # 3 and the sample
    assert "3 brief(s) drafted" in drafted.stderr
    check = bench.measured(bench.briefing(book, "check"), ok_codes=(0,))
    assert "0 error(s)" in check.stderr
