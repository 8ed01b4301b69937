"""W3C Web Annotation export: a brief's evidence anchors as an ``AnnotationCollection``.

The Web Annotation Data Model wants IRIs, and a relative path is not one, so every ``id``
and ``target.source`` is absolute whether or not the book has a ``site_url``:

- the collection, its page and each annotation are named under ``site_url`` when the book
  has one (the export's own URL), else by ``urn:uuid:`` names (:mod:`.ids`); with a
  ``site_url``, each annotation's ``canonical`` is its ``urn:uuid:`` name, the same
  wherever the book is published;
- ``target.source`` is the article's own ``url`` when the brief's source gives one, else
  ``urn:sha256:`` of the article file as received; with a ``site_url``, the target's
  ``via`` is the site's copy of the article at the passage (where the positions were taken);
- every target keeps a ``TextQuoteSelector`` (exact, prefix, suffix) and a
  ``TextPositionSelector`` (start/end in code points of the original file).

Each annotation repeats the ``@context`` so that it stands on its own when taken out.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.book import BriefDoc
from generator.core.load import Path_
from generator.core.model import Brief

from .annotate import Note, notes_of
from .export import Json, Labels, item_name, labels_for, plain, published_brief
from .ids import absolute_url, article_urn, urn_uuid
from .urls import Urls

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


@dataclass(frozen=True)
class AnnotationIris:
    """Where a brief's annotations live: under ``site_url``, else ``urn:uuid:`` names."""

    slug: str
    urls: Urls
    site_url: str

    @property
    def root(self) -> str:
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def _under_site(self, src: str, fragment: str = "") -> str:
        return self.root + self.urls.url(src) + (f"#{fragment}" if fragment else "")

    @property
    def collection(self) -> str:
        if self.root:
            return self._under_site(Urls.annotations(self.slug))
        return urn_uuid(self.slug, "annotations")

    @property
    def page(self) -> str:
        if self.root:
            return self._under_site(Urls.annotations(self.slug), "page-1")
        return urn_uuid(self.slug, "annotations", "page-1")

    def annotation(self, note: Note, item: str) -> tuple[str, str]:
        """(id, canonical name) of the annotation of ``note``: named by the citing item and
        the place of the evidence in it (``risks/tariffs/evidence/0``), not by its number."""
        canonical = urn_uuid(self.slug, item, *map(str, note.cited.loc[2:]))
        if self.root:
            return self._under_site(Urls.annotations(self.slug), note.anchor_id), canonical
        return canonical, canonical

    def site_passage(self, source_id: str, note: Note) -> str:
        """The site's annotated copy of the article at the passage ("" without site_url)."""
        if not self.root:
            return ""
        return self._under_site(Urls.article(self.slug, source_id), note.anchor_id)


def describe(brief: Brief, item: Path_, labels: Labels) -> str:
    """What cites a passage: ``risk: Renewed U.S. tariffs on Japanese exports``."""
    section, i = str(item[0]), int(item[1])
    obj = getattr(brief, section)[i]
    names = {a.id: a.name for a in brief.actors}
    if section == "judgments":
        return f"judgment {i + 1}: {plain(obj.text, labels)}"
    if section in ("relations", "figures"):
        head = (
            f"relation: {names.get(obj.from_, obj.from_)} → {names.get(obj.to, obj.to)}"
            if section == "relations"
            else f"figure: {obj.value}"
        )
        return head + (f" ({obj.label})" if obj.label else "")
    if section == "timeline":
        return f"event {obj.date}: {plain(obj.event, labels)}"
    if section == "quotes":
        return "quote: " + names.get(obj.speaker or "", obj.speaker or "unattributed")
    return f"actor: {obj.name}" if section == "actors" else f"risk: {obj.title}"


def article_iri(doc: BriefDoc, source_id: str) -> str:
    """The article's own ``url`` when its source gives an absolute one, else its digest."""
    brief = published_brief(doc)
    source = next((s for s in brief.sources if s.id == source_id), None)
    return absolute_url(source.url if source else None) or article_urn(doc.articles[source_id].text)


def _target(doc: BriefDoc, note: Note, iris: AnnotationIris, source: str) -> Json:
    anchor = note.cited.anchor
    text = doc.articles[anchor.source_id].text
    target: Json = {
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": anchor.matched,
                "prefix": text[max(0, anchor.start - CONTEXT_CHARS) : anchor.start],
                "suffix": text[anchor.end : anchor.end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        ],
    }
    via = iris.site_passage(anchor.source_id, note)
    if via:
        target["via"] = [via]
    return target


def _annotation(
    doc: BriefDoc, note: Note, iris: AnnotationIris, labels: Labels, sources: dict[str, str]
) -> Json:
    brief = published_brief(doc)
    ident, canonical = iris.annotation(note, item_name(brief, note.cited.item))
    annotation: Json = {
        "@context": CONTEXT,
        "type": "Annotation",
        "id": ident,
        "motivation": "highlighting",
        "body": {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": describe(brief, note.cited.item, labels),
        },
        "target": _target(doc, note, iris, sources[note.cited.anchor.source_id]),
    }
    if canonical != ident:
        annotation["canonical"] = canonical
    return annotation


def annotations_jsonld(doc: BriefDoc, urls: Urls, site_url: str = "") -> Json:
    """The evidence anchors of a brief as a W3C Web Annotation ``AnnotationCollection``."""
    brief = published_brief(doc)
    iris = AnnotationIris(doc.slug, urls, site_url)
    labels = labels_for(doc)
    sources = {source_id: article_iri(doc, source_id) for source_id in doc.articles}
    items = [
        _annotation(doc, note, iris, labels, sources)
        for note in notes_of(doc)
        if note.cited.anchor.source_id in doc.articles
    ]
    return {
        "@context": CONTEXT,
        "id": iris.collection,
        "type": "AnnotationCollection",
        "label": f"Evidence for: {brief.title}",
        "total": len(items),
        "first": {
            "id": iris.page,
            "type": "AnnotationPage",
            "partOf": iris.collection,
            "startIndex": 0,
            "items": items,
        },
        "last": iris.page,
    }
