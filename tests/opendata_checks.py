"""Validators for the open-data exports, shared by the fixture and real-site tests.

Each returns a list of problems (empty when valid), so a test can show them all.
HSDS schemas are read from ../shared/reference/hsds-3.0/ beside the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parent.parent
HSDS_REFERENCE = ROOT.parent / "shared" / "reference" / "hsds-3.0"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# --- HSDS JSON ------------------------------------------------------------------


def need_hsds_reference() -> Path:
    if not (HSDS_REFERENCE / "service.json").exists():
        pytest.skip(f"HSDS 3.0-skemaerne findes ikke i {HSDS_REFERENCE}; HSDS-valideringen springes over")
    return HSDS_REFERENCE


@cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted(HSDS_REFERENCE.glob("*.json")) + sorted((HSDS_REFERENCE / "compiled").glob("*.json")):
        if path.name == "openapi.json":
            continue
        name = path.relative_to(HSDS_REFERENCE).as_posix()
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def reference_schema(name: str) -> dict:
    return json.loads((HSDS_REFERENCE / name).read_text(encoding="utf-8"))


def _is_uri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme in ("http", "https") and parts.netloc)


def validate_hsds(document: dict, schema_name: str) -> list[str]:
    """JSON Schema validation (with formats) plus: no property the schema does not define."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = reference_schema(schema_name)
    validator = Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    problems += _unknown_keys(document, schema, schema, "")
    return problems


def _resolve(schema: dict, root: dict) -> dict:
    ref = schema.get("$ref")
    if not ref:
        return schema
    if ref.startswith("#/definitions/"):
        return root["definitions"][ref.split("/")[-1]]
    return reference_schema(ref)


def _unknown_keys(value, schema: dict, root: dict, where: str) -> list[str]:
    schema = _resolve(schema, root)
    problems = []
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            if key not in schema["properties"]:
                problems.append(f"{where}/{key}: feltet findes ikke i HSDS")
                continue
            sub = schema["properties"][key]
            if sub.get("format") == "uri" and isinstance(item, str) and not _is_uri(item):
                problems.append(f"{where}/{key}: {item!r} er ikke en absolut URI")
            if sub.get("datapackage_type") == "date" and isinstance(item, str) and not _is_date(item):
                problems.append(f"{where}/{key}: {item!r} er ikke en dato (ÅÅÅÅ-MM-DD)")
            if sub.get("datapackage_type") == "time" and isinstance(item, str) and not _is_time(item):
                problems.append(f"{where}/{key}: {item!r} er ikke et klokkeslæt (TT:MM:SS)")
            if sub.get("type") == "array" and isinstance(item, list):
                for i, element in enumerate(item):
                    problems += _unknown_keys(element, sub["items"], root, f"{where}/{key}/{i}")
            elif isinstance(item, dict):
                problems += _unknown_keys(item, sub, root, f"{where}/{key}")
    return problems


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    except ValueError:
        return False


def _is_time(value: str) -> bool:
    return bool(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d", value))


def check_hsds_files(files: dict[str, bytes]) -> list[str]:
    """All HSDS JSON files: per-service documents and list pages."""
    problems = []
    lists = {
        "data/hsds/services.json": "compiled/service_list.json",
        "data/hsds/organizations.json": "compiled/organization_list.json",
        "data/hsds/service_at_locations.json": "compiled/service_at_location_list.json",
        "data/hsds/taxonomies.json": "taxonomy.json",
        "data/hsds/taxonomy_terms.json": "taxonomy_term.json",
    }
    for path, schema in lists.items():
        page = json.loads(files[path])
        if page["total_items"] != len(page["contents"]) or page["size"] != len(page["contents"]):
            problems.append(f"{path}: total_items/size passer ikke med contents")
        for i, item in enumerate(page["contents"]):
            problems += [f"{path} #{i} {p}" for p in validate_hsds(item, schema)]
    services = json.loads(files["data/hsds/services.json"])["contents"]
    for service in services:
        path = f"data/hsds/services/{service['id']}.json"
        if path not in files:
            problems.append(f"{path} mangler")
            continue
        doc = json.loads(files[path])
        problems += [f"{path} {p}" for p in validate_hsds(doc, "service.json")]
        problems += [f"{path} {p}" for p in validate_hsds(doc, "compiled/service_with_definitions.json")]
    return problems


# --- HSDS tabular data package -----------------------------------------------------


def check_datapackage(files: dict[str, bytes], folder: str = "data/hsds-csv") -> list[str]:
    """Each CSV against datapackage.json, and datapackage.json against HSDS' tabular schema."""
    problems = []
    package = json.loads(files[f"{folder}/datapackage.json"])
    if package.get("profile") != "tabular-data-package":
        problems.append("datapackage.json: profile skal være tabular-data-package")
    if not package.get("licenses"):
        problems.append("datapackage.json: licens mangler")
    ids: dict[str, set[str]] = {}
    rows_by_table: dict[str, list[dict]] = {}
    for resource in package["resources"]:
        name, path = resource["name"], f"{folder}/{resource['path']}"
        raw = files[path]
        if raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{path}: en datapakke-CSV må ikke have BOM")
        text = raw.decode("utf-8")
        if not text.endswith("\r\n"):
            problems.append(f"{path}: rækker skal slutte med CRLF")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        header = next(csv.reader(io.StringIO(text, newline="")))
        fields = resource["schema"]["fields"]
        if header != [f["name"] for f in fields]:
            problems.append(f"{path}: kolonnerne {header} passer ikke med datapackage.json")
        for i, row in enumerate(rows, start=2):
            for f in fields:
                value = row.get(f["name"], "")
                problems += [f"{path} linje {i} {f['name']}: {p}" for p in _check_cell(value, f)]
        for f in fields:
            if f.get("constraints", {}).get("unique"):
                values = [r[f["name"]] for r in rows if r[f["name"]]]
                if len(values) != len(set(values)):
                    problems.append(f"{path}: {f['name']} er ikke unik")
        ids[name] = {r["id"] for r in rows}
        rows_by_table[name] = rows
    for resource in package["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            column, target = key["fields"][0], key["reference"]["resource"]
            for row in rows_by_table[resource["name"]]:
                if row[column] and row[column] not in ids.get(target, set()):
                    problems.append(f"{resource['path']}: {column}={row[column]} findes ikke i {target}")
    problems += _against_reference(package)
    return problems


def _check_cell(value: str, field: dict) -> list[str]:
    constraints = field.get("constraints", {})
    if value == "":
        return ["mangler, men er påkrævet"] if constraints.get("required") else []
    problems = []
    kind, fmt = field["type"], field.get("format")
    if fmt == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            problems.append(f"{value!r} er ikke et UUID")
    if fmt == "uri" and not _is_uri(value):
        problems.append(f"{value!r} er ikke en absolut URI")
    if fmt == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        problems.append(f"{value!r} er ikke en e-mailadresse")
    if kind == "date" and not _is_date(value):
        problems.append(f"{value!r} er ikke en dato")
    if kind == "time" and not _is_time(value):
        problems.append(f"{value!r} er ikke et klokkeslæt")
    if kind == "number":
        try:
            float(value)
        except ValueError:
            problems.append(f"{value!r} er ikke et tal")
    if "enum" in constraints and value not in constraints["enum"]:
        problems.append(f"{value!r} er ikke en af {constraints['enum']}")
    return problems


def _against_reference(package: dict) -> list[str]:
    """Tables, columns, types and required columns as in HSDS' tabular schema."""
    tabular = reference_schema("compiled/tabular.json")["properties"]
    problems = []
    for resource in package["resources"]:
        name = resource["name"]
        if name not in tabular:
            problems.append(f"tabellen {name} findes ikke i HSDS")
            continue
        reference = tabular[name]["items"]
        if resource["path"] != reference["path"]:
            problems.append(f"{name}: filen skal hedde {reference['path']}, ikke {resource['path']}")
        columns = {f["name"]: f for f in resource["schema"]["fields"]}
        for column, field in columns.items():
            ref = reference["properties"].get(column)
            if ref is None or ref.get("type") in ("array", None):
                problems.append(f"{name}.{column}: kolonnen findes ikke i HSDS' tabelform")
                continue
            expected = ref.get("datapackage_type") or ref["type"]
            expected = {"datetime": "datetime"}.get(expected, expected)
            if field["type"] != expected:
                problems.append(f"{name}.{column}: type {field['type']}, HSDS siger {expected}")
            if ref.get("format") and field.get("format") != ref["format"]:
                problems.append(f"{name}.{column}: format {field.get('format')}, HSDS siger {ref['format']}")
            if ref.get("enum") and field.get("constraints", {}).get("enum") != ref["enum"]:
                problems.append(f"{name}.{column}: tilladte værdier afviger fra HSDS")
        for column in reference.get("required", []) + reference.get("tabular_required", []):
            if column not in columns:
                problems.append(f"{name}: den påkrævede kolonne {column} mangler")
            elif not columns[column].get("constraints", {}).get("required"):
                problems.append(f"{name}.{column}: skal være markeret som påkrævet")
    return problems


# --- iCalendar ---------------------------------------------------------------------


def check_ics(raw: bytes) -> list[str]:
    """RFC 5545 as far as it matters here, then a full parse with the icalendar package."""
    import icalendar

    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("filen skal slutte med CRLF")
    for i, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"linje {i}: linjeskift skal være CRLF")
        if len(line) > 75:
            problems.append(f"linje {i}: {len(line)} byte; højst 75 før foldning")
        if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", line):
            problems.append(f"linje {i}: kontroltegn")
    cal = icalendar.Calendar.from_ical(raw)
    for prop in ("VERSION", "PRODID"):
        if prop not in cal:
            problems.append(f"{prop} mangler")
    if str(cal.get("VERSION")) != "2.0":
        problems.append("VERSION skal være 2.0")
    events = list(cal.walk("VEVENT"))
    if not events:
        problems.append("kalenderen har ingen VEVENT (RFC 5545 kræver mindst én komponent)")
    tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    uids = []
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if prop not in event:
                problems.append(f"VEVENT mangler {prop}")
        uids.append(str(event.get("UID")))
        stamp = event.get("DTSTAMP")
        if stamp is not None and (not isinstance(stamp.dt, dt.datetime) or stamp.dt.utcoffset() != dt.timedelta(0)):
            problems.append("DTSTAMP skal være en UTC-tid")
        start = event.get("DTSTART")
        tzid = start.params.get("TZID") if start is not None else None
        if tzid and tzid not in tzids:
            problems.append(f"TZID {tzid} har ingen VTIMEZONE")
        if "DTEND" in event and event["DTEND"].dt <= start.dt:
            problems.append("DTEND ligger ikke efter DTSTART")
    if len(uids) != len(set(uids)):
        problems.append("UID er ikke unik")
    return problems


# --- Atom and sitemap --------------------------------------------------------------

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})")


def check_atom(raw: bytes) -> list[str]:
    problems = []
    root = ElementTree.fromstring(raw)
    if root.tag != f"{ATOM}feed":
        return ["roden skal være atom:feed"]
    for tag in ("id", "title", "updated"):
        if root.find(f"{ATOM}{tag}") is None:
            problems.append(f"feed mangler {tag}")
    has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    dates = []
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            if entry.find(f"{ATOM}{tag}") is None:
                problems.append(f"entry mangler {tag}")
        if not has_author and entry.find(f"{ATOM}author") is None:
            problems.append("entry mangler author")
        if entry.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None:
            problems.append("entry mangler link eller content")
        updated = entry.findtext(f"{ATOM}updated", "")
        if not _RFC3339.fullmatch(updated):
            problems.append(f"updated {updated!r} er ikke RFC 3339")
        dates.append(updated)
        ids.append(entry.findtext(f"{ATOM}id"))
    if dates != sorted(dates, reverse=True):
        problems.append("entries er ikke ordnet med de nyeste først")
    if len(ids) != len(set(ids)):
        problems.append("id er ikke unik")
    feed_updated = root.findtext(f"{ATOM}updated", "")
    if dates and feed_updated != max(dates):
        problems.append("feedets updated skal være den nyeste entry")
    return problems


def check_sitemap(raw: bytes, site_url: str) -> list[str]:
    problems = []
    root = ElementTree.fromstring(raw)
    if root.tag != f"{SITEMAP}urlset":
        return ["roden skal være urlset"]
    locs = []
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc", "")
        locs.append(loc)
        if not loc.startswith(site_url):
            problems.append(f"{loc} ligger ikke under {site_url}")
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        if lastmod is not None and not _is_date(lastmod):
            problems.append(f"{loc}: lastmod {lastmod!r} er ikke en dato")
    if len(locs) != len(set(locs)):
        problems.append("en adresse står flere gange")
    return problems


# --- JSON-LD -------------------------------------------------------------------------

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld_scripts(html_text: str) -> list[str]:
    return _SCRIPT.findall(html_text)


def empty_values(value, where: str = "") -> list[str]:
    if value in (None, "", [], {}):
        return [where or "/"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_values(v, f"{where}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in empty_values(v, f"{where}/{i}")]
    return []


def check_jsonld_page(html_text: str) -> tuple[list[str], dict | None]:
    """One script, valid JSON, schema.org, WebSite (+ BreadcrumbList on pages), no empty values, no raw < > &."""
    scripts = jsonld_scripts(html_text)
    if len(scripts) != 1:
        return [f"{len(scripts)} JSON-LD-blokke; forventede 1"], None
    body = scripts[0]
    problems = []
    if re.search(r"[<>&]", body):
        problems.append("JSON-LD indeholder <, > eller & uden escaping")
    data = json.loads(body)
    if data.get("@context") != "https://schema.org":
        problems.append("@context skal være https://schema.org")
    problems += [f"tom værdi: {p}" for p in empty_values(data)]
    types = {node.get("@type") for node in data.get("@graph", [])}
    if "WebSite" not in types:
        problems.append("WebSite mangler")
    return problems, data


def graph_types(data: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for node in data.get("@graph", []):
        out.setdefault(node["@type"], []).append(node)
    return out
