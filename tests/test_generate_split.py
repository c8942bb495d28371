"""`generate(parallel=True)` shares the content pages out between a forked child and this
process (`build._in_two_processes`, `forked.FromBothEnds`), each adding the JSON-LD to the
pages it made: the site must be the same as one made in one process, whoever made which
chunk, and whether the child works, fails at once, fails halfway or gets stuck."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from overblik import build
from overblik.content.repository import load_repository
from overblik.opendata.jsonld import Graphs, page_graphs
from overblik.site import forked
from overblik.site.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = ["index.md", "om.md"]
can_fork = pytest.mark.skipif(
    forked.usable_cpus() < 2 or not hasattr(os, "fork"), reason="forks only with two usable CPUs on Linux"
)


@pytest.fixture(scope="module")
def repo():
    return load_repository(ROOT / "content", ROOT)


@pytest.fixture(scope="module")
def settings():
    return Settings(today="2025-06-01", site_url="https://overblik.example.dk/overblik/")


@pytest.fixture(scope="module")
def serial(repo, settings):
    return build.generate(repo, settings, HANDWRITTEN)


def as_tuples(outputs):
    return [(o.src_uri, o.content, o.edit_path, o.in_nav) for o in outputs]


@pytest.fixture
def small_chunks(monkeypatch):
    """Many chunks, so both processes get some of the shipped content's pages."""
    monkeypatch.setattr(build, "CHUNK", 3)


def slow_child(monkeypatch, seconds: float, *, fail_at: int | None = None, stuck_at: int | None = None):
    """The child makes each chunk `seconds` slower (so this process gets chunks too), raises
    at chunk `fail_at`, or hangs at `stuck_at`; this process makes its chunks as usual."""
    real = forked._from_the_front

    def child(board, make, complete, *rest):
        def slow(chunk):
            if chunk == fail_at:
                raise RuntimeError("i barnet")
            if chunk == stuck_at:
                time.sleep(600)
            time.sleep(seconds)
            return make(chunk)

        real(board, slow, complete, *rest)

    monkeypatch.setattr(forked, "_from_the_front", child)


def record_shares(monkeypatch) -> list:
    """The FromBothEnds of each parallel generate, to see who made which chunks."""
    started = []
    real = forked.FromBothEnds.start

    def start(count, make, complete):
        shared = real(count, make, complete)
        started.append((shared, count))
        return shared

    monkeypatch.setattr(forked.FromBothEnds, "start", start)
    return started


@can_fork
def test_both_processes_make_content_pages_and_the_site_is_the_same(repo, settings, serial, monkeypatch, small_chunks):
    slow_child(monkeypatch, 0.02)
    started = record_shares(monkeypatch)
    parallel = build.generate(repo, settings, HANDWRITTEN, parallel=True)
    ((shared, count),) = started
    assert 0 < len(shared.child_share) < count  # each made some of the chunks
    assert as_tuples(parallel) == as_tuples(serial)
    assert page_graphs(parallel) == page_graphs(serial)  # the JSON-LD each process added


@can_fork
def test_a_child_that_makes_everything_gives_the_same_site(repo, settings, serial, monkeypatch):
    monkeypatch.setattr(build, "CHUNK", 10**6)  # one chunk: the child's, before this process gets to it
    started = record_shares(monkeypatch)
    parallel = build.generate(repo, settings, HANDWRITTEN, parallel=True)
    ((shared, count),) = started
    assert count == 1 and len(shared.child_share) == 1
    assert as_tuples(parallel) == as_tuples(serial)


@can_fork
@pytest.mark.parametrize("fail_at", [0, 5])
def test_a_failing_child_gives_the_same_site_and_a_warning(
    repo, settings, serial, monkeypatch, small_chunks, caplog, fail_at
):
    slow_child(monkeypatch, 0.02, fail_at=fail_at)
    with caplog.at_level(logging.WARNING, logger="overblik.build"):
        parallel = build.generate(repo, settings, HANDWRITTEN, parallel=True)
    assert as_tuples(parallel) == as_tuples(serial)
    assert "koden 1" in caplog.text and "i denne proces" in caplog.text


@can_fork
def test_a_stuck_child_is_stopped_and_its_share_made_here(repo, settings, serial, monkeypatch, small_chunks, caplog):
    monkeypatch.setattr(forked, "MIN_WAIT", 1.0)
    monkeypatch.setattr(forked, "WAIT_FACTOR", 0.0)
    slow_child(monkeypatch, 0.0, stuck_at=2)
    started = record_shares(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="overblik.build"):
        parallel = build.generate(repo, settings, HANDWRITTEN, parallel=True)
    assert as_tuples(parallel) == as_tuples(serial)
    assert "ikke færdigt" in caplog.text
    ((shared, _),) = started
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(shared.pid, os.WNOHANG)


def test_without_a_fork_this_process_makes_everything(repo, settings, serial, monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert as_tuples(build.generate(repo, settings, HANDWRITTEN, parallel=True)) == as_tuples(serial)


@can_fork
def test_an_error_here_stops_the_child(repo, settings, monkeypatch, small_chunks):
    slow_child(monkeypatch, 0.05)
    started = record_shares(monkeypatch)

    def broken(repo, settings, index):
        raise RuntimeError("producenten fejlede")

    monkeypatch.setattr(build, "producers", lambda facts, tracker=None: [broken])
    with pytest.raises(RuntimeError, match="producenten fejlede"):
        build.generate(repo, settings, HANDWRITTEN, parallel=True)
    ((shared, _),) = started
    with pytest.raises(ChildProcessError):
        os.waitpid(shared.pid, os.WNOHANG)


def test_a_graph_reads_only_the_front_matter_it_says_it_reads(repo, settings, serial):
    """What lets each process annotate its own pages: `Graphs.reads` is every page whose
    front matter a page's graph looks up (so the child is sent exactly those), and of a
    page's front matter it reads only the title and description (`own_front_matter`)."""
    from overblik.opendata import data_catalog
    from overblik.opendata.jsonld import read_front_matter
    from overblik.site.siteindex import SiteIndex

    class Recording(dict):
        def __init__(self, data, asked=None):
            super().__init__(data)
            self.asked = asked if asked is not None else set()

        def get(self, key, default=None):
            self.asked.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            self.asked.add(key)
            return super().__getitem__(key)

        def __contains__(self, key):
            self.asked.add(key)
            return super().__contains__(key)

    fields = set()  # the front matter fields read, of any page
    pages = Recording({o.src_uri: Recording(read_front_matter(o.content)[0], fields) for o in serial if o.is_page})
    index = SiteIndex.build(repo)
    graphs = Graphs(repo, settings, index, pages, data_catalog(repo, settings, index))
    crumbs = 0
    for src in list(pages):
        pages.asked = set()
        graph = graphs.graph(src)
        assert pages.asked <= set(Graphs.reads(src)), src
        assert fields <= {"title", "description"}  # all that own_front_matter reads of a page
        trail = next(node for node in graph["@graph"] if node["@type"] == "BreadcrumbList")["itemListElement"]
        crumbs += len(trail) > 2
    assert crumbs > 100  # most pages have a folder index page in their breadcrumbs


def test_a_content_page_named_index_is_made_in_one_process_and_fails_there(tmp_path, settings, monkeypatch):
    """Its graph would read another content page's front matter: not shared out (and it
    clashes with its folder's index page, as in a build in one process)."""
    from conftest import content_tree

    initiative = ROOT / "tests/fixtures/content/kommuner/testby/initiativer/nyt-netvaerk.md"
    root = content_tree(tmp_path, {"kommuner/testby/initiativer/index.md": initiative.read_text(encoding="utf-8")})
    repo = load_repository(root / "content", root)
    monkeypatch.setattr(forked.FromBothEnds, "start", lambda *args: pytest.fail("shared out"))
    with pytest.raises(ValueError, match=r"two outputs for initiativer/index\.md"):
        build.generate(repo, settings, parallel=True)
