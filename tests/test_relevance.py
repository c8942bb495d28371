"""Relevance: realistic citizen queries (tests/relevance_queries.yml) run in
Chromium against the built site with the shipped content. The wanted page must
be among the first three results for at least 95 % of them, and no page for
editors or developers may show up for any of them, nor be in the index at all.

The top-3 rate is printed with the test output (and is on the benchmark page,
docs/udvikling/benchmarks.md)."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

from overblik.site.search import EDITOR_PATHS, excluded

QUERIES = yaml.safe_load((Path(__file__).with_name("relevance_queries.yml")).read_text(encoding="utf-8"))
TARGET = 0.95
MIN_PER_KIND = 3


def paths_of(urls: list[str], base: str) -> list[str]:
    root = urlsplit(base).path
    return [urlsplit(u).path[len(root) :] if urlsplit(u).path.startswith(root) else urlsplit(u).path for u in urls]


def results(page, base: str, query: str) -> list[str]:
    """The result pages' paths in the order shown, for `query` given in the address."""
    page.goto(base + "soeg/?q=" + quote(query))
    page.wait_for_function(
        "() => { const s = document.getElementById('ob-search-status').textContent;"
        " return s && !s.startsWith('Søger') &&"
        " (s.startsWith('Ingen resultater') || document.querySelector('.ob-search-result')); }"
    )
    urls = page.eval_on_selector_all(".ob-search-result__title a", "els => els.map(e => e.href)")
    return paths_of(urls, base)


def test_the_suite_covers_every_kind_of_query():
    kinds = Counter(q["art"] for q in QUERIES if q.get("forventet"))
    assert sum(kinds.values()) >= 40, kinds
    assert all(n >= MIN_PER_KIND for n in kinds.values()), kinds


@pytest.mark.browser
def test_top3_rate_and_no_editor_pages(site_url, page, capsys):
    misses, editor_hits, rows = [], [], []
    by_kind: dict[str, list[bool]] = {}
    for q in QUERIES:
        found = results(page, site_url, q["soeg"])
        editor_hits += [(q["soeg"], p) for p in found if excluded(p)]
        expected = q.get("forventet") or []
        if not expected:
            continue
        hit = any(p in expected for p in found[:3])
        by_kind.setdefault(q["art"], []).append(hit)
        rows.append((hit, q["soeg"], found[:3]))
        if not hit:
            misses.append(f"{q['soeg']!r}: forventet {expected}, fik {found[:3]}")
    rate = sum(hit for hit, *_ in rows) / len(rows)
    with capsys.disabled():
        print(
            f"\nRelevans: {sum(hit for hit, *_ in rows)} af {len(rows)} søgninger har den ønskede side "
            f"blandt de tre første: {rate:.0%}"
        )
        for kind, hits in by_kind.items():
            print(f"  {kind}: {sum(hits)} af {len(hits)}")
        for miss in misses:
            print("  forbi: " + miss)
    assert not editor_hits, editor_hits
    assert rate >= TARGET, "\n".join(misses)


def test_no_editor_or_developer_page_is_in_the_index(site):
    """Every page Pagefind indexed, read from its fragments."""
    urls = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    assert len(urls) > 100
    assert "/initiativer/sorg-og-livsmodsgrupper/" in urls
    assert not [u for u in urls if u.lstrip("/").startswith(EDITOR_PATHS)]
    for editor_page in ("redaktoer/", "redaktoer/felter/", "redaktoer/forfaldent-indhold/", "udvikling/benchmarks/"):
        if (site / editor_page / "index.html").exists():
            assert "/" + editor_page not in urls
