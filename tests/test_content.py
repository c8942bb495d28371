"""The shipped content: what each seed document produced, and the rules it
was written by. A count that drops means content was lost by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from overblik.content.repository import load_repository

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# report id -> (initiatives, cases, organisations, places, pages) citing that document
PRODUCED = {
    "statusnotat-frivillige-sociale-initiativer-2019": (26, 0, 28, 11, 1),  # 000 Ishøj, April 2019
    "status-10-maal-social-mobilitet-2017": (65, 0, 29, 3, 0),  # 001 Ishøj, January 2017
    "status-vaerdighedsmilliarden-2019": (14, 0, 4, 5, 0),  # 002 Ishøj, May 2019
    "status-handleplan-frivilligt-socialt-arbejde-2020-2022": (
        8,
        0,
        22,
        6,
        0,
    ),  # 003 Rødovre: 7 efforts + the project they name
    "casesamling-samarbejde-med-civilsamfundet": (0, 6, 14, 0, 1),  # 004 cases
}

# Staff members named in the seed documents: never shown on the site. Every
# person the seeds name (the memos' signatures, the cases' contact persons).
PERSONAL_NAMES = [
    "Ane Katrine Jensen",
    "Birthe Bergmann Sejrup",
    "Mette Vagner Rasmussen",
    "Lene Stampe Krusaa",
    "Simon Laurids Severin Vedel Pedersen",
    "Maduri Maheswaran",
    "Anne Grete Pilgaard",
]
MEMO = "statusnotat-frivillige-sociale-initiativer-2019"  # 000: the only source that describes anchoring per initiative


@pytest.fixture(scope="module")
def repo():
    return load_repository(ROOT / "content", ROOT)


def produced(repo, report: str) -> tuple[int, int, int, int, int]:
    return (
        sum(
            any(h.rapport == report for h in e.model.historik) or report in e.model.kilder
            for e in repo.initiativer.values()
        ),
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

    assert reports("navigator-ishoj") == {
        "status-10-maal-social-mobilitet-2017",
        "statusnotat-frivillige-sociale-initiativer-2019",
    }
    assert {
        "status-10-maal-social-mobilitet-2017",
        "statusnotat-frivillige-sociale-initiativer-2019",
        "status-vaerdighedsmilliarden-2019",
    } <= reports("sorg-og-livsmodsgrupper")
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
        assert {"udfordring", "samarbejde", "ambition", "afproevet", "svaert", "erfaringer"} <= set(
            case.case_body.sections
        )


def test_no_staff_names_anywhere():
    for path in (ROOT / "content").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for name in PERSONAL_NAMES:
                assert name not in text, f"{path}: {name}"
                assert name.split()[-1] not in text or name.split()[-1] in ("Jensen", "Pedersen"), f"{path}: {name}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside the repository")
def test_the_staff_name_guard_covers_every_person_in_the_seeds():
    """Each name on the list is in a seed, and every line that names a contact
    person or signs a memo holds a name on the list."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    flat = re.sub(r"\s+", " ", text)
    assert [n for n in PERSONAL_NAMES if n not in flat] == []
    lines = [line for line in text.splitlines() if "Kontaktperson" in line]
    # the memos end with their author's name alone on a line, after the date
    lines += [
        nxt
        for line, nxt in zip(text.splitlines(), text.splitlines()[2:])
        if re.fullmatch(r"\s*(Den \d+\. )?\w+ 2019\s*", line)
    ]
    assert len(lines) == 8  # six contact persons in the cases, two signatures
    assert [line for line in lines if not any(n in line for n in PERSONAL_NAMES)] == []


def test_colours_only_where_a_source_describes_the_anchoring(repo):
    """A colour is a judgement: it names a report that gives each initiative's
    anchoring (viser_forankring), and one the initiative itself cites."""
    coloured = {e.slug: e.model.forankring for e in repo.initiativer.values() if e.model.forankring}
    for slug, f in coloured.items():
        report = repo.rapporter[f.rapport]
        assert report.model.viser_forankring, f"{slug}: {f.rapport} beskriver ikke forankring"
        m = repo.initiativer[slug].model
        assert f.rapport in {h.rapport for h in m.historik} | set(m.kilder), slug
        assert f.vurderet, f"{slug}: the memo gives no colour in its text, only a description"
    # Only the April 2019 memo describes anchoring: its 24 initiatives, and no other.
    in_memo = {e.slug for e in repo.initiativer.values() if any(h.rapport == MEMO for h in e.model.historik)}
    assert set(coloured) == in_memo and len(coloured) == 24


def test_the_anchoring_overview_counts_only_the_memo(repo):
    from overblik.overviews.anchoring import anchoring_overview
    from overblik.site.siteindex import SiteIndex

    index = SiteIndex.build(repo)
    ov = anchoring_overview(repo, repo.kommuner["ishoj"], index.kommune["ishoj"]["initiativ"])
    assert ov.report.slug == MEMO
    assert len(ov.items) == 24 and ov.others == []
    assert ov.counts() == {"groen": 7, "gul": 9, "roed": 8}
    assert anchoring_overview(repo, repo.kommuner["roedovre"], index.kommune["roedovre"]["initiativ"]) is None


def test_every_status_has_a_source(repo):
    """An initiative's status is the one its newest dated source gives (a
    historik entry names its report); without one it is read from a report it
    cites. Where a source leaves it open, the status is «uafklaret»."""
    assert "uafklaret" in repo.vocabulary.statusser
    for e in repo.initiativer.values():
        m = e.model
        given = [h for h in m.historik if h.status]
        if given:
            newest = max(given, key=lambda h: h.dato.key())
            assert m.status == newest.status, f"{e.rel}: status {m.status}, men {newest.rapport} siger {newest.status}"
        else:
            assert m.kilder, f"{e.rel}: status {m.status} uden kilde"
    unclear = sorted(e.slug for e in repo.initiativer.values() if e.model.status == "uafklaret")
    assert unclear == ["flere-med-i-foreningerne", "mentor-ishoj", "noeffes-gadekoekken"]


def test_nothing_invented_that_the_sources_do_not_give(repo):
    """The seed documents give no clock times, coordinates, phone numbers or e-mail addresses."""
    for e in repo.initiativer.values():
        m = e.model
        assert all(t.fra is None and t.til is None for t in m.tidspunkt), e.rel
        assert not (m.kontakt and (m.kontakt.telefon or m.kontakt.email)), e.rel
    for e in repo.steder.values():
        assert e.model.koordinater is None, e.rel
    # The 2017 memo says how one joins only where help is granted (personal assistance, aids).
    granted = sorted(
        e.slug for e in repo.initiativer.values() if e.model.tilmelding and e.model.tilmelding.type == "visitation"
    )
    assert granted == ["hjaelpemidler-og-arbejdspladsindretning", "personlig-assistance-i-job-og-uddannelse"]
    # No source gives a price of nothing.
    for e in repo.initiativer.values():
        assert not (e.model.pris and e.model.pris.type == "gratis"), e.rel
        assert not any("gratis" in word.casefold() for word in e.model.noegleord), e.rel
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
                copied.append(f"{path.relative_to(ROOT)}: {' '.join(w[i : i + 12])}")
                break
    assert not copied, copied
