"""The generator's configuration: the ``briefing`` entry of ``mkdocs.yml`` (one config file)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from generator.errors import ConfigError

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


def make_config(root: Path, options: dict[str, Any], site_url: str = "") -> Config:
    """Check plugin options and build a :class:`Config`."""
    unknown = sorted(set(options) - set(OPTION_NAMES))
    if unknown:
        raise ConfigError(
            f"unknown briefing option(s): {', '.join(unknown)}; expected {', '.join(OPTION_NAMES)}"
        )
    level = str(options.get("max_tlp", "CLEAR")).strip().upper().removeprefix("TLP:")
    if level not in TLP_LEVELS:
        raise ConfigError(f"max_tlp: expected one of {', '.join(TLP_LEVELS)}; found '{level}'")
    for name in ("briefs_dir", "seeds_dir", "templates_dir"):
        value = options.get(name)
        if value is not None and (Path(str(value)).is_absolute() or ".." in Path(str(value)).parts):
            raise ConfigError(f"{name}: expected a folder inside the project; found '{value}'")
    kept = {k: v for k, v in options.items() if k != "max_tlp" and v is not None}
    return Config(root=root.resolve(), max_tlp=level, site_url=site_url, **kept)


class _LenientConstructor(SafeConstructor):
    """mkdocs.yml may hold ``!!python/name:`` and ``!ENV`` tags; we need none of them."""


_LenientConstructor.add_constructor(None, lambda loader, node: None)


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data, its Python and ``!ENV`` tags ignored."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _LenientConstructor
    try:
        data = yaml.load(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # any YAML problem in mkdocs.yml is a config error
        raise ConfigError(f"{path.name}: cannot read: {exc}") from None
    return data if isinstance(data, dict) else {}


def read_config(root: Path) -> Config:
    """The ``briefing`` plugin options from ``root/mkdocs.yml`` (defaults if there is none)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return make_config(root, {})
    data = load_mkdocs_yml(path)
    return make_config(
        root, plugin_options(data.get("plugins") or []), str(data.get("site_url") or "")
    )


def plugin_options(plugins: list[Any] | dict[str, Any]) -> dict[str, Any]:
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    )
    for name, options in entries:
        if name == "briefing":
            return dict(options or {})
    return {}
