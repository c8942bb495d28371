"""Pagefind reads trimmed copies of the pages (`overblik.frontends.mkdocs.searchinput`): the
search index must be exactly the one Pagefind makes from the site itself."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from overblik.frontends.mkdocs.searchinput import BODY_MARK, trimmed


def test_trimmed_keeps_head_and_content():
    page = (
        '<!doctype html><html lang="da"><head><title>T</title></head>'
        '<body dir="ltr"><header>menu</header><nav>lang navigation</nav>'
        f"{BODY_MARK}<h1>T</h1><p>tekst</p></div><footer>f</footer></body></html>"
    )
    assert trimmed(page) == (
        '<!doctype html><html lang="da"><head><title>T</title></head>'
        f'<body dir="ltr">{BODY_MARK}<h1>T</h1><p>tekst</p></div><footer>f</footer></body></html>'
    )


def test_trimmed_leaves_pages_alone_when_in_doubt():
    without_body = "<html><body><p>x</p></body></html>"
    assert trimmed(without_body) == without_body
    with_marker_before = f'<html><body><span data-pagefind-filter="x">y</span>{BODY_MARK}z</div></body></html>'
    assert trimmed(with_marker_before) == with_marker_before


def _same_tree(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    diff = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
    for sub in cmp.common_dirs:
        diff += [f"{sub}/{d}" for d in _same_tree(a / sub, b / sub)]
    return diff


def test_index_is_what_pagefind_makes_from_the_site(fixture_site, tmp_path):
    """The build indexed trimmed pages; index the built site itself and compare."""
    own = tmp_path / "pagefind"
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(fixture_site), "--output-path", str(own), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (fixture_site / "pagefind" / "pagefind-entry.json").exists()
    assert _same_tree(fixture_site / "pagefind", own) == []
