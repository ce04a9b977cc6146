"""Stable identities for findings, shared by SARIF, GitLab and the baseline.

A fingerprint hashes what a finding *is* (rule, file, message), not where it is: the line
and column are left out, so moving code or reformatting a file keeps it. Identical
findings in one file are told apart by their order, so a second, identical gap is new
(``<16 hex>:2``). Messages never contain a secret (they are redacted), so neither do
fingerprints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from readiness_lint.model import Finding


def base_hash(finding: Finding) -> str:
    text = "\0".join((finding.code, finding.path, " ".join(finding.message.split())))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """``"<16 hex>:<occurrence>"`` for each finding, in the order given (occurrences count from 1)."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = base_hash(finding)
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}:{seen[base]}")
    return out
