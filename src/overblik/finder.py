"""The activity finder: every activity citizens can join, on one page.

Without JavaScript the page lists all activities grouped by municipality and
area of town.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .pages import Output, Renderer
from .repository import Entry, Repository
from .settings import Settings
from .siteindex import SiteIndex

CITIZEN_KIND = "aktivitet"
HIDDEN_STATUSES = {"afsluttet"}
NO_AREA = "Område ikke oplyst"


def activities(repo: Repository) -> list[Entry]:
    """Activities a citizen can join, in a stable order."""
    found = [
        e for e in repo.initiativer.values()
        if e.model.type == CITIZEN_KIND and e.model.status not in HIDDEN_STATUSES
    ]
    return sorted(found, key=lambda e: (e.kommune or "", e.name.casefold(), e.slug))


def areas(repo: Repository, entry: Entry) -> list[str]:
    names = []
    for slug in entry.model.steder:
        area = repo.steder[slug].model.omraade
        if area and area not in names:
            names.append(area)
    return names or [NO_AREA]


def grouped(repo: Repository, entries: list[Entry]) -> list[tuple[Entry, list[tuple[str, list[Entry]]]]]:
    """[(municipality, [(area, [activity, ...]), ...]), ...] with 'not given' last."""
    by_kommune: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        by_kommune[e.kommune][areas(repo, e)[0]].append(e)
    out = []
    for slug in sorted(by_kommune, key=lambda s: repo.kommuner[s].name):
        area_map = by_kommune[slug]
        names = sorted((a for a in area_map if a != NO_AREA), key=str.casefold)
        if NO_AREA in area_map:
            names.append(NO_AREA)
        out.append((repo.kommuner[slug], [(a, area_map[a]) for a in names]))
    return out


def finder_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    entries = activities(repo)
    yield renderer.render(
        "finder.md.j2",
        "find/index.md",
        title="Find en aktivitet",
        description="Find caféer, fællesspisning, netværk og andre aktiviteter, du kan være med i.",
        in_nav=True,
        groups=grouped(repo, entries),
        total=len(entries),
        areas=lambda e: areas(repo, e),
    )
