"""The command line. Commands return exit codes; only this module prints or exits.

``main(argv) -> int`` runs the typer app without letting it call ``sys.exit``, and maps
every error to an exit code in one place (:func:`readiness_lint.errors.exit_code_for`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from readiness_lint import __version__
from readiness_lint.errors import EXIT_ERROR, EXIT_GAPS, EXIT_OK, ReadinessError, UsageError, exit_code_for

app = typer.Typer(
    name="readiness-lint",
    help="Is this Python service ready for production? Finds its entrypoints and reports the gaps.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class SeverityOption(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    concise = "concise"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readiness-lint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """readiness-lint: production readiness for Python services."""


def _names(values: list[str] | None) -> frozenset[str] | None:
    if not values:
        return None
    from readiness_lint.checks import rule_by_key

    out = set()
    for value in values:
        for key in value.split(","):
            if not key.strip():
                continue
            rule = rule_by_key(key)
            if rule is None:
                raise UsageError(f"unknown rule {key.strip()!r} (see `readiness-lint rules`)")
            out.add(rule.name)
    return frozenset(out)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: .)")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rules (codes or names, comma-separated).")
    ] = None,
    extend_select: Annotated[list[str] | None, typer.Option(help="Add these rules to the selection.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules (codes or names).")] = None,
    fail_under: Annotated[int | None, typer.Option(min=0, max=100, help="Fail when the score is below SCORE.")] = None,
    fail_on: Annotated[SeverityOption | None, typer.Option(help="Fail on a new gap of this severity or worse.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are gaps.")] = False,
    include_tests: Annotated[
        bool | None,
        typer.Option("--include-tests/--no-include-tests", help="Treat test files as service code."),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this configuration file.")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Fail only on gaps not recorded in this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record the current gaps in FILE.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: all cores).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", help="Cache directory (default: .readiness_lint_cache in the scanned root)."),
    ] = None,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            "--max-file-size",
            metavar="SIZE",
            help="Skip (and report) files larger than SIZE, e.g. 4MB; 0: no limit. Default 2MB.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "--debug", "-v", help="Show tracebacks of internal errors.")
    ] = False,
) -> int:
    """Check a service and print its readiness score with the gaps."""
    from readiness_lint.config import FileConfig, find_config, load_config, parse_size
    from readiness_lint.engine import Options, run
    from readiness_lint.parse import DEFAULT_MAX_FILE_SIZE

    targets = [str(p) for p in paths] if paths else ["."]
    config_path = config if config is not None else find_config(Path(targets[0]).resolve())
    settings = load_config(config_path) if config_path is not None else FileConfig()
    known_baseline = None
    if baseline is not None:
        from readiness_lint.baseline import load_baseline

        known_baseline = load_baseline(baseline)
    size_limit = settings.max_file_size if settings.max_file_size is not None else DEFAULT_MAX_FILE_SIZE
    if max_file_size is not None:
        parsed_size = parse_size(max_file_size)
        if parsed_size is None:
            raise UsageError(f"--max-file-size: {max_file_size!r} is not a size (e.g. 4MB, 500KB, 0 for no limit)")
        size_limit = parsed_size
    options = Options(
        include_tests=include_tests if include_tests is not None else bool(settings.include_tests),
        select=_names(select) if select else (frozenset(settings.select) if settings.select is not None else None),
        extend_select=_names(extend_select) or frozenset(settings.extend_select),
        ignore=(_names(ignore) or frozenset()) if ignore else frozenset(settings.ignore),
        exclude=settings.exclude + settings.extend_exclude,
        per_file_ignores=settings.per_file_ignores,
        entrypoints=settings.entrypoints,
        settings=settings.settings,
        config_root=str(settings.root) if settings.root is not None else None,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=str(cache_dir) if cache_dir else None,
        max_file_size=size_limit,
    )
    with _progress(enabled=output_format is OutputFormat.text) as progress:
        report = run(targets, options, progress)
    if known_baseline is not None:
        from readiness_lint.baseline import apply_baseline

        apply_baseline(report, known_baseline)
    if write_baseline is not None:
        from readiness_lint.baseline import write_baseline as save_baseline

        save_baseline(report, write_baseline)
    for notice in report.notices:
        sys.stderr.write(f"readiness-lint: {notice}\n")
    text = _render(report, output_format, to_terminal=output is None)
    if output_format is OutputFormat.github:
        _write_step_summary(report)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if exit_zero:
        return EXIT_OK
    threshold = fail_under if fail_under is not None else settings.fail_under
    severity = fail_on.value if fail_on is not None else settings.fail_on
    return gate(report, threshold, severity)


class _ProgressBar:
    """A rich progress bar on stderr, shown only once a run has taken more than a moment."""

    DELAY = 0.7

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, cached: int) -> None:
        if self._bar is None:
            if self._clock() - self._started < self.DELAY or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("analysing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TextColumn(f"({cached} from cache)" if cached else ""),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("files", total=total)
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int, int], None] | None]:
    """Progress only for people: a terminal on stderr, the text format, not in CI, not with NO_COLOR=dumb terms."""
    interactive = sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    if not (enabled and interactive):
        yield None
        return
    bar = _ProgressBar()
    try:
        yield bar
    finally:
        bar.close()


def gate(report: object, fail_under: int | None, fail_on: str | None) -> int:
    """The exit code of a finished run: the two gates, separately, and unreadable files."""
    from readiness_lint.model import Report

    assert isinstance(report, Report)
    new = [f for f in report.findings if not f.baselined]
    if report.errors:
        return EXIT_GAPS
    if fail_under is None and fail_on is None:
        return EXIT_GAPS if new else EXIT_OK
    failed = False
    if fail_under is not None and report.score < fail_under:
        failed = True
    if fail_on is not None:
        order = {"error": 0, "warning": 1, "info": 2}
        failed = failed or any(order[f.severity] <= order[fail_on] for f in new)
    return EXIT_GAPS if failed else EXIT_OK


def _render(report: object, output_format: OutputFormat, to_terminal: bool) -> str:
    from readiness_lint.model import Report

    assert isinstance(report, Report)
    # One renderer imported per run: the text one brings rich, which machine formats never need.
    if output_format is OutputFormat.json:
        from readiness_lint.render import json_format

        return json_format.render(report)
    if output_format is OutputFormat.concise:
        from readiness_lint.render import concise

        return concise.render(report)
    if output_format is OutputFormat.sarif:
        from readiness_lint.render import sarif

        return sarif.render(report)
    if output_format is OutputFormat.gitlab:
        from readiness_lint.render import gitlab

        return gitlab.render(report)
    from readiness_lint.render import text

    if output_format is OutputFormat.github:
        from readiness_lint.render import github

        # GitHub shows only a few annotations per step: the plain report always follows them.
        return github.render(report) + text.render(report, color=False)
    return text.render(report, color=to_terminal and _use_color())


def _write_step_summary(report: object) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY, keeping what is already there."""
    from readiness_lint.model import Report
    from readiness_lint.render import github

    assert isinstance(report, Report)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(github.summary_markdown(report))
    except OSError as exc:
        sys.stderr.write(f"readiness-lint: cannot write the job summary to {target}: {exc.strerror or exc}\n")


@app.command("rules")
def list_rules() -> int:
    """List the rules: code, name, severity, the kinds they apply to."""
    from readiness_lint.checklist import load_checklist
    from readiness_lint.checks import ALL_RULES

    checklist = load_checklist()
    for rule in ALL_RULES:
        spec = checklist.spec(rule.name)
        kinds = ",".join(k for k in ("api", "worker", "job") if k in spec.kinds) or "-"
        typer.echo(f"{rule.code}  {rule.name:<28} {spec.severity:<8} {kinds:<15} {rule.why}")
    return EXIT_OK


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule code (RDY001) or name (bare-print).")]) -> int:
    """Print a rule's documentation."""
    from readiness_lint.checks import rule_by_key
    from readiness_lint.docs import rule_markdown

    found = rule_by_key(rule)
    if found is None:
        raise UsageError(f"unknown rule {rule!r} (see `readiness-lint rules`)")
    typer.echo(rule_markdown(found), nl=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit code instead of exiting."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    verbose = any(a in {"-v", "--verbose", "--debug"} for a in args)
    try:
        result = command.main(args=args, prog_name="readiness-lint", standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        return EXIT_ERROR
    except TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"readiness-lint: error: {exc.format_message()}\n")
        return EXIT_ERROR
    except ReadinessError as exc:
        sys.stderr.write(f"readiness-lint: error: {exc}\n")
        return exit_code_for(exc)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except Exception as exc:
        if verbose:
            raise
        sys.stderr.write(
            f"readiness-lint: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in readiness-lint; run again with --verbose for the traceback and report it.\n"
        )
        return EXIT_ERROR
    if isinstance(result, int):
        return result
    return EXIT_OK
