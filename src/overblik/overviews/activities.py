"""The activity overview of a municipality («Aktivitetsoverblikket»): every
activity citizens can join, grouped by target group, with place, time and
contact. An activity for several groups is listed under each of them, so a
reader finds it under their own group."""

from __future__ import annotations

from dataclasses import dataclass

from overblik.content.repository import Entry, Repository
from overblik.danish import name_key
from overblik.site.finder import activities

NO_GROUP = "Målgruppe ikke oplyst"


@dataclass
class Group:
    key: str | None
    title: str
    entries: list[Entry]


def activity_groups(repo: Repository, kommune: str, every: list[Entry] | None = None) -> list[Group]:
    """`every`: all activities of the site (`finder.activities`), when already known."""
    mine = [e for e in (activities(repo) if every is None else every) if e.kommune == kommune]
    mine.sort(key=name_key)
    groups = []
    for key, term in repo.vocabulary.maalgrupper.items():
        members = [e for e in mine if key in e.model.maalgrupper]
        if members:
            groups.append(Group(key, term.navn, members))
    rest = [e for e in mine if not e.model.maalgrupper]
    if rest:
        groups.append(Group(None, NO_GROUP, rest))
    return groups
