"""What a phone downloads: a built site served with gzip, loaded in Chromium.

The server compresses text files with gzip (level 6, as nginx with
``gzip_comp_level 6`` or Apache's mod_deflate default) when the browser asks
for it, and sends Pagefind's index files as they are (Pagefind already
gzips them). It counts the body bytes it sends for every request, so the sum
is exactly what went over the wire apart from HTTP headers.

Headless Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright,
emulating a phone, empty cache) opens a page and waits until the network is
quiet; the requests it made are what a phone downloads.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = os.environ.get("OVERBLIK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".csv", ".txt", ".ics", ".webmanifest", ".map"}


@dataclass
class Sent:
    path: str
    body_bytes: int
    raw_bytes: int


@dataclass
class Log:
    items: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, item: Sent) -> None:
        with self.lock:
            self.items.append(item)

    def take(self) -> list[Sent]:
        with self.lock:
            items, self.items = self.items, []
        return items


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    log: Log  # set per server
    cache: dict  # path -> gzipped bytes

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = os.path.join(path, "index.html")
        suffix = Path(path).suffix.lower()
        if (
            not os.path.isfile(path)
            or suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        raw = Path(path).read_bytes()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(raw, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self._sent = Sent(unquote(urlsplit(self.path).path), len(body), len(raw))
        return io.BytesIO(body)

    def do_GET(self):
        self._sent = None
        f = self.send_head()
        if f:
            try:
                data = f.read()
                self.wfile.write(data)
            finally:
                f.close()
            sent = self._sent or Sent(unquote(urlsplit(self.path).path), len(data), len(data))
            self.log.add(sent)


class GzipServer:
    """Serves `root` on 127.0.0.1 under `prefix` (the site's sub-path)."""

    def __init__(self, root: Path, prefix: str = "/"):
        self.root = root
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.log = Log()
        self._mount: Path | None = None

    def __enter__(self) -> GzipServer:
        directory = self.root
        if self.prefix != "/":
            self._mount = self.root.parent / f"_mount_{self.root.name}"
            target = self._mount / self.prefix.strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.symlink(self.root, target)
            directory = self._mount
        handler = type("Handler", (_GzipHandler,), {"log": self.log, "cache": {}})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class PageWeight:
    """The bytes one page load transferred, by file."""

    files: list[Sent]

    def total(self, match=lambda path: True) -> int:
        return sum(s.body_bytes for s in self.files if match(path_of(s)))

    def summary(self, match=lambda path: True) -> str:
        rows = sorted((s for s in self.files if match(path_of(s))), key=lambda s: -s.body_bytes)
        return ", ".join(f"{path_of(s).rsplit('/', 1)[-1] or path_of(s)} {s.body_bytes / 1024:.1f}" for s in rows)


def path_of(sent: Sent) -> str:
    return sent.path


def is_search_file(path: str) -> bool:
    """Pagefind's files and the search page's own script."""
    return "/pagefind/" in path or path.endswith("/search.js")


def is_finder_file(path: str) -> bool:
    """The finder's own HTML, data and scripts (not the theme's shared CSS/JS)."""
    return "/find/" in path or "/data/finder" in path or "/finder." in path


def measure(site: Path, prefix: str, query: str) -> dict[str, PageWeight]:
    """Load the search page with `query` and the finder page as a phone would."""
    from playwright.sync_api import sync_playwright

    results: dict[str, PageWeight] = {}
    with GzipServer(site, prefix) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            phone = dict(pw.devices["Pixel 7"])
            phone.pop("default_browser_type", None)
            for name, url, ready in (
                (
                    "search",
                    f"{server.url}soeg/?q={query}",
                    "#ob-search-results li, #ob-search-status:has-text('Ingen')",
                ),
                ("finder", f"{server.url}find/", None),
            ):
                context = browser.new_context(locale="da-DK", **phone)
                page = context.new_page()
                server.log.take()
                page.goto(url, wait_until="load")
                if ready:
                    page.wait_for_selector(ready, timeout=60_000)
                page.wait_for_load_state("networkidle", timeout=60_000)
                time.sleep(0.3)  # late fragment requests
                results[name] = PageWeight(server.log.take())
                context.close()
        finally:
            browser.close()
    return results
