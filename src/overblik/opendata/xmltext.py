"""Text and attribute values safe inside XML 1.0 (Atom, sitemap)."""

from __future__ import annotations

import re

# Characters XML 1.0 does not allow at all (YAML lets an editor write them as escapes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: object) -> str:
    value = _NOT_XML.sub("", str(value))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: object) -> str:
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
