"""JSON Schema for every content type, made from the content model, for editors' tools.

VS Code and GitHub Codespaces (the YAML extension, yaml-language-server) use
these files to complete field names and vocabulary ids and to underline
mistakes while an editor types. They are generated, never written by hand:
`overblik schema` writes them into `schemas/`, and a test fails when the
committed files differ from what the model and the vocabulary give.

pydantic makes the schema; this module then adapts it to what editors may
write and the loader accepts: Danish explanations on every field, the
vocabulary's ids as choices, and the short forms the schemas normalise
(``pris: gratis``, a single target group without a list, a year as a number).
Both read the model's public declarations: the `OneOrMany` marker in a field's
metadata, and the `Format` of each pattern, whose Danish error text becomes the
schema's ``patternErrorMessage`` (the message VS Code shows).

Markdown front matter is not read by the YAML extension (vscode-yaml issue
#207), so the same data also gives snippets for Markdown files
(`snippets`): typing a field name offers it with the vocabulary's choices.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from overblik.content.fieldtypes import (
    AARSTAL_FRA_TIL,
    DATO,
    FORMATS,
    POSTNUMMER,
    SLUG,
    TELEFON,
    one_item_allowed,
)
from overblik.content.references import declared
from overblik.content.validation import SLUG_EXAMPLES
from overblik.content.vocabulary import Vokabular

from .fieldguide import KINDS, VOCABULARY_FIELDS, explain, nested_models, vocabulary_terms

DRAFT = "http://json-schema.org/draft-07/schema#"
_DATE_PATTERN = DATO.pattern
_YEAR = {"type": "integer", "minimum": 1900, "maximum": 2100}

# Schemas that accept a short form besides their fields (a before-validator
# turns the short form into fields). The value is the short form's schema, or
# the name of the field whose schema the short form takes.
SHORT_FORMS: dict[str, str | dict] = {
    "Pris": "type",
    "Tilmelding": "type",
    "Term": "navn",
    "Maalvaerdi": {"type": "number", "minimum": 0},
    "Tidsplan": {"anyOf": [_YEAR, AARSTAL_FRA_TIL.json_schema()]},
}

# The files each schema is for, as VS Code globs (see .vscode/settings.json).
FILE_GLOBS: dict[str, list[str]] = {
    **{kind: t.globs() for kind, t in KINDS.items()},
    "vokabular": ["content/vokabular.yml"],
}


def _walk(node: Any, fn) -> Any:
    """Apply fn to every dict in a schema, innermost first."""
    if isinstance(node, dict):
        node = {k: _walk(v, fn) for k, v in node.items()}
        return fn(node)
    if isinstance(node, list):
        return [_walk(v, fn) for v in node]
    return node


def _loosen(node: dict) -> dict:
    """Accept the numbers YAML makes of years, phone numbers and postcodes."""
    number = None
    if node.get("type") == "string" and node.get("pattern") == _DATE_PATTERN:
        number = _YEAR
    elif node.get("type") == "string" and node.get("pattern") == POSTNUMMER.pattern:
        number = {"type": "integer", "minimum": 1000, "maximum": 9999}
    elif node.get("type") == "string" and node.get("pattern") == TELEFON.pattern:
        number = {"type": "integer", "minimum": 0}
    if number is not None:
        wrapper = {"description": node.pop("description")} if "description" in node else {}
        wrapper["anyOf"] = [node, number]
        return wrapper
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    keys = list(node.get("patternProperties", {}))
    if len(keys) == 1 and keys[0] in FORMATS:
        # ids as keys (vokabular.yml): pydantic leaves only the message in propertyNames
        node["propertyNames"] = {"pattern": keys[0], "patternErrorMessage": FORMATS[keys[0]].sentence()}
    return node


def _choices(terms: list[tuple[str, str]]) -> dict:
    return {
        "type": "string",
        "enum": [key for key, _ in terms],
        "enumDescriptions": [name for _, name in terms],
    }


def _replace_strings(node: Any, replacement: dict) -> Any:
    """Put the vocabulary's choices where a field's schema has a plain string."""
    if isinstance(node, dict):
        if node.get("type") == "string":
            return copy.deepcopy(replacement)
        return {k: _replace_strings(v, replacement) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_strings(v, replacement) for v in node]
    return node


def _slug_example(node: Any, example: str) -> Any:
    """Give the id pattern's message an example of the kind the field names."""
    if isinstance(node, dict):
        node = {k: _slug_example(v, example) for k, v in node.items()}
        if node.get("pattern") == SLUG.pattern and "patternErrorMessage" in node:
            node["patternErrorMessage"] = SLUG.sentence(example)
        return node
    if isinstance(node, list):
        return [_slug_example(v, example) for v in node]
    return node


def _tidy(prop: dict) -> dict:
    prop.pop("title", None)
    if prop.get("default") in (None, [], {}):
        prop.pop("default", None)
    return prop


def _property(model: type[BaseModel], name: str, prop: dict, vocab: Vokabular) -> dict:
    prop = _tidy(dict(prop))
    vocabulary = VOCABULARY_FIELDS.get((model.__name__, name))
    if vocabulary:
        prop = _replace_strings(prop, _choices(vocabulary_terms(vocab, vocabulary)))
    ref = declared(model).get(name)
    if ref is not None and ref.target in SLUG_EXAMPLES:
        prop = _slug_example(prop, SLUG_EXAMPLES[ref.target])
    field = model.model_fields.get(name)
    if prop.get("type") == "array" and field is not None and one_item_allowed(field):
        items = prop["items"]
        prop = {"anyOf": [{"type": "array", "items": items}, items, {"type": "null"}]}
    own = explain(model.__name__, name)
    described = {"description": own}
    described.update({k: v for k, v in prop.items() if k != "description"})
    if prop.get("description") and prop["description"] != own:
        described["description"] = f"{own} Skrives som: {prop['description']}."
    return described


def _object(model: type[BaseModel], schema: dict, vocab: Vokabular) -> dict:
    out: dict[str, Any] = {"description": explain(model.__name__)}
    for key, value in schema.items():
        if key in ("title", "description"):
            continue
        if key == "properties":
            value = {name: _property(model, name, prop, vocab) for name, prop in value.items()}
        out[key] = value
    short = SHORT_FORMS.get(model.__name__)
    if short is not None:
        form = copy.deepcopy(out["properties"][short]) if isinstance(short, str) else copy.deepcopy(short)
        form.pop("description", None)
        object_form = {k: v for k, v in out.items() if k != "description"}
        out = {"description": out["description"], "anyOf": [form, object_form]}
    return out


def json_schema(kind: str, vocab: Vokabular) -> dict:
    """The JSON Schema for one content type ("initiativ" …) or for "vokabular"."""
    model: type[BaseModel] = Vokabular if kind == "vokabular" else KINDS[kind].schema
    raw = model.model_json_schema(ref_template="#/$defs/{model}")
    defs = raw.pop("$defs", {})
    classes = {m.__name__: m for m in nested_models(model)}
    root = _object(model, raw, vocab)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$comment": "Lavet af `overblik schema` ud fra src/overblik/schemas.py og content/vokabular.yml. Ret ikke i hånden.",
        "title": kind.capitalize(),
    }
    schema.update(root)
    if defs:
        schema["$defs"] = {name: _object(classes[name], d, vocab) for name, d in sorted(defs.items())}
    return _walk(schema, _loosen)


def schema_files(vocab: Vokabular) -> dict[str, str]:
    """File name -> text of every schema file, as `overblik schema` writes them."""
    files = {}
    for kind in [*KINDS, "vokabular"]:
        files[f"{kind}.schema.json"] = json.dumps(json_schema(kind, vocab), ensure_ascii=False, indent=2) + "\n"
    return files


# --- snippets for Markdown front matter ---------------------------------------

_DATE_TODAY = "${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}"


def _escape_snippet(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}").replace("|", "\\|").replace(",", "\\,")


def _choice(n: int, options: list[str]) -> str:
    return "${" + str(n) + "|" + ",".join(_escape_snippet(o) for o in options) + "|}"


def find_in(schema: Any, pick: Callable[[dict], Any], keys: tuple[str, ...] | None = ("anyOf", "items")) -> Any:
    """The first thing `pick` finds in a JSON Schema node, else in the nodes under its
    `keys` (None: under every key), depth first."""
    if isinstance(schema, list):
        nodes = schema
    elif isinstance(schema, dict):
        found = pick(schema)
        if found:
            return found
        nodes = [schema.get(key) for key in keys] if keys is not None else list(schema.values())
    else:
        return None
    for node in nodes:
        found = find_in(node, pick, keys)
        if found:
            return found
    return None


def _enum_of(schema: Any) -> list[str] | None:
    return find_in(schema, lambda node: [str(v) for v in node["enum"]] if "enum" in node else None)


def _is_list(prop: dict) -> bool:
    return prop.get("type") == "array" or any(a.get("type") == "array" for a in prop.get("anyOf", []))


def ref_name(node: dict) -> str | None:
    """The definition a schema node points at ("#/$defs/Kontakt" → "Kontakt")."""
    return node["$ref"].rsplit("/", 1)[-1] if "$ref" in node else None


def _ref(prop: Any) -> str | None:
    return find_in(prop, ref_name)


def _object_fields(schema: dict) -> dict:
    if "properties" in schema:
        return schema
    for alt in schema.get("anyOf", []):
        if "properties" in alt:
            return alt
    return schema


def _is_date(schema: Any) -> bool:
    if isinstance(schema, dict):
        return schema.get("pattern") == _DATE_PATTERN or any(_is_date(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_is_date(v) for v in schema)
    return False


def _value(prop: dict, n: int, defs: dict) -> tuple[str, int]:
    """The snippet text after «felt:», and the next placeholder number."""
    options = _enum_of(prop)
    if _is_date(prop):
        return f' "{_DATE_TODAY}"', n
    ref = _ref(prop)
    if ref and not options:
        obj = _object_fields(defs[ref])
        lines = []
        for name in obj.get("required", []):
            text, n = _value(obj["properties"][name], n, defs)
            lines.append(f"{name}:{text}")
        if not lines:
            lines = [f"{next(iter(obj['properties']))}: ${n}"]
            n += 1
        if _is_list(prop):
            return "\n  - " + "\n    ".join(lines), n
        return "\n  " + "\n  ".join(lines), n
    if options:
        if _is_list(prop):
            return " [" + _choice(n, options) + "]", n + 1
        return " " + _choice(n, options), n + 1
    if _is_list(prop):
        return " [$" + str(n) + "]", n + 1
    return " $" + str(n), n + 1


def snippets(vocab: Vokabular) -> dict[str, dict]:
    """VS Code snippets for the front matter of Markdown content files."""
    out: dict[str, dict] = {}
    for kind, t in KINDS.items():
        if t.suffix != ".md":
            continue
        schema = json_schema(kind, vocab)
        defs = schema.get("$defs", {})
        for name, prop in schema["properties"].items():
            if name == "kommune":
                continue  # the folder gives it
            text, _ = _value(prop, 1, defs)
            out[f"{name} ({kind})"] = {
                "scope": "markdown",
                "prefix": name,
                "body": (name + ":" + text).split("\n"),
                "description": f"{kind.capitalize()}: {prop.get('description', '')}",
            }
    return out


def snippets_file(vocab: Vokabular) -> str:
    header = "// Lavet af `overblik schema` ud fra indholdsmodellen og vokabular.yml. Ret ikke i hånden.\n"
    return header + json.dumps(snippets(vocab), ensure_ascii=False, indent=2) + "\n"
