"""Whether a state named in a sentence acts there, or is only where something happens.

"Russia forced Yukos to sell", "the US administration asked", "backed by the UK" name a state
that acts; "12.1% in Germany", "the UK economy", "Jan Hernych of the Czech Republic" name a
place. A state in a list ("the US, India, Australia and Japan will co-ordinate") acts as the
last one of the list does.
"""

from __future__ import annotations

import re

from generator.scaffold.countries import STATE_RE

_LIST_REACH = 3
_GOVERNMENT_AFTER_RE = re.compile(
    r"(?:'s|\u2019s)?\s+(?:government|administration|authorities|ministry|president|"
    r"prime minister|leaders?|officials|embassy|army|military|forces|troops|parliament|"
    r"delegation|regime|negotiators)\b"
)
_VERB_AFTER_RE = re.compile(
    r",?\s+(?:(?:has|have|had|is|was|were|will|would|could|should|must|can|may|might|did|"
    r"does|also|now|then|still|not)\s+)*"
    r"(?:says|said|wants?|wanted|plans?|planned|agreed|agrees|refused|refuses|announced|"
    r"insists?|insisted|denied|denies|threatened|warned|called|urged|trying|tried|took|takes|"
    r"told|pledged|promised|backed|rejected|signed|joined|accused|intends|hopes|needs|"
    r"claims|claimed|argued|offered|sent|sought|seeks|opposed|opposes|supports|supported|"
    r"has|had|is|was|will|would|could|should|must|can|[a-z]+ed)\b"
    r"|-led\b"
)
_AGENT_BEFORE_RE = re.compile(
    r"\b(?:by|government of|governments of|alliance of|coalition of|talks with|relations "
    r"with|sanctions on|pressure on|pressure from|help from|aid from|troops from)\s+(?:the\s+)?$"
)
# "has warned Iran", "urges Russia": a state a verb acts upon (visits and exports go to places)
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?!(?:based|located|stationed|headquartered|listed|registered|visited|toured|exported|"
    r"imported|shipped|born|raised|moved|returned|travelled|traveled|flown|sent)\b)"
    r"(?:[a-z]+ed|warns|urges|accuses|criticises|criticizes|sanctions|invades|attacks|condemns|"
    r"presses|asks|tells|backs|supports|threatens|blames)\s+(?:the\s+)?$"
)
_LIST_AFTER_RE = re.compile(r"(?:,\s*|,?\s+and\s+)(?:the\s+)?")


def _acts_here(text: str, start: int, end: int) -> bool:
    if _GOVERNMENT_AFTER_RE.match(text, end) or _VERB_AFTER_RE.match(text, end):
        return True
    before = max(0, start - 30)
    return bool(
        _AGENT_BEFORE_RE.search(text, before, start)
        or _OBJECT_BEFORE_RE.search(text, before, start)
    )


def state_acts(text: str, start: int, end: int, limit: int) -> bool:
    """Whether the state named at text[start:end] acts in its sentence (ending at `limit`)."""
    for _ in range(_LIST_REACH + 1):
        if _acts_here(text, start, end):
            return True
        sep = _LIST_AFTER_RE.match(text, end, limit)
        nxt = STATE_RE.match(text, sep.end(), limit) if sep else None
        if nxt is None:
            return False
        end = nxt.end()
    return False
