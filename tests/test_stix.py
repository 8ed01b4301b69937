"""STIX 2.1 export (generator.render.stix, ``briefing export --stix``): content and TLP."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import stix2
from conftest import FIXTURE_BOOK, REPO, make_minimal_project
from site_helpers import briefing
from stix2validator import ValidationOptions, validate_string

from generator.build import check_book, run
from generator.core.config import make_config
from generator.render.index import BookIndex, build_index
from generator.render.stix import TLP_MARKING_IDS, stix_bundle, stix_json
from generator.render.urls import Urls

SAMPLE = "ishiba-trump-meeting"
KINDS_BRIEF = """\
title: Who is who at the port
summary: The port authority and the union meet [@union].
as_of: 2024-09-20
tlp: AMBER
tags: [ports]
sources:
  - id: wire
    file: seeds/port.txt
    url: https://example.org/news/port-talks
    reliability: B
judgments:
  - id: talks-fail
    text: "[@union] will reject the offer."
    likelihood: likely
    confidence: high
    evidence: "The union rejected the offer"
actors:
  - {id: chair, name: Ana Petrov, kind: person, role: Chair of the authority}
  - {id: authority, name: Port authority, kind: organization}
  - {id: valdoria, name: Valdoria, kind: state, country: VD}
  - {id: kestria, name: Kestria, kind: state}
  - {id: union, name: Dockers' Union, kind: group, wikidata: Q42}
  - {id: crowd, name: The crowd}
risks:
  - id: closure
    title: The port closes for a month
    likelihood: unlikely
    impact: 3
    confidence: low
    actors: [authority]
    indicators: ["[@chair] cancels the next round"]
    evidence: "The union rejected the offer"
"""
KINDS_SEED = "Talks at the port\n\nThe union rejected the offer on Friday.\n"


def index_of(root: Path, max_tlp: str = "RED") -> BookIndex:
    return build_index(check_book(make_config(root, {"max_tlp": max_tlp})))


def objects(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


@pytest.fixture(scope="module")
def kinds_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kinds")
    make_minimal_project(root)
    (root / "briefs" / "port.yml").write_text(KINDS_BRIEF, encoding="utf-8")
    (root / "seeds" / "port.txt").write_text(KINDS_SEED, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def kinds(kinds_book: Path) -> dict[str, Any]:
    index = index_of(kinds_book)
    assert [d.slug for d in index.briefs] == ["port"], index.briefs[0].problems
    return stix_bundle(index.briefs[0], index)


def test_actors_by_kind(kinds: dict[str, Any]) -> None:
    by_name = {o["name"]: o for o in kinds["objects"] if o["type"] in ("identity", "location")}
    assert by_name["Ana Petrov"]["identity_class"] == "individual"
    assert by_name["Ana Petrov"]["roles"] == ["Chair of the authority"]
    assert by_name["Port authority"]["identity_class"] == "organization"
    assert by_name["Valdoria"]["type"] == "location" and by_name["Valdoria"]["country"] == "VD"
    assert by_name["Kestria"]["type"] == "identity"
    assert by_name["Kestria"]["sectors"] == ["government-national"]
    assert by_name["Dockers' Union"]["identity_class"] == "group"
    assert by_name["Dockers' Union"]["external_references"] == [
        {"source_name": "wikidata", "external_id": "Q42"}
    ]
    assert by_name["The crowd"]["identity_class"] == "unknown"
    assert not objects(kinds, "threat-actor")  # a brief does not say who is hostile
    report = objects(kinds, "report")[0]
    assert {o["id"] for o in by_name.values()} <= set(report["object_refs"])


def test_judgments_and_risks_are_notes_with_mapped_confidence(kinds: dict[str, Any]) -> None:
    notes = {n["abstract"]: n for n in objects(kinds, "note")}
    report = objects(kinds, "report")[0]
    ids = {o["name"]: o["id"] for o in kinds["objects"] if "name" in o}
    judgment, risk = notes["Judgment 1"], notes["Risk: The port closes for a month"]
    assert judgment["confidence"] == 85 and risk["confidence"] == 15  # high, low
    assert judgment["object_refs"] == [report["id"], ids["Dockers' Union"]]
    assert risk["object_refs"] == [report["id"], ids["Port authority"], ids["Ana Petrov"]]
    assert "Dockers' Union will reject the offer." in judgment["content"]  # refs as prose
    assert "likely (55-80%)" in judgment["content"] and "Impact: 3 of 5" in risk["content"]
    assert "The union rejected the offer" in risk["content"]
    assert {judgment["id"], risk["id"]} <= set(report["object_refs"])


def test_report_carries_the_article_and_the_brief_tlp(kinds: dict[str, Any]) -> None:
    report = objects(kinds, "report")[0]
    assert report["published"] == "2024-09-20T00:00:00Z"
    assert report["created"] == report["modified"] == "2024-09-20T00:00:00.000Z"
    (article,) = report["external_references"]
    assert article["url"] == "https://example.org/news/port-talks"
    digest = hashlib.sha256(KINDS_SEED.encode("utf-8")).hexdigest()
    assert article["hashes"] == {"SHA-256": digest}
    assert "reliability B" in article["description"]
    (marking,) = objects(kinds, "marking-definition")
    assert marking["id"] == TLP_MARKING_IDS["AMBER"] and marking["name"] == "TLP:AMBER"
    assert marking["extensions"] == {
        "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            "extension_type": "property-extension",
            "tlp_2_0": "amber",
        }
    }
    for obj in kinds["objects"]:
        if obj["type"] != "marking-definition":
            assert obj["object_marking_refs"] == [marking["id"]], obj["id"]
    errors = validate_string(json.dumps(kinds), ValidationOptions(version="2.1"))
    assert errors.errors == [] and errors.warnings == []


def test_bundles_are_what_the_stix2_library_makes(kinds_book: Path) -> None:
    """The bundles are written as plain data: the OASIS library must accept every object
    (it checks each property) and serialize it to the very same data."""
    for root in (kinds_book, FIXTURE_BOOK):
        index = index_of(root)
        assert index.briefs
        for doc in index.briefs:
            bundle = stix_bundle(doc, index)
            parsed = stix2.parse(json.dumps(bundle), allow_custom=False)
            assert json.loads(parsed.serialize()) == bundle, doc.slug


def test_reexport_updates_rather_than_duplicates(kinds_book: Path, tmp_path: Path) -> None:
    first = stix_json(index_of(kinds_book).briefs[0], index_of(kinds_book))
    assert first == stix_json(index_of(kinds_book).briefs[0], index_of(kinds_book))
    edited = tmp_path / "edited"
    shutil.copytree(kinds_book, edited)
    brief = edited / "briefs" / "port.yml"
    text = brief.read_text(encoding="utf-8").replace("2024-09-20", "2024-09-27")
    brief.write_text(text.replace("will reject", "is likely to reject"), encoding="utf-8")
    index = index_of(edited)
    again = stix_bundle(index.briefs[0], index)
    before = json.loads(first)
    assert [o["id"] for o in again["objects"]] == [o["id"] for o in before["objects"]]
    note = next(n for n in objects(again, "note") if n["abstract"] == "Judgment 1")
    assert note["modified"].startswith("2024-09-27") and "is likely to reject" in note["content"]


def test_no_bundle_for_a_brief_above_max_tlp(kinds_book: Path) -> None:
    index = index_of(kinds_book, "GREEN")
    assert index.left_out == ["port"]
    doc = next(d for d in check_book(make_config(kinds_book, {})).briefs if d.slug == "port")
    with pytest.raises(ValueError, match="not published"):
        stix_bundle(doc, index)
    files = run(make_config(kinds_book, {"max_tlp": "GREEN"}), cached=False).files
    assert not [f for f in files if f.src_uri.endswith(".stix.json")]
    shown = run(make_config(kinds_book, {"max_tlp": "AMBER"}), cached=False).files
    assert Urls.stix("port") in {f.src_uri for f in shown}


def test_build_writes_one_bundle_per_published_brief() -> None:
    result = run(make_config(FIXTURE_BOOK, {"max_tlp": "CLEAR"}), cached=False)
    bundles = {f.src_uri: f.content for f in result.files if f.src_uri.endswith(".stix.json")}
    assert sorted(bundles) == ["data/valdoria-grain-corridor.stix.json"]  # GREEN left out
    bundle = json.loads(str(bundles["data/valdoria-grain-corridor.stix.json"]))
    assert objects(bundle, "marking-definition")[0]["name"] == "TLP:CLEAR"
    names = {o["name"] for o in bundle["objects"] if o["type"] == "identity"}
    assert "Ivana Vuković" in names and "Severin Dockers\u2019 Union" not in names  # not its actor


def test_cli_exports_by_slug_or_path(tmp_path: Path) -> None:
    out = tmp_path / "sample.stix.json"
    proc = briefing(REPO, "export", "--stix", SAMPLE, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    by_path = briefing(REPO, "export", "--stix", str(REPO / "briefs" / f"{SAMPLE}.yml"))
    assert by_path.returncode == 0 and by_path.stdout == out.read_text(encoding="utf-8")
    assert json.loads(by_path.stdout)["type"] == "bundle"


def test_cli_refuses_what_it_must(kinds_book: Path) -> None:
    above = briefing(kinds_book, "export", "--stix", "port")
    assert above.returncode == 1 and "above max_tlp CLEAR" in above.stderr
    assert above.stdout == "" and "Traceback" not in above.stderr
    unknown = briefing(kinds_book, "export", "--stix", "no-such-brief")
    assert unknown.returncode == 2 and "expected a brief's slug" in unknown.stderr
    no_format = briefing(kinds_book, "export", "port")
    assert no_format.returncode == 2 and "--stix" in no_format.stderr
    into_input = briefing(REPO, "export", "--stix", SAMPLE, "-o", str(REPO / "briefs" / "x.json"))
    assert into_input.returncode == 1 and "refusing" in into_input.stderr
    assert not (REPO / "briefs" / "x.json").exists()
