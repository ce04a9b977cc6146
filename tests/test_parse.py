"""The parse stage skips libcst's per-node checks, and only for the parse itself."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from readiness_lint.model import FileError
from readiness_lint.parse import parse

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


def _invalid_node() -> None:
    # A name may not be empty: libcst's own check refuses it when the node is built.
    cst.Name("")


def test_checks_are_back_after_a_parse() -> None:
    assert not isinstance(parse(b"x = 1\n", "ok.py"), FileError)
    with pytest.raises(cst.CSTValidationError):
        _invalid_node()


def test_checks_are_back_after_a_failed_parse() -> None:
    assert isinstance(parse(b"def broken(:\n", "broken.py"), FileError)
    with pytest.raises(cst.CSTValidationError):
        _invalid_node()
    assert isinstance(parse(b"\xff\xfe not utf-8 \x80\n", "binary.py"), FileError)
    with pytest.raises(cst.CSTValidationError):
        _invalid_node()
