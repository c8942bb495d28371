"""Set the generated pages' HTML blocks aside without parsing them tag by tag.

The generated pages are mostly raw HTML between Markdown headings. Python-
Markdown finds the end of every raw HTML block with Python's `HTMLParser`,
one callback per tag, and MkDocs parses the whole page once more to collect
`id`s for its anchor checks. For the generated pages that is about 40 % of
what MkDocs spends on a page.

`RawHtmlBlocks` does the same job with one regular expression per block: a
block that starts at the beginning of a line with a block-level tag is
followed, with the same tag stack as Python-Markdown's `HTMLExtractor`, to
the end tag that closes it, and stored in the HTML stash exactly as
Python-Markdown would store it. Only the simple case is handled: the text
before the block has no ``<`` at all, nothing follows the block on its last
line, and it holds no comments, scripts, styles or ``markdown=`` attributes. At the
first thing outside that case it stops and leaves the rest of the page to
Python-Markdown, which then sees exactly the text and stash it would have
made itself. So the HTML that comes out is the same, byte for byte
(`tests/test_rawhtml.py` checks it on every generated page). The `id`s
in the blocks are handed to MkDocs' anchor check as its own parser would.
"""

from __future__ import annotations

import html
import re
from itertools import islice
from operator import itemgetter

from markdown import Extension
from markdown.preprocessors import Preprocessor

# Right after a fenced-code preprocessor (25) and before MkDocs' raw-HTML
# scan (21) and Python-Markdown's own HTML block preprocessor (20).
PRIORITY = 22
IDS_PRIORITY = 20.5  # after MkDocs' scan, which resets its set of ids

# Only well-formed tags; anything else ends the fast path.
_TAG = re.compile(
    r"""<(?:/(?P<endname>[a-zA-Z][a-zA-Z0-9-]*)\s*"""
    r"""|(?P<name>[a-zA-Z][a-zA-Z0-9-]*)"""
    r"""(?P<attrs>(?:\s+[^\s/>"'=`<]+(?:\s*=\s*(?:"[^"`]*"|'[^'`]*'|[^\s"'=<>`]+))?)*)\s*(?P<close>/)?)>"""
)
# The text up to the next "<", then a well-formed tag or a "<" that is not one
# (which ends the fast path). Groups: the whole token (text and tag), end tag name,
# start tag name, attributes, "/" of a self-closing tag. The tokens lie end to end.
_SCAN = re.compile(r"([^<]*(?:" + _TAG.pattern + r"|<))")
_ID_ATTR = re.compile(r"(?:^|\s)(?:id|name)\s*=", re.I)
_ATTR = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<]+)))?""")
# Used with .match(text, pos), which anchors at pos.
_BLANK_AFTER = re.compile(r"([ ]*\n){2}")  # as Python-Markdown's blank_line_re
_LINE_END = re.compile(r"[ ]*(?:\n|\Z)")
# Markdown inside HTML (matched in the lower-cased block), and elements whose content
# the HTML parser reads as raw text (an empty <script src=...></script> is fine).
_MARKDOWN_ATTR = re.compile(r"markdown\s*=")
_RAW_TEXT = {"script", "style", "textarea", "title", "plaintext", "xmp"}
_EMPTY_TAGS = {"hr"}  # Python-Markdown's HTMLExtractor.empty_tags


class _Stop(Exception):
    """Something this fast path does not handle: leave the rest to Python-Markdown."""


class RawHtmlBlocks(Preprocessor):
    def __init__(self, md):
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        text = self.set_aside("\n".join(lines))
        return lines if text is None else text.split("\n")

    def set_aside(self, text: str) -> str | None:
        """`text` with its raw HTML blocks stashed, as far as the fast path goes; None if it stashed none."""
        self.ids = set()
        if "<" not in text:
            return None
        # Every "<" in the page in one pass: (text before it and the tag, the tag's parts).
        tokens = _SCAN.findall(text)
        out: list[str] = []
        done = 0  # the text before this is handled
        i = 0
        while i < len(tokens):
            lt = done + tokens[i][0].index("<")
            if lt != 0 and text[lt - 1] != "\n":
                break  # HTML inside a line: Python-Markdown decides
            try:
                k = self._last_token(tokens, i)
            except _Stop:
                break
            # The tokens lie end to end from `done`: the block ends where token k does.
            end = done + sum(map(len, map(itemgetter(0), tokens[i : k + 1])))
            block = self._block(text, lt, end, k + 1 - i)
            if block is None:
                break
            out.append(text[done:lt])
            out.append("\n")
            out.append(self.md.htmlStash.store(block))
            out.append("\n\n")
            done = end
            i = k + 1
        if not out:
            return None
        out.append(text[done:])
        return "".join(out)

    def _last_token(self, tokens: list[tuple], i: int) -> int:
        """The token that ends the raw block whose first tag is tokens[i], found with
        the tag stack of Python-Markdown's `HTMLExtractor`; collects the `id`s on the way."""
        _, _, name, _, close = tokens[i]
        if not name or close or name.lower() in _EMPTY_TAGS or not self.md.is_block_level(name.lower()):
            raise _Stop
        stack: list[str] = []
        for k, (_, end_name, start_name, attrs, close) in enumerate(islice(tokens, i, None), i):
            if end_name:
                tag = end_name.lower()
                if tag in stack:
                    while stack.pop() != tag:
                        pass
                if not stack:
                    return k
            elif start_name:
                tag = start_name.lower()
                if tag in _RAW_TEXT and not _closed_at_once(tokens, k):
                    raise _Stop
                if not (close or tag in _EMPTY_TAGS):
                    stack.append(tag)
                if attrs and ("id" in attrs or "name" in attrs) and _ID_ATTR.search(attrs):
                    self._collect_ids(tag, attrs)
            else:
                raise _Stop  # a "<" that is not a well-formed tag
        raise _Stop  # never closed

    def _block(self, text: str, start: int, end: int, tags: int) -> str | None:
        """What to stash for the raw block text[start:end] of `tags` tags, or None if the fast path stops there."""
        raw = text[start:end]
        # Comments and declarations. Each tag starts with "<" and a letter or "/", and
        # the text between tags has no "<": a "<!" or "<?" can only be in an attribute.
        if raw.count("<") != tags and ("<!" in raw or "<?" in raw):
            return None
        # Markdown inside HTML. Only "w" and "W" become a "w" in lower case: a block
        # without them cannot match, and most blocks need not be lower-cased at all.
        if ("w" in raw or "W" in raw) and _MARKDOWN_ATTR.search(raw.lower()):
            return None
        if _BLANK_AFTER.match(text, end):
            return raw + "\n"  # Python-Markdown keeps the blank line with the block
        if _LINE_END.match(text, end):
            return raw  # the next line (or the end of the page) follows directly
        return None

    def _collect_ids(self, tag: str, attrs: str) -> None:
        for m in _ATTR.finditer(attrs):
            key = m.group(1).lower()
            if key == "id" or (key == "name" and tag == "a"):
                value = next((g for g in m.group(2, 3, 4) if g is not None), None)
                if value is not None:
                    self.ids.add(html.unescape(value))


def _closed_at_once(tokens: list[tuple], k: int) -> bool:
    """Is the element started by tokens[k] ended by the very next token, with nothing between?"""
    if k + 1 >= len(tokens):
        return False
    token, end_name, _, _, _ = tokens[k + 1]
    # An end tag with no text before it, of the same element.
    return token.startswith("</") and end_name.lower() == tokens[k][2].lower()


class _HandIdsToMkDocs(Preprocessor):
    """MkDocs collects anchor ids from raw HTML; add those of the blocks set aside."""

    def __init__(self, md, blocks: RawHtmlBlocks):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if self.blocks.ids and "mkdocs_raw_html" in self.md.preprocessors:
            scan = self.md.preprocessors["mkdocs_raw_html"]
            if isinstance(getattr(scan, "present_anchor_ids", None), set):
                scan.present_anchor_ids |= self.blocks.ids
        return lines


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        blocks = RawHtmlBlocks(md)
        md.preprocessors.register(blocks, "overblik_raw_html", PRIORITY)
        md.preprocessors.register(_HandIdsToMkDocs(md, blocks), "overblik_raw_html_ids", IDS_PRIORITY)
