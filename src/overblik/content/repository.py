"""Load every content file, validate it, and check references between files.

Layout of the content folder (the folder names give each file its type, and
the municipality folder gives its municipality, so a file need not say so)::

    content/vokabular.yml
    content/kommuner/<kommune>/kommune.yml
    content/kommuner/<kommune>/{initiativer,cases,organisationer,steder,rapporter,sider}/<id>.md|.yml
    content/faelles/{organisationer,rapporter,sider,steder}/<id>.md|.yml   (not tied to one municipality)

A file's id (its slug) is its file name without the extension.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import bodytext, gazetteer
from .casebody import CaseBody, parse_case_body
from .fieldtypes import parse_date
from .freshness import is_future
from .problems import ContentError, Problem, did_you_mean, field_label
from .references import VOCABULARY_NOUNS, Reference, references
from .schemas import Case, Initiativ, Model
from .source import SourceFile, line_of, recover
from .source import read_source as _read_source
from .types import FOLDERS, KINDS, MUNICIPALITY_FILE, SHARED_FOLDER, TYPE, TYPES
from .validation import validate
from .vocabulary import Vokabular

VOCABULARY_FILE = "vokabular.yml"
TEXT_SUFFIXES = (".md", ".yml", ".yaml")
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif", ".pdf")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 1_000_000


@dataclass
class Entry:
    """One piece of content: its type, id, file and validated data."""

    kind: str  # initiativ, case, organisation, sted, rapport, side, kommune
    slug: str
    rel: str  # repository-relative path of the file
    model: Any
    body: str = ""
    body_line: int = 1
    kommune: str | None = None
    case_body: CaseBody | None = None
    lines: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return getattr(self.model, "navn", None) or self.model.titel

    def line_of(self, loc: tuple) -> int:
        return line_of(loc, self.lines)

    def references(self) -> tuple[Reference, ...]:
        """Every id the entry gives (`references.references` of its model), worked out once:
        loading checks them and the site's back-links read them (a walk of every model,
        1 s at 10,000 initiatives). Nothing changes a model after it is validated."""
        found = self.__dict__.get("_references")
        if found is None:
            found = self.__dict__["_references"] = tuple(references(type(self.model), self.model))
        return found


@dataclass
class Repository:
    root: Path  # the content folder
    rel_root: str  # the content folder relative to the repository root
    vocabulary: Vokabular
    entries: dict[str, dict[str, Entry]]  # kind -> slug -> entry

    def __getitem__(self, kind: str) -> dict[str, Entry]:
        return self.entries[kind]

    def all(self) -> Iterator[Entry]:
        for kind in KINDS:
            yield from self.entries[kind].values()

    @functools.cached_property
    def links(self) -> list[tuple[Entry, Reference]]:
        """Every id that one entry gives of another entry or of a vocabulary term."""
        return [(entry, ref) for entry in self.all() for ref in entry.references()]

    @functools.cached_property
    def _links_by_target(self) -> dict[str, list[tuple[Entry, Reference]]]:
        """`links` by the type they point to, in the same order."""
        out: dict[str, list[tuple[Entry, Reference]]] = {}
        for entry, ref in self.links:
            out.setdefault(ref.target, []).append((entry, ref))
        return out

    def links_to(
        self, target: str, source: str | None = None, fields: Iterable[str] | None = None
    ) -> dict[str, list[Entry]]:
        """Back-links: target id -> the entries (of type `source`) that name it, in `fields`."""
        wanted = set(fields) if fields is not None else None
        out: dict[str, list[Entry]] = {}
        for entry, ref in self._links_by_target.get(target, ()):
            if source and entry.kind != source:
                continue
            if wanted is not None and ref.field not in wanted:
                continue
            out.setdefault(ref.value, []).append(entry)
        return out


# repo.initiativer, repo.kommuner …: the entries of one type, by id.
for _type in TYPES:
    setattr(Repository, _type.plural, property(lambda self, kind=_type.name: self.entries[kind]))


def _iter_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def _rel_root(content_dir: Path, repo_root: Path | None) -> str:
    """The content folder relative to the repository root (the parent folder, if not given)."""
    repo_root = Path(repo_root) if repo_root else content_dir.parent
    try:
        return content_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return content_dir.as_posix()


def text_files(content_dir: Path, repo_root: Path | None = None) -> list[tuple[Path, str]]:
    """The files `load_repository` may read as text, with the repository-relative paths
    it names them by, in the order it reads them (for parsing them ahead: see
    `sourcecache.SourceCache.parse_ahead`)."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return []
    rel_root = _rel_root(content_dir, repo_root)
    return [
        (path, f"{rel_root}/{path.relative_to(content_dir).as_posix()}")
        for path in _iter_files(content_dir)
        if path.suffix.lower() in TEXT_SUFFIXES
    ]


def load_repository(
    content_dir: Path,
    repo_root: Path | None = None,
    *,
    sources: Any = None,
    established: set[str] | None = None,
    today: dt.date | None = None,
) -> Repository:
    """Load and check all content. Raises ContentError listing every error.
    `sources`: a `sourcecache.SourceCache` that keeps parsed files between loads (and,
    in ``mkdocs serve``, the checked entries of valid files, reused while their bytes are the same).
    `established`: the files (repository-relative) already on the main branch, when
    known: of two files with the same id, the error goes to the one not among them.
    `today`: the date future confirmation dates are measured against."""
    read_source = sources.read if sources is not None else _read_source
    checked = getattr(sources, "checked", None)
    content_dir = Path(content_dir)
    rel_root = _rel_root(content_dir, repo_root)
    problems: list[Problem] = []

    def rel(path: Path) -> str:
        return f"{rel_root}/{path.relative_to(content_dir).as_posix()}"

    if not content_dir.is_dir():
        raise ContentError([Problem(rel_root, None, "", "indholdsmappen findes ikke.")])

    # 1. the vocabulary
    vocab_path = content_dir / VOCABULARY_FILE
    vocabulary: Vokabular | None = None
    if not vocab_path.exists():
        problems.append(Problem(rel(vocab_path), None, "", "filen med ordlister (vokabular.yml) mangler."))
    else:
        try:
            src = read_source(vocab_path, rel(vocab_path))
            vocabulary, found = validate(src, Vokabular)
            problems.extend(found)
        except ContentError as err:
            problems.extend(err.problems)

    # 2. every content file, typed by its folder
    entries: dict[str, dict[str, Entry]] = {k: {} for k in KINDS}
    # Files that exist but failed validation: references to them are not also
    # reported as missing, so an editor sees the cause and not its echoes.
    present: dict[str, set[str]] = {k: set() for k in KINDS}
    invalid: list[tuple[str, SourceFile]] = []  # files with schema errors, checked for references too
    files: dict[tuple[str, str], list[str]] = {}  # (type, id) -> the files that have it
    valid: dict[tuple[str, str], list[Entry]] = {}
    today = today or dt.date.today()
    for path in _iter_files(content_dir):
        rp = rel(path)
        parts = tuple(rp[len(rel_root) + 1 :].split("/"))
        name = path.name
        if parts == (VOCABULARY_FILE,) or name.lower() == "readme.md":
            continue
        if path.suffix.lower() in MEDIA_SUFFIXES:
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES:
            problems.append(Problem(rp, None, "", "ukendt filtype; indhold skrives i .md- eller .yml-filer."))
            continue
        kind, kommune, problem = _classify(parts, rp)
        if problem:
            problems.append(problem)
            continue
        slug = path.parent.name if kind == "kommune" else path.stem
        if not SLUG_RE.match(slug):
            problems.append(
                Problem(
                    rp,
                    None,
                    "",
                    f"filnavnet «{slug}» kan ikke bruges som id: brug små bogstaver a-z, tal og "
                    'bindestreger (æ → ae, ø → oe, å → aa), fx "faellesspisning-i-torslunde.md".',
                )
            )
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    rp,
                    None,
                    "",
                    f"filen er for stor ({size:,} byte); en indholdsfil må højst fylde 1 MB.".replace(",", "."),
                )
            )
            continue
        present[kind].add(slug)  # even when broken: references to it are not reported missing
        files.setdefault((kind, slug), []).append(rp)
        context = (kind, slug, kommune, today)
        if checked is not None:  # mkdocs serve: a file with the same bytes is not checked again
            known = checked(path, rp, context)
            if known is not None:
                entry, found = known
                problems.extend(found)
                valid.setdefault((kind, slug), []).append(entry)
                continue
        try:
            src = read_source(path, rp)
        except ContentError as err:
            # One round per file: the syntax mistakes, then the fields that can still be read.
            try:
                partial, found, complete = recover(path, rp)
            except Exception:  # recovering is a courtesy: the file's own error is reported anyway
                partial, found, complete = None, [], False
            problems.extend(found or err.problems)
            if partial is not None:
                _, more = _validate_entry(kind, slug, kommune, partial)
                problems.extend(p for p in more if complete or p.message != MISSING)
                problems.extend(placeholders(partial) + _future_dates(partial, today))
                invalid.append((kind, partial))
            continue
        found = placeholders(src) + _future_dates(src, today)
        entry, more = _validate_entry(kind, slug, kommune, src)
        found += more
        problems.extend(found)
        if entry is None:
            invalid.append((kind, src))
            continue
        if checked is not None:
            sources.remember(rp, context, entry, found)
        valid.setdefault((kind, slug), []).append(entry)

    # One file per id and type: the newer file is the one to rename (see `established`).
    for (kind, slug), rels in files.items():
        if len(rels) > 1:
            problems.extend(_duplicates(kind, slug, rels, established))
        candidates = valid.get((kind, slug), [])
        if candidates:
            older = [e for e in candidates if established is not None and e.rel in established]
            entries[kind][slug] = (older or candidates)[0]

    if vocabulary is not None:
        problems.extend(_check_references(entries, vocabulary, rel(vocab_path), present, invalid))
    problems.extend(_check_bodies(entries, present, invalid))

    errors = [p for p in problems if p.severity == "fejl"]
    if errors or vocabulary is None:
        raise ContentError(problems)
    repo = Repository(content_dir, rel_root, vocabulary, entries)
    return repo


def _classify(parts: tuple[str, ...], rp: str) -> tuple[str, str | None, Problem | None]:
    """The type and municipality of a file, from its folders."""
    folders = ", ".join(FOLDERS)
    if parts[0] == "kommuner" and len(parts) == 3 and parts[2] in (MUNICIPALITY_FILE, "kommune.yaml"):
        return "kommune", parts[1], None
    if parts[0] == "kommuner" and len(parts) == 4 and parts[2] in FOLDERS:
        return FOLDERS[parts[2]].name, parts[1], None
    if parts[0] == SHARED_FOLDER and len(parts) == 3 and parts[1] in FOLDERS:
        return FOLDERS[parts[1]].name, None, None
    if parts[0] == "kommuner" and len(parts) == 4:
        hint = _suggest(parts[2], FOLDERS)
        return "", None, Problem(rp, None, "", f"ukendt mappe «{parts[2]}».{hint} Mapperne hedder: {folders}.")
    return (
        "",
        None,
        Problem(
            rp,
            None,
            "",
            "filen ligger et sted, hvor den ikke bliver brugt. Læg den i "
            "kommuner/<kommune>/<mappe>/ eller faelles/<mappe>/, hvor <mappe> er en af: "
            f"{folders}; kommunens egne oplysninger står i kommuner/<kommune>/kommune.yml.",
        ),
    )


MISSING = "feltet mangler og skal udfyldes."


def _duplicates(kind: str, slug: str, rels: list[str], established: set[str] | None) -> list[Problem]:
    """The same id twice: reported on the newer file, or on every file when that is not known."""
    newer = [r for r in rels if established is None or r not in established] or rels
    out = []
    for rel in newer:
        others = [r for r in rels if r != rel]
        out.append(
            Problem(
                rel,
                1,
                "",
                f"id'et «{slug}» bruges allerede af {', '.join(others)}; to filer af samme type "
                f"({TYPE[kind].name}) må ikke have samme navn. Giv denne fil et andet navn, fx "
                f"«{slug}-{_hint_suffix(rel)}».",
                related=tuple(others),
            )
        )
    return out


def _hint_suffix(rel: str) -> str:
    parts = rel.split("/")
    return parts[parts.index("kommuner") + 1] if "kommuner" in parts else "faelles"


def _future_dates(src: SourceFile, today: dt.date) -> list[Problem]:
    """A confirmation date after today: a typo that would never become overdue."""
    try:
        confirmed = parse_date(src.data.get("senest_bekraeftet"))
    except Exception:  # missing or malformed: the schema reports it
        return []
    if not is_future(confirmed, today):
        return []
    return [
        Problem(
            src.rel,
            src.line_of(("senest_bekraeftet",)),
            "senest_bekraeftet",
            f"datoen {confirmed.iso()} ligger i fremtiden; skriv den dato, oplysningerne blev bekræftet, "
            f"fx dagens dato: {today.isoformat()}.",
        )
    ]


PLACEHOLDER = "UDFYLD"


def _texts(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, loc + (i,))


def placeholders(src: SourceFile) -> list[Problem]:
    """Texts from `overblik new`'s templates that are still to be written: an error,
    so an unfilled template is never published."""
    found = [
        Problem(
            src.rel,
            src.line_of(loc),
            field_label(loc),
            "feltet har stadig skabelonens tekst; skriv din egen tekst i stedet for «UDFYLD: …».",
        )
        for loc, text in (_texts(src.data) if PLACEHOLDER in repr(src.data) else ())  # repr: a quick look first
        if text.lstrip().startswith(PLACEHOLDER)
    ]
    for offset, line in enumerate(src.body.split("\n") if PLACEHOLDER in src.body else ()):
        if line.lstrip().startswith(PLACEHOLDER):
            found.append(
                Problem(
                    src.rel,
                    src.body_line + offset,
                    "brødtekst",
                    "brødteksten har stadig skabelonens tekst; skriv din egen tekst i stedet for «UDFYLD: …».",
                )
            )
    return found


def _validate_entry(kind: str, slug: str, kommune: str | None, src: SourceFile):
    schema: type[Model] = TYPE[kind].schema
    problems: list[Problem] = []
    data = dict(src.data)
    if kind != "kommune" and kommune is not None:
        given = data.get("kommune")
        if given is not None and given != kommune:
            problems.append(
                Problem(
                    src.rel,
                    src.line_of(("kommune",)),
                    "kommune",
                    f"filen ligger i mappen for «{kommune}», men feltet siger «{given}». "
                    "Slet feltet (mappen bestemmer kommunen) eller flyt filen.",
                )
            )
        data["kommune"] = kommune
    if src.body.strip() and src.path.suffix != ".md":
        problems.append(Problem(src.rel, src.body_line, "", "kun .md-filer kan have brødtekst."))
    model, found = validate(src, schema, data)
    problems.extend(found)
    if model is None:
        return None, problems
    entry = Entry(
        kind, slug, src.rel, model, src.body.strip("\n"), src.body_line, kommune, None, src.lines | src.key_lines
    )
    if isinstance(model, Case):
        entry.case_body, found = parse_case_body(src.body, src.rel, src.body_line)
        problems.extend(found)
    return entry, problems


def _suggest(value: str, options: Iterable[str]) -> str:
    return did_you_mean(value, options)


def _check_references(
    entries: dict[str, dict[str, Entry]],
    vocab: Vokabular,
    vocab_rel: str,
    present: dict[str, set[str]],
    invalid: list[tuple[str, SourceFile]],
) -> list[Problem]:
    """Every id that points somewhere must point to something that exists.

    Files that failed validation are checked too (from their raw data), so an
    editor sees every problem of a file in one round. An id of a file that exists
    but is broken is not reported again: the editor sees the cause, not its echoes.
    """
    problems: list[Problem] = []
    lists: dict[str, Any] = {name: getattr(vocab, name) for name in VOCABULARY_NOUNS if name != "maalrammer"}
    lists["maalrammer"] = vocab.goal_refs()
    known: dict[str, Any] = {**{kind: entries[kind] for kind in KINDS}, **lists}
    broken = {kind: present[kind] - set(entries[kind]) for kind in KINDS}

    def check(rel: str, line_of, ref: Reference, raw: bool) -> None:
        value = ref.value
        if not isinstance(value, str):
            return  # the schema reports what is not an id
        if raw and (ref.loc == ("kommune",) or (ref.target != "maalrammer" and not SLUG_RE.match(value))):
            return  # the folder gives the municipality; the schema reports malformed ids
        if value in known[ref.target] or value in broken.get(ref.target, ()):
            return
        loc = ref.loc
        if ref.target == "maalrammer":
            message = (
                f"målet «{value}» findes ikke i vokabular.yml; skriv det som "
                f'"ramme/mål", fx "social-mobilitet/maal-10".{_suggest(value, lists["maalrammer"])}'
            )
        elif ref.target in lists:
            message = f"{VOCABULARY_NOUNS[ref.target]} «{value}» findes ikke.{allowed_terms(value, ref.target, lists[ref.target], vocab_rel)}"
        else:
            options = sorted(set(known[ref.target]) | broken[ref.target])
            message = f"{TYPE[ref.target].definite} «{value}» findes ikke.{_suggest(value, options)}"
        problems.append(Problem(rel, line_of(loc) if line_of else None, field_label(loc), message))

    for entry in (e for kind in KINDS for e in entries[kind].values()):
        for ref in entry.references():
            check(entry.rel, entry.line_of, ref, raw=False)
        m = entry.model
        if entry.kind == "initiativ":
            assert isinstance(m, Initiativ)
            if m.del_af == entry.slug:
                problems.append(
                    Problem(
                        entry.rel, entry.line_of(("del_af",)), "del_af", "et initiativ kan ikke være del af sig selv."
                    )
                )
            reports = entries["rapport"]
            for i, item in enumerate(m.historik):
                sections = reports[item.rapport].model.afsnit if item.rapport in reports else []
                if item.afsnit and sections and item.afsnit not in sections:
                    problems.append(
                        Problem(
                            entry.rel,
                            entry.line_of(("historik", i, "afsnit")),
                            field_label(("historik", i, "afsnit")),
                            f"afsnittet «{item.afsnit}» findes ikke i rapporten «{item.rapport}».{_suggest(item.afsnit, sections)} "
                            "Rapportens afsnit er: " + "; ".join(f"«{s}»" for s in sections) + ".",
                        )
                    )
    problems.extend(_check_towns(entries))
    for kind, src in invalid:
        for ref in references(TYPE[kind].schema, src.data):
            check(src.rel, src.line_of, ref, raw=True)
    for ref in references(Vokabular, vocab):
        check(vocab_rel, None, ref, raw=False)
    return problems


def kinds_by_id(entries: dict[str, dict[str, Entry]]) -> dict[str, list[str]]:
    """id -> the content types that have it (in KINDS order), for links in body text."""
    ids: dict[str, list[str]] = {}
    for kind in KINDS:
        for slug in entries[kind]:
            ids.setdefault(slug, []).append(kind)
    return ids


def _check_bodies(
    entries: dict[str, dict[str, Entry]], present: dict[str, set[str]], invalid: list[tuple[str, SourceFile]]
) -> list[Problem]:
    """Raw HTML and links to content files in every body text (see `bodytext`)."""
    ids = kinds_by_id(entries)
    broken = {slug for kind in KINDS for slug in present[kind] - set(entries[kind])}
    bodies = [(e.rel, e.body, e.body_line) for kind in KINDS for e in entries[kind].values()]
    bodies += [(src.rel, src.body, src.body_line) for _, src in invalid]
    problems: list[Problem] = []
    for rel, body, line in bodies:
        if body and ("<" in body or "](" in body):
            problems.extend(bodytext.html_problems(rel, body, line))
            problems.extend(bodytext.link_problems(rel, body, line, ids, broken))
    return problems


def allowed_terms(value: str, name: str, terms: Iterable[str], where: str = VOCABULARY_FILE) -> str:
    """A suggestion and the allowed ids of a vocabulary list (or the closest few, for a long list)."""
    terms = list(terms)
    hint = _suggest(value, terms)
    if len(terms) <= 12:
        return f"{hint} Tilladte værdier: {', '.join(terms)}."
    return (
        f"{hint} Listen over tilladte værdier står i {where} under «{name}»; tilføj et nyt ord dér, hvis det mangler."
    )


def _check_towns(entries: dict[str, dict[str, Entry]]) -> list[Problem]:
    """Every town named for distances (lokalitet, hovedby) must be in the gazetteer."""
    towns = gazetteer.load()
    problems = []
    fields = (("sted", "lokalitet"), ("initiativ", "lokalitet"), ("kommune", "hovedby"))
    for kind, name in fields:
        for entry in entries[kind].values():
            value = getattr(entry.model, name, None)
            if value is None or towns.find(value):
                continue
            close = towns.closest(value)
            hint = (" Mente du " + " eller ".join(f"«{c}»" for c in close) + "?") if close else ""
            problems.append(
                Problem(
                    entry.rel,
                    entry.line_of((name,)),
                    name,
                    f"byen «{value}» findes ikke i listen over danske byer (GeoNames, byer med mere end ca. "
                    f"1.000 indbyggere).{hint} Står byen ikke på listen, så slet feltet: afstande regnes så "
                    "til kommunen.",
                )
            )
    return problems
