"""``--format json``."""

from __future__ import annotations

import json

from readiness_lint.model import Report
from readiness_lint.report import to_document


def render(report: Report) -> str:
    return json.dumps(to_document(report), indent=2, ensure_ascii=False) + "\n"
