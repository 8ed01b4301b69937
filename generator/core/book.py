"""The book's types: one :class:`BriefDoc` per brief file, the :class:`Book` of them all.

A brief with errors is still a :class:`BriefDoc` (with ``brief=None`` when it could not be
validated), so callers can report it; the stages that fill these in are listed in
:mod:`generator.build`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem

from . import evidence, refs
from .anchor import Article
from .config import Config
from .load import Located
from .model import Brief
from .validate import validate

log = logging.getLogger(__name__)


@dataclass
class BriefDoc:
    slug: str
    path: str
    file: Path
    located: Located | None = None
    brief: Brief | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    cited: list[evidence.Cited] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the anchors differ from the brief's lock file (``briefing check`` then rewrites it)
    anchors_moved: bool = False
    #: the brief's item ids (:func:`refs.ids_of`), found when it is checked: a preview links
    #: and indexes the whole book again at each save, reusing them for the unchanged briefs
    targets: tuple[refs.Target, ...] = ()

    @property
    def ok(self) -> bool:
        return self.brief is not None and not any(p.is_error for p in self.problems)

    def __getstate__(self) -> dict[str, object]:
        """What a check worker sends back. The brief is not pickled but validated again
        from the located data on arrival (the same function, so the same brief): about a
        quarter of the cost of pickling and unpickling its models (measured at 2,225
        briefs), and no bytes of its own, since the located data travels anyway."""
        state = dict(self.__dict__)
        state["brief"] = state["brief"] is not None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        if self.brief and self.located is not None:
            self.brief = validate(self.located)[0]
        else:
            self.brief = None


@dataclass
class Book:
    config: Config
    briefs: list[BriefDoc]
    index: refs.RefIndex

    @property
    def problems(self) -> list[Problem]:
        return sorted(p for doc in self.briefs for p in doc.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def discover(config: Config, paths: list[Path] | None = None) -> list[Path]:
    """Brief files: the given files and folders, or every ``*.yml`` in the briefs folder."""
    found: list[Path] = []
    for path in paths or [config.briefs_path]:
        if not paths and not path.exists():
            log.warning("no briefs folder at %s", path)
            continue
        if path.is_dir():
            found.extend(path / name for name in brief_names(path))
        else:
            found.append(path)
    return found


def brief_names(folder: Path) -> list[str]:
    """The ``*.yml`` files of a folder (hidden ones too: a ``.old.yml`` is reported as no
    slug, not skipped), sorted by name: one directory read, no ``stat`` of each file where
    the folder tells its type."""
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if e.name.endswith(".yml") and e.is_file()]
    return sorted(names)


def shown_path(config: Config, file: Path) -> str:
    try:
        return file.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return file.as_posix()
