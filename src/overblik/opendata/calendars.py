"""iCalendar files (RFC 5545): one per initiative that meets on a schedule, one per municipality.

A calendar entry needs a first occurrence, and the content never gives one: it
says "every Friday 17.30-19.30", not since when. The calendar therefore
starts at the first occurrence on or after the day the information was last
confirmed (`senest_bekraeftet`), which the content does state.

Overblik never guesses, so an initiative gets a calendar only when each
occurrence can be placed exactly:

* weekly or daily with a weekday and a start time ("every other week" also
  needs even or odd weeks), as a timed event in Danish time;
* yearly on a stated date, as an all-day event (timed when a time is given).

Everything else (no time, "one Friday a month", "twice a year", irregular,
not active) gets no calendar, and `plan` says why; the open-data page lists
those reasons. DTSTAMP comes from the content's own dates and UIDs from our
ids, so the same content gives the same bytes.

The text is written here rather than with the icalendar package (a test
dependency that reads every file back): icalendar 7.3 gives the same
calendar but not the same bytes. It writes RRULE parts in its own order
(``FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3`` for our ``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``),
drops trailing zeros in GEO (``55.6123`` for ``55.612300``) and folds the first
line of a long property one octet earlier (74, not 75). `tests/test_opendata.py`
checks that, with those three put aside, icalendar writes exactly what we write.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.content.vocabulary import Vokabular
from overblik.danish import sort_key
from overblik.site import urls, wording
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .freshness import day, latest
from .ids import uid
from .recurrence import ALL_DAYS, Recurrence, describe, recurrence, sentence
from .weblinks import WebLinks

TZID = "Europe/Copenhagen"
ACTIVE = "aktiv"
INITIATIVE_FOLDER = "kalender/initiativer"
MUNICIPALITY_FOLDER = "kalender/kommuner"
PRODID = "-//Overblik//Aabne data//DA"

# Danish time since 1996: CEST from the last Sunday of March, CET from the last Sunday of October.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


@dataclass
class Occurrence:
    """One recurring calendar event, from one `tidspunkt` of an initiative."""

    index: int  # position in the initiative's `tidspunkt`
    rule: Recurrence
    start: dt.date
    until: dt.date | None = None

    @property
    def all_day(self) -> bool:
        return self.rule.opens is None


@dataclass
class CalendarPlan:
    entry: Entry
    events: list[Occurrence] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why a schedule gave no event, in Danish


def start_from(entry: Entry) -> dt.date:
    """The day the calendar starts from: when the information was last confirmed."""
    m = entry.model
    start = day(m.senest_bekraeftet)
    if m.startaar and dt.date(m.startaar, 1, 1) > start:
        start = dt.date(m.startaar, 1, 1)
    return start


def first_weekly(rule: Recurrence, since: dt.date) -> dt.date:
    days = set(rule.byday or ALL_DAYS)
    weeks = set(rule.byweekno)
    current = since
    while True:
        if ALL_DAYS[current.weekday()] in days and (not weeks or current.isocalendar()[1] in weeks):
            return current
        current += dt.timedelta(days=1)


def first_yearly(month: int, day_of_month: int, since: dt.date) -> dt.date:
    year = since.year
    while True:
        try:
            candidate = dt.date(year, month, day_of_month)
        except ValueError:  # 29 February outside leap years
            candidate = None
        if candidate is not None and candidate >= since:
            return candidate
        year += 1


def _why_not(t, rule: Recurrence) -> str | None:
    if t.hyppighed == "uregelmaessigt":
        return "det foregår uregelmæssigt"
    if rule.freq is None:
        return f"kilden siger «{wording.FREQUENCY[t.hyppighed].lower()}» uden datoer"
    if rule.freq == "YEARLY":
        return None if rule.bymonthday else "datoen er ikke oplyst"
    if rule.freq == "MONTHLY":
        return "det er ikke oplyst, hvilken dag i måneden det foregår"
    if rule.freq == "WEEKLY" and not rule.byday:
        return "ugedagen er ikke oplyst"
    if rule.interval == 2 and not rule.weeks:
        return "det er ikke oplyst, om det er i lige eller ulige uger"
    if rule.opens is None:
        return "klokkeslættet er ikke oplyst"
    return None


def plan(entry: Entry, vocab: Vokabular | None = None) -> CalendarPlan:
    """Which schedules of an initiative become calendar events, and why the others do not."""
    m = entry.model
    result = CalendarPlan(entry)
    if not m.tidspunkt:
        return result
    if m.status != ACTIVE:
        name = vocab.statusser[m.status].navn.lower() if vocab and m.status in vocab.statusser else m.status
        result.reasons.append(f"initiativet har status «{name}»; kalendere viser kun aktive initiativer")
        return result
    since = start_from(entry)
    for i, t in enumerate(m.tidspunkt):
        rule = recurrence(t)
        reason = _why_not(t, rule)
        if reason:
            result.reasons.append(reason)
            continue
        if rule.freq == "YEARLY":
            start = first_yearly(rule.bymonth, rule.bymonthday, since)
        else:
            start = first_weekly(rule, since) if rule.byday else since
        until = dt.date(m.slutaar, 12, 31) if m.slutaar else None
        if until is not None and until < start:
            result.reasons.append(f"slutåret {m.slutaar} ligger før den dato, oplysningerne senest er bekræftet")
            continue
        result.events.append(Occurrence(i, rule, start, until))
    return result


def initiative_calendar_path(slug: str) -> str:
    return f"{INITIATIVE_FOLDER}/{slug}.ics"


def municipality_calendar_path(slug: str) -> str:
    return f"{MUNICIPALITY_FOLDER}/{slug}.ics"


# --- writing RFC 5545 text -------------------------------------------------

_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped; controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _NOT_TEXT.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character or an
    escape such as ``\\n`` (some calendar programs unescape before they unfold)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before the character
            cut -= 1
        backslashes = len(data[start:cut]) - len(data[start:cut].rstrip(b"\\"))
        if backslashes % 2:  # the line would end inside an escape: cut before its backslash
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines begin with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _utc(date: dt.date) -> str:
    return date.strftime("%Y%m%dT000000Z")


def _local(date: dt.date, clock: str) -> str:
    return date.strftime("%Y%m%d") + "T" + clock.replace(":", "") + "00"


def _rrule(event: Occurrence) -> str:
    r = event.rule
    parts: list[str]
    if r.weeks:
        parts = ["FREQ=YEARLY", "BYWEEKNO=" + ",".join(str(w) for w in r.byweekno)]
    else:
        parts = [f"FREQ={r.freq}"]
        if r.interval > 1:
            parts.append(f"INTERVAL={r.interval}")
    if r.byday:
        parts.append("BYDAY=" + ",".join(r.byday))
    if r.bymonth:
        parts += [f"BYMONTH={r.bymonth}", f"BYMONTHDAY={r.bymonthday}"]
    if event.until is not None:
        if event.all_day:
            parts.append("UNTIL=" + event.until.strftime("%Y%m%d"))
        else:
            # UNTIL is in UTC when DTSTART has a time zone: 31 December 23:59:59 in Denmark (CET)
            parts.append("UNTIL=" + event.until.strftime("%Y%m%d") + "T225959Z")
    return ";".join(parts)


class CalendarWriter:
    def __init__(self, repo: Repository, settings: Settings):
        self.repo = repo
        self.settings = settings
        self.links = WebLinks(settings)

    def place_text(self, slug: str) -> str:
        p = self.repo.steder[slug].model
        parts = [p.navn]
        if p.adresse:
            parts.append(p.adresse)
        town = " ".join(x for x in (p.postnummer, p.by) if x)
        if town:
            parts.append(town)
        return ", ".join(parts)

    @staticmethod
    def place_slug(entry: Entry, event: Occurrence) -> str | None:
        """The schedule's own place, else the initiative's only place."""
        t = entry.model.tidspunkt[event.index]
        return t.sted or (entry.model.steder[0] if len(entry.model.steder) == 1 else None)

    def description(self, entry: Entry, event: Occurrence, url: str | None) -> str:
        m = entry.model
        lines = [m.resume, "", sentence(describe(m.tidspunkt[event.index]))]
        if not event.all_day and not event.rule.closes:
            lines.append("Sluttidspunktet er ikke oplyst.")
        if m.pris:
            lines.append(sentence("Pris: " + wording.price(m.pris) + (f" ({m.pris.note})" if m.pris.note else "")))
        if m.tilmelding:
            lines.append(
                sentence(wording.joining(m.tilmelding) + (f" ({m.tilmelding.note})" if m.tilmelding.note else ""))
            )
        lines.append(f"Oplysningerne er senest bekræftet {m.senest_bekraeftet.danish()}.")
        if url:
            lines += ["", f"Læs mere: {url}"]
        return "\n".join(lines)

    def vevent(self, entry: Entry, event: Occurrence) -> list[str]:
        m = entry.model
        url = self.links.absolute(urls.src_uri("initiativ", entry.slug))
        stamp = latest([entry])
        lines = [
            "BEGIN:VEVENT",
            f"UID:{uid('kalender', entry.slug, event.index)}",
            f"DTSTAMP:{_utc(day(stamp))}",
        ]
        if event.all_day:
            lines.append(f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}")
            lines.append(f"DTEND;VALUE=DATE:{(event.start + dt.timedelta(days=1)).strftime('%Y%m%d')}")
        else:
            lines.append(f"DTSTART;TZID={TZID}:{_local(event.start, event.rule.opens)}")
            if event.rule.closes:
                lines.append(f"DTEND;TZID={TZID}:{_local(event.start, event.rule.closes)}")
        lines.append(f"RRULE:{_rrule(event)}")
        lines.append("SUMMARY:" + escape_text(m.navn))
        lines.append("DESCRIPTION:" + escape_text(self.description(entry, event, url)))
        place = self.place_slug(entry, event)
        if place:
            lines.append("LOCATION:" + escape_text(self.place_text(place)))
            coords = self.repo.steder[place].model.koordinater
            if coords:
                lines.append(f"GEO:{coords.lat:.6f};{coords.lon:.6f}")
        if url:
            lines.append(f"URL:{url}")
        lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
        return lines

    def calendar(self, name: str, description: str, events: list[tuple[Entry, Occurrence]]) -> str:
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "NAME:" + escape_text(name),
            "X-WR-CALNAME:" + escape_text(name),
            "DESCRIPTION:" + escape_text(description),
            "X-WR-CALDESC:" + escape_text(description),
            f"X-WR-TIMEZONE:{TZID}",
        ]
        if any(not event.all_day for _, event in events):
            lines += VTIMEZONE
        for entry, event in events:
            lines += self.vevent(entry, event)
        lines.append("END:VCALENDAR")
        return "".join(fold(line) + "\r\n" for line in lines)


def plans(repo: Repository) -> list[CalendarPlan]:
    """Calendar plans of all initiatives, by municipality and name."""
    entries = sorted(repo.initiativer.values(), key=lambda e: (e.kommune or "", sort_key(e.name), e.slug))
    return [plan(e, repo.vocabulary) for e in entries]


def calendar_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    writer = CalendarWriter(repo, settings)
    by_municipality: dict[str, list[tuple[Entry, Occurrence]]] = {}
    for p in plans(repo):
        if not p.events:
            continue
        entry = p.entry
        events = [(entry, event) for event in p.events]
        yield Output(
            initiative_calendar_path(entry.slug),
            writer.calendar(
                f"{entry.name} – {settings.site_name}",
                entry.model.resume,
                events,
            ).encode("utf-8"),
        )
        if entry.kommune:
            by_municipality.setdefault(entry.kommune, []).extend(events)
    for slug in sorted(by_municipality):
        name = repo.kommuner[slug].name
        yield Output(
            municipality_calendar_path(slug),
            writer.calendar(
                f"Aktiviteter i {name} – {settings.site_name}",
                f"Faste aktiviteter i {name} fra {settings.site_name}.",
                by_municipality[slug],
            ).encode("utf-8"),
        )


def calendar_files(repo: Repository) -> dict[str, str]:
    """The calendar file of each initiative and municipality page that has one (page → .ics),
    worked out once per build for the pages' "Føj til din kalender" links."""
    files: dict[str, str] = {}
    for p in plans(repo):
        if p.events:
            files[urls.src_uri("initiativ", p.entry.slug)] = initiative_calendar_path(p.entry.slug)
            if p.entry.kommune:
                files[urls.src_uri("kommune", p.entry.kommune)] = municipality_calendar_path(p.entry.kommune)
    return files
