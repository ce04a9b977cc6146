"""The report as a JSON-ready document: the contract other tools rely on (schema_version 1)."""

from __future__ import annotations

from typing import Any

from readiness_lint import __version__
from readiness_lint.model import CheckResult, Entrypoint, Report

SCHEMA_VERSION = 1


def _check(check: CheckResult) -> dict[str, Any]:
    return {
        "code": check.code,
        "name": check.name,
        "status": check.status,
        "severity": check.severity,
        "weight": check.weight,
    }


def gap_counts(report: Report) -> dict[str, int]:
    """Gaps by severity; findings recorded in a baseline are not counted."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        if not finding.baselined:
            counts[finding.severity] += 1
    return counts


def to_document(report: Report) -> dict[str, Any]:
    """Plain dict, deterministic order, paths relative to the scanned root with ``/``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "readiness-lint", "version": __version__},
        "score": report.score,
        "score_basis": report.score_basis,
        "summary": {
            "files": report.files,
            "entrypoints": len(report.entrypoints),
            "gaps": gap_counts(report),
            "errors": len(report.errors),
            "baselined": sum(1 for f in report.findings if f.baselined),
        },
        "entrypoints": [
            {
                **entrypoint_identity(result.entrypoint),
                "module": result.entrypoint.module,
                "score": result.score,
                "checks": [_check(c) for c in result.checks],
                "reach": list(result.entrypoint.reach),
            }
            for result in report.entrypoints
        ],
        "repository_checks": [_check(c) for c in report.repository_checks],
        "findings": [
            {
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "confidence": f.confidence,
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "entrypoints": list(f.entrypoints),
                "baselined": f.baselined,
            }
            for f in report.findings
        ],
        "errors": [{"path": e.path, "line": e.line, "kind": e.kind, "message": e.message} for e in report.errors],
    }


def entrypoint_identity(entrypoint: Entrypoint) -> dict[str, Any]:
    """Who an entrypoint is, as every machine format names it."""
    return {
        "id": entrypoint.id,
        "path": entrypoint.path,
        "line": entrypoint.line,
        "kind": entrypoint.kind,
        "framework": entrypoint.framework,
    }
