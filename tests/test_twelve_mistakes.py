"""The twelve mistakes of issue 14, made all at once in a copy of the content.

A new editor in a clone of the repository, on a branch, makes the mistakes the
issue measured. One `overblik check` must report every one of them, each on
the file and line the editor touched, and nothing in any other file. The exact
Danish output is a golden file (set UPDATE_GOLDEN=1 after a deliberate change).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from overblik.editor.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "editor" / "twelve_mistakes.txt"
ISHOJ = "content/kommuner/ishoj"
NEW = f"{ISHOJ}/initiativer/strikkecafe.md"
TODAY = "2026-11-29"

# A file with several mistakes (issue: four rounds before). Line numbers matter.
SEVERAL = """---
navn: Strikkecafé i Vejleåparken
 resume: Vi strikker sammen hver tirsdag.
type: aktivitet
status: aktiv
maalgrupper: [aeldre, strikkere]
steder: [kulturhuset]
tidspunkt:
\t- hyppighed: ugentlig
senest_bekraeftet: 2062-11-29
---
Kom og strik med. <script>alert(1)</script>

Se også [Caféerne](aeldrecafeerne.md) og [Torsdagsklubben](torsdagsklubben.md).
"""

PLACEHOLDER = """---
navn: Sorggruppe i Ishøj
resume: "UDFYLD: én sætning om, hvad initiativet er, og hvem det er for."
type: aktivitet
status: aktiv
senest_bekraeftet: 2026-11-01
---
"""


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )


@pytest.fixture()
def clone(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git mangler")
    repo = tmp_path / "overblik"
    repo.mkdir()
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "indhold")
    _git(repo, "checkout", "-q", "-b", "ret-indhold")
    return repo


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_mistakes(repo: Path) -> None:
    # 1. A new Ishøj initiative whose file name Rødovre already uses.
    shutil.copy(
        repo / "content/kommuner/roedovre/initiativer/flere-med-i-foreningerne.md",
        repo / f"{ISHOJ}/initiativer/flere-med-i-foreningerne.md",
    )
    _edit(
        repo,
        f"{ISHOJ}/initiativer/flere-med-i-foreningerne.md",
        "ansvarlig: social-og-sundhedsforvaltningens-ledelsessekretariat-roedovre\n",
        "",
    )
    _edit(
        repo,
        f"{ISHOJ}/initiativer/flere-med-i-foreningerne.md",
        "partnere: [roedovre-frivilligcenter, boerne-og-kulturforvaltningen-roedovre]\n",
        "",
    )
    _edit(
        repo,
        f"{ISHOJ}/initiativer/flere-med-i-foreningerne.md",
        "bidrager_til: [roedovre-strategi/strategimaal-2]\n",
        "",
    )
    # 2. A colon typo in a place that four initiatives use.
    _edit(
        repo,
        f"{ISHOJ}/steder/kulturhuset-i-vejleaaparken.yml",
        "navn: Kulturhuset i Vejleåparken",
        "navn: Kulturhuset: Vejleåparken",
    )
    # 3. An unfilled template.
    (repo / f"{ISHOJ}/initiativer/sorggruppe-i-ishoj.md").write_text(PLACEHOLDER, encoding="utf-8")
    # 4-11. One file with several mistakes: a field indented one space too far, a tab,
    # an unknown target group, a place by half its id, a misspelt frequency, a date in
    # the future, raw HTML, and a link to nothing (the link to a content file is fine).
    (repo / NEW).write_text(SEVERAL, encoding="utf-8")
    # 12. Nothing to do: udskolingsprojektet is finished and confirmed years ago, and must not be overdue.


EXPECTED = [  # (file, line, words in the message), one for each mistake
    (f"{ISHOJ}/initiativer/flere-med-i-foreningerne.md", 1, "bruges allerede af content/kommuner/roedovre"),
    (
        f"{ISHOJ}/steder/kulturhuset-i-vejleaaparken.yml",
        1,
        'Sæt anførselstegn om teksten, fx  navn: "Kulturhuset: Vejleåparken"',
    ),
    (f"{ISHOJ}/initiativer/sorggruppe-i-ishoj.md", 3, "skabelonens tekst"),
    (NEW, 3, "feltet «resume» er rykket længere ind end feltet «navn»"),
    (NEW, 9, "tabulatortegn"),
    (NEW, 6, "målgruppen «strikkere» findes ikke"),
    (NEW, 7, "stedet «kulturhuset» findes ikke. Mente du «kulturhuset-i-vejleaaparken»?"),
    (NEW, 9, "forventede en af: dagligt, ugentligt"),
    (NEW, 10, "ligger i fremtiden"),
    (NEW, 12, "HTML-koden «<script>»"),
    (NEW, 14, "linket «torsdagsklubben.md» peger ikke på noget indhold"),
]


def test_twelve_mistakes_are_all_reported_in_one_run_each_on_its_own_file(clone, capsys, monkeypatch):
    make_mistakes(clone)
    monkeypatch.chdir(clone)
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    code = main(["check", "--dato", TODAY])
    out = capsys.readouterr().out
    assert code == 1
    problems = re.findall(r"^(Fejl|Advarsel) i (\S+?), linje (\d+)(?:, feltet «[^»]*»)?: (.*)$", out, re.M)
    for path, line, words in EXPECTED:
        assert any(p == path and int(n) == line and words in m for _, p, n, m in problems), (path, line, words, out)
    touched = {path for path, _, _ in EXPECTED}
    elsewhere = [(p, m) for _, p, _, m in problems if p not in touched]
    assert elsewhere == [], elsewhere  # nothing in Rødovre's file, nor in the initiatives using the place
    assert "udskolingsprojektet" not in out  # 12. finished: not overdue
    assert "«aeldrecafeerne.md»" not in out  # a link by file name to existing content is fine
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    if os.environ.get("UPDATE_GOLDEN") or not expected:
        GOLDEN.write_text(out, encoding="utf-8")
        expected = out
    assert out == expected


def test_without_git_a_duplicate_id_is_reported_on_both_files(clone, capsys, monkeypatch):
    make_mistakes(clone)
    shutil.rmtree(clone / ".git")
    monkeypatch.chdir(clone)
    main(["check", "--dato", TODAY])
    out = capsys.readouterr().out
    assert "Fejl i content/kommuner/roedovre/initiativer/flere-med-i-foreningerne.md, linje 1" in out


def test_check_of_the_old_file_shows_the_duplicate_too(clone, capsys, monkeypatch):
    """`check FILE` shows every problem that involves FILE, also one reported on the other file."""
    make_mistakes(clone)
    monkeypatch.chdir(clone)
    main(["check", "content/kommuner/roedovre/initiativer/flere-med-i-foreningerne.md", "--dato", TODAY])
    out = capsys.readouterr().out
    assert "bruges allerede af content/kommuner/roedovre/initiativer/flere-med-i-foreningerne.md" in out
    assert "Ingen fejl i filen" not in out


def test_github_annotations_are_on_the_editors_own_files(clone, capsys, monkeypatch):
    make_mistakes(clone)
    monkeypatch.chdir(clone)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    main(["check", "--dato", TODAY, "--format", "github"])
    out = capsys.readouterr().out
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == len(EXPECTED)
    assert all(any(f"file={path}," in a for path, _, _ in EXPECTED) for a in annotations)


def test_warnings_in_changed_files_come_first_and_freshness_is_one_line(clone, capsys, monkeypatch):
    _edit(clone, f"{ISHOJ}/initiativer/cykling-uden-alder.md", "---\n", "---\nbilleder:\n  - fil: cykel.jpg\n")
    monkeypatch.chdir(clone)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["check", "--dato", TODAY, "--format", "github"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith(f"Advarsel i {ISHOJ}/initiativer/cykling-uden-alder.md")
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(f"file={ISHOJ}/initiativer/cykling-uden-alder.md," in a for a in annotations)
    assert re.search(
        r"^\d+ filer i resten af indholdet er ikke bekræftet i over 12 måneder; "
        r"se listen på https://\S+/redaktoer/forfaldent-indhold/$",
        out,
        re.M,
    )
    assert sum(1 for line in lines if "bekræftet" in line and line.startswith("Advarsel")) <= 1
