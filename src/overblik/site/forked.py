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

`FromBothEnds` shares one list of jobs between the two processes instead: the child
works through it from the front, this process from the back once it has done its
own other work, until the two meet, so both cores stay busy to the end whatever
the other work costs. The child writes each finished chunk to the result file as
it goes, and this process reads them in between its own chunks; one message goes
the other way (what the child needs to finish its chunks, known only later).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import mmap
import os
import pickle
import select
import signal
import struct
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
                _end(self.pid)
                raise ForkFailed(f"barnet blev ikke færdigt på {timeout:.0f} s og blev stoppet")
            code = os.waitstatus_to_exitcode(status)
            if code != 0 or not results.seek(0, os.SEEK_END):
                raise ForkFailed(f"barnet sluttede med koden {code}")
            results.seek(0)
            return pickle.load(results)  # frame by frame: the file is never in memory whole

    def _wait(self, timeout: float) -> int | None:
        return _wait(self.pid, timeout)

    def kill(self) -> None:
        """Stop the child (its result is not wanted)."""
        _end(self.pid)
        self._results.close()


def start(work: Callable[[], Any]) -> Forked | None:
    """Run `work()` in a forked child; None where that is not possible."""
    if not can_fork():
        return None
    try:
        results = tempfile.TemporaryFile(prefix="overblik-")  # noqa: SIM115 (outlives this call; closed by Forked)
    except OSError:
        return None

    def child() -> None:
        pickle.dump(work(), results, protocol=pickle.HIGHEST_PROTOCOL)  # frame by frame
        results.flush()

    pid = _fork(child)
    if pid is None:
        results.close()
        return None
    return Forked(pid, results)


def can_fork() -> bool:
    return sys.platform.startswith("linux") and usable_cpus() >= 2


def _fork(child: Callable[[], None]) -> int | None:
    """Run `child()` in a forked copy of this process, which then ends at once (exit code 0
    if `child` returned, 1 if it raised); the child's pid, or None if there is none."""
    was_frozen = gc.get_freeze_count()
    gc.freeze()  # the child's collector leaves the shared objects alone: fewer copied pages
    try:
        pid = os.fork()
    except OSError:
        if not was_frozen:
            gc.unfreeze()
        return None
    if pid == 0:  # the child
        code = 1
        try:
            child()
            code = 0
        finally:
            os._exit(code)
    if not was_frozen:  # the caller froze nothing: leave its collector as it was
        gc.unfreeze()
    return pid


def _end(pid: int) -> None:
    """Kill the child and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):  # already reaped
        os.waitpid(pid, 0)


def _wait(pid: int, timeout: float) -> int | None:
    """The child's exit status once it has ended; None if it has not within `timeout` seconds."""
    deadline, pause = time.monotonic() + timeout, 0.001
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() >= deadline:
            return None
        time.sleep(pause)
        pause = min(2 * pause, 0.05)


# --- one list of jobs, worked through from both ends ------------------------------

_RECORD = struct.Struct("<QQ")  # before each chunk in the result file: its number, the length of its pickle
_OFFSET = struct.Struct("<Q")  # news from the child: the result file is whole up to here


class FromBothEnds:
    """`count` chunks of work done by a forked child, which takes them from the front, and
    this process, which takes them from the back (`take`) once it has done its own other
    work, until the two meet. Each chunk is taken by one of them; seldom, when both reach
    for the last one at the same moment, by both (`take` and the child each first look how
    far the other has come, then say how far they are: neither can skip a chunk the other
    has not taken, see `_from_the_front`), and this process then keeps its own.

    The child makes each chunk it takes (`make(i)`), and once this process has sent the
    one message (`send`), it finishes it (`complete(made, message)`: what it made before
    the message came is finished as soon as the message is there) and writes it to the
    result file, and its end to the `news` pipe; this process reads the finished chunks
    in between its own (`collect`) and the last ones in `result`. If the child fails,
    `result` raises ForkFailed, and this process must make the chunks in `child_share`.
    """

    def __init__(self, pid: int, board: mmap.mmap, results: Any, news: int, note: Any, note_signal: int):
        self.pid = pid
        self.started = time.monotonic()
        self._board = board  # shared with the child: how far each has come
        self._front = ctypes.c_int64.from_buffer(board, 0)  # the child's next chunk (only the child writes it)
        self._back = ctypes.c_int64.from_buffer(board, 8)  # the last chunk left to the child (only we write it)
        self._mine = self._back.value  # the first chunk this process has taken
        self._results = results
        self._news, self._unread, self._whole_to, self._read_to = news, b"", 0, 0
        self._ended = False  # the child has closed `news`: it has ended
        self._note, self._note_signal = note, note_signal
        self._received: dict[int, Any] = {}
        self._broken: str | None = None  # why the child's results could not be read
        self._reaped = self._closed = False  # (once reaped, its pid may be another process's)

    @classmethod
    def start(cls, count: int, make: Callable[[int], Any], complete: Callable[[Any, Any], Any]) -> FromBothEnds | None:
        """Fork the child; None where that is not possible (then do all chunks here)."""
        if count < 1 or not can_fork():
            return None
        opened: list[Any] = []
        try:
            results = tempfile.TemporaryFile(prefix="overblik-")  # noqa: SIM115 (closed by `_close`)
            opened.append(results)
            note = tempfile.TemporaryFile(prefix="overblik-")  # noqa: SIM115
            opened.append(note)
            news_out, news_in = os.pipe()
            opened += [news_out, news_in]
            signal_out, signal_in = os.pipe()
            opened += [signal_out, signal_in]
            board = mmap.mmap(-1, 16)  # anonymous and shared: the child sees what we write, and we its
        except OSError:
            _close_all(opened)
            return None
        front, back = ctypes.c_int64.from_buffer(board, 0), ctypes.c_int64.from_buffer(board, 8)
        front.value, back.value = 0, count
        del front, back  # (a buffer still in use would keep the board from closing)

        def child() -> None:
            os.close(news_out)
            os.close(signal_in)
            _from_the_front(board, make, complete, results.fileno(), news_in, signal_out, note.fileno())

        pid = _fork(child)
        os.close(news_in)
        os.close(signal_out)
        if pid is None:
            _close_all([results, note, news_out, signal_in])
            board.close()
            return None
        return cls(pid, board, results, news_out, note, signal_in)

    @property
    def child_share(self) -> range:
        """The chunks this process has left to the child (all that it has not taken)."""
        return range(self._mine)

    def send(self, message: Any) -> None:
        """Give the child what it needs to finish its chunks (once)."""
        self._note.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        self._note.flush()
        with contextlib.suppress(OSError):  # the child has ended: `result` says how
            os.write(self._note_signal, b"!")

    def take(self) -> int | None:
        """The next chunk from the back for this process; None when the two have met."""
        chunk = self._mine - 1
        if chunk < self._front.value:  # first look how far the child has come ...
            return None
        self._back.value = self._mine = chunk  # ... then say that this one is ours
        return chunk

    def collect(self) -> None:
        """Read the chunks the child has finished so far, without waiting."""
        if self._broken is None:
            try:
                self._collect()
            except (OSError, EOFError, ForkFailed, pickle.UnpicklingError) as err:
                self._broken = str(err) or type(err).__name__  # `result` reports it

    def _collect(self) -> None:
        while not self._ended and select.select([self._news], [], [], 0)[0]:
            data = os.read(self._news, 65536)
            if not data:
                self._ended = True
            self._unread += data
        whole = len(self._unread) // _OFFSET.size * _OFFSET.size
        if whole:
            (self._whole_to,) = _OFFSET.unpack_from(self._unread, whole - _OFFSET.size)
            self._unread = self._unread[whole:]
        fd = self._results.fileno()
        while self._read_to < self._whole_to:
            chunk, size = _RECORD.unpack(_read(fd, _RECORD.size, self._read_to))
            if chunk < self._mine:  # else this process made it too: keep our own
                self._received[chunk] = pickle.loads(_read(fd, size, self._read_to + _RECORD.size))
            self._read_to += _RECORD.size + size

    def result(self, timeout: float | None = None) -> list[Any]:
        """The child's chunks (`child_share`), in order. Waits `timeout` seconds (default: see
        MIN_WAIT) for the child to finish; then it is killed and ForkFailed says so."""
        if timeout is None:
            timeout = max(MIN_WAIT, WAIT_FACTOR * (time.monotonic() - self.started))
        deadline = time.monotonic() + timeout
        try:
            self.collect()
            while not self._ended and self._broken is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ForkFailed(f"barnet blev ikke færdigt på {timeout:.0f} s og blev stoppet")
                select.select([self._news], [], [], min(left, 1.0))
                self.collect()
            if self._broken is not None:
                raise ForkFailed(f"barnets resultat kunne ikke læses ({self._broken})")
            status = _wait(self.pid, max(1.0, deadline - time.monotonic()))
            if status is None:
                raise ForkFailed(f"barnet blev ikke færdigt på {timeout:.0f} s og blev stoppet")
            self._reaped = True
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                raise ForkFailed(f"barnet sluttede med koden {code}")
            missing = [chunk for chunk in self.child_share if chunk not in self._received]
            if missing:
                raise ForkFailed(f"barnet sendte ikke del {missing[0]} ({len(missing)} dele mangler)")
            return [self._received.pop(chunk) for chunk in self.child_share]
        finally:
            self.kill()  # if it has not ended

    def kill(self) -> None:
        """Stop the child (its chunks are not wanted), unless it has ended."""
        if not self._reaped:
            _end(self.pid)
            self._reaped = True
        self._close()

    def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._received = {}
        _close_all([self._results, self._note, self._news, self._note_signal])
        self._news = self._note_signal = -1
        del self._front, self._back
        self._board.close()


def _from_the_front(
    board: mmap.mmap,
    make: Callable[[int], Any],
    complete: Callable[[Any, Any], Any],
    results: int,
    news: int,
    note_signal: int,
    note: int,
) -> None:
    """The child's work (see FromBothEnds)."""
    front, back = ctypes.c_int64.from_buffer(board, 0), ctypes.c_int64.from_buffer(board, 8)
    waiting: list[tuple[int, Any]] = []  # chunks made before the message came
    message: Any = _NO_MESSAGE
    written = sent = 0

    def write(chunk: int, done: Any) -> None:
        nonlocal written, sent
        data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        _write(results, _RECORD.pack(chunk, len(data)))
        _write(results, data)
        written += _RECORD.size + len(data)
        _write(news, _OFFSET.pack(written))  # 8 bytes: one write, never split
        sent += 1
        if sent % TRIM_EVERY == 0:
            del data, done
            give_back_memory()

    chunk = 0
    # First look whether this process has taken the chunk, then say that it is ours. So when
    # the child skips a chunk, this process has taken it; and when this process stops at a
    # chunk, the child has taken it (or both have, if each looked before the other said so).
    while chunk < back.value:
        front.value = chunk + 1
        made = make(chunk)
        if message is _NO_MESSAGE:
            message = _message(note_signal, note, wait=False)
        if message is _NO_MESSAGE:
            waiting.append((chunk, made))
        else:
            for earlier, was_made in waiting:
                write(earlier, complete(was_made, message))
            waiting = []
            write(chunk, complete(made, message))
        del made
        chunk += 1
    if waiting:
        message = _message(note_signal, note, wait=True) if message is _NO_MESSAGE else message
        for earlier, was_made in waiting:
            write(earlier, complete(was_made, message))


_NO_MESSAGE = object()

# The child lives until the two meet, when this process holds the most: every so many
# chunks it gives the memory of the chunks it has sent back to the system (at 10,000
# initiatives some 50 MB less at the top; a call takes a few milliseconds).
TRIM_EVERY = 10


def give_back_memory() -> None:
    """Hand memory freed in this process back to the system (glibc's `malloc_trim`)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _message(note_signal: int, note: int, *, wait: bool) -> Any:
    """The message from the parent, or _NO_MESSAGE if it has not come (and `wait` is false)."""
    if not wait and not select.select([note_signal], [], [], 0)[0]:
        return _NO_MESSAGE
    if not os.read(note_signal, 1):
        raise ForkFailed("forælderen sendte intet")  # it has ended: so does the child
    return pickle.loads(_read(note, os.fstat(note).st_size, 0))


def _read(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset` (by position: the file's shared offset is the child's)."""
    parts = []
    while size:
        data = os.pread(fd, size, offset)
        if not data:
            raise ForkFailed("resultatfilen slutter for tidligt")
        parts.append(data)
        size -= len(data)
        offset += len(data)
    return b"".join(parts)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _close_all(opened: list[Any]) -> None:
    for item in opened:
        with contextlib.suppress(OSError):
            if isinstance(item, int):
                if item >= 0:
                    os.close(item)
            else:
                item.close()
