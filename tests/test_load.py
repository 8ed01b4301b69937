"""Stage 1: reading files and YAML into located plain data."""

from __future__ import annotations

import datetime as dt
import pickle
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.core import load
from generator.core.load import MAX_DEPTH, MAX_VALUES, decode_text, load_yaml, read_text
from generator.errors import InputError, Problem


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_yaml(text, "briefs/b.yml")
    return caught.value.problems


def test_values_and_keys_are_located() -> None:
    located = load_yaml(
        "title: Hello\nsources:\n  - id: a\n    file: seeds/a.txt\n", "briefs/b.yml"
    )
    assert located.data == {"title": "Hello", "sources": [{"id": "a", "file": "seeds/a.txt"}]}
    assert located.where(("title",)) == (1, 8)
    assert located.where(("title",), key=True) == (1, 1)
    assert located.where(("sources", 0, "file")) == (4, 11)
    assert located.where(("sources", 0, "file"), key=True) == (4, 5)
    # an unknown location falls back to its nearest located parent
    assert located.where(("sources", 0, "nope")) == (3, 5)


def test_scalars_follow_yaml_1_2() -> None:
    located = load_yaml(
        "a: 2024-11-08\nb: 2024-02-30\nc: 54000\nd: yes\ne: NO\nf: true\ng: ~\nh: 1.5\n",
        "b.yml",
    )
    assert located.data == {
        "a": dt.date(2024, 11, 8),
        "b": "2024-02-30",  # not a real date: kept as text for the validator to report
        "c": 54000,
        "d": "yes",  # YAML 1.2: no "Norway problem"
        "e": "NO",
        "f": True,
        "g": None,
        "h": 1.5,
    }


def test_every_duplicate_key_is_reported() -> None:
    problems = problems_of("title: a\nsummary: b\ntitle: c\nsummary: d\n")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (3, 1, "yaml-duplicate-key"),
        (4, 1, "yaml-duplicate-key"),
    ]
    assert problems[0].message == "duplicate key 'title' (first defined at line 1)"


def test_duplicate_key_in_a_nested_mapping() -> None:
    (problem,) = problems_of("sources:\n  - id: a\n    file: x\n    id: b\n")
    assert (problem.line, problem.column) == (4, 5)
    assert "duplicate key 'id'" in problem.message


def test_syntax_error_is_located() -> None:
    (problem,) = problems_of("title: ok\ntags: [a, b\nsummary: x\n")
    assert problem.code == "yaml-syntax"
    assert (problem.line, problem.column) == (2, 7)  # where the unclosed '[' opened
    assert problem.message.startswith("YAML syntax error: ")


def test_tab_indentation_is_a_syntax_error() -> None:
    (problem,) = problems_of("title: ok\nsources:\n\t- id: a\n")
    assert problem.code == "yaml-syntax"
    assert problem.line == 3


def test_python_tags_are_refused() -> None:
    (problem,) = problems_of("title: !!python/object/apply:os.system ['echo hi']\n")
    assert "unsupported YAML tag" in problem.message
    assert (problem.line, problem.column) == (1, 8)


@pytest.mark.parametrize("value", ["!foo {x: 1}", "!!set {x: null}", "!!omap [x: 1]", "!bar text"])
def test_unknown_tags_are_refused_on_any_node(value: str) -> None:
    (problem,) = problems_of(f"a: {value}\n")
    assert problem.code == "yaml-tag"


def test_merge_keys_are_refused() -> None:
    problems = problems_of("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-merge", 3, 3)]


def test_non_text_key_is_refused() -> None:
    (problem,) = problems_of("? [a, b]\n: value\n")
    assert problem.code == "yaml-key"


def test_small_aliases_are_fine() -> None:
    located = load_yaml("a: &x [1, 2]\nb: *x\n", "b.yml")
    assert located.data == {"a": [1, 2], "b": [1, 2]}


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast_and_small() -> None:
    text = billion_laughs(12)
    tracemalloc.start()
    started = time.process_time()
    try:
        problems = problems_of(text)
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.code for p in problems] == ["yaml-too-large"]
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_a_tree_of_too_many_values_is_refused_without_aliases() -> None:
    """No anchor, so no alias: the whole tree is counted once at its root, keys included."""
    keys = (MAX_VALUES + 1) // 2 + 1  # values alone stay under the limit, keys and values not
    text = "".join(f"k{i}: 1\n" for i in range(keys))
    problems = problems_of(text)
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-too-large", 1, 1)]
    assert load_yaml("".join(f"k{i}: 1\n" for i in range(keys - 2000)), "briefs/b.yml").data


def test_wide_alias_fan_out_is_refused() -> None:
    """A flat list of many aliases of one big list also expands past the limit."""
    text = "big: &b [" + ", ".join(["x"] * 1000) + "]\nmany: [" + ", ".join(["*b"] * 200) + "]\n"
    assert [p.code for p in problems_of(text)] == ["yaml-too-large"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 100 + "]" * 100, (1, 4 + MAX_DEPTH)),  # past MAX_DEPTH: the builder
        ("a: " + "[" * 5000 + "]" * 5000, (1, 3 + 1001)),  # far past it: the pre-scan
        ("a: " + "{k: " * 3000 + "}" * 3000, None),
        ("a:\n" + "- " * 5000 + "x", (2, 2001)),
    ],
    ids=["flow-100", "flow-5000", "mapping-3000", "block-5000"],
)
def test_deep_nesting_is_one_located_error(text: str, where: tuple[int, int] | None) -> None:
    (problem,) = problems_of(text)
    assert problem.code == "yaml-too-deep"
    assert problem.message == f"YAML nesting is deeper than {MAX_DEPTH} levels"
    if where:
        assert (problem.line, problem.column) == where


def test_nesting_within_the_limit_loads() -> None:
    located = load_yaml("a: " + "[" * 60 + "x" + "]" * 60, "b.yml")
    value = located.data["a"]
    for _ in range(59):
        value = value[0]
    assert value == ["x"]


def test_brackets_inside_text_do_not_count_as_nesting() -> None:
    text = "summary: 'see [@a] and [@b] ((and [1] [2] [3]))'\n"
    assert load_yaml(text, "b.yml").data == {"summary": "see [@a] and [@b] ((and [1] [2] [3]))"}


def test_only_comments_is_empty() -> None:
    (problem,) = problems_of("# nothing here\n\n")
    assert problem.code == "file-empty"


# ------------------------------------------------------------------------------ read_text


def read_problem(tmp_path: Path, raw: bytes, limit: int = 1000) -> Problem:
    path = tmp_path / "f.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_text(path, "seeds/f.txt", limit=limit, what="source file")
    (problem,) = caught.value.problems
    return problem


def test_read_text_accepts_utf8(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("石破茂 — “quoted”\n", encoding="utf-8")
    assert read_text(path, "f.txt", limit=100, what="x") == "石破茂 — “quoted”\n"


@pytest.mark.parametrize(
    ("raw", "code", "line", "col", "words"),
    [
        (b"", "file-empty", 1, 1, "is empty"),
        (b"  \n\n\t\n", "file-empty", 1, 1, "is empty"),
        (b"line one\nab\x00cd\n", "file-binary", 2, 3, "binary"),
        (b"ok\ncaf\xe9\n", "file-encoding", 2, 4, "not valid UTF-8 (byte 0xe9)"),
        ("hello".encode("utf-16-le").join([b"\xff\xfe", b""]), "file-encoding", 1, 1, "UTF-16"),
        ("hello".encode("utf-16-be").join([b"\xfe\xff", b""]), "file-encoding", 1, 1, "UTF-16"),
    ],
)
def test_read_text_refuses(
    tmp_path: Path, raw: bytes, code: str, line: int, col: int, words: str
) -> None:
    problem = read_problem(tmp_path, raw)
    assert (problem.code, problem.line, problem.column) == (code, line, col)
    assert words in problem.message
    assert problem.path == "seeds/f.txt"


def test_read_text_refuses_a_huge_file(tmp_path: Path) -> None:
    problem = read_problem(tmp_path, b"x" * 2001, limit=2000)
    assert problem.code == "file-too-large"
    assert "2,001 bytes" in problem.message and "2,000" in problem.message


def test_read_text_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_text(tmp_path, "seeds", limit=10**9, what="source file")
    assert caught.value.problems[0].code == "file-unreadable"


def test_decode_text_reports_the_first_bad_byte() -> None:
    with pytest.raises(InputError) as caught:
        decode_text("añb\n".encode() + b"\x80", "f", what="brief")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 1)


YAML_PIECES = ["?", " ", "-", ",", "[", "]", "{", "}", ":", "\n", "a", "'", "#", "!!str "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_a_tree_has_at_most_three_nodes_per_character(text: str) -> None:
    """What lets a short brief skip counting its nodes against MAX_VALUES (load._Builder)."""
    try:
        root = load._YAML.compose(text)
    except YAMLError:
        return
    if root is not None and "&" not in text:
        assert load._node_count(root) <= 3 * len(text)


SCALARS = [
    "yes",
    "no",
    "on",
    "True",
    "false",
    "FALSE",
    "null",
    "Null",
    "~",
    "",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "-5",
    "+5",
    "1e3",
    "1.50",
    ".inf",
    "-.Inf",
    ".nan",
    "2024-01-01",
    "2024-13-45",
    "2024-01-01T10:00:00Z",
    "<<",
    "=",
    "-",
    "a: b",
    "'quoted'",
    '"1"',
    "!!str 5",
    "!!int '7'",
    "!!float 1",
    "!!bool true",
    "!!null ''",
    "12:30",
    "0b101",
]


@pytest.mark.parametrize("version", ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"])
@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_resolve_as_ruamel_resolves_them(version: str, scalar: str) -> None:
    """The shared-tag resolver gives each scalar the tag ruamel's own resolver gives it
    (with the C parser, which reads every brief as YAML 1.2, whatever its directive)."""
    text = f"{version}key: {scalar}\n"
    plain = YAML(typ="safe", pure=False)
    plain.version = (1, 2)
    assert value_tag(load._YAML, text) == value_tag(plain, text)
    try:
        value = load_yaml(text, "b.yml").data["key"]
    except InputError:
        return  # a tag the builder refuses (located, as before)
    assert type(value).__name__ in {"str", "YamlInt", "YamlFloat", "bool", "NoneType", "date"}


def value_tag(yaml: YAML, text: str) -> str:
    try:
        return str(yaml.compose(text).value[0][1].tag)
    except YAMLError as exc:
        return type(exc).__name__


def test_an_unpickled_document_finds_its_positions_again() -> None:
    text = "title: A\nsources:\n  - id: a\n    file: seeds/a.txt\n"
    located = load_yaml(text, "b.yml")
    back = pickle.loads(pickle.dumps(located))
    assert "values" not in vars(back)  # positions do not travel
    assert back.where(("sources", 0, "file")) == located.where(("sources", 0, "file")) == (4, 11)
    assert back == located
