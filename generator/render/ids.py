"""Identifiers that exports share: absolute IRIs for the book's things, whatever its host.

Every exported thing gets a name-based id: the same brief and item give the same id in
every export, so a consumer that takes a re-export updates what it has instead of adding
a copy. Names are UUIDv5 (SHA-1) of ``<slug>/<what>`` in the project's own namespace.

- ``urn:uuid:`` forms name annotations when the book has no ``site_url`` (and serve as
  their ``canonical`` IRI when it has one).
- ``urn:sha256:<hex>`` names an article by its bytes as received: the text that evidence
  positions count in (code points of that file).
- STIX 2.1 section 2.9 says STIX Domain, Relationship and Meta Objects SHOULD use UUIDv4,
  and the OASIS validator warns on any other version; :func:`stix_id` therefore keeps the
  UUIDv5 name's bits with the version nibble set to 4: deterministic, and a valid v4 layout.
"""

from __future__ import annotations

import hashlib
import uuid
from urllib.parse import quote, urlsplit

#: The briefing generator's namespace for name-based UUIDs (fixed once; never change it,
#: or every exported id changes). Not the STIX Cyber-observable namespace, which STIX
#: reserves for SCOs.
NAMESPACE = uuid.UUID("d1a71038-c240-40af-90e0-09f2194e42be")
_NAMESPACE_BYTES = NAMESPACE.bytes


def name_uuid_text(version: int, slug: str, *parts: str) -> str:
    """The UUIDv5 of ``slug/part/...`` in :data:`NAMESPACE` as text, its version nibble set
    to ``version``: ``uuid.uuid5``'s SHA-1 bits, without making two ``UUID`` objects per
    id (a brief's exports name dozens of things)."""
    name = "/".join((slug, *parts)).encode("utf-8")
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | (version << 4)
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    hex_ = raw.hex()
    return f"{hex_[:8]}-{hex_[8:12]}-{hex_[12:16]}-{hex_[16:20]}-{hex_[20:]}"


def urn_uuid(slug: str, *parts: str) -> str:
    return f"urn:uuid:{name_uuid_text(5, slug, *parts)}"


def stix_id(kind: str, slug: str, *parts: str) -> str:
    """``<kind>--<uuid>``: the name's UUIDv5 bits laid out as a UUIDv4 (see the module)."""
    return f"{kind}--{name_uuid_text(4, slug, kind, *parts)}"


def text_digest(text: str) -> str:
    """SHA-256 (hex) of the article's bytes as received (UTF-8, unchanged)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_urn(text: str) -> str:
    return f"urn:sha256:{text_digest(text)}"


#: Characters an IRI may keep when it becomes a URI (RFC 3987 section 3.1): the rest,
#: non-ASCII letters included, are percent-encoded.
URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def absolute_url(text: str | None) -> str:
    """``text`` as an absolute http(s) URI, or "" when it is not one (no guessing)."""
    url = (text or "").strip()
    if not url or any(c.isspace() for c in url):
        return ""
    uri = quote(url, safe=URI_SAFE)
    try:
        parts = urlsplit(uri)
    except ValueError:
        return ""
    return uri if parts.scheme in ("http", "https") and parts.hostname else ""
