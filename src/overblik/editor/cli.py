"""The `overblik` command line for editors.

    overblik check                       tjek alt indhold uden at bygge siden
    overblik new initiativ --kommune ishoj "Strikkecafé i Vejleåparken"
    overblik schema                      skriv JSON-skemaerne til VS Code

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

from overblik.content.problems import ContentError, Problem
from overblik.content.repository import VOCABULARY_FILE, load_repository
from overblik.content.source import read_source
from overblik.content.types import KINDS, TYPE
from overblik.content.validation import validate
from overblik.content.vocabulary import Vokabular

NOUNS = {kind: (kind, TYPE[kind].plural) for kind in KINDS}  # municipalities first


def count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


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
        from .annotations import annotations

        for line in annotations(problems):
            print(line)


def write_summary(headline: str, problems: list[Problem]) -> None:
    """On GitHub Actions, the result on the check's page in Danish."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from .annotations import summary

    report = "\n".join(p.format() for p in sorted(problems, key=Problem.sort_key))
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(summary(headline, report))


# --- check --------------------------------------------------------------------


def _only(problems: list[Problem], files: list[Path], root: Path) -> tuple[list[Problem], list[Problem]]:
    """The problems in the files asked about, and the rest."""
    if not files:
        return problems, []
    wanted = {f.resolve() for f in files}
    mine = [p for p in problems if (root / p.path).resolve() in wanted]
    return mine, [p for p in problems if p not in mine]


def _others(rest: list[Problem]) -> str:
    errors = sum(1 for p in rest if p.severity == "fejl")
    warnings = len(rest) - errors
    if not rest:
        return ""
    parts = [count(errors, "fejl", "fejl")] if errors else []
    if warnings:
        parts.append(count(warnings, "advarsel", "advarsler"))
    return f" Resten af indholdet har {' og '.join(parts)}; kør overblik check uden filnavn for at se dem."


def _check(args: argparse.Namespace) -> int:
    content = Path(args.indhold)
    root = content.resolve().parent
    github = args.format == "github"
    for f in args.filer:
        if not f.exists():
            print(f"overblik check: filen {f.as_posix()} findes ikke.", file=sys.stderr)
            return 1
    try:
        repo = load_repository(content, root)
    except ContentError as err:
        problems, rest = _only(list(err.problems), args.filer, root)
        errors = [p for p in problems if p.severity == "fejl"]
        print_problems(problems, github)
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
            write_summary(headline, problems)
        return 1
    from overblik.content.lint import lint

    warnings, rest = _only(sorted(repo.warnings + lint(repo, args.dato), key=Problem.sort_key), args.filer, root)
    if args.filer:
        headline = "Filen er i orden." if len(args.filer) == 1 else "Filerne er i orden."
    else:
        counts = ", ".join(count(len(repo.entries[k]), *NOUNS[k]) for k in NOUNS if repo.entries.get(k))
        headline = f"Indholdet er i orden: {counts}."
    if warnings:
        print_problems(warnings, github)
        print()
        headline += f" {count(len(warnings), 'advarsel', 'advarsler')} (se ovenfor)."
    headline += _others(rest)
    print(headline)
    if github:
        write_summary(headline, warnings)
    return 0


# --- new ----------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, add_code_owner, create

    content = Path(args.indhold)
    vocab, problems = load_vocabulary(content)
    if vocab is None or problems:
        print_problems(problems, False)
        print("\nRet vokabular.yml først; der er ikke oprettet nogen fil.", file=sys.stderr)
        return 1
    try:
        made = create(content, args.type, args.navn, kommune=args.kommune, today=args.dato or dt.date.today(),
                      vocab=vocab)
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
    from .editorschema import schema_files, snippets_file

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


# --- the parser ---------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    from .fieldguide import KINDS

    top = DanishParser(prog="overblik", description="Værktøjer til Overbliks indhold.")
    sub = top.add_subparsers(dest="kommando", required=True, metavar="kommando", title="kommandoer")

    check = sub.add_parser("check", help="tjek alt indhold uden at bygge siden",
                           description="Tjekker alt indhold uden at bygge siden. Fejl stopper bygget; "
                           "advarsler gør ikke.")
    check.add_argument("filer", nargs="*", type=Path, metavar="fil",
                       help="vis kun problemerne i disse filer (alt indhold tjekkes stadig)")
    check.add_argument("--indhold", default="content", help="indholdsmappen (standard: content)")
    check.add_argument("--dato", type=_date, default=None,
                       help="regn forældet indhold ud fra denne dato i stedet for i dag (ÅÅÅÅ-MM-DD)")
    check.add_argument("--format", choices=["tekst", "github"], default="tekst",
                       help="github: vis også problemerne ved linjerne i en pull request")
    check.set_defaults(func=_check)

    new = sub.add_parser("new", help="opret en ny indholdsfil ud fra typens skabelon",
                         description="Opretter en ny fil ud fra typens skabelon. Filnavnet laves af navnet "
                         "(æ → ae, ø → oe, å → aa). En fil, der findes, bliver aldrig overskrevet.")
    new.add_argument("type", help="typen: " + ", ".join(KINDS))
    new.add_argument("navn", help='navnet i anførselstegn, fx "Strikkecafé i Vejleåparken"')
    new.add_argument("--kommune", help="kommunens mappenavn, fx ishoj (uden: fælles indhold i content/faelles)")
    new.add_argument("--indhold", default="content", help="indholdsmappen (standard: content)")
    new.add_argument("--dato", type=_date, default=None, help="datoen i senest_bekraeftet (standard: i dag)")
    new.set_defaults(func=_new)

    schema = sub.add_parser("schema", help="skriv JSON-skemaerne og VS Code-udsnittene",
                            description="Skriver et JSON-skema pr. indholdstype (til VS Code og Codespaces) "
                            "og udsnit til Markdown-filernes felter, ud fra indholdsmodellen og vokabular.yml.")
    schema.add_argument("--indhold", default="content", help="indholdsmappen (standard: content)")
    schema.add_argument("--ud", default="schemas", help="mappen til skemaerne (standard: schemas)")
    schema.add_argument("--snippets", default=".vscode/overblik.code-snippets",
                        help="filen til VS Code-udsnittene (standard: .vscode/overblik.code-snippets)")
    schema.add_argument("--tjek", action="store_true",
                        help="skriv intet; afslut med fejl, hvis filerne ikke passer til modellen")
    schema.set_defaults(func=_schema)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
