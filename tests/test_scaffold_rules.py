"""The drafter's rules on small made-up articles: dating, actors, speakers, sources."""

from __future__ import annotations

import datetime
import io
from typing import Any

from ruamel.yaml import YAML

from generator.scaffold import build_draft, scaffold_text
from generator.scaffold.verify import problems

TODAY = datetime.date(2026, 1, 1)


def draft(text: str) -> tuple[str, Any]:
    out = scaffold_text(text, seed_rel="seeds/test.txt", today=TODAY)
    assert problems(out, text) == []
    return out, YAML(typ="rt").load(io.StringIO(out))


def actor_names(data: Any) -> set[str]:
    return {a["name"] for a in data.get("actors") or []}


def speakers(data: Any) -> dict[str, str | None]:
    ids = {a["id"]: a["name"] for a in data.get("actors") or []}
    return {q["text"]: ids.get(q.get("speaker")) for q in data.get("quotes") or []}


# --- when the article is from ------------------------------------------------------------


def test_a_weekday_with_its_date_fixes_the_day_within_the_known_years() -> None:
    text = "Cup tie preview\n\nTuesday, 1 March\n\nThe two sides meet at the Vale ground tonight.\n"
    out, data = draft(text)
    assert data["as_of"] == datetime.date(2005, 3, 1)
    assert data["sources"][0]["published"] == datetime.date(2005, 3, 1)
    assert "fits only 2005" in out


def test_last_year_after_the_stated_year_moves_as_of_on() -> None:
    text = (
        "Jobs figures\n\nUnemployment fell in the last three months of 2004, and factories "
        "shed staff until the end of last year, the statistics office said.\n"
    )
    out, data = draft(text)
    assert data["as_of"].year == 2005
    assert "last year" in out.split("as_of:")[1].splitlines()[0]


def test_next_year_before_the_stated_year_moves_as_of_back() -> None:
    text = (
        "Spending plan\n\nThe cabinet will raise spending next year. Most of the money is "
        "earmarked for the first half of 2005, officials said.\n"
    )
    _, data = draft(text)
    assert data["as_of"].year == 2004


def test_a_landmark_event_dates_an_article_that_states_no_year() -> None:
    text = "Aid pledge\n\nThe charity doubled its appeal for victims of the tsunami on Friday.\n"
    out, data = draft(text)
    assert data["as_of"] == datetime.date(2004, 12, 26)
    assert "tsunami" in out.split("as_of:")[1].splitlines()[0]
    assert "published" not in data["sources"][0]  # no whole day is known


def test_nothing_dates_the_article_then_today_and_a_comment_says_so() -> None:
    text = "Quiet week\n\nThe council met on Tuesday and agreed nothing new.\n"
    out, data = draft(text)
    assert data["as_of"] == TODAY
    assert "the article tells no date or year" in out
    assert "# published: the article tells no date" in out


def test_publisher_and_url_are_taken_only_where_the_article_states_them() -> None:
    text = (
        "Harbour plan\n\nSource: Coastal Weekly\n\nhttps://news.example.org/harbour-plan\n\n"
        "The port authority approved a new quay for container ships.\n"
    )
    _, data = draft(text)
    assert data["sources"][0]["publisher"] == "Coastal Weekly"
    assert data["sources"][0]["url"] == "https://news.example.org/harbour-plan"
    _, plain = draft("Harbour plan\n\nThe port authority approved a new quay for ships.\n")
    assert "publisher" not in plain["sources"][0] and "url" not in plain["sources"][0]


# --- which actors ------------------------------------------------------------------------


def test_countries_named_only_as_places_are_not_actors() -> None:
    text = (
        "Prices\n\nInflation was 2.1% in Germany and 3.4% in Spain. Norway has refused to "
        "join the pact, and the talks were held in Portugal.\n"
    )
    names = actor_names(draft(text)[1])
    assert "Norway" in names
    assert not names & {"Germany", "Spain", "Portugal"}


def test_a_state_in_a_list_acts_as_the_list_does() -> None:
    text = "Relief\n\nAn alliance of Canada, Brazil and Kenya will co-ordinate the relief work.\n"
    assert {"Canada", "Brazil", "Kenya"} <= actor_names(draft(text)[1])


def test_the_outlet_relaying_a_quote_is_not_an_actor() -> None:
    text = (
        "Rail fares\n\nTransport minister Helen Marsh told the Evening Chronicle that fares "
        'would be frozen. "We have listened to passengers," she told BBC News.\n'
    )
    names = actor_names(draft(text)[1])
    assert "Helen Marsh" in names
    assert not names & {"Evening Chronicle", "BBC News", "BBC"}


def test_variant_names_are_one_actor_with_aliases() -> None:
    text = (
        "Treaty row\n\nThe Conservatives attacked the European Union treaty. Tory leaders said "
        "the EU was overreaching. Sir Menzies Campbell defended it. The Tories disagree, but "
        "Sir Menzies said the text was sound.\n"
    )
    actors = {a["name"]: a for a in draft(text)[1]["actors"]}
    assert {"Conservatives", "European Union", "Menzies Campbell"} <= set(actors)
    assert "Tories" in actors["Conservatives"]["aliases"]
    assert "EU" in actors["European Union"]["aliases"]
    assert not {"Tory", "Tories", "EU", "Menzies"} & set(actors)


def test_players_listed_without_titles_are_people_and_clubs_are_organisations() -> None:
    text = (
        "Injury worries\n\nRovington United will be without Ryan Coulter, Danny Whitlock and "
        "Marcus Penrose, who are all injured. The visitors won 2-0 at Ashbury Park last month.\n"
    )
    actors = {a["name"]: a["kind"] for a in draft(text)[1]["actors"]}
    assert actors.get("Rovington United") == "organization"
    for player in ("Ryan Coulter", "Danny Whitlock", "Marcus Penrose"):
        assert actors.get(player) == "person"
    assert "Ashbury Park" not in actors


def test_competitions_and_name_fragments_are_not_actors() -> None:
    text = (
        "Tennis\n\nDuring Labour conference week, Lena Ortiz won the Lakeside Open. Green Party "
        "Treasury spokesman Tom Reyes watched.\n"
    )
    names = actor_names(draft(text)[1])
    assert "Lena Ortiz" in names
    assert not {n for n in names if "Open" in n or n.startswith("During")}
    assert not {n for n in names if n.endswith("Treasury")}


# --- who said it -------------------------------------------------------------------------


def test_each_reopened_quoted_sentence_is_a_quote_of_the_same_speaker() -> None:
    text = (
        'Coach reacts\n\nCounty boss Gareth Lowe: "We defended badly all afternoon. '
        '"The players know it and they will respond on Saturday."\n'
    )
    said = speakers(draft(text)[1])
    assert said == {
        "We defended badly all afternoon.": "Gareth Lowe",
        "The players know it and they will respond on Saturday.": "Gareth Lowe",
    }


def test_a_continuation_paragraph_keeps_the_speaker_before() -> None:
    text = (
        "Budget\n\n"
        '"The figures do not add up," said Alan Pryce, the opposition spokesman.\n\n'
        '"Nobody believes the growth forecast, least of all the markets."\n\n'
        "Separately, Carla Benn opened a new hospital wing in the town.\n"
    )
    said = speakers(draft(text)[1])
    assert said["The figures do not add up"] == "Alan Pryce"
    assert said["Nobody believes the growth forecast, least of all the markets."] == "Alan Pryce"


def test_said_x_of_y_names_the_person_not_the_organisation() -> None:
    text = (
        'Rates\n\n"Rates will rise again before the summer," said Nina Holt, of Brackley '
        "Capital. Brackley Capital manages pension funds.\n"
    )
    said = speakers(draft(text)[1])
    assert said["Rates will rise again before the summer"] == "Nina Holt"


def test_the_attribution_not_the_nearest_name_tells_the_speaker() -> None:
    text = (
        'Premiere\n\nPaul Verne met Lisa Croft at the screening. "It was a dream to play '
        'this part," said Croft. "I loved every day of the shoot." Actress Mae Dorn, whom the '
        "film portrays, stayed at home.\n"
    )
    said = speakers(draft(text)[1])
    assert said["It was a dream to play this part"] == "Lisa Croft"
    assert said["I loved every day of the shoot."] == "Lisa Croft"


def test_a_quote_without_a_speaker_says_so_in_a_comment() -> None:
    text = 'Court\n\nThe judge called it "a grave breach of public trust in every sense".\n'
    out, data = draft(text)
    assert "speaker" not in data["quotes"][0]
    assert "# speaker unknown" in out


def test_the_draft_model_carries_the_dating() -> None:
    text = "Tie\n\nThe replay is on Saturday 12 February at the old ground.\n"
    dating = build_draft(text, seed_rel="seeds/t.txt", today=TODAY).dating
    assert dating.as_of == datetime.date(2005, 2, 12)
    assert dating.published == dating.as_of
    assert "Saturday 12 February" in dating.basis
