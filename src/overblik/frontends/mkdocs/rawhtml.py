"""Set the generated pages' HTML blocks aside without parsing them tag by tag.

The generated pages are mostly raw HTML between Markdown headings. Python-
Markdown finds the end of every raw HTML block with Python's `HTMLParser`,
one callback per tag, and MkDocs parses the whole page once more to collect
`id`s for its anchor checks. For the generated pages that is about 40 % of
what MkDocs spends on a page.

`RawHtmlBlocks` does the same job with one regular expression over the page,
which cuts it at every ``<``; each distinct tag is then read once and kept (the
same tags come back on every page). A block that starts at the beginning of a
line with a block-level tag is followed, with the same tag stack as
Python-Markdown's `HTMLExtractor`, to the end tag that closes it, and stored in
the HTML stash exactly as Python-Markdown would store it. Only the simple
case is handled: the text before the block has no ``<`` at all, nothing
follows the block on its last line, and it holds no comments, scripts, styles
or ``markdown=`` attributes. At the first thing outside that case it stops
and leaves the rest of the page to Python-Markdown, which then sees exactly
the text and stash it would have made itself. So the HTML that comes out is
the same, byte for byte (`tests/test_rawhtml.py` checks it on every generated
page). The `id`s in the blocks are handed to MkDocs' anchor check as its own
parser would.
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
# The page cut at every "<": the text before it, and the tag that starts there.
# _SCAN is exact: a well-formed tag, or the "<" alone if none starts there (which
# ends the fast path). _PIECES is quicker: up to the first ">", or the "<" alone
# if another "<" comes first. Where each of its pieces is a well-formed tag the two
# cut the page alike: a quoted attribute value ends at the next quote of its kind
# and nothing else in a tag may hold a quote or ">", so a well-formed tag ends at
# its first ">" outside quotes, and a piece has no ">" but its last character.
# For the same reason _TAG.fullmatch reads a tag either of them cut as _SCAN would.
_SCAN = re.compile(r"([^<]*)(" + _TAG.pattern + r"|<)")
_PIECES = re.compile(r"([^<]*)(<[^<>]*>|<)")
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

# What the tag stack needs to know of a tag: (is it an end tag, its name in lower
# case, is it pushed on the stack, is its content raw text, the `id`s it gives).
# The same tags come back on every page, so each is read once (see `_tag`).
_Tag = tuple[bool, str, bool, bool, tuple[str, ...]]
_NOT_A_TAG: tuple = ()
_TAGS: dict[str, _Tag | tuple] = {}
_TAGS_KEPT = 20_000  # at most (a few MB); then the cache starts again


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
        # Every "<" in the page in one pass: (text before it, the tag), and what each tag is.
        tokens = _PIECES.findall(text)
        tags = [_TAGS.get(tag) or _tag(tag) for _, tag in tokens]
        if not all(tags):
            # A "<" that is not a tag, or a quoted "<" or ">" in one: cut the page exactly.
            tokens = [(data, tag) for data, tag, *_ in _SCAN.findall(text)]
            tags = [_TAGS.get(tag) or _tag(tag) for _, tag in tokens]
        out: list[str] = []
        done = 0  # the text before this is handled
        i = 0
        while i < len(tokens):
            lt = done + len(tokens[i][0])
            if lt != 0 and text[lt - 1] != "\n":
                break  # HTML inside a line: Python-Markdown decides
            try:
                k = self._last_token(tokens, tags, i)
            except _Stop:
                break
            # The tokens lie end to end: the block ends where token k does.
            end = lt + _length(tokens[i + 1 : k + 1]) + len(tokens[i][1])
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

    def _last_token(self, tokens: list[tuple[str, str]], tags: list[_Tag | tuple], i: int) -> int:
        """The token that ends the raw block whose first tag is tokens[i], found with
        the tag stack of Python-Markdown's `HTMLExtractor`; collects the `id`s on the way."""
        first = tags[i]
        if not first or first[0] or not first[2] or not self.md.is_block_level(first[1]):
            raise _Stop  # not a start tag of a block-level element that has an end
        stack: list[str] = []
        for k, tag in enumerate(islice(tags, i, None), i):
            if not tag:
                raise _Stop  # a "<" that is not a well-formed tag
            end, name, pushed, raw_text, ids = tag
            if end:
                if name in stack:
                    while stack.pop() != name:
                        pass
                if not stack:
                    return k
            else:
                if raw_text and not _closed_at_once(tokens, tags, k):
                    raise _Stop
                if pushed:
                    stack.append(name)
                if ids:
                    self.ids.update(ids)
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


def _tag(text: str) -> _Tag | tuple:
    """What the tag stack needs to know of a tag (`_Tag`), or `_NOT_A_TAG`; kept in `_TAGS`."""
    m = _TAG.fullmatch(text)
    if m is None:
        tag = _NOT_A_TAG
    elif m["endname"]:
        tag = (True, m["endname"].lower(), False, False, ())
    else:
        name, attrs = m["name"].lower(), m["attrs"]
        pushed = not (m["close"] or name in _EMPTY_TAGS)
        ids = _ids(name, attrs) if _ID_ATTR.search(attrs) else ()  # any case: ID= and NAME= count too
        tag = (False, name, pushed, name in _RAW_TEXT, ids)
    if len(_TAGS) >= _TAGS_KEPT:
        _TAGS.clear()
    _TAGS[text] = tag
    return tag


def _ids(name: str, attrs: str) -> tuple[str, ...]:
    """The `id`s that MkDocs' anchor check reads in a start tag's attributes."""
    ids = []
    for m in _ATTR.finditer(attrs):
        key = m.group(1).lower()
        if key == "id" or (key == "name" and name == "a"):
            value = next((g for g in m.group(2, 3, 4) if g is not None), None)
            if value is not None:
                ids.append(html.unescape(value))
    return tuple(ids)


def _length(tokens: list[tuple[str, str]]) -> int:
    """The length of the text of these tokens (each the text before a "<" and the tag)."""
    return sum(map(len, map(itemgetter(0), tokens))) + sum(map(len, map(itemgetter(1), tokens)))


def _closed_at_once(tokens: list[tuple[str, str]], tags: list[_Tag | tuple], k: int) -> bool:
    """Is the element started by tokens[k] ended by the very next token, with nothing between?"""
    if k + 1 >= len(tokens):
        return False
    after = tags[k + 1]
    return not tokens[k + 1][0] and bool(after) and after[0] and after[1] == tags[k][1]


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
