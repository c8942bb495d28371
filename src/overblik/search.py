"""The search page, and what each page tells the search index about itself.

Pagefind builds the index after MkDocs has written the site (see
`mkdocs_glue.run_pagefind`); the search page queries it in the browser
(assets/search.js). Every generated page carries, in its front matter, a
``soeg`` block that overrides/main.html turns into hidden Pagefind metadata
and filters:

* ``type``: what the page is (Aktivitet, Initiativ, Case, Organisation, Sted,
  Kommune, Rapport, Artikel, Oversigt); shown with each result and a filter;
* ``kommune``: the municipality's name; shown and a filter;
* ``linje``: one line that says more: when and where for an activity, the kind
  of initiative or organisation otherwise;
* ``felter``: the words the page is found by besides its text (name, keywords,
  æ/ø folded, compounds written out; see `searchwords`), in the field that
  gives them their weight.

Editors' and developers' pages are not in the citizens' search: see
`excluded`.
"""

from __future__ import annotations

from typing import Iterable

from . import searchwords, wording
from .finder import CITIZEN_KIND, HIDDEN_STATUSES
from .finderdata import places_of
from .pages import Output, Renderer
from .repository import Entry, Repository
from .settings import Settings
from .siteindex import SiteIndex

# Pages for editors and developers (the guide, the field reference, the
# overdue list, the benchmark page), by where they are in the site. A page
# can also leave the search with ``search: {exclude: true}`` in its front
# matter (Material's own convention).
EDITOR_PATHS = ("redaktoer/", "redaktion/", "redaktører/", "udvikling/", "for-redaktoerer/")

KIND_TYPES = {
    "case": "Case",
    "organisation": "Organisation",
    "sted": "Sted",
    "kommune": "Kommune",
    "rapport": "Rapport",
    "side": "Artikel",
}
TYPES = ["Aktivitet", "Initiativ", "Case", "Organisation", "Sted", "Kommune", "Rapport", "Artikel", "Oversigt", "Side"]
OVERVIEW_KINDS = {"rapport", "side"}  # a municipality's page is about the municipality: a thing


def excluded(src_uri: str, meta: dict | None = None) -> bool:
    """Whether a page stays out of the citizens' search."""
    search = (meta or {}).get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return True
    return src_uri.replace("\\", "/").lstrip("/").startswith(EDITOR_PATHS)


def joinable(entry: Entry) -> bool:
    """An activity a citizen can join (as the activity finder counts them)."""
    m = entry.model
    return entry.kind == "initiativ" and m.type == CITIZEN_KIND and m.status not in HIDDEN_STATUSES


def _when_where(repo: Repository, entry: Entry) -> str:
    m = entry.model
    when = "; ".join(wording.schedule(t) for t in m.tidspunkt)
    places = []
    for slug in places_of(entry):
        place = repo.steder[slug].model
        places.append(place.navn + (f", {place.omraade}" if place.omraade else ""))
    parts = [when or "Tidspunkt ikke oplyst", " og ".join(places) or "sted ikke oplyst"]
    return " · ".join(parts)


def entry_meta(repo: Repository, entry: Entry) -> dict:
    """The ``soeg`` front matter of a content page."""
    m = entry.model
    vocab = repo.vocabulary
    kind = entry.kind
    if kind == "initiativ":
        activity = m.type == CITIZEN_KIND
        type_ = "Aktivitet" if activity else "Initiativ"
        line = _when_where(repo, entry) if activity else vocab.typer[m.type].navn
    else:
        type_ = KIND_TYPES[kind]
        line = ""
        if kind == "organisation" and m.type in vocab.organisationstyper:
            line = vocab.organisationstyper[m.type].navn
        elif kind == "sted":
            line = ", ".join(x for x in (getattr(m, "type", None), getattr(m, "omraade", None)) if x)
        elif kind == "rapport" and m.type in vocab.rapporttyper:
            line = vocab.rapporttyper[m.type].navn
    if joinable(entry):
        field = searchwords.ACTIVITY
    elif kind in OVERVIEW_KINDS:
        field = searchwords.OVERVIEW
    else:
        field = searchwords.THING
    # Keywords and target groups are what the editors say the page is about and for whom.
    keywords = list(getattr(m, "noegleord", None) or [])
    keywords += [vocab.maalgrupper[k].navn for k in getattr(m, "maalgrupper", None) or [] if k in vocab.maalgrupper]
    text = " ".join([*searchwords.texts_of(m), entry.body])
    meta = {"type": type_, "felter": searchwords.fields(entry.name, keywords, text, field=field)}
    if kind == "kommune":
        meta["kommune"] = entry.name
    elif entry.kommune in repo.kommuner:
        meta["kommune"] = repo.kommuner[entry.kommune].name
    if line:
        meta["linje"] = line
    return meta


def overview_meta(title: str, *, generated: bool = True) -> dict:
    """The ``soeg`` block of a listing or overview page (`generated`), or of a
    hand-written page (Om, Privatliv ...)."""
    return {"type": "Oversigt" if generated else "Side",
            "felter": searchwords.fields(title, [], "", field=searchwords.OVERVIEW)}


def search_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    kommuner = sorted((k.name for k in repo.kommuner.values()), key=str.casefold)
    yield renderer.render(
        "search.md.j2",
        "soeg/index.md",
        title="Søg",
        description="Søg i alle aktiviteter, initiativer, cases, organisationer og steder i Overblik.",
        in_nav=True,
        meta={"search": {"exclude": True}},
        types=TYPES,
        kommuner=kommuner,
        ranking=searchwords.RANKING,
    )
