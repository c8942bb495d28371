"""Shared test fixtures: built sites, a local web server and real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("OVERBLIK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_build(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    env: dict | None = None,
    extra_args: list[str] | None = None,
) -> subprocess.CompletedProcess:
    """Build a site with the real `mkdocs build`, as editors and CI do."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir), *(extra_args or [])]
    if strict:
        cmd.append("--strict")
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(cmd, capture_output=True, text=True, cwd=config_file.parent, env=full_env)


def copy_project(dest: Path, *, content: Path | None = None) -> Path:
    """A copy of the project (config, docs, overrides, hooks) with some content."""
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(content or ROOT / "content", dest / "content")
    return dest / "mkdocs.yml"


def build_project(tmp_path_factory, name: str, content: Path, *, extra_args: list[str] | None = None) -> Path:
    """Copy the project with `content`, build it strictly and return the site folder;
    the build must pass without a single warning."""
    project = tmp_path_factory.mktemp(name)
    config = copy_project(project, content=content)
    out = project / "site"
    result = mkdocs_build(config, out, extra_args=extra_args)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def serve_build(config_file: Path, site_dir: Path, *, dirty: bool) -> None:
    """One build as `mkdocs serve` does it: the config read again, and with `dirty` a
    rebuild into the served folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from overblik.frontends.mkdocs import preview

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        preview.PREVIEW.wait_for_index()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once from the shipped content."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture site (tests/fixtures/content), built once."""
    return build_project(tmp_path_factory, "fixture-project", FIXTURES / "content")


@pytest.fixture(scope="session")
def fixture_site_files(tmp_path_factory) -> Path:
    """The fixture site as the pull-request preview builds it: --no-directory-urls
    (pages are "om.html", not "om/index.html", so it opens straight from a folder)."""
    return build_project(
        tmp_path_factory, "fixture-project-files", FIXTURES / "content", extra_args=["--no-directory-urls"]
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = ""):
    """Serve `directory` on 127.0.0.1; with a prefix, under that sub-path only."""
    root = directory
    if prefix:
        mount = directory.parent / ("_mount_" + directory.name)
        if mount.exists():
            shutil.rmtree(mount)
        (mount / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(directory, mount / prefix.strip("/"))
        root = mount
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never downloads a browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium mangler: {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


# A valid initiative, for tests that build a content tree around it.
GOOD_INITIATIVE = """---
navn: Strikkeklub
resume: Vi strikker sammen.
type: aktivitet
status: aktiv
senest_bekraeftet: 2019-04
---
"""


def content_tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A project root whose content/ is the fixture content with `files` (path in
    content/ → text or bytes) added or replaced."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "content", root / "content")
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def site_files(site: Path, *, skip_search: bool = False) -> dict[str, bytes]:
    """Every file of a built site by its path, to compare two builds byte for byte."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not (skip_search and p.relative_to(site).parts[0] == "pagefind")
    }


def build_with_patches(
    tmp_path: Path, patches: str, name: str, extra_args: list[str] | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the fixture project into tmp_path/name, in a fresh
    interpreter that first runs `patches` (e.g. turns a fast path off)."""
    (tmp_path / "project").mkdir()
    config = copy_project(tmp_path / "project", content=FIXTURES / "content")
    program = "import sys\n" + patches + "\nfrom mkdocs.__main__ import cli\ncli(sys.argv[1:])\n"
    return subprocess.run(
        [sys.executable, "-c", program, "build", "--strict", "-f", str(config), "-d", str(tmp_path / name)]
        + (extra_args or []),
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
