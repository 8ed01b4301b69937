"""``briefing new``: draft briefs from articles, never overwriting an existing brief."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.core.config import Config
from generator.core.files import write_atomic
from generator.core.load import MAX_ARTICLE_BYTES, read_text
from generator.errors import InputError
from generator.scaffold import scaffold_text, slug_for


@dataclass(frozen=True)
class Outcome:
    seed: str
    brief: str
    created: bool
    exists: bool = False
    message: str = ""

    def line(self) -> str:
        if self.created:
            return f"{self.brief}: drafted from {self.seed}"
        if self.exists:
            return f"{self.brief}: exists, left as it is (remove it to draft again)"
        return f"{self.seed}:1:1: error: {self.message}"


def draft_briefs(config: Config, seeds: list[Path]) -> list[Outcome]:
    return [draft_brief(config, seed) for seed in seeds]


def draft_brief(config: Config, seed: Path) -> Outcome:
    """Draft ``briefs/<slug>.yml`` for one article (copied into seeds/ if it is elsewhere)."""
    try:
        seed_path = into_seeds(config, seed)
    except ValueError as exc:
        return Outcome(str(seed), "", False, message=str(exc))
    seed_rel = seed_path.relative_to(config.root).as_posix()
    slug = slug_for(seed_path)
    target = config.briefs_path / f"{slug}.yml"
    shown = target.relative_to(config.root).as_posix()
    if target.exists():
        return Outcome(seed_rel, shown, False, exists=True)
    try:
        text = read_text(seed_path, seed_rel, limit=MAX_ARTICLE_BYTES, what="article")
    except InputError as exc:
        return Outcome(seed_rel, shown, False, message=exc.problems[0].message)
    write_atomic(target, scaffold_text(text, seed_rel=seed_rel, today=config.today))
    return Outcome(seed_rel, shown, True)


def into_seeds(config: Config, seed: Path) -> Path:
    """The article's place under seeds/: where it is, or a byte-for-byte copy put there."""
    seeds = config.seeds_path.resolve()
    real = seed.resolve()
    if real.is_relative_to(seeds):
        return real
    copy = seeds / seed.name
    if copy.exists() and copy.read_bytes() != real.read_bytes():
        raise ValueError(f"seeds/{seed.name} exists with other content; rename the article")
    if not copy.exists():
        seeds.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real, copy)
    return copy
