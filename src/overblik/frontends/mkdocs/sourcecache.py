"""Parsed content files kept between loads: in memory for ``mkdocs serve``, on disk between builds.

Reading YAML is most of what loading content costs (about 0.4 ms a file). When
an editor changes one file, `mkdocs serve` loads everything again, and every
`mkdocs build` in CI reads every file; with this cache only the changed files
are parsed. A file is reused only when its bytes have exactly the hash of the
bytes parsed before, so the result is always what parsing would give. In
memory (``mkdocs serve``, one load per rebuild) the parsed data is handed out
as a copy, so nothing done to it later can change what the next load sees. On
disk (`mkdocs build`: one load, and the cache written right after it) it is
handed out as it is: validating builds new objects and changes nothing in the
data (`tests/test_sourcecache.py` checks it), and copying it cost 0.5 s at
10,000 initiatives.

On disk (`SourceCache.on_disk`, used by `mkdocs build`) the cache is one file
in ``.cache/overblik/`` (git-ignored; CI keeps the folder with
``actions/cache``). Its name carries a fingerprint of everything besides the
bytes that the parse depends on: the parser's own code, the YAML library and
the Python version. After any change to those, the old file is not read but
replaced, so a stale cache can never give a different result than parsing.
Files with errors are not kept on disk: they are parsed again, and the editor
sees the same message as without the cache.

In memory (``mkdocs serve``) the cache also keeps each valid file's checked
`Entry` and the warnings found in it (`checked` / `remember`): while the bytes,
and the file's type, id, municipality and the day are the same, loading hands
out the same `Entry` again without validating it. Nothing changes an entry
after loading, so this gives what checking again would. Checks across files
(references, duplicate ids, body links) run on every load.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from overblik.content import source as source_module
from overblik.content.problems import ContentError
from overblik.content.source import SourceFile, decode, read_source
from overblik.site import forked

FORMAT = 1  # raise when what is stored changes
PARSE_AHEAD_MIN = 400  # fewer files than this: parsing ahead in a child is not worth a fork


def _copy(value):
    """A deep copy of parsed YAML (dicts, lists and immutable scalars), faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20).digest()


def fingerprint() -> str:
    """What a parse depends on besides the file's bytes."""
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{FORMAT}\0{sys.version}\0{yaml.__version__}\0{getattr(yaml, '__with_libyaml__', '')}\0".encode())
    h.update(Path(source_module.__file__).read_bytes())
    return h.hexdigest()


class SourceCache:
    def __init__(self, folder: Path | None = None) -> None:
        self._files: dict[str, tuple[bytes, SourceFile | ContentError]] = {}
        self._read: set[str] = set()  # files read since the last `sweep`
        self.hits = self.misses = 0
        self.folder = folder
        self._stored: dict[str, tuple] = {}  # from disk, not yet asked for: rel -> (digest, parts)
        self._changed = False  # something to write: a file parsed anew, or one gone
        self._checked: dict[str, tuple] = {}  # rel -> (digest, context, entry, problems): see `checked`

    @classmethod
    def on_disk(cls, folder: Path) -> SourceCache:
        """A cache that starts from, and `save`s to, `folder` (an unreadable file is ignored)."""
        cache = cls(Path(folder))
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            stored = marshal.loads(cache._path().read_bytes())
            if isinstance(stored, dict):
                cache._stored = stored
        return cache

    def _path(self) -> Path:
        assert self.folder is not None
        return self.folder / f"indhold-{fingerprint()}.marshal"

    def __contains__(self, rel: str) -> bool:
        return rel in self._files or rel in self._stored

    def checked(self, path: Path, rel: str, context: tuple) -> tuple[Any, list] | None:
        """In memory (``mkdocs serve``): the entry and problems `remember`ed for `rel`,
        if its bytes and `context` (type, id, municipality, today) are what they were then."""
        if self.folder is not None:
            return None
        known = self._checked.get(rel)
        if known is None or known[1] != context:
            return None
        cached = self._files.get(rel)
        if cached is None or cached[0] != known[0] or _digest(path.read_bytes()) != known[0]:
            return None
        self._read.add(rel)
        self.hits += 1
        return known[2], list(known[3])

    def remember(self, rel: str, context: tuple, entry: Any, problems: list) -> None:
        """A valid file's checked entry, with the problems found (warnings), for `checked`."""
        cached = self._files.get(rel)
        if self.folder is None and cached is not None:
            self._checked[rel] = (cached[0], context, entry, list(problems))

    def digest(self, rel: str) -> bytes | None:
        """The digest of the bytes of `rel` last parsed, if it was."""
        cached = self._files.get(rel)
        return cached[0] if cached is not None else None

    def read(self, path: Path, rel: str) -> SourceFile:
        """Like `source.read_source(path, rel)`, reusing the last parse of the same bytes."""
        self._read.add(rel)
        result = self._parsed(path, rel)
        if isinstance(result, ContentError):
            raise ContentError(list(result.problems))
        if self.folder is not None:  # one load per build, and saved right after it: see the module's text
            return result
        return dataclasses.replace(result, data=_copy(result.data))

    def _parsed(self, path: Path, rel: str) -> SourceFile | ContentError:
        """The parse of `rel` as its bytes are now: the kept one if the bytes are the same."""
        raw = path.read_bytes()
        digest = _digest(raw)
        cached = self._files.get(rel)
        if cached is None and rel in self._stored:
            cached = self._from_disk(path, rel)
            if cached is not None:
                self._files[rel] = cached  # kept, so the next `save` writes it again
        if cached is not None and cached[0] == digest:
            self.hits += 1
            return cached[1]
        self.misses += 1
        self._changed = True
        try:
            src = read_source(path, rel, text=decode(raw, rel))
        except ContentError as err:
            self._files[rel] = (digest, err)
            return err
        self._files[rel] = (digest, src)
        return src

    @property
    def warm(self) -> bool:
        """Whether the cache holds parsed files already (from disk, or from an earlier load)."""
        return bool(self._stored or self._files)

    def parse_ahead(self, files: Callable[[], list[tuple[Path, str]]]) -> bool:
        """`mkdocs build` of a large site with a cold cache: parse `files()` ((path, rel), as
        loading names them), half of them in a forked child (see `overblik.site.forked`) and
        half here at the same time, so that loading then finds every file parsed. What the
        child parsed is taken over as if it had been read from disk (`_from_disk`: still used
        only for the same bytes). Files with errors, and any file the child could not hand
        back, are parsed again when loading reads them, as without this. A warm cache (the
        last build's, from disk) holds almost every file already: nothing is listed or parsed
        ahead, and loading parses the few changed ones. Returns whether a child did half."""
        if self.warm:
            return False
        listed = files()
        if len(listed) < PARSE_AHEAD_MIN:
            return False
        child = forked.start(lambda: self._parse_share(listed[1::2]))
        if child is None:
            return False
        counts = self.hits, self.misses  # they count what loading finds, not this
        for path, rel in listed[0::2]:
            with contextlib.suppress(OSError):
                self._parsed(path, rel)
        self.hits, self.misses = counts
        try:
            stored = marshal.loads(child.result())
        except (forked.ForkFailed, ValueError, EOFError, TypeError):
            return False  # loading parses the child's half itself
        self._stored.update(stored)
        self._changed = self._changed or bool(stored)
        return True

    def _parse_share(self, files: list[tuple[Path, str]]) -> bytes:
        """In the child: the files parsed without errors, as stored on disk (see `save`)."""
        stored = {}
        for path, rel in files:
            try:
                raw = path.read_bytes()
                digest = _digest(raw)
                src = read_source(path, rel, text=decode(raw, rel))
            except (OSError, ContentError):
                continue
            stored[rel] = (digest, (src.data, src.lines, src.body, src.body_line, src.key_lines))
        try:
            return marshal.dumps(stored)
        except ValueError:  # a value marshal cannot store (a date given with !!timestamp): leave such files out
            kept = {}
            for rel, value in stored.items():
                with contextlib.suppress(ValueError):
                    marshal.dumps(value)
                    kept[rel] = value
            return marshal.dumps(kept)

    def _from_disk(self, path: Path, rel: str) -> tuple[bytes, SourceFile] | None:
        digest, parts = self._stored.pop(rel)
        try:
            data, lines, body, body_line, key_lines = parts
            return digest, SourceFile(path, rel, data, lines, body, body_line, key_lines)
        except (TypeError, ValueError):
            return None

    def sweep(self) -> None:
        """After a load: drop the files it did not read (deleted content), so they do
        not stay in memory for the rest of a long `mkdocs serve` session."""
        for rel in list(self._files):
            if rel not in self._read:
                del self._files[rel]
                self._changed = True
                self._checked.pop(rel, None)
        self._read = set()
        if self._stored:  # on disk, but not in the content any more
            self._changed = True
        self._stored = {}

    def save(self, in_background: bool = False) -> forked.Forked | None:
        """Write the parsed files (not those with errors) to the cache folder, replacing older
        caches. `in_background` (`mkdocs build`): a forked child writes them while the build goes
        on (0.5 s at 10,000 initiatives); the caller waits for the returned child before it ends."""
        if self.folder is None or (not self._changed and self._path().exists()):
            return None  # the file on disk holds exactly these files already
        self._changed = False
        if in_background and (child := forked.start(self._write)) is not None:
            return child
        self._write()
        return None

    def _write(self) -> None:
        stored = {
            rel: (digest, (src.data, src.lines, src.body, src.body_line, src.key_lines))
            for rel, (digest, src) in self._files.items()
            if isinstance(src, SourceFile)
        }
        target = self._path()
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.glob("indhold-*.marshal"):
                if old != target:
                    old.unlink()
            temporary = target.with_name(f"{target.name}.{os.getpid()}.ny")
            temporary.write_bytes(marshal.dumps(stored))
            os.replace(temporary, target)
