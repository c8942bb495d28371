"""The `overblik` command line for editors.

    overblik check                       tjek alt indhold uden at bygge siden
    overblik new initiativ --kommune ishoj "Strikkecafé i Vejleåparken"
    overblik schema                      skriv JSON-skemaerne til VS Code
    overblik steder                      vis, hvor præcist hvert sted er placeret
    overblik steder --find-koordinater   slå stedernes adresser op i adresseservicen
    overblik sider content/…/fil.md      adresserne på de ændrede filers sider

Everything it prints is Danish and written for editors; the exit code is 0
when the content is fine (warnings allowed), 1 on errors, 2 on a mistyped
command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

import yaml

from overblik.content.lint import STALE_MESSAGE, lint
from overblik.content.locations import kommune_location, place_location
from overblik.content.problems import ContentError, Problem
from overblik.content.repository import VOCABULARY_FILE, load_repository
from overblik.content.source import read_source
from overblik.content.types import KINDS, TYPE
from overblik.content.validation import validate
from overblik.content.vocabulary import Vokabular
from overblik.danish import count

from . import gitinfo
from .addresses import ServiceError, find_coordinates
from .annotations import annotations, summary
from .changedpages import changed_pages
from .editorschema import schema_files, snippets_file
from .overdue import SRC
from .scaffold import ScaffoldError, add_code_owner, create

NOUNS = {kind: (kind, TYPE[kind].plural) for kind in KINDS}  # municipalities first


# --- argparse in Danish -------------------------------------------------------

_MESSAGES = [
    (r"the following arguments are required: (.*)", r"mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukendt: \1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"ukendt kommando «\2»; vælg en af: \3"),
    (r"argument (\S+): expected one argument", r"\1 skal efterfølges af en værdi"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


class DanishParser(argparse.ArgumentParser):
    """argparse with Danish headings, help option and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--hjaelp", "--help", action="help", help="vis denne hjælp")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "Brug: ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "Brug: ", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, danish in _MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, danish, message).replace("'", "")
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fejl: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'forventede en dato som "2025-03-14", fandt "{text}"') from None


# --- shared steps -------------------------------------------------------------


def load_vocabulary(content: Path) -> tuple[Vokabular | None, list[Problem]]:
    """Only the vocabulary file, for commands that need no other content."""
    path = content / VOCABULARY_FILE
    rel = path.as_posix()
    if not path.exists():
        return None, [Problem(rel, None, "", "filen med ordlister (vokabular.yml) mangler.")]
    try:
        return validate(read_source(path, rel), Vokabular)
    except ContentError as err:
        return None, list(err.problems)


def print_problems(problems: list[Problem], github: bool) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        print(problem.format())
    if github:
        for line in annotations(problems):
            print(line)


# --- check --------------------------------------------------------------------


def _involves(problem: Problem, wanted: set[str]) -> bool:
    return problem.path in wanted or any(r in wanted for r in problem.related)


def _only(problems: list[Problem], files: list[Path], root: Path) -> tuple[list[Problem], list[Problem]]:
    """The problems that involve the files asked about (in them, or naming them), and the rest."""
    if not files:
        return problems, []
    wanted = {_rel(f, root) for f in files}
    mine = [p for p in problems if _involves(p, wanted)]
    return mine, [p for p in problems if p not in mine]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _others(rest: list[Problem]) -> str:
    errors = sum(1 for p in rest if p.severity == "fejl")
    warnings = len(rest) - errors
    if not rest:
        return ""
    parts = [count(errors, "fejl", "fejl")] if errors else []
    if warnings:
        parts.append(count(warnings, "advarsel", "advarsler"))
    return f" Resten af indholdet har {' og '.join(parts)}; kør overblik check uden filnavn for at se dem."


def _overdue_link(root: Path) -> str:
    """The overdue page on the published site, or where it is in the site."""
    site_url = ""
    config = root / "mkdocs.yml"
    if config.exists():
        match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.M)
        site_url = match.group(1).strip("\"'") if match else ""
    page = SRC.removesuffix(".md") + "/"
    return site_url.rstrip("/") + "/" + page if site_url else f"siden »Indhold, der skal tjekkes« ({page})"


def rank(problems: list[Problem], changed: set[str] | None) -> tuple[list[Problem], list[Problem], list[Problem]]:
    """(shown first: problems in the changed files; then the rest; overdue warnings elsewhere,
    which become one summary line). Without a list of changed files, every file counts as changed
    except for the overdue warnings, which are content-wide."""

    def mine(p: Problem) -> bool:
        return changed is not None and _involves(p, changed)

    def overdue(p: Problem) -> bool:
        return p.severity == "advarsel" and p.message.startswith(STALE_MESSAGE)

    ordered = sorted(problems, key=Problem.sort_key)
    first = [p for p in ordered if mine(p)]
    summarised = [p for p in ordered if not mine(p) and overdue(p)]
    rest = [p for p in ordered if not mine(p) and not overdue(p)]
    if changed is None:
        first, rest = rest, []
    return first, rest, summarised


def _report(
    problems: list[Problem], changed: set[str] | None, github: bool, root: Path, headings: bool = True
) -> list[str]:
    """Print the problems ranked for the reader; returns the lines for the job summary."""
    first, rest, summarised = rank(problems, changed)
    headings = headings and changed is not None
    if headings and first and rest:
        print("Problemer i de filer, du har ændret:")
    for problem in first:
        print(problem.format())
    if headings and rest:
        print("\nProblemer i resten af indholdet:" if first else "Problemer i resten af indholdet:")
    for problem in rest:
        print(problem.format())
    lines = []
    if summarised:
        lines.append(
            f"{count(len(summarised), 'fil', 'filer')}{' i resten af indholdet' if changed is not None else ''} "
            "er ikke bekræftet i over "
            f"12 måneder; se listen på {_overdue_link(root)}"
        )
        if first or rest:
            print()
        print(lines[-1])
    if github:
        # Annotations for every error, and for the warnings in the changed files:
        # GitHub shows only a few per step, so the editor's own come first.
        annotated = list(first) + [p for p in rest if p.severity == "fejl" or changed is None]
        for line in annotations(annotated, keep_order=True):
            print(line)
    return [p.format() for p in first + rest] + lines


def write_summary(headline: str, report: list[str]) -> None:
    """On GitHub Actions, the result on the check's page in Danish."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(summary(headline, "\n".join(report)))


def _check(args: argparse.Namespace) -> int:
    content = Path(args.indhold)
    root = content.resolve().parent
    github = args.format == "github"
    for f in args.filer:
        if not f.exists():
            print(f"overblik check: filen {f.as_posix()} findes ikke.", file=sys.stderr)
            return 1
    base = gitinfo.base(root)
    established = gitinfo.files_at(root, base) if base else None
    changed = gitinfo.changed(root, base) if base else None
    if args.filer:
        changed = {_rel(f, root) for f in args.filer}
    try:
        repo = load_repository(content, root, established=established, today=args.dato)
    except ContentError as err:
        problems, rest = _only(list(err.problems), args.filer, root)
        errors = [p for p in problems if p.severity == "fejl"]
        report = _report(problems, changed, github, root, headings=not args.filer)
        if errors:
            headline = (
                f"overblik check fandt {count(len(errors), 'fejl', 'fejl')}. Ret "
                f"{'den' if len(errors) == 1 else 'dem'}, og kør overblik check igen."
            )
            print()
        else:
            headline = "Ingen fejl i filen." if len(args.filer) == 1 else "Ingen fejl i filerne."
        headline += _others(rest)
        print(headline)
        if github:
            write_summary(headline, report)
        return 1
    warnings, rest = _only(sorted(lint(repo, args.dato), key=Problem.sort_key), args.filer, root)
    if args.filer:
        headline = "Filen er i orden." if len(args.filer) == 1 else "Filerne er i orden."
    else:
        counts = ", ".join(count(len(repo.entries[k]), *NOUNS[k]) for k in NOUNS if repo.entries.get(k))
        headline = f"Indholdet er i orden: {counts}."
    report: list[str] = []
    if warnings:
        report = _report(warnings, changed, github, root, headings=not args.filer)
        print()
        headline += f" {count(len(warnings), 'advarsel', 'advarsler')} (se ovenfor)."
    headline += _others(rest)
    print(headline)
    if github:
        write_summary(headline, report)
    return 0


# --- new ----------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    content = Path(args.indhold)
    vocab, problems = load_vocabulary(content)
    if vocab is None or problems:
        print_problems(problems, False)
        print("\nRet vokabular.yml først; der er ikke oprettet nogen fil.", file=sys.stderr)
        return 1
    try:
        made = create(
            content, args.type, args.navn, kommune=args.kommune, today=args.dato or dt.date.today(), vocab=vocab
        )
    except ScaffoldError as err:
        print(f"overblik new: {err}", file=sys.stderr)
        return 1
    print(f"Oprettede {made.path.as_posix()}")
    if made.kind == "kommune":
        line = add_code_owner(content.resolve().parent / ".github" / "CODEOWNERS", made.slug)
        if line:
            print(f"Tilføjede kommunens redaktører i .github/CODEOWNERS: {line}")
            print("Opret holdet på GitHub, eller ret linjen til de rigtige personer.")
    print("Åbn filen, og udfyld felterne: forklaringen står over hvert felt. Tjek den derefter med:")
    print(f"  overblik check {made.path.as_posix()}")
    return 0


# --- schema -------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    vocab, problems = load_vocabulary(Path(args.indhold))
    if vocab is None or problems:
        print_problems(problems, False)
        print("\nRet vokabular.yml først; skemaerne er ikke skrevet.", file=sys.stderr)
        return 1
    wanted = {Path(args.ud) / name: text for name, text in schema_files(vocab).items()}
    wanted[Path(args.snippets)] = snippets_file(vocab)
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.tjek:
        if stale:
            print("Skemaerne passer ikke til indholdsmodellen og vokabular.yml. Kør: overblik schema")
            for path in stale:
                print(f"  {path.as_posix()}")
            return 1
        print("Skemaerne passer til indholdsmodellen.")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8", newline="\n")
    print(f"Skrev {count(len(stale), 'fil', 'filer')}; {len(wanted) - len(stale)} var allerede opdateret.")
    return 0


# --- steder -------------------------------------------------------------------


def _address_service(config: Path) -> str:
    """`extra.overblik.adresseservice` in mkdocs.yml ("" when not set)."""

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold !!python/name tags (Material's extensions): read past them.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        return ""
    extra = (data.get("extra") or {}).get("overblik") or {}
    return str(extra.get("adresseservice") or "").strip()


def _places(args: argparse.Namespace) -> int:
    content = Path(args.indhold)
    root = content.resolve().parent
    try:
        repo = load_repository(content, root)
    except ContentError as err:
        print_problems([p for p in err.problems if p.severity == "fejl"], False)
        print("\nRet fejlene først (overblik check viser dem alle); ingen fil er ændret.", file=sys.stderr)
        return 1
    if not args.find_koordinater:
        print("Stedernes placering (afstande i »Find en aktivitet« regnes til den):")
        for place in sorted(repo.steder.values(), key=lambda e: e.rel):
            loc = place_location(repo, place.slug)
            if loc and loc.precision == "adresse":
                where = "adresse (koordinater)"
            elif loc:
                where = f"by: {loc.name}"
            else:
                k = kommune_location(repo, place.kommune)
                where = f"kommune: {k.name}" if k else "ukendt"
            print(f"  {place.rel}: {where}")
        print("Find koordinater ud fra adresserne med: overblik steder --find-koordinater")
        return 0
    service = args.adresseservice or _address_service(Path(args.config))
    if not service:
        print(
            "overblik steder: der er ingen adresseservice sat op. Skriv adressen på en adresseservice med "
            "DAWA's grænseflade i mkdocs.yml under extra: overblik: adresseservice: (fx en kommunes egen "
            "kopi af DAWA), eller giv den med --adresseservice. Ingen fil er ændret.",
            file=sys.stderr,
        )
        return 1
    date = (args.dato or dt.date.today()).isoformat()
    try:
        results, skipped = find_coordinates(repo, root, service, date, again=args.igen)
    except ServiceError as err:
        print(f"overblik steder: {err}. Ingen fil er ændret; prøv igen senere.", file=sys.stderr)
        return 1
    failed = 0
    for r in results:
        if r.status == "fundet":
            print(f"{r.place.rel}: fandt «{r.found}» – lat {r.lat}, lon {r.lon}.")
        elif r.status == "ikke-fundet":
            failed += 1
            print(
                f"{r.place.rel}: adressen «{r.query}» blev ikke fundet. Tjek adresse, postnummer og by; "
                "filen er ikke ændret."
            )
        else:
            failed += 1
            print(
                f"{r.place.rel}: adressen «{r.query}» passer på flere adresser: "
                + "; ".join(f"«{c}»" for c in r.candidates or [])
                + ". Skriv adressen helt ud med postnummer "
                "og by; filen er ikke ændret."
            )
    for place in skipped:
        print(f"{place.rel}: ingen adresse, så ingen koordinater (afstande regnes til by eller kommune).")
    found = sum(1 for r in results if r.status == "fundet")
    print(
        f"Skrev koordinater i {count(found, 'fil', 'filer')}; {count(failed, 'adresse', 'adresser')} kunne ikke "
        f"slås entydigt op; {count(len(skipped), 'sted', 'steder')} uden adresse."
    )
    return 1 if failed else 0


# --- pages --------------------------------------------------------------------


def _pages(args: argparse.Namespace) -> int:
    """The pages of changed content files, for the pull request's comment."""
    content = Path(args.indhold)
    lines = [
        f"- [{page.title}]({page.url}) (`{page.rel}`)"
        for page in changed_pages(content, [Path(f) for f in args.filer], args.adresse, not args.uden_mappeadresser)
    ]
    print("\n".join(lines) if lines else "Ingen sider er ændret (kun andre filer end indholdet).")
    return 0


# --- the parser ---------------------------------------------------------------


def _content_options(command: argparse.ArgumentParser, date_help: str | None = None) -> None:
    """--indhold (main() looks for the folder when it is not given) and, for a command
    that reckons with the day (`date_help`), --dato."""
    command.add_argument("--indhold", default="content", help="indholdsmappen (standard: content)")
    if date_help:
        command.add_argument("--dato", type=_date, default=None, help=date_help)


def _command(sub, name: str, func, *, help: str, description: str) -> argparse.ArgumentParser:
    """A sub-command that runs `func`."""
    command = sub.add_parser(name, help=help, description=description)
    command.set_defaults(func=func)
    return command


def parser() -> argparse.ArgumentParser:
    top = DanishParser(prog="overblik", description="Værktøjer til Overbliks indhold.")
    sub = top.add_subparsers(dest="kommando", required=True, metavar="kommando", title="kommandoer")

    check = _command(
        sub,
        "check",
        _check,
        help="tjek alt indhold uden at bygge siden",
        description="Tjekker alt indhold uden at bygge siden. Fejl stopper bygget; advarsler gør ikke.",
    )
    check.add_argument(
        "filer",
        nargs="*",
        type=Path,
        metavar="fil",
        help="vis kun problemerne i disse filer (alt indhold tjekkes stadig)",
    )
    _content_options(check, "regn forældet indhold ud fra denne dato i stedet for i dag (ÅÅÅÅ-MM-DD)")
    check.add_argument(
        "--format",
        choices=["tekst", "github"],
        default="tekst",
        help="github: vis også problemerne ved linjerne i en pull request",
    )

    new = _command(
        sub,
        "new",
        _new,
        help="opret en ny indholdsfil ud fra typens skabelon",
        description="Opretter en ny fil ud fra typens skabelon. Filnavnet laves af navnet "
        "(æ → ae, ø → oe, å → aa). En fil, der findes, bliver aldrig overskrevet.",
    )
    new.add_argument("type", help="typen: " + ", ".join(KINDS))
    new.add_argument("navn", help='navnet i anførselstegn, fx "Strikkecafé i Vejleåparken"')
    new.add_argument("--kommune", help="kommunens mappenavn, fx ishoj (uden: fælles indhold i content/faelles)")
    _content_options(new, "datoen i senest_bekraeftet (standard: i dag)")

    schema = _command(
        sub,
        "schema",
        _schema,
        help="skriv JSON-skemaerne og VS Code-udsnittene",
        description="Skriver et JSON-skema pr. indholdstype (til VS Code og Codespaces) "
        "og udsnit til Markdown-filernes felter, ud fra indholdsmodellen og vokabular.yml.",
    )
    _content_options(schema)
    schema.add_argument("--ud", default="schemas", help="mappen til skemaerne (standard: schemas)")
    schema.add_argument(
        "--snippets",
        default=".vscode/overblik.code-snippets",
        help="filen til VS Code-udsnittene (standard: .vscode/overblik.code-snippets)",
    )
    schema.add_argument(
        "--tjek", action="store_true", help="skriv intet; afslut med fejl, hvis filerne ikke passer til modellen"
    )

    places = _command(
        sub,
        "steder",
        _places,
        help="vis stedernes placering, eller find koordinater ud fra adresserne",
        description="Viser, hvor præcist hvert sted er placeret (adresse, by eller kommune). "
        "Med --find-koordinater slås hvert steds adresse op i en adresseservice med DAWA's "
        "grænseflade, og bredde- og længdegrad skrives i stedets fil. Kører aldrig under et byg.",
    )
    places.add_argument(
        "--find-koordinater", action="store_true", help="slå adresserne op og skriv koordinaterne i stedernes filer"
    )
    places.add_argument("--igen", action="store_true", help="slå også steder op, der allerede har koordinater")
    places.add_argument(
        "--adresseservice",
        default="",
        help="adressen på adresseservicen (standard: extra.overblik.adresseservice i mkdocs.yml)",
    )
    places.add_argument("--config", default="mkdocs.yml", help="sidens konfiguration (standard: mkdocs.yml)")
    _content_options(places, "datoen, der skrives ved koordinaterne (standard: i dag)")

    pages = _command(
        sub,
        "sider",
        _pages,
        help="vis adresserne på de sider, som ændrede indholdsfiler giver",
        description="Skriver en Markdown-liste med et link til siden for hver indholdsfil, "
        "fx til kommentaren på en pull request. Andre filer springes over.",
    )
    pages.add_argument("filer", nargs="*", metavar="fil", help="de ændrede filer (fx fra git diff --name-only)")
    pages.add_argument(
        "--adresse", default="", help="sidens adresse, fx forhåndsvisningens (standard: relative adresser)"
    )
    _content_options(pages)
    pages.add_argument(
        "--uden-mappeadresser",
        action="store_true",
        help="sider som side.html i stedet for side/ (use_directory_urls: false)",
    )
    return top


def find_content(given: str, here: Path | None = None) -> Path | None:
    """The content folder: as given, or, for the default, content/ in this folder or
    the nearest folder above that has one (an editor may stand in a sub-folder)."""
    here = here or Path.cwd()
    if given != "content" or (here / given / VOCABULARY_FILE).exists():
        return Path(given)
    for folder in [here, *here.parents]:
        if (folder / "content" / VOCABULARY_FILE).exists():
            return Path(os.path.relpath(folder / "content", here))
    return None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "indhold"):
        found = find_content(args.indhold)
        if found is None:
            print(
                "overblik: fandt ingen indholdsmappe (content/ med vokabular.yml) i denne mappe eller mapperne "
                f"over den ({Path.cwd().as_posix()}). Stil dig i projektets mappe, den med mkdocs.yml og "
                "content/, fx med  cd ~/overblik, eller angiv mappen med --indhold.",
                file=sys.stderr,
            )
            return 1
        if found != Path(args.indhold):
            project = found.parent
            for name in ("ud", "snippets"):  # overblik schema writes beside content/
                if hasattr(args, name) and not Path(getattr(args, name)).is_absolute():
                    setattr(args, name, str(project / getattr(args, name)))
            args.indhold = str(found)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
