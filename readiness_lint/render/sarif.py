"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run, with every rule described (GitHub shows the descriptions and help next to each
alert), results pointing at paths relative to ``%SRCROOT%`` and GitHub's
``primaryLocationLineHash`` taken from :func:`readiness_lint.fingerprint.fingerprints`, so an
alert keeps its identity when code moves. The score is not a SARIF concept: it goes in
``run.properties``. Files that could not be analysed are tool execution notifications.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from readiness_lint import __version__
from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, Rule
from readiness_lint.docs import rule_markdown
from readiness_lint.fingerprint import fingerprints
from readiness_lint.model import FileError, Finding, Report
from readiness_lint.report import entrypoint_identity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "readiness-lint"
INFORMATION_URI = "https://pypi.org/project/readiness-lint/"
SRCROOT = "%SRCROOT%"
MAX_DESCRIPTION = 1024  # GitHub rejects longer short and full descriptions
MAX_TAGS = 20  # GitHub keeps at most 20 tags a rule

LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# Rules whose gaps are security problems, with GitHub's security-severity (CVSS-like, 0-10).
# 7.5 is "high": an exposed credential is exploitable by anyone who can read the code.
SECURITY_SEVERITY = {"hardcoded-secret": "7.5"}


_CWE = re.compile(r"cwe\.mitre\.org/data/definitions/(\d+)\.html")


def render(report: Report) -> str:
    """The report as one SARIF 2.1.0 log with a single run."""
    return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"


def to_sarif(report: Report) -> dict[str, Any]:
    rules = list(ALL_RULES)
    descriptors = [_descriptor(rule) for rule in rules]
    index = {rule.code: i for i, rule in enumerate(rules)}
    for finding in report.findings:
        if finding.code not in index:  # a rule outside the registry still needs a descriptor
            index[finding.code] = len(descriptors)
            descriptors.append(_unknown_descriptor(finding))
    results = [
        _result(finding, index[finding.code], fingerprint)
        for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [_invocation(report)],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(report.root)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"readiness": _readiness(report)},
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def root_uri(root: str) -> str:
    """``file://`` URI of the scanned root, ending with ``/`` as SARIF requires of a base."""
    path = PurePath(root)
    if not path.is_absolute():
        path = Path(root).absolute()
    uri = path.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a report path (``/`` separators, reserved characters escaped)."""
    return quote(path.replace("\\", "/"), safe="/")


def _text(value: str) -> str:
    value = " ".join(value.split())
    if len(value) <= MAX_DESCRIPTION:
        return value
    return value[: MAX_DESCRIPTION - 1].rstrip() + "…"


def _severity(rule: type[Rule]) -> tuple[str, list[str]]:
    spec = load_checklist().checks.get(rule.name)
    if spec is None:
        return "warning", []
    return spec.severity, [k for k in ("api", "worker", "job") if k in spec.kinds]


def _help_text(rule: type[Rule]) -> str:
    parts = [rule.what_it_does, rule.why_bad, f"Fix: {rule.fix}"]
    parts += [f"See: {ref}" for ref in rule.references]
    return "\n\n".join(parts)


def _help_markdown(rule: type[Rule]) -> str:
    try:
        return rule_markdown(rule)
    except KeyError:  # a rule missing from the checklist: its own text is still worth showing
        return _help_text(rule)


def _cwe_tags(rule: type[Rule]) -> list[str]:
    """GitHub's tag convention for CWE references (``external/cwe/cwe-798``)."""
    tags = []
    for ref in rule.references:
        match = _CWE.search(ref)
        if match:
            tags.append(f"external/cwe/cwe-{match.group(1)}")
    return tags


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    severity, kinds = _severity(rule)
    tags = ["readiness", *kinds, rule.scope]
    if rule.name in SECURITY_SEVERITY:
        tags += ["security", *_cwe_tags(rule)]
    properties: dict[str, Any] = {
        "tags": list(dict.fromkeys(tags))[:MAX_TAGS],
        # A service rule reports the absence of evidence; the evidence may live where no
        # parser looks (a probe in the deployment, a metrics sidecar), so it can be wrong.
        "precision": "medium" if rule.scope == "service" else "high",
    }
    if rule.name in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[rule.name]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _text(rule.why)},
        "fullDescription": {"text": _text(rule.what_it_does)},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": properties,
    }


def _unknown_descriptor(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": _text(finding.name)},
        "fullDescription": {"text": _text(finding.name)},
        "help": {"text": finding.name, "markdown": finding.name},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
        "properties": {"tags": ["readiness"], "precision": "medium"},
    }


def _location(path: str, line: int, column: int | None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path), "uriBaseId": SRCROOT}}
    if line >= 1:
        region = {"startLine": line}
        if column is not None:
            region["startColumn"] = max(column, 1)
        location["region"] = region
    return {"physicalLocation": location}


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding.path, max(finding.line, 1), finding.column)],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
        "properties": {"confidence": finding.confidence, "entrypoints": list(finding.entrypoints)},
    }


def _notification(error: FileError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "locations": [_location(error.path, error.line, None)],
        "descriptor": {"id": f"file-error/{error.kind}"},
    }


def _invocation(report: Report) -> dict[str, Any]:
    notifications = [_notification(e) for e in report.errors]
    notifications += [{"level": "note", "message": {"text": notice}} for notice in report.notices]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _readiness(report: Report) -> dict[str, Any]:
    return {
        "score": report.score,
        "score_basis": report.score_basis,
        "files": report.files,
        "entrypoints": [
            {**entrypoint_identity(result.entrypoint), "score": result.score} for result in report.entrypoints
        ],
    }
