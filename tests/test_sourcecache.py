"""Parsed content kept on disk between builds (`frontends.mkdocs.sourcecache`) never changes a result.

A file is taken from the cache only when its bytes hash to what was parsed;
an edited file is parsed again; a cache written by other parser code (another
fingerprint) or a damaged cache file is not used.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import FIXTURES, ROOT
from overblik.build import generate
from overblik.content.problems import ContentError
from overblik.content.repository import load_repository, text_files
from overblik.content.source import read_source
from overblik.frontends.mkdocs import sourcecache
from overblik.frontends.mkdocs.sourcecache import SourceCache
from overblik.site import forked
from overblik.site.settings import Settings


def _load(root, cache):
    repo = load_repository(root / "content", root, sources=cache)
    if cache is not None:
        cache.sweep()
        cache.save()
    return repo


def _pages(repo):
    return [(o.src_uri, o.content) for o in generate(repo, Settings(today="2025-06-01"))]


def _copy(tmp_path):
    root = tmp_path / "projekt"
    shutil.copytree(FIXTURES / "content", root / "content")
    return root


def test_a_second_build_parses_nothing_and_comes_out_the_same(tmp_path):
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    first = SourceCache.on_disk(folder)
    expected = _pages(_load(root, first))
    assert first.misses > 5 and first.hits == 0
    assert len(list(folder.glob("indhold-*.marshal"))) == 1

    second = SourceCache.on_disk(folder)
    assert _pages(_load(root, second)) == expected
    assert second.misses == 0 and second.hits == first.misses
    assert _pages(_load(root, None)) == expected

    # and every build after that: a build that parsed nothing keeps the cache as it was
    # (it once wrote back only what it had parsed itself: nothing, so every other build was cold)
    stored = next(folder.glob("indhold-*.marshal")).read_bytes()
    for _ in range(2):
        again = SourceCache.on_disk(folder)
        assert _pages(_load(root, again)) == expected
        assert again.misses == 0 and again.hits == first.misses
    assert next(folder.glob("indhold-*.marshal")).read_bytes() == stored


def test_an_edited_file_is_parsed_again(tmp_path):
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    _load(root, SourceCache.on_disk(folder))
    path = next((root / "content").rglob("*.md"))
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\n---\n\nEn ny første linje.\n", 1), encoding="utf-8")

    cache = SourceCache.on_disk(folder)
    src = cache.read(path, rel)
    assert cache.misses == 1 and cache.hits == 0
    fresh = read_source(path, rel)
    assert (src.data, src.lines, src.body, src.body_line, src.key_lines) == (
        fresh.data,
        fresh.lines,
        fresh.body,
        fresh.body_line,
        fresh.key_lines,
    )
    assert "En ny første linje." in src.body


def test_a_cache_from_other_parser_code_is_not_used(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    _load(root, SourceCache.on_disk(folder))
    monkeypatch.setattr(sourcecache, "fingerprint", lambda: "andenkode")
    cache = SourceCache.on_disk(folder)
    _load(root, cache)
    assert cache.hits == 0 and cache.misses > 5
    assert [p.name for p in folder.glob("indhold-*.marshal")] == ["indhold-andenkode.marshal"]


def test_a_damaged_cache_file_is_ignored(tmp_path):
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    expected = _pages(_load(root, SourceCache.on_disk(folder)))
    (cache_file,) = folder.glob("indhold-*.marshal")
    cache_file.write_bytes(cache_file.read_bytes()[:1000])
    cache = SourceCache.on_disk(folder)
    assert _pages(_load(root, cache)) == expected
    assert cache.hits == 0


def test_files_with_errors_are_parsed_again(tmp_path):
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    path = next((root / "content").rglob("*.md"))
    rel = path.relative_to(root).as_posix()
    path.write_text("---\nnavn: [ikke lukket\n---\n", encoding="utf-8")
    cache = SourceCache.on_disk(folder)
    with pytest.raises(ContentError) as first:
        cache.read(path, rel)
    cache.sweep()
    cache.save()
    again = SourceCache.on_disk(folder)
    with pytest.raises(ContentError) as second:
        again.read(path, rel)
    assert again.misses == 1 and again.hits == 0
    assert second.value.problems == first.value.problems


def test_the_cache_folder_is_chosen_by_overblik_cache(tmp_path, monkeypatch):
    from overblik.frontends.mkdocs import glue

    monkeypatch.delenv("OVERBLIK_CACHE", raising=False)
    assert glue.cache_folder(tmp_path) == tmp_path / ".cache" / "overblik"
    monkeypatch.setenv("OVERBLIK_CACHE", str(tmp_path / "andet"))
    assert glue.cache_folder(tmp_path) == tmp_path / "andet"
    monkeypatch.setenv("OVERBLIK_CACHE", "0")
    assert glue.cache_folder(tmp_path) is None


def test_serve_reuses_checked_entries_only_while_the_bytes_are_the_same(tmp_path):
    root = _copy(tmp_path)
    cache = SourceCache()  # in memory, as mkdocs serve keeps it
    first = _load(root, cache)
    again = _load(root, cache)
    assert again.initiativer["faellesspisning"] is first.initiativer["faellesspisning"]
    path = root / "content/kommuner/testby/initiativer/faellesspisning.md"
    path.write_text(path.read_text(encoding="utf-8").replace("navn: ", "navn: Ny ", 1), encoding="utf-8")
    edited = _load(root, cache)
    assert edited.initiativer["faellesspisning"] is not first.initiativer["faellesspisning"]
    assert edited.initiativer["faellesspisning"].name.startswith("Ny ")
    assert edited.initiativer["nyt-netvaerk"] is first.initiativer["nyt-netvaerk"]
    assert _pages(edited) == _pages(load_repository(root / "content", root))
    tomorrow = load_repository(root / "content", root, sources=cache, today=dt.date(2099, 1, 1))
    assert tomorrow.initiativer["nyt-netvaerk"] is not first.initiativer["nyt-netvaerk"]


def test_build_cache_on_disk_does_not_keep_checked_entries(tmp_path):
    root = _copy(tmp_path)
    cache = SourceCache.on_disk(tmp_path / "cache")
    first = _load(root, cache)
    assert _load(root, cache).initiativer["faellesspisning"] is not first.initiativer["faellesspisning"]


# --- parsing ahead on two cores (mkdocs build, large sites) ---------------------------------


def _ahead(root, cache, monkeypatch):
    monkeypatch.setattr(sourcecache, "PARSE_AHEAD_MIN", 1)
    return cache.parse_ahead(lambda: text_files(root / "content", root))


def test_parsing_ahead_in_a_child_gives_the_same_site_and_cache(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    expected = _pages(_load(root, None))
    folder = tmp_path / "cache"
    cache = SourceCache.on_disk(folder)
    assert _ahead(root, cache, monkeypatch), "the child parsed half of the files"
    assert _pages(_load(root, cache)) == expected
    assert cache.misses == 0  # loading found every file parsed, the child's half too
    # and the cache on disk holds every file: the next build parses nothing
    again = SourceCache.on_disk(folder)
    assert _pages(_load(root, again)) == expected
    assert again.misses == 0 and again.hits == len(text_files(root / "content", root))


def test_parsing_ahead_reports_errors_as_loading_does(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    broken = next((root / "content").rglob("*.md"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("\n", "\n  [ødelagt\n", 2), encoding="utf-8")
    with pytest.raises(ContentError) as plain:
        _load(root, None)
    cache = SourceCache.on_disk(tmp_path / "cache")
    _ahead(root, cache, monkeypatch)
    with pytest.raises(ContentError) as ahead:
        _load(root, cache)
    assert [str(p) for p in ahead.value.problems] == [str(p) for p in plain.value.problems]


def test_a_failed_child_leaves_its_half_to_loading(tmp_path, monkeypatch):
    root = _copy(tmp_path)
    expected = _pages(_load(root, None))

    class Failed:
        def result(self):
            raise forked.ForkFailed("barnet sluttede med koden 1")

    monkeypatch.setattr(forked, "start", lambda work: Failed())
    cache = SourceCache()
    assert not _ahead(root, cache, monkeypatch)
    assert _pages(_load(root, cache)) == expected
    assert cache.misses > 3  # the child's half, parsed by loading


def test_a_small_site_is_not_parsed_ahead(tmp_path):
    root = _copy(tmp_path)
    cache = SourceCache()
    assert not cache.parse_ahead(lambda: text_files(root / "content", root))
    assert cache.hits == cache.misses == 0 and not cache._files


def test_files_the_cache_has_are_not_parsed_ahead(tmp_path, monkeypatch):
    """A build after a build (CI with actions/cache): the files on disk are in the cache, so
    nothing is parsed ahead (a changed file is parsed by loading, as without this)."""
    root = _copy(tmp_path)
    folder = tmp_path / "cache"
    expected = _pages(_load(root, SourceCache.on_disk(folder)))
    changed = next((root / "content").rglob("*.md"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEn ny linje.\n", encoding="utf-8")
    warm = SourceCache.on_disk(folder)
    assert warm.warm and not SourceCache().warm
    assert not _ahead(root, warm, monkeypatch)
    assert _pages(_load(root, warm)) != expected
    assert warm.misses == 1


@pytest.mark.parametrize("content", [FIXTURES / "content", ROOT / "content"], ids=["fixtures", "indhold"])
def test_loading_changes_nothing_the_build_cache_hands_out(tmp_path, content):
    """The on-disk cache (one load per build) hands out the parsed data without copying it,
    and saves it after loading: loading must leave it exactly as parsing gave it."""
    cache = SourceCache.on_disk(tmp_path / "cache")
    load_repository(content, content.parent, sources=cache)
    assert len(cache._files) > len(text_files(content, content.parent)) / 2 > 3
    for rel, (_, parsed) in cache._files.items():
        if not isinstance(parsed, ContentError):
            assert parsed.data == read_source(content.parent / rel, rel).data, rel


def test_a_cache_written_in_the_background_is_the_same(tmp_path):
    """mkdocs build lets a forked child write the cache (SourceCache.save(in_background=True))
    and waits for it at the end; the file is the one a save in the process writes."""
    root = _copy(tmp_path)
    written = []
    for background in (False, True):
        cache = SourceCache.on_disk(tmp_path / f"cache-{background}")
        load_repository(root / "content", root, sources=cache)
        cache.sweep()
        child = cache.save(in_background=background)
        assert (child is not None) is (background and forked.can_fork())
        if child is not None:
            assert child.result() is None
        written.append(next((tmp_path / f"cache-{background}").glob("indhold-*.marshal")).read_bytes())
    assert written[0] == written[1]
