"""Machine-readable exports (generator.export) on the real sample book."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.build import check_book
from generator.core.book import BriefDoc
from generator.core.config import make_config
from generator.render.annotate import notes_by_item, notes_of
from generator.render.export import (
    book_json,
    brief_json,
    brief_jsonld,
    dump_json,
    json_script,
    label_resolver,
)
from generator.render.index import BookIndex, build_index
from generator.render.pdf_data import pdf_data
from generator.render.urls import Urls
from generator.render.webannotation import annotations_jsonld

ROOT = Path(__file__).resolve().parents[1]
SLUG = "ishiba-trump-meeting"
URLS = Urls()


def load(root: Path, **options: Any) -> BookIndex:
    return build_index(check_book(make_config(root, options)))


@pytest.fixture(scope="module")
def index() -> BookIndex:
    return load(ROOT)


@pytest.fixture(scope="module")
def doc(index: BookIndex) -> BriefDoc:
    found = index.brief(SLUG)
    assert found is not None and found.ok
    return found


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_brief_json(doc: BriefDoc, index: BookIndex) -> None:
    data = brief_json(doc, index, URLS)
    assert data["slug"] == SLUG and data["generated_by"] == "briefing-generator"
    assert data["page"] == "briefs/ishiba-trump-meeting/"
    assert data["as_of"] == "2024-11-08" and data["tlp"] == "CLEAR"
    assert data["relations"][0]["from"] == "ishiba" and "from_" not in data["relations"][0]
    assert data["actors"][0]["native_name"] == "石破茂"
    evidence = data["evidence"]
    assert 40 <= len(evidence) == len(notes_of(doc))
    assert [e["n"] for e in evidence] == list(range(1, len(evidence) + 1))
    for entry in evidence:
        text = doc.articles[entry["source"]].text
        assert entry["exact"] == text[entry["start"] : entry["end"]]
        assert entry["status"] in ("exact", "normalised", "fuzzy")
    items = {e["item"] for e in evidence}
    assert {
        "risks/tariffs",
        "judgments/early-meeting",
        "actors/ishiba",
        "relations/0",
        "figures/0",
        "quotes/1",
    } <= items
    assert json.loads(dump_json(data)) == data


def test_dump_json_is_deterministic(doc: BriefDoc, index: BookIndex) -> None:
    first = dump_json(brief_json(doc, index, URLS)) + dump_json(book_json(index, URLS))
    again = load(ROOT)
    second = dump_json(brief_json(again.briefs[0], again, URLS)) + dump_json(book_json(again, URLS))
    assert first == second
    assert first.endswith("}\n") and "石破茂" in first  # ensure_ascii=False
    assert dump_json({"b": 1, "a": [1], "c": "é</"}) == '{"a": [1], "b": 1, "c": "é</"}\n'
    assert dump_json({"b": {"d": None, "c": True}}) == '{"b": {"c": true, "d": null}}\n'


def test_brief_jsonld(doc: BriefDoc, index: BookIndex) -> None:
    data = brief_jsonld(doc, index, URLS, "")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Report"
    assert doc.brief is not None and data["name"] == data["headline"] == doc.brief.title
    assert data["datePublished"] == data["dateCreated"] == data["dateModified"] == "2024-11-08"
    assert data["conditionsOfAccess"] == "TLP:CLEAR"
    assert "trade" in data["keywords"]
    ishiba = next(a for a in data["about"] if a["name"] == "Shigeru Ishiba")
    assert ishiba["@type"] == "Person" and "石破茂" in ishiba["alternateName"]
    trump = next(a for a in data["about"] if a["name"] == "Donald Trump")
    assert trump["sameAs"] == "https://www.wikidata.org/wiki/Q22686"
    assert next(a for a in data["about"] if a["name"] == "Japan")["@type"] == "Country"
    assert "(@" not in data["abstract"] and "[@" not in data["abstract"]
    # References read as prose: the analyst's words, nothing repeated after them.
    assert data["abstract"].startswith("Prime Minister Ishiba is moving fast")
    assert "Shigeru Ishiba" not in data["abstract"] and "tariff threats and" in data["abstract"]
    assert data["isBasedOn"][0]["@type"] == "NewsArticle"
    assert data["url"] == "./"  # relative to the brief page that embeds it
    citations = data["citation"]
    assert len(citations) == len(notes_of(doc)) and citations[0]["@type"] == "Quotation"
    assert citations[0]["url"] == "source-article/#ev-1"  # the passage in the annotated copy
    text = doc.articles["article"].text
    assert all(c["text"] in text for c in citations)
    sources = {source["@id"] for source in data["isBasedOn"]}
    assert sources == {"source-article/"} and {c["isPartOf"]["@id"] for c in citations} == sources
    absolute = brief_jsonld(doc, index, URLS, "https://example.org/book/")
    assert absolute["url"] == "https://example.org/book/briefs/ishiba-trump-meeting/"
    assert absolute["citation"][1]["url"] == (
        "https://example.org/book/briefs/ishiba-trump-meeting/source-article/#ev-2"
    )
    assert absolute["encoding"]["contentUrl"] == (
        "https://example.org/book/data/ishiba-trump-meeting.json"
    )


def test_annotations_jsonld(doc: BriefDoc) -> None:
    data = annotations_jsonld(doc, URLS, "")
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"].startswith("urn:uuid:")
    assert data["first"]["partOf"] == data["id"] and data["last"] == data["first"]["id"]
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(notes_of(doc))
    text = doc.articles["article"].text
    digest = hashlib.sha256((ROOT / "seeds" / f"{SLUG}.txt").read_bytes()).hexdigest()
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        assert item["@context"] == data["@context"] and "canonical" not in item
        assert item["target"]["source"] == f"urn:sha256:{digest}"  # the sample has no url
        assert "via" not in item["target"]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert quote["exact"] == text[position["start"] : position["end"]]
        assert quote["prefix"] == text[max(0, position["start"] - 32) : position["start"]]
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
        assert item["body"]["type"] == "TextualBody" and item["body"]["value"]
    assert len({item["id"] for item in items}) == len(items)
    bodies = {item["body"]["value"] for item in items}
    assert "risk R1: Renewed U.S. tariffs on Japanese exports" in bodies
    assert not any("[@" in body for body in bodies)
    absolute = annotations_jsonld(doc, URLS, "https://example.org")
    assert absolute["id"] == "https://example.org/data/ishiba-trump-meeting.annotations.jsonld"
    assert absolute["first"]["id"] == absolute["id"] + "#page-1"
    first = absolute["first"]["items"][0]
    assert first["id"] == absolute["id"] + "#ev-1"
    assert first["canonical"] == items[0]["id"]  # the same annotation wherever published
    assert first["target"]["source"] == items[0]["target"]["source"]
    assert first["target"]["via"] == [
        "https://example.org/briefs/ishiba-trump-meeting/source-article/#ev-1"
    ]
    assert annotations_jsonld(doc, URLS, "") == data  # deterministic


def test_json_script_cannot_break_out() -> None:
    data = {
        "a": "</script><script>alert(1)</script>",
        "b": "x\u2028y\u2029z & <!-- -->",
        "c": "石破茂",
    }
    html = json_script(data)
    assert html.startswith('<script type="application/ld+json">')
    assert html.endswith("</script>") and html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not re.search("[<>&\u2028\u2029]", body)
    assert "\\u003c/script\\u003e" in body and "石破茂" in body
    assert json.loads(body) == data


def test_json_script_of_real_jsonld(doc: BriefDoc, index: BookIndex) -> None:
    data = brief_jsonld(doc, index, URLS, "")
    body = json_script(data).removeprefix('<script type="application/ld+json">')
    assert json.loads(body.removesuffix("</script>")) == data


def amber_project(tmp_path: Path) -> Path:
    for folder in ("briefs", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    text = (ROOT / "briefs" / f"{SLUG}.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: Amber eyes-only assessment", text, count=1)
    text = text.replace("tlp: CLEAR", "tlp: AMBER")
    text = text.replace(
        "title: Renewed U.S. tariffs on Japanese exports", "title: Amber-only secret risk"
    )
    text = text.replace(
        "actors:\n  - id: ishiba\n",
        "actors:\n  - id: amber-agent\n"
        '    name: Amber Agent Person\n    evidence: "Japanese Prime Minister '
        'Shigeru Ishiba is actively pursuing a meeting"\n  - id: ishiba\n',
        1,
    )
    (tmp_path / "briefs" / "amber-brief.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_amber_brief_leaves_no_trace(tmp_path: Path) -> None:
    root = amber_project(tmp_path)
    secrets = (
        "amber-brief",
        "Amber eyes-only",
        "Amber-only secret risk",
        "Amber Agent",
        "amber-agent",
    )
    shown = load(root, max_tlp="AMBER")  # positive control: the brief is valid and exported
    assert shown.published("amber-brief")
    dumped = dump_json(book_json(shown, URLS))
    assert all(secret in dumped for secret in secrets)

    index = load(root, max_tlp="CLEAR")
    assert index.left_out == ["amber-brief"] and [d.slug for d in index.briefs] == [SLUG]
    dumped = dump_json(book_json(index, URLS))
    for secret in secrets:
        assert secret not in dumped
    amber = next(d for d in check_book(make_config(root, {})).briefs if d.slug == "amber-brief")
    for export in (
        lambda: brief_json(amber, index, URLS),
        lambda: brief_jsonld(amber, index, URLS, ""),
        lambda: pdf_data(amber, index, dt.date(2024, 11, 9)),
    ):
        with pytest.raises(ValueError, match="not published"):
            export()


def test_book_json(index: BookIndex) -> None:
    data = book_json(index, URLS)
    assert [b["slug"] for b in data["briefs"]] == [SLUG]
    brief = data["briefs"][0]
    assert brief["json"] == "data/ishiba-trump-meeting.json"
    assert brief["page"] == "briefs/ishiba-trump-meeting/"
    ishiba = next(a for a in data["actors"] if a["id"] == "ishiba")
    assert ishiba["native_name"] == "石破茂" and ishiba["briefs"] == [SLUG]
    assert len(data["risks"]) == 5
    top = data["risks"][0]
    assert top["page"].startswith("briefs/ishiba-trump-meeting/#risk-")
    assert top["likelihood_rank"] * top["impact"] == max(
        r["likelihood_rank"] * r["impact"] for r in data["risks"]
    )


PDF_KEYS = {
    "slug",
    "title",
    "summary",
    "as_of",
    "review_by",
    "stale",
    "draft",
    "tlp",
    "tags",
    "regions",
    "background",
    "judgments",
    "actors",
    "relations",
    "timeline",
    "figures",
    "quotes",
    "risks",
    "open_questions",
    "notes",
    "sources",
    "generated",
}


def runs_text(runs: list[dict[str, Any]] | None) -> str:
    return "".join(r["text"] for r in runs or [])


def test_pdf_data_contract(doc: BriefDoc, index: BookIndex) -> None:
    assert (ROOT / "generator" / "publish" / "pdf.py").exists()
    data = pdf_data(doc, index, dt.date(2024, 11, 9))
    assert set(data) == PDF_KEYS
    assert data["generated"] == "2024-11-09" and data["stale"] is False
    assert pdf_data(doc, index, dt.date(2027, 7, 1))["stale"] is True
    summary = runs_text(data["summary"])
    assert summary.startswith("Prime Minister Ishiba is moving fast to build")
    assert "revive tariff threats and pressure on Japan" in summary
    assert "Shigeru Ishiba" not in summary and "Renewed U.S. tariffs" not in summary
    assert not any("[@" in s or "(@" in s for s in strings(data))
    background = runs_text(data["background"])
    assert "written by Shinzo Abe, who" in background  # [@abe]: the name, once
    assert "under an alliance formalized in 1960;" in background
    by_item = notes_by_item(notes_of(doc))
    printed = {n["n"]: n for n in data["notes"]}
    for section in ("judgments", "actors", "relations", "timeline", "figures", "quotes", "risks"):
        for i, item in enumerate(data[section]):
            cited = by_item.get((section, i), [])
            assert len(item["notes"]) == len({n.cited.anchor.matched for n in cited})
            assert {printed[k]["quote"] for k in item["notes"]} == {
                n.cited.anchor.matched for n in cited
            }
            assert all(item["item_label"] in printed[k]["cited_by"] for k in item["notes"])
    tariffs = data["risks"][0]
    assert tariffs["id"] == "tariffs" and tariffs["likelihood_rank"] == 5
    assert tariffs["impact"] == 4 and all(isinstance(r, list) for r in tariffs["indicators"])
    assert data["actors"][0]["native_name"] == "石破茂"
    assert "native_name" not in data["actors"][1]  # Trump has none: the key is left out
    assert data["relations"][0]["from_name"] == "Shigeru Ishiba"
    assert data["quotes"][0]["speaker_name"] == "Shigeru Ishiba"
    passages = {(n.cited.anchor.start, n.cited.anchor.end) for n in notes_of(doc)}
    assert len(data["notes"]) == len(passages) < len(notes_of(doc))  # one note per passage
    assert [n["n"] for n in data["notes"]] == list(range(1, len(passages) + 1))
    text = doc.articles["article"].text
    assert all(n["quote"] in text and n["source"] == "article" for n in data["notes"])
    assert data["sources"][0]["reliability_label"] == "Fairly reliable"
    json.dumps(data)  # plain JSON, as the renderer receives it


def test_pdf_data_renders(doc: BriefDoc, index: BookIndex) -> None:
    from generator.publish.pdf import render_pdf_bytes

    assert render_pdf_bytes(pdf_data(doc, index, dt.date(2024, 11, 9))).startswith(b"%PDF-")


def test_ref_labels_are_markdown_text() -> None:
    from generator.render.pdf_data import markdown_to_rich

    resolve = label_resolver(lambda ref: "a *b* [c](d) <i>" if ref == "x" else "Y")
    runs = markdown_to_rich("see [@x], [@y] and [their words](@x).", resolve)
    assert runs_text(runs) == "see a *b* [c](d) <i>, Y and their words."
    assert all(run["link"] is None for run in runs)  # a reference is no link in print
