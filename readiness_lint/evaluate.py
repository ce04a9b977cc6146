"""Stage 6: run the rules over each entrypoint's service and attribute the findings."""

from __future__ import annotations

from collections.abc import Sequence

from readiness_lint.checklist import Checklist
from readiness_lint.checks.base import Outcome, Rule, ServiceRule
from readiness_lint.model import CheckResult, EntrypointResult, FileError, Finding, Status
from readiness_lint.project import Project, Service
from readiness_lint.score import score_checks


def evaluate(
    project: Project, services: Sequence[Service], rules: Sequence[type[Rule]], checklist: Checklist
) -> tuple[list[EntrypointResult], list[Finding], list[FileError]]:
    results: list[EntrypointResult] = []
    findings: list[Finding] = []
    errors: list[FileError] = []
    by_rule_and_path: dict[tuple[str, str], int] = {}
    for path, facts in project.files.items():
        for finding in facts.findings:
            key = (finding.rule, path)
            by_rule_and_path[key] = by_rule_and_path.get(key, 0) + 1
    reached_by: dict[str, list[Service]] = {}
    for service in services:
        for path in service.entrypoint.reach:
            reached_by.setdefault(path, []).append(service)

    for service in services:
        entrypoint = service.entrypoint
        checks: list[CheckResult] = []
        for rule in rules:
            spec = checklist.spec(rule.name)
            status: Status = "na"
            if entrypoint.kind in spec.kinds:
                if issubclass(rule, ServiceRule):
                    outcome = _run_service_rule(rule, service, errors)
                    status = "pass" if outcome is None or outcome.passed else "fail"
                    if outcome is not None and not outcome.passed:
                        findings.append(
                            Finding(
                                code=rule.code,
                                name=rule.name,
                                severity=spec.severity,
                                message=outcome.message,
                                path=entrypoint.path,
                                line=entrypoint.line,
                                column=1,
                                entrypoints=(entrypoint.id,),
                            )
                        )
                else:
                    failed = any((rule.name, path) in by_rule_and_path for path in entrypoint.reach)
                    status = "fail" if failed else "pass"
            checks.append(CheckResult(rule.code, rule.name, status, spec.severity, spec.weight))
        results.append(EntrypointResult(entrypoint, score_checks(checks), tuple(checks)))

    line_rules = {rule.name: rule for rule in rules if not issubclass(rule, ServiceRule)}
    for path, facts in sorted(project.files.items()):
        for line_finding in facts.findings:
            line_rule = line_rules.get(line_finding.rule)
            if line_rule is None:
                continue
            spec = checklist.spec(line_rule.name)
            owners = sorted(s.entrypoint.id for s in reached_by.get(path, []) if s.entrypoint.kind in spec.kinds)
            findings.append(
                Finding(
                    code=line_rule.code,
                    name=line_rule.name,
                    severity=spec.severity,
                    message=line_finding.message,
                    path=path,
                    line=line_finding.line,
                    column=line_finding.column,
                    entrypoints=tuple(owners),
                    confidence=line_finding.confidence,
                )
            )
        for rule_name, message in facts.rule_errors:
            errors.append(
                FileError(
                    path=path,
                    message=f"internal error in rule {rule_name}: {message} (please report this)",
                    kind="rule",
                )
            )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code, f.message))
    return results, findings, errors


def _run_service_rule(rule: type[ServiceRule], service: Service, errors: list[FileError]) -> Outcome | None:
    try:
        return rule().evaluate(service.entrypoint, service)
    except Exception as exc:  # one rule's bug is reported, the others go on
        errors.append(
            FileError(
                path=service.entrypoint.path,
                message=f"internal error in rule {rule.name}: {type(exc).__name__}: {exc} (please report this)",
                kind="rule",
            )
        )
        return None


def repository_checks(project: Project, rules: Sequence[type[Rule]], checklist: Checklist) -> list[CheckResult]:
    """Line rules over the whole repository: the score basis when there is no entrypoint."""
    failing = {f.rule for facts in project.files.values() for f in facts.findings}
    out = []
    for rule in rules:
        if issubclass(rule, ServiceRule):
            continue
        spec = checklist.spec(rule.name)
        status: Status = "fail" if rule.name in failing else "pass"
        out.append(CheckResult(rule.code, rule.name, status, spec.severity, spec.weight))
    return out
