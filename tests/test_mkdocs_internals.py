"""Every MkDocs, Material, Python-Markdown and Jinja internal the front end relies on.

`overblik.frontends.mkdocs` goes past the documented plugin API in a few places
to make large sites fast (see its modules). An upgrade of MkDocs or Material
(pinned in pyproject.toml) could move one of them without any error: the
navigation would silently render per page again, or a page come out empty.
So each internal is named here once, with the module that uses it, and two
equivalence tests check that the fast paths change speed, never output:

* a build with the navigation cache and the page-memory release switched off
  gives the same bytes as the normal build;
* ``mkdocs serve --dirty`` rewrites only the pages that changed, removes
  pages of deleted files, and ends with the same site as a clean build.

When a canary fails after an upgrade: read the named module, adapt it, and
re-run this file. The pinned versions below are the ones last checked.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import time
from pathlib import Path

import jinja2
import markdown
import pytest
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, InclusionLevel

from conftest import FIXTURES, build_with_patches, copy_project, mkdocs_build, serve_build, site_files
from overblik.frontends.mkdocs import glue, navcache, preview, rawhtml
from overblik.site.templatecache import CompiledTemplates

ROOT = Path(__file__).resolve().parent.parent
CHECKED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "Markdown": "3.11.3", "Jinja2": "3.1.6"}


def test_versions_are_the_ones_these_canaries_were_checked_against():
    found = {name: importlib.metadata.version(name) for name in CHECKED}
    assert found == CHECKED, (
        "MkDocs, Material, Markdown or Jinja2 changed version: run tests/test_mkdocs_internals.py, "
        "check each internal it names, then update CHECKED"
    )


# --- canaries: one per internal, named with the module that uses it -----------------


def test_glue_hands_generated_files_to_mkdocs():
    """glue.on_files: File.generated(config, src_uri, content=, inclusion=) and its edit_uri."""
    params = inspect.signature(File.generated).parameters
    assert {"config", "src_uri", "content", "inclusion"} <= set(params)
    assert InclusionLevel.INCLUDED and InclusionLevel.NOT_IN_NAV
    assert hasattr(File, "edit_uri"), "glue sets file.edit_uri on generated pages for the edit button"
    files = Files([File("a/b.md", "/docs", "/site", use_directory_urls=True)])
    assert "a/b.md" in files.src_uris and "a/c.md" not in files.src_uris  # glue asks it whether docs/ has a page


def test_glue_releases_page_memory_through_these_attributes():
    """glue.on_page_markdown / on_page_content / on_post_page let go of each copy of a page."""
    for name in ("content_string", "content_bytes"):
        attribute = inspect.getattr_static(File, name)
        assert isinstance(attribute, property) and attribute.fset is not None, f"File.{name} is no longer settable"
    assert hasattr(File, "generated_by")
    source = inspect.getsource(mkdocs_pages.Page)
    for name in ("self.markdown", "self.content"):
        assert name in source, f"Page no longer keeps {name}"


def test_glue_reads_generated_front_matter_as_mkdocs_does():
    """glue.read_source_with_meta: Page.read_source asks on_page_read_source, then reads
    file.content_string and splits it with mkdocs.utils.meta.get_data, whose YAML front
    matter is what YAML_RE matches, the Markdown what follows it without blank lines."""
    from mkdocs.utils import meta

    source = inspect.getsource(mkdocs_pages.Page.read_source)
    for part in ("on_page_read_source", "self.file.content_string", "meta.get_data(source)"):
        assert part in source, f"Page.read_source no longer uses {part}"
    text = "---\ntitle: A\n---\n\n\n# B\n"
    found = meta.YAML_RE.match(text)
    assert found is not None and meta.get_data(text) == (text[found.end() :].lstrip("\n"), {"title": "A"})


def test_spool_reads_every_generated_file_through_content():
    """spool.SpooledFile: MkDocs reads and writes a generated file's content only through
    `File._content` (File.generated sets it; the properties, copy_file and is_modified read it)."""
    assert "._content = content" in inspect.getsource(File.generated)
    for name in ("content_string", "content_bytes"):
        attribute = inspect.getattr_static(File, name)
        assert "self._content" in inspect.getsource(attribute.fget), f"File.{name} reads elsewhere"
        assert "self._content" in inspect.getsource(attribute.fset), f"File.{name} writes elsewhere"
    for method in (File.copy_file, File.is_modified):
        source = inspect.getsource(method)
        assert "content = self._content" in source or "self._content is not None" in source, (
            f"{method.__name__} reads elsewhere"
        )


def test_hooks_receive_the_events_glue_expects():
    """hooks/overblik_hooks.py: on_startup(command, dirty) and the page events' keywords."""
    assert {"command", "dirty"} <= set(inspect.signature(PluginCollection.on_startup).parameters)
    assert {"page", "config", "files"} <= set(inspect.signature(PluginCollection.on_page_markdown).parameters)
    assert {"config", "files"} <= set(inspect.signature(PluginCollection.on_env).parameters)


def test_build_order_lets_a_child_take_half_of_the_pages():
    """parallel.Split: forks in on_nav, before any page is read; takes its pages out of
    `files` in on_env, after every page is read and before MkDocs lists the pages it writes;
    and calls MkDocs' own _populate_page and _build_page for them."""
    source = inspect.getsource(mkdocs_build_module.build)
    steps = [
        "config.plugins.on_nav(",
        "_populate_page(",
        "config.plugins.on_env(",
        "doc_files = files.documentation_pages(",
        "_build_page(",
        "validate_anchor_links(",
        "config.plugins.on_post_build(",
    ]
    positions = [source.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions))
    assert positions == sorted(positions), "MkDocs' build steps are in another order"
    assert list(inspect.signature(mkdocs_build_module._populate_page).parameters)[:3] == ["page", "config", "files"]
    assert list(inspect.signature(mkdocs_build_module._build_page).parameters)[:5] == [
        "page",
        "config",
        "doc_files",
        "nav",
        "env",
    ]
    assert {"nav", "config", "files"} <= set(inspect.signature(PluginCollection.on_nav).parameters)
    assert hasattr(Files, "remove") and hasattr(Files, "append")


def test_dirty_builds_skip_files_that_say_they_are_unmodified():
    """preview.UnchangedFile: MkDocs' --dirty build asks file.is_modified() before rendering a page."""
    source = inspect.getsource(mkdocs_build_module)
    assert "dirty and not page.file.is_modified()" in source
    assert preview.MKDOCS_DIRTY_WARNING in source, "preview.DropDirtyWarning filters this message"


def test_mkdocs_theme_still_writes_a_sitemap_template(tmp_path):
    """glue.on_files drops the theme's sitemap.xml (opendata.sitemap writes one with content dates)."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert "sitemap.xml" in config.theme.static_templates


def test_material_navigation_can_be_cached(tmp_path):
    """navcache: Material's partials/nav.html, its compiled root_render_func, and the nav's pages."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    env = config.theme.get_env()
    cache = navcache.install(env)
    assert cache is not None, f"the theme has no {navcache.NAV_TEMPLATE}: the navigation cache is off"
    assert env.get_template(navcache.NAV_TEMPLATE).root_render_func is cache
    nav_source = env.loader.get_source(env, navcache.NAV_TEMPLATE)[0]
    assert "nav" in nav_source


def test_cached_theme_parts_read_nothing_of_the_page_but_its_folder(tmp_path):
    """navcache: the templates in TEMPLATES and the blocks in BLOCKS are the same for every page
    outside the navigation in one folder only if they never read the page itself (the
    `url` filter and base_url read its URL, which the cache key holds)."""
    from jinja2 import nodes

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    env = config.theme.get_env()

    def names(node) -> set[str]:
        return {n.name for n in node.find_all(nodes.Name)}

    def names_read(node) -> set[str]:
        return {n.name for n in node.find_all(nodes.Name) if n.ctx == "load"}

    def parse(name: str):
        return env.parse(env.loader.get_source(env, name)[0])

    def reads_no_page(node, where: str) -> None:
        assert "page" not in names(node), f"{where} reads the page"
        for include in node.find_all(nodes.Include):
            if isinstance(include.template, nodes.Const):  # else a name made of names checked above (an icon)
                reads_no_page(parse(include.template.value), include.template.value)

    for name in navcache.TEMPLATES[1:]:  # the navigation itself is cached only for pages outside it
        reads_no_page(parse(name), name)
    for template, block_names in navcache.BLOCKS:
        tree = parse(template)
        blocks = {block.name: block for block in tree.find_all(nodes.Block)}
        # Variables the template sets from the page outside its blocks (for_editors in main.html).
        outside = {
            node.target.name
            for node in tree.body
            if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name) and "page" in names(node.node)
        }
        for name in block_names:
            assert name in blocks, f"{template} has no block {name}"
            reads_no_page(blocks[name], f"block {name} in {template}")
            assert not names_read(blocks[name]) & outside, f"block {name} in {template} reads {outside}"
    navcache.install(env)
    for template, block_names in navcache.BLOCKS:
        assert all(isinstance(env.get_template(template).blocks[b], navcache.NavCache) for b in block_names)
    for name in navcache.TEMPLATES:
        assert isinstance(env.get_template(name).root_render_func, navcache.NavCache), name


def test_raw_html_fast_path_finds_mkdocs_anchor_scan():
    """rawhtml: MkDocs' raw-HTML preprocessor "mkdocs_raw_html" and its present_anchor_ids,
    Python-Markdown's htmlStash, is_block_level and HTMLExtractor.empty_tags."""
    source = inspect.getsource(mkdocs_pages)
    assert "_RawHTMLPreprocessor" in source and "present_anchor_ids" in source
    assert '"mkdocs_raw_html"' in source or "'mkdocs_raw_html'" in source
    md = markdown.Markdown()
    assert hasattr(md, "htmlStash") and callable(md.is_block_level)
    from markdown.htmlparser import HTMLExtractor

    assert HTMLExtractor(md).empty_tags == rawhtml._EMPTY_TAGS


def test_compiled_templates_are_reused_by_a_new_environment():
    """templatecache: Jinja's BytecodeCache; glue also gives it to the theme's environment in serve."""
    cache = CompiledTemplates()
    loader = jinja2.DictLoader({"t.html": "Hej {{ navn }}"})
    first = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert first.get_template("t.html").render(navn="Ida") == "Hej Ida"
    second = jinja2.Environment(loader=loader, bytecode_cache=cache)

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    second.compile = no_compiling
    assert second.get_template("t.html").render(navn="Bo") == "Hej Bo"


# --- equivalence: the fast paths change speed, never output -----------------------------


PLAIN_BUILD = """
from overblik.frontends.mkdocs import glue, navcache
navcache.install = lambda env, **kw: None
glue.RELEASE_MEMORY = False
glue.SPOOL = False
glue.DIRECT_META = False
"""


@pytest.mark.parametrize("style", ["fixture_site", "fixture_site_files"])
def test_build_without_nav_cache_memory_release_spool_or_direct_meta_is_byte_identical(tmp_path, style, request):
    """With folder URLs ("om/") and with file URLs ("om.html": there, pages of different
    folders share a cache key, so a cached footer once linked to "index.html" from every
    folder)."""
    extra = ["--no-directory-urls"] if style == "fixture_site_files" else []
    result = build_with_patches(tmp_path, PLAIN_BUILD, "plain", extra)
    assert result.returncode == 0, result.stderr
    plain, fast = site_files(tmp_path / "plain"), site_files(request.getfixturevalue(style))
    assert sorted(plain) == sorted(fast)
    assert [name for name in plain if plain[name] != fast[name]] == []


def written(site: Path) -> dict[str, int]:
    """When each page was written; 404.html is the theme's, which MkDocs writes on every build."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != "pagefind" and p.name != "404.html"
    }


@pytest.fixture
def serve_state():
    yield
    glue.STATE.command = "build"
    preview.PREVIEW.dirty = False
    preview.PREVIEW.forget()


@pytest.mark.usefixtures("serve_state")
def test_serve_dirty_rewrites_only_changed_pages_and_removes_deleted_ones(tmp_path):
    (tmp_path / "project").mkdir()
    config = copy_project(tmp_path / "project", content=FIXTURES / "content")
    initiatives = config.parent / "content" / "kommuner" / "testby" / "initiativer"
    extra = initiatives / "ekstra-netvaerk.md"
    extra.write_text(
        (initiatives / "nyt-netvaerk.md").read_text(encoding="utf-8").replace("navn: ", "navn: Ekstra ", 1),
        encoding="utf-8",
    )
    site = tmp_path / "served"

    serve_build(config, site, dirty=True)
    first = written(site)
    assert "initiativer/ekstra-netvaerk/index.html" in first

    time.sleep(0.01)
    serve_build(config, site, dirty=True)
    assert written(site) == first, "nothing changed, yet pages were written again"

    edited = initiatives / "nyt-netvaerk.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEn ny sætning om netværket.\n", encoding="utf-8")
    time.sleep(0.01)
    serve_build(config, site, dirty=True)
    after_edit = written(site)
    rewritten = {name for name in after_edit if after_edit[name] != first.get(name)}
    assert "initiativer/nyt-netvaerk/index.html" in rewritten
    assert "initiativer/faellesspisning/index.html" not in rewritten
    assert "En ny sætning om netværket." in (site / "initiativer" / "nyt-netvaerk" / "index.html").read_text("utf-8")
    clean = tmp_path / "clean-1"
    assert mkdocs_build(config, clean).returncode == 0
    assert site_files(site, skip_search=True) == site_files(clean, skip_search=True)

    extra_rel = "content/kommuner/testby/initiativer/ekstra-netvaerk.md"
    assert extra_rel in preview.PREVIEW.sources
    extra.unlink()
    time.sleep(0.01)
    serve_build(config, site, dirty=True)
    assert not (site / "initiativer" / "ekstra-netvaerk").exists()
    assert extra_rel not in preview.PREVIEW.sources, "deleted content stays in the source cache"
    clean = tmp_path / "clean-2"
    assert mkdocs_build(config, clean).returncode == 0
    assert site_files(site, skip_search=True) == site_files(clean, skip_search=True)
