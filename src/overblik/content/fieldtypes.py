"""Field types shared by the content schemas: slugs, dates, times, links.

Each type normalises what editors commonly write and rejects the rest with a
Danish message that says what was expected and gives an example.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


# --- slugs ------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise _fail(
            "slug",
            "forventede et id med små bogstaver a-z, tal og bindestreger "
            '(æ skrives ae, ø oe, å aa), fx "roede-kors-ishoj"',
        )
    return value


Slug = Annotated[
    str,
    BeforeValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
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
        raise _fail(
            "dato",
            'forventede en dato som "2019-05-01", en måned som "2019-04" eller et år som "2019"',
        )
    match = _DATE.match(value.strip())
    if not match:
        raise _fail(
            "dato",
            'forventede en dato som "2019-05-01", en måned som "2019-04" eller et år som "2019"',
        )
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
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": 'Dato ("2019-05-01"), måned ("2019-04") eller år ("2019")',
        }
    ),
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
    raise _fail("klokkeslaet", 'forventede et klokkeslæt som "14:30" (timer 00-23, minutter 00-59)')


Klokkeslaet = Annotated[
    str,
    BeforeValidator(_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$", "examples": ["14:30"]}),
]


# --- links, e-mail, phone ---------------------------------------------------

_URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+|tel:\+?[0-9 ]{3,})$", re.I)


def _url(value: Any) -> str:
    if isinstance(value, str) and _URL.match(value.strip()):
        return value.strip()
    raise _fail(
        "url",
        "forventede en fuld adresse, der begynder med https://, http://, mailto: eller tel:, "
        'fx "https://www.ishoj.dk"',
    )


Url = Annotated[
    str,
    BeforeValidator(_url),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://|mailto:|tel:)", "format": "uri"}),
]

_EMAIL = re.compile(r"^[^\s@<>\"']+@[^\s@<>\"']+\.[a-z]{2,}$", re.I)


def _email(value: Any) -> str:
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise _fail("email", 'forventede en e-mailadresse, fx "frivillig@ishoj.dk"')


Email = Annotated[
    str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]

_PHONE = re.compile(r"^\+?[0-9][0-9 ]{6,16}[0-9]$")


def _phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _PHONE.match(value.strip()):
        return value.strip()
    raise _fail("telefon", 'forventede et telefonnummer med cifre, fx "43 57 75 75"')


Telefon = Annotated[
    str,
    BeforeValidator(_phone),
    WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9][0-9 ]{6,16}[0-9]$"}),
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
        raise _fail(
            "kort_tekst", f"teksten er {len(value)} tegn; den må højst være 300 tegn"
        )
    return value


KortTekst = Annotated[
    str, BeforeValidator(_short_text), WithJsonSchema({"type": "string", "maxLength": 300})
]
