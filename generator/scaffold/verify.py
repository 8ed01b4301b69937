"""Self-check of a rendered draft, by the core's own rules: the brief loads and validates,
every quote anchors exactly (never approximately), and no lint or reference rule of
``briefing check`` finds an error.

The scaffold's tests run this on every corpus article; `briefing check` remains the judge.
"""

from __future__ import annotations

from pathlib import Path

from generator.core import lint, refs
from generator.core.anchor import Article
from generator.core.config import Config
from generator.core.evidence import anchor_brief
from generator.core.load import load_yaml
from generator.core.validate import validate
from generator.errors import InputError, Problem

DRAFT_PATH = "briefs/draft.yml"


def problems(yaml_text: str, text: str) -> list[str]:
    """Everything wrong with a rendered draft of `text`; empty when it is sound."""
    try:
        located = load_yaml(yaml_text, DRAFT_PATH)
    except InputError as exc:
        return _errors(exc.problems)
    brief, found = validate(located)
    if brief is None:
        return _errors(found)
    source = brief.sources[0]
    articles = {source.id: Article(source.id, source.file, text, tuple(source.drop))}
    cited, anchored = anchor_brief(brief, located, articles)
    context = lint.LintContext(brief, located, articles, cited, Config(root=Path(".")))
    index = refs.RefIndex()
    checked = [
        *found,
        *anchored,
        *lint.lint_brief(context),
        *refs.duplicate_problems(context, index.add("draft", brief)),
        *refs.reference_problems(context, "draft", index),
        *refs.actor_problems(context),
    ]
    out = _errors(checked)
    out += [
        f"{'.'.join(map(str, c.loc))}: anchored {c.anchor.status}, not exactly: {c.quote!r}"
        for c in cited
        if c.anchor.status != "exact"
    ]
    if not brief.summary.startswith("DRAFT:"):
        out.append("summary is not the DRAFT placeholder")
    return out


def _errors(found: list[Problem]) -> list[str]:
    return [p.format() for p in sorted(found) if p.is_error]
