"""Rule documentation, generated from the rules themselves (``explain`` and ``docs/rules.md``)."""

from __future__ import annotations

from collections.abc import Iterable

from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, Rule

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
SCOPES = {"line": "each line", "service": "the whole service", "meta": "suppression comments (not scored)"}


def applies_to(kinds: Iterable[str]) -> str:
    chosen = set(kinds)
    return ", ".join(k for k in ("api", "worker", "job") if k in chosen) or "none (reported, not scored)"


def rule_markdown(rule: type[Rule]) -> str:
    spec = load_checklist().spec(rule.name)
    kinds = applies_to(spec.kinds)
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        f"Severity: {spec.severity} · applies to: {kinds} · scope: {SCOPES[rule.scope]}",
        "",
        "## What it does",
        rule.what_it_does,
        "",
        "## Why is this bad?",
        rule.why_bad,
        "",
        "## Example",
        "```python",
        rule.INVALID[0].code.rstrip("\n"),
        "```",
        "",
        "## Use instead",
        "```python",
        rule.VALID[0].code.rstrip("\n"),
        "```",
        "",
    ]
    if rule.references:
        lines += ["## References", *[f"- {ref}" for ref in rule.references], ""]
    return "\n".join(lines)


def rules_reference() -> str:
    """The whole rule reference, as checked in at ``docs/rules.md``."""
    checklist = load_checklist()
    lines = [
        "# Rule reference",
        "",
        "Generated from the rules' own documentation by `python -m readiness_lint.docs`; do not edit by hand.",
        "",
        "Rules scoped to each line report what they find in every file scanned (tests only with "
        "`--include-tests`; a module named like a test outside a test directory is service code where the service "
        "imports it, not a test runner, or a deployment file runs it) and count it against the entrypoints that reach it. One exception: the "
        '`if __name__ == "__main__":` block of a module the service imports, which no deployment '
        "file the tool reads runs, tries the module out; nothing found there is reported, except credentials, which "
        "have leaked wherever they are.",
        "",
        "| Code | Name | Severity | Applies to | Why it matters |",
        "|---|---|---|---|---|",
    ]
    for rule in ALL_RULES:
        spec = checklist.spec(rule.name)
        kinds = applies_to(spec.kinds)
        lines.append(
            f"| {rule.code} | [{rule.name}](#{rule.name}-{rule.code.lower()}) | {spec.severity} | {kinds} | {rule.why} |"
        )
    lines.append("")
    for rule in ALL_RULES:
        lines.append(rule_markdown(rule).replace("# ", "## ", 1).replace("\n## ", "\n### "))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_reference())
