"""The editors' command line: `overblik check` and `overblik new`, exact output (golden files).

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from overblik.content.problems import Problem
from overblik.danish import slugify
from overblik.editor.annotations import annotation, summary
from overblik.editor.cli import main
from overblik.editor.fieldguide import KINDS
from overblik.editor.scaffold import PLACEHOLDER, add_code_owner

FIXTURE = Path(__file__).parent / "fixtures" / "content"
GOLDEN = Path(__file__).parent / "golden" / "editor"
INIT = "kommuner/testby/initiativer"


def compare(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the fixture content in a folder called content/."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def paths(text: str, content: Path) -> str:
    """Output with the temporary folder written as it is in a checkout."""
    return text.replace(content.as_posix(), "content")


# --- check ----------------------------------------------------------------------


def test_check_clean_content_lists_warnings_and_counts(capsys, content):
    code, out, err = run(capsys, "check", "--indhold", str(content), "--dato", "2026-01-15")
    assert code == 0 and err == ""
    compare("check_warnings.txt", out)


def test_check_errors_every_problem_with_file_line_and_field(capsys, content):
    (content / INIT / "faellesspisning.md").write_text(
        (content / INIT / "faellesspisning.md")
        .read_text(encoding="utf-8")
        .replace("senest_bekraeftet: 2019-04", "senest_bekraeftet: 14.03.2025")
        .replace("type: aktivitet", "typ: aktivitet"),
        encoding="utf-8",
    )
    (content / INIT / "nyt-netvaerk.md").write_text(
        (content / INIT / "nyt-netvaerk.md").read_text(encoding="utf-8").replace("status:", "status: aktiv\nstatus:"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--indhold", str(content))
    assert code == 1
    compare("check_errors.txt", out)
    assert all(re.match(r"^(Fejl|Advarsel) i content/.+?, linje \d+", line) for line in out.splitlines()[:3])


def test_check_reference_errors_suggest_the_right_id(capsys, content):
    path = content / INIT / "nyt-netvaerk.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^type: .*$", "type: aktivitt", text, flags=re.M), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--indhold", str(content))
    assert code == 1
    compare("check_reference.txt", out)


def test_check_github_format_adds_annotations_and_a_summary(capsys, content, tmp_path, monkeypatch):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    path = content / INIT / "nyt-netvaerk.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("senest_bekraeftet: 2019-04", "senest_bekraeftet: 2019-13"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--indhold", str(content), "--format", "github")
    assert code == 1
    compare("check_github.txt", out)
    compare("check_github_summary.md", summary_file.read_text(encoding="utf-8"))


def test_annotation_escapes_what_editors_wrote():
    hostile = Problem("content/a,b:c.md", 3, "navn", 'fandt teksten "x\n::error::falsk%0A"', "fejl")
    line = annotation(hostile)
    assert "\n" not in line
    assert (
        line
        == '::error file=content/a%2Cb%3Ac.md,line=3,title=Fejl i feltet «navn»::fandt teksten "x%0A::error::falsk%250A"'
    )
    text = summary("Ok", "``` lukket?\n````")
    assert text.startswith("### Ok\n\n`````text\n") and text.endswith("\n`````\n")


def test_usage_errors_are_danish_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["nye"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert (
        err.splitlines()[-1] == "overblik: fejl: ukendt kommando «nye»; vælg en af: check, new, schema, steder, sider"
    )
    assert err.startswith("Brug: overblik")
    with pytest.raises(SystemExit):
        main(["new", "initiativ"])
    assert capsys.readouterr().err.splitlines()[-1] == "overblik new: fejl: mangler: navn"
    with pytest.raises(SystemExit):
        main(["check", "--dato", "14.03.2025"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        'overblik check: fejl: --dato: forventede en dato som "2025-03-14", fandt "14.03.2025"'
    )


def test_installed_command_answers_in_danish():
    result = subprocess.run([sys.executable, "-m", "overblik.editor.cli", "--hjaelp"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "opret en ny indholdsfil ud fra typens skabelon" in result.stdout
    # The command sits beside the interpreter (the virtual environment), whatever the shell's PATH says.
    command = Path(sysconfig.get_path("scripts")) / "overblik"
    assert command.exists(), f"kommandoen overblik mangler i {command.parent} (pip install -e .)"
    result = subprocess.run([str(command), "--hjaelp"], capture_output=True, text=True)
    assert result.returncode == 0 and "opret en ny indholdsfil" in result.stdout


# --- new ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Fællesspisning i Torslunde", "faellesspisning-i-torslunde"),
        ("Næstehjælperne/Fredagscaféen", "naestehjaelperne-fredagscafeen"),
        ("16 åbne mødesteder", "16-aabne-moedesteder"),
        ("ÆBLER, ØL & ÅKANDER!", "aebler-oel-aakander"),
        ("Café «Über» – São Paulo", "cafe-uber-sao-paulo"),
        ("  Sorg-  og   livsmodsgrupper  ", "sorg-og-livsmodsgrupper"),
        ("Ærø", "aeroe"),
        ("?!", ""),
    ],
)
def test_slug_from_danish_name(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_writes_a_file_that_fails_check_only_on_its_placeholders(capsys, content, kind):
    args = ["new", kind, "Prøve: Ærø & Åbenrå", "--indhold", str(content), "--dato", "2026-01-05"]
    if kind != "kommune":
        args += ["--kommune", "testby"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    made = Path(out.splitlines()[0].removeprefix("Oprettede "))
    folder = "kommuner/proeve-aeroe-aabenraa" if kind == "kommune" else f"kommuner/testby/{KINDS[kind].folder}"
    expected = f"proeve-aeroe-aabenraa{KINDS[kind].suffix}" if kind != "kommune" else "kommune.yml"
    assert made == content / folder / expected
    text = made.read_text(encoding="utf-8")
    compare(f"new_{kind}.txt", paths(out, content) + "---- filen ----\n" + text)
    code, out, err = run(capsys, "check", "--indhold", str(content), "--dato", "2026-01-05")
    errors = [line for line in out.splitlines() if line.startswith("Fejl i")]
    assert all("skabelonens tekst" in line and made.name in line for line in errors), out + err
    assert code == (1 if errors else 0)
    if not errors:
        assert "Indholdet er i orden" in out


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_explains_every_field(kind):
    """Each field of the model is in the template, filled in or commented out with a comment above."""
    from overblik.editor.scaffold import template

    model = KINDS[kind].schema
    text = template(kind)
    for name in model.model_fields:
        if name == "kommune" and kind != "kommune":
            continue  # the folder gives it
        match = re.search(rf"^(#\s*)?{name}:", text, re.M)
        assert match, f"skabelonen for {kind} nævner ikke feltet {name}"
        before = text[: match.start()].rstrip("\n").splitlines()
        assert before and before[-1].startswith("#"), f"{kind}: ingen forklaring over {name}"


def test_new_fills_in_today_and_the_name_quoted(capsys, content):
    code, _, _ = run(
        capsys,
        "new",
        "initiativ",
        "--kommune",
        "testby",
        'Café "Kaffe: & kage" # 2',
        "--indhold",
        str(content),
        "--dato",
        "2026-02-03",
    )
    assert code == 0
    text = (content / INIT / "cafe-kaffe-kage-2.md").read_text(encoding="utf-8")
    assert 'navn: "Café \\"Kaffe: & kage\\" # 2"' in text
    assert 'senest_bekraeftet: "2026-02-03"' in text
    assert PLACEHOLDER in text


def test_new_refuses_to_overwrite(capsys, content):
    target = content / INIT / "faellesspisning.md"
    before = target.read_bytes()
    code, out, err = run(capsys, "new", "initiativ", "--kommune", "testby", "Fællesspisning", "--indhold", str(content))
    assert code == 1 and out == ""
    assert err == (
        f"overblik new: {target.as_posix()} findes allerede, og den bliver ikke overskrevet. "
        "Ret i den fil, eller vælg et andet navn.\n"
    )
    assert target.read_bytes() == before


def test_new_refuses_an_id_used_in_another_municipality(capsys, content):
    shutil.copytree(content / "kommuner" / "testby", content / "kommuner" / "andenby")
    shutil.rmtree(content / "kommuner" / "andenby" / "initiativer")
    code, _, err = run(capsys, "new", "initiativ", "--kommune", "andenby", "Fællesspisning", "--indhold", str(content))
    assert code == 1 and "testby/initiativer/faellesspisning.md findes allerede" in err


def test_new_explains_unknown_type_and_municipality(capsys, content):
    code, _, err = run(capsys, "new", "initiative", "--kommune", "testbyy", "Strik", "--indhold", str(content))
    assert code == 1
    assert err == (
        "overblik new: kommunen «testbyy» findes ikke. Mente du «testby»? Kommunerne er: testby. "
        'En ny kommune oprettes med: overblik new kommune "Navn Kommune".\n'
    )
    code, _, err = run(capsys, "new", "initiatv", "Strik", "--indhold", str(content))
    assert err == "overblik new: ukendt type «initiatv». Mente du «initiativ»? Typerne er: " + ", ".join(KINDS) + ".\n"


def test_new_municipality_gets_a_code_owner_line(tmp_path):
    owners = tmp_path / "CODEOWNERS"
    owners.write_text("*   @org/redaktion\n/content/kommuner/ishoj/  @org/redaktion-ishoj\n", encoding="utf-8")
    assert add_code_owner(owners, "aeroe") == "/content/kommuner/aeroe/ @org/redaktion-aeroe"
    assert add_code_owner(owners, "aeroe") is None
    assert owners.read_text(encoding="utf-8").endswith("/content/kommuner/aeroe/ @org/redaktion-aeroe\n")


def test_placeholder_text_is_an_error(capsys, content):
    """An unfilled template must not be published: UDFYLD fails the check (and the build)."""
    run(capsys, "new", "case", "--kommune", "testby", "Ny case", "--indhold", str(content), "--dato", "2026-01-05")
    code, out, _ = run(capsys, "check", "--indhold", str(content), "--dato", "2026-01-05")
    assert code == 1
    placeholder_lines = [line for line in out.splitlines() if "skabelonens tekst" in line]
    assert placeholder_lines and all(
        line.startswith("Fejl i content/kommuner/testby/cases/ny-case.md") for line in placeholder_lines
    )


def test_today_is_the_default_date(content, capsys):
    run(capsys, "new", "sted", "--kommune", "testby", "Nyt sted", "--indhold", str(content))
    text = (content / "kommuner/testby/steder/nyt-sted.yml").read_text(encoding="utf-8")
    assert f'senest_bekraeftet: "{dt.date.today().isoformat()}"' in text


def test_check_one_file_shows_only_its_problems(capsys, content):
    code, out, _ = run(
        capsys,
        "new",
        "initiativ",
        "--kommune",
        "testby",
        "Strikkecafé",
        "--indhold",
        str(content),
        "--dato",
        "2026-01-05",
    )
    new_file = content / INIT / "strikkecafe.md"
    assert out.splitlines()[-1] == f"  overblik check {new_file.as_posix()}"
    code, out, _ = run(capsys, "check", str(new_file), "--indhold", str(content), "--dato", "2026-01-05")
    assert code == 1  # the template's UDFYLD texts
    compare("check_one_file.txt", paths(out, content))
    text = new_file.read_text(encoding="utf-8").replace(
        'senest_bekraeftet: "2026-01-05"', "senest_bekraeftet: 05.01.2026"
    )
    new_file.write_text(text, encoding="utf-8")
    other = content / INIT / "nyt-netvaerk.md"
    other.write_text(other.read_text(encoding="utf-8").replace("type:", "typ:"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(new_file), "--indhold", str(content), "--dato", "2026-01-05")
    assert code == 1
    compare("check_one_file_errors.txt", paths(out, content))
    code, out, err = run(capsys, "check", str(content / "findes-ikke.md"), "--indhold", str(content))
    assert code == 1 and "findes ikke" in err


def test_pages_of_changed_files_for_the_pull_request_comment(capsys, content, monkeypatch):
    monkeypatch.chdir(content.parent)
    code, out, _ = run(
        capsys,
        "sider",
        "content/kommuner/testby/initiativer/faellesspisning.md",
        "content/kommuner/testby/kommune.yml",
        "content/faelles/organisationer/aeldreforeningen.yml",
        "README.md",
        "content/kommuner/testby/initiativer/slettet.md",
        "--adresse",
        "https://x.github.io/overblik/pr-preview/pr-7/",
    )
    assert code == 0
    assert out.splitlines() == [
        "- [Fællesspisning i Kulturhuset](https://x.github.io/overblik/pr-preview/pr-7/initiativer/faellesspisning/)"
        " (`content/kommuner/testby/initiativer/faellesspisning.md`)",
        "- [Testby Kommune](https://x.github.io/overblik/pr-preview/pr-7/kommuner/testby/) (`content/kommuner/testby/kommune.yml`)",
        "- [Ældreforeningen](https://x.github.io/overblik/pr-preview/pr-7/organisationer/aeldreforeningen/)"
        " (`content/faelles/organisationer/aeldreforeningen.yml`)",
    ]
    code, out, _ = run(capsys, "sider", "README.md", "--uden-mappeadresser")
    assert out.strip() == "Ingen sider er ændret (kun andre filer end indholdet)."
    code, out, _ = run(capsys, "sider", "content/kommuner/testby/steder/kulturhuset.yml", "--uden-mappeadresser")
    assert out.strip() == "- [Kulturhuset](steder/kulturhuset.html) (`content/kommuner/testby/steder/kulturhuset.yml`)"


def test_new_from_a_sub_folder_finds_the_project(capsys, content, monkeypatch):
    sub = content / "kommuner" / "testby" / "initiativer"
    monkeypatch.chdir(sub)
    code, out, err = run(capsys, "new", "sted", "--kommune", "testby", "Nyt sted", "--dato", "2026-01-05")
    assert code == 0, err
    assert out.splitlines()[0] == "Oprettede ../../../kommuner/testby/steder/nyt-sted.yml"
    assert (content / "kommuner/testby/steder/nyt-sted.yml").exists()
    assert "vokabular.yml" not in err


def test_new_outside_any_project_says_where_to_stand(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "new", "sted", "--kommune", "testby", "Nyt sted")
    assert code == 1
    assert "Stil dig i projektets mappe, den med mkdocs.yml og content/" in err
