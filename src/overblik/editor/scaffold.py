"""New content files from each type's template (`overblik new`).

The templates (`data/skabeloner/`) are valid files with a Danish comment over
every field: required fields are filled in (the name, the first term of a
vocabulary list, today's date as last confirmed), optional ones are commented
out with an example. Texts the editor still has to write start with
"UDFYLD", which `overblik check` warns about.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from overblik.content.types import MUNICIPALITY_FILE, SHARED_FOLDER
from overblik.content.vocabulary import Vokabular
from overblik.danish import slugify

from .fieldguide import KINDS, vocabulary_terms

PLACEHOLDER = "UDFYLD"

# Other names editors may type for a type.
ALIASES = {
    **{t.folder: kind for kind, t in KINDS.items()},
    "initiative": "initiativ",
    "organization": "organisation",
    "place": "sted",
    "report": "rapport",
    "page": "side",
    "artikel": "side",
    "municipality": "kommune",
}

_FIELD = re.compile(r"\{\{(\w+)(?::(\w+))?\}\}")


class ScaffoldError(Exception):
    """A reason, in Danish, why no file was written."""


@dataclass(frozen=True)
class NewFile:
    kind: str
    slug: str
    path: Path


def resolve_kind(word: str) -> str:
    key = word.strip().casefold()
    if key in KINDS:
        return key
    if key in ALIASES:
        return ALIASES[key]
    close = difflib.get_close_matches(key, list(KINDS) + list(ALIASES), n=1, cutoff=0.6)
    hint = f" Mente du «{ALIASES.get(close[0], close[0])}»?" if close else ""
    raise ScaffoldError(f"ukendt type «{word}».{hint} Typerne er: {', '.join(KINDS)}.")


def template(kind: str) -> str:
    suffix = KINDS[kind].suffix
    return (resources.files("overblik") / "data" / "skabeloner" / f"{kind}{suffix}").read_text(encoding="utf-8")


def render(kind: str, name: str, today: dt.date, vocab: Vokabular) -> str:
    """The template of a type, filled in for one name."""

    def fill(match: re.Match) -> str:
        key, arg = match.group(1), match.group(2)
        if key == "navn":
            return json.dumps(name, ensure_ascii=False)  # a YAML double-quoted text
        if key == "dato":
            return today.isoformat()
        terms = vocabulary_terms(vocab, arg)
        if key == "liste":
            return ", ".join(k for k, _ in terms) if terms else "(listen er tom i vokabular.yml)"
        if key == "foerste":
            if not terms:
                raise ScaffoldError(f"listen «{arg}» i vokabular.yml er tom; tilføj et punkt først.")
            return terms[0][0]
        raise KeyError(key)

    return _wrap_comments(_FIELD.sub(fill, template(kind)))


_COMMENTED_FIELD = re.compile(r"^# (?:[a-z_]+:(?: |$)|\s|- )")


def _wrap_comments(text: str, width: int = 80) -> str:
    """Explanations (comment lines that are not commented-out fields) flowed as
    paragraphs and wrapped to fit an editor window, each line starting with "# "."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.extend(
                textwrap.wrap(
                    " ".join(paragraph),
                    width=width,
                    initial_indent="# ",
                    subsequent_indent="# ",
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
            paragraph.clear()

    for line in text.split("\n"):
        if line.startswith("# ") and not _COMMENTED_FIELD.match(line):
            paragraph.append(line[2:].strip())
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ScaffoldError('skriv et navn i anførselstegn, fx overblik new initiativ --kommune ishoj "Strikkecafé".')
    if len(name) > 300:
        raise ScaffoldError(f"navnet er {len(name)} tegn; det må højst være 300 tegn.")
    return name


def _existing(content: Path, kind: str, slug: str) -> Path | None:
    """A file of the same type and id anywhere in the content (ids are unique per type)."""
    if kind == "kommune":
        folder = content / "kommuner" / slug
        return folder if folder.exists() else None
    folder = KINDS[kind].folder
    for pattern in (f"kommuner/*/{folder}/{slug}.*", f"{SHARED_FOLDER}/{folder}/{slug}.*"):
        for path in sorted(content.glob(pattern)):
            return path
    return None


def target(content: Path, kind: str, slug: str, kommune: str | None) -> Path:
    folder, suffix = KINDS[kind].folder, KINDS[kind].suffix
    if kind == "kommune":
        return content / "kommuner" / slug / MUNICIPALITY_FILE
    if kommune is None:
        return content / SHARED_FOLDER / folder / f"{slug}{suffix}"
    known = sorted(p.parent.name for p in (content / "kommuner").glob(f"*/{MUNICIPALITY_FILE}"))
    if kommune not in known:
        close = difflib.get_close_matches(kommune, known, n=1, cutoff=0.6)
        hint = f" Mente du «{close[0]}»?" if close else ""
        raise ScaffoldError(
            f"kommunen «{kommune}» findes ikke.{hint} Kommunerne er: {', '.join(known) or '(ingen)'}. "
            'En ny kommune oprettes med: overblik new kommune "Navn Kommune".'
        )
    return content / "kommuner" / kommune / folder / f"{slug}{suffix}"


def create(
    content: Path,
    kind_word: str,
    name: str,
    *,
    kommune: str | None,
    today: dt.date,
    vocab: Vokabular,
    slug: str | None = None,
) -> NewFile:
    """Write a new file from the type's template; never overwrites anything."""
    kind = resolve_kind(kind_word)
    name = _check_name(name)
    if slug is None:
        # "Ærø Kommune" lives in content/kommuner/aeroe/, like the folders there
        base = re.sub(r"\s+kommune$", "", name, flags=re.I) if kind == "kommune" else name
        slug = slugify(base)
    if not slug:
        raise ScaffoldError(f"navnet «{name}» giver ikke et filnavn; brug bogstaver eller tal.")
    if kind == "kommune" and kommune:
        raise ScaffoldError('en kommune oprettes uden --kommune: overblik new kommune "Navn Kommune".')
    path = target(content, kind, slug, kommune)
    existing = _existing(content, kind, slug)
    if existing is not None or path.exists():
        shown = existing or path
        raise ScaffoldError(
            f"{shown.as_posix()} findes allerede, og den bliver ikke overskrevet. Ret i den fil, "
            "eller vælg et andet navn."
        )
    text = render(kind, name, today, vocab)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return NewFile(kind, slug, path)


# --- code owners --------------------------------------------------------------

_OWNER_LINE = re.compile(r"^/content/kommuner/([a-z0-9-]+)/\s+(@[\w.-]+/)([\w.-]+)\s*$")


def add_code_owner(codeowners: Path, kommune: str) -> str | None:
    """Add a line for a new municipality's folder, like the lines already there.

    "/content/kommuner/ishoj/ @overblik-dk/redaktion-ishoj" gives
    "/content/kommuner/aeroe/ @overblik-dk/redaktion-aeroe". Returns the line
    added, or None when the file is missing, has no line to copy, or already
    names the folder.
    """
    if not codeowners.exists():
        return None
    text = codeowners.read_text(encoding="utf-8")
    folder = f"/content/kommuner/{kommune}/"
    if any(line.split()[:1] == [folder] for line in text.splitlines()):
        return None
    for line in text.splitlines():
        match = _OWNER_LINE.match(line)
        if match and match.group(3).endswith(match.group(1)):
            slug, org, team = match.groups()
            new = f"{folder} {org}{team[: -len(slug)]}{kommune}"
            if not text.endswith("\n"):
                text += "\n"
            codeowners.write_text(text + new + "\n", encoding="utf-8")
            return new
    return None
