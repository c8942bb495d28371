"""Which field points at what, declared on the schema fields and walked in one place.

A field that holds the id of other content, or of a term in `vokabular.yml`,
is annotated with `Ref`::

    ansvarlig: Annotated[Slug, Ref("organisation")] | None

`references()` walks a validated model, or the raw data of a file that failed
validation, and yields every such value with its location. The repository's
reference check, the warnings about unused files, the pages' back-links and the
JSON Schemas' lists of allowed values all read the declarations from here.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, Union

from pydantic import BaseModel

# The lists in vokabular.yml a field can take its ids from, and how a sentence names
# one of their terms. "maalrammer" holds goals written "ramme/mål".
VOCABULARY_NOUNS: dict[str, str] = {
    "typer": "typen",
    "statusser": "statussen",
    "maalgrupper": "målgruppen",
    "temaer": "temaet",
    "finansieringskilder": "finansieringskilden",
    "organisationstyper": "organisationstypen",
    "rapporttyper": "rapporttypen",
    "maalrammer": "målet",
}


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is an id: of a content type ("organisation")
    or of a term in a vocabulary list ("maalgrupper")."""

    target: str

    @property
    def vocabulary(self) -> bool:
        return self.target in VOCABULARY_NOUNS


class Reference(NamedTuple):  # a tuple: made about 200,000 times at 10,000 initiatives
    loc: tuple  # where the id stands, e.g. ("tidspunkt", 0, "sted")
    value: Any  # the id as written (any type in a file that failed validation)
    target: str  # see Ref.target

    @property
    def field(self) -> str:
        """The field's name without list positions, e.g. "tidspunkt.sted"."""
        return ".".join(str(part) for part in self.loc if not isinstance(part, int))


@dataclass(frozen=True)
class _Field:
    name: str
    ref: Ref | None
    nested: type[BaseModel] | None
    many: str  # "list", "dict" (ids as keys, e.g. the goal frameworks) or ""


def _shape(annotation: Any) -> tuple[Ref | None, type[BaseModel] | None, str]:
    """(the Ref, the nested schema, whether it is a list) of a field annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        for item in metadata:
            if isinstance(item, Ref):
                return item, None, ""
        return _shape(base)
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _shape(arg)
            if found[0] is not None or found[1] is not None:
                return found
        return None, None, ""
    if origin is list:
        ref, nested, _ = _shape(typing.get_args(annotation)[0])
        return ref, nested, "list"
    if origin is dict:
        ref, nested, _ = _shape(typing.get_args(annotation)[1])
        return ref, nested, "dict"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None, annotation, ""
    return None, None, ""


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[_Field, ...]:
    out = []
    for name, info in model.model_fields.items():
        ref, nested, many = _shape(info.annotation)
        if ref is None:
            ref = next((item for item in info.metadata if isinstance(item, Ref)), None)
        if ref is not None or nested is not None:
            out.append(_Field(name, ref, nested, many))
    return tuple(out)


def declared(model: type[BaseModel]) -> dict[str, Ref]:
    """The fields of one schema (not its nested ones) that hold ids, by name."""
    return {f.name: f.ref for f in _fields(model) if f.ref is not None}


def _get(node: Any, name: str) -> Any:
    if isinstance(node, BaseModel):
        return getattr(node, name, None)
    if isinstance(node, dict):
        return node.get(name)
    return None


def references(model: type[BaseModel], node: Any, loc: tuple = ()) -> Iterator[Reference]:
    """Every id in `node` (a `model` instance, or raw data meant for `model`)."""
    for f in _fields(model):
        value = _get(node, f.name)
        if value is None:
            continue
        if f.many == "list" and isinstance(value, list):
            items = [(loc + (f.name, i), item) for i, item in enumerate(value)]
        elif f.many == "dict":
            items = [(loc + (f.name, key), item) for key, item in value.items()] if isinstance(value, dict) else []
        else:  # one value where a list may stand: its location is the field's
            items = [(loc + (f.name,), value)]
        for here, item in items:
            if f.ref is not None:
                if item is not None:
                    yield Reference(here, item, f.ref.target)
            elif f.nested is not None and isinstance(item, (dict, BaseModel)):
                yield from references(f.nested, item, here)
