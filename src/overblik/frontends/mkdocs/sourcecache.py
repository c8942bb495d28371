"""Parsed content files kept between the rebuilds of ``mkdocs serve``.

Reading YAML is most of what loading content costs (about 0.4 ms a file). When
an editor changes one file, `mkdocs serve` loads everything again; with this
cache only the changed files are parsed. A file is reused only when its bytes
are exactly the bytes parsed before, so the result is always what parsing
would give. The parsed data is handed out as a deep copy, so nothing done to
it later can change what the next rebuild sees.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from overblik.content.problems import ContentError
from overblik.content.source import SourceFile, decode, read_source


def _copy(value):
    """A deep copy of parsed YAML (dicts, lists and immutable scalars), faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class SourceCache:
    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, SourceFile | ContentError]] = {}
        self._read: set[str] = set()  # files read since the last `sweep`
        self.hits = self.misses = 0

    def __contains__(self, rel: str) -> bool:
        return rel in self._files

    def read(self, path: Path, rel: str) -> SourceFile:
        """Like `source.read_source(path, rel)`, reusing the last parse of the same bytes."""
        raw = path.read_bytes()
        self._read.add(rel)
        cached = self._files.get(rel)
        if cached is not None and cached[0] == raw:
            self.hits += 1
            result = cached[1]
            if isinstance(result, ContentError):
                raise ContentError(list(result.problems))
            return dataclasses.replace(result, data=_copy(result.data))
        self.misses += 1
        try:
            src = read_source(path, rel, text=decode(raw, rel))
        except ContentError as err:
            self._files[rel] = (raw, err)
            raise
        self._files[rel] = (raw, src)
        return dataclasses.replace(src, data=_copy(src.data))

    def sweep(self) -> None:
        """After a load: drop the files it did not read (deleted content), so they do
        not stay in memory for the rest of a long `mkdocs serve` session."""
        for rel in list(self._files):
            if rel not in self._read:
                del self._files[rel]
        self._read = set()
