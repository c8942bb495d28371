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
        # Back-links from the references declared on the schema fields (content.references).
        index.org_initiatives.update(repo.links_to("organisation", "initiativ"))
        index.place_initiatives.update(repo.links_to("sted", "initiativ"))
        index.report_initiatives.update(repo.links_to("rapport", "initiativ"))
        index.group_initiatives.update(repo.links_to("maalgrupper", "initiativ"))
        index.theme_initiatives.update(repo.links_to("temaer", "initiativ"))
        index.type_initiatives.update(repo.links_to("typer", "initiativ"))
        index.goal_initiatives.update(repo.links_to("maalrammer", "initiativ"))
        index.initiative_parts.update(repo.links_to("initiativ", "initiativ", ["del_af"]))
        for other, entries in repo.links_to("initiativ", "initiativ", ["relaterede"]).items():
            for entry in entries:  # relations go both ways
                index.related[entry.slug].append(repo.initiativer[other])
                index.related[other].append(entry)
        index.org_cases.update(repo.links_to("organisation", "case"))
        index.report_cases.update(repo.links_to("rapport", "case"))
        index.group_cases.update(repo.links_to("maalgrupper", "case"))
        index.theme_cases.update(repo.links_to("temaer", "case"))
        index.report_pages.update(repo.links_to("rapport", "side"))
        index.report_orgs.update(repo.links_to("rapport", "organisation"))
        index.org_children.update(repo.links_to("organisation", "organisation", ["del_af"]))
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
