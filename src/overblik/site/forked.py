"""Work done in a forked copy of this process, on the machine's second core.

`generate` renders the content pages in a child process while this process runs
the other producers. The child is a ``fork()`` of this process, so it sees the
loaded content without copying or pickling it; it sends back only its result
(pickled, through a pipe) and exits at once with ``os._exit``, so nothing of the
parent's (MkDocs' cleanup, open files, atexit handlers) runs twice.

If the child fails for any reason, `result()` says so with `ForkFailed` and
the caller does the work itself, so errors are reported the ordinary way.
Only on Linux with more than one core (macOS forbids much after a fork, and
Windows has none); elsewhere `start` returns None and the caller does the work.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any


class ForkFailed(Exception):
    pass


class Forked:
    def __init__(self, pid: int, read_fd: int):
        self.pid = pid
        self._data = bytearray()
        self._reader = threading.Thread(target=self._read, args=(read_fd,), daemon=True)
        self._reader.start()  # drain the pipe while this process works, so the child never waits

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                self._data += chunk

    def result(self) -> Any:
        self._reader.join()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not self._data:
            raise ForkFailed(f"child exited with status {status}")
        try:
            return pickle.loads(self._data)
        finally:
            self._data = bytearray()


def start(work: Callable[[], Any]) -> Forked | None:
    """Run `work()` in a forked child; None where that is not possible."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector leaves the shared objects alone: fewer copied pages
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_fd)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(write_fd)
    return Forked(pid, read_fd)
