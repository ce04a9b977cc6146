"""Line and column of a few nodes, without libcst's metadata machinery.

libcst nodes carry no positions. ``PositionProvider`` computes them for every node of a
module (and ``MetadataWrapper`` deep-copies the tree first); most files need the position
of a handful of nodes, or none. This module runs the module's code generation once with a
state that counts lines and columns and records only the nodes asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState


class _LocatingState(CodegenState):
    """A codegen state that tracks the current position and records wanted nodes."""

    __slots__ = ("column", "found", "line", "wanted")

    def __init__(self, module: cst.Module, wanted: set[int]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.line = 1
        self.column = 0
        self.wanted = wanted
        self.found: dict[int, tuple[int, int]] = {}

    def _advance(self, value: str) -> None:
        newlines = value.count("\n") + value.count("\r") - value.count("\r\n")
        if newlines:
            self.line += newlines
            cut = max(value.rfind("\n"), value.rfind("\r"))
            self.column = len(value) - cut - 1
        else:
            self.column += len(value)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self._advance(value)

    def pop_trailing_newline(self) -> None:
        return None

    def before_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.wanted and key not in self.found:
            # Whitespace-inclusive start; replaced by the syntactic start when the node
            # reports one below.
            self.found[key] = (self.line, self.column)

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        key = id(node)
        if key in self.wanted:
            self.found[key] = (self.line, self.column)
        yield


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, tuple[int, int]]:
    """Map ``id(node)`` to its 1-based line and 1-based column, for the nodes given."""
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    state = _LocatingState(module, wanted)
    codegen: Any = module._codegen
    codegen(state)
    return {key: (line, column + 1) for key, (line, column) in state.found.items()}
