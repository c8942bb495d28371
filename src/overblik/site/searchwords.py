"""The words a page is found by, besides its text: how Danes type them.

Pagefind indexes each page's text after the build (see `mkdocs_glue`), stems it
with its Danish stemmer (so "grupper" finds "gruppe"), matches every query word
as the beginning of a word ("angst" finds "angstprogram") and, since 1.5,
across accents ("cafe" finds "café", "abent" finds "åbent": it drops
combining marks, and å is a with a ring). What it cannot do:

* **æ and ø typed as a and o** ("fallesskab", "kobenhavn"). They are letters of
  their own, not accented ones, and the browser cannot guess which a's of a
  query were meant as æ (every a could be a, æ or å: 3ⁿ searches). So the
  *index* carries the folded form of every word with æ or ø
  (`fold`: "fællesskab" → "fallesskab"), in hidden metadata of the page.
* **ae, oe and aa for æ, ø and å** ("faellesskab", "nytaarsvandring"). Here
  the *query* is the cheap side: the browser also searches the query with
  æ/ø/å put back (one more search, see assets/search.js), so the index does
  not carry a third spelling of every word.
* **A compound Danish writes in two halves**: "Sorg- og livsmodsgrupper" is
  "sorggrupper og livsmodsgrupper"; `compounds` writes the first one out
  ("sorggrupper"), so the query "sorggruppe" finds the page.
* **What people say** rather than what the memo calls it ("motion" for
  "bevægelse", "lektier" for "lektiehjælp"): `data/hverdagsord.yml` lists, for
  an everyday word, the words pages use; a page whose name or keywords hold
  one of them is found by the everyday word too.

Why the index side for the first three, and how big it gets: the words are
only added where a page has them, are stored once per page, and the first
search loads only the index chunk of its own words (a chunk has a fixed number
of entries, so more words make more chunks, not bigger ones). What grows is
each page's metadata, which a result loads when it is shown: a few hundred
bytes gzipped, and the search page shows ten results at a time instead of
thirty, which more than pays for it (docs/udvikling/benchmarks.md has the
measured figures).

The fields and their weights in ranking (`RANKING`, used
by assets/search.js through Pagefind's ``metaWeights``): the name, keywords and target groups
of a page about one thing count five times, eight for an activity a citizen can
join (so it comes before a project or a municipal effort that matches alike); the name
of a report, an article or an overview counts once and a half; the folded words of
the text once. The page title Pagefind finds itself counts once, so a keyword weighs
like the title of a page about one thing, and an overview whose title has the
word comes after the things themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Which hidden metadata field holds a page's name and keywords, by kind of page.
THING = "emne"  # a page about one thing: initiative, case, organisation, place, municipality
ACTIVITY = "deltag"  # an activity a citizen can join
OVERVIEW = "oversigt"  # a report, an article, a listing or overview
TEXT = "ord"  # folded words and compounds of the rest of the page's text

RANKING = {
    "title": 1.0,
    THING: 5.0,
    ACTIVITY: 8.0,
    OVERVIEW: 1.5,
    TEXT: 1.0,
    # shown with each result, never ranked by
    "type": 0.0,
    "kommune": 0.0,
    "linje": 0.0,
    "filtre": 0.0,
}

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*-?", re.UNICODE)
_ELLIPSIS = re.compile(
    r"(?<![\w-])([^\W\d_]{2,})-(?:,? +[^\W\d_]{2,}-)*,? +(?:og|eller|samt|&) +([^\W\d_]{4,})", re.UNICODE
)
_FOLD = str.maketrans({"æ": "a", "ø": "o", "Æ": "A", "Ø": "O"})


def fold(word: str) -> str:
    """The word as typed without æ and ø: "Fællesskab" → "Fallesskab"."""
    return word.translate(_FOLD)


@lru_cache(maxsize=1)
def everyday() -> tuple[dict[str, list[str]], list[str]]:
    """(everyday word -> words pages use, compound heads) from data/hverdagsord.yml."""
    data = yaml.safe_load((resources.files("overblik") / "data" / "hverdagsord.yml").read_text(encoding="utf-8"))
    words = {str(k).casefold(): [str(v).casefold() for v in vs] for k, vs in (data.get("ord") or {}).items()}
    heads = sorted({str(h).casefold() for h in data.get("efterled") or []}, key=len, reverse=True)
    return words, heads


def compounds(text: str) -> list[str]:
    """Compounds written in two halves, written out: "Sorg- og livsmodsgrupper"
    → ["sorggrupper"], "Senior-, Sundheds- og Fritidsforvaltningen" →
    ["seniorforvaltningen", "sundhedsforvaltningen"]. The shared last part is
    the longest common ending (data/hverdagsord.yml) the last word ends with;
    without one, nothing is guessed."""
    found: list[str] = []
    if "- " not in text and "-," not in text:
        return found
    heads = everyday()[1]
    for match in _ELLIPSIS.finditer(text):
        last = match.group(2).casefold()
        head = next((h for h in heads if last.endswith(h) and len(last) - len(h) >= 2), None)
        if head is None:
            continue
        firsts = re.findall(r"([^\W\d_]{2,})-", match.group(0))
        for first in firsts:
            word = first.casefold() + head
            if word not in found:
                found.append(word)
    return found


def _words(text: str) -> list[str]:
    return [w.strip("-") for w in _WORD.findall(text)]


_AE_OE = re.compile("[æøÆØ]")
_LETTERS_FROM = re.compile(r"[^\W\d_]*")  # a word's letters from where it is matched
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=4096)
def _is_letter(char: str) -> bool:
    return _LETTER.match(char) is not None


def _foldable(text: str) -> list[str]:
    """The words of `text` (runs of letters) with æ or ø, folded, in order. Found from
    each æ and ø outwards: a pattern for such words tried every letter of the text as a
    beginning (a sixth of generating a page's search words)."""
    out = []
    end = -1
    for found in _AE_OE.finditer(text):
        at = found.start()
        if at < end:  # in the word just taken
            continue
        start = at
        while start > 0 and _is_letter(text[start - 1]):
            start -= 1
        end = _LETTERS_FROM.match(text, at).end()
        out.append(fold(text[start:end]))
    return out


@lru_cache(maxsize=1)
def _everyday_pattern() -> tuple[re.Pattern, dict[str, list[str]]]:
    """One pattern for the beginnings of all the words pages use, and which
    everyday words each beginning stands for."""
    by_start: dict[str, list[str]] = {}
    for common, used in everyday()[0].items():
        for start in used:
            by_start.setdefault(start, []).append(common)
    starts = sorted(by_start, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, starts)) + ")"), by_start


def extra_words(text: str, *, synonyms: bool = False, skip: set[str] | None = None) -> list[str]:
    """The words that find `text` as Danes type it and Pagefind does not
    already match: written-out compounds, folded forms of words with æ/ø and,
    with `synonyms`, the everyday words for it. `skip`: words already given
    (they are left out, and added to it). The order is the text's, so the
    same text gives the same words."""
    seen = skip if skip is not None else set()
    out: list[str] = []

    def add(word: str) -> None:
        key = word.casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(key)

    for word in compounds(text):
        add(word)
        add(fold(word))
    for word in _foldable(text):
        add(word)
    if synonyms:
        pattern, by_start = _everyday_pattern()
        lower = text.casefold()
        for start in dict.fromkeys(m.group(0) for m in pattern.finditer(lower)):
            for common in by_start[start]:
                add(common)
                add(fold(common))
    return out


def texts_of(model: Any) -> Iterable[str]:
    """The text fields of a content model: strings and lists of strings at its
    top level (names, summaries, keywords, notes deeper down are left out: the
    folded words of a page's main text are what matter, and it stays cheap)."""
    for value in vars(model).values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def plain(text: str) -> str:
    """Text with accents kept but in one normal form (NFC), as pages show it."""
    return unicodedata.normalize("NFC", text)


def fields(name: str, keywords: Iterable[str], text: str, *, field: str) -> dict[str, str]:
    """The hidden metadata of one page: `field` (THING, ACTIVITY or OVERVIEW)
    holds the name, keywords and their extra words; TEXT the extra words of
    the rest of the text. Empty fields are left out."""
    keywords = [plain(k) for k in keywords]
    head = " ".join([plain(name), *keywords])
    seen = {w.casefold() for w in _words(head)}
    head_extra = extra_words(head, synonyms=field != OVERVIEW, skip=seen)
    out = {field: " ".join([head, *head_extra]).strip()}
    text_extra = extra_words(plain(text), skip=seen)
    if text_extra:
        out[TEXT] = " ".join(text_extra)
    return {k: v for k, v in out.items() if v}
