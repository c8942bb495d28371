"""Warnings that do not stop the build but that editors should act on.

* content whose last confirmation is more than 12 months old, so readers are
  not sent to an activity that has stopped;
* images without alt text, so blind readers know what they show;
* organisations and places that nothing refers to, so the lists stay tidy;
* text a new file's template asked for ("UDFYLD: …") that nobody wrote yet.
"""

from __future__ import annotations

import datetime as dt
import re

from .problems import Problem, field_label
from .repository import Repository

STALE_AFTER_DAYS = 365
_MD_IMAGE = re.compile(r"!\[(.*?)\]\(([^)]*)\)")


def is_stale(date, today: dt.date) -> bool:
    year, month, day = date.last_day()
    return (today - dt.date(year, month, day)).days > STALE_AFTER_DAYS


def lint(repo: Repository, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    warnings: list[Problem] = []
    for entry in repo.all():
        confirmed = getattr(entry.model, "senest_bekraeftet", None)
        if confirmed is not None and is_stale(confirmed, today):
            warnings.append(
                Problem(
                    entry.rel,
                    entry.line_of(("senest_bekraeftet",)),
                    "senest_bekraeftet",
                    f"oplysningerne blev sidst bekræftet {confirmed.danish()}, for mere end 12 "
                    "måneder siden. Tjek dem, og skriv dagens dato i feltet.",
                    "advarsel",
                )
            )
        for i, image in enumerate(getattr(entry.model, "billeder", []) or []):
            if not image.alt:
                warnings.append(
                    Problem(
                        entry.rel,
                        entry.line_of(("billeder", i)),
                        f"billeder › punkt {i + 1} › alt",
                        "billedet mangler en alternativ tekst (alt), der beskriver det for blinde.",
                        "advarsel",
                    )
                )
        for offset, line in enumerate(entry.body.split("\n")):
            for match in _MD_IMAGE.finditer(line):
                if not match.group(1).strip():
                    warnings.append(
                        Problem(
                            entry.rel,
                            entry.body_line + offset,
                            "brødtekst",
                            f"billedet {match.group(2)} mangler en alternativ tekst: skriv den "
                            "mellem de firkantede parenteser, fx ![Frivillige dækker bord](fil.jpg).",
                            "advarsel",
                        )
                    )
    # Uses come from the references declared on the schema fields (references.py).
    used_orgs = {ref.value for _, ref in repo.links if ref.target == "organisation"}
    used_places = {ref.value for _, ref in repo.links if ref.target == "sted"}
    for kind, used, what in (("organisation", used_orgs, "organisationen"), ("sted", used_places, "stedet")):
        for slug, entry in repo[kind].items():
            if slug not in used:
                warnings.append(
                    Problem(
                        entry.rel,
                        1,
                        "",
                        f"intet indhold henviser til {what}; tilføj en henvisning eller slet filen.",
                        "advarsel",
                    )
                )
    warnings.extend(_placeholders(repo))
    return warnings


PLACEHOLDER = "UDFYLD"


def _texts(value, loc=()):
    """Every text in a validated model, with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, loc + (i,))


def _placeholders(repo: Repository) -> list[Problem]:
    """Texts from `overblik new`'s templates that are still to be written."""
    found: list[Problem] = []
    for entry in repo.all():
        for loc, text in _texts(entry.model.model_dump(exclude_defaults=True)):
            if text.startswith(PLACEHOLDER):
                found.append(
                    Problem(
                        entry.rel,
                        entry.line_of(loc),
                        field_label(loc),
                        "feltet har stadig skabelonens tekst; skriv din egen tekst i stedet for «UDFYLD: …».",
                        "advarsel",
                    )
                )
        for offset, line in enumerate(entry.body.split("\n")):
            if line.lstrip().startswith(PLACEHOLDER):
                found.append(
                    Problem(
                        entry.rel,
                        entry.body_line + offset,
                        "brødtekst",
                        "brødteksten har stadig skabelonens tekst; skriv din egen tekst i stedet for «UDFYLD: …».",
                        "advarsel",
                    )
                )
    return found
