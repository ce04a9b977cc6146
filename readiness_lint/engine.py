"""The pipeline, stage by stage: discover → parse → extract → project → classify → rules → score.

The engine takes paths and returns a :class:`~readiness_lint.model.Report`; it prints
nothing and never exits. The CLI renders the report and picks the exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, LineRule, Rule
from readiness_lint.classify import classify
from readiness_lint.discover import SourceFile, discover, scan_root
from readiness_lint.evaluate import evaluate, repository_checks
from readiness_lint.extract import extract
from readiness_lint.model import FileError, FileFacts, Report
from readiness_lint.parse import parse, read_bytes
from readiness_lint.project import Project
from readiness_lint.score import overall_score


@dataclass(frozen=True)
class Options:
    include_tests: bool = False
    select: frozenset[str] | None = None
    ignore: frozenset[str] = field(default_factory=frozenset)


def selected_rules(options: Options) -> list[type[Rule]]:
    rules = [r for r in ALL_RULES if options.select is None or r.name in options.select]
    return [r for r in rules if r.name not in options.ignore]


def analyze_source(rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]]) -> FileFacts | FileError:
    """Per-file stage: bytes in, plain facts out. Nothing of the syntax tree survives it."""
    module = parse(data, rel)
    if isinstance(module, FileError):
        return module
    line_rules = [rule() for rule in rules if issubclass(rule, LineRule)]
    try:
        return extract(module, rel, is_test, line_rules)
    except RecursionError:
        return FileError(path=rel, message="code nested too deeply to analyse")
    except Exception as exc:  # a bug of ours on one file must not stop the run
        return FileError(
            path=rel,
            message=f"internal error while analysing: {type(exc).__name__}: {exc} (please report this)",
            kind="internal",
        )


def analyze_file(source: SourceFile, rules: Sequence[type[Rule]]) -> FileFacts | FileError:
    data = read_bytes(source.abs, source.rel)
    if isinstance(data, FileError):
        return data
    return analyze_source(source.rel, data, source.is_test, rules)


def run(paths: Sequence[str], options: Options | None = None) -> Report:
    options = options or Options()
    root = scan_root(paths)
    sources, errors = discover(list(paths), root)
    if not options.include_tests:
        sources = [s for s in sources if not s.is_test]
    rules = selected_rules(options)
    facts: dict[str, FileFacts] = {}
    for source in sources:
        result = analyze_file(source, rules)
        if isinstance(result, FileError):
            errors.append(result)
        else:
            facts[source.rel] = result
    return assemble(root, facts, errors, rules, files=len(sources))


def assemble(
    root: Path, facts: dict[str, FileFacts], errors: list[FileError], rules: Sequence[type[Rule]], files: int
) -> Report:
    """Project-wide stages over per-file facts: model, classify, rules, score."""
    checklist = load_checklist()
    project = Project(facts)
    services = classify(project)
    results, findings, rule_errors = evaluate(project, services, rules, checklist)
    repo_checks = repository_checks(project, rules, checklist)
    score = overall_score([r.score for r in results], repo_checks)
    all_errors = sorted(errors + rule_errors, key=lambda e: (e.path, e.line, e.message))
    return Report(
        root=str(root),
        files=files,
        score=score,
        entrypoints=results,
        findings=findings,
        errors=all_errors,
        repository_checks=repo_checks,
        score_basis="entrypoints" if results else "repository",
    )
