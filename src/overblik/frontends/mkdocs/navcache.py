"""The theme's navigation, rendered once for all the pages outside it.

Material renders the whole site navigation into every page. For a large site
that is most of a page's cost: at 10,000 initiatives the navigation has ~180
entries (every municipality, target group, theme and type), and rendering it
takes longer than the rest of the page.

For a page that is *not* in the navigation (an initiative, case, place ...)
nothing in the navigation is marked active, and every link in it is relative
to the page's folder. So all such pages in one folder get exactly the same
navigation HTML, as long as no navigation entry lies below the page itself
(then its link would be relative to the page). This module renders it once
per folder and reuses it; pages in the navigation are rendered as before.

It wraps the compiled template ``partials/nav.html`` (whatever theme or
override provides it) in the Jinja environment of one build, so it works with
any theme version. MkDocs makes a new environment for every build, and
`mkdocs serve` rebuilds with a new one, so the cache never outlives a build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2

NAV_TEMPLATE = "partials/nav.html"


def _parts(url: str) -> tuple[str, ...]:
    """A page URL's folder parts, the way MkDocs makes links relative to it."""
    folder, _, last = url.rpartition("/")
    if "." in last:
        url = folder
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


class NavCache:
    def __init__(self, render: Callable[[Any], Iterator[str]]):
        self.render = render
        self.html: dict[tuple, str] = {}
        self._nav_id: int | None = None
        self._in_nav: set[str] = set()
        self._targets: list[tuple[str, ...]] = []
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

    def key(self, context: Any) -> tuple | None:
        """Pages with the same key get the same navigation HTML; None: render it."""
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or getattr(page, "file", None) is None:
            return None
        if id(nav) != self._nav_id:
            self.html.clear()
            self._learn(nav)
        if page.file.src_uri in self._in_nav:
            return None
        parts = _parts(page.url)
        if not parts:
            return None
        if any(target[: len(parts)] == parts for target in self._targets):
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


def install(env: jinja2.Environment) -> NavCache | None:
    """Render the navigation template through a cache in this environment."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return None
    render = template.root_render_func
    if isinstance(render, NavCache):
        return render
    cache = NavCache(render)
    template.root_render_func = cache
    return cache
