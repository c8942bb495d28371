"""A schedule (`tidspunkt`) in iCalendar terms, saying no more than the content does.

HSDS schedules, iCalendar files and schema.org `Schedule`s all describe
repetition the way RFC 5545 does (FREQ, INTERVAL, BYDAY, ...). This module
makes that translation once. Where the content is vague, the rule is left
vague: "one Friday a month" gives a monthly rule *without* BYDAY, because
``FREQ=MONTHLY;BYDAY=FR`` would mean every Friday of the month.
"""

from __future__ import annotations

from dataclasses import dataclass

from overblik.content.schemas import Tidspunkt
from overblik.site.wording import schedule

DAY_CODES = {
    "mandag": "MO",
    "tirsdag": "TU",
    "onsdag": "WE",
    "torsdag": "TH",
    "fredag": "FR",
    "loerdag": "SA",
    "soendag": "SU",
}
ALL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# frequency -> (FREQ, INTERVAL); None where no fixed rule fits
_RULES: dict[str, tuple[str, int] | None] = {
    "dagligt": ("DAILY", 1),
    "ugentligt": ("WEEKLY", 1),
    "hver-anden-uge": ("WEEKLY", 2),
    "maanedligt": ("MONTHLY", 1),
    "hver-anden-maaned": ("MONTHLY", 2),
    "kvartalsvis": ("MONTHLY", 3),
    "to-gange-aarligt": None,  # twice a year is not every six months
    "aarligt": ("YEARLY", 1),
    "uregelmaessigt": None,
}


@dataclass(frozen=True)
class Recurrence:
    freq: str | None  # DAILY, WEEKLY, MONTHLY, YEARLY; None: no fixed rule
    interval: int = 1
    byday: tuple[str, ...] = ()  # only where every such weekday in the period counts
    weeks: str | None = None  # "lige" or "ulige": even or odd ISO week numbers
    bymonth: int | None = None
    bymonthday: int | None = None
    opens: str | None = None  # "HH:MM", Danish local time
    closes: str | None = None

    @property
    def byweekno(self) -> tuple[int, ...]:
        """The ISO weeks of "lige/ulige uger": 2, 4, ..., 52 or 1, 3, ..., 53."""
        if not self.weeks:
            return ()
        return tuple(range(2 if self.weeks == "lige" else 1, 54, 2))

    @property
    def is_regular(self) -> bool:
        return self.freq is not None


def recurrence(t: Tidspunkt) -> Recurrence:
    rule = _RULES[t.hyppighed]
    days = tuple(DAY_CODES[d] for d in t.ugedage)
    if rule is None:
        return Recurrence(None, opens=t.fra, closes=t.til)
    freq, interval = rule
    if freq == "DAILY" and days and set(days) != set(ALL_DAYS):
        freq = "WEEKLY"  # "dagligt" on some weekdays: every one of those days
    if freq == "DAILY":
        days = ()
    if freq in ("MONTHLY", "YEARLY"):
        days = ()  # which of the month's Fridays is not known
    return Recurrence(
        freq,
        interval,
        byday=days,
        weeks=t.uger if freq == "WEEKLY" and interval == 2 else None,
        bymonth=t.maaned if freq == "YEARLY" else None,
        bymonthday=t.dag if freq == "YEARLY" else None,
        opens=t.fra,
        closes=t.til,
    )


def seconds(clock: str) -> str:
    """ "17:30" -> "17:30:00"."""
    return clock + ":00"


def describe(t: Tidspunkt) -> str:
    """The schedule in Danish with its note, e.g. "Hver fredag kl. 17.30-19.30 (i lige uger)"."""
    text = schedule(t)
    if t.note and t.note.casefold().rstrip(".") not in text.casefold():
        text += f" ({t.note})"
    return text


def sentence(text: str) -> str:
    """Text ending with a full stop, without doubling one."""
    return text if text.endswith((".", "!", "?")) else text + "."
