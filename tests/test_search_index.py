"""The chunked search index (generator/publish/search.py) and the worker that reads it
(generator/assets/search-worker.js), run under Node with the index read from disk.

The results are compared with a brute-force search over the same documents in Python, so
the postings, the key splitting, the chunks and the worker's reading of them must agree.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

from generator.publish import search
from generator.publish.search_words import index_words, plain_text, words

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "generator" / "assets" / "search-worker.js"
HARNESS = ROOT / "tests" / "tools" / "search_query.cjs"
NODE = shutil.which("node") or shutil.which("nodejs") or "node"  # .ci/run installs Node
CONFIG = {"lang": ["en", "ja"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mo",
    "an",
    "el",
    "sur",
    "par",
    "ex",
    "co",
    "con",
    "ver",
    "ta",
    "tar",
    "iff",
    "nu",
    "cle",
    "ar",
    "san",
    "ction",
]


def node(*args: str) -> Any:
    proc = subprocess.run(
        [NODE, str(HARNESS), str(WORKER), *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def make_site(folder: Path, docs: list[dict[str, Any]]) -> Path:
    """A built site as Material's search plugin leaves it: its index and its worker."""
    (folder / "search").mkdir(parents=True)
    (folder / "search" / "search_index.json").write_text(
        json.dumps({"config": CONFIG, "docs": docs}), encoding="utf-8"
    )
    workers = folder / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("/* Material's worker */", encoding="utf-8")
    (workers / "search.0123abcd.min.js.map").write_text("{}", encoding="utf-8")
    return folder


def random_docs(pages: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))

    docs: list[dict[str, Any]] = []
    for page in range(pages):
        location = f"briefs/page-{page}/"
        title = " ".join(word().title() for _ in range(4))
        docs.append({"location": location, "title": title, "text": f"<p>{word()} {word()}</p>"})
        for section in range(rng.randint(0, 3)):
            text = " ".join(word() for _ in range(rng.randint(3, 12)))
            docs.append(
                {"location": f"{location}#s{section}", "title": word(), "text": f"<p>{text}</p>"}
            )
    return docs


def expected_pages(docs: list[dict[str, Any]], query: str, split: set[str]) -> set[str]:
    """Brute force: the pages with a document holding, for every query word, a word that
    starts with it; a query word of one letter, or one whose key was split because so many
    words start with it, matches only itself (the worker's rule for Latin words)."""
    terms = list(words(query))

    def matches(held: str, term: str) -> bool:
        return held == term if len(term) == 1 or term in split else held.startswith(term)

    found: set[str] = set()
    for doc in docs:
        held = index_words(plain_text(doc["title"]) + " " + plain_text(doc["text"]))
        if all(any(matches(h, t) for h in held) for t in terms):
            found.add(doc["location"].split("#")[0])
    return found


def result_pages(result: dict[str, Any]) -> set[str]:
    return {item["location"].split("#")[0] for group in result["items"] for item in group}


def test_python_and_worker_read_the_same_words() -> None:
    texts = [
        "Shigeru Ishiba (石破茂) met Zürich officials in Tōkyō",
        "\uff21\uff22\uff23 full-width, ﬁnance ligature, Ⅻ numeral, x_y underscore",
        "हिन्दी समाचार, Ελληνικά, русский язык, العربية",
        "U.S.-Japan talks: 2024\u201325; 3.5% rise; don't",
        "東京タワーとスカイツリー、ｶﾀｶﾅ半角",
        "a" * 60 + " end",
        "Crème brûlée naïve façade coöperate",
    ]
    assert node("--words", json.dumps(texts)) == [list(words(t)) for t in texts]


def test_chunked_index_replaces_materials_index_and_worker(tmp_path: Path) -> None:
    docs = random_docs(40)
    site = make_site(tmp_path / "site", docs)
    chunked = search.write_chunked(site)
    assert chunked is not None and chunked.pages == 40 and chunked.docs == len(docs)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en", "ja"]
    assert index["config"]["briefing"]["path"] == chunked.folder
    worker = site / "assets" / "javascripts" / "workers" / "search.0123abcd.min.js"
    assert worker.read_text(encoding="utf-8") == WORKER.read_text(encoding="utf-8")
    assert not worker.with_name(worker.name + ".map").exists()
    assert search.read_documents(site) == docs


def test_a_second_build_leaves_only_its_own_pieces(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", random_docs(10, seed=1))
    first = search.write_chunked(site)
    (site / "search" / "search_index.json").write_text(
        json.dumps({"config": CONFIG, "docs": random_docs(12, seed=2)}), encoding="utf-8"
    )
    second = search.write_chunked(site)
    assert first is not None and second is not None and first.folder != second.folder
    assert sorted(p.name for p in (site / "search").iterdir() if p.is_dir()) == [
        second.folder.split("/")[1]
    ]


def test_no_material_search_no_change(tmp_path: Path) -> None:
    assert search.write_chunked(tmp_path) is None


def test_worker_finds_what_brute_force_finds_with_split_keys(tmp_path: Path) -> None:
    docs = random_docs(400)
    site = make_site(tmp_path / "site", docs)
    chunked = search.write_chunked(site, shard_bytes=2048)
    assert chunked is not None
    manifest = json.loads((site / "search/search_index.json").read_text("utf-8"))["config"]
    split = set(manifest["briefing"]["split"])
    assert {"co", "con"} <= split, "the small limit must split crowded keys"
    assert chunked.chunks > 1
    queries = ["ka", "kar", "tariff", "nucle", "con ver", "conver", "sanction par", "Ex"]
    results = node(str(site), json.dumps(queries))
    for query, result in zip(queries, results, strict=True):
        expected = expected_pages(docs, query, split)
        assert expected, query
        if len(expected) <= 50:
            assert result_pages(result) == expected, query
        else:
            assert len(result["items"]) == 50 and result_pages(result) <= expected, query


def test_results_are_materials_shape_and_best_first(tmp_path: Path) -> None:
    docs = [
        {"location": "a/", "title": "Tariff talks", "text": "<p>On tariffs.</p>"},
        {"location": "a/#one", "title": "Outlook", "text": "<p>Tariffs rise &amp; fall</p>"},
        {"location": "b/", "title": "Weather", "text": "<p>A note on tariff policy.</p>"},
        {"location": "c/", "title": "Other", "text": "<p>Nothing here.</p>"},
    ]
    site = make_site(tmp_path / "site", docs)
    search.write_chunked(site)
    (result,) = node(str(site), json.dumps(["tariff"]))
    groups = result["items"]
    assert [g[0]["location"].split("#")[0] for g in groups] == ["a/", "b/"]  # title match first
    first = groups[0]
    assert first[0]["title"] == "<mark>Tariff</mark> talks"
    assert first[0]["terms"] == {"tariff": True} and first[0]["score"] > groups[1][0]["score"]
    outlook = next(item for item in first if item["location"] == "a/#one")
    assert outlook["text"] == "<p><mark>Tariffs</mark> rise &amp; fall</p>"


def test_markup_and_entities_are_never_split(tmp_path: Path) -> None:
    docs = [
        {"location": "a/", "title": "Amp", "text": '<p class="amp">AT&amp;T &lt;b&gt; amp</p>'},
    ]
    site = make_site(tmp_path / "site", docs)
    search.write_chunked(site)
    (result,) = node(str(site), json.dumps(["amp"]))
    text = result["items"][0][0]["text"]
    assert text == '<p class="amp">AT&amp;T &lt;b&gt; <mark>amp</mark></p>'


def test_japanese_by_any_part_of_two_characters_or_more(tmp_path: Path) -> None:
    docs = [
        {"location": "a/", "title": "石破茂首相", "text": "<p>Shigeru Ishiba (石破茂)</p>"},
        {"location": "b/", "title": "茂木敏充", "text": "<p>Toshimitsu Motegi</p>"},
    ]
    site = make_site(tmp_path / "site", docs)
    search.write_chunked(site)
    queries = ["石破", "破茂", "茂", "石茂", "ishiba 石破茂"]
    found = [result_pages(r) for r in node(str(site), json.dumps(queries))]
    assert found == [{"a/"}, {"a/"}, {"a/", "b/"}, set(), {"a/"}]
    (first,) = node(str(site), json.dumps(["石破"]))
    assert first["items"][0][0]["title"] == "<mark>石破</mark>茂首相"


def test_every_query_word_must_match_before_partial_matches_show(tmp_path: Path) -> None:
    docs = [
        {"location": "a/", "title": "Iran", "text": "<p>nuclear talks</p>"},
        {"location": "b/", "title": "Iran", "text": "<p>oil exports</p>"},
    ]
    site = make_site(tmp_path / "site", docs)
    search.write_chunked(site)
    both, partial = node(str(site), json.dumps(["iran nuclear", "iran sanctions"]))
    assert result_pages(both) == {"a/"}
    assert result_pages(partial) == {"a/", "b/"}
    assert all(g[0]["terms"] == {"iran": True, "sanctions": False} for g in partial["items"])


def test_function_words_alone_find_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", random_docs(5))
    search.write_chunked(site)
    (result,) = node(str(site), json.dumps(["the of and"]))
    assert result == {"items": []}
