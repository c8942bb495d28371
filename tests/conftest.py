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
