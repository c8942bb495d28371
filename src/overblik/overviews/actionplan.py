"""The action-plan view of a report of type ``handleplan``: each effort with its
purpose, strategy goal, actors, time plan and status, in the plan's order."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..repository import Entry, Repository
from ..schemas import Statusindslag
from ..siteindex import SiteIndex
from ..vocabulary import Maalramme, Term
from .statuses import name_key, report_items, section_order

ACTION_PLAN = "handleplan"


@dataclass
class GoalRef:
    framework_id: str
    goal_id: str
    framework: Maalramme
    term: Term


@dataclass
class Effort:
    number: int
    entry: Entry
    status: Statusindslag
    goals: list[GoalRef] = field(default_factory=list)

    @property
    def organisations(self) -> list[str]:
        """Responsible organisation first, then partners; each once."""
        m = self.entry.model
        seen: list[str] = []
        for slug in ([m.ansvarlig] if m.ansvarlig else []) + list(m.partnere):
            if slug not in seen:
                seen.append(slug)
        return seen


def action_plans(repo: Repository) -> list[Entry]:
    return sorted((r for r in repo.rapporter.values() if r.model.type == ACTION_PLAN), key=lambda r: r.slug)


def efforts(repo: Repository, index: SiteIndex, report: Entry) -> list[Effort]:
    items = report_items(repo, report.slug, index.report_initiatives.get(report.slug, []))
    order = section_order(report)
    items.sort(key=lambda i: (order(i.status.afsnit), name_key(i.entry)))
    out = []
    for number, item in enumerate(items, start=1):
        refs = []
        for ref in item.entry.model.bidrager_til:
            found = repo.vocabulary.goal(ref)
            if found is not None:
                framework, goal_id, term = found
                refs.append(GoalRef(ref.partition("/")[0], goal_id, framework, term))
        out.append(Effort(number, item.entry, item.status, refs))
    return out
