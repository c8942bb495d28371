"""The overviews of the real content reproduce the seed memos' figures (issue 6):
Ishøj's status memo of April 2019 (anchoring), the 10 goals for social mobility,
Værdighedsmilliarden 2019 and Rødovre's action plan 2020-2022.

The figures here are typed in from the seed documents in ../shared/seeds/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from overblik.content.repository import load_repository
from overblik.overviews.catalog import build_catalog
from overblik.site.siteindex import SiteIndex

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def repo():
    return load_repository(ROOT / "content", ROOT)


@pytest.fixture(scope="module")
def catalog(repo):
    return build_catalog(repo, SiteIndex.build(repo))


def overview(catalog, kind, slug):
    found = [p for p in catalog.pages if p.kind == kind and p.slug == slug]
    assert found, f"{kind}/{slug} mangler"
    return found[0].data


# 002: «Status på initiativerne», in the memo's order, with the amount set aside for 2019
VAERDIGHED_2019 = [
    ("Kontinensklinik", 250_000),
    ("Klippekortsordning", 500_000),
    ("Velfærdsteknologi", 590_000),
    ("Understøttelse af initiativer på frivilligområdet", 566_000),
    ("Initiativer med fokus på sundhed, ulighed og ensomhed", 442_000),
    ("Gode indflytninger for demensramte på plejehjem", 200_000),
    ("Aktivitetscenter Egely", 500_000),
]


def test_vaerdighedsmilliarden_2019_amounts_and_total(catalog):
    ov = overview(catalog, "finansiering", "vaerdighedsmilliarden-2019")
    assert [(line.entry.name, line.funding.beloeb) for line in ov.with_amount] == VAERDIGHED_2019
    assert ov.total == 3_048_000
    assert ov.report.slug == "status-vaerdighedsmilliarden-2019"


def test_vaerdighedsmilliarden_2019_progress(catalog):
    ov = overview(catalog, "finansiering", "vaerdighedsmilliarden-2019")
    texts = {s.text for line in ov.lines for g in line.goals for s in g.steps}
    assert "43 af 110–120 borgere pr. 1. maj 2019" in texts  # Kontinensklinik
    assert "21 af 50–60 borgere pr. 1. maj 2019" in texts  # Klippekortsordning


def test_ten_goals_for_social_mobility(catalog):
    ov = overview(catalog, "maalramme", "social-mobilitet")
    assert [g.id for g in ov.goals] == [f"maal-{n}" for n in range(1, 11)]
    assert ov.goals[0].term.navn == "Udsatte børn og unges faglige niveau i folkeskolen skal forbedres"
    assert ov.goals[9].term.navn == "Flere uden for arbejdsfællesskabet skal deltage i den frivillige indsats"
    # 001 treats goals 3, 4 and 5 in one section (Jobcenter Vallensbæk), whose efforts
    # all concern handicap; the content links them to goal 3 only.
    empty = [g.id for g in ov.goals if not g.items and g.id not in ("maal-4", "maal-5")]
    assert empty == [], f"mål uden initiativer: {empty}"


RODOVRE = [
    ("Flere med i foreningerne", ["strategimaal-2"], "2020"),
    ("Alle har brug for et fællesskab", ["strategimaal-2"], "2021"),
    ("Bedre overgange til civilsamfundet", ["strategimaal-2"], "2020–2021"),
    (None, ["strategimaal-1", "strategimaal-2"], "2020"),  # medborgerhus ved Islev Bibliotek
    ("Netværksfamilier til udsatte familier", ["strategimaal-2"], "2020"),
    (None, ["strategimaal-1", "strategimaal-2"], "2020–2021"),  # samspil med Vores Sunde Hverdag
    (None, ["strategimaal-2"], "2020–2021"),  # Sammen med Borgeren i Islev
]


def test_roedovre_action_plan(catalog):
    plan = overview(catalog, "handleplan", "status-handleplan-frivilligt-socialt-arbejde-2020-2022")
    assert len(plan) == 7
    for effort, (name, goals, period) in zip(plan, RODOVRE):
        m = effort.entry.model
        if name:
            assert effort.entry.name == name
        assert [g.goal_id for g in effort.goals] == goals, effort.entry.name
        t = m.tidsplan
        assert (f"{t.fra}" if not t.til or t.til == t.fra else f"{t.fra}–{t.til}") == period, effort.entry.name
        assert m.formaal and effort.status.tekst and effort.organisations, effort.entry.name


ISHOJ_SECTIONS = [
    ("Initiativer for voksne", 7),
    ("Initiativer for ældre", 7),
    ("Initiativer for unge", 1),
    ("Initiativer med driftsaftale med Ishøj Kommune", 2),
]


def test_ishoj_anchoring_grouped_as_the_memo(catalog):
    ov = overview(catalog, "forankring", "ishoj")
    assert ov.report.slug == "statusnotat-frivillige-sociale-initiativer-2019"
    found = [(s.title, len(s.items)) for s in ov.sections]
    assert [f for f in found if f[0] in dict(ISHOJ_SECTIONS)] == ISHOJ_SECTIONS
    titles = [t for t, _ in found]
    assert titles.index("Initiativer under udvikling i 2019") == len(titles) - 1


@pytest.mark.browser
@pytest.mark.parametrize(
    "path, figures",
    [
        ("forankring/ishoj/", ["Initiativer for voksne", "Navigator Ishøj", "Grøn – båret af frivillige"]),
        (
            "finansiering/vaerdighedsmilliarden-2019/",
            ["3.048.000 kr.", "43 af 110–120 borgere pr. 1. maj 2019", "250.000 kr."],
        ),
        ("maal/social-mobilitet/", ["10. Flere uden for arbejdsfællesskabet skal deltage i den frivillige indsats"]),
        ("handleplaner/status-handleplan-frivilligt-socialt-arbejde-2020-2022/", ["Indsats 7", "Strategimål"]),
        ("aktivitetsoverblik/ishoj/", ["Ældre"]),
    ],
)
def test_real_overviews_print(page, site_url, path, figures):
    pypdf = pytest.importorskip("pypdf")
    page.goto(site_url + path)
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert re.search(r"(Status pr\.|Oplysninger senest bekræftet) [0-9a-zæøå]", text), (path, number)
        assert "/" + path in text, (path, number)
        assert f"Side {number} af {len(texts)}" in text, (path, number)
    whole = " ".join(texts)
    for figure in figures:
        assert figure in whole, (path, figure)


OVERVIEW_PAGES = [
    "overblik/",
    "forankring/ishoj/",
    "finansiering/vaerdighedsmilliarden-2019/",
    "maal/social-mobilitet/",
    "handleplaner/status-handleplan-frivilligt-socialt-arbejde-2020-2022/",
    "aktivitetsoverblik/ishoj/",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", OVERVIEW_PAGES)
def test_overviews_have_no_axe_violations(page, site_url, path):
    """WCAG 2.1 AA as axe-core sees it (the checks axe cannot make are in test_overviews_print)."""
    axe = pytest.importorskip("axe_playwright_python")
    page.goto(site_url + path)
    page.add_script_tag(path=str(Path(axe.__file__).with_name("axe.min.js")))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    )
    violations = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]
    assert violations == []
