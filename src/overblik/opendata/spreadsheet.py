"""All initiatives as a spreadsheet for municipal staff (opens in Danish Excel).

Danish Excel reads a CSV file correctly when it is separated by semicolons
(Danish Excel's list separator; the comma is the decimal sign) and starts
with a UTF-8 byte order mark, without which æ, ø and å come out garbled.
Dates are ISO (2019-04-15, or 2019-04 when the source gives a month only).

Content arrives by pull request, so a cell that Excel would read as a formula
(starting with =, +, -, @, tab or carriage return) gets a leading apostrophe:
it is then shown as text and never run (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from overblik.content.repository import Entry, Repository
from overblik.danish import sort_key
from overblik.site import wording
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .hsds import funding_source
from .recurrence import describe
from .weblinks import WebLinks

PATH = "data/initiativer.csv"
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

COLUMNS = [
    "Navn",
    "Kommune",
    "Type",
    "Status",
    "Resumé",
    "Målgrupper",
    "Temaer",
    "Tidspunkt",
    "Steder",
    "Pris",
    "Tilmelding",
    "Drives af",
    "Samarbejdspartnere",
    "Kontakt (rolle)",
    "Kontakt (organisation)",
    "E-mail",
    "Telefon",
    "Startår",
    "Slutår",
    "Finansiering",
    "Forankring",
    "Seneste status (dato)",
    "Seneste status",
    "Senest bekræftet",
    "Side på Overblik",
    "Id",
]


def safe_cell(value: object) -> str:
    """A cell as text on one line, never starting like a formula."""
    if value is None:
        return ""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    if text.startswith(FORMULA_START) or str(value).startswith(FORMULA_START):
        text = "'" + text
    return text


def _with_note(text: str, note: str | None) -> str:
    return f"{text} ({note})" if text and note else text or (note or "")


def row(entry: Entry, repo: Repository, links: WebLinks) -> list[str]:
    m = entry.model
    vocab = repo.vocabulary
    orgs = repo.organisationer
    places = []
    for slug in dict.fromkeys(list(m.steder) + [t.sted for t in m.tidspunkt if t.sted]):
        p = repo.steder[slug].model
        address = ", ".join(x for x in (p.adresse, " ".join(y for y in (p.postnummer, p.by) if y)) if x)
        places.append(p.navn + (f" ({address})" if address else ""))
    when = [describe(t) for t in m.tidspunkt]
    funding = [funding_source(vocab, f) for f in m.finansiering]
    latest = m.latest_status()
    k = m.kontakt
    anchoring = ""
    if m.forankring:
        colour, meaning = wording.ANCHORING[m.forankring.niveau]
        anchoring = f"{colour}: {meaning}" + (" (vurderet af Overblik)" if m.forankring.vurderet else "")
    values = [
        m.navn,
        repo.kommuner[entry.kommune].name if entry.kommune else "",
        vocab.typer[m.type].navn,
        vocab.statusser[m.status].navn,
        m.resume,
        ", ".join(vocab.maalgrupper[g].navn for g in m.maalgrupper),
        ", ".join(vocab.temaer[t].navn for t in m.temaer),
        "; ".join(when),
        "; ".join(places),
        _with_note(wording.price(m.pris), m.pris.note if m.pris else None),
        _with_note(wording.joining(m.tilmelding), m.tilmelding.note if m.tilmelding else None),
        orgs[m.ansvarlig].name if m.ansvarlig else "",
        ", ".join([orgs[p].name for p in m.partnere] + list(m.oevrige_aktoerer)),
        k.rolle if k and k.rolle else "",
        orgs[k.organisation].name if k and k.organisation else "",
        k.email if k and k.email else "",
        k.telefon if k and k.telefon else "",
        m.startaar or "",
        m.slutaar or "",
        "; ".join(funding),
        anchoring,
        latest.dato.iso() if latest else "",
        latest.tekst if latest else "",
        m.senest_bekraeftet.iso(),
        links.absolute(f"initiativer/{entry.slug}.md") or "",
        entry.slug,
    ]
    return [safe_cell(v) for v in values]


def spreadsheet(repo: Repository, settings: Settings) -> bytes:
    links = WebLinks(settings)

    def order(e: Entry):
        kommune = repo.kommuner[e.kommune].name if e.kommune else ""
        return (sort_key(kommune), sort_key(e.name), e.slug)

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for entry in sorted(repo.initiativer.values(), key=order):
        writer.writerow(row(entry, repo, links))
    return (BOM + buffer.getvalue()).encode("utf-8")


def spreadsheet_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    yield Output(PATH, spreadsheet(repo, settings))
