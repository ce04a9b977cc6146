"""Line and column of a few nodes, without libcst's metadata machinery.

libcst nodes carry no positions. ``PositionProvider`` computes them for every node of a
module (and ``MetadataWrapper`` deep-copies the tree first); most files need the position
of a handful of nodes, or none. This module runs the module's code generation with a state
that records only the nodes asked for, and stops after the top-level statement that holds
the last of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState


class _LocatingState(CodegenState):
    """A codegen state that records where the wanted nodes start.

    Tokens are collected as plain code generation collects them; lines and columns are
    counted only when a wanted node begins, over the tokens added since the last one.
    """

    __slots__ = ("column", "counted", "found", "line", "wanted")

    def __init__(self, module: cst.Module, wanted: set[int]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.line = 1
        self.column = 0
        self.counted = 0
        self.wanted = wanted
        self.found: dict[int, tuple[int, int]] = {}

    def _here(self) -> tuple[int, int]:
        tokens = self.tokens
        if self.counted < len(tokens):
            text = "".join(tokens[self.counted :])
            self.counted = len(tokens)
            newlines = text.count("\n") + text.count("\r") - text.count("\r\n")
            if newlines:
                self.line += newlines
                self.column = len(text) - max(text.rfind("\n"), text.rfind("\r")) - 1
            else:
                self.column += len(text)
        return (self.line, self.column)

    def pop_trailing_newline(self) -> None:
        return None

    def before_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.wanted and key not in self.found:
            # Whitespace-inclusive start; replaced by the syntactic start when the node
            # reports one below.
            self.found[key] = self._here()

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
            self.found[key] = self._here()
        yield


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, tuple[int, int]]:
    """Map ``id(node)`` to its 1-based line and 1-based column, for the nodes given (the
    module itself is never one: it starts at line 1, column 1).

    Code generation goes statement by statement at the top level and stops after the
    statement in which the last wanted node was found: a node's position is final once
    its statement has been generated.
    """
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    state = _LocatingState(module, wanted)
    parts: list[Any] = [*module.header, *module.body, *module.footer]
    for part in parts:
        part._codegen(state)
        if len(state.found) == len(wanted):
            break
    return {key: (line, column + 1) for key, (line, column) in state.found.items()}
