"""The search index: Pagefind run over the built site, in parts on a large site.

Pagefind holds what it has read of every page in memory until it writes the
index: about 120 KB per page at 10,000 initiatives (18,600 pages, 2.2 GB), and
the build may use 1.5 GB in all. So a site with more than `Settings.search_part_pages`
pages is indexed in parts, each by a Pagefind run of its own over some of the
pages, two runs at a time when the build may use two cores (4,000 pages each:
about 1 GB together):

* part 1 is written to ``pagefind/`` as on a small site (the search page loads
  ``pagefind/pagefind.js`` from there);
* part 2, 3 ... to ``pagefind/del-2/``, ``pagefind/del-3/`` ...;
* ``pagefind/dele.json`` lists the other parts' folders (``{"dele": ["del-2/"]}``,
  an empty list on a small site); the search page reads it and merges them
  into the first with Pagefind's ``mergeIndex``, which searches them all and
  sorts the results together by score. Pagefind's WebAssembly is loaded once.

Each run reads the site itself and is told its pages by a glob (``--glob``):
the pages are grouped by the beginning of the name of the folder they are in
("**/fa*/*.html": every page in a folder whose name begins with "fa"; a group
larger than a sixteenth of a part is split by one more letter, and a folder
named just "fa" then gets "**/fa/*.html"), and the groups are dealt out,
largest first, to the part with the fewest pages. So each part is a like mix of
initiatives, organisations, places ... (every section has names beginning with
most letters) and the parts are as good as equal in size. (A glob listing every
page does not work: Pagefind matches each of the site's files against the whole
list, which took longer than the indexing; and hard-linking each part's pages
into a folder of its own cost about 2 CPU-seconds a part in creating and
removing folders.)

A search in k parts fetches an index chunk from each part; with the chunk
size divided by k (Pagefind's ``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``, 20,000
word positions by default) the chunks together are about as large as the
one chunk of a single index, so the first search costs about the same. The
scores differ slightly from a single index's, because each part counts
how common a word is among its own pages (docs/udvikling/benchmarks.md).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "pagefind/dele.json"
DEFAULT_CHUNK = 20_000  # Pagefind's own index chunk size, in word positions
PAGES_PER_PART = 4_000  # default for Settings.search_part_pages


class SearchIndexError(Exception):
    """Pagefind failed; the message has its output."""


def html_pages(site: Path) -> list[str]:
    """The site's HTML files, as paths from the site's folder with forward slashes, sorted."""
    found = []
    for folder, dirs, files in os.walk(site):
        rel = os.path.relpath(folder, site).replace(os.sep, "/")
        if rel == ".":
            dirs[:] = [d for d in dirs if d != "pagefind"]  # the index of an earlier run
        prefix = "" if rel == "." else rel + "/"
        found.extend(prefix + f for f in files if f.endswith(".html"))
    return sorted(found)


@dataclass
class Part:
    """Some of the site's pages, and the Pagefind glob that picks out exactly those."""

    pages: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)

    @property
    def glob(self) -> str:
        return "{" + ",".join(sorted(self.patterns)) + "}"


def parts(pages: list[str], per_part: int, multiple: int = 1) -> list[Part]:
    """`pages` in as few parts as keep each at about `per_part` pages at most (if more
    than one, a multiple of `multiple`), each part named by a glob (see the module's
    docstring): pages are grouped by the beginning of the name of the folder they are in
    (a folder name, "*.html" for the pages at the top), a group too large for an even
    split is split by one more letter, and the groups, largest first, go to the part
    with the fewest pages so far."""
    count = max(1, math.ceil(len(pages) / max(1, per_part)))
    if count > 1 and multiple > 1:
        count = math.ceil(count / multiple) * multiple
    if count == 1:
        return [Part(list(pages), ["**/*.html"])]
    limit = max(1, math.ceil(len(pages) / count) // 16)
    result = [Part() for _ in range(count)]
    for pattern, members in sorted(_groups(pages, limit), key=lambda g: (-len(g[1]), g[0])):
        part = min(result, key=lambda p: len(p.pages))  # the first of the smallest
        part.pages.extend(members)
        part.patterns.append(pattern)
    for part in result:
        part.pages.sort()
    return result


def _groups(pages: list[str], limit: int) -> list[tuple[str, list[str]]]:
    """(glob pattern, its pages): every page in exactly one group; a group holds at most
    `limit` pages unless its folder names cannot be told apart by a longer beginning."""
    top: list[str] = []
    by_folder: dict[str, list[str]] = {}
    for page in pages:
        folder, _, _ = page.rpartition("/")
        if folder:
            by_folder.setdefault(folder.rpartition("/")[2], []).append(page)
        else:
            top.append(page)
    groups = [("*.html", top)] if top else []
    stack = [("", sorted(by_folder))]
    while stack:
        prefix, names = stack.pop()
        members = [page for name in names for page in by_folder[name]]
        longer = [name for name in names if name != prefix]
        if len(members) <= limit or not longer or not all(_literal(name[len(prefix)]) for name in longer):
            groups.append((f"**/{prefix}*/*.html", members))
            continue
        if len(longer) < len(names):  # a folder named just `prefix`
            groups.append((f"**/{prefix}/*.html", by_folder[prefix]))
        following: dict[str, list[str]] = {}
        for name in longer:
            following.setdefault(prefix + name[len(prefix)], []).append(name)
        stack.extend(sorted(following.items(), reverse=True))
    return groups


def _literal(char: str) -> bool:
    """A character that stands for itself in a Pagefind glob."""
    return char.isalnum() or char in "-_."


def folder_of(part: int) -> str:
    """Where part `part` (0, 1, ...) is written, from the site's folder."""
    return "pagefind" if part == 0 else f"pagefind/del-{part + 1}"


def command(site: Path) -> list[str]:
    """Pagefind over the whole site (Danish stemming from <html lang="da">)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]


def write_manifest(site: Path, count: int) -> None:
    others = [folder_of(i).removeprefix("pagefind/") + "/" for i in range(1, count)]
    path = site / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"dele": others}) + "\n", encoding="utf-8")


def build(
    site: Path,
    per_part: int = PAGES_PER_PART,
    at_once: int = 1,
    *,
    full_rounds: bool = False,
    pages: list[str] | None = None,
) -> int:
    """Index `site` in as many parts as its size needs, `at_once` parts at a time;
    returns the number of parts. `full_rounds`: a site in parts gets a multiple of
    `at_once` parts, so the last part does not run alone while a core waits (at 10,000
    initiatives six parts of 3,100 pages took 20.3-20.9 s, five of 3,720 pages 21.4 s,
    with the same CPU time and 130 MB less memory). The index is the same however many
    run at once. `pages`: the site's HTML files (`html_pages`), when the caller knows them."""
    site = Path(site).resolve()
    groups = parts(html_pages(site) if pages is None else sorted(pages), per_part, at_once if full_rounds else 1)
    if len(groups) == 1:
        _run(command(site))
    else:
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(DEFAULT_CHUNK // len(groups)))

        def index(i: int) -> None:
            out = str(site / folder_of(i))
            _run(command(site) + ["--glob", groups[i].glob, "--output-path", out], env=env)

        with ThreadPoolExecutor(max_workers=max(1, at_once)) as pool:
            for done in [pool.submit(index, i) for i in range(len(groups))]:
                done.result()  # the first failure, after every part has stopped
    write_manifest(site, len(groups))
    return len(groups)


def _run(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stdout + result.stderr)
