"""HSDS 3.0 as a tabular data package: one CSV per table and ``datapackage.json``.

The CSV files follow the Frictionless defaults (UTF-8, comma, CRLF, a header
row, empty cell = no value), use HSDS table and column names, and hold the
same records as the JSON documents (`hsds.Dataset`). Only the columns we can
fill are present; ``datapackage.json`` describes each column's type,
required fields, allowed values and the links between tables.

These files are data, not spreadsheets: values are written exactly as in
the content. Staff who want a spreadsheet use `spreadsheet` instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from overblik.content.repository import Repository
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .hsds import Dataset, build_dataset
from .jsontext import dumps
from .weblinks import WebLinks

# column declarations: "name", "name:type" with type one of uuid, email, uri, date,
# time, number; a trailing "!" marks a required column.
COLUMNS: dict[str, tuple[str, list[str]]] = {
    "organization": (
        "organizations.csv",
        [
            "id:uuid!",
            "name!",
            "description!",
            "email:email",
            "website:uri",
            "uri:uri",
            "parent_organization_id:uuid",
        ],
    ),
    "service": (
        "services.csv",
        [
            "id:uuid!",
            "organization_id:uuid!",
            "name!",
            "description",
            "url:uri",
            "email:email",
            "status!",
            "application_process",
            "fees_description",
            "eligibility_description",
            "assured_date:date",
        ],
    ),
    "location": (
        "locations.csv",
        [
            "id:uuid!",
            "location_type!",
            "name",
            "description",
            "latitude:number",
            "longitude:number",
        ],
    ),
    "service_at_location": (
        "service_at_location.csv",
        [
            "id:uuid!",
            "service_id:uuid!",
            "location_id:uuid!",
        ],
    ),
    "address": (
        "addresses.csv",
        [
            "id:uuid!",
            "location_id:uuid",
            "address_1!",
            "city!",
            "state_province!",
            "postal_code!",
            "country!",
            "address_type!",
        ],
    ),
    "phone": (
        "phones.csv",
        [
            "id:uuid!",
            "organization_id:uuid",
            "contact_id:uuid",
            "number!",
            "type",
        ],
    ),
    "schedule": (
        "schedules.csv",
        [
            "id:uuid!",
            "service_id:uuid",
            "service_at_location_id:uuid",
            "valid_to:date",
            "freq",
            "interval:number",
            "byday",
            "byweekno",
            "description",
            "opens_at:time",
            "closes_at:time",
            "notes",
        ],
    ),
    "contact": (
        "contacts.csv",
        [
            "id:uuid!",
            "service_id:uuid",
            "title",
            "department",
            "email:email",
        ],
    ),
    "funding": ("funding.csv", ["id:uuid!", "service_id:uuid", "source"]),
    "cost_option": (
        "cost_options.csv",
        [
            "id:uuid!",
            "service_id:uuid!",
            "option",
            "currency",
            "amount:number",
            "amount_description",
        ],
    ),
    "language": ("languages.csv", ["id:uuid!", "service_id:uuid", "name", "code"]),
    "service_area": ("service_areas.csv", ["id:uuid!", "service_id:uuid", "name"]),
    "taxonomy": ("taxonomies.csv", ["id:uuid!", "name!", "description!", "uri:uri"]),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        [
            "id:uuid!",
            "code",
            "name!",
            "description!",
            "taxonomy_id:uuid",
            "language",
            "term_uri:uri",
        ],
    ),
    "attribute": (
        "attributes.csv",
        [
            "id:uuid!",
            "link_id:uuid!",
            "taxonomy_term_id:uuid!",
            "link_type",
            "link_entity!",
        ],
    ),
}

ENUMS = {
    ("service", "status"): ["active", "inactive", "defunct", "temporarily closed"],
    ("location", "location_type"): ["physical", "postal", "virtual"],
    ("address", "address_type"): ["physical", "postal", "virtual"],
    ("schedule", "freq"): ["WEEKLY", "MONTHLY"],
}

# (table, column) -> referenced table (its "id")
FOREIGN_KEYS = {
    ("organization", "parent_organization_id"): "organization",
    ("service", "organization_id"): "organization",
    ("service_at_location", "service_id"): "service",
    ("service_at_location", "location_id"): "location",
    ("address", "location_id"): "location",
    ("phone", "organization_id"): "organization",
    ("phone", "contact_id"): "contact",
    ("schedule", "service_id"): "service",
    ("schedule", "service_at_location_id"): "service_at_location",
    ("contact", "service_id"): "service",
    ("funding", "service_id"): "service",
    ("cost_option", "service_id"): "service",
    ("language", "service_id"): "service",
    ("service_area", "service_id"): "service",
    ("taxonomy_term", "taxonomy_id"): "taxonomy",
    ("attribute", "taxonomy_term_id"): "taxonomy_term",
}


def parse_column(spec: str) -> tuple[str, str, bool]:
    required = spec.endswith("!")
    name, _, kind = spec.rstrip("!").partition(":")
    return name, kind, required


def field_schema(table: str, spec: str) -> dict:
    name, kind, required = parse_column(spec)
    out: dict = {"name": name}
    if kind in ("uuid", "email", "uri"):
        out.update(type="string", format=kind)
    elif kind in ("date", "time", "number"):
        out["type"] = kind
    else:
        out["type"] = "string"
    constraints: dict = {}
    if required:
        constraints["required"] = True
    if name == "id":
        constraints["unique"] = True
    if (table, name) in ENUMS:
        constraints["enum"] = ENUMS[(table, name)]
    if constraints:
        out["constraints"] = constraints
    return out


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def table_csv(data: Dataset, table: str) -> bytes:
    _, specs = COLUMNS[table]
    names = [parse_column(s)[0] for s in specs]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for record in data.tables[table]:
        unknown = set(record) - set(names)
        if unknown:
            raise ValueError(f"HSDS-tabellen {table} mangler kolonnerne {sorted(unknown)}")
        writer.writerow([cell(record.get(n)) for n in names])
    return buffer.getvalue().encode("utf-8")


def datapackage(*, title: str, licence_name: str, licence_url: str, homepage: str | None) -> dict:
    resources = []
    for table, (path, specs) in COLUMNS.items():
        schema: dict = {"fields": [field_schema(table, s) for s in specs], "missingValues": [""], "primaryKey": ["id"]}
        keys = [
            {"fields": [column], "reference": {"resource": target, "fields": ["id"]}}
            for (t, column), target in FOREIGN_KEYS.items()
            if t == table
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
                "schema": schema,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "overblik-hsds",
        "title": title,
        "description": "Frivillige og sociale initiativer som Open Referral HSDS 3.0 (Human Services Data Specification).",
        "homepage": homepage,
        # an Open Definition licence id: "CC BY 4.0" -> "CC-BY-4.0"
        "licenses": [{"name": licence_name.replace(" ", "-"), "path": licence_url, "title": licence_name}],
        "resources": resources,
    }
    return {k: v for k, v in package.items() if v is not None}


# --- files -------------------------------------------------------------------

CSV_FOLDER = "data/hsds-csv"


def tabular_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    """One CSV per HSDS table and the data package that describes them."""
    data = build_dataset(repo, settings)
    for table, (path, _) in COLUMNS.items():
        yield Output(f"{CSV_FOLDER}/{path}", table_csv(data, table))
    package = datapackage(
        title=f"{settings.site_name} (HSDS 3.0)",
        licence_name=settings.licence_name,
        licence_url=settings.licence_url,
        homepage=WebLinks(settings).absolute("aabne-data.md"),
    )
    yield Output(f"{CSV_FOLDER}/datapackage.json", dumps(package))
