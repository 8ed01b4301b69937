"""The exports against their standards' own tests.

- W3C Web Annotation: every MUST assertion of the annotation-model test suite
  (``tests/w3c/annotation-model/musts.json``, see its README) on every exported annotation,
  collection and page, of the sample and of the fixture book, with and without ``site_url``.
- STIX 2.1: the OASIS ``stix2-validator`` on every bundle: no error, no warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from functools import cache
from typing import Any

import pytest
from conftest import FIXTURE_BOOK, REPO, TESTS
from jsonschema import Draft4Validator
from stix2validator import ValidationOptions, validate_string

from generator.build import check_book
from generator.core.config import make_config
from generator.render.index import BookIndex, build_index
from generator.render.stix import stix_json
from generator.render.urls import Urls
from generator.render.webannotation import annotations_jsonld

log = logging.getLogger(__name__)
MUSTS = json.loads((TESTS / "w3c" / "annotation-model" / "musts.json").read_text("utf-8"))
BOOKS = {"sample": REPO, "fixture book": FIXTURE_BOOK}
SITE_URLS = ("", "https://owner.github.io/repo/")


@cache
def validator(group: str, name: str) -> Draft4Validator:
    schema = {"definitions": MUSTS["definitions"], **MUSTS[group][name]}
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def failed(group: str, instance: Any) -> list[str]:
    """The MUST assertions of ``group`` that ``instance`` does not pass."""
    return [name for name in MUSTS[group] if not validator(group, name).is_valid(instance)]


@cache
def book(name: str) -> BookIndex:
    return build_index(check_book(make_config(BOOKS[name], {"max_tlp": "RED"})))


def test_the_uri_format_is_checked() -> None:
    """Without a URI checker installed, ``format: uri`` would pass anything (jsonschema)."""
    checker = Draft4Validator.FORMAT_CHECKER
    assert checker.conforms("urn:uuid:d1a71038-c240-40af-90e0-09f2194e42be", "uri")
    assert checker.conforms("https://owner.github.io/repo/data/x.annotations.jsonld#ev-1", "uri")
    assert not checker.conforms("../briefs/x/source-article/", "uri")
    assert not checker.conforms("x.annotations.jsonld#ev-1", "uri")


def test_the_musts_catch_what_the_standard_forbids() -> None:
    good = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:d1a71038-c240-40af-90e0-09f2194e42be",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "x"},
        "target": {
            "source": "urn:sha256:00",
            "selector": {"type": "TextPositionSelector", "start": 0, "end": 1},
        },
    }
    assert failed("annotation_musts", good) == []
    assert failed("annotation_musts", {**good, "id": "x.jsonld#ev-1"}) == [
        "3.1-annotationIdValidated"
    ]
    relative = {**good, "target": {**good["target"], "source": "../briefs/x/"}}
    assert failed("annotation_musts", relative) == ["3.2-targetObjectsRecognized"]
    assert "3.1-annotationContextValidated" in failed(
        "annotation_musts", {k: v for k, v in good.items() if k != "@context"}
    )
    assert "3.2.5-notBodyBodyValue" in failed("annotation_musts", {**good, "bodyValue": "y"})
    assert "3.3.7-annotationViaValidated" in failed("annotation_musts", {**good, "via": ["../"]})
    assert failed("page_musts", {"type": "AnnotationPage", "items": []}) == ["5.2-pageIdValidated"]


@pytest.mark.parametrize("site_url", SITE_URLS)
@pytest.mark.parametrize("name", sorted(BOOKS))
def test_every_annotation_passes_every_must(name: str, site_url: str) -> None:
    index = book(name)
    passed = total = 0
    problems: list[str] = []
    ids: set[str] = set()
    for doc in index.briefs:
        data = annotations_jsonld(doc, Urls(), site_url)
        problems += [f"{doc.slug}: collection: {f}" for f in failed("collection_musts", data)]
        problems += [f"{doc.slug}: page: {f}" for f in failed("page_musts", data["first"])]
        for item in data["first"]["items"]:
            wrong = failed("annotation_musts", item)
            problems += [f"{doc.slug}: {item['id']}: {f}" for f in wrong]
            passed, total = passed + (not wrong), total + 1
            ids.add(item["id"])
    log.info("%s, site_url %r: %d of %d annotations pass every MUST", name, site_url, passed, total)
    assert total >= (40 if name == "sample" else 10) and len(ids) == total  # ids are unique
    assert not problems, "\n".join(problems)


def check_bundle(text: str) -> tuple[list[str], list[str]]:
    results = validate_string(text, ValidationOptions(version="2.1"))
    return [str(e) for e in results.errors], [str(w) for w in results.warnings]


def test_the_stix_validator_warns_on_what_we_avoid() -> None:
    """Its best-practice checks are on: a UUIDv5 id and a URL without a hash each warn."""
    index = book("sample")
    data = json.loads(stix_json(index.briefs[0], index))
    assert check_bundle(json.dumps(data)) == ([], [])
    report = next(o for o in data["objects"] if o["type"] == "report")
    report["external_references"][0] = {"source_name": "x", "url": "https://example.org/"}
    data["id"] = f"bundle--{uuid.uuid5(uuid.NAMESPACE_URL, 'x')}"
    errors, warnings = check_bundle(json.dumps(data))
    assert not errors and any("hash" in w for w in warnings)
    assert any("UUIDv4" in w for w in warnings)


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_every_stix_bundle_validates_clean(name: str) -> None:
    index = book(name)
    assert index.briefs
    for doc in index.briefs:
        text = stix_json(doc, index)
        errors, warnings = check_bundle(text)
        assert (errors, warnings) == ([], []), doc.slug
        strict = validate_string(text, ValidationOptions(version="2.1", strict=True))
        assert strict.is_valid, doc.slug
        log.info("%s: STIX bundle of %s valid, %d objects", name, doc.slug, text.count('"id"'))


def test_targets_are_the_articles_own_url_or_its_digest() -> None:
    index = book("fixture book")
    for doc in index.briefs:
        assert doc.brief is not None
        url = doc.brief.sources[0].url
        seed = FIXTURE_BOOK / doc.brief.sources[0].file
        expected = url or f"urn:sha256:{hashlib.sha256(seed.read_bytes()).hexdigest()}"
        items = annotations_jsonld(doc, Urls(), "")["first"]["items"]
        assert items and {item["target"]["source"] for item in items} == {expected}
    assert any(d.brief and d.brief.sources[0].url for d in index.briefs)  # both kinds seen
    assert any(d.brief and not d.brief.sources[0].url for d in index.briefs)
