"""RDY100 unused-suppression."""

from __future__ import annotations

from readiness_lint.checks.base import MetaRule, Sample


class UnusedSuppression(MetaRule):
    code = "RDY100"
    name = "unused-suppression"
    why = "A suppression that suppresses nothing hides the next real gap on that line and misleads readers."
    fix = "Delete the comment, or name the rule it was meant for."
    what_it_does = (
        "Reports `# readiness: ignore[...]`, `# readiness: ignore-file[...]` and `# noqa: RDY...` comments "
        "that did not suppress any gap, and suppressions naming a rule that does not exist. Other tools' "
        "codes (`# noqa: E501`) are left alone. It is reported but does not count in the score."
    )
    why_bad = (
        "Suppressions outlive the code they were written for. A stale one silently swallows whatever "
        "gap appears on that line next, and a misspelt rule name suppresses nothing while looking as if "
        "it did."
    )
    VALID = (
        Sample("def export(rows):\n    print(len(rows))  # readiness: ignore[bare-print] CLI output\n"),
        Sample('import os\n\nos.mkdir("out")  # noqa: RDY003, E501\n'),
        Sample("x = 1  # noqa: E501\n", note="another tool's code"),
    )
    INVALID = (
        Sample("x = 1  # readiness: ignore[bare-print]\n"),
        Sample("x = 1  # noqa: RDY001\n"),
        Sample('print("x")  # readiness: ignore[bare-prnt]\n', note="misspelt rule name"),
    )
