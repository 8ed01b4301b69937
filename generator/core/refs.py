"""Ids and references across the book: duplicate ids, references, actor references.

A reference is ``[@id]`` (the item's short name) or ``[words](@id)`` (the analyst's
words link to the item). Either resolves in the brief that contains it first, then to an
actor anywhere in the book (actors merge by id), then to an item id that only one other brief has.
``[@slug/id]`` names the brief. Anything else is an error, never a guess.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.errors import Problem, error, warning

from .lint import LintContext, markdown_fields
from .load import Path_
from .model import Brief

REF = re.compile(r"\[@([^\]\s]{1,130})\](?!\(@)")
REF_LINK = re.compile(r"\]\(@([^)\s]{1,130})\)")


def references(text: str) -> Iterator[tuple[str, str, int]]:
    """Every reference of a Markdown text: (ref, its text as written, offset), in order."""
    found = [(m.group(1), m.group(0), m.start()) for m in REF.finditer(text)]
    found += [(m.group(1), m.group(0), m.start()) for m in REF_LINK.finditer(text)]
    return iter(sorted(found, key=lambda r: r[2]))


ID_SECTIONS = {"actors": "actor", "judgments": "judgment", "risks": "risk", "timeline": "event"}


@dataclass(frozen=True)
class Target:
    slug: str
    kind: str
    id: str
    loc: Path_


@dataclass
class RefIndex:
    """Every id of the book: per brief, and actors book-wide."""

    by_brief: dict[str, dict[str, Target]] = field(default_factory=dict)
    by_id: dict[str, list[Target]] = field(default_factory=dict)
    #: Briefs above max_tlp: a publishable brief may not reference their items.
    restricted: dict[str, str] = field(default_factory=dict)

    def add(
        self, slug: str, brief: Brief, targets: Sequence[Target] = ()
    ) -> list[tuple[Target, Target]]:
        """Index a brief's ids (``targets``, if already found by :func:`ids_of`); return
        (first, duplicate) pairs within it."""
        own, duplicates = own_ids(slug, brief, targets)
        for key, target in own.items():
            self.by_id.setdefault(key, []).append(target)
        self.by_brief[slug] = own
        return duplicates

    def replace(
        self, slug: str, brief: Brief, targets: Sequence[Target] = ()
    ) -> list[tuple[Target, Target]]:
        """Put a brief's ids where its previous ones were, as :meth:`add` does. The caller
        has made sure they are the same kinds and ids (:func:`id_key`): each takes its
        predecessor's place in ``by_id``, so references resolve as after adding the whole
        book again."""
        own, duplicates = own_ids(slug, brief, targets)
        for key, target in own.items():
            found = self.by_id[key]
            found[next(i for i, t in enumerate(found) if t.slug == slug)] = target
        self.by_brief[slug] = own
        return duplicates

    def resolve(self, ref: str, slug: str) -> Target | str:
        """The target of ``[@ref]`` written in brief ``slug``, or why there is none."""
        if "/" in ref:
            other, _, ident = ref.partition("/")
            found = self.by_brief.get(other, {}).get(ident.lower())
            if found and not self.visible(found, slug):
                return self._withheld(ref, found)
            return found or f"unknown reference [@{ref}]"
        local = self.by_brief.get(slug, {}).get(ref.lower())
        if local:
            return local
        every = self.by_id.get(ref.lower(), [])
        targets = [t for t in every if self.visible(t, slug)]
        actors = [t for t in targets if t.kind == "actor"]
        if actors:
            return actors[0]
        if len(targets) == 1:
            return targets[0]
        if every and not targets:
            return self._withheld(ref, every[0])
        if targets:
            return f"[@{ref}] is ambiguous: " + ", ".join(f"[@{t.slug}/{t.id}]" for t in targets)
        return f"unknown reference [@{ref}]"

    def visible(self, target: Target, slug: str) -> bool:
        """A publishable brief sees only publishable briefs' items; a restricted one, all."""
        return slug in self.restricted or target.slug not in self.restricted

    def _withheld(self, ref: str, target: Target) -> str:
        level = self.restricted[target.slug]
        return (
            f"[@{ref}] names the {target.kind} '{target.id}' of the brief '{target.slug}' "
            f"(TLP:{level}, above max_tlp): a published brief may not reference it"
        )

    def known(self, slug: str) -> list[str]:
        return sorted(t.id for t in self.by_brief.get(slug, {}).values())


def own_ids(
    slug: str, brief: Brief, targets: Sequence[Target] = ()
) -> tuple[dict[str, Target], list[tuple[Target, Target]]]:
    """A brief's ids by lower-case key (the first of each), and (first, duplicate) pairs."""
    own: dict[str, Target] = {}
    duplicates = []
    for target in targets or ids_of(slug, brief):
        key = target.id.lower()
        if key in own:
            duplicates.append((own[key], target))
        else:
            own[key] = target
    return own, duplicates


def id_key(slug: str, brief: Brief, targets: Sequence[Target] = ()) -> tuple[tuple[str, str], ...]:
    """What other briefs' references resolve against in this brief: its ids and their kinds
    (not where in the brief they are)."""
    return tuple((t.kind, t.id) for t in own_ids(slug, brief, targets)[0].values())


def ids_of(slug: str, brief: Brief) -> Iterator[Target]:
    for section, kind in ID_SECTIONS.items():
        for i, item in enumerate(getattr(brief, section)):
            if item.id:
                yield Target(slug, kind, item.id, (section, i, "id"))


def duplicate_problems(ctx: LintContext, pairs: list[tuple[Target, Target]]) -> list[Problem]:
    problems = []
    for first, again in pairs:
        line = ctx.located.where(first.loc)[0]
        problems.append(
            error(
                *ctx.at(again.loc),
                f"duplicate id '{again.id}' (first used by the {first.kind} at line {line})",
                "ids are unique in a brief",
                code="duplicate-id",
            )
        )
    return problems


def reference_problems(ctx: LintContext, slug: str, index: RefIndex) -> list[Problem]:
    """Unknown references (either form), located at the reference: the problems that
    depend on other briefs (those of one brief alone are :func:`actor_problems`)."""
    problems = []
    for loc, text in markdown_fields(ctx.brief):
        for ref, written, offset in references(text):
            found = index.resolve(ref, slug)
            if isinstance(found, str):
                problems.append(
                    error(
                        *ctx.at_text(loc, text, offset, offset + len(written)),
                        found if written.startswith("[@") else f"{found} in {written}",
                        _suggest(ref, index, slug),
                        code="unknown-ref",
                    )
                )
    return problems


def _suggest(ref: str, index: RefIndex, slug: str) -> str:
    close = difflib.get_close_matches(ref, index.known(slug), n=1)
    return (
        f"did you mean [@{close[0]}]?"
        if close
        else "ids in this brief: " + ", ".join(index.known(slug)[:12])
    )


def actor_refs(brief: Brief) -> Iterator[tuple[Path_, str]]:
    for i, relation in enumerate(brief.relations):
        yield ("relations", i, "from"), relation.from_
        yield ("relations", i, "to"), relation.to
    for i, event in enumerate(brief.timeline):
        for k, ident in enumerate(event.actors):
            yield ("timeline", i, "actors", k), ident
    for i, risk in enumerate(brief.risks):
        for k, ident in enumerate(risk.actors):
            yield ("risks", i, "actors", k), ident
    for i, quote in enumerate(brief.quotes):
        if quote.speaker:
            yield ("quotes", i, "speaker"), quote.speaker


def actor_problems(ctx: LintContext) -> list[Problem]:
    """Unknown actor ids and unused actors: checked with the brief (its articles at hand),
    not when the book is linked."""
    actors = {a.id for a in ctx.brief.actors}
    problems = []
    for loc, ident in actor_refs(ctx.brief):
        if ident not in actors:
            problems.append(
                error(
                    *ctx.at(loc),
                    f"unknown actor id '{ident}'",
                    "expected one of: " + (", ".join(sorted(actors)) or "(none)"),
                    code="unknown-actor",
                )
            )
    return problems + unused_actors(ctx)


def unused_actors(ctx: LintContext) -> list[Problem]:
    """An actor neither cited (evidence, references, links) nor mentioned in the article."""
    cited = {ident for _, ident in actor_refs(ctx.brief)}
    for _, text in markdown_fields(ctx.brief):
        cited.update(ref for ref, _, _ in references(text))
    texts = [article.normal.text for article in ctx.articles.values()]
    problems = []
    for i, actor in enumerate(ctx.brief.actors):
        if actor.evidence or actor.id in cited:
            continue
        names = [actor.name, *(actor.aliases), *([actor.native_name] if actor.native_name else [])]
        if not any(name and name in text for name in names for text in texts):
            problems.append(
                warning(
                    *ctx.at(("actors", i)),
                    f"actor '{actor.id}' is neither cited nor mentioned in the source",
                    "add evidence, or an alias the article uses",
                    code="unused-actor",
                )
            )
    return problems
