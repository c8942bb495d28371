"""Work done in a forked copy of this process, on the machine's second core.

`generate` renders the content pages in a child process while this process runs
the other producers. The child is a ``fork()`` of this process, so it sees the
loaded content without copying or pickling it; it sends back only its result
and exits at once with ``os._exit``, so nothing of the parent's (MkDocs' cleanup,
open files, atexit handlers) runs twice. The result is pickled into an unnamed
temporary file, not a pipe, and read once the child has ended: at 10,000
initiatives it is about 300 MB of pages, which through a pipe the parent held
whole while the child still held them too.

If the child fails, or has not finished in time (see `Forked.result`), it is
killed and `result()` raises `ForkFailed`; the caller then does the work itself,
so errors are reported the ordinary way. Only used by `mkdocs build` (a fork of
`mkdocs serve` would copy its server and watcher threads mid-flight), only on
Linux (macOS forbids much after a fork, and Windows has none), and only when
this process may use more than one CPU; elsewhere `start` returns None and the
caller does the work.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

# How long the parent waits for the child once it has done its own share:
# at least MIN_WAIT seconds, and WAIT_FACTOR times as long as the child has
# already been working (the two shares take about the same time, so a child
# that needs several times longer is stuck, not slow).
MIN_WAIT = 60.0
WAIT_FACTOR = 4.0


class ForkFailed(Exception):
    pass


def usable_cpus() -> int:
    """CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Forked:
    def __init__(self, pid: int, results: Any):
        self.pid = pid
        self.started = time.monotonic()
        self._results = results  # the temporary file the child pickles its result into

    def result(self, timeout: float | None = None) -> Any:
        """The child's result. Waits `timeout` seconds (default: see MIN_WAIT) for the
        child to finish; then it is killed and ForkFailed says so."""
        if timeout is None:
            timeout = max(MIN_WAIT, WAIT_FACTOR * (time.monotonic() - self.started))
        with self._results as results:
            status = self._wait(timeout)
            if status is None:
                self._kill()
                raise ForkFailed(f"barnet blev ikke færdigt på {timeout:.0f} s og blev stoppet")
            code = os.waitstatus_to_exitcode(status)
            if code != 0 or not results.seek(0, os.SEEK_END):
                raise ForkFailed(f"barnet sluttede med koden {code}")
            results.seek(0)
            return pickle.load(results)  # frame by frame: the file is never in memory whole

    def _wait(self, timeout: float) -> int | None:
        """The child's exit status once it has ended; None if it has not within `timeout` seconds."""
        deadline, pause = time.monotonic() + timeout, 0.001
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(2 * pause, 0.05)

    def kill(self) -> None:
        """Stop the child (its result is not wanted)."""
        self._kill()
        self._results.close()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # already reaped
            os.waitpid(self.pid, 0)


def start(work: Callable[[], Any]) -> Forked | None:
    """Run `work()` in a forked child; None where that is not possible."""
    if not sys.platform.startswith("linux") or usable_cpus() < 2:
        return None
    try:
        results = tempfile.TemporaryFile(prefix="overblik-")  # noqa: SIM115 (outlives this call; closed by Forked)
    except OSError:
        return None
    was_frozen = gc.get_freeze_count()
    gc.freeze()  # the child's collector leaves the shared objects alone: fewer copied pages
    try:
        pid = os.fork()
    except OSError:
        if not was_frozen:
            gc.unfreeze()
        results.close()
        return None
    if pid == 0:  # the child
        code = 1
        try:
            pickle.dump(work(), results, protocol=pickle.HIGHEST_PROTOCOL)  # frame by frame
            results.flush()
            code = 0
        finally:
            os._exit(code)
    if not was_frozen:  # the caller froze nothing: leave its collector as it was
        gc.unfreeze()
    return Forked(pid, results)
