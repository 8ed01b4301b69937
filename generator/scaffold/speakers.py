"""Who said it: the actor named, or referred to by a pronoun, next to a speech verb."""

from __future__ import annotations

import bisect
import re

from generator.scaffold.lexicon import (
    INVERSION_VERBS,
    ORG_ANAPHORS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    ROLE_HEADS,
    SPEECH_VERBS,
)
from generator.scaffold.model import Actor, Mention

_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b")
_WORD_RE = re.compile(r"[\w'\u2019-]+")
SUBJECT_REACH = 50
# "the ministry said": the organisation named "... Ministry" earlier
_NAMED_ANAPHORS = frozenset(
    {"ministry", "department", "commission", "council", "agency", "court", "committee", "bank"}
)
_PERSON_ROLES = "|".join(sorted(r for r in ROLE_HEADS if "-" not in r))
# "the Lions coach", "the 47-year-old director": a person named earlier, by a role noun
_ROLE_ANAPHOR_RE = re.compile(
    rf"\s+(?:the|their|its|his|her)\s+(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_PERSON_ROLES})\b(?!\s+[A-Z])"
)
_ROLE_SUBJECT_RE = re.compile(
    rf"(?:^|\s)(?:[Tt]he|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er)\s+(?:[\w'\u2019-]+\s+){{0,3}}?"
    rf"(?:{_PERSON_ROLES})\s+(?:has\s+|had\s+|also\s+)?$"
)
_NEW_SENTENCE_RE = re.compile(r"[.!?][\"\u201d]\s+[\"\u201c]?[A-Z]")
# before a person named as the object, not the subject: "dispatched by Robby Ginepri"
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:by|to|with|against|over|from|of|for|beat|beating)\s+(?:[\w'-]+\s+){0,2}$"
)
_APPOSITION_RE = re.compile(r",\s+(?:a|an|the|its|his|her)\s")
_COLON_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\s*:$")


class Speakers:
    """Finds who a quotation is attributed to, through actor mentions."""

    def __init__(self, text: str, actors: list[Actor], mentions: list[Mention]) -> None:
        self.text = text
        self.kinds = {a.id: a.kind for a in actors}
        self.names = {a.id: a.name for a in actors}
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].end <= end:
            out.append(self.mentions[i])
            i += 1
        return out

    def last_before(self, pos: int, kinds: tuple[str, ...]) -> str | None:
        """The actor a pronoun before `pos` stands for: the last one of `kinds` named before
        it, passing over those named as an object ("beaten by X") when a subject is near."""
        i = bisect.bisect_left(self.starts, pos) - 1
        fallback = None
        while i >= 0:
            m = self.mentions[i]
            if self.kinds.get(m.actor) in kinds:
                line_start = self.text.rfind("\n", 0, m.start) + 1
                if not _OBJECT_BEFORE_RE.search(self.text, max(line_start, m.start - 30), m.start):
                    return m.actor
                fallback = fallback or m.actor
            i -= 1
        return fallback

    def subject(self, start: int, end: int, quote_pos: int) -> str | None:
        """The actor named, or referred to by a pronoun, in text[start:end] before a verb."""
        if _ROLE_SUBJECT_RE.search(self.text, max(start, end - SUBJECT_REACH), end):
            return self.last_before(quote_pos, ("person",))  # "the 47-year-old director said"
        found = self.within(max(start, end - SUBJECT_REACH), end)
        if found:
            return self._head(found, end)
        words = _WORD_RE.findall(self.text[start:end])
        if words and words[-1] in PRONOUNS_PERSON:
            return self.last_before(quote_pos, ("person",))
        if words and words[-1].lower() in _NAMED_ANAPHORS:
            return self.named_before(quote_pos, words[-1].lower())  # "the ministry said"
        if words and words[-1].lower() == "government":
            return self.last_before(quote_pos, ("state",))
        if words and (words[-1] in PRONOUNS_ORG or words[-1].lower() in ORG_ANAPHORS):
            return self.last_before(quote_pos, ("organization", "group"))
        return None

    def named_before(self, pos: int, noun: str) -> str | None:
        """The last organisation before `pos` whose name ends with `noun` ("... Ministry")."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            actor = self.mentions[i].actor
            if self.names.get(actor, "").lower().endswith(noun):
                return actor
            i -= 1
        return None

    def _head(self, found: list[Mention], end: int) -> str:
        """The subject among the names before a verb: the person in front of an apposition
        ("Marc Ostwald, a strategist at Monument Securities, said"), else the last name."""
        for m in found[:-1]:
            if self.kinds.get(m.actor) == "person" and _APPOSITION_RE.match(self.text, m.end):
                return m.actor
        return found[-1].actor

    def after(self, close: int, limit: int, open_pos: int) -> str | None:
        """Attribution after the closing quote: '," said Mr Straw' or '," he said'."""
        seg_end = min(limit, close + 120)
        if _NEW_SENTENCE_RE.match(self.text, close - 2):
            return None  # '... part." Actress Sandra Dee continues': a new sentence
        m = _VERB_RE.search(self.text, close, seg_end)
        if m is None or len(_WORD_RE.findall(self.text[close : m.start()])) > 6:
            return None
        who = self.subject(close, m.start(), open_pos)
        if who is None and m.group() in INVERSION_VERBS:
            if _ROLE_ANAPHOR_RE.match(self.text, m.end()):
                return self.last_before(open_pos, ("person",))  # '," said the Lions coach'
            found = self.within(m.end(), min(seg_end, m.end() + 60))
            who = found[0].actor if found else None
        return who

    def before(self, start: int, open_pos: int) -> str | None:
        """Attribution before the opening quote: 'Mr Straw said: "...'."""
        verbs = list(_VERB_RE.finditer(self.text, start, open_pos))
        lead = self.text[start:open_pos].rstrip()
        if lead.endswith(":") and (not verbs or not _COLON_VERB_RE.search(lead)):
            colon = start + len(lead) - 1  # 'Brentford boss Martin Allen: "After ...'
            who = self.subject(max(start, colon - 80), colon, open_pos)
            if who is not None:
                return who
        if not verbs:
            return None
        verb = verbs[-1]
        return self.subject(max(start, verb.start() - 80), verb.start(), open_pos)
