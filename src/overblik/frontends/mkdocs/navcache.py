"""The parts of the theme that are the same for all pages in a folder, rendered once.

Material renders the whole site navigation into every page. For a large site
that was most of a page's cost: at 10,000 initiatives the navigation has ~180
entries (every municipality, target group, theme and type), and rendering it
took longer than the rest of the page.

For a page that is *not* in the navigation (an initiative, case, place ...)
nothing in the navigation is marked active, and every link in it is relative
to the page's folder. So all such pages in one folder get exactly the same
navigation HTML, as long as no navigation entry lies below the page itself
(then its link would be relative to the page). This module renders it once
per folder and reuses it; pages in the navigation are rendered as before.

The same holds for the other parts of the page that depend only on the
navigation, the configuration and the page's folder (through relative links,
``base_url`` and the ``url`` filter), never on the page itself, for the pages
of the content (initiatives, cases, places, overviews ...; see `install`):

* the header with the citizens' menu (``partials/header.html``), Material's
  small script that sets up its storage (``partials/javascripts/base.html``)
  and its back-to-top button (``partials/top.html``);
* Material's ``base.html`` blocks ``styles`` (stylesheets and icons), ``libs``,
  ``fonts``, ``analytics``, ``config`` (its JSON settings with the
  translations) and ``scripts``;
* our footer (the ``footer`` block of ``overrides/main.html``).

Each is wrapped where Jinja calls it: a template's compiled
``root_render_func`` (used by ``{% include %}``), or the block function in
the defining template's ``blocks`` (which Jinja copies into each page's
context), so it works with any theme version that has them. MkDocs
makes a new environment for every build, and `mkdocs serve` rebuilds with a
new one, so the cache never outlives a build. `tests/test_mkdocs_internals.py`
builds the site with and without the caches and compares every byte, and checks
that the cached blocks read nothing of the page but its URL.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

NAV_TEMPLATE = "partials/nav.html"
# Whole templates rendered through the cache (where the theme has them).
TEMPLATES = (NAV_TEMPLATE, "partials/header.html", "partials/javascripts/base.html", "partials/top.html")
# Blocks rendered through the cache: (template that defines them, block names).
BLOCKS = (("base.html", ("styles", "libs", "fonts", "analytics", "config", "scripts")), ("main.html", ("footer",)))


def _parts(url: str) -> tuple[str, ...]:
    """A page URL's folder parts, the way MkDocs makes links relative to it."""
    folder, _, last = url.rpartition("/")
    if "." in last:
        url = folder
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


class NavCache:
    def __init__(self, render: Callable[[Any], Iterator[str]], pages: Callable[[Any], bool] | None = None):
        self.render = render
        self.pages = pages  # which pages may use the cache (None: all outside the navigation)
        self.html: dict[tuple, str] = {}
        self._nav_id: int | None = None
        self._in_nav: set[str] = set()
        self._targets: list[tuple[str, ...]] = []
        self._beginnings: set[tuple[str, ...]] = set()
        self.hits = 0

    def _learn(self, nav: Any) -> None:
        """Which pages the navigation holds, and where its links point."""
        self._nav_id = id(nav)
        self._in_nav = {page.file.src_uri for page in nav.pages}
        self._targets = []

        def walk(items) -> None:
            for item in items:
                url = getattr(item, "url", None)
                if url is not None:
                    self._targets.append(_parts(url))
                walk(getattr(item, "children", None) or [])

        walk(nav.items)
        # Every beginning of every target: a page whose own parts are among them has a link below it.
        self._beginnings = {target[:n] for target in self._targets for n in range(len(target) + 1)}

    def key(self, context: Any) -> tuple | None:
        """Pages with the same key get the same navigation HTML; None: render it."""
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or getattr(page, "file", None) is None:
            return None
        if id(nav) != self._nav_id:
            self.html.clear()
            self._learn(nav)
        if page.file.src_uri in self._in_nav or (self.pages is not None and not self.pages(page)):
            return None
        parts = _parts(page.url)
        if not parts:
            return None
        if parts in self._beginnings:
            return None  # a navigation link lies below this page: its relative URL differs
        return (parts[:-1], len(parts))

    def __call__(self, context: Any) -> Iterator[str]:
        key = self.key(context)
        if key is None:
            yield from self.render(context)
            return
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = "".join(self.render(context))
        else:
            self.hits += 1
        yield html


def install(env: jinja2.Environment, pages: Callable[[Any], bool] | None = None) -> NavCache | None:
    """Render the templates in TEMPLATES and the blocks in BLOCKS through caches in
    this environment; returns the navigation's cache (None if the theme has no
    navigation template). `pages`: the pages whose header, footer and blocks may be
    cached (the navigation is cached for every page outside it). Those parts link to
    pages outside the navigation too (the footer to Om, Privatliv, For redaktører ...),
    which the navigation's check for links below the page does not know; so only pages
    that none of them link to, in folders none of them link into, may share them (the
    content's own pages: see glue)."""
    caches: dict[str, NavCache] = {}
    for name in TEMPLATES:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        render = template.root_render_func
        if not isinstance(render, NavCache):
            render = template.root_render_func = NavCache(render, None if name == NAV_TEMPLATE else pages)
        caches[name] = render
    for name, blocks in BLOCKS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        for block in blocks:
            render = template.blocks.get(block)
            if render is not None and not isinstance(render, NavCache):
                template.blocks[block] = NavCache(render, pages)
    return caches.get(NAV_TEMPLATE)
