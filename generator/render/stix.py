"""STIX 2.1 export: one published brief as a bundle that MISP / OpenCTI-style tools take in.

Written as plain JSON data, exactly as the OASIS ``stix2`` library serializes the same
objects: building them with the library checked every property again at some 2 ms a
brief, a third of rendering a brief. The tests hold each bundle to the library and to the
OASIS validator instead (``tests/test_stix.py``, ``tests/test_standards.py``).

- A ``report`` (the brief: title, summary, ``published`` = ``as_of``, tags as labels, each
  source article as an external reference with the SHA-256 of the copy the evidence was
  anchored in) whose ``object_refs`` name the brief's actors and its notes.
- Actors, conservatively: ``person`` -> ``identity`` (individual); ``organization`` ->
  ``identity`` (organization); ``state`` -> ``location`` with its ISO 3166 ``country`` when
  the brief gives one, else ``identity`` (organization, sector government-national);
  ``group`` -> ``identity`` (group), never ``threat-actor``: a brief does not say who is
  hostile; no kind -> ``identity`` (unknown). A Wikidata id is an external reference.
- Judgments and risks -> ``note`` objects (the analyst's own analysis, not an ``opinion``
  on someone else's object), each about the report and the actors it names.
- Confidence: the brief's ICD 203 ``confidence`` (low / moderate / high, which rates the
  evidence) on the STIX 2.1 Appendix A "None / Low / Med / High" scale: low 15,
  moderate 50, high 85. The ICD 203 likelihood term rates probability, not confidence,
  so it is not mapped onto ``confidence``; it stays in the note's text with its range.
- Markings: the official TLP 2.0 marking definition of the brief's level (the OASIS TLP 2.0
  extension, fixed ids) is in the bundle and on every object.
- Ids are name-based (:func:`.ids.stix_id`) and timestamps come from ``as_of``, never the
  clock: a re-export of the same brief is the same bundle, and a consumer updates the
  objects it already has instead of adding copies.
"""

from __future__ import annotations

import re
from typing import Any

from generator.core.book import BriefDoc
from generator.core.model import LIKELIHOOD_TERMS, RELIABILITY_GRADES, Actor, Brief, Judgment, Risk

from .export import Labels, dump_json, labels_for, plain, published_brief
from .ids import absolute_url, stix_id, text_digest
from .index import BookIndex

TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_MARKING_IDS = {
    "CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP_CREATED = "2022-10-01T00:00:00.000Z"
SPEC = {"spec_version": "2.1"}
#: STIX 2.1 Appendix A, "None / Low / Med / High" scale, from the ICD 203 confidence levels.
CONFIDENCE_SCALE = {"low": 15, "moderate": 50, "high": 85}
IDENTITY_CLASSES = {
    "person": "individual",
    "organization": "organization",
    "state": "organization",  # a state without a country code: its government
    "group": "group",
    "": "unknown",
}
REFERENCED = re.compile(r"(?:\[|\]\()@([^\]\)\s]{1,130})")
Json = dict[str, Any]
Objects = list[Json]


def stix_object(kind: str, **properties: Any) -> Json:
    """A STIX 2.1 object as ``stix2`` writes it: its type and spec version, no empty
    optional property."""
    return {"type": kind, **SPEC, **{k: v for k, v in properties.items() if v is not None}}


def tlp_marking(level: str) -> Json:
    """The official TLP 2.0 marking definition of ``level`` (``CLEAR`` ... ``RED``)."""
    return stix_object(
        "marking-definition",
        id=TLP_MARKING_IDS[level],
        created=TLP_CREATED,
        name=f"TLP:{level}",
        extensions={
            TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level.lower()}
        },
    )


def _common(slug: str, brief: Brief, kind: str, *name: str) -> Json:
    """Id, timestamps (``as_of``, midnight UTC, to the millisecond) and marking."""
    when = f"{brief.as_of.isoformat()}T00:00:00.000Z"
    return {
        "id": stix_id(kind, slug, *name),
        "created": when,
        "modified": when,
        "object_marking_refs": [TLP_MARKING_IDS[brief.tlp]],
    }


def _actor_text(actor: Actor, labels: Labels) -> str:
    names = [n for n in (actor.native_name, *actor.aliases) if n]
    parts = [
        actor.role or "",
        f"Also known as: {', '.join(names)}." if names else "",
        plain(actor.stance, labels) if actor.stance else "",
    ]
    return "\n\n".join(p for p in parts if p)


def actor_object(slug: str, brief: Brief, actor: Actor, labels: Labels) -> Json:
    """The STIX object of one actor (see the module for the mapping by kind)."""
    described = {
        "name": actor.name,
        "description": _actor_text(actor, labels) or None,
        "external_references": (
            [{"source_name": "wikidata", "external_id": actor.wikidata}] if actor.wikidata else None
        ),
    }
    if actor.kind == "state" and actor.country:
        common = _common(slug, brief, "location", actor.id.lower())
        return stix_object("location", **common, **described, country=actor.country)
    return stix_object(
        "identity",
        **_common(slug, brief, "identity", actor.id.lower()),
        **described,
        identity_class=IDENTITY_CLASSES[actor.kind or ""],
        sectors=["government-national"] if actor.kind == "state" else None,
        roles=[actor.role] if actor.role else None,
    )


def _estimate(item: Judgment | Risk) -> str:
    parts = []
    if item.likelihood:
        low, high = LIKELIHOOD_TERMS[item.likelihood]
        parts.append(f"Likelihood (ICD 203): {item.likelihood} ({low}-{high}%).")
    if isinstance(item, Risk) and item.impact:
        parts.append(f"Impact: {item.impact} of 5.")
    if item.confidence:
        parts.append(f"Analytic confidence: {item.confidence}.")
    return " ".join(parts)


def _evidence_text(item: Judgment | Risk) -> str:
    quotes = [f"- \u201c{e.quote}\u201d" for e in item.evidence]
    return "Evidence:\n" + "\n".join(quotes) if quotes else ""


def _refs_in(brief: Brief, texts: list[str], actor_ids: dict[str, str]) -> list[str]:
    """STIX ids of the brief's actors that ``texts`` reference with ``[@id]``."""
    found = [m.group(1).lower() for text in texts for m in REFERENCED.finditer(text)]
    return list(dict.fromkeys(actor_ids[f] for f in found if f in actor_ids))


def _note(
    slug: str, brief: Brief, what: tuple[str, str], body: list[str], refs: list[str], item: Any
) -> Json:
    abstract, key = what
    return stix_object(
        "note",
        **_common(slug, brief, "note", key),
        abstract=abstract,
        content="\n\n".join(p for p in body if p),
        object_refs=refs,
        confidence=CONFIDENCE_SCALE.get(getattr(item, "confidence", None) or ""),
    )


def analysis_notes(
    slug: str, brief: Brief, report_id: str, actor_ids: dict[str, str], labels: Labels
) -> Objects:
    """One note per judgment and per risk, about the report and the actors they name."""
    notes: Objects = []
    for i, judgment in enumerate(brief.judgments):
        refs = [report_id, *_refs_in(brief, [judgment.text], actor_ids)]
        body = [plain(judgment.text, labels), _estimate(judgment), _evidence_text(judgment)]
        key = f"judgments/{(judgment.id or str(i)).lower()}"
        notes.append(_note(slug, brief, (f"Judgment {i + 1}", key), body, refs, judgment))
    for risk in brief.risks:
        named = [actor_ids[a.lower()] for a in risk.actors if a.lower() in actor_ids]
        texts = [risk.description or "", *risk.indicators]
        refs = list(dict.fromkeys([report_id, *named, *_refs_in(brief, texts, actor_ids)]))
        indicators = "\n".join(f"- {plain(i, labels)}" for i in risk.indicators)
        body = [
            plain(risk.description, labels) if risk.description else "",
            _estimate(risk),
            f"Indicators:\n{indicators}" if indicators else "",
            _evidence_text(risk),
        ]
        key = f"risks/{risk.id.lower()}"
        notes.append(_note(slug, brief, (f"Risk: {risk.title}", key), body, refs, risk))
    return notes


def _references(doc: BriefDoc, brief: Brief) -> list[dict[str, Any]]:
    """Each source article: its URL (with the digest of our copy), title, reliability."""
    references = []
    for source in brief.sources:
        article = doc.articles.get(source.id)
        grade = f"reliability {source.reliability} ({RELIABILITY_GRADES[source.reliability]})"
        title = source.title or source.id
        reference: dict[str, Any] = {
            "source_name": source.publisher or title,
            "description": f"{title}; {grade}"
            + (f"; published {source.published.isoformat()}" if source.published else ""),
        }
        url = absolute_url(source.url)
        if url:
            reference["url"] = url
        if article is not None:
            reference["hashes"] = {"SHA-256": text_digest(article.text)}
        references.append(reference)
    return references


def stix_bundle(doc: BriefDoc, index: BookIndex) -> dict[str, Any]:
    """The STIX 2.1 bundle of a published brief, as plain JSON data."""
    brief = published_brief(doc, index)
    slug, labels = doc.slug, labels_for(doc, index)
    report_id = stix_id("report", slug)
    actors = [actor_object(slug, brief, a, labels) for a in brief.actors]
    actor_ids = {a.id.lower(): obj["id"] for a, obj in zip(brief.actors, actors, strict=True)}
    notes = analysis_notes(slug, brief, report_id, actor_ids, labels)
    if not actors and not notes:  # a report must name at least one object: its summary
        body = [plain(brief.summary, labels)]
        notes = [_note(slug, brief, ("Summary", "summary"), body, [report_id], brief)]
    common = _common(slug, brief, "report")
    report = stix_object(
        "report",
        **common,
        name=brief.title,
        description=plain(brief.summary, labels),
        published=f"{brief.as_of.isoformat()}T00:00:00Z",  # a plain timestamp: no milliseconds
        report_types=["threat-report"],
        labels=list(dict.fromkeys(t for t in brief.tags if t.strip())) or None,
        object_refs=[o["id"] for o in (*actors, *notes)],
        external_references=_references(doc, brief),
    )
    objects = [tlp_marking(brief.tlp), report, *actors, *notes]
    return {"type": "bundle", "id": stix_id("bundle", slug), "objects": objects}


def stix_json(doc: BriefDoc, index: BookIndex) -> str:
    """The bundle as deterministic JSON text (sorted keys, two-space indent)."""
    return dump_json(stix_bundle(doc, index))
