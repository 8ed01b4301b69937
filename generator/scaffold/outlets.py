"""The outlet reporting a story or relaying a quote is not an actor of it.

"told the Financial Times", "BBC Radio 4's Today programme", "according to Reuters": names of
the press that only carry what someone said. An outlet stays when the story is about it (the
headline names it) or when it does more in the story than relay.
"""

from __future__ import annotations

import re

from generator.scaffold.lexicon import word_set
from generator.scaffold.model import Actor, Mention

AGENCIES = frozenset(
    {
        "Reuters", "AFP", "Bloomberg", "Xinhua", "Interfax", "Itar-Tass", "Kyodo", "Yonhap",
        "Associated Press", "Press Association", "Dow Jones", "Agence France-Presse",
    }
)  # fmt: skip
PRESS_WORDS = word_set(
    "Times Journal News Post Telegraph Guardian Herald Mail Express Reporter Independent "
    "Observer Mirror Sun Standard Gazette Tribune Chronicle Magazine Radio Television TV "
    "Programme Today Newsnight Variety Billboard Economist Week Weekly Daily"
)
_RELAY_BEFORE_RE = re.compile(
    r"\b(?:told|tell|tells|telling|to|according to|interview with|interviewed by|speaking to|"
    r"speaking on|writing in|wrote in|in|on|quoted by|reported by|cited by|quoted in)\s+"
    r"(?:the\s+)?$"
)
_RELAY_AFTER_RE = re.compile(r"(?:'s|\u2019s)?\s+(?:\w+\s+){0,3}?(?:show|programme|website)\b")
_PRESENTED_RE = re.compile(r"(?:'s|\u2019s)\s+(?:\w+\s+){0,2}?(?:show|programme)\b")


def _pressy(name: str) -> bool:
    return name.startswith("BBC") or name in AGENCIES or name.split()[-1] in PRESS_WORDS


def _relayed(text: str, start: int, end: int) -> bool:
    return bool(
        _RELAY_BEFORE_RE.search(text, max(0, start - 25), start) or _RELAY_AFTER_RE.match(text, end)
    )


def is_outlet(actor: Actor, spans: list[tuple[int, int]], text: str, title: str) -> bool:
    """Whether the actor is only the press relaying the story, or a presenter's show."""
    if any(form in title for form in (actor.name, *actor.aliases)):
        return False
    if actor.kind == "person":
        return bool(spans) and all(_PRESENTED_RE.match(text, e) for _, e in spans)
    if not _pressy(actor.name):
        return False
    if actor.name.startswith("BBC") or actor.name in AGENCIES:
        return True
    return all(_relayed(text, s, e) for s, e in spans)


def drop_outlets(
    actors: list[Actor], mentions: list[Mention], text: str, title: str
) -> tuple[list[Actor], list[Mention]]:
    """The actors and mentions without the outlets."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.actor, []).append((m.start, m.end))
    gone = {a.id for a in actors if is_outlet(a, spans.get(a.id, []), text, title)}
    return [a for a in actors if a.id not in gone], [m for m in mentions if m.actor not in gone]
