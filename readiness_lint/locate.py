"""Line and column of a few nodes, without libcst's metadata machinery.

libcst nodes carry no positions. ``PositionProvider`` computes them for every node of a
module (and ``MetadataWrapper`` deep-copies the tree first); most files need the position
of a handful of nodes, or none. This module runs code generation with a state that records
only the nodes asked for, over the innermost statements that hold them: code generation is
lossless, so a statement's text (with the indentation of the blocks around it) is found in the
file's own text, which gives its first line without generating the statements before it.
Where that cannot be told for certain, the top-level statement holding the nodes is generated
instead, and failing that the module's code from the start, as far as the last node asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState

_NO_CONTEXT: AbstractContextManager[None] = nullcontext()


class _Enough(Exception):
    """Raised to stop code generation once the wanted nodes' line has been generated."""


class _LocatingState(CodegenState):
    """A codegen state that records where the wanted nodes start.

    Tokens are collected as plain code generation collects them; lines and columns are
    counted only when a wanted node begins, over the tokens added since the last one. With
    ``early``, generation stops (:class:`_Enough`) at the end of the line on which the last
    wanted node starts: the tokens are then the start of the code, enough to place it.
    """

    __slots__ = ("add_token", "column", "counted", "early", "found", "line", "unplaced", "wanted")

    def __init__(self, module: cst.Module, wanted: set[int], early: bool = False) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.line = 1
        self.column = 0
        self.counted = 0
        self.wanted = wanted
        self.found: dict[int, tuple[int, int]] = {}
        self.early = early
        self.unplaced = set(wanted)  # (no syntactic start recorded yet)
        # (a slot: the list's own append until the wanted line is being finished)
        self.add_token = self.tokens.append  # type: ignore[method-assign,assignment]

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
            unplaced = self.unplaced
            unplaced.discard(key)
            if not unplaced and self.early:
                # (each node records its syntactic start once: the positions are final)
                self.add_token = self._to_line_end  # type: ignore[method-assign]
        return _NO_CONTEXT

    def _to_line_end(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            raise _Enough


# Where a node was met: the statements holding it, outermost first, each as the block it is
# a statement of (the module, then indented blocks) and its index there.
Path = Sequence[tuple[Any, int]]


def locate(
    module: cst.Module,
    nodes: Iterable[cst.CSTNode],
    source: str | None = None,
    paths: Mapping[int, Path] | None = None,
) -> dict[int, tuple[int, int]]:
    """Map ``id(node)`` to its 1-based line and 1-based column, for the nodes given (the
    module itself is never one: it starts at line 1, column 1).

    ``source`` is the text the module was parsed from and ``paths`` maps ``id(node)`` to the
    statements said to hold it (:data:`Path`). With both, and every node in ``paths``, only
    the innermost statements holding them are generated (see :func:`_by_statement`); where
    that cannot be told for certain, the module is generated from the start, statement by
    statement, stopping after the statement in which the last wanted node was found (a node's
    position is final once its statement has been generated).
    """
    wanted = {id(node) for node in nodes}
    if not wanted:
        return {}
    if source is not None and paths is not None and wanted <= paths.keys():
        found = _by_statement(module, wanted, source, paths)
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
    module: cst.Module, wanted: set[int], source: str, paths: Mapping[int, Path]
) -> dict[int, tuple[int, int]] | None:
    """Positions from the statements that hold the nodes, each generated alone (with the
    indentation of the blocks around it) and placed by finding its text in ``source``.

    The innermost statements are tried first; when one of a top-level statement's nodes is
    not in the statement said to hold it, or a statement's text is not found exactly once
    after the previous top-level statement at a line's start, that top-level statement is
    generated whole instead. None when that fails too.
    """
    if "\f" in source:
        return None  # (libcst leaves form feeds out of the code it generates: the text would not match)
    body = module.body
    by_top: dict[int, dict[tuple[tuple[int, int], ...], tuple[Path, set[int]]]] = {}
    for key in wanted:
        path = paths[key]
        if not path or path[0][0] is not module or not 0 <= path[0][1] < len(body):
            return None
        group = by_top.setdefault(path[0][1], {})
        # (a statement is known by its blocks and its places there: the first statement of an
        # `if`'s body and of its `else:` share their indexes, not their blocks)
        group.setdefault(tuple((id(block), index) for block, index in path), (path, set()))[1].add(key)
    last = len(body) - 1
    found: dict[int, tuple[int, int]] = {}
    place = (0, 1)  # (offset in the source after the last top-level statement placed, its line)
    for top in sorted(by_top):
        group = by_top[top]
        # (a file's last line without a line break ends the module's code, not a statement's)
        ragged = top == last and not module.footer and not module.has_trailing_newline
        inner = any(len(steps) > 1 for steps in group)
        placed = _place(module, _outermost(group), source, place, found, ragged) if inner else None
        if placed is None:
            keys = set().union(*(keys for _, keys in group.values()))
            placed = _place(module, [(paths[next(iter(keys))][:1], keys)], source, place, found, ragged)
            if placed is None:
                return None
        place = placed
    return found


def _outermost(group: Mapping[tuple[tuple[int, int], ...], tuple[Path, set[int]]]) -> list[tuple[Path, set[int]]]:
    """The statements to generate: a statement inside another that is generated anyway is not
    generated again (its nodes are looked for in the outer one)."""
    kept: dict[tuple[tuple[int, int], ...], tuple[Path, set[int]]] = {}
    for steps in sorted(group, key=len):
        path, keys = group[steps]
        outer = next((steps[:depth] for depth in range(1, len(steps)) if steps[:depth] in kept), None)
        if outer is not None:
            kept[outer][1].update(keys)
        else:
            kept[steps] = (path, set(keys))
    return list(kept.values())


def _place(
    module: cst.Module,
    statements: Sequence[tuple[Path, set[int]]],
    source: str,
    place: tuple[int, int],
    found: dict[int, tuple[int, int]],
    ragged: bool = False,
) -> tuple[int, int] | None:
    """Generate each statement alone and find its text in ``source`` after ``place`` (the end of
    the previous top-level statement placed): each must be found exactly once there, whatever the
    order the statements are taken in. Adds the nodes' positions to ``found`` and returns the
    place after the last of them, or None (``found`` untouched) when one cannot be placed for certain."""
    start, first_line = place
    end, end_line = place
    positions: dict[int, tuple[int, int]] = {}
    for path, keys in statements:
        block, index = path[-1]
        # (a statement adds the indentation of the blocks around it; each block's own, or the module's)
        indent = [module.default_indent if b.indent is None else b.indent for b, _ in path[1:]]
        for early in (True, False):
            # (the start of the statement's code, as far as the wanted nodes' line; failing
            # that, all of it)
            state = _LocatingState(module, keys, early)
            state.indent_tokens = list(indent)
            stopped = False
            try:
                block.body[index]._codegen(state)
            except _Enough:
                stopped = True
            if len(state.found) != len(keys):
                return None
            tokens = state.tokens
            if ragged and tokens and tokens[-1] in ("\n", "\r\n", "\r"):
                tokens.pop()  # (a file's last line without a line break: as the module's code ends)
            text = "".join(tokens)
            # (the only occurrence after the previous top-level statement, at a line's start: a copy
            # inside a string, or the same line elsewhere, would otherwise be taken for it)
            at = source.find(text, start)
            if text and at >= 0 and (at == 0 or source[at - 1] in "\n\r") and source.find(text, at + 1) < 0:
                break
            if not stopped:
                return None  # (all of it was generated: no more to try)
        line = first_line + _newlines(source, start, at)
        # (a statement starts a line, after its indentation: its columns are the file's)
        for key, (relative, column) in state.found.items():
            positions[key] = (line + relative - 1, column + 1)
        if at + len(text) > end:
            end, end_line = at + len(text), line + _newlines(text, 0, len(text))
    found.update(positions)
    return (end, end_line)


def _newlines(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``: ``\\n``, ``\\r\\n`` and a lone ``\\r``, as libcst counts them."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
