"""The editor guide's field reference, generated from the JSON Schemas.

One section per content type: each field, whether it must be filled in, what
it means (from `data/felter.yml`) and how it is written; then the vocabulary
lists with their ids. Because it is made from the same schemas VS Code uses,
it cannot drift from the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from overblik.content.fieldtypes import DATO, SLUG_PATTERN
from overblik.content.repository import Repository
from overblik.content.types import MUNICIPALITY_FILE
from overblik.site.output import Output
from overblik.site.pages import Renderer
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .editorschema import find_in, json_schema, ref_name
from .fieldguide import KINDS, VOCABULARY_FIELDS, explain, vocabulary_terms

SRC = "redaktoer/felter.md"

VOCABULARY_TITLES = {
    "typer": "Typer af initiativer",
    "statusser": "Statusser",
    "maalgrupper": "Målgrupper",
    "temaer": "Temaer",
    "finansieringskilder": "Finansieringskilder",
    "organisationstyper": "Organisationstyper",
    "rapporttyper": "Rapporttyper",
    "maalrammer": "Mål i målrammerne",
}
KIND_TITLES = {kind: t.reference_title for kind, t in KINDS.items()}


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    meaning: str
    shape: str  # how it is written, in Danish
    vocabulary: str | None = None  # the vocabulary list it takes ids from
    part: str | None = None  # the nested type it holds


@dataclass(frozen=True)
class Part:
    name: str
    anchor: str
    meaning: str
    fields: list[Field]


@dataclass(frozen=True)
class Kind:
    kind: str
    title: str
    meaning: str
    where: str
    fields: list[Field]
    parts: list[Part]


def _alternatives(prop: dict) -> list[dict]:
    return [a for a in prop.get("anyOf", [prop]) if a.get("type") != "null"]


def shape(prop: dict) -> str:
    """How a value is written, from its JSON Schema."""
    alts = _alternatives(prop)
    arrays = [a for a in alts if a.get("type") == "array"]
    if arrays:
        return "liste af " + _plural(shape(arrays[0]["items"]))
    first = alts[0] if alts else prop
    if "$ref" in first:
        return "felter indrykket under feltet"
    if "enum" in first:
        values = [str(v) for v in first["enum"]]
        return "én af: " + ", ".join(values) if len(values) <= 6 else "et id fra ordlisten"
    if first.get("pattern") == DATO.pattern:
        return 'dato: "2025-03-14", måned: "2025-03" eller år: 2025'
    if first.get("pattern") == SLUG_PATTERN:
        return "id: filnavnet uden .md eller .yml"
    if first.get("format") == "uri":
        return "fuld adresse, der begynder med https://"
    if first.get("format") == "email":
        return "e-mailadresse"
    kind = first.get("type")
    if kind == "integer":
        return "helt tal"
    if kind == "number":
        return "tal"
    if kind == "boolean":
        return "true (ja) eller false (nej)"
    if kind == "object":
        return "felter indrykket under feltet"
    if kind == "string" and first.get("maxLength") == 300:
        return "tekst på én linje (højst 300 tegn)"
    if kind == "string" and first.get("pattern"):
        return "tekst i et fast format"
    return "tekst"


def _plural(text: str) -> str:
    replacements = {
        "id: filnavnet uden .md eller .yml": "id'er (filnavne uden .md eller .yml)",
        "et id fra ordlisten": "id'er fra ordlisten",
        "tekst på én linje (højst 300 tegn)": "korte tekster",
        "felter indrykket under feltet": "punkter, hvert med sine felter",
    }
    return replacements.get(text, text)


def _ref(prop: Any) -> str | None:
    return find_in(prop, ref_name, keys=None)


def _object(schema: dict) -> dict:
    for alt in schema.get("anyOf", [schema]):
        if "properties" in alt:
            return alt
    return schema


def _fields(model_name: str, schema: dict) -> list[Field]:
    obj = _object(schema)
    needed = set(obj.get("required", []))
    out = []
    for name, prop in obj.get("properties", {}).items():
        out.append(
            Field(
                name=name,
                required=name in needed,
                meaning=explain(model_name, name),
                shape=shape(prop),
                vocabulary=VOCABULARY_FIELDS.get((model_name, name)),
                part=_ref(prop),
            )
        )
    return out


def _where(kind: str) -> str:
    t = KINDS[kind]
    if not t.own_folder:
        return f"content/kommuner/<kommune>/{MUNICIPALITY_FILE}"
    return f"content/kommuner/<kommune>/{t.folder}/<id>{t.suffix}"


def reference(vocab) -> list[Kind]:
    kinds = []
    for kind, t in KINDS.items():
        model = t.schema
        schema = json_schema(kind, vocab)
        defs = schema.get("$defs", {})
        parts = [Part(name, f"{kind}-{name.lower()}", explain(name), _fields(name, defs[name])) for name in defs]
        kinds.append(
            Kind(kind, KIND_TITLES[kind], explain(model.__name__), _where(kind), _fields(model.__name__, schema), parts)
        )
    return kinds


def field_reference_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    vocab = repo.vocabulary
    yield renderer.editors_page(
        "fieldreference.md.j2",
        SRC,
        title="Felter i indholdsfilerne",
        description="Hvad hvert felt i initiativer, cases, organisationer, steder, rapporter og artikler betyder, og hvordan det skrives.",
        kinds=reference(vocab),
        vocabulary_titles=VOCABULARY_TITLES,
        vocabularies=[(key, VOCABULARY_TITLES[key], vocabulary_terms(vocab, key)) for key in VOCABULARY_TITLES],
    )
