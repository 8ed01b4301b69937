"""Name-based ids: the same bits as the standard library's UUIDv5, laid out by hand."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from generator.render.ids import NAMESPACE, name_uuid_text, stix_id, urn_uuid

PARTS = st.lists(st.text(min_size=0, max_size=20), min_size=0, max_size=3)


@given(slug=st.text(min_size=1, max_size=30), parts=PARTS)
def test_urn_is_the_uuid5_of_the_name(slug: str, parts: list[str]) -> None:
    expected = uuid.uuid5(NAMESPACE, "/".join((slug, *parts)))
    assert urn_uuid(slug, *parts) == f"urn:uuid:{expected}"


@given(slug=st.text(min_size=1, max_size=30), parts=PARTS)
def test_stix_id_keeps_the_uuid5_bits_as_a_version_4(slug: str, parts: list[str]) -> None:
    v5 = uuid.uuid5(NAMESPACE, "/".join((slug, "indicator", *parts)))
    made = uuid.UUID(stix_id("indicator", slug, *parts).removeprefix("indicator--"))
    assert made == uuid.UUID(bytes=v5.bytes, version=4)
    assert made.version == 4 and made.variant == uuid.RFC_4122


def test_a_known_id_does_not_move() -> None:
    # exported ids are a contract: a consumer updates what it has by them
    assert urn_uuid("a", "b") == "urn:uuid:a43ae961-6b4d-54f3-8758-c6a3f451b7ba"
    assert stix_id("indicator", "s", "x") == "indicator--2a21d4f7-cfae-40df-ba42-649b73849ec1"
    assert name_uuid_text(5, "a", "b") != name_uuid_text(5, "a/b", "")
