"""Funding overviews: what one funding source paid for in one year.

An overview exists for every source and year that some initiative names with
``aar`` in its ``finansiering``: that year's allocation, as its report gives it.
Funding given as a period (``fra``/``til``) is not a share of one year's
allocation and is shown only on the initiative's own page, with its period and
source. Amounts that the sources do not give are shown as not given and left
out of the total, which says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.content.schemas import Finansiering, Statusindslag
from overblik.danish import name_key, sort_key

from .progress import GoalProgress, goals_for_year
from .statuses import section_order


def funding_years(repo: Repository) -> dict[str, list[int]]:
    """Source -> the years an overview is made for, in vocabulary order."""
    found: dict[str, set[int]] = {}
    for entry in repo.initiativer.values():
        for f in entry.model.finansiering:
            if f.aar is not None:
                found.setdefault(f.kilde, set()).add(f.aar)
    order = list(repo.vocabulary.finansieringskilder)
    return {k: sorted(found[k]) for k in sorted(found, key=lambda k: (order.index(k) if k in order else len(order), k))}


def page_slug(source: str, year: int) -> str:
    return f"{source}-{year}"


@dataclass
class FundingLine:
    entry: Entry
    funding: Finansiering
    status: Statusindslag | None = None
    goals: list[GoalProgress] = field(default_factory=list)


@dataclass
class FundingSection:
    """A section of the source report: the lines with their own amount, and
    the initiatives it covers without an amount of their own."""

    title: str | None  # None: not in the report
    kommune: str | None = None
    funded: list[FundingLine] = field(default_factory=list)
    covered: list[FundingLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.funding.beloeb or 0 for line in self.funded)


@dataclass
class FundingOverview:
    source: str
    year: int
    lines: list[FundingLine]
    report: Entry | None  # the report most of the lines come from
    reports: list[Entry]  # every report behind the figures, oldest first

    @property
    def slug(self) -> str:
        return page_slug(self.source, self.year)

    @property
    def total(self) -> int:
        return sum(line.funding.beloeb or 0 for line in self.lines)

    @property
    def with_amount(self) -> list[FundingLine]:
        return [line for line in self.lines if line.funding.beloeb is not None]

    @property
    def without_amount(self) -> list[FundingLine]:
        return [line for line in self.lines if line.funding.beloeb is None]

    def _section_of(self, line: FundingLine) -> str | None:
        if self.report is None or line.status is None or line.status.rapport != self.report.slug:
            return None
        return line.status.afsnit

    def sections(self) -> list[FundingSection]:
        """Lines grouped by the section of the report they stood in (report order),
        those the report does not place last. An initiative without an amount of
        its own that is part of (``del_af``) a funded one goes with it."""
        found: dict[tuple, FundingSection] = {}
        kommuner: list[str | None] = []
        funded = {line.entry.slug: line for line in self.lines if line.funding.beloeb is not None}
        for line in self.lines:
            title = self._section_of(line)
            parent = funded.get(line.entry.model.del_af) if line.funding.beloeb is None else None
            if parent is not None:  # part of a funded initiative: listed under it
                title = self._section_of(parent)
            if line.entry.kommune not in kommuner:
                kommuner.append(line.entry.kommune)
            section = found.setdefault((line.entry.kommune, title), FundingSection(title, line.entry.kommune))
            (section.funded if line.funding.beloeb is not None else section.covered).append(line)
        for section in found.values():
            section.covered.sort(key=lambda line: name_key(line.entry))
        return sorted(found.values(), key=lambda s: (kommuner.index(s.kommune), s.title is None))

    @property
    def initiative_count(self) -> int:
        return len({line.entry.slug for line in self.lines})

    def by_kommune(self) -> list[tuple[str | None, list[FundingLine], int]]:
        """[(municipality, lines, subtotal)], in the order of the lines."""
        groups: dict[str | None, list[FundingLine]] = {}
        for line in self.lines:
            groups.setdefault(line.entry.kommune, []).append(line)
        return [(k, ls, sum(x.funding.beloeb or 0 for x in ls)) for k, ls in groups.items()]

    @property
    def date(self):
        dated = [r.model.dato for r in self.reports if r.model.dato is not None]
        return max(dated) if dated else None


def _date_key(report: Entry) -> tuple:
    return report.model.dato.key() if report.model.dato else (0, 0, 0)


def funding_grants(repo: Repository) -> dict[tuple[str, int], list[tuple[Entry, Finansiering]]]:
    """(source, year) -> every initiative's funding from it that year, in the content's order."""
    grants: dict[tuple[str, int], list[tuple[Entry, Finansiering]]] = {}
    for entry in repo.initiativer.values():
        for f in entry.model.finansiering:
            grants.setdefault((f.kilde, f.aar), []).append((entry, f))
    return grants


def funding_overview(
    repo: Repository, source: str, year: int, grants: dict[tuple[str, int], list] | None = None
) -> FundingOverview:
    """`grants`: `funding_grants(repo)`, when the caller makes several overviews (one pass over
    the initiatives instead of one per overview)."""
    found: list[tuple[Entry, Finansiering]] = list(
        (funding_grants(repo) if grants is None else grants).get((source, year), [])
    )
    counts = Counter(f.rapport for _, f in found if f.rapport in repo.rapporter)
    main = None
    if counts:
        slug = max(counts, key=lambda s: (counts[s], _date_key(repo.rapporter[s]), s))
        main = repo.rapporter[slug]
    lines = []
    for entry, f in found:
        status = entry.model.latest_status(f.rapport) if f.rapport else None
        if status is None and main is not None:
            status = entry.model.latest_status(main.slug)
        lines.append(FundingLine(entry, f, status, goals_for_year(entry.model.maal, year)))
    order = section_order(main)

    def kommune_name(entry: Entry) -> str:
        return sort_key(repo.kommuner[entry.kommune].name) if entry.kommune in repo.kommuner else ""

    lines.sort(
        key=lambda line: (
            kommune_name(line.entry),
            order(line.status.afsnit if line.status and line.status.rapport == (main.slug if main else None) else None),
            line.funding.beloeb is None,
            name_key(line.entry),
        )
    )
    behind = {f.rapport for _, f in found if f.rapport}
    behind |= {line.status.rapport for line in lines if line.status}
    behind |= {s.report for line in lines for g in line.goals for s in g.steps if s.report}
    reports = sorted((repo.rapporter[s] for s in behind if s in repo.rapporter), key=lambda r: (_date_key(r), r.slug))
    return FundingOverview(source, year, lines, main, reports)
