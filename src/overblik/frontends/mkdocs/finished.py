"""Generated pages reach the theme as finished HTML, without Python-Markdown.

A generated page is raw HTML blocks between Markdown headings (the body
text of content files is already HTML, see `site.prose`). Python-Markdown
spends most of a page's time on machinery such a page does not use: setting
up a `Markdown` object with every extension, the block parser, the inline
patterns, the tree processors and the serialiser. `convert` produces what it
would, directly: the raw blocks are found as `rawhtml.RawHtmlBlocks` finds
them, each heading becomes ``<hN id="...">`` with the id and table-of-contents
entry that the `toc` extension would give it, and the title is the first
heading's text if the page starts with an ``# h1``.

Only the simple case is handled: every block is either one raw HTML block or
one ATX heading line whose text is plain (no character that Markdown's inline
patterns, `attr_list` or the `toc` extension treat specially). Anything else
(a paragraph, a list, a table, a fenced block, a heading with ``*`` or ``&``
...) makes `convert` return None and the page goes through Python-Markdown as
before. So the HTML, table of contents, title and anchor ids are the same, byte
for byte (`tests/test_finished.py` checks every generated page and random
documents against Python-Markdown set up as MkDocs sets it up).

`render` replaces `Page.render` for generated pages (see `glue.on_pre_page`);
it is used only while the Markdown set-up is the one this module knows
(the extensions in mkdocs.yml with the same `toc` options); with any other
extension every page goes through Python-Markdown.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown import util
from markdown.extensions import toc
from markdown.extensions.toc import nest_toc_tokens, unique

from .rawhtml import RawHtmlBlocks, RawHtmlExtension

# The processors Python-Markdown has with mkdocs.yml's extensions and the raw-HTML fast path.
# Another extension may change what a page becomes: then every page takes the long way.
KNOWN = {
    "preprocessors": {
        "fenced_code_block",
        "html_block",
        "normalize_whitespace",
        "overblik_raw_html",
        "overblik_raw_html_ids",
    },
    "blockprocessors": {
        "admonition",
        "code",
        "empty",
        "hashheader",
        "hr",
        "indent",
        "markdown_block",
        "olist",
        "paragraph",
        "quote",
        "reference",
        "setextheader",
        "table",
        "ulist",
    },
    "inlinePatterns": {
        "autolink",
        "automail",
        "backtick",
        "em_strong",
        "entity",
        "escape",
        "html",
        "image_link",
        "image_reference",
        "linebreak",
        "link",
        "reference",
        "short_image_ref",
        "short_reference",
    },
    "treeprocessors": {"attr_list", "inline", "prettify", "toc", "unescape"},
    "postprocessors": {"amp_substitute", "raw_html"},
}

_HEADING = re.compile(r"(#{1,6})(.*)")
# An id set with `attr_list` at the end of a heading: "## Afsnit {: #afsnit }" or "{#afsnit}".
_ATTR_ID = re.compile(r"(.*?)[ ]+\{:?[ ]*#([A-Za-z0-9_-]+)[ ]*\}[ ]*")
# Characters with no meaning to Markdown's inline patterns, attr_list or toc.
_PLAIN_CHAR = r"[^\\`*_\[\]<>&!{}#~^=|\s]"
_ESCAPE = re.compile(r"\\(.)")
# NormalizeWhitespace's re.sub(r"(?<=\n) +\n", "\n", ...) empties lines of spaces; this
# pattern removes the same spaces (a line's, after its "\n", when a "\n" ends it) and
# is much quicker, as it starts with a fixed "\n ".
_BLANK_LINE_SPACES = re.compile(r"\n +(?=\n)")
_PLACEHOLDER = re.compile(util.HTML_PLACEHOLDER % r"([0-9]+)")


@dataclass
class Finished:
    html: str
    toc_tokens: list[dict]
    title: str | None
    anchor_ids: set[str] = field(default_factory=set)


class _Scratch:
    """What `RawHtmlBlocks` needs of a `Markdown` object: block-level tags and a stash."""

    def __init__(self, block_level: set[str]):
        self.block_level = block_level
        self.htmlStash = self
        self.blocks: list[str] = []

    def is_block_level(self, tag: Any) -> bool:
        return isinstance(tag, str) and tag.lower().rstrip("/") in self.block_level

    def store(self, html: str) -> str:
        self.blocks.append(html)
        return util.HTML_PLACEHOLDER % (len(self.blocks) - 1)


@dataclass
class Converter:
    slugify: Callable[[str, str], str]
    separator: str
    toc_top: int
    toc_bottom: int
    block_level: set[str]
    escaped: str  # characters a backslash escapes, and that need no escaping in HTML

    def __post_init__(self) -> None:
        unit = rf"(?:{_PLAIN_CHAR}|\\[{re.escape(self.escaped)}])+"
        self._plain = re.compile(rf"{unit}(?: {unit})*")
        # The same headings come back on page after page; toc's own slugify functions
        # depend on nothing but their arguments, so each heading is slugified once.
        self._slug = self.slugify
        if self.slugify in (toc.slugify, toc.slugify_unicode):
            self._slug = functools.lru_cache(maxsize=4096)(self.slugify)

    @classmethod
    def for_markdown(cls, md: markdown.Markdown) -> Converter | None:
        """A converter for pages that `md` would convert, or None if `md` is set up otherwise."""
        registries = {
            "preprocessors": md.preprocessors,
            "blockprocessors": md.parser.blockprocessors,
            "inlinePatterns": md.inlinePatterns,
            "treeprocessors": md.treeprocessors,
            "postprocessors": md.postprocessors,
        }
        for name, registry in registries.items():
            if {item.name for item in registry._priority} != KNOWN[name]:
                return None
        toc = md.treeprocessors["toc"]
        if toc.use_anchors or toc.use_permalinks not in (False, None) or md.tab_length != 4:
            return None
        escaped = "".join(c for c in md.ESCAPED_CHARS if c not in "<>&\"'")
        return cls(toc.slugify, toc.sep, int(toc.toc_top), int(toc.toc_bottom), set(md.block_level_elements), escaped)

    def convert(self, text: str) -> Finished | None:
        """What Python-Markdown makes of `text`, or None if the page is not of the simple kind."""
        if not text or text.isspace() or "```" in text or "~~~" in text:
            return None
        # Python-Markdown's NormalizeWhitespace. Each replacement is made only where
        # needed: `in` is much quicker than a `replace` that finds nothing.
        source = text
        if util.STX in source or util.ETX in source:
            source = source.replace(util.STX, "").replace(util.ETX, "")
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        source += "\n\n"
        if "\t" in source:
            source = source.expandtabs(4)
        source = _BLANK_LINE_SPACES.sub("\n", source)
        scratch = _Scratch(self.block_level)
        blocks = RawHtmlBlocks(scratch)
        lines = (blocks.set_aside(source) or source).split("\n")
        parts: list[str | tuple[int, str, str | None]] = []  # raw HTML, or (level, text, id) of a heading
        previous_blank = True
        for line in lines:
            if not line:
                previous_blank = True
                continue
            if not previous_blank:
                return None  # a block of more than one line
            previous_blank = False
            m = _PLACEHOLDER.fullmatch(line)
            if m:
                parts.append(scratch.blocks[int(m.group(1))])
                continue
            heading = self._heading(line)
            if heading is None:
                return None
            parts.append(heading)
        if not parts:
            return None
        # As the toc extension: ids given with attr_list are kept, the others made from the text.
        used = {part[2] for part in parts if isinstance(part, tuple) and part[2] is not None}
        counters: dict[str, int] = {}
        tokens: list[dict] = []
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            level, words, anchor = part
            if anchor is None:
                anchor = unique(self._slug(words, self.separator), used, counters)
            out.append(f'<h{level} id="{anchor}">{words}</h{level}>')
            if self.toc_top <= level <= self.toc_bottom:
                tokens.append({"level": level, "id": anchor, "name": words, "html": words, "data-toc-label": ""})
        first = parts[0]
        title = first[1] if isinstance(first, tuple) and first[0] == 1 else None
        html = "\n".join(out).strip()  # as the serialiser's "\n" after each block, stripped
        return Finished(html, nest_toc_tokens(tokens), title, used | blocks.ids)

    def _heading(self, line: str) -> tuple[int, str, str | None] | None:
        """(level, text, id given with attr_list) of a heading line with plain text, else None."""
        m = _HEADING.fullmatch(line)
        if not m:
            return None
        level, words = m.groups()
        anchor = None
        if "{" in words:
            attr = _ATTR_ID.fullmatch(words)
            if attr:
                words, anchor = attr.groups()
        words = words.strip(" ")
        if not self._plain.fullmatch(words):
            return None
        if "\\" in words:
            words = _ESCAPE.sub(r"\1", words)
        return len(level), words, anchor


STATS = {"finished": 0, "markdown": 0}  # generated pages rendered each way in this process

_CONVERTERS: dict[int, tuple[Any, Converter | None]] = {}


def converter_for(config: Any) -> Converter | None:
    """The converter for this build's Markdown set-up (made once per configuration)."""
    cached = _CONVERTERS.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    extensions = list(config["markdown_extensions"])
    md = markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"] or {})
    if not any(isinstance(ext, RawHtmlExtension) for ext in extensions):
        RawHtmlExtension().extendMarkdown(md)
    conv = Converter.for_markdown(md)
    _CONVERTERS.clear()
    _CONVERTERS[id(config)] = (config, conv)
    return conv


def render(page: Any, config: Any, files: Any) -> None:
    """`Page.render` for a generated page: finished HTML when the page is of the simple kind."""
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    conv = converter_for(config)
    done = conv.convert(page.markdown) if conv is not None and page.markdown is not None else None
    if done is None:
        STATS["markdown"] += 1
        Page.render(page, config, files)
        return
    STATS["finished"] += 1
    page.content = done.html
    page.toc = get_toc(done.toc_tokens)
    page._title_from_render = done.title
    page.present_anchor_ids = done.anchor_ids
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}
