"""Many municipal sites joined in the browser: what the first search across them costs.

    python benchmarks/multisite.py SITE [--sites 1,5,10] [--query fællesspisning]

SITE is a built Overblik site (for instance one the scale benchmark kept with
``--keep``). Its Pagefind index is served under ``kommune-1/pagefind/`` ...
``kommune-K/pagefind/`` on one origin, and a page in headless Chromium (as a
phone, empty cache) loads Pagefind from the first, merges the others with
Pagefind's ``mergeIndex`` (its multisite search), searches once and loads the
first five results, as the search page shows them. It prints what went over
the wire (gzip as `transfer` serves it) and how long the search took in the
page, for each K asked for.

The K indexes are copies of one site's, so every site has the same size of
metadata and index; real municipalities differ in content but not much in
size per initiative. Serving them from one origin leaves out what separate
origins add: a connection per site and CORS headers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import transfer  # noqa: E402

PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Søg i alle kommuner</title></head>
<body><p id="status">Søger ...</p>
<script type="module">
const sites = %(sites)s;
const started = performance.now();
const pagefind = await import(sites[0] + "pagefind.js");
await pagefind.options({});
for (const site of sites.slice(1)) {
  await pagefind.mergeIndex(site);
}
const search = await pagefind.search(%(query)s);
const shown = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
window.measured = {ms: performance.now() - started, results: search.results.length,
                   titles: shown.map((d) => d.meta.title)};
document.getElementById("status").textContent = "Færdig";
</script></body></html>
"""


def measure(site: Path, count: int, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="overblik-multisite-"))
    try:
        for i in range(1, count + 1):
            (root / f"kommune-{i}").mkdir()
            (root / f"kommune-{i}" / "pagefind").symlink_to(site / "pagefind")
        sites = [f"/kommune-{i}/pagefind/" for i in range(1, count + 1)]
        (root / "index.html").write_text(
            PAGE % {"sites": json.dumps(sites), "query": json.dumps(query)}, encoding="utf-8"
        )
        with transfer.GzipServer(root) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=transfer.CHROMIUM, args=transfer.CHROMIUM_ARGS, headless=True)
            try:
                phone = dict(pw.devices["Pixel 7"])
                phone.pop("default_browser_type", None)
                context = browser.new_context(locale="da-DK", **phone)
                page = context.new_page()
                server.log.take()
                page.goto(server.url, wait_until="load")
                page.wait_for_selector("#status:has-text('Færdig')", timeout=120_000)
                page.wait_for_load_state("networkidle", timeout=60_000)
                time.sleep(0.3)
                measured = page.evaluate("window.measured")
                sent = server.log.take()
                context.close()
            finally:
                browser.close()
        measured["bytes"] = sum(s.body_bytes for s in sent if "/pagefind/" in s.path)
        measured["requests"] = sum(1 for s in sent if "/pagefind/" in s.path)
        return measured
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="et bygget Overblik-site med pagefind/")
    parser.add_argument("--sites", default="1,5,10", help="antal kommunale sites, der søges i, fx 1,5,10")
    parser.add_argument("--query", default="fællesspisning")
    args = parser.parse_args()
    print("| sites | søgefiler hentet (gzip) | forespørgsler | tid til fem viste resultater | resultater |")
    print("|---:|---:|---:|---:|---:|")
    for count in sorted({int(n) for n in args.sites.split(",")}):
        m = measure(args.site.resolve(), count, args.query)
        print(f"| {count} | {m['bytes'] / 1024:.0f} KB | {m['requests']} | {m['ms'] / 1000:.2f} s | {m['results']} |")


if __name__ == "__main__":
    main()
