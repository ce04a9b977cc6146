"""``--format gitlab``: a GitLab Code Quality report (a JSON array of issues).

GitLab shows ``description`` and hides ``check_name``, so the description starts with the
rule's code and name. Issues with the same ``fingerprint`` collapse into one, so each gets
its own: a hash of the finding's stable fingerprint (see :mod:`readiness_lint.fingerprint`),
which also lets GitLab tell new issues from old ones in a merge request.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from readiness_lint.fingerprint import fingerprints
from readiness_lint.model import FileError, Finding, Report

SEVERITIES = {"error": "critical", "warning": "major", "info": "minor"}
FILE_ERROR = "file-error"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{finding.code} {finding.name}: {finding.message}",
        "check_name": finding.name,
        "fingerprint": _sha256(fingerprint),
        "severity": SEVERITIES.get(finding.severity, "major"),
        "location": {"path": finding.path, "lines": {"begin": max(finding.line, 1)}},
    }


def _error_issue(error: FileError, occurrence: int) -> dict[str, Any]:
    identity = "\0".join((FILE_ERROR, error.kind, error.path, error.message, str(occurrence)))
    return {
        "description": f"{FILE_ERROR}: file not analysed: {error.message}",
        "check_name": FILE_ERROR,
        "fingerprint": _sha256(identity),
        "severity": "blocker",
        "location": {"path": error.path, "lines": {"begin": max(error.line, 1)}},
    }


def to_issues(report: Report) -> list[dict[str, Any]]:
    issues = [
        _issue(finding, fingerprint)
        for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    seen: dict[tuple[str, str, str], int] = {}
    for error in report.errors:
        key = (error.kind, error.path, error.message)
        seen[key] = seen.get(key, 0) + 1
        issues.append(_error_issue(error, seen[key]))
    return issues


def render(report: Report) -> str:
    """The issues as a JSON array (UTF-8 text without a byte order mark)."""
    return json.dumps(to_issues(report), indent=2, ensure_ascii=False) + "\n"
