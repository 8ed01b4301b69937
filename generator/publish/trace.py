"""Deploy's last check: no trace of a brief above ``max_tlp`` in the site it is about to push.

Exact, not a guess: for each such brief, the files the build would have written for it
(its page, annotated sources, exports, PDF, the pages of actors only it names) must be
absent, and its slug may not appear where the build writes a brief's slug: as a path part
of a link or a JSON string. Every place the build shows a brief's title links to it, so
the slug finds those too; a published page that merely shares a word with a restricted
title ("Timeline") is no trace. Slugs cannot be a generated page's name (check refuses
them), so a slug token is never one of the book's own links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.core.book import Book
from generator.core.model import publishable
from generator.errors import DeployError
from generator.render.urls import Urls


@dataclass(frozen=True)
class Restricted:
    """A brief above ``max_tlp``: none of its names may reach the published site."""

    slug: str
    title: str
    tlp: str
    actors: tuple[str, ...] = ()  # ids of actors no publishable brief names

    def site_paths(self) -> set[str]:
        """Site files the build writes for this brief (directory and plain URLs alike)."""
        sources = [Urls.brief(self.slug), *(Urls.actor(a) for a in self.actors)]
        paths = {Urls.brief_json(self.slug), Urls.annotations(self.slug), Urls.pdf(self.slug)}
        for src in sources:
            stem = src[:-3]
            paths |= {f"{stem}.html", f"{stem}/index.html"}
        return paths

    def prefixes(self) -> tuple[str, ...]:
        return (f"briefs/{self.slug}/",)

    def tokens(self) -> re.Pattern[str]:
        """The slug where the build writes a brief's slug: a link's path part, a JSON value."""
        slug = re.escape(self.slug)
        return re.compile(rf"(?<=[/\"'=]){slug}(?=[/.\"'#?])")


def restricted_briefs(book: Book) -> list[Restricted]:
    """Every valid brief of the checked book above its ``max_tlp``."""
    above = [
        d
        for d in book.briefs
        if d.brief is not None and not publishable(d.brief.tlp, book.config.max_tlp)
    ]
    shown = {
        actor.id.lower()
        for d in book.briefs
        if d.brief is not None and d.ok and d not in above
        for actor in d.brief.actors
    }
    return [
        Restricted(
            doc.slug,
            doc.brief.title,
            doc.brief.tlp,
            tuple(a.id for a in doc.brief.actors if a.id.lower() not in shown),
        )
        for doc in above
        if doc.brief is not None
    ]


def _site_files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path


def find_restricted(site: Path, items: list[Restricted]) -> list[str]:
    """One line per site file that is or names a brief above ``max_tlp``."""
    found: list[str] = []
    compiled = [(item, item.site_paths(), item.tokens()) for item in items]
    anything = re.compile("|".join(f"(?:{t.pattern})" for _, _, t in compiled) or r"(?!)")
    for path in _site_files(site):
        rel = path.relative_to(site).as_posix()
        owned = [i for i, paths, _ in compiled if rel in paths or rel.startswith(i.prefixes())]
        text = path.read_bytes().decode("utf-8", errors="ignore") if not owned else ""
        if not owned and not anything.search(text):
            continue  # the common case: one scan of the file for all restricted briefs
        for item, _, tokens in compiled:
            if item in owned:
                found.append(f"{rel}: is a page of the TLP:{item.tlp} brief '{item.slug}'")
            elif not owned and tokens.search(text):
                found.append(f"{rel}: names the TLP:{item.tlp} brief '{item.slug}'")
    return found


def check_site(max_tlp: str, site: Path, restricted: list[Restricted]) -> None:
    """Refuse a site that holds or names any brief of ``restricted`` (or is not a built site)."""
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} is not a built site (no index.html); run briefing build")
    found = find_restricted(site, restricted)
    if found:
        raise DeployError(
            f"refusing to deploy: {len(found)} file(s) of {site} hold or name briefs "
            f"above TLP:{max_tlp} (first: {found[0]})"
        )


def published_earlier(listed: list[str], restricted: list[Restricted]) -> list[Restricted]:
    """The restricted briefs whose files the branch's last commit (``listed``) still holds."""
    files = set(listed)
    return [
        item
        for item in restricted
        if files & item.site_paths() or any(f.startswith(item.prefixes()) for f in files)
    ]
