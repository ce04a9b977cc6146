"""The parse stage: libcst's tree, with libcst's own checks on every node.

libcst's parser leaves some of Python's rules to the checks each node runs when it is built
(a bytes literal beside a str one, a bare ``except:`` that is not the last handler). A parse
that skipped them (tried in session 17 for speed) analysed such files as if they were valid;
they must come out as files that do not parse. Only the checks that repeat the tokenizer's or
the parser's own work (empty ones, the parentheses' balance, whitespace, newlines, comments)
are skipped while a file is parsed, and they are back once it is.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from readiness_lint.model import FileError
from readiness_lint.parse import _trusted_node_classes, parse

REPO = Path(__file__).resolve().parent.parent
# The project's own code and every fixture service: many shapes of real Python.
SOURCES = sorted(
    [*(REPO / "readiness_lint").rglob("*.py"), *(REPO / "fixtures").rglob("*.py"), *(REPO / "tests").glob("*.py")]
)


def test_the_sources_are_many() -> None:
    assert len(SOURCES) > 100


@pytest.mark.parametrize("path", SOURCES[::3], ids=lambda p: str(p.relative_to(REPO)))
def test_same_tree_as_libcst(path: Path) -> None:
    data = path.read_bytes()
    ours = parse(data, str(path))
    if isinstance(ours, FileError):  # (a fixture that is broken on purpose)
        with pytest.raises(Exception):  # noqa: B017
            cst.parse_module(data)
        return
    theirs = cst.parse_module(data)
    assert ours.deep_equals(theirs)
    assert ours.code == theirs.code == data.decode(theirs.encoding)


@pytest.mark.parametrize(
    "source",
    [
        b'HEADER = "backup:" b"v1"\n',  # cannot mix bytes and str literals
        b"x = b'a' f'b'\n",
        b"try:\n    work()\nexcept:\n    pass\nexcept KeyError:\n    pass\n",  # default 'except:' must be last
        "a\u200d = 1\n".encode(),  # a name libcst's tokenizer takes and Python 3.11 does not
    ],
)
def test_what_only_libcst_checks_refuse_does_not_parse(source: bytes) -> None:
    found = parse(source, "broken.py")
    assert isinstance(found, FileError)
    assert "cannot parse" in found.message


def test_only_checks_that_repeat_the_parser_are_skipped() -> None:
    trusted = set(_trusted_node_classes())
    assert {cst.SimpleWhitespace, cst.Newline, cst.Comment, cst.Attribute, cst.Comma} <= trusted
    # each of these checks a rule of Python's, or may one day
    kept = {cst.Name, cst.ConcatenatedString, cst.SimpleString, cst.Try, cst.Parameters, cst.Param, cst.Call}
    assert not kept & trusted
    assert not {cst.Arg, cst.Integer, cst.FunctionDef, cst.ImportFrom, cst.Comparison} & trusted


@pytest.mark.parametrize("source", [b"x = 1\n", b"x = (\n", b'x = "a" b"b"\n'])
def test_the_node_checks_are_back_after_a_parse(source: bytes) -> None:
    parse(source, "any.py")
    assert not any("__post_init__" in kind.__dict__ for kind in _trusted_node_classes())
    with pytest.raises(cst.CSTValidationError):
        cst.SimpleWhitespace("not whitespace")
    with pytest.raises(cst.CSTValidationError):
        cst.Attribute(value=cst.Name("a"), attr=cst.Name("b"), lpar=[cst.LeftParen()])
