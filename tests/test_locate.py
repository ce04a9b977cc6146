"""Our one-pass locator agrees with libcst's PositionProvider on the nodes we ask about."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from readiness_lint.locate import locate

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
