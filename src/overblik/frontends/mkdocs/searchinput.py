"""What Pagefind reads: each built page without the theme's header and navigation.

Pagefind indexes only what is inside ``data-pagefind-body`` (overrides/main.html
puts the page content there), but it reads and parses every page in full. On a
large site most of a page is the theme's navigation (at 10,000 initiatives about
65 KB of a 75 KB page), so Pagefind spends most of its time on HTML it then
ignores. `SearchInput` writes, beside the site, a copy of each page with the
part between ``<body>`` and ``<div data-pagefind-body>`` left out (the
``<head>`` and everything from the content on are kept), and Pagefind indexes
that copy into the site's ``pagefind/`` folder. The index is the same, byte for
byte (tests/test_search_input.py); a page where the left-out part holds any
``data-pagefind`` attribute is copied whole, so nothing Pagefind would use is
lost.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

BODY_MARK = "<div data-pagefind-body>"
_BODY_TAG = re.compile(r"<body[\s>]")


def trimmed(html: str) -> str:
    """The page without what lies between <body ...> and the indexed content."""
    content = html.find(BODY_MARK)
    if content < 0:
        return html
    body = _BODY_TAG.search(html, 0, content)
    if body is None:
        return html
    body_end = html.find(">", body.start()) + 1
    if body_end <= 0 or body_end > content or "data-pagefind" in html[body_end:content]:
        return html
    return html[:body_end] + html[content:]


class SearchInput:
    """A folder of trimmed pages, mirroring the site's HTML files."""

    def __init__(self, site_dir: str):
        self.site_dir = Path(site_dir)
        self.folder = Path(tempfile.mkdtemp(prefix="overblik-soeg-"))
        self.written: set[str] = set()
        self._folders: set[str] = set()

    def add(self, dest_uri: str, html: str) -> None:
        """A page as MkDocs writes it (`dest_uri`: its path in the site)."""
        path = os.path.join(self.folder, dest_uri)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace") as fh:
            fh.write(trimmed(html))
        self.written.add(dest_uri)

    def complete(self) -> None:
        """Add the site's other HTML files (the theme's 404 page ...) as they are."""
        for dirpath, dirnames, filenames in os.walk(self.site_dir):
            rel_dir = Path(dirpath).relative_to(self.site_dir)
            if rel_dir.parts[:1] == ("pagefind",):
                dirnames[:] = []
                continue
            for name in filenames:
                if not name.endswith(".html"):
                    continue
                rel = (rel_dir / name).as_posix()
                if rel not in self.written:
                    target = self.folder / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(Path(dirpath) / name, target)
                    except OSError:
                        shutil.copyfile(Path(dirpath) / name, target)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
