"""The project: its ``mkdocs.yml`` found, then read and validated by MkDocs itself.

One reader for every command and for MkDocs alike: the generator's :class:`Config` is
taken from MkDocs' own validated configuration (``!ENV`` resolved, the first ``briefing``
entry), and :mod:`generator.core.mkdocs_yml` places every mistake at its line and column
(duplicate keys and a second ``briefing`` entry are refused, where MkDocs would take them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.core.config import Config, make_config
from generator.core.mkdocs_yml import NAME, Layout, mkdocs_problems, option_problem, read_layout
from generator.errors import ConfigError, OptionError, Problem, ProjectNotFound, error, excerpt


@dataclass
class Project:
    config: Config
    mkdocs: MkDocsConfig
    #: MkDocs' validation warnings, located (unknown top-level names and the like)
    warnings: list[Problem] = field(default_factory=list)


def find_root(start: Path, exact: bool = False) -> Path:
    """The nearest folder at or above ``start`` that holds mkdocs.yml, as git finds .git
    (``exact``: only ``start`` itself, a folder named with ``--root``)."""
    start = start.absolute()
    for folder in (start,) if exact else (start, *start.parents):
        if (folder / NAME).is_file():
            return folder
    where = f"in {start}" if exact else f"in {start} or any folder above it"
    raise ProjectNotFound(
        f"no {NAME} {where}; hint: run briefing inside a project (cd into the folder that "
        "holds mkdocs.yml) or point at one with 'briefing --root DIR ...'"
    )


def load_project(root: Path, **overrides: Any) -> Project:
    """Read ``root/mkdocs.yml`` as MkDocs does; raise :class:`ConfigError`, located."""
    path = root / NAME
    layout = read_layout(path)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_cfg = MkDocsConfig(config_file_path=str(path))
    try:
        with path.open("rb") as fd:
            mkdocs_cfg.load_file(fd)
        mkdocs_cfg.load_dict({k: v for k, v in overrides.items() if v is not None})
        errors, warnings = mkdocs_cfg.validate()
    except MkDocsException as exc:
        raise ConfigError([error(layout.shown, 1, 1, excerpt(str(exc), 300))]) from None
    problems = mkdocs_problems(layout, errors, warnings)
    if any(p.is_error for p in problems) or (problems and mkdocs_cfg.strict):
        raise ConfigError(sorted(p.as_error() for p in problems))
    return Project(project_config(layout, mkdocs_cfg), mkdocs_cfg, problems)


def project_config(layout: Layout, mkdocs_cfg: MkDocsConfig) -> Config:
    """The generator's settings from MkDocs' validated configuration."""
    plugin = mkdocs_cfg.plugins.get("briefing")
    options = dict(plugin.config) if plugin is not None else {}
    root = Path(mkdocs_cfg.config_file_path or NAME).parent
    try:
        return make_config(root, options, mkdocs_cfg.site_url or "", Path(mkdocs_cfg.docs_dir))
    except OptionError as exc:
        raise ConfigError([option_problem(layout, exc)]) from None


def read_config(root: Path) -> Config:
    """The generator's settings of the project at ``root``."""
    return load_project(root).config
