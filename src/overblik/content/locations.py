"""Where an activity is, and how precisely we know it.

From the most to the least precise:

- ``adresse``: the place's own coordinates (an address's, from the place file);
- ``by``: the town or area the place names (``lokalitet`` on the place), else
  the one the activity names (``lokalitet`` on the initiative), as the
  gazetteer gives it;
- ``kommune``: the municipality's main town (``hovedby`` in kommune.yml, else
  the town the municipality is named after).

Nothing is guessed beyond that: without any of them an activity has no
location, and the finder says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gazetteer
from .repository import Entry, Repository

PRECISIONS = ("adresse", "by", "kommune")


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    precision: str  # one of PRECISIONS
    name: str  # the place, town or municipality the distance is measured to
    kommunekode: int | None


def _code(repo: Repository, kommune: str | None) -> int | None:
    k = repo.kommuner.get(kommune) if kommune else None
    return k.model.kode if k else None


def _town(repo: Repository, name: str | None, kommune: str | None) -> Location | None:
    if not name:
        return None
    town = gazetteer.load().find(name, _code(repo, kommune))
    if town is None:
        return None
    return Location(town.lat, town.lon, "by", town.name, town.kommunekode)


def kommune_location(repo: Repository, kommune: str | None) -> Location | None:
    k = repo.kommuner.get(kommune) if kommune else None
    if k is None:
        return None
    towns = gazetteer.load()
    town = towns.find(k.model.hovedby, k.model.kode) if k.model.hovedby else towns.main_town(k.name, k.model.kode)
    if town is None:
        return None
    return Location(town.lat, town.lon, "kommune", k.name, k.model.kode)


def place_location(repo: Repository, slug: str) -> Location | None:
    """A place's own location: its coordinates, else its town; None when it names neither."""
    place = repo.steder[slug]
    m = place.model
    if m.koordinater:
        return Location(m.koordinater.lat, m.koordinater.lon, "adresse", m.navn, _code(repo, place.kommune))
    return _town(repo, m.lokalitet, place.kommune)


def activity_locations(repo: Repository, entry: Entry, places: list[str]) -> list[Location]:
    """Where an activity is: one location per place (each as precise as known),
    else the activity's own town, else its municipality. No duplicates."""
    own_town = _town(repo, entry.model.lokalitet, entry.kommune)
    fallback = own_town or kommune_location(repo, entry.kommune)
    found: list[Location] = []
    for slug in places or [None]:
        loc = (place_location(repo, slug) if slug else None) or fallback
        if loc is not None and loc not in found:
            found.append(loc)
    return found
