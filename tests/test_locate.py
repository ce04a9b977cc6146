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


def _interesting(module: cst.CSTNode) -> list[cst.CSTNode]:
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


Path = tuple[tuple[object, int], ...]

# Blocks indented their own way: two spaces, then six more, then three; tabs; a comment at the margin
# inside a block; a nested statement that is the file's last.
ODD_INDENTS = """\
import os


class Job:
  retries = 3

  def run(self):
        for item in items():
           if item:
# at the margin
               os.remove(item)
           print("done", item)


def tabbed():
\tif ready():
\t\tJob().run()
\t\tprint("ran")


if __name__ == "__main__":
    tabbed()
    print("bye")
"""


def _paths(module: cst.Module, nodes: list[cst.CSTNode], depth: int = 99) -> dict[int, Path]:
    """Each node's statements, outermost first, found the slow way (a visitor keeping a stack
    of blocks), cut to ``depth`` statements."""
    wanted = {id(node) for node in nodes}
    paths: dict[int, Path] = {}

    class Collect(cst.CSTVisitor):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

        def on_visit(self, node: cst.CSTNode) -> bool:
            if id(node) in wanted and id(node) not in paths:
                paths[id(node)] = self.path[:depth]
            if isinstance(node, cst.IndentedBlock):
                for index, stmt in enumerate(node.body):
                    stmt.visit(Collect((*self.path, (node, index))))
                return False
            return True

    for index, stmt in enumerate(module.body):
        stmt.visit(Collect(((module, index),)))
    return paths


@pytest.mark.parametrize("source", [SOURCE, ODD_INDENTS])
@pytest.mark.parametrize("depth", [1, 99])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("trailing", [True, False])
def test_placing_statements_by_their_text_gives_the_same_positions(
    source: str, depth: int, newline: str, trailing: bool
) -> None:
    """Top-level statements (depth 1) or the innermost ones (depth 99) placed by their text
    give the positions generating the whole module gives, for all the nodes together and each
    alone (the last one, in the file's last statement, on a line without a line break when the
    file has none)."""
    text = source.replace("\n", newline)
    if not trailing:
        text = text.rstrip("\r\n")
    module = cst.parse_module(text)
    nodes = _interesting(module)
    paths = _paths(module, nodes, depth)
    assert len(paths) == len(nodes)
    expected = locate(module, nodes)
    assert _by_statement(module, {id(node) for node in nodes}, text, paths) == expected
    assert locate(module, nodes, text, paths) == expected
    for node in nodes:
        assert _by_statement(module, {id(node)}, text, paths) == {id(node): expected[id(node)]}


def test_a_nested_statement_written_twice_is_placed_by_its_top_level_statement() -> None:
    text = "class A:\n    def f(self):\n        print(x)\n\n\nclass B:\n    def f(self):\n        print(x)\n"
    module = cst.parse_module(text)
    second = module.body[1]
    call = next(node for node in _interesting(second) if isinstance(node, cst.Call))
    paths = _paths(module, [call])
    assert len(paths[id(call)]) == 3
    assert _by_statement(module, {id(call)}, text, paths) == {id(call): (8, 9)}


def test_a_node_said_to_be_in_the_wrong_nested_statement_is_looked_for_in_its_top_level_one() -> None:
    text = "def f():\n    a = 1\n    b = g()\n"
    module = cst.parse_module(text)
    function = cst.ensure_type(module.body[0], cst.FunctionDef)
    block = cst.ensure_type(function.body, cst.IndentedBlock)
    call = cst.ensure_type(cst.ensure_type(block.body[1], cst.SimpleStatementLine).body[0], cst.Assign).value
    paths: dict[int, Path] = {id(call): ((module, 0), (block, 0))}
    assert _by_statement(module, {id(call)}, text, paths) == {id(call): (3, 9)}


def test_a_statement_written_twice_falls_back_to_generating_from_the_start() -> None:
    text = 'x = 1\n"""\nx = 1\n"""\nx = 1\nprint(x)\n'
    module = cst.parse_module(text)
    third = module.body[2]
    paths: dict[int, Path] = {id(third): ((module, 2),)}
    # (the first `x = 1` at a line's start comes before it, and another follows: no telling which)
    assert _by_statement(module, {id(third)}, text, paths) is None
    assert locate(module, [third], text, paths) == {id(third): (5, 1)}


def test_a_node_said_to_be_in_the_wrong_statement_falls_back() -> None:
    text = "a = 1\nb = f()\nc = g()\n"
    module = cst.parse_module(text)
    call = cst.ensure_type(cst.ensure_type(module.body[2], cst.SimpleStatementLine).body[0], cst.Assign).value
    paths: dict[int, Path] = {id(call): ((module, 1),)}
    assert _by_statement(module, {id(call)}, text, paths) is None
    assert locate(module, [call], text, paths) == {id(call): (3, 5)}


def test_text_other_than_the_module_falls_back() -> None:
    """(a file read with its indentation's tabs expanded: the text parsed is not the file's)"""
    module = cst.parse_module("if x:\n        y = f()\n")
    call = cst.ensure_type(
        cst.ensure_type(cst.ensure_type(module.body[0], cst.If).body.body[0], cst.SimpleStatementLine).body[0],
        cst.Assign,
    ).value
    paths = _paths(module, [call])
    assert _by_statement(module, {id(call)}, "if x:\n\ty = f()\n", paths) is None
    assert locate(module, [call], "if x:\n\ty = f()\n", paths) == {id(call): (2, 13)}


def test_a_copy_inside_a_string_with_the_real_one_behind_a_form_feed_falls_back() -> None:
    """libcst leaves a form feed out of a statement's text: the real statement is then not at a
    line's start, and the copy in the docstring must not be taken for it."""
    text = '"""Usage:\n\napp = Flask(__name__)\n"""\nfrom flask import Flask\n\n\x0capp = Flask(__name__)\n'
    module = cst.parse_module(text)
    app = module.body[2]
    paths: dict[int, Path] = {id(app): ((module, 2),)}
    assert _by_statement(module, {id(app)}, text, paths) is None
    assert locate(module, [app], text, paths) == locate(module, [app])


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


def test_only_the_innermost_statement_is_generated_and_only_as_far_as_the_wanted_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """(the point of placing by text: a node deep in a long class costs its own line, not the
    class; a wrong indentation would fail here, not silently fall back to the whole class)"""
    from readiness_lint import locate as locating

    text = ODD_INDENTS
    module = cst.parse_module(text)
    states: list[locating._LocatingState] = []

    class Spy(locating._LocatingState):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            states.append(self)

    monkeypatch.setattr(locating, "_LocatingState", Spy)
    remove = next(n for n in _interesting(module) if isinstance(n, cst.Call) and "remove" in module.code_for_node(n))
    assert _by_statement(module, {id(remove)}, text, _paths(module, [remove])) == {id(remove): (11, 16)}
    assert ["".join(state.tokens) for state in states] == ["# at the margin\n               os.remove(item)\n"]
    states.clear()
    retries = next(n for n in _interesting(module) if isinstance(n, cst.Name) and n.value == "retries")
    assert _by_statement(module, {id(retries)}, text, _paths(module, [retries], 1)) == {id(retries): (5, 3)}
    assert ["".join(state.tokens) for state in states] == ["\n\nclass Job:\n  retries = 3\n"]


def test_statements_of_an_else_and_its_if_are_told_apart() -> None:
    """The first statement of an `else:` and the second of its `if` body share their indexes, not
    their blocks; placed in any order, the body's statement is not taken for a copy of its line
    further down the file."""
    text = (
        "def load():\n"
        "    if ready():\n"
        "        cur.execute('A')\n"
        "        cur.execute('B')\n"
        "    else:\n"
        "        cur.execute('C')\n"
        "\n"
        "\n"
        "def other():\n"
        "    if x:\n"
        "        cur.execute('B')\n"
    )
    module = cst.parse_module(text)
    calls = [n for n in _interesting(module) if isinstance(n, cst.Call) and "execute" in module.code_for_node(n)]
    wanted: list[cst.CSTNode] = [calls[1], calls[2]]  # (`B` in the body, `C` in the `else:`)
    paths = _paths(module, wanted)
    assert _by_statement(module, {id(n) for n in wanted}, text, paths) == locate(module, wanted)
    assert locate(module, wanted, text, paths) == {id(calls[1]): (4, 9), id(calls[2]): (6, 9)}


def test_positions_inside_match_cases_are_found_in_the_whole_statement() -> None:
    """A `case` line adds an indentation no block records: the walk places nodes inside a
    `match` by its whole statement, and the same loop one level up (a fallback after the `match`)
    is not taken for the case's."""
    from readiness_lint.checks import ALL_RULES
    from readiness_lint.engine import analyze_source

    text = MATCH_SOURCE
    facts = analyze_source("rates_job.py", text.encode(), False, list(ALL_RULES))
    found = sorted(
        (f.line, f.column)
        for f in facts.findings  # type: ignore[union-attr]
        if f.rule == "http-call-without-timeout"
    )
    assert found == [(21, 25), (28, 21)]


MATCH_SOURCE = 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\nECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref.csv"\nFED_URL = "https://www.federalreserve.gov/datadownload/rates.csv"\n\n\ndef parse(line):\n    code, _, rate = line.partition(",")\n    return code.strip(), float(rate)\n\n\ndef fetch_rates(source):\n    rates = []\n    match source:\n        case "ecb":\n            for line in requests.get(ECB_URL).text.splitlines()[1:]:\n                rates.append(parse(line))\n        case "fed":\n            resp = requests.get(FED_URL, timeout=30)\n            rates.extend(parse(line) for line in resp.text.splitlines()[1:])\n    if not rates:\n        log.warning("no rates from %s, falling back to the ECB", source)\n        for line in requests.get(ECB_URL).text.splitlines()[1:]:\n            rates.append(parse(line))\n    return rates\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    rates = fetch_rates(sys.argv[1] if len(sys.argv) > 1 else "ecb")\n    if not rates:\n        sys.exit("no rates")\n    for code, rate in rates:\n        log.info("%s %s", code, rate)\n\n\nif __name__ == "__main__":\n    main()\n'
