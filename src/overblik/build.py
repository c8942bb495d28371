"""Everything the build adds to the site, independent of MkDocs.

`generate` takes validated content and returns `Output`s: pages (Markdown
for the theme to render) and other files (data, exports, scripts). A front end
(the MkDocs hooks today) only has to hand these to its generator.
"""

from __future__ import annotations

import logging
from importlib import resources
from typing import Callable, Iterable

from . import forked
from .pages import Output, Renderer
from .repository import Repository
from .settings import Settings
from .siteindex import SiteIndex

# Not under "mkdocs": a fallback gives the same site, so it is shown but does not fail `--strict`.
_log = logging.getLogger("overblik.build")

Producer = Callable[[Repository, Settings, SiteIndex], Iterable[Output]]


def static_assets(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    """The site's own CSS and scripts, shipped inside the package."""
    root = resources.files("overblik") / "assets"
    stack = [(root, "assets/overblik")]
    while stack:
        folder, prefix = stack.pop()
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.is_dir():
                stack.append((item, f"{prefix}/{item.name}"))
            elif not item.name.startswith("."):
                yield Output(f"{prefix}/{item.name}", item.read_bytes())


def theme_css(repo: Repository, settings: Settings, index: SiteIndex) -> Iterable[Output]:
    """The municipality's colours from mkdocs.yml as CSS custom properties."""
    c = settings.colours
    css = (
        ":root, [data-md-color-scheme] {\n"
        f"  --ob-primary: {c['primaer']};\n"
        f"  --ob-primary-text: {c['primaer_tekst']};\n"
        f"  --ob-accent: {c['accent']};\n"
        f"  --ob-link: {c['link']};\n"
        "}\n"
    )
    yield Output("assets/overblik/farver.css", css)


def _producers() -> list[Producer]:
    from .fieldreference import field_reference_page
    from .finder import finder_outputs
    from .opendata import PRODUCERS as open_data
    from .overdue import overdue_page
    from .overviews.producer import overview_pages
    from .search import search_page

    return [static_assets, theme_css, search_page, finder_outputs, overview_pages, *open_data,
            overdue_page, field_reference_page]


PRODUCERS: list[Producer] = _producers()


def generate(repo: Repository, settings: Settings, handwritten: Iterable[str] = (), *,
             parallel: bool = False) -> list[Output]:
    """All outputs; `handwritten`: source paths of the pages in docs/ (for the sitemap).
    `parallel`: render the content pages in a forked process meanwhile (see forked); only
    for a one-off build, never in a long-running process with threads (`mkdocs serve`)."""
    from .opendata import finish

    index = SiteIndex.build(repo)
    renderer = Renderer(repo, settings, index)
    entry_pages = None
    if parallel:
        renderer.compile_templates()  # once, before the fork, so neither process compiles them
        entry_pages = forked.start(lambda: list(renderer.entry_pages()))
    outputs = [] if entry_pages else list(renderer.entry_pages())
    outputs.extend(renderer.listing_pages())
    for producer in PRODUCERS:
        outputs.extend(producer(repo, settings, index))
    if entry_pages:
        try:
            outputs[:0] = entry_pages.result()
        except forked.ForkFailed as err:
            _log.warning("Overblik: indholdssiderne laves i denne proces i stedet for i en kopi af den (%s); "
                         "siden bliver den samme, bygget tager blot længere.", err)
            outputs[:0] = list(renderer.entry_pages())
    outputs = finish(outputs, repo, settings, index, handwritten)
    seen: dict[str, Output] = {}
    for out in outputs:
        if out.src_uri in seen:
            raise ValueError(f"two outputs for {out.src_uri}")
        seen[out.src_uri] = out
    return outputs
