"""The "Åbne data" page: every export, its format and licence, with links to the files."""

from __future__ import annotations

from collections.abc import Iterable

from overblik.content.repository import Repository
from overblik.site import urls
from overblik.site.output import Output
from overblik.site.pages import Renderer
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from . import calendars
from .catalogue import catalogue
from .freshness import Freshness
from .hsds import DEFAULT_STATUS, JSON_FOLDER, STATUS
from .weblinks import WebLinks

SRC = "aabne-data.md"
TITLE = "Åbne data"


def open_data_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    here = urls.page_url(SRC, settings.use_directory_urls)
    vocab = repo.vocabulary
    # every status editors can use, including ones added to the vocabulary later (DEFAULT_STATUS)
    statuses = [(term.navn, STATUS.get(k, DEFAULT_STATUS)) for k, term in vocab.statusser.items()]
    yield renderer.render(
        "aabne_data.md.j2",
        SRC,
        title=TITLE,
        description="Hent initiativer, organisationer, steder og kalendere som åbne data: HSDS, CSV, iCalendar og Atom.",
        in_nav=True,
        exports=catalogue(repo, settings),
        href=lambda path: urls.relative(here, path),
        json_folder=JSON_FOLDER,
        without=[p for p in calendars.plans(repo) if p.reasons and not p.events],
        statuses=statuses,
        updated=Freshness(repo, index).site,
        counts={kind: len(repo.entries[kind]) for kind in repo.entries},
    )


def data_catalog(repo: Repository, settings: Settings, index: SiteIndex):
    """The schema.org DataCatalog node for the page's JSON-LD (see `jsonld.annotate`)."""
    links = WebLinks(settings)
    updated = Freshness(repo, index).site

    def nodes(src: str) -> list[dict]:
        datasets = []
        for export in catalogue(repo, settings):
            if export.key == "soegemaskiner" or not export.downloads:
                continue
            datasets.append(
                {
                    "@type": "Dataset",
                    "name": export.title,
                    "description": export.summary,
                    "inLanguage": "da",
                    "license": settings.licence_url,
                    "isAccessibleForFree": True,
                    "dateModified": updated.iso() if updated else None,
                    "distribution": [
                        {
                            "@type": "DataDownload",
                            "name": d.title,
                            "encodingFormat": d.media_type,
                            "contentUrl": links.from_page(src, d.path),
                        }
                        for d in export.downloads
                    ],
                }
            )
        return [
            {
                "@type": "DataCatalog",
                "@id": links.from_page(src, src) + "#datakatalog",
                "name": f"Åbne data fra {settings.site_name}",
                "inLanguage": "da",
                "license": settings.licence_url,
                "publisher": {"@type": "Organization", "name": settings.owner or settings.site_name},
                "dataset": datasets,
            }
        ]

    return {SRC: nodes}
