"""The status overview pages: what committees read and print.

Registered in `build.producers()`. Every figure comes from content (the
initiatives' status entries, anchoring, funding and goals), so a status is
written once and appears on the initiative, its report and every overview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from overblik.content.fieldtypes import PartialDate
from overblik.content.repository import Entry, Repository
from overblik.danish import name_key
from overblik.site import deps, urls
from overblik.site.output import Output
from overblik.site.pages import Renderer
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from . import anchoring as anchoring_module
from .catalog import Catalog, OverviewPage, build_catalog

TEMPLATES = {
    "forankring": "overviews/anchoring.md.j2",
    "aktivitetsoverblik": "overviews/activities.md.j2",
    "handleplan": "overviews/actionplan.md.j2",
    "maalramme": "overviews/framework.md.j2",
    "finansiering": "overviews/funding.md.j2",
}


@dataclass
class PrintHead:
    """What a printed overview shows at the top and bottom of every page."""

    title: str
    kommune: str | None  # the municipality's name
    date: PartialDate | None
    date_label: str  # e.g. "Status pr."
    sources: list[Entry] = field(default_factory=list)  # reports, the main source first
    source_text: str = ""  # used when there is no report behind the page
    address: str = ""  # where the page lives, to find it again


def page_address(settings: Settings, src: str) -> str:
    path = urls.page_url(src, settings.use_directory_urls)
    base = settings.site_url.rstrip("/")
    return f"{base}/{path}" if base else f"/{path}"


def _newest(dates) -> PartialDate | None:
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def print_head(repo: Repository, settings: Settings, page: OverviewPage) -> PrintHead:
    kommune = repo.kommuner[page.kommune].name if page.kommune in repo.kommuner else None
    sources = [repo.rapporter[s] for s in page.based_on if s in repo.rapporter]  # main source first
    head = PrintHead(page.title, kommune, _newest(r.model.dato for r in sources), "Status pr.", sources)
    if page.kind == "aktivitetsoverblik":
        head.date = _newest(e.model.senest_bekraeftet for g in page.data for e in g.entries)
        head.date_label = "Oplysninger senest bekræftet"
        head.source_text = "Initiativernes egne oplysninger i Overblik"
    head.address = page_address(settings, page.src)
    return head


def overview_pages(
    repo: Repository,
    settings: Settings,
    index: SiteIndex,
    catalog: Catalog | None = None,
    tracker: deps.Tracker | None = None,
) -> Iterable[Output]:
    """`catalog`: the build's overviews, when `generate` has made them already.
    `tracker` (``mkdocs serve --dirty``): reuse an overview page of the previous build
    while its data (compared by value) and what its template read are the same."""
    if catalog is None:
        catalog = build_catalog(repo, index)
    if tracker is None:
        renderer = Renderer(repo, settings, index)
    else:  # the pages read through the tracker's views
        renderer = tracker.recording_renderer(settings)
        repo, index = renderer.repo, renderer.index

    def overview(page: OverviewPage) -> Output:
        deps.read(("overview", page.src))
        return renderer.render(
            TEMPLATES[page.kind],
            page.src,
            title=page.title,
            description=page.description,
            page=page,
            data=page.data,
            head=print_head(repo, settings, page),
            anchoring=anchoring_module,
        )

    for page in catalog.pages:
        yield overview(page) if tracker is None else tracker.output(page.src, partial(overview, page))
    yield renderer.render(
        "overviews/index.md.j2",
        urls.src_uri("overblik"),
        title="Overblik og status",
        description="Statusoverblik dannet direkte fra indholdet: forankring, mål, finansiering, "
        "handleplaner og aktivitetsoverblik. Alle kan udskrives som notat.",
        in_nav=True,
        catalog=catalog,
        kommuner=sorted(repo.kommuner.values(), key=name_key),
    )
    kind_indexes = (
        (
            "maalramme",
            "overviews/frameworks_index.md.j2",
            "Mål og strategier",
            "Målrammer som regeringens 10 mål for social mobilitet og kommunernes strategimål, "
            "med de initiativer, der bidrager til hvert mål.",
        ),
        (
            "finansiering",
            "overviews/funding_index.md.j2",
            "Finansiering",
            "Hvad hver finansieringskilde har betalt for, år for år: initiativer, beløb, mål og status.",
        ),
    )
    for kind, template, title, description in kind_indexes:
        yield renderer.render(
            template, urls.src_uri(kind), title=title, description=description, in_nav=True, pages=catalog.of_kind(kind)
        )
