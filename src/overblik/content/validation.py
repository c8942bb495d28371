"""Validate parsed data against a schema and explain each error in Danish.

The explanations read the model, never pydantic's English messages: a Literal's
allowed values come from the field's annotation, a pattern's wording and
example from its `Format` in `fieldtypes`.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel, ValidationError

from .fieldtypes import FORMATS, SLUG
from .problems import Problem, did_you_mean, field_label
from .references import declared
from .source import SourceFile, describe

_SIMPLE = {
    "int_type": "forventede et helt tal, fx 2019",
    "int_parsing": "forventede et helt tal, fx 2019",
    "int_from_float": "forventede et helt tal uden decimaler",
    "float_type": "forventede et tal, fx 250000",
    "float_parsing": "forventede et tal, fx 250000",
    "bool_type": "forventede true (ja) eller false (nej)",
    "bool_parsing": "forventede true (ja) eller false (nej)",
    "string_type": "forventede en tekst",
    "list_type": "forventede en liste, hvor hvert punkt står på sin egen linje og begynder med  - ",
    "dict_type": "forventede felter indrykket under feltet (navn: værdi)",
    "model_type": "forventede felter indrykket under feltet (navn: værdi)",
    "model_attributes_type": "forventede felter indrykket under feltet (navn: værdi)",
    "string_pattern_mismatch": "har ikke det forventede format",  # a pattern without a Format
}

# Missing fields that need more than "fill it in": why, and what to write.
_MISSING = {
    ("Forankring", "rapport"): (
        "En farve er en vurdering og skal have en kilde: skriv id'et på den rapport, der beskriver "
        "forankringen, fx rapport: statusnotat-frivillige-sociale-initiativer-2019. "
        "Beskriver ingen kilde forankringen, så udelad hele feltet «forankring»."
    ),
}


def _unwrap(annotation: Any) -> list[Any]:
    """The classes a field annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, dict):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The schema that applies at a location inside `model`, if any."""
    current: type[BaseModel] | None = model
    for item in loc:
        if current is None:
            return None
        if isinstance(item, int):
            continue
        info = current.model_fields.get(item)
        if info is None:
            # a dict key (vocabulary ids): stay on the dict's value type
            continue
        candidates = [c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        current = candidates[0] if candidates else None
    return current


def field_at(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], str] | None:
    """The schema and the name of the field a location lies in: the last name in
    `loc` that is a field (list positions and dict keys after it are passed over)."""
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], str):
            parent = model_at(model, loc[:i])
            if parent is not None and loc[i] in parent.model_fields:
                return parent, loc[i]
    return None


def literal_values(model: type[BaseModel], loc: tuple) -> list[str]:
    """The values the Literal of the field at `loc` allows, in the model's order."""
    at = field_at(model, loc)
    if at is None:
        return []
    parent, name = at
    kinds = _unwrap(parent.model_fields[name].annotation)
    return [str(value) for kind in kinds if typing.get_origin(kind) is Literal for value in typing.get_args(kind)]


def _allowed(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def explain(error: dict, model: type[BaseModel]) -> str:
    """One pydantic error as a Danish sentence: expected versus found."""
    kind = error["type"]
    found = describe(error.get("input"))
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        parent = model_at(model, loc[:-1])
        hint = _MISSING.get((parent.__name__ if parent else "", str(loc[-1])))
        return "feltet mangler og skal udfyldes." + (f" {hint}" if hint else "")
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = _allowed(parent) if parent else []
        key = str(loc[-1])
        text = "ukendt felt." + did_you_mean(key, allowed)
        if allowed:
            text += " Tilladte felter her: " + ", ".join(allowed) + "."
        return text
    if kind == "literal_error":
        options = literal_values(model, loc)
        if not options:
            return f"værdien er ikke en af dem, feltet tillader; fandt {found}."
        if len(options) == 1:
            text = f"forventede værdien {options[0]}; fandt {found}."
        else:
            text = "forventede en af: " + ", ".join(options) + f"; fandt {found}."
        value = error.get("input")
        if isinstance(value, str):
            text += did_you_mean(value, options)
        return text
    if kind in ("greater_than_equal", "greater_than"):
        return f"tallet skal være mindst {ctx.get('ge', ctx.get('gt'))}; fandt {found}."
    if kind in ("less_than_equal", "less_than"):
        return f"tallet må højst være {ctx.get('le', ctx.get('lt'))}; fandt {found}."
    if kind == "too_short":
        return f"forventede mindst {ctx.get('min_length', 1)} punkt(er); fandt {found}."
    if kind == "slug":
        return _slug_message(model, loc, found)
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern")) in FORMATS:
        return f"{FORMATS[str(ctx['pattern'])].message()}; fandt {found}."
    if kind in _SIMPLE:
        return f"{_SIMPLE[kind]}; fandt {found}."
    # Our own field types raise PydanticCustomError with a Danish message.
    message = error.get("msg", kind)
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return f"{message}; fandt {found}."


# An example id for each kind of reference, so the example fits the field.
SLUG_EXAMPLES = {
    "organisation": "roede-kors-ishoj",
    "sted": "kulturhuset-i-vejleaaparken",
    "rapport": "statusnotat-2019",
    "initiativ": "cykling-uden-alder",
    "kommune": "ishoj",
    "typer": "aktivitet",
    "statusser": "aktiv",
    "maalgrupper": "aeldre",
    "temaer": "ensomhed",
    "finansieringskilder": "vaerdighedsmilliarden",
    "organisationstyper": "forening",
    "rapporttyper": "statusnotat",
}


def _slug_message(model: type[BaseModel], loc: tuple, found: str) -> str:
    names = [part for part in loc if isinstance(part, str)]
    parent = (
        model_at(model, tuple(loc[: max(i for i, part in enumerate(loc) if isinstance(part, str))])) if names else None
    )
    ref = declared(parent).get(names[-1]) if parent and names else None
    example = SLUG_EXAMPLES.get(ref.target, SLUG.example) if ref else SLUG.example
    return f"{SLUG.message(example)}; fandt {found}."


def validate(src: SourceFile, model: type[BaseModel], data: dict | None = None):
    """Validate a file's data. Returns (instance or None, problems)."""
    data = src.data if data is None else data
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        seen = set()
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message = explain(error, model)
            key = (loc, message)
            if key in seen:
                continue
            seen.add(key)
            problems.append(Problem(src.rel, src.line_of(loc), field_label(loc), message))
        return None, problems
