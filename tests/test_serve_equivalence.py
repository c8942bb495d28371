"""`mkdocs serve --dirty` renders again only the pages an edit can change (`overblik.site.deps`),
and ends with exactly what a full build makes.

A small synthetic content tree gets a series of random edits (fixed seed): a summary
changed, an organisation renamed, a place deleted (and the references to it), an
initiative added, one moved to another municipality, a municipality's text changed,
a term renamed in the vocabulary, a file broken and fixed again. After each edit

* `generate` with the tracker of the previous builds gives the same outputs, byte for
  byte, as `generate` from scratch, and renders only some of the pages again;
* the folder `mkdocs serve --dirty` serves is byte for byte what a full build writes
  (all files but Pagefind's index, which is built in the background).
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from conftest import ROOT, copy_project, mkdocs_build, serve_build, site_files
from overblik.build import generate
from overblik.content.problems import ContentError
from overblik.content.repository import load_repository
from overblik.frontends.mkdocs import glue, preview
from overblik.frontends.mkdocs.sourcecache import SourceCache
from overblik.site.deps import Tracker
from overblik.site.settings import Settings

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_content import write_content

SEED = 19
N = 24  # initiatives: 3 municipalities, 2 cases, 9 organisations, 7 places, 6 reports

# --- editing content files --------------------------------------------------------------


def read(path: Path) -> tuple[dict, str | None]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body
    return yaml.safe_load(text), None


def write(path: Path, data: dict, body: str | None = None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text if body is None else f"---\n{text}---\n{body}", encoding="utf-8")


def files(content: Path, folder: str) -> list[Path]:
    return sorted(content.glob(f"kommuner/*/{folder}/*")) + sorted(content.glob(f"faelles/{folder}/*"))


def without(value, slug: str):
    """`value` with every mention of the id `slug` taken out (list items, mapping values)."""
    if isinstance(value, dict):
        return {k: without(v, slug) for k, v in value.items() if v != slug}
    if isinstance(value, list):
        return [without(v, slug) for v in value if v != slug]
    return value


class Editor:
    """Random edits of a content folder, each leaving it valid."""

    def __init__(self, content: Path, rnd: random.Random) -> None:
        self.content, self.rnd, self.n = content, rnd, 0

    def pick(self, folder: str) -> Path:
        return self.rnd.choice(files(self.content, folder))

    def summary(self) -> str:
        path = self.pick("initiativer")
        data, body = read(path)
        self.n += 1
        data["resume"] = f"En ny beskrivelse nummer {self.n} af initiativet."
        write(path, data, body)
        return f"resume i {path.name}"

    def rename_organisation(self) -> str:
        path = self.pick("organisationer")
        data, body = read(path)
        self.n += 1
        data["navn"] = f"Aaa Omdøbt Forening {self.n}"  # sorts first: lists change order too
        write(path, data, body)
        return f"navn i {path.name}"

    def delete_place(self) -> str:
        path = self.pick("steder")
        slug = path.stem
        path.unlink()
        for other in self.content.rglob("*.*"):
            if other.suffix in (".md", ".yml") and other.name != "vokabular.yml" and slug in other.read_text("utf-8"):
                data, body = read(other)
                write(other, without(data, slug), body)
        return f"slettede {path.name}"

    def add_initiative(self) -> str:
        source = self.pick("initiativer")
        data, body = read(source)
        self.n += 1
        data["navn"] = f"Nyt initiativ {self.n}"
        target = source.with_name(f"nyt-initiativ-{self.n}.md")
        write(target, data, body)
        return f"tilføjede {target.name}"

    def move_initiative(self) -> str:
        source = self.pick("initiativer")
        kommuner = sorted(p.name for p in (self.content / "kommuner").iterdir())
        other = self.rnd.choice([k for k in kommuner if k != source.parent.parent.name])
        target = self.content / "kommuner" / other / "initiativer" / source.name
        if target.exists():
            return "ingen flytning"
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        return f"flyttede {source.name} til {other}"

    def change_municipality(self) -> str:
        path = self.rnd.choice(sorted(self.content.glob("kommuner/*/kommune.yml")))
        data, _ = read(path)
        self.n += 1
        data["resume"] = f"Kommunen samarbejder med frivillige, version {self.n}."
        write(path, data)
        return f"kommunens resume i {path.parent.name}/kommune.yml"

    def body_text(self) -> str:
        path = self.pick("cases")
        data, body = read(path)
        self.n += 1
        write(path, data, (body or "") + f"\nEt nyt afsnit nummer {self.n}.\n")
        return f"brødtekst i {path.name}"

    def rename_term(self) -> str:
        path = self.content / "vokabular.yml"
        data, _ = read(path)
        key = self.rnd.choice(sorted(data["temaer"]))
        term = data["temaer"][key]
        self.n += 1
        if isinstance(term, dict):
            term["navn"] = f"Tema {self.n}"
        else:
            data["temaer"][key] = f"Tema {self.n}"
        write(path, data)
        return f"temaet {key} omdøbt"

    def break_file(self) -> Callable[[], None]:
        path = self.pick("initiativer")
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("\nnavn: ", "\nnavn: Et: kolon\n  ", 1), encoding="utf-8")
        return lambda: path.write_text(good, encoding="utf-8")


EDITS = [
    "summary",
    "rename_organisation",
    "delete_place",
    "add_initiative",
    "move_initiative",
    "change_municipality",
    "body_text",
    "summary",
    "rename_term",
    "summary",
]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "content"
    write_content(folder, N, ROOT / "content" / "vokabular.yml", seed=SEED)
    return folder


# --- generate: incremental outputs equal outputs from scratch ------------------------------


def outputs_of(repo, settings, tracker=None) -> dict[str, tuple]:
    return {o.src_uri: (o.content, o.edit_path, o.in_nav) for o in generate(repo, settings, tracker=tracker)}


def test_incremental_generate_equals_generate_from_scratch(tmp_path, content):
    root = tmp_path / "repo"
    shutil.copytree(content, root / "content")
    settings = Settings.from_mkdocs(load_config(str(ROOT / "mkdocs.yml")))
    sources = SourceCache()
    tracker = Tracker(sources.digest)

    def load():
        try:
            return load_repository(root / "content", root, sources=sources)
        finally:
            sources.sweep()

    outputs_of(load(), settings, tracker)
    pages = tracker.rendered
    editor = Editor(root / "content", random.Random(SEED))
    rnd = random.Random(SEED + 1)
    for step in range(24):
        if step == 12:
            fix = editor.break_file()
            with pytest.raises(ContentError):
                load()
            fix()
            edit = "brudt og rettet"
        else:
            edit = getattr(editor, rnd.choice(EDITS))()
        repo = load()
        incremental = outputs_of(repo, settings, tracker)
        rendered = tracker.rendered
        full = outputs_of(load_repository(root / "content", root), settings)  # no cache at all
        assert sorted(incremental) == sorted(full), edit
        assert [src for src in full if incremental[src] != full[src]] == [], edit
        if edit.startswith(("resume i", "navn i", "brødtekst i")):
            assert rendered < pages / 2, f"{edit}: {rendered} of {pages} pages rendered again"
    assert tracker.reused > 0


# --- mkdocs serve --dirty: the served folder equals a full build -------------------------------


@pytest.fixture
def serve_state(monkeypatch):
    monkeypatch.setattr(glue, "pagefind_command", lambda site_dir, pages_dir=None: [sys.executable, "-c", ""])
    preview.PREVIEW.forget()
    preview.PREVIEW.tracker.forget()
    yield
    glue.STATE.command = "build"
    preview.PREVIEW.dirty = False
    preview.PREVIEW.forget()
    preview.PREVIEW.tracker.forget()


@pytest.mark.usefixtures("serve_state")
def test_served_site_equals_a_full_build_after_each_edit(tmp_path, content):
    project = tmp_path / "project"
    project.mkdir()
    config = copy_project(project, content=content)
    served, full = tmp_path / "served", tmp_path / "full"
    serve_build(config, served, dirty=True)
    assert (served / "pagefind" / "dele.json").read_text() == '{"dele": []}\n'  # one index while editing
    editor = Editor(project / "content", random.Random(SEED + 2))
    steps = ["summary", "rename_organisation", "delete_place", "add_initiative", "break", "move_initiative"]
    steps += ["change_municipality", "summary"]
    for step in steps:
        if step == "break":
            fix = editor.break_file()
            serve_build(config, served, dirty=True)
            assert "Indholdet har fejl" in (served / "index.html").read_text(encoding="utf-8")
            fix()
        else:
            getattr(editor, step)()
        serve_build(config, served, dirty=True)
        tracker = preview.PREVIEW.tracker
        made = f"{step}: {tracker.rendered} made again, {tracker.reused} reused"
        assert tracker.reused > (tracker.rendered if step in ("summary", "break") else 0), made
        shutil.rmtree(full, ignore_errors=True)
        serve_build(config, full, dirty=False)
        got, expected = site_files(served, skip_search=True), site_files(full, skip_search=True)
        assert sorted(got) == sorted(expected), step
        assert [name for name in expected if got[name] != expected[name]] == [], step
    built = tmp_path / "built"
    result = mkdocs_build(config, built)
    assert result.returncode == 0, result.stderr
    assert site_files(served, skip_search=True) == site_files(built, skip_search=True)
