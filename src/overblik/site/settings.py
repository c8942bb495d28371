"""Site settings read from ``mkdocs.yml`` (``extra.overblik``), with defaults.

Everything a municipality changes to reuse the project lives here or in the
standard MkDocs/Material settings (site_name, site_url, theme.logo), so a new
municipality changes configuration only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

DEFAULT_COLOURS = {"primaer": "#00557f", "primaer_tekst": "#ffffff", "accent": "#8a4b00", "link": "#00557f"}


@dataclass
class Settings:
    site_name: str = "Overblik"
    site_url: str = ""
    use_directory_urls: bool = True
    content_dir: str = "content"
    owner: str = ""  # who publishes the site, e.g. "Ishøj Kommune"
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    licence_name: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.da"
    accessibility_statement_url: str = ""
    contact_email: str = ""
    map_tiles: str = ""  # a tile URL template; empty means no map and no third-party request
    map_attribution: str = ""
    repo_url: str = ""
    edit_uri: str = ""  # MkDocs' edit_uri: where docs/ is in the repository's web editor
    edit_uri_template: str = ""
    docs_dir: str = "docs"  # from the project root
    today: str = ""  # ISO date for the editors' overdue list; empty: see builddate (never the clock)

    @classmethod
    def from_mkdocs(cls, config: Any) -> Settings:
        extra = (config.get("extra") or {}).get("overblik") or {}
        colours = dict(DEFAULT_COLOURS)
        colours.update(extra.get("farver") or {})
        licence = extra.get("licens") or {}
        kort = extra.get("kort") or {}
        return cls(
            site_name=config.get("site_name") or "Overblik",
            site_url=config.get("site_url") or "",
            use_directory_urls=bool(config.get("use_directory_urls", True)),
            content_dir=extra.get("indhold", "content"),
            owner=extra.get("udgiver", ""),
            colours=colours,
            licence_name=licence.get("navn", cls.licence_name),
            licence_url=licence.get("url", cls.licence_url),
            accessibility_statement_url=extra.get("tilgaengelighedserklaering", ""),
            contact_email=extra.get("kontakt_email", ""),
            map_tiles=kort.get("fliser", "") or "",
            map_attribution=kort.get("kreditering", "") or "",
            repo_url=config.get("repo_url") or "",
            edit_uri=config.get("edit_uri") or "",
            edit_uri_template=config.get("edit_uri_template") or "",
            docs_dir=_docs_dir(config),
            today=str(extra.get("dato", "") or ""),
        )


def _docs_dir(config: Any) -> str:
    """docs_dir relative to the folder of mkdocs.yml, with forward slashes."""
    docs, config_file = config.get("docs_dir"), getattr(config, "config_file_path", None)
    if not docs or not config_file:
        return "docs"
    rel = os.path.relpath(os.path.abspath(docs), os.path.dirname(os.path.abspath(config_file)))
    return rel.replace(os.sep, "/")
