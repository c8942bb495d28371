"""What ``mkdocs serve`` does differently from ``mkdocs build``, so an edit shows fast.

* Content files are parsed again only when their bytes changed, and (in
  ``mkdocs serve``) a valid file with the same bytes is not validated again
  either (`SourceCache`); the checks across files run on every load.
* With ``mkdocs serve --dirty`` (``make serve`` runs that):

  - `generate` renders again only the pages an edit can change. Each content,
    listing and overview page, and each page's JSON-LD, records what it read
    while it was made, and is made again only when one of those reads has a new
    value (`overblik.site.deps`, the `Tracker` kept here between rebuilds);
    the rest is the previous build's output, unchanged.
  - A generated page or file whose content, edit link and place in or out of
    the navigation are what they were in the previous build is not rendered or
    written again (`UnchangedFile`). What else a page's HTML depends on is
    fingerprinted: mkdocs.yml, the navigation, the theme overrides and the
    hand-written pages in docs/. When any of them changes, the served folder is
    emptied, the tracker forgets everything, and everything is built, as
    without ``--dirty``. Generated files that disappeared are deleted. (MkDocs'
    own ``--dirty`` cannot know this: it rebuilds every generated page every
    time.) After a failed build, or content with errors, every file is written
    again; the tracker's pages are still reused, as they depend on content only.
* Pagefind indexes the site in the background after each rebuild, so the
  browser reloads as soon as the pages are written, and search catches up a
  moment later. A rebuild that starts before it is done stops it; the
  rebuild indexes the site again when it is finished.

Without ``--dirty``, `mkdocs serve` rebuilds everything on each change, as
MkDocs always does; only the first and the last point apply.
`tests/test_serve_equivalence.py` checks that after random edits the served
folder is byte for byte what a full build writes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from overblik.site.deps import Tracker
from overblik.site.output import Output

from .sourcecache import SourceCache

log = logging.getLogger("mkdocs.plugins.overblik")

MKDOCS_DIRTY_WARNING = "A 'dirty' build is being performed"


class UnchangedFile(File):
    """A generated file that is exactly as in the previous build: MkDocs' --dirty skips it."""

    def is_modified(self) -> bool:
        return False


def _digest(out: Output, inclusion: Any, edit_uri: str | None) -> bytes:
    content = out.content.encode("utf-8") if isinstance(out.content, str) else out.content
    h = hashlib.blake2b(content, digest_size=16)
    h.update(f"\0{inclusion}\0{edit_uri}".encode())
    return h.digest()


def _tree_signature(folder: Path) -> list[tuple[str, int, int]]:
    if not folder.is_dir():
        return []
    out = []
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            st = path.stat()
            out.append((path.relative_to(folder).as_posix(), st.st_mtime_ns, st.st_size))
    return sorted(out)


def _has_untitled_entries(nav: Any) -> bool:
    """A nav entry without a title gets it from its page, which --dirty does not read."""
    if isinstance(nav, str):
        return True
    if isinstance(nav, list):
        return any(_has_untitled_entries(item) for item in nav)
    if isinstance(nav, dict):
        return any(isinstance(v, list) and _has_untitled_entries(v) for v in nav.values())
    return False


class Preview:
    def __init__(self) -> None:
        self.sources = SourceCache()
        self.tracker = Tracker(self.sources.digest)  # what each generated page read (--dirty)
        self.dirty = False  # mkdocs serve --dirty
        self._signatures: dict[str, bytes] = {}
        self._digests: dict[str, tuple[Output, tuple, bytes]] = {}  # src -> (output, place, digest)
        self._fingerprint: str | None = None
        self._tracker_frame: str | None = None  # the fingerprint the tracker's pages were made with
        self._index_thread: threading.Thread | None = None
        self._index: subprocess.Popen | None = None
        self._stopped: subprocess.Popen | None = None

    # --- --dirty: which generated files are unchanged --------------------------

    def fingerprint(self, config: Any) -> str:
        """Everything besides its own content that a generated page's HTML depends on."""
        h = hashlib.blake2b(digest_size=16)
        config_file = Path(config.config_file_path)
        for path in [config_file] + sorted(config_file.parent.glob("*.yml")):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes())
        h.update(repr(config.nav).encode("utf-8"))
        for folder in [config.theme.custom_dir, config.docs_dir]:
            if folder:
                h.update(repr(_tree_signature(Path(folder))).encode("utf-8"))
        return h.hexdigest()

    def tracker_for(self, config: Any) -> Tracker | None:
        """With --dirty: the tracker that lets `generate` reuse pages of the previous build,
        reset when anything besides the content changed."""
        if not self.dirty:
            return None
        frame = f"{Path(config.config_file_path).resolve()}\0{self.fingerprint(config)}"
        if frame != self._tracker_frame:
            self.tracker.forget()
            self._tracker_frame = frame
        return self.tracker

    def unchanged(
        self,
        outputs: list[Output],
        config: Any,
        inclusion: Callable[[Output], Any],
        edit_uri: Callable[[Output], str | None],
    ) -> set[str]:
        """The generated files --dirty may leave as they are; prepares the served folder."""
        if not self.dirty:
            return set()
        fingerprint = self.fingerprint(config)
        known, self._digests = self._digests, {}
        for out in outputs:  # an output made by the tracker is often the very object of the last build
            place = (inclusion(out), edit_uri(out))
            before = known.get(out.src_uri)
            if before is not None and before[0] is out and before[1] == place:
                self._digests[out.src_uri] = before
            else:
                self._digests[out.src_uri] = (out, place, _digest(out, *place))
        signatures = {src: digest for src, (_, _, digest) in self._digests.items()}
        same_frame = fingerprint == self._fingerprint and not _has_untitled_entries(config.nav)
        previous, self._signatures, self._fingerprint = self._signatures, signatures, fingerprint
        site = Path(config.site_dir)
        if not same_frame:
            if previous:
                log.info("Overblik: navigation, tema eller indstillinger er ændret; hele siden bygges igen")
            _empty(site)
            return set()
        for gone in sorted(set(previous) - set(signatures)):
            _remove_output(config, gone)
        same = {uri for uri, sig in signatures.items() if previous.get(uri) == sig}
        log.info(
            "Overblik: %d af %d genererede filer er ændret (%d sider og grafer lavet igen, %d genbrugt)",
            len(signatures) - len(same),
            len(signatures),
            self.tracker.rendered,
            self.tracker.reused,
        )
        return same

    # --- Pagefind in the background ------------------------------------------------

    def index_in_background(self, cmd: list[str]) -> None:
        self.stop_index()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

        def watch() -> None:
            output, _ = proc.communicate()
            if proc.returncode != 0 and proc is not self._stopped:
                log.error("Overblik: søgeindekset kunne ikke bygges (Pagefind):\n%s", output)

        self._index = proc
        self._index_thread = threading.Thread(target=watch, name="overblik-pagefind", daemon=True)
        self._index_thread.start()

    def stop_index(self) -> None:
        """Stop an index still being built: the site is about to change under it."""
        if self._index is not None and self._index.poll() is None:
            self._stopped = self._index
            self._index.terminate()
        self.wait_for_index()

    def forget(self) -> None:
        """After a failed build the served folder is unknown: build everything next time."""
        self._fingerprint = None
        self._signatures = {}
        # The tracker is kept: what it made depends on the content's values only (see deps).

    def wait_for_index(self) -> None:
        if self._index_thread is not None:
            self._index_thread.join()
            self._index_thread = None
        self._index = None


def _empty(site: Path) -> None:
    if not site.is_dir():
        return
    for child in site.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _remove_output(config: Any, src_uri: str) -> None:
    dest = Path(File.generated(config, src_uri, content="").abs_dest_path)
    dest.unlink(missing_ok=True)
    site = Path(config.site_dir).resolve()
    parent = dest.parent
    while parent.resolve() != site and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


class DropDirtyWarning(logging.Filter):
    """MkDocs warns that --dirty gives wrong navigation; `Preview` rebuilds all when it changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(MKDOCS_DIRTY_WARNING)


PREVIEW = Preview()
