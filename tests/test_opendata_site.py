"""Open data in built sites: the fixture site built with `mkdocs build --strict`
(JSON-LD in every page's <head>, sitemap replaced, exports linked and
reproducible), and the real site's exports validated against their specifications."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import build_project
from opendata_checks import (
    check_atom,
    check_datapackage,
    check_hsds_files,
    check_ics,
    check_jsonld_page,
    check_sitemap,
    graph_types,
    jsonld_scripts,
    need_hsds_reference,
)

FIXTURE = Path(__file__).parent / "fixtures" / "opendata" / "content"
SITE_URL = "https://overblik.example.dk/overblik/"
EXPORT_PREFIXES = (
    "data/hsds/",
    "data/hsds-csv/",
    "data/initiativer.csv",
    "kalender/",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
)


def _build(tmp_path_factory, name: str) -> Path:
    return build_project(tmp_path_factory, name, FIXTURE)


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "opendata-site")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def exported(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).as_posix().startswith(EXPORT_PREFIXES)
    }


def check_all_pages(site: Path) -> list[str]:
    problems = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        found, data = check_jsonld_page(path.read_text(encoding="utf-8"))
        problems += [f"{rel}: {p}" for p in found]
        if data is not None and rel != "404.html" and "BreadcrumbList" not in graph_types(data):
            problems.append(f"{rel}: BreadcrumbList mangler")
    return problems


# --- the fixture site -------------------------------------------------------------------------


def test_every_page_has_one_valid_jsonld_block(opendata_site):
    assert check_all_pages(opendata_site) == []


def _graph(site: Path, page: str) -> dict[str, list[dict]]:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    return graph_types(json.loads(jsonld_scripts(text)[0]))


def test_pages_say_what_they_are_about(opendata_site):
    assert {"Service", "Event"} <= set(_graph(opendata_site, "initiativer/strikkecafe"))
    assert (
        _graph(opendata_site, "initiativer/faellesspisning")["Event"][0]["eventSchedule"][0]["repeatFrequency"] == "P2W"
    )
    assert "Event" not in _graph(opendata_site, "initiativer/loppemarked")  # irregular
    assert "Article" in _graph(opendata_site, "cases/godt-samarbejde")
    assert "NGO" in _graph(opendata_site, "organisationer/aeldreforeningen")
    assert "Place" in _graph(opendata_site, "steder/kulturhuset")
    docs_page = _graph(opendata_site, "om")
    assert docs_page["WebPage"][0]["url"] == SITE_URL + "om/"
    assert [c["name"] for c in docs_page["BreadcrumbList"][0]["itemListElement"]] == ["Forside", "Om Overblik"]


def test_hostile_content_cannot_leave_the_script_element(opendata_site):
    text = (opendata_site / "initiativer" / "fjendtlig" / "index.html").read_text(encoding="utf-8")
    script = jsonld_scripts(text)[0]
    assert "</script" not in script.lower() and "<" not in script
    service = graph_types(json.loads(script))["Service"][0]
    assert service["description"].startswith("</script><script>alert(1)</script> & <b>fed</b>")


def test_our_sitemap_replaces_the_build_dated_one(opendata_site):
    raw = (opendata_site / "sitemap.xml").read_bytes()
    assert check_sitemap(raw, SITE_URL) == []
    text = raw.decode()
    assert f"<loc>{SITE_URL}initiativer/strikkecafe/</loc><lastmod>2019-04-15</lastmod>" in text
    assert "    <url>" not in text  # MkDocs' template indents like this; ours does not
    assert not (opendata_site / "sitemap.xml.gz").exists()
    pages = {
        p.relative_to(opendata_site).parent.as_posix() + "/"
        for p in html_pages(opendata_site)
        if p.name == "index.html"
    }
    locs = set(re.findall(r"<loc>([^<]+)</loc>", text))
    assert {SITE_URL + (p if p != "./" else "") for p in pages} == locs


def test_robots_txt_points_to_the_sitemap_under_the_sub_path(opendata_site):
    text = (opendata_site / "robots.txt").read_text(encoding="utf-8")
    assert "Allow: /overblik/" in text and f"Sitemap: {SITE_URL}sitemap.xml" in text


def test_open_data_page_is_in_the_nav_and_links_every_export(opendata_site):
    page = opendata_site / "aabne-data" / "index.html"
    text = page.read_text(encoding="utf-8")
    home_footer = (opendata_site / "index.html").read_text(encoding="utf-8").split("<footer", 1)[1]
    assert 'href="aabne-data/"' in home_footer  # and in the menu under Om
    base = SITE_URL + "aabne-data/"
    linked = set()
    for href in re.findall(r'href="([^"]+)"', text.split("data-pagefind-body", 1)[1]):
        url = urljoin(base, html.unescape(href))
        if url.startswith(SITE_URL):
            linked.add(urlsplit(url).path[len("/overblik/") :])
    for path in exported(opendata_site):
        if path.startswith("data/hsds/services/"):
            continue  # reached through services.json, as the page explains
        assert path in linked, f"{path} er ikke linket fra Åbne data"
    for path in linked:
        target = opendata_site / path
        assert target.exists() or (target / "index.html").exists(), f"linket {path} findes ikke"
    assert '<link rel="alternate" type="application/atom+xml"' in text


def test_feed_discovery_only_on_the_open_data_page(opendata_site):
    """Material fetches sitemap.xml for every rel="alternate" link; other pages carry none."""
    for path in html_pages(opendata_site):
        if path.relative_to(opendata_site).as_posix() != "aabne-data/index.html":
            assert not re.search(r'<link[^>]*rel="alternate"', path.read_text(encoding="utf-8")), path


def test_a_second_build_gives_the_same_bytes(opendata_site, tmp_path_factory):
    again = _build(tmp_path_factory, "opendata-site-igen")
    assert exported(again) == exported(opendata_site)
    for path in html_pages(opendata_site):
        other = again / path.relative_to(opendata_site)
        assert jsonld_scripts(path.read_text("utf-8")) == jsonld_scripts(other.read_text("utf-8")), path


# --- the real site ------------------------------------------------------------------------------


def test_real_site_hsds_is_valid(site):
    need_hsds_reference()
    files = exported(site)
    assert check_hsds_files(files) == []
    assert check_datapackage(files) == []


def test_real_site_calendars_feed_and_sitemap_are_valid(site):
    files = exported(site)
    calendars = [p for p in files if p.endswith(".ics")]
    problems = {p: check_ics(files[p]) for p in calendars}
    assert {p: found for p, found in problems.items() if found} == {}
    assert check_atom(files["atom.xml"]) == []
    assert check_sitemap(files["sitemap.xml"], SITE_URL) == []
    assert "Sitemap:" in files["robots.txt"].decode()


def test_real_site_spreadsheet_opens_in_excel(site):
    raw = (site / "data" / "initiativer.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len({len(r) for r in rows}) == 1
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    initiatives = len(list((Path(__file__).resolve().parent.parent / "content").glob("kommuner/*/initiativer/*.md")))
    assert len(rows) - 1 == initiatives


def test_real_site_every_page_has_valid_jsonld(site):
    assert check_all_pages(site) == []


def test_calendar_links_on_pages_only_where_there_is_a_calendar(opendata_site):
    def links(page):
        text = (opendata_site / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<a class="ob-calendar-link" href="([^"]+)"', text)

    assert links("initiativer/strikkecafe") == ["../../kalender/initiativer/strikkecafe.ics"]
    assert links("initiativer/gaatur") == []  # every other week, but not which weeks
    assert links("kommuner/testby") == ["../../kalender/kommuner/testby.ics"]
    assert links("kommuner/andeby") == []
    assert (opendata_site / "kalender" / "initiativer" / "strikkecafe.ics").exists()
