"""``--format text``: the terminal report, rendered with rich.

Colour only when asked for (the CLI decides: a terminal and no ``NO_COLOR``). Lines are
not hard-wrapped, so paths stay clickable and greppable.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable

from rich.console import Console
from rich.markup import escape

from readiness_lint import __version__
from readiness_lint.checks import rule_by_key
from readiness_lint.model import EntrypointResult, Finding, Report
from readiness_lint.report import gap_counts

MAX_LOCATIONS = 5
Out = Callable[..., None]
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_KIND_STYLE = {"api": "bold magenta", "worker": "bold blue", "job": "bold green"}


def _score_style(score: int) -> str:
    if score >= 90:
        return "bold green"
    if score >= 60:
        return "bold yellow"
    return "bold red"


def render(report: Report, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    out = console.print
    out(f"[bold]readiness-lint {__version__}[/bold]")
    if not report.entrypoints:
        out("\nNo entrypoint found (no web app, worker or job); the score covers line checks only.")
    shown = [f for f in report.findings if not f.baselined]
    by_entrypoint: dict[str, list[Finding]] = defaultdict(list)
    for finding in shown:
        for entry_id in finding.entrypoints:
            by_entrypoint[entry_id].append(finding)
    for result in report.entrypoints:
        _entrypoint(out, result, by_entrypoint.get(result.entrypoint.id, []))
    loose = [f for f in shown if not f.entrypoints]
    if loose:
        out("")
        out("[bold]Gaps in files no entrypoint reaches[/bold]")
        _gaps(out, loose)
    if report.errors:
        out("")
        out("[bold red]Files not analysed[/bold red]")
        for error in report.errors:
            where = f"{error.path}:{error.line}" if error.line else error.path
            out(f"  {escape(where)}: {escape(error.message)}")
    out("")
    out(_summary(report))
    return buffer.getvalue()


def _entrypoint(out: Out, result: EntrypointResult, findings: list[Finding]) -> None:
    ep = result.entrypoint
    style = _KIND_STYLE[ep.kind]
    out("")
    out(
        f"[{style}]{ep.kind:<6}[/{style}] {escape(ep.path)}:{ep.line}  [dim]{escape(ep.framework)}[/dim]"
        f"  score [{_score_style(result.score)}]{result.score}/100[/{_score_style(result.score)}]"
    )
    failed = [c for c in result.checks if c.status == "fail"]
    passed = [c.name for c in result.checks if c.status == "pass"]
    if not failed:
        out(f"  [green]✓ all {len(passed)} checks pass[/green]")
        return
    _gaps(out, findings)
    if passed:
        out(f"  [dim]passes: {', '.join(passed)}[/dim]")


def _gaps(out: Out, findings: list[Finding]) -> None:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.code].append(finding)
    for code in sorted(by_rule, key=lambda c: (_rank(by_rule[c][0].severity), c)):
        group = by_rule[code]
        first = group[0]
        style = _SEVERITY_STYLE[first.severity]
        out(f"  [{style}]✗ {first.code} {first.name}[/{style}] [dim]({first.severity})[/dim]")
        for finding in group[:MAX_LOCATIONS]:
            out(f"      {escape(finding.path)}:{finding.line}:{finding.column}  {escape(finding.message)}")
        if len(group) > MAX_LOCATIONS:
            out(f"      [dim]… and {len(group) - MAX_LOCATIONS} more[/dim]")
        rule = rule_by_key(first.code)
        if rule is not None:
            out(f"      [dim]why:[/dim] {escape(rule.why)}")
            out(f"      [dim]fix:[/dim] {escape(rule.fix)}")


def _rank(severity: str) -> int:
    return {"error": 0, "warning": 1, "info": 2}.get(severity, 3)


def _summary(report: Report) -> str:
    counts = gap_counts(report)
    total = sum(counts.values())
    style = _score_style(report.score)
    headline = f"Score {report.score}/100" if report.score_basis != "none" else "Score n/a (no file could be analysed)"
    parts = [
        f"[{style}]{headline}[/{style}]",
        f"{report.files} file{'s' if report.files != 1 else ''}",
        f"{len(report.entrypoints)} entrypoint{'s' if len(report.entrypoints) != 1 else ''}",
        f"{total} gap{'s' if total != 1 else ''} ({counts['error']} error, {counts['warning']} warning, {counts['info']} info)",
    ]
    baselined = sum(1 for f in report.findings if f.baselined)
    if baselined:
        parts.append(f"{baselined} more in the baseline")
    if report.errors:
        parts.append(f"{len(report.errors)} file error{'s' if len(report.errors) != 1 else ''}")
    return " · ".join(parts)
