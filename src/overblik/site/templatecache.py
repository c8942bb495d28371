"""Compiled Jinja templates kept in memory for the life of the process.

Each producer makes its own Renderer, and `mkdocs serve` makes a new theme
environment for every rebuild; without this, each of them compiles the same
templates again. Keyed by the template's name and a checksum of its source,
so an edited template is compiled afresh. Use one instance per set of
environment settings (compiled code depends on them).
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key + bucket.checksum] = bucket.bytecode_to_string()
