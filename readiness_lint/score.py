"""Stage 7: scores. The formula is in the README and reproducible from the JSON report."""

from __future__ import annotations

from collections.abc import Sequence

from readiness_lint.model import CheckResult


def score_checks(checks: Sequence[CheckResult]) -> int:
    """100 × (weight of passed checks) / (weight of applicable checks), rounded half up.

    Checks that do not apply (``na``) are left out; with none applicable the score is 100.
    """
    applicable = [c for c in checks if c.status != "na"]
    total = sum(c.weight for c in applicable)
    if total == 0:
        return 100
    passed = sum(c.weight for c in applicable if c.status == "pass")
    return (200 * passed + total) // (2 * total)


def overall_score(entrypoint_scores: Sequence[int], repository: Sequence[CheckResult]) -> int:
    """The mean of the entrypoints' scores, rounded half up; the repository checks if there are none."""
    if entrypoint_scores:
        return (2 * sum(entrypoint_scores) + len(entrypoint_scores)) // (2 * len(entrypoint_scores))
    return score_checks(repository)
