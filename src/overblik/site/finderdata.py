"""The finder's data file, ``data/finder.json``: what the activity finder's
script needs to filter, sort and draw cards, and nothing more.

It is its own slim, versioned file (not the search index). Names of
municipalities, areas, places, target groups, themes, schedules, prices and
ways of joining are listed once in lookup tables; each activity refers to
them by position. Every table and the list of activities has a stable order,
so the same content gives the same bytes.

Format, version 2 (positions count from 0; -1 means "not given")::

    {
      "version": 2,
      "url": ["../initiativer/", "/"],     # page of an activity: url[0] + its "u" + url[1],
                                           # relative to this file
      "byer": "byer.json",                 # the gazetteer, relative to this file; fetched
                                           # only when the visitor asks for distances
      "kommuner":    [[id, name, code], ...],  # code: the municipality code, 0 if not given
      "omraader":    [[id, name, municipality], ...],
      "steder":      [[name, area], ...],
      "placeringer": [[lat, lon, precision, name, code], ...],  # see `locations`; precision
                                           # 0 = adresse, 1 = by, 2 = kommune; name is what the
                                           # distance is measured to; code its municipality (0: unknown)
      "maalgrupper": [[id, name], ...],    # only the terms some activity uses, vocabulary order
      "temaer":      [[id, name], ...],
      "ugedage":     [[id, name], ...],    # Monday first; bit i of a day mask is ugedage[i]
      "tidspunkter": [[text, day mask], ...],
      "priser":      [[id, label], ...],   # the price filter: gratis, egenbetaling
      "pristekster": [[price, text], ...], # what a card says, e.g. "Egenbetaling, 40 kr."
      "deltagelse":  [[id, label, text], ...],
      "aktiviteter": [{
          "n": name, "r": summary, "u": page id, "k": municipality,
          "s": [places], "l": [locations], "t": [schedules], "p": price text, "d": joining,
          "g": [target groups], "e": [themes], "o": "keywords",
          "b": "YYYY-MM-DD"                # last confirmed; the script words it relative to
      }, ...]                              # the visitor's date, so the file never depends on the build's
    }

Keys of an activity that would be empty are left out.
"""

from __future__ import annotations

import json
from typing import Any

from overblik.content import gazetteer
from overblik.content.locations import PRECISIONS, activity_locations
from overblik.content.repository import Entry, Repository
from overblik.content.schemas import WEEKDAYS
from overblik.danish import slugify, sort_key

from . import urls, wording

VERSION = 2
SRC_URI = "data/finder.json"
PRICE_TYPES = [("gratis", "Gratis"), ("egenbetaling", "Egenbetaling")]
JOIN_TYPES = ["moed-op", "tilmelding", "visitation"]
ALL_DAYS = (1 << len(WEEKDAYS)) - 1


def area_id(name: str) -> str:
    """ "Vejleåparken" -> "vejleaaparken" (the way content ids are written)."""
    return slugify(name) or "omraade"


def day_mask(t) -> int:
    """The weekdays of one schedule as bits; "every day" without days is all of them."""
    if not t.ugedage and t.hyppighed == "dagligt":
        return ALL_DAYS
    mask = 0
    for day in t.ugedage:
        mask |= 1 << WEEKDAYS.index(day)
    return mask


def places_of(entry: Entry) -> list[str]:
    """The places of an activity: its own, then those its schedules name."""
    found: list[str] = []
    for slug in [*entry.model.steder, *(t.sted for t in entry.model.tidspunkt if t.sted)]:
        if slug not in found:
            found.append(slug)
    return found


class _Table:
    """Rows in first-seen order, each row's position found by its key."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self.index: dict[Any, int] = {}

    def add(self, key: Any, row: Any) -> int:
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(row)
        return self.index[key]


def _area_ids(keys: list[tuple[str | None, str]]) -> dict[tuple[str | None, str], str]:
    """An id per (municipality, area name); the name alone unless two municipalities share it."""
    by_slug: dict[str, list[tuple[str | None, str]]] = {}
    for key in keys:
        by_slug.setdefault(area_id(key[1]), []).append(key)
    ids = {}
    for slug, same in by_slug.items():
        for key in same:
            ids[key] = slug if len(same) == 1 else f"{slug}-{key[0] or 'faelles'}"
    return ids


def finder_data(repo: Repository, entries: list[Entry], *, use_directory_urls: bool = True) -> dict:
    """The finder's data for `entries` (already in the order the finder lists them)."""
    vocab = repo.vocabulary
    page = urls.page_url(urls.src_uri("initiativ", "\x00"), use_directory_urls)
    prefix, _, suffix = urls.relative(SRC_URI, page).partition("\x00")

    kommune_slugs = sorted(
        {e.kommune for e in entries if e.kommune}, key=lambda s: (sort_key(repo.kommuner[s].name), s)
    )
    kommuner = {s: i for i, s in enumerate(kommune_slugs)}

    place_slugs = sorted({p for e in entries for p in places_of(e)}, key=lambda s: (sort_key(repo.steder[s].name), s))
    area_keys = sorted(
        {(repo.steder[p].kommune, repo.steder[p].model.omraade) for p in place_slugs if repo.steder[p].model.omraade},
        key=lambda k: (sort_key(k[1]), k[0] or ""),
    )
    area_id = _area_ids(area_keys)
    areas = {k: i for i, k in enumerate(area_keys)}
    place_rows, places = [], {}
    for i, slug in enumerate(place_slugs):
        m = repo.steder[slug].model
        place_rows.append([m.navn, areas[(repo.steder[slug].kommune, m.omraade)] if m.omraade else -1])
        places[slug] = i
    locations = _Table()

    used_groups = {g for e in entries for g in e.model.maalgrupper}
    used_themes = {t for e in entries for t in e.model.temaer}
    groups = {k: i for i, k in enumerate(k for k in vocab.maalgrupper if k in used_groups)}
    themes = {k: i for i, k in enumerate(k for k in vocab.temaer if k in used_themes)}

    price_index = {key: i for i, (key, _) in enumerate(PRICE_TYPES)}
    schedules, price_texts = _Table(), _Table()
    activities = []
    for e in entries:
        m = e.model
        item: dict[str, Any] = {"n": m.navn, "r": m.resume, "u": e.slug}
        if e.kommune in kommuner:
            item["k"] = kommuner[e.kommune]
        if own := [places[p] for p in places_of(e)]:
            item["s"] = own
        if where := activity_locations(repo, e, places_of(e)):
            item["l"] = [
                locations.add(
                    loc,
                    [
                        round(loc.lat, 5),
                        round(loc.lon, 5),
                        PRECISIONS.index(loc.precision),
                        loc.name,
                        loc.kommunekode or 0,
                    ],
                )
                for loc in where
            ]
        if m.tidspunkt:
            item["t"] = [
                schedules.add((text, days), [text, days])
                for t in m.tidspunkt
                for text, days in [(wording.schedule(t), day_mask(t))]
            ]
        if m.pris:
            text = wording.price(m.pris)
            item["p"] = price_texts.add((m.pris.type, text), [price_index[m.pris.type], text])
        if m.tilmelding:
            item["d"] = JOIN_TYPES.index(m.tilmelding.type)
        if m.maalgrupper:
            item["g"] = [groups[g] for g in m.maalgrupper]
        if m.temaer:
            item["e"] = [themes[t] for t in m.temaer]
        if m.noegleord:
            item["o"] = ", ".join(m.noegleord)
        item["b"] = m.senest_bekraeftet.iso()
        activities.append(item)

    return {
        "version": VERSION,
        "url": [prefix, suffix],
        "byer": urls.relative(SRC_URI, gazetteer.SITE_URI),
        "kommuner": [[s, repo.kommuner[s].name, repo.kommuner[s].model.kode or 0] for s in kommune_slugs],
        "omraader": [[area_id[k], k[1], kommuner.get(k[0], -1)] for k in area_keys],
        "steder": place_rows,
        "placeringer": locations.rows,
        "maalgrupper": [[k, vocab.maalgrupper[k].navn] for k in groups],
        "temaer": [[k, vocab.temaer[k].navn] for k in themes],
        "ugedage": [[d, wording.DAY_NAMES[d].capitalize()] for d in WEEKDAYS],
        "tidspunkter": schedules.rows,
        "priser": [list(p) for p in PRICE_TYPES],
        "pristekster": price_texts.rows,
        "deltagelse": [[j, wording.JOIN_SHORT[j], wording.JOIN[j]] for j in JOIN_TYPES],
        "aktiviteter": activities,
    }


def to_json(data: dict) -> str:
    """Compact and deterministic; one activity a line so diffs stay readable."""
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    head = ",\n".join(f"{dump(k)}:{dump(v)}" for k, v in data.items() if k != "aktiviteter")
    rows = ",\n".join(dump(a) for a in data["aktiviteter"])
    return "{" + head + ',\n"aktiviteter":[\n' + rows + "\n]}\n"
