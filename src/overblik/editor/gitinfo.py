"""What git knows about a pull request: the files already on the main branch, and the changed files.

`overblik check` uses it to report a duplicate id on the newer file (not on the
one already published) and to show the problems in the files a pull request
changes first. Without git (a downloaded zip, a build server without history)
every answer is None and the check treats all files alike.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _prefix(root: Path) -> str | None:
    """`root` relative to the top of the git work tree ("" when it is the top)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    try:
        rel = root.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel + "/"


def base(root: Path) -> str | None:
    """The commit where this branch left the main branch (a pull request's base on GitHub)."""
    branch = os.environ.get("GITHUB_BASE_REF") or "main"
    for ref in (f"origin/{branch}", branch):
        found = _git(root, "merge-base", "HEAD", ref)
        if found:
            return found.strip()
    return None


def _strip(paths: list[str], prefix: str) -> set[str]:
    return {p[len(prefix) :] for p in paths if p.startswith(prefix)}


def files_at(root: Path, commit: str) -> set[str] | None:
    """The files (relative to `root`) in `commit`."""
    prefix = _prefix(root)
    listing = _git(root, "ls-tree", "-r", "--name-only", "--full-tree", commit)
    if prefix is None or listing is None:
        return None
    return _strip(listing.splitlines(), prefix)


def changed(root: Path, commit: str) -> set[str] | None:
    """Files (relative to `root`) changed since `commit`: committed, staged, edited or new."""
    prefix = _prefix(root)
    diff = _git(root, "diff", "--name-only", commit)  # paths from the top of the work tree
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--full-name")
    if prefix is None or diff is None:
        return None
    return _strip(diff.splitlines() + (new or "").splitlines(), prefix)
