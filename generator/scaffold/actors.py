"""Candidate actors: people with their titles, organisations and states."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from generator.scaffold.article import Article
from generator.scaffold.countries import BY_CODE, SEATS, STATE_RE, STATE_TO_CODE
from generator.scaffold.evidence import Anchors
from generator.scaffold.lexicon import HONORIFICS
from generator.scaffold.mentions import Registry
from generator.scaffold.model import Actor, Mention
from generator.scaffold.names import NameSpan, all_spans, mid_sentence_words, standalone_counts
from generator.scaffold.observe import Context, Observation, observe
from generator.scaffold.outlets import drop_outlets
from generator.scaffold.places import state_acts
from generator.scaffold.variants import merge_variants

log = logging.getLogger(__name__)

MAX_ACTORS = 30
_NOT_AMERICA = ("Latin ", "South ", "North ", "Central ")


@dataclass
class Candidate:
    """An actor being assembled from observations."""

    name: str
    kind: str
    first: int
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    speaker: bool = False
    guessed: bool = False

    def add_alias(self, alias: str | None) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def absorb(self, obs: Observation) -> None:
        self.role = self.role or obs.role
        self.country = self.country or obs.country
        self.speaker = self.speaker or obs.speaker
        self.add_alias(obs.alias)


def _honored(spans: list[NameSpan]) -> set[str]:
    out = set()
    for sp in spans:
        for a, b in zip(sp.words, sp.words[1:], strict=False):
            if a in HONORIFICS:
                out.add(b)
    return out


def _observations(article: Article, spans: list[NameSpan]) -> list[Observation]:
    ctx = Context(
        article, set(standalone_counts(spans)), mid_sentence_words(spans), _honored(spans)
    )
    return [o for o in (observe(sp, ctx) for sp in spans) if o is not None]


def _surname_owner(people: dict[str, Candidate], surname: str) -> Candidate | None:
    for cand in people.values():
        if cand.kind == "person" and cand.name.split()[-1] == surname and cand.name != surname:
            return cand
    return None


def _merge(observations: list[Observation]) -> dict[str, Candidate]:
    cands: dict[str, Candidate] = {}
    for obs in observations:
        if obs.kind in ("person", "organization", "group"):
            cand = cands.setdefault(obs.name, Candidate(obs.name, obs.kind, obs.start))
            cand.absorb(obs)
    for obs in observations:
        if obs.kind == "surname":
            owner = _surname_owner(cands, obs.name) or cands.setdefault(
                obs.name, Candidate(obs.name, "person", obs.start)
            )
            owner.absorb(obs)
    _merge_singles(cands, [o for o in observations if o.kind in ("acronym", "proper")])
    return merge_variants(_merge_spelling(cands))


def _merge_spelling(cands: dict[str, Candidate]) -> dict[str, Candidate]:
    """ "Time Warner" and "TimeWarner" are one actor: the first seen keeps the name."""
    out: dict[str, Candidate] = {}
    by_key: dict[str, Candidate] = {}
    for name, cand in sorted(cands.items(), key=lambda kv: kv[1].first):
        key = name.replace(" ", "").replace("-", "").lower()
        if key in by_key:
            first = by_key[key]
            first.add_alias(name)
            if first.guessed and not cand.guessed:
                first.kind, first.guessed = cand.kind, False
            continue
        by_key[key] = cand
        out[name] = cand
    return out


def _prefix_owner(cands: dict[str, Candidate], word: str) -> Candidate | None:
    """The organisation whose name starts with `word` ("Cairn" -> "Cairn Energy")."""
    for cand in cands.values():
        if cand.kind != "person" and cand.name.split()[0] == word and cand.name != word:
            return cand
    return None


def _merge_singles(cands: dict[str, Candidate], singles: list[Observation]) -> None:
    known = {a for c in cands.values() for a in c.aliases}
    acronym_counts: dict[str, int] = {}
    for obs in singles:
        acronym_counts[obs.name] = acronym_counts.get(obs.name, 0) + 1
    for obs in singles:
        prefix_owner = _prefix_owner(cands, obs.name)
        if prefix_owner is not None:
            prefix_owner.add_alias(obs.name)
            continue
        if obs.name in cands or obs.name in known or _surname_owner(cands, obs.name):
            if obs.name in cands:
                cands[obs.name].absorb(obs)
            continue
        is_acr = obs.kind == "acronym"
        if not (obs.speaker or (obs.org_signal and (not is_acr or acronym_counts[obs.name] > 1))):
            continue
        kind = "organization" if obs.org_signal else "person"
        cand = cands.setdefault(
            obs.name, Candidate(obs.name, kind, obs.start, guessed=not obs.org_signal)
        )
        cand.absorb(obs)


def _states(article: Article, blocked: list[tuple[int, int]]) -> dict[str, Candidate]:
    """States that act somewhere in the article; a state named only as a place is none."""
    out: dict[str, Candidate] = {}
    acting: set[str] = set()
    text = article.text
    for sent in article.sentences:
        for m in STATE_RE.finditer(text, sent.start, sent.end):
            if any(s <= m.start() < e for s, e in blocked):
                continue
            if m.group() == "America" and text[max(0, m.start() - 8) : m.start()].endswith(
                _NOT_AMERICA
            ):
                continue
            code = STATE_TO_CODE[m.group()]
            c = BY_CODE[code]
            cand = out.setdefault(code, Candidate(c.name, "state", m.start(), country=code))
            cand.add_alias(m.group())
            if m.group() in SEATS or state_acts(text, m.start(), m.end(), sent.end):
                acting.add(code)
    return {code: cand for code, cand in out.items() if code in acting}


def find_actors(
    article: Article, anchors: Anchors | None = None
) -> tuple[list[Actor], list[Mention]]:
    """Candidate actors, each with a unique evidence quote, and their mentions."""
    spans = all_spans(article)
    observations = _observations(article, spans)
    cands = _merge(observations)
    blocked = [
        (sp.start, sp.end)
        for sp in spans
        if sp.words and " ".join(sp.words) in cands and cands[" ".join(sp.words)].kind != "person"
    ]
    cands.update({f"state:{k}": v for k, v in _states(article, blocked).items()})
    registry = Registry(article, anchors)
    for cand in cands.values():
        registry.add(
            cand.name, cand.kind, cand.aliases, cand.role, cand.country, cand.speaker, cand.guessed
        )
    actors, mentions = drop_outlets(*registry.finish(MAX_ACTORS), article.text, article.title)
    log.debug("%d actors from %d observations", len(actors), len(observations))
    return actors, mentions
