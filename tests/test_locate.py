"""Our one-pass locator agrees with libcst's PositionProvider on the nodes we ask about."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from readiness_lint.locate import _by_statement, locate

SOURCE = '''\
"""Module docstring."""
import os  # comment
from pathlib import Path

\r
@app.get("/health")
async def health() -> dict:
    return {"ok": True}


class Worker(Base):
    def run(self):
        while True:
            msg = (
                consumer.poll(1.0)
            )
            print("got", msg, sep="\\t")
            x = f"{msg!r:>10} and {'nested'}"
            data = """multi
line""" + 'tail'
            os.makedirs(Path("a") / "b")


if __name__ == "__main__":
    Worker().run()
'''


def _interesting(module: cst.Module) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(
                node,
                (
                    cst.Call,
                    cst.SimpleString,
                    cst.FormattedString,
                    cst.FunctionDef,
                    cst.ClassDef,
                    cst.If,
                    cst.While,
                    cst.Assign,
                    cst.ImportFrom,
                    cst.Import,
                    cst.Name,
                    cst.ConcatenatedString,
                ),
            ):
                found.append(node)
            return True

    module.visit(Collect())
    return found


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_positions_match_position_provider(newline: str) -> None:
    module = cst.parse_module(SOURCE.replace("\n", newline))
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    expected = wrapper.resolve(PositionProvider)
    nodes = _interesting(module)
    assert len(nodes) > 40
    ours = locate(module, nodes)
    for node in nodes:
        start = expected[node].start
        assert ours[id(node)] == (start.line, start.column + 1), (type(node).__name__, module.code_for_node(node))


def test_nothing_asked_nothing_computed() -> None:
    assert locate(cst.parse_module("x = 1\n"), []) == {}


def test_asking_for_some_nodes_gives_the_same_positions() -> None:
    """Generation stops after the statement holding the last wanted node; positions of
    nodes asked for alone, or in any subset, must not depend on where it stops."""
    module = cst.parse_module(SOURCE)
    nodes = _interesting(module)
    everything = locate(module, nodes)
    for node in nodes:
        assert locate(module, [node]) == {id(node): everything[id(node)]}
    tail = nodes[len(nodes) // 2 :]
    assert locate(module, tail) == {id(n): everything[id(n)] for n in tail}


def test_a_node_outside_the_module_is_not_located() -> None:
    module = cst.parse_module("x = 1\ny = 2\n")
    stranger = cst.parse_module("z = 3\n").body[0]
    inside = module.body[1]
    assert locate(module, [stranger, inside]) == {id(inside): (2, 1)}


def _tops(module: cst.Module, nodes: list[cst.CSTNode]) -> dict[int, int]:
    """Each node's top-level statement, found the slow way (a visitor per statement)."""
    wanted = {id(node) for node in nodes}
    tops: dict[int, int] = {}

    class Collect(cst.CSTVisitor):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

        def on_visit(self, node: cst.CSTNode) -> bool:
            if id(node) in wanted:
                tops[id(node)] = self.index
            return True

    for index, stmt in enumerate(module.body):
        stmt.visit(Collect(index))
        if id(stmt) in wanted:
            tops[id(stmt)] = index
    return tops


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("trailing", [True, False])
def test_placing_statements_by_their_text_gives_the_same_positions(newline: str, trailing: bool) -> None:
    text = SOURCE.replace("\n", newline)
    if not trailing:
        text = text.rstrip("\r\n")
    module = cst.parse_module(text)
    nodes = _interesting(module)
    tops = _tops(module, nodes)
    assert len(tops) == len(nodes)
    expected = locate(module, nodes)
    assert _by_statement(module, {id(node) for node in nodes}, text, tops) == expected
    assert locate(module, nodes, text, tops) == expected
    last = nodes[-1]  # (the last statement, which has no line break when the file has none)
    assert _by_statement(module, {id(last)}, text, tops) == {id(last): expected[id(last)]}


def test_a_statement_written_twice_falls_back_to_generating_from_the_start() -> None:
    text = 'x = 1\n"""\nx = 1\n"""\nx = 1\nprint(x)\n'
    module = cst.parse_module(text)
    third = module.body[2]
    tops = {id(third): 2}
    # (the first `x = 1` at a line's start comes before it, and another follows: no telling which)
    assert _by_statement(module, {id(third)}, text, tops) is None
    assert locate(module, [third], text, tops) == {id(third): (5, 1)}


def test_a_node_said_to_be_in_the_wrong_statement_falls_back() -> None:
    text = "a = 1\nb = f()\nc = g()\n"
    module = cst.parse_module(text)
    call = cst.ensure_type(cst.ensure_type(module.body[2], cst.SimpleStatementLine).body[0], cst.Assign).value
    assert _by_statement(module, {id(call)}, text, {id(call): 1}) is None
    assert locate(module, [call], text, {id(call): 1}) == {id(call): (3, 5)}


def test_text_other_than_the_module_falls_back() -> None:
    """(a file read with its indentation's tabs expanded: the text parsed is not the file's)"""
    module = cst.parse_module("if x:\n        y = f()\n")
    call = cst.ensure_type(
        cst.ensure_type(cst.ensure_type(module.body[0], cst.If).body.body[0], cst.SimpleStatementLine).body[0],
        cst.Assign,
    ).value
    tops = {id(call): 0}
    assert _by_statement(module, {id(call)}, "if x:\n\ty = f()\n", tops) is None
    assert locate(module, [call], "if x:\n\ty = f()\n", tops) == {id(call): (2, 13)}


def test_a_copy_inside_a_string_with_the_real_one_behind_a_form_feed_falls_back() -> None:
    """libcst leaves a form feed out of a statement's text: the real statement is then not at a
    line's start, and the copy in the docstring must not be taken for it."""
    text = '"""Usage:\n\napp = Flask(__name__)\n"""\nfrom flask import Flask\n\n\x0capp = Flask(__name__)\n'
    module = cst.parse_module(text)
    app = module.body[2]
    tops = {id(app): 2}
    assert _by_statement(module, {id(app)}, text, tops) is None
    assert locate(module, [app], text, tops) == locate(module, [app])


def test_children_read_from_fields_match_libcst_children() -> None:
    """`names.children` gives libcst's `children`, node for node, over real code (the tool's own
    source and the shipped services): every node type met there, in every shape it takes."""
    from pathlib import Path

    from readiness_lint import names

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "readiness_lint").rglob("*.py")) + sorted((root / "fixtures").rglob("*.py"))
    checked = 0
    for path in files:
        stack: list[cst.CSTNode] = [cst.parse_module(path.read_bytes())]
        while stack:
            node = stack.pop()
            expected = list(node.children)
            got = names.children(node)
            assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected, strict=True)), (
                path,
                type(node).__name__,
            )
            checked += 1
            stack.extend(expected)
    assert checked > 100_000


def test_facts_are_the_same_whether_positions_come_from_the_file_text_or_not() -> None:
    """The walk tells `locate` which top-level statement holds each node: what it reports must not
    depend on whether that shortcut is taken (the shipped services, the tool's own source)."""
    from pathlib import Path

    from readiness_lint.checks import ALL_RULES
    from readiness_lint.checks.base import LineRule
    from readiness_lint.extract import extract

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "fixtures").rglob("*.py")) + sorted((root / "readiness_lint").rglob("*.py"))
    located = 0
    for path in files:
        data = path.read_bytes()
        rules = [rule() for rule in ALL_RULES if issubclass(rule, LineRule)]
        fast = extract(cst.parse_module(data), path.name, False, rules, None, data)
        rules = [rule() for rule in ALL_RULES if issubclass(rule, LineRule)]
        slow = extract(cst.parse_module(data), path.name, False, rules, None, None)
        assert fast == slow, path
        located += len(fast.findings)
    assert located > 50
