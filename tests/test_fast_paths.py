"""Shortcuts taken for speed give exactly what the general code gives.

* prose: plain paragraphs skip Python-Markdown (`prose._plain_paragraphs`);
* links: `urls.relative` computes relative URLs without `posixpath.relpath`;
* page metadata: front matter is written with libyaml when it is there;
* JSON-LD: a page's own title and description are read without the rest of its front
  matter (`jsonld.own_front_matter`).

Each is compared with the general path on many generated inputs (hypothesis)
and on the shipped content.
"""

from __future__ import annotations

import html
import posixpath
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from conftest import ROOT
from overblik.content.repository import load_repository
from overblik.site import prose, urls
from overblik.site.pages import front_matter, page_meta


def markdown_path(text: str) -> str:
    md = prose._markdown()
    md.reset()
    out = md.convert(text)
    return re.sub(r"<(/?)h([1-6])", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}", out)


PLAIN_WORDS = st.sampled_from(
    [
        "Caféen",
        "mødes",
        "hver",
        "fredag",
        "kl.",
        "10.00",
        "på",
        "Ærø",
        "i",
        "§18",
        "'",
        '"',
        "50%",
        "(ca.",
        "100)",
        "æøå",
        "ÆØÅ",
        "é",
        "|",
        "~",
        "{",
        "}",
        ":",
        "!",
        "?",
        "10.000",
        "a-b",
        "1.",
        "2019.",
    ]
)
MARKUP = st.sampled_from(
    ["-", "--", "...", "*", "_", "#", ">", "<b>", "&amp;", "`kode`", "[link](x)", "=", "+", "1)", "\\"]
)
WORDS = st.one_of(PLAIN_WORDS, PLAIN_WORDS, PLAIN_WORDS, PLAIN_WORDS, MARKUP)
SEPARATORS = st.one_of(
    st.just(" "),
    st.just(" "),
    st.just(" "),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from(["\n\n\n", "  \n", "\t", "\u00a0", " \n", "\n "]),
)


@st.composite
def texts(draw, words=WORDS, separators=SEPARATORS):
    chosen = draw(st.lists(words, min_size=1, max_size=25))
    seps = draw(st.lists(separators, min_size=len(chosen), max_size=len(chosen)))
    lead = draw(st.sampled_from(["", "\n", " ", "\n\n"]))
    return lead + "".join(w + s for w, s in zip(chosen, seps))


# Mostly plain text (the fast path's case) and text with markup (Markdown's).
PROSE = st.one_of(texts(PLAIN_WORDS, st.sampled_from([" ", " ", "\n", "\n\n", "\n\n\n"])), texts())


@settings(max_examples=3000, deadline=None)
@given(PROSE)
def test_plain_prose_renders_as_markdown_does(text):
    fast = prose._plain_paragraphs(text)
    if fast is not None and text.strip():
        assert fast == markdown_path(text)


def test_plain_prose_is_the_common_case_in_the_content():
    repo = load_repository(ROOT / "content", ROOT)
    texts = [e.body for e in repo.all() if e.body] + [
        e.model.formaal for e in repo.initiativer.values() if e.model.formaal
    ]
    plain = 0
    for text in texts:
        fast = prose._plain_paragraphs(text)
        if fast is not None:
            plain += 1
            assert fast == markdown_path(text)
        assert str(prose.render(text)) == markdown_path(text)
    assert plain > 0


SEGMENTS = st.sampled_from(["initiativer", "cases", "a", "b", "kommuner", "x-y", "index.md", "data", "é"])


@st.composite
def site_urls(draw):
    parts = draw(st.lists(SEGMENTS, max_size=4))
    url = "/".join(parts)
    ending = draw(st.sampled_from(["", "/", ".html", "/index.html", ".json"]))
    return url + ending if url else draw(st.sampled_from(["", "index.html"]))


@settings(max_examples=3000, deadline=None)
@given(site_urls(), site_urls())
def test_relative_paths_match_relpath(target, here):
    assert urls._relpath(target, here) == posixpath.relpath("/" + target, "/" + here)


def test_relative_paths_with_dot_parts_fall_back_to_relpath():
    for target, here in [("a/./b", "a/"), ("a/../b/", "c/d/"), ("x", "a/../")]:
        assert urls._relpath(target, here) == posixpath.relpath("/" + target, "/" + here)


def _keys(value):
    """Every mapping's keys in order, at every level: the order Material would iterate in."""
    if isinstance(value, dict):
        return [(key, _keys(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_keys(item) for item in value]
    return None


@settings(max_examples=1000, deadline=None)
@given(
    st.text(min_size=1, max_size=80),
    st.text(max_size=300),
    st.sampled_from([None, ["toc"], ["navigation", "toc"]]),
    st.dictionaries(st.sampled_from(["type", "felter", "kommune"]), st.text(max_size=60), max_size=3),
)
def test_front_matter_reads_back_as_written(title, description, hide, search):
    """A page's metadata (`page_meta`, handed to MkDocs as it is: see Output.meta) is exactly
    what reading its front matter gives, keys in the same order."""
    data = page_meta(title, description, hide=hide, soeg=search or None)
    text = front_matter(data)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    expected = {
        "title": html.escape(title, quote=True),
        "description": html.escape(prose.plain(description, 300), quote=True),
    }
    if hide:
        expected["hide"] = hide
    if search:
        expected["soeg"] = search
    assert data == expected
    assert yaml.safe_load(text[4:-5]) == expected
    markdown, read = meta.get_data(text + "# x\n")  # as MkDocs reads it
    assert (markdown, read) == ("# x\n", data) and _keys(read) == _keys(data)


def test_parallel_generation_gives_the_same_outputs():
    """generate(parallel=True) renders the content pages in a forked process."""
    from overblik.build import generate
    from overblik.site.settings import Settings

    repo = load_repository(ROOT / "content", ROOT)
    settings = Settings(today="2025-06-01", site_url="https://overblik.example.dk/overblik/")
    serial = generate(repo, settings, ["om.md"])
    parallel = generate(repo, settings, ["om.md"], parallel=True)
    assert [(o.src_uri, o.content, o.edit_path, o.in_nav) for o in parallel] == [
        (o.src_uri, o.content, o.edit_path, o.in_nav) for o in serial
    ]


META_TEXT = st.text(max_size=60) | st.sampled_from(["- x", "a: b", "&a x", "*a", "!x", "'", "#", "\n- y", "x\r\ny"])


@settings(max_examples=1500, deadline=None)
@given(
    st.text(min_size=1, max_size=80),
    st.text(max_size=300),
    st.dictionaries(st.sampled_from(["felter", "kommune", "type"]), META_TEXT, max_size=3),
    st.sampled_from([None, ["toc"], ["navigation", "toc"]]),
    st.sampled_from(["", "# Side\n\n---\n\nmere\n"]),
)
def test_own_front_matter_is_read_as_the_whole(title, description, search, hide, body):
    from overblik.opendata.jsonld import own_front_matter, read_front_matter

    text = front_matter(page_meta(title, description, hide=hide, soeg={"felter": search, "ord": title})) + body
    whole, end = read_front_matter(text)
    assert own_front_matter(text) == ({k: whole[k] for k in ("description", "title")}, end)


def test_own_front_matter_of_unusual_yaml_is_read_as_the_whole():
    from overblik.opendata.jsonld import own_front_matter, read_front_matter

    for block in [
        "title: &t Navn\ndescription: *t\n",  # an alias to another entry
        "soeg: &s x\ntitle: *s\n",
        "title: !!str 12\n",
        "'title': citeret\ndescription: d\n",
        "? title\n: kompleks nøgle\n",
        "title: a\rdescription: b\n",
        "hide:\n- toc\n- x\ntitle: |\n  blok\n  tekst\ndescription: >\n  foldet\n",
        "{title: flow, description: d}\n",
        "title: to\ntitle: gange\n",
        "",
    ]:
        text = f"---\n{block}---\n\n# x\n"
        whole, end = read_front_matter(text)
        assert own_front_matter(text) == ({k: v for k, v in whole.items() if k in ("description", "title")}, end)
    assert own_front_matter("# ingen\n") == read_front_matter("# ingen\n")
    assert own_front_matter("---\ntitle: x\n") == read_front_matter("---\ntitle: x\n")


def test_own_front_matter_of_the_shipped_pages():
    from overblik.build import generate
    from overblik.opendata.jsonld import own_front_matter, read_front_matter
    from overblik.site.settings import Settings

    repo = load_repository(ROOT / "content", ROOT)
    for out in generate(repo, Settings(today="2025-06-01")):
        if out.is_page:
            whole, end = read_front_matter(out.content)
            assert own_front_matter(out.content) == ({k: whole[k] for k in ("description", "title")}, end)


@pytest.mark.parametrize("parallel", [False, True], ids=["en proces", "to processer"])
def test_every_generated_page_carries_its_front_matter_as_data(parallel):
    """Output.meta, which MkDocs gets instead of reading the YAML (glue.read_source_with_meta),
    is what reading the page's front matter gives, JSON-LD included, keys in the same order."""
    from overblik.build import generate
    from overblik.site.settings import Settings

    repo = load_repository(ROOT / "content", ROOT)
    pages = [out for out in generate(repo, Settings(today="2025-06-01"), parallel=parallel) if out.is_page]
    assert len(pages) > 100
    for out in pages:
        read = meta.get_data(out.content)[1]
        assert out.meta == read and _keys(out.meta) == _keys(read), out.src_uri
        assert "jsonld" in read


@pytest.mark.parametrize("parallel", [False, True], ids=["en proces", "to processer"])
def test_pages_made_meta_only_are_the_same_pages_without_their_yaml(parallel):
    """generate(meta_only=True) (mkdocs build): the content and listing pages come without
    front matter in their text; each one's data is what reading the whole page's front matter
    gives, and its text is the Markdown MkDocs cuts out of the whole page
    (glue.read_source_with_meta). Every other output is the same."""
    from overblik.build import generate
    from overblik.site.settings import Settings

    repo = load_repository(ROOT / "content", ROOT)
    whole = generate(repo, Settings(today="2025-06-01"), parallel=parallel)
    bare = generate(repo, Settings(today="2025-06-01"), parallel=parallel, meta_only=True)
    assert [o.src_uri for o in whole] == [o.src_uri for o in bare]
    made_bare = 0
    for a, b in zip(whole, bare, strict=True):
        if not b.meta_only:
            assert a == b, a.src_uri
            continue
        made_bare += 1
        markdown, read = meta.get_data(a.content)
        assert b.meta == read and _keys(b.meta) == _keys(read), a.src_uri
        assert b.content.lstrip("\n") == markdown and not b.content.startswith("---"), a.src_uri
        assert (b.edit_path, b.in_nav) == (a.edit_path, a.in_nav)
    assert made_bare > 100
