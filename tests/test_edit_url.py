"""One edit address for a content file: the one MkDocs puts on the page's edit button."""

from __future__ import annotations

import posixpath
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from overblik.site.settings import Settings
from overblik.site.urls import docs_relative, edit_url

ROOT = Path(__file__).resolve().parent.parent
FILE = "content/kommuner/ishoj/initiativer/strikkecafe.md"


def test_edit_url_follows_edit_uri():
    settings = Settings(repo_url="https://github.com/eksempel/overblik", edit_uri="edit/udgivet/docs/")
    assert edit_url(settings, FILE) == f"https://github.com/eksempel/overblik/edit/udgivet/{FILE}"
    assert edit_url(Settings(repo_url="https://github.com/eksempel/overblik"), FILE) is None
    assert edit_url(Settings(edit_uri="edit/main/docs/"), FILE) is None  # no repository, no address
    template = Settings(repo_url="https://example.org/r/", edit_uri_template="blob/main/docs/{path_noext}?plain=1")
    assert edit_url(template, FILE) == f"https://example.org/r/blob/main/{FILE[:-3]}?plain=1"


def test_edit_url_is_the_edit_button_mkdocs_makes(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    settings = Settings.from_mkdocs(config)
    file = File("initiativer/strikkecafe.md", str(tmp_path), config.site_dir, config.use_directory_urls)
    file.edit_uri = docs_relative(settings, FILE)
    page = Page(None, file, config)
    assert page.edit_url == edit_url(settings, FILE)
    assert page.edit_url.endswith("/edit/main/" + FILE)


_PART = st.sampled_from(["content", "docs", "kommuner", "a", "..", ".", "x.md"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=5), st.lists(_PART, min_size=1, max_size=3), st.booleans())
def test_docs_relative_is_relpath(path, docs, absolute):
    """docs_relative works out each folder once; the result is posixpath.relpath's."""
    prefix = "/srv/" if absolute else ""
    path_, docs_ = prefix + "/".join(path), prefix + "/".join(docs)
    assert docs_relative(Settings(docs_dir=docs_), path_) == posixpath.relpath(path_, docs_)
