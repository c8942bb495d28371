"""The raw-HTML fast path (`overblik.frontends.mkdocs.rawhtml`) changes speed, never output.

Every generated page of the shipped and the fixture content, and random
documents mixing Markdown with well-formed and broken HTML, are converted by
Python-Markdown set up as MkDocs sets it up (this project's extensions plus
MkDocs' own raw-HTML scan), once with and once without the fast path. The
HTML, the table of contents and the anchor ids MkDocs collects must be equal.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _RawHTMLPreprocessor
from mkdocs.utils import meta

from conftest import FIXTURES, ROOT
from overblik.build import generate
from overblik.content.repository import load_repository
from overblik.frontends.mkdocs import rawhtml
from overblik.frontends.mkdocs.rawhtml import _PIECES, _SCAN, RawHtmlExtension, _tag
from overblik.site.settings import Settings


def _extensions() -> tuple[list, dict]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = _extensions()


def convert(text: str, fast: bool) -> tuple[str, list, set]:
    extensions = list(EXTENSIONS) + ([RawHtmlExtension()] if fast else [])
    md = markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS)
    scan = _RawHTMLPreprocessor()
    scan._register(md)
    html = md.convert(text)
    return html, getattr(md, "toc_tokens", []), scan.present_anchor_ids


def assert_same(text: str) -> None:
    assert convert(text, fast=True) == convert(text, fast=False)


def generated_pages(content: Path) -> list[tuple[str, str]]:
    repo = load_repository(content, content.parent)
    pages = []
    for out in generate(repo, Settings(today="2025-06-01")):
        if out.is_page:
            body, _ = meta.get_data(out.content)
            pages.append((out.src_uri, body))
    return pages


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURES / "content"], ids=["indhold", "fixtures"])
def test_generated_pages_render_the_same(content):
    pages = generated_pages(content)
    assert len(pages) > 20
    for src_uri, body in pages:
        fast, slow = convert(body, fast=True), convert(body, fast=False)
        assert fast == slow, src_uri


def test_hand_written_pages_render_the_same():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        body, _ = meta.get_data(path.read_text(encoding="utf-8"))
        assert_same(body)


def test_the_fast_path_is_taken_for_generated_blocks():
    text = '# Titel\n\n<section class="ob-facts" aria-label="Fakta">\n<dl>\n<dt>Hvor</dt>\n<dd><a href="x/" id="a1">X</a><br>Y</dd>\n</dl>\n</section>\n\n## Om\n\n<div class="ob-prose"><p>Tekst</p></div>\n'
    md = markdown.Markdown(extensions=["md_in_html", RawHtmlExtension()])
    lines = md.preprocessors["overblik_raw_html"].run(text.split("\n"))
    assert "<" not in "\n".join(lines)
    assert md.preprocessors["overblik_raw_html"].ids == {"a1"}
    assert_same(text)


HTML_PIECES = [
    '<div class="a">\n<p>x</p>\n</div>',
    '<section aria-label="Fakta om &lt;b&gt;">\n<dl><dt>A</dt><dd>b<br>c</dd></dl>\n</section>',
    '<ul class="l">\n<li><a href="../x/" id="x-1">X</a> <span>y</span></li>\n</ul>',
    "<p>tekst med <em>kursiv</em></p>",
    "<div>\n<div>indlejret</div>\n</div>",
    "<div>ikke lukket",
    "<div>\n<!-- kommentar -->\n</div>",
    "<div>\n<script>var a = '<div>';</script>\n</div>",
    '<script src="a.js" defer></script>',
    '<div markdown="1">\n*md*\n</div>',
    "<span>inline</span> tekst",
    "<hr>",
    "<hr/>",
    '<div><br/><img src="x.png" alt="a"></div>',
    "<table>\n<tr><td>1</td></tr>\n</table>",
    "<div>a</div> efter",
    "<DIV CLASS=x>store</DIV>",
    "<div title='a>b'>x</div>",
    "<div>\n\n<p>tom linje inde</p>\n\n</div>",
    "</div>",
    "<div>a</span></div>",
    '<a name="anker">x</a>',
    "<div>&amp; &#229; &lt;</div>",
    "<noscript><p>x</p></noscript>",
    '<div title="a<b">x</div>',
    '<div title="<!-- x -->">y</div>',
    "<p>Markdown = tekst</p>",
    '<p><a id="x1" name="y">a</a> <A NAME="z1">b</A> <b ID=z2>c</b></p>',
    "<div><SCRIPT></Script>x</div>",
]
MARKDOWN_PIECES = [
    "# Overskrift",
    "## Afsnit {#afsnit}",
    "Et afsnit med *kursiv* og `kode`.",
    "- punkt\n- punkt",
    "    indrykket kode <div>",
    "!!! note\n    en note",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "tekst < 3 og > 2",
    "  <div>indrykket</div>",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(HTML_PIECES + MARKDOWN_PIECES), min_size=1, max_size=8),
    st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n", " "]), min_size=8, max_size=8),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_random_documents_render_the_same(pieces, joins, end):
    text = "".join(piece + joins[i] for i, piece in enumerate(pieces[:-1])) + pieces[-1] + end
    assert_same(text)


def test_every_pair_of_pieces_renders_the_same():
    pieces = HTML_PIECES + MARKDOWN_PIECES
    taken = 0
    for first in pieces:
        for second in pieces:
            for join in ("\n\n", "\n"):
                text = first + join + second + "\n"
                md = markdown.Markdown(extensions=["md_in_html", RawHtmlExtension()])
                if md.preprocessors["overblik_raw_html"].run(text.split("\n")) != text.split("\n"):
                    taken += 1
                assert_same(text)
    assert taken > 300  # the fast path was really tried


TAG_BITS = ["<div", "<p", "</div>", "</p >", ">", "/>", "<", " ", "\n", "=", '"', "'", "`", "x", "tekst"]
TAG_BITS += [' a="x"', " b='y'", " c=d", ' e="x>y"', " f='<'", ' g="\'"', " h='\"'", " i", " j=>"]
TAG_BITS += ['<div a="x">', "<p b='>'>", '<div e="<" f>', "<p c=d/>", "</div>"] * 3


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(TAG_BITS), max_size=30))
def test_the_quick_cut_is_exact_where_it_is_used(bits):
    """Where every piece of the quick cut is a well-formed tag, it cuts the page as the exact scan does."""
    text = "".join(bits)
    pieces = _PIECES.findall(text)
    if all(_tag(tag) for _, tag in pieces):
        assert pieces == [(data, tag) for data, tag, *_ in _SCAN.findall(text)]


def test_the_quick_cut_is_used_for_quoted_angle_brackets():
    assert _PIECES.findall("<div title='a>b'>") == [("", "<div title='a>")]
    assert not _tag("<div title='a>")  # so the exact scan is used
    assert [tag for _, tag, *_ in _SCAN.findall("<div title='a>b'>")] == ["<div title='a>b'>"]


def test_a_full_tag_cache_starts_again(monkeypatch):
    monkeypatch.setattr(rawhtml, "_TAGS", {"<x1>": (), "<x2>": (), "<x3>": ()})
    monkeypatch.setattr(rawhtml, "_TAGS_KEPT", 3)
    assert_same("\n\n".join(HTML_PIECES[:6]) + "\n")
    assert len(rawhtml._TAGS) <= 3
