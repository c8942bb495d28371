"""Which pages a pull request changes: content files to the addresses of their pages.

The pull request's comment links to the preview and to each changed page in it,
so a reviewer without technical skills opens exactly what changed, on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from overblik.content.problems import ContentError
from overblik.content.source import read_source
from overblik.content.types import FOLDERS, MUNICIPALITY_FILE, SHARED_FOLDER
from overblik.site import urls


@dataclass(frozen=True)
class ChangedPage:
    rel: str  # the content file, as given
    title: str
    url: str


def kind_and_slug(parts: tuple[str, ...]) -> tuple[str, str] | None:
    """The page a content file gives, from its path inside the content folder."""
    if len(parts) == 3 and parts[0] == "kommuner" and parts[2] == MUNICIPALITY_FILE:
        return "kommune", parts[1]
    stem, _, suffix = parts[-1].rpartition(".")
    if suffix not in ("md", "yml", "yaml") or not stem:
        return None
    if len(parts) == 4 and parts[0] == "kommuner" and parts[2] in FOLDERS:
        return FOLDERS[parts[2]].name, stem
    if len(parts) == 3 and parts[0] == SHARED_FOLDER and parts[1] in FOLDERS:
        return FOLDERS[parts[1]].name, stem
    return None


def changed_pages(
    content: Path, files: list[Path], base_url: str = "", directory_urls: bool = True
) -> list[ChangedPage]:
    """One page per changed content file that still exists, in the order given, without repeats."""
    content_abs = content.resolve()
    out: list[ChangedPage] = []
    seen: set[str] = set()
    for file in files:
        path = file if file.is_absolute() else Path.cwd() / file
        try:
            parts = path.resolve().relative_to(content_abs).parts
        except ValueError:
            continue
        found = kind_and_slug(parts)
        if found is None or not path.exists():
            continue  # not content, or deleted: no page to show
        kind, slug = found
        url = urls.page_url(urls.src_uri(kind, slug), directory_urls)
        if url in seen:
            continue
        seen.add(url)
        try:
            data = read_source(path, file.as_posix()).data
            title = str(data.get("navn") or data.get("titel") or slug)
        except ContentError:
            title = slug
        out.append(ChangedPage(file.as_posix(), title, (base_url.rstrip("/") + "/" if base_url else "") + url))
    return out
