"""MkDocs hooks for Overblik: thin calls into the `overblik` package.

MkDocs caches hook modules in `mkdocs serve`: restart it after editing code.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    from overblik.frontends.mkdocs import glue
except ImportError:  # not installed: use the source tree beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from overblik.frontends.mkdocs import glue

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_startup(*, command: str, dirty: bool) -> None:
    glue.on_startup(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return glue.on_config(config)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return glue.on_files(files, config)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    return glue.on_nav(nav, config, files)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    return glue.on_env(env, files)


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    return glue.on_pre_page(page)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return glue.on_page_markdown(markdown, page)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return glue.on_page_content(html, page)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return glue.on_post_page(output, page)


def on_post_build(*, config: MkDocsConfig) -> None:
    glue.on_post_build(config)


def on_shutdown() -> None:
    glue.on_shutdown()


def on_build_error(*, error: Exception) -> None:
    glue.on_build_error(error)
