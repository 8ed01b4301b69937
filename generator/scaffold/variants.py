"""One actor per entity: variant names become aliases of the fullest one.

"EU" and "European Union" (an acronym of the initials), "Tory" and "Tories" (a singular and
its plural), "Tories" and "Conservatives" (one party's names), "Menzies" and "Menzies
Campbell" (a lone given name or surname of one person), "Supreme Court" and "US Supreme Court"
(the same name with a country in front).
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from generator.scaffold.countries import code_for
from generator.scaffold.lexicon import ORG_SUFFIXES, word_set

# Names of one party that articles use interchangeably.
SYNONYMS = (
    word_set("Conservatives Conservative Tories Tory"),
    frozenset({"Liberal Democrats", "Lib Dems", "Lib Dem", "Liberal Democrat"}),
    frozenset({"Democrats", "Democratic Party", "Democrat"}),
    frozenset({"Republicans", "Republican Party", "Republican", "GOP"}),
    frozenset({"Labour", "Labour Party"}),
)
_INITIAL_SKIP = word_set("of the and for de")


class Named(Protocol):
    """What variants need of a candidate."""

    name: str
    kind: str
    first: int
    aliases: list[str]

    def add_alias(self, alias: str | None) -> None: ...


C = TypeVar("C", bound=Named)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIAL_SKIP).upper()


def _plural_pair(a: str, b: str) -> bool:
    return b in (a + "s", a[:-1] + "ies") if a.endswith("y") else b == a + "s"


def same_entity(short: Named, long: Named) -> bool:
    """Whether `short` is a variant name of `long` (both candidates of one article)."""
    s, n = short.name, long.name
    if any(s in group and n in group for group in SYNONYMS):
        return True
    if long.kind == "person":
        words = n.split()
        return short.kind == "person" and len(words) > 1 and s in (words[0], words[-1])
    if short.kind == "person":
        return False
    if s.isupper() and len(s) > 1 and " " in n and _initials(n) == s:
        return True
    if _plural_pair(s, n) or _plural_pair(n, s):
        return True
    if s == n.split()[-1] and s in ORG_SUFFIXES:
        return True  # "City" for "Manchester City", "Bank" for "Reserve Bank"
    head, _, rest = n.partition(" ")
    return rest == s and code_for(head) is not None


def merge_variants(cands: dict[str, C]) -> dict[str, C]:
    """Fold each variant into the candidate with the longer name; it keeps the first place."""
    order = sorted(cands.values(), key=lambda c: (-len(c.name), c.first))
    kept: list[C] = []
    for cand in order:
        owners = [k for k in kept if same_entity(cand, k)]
        if len(owners) == 1 or (owners and cand.name in _synonym_names()):
            owner = owners[0]
            owner.add_alias(cand.name)
            for alias in cand.aliases:
                owner.add_alias(alias)
            owner.first = min(owner.first, cand.first)
            continue
        kept.append(cand)
    kept_ids = {id(k) for k in kept}
    return {name: c for name, c in cands.items() if id(c) in kept_ids}


def _synonym_names() -> frozenset[str]:
    return frozenset().union(*SYNONYMS)
