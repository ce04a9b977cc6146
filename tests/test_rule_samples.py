"""Every rule's VALID and INVALID samples, run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, MetaRule, Rule, Sample, ServiceRule
from readiness_lint.discover import is_test_path
from readiness_lint.engine import Options, analyze_source, run
from readiness_lint.model import FileError, Report

CASES = [
    pytest.param(rule, sample, valid, id=f"{rule.name}-{'valid' if valid else 'invalid'}-{i}")
    for rule in ALL_RULES
    for valid, samples in ((True, rule.VALID), (False, rule.INVALID))
    for i, sample in enumerate(samples)
]


def _line_findings(rule: type[Rule], sample: Sample) -> list[str]:
    facts = analyze_source(sample.path, sample.code.encode(), is_test_path(sample.path), [rule])
    assert not isinstance(facts, FileError), facts
    return [f.message for f in facts.findings if f.rule == rule.name]


def _service_report(rule: type[Rule], sample: Sample, tmp_path: Path, everything: bool = False) -> Report:
    target = tmp_path / sample.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(sample.code, encoding="utf-8")
    return run([str(tmp_path)], Options(select=None if everything else frozenset({rule.name})))


@pytest.mark.parametrize(("rule", "sample", "valid"), CASES)
def test_sample(rule: type[Rule], sample: Sample, valid: bool, tmp_path: Path) -> None:
    if issubclass(rule, MetaRule):
        report = _service_report(rule, sample, tmp_path, everything=True)
        found = [f.message for f in report.findings if f.name == rule.name]
        assert (found == []) if valid else bool(found), f"{rule.name}: {found}\n{sample.code}"
        return
    if not issubclass(rule, ServiceRule):
        # Both the file alone and the whole pipeline (which may drop findings the project handles).
        found = _line_findings(rule, sample)
        if found:
            report = _service_report(rule, sample, tmp_path)
            found = [f.message for f in report.findings if f.name == rule.name]
        if valid:
            assert found == [], f"{rule.name} fired on a VALID sample: {found}\n{sample.code}"
        else:
            assert found, f"{rule.name} missed an INVALID sample:\n{sample.code}"
        return
    report = _service_report(rule, sample, tmp_path)
    assert not report.errors
    kinds = load_checklist().spec(rule.name).kinds
    statuses = [
        check.status
        for result in report.entrypoints
        if result.entrypoint.kind in kinds
        for check in result.checks
        if check.name == rule.name
    ]
    assert statuses, f"no entrypoint of kind {sorted(kinds)} found in the sample:\n{sample.code}"
    if valid:
        assert set(statuses) == {"pass"}, f"{rule.name} failed a VALID sample:\n{sample.code}"
    else:
        assert "fail" in statuses, f"{rule.name} passed an INVALID sample:\n{sample.code}"
