"""The scaffolder behind `briefing new`: unit tests and the sample article."""

from __future__ import annotations

import datetime
import io
import pathlib
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.scaffold import build_draft, scaffold_text, slug_for
from generator.scaffold.emit import dq
from generator.scaffold.verify import problems

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "ishiba-trump-meeting.txt"
TODAY = datetime.date(2024, 11, 8)
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Sample = tuple[str, str, Any]


def load(text: str) -> Any:
    return YAML(typ="rt").load(io.StringIO(text))


def draft_yaml(text: str, seed_rel: str = "seeds/test.txt") -> str:
    out = scaffold_text(text, seed_rel=seed_rel, today=TODAY)
    assert problems(out, text) == []
    return out


# --- slug_for -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("seeds/ishiba-trump-meeting.txt", "ishiba-trump-meeting"),
        ("seeds/business/001.txt", "business-001"),
        ("/abs/corpus/tech/401.txt", "tech-401"),
        ("seeds/My Article (v2).TXT", "my-article-v2"),
        ("seeds/Élysée_talks.md", "elysee-talks"),
        ("001.txt", "article-001"),
        ("seeds/___.txt", "seeds"),
        ("seeds/../..txt", "article"),
    ],
)
def test_slug_for(path: str, slug: str) -> None:
    assert slug_for(pathlib.Path(path)) == slug


@given(st.text(min_size=0, max_size=30), st.text(min_size=0, max_size=10))
def test_slug_for_is_never_empty_and_has_no_path_characters(stem: str, folder: str) -> None:
    name = stem.replace("/", "").replace("\x00", "") or "x"
    folder = folder.replace("/", "").replace("\x00", "")
    slug = slug_for(pathlib.Path(folder or "seeds", name + ".txt"))
    assert SLUG_RE.match(slug), slug


# --- YAML quoting ------------------------------------------------------------------------


@given(st.text())
def test_dq_round_trips_any_string(value: str) -> None:
    assert load(f"key: {dq(value)}\n")["key"] == value


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "null",
        "~",
        "- item",
        "# not a comment",
        "a: b",
        "'single'",
        '"double"',
        "back\\slash",
        "tab\there",
        "\u2028",
        "\ufeff",
        "[@id]",
        "*alias",
        "&anchor",
        "!tag",
        "%YAML",
        "@x",
        "`x`",
    ],
)
def test_dq_round_trips_yaml_specials(value: str) -> None:
    assert load(f"key: {dq(value)}\n")["key"] == value


# --- the sample article ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Sample:
    text = SAMPLE.read_text(encoding="utf-8")
    out = scaffold_text(text, seed_rel="seeds/ishiba-trump-meeting.txt", today=TODAY)
    return text, out, load(out)


def test_sample_is_sound(sample: Sample) -> None:
    text, out, _ = sample
    assert problems(out, text) == []


def test_sample_layout(sample: Sample) -> None:
    text, out, data = sample
    lines = out.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/brief.schema.json"
    assert lines[1].startswith("#")
    assert list(data)[:5] == ["title", "summary", "as_of", "tlp", "sources"]
    assert list(data)[5:] == ["actors", "timeline", "figures", "quotes"]
    assert data["title"] == text.splitlines()[0]
    assert data["summary"].startswith("DRAFT:")
    assert data["as_of"] == TODAY
    assert data["tlp"] == "CLEAR"
    for key in ("# judgments:", "# risks:", "# background:", "#     likelihood:"):
        assert any(line.startswith(key) for line in lines), key
    assert "[]" not in out


def test_sample_source_drops_caption_and_related_posts(
    sample: Sample,
) -> None:
    _, _, data = sample
    assert data["sources"] == [
        {
            "id": "article",
            "file": "seeds/ishiba-trump-meeting.txt",
            "title": data["title"],
            "reliability": "F",
            "drop": ["Shigeru Ishiba", "Related Posts"],
        }
    ]


def test_sample_actors(sample: Sample) -> None:
    _, _, data = sample
    actors = {a["id"]: a for a in data["actors"]}
    ishiba = actors["shigeru-ishiba"]
    assert ishiba["name"] == "Shigeru Ishiba"
    assert ishiba["kind"] == "person"
    assert ishiba["role"] == "Prime Minister"
    assert ishiba["country"] == "JP"
    assert "Ishiba" in ishiba["aliases"]
    assert "Shigeru Ishiba" in ishiba["evidence"]
    assert actors["donald-trump"]["role"] == "President-elect"
    assert actors["shinzo-abe"]["kind"] == "person"
    assert actors["japan"] == {
        "id": "japan",
        "name": "Japan",
        "kind": "state",
        "country": "JP",
        "evidence": actors["japan"]["evidence"],
    }
    assert actors["united-states"]["country"] == "US"


def test_sample_quotes_timeline_figures(sample: Sample) -> None:
    _, _, data = sample
    quotes = {q["text"]: q.get("speaker") for q in data["quotes"]}
    felt = next(t for t in quotes if t.startswith("I felt that he was very friendly."))
    assert quotes[felt] == "shigeru-ishiba"
    rather = next(t for t in quotes if t.startswith("Rather than focus on monetary amounts"))
    assert quotes[rather] == "shigeru-ishiba"
    assert quotes["free and open Indo-Pacific."] is None
    dates = {t["date"]: t for t in data["timeline"]}
    assert "November 7" in dates["2024-11-07"]["evidence"]
    assert dates["2024-11-18/2024-11-19"]["evidence"].startswith("scheduled for November 18-19")
    assert "2016" in dates and "2022" in dates
    figures = {f["value"]: f for f in data["figures"]}
    assert figures["54,000"]["label"] == "U.S. military personnel"


def test_sample_is_deterministic(sample: Sample) -> None:
    text, out, _ = sample
    again = scaffold_text(text, seed_rel="seeds/ishiba-trump-meeting.txt", today=TODAY)
    assert again == out


# --- rules on small texts ----------------------------------------------------------------

STRAW = """Straw warns Iran on nuclear deal

Foreign Secretary Jack Straw has warned Iran that talks on its nuclear programme are at risk.

"We want a negotiated solution, but time is running out," said Mr Straw in Brussels on Friday.

Mr Straw said: "The ball is in Tehran's court now and they know it."

"There is no military option on the table at all," he told the BBC.

The International Atomic Energy Agency (IAAEA) will meet on 24 November to review the case.
"""


def test_people_with_titles_aliases_and_speakers() -> None:
    data = load(draft_yaml(STRAW))
    actors = {a["id"]: a for a in data["actors"]}
    straw = actors["jack-straw"]
    assert straw["name"] == "Jack Straw"
    assert straw["role"] == "Foreign Secretary"
    assert "Mr Straw" in straw["aliases"]
    assert actors["iran"]["country"] == "IR"
    agency = actors["international-atomic-energy-agency"]
    assert agency["kind"] == "organization"
    assert agency["aliases"] == ["IAAEA"]
    speakers = {q["text"]: q.get("speaker") for q in data["quotes"]}
    assert speakers == {
        "We want a negotiated solution, but time is running out": "jack-straw",
        "The ball is in Tehran's court now and they know it.": "jack-straw",
        "There is no military option on the table at all": "jack-straw",
    }


def test_weekdays_are_not_dates_and_years_are_inferred_from_as_of() -> None:
    data = load(draft_yaml(STRAW))
    assert [t["date"] for t in data["timeline"]] == ["2024-11-24"]
    assert "# year inferred from as_of" in draft_yaml(STRAW)


def test_published_date_sets_as_of_and_the_inferred_year() -> None:
    text = (
        "Talks resume\n\nPublished: 8 January 2005\n\n"
        "The minister met union leaders on December 30 to discuss pay.\n"
    )
    data = load(draft_yaml(text))
    assert data["as_of"] == datetime.date(2005, 1, 8)
    assert [t["date"] for t in data["timeline"]] == ["2004-12-30"]


def test_figures_keep_the_number_as_written_with_a_noun_phrase_label() -> None:
    text = (
        "Budget\n\nThe firm made an annual operating profit of £1.2bn last year. "
        "Sales of frozen food rose 15% in the quarter.\n\n"
        "Some 3 million mobile phone users use the service, and 54,000 soldiers are based abroad.\n"
    )
    figures = {f["value"]: f for f in load(draft_yaml(text))["figures"]}
    assert set(figures) == {"£1.2bn", "15%", "3 million"}  # "soldiers" alone is no label
    assert figures["£1.2bn"]["label"] == "annual operating profit"
    assert figures["15%"]["label"] == "Sales of frozen food"
    assert figures["3 million"]["label"] == "mobile phone users"


def test_one_amount_is_one_figure_and_conversions_are_left_out() -> None:
    text = (
        "Debt\n\nThe public sector net debt reached £484bn in March, the office said.\n\n"
        "Ministers said pounds 484bn of public sector debt was manageable.\n\n"
        "The group agreed a final takeover price of $10bn (£5.3bn) for the chain.\n"
    )
    figures = load(draft_yaml(text))["figures"]
    assert [f["value"] for f in figures] == ["£484bn", "$10bn"]
    assert figures[0]["label"] == "public sector net debt"
    assert figures[1]["label"] == "final takeover price"


def test_days_of_dates_and_years_are_not_figures() -> None:
    text = "Match\n\nThe two clubs last met on 13 January 1999 before 40,000 home supporters.\n"
    assert "figures" not in load(draft_yaml(text))


def test_evidence_is_unique_when_sentences_repeat() -> None:
    para = "Chancellor Gordon Brown said the economy was strong."
    text = f"Brown on growth\n\n{para}\n\n{para} Mr Brown added that growth would continue.\n"
    data = load(draft_yaml(text))
    brown = next(a for a in data["actors"] if a["id"] == "gordon-brown")
    assert text.count(brown["evidence"]) == 1


def test_markdown_fields_never_hold_link_syntax() -> None:
    text = (
        "Odd [@x] title\n\nOn 3 March 2005 the [@club] board of Arsenal FC met [@x] fans.\n\n"
        "Arsenal FC sold 40,000 [@tickets] seats.\n"
    )
    out = draft_yaml(text)
    data = load(out)
    assert data["title"] == "Odd [@x] title"
    for item in data.get("timeline", []) + data.get("figures", []):
        assert "[@" not in item.get("event", "") + item.get("label", "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "Only a title",
        "Title\r\n\r\nBody with CRLF said Mr Smith, who met John Smith.\r\n",
        'Title\n\n"Unclosed quote runs to the end of the line\n\n"Closed," he said.\n',
        "Title\n\nTabs\there and control \x07 chars and \u2028 separators in the text.\n",
        "no: yes\n\n- not a list: {x} & *y # z 'q' \"dq\" \\ back\n",
        "Title\n\nDup line here.\n\nDup line here.\n\nDup line here.\n",
    ],
)
def test_odd_inputs_give_sound_yaml(text: str) -> None:
    out = draft_yaml(text)
    data = load(out)
    assert data["summary"].startswith("DRAFT:")
    assert isinstance(data["title"], str) and data["title"]


def test_build_draft_matches_the_text() -> None:
    draft = build_draft(STRAW, seed_rel="seeds/straw.txt", today=TODAY)
    assert draft.title == "Straw warns Iran on nuclear deal"
    assert draft.drop == []
    assert draft.dating.basis == ""  # nothing in it tells its date: today
