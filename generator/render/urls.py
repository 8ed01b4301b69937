"""Where each generated page lives (its ``src_uri`` in the docs tree) and links between them.

Links inside generated HTML are relative, so the site works under any sub-path
(``https://owner.github.io/repo/``) and from ``file://`` (offline copy).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = True

    # Source paths of generated pages, relative to the docs tree.
    home = "index.md"
    briefs_index = "briefs/index.md"
    actors_index = "actors/index.md"
    risks = "risks.md"
    timeline = "timeline.md"
    tags = "tags.md"
    methodology = "methodology.md"  # hand-written (docs/): estimative language, scores
    css = "assets/briefing/briefing.css"
    js = "assets/briefing/briefing.js"
    book_json = "data/index.json"

    @staticmethod
    def brief(slug: str) -> str:
        return f"briefs/{slug}.md"

    @staticmethod
    def article(slug: str, source_id: str) -> str:
        return f"briefs/{slug}/source-{source_id.lower()}.md"

    @staticmethod
    def month(year: int, month: int) -> str:
        return f"briefs/{year}/{month:02d}.md"

    @staticmethod
    def timeline_part(label: str) -> str:
        """A year (``2005``) or a month (``2005-03``) of a split timeline."""
        return f"timeline/{label}.md"

    @staticmethod
    def actors_letter(letter: str) -> str:
        """A letter's page of a split actors index (``a``; other letters by code point)."""
        name = "".join(c if c.isascii() and c.isalnum() else f"u{ord(c):04x}" for c in letter)
        return f"actors/letter/{name.lower()}.md"

    @staticmethod
    def actor(actor_id: str) -> str:
        return f"actors/{actor_id.lower()}.md"

    @staticmethod
    def brief_json(slug: str) -> str:
        return f"data/{slug}.json"

    @staticmethod
    def annotations(slug: str) -> str:
        return f"data/{slug}.annotations.jsonld"

    @staticmethod
    def stix(slug: str) -> str:
        return f"data/{slug}.stix.json"

    @staticmethod
    def pdf(slug: str) -> str:
        return f"pdf/{slug}.pdf"

    def url(self, src: str) -> str:
        """The site-relative URL MkDocs gives ``src`` (``briefs/x.md`` -> ``briefs/x/``)."""
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5]
        return f"{stem}/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from the page of ``from_src`` to ``to_src`` (plus ``#anchor``)."""
        return _relative(self, from_src, to_src) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(urls: Urls, from_src: str, to_src: str) -> str:
    """Memoised: a book of thousands of briefs asks for the same links again and again."""
    here = urls.url(from_src)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target = urls.url(to_src)
    rel = relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def relpath(target: str, base: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its two ``abspath`` calls
    (a system call each): a third of the cost of linking a big book's pages."""
    if ".." in target.split("/") or ".." in base.split("/"):
        return posixpath.relpath(target, base)
    to = [part for part in target.split("/") if part not in ("", ".")]
    at = [part for part in base.split("/") if part not in ("", ".")]
    same = 0
    while same < len(to) and same < len(at) and to[same] == at[same]:
        same += 1
    return "/".join([".."] * (len(at) - same) + to[same:]) or "."
