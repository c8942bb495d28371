"""The search index: Pagefind run over the built site, in parts on a large site.

Pagefind holds what it has read of every page in memory until it writes the
index: about 120 KB per page at 10,000 initiatives (18,600 pages, 2.2 GB), and
the build may use 1.5 GB in all. So a site with more than `Settings.search_part_pages`
pages is indexed in parts, each by a Pagefind run of its own over every k-th
page (in the order of their paths, so each part is a like mix of initiatives,
organisations, places ... and each needs the same memory), two runs at a time
when the build may use two cores (4,000 pages each: about 1 GB together):

* part 1 is written to ``pagefind/`` as on a small site (the search page loads
  ``pagefind/pagefind.js`` from there);
* part 2, 3 ... to ``pagefind/del-2/``, ``pagefind/del-3/`` ...;
* ``pagefind/dele.json`` lists the other parts' folders (``{"dele": ["del-2/"]}``,
  an empty list on a small site); the search page reads it and merges them
  into the first with Pagefind's ``mergeIndex``, which searches them all and
  sorts the results together by score. Pagefind's WebAssembly is loaded once.

A search in k parts fetches an index chunk from each part; with the chunk
size divided by k (Pagefind's ``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``, 20,000
word positions by default) the chunks together are about as large as the
one chunk of a single index, so the first search costs about the same. The
scores differ slightly from a single index's, because each part counts
how common a word is among its own pages (docs/udvikling/benchmarks.md).

Pagefind reads a part from a folder beside the site that holds only that
part's pages, as hard links (no copying) in the same folders as in the site,
so their addresses are the same; the folder is removed after the run. (A glob
listing the pages fails above about 5,000 paths in Pagefind 1.5.2.)
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
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


def parts(pages: list[str], per_part: int) -> list[list[str]]:
    """`pages` dealt into as few parts as keep each at most `per_part` pages:
    page i goes to part i mod k."""
    count = max(1, math.ceil(len(pages) / max(1, per_part)))
    return [pages[i::count] for i in range(count)]


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


def build(site: Path, per_part: int = PAGES_PER_PART, at_once: int = 1) -> int:
    """Index `site` in as many parts as its size needs, `at_once` parts at a time;
    returns the number of parts. The index is the same however many run at once."""
    site = Path(site).resolve()
    groups = parts(html_pages(site), per_part)
    if len(groups) == 1:
        _run(command(site))
    else:
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(DEFAULT_CHUNK // len(groups)))

        def index(i: int) -> None:
            with tempfile.TemporaryDirectory(prefix=site.name + ".soeg-", dir=site.parent) as mirror:
                linked(site, groups[i], Path(mirror))
                out = str(site / folder_of(i))
                _run([sys.executable, "-m", "pagefind", "--site", mirror, "--output-path", out, "--quiet"], env=env)

        with ThreadPoolExecutor(max_workers=max(1, at_once)) as pool:
            for done in [pool.submit(index, i) for i in range(len(groups))]:
                done.result()  # the first failure, after every part has stopped
    write_manifest(site, len(groups))
    return len(groups)


def linked(site: Path, pages: list[str], mirror: Path) -> None:
    """`pages` of `site` in `mirror`, at the same paths: hard links, or copies where the
    file system has none."""
    mirror.mkdir(parents=True, exist_ok=True)
    made: set[str] = set()
    for page in pages:
        folder, _, _ = page.rpartition("/")
        if folder and folder not in made:
            (mirror / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        try:
            os.link(site / page, mirror / page)
        except OSError:
            shutil.copyfile(site / page, mirror / page)


def _run(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stdout + result.stderr)
