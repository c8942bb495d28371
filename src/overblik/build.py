"""Everything the build adds to the site, independent of MkDocs.

`generate` takes validated content and returns `Output`s: pages (Markdown
for the theme to render) and other files (data, exports, scripts). A front end
(the MkDocs hooks today) only has to hand these to its generator.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from importlib import resources

from overblik.content.repository import Repository
from overblik.editor.fieldreference import field_reference_page
from overblik.editor.overdue import overdue_page
from overblik.opendata import PRODUCERS as open_data
from overblik.opendata import finish
from overblik.opendata.calendars import calendar_files
from overblik.overviews.catalog import build_catalog
from overblik.overviews.producer import overview_pages
from overblik.site import forked, pages
from overblik.site.deps import Tracker
from overblik.site.finder import finder_outputs
from overblik.site.output import Output, Producer
from overblik.site.pages import PageFacts, Renderer
from overblik.site.search import search_page
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

# Not under "mkdocs": a fallback gives the same site, so it is shown but does not fail `--strict`.
_log = logging.getLogger("overblik.build")


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


def page_facts(repo: Repository, index: SiteIndex) -> PageFacts:
    """What the content pages show about the whole site, worked out once per build."""
    return PageFacts(calendars=calendar_files(repo), overviews=build_catalog(repo, index))


def producers(facts: PageFacts, tracker: Tracker | None = None) -> list[Producer]:
    """Everything besides the content and listing pages, in the order the site lists them."""
    return [
        static_assets,
        theme_css,
        search_page,
        finder_outputs,
        partial(overview_pages, catalog=facts.overviews, tracker=tracker),
        *open_data,
        overdue_page,
        field_reference_page,
    ]


def generate(
    repo: Repository,
    settings: Settings,
    handwritten: Iterable[str] = (),
    *,
    parallel: bool = False,
    tracker: Tracker | None = None,
) -> list[Output]:
    """All outputs; `handwritten`: source paths of the pages in docs/ (for the sitemap).
    `parallel`: render the content pages in a forked process meanwhile (see forked); only
    for a one-off build, never in a long-running process with threads (`mkdocs serve`).
    `tracker`: reuse the content, listing and overview pages, and their JSON-LD, of the
    tracker's previous build that read nothing that changed (see deps; `mkdocs serve --dirty`)."""
    index = SiteIndex.build(repo)
    facts = page_facts(repo, index)
    renderer = tracker.renderer(repo, settings, index, facts) if tracker else Renderer(repo, settings, index, facts)
    entry_pages = None
    if parallel:
        renderer.compile_templates()  # once, before the fork, so neither process compiles them
        entry_pages = forked.start(lambda: list(renderer.entry_pages()))
    outputs = [] if entry_pages else list(renderer.entry_pages())
    outputs.extend(renderer.listing_pages())
    for producer in producers(facts, tracker):
        outputs.extend(producer(repo, settings, index))
    if entry_pages:
        try:
            outputs[:0] = entry_pages.result()
        except forked.ForkFailed as err:
            _log.warning(
                "Overblik: indholdssiderne laves i denne proces i stedet for i en kopi af den (%s); "
                "siden bliver den samme, bygget tager blot længere.",
                err,
            )
            outputs[:0] = list(renderer.entry_pages())
    outputs = finish(outputs, repo, settings, index, handwritten, tracker)
    if parallel:  # a one-off build: let the content go as soon as the caller does (see close_all)
        pages.close_all()
    if tracker:
        tracker.finish()
    seen: dict[str, Output] = {}
    for out in outputs:
        if out.src_uri in seen:
            raise ValueError(f"two outputs for {out.src_uri}")
        seen[out.src_uri] = out
    return outputs
