"""What each field of the content model means, in Danish, for editors.

The explanations live in one data file (`data/felter.yml`) keyed by schema
class and field name. The JSON Schemas, the field reference page and the tests
read them from here, so an editor sees the same words in VS Code, on the site
and in the scaffolded files' comments.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from importlib import resources
from typing import Any, Union

import yaml
from pydantic import BaseModel

from overblik.content.references import declared
from overblik.content.types import TYPE, ContentType
from overblik.content.vocabulary import Vokabular

# The content types an editor can create, in the order the guide lists them.
KINDS: dict[str, ContentType] = TYPE


def _vocabulary_fields() -> dict[tuple[str, str], str]:
    """(schema class, field) -> the vocabulary list its ids come from, from the
    `Ref` declarations on the schema fields ("maalrammer" means "ramme/mål")."""
    out: dict[tuple[str, str], str] = {}
    for model in all_models():
        for name, ref in declared(model).items():
            if ref.vocabulary:
                out[(model.__name__, name)] = ref.target
    return out


@functools.cache
def explanations() -> dict[str, dict[str, str]]:
    text = (resources.files("overblik") / "data" / "felter.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {model: {k: " ".join(str(v).split()) for k, v in fields.items()} for model, fields in data.items()}


def explain(model: str, field: str = "_") -> str:
    """The Danish explanation of a field (or of the type, with field "_")."""
    return explanations().get(model, {}).get(field, "")


def _classes(annotation: Any) -> Iterator[type[BaseModel]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _classes(typing.get_args(annotation)[0])
    elif origin in (Union, types.UnionType, list, dict):
        for arg in typing.get_args(annotation):
            yield from _classes(arg)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """The model and every schema nested in it, in the order fields name them."""
    seen: list[type[BaseModel]] = []

    def visit(m: type[BaseModel]) -> None:
        if m in seen:
            return
        seen.append(m)
        for info in m.model_fields.values():
            for cls in _classes(info.annotation):
                visit(cls)

    visit(model)
    return seen


def all_models() -> list[type[BaseModel]]:
    """Every schema editors write: the content types, the vocabulary, and what they nest."""
    out: list[type[BaseModel]] = []
    for model in [t.schema for t in KINDS.values()] + [Vokabular]:
        for m in nested_models(model):
            if m not in out:
                out.append(m)
    return out


def missing_explanations() -> list[str]:
    """Fields of the model that `data/felter.yml` does not explain yet."""
    missing = []
    for m in all_models():
        if not explain(m.__name__):
            missing.append(f"{m.__name__} (selve typen)")
        for name in m.model_fields:
            if not explain(m.__name__, name):
                missing.append(f"{m.__name__}.{name}")
    return missing


VOCABULARY_FIELDS: dict[tuple[str, str], str] = _vocabulary_fields()


def vocabulary_terms(vocab: Vokabular, name: str) -> list[tuple[str, str]]:
    """(id, name) of each term in a vocabulary list, in the file's order."""
    if name == "maalrammer":
        out = []
        for fid, framework in vocab.maalrammer.items():
            for gid, goal in framework.maal.items():
                out.append((f"{fid}/{gid}", f"{framework.kort_navn or framework.navn}: {goal.navn}"))
        return out
    return [(key, term.navn) for key, term in getattr(vocab, name).items()]
