"""Stable identifiers for exported records.

Every exported record gets a UUID derived (uuid5) from what it is and our ids,
e.g. ``uid("initiativ", "fredagscafeen")``. The same content always gives the
same identifiers, so a reuser can follow a record from one export to the next,
and moving the site to another address does not change them.
"""

from __future__ import annotations

import functools
import uuid

# uuid5(NAMESPACE_URL, "https://github.com/overblik-dk/overblik#opendata"); never change it,
# or every identifier reusers hold will change.
NAMESPACE = uuid.UUID("28b301cc-d1ca-5d8a-a1b9-0ac66ca9914d")


def uid(*parts: object) -> str:
    """The UUID of a record, from its kind and ids: uid("tidspunkt", "fredagscafeen", 0)."""
    return _uid(":".join(str(p) for p in parts))


@functools.lru_cache(maxsize=1 << 16)
def _uid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))  # the same ids recur on many pages: computed once


def urn(*parts: object) -> str:
    """The same identifier as a URN, for formats that want an IRI (Atom)."""
    return "urn:uuid:" + uid(*parts)
