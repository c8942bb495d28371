"""Open data: the content in formats others can reuse, one module per format.

* `hsds` / `tabular`: Open Referral HSDS 3.0 as JSON documents and as a CSV data package
* `spreadsheet`: a CSV file for municipal staff that opens in Danish Excel
* `calendars`: iCalendar files per initiative and per municipality
* `feed`: an Atom feed of new and updated initiatives and cases
* `sitemap` / `robots`: for search engines, with dates from content
* `jsonld`: schema.org JSON-LD for every page
* `datapage`: the "Åbne data" page that describes and links all of it

All of it is deterministic: the same content gives the same bytes (ids are
uuid5 of our ids, dates come from content, orders are stable).

`PRODUCERS` run like every other producer (see `build.producers`); `finish`
runs after them, because JSON-LD and the sitemap need every page (or, when the
pages are made in parts, `annotator` and `site_files`).
"""

from __future__ import annotations

from collections.abc import Iterable

from overblik.content.repository import Repository
from overblik.site.deps import Tracker
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .calendars import calendar_outputs
from .datapage import data_catalog, open_data_page
from .feed import feed_outputs
from .hsds import hsds_outputs
from .jsonld import Annotator, Graphs, annotate
from .robots import robots_outputs
from .sitemap import sitemap_outputs
from .spreadsheet import spreadsheet_outputs
from .tabular import tabular_outputs

PRODUCERS = [hsds_outputs, tabular_outputs, spreadsheet_outputs, calendar_outputs, feed_outputs, open_data_page]


def finish(
    outputs: list[Output],
    repo: Repository,
    settings: Settings,
    index: SiteIndex,
    handwritten: Iterable[str] = (),
    tracker: Tracker | None = None,
) -> list[Output]:
    """Add JSON-LD to every generated page, and the sitemap and robots.txt for all pages
    (`handwritten`: the source paths of pages in docs/, which have no content dates;
    `tracker`: see `jsonld.annotate`)."""
    files = site_files([o.src_uri for o in outputs], repo, settings, index, handwritten)
    catalog = data_catalog(repo, settings, index)
    return annotate(outputs, repo, settings, index, catalog, tracker) + files


def annotator(repo: Repository, settings: Settings, index: SiteIndex) -> Annotator:
    """JSON-LD for the generated pages when they are made in parts (instead of `finish`'s)."""
    return Annotator(Graphs(repo, settings, index, {}, data_catalog(repo, settings, index)))


def site_files(
    generated: list[str], repo: Repository, settings: Settings, index: SiteIndex, handwritten: Iterable[str] = ()
) -> list[Output]:
    """The sitemap and robots.txt for all pages (see `finish`): `generated`, the names
    (src_uri) of the generated outputs, in order (pages and other files: the sitemap
    takes the pages)."""
    pages = [src for src in generated if src.endswith(".md")]
    files = sitemap_outputs(pages, handwritten, repo, settings, index)
    return files + robots_outputs(settings, has_sitemap=bool(files))
