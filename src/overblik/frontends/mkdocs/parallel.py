"""Half of the generated pages rendered and written on the machine's second core.

MkDocs renders pages one after the other in one process: each page's
Markdown (`_populate_page`), then each page through the theme and onto disk
(`_build_page`). On a large site that is most of the build, and one of the
two cores waits. In `mkdocs build`, right after the navigation is made
(`on_nav`), `Split.start` forks this process (see `overblik.site.forked`):

* the child takes somewhat more than half of the generated pages outside
  the navigation (`SHARE`, spread evenly); it
  renders those pages and writes them, exactly as MkDocs would (it calls
  MkDocs' own `_populate_page` and `_build_page`, with an environment made
  by the theme and our `on_env`, as MkDocs makes it);
* this process neither reads nor renders those pages (`Split.skips`) and,
  once every page is read (`on_env`), takes them out of `files`, so MkDocs
  writes only the rest. Until then they stay in `files`, so links to them
  resolve as before.

Before the search index is built (`on_post_build`) `Split.finish` waits for
the child and takes over what it reported: its log records (re-emitted here,
so a warning still fails `--strict`) and its page counts. A child that failed or got stuck is killed; then this
process renders those pages itself, with a warning, and the site is the same.

The pages of the navigation are rendered by this process; the child reads
them too (their titles appear in its pages' menus; a generated page's title
is in its front matter, so it is not rendered) but reports nothing about
them. `tests/test_parallel_pages.py` builds the same site with and without the
split and compares every byte.
"""

from __future__ import annotations

import logging
import time
import types
from dataclasses import dataclass, field
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.toc import get_toc

from overblik.site import forked

from . import finished, spool

# Not under "mkdocs": the fallback gives the same site, so it is shown but does not fail `--strict`.
log = logging.getLogger("overblik.parallel")

# False: every page is rendered in this process (the test compares the two).
ENABLED = True
# Below this many generated pages the fork costs more than it saves.
MIN_PAGES = 200
# The child's share of the generated pages outside the navigation.
SHARE = 0.57


class _Capture(logging.Handler):
    """The child's log records, kept to be re-emitted by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.silent = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.silent or (self.records and self.records[-1] is record):  # seen by both loggers
            return
        record.msg, record.args = record.getMessage(), None  # picklable
        record.exc_info = record.exc_text = None
        self.records.append(record)


@dataclass
class ChildReport:
    records: list[logging.LogRecord] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0  # the child's own time, from the fork


def _take_over_logging() -> _Capture:
    """In the child: every record goes to the capture, none to the terminal (MkDocs'
    own logger does not pass its records on to the root logger)."""
    capture = _Capture()
    for name in (None, "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
    return capture


@dataclass
class Split:
    share: list[Any]  # the child's pages (MkDocs File objects)
    forked: forked.Forked
    config: Any  # the build's config, files and navigation (MkDocs' objects), for the fallback
    files: Any
    nav: Any
    env: Any = None  # the theme's environment, from on_env
    child_seconds: float = 0.0  # how long the child worked (for the build's timing line)

    def __post_init__(self) -> None:
        self.ids = {id(f) for f in self.share}

    @classmethod
    def start(cls, config: Any, files: Any, nav: Any, render_env: Any) -> Split | None:
        """Fork the child for its share of the generated pages outside the navigation;
        None when there is nothing to gain or no fork is possible."""
        if not ENABLED:
            return None
        in_nav = {id(page.file) for page in nav.pages}
        candidates = [
            f
            for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if f.generated_by is not None and id(f) not in in_nav
        ]
        if len(candidates) < MIN_PAGES:
            return None
        # Spread evenly; more than half, since this process also renders the navigation's
        # pages and the hand-written ones and copies the static files (at 10,000 initiatives,
        # with 52 % for the child, this process took 21.8 s and the child 18.0 s).
        share = [f for i, f in enumerate(candidates) if int((i + 1) * SHARE) > int(i * SHARE)]

        def child() -> ChildReport:
            started = time.perf_counter()
            capture = _take_over_logging()
            capture.silent = True  # the navigation's pages: this process reports on them
            for page in nav.pages:  # their titles are in the menus of the child's pages
                if spool.carries_meta(page.file):  # as on_pre_page reads it
                    spool.read_source_with_meta(page, config)  # the title is in the front matter
                elif page.file.generated_by is not None:
                    page.read_source(config)  # the title is in the front matter; no need to render
                else:
                    _populate_page(page, config, files)
            env = render_env()
            capture.silent = False
            before = dict(finished.STATS)
            _render(share, config, files, nav, env)
            stats = {k: finished.STATS[k] - before.get(k, 0) for k in finished.STATS}
            return ChildReport(capture.records, stats, time.perf_counter() - started)

        started = forked.start(child)
        if started is None:
            return None
        return cls(share, started, config, files, nav)

    def owns(self, page: Any) -> bool:
        """The page is the child's."""
        return id(page.file) in self.ids

    def skips(self, page: Any) -> bool:
        """In this process: the page is the child's, so MkDocs need not read or render it
        here (it stays in `files` until `on_env`, so links to it resolve as before)."""
        if not self.owns(page):
            return False
        page.read_source = types.MethodType(_no_source, page)
        page.render = types.MethodType(_no_render, page)
        return True

    def hand_over(self, env: Any) -> None:
        """In this process, once every page is read (`on_env`): MkDocs writes only the rest."""
        self.env = env
        for f in self.share:
            self.files.remove(f)

    def abort(self) -> None:
        """The build failed: stop the child."""
        self.forked.kill()

    def finish(self) -> None:
        """Wait for the child and take over its report (or render its share here)."""
        try:
            report: ChildReport = self.forked.result()
        except forked.ForkFailed as err:
            log.warning(
                "Overblik: halvdelen af siderne laves i denne proces i stedet for i en kopi af den (%s); "
                "siden bliver den samme, bygget tager blot længere.",
                err,
            )
            for f in self.share:
                self.files.append(f)
                vars(f.page).pop("read_source", None)  # read and render it for real this time
                vars(f.page).pop("render", None)
            _render(self.share, self.config, self.files, self.nav, self.env)
            return
        for f in self.share:
            f.content_string = ""  # rendered by the child: let this process's copy go
        for record in report.records:
            logging.getLogger(record.name).handle(record)
        self.child_seconds = report.seconds
        for key, value in report.stats.items():
            finished.STATS[key] = finished.STATS.get(key, 0) + value


def _no_source(page: Any, config: Any) -> None:
    page.markdown, page.meta = "", {}


def _no_render(page: Any, config: Any, files: Any) -> None:
    page.content, page.toc = "", get_toc([])


def _render(share: list[Any], config: Any, files: Any, nav: Any, env: Any) -> None:
    """What MkDocs' build does for these pages: Markdown, theme, file, anchor check."""
    for f in share:
        _populate_page(f.page, config, files)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for f in share:
        _build_page(f.page, config, doc_files, nav, env)
    level = config.validation.links.anchors
    for f in share:
        f.page.validate_anchor_links(files=files, log_level=level)
