"""``robots.txt`` that respects the sub-path the site is published under.

Crawlers read robots.txt only at the root of a host. When the site lives
under a sub-path (``site_url: https://www.ishoj.dk/overblik/``), the file
in the site folder does nothing by itself; its rules are written with the
sub-path so the municipality's web team can copy them into the host's own
robots.txt unchanged, and the comment at the top says so.
"""

from __future__ import annotations

from overblik.site.output import Output
from overblik.site.settings import Settings

from .weblinks import WebLinks

PATH = "robots.txt"
SEARCH_INDEX = "pagefind/"  # search index fragments: no use in search engines


def robots(settings: Settings, has_sitemap: bool) -> str:
    links = WebLinks(settings)
    prefix = links.path_prefix
    lines = ["# robots.txt til " + " ".join(settings.site_name.split())]
    if prefix != "/":
        host = links.base[: -len(prefix) + 1] if links.base else ""
        lines += [
            f"# Siden ligger under {prefix}. Søgemaskiner læser kun robots.txt i roden af et domæne:",
            f"# kopier linjerne herunder ind i {host}robots.txt.",
        ]
    lines += [
        "User-agent: *",
        f"Allow: {prefix}",
        f"Disallow: {prefix}{SEARCH_INDEX}",
    ]
    if has_sitemap:
        lines.append(f"Sitemap: {links.absolute('sitemap.xml')}")
    return "\n".join(lines) + "\n"


def robots_outputs(settings: Settings, has_sitemap: bool) -> list[Output]:
    return [Output(PATH, robots(settings, has_sitemap).encode("utf-8"))]
