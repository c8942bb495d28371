"""``sitemap.xml`` (sitemaps.org 0.9) with each page's last change from content.

MkDocs writes its own sitemap with the build date as every page's lastmod,
which changes on every build and tells search engines nothing. The glue
removes that template (see `frontends.mkdocs.glue.on_config`) and this one is used
instead: lastmod is the latest date the page's content states
(`freshness`); hand-written pages have no content date and no lastmod.
A sitemap needs absolute addresses: without ``site_url`` there is none.
"""

from __future__ import annotations

from collections.abc import Iterable

from overblik.content.repository import Repository
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from . import xmltext as x
from .freshness import Freshness, day
from .weblinks import WebLinks

PATH = "sitemap.xml"


def sitemap(
    generated: Iterable[str], handwritten: Iterable[str], repo: Repository, settings: Settings, index: SiteIndex
) -> str | None:
    links = WebLinks(settings)
    if not links.base:
        return None
    fresh = Freshness(repo, index)
    rows = []
    for src in sorted(set(generated)):
        date = fresh.page(src)
        rows.append((links.absolute(src), day(date).isoformat() if date else None))
    for src in sorted(set(handwritten) - set(generated)):
        rows.append((links.absolute(src), None))
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in sorted(rows):
        out.append(f"  <url><loc>{x.text(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def sitemap_outputs(generated, handwritten, repo, settings, index) -> list[Output]:
    text = sitemap(generated, handwritten, repo, settings, index)
    return [Output(PATH, text.encode("utf-8"))] if text else []
