"""Problems as GitHub Actions shows them: annotations on the changed file and a job summary.

An editor who changed a file in GitHub's web editor sees each problem beside
the line in the pull request ("Files changed") and a summary in Danish on the
check's page, without reading the log.

Problems quote what the editor wrote, and content arrives from anyone who can
open a pull request: every value is escaped for the workflow-command syntax
(a newline could otherwise start a new command) and the summary puts the
report in a code block that no backtick run inside can close.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from overblik.content.problems import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One `::error` or `::warning` workflow command."""
    command = "error" if problem.severity == "fejl" else "warning"
    props = [f"file={_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    title = ("Fejl" if problem.severity == "fejl" else "Advarsel") + (
        f" i feltet «{problem.field}»" if problem.field else ""
    )
    props.append(f"title={_property(title)}")
    return f"::{command} {','.join(props)}::{_data(problem.message)}"


def annotations(problems: Iterable[Problem], keep_order: bool = False) -> list[str]:
    """The workflow commands, sorted by file and line unless the caller ranked them already."""
    return [annotation(p) for p in (problems if keep_order else sorted(problems, key=Problem.sort_key))]


def summary(headline: str, report: str) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: a headline and the report, inert."""
    longest = max((len(m) for m in re.findall(r"`+", report)), default=0)
    fence = "`" * max(3, longest + 1)
    text = f"### {_plain(headline)}\n\n"
    if report.strip():
        text += f"{fence}text\n{report}\n{fence}\n"
    return text


def _plain(text: str) -> str:
    """A headline we wrote ourselves, kept free of Markdown and HTML."""
    return re.sub(r"[<>\[\]`*_#|\\]", "", text)
