"""The generator's configuration: the ``briefing`` entry of ``mkdocs.yml`` (one config file)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.errors import ConfigError, OptionError, error, excerpt

from .files import clash_with_inputs, is_within
from .model import TLP_LEVELS


@dataclass(frozen=True)
class Config:
    root: Path
    briefs_dir: str = "briefs"
    seeds_dir: str = "seeds"
    max_tlp: str = "CLEAR"
    pdf: bool = False
    drafts: bool = False
    templates_dir: str | None = None
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str = ""

    @property
    def briefs_path(self) -> Path:
        return self.root / self.briefs_dir

    @property
    def seeds_path(self) -> Path:
        return self.root / self.seeds_dir

    def with_options(self, **options: Any) -> Config:
        return replace(self, **options)


OPTION_NAMES = ("briefs_dir", "seeds_dir", "max_tlp", "pdf", "drafts", "templates_dir")
INPUT_DIRS = ("briefs_dir", "seeds_dir", "templates_dir")


def make_config(
    root: Path, options: dict[str, Any], site_url: str = "", docs_dir: Path | None = None
) -> Config:
    """Check plugin options and build a :class:`Config`; raise :class:`OptionError`."""
    for name in sorted(set(options) - set(OPTION_NAMES)):
        close = difflib.get_close_matches(name, OPTION_NAMES, n=1)
        raise OptionError(
            name,
            f"unknown briefing option '{name}'",
            f"did you mean '{close[0]}'?" if close else "expected " + ", ".join(OPTION_NAMES),
            key=True,
        )
    level = str(options.get("max_tlp", "CLEAR")).strip().upper().removeprefix("TLP:")
    if level not in TLP_LEVELS:
        raise OptionError(
            "max_tlp",
            f"max_tlp: expected one of {', '.join(TLP_LEVELS)}; found '{excerpt(level, 40)}'",
            "a TLP 2.0 level, in any case, 'TLP:' prefix accepted",
        )
    for name in ("briefs_dir", "seeds_dir", "templates_dir"):
        value = options.get(name)
        if value is not None and (Path(str(value)).is_absolute() or ".." in Path(str(value)).parts):
            raise OptionError(
                name,
                f"{name}: expected a folder inside the project; found '{excerpt(value, 60)}'",
                "a relative path without '..', such as 'briefs'",
            )
    kept = {k: v for k, v in options.items() if k != "max_tlp" and v is not None}
    config = Config(root=root.resolve(), max_tlp=level, site_url=site_url, **kept)
    refuse_inputs_in_docs(config, config.root / (docs_dir or "docs"))
    return config


def refuse_inputs_in_docs(config: Config, docs: Path) -> None:
    """MkDocs copies everything under ``docs_dir`` into the site: an input folder there (a
    RED brief, its article, the templates) would be published raw. A located ConfigError."""
    for name in INPUT_DIRS:
        value = getattr(config, name)
        if value is None or not is_within(config.root / value, docs):
            continue
        line, col = option_position(config.root / "mkdocs.yml", name)
        raise ConfigError(
            error(
                "mkdocs.yml",
                line,
                col,
                f"{name} '{value}' is inside docs_dir '{shown(docs, config.root)}': MkDocs "
                "would copy its raw files (briefs above max_tlp, their articles) into the site",
                f"keep {name} beside docs_dir, e.g. {name}: {Path(value).name}",
                code="input-in-docs",
            ).format()
        )


def input_paths(config: Config, docs: Path) -> list[Path]:
    """Everything the build reads: replacing a folder that holds one would destroy it."""
    folders = [config.briefs_path, config.seeds_path, docs]
    if config.templates_dir:
        folders.append(config.root / config.templates_dir)
    return [config.root / "mkdocs.yml", *folders]


def refuse_site_dir(config: Config, docs: Path, site: Path, *, from_option: str = "") -> None:
    """The site folder is deleted and replaced by each build: it may not be, hold or lie
    inside an input, the project, or a parent of it. A located ConfigError for ``site_dir``
    in mkdocs.yml; ``from_option`` names the command-line option it came from instead."""
    clash = clash_with_inputs(site, input_paths(config, docs))
    if clash is None:
        return
    message = f"site folder refused: {clash}; a build replaces the whole site folder"
    hint = "use a folder of its own for the site, e.g. site"
    if from_option:
        raise ConfigError(f"{from_option}: {message}; hint: {hint}")
    line, col = option_position(config.root / "mkdocs.yml", "site_dir")
    raise ConfigError(error("mkdocs.yml", line, col, message, hint, code="site-dir").format())


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def option_position(path: Path, name: str) -> tuple[int, int]:
    """Line and column of the option ``name:`` in ``mkdocs.yml`` (1, 1 when not written)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return (1, 1)
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(f"{name}:"):
            return (number, len(line) - len(line.lstrip()) + 1)
    return (1, 1)
