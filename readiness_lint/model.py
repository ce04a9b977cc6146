"""Plain data that flows between the pipeline stages.

Per-file facts are the only output of the per-file stage (parse + extract). They hold no
syntax tree, only strings, numbers and tuples, so they can be cached, sent between
processes and compared. Everything project-wide is computed from them later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["api", "worker", "job"]
Severity = Literal["error", "warning", "info"]
Status = Literal["pass", "fail", "na"]

KINDS: tuple[Kind, ...] = ("api", "worker", "job")


def clean_text(text: str) -> str:
    """Text safe to print and to encode as UTF-8: a lone surrogate from a source literal becomes U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if not text.isascii() else text


SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


# The handler of a route that stands for a whole mounted sub-app or blueprint (its prefix).
MOUNTED = "(mounted)"
# The base recorded for a `class Command(...)` that defines `handle()`: a management command,
# wherever it is kept and whatever project base class it builds on.
HANDLE_COMMAND = "(command with handle)"
SCRAPY_SPIDER = "(scrapy spider with a name)"  # a spider `scrapy crawl NAME` can run
# The path of a route that answers every path (Django's `url("", index)`, `re_path(r"^.*$", ...)`)
CATCH_ALL = "(catch-all)"
# A deletion's scope suffix for a class-based view's HTTP method: no code calls it by that name
REQUEST_SCOPE = " (request)"
# The same for a method of a class whose base another module defines (`class Items(AuthResource)`):
# a request's when the project stage finds that base a view (`Project.is_view_class`), else counted
# as a method of any class with bases is, wherever the file runs
VIEW_SCOPE = " (request, if a view)"


@dataclass(frozen=True)
class ImportFact:
    """One imported name. ``import a.b`` binds alias ``a``; ``from .x import y`` has level 1."""

    module: str
    level: int
    name: str | None
    alias: str
    line: int


@dataclass(frozen=True)
class ObjectFact:
    """A name bound to the result of a call, e.g. ``app = FastAPI()``.

    ``ctor`` is the callee as written, with the first component expanded through the file's
    imports (``fastapi.FastAPI``; ``.factory.create_app`` for a relative import).
    ``scope`` is the enclosing function name, or ``""`` at module level.
    """

    name: str
    ctor: str
    line: int
    column: int
    scope: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class RouteFact:
    """A route registered on ``owner`` (a local or imported name), or on a Django urlconf."""

    owner: str
    path: str
    handler: str
    line: int


@dataclass(frozen=True)
class MountFact:
    """``owner`` includes ``target``: a router, a blueprint, a sub-application or a module.

    ``target_kind`` is ``"object"`` for an expression (``health.router``) or ``"module"`` for
    a dotted module path written as a string (Django's ``include("shop.urls")``).
    """

    owner: str
    target: str
    target_kind: Literal["object", "module"]
    line: int


@dataclass(frozen=True)
class TaskFact:
    """A unit of background work: ``@app.task``, ``@shared_task``, ``@dramatiq.actor``."""

    owner: str
    function: str
    line: int
    framework: str


@dataclass(frozen=True)
class SignalFact:
    """Evidence of a readiness property somewhere in a file (``logging-config``, ``sigterm`` ...)."""

    kind: str
    line: int
    detail: str = ""
    # For a deletion: the module-level function, or method of a class with no bases, it is in (it
    # counts only where that is called or handed on); "" at module level or where a framework calls it;
    # a class-based view's HTTP method, marked with REQUEST_SCOPE, is called by requests alone.
    scope: str = ""


@dataclass(frozen=True)
class LoopFact:
    """A long-running consume loop: ``while True`` around a poll/receive call."""

    line: int
    scope: str
    source: str
    idle: bool = False  # the loop only sleeps (`while True: time.sleep(1)`): it keeps the process alive
    drains: bool = False  # it stops once a receive comes back empty (`if not messages: break`): a batch


@dataclass(frozen=True)
class WrapperLoopFact:
    """A forever loop with no consume call of its own: the functions it calls, one of which may
    take the next message (``while True: messages = receive()``); the project stage looks."""

    line: int
    scope: str
    calls: tuple[str, ...]
    forever: bool = False  # runs at module level and never leaves: a worker even if none of them consumes
    drains: bool = False  # leaves once what it took was empty (`if not batch: break`): a batch run


@dataclass(frozen=True)
class FunctionFact:
    """What a module-level function does that matters for exit codes and loops."""

    name: str
    line: int
    returns_nonzero: bool
    returns_value: bool
    swallows: bool
    exits_nonzero: bool
    calls: tuple[str, ...]
    ignored_statuses: tuple[str, ...] = ()  # os.system(...) and the like, their status dropped
    # Runs only where the project calls it: not decorated, not a method a framework calls (see
    # `Extractor.call_scope`); what it calls is then called only if it is.
    plain: bool = False
    loses_failure: bool = False  # catches a failure, only reports it, and carries on
    status_unchecked: bool = False  # a failed HTTP or command status only printed, never raised
    steps: tuple[str, ...] = ()  # calls made as statements or assigned, outside handlers and conditions
    returns_failure: bool = False  # reports a failure and returns it as a value (False, an error record)
    fails_with_none: bool = False  # that value is `None` alone (the work's own result otherwise)
    results_unchecked: tuple[str, ...] = ()  # calls whose result it drops, or tests and only reports
    results_tested: tuple[str, ...] = ()  # calls whose result it tests (and may act on)
    # its only lost failure is an empty result handed back after a report (`return []`), which a
    # caller testing the result can tell from nothing to do
    fails_empty_only: bool = False
    prompts: bool = False  # asks a person for input the work needs, or round after round
    exits_zero_on_error: bool = False  # exits with status 0 right after an error (`log.error(...); exit()`)
    # catches every failure, only reports it, and returns 0 (every value it returns is a literal 0)
    zero_after_catch_all: bool = False
    decorators: tuple[str, ...] = ()  # as written, expanded through the imports (`exception_util.sendMail`)
    # a decorator whose wrapper calls the function in a `try:` and ends normally whatever it
    # raised (`except Exception as e: send_mail(e)`): the decorated function's failure is lost
    wraps_catch_all: bool = False


@dataclass(frozen=True)
class MainGuardFact:
    """The ``if __name__ == "__main__":`` block."""

    line: int
    calls: tuple[str, ...]
    exits_with_value: bool
    exit_without_status: bool
    swallows: bool
    dropped_calls: tuple[str, ...]
    ignored_statuses: tuple[str, ...] = ()
    raises: bool = False  # raises outside any handler (`if rates is None: raise ...`)
    results_unchecked: tuple[str, ...] = ()  # calls whose result it drops, or tests and only reports
    results_tested: tuple[str, ...] = ()  # calls whose result it tests (and may act on)
    results_handed: tuple[str, ...] = ()  # "fetch>parse": a call's result, kept under a name, handed to another
    prompts: bool = False  # asks a person for input the work needs, or round after round
    exit_values: tuple[str, ...] = ()  # calls whose value it exits with (`sys.exit(main())`)
    # nothing but calls with no arguments, and prints or logs: `send_signals()` (no handler, no test)
    bare_calls: bool = False
    # the branches of an `if` chain choosing a mode, by the names each calls (`"<loop>"`: it loops)
    modes: tuple[tuple[str, ...], ...] = ()
    # calls given literal arguments only, a string among them (also through names the block binds
    # to literals), and those of them given a sample file's name (`indexing("document.pdf", "in")`)
    literal_calls: tuple[str, ...] = ()
    sample_calls: tuple[str, ...] = ()
    end_line: int = 0  # its last line, where a statement follows it at module level (0: it ends the file)


@dataclass(frozen=True)
class LineFinding:
    """A finding of a line rule, computed per file."""

    rule: str
    line: int
    column: int
    message: str
    confidence: str = "high"
    key: str = ""
    in_main: bool = False  # inside the file's `if __name__ == "__main__":` block
    # The function or method it is in (see `Extractor.call_scope`), "" where none is known; rules
    # marked `counts_where_called` count the finding only for services that call that function.
    scope: str = ""
    also_line: int = 0  # another line whose suppression comment counts (a literal inside a longer call)
    # counts only where a deployment file runs the file (`app.run(debug=True)` in a `__main__`
    # block a Dockerfile's `CMD python app.py` starts in production)
    deployed_only: bool = False
    # a signal kind that drops the finding where a module star-importing this one has it
    overridden_by: str = ""
    # a module name (`orders.logging`, `.logging`) that drops the finding where it is a project module
    unless_module: str = ""


@dataclass(frozen=True)
class FileFacts:
    """Everything the project stage needs from one file."""

    path: str
    is_test: bool = False
    imports: tuple[ImportFact, ...] = ()
    objects: tuple[ObjectFact, ...] = ()
    routes: tuple[RouteFact, ...] = ()
    mounts: tuple[MountFact, ...] = ()
    tasks: tuple[TaskFact, ...] = ()
    signals: tuple[SignalFact, ...] = ()
    loops: tuple[LoopFact, ...] = ()
    wrapper_loops: tuple[WrapperLoopFact, ...] = ()
    functions: tuple[FunctionFact, ...] = ()
    methods: tuple[FunctionFact, ...] = ()  # of module-level classes, named ``Class.method``
    main_guard: MainGuardFact | None = None
    script_line: int = 0
    script_swallows: bool = False
    script_exit_values: tuple[str, ...] = ()  # calls whose value module-level code exits with
    # calls whose result module-level code tests (`if code == 0:`) before it exits with a failure
    # status of its own (`sys.exit(2)`)
    script_results_tested: tuple[str, ...] = ()
    module_refs: tuple[tuple[str, str, int], ...] = ()
    # (callee, as written, line): calls made by expression statements at module level, outside
    # functions, classes and the `__main__` block (what running the file does)
    module_calls: tuple[tuple[str, str, int], ...] = ()
    script_ignored_statuses: tuple[str, ...] = ()  # os.system(...) and the like at module level
    scheduled: tuple[str, ...] = ()  # functions the `schedule` library runs from this file (`.do(job)`)
    dag_tasks: tuple[str, ...] = ()  # functions an Airflow DAG of this file runs (`python_callable=load`)
    prompts: bool = False  # its module-level code asks a person for input the work needs, or round after round
    # Names handed on rather than called (`Thread(target=purge)`, `{"purge": purge}`, `job = purge`)
    references: tuple[str, ...] = ()
    # Functions started as processes of their own (`multiprocessing.Process(target=feeds.stream)`),
    # resolved through the file's imports
    process_targets: tuple[str, ...] = ()
    # Functions started to run beside the code that starts them, by last name: thread targets and
    # tasks (`Thread(target=poll)`, `asyncio.create_task(poll())`)
    started: tuple[str, ...] = ()
    loop_tasks: tuple[str, ...] = ()  # those started as tasks on a running event loop (`create_task(poll())`)
    # the file's own coroutines awaited together (`await asyncio.gather(serve_probes(), poll())`)
    gathered: tuple[str, ...] = ()
    guard_started: tuple[str, ...] = ()  # those the `__main__` block starts as threads (or a function it calls)
    called_outside: tuple[str, ...] = ()  # names called at module level or in a class body, outside functions
    guard_called: tuple[str, ...] = ()  # names called in the `__main__` block, outside functions
    # names called in route handlers a function nests (a factory's), by last name, once for each call
    route_calls: tuple[str, ...] = ()
    # functions an app is given to run as it starts, by last name (`app.on_startup.append(tasks.start)`,
    # `add_event_handler("startup", start)`, `FastAPI(lifespan=lifespan)`)
    startup_hooks: tuple[str, ...] = ()
    # "function>hook": which module-level function registers which of them (`def setup(app):
    # app.on_startup.append(start_relay)` gives "setup>start_relay")
    hook_registrars: tuple[str, ...] = ()
    # Names the file refers to in text, to be looked up at run time: `getattr(module, "run")`,
    # `add_job("app.jobs.rates:refresh_rates")` (a function run by a name no call shows)
    text_refs: tuple[str, ...] = ()
    # Functions registered as commands of a click group or a typer app of this file (`@cli.command()`):
    # what running the group runs
    commands: tuple[str, ...] = ()
    classes: tuple[tuple[str, str, int], ...] = ()
    # Classes whose `run()` holds a `while True:` with no way out: a thread or process of one of
    # them, once started, keeps the program running, unless the class makes it a daemon.
    run_loops: tuple[str, ...] = ()
    daemon_classes: tuple[str, ...] = ()  # (`super().__init__(daemon=True)`, `self.daemon = True`)
    # Chat-client classes whose session-start handler disconnects: built and run, they send and end
    # (`add_event_handler("session_start", self.start)` with `self.disconnect()` in `start`)
    oneshot_classes: tuple[str, ...] = ()
    sets_daemon: bool = False  # makes some thread or process a daemon (`t.daemon = True`, `daemon=True`)
    findings: tuple[LineFinding, ...] = ()
    rule_errors: tuple[tuple[str, str], ...] = ()
    suppressions: tuple[tuple[int, tuple[str, ...], str], ...] = ()
    compared: tuple[str, ...] = ()
    # Functions this file calls only where a lookup found the key absent (`if not user_exists(uid):
    # add_user(uid)`): a caller's keyed check-then-act.
    guarded_calls: tuple[str, ...] = ()

    def called_by_name(self, with_guard: bool = True) -> frozenset[str]:
        """The last names of the calls made outside functions: at module level, in class bodies and
        (unless ``with_guard`` is false) in the `__main__` block (where the file runs them whether
        it is run or imported, or only run)."""
        return frozenset(self.called_outside) | (frozenset(self.guard_called) if with_guard else frozenset())

    def calls_made(self, with_guard: bool = True) -> list[str]:
        """Every call the file's functions, methods, module-level statements and (unless
        ``with_guard`` is false) `__main__` block make."""
        calls = [call for f in self.functions + self.methods for call in f.calls]
        calls += [call for call, _, _ in self.module_calls]
        if self.main_guard is not None and with_guard:
            calls += self.main_guard.calls
        return calls

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileFacts:
        guard = data.get("main_guard")
        return cls(
            path=data["path"],
            is_test=data.get("is_test", False),
            imports=tuple(ImportFact(**d) for d in data.get("imports", ())),
            objects=tuple(
                ObjectFact(**{**d, "keywords": tuple(d.get("keywords", ()))}) for d in data.get("objects", ())
            ),
            routes=tuple(RouteFact(**d) for d in data.get("routes", ())),
            mounts=tuple(MountFact(**d) for d in data.get("mounts", ())),
            tasks=tuple(TaskFact(**d) for d in data.get("tasks", ())),
            signals=tuple(SignalFact(**d) for d in data.get("signals", ())),
            loops=tuple(LoopFact(**d) for d in data.get("loops", ())),
            wrapper_loops=tuple(
                WrapperLoopFact(**{**d, "calls": tuple(d["calls"])}) for d in data.get("wrapper_loops", ())
            ),
            functions=_functions(data.get("functions", ())),
            methods=_functions(data.get("methods", ())),
            main_guard=(
                MainGuardFact(
                    **{
                        **guard,
                        "calls": tuple(guard["calls"]),
                        "dropped_calls": tuple(guard["dropped_calls"]),
                        "ignored_statuses": tuple(guard.get("ignored_statuses", ())),
                        "results_unchecked": tuple(guard.get("results_unchecked", ())),
                        "results_tested": tuple(guard.get("results_tested", ())),
                        "results_handed": tuple(guard.get("results_handed", ())),
                        "exit_values": tuple(guard.get("exit_values", ())),
                        "modes": tuple(tuple(branch) for branch in guard.get("modes", ())),
                        "literal_calls": tuple(guard.get("literal_calls", ())),
                        "sample_calls": tuple(guard.get("sample_calls", ())),
                    }
                )
                if guard
                else None
            ),
            script_line=data.get("script_line", 0),
            script_swallows=data.get("script_swallows", False),
            script_exit_values=tuple(data.get("script_exit_values", ())),
            script_results_tested=tuple(data.get("script_results_tested", ())),
            module_refs=tuple(tuple(r) for r in data.get("module_refs", ())),
            module_calls=tuple(tuple(c) for c in data.get("module_calls", ())),
            script_ignored_statuses=tuple(data.get("script_ignored_statuses", ())),
            scheduled=tuple(data.get("scheduled", ())),
            prompts=data.get("prompts", False),
            references=tuple(data.get("references", ())),
            process_targets=tuple(data.get("process_targets", ())),
            started=tuple(data.get("started", ())),
            loop_tasks=tuple(data.get("loop_tasks", ())),
            gathered=tuple(data.get("gathered", ())),
            guard_started=tuple(data.get("guard_started", ())),
            called_outside=tuple(data.get("called_outside", ())),
            guard_called=tuple(data.get("guard_called", ())),
            route_calls=tuple(data.get("route_calls", ())),
            startup_hooks=tuple(data.get("startup_hooks", ())),
            hook_registrars=tuple(data.get("hook_registrars", ())),
            text_refs=tuple(data.get("text_refs", ())),
            commands=tuple(data.get("commands", ())),
            classes=tuple(tuple(c) for c in data.get("classes", ())),
            run_loops=tuple(data.get("run_loops", ())),
            daemon_classes=tuple(data.get("daemon_classes", ())),
            oneshot_classes=tuple(data.get("oneshot_classes", ())),
            sets_daemon=data.get("sets_daemon", False),
            findings=tuple(LineFinding(**d) for d in data.get("findings", ())),
            rule_errors=tuple(tuple(e) for e in data.get("rule_errors", ())),
            suppressions=tuple((s[0], tuple(s[1]), s[2]) for s in data.get("suppressions", ())),
            compared=tuple(data.get("compared", ())),
            guarded_calls=tuple(data.get("guarded_calls", ())),
        )


@dataclass(frozen=True)
class FileError:
    """A file that could not be analysed, or a rule that failed on it."""

    path: str
    message: str
    line: int = 0
    kind: str = "parse"


@dataclass(frozen=True)
class Entrypoint:
    id: str
    path: str
    line: int
    kind: Kind
    framework: str
    module: str
    reach: tuple[str, ...] = ()

    @property
    def symbol(self) -> str:
        """What in its file the entrypoint is: a function or class name, ``__main__``, ``script``."""
        return self.id.rsplit(":", 1)[-1]


@dataclass(frozen=True)
class Finding:
    """A gap as reported: a line finding, or an entrypoint-level failed check."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    entrypoints: tuple[str, ...] = ()
    confidence: str = "high"
    baselined: bool = False


@dataclass(frozen=True)
class CheckResult:
    code: str
    name: str
    status: Status
    severity: Severity
    weight: int


@dataclass(frozen=True)
class EntrypointResult:
    entrypoint: Entrypoint
    score: int
    checks: tuple[CheckResult, ...]


@dataclass
class Report:
    root: str
    files: int
    score: int
    entrypoints: list[EntrypointResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    repository_checks: list[CheckResult] = field(default_factory=list)
    score_basis: str = "entrypoints"
    notices: list[str] = field(default_factory=list)


def _functions(rows: Any) -> tuple[FunctionFact, ...]:
    return tuple(
        FunctionFact(
            **{
                **d,
                "calls": tuple(d["calls"]),
                "ignored_statuses": tuple(d.get("ignored_statuses", ())),
                "steps": tuple(d.get("steps", ())),
                "results_unchecked": tuple(d.get("results_unchecked", ())),
                "results_tested": tuple(d.get("results_tested", ())),
                "decorators": tuple(d.get("decorators", ())),
            }
        )
        for d in rows
    )
