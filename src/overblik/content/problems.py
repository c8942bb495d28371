"""Problems found in content, written for editors (in Danish).

Every check collects `Problem`s instead of stopping at the first one, so an
editor sees the whole list at once; `ContentError` carries the list when the
build has to stop.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["fejl", "advarsel"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: str  # the file, relative to the repository root, with forward slashes
    line: int | None  # 1-based line in the file, when known
    field: str  # the field as an editor reads it, e.g. "tidspunkt › punkt 1 › fra"
    message: str  # what was expected and what was found, in Danish
    severity: Severity = "fejl"
    related: tuple[str, ...] = ()  # other files the problem involves (e.g. the other file with the same id)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.field, self.message)

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f", linje {self.line}"
        if self.field:
            where += f", feltet «{self.field}»"
        label = "Fejl" if self.severity == "fejl" else "Advarsel"
        return f"{label} i {where}: {self.message}"


def format_report(problems: Iterable[Problem]) -> str:
    """The whole list as an editor reads it in the terminal or in CI."""
    problems = sorted(problems, key=Problem.sort_key)
    errors = [p for p in problems if p.severity == "fejl"]
    warnings = [p for p in problems if p.severity == "advarsel"]
    lines: list[str] = []
    if errors:
        noun = "fejl"
        lines.append(f"Indholdet har {len(errors)} {noun}. Siden er ikke bygget: ret fejlene herunder og prøv igen.")
    if warnings:
        noun = "advarsel" if len(warnings) == 1 else "advarsler"
        lines.append(f"Indholdet har {len(warnings)} {noun}.")
    lines.append("")
    lines.extend(p.format() for p in problems)
    return "\n".join(lines)


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(format_report(self.problems))


def field_label(loc: Iterable[object]) -> str:
    """Turn a location such as ("tidspunkt", 0, "fra") into Danish for editors."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"punkt {item + 1}")
        else:
            parts.append(str(item))
    return " › ".join(parts)


def close_matches(value: str, options: Iterable[str], n: int = 3) -> list[str]:
    """The options an editor most likely meant: those that contain the value as whole
    words ("kulturhuset" → "kulturhuset-i-vejleaaparken"), then those spelled nearly alike."""
    options = list(options)
    word = value.casefold()
    whole = [
        o for o in options if o != value and (o.startswith(word + "-") or o.endswith("-" + word) or f"-{word}-" in o)
    ]
    scored = []
    for option in options:
        matcher = difflib.SequenceMatcher(None, value, option)
        if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75 and matcher.ratio() >= 0.75:
            scored.append((matcher.ratio(), option))
    best = max((score for score, _ in scored), default=0)
    alike = [option for score, option in sorted(scored, key=lambda s: -s[0]) if score >= best - 0.05]
    out: list[str] = []
    for option in whole + alike:
        if option not in out:
            out.append(option)
    return out[:n]


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """ " Mente du «a» eller «b»?", or nothing when no option is close."""
    close = close_matches(value, options)
    if not close:
        return ""
    quoted = [f"«{c}»" for c in close]
    text = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]
    return f" Mente du {text}?"
