"""File names (ids) from Danish names: "Fællesspisning i Ishøj" → "faellesspisning-i-ishoj".

æ, ø and å are written ae, oe and aa, as Danish does without those letters;
other accents are dropped (é → e, ü → u); everything that is not a letter or
a digit becomes a hyphen.
"""

from __future__ import annotations

import re
import unicodedata

_DANISH = {"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d"}
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80


def slugify(name: str) -> str:
    """The id for a name; empty when the name has no letters or digits."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = "".join(_DANISH.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    slug = _NOT_ALNUM.sub("-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0] if "-" in slug[:MAX_LENGTH] else slug[:MAX_LENGTH]
    return slug
