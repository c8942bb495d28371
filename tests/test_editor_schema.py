"""JSON Schemas and VS Code wiring for editors: in step with the model, and true to the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from overblik.content.repository import _classify
from overblik.content.source import read_source
from overblik.editor.cli import load_vocabulary, main
from overblik.editor.editorschema import FILE_GLOBS, SHORT_FORMS, json_schema, schema_files, snippets, snippets_file
from overblik.editor.fieldguide import KINDS, all_models, missing_explanations

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def vocab():
    vocabulary, problems = load_vocabulary(CONTENT)
    assert not problems
    return vocabulary


def jsonc(text: str):
    """JSON with // comments, as VS Code reads its settings."""
    return json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))


def test_committed_schemas_match_the_model(vocab):
    """Fails when schemas.py, felter.yml or vokabular.yml changed without `overblik schema`."""
    stale = []
    for name, text in schema_files(vocab).items():
        path = ROOT / "schemas" / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(f"schemas/{name}")
    snippet_path = ROOT / ".vscode" / "overblik.code-snippets"
    if not snippet_path.exists() or snippet_path.read_text(encoding="utf-8") != snippets_file(vocab):
        stale.append(".vscode/overblik.code-snippets")
    assert not stale, "Kør `overblik schema`; disse filer passer ikke til modellen: " + ", ".join(stale)
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(schema_files(vocab))


def test_schema_check_command(capsys, tmp_path):
    assert main(["schema", "--indhold", str(CONTENT), "--ud", str(tmp_path / "s"), "--snippets", str(tmp_path / "x.code-snippets"), "--tjek"]) == 1
    assert "Kør: overblik schema" in capsys.readouterr().out
    assert main(["schema", "--indhold", str(CONTENT), "--ud", str(tmp_path / "s"), "--snippets", str(tmp_path / "x.code-snippets")]) == 0
    assert capsys.readouterr().out == "Skrev 9 filer; 0 var allerede opdateret.\n"
    assert main(["schema", "--indhold", str(CONTENT), "--ud", str(tmp_path / "s"), "--snippets", str(tmp_path / "x.code-snippets"), "--tjek"]) == 0


def test_every_field_is_explained_in_danish():
    assert missing_explanations() == [], "forklar felterne i src/overblik/data/felter.yml"


def test_every_short_form_is_in_the_schema():
    """A schema that normalises a short form before validating must accept it in the JSON Schema too."""
    with_short_forms = {
        m.__name__ for m in all_models()
        if any(d.info.mode == "before" for d in m.__pydantic_decorators__.model_validators.values())
    }
    assert with_short_forms == set(SHORT_FORMS)


def test_all_shipped_content_is_valid_against_the_schemas(vocab):
    """No red underline in VS Code for content the build accepts."""
    schemas = {kind: jsonschema.Draft7Validator(json_schema(kind, vocab)) for kind in [*KINDS, "vokabular"]}
    problems = []
    checked = 0
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix not in (".md", ".yml") or path.name.lower() == "readme.md":
            continue
        parts = path.relative_to(CONTENT).parts
        kind = "vokabular" if parts == ("vokabular.yml",) else _classify(parts, "")[0]
        data = read_source(path, path.as_posix()).data
        checked += 1
        for error in schemas[kind].iter_errors(data):
            problems.append(f"{path.relative_to(ROOT)}: {list(error.path)}: {error.message[:200]}")
    assert checked > 100
    assert problems == []


@pytest.mark.parametrize(
    "kind, data, where",
    [
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitt", "status": "aktiv", "senest_bekraeftet": "2025-01"}, ["type"]),
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "senest_bekraeftet": "14.03.2025"}, ["senest_bekraeftet"]),
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "maaalgrupper": ["aeldre"], "senest_bekraeftet": 2025}, []),
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "maalgrupper": ["aeldr"], "senest_bekraeftet": 2025}, ["maalgrupper"]),
        ("initiativ", {"navn": "A", "type": "aktivitet", "status": "aktiv", "senest_bekraeftet": 2025}, []),
        ("organisation", {"navn": "A", "type": "klub"}, ["type"]),
        ("sted", {"navn": "A", "postnummer": "26350"}, ["postnummer"]),
    ],
)
def test_schemas_catch_common_mistakes(vocab, kind, data, where):
    errors = list(jsonschema.Draft7Validator(json_schema(kind, vocab)).iter_errors(data))
    assert errors
    assert list(errors[0].path)[:1] == where[:1] or where == []


@pytest.mark.parametrize(
    "kind, data",
    [
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "pris": "gratis", "tilmelding": "moed-op",
                       "maalgrupper": "aeldre", "tidsplan": "2019-2021", "senest_bekraeftet": 2025}),
        ("initiativ", {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "maalgrupper": None,
                       "maal": [{"tekst": "x", "maalvaerdi": 40}], "tidsplan": 2020, "senest_bekraeftet": "2025-03-14"}),
        ("sted", {"navn": "A", "postnummer": 2635}),
        ("kommune", {"navn": "A", "kode": 183, "region": "Region Hovedstaden"}),
    ],
)
def test_schemas_accept_the_short_forms_the_loader_accepts(vocab, kind, data):
    assert list(jsonschema.Draft7Validator(json_schema(kind, vocab)).iter_errors(data)) == []


def test_vocabulary_fields_offer_the_terms_with_their_names(vocab):
    schema = json_schema("initiativ", vocab)
    prop = schema["properties"]["type"]
    assert prop["enum"] == list(vocab.typer)
    assert prop["enumDescriptions"] == [t.navn for t in vocab.typer.values()]
    assert prop["description"].startswith("Hvilken slags initiativ")
    goals = schema["properties"]["bidrager_til"]["anyOf"][0]["items"]["enum"]
    assert goals == vocab.goal_refs()


def test_vscode_maps_every_schema_to_its_files():
    settings = jsonc((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schemas/{kind}.schema.json": globs for kind, globs in FILE_GLOBS.items()}
    assert set(FILE_GLOBS) == {*KINDS, "vokabular"}
    for kind, globs in FILE_GLOBS.items():
        if kind in ("kommune", "vokabular"):
            assert any(ROOT.glob(globs[0])), globs


def test_vscode_recommends_the_yaml_extension_and_codespaces_installs_it():
    recommended = jsonc((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended
    container = jsonc((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in container["customizations"]["vscode"]["extensions"]
    assert "pip install" in container["postCreateCommand"]


def test_snippets_offer_vocabulary_choices_for_markdown_front_matter(vocab):
    file = jsonc((ROOT / ".vscode" / "overblik.code-snippets").read_text(encoding="utf-8"))
    assert file == snippets(vocab)
    status = file["status (initiativ)"]
    assert status["scope"] == "markdown" and status["prefix"] == "status"
    assert status["body"] == ["status: ${1|" + ",".join(vocab.statusser) + "|}"]
    assert file["senest_bekraeftet (case)"]["body"] == ['senest_bekraeftet: "${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}"']
    assert file["tidspunkt (initiativ)"]["body"][1].startswith("  - hyppighed: ${1|dagligt,ugentligt")


def test_vscode_task_problem_matcher_reads_the_real_output(capsys, tmp_path):
    """The task's regular expressions (JavaScript) must match what `overblik check` prints."""
    tasks = jsonc((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    matchers = tasks["tasks"][0]["problemMatcher"]
    assert [m["severity"] for m in matchers] == ["error", "warning"]
    golden = Path(__file__).parent / "golden" / "editor"
    lines = (golden / "check_errors.txt").read_text(encoding="utf-8").splitlines()
    lines += (golden / "check_warnings.txt").read_text(encoding="utf-8").splitlines()
    # overdue warnings outside the changed files are one summary line now; a warning as check prints it:
    from overblik.content.problems import Problem

    lines.append(Problem("content/kommuner/testby/cases/godt-samarbejde.md", 12, "senest_bekraeftet",
                         "oplysningerne blev sidst bekræftet april 2019, for 6 år siden.", "advarsel").format())
    found = []
    for line in lines:
        for m in matchers:
            match = re.match(m["pattern"]["regexp"], line)
            if match:
                found.append((m["severity"], match.group(m["pattern"]["file"]), match.group(m["pattern"]["line"]),
                              match.group(m["pattern"]["code"])))
    assert ("error", "content/kommuner/testby/initiativer/faellesspisning.md", "36", "senest_bekraeftet") in found
    assert ("warning", "content/kommuner/testby/cases/godt-samarbejde.md", "12", "senest_bekraeftet") in found
    assert len(found) == sum(1 for line in lines if line.startswith(("Fejl i", "Advarsel i")))
