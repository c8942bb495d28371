"""Every status overview the content gives, computed once per build.

The producer renders them, the overview index lists them, and report and
municipality pages link to the overviews made from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from overblik.content.repository import Entry, Repository
from overblik.danish import name_key
from overblik.site import urls
from overblik.site.finder import activities
from overblik.site.siteindex import SiteIndex

from .actionplan import action_plans, efforts
from .activities import activity_groups
from .anchoring import anchoring_overview
from .funding import funding_grants, funding_overview, funding_years
from .goals import framework_overview
from .statuses import Section, report_sections

KIND_NAMES = {
    "forankring": "Forankring",
    "aktivitetsoverblik": "Aktivitetsoverblik",
    "handleplan": "Handleplan",
    "maalramme": "Mål",
    "finansiering": "Finansiering",
}


@dataclass
class OverviewPage:
    kind: str  # a section in urls.SECTIONS
    slug: str
    title: str
    description: str
    kommune: str | None
    data: Any
    based_on: list[str] = field(default_factory=list)  # report slugs

    @property
    def src(self) -> str:
        return urls.src_uri(self.kind, self.slug)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass
class Catalog:
    pages: list[OverviewPage]
    repo: Repository = field(repr=False)
    index: SiteIndex = field(repr=False)

    def of_kind(self, kind: str) -> list[OverviewPage]:
        return [p for p in self.pages if p.kind == kind]

    def for_kommune(self, kommune: str) -> list[OverviewPage]:
        return [p for p in self.pages if p.kommune == kommune]

    def for_report(self, report: str) -> list[OverviewPage]:
        return [p for p in self.pages if report in p.based_on]

    def report_sections(self, report: Entry) -> list[Section]:
        """The initiatives a report covers, grouped by its sections, in its order."""
        return report_sections(self.repo, report, self.index.report_initiatives.get(report.slug, []))


def build_catalog(repo: Repository, index: SiteIndex) -> Catalog:
    pages: list[OverviewPage] = []
    by_name = sorted(repo.kommuner.values(), key=name_key)
    every_activity = activities(repo)
    for kommune in by_name:
        initiatives = index.kommune.get(kommune.slug, {}).get("initiativ", [])
        anchoring = anchoring_overview(repo, kommune, initiatives)
        if anchoring is not None:
            pages.append(
                OverviewPage(
                    "forankring",
                    kommune.slug,
                    f"Forankring af initiativerne i {kommune.name}",
                    f"Hvor langt de frivillige sociale initiativer i {kommune.name} er i forankringen: "
                    "grøn, gul eller rød, grupperet som i statusnotatet.",
                    kommune.slug,
                    anchoring,
                    [anchoring.report.slug] if anchoring.report else [],
                )
            )
        groups = activity_groups(repo, kommune.slug, every_activity)
        if groups:
            pages.append(
                OverviewPage(
                    "aktivitetsoverblik",
                    kommune.slug,
                    f"Aktivitetsoverblik for {kommune.name}",
                    f"Alle aktiviteter i {kommune.name}, som borgere kan deltage i, efter målgruppe, "
                    "med sted, tidspunkt og kontakt. Kan udskrives.",
                    kommune.slug,
                    groups,
                )
            )
    for report in action_plans(repo):
        plan = efforts(repo, index, report)
        if plan:
            pages.append(
                OverviewPage(
                    "handleplan",
                    report.slug,
                    f"Handleplanens indsatser: {report.name}",
                    f"Indsatserne i «{report.name}» med formål, strategimål, aktører, tidsplan og status.",
                    report.kommune,
                    plan,
                    [report.slug],
                )
            )
    for framework_id, framework in repo.vocabulary.maalrammer.items():
        overview = framework_overview(repo, index, framework_id)
        pages.append(
            OverviewPage(
                "maalramme",
                framework_id,
                framework.navn,
                f"{framework.navn}: initiativerne, der bidrager til hvert mål, og deres seneste status.",
                framework.kommune,
                overview,
                overview.sources_by_use(),
            )
        )
    sources = repo.vocabulary.finansieringskilder
    grants = funding_grants(repo)
    for source, years in funding_years(repo).items():
        name = sources[source].navn if source in sources else source
        for year in years:
            overview = funding_overview(repo, source, year, grants)
            kommuner = {line.entry.kommune for line in overview.lines}
            pages.append(
                OverviewPage(
                    "finansiering",
                    overview.slug,
                    f"{name} {year}",
                    f"Initiativer finansieret af {name} i {year}: beløb, i alt, mål og status.",
                    kommuner.pop() if len(kommuner) == 1 else None,
                    overview,
                    _main_first([r.slug for r in overview.reports], overview.report.slug if overview.report else None),
                )
            )
    return Catalog(pages, repo, index)


def _main_first(slugs: list[str], main: str | None) -> list[str]:
    return ([main] if main in slugs else []) + [s for s in slugs if s != main]
