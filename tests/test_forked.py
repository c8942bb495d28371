"""The forked helper (overblik.site.forked): used only by `mkdocs build`, never waits forever,
and falls back to doing the work in this process, with a warning, when the child fails."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from overblik.site import forked

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content"
can_fork = pytest.mark.skipif(
    forked.usable_cpus() < 2 or not hasattr(os, "fork"), reason="forks only with two usable CPUs on Linux"
)


@can_fork
def test_the_child_returns_its_result():
    child = forked.start(lambda: {"sider": ["a", "b"]})
    assert child is not None
    assert child.result() == {"sider": ["a", "b"]}


@can_fork
def test_a_failing_child_is_reported():
    def fail():
        raise RuntimeError("i barnet")

    child = forked.start(fail)
    with pytest.raises(forked.ForkFailed, match="koden 1"):
        child.result()


@can_fork
def test_a_large_result_arrives_whole():
    pages = [f"side {i} " * 500 for i in range(2000)]  # several MB: many pickle frames through the pipe
    child = forked.start(lambda: pages)
    assert child.result() == pages


@can_fork
def test_a_result_that_cannot_be_sent_whole_is_reported():
    # pickled frame by frame: the first megabytes are written before pickling fails
    child = forked.start(lambda: ["x" * 100_000 for _ in range(50)] + [lambda: None])
    with pytest.raises(forked.ForkFailed, match="koden 1"):
        child.result()


@can_fork
def test_a_stuck_child_is_killed_after_the_timeout():
    child = forked.start(lambda: time.sleep(60))
    started = time.monotonic()
    with pytest.raises(forked.ForkFailed, match="ikke færdigt"):
        child.result(timeout=0.5)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # killed and reaped: no zombie left behind
        os.waitpid(child.pid, os.WNOHANG)


@can_fork
def test_the_default_wait_grows_with_the_work_already_done(monkeypatch):
    child = forked.start(lambda: 1)
    child.started -= 100  # as if the child had worked for 100 s
    waited = []
    real_wait = child._wait
    monkeypatch.setattr(child, "_wait", lambda t: (waited.append(t), real_wait(t))[1])
    assert child.result() == 1
    assert waited[0] >= forked.WAIT_FACTOR * 100


def test_one_usable_cpu_means_no_fork(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert forked.usable_cpus() == 1
    assert forked.start(lambda: 1) is None


def test_generate_falls_back_with_a_warning(monkeypatch, caplog):
    """A child that fails still gives the whole site, made in this process, and says so."""
    from overblik.build import generate
    from overblik.content.repository import load_repository
    from overblik.site.settings import Settings

    repo = load_repository(FIXTURE, FIXTURE.parent)
    settings = Settings(today="2025-06-01")
    serial = generate(repo, settings)

    class Broken:
        pid = 0

        def result(self):
            raise forked.ForkFailed("barnet blev ikke færdigt på 60 s og blev stoppet")

    monkeypatch.setattr(forked, "start", lambda work: Broken())
    with caplog.at_level(logging.WARNING, logger="overblik.build"):
        fallback = generate(repo, settings, parallel=True)
    assert [(o.src_uri, o.content) for o in fallback] == [(o.src_uri, o.content) for o in serial]
    assert "ikke færdigt på 60 s" in caplog.text and "i denne proces" in caplog.text


@pytest.mark.parametrize("command, forks", [("build", True), ("serve", False)])
def test_only_mkdocs_build_forks(monkeypatch, command, forks):
    from overblik.frontends.mkdocs import glue as mkdocs_glue

    asked = []

    def fake_generate(repo, settings, handwritten=(), *, parallel=False, tracker=None):
        asked.append(parallel)
        raise StopIteration  # enough: we only want to know how it was called

    monkeypatch.setattr(mkdocs_glue, "generate", fake_generate)
    monkeypatch.setattr(mkdocs_glue, "STATE", mkdocs_glue.State(command=command, settings=object(), repo=object()))

    class Config:
        config_file_path = __file__
        docs_dir = os.path.dirname(__file__)

    class Files:
        def documentation_pages(self):
            return []

    with pytest.raises(StopIteration):
        mkdocs_glue.on_files(Files(), Config())
    assert asked == [forks]
