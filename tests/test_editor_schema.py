"""JSON Schemas and VS Code wiring for editors: in step with the model, and true to the loader."""

from __future__ import annotations

import ast
import json
import re
import typing
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from overblik.content.fieldtypes import FORMATS, one_item_allowed
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
    args = [
        "schema",
        "--indhold",
        str(CONTENT),
        "--ud",
        str(tmp_path / "s"),
        "--snippets",
        str(tmp_path / "x.code-snippets"),
    ]
    assert main([*args, "--tjek"]) == 1
    assert "Kør: overblik schema" in capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == "Skrev 9 filer; 0 var allerede opdateret.\n"
    assert main([*args, "--tjek"]) == 0


def test_every_field_is_explained_in_danish():
    assert missing_explanations() == [], "forklar felterne i src/overblik/data/felter.yml"


def _accepts_short_form(model) -> bool:
    """Whether the model reads a bare text or number as itself (``pris: gratis``): its
    errors then concern its fields, not the whole value's type."""
    for probe in ("x", 2020):
        try:
            model.model_validate(probe)
            return True
        except ValidationError as exc:
            if any(e["loc"] for e in exc.errors()):
                return True
    return False


def test_every_short_form_is_in_the_schema():
    """A schema that normalises a short form before validating must accept it in the JSON Schema too."""
    with_short_forms = {m.__name__ for m in all_models() if _accepts_short_form(m)}
    assert with_short_forms == set(SHORT_FORMS)


def _pydantic_internals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value  # getattr(model, "__pydantic_…")
        if name and name.startswith("__pydantic"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_nothing_reads_pydantic_internals():
    """The model is read through pydantic's public API only (model_fields, metadata,
    annotations, validation), so a pydantic release cannot silently change the schemas."""
    paths = [*sorted((ROOT / "src").rglob("*.py")), *sorted((ROOT / "hooks").rglob("*.py"))]
    assert [hit for path in paths for hit in _pydantic_internals(path)] == []


def _one_item_fields() -> set[tuple[str, str]]:
    """Every list field that accepts one item without the list, found by trying it."""
    found = set()
    for model in all_models():
        for name, info in model.model_fields.items():
            if typing.get_origin(info.annotation) is not list:
                continue
            try:
                model.model_validate({name: "x"})
            except ValidationError as exc:
                if any(e["loc"][:1] == (name,) and e["type"] == "list_type" for e in exc.errors()):
                    continue
            found.add((model.__name__, name))
    return found


def test_one_item_lists_are_declared_once_for_validation_and_schema(vocab):
    """`OneOrMany` is the one declaration: the fields marked with it are exactly the
    ones that accept a single item, and the JSON Schema offers the single item there."""
    marked = {(m.__name__, n) for m in all_models() for n, info in m.model_fields.items() if one_item_allowed(info)}
    assert marked == _one_item_fields()
    assert ("Initiativ", "maalgrupper") in marked and ("Maal", "fremskridt") not in marked
    schemas = {kind: json_schema(kind, vocab) for kind in [*KINDS, "vokabular"]}
    for kind, schema in schemas.items():
        objects = {KINDS[kind].schema.__name__ if kind in KINDS else "Vokabular": schema, **schema.get("$defs", {})}
        for model_name, obj in objects.items():
            for alt in obj.get("anyOf", [obj]):
                for name, prop in alt.get("properties", {}).items():
                    single = any(a.get("type") != "array" and a.get("type") != "null" for a in prop.get("anyOf", []))
                    if any(a.get("type") == "array" for a in prop.get("anyOf", [prop])):
                        assert single == ((model_name, name) in marked), (kind, model_name, name)


def _patterns(node, found):
    if isinstance(node, dict):
        if "pattern" in node:
            found.append(node)
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def test_every_pattern_has_danish_words_and_an_example(vocab):
    """Each pattern in the model and the JSON Schemas is declared as a Format: VS Code
    shows its Danish sentence (patternErrorMessage), and it ends with an example."""
    for model in all_models():
        for node in _patterns(model.model_json_schema(), []):
            assert node["pattern"] in FORMATS, f"{model.__name__}: {node['pattern']} mangler et Format i fieldtypes.py"
    for kind in [*KINDS, "vokabular"]:
        for node in _patterns(json_schema(kind, vocab), []):
            fmt = FORMATS[node["pattern"]]
            assert node["patternErrorMessage"].startswith("Forventede "), (kind, node)
            assert re.search(r'\b(fx|som) "?[0-9a-z]', node["patternErrorMessage"]), (kind, node)  # an example
            assert fmt.example in fmt.message()
    postcode = json_schema("sted", vocab)["properties"]["postnummer"]
    assert "Forventede et postnummer med fire cifre, fx 2635." in json.dumps(postcode, ensure_ascii=False)
    report = json_schema("initiativ", vocab)["properties"]["kilder"]
    assert 'fx \\"statusnotat-2019\\"' in json.dumps(report, ensure_ascii=False)


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
        (
            "initiativ",
            {"navn": "A", "resume": "B", "type": "aktivitt", "status": "aktiv", "senest_bekraeftet": "2025-01"},
            ["type"],
        ),
        (
            "initiativ",
            {"navn": "A", "resume": "B", "type": "aktivitet", "status": "aktiv", "senest_bekraeftet": "14.03.2025"},
            ["senest_bekraeftet"],
        ),
        (
            "initiativ",
            {
                "navn": "A",
                "resume": "B",
                "type": "aktivitet",
                "status": "aktiv",
                "maaalgrupper": ["aeldre"],
                "senest_bekraeftet": 2025,
            },
            [],
        ),
        (
            "initiativ",
            {
                "navn": "A",
                "resume": "B",
                "type": "aktivitet",
                "status": "aktiv",
                "maalgrupper": ["aeldr"],
                "senest_bekraeftet": 2025,
            },
            ["maalgrupper"],
        ),
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
        (
            "initiativ",
            {
                "navn": "A",
                "resume": "B",
                "type": "aktivitet",
                "status": "aktiv",
                "pris": "gratis",
                "tilmelding": "moed-op",
                "maalgrupper": "aeldre",
                "tidsplan": "2019-2021",
                "senest_bekraeftet": 2025,
            },
        ),
        (
            "initiativ",
            {
                "navn": "A",
                "resume": "B",
                "type": "aktivitet",
                "status": "aktiv",
                "maalgrupper": None,
                "maal": [{"tekst": "x", "maalvaerdi": 40}],
                "tidsplan": 2020,
                "senest_bekraeftet": "2025-03-14",
            },
        ),
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
    assert file["senest_bekraeftet (case)"]["body"] == [
        'senest_bekraeftet: "${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}"'
    ]
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

    lines.append(
        Problem(
            "content/kommuner/testby/cases/godt-samarbejde.md",
            12,
            "senest_bekraeftet",
            "oplysningerne blev sidst bekræftet april 2019, for 6 år siden.",
            "advarsel",
        ).format()
    )
    found = []
    for line in lines:
        for m in matchers:
            match = re.match(m["pattern"]["regexp"], line)
            if match:
                found.append(
                    (
                        m["severity"],
                        match.group(m["pattern"]["file"]),
                        match.group(m["pattern"]["line"]),
                        match.group(m["pattern"]["code"]),
                    )
                )
    assert ("error", "content/kommuner/testby/initiativer/faellesspisning.md", "36", "senest_bekraeftet") in found
    assert ("warning", "content/kommuner/testby/cases/godt-samarbejde.md", "12", "senest_bekraeftet") in found
    assert len(found) == sum(1 for line in lines if line.startswith(("Fejl i", "Advarsel i")))
