"""The scaffolder behind `briefing new`: a draft brief from an article, by rules only.

Each module holds one rule: `article` (title, dropped lines, sentences), `actors` (people,
organisations, states), `dates` (timeline), `figures`, `quotes`, and `emit` (the YAML text).
"""

from __future__ import annotations

import datetime
import logging

from generator.scaffold.actors import find_actors
from generator.scaffold.article import parse_article
from generator.scaffold.dates import find_timeline
from generator.scaffold.emit import render
from generator.scaffold.evidence import Anchors
from generator.scaffold.figures import find_figures
from generator.scaffold.model import Draft
from generator.scaffold.quotes import find_quotes
from generator.scaffold.slug import slug_for
from generator.scaffold.when import date_article

__all__ = ["build_draft", "scaffold_text", "slug_for"]

log = logging.getLogger(__name__)


def build_draft(text: str, *, seed_rel: str, today: datetime.date) -> Draft:
    """The draft brief of an article as plain data."""
    article = parse_article(text)
    anchors = Anchors(text)
    dating = date_article(article, today)
    actors, mentions = find_actors(article, anchors)
    return Draft(
        title=article.title,
        seed_rel=seed_rel,
        dating=dating,
        drop=article.drop,
        actors=actors,
        timeline=find_timeline(article, anchors, mentions, dating.as_of, dating.line),
        figures=find_figures(article, anchors),
        quotes=find_quotes(article, anchors, actors, mentions),
    )


def scaffold_text(text: str, *, seed_rel: str, today: datetime.date) -> str:
    """The full YAML text of the draft brief for `text`, stored at `seed_rel`."""
    draft = build_draft(text, seed_rel=seed_rel, today=today)
    log.debug("scaffold %s: %d actors, %d quotes", seed_rel, len(draft.actors), len(draft.quotes))
    return render(draft)
