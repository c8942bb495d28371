"""The editor guide on the site: its example files pass `overblik check`, its error
messages are the real ones, and the generated pages for editors (field reference,
overdue content) are there.

Set UPDATE_GOLDEN=1 to rewrite the shown error messages in docs/redaktoer/ and
the golden files after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from overblik.build import generate
from overblik.content.repository import load_repository
from overblik.editor.cli import main
from overblik.editor.fieldguide import KINDS
from overblik.editor.fieldreference import SRC as FIELDS_SRC
from overblik.editor.overdue import SRC as OVERDUE_SRC
from overblik.editor.overdue import months_since, overdue_groups
from overblik.site.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "redaktoer"
FIXTURE = Path(__file__).parent / "fixtures" / "content"
GOLDEN = Path(__file__).parent / "golden" / "editor"
BLOCK = re.compile(r"^``` \{([^}\n]*)\}\n(.*?)^```[ \t]*$", re.S | re.M)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass
class Block:
    page: Path
    attrs: dict[str, str]
    text: str
    start: int
    end: int


def blocks(page: Path) -> list[Block]:
    source = page.read_text(encoding="utf-8")
    return [
        Block(page, dict(ATTR.findall(m.group(1))), m.group(2), m.start(2), m.end(2)) for m in BLOCK.finditer(source)
    ]


def examples() -> list[Block]:
    return [b for page in sorted(GUIDE.glob("*.md")) for b in blocks(page) if "data-fil" in b.attrs]


def project_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def check_output(capsys, content: Path, *extra: str) -> tuple[int, str]:
    code = main(["check", "--indhold", str(content), *extra])
    return code, capsys.readouterr().out


def test_the_guide_has_examples_of_an_initiative_a_case_and_errors():
    files = [b.attrs["data-fil"] for b in examples()]
    assert any("/initiativer/" in f for f in files)
    assert any("/cases/" in f for f in files)
    assert sum(1 for b in examples() if b.attrs.get("data-fejl") == "ja") >= 2


@pytest.mark.parametrize(
    "example",
    [b for b in examples() if "data-fejl" not in b.attrs],
    ids=lambda b: f"{b.page.name}:{b.attrs['data-fil'].rsplit('/', 1)[-1]}",
)
def test_example_file_passes_check(capsys, tmp_path, example):
    content = project_copy(tmp_path)
    target = tmp_path / example.attrs["data-fil"]
    assert not target.exists(), "eksemplet må ikke have samme navn som rigtigt indhold"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(example.text, encoding="utf-8")
    code, out = check_output(capsys, content, "--dato", "2025-06-01")
    assert code == 0, out
    mine = [line for line in out.splitlines() if example.attrs["data-fil"] in line]
    assert mine == [], "eksemplet giver advarsler:\n" + "\n".join(mine)


def _broken_with_answers() -> list[tuple[Block, Block]]:
    pairs = []
    for page in sorted(GUIDE.glob("*.md")):
        found = blocks(page)
        for i, b in enumerate(found):
            if b.attrs.get("data-fejl") == "ja":
                answer = found[i + 1]
                assert answer.attrs.get("data-svar") == b.attrs["data-fil"], "hvert eksempel med fejl følges af svaret"
                pairs.append((b, answer))
    return pairs


@pytest.mark.parametrize("pair", _broken_with_answers(), ids=lambda p: f"{p[0].page.name}@{p[0].start}")
def test_error_example_shows_the_real_message(capsys, tmp_path, pair):
    broken, answer = pair
    content = project_copy(tmp_path)
    (tmp_path / broken.attrs["data-fil"]).write_text(broken.text, encoding="utf-8")
    code, out = check_output(capsys, content)
    assert code == 1
    if os.environ.get("UPDATE_GOLDEN") and out != answer.text:
        source = answer.page.read_text(encoding="utf-8")
        index = source.index(answer.text, answer.start - 10) if answer.text else answer.start
        answer.page.write_text(source[:index] + out + source[index + len(answer.text) :], encoding="utf-8")
        pytest.skip("vejledningen er opdateret med den nye fejlbesked")
    assert out == answer.text, f"ret fejlbeskeden i {answer.page.relative_to(ROOT)} (eller kør med UPDATE_GOLDEN=1)"


def test_guide_is_in_the_editors_section_not_in_the_citizens_menu():
    """Editors' pages are reached from the footer ("For redaktører") and listed in
    overrides/partials/editor-nav.html; the citizens' menu (nav) holds none of them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "redaktoer/" not in str(config["nav"]) and "udvikling/" not in str(config["nav"])
    listed = re.findall(r'\("([^"]+)", "', (ROOT / "overrides/partials/editor-nav.html").read_text(encoding="utf-8"))
    pages = listed  # the partial names the source files
    assert pages[0] == "redaktoer/index.md"
    generated = {FIELDS_SRC, OVERDUE_SRC}
    for page in pages:
        assert page in generated or (ROOT / "docs" / page).exists(), page
    assert generated <= set(pages)
    assert {f"redaktoer/{p.name}" for p in GUIDE.glob("*.md")} <= set(pages), "hver side i vejledningen skal i listen"
    for page in GUIDE.glob("*.md"):
        assert "publikum: redaktoer" in page.read_text(encoding="utf-8").split("---")[1], page


# --- generated pages ----------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_repo():
    return load_repository(FIXTURE, FIXTURE.parent)


def page(outputs, src):
    return next(o for o in outputs if o.src_uri == src)


def test_overdue_page_lists_old_content_per_municipality(fixture_repo):
    settings = Settings(repo_url="https://github.com/eksempel/overblik", edit_uri="edit/main/docs/", today="2026-01-15")
    out = page(generate(fixture_repo, settings), OVERDUE_SRC)
    assert not out.in_nav and "publikum: redaktoer" in out.content  # the editors' section
    body = out.content.split("\n---\n", 1)[1]  # the page, without the front matter others add to
    golden = GOLDEN / "forfaldent_indhold.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_overdue_uses_settings_today_and_nothing_else_changes(fixture_repo):
    """The date moves this page only: stale marks on the other pages are made in the browser."""
    first = generate(fixture_repo, Settings(today="2019-06-01"))
    again = generate(fixture_repo, Settings(today="2019-06-01"))
    later = generate(fixture_repo, Settings(today="2026-01-15"))
    assert [(o.src_uri, o.content) for o in first] == [(o.src_uri, o.content) for o in again]
    assert "Alt er bekræftet inden for de seneste 12 måneder." in page(first, OVERDUE_SRC).content
    assert "Alt er bekræftet" not in page(later, OVERDUE_SRC).content
    changed = {a.src_uri for a, b in zip(first, later) if a.content != b.content}
    assert changed == {OVERDUE_SRC}


def test_overdue_date_comes_from_the_build_not_the_clock(fixture_repo, tmp_path):
    """mkdocs.yml's date, else SOURCE_DATE_EPOCH, else the last commit, else the newest confirmation."""
    import datetime as dt
    import subprocess

    from overblik.editor.builddate import build_date

    made = build_date(fixture_repo, "2026-01-15", {"SOURCE_DATE_EPOCH": "0"})
    assert (made.date, made.basis) == (dt.date(2026, 1, 15), "datoen i mkdocs.yml")
    made = build_date(fixture_repo, "", {"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01 00:00 UTC
    assert (made.date, made.basis) == (dt.date(2026, 1, 1), "byggets faste dato, SOURCE_DATE_EPOCH")
    # a repository without git history: the newest senest_bekraeftet in the content
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURE, plain / "content")
    repo = load_repository(plain / "content", plain)
    made = build_date(repo, "", {})
    assert made.basis.startswith("den nyeste bekræftelse") and made.date.year < 2100
    # in a git repository: the date of the last commit
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
    env = {
        "GIT_COMMITTER_DATE": "2024-03-05T12:00:00+00:00",
        "GIT_AUTHOR_DATE": "2024-03-05T12:00:00+00:00",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
    }
    if shutil.which("git", path=env["PATH"]) is None:
        pytest.skip("git findes ikke på maskinen")
    subprocess.run([*git, "init", "-q"], cwd=plain, check=True, env=env)
    subprocess.run([*git, "add", "."], cwd=plain, check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=plain, check=True, env=env)
    made = build_date(repo, "", {})
    assert (made.date, made.basis) == (dt.date(2024, 3, 5), "datoen for den seneste commit")
    out = page(generate(repo, Settings()), OVERDUE_SRC).content
    assert "opgjort pr. 5. marts 2024 (datoen for den seneste commit)" in out


def test_overdue_groups_sort_oldest_first(fixture_repo):
    import datetime as dt

    groups = overdue_groups(fixture_repo, dt.date(2026, 1, 15))
    assert [g.title for g in groups] == ["Testby Kommune"]
    items = groups[0].items
    assert sorted(o.entry.slug for o in items) == ["faellesspisning", "godt-samarbejde", "nyt-netvaerk"]
    keys = [(o.entry.model.senest_bekraeftet.key(), o.entry.name.casefold()) for o in items]
    assert keys == sorted(keys)
    assert items[0].months == 80  # april 2019 ended 30 April; 15 January 2026 is 80 whole months later
    assert months_since(items[0].entry.model.senest_bekraeftet, dt.date(2020, 4, 30)) == 12


def test_field_reference_explains_every_field_and_lists_the_vocabulary(fixture_repo):
    out = page(generate(fixture_repo, Settings()), FIELDS_SRC)
    assert not out.in_nav and "publikum: redaktoer" in out.content  # the editors' section
    text = out.content
    for kind, model in ((k, t.schema) for k, t in KINDS.items()):
        assert f"{{: #{kind} }}" in text
        for name in model.model_fields:
            assert f"<dt><code>{name}</code>" in text, (kind, name)
    for key in fixture_repo.vocabulary.maalgrupper:
        assert f"<td><code>{key}</code></td>" in text
    assert 'Skrives som: et id fra <a href="#ordliste-typer">typer af initiativer</a>' in text


def test_built_site_has_the_guide_and_the_editor_pages(site):
    for path in (
        "redaktoer/index.html",
        "redaktoer/fejl/index.html",
        "redaktoer/felter/index.html",
        "redaktoer/forfaldent-indhold/index.html",
        "redaktoer/ret-indhold/index.html",
    ):
        assert (site / path).exists(), path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "For redaktører" in home
    fejl = (site / "redaktoer/fejl/index.html").read_text(encoding="utf-8")
    assert "overblik check fandt 2 fejl. Ret dem, og kør overblik check igen." in fejl
    overdue = (site / "redaktoer/forfaldent-indhold/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-ignore="all"' in overdue
