"""What the site exports, described once: for the "Åbne data" page and its
schema.org ``DataCatalog`` (so dataset search engines find the exports)."""

from __future__ import annotations

from dataclasses import dataclass, field

from overblik.content.repository import Repository
from overblik.danish import sort_key
from overblik.site.settings import Settings

from . import calendars, feed, robots, sitemap, spreadsheet
from .hsds import JSON_FOLDER
from .tabular import COLUMNS, CSV_FOLDER
from .weblinks import WebLinks

TABLE_NAMES = {
    "organization": "Organisationer",
    "service": "Initiativer",
    "location": "Steder",
    "service_at_location": "Initiativer pr. sted",
    "address": "Adresser",
    "phone": "Telefonnumre",
    "schedule": "Tidspunkter",
    "contact": "Kontakter",
    "funding": "Finansiering",
    "cost_option": "Priser",
    "language": "Sprog",
    "service_area": "Områder",
    "taxonomy": "Taksonomier",
    "taxonomy_term": "Målgrupper, temaer og typer",
    "attribute": "Koblinger mellem initiativer, organisationer og termer",
}


@dataclass
class Download:
    title: str
    path: str
    media_type: str


@dataclass
class Export:
    key: str  # the heading's anchor
    title: str
    summary: str
    format: str
    downloads: list[Download] = field(default_factory=list)


def catalogue(repo: Repository, settings: Settings) -> list[Export]:
    hsds_json = Export(
        "hsds-json",
        "Initiativer som Open Referral HSDS (JSON)",
        "Organisationer, initiativer, steder, tidspunkter, kontakter, finansiering, målgrupper og temaer efter "
        "den internationale standard Human Services Data Specification 3.0. Til portaler som Socialkompasset "
        "og kommunale hjemmesider.",
        "JSON efter HSDS 3.0 (samme form som HSDS-API'ets svar)",
        [
            Download("Alle initiativer", f"{JSON_FOLDER}/services.json", "application/json"),
            Download("Alle organisationer", f"{JSON_FOLDER}/organizations.json", "application/json"),
            Download("Initiativer pr. sted", f"{JSON_FOLDER}/service_at_locations.json", "application/json"),
            Download("Taksonomier", f"{JSON_FOLDER}/taxonomies.json", "application/json"),
            Download("Målgrupper, temaer og typer", f"{JSON_FOLDER}/taxonomy_terms.json", "application/json"),
            Download("Om udtrækket (HSDS-version)", f"{JSON_FOLDER}/index.json", "application/json"),
        ],
    )
    tables = [Download(TABLE_NAMES[table], f"{CSV_FOLDER}/{path}", "text/csv") for table, (path, _) in COLUMNS.items()]
    hsds_csv = Export(
        "hsds-csv",
        "Initiativer som HSDS-tabeller (CSV-datapakke)",
        "De samme oplysninger som HSDS-JSON, som én CSV-fil pr. tabel og en beskrivelse af kolonnerne "
        "(Frictionless Data Package). Til analyse og forskning.",
        "CSV (UTF-8, komma) og datapackage.json",
        [Download("Beskrivelse af datapakken", f"{CSV_FOLDER}/datapackage.json", "application/json")] + tables,
    )
    sheet = Export(
        "regneark",
        "Regneark over alle initiativer",
        "Én række pr. initiativ med kommune, status, målgrupper, tidspunkt, sted, pris, kontakt, finansiering "
        "og seneste status. Til kommunale medarbejdere; åbner direkte i Excel.",
        "CSV til Excel (semikolon, UTF-8 med BOM, datoer som 2019-04-15)",
        [Download("Regneark over initiativer", spreadsheet.PATH, "text/csv")],
    )
    plans = calendars.plans(repo)
    cal_downloads = []
    municipalities = sorted(
        {p.entry.kommune for p in plans if p.events and p.entry.kommune},
        key=lambda k: (sort_key(repo.kommuner[k].name), k),
    )
    for slug in municipalities:
        cal_downloads.append(
            Download(
                f"Kalender for {repo.kommuner[slug].name}", calendars.municipality_calendar_path(slug), "text/calendar"
            )
        )
    for p in plans:
        if p.events:
            cal_downloads.append(
                Download(
                    f"Kalender for {p.entry.name}", calendars.initiative_calendar_path(p.entry.slug), "text/calendar"
                )
            )
    cal = Export(
        "kalendere",
        "Kalendere",
        "Faste aktiviteter, som du kan føje til din egen kalender (fx på telefonen). Der er en kalender pr. "
        "aktivitet og en pr. kommune.",
        "iCalendar (.ics, RFC 5545)",
        cal_downloads,
    )
    atom = Export(
        "nyheder",
        "Nyt og opdateret",
        "De nyeste og senest opdaterede initiativer og cases, til en nyhedslæser.",
        "Atom-feed (RFC 4287)",
        [Download("Atom-feed med nyt og opdateret", feed.PATH, "application/atom+xml")],
    )
    maps = [Download("Oversigt over alle sider", sitemap.PATH, "application/xml")] if WebLinks(settings).base else []
    maps.append(Download("Regler for søgemaskiner", robots.PATH, "text/plain"))
    site = Export(
        "soegemaskiner",
        "Til søgemaskiner",
        "En oversigt over alle sider med datoen for seneste ændring i indholdet, og regler for søgemaskiner.",
        "Sitemap (sitemaps.org 0.9) og robots.txt",
        maps,
    )
    return [hsds_json, hsds_csv, sheet, cal, atom, site]
