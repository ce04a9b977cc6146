"""Stage 6: run the rules over each entrypoint's service and attribute the findings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from readiness_lint.checklist import Checklist
from readiness_lint.checks.base import LineRule, MetaRule, Outcome, Rule, ServiceRule
from readiness_lint.checks.hardcoded_secret import DEFAULT_PASSWORD
from readiness_lint.model import CheckResult, EntrypointResult, FileError, Finding, LineFinding, Status, clean_text
from readiness_lint.project import Project, Service, graph_key
from readiness_lint.score import score_checks
from readiness_lint.suppress import Suppressor


def evaluate(
    project: Project,
    services: Sequence[Service],
    rules: Sequence[type[Rule]],
    checklist: Checklist,
    suppressor: Suppressor | None = None,
    deployed: frozenset[str] = frozenset(),
) -> tuple[list[EntrypointResult], list[Finding], list[FileError]]:
    """The checks of every entrypoint and the findings to report. ``deployed``: the files a
    deployment file runs (for findings that count only there)."""
    suppressor = suppressor or Suppressor(by_file={})
    results: list[EntrypointResult] = []
    findings: list[Finding] = []
    errors: list[FileError] = []
    line_rules = {rule.name: rule for rule in rules if issubclass(rule, LineRule)}
    # Line findings that survive suppression, once per finding (not once per entrypoint).
    kept: dict[str, list[LineFinding]] = {}
    by_rule_and_path: set[tuple[str, str]] = set()
    # Line rules that crashed on a file: their verdict for entrypoints reaching it is unknown.
    crashed = {(rule_name, path) for path, facts in project.files.items() for rule_name, _ in facts.rule_errors}
    # Findings inside a module's own `__main__` block count only for that file's entrypoints.
    main_only: set[tuple[str, str]] = set()
    # Findings that count only where the function they are in is called: (rule, path, function).
    in_function: set[tuple[str, str, str]] = set()
    # Literals the code compares against: a fallback it rejects (== "changethis") is handled.
    compared = {key for facts in project.files.values() for key in facts.compared}
    for path, facts in sorted(project.files.items()):
        survivors = [
            f for f in facts.findings if _survives(f, project, path, line_rules, suppressor, compared, deployed)
        ]
        # (`os.getenv("BROKER_URL", "amqp://guest:guest@localhost/")`: a database's or broker's
        # out-of-the-box password as the fallback is the fallback's finding; reported again as a
        # hard-coded secret, it would say the same twice. A password of the project's own there
        # has leaked as well: both.)
        # (taken before suppressions: a suppressed fallback does not bring its literal back as a secret)
        read_fallbacks = [f for f in facts.findings if f.rule == "hardcoded-secret-fallback"]
        fallbacks = {(f.line, f.column) for f in read_fallbacks}
        # (a read over several lines is reported where it starts, the literal's line kept beside)
        literal_lines = {f.also_line for f in read_fallbacks if f.also_line}
        for line_finding in survivors:
            if (
                line_finding.rule == "hardcoded-secret"
                and line_finding.message.startswith(DEFAULT_PASSWORD)
                and ((line_finding.line, line_finding.column) in fallbacks or line_finding.line in literal_lines)
            ):
                continue
            kept.setdefault(path, []).append(line_finding)
            if line_finding.in_main:
                main_only.add((line_finding.rule, path))
            elif line_finding.scope and line_rules[line_finding.rule].counts_where_called:
                in_function.add((line_finding.rule, path, line_finding.scope))
            else:
                by_rule_and_path.add((line_finding.rule, path))
    # Which entrypoints a line finding belongs to: the code each one runs (its module and what it
    # imports), not what package `__init__` files load on the side, so an INSERT in a module of
    # the api is not blamed on a job that merely shares the package.
    reached_by: dict[str, list[Service]] = {}
    for service in services:
        for path in sorted(service.runs()):
            reached_by.setdefault(path, []).append(service)

    # Per path, the rules that found something there (or crashed there): each entrypoint then
    # unions over its reach once, instead of once per rule.
    failing_at: dict[str, set[str]] = {}
    for rule_name, path in by_rule_and_path:
        failing_at.setdefault(path, set()).add(rule_name)
    crashed_at: dict[str, set[str]] = {}
    for rule_name, path in crashed:
        crashed_at.setdefault(path, set()).add(rule_name)

    for service in services:
        entrypoint = service.entrypoint
        checks: list[CheckResult] = []
        runs = service.runs()
        failing = {rule_name for path in runs for rule_name in failing_at.get(path, ())}
        failing |= {rule_name for rule_name, path in main_only if path == entrypoint.path or path in service.runners}
        failing |= {rule_name for rule_name, path, scope in in_function if path in runs and service.runs_scope(scope)}
        unverified_rules = {rule_name for path in runs for rule_name in crashed_at.get(path, ())}
        for rule in rules:
            if issubclass(rule, MetaRule):
                continue
            spec = checklist.spec(rule.name)
            status: Status = "na"
            if entrypoint.kind in spec.kinds:
                if issubclass(rule, ServiceRule):
                    outcome = _run_service_rule(rule, service, errors)
                    status = "pass" if outcome is not None and outcome.passed else "fail"
                    if outcome is None or not outcome.applicable:
                        status = "na"  # not verified (the rule failed) or nothing to verify
                    if status == "fail" and suppressor.suppressed(
                        entrypoint.path, entrypoint.line, rule.code, rule.name
                    ):
                        status = "na"
                    elif outcome is not None and not outcome.passed:
                        findings.append(
                            Finding(
                                code=rule.code,
                                name=rule.name,
                                severity=spec.severity,
                                message=outcome.message,
                                path=entrypoint.path,
                                line=entrypoint.line,
                                column=1,
                                entrypoints=(entrypoint.id,),
                            )
                        )
                elif rule.name in failing:
                    status = "fail"
                else:
                    status = "na" if rule.name in unverified_rules else "pass"
            checks.append(CheckResult(rule.code, rule.name, status, spec.severity, spec.weight))
        results.append(EntrypointResult(entrypoint, score_checks(checks), tuple(checks)))

    owners_of: dict[tuple[str, bool, str, frozenset[str]], list[str]] = {}
    # The kinds of entrypoint the project has: a rule for none of them (debug mode, an api's) says
    # nothing of a file no entrypoint reaches (a worker's Django settings, `ROOT_URLCONF = None`).
    kinds_found = {service.entrypoint.kind for service in services}
    for path, facts in sorted(project.files.items()):
        for line_finding in kept.get(path, []):
            line_rule = line_rules[line_finding.rule]
            spec = checklist.spec(line_rule.name)
            reaching = reached_by.get(path, [])
            if line_finding.in_main:
                if (
                    reaching
                    and not any(s.entrypoint.path == path for s in reaching)
                    and path not in deployed
                    and line_rule.name not in _LEAKS
                ):
                    # (a module the service imports, whose `__main__` block tries it out: no
                    # process runs that block, unless a deployment file does; a credential in it
                    # has leaked all the same)
                    continue
                reaching = [s for s in reaching if s.entrypoint.path == path]
            scope = line_finding.scope if line_rule.counts_where_called else ""
            owner_key = (path, line_finding.in_main, scope, spec.kinds)
            owners = owners_of.get(owner_key)
            if owners is None:
                owners = owners_of[owner_key] = sorted(
                    s.entrypoint.id
                    for s in reaching
                    if s.entrypoint.kind in spec.kinds and (not scope or s.runs_scope(scope))
                )
            if reaching and not owners:
                continue  # only entrypoints this rule does not apply to, or that never call its function
            if not reaching and kinds_found and not kinds_found & spec.kinds:
                continue
            if not reaching and kinds_found and scope and graph_key(scope) not in project.ever_called:
                # (a function no file calls or hands on, in a module none of the project's entrypoints
                # runs; with no entrypoint at all, a lone file's functions are judged as they are)
                continue
            findings.append(
                Finding(
                    code=line_rule.code,
                    name=line_rule.name,
                    severity=spec.severity,
                    message=clean_text(line_finding.message),
                    path=path,
                    line=line_finding.line,
                    column=line_finding.column,
                    entrypoints=tuple(owners),
                    confidence=line_finding.confidence,
                )
            )
        for rule_name, message in facts.rule_errors:
            errors.append(
                FileError(
                    path=path,
                    message=f"internal error in rule {rule_name}: {message} (please report this)",
                    kind="rule",
                )
            )
    meta = next((rule for rule in rules if issubclass(rule, MetaRule)), None)
    if meta is not None:
        known = [(rule.code, rule.name) for rule in _all_rules()]
        selected = {rule.name for rule in rules}
        spec = checklist.spec(meta.name)
        for path, line, message in suppressor.unused(known, selected):
            findings.append(Finding(meta.code, meta.name, spec.severity, message, path, line, 1))
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code, f.message))
    return results, findings, errors


# Findings that stand wherever they are: a credential in the repository has leaked.
_LEAKS = frozenset({"hardcoded-secret", "hardcoded-secret-fallback"})


def _survives(
    line_finding: LineFinding,
    project: Project,
    path: str,
    line_rules: dict[str, type[LineRule]],
    suppressor: Suppressor,
    compared: set[str],
    deployed: frozenset[str],
) -> bool:
    """A line finding of a selected rule that stands: not a fallback the code rejects, not
    suppressed, and where it counts."""
    if line_finding.key and line_finding.key in compared:
        return False
    if line_finding.deployed_only and path not in deployed:
        return False  # (a `__main__` block's development server, run by no deployment)
    if line_finding.overridden_by and _overridden(project, path, line_finding.overridden_by):
        return False  # (`DEBUG = True` in base settings that `production.py` imports and switches off)
    if line_finding.unless_module:
        # (`from orders import logging`: the project's own `orders/logging.py`, not the standard library's)
        module = line_finding.unless_module.lstrip(".")
        level = len(line_finding.unless_module) - len(module)
        if project.resolve_module(path, module, level) is not None:
            return False
    found_rule = line_rules.get(line_finding.rule)
    if found_rule is not None and found_rule.counts_where_called and _called_after_check(project, line_finding):
        return False  # (`if not user_exists(uid): add_user(uid)` wherever `add_user` is called)
    return found_rule is not None and not any(
        suppressor.suppressed(path, at, found_rule.code, found_rule.name)
        for at in (line_finding.line, line_finding.also_line)
        if at
    )


def _overridden(project: Project, path: str, kind: str) -> bool:
    """Every module that star-imports ``path`` (``from .base import *``), other than one for
    development or tests, has a signal of ``kind``; and there is one."""
    extending = [
        importer
        for importer in project.importers.get(path, ())
        if any(
            imp.name == "*" and project.resolve_module(importer, imp.module, imp.level) == path
            for imp in project.files[importer].imports
        )
        and not _DEVELOPMENT_MODULE.search(importer)
    ]
    return bool(extending) and all(any(s.kind == kind for s in project.files[i].signals) for i in extending)


# A settings module for a developer's machine or the tests (`settings/dev.py`, `test_settings.py`)
_DEVELOPMENT_MODULE = re.compile(r"(?:^|[/_.])(?:dev|development|local|test|tests|testing|ci)(?:[_.][^/]*)?\.py$")


def _called_after_check(project: Project, line_finding: LineFinding) -> bool:
    """The function a finding is in is called, and every file that calls it does so only where a
    lookup found the key absent (:attr:`FileFacts.guarded_calls`)."""
    name = line_finding.scope.rpartition(".")[2]
    users = project.name_index.get(name, frozenset()) if name else frozenset()
    return bool(users) and all(name in project.files[user].guarded_calls for user in users)


def _all_rules() -> Sequence[type[Rule]]:
    from readiness_lint.checks import ALL_RULES

    return ALL_RULES


def _run_service_rule(rule: type[ServiceRule], service: Service, errors: list[FileError]) -> Outcome | None:
    try:
        return rule().evaluate(service.entrypoint, service)
    except Exception as exc:  # one rule's bug is reported, the others go on
        errors.append(
            FileError(
                path=service.entrypoint.path,
                message=f"internal error in rule {rule.name}: {type(exc).__name__} (please report this)",
                kind="rule",
            )
        )
        return None


def repository_checks(
    findings: Sequence[Finding], rules: Sequence[type[Rule]], checklist: Checklist
) -> list[CheckResult]:
    """Line rules over the whole repository: the score basis when there is no entrypoint."""
    failing = {f.name for f in findings}
    out = []
    for rule in rules:
        if not issubclass(rule, LineRule):
            continue
        spec = checklist.spec(rule.name)
        status: Status = "fail" if rule.name in failing else "pass"
        out.append(CheckResult(rule.code, rule.name, status, spec.severity, spec.weight))
    return out
