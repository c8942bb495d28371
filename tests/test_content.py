"""The shipped content: what each seed document produced, and the rules it
was written by. A count that drops means content was lost by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from overblik.repository import load_repository

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# report id -> (initiatives, cases, organisations, places, pages) citing that document
PRODUCED = {
    "statusnotat-frivillige-sociale-initiativer-2019": (26, 0, 28, 12, 1),  # 000 Ishøj, April 2019
    "status-10-maal-social-mobilitet-2017": (65, 0, 29, 3, 0),  # 001 Ishøj, January 2017
    "status-vaerdighedsmilliarden-2019": (14, 0, 4, 5, 0),  # 002 Ishøj, May 2019
    "status-handleplan-frivilligt-socialt-arbejde-2020-2022": (8, 0, 22, 6, 0),  # 003 Rødovre: 7 efforts + the project they name
    "casesamling-samarbejde-med-civilsamfundet": (0, 6, 14, 0, 1),  # 004 cases
}

# Staff members named in the seed documents: never shown on the site.
PERSONAL_NAMES = [
    "Ane Katrine Jensen", "Birthe Bergmann Sejrup", "Mette Vagner Rasmussen", "Lene Stampe Krusaa",
    "Simon Laurids Severin Vedel Pedersen", "Maduri Maheswaran",
]


@pytest.fixture(scope="module")
def repo():
    return load_repository(ROOT / "content", ROOT)


def produced(repo, report: str) -> tuple[int, int, int, int, int]:
    return (
        sum(any(h.rapport == report for h in e.model.historik) or report in e.model.kilder for e in repo.initiativer.values()),
        sum(e.model.rapport == report for e in repo.cases.values()),
        sum(report in e.model.kilder for e in repo.organisationer.values()),
        sum(report in e.model.kilder for e in repo.steder.values()),
        sum(e.model.rapport == report for e in repo.sider.values()),
    )


@pytest.mark.parametrize("report", sorted(PRODUCED))
def test_each_document_produced_its_content(repo, report):
    assert produced(repo, report) == PRODUCED[report]


def test_one_file_per_initiative_with_history_from_each_document(repo):
    def reports(slug):
        return {h.rapport for h in repo.initiativer[slug].model.historik}

    assert reports("navigator-ishoj") == {"status-10-maal-social-mobilitet-2017", "statusnotat-frivillige-sociale-initiativer-2019"}
    assert {"status-10-maal-social-mobilitet-2017", "statusnotat-frivillige-sociale-initiativer-2019",
            "status-vaerdighedsmilliarden-2019"} <= reports("sorg-og-livsmodsgrupper")
    for slug in ("aeldrecafeerne", "seniorvenner", "fredagscafeen", "mentor-ishoj"):
        assert len(reports(slug)) >= 1, slug
    # What one source calls something else stays apart: the 2017 memo's surplus café, Ældres Netværk
    # and its SeniorNet are not merged into Fredagscaféen, the elder cafés or SeniorVenner.
    for slug in ("fredagscafeen", "seniorvenner", "aeldrecafeerne"):
        assert reports(slug) == {"statusnotat-frivillige-sociale-initiativer-2019"}, slug
    assert reports("overskudscafeen") == reports("aeldres-netvaerk") == {"status-10-maal-social-mobilitet-2017"}
    names = [e.name.casefold() for e in repo.initiativer.values()]
    assert len(names) == len(set(names)), "to initiativer har samme navn"


def test_goal_frameworks(repo):
    frameworks = repo.vocabulary.maalrammer
    assert len(frameworks["social-mobilitet"].maal) == 10
    assert set(frameworks["roedovre-strategi"].maal) == {"strategimaal-1", "strategimaal-2"}
    plan = "status-handleplan-frivilligt-socialt-arbejde-2020-2022"
    roedovre = [e for e in repo.initiativer.values() if any(h.rapport == plan for h in e.model.historik)]
    assert len(roedovre) == 7  # the plan's seven efforts
    assert all(any(r.startswith("roedovre-strategi/") for r in e.model.bidrager_til) for e in roedovre)


def test_vaerdighedsmilliarden_2019_figures(repo):
    amounts = {
        e.slug: f.beloeb
        for e in repo.initiativer.values()
        for f in e.model.finansiering
        if f.kilde == "vaerdighedsmilliarden" and f.aar == 2019 and f.beloeb
    }
    assert sorted(amounts.values()) == sorted([250_000, 500_000, 590_000, 566_000, 442_000, 200_000, 500_000])
    clinic = repo.initiativer["kontinensklinik"].model
    goal = clinic.maal[0]
    assert (goal.maalvaerdi.min, goal.maalvaerdi.max) == (110, 120)
    assert [(s.dato.iso(), s.vaerdi) for s in goal.fremskridt] == [("2019-05-01", 43)]


def test_six_cases_with_all_sections(repo):
    assert sorted(e.kommune for e in repo.cases.values()) == sorted(
        ["svendborg", "kolding", "roskilde", "assens", "guldborgsund", "koebenhavn"]
    )
    for case in repo.cases.values():
        assert {"udfordring", "samarbejde", "ambition", "afproevet", "svaert", "erfaringer"} <= set(case.case_body.sections)


def test_no_staff_names_anywhere():
    for path in (ROOT / "content").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for name in PERSONAL_NAMES:
                assert name not in text, f"{path}: {name}"
                assert name.split()[-1] not in text or name.split()[-1] in ("Jensen", "Pedersen"), f"{path}: {name}"


def test_nothing_invented_that_the_sources_do_not_give(repo):
    """The seed documents give no clock times, coordinates, phone numbers or e-mail addresses."""
    for e in repo.initiativer.values():
        m = e.model
        assert all(t.fra is None and t.til is None for t in m.tidspunkt), e.rel
        assert not (m.kontakt and (m.kontakt.telefon or m.kontakt.email)), e.rel
    for e in repo.steder.values():
        assert e.model.koordinater is None, e.rel
    for e in repo.organisationer.values():
        assert not (e.model.telefon or e.model.email), e.rel


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside the repository")
def test_no_sentence_copied_from_the_seeds():
    """No run of 12 words from a seed document appears in the content (web
    addresses aside; the long official name of a fund is the one allowed run)."""
    allowed = "a p møller og hustru chastine mc kinney møllers fond til almene formaal"

    def words(text):
        text = re.sub(r"https?://\S+|www\.\S+", " ", text.casefold())
        return " ".join(re.findall(r"[\wæøåé]+", text)).replace(allowed, " ").split()

    shingles = set()
    for seed in SEEDS.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8"))
        shingles.update(" ".join(w[i : i + 12]) for i in range(len(w) - 11))
    copied = []
    for path in (ROOT / "content").rglob("*.md"):
        # Titles of efforts quoted from a plan are names, not sentences.
        w = words(re.sub(r"'[^'\n]{1,120}'", " ", path.read_text(encoding="utf-8")))
        for i in range(len(w) - 11):
            if " ".join(w[i : i + 12]) in shingles:
                copied.append(f"{path.relative_to(ROOT)}: {' '.join(w[i:i+12])}")
                break
    assert not copied, copied
