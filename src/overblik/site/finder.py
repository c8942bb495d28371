"""The activity finder: every activity citizens can join, on one page.

Without JavaScript the page lists all activities grouped by municipality and
area of town. With JavaScript, `assets/finder.js` reads `data/finder.json`
(see `finderdata`) and adds filters, free-text search and "Nær mig" on top.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from overblik.content import gazetteer
from overblik.content.citizens import can_join
from overblik.content.repository import Entry, Repository
from overblik.danish import sort_key

from .finderdata import SRC_URI as DATA_URI
from .finderdata import finder_data, places_of, to_json
from .output import Output
from .pages import Renderer
from .settings import Settings
from .siteindex import SiteIndex

NO_AREA = "Område ikke oplyst"
PAGE_URI = "find/index.md"


def activities(repo: Repository) -> list[Entry]:
    """Activities a citizen can join, by municipality name, then activity name."""
    found = [e for e in repo.initiativer.values() if can_join(e)]

    def key(e: Entry):
        kommune = sort_key(repo.kommuner[e.kommune].name) if e.kommune in repo.kommuner else "\uffff"
        return (kommune, sort_key(e.name), e.slug)

    return sorted(found, key=key)


def areas(repo: Repository, entry: Entry) -> list[str]:
    names = []
    for slug in places_of(entry):
        area = repo.steder[slug].model.omraade
        if area and area not in names:
            names.append(area)
    return names or [NO_AREA]


def grouped(repo: Repository, entries: list[Entry]) -> list[tuple[Entry, list[tuple[str, list[Entry]]]]]:
    """[(municipality, [(area, [activity, ...]), ...]), ...] with 'not given' last."""
    by_kommune: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        if e.kommune in repo.kommuner:
            by_kommune[e.kommune][areas(repo, e)[0]].append(e)
    out = []
    for slug in sorted(by_kommune, key=lambda s: (sort_key(repo.kommuner[s].name), s)):
        area_map = by_kommune[slug]
        names = sorted((a for a in area_map if a != NO_AREA), key=sort_key)
        if NO_AREA in area_map:
            names.append(NO_AREA)
        out.append((repo.kommuner[slug], [(a, area_map[a]) for a in names]))
    return out


def finder_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    entries = activities(repo)
    data = finder_data(repo, entries, use_directory_urls=settings.use_directory_urls)
    yield renderer.render(
        "finder.md.j2",
        PAGE_URI,
        title="Find en aktivitet",
        description="Find caféer, fællesspisning, netværk og andre aktiviteter, du kan være med i.",
        in_nav=True,
        meta={"hide": ["toc"]},
        groups=grouped(repo, entries),
        total=len(entries),
        areas=lambda e: areas(repo, e),
        places=places_of,
        data_uri=DATA_URI,
    )
    yield Output(DATA_URI, to_json(data))
    yield Output(gazetteer.SITE_URI, gazetteer.site_file())
