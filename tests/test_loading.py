"""Loading and validation: the exact Danish text editors see (golden files).

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import GOOD_INITIATIVE, content_tree
from overblik.content.fieldtypes import FORMATS
from overblik.content.problems import ContentError, format_report
from overblik.content.repository import load_repository
from overblik.content.schemas import Hyppighed, Initiativ, Kommune, Sted, Ugedag
from overblik.content.validation import explain, literal_values

FIXTURE = Path(__file__).parent / "fixtures" / "content"
GOLDEN = Path(__file__).parent / "golden" / "errors"
INIT = "kommuner/testby/initiativer"


CASES: dict[str, dict[str, str | bytes]] = {
    "unknown_and_wrong_types": {
        f"{INIT}/strik.md": """---
navn: Strikkeklub
resume: Vi strikker sammen.
type: aktivitet
status: aktiv
startaar: 20166
maaalgrupper: [aeldre]
tidspunkt:
  - hyppighed: ugentlig
    fra: "25:00"
senest_bekraeftet: 2019-02-30
---
""",
    },
    "references": {
        f"{INIT}/strik.md": """---
navn: Strikkeklub
resume: Vi strikker sammen.
type: aktivitt
status: aktiv
maalgrupper: [aeldre, boern]
steder: [kulturhus]
partnere: [aeldreforening]
bidrager_til: [testmaal/maal-2]
historik:
  - dato: 2019
    rapport: statusnotat-2018
    tekst: Godt i gang.
senest_bekraeftet: 2019-04
---
""",
    },
    "urls": {
        f"{INIT}/strik.md": """---
navn: Strikkeklub
resume: Vi strikker sammen.
type: aktivitet
status: aktiv
kontakt:
  web: javascript:alert(1)
  email: ikke-en-adresse
links:
  - titel: Ftp
    url: ftp://example.org/fil
senest_bekraeftet: 2019-04
---
""",
    },
    "yaml_syntax": {
        f"{INIT}/strik.md": """---
navn: Strikkeklub: for alle
resume: Vi strikker sammen.
---
""",
    },
    "yaml_indented_too_far": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace("resume:", " resume:"),
    },
    "yaml_tab": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace(
            "status: aktiv\n", "status: aktiv\ntidspunkt:\n\t- hyppighed: ugentligt\n"
        ),
    },
    "yaml_unclosed_quote": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace("resume: Vi strikker sammen.", 'resume: "Vi strikker sammen.'),
    },
    "yaml_missing_colon": {
        "kommuner/testby/steder/hjoernet.yml": "navn: Hjørnet\nomraade Strandparken\nresume: Et mødested.\n",
    },
    "body_html_and_links": {
        f"{INIT}/strik.md": GOOD_INITIATIVE + "Kom <b>og</b> strik.<br>\nSe [spisningen](faellesspisning.md), "
        "[holdet](../organisationer/frivilligteamet.yml) og [klubben](strikkeklubben.md).\n\n```\n<pre>kode</pre>\n```\n",
    },
    "duplicate_key": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace("status: aktiv\n", "status: aktiv\nstatus: afsluttet\n"),
    },
    "duplicate_slug": {
        "faelles/organisationer/frivilligteamet.yml": "navn: Frivilligteamet igen\ntype: forening\n",
    },
    "not_utf8": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace("Strikkeklub", "Strikkeklub for ældre").encode("latin-1"),
    },
    "no_front_matter": {
        f"{INIT}/strik.md": "navn: Strikkeklub\n",
    },
    "wrong_folder": {
        "kommuner/testby/initiativ/strik.md": GOOD_INITIATIVE,
        "strik.md": GOOD_INITIATIVE,
    },
    "bad_file_name": {
        f"{INIT}/Strik Klub.md": GOOD_INITIATIVE,
    },
    "case_sections": {
        "kommuner/testby/cases/ufaerdig.md": """---
titel: Ufærdig case
resume: Mangler afsnit.
senest_bekraeftet: 2019-04
---
## Udfordring
Tekst.

## Samarbejd
Tekst.

## Erfaringer og gode råd
Ingen overskrifter her.
""",
    },
    "anchoring_without_source": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace(
            "senest_bekraeftet:",
            "forankring:\n  niveau: groen\n  vurderet: true\n  beskrivelse: Frivillige står for det hele.\nsenest_bekraeftet:",
        ),
        f"{INIT}/haekling.md": GOOD_INITIATIVE.replace("Strikkeklub", "Hækleklub").replace(
            "senest_bekraeftet:", "forankring:\n  niveau: roed\n  rapport: statusnotat-2018\nsenest_bekraeftet:"
        ),
    },
    # Each pattern's error names the form and an example; a choice lists the model's own values.
    "formats_and_choices": {
        "kommuner/testby/steder/medborgerhuset.yml": """navn: Medborgerhuset
postnummer: abc
kilder: Statusnotat 2019
""",
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace(
            "senest_bekraeftet:",
            "aftale: drift\npris: gratiss\nkontakt:\n  telefon: ring til os\n"
            "tidspunkt:\n  hyppighed: ugentligt\n  ugedage: mandg\nsenest_bekraeftet:",
        ),
    },
    "folder_and_field_disagree": {
        f"{INIT}/strik.md": GOOD_INITIATIVE.replace("type: aktivitet\n", "type: aktivitet\nkommune: andenby\n"),
    },
}


def test_fixture_content_is_valid():
    repo = load_repository(FIXTURE, FIXTURE.parent)
    assert set(repo.initiativer) == {"faellesspisning", "nyt-netvaerk"}
    assert repo.cases["godt-samarbejde"].case_body.sections["erfaringer"].items[0].title == "Start småt"


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_report_matches_golden(tmp_path, name):
    root = content_tree(tmp_path, CASES[name])
    with pytest.raises(ContentError) as info:
        load_repository(root / "content", root)
    text = format_report(info.value.problems) + "\n"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_all_problems_reported_at_once(tmp_path):
    files = {
        **CASES["unknown_and_wrong_types"],
        **CASES["duplicate_slug"],
        f"{INIT}/andet.md": CASES["references"][f"{INIT}/strik.md"],
    }
    root = content_tree(tmp_path, files)
    with pytest.raises(ContentError) as info:
        load_repository(root / "content", root)
    files_named = {p.path for p in info.value.problems}
    assert len(files_named) == 4  # without git, a duplicate id is reported on both files
    assert all(p.line for p in info.value.problems)


def test_bom_crlf_and_decomposed_letters_are_read(tmp_path):
    text = GOOD_INITIATIVE.replace("Strikkeklub", "Strikkeklub for a\u030aben ældre").replace("\n", "\r\n")
    root = content_tree(tmp_path, {f"{INIT}/strik.md": "\ufeff".encode() + text.encode("utf-8")})
    repo = load_repository(root / "content", root)
    assert repo.initiativer["strik"].model.navn == "Strikkeklub for åben ældre"


def test_times_and_dates_are_not_reinterpreted_by_yaml(tmp_path):
    text = GOOD_INITIATIVE.replace(
        "senest_bekraeftet", "tidspunkt:\n  - hyppighed: ugentligt\n    fra: 9:30\n    til: 11:00\nsenest_bekraeftet"
    )
    root = content_tree(tmp_path, {f"{INIT}/strik.md": text})
    t = load_repository(root / "content", root).initiativer["strik"].model.tidspunkt[0]
    assert (t.fra, t.til) == ("09:30", "11:00")


def test_a_choice_lists_the_values_of_the_models_literal():
    """The allowed values come from the annotation, not from pydantic's English message."""
    assert literal_values(Initiativ, ("tidspunkt", 0, "hyppighed")) == list(typing.get_args(Hyppighed))
    assert literal_values(Initiativ, ("tidspunkt", 0, "ugedage", 2)) == list(typing.get_args(Ugedag))
    assert literal_values(Initiativ, ("pris", "type")) == ["gratis", "egenbetaling"]
    error = {
        "type": "literal_error",
        "loc": ("aftale",),
        "input": "drift",
        "ctx": {"expected": "'nonsense' or 'other'"},
    }
    assert explain(error, Initiativ) == 'forventede værdien driftsaftale; fandt teksten "drift".'
    error = {"type": "literal_error", "loc": ("region",), "input": "Hovedstaden", "ctx": {}}
    assert explain(error, Kommune).startswith("forventede en af: Region Hovedstaden, Region Sjælland, ")


def test_a_pattern_error_names_the_form_and_an_example():
    with pytest.raises(ValidationError) as info:
        Sted.model_validate({"navn": "Medborgerhuset", "postnummer": "abc"})
    (error,) = info.value.errors()
    assert error["type"] == "string_pattern_mismatch"
    assert explain(error, Sted) == 'forventede et postnummer med fire cifre, fx 2635; fandt teksten "abc".'
    assert Sted.model_validate({"navn": "Medborgerhuset", "postnummer": 2635}).postnummer == "2635"
    for fmt in FORMATS.values():
        assert fmt.message().startswith("forventede ") and fmt.example in fmt.message()
