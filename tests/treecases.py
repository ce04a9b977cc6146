"""What the tree-case test modules share (``tests/test_rounds_*.py``): a case's shape, and a trap
made from its case by one edit. (The tests directory is no package: pytest's ``pythonpath`` puts
it on the import path.)"""

from __future__ import annotations

# A small tree's case: its files, the entrypoints expected as (path, kind, framework), and where
# the case turns on a rule, (rule, count of its findings), (rule, status of its gap) or (rule,
# {entrypoint path: status}).
Case = tuple[dict[str, str], list[tuple[str, str, str]], "tuple[str, object] | None"]


def edited(files: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    """``files`` with ``old`` in ``path`` (found exactly once) replaced by ``new``: a trap beside its case."""
    assert files[path].count(old) == 1
    return {**files, path: files[path].replace(old, new)}
