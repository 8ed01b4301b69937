"""Where each candidate actor is mentioned; ids, ranking and evidence quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.scaffold.article import Article
from generator.scaffold.evidence import Anchors, clause_around
from generator.scaffold.model import Actor, Mention
from generator.scaffold.slug import slugify, unique_id

_EVIDENCE_TRIES = 8
_SPEAKER_BONUS = 5


@dataclass
class Entry:
    """A candidate actor as registered, before ids are given."""

    name: str
    kind: str
    aliases: list[str]
    role: str | None
    country: str | None
    speaker: bool
    guessed: bool
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


class Registry:
    """Collects candidates, then finds their mentions and evidence."""

    def __init__(self, article: Article, anchors: Anchors | None = None) -> None:
        self.article = article
        self.anchors = anchors or Anchors(article.text)
        self.entries: list[Entry] = []

    def add(
        self,
        name: str,
        kind: str,
        aliases: list[str],
        role: str | None,
        country: str | None,
        speaker: bool,
        guessed: bool,
    ) -> None:
        """Register one candidate."""
        self.entries.append(Entry(name, kind, list(aliases), role, country, speaker, guessed))

    def _assign_forms(self) -> dict[str, int]:
        owner: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            for form in (e.name, *e.aliases):
                owner.setdefault(form, i)
        surnames: dict[str, list[int]] = {}
        for i, e in enumerate(self.entries):
            parts = e.name.split()
            if e.kind == "person" and len(parts) >= 2:
                surnames.setdefault(parts[-1], []).append(i)
        for surname, idx in surnames.items():
            if len(idx) == 1 and surname not in owner and len(surname) > 2:
                owner[surname] = idx[0]
        for form, i in owner.items():
            self.entries[i].forms.append(form)
        return owner

    def _scan(self, owner: dict[str, int]) -> None:
        if not owner:
            return
        alts = "|".join(re.escape(f) for f in sorted(owner, key=lambda f: (-len(f), f)))
        pattern = re.compile(rf"(?<![\w'\u2019-])(?:{alts})(?![\w]|[-\u2019'][A-Za-z]{{2}})")
        text = self.article.text
        for line in self.article.body_lines:
            s, e = self.article.line_span(line)
            for m in pattern.finditer(text, s, e):
                entry = self.entries[owner[m.group()]]
                entry.spans.append((m.start(), m.end()))
                if m.group() not in entry.aliases and m.group() != entry.name:
                    entry.aliases.append(m.group())

    def _evidence(self, entry: Entry) -> str | None:
        for s, e in entry.spans[:_EVIDENCE_TRIES]:
            quote = clause_around(self.article, self.anchors, s, e)
            if quote:
                return quote
        return None

    def finish(self, limit: int) -> tuple[list[Actor], list[Mention]]:
        """Actors (at most `limit`, in order of first mention) and all their mentions."""
        self._scan(self._assign_forms())
        ranked = sorted(
            (e for e in self.entries if e.spans),
            key=lambda e: (-(len(e.spans) + _SPEAKER_BONUS * e.speaker), e.spans[0][0]),
        )
        chosen: list[tuple[Entry, str]] = []
        for entry in ranked:
            if len(chosen) >= limit:
                break
            quote = self._evidence(entry)
            if quote:
                chosen.append((entry, quote))
        chosen.sort(key=lambda item: item[0].spans[0][0])
        return self._build(chosen)

    def _build(self, chosen: list[tuple[Entry, str]]) -> tuple[list[Actor], list[Mention]]:
        taken: set[str] = set()
        actors: list[Actor] = []
        mentions: list[Mention] = []
        for entry, quote in chosen:
            aid = unique_id(slugify(entry.name), taken)
            aliases = [a for a in entry.aliases if a != entry.name]
            actors.append(
                Actor(
                    aid,
                    entry.name,
                    entry.kind,
                    quote,
                    aliases,
                    entry.role,
                    entry.country,
                    entry.guessed,
                )
            )
            mentions.extend(Mention(s, e, aid) for s, e in entry.spans)
        mentions.sort(key=lambda m: (m.start, m.end))
        return actors, mentions
