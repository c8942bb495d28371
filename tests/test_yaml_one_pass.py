"""`parse_yaml` reads a document in one pass over its nodes (`source._values`);
what it gives, data, lines and errors, must be what the slow path gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from overblik.content import source
from overblik.content.problems import ContentError

ROOT = Path(__file__).resolve().parents[1]

DOCUMENTS = [
    "navn: Café\nantal: 12\nbeloeb: 1.5\naktiv: true\ntom:\nliste: [a, 2, null]\n",
    "dato: 2024-05-01\nfra: 14:30\nkode: 0x1F\noktal: 017\nstor: 1_000\n",
    "2024: årstal som nøgle\nyes: ja\n~: tom nøgle\n",
    "a: 1\nb:\n  c: [1, 2]\n  d:\n    - e: f\n    - g\n",
    'tekst: "a\\u030a og o\\u0338"\n"nøgle\\u030a": x\n',  # decomposed å and ø from escapes
    "a: 1\na: 2\n",  # a key twice
    "x: &anker {a: 1}\ny: *anker\n",  # an alias
    "x: &s tekst\ny: *s\n",  # an alias of a scalar (allowed)
    "base: &b {a: 1}\nny:\n  <<: *b\n  c: 2\n",  # a merge key (and an alias)
    "ny:\n  <<: {a: 1}\n  c: 2\n",  # a merge key without alias
    "? [a, b]\n: x\n",  # a key that is a list
    "a: !!binary aGVq\nb: !!str 12\nc: !!int '7'\nd: !!float '2'\n",
    "a: !!timestamp 2024-01-01\n",
    "a: !!set {x, y}\n",
    "a: !!omap [b: 1, c: 2]\n",
    "a: !ukendt x\n",  # an unknown tag
    "a: =\n",  # YAML 1.1's value key
    "=: x\n",
    "a: .inf\nb: -.Inf\nc: .nan\nd: 1e3\ne: 1.0e3\n",
    "- a\n- b: c\n- [d]\n",
    "bare tekst\n",
    "a: 1\nb: [1, 2\n",  # a syntax error
    "a:\n  - 1\n  - {b: 2, b: 3}\n",  # a key twice, nested
    "a: 1\nb: 2\na: [x]\nc: !ukendt y\n",  # two problems: the first one counts
    "a: !ukendt y\nb: 2\nb: 3\n",  # a construction error before a key twice
]


def _outcome(text: str, one_pass: bool):
    try:
        data, lines, key_lines = source.parse_yaml(text, "indhold/x.yml", offset=1, one_pass=one_pass)
    except ContentError as err:
        return "fejl", [(p.line, p.field, p.message) for p in err.problems]
    return "data", repr(data), lines, key_lines


@pytest.mark.parametrize("text", DOCUMENTS)
def test_one_pass_gives_what_the_slow_path_gives(text):
    assert _outcome(text, True) == _outcome(text, False)


def test_every_shipped_content_file_reads_the_same_both_ways():
    files = sorted(p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yml"))
    assert len(files) > 20
    for path in files:
        text = source.decode(path.read_bytes(), path.name)
        if path.suffix == ".md":
            match = source._FRONT_MATTER.match(text)
            text = (match.group(1) or "") if match else text
        assert _outcome(text, True) == _outcome(text, False), path


def test_the_one_pass_can_fail_if_it_differs(monkeypatch):
    """The comparison above sees a difference: strings not normalised to NFC in the one pass."""
    monkeypatch.setattr(source, "_nfc", lambda text: text)
    text = DOCUMENTS[4]
    assert _outcome(text, True) != _outcome(text, False)
