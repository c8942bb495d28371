"""Generated files wait on disk until MkDocs reads them (`frontends.mkdocs.spool`):
the same content comes back, in the type it was given, and MkDocs writes the same bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, InclusionLevel

from overblik.frontends.mkdocs import spool

TEXTS = ["---\ntitle: Æblegrød\n---\n\n# Æblegrød – for alle\n", "", "linje\r\nmed CR\n", "\ufeffbegynder med BOM\n"]


@pytest.fixture
def config(tmp_path):
    plugins = SimpleNamespace(_current_plugin=None)
    return SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True, plugins=plugins)


@pytest.fixture
def box(tmp_path):
    s = spool.Spool(tmp_path)
    yield s
    s.close()


CONTENTS = TEXTS + [text.encode("utf-8") for text in TEXTS] + [bytes(range(256)) * 300]


@pytest.mark.parametrize("content", CONTENTS, ids=range(len(CONTENTS)))
def test_spooled_file_gives_back_what_it_was_given(config, box, content):
    plain = File.generated(config, "a/side.md", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    spooled = spool.generated(config, "a/side.md", content=content, spool=box, inclusion=InclusionLevel.NOT_IN_NAV)
    assert isinstance(spooled, spool.SpooledFile) and spooled._kept is None  # on disk, not here
    assert spooled._content == content and type(spooled._content) is type(content)
    assert spooled.content_bytes == plain.content_bytes
    if content != CONTENTS[-1]:  # not UTF-8 (a data file): never read as text
        assert spooled.content_string == plain.content_string
    assert spooled.is_modified()
    assert (spooled.url, spooled.inclusion, spooled.dest_uri) == (plain.url, plain.inclusion, plain.dest_uri)


def test_copied_file_has_the_same_bytes(config, box, tmp_path):
    for content in ("tekst med æøå\n", b"\x00\x01bytes"):
        plain = File.generated(config, "data/x.json", content=content)
        spooled = spool.generated(config, "data/x.json", content=content, spool=box)
        plain.copy_file()
        expected = Path(plain.abs_dest_path).read_bytes()
        Path(plain.abs_dest_path).unlink()
        spooled.copy_file()
        assert Path(spooled.abs_dest_path).read_bytes() == expected


def test_setting_the_content_replaces_the_spooled_one(config, box):
    f = spool.generated(config, "side.md", content="lang tekst", spool=box)
    f.content_string = ""  # as glue releases a page it has read
    assert f.content_string == "" and f._place is None
    f.content_bytes = b"nyt"
    assert f.content_string == "nyt"


def test_many_files_share_one_spool(config, box):
    files = [spool.generated(config, f"s{i}.md", content=f"side {i}\n" * i, spool=box) for i in range(200)]
    assert [f.content_string for f in files] == [f"side {i}\n" * i for i in range(200)]


def test_content_that_cannot_be_spooled_stays_in_memory(config, box):
    odd = "en enlig surrogat \udc80"  # not UTF-8: kept as it is
    f = spool.generated(config, "side.md", content=odd, spool=box)
    assert f._place is None and f.content_string == odd
    box.close()  # the spool is gone: the next file keeps its content too
    g = spool.generated(config, "anden.md", content="tekst", spool=box)
    assert g._place is None and g.content_string == "tekst"


def test_without_a_spool_files_are_mkdocs_own(config):
    f = spool.generated(config, "side.md", content="tekst", spool=None)
    assert type(f) is File and f.content_string == "tekst"


def test_spool_leaves_no_file_behind(tmp_path):
    site = tmp_path / "site"
    s = spool.Spool.beside(str(site))
    assert s is not None
    s.put(b"data")
    assert list(tmp_path.iterdir()) == []  # unnamed from the start
    s.close()
    assert s.closed


def test_spool_falls_back_to_the_temporary_folder(tmp_path):
    s = spool.Spool.beside(str(tmp_path / "findes-ikke" / "site"))
    assert s is not None
    assert s.get(s.put(b"abc"), 3) == b"abc"
    s.close()


@pytest.mark.parametrize("with_spool", [True, False], ids=["i spolen", "i hukommelsen"])
@pytest.mark.parametrize(
    "meta", [{"title": "Æblegrød", "soeg": {"type": "Aktivitet"}}, {"title": "x", "dato": date(2025, 1, 2)}]
)
def test_a_bare_page_is_read_with_its_front_matter_as_data(config, box, with_spool, meta):
    """A page made meta_only has no front matter in its text: MkDocs gets the text as its
    Markdown and the front matter as data, also when marshal cannot store it (a date)."""
    file = spool.generated(
        config, "a/side.md", content="\n# Æblegrød\n", spool=box if with_spool else None, meta=meta, bare=True
    )
    assert file.bare and file.has_meta
    page = SimpleNamespace(file=file, markdown=None, meta=None)
    config.plugins.on_page_read_source = lambda page, config: None
    spool.read_source_with_meta(page, config)
    assert page.markdown == "# Æblegrød\n" and page.meta == meta and page.meta is not meta


def test_what_is_put_is_got_back_from_the_buffer_and_from_the_file(tmp_path, monkeypatch):
    """Spool.put gathers what it is given and writes it in one go when the buffer is full;
    `get` reads each stretch back from wherever it is, before and after `flush`."""
    monkeypatch.setattr(spool, "BUFFER", 100)
    box = spool.Spool(tmp_path)
    put = []
    for i in range(300):
        data = bytes([i % 256]) * (i * 7 % 230)
        put.append((box.put(data), data))
        for offset, data in put[-5:]:
            assert box.get(offset, len(data)) == data
    assert 0 < box._written <= box._end
    box.flush()
    assert box._written == box._end and not box._buffer
    assert all(box.get(offset, len(data)) == data for offset, data in put)
    box.close()
    with pytest.raises(OSError):
        box.put(b"efter")
