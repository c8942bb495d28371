"""The forked helper (overblik.site.forked): used only by `mkdocs build`, never waits forever,
and falls back to doing the work in this process, with a warning, when the child fails
(for `generate` itself, see test_generate_split.py)."""

from __future__ import annotations

import os
import time

import pytest

from overblik.site import forked

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


def both_ends(count, *, child_pause=0.0, fail_at=None):
    """A FromBothEnds whose chunks are their numbers, finished with the message."""

    def make(chunk):
        if chunk == fail_at:
            raise RuntimeError("i barnet")
        if os.getpid() != parent:
            time.sleep(child_pause)
        return [chunk]

    parent = os.getpid()
    return forked.FromBothEnds.start(count, make, lambda made, message: made + [message])


@can_fork
def test_both_ends_meet_and_every_chunk_is_made_once_with_the_message():
    shared = both_ends(40, child_pause=0.01)
    time.sleep(0.2)  # this process's other work: the child starts meanwhile
    shared.send("besked")
    mine = {}
    while (chunk := shared.take()) is not None:
        mine[chunk] = [chunk, "besked"]
        time.sleep(0.005)
        shared.collect()
    theirs = shared.result()
    assert 0 < len(theirs) < 40 and len(theirs) == len(shared.child_share)
    assert theirs + [mine[c] for c in sorted(mine)] == [[c, "besked"] for c in range(40)]


@can_fork
def test_chunks_made_before_the_message_are_finished_when_it_comes():
    shared = both_ends(5)
    time.sleep(0.5)  # the child has made all five and waits for the message
    shared.send({"titel": "Alle initiativer"})
    assert shared.take() is None
    assert shared.result() == [[c, {"titel": "Alle initiativer"}] for c in range(5)]
    shared.kill()  # after the child has been reaped: nothing (its pid may be another process's by now)


@can_fork
def test_a_child_that_fails_leaves_its_share_to_this_process():
    shared = both_ends(40, child_pause=0.01, fail_at=3)
    shared.send(None)
    time.sleep(0.5)  # the child has failed at chunk 3 meanwhile
    mine = set()
    while (chunk := shared.take()) is not None:
        mine.add(chunk)
    with pytest.raises(forked.ForkFailed, match="koden 1"):
        shared.result()
    assert set(shared.child_share) | mine == set(range(40))
    assert 3 in shared.child_share


@can_fork
def test_a_child_whose_parent_sends_nothing_stops_when_it_is_killed():
    shared = both_ends(3)
    started = time.monotonic()
    with pytest.raises(forked.ForkFailed, match="ikke færdigt"):
        shared.result(timeout=0.5)  # waits for the message that never comes
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(shared.pid, os.WNOHANG)


def test_no_fork_no_sharing(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.FromBothEnds.start(10, lambda c: c, lambda m, n: m) is None
    assert forked.FromBothEnds.start(0, lambda c: c, lambda m, n: m) is None


@pytest.mark.parametrize("command, forks", [("build", True), ("serve", False)])
def test_only_mkdocs_build_forks(monkeypatch, command, forks):
    from overblik.frontends.mkdocs import glue as mkdocs_glue

    asked = []

    def fake_generate(repo, settings, handwritten=(), *, parallel=False, tracker=None, meta_only=False):
        asked.append(parallel)
        assert meta_only == forks  # the front matter only as data: mkdocs build (see glue.DIRECT_META)
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
