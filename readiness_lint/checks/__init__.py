"""The rule registry: every rule, by code and by name."""

from __future__ import annotations

from readiness_lint.checks.bare_print import BarePrint
from readiness_lint.checks.base import LineRule, MetaRule, Outcome, Rule, Sample, ServiceRule
from readiness_lint.checks.debug_mode import DebugModeEnabled
from readiness_lint.checks.exit_code import MissingExitCode
from readiness_lint.checks.hardcoded_path import HardcodedPath
from readiness_lint.checks.hardcoded_secret import HardcodedSecret
from readiness_lint.checks.health import MissingHealthRoute, MissingReadinessRoute
from readiness_lint.checks.http_timeout import HttpCallWithoutTimeout
from readiness_lint.checks.insert import NonIdempotentInsert
from readiness_lint.checks.lifecycle import MissingDryRun, MissingGracefulShutdown
from readiness_lint.checks.log_context import LogWithoutContext
from readiness_lint.checks.mkdir import NonIdempotentMkdir
from readiness_lint.checks.observability import MissingHeartbeat, MissingLogging, MissingMetrics
from readiness_lint.checks.secret_fallback import HardcodedSecretFallback
from readiness_lint.checks.swallowed import SwallowedException
from readiness_lint.checks.unused_suppression import UnusedSuppression

ALL_RULES: tuple[type[Rule], ...] = (
    BarePrint,
    HardcodedSecret,
    NonIdempotentMkdir,
    MissingHealthRoute,
    MissingReadinessRoute,
    MissingExitCode,
    MissingHeartbeat,
    HardcodedPath,
    HttpCallWithoutTimeout,
    MissingLogging,
    MissingMetrics,
    DebugModeEnabled,
    MissingGracefulShutdown,
    MissingDryRun,
    HardcodedSecretFallback,
    SwallowedException,
    NonIdempotentInsert,
    LogWithoutContext,
    UnusedSuppression,
)


def rule_by_key(key: str) -> type[Rule] | None:
    """Look a rule up by code (``RDY001``) or name (``bare-print``), case-insensitively."""
    wanted = key.strip().lower()
    for rule in ALL_RULES:
        if rule.code.lower() == wanted or rule.name == wanted:
            return rule
    return None


__all__ = ["ALL_RULES", "LineRule", "MetaRule", "Outcome", "Rule", "Sample", "ServiceRule", "rule_by_key"]
