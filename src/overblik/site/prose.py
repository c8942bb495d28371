"""Editors' Markdown to HTML, with raw HTML and unsafe links made inert.

Content arrives by pull request from many hands, so prose is rendered with a
Markdown instance of its own: raw HTML is shown as text, and links or images
whose address is not http, https, mailto, tel or relative are dropped.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    cleaned = _CONTROL.sub("", html.unescape(url or ""))
    if not _SCHEME.match(cleaned):
        return not cleaned.startswith("//")
    return cleaned.lower().startswith(SAFE_SCHEMES)


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attr]
            for attr in list(element.attrib):
                if attr.lower().startswith("on"):
                    del element.attrib[attr]
            if element.tag == "a" and element.get("href", "").startswith(("http://", "https://")):
                element.set("rel", "noopener")
        return None


class _NoRawHtml(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        md.treeprocessors.register(_SafeLinks(md), "overblik_safe_links", 0)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[_NoRawHtml(), "sane_lists", "smarty"],
        extension_configs={"smarty": {"smart_quotes": False}},
        output_format="html",
    )


# Text where Markdown would change nothing but wrap paragraphs: no markup
# characters, no HTML, no smart dashes or ellipses, no line that starts like a
# heading, list, quote or code, and no whitespace at the start or end of a line.
_MARKUP = re.compile(r"[\\`*_\[\]<>&\x00-\x09\x0b-\x1f\x7f]|--|\.\.\.")
_LINE_STARTS = frozenset("#>=+-")
_NUMBERED = re.compile(r"\d+[.)]")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _plain_paragraphs(text: str) -> str | None:
    """What Markdown makes of plain paragraphs, or None if the text has markup.
    The same HTML as the Markdown path (tests/test_fast_paths.py), much faster."""
    if _MARKUP.search(text):
        return None
    for line in text.split("\n"):
        if line and (
            line[0] in _LINE_STARTS
            or line[0].isspace()
            or line[-1].isspace()
            or (line[0].isdigit() and _NUMBERED.match(line))
        ):
            return None
    return "\n".join(f"<p>{p}</p>" for p in _PARAGRAPH_BREAK.split(text.strip("\n")))


def render(text: str | None, *, shift_headings: int = 1) -> Markup:
    """Render prose to safe HTML; headings are shifted so they nest under the page's."""
    if not text or not text.strip():
        return Markup("")
    plain_html = _plain_paragraphs(text)
    if plain_html is not None:
        return Markup(plain_html)
    md = _markdown()
    md.reset()
    out = md.convert(text)
    if shift_headings:

        def shift(match: re.Match) -> str:
            level = min(6, int(match.group(2)) + shift_headings)
            return f"<{match.group(1)}h{level}"

        out = re.sub(r"<(/?)h([1-6])", shift, out)
    return Markup(out)


def plain(text: str | None, limit: int = 0) -> str:
    """Prose as one line of plain text, e.g. for meta descriptions."""
    if not text:
        return ""
    text = re.sub(r"[#*_`>\[\]]", "", text)
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
