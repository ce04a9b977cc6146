"""``--format github``: GitHub Actions workflow commands, and a Markdown job summary.

Each gap is one ``::error``/``::warning``/``::notice`` command, which GitHub turns into an
annotation on the file and line. GitHub shows only the first few annotations of a step, so
the CLI should print the plain report as well; :func:`summary_markdown` is the whole picture
for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import re
from collections import Counter

from readiness_lint import __version__
from readiness_lint.checks import rule_by_key
from readiness_lint.model import FileError, Finding, Report
from readiness_lint.report import gap_counts

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_SUMMARY_BYTES = 1024 * 1024  # GitHub's limit for the summary of one step
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

# Percent first, so the escapes added for the other characters are not escaped again.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))
_UNESCAPE = re.compile("%(25|0D|0A|3A|2C)", re.IGNORECASE)
_UNESCAPED = {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}


def escape_data(value: str) -> str:
    """Escape the message of a workflow command (the text after ``::``)."""
    for raw, escaped in _DATA_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def escape_property(value: str) -> str:
    """Escape a property value of a workflow command (``file=``, ``title=`` ...)."""
    for raw, escaped in _PROPERTY_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def unescape_data(value: str) -> str:
    """Inverse of :func:`escape_data`."""
    return _unescape(value, data=True)


def unescape_property(value: str) -> str:
    """Inverse of :func:`escape_property`."""
    return _unescape(value, data=False)


def _unescape(value: str, data: bool) -> str:
    # One pass, left to right, so "%253A" becomes "%3A" and not ":".
    def replace(match: re.Match[str]) -> str:
        code = match.group(1).upper()
        if data and code in ("3A", "2C"):
            return match.group(0)
        return _UNESCAPED[code]

    return _UNESCAPE.sub(replace, value)


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    """One workflow command line, ``::name key=value,...::message``, escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def _finding_command(finding: Finding) -> str:
    properties: dict[str, str | int] = {
        "file": finding.path,
        "line": max(finding.line, 1),
        "col": max(finding.column, 1),
        "title": f"{finding.code} {finding.name}",
    }
    return command(COMMANDS.get(finding.severity, "warning"), properties, finding.message)


def _error_command(error: FileError) -> str:
    properties: dict[str, str | int] = {"file": error.path}
    if error.line >= 1:
        properties["line"] = error.line
    properties["title"] = "readiness-lint file error"
    return command("error", properties, error.message)


def render(report: Report) -> str:
    """One annotation command a gap, then one a file that could not be analysed."""
    lines = [_finding_command(f) for f in report.findings]
    lines += [_error_command(e) for e in report.errors]
    return "".join(line + "\n" for line in lines)


# --- job summary --------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Table-cell text: one line, and ``|`` escaped (GFM honours ``\\|`` even in code spans)."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span around ``text`` that survives backticks inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{_cell(text)}{pad}{fence}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _head(report: Report) -> list[str]:
    counts = gap_counts(report)
    total = sum(counts.values())
    status = "✅" if total == 0 and not report.errors else "❌"
    line = (
        f"{_plural(report.files, 'file')} · {_plural(len(report.entrypoints), 'entrypoint')} · "
        f"{_plural(total, 'gap')} ({counts['error']} error, {counts['warning']} warning, {counts['info']} info)"
    )
    if report.errors:
        line += f" · {_plural(len(report.errors), 'file error')}"
    return [f"## {status} readiness-lint: score {report.score}/100", "", line, ""]


def _entrypoints(report: Report) -> list[str]:
    if not report.entrypoints:
        return ["No entrypoint found (no web app, worker or job): the score covers line checks only.", ""]
    lines = ["### Entrypoints", "", "| Kind | Entrypoint | Framework | Score |", "|---|---|---|---:|"]
    for result in report.entrypoints:
        ep = result.entrypoint
        lines.append(f"| {ep.kind} | {_code(f'{ep.path}:{ep.line}')} | {_cell(ep.framework)} | {result.score}/100 |")
    return [*lines, ""]


def _rules(report: Report) -> list[str]:
    if not report.findings:
        return []
    per_rule = Counter(f.code for f in report.findings)
    first: dict[str, Finding] = {}
    for finding in report.findings:
        first.setdefault(finding.code, finding)
    lines = ["### Gaps by rule", "", "| Rule | Severity | Gaps | Why it matters |", "|---|---|---:|---|"]
    for code in sorted(per_rule, key=lambda c: (_SEVERITY_RANK.get(first[c].severity, 3), c)):
        finding = first[code]
        rule = rule_by_key(code)
        why = rule.why if rule is not None else ""
        lines.append(f"| {code} `{finding.name}` | {finding.severity} | {per_rule[code]} | {_cell(why)} |")
    return [*lines, ""]


def _gap_row(finding: Finding) -> str:
    where = _code(f"{finding.path}:{finding.line}:{finding.column}")
    return f"| {where} | {finding.code} | {finding.severity} | {_cell(finding.message)} |"


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    lines = ["### Files not analysed", "", "| File | Reason |", "|---|---|"]
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line >= 1 else error.path
        lines.append(f"| {_code(where)} | {_cell(error.message)} |")
    return [*lines, ""]


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8", "surrogatepass")) + 1 for line in lines)


def summary_markdown(report: Report, limit: int = MAX_SUMMARY_BYTES) -> str:
    """GitHub-flavoured Markdown for ``$GITHUB_STEP_SUMMARY``, under ``limit`` bytes.

    Everything but the list of gaps is small; the list is cut short, with a note, when the
    whole would not fit.
    """
    before = _head(report) + _entrypoints(report) + _rules(report)
    after = [*_errors(report), f"<sub>readiness-lint {__version__}</sub>", ""]
    gaps: list[str] = []
    if report.findings:
        header = ["### Gaps", "", "| Location | Rule | Severity | Message |", "|---|---|---|---|"]
        # Room for the note that says how many rows were left out.
        budget = limit - _size(before) - _size(after) - _size(header) - 200
        rows: list[str] = []
        used = 0
        for finding in report.findings:
            row = _gap_row(finding)
            cost = _size([row])
            if used + cost > budget:
                break
            rows.append(row)
            used += cost
        gaps = [*header, *rows, ""]
        left = len(report.findings) - len(rows)
        if left:
            gaps += [f"… and {_plural(left, 'more gap')} not shown: see the full report (`--format json`).", ""]
    text = "\n".join([*before, *gaps, *after])
    if len(text.encode("utf-8", "surrogatepass")) >= limit:
        # Only an absurd number of entrypoints or file errors gets here: keep the head.
        text = "\n".join([*_head(report), "The summary is too large to show: see the full report.", ""])
    return text
