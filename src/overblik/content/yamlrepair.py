"""YAML mistakes explained by their real cause, and repaired so the rest of a file is still checked.

PyYAML names the symptom where the parser gave up ("mapping values are not
allowed here"); editors need the cause on the line they typed: a field
indented one space too far, a tab, a colon inside a text, a quote that is
never closed. `diagnose` looks at the lines themselves and says which, with an
example that fits. `repair` applies the fix the message suggests (or blanks the
line) and parses again, up to a limit, so one round shows every problem of the
file: the syntax mistakes and then the fields that could still be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*?))?\s*$")
MAX_REPAIRS = 20


@dataclass(frozen=True)
class Diagnosis:
    line: int  # 0-based line in the YAML text
    message: str
    fixed: str | None  # the line repaired as the message suggests, or None to blank it


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tab(lines: list[str]) -> Diagnosis | None:
    for i, line in enumerate(lines):
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            fixed = lead.replace("\t", "  ") + line.lstrip(" \t")
            return Diagnosis(
                i,
                "linjen er rykket ind med et tabulatortegn (Tab), og det kan YAML ikke læse. "
                "Ryk ind med mellemrum i stedet, to for hvert niveau.",
                fixed,
            )
    return None


def _unclosed_quote(lines: list[str], start: int) -> Diagnosis | None:
    for i in range(start, -1, -1):
        match = _KEY.match(lines[i])
        value = (match.group("value") or "") if match else lines[i].strip().removeprefix("- ")
        if value[:1] in ('"', "'"):
            quote = value[0]
            rest = value[1:].replace("\\" + quote, "") if quote == '"' else value[1:].replace("''", "")
            if quote not in rest:
                key = match.group("key") if match else "resume"
                fixed = lines[i] + quote
                return Diagnosis(
                    i,
                    f"anførselstegnet ({quote}) i starten af teksten bliver aldrig lukket. "
                    f"Slut teksten med det samme tegn på samme linje, fx  {key}: {quote}Vi strikker sammen.{quote}",
                    fixed,
                )
    return None


def _too_far_in(lines: list[str], index: int) -> Diagnosis | None:
    """A field indented further than the field above it, which already has a value."""
    line = lines[index]
    match = _KEY.match(line)
    before = _previous(lines, index)
    if not match or before is None or match.group("dash"):
        return None
    above = _KEY.match(lines[before])
    if not above or not above.group("value") or _indent(line) <= _indent(lines[before]):
        return None
    column = _indent(lines[before]) + (len(above.group("dash") or ""))
    fixed = " " * column + line.lstrip(" ")
    return Diagnosis(
        index,
        f"feltet «{match.group('key')}» er rykket længere ind end feltet «{above.group('key')}» over det. "
        f"Felter på samme niveau skal begynde i samme kolonne: flyt «{match.group('key')}:» ud under "
        f"«{above.group('key')}:».",
        fixed,
    )


def _colon_in_text(lines: list[str], index: int) -> Diagnosis | None:
    for i in (index, _previous(lines, index)):
        if i is None:
            continue
        match = _KEY.match(lines[i])
        value = (match.group("value") or "") if match else ""
        if value and value[0] not in "\"'[{|>" and re.search(r":(\s|$)", value):
            fixed = lines[i][: match.start("value")] + _quote(value)
            return Diagnosis(
                i,
                "teksten indeholder et kolon, og så tror YAML, at et nyt felt begynder. "
                f"Sæt anførselstegn om teksten, fx  {match.group('key')}: {_quote(value)}",
                fixed,
            )
    return None


def diagnose(text: str, exc: yaml.MarkedYAMLError) -> Diagnosis:
    """The cause of a YAML error, found in the lines themselves."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    index = min(mark.line, len(lines) - 1) if mark else 0
    problem = exc.problem or ""
    found = _tab(lines)
    if found:
        return found
    if "end of stream" in problem or "while scanning a quoted scalar" in (exc.context or ""):
        found = _unclosed_quote(lines, index)
        if found:
            return found
    for i in (index, index - 1):
        if 0 <= i < len(lines):
            found = _too_far_in(lines, i)
            if found:
                return found
    found = _colon_in_text(lines, index)
    if found:
        return found
    if "block end" in problem or "expected key" in problem or "'-' indicator" in problem:
        return Diagnosis(
            index,
            "indrykningen passer ikke med linjerne ovenover. Felter på samme niveau skal begynde i samme "
            "kolonne, og punkterne i en liste står under hinanden, hvert med  - ",
            None,
        )
    if "could not find expected ':'" in problem:
        at = max(index - 1, 0)
        words = re.match(r"^(\s*)([a-z_]+)\s+(\S.*)$", lines[at])
        if words:
            return Diagnosis(
                at,
                f"der mangler et kolon efter feltnavnet «{words.group(2)}», fx  {words.group(2)}: {words.group(3)}",
                f"{words.group(1)}{words.group(2)}: {words.group(3)}",
            )
        return Diagnosis(
            at,
            "der mangler et kolon efter feltnavnet, eller en tekst fortsætter på en ny linje uden at være "
            "rykket ind under feltet.",
            None,
        )
    if "undefined alias" in problem:
        return Diagnosis(
            index,
            'tegnet * foran en tekst betyder noget særligt i YAML. Sæt anførselstegn om teksten, fx  note: "*vigtigt*"',
            None,
        )
    if "escape character" in problem:
        return Diagnosis(
            index,
            "en tekst i dobbelte anførselstegn indeholder en \\, som YAML læser som en kode. "
            "Brug enkelte anførselstegn, fx  note: 'C:\\mappe'",
            None,
        )
    if "cannot start any token" in problem:
        return Diagnosis(
            index,
            "linjen begynder med et tegn, der ikke må stå først (fx @ eller `). Sæt anførselstegn "
            'om teksten, fx  note: "@ishoj på Instagram"',
            None,
        )
    return Diagnosis(
        index,
        'tjek indrykningen, kolon efter hvert feltnavn og anførselstegn om tekst med kolon, fx  navn: "Café: Torsbo"',
        None,
    )


def repair(text: str) -> tuple[str, list[Diagnosis]]:
    """The text with each syntax mistake repaired (or its line blanked), and the mistakes."""
    found: list[Diagnosis] = []
    for _ in range(MAX_REPAIRS):
        try:
            list(yaml.parse(text, Loader=yaml.SafeLoader))
            return text, found
        except yaml.MarkedYAMLError as exc:
            diagnosis = diagnose(text, exc)
        except yaml.YAMLError:  # not a mistake on a line (e.g. a control character): nothing to repair
            return text, found
        lines = text.split("\n")
        if any(d.line == diagnosis.line for d in found):
            diagnosis = Diagnosis(diagnosis.line, diagnosis.message, None)  # the fix did not help: blank it
            found = [d for d in found if d.line != diagnosis.line]
        found.append(diagnosis)
        lines[diagnosis.line] = diagnosis.fixed if diagnosis.fixed is not None else ""
        text = "\n".join(lines)
    return text, found
