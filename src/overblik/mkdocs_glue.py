"""The only module that knows MkDocs: hands generated files to it.

`hooks/overblik_hooks.py` calls these functions from MkDocs' events. Content
is loaded and checked in `on_config`, before MkDocs touches the output folder,
so an editor's mistake stops the build with the whole list of problems and
the published site is left as it was. `mkdocs build` writes into a staging
folder beside `site_dir` and swaps it into place only when everything,
search index included, succeeded.
"""

from __future__ import annotations

import html
import logging
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import navcache, urls
from .build import generate
from .pages import Output
from .problems import ContentError, format_report
from .rawhtml import RawHtmlExtension
from .repository import Repository, load_repository
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.overblik")


@dataclass
class State:
    command: str = "build"
    settings: Settings | None = None
    repo: Repository | None = None
    site_dir: str = ""  # where the finished site goes
    staging_dir: str = ""  # where this build writes until it succeeds
    outputs: list[Output] = field(default_factory=list)


STATE = State()


def on_startup(command: str) -> None:
    STATE.command = command


def repo_root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def load(config: Any) -> Repository:
    settings = Settings.from_mkdocs(config)
    root = repo_root(config)
    try:
        repo = load_repository(root / settings.content_dir, root)
    except ContentError as err:
        raise Abort(format_report(err.problems)) from None
    STATE.settings, STATE.repo = settings, repo
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
        "@kommuner": lambda: section(
            "Alle kommuner", "kommune", [(k, e.name) for k, e in repo.kommuner.items()]
        ),
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
    repo = load(config)
    config.nav = expand_nav(config.nav, repo)
    content_dir = str(repo_root(config) / STATE.settings.content_dir)
    if content_dir not in config.watch:
        config.watch.append(content_dir)
    # Generated pages are mostly raw HTML: set it aside without HTMLParser (same output, see rawhtml).
    if not any(isinstance(ext, RawHtmlExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(RawHtmlExtension())
    STATE.site_dir = config.site_dir
    STATE.staging_dir = ""
    if STATE.command == "build":
        STATE.staging_dir = config.site_dir.rstrip("/\\") + ".ny"
        config.site_dir = STATE.staging_dir
    return config


def on_files(files: Files, config: Any) -> Files:
    assert STATE.repo is not None and STATE.settings is not None
    root = repo_root(config)
    docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix() if Path(config.docs_dir).resolve().is_relative_to(root) else "docs"
    STATE.outputs = generate(STATE.repo, STATE.settings, [f.src_uri for f in files.documentation_pages()])
    # MkDocs' sitemap.xml dates every page with the build time; opendata.sitemap writes one from
    # content dates. Dropped here, after MkDocs has listed the theme's files, so it is not copied either.
    config.theme.static_templates.discard("sitemap.xml")
    for out in STATE.outputs:
        if files.get_file_from_path(out.src_uri) is not None:
            raise PluginError(
                f"docs/{out.src_uri} findes, men Overblik laver selv den side. Slet eller omdøb filen i docs/."
            )
        inclusion = InclusionLevel.INCLUDED if out.in_nav or not out.is_page else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, out.src_uri, content=out.content, inclusion=inclusion)
        if out.edit_path:
            file.edit_uri = posixpath.relpath(out.edit_path, docs_rel)
        files.append(file)
    return files


def on_env(env: Any) -> Any:
    """Render the theme's navigation once per folder for pages outside it (see navcache)."""
    navcache.install(env)
    return env


def run_pagefind(site_dir: str) -> None:
    """Index the built site for search (Danish stemming from <html lang="da">)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", site_dir, "--quiet"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError("Søgeindekset kunne ikke bygges (Pagefind):\n" + result.stdout + result.stderr)


def on_post_build(config: Any) -> None:
    run_pagefind(config.site_dir)
    if STATE.staging_dir:
        final, staging = Path(STATE.site_dir), Path(STATE.staging_dir)
        old = final.with_name(final.name + ".gammel")
        if old.exists():
            shutil.rmtree(old)
        if final.exists():
            final.rename(old)
        staging.rename(final)
        if old.exists():
            shutil.rmtree(old)
        config.site_dir = str(final)
        log.info("Siden er lagt i %s", final)


def on_build_error(error: Exception) -> None:
    if STATE.staging_dir and Path(STATE.staging_dir).exists():
        shutil.rmtree(STATE.staging_dir, ignore_errors=True)
