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
    owner_logo: str = ""  # path of the publisher's logo in the site
    owner_logo_text: str = ""  # the logo's text alternative
    owner_phone: str = ""
    owner_address: str = ""
    owner_website: str = ""
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
    preview: bool = False  # an editors' preview build: shows the edit pencil
    search_part_pages: int = 4000  # pages per part of the search index (see searchindex)

    @property
    def publisher(self) -> dict[str, str]:
        """The publisher as the theme's templates read it (``extra.overblik.udgiver``)."""
        return {
            "navn": self.owner or self.site_name,
            "logo": self.owner_logo,
            "logo_tekst": self.owner_logo_text,
            "email": self.contact_email,
            "telefon": self.owner_phone,
            "adresse": self.owner_address,
            "hjemmeside": self.owner_website,
        }

    @classmethod
    def from_mkdocs(cls, config: Any) -> Settings:
        extra = (config.get("extra") or {}).get("overblik") or {}
        colours = dict(DEFAULT_COLOURS)
        colours.update(extra.get("farver") or {})
        licence = extra.get("licens") or {}
        kort = extra.get("kort") or {}
        # "udgiver" is a mapping (name, logo, contact); a bare name is accepted too.
        publisher = extra.get("udgiver") or {}
        if not isinstance(publisher, dict):
            publisher = {"navn": str(publisher)}
        theme = config.get("theme")
        theme_logo = (theme.get("logo") if hasattr(theme, "get") else "") or ""

        def text(key: str, default: str = "") -> str:
            value = publisher.get(key)
            return str(value).strip() if value not in (None, "") else default

        return cls(
            site_name=config.get("site_name") or "Overblik",
            site_url=config.get("site_url") or "",
            use_directory_urls=bool(config.get("use_directory_urls", True)),
            content_dir=extra.get("indhold", "content"),
            owner=text("navn"),
            owner_logo=text("logo", theme_logo),
            owner_logo_text=text("logo_tekst"),
            owner_phone=text("telefon"),
            owner_address=text("adresse"),
            owner_website=text("hjemmeside"),
            colours=colours,
            licence_name=licence.get("navn", cls.licence_name),
            licence_url=licence.get("url", cls.licence_url),
            accessibility_statement_url=extra.get("tilgaengelighedserklaering", ""),
            contact_email=text("email", str(extra.get("kontakt_email", "") or "")),
            map_tiles=kort.get("fliser", "") or "",
            map_attribution=kort.get("kreditering", "") or "",
            repo_url=config.get("repo_url") or "",
            edit_uri=config.get("edit_uri") or "",
            edit_uri_template=config.get("edit_uri_template") or "",
            docs_dir=_docs_dir(config),
            today=str(extra.get("dato", "") or ""),
            preview=bool(extra.get("forhaandsvisning") or False),
            search_part_pages=_positive(extra, "soegeindeks_sider", cls.search_part_pages),
        )


def _positive(extra: dict, key: str, default: int) -> int:
    value = extra.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"extra.overblik.{key} i mkdocs.yml skal være et helt tal over 0, ikke {value!r}.")
    return value


def _docs_dir(config: Any) -> str:
    """docs_dir relative to the folder of mkdocs.yml, with forward slashes."""
    docs, config_file = config.get("docs_dir"), getattr(config, "config_file_path", None)
    if not docs or not config_file:
        return "docs"
    rel = os.path.relpath(os.path.abspath(docs), os.path.dirname(os.path.abspath(config_file)))
    return rel.replace(os.sep, "/")
