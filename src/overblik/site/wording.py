"""Danish wording of structured facts: schedules, prices, ways to join, anchoring.

Numbers, amounts and plurals are in `overblik.danish`."""

from __future__ import annotations

from overblik.content.fieldtypes import MONTHS
from overblik.content.schemas import Pris, Tidspunkt, Tilmelding
from overblik.danish import amount

DAY_NAMES = {
    "mandag": "mandag",
    "tirsdag": "tirsdag",
    "onsdag": "onsdag",
    "torsdag": "torsdag",
    "fredag": "fredag",
    "loerdag": "lørdag",
    "soendag": "søndag",
}
DAY_PLURAL = {
    "mandag": "mandage",
    "tirsdag": "tirsdage",
    "onsdag": "onsdage",
    "torsdag": "torsdage",
    "fredag": "fredage",
    "loerdag": "lørdage",
    "soendag": "søndage",
}
FREQUENCY = {
    "dagligt": "Hver dag",
    "ugentligt": "Hver uge",
    "hver-anden-uge": "Hver anden uge",
    "maanedligt": "Én gang om måneden",
    "hver-anden-maaned": "Hver anden måned",
    "kvartalsvis": "Én gang i kvartalet",
    "to-gange-aarligt": "To gange om året",
    "aarligt": "Én gang om året",
    "uregelmaessigt": "Uregelmæssigt",
}
JOIN = {
    "moed-op": "Du kan bare møde op",
    "tilmelding": "Tilmelding nødvendig",
    "visitation": "Kræver visitation eller henvisning",
}
JOIN_SHORT = {"moed-op": "Bare mød op", "tilmelding": "Tilmelding", "visitation": "Visitation"}
ANCHORING = {
    "groen": ("Grøn", "båret af frivillige"),
    "gul": ("Gul", "koordineres i mindre omfang af kommunen"),
    "roed": ("Rød", "koordineres i større omfang af kommunen"),
}


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def clock(value: str) -> str:
    return value.replace(":", ".")


def schedule(t: Tidspunkt) -> str:
    """E.g. "Hver fredag kl. 12.00-14.00", "Hver anden uge (ulige uger)", "Hvert år den 1. januar"."""
    days = [DAY_NAMES[d] for d in t.ugedage]
    if t.hyppighed == "aarligt" and t.dag and t.maaned:
        text = f"Hvert år den {t.dag}. {MONTHS[t.maaned - 1]}"
    elif t.hyppighed == "ugentligt" and days:
        text = "Hver " + join_names(days)
    elif t.hyppighed == "hver-anden-uge" and days:
        text = "Hver anden " + join_names(days)
    elif t.hyppighed == "maanedligt" and days:
        text = "Én " + join_names(days) + " om måneden"
    else:
        text = FREQUENCY[t.hyppighed]
        if days:
            text += ", " + join_names([DAY_PLURAL[d] for d in t.ugedage])
    if t.uger:
        text += f" ({t.uger} uger)"
    if t.fra and t.til:
        text += f" kl. {clock(t.fra)}-{clock(t.til)}"
    elif t.fra:
        text += f" fra kl. {clock(t.fra)}"
    return text


def price(p: Pris | None) -> str:
    if p is None:
        return ""
    if p.type == "gratis":
        return "Gratis"
    return f"Egenbetaling, {amount(p.beloeb)}" if p.beloeb is not None else "Egenbetaling"


def joining(t: Tilmelding | None) -> str:
    return JOIN[t.type] if t else ""
