"""Generated pages as finished HTML (`overblik.frontends.mkdocs.finished`) change speed, never output.

Every generated page of the shipped and the fixture content, the hand-written
pages and random documents are converted by Python-Markdown set up as MkDocs
sets it up (this project's extensions, MkDocs' raw-HTML scan, anchor and title
extraction). Where `finished` handles a page, the HTML, the table of contents,
the title and the anchor ids must be equal; it must handle most generated pages.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor, _RawHTMLPreprocessor
from mkdocs.utils import meta

from conftest import FIXTURES, ROOT, build_with_patches, site_files
from overblik.frontends.mkdocs.finished import _BLANK_LINE_SPACES, Converter
from overblik.frontends.mkdocs.rawhtml import RawHtmlExtension
from test_rawhtml import EXTENSION_CONFIGS, EXTENSIONS, HTML_PIECES, MARKDOWN_PIECES, generated_pages


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS) + [RawHtmlExtension()], extension_configs=EXTENSION_CONFIGS)


CONVERTER = Converter.for_markdown(_markdown())


def python_markdown(text: str) -> tuple:
    md = _markdown()
    scan = _RawHTMLPreprocessor()
    scan._register(md)
    anchors = _ExtractAnchorsTreeprocessor(None, None, None)
    anchors._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return html, getattr(md, "toc_tokens", []), title.title, anchors.present_anchor_ids | scan.present_anchor_ids


def check(text: str) -> bool:
    """Is `text` handled, and if so, exactly as Python-Markdown would?"""
    done = CONVERTER.convert(text)
    if done is None:
        return False
    assert (done.html, done.toc_tokens, done.title, done.anchor_ids) == python_markdown(text)
    return True


def test_the_project_set_up_is_known():
    assert CONVERTER is not None


def test_another_extension_turns_it_off():
    md = markdown.Markdown(extensions=list(EXTENSIONS) + ["footnotes"], extension_configs=EXTENSION_CONFIGS)
    assert Converter.for_markdown(md) is None
    configs = dict(EXTENSION_CONFIGS, toc={"permalink": True})
    assert Converter.for_markdown(markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=configs)) is None


@pytest.mark.parametrize("content", [ROOT / "content", FIXTURES / "content"], ids=["indhold", "fixtures"])
def test_generated_pages_come_out_the_same(content):
    pages = generated_pages(content)
    handled = [src_uri for src_uri, body in pages if check(body)]
    assert len(handled) >= 0.9 * len(pages), sorted({p for p, _ in pages} - set(handled))


def test_hand_written_pages_come_out_the_same():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        body, _ = meta.get_data(path.read_text(encoding="utf-8"))
        check(body)


HEADINGS = [
    "## Om {: #om }",
    "## Om {#om}",
    "# A\\.P\\. Møller \\(fond\\)",
    "## x\\#",
    "## a \\\\ b",
    "## a\\<b",
    "## Skråstreg\\",
    "## {#tom}",
    "## Ord  {: #to }",
    "## Ord {: .klasse }",
    "# Titel",
    "## Om Æblegården",
    "## Om Æblegården",
    "### Mål 2025",
    "## Børn - og unge?",
    "## Citat \"x\" 'y'",
    "#### a.b: c/d (e)",
    "## Slut ##",
    "##Tæt",
    "# To  mellemrum",
    "## Med & og",
    "## *kursiv*",
    "## Tab\there",
    "## Ny\u00a0linje",
    "####### syv",
    "#",
    "## ",
    "## Om_1",
    "## Om",
    "## Om",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(HTML_PIECES + MARKDOWN_PIECES + HEADINGS * 2), min_size=1, max_size=8),
    st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n", " ", "\r\n\r\n"]), min_size=8, max_size=8),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_random_documents_come_out_the_same(pieces, joins, end):
    text = "".join(piece + joins[i] for i, piece in enumerate(pieces[:-1])) + pieces[-1] + end
    check(text)


def test_simple_documents_are_handled():
    taken = 0
    for first in HTML_PIECES[:6] + HEADINGS:
        for second in HTML_PIECES[:6] + HEADINGS:
            taken += check(first + "\n\n" + second + "\n")
    assert taken > 200


MARKDOWN_BUILD = """
from overblik.frontends.mkdocs import glue
glue.FINISHED_HTML = False
"""


def test_the_site_is_byte_identical_with_every_page_through_markdown(tmp_path, fixture_site):
    result = build_with_patches(tmp_path, MARKDOWN_BUILD, "markdown")
    assert result.returncode == 0, result.stderr
    slow, fast = site_files(tmp_path / "markdown"), site_files(fixture_site)
    assert sorted(slow) == sorted(fast)
    assert [name for name in slow if slow[name] != fast[name]] == []


def test_mkdocs_page_render_sets_what_finished_render_sets():
    """Canary: `finished.render` stands in for `Page.render`; if MkDocs sets more on a page, look again."""
    import inspect
    import re

    from mkdocs.structure.pages import Page

    from overblik.frontends.mkdocs import finished

    ours = set(re.findall(r"page\.(\w+) =", inspect.getsource(finished.render)))
    theirs = set(re.findall(r"self\.(\w+) =", inspect.getsource(Page.render)))
    assert theirs == ours == {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" \nx\t", max_size=40))
def test_lines_of_spaces_are_emptied_as_python_markdown_does(text):
    import re

    assert _BLANK_LINE_SPACES.sub("\n", text) == re.sub(r"(?<=\n) +\n", "\n", text)
