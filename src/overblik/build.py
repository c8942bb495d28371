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

from overblik import opendata
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
    meta_only: bool = False,
) -> list[Output]:
    """All outputs; `handwritten`: source paths of the pages in docs/ (for the sitemap).
    `parallel`: share the content pages with a forked process (see `_in_two_processes`);
    only for a one-off build, never in a long-running process with threads (`mkdocs serve`).
    `tracker`: reuse the content, listing and overview pages, and their JSON-LD, of the
    tracker's previous build that read nothing that changed (see deps; `mkdocs serve --dirty`;
    all in this process).
    `meta_only`: the content and listing pages come with their front matter only as data
    (`Output.meta_only`), for a front end that takes it so (not with a tracker)."""
    index = SiteIndex.build(repo)
    facts = page_facts(repo, index)
    outputs = None
    if tracker is not None:
        renderer: Renderer = tracker.renderer(repo, settings, index, facts)
    else:
        renderer = Renderer(repo, settings, index, facts)
        renderer.meta_only = meta_only
        if parallel:
            outputs = _in_two_processes(repo, settings, index, facts, renderer, handwritten)
    if outputs is None:
        outputs = list(renderer.entry_pages())
        outputs.extend(renderer.listing_pages())
        for producer in producers(facts, tracker):
            outputs.extend(producer(repo, settings, index))
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


# Content pages per chunk that the two processes share out (about 0.1 s of work): the
# last chunk decides how long one process may wait for the other at the end.
CHUNK = 50


def _in_two_processes(
    repo: Repository,
    settings: Settings,
    index: SiteIndex,
    facts: PageFacts,
    renderer: Renderer,
    handwritten: Iterable[str],
) -> list[Output] | None:
    """The same outputs as `generate` makes in one process, made by two: a forked child
    makes the content pages in chunks from the first on, while this process makes the
    listing pages and runs the producers, and then the content pages from the last one
    on, until the two meet (`forked.FromBothEnds`), so both are busy until the end. Each
    process adds the JSON-LD to the content pages it makes (`opendata.annotator`); for
    that the child needs the front matter of the folders' index pages (breadcrumbs),
    which this process sends it once it has made them (the listing pages), or else once
    all its own pages are made. None where no child can be forked; the caller then makes
    everything itself."""
    jobs = renderer.entry_jobs()
    entry_srcs = {src for src, _ in jobs}
    jsonld = opendata.annotator(repo, settings, index)
    wanted = jsonld.reads(entry_srcs)  # the other pages whose front matter the content pages' graphs read
    if wanted & entry_srcs or len(entry_srcs) < len(jobs):
        return None  # two content pages of one name, or one named like its folder's index: one process (fails there)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]

    def make(chunk: int) -> list[Output]:
        return [job() for _, job in chunks[chunk]]

    renderer.compile_templates()  # once, before the fork, so neither process compiles them
    shared = forked.FromBothEnds.start(len(chunks), make, jsonld.annotate)
    if shared is None:
        return None
    try:
        rest = list(renderer.listing_pages())
        known = jsonld.front_matter(rest, wanted)  # what the content pages' graphs read of other pages
        if known.keys() == wanted:  # all listing pages, so no producer makes one (it would be made twice: fails)
            shared.send(known)  # now, so the child need not hold its pages until the producers are done
        for producer in producers(facts):
            rest.extend(producer(repo, settings, index))
        if known.keys() != wanted:
            known = jsonld.front_matter(rest, wanted)
            shared.send(known)
        # Now, not after the two have met: the JSON-LD of this process's other pages (their
        # graphs read no content page, unless a page is made twice, which fails), and the
        # sitemap, which needs only the pages' names.
        late = jsonld.reads(out.src_uri for out in rest) & entry_srcs
        if not late:
            jsonld.annotate(rest, {})
        srcs = [src for src, _ in jobs]
        files = opendata.site_files(srcs + [out.src_uri for out in rest], repo, settings, index, handwritten)
        mine = {}
        while (chunk := shared.take()) is not None:
            mine[chunk] = jsonld.annotate(make(chunk), known)
            shared.collect()
        try:
            theirs = shared.result()
        except forked.ForkFailed as err:
            _log.warning(
                "Overblik: kopiens del af indholdssiderne laves i denne proces i stedet (%s); "
                "siden bliver den samme, bygget tager blot længere.",
                err,
            )
            theirs = [jsonld.annotate(make(chunk), known) for chunk in shared.child_share]
    except BaseException:
        shared.kill()
        raise
    outputs = [page for part in theirs + [mine[chunk] for chunk in sorted(mine)] for page in part]
    del theirs, mine
    if late:
        jsonld.annotate(rest, jsonld.front_matter(outputs, late))
    if [out.src_uri for out in outputs] != srcs:  # the sitemap was made from their names before: never so
        files = opendata.site_files([out.src_uri for out in outputs + rest], repo, settings, index, handwritten)
    outputs += rest
    del rest
    return outputs + files
