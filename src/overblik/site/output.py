"""What every producer returns: the files the build adds to the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from overblik.content.repository import Repository

    from .settings import Settings
    from .siteindex import SiteIndex


@dataclass
class Output:
    """A file the build adds to the site: a page (.md) or any other file."""

    src_uri: str
    content: str | bytes
    edit_path: str | None = None  # the content file behind it, for the edit button
    in_nav: bool = False
    # A page's front matter as data, when the producer has it: exactly what reading the
    # front matter of `content` gives (the same keys in the same order), so a front end
    # need not parse it again. Whoever changes the front matter in `content` changes this.
    meta: dict | None = None
    # The front matter is only in `meta`, and `content` is the rest of the page (what
    # follows the front matter and the blank line after it): made so only for a front end
    # that takes the front matter as data (`generate(meta_only=True)`, used by `mkdocs
    # build`: see glue.DIRECT_META), so no page's YAML is written only to be cut off again.
    meta_only: bool = False

    @property
    def is_page(self) -> bool:
        return self.src_uri.endswith(".md")


Producer = Callable[["Repository", "Settings", "SiteIndex"], Iterable[Output]]
