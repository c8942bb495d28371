"""Warnings that do not stop the build but that editors should act on.

* content whose last confirmation is more than 12 months old, so readers are
  not sent to an activity that has stopped;
* images without alt text, so blind readers know what they show;
* organisations and places that nothing refers to, so the lists stay tidy;

Text a new file's template asked for ("UDFYLD: …") is an error, found when the
content is loaded (`repository.placeholders`), so an unfilled template is never published.
"""

from __future__ import annotations

import datetime as dt
import re

from .citizens import CITIZEN_KIND
from .freshness import ago, is_overdue
from .locations import kommune_location
from .problems import Problem
from .repository import Repository

_MD_IMAGE = re.compile(r"!\[(.*?)\]\(([^)]*)\)")


STALE_MESSAGE = "oplysningerne blev sidst bekræftet"


def lint(repo: Repository, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    warnings: list[Problem] = []
    for entry in repo.all():
        if is_overdue(entry.model, today):
            confirmed = entry.model.senest_bekraeftet
            warnings.append(
                Problem(
                    entry.rel,
                    entry.line_of(("senest_bekraeftet",)),
                    "senest_bekraeftet",
                    f"{STALE_MESSAGE} {confirmed.danish()}, {ago(confirmed, today)}. "
                    "Tjek dem, og skriv dagens dato i feltet.",
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
    warnings.extend(_unplaced_municipalities(repo))
    return warnings


def _unplaced_municipalities(repo: Repository) -> list[Problem]:
    """A municipality with a code whose main town the gazetteer does not know: distances
    to its activities without a place of their own cannot be worked out."""
    with_activities = {e.kommune for e in repo.initiativer.values() if e.model.type == CITIZEN_KIND}
    out = []
    for slug, entry in repo.kommuner.items():
        if (
            slug in with_activities
            and entry.model.kode
            and not entry.model.hovedby
            and kommune_location(repo, slug) is None
        ):
            out.append(
                Problem(
                    entry.rel,
                    entry.line_of(("navn",)),
                    "hovedby",
                    f"listen over danske byer har ingen by i kommunen, der hedder det samme som {entry.name}, "
                    "så afstande til kommunens aktiviteter uden sted kan ikke regnes. Skriv navnet på "
                    "kommunens hovedby, som det står i listen, i feltet hovedby.",
                    "advarsel",
                )
            )
    return out
