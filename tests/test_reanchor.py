"""Re-anchoring after an article is edited: right or refused, never a wrong passage.

A quick sample of the perturbation suite of ``bench/perturb.py`` (the fuller run is
``python bench/perturb.py``), and the failures it was built to catch, one by one.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from conftest import Project

from generator.build import check_book
from generator.core.anchor import Article, Hint, anchor_quote
from generator.core.anchor_lock import record_book
from generator.core.anchor_meaning import meaning_changes
from generator.core.config import make_config
from generator.core.fix import fix_brief
from generator.core.text import normalise

PERTURB = Path(__file__).resolve().parent.parent / "bench" / "perturb.py"


@pytest.fixture(scope="module")
def perturb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("perturb", PERTURB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["perturb"] = module
    spec.loader.exec_module(module)
    return module


def test_quick_sample_no_wrong_anchor_in_any_kind(perturb: ModuleType, corpus: Path) -> None:
    cases = list(perturb.cases(perturb.corpus_sample(14, corpus), 2, 2005))
    started = time.perf_counter()
    table, wrong = perturb.run(perturb.new_anchorer, cases)
    assert time.perf_counter() - started < 10
    assert set(table) == set(perturb.KINDS)
    assert all(table[kind].total() >= 10 for kind in perturb.KINDS), table
    shown = [(c.kind, c.quote, o.status, c.text[o.start : o.end]) for c, o in wrong]
    assert all(table[kind]["wrong"] == 0 for kind in table), shown
    for kind in ("deleted", "deleted-unrecorded"):
        assert table[kind]["refused"] == table[kind].total()
    decided = ("deleted", "deleted-unrecorded", "meaning", "corrected-unrecorded")
    placed = [table[kind] for kind in perturb.KINDS if kind not in decided]
    right, total = sum(c["right"] for c in placed), sum(c.total() for c in placed)
    assert right >= 0.99 * total, table
    assert table["meaning"]["right"] >= 0.8 * table["meaning"].total(), table


ARTICLE = """Festival news

Redford wants the festival to stay independent, organisers said on Monday.

Critics say it has grown too big. "I agree with Frederick Forsyth," said one, absolutely agree.

In 2004 the region had an HIV prevalence of 10-19%, officials said.
"""


def article(text: str = ARTICLE) -> Article:
    return Article("a", "a.txt", text)


def test_deleted_sentence_does_not_reanchor_to_a_look_alike() -> None:
    before = "Robert Redford wishes the festival to grow, he said. " + ARTICLE
    start = before.index("Redford wishes")
    hint = Hint(start, before[start - 32 : start], before[start + 30 : start + 62])
    found = anchor_quote(article(), "Redford wishes the festival to", hint=hint)
    assert found.status == "orphan"


def test_short_quote_has_a_tight_budget_without_context() -> None:
    assert anchor_quote(article(), "Redford wishes the festival to").status == "orphan"


def test_approximate_match_snaps_to_whole_words() -> None:
    found = anchor_quote(article(), "I agree with Frederik Forsyth,")
    assert found.status == "changed"  # a name differs
    assert found.matched == "I agree with Frederick Forsyth,"


def test_number_changed_is_an_error_not_a_match() -> None:
    found = anchor_quote(article(), "the region had an HIV prevalence of 24%")
    assert found.status in ("changed", "orphan")
    assert not found.found
    found = anchor_quote(article(), "the region had an HIV prevalence of 10-18%")
    assert found.status == "changed" and not found.found
    assert found.changes == ("a number differs (quote: 18, article: 19)",)


@pytest.mark.parametrize(
    ("quote", "passage", "expected"),
    [
        ("prices rose by 24%", "prices rose by 10%", "a number differs"),
        ("prices rose by twelve", "prices rose by eleven", "a number differs"),
        ("the plan will work", "the plan will not work", "a negation is added"),
        ("he didn't agree", "he did agree", "a negation is dropped"),
        ("said Mr Brown", "said Mr Browne", "a name differs"),
        ("the plan will work", "the plan shall work", ""),
        ("The plan", "the plan", ""),
    ],
)
def test_meaning_changes(quote: str, passage: str, expected: str) -> None:
    changes = meaning_changes(quote, passage)
    assert changes[0].startswith(expected) if expected else changes == (), changes


def test_verbatim_copy_does_not_beat_the_corrected_original() -> None:
    original = (
        "First paragraph here.\n\nThe minister said the plan was a success in every way, "
        "aides said.\n"
    )
    start = original.index("the plan")
    quote = "the plan was a success in every way"
    hint = Hint(start, original[start - 32 : start], original[start + len(quote) :][:32])
    revised = (
        f'"{quote}"\n\nFirst paragraph here.\n\n'
        "The minister said the plan was a sucess in every way, aides said.\n"
    )
    found = anchor_quote(article(revised), quote, hint=hint)
    assert found.status == "fuzzy"
    assert found.matched == "the plan was a sucess in every way"


def test_near_tie_is_ambiguous_with_both_places() -> None:
    text = "Alpha said the talks would resume soon. Beta said the talks would resume soon.\n"
    found = anchor_quote(article(text), "the talks would resume soon")
    assert found.status == "ambiguous"
    assert [text[s:e] for s, e in found.candidates] == ["the talks would resume soon"] * 2
    close = "Alpha said the talks would resume soon. Beta said the talks could resume soon.\n"
    found = anchor_quote(article(close), "the talks should resume soon")
    assert found.status == "ambiguous" and len(found.candidates) == 2


def test_one_exact_place_beats_a_one_edit_look_alike_without_context() -> None:
    text = "Alpha said the talks would resume soon. Beta said the talks could resume soon.\n"
    found = anchor_quote(article(text), "the talks would resume soon")
    assert found.status == "exact" and found.start == text.index("the talks would")


def test_position_hint_breaks_an_exact_tie_only_where_it_was_found() -> None:
    text = "Alpha said the talks would resume soon. Beta said the talks would resume soon.\n"
    second = text.rindex("the talks")
    found = anchor_quote(article(text), "the talks would resume soon", hint=Hint(second))
    assert found.status == "exact" and found.start == second
    moved = anchor_quote(article(text), "the talks would resume soon", hint=Hint(second + 3))
    assert moved.status == "ambiguous"


@pytest.mark.parametrize("quote", ["a", "e", "the", "e " * 300, "government " * 40])
def test_cost_is_bounded_on_a_two_megabyte_article(corpus: Path, quote: str) -> None:
    texts = [p.read_text("utf-8") for p in sorted(corpus.glob("*/*.txt"))[:1200]]
    big = article("\n\n".join(texts)[:2_000_000])
    assert len(big.text) == 2_000_000
    big.normal  # noqa: B018  (prepared once, as for every quote of a brief)
    started = time.perf_counter()
    found = anchor_quote(big, quote, "said", "that")
    assert time.perf_counter() - started < 1.0
    assert not found.found


FIX_KINDS = ("deleted", "corrected", "copied", "near-duplicate", "meaning", "rewrap", "curly")


def test_fix_never_rewrites_a_quote_to_a_wrong_passage(
    perturb: ModuleType, corpus: Path, tmp_path: Path
) -> None:
    """On every kind of edit: a rewritten quote is the true passage's text; the others, every
    comment and every untouched line stay byte for byte."""
    cases = list(perturb.cases(perturb.corpus_sample(6, corpus), 1, 7, FIX_KINDS))
    assert len(cases) >= 30
    rewritten = 0
    for n, case in enumerate(cases):
        root = tmp_path / f"p{n}"
        (root / "seeds").mkdir(parents=True)
        (root / "briefs").mkdir()
        seed = root / "seeds" / "a.txt"
        seed.write_text(case.original, encoding="utf-8")
        brief = root / "briefs" / "a.yml"
        brief.write_text(FIX_BRIEF.format(quote=json.dumps(case.quote)), encoding="utf-8")
        config = make_config(root, {})
        record_book(check_book(config).briefs)
        seed.write_text(case.text, encoding="utf-8")
        result = fix_brief(check_book(config).briefs[0])
        after = brief.read_text(encoding="utf-8")
        before = FIX_BRIEF.format(quote=json.dumps(case.quote))
        if not result.fixes:
            assert after == before, case
            continue
        rewritten += 1
        assert case.truth is not None and not case.changed, (case.kind, case.quote, after)
        (fix,) = result.fixes
        assert normalise(fix.new) == normalise(case.text[case.truth[0] : case.truth[1]])
        assert after.splitlines()[:-1] == before.splitlines()[:-1]
    assert rewritten >= 5


FIX_BRIEF = """\
# a brief with comments that must survive
title: T
summary: S.
as_of: 2005-01-01
sources:
  - id: a
    file: seeds/a.txt  # the article
figures:
  - value: "1"
    evidence: {quote}
"""


def test_a_quote_found_too_often_is_ambiguous_without_scoring_every_place(
    project: Project,
) -> None:
    project.write_seed("many.txt", "Talks.\n\n" + "The talks went on. " * 500 + "\n")
    project.write_brief(
        "many",
        """\
        title: T
        summary: S.
        as_of: 2024-11-08
        sources:
          - id: a
            file: seeds/many.txt
        actors:
          - id: alpha
            name: Alpha
            evidence: {quote: talks went on, prefix: The}
        """,
    )
    (problem,) = project.check().problems
    assert problem.code == "quote-ambiguous"
    assert "quote found more than 100 times in source 'a'" in problem.message


def test_a_negation_just_outside_an_approximate_passage_is_a_change() -> None:
    before = "Officials said the views were presented as policy, which they were. Then more.\n"
    start = before.index("the views")
    quote = "the views were presented as policy, which they were."
    hint = Hint(start, before[start - 32 : start], before[start + len(quote) :][:32])
    after = before.replace("which they were.", "which they were not not.")
    found = anchor_quote(article(after), quote, hint=hint)
    assert found.status == "changed" and not found.found
    assert any("not" in change for change in found.changes), found.changes
