"""The search page, and what each page tells the search index about itself.

Pagefind builds the index after MkDocs has written the site (see
`searchindex`, in parts on a large site); the search page queries it in the browser
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
  gives them their weight; and ``filtre``, a word per type and municipality
  (`narrowing`) that the search page adds to the query to narrow it.

Why not Pagefind's own filters (``data-pagefind-filter``): Pagefind 1.5.2
writes its filter index in hash-map order (a TODO in its source), so two
builds of the same content would differ, and Overblik's builds are byte for
byte reproducible (tests/test_reproducible.py). A narrowing word does the
same job through the word index, whose order is stable: Pagefind finds only
pages with every word of a query, so "sorg" plus the word for "Aktivitet"
finds the activities about grief. The words end in "zq", which no Danish
ending matches, so the stemmer leaves them alone and none is the beginning of
another.

Editors' and developers' pages are not in the citizens' search: see
`excluded`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from overblik import danish
from overblik.content.citizens import CITIZEN_KIND, HIDDEN_STATUSES
from overblik.content.repository import Entry, Repository

from . import searchwords, wording
from .finderdata import places_of
from .output import Output
from .pages import Renderer
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


def narrowing(key: str, value: str) -> str:
    """The index word that narrows a search to pages with `key` (type or
    kommune) `value`: ("kommune", "Ishøj Kommune") → "kommuneishoejkommunezq"."""
    folded = value.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    folded = unicodedata.normalize("NFKD", folded)
    return key + "".join(c for c in folded if c.isascii() and c.isalnum()) + "zq"


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


def type_of(entry: Entry) -> str:
    if entry.kind == "initiativ":
        return "Aktivitet" if entry.model.type == CITIZEN_KIND else "Initiativ"
    return KIND_TYPES[entry.kind]


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
    type_ = type_of(entry)
    if kind == "initiativ":
        line = _when_where(repo, entry) if type_ == "Aktivitet" else vocab.typer[m.type].navn
    else:
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
    return with_narrowing(meta)


def with_narrowing(meta: dict) -> dict:
    """`meta` with its narrowing words (``filtre``) added."""
    words = [narrowing("type", meta["type"])]
    if meta.get("kommune"):
        words.append(narrowing("kommune", meta["kommune"]))
    meta["felter"]["filtre"] = " ".join(words)
    return meta


def overview_meta(title: str, *, generated: bool = True) -> dict:
    """The ``soeg`` block of a listing or overview page (`generated`), or of a
    hand-written page (Om, Privatliv ...)."""
    return with_narrowing(
        {
            "type": "Oversigt" if generated else "Side",
            "felter": searchwords.fields(title, [], "", field=searchwords.OVERVIEW),
        }
    )


def search_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    kommuner = sorted(repo.kommuner.values(), key=danish.name_key)
    present = {"Oversigt", "Side", *(type_of(e) for e in repo.all())}  # a narrowing word must be in the index
    yield renderer.render(
        "search.md.j2",
        "soeg/index.md",
        title="Søg",
        description="Søg i alle aktiviteter, initiativer, cases, organisationer og steder i Overblik.",
        in_nav=True,
        meta={"search": {"exclude": True}},
        types=[(t, narrowing("type", t)) for t in TYPES if t in present],
        kommuner=[(k.name, narrowing("kommune", k.name), k.slug) for k in kommuner],
        ranking=searchwords.RANKING,
    )
