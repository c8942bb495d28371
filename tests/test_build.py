"""Build tests on the small fixture site: generated pages, links both ways,
edit buttons, page metadata, navigation, sub-path publishing and failed builds."""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES, copy_project, mkdocs_build, serve

REPO = "https://github.com/overblik-dk/overblik"
SITE_URL = "https://overblik.example.dk/overblik/"


def read(site: Path, path: str) -> str:
    return (
        (site / path / "index.html").read_text(encoding="utf-8")
        if not path.endswith(".html")
        else (site / path).read_text(encoding="utf-8")
    )


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
    return text.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]


EXPECTED_PAGES = [
    "",
    "initiativer/faellesspisning/",
    "initiativer/nyt-netvaerk/",
    "cases/godt-samarbejde/",
    "organisationer/frivilligteamet/",
    "organisationer/aeldreforeningen/",
    "steder/kulturhuset/",
    "kommuner/testby/",
    "rapporter/statusnotat-2019/",
    "maalgrupper/aeldre/",
    "temaer/mad/",
    "typer/aktivitet/",
    "kommuner/",
    "maalgrupper/",
    "temaer/",
    "typer/",
    "cases/",
    "initiativer/",
    "find/",
    "soeg/",
    "tilgaengelighed/",
    "om/",
    "privatliv/",
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
    # an absolute date; whether it is more than a year old is for the browser to say (assets/overblik.js)
    assert '<time datetime="2019-04" data-ob-confirmed>april 2019</time>' in text
    assert "siden – oplysningerne kan være forældede" not in text


def test_missing_facts_are_said_not_invented(fixture_site):
    text = main_content(read(fixture_site, "initiativer/nyt-netvaerk/"))
    for said in ("Tidspunkt er ikke oplyst", "Sted er ikke oplyst", "Pris er ikke oplyst"):
        assert said in text


def test_links_both_ways(fixture_site):
    org = main_content(read(fixture_site, "organisationer/frivilligteamet/"))
    assert 'href="../../initiativer/faellesspisning/"' in org
    assert 'href="../../cases/godt-samarbejde/"' in org
    kommune = main_content(read(fixture_site, "kommuner/testby/"))
    for target in (
        "initiativer/faellesspisning/",
        "initiativer/nyt-netvaerk/",
        "cases/godt-samarbejde/",
        "steder/kulturhuset/",
    ):
        assert f'href="../../{target}"' in kommune
    place = main_content(read(fixture_site, "steder/kulturhuset/"))
    assert 'href="../../initiativer/faellesspisning/"' in place
    report = main_content(read(fixture_site, "rapporter/statusnotat-2019/"))
    assert "Der kommer i gennemsnit 30 hver gang." in report


def test_case_sections_and_lessons(fixture_site):
    text = main_content(read(fixture_site, "cases/godt-samarbejde/"))
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", text)
    titles = [t for _, t in headings]
    for title in (
        "Udfordring",
        "Samarbejde",
        "Ambition",
        "Hvad er afprøvet og hvordan?",
        "Hvad har været svært?",
        "Erfaringer og gode råd",
        "Start småt",
        "Ledelsesopbakning",
    ):
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
def test_correction_box_names_the_content_file_without_a_github_link(fixture_site, path, content_file):
    """Citizens get an e-mail to the publisher, editors the file; the pencil is for previews."""
    text = read(fixture_site, path)
    assert f"<code>{content_file}</code>" in text
    assert f'href="{REPO}' not in text and 'rel="edit"' not in text


def test_preview_build_shows_the_edit_pencil(tmp_path):
    (tmp_path / "p").mkdir()
    config = copy_project(tmp_path / "p", content=FIXTURES / "content")
    out = tmp_path / "site"
    result = mkdocs_build(config, out, env={"OVERBLIK_PREVIEW": "1"})
    assert result.returncode == 0, result.stderr
    text = (out / "initiativer/faellesspisning/index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/edit/main/content/kommuner/testby/initiativer/faellesspisning.md"' in text


def test_title_description_canonical(fixture_site):
    text = read(fixture_site, "initiativer/faellesspisning/")
    assert "<title>Fællesspisning i Kulturhuset - Overblik" in text
    assert '<meta name="description" content="Spis sammen med andre hver anden fredag.">' in text
    assert f'<link rel="canonical" href="{SITE_URL}initiativer/faellesspisning/">' in text
    assert '<html lang="da"' in text


def test_the_menu_is_the_top_of_the_nav_and_detail_pages_stay_out(fixture_site):
    text = read(fixture_site, "om/")
    menu = text.split("ob-menu--wide", 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<]+)</a>", menu) == [
        "Find en aktivitet",
        "Søg",
        "Erfaringer fra kommunerne",
        "Kommuner",
        "Om",
    ]
    header = text.split("</header>", 1)[0]
    assert "faellesspisning" not in header and "redaktoer" not in header
    assert "md-sidebar" not in text  # no navigation tree, no table of contents


@pytest.mark.parametrize("style", ["fixture_site", "fixture_site_files"])
def test_every_internal_link_resolves(style, request):
    """Relative links only, all pointing at files that exist: works under any sub-path,
    with folder URLs ("om/") and with file URLs ("om.html", the pull-request preview)."""
    fixture_site = request.getfixturevalue(style)
    broken = []
    for page in fixture_site.rglob("*.html"):
        rel = page.relative_to(fixture_site).as_posix()
        for tag, href in links(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//", "mailto:", "tel:")):
                continue
            if rel == "404.html":  # served at any path, so MkDocs gives it absolute links
                assert href.startswith("/overblik/"), href
                target = parts.path[len("/overblik/") :]
            else:
                assert not href.startswith("/"), f"{rel}: absolut link {href}"
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), parts.path))
            path = fixture_site / target
            if parts.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            if (
                style == "fixture_site_files"
                and tag == "a"
                and path.name == "index.html"
                and not parts.path.endswith(".html")
            ):
                broken.append(f"{rel}: {href} (en mappe: åbnet fra disken viser den ingen side)")
                continue
            if not path.exists():
                broken.append(f"{rel}: {href}")
    assert not broken, broken[:20]


@pytest.mark.parametrize("style, suffix", [("fixture_site", "/"), ("fixture_site_files", ".html")])
def test_footer_links_follow_the_url_style(style, suffix, request):
    """The footer links to the pages as MkDocs wrote them: "../om/" or "../om.html"."""
    site = request.getfixturevalue(style)
    page = site / ("initiativer/faellesspisning/index.html" if suffix == "/" else "initiativer/faellesspisning.html")
    footer = page.read_text(encoding="utf-8").split('class="ob-footer__links"', 1)[1].split("</ul>", 1)[0]
    hrefs = [href for _, href in links(footer)]
    up = "../../" if suffix == "/" else "../"
    stems = ["om", "tilgaengelighed", "privatliv", "aabne-data"]
    editors = "redaktoer/" if suffix == "/" else "redaktoer/index.html"
    assert hrefs == [f"{up}{stem}{suffix}" for stem in stems] + [f"{up}{editors}"]


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


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_broken_content_stops_the_build_and_keeps_the_old_site(tmp_path):
    config = copy_project(tmp_path, content=FIXTURES / "content")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = tree(site)
    bad = tmp_path / "content/kommuner/testby/initiativer/faellesspisning.md"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("status: aktiv\n", "status: aktiv\nmaalgrupe: [aeldre]\n", 1),
        encoding="utf-8",
    )
    result = mkdocs_build(config, site)
    assert result.returncode != 0
    assert (
        "Fejl i content/kommuner/testby/initiativer/faellesspisning.md, linje 6, feltet «maalgrupe»"
        in result.stderr + result.stdout
    )
    assert tree(site) == before
    assert not (tmp_path / "site.ny").exists()


def test_strict_warning_keeps_the_old_site(tmp_path):
    """MkDocs' strict check comes after every hook: a warning must still leave the site byte for byte."""
    config = copy_project(tmp_path, content=FIXTURES / "content")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = tree(site)
    (tmp_path / "docs" / "om.md").write_text("# Om\n\nNy tekst med et [dødt link](findes-ikke.md).\n", encoding="utf-8")
    result = mkdocs_build(config, site)  # --strict turns the dead link into a failure
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "findes-ikke.md" in output and "in strict mode" in output, output
    assert tree(site) == before
    assert not (tmp_path / "site.ny").exists() and not (tmp_path / "site.gammel").exists()
    # the same change without --strict is a finished build: now it is published
    assert mkdocs_build(config, site, strict=False).returncode == 0
    assert "Ny tekst" in (site / "om" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "site.ny").exists()


def test_dirty_build_starts_from_the_published_site(tmp_path):
    config = copy_project(tmp_path, content=FIXTURES / "content")
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = tree(site)
    result = mkdocs_build(config, site, strict=False, extra_args=["--dirty"])  # MkDocs warns about --dirty
    assert result.returncode == 0, result.stderr
    assert tree(site).keys() == before.keys()


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


def test_front_page_says_which_municipalities_have_activities():
    """Only municipalities with activities are named as covered; the others get their own site."""
    from overblik.content.repository import load_repository
    from overblik.site.pages import Renderer
    from overblik.site.settings import Settings
    from overblik.site.siteindex import SiteIndex

    root = Path(__file__).resolve().parent.parent
    repo = load_repository(root / "content", root)
    home = next(
        o
        for o in Renderer(repo, Settings(today="2026-01-01"), SiteIndex.build(repo)).listing_pages()
        if o.src_uri == "index.md"
    )
    assert 'fra <a href="kommuner/ishoj/">Ishøj Kommune</a> (19 aktiviteter).' in home.content
    assert '<li>Rødovre Kommune <span class="ob-list__note">(hjemmeside ikke oplyst)</span>' in home.content
    assert "(0 " not in home.content


@pytest.mark.parametrize("close", [True, False])
def test_a_build_lets_the_content_go_without_a_full_collection(monkeypatch, close):
    """`mkdocs build` freezes what exists (glue.settle, and forked.start before its fork), so
    Python's collector does not walk it again and again. Once everything is generated,
    nothing frozen may hold the content: dropping it must free it without unfreezing and
    walking the whole heap (see pages.close_all). Without close_all the template
    environments made before the fork keep it (the second case: the check can fail)."""
    import gc
    import weakref

    from overblik.build import generate
    from overblik.content.repository import load_repository
    from overblik.site import forked, pages
    from overblik.site.settings import Settings

    if not close:
        if forked.usable_cpus() < 2:
            pytest.skip("no fork on one CPU: nothing made before it is frozen")
        monkeypatch.setattr(pages, "close_all", lambda: None)
    repo = load_repository(FIXTURES / "content")
    gone = weakref.ref(repo)
    gc.collect()
    gc.freeze()
    try:
        outputs = generate(repo, Settings(today="2025-06-01"), parallel=True)
        assert outputs
        del repo, outputs
        gc.collect()  # the young objects only: the frozen ones stay frozen
        assert (gone() is None) is close
    finally:
        gc.unfreeze()
        gc.collect()


def test_mkdocs_build_runs_the_collector_less_often_and_puts_it_back():
    """`mkdocs build` raises the collector's thresholds (glue.BUILD_GC_THRESHOLDS: loading and
    generating make millions of objects that live to the end) and restores them afterwards,
    also for a process that goes on (tests, tools); `mkdocs serve` keeps the defaults."""
    import gc

    from overblik.frontends.mkdocs import glue

    before = gc.get_threshold()
    try:
        glue.on_startup("serve", dirty=False)
        assert gc.get_threshold() == before
        glue.on_shutdown()
        glue.on_startup("build")
        assert gc.get_threshold() == glue.BUILD_GC_THRESHOLDS != before
        glue.on_shutdown()
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)
        glue.STATE.command = ""


def test_a_page_in_docs_where_overblik_makes_one_stops_the_build(tmp_path):
    """docs/soeg/index.md would be replaced by the search page Overblik makes: the editor is told."""
    (tmp_path / "projekt").mkdir()
    config = copy_project(tmp_path / "projekt", content=FIXTURES / "content")
    (config.parent / "docs" / "soeg").mkdir(parents=True, exist_ok=True)
    (config.parent / "docs" / "soeg" / "index.md").write_text("# Min søgeside\n", encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/soeg/index.md findes, men Overblik laver selv den side" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
