"""Which content each generated page read, so a long-running preview makes again only
what an edit can change.

A `Tracker` lives as long as the preview process (``mkdocs serve --dirty``). In each
build `build.generate` asks it for a `TrackingRenderer`: the same renderer as in a
full build, but it sees the repository, the site index, the vocabulary and the
per-site facts only through read-recording views (the status overview pages and the
JSON-LD of every page are made through the same views, see `Tracker.cached`). While
a page is made, every lookup it makes is written down as a *key*:

* ``("entry", kind, id)``: one piece of content (looked up, or tested for with ``in``);
* ``("kind", kind)``: all the content of one type (iterated, counted);
* ``("index", field, key)`` / ``("links", field)``: one list of back-links in the
  `SiteIndex`, or the whole of one such field;
* ``("vocab",)``, ``("ids",)`` (which ids exist, for links in body text),
  ``("calendar", page)``;
* ``("catalog", question, …)`` / ``("overview", page)``: what a page asks of the
  status overviews, or an overview page's own data;
* ``("meta", page, field)``: a field of another generated page's front matter
  (JSON-LD shows titles in its breadcrumbs);
* `EVERYTHING`: anything the views do not know (an attribute that is not one of
  the above, the date of the whole site): made again after every change.

After the build the tracker stores a fingerprint of each key's value: an entry's
fingerprint is the digest of its file's bytes (and path), a list's the fingerprints
of its members in order, an overview's the fingerprint of its data, so a change of
membership, order or any member shows. In the next build it computes the same keys'
fingerprints from the new content; a page is made again when one of its keys has a
new value (or when it is new), otherwise the previous build's result is used as it
is. The comparison is by value, never by which file changed, so a page cannot miss
a change it read: at worst a key is too coarse and a page is made that did not need
to be.

What the views cannot see: facts about the whole site worked out before rendering
and not handed to pages through them. Such things must be reached through the
views (or record `EVERYTHING`); `tests/test_serve_equivalence.py` compares the
incremental result with a full build after random edits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from overblik.content.repository import Entry, Repository, kinds_by_id
from overblik.content.types import KINDS, TYPES

from .output import Output
from .pages import PageFacts, Renderer
from .siteindex import SiteIndex

EVERYTHING = ("*",)
VOCABULARY_FILE = "vokabular.yml"

_current: set | None = None  # the keys read by the output being rendered, if any


def read(key: tuple) -> None:
    """Note that the output being rendered (if any) depends on `key`."""
    if _current is not None:
        _current.add(key)


@contextlib.contextmanager
def recording() -> Iterator[set]:
    """Collect the keys read inside; a recording inside another adds to the outer one too."""
    global _current
    outer, _current = _current, set()
    mine = _current
    try:
        yield mine
    finally:
        _current = outer
        if outer is not None:
            outer |= mine


# --- the views: what a page sees instead of the repository and index -------------


class RecordingMapping(Mapping):
    """A mapping that records what is read of it: ``one + (key,)`` for each key looked
    up or tested with ``in``, ``whole`` when it is iterated or counted (the value of
    ``whole`` covers every key's value, so keys, values and items record only that)."""

    def __init__(self, one: tuple, whole: tuple, data: Mapping) -> None:
        self._one, self._whole, self._data = one, whole, data

    def __getitem__(self, key: Any) -> Any:
        read(self._one + (key,))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        read(self._one + (key,))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        read(self._one + (key,))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        read(self._whole)
        return iter(self._data)

    def __len__(self) -> int:
        read(self._whole)
        return len(self._data)

    def keys(self):
        read(self._whole)
        return self._data.keys()

    def values(self):
        read(self._whole)
        return self._data.values()

    def items(self):
        read(self._whole)
        return self._data.items()


def kind_view(kind: str, entries: dict[str, Entry]) -> RecordingMapping:
    """id -> Entry of one content type: ``("entry", kind, id)``, or ``("kind", kind)`` for all."""
    return RecordingMapping(("entry", kind), ("kind", kind), entries)


def links_view(name: str, links: Mapping) -> RecordingMapping:
    """One field of the `SiteIndex` (id -> entries): ``("index", field, key)``, or ``("links", field)``."""
    return RecordingMapping(("index", name), ("links", name), links)


class VocabView:
    """The vocabulary; any use of it is a read of all of it (it changes rarely)."""

    def __init__(self, vocab: Any) -> None:
        self._vocab = vocab

    def __getattr__(self, name: str) -> Any:
        read(("vocab",))
        return getattr(self._vocab, name)

    def __getitem__(self, name: str) -> Any:
        read(("vocab",))
        return getattr(self._vocab, name)


class RepoView:
    """A `Repository` as pages see it while the tracker records."""

    def __init__(self, repo: Repository) -> None:
        self._repo = repo
        self.root, self.rel_root = repo.root, repo.rel_root
        self.entries = {kind: kind_view(kind, repo.entries[kind]) for kind in KINDS}
        self._vocab = VocabView(repo.vocabulary)

    @property
    def vocabulary(self) -> VocabView:
        return self._vocab

    def __getitem__(self, kind: str) -> RecordingMapping:
        return self.entries[kind]

    def all(self) -> Iterator[Entry]:
        for kind in KINDS:
            yield from self.entries[kind].values()

    def __getattr__(self, name: str) -> Any:  # links, links_to, …: not tracked in detail
        read(EVERYTHING)
        return getattr(self._repo, name)


for _type in TYPES:  # repo.initiativer, repo.kommuner …
    setattr(RepoView, _type.plural, property(lambda self, kind=_type.name: self.entries[kind]))


INDEX_FIELDS = tuple(f.name for f in dataclasses.fields(SiteIndex) if f.name != "repo")


class IndexView:
    """A `SiteIndex` as pages see it while the tracker records."""

    def __init__(self, index: SiteIndex, repo: RepoView) -> None:
        self._index = index
        self.repo = repo
        for name in INDEX_FIELDS:
            setattr(self, name, links_view(name, getattr(index, name)))

    def __getattr__(self, name: str) -> Any:
        read(EVERYTHING)
        return getattr(self._index, name)


def calendars_view(calendars: Mapping[str, str]) -> RecordingMapping:
    """page -> its calendar file (`PageFacts.calendars`)."""
    return RecordingMapping(("calendar",), EVERYTHING, calendars)


def meta_view(src: str, meta: Mapping) -> RecordingMapping:
    """One generated page's front matter, recording each field read."""
    return RecordingMapping(("meta", src), ("meta", src, EVERYTHING), meta)


class PagesView(Mapping):
    """src -> the front matter of every generated page (`opendata.jsonld` reads titles)."""

    def __init__(self, pages: Mapping[str, Mapping]) -> None:
        self._pages = pages

    def __getitem__(self, src: str) -> RecordingMapping:
        read(("meta", src, None))
        return meta_view(src, self._pages[src])

    def get(self, src: str, default: Any = None) -> Any:
        read(("meta", src, None))
        return meta_view(src, self._pages[src]) if src in self._pages else default

    def __contains__(self, src: object) -> bool:
        read(("meta", src, None))
        return src in self._pages

    def __iter__(self) -> Iterator[str]:
        read(EVERYTHING)
        return iter(self._pages)

    def __len__(self) -> int:
        read(EVERYTHING)
        return len(self._pages)


class OverviewsView:
    """The status overviews (`overviews.catalog.Catalog`): what a page asks of them is
    compared by value; anything else counts as everything."""

    def __init__(self, catalog: Any) -> None:
        self._catalog = catalog

    def for_kommune(self, kommune: str) -> Any:
        read(("catalog", "for_kommune", kommune))
        return self._catalog.for_kommune(kommune)

    def for_report(self, report: str) -> Any:
        read(("catalog", "for_report", report))
        return self._catalog.for_report(report)

    def report_sections(self, report: Entry) -> Any:
        read(("catalog", "report_sections", report.kind, report.slug))
        return self._catalog.report_sections(report)

    def __getattr__(self, name: str) -> Any:
        read(EVERYTHING)
        return getattr(self._catalog, name)


class Untracked:
    """Anything else: reading it at all makes the page depend on everything."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def __getattr__(self, name: str) -> Any:
        read(EVERYTHING)
        return getattr(self._value, name)


# --- fingerprints -----------------------------------------------------------------


class Fingerprints:
    """The value of each key in one build's content, as a short digest."""

    def __init__(
        self,
        repo: Repository,
        index: SiteIndex,
        facts: PageFacts | None,
        source_digest: Callable[[str], bytes | None] | None = None,
    ) -> None:
        self.repo, self.index, self.facts = repo, index, facts
        self._source_digest = source_digest
        self._entries: dict[str, bytes] = {}  # rel -> digest
        self._memo: dict[tuple, bytes | None] = {}
        self._overviews: dict[str, Any] | None = None
        self._objects: dict[int, tuple[Any, bytes]] = {}  # id -> (object, digest), see `_object`
        self.pages: Mapping[str, Mapping] = {}  # src -> front matter of each generated page (see Tracker.pages)

    def _file(self, rel: str) -> bytes:
        digest = self._entries.get(rel)
        if digest is None:
            digest = self._source_digest(rel) if self._source_digest else None
            if digest is None:  # not known to the source cache: read the file
                path = Path(self.repo.root) / rel[len(self.repo.rel_root) + 1 :]
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
            digest = hashlib.blake2b(rel.encode() + b"\0" + digest, digest_size=16).digest()
            self._entries[rel] = digest
        return digest

    def entry(self, entry: Entry) -> bytes:
        return self._file(entry.rel)

    def value(self, value: Any) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        return h.digest()

    def _feed(self, h: Any, value: Any) -> None:
        if isinstance(value, Entry):
            h.update(b"E" + self.entry(value))
        elif isinstance(value, (Repository, SiteIndex)):  # all content: never the same twice
            h.update(os.urandom(16))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(b"D" + self._object(value))
        elif isinstance(value, (list, tuple)):
            h.update(b"[%d" % len(value))
            for item in value:
                self._feed(h, item)
        elif isinstance(value, Mapping):
            h.update(b"{%d" % len(value))
            for key, item in value.items():
                h.update(repr(key).encode() + b":")
                self._feed(h, item)
        else:
            h.update(repr(value).encode() + b"\0")

    def _object(self, value: Any) -> bytes:
        """A dataclass's digest, once per object and build (overviews share their parts)."""
        known = self._objects.get(id(value))
        if known is None or known[0] is not value:
            inner = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=16)
            for f in dataclasses.fields(value):
                self._feed(inner, getattr(value, f.name))
            known = (value, inner.digest())
            self._objects[id(value)] = known
        return known[1]

    def __call__(self, key: tuple) -> bytes | None:
        if key not in self._memo:
            self._memo[key] = self._compute(key)
        return self._memo[key]

    def _compute(self, key: tuple) -> bytes | None:
        what = key[0]
        if what == "entry":
            entry = self.repo.entries.get(key[1], {}).get(key[2])
            return None if entry is None else self.entry(entry)
        if what == "kind":
            return self.value(self.repo.entries.get(key[1], {}))
        if what == "index":
            return self.value(getattr(self.index, key[1]).get(key[2]) or [])
        if what == "links":
            return self.value(dict(getattr(self.index, key[1])))
        if what == "vocab":
            return self._file(f"{self.repo.rel_root}/{VOCABULARY_FILE}")
        if what == "ids":
            return self.value(sorted(kinds_by_id(self.repo.entries).items()))
        if what == "meta":
            meta = self.pages.get(key[1])
            if key[2] is None or meta is None:
                return self.value(meta is not None)
            return self.value(dict(meta) if key[2] == EVERYTHING else meta.get(key[2], ()))
        if what == "overview":
            if self._overviews is None:
                pages = getattr(self.facts.overviews, "pages", []) if self.facts else []
                self._overviews = {page.src: page for page in pages}
            return self.value(self._overviews.get(key[1]))
        if what == "catalog":
            catalog = self.facts.overviews if self.facts else None
            if catalog is None:
                return None
            if key[1] == "report_sections":
                entry = self.repo.entries.get(key[2], {}).get(key[3])
                return self.value(None if entry is None else catalog.report_sections(entry))
            return self.value(getattr(catalog, key[1])(key[2]))
        if what == "calendar":
            return self.value(self.facts.calendars.get(key[1]) if self.facts else None)
        raise ValueError(f"unknown dependency {key!r}")


# --- the tracker --------------------------------------------------------------------


@dataclasses.dataclass
class Tracked:
    value: Any
    reads: frozenset


class Tracker:
    """What the previous build made and what each thing read (see the module docstring)."""

    def __init__(self, source_digest: Callable[[str], bytes | None] | None = None) -> None:
        self.source_digest = source_digest  # rel -> digest of the bytes loaded, if known
        self._made: dict[tuple, Tracked] = {}  # (what, src) -> the value made and its reads
        self._fingerprints: dict[tuple, bytes | None] = {}
        self._now: Fingerprints | None = None
        self._changed: set[tuple] = set()
        self._next: dict[tuple, Tracked] = {}
        self.repo: RepoView | None = None  # this build's views, for everything made through the tracker
        self.index: IndexView | None = None
        self.rendered = self.reused = 0
        self.remade: list[tuple] = []  # what the last build made again, for the log and tests
        self._derived: dict[tuple, tuple[tuple, Any]] = {}  # (what, src) -> (inputs, result), see `derived`
        self._derived_now: set[tuple] = set()  # the keys of `_derived` this build asked for

    def forget(self) -> None:
        """Make everything again next time (anything besides the content changed)."""
        self._made, self._fingerprints, self._derived = {}, {}, {}

    def renderer(
        self, repo: Repository, settings: Any, index: SiteIndex, facts: PageFacts | None = None
    ) -> TrackingRenderer:
        """Start a build: work out which keys changed since the last one."""
        self._now = Fingerprints(repo, index, facts, self.source_digest)
        self._changed = {
            key for key, old in self._fingerprints.items() if key[0] != "meta" and self._now(key) != old
        }  # the generated pages' front matter is compared once they are made (see `pages`)
        self._next = {}
        self.rendered = self.reused = 0
        self.remade = []
        self._derived_now = set()
        self.repo = RepoView(repo)
        self.index = IndexView(index, self.repo)
        return TrackingRenderer(self, repo, settings, index, facts)

    def pages(self, pages: Mapping[str, Mapping]) -> PagesView:
        """The front matter of this build's generated pages (src -> mapping), as a view."""
        assert self._now is not None
        before = {key for key in self._fingerprints if key[0] == "meta"}
        self._now.pages = pages
        self._changed |= {key for key in before if self._now(key) != self._fingerprints[key]}
        return PagesView(pages)

    def cached(self, what: str, src: str, make: Callable[[], Any]) -> Any:
        """The previous build's `what` for `src` if nothing it read changed, else `make()`."""
        key = (what, src)
        before = self._made.get(key)
        if before is not None and EVERYTHING not in before.reads and before.reads.isdisjoint(self._changed):
            self._next[key] = before
            self.reused += 1
            return before.value
        with recording() as reads:
            value = make()
        self._next[key] = Tracked(value, frozenset(reads))
        self.rendered += 1
        self.remade.append(key)
        return value

    def derived(self, what: str, src: str, inputs: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, reusing the last result for (`what`, `src`) when `inputs` are equal
        to the last ones (a pure function of them: e.g. a page's parsed front matter)."""
        self._derived_now.add((what, src))
        before = self._derived.get((what, src))
        if before is not None and all(a is b or a == b for a, b in zip(before[0], inputs, strict=True)):
            return before[1]
        result = make()
        self._derived[(what, src)] = (inputs, result)
        return result

    def output(self, src: str, make: Callable[[], Output]) -> Output:
        return self.cached("page", src, make)

    def recording_renderer(self, settings: Any) -> RecordingRenderer:
        """A renderer for other pages made through the tracker (see `overviews.producer`)."""
        assert self._now is not None
        return RecordingRenderer(self, self._now.repo, settings)

    def finish(self) -> None:
        """Everything is made: remember it and its keys' fingerprints."""
        assert self._now is not None
        keys = set().union(*(t.reads for t in self._next.values())) - {EVERYTHING}
        self._fingerprints = {key: self._now(key) for key in keys}
        self._made, self._next, self._now = self._next, {}, None
        self._derived = {key: value for key, value in self._derived.items() if key in self._derived_now}
        self.repo = self.index = None


class RecordingRenderer(Renderer):
    """A `Renderer` whose pages see the content through the tracker's recording views."""

    def __init__(self, tracker: Tracker, repo: Repository, settings: Any, facts: PageFacts | None = None) -> None:
        self.tracker = tracker
        self.content = repo  # unrecorded: which pages there are
        assert tracker.repo is not None and tracker.index is not None
        super().__init__(tracker.repo, settings, tracker.index, facts)  # type: ignore[arg-type]
        self.vocab = tracker.repo.vocabulary
        self._ids: dict[str, list[str]] | None = None

    @property
    def ids(self) -> dict[str, list[str]]:  # type: ignore[override]
        read(("ids",))  # on every use: the renderer's own cache would hide it from later pages
        if self._ids is None:
            self._ids = kinds_by_id(self.content.entries)
        return self._ids


class TrackingRenderer(RecordingRenderer):
    """The content and listing pages: each reused from the previous build when nothing
    it read changed."""

    def __init__(
        self, tracker: Tracker, repo: Repository, settings: Any, index: SiteIndex, facts: PageFacts | None
    ) -> None:
        if facts is not None:
            facts = PageFacts(calendars=calendars_view(facts.calendars), overviews=OverviewsView(facts.overviews))
        super().__init__(tracker, repo, settings, facts)

    def entry_page(self, entry: Entry) -> Output:
        read(("entry", entry.kind, entry.slug))
        return super().entry_page(entry)

    def entry_pages(self) -> Iterator[Output]:
        for src, make in self.entry_jobs():
            yield self.tracker.output(src, make)

    def listing_pages(self) -> Iterator[Output]:
        for src, make in self.listing_jobs():
            yield self.tracker.output(src, make)
