"""An Atom feed (RFC 4287) of new and updated initiatives and cases.

An entry's `updated` is the latest date its content states (confirmed,
latest status, latest progress), never the build time, so the feed only
changes when content does. The newest `LIMIT` entries are included.
"""

from __future__ import annotations

from collections.abc import Iterable

from overblik.content.repository import Entry, Repository
from overblik.content.types import TYPE
from overblik.site import urls
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from . import xmltext as x
from .freshness import day, latest
from .ids import urn
from .recurrence import describe, sentence
from .weblinks import WebLinks

PATH = "atom.xml"
LIMIT = 50
KIND_LABEL = {kind: TYPE[kind].title for kind in ("initiativ", "case")}


def stamp(entry_or_date) -> str:
    return day(entry_or_date).isoformat() + "T00:00:00Z"


def entries(repo: Repository) -> list[tuple[Entry, object]]:
    """(entry, updated) for initiatives and cases, newest first."""
    found = [(e, latest([e])) for e in list(repo.initiativer.values()) + list(repo.cases.values())]
    found = [(e, d) for e, d in found if d is not None]
    found.sort(key=lambda pair: (pair[1].key(), pair[0].kind, pair[0].slug), reverse=True)
    return found[:LIMIT]


def _content(entry: Entry, repo: Repository) -> str:
    m = entry.model
    vocab = repo.vocabulary
    lines = [m.resume]
    if entry.kommune:
        lines.append(f"Kommune: {repo.kommuner[entry.kommune].name}.")
    if entry.kind == "initiativ":
        lines.append(f"Type: {vocab.typer[m.type].navn}. Status: {vocab.statusser[m.status].navn}.")
        for t in m.tidspunkt:
            lines.append("Hvornår: " + sentence(describe(t)))
        h = m.latest_status()
        if h is not None:
            lines.append(f"Seneste status ({h.dato.danish()}): {h.tekst}")
    lines.append(f"Senest bekræftet: {m.senest_bekraeftet.danish()}.")
    return "\n\n".join(lines)


def atom(repo: Repository, settings: Settings) -> str | None:
    items = entries(repo)
    if not items:
        return None
    links = WebLinks(settings)
    vocab = repo.vocabulary
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">',
        f"  <id>{urn('feed', 'atom')}</id>",
        f"  <title>{x.text(settings.site_name)}: nye og opdaterede initiativer og cases</title>",
        f"  <updated>{stamp(items[0][1])}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{x.attr(links.absolute(PATH) or PATH)}"/>',
        f'  <link rel="alternate" type="text/html" href="{x.attr(links.absolute("index.md") or "./")}"/>',
        f"  <author><name>{x.text(settings.owner or settings.site_name)}</name></author>",
        f"  <rights>{x.text(settings.licence_name)}</rights>",
    ]
    for entry, updated in items:
        m = entry.model
        src = urls.src_uri(entry.kind, entry.slug)
        href = links.absolute(src) or links.site_path(src)
        out += [
            "  <entry>",
            f"    <id>{urn(entry.kind, entry.slug)}</id>",
            f"    <title>{x.text(entry.name)}</title>",
            f"    <updated>{stamp(updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href="{x.attr(href)}"/>',
            f'    <category term="{entry.kind}" label="{KIND_LABEL[entry.kind]}"/>',
        ]
        for key in m.temaer:
            out.append(f'    <category term="tema:{key}" label="{x.attr(vocab.temaer[key].navn)}"/>')
        out += [
            f"    <summary>{x.text(m.resume)}</summary>",
            f'    <content type="text">{x.text(_content(entry, repo))}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def feed_outputs(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    text = atom(repo, settings)
    if text is not None:
        yield Output(PATH, text.encode("utf-8"))
