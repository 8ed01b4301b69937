"""The print-designed PDF of one brief (generator.pdf)."""

from __future__ import annotations

import copy
import logging
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.publish.pdf import render_pdf, render_pdfs, uncovered_characters
from generator.render.pdf_data import markdown_to_rich

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")

R = markdown_to_rich


def sample_brief() -> dict[str, Any]:
    """The sample brief (seeds/ishiba-trump-meeting.txt) as the PDF data contract."""
    return {
        "slug": "ishiba-trump-meeting",
        "title": "Ishiba seeks an early meeting with Trump",
        "summary": R(
            "Japan's prime minister wants to meet Trump right after the G20 to build rapport "
            "before **tariff** and host-nation-support demands return (Renewed U.S. tariffs)."
        ),
        "as_of": "2024-11-08",
        "review_by": "2025-01-20",
        "stale": False,
        "tlp": "CLEAR",
        "tags": ["alliance", "trade", "defense cost-sharing"],
        "regions": ["Japan", "United States", "Indo-Pacific"],
        "background": R(
            "In 2016 Shinzo Abe became the first foreign leader to meet Trump after his election; "
            "the rapport he built let both sides *defuse* trade and burden-sharing disputes.\n\n"
            "Ishiba took office in October 2024 and has spoken to Trump once, by phone."
        ),
        "judgments": [
            {
                "id": "rapport",
                "text": R(
                    "Ishiba will try to **replicate Abe's personal "
                    "diplomacy** to pre-empt U.S. demands."
                ),
                "likelihood": "very likely",
                "confidence": "moderate",
                "notes": [1, 3],
            },
            {
                "id": "cost",
                "text": R(
                    "Washington will ask Tokyo to pay more for the 54,000 U.S. troops it hosts."
                ),
                "likelihood": "likely",
                "confidence": "low",
                "notes": [4, 5],
            },
        ],
        "actors": [
            {
                "id": "ishiba",
                "name": "Shigeru Ishiba",
                "native_name": "石破茂",
                "kind": "person",
                "role": "Prime Minister of Japan",
                "country": "JP",
                "stance": R(
                    "Seeks early, frank talks; frames cost-sharing as *alliance "
                    "strengthening* rather than money."
                ),
                "notes": [1, 2],
            },
            {
                "id": "trump",
                "name": "Donald Trump",
                "kind": "person",
                "role": "U.S. President-elect",
                "country": "US",
                "stance": R(
                    "America-first; favours bilateral trade deals and allied burden-sharing."
                ),
                "notes": [3],
            },
            {
                "id": "abe",
                "name": "Shinzo Abe",
                "native_name": "安倍晋三",
                "kind": "person",
                "role": "Former Prime Minister of Japan (d. 2022)",
                "country": "JP",
                "stance": None,
                "notes": [],
            },
        ],
        "relations": [
            {
                "from_name": "Shigeru Ishiba",
                "to_name": "Donald Trump",
                "label": "seeks a meeting with",
                "notes": [1],
            },
        ],
        "timeline": [
            {
                "date": "2016",
                "event": R("Abe is the first foreign leader to meet Trump."),
                "notes": [],
            },
            {
                "date": "2024-11-07",
                "event": R("Five-minute phone call between Ishiba and Trump."),
                "notes": [2],
            },
            {"date": "2024-11-18/2024-11-19", "event": R("G20 summit in Brazil."), "notes": []},
        ],
        "figures": [
            {"value": "54,000", "label": "U.S. military personnel hosted by Japan", "notes": [5]},
            {"value": "5 min", "label": "Length of the first Ishiba-Trump call", "notes": [2]},
        ],
        "quotes": [
            {
                "speaker_name": "Shigeru Ishiba",
                "text": "I felt that he was very friendly. So from now on, I have the impression "
                "that we can talk frankly, without embellishment.",
                "context": R("After the November 7 call."),
                "notes": [],
            },
        ],
        "risks": [
            {
                "id": "tariffs",
                "title": "Renewed U.S. tariffs on Japanese exports",
                "description": R(
                    "A return of steel and aluminium tariffs hits Japan's export-driven economy."
                ),
                "likelihood": "likely",
                "likelihood_rank": 5,
                "impact": 4,
                "confidence": "moderate",
                "indicators": [
                    R("Trump transition team names tariff hawks"),
                    R("Section 232 review announced"),
                ],
                "notes": [3],
            },
            {
                "id": "hns",
                "title": "Demand for higher host-nation support",
                "description": None,
                "likelihood": "roughly even chance",
                "likelihood_rank": 4,
                "impact": 3,
                "confidence": "low",
                "indicators": [],
                "notes": [4],
            },
            {
                "id": "snub",
                "title": "No meeting before the inauguration",
                "description": None,
                "likelihood": "unlikely",
                "likelihood_rank": 3,
                "impact": 2,
                "confidence": "moderate",
                "indicators": [],
                "notes": [],
            },
        ],
        "open_questions": [
            R("Will Trump's office confirm the stopover?"),
            R("Does Ishiba have a domestic mandate for higher spending?"),
        ],
        "notes": [
            {
                "n": 1,
                "quote": "Japanese Prime Minister Shigeru Ishiba is actively pursuing a "
                "meeting with U.S. President-elect Donald Trump",
                "source_title": "Japan Today (sample)",
                "status": "exact",
            },
            {
                "n": 2,
                "quote": "five-minute phone conversation with Trump on the morning of November 7",
                "source_title": "Japan Today (sample)",
                "status": "exact",
            },
            {
                "n": 3,
                "quote": "imposed tariffs on Japanese steel and aluminum imports",
                "source_title": "Japan Today (sample)",
                "status": "normalised",
            },
            {
                "n": 4,
                "quote": "Japan would contribute more financially toward the stationing "
                "of U.S. military forces",
                "source_title": "Japan Today (sample)",
                "status": "fuzzy",
            },
            {
                "n": 5,
                "quote": "Japan currently hosts 54,000 U.S. military personnel",
                "source_title": "Japan Today (sample)",
                "status": "exact",
            },
        ],
        "sources": [
            {
                "id": "article",
                "title": "Japanese PM Ishiba Seeks Meeting with U.S. President-Elect Trump",
                "publisher": "Sample wire",
                "url": "https://example.org/ishiba-trump",
                "published": "2024-11-08",
                "retrieved": "2024-11-08",
                "reliability": "C",
                "reliability_label": "Fairly reliable",
            },
        ],
        "generated": "2024-11-09",
    }


def pdf_text(pdf: Path, page: int | None = None) -> str:
    assert PDFTOTEXT is not None
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def squash(text: str) -> str:
    return " ".join(text.split())


def test_markdown_to_rich_runs() -> None:
    runs = R("a **b** *c* `d` [e](https://x.org) <b>f</b>\n\ng [h](ftp://x.org/f)")
    assert [r["text"] for r in runs] == [
        "a ",
        "b",
        " ",
        "c",
        " ",
        "d",
        " ",
        "e",
        " <b>f</b>",  # neighbouring plain runs are one run
        "\n\n",
        "g h",
    ]
    assert runs[1]["strong"] and runs[3]["emph"] and runs[5]["code"]
    assert runs[7]["link"] == "https://x.org"
    assert runs[-1]["link"] is None  # unsafe scheme dropped
    emphasised = R(" ".join(f"*w{i}*" for i in range(500)))
    assert len(emphasised) == 1 and emphasised[0]["emph"]  # one run, not 999


@needs_poppler
def test_sample_pdf_content(tmp_path: Path) -> None:
    out = tmp_path / "sample.pdf"
    render_pdf(sample_brief(), out)
    assert out.read_bytes().startswith(b"%PDF-")
    text = pdf_text(out)
    flat = squash(text)
    assert "Ishiba seeks an early meeting with Trump" in flat
    assert "TLP:CLEAR" in text
    assert "imposed tariffs on Japanese steel and aluminum imports" in flat
    assert "石破茂" in text
    assert "Fairly reliable" in flat
    assert f"Page 1 of {page_count(out)}" in flat


@needs_poppler
def test_typst_markup_is_rendered_literally(tmp_path: Path) -> None:
    evil = r'#set page(fill: red) $x$ *bold* <script>alert(1)</script> \ ] #"a" @ref'
    data = sample_brief()
    data["title"] = evil
    data["summary"] = [{"text": evil, "strong": False, "emph": False, "code": False, "link": None}]
    data["actors"][0]["name"] = evil
    data["notes"][0]["quote"] = evil
    data["tags"] = [evil]
    out = tmp_path / "evil.pdf"
    render_pdf(data, out)
    flat = squash(pdf_text(out))
    assert flat.count("#set page(fill: red) $x$ *bold* <script>alert(1)</script> \\ ]") >= 4


@needs_poppler
def test_amber_label_on_every_page(tmp_path: Path) -> None:
    data = sample_brief()
    data["tlp"] = "AMBER"
    data["timeline"] = data["timeline"] * 15  # force several pages
    out = tmp_path / "amber.pdf"
    render_pdf(data, out)
    pages = page_count(out)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert "TLP:AMBER" in pdf_text(out, page)
        assert f"Page {page} of {pages}" in squash(pdf_text(out, page))


def test_uncovered_character_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig not installed")
    data = sample_brief()
    data["title"] += " \U000f0041"  # a private-use code point no font covers
    with caplog.at_level(logging.WARNING, logger="generator.publish.pdf"):
        missing = uncovered_characters(data)
    assert missing == ["\U000f0041"]
    assert "U+F0041" in caplog.text
    assert uncovered_characters(sample_brief()) == []


@needs_poppler
def test_batch_renders_three_valid_pdfs(tmp_path: Path) -> None:
    jobs = []
    for i in range(3):
        data = copy.deepcopy(sample_brief())
        data["slug"] = f"brief-{i}"
        data["title"] = f"Brief number {i}"
        jobs.append((data, tmp_path / "pdf" / f"brief-{i}.pdf"))
    paths = render_pdfs(jobs, workers=2, progress=False)
    assert paths == [out for _, out in jobs]
    for i, path in enumerate(paths):
        assert path.read_bytes().startswith(b"%PDF-")
        assert f"Brief number {i}" in squash(pdf_text(path))
    assert not list((tmp_path / "pdf").glob("*.tmp"))


@needs_poppler
def test_minimal_brief_omits_empty_sections(tmp_path: Path) -> None:
    data = {
        "slug": "m",
        "title": "Minimal brief",
        "summary": R("Only a *summary*."),
        "as_of": "2024-01-01",
        "tlp": "GREEN",
        "generated": "2024-01-02",
    }
    out = tmp_path / "minimal.pdf"
    render_pdf(data, out)
    text = squash(pdf_text(out))
    assert "TLP:GREEN" in text and "Only a summary." in text
    assert "RISKS" not in text and "SOURCES" not in text
