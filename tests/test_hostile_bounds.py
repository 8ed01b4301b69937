"""Issue 11, class "unbounded inputs": every costly dimension is bounded at the input.

Each former slow case (20,000 aliases, one-letter quotes, deeply nested emphasis,
60,000 emphasised words) is a located error from ``briefing check``, fast and in bounded
memory; the annotated article is linear in notes x pieces (2,000 notes on 190,000
paragraphs), and PDF runs of one style are one run.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hostile_payloads import located_errors, make_project, run_cli

from generator.build import check_book
from generator.core.anchor import Anchor, Article
from generator.core.bounds import MAX_ALIASES, MAX_NESTING, MAX_STYLED
from generator.core.evidence import Cited
from generator.render.annotate import Mention, Note, annotated_html
from generator.render.pdf_data import markdown_to_rich
from generator.site.project import read_config

ARTICLE = "Officials met on Monday to discuss trade and defense.\n\nThe talks were frank.\n"
#: Seconds and KiB a refused case may take (the whole CLI, Python start-up included).
SECONDS, PEAK_KB = 5.0, 1_000_000


def brief(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Bounds",
        "summary": "A brief past a bound.",
        "as_of": "2024-11-08",
        "tlp": "CLEAR",
        "sources": [{"id": "a", "file": "seeds/a.txt", "title": "A", "reliability": "B"}],
    }
    return data | extra


CASES = {
    "too-many-aliases": brief(
        actors=[
            {
                "id": "big",
                "name": "Big Actor",
                "aliases": [f"Name{i} Person{i}" for i in range(20_000)],
                "evidence": "Officials met on Monday",
            }
        ]
    ),
    "quote-too-short": brief(
        judgments=[
            {"text": "J.", "likelihood": "likely", "confidence": "low", "evidence": ["a"] * 1000}
        ]
    ),
    "markdown-too-deep": brief(background="*a " * 4000 + "x" + " a*" * 4000),
    "markdown-too-styled": brief(background=" ".join(f"*w{i}*" for i in range(60_000))),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_bound_is_a_fast_located_error(tmp_path: Path, code: str) -> None:
    root = make_project(tmp_path / "p", {"case": CASES[code]}, {"a.txt": ARTICLE})
    run = run_cli("--root", root, "check", "--format", "json")
    assert run.returncode == 1, run.lines
    assert f'"code": "{code}"' in run.stdout
    assert run.maxrss_kb < PEAK_KB, run.maxrss_kb
    text = run_cli("--root", root, "check")
    assert located_errors(text), text.lines
    started = time.process_time()  # CPU time: the machine is shared, wall time is not ours
    book = check_book(read_config(root))
    took = time.process_time() - started
    assert code in {p.code for p in book.errors}
    assert took < SECONDS, took


def test_bounds_leave_room_for_real_briefs(tmp_path: Path) -> None:
    ok = brief(
        background=("*a " * (MAX_NESTING - 2)) + "x" + (" a*" * (MAX_NESTING - 2)),
        summary=" ".join(f"*w{i}*" for i in range(MAX_STYLED)),
        actors=[
            {
                "id": "big",
                "name": "Big Actor",
                "aliases": [f"Alias {i}" for i in range(MAX_ALIASES)],
                "evidence": ["Officials met on Monday", "The talks were frank"],
            }
        ],
    )
    root = make_project(tmp_path / "p", {"case": ok}, {"a.txt": ARTICLE})
    run = run_cli("--root", root, "check", "--format", "json")
    assert '"code": "markdown-too' not in run.stdout and "too-many-aliases" not in run.stdout
    assert '"code": "quote-too-short"' not in run.stdout


def _note(n: int, start: int, end: int, text: str) -> Note:
    anchor = Anchor("exact", "a", start, end, text[start:end])
    return Note(
        n, Cited(("judgments", 0, "evidence", n), ("judgments", 0), text[start:end], anchor)
    )


def test_annotated_article_is_linear_in_notes_and_pieces() -> None:
    paragraphs = [f"q {i:x}." for i in range(190_000)]
    text = "\n\n".join(paragraphs) + "\n"
    article = Article("a", "seeds/a.txt", text)
    offsets, at = [], 0
    for p in paragraphs:
        offsets.append((at, at + len(p)))
        at += len(p) + 2
    notes = [_note(k + 1, *offsets[i], text) for k, i in enumerate(range(0, 190_000, 95))]
    mentions = [Mention(s, s + 1, "q", "#q") for s, _ in offsets[::7]]
    started = time.process_time()
    out = annotated_html(article, notes, mentions, lambda note: [("#j", "judgment")])
    took = time.process_time() - started
    assert len(notes) == 2_000
    assert out.count(' id="ev-') == 2_000
    assert out.count('class="mention"') == len(mentions)
    assert took < 5.0, took


def test_overlapping_notes_and_mentions_keep_their_marks() -> None:
    text = "Alpha beta gamma delta."
    article = Article("a", "seeds/a.txt", text)
    notes = [_note(1, 0, 16, text), _note(2, 6, 22, text), _note(3, 6, 10, text)]
    out = annotated_html(article, notes, [Mention(6, 10, "b", "#b")], lambda n: [])
    assert '<mark class="evidence" id="ev-2" data-notes="ev-1 ev-2 ev-3">' in out
    assert '<mark class="evidence ev-also" id="ev-3">' in out
    assert '<a class="mention" data-actor="b" href="#b">beta</a>' in out
    assert out.index("[3]") < out.index("[1]") < out.index("[2]")


def test_pdf_runs_of_one_style_are_one_run() -> None:
    runs = markdown_to_rich(" ".join(f"*w{i}*" for i in range(MAX_STYLED)))
    assert len(runs) == 1 and runs[0]["emph"]
    mixed = markdown_to_rich("*a* **b** *c*")
    assert [r["text"] for r in mixed] == ["a", " ", "b", " ", "c"]
