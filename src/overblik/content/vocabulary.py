"""Controlled vocabularies: one data file (``content/vokabular.yml``) editors extend.

It holds the kinds of initiative, statuses, target groups, themes, funding
sources, organisation and report types, and the goal frameworks with their
goals. Content refers to a term by its id; the page shows its name.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .fieldtypes import Aar, KortTekst, Slug, Tekst
from .schemas import KommuneId, Model, RapportId


class Term(Model):
    navn: KortTekst
    beskrivelse: Tekst | None = None

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"navn": value} if isinstance(value, str) else value


class Maalramme(Model):
    """A goal framework, e.g. the national 10 goals for social mobility."""

    navn: KortTekst
    kort_navn: KortTekst | None = None
    udgiver: KortTekst | None = None
    kommune: KommuneId | None = None
    aar: Aar | None = None
    beskrivelse: Tekst | None = None
    rapport: RapportId | None = None
    maal: dict[Slug, Term] = Field(min_length=1)


class Vokabular(Model):
    typer: dict[Slug, Term] = Field(min_length=1)
    statusser: dict[Slug, Term] = Field(min_length=1)
    maalgrupper: dict[Slug, Term] = Field(min_length=1)
    temaer: dict[Slug, Term] = Field(min_length=1)
    finansieringskilder: dict[Slug, Term] = Field(default_factory=dict)
    organisationstyper: dict[Slug, Term] = Field(min_length=1)
    rapporttyper: dict[Slug, Term] = Field(default_factory=dict)
    maalrammer: dict[Slug, Maalramme] = Field(default_factory=dict)

    def goal(self, ref: str) -> tuple[Maalramme, str, Term] | None:
        """Look up "ramme/maal", e.g. "social-mobilitet/maal-10"."""
        framework_id, _, goal_id = ref.partition("/")
        framework = self.maalrammer.get(framework_id)
        if framework is None or goal_id not in framework.maal:
            return None
        return framework, goal_id, framework.maal[goal_id]

    def goal_refs(self) -> list[str]:
        return [f"{f}/{g}" for f, fw in self.maalrammer.items() for g in fw.maal]
