"""The action-plan view of a report of type ``handleplan``: each effort with its
purpose, strategy goal, actors, time plan and status, in the plan's order."""

from __future__ import annotations

from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.content.schemas import Statusindslag
from overblik.content.vocabulary import Maalramme, Term
from overblik.danish import name_key
from overblik.site.siteindex import SiteIndex

from .statuses import Item, report_items, sections_of

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
    related: list[Item] = field(default_factory=list)  # other initiatives under the same effort

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


def _primary(item: Item) -> tuple:
    """The effort itself rather than a project it works with: it has a time plan,
    a strategy goal and a purpose."""
    m = item.entry.model
    return (m.tidsplan is None, not m.bidrager_til, m.formaal is None, name_key(item.entry))


def efforts(repo: Repository, index: SiteIndex, report: Entry) -> list[Effort]:
    """One effort per section of the plan, in the plan's order."""
    items = report_items(repo, report.slug, index.report_initiatives.get(report.slug, []))
    out = []
    for number, section in enumerate(sections_of(report, items), start=1):
        members = sorted(section.items, key=_primary)
        main, related = members[0], members[1:]
        refs = []
        for ref in main.entry.model.bidrager_til:
            found = repo.vocabulary.goal(ref)
            if found is not None:
                framework, goal_id, term = found
                refs.append(GoalRef(ref.partition("/")[0], goal_id, framework, term))
        out.append(Effort(number, main.entry, main.status, refs, related))
    return out
