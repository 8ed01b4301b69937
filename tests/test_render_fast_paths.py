"""Fast paths of rendering against the plain code they replace: the same results."""

from __future__ import annotations

import posixpath
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.annotate import Mention, find_mentions
from generator.render.urls import relpath

WORDS = ["US", "UK", "Abe", "Shinzo Abe", "Abe-san", "EU", "E", "_x", "東京", "Jean-Luc"]
GLUE = [" ", ", ", "-", "_", "s", "'s ", "\n", "é", "東", "(", ")", ""]


def regex_mentions(text: str, names: dict[str, tuple[str, str]]) -> list[Mention]:
    """The expression find_mentions used to compile for every brief."""
    if not names:
        return []
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
    return [Mention(m.start(), m.end(), *names[m.group(0)]) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS + GLUE), max_size=30).map("".join),
    st.lists(st.sampled_from(WORDS), max_size=6, unique=True),
)
def test_mentions_are_the_regular_expressions(text: str, names: list[str]) -> None:
    table = {name: (f"id-{i}", f"#a{i}") for i, name in enumerate(names)}
    assert find_mentions(text, table) == regex_mentions(text, table)


def test_mentions_longest_first_and_whole_words() -> None:
    table = {"Abe": ("abe", "#abe"), "Shinzo Abe": ("shinzo", "#s"), "US": ("us", "#us")}
    found = find_mentions("Shinzo Abe met USA and US officials; Abe left.", table)
    assert [(m.start, m.end, m.actor_id) for m in found] == [
        (0, 10, "shinzo"),
        (23, 25, "us"),
        (37, 40, "abe"),
    ]


PARTS = st.lists(st.sampled_from(["briefs", "a", "b", "x.md", "index.html", "."]), max_size=4)


@settings(max_examples=400, deadline=None)
@given(PARTS.map("/".join), PARTS.map("/".join), st.booleans())
def test_relpath_is_posixpaths(target: str, base: str, dotdot: bool) -> None:
    target = target or "."
    base = (base + "/.." if dotdot and base else base) or "."
    assert relpath(target, base) == posixpath.relpath(target, base)
