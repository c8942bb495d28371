"""Reading content files: Markdown with YAML front matter, or plain YAML.

Besides the data, every file yields a map from a field's location to its line,
so that problems found later (by the schema or by cross-references) can name
the line an editor has to fix.

YAML is read with a few deliberate differences from YAML 1.1:

* dates and times stay text (the schema parses them and reports impossible
  dates in Danish instead of crashing), so ``fra: 14:30`` is not the number 870;
* a key given twice in one mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .problems import ContentError, Problem
from .yamlrepair import diagnose, repair

Loc = tuple[Any, ...]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain integers and floats as YAML 1.2 has them: no sexagesimal "14:30".
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$")


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with dates as text, no base-60 numbers and no duplicate keys."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    kept = [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in (
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        )
    ]
    if kept:
        _Loader.yaml_implicit_resolvers[first] = kept
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


@dataclass
class SourceFile:
    """One content file, read and parsed but not yet validated."""

    path: Path
    rel: str  # path relative to the repository root, forward slashes
    data: dict[str, Any]
    lines: dict[Loc, int]  # location of a value -> 1-based line
    body: str = ""
    body_line: int = 1  # the line the body starts on
    key_lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        return line_of(loc, self.lines, self.key_lines)


def line_of(loc: Loc, lines: dict[Loc, int], key_lines: dict[Loc, int] | None = None) -> int:
    """The line of a location, or of its nearest parent that has one (a key's own line first)."""
    loc = tuple(loc)
    while loc:
        if key_lines and loc in key_lines:
            return key_lines[loc]
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)


class _AliasUsed(Exception):
    def __init__(self, line: int):
        self.line = line


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first_line: int):
        self.key, self.line, self.first_line = key, line, first_line


def _walk(node: yaml.Node, loc: Loc, offset: int, lines: dict, key_lines: dict, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # A node met twice is a YAML alias (*navn). Editors never need them, and
        # nested aliases can expand exponentially ("billion laughs").
        if id(node) in seen:
            raise _AliasUsed(node.start_mark.line + 1 + offset)
        seen.add(id(node))
    lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, loc, offset, keys, key_lines)
            _walk(value_node, loc + (key,), offset, lines, key_lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, loc + (index,), offset, lines, key_lines, seen)


def _key(key_node: yaml.Node, loc: Loc, offset: int, keys: dict[str, int], key_lines: dict) -> str:
    """A mapping key as written: its line noted, and an error if the mapping has it already."""
    key = key_node.value
    line = key_node.start_mark.line + 1 + offset
    if key in keys:
        raise _DuplicateKey(key, line, keys[key])
    keys[key] = line
    key_lines[loc + (key,)] = line
    return key


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _normalise(value: Any) -> Any:
    """NFC-normalise all text, so decomposed æ, ø and å compare as they look."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _Unusual(Exception):
    """The document has something `_values` leaves to the slow path (see there)."""


def _values(node: yaml.Node, loc: Loc, offset: int, lines: dict, key_lines: dict, seen: set, loader: Any) -> Any:
    """`_walk`, `construct_document` and `_normalise` in one pass over the nodes: the
    same lines, errors and data, three times fewer visits (most of what loading costs).
    Plain mappings, sequences and scalars only; anything else (a merge key, a
    non-scalar key, a tag other than map or seq on a collection, any error while
    constructing) raises `_Unusual` and `parse_yaml` takes the slow path, which
    gives exactly the old result or error."""
    lines[loc] = node.start_mark.line + 1 + offset
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return _nfc(node.value)
        try:
            value = loader.construct_object(node)
        except Exception as exc:
            raise _Unusual from exc
        return _nfc(value) if isinstance(value, str) else value
    if id(node) in seen:
        raise _AliasUsed(node.start_mark.line + 1 + offset)
    seen.add(id(node))
    if kind is yaml.MappingNode and node.tag == _MAP:
        mapping: dict = {}
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag == _MERGE:
                raise _Unusual
            raw = _key(key_node, loc, offset, keys, key_lines)
            if key_node.tag == _STR:
                key = _nfc(raw)
            else:
                try:
                    key = loader.construct_object(key_node)
                    hash(key)
                except Exception as exc:
                    raise _Unusual from exc
                if isinstance(key, str):
                    key = _nfc(key)
            mapping[key] = _values(value_node, loc + (raw,), offset, lines, key_lines, seen, loader)
        return mapping
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [
            _values(item, loc + (index,), offset, lines, key_lines, seen, loader)
            for index, item in enumerate(node.value)
        ]
    raise _Unusual


def parse_yaml(text: str, rel: str, offset: int = 0, *, one_pass: bool = True) -> tuple[Any, dict, dict]:
    """Parse YAML text; raise ContentError with the line on any syntax problem.
    `one_pass=False`: always the slow path (tests compare the two)."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            lines: dict[Loc, int] = {}
            key_lines: dict[Loc, int] = {}
            if node is None:
                return None, lines, key_lines
            try:
                if one_pass:
                    return _values(node, (), offset, lines, key_lines, set(), loader), lines, key_lines
            except _Unusual:  # the slow path, from a clean slate
                lines, key_lines = {}, {}
                loader.constructed_objects, loader.recursive_objects = {}, {}
            _walk(node, (), offset, lines, key_lines)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _AliasUsed as alias:
        raise ContentError(
            [
                Problem(
                    rel,
                    alias.line,
                    "",
                    "YAML-henvisninger med & og * bruges ikke i Overblik. Skriv værdien ud "
                    'i stedet, og sæt anførselstegn om tekst, der begynder med & eller *, fx  note: "*vigtigt*"',
                )
            ]
        ) from None
    except _DuplicateKey as dup:
        raise ContentError(
            [
                Problem(
                    rel,
                    dup.line,
                    dup.key,
                    f"feltet står to gange (første gang i linje {dup.first_line}). "
                    "Slet det ene, så hvert felt kun står én gang.",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        found = diagnose(text, exc)
        raise ContentError([Problem(rel, found.line + 1 + offset, "", YAML_ERROR + found.message)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(rel, None, "", f"filen kan ikke læses som YAML ({exc}).")]) from None
    except (ValueError, TypeError) as exc:
        raise ContentError([Problem(rel, None, "", f"filen kan ikke læses som YAML ({exc}).")]) from None
    return _normalise(data), lines, key_lines


YAML_ERROR = "filen kan ikke læses som YAML: "


def decode(raw: bytes, rel: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), any line ends, NFC."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    rel,
                    line,
                    "",
                    "filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses. Gem filen igen med tegnsættet UTF-8.",
                )
            ]
        ) from None
    if "\x00" in text:
        raise ContentError([Problem(rel, None, "", "filen indeholder binære data, ikke tekst.")])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def read_source(path: Path, rel: str, *, text: str | None = None) -> SourceFile:
    """Read one content file. Raises ContentError for unreadable files."""
    if text is None:
        text = decode(path.read_bytes(), rel)
    if path.suffix == ".md":
        match = _FRONT_MATTER.match(text)
        if not match:
            raise ContentError(
                [
                    Problem(
                        rel,
                        1,
                        "",
                        "filen skal begynde med en linje med tre bindestreger (---), "
                        "så felterne, og endnu en linje med ---. Brødteksten kommer efter.",
                    )
                ]
            )
        data, lines, key_lines = parse_yaml(match.group(1) or "", rel, offset=1)
        body = text[match.end() :]
        body_line = text[: match.end()].count("\n") + 1
    else:
        data, lines, key_lines = parse_yaml(text, rel)
        body, body_line = "", 1
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(
            [
                Problem(
                    rel,
                    lines.get((), 1),
                    "",
                    f"forventede felter på formen  navn: værdi, fandt {describe(data)}.",
                )
            ]
        )
    return SourceFile(path, rel, data, lines, body, body_line, key_lines)


def recover(path: Path, rel: str) -> tuple[SourceFile | None, list[Problem], bool]:
    """A file whose YAML could not be read, read as far as possible: every syntax
    mistake (each repaired as its message suggests, or its line left out) and the
    fields that can still be read. Returns (the file or None, the mistakes,
    whether no line was left out)."""
    try:
        text = decode(path.read_bytes(), rel)
    except ContentError as err:
        return None, list(err.problems), False
    body, body_line, offset = "", 1, 0
    yaml_text = text
    if path.suffix == ".md":
        match = _FRONT_MATTER.match(text)
        if not match:
            return None, [], False
        yaml_text, offset = match.group(1) or "", 1
        body, body_line = text[match.end() :], text[: match.end()].count("\n") + 1
    repaired, found = repair(yaml_text)
    if not found:
        return None, [], False
    problems = [Problem(rel, d.line + 1 + offset, "", YAML_ERROR + d.message) for d in found]
    try:
        data, lines, key_lines = parse_yaml(repaired, rel, offset)
    except ContentError as err:
        return None, problems + [p for p in err.problems if p.line not in {q.line for q in problems}], False
    if not isinstance(data, dict):
        return None, problems, False
    complete = all(d.fixed is not None for d in found)
    return SourceFile(path, rel, data, lines, body, body_line, key_lines), problems, complete


def describe(value: Any) -> str:
    """A short Danish description of a value an editor wrote."""
    if value is None:
        return "intet (tomt felt)"
    if isinstance(value, bool):
        return "ja/nej-værdien " + ("true" if value else "false")
    if isinstance(value, (int, float)):
        return f"tallet {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'teksten "{shown}"'
    if isinstance(value, list):
        return f"en liste med {len(value)} punkter"
    if isinstance(value, dict):
        return "en gruppe af felter"
    return repr(value)
