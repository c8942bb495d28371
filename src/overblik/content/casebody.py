"""The body of a case: fixed sections under level-2 headings, lessons under level 3.

Editors write a case as ordinary Markdown::

    ## Udfordring
    ...
    ## Erfaringer og gode råd
    ### Ledelsesopbakning
    ...

so the GitHub web editor's preview shows it as it will look, and the build can
still check that every section is there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .problems import Problem

# section key -> (heading editors write, whether it is required)
SECTIONS: dict[str, tuple[str, bool]] = {
    "baggrund": ("Baggrund", False),
    "udfordring": ("Udfordring", True),
    "samarbejde": ("Samarbejde", True),
    "ambition": ("Ambition", True),
    "afproevet": ("Hvad er afprøvet og hvordan?", True),
    "svaert": ("Hvad har været svært?", True),
    "erfaringer": ("Erfaringer og gode råd", True),
}

_ALIASES = {
    "erfaringer laering og gode raad til andre": "erfaringer",
    "erfaringer laering og gode raad": "erfaringer",
    "erfaringer": "erfaringer",
    "gode raad": "erfaringer",
    "hvad er afproevet": "afproevet",
    "hvad har vaeret svaert": "svaert",
}

_HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^(```|~~~)")


def heading_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


_KEYS = {heading_key(title): key for key, (title, _) in SECTIONS.items()}
_KEYS.update(_ALIASES)


@dataclass
class Item:
    title: str
    text: str


@dataclass
class Section:
    key: str
    title: str
    text: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class CaseBody:
    lead: str
    sections: dict[str, Section]


def parse_case_body(body: str, rel: str, first_line: int) -> tuple[CaseBody, list[Problem]]:
    problems: list[Problem] = []
    lead: list[str] = []
    sections: dict[str, Section] = {}
    current: Section | None = None
    item: Item | None = None
    buffer: list[str] = lead
    in_fence = False

    def flush() -> None:
        text = "\n".join(buffer).strip()
        if item is not None:
            item.text = text
        elif current is not None:
            current.text = text

    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if not match:
            buffer.append(line)
            continue
        level, title = len(match.group(1)), match.group(2).strip()
        lineno = first_line + offset
        if level == 2:
            flush()
            key = _KEYS.get(heading_key(title))
            item = None
            if key is None:
                known = ", ".join(f"«## {t}»" for t, _ in SECTIONS.values())
                problems.append(
                    Problem(rel, lineno, "brødtekst", f"ukendt afsnit «## {title}». Afsnittene er: {known}.")
                )
                current = Section("ukendt", title)
            elif key in sections:
                problems.append(
                    Problem(rel, lineno, "brødtekst", f"afsnittet «## {title}» står to gange; saml det til ét.")
                )
                current = sections[key]
            else:
                current = sections[key] = Section(key, SECTIONS[key][0])
            buffer = []
        else:
            if current is None:
                buffer.append(line)
                continue
            flush()
            item = Item(title, "")
            current.items.append(item)
            buffer = []
    flush()

    last = first_line + body.count("\n")
    for key, (title, required) in SECTIONS.items():
        if required and key not in sections:
            problems.append(
                Problem(
                    rel, last, "brødtekst", f"afsnittet «## {title}» mangler; tilføj det med en overskrift på to #."
                )
            )
    if "erfaringer" in sections and not sections["erfaringer"].items:
        problems.append(
            Problem(
                rel,
                last,
                "brødtekst",
                "afsnittet «Erfaringer og gode råd» skal have mindst én erfaring med sin egen "
                "overskrift på tre #, fx «### Ledelsesopbakning».",
            )
        )
    sections.pop("ukendt", None)
    return CaseBody("\n".join(lead).strip(), sections), problems
