"""The pipeline, stage by stage: discover → parse → extract → project → classify → rules → score.

The engine takes paths and returns a :class:`~readiness_lint.model.Report`; it prints
nothing and never exits. The CLI renders the report and picks the exit code.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness_lint import __version__
from readiness_lint.cache import CACHE_DIR_NAME, FactsCache, digest_of, tool_stamp
from readiness_lint.checklist import checklist_text, load_checklist
from readiness_lint.checks import ALL_RULES, LineRule, Rule
from readiness_lint.classify import classify, deployed_files
from readiness_lint.config import RuleSettings
from readiness_lint.deploy import (
    MAX_DEPLOYMENT_FILE,
    Deployment,
    dag_commands,
    for_development,
    read_deployments,
    worth_reading,
)
from readiness_lint.discover import SourceFile, discover, named_like_test, printable, scan_root
from readiness_lint.evaluate import evaluate, repository_checks
from readiness_lint.extract import extract
from readiness_lint.model import FileError, FileFacts, ImportFact, Report
from readiness_lint.packaging import PACKAGING_FILES, console_scripts
from readiness_lint.parse import DEFAULT_MAX_FILE_SIZE, parse, read_bytes, suspicious, too_deep_for_python
from readiness_lint.project import Project
from readiness_lint.score import overall_score
from readiness_lint.suppress import Suppressor, find_suppressions

if TYPE_CHECKING:
    import multiprocessing.context


@dataclass(frozen=True)
class Options:
    """Everything that shapes a run, after the CLI merged the command line and the config file."""

    include_tests: bool = False
    select: frozenset[str] | None = None
    extend_select: frozenset[str] = field(default_factory=frozenset)
    ignore: frozenset[str] = field(default_factory=frozenset)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    entrypoints: tuple[tuple[str, str], ...] = ()
    settings: RuleSettings = field(default_factory=RuleSettings)
    config_root: str | None = None  # patterns above are relative to it
    jobs: int = 0  # 0: all cores
    cache: bool = False  # the CLI turns it on
    cache_dir: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; 0: no limit


# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16

Work = tuple[str, bytes, bool, str]  # (relative path, bytes, is test, cache key)


def selected_rules(options: Options) -> list[type[Rule]]:
    """``select`` replaces the set, ``extend-select`` adds to it, ``ignore`` removes."""
    chosen = {r.name for r in ALL_RULES} if options.select is None else set(options.select)
    chosen |= options.extend_select
    chosen -= options.ignore
    return [r for r in ALL_RULES if r.name in chosen]


def analyze_source(
    rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]], settings: RuleSettings | None = None
) -> FileFacts | FileError:
    """Per-file stage: bytes in, plain facts out. Nothing of the syntax tree survives it.

    A file that could crash the native parser (see :func:`readiness_lint.parse.suspicious`)
    is analysed in a child process, so a crash costs that file only.
    """
    if suspicious(data) and b"\x00" not in data:
        refused = too_deep_for_python(data)
        if refused is not None:
            return FileError(path=rel, message=refused, line=1)
        return _in_child(rel, data, is_test, rules, settings)
    return _analyze_here(rel, data, is_test, rules, settings)


def _analyze_here(
    rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]], settings: RuleSettings | None
) -> FileFacts | FileError:
    # Parsing and the walk make and drop a whole syntax tree, hundreds of thousands of objects
    # with no reference cycles among them (refcounting frees them; see `extract`). The cyclic
    # collector, set off by the count of objects made, would walk the young tree again and again
    # while it is built: 5-10 % of the run. It is held off for the file and back on after it, when
    # one young collection sweeps what little the file left (the facts, `literal_eval`'s closures).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_and_extract(rel, data, is_test, rules, settings)
    finally:
        if enabled:
            gc.enable()


def _parse_and_extract(
    rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]], settings: RuleSettings | None
) -> FileFacts | FileError:
    # (screened already: `analyze_source` sends here only bytes that are not `suspicious`, or
    # whose depth `too_deep_for_python` has passed, to a child)
    module = parse(data, rel, screened=True)
    if isinstance(module, FileError):
        return module
    line_rules = [rule() for rule in rules if issubclass(rule, LineRule)]
    try:
        facts = extract(module, rel, is_test, line_rules, settings or RuleSettings(), data)
    except RecursionError:
        return FileError(path=rel, message="code nested too deeply to analyse")
    except Exception as exc:  # a bug of ours on one file must not stop the run
        return FileError(
            path=rel,
            message=f"internal error while analysing: {type(exc).__name__} (please report this)",
            kind="internal",
        )
    if facts.functions:
        facts = _with_function_lines(facts, data)
    if facts.module_calls:
        facts = _with_call_lines(facts, data)
    suppressions = find_suppressions(data)
    return dataclasses.replace(facts, suppressions=suppressions) if suppressions else facts


_TOP_LEVEL_DEF = re.compile(rb"^(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)


def _with_function_lines(facts: FileFacts, data: bytes) -> FileFacts:
    """The ``def`` line of each module-level function, from the bytes (a console script's
    entrypoint is reported there): a regular-expression pass, not a position pass over the tree."""
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _TOP_LEVEL_DEF.finditer(data):
        line += data.count(b"\n", last, match.start())
        last = match.start()
        name = match.group(1).decode("ascii", "replace")
        lines.setdefault(name, line)
    functions = tuple(dataclasses.replace(f, line=lines.get(f.name, 0)) for f in facts.functions)
    return dataclasses.replace(facts, functions=functions)


# What may come before a module-level call on its line: its result bound (`deleted = cur.execute(`,
# `rows, total = fetch(`), awaited, or raised (`raise SystemExit(main())`)
_CALL_LEAD = rb"(?:[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*)?(?:await[ \t]+|raise[ \t]+)?"


def _with_call_lines(facts: FileFacts, data: bytes) -> FileFacts:
    """The line of each module-level call, from the bytes: the first line that starts with the
    callee as written and an opening parenthesis, after a binding of its result, an ``await`` or a
    ``raise`` (an indented one, awaited or not, if no line starts so)."""
    calls = []
    for name, raw, _ in facts.module_calls:
        # (a chain, `db.session.query().filter().delete`, is found by where it starts: `db.session.query(`)
        escaped = re.escape(raw.partition("()")[0].encode("utf-8", "surrogatepass"))
        # (an indented line's result bound is left out: `deleted = purge(shard)` in a helper's body)
        match = re.search(rb"^" + _CALL_LEAD + escaped + rb"[ \t]*\(", data, re.MULTILINE) or re.search(
            rb"(?:^[ \t]+|;[ \t]*)(?:await[ \t]+)?" + escaped + rb"[ \t]*\(", data, re.MULTILINE
        )
        calls.append((name, raw, data.count(b"\n", 0, match.start()) + 1 if match else 0))
    return dataclasses.replace(facts, module_calls=tuple(calls))


Progress = Callable[[int, int, int], None]  # (files done, files in all, of them from the cache)


CHILD_TIMEOUT = 900.0  # seconds; a last resort, far above any real file's parse time


def _process_context() -> multiprocessing.context.BaseContext:
    """Worker processes by fork where the platform has it (no re-import), else spawn.
    Imported here: a warm or single-file run never starts a process."""
    import multiprocessing

    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _child_main(
    conn: Any, rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]], settings: RuleSettings | None
) -> None:
    conn.send(_analyze_here(rel, data, is_test, rules, settings))
    conn.close()


def _in_child(
    rel: str, data: bytes, is_test: bool, rules: Sequence[type[Rule]], settings: RuleSettings | None
) -> FileFacts | FileError:
    context: Any = _process_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, rel, data, is_test, rules, settings))
    child.start()
    sender.close()
    result: FileFacts | FileError | None = None
    try:
        if receiver.poll(CHILD_TIMEOUT):
            result = receiver.recv()
    except (EOFError, OSError):
        result = None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if result is not None:
        return result
    if child.exitcode is not None and child.exitcode < 0:
        return FileError(path=rel, message="the parser crashed on this file (nested too deeply?)", kind="parse")
    return FileError(path=rel, message=f"gave up after {CHILD_TIMEOUT:.0f} s", kind="internal")


def run(paths: Sequence[str], options: Options | None = None, progress: Progress | None = None) -> Report:
    """Run the whole pipeline. ``progress`` is told how far per-file analysis has got."""
    options = options or Options()
    root = scan_root(paths)
    deployment_files: list[SourceFile] = []
    sources, errors = discover(list(paths), root, deployment_files)
    deployment_texts = _read_texts(_without_excluded(deployment_files, root, options))
    # (a module named like a test outside any test directory, `routes/test_routes.py`, is service
    # code where the service imports it: read aside, analysed as service code once that is known)
    named_tests: list[SourceFile] = []
    if not options.include_tests:
        named_tests = [s for s in sources if s.is_test and named_like_test(s.rel)]
        sources = [s for s in sources if not s.is_test]
    sources = _without_excluded(sources, root, options)
    named_tests = _without_excluded(named_tests, root, options)
    rules = selected_rules(options)
    notices: list[str] = []
    nothing = f"no Python files to check under {', '.join(printable(p) for p in paths)}"
    if not sources and not errors and not named_tests:
        notices.append(nothing)
    cache = _open_cache(root, options, rules) if options.cache else None
    results: dict[str, FileFacts | FileError] = {}
    pending: list[Work] = []
    for source in sources:
        data = read_bytes(source.abs, source.rel, options.max_file_size)
        if isinstance(data, FileError):
            results[source.rel] = data
            continue
        key = cache.key(source.rel, source.is_test, data) if cache is not None else ""
        pending.append((source.rel, data, source.is_test, key))
    aside: dict[str, Work | FileError] = {}
    for source in named_tests:
        data = read_bytes(source.abs, source.rel, options.max_file_size)
        key = cache.key(source.rel, False, data) if cache is not None and not isinstance(data, FileError) else ""
        aside[source.rel] = data if isinstance(data, FileError) else (source.rel, data, False, key)
    if cache is not None:
        aside_read = [item for item in aside.values() if not isinstance(item, FileError)]
        aside_unread = [item for item in aside.values() if isinstance(item, FileError)]
        slot, run_key = _run_keys(
            paths,
            root,
            options,
            rules,
            [*pending, *aside_read],
            [*errors, *results.values(), *aside_unread],
            deployment_texts,
        )
        memo = cache.get_report(slot, run_key)
        if memo is not None:  # nothing that the project-wide stages read has changed
            memo.notices.extend(notices)
            if cache.problem:
                memo.notices.append(cache.problem)
            return memo
    todo: list[Work] = []
    for item in pending:
        cached = cache.get(item[3], item[0]) if cache is not None else None
        if cached is not None:
            results[item[0]] = cached
        else:
            todo.append(item)
    total, cached_count = len(sources), len(results)
    for done, ((rel, _, _, key), result) in enumerate(_analyze_all(todo, rules, options)):
        results[rel] = result
        if cache is not None:
            cache.put(key, result)
        if progress is not None:
            progress(cached_count + done + 1, total, cached_count)
    if aside:
        analysed = [r for r in results.values() if not isinstance(r, FileError)]
        for found in _service_tests(aside, analysed, read_deployments(deployment_texts), rules, options, cache):
            results[found.path] = found
    facts: dict[str, FileFacts] = {}
    for rel in sorted(results):
        result = results[rel]
        if isinstance(result, FileError):
            errors.append(result)
        else:
            facts[rel] = result
    counted = len(sources) + sum(1 for rel in aside if rel in results)
    if not counted and not errors and named_tests:
        notices.append(nothing)  # (only modules named like tests, none of them the service's)
    report = assemble(root, facts, errors, rules, counted, options, read_deployments(deployment_texts))
    if cache is not None:
        cache.put_report(slot, run_key, report)
        if cache.problem:
            notices.append(cache.problem)
    report.notices.extend(notices)
    return report


def _service_tests(
    aside: dict[str, Work | FileError],
    analysed: Sequence[FileFacts],
    deployments: Sequence[Deployment],
    rules: Sequence[type[Rule]],
    options: Options,
    cache: FactsCache | None,
) -> Iterator[FileFacts | FileError]:
    """The modules named like tests (see `named_like_test`) that are service code: imported by a
    module of the service (also one found so, `test_routes` importing `test_service`), not by a test
    runner (`run_tests.py`, a module importing `unittest` or `pytest`), or run by a deployment file
    (`CMD python speed_test.py`). Each is analysed as service code; one that could not be read is an
    error to report, as any other file of the service."""
    deployed = {posixpath.basename(d.script) for d in deployments if d.script}
    deployed |= {d.module.rpartition(".")[2] + ".py" for d in deployments if d.module}
    importers = [found for found in analysed if not _test_runner(found)]
    left = dict(aside)
    grown = True
    while grown and left:
        grown = False
        for rel, item in sorted(left.items()):
            target = tuple(rel[: -len(".py")].split("/"))
            wanted = posixpath.basename(rel) in deployed or any(
                _imports(found.path, imp, target) for found in importers for imp in found.imports
            )
            if not wanted:
                continue
            del left[rel]
            grown = True
            if isinstance(item, FileError):
                yield item
                continue
            cached = cache.get(item[3], rel) if cache is not None else None
            result = cached if cached is not None else _analyze_one(item, rules, options.settings)
            if cache is not None and cached is None:
                cache.put(item[3], result)
            if not isinstance(result, FileError):
                importers.append(result)
            yield result


# Scripts that run a project's tests, importing the test modules to hand them to a runner
_TEST_RUNNER_NAMES = frozenset({"run_tests.py", "runtests.py", "runtest.py", "all_tests.py", "test.py", "tests.py"})
_TEST_FRAMEWORKS = frozenset({"unittest", "pytest", "nose", "nose2", "doctest"})


def _test_runner(found: FileFacts) -> bool:
    return posixpath.basename(found.path) in _TEST_RUNNER_NAMES or any(
        imp.module.split(".")[0] in _TEST_FRAMEWORKS for imp in found.imports
    )


def _imports(importer: str, imp: ImportFact, target: tuple[str, ...]) -> bool:
    """Whether ``imp`` of ``importer`` names the module at ``target`` (its path's parts, no `.py`):
    a relative import from where the importer is, or an absolute one by its dotted tail (a
    one-part name only beside the importer or at the root, where Python looks for it)."""
    parts = [p for p in imp.module.split(".") if p]
    names = [parts, [*parts, imp.name]] if imp.name and imp.name != "*" else [parts]
    if imp.level:
        base = importer.split("/")[:-1]
        base = base[: len(base) - (imp.level - 1)] if imp.level > 1 else base
        return any(tuple(base + name) == target for name in names)
    here = tuple(importer.split("/")[:-1])
    return any(
        name and target[-len(name) :] == tuple(name) and (len(name) > 1 or target[:-1] in (here, ())) for name in names
    )


def _read_texts(files: Sequence[SourceFile]) -> list[tuple[str, str]]:
    """The deployment files' texts. One that cannot be read or decoded declares nothing: it is
    the deployment's file, not this tool's input or configuration."""
    texts = []
    for source in files:
        try:
            with open(source.abs, "rb") as handle:
                data = handle.read(MAX_DEPLOYMENT_FILE + 1)
            if len(data) > MAX_DEPLOYMENT_FILE or b"\x00" in data:
                continue
            text = data.decode("utf-8")
            if worth_reading(source.rel, text):
                texts.append((source.rel, text))
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def _run_keys(
    paths: Sequence[str],
    root: Path,
    options: Options,
    rules: Sequence[type[Rule]],
    files: Sequence[Work],
    unread: Sequence[object],
    deployment_texts: Sequence[tuple[str, str]] = (),
) -> tuple[str, str]:
    """Where the last report of this root and these options is kept, and the key of this run's inputs.

    The key covers everything the project-wide stages read: each file's content key (which
    holds its path, bytes, test status, the tool's code and the per-file configuration), the
    files that could not be read, every option, the packaging files that declare console
    scripts, the deployment files, and the root itself.
    """
    setting = [
        str(root),
        repr(options.include_tests),
        ",".join(sorted(rule.name for rule in rules)),
        repr(options.exclude),
        repr(options.per_file_ignores),
        repr(options.entrypoints),
        options.settings.fingerprint(),
        options.config_root or "",
        str(options.max_file_size),
    ]
    # One slot per root, option set and paths asked for (`check a.py` and `check .` keep their own).
    slot = digest_of([*setting, *sorted(os.path.abspath(p) for p in paths)])[:24]
    packaging = []
    for directory in {root, Path(options.config_root) if options.config_root else root}:
        for name in PACKAGING_FILES:
            try:
                packaging.append(f"{directory}/{name}:{(directory / name).read_bytes().hex()}")
            except OSError as exc:
                packaging.append(f"{directory}/{name}:{exc.errno}")
    inputs = [__version__, tool_stamp(), checklist_text(), *setting, *sorted(packaging)]
    inputs += [f"{rel}\0{text}" for rel, text in deployment_texts]
    inputs += [f"{rel}\0{key}" for rel, _, _, key in files]
    inputs += sorted(repr(error) for error in unread)
    return slot, digest_of(inputs)


def _config_matcher(patterns: Sequence[str], root: Path, options: Options) -> Callable[[str], bool]:
    """A test for scan-relative paths against gitignore-style patterns relative to the config file."""
    import pathspec  # only when the configuration has patterns

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    base = Path(options.config_root) if options.config_root else root

    def matches(rel: str) -> bool:
        try:
            relative = (root / rel).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = rel
        return spec.match_file(relative)

    return matches


def _without_excluded(sources: list[SourceFile], root: Path, options: Options) -> list[SourceFile]:
    if not options.exclude:
        return sources
    excluded = _config_matcher(options.exclude, root, options)
    return [s for s in sources if not excluded(s.rel)]


def _open_cache(root: Path, options: Options, rules: Sequence[type[Rule]]) -> FactsCache:
    directory = Path(options.cache_dir) if options.cache_dir else root / CACHE_DIR_NAME
    names = ",".join(sorted(rule.name for rule in rules if issubclass(rule, LineRule)))
    return FactsCache.open(directory, names + "|" + options.settings.fingerprint())


def _analyze_one(item: Work, rules: Sequence[type[Rule]], settings: RuleSettings) -> FileFacts | FileError:
    rel, data, is_test, _ = item
    return analyze_source(rel, data, is_test, rules, settings)


def _analyze_all(
    todo: list[Work], rules: Sequence[type[Rule]], options: Options
) -> Iterator[tuple[Work, FileFacts | FileError]]:
    """Per-file analysis, in worker processes when it pays: each item with its result, as they come.

    In parallel, the largest files go first and the chunks are small, so that no process is
    left parsing one big file while the others idle at the end.
    """
    work = partial(_analyze_one, rules=rules, settings=options.settings)
    workers = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    workers = min(workers, len(todo))
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for item in todo:
            yield item, work(item)
        return
    todo = sorted(todo, key=lambda item: len(item[1]), reverse=True)
    chunk = max(1, min(8, len(todo) // (workers * 16)))
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _process_context()
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for result in pool.map(work, todo, chunksize=chunk):
                yield todo[done], result
                done += 1
    except BrokenProcessPool:
        # A worker died (a crash in native code on some file). Finish one file per process,
        # so the file that kills its process is reported and the others are analysed.
        for item in todo[done:]:
            yield item, _isolated(work, item, context)


def _isolated(
    work: Callable[[Work], FileFacts | FileError], item: Work, context: multiprocessing.context.BaseContext
) -> FileFacts | FileError:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return pool.submit(work, item).result()
    except BrokenProcessPool:
        return FileError(path=item[0], message="the parser crashed on this file (please report this)", kind="internal")


def assemble(
    root: Path,
    facts: dict[str, FileFacts],
    errors: list[FileError],
    rules: Sequence[type[Rule]],
    files: int,
    options: Options | None = None,
    deployments: Sequence[Deployment] = (),
) -> Report:
    """Project-wide stages over per-file facts: model, classify, rules, score."""
    options = options or Options()
    checklist = load_checklist()
    name = root.absolute().name
    package = name if "__init__.py" in facts and name.isidentifier() else ""
    # (the scripts an Airflow DAG's `BashOperator` runs on its schedule, as a crontab's would be)
    deployments = [
        *deployments,
        *dag_commands(
            (path, s.line, s.detail) for path, f in facts.items() for s in f.signals if s.kind == "airflow-bash"
        ),
    ]
    project = Project(facts, root_package=package)
    declared = _declared_kinds(root, options)
    scripts = console_scripts(root)
    if options.config_root and Path(options.config_root) != root:
        scripts += console_scripts(Path(options.config_root))
    services = classify(project, declared, scripts, deployments)
    suppressor = Suppressor.build(
        {path: f.suppressions for path, f in facts.items() if f.suppressions},
        options.per_file_ignores,
        root,
        Path(options.config_root) if options.config_root else None,
    )
    # (the files a production deployment runs: not one kept for development, `Dockerfile.dev`)
    deployed = frozenset(deployed_files(project, [d for d in deployments if not for_development(d.source)]))
    results, findings, rule_errors = evaluate(project, services, rules, checklist, suppressor, deployed)
    repo_checks = repository_checks(findings, rules, checklist)
    score = overall_score([r.score for r in results], repo_checks)
    basis = "entrypoints" if results else "repository"
    if not facts and errors:
        score, basis = 0, "none"  # nothing could be analysed: no score to give
    all_errors = sorted(errors + rule_errors, key=lambda e: (e.path, e.line, e.message))
    return Report(
        root=str(root),
        files=files,
        score=score,
        entrypoints=results,
        findings=findings,
        errors=all_errors,
        repository_checks=repo_checks,
        score_basis=basis,
    )


def _declared_kinds(root: Path, options: Options) -> Callable[[str], str | None] | None:
    """The kind a configuration file declares for a path (``api``/``worker``/``job``/``none``)."""
    if not options.entrypoints:
        return None
    matchers = [(_config_matcher([glob], root, options), kind) for glob, kind in options.entrypoints]

    def declared(rel: str) -> str | None:
        for matches, kind in matchers:
            if matches(rel):
                return kind
        return None

    return declared
