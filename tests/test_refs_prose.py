"""References read as prose: ``[words](@id)`` and ``[@id]`` parsing, short names, dates."""

from __future__ import annotations

import pytest

from generator.core.labels import first_sentence, human_date, iso_date, item_label
from generator.core.refs import references
from generator.render.markdown import to_html, to_inline_html, to_plain


def resolve(ref: str) -> tuple[str, str] | None:
    names = {"ishiba": "Shigeru Ishiba", "g20": "G20 summit in Brazil", "x/y": "Other"}
    return (f"#item-{ref}", names[ref]) if ref in names else None


def test_words_are_the_link_and_nothing_is_added() -> None:
    html = to_inline_html("Prime Minister [Ishiba](@ishiba) flew to [the *G20*](@g20).", resolve)
    assert html == (
        'Prime Minister <a href="#item-ishiba" class="ref">Ishiba</a>'
        ' flew to <a href="#item-g20" class="ref">the <em>G20</em></a>.'
    )
    assert to_plain("Prime Minister [Ishiba](@ishiba) flew.", resolve) == (
        "Prime Minister Ishiba flew."
    )


def test_short_form_reads_as_the_name_once() -> None:
    html = to_inline_html("Written by [@ishiba], then [@x/y].", resolve)
    assert html.count("Shigeru Ishiba") == 1 and "title=" not in html  # no tooltip copy
    assert to_plain("Written by [@ishiba].", resolve) == "Written by Shigeru Ishiba."


def test_unresolved_references_keep_their_words_and_are_marked() -> None:
    html = to_inline_html("[some words](@ghost) and [@ghost]", resolve)
    assert '<span class="ref-missing">some words</span>' in html
    assert '<span class="ref-missing">[@ghost]</span>' in html


@pytest.mark.parametrize(
    "text",
    [
        "[plain](https://example.org/)",
        "[](@ishiba)",  # no words: not a reference
        "[words](@bad id)",
        "`[code](@ishiba)`",
    ],
)
def test_what_is_not_a_reference(text: str) -> None:
    assert 'class="ref"' not in to_html(text, resolve)


def test_references_found_in_order_with_their_text() -> None:
    text = "A [@one], [two words](@two) and [@slug/three]; [x](http://a/) is no reference."
    assert [(ref, written) for ref, written, _ in references(text)] == [
        ("one", "[@one]"),
        ("two", "](@two)"),
        ("slug/three", "[@slug/three]"),
    ]


def test_stable_labels() -> None:
    assert [item_label(s, 0) for s in ("judgments", "risks", "actors", "timeline")] == [
        "J1",
        "R1",
        "A1",
        "E1",
    ]
    assert item_label("figures", 2) == "F3" and item_label("quotes", 9) == "Q10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Japan-U.S. alliance is formalized. More.", "The Japan-U.S. alliance is formalized"),
        ("Formalized in 1960. Then more.", "Formalized in 1960"),
        ("Mr. Abe meets Dr. Trump. Later.", "Mr. Abe meets Dr. Trump"),
        ("One sentence only", "One sentence only"),
    ],
)
def test_first_sentence_is_not_cut_at_an_abbreviation(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_long_first_sentence_is_cut_at_a_word() -> None:
    cut = first_sentence("word " * 40)
    assert cut.endswith("…") and len(cut) <= 91 and "wor…" not in cut


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-18/2024-11-19", "18\u201319 November 2024"),
        ("2024-10-30/2024-11-02", "30 October \u2013 2 November 2024"),
        ("2024-12/2025-01", "December 2024 \u2013 January 2025"),
        ("2024-11-07", "7 November 2024"),
        ("2024-10", "October 2024"),
        ("1960", "1960"),
        ("not a date", "not a date"),
    ],
)
def test_human_dates(value: str, expected: str) -> None:
    assert human_date(value) == expected


def test_iso_date_for_time_elements() -> None:
    assert iso_date("2024-11-18/2024-11-19") == "2024-11-18"
    assert iso_date("2024-13") is None
