"""``overblik steder --find-koordinater``: coordinates for places from their address.

Editors should not type coordinates. This looks up each place's address in a
Danish address service with DAWA's REST interface (``GET
<service>/adgangsadresser?q=…&struktur=mini``; each answer has ``x`` =
longitude and ``y`` = latitude in WGS 84, and ``betegnelse``, the address
written out). The public DAWA closed in 2026; DAWA-compatible services and
self-hosted copies exist, so the service's address is configuration
(``extra.overblik.adresseservice`` in mkdocs.yml), empty by default.

It runs only when an editor asks for it, never during a build. All addresses
are looked up first; if the service cannot be reached, no file is changed.
A found address's coordinates are written into the place file as a
``koordinater`` block (lat, lon, praecision, kilde, dato); the rest of the
file, comments included, stays as it was.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from overblik.content.gazetteer import fold, in_denmark
from overblik.content.repository import Entry, Repository

TIMEOUT = 15


class ServiceError(Exception):
    """The address service could not be reached or answered nonsense (message in Danish)."""


@dataclass
class Lookup:
    place: Entry
    query: str
    status: str  # "fundet", "ikke-fundet", "tvetydig"
    lat: float | None = None
    lon: float | None = None
    found: str = ""  # the address as the service writes it
    candidates: list[str] | None = None


def query_for(place: Entry) -> str:
    m = place.model
    town = " ".join(x for x in (m.postnummer, m.by) if x)
    return f"{m.adresse}, {town}" if town else m.adresse


def _get(service: str, params: dict) -> list:
    url = service.rstrip("/") + "/adgangsadresser?" + urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        raise ServiceError(f"adresseservicen svarede med fejl {err.code} på {url}") from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise ServiceError(f"adresseservicen på {service} kunne ikke nås ({reason})") from err
    except ValueError as err:
        raise ServiceError(f"adresseservicen på {service} svarede ikke med JSON, som en DAWA-tjeneste gør") from err
    if not isinstance(data, list):
        raise ServiceError(
            f"adresseservicen på {service} svarede ikke med en liste af adresser, som en DAWA-tjeneste gør"
        )
    return data


def lookup(service: str, place: Entry, kommunekode: int | None) -> Lookup:
    query = query_for(place)
    params = {"q": query, "struktur": "mini", "per_side": 10}
    if kommunekode and not place.model.postnummer:
        params["kommunekode"] = f"{kommunekode:04d}"
    answers = [a for a in _get(service, params) if isinstance(a, dict) and "x" in a and "y" in a]
    if len(answers) > 1:
        # Several answers: one that is the address exactly, else ambiguous.
        wanted = re.sub(r"[ ,]+", " ", fold(query))
        exact = [a for a in answers if re.sub(r"[ ,]+", " ", fold(str(a.get("betegnelse", "")))).startswith(wanted)]
        answers = exact if len(exact) == 1 else answers
    if not answers:
        return Lookup(place, query, "ikke-fundet")
    if len(answers) > 1:
        return Lookup(place, query, "tvetydig", candidates=[str(a.get("betegnelse", "")) for a in answers[:5]])
    a = answers[0]
    try:
        lat, lon = float(a["y"]), float(a["x"])
    except (TypeError, ValueError) as err:
        raise ServiceError(f"adresseservicen på {service} gav en adresse uden brugbare koordinater") from err
    if not in_denmark(lat, lon):
        raise ServiceError(
            f"adresseservicen på {service} gav koordinater uden for Danmark ({lat}, {lon}) "
            "– er den sat op til at svare i WGS 84 (srid 4326)?"
        )
    return Lookup(place, query, "fundet", round(lat, 6), round(lon, 6), str(a.get("betegnelse", query)))


def block(lat: float, lon: float, source: str, date: str) -> str:
    return (
        "koordinater:\n"
        f"  lat: {lat}\n"
        f"  lon: {lon}\n"
        "  praecision: adresse\n"
        f"  kilde: {json.dumps(source, ensure_ascii=False)}\n"
        f'  dato: "{date}"\n'
    )


_KEY = re.compile(r"^koordinater\s*:")


def with_coordinates(text: str, new_block: str) -> str:
    """The YAML file's text with its ``koordinater`` replaced (or added at the end)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if _KEY.match(line):
            end = i + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            # Keep blank lines that separate the next field.
            while end > i + 1 and not lines[end - 1].strip():
                end -= 1
            return "".join(lines[:i]) + new_block + "".join(lines[end:])
    if text and not text.endswith("\n"):
        text += "\n"
    return text + new_block


def find_coordinates(
    repo: Repository, root: Path, service: str, date: str, *, again: bool = False
) -> tuple[list[Lookup], list[Entry]]:
    """Look up every place with an address (and without coordinates unless `again`).
    Returns the lookups and the places skipped for lack of an address.
    Raises ServiceError before any file is written."""
    todo, skipped = [], []
    for place in sorted(repo.steder.values(), key=lambda e: e.rel):
        if place.model.koordinater and not again:
            continue
        (todo if place.model.adresse else skipped).append(place)
    results = []
    for place in todo:
        k = repo.kommuner.get(place.kommune) if place.kommune else None
        results.append(lookup(service, place, k.model.kode if k else None))
    source = f"Adresseservice (DAWA): {service}"
    for r in results:
        if r.status == "fundet":
            path = root / r.place.rel
            text = path.read_text(encoding="utf-8")
            path.write_text(with_coordinates(text, block(r.lat, r.lon, source, date)), encoding="utf-8", newline="\n")
    return results, skipped
