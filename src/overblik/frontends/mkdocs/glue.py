"""The only module that knows MkDocs: hands generated files to it.

`hooks/overblik_hooks.py` calls these functions from MkDocs' events. Content
is loaded and checked in `on_config`, before MkDocs touches the output folder,
so an editor's mistake stops the build with the whole list of problems and
the published site is left as it was. `mkdocs build` writes into a staging
folder beside `site_dir` and swaps it into place only when everything
succeeded: the search index, and MkDocs' own strict check, which runs after
`on_post_build` (a `--strict` build with a warning raises `Abort` there and
calls `on_build_error`). So the swap waits for `on_shutdown`.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
import os
import shutil
import subprocess
import sys
import time
import types
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from overblik.build import generate
from overblik.content.problems import ContentError, format_report
from overblik.content.repository import Repository, load_repository, text_files
from overblik.site import forked, search, searchindex, urls
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.templatecache import CompiledTemplates

from . import errorpage, finished, navcache, parallel, spool
from .preview import PREVIEW, DropDirtyWarning, UnchangedFile, _empty
from .rawhtml import RawHtmlExtension
from .sourcecache import SourceCache
from .spool import read_source_with_meta

log = logging.getLogger("mkdocs.plugins.overblik")


@dataclass
class State:
    command: str = ""  # from on_startup: "build", "serve", "gh-deploy"
    settings: Settings | None = None
    repo: Repository | None = None
    site_dir: str = ""  # where the finished site goes
    staging_dir: str = ""  # where this build writes until it succeeds
    finished: bool = False  # the staged site is complete and MkDocs reported no error
    dirty: bool = False  # mkdocs build --dirty: only changed pages are written
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, logged after the build
    static_outputs: list[File] = field(default_factory=list)  # generated non-page files, until copied
    content_error: str | None = None  # mkdocs serve: the report while the content has errors
    split: parallel.Split | None = None  # mkdocs build: the pages a forked child renders
    pages_started: float = 0.0  # when MkDocs began on the pages (for the timing line)
    spool: spool.Spool | None = None  # mkdocs build: where generated files wait to be read
    gc_thresholds: tuple[int, ...] | None = None  # the collector's before the build (see BUILD_GC_THRESHOLDS)
    saving: forked.Forked | None = None  # mkdocs build: the child writing the content cache (see SourceCache.save)
    html_pages: list[str] | None = None  # mkdocs build: the HTML files MkDocs writes (see KNOWN_PAGES)


STATE = State()


# mkdocs build: how often Python's cyclic collector runs (gc.set_threshold). Loading and
# generating make millions of objects that live to the end of the build; with the default
# thresholds (700, 10, 10) the collector walked them again and again while they were made:
# at 10,000 initiatives about 2 s of a 5.3 s load with the cache (marshal reading it alone
# 1.0 s instead of 0.3 s) and 2 s of 32 s of generating (in one process). With these, the
# young objects are still looked at every 50,000 new ones (Jinja's macros and the pages'
# link functions are cycles that only the collector frees), but the old ones almost never.
BUILD_GC_THRESHOLDS = (50_000, 100, 1_000)


def on_startup(command: str, dirty: bool = False) -> None:
    STATE.command, STATE.dirty = command, dirty
    if command == "build":
        STATE.gc_thresholds = gc.get_threshold()
        gc.set_threshold(*BUILD_GC_THRESHOLDS)
    PREVIEW.dirty = command == "serve" and dirty
    if PREVIEW.dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())


def settle() -> None:
    """`mkdocs build` on a large site: what exists now lives to the end of the build (or
    is freed by reference counting), so Python's cyclic collector need not walk it again
    and again (about a third of the page rendering at 10,000 initiatives). Not in
    `mkdocs serve`, which keeps running."""
    if STATE.command == "build":
        gc.freeze()


def repo_root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def cache_folder(root: Path) -> Path | None:
    """Where parsed content is kept between builds: .cache/overblik/ beside mkdocs.yml,
    or the folder in $OVERBLIK_CACHE; none when that is "0"."""
    chosen = os.environ.get("OVERBLIK_CACHE", "")
    if chosen == "0":
        return None
    return Path(chosen) if chosen else root / ".cache" / "overblik"


def load(config: Any) -> Repository | None:
    try:
        settings = Settings.from_mkdocs(config)
    except ValueError as err:
        raise Abort(str(err)) from None
    root = repo_root(config)
    content_dir = root / settings.content_dir
    if STATE.command == "serve":
        sources = PREVIEW.sources  # parsed files kept between rebuilds
    else:
        folder = cache_folder(root)
        sources = SourceCache.on_disk(folder) if folder is not None else SourceCache()  # kept between builds
        sources.parse_ahead(partial(text_files, content_dir, root))  # on two cores (large site, cold cache)
        settle()  # the parsed files live through loading: the collector need not walk them while it runs
    STATE.content_error = None
    try:
        repo = load_repository(content_dir, root, sources=sources)
    except ContentError as err:
        if STATE.command != "serve":
            raise Abort(format_report(err.problems)) from None
        # mkdocs serve: show the errors in the browser (see errorpage) and rebuild when they are fixed
        STATE.content_error = format_report(err.problems)
        logging.getLogger("mkdocs.plugins.overblik").error(STATE.content_error)
        STATE.settings, STATE.repo = settings, None
        return None
    finally:
        if sources is not None:
            sources.sweep()
            STATE.saving = sources.save(in_background=STATE.command == "build")
    STATE.settings, STATE.repo = settings, repo
    settle()
    return repo


def expand_nav(nav: list | None, repo: Repository) -> list | None:
    """Replace markers such as ``Kommuner: "@kommuner"`` with the listing pages."""
    if not nav:
        return nav
    vocab = repo.vocabulary

    def section(index_title: str, kind: str, items: list[tuple[str, str]]) -> list:
        # The theme renders nav titles as HTML: content-provided names are escaped.
        return [{index_title: urls.src_uri(kind)}] + [
            {html.escape(name, quote=True): urls.src_uri(kind, key)} for key, name in items
        ]

    markers = {
        "@kommuner": lambda: section("Alle kommuner", "kommune", [(k, e.name) for k, e in repo.kommuner.items()]),
        "@maalgrupper": lambda: section(
            "Alle målgrupper", "maalgruppe", [(k, t.navn) for k, t in vocab.maalgrupper.items()]
        ),
        "@temaer": lambda: section("Alle temaer", "tema", [(k, t.navn) for k, t in vocab.temaer.items()]),
        "@typer": lambda: section("Alle typer", "type", [(k, t.navn) for k, t in vocab.typer.items()]),
    }

    def walk(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict):
                new = {}
                for title, value in item.items():
                    if isinstance(value, str) and value in markers:
                        new[title] = markers[value]()
                    elif isinstance(value, list):
                        new[title] = walk(value)
                    else:
                        new[title] = value
                out.append(new)
            else:
                out.append(item)
        return out

    return walk(nav)


def on_config(config: Any) -> Any:
    PREVIEW.stop_index()  # mkdocs serve: the site is about to change under the last rebuild's indexing
    started = time.perf_counter()
    repo = load(config)
    STATE.timings = {"indlæsning": time.perf_counter() - started}
    if repo is not None:
        config.nav = expand_nav(config.nav, repo)
    # The theme's templates read the publisher in one shape (see Settings.publisher).
    config.extra.setdefault("overblik", {})["udgiver"] = STATE.settings.publisher
    content_dir = str(repo_root(config) / STATE.settings.content_dir)
    if content_dir not in config.watch:
        config.watch.append(content_dir)
    if repo is None:  # mkdocs serve with content errors: one error page (on_files)
        config.nav = None
        return config
    config.nav = expand_nav(config.nav, repo)
    # Generated pages are mostly raw HTML: set it aside without HTMLParser (same output, see rawhtml).
    if not any(isinstance(ext, RawHtmlExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(RawHtmlExtension())
    STATE.site_dir = config.site_dir
    STATE.staging_dir = ""
    STATE.finished = False
    if STATE.command == "build":
        STATE.staging_dir = config.site_dir.rstrip("/\\") + ".ny"
        config.site_dir = STATE.staging_dir
        if STATE.dirty and Path(STATE.site_dir).is_dir():  # --dirty adds to the published site: start from a copy
            shutil.rmtree(STATE.staging_dir, ignore_errors=True)
            shutil.copytree(STATE.site_dir, STATE.staging_dir)
    return config


def error_files(files: Files, config: Any) -> Files:
    """mkdocs serve while the content has errors: only the error page."""
    for page in list(files.documentation_pages()):
        files.remove(page)
    files.append(File.generated(config, "index.md", content=errorpage.markdown(STATE.content_error or "")))
    PREVIEW.forget()  # the next build writes everything again
    _empty(Path(config.site_dir))
    return files


def on_files(files: Files, config: Any) -> Files:
    if STATE.content_error is not None:
        return error_files(files, config)
    assert STATE.repo is not None and STATE.settings is not None
    STATE.static_outputs = []
    started = time.perf_counter()
    outputs = generate(
        STATE.repo,
        STATE.settings,
        [f.src_uri for f in files.documentation_pages()],
        parallel=STATE.command == "build",  # never fork mkdocs serve's threads
        tracker=PREVIEW.tracker_for(config),  # mkdocs serve --dirty: reuse pages whose content did not change
        meta_only=DIRECT_META and STATE.command == "build",  # see read_source_with_meta
    )
    STATE.timings["generering"] = time.perf_counter() - started
    # MkDocs' sitemap.xml dates every page with the build time; opendata.sitemap writes one from
    # content dates. Dropped here, after MkDocs has listed the theme's files, so it is not copied either.
    config.theme.static_templates.discard("sitemap.xml")

    def inclusion(out: Output) -> InclusionLevel:
        return InclusionLevel.INCLUDED if out.in_nav or not out.is_page else InclusionLevel.NOT_IN_NAV

    def edit_uri(out: Output) -> str | None:
        return urls.docs_relative(STATE.settings, out.edit_path) if out.edit_path else None

    unchanged = PREVIEW.unchanged(outputs, config, inclusion, edit_uri)  # mkdocs serve --dirty only
    close_spool()
    if STATE.command == "build" and SPOOL:
        STATE.spool = spool.Spool.beside(config.site_dir)
    outputs.reverse()  # taken from the end, so each output's text goes as soon as it is spooled
    while outputs:
        out = outputs.pop()
        if out.src_uri in files.src_uris:  # (not get_file_from_path, whose PurePath cost 7 µs a file)
            raise PluginError(
                f"docs/{out.src_uri} findes, men Overblik laver selv den side. Slet eller omdøb filen i docs/."
            )
        if out.src_uri in unchanged:
            file = UnchangedFile.generated(config, out.src_uri, content=out.content, inclusion=inclusion(out))
        else:
            file = spool.generated(
                config,
                out.src_uri,
                content=out.content,
                inclusion=inclusion(out),
                spool=STATE.spool,
                meta=out.meta if DIRECT_META and STATE.command == "build" else None,
                bare=out.meta_only,
            )
        if out.edit_path:
            file.edit_uri = edit_uri(out)
        files.append(file)
        if not out.is_page:
            STATE.static_outputs.append(file)
    if STATE.spool is not None:
        STATE.spool.flush()
    STATE.repo = None  # everything is generated: let the content go (memory on large sites)
    if STATE.command == "build":
        _return_memory()
    settle()
    return files


# mkdocs build: generated files wait in a file on disk until MkDocs reads them (see spool).
# False keeps them in memory (tests/test_spool.py checks the site comes out the same).
SPOOL = True


def close_spool() -> None:
    if STATE.spool is not None:
        STATE.spool.close()
        STATE.spool = None


# mkdocs build: Pagefind is told which HTML files the site has (MkDocs writes the pages and
# static files in `files` and the theme's static templates, into an empty folder) instead of
# finding them by walking the site (0.7 s at 10,000 initiatives, with one core idle).
# False walks (tests/test_search_parts.py compares the index).
KNOWN_PAGES = True


def html_written(files: Any, config: Any) -> list[str]:
    """The HTML files `mkdocs build` writes into the site (paths from its folder)."""
    written = {f.dest_uri for f in files if f.dest_uri.endswith(".html") and f.inclusion.is_included()}
    templates = [name for name in config.theme.static_templates if name.endswith(".html")]
    if templates:
        env = config.theme.get_env()
        for name in templates:
            with contextlib.suppress(jinja2.TemplateNotFound):  # MkDocs skips a template the theme lacks
                env.loader.get_source(env, name)
                written.add(name)
    return sorted(written)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """`mkdocs build`: a forked child renders half of the generated pages (see parallel)."""
    STATE.split = None
    STATE.html_pages = None
    if STATE.command == "build" and not STATE.dirty and STATE.content_error is None:
        if KNOWN_PAGES:
            STATE.html_pages = html_written(files, config)  # before the split hands some over

        def render_env() -> Any:  # as MkDocs makes it for the pages
            return config.plugins.on_env(config.theme.get_env(), config=config, files=files)

        STATE.split = parallel.Split.start(config, files, nav, render_env)
        STATE.pages_started = time.perf_counter()
    return nav


# A large site holds every page in memory several times over (the generated text,
# MkDocs' Markdown, the HTML). Each copy is let go as soon as MkDocs is done with it.
# False keeps them (tests/test_mkdocs_internals.py checks the site comes out the same).
RELEASE_MEMORY = True


# mkdocs build: generated pages hand MkDocs their front matter as data (see read_source_with_meta).
# False makes MkDocs read the YAML (tests/test_mkdocs_internals.py checks the site comes out the same).
DIRECT_META = True


# Generated pages skip Python-Markdown when they are of the simple kind (see finished).
# False sends every page through it (tests/test_finished.py checks the site comes out the same).
FINISHED_HTML = True


def on_pre_page(page: Any) -> Any:
    if STATE.split is not None and STATE.split.skips(page):
        return page
    if FINISHED_HTML and page.file.generated_by is not None:
        page.render = types.MethodType(finished.render, page)
    if spool.carries_meta(page.file):
        page.read_source = types.MethodType(read_source_with_meta, page)
    return page


def on_page_markdown(markdown: str, page: Any) -> str:
    if STATE.split is not None and STATE.split.owns(page):
        return markdown  # not read here (see parallel)
    if RELEASE_MEMORY and page.file.generated_by is not None:
        page.file.content_string = ""  # read; the text lives on in page.markdown
    search_meta(page)
    return markdown


def search_meta(page: Any) -> None:
    """What overrides/main.html tells Pagefind about the page (see `search`):
    editors' and developers' pages are left out of the search; a page without
    its own ``soeg`` block (listings, overviews, hand-written pages) is found
    by its title, as an overview."""
    meta = page.meta
    if search.excluded(page.file.src_uri, meta):
        meta["search"] = {"exclude": True}
    elif "soeg" not in meta:
        title = str(meta.get("title") or page.title or "")
        meta["soeg"] = search.overview_meta(html.unescape(title), generated=page.file.generated_by is not None)


def on_page_content(html: str, page: Any) -> str:
    if RELEASE_MEMORY and page.file.generated_by is not None:
        page.markdown = ""  # rendered to HTML
    return html


def on_post_page(output: str, page: Any) -> str:
    if RELEASE_MEMORY:
        for file in STATE.static_outputs:  # copied into the site before the first page is built
            file.content_bytes = b""
        if page.file.generated_by is not None:
            page.content = ""  # written to the site
    STATE.static_outputs = []
    return output


def _return_memory() -> None:
    """Give freed memory back to the system: once everything is generated (the content
    and the generated text are let go, before the child that renders half of the pages is
    forked, which then shares less), and before Pagefind, which needs a lot of its own (the
    rendered pages are let go). What is let go is freed by reference counting (nothing
    frozen holds the content: see `pages.close_all`); the collector looks only at what was
    made since the last `settle` (walking the frozen objects too took 1.5 s at 10,000
    initiatives and found next to nothing)."""
    gc.collect()
    forked.give_back_memory()


def _content_page(page: Any) -> bool:
    """A generated page of one of the site's sections ("initiativer/x.md", "forankring/x.md"),
    not a section's index: nothing in the theme's header, footer or fixed blocks links to
    such a page or into its folder's pages (see navcache.install)."""
    if page.file.generated_by is None:
        return False
    section, _, name = page.file.src_uri.partition("/")
    return section in _SECTION_FOLDERS and "/" not in name and name != "index.md"


_SECTION_FOLDERS = frozenset(urls.SECTIONS.values())


_THEME_CODE = CompiledTemplates()  # mkdocs serve: the theme's templates compiled once, not per rebuild


def on_env(env: Any, files: Any = None) -> Any:
    """Render the theme's navigation once per folder for pages outside it (see navcache),
    and let the theme link to a page by its source file: `overblik_url(src)` is the URL
    MkDocs gives the page made from `src` ("privatliv/" or "privatliv.html", depending on
    use_directory_urls), empty when the site has no such page; templates pass it through
    the `url` filter to make it relative to the page they render."""
    if STATE.command == "serve" and env.bytecode_cache is None:
        env.bytecode_cache = _THEME_CODE
    if STATE.command == "build":  # the theme's files do not change during a build:
        env.auto_reload = False  # look each template up once, not with a stat per include per page
    navcache.install(env, pages=_content_page)
    if files is not None:
        known = {f.src_uri: f.url for f in files}  # before the split hands some over (see parallel)
        env.globals["overblik_url"] = lambda src: known.get(src, "")
    if STATE.split is not None:
        STATE.split.hand_over(env)
        settle()
    return env


def pagefind_command(site_dir: str) -> list[str]:
    """mkdocs serve: the whole site in one index, built in the background (see preview)."""
    return searchindex.command(Path(site_dir))


def run_pagefind(site_dir: str) -> None:
    """mkdocs build: the search index, in parts on a large site (see searchindex)."""
    assert STATE.settings is not None
    try:
        searchindex.build(
            Path(site_dir),
            STATE.settings.search_part_pages,
            at_once=min(2, forked.usable_cpus()),
            full_rounds=True,
            pages=STATE.html_pages,
        )
    except searchindex.SearchIndexError as err:
        raise PluginError(f"Søgeindekset kunne ikke bygges (Pagefind):\n{err}") from None


def on_post_build(config: Any) -> None:
    if STATE.content_error is not None:  # every address shows the errors until they are fixed
        (Path(config.site_dir) / "404.html").write_text(errorpage.standalone(STATE.content_error), encoding="utf-8")
        return
    if STATE.command == "serve":  # the browser reloads now; search catches up (see preview)
        searchindex.write_manifest(Path(config.site_dir), 1)
        PREVIEW.index_in_background(pagefind_command(config.site_dir))
    else:
        split, STATE.split = STATE.split, None
        if split is not None:
            started = time.perf_counter()
            STATE.timings["sider her"] = started - STATE.pages_started
            split.finish()
            STATE.timings["sider i barnet"] = split.child_seconds
            STATE.timings["venter på barnet"] = time.perf_counter() - started
        close_spool()  # every page is written
        started = time.perf_counter()
        _return_memory()
        run_pagefind(config.site_dir)
        STATE.timings["søgeindeks"] = time.perf_counter() - started
    STATE.finished = bool(STATE.staging_dir)  # swapped in on_shutdown, if MkDocs' strict check passes
    if STATE.timings:
        log.info("Overblik: " + ", ".join(f"{k} {v:.1f} s".replace(".", ",") for k, v in STATE.timings.items()))


def publish(final: Path, staging: Path) -> None:
    """Put the staged site in place of the published one: two renames. The old site is
    then deleted by a separate process in the background: nothing needs to wait for it
    (at 10,000 initiatives deleting its 52,000 files took 10 s)."""
    old = final.with_name(f"{final.name}.gammel.{os.getpid()}.{time.time_ns()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        remove_in_background(old)


def remove_in_background(folder: Path) -> None:
    """Delete `folder` in a process of its own that outlives this one."""
    program = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", program, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def on_shutdown() -> None:
    """After `mkdocs build` has returned or raised: publish only a build that finished without error."""
    if STATE.gc_thresholds is not None:
        gc.set_threshold(*STATE.gc_thresholds)
        STATE.gc_thresholds = None
    saving, STATE.saving = STATE.saving, None
    if saving is not None:
        with contextlib.suppress(forked.ForkFailed):  # no cache: the next build parses every file
            saving.result()
    PREVIEW.stop_index()
    close_spool()
    staging, finished = STATE.staging_dir, STATE.finished
    STATE.staging_dir, STATE.finished = "", False
    if not staging:
        return
    if finished:
        publish(Path(STATE.site_dir), Path(staging))
        log.info("Siden er lagt i %s", STATE.site_dir)
    elif Path(staging).exists():  # interrupted (Ctrl-C) or failed: the published site stays
        shutil.rmtree(staging, ignore_errors=True)


def on_build_error(error: Exception) -> None:
    STATE.finished = False  # includes MkDocs' "Aborted with N warnings in strict mode!"
    if STATE.split is not None:
        STATE.split.abort()
        STATE.split = None
    close_spool()
    PREVIEW.forget()
    if STATE.staging_dir and Path(STATE.staging_dir).exists():
        shutil.rmtree(STATE.staging_dir, ignore_errors=True)
