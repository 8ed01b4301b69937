"""The scaffolder on all 2,225 BBC articles of ../shared/corpus/bbc-2005.

The corpus is read where it lies (beside the clone, never copied into the project). When it is
missing these tests fail with a message saying where it was looked for: they never skip.
"""

from __future__ import annotations

import datetime
import pathlib
import time
from dataclasses import dataclass

import conftest
import pytest

from generator.scaffold import build_draft, scaffold_text, slug_for
from generator.scaffold.emit import render
from generator.scaffold.model import Draft
from generator.scaffold.verify import problems

CORPUS = conftest.CORPUS
ARTICLES = 2225
TODAY = datetime.date(2026, 1, 1)
COVERAGE_TARGET = 0.90
TIME_BUDGET_S = 30.0

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


@dataclass(frozen=True)
class Scaffolded:
    """One corpus article with its draft and rendered YAML."""

    path: pathlib.Path
    text: str
    draft: Draft
    yaml: str


def _corpus_files() -> list[pathlib.Path]:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}: check out ../shared beside the repository")
    files = sorted(CORPUS.glob("*/*.txt"))
    assert len(files) == ARTICLES, f"expected {ARTICLES} articles in {CORPUS}, found {len(files)}"
    return files


@dataclass(frozen=True)
class Corpus:
    """Every article scaffolded, and the CPU seconds that took."""

    items: list[Scaffolded]
    seconds: float


@pytest.fixture(scope="module")
def scaffolded() -> Corpus:
    texts = [(path, path.read_text(encoding="utf-8")) for path in _corpus_files()]
    start = time.process_time()  # CPU time of one core: a busy machine does not skew it
    items = []
    for path, text in texts:
        seed_rel = f"seeds/{path.parent.name}/{path.name}"
        draft = build_draft(text, seed_rel=seed_rel, today=TODAY)
        items.append(Scaffolded(path, text, draft, render(draft)))
    return Corpus(items, time.process_time() - start)


@pytest.fixture(scope="module")
def corpus(scaffolded: Corpus) -> list[Scaffolded]:
    return scaffolded.items


def test_every_draft_loads_and_every_quote_anchors_exactly_once(
    corpus: list[Scaffolded],
) -> None:
    failures = {str(item.path): problems(item.yaml, item.text) for item in corpus}
    failures = {k: v for k, v in failures.items() if v}
    assert failures == {}


def test_at_least_90_percent_hold_an_actor_and_a_quote(corpus: list[Scaffolded]) -> None:
    both = sum(1 for item in corpus if item.draft.actors and item.draft.quotes)
    share = both / len(corpus)
    assert share >= COVERAGE_TARGET, f"{both}/{len(corpus)} = {share:.3f}"


def test_quote_speakers_are_mostly_known(corpus: list[Scaffolded]) -> None:
    quotes = [q for item in corpus for q in item.draft.quotes]
    with_speaker = sum(1 for q in quotes if q.speaker)
    assert with_speaker / len(quotes) >= 0.5


def test_slugs_are_unique_across_the_corpus(corpus: list[Scaffolded]) -> None:
    slugs = [slug_for(item.path) for item in corpus]
    assert len(set(slugs)) == len(slugs)
    assert slugs[0] == "business-001"


def test_whole_corpus_within_budget(scaffolded: Corpus) -> None:
    assert scaffolded.seconds < TIME_BUDGET_S, f"{scaffolded.seconds:.1f}s for {ARTICLES}"


def test_scaffold_text_is_deterministic(corpus: list[Scaffolded]) -> None:
    for item in corpus[::25]:
        seed_rel = f"seeds/{item.path.parent.name}/{item.path.name}"
        assert scaffold_text(item.text, seed_rel=seed_rel, today=TODAY) == item.yaml
        assert scaffold_text(item.text, seed_rel=seed_rel, today=TODAY) == item.yaml
