"""Where each page lives, and links between pages that work under any sub-path.

All links the generator writes are relative, so the site works when it is
published under a path such as https://www.ishoj.dk/overblik/.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    from .settings import Settings

from overblik.content.types import TYPES

SECTIONS = {
    **{t.name: t.folder for t in TYPES},  # one section per content type
    "maalgruppe": "maalgrupper",
    "tema": "temaer",
    "type": "typer",
    "maalramme": "maal",
    # status overviews (overviews/)
    "overblik": "overblik",
    "forankring": "forankring",
    "finansiering": "finansiering",
    "handleplan": "handleplaner",
    "aktivitetsoverblik": "aktivitetsoverblik",
}


def src_uri(kind: str, slug: str | None = None) -> str:
    """The virtual source file of a page, e.g. initiativer/navigator-ishoj.md."""
    section = SECTIONS[kind]
    return f"{section}/index.md" if slug is None else f"{section}/{slug}.md"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file (relative to the site root)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _relpath(target: str, from_dir: str) -> str:
    """posixpath.relpath("/" + target, "/" + from_dir), without its normalising work
    when neither path has "." or ".." parts (tests/test_fast_paths.py)."""
    to_parts = [p for p in target.split("/") if p]
    from_parts = [p for p in from_dir.split("/") if p]
    if "." in to_parts or ".." in to_parts or "." in from_parts or ".." in from_parts:
        return posixpath.relpath("/" + target, "/" + from_dir)
    common = 0
    for a, b in zip(from_parts, to_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative."""
    from_dir = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url) + "/"
    target, _, fragment = to_url.partition("#")
    rel = _relpath(target, from_dir)
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + ("#" + fragment if fragment else "")


def edit_url(settings: Settings, path: str) -> str | None:
    """A project file (`path` from the project root, e.g. content/…/x.md) in the repository's
    web editor: repo_url + edit_uri, the address MkDocs gives a page's edit button, whose
    edit_uri points at docs/. None when the site sets no absolute edit address."""
    rel = docs_relative(settings, path)
    if settings.edit_uri_template:
        address = settings.edit_uri_template.format(path=rel, path_noext=posixpath.splitext(rel)[0])
    elif settings.edit_uri:
        address = settings.edit_uri.rstrip("/") + "/" + rel
    else:
        return None
    base = settings.repo_url
    if base and not base.endswith("/") and not address.startswith(("?", "#")):
        base += "/"
    url = urljoin(base, address)
    return url if url.startswith(("https://", "http://")) else None


def docs_relative(settings: Settings, path: str) -> str:
    """A project file's path as seen from docs/ (what MkDocs joins to edit_uri)."""
    folder, _, name = path.rpartition("/")
    if not folder or name in ("", ".", ".."):
        return posixpath.relpath(path, settings.docs_dir)
    seen = _relative_folder(folder, settings.docs_dir, os.getcwd())  # once per folder: relpath costs 15 µs
    if all(part in (".", "..") for part in seen.split("/")):  # the folder holds docs/: ask relpath itself
        return posixpath.relpath(path, settings.docs_dir)
    return f"{seen}/{name}"


@lru_cache(maxsize=4096)
def _relative_folder(folder: str, start: str, cwd: str) -> str:
    """`posixpath.relpath(folder, start)`, which reads the working folder (`cwd`, part of the key)."""
    return posixpath.relpath(folder, start)
