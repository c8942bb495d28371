"""A page for editors: content whose last confirmation is more than 12 months old.

Grouped by municipality, oldest first, each with a link to the page and one
to the file in GitHub's web editor, so a municipality's editor can work down
their own list.

"Overdue" depends on a date: the one `builddate` gives (mkdocs.yml's
`extra.overblik.dato`, SOURCE_DATE_EPOCH, the last commit's date), never the
clock, so the same commit gives the same page on any day. The page says which
date it was made for. The deploy workflow rebuilds weekly with that day as
SOURCE_DATE_EPOCH, so the published list stays current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from overblik.content.fieldtypes import PartialDate
from overblik.content.freshness import ago, is_overdue, months_since
from overblik.content.repository import Entry, Repository
from overblik.content.types import TYPES
from overblik.danish import name_key, sort_key
from overblik.editor.builddate import build_date
from overblik.site import urls
from overblik.site.output import Output
from overblik.site.pages import Renderer
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

SRC = "redaktoer/forfaldent-indhold.md"
KIND_NAMES = {t.name: t.title for t in TYPES}


@dataclass(frozen=True)
class Overdue:
    entry: Entry
    months: int  # whole months since the end of the confirmed period (content.freshness)


@dataclass(frozen=True)
class Group:
    title: str
    anchor: str
    items: list[Overdue]
    total: int  # dated content in the group, overdue or not


def overdue_groups(repo: Repository, today: dt.date) -> list[Group]:
    """Overdue content per municipality (in name order), shared content last."""
    per: dict[str | None, list[Overdue]] = {}
    dated: dict[str | None, int] = {}
    for entry in repo.all():
        confirmed = getattr(entry.model, "senest_bekraeftet", None)
        if confirmed is None:
            continue
        dated[entry.kommune] = dated.get(entry.kommune, 0) + 1
        if is_overdue(entry.model, today):
            per.setdefault(entry.kommune, []).append(Overdue(entry, months_since(confirmed, today)))
    groups = []
    kommuner = sorted(repo.kommuner.values(), key=name_key)
    for k in kommuner:
        items = per.get(k.slug, [])
        groups.append(Group(k.name, k.slug, _ordered(items), dated.get(k.slug, 0)))
    if dated.get(None):
        groups.append(Group("Fælles indhold", "faelles", _ordered(per.get(None, [])), dated[None]))
    return groups


def _ordered(items: list[Overdue]) -> list[Overdue]:
    return sorted(items, key=lambda o: (o.entry.model.senest_bekraeftet.key(), sort_key(o.entry.name), o.entry.rel))


def overdue_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    made_for = build_date(repo, settings.today)
    today = made_for.date
    yield renderer.editors_page(
        "overdue.md.j2",
        SRC,
        title="Indhold, der skal tjekkes",
        description="Initiativer, cases og andet indhold, der ikke er bekræftet i mere end 12 måneder, kommune for kommune.",
        groups=overdue_groups(repo, today),
        today_text=PartialDate(today.year, today.month, today.day).danish(),
        today_basis=made_for.basis,
        kind_names=KIND_NAMES,
        edit_url=lambda e: urls.edit_url(settings, e.rel),
        ago=lambda e: ago(e.model.senest_bekraeftet, today),
    )
