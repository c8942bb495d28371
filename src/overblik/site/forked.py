"""Work done in a forked copy of this process, on the machine's second core.

`generate` renders the content pages in a child process while this process runs
the other producers. The child is a ``fork()`` of this process, so it sees the
loaded content without copying or pickling it; it sends back only its result
(pickled, through a pipe) and exits at once with ``os._exit``, so nothing of the
parent's (MkDocs' cleanup, open files, atexit handlers) runs twice.

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
import threading
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
    def __init__(self, pid: int, read_fd: int):
        self.pid = pid
        self.started = time.monotonic()
        self._data = bytearray()
        self._reader = threading.Thread(target=self._read, args=(read_fd,), daemon=True)
        self._reader.start()  # drain the pipe while this process works, so the child never waits

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                self._data += chunk

    def result(self, timeout: float | None = None) -> Any:
        """The child's result. Waits `timeout` seconds (default: see MIN_WAIT) for the
        child to finish; then it is killed and ForkFailed says so."""
        if timeout is None:
            timeout = max(MIN_WAIT, WAIT_FACTOR * (time.monotonic() - self.started))
        self._reader.join(timeout)
        if self._reader.is_alive():  # the child still holds the pipe open: stuck
            self._kill()
            self._reader.join()
            self._data = bytearray()
            raise ForkFailed(f"barnet blev ikke færdigt på {timeout:.0f} s og blev stoppet")
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0 or not self._data:
            self._data = bytearray()
            raise ForkFailed(f"barnet sluttede med koden {code}")
        try:
            return pickle.loads(self._data)
        finally:
            self._data = bytearray()

    def kill(self) -> None:
        """Stop the child (its result is not wanted)."""
        self._kill()
        self._reader.join()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def start(work: Callable[[], Any]) -> Forked | None:
    """Run `work()` in a forked child; None where that is not possible."""
    if not sys.platform.startswith("linux") or usable_cpus() < 2:
        return None
    read_fd, write_fd = os.pipe()
    was_frozen = gc.get_freeze_count()
    gc.freeze()  # the child's collector leaves the shared objects alone: fewer copied pages
    try:
        pid = os.fork()
    except OSError:
        if not was_frozen:
            gc.unfreeze()
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_fd)
            result = work()
            with os.fdopen(write_fd, "wb", buffering=1 << 20) as pipe:  # pickled frame by frame, not whole first
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    if not was_frozen:  # the caller froze nothing: leave its collector as it was
        gc.unfreeze()
    os.close(write_fd)
    return Forked(pid, read_fd)
