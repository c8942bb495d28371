"""Open Referral HSDS 3.0: our content as organisations, services and locations.

The mapping, field by field:

* organisation (content/…/organisationer) -> ``organization``; each
  municipality (kommune.yml) is an ``organization`` too. A service's
  ``organization_id`` is its ``ansvarlig``, else its contact's organisation,
  else its municipality (the content states no other provider).
* initiative -> ``service``: status via `STATUS`, ``fees_description`` and
  ``cost_options`` from ``pris``, ``application_process`` from
  ``tilmelding``, ``assured_date`` from ``senest_bekraeftet``, ``languages``
  Danish, ``service_areas`` its municipality.
* place (steder) -> ``location`` (physical) with an ``address`` when street,
  postcode, town and region are all known; ``service_at_location`` links an
  initiative with each of its places.
* ``tidspunkt`` -> ``schedule``: freq/interval/byday/byweekno as far as
  `recurrence` allows (HSDS only has WEEKLY and MONTHLY), opens_at/closes_at
  in Danish local time, the Danish wording as ``description``.
* ``kontakt`` -> ``contact`` (role as title, organisation as department,
  never a person's name) with its ``phone``; ``finansiering`` -> ``funding``.
* target groups, themes, kinds of initiative and of organisation ->
  ``taxonomy`` + ``taxonomy_term``, linked by ``attribute``.

`Dataset` holds flat records with their foreign keys, one list per HSDS
table; the JSON documents (nested) and the CSV tables (flat) are both made
from it, so they cannot disagree.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from overblik import danish
from overblik.content.repository import Entry, Repository
from overblik.site import prose, wording
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex
from overblik.site.urls import SECTIONS

from .freshness import day
from .ids import uid
from .jsontext import dumps_compact
from .recurrence import ALL_DAYS, recurrence, seconds
from .weblinks import WebLinks

HSDS_VERSION = "3.0"
STATUS = {
    "aktiv": "active",
    "under-udvikling": "inactive",
    "sat-paa-pause": "temporarily closed",
    "afsluttet": "defunct",
}
DEFAULT_STATUS = "inactive"  # a status added to the vocabulary later: not known to be running
CURRENCY = "DKK"
TIME_NOTE = "Klokkeslæt er dansk tid (Europe/Copenhagen)."


@dataclass(frozen=True)
class Taxonomy:
    name: str
    singular: str  # what one term is, for terms without a description
    description: str
    link_type: str  # attribute.link_type (an open codelist in HSDS)
    section: str | None  # the kind of listing page each term has, if any


TAXONOMIES = {
    "maalgrupper": Taxonomy(
        "Overblik: målgrupper", "Målgruppe", "Hvem initiativerne er for.", "target_group", "maalgruppe"
    ),
    "temaer": Taxonomy("Overblik: temaer", "Tema", "Hvad initiativerne handler om.", "theme", "tema"),
    "typer": Taxonomy(
        "Overblik: typer af initiativer",
        "Type af initiativ",
        "Aktiviteter, kommunale indsatser, projekter og netværk.",
        "service_type",
        "type",
    ),
    "organisationstyper": Taxonomy(
        "Overblik: typer af organisationer",
        "Type af organisation",
        "Foreninger, kirker, kommunale enheder og andre organisationer.",
        "organization_type",
        None,
    ),
}

TABLES = [
    "organization",
    "service",
    "location",
    "service_at_location",
    "address",
    "phone",
    "schedule",
    "contact",
    "funding",
    "cost_option",
    "language",
    "service_area",
    "taxonomy",
    "taxonomy_term",
    "attribute",
]


def _clean(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None and v != ""}


def _number(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else value


@dataclass
class Dataset:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})

    def add(self, table: str, **values) -> dict:
        self._lookup.clear()
        record = _clean(values)
        self.tables[table].append(record)
        return record

    _lookup: dict = field(default_factory=dict, repr=False)

    def where(self, table: str, **match: str) -> list[dict]:
        """Records whose `key` is `value` (one key), in the order they were added."""
        ((key, value),) = match.items()
        index = self._lookup.get((table, key))
        if index is None:
            index = {}
            for record in self.tables[table]:
                index.setdefault(record.get(key), []).append(record)
            self._lookup[(table, key)] = index
        return list(index.get(value, []))

    def one(self, table: str, id_: str) -> dict:
        return self.where(table, id=id_)[0]


class HsdsBuilder:
    def __init__(self, repo: Repository, settings: Settings, index: SiteIndex | None = None):
        self.repo = repo
        self.vocab = repo.vocabulary
        self.links = WebLinks(settings)
        self.data = Dataset()

    # --- identifiers: uuid5 of our ids (see ids.uid) --------------------------

    org_id = staticmethod(partial(uid, "organisation"))  # (slug)
    municipality_id = staticmethod(partial(uid, "kommune"))  # (slug)
    service_id = staticmethod(partial(uid, "initiativ"))  # (slug)
    location_id = staticmethod(partial(uid, "sted"))  # (slug)
    term_id = staticmethod(partial(uid, "term"))  # (vocabulary, key)

    # --- building ------------------------------------------------------------

    def build(self) -> Dataset:
        self.taxonomies()
        for slug in sorted(self.repo.kommuner):
            self.municipality(self.repo.kommuner[slug])
        for slug in sorted(self.repo.organisationer):
            self.organisation(self.repo.organisationer[slug])
        for slug in sorted(self.repo.steder):
            self.place(self.repo.steder[slug])
        for slug in sorted(self.repo.initiativer):
            self.initiative(self.repo.initiativer[slug])
        return self.data

    def taxonomies(self) -> None:
        for vocabulary, tax in TAXONOMIES.items():
            taxonomy_id = uid("taksonomi", vocabulary)
            folder = SECTIONS[tax.section] if tax.section else None
            self.data.add(
                "taxonomy",
                id=taxonomy_id,
                name=tax.name,
                description=tax.description,
                uri=self.links.absolute(f"{folder}/index.md") if folder else None,
            )
            for key, term in getattr(self.vocab, vocabulary).items():
                self.data.add(
                    "taxonomy_term",
                    id=self.term_id(vocabulary, key),
                    code=key,
                    name=term.navn,
                    description=term.beskrivelse or f"{tax.singular} i Overblik: {term.navn}.",
                    taxonomy_id=taxonomy_id,
                    language="da",
                    term_uri=self.links.absolute(f"{folder}/{key}.md") if folder else None,
                )

    def attribute(self, entity: str, link_id: str, vocabulary: str, key: str) -> None:
        self.data.add(
            "attribute",
            id=uid("egenskab", link_id, vocabulary, key),
            link_id=link_id,
            taxonomy_term_id=self.term_id(vocabulary, key),
            link_type=TAXONOMIES[vocabulary].link_type,
            link_entity=entity,
        )

    def municipality(self, entry: Entry) -> None:
        m = entry.model
        region = f" i {m.region}" if m.region else ""
        self.data.add(
            "organization",
            id=self.municipality_id(entry.slug),
            name=m.navn,
            description=m.resume or f"Kommune{region}.",
            website=m.web,
            uri=self.links.absolute(f"kommuner/{entry.slug}.md"),
        )

    def organisation(self, entry: Entry) -> None:
        m = entry.model
        org_id = self.org_id(entry.slug)
        kind = self.vocab.organisationstyper[m.type].navn
        where = f" i {self.repo.kommuner[entry.kommune].name}" if entry.kommune else ""
        self.data.add(
            "organization",
            id=org_id,
            name=m.navn,
            description=m.resume or f"{kind}{where}.",
            email=m.email,
            website=m.web,
            uri=self.links.absolute(f"organisationer/{entry.slug}.md"),
            parent_organization_id=self.org_id(m.del_af) if m.del_af else None,
        )
        if m.telefon:
            self.data.add(
                "phone",
                id=uid("telefon", "organisation", entry.slug),
                organization_id=org_id,
                number=m.telefon,
                type="voice",
            )
        self.attribute("organization", org_id, "organisationstyper", m.type)

    def place(self, entry: Entry) -> None:
        m = entry.model
        location_id = self.location_id(entry.slug)
        region = self.repo.kommuner[entry.kommune].model.region if entry.kommune else None
        complete = bool(m.adresse and m.postnummer and m.by and region)
        description = [m.resume or ""]
        if m.omraade:
            description.append(f"Område: {m.omraade}.")
        if m.adresse and not complete:
            description.append(f"Adresse: {m.adresse}.")
        # Coordinates only where they are the address's; the precision is said in words,
        # so it survives every export (a town's position is never passed off as the place's).
        if m.koordinater:
            source = ", ".join(
                x for x in (m.koordinater.kilde, m.koordinater.dato.iso() if m.koordinater.dato else None) if x
            )
            description.append("Koordinaterne er adressens" + (f" ({source})." if source else "."))
        elif m.lokalitet:
            description.append(f"Ligger i eller ved {m.lokalitet}; stedets egen placering kendes ikke.")
        self.data.add(
            "location",
            id=location_id,
            location_type="physical",
            name=m.navn,
            description=" ".join(d for d in description if d),
            latitude=m.koordinater.lat if m.koordinater else None,
            longitude=m.koordinater.lon if m.koordinater else None,
        )
        if complete:
            self.data.add(
                "address",
                id=uid("adresse", entry.slug),
                location_id=location_id,
                address_1=m.adresse,
                city=m.by,
                state_province=region,
                postal_code=m.postnummer,
                country="DK",
                address_type="physical",
            )

    def provider(self, entry: Entry) -> str:
        m = entry.model
        if m.ansvarlig:
            return self.org_id(m.ansvarlig)
        if m.kontakt and m.kontakt.organisation:
            return self.org_id(m.kontakt.organisation)
        return self.municipality_id(entry.kommune)

    def initiative(self, entry: Entry) -> None:
        m = entry.model
        slug = entry.slug
        service_id = self.service_id(slug)
        fees = application = None
        if m.pris:
            fees = wording.price(m.pris) + (f" ({m.pris.note})" if m.pris.note else "")
        if m.tilmelding:
            application = wording.joining(m.tilmelding) + (f" ({m.tilmelding.note})" if m.tilmelding.note else "")
        groups = [self.vocab.maalgrupper[g].navn for g in m.maalgrupper]
        description = m.resume + (f"\n\n{prose.plain(m.formaal)}" if m.formaal else "")
        self.data.add(
            "service",
            id=service_id,
            organization_id=self.provider(entry),
            name=m.navn,
            description=description,
            url=(m.kontakt.web if m.kontakt and m.kontakt.web else None)
            or self.links.absolute(f"initiativer/{slug}.md"),
            email=m.kontakt.email if m.kontakt else None,
            status=STATUS.get(m.status, DEFAULT_STATUS),
            application_process=application,
            fees_description=fees,
            eligibility_description=("Målgruppe: " + ", ".join(groups) + ".") if groups else None,
            assured_date=day(m.senest_bekraeftet).isoformat(),
        )
        places = list(dict.fromkeys(list(m.steder) + [t.sted for t in m.tidspunkt if t.sted]))
        sal_ids = {}
        for place in places:
            sal_ids[place] = uid("sted-for-initiativ", slug, place)
            self.data.add(
                "service_at_location", id=sal_ids[place], service_id=service_id, location_id=self.location_id(place)
            )
        for i, t in enumerate(m.tidspunkt):
            self.schedule(slug, service_id, i, t, sal_ids.get(t.sted) if t.sted else None)
        if m.kontakt:
            k = m.kontakt
            contact_id = uid("kontakt", slug)
            department = self.repo.organisationer[k.organisation].name if k.organisation else None
            self.data.add(
                "contact", id=contact_id, service_id=service_id, title=k.rolle, department=department, email=k.email
            )
            if k.telefon:
                self.data.add(
                    "phone", id=uid("telefon", "kontakt", slug), contact_id=contact_id, number=k.telefon, type="voice"
                )
        for i, f in enumerate(m.finansiering):
            self.data.add(
                "funding", id=uid("finansiering", slug, i), service_id=service_id, source=funding_source(self.vocab, f)
            )
        if m.pris:
            self.cost_option(slug, service_id, m.pris)
        self.data.add("language", id=uid("sprog", slug, "da"), service_id=service_id, name="Dansk", code="da")
        if entry.kommune:
            self.data.add(
                "service_area",
                id=uid("omraade", slug),
                service_id=service_id,
                name=self.repo.kommuner[entry.kommune].name,
            )
        for vocabulary, keys in (("maalgrupper", m.maalgrupper), ("temaer", m.temaer), ("typer", [m.type])):
            for key in keys:
                self.attribute("service", service_id, vocabulary, key)

    def schedule(self, slug: str, service_id: str, i: int, t, sal_id: str | None) -> None:
        rule = recurrence(t)
        freq = interval = byday = byweekno = None
        if rule.freq == "DAILY":
            freq, byday = "WEEKLY", ",".join(ALL_DAYS)
        elif rule.freq == "WEEKLY":
            freq = "WEEKLY"
            byday = ",".join(rule.byday) or None
            if rule.weeks:
                byweekno = ",".join(str(w) for w in rule.byweekno)
            elif rule.interval > 1:
                interval = rule.interval
        elif rule.freq == "MONTHLY":
            freq, interval = "MONTHLY", rule.interval if rule.interval > 1 else None
        # YEARLY and irregular schedules have no HSDS frequency: the description says it
        model = self.repo.initiativer[slug].model
        notes = [t.note if not t.note or t.note.endswith((".", "!", "?")) else t.note + "."]
        if t.fra:
            notes.append(TIME_NOTE)
        self.data.add(
            "schedule",
            id=uid("tidspunkt", slug, i),
            service_id=service_id,
            service_at_location_id=sal_id,
            valid_to=f"{model.slutaar}-12-31" if model.slutaar else None,
            freq=freq,
            interval=interval,
            byday=byday,
            byweekno=byweekno,
            description=wording.schedule(t),
            opens_at=seconds(t.fra) if t.fra else None,
            closes_at=seconds(t.til) if t.til else None,
            notes=" ".join(n for n in notes if n),
        )

    def cost_option(self, slug: str, service_id: str, pris) -> None:
        if pris.type == "gratis":
            cost = {"option": "Gratis", "currency": CURRENCY, "amount": 0, "amount_description": pris.note}
        elif pris.beloeb is not None:
            amount = _number(pris.beloeb)
            cost = {"option": "Egenbetaling", "currency": CURRENCY, "amount": amount, "amount_description": pris.note}
        else:
            cost = {"option": "Egenbetaling", "amount_description": pris.note or "Beløbet er ikke oplyst."}
        self.data.add("cost_option", id=uid("pris", slug), service_id=service_id, **cost)


def funding_source(vocab, f) -> str:
    """E.g. "§18-midler: 25.000 kr., 2019"."""
    name = vocab.finansieringskilder[f.kilde].navn
    details = []
    if f.beloeb is not None:
        details.append(danish.amount(f.beloeb))
    if f.aar:
        details.append(str(f.aar))
    elif f.fra or f.til:
        details.append("–".join(d.iso() for d in (f.fra, f.til) if d))
    if f.note:
        details.append(f.note)
    return name + (": " + ", ".join(details) if details else "")


# --- JSON documents ----------------------------------------------------------


class Documents:
    """HSDS JSON: a fully nested document per service, and the API's list pages."""

    def __init__(self, data: Dataset):
        self.data = data

    def organization(self, org_id: str) -> dict:
        return dict(self.data.one("organization", org_id))

    def term(self, term_id: str) -> dict:
        term = dict(self.data.one("taxonomy_term", term_id))
        term["taxonomy_detail"] = dict(self.data.one("taxonomy", term["taxonomy_id"]))
        return term

    def attributes(self, link_id: str) -> list[dict]:
        return [
            {**a, "taxonomy_term": self.term(a["taxonomy_term_id"])}
            for a in self.data.where("attribute", link_id=link_id)
        ]

    def location(self, location_id: str) -> dict:
        loc = dict(self.data.one("location", location_id))
        loc["addresses"] = self.data.where("address", location_id=location_id)
        return loc

    def service(self, service: dict) -> dict:
        sid = service["id"]
        doc = dict(service)
        doc["organization"] = self.organization(service["organization_id"])
        doc["schedules"] = [s for s in self.data.where("schedule", service_id=sid) if "service_at_location_id" not in s]
        doc["service_at_locations"] = [
            {
                **sal,
                "location": self.location(sal["location_id"]),
                "schedules": self.data.where("schedule", service_at_location_id=sal["id"]),
            }
            for sal in self.data.where("service_at_location", service_id=sid)
        ]
        doc["contacts"] = [
            {**c, "phones": self.data.where("phone", contact_id=c["id"])}
            for c in self.data.where("contact", service_id=sid)
        ]
        doc["funding"] = self.data.where("funding", service_id=sid)
        doc["cost_options"] = self.data.where("cost_option", service_id=sid)
        doc["languages"] = self.data.where("language", service_id=sid)
        doc["service_areas"] = self.data.where("service_area", service_id=sid)
        doc["attributes"] = self.attributes(sid)
        return doc

    def service_summary(self, service: dict) -> dict:
        return {**service, "organization": self.organization(service["organization_id"])}

    def service_at_location_summary(self, sal: dict) -> dict:
        location = dict(self.data.one("location", sal["location_id"]))
        return {**sal, "location": location, "service": dict(self.data.one("service", sal["service_id"]))}


def page(contents: list[dict]) -> dict:
    """All records on one page of the HSDS API's paginated list form."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


# --- files -------------------------------------------------------------------

JSON_FOLDER = "data/hsds"


# (the loaded content, site_url, dataset) of the last build: the JSON and CSV files share
# the dataset. The content is held weakly, and the dataset goes with it, when the build
# lets the content go (memory on large sites).
_LAST: list = []


def build_dataset(repo: Repository, settings: Settings) -> Dataset:
    key = (settings.site_url, settings.use_directory_urls)
    if _LAST and _LAST[0]() is repo and _LAST[1] == key:
        return _LAST[2]
    data = HsdsBuilder(repo, settings).build()

    def forget(ref: weakref.ref) -> None:
        if _LAST and _LAST[0] is ref:
            _LAST.clear()

    _LAST[:] = [weakref.ref(repo, forget), key, data]
    return data


def hsds_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    """HSDS JSON: the API's list pages as files and one nested document per service."""
    data = build_dataset(repo, settings)
    docs = Documents(data)
    yield Output(f"{JSON_FOLDER}/index.json", dumps_compact({"version": HSDS_VERSION}))
    services = data.tables["service"]
    yield Output(f"{JSON_FOLDER}/services.json", dumps_compact(page([docs.service_summary(s) for s in services])))
    for service in services:
        yield Output(f"{JSON_FOLDER}/services/{service['id']}.json", dumps_compact(docs.service(service)))
    yield Output(
        f"{JSON_FOLDER}/organizations.json", dumps_compact(page([dict(o) for o in data.tables["organization"]]))
    )
    yield Output(
        f"{JSON_FOLDER}/service_at_locations.json",
        dumps_compact(page([docs.service_at_location_summary(s) for s in data.tables["service_at_location"]])),
    )
    yield Output(f"{JSON_FOLDER}/taxonomies.json", dumps_compact(page([dict(t) for t in data.tables["taxonomy"]])))
    yield Output(
        f"{JSON_FOLDER}/taxonomy_terms.json", dumps_compact(page([dict(t) for t in data.tables["taxonomy_term"]]))
    )
