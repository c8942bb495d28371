"""When content last changed, from dates in the content itself.

Exports must give the same bytes for the same content, so no date comes from
the clock or from file times. A piece of content is as new as the latest date
it states: when it was last confirmed, its latest status, its latest measured
progress. A page that lists other content is as new as the newest of them.

Dates in content may be a year or a month only ("2019-04"). Formats that need
a whole day get the first day of that period (`day`), never a later one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from overblik.content.fieldtypes import PartialDate
from overblik.content.repository import Entry, Repository
from overblik.site import deps, urls
from overblik.site.siteindex import SiteIndex

KIND_OF_SECTION = {section: kind for kind, section in urls.SECTIONS.items()}
LISTINGS = ("maalgruppe", "tema", "type", "maalramme")  # pages listing the content tagged with a term


def own_dates(entry: Entry) -> list[PartialDate]:
    m = entry.model
    dates = [getattr(m, "senest_bekraeftet", None)]
    if entry.kind == "initiativ":
        dates += [h.dato for h in m.historik]
        dates += [step.dato for goal in m.maal for step in goal.fremskridt]
    elif entry.kind == "rapport":
        dates.append(m.dato)
    return [d for d in dates if d is not None]


def latest(entries: Iterable[Entry]) -> PartialDate | None:
    dates = [d for e in entries for d in own_dates(e)]
    return max(dates) if dates else None


def day(date: PartialDate) -> dt.date:
    """A whole day for a date that may be a month or a year: its first day."""
    return dt.date(*date.first_day())


class Freshness:
    """The date each page of the site was last changed, as far as content tells."""

    def __init__(self, repo: Repository, index: SiteIndex):
        self.repo = repo
        self.index = index
        self._own = {}  # id(entry) -> its latest date, computed once
        for entry in repo.all():
            dates = own_dates(entry)
            self._own[id(entry)] = max(dates) if dates else None
        known = [d for d in self._own.values() if d is not None]
        self.site = max(known) if known else None

    def latest(self, entries: Iterable[Entry]) -> PartialDate | None:
        dates = [d for d in (self._own.get(id(e)) for e in entries) if d is not None]
        return max(dates) if dates else None

    def related(self, kind: str, slug: str) -> list[Entry]:
        """The entries a page shows besides its own, whose changes change it."""
        ix = self.index
        if kind == "organisation":
            return ix.org_initiatives.get(slug, []) + ix.org_cases.get(slug, [])
        if kind == "sted":
            return ix.place_initiatives.get(slug, [])
        if kind == "rapport":
            return ix.report_initiatives.get(slug, []) + ix.report_cases.get(slug, []) + ix.report_pages.get(slug, [])
        if kind == "kommune":
            return [e for entries in ix.kommune.get(slug, {}).values() for e in entries]
        if kind == "maalgruppe":
            return ix.group_initiatives.get(slug, []) + ix.group_cases.get(slug, [])
        if kind == "tema":
            return ix.theme_initiatives.get(slug, []) + ix.theme_cases.get(slug, [])
        if kind == "type":
            return ix.type_initiatives.get(slug, [])
        if kind == "maalramme":
            prefix = slug + "/"
            return [e for ref, entries in ix.goal_initiatives.items() if ref.startswith(prefix) for e in entries]
        return []

    def page(self, src_uri: str) -> PartialDate | None:
        """The last change of a generated page; pages made from all content get the site's."""
        section, _, name = src_uri.rpartition("/")
        kind = KIND_OF_SECTION.get(section)
        slug = name[:-3] if name.endswith(".md") else name
        if kind in self.repo.entries and slug != "index":
            own = self.repo.entries[kind].get(slug)
            return self.latest(([own] if own else []) + self.related(kind, slug))
        if kind in LISTINGS and slug != "index":
            return self.latest(self.related(kind, slug))
        deps.read(deps.EVERYTHING)  # mkdocs serve --dirty: the date of all content
        return self.site  # indexes, overviews and other pages made from all content
