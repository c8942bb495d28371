"""The package's rooms and the one direction imports run between them.

    content ← site ← overviews / opendata / editor ← build ← frontends

`overblik.danish` is a leaf every room may use. Only `overblik.frontends.mkdocs`
imports MkDocs or Material, so another front end needs no change elsewhere.
Imports inside functions count too: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "overblik"

# Each room and the rooms it may import from (besides itself).
ALLOWED = {
    "danish": set(),
    "content": {"danish"},
    "site": {"content", "danish"},
    "overviews": {"site", "content", "danish"},
    "opendata": {"site", "content", "danish"},
    "editor": {"site", "content", "danish"},
    "build": {"overviews", "opendata", "editor", "site", "content", "danish"},
    "frontends": {"build", "overviews", "opendata", "editor", "site", "content", "danish"},
    "": set(),  # overblik/__init__.py
}
FRONT_END_ONLY = ("mkdocs", "material")

# Imports that still break the direction, each to be removed; keep this empty.
KNOWN: set[tuple[str, str]] = set()


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, anywhere in the file, as absolute names."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)  # "from pkg import module"
    return found


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


MODULES = modules()


def test_every_module_lives_in_a_room():
    loose = [m for m in MODULES if room(m) not in ALLOWED]
    assert loose == [], f"modules outside the rooms of tests/test_rooms.py: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    here = room(module)
    wrong = []
    for imported in sorted(imports(module, MODULES[module])):
        if imported not in MODULES or imported == "overblik" or (module, imported) in KNOWN:
            continue  # "from overblik import danish" names the package on its way to a module
        there = room(imported)
        if there != here and there not in ALLOWED[here]:
            wrong.append(imported)
    assert wrong == [], f"{module} (room {here!r}) may not import {wrong}: see the rooms in tests/test_rooms.py"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_mkdocs_front_end_imports_mkdocs(module):
    if module.startswith("overblik.frontends.mkdocs"):
        return
    used = sorted(i for i in imports(module, MODULES[module]) if i.split(".")[0] in FRONT_END_ONLY)
    assert used == [], f"{module} imports {used}; only overblik.frontends.mkdocs may"


def test_known_exceptions_are_still_real():
    """An exception that no longer happens is taken off the list."""
    for module, imported in KNOWN:
        assert imported in imports(module, MODULES[module]), f"remove {(module, imported)} from KNOWN"


def test_hooks_call_only_the_front_end():
    hooks = ROOT / "hooks" / "overblik_hooks.py"
    ours = {i for i in imports("hooks.overblik_hooks", hooks) if i.startswith("overblik")}
    assert ours and all(i.startswith("overblik.frontends.mkdocs") for i in ours), ours
