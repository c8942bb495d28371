"""The pins in pyproject.toml and the constraints in requirements.lock agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def test_every_pin_is_in_the_lock_file_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            locked[_name(name)] = version
    wrong = []
    for pin in pins:
        name, _, version = pin.partition("==")
        name = _name(name.split("[")[0])
        assert version, f"{pin}: pin an exact version in pyproject.toml"
        if locked.get(name) != version:
            wrong.append(f"{pin} (requirements.lock: {locked.get(name)})")
    assert wrong == [], "update requirements.lock (see its header): " + ", ".join(wrong)
