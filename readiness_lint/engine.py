"""The pipeline, stage by stage: discover → parse → extract → project → classify → rules → score.

The engine takes paths and returns a :class:`~readiness_lint.model.Report`; it prints
nothing and never exits. The CLI renders the report and picks the exit code.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from readiness_lint.cache import CACHE_DIR_NAME, FactsCache
from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, LineRule, Rule
from readiness_lint.classify import classify
from readiness_lint.discover import discover, scan_root
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
    jobs: int = 0  # 0: all cores
    cache: bool = False  # the CLI turns it on
    cache_dir: str | None = None


# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16


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


def run(paths: Sequence[str], options: Options | None = None) -> Report:
    options = options or Options()
    root = scan_root(paths)
    sources, errors = discover(list(paths), root)
    if not options.include_tests:
        sources = [s for s in sources if not s.is_test]
    rules = selected_rules(options)
    notices: list[str] = []
    cache = _open_cache(root, options, rules) if options.cache else None
    results: dict[str, FileFacts | FileError] = {}
    todo: list[tuple[str, bytes, bool, str]] = []
    for source in sources:
        data = read_bytes(source.abs, source.rel)
        if isinstance(data, FileError):
            results[source.rel] = data
            continue
        key = cache.key(source.rel, source.is_test, data) if cache is not None else ""
        cached = cache.get(key, source.rel) if cache is not None else None
        if cached is not None:
            results[source.rel] = cached
        else:
            todo.append((source.rel, data, source.is_test, key))
    for (rel, _, _, key), result in zip(todo, _analyze_all(todo, rules, options.jobs), strict=True):
        results[rel] = result
        if cache is not None:
            cache.put(key, result)
    if cache is not None and cache.problem:
        notices.append(cache.problem)
    facts: dict[str, FileFacts] = {}
    for rel in sorted(results):
        result = results[rel]
        if isinstance(result, FileError):
            errors.append(result)
        else:
            facts[rel] = result
    report = assemble(root, facts, errors, rules, files=len(sources))
    report.notices.extend(notices)
    return report


def _open_cache(root: Path, options: Options, rules: Sequence[type[Rule]]) -> FactsCache:
    directory = Path(options.cache_dir) if options.cache_dir else root / CACHE_DIR_NAME
    fingerprint = ",".join(sorted(rule.name for rule in rules if issubclass(rule, LineRule)))
    return FactsCache.open(directory, fingerprint)


def _analyze_one(item: tuple[str, bytes, bool, str], rules: Sequence[type[Rule]]) -> FileFacts | FileError:
    rel, data, is_test, _ = item
    return analyze_source(rel, data, is_test, rules)


def _analyze_all(
    todo: list[tuple[str, bytes, bool, str]], rules: Sequence[type[Rule]], jobs: int
) -> list[FileFacts | FileError]:
    """Per-file analysis, in worker processes when it pays; results in input order."""
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    workers = min(workers, len(todo))
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        return [_analyze_one(item, rules) for item in todo]
    chunk = max(1, min(32, len(todo) // (workers * 4)))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(partial(_analyze_one, rules=rules), todo, chunksize=chunk))


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
