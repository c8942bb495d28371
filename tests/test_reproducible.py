"""Two builds of the same commit give byte-identical output."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import FIXTURES, copy_project, mkdocs_build


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path):
    digests = []
    for name in ("first", "second"):
        project = tmp_path / name
        project.mkdir()
        config = copy_project(project, content=FIXTURES / "content")
        result = mkdocs_build(config, project / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        digests.append(_digest(project / "site"))
    first, second = digests
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    assert not differing, differing
