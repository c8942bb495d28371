"""Status overview benchmark: how long the overviews take to make.

    python benchmarks/overviews_bench.py                  # the real content and 5,000 synthetic initiatives
    python benchmarks/overviews_bench.py --initiatives 2000 --rounds 3

For the real content and for synthetic content (see `synthetic_content.py`)
it times, with the core only (no MkDocs run): computing every overview
(`overviews.catalog.build_catalog`) and rendering their pages
(`overviews.producer.overview_pages`), and prints the number of pages and
their size. A benchmark, not a test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from overblik.content.repository import load_repository  # noqa: E402
from overblik.overviews.catalog import build_catalog  # noqa: E402
from overblik.overviews.producer import overview_pages  # noqa: E402
from overblik.site.settings import Settings  # noqa: E402
from overblik.site.siteindex import SiteIndex  # noqa: E402


def measure(label: str, content: Path, rounds: int) -> None:
    repo = load_repository(content)
    catalog_times, render_times = [], []
    pages = []
    for _ in range(rounds):
        index = SiteIndex.build(repo)
        start = time.perf_counter()
        catalog = build_catalog(repo, index)
        catalog_times.append(time.perf_counter() - start)
        index.__dict__["_overview_catalog"] = catalog
        start = time.perf_counter()
        pages = list(overview_pages(repo, Settings(site_url="https://overblik.example.dk/"), index))
        render_times.append(time.perf_counter() - start)
    size = sum(len(p.content.encode("utf-8")) for p in pages)
    print(
        f"{label:<28} {len(repo.initiativer):>7} {len(pages):>6} {size / 1024:>9.0f} "
        f"{statistics.median(catalog_times) * 1000:>11.0f} {statistics.median(render_times) * 1000:>11.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{'content':<28} {'initiat.':>7} {'pages':>6} {'KiB (md)':>9} {'catalog ms':>11} {'render ms':>11}")
    measure("real content", ROOT / "content", args.rounds)
    from synthetic_content import write_content

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        write_content(content, args.initiatives, ROOT / "content" / "vokabular.yml")
        measure(f"synthetic, {args.initiatives}", content, args.rounds)


if __name__ == "__main__":
    main()
