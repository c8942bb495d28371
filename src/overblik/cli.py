"""The `overblik` command line for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import ContentError, format_report
from .repository import load_repository


def _check(args: argparse.Namespace) -> int:
    content = Path(args.indhold)
    try:
        repo = load_repository(content, Path(args.indhold).resolve().parent)
    except ContentError as err:
        print(format_report(err.problems), file=sys.stderr)
        return 1
    from .lint import lint

    warnings = lint(repo)
    counts = ", ".join(f"{len(v)} {k}" for k, v in repo.entries.items() if v)
    if warnings:
        print(format_report(warnings))
    print(f"Indholdet er i orden: {counts}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="overblik", description="Værktøjer til Overbliks indhold.")
    sub = parser.add_subparsers(dest="kommando", required=True)
    check = sub.add_parser("check", help="tjek alt indhold uden at bygge siden")
    check.add_argument("--indhold", default="content", help="indholdsmappen (standard: content)")
    check.set_defaults(func=_check)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
