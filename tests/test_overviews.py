"""Status overviews from content (issue 6): the figures and groupings on the
fixture content in tests/fixtures/overviews, and golden files of the pages
committees read. Set UPDATE_GOLDEN=1 to rewrite the golden files after a
deliberate change."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import markdown
import pytest

from overblik.build import generate
from overblik.content.fieldtypes import parse_date
from overblik.content.problems import ContentError, format_report
from overblik.content.repository import load_repository
from overblik.content.schemas import Maalvaerdi
from overblik.overviews.anchoring import anchoring_overview
from overblik.overviews.catalog import build_catalog
from overblik.overviews.funding import funding_overview
from overblik.overviews.progress import Progress
from overblik.overviews.statuses import natural_key
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

CONTENT = Path(__file__).parent / "fixtures" / "overviews" / "content"
GOLDEN = Path(__file__).parent / "golden" / "overviews"
SETTINGS = Settings(site_url="https://overblik.example.dk/overblik/")
OVERVIEW_SECTIONS = ("overblik", "forankring", "maal", "finansiering", "handleplaner", "aktivitetsoverblik")


@pytest.fixture(scope="module")
def repo():
    return load_repository(CONTENT)


@pytest.fixture(scope="module")
def index(repo):
    return SiteIndex.build(repo)


@pytest.fixture(scope="module")
def outputs(repo):
    return {o.src_uri: o for o in generate(repo, SETTINGS)}


def body(output) -> str:
    """The page without its front matter (which other features fill)."""
    text = output.content
    return text.split("\n---\n", 1)[1].lstrip("\n") if text.startswith("---\n") else text


def html_of(output) -> str:
    return markdown.markdown(body(output), extensions=["attr_list", "md_in_html", "tables", "toc"])


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


# --- which pages exist -------------------------------------------------------


def test_every_overview_is_generated(outputs):
    pages = sorted(k for k in outputs if k.split("/")[0] in OVERVIEW_SECTIONS)
    assert pages == [
        "aktivitetsoverblik/testby.md",
        "finansiering/index.md",
        "finansiering/testpuljen-2019.md",
        "forankring/testby.md",
        "handleplaner/handleplan-2020.md",
        "maal/index.md",
        "maal/testmaal.md",
        "maal/teststrategi.md",
        "overblik/index.md",
    ]
    assert {k for k in pages if outputs[k].in_nav} == {"overblik/index.md", "maal/index.md", "finansiering/index.md"}


# --- anchoring ---------------------------------------------------------------


def test_anchoring_groups_as_the_memo_in_its_order(repo, index):
    kommune = repo.kommuner["testby"]
    ov = anchoring_overview(repo, kommune, index.kommune["testby"]["initiativ"])
    assert ov.report.slug == "statusnotat-2019"  # marked viser_forankring, though not the newest
    # the report's own order, not the alphabet (ældre before voksne)
    assert [(s.title, [i.entry.slug for i in s.items]) for s in ov.sections] == [
        ("Initiativer for ældre", ["cafeen"]),
        ("Initiativer for voksne", ["vennerne"]),
        ("Under udvikling", ["nyt-projekt"]),
    ]
    assert [i.entry.slug for i in ov.others] == ["klinikken"]
    assert ov.counts() == {"groen": 1, "gul": 1, "roed": 0, "ikke-vurderet": 1}
    assert ov.counts(ov.others) == {"groen": 0, "gul": 0, "roed": 1, "ikke-vurderet": 0}
    # each item carries its status in the memo, not its newest status
    vennerne = ov.sections[1].items[0]
    assert vennerne.status.rapport == "statusnotat-2019"


def test_anchoring_page_says_colours_in_words_and_shapes(outputs):
    text = plain(html_of(outputs["forankring/testby.md"]))
    assert "● Grøn – båret af frivillige" in text
    assert "▲ Gul – koordineres i mindre omfang af kommunen" in text
    assert "■ Rød – koordineres i større omfang af kommunen" in text
    assert "○ Ikke vurderet – forankringen er ikke beskrevet" in text
    assert "(vurderet af Overblik)" in text
    # the memo's sections as headings with stable anchors, in order
    page = html_of(outputs["forankring/testby.md"])
    headings = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', page)
    assert headings == [
        ("farverne", "Sådan læses farverne"),
        ("afsnit-1", "Initiativer for ældre"),
        ("afsnit-2", "Initiativer for voksne"),
        ("afsnit-3", "Under udvikling"),
        ("andre", "Andre initiativer med forankring"),
        ("kilde", "Kilde"),
    ]


def test_anchoring_falls_back_to_the_report_with_most_anchored_initiatives(tmp_path):
    content = shutil.copytree(CONTENT, tmp_path / "content")
    memo = content / "kommuner/testby/rapporter/statusnotat-2019.md"
    memo.write_text(memo.read_text(encoding="utf-8").replace("viser_forankring: true\n", ""), encoding="utf-8")
    repo = load_repository(content)
    index = SiteIndex.build(repo)
    ov = anchoring_overview(repo, repo.kommuner["testby"], index.kommune["testby"]["initiativ"])
    # cafeen and vennerne take their colour from statusnotat-2019, klinikken from puljestatus-2019
    assert ov.report.slug == "statusnotat-2019"
    # vennerne's colour from puljestatus-2019 as well: a tie, and the newer report wins
    vennerne = content / "kommuner/testby/initiativer/vennerne.md"
    text = vennerne.read_text(encoding="utf-8")
    vennerne.write_text(
        text.replace("  rapport: statusnotat-2019\n", "  rapport: puljestatus-2019\n", 1), encoding="utf-8"
    )
    repo = load_repository(content)
    index = SiteIndex.build(repo)
    ov = anchoring_overview(repo, repo.kommuner["testby"], index.kommune["testby"]["initiativ"])
    assert ov.report.slug == "puljestatus-2019"


def test_a_colour_names_its_source_on_the_page(outputs):
    page = plain(html_of(outputs["initiativer/vennerne.md"]))
    assert "Overbliks vurdering ud fra beskrivelsen i Statusnotat om frivillige initiativer 2019" in page
    page = plain(html_of(outputs["initiativer/cafeen.md"]))
    assert "farven står i Statusnotat om frivillige initiativer 2019" in page
    # on the overview, a colour from another report than the memo names that report
    text = plain(html_of(outputs["forankring/testby.md"]))
    assert "farven står i Testpuljen – status 2019" in text


# --- funding -----------------------------------------------------------------


def test_funding_figures(repo):
    ov = funding_overview(repo, "testpuljen", 2019)
    assert ov.total == 250_000 + 500_000 + 566_000
    assert [line.entry.slug for line in ov.with_amount] == ["klinikken", "klippekort", "frivilligstoette"]
    sections = ov.sections()
    assert [(s.title, [f.entry.slug for f in s.funded], [c.entry.slug for c in s.covered]) for s in sections] == [
        ("Klinikken", ["klinikken"], []),
        ("Klippekort", ["klippekort"], []),
        # vennerne by its status in the report, kursusdag as a part (del_af) of frivilligstoette
        ("Frivilligstøtte", ["frivilligstoette"], ["kursusdag", "vennerne"]),
    ]
    # portalen is funded for a period that reaches into 2019: not a share of 2019's allocation
    assert "portalen" not in {line.entry.slug for line in ov.lines}
    assert ov.report.slug == "puljestatus-2019"
    klinik = ov.lines[0]
    step = klinik.goals[0].latest
    assert (step.value, step.text, step.share_text) == (43, "43 af 110–120 borgere pr. 1. maj 2019", "36–39 % af målet")


def test_funding_page_figures_and_progress_bar(outputs):
    page = html_of(outputs["finansiering/testpuljen-2019.md"])
    text = plain(page)
    assert "Samlet beløb 1.316.000 kr. fordelt på 3 initiativer" in text
    assert re.search(r"I alt\s+1\.316\.000 kr\.", text)
    assert "Omfatter: Kursusdag for frivillige, Vennerne" in text
    assert "43 af 110–120 borgere pr. 1. maj 2019 (36–39 % af målet)" in text
    assert "21 af 50–60 borgere pr. 1. maj 2019 (35–42 % af målet)" in text
    assert "2 af 2 gruppeforløb pr. 1. maj 2019 (målet er nået)" in text
    assert "Målet er ikke gjort op i tal." in text
    assert "Også med midler fra Testpuljen i 2019, uden eget beløb" not in text
    assert "Portalen" not in text
    bars = re.findall(r'<div class="ob-meter__bar" role="progressbar" ([^>]+)>', page)
    assert len(bars) == 3
    first = dict(re.findall(r'([\w-]+)="([^"]*)"', bars[0]))
    assert first["aria-valuemin"] == "0" and first["aria-valuemax"] == "120" and first["aria-valuenow"] == "43"
    assert first["aria-valuetext"] == "43 af 110–120 borgere pr. 1. maj 2019"
    label = re.search(r'id="' + re.escape(first["aria-labelledby"]) + r'">([^<]+)', page).group(1)
    assert label.startswith("43 af 110–120 borgere")


@pytest.mark.parametrize(
    "value, target, text, share, bar, start",
    [
        (43, (110, 120), "43 af 110–120 borgere pr. 1. maj 2019", "36–39 % af målet", 36, 92),
        (2, (2, 2), "2 af 2 borgere pr. 1. maj 2019", "målet er nået", 100, None),
        (1, (2, 2), "1 af 2 borgere pr. 1. maj 2019", "50 % af målet", 50, None),
        (5, (4, 6), "5 af 4–6 borgere pr. 1. maj 2019", "inden for målet", 83, 67),
        (150, (110, 120), "150 af 110–120 borgere pr. 1. maj 2019", "målet er nået", 100, 73),
        (1500, (1200, 1200), "1.500 af 1.200 borgere pr. 1. maj 2019", "målet er nået", 100, None),
        (7, None, "7 borgere pr. 1. maj 2019", "", 100, None),
    ],
)
def test_progress_figures(value, target, text, share, bar, start):
    p = Progress(
        value, parse_date("2019-05-01"), Maalvaerdi(min=target[0], max=target[1]) if target else None, "borgere"
    )
    assert (p.text, p.share_text, p.bar_percent, p.range_start_percent) == (text, share, bar, start)
    # ARIA wants plain numbers, and the value never beyond the maximum
    assert float(p.aria_now) <= float(p.aria_max)
    assert "." not in p.aria_max or p.aria_max.replace(".", "").isdigit()


# --- goal frameworks ---------------------------------------------------------


def test_goal_pages_have_an_anchor_per_goal(outputs):
    page = html_of(outputs["maal/testmaal.md"])
    ids = re.findall(r'<h2 id="([^"]+)"', page)
    assert ids[1:4] == ["maal-1", "maal-2", "maal-3"]
    text = plain(page)
    assert "1. Færre skal være ensomme" in text
    assert "Ingen initiativer i Overblik er knyttet til dette mål endnu." in text


def test_goal_page_shows_latest_status(repo, index):
    catalog = build_catalog(repo, index)
    ov = next(p.data for p in catalog.of_kind("maalramme") if p.slug == "testmaal")
    goal1 = ov.goals[0]
    assert [(i.entry.slug, i.status.rapport) for i in goal1.items] == [("cafeen", "statusnotat-2019")]  # not 2018
    assert [len(g.items) for g in ov.goals] == [1, 1, 0]
    assert ov.initiative_count == 2


def test_initiative_links_reach_goal_anchors(outputs):
    """The initiative page links to maal/<ramme>/#<mål>; the goal page has that id."""
    initiative = body(outputs["initiativer/cafeen.md"])
    assert 'href="../../maal/testmaal/#maal-1"' in initiative
    assert 'id="maal-1"' in html_of(outputs["maal/testmaal.md"])


# --- action plans ------------------------------------------------------------


def test_action_plan_lists_efforts_in_plan_order(outputs):
    page = html_of(outputs["handleplaner/handleplan-2020.md"])
    text = plain(page)
    # «Indsats 2» before «Indsats 10»: numbers sort as numbers
    assert text.index("Indsats 1: Flere med i foreningerne") < text.index("Indsats 2: Et medborgerhus")
    assert "Formål Formålet er at støtte foreningerne." in text
    assert "Strategimål Synlighed og netværk (Testbys strategimål)" in text
    assert "Aktører Frivilligteamet (ansvarlig) Testby Frivilligcenter Lokale foreninger" in text
    assert "Tidsplan 2020–2021" in text
    assert "Status Afsluttet pr. 2021" in text
    assert "Temamødet blev aflyst på grund af COVID-19." in text
    assert 'href="../../maal/teststrategi/#strategimaal-1"' in page
    # two initiatives under one effort: the one with a time plan is the effort, the other is listed with it
    assert text.count("Indsats 2:") == 1 and "Også under indsatsen Biblioteksprojektet" in text
    assert "Projektet holdt en workshop." in text


def test_natural_key_orders_numbers_as_numbers():
    titles = ["Indsats 10 'A'", "Indsats 2 'B'", "Indsats 1 'C'"]
    assert sorted(titles, key=natural_key) == ["Indsats 1 'C'", "Indsats 2 'B'", "Indsats 10 'A'"]


# --- activity overview -------------------------------------------------------


def test_activity_overview_by_target_group(outputs):
    page = html_of(outputs["aktivitetsoverblik/testby.md"])
    sections = re.split(r"<h2 ", page)[1:]
    titles = [re.search(r">([^<]+)</h2>", s).group(1) for s in sections]
    assert titles == ["Ældre", "Voksne"]
    assert "Vennerne" in sections[0] and "Vennerne" in sections[1]  # listed under each of its groups
    text = plain(sections[0])
    assert "Hver fredag kl. 12.00-14.00" in text
    assert "Kulturhuset, Strandvej 1, 2635 Testby" in text
    assert "Koordinator, Frivilligteamet" in text and "43 57 00 00" in text
    assert "Pris og tilmelding Egenbetaling, 40 kr. · Du kan bare møde op" in text


# One page of each overview kind in the fixture content.
OVERVIEW_PAGES = [
    "forankring/testby.md",
    "finansiering/testpuljen-2019.md",
    "maal/testmaal.md",
    "handleplaner/handleplan-2020.md",
    "aktivitetsoverblik/testby.md",
]


# --- print head, escaping, report pages ---------------------------------------


@pytest.mark.parametrize(
    "src",
    OVERVIEW_PAGES,
)
def test_every_overview_has_a_print_head_with_date_and_source(outputs, src):
    page = body(outputs[src])
    head = re.search(r'<div class="ob-print-head"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "Testby Kommune" in head or src.startswith("maal/testmaal")
    assert re.search(r"(Status pr\.|Oplysninger senest bekræftet) \S", head)
    assert "Kilde" in head
    foot = re.search(r'<div class="ob-print-foot"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "https://overblik.example.dk/overblik/" + src[:-3] + "/" in foot
    if not src.startswith("aktivitetsoverblik"):  # a booklet: groups follow on, no blank half pages
        assert page.count('class="ob-page-break"') >= 1


def test_content_is_escaped_on_every_overview(outputs):
    for src, out in outputs.items():
        if src.split("/")[0] in OVERVIEW_SECTIONS:
            text = body(out)
            assert "<img src=x" not in text and "<Fælles>" not in text, src


def test_the_initiatives_an_overview_lists_are_left_out_of_the_search_index(outputs):
    """Each initiative on an overview (its row in a table, its section) carries
    data-pagefind-ignore, as lists of cards do: the initiative's own page is in the
    index, so a search for it does not also list every memo it is in; an overview is
    found by its own title and text."""
    seen = 0
    for src, out in outputs.items():
        if src.split("/")[0] not in OVERVIEW_SECTIONS:
            continue
        page = html_of(out)
        for tag in re.findall(r'<details class="ob-group ob-group--memo"[^>]*>|<ul class="ob-covered"[^>]*>', page):
            assert "data-pagefind-ignore" in tag, (src, tag)
        seen += len(
            re.findall(r"<details class=\"ob-group ob-group--memo\" data-pagefind-ignore>.*?</details>", page, re.S)
        )
        outside = re.sub(
            r"<details class=\"ob-group ob-group--memo\" data-pagefind-ignore>.*?</details>", "", page, flags=re.S
        )
        for tag in re.findall(r'<article class="ob-memo-item[^"]*"[^>]*>', outside):
            assert "data-pagefind-ignore" in tag, (src, tag)
            seen += 1
        for label in ("Beløb pr. initiativ", "Andre initiativer med forankring"):
            for tag in re.findall(rf'<div class="ob-scroll"[^>]*aria-label="{label}"[^>]*>', page):
                assert "data-pagefind-ignore" in tag, (src, tag)
    assert seen >= 10


def test_report_page_groups_initiatives_by_its_sections(outputs):
    page = html_of(outputs["rapporter/statusnotat-2019.md"])
    h3 = re.findall(r"<h3[^>]*>([^<]+)</h3>", page)
    assert h3 == ["Initiativer for ældre", "Initiativer for voksne", "Under udvikling"]
    assert 'href="../../forankring/testby/"' in page  # the overview made from it


def test_unknown_section_is_an_error_for_editors(tmp_path):
    content = shutil.copytree(CONTENT, tmp_path / "content")
    path = content / "kommuner/testby/initiativer/vennerne.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("afsnit: Initiativer for voksne", "afsnit: Initiativer for voksen"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        load_repository(content)
    report = format_report(err.value.problems)
    assert "vennerne.md" in report and "historik › punkt 1 › afsnit" in report
    assert (
        "afsnittet «Initiativer for voksen» findes ikke i rapporten «statusnotat-2019». Mente du «Initiativer for voksne»?"
        in report
    )


# --- golden files --------------------------------------------------------------


@pytest.mark.parametrize(
    "src",
    OVERVIEW_PAGES,
)
def test_overview_matches_golden(outputs, src):
    text = body(outputs[src])
    golden = GOLDEN / (src.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
