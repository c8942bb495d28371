"""Field types shared by the content schemas: slugs, dates, times, links.

Each type normalises what editors commonly write and rejects the rest with a
Danish message that says what was expected and gives an example.

Every pattern a text must match is declared once, as a `Format`: the pattern,
what it asks for in Danish and an example. The error an editor gets from
`overblik check` and the JSON Schemas VS Code reads (``patternErrorMessage``)
both take their words from it; `FORMATS` finds a format by its pattern.

`OneOrMany[X]` is a list where editors may write one item without the list
(``temaer: ensomhed`` for ``temaer: [ensomhed]``); the JSON Schemas read the
same declaration from the field's metadata.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, PlainSerializer, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


# --- formats ----------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """A pattern a text must match, with what it asks for in Danish and an example."""

    pattern: str
    expected: str  # what «forventede» is followed by; "{example}" marks where the example goes
    example: str

    def message(self, example: str | None = None) -> str:
        """The Danish error text, e.g. 'forventede et postnummer med fire cifre, fx 2635'."""
        return "forventede " + self.expected.format(example=example or self.example)

    def sentence(self, example: str | None = None) -> str:
        """The error as a sentence of its own, as VS Code shows it."""
        text = self.message(example)
        return text[0].upper() + text[1:] + "."

    def json_schema(self, **extra: Any) -> dict[str, Any]:
        """The JSON Schema of a text in this format, with the error VS Code shows."""
        return {"type": "string", "pattern": self.pattern, **extra, "patternErrorMessage": self.sentence()}


FORMATS: dict[str, Format] = {}  # pattern -> format


def _format(pattern: str, expected: str, example: str) -> Format:
    FORMATS[pattern] = Format(pattern, expected, example)
    return FORMATS[pattern]


SLUG = _format(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    'et id med små bogstaver a-z, tal og bindestreger (æ skrives ae, ø oe, å aa), fx "{example}"',
    "roede-kors-ishoj",
)
DATO = _format(
    r"^\d{4}(-\d{2}(-\d{2})?)?$",
    'en dato som "{example}", en måned som "2019-04" eller et år som "2019"',
    "2019-05-01",
)
KLOKKESLAET = _format(r"^\d{1,2}[:.]\d{2}$", 'et klokkeslæt som "{example}" (timer 00-23, minutter 00-59)', "14:30")
URL = _format(
    r"^(https?://|mailto:|tel:)",
    'en fuld adresse, der begynder med https://, http://, mailto: eller tel:, fx "{example}"',
    "https://www.ishoj.dk",
)
TELEFON = _format(r"^\+?[0-9][0-9 ]{6,16}[0-9]$", 'et telefonnummer med cifre, fx "{example}"', "43 57 75 75")
POSTNUMMER = _format(r"^\d{4}$", "et postnummer med fire cifre, fx {example}", "2635")
AARSTAL_FRA_TIL = _format(r"^\d{4}\s*-\s*\d{4}$", 'et år eller to år med bindestreg, fx "{example}"', "2019-2022")


# --- one item or a list -----------------------------------------------------


@dataclass(frozen=True)
class OneItemAllowed:
    """Marks a list field where editors may write one item without the list."""


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


_Item = TypeVar("_Item")

# ``temaer: ensomhed`` is read as ``temaer: [ensomhed]``; nothing after the colon is an empty list.
OneOrMany = Annotated[list[_Item], BeforeValidator(_as_list), OneItemAllowed()]


def one_item_allowed(field: FieldInfo) -> bool:
    """Whether a schema field is a `OneOrMany` list."""
    return any(isinstance(item, OneItemAllowed) for item in field.metadata)


# --- slugs ------------------------------------------------------------------

SLUG_PATTERN = SLUG.pattern
_SLUG = re.compile(SLUG_PATTERN)


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise _fail("slug", SLUG.message())
    return value


Slug = Annotated[
    str,
    BeforeValidator(_slug),
    WithJsonSchema(SLUG.json_schema()),
]


# --- dates ------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.key() < other.key()

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def danish(self) -> str:
        if self.day and self.month:
            return f"{self.day}. {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def __str__(self) -> str:
        return self.iso()


def parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _fail("dato", DATO.message())
    match = _DATE.match(value.strip())
    if not match:
        raise _fail("dato", DATO.message())
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1900 <= year <= 2100:
        raise _fail("dato", "forventede et årstal mellem 1900 og 2100")
    if month is not None and not 1 <= month <= 12:
        raise _fail("dato", "måneden skal være 01 til 12; datoen findes ikke")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise _fail(
                "dato",
                f"{MONTHS[month - 1]} {year} har kun {last} dage; datoen findes ikke",
            )
    return PartialDate(year, month, day)


Dato = Annotated[
    PartialDate,
    BeforeValidator(parse_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(DATO.json_schema(description='Dato ("2019-05-01"), måned ("2019-04") eller år ("2019")')),
]


def _year(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
        raise _fail("aar", "forventede et årstal med fire cifre, fx 2016")
    return value


Aar = Annotated[
    int,
    BeforeValidator(_year),
    WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100}),
]


# --- times of day -----------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _time(value: Any) -> str:
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour <= 23 and minute <= 59:
                return f"{hour:02d}:{minute:02d}"
    raise _fail("klokkeslaet", KLOKKESLAET.message())


Klokkeslaet = Annotated[
    str,
    BeforeValidator(_time),
    WithJsonSchema(KLOKKESLAET.json_schema(examples=[KLOKKESLAET.example])),
]


# --- links, e-mail, phone ---------------------------------------------------

_URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+|tel:\+?[0-9 ]{3,})$", re.I)


def _url(value: Any) -> str:
    if isinstance(value, str) and _URL.match(value.strip()):
        return value.strip()
    raise _fail("url", URL.message())


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema(URL.json_schema(format="uri"))]

_EMAIL = re.compile(r"^[^\s@<>\"']+@[^\s@<>\"']+\.[a-z]{2,}$", re.I)


def _email(value: Any) -> str:
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise _fail("email", 'forventede en e-mailadresse, fx "frivillig@ishoj.dk"')


Email = Annotated[str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]

_PHONE = re.compile(TELEFON.pattern)


def _phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _PHONE.match(value.strip()):
        return value.strip()
    raise _fail("telefon", TELEFON.message())


Telefon = Annotated[str, BeforeValidator(_phone), WithJsonSchema(TELEFON.json_schema())]


def _postcode(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# pydantic checks the pattern; `validation.explain` words its error from POSTNUMMER.
Postnummer = Annotated[
    str,
    StringConstraints(pattern=POSTNUMMER.pattern),
    BeforeValidator(_postcode),
    WithJsonSchema(POSTNUMMER.json_schema()),
]


def _text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _fail("tekst", "forventede en tekst")
    value = value.strip()
    if not value:
        raise _fail("tekst", "feltet er tomt; skriv en tekst eller slet feltet")
    return value


Tekst = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]


def _short_text(value: Any) -> str:
    value = _text(value)
    if "\n" in value:
        raise _fail("kort_tekst", "forventede én linje tekst uden linjeskift")
    if len(value) > 300:
        raise _fail("kort_tekst", f"teksten er {len(value)} tegn; den må højst være 300 tegn")
    return value


KortTekst = Annotated[str, BeforeValidator(_short_text), WithJsonSchema({"type": "string", "maxLength": 300})]
