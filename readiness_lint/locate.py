"""Line and column of a few nodes, without libcst's metadata machinery.

libcst nodes carry no positions. ``PositionProvider`` computes them for every node of a
module (and ``MetadataWrapper`` deep-copies the tree first); most files need the position
of a handful of nodes, or none. This module runs code generation with a state that records
only the nodes asked for, over the top-level statements that hold them: code generation is
lossless, so a top-level statement's text is found in the file's own text, which gives its
first line without generating the statements before it. Where that cannot be told for
certain, the module's code is generated from the start, as far as the last node asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState

_NO_CONTEXT: AbstractContextManager[None] = nullcontext()


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
            newlines = _newlines(text, 0, len(text))
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

    # (libcst's own is a generator-based context manager, made and entered for most nodes
    # generated: a third of code generation's time. Nothing is done on leaving, so one shared
    # empty context serves every node.)
    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> AbstractContextManager[None]:
        key = id(node)
        if key in self.wanted:
            self.found[key] = self._here()
        return _NO_CONTEXT


def locate(
    module: cst.Module,
    nodes: Iterable[cst.CSTNode],
    source: str | None = None,
    tops: Mapping[int, int] | None = None,
) -> dict[int, tuple[int, int]]:
    """Map ``id(node)`` to its 1-based line and 1-based column, for the nodes given (the
    module itself is never one: it starts at line 1, column 1).

    ``source`` is the text the module was parsed from and ``tops`` maps ``id(node)`` to the
    index of the top-level statement said to hold it. With both, and every node in ``tops``,
    only those statements are generated; a node not found where it was said to be, or a
    statement's text found in the source more than once, falls back to generating the module
    from the start, statement by statement, stopping after the statement in which the last
    wanted node was found (a node's position is final once its statement has been generated).
    """
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    if source is not None and tops is not None and wanted <= tops.keys():
        found = _by_statement(module, wanted, source, tops)
        if found is not None:
            return found
    state = _LocatingState(module, wanted)
    parts: list[Any] = [*module.header, *module.body, *module.footer]
    for part in parts:
        part._codegen(state)
        if len(state.found) == len(wanted):
            break
    return {key: (line, column + 1) for key, (line, column) in state.found.items()}


def _by_statement(
    module: cst.Module, wanted: set[int], source: str, tops: Mapping[int, int]
) -> dict[int, tuple[int, int]] | None:
    """Positions from the top-level statements that hold the nodes, each generated alone and
    placed by finding its text in ``source``; None when a node is not in its statement, or a
    statement's text is not found exactly once after the previous one, at a line's start."""
    if "\f" in source:
        return None  # (libcst leaves form feeds out of the code it generates: the text would not match)
    by_top: dict[int, set[int]] = {}
    for key in wanted:
        by_top.setdefault(tops[key], set()).add(key)
    body = module.body
    found: dict[int, tuple[int, int]] = {}
    offset, line = 0, 1
    for index in sorted(by_top):
        if not 0 <= index < len(body):
            return None
        keys = by_top[index]
        state = _LocatingState(module, keys)
        body[index]._codegen(state)
        if len(state.found) != len(keys):
            return None
        if index == len(body) - 1 and not module.footer and not module.has_trailing_newline and state.tokens:
            state.tokens.pop()  # (a file's last line without a line break: as the module's code ends)
        text = "".join(state.tokens)
        # (the first occurrence after the previous statement, at a line's start, and no other
        # after it anywhere: a copy inside a string would otherwise be taken for it)
        at = source.find(text, offset)
        if at < 0 or (at > 0 and source[at - 1] not in "\n\r") or source.find(text, at + 1) >= 0:
            return None
        line += _newlines(source, offset, at)
        # (a top-level statement starts a line: its columns are the file's)
        for key, (relative, column) in state.found.items():
            found[key] = (line + relative - 1, column + 1)
        line += _newlines(text, 0, len(text))
        offset = at + len(text)
    return found


def _newlines(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``: ``\\n``, ``\\r\\n`` and a lone ``\\r``, as libcst counts them."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
