"""The same commit gives byte-identical output: built twice, and built on another day.

"Another day" is a build whose clock (date.today, datetime.now, time.time and
the rest) is moved with time-machine, in a subprocess of its own, as
libfaketime would do, but installed with the test extras.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, copy_project, mkdocs_build

# Runs `mkdocs build ...` with the clock moved to argv[1] (ticking from there).
ON_ANOTHER_DAY = """
import runpy, sys
import time_machine
time_machine.travel(sys.argv.pop(1), tick=True).start()
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _differing(first: dict[str, str], second: dict[str, str]) -> list[str]:
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    return sorted(k for k in first if first[k] != second[k])


def build_on(day: str, project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    cmd = [
        sys.executable,
        "-c",
        ON_ANOTHER_DAY,
        day,
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / "site"),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=project, env=env)


def test_two_builds_are_byte_identical(tmp_path):
    digests = []
    for name in ("first", "second"):
        project = tmp_path / name
        project.mkdir()
        config = copy_project(project, content=FIXTURES / "content")
        result = mkdocs_build(config, project / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        digests.append(_digest(project / "site"))
    assert not _differing(*digests)


def test_builds_years_apart_are_byte_identical(tmp_path):
    """The fixture content was confirmed in 2019: fresh in mid-2019, long overdue in 2045.
    Nothing in the output may tell the two days apart (stale marks are made in the browser)."""
    digests = []
    for day in ("2019-06-01T09:00:00+02:00", "2045-06-01T09:00:00+02:00"):
        project = tmp_path / day[:4]
        project.mkdir()
        copy_project(project, content=FIXTURES / "content")
        result = build_on(day, project)
        assert result.returncode == 0, result.stdout + result.stderr
        digests.append(_digest(project / "site"))
    assert not _differing(*digests)


def test_the_clock_really_moves_in_the_build(tmp_path):
    """Guards the test above: the moved clock reaches the code that builds the site."""
    probe = tmp_path / "probe.py"
    probe.write_text("import datetime, time\nprint(datetime.date.today(), time.localtime().tm_year)\n")
    code = ON_ANOTHER_DAY.replace(
        'runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)', f"runpy.run_path({str(probe)!r})"
    )
    result = subprocess.run([sys.executable, "-c", code, "2045-06-01T12:00:00Z"], capture_output=True, text=True)
    assert result.stdout.split() == ["2045-06-01", "2045"], result.stderr
