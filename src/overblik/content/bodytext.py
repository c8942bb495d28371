"""Body text: raw HTML the site will not show, and links to other content.

The site renders editors' Markdown without raw HTML (`site.prose`), so a
`<script>` or a `<b>` would reach citizens as visible text. Instead of that
surprise, each tag is an error that says what to write in Markdown. A `<br>`
is meant as a line break and is rendered as one.

A link to another content file, by file name or id (`[Caféerne](aeldrecafeerne.md)`,
`[Caféerne](../initiativer/aeldrecafeerne.md)` or `[Caféerne](aeldrecafeerne)`),
becomes a link to that page; a link that points at nothing is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .problems import Problem, did_you_mean
from .types import FOLDERS

BREAK = re.compile(r"<br\s*/?>", re.I)
BREAK_LINE = re.compile(r"<br\s*/?>[ \t]*\n?", re.I)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target><[^>\n]*>|[^)\s]*)(?P<title>\s+\"[^\"\n]*\")?\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
MEDIA = (".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif", ".pdf")

_MARKDOWN_FOR = {
    ("b", "strong"): "skriv **fed tekst** med to stjerner på hver side",
    ("i", "em"): "skriv *kursiv* med en stjerne på hver side",
    ("a",): "skriv et link som [teksten](https://adressen)",
    ("p", "div", "span"): "lad en tom linje skille afsnittene",
    ("ul", "ol", "li"): "skriv hvert punkt på sin egen linje, der begynder med  - ",
    ("h1", "h2", "h3", "h4", "h5", "h6"): "skriv en overskrift som  ## Overskrift",
    ("img",): "skriv et billede som ![hvad billedet viser](billede.jpg)",
    ("table", "tr", "td", "th"): "skriv tabellen i Markdown, med | mellem kolonnerne",
}


def _markdown_for(tag: str) -> str:
    for tags, advice in _MARKDOWN_FOR.items():
        if tag in tags:
            return f"; {advice}"
    if tag in ("script", "style", "iframe", "object", "embed", "form", "input"):
        return "; slet det: indhold kan ikke have kode eller indlejrede sider"
    return "; skriv teksten med Markdown i stedet"


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line, text) of the body outside fenced code, with inline code blanked."""
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield offset, _CODE.sub(lambda m: " " * len(m.group()), line)


def html_problems(rel: str, body: str, first_line: int) -> list[Problem]:
    found = []
    opened: set[str] = set()
    for offset, line in prose_lines(body):
        for match in _TAG.finditer(line):
            if BREAK.fullmatch(match.group()):
                continue
            tag = (match.group(1) or "").lower()
            if match.group().startswith("</") and tag in opened:
                continue  # the opening tag is reported already
            opened.add(tag)
            shown = match.group() if len(match.group()) <= 40 else match.group()[:37] + "..."
            if not tag:
                advice = "; slet kommentaren, eller skriv den i en YAML-kommentar (# …) over felterne"
            else:
                advice = _markdown_for(tag)
            found.append(
                Problem(
                    rel,
                    first_line + offset,
                    "brødtekst",
                    f"HTML-koden «{shown}» bliver ikke vist som HTML på siden, men som tegn, borgerne kan læse "
                    f"(siden viser ikke HTML fra indholdsfilerne, af sikkerhedshensyn){advice}. "
                    "Et linjeskift må skrives <br>.",
                )
            )
    return found


def content_target(target: str) -> tuple[str | None, str] | None:
    """(content type or None, id) for a link that names a content file, or None for
    web addresses, anchors, mail and phone links and media files."""
    target = target.strip("<>").split("#", 1)[0].split("?", 1)[0]
    if not target or _SCHEME.match(target) or target.startswith(("/", "//")) or target.lower().endswith(MEDIA):
        return None
    parts = [p for p in target.split("/") if p not in ("", ".", "..")]
    if not parts:
        return None
    name = parts[-1]
    for suffix in (".md", ".yml", ".yaml", ".html"):
        name = name.removesuffix(suffix)
    folder = parts[-2] if len(parts) > 1 else None
    kind = FOLDERS[folder].name if folder in FOLDERS else ("kommune" if name == "kommune" and len(parts) > 1 else None)
    if kind == "kommune":
        name = parts[-2]
    return kind, name


def resolve(target: str, ids: dict[str, list[str]]) -> tuple[str, str] | None:
    """The (type, id) a content link points at, when exactly one entry fits."""
    found = content_target(target)
    if found is None:
        return None
    kind, slug = found
    kinds = ids.get(slug, [])
    if kind is not None:
        return (kind, slug) if kind in kinds else None
    return (kinds[0], slug) if len(kinds) == 1 else None


def link_problems(
    rel: str, body: str, first_line: int, ids: dict[str, list[str]], present: Iterable[str] = ()
) -> list[Problem]:
    present = set(present)
    found = []
    for offset, line in prose_lines(body):
        for match in LINK.finditer(line):
            target = match.group("target")
            named = content_target(target)
            if named is None or resolve(target, ids) is not None or named[1] in present:
                continue
            kind, slug = named
            kinds = ids.get(slug, [])
            if len(kinds) > 1 and kind is None:
                message = (
                    f"linket «{target}» kan betyde flere ting ({', '.join(kinds)} med id'et «{slug}»); "
                    f"skriv mappen med, fx ../{_folder(kinds[0])}/{slug}.md."
                )
            else:
                message = (
                    f"linket «{target}» peger ikke på noget indhold: der er ingen fil med id'et «{slug}»."
                    f"{did_you_mean(slug, ids)} Skriv filnavnet på et initiativ, en case eller anden indholdsfil, "
                    "fx [Caféerne](aeldrecafeerne.md), eller en hel webadresse, der begynder med https://."
                )
            found.append(Problem(rel, first_line + offset, "brødtekst", message))
    return found


def content_links(text: str, ids: dict[str, list[str]], link) -> str:
    """Links to content files made links to their pages; `link(kind, slug)` gives the page's URL."""

    def page(match: re.Match) -> str:
        target = match.group("target")
        found = resolve(target, ids)
        if found is None:
            return match.group()
        fragment = "#" + target.strip("<>").split("#", 1)[1] if "#" in target else ""
        return f"[{match.group('text')}]({link(*found)}{fragment}{match.group('title') or ''})"

    return LINK.sub(page, text)


def _folder(kind: str) -> str:
    return next(folder for folder, t in FOLDERS.items() if t.name == kind) if kind != "kommune" else "kommuner"
