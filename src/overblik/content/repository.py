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

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import gazetteer
from .casebody import CaseBody, parse_case_body
from .problems import ContentError, Problem, field_label
from .schemas import CONTENT_TYPES, Case, Initiativ, Kommune, Model
from .source import SourceFile, line_of
from .source import read_source as _read_source
from .validation import validate
from .vocabulary import Vokabular

VOCABULARY_FILE = "vokabular.yml"
MUNICIPALITY_FILE = "kommune.yml"
SHARED_FOLDER = "faelles"
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


KINDS = ["kommune", "initiativ", "case", "organisation", "sted", "rapport", "side"]


@dataclass
class Repository:
    root: Path  # the content folder
    rel_root: str  # the content folder relative to the repository root
    vocabulary: Vokabular
    entries: dict[str, dict[str, Entry]]  # kind -> slug -> entry

    def __getitem__(self, kind: str) -> dict[str, Entry]:
        return self.entries[kind]

    @property
    def kommuner(self) -> dict[str, Entry]:
        return self.entries["kommune"]

    @property
    def initiativer(self) -> dict[str, Entry]:
        return self.entries["initiativ"]

    @property
    def cases(self) -> dict[str, Entry]:
        return self.entries["case"]

    @property
    def organisationer(self) -> dict[str, Entry]:
        return self.entries["organisation"]

    @property
    def steder(self) -> dict[str, Entry]:
        return self.entries["sted"]

    @property
    def rapporter(self) -> dict[str, Entry]:
        return self.entries["rapport"]

    @property
    def sider(self) -> dict[str, Entry]:
        return self.entries["side"]

    def all(self) -> Iterator[Entry]:
        for kind in KINDS:
            yield from self.entries[kind].values()


def _iter_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def _suggest(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" Mente du «{close[0]}»?" if close else ""


def load_repository(content_dir: Path, repo_root: Path | None = None, *, sources: Any = None) -> Repository:
    """Load and check all content. Raises ContentError listing every error.
    `sources`: a `sourcecache.SourceCache` that keeps parsed files between loads."""
    read_source = sources.read if sources is not None else _read_source
    content_dir = Path(content_dir)
    repo_root = Path(repo_root) if repo_root else content_dir.parent
    try:
        rel_root = content_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        rel_root = content_dir.as_posix()
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
    for path in _iter_files(content_dir):
        parts = path.relative_to(content_dir).parts
        name = path.name
        if parts == (VOCABULARY_FILE,) or name.lower() == "readme.md":
            continue
        if path.suffix.lower() in MEDIA_SUFFIXES:
            continue
        rp = rel(path)
        if path.suffix.lower() not in TEXT_SUFFIXES:
            problems.append(
                Problem(rp, None, "", "ukendt filtype; indhold skrives i .md- eller .yml-filer.")
            )
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
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(
                Problem(rp, None, "", f"filen er for stor ({path.stat().st_size:,} byte); en indholdsfil må højst fylde 1 MB.".replace(",", "."))
            )
            continue
        try:
            src = read_source(path, rp)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        present[kind].add(slug)
        entry, found = _validate_entry(kind, slug, kommune, src)
        problems.extend(found)
        if entry is None:
            invalid.append((kind, src))
            continue
        previous = entries[kind].get(slug)
        if previous is not None:
            problems.append(
                Problem(
                    rp,
                    1,
                    "",
                    f"id'et «{slug}» bruges allerede af {previous.rel}; to filer af samme type må ikke "
                    "have samme navn. Omdøb den ene fil.",
                )
            )
            continue
        entries[kind][slug] = entry

    if vocabulary is not None:
        problems.extend(_check_references(entries, vocabulary, rel(vocab_path), present))
        problems.extend(_check_raw_references(invalid, entries, vocabulary, present))

    errors = [p for p in problems if p.severity == "fejl"]
    if errors or vocabulary is None:
        raise ContentError(problems)
    repo = Repository(content_dir, rel_root, vocabulary, entries)
    return repo


def _classify(parts: tuple[str, ...], rp: str) -> tuple[str, str | None, Problem | None]:
    """The type and municipality of a file, from its folders."""
    folders = ", ".join(CONTENT_TYPES)
    if parts[0] == "kommuner" and len(parts) == 3 and parts[2] in (MUNICIPALITY_FILE, "kommune.yaml"):
        return "kommune", parts[1], None
    if parts[0] == "kommuner" and len(parts) == 4 and parts[2] in CONTENT_TYPES:
        return CONTENT_TYPES[parts[2]][0], parts[1], None
    if parts[0] == SHARED_FOLDER and len(parts) == 3 and parts[1] in CONTENT_TYPES:
        return CONTENT_TYPES[parts[1]][0], None, None
    if parts[0] == "kommuner" and len(parts) == 4:
        hint = _suggest(parts[2], CONTENT_TYPES)
        return "", None, Problem(rp, None, "", f"ukendt mappe «{parts[2]}».{hint} Mapperne hedder: {folders}.")
    return "", None, Problem(
        rp,
        None,
        "",
        "filen ligger et sted, hvor den ikke bliver brugt. Læg den i "
        "kommuner/<kommune>/<mappe>/ eller faelles/<mappe>/, hvor <mappe> er en af: "
        f"{folders}; kommunens egne oplysninger står i kommuner/<kommune>/kommune.yml.",
    )


def _validate_entry(kind: str, slug: str, kommune: str | None, src: SourceFile):
    schema: type[Model] = Kommune if kind == "kommune" else next(
        s for k, s in CONTENT_TYPES.values() if k == kind
    )
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
    entry = Entry(kind, slug, src.rel, model, src.body.strip("\n"), src.body_line, kommune, None, src.lines | src.key_lines)
    if isinstance(model, Case):
        entry.case_body, found = parse_case_body(src.body, src.rel, src.body_line)
        problems.extend(found)
    return entry, problems


def _check_references(
    entries: dict[str, dict[str, Entry]], vocab: Vokabular, vocab_rel: str, present: dict[str, set[str]]
) -> list[Problem]:
    """Every id that points somewhere must point to something that exists."""
    problems: list[Problem] = []
    broken = set().union(*(present[k] - set(entries[k]) for k in KINDS))

    def check(entry: Entry, loc: tuple, value: Any, targets: dict, what: str) -> None:
        if value is None or value in targets:
            return
        if targets is not vocab.maalgrupper and value in broken and isinstance(targets, dict) and targets and isinstance(next(iter(targets.values())), Entry):
            return
        problems.append(
            Problem(
                entry.rel,
                entry.line_of(loc),
                field_label(loc),
                f"{what} «{value}» findes ikke.{_suggest(str(value), targets)}",
            )
        )

    orgs, places, reports = entries["organisation"], entries["sted"], entries["rapport"]
    kommuner = entries["kommune"]
    goal_refs = vocab.goal_refs()

    for entry in (e for kind in KINDS for e in entries[kind].values()):
        m = entry.model
        if entry.kind != "kommune":
            check(entry, ("kommune",), getattr(m, "kommune", None), kommuner, "kommunen")
        for name, targets, what in (
            ("maalgrupper", vocab.maalgrupper, "målgruppen"),
            ("temaer", vocab.temaer, "temaet"),
            ("partnere", orgs, "organisationen"),
            ("steder", places, "stedet"),
            ("kilder", reports, "rapporten"),
        ):
            for i, value in enumerate(getattr(m, name, None) or []):
                check(entry, (name, i), value, targets, what)
        kontakt = getattr(m, "kontakt", None)
        if kontakt is not None:
            check(entry, ("kontakt", "organisation"), kontakt.organisation, orgs, "organisationen")
        if entry.kind == "initiativ":
            assert isinstance(m, Initiativ)
            check(entry, ("type",), m.type, vocab.typer, "typen")
            check(entry, ("status",), m.status, vocab.statusser, "statussen")
            check(entry, ("ansvarlig",), m.ansvarlig, orgs, "organisationen")
            check(entry, ("del_af",), m.del_af, entries["initiativ"], "initiativet")
            if m.del_af == entry.slug:
                problems.append(Problem(entry.rel, entry.line_of(("del_af",)), "del_af", "et initiativ kan ikke være del af sig selv."))
            for i, other in enumerate(m.relaterede):
                check(entry, ("relaterede", i), other, entries["initiativ"], "initiativet")
            for i, fig in enumerate(m.noegletal):
                check(entry, ("noegletal", i, "rapport"), fig.rapport, reports, "rapporten")
            if m.forankring is not None:
                check(entry, ("forankring", "rapport"), m.forankring.rapport, reports, "rapporten")
            for i, t in enumerate(m.tidspunkt):
                check(entry, ("tidspunkt", i, "sted"), t.sted, places, "stedet")
            for i, f in enumerate(m.finansiering):
                check(entry, ("finansiering", i, "kilde"), f.kilde, vocab.finansieringskilder, "finansieringskilden")
                check(entry, ("finansiering", i, "rapport"), f.rapport, reports, "rapporten")
            for i, goal in enumerate(m.maal):
                for j, step in enumerate(goal.fremskridt):
                    check(entry, ("maal", i, "fremskridt", j, "rapport"), step.rapport, reports, "rapporten")
            for i, ref in enumerate(m.bidrager_til):
                if ref not in goal_refs:
                    problems.append(
                        Problem(
                            entry.rel,
                            entry.line_of(("bidrager_til", i)),
                            field_label(("bidrager_til", i)),
                            f"målet «{ref}» findes ikke i vokabular.yml; skriv det som "
                            f'"ramme/mål", fx "social-mobilitet/maal-10".{_suggest(ref, goal_refs)}',
                        )
                    )
            for i, item in enumerate(m.historik):
                check(entry, ("historik", i, "rapport"), item.rapport, reports, "rapporten")
                check(entry, ("historik", i, "status"), item.status, vocab.statusser, "statussen")
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
        elif entry.kind in ("case", "side"):
            check(entry, ("rapport",), m.rapport, reports, "rapporten")
        elif entry.kind == "organisation":
            check(entry, ("type",), m.type, vocab.organisationstyper, "organisationstypen")
            check(entry, ("del_af",), m.del_af, orgs, "organisationen")
        elif entry.kind == "rapport":
            check(entry, ("type",), m.type, vocab.rapporttyper, "rapporttypen")
            check(entry, ("udgiver",), m.udgiver, orgs, "organisationen")

    problems.extend(_check_towns(entries))

    for fid, framework in vocab.maalrammer.items():
        for key, targets, what in (("kommune", kommuner, "kommunen"), ("rapport", reports, "rapporten")):
            value = getattr(framework, key)
            if value is not None and value not in targets:
                problems.append(
                    Problem(vocab_rel, None, f"maalrammer › {fid} › {key}", f"{what} «{value}» findes ikke.{_suggest(value, targets)}")
                )
    return problems


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


def _check_raw_references(
    invalid: list[tuple[str, SourceFile]], entries: dict[str, dict[str, Entry]], vocab: Vokabular, present: dict[str, set[str]]
) -> list[Problem]:
    """References in files that failed the schema, so an editor sees every
    problem of a file in one round rather than fixing it twice."""
    vocabularies = {"typer": vocab.typer, "statusser": vocab.statusser, "maalgrupper": vocab.maalgrupper, "temaer": vocab.temaer,
                    "organisationstyper": vocab.organisationstyper, "rapporttyper": vocab.rapporttyper}
    fields = {
        "initiativ": [("type", "typer", "typen"), ("status", "statusser", "statussen"), ("maalgrupper", "maalgrupper", "målgruppen"),
                      ("temaer", "temaer", "temaet"), ("partnere", "organisation", "organisationen"), ("ansvarlig", "organisation", "organisationen"),
                      ("steder", "sted", "stedet")],
        "case": [("maalgrupper", "maalgrupper", "målgruppen"), ("temaer", "temaer", "temaet"), ("partnere", "organisation", "organisationen"),
                 ("rapport", "rapport", "rapporten")],
        "organisation": [("type", "organisationstyper", "organisationstypen")],
        "rapport": [("type", "rapporttyper", "rapporttypen")],
    }
    problems: list[Problem] = []
    for kind, src in invalid:
        for name, target, what in fields.get(kind, []):
            value = src.data.get(name)
            values = value if isinstance(value, list) else [value]
            known = vocabularies[target] if target in vocabularies else present[target]
            for i, item in enumerate(values):
                if not isinstance(item, str) or not SLUG_RE.match(item) or item in known:
                    continue
                loc = (name, i) if isinstance(value, list) else (name,)
                problems.append(
                    Problem(src.rel, src.line_of(loc), field_label(loc), f"{what} «{item}» findes ikke.{_suggest(item, known)}")
                )
    return problems
