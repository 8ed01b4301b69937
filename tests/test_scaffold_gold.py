"""The drafter against the dev half of the gold annotations, with the gold set's own scorer.

`../shared/scaffold-gold/score.py` builds a book per article and runs `briefing new`; here
the same draft text (`scaffold_text`, what `briefing new` writes) is scored with the
scorer's own functions, so the measures are exactly its measures. When the gold set or the
corpus is missing the test fails with a message saying where they were looked for.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import pathlib
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.scaffold import scaffold_text

REPO = pathlib.Path(__file__).resolve().parents[1]
# ../shared beside the clone; a git worktree kept in a folder of worktrees finds it one up
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
GOLD = SHARED / "scaffold-gold"
CORPUS = SHARED / "corpus" / "bbc-2005"
TODAY = datetime.date(2026, 1, 1)
TARGETS = {
    "actor precision": 0.90,
    "actor recall": 0.85,
    "sport actor recall": 0.85,
    "quote recall": 0.95,
    "speaker attribution": 0.90,
    "figure labels": 0.90,
    "as_of year": 0.90,
}


def _scorer() -> ModuleType:
    path = GOLD / "score.py"
    if not path.is_file() or not CORPUS.is_dir():
        pytest.fail(f"gold set or corpus not found at {GOLD} and {CORPUS}: check out ../shared")
    spec = importlib.util.spec_from_file_location("scaffold_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(score: ModuleType) -> list[dict[str, Any]]:
    rows = []
    files = sorted((GOLD / "dev").glob("*.json"))
    assert len(files) == 20, f"expected 20 dev gold files, found {len(files)}"
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        folder, base = gold["file"].split("/", 1)
        seed_rel = f"seeds/{folder}-{pathlib.Path(base).stem}.txt"
        text = (CORPUS / gold["file"]).read_text(encoding="utf-8")
        draft = YAML(typ="safe", pure=True).load(
            scaffold_text(text, seed_rel=seed_rel, today=TODAY)
        )
        row = score.score_article(gold, draft)
        row["folder"] = folder
        rows.append(row)
    return rows


def _ratio(num: int, den: int) -> float:
    assert den > 0
    return num / den


@pytest.fixture(scope="module")
def measures() -> dict[str, float]:
    score = _scorer()
    rows = _rows(score)
    t = score.summarise(rows)
    sport = score.summarise([r for r in rows if r["folder"] == "sport"])
    return {
        "actor precision": _ratio(t["tp"], t["tp"] + t["fp"]),
        "actor recall": _ratio(t["tp"], t["tp"] + t["fn"]),
        "sport actor recall": _ratio(sport["tp"], sport["tp"] + sport["fn"]),
        "quote recall": _ratio(t["q_found"], t["q_gold"]),
        "speaker attribution": _ratio(t["sp_ok"], t["sp_n"]),
        "figure labels": _ratio(t["fig_ok"], t["fig_n"]),
        "as_of year": _ratio(t["date_ok"], t["date_n"]),
    }


@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_dev_gold_measure_reaches_its_target(measures: dict[str, float], measure: str) -> None:
    assert measures[measure] >= TARGETS[measure], f"{measure}: {measures[measure]:.3f}"
