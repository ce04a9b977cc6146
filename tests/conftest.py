from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from treecases import Case

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "services"


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write ``{relative path: source}`` under a temporary directory and return it."""

    def make(files: dict[str, str]) -> Path:
        for rel, text in files.items():
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def check_case(make_tree: Callable[[dict[str, str]], Path]) -> Callable[[str, Case], None]:
    """Run the tool over a case's tree (under a directory named for the case) and compare."""
    from readiness_lint.engine import run

    def check(name: str, case: Case) -> None:
        files, expected, rule_check = case
        report = run([str(make_tree({f"{name}/{k}": v for k, v in files.items()}) / name)])
        assert not [e.message for e in report.errors if e.kind == "rule"]  # (no rule's hook failed)
        found = sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints)
        assert found == sorted(expected)
        if rule_check is None:
            return
        rule, want = rule_check
        if isinstance(want, int):
            assert len([f for f in report.findings if f.name == rule]) == want
            return
        if isinstance(want, dict):  # {entrypoint path: status}
            found_status: dict[str, str] = {}
            for r in report.entrypoints:  # (two entrypoints at one path: the one the rule applies to)
                for c in r.checks:
                    if c.name == rule and found_status.get(r.entrypoint.path, "na") == "na":
                        found_status[r.entrypoint.path] = c.status
            assert {path: found_status.get(path) for path in want} == want
            return
        statuses = {c.status for r in report.entrypoints for c in r.checks if c.name == rule}
        assert statuses == {want}

    return check
