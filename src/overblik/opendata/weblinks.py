"""Addresses of pages and files in exports.

Exports are read outside the site (by calendars, feed readers, portals), so
they use absolute addresses built from ``site_url``. Without a ``site_url``
there is no absolute address: formats that require one leave the field out.
"""

from __future__ import annotations

from overblik.site import urls
from overblik.site.settings import Settings


class WebLinks:
    def __init__(self, settings: Settings):
        base = settings.site_url.strip()
        self.base = base if not base or base.endswith("/") else base + "/"
        self.directory_urls = settings.use_directory_urls

    def site_path(self, target: str) -> str:
        """The site-relative URL of a page source (``x.md``) or a file."""
        return urls.page_url(target, self.directory_urls) if target.endswith(".md") else target

    def absolute(self, target: str) -> str | None:
        """The absolute URL of a page source or file, or None without site_url."""
        if not self.base:
            return None
        return self.base + self.site_path(target)

    def from_page(self, page_src: str, target: str) -> str:
        """Absolute when possible, else relative to the page `page_src`."""
        absolute = self.absolute(target)
        if absolute is not None:
            return absolute
        # the home page's site path is "" and urls.relative() gives "." for it: ask for "./"
        return urls.relative(urls.page_url(page_src, self.directory_urls), self.site_path(target) or "./")

    @property
    def path_prefix(self) -> str:
        """The sub-path the site lives under, e.g. "/overblik/" (or "/")."""
        if not self.base:
            return "/"
        rest = self.base.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path if path.endswith("/") else path + "/"
