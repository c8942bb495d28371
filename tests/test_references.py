"""The two registries: content types declared once, references declared on the fields.

And the two bugs the hand-written copies had: a broken file of one type hid
"not found" errors for another type with the same id, and the unused-file
warning counted an initiative's `del_af` as a use of an organisation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import GOOD_INITIATIVE, ROOT, content_tree
from overblik.content.lint import lint
from overblik.content.problems import ContentError, close_matches
from overblik.content.references import references
from overblik.content.repository import load_repository
from overblik.content.schemas import Initiativ
from overblik.content.types import FOLDERS, KINDS, TYPE, TYPES
from overblik.editor.editorschema import FILE_GLOBS
from overblik.editor.fieldguide import VOCABULARY_FIELDS
from overblik.site import urls

FIXTURE = Path(__file__).parent / "fixtures" / "content"
INIT = "kommuner/testby/initiativer"


def _problems(root: Path) -> list:
    with pytest.raises(ContentError) as info:
        load_repository(root / "content", root)
    return info.value.problems


def test_every_table_of_content_types_comes_from_the_registry():
    assert KINDS[0] == "kommune" and set(KINDS) == set(TYPE)
    assert {kind: urls.SECTIONS[kind] for kind in TYPE} == {t.name: t.folder for t in TYPES}
    assert set(FOLDERS) == {"initiativer", "cases", "organisationer", "steder", "rapporter", "sider"}
    assert set(FILE_GLOBS) == {*TYPE, "vokabular"}
    assert TYPE["side"].reference_title == "Artikel (side)" and TYPE["side"].fragment == "artikel"


def test_vocabulary_fields_are_read_from_the_declarations():
    assert VOCABULARY_FIELDS[("Initiativ", "maalgrupper")] == "maalgrupper"
    assert VOCABULARY_FIELDS[("Statusindslag", "status")] == "statusser"
    assert VOCABULARY_FIELDS[("Initiativ", "bidrager_til")] == "maalrammer"
    assert ("Initiativ", "partnere") not in VOCABULARY_FIELDS  # an organisation, not a term


def test_walker_reads_models_and_raw_data_alike():
    data = {
        "navn": "x",
        "partnere": ["a", "b"],
        "steder": "c",
        "tidspunkt": [{"hyppighed": "ugentligt", "sted": "d"}],
        "kontakt": {"organisation": "e"},
        "del_af": "f",
    }
    found = {(r.loc, r.value, r.target) for r in references(Initiativ, data)}
    assert found == {
        (("partnere", 0), "a", "organisation"),
        (("partnere", 1), "b", "organisation"),
        (("steder",), "c", "sted"),
        (("tidspunkt", 0, "sted"), "d", "sted"),
        (("kontakt", "organisation"), "e", "organisation"),
        (("del_af",), "f", "initiativ"),
    }


def test_a_broken_place_does_not_hide_a_missing_organisation_with_the_same_id(tmp_path):
    root = content_tree(
        tmp_path,
        {
            "kommuner/testby/steder/hjoernet.yml": "omraade: Uden navn\n",  # schema error: navn mangler
            f"{INIT}/strik.md": GOOD_INITIATIVE.replace(
                "status: aktiv\n", "status: aktiv\npartnere: [hjoernet]\nsteder: [hjoernet]\n"
            ),
        },
    )
    messages = [(p.path.rsplit("/", 1)[-1], p.message) for p in _problems(root)]
    assert ("strik.md", "organisationen «hjoernet» findes ikke.") in messages
    # the place exists, only broken: no echo of its own error elsewhere
    assert not [m for f, m in messages if "stedet «hjoernet»" in m]


def test_an_initiatives_del_af_is_not_a_use_of_an_organisation(tmp_path):
    root = content_tree(
        tmp_path,
        {
            "kommuner/testby/organisationer/strikkeklub.yml": "navn: Strikkeklubben\ntype: forening\n",
            f"{INIT}/strikkeklub.md": GOOD_INITIATIVE,
            f"{INIT}/strik-for-begyndere.md": GOOD_INITIATIVE.replace(
                "status: aktiv\n", "status: aktiv\ndel_af: strikkeklub\n"
            ),
        },
    )
    repo = load_repository(root / "content", root)
    unused = [w.path for w in lint(repo, dt.date(2019, 5, 1)) if "intet indhold henviser" in w.message]
    assert "content/kommuner/testby/organisationer/strikkeklub.yml" in unused


def test_suggestions_are_close_and_of_the_right_kind():
    places = ["brohuset", "kulturhuset-i-vejleaaparken", "vejleaaparken"]
    assert close_matches("kulturhuset", places) == ["kulturhuset-i-vejleaaparken"]
    assert close_matches("svoemmehal", places) == []


def test_links_to_content_files_become_page_links_and_br_a_line_break():
    from overblik.content.bodytext import content_links
    from overblik.site.pages import Renderer
    from overblik.site.settings import Settings

    ids = {"aeldrecafeerne": ["initiativ"], "ishoj": ["kommune"]}
    link = lambda kind, slug: f"../../{kind}/{slug}/"  # noqa: E731
    text = "[Caféerne](aeldrecafeerne.md#tid), [Ishøj](../kommuner/ishoj/kommune.yml) og [x](https://x.dk)"
    assert content_links(text, ids, link) == (
        "[Caféerne](../../initiativ/aeldrecafeerne/#tid), [Ishøj](../../kommune/ishoj/) og [x](https://x.dk)"
    )
    repo = load_repository(FIXTURE, FIXTURE.parent)
    renderer = Renderer(repo, Settings())
    html = renderer.env.from_string("{{ text | prose }}").render(
        text="Se [spisningen](faellesspisning.md).<br>\nNy linje.", link=renderer.linker("initiativer/x.md")
    )
    assert '<a href="../faellesspisning/">spisningen</a>' in html and "<br>" in html and "&lt;br" not in html


def test_freshness_rule_and_wording_in_one_place():
    from overblik.content.fieldtypes import PartialDate
    from overblik.content.freshness import ago, is_future, is_overdue

    today = dt.date(2026, 11, 29)
    assert ago(PartialDate(2019, 4), today) == "for 7 år siden"
    assert ago(PartialDate(2025, 10, 1), today) == "for 13 måneder siden"
    assert ago(PartialDate(2026, 11, 8), today) == "for 3 uger siden"
    assert ago(PartialDate(2026, 11, 29), today) == "i dag"
    assert is_future(PartialDate(2062, 11, 29), today) and not is_future(PartialDate(2026, 11), today)

    class Model:
        senest_bekraeftet = PartialDate(2019, 4)
        status = "afsluttet"

    assert not is_overdue(Model(), today)  # finished: never overdue
    Model.status = "aktiv"
    assert is_overdue(Model(), today)


def test_an_entry_works_out_its_references_once():
    """Entry.references: what the walk of its model gives, kept for loading's check and the back-links."""
    repo = load_repository(ROOT / "content", ROOT)
    for entry in repo.all():
        found = entry.references()
        assert list(found) == list(references(type(entry.model), entry.model)), entry.rel
        assert entry.references() is found
    assert sum(len(e.references()) for e in repo.all()) == len(repo.links) > 50
