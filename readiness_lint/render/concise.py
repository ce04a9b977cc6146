"""``--format concise``: one line a gap, ``path:line:col: severity: CODE message``.

The shape VS Code's ``$gcc`` problem matcher and most editors understand. Severities are
``error`` or ``warning``; ``info`` gaps are shown as ``warning`` with ``(info)`` in the text,
because the common matchers know only those two words.
"""

from __future__ import annotations

from readiness_lint.model import Report


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        severity = "error" if f.severity == "error" else "warning"
        note = " (info)" if f.severity == "info" else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {severity}: {f.code} {f.message} [{f.name}]{note}")
    for e in report.errors:
        lines.append(f"{e.path}:{max(e.line, 1)}:1: error: {e.message}")
    return "".join(line + "\n" for line in lines)
