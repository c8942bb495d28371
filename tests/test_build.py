"""Build tests on the small fixture site: generated pages, links both ways,
edit buttons, page metadata, navigation, sub-path publishing and failed builds."""

from __future__ import annotations

import html.parser
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import FIXTURES, copy_project, mkdocs_build, serve

REPO = "https://github.com/overblik-dk/overblik"
SITE_URL = "https://overblik.example.dk/overblik/"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") else (site / path).read_text(encoding="utf-8")


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append((tag, value))


def links(text: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(text)
    return parser.links


def main_content(text: str) -> str:
    return text.split("data-pagefind-body", 1)[1].split("<footer", 1)[0]


def primary_nav(text: str) -> str:
    return text.split('md-nav--primary', 1)[1].split('md-sidebar--secondary', 1)[0]


EXPECTED_PAGES = [
    "", "initiativer/faellesspisning/", "initiativer/nyt-netvaerk/", "cases/godt-samarbejde/",
    "organisationer/frivilligteamet/", "organisationer/aeldreforeningen/", "steder/kulturhuset/",
    "kommuner/testby/", "rapporter/statusnotat-2019/", "maalgrupper/aeldre/", "temaer/mad/",
    "typer/aktivitet/", "kommuner/", "maalgrupper/", "temaer/", "typer/", "cases/", "initiativer/",
    "find/", "soeg/", "tilgaengelighed/", "om/", "privatliv/",
]


@pytest.mark.parametrize("path", EXPECTED_PAGES)
def test_generated_page_exists(fixture_site, path):
    assert (fixture_site / path / "index.html").is_file()


def test_nothing_is_written_into_docs():
    root = Path(__file__).resolve().parent.parent
    assert not (root / "docs" / "initiativer").exists()
    assert not (root / "docs" / "index.md").exists()


def test_initiative_page_facts_and_links(fixture_site):
    text = main_content(read(fixture_site, "initiativer/faellesspisning/"))
    assert "Hver anden fredag (ulige uger) kl. 17.30-19.30" in text
    assert "Egenbetaling, 40 kr." in text
    assert "Tilmelding nødvendig" in text
    assert "Kulturhuset</a>, Strandparken" in text
    assert 'href="../../organisationer/frivilligteamet/"' in text
    assert 'href="../../kommuner/testby/"' in text
    assert 'href="../../maal/testmaal/#maal-1"' in text
    assert "Grøn: båret af frivillige" in text
    assert "april 2019" in text and re.search(r"\(for \d+ år siden – oplysningerne kan være forældede\)", text)


def test_missing_facts_are_said_not_invented(fixture_site):
    text = main_content(read(fixture_site, "initiativer/nyt-netvaerk/"))
    for said in ("Tidspunkt er ikke oplyst", "Sted er ikke oplyst", "Pris er ikke oplyst"):
        assert said in text


def test_links_both_ways(fixture_site):
    org = main_content(read(fixture_site, "organisationer/frivilligteamet/"))
    assert 'href="../../initiativer/faellesspisning/"' in org
    assert 'href="../../cases/godt-samarbejde/"' in org
    kommune = main_content(read(fixture_site, "kommuner/testby/"))
    for target in ("initiativer/faellesspisning/", "initiativer/nyt-netvaerk/", "cases/godt-samarbejde/", "steder/kulturhuset/"):
        assert f'href="../../{target}"' in kommune
    place = main_content(read(fixture_site, "steder/kulturhuset/"))
    assert 'href="../../initiativer/faellesspisning/"' in place
    report = main_content(read(fixture_site, "rapporter/statusnotat-2019/"))
    assert "Der kommer i gennemsnit 30 hver gang." in report


def test_case_sections_and_lessons(fixture_site):
    text = main_content(read(fixture_site, "cases/godt-samarbejde/"))
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", text)
    titles = [t for _, t in headings]
    for title in ("Udfordring", "Samarbejde", "Ambition", "Hvad er afprøvet og hvordan?",
                  "Hvad har været svært?", "Erfaringer og gode råd", "Start småt", "Ledelsesopbakning"):
        assert title in titles
    assert 'href="https://example.org/case"' in text


@pytest.mark.parametrize(
    "path, content_file",
    [
        ("initiativer/faellesspisning/", "content/kommuner/testby/initiativer/faellesspisning.md"),
        ("cases/godt-samarbejde/", "content/kommuner/testby/cases/godt-samarbejde.md"),
        ("organisationer/aeldreforeningen/", "content/faelles/organisationer/aeldreforeningen.yml"),
        ("kommuner/testby/", "content/kommuner/testby/kommune.yml"),
    ],
)
def test_edit_button_opens_the_content_file(fixture_site, path, content_file):
    assert f'href="{REPO}/edit/main/{content_file}"' in read(fixture_site, path)


def test_title_description_canonical(fixture_site):
    text = read(fixture_site, "initiativer/faellesspisning/")
    assert "<title>Fællesspisning i Kulturhuset - Overblik" in text
    assert '<meta name="description" content="Spis sammen med andre hver anden fredag.">' in text
    assert f'<link rel="canonical" href="{SITE_URL}initiativer/faellesspisning/">' in text
    assert '<html lang="da"' in text


def test_detail_pages_stay_out_of_the_nav_listings_are_in(fixture_site):
    nav = primary_nav(read(fixture_site, "om/"))
    assert "Testby Kommune" in nav
    assert "maalgrupper/aeldre/" in nav
    assert "faellesspisning" not in nav
    assert "godt-samarbejde" not in nav


def test_every_internal_link_resolves(fixture_site):
    """Relative links only, all pointing at files that exist: works under any sub-path."""
    broken = []
    for page in fixture_site.rglob("*.html"):
        rel = page.relative_to(fixture_site).as_posix()
        for tag, href in links(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//", "mailto:", "tel:")):
                continue
            if rel == "404.html":  # served at any path, so MkDocs gives it absolute links
                assert href.startswith("/overblik/"), href
                target = parts.path[len("/overblik/"):]
            else:
                assert not href.startswith("/"), f"{rel}: absolut link {href}"
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), parts.path))
            path = fixture_site / target
            if parts.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{rel}: {href}")
    assert not broken, broken[:20]


def test_third_party_hosts_only_in_links(fixture_site):
    """No page loads a script, style, font or image from another host."""
    for page in fixture_site.rglob("*.html"):
        for tag, value in links(page.read_text(encoding="utf-8")):
            if tag in ("script", "img", "link", "iframe", "source") and urlsplit(value).scheme:
                assert tag == "link" and value.startswith(SITE_URL), f"{page}: {tag} {value}"


@pytest.mark.browser
def test_site_works_under_a_sub_path(fixture_site, page):
    with serve(fixture_site, prefix="/overblik/") as base:
        page.goto(base + "initiativer/faellesspisning/")
        assert page.title().startswith("Fællesspisning i Kulturhuset")
        colour = page.eval_on_selector(".ob-facts", "el => getComputedStyle(el).borderLeftStyle")
        assert colour == "solid"  # our stylesheet loaded under the sub-path
        page.click("text=Frivilligteamet >> nth=0")
        assert page.url == base + "organisationer/frivilligteamet/"


def test_broken_content_stops_the_build_and_keeps_the_old_site(tmp_path):
    config = copy_project(tmp_path, content=FIXTURES / "content")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    bad = tmp_path / "content/kommuner/testby/initiativer/faellesspisning.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("status: aktiv\n", "status: aktiv\nmaalgrupe: [aeldre]\n", 1), encoding="utf-8")
    result = mkdocs_build(config, site)
    assert result.returncode != 0
    assert "Fejl i content/kommuner/testby/initiativer/faellesspisning.md, linje 6, feltet «maalgrupe»" in result.stderr + result.stdout
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "site.ny").exists()


def test_template_failure_after_start_keeps_the_old_site(tmp_path):
    """A failure after MkDocs has started writing must not replace the published site."""
    config = copy_project(tmp_path, content=FIXTURES / "content")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    marker = (site / "index.html").read_bytes()
    (tmp_path / "docs" / "om.md").write_text("# Om\n\n[død](findes-ikke.md)\n", encoding="utf-8")
    result = mkdocs_build(config, site)  # --strict turns the dead link into a failure
    assert result.returncode != 0
    assert (site / "index.html").read_bytes() == marker
    assert not (tmp_path / "site.ny").exists()


@pytest.mark.parametrize(
    "here, target, expected",
    [
        ("initiativer/x/", "", "../../"),
        ("", "", "./"),
        ("", "kommuner/", "kommuner/"),
        ("initiativer/x/", "initiativer/y/#maal-1", "../y/#maal-1"),
        ("initiativer/x/", "assets/overblik/search.js", "../../assets/overblik/search.js"),
        ("initiativer/x.html", "kommuner/y.html", "../kommuner/y.html"),
    ],
)
def test_relative_links(here, target, expected):
    from overblik.site.urls import relative

    assert relative(here, target) == expected


def test_front_page_counts_only_what_a_municipality_has():
    """«Assens Kommune (1 case)», not «(0 initiativer, 1 case)»."""
    from overblik.site.pages import Renderer
    from overblik.content.repository import load_repository
    from overblik.site.settings import Settings
    from overblik.site.siteindex import SiteIndex

    root = Path(__file__).resolve().parent.parent
    repo = load_repository(root / "content", root)
    home = next(o for o in Renderer(repo, Settings(today="2026-01-01"), SiteIndex.build(repo)).listing_pages()
                if o.src_uri == "index.md")
    assert 'Assens Kommune</a> <span class="ob-list__note">(1 case)</span>' in home.content
    assert 'Rødovre Kommune</a> <span class="ob-list__note">(8 initiativer)</span>' in home.content
    assert "(0 " not in home.content
