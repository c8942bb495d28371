"""Half of the generated pages rendered in a forked child (`frontends.mkdocs.parallel`)
changes speed, never the site, and loses no warning."""

from __future__ import annotations

import sys

import pytest

from conftest import build_with_patches, site_files

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split forks (Linux only)")

SPLIT = "from overblik.frontends.mkdocs import parallel\nparallel.MIN_PAGES = 1\n"
NO_SPLIT = "from overblik.frontends.mkdocs import parallel\nparallel.ENABLED = False\n"
ONE_CPU = "from overblik.site import forked\nforked.usable_cpus = lambda: 1\n"


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """The fixture project built with every page in one process."""
    tmp = tmp_path_factory.mktemp("one")
    result = build_with_patches(tmp, NO_SPLIT + ONE_CPU, "site")
    assert result.returncode == 0, result.stderr
    return site_files(tmp / "site")


def test_split_site_is_byte_identical(tmp_path, one_process):
    result = build_with_patches(tmp_path, SPLIT, "site")
    assert result.returncode == 0, result.stderr
    assert "sider i barnet" in result.stderr  # the child did render pages
    split = site_files(tmp_path / "site")
    assert sorted(split) == sorted(one_process)
    assert [name for name in split if split[name] != one_process[name]] == []


def test_a_failed_child_leaves_the_same_site(tmp_path, one_process):
    crash = SPLIT + (
        "import os\n"
        "PARENT = os.getpid()\n"
        "_render = parallel._render\n"
        "def failing(*args):\n"
        "    if os.getpid() != PARENT:\n"
        "        raise RuntimeError('barnet fejler med vilje')\n"
        "    return _render(*args)\n"
        "parallel._render = failing\n"
    )
    result = build_with_patches(tmp_path, crash, "site")
    assert result.returncode == 0, result.stderr
    assert "laves i denne proces i stedet" in result.stderr
    split = site_files(tmp_path / "site")
    assert [name for name in split if split.get(name) != one_process.get(name)] == []
    assert sorted(split) == sorted(one_process)


def test_a_warning_in_the_child_fails_strict(tmp_path):
    warn = SPLIT + (
        "import logging, os\n"
        "PARENT = os.getpid()\n"
        "_render = parallel._render\n"
        "def warning(share, *args):\n"
        "    if os.getpid() != PARENT:\n"
        "        logging.getLogger('mkdocs.structure.pages').warning('Advarsel fra barnet om %s', share[0].src_uri)\n"
        "    return _render(share, *args)\n"
        "parallel._render = warning\n"
    )
    result = build_with_patches(tmp_path, warn, "site")
    assert "WARNING -  Advarsel fra barnet om" in result.stderr  # shown once, as MkDocs shows warnings
    assert result.stderr.count("Advarsel fra barnet") == 1
    assert result.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()  # nothing half-built is published
