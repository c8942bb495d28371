"""One schema per content type.

Field names are Danish (written with ae, oe, aa) because editors type them.
Shapes are normalised before validation: ``pris: gratis`` becomes
``pris: {type: gratis}``, a single value becomes a one-item list where a list
is expected (the fields typed `OneOrMany`). References to other content
(organisations, places, reports, vocabulary terms) are checked afterwards, in
`repository`, where all content is known.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fieldtypes import (
    Aar,
    Dato,
    Email,
    Klokkeslaet,
    KortTekst,
    OneOrMany,
    Postnummer,
    Slug,
    Tekst,
    Telefon,
    Url,
)
from .gazetteer import in_denmark
from .references import Ref

# Ids of other content, and of terms in vokabular.yml: `references` walks these.
KommuneId = Annotated[Slug, Ref("kommune")]
InitiativId = Annotated[Slug, Ref("initiativ")]
OrganisationId = Annotated[Slug, Ref("organisation")]
StedId = Annotated[Slug, Ref("sted")]
RapportId = Annotated[Slug, Ref("rapport")]
TypeId = Annotated[Slug, Ref("typer")]
StatusId = Annotated[Slug, Ref("statusser")]
MaalgruppeId = Annotated[Slug, Ref("maalgrupper")]
TemaId = Annotated[Slug, Ref("temaer")]
KildeId = Annotated[Slug, Ref("finansieringskilder")]
OrganisationstypeId = Annotated[Slug, Ref("organisationstyper")]
RapporttypeId = Annotated[Slug, Ref("rapporttyper")]
MaalId = Annotated[KortTekst, Ref("maalrammer")]  # "ramme/mål"

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag"]
Ugedag = Literal["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag"]
Hyppighed = Literal[
    "dagligt",
    "ugentligt",
    "hver-anden-uge",
    "maanedligt",
    "hver-anden-maaned",
    "kvartalsvis",
    "to-gange-aarligt",
    "aarligt",
    "uregelmaessigt",
]
Forankringsniveau = Literal["groen", "gul", "roed"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False)


def _shorthand(key: str):
    """Allow ``felt: værdi`` as short for ``felt: {key: værdi}``."""

    def normalise(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        return value

    return model_validator(mode="before")(classmethod(normalise))


class Kontakt(Model):
    """Who to contact: a role and an organisation, never a staff member's name."""

    rolle: KortTekst | None = None
    organisation: OrganisationId | None = None
    email: Email | None = None
    telefon: Telefon | None = None
    web: Url | None = None


class Link(Model):
    titel: KortTekst
    url: Url


class Tidspunkt(Model):
    """When an activity takes place."""

    hyppighed: Hyppighed
    ugedage: OneOrMany[Ugedag] = Field(default_factory=list)
    uger: Literal["lige", "ulige"] | None = None
    fra: Klokkeslaet | None = None
    til: Klokkeslaet | None = None
    dag: int | None = Field(default=None, ge=1, le=31)
    maaned: int | None = Field(default=None, ge=1, le=12)
    sted: StedId | None = None
    note: KortTekst | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Tidspunkt:
        if self.fra and self.til and self.til <= self.fra:
            raise PydanticCustomError("tidsrum", '«til» skal ligge efter «fra», fx fra: "10:00" og til: "12:00"')
        if (self.dag is None) != (self.maaned is None):
            raise PydanticCustomError(
                "dag_maaned", "angiv både «dag» og «maaned» for en fast årlig dato, fx dag: 1 og maaned: 1"
            )
        if self.uger and self.hyppighed != "hver-anden-uge":
            raise PydanticCustomError("uger", "«uger» (lige/ulige) bruges kun med hyppighed: hver-anden-uge")
        return self


class Pris(Model):
    type: Literal["gratis", "egenbetaling"]
    beloeb: float | None = Field(default=None, ge=0)
    note: KortTekst | None = None

    _short = _shorthand("type")


class Tilmelding(Model):
    type: Literal["moed-op", "tilmelding", "visitation"]
    note: KortTekst | None = None

    _short = _shorthand("type")


class Finansiering(Model):
    kilde: KildeId
    beloeb: int | None = Field(default=None, ge=0)
    aar: Aar | None = None
    fra: Dato | None = None
    til: Dato | None = None
    rapport: RapportId | None = None
    note: KortTekst | None = None


class Maalvaerdi(Model):
    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"min": value, "max": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Maalvaerdi:
        if self.max < self.min:
            raise PydanticCustomError("maalvaerdi", "«max» skal være mindst lige så stor som «min»")
        return self


class Fremskridt(Model):
    dato: Dato
    vaerdi: float = Field(ge=0)
    rapport: RapportId | None = None
    note: KortTekst | None = None


class Maal(Model):
    """A goal, with a numeric target and progress where the source gives numbers."""

    tekst: Tekst
    aar: Aar | None = None
    enhed: KortTekst | None = None
    maalvaerdi: Maalvaerdi | None = None
    fremskridt: list[Fremskridt] = Field(default_factory=list)


class Noegletal(Model):
    """A figure the source gives without a target, e.g. 931 users."""

    vaerdi: float
    tekst: KortTekst  # what is counted, e.g. "borgere fra Ishøj bruger Boblberg.dk"
    dato: Dato | None = None
    rapport: RapportId | None = None


class Forankring(Model):
    """How far an initiative is carried by volunteers (the memos' colours).

    A colour is a judgement, so it always names its source: the report that
    describes the anchoring. Either the report states the colour, or
    (``vurderet: true``) Overblik read it from the report's description of who
    carries the initiative. Where no source describes the anchoring, the
    initiative has no ``forankring`` at all.
    """

    niveau: Forankringsniveau
    rapport: RapportId  # the report that states or describes the anchoring
    vurderet: bool = False  # True when the colour is our reading of the report, not stated in it
    beskrivelse: Tekst | None = None


class Statusindslag(Model):
    """A dated status, as a report gave it."""

    dato: Dato
    rapport: RapportId
    tekst: Tekst
    status: StatusId | None = None
    afsnit: KortTekst | None = None  # the section of the report it stood in


class Tidsplan(Model):
    """The period an action plan sets for an effort."""

    fra: Aar
    til: Aar | None = None
    note: KortTekst | None = None

    @model_validator(mode="before")
    @classmethod
    def _year_or_range(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"fra": value}
        if isinstance(value, str) and "-" in value:
            start, _, end = value.partition("-")
            return {"fra": start.strip(), "til": end.strip()}
        return value


class Billede(Model):
    fil: KortTekst
    alt: KortTekst | None = None


class Initiativ(Model):
    navn: KortTekst
    resume: KortTekst
    formaal: Tekst | None = None
    kommune: KommuneId | None = None  # given by the folder
    type: TypeId
    status: StatusId
    maalgrupper: OneOrMany[MaalgruppeId] = Field(default_factory=list)
    temaer: OneOrMany[TemaId] = Field(default_factory=list)
    noegleord: OneOrMany[KortTekst] = Field(default_factory=list)
    startaar: Aar | None = None
    slutaar: Aar | None = None
    ansvarlig: OrganisationId | None = None
    del_af: InitiativId | None = None  # a larger initiative this one belongs to
    relaterede: OneOrMany[InitiativId] = Field(default_factory=list)  # other initiatives it belongs with
    aftale: Literal["driftsaftale"] | None = None  # the municipality pays for the service
    partnere: OneOrMany[OrganisationId] = Field(default_factory=list)
    oevrige_aktoerer: OneOrMany[KortTekst] = Field(default_factory=list)
    steder: OneOrMany[StedId] = Field(default_factory=list)
    lokalitet: KortTekst | None = None  # a town or area in the gazetteer, when no place says where
    tidsplan: Tidsplan | None = None
    tidspunkt: OneOrMany[Tidspunkt] = Field(default_factory=list)
    pris: Pris | None = None
    tilmelding: Tilmelding | None = None
    kontakt: Kontakt | None = None
    finansiering: OneOrMany[Finansiering] = Field(default_factory=list)
    maal: OneOrMany[Maal] = Field(default_factory=list)
    noegletal: OneOrMany[Noegletal] = Field(default_factory=list)
    bidrager_til: OneOrMany[MaalId] = Field(default_factory=list)
    forankring: Forankring | None = None
    historik: OneOrMany[Statusindslag] = Field(default_factory=list)
    kilder: OneOrMany[RapportId] = Field(default_factory=list)  # reports that mention it without a status
    links: OneOrMany[Link] = Field(default_factory=list)
    billeder: OneOrMany[Billede] = Field(default_factory=list)
    senest_bekraeftet: Dato

    @model_validator(mode="after")
    def _years(self) -> Initiativ:
        if self.startaar and self.slutaar and self.slutaar < self.startaar:
            raise PydanticCustomError("aarstal", "«slutaar» ligger før «startaar»")
        return self

    def latest_status(self, report: str | None = None) -> Statusindslag | None:
        """The newest status entry (of one report, if given); of two with the same
        date, the one written last. Every page, overview and export uses this one."""
        best = None
        for item in self.historik:
            if (report is None or item.rapport == report) and (best is None or item.dato.key() >= best.dato.key()):
                best = item
        return best


class Case(Model):
    titel: KortTekst
    resume: KortTekst
    kommune: KommuneId | None = None
    temaer: OneOrMany[TemaId] = Field(default_factory=list)
    maalgrupper: OneOrMany[MaalgruppeId] = Field(default_factory=list)
    noegleord: OneOrMany[KortTekst] = Field(default_factory=list)
    kontakt: Kontakt | None = None
    partnere: OneOrMany[OrganisationId] = Field(default_factory=list)
    rapport: RapportId | None = None
    links: OneOrMany[Link] = Field(default_factory=list)
    billeder: OneOrMany[Billede] = Field(default_factory=list)
    senest_bekraeftet: Dato


class Organisation(Model):
    navn: KortTekst
    type: OrganisationstypeId
    kommune: KommuneId | None = None
    resume: KortTekst | None = None
    del_af: OrganisationId | None = None
    web: Url | None = None
    email: Email | None = None
    telefon: Telefon | None = None
    kilder: OneOrMany[RapportId] = Field(default_factory=list)
    senest_bekraeftet: Dato | None = None


class Koordinater(Model):
    """A place's own position (an address's), typed by an editor or found by
    ``overblik steder --find-koordinater``."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    praecision: Literal["adresse"] = "adresse"
    kilde: KortTekst | None = None
    dato: Dato | None = None

    @model_validator(mode="after")
    def _in_denmark(self) -> Koordinater:
        if not in_denmark(self.lat, self.lon):
            raise PydanticCustomError(
                "uden_for_danmark",
                "koordinaterne ligger uden for Danmark (lat {lat}, lon {lon}); en dansk placering har "
                "lat mellem 54,5 og 57,8 og lon mellem 8,0 og 15,25, fx lat: 55.6154 og lon: 12.3518. "
                "Er lat og lon byttet om?",
                {"lat": self.lat, "lon": self.lon},
            )
        return self


class Sted(Model):
    navn: KortTekst
    kommune: KommuneId | None = None
    type: KortTekst | None = None
    omraade: KortTekst | None = None
    adresse: KortTekst | None = None
    postnummer: Postnummer | None = None
    by: KortTekst | None = None
    lokalitet: KortTekst | None = None  # a town or area in the gazetteer (data/byer.json)
    koordinater: Koordinater | None = None
    resume: KortTekst | None = None
    kilder: OneOrMany[RapportId] = Field(default_factory=list)
    senest_bekraeftet: Dato | None = None


class Kommune(Model):
    navn: KortTekst
    kode: int | None = Field(default=None, ge=101, le=860)
    region: (
        Literal[
            "Region Hovedstaden",
            "Region Sjælland",
            "Region Syddanmark",
            "Region Midtjylland",
            "Region Nordjylland",
        ]
        | None
    ) = None
    web: Url | None = None
    resume: KortTekst | None = None
    hovedby: KortTekst | None = None  # when the town is not the one the municipality is named after


class Rapport(Model):
    titel: KortTekst
    type: RapporttypeId
    kommune: KommuneId | None = None
    dato: Dato | None = None
    dato_note: KortTekst | None = None
    udgiver: OrganisationId | None = None
    resume: KortTekst | None = None
    kilde: KortTekst | None = None
    # The report's sections in its own order; status entries name theirs in «afsnit»,
    # and overviews group initiatives the way the report does.
    afsnit: OneOrMany[KortTekst] = Field(default_factory=list)
    # True when the report gives each initiative's anchoring (the green/yellow/red
    # boxes): the municipality's anchoring overview is then grouped as this report.
    viser_forankring: bool = False


class Side(Model):
    titel: KortTekst
    resume: KortTekst
    kommune: KommuneId | None = None
    rapport: RapportId | None = None
    maalgrupper: OneOrMany[MaalgruppeId] = Field(default_factory=list)
    temaer: OneOrMany[TemaId] = Field(default_factory=list)
    senest_bekraeftet: Dato | None = None
