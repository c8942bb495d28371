"""Status entries: an initiative's latest status, its status in a report, and
initiatives grouped by the sections of a report, in the report's own order.

A status is written once, in the initiative's ``historik``; every overview
reads it from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.content.schemas import Statusindslag
from overblik.danish import name_key, sort_key

NO_SECTION = "Andre initiativer i rapporten"


def natural_key(text: str) -> tuple:
    """«Indsats 2» before «Indsats 10»: numbers compare as numbers."""
    parts = re.split(r"(\d+)", sort_key(text))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


@dataclass
class Item:
    """An initiative as a report (or an overview) shows it."""

    entry: Entry
    status: Statusindslag | None = None


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


def section_order(report: Entry | None):
    """A sort key for section titles: the report's list of sections when it has
    one, otherwise numbers in the titles, then the alphabet; no section last."""
    listed = list(report.model.afsnit) if report is not None else []

    def key(title: str | None) -> tuple:
        if title is None:
            return (2, 0, ())
        if title in listed:
            return (0, listed.index(title), ())
        return (1, 0, natural_key(title))

    return key


def sections_of(report: Entry | None, items: list[Item]) -> list[Section]:
    """Items grouped by the section their status entry stood in, in report order."""
    groups: dict[str | None, list[Item]] = {}
    for item in items:
        title = item.status.afsnit if item.status else None
        groups.setdefault(title, []).append(item)
    order = section_order(report)
    out = []
    for title in sorted(groups, key=order):
        members = sorted(groups[title], key=lambda i: name_key(i.entry))
        out.append(Section(title if title is not None else NO_SECTION, members))
    return out


def report_items(repo: Repository, report: str, initiatives: list[Entry]) -> list[Item]:
    """The initiatives with a status entry in `report`, each with that entry."""
    items = []
    for entry in initiatives:
        status = entry.model.latest_status(report)
        if status is not None:
            items.append(Item(entry, status))
    return items


def report_sections(repo: Repository, report: Entry, initiatives: list[Entry]) -> list[Section]:
    return sections_of(report, report_items(repo, report.slug, initiatives))
