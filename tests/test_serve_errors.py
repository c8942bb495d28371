"""`make serve` while content has errors: a Danish error page in the browser, and recovery by itself.

Runs the real `mkdocs serve --dirty` (as `make serve` does) on the small fixture content.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import FIXTURES, copy_project

BROKEN = "navn: Kulturhuset: Strandparken\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, ok, seconds: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, text = 0, ""
    while time.monotonic() < deadline:
        status, text = _get(url)
        if ok(status, text):
            return status, text
        time.sleep(0.5)
    raise AssertionError(f"{url} svarede {status}: {text[:500]}")


def test_serve_shows_the_errors_in_danish_and_recovers_when_fixed(tmp_path):
    config = copy_project(tmp_path, content=FIXTURES / "content")
    place = tmp_path / "content/kommuner/testby/steder/kulturhuset.yml"
    good = place.read_text(encoding="utf-8")
    place.write_text(BROKEN + good.split("\n", 1)[1], encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/overblik/"
        status, text = _wait_for(base, lambda s, t: s == 200)
        assert "Indholdet har fejl" in text
        assert "content/kommuner/testby/steder/kulturhuset.yml, linje 1" in text
        assert "Sæt anførselstegn om teksten" in text
        status, text = _get(base + "initiativer/faellesspisning/")  # any other address shows it too
        assert status == 404 and "Indholdet har fejl" in text and "location.reload" in text
        place.write_text(good, encoding="utf-8")
        _wait_for(base + "initiativer/faellesspisning/", lambda s, t: s == 200 and "Fællesspisning" in t)
        status, text = _get(base)
        assert "Indholdet har fejl" not in text
    finally:
        server.terminate()
        server.wait(timeout=30)
