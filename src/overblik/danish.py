"""Danish rules every room shares: ids from names, sort order, plurals and numbers.

* `slugify`: file names (ids) from Danish names: "Fællesspisning i Ishøj" →
  "faellesspisning-i-ishoj". æ, ø and å are written ae, oe and aa, as Danish
  does without those letters; other accents are dropped (é → e, ü → u, ß → ss);
  everything that is not a letter or a digit becomes a hyphen.
* `sort_key` / `name_key`: Danish alphabetical order, Æ Ø Å after Z.
* `count`: "1 initiativ", "3 initiativer".
* `number` / `amount` / `plain_number`: 1.250, 12,5, "250.000 kr.", and 12.5 for machines.

A leaf: it imports nothing from the rest of the package.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

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


# æ, ø and å sort right after z and in that order ("{", "|" and "}" follow "z" in Unicode).
_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


@functools.lru_cache(maxsize=65536)  # the same names are sorted again and again (overviews, listings)
def sort_key(text: str) -> str:
    """Sort key for Danish text: case does not matter, and Æ, Ø, Å come after Z in that order."""
    return unicodedata.normalize("NFC", text).casefold().translate(_ORDER)


def name_key(entry: Any) -> tuple[str, str]:
    """Order of anything with a `name` and a `slug`: by name, Danish order, then by id."""
    return (sort_key(entry.name), entry.slug)


PLURALS = {
    "initiativ": "initiativer",
    "case": "cases",
    "sted": "steder",
    "aktivitet": "aktiviteter",
    "organisation": "organisationer",
    "resultat": "resultater",
    "kommune": "kommuner",
    "rapport": "rapporter",
    "side": "sider",
    "fejl": "fejl",
    "advarsel": "advarsler",
    "fil": "filer",
}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 initiativ", "3 initiativer": the plural from `PLURALS` unless given."""
    return f"{n} {noun if n == 1 else plural or PLURALS.get(noun, noun)}"


def number(value: float | int | None) -> str:
    """1250 → "1.250", 12.5 → "12,5"; None → ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


def amount(value: float | int | None) -> str:
    """250000 → "250.000 kr.", 99.5 → "99,50 kr."; None → ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        text = number(value)
    else:
        text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} kr."


def plain_number(value: float | int) -> str:
    """A number for machines (aria-valuenow, data attributes): 43, 12.5."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
