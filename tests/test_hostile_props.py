"""Issue 7, property-based: hostile documents never crash; valid hostile briefs render inert.

- Any document (random nested data, keys partly the format's real names, values partly
  hostile strings), dumped as YAML, or any random text: ``load_yaml`` + ``validate`` and
  ``check_book`` either accept it or return located problems, never raise.
- Any valid brief with hostile text in every field renders (``build.run``) to pages that,
  converted by Python-Markdown as MkDocs does, parse and carry no script from the brief.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from hostile_payloads import PAYLOADS, make_project, scan_html
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from ruamel.yaml import YAML

from generator import build
from generator.build import check_book
from generator.core import model
from generator.core.load import load_yaml
from generator.core.validate import validate
from generator.errors import InputError, Problem
from generator.site.project import read_config

SHOWN = "briefs/doc.yml"
LINE = re.compile(r"^briefs/doc\.yml:\d+:\d+: (?:error|warning): [^\n]+$")

REAL_KEYS = sorted(
    set().union(
        *(
            model.known_keys(m)
            for m in (
                model.Brief,
                model.Source,
                model.Judgment,
                model.Actor,
                model.Relation,
                model.Event,
                model.Figure,
                model.Quote,
                model.Risk,
                model.Evidence,
            )
        )
    )
)

# --------------------------------------------------------------------------- strategies

_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
plain_text = st.text(_chars, max_size=30)
glue = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "\n\n",
        "    ",
        "\t",
        " [@",
        "]",
        "`",
        "*",
        "#",
        "<",
        ">",
        "&",
        '"',
        "'",
        "{{",
        "}}",
        "\\",
        "---\n",
    ]
)
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    plain_text,
    st.lists(st.one_of(st.sampled_from(PAYLOADS), plain_text, glue), min_size=1, max_size=6).map(
        "".join
    ),
)
keys = st.one_of(st.sampled_from(REAL_KEYS), plain_text.filter(bool), st.sampled_from(PAYLOADS))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    hostile_text,
    st.sampled_from(
        [
            "CLEAR",
            "tlp:amber",
            "likely",
            "high",
            "person",
            "JP",
            "Q17",
            "C",
            "seeds/doc.txt",
            "2024-11",
            "2024/2023",
            "1999-02-30",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=30,
)
# Mostly mappings at the top, like a brief.
top_documents = st.one_of(st.dictionaries(keys, documents, max_size=10), documents)


def dump_yaml(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.path == SHOWN
        assert problem.line >= 1 and problem.column >= 1
        assert LINE.match(problem.format()), problem.format()


def load_and_validate(text: str) -> list[Problem]:
    """The first two stages; returns their problems, raises only on a bug."""
    try:
        located = load_yaml(text, SHOWN)
    except InputError as exc:
        assert exc.problems
        return exc.problems
    brief, problems = validate(located)
    assert brief is not None or any(p.is_error for p in problems)
    return problems


# --------------------------------------------------------------------------- properties

FAST = settings(
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(top_documents)
def test_any_document_validates_or_gives_located_errors(data: Any) -> None:
    assert_located(load_and_validate(dump_yaml(data)))


@FAST
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(
                [
                    "title:",
                    " ",
                    "\n",
                    "- ",
                    "&a ",
                    "*a ",
                    "[",
                    "]",
                    "{",
                    "}",
                    ":",
                    "!!python/object:os.system",
                    "<<: *a",
                    "? ",
                    "|",
                    ">",
                    "'",
                    '"',
                    "%YAML 1.1\n",
                    "---\n",
                    "...\n",
                    "\t",
                    "#",
                    "!tag ",
                    "0x1F",
                    "2024-13-45",
                    "sources",
                    "evidence",
                    "\\u0000",
                    "title",
                ]
            ),
            max_size=40,
        ).map("".join),
    )
)
def test_any_text_loads_or_gives_located_errors(text: str) -> None:
    assert_located(load_and_validate(text))


@settings(
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(top_documents, st.booleans())
def test_check_book_never_raises(data: Any, with_sources: bool) -> None:
    """The whole checker (sources, anchoring, lint, refs) on any document."""
    if with_sources and isinstance(data, dict):
        data.setdefault("sources", [{"id": "a", "file": "seeds/doc.txt"}])
        data.setdefault("as_of", dt.date(2024, 1, 1))
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "book", seeds={"doc.txt": "Officials met on Monday.\n"})
        (root / SHOWN).write_text(dump_yaml(data), encoding="utf-8")
        book = check_book(read_config(root))
    assert_located(book.problems)


# --------------------------------------------------------------------------- valid briefs

ARTICLE_HEAD = "Officials met on Monday to discuss trade.\n\n"
safe_markdown = hostile_text.filter(lambda t: "[@" not in t and t.strip() != "")
safe_plain = safe_markdown.map(lambda t: t.strip() or "x").filter(bool)
quote_text = (
    st.lists(
        st.one_of(
            st.sampled_from(PAYLOADS),
            st.text(
                st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Po", "Sm")),
                min_size=3,
                max_size=20,
            ),
        ),
        min_size=1,
        max_size=3,
    )
    .map(" ".join)
    .filter(lambda t: "[@" not in t and len(t.strip()) >= 8)
)


@st.composite
def valid_briefs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A brief that checks clean, hostile text in every field; its article holds the quotes."""
    md, text = safe_markdown, safe_plain
    quote = draw(quote_text)
    anchored = draw(st.booleans())
    evidence = {"evidence": quote} if anchored else {}
    ref = draw(st.sampled_from(["", " [@a1]", " [@r1]", " [@e1]", " [@j1]"]))
    brief = {
        "title": draw(text),
        "summary": draw(md) + ref,
        "as_of": "2024-11-08",
        "tags": draw(st.lists(text, max_size=2)),
        "regions": draw(st.lists(text, max_size=2)),
        "sources": [
            {
                "id": "s",
                "file": "seeds/doc.txt",
                "title": draw(text),
                "publisher": draw(text),
                "url": "https://example.org/"
                + draw(st.text(st.sampled_from("abc<>\"'&;=%"), max_size=8)),
            }
        ],
        "background": draw(md),
        "judgments": [
            {"id": "j1", "text": draw(md), "likelihood": "likely", "confidence": "low", **evidence}
        ],
        "actors": [
            {
                "id": "a1",
                "name": draw(text),
                "native_name": draw(text),
                "aliases": draw(st.lists(text, max_size=2)),
                "role": draw(text),
                "stance": draw(md),
                **evidence,
            },
            {"id": "a2", "name": draw(text)},
        ],
        "relations": [{"from": "a1", "to": "a2", "label": draw(text)}],
        "timeline": [{"id": "e1", "date": "2024-11", "event": draw(md), "actors": ["a1"]}],
        "figures": [{"value": draw(text), "label": draw(text)}],
        "quotes": [{"speaker": "a1", "text": quote, "context": draw(md)}],
        "risks": [
            {
                "id": "r1",
                "title": draw(text),
                "description": draw(md),
                "likelihood": "likely",
                "impact": draw(st.integers(1, 5)),
                "confidence": "moderate",
                "actors": ["a1"],
                "indicators": draw(st.lists(md, max_size=2)),
                **evidence,
            }
        ],
        "open_questions": draw(st.lists(md, max_size=2)),
    }
    return brief, ARTICLE_HEAD + quote + "\n"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def mkdocs_html(page: str) -> tuple[str, dict[str, Any]]:
    """The page as MkDocs turns it into HTML: front matter off, Python-Markdown on."""
    body, meta = get_data(page)
    html = markdown.markdown(body, extensions=["attr_list", "admonition", "toc"])
    return html, meta


@settings(
    deadline=None,
    max_examples=25,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
@given(valid_briefs())
def test_valid_hostile_briefs_render_inert(case: tuple[dict[str, Any], str]) -> None:
    brief, article = case
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "book", {"doc": brief}, {"doc.txt": article})
        config = read_config(root)
        book = check_book(config)
        assume(not book.errors)  # e.g. a random text that is a likelihood word in a judgment
        result = build.run(config, home=True)
    pages = [f for f in result.files if f.src_uri.endswith(".md")]
    assert any(f.src_uri == "briefs/doc.md" for f in pages)
    for item in pages:
        html, meta = mkdocs_html(str(item.content))
        problems = scan_html(html)
        assert problems == [], (item.src_uri, problems)
        title = str(meta.get("title", ""))
        titles = _Tags()
        titles.feed(title)
        assert titles.tags == [], (item.src_uri, title)  # themes print titles raw
        for tag in meta.get("tags", []) or []:
            assert "<" not in str(tag)
    for item in result.files:
        if item.src_uri.endswith((".json", ".jsonld")):
            json.loads(item.content)
