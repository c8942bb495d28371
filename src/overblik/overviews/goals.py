"""Goal framework pages: for each goal, the initiatives that contribute to it
(``bidrager_til: [ramme/maal]``) with their latest status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.content.vocabulary import Maalramme, Term
from overblik.danish import sort_key
from overblik.site.siteindex import SiteIndex

from .statuses import Item


@dataclass
class GoalView:
    id: str
    number: int
    term: Term
    items: list[Item] = field(default_factory=list)


@dataclass
class FrameworkOverview:
    id: str
    framework: Maalramme
    goals: list[GoalView]
    reports: list[Entry]  # the reports behind the statuses shown, oldest first

    @property
    def initiative_count(self) -> int:
        return len({i.entry.slug for g in self.goals for i in g.items})

    def sources_by_use(self) -> list[str]:
        """Report slugs, the one behind most of the statuses shown first."""
        counts = Counter(i.status.rapport for g in self.goals for i in g.items if i.status)
        if self.framework.rapport:
            counts[self.framework.rapport] += 0
        order = [r.slug for r in self.reports]
        return sorted(order, key=lambda s: (-counts.get(s, 0), order.index(s)))

    @property
    def date(self):
        dated = [r.model.dato for r in self.reports if r.model.dato is not None]
        return max(dated) if dated else None


def _item_key(repo: Repository, entry: Entry) -> tuple:
    kommune = sort_key(repo.kommuner[entry.kommune].name) if entry.kommune in repo.kommuner else ""
    return (kommune, sort_key(entry.name), entry.slug)


def framework_overview(repo: Repository, index: SiteIndex, framework_id: str) -> FrameworkOverview:
    framework = repo.vocabulary.maalrammer[framework_id]
    goals, behind = [], set()
    for number, (goal_id, term) in enumerate(framework.maal.items(), start=1):
        entries = sorted(index.goal_initiatives.get(f"{framework_id}/{goal_id}", []), key=lambda e: _item_key(repo, e))
        items = [Item(e, e.model.latest_status()) for e in entries]
        behind |= {i.status.rapport for i in items if i.status}
        goals.append(GoalView(goal_id, number, term, items))
    if framework.rapport:
        behind.add(framework.rapport)
    reports = sorted(
        (repo.rapporter[s] for s in behind if s in repo.rapporter),
        key=lambda r: (r.model.dato.key() if r.model.dato else (0, 0, 0), r.slug),
    )
    return FrameworkOverview(framework_id, framework, goals, reports)
