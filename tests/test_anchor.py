"""Stage 3: evidence quotes anchored in real article text (the sample and the BBC corpus)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import SAMPLE_SEED, Project

from generator.core.anchor import Anchor, Article, anchor_quote

SAMPLE_DROP = ("Shigeru Ishiba", "Related Posts")
CORPUS_ARTICLES = ("politics/001.txt", "tech/001.txt", "business/001.txt")


@pytest.fixture(scope="module")
def sample() -> Article:
    return Article(
        "article",
        "seeds/ishiba-trump-meeting.txt",
        SAMPLE_SEED.read_text(encoding="utf-8"),
        SAMPLE_DROP,
    )


@pytest.fixture(scope="module")
def politics(corpus: Path) -> Article:
    return Article("bbc", "politics/001.txt", (corpus / "politics/001.txt").read_text("utf-8"))


@pytest.fixture(scope="module")
def tech(corpus: Path) -> Article:
    return Article("bbc", "tech/001.txt", (corpus / "tech/001.txt").read_text("utf-8"))


def assert_span(article: Article, anchor: Anchor) -> None:
    """The anchor's offsets are code points of the original text and give ``matched``."""
    assert anchor.found
    assert 0 <= anchor.start < anchor.end <= len(article.text)
    assert article.text[anchor.start : anchor.end] == anchor.matched


# ------------------------------------------------------------------------------- exact


def test_exact_in_sample_offsets_are_code_points(sample: Article) -> None:
    quote = "Japan currently hosts 54,000 U.S. military personnel"
    anchor = anchor_quote(sample, quote)
    assert anchor.status == "exact"
    assert anchor.matched == quote
    assert anchor.start == sample.text.index(quote)
    assert_span(sample, anchor)
    # the text before it holds curly quotes: UTF-8 byte offsets would differ
    assert len(sample.text[: anchor.start].encode("utf-8")) > anchor.start


def test_offsets_after_astral_characters_are_code_points() -> None:
    text = "石破茂 😀 said “we can talk frankly” on Thursday.\n"
    article = Article("a", "a.txt", text)
    anchor = anchor_quote(article, "we can talk frankly")
    assert anchor.status == "exact"
    assert anchor.start == text.index("we can talk frankly") == 12
    assert_span(article, anchor)


@pytest.mark.parametrize("name", CORPUS_ARTICLES)
def test_every_sentence_of_a_corpus_article_anchors_in_place(corpus: Path, name: str) -> None:
    text = (corpus / name).read_text(encoding="utf-8")
    article = Article("bbc", name, text)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]
    assert len(sentences) > 8
    for sentence in sentences:
        sentence = sentence.strip()
        anchor = anchor_quote(article, sentence)
        if text.count(sentence) == 1:
            assert anchor.status == "exact", sentence
            assert anchor.start == text.index(sentence)
            assert_span(article, anchor)
        else:
            assert anchor.status == "ambiguous", sentence


# -------------------------------------------------------------------------- normalised


def test_straight_apostrophe_matches_curly(sample: Article) -> None:
    anchor = anchor_quote(sample, "Trump's office has yet to comment")
    assert anchor.status == "normalised"
    assert anchor.matched == "Trump\u2019s office has yet to comment"
    assert_span(sample, anchor)


def test_curly_double_quotes_match_straight(politics: Article) -> None:
    anchor = anchor_quote(politics, "Ms Hewitt said: “We have already doubled the length")
    assert anchor.status == "normalised"
    assert anchor.matched == 'Ms Hewitt said: "We have already doubled the length'
    assert_span(politics, anchor)


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2212", "\u2010"])
def test_dash_variants_match(tech: Article, dash: str) -> None:
    quote = f"more open elections {dash} the German Embassy"
    anchor = anchor_quote(tech, quote)
    assert anchor.status == "normalised"
    assert anchor.matched == "more open elections - the German Embassy"
    assert_span(tech, anchor)


def test_dash_in_sample_compound(sample: Article) -> None:
    anchor = anchor_quote(sample, "The Japan\u2013U.S. alliance, formalized in 1960")
    assert anchor.status == "normalised"
    assert anchor.matched == "The Japan-U.S. alliance, formalized in 1960"


def test_rewrapped_whitespace_matches(politics: Article) -> None:
    quote = "Further details of the\n   government's plans  will be\toutlined on Monday."
    anchor = anchor_quote(politics, quote)
    assert anchor.status == "normalised"
    assert anchor.matched == "Further details of the government's plans will be outlined on Monday."
    assert_span(politics, anchor)


def test_quote_across_a_line_break_of_the_article() -> None:
    text = "First paragraph ends here.\n\nSecond paragraph starts here and goes on.\n"
    article = Article("a", "a.txt", text)
    anchor = anchor_quote(article, "ends here. Second paragraph")
    assert anchor.status == "normalised"
    assert anchor.matched == "ends here.\n\nSecond paragraph"
    assert_span(article, anchor)


def test_nfd_quote_matches_nfc_article() -> None:
    text = "Foreign Minister Ivana Vuković said on Tuesday that talks would resume.\n"
    article = Article("a", "a.txt", text)
    quote = unicodedata.normalize("NFD", "Ivana Vuković said on Tuesday")
    assert quote != "Ivana Vuković said on Tuesday"
    anchor = anchor_quote(article, quote)
    assert anchor.status == "normalised"
    assert anchor.matched == "Ivana Vuković said on Tuesday"
    assert_span(article, anchor)


def test_nfc_quote_matches_nfd_article_with_original_offsets() -> None:
    said = "Café owners in Zürich — “we\u2019re closed” — said Müller.\n"
    text = unicodedata.normalize("NFD", said)
    article = Article("a", "a.txt", text)
    anchor = anchor_quote(article, 'Zürich - "we\'re closed" - said Müller')
    assert anchor.status == "normalised"
    assert_span(article, anchor)
    assert anchor.matched == unicodedata.normalize(
        "NFD", "Zürich — “we\u2019re closed” — said Müller"
    )


# ------------------------------------------------------------------------------- fuzzy


def test_changed_word_is_fuzzy_with_the_article_text(sample: Article) -> None:
    quote = "Japan currently hosts 54,000 U.S. army personnel"
    anchor = anchor_quote(sample, quote, prefix="security partnership.")
    assert anchor.status == "fuzzy"
    assert anchor.distance > 0
    assert anchor.matched == "Japan currently hosts 54,000 U.S. military personnel"
    assert_span(sample, anchor)


def test_another_word_without_context_is_not_a_match(sample: Article) -> None:
    """Without context to confirm the place, a word swapped for another is another phrase."""
    anchor = anchor_quote(sample, "Japan currently hosts 54,000 U.S. army personnel")
    assert anchor.status == "orphan"
    assert anchor.closest == "Japan currently hosts 54,000 U.S. military personnel"


def test_typo_without_context_is_fuzzy(sample: Article) -> None:
    anchor = anchor_quote(sample, "Japan curently hosts 54,000 U.S. militray personnel")
    assert anchor.status == "fuzzy"
    assert anchor.matched == "Japan currently hosts 54,000 U.S. military personnel"


def test_fuzzy_in_corpus(politics: Article) -> None:
    anchor = anchor_quote(
        politics,
        "Further details of the government's plans will be published on Monday.",
        suffix="New mothers",
    )
    assert anchor.status == "fuzzy"
    assert anchor.matched == "Further details of the government's plans will be outlined on Monday."


def test_fuzzy_quote_is_reported_as_a_warning_with_the_matched_text(project: Project) -> None:
    project.write_brief(
        "fuzzy",
        """\
        title: T
        summary: S.
        as_of: 2024-11-08
        sources:
          - id: article
            file: seeds/ishiba-trump-meeting.txt
        figures:
          - value: "54,000"
            evidence:
              quote: "Japan currently hosts 54,000 U.S. army personnel"
              prefix: security partnership.
        """,
    )
    problems = project.check().problems
    assert [p.format() for p in problems] == [
        "briefs/fuzzy.yml:10:7: warning: quote matched approximately (6 edits) in source "
        "'article' (seeds/ishiba-trump-meeting.txt); hint: the article says: \"Japan currently "
        'hosts 54,000 U.S. military personnel" (briefing fix rewrites it)'
    ]


# --------------------------------------------------------------------------- ambiguous


def test_phrase_found_twice_is_ambiguous(politics: Article) -> None:
    anchor = anchor_quote(politics, "Ms Hewitt")
    assert anchor.status == "ambiguous"
    assert not anchor.found
    assert [politics.text[s:e] for s, e in anchor.candidates] == ["Ms Hewitt"] * 3


@pytest.mark.parametrize(
    ("prefix", "suffix", "follows"),
    [
        ("by 2007, ", "", " told GMTV"),
        ("", " said: ", ' said: "We have'),
        ("", " also stressed", " also stressed the plans"),
        ("nine months by 2007,", "", " told GMTV"),  # prefix without its trailing space
    ],
)
def test_prefix_or_suffix_disambiguates(
    politics: Article, prefix: str, suffix: str, follows: str
) -> None:
    anchor = anchor_quote(politics, "Ms Hewitt", prefix, suffix)
    assert anchor.status == "exact"
    assert_span(politics, anchor)
    assert politics.text[anchor.end :].startswith(follows)


def test_suffix_picks_one_of_three_in_tech(tech: Article) -> None:
    assert anchor_quote(tech, "the ink is").status == "ambiguous"
    anchor = anchor_quote(tech, "the ink is", suffix=" harmful, radioactive")
    assert anchor.status == "exact"
    assert tech.text[anchor.end :].startswith(" harmful")


def test_ambiguous_quote_is_an_error_naming_the_lines(project: Project, corpus: Path) -> None:
    project.write_seed("bbc.txt", (corpus / "politics/001.txt").read_text("utf-8"))
    project.write_brief(
        "ambiguous",
        """\
        title: T
        summary: S.
        as_of: 2005-02-01
        sources:
          - id: bbc
            file: seeds/bbc.txt
        actors:
          - id: hewitt
            name: Patricia Hewitt
            evidence: Ms Hewitt
          - id: hewitt-2
            name: Patricia Hewitt
            evidence: {quote: Ms Hewitt, prefix: "by 2007, "}
        """,
    )
    (problem,) = project.check().problems
    assert problem.format() == (
        "briefs/ambiguous.yml:10:15: error: quote found 3 times in source 'bbc' (seeds/bbc.txt) "
        '(line 5, line 7, line 11): "Ms Hewitt"; hint: add a prefix or suffix (the words just '
        "before or after) to say which"
    )


# ------------------------------------------------------------------------------ orphan


def test_unrelated_quote_is_an_orphan(politics: Article) -> None:
    anchor = anchor_quote(politics, "The Prime Minister announced a new tax on bicycles")
    assert anchor.status == "orphan"
    assert not anchor.found and anchor.start == -1
    assert anchor.closest == ""


def test_orphan_offers_the_closest_passage(politics: Article) -> None:
    anchor = anchor_quote(
        politics, "More details about the government's proposals will be set out on Tuesday."
    )
    assert anchor.status == "orphan"
    assert "government's plans will be outlined on Monday" in anchor.closest


def test_orphan_is_an_error_with_the_closest_passage_as_hint(project: Project) -> None:
    project.write_brief(
        "orphan",
        """\
        title: T
        summary: S.
        as_of: 2024-11-08
        sources:
          - id: article
            file: seeds/ishiba-trump-meeting.txt
        judgments:
          - text: x
            likelihood: likely
            confidence: low
            evidence:
              - "Japan has agreed to pay double for 54,000 soldiers"
              - "Tokyo wants to purchase Greenland"
        """,
    )
    problems = project.check().problems
    assert [(p.line, p.code, p.severity.value) for p in problems] == [
        (12, "quote-not-found", "error"),
        (13, "quote-not-found", "error"),
    ]
    assert problems[0].message == (
        "quote not found in source 'article' (seeds/ishiba-trump-meeting.txt): "
        '"Japan has agreed to pay double for 54,000 soldiers"'
    )
    assert problems[1].hint == "copy the passage from the article as written"


# ------------------------------------------------------------------------ dropped lines


def test_dropped_line_is_never_matched(sample: Article) -> None:
    assert anchor_quote(sample, "Related Posts").status == "orphan"
    fuzzy = anchor_quote(sample, "Related Post")
    assert fuzzy.status == "orphan" and "Related" not in fuzzy.closest
    # "Shigeru Ishiba" is also a dropped caption line: only the sentence is left
    anchor = anchor_quote(sample, "Shigeru Ishiba")
    assert anchor.status == "exact"
    assert sample.text[anchor.start - 24 : anchor.start] == "Japanese Prime Minister "


def test_without_drop_the_caption_competes(sample: Article) -> None:
    undropped = Article("article", sample.path, sample.text)
    assert anchor_quote(undropped, "Shigeru Ishiba").status == "ambiguous"
    assert anchor_quote(undropped, "Related Posts").status == "exact"


def test_masking_keeps_offsets_and_records_missing_drops() -> None:
    text = "Headline\nCaption line\nBody text here.\nRelated\n"
    article = Article("a", "a.txt", text, ("Caption line", "Not in the file"))
    assert len(article.masked) == len(text)
    assert "Caption" not in article.masked
    assert article.missing_drops == ["Not in the file"]
    anchor = anchor_quote(article, "Body text here.")
    assert anchor.start == text.index("Body text")
