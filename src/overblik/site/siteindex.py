"""Links both ways: who refers to whom, computed once for all pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from overblik.content.repository import Entry, Repository
from overblik.danish import name_key


def _by_name(entries):  # stable, by name (Danish order) then id
    return sorted(entries, key=name_key)


@dataclass
class SiteIndex:
    repo: Repository
    org_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    org_cases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    place_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    report_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    report_cases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    report_pages: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    report_orgs: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    kommune: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    group_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    group_cases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    theme_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    theme_cases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    type_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    goal_initiatives: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    org_children: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    initiative_parts: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    related: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, repo: Repository) -> SiteIndex:
        index = cls(repo)
        index.kommune = {slug: defaultdict(list) for slug in repo.kommuner}
        for entry in repo.all():
            if entry.kind != "kommune" and entry.kommune:
                index.kommune[entry.kommune][entry.kind].append(entry)
        for entry in repo.initiativer.values():
            m = entry.model
            orgs = set(m.partnere)
            if m.ansvarlig:
                orgs.add(m.ansvarlig)
            if m.kontakt and m.kontakt.organisation:
                orgs.add(m.kontakt.organisation)
            for org in orgs:
                index.org_initiatives[org].append(entry)
            places = set(m.steder) | {t.sted for t in m.tidspunkt if t.sted}
            for place in places:
                index.place_initiatives[place].append(entry)
            reports = {h.rapport for h in m.historik} | set(m.kilder)
            reports |= {f.rapport for f in m.finansiering if f.rapport}
            reports |= {s.rapport for g in m.maal for s in g.fremskridt if s.rapport}
            for report in reports:
                index.report_initiatives[report].append(entry)
            for group in m.maalgrupper:
                index.group_initiatives[group].append(entry)
            for theme in m.temaer:
                index.theme_initiatives[theme].append(entry)
            index.type_initiatives[m.type].append(entry)
            for ref in m.bidrager_til:
                index.goal_initiatives[ref].append(entry)
            if m.del_af:
                index.initiative_parts[m.del_af].append(entry)
            for other in m.relaterede:  # relations go both ways
                index.related[entry.slug].append(repo.initiativer[other])
                index.related[other].append(entry)
        for entry in repo.cases.values():
            m = entry.model
            orgs = set(m.partnere)
            if m.kontakt and m.kontakt.organisation:
                orgs.add(m.kontakt.organisation)
            for org in orgs:
                index.org_cases[org].append(entry)
            if m.rapport:
                index.report_cases[m.rapport].append(entry)
            for group in m.maalgrupper:
                index.group_cases[group].append(entry)
            for theme in m.temaer:
                index.theme_cases[theme].append(entry)
        for entry in repo.sider.values():
            if entry.model.rapport:
                index.report_pages[entry.model.rapport].append(entry)
        for entry in repo.organisationer.values():
            for report in entry.model.kilder:
                index.report_orgs[report].append(entry)
            if entry.model.del_af:
                index.org_children[entry.model.del_af].append(entry)
        for mapping in (
            index.org_initiatives, index.org_cases, index.place_initiatives, index.report_initiatives,
            index.report_cases, index.report_pages, index.report_orgs, index.group_initiatives,
            index.group_cases, index.theme_initiatives, index.theme_cases, index.type_initiatives,
            index.goal_initiatives, index.org_children, index.initiative_parts, index.related,
        ):
            for key in mapping:
                mapping[key] = _by_name({e.slug: e for e in mapping[key]}.values())
        for per_kind in index.kommune.values():
            for key in per_kind:
                per_kind[key] = _by_name(per_kind[key])
        return index
