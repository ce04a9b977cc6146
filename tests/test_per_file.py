"""The per-file stage frees each syntax tree as soon as its facts are out.

The stage holds off the cyclic garbage collector while it parses and walks a file (see
`engine._analyze_here`); that is only sound if nothing it builds keeps a tree alive through a
reference cycle, which only that collector could free.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest

from readiness_lint.checks import ALL_RULES
from readiness_lint.engine import analyze_source
from readiness_lint.model import FileFacts

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "fixtures" / "services").rglob("*.py")) + sorted((REPO / "readiness_lint").glob("*.py"))


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """Cyclic garbage made meanwhile, kept for the test to look at instead of freed."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
        gc.collect()


def test_no_syntax_tree_is_left_in_a_cycle(saved_garbage: list[object]) -> None:
    analysed = 0
    for path in SOURCES:
        result = analyze_source(path.name, path.read_bytes(), False, list(ALL_RULES))
        analysed += isinstance(result, FileFacts)
    gc.collect()
    assert analysed > 50
    nodes = [o for o in saved_garbage if isinstance(o, cst.CSTNode)]
    assert nodes == []


def test_the_collector_is_back_on_after_a_file() -> None:
    assert gc.isenabled()
    analyze_source("x.py", b"import os\nos.remove('/data/x')\n", False, list(ALL_RULES))
    assert gc.isenabled()
    analyze_source("bad.py", b"def broken(:\n", False, list(ALL_RULES))
    assert gc.isenabled()
