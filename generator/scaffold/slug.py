"""Slugs for brief files and actor ids: lowercase letters, digits and hyphens."""

from __future__ import annotations

import pathlib
import re
import unicodedata

MAX_ID = 64
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_len: int = MAX_ID) -> str:
    """ASCII slug of `text` ("Shigeru Ishiba" -> "shigeru-ishiba"); may be empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM_RE.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug.strip("-")


def slug_for(seed: pathlib.Path) -> str:
    """Brief slug from a seed file's stem, prefixed by its folder when the stem has no letter."""
    stem = slugify(seed.stem, 100)
    if not any(c.isalpha() for c in stem):
        folder = slugify(seed.parent.name, 60) if seed.parent.name not in ("", ".", "..") else ""
        stem = "-".join(x for x in (folder or "article", stem) if x)
    return stem or "article"


def unique_id(base: str, taken: set[str]) -> str:
    """`base` (or "actor" when empty), suffixed with -2, -3... until not in `taken`."""
    base = base or "actor"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        n += 1
    taken.add(candidate)
    return candidate
