"""The anchoring overview of a municipality: how far each initiative is carried
by volunteers (the memos' green, yellow and red boxes), grouped as the memo
groups them.

Only a colour with a source is shown: every ``forankring`` names the report
that states or describes it (``forankring.rapport``), and an initiative no
source describes has no colour and is not counted here.

The memo is the municipality's newest report marked ``viser_forankring: true``;
without one, the report most of the municipality's colours come from (the
newest on a tie). Its sections give the groups and their order, and every
initiative it mentions is shown with its anchoring and its status there.
Initiatives whose colour comes from another report are listed briefly after it,
each with its source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.danish import name_key
from overblik.site.wording import ANCHORING

from .statuses import Item, Section, sections_of

LEVELS = ["groen", "gul", "roed"]
NOT_ASSESSED = "ikke-vurderet"
# A shape for each colour, so the colour is never the only sign.
SYMBOLS = {"groen": "●", "gul": "▲", "roed": "■", NOT_ASSESSED: "○"}
WORDS = {**{k: v[0] for k, v in ANCHORING.items()}, NOT_ASSESSED: "Ikke vurderet"}
MEANINGS = {**{k: v[1] for k, v in ANCHORING.items()}, NOT_ASSESSED: "forankringen er ikke beskrevet"}


def level_of(entry: Entry) -> str:
    f = entry.model.forankring
    return f.niveau if f is not None else NOT_ASSESSED


def _date_key(report: Entry) -> tuple:
    return report.model.dato.key() if report.model.dato else (0, 0, 0)


def anchoring_report(repo: Repository, initiatives: list[Entry]) -> Entry | None:
    """The memo whose sections group the municipality's anchored initiatives."""
    kommuner = {e.kommune for e in initiatives}
    marked = [r for r in repo.rapporter.values() if r.model.viser_forankring and r.kommune in kommuner]
    if marked:
        return max(marked, key=lambda r: (_date_key(r), r.slug))
    counts: Counter[str] = Counter(
        e.model.forankring.rapport
        for e in initiatives
        if e.model.forankring is not None and e.model.forankring.rapport in repo.rapporter
    )
    if not counts:
        return None
    best = max(counts, key=lambda s: (counts[s], _date_key(repo.rapporter[s]), s))
    return repo.rapporter[best]


@dataclass
class AnchoringOverview:
    kommune: Entry
    report: Entry | None
    sections: list[Section]  # the memo's sections, in its order
    others: list[Item] = field(default_factory=list)  # anchored, not in the memo

    @property
    def items(self) -> list[Item]:
        return [item for s in self.sections for item in s.items]

    @property
    def levels(self) -> list[str]:
        """The levels shown: the three colours, and «not assessed» when it occurs."""
        used = {level_of(i.entry) for i in self.items + self.others}
        return LEVELS + ([NOT_ASSESSED] if NOT_ASSESSED in used else [])

    def counts(self, items: list[Item] | None = None) -> dict[str, int]:
        found = Counter(level_of(i.entry) for i in (self.items if items is None else items))
        return {level: found.get(level, 0) for level in self.levels}

    @property
    def assessed_by_us(self) -> int:
        return sum(1 for i in self.items if i.entry.model.forankring and i.entry.model.forankring.vurderet)


def anchoring_overview(repo: Repository, kommune: Entry, initiatives: list[Entry]) -> AnchoringOverview | None:
    """None when no initiative of the municipality has an anchoring."""
    if not any(e.model.forankring for e in initiatives):
        return None
    report = anchoring_report(repo, initiatives)
    in_memo, others = [], []
    for entry in initiatives:
        status = entry.model.latest_status(report.slug) if report is not None else None
        if status is not None:
            in_memo.append(Item(entry, status))
        elif entry.model.forankring is not None:
            others.append(Item(entry, entry.model.latest_status()))
    others.sort(key=lambda i: name_key(i.entry))
    return AnchoringOverview(kommune, report, sections_of(report, in_memo), others)
