"""JSON as Overblik publishes it: UTF-8, indented, a final newline, no clock."""

from __future__ import annotations

import json
from typing import Any


def dumps(document: Any) -> bytes:
    """Indented, for small files people read (datapackage.json). Keys keep the order
    they were built in (the schema's order), so the same content gives the same bytes."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dumps_compact(document: Any) -> bytes:
    """Without spaces, for the bulk of the data: a fifth smaller, and several times
    faster to write (Python's C encoder is only used without indentation)."""
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
