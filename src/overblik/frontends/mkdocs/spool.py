"""Generated files wait on disk, not in memory, until MkDocs reads them (`mkdocs build`).

At 10,000 initiatives the generated pages and data files are about 430 MB of text.
MkDocs keeps a generated file's content on its `File` until the page is read, so
all of it sat in this process while the pages were rendered, and in the forked
child that renders half of them (see `parallel`), which shares it but shares it
badly: Python's allocator leaves the freed text scattered over memory that
neither process can give back.

`Spool` is one unnamed temporary file beside the site being written; `SpooledFile`
is a `File` whose content is a stretch of it, read when MkDocs asks for it
(`content_string`, `content_bytes`, `copy_file` all go through `_content`) and
given back in the type it was given (a `str` or `bytes`), so MkDocs writes the same
bytes. The file disappears when the spool is closed or the process ends.
"""

from __future__ import annotations

import copy
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils import meta as mkdocs_meta

# What `Spool.put` gathers before writing it in one go (a write for each of the 33,000
# files at 10,000 initiatives cost about 0.25 s more than appending them to a buffer).
BUFFER = 4 * 1024 * 1024


class Spool:
    def __init__(self, folder: str | Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix=".overblik-", dir=folder)  # noqa: SIM115 (closed in close())
        self._end = 0  # the end of what was put
        self._written = 0  # the end of what is in the file; the rest is in the buffer
        self._buffer = bytearray()

    @classmethod
    def beside(cls, site_dir: str) -> Spool | None:
        """A spool in the folder that holds `site_dir` (on the disk the site is written to,
        not in a /tmp that may be memory), else in the temporary folder; None if neither works."""
        for folder in (Path(site_dir).resolve().parent, None):
            try:
                return cls(folder)
            except OSError:
                continue
        return None

    def put(self, data: bytes) -> int:
        """Append `data`; its offset. It reaches the file once the buffer is full (`flush`)."""
        if self._file.closed:
            raise OSError("the spool is closed")
        offset = self._end
        self._buffer += data
        self._end += len(data)
        if len(self._buffer) >= BUFFER:
            self.flush()
        return offset

    def flush(self) -> None:
        """Write what is in the buffer to the file (if that fails, what was not written stays in it)."""
        buffer, done = self._buffer, 0
        try:
            with memoryview(buffer) as view:
                while done < len(buffer):
                    done += os.pwrite(self._file.fileno(), view[done:], self._written + done)
        finally:
            self._written += done
            self._buffer = buffer[done:]

    def get(self, offset: int, size: int) -> bytes:
        if offset >= self._written:  # still in the buffer (a stretch is never split: see put)
            start = offset - self._written
            if start + size > len(self._buffer):
                raise OSError(f"the spool ends before {offset + size} bytes")
            return bytes(self._buffer[start : start + size])
        parts = []
        while size > 0:
            part = os.pread(self._file.fileno(), size, offset)
            if not part:
                raise OSError(f"the spool ends before {offset + size} bytes")
            parts.append(part)
            offset, size = offset + len(part), size - len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    @property
    def closed(self) -> bool:
        return self._file.closed

    def close(self) -> None:
        self._buffer = bytearray()
        self._file.close()


class SpooledFile(File):
    """A generated file whose content may be kept in a `Spool` (see `spool_into`), with
    the page's front matter as data when its producer gave it (`page_meta`)."""

    _kept: str | bytes | None = None
    _place: tuple[Spool, int, int, bool] | None = None  # spool, offset, size, was text
    _meta: tuple[Spool, int, int] | dict | None = None  # in the spool (marshal), or here
    bare = False  # the content has no front matter: the page's is only in `page_meta` (see Output.meta_only)

    @property
    def has_meta(self) -> bool:
        """Whether the page's front matter was kept as data (see `keep_meta`)."""
        return self._meta is not None

    def page_meta(self) -> dict | None:
        """A new copy of the front matter given with `keep_meta` (MkDocs' pages change theirs)."""
        if isinstance(self._meta, tuple):
            spool, offset, size = self._meta
            return marshal.loads(spool.get(offset, size))
        if self._meta is None:
            return None
        try:
            return marshal.loads(marshal.dumps(self._meta))
        except ValueError:  # kept here because marshal cannot store it (see keep_meta)
            return copy.deepcopy(self._meta)

    def keep_meta(self, meta: dict, spool: Spool | None, *, bare: bool = False) -> None:
        """Keep the page's front matter as data (in `spool` if there is one); if marshal
        cannot store a value in it, MkDocs reads the front matter as usual, or, for a page
        whose content has none (`bare`), it is kept here."""
        self.bare = bare
        try:
            data = marshal.dumps(meta)
            self._meta = (spool, spool.put(data), len(data)) if spool is not None else meta
        except (ValueError, OSError):
            self._meta = meta if bare else None

    @property
    def _content(self) -> str | bytes | None:
        if self._place is None:
            return self._kept
        spool, offset, size, text = self._place
        data = spool.get(offset, size)
        return data.decode("utf-8") if text else data

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:  # MkDocs' setters, `File.generated`
        self._place, self._kept = None, value

    def spool_into(self, spool: Spool) -> None:
        """Move the content into `spool` (kept here if it cannot be encoded or written)."""
        content = self._kept
        if content is None:
            return
        text = isinstance(content, str)
        try:
            data = content.encode("utf-8") if text else content
            offset = spool.put(data)
        except (ValueError, OSError):  # not UTF-8 (a lone surrogate), or the spool is closed
            return
        self._place, self._kept = (spool, offset, len(data), text), None

    def is_modified(self) -> bool:
        if self._place is not None:
            return True  # as for any file with content in memory, without reading it
        return super().is_modified()


def generated(
    config: Any,
    src_uri: str,
    *,
    content: str | bytes,
    spool: Spool | None,
    meta: dict | None = None,
    bare: bool = False,
    **kwargs: Any,
) -> File:
    """`File.generated`, with the content kept in `spool` if there is one, and the page's
    front matter as data (`meta`, see `SpooledFile.page_meta`) if it is given; `bare`:
    the content is the page without its front matter (`Output.meta_only`)."""
    if spool is None and meta is None:
        return File.generated(config, src_uri, content=content, **kwargs)
    file = SpooledFile.generated(config, src_uri, content=content, **kwargs)
    if spool is not None:
        file.spool_into(spool)
    if meta is not None:
        file.keep_meta(meta, spool, bare=bare)
    return file


def carries_meta(file: Any) -> bool:
    """Whether a page's file holds its front matter as data, for `read_source_with_meta`."""
    return isinstance(file, SpooledFile) and file.has_meta


def read_source_with_meta(page: Any, config: Any) -> None:
    """`Page.read_source` for a generated page whose front matter its producer gave as data
    (`Output.meta`): the same Markdown and metadata, without reading the YAML again (about
    0.2 ms a page). The front matter is still found in the text by MkDocs' own pattern, so
    the Markdown is what MkDocs would cut out; the data is what reading it gives
    (`tests/test_fast_paths.py`, and `tests/test_mkdocs_internals.py` compares the site).
    A page made `meta_only` (the content and listing pages: `generate` then writes no YAML
    for them) has no front matter in its text: its Markdown is the text, as MkDocs would
    cut it out after the front matter and the blank line `pages.front_matter` ends with."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        source = page.file.content_string
        if page.file.bare:
            page.markdown, page.meta = source.lstrip("\n"), page.file.page_meta()
            return
        found = mkdocs_meta.YAML_RE.match(source)
        if found is not None:
            page.markdown, page.meta = source[found.end() :].lstrip("\n"), page.file.page_meta()
            return
    page.markdown, page.meta = mkdocs_meta.get_data(source)
