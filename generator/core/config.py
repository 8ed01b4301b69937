"""The generator's configuration: the ``briefing`` entry of ``mkdocs.yml`` (one config file)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.errors import OptionError, excerpt

from .model import TLP_LEVELS


@dataclass(frozen=True)
class Config:
    root: Path
    briefs_dir: str = "briefs"
    seeds_dir: str = "seeds"
    max_tlp: str = "CLEAR"
    pdf: bool = False
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


OPTION_NAMES = ("briefs_dir", "seeds_dir", "max_tlp", "pdf", "templates_dir")


def make_config(root: Path, options: dict[str, Any], site_url: str = "") -> Config:
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
    return Config(root=root.resolve(), max_tlp=level, site_url=site_url, **kept)
