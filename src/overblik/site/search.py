"""The search page. Pagefind builds the index after MkDocs has written the site
(see `frontends.mkdocs.glue.run_pagefind`); this page queries it in the browser.

Danish stemming comes from Pagefind's Danish support (the pages say
``lang="da"``). People often write ae, oe and aa for æ, ø and å, so the script
also searches the query with those letters put back and merges the results.
"""

from __future__ import annotations

from collections.abc import Iterable

from overblik.content.repository import Repository

from .output import Output
from .pages import Renderer
from .settings import Settings
from .siteindex import SiteIndex


def search_page(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    renderer = Renderer(repo, settings, index)
    yield renderer.render(
        "search.md.j2",
        "soeg/index.md",
        title="Søg",
        description="Søg i alle initiativer, cases, organisationer og steder i Overblik.",
        in_nav=True,
    )
