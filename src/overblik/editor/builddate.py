"""The date a build is made for, where a page cannot do without one.

Nothing a citizen reads depends on the day of the build: pages carry absolute
dates, and `assets/overblik.js` works out in the visitor's browser what is more
than a year old. Only the editors' list of content to check (`overdue`) is by
nature about "now"; it takes its date from, in this order:

1. ``extra.overblik.dato`` in mkdocs.yml (`Settings.today`), when set;
2. the environment variable ``SOURCE_DATE_EPOCH`` (the reproducible-builds
   convention; the deploy workflow sets it to the day of its weekly run);
3. the date of the last commit (``git log -1 --format=%ct``);
4. without git: the newest ``senest_bekraeftet`` in the content.

So the same commit gives the same bytes on any day, and the page says which
date it was made for and why.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from overblik.content.repository import Repository


@dataclass(frozen=True)
class BuildDate:
    date: dt.date
    basis: str  # Danish: where the date comes from, for the page that uses it


def _utc_day(epoch: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


def last_commit_epoch(folder: Path) -> str | None:
    """Seconds since 1970 of the last commit of the git repository holding `folder`; None without git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=folder, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return text if result.returncode == 0 and text.isdigit() else None


def newest_confirmation(repo: Repository) -> dt.date | None:
    days = [
        dt.date(*entry.model.senest_bekraeftet.last_day())
        for entry in repo.all()
        if getattr(entry.model, "senest_bekraeftet", None) is not None
    ]
    return max(days, default=None)


def build_date(repo: Repository, configured: str = "", environ: dict | None = None) -> BuildDate:
    environ = os.environ if environ is None else environ
    if configured:
        return BuildDate(dt.date.fromisoformat(configured), "datoen i mkdocs.yml")
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return BuildDate(_utc_day(epoch), "byggets faste dato, SOURCE_DATE_EPOCH")
    epoch = last_commit_epoch(repo.root)
    if epoch:
        return BuildDate(_utc_day(epoch), "datoen for den seneste commit")
    newest = newest_confirmation(repo)
    if newest:
        return BuildDate(newest, "den nyeste bekræftelse i indholdet; git var ikke til rådighed")
    return BuildDate(dt.date(1970, 1, 1), "intet indhold har en dato")
