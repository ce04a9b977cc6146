"""Baselines: record today's gaps, then fail only on new ones.

A baseline stores each finding's fingerprint (rule, path and redacted message, counted by
occurrence; see :mod:`readiness_lint.fingerprint`), never a line number and never a
secret. Moving or reformatting code keeps a finding matched; a second identical gap in the
same file is new.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from readiness_lint import __version__
from readiness_lint.errors import ConfigError, UsageError
from readiness_lint.fingerprint import fingerprints
from readiness_lint.model import Report

BASELINE_VERSION = 1


def baseline_document(report: Report) -> dict[str, Any]:
    prints = fingerprints(report.findings)
    return {
        "schema_version": BASELINE_VERSION,
        "tool": {"name": "readiness-lint", "version": __version__},
        "findings": [
            {"fingerprint": fp, "code": f.code, "name": f.name, "path": f.path, "message": f.message}
            for fp, f in sorted(zip(prints, report.findings, strict=True), key=lambda p: (p[1].path, p[0]))
        ],
    }


def write_baseline(report: Report, path: Path) -> None:
    try:
        path.write_text(json.dumps(baseline_document(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from exc


def load_baseline(path: Path) -> frozenset[str]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: baseline file does not exist (create it with --write-baseline)") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable baseline: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: not a readable baseline: nested too deeply") from exc
    if not isinstance(data, dict) or data.get("schema_version") != BASELINE_VERSION:
        raise ConfigError(f"{path}: not a readiness-lint baseline (schema_version {BASELINE_VERSION} expected)")
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise ConfigError(f"{path}: findings must be a list of objects with a fingerprint")
    return frozenset(e["fingerprint"] for e in entries)


def apply_baseline(report: Report, known: frozenset[str]) -> None:
    """Mark the findings the baseline knows; the others are new."""
    prints = fingerprints(report.findings)
    report.findings = [
        dataclasses.replace(f, baselined=True) if fp in known else f
        for fp, f in zip(prints, report.findings, strict=True)
    ]
