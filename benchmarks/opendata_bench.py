"""Open-data benchmark: how long the exports take and how big they are.

    python benchmarks/opendata_bench.py                  # the real content and 1,000 and 5,000 synthetic initiatives
    python benchmarks/opendata_bench.py --sizes 10000 --rounds 1

For each content set it loads the content once, renders the core pages
(`Renderer.pages`, not timed as ours) and then times each open-data producer
and the finishing step (JSON-LD in every page's front matter, sitemap,
robots.txt), best of `--rounds`. It prints the time per producer, the time per
initiative, and the size of the exports. A benchmark, not a test: nothing
fails on a slow machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from overblik.build import page_facts  # noqa: E402
from overblik.content.repository import load_repository  # noqa: E402
from overblik.opendata import PRODUCERS, finish  # noqa: E402
from overblik.site.pages import Renderer  # noqa: E402
from overblik.site.settings import Settings  # noqa: E402
from overblik.site.siteindex import SiteIndex  # noqa: E402

SETTINGS = Settings(site_name="Overblik", site_url="https://overblik.example.dk/overblik/", owner="Overblik")


def best(fn, rounds: int):
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(name: str, content: Path, rounds: int) -> None:
    repo = load_repository(content, content.parent)
    index = SiteIndex.build(repo)
    pages = list(Renderer(repo, SETTINGS, index, page_facts(repo, index)).pages())
    n = len(repo.initiativer)
    print(f"\n{name}: {n} initiativer, {len(pages)} sider")
    print(f"  {'trin':<28}{'tid (s)':>10}{'ms/initiativ':>14}{'filer':>8}{'MB':>9}")
    total = 0.0
    produced = []
    for producer in PRODUCERS:
        seconds, outs = best(lambda producer=producer: list(producer(repo, SETTINGS, index)), rounds)
        total += seconds
        produced += outs
        size = sum(len(o.content) for o in outs) / 1e6
        print(f"  {producer.__name__:<28}{seconds:>10.3f}{seconds / max(n, 1) * 1000:>14.3f}{len(outs):>8}{size:>9.2f}")
    seconds, done = best(lambda: finish(pages + produced, repo, SETTINGS, index, ["om.md", "privatliv.md"]), rounds)
    total += seconds
    added = sum(len(o.content) for o in done) - sum(len(o.content) for o in pages + produced)
    print(
        f"  {'finish (JSON-LD, sitemap)':<28}{seconds:>10.3f}{seconds / max(n, 1) * 1000:>14.3f}{2:>8}{added / 1e6:>9.2f}"
    )
    print(f"  {'i alt':<28}{total:>10.3f}{total / max(n, 1) * 1000:>14.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    measure("Det rigtige indhold", ROOT / "content", args.rounds)
    from synthetic_content import write_content

    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="overblik-opendata-"))
        try:
            write_content(work / "content", n, ROOT / "content" / "vokabular.yml")
            measure(f"Syntetisk indhold ({n})", work / "content", args.rounds)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
