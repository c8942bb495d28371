"""The status overviews print as clean A4 memos: headless Chromium renders each
one to PDF (Playwright's page.pdf), and the PDF's pages and text are checked
with pypdf: the page count (a new page for each section), the date and source
on every page, no navigation, and the figures."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import build_project, serve

pypdf = pytest.importorskip("pypdf")

CONTENT = Path(__file__).parent / "fixtures" / "overviews" / "content"
SITE_URL = "https://overblik.example.dk/overblik/"
NAV_ONLY = ["Erfaringer fra kommunerne", "Privatliv og cookies", "Tilgængelighedserklæring", "Indholdsfortegnelse"]

# page, pages in the PDF (one per section on this small content), text on every page, figures
PAGES = {
    "forankring/testby/": (
        5,
        "Testby Kommune · Forankring af initiativerne i Testby Kommune",
        ["● Grøn – båret af frivillige", "Initiativer for ældre", "Andre initiativer med forankring"],
    ),
    "finansiering/testpuljen-2019/": (
        3,
        "Testby Kommune · Testpuljen 2019",
        ["1.316.000 kr.", "43 af 110–120 borgere pr. 1. maj 2019", "36–39 % af målet"],
    ),
    "maal/testmaal/": (
        4,
        "Testregeringens 3 mål",
        ["1. Færre skal være ensomme", "Ingen initiativer i Overblik er knyttet til dette mål endnu."],
    ),
    "handleplaner/handleplan-2020/": (
        3,
        "Handleplanens indsatser",
        ["Indsats 1: Flere med i foreningerne", "Formålet er at støtte foreningerne.", "2020–2021"],
    ),
    "aktivitetsoverblik/testby/": (
        1,
        "Testby Kommune · Aktivitetsoverblik for Testby Kommune",
        ["Hver fredag kl. 12.00-14.00", "Kulturhuset, Strandvej 1, 2635 Testby", "43 57 00 00"],
    ),
}


@pytest.fixture(scope="module")
def overview_site(tmp_path_factory):
    return build_project(tmp_path_factory, "overviews-project", CONTENT)


@pytest.fixture(scope="module")
def overview_url(overview_site):
    with serve(overview_site) as url:
        yield url


def pdf_pages(page, url: str) -> list[str]:
    page.goto(url)
    data = page.pdf(format="A4")
    reader = pypdf.PdfReader(io.BytesIO(data))
    for p in reader.pages:  # A4: 595 x 842 points (Chromium rounds to whole pixels)
        assert abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


@pytest.mark.browser
@pytest.mark.parametrize("path", list(PAGES))
def test_overview_prints_as_a4_memo(page, overview_url, path):
    count, head, figures = PAGES[path]
    texts = pdf_pages(page, overview_url + path)
    assert len(texts) == count, [t[:120] for t in texts]
    address = "/" + path  # the page's address is printed at the foot of every page
    for number, text in enumerate(texts, start=1):
        assert head in text, (number, text[:200])
        assert re.search(r"(Status pr\.|Oplysninger senest bekræftet) [0-9a-zæøå]", text), (number, text[:200])
        assert "Kilde" in text, number
        assert address in text, (number, text[-200:])
        assert f"Side {number} af {count}" in text, (number, text[-120:])
        for nav in NAV_ONLY:
            assert nav not in text, (number, nav)
    whole = " ".join(texts)
    for figure in figures:
        assert figure in whole, figure
    assert "Udskriv overblikket" not in whole


@pytest.mark.browser
def test_sections_start_on_a_new_page(page, overview_url):
    texts = pdf_pages(page, overview_url + "forankring/testby/")
    # the count table on page 1 names the sections; each section's initiative is on its own page
    where = {
        name: [i for i, t in enumerate(texts) if name in t]
        for name in ["Der kommer i gennemsnit 30", "Tolv besøgsvenner", "Der arbejdes på en model", "Klinikken"]
    }
    assert where == {
        "Der kommer i gennemsnit 30": [1],
        "Tolv besøgsvenner": [2],
        "Der arbejdes på en model": [3],
        "Klinikken": [4],
    }


@pytest.mark.browser
def test_overview_on_screen(page, overview_url):
    page.goto(overview_url + "finansiering/testpuljen-2019/")
    bar = page.locator('[role="progressbar"]').first
    assert bar.get_attribute("aria-valuenow") == "43"
    assert bar.get_attribute("aria-valuemax") == "120"
    label = page.locator("#" + bar.get_attribute("aria-labelledby"))
    assert label.inner_text().startswith("43 af 110–120 borgere pr. 1. maj 2019")
    assert page.locator(".ob-print-head").is_hidden()
    button = page.get_by_role("button", name="Udskriv overblikket")
    assert button.is_visible()  # shown by the script; hidden without JavaScript
    box = button.bounding_box()
    assert box["height"] >= 44
    page.goto(overview_url + "maal/testmaal/#maal-2")
    assert page.locator("h2#maal-2").is_visible()
    page.goto(overview_url + "forankring/testby/")
    legend = page.locator(".ob-legend").inner_text()
    assert "Grøn – båret af frivillige" in legend and "Rød – koordineres i større omfang af kommunen" in legend


@pytest.mark.browser
def test_nav_has_the_overview_section(page, overview_url):
    page.goto(overview_url + "overblik/")
    assert page.locator("h1").inner_text() == "Overblik og status"
    links = page.locator("article a").all_inner_texts()
    for name in [
        "Forankring af initiativerne i Testby Kommune",
        "Aktivitetsoverblik for Testby Kommune",
        "Testregeringens 3 mål",
        "Testpuljen 2019",
    ]:
        assert name in links, name
