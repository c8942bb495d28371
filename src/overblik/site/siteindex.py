"""Links both ways: who refers to whom, computed once for all pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from overblik.content.repository import Entry, Repository
from overblik.danish import name_key

Links = dict[str, list[Entry]]  # id -> the entries that refer to it


def _links(target: str | None = None, source: str | None = None, *via: str):
    """A field of back-links: each `target` id -> the `source` entries that name it in
    the reference fields `via` (all of them when none are named), as declared on the
    schema fields (content.references). Without a target, build() fills the field itself."""
    links = (target, source, list(via) or None) if target else None
    return field(default_factory=lambda: defaultdict(list), metadata={"links": links})


@dataclass
class SiteIndex:
    repo: Repository
    kommune: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)  # municipality -> type -> entries
    org_initiatives: Links = _links("organisation", "initiativ")
    org_cases: Links = _links("organisation", "case")
    place_initiatives: Links = _links("sted", "initiativ")
    report_initiatives: Links = _links("rapport", "initiativ")
    report_cases: Links = _links("rapport", "case")
    report_pages: Links = _links("rapport", "side")
    report_orgs: Links = _links("rapport", "organisation")
    group_initiatives: Links = _links("maalgrupper", "initiativ")
    group_cases: Links = _links("maalgrupper", "case")
    theme_initiatives: Links = _links("temaer", "initiativ")
    theme_cases: Links = _links("temaer", "case")
    type_initiatives: Links = _links("typer", "initiativ")
    goal_initiatives: Links = _links("maalrammer", "initiativ")
    org_children: Links = _links("organisation", "organisation", "del_af")
    initiative_parts: Links = _links("initiativ", "initiativ", "del_af")
    related: Links = _links()  # relations go both ways

    @classmethod
    def build(cls, repo: Repository) -> SiteIndex:
        index = cls(repo)
        index.kommune = {slug: defaultdict(list) for slug in repo.kommuner}
        for entry in repo.all():
            if entry.kind != "kommune" and entry.kommune:
                index.kommune[entry.kommune][entry.kind].append(entry)
        found = {f.name: repo.links_to(*f.metadata["links"]) for f in fields(cls) if f.metadata.get("links")}
        for other, entries in repo.links_to("initiativ", "initiativ", ["relaterede"]).items():
            for entry in entries:
                index.related[entry.slug].append(repo.initiativer[other])
                index.related[other].append(entry)
        order = {id(entry): name_key(entry) for entry in repo.all()}  # each entry's key once, not once per list

        def by_name(entries: Iterable[Entry]) -> list[Entry]:  # stable, by name (Danish order) then id
            return sorted(entries, key=lambda entry: order[id(entry)])

        for f in fields(cls):
            if "links" not in f.metadata:
                continue
            mapping = getattr(index, f.name)
            mapping.update(found.get(f.name, {}))
            for key in mapping:
                mapping[key] = by_name({e.slug: e for e in mapping[key]}.values())
        for per_kind in index.kommune.values():
            for key in per_kind:
                per_kind[key] = by_name(per_kind[key])
        return index
