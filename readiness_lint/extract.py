"""Stage 3: one walk of a file's syntax tree turns it into plain facts.

The walk is hand-written over the fields that can hold code (a generic ``CSTVisitor``
costs as much again as the parse, because it visits every whitespace and token node).
Line rules hook into the same walk through :class:`Context`. Positions are computed once,
at the end, for the few nodes that produced a fact (:mod:`readiness_lint.locate`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from readiness_lint import names as n
from readiness_lint.config import RuleSettings
from readiness_lint.frameworks import (
    AIORUN_LOOP,
    API_CTORS,
    BEAT_SCHEDULER,
    BOT_FRAMEWORKS,
    BUSY_LOOP,
    BUSY_LOOP_LOCAL,
    COMMAND_CALLS,
    CONSUME_METHODS,
    CRONTAB,
    DOCKER_EVENTS,
    EVENT_LOOPS,
    EVENT_WAIT,
    EXIT_CALLS,
    FILE_FOLLOW,
    FLAGGED_CALL_DELETION,
    FUNCTION_APPS,
    GUARDED_DELETION,
    HOTQUEUE_LOOP,
    HTTP_VERBS,
    HTTP_WRITE_VERBS,
    HTTP_WRITES,
    INOTIFY_EVENTS,
    INTERACTIVE_CALLS,
    KUBERNETES_WATCH,
    LOOP_MODE,
    MATTERMOST_WEBSOCKET,
    MQTT_WAIT,
    PYINOTIFY_LOOP,
    REDDIT_STREAM,
    REPORT_PREFIXES,
    REQUESTS_SESSIONS,
    SCHED_LOOP,
    SCRATCH_DELETION,
    SEND_METHODS,
    SLEEPS,
    SOCKET_LOOP,
    SQL_STATEMENT_RUNS,
    STATUS_COMMANDS,
    THREAD_BASES,
    TIMED_WAIT,
    WATCHDOG_LOOP,
    WEB_MODULES,
    WORKER_CTORS,
    is_cron_job_base,
    is_entrypoint_ctor,
    is_http_write,
    is_view_base,
    remote_file_client,
)
from readiness_lint.model import (
    CATCH_ALL,
    HANDLE_COMMAND,
    MOUNTED,
    REQUEST_SCOPE,
    SCRAPY_SPIDER,
    VIEW_SCOPE,
    FileFacts,
    FunctionFact,
    ImportFact,
    LineFinding,
    LoopFact,
    MainGuardFact,
    MountFact,
    ObjectFact,
    RouteFact,
    SignalFact,
    TaskFact,
    WrapperLoopFact,
)
from readiness_lint.packaging import ENTRY_POINT

if TYPE_CHECKING:
    import libcst as cst
else:
    from readiness_lint._lazy_cst import cst

_WALK_FIELDS = frozenset(
    {
        "args",
        "bases",
        "body",
        "cases",
        "cause",
        "comparator",
        "comparisons",
        "decorator",
        "decorators",
        "default",
        "elements",
        "elt",
        "exc",
        "expression",
        "finalbody",
        "for_in",
        "func",
        "guard",
        "handlers",
        "ifs",
        "inner_for_in",
        "item",
        "items",
        "iter",
        "key",
        "keywords",
        "left",
        "lower",
        "upper",
        "step",
        "msg",
        "orelse",
        "params",
        "posonly_params",
        "kwonly_params",
        "star_arg",
        "star_kwarg",
        "parts",
        "rest",
        "right",
        "slice",
        "subject",
        "target",
        "targets",
        "test",
        "type",
        "value",
    }
)
_FIELDS_CACHE: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    found = _FIELDS_CACHE.get(cls)
    if found is None:
        names = getattr(cls, "__dataclass_fields__", {})
        found = tuple(name for name in names if name in _WALK_FIELDS)
        _FIELDS_CACHE[cls] = found
    return found


_IS_NODE: dict[type, bool] = {}


def _is_node_type(cls: type) -> bool:
    """``issubclass(cls, cst.CSTNode)``, remembered: libcst's classes are ABCs, and an
    ``isinstance`` against one is a Python-level call, on the walk's hottest path."""
    found = _IS_NODE.get(cls)
    if found is None:
        found = _IS_NODE[cls] = issubclass(cls, cst.CSTNode)
    return found


ROUTE_METHODS = frozenset(
    {
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "route",
        "api_route",
        "websocket",
        "trace",
        "view_config",
    }
)
ROUTE_ADDERS = frozenset(
    {
        "add_api_route",
        "add_url_rule",
        "add_route",
        "add_get",
        "add_post",
        "add_put",
        "add_patch",
        "add_delete",
        "add_head",
        "add_view",
        "add_websocket_route",
    }
)
# Route constructors whose first argument is a path: Starlette, aiohttp, Django.
ROUTE_CALLS = frozenset(
    {
        "starlette.routing.Route",
        "starlette.routing.WebSocketRoute",
        "aiohttp.web.get",
        "aiohttp.web.post",
        "aiohttp.web.put",
        "aiohttp.web.delete",
        "aiohttp.web.patch",
        "aiohttp.web.head",
        "aiohttp.web.route",
        "aiohttp.web.view",
        "django.urls.path",
        "django.urls.re_path",
        "django.conf.urls.url",
        "django.conf.urls.re_path",
    }
)
MOUNT_METHODS = {
    "include_router": 0,
    "register_blueprint": 0,
    "mount": 1,
    "add_subapp": 1,
    "register": 0,
    "add_routes": 0,  # aiohttp: app.add_routes(routes), routes = web.RouteTableDef()
    "blueprint": 0,  # Sanic: app.blueprint(bp)
    "register_functions": 0,  # Azure Functions: app.register_functions(bp)
}
_CURRENT_APP_SETUP = frozenset(
    {
        "celery.current_app.config_from_object",
        "celery.current_app.conf.update",
        "celery.current_app.autodiscover_tasks",
    }
)
# Calls whose whole answer is an exit status: dropped, a failed command goes unnoticed.
# (`luigi.build(tasks)` answers False when a task failed, and exits with nothing)
STATUS_CALLS = frozenset({"os.system", "subprocess.call", "subprocess.run", "luigi.build"})
# A process started and waited for in one expression: nothing is left to ask its exit status.
POPEN_COMMUNICATE = "subprocess.Popen().communicate"
_POPEN_UNCHECKED = frozenset({POPEN_COMMUNICATE, "subprocess.Popen().wait"})
# What a process object offers besides its exit status: reading these tells nothing of it.
# (a process the job stops itself, `proc.terminate()`, has no status to read: that counts as a read)
_POPEN_NO_STATUS = frozenset({"communicate", "stdout", "stderr", "stdin", "pid", "args"})
BROAD_EXCEPTIONS = frozenset({"", "Exception", "BaseException", "builtins.Exception"})
# Exceptions that mean the work itself failed: a command (here), or any error of the libraries in
# FAILURE_ROOTS (a request, a query). A handler that catches one and only reports it turns the
# failure into success.
FAILURE_EXCEPTIONS = frozenset(
    {"subprocess.CalledProcessError", "subprocess.TimeoutExpired", "subprocess.SubprocessError"}  # (the base of both)
)
# Libraries whose errors are the failure of the work itself: a query, a request, a transfer, a mail.
FAILURE_ROOTS = (
    "psycopg2.",
    "psycopg.",
    "pymysql.",
    "MySQLdb.",
    "mysql.connector.",
    "cx_Oracle.",
    "oracledb.",
    "pyodbc.",
    "pymssql.",
    "asyncpg.",
    "sqlite3.",
    "sqlalchemy.exc.",
    "pymongo.errors.",
    "requests.",
    "httpx.",
    "aiohttp.",
    "urllib.error.",
    "botocore.exceptions.",
    "boto3.exceptions.",
    "smtplib.",
    "ftplib.",
    "paramiko.",
    "googleapiclient.errors.",
    "google.api_core.exceptions.",
    "redis.exceptions.",
    "ccxt.",  # an exchange's API (`ccxt.NetworkError`, `ccxt.ExchangeError`)
    "slack_sdk.errors.",  # Slack's Web API read or changed as the work (not a notice posted: see `_only_posts`)
)
# ... except those that mean "already done": skipping a duplicate row is idempotence, not a lost failure.
_EXPECTED_FAILURES = frozenset(
    {
        "IntegrityError",
        "UniqueViolation",
        "DuplicateKeyError",
        "DuplicateTable",
        "DuplicateColumn",
        "DuplicateObject",
        "DuplicateDatabase",
        "DuplicateSchema",
        "NoSuchKey",
        "NoSuchBucket",
    }
)


_EXAMPLE_WORDS = frozenset({"example", "sample", "template"})
_SETTINGS_WORDS = frozenset(
    {
        "settings",
        "config",
        "configuration",
        "conf",
        "secret",
        "secrets",
        "credentials",
        "creds",
        "keys",
        "tokens",
        "local",
    }
)


def is_example_file(path: str) -> bool:
    """A settings file its name offers as a model to copy (``settings_example.py``,
    ``config.sample.py``, ``example_config.py``, ``local_settings.template.py``): the values in
    it are there to be replaced. (``email_template.py``, ``sample_loader.py``: code.)"""
    words = set(re.split(r"[._-]", path.rpartition("/")[2].lower().removesuffix(".py")))
    # (only those words: `config_template_renderer.py` is code)
    return bool(words & _EXAMPLE_WORDS) and bool(words & _SETTINGS_WORDS) and words <= _EXAMPLE_WORDS | _SETTINGS_WORDS


# What a driver raises on a duplicate key (sqlite3, psycopg2, PyMySQL, MySQLdb, SQLAlchemy; psycopg2's
# `errors.UniqueViolation`; pymongo's `DuplicateKeyError`)
DUPLICATE_KEY_ERRORS = frozenset({"IntegrityError", "UniqueViolation", "DuplicateKeyError"})


def duplicate_key(names: frozenset[str]) -> bool:
    """Exception names among which a duplicate key's is (see :data:`DUPLICATE_KEY_ERRORS`)."""
    return any(name.rpartition(".")[2] in DUPLICATE_KEY_ERRORS for name in names)


def duplicate_key_handled(names: frozenset[str], handler: cst.ExceptHandler, savepoint: bool = False) -> bool:
    """A handler for a duplicate key that handles it: it neither raises nor exits, and the driver's
    connection carries on after one (not PostgreSQL's driver, where the failed statement aborts the
    transaction: every later one fails until a rollback; SQLAlchemy's error, which may be
    PostgreSQL's, only with a `rollback()`)."""
    duplicate = [name for name in names if name.rpartition(".")[2] in DUPLICATE_KEY_ERRORS]
    if not duplicate or any(name.startswith(("psycopg", "asyncpg")) for name in duplicate):
        return False
    # (only what the handler does whatever happens: not `if "UNIQUE" not in str(exc): raise`, nor
    # a nested handler of the UPDATE it runs instead)
    for stmt in handler.body.body if isinstance(handler.body, cst.IndentedBlock) else ():
        for small in stmt.body if type(stmt) is cst.SimpleStatementLine else ():
            if stops(small) or (type(small) is cst.Expr and stops(small.value)):
                return False
    if any(name.startswith("sqlalchemy.") for name in duplicate):
        # (a rollback in the handler, or a savepoint around the insert, `with conn.begin_nested():`)
        calls = [n.callee(sub) or "" for sub in n.descendants(handler.body) if type(sub) is cst.Call]
        return any(call.endswith(".rollback") for call in calls) or savepoint
    return True


_PROCESS_EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})


# MySQL's error for a duplicate key (ER_DUP_ENTRY), as a handler tests the driver's error for it
_DUPLICATE_ENTRY = 1062


def skips_duplicate_entry(handler: cst.ExceptHandler) -> bool:
    """``except MySQLError as exc: if exc.errno == 1062: log.debug("duplicate"); return False``
    (also ``exc.args[0] == 1062``, ``errorcode.ER_DUP_ENTRY``): MySQL's duplicate key told apart by
    its number and skipped, the branch neither raising nor exiting (other errors may be raised
    after it); or every other error raised first, ``if exc.errno != ER_DUP_ENTRY: raise``."""
    if handler.name is None or type(handler.name.name) is not cst.Name:
        return False
    caught = handler.name.name.value
    for sub in n.descendants(handler.body):
        if type(sub) is not cst.If or type(sub.test) is not cst.Comparison:
            continue
        left, targets = sub.test.left, sub.test.comparisons
        tested = n.dotted(left) or ""
        if type(left) is cst.Subscript:
            tested = f"{n.dotted(left.value) or ''}[]"
        if tested not in {f"{caught}.errno", f"{caught}.args[]"} or len(targets) != 1:
            continue
        if type(targets[0].operator) not in (cst.Equal, cst.NotEqual):
            continue
        value = targets[0].comparator
        if not (
            (type(value) is cst.Integer and value.value == str(_DUPLICATE_ENTRY))
            or (n.dotted(value) or "").endswith("ER_DUP_ENTRY")
        ):
            continue
        if type(targets[0].operator) is cst.Equal:
            return not any(stops(part) for part in n.descendants(sub.body))
        # (`if err.errno != ER_DUP_ENTRY: raise`, then the duplicate skipped: the handler's own
        # statements after the test neither raise nor exit)
        rest = _block(handler.body)
        after = rest[rest.index(sub) + 1 :] if sub in rest else None
        return (
            after is not None
            and not any(stops(part) for stmt in after for part in n.descendants(stmt))
            and any(stops(part) for part in n.descendants(sub.body))
            # (not `else: log.error(...); sys.exit(1)`: the duplicate ends the run too)
            and not (sub.orelse is not None and any(stops(part) for part in n.descendants(sub.orelse)))
        )
    return False


def stops(node: cst.CSTNode) -> bool:
    """``raise ...``, or a call that ends the process (``sys.exit(1)``, ``os._exit(1)``)."""
    if type(node) is cst.Raise:
        return True
    return type(node) is cst.Call and ((name := n.callee(node) or "") in _PROCESS_EXITS or name.endswith("._exit"))


def is_failure_exception(name: str) -> bool:
    """An exception that means the job's own work failed."""
    if name in FAILURE_EXCEPTIONS:
        return True
    if not name.startswith(FAILURE_ROOTS):
        return False
    last = name.rpartition(".")[2]
    return last.endswith(("Error", "Exception", "Timeout")) and last not in _EXPECTED_FAILURES


LOGGING_CONFIG_CALLS = frozenset(
    {
        "logging.basicConfig",
        "logging.config.dictConfig",
        "logging.config.fileConfig",
        "structlog.configure",
        "structlog.configure_once",
        "loguru.logger.add",
        "loguru.logger.configure",
        "coloredlogs.install",
        "logzero.setup_logger",
        "logging_config.dictConfig",
        "litestar.logging.LoggingConfig",
        "litestar.logging.config.LoggingConfig",
        # Tornado's option parsing switches on its own log formatting (`--logging=info` by default)
        "tornado.options.parse_command_line",
        "tornado.options.options.parse_command_line",
        # RQ's own set-up, which `Worker.work()` calls (a loop taking the jobs itself may too)
        "rq.logutils.setup_loghandlers",
    }
)
METRICS_MODULES = (
    "prometheus_client",
    "statsd",
    "datadog",
    "opentelemetry.metrics",
    "opentelemetry.sdk.metrics",
    "prometheus_fastapi_instrumentator",
    "starlette_exporter",
    "starlette_prometheus",
    "prometheus_flask_exporter",
    "django_prometheus",
    "aioprometheus",
    "pystatsd",
    "markus",
    "opentelemetry.exporter.prometheus",
    "ddtrace.runtime",
    "newrelic",
    "aiodogstatsd",
    # values pushed to Zabbix trapper items (not `pyzabbix.ZabbixAPI`, which configures Zabbix)
    "pyzabbix.ZabbixSender",
    "pyzabbix.ZabbixMetric",
    "zabbix_utils.Sender",
    "zabbix_utils.AsyncSender",
)
HEARTBEAT_MODULES = (
    "cronitor",
    "sentry_sdk.crons",
    "healthchecks_io",
    "statsd",
    "datadog",
    # (a trapper item that stops receiving raises Zabbix's `nodata()` trigger)
    "pyzabbix.ZabbixSender",
    "zabbix_utils.Sender",
    "zabbix_utils.AsyncSender",
)
HEARTBEAT_CALLS = frozenset(
    {
        "prometheus_client.push_to_gateway",
        "prometheus_client.pushadd_to_gateway",
        "sentry_sdk.crons.monitor",
        "sentry_sdk.monitor",
        "sentry_sdk.capture_checkin",
        "sentry_sdk.crons.capture_checkin",
    }
)
_HEARTBEAT_WORD_PATTERN = (
    r"heartbeat|hc-ping\.com|healthchecks\.io|cronitor\.(?:io|link)|nosnch\.in|deadmanssnitch"
    r"|cronhub\.io|/api/v1/heartbeat"
)
# (and a Pushgateway's address, not prose about one)
_HEARTBEAT_TEXT = re.compile(_HEARTBEAT_WORD_PATTERN + r"|^\S*pushgateway\S*$", re.IGNORECASE)
# The same words in lower case, and the Pushgateway's address apart: see `_heartbeat_text`
_HEARTBEAT_WORDS = re.compile(_HEARTBEAT_WORD_PATTERN)
_PUSHGATEWAY = re.compile(r"\S*pushgateway\S*$", re.IGNORECASE)


def _heartbeat_text(text: str) -> bool:
    """``_HEARTBEAT_TEXT.search(text)``, asked of every string literal. A case-insensitive search
    of several words tries each word at every character; in lower case the search skips to the
    characters a word can start with, several times faster on long strings. (Only for ASCII text:
    case-insensitive matching also pairs a few other letters with ASCII ones, `ſ` with `s`.)"""
    if text.isascii():
        return _HEARTBEAT_WORDS.search(text.lower()) is not None or _PUSHGATEWAY.match(text) is not None
    return _HEARTBEAT_TEXT.search(text) is not None


# (a connection's keep-alive, `Keep_Alive_Interval = 45`, is no heartbeat)
# (nor is a health route's handler; `healthchecks`, the service healthchecks.io, and `hc_ping` are)
_HEARTBEAT_NAME = re.compile(
    r"heart_?beat|liveness|dead_?man|hc_?ping|healthchecks_?(?:io|\w*url|\w*ping)"
    # (a sign of life sent, marked or kept: `send_alive()`, `ALIVE_FILE`, `ALIVE_KEY`, `ALIVE_PING_URL`;
    # not a count, a flag or a check of something else alive, `alive_ships`, `still_alive`,
    # `alive_check(proxy)`, `set_alive(self, alive)`, `ALIVE_KEY_PATTERN`, nor `keep_alive`)
    r"|(?:^|_)(?:i_?am|im|send|touch|mark|report|update|write|signal|ping)_?alive(?:_|$)"
    r"|(?:^|_)alive_(?:ping_|push_)?(?:file|path|url|key|signal|marker|stamp|ts|msg|message|ping)$"
    # (`HEALTHCHECK_PING_URL`, `_ping_healthcheck()`; not `ping_healthchecks()`, a monitor polling others)
    r"|healthcheck_?ping|ping_?healthcheck(?!s)",
    re.IGNORECASE,
)
_METRICS_FILE = re.compile(r"(?:^|[/\\_\-.])metrics?(?:[\w\-.]*)\.(?:jsonl?|csv|prom|txt|ndjson)$", re.IGNORECASE)
CONSUMER_CTOR_SUFFIXES = ("Consumer", "KafkaConsumer", "AIOKafkaConsumer", "ServiceBusReceiver")
SERVICE_BUS_RECEIVER = "azure.servicebus.ServiceBusReceiver"
# python-crontab's crontab, when it is a file the project keeps (`tabfile=`): written, not wiped
CRONTAB_FILE = "crontab.CronTab(tabfile)"
_SERVICE_BUS_RECEIVERS = frozenset({"get_queue_receiver", "get_subscription_receiver"})
_PYKAFKA_CONSUMERS = {
    "get_simple_consumer": "pykafka.SimpleConsumer",
    "get_balanced_consumer": "pykafka.BalancedConsumer",
}


@dataclass
class _Frame:
    """Accumulates facts about a module-level function or the ``__main__`` block."""

    name: str
    line_node: cst.CSTNode
    calls: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # statement and assignment calls outside handlers
    returns_nonzero: bool = False
    returns_value: bool = False
    returns_zero: bool = False  # `return 0`
    returns_other: bool = False  # a return of any other value
    reports_catch_all: bool = False  # `except Exception as e: log.error(e)`, outside loops: only reported
    returns_after_report: bool = False  # a handler of the work's failure reports it, then `return`s
    exit_values: list[str] = field(default_factory=list)  # calls whose value it exits with
    swallows: bool = False
    decorators: tuple[str, ...] = ()
    wraps_catch_all: bool = False  # (see `FunctionFact.wraps_catch_all`)
    loses_failure: bool = False  # reports a failure of its own work and carries on
    loses_empty: bool = False  # reports a failure of its own work and returns an empty result (`return []`)
    # hands a Kafka producer a delivery callback that only reports a failed delivery
    delivery_lost: bool = False
    # the same, item after item, with no non-zero exit after it yet (`sys.exit(EX_SOFTWARE)` once
    # the items are done and some failed still tells)
    loses_in_loop: bool = False
    raises: bool = False  # raises outside any handler (a retry loop's "gave up")
    exits_nonzero: bool = False
    # a non-zero exit once the work has begun (or with its result: `sys.exit(main())`), not only
    # the usage check before it (`if len(sys.argv) != 2: print(usage); sys.exit(1)`)
    exits_after_work: bool = False
    # calls whose result was tested before a non-zero exit (see `FileFacts.script_results_tested`)
    tested_before_exit: set[str] = field(default_factory=set)

    def fails_here(self) -> None:
        """A failure exit (a non-zero `sys.exit`, an uncaught raise, `die(msg)`): the results tested
        so far are acted on."""
        self.tested_before_exit.update(self.results_tested)

    # Responses and processes whose failed status is only reported, and those checked after all
    # (`r.raise_for_status()`): the failure is lost when one is reported and never checked.
    status_reported: set[str] = field(default_factory=set)
    status_tested: set[str] = field(default_factory=set)  # responses whose status an `if` read already
    status_checked: set[str] = field(default_factory=set)
    # responses tested for success only by the function's last statement (see `_ends_function_on_success_only`)
    status_silent: set[str] = field(default_factory=set)
    exits_zero_in_handler: bool = False
    # exits with status 0 right after logging an error (`log.error(...); sys.exit()`): the process
    # ends there, wherever the function is
    exits_zero_on_error: bool = False
    loop_depth: int = 0
    depth: int = 1  # the scope depth of its own body: 1 for a function, 2 for a method of a class
    plain: bool = False  # only the project calls it (see `Extractor.call_scope`)
    route: bool = False  # a route handler: runs where its app serves requests
    retry_depth: int = 0  # enclosing bounded loops (`while tries > 0`, `for _ in range(3)`)
    gives_up: bool = False  # a retry loop that falls out silently once it gives up
    # attempts (`for attempt in range(5):` that backs off or breaks out) around a handler that
    # only reports each failed attempt: the failure is lost unless the function then hands on
    # what it got (or raises, exits)
    attempt_loops: list[cst.For] = field(default_factory=list)  # enclosing `for attempt in range(...)`
    reports_attempts: bool = False
    # a catch-all with no non-zero exit after it yet (see `loses_in_loop`)
    swallow_pending: bool = False
    # Failures handed back as a value: a handler or a failed status that reports the failure and
    # returns False or an error record (or None, when the function otherwise returns something).
    fails_with_value: bool = False
    fails_with_none: bool = False
    # `rows = fetch()`: names bound to what a call of this function returned, and the calls whose
    # result is tested where the failure branch only reports (the second item: it returns bare).
    results: dict[str, str] = field(default_factory=dict)
    results_lost: list[tuple[str, str, bool]] = field(default_factory=list)
    results_passed: set[str] = field(default_factory=set)  # returned or handed to an exit
    results_dropped: list[str] = field(default_factory=list)  # statement calls outside handlers
    results_tested: set[str] = field(default_factory=set)  # calls whose result an `if` asks about
    # calls whose result, kept under a name, it hands to another call, as "fetch>parse" (`data = fetch(); parse(data)`)
    results_handed: set[str] = field(default_factory=set)
    prompts: bool = False  # asks a person for input: a tool, not an unattended job (see `_asks`)

    @property
    def status_lost(self) -> bool:
        return bool(self.status_reported - self.status_checked)

    def loses_quietly(self) -> bool:
        """A failure of the work reported and then carried on from, handed back as nothing or
        fallen out of a retry (not an empty result handed back: see ``loses_empty``)."""
        return (
            self.loses_failure
            or (self.returns_after_report and not self.returns_value)
            or self.delivery_lost
            or (self.loses_in_loop and not (self.raises or self.returns_nonzero))
            or (self.gives_up and not (self.raises or self.exits_nonzero or self.returns_value))
            or (
                self.reports_attempts
                and not (self.raises or self.exits_nonzero or self.returns_nonzero or self.returns_value)
            )
        )

    def status_unchecked(self, response_hooks: bool) -> bool:
        """A status reported and never checked, or a response tested for success only and never
        checked, with no hook raising for every one."""
        return self.status_lost or (not response_hooks and bool(self.status_silent - self.status_checked))

    ignored_statuses: list[str] = field(default_factory=list)
    # `rc = os.system(cmd)`, `r = requests.post(...)`: a status kept in a name, and from which read
    # on it counts (the binding, or the start of the loop it is in: `while rc != 0: ... rc = ...`);
    # when each name was last read other than in a print or a log call (a count of reads), and the
    # names functions read (a module-level status, read when they run); the processes a status
    # came from (`code = proc.wait()`, then `return proc.returncode`).
    kept_statuses: dict[str, str] = field(default_factory=dict)
    kept_since: dict[str, int] = field(default_factory=dict)
    read_at: dict[str, int] = field(default_factory=dict)
    read_later: set[str] = field(default_factory=set)
    loop_reads: list[int] = field(default_factory=list)  # the read count as each enclosing loop began
    status_owners: dict[str, str] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)  # `global rc`

    def dropped_statuses(
        self, response_hooks: bool = False, read_elsewhere: frozenset[str] = frozenset()
    ) -> tuple[str, ...]:
        """The statuses dropped; with ``response_hooks`` (a hook checks every response the file's
        clients get), an HTTP write's response is not among them; ``read_elsewhere``: names read
        by the module's functions (the ``__main__`` block's names are module globals)."""
        kept = [
            call
            for name, call in self.kept_statuses.items()
            if self.read_at.get(name, -1) <= self.kept_since[name]
            and name not in self.read_later
            and name not in read_elsewhere
        ]
        if self.popens and _status_unread(self.line_node, self.popens, _COMMUNICATE):
            kept.append(POPEN_COMMUNICATE)
        if self.runs and _status_unread(self.line_node, self.runs, _RUN_OUTPUT):
            kept.append("subprocess.run")  # (`r = subprocess.run(cmd, capture_output=True)`, then `r.stdout`)
        dropped = dict.fromkeys(self.ignored_statuses + kept)
        return tuple(call for call in dropped if not (response_hooks and is_http_write(call)))

    popens: list[str] = field(default_factory=list)  # names bound to `subprocess.Popen(...)`
    runs: list[str] = field(default_factory=list)  # names bound to `subprocess.run(...)` without `check=`

    # Deletions wait for the end of the function: a path it deletes and then creates again
    # (`rmtree(d)` then `os.makedirs(d)`) is a working copy being refreshed, not data lost.
    deletions: list[tuple[cst.CSTNode, str, str]] = field(default_factory=list)
    recreated: set[str] = field(default_factory=set)
    # Files uploaded or sent (`sftp.put(path)`, `bot.send_document(chat, f)`), with the `if`/`else`
    # blocks they were shipped in (see `Extractor.branch`): removed there, they are the job's copies
    shipped: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Deletions, by node id, of a shipped file outside the block that shipped it: removed whether or
    # not it was shipped, so counted
    unshipped: set[int] = field(default_factory=set)
    # Files the function wrote or copied elsewhere (`open(p, "w")`, `shutil.copy(p, d)`), with the
    # branches they were written in: removed after that, in the same block or one inside it, they
    # are the job's own.
    kept: dict[str, tuple[tuple[int, ...], int]] = field(default_factory=dict)
    opened: dict[str, str] = field(default_factory=dict)  # `with open(path, "rb") as f_in`: f_in -> path
    # Names bound to what a function of this file returned (`pdf = self.download_pdf(url)`): the
    # name -> that function, as `Class.method` or `function`
    # (only a name bound to no other value but `None` in the function: not `path = args.input` in
    # one branch and `path = download(url)` in another; `pdf = None`, then `pdf = download(url)` in
    # an `if`, holds the download or nothing)
    # (or to each of several functions' results: `try: path = download(PRIMARY)` / `except: path = download(MIRROR)`)
    made_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bound: set[str] = field(default_factory=set)  # names bound to a value other than `None` here
    # Names bound to a temporary file or directory made here (`tmp = NamedTemporaryFile(delete=False)`), as above
    temporary: set[str] = field(default_factory=set)
    # Whether every value the function returns is a file it made (written, downloaded, a temporary
    # file), or nothing (`None`, `""`): True once one is, False once another value is
    returns_scratch: bool | None = None


@dataclass
class _Handler:
    broad: bool
    reraises: bool = False
    failure: bool = False  # it handles a failure of the work (`except requests.HTTPError`)
    stop: bool = False  # it only handles Ctrl-C (`except KeyboardInterrupt:`), no failure (not `SystemExit`)
    # it handles a missing module (`except ImportError:`): the imports there are a fallback
    import_fallback: bool = False


class Context:
    """What a line rule may ask about where it is, and how it reports."""

    def __init__(self, path: str, is_test: bool, settings: RuleSettings | None = None) -> None:
        self.path = path
        self.is_test = is_test
        self.example = is_example_file(path)
        self.settings = settings or RuleSettings()
        self.aliases: dict[str, str] = {}
        self.objects: dict[str, str] = {}
        # Names given items by a key that is no literal, or merged into, in a scope (`kwargs[name] =
        # value`, `kwargs |= extra`), by (scope, name): what they hold is not all written where bound
        self.filled: set[tuple[tuple[str, ...], str]] = set()
        # module-level functions returning a consumer or an HTTP client they built (or are annotated
        # to return: `def make_session() -> requests.Session`), as far as the walk has read
        self.factories: dict[str, str] = {}
        self.local_functions: set[str] = set()
        self.scope: list[str] = []
        self.caught: list[frozenset[str]] = []
        # the handlers of the `try` blocks being walked, with the exceptions each catches
        self.handled: list[tuple[tuple[frozenset[str], cst.ExceptHandler], ...]] = []
        self.exists_guards = 0
        self.absent_guards = 0  # the `if` branches taken only when a row looked up is not there
        self.lookups: frozenset[str] = frozenset()  # module-level functions that return a fetched row
        # the lookup functions each absent-row branch being walked was decided by (see `Extractor._lookups_tested`)
        self.absent_from: list[tuple[str, ...]] = []
        # module-level functions' positional parameters, in order (for rules that follow an
        # argument into the function it is handed to)
        self.signatures: dict[str, tuple[str, ...]] = {}
        self.conditions = 0  # the `if` statements (other than the `__main__` guard) being walked
        self.timeout_adapters: set[str] = set()  # the file's `HTTPAdapter` subclasses that set a timeout
        self.local_classes: set[str] = set()  # the classes the file defines
        # the sessions such an adapter is mounted on, by where they are bound (see `session_key`)
        self.timed_sessions: set[tuple[tuple[str, ...], str]] = set()
        self.in_main_guard = False
        self.in_docstring = False
        self.env_default_depth = 0
        self.fallback_literals: set[int] = set()  # ids of literals bound when a variable is not set
        # in a list of user records, each with a login and a password (`[{"email": ..., "password": "testing1"},
        # ...]`): accounts a demo or a test seeds, not the service's own credentials
        self.seed_records = False
        self.rule_notes: dict[str, Any] = {}  # what a rule keeps between its hooks, for this file only
        self.class_bases: list[tuple[str, ...]] = []
        self.params: list[frozenset[str]] = []
        self.annotations: list[dict[str, str]] = []  # the enclosing function's parameters' annotated types
        self.target = ""
        self.keyword_of: str | None = None  # the call whose keyword argument is being bound
        # the string entries of the dict literal whose entry is being bound (`{"host": ..., "user": ...}`)
        self.dict_strings: dict[str, str] = {}
        self.keyword_call: cst.Call | None = None  # that call itself (its other arguments, when a rule asks)
        self.removed: set[tuple[tuple[str, ...], str]] = set()  # (scope, path) removed so far (`rmtree(d)`)
        # (scope, name) of the files opened as logs kept by hand (`with open("cron/execute.log", "a") as f:`),
        # with the path each was opened on, and the paths opened to be read (a ledger read back is data)
        self.log_handles: dict[tuple[tuple[str, ...], str], str] = {}
        self.read_paths: set[str] = set()
        self.statement: cst.SimpleStatementLine | None = None  # the simple statement being walked
        self.blocks: list[int] = []  # ids of the indented blocks being walked, outermost first
        self._pending: list[tuple[cst.CSTNode | None, Callable[[int, int], Any], cst.CSTNode | None]] = []
        # The statements being walked, outermost first, each with its block and its index there
        # (the walker's own list), and the ones each node asked a position for was met in (see `locate`).
        self.stmt_stack: list[tuple[cst.Module | cst.IndentedBlock, int]] = []
        self.paths: dict[int, tuple[tuple[cst.Module | cst.IndentedBlock, int], ...]] = {}
        self.path_cut: int | None = None  # inside a `match`: its statement's depth (see `Extractor.visit_match`)
        self._reported: set[tuple[str, int]] = set()
        # The function a finding is in, for rules that count only where it is called (set by the walker).
        self.call_scope: Callable[[], str] = str

    # name resolution -------------------------------------------------------------
    def resolve(self, name: str | None) -> str | None:
        """Expand the first component of a dotted name through the file's imports."""
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        called = head.endswith("()")
        target = self.aliases.get(head[:-2] if called else head)
        if target is None:
            return name
        if called:
            target += "()"
        return f"{target}.{rest}" if dot else target

    def is_parameter(self, name: str) -> bool:
        """Whether a name's first component is a parameter of the enclosing function."""
        return bool(self.params) and name.split(".", 1)[0] in self.params[-1]

    def owner(self, name: str) -> str:
        """A route's or mount's owner as facts record it; ``""`` when it is a parameter (unknown object)."""
        if self.is_parameter(name):
            return ""
        resolved = self.resolve(name) or name
        # `@bottle.route("/")` fills Bottle's default app, whatever name the module bound it to
        return "" if resolved == "bottle" else resolved

    def session_key(self, name: str) -> tuple[tuple[str, ...], str]:
        """Where a session is kept: its class for ``self.session`` (mounted in ``__init__``,
        used in another method), else the scope it is named in (the module's for a global)."""
        if name.startswith("self.") and self.class_bases:
            return (tuple(self.scope[:-1]), name)
        return (tuple(self.scope), name)

    def has_timeout(self, name: str) -> bool:
        """A timeout adapter is mounted on the session ``name`` here."""
        return self.session_key(name) in self.timed_sessions or ((), name) in self.timed_sessions

    def object_ctor(self, name: str | None) -> str | None:
        """The constructor a local name was bound to (``s = requests.Session()``)."""
        if name is None:
            return None
        return self.objects.get(name)

    def built_by(self, name: str) -> str:
        """What made a name: its constructor here, or the type its parameter is annotated with."""
        return self.object_ctor(name) or (self.annotations[-1].get(name, "") if self.annotations else "")

    def was_removed(self, call: cst.Call) -> bool:
        """Whether this function (or module) removed what ``call`` creates earlier: a directory made
        again after ``shutil.rmtree(path)`` does not exist yet."""
        raw = n.callee(call) or ""
        path = _path_key(call, self.resolve(raw) or raw, raw)
        return bool(path) and (tuple(self.scope), path) in self.removed

    def catches(self, *exception_names: str) -> bool:
        """Whether an enclosing ``try`` or ``suppress`` catches one of these exceptions."""
        for caught in self.caught:
            for exc in caught:
                short = exc.rsplit(".", 1)[-1]
                if short in exception_names or exc in BROAD_EXCEPTIONS:
                    return True
        return False

    # reporting ---------------------------------------------------------------------
    def report(
        self,
        rule: str,
        node: cst.CSTNode,
        message: str,
        confidence: str = "high",
        key: str = "",
        start: cst.CSTNode | None = None,
        unless: Callable[[], bool] | None = None,
        deployed_only: bool = False,
        overridden_by: str = "",
        unless_module: str = "",
    ) -> None:
        """Report a finding at ``node``. ``key`` lets a project-wide stage recognise it later.
        ``start``: a call that holds ``node`` and may span several lines; the finding is reported
        where it starts, and a suppression comment on ``node``'s own line counts as well.
        ``unless``: asked once the whole file has been read; the finding is dropped if it holds.
        ``deployed_only``: the finding counts only where a deployment file runs this file.
        ``overridden_by``: a signal kind; the finding is dropped where a module that star-imports
        this one has that signal (`from .base import *` then `DEBUG = False`).
        ``unless_module``: a module name, as imported; the finding is dropped where it is one of the
        project's modules."""
        seen = (rule, id(node))
        if seen in self._reported:
            return
        self._reported.add(seen)
        in_main, scope = self.in_main_guard, self.call_scope()
        self.later(
            node,
            lambda line, col: (
                None
                if unless is not None and unless()
                else LineFinding(
                    rule=rule,
                    line=line,
                    column=col,
                    message=message,
                    confidence=confidence,
                    key=key,
                    in_main=in_main,
                    scope=scope,
                    deployed_only=deployed_only,
                    overridden_by=overridden_by,
                    unless_module=unless_module,
                )
            ),
            start=start,
        )

    def later(
        self,
        node: cst.CSTNode,
        make: Callable[[int, int], Any],
        position: bool = True,
        start: cst.CSTNode | None = None,
    ) -> None:
        """Build a fact once positions are known; ``position=False`` leaves its line at 0.
        (``start``: for a line finding, see :meth:`report`.)

        Positions cost a code-generation pass over the module, so facts that nobody shows
        to a user (imports, most signals) do not ask for one.
        """
        self._pending.append((node if position else None, make, start))
        if position and self.stmt_stack:
            path = self.paths[id(node)] = tuple(self.stmt_stack[: self.path_cut])
            if start is not None:
                self.paths[id(start)] = path


class Extractor:
    """Walks one module once; collects facts and runs the line rules' hooks."""

    def __init__(
        self,
        module: cst.Module,
        path: str,
        is_test: bool,
        rules: Sequence[Any],
        settings: RuleSettings | None = None,
        source: bytes | None = None,
    ) -> None:
        self.module = module
        self.source = source  # the bytes parsed, to place statements by their text (see `locate`)
        self.written_files: frozenset[str] | None = None  # (see `_written_files`)
        self.ctx = Context(path, is_test, settings)
        self.ctx.call_scope = self.call_scope
        configured = self.ctx.settings
        self.extra_signals: dict[str, str] = {}
        for kind, names in (
            ("heartbeat", configured.heartbeat_calls),
            ("metrics", configured.metrics_calls),
            ("logging-config", configured.logging_calls),
        ):
            for call_name in names:
                self.extra_signals[call_name] = kind
        self.rules = rules
        self.rule_errors: dict[str, str] = {}
        self.call_hooks = _hooks(rules, "on_call")
        self.string_hooks = _hooks(rules, "on_string")
        self.binding_hooks = _hooks(rules, "on_binding")
        self.extend_hooks = _hooks(rules, "on_extend")
        self.except_hooks = _hooks(rules, "on_except")
        self.fallback_hooks = _hooks(rules, "on_env_fallback")
        self.env_bound: dict[tuple[str, str], cst.Call] = {}  # `scope`, `name` -> the env read bound to it
        self.compared: set[str] = set()
        self.compared_names: set[str] = set()
        self.collections: dict[str, set[str]] = {}
        self.signals: list[Any] = []
        self.module_refs: list[tuple[str, str, int]] = []
        self.setup_py = self.ctx.path.rsplit("/", 1)[-1] == "setup.py"
        self.entry_group = ""  # the entry-point group a setup.py string is declared under
        self.subscribed: set[str] = set()
        self.controller_path = ""  # the `path` of the Litestar Controller being walked
        self.entry_classes: set[str] = set()  # classes of this file that subclass an app or worker class
        self.bases_by_class: dict[str, tuple[str, ...]] = {}  # the classes of this file, with their bases
        self.class_aliases: dict[str, str] = {}  # names bound to a class of this file, `Handler = MyHandler`
        self.resource_apis: set[str] = set()  # classes of this file that subclass Flask-RESTful's or RESTX's Api
        self.daemon_classes: set[str] = set()  # thread classes that make themselves daemons
        self.oneshot_classes: set[str] = set()  # chat clients that disconnect once the session starts
        self.run_loops: set[str] = set()  # classes whose `run()` loops forever (see FileFacts.run_loops)
        self.sets_daemon = False  # makes a thread or process a daemon somewhere (`t.daemon = True`)
        self.factories = self.ctx.factories
        # Functions of this file (`Class.method` or `function`) that return a file they made (see
        # `_Frame.returns_scratch`), and the names their results are handed to other functions'
        # parameters by: (function, position or keyword) -> the maker of each value handed ("" for
        # any other value)
        self.scratch_makers: set[str] = set()
        self.scratch_handed: dict[tuple[str, int | str], list[str]] = {}
        # Deletions of such a file, by the node: the signal kind they become when what they delete
        # proved to be one ("" for none), and the test of that
        self.scratch_deletions: dict[int, tuple[str, Callable[[], bool]]] = {}
        # The calls of each function of this file (by a bare name), whether each is made under an
        # option named for deleting (`if args.clean: remove_logs()`)
        self.flagged_calls: dict[str, bool] = {}
        # Names handed on to be called later (see `references`), but for `atexit.register`'s, whose
        # arguments are known (see `_hand_scratch`)
        self.handed_on: set[str] = set()
        self.scratch_calls: dict[str, int] = {}  # the calls of each function of this file (see `_hand_scratch`)
        # Plain names bound to what the command line asks (`clean = sys.argv[1] == "--clean"`)
        self.cli_flags: set[str] = set()
        self.routers: dict[str, str] = {}  # names bound to an app's router, by the app's name
        self.finally_depth = 0  # `finally:` blocks being walked
        # CherryPy: each class's exposed methods (node, path, method), and the classes served at the
        # root (`cherrypy.quickstart(Root())`, `cherrypy.tree.mount(Root(), "/")`): only their paths are known
        self.cherrypy_exposed: dict[str, list[tuple[cst.CSTNode, str, str]]] = {}
        self.cherrypy_roots: set[str] = set()
        self.frames: list[_Frame] = []
        self.module_frame = _Frame(name="<module>", line_node=module)
        self.numbers: set[str] = set()  # module-level names bound to a number literal
        self.functions: list[_Frame] = []
        self.methods: list[_Frame] = []
        self.guard: _Frame | None = None
        self.handlers: list[_Handler] = []
        # Exception classes of this file raised in place of a failure of the work
        # (`except requests.HTTPError as e: raise ApiError(url) from e`): failures too.
        self.wrapped_failures: set[str] = set()
        self.attempt = False  # handlers of a try that leaves its bounded loop once the work succeeds
        self.rows: set[str] = set()  # names bound to Django querysets and the rows a loop takes from them
        self.cloud_items: set[str] = set()  # what a loop takes from a boto3 resource collection (`ec2.volumes.all()`)
        self.cloud_lists: set[str] = set()  # names bound to one, or to a bucket's listing (`bucket.list_blobs()`)
        self.queue_tasks: set[str] = set()  # module-level functions registered as queue tasks (`@app.task`)
        self.strings: dict[str, str] = {}  # names and attributes bound to a string (`self.unzip_path = "tmp/"`)
        self.pinging = False  # handlers of a try that only pings a heartbeat: its failure is not the job's
        self.reading = False  # in the handlers of a `try` that only reads a file into names
        self.reading_own_file = False  # ... a file named by a literal or a constant: the job's own
        self.in_argv = False  # walking a deleting command's argument list
        self.commands: dict[str, tuple[str, list[str], bool]] = {}  # `scope:name` -> a command bound to it
        self.script_node: cst.CSTNode | None = None
        self.module_call_names: dict[str, str] = {}  # callee -> as written, first seen first
        self.scheduled: dict[str, None] = {}  # functions a scheduler in this file runs
        self.dag_tasks: dict[str, None] = {}  # functions an Airflow operator of this file runs
        self.job_queues: set[str] = set()  # names bound to a python-telegram-bot JobQueue
        self.report_helpers: dict[str, bool] = {}  # `def log(level, msg): print(...)`, and its level
        self._retry_loops: dict[int, bool] = {}
        self.router_prefixes: dict[str, str] = {}  # `router = APIRouter(prefix="/health")`: router -> prefix
        self.references: set[str] = set()  # names handed on as values (callbacks, dispatch tables)
        self.fetched: set[str] = set()  # "scope:name" bound to a lookup's result (`row = cur.fetchone()`)
        self.select_texts: set[str] = set()  # "scope:name" bound to a SELECT's text (`query = f"SELECT 1 ..."`)
        # "scope:name" bound to an existence check's answer (`found = os.path.exists(d)`: True) or to its
        # negation (`fresh = not os.path.isdir(d)`: False)
        self.exists_answers: dict[str, bool] = {}
        self.path_names: dict[str, str] = {}  # "scope:name" bound to a path object, `ledger = Path("sent.log")`
        self.fetched_from: dict[str, str] = {}  # ... by a call of the module's lookup function named
        self.class_constant: tuple[str, str] | None = None  # (class, name) whose string value is being walked
        # a class's string constants holding a deletion, and whether a method of the file used them
        self.class_deletions: dict[tuple[str, str], list[tuple[cst.CSTNode, str]]] = {}
        # Files named by a literal (`"auth.json"`): those the module opens for writing anywhere, and
        # the deletions naming one (by the call's id), withdrawn once the walk shows it written:
        # the job's own file, wherever in the module it is written and removed
        self.literal_writes: set[str] = set()
        self.literal_deletions: dict[int, str] = {}
        self.class_deletions_used: set[tuple[str, str]] = set()
        self.queue_workers: set[str] = set()  # functions a `@queue.worker` decorator makes a consume loop
        self.call_tally: dict[str, list[int]] = {}  # a called name: [calls where a key was found absent, calls]
        self.handles_duplicates: dict[int, bool] = {}  # a handler's id: it handles a duplicate key
        self.process_targets: set[str] = set()  # see FileFacts.process_targets
        self.started: set[str] = set()  # see FileFacts.started
        self.loop_tasks: set[str] = set()  # see FileFacts.loop_tasks
        self.gathered: set[str] = set()  # see FileFacts.gathered
        self.guard_started: set[str] = set()  # see FileFacts.guard_started
        self.threads_started_in: dict[str, set[str]] = {}  # module-level function -> thread targets it starts
        self.delete_flag_ifs = 0  # enclosing `if args.delete:` blocks (see `_tests_delete_flag`)
        self.self_started: set[str] = set()  # methods an object starts as its own threads
        self.callback_sets: set[str] = set()  # names a callback (`on_message`) binds: flags it may clear
        self.on_flags: set[str] = set()  # settings and attributes bound to on (`DELETE = True`, `self.x = True`)
        self.try_body: cst.BaseSuite | None = None  # the body of the `try` whose handlers are walked
        self.called_outside: set[str] = set()  # names called at module level or in a class body
        self.guard_called: set[str] = set()  # ... and in the `__main__` block
        self.registered = False  # in a decorated function: a framework calls it, not the project
        self.route_handlers: set[str] = set()  # functions a route decorator registers
        self.route_depth = 0  # inside the body of a route handler nested in a function (a factory's)
        self.route_calls: list[str] = []  # see FileFacts.route_calls
        self.startup_hooks: set[str] = set()  # see FileFacts.startup_hooks
        self.hook_registrars: set[str] = set()  # see FileFacts.hook_registrars
        self.text_refs: set[str] = set()  # see FileFacts.text_refs
        self.term_word = False  # a string "TERM" (a signal's name without its prefix)
        self.signal_by_name = False  # `getattr(signal, ...)`: a signal looked up by its name
        self.branch: tuple[int, ...] = ()  # the `if`/`else` blocks being walked, outermost first
        self.iterated: frozenset[str] = frozenset()  # names enclosing `for` loops bind (items that exist)
        self.followers: set[str] = set()  # names bound to a process following a log (`tail -f`)
        # module-level functions handing back an HTTP write's response unread, and the write
        self.response_returners: dict[str, str] = {}
        self.hug_api = False  # a module-level hug route seen: the module is a hug API
        self.cli_groups: set[str] = set()  # click groups (`@click.group() def cli():`) of this file
        self.cli_commands: dict[str, None] = {}  # functions registered on them or on a typer app
        self.prompts = False  # module-level code asks a person for input (see `_asks`)
        self.returning: _Frame | None = None  # the frame whose `return` value is being walked
        self.reporting = False  # inside the arguments of a print or a log call
        self.writing_text = False  # inside the arguments of a call writing text out (`f.write(...)`, `click.echo(...)`)
        self.storing = False  # walking the names an assignment binds
        self.looking_up = False  # in the handlers of a `try` that only looks settings up
        self.remote_io = False  # in the handlers of a `try` that works on an FTP or SFTP server
        self.try_ends_function = False  # in the handlers of a `try` that is its function's last statement
        self.tidying = False  # in the handlers of a `try` that only cleans up (`shutil.rmtree(workdir)`)
        self.reads = 0  # names read so far (see `_Frame.read_at`)
        # the statements being walked, outermost first: each with its block and its index there
        self.stmt_stack = self.ctx.stmt_stack
        self.sched_runs: list[tuple[cst.CSTNode, str]] = []  # `scheduler.run()` of a `sched.scheduler`
        self.sched_reenters = False  # a function puts itself back on a `sched` scheduler
        self.noticing = False  # in the handlers of a `try` whose body only sends a notice (see `visit_try`)
        self.module_functions: dict[str, cst.FunctionDef] = {}  # the module's own functions, by name (see `run`)
        # `if cur.fetchone()[0] > 0: continue`: the statements after it run only for a row not there
        # (each with the module's lookup functions its test read, see `Extractor._lookups_tested`)
        self.absent_after: dict[int, tuple[str, ...]] = {}
        self.guards_work = False  # the `try` whose handlers are being walked holds the work itself
        self.response_hooks = False  # a hook sees every response (`hooks=`, `event_hooks=`, `session.hooks`)
        self.stopped: set[str] = set()  # processes the code stops itself (`server.terminate()`)
        self._defined: frozenset[str] = frozenset()  # the module's own functions
        self._classes: dict[str, cst.ClassDef] = {}  # the module's own classes, by name
        self.mentions_sigterm = False
        self.installs_signal_handler: cst.CSTNode | None = None
        self.dispatch: dict[type, Callable[[Any], None]] = {
            cst.Import: self.visit_import,
            cst.ImportFrom: self.visit_import_from,
            cst.FunctionDef: self.visit_function,
            cst.ClassDef: self.visit_class,
            cst.If: self.visit_if,
            cst.IndentedBlock: self.visit_block,
            cst.SimpleStatementSuite: self.visit_suite,
            cst.Match: self.visit_match,
            cst.IfExp: self.visit_if_exp,
            cst.Try: self.visit_try,
            cst.ExceptHandler: self.visit_handler,
            cst.While: self.visit_while,
            cst.For: self.visit_for,
            cst.With: self.visit_with,
            cst.Call: self.visit_call,
            cst.Assign: self.visit_assign,
            cst.AugAssign: self.visit_aug_assign,
            cst.AnnAssign: self.visit_ann_assign,
            cst.NamedExpr: self.visit_named_expr,
            cst.SimpleString: self.visit_string,
            cst.ConcatenatedString: self.visit_string,
            cst.FormattedString: self.visit_fstring,
            cst.Dict: self.visit_dict,
            cst.Tuple: self.visit_collection,
            cst.Set: self.visit_collection,
            cst.List: self.visit_list,
            cst.Param: self.visit_param,
            cst.Return: self.visit_return,
            cst.Raise: self.visit_raise,
            cst.Expr: self.visit_expr,
            cst.Attribute: self.visit_attribute,
            cst.Name: self.visit_name,
            cst.Comparison: self.visit_comparison,
            cst.BooleanOperation: self.visit_boolean,
            cst.SimpleStatementLine: self.visit_statement_line,
            cst.Global: self.visit_global,
            cst.ListComp: self.visit_comprehension,
            cst.SetComp: self.visit_comprehension,
            cst.GeneratorExp: self.visit_comprehension,
            cst.DictComp: self.visit_comprehension,
        }

    def _fire(self, hooks: Sequence[tuple[str, Callable[..., None]]], *args: Any) -> None:
        """Call each rule's hook; one that raises disables its rule for this file, the reason kept."""
        errors = self.rule_errors
        for name, method in hooks:
            if name in errors:
                continue
            try:
                method(*args)
            except Exception as exc:  # a bug in one rule must not stop the others
                # The exception's text may quote the literal being judged (a secret): name the type only.
                errors[name] = type(exc).__name__

    # driver ------------------------------------------------------------------------
    def run(self) -> FileFacts:
        self._prescan_imports(self.module.body)
        self.report_helpers = self._reporting_functions(self.module.body)
        self.module_functions = {stmt.name.value: stmt for stmt in self.module.body if type(stmt) is cst.FunctionDef}
        # `def existing(key): return cur.execute("SELECT ...", (key,)).fetchone()`: a lookup's result
        # (also rows fetched into a name first: `rows = cur.fetchall()` then `return [r[0] for r in rows]`)
        self.ctx.lookups = frozenset(name for name, stmt in self.module_functions.items() if _returns_fetched(stmt))
        body = self.module.body
        # A package's `__main__.py` (run by `python -m package`) is one big `__main__` block.
        as_main = self.ctx.path.rsplit("/", 1)[-1] == "__main__.py" and not any(
            type(stmt) is cst.If and _is_main_guard(stmt.test) for stmt in body
        )
        if not as_main:
            self._find_script(body)
            self._defined = frozenset(stmt.name.value for stmt in body if type(stmt) is cst.FunctionDef)
            self._classes = {stmt.name.value: stmt for stmt in body if type(stmt) is cst.ClassDef}
            self._module_calls(body)
        for index, stmt in enumerate(body):
            self.ctx.in_docstring = index == 0 and _is_docstring(stmt)
            self.stmt_stack.append((self.module, index))
            if as_main and not self.ctx.in_docstring and not _is_definition(stmt):
                self._walk_as_main(stmt)
            else:
                self.walk(stmt)
            self.stmt_stack.pop()
            self.ctx.in_docstring = False
            if type(stmt) is cst.If and id(stmt) in self.absent_after:
                # (a script's `if cur.fetchone()[0] > 0: sys.exit(0)`: the rest of the file runs
                # only where the key is absent)
                self.ctx.absent_guards += 1
                self.ctx.absent_from.append(self.absent_after[id(stmt)])
        self.ctx.absent_guards = 0
        self.ctx.absent_from.clear()
        return self._finish()

    def _walk_as_main(self, stmt: cst.CSTNode) -> None:
        if self.guard is None:
            self.guard = _Frame(name="__main__", line_node=stmt)
        saved = self.frames
        self.frames = [self.guard]
        self.ctx.in_main_guard = True
        self.walk(stmt)
        self.ctx.in_main_guard = False
        self.frames = saved

    def walk(self, node: cst.CSTNode) -> None:
        handler = self.dispatch.get(type(node))
        if handler is not None:
            handler(node)
        else:
            self.generic(node)

    def generic(self, node: cst.CSTNode) -> None:
        is_node = _IS_NODE.get
        for name in _fields(type(node)):
            value = getattr(node, name)
            kind = type(value)
            if kind is list or kind is tuple:
                for item in value:
                    known = is_node(type(item))
                    if known or (known is None and _is_node_type(type(item))):
                        self.walk(item)
            elif value is not None:
                known = is_node(kind)
                if known or (known is None and _is_node_type(kind)):
                    self.walk(value)

    def walk_all(self, nodes: Sequence[cst.CSTNode]) -> None:
        for node in nodes:
            self.walk(node)

    # imports -----------------------------------------------------------------------
    def _prescan_imports(self, body: Sequence[cst.CSTNode]) -> None:
        """Bind module-level import aliases first, so uses above an import resolve too."""
        for stmt in body:
            if type(stmt) is cst.SimpleStatementLine:
                for small in stmt.body:
                    if type(small) is cst.Import or type(small) is cst.ImportFrom:
                        self._bind_import(small, record=False)
            elif type(stmt) is cst.Try or type(stmt) is cst.If:
                self._prescan_imports(stmt.body.body)

    def visit_import(self, node: cst.Import) -> None:
        self._bind_import(node, record=True)

    def visit_import_from(self, node: cst.ImportFrom) -> None:
        self._bind_import(node, record=True)

    def _bind_import(self, node: cst.Import | cst.ImportFrom, record: bool) -> None:
        ctx = self.ctx
        if self.handlers and self.handlers[-1].import_fallback:
            # `try: from http.server import HTTPServer` / `except ImportError: from BaseHTTPServer
            # import HTTPServer`: a name keeps what the `try` bound (an old Python's module is the fallback)
            bound_before = dict(ctx.aliases)
            self._bind_names(node, record)
            ctx.aliases.update(bound_before)
            return
        self._bind_names(node, record)

    def _bind_names(self, node: cst.Import | cst.ImportFrom, record: bool) -> None:
        ctx = self.ctx
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = n.dotted(alias.name) or ""
                if alias.asname is not None and type(alias.asname.name) is cst.Name:
                    bound = alias.asname.name.value
                    ctx.aliases[bound] = full
                else:
                    bound = full.split(".")[0]
                    ctx.aliases.setdefault(bound, bound)
                if record:
                    self._record_import(node, full, 0, None, bound)
            return
        level = len(node.relative)
        module = n.dotted(node.module) if node.module is not None else ""
        module = module or ""
        prefix = "." * level + module
        if isinstance(node.names, cst.ImportStar):
            for exported in _STAR_EXPORTS.get(module, ()) if not level else ():
                # `from flask import *` then `Flask(__name__)`: the framework's own classes
                ctx.aliases.setdefault(exported, f"{module}.{exported}")
            if record:
                self._record_import(node, module, level, "*", "*")
            return
        for alias in node.names:
            name = n.dotted(alias.name) or ""
            bound = name
            if alias.asname is not None and type(alias.asname.name) is cst.Name:
                bound = alias.asname.name.value
            ctx.aliases[bound] = f"{prefix}.{name}" if module else f"{prefix}{name}"
            if record:
                self._record_import(node, module, level, name, bound)

    def _record_import(self, node: cst.CSTNode, module: str, level: int, name: str | None, alias: str) -> None:
        self.ctx.later(
            node,
            lambda line, col: ImportFact(module=module, level=level, name=name, alias=alias, line=line),
            position=False,
        )
        full = f"{module}.{name}" if name and name != "*" else module
        if level == 0:
            if (
                full.startswith(METRICS_MODULES)
                or module.startswith(METRICS_MODULES)
                or (_METRICS_PART.search(full) and not _METRICS_READ.search(full))
            ):
                self.signal(node, "metrics", module)
            if module.split(".", maxsplit=1)[0] == "loguru":
                self.signal(node, "logging-config", module)  # loguru logs with time and level unconfigured
            elif module.split(".", maxsplit=1)[0] in {"prefect", "airflow"}:
                # (importing either configures logging: Prefect's `setup_logging()`, Airflow's
                # `settings.initialize()`, both run by the package's `__init__`)
                self.signal(node, "logging-config", module)
            if full.startswith(HEARTBEAT_MODULES) or module.startswith(HEARTBEAT_MODULES):
                self.signal(node, "heartbeat", module)

    # facts helpers -----------------------------------------------------------------
    def call_scope(self) -> str:
        """The function whose call runs the code being walked: a module-level function, or a
        method of a class with no bases (a framework calls no method of it); "" at module level,
        in the `__main__` block, in a function a decorator registers with a framework, and in a
        method named like a hook Scrapy calls on the components its settings name (`process_item`,
        in any class with no bases). A class-based view's HTTP method (`ItemResource.delete`) has its
        name marked with `REQUEST_SCOPE`: a request calls it, no code by name."""
        if self.frames and self.frames[-1].route:
            return self.frames[-1].name  # (counted for the apis that serve it: see `CallGraph.served`)
        if self.frames and self.frames[-1].depth == 1 and self.frames[-1].name in self.queue_tasks:
            return self.frames[-1].name  # a queue's task: run by workers (see `CallGraph.queued`), or where called
        if not self.frames or self.registered or self.frames[-1].name == "__main__":
            return ""
        if self.frames[-1].depth == 2 and self.frames[-1].name.rpartition(".")[2] in _FRAMEWORK_HOOKS:
            return ""  # a pipeline's `process_item`: Scrapy calls it on the class its settings name
        # (`class Database(object):` has no bases either: nothing else calls its methods)
        bases = set(self.ctx.class_bases[-1]) - _NO_BASE if self.ctx.class_bases else set()
        # (nor does a project's own interface, `class PostgresDbManager(DbManagerInterface)`)
        bases = {base for base in bases if not self._project_interface(base)}
        plain = self.frames[-1].depth == 1 or not bases
        handler = self._request_handler(bases) if not plain else None
        if handler is not None:
            # (`class RecipientResource(Resource): def delete(self, id):` answers an HTTP request, which
            # no job sends: a scope no code calls by name, though the class is handed to the api; for
            # a base of another module, the project stage finds out, see `VIEW_SCOPE`)
            return self.frames[-1].name + (REQUEST_SCOPE if handler else VIEW_SCOPE)
        # (a django-cron job class's `do()`: run for that job alone, see `Service.runs_scope`)
        cron_job = any(is_cron_job_base(base) for base in bases)
        return self.frames[-1].name if plain or cron_job else ""

    def _request_handler(self, bases: set[str]) -> bool | None:
        """Whether the method being walked answers an HTTP verb of a web framework's class-based view
        or resource (Flask-RESTful's ``Resource``, Flask's ``MethodView``, Django's and DRF's views,
        Tornado's ``RequestHandler``, aiohttp's ``View``, Starlette's ``HTTPEndpoint``), also through
        a base of this file's (`class AuthResource(Resource)`): True; False where a base of another
        module of the project may be one (left to the project stage); None otherwise."""
        method = self.frames[-1].name.rpartition(".")[2]
        if method.upper() not in _HTTP_METHODS:
            return None
        seen: set[str] = set()
        todo = list(bases)
        imported = False
        while todo:
            base = todo.pop()
            if is_view_base(base):
                return True
            if base not in seen and base in self.bases_by_class:
                seen.add(base)
                todo.extend(self.bases_by_class[base])
            elif "." in base and not base.startswith(_FRAMEWORK_ROOTS):
                imported = True
        return False if imported else None

    def _route(
        self, call: cst.Call | None, owner: str, handler: str, node: cst.CSTNode, *, wraps_app: bool = False
    ) -> None:
        """The route a decorator ``@owner.route(path)`` (``.get``, ``.post``...) adds, for a function
        or a resource class (``wraps_app``: the owner serves on the app it was built around)."""
        path = ""
        if call is not None:
            args = n.positional(call)
            first = args[0].value if args else None
            kw = n.keyword(call, "path") or n.keyword(call, "rule")
            if first is None and kw is not None:
                first = kw.value
            if first is not None:
                path = n.string_value(first) or self.module.code_for_node(first)
        owner_r = "" if wraps_app else self.ctx.owner(owner)
        if self.router_prefixes.get(owner):
            path = self.router_prefixes[owner].rstrip("/") + "/" + path.lstrip("/")
        self.ctx.later(node, lambda line, col: RouteFact(owner=owner_r, path=path, handler=handler, line=line))

    def _class_route(self, decorator: cst.BaseExpression, name: str, node: cst.ClassDef) -> None:
        """``@app.route("/")``, ``@ns.route("/health")`` on a resource class (Quart-OpenAPI's ``Pint``,
        Flask-RESTX, flask-smorest's blueprints on a ``MethodView``): its methods answer the path."""
        if type(decorator) is not cst.Call:
            return
        owner, _, method = (n.callee(decorator) or "").rpartition(".")
        if method in ROUTE_METHODS and owner and n.positional(decorator):
            # (Flask-RESTX's `api = Api(app)` and the namespaces it makes, `ns = api.namespace("todos")`,
            # serve on the app, as its `add_resource` does)
            ctor = self.ctx.object_ctor(owner) or ""
            apis = _RESOURCE_APIS | self.resource_apis
            wraps = ctor in apis or ctor == "flask_restx.Namespace"
            wraps = wraps or (ctor.endswith(".namespace") and self.ctx.object_ctor(ctor[: -len(".namespace")]) in apis)
            self._route(decorator, owner, name, node, wraps_app=wraps)

    def _project_interface(self, base: str) -> bool:
        """A base class that is no framework's: ``abc.ABC``, or a class of the file that itself
        derives from nothing or from ``ABC`` (one imported from another module cannot be told
        from a framework's base here: `pipeline.TaskInterface` may derive from `luigi.Task`)."""
        if base in _INTERFACE_BASES:
            return True
        local = self._classes.get(base)
        return local is not None and all(
            (n.dotted(arg.value) or "") in _INTERFACE_BASES | {"object"} for arg in local.bases
        )

    def signal(self, node: cst.CSTNode, kind: str, detail: str = "") -> None:
        scope = ""
        if kind == "destructive" and self.class_constant is not None:
            # `TRUNCATE_SQL = "TRUNCATE TABLE entities"` in a class body: the deletion is run by the
            # methods that use it (`self.TRUNCATE_SQL`), counted where they are called
            self.class_deletions.setdefault(self.class_constant, []).append((node, detail))
            return
        if kind == "destructive":
            scope = self.call_scope()
            self.ctx.later(node, self._deletion_fact(node, detail, scope), position=kind in ANCHOR_SIGNALS)
            return
        elif kind == "logging-config" and self.ctx.in_main_guard:
            scope = "__main__"  # (set up only when the file itself is run)
        elif kind == GUARDED_DELETION:
            scope = self.call_scope()  # (counted where its function runs, as a deletion is)
        self.ctx.later(
            node,
            lambda line, col: SignalFact(kind=kind, line=line, detail=detail, scope=scope),
            position=kind in ANCHOR_SIGNALS,
        )

    def _deletion_fact(self, node: cst.CSTNode, detail: str, scope: str) -> Callable[[int, int], SignalFact | None]:
        """A deletion's signal, decided once the whole file is read: none for a file the module
        writes under that name somewhere (`open("auth.json", "w")`, before or after) or a scratch
        file a function of the file made and returned; `SCRATCH_DELETION` for one a method made, or
        one every call in the file hands the function (see `_scratch_deletion`);
        `FLAGGED_CALL_DELETION` in a module-level function the file calls only under an option
        named for deleting (`if args.clean: remove_logs()`) and hands nowhere."""
        literal = self.literal_deletions.get(id(node))
        written = self.literal_writes
        scratch = self.scratch_deletions.get(id(node))
        function = scope if scope and "." not in scope else ""
        flagged, references = self.flagged_calls, self.references

        def fact(line: int, col: int) -> SignalFact | None:
            if literal is not None and literal in written:
                return None
            if scratch is not None and scratch[1]():
                return SignalFact(kind=scratch[0], line=line, detail=detail, scope=scope) if scratch[0] else None
            only_flagged = bool(function) and function not in references and flagged.get(function, False)
            kind = FLAGGED_CALL_DELETION if only_flagged else "destructive"
            return SignalFact(kind=kind, line=line, detail=detail, scope=scope)

        return fact

    def _refer(self, value: cst.BaseExpression, *, exit_hook: bool = False) -> None:
        """``Thread(target=purge)``, ``{"purge": purge}``: a function handed on, to be called later
        (with ``exit_hook``, by `atexit` with the arguments given beside it: see `_hand_scratch`)."""
        # (exact types: isinstance on libcst's ABC-based nodes is slow, and this runs per argument)
        if type(value) is cst.Name:
            self.references.add(value.value)
            if not exit_hook:
                self.handed_on.add(value.value)
        elif type(value) is cst.Attribute:
            self.references.add(value.attr.value)

    def _a_number(self, value: cst.BaseExpression) -> bool:
        """A number written out, or a module constant bound to one (not a parameter that may be
        None: `def main(timeout=None): future.result(timeout=timeout)` waits for ever by default)."""
        if type(value) in (cst.Integer, cst.Float):
            return True
        return (
            type(value) is cst.Name
            and value.value in self.numbers
            and not any(value.value in params for params in self.ctx.params)
        )

    def _consumes_at_module_level(self, node: cst.Call, owner: str) -> bool:
        """``conn.consume("jobs", callback)`` as a statement of the module itself, on a client a
        library built, handing it a function of this file: the client consumes into the callback
        for as long as the process runs (the script's last word)."""
        ctx = self.ctx
        ctor = ctx.object_ctor(owner) or ""
        return (
            not ctx.scope
            and not self.frames
            and "." in ctor
            and ctor.split(".")[0] not in ctx.local_functions
            and any(type(a.value) is cst.Name and a.value.value in ctx.local_functions for a in node.args)
        )

    def _deletions_frame(self) -> _Frame | None:
        """Where a deletion waits for the end of its code (see `_Frame.deletions`): the function
        or `__main__` block being walked, or the module's own statements (not a class body)."""
        if self.frames:
            return self.frames[-1]
        return None if self.ctx.scope else self.module_frame

    def _frame(self) -> _Frame:
        """The frame facts go to: the top-level function or `__main__` block being walked, else the module."""
        return self.frames[-1] if self.frames else self.module_frame

    def scope_name(self) -> str:
        return ".".join(self.ctx.scope)

    # statements --------------------------------------------------------------------
    def _find_script(self, body: Sequence[cst.CSTNode]) -> None:
        """A module that does work at import time (loops, ``with`` blocks, or parsing its
        command line at module level) is a script."""
        # (the whole program wrapped in a `try:` at module level, `except Exception as ex: print(ex)`;
        # not an optional step, `try: with open(SETTINGS) as fh: ...` / `except FileNotFoundError: pass`)
        tried = [
            inner
            for stmt in body
            # (or `try: ... finally: session.close()`, no handler at all, or one that exits:
            # `except requests.RequestException: print(e); sys.exit(1)`)
            if type(stmt) is cst.Try
            and (
                not stmt.handlers
                or any(_catches_all(handler, self.ctx) or self._leaves(handler.body) for handler in stmt.handlers)
            )
            for inner in stmt.body.body
        ]
        if not any(
            type(stmt) in (cst.For, cst.While)
            or (type(stmt) is cst.With and not _only_binds(stmt))
            or _checked_loop(stmt)
            for stmt in (*body, *tried)
        ) and not any(_parses_arguments(stmt) or _writes_rows(stmt) for stmt in body):
            return
        for index, stmt in enumerate(body):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or (index == 0 and _is_docstring(stmt)):
                continue
            if type(stmt) is cst.SimpleStatementLine and all(
                isinstance(small, (cst.Import, cst.ImportFrom)) for small in stmt.body
            ):
                continue
            self.script_node = stmt
            return

    def _module_calls(self, body: Sequence[cst.CSTNode], nested: bool = False) -> None:
        """Calls made by expression statements at module level, in blocks too, but not in
        functions, classes or the ``__main__`` block: ``main()``, ``db.dump()``, ``bot.run(token)``.
        An exit inside a block is an import-time guard (``except ImportError: sys.exit(1)``): left out."""
        for stmt in body:
            if len(self.module_call_names) >= _MAX_MODULE_CALLS:
                return
            if type(stmt) is cst.SimpleStatementLine or type(stmt) is cst.SimpleStatementSuite:
                for small in stmt.body:
                    if (
                        type(small) is cst.Raise
                        and type(small.exc) is cst.Call
                        and _exits_with_run(small.exc, self._defined, self.ctx)
                    ):
                        if n.callee(small.exc) == "SystemExit":
                            # (`raise SystemExit(main())`: the program run, its status the exit's)
                            self.module_call_names.setdefault("sys.exit", "SystemExit")
                        continue
                    value = small.value if type(small) is cst.Expr else None
                    assigned = small.value if type(small) is cst.Assign else None
                    if type(assigned) is cst.Attribute and assigned.attr.value in _ROW_COUNTS:
                        assigned = assigned.value  # (`deleted = db.execute("DELETE ...").rowcount`)
                    if type(small) is cst.Assign and type(assigned) is cst.Call:
                        # `response = sqs.send_message(...)`: a send kept for its answer; `df = query()`:
                        # a function of this file run for its result (not `LOG_RE = compile_regex()`,
                        # a constant computed once, nor `app = create_app()` from another module)
                        sent = n.callee(assigned) or ""
                        target = small.targets[0].target
                        variable = type(target) is cst.Name and not target.value.isupper()
                        resolved = self.ctx.resolve(sent)
                        kept = sent.rpartition(".")[2] in SEND_METHODS or (
                            variable
                            and (
                                sent in self._defined
                                # (`result = curs.execute(sql, limit)`: SQL run, its row count kept; not
                                # a schema set up, `cur = con.execute("CREATE TABLE ...")`)
                                or (sent.rpartition(".")[2] in SQL_STATEMENT_RUNS and not _schema_setup(assigned))
                                # (`try: backup = NightlyBackup(...)`: a class of the file built in the
                                # script's `try`, which may work as it is built)
                                or (nested and sent in self._classes)
                                or resolved in STATUS_COMMANDS
                                or resolved in HTTP_WRITES
                                # (`chat_id = loop.run_until_complete(get_chat_id(token))`: a coroutine of
                                # the file run for its result; not `pool = loop.run_until_complete(create_pool())`)
                                or (
                                    (resolved == "asyncio.run" or sent.rpartition(".")[2] == "run_until_complete")
                                    and _runs_local(assigned, self._defined)
                                )
                                # (`MyProcessor = Consumer()`, a class of the file that consumes as it is built)
                                or (sent in self._classes and _runs_in_init(self._classes[sent]))
                            )
                        )  # (`exit_code = os.system(cmd)`: a command run for its status; `res = requests.post(...)`)
                        value = assigned if kept else None
                    if type(value) is cst.Await:
                        value = value.expression
                    raw = n.callee(value) if type(value) is cst.Call else None
                    name = self.ctx.resolve(raw) if raw else None
                    if type(value) is cst.Call and _schema_setup(value):
                        continue  # `conn.execute("CREATE TABLE IF NOT EXISTS ...")`: set-up, not a run's work
                    # (but `try: sys.exit(main())` / `except Exception: ...` runs the program, whatever
                    # its main is called or wherever it comes from: no guard)
                    guard = (
                        nested
                        and name in EXIT_CALLS
                        and not (type(value) is cst.Call and _exits_with_run(value, self._defined, self.ctx))
                    )
                    if raw and name and not guard:
                        self.module_call_names.setdefault(name, raw)
            elif type(stmt) is cst.If:
                if _is_main_guard(stmt.test):
                    continue
                branch: cst.If | cst.Else | None = stmt
                while branch is not None:
                    self._module_calls(_block(branch.body), nested=True)
                    branch = branch.orelse if type(branch) is cst.If else None
            elif type(stmt) is cst.With or type(stmt) is cst.For or type(stmt) is cst.While:
                self._module_calls(_block(stmt.body), nested=True)
            elif type(stmt) is cst.Try:
                self._module_calls(_block(stmt.body), nested=True)
                for handler in stmt.handlers:
                    if not _exception_names(handler.type, self.ctx) & {"ImportError", "ModuleNotFoundError"}:
                        # (`except ImportError: subprocess.check_call([pip, "install", ...])` sets up, does no work)
                        self._module_calls(_block(handler.body), nested=True)
                for extra in (stmt.orelse, stmt.finalbody):
                    if extra is not None:
                        self._module_calls(_block(extra.body), nested=True)

    def visit_function(self, node: cst.FunctionDef) -> None:
        ctx = self.ctx
        name = node.name.value
        if not ctx.scope:
            ctx.signatures[name] = tuple(p.name.value for p in (*node.params.posonly_params, *node.params.params))
        decorators: list[cst.BaseExpression] = []  # each as named, its arguments left out (`@send_mail()`)
        for decorator in node.decorators:
            self._decorator(decorator.decorator, name, node)
            self.walk(decorator.decorator)
            found = decorator.decorator
            found = found.func if type(found) is cst.Call else found
            decorators.append(found)
            if not ctx.scope and node.params.params and type(found) is cst.Attribute and found.attr.value == "worker":
                # `@queue.worker def execute_job(jid):` (HotQueue): called with no argument, the
                # function takes message after message from the queue, for ever
                self.queue_workers.add(name)
        if not ctx.scope:
            ctx.local_functions.add(name)
        if _says_heartbeat(name):
            self.signal(node, "heartbeat", name)
        # What a serverless host may call: an undecorated module-level function (the runtime calls it)
        hosted = not ctx.scope and not node.decorators
        filename = ctx.path.rpartition("/")[2]
        lambda_handler = hosted and _lambda_handler(node.params, filename, name)
        if lambda_handler:
            self.signal(node, "lambda-handler", name)  # `def handler(event, context)`: AWS Lambda runs it
            http = _reads_http_event(node)
            if http or (http is not None and _answers_http(node, ctx)):
                # `event["body"]`: a request from API Gateway; a response with headers for a browser
                self.signal(node, "lambda-http", name)
        # (the function.json model's default script and entry point: `__init__.py`, `main`; a helper
        # of shared code that takes a `func.HttpRequest` is no function the host runs)
        trigger = _azure_trigger(node.params, ctx) if hosted and name == "main" and filename == "__init__.py" else ""
        if trigger:
            # `def main(mytimer: func.TimerRequest)` beside a function.json: the Functions host runs it
            self.signal(node, "azure-function", trigger)
        elif hosted and filename == "main.py" and _reads_http_request(node):
            # `def insert(request): data = request.get_json()` in a Cloud Function's main.py (gen1)
            self.signal(node, "cloud-function", f"request:{name}")
            trigger = "request"
        self.walk(node.params)
        # (a route handler defined in the `__main__` block runs per request where the app serves,
        # not as the block runs: a function of its own, `served`)
        top_level = not ctx.scope and (
            not self.frames or (self.guard is not None and self.frames == [self.guard] and name in self.route_handlers)
        )
        method = len(ctx.scope) == 1 and len(ctx.class_bases) == 1 and not self.frames
        if method:  # a method of a module-level class: `Backup().run()` reaches it
            self.frames.append(_Frame(name=f"{ctx.scope[0]}.{name}", line_node=node, depth=2))
        saved_registered = self.registered
        # (the runtime calls it)
        # (`@staticmethod`, `@property`, `@lru_cache` register it with nothing)
        registering = any(
            (n.dotted(d.decorator) or "").rpartition(".")[2] not in _PLAIN_DECORATORS for d in node.decorators
        )
        self.registered = self.registered or registering or lambda_handler or bool(trigger)
        if top_level:
            frame = _Frame(name=name, line_node=node)
            # loguru's @logger.catch logs and swallows every exception unless reraise=True.
            frame.swallows = any(_swallowing_decorator(d.decorator) for d in node.decorators)
            frame.decorators = tuple(ctx.resolve(n.dotted(found)) or "" for found in decorators)
            frame.wraps_catch_all = _wraps_catch_all(node, ctx)
            self.frames.append(frame)
        if top_level or method:
            self.frames[-1].plain = bool(self.call_scope())
            self.frames[-1].route = name in self.route_handlers
        if top_level and node.returns is not None and not _configures_client(node.body, ctx):
            returned = ctx.resolve(n.dotted(node.returns.annotation)) or ""
            if returned in _HTTP_CLIENTS:
                # `def make_session() -> requests.Session:`: what `session = make_session()` holds
                self.factories[name] = returned
        ctx.scope.append(name)
        ctx.params.append(frozenset(p.name.value for p in _all_params(node.params)))
        ctx.annotations.append(
            {
                p.name.value: ctx.resolve(n.dotted(p.annotation.annotation)) or ""
                for p in _all_params(node.params)
                if p.annotation is not None
            }
        )
        saved_handlers, self.handlers = self.handlers, []
        saved_caught, ctx.caught = ctx.caught, []
        # (a route handler nested in a function, a factory's: its calls are the factory's too)
        routed = name in self.route_handlers and len(ctx.scope) > 1 + len(ctx.class_bases)
        self.route_depth += routed
        self.walk(node.body)
        self.route_depth -= routed
        ctx.caught = saved_caught
        self.handlers = saved_handlers
        if (top_level or method) and self.frames[-1].returns_scratch:
            self.scratch_makers.add(self.frames[-1].name)  # (`Class.method`, or the function's name)
        ctx.params.pop()
        ctx.annotations.pop()
        ctx.scope.pop()
        if top_level or method:
            self._flush_deletions(self.frames[-1])
            (self.functions if top_level else self.methods).append(self.frames.pop())
        self.registered = saved_registered

    def _flush_deletions(self, frame: _Frame) -> None:
        for node, key, detail in frame.deletions:
            shipped = key in frame.shipped and id(node) not in frame.unshipped
            if key not in frame.recreated and not shipped:
                self.signal(node, "destructive", detail)
        frame.deletions.clear()

    def _decorator(self, expr: cst.BaseExpression, function: str, node: cst.FunctionDef) -> None:
        call = expr if type(expr) is cst.Call else None
        target = call.func if call is not None else expr
        raw = n.dotted(target)
        if raw is None:
            return
        resolved = self.ctx.resolve(raw) or raw
        owner, _, method = raw.rpartition(".")
        if resolved == "cherrypy.expose" and len(self.ctx.scope) == 1 and len(self.ctx.class_bases) == 1:
            # `@cherrypy.expose def health(self):` on the object `cherrypy.quickstart` serves: `/health`
            # (`index` answers `/`; `default` answers every path the others do not: no route of its own;
            # recorded once the file is read, for a class served at the root, see `_finish`)
            if function != "default":
                path = "/" if function == "index" else f"/{function}"
                self.cherrypy_exposed.setdefault(self.ctx.scope[0], []).append((node, path, function))
            return
        if resolved.startswith("litestar.") and resolved.rpartition(".")[2] in _LITESTAR_HANDLERS:
            # `@get("/health")` on a function or a Controller method: Litestar's route handlers,
            # under the controller's `path`
            args = n.positional(call) if call is not None else []
            given = (n.keyword(call, "path") if call is not None else None) or (args[0] if args else None)
            value = given.value if given is not None else None
            if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
                value = value.elements[0].value
            own = (n.string_value(value) if value is not None else None) or ""
            path = "/".join(p.strip("/") for p in (self.controller_path, own) if p.strip("/"))
            self.ctx.later(node, lambda line, col: RouteFact(owner="", path=f"/{path}", handler=function, line=line))
            self.route_handlers.add(function)
            return
        if (
            method == "function"
            and call is not None
            and (timetable := n.keyword(call, "schedule")) is not None
            and not n.is_none(timetable.value)
            and self.ctx.objects.get(owner) in _MODAL_APPS
        ):
            # `@app.function(schedule=modal.Period(days=1))`: Modal runs it on its timetable, an
            # invocation that ends with a result or an error
            self.signal(node, "schedule", "modal")
            return
        if resolved in _CLOUD_FUNCTION_DECORATORS:
            # `@functions_framework.http`: Google Cloud Functions (and Cloud Run functions) call it
            # per request; `@functions_framework.cloud_event` per event
            self.signal(node, "cloud-function", f"{_CLOUD_FUNCTION_DECORATORS[resolved]}:{function}")
            return
        if resolved in _AIRFLOW_DAG_DECORATORS and not self.ctx.scope:
            # `@dag(schedule="@daily") def etl(): ...` then `etl()`: the DAG of Airflow's TaskFlow API
            self.signal(node, "schedule", "airflow")
            return
        if resolved == "dagster.repository":
            # `@repository def jobs(): return [pipeline, sensor]`: what the Dagster daemon loads and runs on schedules
            self.signal(node, "schedule", "dagster")
            return
        if (
            method == "command"
            and owner.endswith(".cli")
            and not self.ctx.scope
            and self.ctx.object_ctor(owner[: -len(".cli")]) in _FLASK_APPS
        ):
            # `@app.cli.command("init-db")`: a command of Flask's command line, run by `flask init-db`
            self.signal(node, "flask-cli", function)
            return
        if resolved in {"click.group", "click.core.group"} or (method == "group" and owner in self.cli_groups):
            self.cli_groups.add(function)  # (`@cli.group()`: a subgroup of the file's group)
        elif method == "command" and (owner in self.cli_groups or self.ctx.object_ctor(owner) in _COMMAND_GROUPS):
            # `@cli.command("clone_all")`, `@app.command()` on a typer app, `@cli.command("create_db")` on
            # `cli = FlaskGroup(app)`
            self.cli_commands[function] = None
        if resolved.startswith("hug.") and resolved[4:] in ROUTE_METHODS and not self.hug_api:
            # `@hug.get("/users/{name}")`: the module's own hug API, served by `hug -f module.py`
            self.hug_api = True
            self.ctx.later(
                node,
                lambda line, col: ObjectFact(name="hug", ctor="hug.API", line=line, column=col, scope="", keywords=()),
            )
        function_app = FUNCTION_APPS.get(self.ctx.object_ctor(owner) or "") if owner else None
        if function_app is not None:
            self._function_app_decorator(function_app, call, owner, method, function, node)
            return
        if not owner and resolved.startswith("bottle.") and resolved[7:] in ROUTE_METHODS:
            owner, method = "bottle", resolved[7:]  # `from bottle import route`: `@route("/")` fills the default app
        if method in ROUTE_METHODS and owner:
            self._route(call, owner, function, node)
            self.route_handlers.add(function)
            return
        ctor = self.ctx.object_ctor(owner) or ""
        if method == "subscriber" and ctor.startswith("faststream.") and owner not in self.subscribed:
            # `@broker.subscriber("queue")` on a FastStream broker: the module consumes messages.
            self.subscribed.add(owner)
            self.ctx.later(
                node,
                lambda line, col: ObjectFact(
                    name=owner, ctor="faststream.FastStream", line=line, column=col, scope="", keywords=()
                ),
            )
            return
        if method in {"task", "actor", "periodic_task", "db_task", "db_periodic_task", "job"} or resolved in {
            "celery.shared_task",
            "dramatiq.actor",
            "huey.task",
        }:
            framework = _task_framework(resolved)
            if framework == "dramatiq" and call is not None and n.keyword(call, "periodic") is not None:
                # `@dramatiq.actor(periodic=cron("..."))`: the module is what the periodiq scheduler runs
                self.signal(node, "schedule", "periodiq")
            elif framework == "huey" and method in {"periodic_task", "db_periodic_task"}:
                # `@huey.periodic_task(crontab(minute="0"))`: a schedule the consumer runs, like a beat schedule
                self.signal(node, "schedule", "huey-periodic")
            owner_r = "" if resolved.endswith("shared_task") else (self.ctx.resolve(owner) or owner)
            if not self.ctx.scope:
                # (what a task does is done where a worker or a scheduler runs it, or where it is
                # called: see `CallGraph.queued`; not by a job that only enqueues it)
                self.queue_tasks.add(function)
            self.ctx.later(
                node,
                lambda line, col: TaskFact(owner=owner_r, function=function, line=line, framework=framework),
            )
        elif resolved in _NAMEKO_ENTRYPOINTS:  # a method of a nameko service: `nameko run` consumes for it
            self.ctx.later(node, lambda line, col: TaskFact(owner="", function=function, line=line, framework="nameko"))
        elif resolved in {"aiocron.crontab", "aiocron.Cron"}:
            # `@aiocron.crontab("*/15 * * * *")`: the event loop runs it on that timetable
            self.signal(node, "schedule", "aiocron")
        elif resolved in _REPEAT_EVERY and any(
            ((n.callee(d.decorator) or "") if type(d.decorator) is cst.Call else "").rpartition(".")[2] == "on_event"
            for d in node.decorators
        ):
            # `@app.on_event("startup")` over `@repeat_every(seconds=30)`: the app's process runs it
            # round after round, an in-process scheduler
            self.signal(node, "schedule", "repeat-every")
        elif resolved.startswith(("kopf.on.", "kopf.timer", "kopf.daemon")):
            # `@kopf.on.create("example.com", "v1", "widgets")`: `kopf run` watches the cluster and calls it
            self.ctx.later(node, lambda line, col: TaskFact(owner="", function=function, line=line, framework="kopf"))

    def _function_app_decorator(
        self, framework: str, call: cst.Call | None, owner: str, method: str, function: str, node: cst.FunctionDef
    ) -> None:
        """A function of a serverless app's decorator model. ``@app.route(...)`` answers HTTP (Azure
        Functions under ``/api/``, ``route="health"``; Chalice at the path given); Azure's
        ``@app.timer_trigger(...)``, ``@app.schedule(...)`` and its queue, blob and event triggers,
        and Chalice's ``@app.schedule(Rate(1, unit=Rate.HOURS))``, ``@app.on_sqs_message(...)``,
        ``@app.on_s3_event(...)`` and ``@app.lambda_function()``, run it once per tick or event, to
        completion."""
        if method == "route":
            # (`@app.route(route="health")` under Azure's `/api/`, named for the function when not
            # given; Chalice's `@app.route("/health")`, its root when not given)
            keyword = "route" if framework == "azure-functions" else "path"
            given = (n.keyword(call, keyword) or next(iter(n.positional(call)), None)) if call is not None else None
            route = n.string_value(given.value) if given is not None else None
            path = f"/api/{(route or function).strip('/')}" if framework == "azure-functions" else route or "/"
            owner_r = self.ctx.owner(owner)
            self.ctx.later(node, lambda line, col: RouteFact(owner=owner_r, path=path, handler=function, line=line))
            self.route_handlers.add(function)
        elif (
            method in {"schedule", "lambda_function"}
            or method.endswith("_trigger")
            or (
                method.startswith("on_")
                and not method.startswith("on_ws_")  # (Chalice's WebSocket API answers clients)
            )
        ):
            self.signal(node, "schedule", framework)

    def visit_class(self, node: cst.ClassDef) -> None:
        bases = [self.ctx.resolve(n.dotted(b.value)) or "" for b in node.bases]
        name = node.name.value
        for decorator in node.decorators:
            self._class_route(decorator.decorator, name, node)
        if any(is_entrypoint_ctor(b) for b in bases):
            self.entry_classes.add(name)
        if (any(b in THREAD_BASES for b in bases) or (bases and _defines(node, "run"))) and _makes_daemon(node):
            self.daemon_classes.add(name)
        elif any(WORKER_CTORS.get(b) == "xmpp" for b in bases) and _disconnects_on_start(node):
            self.oneshot_classes.add(name)
        self.ctx.local_classes.add(name)
        self.bases_by_class[name] = tuple(bases)
        if any(b in _RESOURCE_APIS for b in bases):
            self.resource_apis.add(name)  # `class MyApi(Api):` (Flask-RESTful), its resources the app's
        if any(b.endswith("HTTPAdapter") for b in bases) and _sets_timeout(node.body):
            self.ctx.timeout_adapters.add(name)  # `kwargs.setdefault("timeout", 10)` in `send()`
        for base in bases:
            # (a position for a class a framework runs: a management command, a django-cron job)
            self.ctx.later(node, _class_fact(name, base), position=base.endswith("Command") or is_cron_job_base(base))
        if (
            name == "Command"
            and not self.ctx.scope
            and _defines(node, "handle")
            and any(
                b.rpartition(".")[2].endswith("Command") and b.split(".")[0] not in _OTHER_COMMAND_FRAMEWORKS
                for b in bases
            )
        ):
            self.ctx.later(node, _class_fact(name, HANDLE_COMMAND))
        if not self.ctx.scope and any(b in _SCRAPY_SPIDERS for b in bases) and _class_string(node, "name"):
            self.ctx.later(node, _class_fact(name, SCRAPY_SPIDER))  # `scrapy crawl <name>` runs it
        if name == "WorkerSettings" and not self.ctx.scope and _configures_arq(node):
            self.ctx.later(node, _class_fact(name, "arq.WorkerSettings"))  # arq's worker configuration
            if any(
                key == "handle_signals" and value is not None and n.is_false(value)
                for key, value in _class_assignments(node)
            ):
                self.signal(node, "signals-off", "handle_signals")
        for decorator in node.decorators:
            self.walk(decorator.decorator)
        self.walk_all(node.bases)
        self.ctx.scope.append(name)
        self.ctx.class_bases.append(tuple(bases))
        saved = self.controller_path
        if any(b in _LITESTAR_CONTROLLERS for b in bases):
            self.controller_path = _class_string(node, "path") or ""
        self.walk(node.body)
        self.controller_path = saved
        self.ctx.class_bases.pop()
        self.ctx.scope.pop()

    def visit_match(self, node: cst.Match) -> None:
        """A ``match`` statement: positions inside it are placed by generating the whole statement
        (its ``case`` lines add an indentation no block of the path records)."""
        ctx = self.ctx
        saved = ctx.path_cut
        if saved is None:
            ctx.path_cut = len(ctx.stmt_stack)
        self.generic(node)
        ctx.path_cut = saved

    def visit_statement_line(self, node: cst.SimpleStatementLine) -> None:
        saved, self.ctx.statement = self.ctx.statement, node
        self.generic(node)
        self.ctx.statement = saved

    def visit_if(self, node: cst.If) -> None:
        guard = not self.ctx.scope and _is_main_guard(node.test)
        self.ctx.conditions += not guard
        self._visit_if(node, guard)
        self.ctx.conditions -= not guard

    def _place_of(self, node: cst.BaseStatement) -> tuple[cst.IndentedBlock | None, Sequence[cst.BaseStatement]]:
        """The indented block holding ``node`` as a statement of its own (not an ``elif``), and
        the statements after it there."""
        if self.stmt_stack:
            block, index = self.stmt_stack[-1]
            if type(block) is cst.IndentedBlock and block.body[index] is node:
                return block, block.body[index + 1 :]
        return None, ()

    def _source_text(self) -> str | None:
        """The text parsed, or None when there are no bytes or they do not decode."""
        if self.source is None:
            return None
        try:
            return self.source.decode(self.module.encoding)
        except (LookupError, UnicodeDecodeError):
            return None

    def _written_files(self) -> frozenset[str]:
        """The names and literal paths the module opens for writing, read once off its text."""
        if self.written_files is None:
            self.written_files = frozenset(
                next(group for group in match.groups() if group is not None)
                for match in _OPENED_FOR_WRITING.finditer(self._source_text() or "")
            )
        return self.written_files

    def _ends_body(self, block: cst.IndentedBlock | None, body: cst.BaseSuite) -> bool:
        """``block`` is ``body``, or the body of a ``with`` that is ``body``'s last statement (``with
        pysftp.Connection(...) as sftp: if sftp.exists(f): ... else: print("... does not exist")``),
        the ``with`` nested any number of times: what ends ``block`` ends ``body``."""
        current: cst.CSTNode | None = block
        for outer, index in reversed(self.stmt_stack[:-1]):
            if current is body:
                return True
            statement = outer.body[index]
            if type(statement) is not cst.With or statement.body is not current or index != len(outer.body) - 1:
                return False
            current = outer
        return current is body

    def visit_block(self, node: cst.IndentedBlock) -> None:
        body = node.body
        ctx = self.ctx
        ctx.blocks.append(id(node))
        absent = 0
        for index, stmt in enumerate(body):
            self.stmt_stack.append((node, index))
            self.walk(stmt)
            self.stmt_stack.pop()
            if type(stmt) is cst.If and id(stmt) in self.absent_after:
                absent += 1
                ctx.absent_guards += 1
                ctx.absent_from.append(self.absent_after[id(stmt)])
        ctx.absent_guards -= absent
        if absent:
            del ctx.absent_from[-absent:]
        ctx.blocks.pop()

    def visit_suite(self, node: cst.SimpleStatementSuite) -> None:
        """A block written on its header's line (`if reset: cur.execute("DROP TABLE t")`): a block
        of its own, as an indented one is."""
        self.ctx.blocks.append(id(node))
        self.generic(node)
        self.ctx.blocks.pop()

    def _visit_if(self, node: cst.If, guard: bool) -> None:
        ctx = self.ctx
        block, after = self._place_of(node)
        if guard:
            self.guard = _Frame(name="__main__", line_node=node)
            saved = self.frames
            self.frames = [self.guard]
            ctx.in_main_guard = True
            self.walk(node.body)
            ctx.in_main_guard = False
            self.frames = saved
            if node.orelse is not None:
                self.walk(node.orelse)
            return
        self.walk(node.test)
        if ctx.scope and type(node.test) in (cst.Comparison, cst.BooleanOperation):
            self._answered_routes(node)
        if self.fallback_hooks:
            self._fallback_branch(node)
        if self._own_body():
            # `if r.status_code == 200: ... else: print(...)`: the failed request or command is
            # reported and the function carries on as if it had worked.
            # (in a loop, what follows may be the next attempt: only a function's own body is read on)
            failed = _failure_branch(node, after if self._frame().loop_depth == 0 else ())
            owner = _status_owner(node.test)
            if failed is not None and owner and self._only_reports(failed, reports=True):
                frame = self._frame()
                frame.status_reported.add(owner)
            elif failed is None and owner and self._ends_function_on_success_only(node, after, block, owner):
                # `def download(): r = requests.get(url); if r.status_code == 200: save(r.text)`: a
                # failed request ends the function as a success would
                self._frame().status_silent.add(owner)
            elif failed is not None and owner and self.frames and self._reports_then_empty(failed):
                # `if r.status_code != 200: print("error", r.json()); return []`: the failed request
                # handed on as "nothing found", lost unless the caller tests for it (`if not orders:
                # sys.exit(1)`)
                self._frame().fails_with_value = True
            elif failed is not None and owner and self._reports_then_returns(failed):
                # `if r.status_code != 200: print(f"Failed to retrieve the page: {r.status_code}");
                # return`: reported, and the function ends as a success would
                self._frame().status_reported.add(owner)
            elif failed is not None and owner:
                # `if proc.returncode > 0: log.fatal(proc.stderr); return False`
                self._fails_with(failed)
            if owner and failed is not None and not self._only_reports(failed):
                # (`if r.status_code >= 400: raise ...`, `if not r.ok: die(...)`; not a warning alone)
                self._frame().status_tested.add(owner)
            if not self.handlers and (self.frames or not self.ctx.scope):
                self._result_check(node)  # (in a function, or in a script's own statements)
            if self._reports_then_exits_zero(node.body):
                # `if token is None: log.critical("TOKEN is required"); sys.exit()`: the failure exits 0
                frame = self._frame()
                frame.exits_zero_in_handler = True
                # (an error logged, not a warning or a note; not a run that finds another still going)
                frame.exits_zero_on_error = frame.exits_zero_on_error or (
                    self._errs_then(node.body, self._exits_without_status) and not self._overlap(node)
                )
            elif (
                self.frames
                and self.frames[-1] is not self.guard
                and self._errs_then(
                    node.body, lambda small: type(small) is cst.Return and small.value is None, printed=True
                )
                and not self._overlap(node)  # (after the cheap test: it reads the whole branch)
            ):
                # `if not es.ping(): log.fatal("Elasticsearch is not reachable"); return`: the
                # function gives up and returns as if it were done (not a run that finds another
                # still going, `if os.path.exists(PIDFILE): ...`, and skips on purpose)
                self._frame().exits_zero_in_handler = True
            elif (
                type(node.orelse) is cst.Else
                and not after
                and self.frames
                and type(function := self._frame().line_node) is cst.FunctionDef
                and self._ends_body(block, function.body)
                and self._errs_then(node.orelse.body, None, printed=True, words=_SAYS_BROKE)
                and not _OVERLAP.intersection(w for name in _names_in(node.test) for w in n.words(name))
                and not _says_nothing_to_do(node.orelse.body)
            ):
                # `if config: <the work> else: log.error("Couldn't read the config file")` ending the
                # function: it gives up as a bare `return` after the error would
                self._frame().exits_zero_in_handler = True
        # (also the answer kept in a name: `is_folder_exist = os.path.exists(path)`, `if not is_folder_exist:`)
        kept, negated = self._exists_kept()
        guarded = _is_exists_check(node.test, kept, negated)
        if guarded:
            ctx.exists_guards += 1
        # `if cur.fetchone() is None: cur.execute("INSERT ...")`: inserted only when absent
        # (`if row: UPDATE ... else: INSERT ...`: the `else:` is the absent branch)
        present = _lookup_test(node.test, self.fetched, self.scope_name())
        absent = present is False
        ctx.absent_guards += absent
        # (the module's lookup functions whose result the test reads: their tables are the ones looked up)
        via = self._lookups_tested(node.test) if present is not None else ()
        if absent:
            ctx.absent_from.append(via)
        saved_branch = self.branch
        self.branch = (*saved_branch, id(node.body))
        flagged = self._tests_delete_flag(node.test)
        self.delete_flag_ifs += flagged
        self.walk(node.body)
        self.delete_flag_ifs -= flagged
        ctx.absent_guards -= absent
        if absent:
            ctx.absent_from.pop()
        if guarded:
            ctx.exists_guards -= 1
        if node.orelse is None and _asks_exists(node.test, kept) and self._leaves(node.body, loop=True):
            # `if os.path.exists(d): print("already there"); exit(1)` then `os.makedirs(d)`: made
            # only where it was not (like a directory removed first); in a loop, `continue` too
            ctx.removed.add((tuple(ctx.scope), _checked_path(node.test)))
        if present is True and node.orelse is None and self._leaves(node.body, loop=True):
            self.absent_after[id(node)] = via  # (the rest of the block is the absent branch)
        # `if os.path.exists(p): ... else: os.makedirs(p)`: the `else:` knows the answer too
        checked = _asks_exists(node.test, kept)
        if node.orelse is not None:
            ctx.exists_guards += checked
            ctx.absent_guards += present is True
            if present is True:
                ctx.absent_from.append(via)
            self.branch = (*saved_branch, id(node.orelse))
            self.walk(node.orelse)
            ctx.absent_guards -= present is True
            if present is True:
                ctx.absent_from.pop()
            ctx.exists_guards -= checked
        self.branch = saved_branch
        deletions = self._deletions_frame()
        if (
            deletions is not None
            and deletions.shipped
            and type(node.orelse) is cst.Else
            and self._leaves(node.orelse.body)
        ):
            # `if r.status_code == 200: put(dump)` / `else: log.error(...); return`: what follows
            # runs only where the branch did, so the file was shipped there
            inside = (*saved_branch, id(node.body))
            for key, where in deletions.shipped.items():
                if where[: len(inside)] == inside:
                    deletions.shipped[key] = saved_branch

    def _on_value(self, value: cst.BaseExpression) -> bool:
        """``True``, a parameter of the function that defaults to it (``self.delete_local =
        delete_local`` in ``__init__(self, delete_local=True)``), or an environment setting on
        unless it says otherwise (see `_on_by_default`)."""
        if n.is_true(value) or _on_by_default(value, self.ctx):
            return True
        function = self._frame().line_node if self.frames else None
        if type(value) is not cst.Name or type(function) is not cst.FunctionDef:
            return False
        return any(
            p.name.value == value.value and p.default is not None and n.is_true(p.default)
            for p in _all_params(function.params)
        )

    def _tests_delete_flag(self, test: cst.BaseExpression) -> bool:
        """``if args.delete:``, ``if remove and age > limit:``: a branch taken only when an option
        named for the deletion is on: the parsed command line's (``args.delete``), an object's
        (``self.delete_local``) or a setting's (``DELETE_AFTER_UPLOAD``) not bound to on, or a
        parameter of the function with no default or off by default (``delete_files=False``; not
        a list computed here, ``delete_files = [...]``, nor ``delete_local=True``, nor
        ``delete_keys=None``, a parameter that carries what to delete); also a name bound to a test
        of the command line, or such a test written in the ``if`` (``if "--clean" in sys.argv:``,
        see `_reads_argv`)."""
        if type(test) is cst.BooleanOperation:
            return type(test.operator) is cst.And and (
                self._tests_delete_flag(test.left) or self._tests_delete_flag(test.right)
            )
        if type(test) is cst.Comparison:
            only = test.comparisons[0] if len(test.comparisons) == 1 else None
            if only is not None and type(only.operator) in (cst.Is, cst.Equal) and n.is_true(only.comparator):
                return self._tests_delete_flag(test.left)  # (`if args.delete is True:`)
            # `if "--clean" in sys.argv:`: an option named for deleting, asked for on the command line
            options = (test.left, *(target.comparator for target in test.comparisons))
            return any(
                type(option) is cst.SimpleString
                and _ARGV_FLAG.fullmatch((n.string_value(option) or "").lstrip("-").replace("-", "_").lower())
                for option in options
            ) and _reads_argv(test, self.ctx)
        dotted = n.dotted(test) if type(test) is cst.Name or type(test) is cst.Attribute else None
        if not dotted:
            return False
        head, _, last = dotted.rpartition(".")
        if not head and dotted in self.cli_flags:
            return True  # `clean_logs = "--clean" in sys.argv`: a command-line switch
        if not _DELETE_FLAG.fullmatch(last.lower()):
            return False
        if head and head.rpartition(".")[2] in _OPTION_HOLDERS:
            return True  # `args.delete`, `args.delete_stale_objects`: a command-line switch
        if last.lower().endswith(_DELETION_TARGETS):
            return False  # (`delete_keys`, `self.remove_ids`: what to delete, not whether)
        if head == "self" or (not head and last.isupper()):
            # an object's option or a setting (`DELETE_AFTER_UPLOAD = os.environ.get(...) == "true"`),
            # not one bound to on (`DELETE_AFTER_UPLOAD = True`, `delete_local=True` kept on `self`)
            return dotted not in self.on_flags
        function = self._frame().line_node if self.frames else None
        if head or type(function) is not cst.FunctionDef:
            return False
        for param in _all_params(function.params):
            if param.name.value == last:
                # (no default, or off by default: not `None`, a parameter that carries a value)
                return param.default is None or n.is_false(param.default)
        return False

    def _lookups_tested(self, test: cst.BaseExpression) -> tuple[str, ...]:
        """The module's lookup functions whose results ``test`` reads (``row is None``, ``row``
        bound from ``existing(key)``)."""
        scope = self.scope_name()
        found: list[str] = []
        for sub in (test, *n.descendants(test)):
            if type(sub) is cst.Name and (key := f"{scope}:{sub.value}") in self.fetched_from:
                found.append(self.fetched_from[key])
            elif type(sub) is cst.Call and (
                (called := n.callee(sub) or "") in self.ctx.lookups
                # (one of the module's named for the look-up, whatever it returns: `if not
                # item_exists(conn, guid):`, its `SELECT COUNT(guid) FROM items WHERE ...`)
                or (called in self.module_functions and (_existence_call(sub) or _absence_call(sub)))
            ):
                found.append(called)  # `if find_order(ref) is None:`, `if not order_exists(ref):`
            elif (
                type(sub) is cst.Call
                and (called := n.callee(sub) or "").startswith("self.")
                and called.count(".") == 1
                and len(self.ctx.scope) == 2
                and len(self.ctx.class_bases) == 1
                and (_existence_call(sub) or _absence_call(sub))
            ):
                # `if not self.is_news_already_in_db(cursor, title):`, a method of the class looking
                # the row up (by its scope, `Parser.is_news_already_in_db`)
                found.append(f"{self.ctx.scope[0]}.{called[5:]}")
        return tuple(found)

    def _env_read(self, value: cst.BaseExpression) -> cst.Call | None:
        """``os.environ.get("K")``, ``os.getenv("K", None)``, ``os.environ["K"]`` (as a read of "K"):
        an environment read with no fallback of its own."""
        if type(value) is cst.Call:
            default = _env_default(value)
            if self.ctx.resolve(n.callee(value)) in _ENV_READS and (default is None or n.is_none(default)):
                return value
        elif type(value) is cst.Subscript and len(value.slice) == 1:
            index = value.slice[0].slice
            if (
                type(index) is cst.Index
                and n.string_value(index.value) is not None
                and self.ctx.resolve(n.dotted(value.value)) in {"os.environ", "environ"}
            ):
                return _read_of(index.value)
        return None

    def _fallback_branch(self, node: cst.If) -> None:
        """``if not SECRET: SECRET = "dev"`` after ``SECRET = os.environ.get("SECRET")``, ``if
        os.getenv("K") is None: K = "..."``, ``if "K" in os.environ: ... else: K = "..."``: the
        branch that runs when the variable is not set binds a literal fallback."""
        test, unset_branch = node.test, node.body
        negated = type(test) is cst.UnaryOperation and type(test.operator) is cst.Not
        subject: cst.BaseExpression = test.expression if type(test) is cst.UnaryOperation and negated else test
        read: cst.Call | None = None
        name: str | None = None
        if type(subject) is cst.Comparison and len(subject.comparisons) == 1:
            target = subject.comparisons[0]
            op = target.operator
            if type(op) in (cst.In, cst.NotIn) and self.ctx.resolve(n.dotted(target.comparator)) in {
                "os.environ",
                "environ",
            }:
                name = n.string_value(subject.left)  # (only `K = "..."` is K's fallback)
                if name is None:
                    return
                read = _read_of(subject.left)
                present = (type(op) is cst.In) != negated
                unset_branch = node.orelse.body if present and type(node.orelse) is cst.Else else node.body
                if present and type(node.orelse) is not cst.Else:
                    return
            elif (
                not negated
                and type(op) in (cst.Is, cst.Equal)
                and (n.is_none(target.comparator) or n.string_value(target.comparator) == "")
            ):
                subject = subject.left
            else:
                return
        elif not negated:
            return
        if read is None:
            if type(subject) is cst.Name:
                name = subject.value
                read = self.env_bound.get((self.scope_name(), name))
            else:
                read = self._env_read(subject)
                key = n.positional(read)[0].value if read is not None and n.positional(read) else None
                name = n.string_value(key) if key is not None else None  # (only `K = "..."` is K's fallback)
        if read is None or name is None or type(unset_branch) is not cst.IndentedBlock:
            return
        self._literal_fallbacks(read, unset_branch.body, name)

    def _fallback_handler(self, node: cst.Try) -> None:
        """``try: K = os.environ["K"]`` / ``except KeyError: K = "..."``."""
        body = node.body.body
        if len(body) != 1 or type(body[0]) is not cst.SimpleStatementLine:
            return
        assign = body[0].body[0]
        if type(assign) is not cst.Assign or type(assign.targets[0].target) is not cst.Name:
            return
        read = self._env_read(assign.value)
        if read is None:
            return
        for handler in node.handlers:
            if type(handler.body) is cst.IndentedBlock:
                self._literal_fallbacks(read, handler.body.body, assign.targets[0].target.value)

    def _literal_fallbacks(self, read: cst.Call, body: Sequence[cst.BaseStatement], name: str) -> None:
        """``name = "..."`` statements of ``body``: the fallback of ``read``."""
        for stmt in body:
            if type(stmt) is not cst.SimpleStatementLine:
                continue
            for small in stmt.body:
                if (
                    type(small) is cst.Assign
                    and len(small.targets) == 1
                    and type(small.targets[0].target) is cst.Name
                    and small.targets[0].target.value.lower() == name.lower()
                    and n.string_value(small.value) is not None
                ):
                    self.ctx.fallback_literals.add(id(small.value))
                    self._fire(self.fallback_hooks, read, small.value, self.ctx)

    def visit_if_exp(self, node: cst.IfExp) -> None:
        """``os.makedirs(p) if not os.path.exists(p) else None``: guarded like the statement."""
        ctx = self.ctx
        self.walk(node.test)
        guarded = _is_exists_check(node.test)
        ctx.exists_guards += guarded
        self.walk(node.body)
        ctx.exists_guards -= guarded
        checked = _asks_exists(node.test)
        ctx.exists_guards += checked
        self.walk(node.orelse)
        ctx.exists_guards -= checked

    def visit_try(self, node: cst.Try) -> None:
        ctx = self.ctx
        caught: set[str] = set()
        for handler in node.handlers:
            caught.update(_exception_names(handler.type, ctx))
        ctx.caught.append(frozenset(caught))
        ctx.handled.append(tuple((frozenset(_exception_names(h.type, ctx)), h) for h in node.handlers))
        self.walk(node.body)
        ctx.handled.pop()
        ctx.caught.pop()
        if self.fallback_hooks and "KeyError" in caught:
            self._fallback_handler(node)
        saved, self.attempt = self.attempt, self._frame().retry_depth > 0 and _leaves_loop(node)
        saved_ping, self.pinging = self.pinging, _only_pings(node.body)
        saved_reading, self.reading = self.reading, _only_reads(node.body)
        saved_own, self.reading_own_file = self.reading_own_file, self.reading and _opens_own_file(node.body)
        saved_lookup, self.looking_up = self.looking_up, _only_lookups(node.body)
        saved_remote, self.remote_io = self.remote_io, self._works_remotely(node.body)
        saved_work, self.guards_work = self.guards_work, self._guards_work(node.body)
        # (`try: await client.post(user["webhook_url"], ...)` and nothing else that works: a notice)
        saved_notice, self.noticing = (
            self.noticing,
            not self.guards_work and self._notifies_in(node.body) and self._works_besides(node),
        )
        saved_ends, self.try_ends_function = self.try_ends_function, self._ends_function(node)
        saved_tidying, self.tidying = self.tidying, _only_tidies(node.body)
        saved_body, self.try_body = self.try_body, node.body
        # `try: cur.execute("SELECT ..."); cur.fetchone()[0]` / `except: cur.execute("INSERT ...")`:
        # the handler runs when the lookup found no row (None[0] raises)
        probe = _probes_row(node.body)
        for handler in node.handlers:
            absent = probe and _catches_missing_row(handler, ctx)
            ctx.absent_guards += absent
            self.walk(handler)
            ctx.absent_guards -= absent
        self.guards_work, self.noticing = saved_work, saved_notice
        self.try_ends_function, self.tidying = saved_ends, saved_tidying
        self.try_body = saved_body
        self.attempt, self.pinging, self.reading = saved, saved_ping, saved_reading
        self.reading_own_file = saved_own
        self.looking_up = saved_lookup
        self.remote_io = saved_remote
        if node.orelse is not None:
            self.walk(node.orelse)
        if node.finalbody is not None:
            self.finally_depth += 1
            self.walk(node.finalbody)
            self.finally_depth -= 1

    def _ends_function(self, node: cst.Try) -> bool:
        """Whether ``node`` is the last statement of the function being walked (its own body's,
        not inside another block), with no ``else`` or ``finally`` after its handlers."""
        if not self.frames or node.orelse is not None or node.finalbody is not None:
            return False
        place = self._frame().line_node
        if type(place) is not cst.FunctionDef or type(place.body) is not cst.IndentedBlock:
            return False
        return bool(place.body.body) and place.body.body[-1] is node

    def _works_remotely(self, body: cst.BaseSuite) -> bool:
        """A ``try`` block removing or transferring files on an FTP or SFTP server
        (``sftp.remove(path)``, ``sftp.put(local, remote)``; not a probe, ``sftp.stat(path)``,
        nor ``sftp.mkdir(path)``, whose error may only say it is there)."""
        if not any(remote_file_client(ctor) for ctor in self.ctx.objects.values()):
            return False  # (no such client in the file: no walk of the block)
        for node in n.descendants(body):
            if (
                type(node) is cst.Call
                and type(node.func) is cst.Attribute
                and node.func.attr.value in _REMOTE_WORK
                and remote_file_client(self.ctx.object_ctor(n.dotted(node.func.value)) or "")
            ):
                return True
        return False

    def _raised_instead(self, body: cst.BaseSuite) -> set[str]:
        """Exception classes of this file a failure handler raises in the failure's place, as a
        statement of its own (``raise ApiError(url) from e``; not one raised only on some branch,
        ``if status == 404: raise Gone(name) from e``)."""
        out: set[str] = set()
        for stmt in _block(body):
            for small in _smalls(stmt) or ():
                if type(small) is not cst.Raise or small.cause is None or small.exc is None:
                    continue
                raised = small.exc.func if type(small.exc) is cst.Call else small.exc
                if type(raised) is cst.Name and raised.value in self.ctx.local_classes:
                    out.add(raised.value)
        return out

    def _skips_duplicates(self) -> bool:
        """A call in a ``try`` one of whose handlers handles a duplicate key (:func:`duplicate_key_handled`,
        :func:`skips_duplicate_entry`)."""
        for handled in self.ctx.handled:
            for names, handler in handled:
                known = self.handles_duplicates.get(id(handler))
                if known is None:
                    # (by the driver's error, or by MySQL's number for it: `if err.errno == ER_DUP_ENTRY:`)
                    known = (duplicate_key(names) and duplicate_key_handled(names, handler)) or (
                        skips_duplicate_entry(handler)
                    )
                    self.handles_duplicates[id(handler)] = known
                if known:
                    return True
        return False

    def visit_handler(self, node: cst.ExceptHandler) -> None:
        names = _exception_names(node.type, self.ctx)
        broad = not names or bool(names & BROAD_EXCEPTIONS)
        self._fire(self.except_hooks, node, broad, self.ctx)
        failure = any(is_failure_exception(name) or name in self.wrapped_failures for name in names)
        if failure and self.try_body is not None and all(name.startswith("slack_sdk.") for name in names):
            failure = not _only_posts(self.try_body)  # (a notice posted to Slack that failed: not the work)
        # (paramiko's SFTP client and ftputil raise the OS's errors: `except IOError:` around
        # `sftp.remove(path)` catches the transfer's own failure)
        # (a handler that only passes ignores on purpose)
        failure = failure or bool(self.remote_io and names and names <= _OS_ERRORS and not _only_passes(node.body))
        if failure:
            self.wrapped_failures.update(self._raised_instead(node.body))
        record = _Handler(
            broad=broad,
            failure=failure,
            stop=names == {"KeyboardInterrupt"},
            import_fallback=bool(names & {"ImportError", "ModuleNotFoundError"}),
        )
        self.handlers.append(record)
        if node.type is not None:
            self.walk(node.type)
        self.walk(node.body)
        self.handlers.pop()
        frame = self._frame()
        if (
            (broad or failure)
            and self.frames
            and frame is not self.guard
            and self._errs_then(node.body, self._exits_without_status, assigns=True)
            # (not "another sync is already running": a run that finds another still going)
            and not _says_nothing_to_do(node.body)
        ):
            # `except Exception as ex: logger.error(message); sys.exit()`: the failure exits 0
            frame.exits_zero_on_error = True
        elif (
            (broad or failure)
            and self.frames
            and frame is not self.guard
            and self._says_failed_then_zero(node.body)
            and not _says_nothing_to_do(node.body)
        ):
            # `except Exception as e: print(f"Error while checking: {e}"); sys.exit(0)`: the failure,
            # reported as one, ends with status 0 on purpose
            frame.exits_zero_on_error = True
        if (
            self.pinging
            or self.noticing
            or (self.tidying and self.try_body is not None and _only_tidies(self.try_body, removals=False))
        ):
            # (a ping, a notice sent, or a connection released, `pool.disconnect()`: its failure is
            # not the job's; a purge's `shutil.rmtree(CACHE_DIR)` is)
            return
        if (
            self.try_body is not None
            and self.frames
            and _PROBE_FUNCTION.match(n.snake(self._frame().name.rpartition(".")[2]))
            and _answers_probe(self.try_body, node.body)
        ):
            # `def check_port(host, port): try: s.connect((host, port)); return True` / `except: return
            # False`: a check whose failure is its answer (not `run_backup()` saying whether it worked)
            return
        if (
            self.try_body is not None
            and (shown := _simple_block(self.try_body))
            and all(self._report(small) is not None and _shows_only(small, self.ctx) for small in shown)
            and self._only_reports(node.body)
        ):
            # `try: print(json.dumps(r.json(), indent=2))` / `except Exception: print(r.text[:500])`:
            # only output shown, another way when the first fails; no work was tried
            return
        if (
            self.try_body is not None
            and (_hands_back_default(node.body) or self._reports_then_default(node.body))
            and _only_computes(self.try_body, self.ctx)
        ):
            # `try: return self.cache[key]` / `except: return None`, `try: return int(text)` /
            # `except ValueError as e: log.warning(e); return ""`: a missing key or a malformed
            # value answered with a default, like `dict.get`; no work was tried that could fail
            return
        if self.reading and (
            _only_assigns(node.body)
            or (self.reading_own_file and self._reports_then_empty(node.body))
            or (
                self.reading_own_file
                and self.try_body is not None
                and _returns_empty(node.body)
                and _opens_state_file(self.try_body, self._written_files)
            )
        ):
            # `try: with open(SEEN) as f: seen = f.read()` / `except: seen = ''` (or `print(e); return {}`,
            # or a bare `return {}`): a file of the job's own, not there yet
            return
        if self.looking_up and frame.loop_depth == 0 and self._only_reports(node.body):
            # `try: server = config["ftp"]["server"]` / `except: print("no ftp settings")`: the work
            # that needs the setting fails on its own
            return
        # In a loop, a handler may count or collect the failure for later: only one that does
        # nothing but report it (or pass) loses it, item after item. So does a handler of the
        # work's own failure (a failed command or request) that only reports it.
        reports_only = frame.loop_depth > 0 or not broad
        # (`except ClientError as e:`: the name the handler may read and branch on)
        caught = node.name.name.value if node.name is not None and type(node.name.name) is cst.Name else ""
        # `except sqlite3.Error as e: log.error(e); return []`: the failure handed on as "nothing found"
        empty = self._reports_then_empty(node.body)
        # `except Exception as e: log.error(...); failed += 1` where `failed` is only ever logged
        counted = frame.loop_depth > 0 and self._counted_only_reported(node.body, frame)
        if (
            not record.reraises
            and self._own_body()
            and (broad or failure)
            and (not reports_only or self._only_reports(node.body, caught=caught) or empty or counted)
        ):
            frame.swallows = frame.swallow_pending = True
            if empty:
                frame.loses_empty = True
            # Reporting the failure and carrying on loses it even in a function that exits non-zero
            # elsewhere (a handler that only passes is a deliberate "ignore", a probe).
            elif self._only_reports(node.body, reports=True, caught=caught) or counted:
                if frame.loop_depth > 0 and any(self._retries(loop) for loop in frame.attempt_loops):
                    frame.reports_attempts = True
                elif frame.loop_depth > 0:
                    frame.loses_in_loop = True  # (a retry loop that raises once it gives up keeps it)
                else:
                    frame.loses_failure = True
                    frame.reports_catch_all = frame.reports_catch_all or (broad and self.guards_work)
        elif (
            not record.reraises
            and self._own_body()
            and (broad or failure)
            and self._reports_then_returns(node.body)
            # (in a loop too, unless it is a retry loop: `return` leaves the loop and the function)
            and not (frame.loop_depth > 0 and any(self._retries(loop) for loop in frame.attempt_loops))
        ):
            # `except SubprocessError: log.exception("pg_dump failed"); send_failure_mail(); return`:
            # the job stops there as if it were done (lost in a function that returns nothing else)
            frame.returns_after_report = True
        elif (
            self.try_ends_function
            and not self.tidying  # (a best-effort clean-up: `try: shutil.rmtree(workdir)`)
            and names
            and not names & {"KeyboardInterrupt", "SystemExit", "GeneratorExit"}
            # (a duplicate row skipped, a key not there: "already done", whatever the message says)
            and not any(name.rpartition(".")[2] in _EXPECTED_FAILURES for name in names)
            and not record.reraises
            and frame.loop_depth == 0
            and self._own_body()
            and (smalls := _simple_block(node.body))
            and self._reports_failure(smalls, wider=True)
            and not _says_carries_on(smalls)
        ):
            # `try: <the whole work>` / `except (ScannerError, AttributeError): print("Invalid
            # configuration file!")`, the function's last statement: the failure is said, then the
            # function ends as if the work were done (any error type, its message saying it failed)
            frame.returns_after_report = True
        if self._own_body() and (broad or failure):
            # `except requests.RequestException as e: log.error(e); return False`
            self._fails_with(node.body)
        if (
            self.attempt
            and not record.reraises
            and self._own_body()
            and (broad or failure)
            and self._only_waits(_block(node.body))
        ):
            # `while tries > 0: try: work(); return / except DBError: tries -= 1; sleep(5)`: a retry
            # loop that falls out once it gives up, silently, unless the function then raises, exits or
            # returns something its caller can check.
            frame.gives_up = True
        elif self.attempt and self._own_body() and (broad or failure) and self._waits_or_reraises(node.body):
            # `except OperationalError as e: if "locked" in str(e): sleep(d); continue` / `raise`:
            # other errors raise, but the one retried falls out silently on the last attempt
            frame.gives_up = True

    def _error_callback(self, node: cst.Call) -> None:
        """``shutil.rmtree(path, onerror=log_error)`` whose callback, a function of this file, only
        reports what failed: the removal's failures are lost like those of a handler that only
        reports them."""
        callback = n.keyword(node, "onerror") or n.keyword(node, "onexc")
        name = n.dotted(callback.value) if callback is not None else None
        if not name:
            return
        frame = self._frame()
        found = self._local_def(name)
        if found is None:
            return
        # (`(_, e, _) = exc_info` then `logging.warning(e)`: unpacking what failed, then reporting it)
        smalls = _simple_block(found.body) or []
        levels = [None if type(small) is cst.Assign else self._report(small) for small in smalls]
        if any(levels) and all(
            level is not None or type(small) is cst.Assign for small, level in zip(smalls, levels, strict=True)
        ):
            frame.swallows = frame.swallow_pending = True
            if frame.loop_depth > 0:
                frame.loses_in_loop = True
            else:
                frame.loses_failure = True

    def _local_def(self, name: str) -> cst.FunctionDef | None:
        """The function ``name`` a callback names: defined in the enclosing function, else at
        module level."""
        place = self._frame().line_node
        blocks: list[Sequence[cst.CSTNode]] = [self.module.body]
        if type(place) is cst.FunctionDef and type(place.body) is cst.IndentedBlock:
            blocks.insert(0, place.body.body)
        for block in blocks:
            for stmt in block:
                if type(stmt) is cst.FunctionDef and stmt.name.value == name:
                    return stmt
        return None

    def _reports_only(self, callback: str) -> bool:
        """A delivery callback of this file (in the enclosing function or at module level) whose
        branch on its error argument only prints or logs it (``if err is not None: print(err)``)."""
        found = self._local_def(callback)
        if found is None or not found.params.params:
            return False
        error = found.params.params[0].name.value
        for node in _block(found.body):
            failed = _error_branch(node, error) if type(node) is cst.If else None
            if failed is not None and self._only_reports(failed, reports=True):
                return True
        return False

    def _counted_only_reported(self, body: cst.BaseSuite, frame: _Frame) -> bool:
        """A handler that reports the failure and counts it (``failed += 1``), in a function where
        the count is only ever reported too (``log.info(f"{failed} failed")``): never tested,
        returned or handed on, so the failures it counts are lost all the same."""
        smalls = _simple_block(body)
        function = frame.line_node  # (a function's own, or the module's for a script's statements)
        if not smalls:
            return False
        if type(function) is cst.FunctionDef:
            scope: cst.CSTNode = function.body
        elif type(function) is cst.Module:
            scope = function
        else:
            return False
        counters: set[str] = set()
        reported = False
        for small in smalls:
            if (
                type(small) is cst.AugAssign
                and type(small.target) is cst.Name
                and type(small.operator) is cst.AddAssign
                and n.int_value(small.value) == 1
            ):
                counters.add(small.target.value)
            elif self._report(small):
                reported = True
            elif type(small) is not cst.Continue:
                return False
        if not counters or not reported:
            return False
        seen = allowed = 0
        for inner in n.descendants(scope):
            if type(inner) is cst.Name and inner.value in counters:
                seen += 1
            elif type(inner) is cst.AugAssign and type(inner.target) is cst.Name and inner.target.value in counters:
                allowed += 1
            elif type(inner) is cst.Assign and n.int_value(inner.value) is not None:
                allowed += sum(type(t.target) is cst.Name and t.target.value in counters for t in inner.targets)
            elif type(inner) is cst.Call and (self.ctx.resolve(n.callee(inner)) or "").startswith(REPORT_PREFIXES):
                allowed += sum(
                    type(x) is cst.Name and x.value in counters for arg in inner.args for x in n.descendants(arg)
                )
        return seen == allowed

    def _only_reports(self, body: cst.BaseSuite, *, reports: bool = False, caught: str = "") -> bool:
        """A block that only prints or logs, passes, continues or breaks (and, with ``reports``,
        prints or logs at least once). ``caught``: a handler's exception name, which the block may
        read into names (``code = e.response["Error"]["Code"]``) and branch on, each branch only
        reporting."""
        reported = False
        messages: set[str] = set()  # names bound to a message's text, to be reported
        read = {caught} if caught else set()  # names holding what was caught, or a part of it
        for stmt in _block(body):
            if type(stmt) is cst.If and _only_cleans_up(stmt):
                continue  # `if conn: conn.rollback()`
            if type(stmt) is cst.If and read and _tests_only(stmt, read, self.ctx.aliases):
                # `if code == "InvalidVolume.NotFound": log.info(...)` / `else: log.exception(e)`
                branches = _branches(stmt)
                if not all(self._only_reports(branch, caught=caught) for branch in branches):
                    return False
                reported = reported or any(self._only_reports(b, reports=True, caught=caught) for b in branches)
                continue
            if type(stmt) is cst.With and _opens_logs_only(stmt):
                # `with open("error.log", "a") as f: print(e, file=f)`: the failure written to a log
                if not self._only_reports(stmt.body, reports=True):
                    return False
                reported = True
                continue
            smalls = _smalls(stmt)
            if smalls is None:
                return False
            for small in smalls:
                if isinstance(small, _IGNORES) or type(small) in _IMPORTS or _cleans_up(small):
                    continue  # (`import traceback` then `traceback.print_exc()`: a report still)
                if type(small) is cst.Assert and not n.is_false(small.test):
                    continue  # `assert error.response["ok"] is False`: what failed checked, then reported
                if (
                    read
                    and type(small) is cst.Assign
                    and len(small.targets) == 1
                    and type(small.targets[0].target) is cst.Name
                    and _reads_only(small.value, read, self.ctx.aliases)
                ):
                    read.add(small.targets[0].target.value)  # `code = e.response.get("Error").get("Code")`
                    continue
                if (
                    type(small) is cst.Assign
                    and len(small.targets) == 1
                    and type(small.targets[0].target) is cst.Name
                    and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))
                ):
                    # `msg = 'Check failed for "{url}"'` then `print(msg.format(url=url))`: the
                    # message built, to be reported below
                    messages.add(small.targets[0].target.value)
                    continue
                level = self._report(small)
                if level is not None and messages:
                    messages -= {sub.value for sub in n.descendants(small) if type(sub) is cst.Name}
                if level is None:
                    call = _small_call(small)
                    if call is not None and caught and _records_failure(call, caught):
                        level = True  # `f.write(f"{symbol} - Error: {e}")`: the failure written into the output
                    elif call is None or not _TELLS.search(n.callee(call) or ""):
                        return False
                    else:
                        level = True  # `send_alert(f"load of {day} failed: {e}")`: told, and carried on
                reported = reported or level
        if messages:
            return False  # (a text kept for later, `status = "failed"`: the failure recorded)
        return reported or not reports

    def _reporting_functions(self, body: Sequence[cst.CSTNode]) -> dict[str, bool]:
        """Module-level functions that only print or log what they are given, formatted
        (``def log(level, message): print(json.dumps({...}))``): calling one reports. Each maps
        to whether it reports at a failure's level (not when it only logs at info or debug). A
        function that also keeps a count or a flag (``global ERRORS; ERRORS += 1``) does more."""
        out: dict[str, bool] = {}
        for stmt in body:
            if (
                type(stmt) is not cst.FunctionDef
                or stmt.decorators
                or not _REPORTER_NAME.search(stmt.name.value)
                or len(_block(stmt.body)) > _MAX_REPORTER_STATEMENTS
            ):
                continue
            levels: list[bool] = []
            local: set[str] = {p.name.value for p in _all_params(stmt.params)}
            for node in n.descendants(stmt.body):
                if (type(node) is cst.Return or type(node) is cst.Yield) and node.value is not None:
                    break
                if type(node) in _LEAVES_SCOPE:
                    break
                if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                    if not all(_local_target(t, local) for t in targets):
                        break  # `self.errors += 1`, `STATE["failed"] = True`: it keeps a record
                    local.update(t.value for t in targets if type(t) is cst.Name)
                if type(node) is cst.Call:
                    raw = n.callee(node) or ""
                    name = self.ctx.resolve(raw) or raw
                    if _is_report_call(name):
                        levels.append(not name.endswith((".info", ".debug")))
                    elif name not in _FORMATTING_CALLS and raw.rpartition(".")[2] not in _FORMATTING_METHODS:
                        break
            else:
                if levels:
                    out[stmt.name.value] = any(levels)
        return out

    def _report(self, small: cst.BaseSmallStatement) -> bool | None:
        """``None`` unless ``small`` prints or logs; else whether it reports a failure: a failure
        is printed or logged as a warning or an error (`log.info("column already there")` notes an
        expected case)."""
        call = small.value if type(small) is cst.Expr else None
        name = self.ctx.resolve(n.callee(call)) if type(call) is cst.Call else None
        if type(call) is cst.Call and name in self.report_helpers:
            # (`log("info", "Deleted index")` notes; `log("error", ...)`, `log(message)` report;
            # `note(message)` that only logs at info notes)
            levels = {(n.string_value(arg.value) or "").lower() for arg in call.args}
            return self.report_helpers[name] and not levels & {"info", "debug"}
        if name is None or not (name.startswith(REPORT_PREFIXES) or _SELF_LOGGER.match(name)):
            return None
        return not name.endswith((".info", ".debug"))

    def _modes(self, body: cst.BaseSuite) -> tuple[tuple[str, ...], ...]:
        """The branches of the first ``if`` chain of the ``__main__`` block that chooses between
        a loop and no loop, each as the names it calls (last parts; :data:`LOOP_MODE` where it
        loops for ever): ``if args.daemon: while True: check(); sleep(300)`` / ``else: check()``,
        or ``if args.once: m.run_once()`` / ``elif args.daemon: m.run_daemon()`` (also
        ``if args.once: check(); return`` with the loop after it)."""
        chains: list[tuple[tuple[str, ...], ...]] = []
        stmts = _block(body)
        for index, stmt in enumerate(stmts):
            if type(stmt) is not cst.If:
                continue
            bodies: list[cst.BaseSuite] = []
            node: cst.BaseSuite | cst.If | cst.Else | None = stmt
            while type(node) is cst.If:
                bodies.append(node.body)
                node = node.orelse
            if type(node) is cst.Else:
                bodies.append(node.body)
            elif node is None and all(self._leaves(b) for b in bodies) and index + 1 < len(stmts):
                # (`if args.once: run_once(); return` then the loop: what follows is the other branch)
                rest = [s for s in stmts[index + 1 :] if isinstance(s, cst.BaseStatement)]
                bodies.append(cst.IndentedBlock(body=rest))
            branches = tuple(self._branch_calls(branch) for branch in bodies)
            if len(branches) >= 2 and len(set(branches)) > 1:
                chains.append(branches)
        # (the chain with a loop in a branch, or the first whose branches call other things)
        return next((c for c in chains if any(LOOP_MODE in b for b in c)), chains[0] if chains else ())

    def _guard_modes(self, guard: cst.CSTNode) -> tuple[tuple[str, ...], ...]:
        """:meth:`_modes` of the ``__main__`` block, or of the module's ``main()`` it calls."""
        if type(guard) is not cst.If:
            return ()
        found = self._modes(guard.body)
        if found:
            return found
        defined = self.module_functions
        for stmt in _block(guard.body):
            for small in _smalls(stmt) or ():
                call = small.value if type(small) is cst.Expr else None
                name = n.callee(call) if type(call) is cst.Call else None
                if name in defined and (found := self._modes(defined[name].body)):
                    return found
        return ()

    @staticmethod
    def _branch_calls(body: cst.BaseSuite) -> tuple[str, ...]:
        names: dict[str, None] = {}
        reported: set[int] = set()  # (calls inside a report's arguments: `print(load_state())` shows, runs nothing)
        for inner in n.descendants(body, skip=(cst.FunctionDef, cst.ClassDef)):
            if type(inner) is cst.While and _is_forever(inner.test):
                names[LOOP_MODE] = None
            elif type(inner) is cst.Call and id(inner) not in reported and (raw := n.callee(inner)):
                if _is_report_call(raw):
                    reported.update(id(x) for x in n.descendants(inner))
                else:
                    names[raw.rpartition(".")[2]] = None
        return tuple(names)

    def _leaves(self, body: cst.BaseSuite, loop: bool = False) -> bool:
        """A block whose last statement leaves: ``raise``, ``return``, or an exit (with ``loop``,
        ``continue`` too: it leaves the rest of the round)."""
        stmts = _block(body)
        smalls = _smalls(stmts[-1]) if stmts else None
        if not smalls:
            return False
        last = smalls[-1]
        leaving = (cst.Raise, cst.Return, cst.Continue) if loop else (cst.Raise, cst.Return)
        return isinstance(last, leaving) or self._calls_one_of(last, EXIT_CALLS)

    def _bare_calls(self, body: cst.BaseSuite) -> bool:
        """A block of calls with no arguments (`send_signals()`), and prints or logs, only (also in a
        `try:` whose only handler stops quietly on Ctrl-C, `except KeyboardInterrupt: pass`)."""
        for stmt in _block(body):
            if (
                type(stmt) is cst.Try
                and stmt.orelse is None
                and stmt.finalbody is None
                and stmt.handlers
                and all(
                    _exception_names(h.type, self.ctx) == {"KeyboardInterrupt"} and self._only_reports(h.body)
                    for h in stmt.handlers
                )
            ):
                if not self._bare_calls(stmt.body):
                    return False
                continue
            smalls = _smalls(stmt)
            if not smalls:
                return False
            for small in smalls:
                call = small.value if type(small) is cst.Expr else None
                if type(call) is not cst.Call or (call.args and self._report(small) is None):
                    return False
        return True

    def _reports_then_returns(self, body: cst.BaseSuite) -> bool:
        """A handler that reports the failure, then returns with no value."""
        stmts = [stmt for stmt in _block(body) if isinstance(stmt, cst.BaseStatement)]
        if len(stmts) < 2 or type(stmts[-1]) is not cst.SimpleStatementLine:
            return False
        last = stmts[-1].body
        if len(last) != 1 or type(last[0]) is not cst.Return or last[0].value is not None:
            return False
        if not self._only_reports(cst.IndentedBlock(body=stmts[:-1]), reports=True):
            return False
        # (an error, not a warning: `log.warning("jpegoptim not installed, skipping"); return` skips
        # an optional step on purpose)
        return any(
            type(node) is cst.Call
            and (
                (name := self.ctx.resolve(n.callee(node)) or "").endswith(_ERROR_LEVELS)
                or bool(_TELLS.search(name))
                or (name.startswith("print") and _says_failed(node))
            )
            for stmt in stmts[:-1]
            for node in n.descendants(stmt)
        )

    def _reports_then_default(self, body: cst.BaseSuite) -> bool:
        """``except ValueError as e: log.warning(e); return ""``: a handler that warns, then hands
        back a default (:func:`_hands_back_default`); not one logging an error (`log.error(...);
        return []`: what it says failed, the caller takes for nothing to do)."""
        smalls = _simple_block(body)
        if smalls is None or len(smalls) < 2 or not _gives_default(smalls[-1]):
            return False
        return all(self._notes(small) for small in smalls[:-1])

    def _notes(self, small: cst.BaseSmallStatement) -> bool:
        """A log call at a level below an error's, or a print whose words say nothing failed."""
        call = small.value if type(small) is cst.Expr and type(small.value) is cst.Call else None
        if call is None or self._report(small) is None:
            return False
        if type(call.func) is cst.Attribute:
            return call.func.attr.value in _NOTE_LEVELS
        return n.callee(call) == "print" and not _SAYS_FAILED.search(_args_text(call))

    def _reports_then_empty(self, body: cst.BaseSuite) -> bool:
        """A handler that reports the failure, then returns an empty result (``[]``, ``{}``, ``0``,
        ``""``): the caller cannot tell the failure from "nothing to do". Also one that hands back
        what it was given (``return text`` in `translate(text)`): the caller takes it for done."""
        smalls = _simple_block(body)
        if smalls is None or len(smalls) < 2 or type(smalls[-1]) is not cst.Return or smalls[-1].value is None:
            return False
        value = smalls[-1].value
        params = self.ctx.params
        if not (
            (isinstance(value, (cst.List, cst.Dict, cst.Tuple, cst.Set)) and not value.elements)
            or n.int_value(value) == 0
            or n.string_value(value) == ""
            or (
                type(value) is cst.Name
                and bool(params)
                and value.value in params[-1]
                and value.value != "self"
                # (`def env_int(name, default)`: the fallback the caller chose, handed back by design)
                and not _FALLBACK_PARAM.search(value.value)
            )
        ):
            return False
        levels = [self._report(small) for small in smalls[:-1]]
        return None not in levels and any(levels)

    def _fails_with(self, body: cst.BaseSuite) -> None:
        """A block that reports a failure, then returns it as a value: ``False``, an error record
        (``{"status": "error", ...}``, ``(False, message)``), or ``None``/nothing, which counts only
        in a function that otherwise returns something. (A silent ``except OperationalError:
        return None`` is left alone: a caller may well take ``None`` as "none found".)"""
        smalls: list[cst.BaseSmallStatement] = []
        for stmt in _block(body):
            found = _smalls(stmt)
            if found is None and type(stmt) is cst.If and self._tidies(stmt):
                continue  # `if os.path.exists("auth.json"): os.remove("auth.json")`, a clean-up on the way out
            if found is None:
                return
            smalls.extend(found)
        if len(smalls) < 2 or type(smalls[-1]) is not cst.Return:
            return
        reported = False
        for small in smalls[:-1]:
            if _cleans_up(small) or type(small) is cst.Assign:
                continue  # `conn.close()`, `message = f"dump failed: {e}"`
            level = self._report(small)
            if level is None:
                return
            reported = reported or level
        if not reported:
            return
        value = smalls[-1].value
        frame = self._frame()
        if value is None or n.is_none(value):
            frame.fails_with_none = True
        elif _failure_value(value):
            frame.fails_with_value = True

    def _tidies(self, stmt: cst.If) -> bool:
        """An ``if`` with no ``else`` that only cleans up (closes, rolls back, removes a file)
        and reports doing so."""
        if stmt.orelse is not None:
            return False
        smalls = _simple_block(stmt.body)
        return bool(smalls) and all(
            _cleans_up(small, _TIDYING_METHODS) or self._report(small) is not None for small in smalls or ()
        )

    def _errs_then_fails(self, body: cst.BaseSuite) -> bool:
        """A failed step's branch that logs an error (not a warning: "no new items today") and
        returns an explicit failure value (``False``, an error record; not a bare ``return``)."""
        smalls = _simple_block(body)
        if smalls is None or len(smalls) < 2 or type(smalls[-1]) is not cst.Return:
            return False
        value = smalls[-1].value
        if value is None or n.is_none(value) or not _failure_value(value):
            return False
        calls = [_small_call(small) for small in smalls[:-1]]
        names = [self.ctx.resolve(n.callee(call)) or "" if call is not None else "" for call in calls]
        return any(name.endswith(_ERROR_LEVELS) for name in names) and all(
            self._report(small) is not None or type(small) is cst.Assign for small in smalls[:-1]
        )

    def _reports_then_exits_zero(self, body: cst.BaseSuite) -> bool:
        """A block that logs a failure (a warning or an error), then exits without a status
        (``sys.exit()``; an explicit ``sys.exit(0)`` after printing a usage text is deliberate)."""
        smalls = _simple_block(body)
        if smalls is None:
            return False
        # (a string standing alone between them is a comment)
        smalls = [s for s in smalls if not (type(s) is cst.Expr and n.string_value(s.value) is not None)]
        if len(smalls) < 2 or not self._exits_without_status(smalls[-1]):
            return False
        logged = False
        for small in smalls[:-1]:
            level = self._report(small)
            if level is None:
                return False
            reporter = _small_call(small)
            printed = reporter is not None and (self.ctx.resolve(n.callee(reporter)) or "").startswith("print")
            # (a printed usage text is no failure; a printed "does not exist" is)
            logged = logged or (level and (not printed or _says_failed(reporter)))
        return logged

    def _overlap(self, node: cst.If) -> bool:
        """A test for another run still going (`os.path.exists(PIDFILE)`, `lockPath`), or a branch
        that says so (`log.error("another sync is already running")`), or that there is nothing to do."""
        if _OVERLAP.intersection(w for name in _names_in(node.test) for w in n.words(name)):
            return True
        return _says_nothing_to_do(node.body)

    def _errs_then(
        self,
        body: cst.BaseSuite,
        last: Callable[[cst.BaseSmallStatement], bool] | None,
        assigns: bool = False,
        printed: bool = False,
        words: re.Pattern[str] | None = None,
    ) -> bool:
        """A block that logs an error (``error``, ``critical``, ``fatal``, ``exception``; not a
        warning or a print), then ends with ``last`` (a bare ``return``, an exit with no status),
        or, with ``last`` None, only reports. ``assigns``: the message may be built in a name first
        (``msg = f"..."``); ``printed``: a print saying something failed counts too
        (``print(f"Backup directory not found: {d}")``)."""
        smalls = _simple_block(body)
        if not smalls or (last is not None and (len(smalls) < 2 or not last(smalls[-1]))):
            return False
        errors = False
        for small in smalls[:-1] if last is not None else smalls:
            if assigns and type(small) is cst.Assign:
                continue
            if self._report(small) is None:
                return False
            call = _small_call(small)
            name = self.ctx.resolve(n.callee(call)) if call is not None else None
            errors = errors or (name or "").endswith(_ERROR_LEVELS)
            errors = errors or (
                printed
                and (name or "").startswith("print")
                and _says_failed(call)
                and not _says_fallback(call)
                and (words is None or bool(words.search(_printed_text(call))))
            )
        return errors

    def _says_failed_then_zero(self, body: cst.BaseSuite) -> bool:
        """A block that prints or logs a message saying something failed (``"Error while ..."``,
        ``"... failed"``), then exits with status 0 written out (``sys.exit(0)``)."""
        smalls = _simple_block(body)
        if smalls is None or len(smalls) < 2:
            return False
        last = smalls[-1]
        raised = last.exc if type(last) is cst.Raise else None
        call = raised if type(raised) is cst.Call else _small_call(last)  # (also `raise SystemExit(0)`)
        if call is None or self.ctx.resolve(n.callee(call)) not in {*EXIT_CALLS, "SystemExit", "builtins.SystemExit"}:
            return False
        if len(call.args) != 1 or n.int_value(call.args[0].value) != 0:
            return False
        return self._reports_failure(smalls[:-1])

    def _reports_failure(self, smalls: Sequence[cst.BaseSmallStatement], wider: bool = False) -> bool:
        """Statements that only print or log, at least one a message saying something failed
        (an error's level, or ``"Error while ..."``; with ``wider``, also ``"Invalid configuration
        file!" + detail``, ``"Unable to ..."``), none a warning or a note."""
        said = False
        for small in smalls:
            if self._report(small) is None:
                return False
            reported = _small_call(small)
            level = self.ctx.resolve(n.callee(reported)) or "" if reported is not None else ""
            if level.endswith((".warning", ".warn", ".info", ".debug")):
                return False  # (a warning is no error: `log.warning("skipping this run")`)
            said = said or level.endswith(_ERROR_LEVELS)
            text = " ".join(n.template_text(arg.value) or "" for arg in reported.args) if reported is not None else ""
            said = said or bool(_FAILURE_WORDS & set(re.findall(r"[a-z]+", text.lower())))
            if wider and not said and reported is not None:
                said = any(_BROKE_WORDS.search(_message_text(arg.value)) for arg in reported.args)
        return said

    def _exits_without_status(self, small: cst.BaseSmallStatement) -> bool:
        """``sys.exit()``, ``exit()``, ``raise SystemExit()``, ``raise SystemExit``."""
        if type(small) is cst.Raise and small.exc is not None:
            exc = small.exc
            if type(exc) is cst.Call:
                if exc.args:
                    return False
                exc = exc.func
            return self.ctx.resolve(n.dotted(exc)) in {"SystemExit", "builtins.SystemExit"}
        call = _small_call(small)
        return call is not None and not call.args and self.ctx.resolve(n.callee(call)) in EXIT_CALLS

    def _result_check(self, node: cst.If) -> None:
        """``rows = fetch()`` then ``if rows: ...`` (or ``if not ok: log.error(...)``): a tested result
        whose failure branch only reports, or is missing, loses a failure ``fetch()`` returns."""
        frame = self._frame()
        subject = _tested(node.test)
        if subject is not None and not isinstance(subject, str):  # (a call: `if not upload(path)`)
            if node.orelse is not None:
                return
            key, callee = "", self.ctx.resolve(n.callee(subject))
        else:
            key, callee = subject or "", frame.results.get(subject or "")
        if not callee:
            return
        frame.results_tested.add(self._as_called(callee))
        failures: list[cst.BaseSuite | None] = []
        succeeded = False
        current: cst.If = node
        while True:
            if current is not node and _tested(current.test) != subject:
                return
            polarity = _result_test(current.test)
            if polarity is False:
                failures.append(current.body)
            succeeded = succeeded or polarity is True
            orelse = current.orelse
            if type(orelse) is cst.If:
                current = orelse
                continue
            if succeeded:
                failures.append(orelse.body if orelse is not None else None)
            break
        bare = False
        for body in failures:
            if body is not None and self._errs_then_fails(body):
                # `if not es.create_index(): log.error("Unable to create index"); return False`
                self._frame().fails_with_value = True
            verdict = True if body is None else self._only_notes(body)
            if verdict is None:
                if key:
                    frame.results_passed.add(key)  # acted on: a later test of it adds nothing
                return
            bare = bare or (body is not None and verdict)
        if failures:
            frame.results_lost.append((self._as_called(callee), key, bare))

    def _only_notes(self, body: cst.BaseSuite) -> bool | None:
        """A failure branch that only prints, logs, notifies or counts a metric, passes, skips to the
        next item or returns nothing: ``None`` when it does anything else (raises, exits, returns
        a value, sets a flag, collects the failure, calls other work), else whether it returns."""
        smalls = _simple_block(body)
        if smalls is None:
            return None
        returns = False
        for small in smalls:
            if type(small) in _IGNORES or type(small) in _IMPORTS:
                continue
            if type(small) is cst.Return and (small.value is None or n.is_none(small.value)):
                returns = True
                continue
            call = _small_call(small)
            if call is None:
                return None
            if self._report(small) is None and not _NOTE_CALL.search(n.callee(call) or ""):
                return None
        return returns

    def _restarts_scheduler(self, body: cst.CSTNode) -> bool:
        """The loop body starts an APScheduler BlockingScheduler (``scheduler.start()`` runs it
        until it fails; a BackgroundScheduler's returns at once, the loop's work going on)."""
        for node in n.descendants(body):
            if type(node) is cst.Call:
                owner, _, method = (n.callee(node) or "").rpartition(".")
                ctor = self.ctx.object_ctor(owner) or ""
                if method == "start" and ctor.startswith("apscheduler.") and ctor.endswith("BlockingScheduler"):
                    return True
        return False

    def _does_work(self, body: cst.CSTNode) -> bool:
        """A loop body that calls something besides reporting, sleeping and minding its stop flag."""
        for node in n.descendants(body):
            if type(node) is cst.Call:
                name = self.ctx.resolve(n.callee(node)) or ""
                if not (
                    name.startswith(REPORT_PREFIXES)
                    or name in SLEEPS
                    or name.rpartition(".")[2] in {"is_set", "wait", "set", "clear"}
                    or _HEARTBEAT_NAME.search(name)
                ):
                    return True
        return False

    def _asks(self, node: cst.Call, frame: _Frame) -> bool:
        """An input call that makes the code a tool for a person: one asked round after round (a
        console), or whose answer the work needs (``password = getpass.getpass()``); not a bare
        "Press Enter to continue" nor a fallback in a handler (a password asked only when none is set)."""
        if frame.loop_depth > 0:
            return True
        statement = self.ctx.statement
        bare = type(statement) is cst.SimpleStatementLine and any(
            type(small) is cst.Expr and small.value is node for small in statement.body
        )
        # (`sub = os.environ.get("SUBDOMAIN") or input("Subdomain: ")`: asked only when nothing set it)
        fallback = type(statement) is cst.SimpleStatementLine and any(
            type(small) is cst.Assign
            and type(small.value) is cst.BooleanOperation
            and type(small.value.operator) is cst.Or
            and small.value.right is node
            and type(small.value.left) is cst.Call
            and self.ctx.resolve(n.callee(small.value.left)) in _ENV_READS
            for small in statement.body
        )
        return not bare and not fallback and not self.handlers and not self._after_env_return(frame)

    def _after_env_return(self, frame: _Frame) -> bool:
        """The function returned already what the environment held: ``if "USER" in os.environ:
        return os.environ["USER"]``, or ``user = os.getenv("USER")`` ... ``if user: return user``,
        before ``input("User: ")`` (not ``if not os.getenv("TOKEN"): return``, a bail-out)."""
        function = frame.line_node
        if type(function) is not cst.FunctionDef or type(function.body) is not cst.IndentedBlock:
            return False
        index = next((i for block, i in self.ctx.stmt_stack if block is function.body), None)
        if index is None:
            return False
        from_environment: set[str] = set()  # names bound to what the environment holds
        for stmt in function.body.body[:index]:
            for small in _smalls(stmt) or ():
                if (
                    type(small) is cst.Assign
                    and len(small.targets) == 1
                    and type(small.targets[0].target) is cst.Name
                    and self._reads_environment(small.value, from_environment)
                ):
                    from_environment.add(small.targets[0].target.value)
            if type(stmt) is not cst.If or not self._reads_environment(stmt.test, from_environment):
                continue
            for walrus in (stmt.test, *n.descendants(stmt.test)):
                if type(walrus) is cst.NamedExpr and type(walrus.target) is cst.Name:
                    from_environment.add(walrus.target.value)  # `if token := os.environ.get("TOKEN"):`
            statements = _block(stmt.body)
            smalls = _smalls(statements[-1]) if statements else None
            returned = smalls[-1] if smalls else None
            if (
                type(returned) is cst.Return
                and returned.value is not None
                and self._reads_environment(returned.value, from_environment)
            ):
                return True
        return False

    def _reads_environment(self, expr: cst.BaseExpression, names: Collection[str] = ()) -> bool:
        """``expr`` reads the environment (``os.environ``, ``os.getenv``), or a name in ``names``."""
        for node in (expr, *n.descendants(expr)):
            if type(node) is cst.Name and node.value in names:
                return True
            dotted = n.dotted(node) if isinstance(node, (cst.Attribute, cst.Name)) else None
            if dotted and (self.ctx.resolve(dotted) or "") in {"os.environ", "os.getenv", "os.environ.get"}:
                return True
        return False

    def _ends_function_on_success_only(
        self, node: cst.If, after: Sequence[cst.BaseStatement], block: cst.IndentedBlock | None, owner: str
    ) -> bool:
        """``node`` tests an HTTP response's status for success only (``status_code``, ``ok``; no
        ``else``), as the last statement of the current function's own body, outside any loop, and
        its success branch does work besides logging and hands nothing back (``return r.json()``
        leaves ``None`` for the caller to judge; ``site["live"] = "yes"`` is a probe's verdict). Not
        a command's ``returncode`` (``check=True`` may have raised already), nor a ``HEAD``
        request's answer (a probe's result, not a failure)."""
        if node.orelse is not None or after or not self.frames or _status_test(node.test) is not True:
            return False
        frame = self.frames[-1]
        return (
            frame is not self.guard
            and frame.loop_depth == 0
            and type(frame.line_node) is cst.FunctionDef
            and frame.line_node.body is block
            and _reads_response_status(node.test)
            and not _ends_in_return(node.body)
            # (`r = requests.put(...); if r.ok: print("changed")`: a write's failure said by nothing,
            # unless an earlier test of its status took the failure's branch: `if r.status_code >= 400: raise`)
            and (
                self._works_in(node.body)
                or (is_http_write(frame.kept_statuses.get(owner, "")) and owner not in frame.status_tested)
            )
            and not frame.results.get(owner, "").endswith(".head")
        )

    def _own_body(self) -> bool:
        """In the body of the module, the ``__main__`` block or the current function or method
        itself, not in a function nested in it."""
        return len(self.ctx.scope) <= (self.frames[-1].depth if self.frames else 1)

    def _as_called(self, name: str) -> str:
        """``self.load()`` inside a method of ``Backup``, as the project stage looks it up: ``Backup.load``."""
        frame = self.frames[-1] if self.frames else None
        if frame is not None and frame.depth == 2 and name.startswith("self.") and name.count(".") == 1:
            return f"{frame.name.partition('.')[0]}.{name[5:]}"
        return name

    def _waits_or_reraises(self, body: cst.BaseSuite) -> bool:
        """A handler that waits for the next attempt on one error and raises the others again:
        ``if "database is locked" in str(e): time.sleep(d); continue`` then a bare ``raise``, or
        ``if e.response.status_code < 500: raise`` then ``time.sleep(d)``. Not where the test is of
        the attempts left (``if attempt < MAX_ATTEMPTS - 1: ...; continue`` / ``raise``: the last
        attempt raises)."""
        stmts = _block(body)
        if len(stmts) < 2:
            return False
        waits = reraises = False
        for index, stmt in enumerate(stmts):
            if type(stmt) is cst.If and stmt.orelse is None:
                if any(_BUDGET_NAME.search(name) or "max" in name.lower() for name in _names_in(stmt.test)):
                    return False  # (a test of the attempts left, not of the error)
                inner = _block(stmt.body)
                ends = _smalls(inner[-1]) if inner else None
                if ends and type(ends[-1]) is cst.Continue and self._only_waits(inner):
                    waits = True
                elif ends and len(inner) == 1 and self._only_waits(inner, leaving=True) and _bare_raise(ends[-1]):
                    reraises = True  # `if e.response.status_code < 500: raise`
                else:
                    return False
            elif index == len(stmts) - 1 and (last := _smalls(stmt)) and _bare_raise(last[-1]):
                reraises = reraises or self._only_waits([stmt], leaving=True)
            elif self._only_waits([stmt], leaving=True):
                waits = waits or (reraises and self._only_waits([stmt]))
            else:
                return False
        return waits and reraises

    def _only_waits(self, stmts: Sequence[cst.CSTNode], leaving: bool = False) -> bool:
        """Statements of a handler that only count the attempt or wait for the next, and may report
        it or work a delay out into a name (``tries -= 1``, ``time.sleep(delay)``,
        ``log.warning(...)``, ``delay = backoff + random.uniform(0, .25)``); with ``leaving``, a
        bare ``raise`` too, and no wait needed."""
        waited = leaving
        for stmt in stmts:
            smalls = _smalls(stmt)
            if smalls is None:
                return False
            for small in smalls:
                if isinstance(small, (cst.Pass, cst.Continue)) or (leaving and _bare_raise(small)):
                    continue
                if type(small) is cst.AugAssign and type(small.target) is cst.Name:
                    waited = True  # (the attempt counted)
                    continue
                if type(small) is cst.Assign:
                    # (into a name, by arithmetic: not a failure recorded, `failed[path] = str(e)`)
                    if any(type(t.target) is not cst.Name for t in small.targets) or self._calls(
                        small.value, lambda name: name not in _DELAY_CALLS and not name.startswith("random.")
                    ):
                        return False
                    continue
                call = _small_call(small)
                name = self.ctx.resolve(n.callee(call)) if call is not None else None
                if name in SLEEPS:
                    waited = True
                elif name is None or not name.startswith(REPORT_PREFIXES):
                    return False
        return waited

    def _only_sleeps(self, body: cst.BaseSuite) -> bool:
        """A loop body that only sleeps, and at most reports or checks on what it keeps alive:
        ``while True: await asyncio.sleep(1)``, ``time.sleep(5); log.debug("alive")``,
        ``if not scheduler.running: sys.exit(1)``."""
        slept = False
        for stmt in _block(body):
            if type(stmt) is cst.If and self._only_stops(stmt):
                continue
            smalls = _smalls(stmt)
            if smalls is None:
                return False  # (another compound statement: `for`, `try`, an `if` that works)
            for small in smalls:
                if type(small) is cst.Pass or self._report(small) is not None:
                    continue
                if not self._calls_one_of(small, SLEEPS):
                    return False
                slept = True
        return slept

    def _calls_one_of(self, small: cst.BaseSmallStatement, names: frozenset[str]) -> bool:
        """A statement that is a call (awaited or not) of one of ``names``: ``time.sleep(5)``."""
        value = small.value if type(small) is cst.Expr else None
        value = value.expression if type(value) is cst.Await else value
        return type(value) is cst.Call and self.ctx.resolve(n.callee(value)) in names

    def _only_stops(self, node: cst.If) -> bool:
        """An ``if`` whose branches only report, exit, raise or break out."""
        branches: list[cst.BaseSuite] = [node.body]
        orelse = node.orelse
        while orelse is not None:
            branches.append(orelse.body)
            orelse = orelse.orelse if type(orelse) is cst.If else None
        for branch in branches:
            for stmt in _block(branch):
                smalls = _smalls(stmt)
                if smalls is None:
                    return False
                for small in smalls:
                    if isinstance(small, (cst.Raise, cst.Break, cst.Pass)) or self._report(small) is not None:
                        continue
                    if not self._calls_one_of(small, EXIT_CALLS):
                        return False
        return True

    def visit_while(self, node: cst.While) -> None:
        since = self.reads  # (`while rc != 0:` reads what the body binds again)
        forever = (_is_forever(node.test) and not _cleared_inside(node)) or _retry_budget(node) or _setting_holds(node)
        self.walk(node.test)
        self._enter_loop(since, bounded=not forever)
        test = node.test
        if type(test) is cst.Call and self._observer_method(test, ("is_alive", "isAlive")):
            # `while observer.is_alive(): observer.join(1)`: kept running while the observer
            # hands it each file-system event
            self.ctx.later(node, _loop_at(self.scope_name(), WATCHDOG_LOOP))
        elif (
            type(test) is cst.Comparison
            and _until_stopped(_flag_compared(test))
            and self._only_sleeps(node.body)
            and any(ctor.startswith("watchdog.observers") for ctor in self.ctx.objects.values())
        ):
            # `while exit_flag == False: time.sleep(1)` after `observer.start()`: the main thread kept
            # alive for the observer's events until a signal handler sets the flag
            self.ctx.later(node, _loop_at(self.scope_name(), WATCHDOG_LOOP))
        if self._reads_follower(node):
            # `while True: line = proc.stdout.readline()` on `tail -f`, `journalctl -f`: a log
            # followed line after line, for as long as the process runs
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=FILE_FOLLOW))
        elif forever:
            source = self._consume_call_in(node.body, node.test, node)
            scope = self.scope_name()
            if (
                not source
                and (_literal_forever(node.test) or _until_stopped(node.test))
                and self._only_sleeps(node.body)
                and any(ctor.startswith("watchdog.observers") for ctor in self.ctx.objects.values())
            ):
                # `while self.running: time.sleep(5)` in a file that started a watchdog observer (in
                # another method, `self.observer.start()`): the main thread kept alive for its events
                source = WATCHDOG_LOOP
            # `while True:` at module level, or in a function's own body (not inside another loop)
            # with no pause anywhere in it, working round after round without a pause or a way out
            busy = (
                not source
                and (
                    (not self.frames and not self.ctx.scope)
                    or (
                        bool(self.frames)
                        and self.frames[-1].depth == 1  # a module-level function or the `__main__` block
                        and self._own_body()
                        and self._frame().loop_depth == 1
                        # (`try: while True: next(rows)` / `except StopIteration`; not a stop by
                        # hand, `except KeyboardInterrupt: client.close()`)
                        and all(caught and caught <= _STOPS_BY_HAND for caught in self.ctx.caught)
                        and not self._pauses(node.body)
                        and not any(isinstance(x, (cst.Yield, cst.Await)) for x in n.descendants(node.body))
                    )
                )
                and _literal_forever(node.test)
                and self._does_work(node.body)
                and _never_leaves(node.body, self.ctx)
                # (`while True: try: scheduler.start()`: an APScheduler scheduler started again when
                # it fails, the scheduler's job)
                and not self._restarts_scheduler(node.body)
            )
            if not source and self._run_method_forever(node):
                self.run_loops.add(self.frames[-1].name.partition(".")[0])
            if source:
                idle = self._only_sleeps(node.body)
                drains = _stops_when_empty(node.body, self.ctx, node.test)
                # (a method reading the object's own socket in a thread it starts, `Thread(target=
                # self._read_loop, daemon=True)`: a client's background reader, not the process's loop)
                reader = scope.rpartition(".")[2] if source == SOCKET_LOOP and "." in scope else ""
                flag = _flag_of(node.test) if source == MQTT_WAIT else None
                self.ctx.later(
                    node,
                    lambda line, col: (
                        None
                        if (reader and reader in self.self_started)
                        # (a flag a callback clears, `on_message` after one reading: a one-shot script)
                        or (flag is not None and flag in self.callback_sets)
                        else LoopFact(line=line, scope=scope, source=source, idle=idle, drains=drains)
                    ),
                )
            elif calls := self._loop_calls(node.body):
                drains = _stops_when_empty(node.body, self.ctx, node.test)
                self.ctx.later(
                    node,
                    lambda line, col: WrapperLoopFact(line=line, scope=scope, calls=calls, forever=busy, drains=drains),
                )
            elif busy:
                kind = BUSY_LOOP if not self.frames or self.frames[-1] is self.guard else BUSY_LOOP_LOCAL
                self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=kind))
        self.walk(node.body)
        self._leave_loop(bounded=not forever)
        if node.orelse is not None:
            self.walk(node.orelse)

    def _reads_follower(self, node: cst.While) -> bool:
        """A loop reading a following process's output line by line, ``while True:`` or while the
        process runs (``while proc.poll() is None:``), never breaking out."""
        if not self.followers:
            return False
        test = node.test
        polled: str | None = None
        if type(test) is cst.Comparison:
            # (`while proc.poll() is None:`, `== None`)
            target = test.comparisons[0].comparator if len(test.comparisons) == 1 else None
            polled = n.callee(test.left) if type(test.left) is cst.Call and not test.left.args else None
            if target is None or n.dotted(target) != "None" or polled is None or not polled.endswith(".poll"):
                return False
        elif not _literal_forever(test):
            return False
        scope = self.scope_name()
        # (started in this function, at module level, or kept on `self` by another method)
        here = {
            name
            for where, _, name in (key.partition(":") for key in self.followers)
            if where in (scope, "") or name.startswith("self.")
        }
        reads = {f"{name}.stdout.readline" for name in here}
        if polled is not None and polled.removesuffix(".poll") not in here:
            return False
        if not reads or _breaks_out(node.body):
            return False
        # (no way out but a failure: not `return 0` once the line awaited came)
        read = False
        for sub in n.descendants(node.body):
            if type(sub) is cst.Return:
                return False
            read = read or (type(sub) is cst.Call and n.callee(sub) in reads)
        return read

    def _keep(self, frame: _Frame, written: str) -> None:
        """Remember a file the function wrote or copied, where (branches, loop depth) it did. A
        file written in each branch of an `if`/`else` is kept where the branches meet; an item of
        a loop over existing files (`for key in keys.glob("*.pem"): key.write_bytes(noise)`) is
        overwritten, not the job's own."""
        if written in self.iterated:
            return
        before = frame.kept.get(written, (self.branch, frame.loop_depth))[0]
        # (and at the same loop depth: `os.remove(path)` in a loop over other files is a deletion)
        frame.kept[written] = (_meet(before, self.branch), frame.loop_depth)

    def _ship(self, frame: _Frame, sent: Iterable[str]) -> None:
        """Files uploaded or sent whole: removed after that, they are the job's shipped copies
        (`_Frame.shipped`), unless removed outside the block that shipped them."""
        for key in sent:
            # (shipped in each branch of an `if`/`else`, or again after a branch: where they meet)
            frame.shipped[key] = _meet(frame.shipped.get(key, self.branch), self.branch)

    def _own_file(self, frame: _Frame, key: str, *, deeper: bool = False) -> bool:
        """Whether ``key`` is a file this function wrote or copied (see `_keep`) in this block or
        one around it, at the loop depth it is removed at (with ``deeper``, or in a loop inside:
        the last file a retried download wrote)."""
        kept = frame.kept.get(key)
        if kept is None or self.branch[: len(kept[0])] != kept[0]:
            return False
        return kept[1] >= frame.loop_depth if deeper else kept[1] == frame.loop_depth

    def _rebind(self, target: cst.BaseExpression, *, each: bool = False) -> list[str]:
        """The names ``target`` binds, which no longer hold a file written above (`for path in
        glob(...)`, `path = pending.pop()`)."""
        names = [n.dotted(bound) or "" for bound in _bound_names(target)]
        scope, where = self.scope_name(), tuple(self.ctx.scope)
        for name in names:  # (`for path in glob(...)`: no longer the string bound before)
            key = f"{scope}:{name}"
            self.strings.pop(name if "." in name else key, None)
            self.fetched.discard(key)  # (nor a lookup's result)
            self.exists_answers.pop(key, None)  # (nor an existence check's answer)
            self.fetched_from.pop(key, None)
            self.ctx.removed.discard((where, name))  # (nor a path removed or found absent)
        frame = self._deletions_frame()
        if frame is not None:
            for name in names:
                frame.kept.pop(name, None)
            if each or type(target) is not cst.Name:
                # (a loop's item, bound again and again, or a name unpacked: see `_Frame.bound`; a
                # plain name bound is judged where its value is, `_bind_made`)
                for name in names:
                    frame.made_by.pop(name, None)
                    frame.temporary.discard(name)
                frame.bound.update(names)
        return names

    def _scratch_deletion(self, node: cst.Call, frame: _Frame, key: str) -> None:
        """A deletion of what a function of this file made and returned (`pdf =
        self.download_pdf(url)`, then `os.unlink(pdf)`), or of a parameter that every call in the
        file hands such a file (`process(path)` after `path = download()`): the job's own scratch
        file, used and removed. Whether the maker made it is known once the file is read."""
        makers, handed = self.scratch_makers, self.scratch_handed
        made = frame.made_by.get(key)
        if made is not None:
            methods, bases = self.methods, self.bases_by_class
            # (a method no subclass in the file defines again, whose own may return another file; one
            # in another module may, see `SCRATCH_DELETION`)
            self.scratch_deletions[id(node)] = (
                SCRATCH_DELETION if any("." in maker for maker in made) else "",
                lambda: all(maker in makers and not _overridden(maker, methods, bases) for maker in made),
            )
            return
        ctx = self.ctx
        if len(ctx.scope) != 1 or not ctx.params or key not in ctx.params[-1]:
            return
        function = ctx.scope[0]
        order = ctx.signatures.get(function, ())
        slots = [(function, key)] + ([(function, order.index(key))] if key in order else [])

        references, calls = self.handed_on, self.scratch_calls

        def every_call_hands_one() -> bool:
            # (and the function handed nowhere to be called with something else: `pool.map(process, files)`;
            # every call handing that parameter, not leaving it at its default nor unpacking `*job`)
            given = [maker for slot in slots for maker in handed.get(slot, ())]
            return (
                bool(given)
                and len(given) == calls.get(function, 0)
                and function not in references
                and all(maker == _OWN_FILE or maker in makers for maker in given)
            )

        # (known for this file's calls only: another module importing this one may hand it anything,
        # see `SCRATCH_DELETION`)
        self.scratch_deletions[id(node)] = (SCRATCH_DELETION, every_call_hands_one)

    def _count_call(self, function: str, args: Sequence[cst.Arg], *, flagged: bool) -> None:
        """A call of a module-level function of this file: whether it is made under an option named
        for deleting (`if args.clean: remove_logs()`), and what it hands the function's parameters."""
        self.flagged_calls[function] = self.flagged_calls.get(function, True) and flagged
        self.scratch_calls[function] = self.scratch_calls.get(function, 0) + 1  # (with arguments or none)
        if args:
            self._hand_scratch(function, args)

    def _hand_scratch(self, function: str, args: Sequence[cst.Arg]) -> None:
        """What a call of a function of this file hands its parameters: for each, the function
        whose result it is (see `_Frame.made_by`), a file the caller wrote itself or a lock, pid
        or temporary file by its name (`_OWN_FILE`), or ``""``."""
        frame = self._deletions_frame()
        for index, arg in enumerate(args):
            if arg.star:
                return  # (`*args`: the positions after it are unknown)
            slot: int | str = arg.keyword.value if arg.keyword is not None else index
            given = n.dotted(arg.value) or ""
            # (a file the caller wrote itself in this block, `df.to_csv(name)` then `delete_file(name)`)
            own = bool(given) and (
                (frame is not None and self._own_file(frame, given)) or bool(_TEMPORARY.search(given))
            )
            made = frame.made_by.get(given, ()) if frame is not None and not own else ()
            maker = _OWN_FILE if own else made[0] if len(made) == 1 else ""
            self.scratch_handed.setdefault((function, slot), []).append(maker)

    def _bind_made(
        self, frame: _Frame, name: str, maker: str, *, temporary: bool = False, unpacked: bool = False
    ) -> None:
        """A name bound to a value other than `None`: to what a function of the file returned
        (`pdf = self.download_pdf(url)`), to a temporary file made here, or to something else."""
        ctx = self.ctx
        first = (unpacked or name not in frame.bound) and not (ctx.params and name in ctx.params[-1])
        if maker and (first or name in frame.made_by):
            frame.made_by[name] = (*frame.made_by.get(name, ()), maker)
        else:
            # (bound to another value too, or a parameter bound again: which value it holds is not known)
            frame.made_by.pop(name, None)
        if temporary and (first or name in frame.temporary):
            frame.temporary.add(name)
        else:
            frame.temporary.discard(name)
        frame.bound.add(name)

    def _maker(self, value: cst.BaseExpression) -> str:
        """The function of this file a value is the result of (`self.download_pdf(url)` in a method:
        `Class.download_pdf`; `download()`: `download`), or ``""``."""
        raw = n.callee(value) if type(value) is cst.Call else None
        if not raw:
            return ""
        if raw.startswith("self.") and raw.count(".") == 1 and len(self.ctx.scope) >= 2 and self.ctx.class_bases:
            return f"{self.ctx.scope[0]}.{raw[5:]}"
        return raw if raw in self.module_functions else ""

    def visit_comprehension(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> None:
        """``[os.remove(path) for path in old]``: its names are bound before its element runs."""
        comp_for: cst.CompFor | None = node.for_in
        while comp_for is not None:
            self._rebind(comp_for.target, each=True)
            comp_for = comp_for.inner_for_in
        self.generic(node)

    def visit_for(self, node: cst.For) -> None:
        bound_here = self._rebind(node.target, each=True)
        if type(node.iter) is cst.Name and f"{self.scope_name()}:{node.iter.value}" in self.fetched:
            # `for row in rows: names.append(row[0])`: the keys of the rows looked up
            for small in _simple_block(node.body) or ():
                call = small.value if type(small) is cst.Expr else None
                if (
                    type(call) is cst.Call
                    and type(call.func) is cst.Attribute
                    and call.func.attr.value == "append"
                    and type(call.func.value) is cst.Name
                ):
                    self.fetched.add(f"{self.scope_name()}:{call.func.value.value}")
        since = self.reads
        iterated = n.dotted(node.iter)
        if self.frames and not self.handlers and self._own_body():
            # `tasks = fetch_tasks()` then `for task in tasks:` (or `for task in fetch_tasks():`): an
            # empty result the step hands back on failure reads as nothing to do (see `_value_lost`)
            frame = self.frames[-1]
            if iterated and iterated in frame.results:
                frame.results_lost.append((frame.results[iterated], iterated, False))
            elif type(node.iter) is cst.Call and (called := self.ctx.resolve(n.callee(node.iter))):
                frame.results_lost.append((self._as_called(called), "", False))
        ctor = self.ctx.object_ctor(iterated)
        if ctor is not None and (
            ctor.endswith(CONSUMER_CTOR_SUFFIXES)
            # (`consumer = get_kafka_consumer_by_envs(topic)`, a helper of another package building
            # it, then `for msg in consumer:` that never leaves)
            or (bool(_CONSUMER_FACTORY.search(n.snake(ctor.rpartition(".")[2]))) and _never_leaves(node.body, self.ctx))
        ):
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=ctor))
        elif type(node.iter) is cst.Call and (
            (n.callee(node.iter) or "").endswith(".listen")
            or _listen_notifies(node.iter)
            or (_channel_consume(node.iter) and _never_leaves(node.body, self.ctx))
        ):  # (a drain that breaks out when the queue is empty is a job)
            scope, source = self.scope_name(), n.callee(node.iter) or "listen"
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=source))
        elif node.asynchronous is not None and (
            (ctor or "").endswith(".iterator")
            or (type(node.iter) is cst.Call and (n.callee(node.iter) or "").endswith(".iterator"))
        ):
            # `async with queue.iterator() as messages: async for message in messages` (aio-pika)
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="queue.iterator"))
        elif (
            node.asynchronous is not None
            and _websocket_stream(ctor, node.iter, self.ctx)
            and _never_leaves(node.body, self.ctx)
        ):
            # `async with websockets.connect(url) as ws: async for message in ws:`, the reconnecting
            # `async for ws in websockets.connect(url):`, aiohttp's `session.ws_connect(url)`: a
            # stream read message after message until the process stops
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="websocket.recv"))
        elif (
            node.asynchronous is not None
            and _mqtt_messages(ctor, node.iter, self.ctx)
            and _never_leaves(node.body, self.ctx)
        ):
            # aiomqtt: `async for message in client.messages:`, or (asyncio-mqtt, aiomqtt 1)
            # `async with client.messages() as messages: async for message in messages:`
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="mqtt.messages"))
        elif (
            node.asynchronous is not None
            and type(node.iter) is cst.Call
            and (n.callee(node.iter) or "").rpartition(".")[2].startswith("subscribe")
            and _never_leaves(node.body, self.ctx)
        ):
            # `async for data in client.subscribe(query):`, `mythic.subscribe_new_callbacks(...)`: a
            # GraphQL or event subscription, read event after event until the process stops
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="subscription"))
        elif (
            node.asynchronous is None
            and (stream := _endless_stream(node.iter, self.ctx)) is not None
            and _never_leaves(node.body, self.ctx)
            # (`w.stop()` once the awaited change came: the Kubernetes client's way to end a watch)
            and not (
                stream == KUBERNETES_WATCH
                and any(
                    type(sub) is cst.Call and (n.callee(sub) or "").endswith(".stop")
                    for sub in n.descendants(node.body)
                )
            )
        ):
            # `for comment in subreddit.stream.comments():` (PRAW), `for event in
            # client.events(decode=True):` (the Docker daemon's): items as they come, for as long
            # as the process runs
            self.ctx.later(node, _loop_at(self.scope_name(), stream))
        if type(node.target) is cst.Name and (_queryset(node.iter) or n.dotted(node.iter) in self.rows):
            self.rows.add(node.target.value)
        if type(node.target) is cst.Name and (
            _cloud_listing(node.iter) or (type(node.iter) is cst.Name and node.iter.value in self.cloud_lists)
        ):
            self.cloud_items.add(node.target.value)
        self.walk(node.target)
        self.walk(node.iter)
        attempts = type(node.iter) is cst.Call and n.callee(node.iter) == "range"
        # (`for attempt in range(1, tries + 1):` that backs off or stops once it succeeds; not
        # `for i in range(len(urls)):`, item after item)
        # (judged only when a handler in it needs to know: see `_retries`)
        named = attempts and type(node.target) is cst.Name and bool(_ATTEMPT_NAME.search(node.target.value))
        frame = self._frame()
        self._enter_loop(since, bounded=attempts)
        if named:
            frame.attempt_loops.append(node)
        saved_iterated = self.iterated
        self.iterated = self.iterated | set(bound_here)  # (items that exist: overwritten, not written)
        self.walk(node.body)
        self.iterated = saved_iterated
        if named:
            frame.attempt_loops.pop()
        self._leave_loop(bounded=attempts)
        if node.orelse is not None:
            self.walk(node.orelse)

    def _started_something(self, only: frozenset[str] = frozenset()) -> bool:
        """The function (or module) has started a server (``start_http_server``, ``app.listen``) or
        a client's network loop (``loop_start``) before it waits, itself or through a function
        (``only``: those methods alone)."""
        methods = only or _BACKGROUND_STARTS

        def starts(calls: Sequence[str]) -> bool:
            return any(call.rpartition(".")[2] in methods for call in calls)

        # (`def start_monitoring(port): start_http_server(port)`, defined before the wait)
        starters = {f.name for f in self.functions if starts(f.calls)}
        calls = self._frame().calls
        return starts(calls) or any(call in starters for call in calls)

    def _stops_when_done(self, call: cst.Call) -> bool:
        """The coroutine function of the file that ``aiorun.run(main())`` is given stops the event
        loop on its way out (``loop.stop()`` among its own statements, also in a ``with`` block or a
        ``try``'s body or ``finally:``; not under an ``if`` or in a handler, a give-up on an error):
        a run that ends when its work is done."""
        args = n.positional(call)
        given = args[0].value if args else None
        function = self.module_functions.get(n.callee(given) or "") if type(given) is cst.Call else None
        if function is None:
            return False
        stmts: list[cst.CSTNode] = []
        for stmt in _block(function.body):
            if type(stmt) is cst.With:
                stmts.extend(_block(stmt.body))
            elif type(stmt) is cst.Try:
                stmts.extend(_block(stmt.body))
                if stmt.finalbody is not None:
                    stmts.extend(_block(stmt.finalbody.body))
            else:
                stmts.append(stmt)
        return any(
            type(small) is cst.Expr
            and type(small.value) is cst.Call
            and bool(_LOOP_STOPPED.fullmatch(n.callee(small.value) or ""))
            for stmt in stmts
            for small in _smalls(stmt) or ()
        )

    def _runs_event_loop(self, call: cst.Call) -> bool:
        """``loop.run_forever()`` on an asyncio event loop (``asyncio.get_event_loop()``, kept in
        a name or an attribute)."""
        raw = n.callee(call) or ""
        owner, _, method = raw.rpartition(".")
        if method != "run_forever":
            return False
        resolved = self.ctx.resolve(raw) or ""
        return resolved.removesuffix("().run_forever") in EVENT_LOOPS or (self.ctx.object_ctor(owner) in EVENT_LOOPS)

    def _nats_subscription(self, call: cst.Call) -> bool:
        """``nc.subscribe(subject, cb=handler)`` (also JetStream's) in a module that imports nats-py."""
        return (
            (n.callee(call) or "").endswith(".subscribe")
            and n.keyword(call, "cb") is not None
            and _imported(self.ctx, "nats")
            and _waits_forever(self.frames[-1].line_node if self.frames else self.module)
        )

    def _receives_forever(self, body: cst.CSTNode, read: cst.Call) -> bool:
        """A loop body of a module that imports ``socket``, reading one connection it holds (not
        a server's, ``conn, _ = sock.accept()``, nor one a function is handed, each client's),
        asking no one for input, with no ``break`` or ``return`` and no exit that ends the stream
        (:meth:`_socket_loop_ends`)."""
        owner = (n.callee(read) or "").rpartition(".")[0]
        if (
            "socket" not in self.ctx.aliases.values()
            or _imported(self.ctx, *_WEBSOCKET_CLIENTS)
            # (a connection the object holds, `self._sock`, is its own; socketserver's
            # `self.request` is each client's)
            or (self.ctx.is_parameter(owner) and not (owner.startswith("self.") and owner != "self.request"))
            or _breaks_out(body)
            or not isinstance(body, cst.BaseSuite)
        ):
            return False
        for node in n.descendants(body):
            if type(node) is cst.Return:
                return False
            if type(node) is cst.Call:
                name = self.ctx.resolve(n.callee(node)) or ""
                if (
                    name.endswith(".accept")
                    or name in INTERACTIVE_CALLS
                    or name.rpartition(".")[2] in ("input", "prompt")
                ):
                    return False
        return not self._socket_loop_ends(_block(body), in_handler=False, commanded=False)

    def _socket_loop_ends(self, stmts: Sequence[cst.CSTNode], *, in_handler: bool, commanded: bool) -> bool:
        """An exit or a ``raise`` anywhere in a socket read loop: the end of the stream (``if not
        chunk: sys.exit(0)``, ``if received >= size:``, ``except socket.timeout: sys.exit(0)``).
        Not one under a test for a command word (a bot's ``!die``), nor a crash in an ``except``
        block (a ``raise``, or an exit with a status other than 0) for a supervisor to restart."""
        for stmt in stmts:
            if type(stmt) is cst.If:
                branch: cst.If | cst.Else | None = stmt
                told = commanded
                while branch is not None:
                    told = told or (type(branch) is cst.If and _tests_command_word(branch.test))
                    if self._socket_loop_ends(_block(branch.body), in_handler=in_handler, commanded=told):
                        return True
                    branch = branch.orelse if type(branch) is cst.If else None
            elif type(stmt) is cst.Try:
                blocks = [stmt.body, *(b.body for b in (stmt.orelse, stmt.finalbody) if b is not None)]
                if any(self._socket_loop_ends(_block(b), in_handler=in_handler, commanded=commanded) for b in blocks):
                    return True
                for handler in stmt.handlers:
                    if self._socket_loop_ends(_block(handler.body), in_handler=True, commanded=commanded):
                        return True
            elif isinstance(stmt, (cst.With, cst.For, cst.While)):
                if self._socket_loop_ends(_block(stmt.body), in_handler=in_handler, commanded=commanded):
                    return True
            elif not commanded:
                for small in _smalls(stmt) or ():
                    call = _small_call(small)
                    exits = call is not None and self.ctx.resolve(n.callee(call)) in EXIT_CALLS
                    if type(small) is cst.Raise and not in_handler:
                        return True
                    if exits and call is not None and (not in_handler or _exits_zero(call)):
                        return True
        return False

    def _stopped_before(self, owner: str) -> bool:
        """A statement that always runs before the current one, in its block or one around it
        (also in a ``try`` or ``finally`` body or a ``with``), stops ``owner`` (``observer.stop()``)
        or has a timer stop it (``threading.Timer(60, observer.stop).start()``). Not a stop on some
        runs only (under an ``if``, in a loop, in an ``except`` block), in a signal handler (a
        lambda or a nested function), nor one registered for the process's exit
        (``atexit.register(observer.stop)``)."""
        stop = f"{owner}.stop"
        for block, index in self.stmt_stack:
            for small in _always_run(block.body[:index]):
                for node in (small, *n.descendants(small)):
                    if type(node) is not cst.Call:
                        continue
                    if n.callee(node) == stop or (
                        (n.callee(node) or "").endswith("Timer") and any(n.dotted(a.value) == stop for a in node.args)
                    ):
                        return True
        return False

    def _works_in(self, body: cst.BaseSuite) -> bool:
        """A block with a statement that calls something besides printing or logging, or a ``with``
        block (``out.write(r.text)``; not ``site["live"] = "yes"``, a probe's verdict recorded, nor
        ``log.info("posted in %.2fs", r.elapsed.total_seconds())``)."""
        for stmt in _block(body):
            if type(stmt) is cst.With:
                return True
            if isinstance(stmt, (cst.If, cst.For, cst.While, cst.Try)):
                if any(self._works_in(block) for block in _sub_blocks(stmt)):
                    return True
                continue
            for small in _smalls(stmt) or ():
                call = _small_call(small)
                if call is not None and self._report(small) is None:
                    return True
        return False

    def _works_besides(self, node: cst.Try) -> bool:
        """The function holding ``node`` changed something before it, itself or through a function
        of the module it called (``conn.fetch("UPDATE ... RETURNING ...")``, ``conn.commit()``,
        ``upload(path)`` calling ``s3.upload_file``): the notice tells of that work, not the job's
        whole work (a digest's query and its post are the post's, and an alert marked sent after
        its post is bookkeeping of the post)."""
        function = self.frames[-1].line_node if self.frames else None
        if type(function) is not cst.FunctionDef:
            return False
        for call in n.descendants(function.body):
            if call is node:
                return False
            if type(call) is not cst.Call:
                continue
            helper = self.module_functions.get(n.callee(call) or "")
            if _changes_data(call) or (
                helper is not None
                and helper is not function
                and any(type(c) is cst.Call and _changes_data(c) for c in n.descendants(helper.body))
            ):
                return True
        return False

    def _notifies_in(self, body: cst.BaseSuite) -> bool:
        """A post to a chat's or a user's webhook among the block's calls."""
        return any(
            type(node) is cst.Call and _sends_notice(self.ctx.resolve(n.callee(node)) or "", node)
            for node in n.descendants(body)
        )

    def _guards_work(self, body: cst.CSTNode) -> bool:
        """A ``try`` body that does the work: a call that is no notification (``alert()``, a post to
        a chat's webhook), no clean-up (``os.remove(partial)``, ``conn.close()``) and no report."""
        for node in n.descendants(body):
            if type(node) is not cst.Call:
                continue
            name = self.ctx.resolve(n.callee(node)) or ""
            if (
                _TELLS.search(name)
                # (also a client's: `await client.post(user["webhook_url"], json=...)`, the client
                # opened for it, `async with httpx.AsyncClient(timeout=10) as client:`)
                or _sends_notice(name, node)
                or name in _HTTP_CLIENTS
                or name in _CONVERSIONS  # (`str(row["id"])` in the notice)
                or name in _DESTRUCTIVE_CALLS
                or name.rpartition(".")[2] in _CLEANUP_METHODS
                or name.startswith(REPORT_PREFIXES)
            ):
                continue
            return True
        return False

    def _handed_only_the_application(self, owner: str) -> bool:
        """``owner`` is the current function's first parameter and names the application, and the
        others are its settings (``def schedule_close_day(app):``, ``def schedule_jobs(app,
        settings):``; not ``def subscribe(app, chat_id):``, a user's own)."""
        frame = self.frames[-1] if self.frames else None
        node = frame.line_node if frame is not None else None
        if type(node) is not cst.FunctionDef:
            return False
        # (keyword-only options beside it, `def schedule(app, *, every=3600)`, do not count; nor
        # the settings it is handed, `def schedule_jobs(app, settings)`)
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)]
        return (
            bool(params)
            and params[0] == owner.partition(".")[0]
            and params[0] in _APPLICATION_NAMES
            and all(p in _SETTINGS_PARAMS for p in params[1:])
        )

    def _observer_method(self, call: cst.Call, methods: tuple[str, ...]) -> bool:
        """``call`` is one of ``methods`` on a watchdog ``Observer`` (file-system events)."""
        owner, _, method = (n.callee(call) or "").rpartition(".")
        return method in methods and (self.ctx.object_ctor(owner) or "").startswith("watchdog.observers")

    def _run_method_forever(self, node: cst.While) -> bool:
        """``while True:`` with no way out in the own body of a ``run()`` method: started as a
        thread or a process that is no daemon, it keeps the program running."""
        frame = self.frames[-1] if self.frames else None
        if frame is None or frame.depth != 2 or not frame.name.endswith(".run"):
            return False
        return (
            self._own_body()
            and frame.loop_depth == 1
            and _literal_forever(node.test)
            and _never_leaves(node.body, self.ctx)
        )

    def _retries(self, loop: cst.For) -> bool:
        """``for attempt in range(1, tries + 1):`` that backs off or stops once it succeeds (not
        ``range(len(urls))``, item after item); remembered per loop."""
        key = id(loop)
        found = self._retry_loops.get(key)
        if found is None:
            found = self._retry_loops[key] = not any(
                type(d) is cst.Call and n.callee(d) == "len" for d in n.descendants(loop.iter)
            ) and (self._backs_off(loop.body) or _breaks_out(loop.body))
        return found

    def _schedule_scheduler(self, name: str) -> bool:
        """``name`` holds a ``schedule.Scheduler``, or an instance of a class of the file deriving from
        it, or of a scheduler class the file imports from a module of the project (the SafeScheduler
        recipe kept in a module of its own: ``every()`` is the schedule library's call)."""
        ctor = self.ctx.object_ctor(name) or ""
        if ctor == "schedule.Scheduler" or "schedule.Scheduler" in self.bases_by_class.get(ctor, ()):
            return True
        module, _, cls = ctor.rpartition(".")
        return cls.endswith("Scheduler") and bool(module) and module.partition(".")[0] not in _SCHEDULER_LIBRARIES

    def _exists_kept(self) -> tuple[frozenset[str], frozenset[str]]:
        """The names of this scope holding an existence check's answer (``found = os.path.exists(d)``),
        and those holding its negation (``fresh = not os.path.isdir(d)``)."""
        prefix = f"{self.scope_name()}:"
        here = {key[len(prefix) :]: answer for key, answer in self.exists_answers.items() if key.startswith(prefix)}
        return frozenset(k for k, answer in here.items() if answer), frozenset(k for k, a in here.items() if not a)

    def _note_read(self, node: cst.Call, name: str) -> None:
        """A file opened to be read (``open("sent.log")``, ``Path("sent.log").read_text()``): a
        ``.log`` file the code reads back is a ledger, data it keeps (see bare-print)."""
        if name in _OPEN_CALLS:
            args = n.positional(node)
            mode_arg = args[1] if len(args) > 1 else n.keyword(node, "mode")
            if args and (mode_arg is None or (n.string_value(mode_arg.value) or "")[:1] == "r"):
                self.ctx.read_paths.add(_opened_path(args[0].value))
            return
        owner = node.func.value if type(node.func) is cst.Attribute else None
        if type(owner) is cst.Call and (self.ctx.resolve(n.callee(owner)) or "").endswith("Path") and owner.args:
            self.ctx.read_paths.add(_opened_path(owner.args[0].value))
        elif type(owner) is cst.Name and (path := self.path_names.get(f"{self.scope_name()}:{owner.value}")):
            self.ctx.read_paths.add(path)  # `ledger = Path("sent.log")`, then `ledger.read_text()`

    def _opening(self, call: cst.Call, callee: str) -> tuple[str, str | None, bool] | None:
        """A file a ``with`` item opens: ``open(path, mode)``, or a path object's own ``open(mode)``
        (``(Path(d) / "error.log").open("a")``, ``log_path.open("a")``). Gives the opened path as
        written (see :func:`_opened_path`), the mode (None when not a literal) and whether it is a log
        kept by hand (see :func:`_kept_log`)."""
        args = n.positional(call)
        held: str | None = None
        if callee in _OPEN_CALLS:
            if not args:
                return None
            mode_arg = args[1] if len(args) > 1 else n.keyword(call, "mode")
            path = args[0].value
        elif type(call.func) is cst.Attribute and call.func.attr.value == "open":
            mode_arg = args[0] if args else n.keyword(call, "mode")
            path = call.func.value
            held = self._path_held(path.value) if type(path) is cst.Name else None
            if held is None and not (type(path) is not cst.Name and self._path_object(path)):
                return None  # (not known to be a path: a zip archive's, a tar's `open`)
        else:
            return None
        mode = n.string_value(mode_arg.value) if mode_arg is not None else "r"
        if held is not None and type(path) is cst.Name:
            # (a path object's name: its text where known; else the name, `SYNC_LOG = Path(os.environ["SYNC_LOG"])`)
            return held, mode, held.lower().endswith(".log") if held else bool(_LOG_NAME.search(path.value))
        return _opened_path(path), mode, _kept_log(path, self._strings_here())

    def _path_object(self, value: cst.BaseExpression) -> bool:
        """``Path(d)``, ``Path(d) / "run.log"``, ``LOG_DIR / "run.log"`` with ``LOG_DIR = Path(...)``."""
        while type(value) is cst.BinaryOperation and type(value.operator) is cst.Divide:
            value = value.left
        if type(value) is cst.Call:
            return bool(value.args) and (self.ctx.resolve(n.callee(value)) or "").endswith("Path")
        return type(value) is cst.Name and self._path_held(value.value) is not None

    def _path_held(self, name: str) -> str | None:
        """The path a name of this scope, or of the module, is bound to as a path object."""
        found = self.path_names.get(f"{self.scope_name()}:{name}")
        return found if found is not None or not self.ctx.scope else self.path_names.get(f":{name}")

    def _calls(self, body: cst.CSTNode, wanted: Callable[[str], bool]) -> bool:
        """Whether ``body`` (inner loops included) calls something ``wanted`` accepts, by resolved name."""
        return any(
            type(node) is cst.Call and wanted(self.ctx.resolve(n.callee(node)) or "") for node in n.descendants(body)
        )

    def _backs_off(self, body: cst.CSTNode) -> bool:
        """A loop body that sleeps somewhere (`time.sleep(2 ** attempt)`)."""
        return self._calls(body, lambda name: name in SLEEPS or name.endswith(".sleep"))

    def _pauses(self, body: cst.CSTNode) -> bool:
        """A loop body that sleeps or waits somewhere, inner loops included (`event.wait(60)`)."""
        return self._calls(
            body, lambda name: name in SLEEPS or name.rpartition(".")[2] in {"wait", "sleep", "join", "run_pending"}
        )

    def _enter_loop(self, since: int, bounded: bool = False) -> None:
        frame = self._frame()
        frame.loop_depth += 1
        frame.retry_depth += bounded
        frame.loop_reads.append(since)

    def _leave_loop(self, bounded: bool = False) -> None:
        frame = self._frame()
        frame.loop_depth -= 1
        frame.retry_depth -= bounded
        frame.loop_reads.pop()

    def visit_with(self, node: cst.With) -> None:
        ctx = self.ctx
        suppressed: set[str] = set()
        opened_logs: list[tuple[tuple[str, ...], str]] = []
        for item in node.items:
            call = item.item
            if type(call) is not cst.Call:
                continue
            callee = ctx.resolve(n.callee(call)) or ""
            if callee.endswith("suppress"):
                for arg in call.args:
                    suppressed.update(_exception_names(arg.value, ctx))
            alias = item.asname.name.value if item.asname is not None and type(item.asname.name) is cst.Name else ""
            if alias and callee == "subprocess.Popen" and (self.frames or not ctx.scope):
                self._frame().popens.append(alias)  # `with subprocess.Popen(...) as p:` (see `_status_unread`)
            if alias and callee.startswith("tempfile."):
                # `with tempfile.TemporaryDirectory() as workdir:`: paths in it are temporary
                self.strings[f"{self.scope_name()}:{alias}"] = "tempfile"
                if callee in _TEMPORARY_FILES and (frame := self._deletions_frame()) is not None:
                    # (`with NamedTemporaryFile(delete=False) as tmp:`)
                    self._bind_made(frame, alias, "", temporary=True)
            args = n.positional(call)
            opened = n.dotted(args[0].value) if alias and callee in _OPEN_CALLS and args else None
            if opened and (frame := self._deletions_frame()) is not None:
                frame.opened[alias] = opened  # `with open(log, "rb") as f_in`: see `copyfileobj`
            if alias and (opening := self._opening(call, callee)) is not None:
                # (a log kept by hand: a `.log` file, or one named for a log, opened to write to; the
                # handle forgotten once its block ends)
                opened_on, mode, is_log = opening
                if mode is not None and mode[:1] == "r":
                    ctx.read_paths.add(opened_on)
                elif mode is not None and mode[:1] in "aw" and is_log:
                    ctx.log_handles[(tuple(ctx.scope), alias)] = opened_on
                    opened_logs.append((tuple(ctx.scope), alias))
            if alias:
                # (at module level a fact, `with HTTPServer(...) as server: server.serve_forever()`; in a
                # function only a name to resolve: a throwaway callback server, a client for one call)
                # (a server the block keeps serving, `httpd.serve_forever()`, is one in a function too)
                serving = _websocket_server(call, ctx) or (
                    _serves_forever(node.body, alias) and not _local_preview(call, ctx)
                )
                self._object(alias, call, item, record=not self.ctx.scope or serving)
            elif _websocket_server(call, ctx):
                # `async with websockets.serve(handler, host, port): await asyncio.Future()`: serving
                self._object("websocket_server", call, item)
        self.walk_all(node.items)
        ctx.caught.append(frozenset(suppressed))
        self.walk(node.body)
        ctx.caught.pop()
        for handle in opened_logs:
            ctx.log_handles.pop(handle, None)

    def visit_expr(self, node: cst.Expr) -> None:
        value = node.value
        if type(value) in (cst.SimpleString, cst.ConcatenatedString):
            saved, self.ctx.in_docstring = self.ctx.in_docstring, True
            self.walk(value)
            self.ctx.in_docstring = saved
            return
        awaited = type(value) is cst.Await
        if type(value) is cst.Await:
            value = value.expression
        if (
            type(value) is cst.Call
            and not value.args
            and self._observer_method(value, ("join",))
            and not self._stopped_before((n.callee(value) or "").removesuffix(".join"))
        ):
            # `observer.start(); observer.join()`: waits for ever while the observer hands on events
            # (not `observer.stop(); observer.join()`, waiting for it to finish)
            self.ctx.later(node, _loop_at(self.scope_name(), WATCHDOG_LOOP))
        if (
            type(value) is cst.Call
            and (n.callee(value) or "").endswith(".run")
            # (`s.run(blocking=True)`, the default, spelt out)
            and all(
                arg.keyword is not None and arg.keyword.value == "blocking" and n.is_true(arg.value)
                for arg in value.args
            )
        ):
            owner = (n.callee(value) or "").removesuffix(".run")
            if self.ctx.object_ctor(owner) == "sched.scheduler":
                self.sched_runs.append((node, self.scope_name()))  # (a loop once something re-enters)
        if type(value) is cst.Call and self.ctx.resolve(n.callee(value)) == "signal.pause":
            # `client.loop_start(); signal.pause()`: the process waits for a signal while its
            # background threads consume: it runs until stopped
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="signal.pause"))
        elif (
            type(value) is cst.Call
            and self._runs_event_loop(value)
            and self._started_something(frozenset({"loop_start"}))
        ):
            # `client.loop_start(); loop.run_forever()`: an event loop kept running while the
            # MQTT client's thread consumes (a server's `listen()` is its app's, judged there)
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="signal.pause"))
        elif type(value) is cst.Call and _listens_to_stream(value, self.ctx):
            # `ws = yf.AsyncWebSocket(); await ws.listen(handler)`: a live feed calling back for
            # every message until the connection closes
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="yfinance.WebSocket.listen"))
        elif type(value) is cst.Call and _pynats_waits(value, self.ctx):
            # `client.subscribe(subject, callback=handle); client.wait()`: pynats reads messages
            # and calls back until the connection closes
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="pynats.NATSClient.wait"))
        elif type(value) is cst.Call and _waits_for_stop(value, self.ctx) and self._started_something():
            # `shutdown = Event(); signal.signal(SIGINT, lambda *a: shutdown.set()); shutdown.wait()`:
            # the process serves (an exporter's HTTP server, threads) until a signal stops it; an
            # event some thread sets when its work is done is a job waiting for that work
            scope = self.scope_name()
            self.ctx.later(
                node,
                lambda line, col: (
                    LoopFact(line=line, scope=scope, source=EVENT_WAIT) if self.installs_signal_handler else None
                ),
            )
        if awaited and type(value) is cst.Call and self._nats_subscription(value):
            # `await nc.subscribe("updates", cb=handler)`: nats-py calls back for every message
            scope = self.scope_name()
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="nats.subscribe"))
        elif awaited and type(value) is cst.Call and _registers_consumer(value, awaited=True):
            # `await queue.consume(on_message)`: aio-pika calls back for every message from now on.
            scope, source = self.scope_name(), self.ctx.resolve(n.callee(value)) or "consume"
            self.ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=source))
        module_level = not self.frames and not self.ctx.scope
        if type(value) is cst.Call and (self.frames or module_level):
            name = self.ctx.resolve(n.callee(value))
            frame = self._frame()
            if name:
                frame.dropped.append(self._as_called(name))
                if not self.handlers:
                    frame.steps.append(self._as_called(name))
                    frame.results_dropped.append(self._as_called(name))
                if _drops_status(name, value):
                    frame.ignored_statuses.append(name)
                elif (
                    not self.handlers
                    and not self.finally_depth
                    and (written := _kept_status(value, self.ctx)) is not None
                ):
                    # `requests.post(url, json=rows)`: an HTTP write's response thrown away whole,
                    # like one kept in a name and never read (not a clean-up step in `finally:`,
                    # `requests.delete(lock_url)`)
                    frame.ignored_statuses.append(written)
                if name.endswith((".run", "run_until_complete")):
                    for arg in n.positional(value):
                        inner = arg.value
                        if type(inner) is cst.Call:
                            inner_name = self.ctx.resolve(n.callee(inner))
                            if inner_name:
                                frame.dropped.append(inner_name)
                                if not self.handlers:  # `asyncio.run(cleanup())`: cleanup() is the step
                                    frame.steps.append(self._as_called(inner_name))
                            if _registers_consumer(inner):
                                # `loop.run_until_complete(queue.consume(handler)); loop.run_forever()`
                                self.ctx.later(node, _loop_at(self.scope_name(), inner_name or "consume"))
                        elif type(inner) is cst.Name:
                            frame.dropped.append(inner.value)
        self.walk(node.value)

    def visit_return(self, node: cst.Return) -> None:
        frame = self.frames[-1] if self.frames and self.frames[-1].name != "__main__" else None
        if frame is not None and len(self.ctx.scope) == frame.depth and frame.returns_scratch is not False:
            made = self._made_file(frame, node.value)
            if made is not None:
                frame.returns_scratch = made
        if frame is not None and node.value is not None and frame.results:
            self.returning = frame  # names of results met while walking the value are passed on
        if frame is not None and len(self.ctx.scope) == frame.depth and node.value is not None:
            value = n.int_value(node.value)
            if not n.is_none(node.value):
                frame.returns_value = True
            if value == 0:
                frame.returns_zero = True
            else:
                frame.returns_other = True
            if (value is not None and value != 0) or _may_be_status(node.value):
                frame.returns_nonzero = True
                if self.handlers:
                    self.handlers[-1].reraises = True
        if (
            frame is not None
            and len(self.ctx.scope) == 1
            and type(node.value) is cst.Name
            and is_http_write(frame.kept_statuses.get(node.value.value, ""))
            and not self.handlers
            # (the response handed back unread: not after `response.raise_for_status()`)
            and frame.read_at.get(node.value.value, -1) <= frame.kept_since[node.value.value]
            and node.value.value not in frame.read_later
        ):
            # `def create_record(...): response = requests.post(...); return response`: its caller
            # keeps the response, and with it the duty to read its status
            self.response_returners[frame.name] = frame.kept_statuses[node.value.value]
        built = ""  # what a factory function returns as it builds it
        keywords: tuple[str, ...] = ()
        if len(self.ctx.scope) == 1 and type(node.value) is cst.Name:
            # `def get_consumer(): consumer = KafkaConsumer(...); return consumer`: what the
            # module-level `consumer = get_consumer()` then iterates
            returned = self.ctx.object_ctor(node.value.value)
            if returned is not None and (
                returned.endswith(CONSUMER_CTOR_SUFFIXES) or (returned in _HTTP_CLIENTS and self._returns_bare_client())
            ):
                self.factories[self.ctx.scope[0]] = returned
            elif returned is not None and WORKER_CTORS.get(returned) in BOT_FRAMEWORKS:
                # `def setup_bot(): bot = commands.Bot(...); return bot`: the factory's bot
                built, keywords = returned, ()
        if len(self.ctx.scope) == 1 and type(node.value) is cst.Call:
            ctor = self.ctx.resolve(n.callee(node.value))
            if ctor and is_entrypoint_ctor(ctor):
                # `def make_app(): return tornado.web.Application(handlers)`: the factory's app
                built, keywords = ctor, n.keywords(node.value)
            elif ctor in _CLIENT_FACTORIES and self._returns_bare_client():
                # `def make_session(token): return OAuth2Session(client_id, token=token)`
                self.factories[self.ctx.scope[0]] = ctor
        if built:
            # (recorded under the factory's name)
            scope = self.ctx.scope[0]
            self.ctx.later(
                node,
                lambda line, col: ObjectFact(
                    name=scope, ctor=built, line=line, column=col, scope=scope, keywords=keywords
                ),
            )
        if node.value is not None:
            self.walk(node.value)
        self.returning = None

    def _returns_bare_client(self) -> bool:
        """Whether the function being walked mounts no timeout adapter on the client it builds and
        returns (see `_configures_client`)."""
        function = self.frames[-1].line_node if self.frames else None
        return type(function) is cst.FunctionDef and not _configures_client(function.body, self.ctx)

    def _made_file(self, frame: _Frame, value: cst.BaseExpression | None) -> bool | None:
        """Whether a returned value is a file the function made: one it wrote, copied or downloaded
        (`with open(path, "wb") as f: ...; return path`), or a temporary file it created
        (`tmp = NamedTemporaryFile(delete=False); ...; return tmp.name`); None for nothing (`None`, `""`)."""
        if value is None or n.is_none(value) or n.string_value(value) == "":
            return None
        returned = n.dotted(value) or ""
        # (also written in a loop before the return, a download retried: `for attempt in range(3): ...`)
        return self._own_file(frame, returned, deeper=True) or returned.removesuffix(".name") in frame.temporary

    def visit_raise(self, node: cst.Raise) -> None:
        if self.handlers:
            self.handlers[-1].reraises = True
        elif self.frames and not all(map(_before_work, self.frames[-1].calls)):
            # (a raise before any work, `if not args.prefix: raise SystemExit("no prefix")`, checks
            # the input: it says nothing of what happens to the work's failures)
            self.frames[-1].raises = True
        elif not self.frames and not self.ctx.scope:
            # (a script's own statements: an uncaught raise ends the process with status 1, a
            # failure exit for the results tested before it, `if status != 0: raise RuntimeError(...)`)
            self.module_frame.fails_here()
        exc = node.exc
        if exc is not None:
            target = exc.func if type(exc) is cst.Call else exc
            if self.ctx.resolve(n.dotted(target)) in {"SystemExit", "builtins.SystemExit"}:
                code = n.positional(exc)[0].value if type(exc) is cst.Call and n.positional(exc) else None
                self._exit(code)
        if exc is not None:
            self.walk(exc)
        if node.cause is not None:
            self.walk(node.cause)

    def _exit(self, code: cst.BaseExpression | None) -> None:
        frame = self._frame()
        if code is not None and type(code) is cst.Call and (called := self.ctx.resolve(n.callee(code))):
            frame.exit_values.append(self._as_called(called))  # `sys.exit(main())`
        if code is not None and frame.results:
            frame.results_passed.update(_names_in(code) & frame.results.keys())
        zero = _zero_status(code)
        if self.handlers:
            self.handlers[-1].reraises = self.handlers[-1].reraises or not zero
        if zero:
            # (`except KeyboardInterrupt: sys.exit()`: stopped by hand, no failure to exit with)
            if self.handlers and not self.handlers[-1].stop:
                frame.exits_zero_in_handler = True
        else:
            frame.exits_nonzero = True
            if (code is not None and _has_call(code)) or not all(map(_before_work, frame.calls)):
                frame.exits_after_work = True
            frame.fails_here()
            if not self.handlers:
                frame.swallow_pending = frame.loses_in_loop = False

    # expressions -------------------------------------------------------------------
    def visit_call(self, node: cst.Call) -> None:
        ctx = self.ctx
        raw = n.callee(node)
        name = ctx.resolve(raw)
        if raw == "getattr" and node.args:
            if len(node.args) > 1 and (attribute := n.string_value(node.args[1].value)):
                self.text_refs.add(attribute)  # `getattr(module, "run")()`: a function called by its name
            if ctx.resolve(n.dotted(node.args[0].value) or "") == "signal":
                self.signal_by_name = True  # `getattr(signal, "SIG" + sig)`
        if raw in self.module_functions:
            self._count_call(raw, node.args, flagged=self.delete_flag_ifs > 0)
            if (
                not self.frames
                and not ctx.scope
                and self.module_frame.results_tested
                and _exits_with_status(self.module_functions[raw], ctx)
            ):
                # (a script's own `die("backup failed")`, a helper of the file that exits with a
                # status: a failure exit for the results tested before it)
                self.module_frame.fails_here()
        if node.args and name in _OPEN_CALLS:
            self._note_read(node, name or "")
        elif (raw or "").endswith((".split", ".splitlines")) and ".read_text()" in (raw or ""):
            # (a ledger's entries, `set(ledger.read_text().strip().splitlines())`; not a log's tail
            # read to be mailed, `Path(log).read_text()[-20000:]`)
            read: cst.BaseExpression = node
            while type(read) is cst.Call and type(read.func) is cst.Attribute and read.func.attr.value != "read_text":
                read = read.func.value
            if type(read) is cst.Call:
                self._note_read(read, "")
        if raw in _MIDDLEWARE_ADDS and not ctx.scope and node.args:
            # `MIDDLEWARE.insert(0, "core.middleware.HealthCheckMiddleware")` in production settings
            self._module_setting(raw.partition(".")[0], node.args[-1].value, node)
        if raw and raw.endswith(".produce") and ctx.object_ctor(raw.removesuffix(".produce")) in _KAFKA_PRODUCERS:
            given = n.keyword(node, "callback") or n.keyword(node, "on_delivery")
            if given is not None and type(given.value) is cst.Name and self._reports_only(given.value.value):
                # `producer.produce(topic, value, callback=delivery_report)`, where the callback only
                # prints `err`: a failed delivery leaves the run's status 0
                self._frame().delivery_lost = True
        if raw and raw.endswith(".mount") and _mounts_timeout_adapter(node, ctx):
            # `session.mount("https://", TimeoutAdapter())`: every request through it has a timeout
            ctx.timed_sessions.add(ctx.session_key(raw.removesuffix(".mount")))
        if raw and raw.endswith((".enter", ".enterabs")) and self.frames and "sched" in ctx.aliases.values():
            # `scheduler.enter(period, 1, status, (...))` inside `status`: it runs again and again
            # (not `if attempt < 3: scheduler.enter(30, 1, deliver, (attempt + 1,))`, a few retries,
            # nor one made in an `except` block)
            own = self.frames[-1].name.rpartition(".")[2]
            self.sched_reenters = self.sched_reenters or (
                not ctx.conditions and not self.handlers and any(n.dotted(arg.value) == own for arg in node.args)
            )
        if name in _AIRFLOW_BASH and (command := n.keyword(node, "bash_command")) is not None:
            # `BashOperator(task_id="load", bash_command="cd ~/dags/scripts && python3 load.py")`: a
            # script the DAG runs on its schedule (read like a crontab line's command, see `deploy`)
            text = n.string_value(command.value)
            if text and "python" in text:
                self.signal(node, "airflow-bash", text)
        scheduled = n.keyword(node, "schedules") if name == "dagster.Definitions" else None
        if (
            scheduled is not None
            and not ctx.scope
            and not self.frames
            and not (n.is_sequence(scheduled.value) and not scheduled.value.elements)
        ):
            # `defs = Definitions(assets=..., schedules=[ScheduleDefinition(job=..., cron_schedule=...)])`:
            # the Dagster daemon runs the jobs on their schedules
            self.signal(node, "schedule", "dagster")
        if name in _AIRFLOW_PYTHON_OPERATORS and (callable_ := n.keyword(node, "python_callable")) is not None:
            # `PythonOperator(task_id="load", python_callable=load)`: a task the scheduler runs, which
            # fails only by raising (what it returns goes to XCom)
            work = ctx.resolve(n.dotted(callable_.value))
            if work:
                self.dag_tasks.setdefault(work, None)
        if name in _AIRFLOW_DAGS and not ctx.scope and not self.frames:
            # `dag = DAG("etl", schedule_interval="@daily")` / `with DAG(...) as dag:` in a DAG file:
            # Airflow's scheduler runs its tasks on the schedule, a job
            self.signal(node, "schedule", "airflow")
        if name:
            # (how often each function is called, and how often where a lookup found its key absent,
            # or in a `try` whose handler skips a duplicate key: `try: db.add_channel(row)` / `except
            # IntegrityError: return "already there"`)
            tally = self.call_tally.setdefault(name.rpartition(".")[2], [0, 0])
            tally[0] += ctx.absent_guards > 0 or self._skips_duplicates()
            tally[1] += 1
        if self.route_depth and name:
            self.route_calls.append(name.rpartition(".")[2])
        if raw:
            self._startup_hooks(node, raw)
        if self.frames and name:
            frame = self.frames[-1]
            frame.calls.append(self._as_called(name))
            if name in INTERACTIVE_CALLS and self._asks(node, frame):
                frame.prompts = True
        elif name:  # a call at module level or in a class body: `purged = purge_old()`
            # (in the `__main__` block: it runs only where the file is run, not where it is imported)
            (self.guard_called if ctx.in_main_guard else self.called_outside).add(name.rpartition(".")[2])
            if name in INTERACTIVE_CALLS and not ctx.scope and self._asks(node, self.module_frame):
                self.prompts = True
        if name in _PROCESS_CTORS and (target := n.keyword(node, "target")) is not None:
            started = ctx.resolve(n.dotted(target.value))
            if started:
                self.process_targets.add(started)
        elif name in _THREAD_CTORS and (target := n.keyword(node, "target")) is not None:
            started = n.dotted(target.value)
            if started:
                self.started.add(started.rpartition(".")[2])
                if started.startswith("self."):
                    self.self_started.add(started.rpartition(".")[2])  # `Thread(target=self._read_loop)`
                if ctx.in_main_guard:
                    self.guard_started.add(started.rpartition(".")[2])
                elif len(ctx.scope) == 1:
                    self.threads_started_in.setdefault(ctx.scope[0], set()).add(started.rpartition(".")[2])
                if "." in started and started.rpartition(".")[2] in _THREAD_POLLS:
                    # `Thread(target=bot.infinity_polling).start()`: the bot polls in that thread, as
                    # `bot.infinity_polling()` would here
                    scope, source = self.scope_name(), ctx.resolve(started) or started
                    ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=source))
        elif raw and raw.rpartition(".")[2] in {"create_task", "ensure_future"} and node.args:
            task = node.args[0].value  # `asyncio.create_task(poll())`, `loop.create_task(poll())`
            started = n.callee(task) if type(task) is cst.Call else None
            if started and not (self.frames and self.frames[-1].route):  # (not a task a request starts)
                self.started.add(started.rpartition(".")[2])
                self.loop_tasks.add(started.rpartition(".")[2])
        elif name == "asyncio.gather" and not (self.frames and self.frames[-1].route):
            # `await asyncio.gather(serve_probes(), poll())`: each coroutine run as a task of its own
            for arg in n.positional(node):
                started = n.callee(arg.value) if type(arg.value) is cst.Call else None
                if started and started in self._defined:
                    self.gathered.add(started)
        if self.frames and node.args and not _is_report_call(raw or ""):
            frame = self.frames[-1]
            for arg in node.args:
                if type(arg.value) is cst.Name and arg.value.value in frame.results:
                    frame.results_handed.add(f"{frame.results[arg.value.value]}>{self._as_called(name or raw or '')}")
        exit_hook = name == "atexit.register" and bool(node.args) and type(node.args[0].value) is cst.Name
        if exit_hook:
            # `atexit.register(unlink_quietly, lock_file)`: the function called with those arguments at exit
            hook = node.args[0].value
            if type(hook) is cst.Name and hook.value in self.module_functions:
                self._count_call(hook.value, node.args[1:], flagged=False)
        for arg in node.args:
            self._refer(arg.value, exit_hook=exit_hook)
            if arg.keyword is not None and arg.keyword.value == "daemon" and _is_true(arg.value):
                self.sets_daemon = True  # (`Thread(target=poll, daemon=True)`, `Pump(q, daemon=True)`)
            if (
                arg.keyword is not None
                and arg.keyword.value == "DryRun"
                # (a value the job switches; `DryRun=True` alone is AWS's permission probe)
                and n.dotted(arg.value) not in {"True", "False", "None"}
            ):
                # boto3's own dry run, switched by the job (`ec2.terminate_instances(..., DryRun=preview)`)
                self.signal(node, "dry-run", "DryRun")
        if raw and raw.endswith(".setDaemon"):
            self.sets_daemon = True
        if raw and raw.endswith(".result") and raw[:-7].isidentifier():
            limit = n.keyword(node, "timeout") or (node.args[0] if node.args and node.args[0].keyword is None else None)
            if limit is not None and self._a_number(limit.value):
                # `future.result(timeout=30)`: waits that long, then goes on (a pull that ends)
                self.signal(node, "bounded-wait", raw[:-7])
        if raw and raw.endswith((".raise_for_status", ".check_returncode")):
            self._frame().status_checked.add(raw.rpartition(".")[0])
        if name:
            self._call_facts(node, raw or "", name)
            if name in _COMMAND_RUNNERS:
                self._command_run(node, name)
            if name.rpartition(".")[2] in {"rmtree", "rmdir"}:
                ctx.removed.add((tuple(ctx.scope), _path_key(node, name, raw or "")))
            if name == "shutil.rmtree" and self.frames and self._own_body():
                self._error_callback(node)
        self._fire(self.call_hooks, node, name, ctx)
        if raw and raw.endswith(".config_from_object") and node.args:
            # `app.config_from_object("celeryconfig")`: the module Celery loads its settings from
            # (`"config:CeleryConfig"`: a class of that module; `django.conf:settings` is Django's)
            loaded = (n.string_value(node.args[0].value) or "").partition(":")[0]
            if loaded and loaded != "django.conf" and loaded.replace(".", "_").isidentifier():
                self._module_ref(node, "celery_config", loaded)
        if name in _CLI_ENV_OPTIONS:
            # click.option("--secret-key", envvar="SECRET_KEY", default="development")
            envvar, option_default = n.keyword(node, "envvar"), n.keyword(node, "default")
            if envvar is not None and option_default is not None:
                self._fire(self.fallback_hooks, node, option_default.value, ctx)
        if raw and raw.endswith(".config.get") and self._app_config(raw[: -len(".config.get")]):
            # `app.config.get("SECRET_KEY", "dev")` on a Flask/Bottle/Quart/Sanic app: a settings read
            args = n.positional(node)
            if len(args) >= 2:
                self._fire(self.fallback_hooks, node, args[1].value, ctx)
        env_read = name in _ENV_READS
        if env_read:
            ctx.env_default_depth += 1
            default = _env_default(node)
            if default is not None:
                self._fire(self.fallback_hooks, node, default, ctx)
        self.walk(node.func)
        pair = _key_value_pair(node, raw or "") or _option_definition(node, name)
        if pair is not None:  # `.option("password", "postgres")`: a setting bound by name
            self._fire(self.binding_hooks, pair[0], pair[1], ctx)
        reporting = (name is not None and _is_report_call(name)) or (self.reporting and _formats_text(node))
        if reporting:
            for arg in node.args:  # `print(r.json()["url"])`: a failed request raises a KeyError
                for sub in (arg.value, *n.descendants(arg.value)):
                    if type(sub) is cst.Subscript and (base := _base_name(sub.value)) is not None:
                        self._read(base)
        elif any(a.keyword is not None and a.keyword.value in {"hooks", "event_hooks"} for a in node.args):
            self.response_hooks = True
        if raw and raw.rpartition(".")[2] in {"terminate", "kill", "send_signal"}:
            self.stopped.add(raw.rpartition(".")[0])
        saved_reporting, self.reporting = self.reporting, reporting  # (`print(sys.exit(rc))` passes `rc` on)
        saved_writing, self.writing_text = self.writing_text, (raw or "").rpartition(".")[2] in _TEXT_WRITES
        for arg in node.args:
            if arg.keyword is not None:
                saved, ctx.keyword_of = ctx.keyword_of, name
                saved_call, ctx.keyword_call = ctx.keyword_call, node
                self._fire(self.binding_hooks, arg.keyword.value, arg.value, ctx)
                ctx.keyword_of, ctx.keyword_call = saved, saved_call
            self.walk(arg.value)
        self.reporting = saved_reporting
        self.writing_text = saved_writing
        if env_read:
            ctx.env_default_depth -= 1

    def _path_text(self, value: cst.BaseExpression) -> str:
        """The literal parts of a path built by joining (``os.path.join``, ``Path(...) / ...``, an
        f-string), or ``tempfile`` for a path the tempfile module made."""
        literal = n.string_value(value)
        if literal is not None:
            return literal
        if type(value) is cst.Name:  # (`os.path.join(workdir, name)`, workdir a temporary directory)
            return self.strings.get(f"{self.scope_name()}:{value.value}", self.strings.get(f":{value.value}", ""))
        if type(value) is cst.Attribute and value.attr.value == "name" and type(value.value) is cst.Call:
            value = value.value  # `tempfile.NamedTemporaryFile(delete=False).name`
        elif type(value) is cst.Attribute:  # (`self.tdir / name`, `self.tdir` a temporary directory)
            return self.strings.get(n.dotted(value) or "", "")
        if type(value) is cst.FormattedString:
            return "".join(part.value for part in value.parts if type(part) is cst.FormattedStringText)
        if type(value) is cst.BinaryOperation and type(value.operator) is cst.Divide:
            return f"{self._path_text(value.left)}/{self._path_text(value.right)}"
        if type(value) is cst.Call:
            name = self.ctx.resolve(n.callee(value)) or ""
            if name.startswith("tempfile."):
                return "tempfile"
            if name in {"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePosixPath"}:
                return "/".join(self._path_text(arg.value) for arg in value.args)
        return ""

    def _strings_here(self) -> dict[str, str]:
        """The strings names here are bound to: attributes (`self.unzip_path`) wherever they were
        set, plain names in this function or at module level, unless a parameter shadows them."""
        scope = self.scope_name()
        here: dict[str, str] = {}
        for key, value in self.strings.items():
            where, colon, name = key.rpartition(":")
            if not colon:
                here[key] = value
            elif (where == scope or (where == "" and name not in here)) and not self.ctx.is_parameter(name):
                here[name] = value
        return here

    def _app_config(self, owner: str) -> bool:
        """``owner`` is a web app object of this file, or Flask's/Quart's ``current_app``."""
        ctor = self.ctx.object_ctor(owner)
        return (ctor is not None and ctor in API_CTORS) or self.ctx.resolve(owner) in _CURRENT_APPS

    def _call_facts(self, node: cst.Call, raw: str, name: str) -> None:
        ctx = self.ctx
        owner, _, method = raw.rpartition(".")
        if name in EXIT_CALLS:
            args = n.positional(node)
            self._exit(args[0].value if args else None)
        extra = self.extra_signals.get(name) or self.extra_signals.get(raw)
        if extra is not None:
            self.signal(node, extra, name)
        if _signals_switched_off(node):
            # `run_polling(stop_signals=None)`, `Worker(..., handle_signals=False)`: the framework
            # is told not to stop on SIGTERM itself
            self.signal(node, "signals-off", name)
        if name in _CURRENT_APP_SETUP and not ctx.scope and ctx.objects.get(owner) is None:
            # `current_app.config_from_object(...)` at module level configures the default Celery
            # app: the module is a Celery app's, as if it had called Celery(...).
            ctx.objects[owner] = "celery.Celery"
            ctx.later(
                node,
                lambda line, col: ObjectFact(
                    name=owner, ctor="celery.Celery", line=line, column=col, scope="", keywords=()
                ),
            )
        if (
            name in LOGGING_CONFIG_CALLS
            or (method == "addHandler" and not _is_null_handler(node))
            or _sets_up_logging(name)
            or (method == "extend" and owner.endswith(".handlers") and any(_handlers_of(a.value) for a in node.args))
            or (  # Scrapy's CrawlerProcess installs a root handler with its LOG_ settings
                name == "scrapy.crawler.CrawlerProcess"
                and not ((found := n.keyword(node, "install_root_handler")) is not None and n.is_false(found.value))
            )
            or (  # boto3's stream handler on the root logger (`boto3.set_stream_logger("", logging.INFO)`)
                name == "boto3.set_stream_logger"
                and (given := n.keyword(node, "name") or next(iter(n.positional(node)), None)) is not None
                and n.string_value(given.value) == ""
            )
            or (  # django-heroku's settings(locals()) writes a LOGGING setting unless told not to
                name == "django_heroku.settings"
                and not ((found := n.keyword(node, "logging")) is not None and n.is_false(found.value))
            )
        ):
            self.signal(node, "logging-config", name)
        if name in HEARTBEAT_CALLS:
            self.signal(node, "heartbeat", name)
        elif "ping" in method.lower() and any(
            _PING_TARGET.search(n.dotted(inner) or "")
            for arg in node.args
            for inner in _eager_parts(arg.value)
            if type(inner) in (cst.Name, cst.Attribute)
        ):
            # `send_ping(self, requests, self.healthcheck_url + "/start")`: a dead-man's switch pinged
            self.signal(node, "heartbeat", raw)
        removes_path = name in _DESTRUCTIVE_CALLS or method in {"unlink", "rmdir", "rmtree"}
        destructive = _destructive(name, raw, method, node, self._strings_here() if removes_path else {})
        if not destructive and method == "delete" and not node.args and owner in self.rows:
            destructive = "ORM delete()"  # `for watch in Watch.objects.all(): watch.delete()`
        elif (
            not destructive
            and method == "run_sync"
            and node.args
            and (n.dotted(node.args[0].value) or "").endswith(".drop_all")
        ):
            destructive = "drop_all()"  # SQLAlchemy's async engine: `await conn.run_sync(Base.metadata.drop_all)`
        elif not destructive and method == "delete" and ctx.object_ctor(owner) in _SQLALCHEMY_TABLES:
            destructive = "SQL DELETE"  # `conn.execute(users.delete().where(users.c.id == uid))`
        if not destructive and method in _CLOUD_ITEM_DELETES and not node.args and owner in self.cloud_items:
            destructive = f"{method}()"  # `for volume in ec2.volumes.all(): volume.delete()` (boto3's resources)
        elif (
            not destructive
            and method == "remove"
            and owner in self.cloud_items
            and all(arg.keyword is not None for arg in node.args)
        ):
            destructive = (
                "remove()"  # the Docker SDK: `for c in client.containers.list(all=True): c.remove(force=True)`
            )
        elif (
            not destructive
            and method == "remove"
            and owner.endswith(".images")
            and node.args
            and (ctx.object_ctor(owner.removesuffix(".images")) or "") in _DOCKER_CLIENTS
        ):
            destructive = "images.remove()"  # the Docker SDK: `client.images.remove(image.id, force=True)`
        elif (
            not destructive
            and method == "remove"
            and re.search(r"\.(?:containers|volumes|networks)\.get\(\)$", owner)
            and all(arg.keyword is not None for arg in node.args)
            and _imported(ctx, "docker")
        ):
            destructive = "remove()"  # the Docker SDK: `client.containers.get(cid).remove(force=True)`
        if (
            not destructive
            and method == "do_action"
            and (
                ctx.object_ctor(owner) in _CURATOR_DELETES
                # (`DeleteIndices(ilo).do_action()`, chained)
                or (
                    type(node.func) is cst.Attribute
                    and type(node.func.value) is cst.Call
                    and ctx.resolve(n.callee(node.func.value)) in _CURATOR_DELETES
                )
            )
        ):
            # Elasticsearch Curator: `curator.DeleteIndices(ilo).do_action()` deletes every index listed
            destructive = "curator delete"
        if not destructive and method == "remove_all" and not node.args and ctx.object_ctor(owner) == CRONTAB:
            # python-crontab: every entry of the user's crontab, not only the job's own (`comment=...`)
            destructive = "crontab remove_all()"
        if (
            not destructive
            and (method == "delete" or method.startswith("delete_"))
            and (ctx.object_ctor(owner) or "").startswith("google.cloud.")
        ):
            # a Google Cloud client's own deletions: `compute_v1.SnapshotsClient().delete(project=...,
            # snapshot=...)`, `bigquery.Client().delete_table(table_id)`
            destructive = f"{method}()"
        if (
            not destructive
            and method == "delete"
            and not node.args
            and (ctx.object_ctor(owner) or "").endswith(".get_git_ref")
        ):
            destructive = "git ref delete()"  # PyGithub: `repo.get_git_ref(f"heads/{name}").delete()` drops a branch
        if (
            not destructive
            and method in _REMOTE_REMOVES
            and node.args
            and (
                remote_file_client(ctx.object_ctor(owner) or "")
                # (a client handed in as a parameter: `def purge(ftp, path): ftp.delete(name)`)
                or (not ctx.object_ctor(owner) and _named_file_client(owner, method))
            )
            and not _TEMPORARY.search(_args_text(node))
        ):
            destructive = f"{method}()"  # `host.remove(path)` on an FTP or SFTP server (not its own temporary file)
        if not destructive and method == "delete" and node.args:
            built = ctx.built_by(owner)
            if (built in _HTTP_CLIENTS or built == "aiohttp.ClientSession") and not _NOT_DATA_URL.search(
                _args_text(node)
            ):
                # `await client.delete(repo_url)` on an httpx or requests client (not a logout:
                # `session.delete(f"{BASE}/api/session")`)
                destructive = "HTTP DELETE"
            elif (
                len(node.args) == 1
                and owner.rpartition(".")[2].lower().endswith("session")
                and n.dotted(node.args[0].value) in self.rows
            ):
                destructive = "ORM delete()"  # `for t in Tweet.query.filter(...).all(): db.session.delete(t)`
        frame = self._deletions_frame()
        if destructive and self.delete_flag_ifs:
            # `if args.delete: os.remove(path)`, `--delete` asked for on the command line: this
            # deletion is the option's, off unless given (not the job's other deletions)
            self.signal(node, GUARDED_DELETION, destructive)
            destructive = ""
        if destructive:
            key = _path_key(node, name, raw)
            if removes_path and node.args and type(node.args[0].value) is cst.SimpleString:
                self.literal_deletions[id(node)] = key  # (`os.remove("auth.json")`: see `signal`)
            if frame is not None and self._own_file(frame, key):
                pass  # written or copied above in this block: the job's own file, used and removed
            elif frame is not None and key:
                self._scratch_deletion(node, frame, key)
                frame.deletions.append((node, key, destructive))
                shipped_in = frame.shipped.get(key)
                if shipped_in is not None and self.branch[: len(shipped_in)] != shipped_in:
                    # (shipped in a block this one is not inside, `if r.ok: put(dump)`: removed whether
                    # or not it was shipped; a `try`'s `finally:` is read as its own block, as labelled
                    # in rounds 203 and 683 both ways: the quieter reading)
                    frame.unshipped.add(id(node))
            else:
                self.signal(node, "destructive", destructive)
        elif frame is not None and (
            name in _RECREATE_CALLS or (method == "mkdir" and "." in raw) or raw.endswith(".indices.create")
        ):  # (`es.indices.delete(...)` then `es.indices.create(...)`: an index rebuilt)
            key = _path_key(node, name, raw)
            if key:
                frame.recreated.add(key)
        elif frame is not None and method in _SAVE_METHODS and "." in raw and node.args and not node.args[0].keyword:
            # `os.remove(OUTPUT_PATH)` then `wb.save(OUTPUT_PATH)`: the job's report written anew;
            # `df.to_csv(path)`, loaded, then `os.remove(path)`: a file the job wrote itself, used and removed
            first = node.args[0].value
            built = "" if _names_in(first) & self.iterated else _built_path(first)
            saved = n.dotted(first) or n.string_value(first) or built
            if saved:
                frame.recreated.add(saved)
                # (not a path built from a loop's item, `f"{CACHE}/{name}"`: the same text may name
                # another file in another loop)
                self._keep(frame, saved)
        elif frame is not None and method in {"write_text", "write_bytes"} and "." in raw:
            # `out.write_text(report)`, sent, then `out.unlink()`: pathlib's written file, as below
            self._keep(frame, raw.rpartition(".")[0])
        elif name in _OPEN_CALLS and node.args and type(node.args[0].value) is cst.SimpleString and _writes_new(node):
            written = n.string_value(node.args[0].value) or ""
            self.literal_writes.add(written)  # `open("auth.json", "w")`: a file of the job's own
            if frame is not None:
                self._keep(frame, written)
        elif frame is not None and (
            name in _COPY_CALLS or ((name in _OPEN_CALLS or name in _ARCHIVE_OPENS) and _writes_new(node))
        ):
            # `with open(local, "wb") as f: f.write(body)` then `os.remove(local)`: a file the job wrote
            # itself, removed once used (what was there before, "w" had already replaced); the same
            # once copied (`shutil.copyfile(dump, daily)`): the file was moved
            # (also a literal name, `open("image_list.txt", "w")`, as a deletion's key is written)
            for written in (w for a in n.positional(node)[:1] if (w := n.dotted(a.value) or n.string_value(a.value))):
                self._keep(frame, written)
        elif frame is not None and name == "shutil.copyfileobj" and node.args:
            # `with open(log, "rb") as f_in, gzip.open(log + ".gz", "wb") as f_out: copyfileobj(f_in,
            # f_out)` then `os.remove(log)`: the file was copied into the archive, as above
            source = n.dotted(node.args[0].value)
            if source in frame.opened:
                self._keep(frame, frame.opened[source])
        elif frame is not None and ("download" in method.lower() or method == "urlretrieve"):
            # `s3.download_file(bucket, key, path)`, `urlretrieve(url, path)`, `dbx.files_download_to_file(
            # path, remote)`, then `os.remove(path)`: a local copy the job fetched itself, removed once
            # used (the destination only: not the client or bucket a helper is also handed)
            args = n.positional(node)
            given = n.keyword(node, "Filename") or n.keyword(node, "filename")
            destination = given or (args[0] if "to_file" in method and args else args[-1] if args else None)
            fetched = n.dotted(destination.value) if destination is not None else None
            if fetched:
                self._keep(frame, fetched)
        elif frame is not None and (
            "upload" in method.lower()
            or (
                method in {"put", "putfo"}
                and "." in raw
                and (remote_file_client(ctx.object_ctor(owner) or "") or _named_sftp_client(owner))
            )
        ):
            # `upload_file_to_s3(filepath, ...)`, `sftp.put(filepath)`, then `os.remove(filepath)`: the
            # local copy of what the job made and shipped, removed once it is uploaded (no data of anyone's lost)
            sent = {shipped for a in n.positional(node)[:1] if (shipped := n.dotted(a.value))}
            sent.update(_handles_sent(node, frame.opened))
            self._ship(frame, sent)
        elif frame is not None and frame.opened and _ships(name, method, ctx.object_ctor(owner) or ""):
            # `with open(dump, "rb") as f: bot.send_document(chat, f)` (or `requests.put(url, data=f)`)
            # then `os.remove(dump)`: the file was read and handed over, as an upload above
            self._ship(frame, _handles_sent(node, frame.opened))
        if (
            (method in BLOCKING_CONSUME and "." in raw)
            or (method == "run_forever" and (ctx.object_ctor(owner) or "").startswith("websocket."))
            or (method == "consume" and self._consumes_at_module_level(node, owner))
        ):  # a websocket-client app's run_forever() listens until the process ends
            scope = self.scope_name()
            source = name
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=source))
        if raw in self.queue_workers and not node.args:
            scope = self.scope_name()
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=HOTQUEUE_LOOP))
        if (
            method == "run_until_disconnected"
            and "." in raw
            and not ctx.in_main_guard
            and (not ctx.scope or ctx.scope[-1] in _RUN_METHOD_NAMES)
        ):
            # a Telethon client listening at module level, or in a function or method that runs
            # the program (a client class's `def run(self): self.start(); self.run_until_disconnected()`;
            # not a helper module's `serve_commands()` beside the `send()` a job uses); in a
            # `__main__` block, the block's role says so
            scope = self.scope_name() if ctx.scope else ""
            ctx.later(
                node, lambda line, col: LoopFact(line=line, scope=scope, source="telethon.run_until_disconnected")
            )
        if method == "init_websocket" and (ctx.object_ctor(owner) or "").startswith("mattermostdriver."):
            # mattermostdriver's `Driver.init_websocket(handler)`: listens to the server's events until stopped
            scope = self.scope_name()
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=MATTERMOST_WEBSOCKET))
        if name == AIORUN_LOOP:
            # aiorun's `run(main())` installs SIGINT and SIGTERM handlers that cancel the tasks and
            # wait for them; it runs the loop for ever once `main()` is done (unless `main()` stops
            # it on its way out, `loop.stop()`)
            self.signal(node, "sigterm", AIORUN_LOOP)
            if not self._stops_when_done(node):
                scope = self.scope_name() if ctx.scope else ""
                ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=AIORUN_LOOP))
        if method == "loop" and (ctx.object_ctor(owner) or "") == "pyinotify.Notifier":
            scope = self.scope_name()  # (pyinotify's blocking loop: file-system events until stopped)
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source=PYINOTIFY_LOOP))
        if name == "pyrogram.idle" or (
            method == "run" and not node.args and (ctx.object_ctor(owner) or "").startswith("pyrogram.")
        ):  # pyrogram's idle(), and Client.run() with no coroutine (start, idle, stop): until a signal
            scope = self.scope_name()
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="pyrogram.idle"))
        if method == "touch" and _HEARTBEAT_NAME.search(raw + self._args_text(node)):
            self.signal(node, "heartbeat", raw)
        if method == "load_extension" and "." in raw and node.args:
            extension = n.string_value(node.args[0].value)
            if extension:  # `await bot.load_extension("cogs.auction")`: discord.py imports the cog's module
                self._module_ref(node, "extension", extension)
        if name.startswith(("schedule.every", "aioschedule.every")) or (
            method == "every" and "." not in owner and self._schedule_scheduler(owner)
        ):
            # (aioschedule: the same API, awaited; also a `schedule.Scheduler` of the file's own,
            # `scheduler = SafeScheduler()`, `scheduler.every(10).minutes.do(poll)`, or one imported)
            self.signal(node, "schedule", "schedule")
        if (
            name in {"cherrypy.quickstart", "cherrypy.tree.mount"}
            and node.args
            and type(root := node.args[0].value) is cst.Call
        ):
            where = n.string_value(node.args[1].value) if len(node.args) > 1 else ""
            if where in {"", "/"}:
                self.cherrypy_roots.add(n.dotted(root.func) or "")  # `cherrypy.quickstart(Root(), "/", conf)`
        uvicorn_app = (
            (n.keyword(node, "app") or next(iter(n.positional(node)), None)) if name == "uvicorn.run" else None
        )
        if uvicorn_app is not None and ":" in (served := n.string_value(uvicorn_app.value) or ""):
            self._module_ref(node, "served", served)  # `uvicorn.run("app.main:app")`: the app, by its import string
        if (
            method in _JOB_QUEUE_METHODS
            and (owner.rpartition(".")[2] in {"job_queue", "jq"} or owner in self.job_queues)
            # (`context.job_queue` in a command handler: a user's reminder; not the application a
            # start-up helper is handed, `def schedule_close_day(app): app.job_queue.run_daily(...)`)
            and (not ctx.is_parameter(owner) or self._handed_only_the_application(owner))
        ):
            # python-telegram-bot's JobQueue (`app.job_queue.run_repeating(check, interval=60)`): an
            # APScheduler inside the bot's process, running the function on its schedule
            self.signal(node, "schedule", "telegram-jobqueue")
        if (
            method in _MASTODON_STREAMS
            and node.args
            and _imported(ctx, "mastodon")
            and not ((found := n.keyword(node, "run_async")) is not None and not n.is_false(found.value))
        ):
            # Mastodon.py: `mastodon.stream_user(listener)` reads the stream and calls the listener
            # until the process stops (not `run_async=True`, which hands back a handle at once)
            scope = self.scope_name()
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="mastodon.stream"))
        if method == "join" and ctx.object_ctor(owner) in _BINANCE_MANAGERS:
            # python-binance: `twm.start(); twm.start_kline_socket(callback=...); twm.join()` streams
            # to the callbacks until the process stops
            scope = self.scope_name()
            ctx.later(node, lambda line, col: LoopFact(line=line, scope=scope, source="binance.websocket_manager"))
        if method == "make_wsgi_app" and (ctx.object_ctor(owner) or "").startswith("pyramid."):
            # `with Configurator(settings=s) as config: ...; return config.make_wsgi_app()`: a Pyramid app
            scope = self.scope_name()
            ctx.later(
                node,
                lambda line, col: ObjectFact(
                    name=owner, ctor="pyramid.config.Configurator", line=line, column=col, scope=scope, keywords=()
                ),
            )
        if method in _ENQUEUE_METHODS and "." in raw:
            # `q.enqueue(sync_page, ...)`: an RQ worker runs that function, wherever it is defined.
            args = n.positional(node)
            index = _ENQUEUE_METHODS[method]
            target = args[index].value if len(args) > index else getattr(n.keyword(node, "func"), "value", None)
            work = (ctx.resolve(n.dotted(target)) or n.string_value(target)) if target is not None else None
            if work:
                self.signal(node, "enqueue", work)
        if method == "do" and name.startswith("schedule.every"):
            # The `schedule` library lets a job's exception end the process; APScheduler logs it
            # and carries on, so only `schedule`'s jobs decide the process's exit status.
            args = n.positional(node)
            work = ctx.resolve(n.dotted(args[0].value)) if args else None
            if work:
                self.scheduled.setdefault(work, None)
            elif args and type(args[0].value) is cst.Lambda and type(args[0].value.body) is cst.Call:
                # `.do(lambda: os.system("python3 spider.py"))`: the command's status is thrown away
                command = ctx.resolve(n.callee(args[0].value.body))
                if command and _drops_status(command, args[0].value.body):
                    self._frame().ignored_statuses.append(command)
        if method == "add_periodic_task" or (
            method == "update" and any(n.keyword(node, key) for key in ("beat_schedule", "CELERYBEAT_SCHEDULE"))
        ):  # (`CELERYBEAT_SCHEDULE=`: Celery 3's name for the setting)
            self.signal(node, "celery-beat", raw)
        if name in {"signal.signal", "signal.Signals"} or method == "add_signal_handler":
            self.installs_signal_handler = node
            args = n.positional(node)
            if args:
                sig = n.dotted(args[0].value) or ""
                if sig.endswith("SIGTERM"):
                    self.signal(node, "sigterm", sig)
                elif sig.endswith("SIGINT"):
                    self.signal(node, "sigint", sig)
        if name.startswith("django.core.wsgi.get_wsgi_application"):
            self.signal(node, "django-wsgi")
        if name.startswith("django.core.asgi.get_asgi_application"):
            self.signal(node, "django-asgi")
        if name.startswith("django.core.management.execute_from_command_line"):
            self.signal(node, "django-manage")
        if name in {"os.environ.setdefault", "os.putenv"}:
            args = n.positional(node)
            if len(args) >= 2 and n.string_value(args[0].value) == "DJANGO_SETTINGS_MODULE":
                value = n.string_value(args[1].value)
                if value:
                    self._module_ref(node, "settings", value)
        if name in {"django.urls.include", "django.conf.urls.include"}:
            args = n.positional(node)
            if args:
                first = args[0].value
                target = n.string_value(first)
                if target is None and type(first) is cst.Tuple and first.elements:
                    target = n.string_value(first.elements[0].value)
                if target:
                    self._mount(node, "", target, "module")
        if name in ROUTE_CALLS:
            args = n.positional(node)
            if args:
                path = n.string_value(args[0].value) or ""
                # `url("", index)`: a regex every path matches (not `url(r"^", include("shop.urls"))`)
                if name in _REGEX_ROUTES and len(args) > 1 and type(args[1].value) is not cst.Call:
                    path = CATCH_ALL if _CATCH_ALL_PATTERN.fullmatch(path) else path
                view = (n.dotted(args[1].value) if len(args) > 1 else None) or ""
                handler = view.rsplit(".", 1)[-1]
                ctx.later(node, lambda line, col: RouteFact(owner="", path=path, handler=handler, line=line))
        if method == "add_resource" and (api := ctx.object_ctor(owner)):
            # `api.add_resource(Health, "/healthz", "/healthz/")` (Flask-RESTful, Flask-RESTX): the api
            # object wraps the app, so its routes are the app's; so does a subclass another module of
            # the project defines (`api = ExtendedApi(app)`), known by its name, with URL paths
            known = api in _RESOURCE_APIS or api in self.resource_apis
            named = not known and api.rsplit(".", 1)[-1].lower().endswith("api")
            args = n.positional(node)
            resource = (n.dotted(args[0].value) or "").rsplit(".", 1)[-1] if args else ""
            for arg in args[1:] if known or named else ():
                url = n.string_value(arg.value)
                if url is not None and (known or url.startswith("/")):
                    ctx.later(node, _route_of(url, resource))
        if method in ROUTE_ADDERS and owner:
            args = n.positional(node)
            kw = n.keyword(node, "path") or n.keyword(node, "rule")
            first_arg: cst.BaseExpression | None = args[0].value if args else (kw.value if kw else None)
            path = (n.string_value(first_arg) or "") if first_arg is not None else ""
            second = n.string_value(args[1].value) if len(args) > 1 else None
            if second is not None and (path.upper() in _HTTP_METHODS or second.startswith(("/", "{"))):
                path = second  # aiohttp add_route("GET", "/path", h); Pyramid add_route("home", "/")
            handler = ""
            if len(args) > 1:
                handler = (n.dotted(args[-1].value) or "").rsplit(".", 1)[-1]
            owner_name = owner[: -len(".router")] if owner.endswith(".router") else owner
            owner_name = self.routers.get(owner_name, owner_name)  # (`router = app.router`)
            owner_r = ctx.owner(owner_name)
            ctx.later(node, lambda line, col: RouteFact(owner=owner_r, path=path, handler=handler, line=line))
        if (
            (owner or name in _BOTTLE_DEFAULT_ROUTES)
            and method in _CALLBACK_ROUTES
            and (n.keyword(node, "callback") is not None or (method == "route" and len(n.positional(node)) > 2))
        ):
            # Bottle's route added by a call, `app.route("/", "GET", index)`, `self.route("/",
            # method="POST", callback=self.send)` in a `Bottle` subclass (an object unknown here: any
            # app the file serves), `app.get("/healthz", callback=healthz)`, `route(...)` of the default app
            args = n.positional(node)
            keyed_path = n.keyword(node, "path")
            route_path = args[0].value if args else (keyed_path.value if keyed_path is not None else None)
            path = (n.string_value(route_path) or "") if route_path is not None else ""
            callback = n.keyword(node, "callback") or (args[2] if len(args) > 2 else None)
            handler = (n.dotted(callback.value) or "").rsplit(".", 1)[-1] if callback is not None else ""
            owner_r = ctx.owner(owner) if owner else ""
            ctx.later(node, lambda line, col: RouteFact(owner=owner_r, path=path, handler=handler, line=line))
        if method in MOUNT_METHODS and owner:
            index = MOUNT_METHODS[method]
            args = n.positional(node)
            target_node: cst.BaseExpression | None = args[index].value if len(args) > index else None
            if target_node is None:
                kw_arg = n.keyword(node, "app") or n.keyword(node, "router") or n.keyword(node, "blueprint")
                target_node = kw_arg.value if kw_arg else None
            target = n.dotted(target_node) if target_node is not None else None
            if target_node is not None and type(target_node) is cst.Call:
                target = n.callee(target_node)
            if target:
                mount_owner = owner[: -len(".router")] if owner.endswith(".router") else owner
                self._mount(node, ctx.owner(mount_owner), ctx.resolve(target) or target, "object")
                self._mounted_prefix(node, ctx.owner(mount_owner), ctx.resolve(target) or target, method)
        if name.startswith("celery.Celery") or method in {"autodiscover_tasks"}:
            include = n.keyword(node, "include")
            if include is not None:
                for value in _string_list(include.value):
                    self._module_ref(node, "include", value)
            if method == "autodiscover_tasks":
                args = n.positional(node)
                packages = _string_list(args[0].value) if args else []
                for value in packages:
                    self._module_ref(node, "autodiscover", value)
                if not packages:
                    self._module_ref(node, "autodiscover", "")

    def _mounted_prefix(self, node: cst.Call, owner: str, target: str, method: str) -> None:
        """What is mounted at a path serves that path: ``register_blueprint(healthz, url_prefix="/healthz")``
        is a health route even when the blueprint comes from a library."""
        keyword = n.keyword(node, "url_prefix") or n.keyword(node, "prefix")
        prefix = n.string_value(keyword.value) if keyword is not None else None
        args = n.positional(node)
        if prefix is None and method == "mount" and args:
            prefix = n.string_value(args[0].value)
        if not prefix:
            return
        paths = [prefix] + [prefix.rstrip("/") + suffix for suffix in _LIBRARY_HEALTH_ROUTES.get(target, ())]
        for path in paths:
            self.ctx.later(node, _route_at(owner, path))

    def _args_text(self, node: cst.Call) -> str:
        return " ".join(n.string_value(a.value) or n.dotted(a.value) or "" for a in node.args)

    def _mount(self, node: cst.CSTNode, owner: str, target: str, kind: str) -> None:
        self.ctx.later(
            node,
            lambda line, col: MountFact(owner=owner, target=target, target_kind=kind, line=line),  # type: ignore[arg-type]
            position=kind == "module",
        )

    def _module_ref(self, node: cst.CSTNode, kind: str, value: str) -> None:
        self.ctx.later(node, lambda line, col: ("ref", kind, value, line), position=False)

    def visit_aug_assign(self, node: cst.AugAssign) -> None:
        """``total += sync.sync_directory(path)``: a step of the function, its result kept; and
        ``sql += " ON CONFLICT ..."``, a value added to a name, for the rules."""
        if type(node.operator) is cst.AddAssign and type(node.target) is cst.Name and self.extend_hooks:
            self._fire(self.extend_hooks, node.target.value, node.value, self.ctx)
        if (
            type(node.operator) is cst.AddAssign
            and type(node.target) is cst.Name
            and node.target.value in _MIDDLEWARE_SETTINGS
            and not self.ctx.scope
        ):
            self._module_setting(node.target.value, node.value, node)  # `MIDDLEWARE += ["core.middleware.Probe"]`
        if type(node.operator) is cst.BitOrAssign and type(node.target) is cst.Name:
            self.ctx.filled.add((tuple(self.ctx.scope), node.target.value))  # `kwargs |= {"timeout": 10}`
        value = node.value.expression if type(node.value) is cst.Await else node.value
        if type(value) is cst.Call and self.frames and not self.handlers:
            name = self.ctx.resolve(n.callee(value))
            if name:
                self.frames[-1].steps.append(self._as_called(name))
        self.generic(node)

    def _startup_hooks(self, node: cst.Call, raw: str) -> None:
        """The functions an app is given to run as it starts (see FileFacts.startup_hooks):
        ``app.on_startup.append(listener.start_background_tasks)``, ``app.cleanup_ctx.append(tasks)``,
        ``app.add_event_handler("startup", start)``, Sanic's ``app.register_listener(start,
        "after_server_start")``, ``FastAPI(on_startup=[start])``, ``FastAPI(lifespan=lifespan)``."""
        owner, _, method = raw.rpartition(".")
        hooked = method in _HOOK_REGISTRATIONS
        if not (hooked or (method[:1].isupper() and node.args)):
            return  # (most calls: neither a registration nor an app's constructor)
        values: list[cst.BaseExpression] = []
        args = n.positional(node) if hooked else []
        if method in {"append", "extend", "insert"} and owner.endswith((".on_startup", ".cleanup_ctx")) and args:
            values = [args[-1].value]
        elif method == "add_event_handler" and len(args) == 2 and n.string_value(args[0].value) == "startup":
            values = [args[1].value]
        elif method == "register_listener" and len(args) == 2 and "start" in (n.string_value(args[1].value) or ""):
            values = [args[0].value]
        elif not hooked:  # `FastAPI(on_startup=[start])`, `FastAPI(lifespan=lifespan)`
            values = [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value in _HOOK_KEYWORDS]
        for value in values:
            items = [e.value for e in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
            for item in items:
                if dotted := n.dotted(item):
                    self.startup_hooks.add(dotted.rpartition(".")[2])
                    if self.ctx.scope:
                        self.hook_registrars.add(f"{self.ctx.scope[0]}>{dotted.rpartition('.')[2]}")

    def _runs_select_text(self, value: cst.BaseExpression) -> bool:
        """A helper given a name bound to a SELECT's text here, its rows handed back
        (``result = self.select_query(query)`` after ``query = f"SELECT 1 FROM t WHERE ..."``)."""
        if type(value) is not cst.Call or not value.args or value.args[0].keyword is not None:
            return False
        first = value.args[0].value
        return type(first) is cst.Name and f"{self.scope_name()}:{first.value}" in self.select_texts

    def visit_assign(self, node: cst.Assign) -> None:
        kept_result: tuple[str, str] | None = None
        for target in node.targets:
            self._rebind(target.target)
        value = node.value.expression if type(node.value) is cst.Await else node.value
        first = node.targets[0].target
        if (
            type(value) is cst.Attribute
            and value.attr.value == "job_queue"
            and type(first) is cst.Name
            and not self.ctx.scope  # (not `j = context.job_queue` in a handler: a user's reminder)
        ):
            self.job_queues.add(first.value)  # `j = updater.job_queue`: python-telegram-bot's JobQueue, named
        if type(value) is cst.Call and type(first) is cst.Name and (self.frames or not self.ctx.scope):
            # (a process kept in a name, its status to be read: see `_status_unread`)
            started = self.ctx.resolve(n.callee(value))
            if started == "subprocess.Popen":
                self._frame().popens.append(first.value)
            elif started == "subprocess.run" and n.keyword(value, "check") is None:
                self._frame().runs.append(first.value)
        if (
            type(first) is cst.Name
            and type(value) is cst.Attribute
            and value.attr.value == "router"
            and type(value.value) is cst.Name
        ):
            self.routers[first.value] = value.value.value  # `router = app.router`: its routes are the app's
        if type(first) is cst.Subscript and type(value) is cst.Dict and len(first.slice) == 1:
            # `app.config["CELERYBEAT_SCHEDULE"] = {...}`, read by `celery.conf.update(app.config)`
            index = first.slice[0].slice
            key = n.string_value(index.value) if type(index) is cst.Index else None
            if key in _BEAT_SETTINGS:
                self.signal(node, "celery-beat", key)
        if (
            type(first) is cst.Name
            and type(value) is cst.Call
            and value.args
            and (n.callee(value) or "").endswith("Path")
            and (self.ctx.resolve(n.callee(value)) or "").endswith("Path")
        ):
            self.path_names[f"{self.scope_name()}:{first.value}"] = _opened_path(value.args[0].value)
        elif type(first) is cst.Name and type(value) is cst.BinaryOperation and self._path_object(value):
            self.path_names[f"{self.scope_name()}:{first.value}"] = _opened_path(value)  # `Path(d) / "run.log"`
        if type(first) is cst.Name and len(node.targets) == 1:
            # (`is_folder_exist = os.path.exists(path)`; `fresh = not os.path.isdir(d)`)
            negated = type(value) is cst.UnaryOperation and type(value.operator) is cst.Not
            if _asks_exists(value.expression if type(value) is cst.UnaryOperation and negated else value):
                self.exists_answers[f"{self.scope_name()}:{first.value}"] = not negated
        if type(first) is cst.Name and len(node.targets) == 1:
            # (`query = f"SELECT 1 FROM t WHERE id = {id}"`, handed to a helper that runs it below)
            # (also filled in from a constant, `query = FIND_PRODUCT.format(sku=sku)`)
            template = _filled_template(value)
            text = n.template_text(template)
            if text is None and type(template) is cst.Name:
                text = self.strings.get(f"{self.scope_name()}:{template.value}", self.strings.get(f":{template.value}"))
            selects = _SELECT_QUERY.match(text or "") is not None
            (self.select_texts.add if selects else self.select_texts.discard)(f"{self.scope_name()}:{first.value}")
        if (
            type(first) is cst.Name
            and len(node.targets) == 1
            and (
                _fetched(value)
                or (type(value) is cst.Call and n.callee(value) in self.ctx.lookups)
                or self._runs_select_text(value)
            )
        ):
            # `row = cur.fetchone()`: a lookup's result, see `_lookup_test` (`_rebind` forgets it)
            result = f"{self.scope_name()}:{first.value}"
            self.fetched.add(result)
            if type(value) is cst.Call and not _fetched(value):
                self.fetched_from[result] = n.callee(value) or ""  # (`row = existing(key)`: which lookup)
            else:
                self.fetched_from.pop(result, None)
        if type(first) is cst.Name and not self.ctx.scope and not self.frames:
            # (`TIMEOUT = 5.0`: a number a call may be given by name)
            if type(value) in (cst.Integer, cst.Float):
                self.numbers.add(first.value)
            else:
                self.numbers.discard(first.value)
        if (
            type(first) is cst.Name
            and first.value == "DEBUG"
            and not self.ctx.scope
            and not self.frames
            and (n.is_false(value) or n.int_value(value) == 0)
            and not self.ctx.conditions
        ):
            self.signal(node, "debug-off")  # (a settings module switching debug off for good)
        if type(first) is cst.Attribute and first.attr.value == "daemon":
            self.sets_daemon = True  # (`worker.daemon = True`)
        if type(first) is cst.Attribute and first.attr.value == "handlers" and _handlers_of(value):
            # `app.logger.handlers = logging.getLogger("gunicorn.error").handlers`: the app logs
            # through the server's configured handlers
            self.signal(node, "logging-config", "handlers")
        if type(value) is cst.Call and self.frames and not self.handlers:
            name = self.ctx.resolve(n.callee(value))
            if name:  # `rows = load_rows()`: a step of the function, its result not a status
                self.frames[-1].steps.append(self._as_called(name))
                if self._own_body():
                    bound: cst.BaseExpression = node.targets[0].target
                    if n.is_sequence(bound) and bound.elements:
                        bound = bound.elements[0].value  # `ok, error = self._dump(db)`
                    if type(bound) is cst.Name and bound.value == "_":
                        # `_, output, _ = run_cmd(cmd)`: the first value thrown away, as a statement's
                        self.frames[-1].results_dropped.append(self._as_called(name))
                    elif type(bound) is cst.Name:
                        # (set once the value is walked: `df = clean(df)` hands `clean` what `df` held before)
                        kept_result = (bound.value, self._as_called(name))
            if name == "subprocess.Popen().communicate":
                # `out, err = subprocess.Popen(cmd, ...).communicate()`: the process, and with it
                # its exit status, is thrown away
                self.frames[-1].ignored_statuses.append(name)
        elif (
            type(value) is cst.Call
            and not self.ctx.scope
            and not self.handlers
            and type(first) is cst.Name
            and (name := self.ctx.resolve(n.callee(value)))
        ):
            # (a script's own statements: `code = attempt_once(t)`, then `if code == 0:` tests it)
            kept_result = (first.value, self._as_called(name))
        elif self.frames:
            for assigned in node.targets:  # `rows = []`: no longer a call's result
                if type(assigned.target) is cst.Name:
                    self.frames[-1].results.pop(assigned.target.value, None)
        self._refer(value)  # `job = purge`
        if (
            type(value) is cst.Attribute
            and value.attr.value == "server"
            and not self.ctx.scope
            and self.ctx.object_ctor(n.dotted(value.value)) == "dash.Dash"
        ):
            self.signal(node, "dash-server")  # `server = app.server`: the Flask app gunicorn serves
        if type(first) is cst.Name and type(value) is cst.Name and not self.ctx.scope:
            imported = self.ctx.aliases.get(value.value)
            if imported is not None:  # `sched = schedule`: another name for an imported module or object
                self.ctx.aliases[first.value] = imported
        if type(first) is cst.Name and (command := _command_text(value)) is not None:
            key = f"{self.scope_name()}:{first.value}"
            if _deleting_command(command[0]) is not None:
                self.commands[key] = command  # `cmd = ["restic", "forget", ...]`, run further down
            else:
                self.commands.pop(key, None)  # (kept: only the commands that delete are looked up)
        for target in node.targets:
            self._bind(target.target, node.value, node)
        if self.fallback_hooks and type(first) is cst.Name:
            read = self._env_read(value)
            bound_key = (self.scope_name(), first.value)
            if read is not None:
                self.env_bound[bound_key] = read
            else:
                self.env_bound.pop(bound_key, None)
        for target in node.targets:
            # (a bound name is no read; `codes[rc] = 1` reads `rc`)
            self.storing = type(target.target) is cst.Name
            self.walk(target.target)
            self.storing = False
        constant = (
            type(first) is cst.Name
            and len(node.targets) == 1
            and len(self.ctx.scope) == 1
            and bool(self.ctx.class_bases)
            and not self.frames
            and type(value) in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
        )
        saved_constant = self.class_constant
        if constant:
            self.class_constant = (self.ctx.scope[0], first.value)  # type: ignore[attr-defined]
        self.walk(node.value)
        self.class_constant = saved_constant
        if kept_result is not None:
            self._frame().results[kept_result[0]] = kept_result[1]
        kept_in = node.targets[0].target
        if (
            type(value) is cst.Call
            and type(kept_in) is cst.Name
            and len(node.targets) == 1
            and not self.handlers
            and (self.frames or not self.ctx.scope)
        ):
            kept = _kept_status(value, self.ctx) or self.response_returners.get(n.callee(value) or "")
            if (
                kept is not None
                and kept.endswith("().wait")
                and (n.callee(value) or "").rpartition(".")[0] in self.stopped
            ):
                kept = None  # `server.terminate(); code = server.wait()`: a process stopped on purpose
            frame = self._frame()
            if kept is not None and kept_in.value in frame.globals:
                kept = None  # `global rc`: other functions may read it
            if kept is not None:  # `r = requests.post(...)`: read only where it is printed or logged?
                frame.kept_statuses[kept_in.value] = kept
                frame.kept_since[kept_in.value] = frame.loop_reads[0] if frame.loop_reads else self.reads
                owner = (n.callee(value) or "").rpartition(".")[0]
                if kept.endswith("().wait") and owner:
                    frame.status_owners[owner] = kept_in.value  # `return proc.returncode` reads it too

    def visit_named_expr(self, node: cst.NamedExpr) -> None:
        """``if not (dump := os.environ.get("DUMP")):``: a name bound inside an expression, for
        what a deletion of it may remove (see `_bind_made`)."""
        frame = self._deletions_frame()
        if frame is not None and type(node.target) is cst.Name and not n.is_none(node.value):
            self._bind_made(frame, node.target.value, self._maker(node.value))
        self.generic(node)

    def visit_ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value, node)
            self.walk(node.value)
        self.walk(node.target)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        ctx = self.ctx
        raw = n.dotted(target)
        if raw is not None and self.frames and self.frames[-1].name.rpartition(".")[2].startswith("on_"):
            self.callback_sets.add(raw)  # (`def on_message(...): global running; running = False`)
        if raw is not None and (raw.isupper() or raw.startswith("self.")) and self._on_value(value):
            self.on_flags.add(raw)
        if raw is None:
            if (
                n.is_sequence(target)
                and len(target.elements) == 2
                and type(target.elements[1].value) is cst.Name
                and type(value) is cst.Call
                and ctx.resolve(n.callee(value)) == "tempfile.mkstemp"
                and (frame := self._deletions_frame()) is not None
            ):
                # `fd, path = tempfile.mkstemp()`: the path of a temporary file made here (bound by
                # this statement only: `_rebind` has just marked it, as any name unpacked)
                self._bind_made(frame, target.elements[1].value.value, "", temporary=True, unpacked=True)
            if n.is_sequence(target) and n.is_sequence(value):
                for t, v in zip(target.elements, value.elements, strict=False):
                    self._bind(t.value, v.value, node)
            elif (
                n.is_sequence(target)
                and type(value) is cst.Call
                and not ctx.scope
                and not self.frames
                and _APP_FACTORY.fullmatch((n.callee(value) or "").rpartition(".")[2])
            ):
                # `app, celery_app = create_app()` at module level: each name holds what the
                # project's factory built (which one is which is the factory's to say)
                for element in target.elements:
                    if type(element.value) is cst.Name:
                        self._object(element.value.value, value, node)
            elif type(target) is cst.Subscript and len(target.slice) == 1:
                index = target.slice[0].slice
                key = n.string_value(index.value) if type(index) is cst.Index else None
                if key is not None:
                    ctx.target = f"{n.dotted(target.value) or ''}[{key}]"
                    self._fire(self.binding_hooks, key, value, ctx)
                    ctx.target = ""
                elif type(target.value) is cst.Name:
                    ctx.filled.add((tuple(ctx.scope), target.value.value))  # `kwargs[name] = options[name]`
            return
        if "." not in raw and _ARGV_FLAG.fullmatch(raw.lower()):
            # (a name for deleting bound to a test of the command line: `clean_logs = sys.argv[1] == "--clean"`)
            if _reads_argv(value, ctx):
                self.cli_flags.add(raw)
            else:
                self.cli_flags.discard(raw)
        if "." not in raw and (frame := self._deletions_frame()) is not None and not n.is_none(value):
            temporary = type(value) is cst.Call and ctx.resolve(n.callee(value)) in _TEMPORARY_FILES
            self._bind_made(frame, raw, self._maker(value), temporary=temporary)
        if "." not in raw and _queryset(value):
            self.rows.add(raw)  # `watches = Watch.objects.filter(...)[:500]`
        if "." not in raw and _cloud_listing(value):
            self.cloud_lists.add(raw)  # `blobs = list(bucket.list_blobs())`
        literal = n.string_value(value)
        if literal is None:
            # `backup_path = os.path.join("/tmp", name)`, `f"/tmp/{name}.sql"`, `tempfile.mkdtemp()`:
            # a temporary path, for the deletions that remove it (only a `tmp`/`temp` directory of
            # its own: `os.path.join(DATA_DIR, "temperature", name)` is no temporary file)
            text = self._path_text(value)
            literal = text if _temporary_path(text) else None
        key = raw if "." in raw else f"{self.scope_name()}:{raw}"
        if literal is not None:
            self.strings[key] = literal
        else:
            self.strings.pop(key, None)
        short = raw.rsplit(".", 1)[-1]
        collected = _literals(value.args[0].value if type(value) is cst.Call and value.args else value)
        if len(collected) > 1 or ((n.is_collection(value) or type(value) is cst.Call) and collected):
            self.collections.setdefault(raw, set()).update(literal_key(v) for v in collected)
        ctx.target = raw
        self._fire(self.binding_hooks, short, value, ctx)
        ctx.target = ""
        if _says_heartbeat(short) and not _verdict(value):
            # (`alive = False`, `alive = r.status_code == 200`: a monitor's verdict on what it
            # watches, no sign of its own life)
            self.signal(node, "heartbeat", short)
        if type(value) is cst.Call:
            # (`self.session = requests.Session()`: an attribute is tracked, never an entrypoint)
            self._object(raw, value, node, record="." not in raw)
            called = ctx.resolve(n.callee(value))
            if called == "shutil.make_archive" and (frame := self._deletions_frame()) is not None:
                self._keep(frame, raw)  # `archive = shutil.make_archive(...)`: a file the job wrote
            elif (
                called == "functools.partial"
                and value.args
                and self._handler_class(n.dotted(value.args[0].value) or "")
            ):
                self.class_aliases[raw] = (
                    n.dotted(value.args[0].value) or ""
                )  # `Handler = partial(Handler, directory=d)`
        elif type(value) in (cst.Name, cst.Attribute) and self._handler_class(n.dotted(value) or ""):
            # `Handler = MyHttpRequestHandler`, `Handler = http.server.SimpleHTTPRequestHandler`
            self.class_aliases[raw] = n.dotted(value) or ""
        if ctx.scope:
            if raw.endswith("beat_schedule"):
                self.signal(node, "celery-beat", raw)
            return
        self._module_setting(raw, value, node)

    def _object(self, name: str, value: cst.Call, node: cst.CSTNode, *, record: bool = True) -> None:
        """``app = Flask(__name__)``, ``with HTTPServer(...) as server:``: a name bound to what a call built."""
        ctx = self.ctx
        ctor = ctx.resolve(n.callee(value))
        if not ctor:
            func = value.func
            if type(func) is cst.Attribute and func.attr.value in _PYKAFKA_CONSUMERS:
                # `client.topics["t"].get_simple_consumer(...)`: a pykafka consumer, iterated to consume
                ctx.objects[name] = _PYKAFKA_CONSUMERS[func.attr.value]
            return
        if (
            ctor in _LOW_LEVEL_SERVERS
            and (args := n.positional(value))
            and _PROBE_HANDLER.search(n.dotted(args[0].value) or "")
        ):
            return  # `web.Server(health)`: one handler, for the orchestrator's probes, beside the work
        if self._derives(ctor, _TCP_SERVERS.__contains__) and self._http_handler(value):
            # `socketserver.TCPServer(("", port), Handler)` with an `http.server` handler: an HTTP server
            ctor = "http.server.HTTPServer"
        ctx.objects[name] = self.factories.get(ctor, ctor)
        if ctor == "subprocess.Popen" and (args := n.positional(value)) and _follows(_string_list(args[0].value)):
            self.followers.add(f"{self.scope_name()}:{name}")
        if ctor in _PREFIXED_ROUTERS and (keyword := n.keyword(value, _PREFIXED_ROUTERS[ctor])) is not None:
            # `router = APIRouter(prefix="/health")`, `Blueprint("health", __name__, url_prefix="/health")`:
            # its routes' paths start there
            self.router_prefixes[name] = n.string_value(keyword.value) or ""
        elif ctor == "flask_restx.Namespace" or (
            ctor.endswith(".namespace") and ctx.object_ctor(ctor[: -len(".namespace")]) in _RESOURCE_APIS
        ):
            # Flask-RESTX: `ns = api.namespace("orders")` serves its routes under `/orders` (or its `path=`)
            given, args = n.keyword(value, "path"), n.positional(value)
            named = n.string_value(args[0].value) if args else None
            prefix = n.string_value(given.value) if given is not None else f"/{named}" if named else None
            if prefix is not None:
                self.router_prefixes[name] = prefix
        tabfile = n.keyword(value, "tabfile") if ctor == CRONTAB else None
        # (`tabfile="deploy/crontab"`, or a path built at run time; not `/etc/crontab`, also by a name)
        tab_path = None if tabfile is None else n.string_value(tabfile.value)
        if tabfile is not None and tab_path is None and type(tabfile.value) is cst.Name:
            tab_path = self._strings_here().get(tabfile.value.value)
        if tabfile is not None and not (tab_path or "").startswith("/"):
            ctx.objects[name] = CRONTAB_FILE  # (a crontab file the project keeps: written, not wiped)
        if ctor.rpartition(".")[2] in _SERVICE_BUS_RECEIVERS and n.keyword(value, "max_wait_time") is None:
            # `receiver = client.get_queue_receiver(queue_name=q)`: iterating it waits for messages for
            # ever (with `max_wait_time` it stops once the queue stays empty: a drain)
            ctx.objects[name] = SERVICE_BUS_RECEIVER
        if not record:
            return
        scope = self.scope_name()
        keywords = n.keywords(value)
        ctx.later(
            node,
            lambda line, col: ObjectFact(name=name, ctor=ctor, line=line, column=col, scope=scope, keywords=keywords),
            # (an instance of an app or worker subclass defined in this file, at module level or in a
            # module-level function: `app = YourFlask(__name__)` in `create_app()`)
            position=is_entrypoint_ctor(ctor)
            or (ctor in self.entry_classes and (not scope or (len(ctx.scope) == 1 and not ctx.class_bases))),
        )

    def _http_handler(self, server: cst.Call) -> bool:
        """The request handler a ``socketserver`` server is given is an ``http.server`` handler, or a
        class of this file deriving from one (also through a name bound to it)."""
        args = n.positional(server)
        keyword = n.keyword(server, "RequestHandlerClass")
        handler = args[1].value if len(args) > 1 else keyword.value if keyword is not None else None
        if type(handler) is cst.Call and (self.ctx.resolve(n.callee(handler)) or "") == "functools.partial":
            handler = handler.args[0].value if handler.args else None  # `partial(Handler, directory=out)`
        name = (n.dotted(handler) or "") if handler is not None else ""
        return self._handler_class(self.class_aliases.get(name, name))

    def _derives(self, name: str, wanted: Callable[[str], bool]) -> bool:
        """``name``, or a base of it through the classes of this file however deep (`class
        Handler(BaseHandler)`, `class BaseHandler(SimpleHTTPRequestHandler)`), is one ``wanted`` is
        true of (a class of the file is asked through its bases)."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in self.bases_by_class:
                if current not in seen:
                    seen.add(current)
                    todo.extend(self.bases_by_class[current])
            elif wanted(current):
                return True
        return False

    def _handler_class(self, name: str) -> bool:
        """``name`` is an ``http.server`` request handler, or a class of this file deriving from one."""
        return self._derives(name, lambda base: (self.ctx.resolve(base) or base).rpartition(".")[2] in _STDLIB_HANDLERS)

    def _module_setting(self, name: str, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """Module-level settings that frameworks read by name (Django, Celery, Sanic)."""
        if name.endswith(".config.HEALTH_ENDPOINT") and n.dotted(value) == "True":
            self.signal(node, "health-lib", "sanic-ext")  # Sanic Extensions serves /__health__
        elif name == "INSTALLED_APPS":
            for app in _string_list(value):
                self._module_ref(node, "installed_app", app)
                if app.startswith(METRICS_MODULES):
                    self.signal(node, "metrics", app)
                if app.startswith(("health_check", "watchman", "django_health")):
                    self.signal(node, "health-lib", app)
            self.signal(node, "django-settings")
        elif name == "CRONJOBS" and isinstance(value, (cst.List, cst.Tuple)):
            # django-crontab: `CRONJOBS = [("*/5 * * * *", "dk_dropbox.tasks.push_doc")]`, each
            # function run by cron through `manage.py crontab run`
            for entry in value.elements:
                job = entry.value
                parts = job.elements if isinstance(job, (cst.Tuple, cst.List)) else ()
                target = n.string_value(parts[1].value) if len(parts) > 1 else None
                if target and "." in target and not target.startswith("django."):
                    self._module_ref(node, "cronjob", target)
        elif name == "CRON_CLASSES" and isinstance(value, (cst.List, cst.Tuple)):
            # django-cron: `CRON_CLASSES = ["shop.cron.RemindJob"]`, each class's `do()` run by
            # `manage.py runcrons`, which cron calls
            for target in _string_list(value):
                if "." in target and not target.startswith("django_cron."):
                    self._module_ref(node, "cronclass", target)
        elif name in _MIDDLEWARE_SETTINGS:
            for middleware in _string_list(value):
                if middleware.startswith(METRICS_MODULES):
                    self.signal(node, "metrics", middleware)
                elif "." in middleware and not middleware.startswith("django."):
                    # (the project's own, `shop.middleware.HealthCheckMiddleware`: run on every request)
                    self._module_ref(node, "middleware", middleware.rpartition(".")[0])
        elif name in {"BOT_NAME", "SPIDER_MODULES", "NEWSPIDER_MODULE"}:
            self.signal(node, "scrapy-settings", name)  # a Scrapy project's settings module
        elif name in _SCRAPY_COMPONENT_SETTINGS and type(value) is cst.Dict:
            # `ITEM_PIPELINES = {"shop.pipelines.StorePipeline": 300}`: code every crawl runs
            for element in value.elements:
                component = n.string_value(element.key) if type(element) is cst.DictElement else None
                if component and "." in component:
                    self._module_ref(node, "scrapy_component", component.rpartition(".")[0])
        elif name == "ROOT_URLCONF":
            target = n.string_value(value)
            if target:
                self._module_ref(node, "urlconf", target)
        elif name in {"LOGGING", "LOGGING_CONFIG"} and _may_be_config(value):
            self.signal(node, "logging-config", name)
        elif name in _BEAT_SETTINGS or name.endswith("beat_schedule"):
            self.signal(node, "celery-beat", name)
        elif name.upper().endswith(("BEAT_SCHEDULER", "BEATSCHEDULER")) and ":" in (n.string_value(value) or ""):
            # `CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"`: beat runs a
            # schedule kept in the database
            self.signal(node, "celery-beat", BEAT_SCHEDULER)
        elif name == "urlpatterns":
            self.signal(node, "django-urlconf")

    def visit_string(self, node: cst.SimpleString | cst.ConcatenatedString) -> None:
        if self.setup_py and type(node) is cst.SimpleString and "_scripts]" in node.value:
            # setup(entry_points="""[console_scripts]\ncomposer=composer:cli"""), the INI form
            group = ""
            for line in (n.string_value(node) or "").splitlines():
                header = line.strip()
                if header.startswith("[") and header.endswith("]"):
                    group = header[1:-1].strip()
                elif group in {"console_scripts", "gui_scripts"} and (match := ENTRY_POINT.match(line)):
                    self._module_ref(node, "console_script", match.group(1).replace(" ", ""))
        elif self.setup_py and type(node) is cst.SimpleString and self.entry_group in _SCRIPT_GROUPS:
            declared = n.string_value(node)
            match = ENTRY_POINT.match(declared) if declared else None
            if match:  # setup(entry_points={"console_scripts": ["name = pkg.mod:main"]})
                self._module_ref(node, "console_script", match.group(1).replace(" ", ""))
        value = n.string_value(node)
        if value is not None and ":" in value and len(value) < 120 and (ref := _TEXT_REF.fullmatch(value)):
            self.text_refs.add(ref.group(1))  # `add_job("app.jobs.rates:refresh_rates")`
        parts: list[cst.CSTNode] = []  # (of the f-strings among the pieces)
        if value is None:
            if type(node) is not cst.ConcatenatedString:
                return
            # `"DELETE FROM logs " f"WHERE day < '{cutoff}'"`: an f-string among the pieces, the
            # whole read as one text, by its literal parts (not each piece as if it started a string)
            value = n.template_text(node)
            if value is None:
                return  # (bytes)
            parts = [part for piece in _pieces(node) if type(piece) is cst.FormattedString for part in piece.parts]
        ctx = self.ctx
        if _heartbeat_text(value) and not (ctx.in_docstring or self.reporting):
            # (a docstring about a Pushgateway pings nothing; `log.debug("Heartbeat received")` reports one)
            self.signal(node, "heartbeat", "text")
        if _METRICS_FILE.search(value):
            self.signal(node, "metrics", value)
        if (
            _DESTRUCTIVE_SQL.match(value)
            and not ctx.in_docstring
            and (
                (not parts and (not value.split()[0].istitle() or _SQL_CLAUSE.search(value)))
                or _DESTRUCTIVE_SQL_CASED.match(value)
                or _SQL_SHAPED.match(value)
            )
        ):
            # (with an f-string among the pieces, or written as a sentence starts, SQL as SQL is
            # written, shaped like a statement or with a clause of one, `"Delete from {} where ..."`:
            # not a help text's "truncate descriptions longer than this", a docstring's "Truncate
            # text if it is longer than a given width", a mail's "Delete from the shared drive ...")
            self.signal(node, "destructive", " ".join(value.split()[:2]).upper())
        elif not ctx.in_docstring and (script := _DESTRUCTIVE_SQL_IN_SCRIPT.search(value)):
            self.signal(node, "destructive", " ".join(script.group(1).split()[:2]))
        elif not ctx.in_docstring and _deleting_command(value) == "rm -r":
            names = [n.dotted(p.expression) or "" for p in parts if type(p) is cst.FormattedStringExpression]
            self._record_deletion(node, "rm -r", value, names)
        if _DRY_RUN_OPTION.fullmatch(value.strip()) and not self.in_argv:
            self.signal(node, "dry-run", value.strip())
        elif self.reporting and _DRY_RUN_NOTE.match(value):
            # `log.info(f"Dry run: deleting {digest}")`: the branch a dry run takes, however it is chosen
            self.signal(node, "dry-run", "message")
        if "SIGTERM" in value:
            self.mentions_sigterm = True
        elif value == "TERM":  # (`for sig in ("TERM", "INT"): getattr(signal, "SIG" + sig)`, see `signal_by_name`)
            self.term_word = True
        self._fire(self.string_hooks, node, value, ctx)
        for part in parts:
            if type(part) is cst.FormattedStringExpression:
                self.walk(part.expression)

    def visit_fstring(self, node: cst.FormattedString) -> None:
        parts = node.parts
        text = n.template_text(node) or ""
        if _heartbeat_text(text) and not self.reporting:
            self.signal(node, "heartbeat", "text")
        # SQL keywords as SQL is written, or a lower-case statement shaped as one outside a report
        # (`f"delete from temp_token where hour < '{cutoff}'"`), not a log message
        if _DESTRUCTIVE_SQL_CASED.match(text) or (
            not self.reporting and not self.writing_text and _SQL_SHAPED.match(text)
        ):
            self.signal(node, "destructive", " ".join(text.split()[:2]).upper())
        elif _deleting_command(text) == "rm -r":
            names = [n.dotted(p.expression) or "" for p in parts if type(p) is cst.FormattedStringExpression]
            self._record_deletion(node, "rm -r", text, names)
        elif self.reporting and _DRY_RUN_NOTE.match(text):
            self.signal(node, "dry-run", "message")  # `log.info(f"Dry run: deleting {digest}")`, as above
        if text:
            self._fire(self.string_hooks, node, text, self.ctx)
        for part in parts:
            if type(part) is cst.FormattedStringExpression:
                self.walk(part.expression)

    def _record_deletion(self, node: cst.CSTNode, command: str, text: str, names: list[str]) -> None:
        """A deleting command built from text and values (``f"rm -rf {out}"``, ``["rm", "-rf", out]``)."""
        if _TEMPORARY.search(f"{text} {' '.join(names)}") or _BUILD_OUTPUT.search(text):
            return
        frame = self._deletions_frame()
        if command == "rm -r" and frame is not None and names and names[0]:
            frame.deletions.append((node, names[0], command))  # unless made again (`os.makedirs(out)`)
        else:
            self.signal(node, "destructive", command)

    def visit_list(self, node: cst.List) -> None:
        """``[(r"/health", HealthHandler), ...]``: a Tornado route table, wherever the app is built;
        ``["restic", "forget", "--prune", ...]``: a command that deletes, as an argument list."""
        command = _command_text(node)
        saved, self.in_argv = (
            self.in_argv,
            self.in_argv or (command is not None and _deleting_command(command[0]) is not None),
        )
        for element in node.elements:
            value = element.value
            self._refer(value)
            if type(value) is cst.Call and self.ctx.resolve(n.callee(value)) in _TORNADO_URL_SPECS:
                self._table_route(node, n.positional(value))
            elif type(value) is cst.Tuple:
                self._table_route(node, value.elements)
        seeds = _user_records(node)
        saved_seeds, self.ctx.seed_records = self.ctx.seed_records, self.ctx.seed_records or seeds
        self.generic(node)  # (`["docker", "system", "prune", "--force"]`: that --force is no guard)
        self.ctx.seed_records = saved_seeds
        self.in_argv = saved

    def _command_run(self, node: cst.Call, name: str) -> None:
        """A command given to something that runs it (``subprocess.run(["restic", "forget", ...])``,
        ``os.system(f"zfs destroy {snap}")``, or a name bound to one first): the deleting ones are
        destructive. Only commands that reach a runner count: help texts, blocklists and log
        messages that name a command are not one."""
        args = n.positional(node)
        if not args:
            return
        if name.endswith("create_subprocess_exec"):  # the program and its arguments, one by one
            command = _argv_text([a.value for a in args])
        else:
            first = args[0].value
            command = self.commands.get(f"{self.scope_name()}:{first.value}") if type(first) is cst.Name else None
            command = command or _command_text(first)
        if command is None:
            return
        text, names, listed = command
        detail = _deleting_command(text)
        if detail is None or (detail == "rm -r" and not listed):
            return  # (`rm -r` in any string is found where it is written)
        if _DRY_RUN_WORD.search(text) or (detail == "rsync --delete" and _rsync_dry_run(text)):
            return  # `kubectl delete ... --dry-run=client`: the command itself only shows what it would do
        self._record_deletion(node, detail, text, names)

    def _table_route(self, node: cst.CSTNode, parts: Sequence[cst.BaseElement | cst.Arg]) -> None:
        if len(parts) < 2:
            return
        path, handler = n.string_value(parts[0].value), n.dotted(parts[1].value)
        if not path or not path.lstrip("^r").startswith("/") or not handler or _FILE_PATH.search(path):
            return  # (`("/var/log/app.log", WatchedFileHandler)` is a file, not a route)
        if (self.ctx.resolve(handler) or "").startswith("logging."):
            return
        if not handler.endswith("Handler") and not any(
            v == "tornado" or v.startswith("tornado.") for v in self.ctx.aliases.values()
        ):  # (`import tornado.web` binds `tornado`)
            return  # (a pair of a path and a name: a route table only beside Tornado or its handlers)
        short = handler.rpartition(".")[2]
        self.ctx.later(node, lambda line, col: RouteFact(owner="", path=path, handler=short, line=line))

    def visit_collection(self, node: cst.Tuple | cst.Set) -> None:
        """``for step in (extract, purge_old): step()``: functions collected to be called."""
        for element in node.elements:
            self._refer(element.value)
        self.generic(node)

    def visit_dict(self, node: cst.Dict) -> None:
        ctx = self.ctx
        saved_strings = ctx.dict_strings
        strings: dict[str, str] = {}
        for element in node.elements:
            if type(element) is cst.DictElement:
                key, text = n.string_value(element.key), n.string_value(element.value)
                if key is not None and text is not None:
                    strings[key.lower()] = text
        for element in node.elements:
            self._refer(element.value)
            if type(element) is cst.DictElement:
                key = n.string_value(element.key)
                if key is not None:
                    ctx.dict_strings = strings
                    self._fire(self.binding_hooks, key, element.value, self.ctx)
                self.walk(element.key)
                saved = self.entry_group
                if self.setup_py and key is not None:
                    self.entry_group = key  # setup(entry_points={"console_scripts": [...]})
                ctx.dict_strings = {}  # (a dict inside its values has its own)
                self.walk(element.value)
                self.entry_group = saved
            else:
                self.walk(element.value)
        ctx.dict_strings = saved_strings

    def visit_param(self, node: cst.Param) -> None:
        if _says_dry_run(node.name.value):
            self.signal(node, "dry-run", node.name.value)
        if node.default is not None:
            self._fire(self.binding_hooks, node.name.value, node.default, self.ctx)
            self.walk(node.default)

    def visit_attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if self.class_deletions and self.frames and type(node.value) is cst.Name:
            owner = node.value.value
            cls = self.ctx.scope[0] if owner in {"self", "cls"} and self.ctx.scope else owner
            for deletion, detail in self.class_deletions.get((cls, attr), ()):
                self.class_deletions_used.add((cls, attr))
                self.ctx.later(deletion, _signal_at("destructive", detail, self.call_scope()))
        if attr == "hooks" and (
            self.ctx.object_ctor(n.dotted(node.value)) in _HTTP_CLIENTS
            or "session" in (n.dotted(node.value) or "").rpartition(".")[2].lower()
        ):
            self.response_hooks = True  # `session.hooks["response"].append(check)`
        if attr == "SIGTERM":
            self.mentions_sigterm = True
        elif _says_dry_run(attr) and not (self.ctx.object_ctor(n.dotted(node.value)) or "").startswith("curator."):
            # (not Curator's `action.do_dry_run()`: a report of what `do_action()` will do, no switch)
            self.signal(node, "dry-run", attr)
        self.walk(node.value)

    def visit_name(self, node: cst.Name) -> None:
        if not self.reporting and not self.storing:
            self._read(node.value)
        if self.returning is not None and node.value in self.returning.results:
            self.returning.results_passed.add(node.value)  # `return rows`
        if node.value == "SIGTERM":
            self.mentions_sigterm = True
        elif _says_dry_run(node.value):
            self.signal(node, "dry-run", node.value)

    def _read(self, name: str) -> None:
        """A name read other than in a print or a log call: a status kept in it is looked at
        (`if rc != 0:`, `r.raise_for_status()`, `return r`), here or, for a module-level name,
        in a function."""
        frame = self.frames[-1] if self.frames else self.module_frame
        self.reads += 1
        frame.read_at[name] = self.reads
        if len(self.ctx.scope) > (frame.depth if self.frames else 0):
            frame.read_later.add(name)  # in a function nested here, which may run after the binding
        if name in frame.status_owners:
            frame.read_at[frame.status_owners[name]] = self.reads
        if frame is not self.module_frame:
            self.module_frame.read_later.add(name)

    def visit_global(self, node: cst.Global) -> None:
        if self.frames:
            self.frames[-1].globals.update(item.name.value for item in node.names)

    def visit_boolean(self, node: cst.BooleanOperation) -> None:
        if type(node.operator) is cst.Or and type(node.left) is cst.Call and self.fallback_hooks:
            name = self.ctx.resolve(n.callee(node.left))
            if name in _ENV_READS:
                self._fire(self.fallback_hooks, node.left, node.right, self.ctx)
        # `os.path.exists(d) or os.mkdir(d)`, `not os.path.exists(d) and os.mkdir(d)`: the right
        # side runs only when the directory is not there
        guarded = (type(node.operator) is cst.Or and _asks_exists(node.left)) or (
            type(node.operator) is cst.And and _is_exists_check(node.left)
        )
        if guarded:
            self.walk(node.left)
            self.ctx.exists_guards += 1
            self.walk(node.right)
            self.ctx.exists_guards -= 1
            return
        self.generic(node)

    def visit_comparison(self, node: cst.Comparison) -> None:
        """String literals compared against: a fallback the code rejects is not a gap."""
        if self._in_request_method():
            self._compared_routes(node)
        for operand in [node.left, *(c.comparator for c in node.comparisons)]:
            for literal in _literals(operand):
                self.compared.add(literal_key(literal))
            if type(operand) is cst.Name:
                self.compared_names.add(operand.value)  # `value in PLACEHOLDERS`
        self.generic(node)

    def _answered_routes(self, node: cst.If) -> None:
        """``if request.path == "/healthz": return HttpResponse("OK")`` in a middleware (Django's
        ``process_request``, Starlette's ``dispatch``) or a view (also ``request.method == "GET"
        and request.path == ...``): the app answers that path itself, a route of the app. Only a
        response built there counts (a call, not of a parameter, nor a literal): not a path let
        through, ``return self.get_response(request)``, ``return await call_next(request)``,
        ``return await handler(request)``, ``return response``, ``return None``."""
        tests = _path_tests(node.test)
        if not tests or type(node.body) is not cst.IndentedBlock or not node.body.body:
            return
        if not any(module.partition(".")[0] in _ANSWERING_MODULES for module in self.ctx.aliases.values()):
            return  # (not a web framework's code: `httpx.MockTransport(handler)` faking a provider)
        last = node.body.body[-1]
        answer = last.body[-1] if type(last) is cst.SimpleStatementLine else None
        value = answer.value if type(answer) is cst.Return else None
        if type(value) is cst.Await:
            value = value.expression
        if value is None or not self._builds_response(value):
            return
        for test in tests:
            self._compared_paths(node, test.comparisons[0].comparator, self.ctx.scope[-1])

    def _builds_response(self, value: cst.BaseExpression) -> bool:
        """A value returned as an answer: text, a dict or a tuple (a Flask view's), or a call of
        something other than what the function was handed (``HttpResponse("OK")``, ``self.readyz()``;
        not ``call_next(request)``, ``handler(request)``, ``self.get_response(request)``)."""
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Dict, cst.Tuple)):
            return True
        if type(value) is not cst.Call:
            return False
        callee = n.callee(value) or ""
        # (a method of one, `connection.respond(200, "OK")` in websockets' `process_request`, answers;
        # a factory's, `async def factory(app, handler): async def mw(request): ... handler(request)`, too)
        if not callee or any(callee in params for params in self.ctx.params):
            return False
        if callee.startswith("self.") and any(
            type(arg.value) is cst.Name and arg.value.value != "self" and arg.value.value in self.ctx.params[-1]
            for arg in value.args
        ):
            return False  # (`self.wsgi_app(environ, start_response)`: the app it wraps, handed the request)
        return callee.rpartition(".")[2] not in _PASSED_THROUGH

    def _in_request_method(self) -> bool:
        """In ``do_GET`` (``do_POST``, ...) of a standard-library request handler class."""
        ctx = self.ctx
        # (also a handler class built in a factory: `def make_handler(queue): class Handler(...)`)
        return (
            len(ctx.scope) in (2, 3)
            and ctx.scope[-1].startswith("do_")
            and bool(ctx.class_bases)
            and any(base.rpartition(".")[2] in _STDLIB_HANDLERS for base in ctx.class_bases[-1])
        )

    def _compared_routes(self, node: cst.Comparison) -> None:
        """``if self.path == "/health":``, ``elif parsed.path in ("/", "/index.html"):``: the paths a
        standard-library handler answers, routes of the server it is given to."""
        left = n.dotted(node.left) or ""
        # (`parsed_path = urlparse(self.path).path` then `if parsed_path == "/":`)
        if not (left == "path" or left.endswith((".path", "_path"))) or len(node.comparisons) != 1:
            return
        target = node.comparisons[0]
        if not isinstance(target.operator, (cst.Equal, cst.In)):
            return
        self._compared_paths(node, target.comparator, self.ctx.scope[-1])

    def _compared_paths(self, node: cst.CSTNode, comparator: cst.BaseExpression, handler: str) -> None:
        """The paths a request's path is compared with (``"/health"``, ``("/", "/index.html")``):
        routes the function ``handler`` answers."""
        for path in _literals(comparator):
            if path.startswith("/"):
                self.ctx.later(node, _handler_route_at(path, handler))

    def _loop_calls(self, body: cst.CSTNode) -> tuple[str, ...]:
        """The functions a loop calls itself (not logging, printing or sleeping), first seen first."""
        found: dict[str, None] = {}
        for node in n.descendants(body):
            raw = n.callee(node) if type(node) is cst.Call and len(found) < _MAX_LOOP_CALLS else None
            if not raw or ("." in raw and raw.partition(".")[0] not in self.ctx.aliases):
                continue  # a method of some object: not a function the project stage can look into
            name = self.ctx.resolve(raw)
            if name and not name.startswith((*REPORT_PREFIXES, "time.", "asyncio.sleep")):
                found.setdefault(name, None)
        return tuple(found)

    def _polls_process(self, call: cst.Call, raw: str) -> bool:
        """``process.poll()``: asking a child process whether it has ended, not taking a message."""
        owner, _, method = raw.rpartition(".")
        if method != "poll" or call.args:
            return False
        ctor = self.ctx.object_ctor(owner) or ""
        return ctor.startswith("subprocess.") or bool(_PROCESS_NAME.search(owner.rpartition(".")[2]))

    def _set_by_work(self, event: str, body: cst.CSTNode, loop: cst.While | None) -> bool:
        """The event a loop waits on is set when some work is done: by the loop's own body
        (`db_ready.set()` once connected), or by a thread it was handed to before the loop
        (`Thread(target=upload, args=(path, done))`, `upload` setting it; one whose function is not
        in sight is taken to). Handed to anything else it is a stop flag: a signal handler's
        (`signal.signal(SIGTERM, partial(_shutdown, stop))`, `install_signal_handlers(stop)`), or a
        thread's that only waits on it."""
        if any(type(node) is cst.Call and n.callee(node) == f"{event}.set" for node in n.descendants(body)):
            return True
        for block, index in self.stmt_stack:
            if type(block) is not cst.IndentedBlock:
                continue
            for stmt in block.body[:index]:
                for node in n.descendants(stmt):
                    if type(node) is cst.Call and self._starts_setter(node, event):
                        return True
        return False

    def _starts_setter(self, call: cst.Call, event: str) -> bool:
        """``call`` starts a thread, a process or a pool's task handed ``event``, whose function sets
        an event (or is out of sight); or one not handed it whose function of the file sets it."""
        name = self.ctx.resolve(n.callee(call)) or ""
        if name not in _THREAD_STARTS and name.rpartition(".")[2] not in {
            "submit",
            "run_in_executor",
            "start_new_thread",
        }:
            return False
        handed = any(
            type(inner) is cst.Name and inner.value == event for arg in call.args for inner in _eager_parts(arg.value)
        )
        given = n.keyword(call, "target")
        args = n.positional(call)
        target = given.value if given is not None else args[0].value if args else None
        if type(target) is cst.Lambda:
            # (`target=lambda: upload(dump, bucket, done)`: handed through the lambda's call)
            handed = handed or any(type(inner) is cst.Name and inner.value == event for inner in n.descendants(target))
        function = self.module_functions.get(self._thread_function(target) if target is not None else "")
        if function is None:
            return handed
        # (handed the event, it sets an event; not handed, it sets the module's own: `finally: done.set()`)
        calls = [n.callee(node) or "" for node in n.descendants(function.body) if type(node) is cst.Call]
        if any(self.ctx.resolve(name) in _SIGNAL_WAITS for name in calls):
            return False  # (`signal.sigwait(...)` then `stop.set()`: a signal handled in a thread, a stop flag)
        return any(name.endswith(".set") if handed else name == f"{event}.set" for name in calls)

    def _thread_function(self, target: cst.BaseExpression) -> str:
        """The name of the function a thread runs: its target, or the call a ``lambda`` makes
        (``target=lambda: upload(path, bucket)``), or the function ``partial`` binds."""
        if type(target) is cst.Lambda and type(target.body) is cst.Call:
            target = target.body.func
        elif type(target) is cst.Call and self.ctx.resolve(n.callee(target) or "") == "functools.partial":
            args = n.positional(target)
            target = args[0].value if args else target
        return n.dotted(target) or ""

    def _mqtt_client(self, owner: str) -> bool:
        """A paho MQTT client built here (``mqtt.Client(...)``)."""
        ctor = self.ctx.object_ctor(owner) or ""
        return ctor.startswith("paho.mqtt.") and ctor.endswith(".Client")

    def _nio_client(self, owner: str) -> bool:
        """A matrix-nio client: ``self`` in a subclass of ``AsyncClient``, or one built here."""
        if owner == "self" and self.ctx.class_bases:
            return any(base.startswith("nio.") and base.endswith("AsyncClient") for base in self.ctx.class_bases[-1])
        return (self.ctx.object_ctor(owner) or "").startswith("nio.")

    def _consume_call_in(self, body: cst.CSTNode, test: cst.BaseExpression, loop: cst.While | None = None) -> str:
        """The first consume-like call in a loop body (``consumer.poll``, ``sqs.receive_message``)."""
        found: list[str] = []
        literal = _literal_forever(test)
        stack: list[cst.CSTNode] = [body]  # (depth first, in source order: the first such call)
        while stack and not found:
            node = stack.pop()
            if type(node) is cst.Call:
                raw = n.callee(node) or ""
                method = raw.rpartition(".")[2]
                if method == "drain_events" and not _never_leaves(body, self.ctx):
                    continue  # `except socket.timeout: break`: drained until the queue is empty, a job
                if method in CONSUME_METHODS and "." in raw and not self._polls_process(node, raw):
                    found.append(self.ctx.resolve(raw) or raw)
                elif (
                    method in _NATS_READS
                    and (literal or _until_stopped(test))
                    and _imported(self.ctx, "nats")
                    and _never_leaves(body, self.ctx)
                ):
                    # `msgs = await sub.fetch()`: a NATS JetStream pull subscription's next batch;
                    # `msg = await sub.next_msg()`: a subscription's next message (for ever, or
                    # until a stop flag is set: `while not stop.is_set():`)
                    found.append(raw)
                elif (
                    method == "get"
                    and (
                        raw.rpartition(".")[0].lower().endswith(("queue", "_q"))
                        # (`phone, picture = q.get()` on the queue a thread is handed: blocking for
                        # the next item; not `q.get("key")`)
                        or (raw.rpartition(".")[0] == "q" and not any(arg.keyword is None for arg in node.args))
                    )
                    # (for ever or until a stop flag is set; not a loop a sentinel ends, `if url is
                    # None: break`: a job's pool of threads)
                    and (literal or _until_stopped(test))
                    and _never_leaves(body, self.ctx)
                ):
                    found.append(raw)
                elif method == "loop" and literal and self._mqtt_client(raw.rpartition(".")[0]):
                    # `while True: client.loop()`: paho's network loop, one round at a time (not
                    # `while not info.is_published(): client.loop()`, waiting for one publish)
                    found.append(raw)
                elif method == "sync" and literal and self._nio_client(raw.rpartition(".")[0]):
                    # `while True: await self.sync(30000)` in a matrix-nio AsyncClient: the next batch of events
                    found.append("matrix-nio.sync")
                elif (
                    method == "recv"
                    and literal
                    and _imported(self.ctx, *_WEBSOCKET_CLIENTS)
                    and _never_leaves(body, self.ctx)
                ):
                    found.append(raw)  # `while True: message = await ws.recv()`: a websocket stream's next message
                elif (
                    literal and (self.ctx.resolve(raw) or raw) in _WEBSOCKET_CONNECTS and _never_leaves(body, self.ctx)
                ):
                    # `while True: async with websockets.connect(url) as ws: await handle(ws)`: a
                    # stream connected again each time it drops, read by a helper of the file
                    found.append("websocket.recv")
                elif (
                    method in ("recv", "recvfrom")
                    and (literal or _until_stopped(test))
                    and self._receives_forever(body, node)
                ):
                    # `while True: line = sock.recv(2048)`: a socket's next message (an IRC bot, a
                    # UDP listener), for as long as the process runs (or until `stop()` flips
                    # `while self._running:`)
                    found.append(SOCKET_LOOP)
                if found:
                    break
            if type(node) in (cst.FunctionDef, cst.ClassDef):
                continue
            children: list[cst.CSTNode] = []
            for name in _fields(type(node)):
                value = getattr(node, name)
                if _is_node_type(type(value)):
                    children.append(value)
                elif type(value) in (list, tuple):
                    children.extend(item for item in value if _is_node_type(type(item)))
            stack.extend(reversed(children))
        if found:
            return found[0]
        # No queue call, but `while True:` sleeps and never breaks out: a poller that runs forever.
        literal_forever = _literal_forever(test)
        # (`self.client.loop_start()` then `while self.is_run: time.sleep(1)`: kept alive while the
        # MQTT client's thread consumes, until `stop()` or a signal; nothing but clean-up after the
        # wait: not a one-shot reader waiting for its reply, then writing it)
        mqtt_wait = (
            _until_stopped(test)
            and isinstance(body, cst.BaseSuite)
            and loop is not None
            and self._only_sleeps(body)
            and self._started_something(frozenset({"loop_start"}))
            and all(_only_cleanup(stmt) for stmt in self._place_of(loop)[1])
        )
        if mqtt_wait:
            return MQTT_WAIT if _sleep_without_break(body, self.ctx) else ""
        if (
            type(test) is cst.UnaryOperation
            and type(test.operator) is cst.Not
            and type(test.expression) is cst.Call
            and "." not in (waited := (n.callee(test.expression) or "").rpartition(".")[0])
            and _timed_event_wait(test.expression, f"{waited}.wait", self.ctx)
            and not self.ctx.class_bases
            and self._does_work(body)
            and not _breaks_out(body, returns=True)
            and not self._set_by_work(waited, body, loop)
        ):
            # `while not ticker.wait(60): backup()`: the event's timed wait is the poller's sleep, its
            # rounds run until the event is set by hand or a signal (a `break` or `return` of its own
            # ends it sooner: a job; a raise fails it loud); not a class's helper thread, `while not
            # self.done.wait(0.25): self.refresh()`, nor a wait for work to be done (below)
            return TIMED_WAIT
        # `while self._running:`, `while not stop.is_set():` around work (not a progress or heartbeat thread)
        until_stopped = _until_stopped(test) and self._does_work(body)
        # (`while retry != 0:` that sets its count back on success: forever while the work works)
        budget = type(test) is cst.Comparison and self._does_work(body)
        sleeps = (
            _sleep_without_break(body, self.ctx, lambda event: self._set_by_work(event, body, loop))
            if literal_forever or until_stopped or budget
            else None
        )
        return sleeps or ""

    # finish ------------------------------------------------------------------------
    def _finish(self) -> FileFacts:
        from readiness_lint.locate import locate  # libcst's code generation: only when a file is parsed

        ctx = self.ctx
        for cls in sorted(self.cherrypy_roots & self.cherrypy_exposed.keys()):
            for exposed, path, function in self.cherrypy_exposed[cls]:
                ctx.later(exposed, _route_of(path, f"{cls}.{function}"))
        for constant, deletions in self.class_deletions.items():
            if constant not in self.class_deletions_used:  # (used elsewhere, by a subclass: counted for the file)
                for deletion, detail in deletions:
                    ctx.later(deletion, _signal_at("destructive", detail))
        if self.guard is not None:
            self._flush_deletions(self.guard)
            for function, targets in self.threads_started_in.items():
                if function in self.guard.calls:  # `start_background_thread(); app.run()` in the block
                    self.guard_started |= targets
        self._flush_deletions(self.module_frame)
        if (
            self.mentions_sigterm or (self.term_word and self.signal_by_name)
        ) and self.installs_signal_handler is not None:
            self.signal(self.installs_signal_handler, "sigterm", "SIGTERM")
        for run, where in self.sched_runs if self.sched_reenters else ():
            # `sched.scheduler(...).run()` with an event that puts itself back: a periodic loop
            ctx.later(run, _loop_at(where, SCHED_LOOP))
        wanted = [node for node, _, _ in ctx._pending if node is not None]
        wanted += [start for _, _, start in ctx._pending if start is not None]
        after_guard: cst.CSTNode | None = None  # (the statement after the `__main__` block, where it ends)
        if self.guard is not None:
            wanted.append(self.guard.line_node)
            body = self.module.body
            after_guard = next((later for stmt, later in pairwise(body) if stmt is self.guard.line_node), None)
            if after_guard is not None:
                wanted.append(after_guard)
        if self.script_node is not None:
            wanted.append(self.script_node)
        text: str | None = None
        if wanted and self.source is not None:
            # (nodes placed after the walk, a top-level statement itself among them)
            paths = ctx.paths
            for index, stmt in enumerate(self.module.body):
                paths.setdefault(id(stmt), ((self.module, index),))
            text = self._source_text()
        positions = locate(self.module, wanted, text, ctx.paths)

        def pos(node: cst.CSTNode | None) -> tuple[int, int]:
            if node is None:
                return (0, 0)
            return positions.get(id(node), (1, 1))

        buckets: dict[type, list[Any]] = {}
        refs: list[tuple[str, str, int]] = []
        classes: list[tuple[str, str, int]] = []
        for node, make, start in ctx._pending:
            line, col = pos(node)
            fact = make(line, col)
            if fact is None:
                continue  # (a finding withdrawn by what the rest of the file showed)
            if start is not None and isinstance(fact, LineFinding) and pos(start)[0] != line:
                # (`SECRET_KEY = os.getenv(` / `"DJANGO_SECRET_KEY",` / `"dev-key",` / `)`: where the read starts)
                fact = replace(fact, line=pos(start)[0], column=pos(start)[1], also_line=line)
            if isinstance(fact, tuple):
                if fact[0] == "ref":
                    refs.append((fact[1], fact[2], fact[3]))
                else:
                    classes.append((fact[1], fact[2], fact[3]))
                continue
            buckets.setdefault(type(fact), []).append(fact)
        functions, methods = (
            tuple(
                FunctionFact(
                    name=f.name,
                    line=0,
                    returns_nonzero=f.returns_nonzero,
                    returns_value=f.returns_value,
                    swallows=f.swallows or f.exits_zero_in_handler or f.status_unchecked(self.response_hooks),
                    exits_nonzero=f.exits_nonzero,
                    loses_failure=f.loses_empty or f.loses_quietly(),
                    fails_empty_only=f.loses_empty and not f.loses_quietly(),
                    results_tested=tuple(sorted(f.results_tested)),
                    status_unchecked=f.status_unchecked(self.response_hooks),
                    exits_zero_on_error=f.exits_zero_on_error,
                    # (`except Exception: log.exception(...)` ... `return 0`, raising nothing)
                    # (`return 0`, or no value at all: `sys.exit(None)` exits 0 too)
                    zero_after_catch_all=f.reports_catch_all
                    and (f.returns_zero or not f.returns_value)
                    and not (f.returns_other or f.raises),
                    decorators=tuple(d for d in f.decorators if d),
                    wraps_catch_all=f.wraps_catch_all,
                    # (attempts that gave up hand back what they got: lost where the caller drops it)
                    returns_failure=f.fails_with_value
                    or (f.fails_with_none and f.returns_value)
                    or (f.reports_attempts and f.returns_value and not (f.raises or f.exits_nonzero)),
                    fails_with_none=f.fails_with_none and f.returns_value and not f.fails_with_value,
                    results_unchecked=_unchecked(f),
                    calls=tuple(dict.fromkeys(f.calls)),
                    plain=f.plain,
                    ignored_statuses=f.dropped_statuses(self.response_hooks),
                    steps=tuple(dict.fromkeys(f.steps)),
                    prompts=f.prompts,
                )
                for f in frames
            )
            for frames in (self.functions, self.methods)
        )
        guard = None
        if self.guard is not None:
            g = self.guard
            samples = _sample_calls(g.line_node.body) if type(g.line_node) is cst.If else ((), ())
            guard = MainGuardFact(
                line=pos(g.line_node)[0],
                end_line=pos(after_guard)[0] - 1 if after_guard is not None else 0,
                calls=tuple(dict.fromkeys(g.calls)),
                exits_with_value=g.exits_after_work,
                exit_without_status=g.exits_zero_in_handler,
                swallows=g.swallow_pending or g.status_lost or g.delivery_lost,
                dropped_calls=tuple(dict.fromkeys(g.dropped)),
                raises=g.raises,
                ignored_statuses=g.dropped_statuses(self.response_hooks, frozenset(self.module_frame.read_later)),
                results_unchecked=_unchecked(g),
                results_tested=tuple(sorted(g.results_tested)),
                results_handed=tuple(sorted(g.results_handed)),
                prompts=g.prompts,
                exit_values=tuple(dict.fromkeys(g.exit_values)),
                bare_calls=type(g.line_node) is cst.If and self._bare_calls(g.line_node.body),
                modes=self._guard_modes(g.line_node),
                literal_calls=samples[0],
                sample_calls=samples[1],
            )
        findings = sorted(buckets.get(LineFinding, []), key=lambda f: (f.line, f.column, f.rule))
        return FileFacts(
            path=ctx.path,
            is_test=ctx.is_test,
            imports=tuple(buckets.get(ImportFact, [])),
            objects=tuple(buckets.get(ObjectFact, [])),
            routes=tuple(buckets.get(RouteFact, [])),
            mounts=tuple(buckets.get(MountFact, [])),
            tasks=tuple(buckets.get(TaskFact, [])),
            signals=tuple(_dedupe_signals(buckets.get(SignalFact, []))),
            loops=tuple(buckets.get(LoopFact, [])),
            wrapper_loops=tuple(buckets.get(WrapperLoopFact, [])),
            functions=functions,
            methods=methods,
            main_guard=guard,
            script_line=pos(self.script_node)[0] if self.script_node is not None else 0,
            script_swallows=(
                self.module_frame.swallow_pending
                or self.module_frame.exits_zero_in_handler
                or self.module_frame.status_lost
                or self.module_frame.delivery_lost
            ),
            script_exit_values=tuple(dict.fromkeys(self.module_frame.exit_values)),
            # (acted on where the script exits with a failure status of its own after testing them:
            # `sys.exit(2)` once every attempt failed; not a pre-check's exit before the work)
            script_results_tested=tuple(sorted(self.module_frame.tested_before_exit)),
            module_refs=tuple(refs),
            module_calls=tuple((name, raw, 0) for name, raw in self.module_call_names.items()),
            script_ignored_statuses=self.module_frame.dropped_statuses(self.response_hooks),
            scheduled=tuple(self.scheduled),
            dag_tasks=tuple(self.dag_tasks),
            references=tuple(sorted(self.references)),
            process_targets=tuple(sorted(self.process_targets)),
            started=tuple(sorted(self.started)),
            loop_tasks=tuple(sorted(self.loop_tasks)),
            gathered=tuple(sorted(self.gathered)),
            guard_started=tuple(sorted(self.guard_started)),
            called_outside=tuple(sorted(self.called_outside)),
            guard_called=tuple(sorted(self.guard_called)),
            route_calls=tuple(sorted(self.route_calls)),
            startup_hooks=tuple(sorted(self.startup_hooks)),
            hook_registrars=tuple(sorted(self.hook_registrars)),
            text_refs=tuple(sorted(self.text_refs)),
            commands=tuple(self.cli_commands),
            prompts=self.prompts,
            classes=tuple(classes),
            run_loops=tuple(sorted(self.run_loops)),
            daemon_classes=tuple(sorted(self.daemon_classes)),
            oneshot_classes=tuple(sorted(self.oneshot_classes)),
            sets_daemon=self.sets_daemon,
            findings=tuple(f for f in findings if f.rule not in self.rule_errors),
            rule_errors=tuple(sorted(self.rule_errors.items())),
            compared=tuple(
                sorted(self.compared.union(*(self.collections.get(name, set()) for name in self.compared_names)))
            ),
            guarded_calls=tuple(sorted(name for name, (guarded, total) in self.call_tally.items() if guarded == total)),
        )


# Scrapy's spider classes that crawl a site to the end (scrapy-redis spiders wait on a queue instead).
_SCRAPY_SPIDERS = frozenset(
    f"{module}.{spider}"
    for module in ("scrapy", "scrapy.spiders", "scrapy.spiders.crawl", "scrapy.spiders.sitemap", "scrapy.spiders.feed")
    for spider in ("Spider", "CrawlSpider", "SitemapSpider", "XMLFeedSpider", "CSVFeedSpider")
)
# Methods Scrapy calls on the pipelines, middlewares and extensions its settings name (by a
# dotted string no name index sees).
_FRAMEWORK_HOOKS = frozenset(
    {
        "process_item",
        "open_spider",
        "close_spider",
        "process_request",
        "process_response",
        "process_exception",
        "process_spider_input",
        "process_spider_output",
        "process_start_requests",
        "spider_opened",
        "spider_closed",
    }
)
# Settings whose keys name the components (pipelines, middlewares, extensions) a crawl loads.
_SCRAPY_COMPONENT_SETTINGS = frozenset({"ITEM_PIPELINES", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS"})
# Signals that anchor an entrypoint or are quoted in a message, so their line is computed.
ANCHOR_SIGNALS = frozenset(
    {
        "schedule",
        "flask-cli",
        "lambda-handler",
        "azure-function",
        "cloud-function",
        "celery-beat",
        "django-wsgi",
        "django-asgi",
        "django-manage",
        "django-settings",
        "destructive",
        "signals-off",
    }
)
# Entry-point groups that install a command (others, `paste.app_factory`, name plug-ins); "" when
# the strings are not under a group key.
_PROCESS_NAME = re.compile(r"^(?:p|proc|process|popen|child|subprocess)$|_(?:proc|process|popen)$", re.IGNORECASE)
_CURRENT_APPS = frozenset({"flask.current_app", "quart.current_app"})
_HTTP_METHODS = HTTP_VERBS | {"*"}
_SCRIPT_GROUPS = frozenset({"", "console_scripts", "gui_scripts"})
# RQ's ways to put a function on a queue, and the argument that names it.
_ENQUEUE_METHODS = {"enqueue": 0, "enqueue_call": 0, "enqueue_in": 1, "enqueue_at": 1}
# A chat bot's polling, handed to a thread as its target.
_THREAD_POLLS = frozenset({"infinity_polling", "polling", "run_polling", "start_polling"})
# Calls that block consuming messages (no loop of ours around them).
BLOCKING_CONSUME = frozenset(
    {
        "start_consuming",
        "run_polling",
        "start_polling",
        "infinity_polling",
        "run_webhook",
        "listen_forever",
        "loop_forever",
        "sync_forever",  # matrix-nio's AsyncClient
        "process_forever",  # jaraco's irc: `reactor.process_forever()`
    }
)
_DRY_RUN = re.compile(r"dry_?run|(?:^|_)(?:dry|no_?op|simulate)(?:$|_)", re.IGNORECASE)


# Asked of every name read, attribute and parameter, and of every name bound and function defined:
# the same few thousand names again and again, each a case-insensitive search of a dozen words.
@functools.lru_cache(maxsize=8192)
def _says_dry_run(name: str) -> bool:
    return _DRY_RUN.search(name) is not None


# What a ping's address is named when it is a dead-man's switch's (`self.healthcheck_url`, `HC_URL`)
_PING_TARGET = re.compile(
    r"health_?check_?(?:url|uuid)|(?:^|[._])hc_?(?:url|uuid)|heart_?beat|dead_?man", re.IGNORECASE
)


@functools.lru_cache(maxsize=8192)
def _says_heartbeat(name: str) -> bool:
    """A name (a function's, a binding's) for a sign of life; read as written and in snake case
    (`sendAlive`, `self.alive_file`)."""
    if _HEARTBEAT_NAME.search(name) is not None:
        return True
    # (the camel-case and dotted forms of the `alive` names only: `sendAlive`, `self.alive_file`)
    return ("alive" in name or "Alive" in name or "ALIVE" in name) and _HEARTBEAT_NAME.search(
        n.snake(name.rpartition(".")[2])
    ) is not None


# What a `--force-<word>` option may allow and still be the guard (`--force-recreate`; not `--force-color`).
_GUARDED_WORDS = frozenset(
    {"delete", "deletion", "remove", "drop", "purge", "prune", "recreate", "reset", "overwrite", "rebuild"}
    | {"clean", "cleanup", "wipe", "destroy", "changes"}
)
# A command-line option or environment variable that guards a destructive step, as a whole literal.
_DRY_RUN_OPTION = re.compile(
    # (`--force-recreate`, `--confirm-delete`: the same guard, named for what it allows)
    r"--(?:dry[-_]?run|no-dry-run|(?:apply|force|confirm)(?:-(?:"
    + "|".join(map(re.escape, sorted(_GUARDED_WORDS)))
    + r"))?|(?:actually-)?do-?it|for-real|execute|yes|commit|no-?op|simulate)|DRY_?RUN",
    re.IGNORECASE,
)
# A message a dry run prints instead of acting: "Dry run: deleting ...", "Would delete %s (%d days
# old)" (not "Would delete X but an AMI still uses it", a skip)
_DRY_RUN_NOTE = re.compile(r"\W*(?:dry[-_ ]?run\b|would (?:delete|remove|drop|purge)\b(?!.*\bbut\b))", re.IGNORECASE)
_DESTRUCTIVE_SQL = re.compile(r"\s*(?:DELETE\s+FROM|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX)|TRUNCATE)\b", re.IGNORECASE)
# A deleting statement in lower case, shaped as one: `delete from logs where ...`, `drop table t`.
_SQL_SHAPED = re.compile(
    r"\s*(?:delete\s+from\s+[\w.\"`]+(?:\s+where\b|\s*;|\s*$)|drop\s+(?:table|database|schema|index)\s"
    r"|truncate\s+(?:table\s+)?[\w.\"`]+\s*(?:;|$|cascade|restart))",
    re.IGNORECASE,
)
# A clause only a statement has: `WHERE`, `CASCADE`, `IF EXISTS`, a closing `;`
_SQL_CLAUSE = re.compile(
    r"\bwhere\b|\bcascade\b|\bif exists\b|;\s*$|%s|%\(|\{\w*\}"
    # (a statement's head, its table added in code: `"Delete from " + table`, `"Truncate table "`)
    r"|^\s*(?:delete\s+from|truncate(?:\s+table)?|drop\s+(?:table|database|schema|index))\s*$",
    re.IGNORECASE,
)
_DESTRUCTIVE_SQL_CASED = re.compile(r"\s*(?:DELETE\s+FROM|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX)|TRUNCATE)\b")
# A deletion later in an SQL script: a statement after comments (`/* job */ DELETE FROM ...`) or
# after another statement's `;` (`INSERT INTO archive SELECT ...; DELETE FROM log WHERE ...`), as
# SQL is written (upper case), not as words in a sentence.
_DESTRUCTIVE_SQL_IN_SCRIPT = re.compile(
    r"(?:^\s*(?:/\*.*?\*/\s*|--[^\n]*\n\s*)+|;\s*(?:(?:/\*.*?\*/|--[^\n]*\n)\s*)*)"
    r"(DELETE\s+FROM|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX)|TRUNCATE)\b",
    re.DOTALL,
)
# Build output and caches: removing them is a clean build, not data lost.
_BUILD_OUTPUT = re.compile(r"(?:^|[\s/])(?:build|dist|__pycache__|\.?cache|node_modules|[\w.-]*\.egg-info)(?:[\s/]|$)")
# Shell commands that delete: `rm -rf {path}` wherever it is written; the others where they are
# given to a runner (`subprocess.run(["restic", "forget", "--prune"])`, `os.system(f"zfs destroy {s}")`).
# A subcommand must be a whole word of the command (not `--tag prune-exempt`, `-l delete=false`).
_DELETING_COMMANDS = (
    ("rm -r", re.compile(r"rm\s+(?:-\w+\s+)*-[a-zA-Z]*[rR]")),
    ("restic forget", re.compile(r"restic\s(?:.*\s)?(?:forget|prune)(?=\s|$)")),
    ("borg prune", re.compile(r"borg\s(?:.*\s)?(?:prune|delete)(?=\s|$)")),
    ("zfs destroy", re.compile(r"zfs\s+destroy(?=\s)")),
    ("kubectl delete", re.compile(r"kubectl\s(?:.*\s)?delete(?=\s)")),
    ("docker prune", re.compile(r"docker\s+(?:system|image|container|volume|builder)\s+prune(?=\s|$)")),
    ("aws s3 rm", re.compile(r"aws\s+s3\s+rm(?=\s)")),
    ("gsutil rm", re.compile(r"gsutil\s+(?:-\w+\s+)*rm(?=\s)")),
    ("find -delete", re.compile(r"find\s.*\s-delete(?=\s|$)")),
    ("dropdb", re.compile(r"dropdb\s+\S")),
    # (a mirror: what is gone from the source is deleted from the copy; or the source's files once sent)
    ("rsync --delete", re.compile(r"rsync\s(?:.*\s)?--(?:delete(?:-\w+)?|remove-source-files)(?=[\s=]|$)")),
)
# The programs those commands open with (a test of each string before the patterns), read off them
_DELETING_PROGRAMS = re.compile(
    "(?:" + "|".join(sorted({p.pattern.split("\\")[0] for _, p in _DELETING_COMMANDS})) + r")\s"
)
# rsync's short `-n` (`rsync -azn --delete ...`): its dry run, in a cluster of short options of
# its own (not after `&&`, `;` or `|`, nor inside `-e "ssh -n ..."`)
_RSYNC_DRY_RUN = re.compile(r"(?:^|\s)-[a-zA-Z]*n[a-zA-Z]*(?=\s|$)")
_RSYNC_OWN = re.compile(r"[^;&|]*")
_RSYNC_SHELL = re.compile(r"(?:^|\s)(?:-e|--rsh)(?=\s|=)")
_COMMAND_PREFIX = re.compile(r"\s*(?:sudo\s+(?:-\w+\s+\w+\s+|-\w+\s+)*)?(?:[\w.-]*/)*")
_COMMAND_RUNNERS = COMMAND_CALLS | {
    "os.popen",
    "shlex.split",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_exec",
    "asyncio.create_subprocess_shell",
}


def _rsync_dry_run(text: str) -> bool:
    """An rsync command given its own short `-n` (the dry run): before any `&&`, `;` or `|`, and
    before its remote shell's command (`-e "ssh -n ..."`; an argument list's `-e` value has lost its
    quotes, so what follows `-e` is not read)."""
    own = _RSYNC_OWN.match(text[text.find("rsync") :] if "rsync" in text else text)
    options = _RSYNC_SHELL.split(own.group(0) if own else "", maxsplit=1)[0]
    return bool(_RSYNC_DRY_RUN.search(options))


def _deleting_command(text: str) -> str | None:
    """What a shell command deletes with (``"rm -r"``), or ``None`` when it deletes nothing;
    the command must open the text."""
    start = _COMMAND_PREFIX.match(text)
    rest = text[start.end() :] if start else text
    if not _DELETING_PROGRAMS.match(rest):
        return None  # (most strings: no program of the list opens them)
    for detail, pattern in _DELETING_COMMANDS:
        if pattern.match(rest):
            return detail
    return None


def _argv_text(values: Sequence[cst.BaseExpression]) -> tuple[str, list[str], bool] | None:
    """An argument list as a command (``["restic", "forget", snap]``): a program named by a
    string of one word, then at least one argument."""
    program = n.string_value(values[0]) if values else None
    if program is None or len(values) < 2 or " " in program:
        return None  # (a list of sentences or of names is not an argument list)
    words: list[str] = []
    names: list[str] = []
    for value in values:
        word = n.string_value(value)
        if word is None:
            names.append(n.dotted(value) or "")
            words.append("{}")
        else:
            words.append(word)
    return " ".join(words), names, True


_DRY_RUN_WORD = re.compile(r"(?:^|\s)--?(?:dry-?run|what-if|simulate)(?:[=\s]|$)", re.IGNORECASE)


def _command_text(node: cst.BaseExpression) -> tuple[str, list[str], bool] | None:
    """A command as text, with the names of the values filled into it (``{}`` in the text) and
    whether it was an argument list: a string, an f-string or a list of at least two words."""
    if n.is_sequence(node):
        return _argv_text([element.value for element in node.elements])
    if type(node) is cst.FormattedString:
        text = "".join(p.value if type(p) is cst.FormattedStringText else "{}" for p in node.parts)
        names = [n.dotted(p.expression) or "" for p in node.parts if type(p) is cst.FormattedStringExpression]
        return text, names, False
    value = n.string_value(node)
    return (value, [], False) if value is not None else None


_DESTRUCTIVE_CALLS = frozenset({"shutil.rmtree", "os.remove", "os.unlink", "os.rmdir", "os.removedirs"})
_OS_ERRORS = frozenset({"OSError", "IOError", "EnvironmentError"})
# What removes or moves files on an FTP or SFTP server (paramiko, pysftp, ftplib, ftputil)
_REMOTE_WORK = frozenset(
    {"remove", "unlink", "rmdir", "rmtree", "rmd", "delete", "get", "put", "getfo", "putfo", "rename",
     "posix_rename", "retrbinary", "storbinary", "upload", "download"}
)  # fmt: skip
# The methods of a remote file system's clients (see `remote_file_client`) that delete there (a backup's retention).
_REMOTE_REMOVES = frozenset({"remove", "delete", "unlink", "rmdir", "rmtree", "rmd"})  # (`rmd`: ftplib's rmdir)
# What an HTTP DELETE ends that is no data: a login session, a token, a lock.
_NOT_DATA_URL = re.compile(r"/(?:sessions?|logout|login|auth|tokens?|locks?)(?:/|\b|$)", re.IGNORECASE)


# What an FTP or SFTP client handed around is called: `ftp`, `sftp`, `ftp_conn`, `self.sftp_client`.
_FILE_CLIENT_WORDS = frozenset({"ftp", "ftps", "sftp", "client", "conn", "connection", "session", "server", "host"})


def _named_file_client(owner: str, method: str) -> bool:
    """A receiver named as an FTP client, with ftplib's deleting methods (``ftp.delete(name)``,
    ``ftp.rmd(path)``), or as an SFTP one, with paramiko's and pysftp's (``sftp.remove(path)``):
    not a list of names (``ftp_names.remove(name)``)."""
    words = n.words(owner.rpartition(".")[2])
    if not words or not words <= _FILE_CLIENT_WORDS:
        return False
    if method in {"delete", "rmd"}:
        return bool(words & {"ftp", "ftps"})
    return "sftp" in words and method in {"remove", "rmdir", "unlink"}


def _named_sftp_client(owner: str) -> bool:
    """A receiver named as an SFTP client (``sftp``, ``sftp_client``): see `_named_file_client`."""
    words = n.words(owner.rpartition(".")[2])
    return bool(words) and words <= _FILE_CLIENT_WORDS and "sftp" in words


def _args_text(call: cst.Call) -> str:
    """The text a call's arguments spell: names, string literals and the literal parts of f-strings."""
    parts: list[str] = []
    for arg in call.args:
        value = arg.value
        if type(value) is cst.FormattedString:
            parts.append("".join(p.value for p in value.parts if type(p) is cst.FormattedStringText))
        else:
            parts.append(n.dotted(value) or n.string_value(value) or "")
    return " ".join(parts)


_HTTP_DELETES = frozenset({"requests.delete", "httpx.delete"})  # deleting through someone's API
# Temporary files, and the lock and pid files a job holds while it runs (`os.remove(LOCK_PATH)`).
_TEMPORARY = re.compile(r"te?mp|(?<![a-z])lock(?:file|s)?(?![a-z])|\.pid\b|pid_?file", re.IGNORECASE)


_RECREATE_CALLS = frozenset({"os.makedirs", "os.mkdir"})
# Routers built with a path prefix of their own (`APIRouter(prefix="/health")`)
_PREFIXED_ROUTERS = {
    "fastapi.APIRouter": "prefix",
    "fastapi.routing.APIRouter": "prefix",
    "flask.Blueprint": "url_prefix",
    "flask.blueprints.Blueprint": "url_prefix",
}
# Methods that write a document to the path they are given (openpyxl, pandas, matplotlib, Pillow)
_SAVE_METHODS = frozenset({"save", "to_csv", "to_excel", "to_parquet", "to_json", "savefig", "write_html"})


_NO_BASE = frozenset({"object", "builtins.object"})
_LOW_LEVEL_SERVERS = frozenset({"aiohttp.web.Server", "aiohttp.web_server.Server"})
# Django's regex routes, and a pattern of theirs every path matches (`""`, `^`, `^.*$`, `^(?P<path>.*)$`;
# not `^$`, the root alone)
_REGEX_ROUTES = frozenset({"django.urls.re_path", "django.conf.urls.url", "django.conf.urls.re_path"})
_CATCH_ALL_PATTERN = re.compile(r"\^?|\^?\(?(?:\?P<\w+>)?\.[*+]\)?/?\$?")
# A base class of these packages is theirs, not one of the project's (see `_request_handler`)
_FRAMEWORK_ROOTS = tuple(f"{module}." for module in sorted(WEB_MODULES))
_THREAD_STARTS = frozenset({"threading.Thread", "multiprocessing.Process", "_thread.start_new_thread"})
_TCP_SERVERS = frozenset({"socketserver.TCPServer", "socketserver.ThreadingTCPServer", "socketserver.ForkingTCPServer"})
_PROBE_HANDLER = re.compile(r"health|probe|liveness|readiness|alive", re.IGNORECASE)
_STDLIB_HANDLERS = frozenset({"BaseHTTPRequestHandler", "SimpleHTTPRequestHandler", "CGIHTTPRequestHandler"})
_PLAIN_DECORATORS = frozenset(
    {"staticmethod", "classmethod", "property", "cached_property", "lru_cache", "cache", "abstractmethod", "wraps"}
)
_INTERFACE_BASES = frozenset({"ABC", "abc.ABC", "typing.Protocol", "Protocol"})
# What a `__main__` block may call before its work, checking its input: a non-zero exit after
# only these is a usage error's, not the work's failure.
_INPUT_CHECKS = frozenset(
    {"len", "print", "str", "int", "float", "bool", "isinstance", "os.getenv", "os.environ.get", "sys.stderr.write"}
    | {"os.path.exists", "os.path.isfile", "os.path.isdir", "argparse.ArgumentParser", "dotenv.load_dotenv"}
    | {"sys.exit", "exit", "quit", "os._exit", "SystemExit"}
)
_INPUT_CHECK_METHODS = frozenset({"add_argument", "parse_args", "print_help", "print_usage", "error"})
_LOG_METHODS = frozenset({"debug", "info", "warning", "error", "critical"})


def _before_work(call: str) -> bool:
    owner, _, method = call.rpartition(".")
    return (
        call in _INPUT_CHECKS
        or method in _INPUT_CHECK_METHODS
        or (method in _LOG_METHODS and "log" in owner.rpartition(".")[2].lower())  # (`logger.error(...)`)
    )


def _exits_with_status(function: cst.FunctionDef, ctx: Context) -> bool:
    """A function that exits with a status it is given or a non-zero one (``def die(msg, code=1):
    print(msg); sys.exit(code)``), not ``sys.exit()`` or ``sys.exit(0)``."""
    defaults = {param.name.value: param.default for param in _all_params(function.params)}
    for node in n.descendants(function.body):
        if type(node) is cst.Call and ctx.resolve(n.callee(node)) in EXIT_CALLS and node.args:
            status = node.args[0].value
            if type(status) is cst.Name and status.value in defaults:
                default = defaults[status.value]  # (`code=1`: the status unless a caller gives another)
                if default is None:
                    return True  # (no default: the status each caller gives)
                status = default
            if not (n.int_value(status) == 0 or n.is_none(status) or n.is_false(status)):
                return True
    return False


def _has_call(node: cst.BaseExpression) -> bool:
    """``main()``, ``run(args) or 0``: an exit status that comes from calling something."""
    return type(node) is cst.Call or any(type(child) is cst.Call for child in n.descendants(node))


def _path_key(node: cst.Call, name: str, raw: str) -> str:
    """What a deletion or creation acts on, as written: its first argument, or the object a
    method is called on (``out.mkdir()``); ``""`` when it is not a plain name or literal."""
    args = n.positional(node)
    # (Dropbox's deletion too: `dbx.files_delete_v2(BACKUP_PATH)` acts on the path, not on the
    # client `dbx`; an object store's key is no local file, and stays keyed by its client)
    if (name in _DESTRUCTIVE_CALLS or name in _RECREATE_CALLS or raw.rpartition(".")[2] in _DROPBOX_DELETES) and args:
        value = args[0].value
        return n.dotted(value) or n.string_value(value) or _setting_key(value) or _built_path(value)
    receiver = raw.rpartition(".")[0]
    return receiver if receiver and "(" not in receiver else ""


def _built_path(node: cst.BaseExpression) -> str:
    """A path built from a literal and names, as written: ``f"{OUT}/report.csv"``,
    ``"{}/files/astros.csv".format(folder)``; ``""`` for anything else (a call's result in it)."""
    if type(node) is cst.FormattedString:
        parts = []
        for part in node.parts:
            if type(part) is cst.FormattedStringText:
                parts.append(part.value)
            elif type(part) is cst.FormattedStringExpression and (dotted := n.dotted(part.expression)):
                parts.append("{" + dotted + "}")
            else:
                return ""
        return "f" + "".join(parts)
    if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "format":
        template = n.string_value(node.func.value)
        names = [n.dotted(arg.value) for arg in node.args if arg.keyword is None and arg.star == ""]
        if template is not None and names and all(names) and len(names) == len(node.args):
            return f"{template}.format({', '.join(name or '' for name in names)})"
    return ""


def _setting_key(node: cst.BaseExpression) -> str:
    """A path read from a settings mapping by a literal key, as written (``settings["TMP_PATH"]``),
    or ``""``."""
    if type(node) is not cst.Subscript or len(node.slice) != 1:
        return ""
    index = node.slice[0].slice
    key = n.string_value(index.value) if type(index) is cst.Index else None
    owner = n.dotted(node.value)
    return f"{owner}[{key!r}]" if owner and key else ""


_OPEN_CALLS = frozenset({"open", "builtins.open", "io.open"})
# Bottle's methods adding a route by a call given its `callback=`
_CALLBACK_ROUTES = frozenset({"route", "get", "post", "put", "delete", "patch"})
# ... and those of Bottle's default app, imported by name (`from bottle import route`)
_BOTTLE_DEFAULT_ROUTES = frozenset({"bottle.route", "bottle.get", "bottle.post", "bottle.put", "bottle.delete"})
# A function named in text as its module and name, `"app.jobs.rates:refresh_rates"` (APScheduler's
# job references, entry points): the function's name
_TEXT_REF = re.compile(r"[A-Za-z_][\w.]*:([A-Za-z_]\w*)")
# Libraries with a `...Scheduler` class that is not the schedule library's (an `every` of theirs is no job).
_SCHEDULER_LIBRARIES = frozenset({"apscheduler", "sched", "rocketry", "celery", "dask", "distributed", "prefect"})
# Archives opened to be written (`tarfile.open(path, "w:gz")`): the file is made afresh, as by `open(path, "w")`.
_ARCHIVE_OPENS = frozenset({"tarfile.open", "zipfile.ZipFile", "gzip.open", "bz2.open", "lzma.open"})
_CURATOR_DELETES = frozenset({"curator.DeleteIndices", "curator.DeleteSnapshots"})
_COPY_CALLS = frozenset({"shutil.copyfile", "shutil.copy", "shutil.copy2"})
_FLASK_APPS = frozenset({"flask.Flask", "quart.Quart"})
# python-telegram-bot's JobQueue methods that run a callback again and again (not `run_once`).
_JOB_QUEUE_METHODS = frozenset({"run_repeating", "run_daily", "run_monthly", "run_custom"})


# Calls that hand a file they are given to someone else: a chat, an FTP server, an object store.
_SENDS = re.compile(
    r"send_?(?:document|file|photo|audio|video|voice|media_group)s?$|sendDocument$|sendfile$|stor(?:binary|lines)$|put_object$"
)
_HTTP_LIBRARIES = ("requests.", "httpx.", "aiohttp.")


def _ships(name: str, method: str, owner_ctor: str) -> bool:
    """A call that sends what it is given elsewhere: a chat's or a server's file upload, or an HTTP
    write by requests, httpx or aiohttp (`requests.put(url, data=f)`, `session.post(url, files=...)`)."""
    if _SENDS.match(method):
        return True
    return method in {"put", "post", "patch"} and (
        name.startswith(_HTTP_LIBRARIES) or owner_ctor.startswith(_HTTP_LIBRARIES)
    )


def _handles_sent(call: cst.Call, opened: dict[str, str]) -> set[str]:
    """The files whose open handles ``call`` is given, as an argument or a dict's value
    (``requests.post(url, files={"dump": f})``): ``opened`` maps a handle to its path."""
    out: set[str] = set()
    for arg in call.args:
        values = (
            [e.value for e in arg.value.elements if type(e) is cst.DictElement]
            if type(arg.value) is cst.Dict
            else [arg.value]
        )
        out.update(opened[name] for value in values if (name := n.dotted(value)) in opened)
    return out


def _writes_new(call: cst.Call) -> bool:
    """``open(path, "w")``, ``open(path, mode="xb")``: a file opened to be written from scratch."""
    args = n.positional(call)
    given = n.keyword(call, "mode")
    value = given.value if given is not None else args[1].value if len(args) > 1 else None
    mode = n.string_value(value) if value is not None else None
    return mode is not None and bool(set(mode) & {"w", "x"})


# Dropbox: a file or folder with all it holds (`dbx.files_delete_v2(path)`)
_DROPBOX_DELETES = frozenset({"files_delete", "files_delete_v2", "files_delete_batch", "files_permanently_delete"})
# Object-store and cloud API deletions (S3, Google Cloud Storage, Azure blobs; EC2 and RDS
# backups; Dropbox).
_CLOUD_DELETES = frozenset(
    {
        "delete_objects",
        "delete_object",
        "delete_bucket",
        "delete_blob",
        "delete_blobs",
        "delete_snapshot",
        "deregister_image",
        "delete_volume",
        "delete_db_snapshot",
        "delete_db_cluster_snapshot",
        "batch_delete_image",  # ECR
        "delete_log_group",
        "terminate_instances",  # EC2 instances and their instance-store data
        "release_address",  # an Elastic IP, gone for good once released
        "delete_access_key",  # IAM: a key whoever still uses it loses
        *_DROPBOX_DELETES,
    }
)


# boto3's resource collections whose items a job may delete (`s3.buckets.all()`, `ec2.volumes.filter(...)`),
# and what deletes one (`bucket.delete()`, `address.release()`, `instance.terminate()`, `image.deregister()`)
_CLOUD_COLLECTION = re.compile(
    r"\.(?:buckets|volumes|snapshots|images|instances|objects|object_versions|security_groups|key_pairs"
    r"|network_interfaces|vpc_addresses|classic_addresses|tables|db_instances)\.(?:all|filter|limit|page_size)$"
)
_CLOUD_ITEM_DELETES = frozenset({"delete", "release", "terminate", "deregister"})
# What builds a Docker SDK client (`docker.from_env()`, `docker.DockerClient(base_url=...)`)
_DOCKER_CLIENTS = frozenset(
    {"docker.from_env", "docker.DockerClient", "docker.client.from_env", "docker.client.DockerClient"}
)


# A factory building an app (and what goes with it): `create_app`, `make_app`, `build_application`
_APP_FACTORY = re.compile(r"_?(?:create|make|build|init|get)_(?:\w+_)?(?:app|application)s?")


def _cloud_listing(node: cst.BaseExpression) -> bool:
    """A boto3 resource collection (`s3.Bucket(b).objects.filter(...)`) or a Google Cloud Storage
    bucket's listing (`bucket.list_blobs()`, `client.list_blobs(name)`), also in `list(...)`,
    `filter(...)` or a comprehension over it: items whose `delete()` deletes them."""
    if type(node) is cst.Call and n.callee(node) in {"list", "sorted", "filter"} and node.args:
        node = node.args[-1].value if n.callee(node) == "filter" else node.args[0].value
    if (type(node) is cst.ListComp or type(node) is cst.GeneratorExp) and node.for_in.inner_for_in is None:
        node = node.for_in.iter  # (`[b for b in bucket.list_blobs() if b.time_created < cutoff]`)
    if type(node) is not cst.Call:
        return False
    callee = n.callee(node) or ""
    # (the Docker SDK's `client.containers.list(all=True)`: containers whose `remove()` deletes them)
    return bool(_CLOUD_COLLECTION.search(callee)) or callee.endswith(
        (".list_blobs", ".containers.list", ".volumes.list", ".networks.list")
    )


def _temporary_path(text: str) -> bool:
    """A path built in a temporary directory: a ``tmp``/``temp`` part (``/tmp/x.sql``,
    ``/var/tmp/...``), or one the tempfile module made."""
    return any(part.lower() in {"tmp", "temp", "tempfile"} for part in text.replace("\\", "/").split("/"))


def _destructive(name: str, raw: str, method: str, node: cst.Call, strings: dict[str, str]) -> str:
    """The kind of deletion a call performs, or ``""``: files, directories, rows, objects.
    (``strings``: what names and attributes were bound to, `self.unzip_path = "tmp/"`.)"""
    if name in _DESTRUCTIVE_CALLS or (method in {"unlink", "rmdir", "rmtree"} and "." in raw):
        written = [n.dotted(a.value) or n.string_value(a.value) or "" for a in node.args]
        # (`os.unlink(tf.name)`, `tf` a `tempfile.NamedTemporaryFile(delete=False)` it opened)
        args_text = " ".join(written + [strings.get(w, strings.get(w.removesuffix(".name"), "")) for w in written])
        # (`object_path.unlink()`, `object_path` a path in a temporary directory)
        args_text += " " + strings.get(raw.rpartition(".")[0], "")
        if _TEMPORARY.search(args_text + " " + raw.rpartition(".")[0]):
            return ""  # cleaning up one's own temporary files
        return name if name in _DESTRUCTIVE_CALLS else f"{method}()"
    if method in _CLOUD_DELETES or (
        method in {"delete_many", "drop_collection", "drop_database"} and "." in raw  # pymongo, motor
    ):
        return f"{method}()"
    if method == "deregister" and re.search(r"(?:^|_)(?:image|ami)s?$", raw.rpartition(".")[0], re.IGNORECASE):
        return "deregister()"  # boto3's EC2 resource: `image.deregister()` deletes an AMI
    if method == "terminate" and re.search(r"(?:^|\.)instances(?:\.(?:filter|all)\(\))?$", raw.rpartition(".")[0]):
        return "terminate()"  # boto3's EC2 resource: `ec2.instances.filter(InstanceIds=ids).terminate()`
    if method == "delete_function" and "FunctionName" in n.keywords(node):
        return "delete_function()"  # AWS Lambda: a function, or one of its versions (`Qualifier`, an ARN)
    if method == "prune" and re.search(r"(?:^|\.)(?:images|containers|volumes|networks)$", raw.rpartition(".")[0]):
        return "prune()"  # the Docker SDK: `client.images.prune(...)` deletes every image it matches
    if method in {"prune_images", "prune_containers", "prune_volumes", "prune_networks", "prune_builds"} and "." in raw:
        return f"{method}()"  # the Docker SDK's low-level `APIClient`: the same prunes
    if method == "drop_all" and "." in raw:
        return "drop_all()"  # SQLAlchemy: `db.drop_all()`, `Base.metadata.drop_all(engine)` drop every table
    if method.startswith(("delete_namespace", "delete_collection_")):  # the Kubernetes API client
        return f"{method}()"
    if method == "delete" and raw.endswith((".objects.delete", ".object_versions.delete")):
        return "delete()"  # boto3's batch action: `bucket.object_versions.delete()` empties the bucket
    if method == "delete" and raw.endswith(".indices.delete"):
        return "indices.delete()"  # Elasticsearch/OpenSearch: `es.indices.delete(index=name)`
    if method == "delete" and "." in raw and {"name", "namespace"} <= set(n.keywords(node)):
        return "delete()"  # the Kubernetes/OpenShift dynamic client: `resources.delete(name=..., namespace=...)`
    if method in {"remove_torrent", "torrents_delete", "remove", "delete"} and (
        any(
            arg.keyword is not None and arg.keyword.value in {"delete_data", "delete_files"} and _is_true(arg.value)
            for arg in node.args
        )
        # (transmission-rpc's `remove_torrent(ids, delete_data)` by position)
        or (method == "remove_torrent" and len(n.positional(node)) >= 2 and _is_true(n.positional(node)[1].value))
    ):
        # transmission-rpc's `remove_torrent(id, delete_data=True)`, qbittorrent-api's
        # `torrents_delete(delete_files=True, ...)`: the downloaded files go with the torrent
        return f"{method}(delete_data)"
    if name in _HTTP_DELETES:
        return "HTTP DELETE"
    if name in {"sqlalchemy.delete", "sqlalchemy.sql.delete", "sqlalchemy.sql.expression.delete", "sqlmodel.delete"}:
        return "SQL DELETE"  # `session.execute(delete(Lesson).where(...))`
    if method == "delete" and (".objects." in raw or "()." in raw or raw.endswith(".query.delete")):
        return "ORM delete()"
    return ""


def literal_key(value: str) -> str:
    """A short hash standing for a string literal (facts never need the literal itself)."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Modal's application objects (`modal.Stub`, its name before 0.57)
_MODAL_APPS = frozenset({"modal.App", "modal.Stub"})


def _hooks(rules: Sequence[Any], hook: str) -> list[tuple[str, Callable[..., None]]]:
    """Each rule's ``hook`` it defines, by the rule's name."""
    return [(rule.name, getattr(rule, hook)) for rule in rules if _overrides(rule.__class__, hook)]


def _sample_calls(body: cst.BaseSuite) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The calls of a block given literal arguments only, a string among them (also through names
    the block binds to literals), and of those the ones given a sample file's name
    (``indexing("document.pdf", "incoming")``; see ``MainGuardFact.sample_calls``)."""
    bound: dict[str, str | None] = {}  # names the block binds to literals: the string, or None
    literal: dict[str, None] = {}
    found: dict[str, None] = {}
    for stmt in _block(body):
        for small in _smalls(stmt) or ():
            if type(small) is cst.Assign and len(small.targets) == 1 and type(small.targets[0].target) is cst.Name:
                name = small.targets[0].target.value
                if (text := n.string_value(small.value)) is not None or isinstance(
                    small.value, (cst.Integer, cst.Float)
                ):
                    bound[name] = text
                    continue
            value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
            if type(value) is not cst.Call or not value.args or (callee := n.callee(value)) is None:
                continue
            if any(arg.star for arg in value.args):
                continue
            strings: list[str] = []
            for arg in value.args:
                v = arg.value
                if (text := n.string_value(v)) is not None:
                    strings.append(text)
                elif type(v) is cst.Name and v.value in bound:
                    strings.extend(t for t in (bound[v.value],) if t is not None)
                elif not isinstance(v, (cst.Integer, cst.Float)) and not (
                    type(v) is cst.Name and v.value in {"True", "False", "None"}
                ):
                    break
            else:
                if strings:
                    literal[callee] = None
                if any(_SAMPLE_FILE.search(text) for text in strings):
                    found[callee] = None
    # (a try-out's shape: sample values set out in names, or several functions tried; not
    # `generate_report("weekly.xlsx")`, a job naming its output)
    shaped = any(text is not None for text in bound.values()) or len(literal) >= 2
    return tuple(literal), tuple(found) if shaped else ()


# A sample document's or medium's file name: what a try-out hands the function it tries (not a
# database, a log or a settings file, which a job may name as well)
_SAMPLE_FILE = re.compile(r"\.(?:pdf|png|jpe?g|gif|tiff?|bmp|webp|docx?|xlsx?|pptx?|mp[34]|wav|ogg|m4a|mov|avi)$", re.I)


def _literals(node: cst.CSTNode) -> list[str]:
    single = n.string_value(node)
    if single is not None:
        return [single]
    if n.is_collection(node):
        return [v for e in node.elements if (v := n.string_value(e.value)) is not None]
    return []


_ENV_READS = frozenset(
    {
        "os.getenv",
        "os.environ.get",
        "os.environ.setdefault",
        "environ.get",
        "decouple.config",
        "config",
        "env",
        "environ.Env",
        "os.environ.__getitem__",
    }
)


def _read_of(key: cst.BaseExpression) -> cst.Call:
    """``getenv(key)``: a read of the variable ``key`` names, for the rules' fallback hook (which
    take the key from a read's first argument), when the code tests or indexes ``os.environ``."""
    return cst.Call(func=cst.Name("getenv"), args=[cst.Arg(key)])


def _websocket_server(call: cst.Call, ctx: Context) -> bool:
    """``websockets.serve(handler, host, port)``: a server for as long as the block runs."""
    return API_CTORS.get(ctx.resolve(n.callee(call)) or "") == "websockets"


def _runs_in_init(stmt: cst.ClassDef) -> bool:
    """``class Consumer:`` whose ``__init__`` ends in ``self.channel.start_consuming()`` or a
    ``while`` loop: building one (``MyProcessor = Consumer()``) runs the work."""
    if type(stmt.body) is not cst.IndentedBlock:
        return False
    for item in stmt.body.body:
        if type(item) is cst.FunctionDef and item.name.value == "__init__":
            return any(
                type(node) is cst.While
                or (type(node) is cst.Call and (n.callee(node) or "").rpartition(".")[2] in BLOCKING_CONSUME)
                for node in n.descendants(item.body)
            )
    return False


def _class_fact(name: str, base: str) -> Callable[[int, int], tuple[str, str, str, int]]:
    return lambda line, col: ("class", name, base, line)


def _lambda_handler(params: cst.Parameters, filename: str, name: str) -> bool:
    """``def handler(event, context)``, ``def make_snapshots(event, _context)``: the signature AWS
    Lambda calls a Python function with, its parameters named as its documentation names them (and
    Google's first-generation background functions, also ``def on_upload(data, context)`` in the
    ``main.py`` Cloud Functions require)."""
    if params.kwonly_params or type(params.star_arg) is cst.Param or params.star_kwarg is not None:
        return False
    names = [param.name.value for param in (*params.posonly_params, *params.params)]
    first = {"event", "_event", "data"} if filename == "main.py" else {"event", "_event"}
    if "handler" in name.lower() or "lambda" in name.lower():
        first.add("events")  # (`def lambda_handler(events, context)`: the plural, as some write it)
    return len(names) == 2 and names[0] in first and names[1] in {"context", "_context"}


# Azure Functions' trigger types (the Python programming model with function.json): what a
# function's first parameter is annotated with says how the host runs it.
_AZURE_TRIGGERS = {
    "azure.functions.HttpRequest": "http",
    "azure.functions.TimerRequest": "timer",
    "azure.functions.QueueMessage": "event",
    "azure.functions.ServiceBusMessage": "event",
    "azure.functions.EventHubEvent": "event",
    "azure.functions.EventGridEvent": "event",
    "azure.functions.InputStream": "event",
    "azure.functions.DocumentList": "event",
    "azure.functions.KafkaEvent": "event",
}


def _azure_trigger(params: cst.Parameters, ctx: Context) -> str:
    """How the Functions host runs a function whose parameter is annotated with a trigger type:
    ``def main(req: func.HttpRequest) -> func.HttpResponse`` ("http"), ``def main(mytimer:
    func.TimerRequest)`` ("timer"), a queue message or an event ("event"); "" for other functions."""
    for param in _all_params(params):
        if param.annotation is not None:
            found = _AZURE_TRIGGERS.get(ctx.resolve(n.dotted(param.annotation.annotation)) or "")
            if found:
                return found
    return ""


# Keys of the event API Gateway (and a function URL) hands a Lambda function for an HTTP request;
# a queue's or a schedule's event has none of them (SQS bodies are under `Records`).
_HTTP_EVENT_KEYS = frozenset(
    {"body", "httpMethod", "queryStringParameters", "pathParameters", "requestContext", "rawPath", "routeKey"}
)
# Every key of such an event (payload formats 1.0 and 2.0): a handler that reads its `body` beside
# a key of none of them (`event["bucket_name"]`) is handed a payload of its own, by a direct call
# or a Step Functions state, whose `body` is that payload's.
_GATEWAY_EVENT_KEYS = _HTTP_EVENT_KEYS | {
    "resource",
    "path",
    "headers",
    "multiValueHeaders",
    "multiValueQueryStringParameters",
    "stageVariables",
    "isBase64Encoded",
    "version",
    "rawQueryString",
    "cookies",
}


# Keys of an EventBridge event (a schedule's, a rule's) that no HTTP request has
_SCHEDULE_EVENT_KEYS = frozenset({"detail", "detail-type", "time", "resources"})


def _bound_names(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The names an assignment, ``for`` or comprehension target binds (through tuples and lists)."""
    if n.is_sequence(target):
        return [name for element in target.elements for name in _bound_names(element.value)]
    return [target]


# What writes text out (a file, a terminal): SQL given to it is written for someone, not run
_TEXT_WRITES = frozenset({"write", "writelines", "echo", "secho"})
# fastapi-utils' decorator repeating a function on the app's event loop
_REPEAT_EVERY = frozenset({"fastapi_utils.tasks.repeat_every", "fastapi_utilities.repeat_every"})
# Statements that ignore what happened: `pass`, on to the next item, out of the loop.
_IGNORES = (cst.Pass, cst.Continue, cst.Break)
_IMPORTS = (cst.Import, cst.ImportFrom)  # (in a handler: what its report then calls)
# Statements a reporting helper's own code does not hold (see `_reporting_functions`)
_LEAVES_SCOPE = (cst.FunctionDef, cst.ClassDef, cst.For, cst.While, cst.Try, cst.With, cst.Global, cst.Nonlocal)


# A function named for a check: `check_port`, `is_alive`, `ping_host`, `host_reachable`, `port_open`
_PROBE_FUNCTION = re.compile(
    r"_?(?:(?:check|is|has|can|ping|probe|verify|test)(?:_|$)|\w*_(?:alive|reachable|online|open|up|available)$)"
)


def _answers_probe(body: cst.BaseSuite, handler: cst.BaseSuite) -> bool:
    """A ``try`` that ends returning ``True`` and a handler that only returns ``False``: a check
    whose failure is its answer (a port closed, a host down), which its caller tests."""
    statements = _block(body)
    last = _smalls(statements[-1]) if statements else None
    if not last:
        return False
    caught = _simple_block(handler)
    # (only a probe's calls: a socket opened and closed, a request made, a path looked at; not
    # `check_expired_subscriptions()` expiring rows and returning True)
    return (
        _returns_literal(last[-1], "True")
        and caught is not None
        and len(caught) == 1
        and _returns_literal(caught[0], "False")
        and all(
            (n.callee(node) or "").rpartition(".")[2] in _PROBE_CALLS
            for node in n.descendants(body)
            if type(node) is cst.Call
        )
    )


_PROBE_CALLS = frozenset(
    {"socket", "create_connection", "settimeout", "connect", "connect_ex", "close", "shutdown", "ping"}
    | {"get", "head", "urlopen", "raise_for_status", "getaddrinfo", "gethostbyname", "exists", "stat", "is_dir"}
    | {"login", "quit", "noop", "SMTP", "SMTP_SSL", "FTP", "Redis", "MongoClient", "server_info", "str", "int"}
)


def _returns_literal(small: cst.CSTNode, name: str) -> bool:
    return type(small) is cst.Return and type(small.value) is cst.Name and small.value.value == name


def _opens_state_file(body: cst.BaseSuite, written: Callable[[], frozenset[str]]) -> bool:
    """A ``try`` opening a file the job keeps its state in: one named for it (``open(STATUS_FILE)``,
    ``open("seen.json")``) that the module opens for writing too (``written()`` gives those names,
    read off the module's text only when asked: ``open(STATUS_FILE, "w")`` further down), empty on the first run (not an input it is given, ``open("repos.json")``,
    nor one it downloads first, ``open(PRICE_FILE, "w")``)."""
    names: list[str] = []
    for node in n.descendants(body):
        if type(node) is cst.Call and n.callee(node) in ("open", "io.open") and (args := n.positional(node)):
            first = args[0].value
            names.append(n.string_value(first) or (first.value if type(first) is cst.Name else ""))
    return (
        bool(names)
        and all(any(part in _STATE_WORDS for part in re.split(r"[\W_]+", n.snake(name))) for name in names)
        and all(name in written() for name in names)
    )


# `open(OUTBOX_FILE, "w")`, `open("seen.json", mode="a")`: a file the module writes, by the name it is given
_OPENED_FOR_WRITING = re.compile(
    r"""\bopen\(\s*(?:([A-Za-z_]\w*)|'([^'\n]*)'|"([^"\n]*)")\s*,\s*(?:mode\s*=\s*)?[rbt]?['"][rbt+]*[wax]"""
)


# The words of a state file's name (`STATUS_FILE`, `seen.json`, `outbox.json`; not `STATEMENT_CSV`)
_STATE_WORDS = frozenset(
    {"state", "status", "statuses", "seen", "cache", "last", "history", "processed", "posted", "sent", "progress"}
    | {"outbox", "pending", "done", "checkpoint", "cursor", "offset", "offsets"}
)


def _returns_empty(body: cst.BaseSuite) -> bool:
    """``except: return {}``: a handler that only hands back an empty container or text."""
    smalls = _simple_block(body)
    if smalls is None or len(smalls) != 1 or type(smalls[0]) is not cst.Return or smalls[0].value is None:
        return False
    value = smalls[0].value
    return (isinstance(value, (cst.List, cst.Dict, cst.Tuple, cst.Set)) and not value.elements) or (
        n.string_value(value) == ""
    )


# The path of the request a middleware or a view is given (`request.path`, Starlette's `request.url.path`)
_REQUEST_PATHS = frozenset({"request.path", "request.path_info", "request.url.path"})
# The modules whose code answers requests: a middleware or a view imports one of them
_ANSWERING_MODULES = WEB_MODULES | {"websockets", "litestar", "werkzeug", "asgiref"}
# What a middleware returns to let a request through to the app (an ASGI one's `self.app(scope, receive, send)`)
_PASSED_THROUGH = frozenset({"get_response", "call_next", "app"})


def _operands(test: cst.BaseExpression, operator: type[cst.BaseBooleanOp]) -> list[cst.BaseExpression]:
    """The parts of ``a and b and c`` (or of ``a or b``), the test itself when it is no such operation."""
    if type(test) is cst.BooleanOperation and type(test.operator) is operator:
        return [*_operands(test.left, operator), *_operands(test.right, operator)]
    return [test]


def _path_tests(test: cst.BaseExpression) -> list[cst.Comparison]:
    """The comparisons of a request's path a branch is taken on: ``request.path == "/healthz"``,
    also one part of an ``and`` (``request.method == "GET" and request.path == ...``) or every
    part of an ``or`` (``path == "/healthz" or path == "/healthz/"``)."""

    def of_path(part: cst.BaseExpression) -> bool:
        return (
            type(part) is cst.Comparison
            and len(part.comparisons) == 1
            and n.dotted(part.left) in _REQUEST_PATHS
            and isinstance(part.comparisons[0].operator, (cst.Equal, cst.In))
        )

    alternatives = _operands(test, cst.Or)
    if len(alternatives) > 1:
        found = [part for part in alternatives if type(part) is cst.Comparison and of_path(part)]
        return found if len(found) == len(alternatives) else []
    return [part for part in _operands(test, cst.And) if type(part) is cst.Comparison and of_path(part)][:1]


# Django's settings of the middleware every request passes (the second, before Django 1.10), and
# the calls that add to them (`MIDDLEWARE.insert(0, "...")` in production settings)
_MIDDLEWARE_SETTINGS = frozenset({"MIDDLEWARE", "MIDDLEWARE_CLASSES"})
_MIDDLEWARE_ADDS = frozenset(
    f"{setting}.{method}" for setting in _MIDDLEWARE_SETTINGS for method in ("insert", "append")
)

# An event loop stopped by the code, as a call's callee (`loop.stop`, `asyncio.get_running_loop().stop`)
_LOOP_STOPPED = re.compile(r"(?:[\w.]*\.)?(?:\w*loop|get_(?:running|event)_loop\(\))\.stop")

# A thread's wait for a signal (the handler of a process that blocks its signals)
_SIGNAL_WAITS = frozenset({"signal.sigwait", "signal.sigwaitinfo", "signal.sigtimedwait", "signal.pause"})

# What a cursor's run is kept for: the rows it changed (`deleted = db.execute("DELETE ...").rowcount`)
_ROW_COUNTS = frozenset({"rowcount", "lastrowid"})

# Objects built to hold a command line's commands (`cli = FlaskGroup(create_app)`, `app = typer.Typer()`)
_COMMAND_GROUPS = frozenset(
    {"typer.Typer", "click.Group", "click.core.Group", "flask.cli.FlaskGroup", "flask.cli.AppGroup"}
)


def _only_computes(body: cst.BaseSuite, ctx: Context) -> bool:
    """A ``try`` body that only reads, converts and formats values (``return self.cache[key]``,
    ``int(text)``, ``" ".join(t.get("plain_text", "") for t in parts)``): what it can raise is a
    missing key or a malformed value, not the work's own failure. Calls of the builtins and methods
    of :data:`_PURE_BUILTINS` and :data:`_PURE_METHODS` only (not a module's function of the same
    name, ``requests.get``, nor a helper of the file, ``def get(url)``, nor a method of an object a
    library built or named for a client, ``session.get``); nothing awaited, opened or yielded."""
    for node in n.descendants(body):
        if type(node) in (cst.Await, cst.Yield, cst.With, cst.Import, cst.ImportFrom, cst.Global, cst.Nonlocal):
            return False
        if type(node) is cst.Call and not _computes(node, ctx):
            return False
    return True


def _shows_only(small: cst.BaseSmallStatement, ctx: Context) -> bool:
    """A print or log statement whose arguments only format what is already there: a response's
    body decoded (``r.json()``), ``json.dumps``, the calls :func:`_computes` allows (not
    ``print(latest_commits(name))``, which does the work it shows)."""
    call = small.value if type(small) is cst.Expr else None
    if type(call) is not cst.Call:
        return False
    target = n.keyword(call, "file")
    if target is not None and n.dotted(target.value) not in {"sys.stdout", "sys.stderr"}:
        return False  # (`print(json.dumps(r.json()), file=out)`: data written to a file)
    for arg in call.args:
        for inner in (arg.value, *n.descendants(arg.value)):
            if type(inner) is not cst.Call:
                continue
            decoded = type(inner.func) is cst.Attribute and inner.func.attr.value == "json" and not inner.args
            if not (decoded or ctx.resolve(n.callee(inner)) == "json.dumps" or _computes(inner, ctx)):
                return False
    return True


def _computes(call: cst.Call, ctx: Context) -> bool:
    """A call :func:`_only_computes` allows."""
    func = call.func
    if type(func) is cst.Name:
        name = func.value
        if name in ctx.aliases or name in ctx.local_functions:
            return (ctx.resolve(name) or "") in _PURE_FUNCTIONS  # (not a helper of the file, `def get(url)`)
        return name in _PURE_BUILTINS
    if type(func) is not cst.Attribute:
        return False
    owner, method = n.dotted(func.value), func.attr.value
    if method == "get" and any(
        arg.keyword is not None and arg.keyword.value not in _LOOKUP_KEYWORDS for arg in call.args
    ):
        return False  # (`s.get(url, timeout=20)`: a request's keywords, which no lookup's `get` takes)
    if owner is None:
        return method in _PURE_METHODS  # (`" ".join(parts)`, `text.strip().lower()`)
    if owner.partition(".")[0] in ctx.aliases:
        return (ctx.resolve(f"{owner}.{method}") or "") in _PURE_FUNCTIONS
    # (a value the code computed, `date = prop.get("date")`, not a library's client, `session =
    # requests.Session()`, nor one named for a client, `session.get(url)` on a parameter)
    ctor = ctx.object_ctor(owner) or ""
    return (
        method in _PURE_METHODS
        and ctor.partition(".")[0] not in ctx.aliases
        and not _CLIENT_NAME.fullmatch(n.snake(owner.rpartition(".")[2]).rpartition("_")[2])
    )


# Methods that compute a value from the values they are given (a lookup, formatting; the builtins
# are `_PURE_BUILTINS`): a failure there is the data's shape
_PURE_METHODS = frozenset(
    {"get", "join", "split", "strip", "rstrip", "lstrip", "lower", "upper", "replace", "items", "keys", "values"}
    | {"startswith", "endswith", "strftime", "isoformat", "splitlines", "title", "format"}
)
# ... and a module's functions that convert a field (not `json.loads(body)`: the whole input read)
_PURE_FUNCTIONS = frozenset(
    {"datetime.datetime.strptime", "datetime.datetime.fromisoformat", "datetime.date.fromisoformat"}
    | {"decimal.Decimal", "uuid.UUID"}
)
# The keywords a lookup's `get` takes (configparser's `fallback=`, `raw=`, `vars=`; a cache's
# `default=`): any other makes it a request (`s.get(url, timeout=20)` on a session named `s`)
_LOOKUP_KEYWORDS = frozenset({"fallback", "raw", "vars", "default"})
# Names of the objects that talk to a server, by their last word (`http_session`, not `api_data`):
# their `get` is a request
_CLIENT_NAME = re.compile(r"sess|session|client|http|api|conn|connection|browser|driver|requests?|scraper")
# Log levels that note or warn, not report an error
_NOTE_LEVELS = (_LOG_METHODS - {"error", "critical"}) | {"warn"}
# Words a printed message says a failure with
_SAYS_FAILED = re.compile(r"error|fail|exception|could not|couldn't|cannot|can't|unable", re.IGNORECASE)


def _hands_back_default(body: cst.BaseSuite) -> bool:
    """``except: return None`` (or a literal, or a name), or ``pass``: a handler that gives a
    default and reports nothing."""
    smalls = _simple_block(body)
    return smalls is not None and len(smalls) == 1 and _gives_default(smalls[0])


def _gives_default(small: cst.BaseSmallStatement) -> bool:
    """``return None`` (or a literal, a name, ``self.default``, an empty container, a tuple of
    these: ``return None, None``), or ``pass``."""
    if type(small) is cst.Pass:
        return True
    return type(small) is cst.Return and (small.value is None or _default_value(small.value))


def _default_value(value: cst.BaseExpression) -> bool:
    """A value handed back in a failure's place: ``None``, a number (``-1``, ``0.0``), a text, a
    name or an attribute (``self.default``), an empty container, or a tuple of these."""
    if type(value) is cst.UnaryOperation and type(value.operator) is cst.Minus:
        value = value.expression
    if type(value) in (cst.Name, cst.Integer, cst.Float, cst.SimpleString):
        return True
    if type(value) is cst.Attribute:
        return n.dotted(value) is not None
    if type(value) is cst.Tuple and value.elements:
        return all(_default_value(element.value) for element in value.elements)
    return isinstance(value, (cst.List, cst.Dict, cst.Tuple, cst.Set)) and not value.elements


def _only_passes(body: cst.BaseSuite) -> bool:
    """``except IOError: pass`` (or ``continue``, ``break``): a handler that ignores on purpose."""
    smalls = _simple_block(body)
    return smalls is not None and all(isinstance(small, _IGNORES) for small in smalls)


def _reads_http_event(function: cst.FunctionDef) -> bool | None:
    """A Lambda handler that reads its event as an HTTP request: ``event["body"]``,
    ``event.get("queryStringParameters")``; None where it reads it as something else: records
    (``event["Records"]``), a loop's items or an EventBridge event's keys (``event["detail"]``)."""
    event = _all_params(function.params)[0].name.value
    keys: set[str] = set()
    warm: set[str] = set()  # (keys read only to recognise a warm-up ping)
    rebound = False
    for node in n.descendants(function.body):
        if type(node) is cst.For and event in {n.dotted(t) for t in _bound_names(node.target)}:
            return None  # `for event in event["Records"]`: the name holds each record in turn
        key = _event_key(node, event)
        if key == "Records":
            # `event["Records"]`, `"Records" in event`: an SQS, SNS, S3 or DynamoDB event, whose
            # items carry a `body`, not a request
            return None
        if key is not None:
            keys.add(key)
        if (tested := _warm_up_key(node, event, key)) is not None:
            warm.add(tested)
        rebound = rebound or (type(node) is cst.Assign and any(n.dotted(t.target) == event for t in node.targets))
    if keys & (_HTTP_EVENT_KEYS - {"body"}):
        return True
    if (keys - warm) & _SCHEDULE_EVENT_KEYS:
        return None  # `event["detail"]`, `event.get("time")`: an EventBridge event, a rule's or a schedule's
    if "body" not in keys:
        return False
    # `event["body"]` beside keys no API Gateway event has (`event["bucket_name"]`) is a payload
    # of the function's own, unless the handler reads the rest from the body (`event =
    # json.loads(event["body"])`); a warm-up ping's mark is no key of the payload
    # (`event.get("source") == "serverless-plugin-warmup"`, lambda-warmer's `event.get("warmer")`)
    return rebound or keys - warm <= _GATEWAY_EVENT_KEYS


# What an EventBridge rule's event says of itself: a rule that keeps an API's function warm
# (`if event.get("source") == "aws.events": return`).
_SCHEDULED_EVENT_MARKS = frozenset({"scheduled event", "aws.events"})


def _warm_up_key(node: cst.CSTNode, event: str, key: str | None) -> str | None:
    """The key a warm-up test reads: one compared with a string that says "warm" or marks an
    EventBridge rule's event (`event.get("source") == "serverless-plugin-warmup"`), or one named
    so. (``key``: the key ``node`` itself reads, see :func:`_event_key`.)"""
    if type(node) is cst.Comparison and len(node.comparisons) == 1:
        sides = (node.left, node.comparisons[0].comparator)
        marks = [(n.string_value(side) or "").lower() for side in sides]
        if any("warm" in mark or mark in _SCHEDULED_EVENT_MARKS for mark in marks):
            return next((found for side in sides if (found := _event_key(side, event)) is not None), None)
    return key if key is not None and "warm" in key.lower() else None


# What turns a Lambda function's event into a web framework's request (Slack's events arrive
# over HTTP too)
_HTTP_ADAPTERS = frozenset(
    {
        "mangum.Mangum",
        "serverless_wsgi.handle_request",
        "awsgi.response",
        "apig_wsgi.make_lambda_handler",
        "slack_bolt.adapter.aws_lambda.SlackRequestHandler",
    }
)


def _answers_http(function: cst.FunctionDef, ctx: Context) -> bool:
    """A Lambda handler that answers an HTTP request whatever it reads: it builds a response
    with the headers a browser's cross-origin request needs (``{"statusCode": 200, "headers":
    {"Access-Control-Allow-Origin": "*"}, "body": ...}``), or hands the event to a web adapter
    (``SlackRequestHandler(app=app).handle(event, context)``, ``Mangum(app)``). A status, a
    body and a ``Content-Type`` are no sign: scheduled functions copy them from templates."""
    dicts: dict[str, cst.Dict] = {}  # (`headers = {...}` bound first, `"headers": headers`)
    for node in n.descendants(function.body):
        if type(node) is cst.Call and ctx.resolve(n.callee(node)) in _HTTP_ADAPTERS:
            return True
        if (
            type(node) is cst.Assign
            and type(node.value) is cst.Dict
            and len(node.targets) == 1
            and type(target := node.targets[0].target) is cst.Name
        ):
            dicts[target.value] = node.value
        if type(node) is not cst.Dict:
            continue
        keys = {n.string_value(e.key): e.value for e in node.elements if type(e) is cst.DictElement}
        headers = keys.get("headers")
        if type(headers) is cst.Name:
            headers = dicts.get(headers.value)
        if "statusCode" in keys and type(headers) is cst.Dict:
            names = {(n.string_value(e.key) or "").lower() for e in headers.elements if type(e) is cst.DictElement}
            if any(h.startswith("access-control-") for h in names):
                return True
    return False


def _event_key(node: cst.CSTNode, event: str) -> str | None:
    """The key a node reads from the event: ``event["body"]``, ``event.get("body")``,
    ``"Records" in event``."""
    key: cst.BaseExpression | None = None
    if type(node) is cst.Subscript and n.dotted(node.value) == event and len(node.slice) == 1:
        index = node.slice[0].slice
        key = index.value if type(index) is cst.Index else None
    elif type(node) is cst.Call and n.dotted(node.func) == f"{event}.get" and node.args:
        key = node.args[0].value
    elif type(node) is cst.Comparison and len(node.comparisons) == 1:
        target = node.comparisons[0]
        if type(target.operator) is cst.In and n.dotted(target.comparator) == event:
            key = node.left
    return n.string_value(key) if key is not None else None


_CLOUD_FUNCTION_DECORATORS = {
    "functions_framework.http": "http",
    "functions_framework.cloud_event": "event",
    "functions_framework.typed": "http",
}
# What a Flask request offers that an HTTP Cloud Function reads.
_REQUEST_READS = frozenset({"get_json", "args", "form", "json", "method", "get_data", "values", "data", "files"})


def _reads_http_request(function: cst.FunctionDef) -> bool:
    """``def insert(request): body = request.get_json()``: the one parameter Google Cloud
    Functions (first generation) hands an HTTP function, read as a request."""
    params = function.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params:
        return False
    if type(params.star_arg) is cst.Param or params.star_kwarg is not None:
        return False
    if params.params[0].name.value != "request":
        return False
    for node in n.descendants(function.body):
        if type(node) is cst.Attribute and n.dotted(node.value) == "request" and node.attr.value in _REQUEST_READS:
            return True
    return False


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if type(star) is cst.Param:
            found.append(star)
    return found


def _env_default(node: cst.Call) -> cst.BaseExpression | None:
    """The fallback of an environment read: ``getenv(K, D)``, ``environ.get(K, D)``, ``config(K, default=D)``."""
    keyword = n.keyword(node, "default")
    if keyword is not None:
        return keyword.value
    args = n.positional(node)
    return args[1].value if len(args) >= 2 else None


@functools.cache  # (asked for every rule and hook of every file)
def _overrides(kind: type, hook: str) -> bool:
    from readiness_lint.checks.base import LineRule

    return getattr(kind, hook) is not getattr(LineRule, hook)


_BINANCE_MANAGERS = frozenset(
    {
        "binance.ThreadedWebsocketManager",
        "binance.streams.ThreadedWebsocketManager",
        "binance.ThreadedDepthCacheManager",
    }
)
_MASTODON_STREAMS = frozenset(
    {"stream_user", "stream_public", "stream_local", "stream_hashtag", "stream_list", "stream_direct"}
)
_SQLALCHEMY_TABLES = frozenset({"sqlalchemy.Table", "sqlalchemy.schema.Table", "sqlalchemy.sql.schema.Table"})
_BEAT_SETTINGS = frozenset({"CELERY_BEAT_SCHEDULE", "CELERYBEAT_SCHEDULE", "beat_schedule"})


def _task_framework(resolved: str) -> str:
    if resolved.startswith("dramatiq") or resolved.endswith(".actor"):
        return "dramatiq"
    if resolved.startswith("huey") or "periodic_task" in resolved or "db_task" in resolved:
        return "huey"
    if resolved == "crython.job":
        return "crython"  # (a timetable of crython's, kept in the process that starts it)
    if resolved.endswith(".job"):
        return "rq"
    return "celery"


# Functions and methods that run a program's main loop.
_RUN_METHOD_NAMES = frozenset({"run", "main", "start", "serve", "run_forever", "listen", "start_listening"})
# The loop variable of attempts (`for attempt in range(5)`, `for _ in range(retries)`), not of
# items (`for page in range(1, pages)`, `for shard in range(n)`).
_ATTEMPT_NAME = re.compile(r"^_+$|attempt|retr(?:y|ies)|^tr(?:y|ies)$|^n?_?tries$", re.IGNORECASE)
_CLI_ENV_OPTIONS = frozenset({"click.option", "click.Option", "typer.Option", "typer.Argument", "click.argument"})
# A metrics client wrapped by a shared library (notifications_utils.clients.statsd.statsd_client).
_METRICS_PART = re.compile(r"(?:^|\.)\w*(?:statsd|prometheus)\w*(?:\.|$)", re.IGNORECASE)
# ... but not one that reads from Prometheus (`prometheus_api_client`, a `prometheus_fetch` module)
_METRICS_READ = re.compile(r"prometheus_?(?:api_client|fetch|query|reader|read)", re.IGNORECASE)
# A library's or framework's own logging set-up, called by name.
_LOGGING_SETUP = re.compile(
    r"(?:^|\.)(?:setup|configure|config|init|initialize|install)_?logg(?:ing|er)s?$|(?:^|\.)logging\.init_app$"
)


@functools.lru_cache(maxsize=8192)  # (asked of every call's name)
def _sets_up_logging(name: str) -> bool:
    return _LOGGING_SETUP.search(name) is not None


# Health blueprints from libraries, and the routes they add under their prefix.
_LIBRARY_HEALTH_ROUTES = {"flask_healthz.healthz": ("/live", "/ready"), "flask_healthz.bp": ("/live", "/ready")}


_RUN_FLAG = re.compile(
    r"(?:^|_)(?:running|alive|keep_running|keep_going|flag|working)$|^_?(?:is|do|should)_run$", re.IGNORECASE
)
_STOP_FLAG = re.compile(
    r"(?:^|_)(?:stop|stopped|stopping|shutdown|shutting_down|exit|exiting|terminate|terminated|killed)"
    r"(?:_requested|_event|_flag)?$",
    re.IGNORECASE,
)


def _stop_requested(test: cst.BaseExpression) -> bool:
    """``stop_event.is_set()``, ``self._shutdown``: the test of a stop flag being set."""
    if type(test) is cst.Call and (n.callee(test) or "").endswith(".is_set"):
        test = test.func.value if type(test.func) is cst.Attribute else test
    name = (n.dotted(test) or "").rpartition(".")[2] if isinstance(test, (cst.Name, cst.Attribute)) else ""
    return bool(_STOP_FLAG.search(name))


def _stop_set_elsewhere(test: cst.BaseExpression) -> bool:
    """:func:`_stop_requested` on an event (``stop_event.is_set()``) or an attribute
    (``self._shutdown``): set by another thread or a handler, not a local the loop computes."""
    return (type(test) is cst.Call or type(test) is cst.Attribute) and _stop_requested(test)


def _sleeps_until_stopped(test: cst.BaseExpression, ctx: Context, set_by_work: Callable[[str], bool]) -> bool:
    """``stop.wait(60)``, ``self._stop.wait(self.interval)`` (:func:`_timed_event_wait`) on an
    event that no work sets: not the loop's own rounds (`done.set()` in the loop), nor a thread
    started before the loop whose function sets it (see `Extractor._set_by_work`)."""
    if type(test) is not cst.Call or type(test.func) is not cst.Attribute:
        return False
    event = n.dotted(test.func.value)  # (`stop`, `self._stop`)
    return (
        event is not None
        and _timed_event_wait(test, ctx.resolve(f"{event}.wait") or "", ctx)
        and not set_by_work(event)
    )


def _leaves_after_notes(body: cst.BaseSuite) -> bool:
    """A block ending in ``break`` or a bare ``return``, the statements before it calls only
    (``log.info("stop requested"); break``)."""
    smalls = _simple_block(body)
    return (
        smalls is not None
        and _ends_round(smalls[-1])
        and all(type(small) is cst.Expr and type(small.value) is cst.Call for small in smalls[:-1])
    )


def _only_leaves(body: cst.BaseSuite) -> bool:
    """A block of one ``break`` or bare ``return``."""
    smalls = _simple_block(body)
    return smalls is not None and len(smalls) == 1 and _ends_round(smalls[0])


def _ends_round(small: cst.BaseSmallStatement) -> bool:
    """``break``, or ``return`` with no value: the loop is over, nothing handed back."""
    return type(small) is cst.Break or (type(small) is cst.Return and small.value is None)


def _formats_text(call: cst.Call) -> bool:
    """``"Return code: {0}".format(r.status_code)``, ``str(r.status_code)``: text made for a report
    it is given to, what it reads only reported."""
    func = call.func
    if type(func) is cst.Attribute and func.attr.value == "format":
        return isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString))
    return type(func) is cst.Name and func.value in {"str", "repr", "format"}


# A flag named for the deletion it allows (`delete`, `args.remove`, `delete_files`, `do_purge`; not
# `to_delete`, `deleted`, a list of what to delete or a record of what was): its verb, then up to two words
_DELETE_FLAG_SHAPE = r"(?:(?:do|should|enable|allow)_)?(?:{verbs})(?:_[a-z]+){{0,2}}"
_DELETE_FLAG = re.compile(_DELETE_FLAG_SHAPE.format(verbs="delete|remove|purge|prune|cleanup|wipe"))
# A name or option for deleting that a test of the command line binds (`clean_logs = "--clean" in
# sys.argv`, `if "--clean" in sys.argv:`): also `clean`, which as a parsed option may be on by default
_ARGV_FLAG = re.compile(_DELETE_FLAG_SHAPE.format(verbs="delete|remove|purge|prune|clean(?:_?up)?|wipe"))


def _reads_argv(value: cst.BaseExpression, ctx: Context) -> bool:
    """A test of the command line that is on only when an option is given: a comparison reading
    ``sys.argv`` (``sys.argv[1] == "--clean"``, ``"--clean" in sys.argv``, also ``argv`` imported
    from ``sys``), alone or combined; not one on unless an option is given (``"--no-cleanup" not
    in sys.argv``, ``sys.argv[1] != "--keep"``)."""
    if type(value) is cst.BooleanOperation:
        # (either test for `or`, `sys.argv[1] == "--clean" or sys.argv[1] == "-c"`, but not `or` a
        # date, `... or date.today().day == 1`; one of them for `and`, which only narrows)
        if type(value.operator) is cst.Or:
            return _reads_argv(value.left, ctx) and _reads_argv(value.right, ctx)
        return _reads_argv(value.left, ctx) or _reads_argv(value.right, ctx)
    if type(value) is not cst.Comparison:
        return False
    reads = False
    for sub in (value, *n.descendants(value)):
        if type(sub) is cst.Comparison:
            if any(type(target.operator) not in (cst.Equal, cst.In, cst.GreaterThan) for target in sub.comparisons):
                return False
        elif (type(sub) is cst.SimpleString and (n.string_value(sub) or "").lstrip("-").startswith("no")) or (
            type(sub) is cst.UnaryOperation and type(sub.operator) is cst.Not
        ):
            return False
        elif (type(sub) is cst.Attribute or type(sub) is cst.Name) and not reads:
            reads = (ctx.resolve(n.dotted(sub)) or "") in {"sys.argv", "os.sys.argv"}
    return reads


def _on_by_default(value: cst.BaseExpression, ctx: Context) -> bool:
    """A setting on unless the environment says otherwise: an environment read compared with its
    own fallback (``getenv("CLEAN_OLD", "true") == "true"``, ``... in ("1", "true")``), or with a
    value other than its fallback, negated (``getenv("DELETE", "true") != "false"``)."""
    if type(value) is not cst.Comparison or len(value.comparisons) != 1:
        return False
    target = value.comparisons[0]
    operator = type(target.operator)
    for read, other in ((value.left, target.comparator), (target.comparator, value.left)):
        inner = read
        while type(inner) is cst.Call and type(inner.func) is cst.Attribute and not inner.args:
            inner = inner.func.value  # (`getenv(...).lower()`)
        if (
            type(inner) is not cst.Call
            or (ctx.resolve(n.callee(inner)) or "") not in {"os.getenv", "os.environ.get"}
            or len(inner.args) < 2
        ):
            continue
        fallback = (n.string_value(inner.args[1].value) or "").lower()
        compared = (
            {(n.string_value(e.value) or "").lower() for e in other.elements}
            if n.is_collection(other)
            else {(n.string_value(other) or "").lower()}
        )
        # (`== "true"`, `in ("1", "true")` with the fallback among them; `!= "false"` without it)
        if operator in (cst.Equal, cst.In):
            return fallback in compared
        if operator in (cst.NotEqual, cst.NotIn):
            return fallback not in compared
    return False


# What a name for a deletion's targets ends with (`delete_keys`, `remove_ids`: what to delete, not whether)
_DELETION_TARGETS = ("_list", "_keys", "_ids", "_paths", "_items", "_objects", "_names", "_set")
# What holds a parsed command line or options (`args.delete`, `opts.remove`)
_OPTION_HOLDERS = frozenset(
    {"args", "arguments", "options", "opts", "parsed", "parsed_args", "cli_args", "cli", "flags"}
)


def _records_failure(call: cst.Call, caught: str) -> bool:
    """``report.write(f"[!] {symbol} - Error: {e}")``: what was caught written as an error line into
    the text the job is writing, among its results. (Not a rejected row kept for someone to
    handle, ``rejects.writerow([row_id, str(e)])``: recorded, like a list of failures.)"""
    raw = n.callee(call) or ""
    owner, _, method = raw.rpartition(".")
    if method != "write" or not owner.isidentifier() or len(call.args) != 1:
        return False
    text = call.args[0].value
    if type(text) is not cst.FormattedString:
        return False
    return bool(_ERROR_WORDS.search(_printed_text(call).lower())) and any(
        type(sub) is cst.Name and sub.value == caught for sub in n.descendants(text)
    )


_ERROR_WORDS = re.compile(r"\b(?:error|failed|failure|exception)\b")


def _flag_compared(test: cst.Comparison) -> cst.BaseExpression:
    """A flag compared with ``True`` or ``False`` as the test it stands for: ``exit_flag == False``
    (also ``is False``, ``!= True``) as ``not exit_flag``, ``running == True`` as ``running``; any
    other comparison as it is."""
    if len(test.comparisons) != 1 or not isinstance(test.left, (cst.Name, cst.Attribute)):
        return test
    target = test.comparisons[0]
    value = target.comparator
    if type(value) is not cst.Name or value.value not in {"True", "False"}:
        return test
    if type(target.operator) in (cst.Equal, cst.Is):
        holds = value.value == "True"
    elif type(target.operator) in (cst.NotEqual, cst.IsNot):
        holds = value.value == "False"
    else:
        return test
    return test.left if holds else cst.UnaryOperation(operator=cst.Not(), expression=test.left)


def _until_stopped(test: cst.BaseExpression) -> bool:
    """A loop that runs until a flag is flipped (a signal handler's or ``stop()``'s): ``while
    self._running``, ``while not self._stop_event.is_set()``, ``while not shutdown_requested``."""
    if isinstance(test, (cst.Name, cst.Attribute)):
        return bool(_RUN_FLAG.search((n.dotted(test) or "").rpartition(".")[2]))
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return _stop_requested(test.expression)
    return False


# Calls that start a server or a client's network loop running on its own: what a process then
# waits beside until a signal stops it (a thread's `start()` may be work the wait is for).
_BACKGROUND_STARTS = frozenset(
    {"listen", "start_http_server", "start_wsgi_server", "loop_start", "start_server", "serve_forever"}
)


def _star_exports() -> dict[str, tuple[str, ...]]:
    """The classes of app and worker frameworks, by module, that `from <module> import *` brings in."""
    out: dict[str, tuple[str, ...]] = {}
    for ctor in sorted({*API_CTORS, *WORKER_CTORS}):
        module, _, name = ctor.rpartition(".")
        if module and name[:1].isupper():
            out[module] = (*out.get(module, ()), name)
    return out


_STAR_EXPORTS = _star_exports()
# What a helper that fills python-telegram-bot's JobQueue at start-up is handed: the application.
_APPLICATION_NAMES = frozenset({"app", "application", "updater", "dispatcher"})
# Websocket client libraries whose connections' `recv()` waits for the next message.
_WEBSOCKET_CLIENTS = frozenset({"websockets", "websocket"})
_STOPS = frozenset({"KeyboardInterrupt", "SystemExit", "CancelledError", "asyncio.CancelledError"})
# What a start-up helper may be handed beside the application: its settings, not a user's chat
_SETTINGS_PARAMS = frozenset({"settings", "config", "cfg", "conf", "options", "opts", "db", "database"})


def _stops_or_fails(handler: cst.ExceptHandler, ctx: Context) -> bool:
    """A handler a poller leaves its loop through and is still a poller: stopped by hand or by
    cancellation, or giving up on a failure it reports (`except Exception as e: alert(e); break`).
    `except Exception: print("no more"); break` is how a loop ends when there is no more (a button
    gone): the exception is not the news."""
    names = _exception_names(handler.type, ctx) if handler.type is not None else {"Exception"}
    if names <= _STOPS:
        return True
    # (the failure reported: the handler passes on the exception it caught, `alert(str(e))`)
    bound = handler.name.name.value if handler.name is not None and type(handler.name.name) is cst.Name else None
    if not names <= _STOPS | {"Exception", "BaseException"}:
        return False
    if bound is not None and any(
        type(node) is cst.Name and node.value == bound for node in n.descendants(handler.body)
    ):
        return True
    # (a failure that makes the poller close its connections and leave: `except: client.loop_stop();
    # client.disconnect(); break`)
    smalls = _simple_block(handler.body) or []
    return any(_cleans_up(small, _DISCONNECTS) for small in smalls) and all(
        _cleans_up(small, _DISCONNECTS) or isinstance(small, (cst.Break, cst.Return)) or _reports(small)
        for small in smalls
    )


def _reports(small: cst.BaseSmallStatement) -> bool:
    call = _small_call(small)
    return call is not None and _is_report_call(n.callee(call) or "")


def _says_nothing_to_do(body: cst.CSTNode) -> bool:
    """A block whose text says another run is going, or there is nothing to do."""
    return any(_NOTHING_TO_DO.search(text) for text in _texts(body))


def _counts_past_limit(test: cst.BaseExpression) -> bool:
    """``attempts > 5``, ``failures >= MAX_FAILURES``: a count of failures past its limit (not
    ``r.status_code != 200``, a page that ends a paginated read)."""
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return False
    operator = test.comparisons[0].operator
    return isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual)) and bool(
        re.search(r"attempt|retr|fail|error|tries|reconnect|count", n.dotted(test.left) or "", re.IGNORECASE)
    )


def _errs_then_breaks(block: cst.BaseSuite, ctx: Context) -> bool:
    """A block of reports, one of them an error, that ends with ``break`` (or ``return`` with no value)."""
    smalls = _simple_block(block) if type(block) is cst.IndentedBlock else None
    if not smalls or len(smalls) < 2:
        return False
    if not _ends_round(smalls[-1]):
        return False
    raws = [n.callee(call) or "" if (call := _small_call(small)) is not None else "" for small in smalls[:-1]]
    return all(raw and _is_report_call(raw) for raw in raws) and any(
        (ctx.resolve(raw) or raw).endswith(_ERROR_LEVELS) for raw in raws
    )


def _sleep_without_break(
    body: cst.CSTNode, ctx: Context, set_by_work: Callable[[str], bool] | None = None
) -> str | None:
    """The sleep call of a loop body that sleeps between rounds and has no ``break``/``return`` of
    its own (nested loops and functions aside): ``while True: work(); time.sleep(60)``.
    ``set_by_work`` says whether an event the loop waits on is set when some work is done (see
    `Extractor._set_by_work`)."""
    sleep: str | None = None
    # (leaving on Ctrl-C, `except KeyboardInterrupt: return`, is how a forever loop is stopped by
    # hand; leaving on any failure, `except Exception: alert(); break`, ends a poller that otherwise
    # runs for ever; `except StopIteration: break` is a drain that runs out)
    # (nor does giving up after an error logged, `if attempts > 5: log.error("Too many
    # reconnection attempts"); break`)
    by_hand = {
        id(inner)
        for node in n.descendants(body, skip=(cst.For, cst.While))
        if (type(node) is cst.ExceptHandler and _stops_or_fails(node, ctx))
        or (type(node) is cst.If and _counts_past_limit(node.test) and _errs_then_breaks(node.body, ctx))
        # (`if stop_event.is_set(): break` after the wait: stopped when told, as the loop's own test)
        or (type(node) is cst.If and _stop_set_elsewhere(node.test) and _only_leaves(node.body))
        # (`if stop.wait(timeout=1800): break`: the poller's sleep, which ends it when told; not an
        # event its own rounds set, `done.set()` in the loop)
        or (
            type(node) is cst.If
            and set_by_work is not None
            and _sleeps_until_stopped(node.test, ctx, set_by_work)
            and _leaves_after_notes(node.body)
        )
        for inner in n.descendants(node.body)
    }
    for node in n.descendants(body, skip=(cst.For, cst.While)):
        if type(node) in (cst.Break, cst.Return) and id(node) not in by_hand:
            return None
        if type(node) is cst.Call:
            name = ctx.resolve(n.callee(node)) or ""
            if name.rpartition(".")[2] in ("run_pending", "run_all"):
                return None  # the `schedule` library's loop: a scheduler, judged as a job
            if name in SLEEPS and sleep is None:
                sleep = name
            elif sleep is None and _timed_event_wait(node, name, ctx):
                sleep = TIMED_WAIT
    if sleep is None and type(body) is cst.IndentedBlock:
        # `while True: while not queue: time.sleep(2); handle(queue)`: waiting for the next message
        for stmt in body.body:
            if type(stmt) is cst.While and stmt.orelse is None:
                smalls = _simple_block(stmt.body)
                if smalls is None:
                    continue
                waits = [_small_call(small) for small in smalls]
                names = {ctx.resolve(n.callee(call)) if call is not None else None for call in waits}
                if len(names) == 1 and (found := names.pop()) in SLEEPS:
                    return found
        # `while True: for url in URLS: check(url); time.sleep(5)`: the rounds' sleep is the items'
        for stmt in body.body:
            if type(stmt) is cst.For and stmt.orelse is None and (found := _sleep_without_break(stmt.body, ctx)):
                return found
    return sleep


_EVENT_NAMES = re.compile(r"event|stop|exit|shutdown|quit|wake", re.IGNORECASE)


def _timed_event_wait(call: cst.Call, name: str, ctx: Context) -> bool:
    """``event.wait(60)``, ``stop.wait(timeout=interval)``: an Event (built as one, or named like
    one) waited on with a timeout, which is how a poller sleeps and still wakes when told to stop."""
    owner, _, method = name.rpartition(".")
    if method != "wait" or not owner or not call.args:
        return False
    ctor = ctx.object_ctor(owner) or ""
    return ctor.endswith("Event") or bool(_EVENT_NAMES.search(owner.rpartition(".")[2]))


_WEBSOCKET_CONNECTS = frozenset(
    {"websockets.connect", "websockets.client.connect", "websockets.asyncio.client.connect"}
)


def _websocket_stream(ctor: str | None, iterated: cst.BaseExpression, ctx: Context) -> bool:
    """What an ``async for`` iterates is a websocket client connection, or ``websockets.connect``'s
    reconnecting iterator itself."""
    if ctor is not None and (ctor in _WEBSOCKET_CONNECTS or ctor.endswith(".ws_connect")):
        return True
    return type(iterated) is cst.Call and (ctx.resolve(n.callee(iterated)) or "") in _WEBSOCKET_CONNECTS


# What a test for a run still going asks about, as a whole word of a name (`if os.path.exists(PIDFILE)`,
# `if lock.locked()`; not `blockchain`)
_OVERLAP = frozenset({"lock", "locked", "lockfile", "pid", "pidfile"})
_KAFKA_PRODUCERS = frozenset({"confluent_kafka.Producer", "confluent_kafka.SerializingProducer"})
_ERROR_LEVELS = (".error", ".exception", ".critical", ".fatal")
_THREAD_CTORS = frozenset({"threading.Thread"})
_PROCESS_CTORS = frozenset({"multiprocessing.Process", "multiprocessing.context.Process"})
_MQTT_CLIENTS = ("aiomqtt.", "asyncio_mqtt.")
_MQTT_STREAMS = frozenset({"messages", "filtered_messages", "unfiltered_messages"})


def _mqtt_messages(ctor: str | None, iterated: cst.BaseExpression, ctx: Context) -> bool:
    """What an ``async for`` iterates is an aiomqtt client's stream of messages: the attribute
    or call ``client.messages``, or a name bound to the call (``as messages``), ``client`` built
    from aiomqtt (or asyncio-mqtt) or a parameter annotated as one."""
    if type(iterated) is cst.Name:
        stream = ctor or ""  # (`messages`, bound by `async with client.messages() as messages`)
    else:
        stream = n.dotted(iterated.func if type(iterated) is cst.Call else iterated) or ""
    owner, _, method = stream.rpartition(".")
    if method not in _MQTT_STREAMS or not owner:
        return False
    # a client built here, or handed in under its type (`async def listen(client: aiomqtt.Client)`)
    built = ctx.built_by(owner)
    return built.startswith(_MQTT_CLIENTS)


def _handlers_of(value: cst.BaseExpression) -> bool:
    """``other.handlers``: another logger's configured handlers, handed to this one
    (``x.handlers = other.handlers``, ``x.handlers.extend(other.handlers)``); or a list of
    handlers built there (``logger.handlers = [logging.StreamHandler()]``), not a ``NullHandler``."""
    if type(value) is cst.List:
        return any(
            type(e.value) is cst.Call
            and (n.callee(e.value) or "").endswith("Handler")
            and not (n.callee(e.value) or "").endswith("NullHandler")
            for e in value.elements
        )
    return type(value) is cst.Attribute and value.attr.value == "handlers"


def _literal_forever(test: cst.BaseExpression) -> bool:
    """``while True:``, ``while 1:``."""
    return (type(test) is cst.Name and test.value == "True") or n.int_value(test) == 1


_SCHEMA_DDL = re.compile(r"\s*(?:CREATE|ALTER)\s", re.IGNORECASE)


def _schema_setup(call: cst.Call) -> bool:
    """``cursor.execute("CREATE TABLE ...")``: SQL that only sets up a schema (``CREATE``, ``ALTER``)."""
    if (n.callee(call) or "").rpartition(".")[2] not in {"execute", "executescript"}:
        return False
    args = n.positional(call)
    text = n.string_value(args[0].value) if args else None
    return text is not None and bool(_SCHEMA_DDL.match(text))


def _endless_stream(iterated: cst.BaseExpression, ctx: Context) -> str | None:
    """The loop source of a library's endless iterator, in a module importing the library: PRAW's
    ``x.stream.comments()``, ``x.stream.submissions()``, ``reddit.inbox.stream()`` and
    ``stream_generator(...)``; the docker SDK's ``client.events(...)`` (not a past window,
    ``until=``); inotify's ``i.event_gen()``; ``tailer.follow(f)`` and tailhead's ``follow_path(p)``."""
    if type(iterated) is not cst.Call:
        return None
    raw = n.callee(iterated) or ""
    head, _, last = raw.rpartition(".")
    if (
        (last in {"comments", "submissions"} and head.endswith(".stream"))
        or (last == "stream" and head.endswith(".inbox"))
        or (last == "stream_generator" and (ctx.resolve(raw) or "").startswith("praw."))
    ) and _imported(ctx, "praw"):
        return REDDIT_STREAM
    if last == "events" and _imported(ctx, "docker") and not _windowed(iterated):
        return DOCKER_EVENTS
    resolved = ctx.resolve(raw) or raw
    if last == "event_gen" and _imported(ctx, "inotify") and n.keyword(iterated, "timeout_s") is None:
        return INOTIFY_EVENTS  # (with `timeout_s=`, it ends after that long without an event)
    if resolved in {"tailer.follow", "tailhead.follow", "tailhead.follow_path"}:
        return FILE_FOLLOW
    if (
        last == "stream"
        and n.keyword(iterated, "timeout_seconds") is None
        and (args := n.positional(iterated))
        # (the changes to a list of resources, `api.list_namespaced_pod`; not a pod's log followed
        # with `read_namespaced_pod_log`, which ends with the pod)
        and (n.dotted(args[0].value) or "").rpartition(".")[2].startswith("list_")
        and (ctx.object_ctor(head) or ctx.resolve(head.removesuffix("()")) or "").startswith("kubernetes.watch.")
    ):
        return KUBERNETES_WATCH  # (with `timeout_seconds=`, the server ends the watch after that long)
    return None


def _follows(command: list[str]) -> bool:
    """A command that follows a log and never ends by itself: ``tail -f``/``-F``, ``journalctl
    -f`` (as an argument list, or a shell string). (Not ``kubectl logs -f`` or ``docker logs
    -f``, which end with the pod or container they follow.)"""
    words = command[0].split() + command[1:] if command else []
    if not words:
        return False
    return words[0].rpartition("/")[2] in {"tail", "journalctl"} and bool({"-f", "-F", "--follow"} & set(words))


def _windowed(call: cst.Call) -> bool:
    """``client.events(since, until, ...)``, ``events(until=end)``, ``events(**window)``: a past
    window of the Docker daemon's events, which ends."""
    return (
        n.keyword(call, "until") is not None
        or len(n.positional(call)) >= 2
        or any(arg.star == "**" for arg in call.args)
    )


def _imported(ctx: Context, *roots: str) -> bool:
    """The module imports one of the packages ``roots`` (or a module of it)."""
    return any(module.split(".")[0] in roots for module in ctx.aliases.values())


def _never_leaves(body: cst.CSTNode, ctx: Context) -> bool:
    """A loop body with no way out (no ``break`` of its own; no ``return``, ``raise`` or exit,
    nested loops included) that asks no one for input: it runs until the process is stopped."""
    if _breaks_out(body):
        return False
    for node in n.descendants(body):
        if isinstance(node, (cst.Return, cst.Raise)):
            return False
        if type(node) is cst.Call:
            name = ctx.resolve(n.callee(node)) or ""
            last = name.rpartition(".")[2]
            if name in EXIT_CALLS or name in INTERACTIVE_CALLS or last in ("run_pending", "run_all", "prompt", "input"):
                return False  # (`session.prompt("> ")`: a console, prompt_toolkit's)
    return True


def _only_reads(body: cst.BaseSuite) -> bool:
    """A ``try`` block that only reads a file into names (:func:`_only_binds`), also without a
    ``with``: ``f = open(path)``, then names bound from what it holds (``raw = f.read()``,
    ``last_id = int(raw.strip())``) and ``f.close()``; nothing else called (not a post of what
    was read)."""
    if type(body) is not cst.IndentedBlock:
        return False
    if all(type(stmt) is cst.With and _only_binds(stmt) for stmt in body.body):
        return True
    smalls = _simple_block(body)
    if (
        smalls is not None
        and len(smalls) == 1
        and type(small := smalls[0]) is cst.Assign
        and type(small.value) is cst.Call
        and n.callee(small.value) in _FILE_LOADS
        and [type(a.value) for a in small.value.args] == [cst.Name]
    ):
        return True  # `with open(HISTORY) as f:` / `try: history = json.load(f)`: the handle opened around it
    if not smalls or len(smalls) < 2 or type(first := smalls[0]) is not cst.Assign:
        return False
    handle = n.dotted(first.targets[0].target) if len(first.targets) == 1 else None
    if not handle or type(first.value) is not cst.Call or n.callee(first.value) not in ("open", "io.open"):
        return False
    derived = {handle}  # (the handle, and the names bound from what it held)
    bound = False
    for small in smalls[1:]:
        if type(small) is cst.Expr and type(small.value) is cst.Call and n.callee(small.value) == f"{handle}.close":
            continue
        if type(small) is not cst.Assign or not _names_in(small.value) & derived:
            return False
        calls = (c for c in n.descendants(small.value) if type(c) is cst.Call)
        if any((n.callee(c) or "").split(".")[0] not in derived | _PARSERS for c in calls):
            return False  # (`requests.post(url, data=raw)`: work done with what was read)
        for target in small.targets:
            derived.update(_names_in(target.target))
        bound = True
    return bound


# What reads a whole file a `with` block opened (`history = json.load(f)`)
_FILE_LOADS = frozenset({"json.load", "yaml.safe_load", "pickle.load", "tomllib.load", "tomli.load", "toml.load"})
# What a value read from a file is parsed with (`int(raw)`, `json.loads(text)`, `raw.strip()`).
_PARSERS = frozenset({"int", "float", "str", "bool", "list", "dict", "set", "tuple", "len", "json", "yaml", "csv"})


_LOOKUPS = frozenset({"get", "getint", "getfloat", "getboolean", "getenv"})
# The last part of a settings object's name: `config`, `ftp_cfg`, `os.environ`, `credentials`
_SETTINGS_NAME = re.compile(
    r"(?:^|_)(?:conf|config|configs|configuration|cfg|settings?|env|environ|credentials?|creds|options?|opts"
    r"|section|parser|secrets?)$",
    re.IGNORECASE,
)


def _only_lookups(body: cst.BaseSuite) -> bool:
    """A ``try`` block that only binds names to settings looked up: ``cfg["ftp"]``,
    ``cfg.get("user")``, ``os.getenv("TOKEN")``."""
    if type(body) is not cst.IndentedBlock or not body.body:
        return False
    for stmt in body.body:
        if type(stmt) is not cst.SimpleStatementLine:
            return False
        for small in stmt.body:
            if type(small) is not cst.Assign:
                return False
            value = small.value
            if type(value) is cst.Subscript:
                base: cst.BaseExpression = value
                while type(base) is cst.Subscript:
                    base = base.value
                if _SETTINGS_NAME.search((n.dotted(base) or "").rpartition(".")[2]):
                    continue  # `config["ftp"]["server"]`, `os.environ["TOKEN"]`
                return False  # (not `requests.get(url).json()["price"]`)
            func = value.func if type(value) is cst.Call else None
            if type(func) is cst.Name and func.value == "getattr":
                continue
            if type(func) is not cst.Attribute or func.attr.value not in _LOOKUPS:
                return False  # (not `Watch.objects.get_or_create(...)`, a query)
            owner = func.value
            if not (
                type(owner) is cst.Subscript  # `config["ftp"].get("user")`
                or func.attr.value == "getenv"
                or _SETTINGS_NAME.search((n.dotted(owner) or "").rpartition(".")[2])
            ):
                return False  # (not `requests.get(url)` nor `User.objects.get(id=1)`)
    return True


def _only_assigns(body: cst.BaseSuite) -> bool:
    """A block of assignments only: ``seen = ""``."""
    smalls = _simple_block(body)
    return smalls is not None and all(isinstance(small, (cst.Assign, cst.AnnAssign)) for small in smalls)


def _waits_forever(scope: cst.CSTNode) -> bool:
    """The function (or module) keeps running once set up: ``await asyncio.Future()``, ``await
    stop.wait()`` as a statement of its own (not inside ``wait_for(..., timeout=30)``),
    ``loop.run_forever()`` or a ``while True:`` loop; a one-shot request that waits for its answer
    with a timeout, then drains, does not."""
    for node in n.descendants(scope):
        if type(node) is cst.While and _literal_forever(node.test):
            return True
        if type(node) is cst.Expr:
            value = node.value.expression if type(node.value) is cst.Await else node.value
            if type(value) is not cst.Call:
                continue
            callee = n.callee(value) or ""
            if callee.endswith(("Future", "run_forever")) or (callee.endswith(".wait") and not value.args):
                return True
    return False


def _opens_own_file(body: cst.BaseSuite) -> bool:
    """The files a reading ``try`` opens are named in the code (``open("data.json")``,
    ``open(STATE_FILE)``): the job's own state, not an input it was given. (A ``try`` that opens
    nothing, `databases = json.load(f)` inside the `with` that opened the file, cannot say which.)"""
    opened = False
    for node in n.descendants(body):
        if type(node) is cst.Call and n.callee(node) in ("open", "io.open"):
            args = n.positional(node)
            first = args[0].value if args else None
            if first is None or not (
                n.string_value(first) is not None or (type(first) is cst.Name and first.value.isupper())
            ):
                return False
            opened = True
    return opened


def _listens_to_stream(call: cst.Call, ctx: Context) -> bool:
    """yfinance's live price feed: ``ws.listen(handler)`` on a ``WebSocket``/``AsyncWebSocket``."""
    owner, _, method = (n.callee(call) or "").rpartition(".")
    return method == "listen" and ctx.object_ctor(owner) in _STREAM_SOCKETS and bool(call.args)


_STREAM_SOCKETS = frozenset({"yfinance.WebSocket", "yfinance.AsyncWebSocket"})


def _sets_timeout(body: cst.CSTNode) -> bool:
    """An adapter class's body (its methods too: ``n.descendants`` stops at functions) that gives
    requests a timeout: ``kwargs.setdefault("timeout", 10)``, ``kwargs["timeout"] = self.timeout``,
    a ``timeout=10`` parameter default; not one that only passes ``timeout`` through."""
    stack = [body]
    while stack:
        node = stack.pop()
        if type(node) is cst.Call and (n.callee(node) or "").endswith((".setdefault", ".pop", ".get")):
            # `kwargs.setdefault("timeout", 10)`, `self.timeout = kwargs.pop("timeout", 30)`
            args = n.positional(node)
            if len(args) == 2 and n.string_value(args[0].value) == "timeout" and not n.is_none(args[1].value):
                return True
        if type(node) is cst.Call and (given := n.keyword(node, "timeout")) is not None:
            # `super().send(request, timeout=timeout or self.timeout)`: not the bare pass-through name
            value = given.value
            if not n.is_none(value) and not (type(value) is cst.Name and value.value == "timeout"):
                return True
        elif type(node) is cst.Assign and not n.is_none(node.value):
            for target in node.targets:
                bound = target.target
                if type(bound) is cst.Subscript and len(bound.slice) == 1:
                    index = bound.slice[0].slice
                    if type(index) is cst.Index and n.string_value(index.value) == "timeout":
                        return True
        elif (
            type(node) is cst.Param
            and node.name.value == "timeout"
            and node.default is not None
            and not n.is_none(node.default)
        ):
            return True
        stack.extend(n.children(node))
    return False


def _mounts_timeout_adapter(call: cst.Call, ctx: Context) -> bool:
    """``session.mount(prefix, TimeoutAdapter())``: an adapter given ``timeout=``, one of the
    file's that sets a timeout, or one imported from elsewhere in the project, whose code is out
    of sight here (silence is the side to err on); not requests' own ``HTTPAdapter`` alone."""
    if not (n.callee(call) or "").endswith(".mount") or len(call.args) < 2:
        return False
    adapter = call.args[1].value
    if type(adapter) is not cst.Call:
        return False
    raw = n.callee(adapter) or ""
    if n.keyword(adapter, "timeout") is not None or raw in ctx.timeout_adapters:
        return True
    resolved = ctx.resolve(raw) or raw
    return "." in resolved and not resolved.startswith(("requests.", "urllib3.")) and raw not in ctx.local_classes


def _configures_client(body: cst.CSTNode, ctx: Context) -> bool:
    """A factory that mounts a timeout-setting adapter on the session it builds: what it returns
    is no bare session (a retry adapter alone changes nothing)."""
    return any(type(node) is cst.Call and _mounts_timeout_adapter(node, ctx) for node in n.descendants(body))


def _texts(body: cst.CSTNode) -> list[str]:
    """The string literals of a block, the literal parts of its f-strings too."""
    out = []
    for node in n.descendants(body):
        if type(node) is cst.SimpleString:
            out.append(n.string_value(node) or "")
        elif type(node) is cst.FormattedStringText:
            out.append(node.value)
    return out


def _error_branch(node: cst.If, error: str) -> cst.BaseSuite | None:
    """The block an ``if`` on a callback's error argument runs when there is an error: the body
    of ``if err:``/``if err is not None:``, the ``else`` of ``if not err:``/``if err is None:``."""
    test = node.test
    negated = False
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test, negated = test.expression, True
    if type(test) is cst.Comparison and len(test.comparisons) == 1 and n.is_none(test.comparisons[0].comparator):
        operator = test.comparisons[0].operator
        negated = negated != isinstance(operator, (cst.Is, cst.Equal))
        test = test.left
    if type(test) is not cst.Name or test.value != error:
        return None
    if not negated:
        return node.body
    return node.orelse.body if type(node.orelse) is cst.Else else None


def _overridden(maker: str, methods: Sequence[_Frame], bases: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a method (`Class.method`) is defined again by a subclass of its class in the file."""
    owner, dot, method = maker.rpartition(".")
    if not dot:
        return False

    def inherits(name: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            base == owner or (base not in seen and inherits(base, seen | {name})) for base in bases.get(name, ())
        )

    return any(m.name.rpartition(".")[2] == method and inherits(m.name.rpartition(".")[0]) for m in methods)


# What a call hands a function: a file the caller wrote itself (see `Extractor._hand_scratch`)
_OWN_FILE = "*"
# Temporary files and directories made by name (`NamedTemporaryFile(delete=False)` leaves its file
# for the caller to remove; the others are removed with their object, or name a path to make)
_TEMPORARY_FILES = frozenset(
    {"tempfile.NamedTemporaryFile", "tempfile.mkdtemp", "tempfile.mktemp", "tempfile.TemporaryDirectory"}
)


# nats-py subscription reads: a pull subscription's next batch, a subscription's next message
_NATS_READS = frozenset({"fetch", "next_msg"})


def _pynats_waits(call: cst.Call, ctx: Context) -> bool:
    """pynats' ``client.wait()`` with no ``count=``: it serves the subscriptions for good."""
    owner, _, method = (n.callee(call) or "").rpartition(".")
    return method == "wait" and ctx.object_ctor(owner) == "pynats.NATSClient" and n.keyword(call, "count") is None


def _only_binds(stmt: cst.With) -> bool:
    """``with open(CONFIG) as f: settings = json.load(f)``: a file opened only to name values from
    it, as a module loading its configuration at import does."""
    opens = all(type(item.item) is cst.Call and n.callee(item.item) in ("open", "io.open") for item in stmt.items)
    smalls = _simple_block(stmt.body) if opens else None
    # (names bound, or `return json.load(f)`: the values handed back)
    return smalls is not None and (
        all(isinstance(small, (cst.Assign, cst.AnnAssign)) for small in smalls)
        or (len(smalls) == 1 and type(smalls[0]) is cst.Return)
    )


_DATA_WRITE = re.compile(r"\s*(?:INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|COPY)\b", re.IGNORECASE)


def _may_be_config(value: cst.BaseExpression) -> bool:
    """Django's ``LOGGING = {...}`` (or one built elsewhere), not a switch named the same:
    ``LOGGING = bool(os.environ.get("LOGGING"))``, ``LOGGING = True``."""
    if type(value) is cst.Call:
        return n.callee(value) not in {"bool", "int", "str", "float"}
    if type(value) is cst.Name:
        return value.value not in {"True", "False", "None"}
    return isinstance(value, (cst.Dict, cst.Attribute, cst.Subscript, cst.SimpleString, cst.BinaryOperation))


def _checked_loop(stmt: cst.CSTNode) -> bool:
    """``if response.status_code == 200:`` (or ``if page:``, ``if response["Items"] == []:``) with a
    loop in its body or its ``else``, at module level: the script's work done once the fetch has
    answered (not the ``__main__`` block)."""
    if type(stmt) is not cst.If or _is_main_guard(stmt.test) or type(stmt.body) is not cst.IndentedBlock:
        return False
    # (a status or a fetched result, `if response.ok:`, `if page:`, an item of a fetched record;
    # not a setting, `if DEBUG:`, `if CONFIG["debug"]:`)
    test = stmt.test
    status = (type(test) is cst.Name and not test.value.isupper()) or any(
        (type(node) is cst.Attribute and node.attr.value in {"status_code", "ok", "status"})
        or (
            type(node) is cst.Subscript
            and type(node.value) is cst.Name
            and _RESPONSE_NAME.fullmatch(node.value.value) is not None
            and type(node.slice[0].slice) is cst.Index
            and n.string_value(node.slice[0].slice.value) is not None
        )
        for node in (test, *n.descendants(test))
    )
    if not status:
        return False
    blocks = [stmt.body]
    if type(stmt.orelse) is cst.Else and type(stmt.orelse.body) is cst.IndentedBlock:
        blocks.append(stmt.orelse.body)
    return any(type(inner) in (cst.For, cst.While) for block in blocks for inner in block.body)


# Names a fetched answer is kept in (`response["Snapshots"]`), not settings (`config["plugins"]`).
_RESPONSE_NAME = re.compile(r"r|res|resp|response|result|results|reply|answer|\w+_response")


def _writes_rows(stmt: cst.CSTNode) -> bool:
    """``cur.execute("INSERT INTO prices ...", row)`` as a module-level statement: the module loads
    data when run (creating tables alone is set-up, which labellers and users leave to the app;
    rounds 174, 317 and 330 labelled such scripts jobs, earlier rounds did not: kept as it was)."""
    if type(stmt) is not cst.SimpleStatementLine:
        return False
    for small in stmt.body:
        call = small.value if type(small) is cst.Expr else None
        if type(call) is not cst.Call or (n.callee(call) or "").rpartition(".")[2] not in (
            "execute",
            "executemany",
        ):
            continue
        args = n.positional(call)
        query = args[0].value if args else None
        if type(query) is cst.Call and n.positional(query):  # `sql.SQL("INSERT ...")`, `text("...")`
            query = n.positional(query)[0].value
        text = n.string_value(query) if query is not None else None
        if text is not None and _DATA_WRITE.match(text):
            return True
    return False


def _parses_arguments(stmt: cst.CSTNode) -> bool:
    """``args = parser.parse_args()`` as a module-level statement."""
    if type(stmt) is not cst.SimpleStatementLine:
        return False
    for small in stmt.body:
        value = small.value if type(small) is cst.Assign or type(small) is cst.Expr else None
        if type(value) is cst.Call and (n.callee(value) or "").endswith(".parse_args"):
            return True
    return False


_RESOURCE_APIS = frozenset({"flask_restful.Api", "flask_restx.Api", "flask_restplus.Api"})


def _route_of(path: str, handler: str) -> Callable[[int, int], RouteFact]:
    return lambda line, col: RouteFact(owner="", path=path, handler=handler, line=line)


# A record of a system to log in to, not of a person: a device, a database, a server
_SYSTEM_KEYS = frozenset(
    {"host", "hostname", "ip", "ip_address", "port", "server", "device_type", "url", "uri", "dsn", "database", "db"}
)


def _user_records(node: cst.List) -> bool:
    """At least two dicts in the list, each a person's account: an e-mail address or a user name
    and a password written out, and nothing of a system to connect to (``host``, ``device_type``,
    ``port``)."""
    records = 0
    for element in node.elements:
        if type(element.value) is not cst.Dict:
            continue
        keys = {
            key.lower()
            for item in element.value.elements
            if type(item) is cst.DictElement and (key := n.string_value(item.key)) is not None
        }
        if keys & _SYSTEM_KEYS:
            return False
        if keys & {"email", "username", "user_name", "login"} and keys & {"password", "passwd", "pwd", "pass"}:
            records += 1
    return records >= 2


def _signal_at(kind: str, detail: str, scope: str = "") -> Callable[[int, int], SignalFact]:
    return lambda line, col: SignalFact(kind=kind, line=line, detail=detail, scope=scope)


def _loop_at(scope: str, source: str) -> Callable[[int, int], LoopFact]:
    return lambda line, col: LoopFact(line=line, scope=scope, source=source)


def _handler_route_at(path: str, handler: str) -> Callable[[int, int], RouteFact]:
    return lambda line, col: RouteFact(owner="", path=path, handler=handler, line=line)


def _route_at(owner: str, path: str) -> Callable[[int, int], RouteFact]:
    return lambda line, col: RouteFact(owner=owner, path=path, handler=MOUNTED, line=line)


def _swallowing_decorator(expr: cst.BaseExpression) -> bool:
    call = expr if type(expr) is cst.Call else None
    raw = n.dotted(call.func if call is not None else expr) or ""
    if not (raw == "logger.catch" or raw.endswith(".logger.catch")):
        return False
    reraise = n.keyword(call, "reraise") if call is not None else None
    return reraise is None or n.is_false(reraise.value)


def _wraps_catch_all(node: cst.FunctionDef, ctx: Context) -> bool:
    """A decorator (or a decorator factory) whose wrapper calls the function it was given inside a
    ``try:`` whose catch-all handler reports the failure as an error (an error log, a print, a
    mail) and neither raises, exits nor calls the function again (a retry): ``def wrapper(*args,
    **kwargs): try: return func(*args, **kwargs) except Exception as e: send_mail(e)``. (One that
    only warns is a best-effort step on purpose.) Read from the definitions alone, two nested
    functions deep at most."""
    outer = [p.name.value for p in node.params.params]
    for inner in _nested_functions(node.body):
        given = outer + [p.name.value for p in inner.params.params]
        for wrapper in [inner, *_nested_functions(inner.body)]:
            for stmt in _block(wrapper.body):
                wrapped = _called_of(stmt.body, given) if type(stmt) is cst.Try else set()
                if type(stmt) is not cst.Try or not wrapped:
                    continue
                for handler in stmt.handlers:
                    if (
                        _exception_names(handler.type, ctx) & BROAD_EXCEPTIONS
                        and not _called_of(handler.body, wrapped)  # (a retry: the function called again)
                        and _errs_without_leaving(handler.body, ctx)
                    ):
                        return True
    return False


def _nested_functions(body: cst.BaseSuite) -> list[cst.FunctionDef]:
    return [stmt for stmt in _block(body) if type(stmt) is cst.FunctionDef]


def _called_of(body: cst.CSTNode, names: Collection[str]) -> set[str]:
    """Which of ``names`` ``body`` calls (the wrapped function, by its parameter's name)."""
    return {
        callee for node in n.descendants(body) if type(node) is cst.Call and (callee := n.callee(node) or "") in names
    }


def _errs_without_leaving(body: cst.BaseSuite, ctx: Context) -> bool:
    """A handler that neither raises nor exits, and tells of an error: logs one, prints, or sends
    word (``send_mail(e)``, ``notify(...)``)."""
    told = False
    for node in n.descendants(body):
        if type(node) is cst.Raise:
            return False
        if type(node) is cst.Call:
            name = ctx.resolve(n.callee(node)) or ""
            if name in EXIT_CALLS:
                return False
            told = (
                told
                or name.endswith(_ERROR_LEVELS)
                or name.startswith("print")
                or name in {"traceback.print_exc", "traceback.print_exception"}
                or bool(_TELLS.search(name))  # (`sentry_sdk.capture_exception(e)`, `notify(...)`)
                or bool(n.words(name.rpartition(".")[2]) & _TELLING_WORDS)  # (`MySendMail(e)`, `notify_admins(e)`)
            )
    return told


_TELLING_WORDS = frozenset({"mail", "email", "notify", "notification", "alert", "alerts", "slack", "telegram", "sms"})


def _is_definition(stmt: cst.CSTNode) -> bool:
    """Definitions and imports: what a module-level body holds without doing work."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return True
    return type(stmt) is cst.SimpleStatementLine and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in stmt.body
    )


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        type(stmt) is cst.SimpleStatementLine
        and len(stmt.body) == 1
        and type(stmt.body[0]) is cst.Expr
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


_MAX_MODULE_CALLS = 32
_KEY_VALUE_SETTERS = frozenset({"option", "setdefault", "set"})


def _key_value_pair(node: cst.Call, raw: str) -> tuple[str, cst.BaseExpression] | None:
    """``x.option("password", value)``: a setter given a literal name and a value, positionally."""
    if raw.rpartition(".")[2] not in _KEY_VALUE_SETTERS or "." not in raw or len(node.args) != 2:
        return None
    first, second = node.args
    key = n.string_value(first.value) if first.keyword is None and not first.star else None
    return (key, second.value) if key and second.keyword is None and not second.star else None


_LITESTAR_HANDLERS = frozenset({"get", "post", "put", "patch", "delete", "head", "route", "websocket"})
_LITESTAR_CONTROLLERS = frozenset({"litestar.Controller", "litestar.controller.Controller"})


def _class_assignments(node: cst.ClassDef) -> Iterator[tuple[str, cst.BaseExpression | None]]:
    """The names a class body assigns (``path = "/users"``, ``functions: list = [...]``), with
    their values. (A body on the class's own line, ``class S: functions = [f]``, counts too.)"""
    lines = node.body.body if type(node.body) is cst.IndentedBlock else (node.body,)
    for stmt in lines:
        for small in _smalls(stmt) or ():
            if type(small) is cst.Assign:
                for t in small.targets:
                    if type(t.target) is cst.Name:
                        yield t.target.value, small.value
            elif type(small) is cst.AnnAssign and type(small.target) is cst.Name:
                yield small.target.value, small.value


def _class_string(node: cst.ClassDef, attribute: str) -> str | None:
    """The string a class body assigns to ``attribute``."""
    for name, value in _class_assignments(node):
        if name == attribute and value is not None:
            return n.string_value(value)
    return None


def _signals_switched_off(node: cst.Call) -> bool:
    """``handle_signals=False`` (arq, aiogram), ``stop_signals=None`` or ``()`` (python-telegram-bot)."""
    for arg in node.args:
        if arg.keyword is None:
            continue
        if arg.keyword.value == "handle_signals" and n.is_false(arg.value):
            return True
        if arg.keyword.value == "stop_signals" and (
            n.is_none(arg.value) or (isinstance(arg.value, (cst.Tuple, cst.List)) and not arg.value.elements)
        ):
            return True
    return False


def _configures_arq(node: cst.ClassDef) -> bool:
    """``class WorkerSettings: functions = [...]``: what ``arq module.WorkerSettings`` runs (not a
    settings model that happens to share the name)."""
    return any(name in {"functions", "cron_jobs"} for name, _ in _class_assignments(node))


_FILE_PATH = re.compile(r"^/(?:var|etc|tmp|home|usr|opt|srv|mnt|data)/|\.[A-Za-z]\w{0,4}$")
_TORNADO_URL_SPECS = frozenset({"tornado.web.url", "tornado.web.URLSpec", "tornado.routing.URLSpec"})


def _option_definition(node: cst.Call, name: str | None) -> tuple[str, cst.BaseExpression] | None:
    """``tornado.options.define("db_password", default="...")``: an option's default, bound to its name."""
    if name not in {"tornado.options.define", "tornado.options.options.define"}:
        return None
    args = n.positional(node)
    key = n.string_value(args[0].value) if args else None
    default = n.keyword(node, "default")
    return (key, default.value) if key and default is not None else None


# `class Command(...)` bases that are not management commands (build steps, CLI and bot frameworks).
_OTHER_COMMAND_FRAMEWORKS = frozenset(
    {"distutils", "setuptools", "_distutils", "click", "cleo", "cliff", "pip", "discord", "nextcord", "disnake"}
)


def _waits_for_stop(call: cst.Call, ctx: Context) -> bool:
    """``stop.wait()``, with no timeout, on a ``threading.Event``/``asyncio.Event`` bound here."""
    owner, _, method = (n.callee(call) or "").rpartition(".")
    return method == "wait" and not call.args and ctx.object_ctor(owner) in {"threading.Event", "asyncio.Event"}


def _listen_notifies(call: cst.Call) -> bool:
    """``for note in conn.notifies():``: psycopg's generator of Postgres ``NOTIFY`` messages,
    waiting for the next one with no end (``timeout=`` or ``stop_after=`` make it a drain)."""
    return (n.callee(call) or "").endswith(".notifies") and not any(
        arg.keyword is not None and arg.keyword.value in {"timeout", "stop_after"} for arg in call.args
    )


def _makes_daemon(node: cst.ClassDef) -> bool:
    """A thread class that makes itself a daemon: ``super().__init__(daemon=True)``,
    ``self.daemon = True``, ``self.setDaemon(True)``."""
    body = node.body.body if type(node.body) is cst.IndentedBlock else ()
    methods = [stmt.body for stmt in body if type(stmt) is cst.FunctionDef]
    for inner in (inner for method in methods for inner in n.descendants(method)):
        if type(inner) is cst.Arg:
            if inner.keyword is not None and inner.keyword.value == "daemon" and not _is_false(inner.value):
                return True  # (also `daemon=daemon`, a parameter that defaults to True)
        elif type(inner) is cst.Assign:
            if _is_true(inner.value) and any(
                type(t.target) is cst.Attribute and t.target.attr.value == "daemon" for t in inner.targets
            ):
                return True
        elif (
            type(inner) is cst.Call
            and (n.callee(inner) or "").endswith(".setDaemon")
            and inner.args
            and _is_true(inner.args[0].value)
        ):
            return True
    return False


def _is_false(value: cst.BaseExpression) -> bool:
    return (type(value) is cst.Name and value.value in {"False", "None"}) or n.int_value(value) == 0


def _is_true(value: cst.BaseExpression) -> bool:
    return n.is_true(value) or n.int_value(value) == 1


def _disconnects_on_start(node: cst.ClassDef) -> bool:
    """An XMPP client class that registers a session-start handler which disconnects: a
    send-once script (``add_event_handler("session_start", self.start)``; ``start`` sends and
    calls ``self.disconnect()``)."""
    body = node.body.body if type(node.body) is cst.IndentedBlock else ()
    methods = {stmt.name.value: stmt for stmt in body if type(stmt) is cst.FunctionDef}
    for method in methods.values():
        for call in n.descendants(method):
            if (
                type(call) is cst.Call
                and n.dotted(call.func) == "self.add_event_handler"
                and len(call.args) >= 2
                and n.string_value(call.args[0].value) == "session_start"
            ):
                handler = n.dotted(call.args[1].value) or ""
                if handler.startswith("self.") and handler[5:] in methods:
                    started = methods[handler[5:]]
                    if any(
                        type(inner) is cst.Call and n.dotted(inner.func) == "self.disconnect"
                        # (not `except IqError: ...; self.disconnect()`, a bot giving up on an error)
                        for inner in n.descendants(started.body, skip=(cst.ExceptHandler, cst.If))
                    ):
                        return True
    return False


def _defines(node: cst.ClassDef, method: str) -> bool:
    body = node.body.body if type(node.body) is cst.IndentedBlock else ()
    return any(type(stmt) is cst.FunctionDef and stmt.name.value == method for stmt in body)


_NAMEKO_ENTRYPOINTS = frozenset(
    {"nameko.rpc.rpc", "nameko.events.event_handler", "nameko.messaging.consume", "nameko.timer.timer"}
)
_MAX_LOOP_CALLS = 8


# What a function that only reports may call besides printing and logging: formatting.
_FORMATTING_CALLS = frozenset(
    {"str", "repr", "len", "dict", "json.dumps", "time.time", "time.strftime", "datetime.datetime.now", "datetime.now"}
)
_FORMATTING_METHODS = frozenset({"format", "strftime", "isoformat", "join", "upper", "lower", "strip"})
_MAX_REPORTER_STATEMENTS = 12  # (a helper that only reports is short)
# ... and named for it (`log`, `log_error`, `report`, `warn`, `eprint`, `echo`, `note`, `say`)
_REPORTER_NAME = re.compile(
    r"log|report|err|warn|print|echo|note|say|msg|message|info|debug|notice|fail", re.IGNORECASE
)


def _local_target(target: cst.BaseExpression, local: set[str]) -> bool:
    """An assignment target inside the function: a name, or an item of a local name (`msg["extra"] = x`)."""
    if type(target) is cst.Name:
        return True
    return type(target) is cst.Subscript and type(target.value) is cst.Name and target.value.value in local


# `self.logger.error(...)`, `self._log.warning(...)`, `self.__logger.fatal(...)`; and a logger a
# project module keeps, imported (`from auto_utils import log`, then `log.error(...)`), or an
# app's (`app.logger.info(...)`), at a logging level
_SELF_LOGGER = re.compile(
    r"self\._*(?:log|logger|LOG|LOGGER)\."
    # (not `fatal` or `critical`: a project's own `log.fatal()` may well exit)
    r"|[\w.]+\._*(?:log|logger|LOG|LOGGER)\.(?:debug|info|warning|warn|error|exception)$"
)


@functools.lru_cache(maxsize=8192)  # (asked twice of every call: the same names again and again)
def _is_report_call(name: str) -> bool:
    """A print or a log call (not a project function named ``print_summary``)."""
    if name.startswith(("print", "pprint.")):
        return name in {"print", "pprint.pprint", "pprint.pp"}
    return name.startswith(REPORT_PREFIXES) or bool(_SELF_LOGGER.match(name))


def _changes_data(call: cst.Call) -> bool:
    """A call that changes data: a write's method (see :data:`_CHANGES`), or SQL that changes rows
    given to a query call."""
    method = (n.callee(call) or "").rpartition(".")[2]
    return method in _CHANGES or (
        method in _SQL_RUNS
        and any(_SQL_CHANGE.match(text) for arg in call.args if (text := n.string_value(arg.value)) is not None)
    )


# What changes data: a write's methods, and SQL that changes rows
_CHANGES = frozenset(
    {"commit", "put_object", "upload_file", "delete_object", "delete_objects", "insert_one", "insert_many"}
    | {"update_one", "update_many", "delete_one", "delete_many", "bulk_write", "writerow", "writerows"}
    | {"upload_fileobj", "upload_from_filename", "upload_from_string", "to_sql", "to_parquet"}
)
_SQL_CHANGE = re.compile(r"\s*(?:UPDATE|INSERT|DELETE|MERGE|UPSERT|REPLACE)\s", re.IGNORECASE)
_SQL_RUNS = SQL_STATEMENT_RUNS | {"fetch", "fetchrow", "fetchval", "query"}
# Built-ins that only convert or measure a value
_CONVERSIONS = frozenset({"str", "int", "float", "bool", "len", "dict", "list", "tuple", "round", "repr", "format"})
# Builtins that compute a value from the values they are given (see `_only_computes`)
_PURE_BUILTINS = _CONVERSIONS | {"set", "sorted", "min", "max", "sum", "abs", "isinstance", "enumerate", "zip", "range"}
_HTTP_CLIENTS = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client", "httpx.AsyncClient"}
)


# What a function of the file may build and return as an HTTP client: its callers' sessions
_CLIENT_FACTORIES = _HTTP_CLIENTS | REQUESTS_SESSIONS


# A chat's webhook or a push-notification service, by its address or by the name it is kept
# under (`SLACK_WEBHOOK_URL`, `PUSHOVER_URL`)
_NOTIFY_URL = re.compile(
    r"hooks\.slack\.com|discord(?:app)?\.com/api/webhooks|api\.telegram\.org|webhook\.office\.com|/webhooks?(?:/|$)"
    r"|api\.pushover\.net|ntfy\.sh|api\.pushbullet\.com"
    # a dead-man's switch's ping or a metrics push: telling someone the job ran, not its work
    r"|hc-ping\.com|healthchecks\.io|cronitor\.(?:link|io)|/heartbeat|/metrics/job/|pushgateway",
    re.IGNORECASE,
)
_NOTIFY_NAME = re.compile(r"slack|webhook|discord|telegram|mattermost|pushover|ntfy|gotify", re.IGNORECASE)
# A dead-man's switch, a metrics push or a completion callback, as a whole word of the name
# (`config.HEARTBEAT_URL`, `hcPingUrl`; not `NHC_REGISTRY_URL`). A callback may deliver the work
# itself, but the name is ambiguous, and silence is the side to err on.
_NOTIFY_WORDS = frozenset({"hc", "healthcheck", "healthchecks", "heartbeat", "cronitor", "pushgateway", "callback"})


def _names_notification(name: str) -> bool:
    return bool(_NOTIFY_NAME.search(name)) or bool(n.words(name) & _NOTIFY_WORDS)


def _notifies(call: cst.Call) -> bool:
    """An HTTP write to a chat or a webhook: its URL (a name or a string) says so."""
    given = n.keyword(call, "url") or next(iter(n.positional(call)), None)
    if given is None:
        return False
    value = given.value
    if type(value) is cst.Subscript and len(value.slice) == 1 and type(value.slice[0].slice) is cst.Index:
        value = value.slice[0].slice.value  # `os.environ["SLACK_WEBHOOK_URL"]`: by the variable's name
    elif type(value) is cst.Call and n.positional(value) and n.string_value(n.positional(value)[0].value):
        value = n.positional(value)[0].value  # `os.getenv("HEALTHCHECK_URL")`
    if (key := n.string_value(value)) is not None and "/" not in key:
        return _names_notification(key)
    name = n.dotted(value)
    if name is not None:
        return _names_notification(name)
    text = n.string_value(value) or ""
    if type(value) is cst.FormattedString:
        text = "".join(p.value for p in value.parts if type(p) is cst.FormattedStringText)
    return bool(_NOTIFY_URL.search(text))


def _base_name(node: cst.BaseExpression) -> str | None:
    """The name an expression starts from: ``r`` in ``r.json()["url"]``."""
    while True:
        if type(node) is cst.Name:
            return node.value
        if type(node) is cst.Attribute:
            node = node.value
        elif type(node) is cst.Call:
            node = node.func
        elif type(node) is cst.Subscript:
            node = node.value
        else:
            return None


def _sends_notice(name: str, call: cst.Call) -> bool:
    """An HTTP write (the module's function or a client's method, by its resolved ``name``) to a
    chat or a webhook (see :func:`_notifies`)."""
    return (name in HTTP_WRITES or name.rpartition(".")[2] in HTTP_WRITE_VERBS) and _notifies(call)


def _kept_status(call: cst.Call, ctx: Context) -> str | None:
    """What a call returns whose status a job must check: an HTTP write's response (the
    module's function or a client object's method), a command's exit status
    (``os.system``, ``subprocess.call``, ``subprocess.run`` without ``check=``, a started
    process's ``wait()``); ``None`` for anything else."""
    raw = n.callee(call)
    name = ctx.resolve(raw)
    if name is None or raw is None:
        return None
    if _sends_notice(name, call):
        return None  # `requests.post(SLACK_WEBHOOK, json=...)`: telling someone, not the job's work
    if name in HTTP_WRITES or name in {"os.system", "subprocess.call"}:
        return name
    if name == "subprocess.run":
        return None if n.keyword(call, "check") is not None else name
    owner, _, method = raw.rpartition(".")
    ctor = ctx.object_ctor(owner)
    if method == "wait" and ctor == "subprocess.Popen":
        return "subprocess.Popen().wait"
    if method in HTTP_WRITE_VERBS and ctor in _HTTP_CLIENTS:
        return f"{ctor}().{method}"
    return None


def _block(block: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    """The statements of a block: an indented one, or ``if x: f(); g()`` on one line."""
    return [block] if type(block) is cst.SimpleStatementSuite else block.body


def _is_main_guard(test: cst.BaseExpression) -> bool:
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if type(target.operator) is not cst.Equal:
        return False
    left, right = test.left, target.comparator
    sides = {n.dotted(left) or n.string_value(left), n.dotted(right) or n.string_value(right)}
    return sides == {"__name__", "__main__"}


_STATUS_ATTRIBUTES = frozenset({"status_code", "status", "returncode"})


def _verdict(value: cst.BaseExpression) -> bool:
    """A yes or no: ``True``, ``False``, ``None``, a comparison, ``not x``, ``a and b``."""
    if type(value) is cst.Name:
        return value.value in {"True", "False", "None"}
    return isinstance(value, (cst.Comparison, cst.BooleanOperation)) or (
        type(value) is cst.UnaryOperation and type(value.operator) is cst.Not
    )


def _exits_with_run(call: cst.Call, defined: frozenset[str], ctx: Context) -> bool:
    """``sys.exit(main())``, ``exit(asyncio.run(main()))``, ``sys.exit(build())``: an exit with
    what a function of the file, one named for a program's start (``main``, ``run``, ``cli``), or
    an event loop's run returns (not a message made, ``raise SystemExit(dedent(f"..."))``)."""
    args = n.positional(call)
    inner = args[0].value if args else None
    if type(inner) is not cst.Call:
        return False
    called = n.callee(inner) or ""  # ("" for a literal's method: `"...".format(v)`)
    last = called.rpartition(".")[2]
    if called in defined or _RUN_NAME.fullmatch(last) or last == "run_until_complete":
        return True
    # (a function another module of the project holds, `from nightly.report import send_daily_report`;
    # not a text helper's, `dedent(...)`)
    resolved = ctx.resolve(called) or ""
    return "." not in called and resolved != called and resolved.split(".")[0] not in _MESSAGE_MODULES


# Modules whose functions make a message, not run a program
_MESSAGE_MODULES = frozenset(
    {"textwrap", "traceback", "gettext", "termcolor", "colorama", "json", "string", "os", "sys"}
)

# What a program's entry function is called (`main()`, `run()`, `cli()`, `app_main()`), or an event loop's run
_RUN_NAME = re.compile(r"_?(?:main|run|cli|start|execute|\w+_main)")


def _runs_local(call: cst.Call, defined: frozenset[str]) -> bool:
    """``asyncio.run(main())``: the coroutine handed to ``call`` is a function of this file."""
    args = n.positional(call)
    inner = args[0].value if args else None
    name = n.callee(inner) if type(inner) is cst.Call else None
    # (not `pool = loop.run_until_complete(_create_pool())`: a module setting itself up)
    return name is not None and name in defined and not _SET_UP_NAME.fullmatch(name)


_SET_UP_NAME = re.compile(
    r"_?(?:create|make|init|setup|set_up|connect|open|new|build|get)"
    r"(?:_(?:pool|engine|client|conn|connection|session|db|database|redis|app))?"
)


def _tests_command_word(test: cst.BaseExpression) -> bool:
    """A test for a command a bot is sent: ``text == "die"``, ``line.startswith("!quit")``."""
    for node in (test, *n.descendants(test)):
        if type(node) is cst.SimpleString and not node.prefix.lower().startswith("b"):
            word = n.string_value(node) or ""
            if _COMMAND_WORD.fullmatch(word.strip()):
                return True
    return False


_COMMAND_WORD = re.compile(r"[!/.]?(?:die|quit|exit|stop|shutdown|kill|restart|bye)", re.IGNORECASE)


def _exits_zero(call: cst.Call) -> bool:
    """``sys.exit()``, ``sys.exit(0)``: an exit with status 0."""
    args = n.positional(call)
    return _zero_status(args[0].value if args else None)


def _zero_status(code: cst.BaseExpression | None) -> bool:
    """An exit's status that is 0: none given, ``None`` or ``0``."""
    return code is None or n.is_none(code) or n.int_value(code) == 0


def _always_run(stmts: Sequence[cst.CSTNode]) -> Iterator[cst.BaseSmallStatement]:
    """The small statements of ``stmts`` that run whenever the block does: plain ones, and those of
    ``with`` blocks and of ``try`` and ``finally`` bodies (not of branches, loops or handlers)."""
    for stmt in stmts:
        if type(stmt) is cst.With:
            yield from _always_run(_block(stmt.body))
        elif type(stmt) is cst.Try:
            yield from _always_run(_block(stmt.body))
            if stmt.finalbody is not None:
                yield from _always_run(_block(stmt.finalbody.body))
        else:
            yield from _smalls(stmt) or ()


def _sub_blocks(stmt: cst.If | cst.For | cst.While | cst.Try) -> list[cst.BaseSuite]:
    """The blocks of a compound statement: its body, its ``elif``/``else`` branches, its handlers."""
    blocks: list[cst.BaseSuite] = [stmt.body]
    if type(stmt) is cst.Try:
        blocks += [h.body for h in stmt.handlers]
        blocks += [b.body for b in (stmt.orelse, stmt.finalbody) if b is not None]
        return blocks
    orelse = stmt.orelse
    while orelse is not None:
        blocks.append(orelse.body)
        orelse = orelse.orelse if type(orelse) is cst.If else None
    return blocks


def _status_unread(root: cst.CSTNode, names: Sequence[str], taken: frozenset[str]) -> bool:
    """A process kept in a name whose output is taken and whose status is never read: ``p =
    subprocess.Popen(cmd, ...)`` then ``out, err = p.communicate()`` (``taken``: communicate), or
    ``r = subprocess.run(cmd, capture_output=True)`` then ``r.stdout`` (``taken``: stdout, stderr),
    with no ``.returncode``, ``.wait()``, ``.poll()``, ``.check_returncode()``, the process not handed
    on (``return p``, ``check(p)``) nor stopped by the job (``p.terminate()``), and what it wrote not
    tested to fail (``if err: sys.exit(err)``, ``if r.stderr: raise ...``): a failed command goes
    unseen. Read over ``root``, the function or the module's own code, only for a frame that bound one."""
    wanted = set(names)
    uses: dict[str, int] = dict.fromkeys(wanted, 0)
    harmless: dict[str, int] = dict.fromkeys(wanted, 0)
    output_taken: set[str] = set()
    outputs: dict[str, str] = {name: name for name in wanted}  # what holds the output -> the process
    tests: list[cst.If] = []
    for node in n.descendants(root):
        if type(node) is cst.Name and node.value in wanted:
            uses[node.value] += 1
        elif type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value in wanted:
            if node.attr.value in _POPEN_NO_STATUS:
                harmless[node.value.value] += 1
                if node.attr.value in taken:
                    output_taken.add(node.value.value)
        elif type(node) is cst.AssignTarget and type(node.target) is cst.Name and node.target.value in wanted:
            harmless[node.target.value] += 1  # (`p = subprocess.Popen(...)`, the binding itself)
        elif type(node) is cst.AsName and type(node.name) is cst.Name and node.name.value in wanted:
            harmless[node.name.value] += 1  # (`with subprocess.Popen(...) as p:`)
        elif type(node) is cst.Assign and type(node.value) is cst.Call and type(node.value.func) is cst.Attribute:
            owner = node.value.func.value
            if type(owner) is cst.Name and owner.value in wanted and node.value.func.attr.value == "communicate":
                for target in node.targets:
                    for name in _names_in(target.target):
                        outputs[name] = owner.value
        elif type(node) is cst.If:
            tests.append(node)
    for test in tests:
        # (`out, err = p.communicate()` then `if err: raise ...`: the failure seen in what it wrote)
        for name in _names_in(test.test):
            if name in outputs and _raises_or_exits_in(test.body):
                output_taken.discard(outputs[name])
    return any(name in output_taken and uses[name] == harmless[name] for name in wanted)


_COMMUNICATE = frozenset({"communicate"})
_RUN_OUTPUT = frozenset({"stdout", "stderr"})


def _raises_or_exits_in(body: cst.CSTNode) -> bool:
    """Whether ``body`` raises or exits (by the names as written: `sys.exit(1)`, `exit(1)`)."""
    return any(
        type(node) is cst.Raise or (type(node) is cst.Call and (n.callee(node) or "") in EXIT_CALLS)
        for node in n.descendants(body)
    )


def _drops_status(name: str, call: cst.Call) -> bool:
    """A command run as ``call`` (``name``, resolved) whose exit status nothing sees unless it is
    kept: ``os.system()``, ``subprocess.call()``, ``subprocess.run()`` without ``check=``."""
    if name not in STATUS_CALLS and name not in _POPEN_UNCHECKED:
        return False
    return not (
        name == "subprocess.run" and any(a.keyword is not None and a.keyword.value == "check" for a in call.args)
    )


def _failure_branch(node: cst.If, after: Sequence[cst.BaseStatement] = ()) -> cst.BaseSuite | None:
    """The branch of ``if`` that runs when a response or command failed, when its test reads a
    status: ``if r.status_code == 200: ... else: <here>``, ``if not r.ok: <here>``,
    ``if proc.returncode != 0: <here>``; or, after a success branch that returns and has no
    ``else``, the statements ``after`` it in the same block (``if r.status_code == 200: return
    True`` then ``print("down"); return False``)."""
    success = _status_test(node.test)
    if success is None:
        return None
    if not success:
        return node.body
    orelse = node.orelse
    if type(orelse) is cst.Else:
        return orelse.body
    if orelse is None and after and _ends_in_return(node.body):
        return cst.IndentedBlock(body=after)
    return None


def _opens_logs_only(stmt: cst.With) -> bool:
    """``with open("/var/log/cron/error.log", "a") as f:``: only log files opened (not a file of
    items to retry, a checkpoint or a marker another job reads)."""
    for item in stmt.items:
        call = item.item
        if type(call) is not cst.Call or n.callee(call) != "open" or not n.positional(call):
            return False
        path = n.positional(call)[0].value
        if type(path) is cst.FormattedString:
            text = "".join(p.value for p in path.parts if type(p) is cst.FormattedStringText)
        else:
            text = n.string_value(path) or ""
        name = n.dotted(path) or ""
        if not (_LOG_PATH.search(text) or _LOG_NAME.search(name)):
            return False
    return True


# A log's path: a `.log` file, a `log`/`logs` directory, or `log` as a word of the file's name
# (`/var/log/cron/out.txt`, `error.log`, `sync_log.txt`; not `backlog.jsonl` nor `export.error`).
_LOG_PATH = re.compile(r"\.log$|(?:^|/)logs?/|(?:^|[/_.-])log(?:s|file)?[_.-][^/]*$", re.IGNORECASE)
# A name holding one (`LOG_FILE`, `ERROR_LOG`, `logfile`; not `FAILED_MARKER_ERROR`).
_LOG_NAME = re.compile(r"(?:^|[._])log(?:s|_?file|_?path)?(?:_|$)", re.IGNORECASE)


def _last_piece(value: cst.BaseExpression) -> cst.BaseExpression:
    """The file's own piece of a path built from pieces: the last of ``os.path.join(LOG_DIR,
    "execute.log")`` or ``Path(LOG_DIR, "run.log")``, the right of ``LOG_DIR / "run.log"``."""
    while True:
        if type(value) is cst.Call and n.callee(value) in {"os.path.join", "Path", "pathlib.Path"} and value.args:
            value = value.args[-1].value
        elif type(value) is cst.BinaryOperation and type(value.operator) is cst.Divide:
            value = value.right
        else:
            return value


def _opened_path(value: cst.BaseExpression) -> str:
    """What an ``open()`` is given, as written: the text (``"cron/execute.log"``, an f-string's
    with its holes) of the file's own piece (see :func:`_last_piece`), or the name."""
    return _piece_text(_last_piece(value))


def _piece_text(piece: cst.BaseExpression) -> str:
    text = n.template_text(piece)
    return text if text is not None else n.dotted(piece) or ""


def _kept_log(value: cst.BaseExpression, known: Mapping[str, str]) -> bool:
    """A file opened as a log kept by hand: a ``.log`` file, or one a name holds that is named for a
    log (``ERROR_LOG``, ``args.logfile``), judged by the text it holds where that is known
    (``LOG_FILE = "readings.csv"`` is data). ``known``: the names bound to strings here."""
    value = _last_piece(value)  # (`os.path.join(LOG_DIR, LOG_FILENAME)`, `LOG_DIR / "run.log"`)
    opened = _piece_text(value)
    if type(value) is cst.Name or type(value) is cst.Attribute:
        held = known.get(opened)
        if held:
            return held.lower().endswith(".log")
        return bool(_LOG_NAME.search(opened.rpartition(".")[2]))
    return opened.lower().endswith(".log")


def _reads_response_status(test: cst.BaseExpression) -> bool:
    """``r.status_code == 200``, ``r.ok``: a requests or httpx response (aiohttp's is ``status``)."""
    return any(
        type(node) is cst.Attribute and node.attr.value in {"status_code", "ok"}
        for node in (test, *n.descendants(test))
    )


def _ends_in_return(body: cst.BaseSuite) -> bool:
    smalls = _smalls(_block(body)[-1])
    return smalls is not None and len(smalls) > 0 and type(smalls[-1]) is cst.Return


def _status_owner(test: cst.BaseExpression) -> str:
    """``r`` in ``r.status_code == 200`` or ``not r.ok``."""
    while type(test) is cst.UnaryOperation:
        test = test.expression
    if type(test) is cst.Comparison:
        test = test.left
    owner = test.value if type(test) is cst.Attribute else test
    return n.dotted(owner) or ""


def _status_test(test: cst.BaseExpression) -> bool | None:
    """True when ``test`` holds on success, False when it holds on failure, None when it is not
    a plain status test."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = _status_test(test.expression)
        return None if inner is None else not inner
    if type(test) is cst.Attribute:
        if test.attr.value == "ok":
            return True
        return False if test.attr.value == "returncode" else None
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return None
    left, target = test.left, test.comparisons[0]
    if not (type(left) is cst.Attribute and left.attr.value in _STATUS_ATTRIBUTES):
        return None
    number = n.int_value(target.comparator)
    if number is None and left.attr.value != "returncode":
        number = _named_status(target.comparator)
    if number is None:
        return None
    good = number == 0 if left.attr.value == "returncode" else 200 <= number < 300
    operator = target.operator
    if isinstance(operator, (cst.Equal, cst.Is)) and good:
        return True
    if isinstance(operator, (cst.NotEqual, cst.IsNot)) and good:
        return False
    if left.attr.value == "returncode" and (number, type(operator)) in {
        (0, cst.GreaterThan),
        (1, cst.GreaterThanEqual),
    }:
        return False  # `proc.returncode > 0`
    if left.attr.value != "returncode" and number in (399, 400):
        if isinstance(operator, (cst.GreaterThanEqual, cst.GreaterThan)):
            return False
        if isinstance(operator, (cst.LessThan, cst.LessThanEqual)):
            return True
    return None


# HTTP statuses by name: `HTTPStatus.OK`, `requests.codes.ok`, (Django REST framework's)
# `status.HTTP_200_OK`.
_NAMED_STATUSES = {"ok": 200, "created": 201, "accepted": 202, "no_content": 204}
_STATUS_CONSTANT = re.compile(r"HTTP_(\d{3})_[A-Z_]+")


def _named_status(node: cst.BaseExpression) -> int | None:
    """The status a named constant stands for (``status.HTTP_200_OK``, ``HTTPStatus.OK``,
    ``requests.codes.ok``), or None."""
    if type(node) is not cst.Attribute:
        return None
    name = node.attr.value
    found = _STATUS_CONSTANT.fullmatch(name)
    if found is not None:
        return int(found.group(1))
    owner = (n.dotted(node.value) or "").rpartition(".")[2]
    if owner in {"HTTPStatus", "codes"}:
        return _NAMED_STATUSES.get(name.lower())
    return None


def _channel_consume(call: cst.Call) -> bool:
    """``for method, props, body in channel.consume(queue="jobs")``: pika's generator of messages,
    waiting for the next one for ever (a batch read, ``consumer.consume(10)``, is not one)."""
    owner, _, method = (n.callee(call) or "").rpartition(".")
    if method != "consume":
        return False
    last = owner.rpartition(".")[2].lower()
    return n.keyword(call, "queue") is not None or last in {"ch", "chan"} or last.endswith("channel")


def _registers_consumer(call: cst.Call, awaited: bool = False) -> bool:
    """``queue.consume(on_message)``: a consume call given the function to call back, its result
    unused (a batch read, ``consumer.consume(10)``, returns the messages); awaited, aio-pika's,
    whatever the function is called (``await queue.consume(store_page_stats)``)."""
    raw = n.callee(call) or ""
    if not raw.endswith(".consume"):
        return False
    args = n.positional(call)
    if not args:
        return False
    first = args[0].value
    if type(first) is cst.Call:
        return (n.callee(first) or "").rpartition(".")[2] == "partial"
    # (awaited, a queue's: not a rate limiter's `await bucket.consume(cost)`)
    queue = "queue" in raw.rpartition(".")[0].rpartition(".")[2].lower()
    return (
        isinstance(first, (cst.Lambda, cst.Attribute))
        or (awaited and queue and type(first) is cst.Name)
        or (
            type(first) is cst.Name
            and (
                first.value.startswith(("on_", "handle", "process", "callback", "_on_"))
                or first.value.endswith(("_handler", "_callback", "_cb"))  # (`queue.consume(message_handler)`)
            )
        )
    )


def _checked_path(test: cst.BaseExpression) -> str:
    """What an existence check asks about, as written: ``d`` of ``os.path.exists(d)`` or ``d.exists()``."""
    if type(test) is not cst.Call:
        return ""
    args = n.positional(test)
    if args:
        return n.dotted(args[0].value) or n.string_value(args[0].value) or ""
    receiver = (n.callee(test) or "").rpartition(".")[0]
    return receiver if receiver and "(" not in receiver else ""


def _asks_exists(node: cst.BaseExpression, kept: Collection[str] = ()) -> bool:
    """``os.path.exists(p)``, ``p.is_dir()`` and the like; also a name in ``kept``, holding such an
    answer (``found = os.path.exists(p)``)."""
    if type(node) is cst.Name:
        return node.value in kept
    return type(node) is cst.Call and (n.callee(node) or "").rpartition(".")[2] in {
        "exists",
        "isdir",
        "is_dir",
        "lexists",
    }


# What a lookup's result is read with: a database cursor's, SQLAlchemy's, MongoDB's.
_FETCHES = frozenset(
    {"fetchone", "fetchall", "fetchmany", "first", "one_or_none", "scalar", "scalar_one_or_none", "find_one", "count"}
)


def _fetched(value: cst.BaseExpression) -> bool:
    """``cur.fetchone()``, ``cur.execute(q).fetchone()[0]``, ``session.query(T).filter_by(k=k).first()``,
    and the keys of the rows fetched: ``{row[0] for row in cur.fetchall()}``."""
    value = _row_source(value)
    if type(value) is cst.Subscript:
        value = value.value
    if type(value) is not cst.Call:
        return False
    method = (n.callee(value) or "").rpartition(".")[2]
    # (`.count()` of a query, not `tags.count(tag)` of a list or a string)
    if method in _FETCHES and not (method == "count" and value.args):
        return True
    # (a helper running a query and handing back its rows: `self.execute_query("SELECT name FROM ...")`)
    first = value.args[0].value if value.args and value.args[0].keyword is None else None
    return first is not None and bool(_SELECT_QUERY.match(n.string_value(first) or ""))


_SELECT_QUERY = re.compile(r"\s*SELECT\b", re.IGNORECASE)
# How an app is given a function to run as it starts (see `Extractor._startup_hooks`)
_HOOK_REGISTRATIONS = frozenset({"append", "extend", "insert", "add_event_handler", "register_listener"})
_HOOK_KEYWORDS = frozenset({"on_startup", "lifespan"})


def _filled_template(value: cst.BaseExpression) -> cst.BaseExpression:
    """The text a value fills in: ``"SELECT ... {}".format(key)``'s and ``"... %s" % key``'s string,
    the first piece of ``"SELECT ... = '" + key + "'"``; the value itself otherwise."""
    if type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value == "format":
        return value.func.value
    if type(value) is cst.BinaryOperation and type(value.operator) is cst.Modulo:
        return value.left
    while type(value) is cst.BinaryOperation and type(value.operator) is cst.Add:
        value = value.left
    return value


def _returns_fetched(function: cst.FunctionDef) -> bool:
    """A function of plain statements (also in a ``with`` block: ``with conn.cursor() as cur:``)
    that ends by returning rows a query fetched (see :func:`_fetched`), directly or through names
    bound to them or to their keys: ``rows = cur.fetchall()`` then ``return [row[0] for row in
    rows]``, or ``ids = [r[0] for r in rows]`` then ``return ids``."""
    smalls: list[cst.BaseSmallStatement] = []
    for stmt in _block(function.body):
        inner = _simple_block(stmt.body) if type(stmt) is cst.With else _smalls(stmt)
        if not inner:
            return False
        smalls.extend(inner)
    if not smalls or type(smalls[-1]) is not cst.Return or smalls[-1].value is None:
        return False
    rows: set[str] = set()
    for small in smalls:
        if type(small) is cst.Assign and (_fetched(small.value) or _rows_of(small.value) in rows):
            rows.update(t.target.value for t in small.targets if type(t.target) is cst.Name)
    value = smalls[-1].value
    return _fetched(value) or _rows_of(value) in rows


def _rows_of(value: cst.BaseExpression) -> str:
    """The name a value is, or gathers its rows from (``[r[0] for r in rows]``, ``set(rows)``)."""
    value = _row_source(value)
    return value.value if type(value) is cst.Name else ""


def _row_source(value: cst.BaseExpression) -> cst.BaseExpression:
    """What a value gathers rows from: the iterable of a comprehension (``[r[0] for r in rows]``),
    also inside ``set(...)``, ``list(...)`` or ``dict(...)``, or what those are given; else the value itself."""
    while type(value) is cst.Call and n.callee(value) in {"set", "list", "dict"} and value.args:
        value = value.args[0].value  # (`list(set(cur.fetchall()))`)
    return value.for_in.iter if n.is_comprehension(value) else value


# Functions named for looking a key up: `user_exists(uid)`, `db.get_user(uid)`, `find_by_url(url)`
# (not `is_new_user()`, `check_...()`: which answer is "there" depends on the word)
_EXISTENCE_NAME = re.compile(
    r"(?:^|_)(?:exists?|in_db|in_database)$|^(?:get|find|fetch|select|lookup|search)_(?!all$|list$|many$)\w+"
    # (`has_duplicate_address(addr)`, `is_seen(url)`, `already_posted(id)`)
    r"|^(?:has|is)_(?:duplicate|dupe|seen|known)(?:_|$)|^already_(?:seen|exists?|known|posted|sent|stored)(?:_|$)"
)


# `get_kafka_consumer_by_envs`, `make_consumer`: a function building a consumer (not `list_consumer_groups`)
_CONSUMER_FACTORY = re.compile(r"^(?:get|make|create|build|new|init)_(?:\w+_)?consumer(?:_by_\w+|_from_\w+)?$")
# ... and for finding it absent: `new_ad(item)`, `is_new_user(uid)`, `not_seen(url)`
_ABSENCE_NAME = re.compile(
    r"^(?:is_)?(?:new(?!_(?:day|week|month|year|hour|minute|period|quarter|season))|unseen|not_seen|not_exists?|not_in_db)(?:_|$)"
)


def _absence_call(node: cst.BaseExpression) -> bool:
    return _keyed_call(node, _ABSENCE_NAME)


def _existence_call(node: cst.BaseExpression) -> bool:
    # (not a file's: `os.path.exists(LOCK)`, `exists(path)` imported from os.path)
    return _keyed_call(node, _EXISTENCE_NAME) and type(node) is cst.Call and n.callee(node) not in _PATH_TESTS


_PATH_TESTS = frozenset(
    {"os.path.exists", "path.exists", "exists", "os.path.isfile", "isfile", "os.path.isdir", "isdir"}
)


def _keyed_call(node: cst.BaseExpression, named: re.Pattern[str]) -> bool:
    """A call of a function named for looking a key up (``named``: :data:`_EXISTENCE_NAME`,
    :data:`_ABSENCE_NAME`), given the key (``user_exists(message.from_user.id)``), written in
    either case (``userExists``)."""
    if type(node) is not cst.Call or not node.args:
        return False
    name = (n.callee(node) or "").rpartition(".")[2]
    return bool(named.search(n.snake(name)))


def _local_preview(call: cst.Call, ctx: Context) -> bool:
    """``HTTPServer(("localhost", port), SimpleHTTPRequestHandler)`` (also through
    ``functools.partial``): the stock file handler on the loopback address, a preview for the
    person at the keyboard, not a service (a handler of the project's own behind a proxy, or the
    stock one on every address, may well be one)."""
    args = n.positional(call)
    if len(args) < 2:
        return False
    address, handler = args[0].value, args[1].value
    local = (
        isinstance(address, cst.Tuple)
        and bool(address.elements)
        and n.string_value(address.elements[0].value) in {"localhost", "127.0.0.1", "::1"}
    )
    if type(handler) is cst.Call and (n.callee(handler) or "").endswith("partial") and handler.args:
        handler = handler.args[0].value
    elif type(handler) is cst.Name and ctx.object_ctor(handler.value) == "functools.partial":
        return local  # (`handler = functools.partial(SimpleHTTPRequestHandler, directory=out)`)
    return local and (n.dotted(handler) or "").rpartition(".")[2] == "SimpleHTTPRequestHandler"


def _serves_forever(body: cst.BaseSuite, name: str) -> bool:
    """``name.serve_forever()`` as a statement of the block (not ``handle_request()``, one request)."""
    for stmt in _block(body):
        for small in _smalls(stmt) or ():
            value = small.value if type(small) is cst.Expr else None
            if type(value) is cst.Call and n.callee(value) == f"{name}.serve_forever":
                return True
    return False


def _probes_row(body: cst.BaseSuite) -> bool:
    """A ``try`` block that indexes a lookup's row (``cur.fetchone()[0]``, ``x = cur.fetchone()[0]``)."""
    for stmt in _block(body):
        for small in _smalls(stmt) or ():
            value = small.value if type(small) is cst.Expr or type(small) is cst.Assign else None
            if type(value) is cst.Subscript and _fetched(value.value):
                return True
    return False


def _catches_missing_row(handler: cst.ExceptHandler, ctx: Context) -> bool:
    """A handler for what indexing a missing row raises: a bare or broad one, ``TypeError``."""
    names = _exception_names(handler.type, ctx)
    return not names or bool(names & (BROAD_EXCEPTIONS | {"TypeError"}))


def _lookup_test(test: cst.BaseExpression, fetched: set[str], scope: str) -> bool | None:
    """Whether ``test`` holds when a row looked up is there (True: ``row``, ``row is not None``,
    ``key in rows``) or when it is not (False: ``not row``, ``row is None``, ``count == 0``,
    ``len(rows) == 0``, ``key not in rows``), on a lookup's result (a name bound from one in this
    function, or the lookup itself: ``if cur.fetchone() is None``, ``(row := cur.fetchone())``,
    or the rows an update touched: ``cur.rowcount == 0``); None for any other test."""

    def lookup(node: cst.BaseExpression) -> bool:
        if type(node) is cst.Call and n.callee(node) in {"len", "str", "list", "set"} and node.args:
            node = node.args[0].value
        if type(node) is cst.Subscript and type(node.value) is cst.Name:
            node = node.value  # `result[0] == 0` after `result = cur.fetchone()` (a count's row)
        if type(node) is cst.NamedExpr:  # `if (row := cur.fetchone()) is None:`
            node = node.value
        if type(node) is cst.Attribute and node.attr.value == "rowcount":
            return True  # `cur.execute("UPDATE t ..."); if cur.rowcount == 0:`: the update found no row
        return (
            _fetched(node)
            or (type(node) is cst.Name and f"{scope}:{node.value}" in fetched)
            or _existence_call(node.expression if type(node) is cst.Await else node)
        )

    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = _lookup_test(test.expression, fetched, scope)
        return None if inner is None else not inner
    if lookup(test):
        return True
    if _absence_call(test.expression if type(test) is cst.Await else test):
        return False  # `if self.new_ad(item):`, a lookup that holds when the key is not there
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        operator = target.operator
        if type(operator) in (cst.In, cst.NotIn):
            return type(operator) is cst.In if lookup(target.comparator) else None
        empty = n.is_none(target.comparator) or (
            type(target.comparator) is cst.Integer and target.comparator.value == "0"
        )
        if not (empty and lookup(test.left)):
            return None
        if isinstance(operator, (cst.Is, cst.Equal)):
            return False
        if isinstance(operator, (cst.IsNot, cst.NotEqual, cst.GreaterThan)):
            return True
    return None


def _is_exists_check(test: cst.BaseExpression, kept: Collection[str] = (), absent: Collection[str] = ()) -> bool:
    """``if not os.path.exists(p)``, ``if not p.is_dir()`` and the like (``kept``: names holding
    such an answer, see :func:`_asks_exists`; ``absent``: names holding its negation, `fresh = not
    os.path.isdir(d)`, tested as they are: `if fresh and not dry_run:`)."""
    if type(test) is cst.Name:
        return test.value in absent
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return _asks_exists(test.expression, kept)
    if type(test) is cst.BooleanOperation:
        return _is_exists_check(test.left, kept, absent) or _is_exists_check(test.right, kept, absent)
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        # `os.path.exists(p) == False`, `p.exists() is False`
        target = test.comparisons[0]
        negative = type(target.operator) in (cst.Equal, cst.Is) and n.dotted(target.comparator) == "False"
        return negative and _asks_exists(test.left, kept)
    return False


# Undoing or releasing what the failed work held: a handler that also does this still only reports.
_CLEANUP_METHODS = frozenset({"rollback", "close", "quit"})
# (and a file left behind by the failed step: `os.remove(partial)`)
_TIDYING_METHODS = _CLEANUP_METHODS | {"remove", "unlink"}
# What a poller that gives up calls on its network client before leaving (not `driver.quit()`
# or `f.close()`, which a loop that ran out of pages or lines calls as well).
_DISCONNECTS = frozenset({"disconnect", "loop_stop"})


def _simple_block(body: cst.BaseSuite) -> list[cst.BaseSmallStatement] | None:
    """The small statements of a block made of simple lines only; None if it holds a compound one."""
    smalls: list[cst.BaseSmallStatement] = []
    for stmt in _block(body):
        found = _smalls(stmt)
        if found is None:
            return None
        smalls.extend(found)
    return smalls


def _smalls(stmt: cst.CSTNode) -> Sequence[cst.BaseSmallStatement] | None:
    """The small statements of a simple statement line; None for a compound statement."""
    return stmt.body if type(stmt) is cst.SimpleStatementLine or type(stmt) is cst.SimpleStatementSuite else None


_FAILED_WORDS = re.compile(
    r"\b(?:error|fail(?:ed|ure)?|does not exist|doesn't exist|not found|no such|invalid|cannot|can't|unable"
    r"|must not be|must be set)\b",  # (`"token must not be none!"`: a setting missing)
    re.IGNORECASE,
)


# Words saying the work broke, for a print in an `else:` ending a function (not "cannot place
# orders" when the market is closed, "invalid" of an option: a condition the `if` tested)
_SAYS_BROKE = re.compile(r"\b(?:error|fail(?:ed|ure)?|does not exist|doesn't exist|not found|no such)\b", re.IGNORECASE)
# "No failed jobs, nothing to retry.", "not running, nothing to stop", "0 errors": no failure
_NOTHING_TO_DO = re.compile(
    r"\bnothing\b|\b(?:no|without|zero|0) (?:failed|failures?|errors?)\b|\balready\b"
    # (a warning, or a usage text, however its words read: "Warning: .env not found", "Usage: ... invalid rows")
    r"|^\W*(?:warn(?:ing)?\b|usage\s*:)",
    re.IGNORECASE,
)


# "... not found, using the default settings", "skipping": a fallback taken on purpose
_FALLBACK_WORDS = re.compile(r"\busing\b|\bfall(?:ing|s)? back\b|\bskip\w*|\bignor\w*|\binstead\b|\bdefaults?\b", re.I)
_ERROR_WORD = re.compile(r"\berror\b", re.I)


# Slack Web API calls that post a message: a notice of the work, not the work
_SLACK_POSTS = frozenset(
    {
        "chat_postMessage",
        "chat_postEphemeral",
        "chat_update",
        "chat_scheduleMessage",
        "reactions_add",
        "files_upload",
        "files_upload_v2",
    }
)


def _only_posts(body: cst.BaseSuite) -> bool:
    """A ``try`` block whose Slack calls only post (``slack.chat_postMessage(...)``): a
    ``SlackApiError`` caught there is a notice that failed, not the job's work."""
    posted = False
    for node in n.descendants(body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute:
            method = node.func.attr.value
            if method in _SLACK_POSTS:
                posted = True
            elif method.startswith(("conversations_", "users_", "channels_", "admin_", "files_list", "chat_delete")):
                return False
    return posted


def _flag_of(test: cst.BaseExpression) -> str | None:
    """The flag a run-until-stopped test reads: ``self.running``, ``running``, ``self._stop`` in
    ``not self._stop.is_set()``."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    if type(test) is cst.Call and type(test.func) is cst.Attribute:
        test = test.func.value  # (`stop.is_set()`)
    return n.dotted(test) if type(test) is cst.Name or type(test) is cst.Attribute else None


def _catches_all(handler: cst.ExceptHandler, ctx: Context) -> bool:
    """``except:``, ``except Exception as ex:``, ``except BaseException:``."""
    names = _exception_names(handler.type, ctx)
    return not names or bool(names & BROAD_EXCEPTIONS)


def _printed_text(call: cst.Call | None) -> str:
    """The literal text a print or log call starts with (``"The path %s does not exist." % p``,
    ``"Error with status code {}".format(code)``, an f-string's literal parts)."""
    if call is None or not call.args:
        return ""
    if n.callee(call) == "print" and len(call.args) > 1 and not any(a.keyword or a.star for a in call.args):
        # `print("Folder", path, "not found")`: the words print joins, values between them
        return " ".join(_printed_text(call.with_changes(args=[arg])) or "{}" for arg in call.args)
    first = call.args[0].value
    while type(first) is cst.BinaryOperation:  # `"..." % value`, `"..." + value`
        first = first.left
    if type(first) is cst.Call and type(first.func) is cst.Attribute and first.func.attr.value == "format":
        first = first.func.value  # `"Error with status code {}".format(code)`
    if type(first) is cst.FormattedString:
        return "".join(p.value for p in first.parts if type(p) is cst.FormattedStringText)
    return n.string_value(first) or ""


def _says_fallback(call: cst.Call | None) -> bool:
    """A print whose text says what is done instead (``"config.json not found, using the defaults"``)."""
    text = _printed_text(call)
    return bool(_FALLBACK_WORDS.search(text)) and not _ERROR_WORD.search(text)


def _says_failed(call: cst.Call | None) -> bool:
    """A print whose text tells of a failure (``print("The path %s does not exist." % p)``)."""
    text = _printed_text(call)
    return bool(_FAILED_WORDS.search(text)) and not _NOTHING_TO_DO.search(text)


def _small_call(small: cst.BaseSmallStatement, *, assigned: bool = False) -> cst.Call | None:
    """The call a statement makes (``f()``, ``await f()``; with ``assigned``, ``x = f()`` too)."""
    value = small.value if type(small) is cst.Expr or (assigned and type(small) is cst.Assign) else None
    if type(value) is cst.Await:
        value = value.expression
    return value if type(value) is cst.Call else None


def _cleans_up(small: cst.BaseSmallStatement, methods: frozenset[str] = _CLEANUP_METHODS) -> bool:
    """``conn.rollback()``, ``cursor.close()``, ``driver.quit()`` (awaited or not)."""
    call = _small_call(small)
    name = n.callee(call) if call is not None else None
    return name is not None and "." in name and name.rpartition(".")[2] in methods


def _only_cleanup(stmt: cst.BaseStatement) -> bool:
    """A statement that only cleans up or reports: ``self.client.loop_stop()``, ``log.info("bye")``."""
    smalls = _smalls(stmt)
    return smalls is not None and all(
        _cleans_up(small, _CLEANUP_METHODS | {"loop_stop", "disconnect"})
        or ((call := _small_call(small)) is not None and _is_report_call(n.callee(call) or ""))
        for small in smalls
    )


def _only_cleans_up(stmt: cst.If) -> bool:
    """``if conn: conn.rollback()``: a guarded clean-up, nothing else."""
    if stmt.orelse is not None:
        return False
    for inner in _block(stmt.body):
        smalls = _smalls(inner)
        if smalls is None or not all(_cleans_up(small) for small in smalls):
            return False
    return True


def _only_pings(body: cst.BaseSuite) -> bool:
    """``try: requests.get(HEARTBEAT_URL, timeout=5)``: one or two statements, each a call that
    names a heartbeat or a dead man's switch (its callee, or a name or string it is given)."""
    statements = _block(body)
    if len(statements) > 2:
        return False
    for stmt in statements:
        smalls = _smalls(stmt) or ()
        value = _small_call(smalls[0], assigned=True) if len(smalls) == 1 else None
        if value is None:
            return False
        texts = [n.dotted(value.func) or ""] + [n.dotted(a.value) or n.string_value(a.value) or "" for a in value.args]
        if not any(_says_heartbeat(t) or _heartbeat_text(t) for t in texts):
            return False
    return True


def _queryset(value: cst.BaseExpression) -> bool:
    """``Watch.objects.filter(...)``, ``Watch.objects.all()[:500]``: rows of a Django model
    (``Tweet.query.filter(...).all()``: of a Flask-SQLAlchemy one)."""
    while type(value) is cst.Subscript:
        value = value.value
    callee = n.callee(value) if type(value) is cst.Call else None
    return callee is not None and (".objects." in callee or ".query." in callee)


def _stops_when_empty(body: cst.BaseSuite, ctx: Context, test: cst.BaseExpression) -> bool:
    """``if not messages: break`` (also ``return``, ``len(x) == 0``, ``"Messages" not
    in resp``) in the loop's own body or one ``if``/``try`` down: the loop takes what is there and
    stops, a batch run to completion; so does ``while msg:`` on what the body receives again
    (``msg = consumer.poll(timeout=2.0)``)."""
    nodes = list(n.descendants(body, skip=(cst.For, cst.While)))
    # (the names the loop binds to what it received: `messages = resp.get("Messages")`; not a
    # flag it never sets itself, `if not self.running: break`)
    received = {
        bound.value
        for node in nodes
        if type(node) is cst.Assign and any(type(x) is cst.Call for x in (node.value, *n.descendants(node.value)))
        for target in node.targets
        for bound in _bound_names(target.target)
        if type(bound) is cst.Name
    }
    # (`while msg:` on what the body takes again from the consume call, `msg = consumer.poll(2.0)`;
    # not a flag the body sets, `running = not stop.is_set()`)
    stops = type(test) is cst.Name and any(
        type(node) is cst.Assign
        and any(type(t.target) is cst.Name and t.target.value == test.value for t in node.targets)
        and type(value := node.value.expression if type(node.value) is cst.Await else node.value) is cst.Call
        and (n.callee(value) or "").rpartition(".")[2] in CONSUME_METHODS
        for node in nodes
    )
    for stmt in nodes:
        if type(stmt) is cst.Try and _missing_key_ends(stmt, received, ctx):
            stops = True  # `try: body = resp["Messages"][0]` / `except KeyError: break`: drained
            continue
        if type(stmt) is not cst.If or _empty_subject(stmt.test) not in received:
            continue
        smalls = _simple_block(stmt.body) or []
        if any(type(s) is cst.Continue for s in smalls):
            return False  # `if "Messages" not in resp: time.sleep(10); continue`: it waits for more
        stops = stops or any(isinstance(s, (cst.Break, cst.Return)) for s in smalls)
    return stops


def _missing_key_ends(node: cst.Try, received: set[str], ctx: Context) -> bool:
    """A ``try`` that indexes what the loop received (``resp["Messages"][0]``) and leaves the loop
    when the key or item is not there (``except KeyError: log.info("all consumed"); break``)."""
    reads = any(
        type(sub) is cst.Subscript and type(base := _subscript_base(sub)) is cst.Name and base.value in received
        for sub in n.descendants(node.body)
    )
    return reads and any(
        _exception_names(handler.type, ctx) & {"KeyError", "IndexError"}
        and any(type(s) is cst.Break or type(s) is cst.Return for s in _simple_block(handler.body) or [])
        for handler in node.handlers
    )


def _subscript_base(node: cst.Subscript) -> cst.BaseExpression:
    """``resp["Messages"][0]["Body"]``: ``resp``."""
    value = node.value
    while type(value) is cst.Subscript:
        value = value.value
    return value


def _empty_subject(test: cst.BaseExpression) -> str | None:
    """The name a test finds empty: ``not msgs``, ``"Messages" not in resp``,
    ``len(msgs) == 0`` (``not resp.get("Messages")``: ``resp``)."""
    subject: cst.BaseExpression | None = None
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        subject = test.expression
    elif type(test) is cst.Comparison and len(test.comparisons) == 1:
        target = test.comparisons[0]
        # (not `item is None`: the sentinel a blocking `queue.get()` is handed to stop its thread)
        if type(target.operator) is cst.NotIn:
            subject = target.comparator
        elif (
            isinstance(target.operator, (cst.Equal, cst.LessThanEqual))
            and type(test.left) is cst.Call
            and n.callee(test.left) == "len"
            and test.left.args
            and n.int_value(target.comparator) == 0
        ):
            subject = test.left.args[0].value
    while isinstance(subject, (cst.Call, cst.Attribute, cst.Subscript)):
        subject = subject.func if isinstance(subject, cst.Call) else subject.value
    return subject.value if type(subject) is cst.Name else None


def _meet(branch: tuple[int, ...], other: tuple[int, ...]) -> tuple[int, ...]:
    """The blocks two places share (see `Extractor.branch`): where a branch and another meet."""
    shared = 0
    while shared < min(len(branch), len(other)) and branch[shared] == other[shared]:
        shared += 1
    return branch[:shared]


def _eager_parts(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``node`` and what it holds, as they are evaluated where written: a lambda left out
    (`lambda *_: stop.set()` runs later, when it is called)."""
    if type(node) is not cst.Lambda:
        yield node
        yield from n.descendants(node)


def _breaks_out(body: cst.CSTNode, *, returns: bool = False) -> bool:
    """A ``break`` of the loop itself (not of a loop nested in it); with ``returns``, a ``return``
    too (a ``raise`` leaves it as well, but loudly)."""
    leaving = (cst.Break, cst.Return) if returns else (cst.Break,)
    return any(type(node) in leaving for node in n.descendants(body, skip=(cst.For, cst.While)))


def _leaves_loop(node: cst.Try) -> bool:
    """``try: work(); return`` or ``try: work() ... else: break``: the attempt ends the loop once it works."""
    blocks = [node.body] if node.orelse is None else [node.body, node.orelse.body]
    for block in blocks:
        for stmt in _block(block):
            if any(isinstance(small, (cst.Return, cst.Break)) for small in _smalls(stmt) or ()):
                return True
    return False


_STOPS_BY_HAND = frozenset({"KeyboardInterrupt"})


# Airflow's DAG class and its TaskFlow decorator, by the modules that export them (Airflow 2 and 3)
_AIRFLOW_BASH = frozenset(
    {
        "airflow.operators.bash.BashOperator",
        "airflow.operators.bash_operator.BashOperator",
        "airflow.providers.standard.operators.bash.BashOperator",
    }
)
_AIRFLOW_PYTHON_OPERATORS = frozenset(
    f"airflow.operators.{module}.PythonOperator" for module in ("python", "python_operator")
) | {"airflow.providers.standard.operators.python.PythonOperator"}
_AIRFLOW_DAGS = frozenset({"airflow.DAG", "airflow.models.DAG", "airflow.models.dag.DAG", "airflow.sdk.DAG"})
_AIRFLOW_DAG_DECORATORS = frozenset({"airflow.decorators.dag", "airflow.sdk.dag"})


# What a retry works its delay or its message out with (`min(b * 2, 5)`, `str(e)`, and `random.uniform(0, .25)`)
_DELAY_CALLS = frozenset({"min", "max", "str", "repr", "float", "int", "round", "len", "str().lower"})


def _bare_raise(small: cst.CSTNode) -> bool:
    """``raise`` with nothing after it: the exception being handled, raised again."""
    return type(small) is cst.Raise and small.exc is None


# A count of failures allowed in a row: `retry`, `retries`, `attempts_left`, `max_tries`, `errors`
_BUDGET_NAME = re.compile(r"retr|attempt|tries|fail|error", re.IGNORECASE)


def _retry_budget(node: cst.While) -> bool:
    """``while retry != 0:`` (or ``> 0``) whose body counts failures down (``retry -= 1``) and sets
    the count back to a budget on success (``retry = MAX_RETRIES``): it runs for as long as the
    work goes on working, ending only after too many failures in a row."""
    test = node.test
    if type(test) is not cst.Comparison or len(test.comparisons) != 1 or type(test.left) is not cst.Name:
        return False
    target = test.comparisons[0]
    if type(target.operator) not in (cst.NotEqual, cst.GreaterThan) or n.int_value(target.comparator) != 0:
        return False
    name = test.left.value
    if not _BUDGET_NAME.search(name):
        return False  # (not `while empty > 0:`, polls left before a drain stops)
    counted = reset = False
    for inner in n.descendants(node.body):
        if type(inner) is cst.AugAssign and type(inner.target) is cst.Name and inner.target.value == name:
            counted = counted or type(inner.operator) is cst.SubtractAssign
        elif type(inner) is cst.Assign and any(
            type(t.target) is cst.Name and t.target.value == name for t in inner.targets
        ):
            value = inner.value
            # (set back to a budget: `MAX_RETRIES`, `3`; not `retry = 0`, which ends the loop)
            reset = reset or (type(value) is cst.Name and value.value.isupper()) or (n.int_value(value) or 0) > 0
    return counted and reset


def _cleared_inside(node: cst.While) -> bool:
    """``while flag:`` whose own body sets ``flag = False`` when the work is done (not in an
    ``except`` handler, a stop by hand or on error, nor on an ``if`` branch, nor in a function
    defined inside): the loop ends by itself."""
    if type(node.test) is not cst.Name:
        return False
    flag = node.test.value
    # (not on a branch, `if msg["type"] == "shutdown": running = False`: a rare way out of a loop
    # that otherwise runs for ever)
    for inner in n.descendants(node.body, skip=(cst.ExceptHandler, cst.If, cst.Match)):
        if (
            type(inner) is cst.Assign
            and _is_false(inner.value)
            and any(type(t.target) is cst.Name and t.target.value == flag for t in inner.targets)
        ):
            return True
    return False


def _setting_holds(node: cst.While) -> bool:
    """``while int(settings["INTERVAL"]) > 0:`` with the loop pausing between rounds: a setting
    compared with a number, which the body never changes (no name of the test bound there): round
    after round, for as long as the process runs (a countdown, ``while left > 0: left -= 1``, ends)."""
    test = node.test
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return False
    # (`> 0`, `>= 1`, `!= 0`: a setting switched on; not a wait for a state, `!= 16`)
    target = test.comparisons[0]
    bound = n.int_value(target.comparator)
    if not (
        (type(target.operator) is cst.GreaterThan and bound == 0)
        or (type(target.operator) is cst.GreaterThanEqual and bound == 1)
        or (type(target.operator) is cst.NotEqual and bound == 0)
    ):
        return False
    read = test.left
    if type(read) is cst.Call and n.callee(read) in {"int", "float"} and len(read.args) == 1:
        read = read.args[0].value
    if type(read) is cst.Subscript:
        read = read.value
    if type(read) not in (cst.Name, cst.Attribute):
        return False
    tested = (n.dotted(read) or "").partition(".")[0]
    if not tested:
        return False
    for inner in n.descendants(node.body):
        targets: list[cst.BaseExpression] = []
        if type(inner) is cst.Assign:
            targets = [t.target for t in inner.targets]
        elif isinstance(inner, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
            targets = [inner.target]
        if any(
            (n.dotted(t.value if type(t) is cst.Subscript else t) or "").partition(".")[0] == tested for t in targets
        ):
            return False  # (`settings["INTERVAL"] = ...`, `left -= 1`: the test's value changed)
        if type(inner) is cst.Break:
            return False
        if type(inner) is cst.Call and (n.callee(inner) or "").startswith(f"{tested}."):
            return False  # (`queue.reload()`, `instance.refresh()`: the value read again)
    return any(
        type(inner) is cst.Call and (n.callee(inner) or "").rpartition(".")[2] == "sleep"
        for inner in n.descendants(node.body)
    )


def _is_forever(test: cst.BaseExpression) -> bool:
    if type(test) is cst.Name:
        return True  # while True / while running / while not stopping below
    if type(test) is cst.Integer:
        return test.value not in {"0"}
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        return isinstance(test.expression, (cst.Name, cst.Attribute, cst.Call))
    return isinstance(test, (cst.Attribute, cst.Call))


def _exception_names(node: cst.CSTNode | None, ctx: Context) -> set[str]:
    if node is None:
        return {""}
    if type(node) is cst.Tuple:
        out: set[str] = set()
        for element in node.elements:
            out |= _exception_names(element.value, ctx)
        return out
    name = n.dotted(node)
    if name is None:
        return set()
    resolved = ctx.resolve(name) or name
    return {resolved.rsplit(".", 1)[-1] if resolved.startswith("builtins.") else resolved}


def _string_list(node: cst.CSTNode) -> list[str]:
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        out = []
        for element in node.elements:
            value = n.string_value(element.value)
            if value is not None:
                out.append(value)
        return out
    if type(node) is cst.BinaryOperation:
        return _string_list(node.left) + _string_list(node.right)
    single = n.string_value(node)
    return [single] if single is not None else []


def _is_null_handler(node: cst.Call) -> bool:
    args = n.positional(node)
    if not args:
        return True
    first = args[0].value
    name = n.callee(first) if type(first) is cst.Call else n.dotted(first)
    return bool(name and name.endswith("NullHandler"))


_STATUS_NAMES = frozenset({"rc", "code", "status", "exit_code", "exit_status", "returncode", "ret"})


# Calls that tell someone of a failure: an alert, a mail, an error tracker's capture.
# (not `send_message`: `sqs.send_message(QueueUrl=DEAD_LETTERS, ...)` keeps the failed item)
_TELL_WORDS = (
    r"alert|notify|notification|capture_exception|capture_message|send_(?:alert|slack|mail|email|notification)"
    # (`send_failure_email_notif()`, `send_error_mail()`: a sending helper named for the failure it tells of)
    r"|send_[a-z_]*?(?:fail|error|alert|notif)[a-z_]*"
)
_TELLS = re.compile(rf"(?:^|\.)_?(?:{_TELL_WORDS})$")
# Calls of a failure branch that only tell someone: notifications, status and metric updates.
_NOTE_CALL = re.compile(rf"(?:^|\.)_?(?:{_TELL_WORDS}|send_message|report|update_status|set_status|inc|observe)$")
_SUCCESS_WORDS = frozenset({"success", "succeeded", "ok", "done", "completed", "complete", "passed"})
_FAILURE_WORDS = frozenset({"error", "errors", "failed", "failure", "fail", "err"})


# Words saying the work broke (not "not found" or "no such", which a narrow handler often says of
# a thing already gone: `except UnknownObjectException: print("No such branch", name)`)
_BROKE_WORDS = re.compile(r"\b(?:error|fail(?:ed|ure)?|invalid|cannot|can't|unable)\b", re.IGNORECASE)


# A parameter that names the value to fall back to
_FALLBACK_PARAM = re.compile(
    r"(?:^|_)(?:defaults?|fallback|otherwise|alt|alternative)(?:_|$)|^(?:default|fallback)|if_(?:missing|none|error)",
    re.IGNORECASE,
)
# What a message says when the code carries on past the failure on purpose
_CARRIES_ON = re.compile(
    r"\b(?:ignoring|using (?:the )?defaults?|falling back|fall(?:s|ing)? back to|skipping|continuing with(?:out)?"
    r"|carrying on)\b",
    re.IGNORECASE,
)


def _says_carries_on(smalls: Sequence[cst.BaseSmallStatement]) -> bool:
    """A report saying the code goes on without what failed: "ignoring it and using the defaults"."""
    for small in smalls:
        call = _small_call(small)
        if call is not None and any(_CARRIES_ON.search(_message_text(arg.value)) for arg in call.args):
            return True
    return False


# Calls that only clean up: a best-effort removal of a working directory, closing a connection
_REMOVALS = frozenset({"rmtree", "remove", "unlink", "rmdir"})
_TIDY_CALLS = _REMOVALS | {"close", "quit", "disconnect", "cleanup", "terminate"}


def _branches(stmt: cst.If) -> list[cst.BaseSuite]:
    """The bodies of an ``if``/``elif``/``else`` chain, an empty ``else`` left out."""
    out: list[cst.BaseSuite] = []
    current: cst.If | cst.Else | None = stmt
    while current is not None:
        out.append(current.body)
        current = current.orelse if type(current) is cst.If else None
    return out


def _tests_only(stmt: cst.If, read: set[str], modules: Mapping[str, str]) -> bool:
    """An ``if`` chain whose tests read only ``read`` (and literals): it branches on what was caught."""
    current: cst.If | cst.Else | None = stmt
    while type(current) is cst.If:
        if not _reads_only(current.test, read, modules):
            return False
        current = current.orelse
    return True


def _reads_only(expr: cst.BaseExpression, read: set[str], modules: Mapping[str, str]) -> bool:
    """An expression whose names are all in ``read`` (attributes, subscripts, calls on them,
    literals and constants of imported modules allowed), at least one of them: ``e.errno``,
    ``e.response.get("Error").get("Code")``, ``code == "NotFound"``, ``e.errno == errno.ENOENT``."""
    nodes = (expr, *n.descendants(expr))
    attributes = {id(node.attr) for node in nodes if type(node) is cst.Attribute}  # (`.response`, `.get`)
    roots = {node.value for node in nodes if type(node) is cst.Name and id(node) not in attributes}
    return bool(roots & read) and all(root in read or root in _READ_FREELY or root in modules for root in roots)


_READ_FREELY = frozenset({"True", "False", "None", "str", "getattr", "isinstance"})


def _only_tidies(body: cst.BaseSuite, removals: bool = True) -> bool:
    """A ``try`` block whose statements are all clean-up calls: closing, or removing a scratch
    path (``shutil.rmtree(workdir)``, not ``shutil.rmtree(old_backup)``, a retention job's work);
    with ``removals`` off, only closing (``pool.disconnect()``)."""
    smalls = _simple_block(body)
    if not smalls:
        return False
    tidies = False
    for small in smalls:
        call = _small_call(small)
        name = (n.callee(call) or "") if call is not None else ""
        if call is not None and _is_report_call(name):
            continue  # (`pool.disconnect(); print("disconnected")`: the clean-up, noted)
        method = name.rpartition(".")[2]
        if call is None or method not in _TIDY_CALLS:
            return False
        if method in _REMOVALS and not (removals and _SCRATCH.search(_args_text(call))):
            return False
        tidies = True
    return tidies


# A working copy's name: what a job makes for itself and removes when done
_SCRATCH = re.compile(r"te?mp|work_?dir|scratch|staging|cache", re.IGNORECASE)


def _message_text(node: cst.BaseExpression) -> str:
    """The literal text of a message, also one joined with ``+`` (``"Invalid file!" + str(e)``)."""
    if type(node) is cst.BinaryOperation and type(node.operator) is cst.Add:
        return _message_text(node.left) + " " + _message_text(node.right)
    return n.template_text(node) or ""


def _failure_value(value: cst.BaseExpression) -> bool:
    """``False``, ``(False, message)``, ``{"status": "error", ...}``, ``{"success": False}``."""
    if type(value) is cst.Name:
        return value.value == "False"
    if type(value) is cst.Tuple:
        return bool(value.elements) and n.dotted(value.elements[0].value) in {"False", "None"}
    if type(value) is cst.Dict:
        for element in value.elements:
            if type(element) is not cst.DictElement:
                continue
            key = (n.string_value(element.key) or "").lower()
            shown = n.string_value(element.value)
            if key in {"status", "state", "result"} and shown is not None and shown.lower() in _FAILURE_WORDS:
                return True
            if key in {"success", "ok"} and n.dotted(element.value) == "False":
                return True
    return False


def _tested(test: cst.BaseExpression) -> str | cst.Call | None:
    """What a test asks about: ``rows`` in ``if rows``, ``not rows``, ``rows is None``,
    ``result["status"] == "success"``, ``type(rows) == list``, ``len(rows)``; or the call in
    ``if not upload(path)``."""
    while type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        test = test.expression
    if type(test) is cst.Comparison and len(test.comparisons) == 1:
        test = test.left
    while True:
        if type(test) is cst.Subscript or type(test) is cst.Attribute:
            test = test.value
        elif type(test) is cst.Call and n.callee(test) in {"isinstance", "type", "len", "bool"} and test.args:
            test = test.args[0].value
        elif type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "get":
            test = test.func.value  # `result.get("ok")`
        else:
            break
    if type(test) is cst.Name:
        return test.value
    return test if type(test) is cst.Call else None


def _result_test(test: cst.BaseExpression) -> bool | None:
    """True when a test of a result holds on success (``if rows``, ``status == "success"``),
    False when it holds on failure (``if not ok``, ``rows is None``, ``status == "error"``),
    None when it says neither (``status == "disabled"``)."""
    if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not:
        inner = _result_test(test.expression)
        return None if inner is None else not inner
    if type(test) in (cst.Name, cst.Subscript, cst.Attribute):
        # (`if error:` after `error = run()`, `if result.failed:`: the body handles the failure)
        last = test.attr.value if type(test) is cst.Attribute else None
        last = test.value if type(test) is cst.Name else last
        if type(test) is cst.Subscript and len(test.slice) == 1:
            index = test.slice[0].slice
            last = n.string_value(index.value) if type(index) is cst.Index else None
        return (last or "").lower() not in _FAILURE_WORDS
    if type(test) is cst.Call and type(test.func) is cst.Attribute and test.func.attr.value == "get":
        args = n.positional(test)
        key = n.string_value(args[0].value) if args else None
        return (key or "").lower() not in _FAILURE_WORDS  # `result.get("error")` holds on failure
    if type(test) is cst.Call:
        return True  # `if isinstance(rows, list)`, `if len(rows)`, `if upload(path)`
    if type(test) is not cst.Comparison or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator, other = target.operator, target.comparator
    same = type(operator) in (cst.Equal, cst.Is)
    if not same and type(operator) not in (cst.NotEqual, cst.IsNot):
        return None
    shown = n.string_value(other)
    word = (shown or "").lower()
    if n.dotted(other) in {"None", "False"} or word in _FAILURE_WORDS:
        holds_on_success = False
    elif n.dotted(other) == "True" or word in _SUCCESS_WORDS:
        holds_on_success = True
    elif type(test.left) is cst.Call and n.callee(test.left) == "type":
        holds_on_success = True  # `type(rows) == list`
    else:
        return None
    return holds_on_success if same else not holds_on_success


def _unchecked(frame: _Frame) -> tuple[str, ...]:
    """Calls whose result the function drops, or tests and on failure only reports (and does not
    return or exit with later); a bare ``return`` counts only where the function returns nothing else."""
    lost = [
        callee
        for callee, key, bare in frame.results_lost
        if key not in frame.results_passed and not (bare and frame.returns_value)
    ]
    return tuple(dict.fromkeys(frame.results_dropped + lost))


def _names_in(node: cst.BaseExpression) -> set[str]:
    found = {node.value} if type(node) is cst.Name else set()
    found.update(d.value for d in n.descendants(node) if type(d) is cst.Name)
    return found


def _may_be_status(value: cst.BaseExpression) -> bool:
    """A returned expression that may be a non-zero status (``1 if failed else 0``, ``rc``)."""
    if type(value) is cst.Name:
        return value.value.lower() in _STATUS_NAMES
    if type(value) is cst.IfExp:
        return any((v := n.int_value(branch)) is not None and v != 0 for branch in (value.body, value.orelse))
    if type(value) is cst.Attribute:
        return value.attr.value == "returncode"  # `return result.returncode`: a command's status handed on
    if type(value) is cst.Tuple and value.elements:
        # `return proc.returncode, proc.stdout, proc.stderr` (not `return status, reply`: a tweet's)
        first = value.elements[0].value
        return type(first) is cst.Attribute and _may_be_status(first)
    return False


def _dedupe_signals(signals: list[SignalFact]) -> list[SignalFact]:
    """The first of each signal in each scope: the same deletion in two functions counts
    wherever either is called."""
    seen: set[tuple[str, str, str]] = set()
    out: list[SignalFact] = []
    for signal in sorted(signals, key=lambda s: (s.line, s.kind, s.detail)):
        key = (signal.kind, signal.detail, signal.scope)
        if key in seen:
            continue
        seen.add(key)
        out.append(signal)
    return out


def extract(
    module: cst.Module,
    path: str,
    is_test: bool,
    rules: Sequence[Any],
    settings: RuleSettings | None = None,
    source: bytes | None = None,
) -> FileFacts:
    """Run the single walk over ``module`` and return its facts (``source``: the bytes it was
    parsed from, which let positions be found without generating the whole module's code)."""
    extractor = Extractor(module, path, is_test, rules, settings, source)
    try:
        return extractor.run()
    finally:
        # The walk's state refers back to itself (bound methods, closures over it) and holds the
        # syntax tree: left as it is, the tree would wait for the cyclic garbage collector, which
        # then walks every node again. Dropping the state frees the tree at once.
        extractor.__dict__.clear()


def _pieces(node: cst.BaseExpression) -> list[cst.CSTNode]:
    """The strings written side by side in an implicit concatenation, in order."""
    if type(node) is cst.ConcatenatedString:
        return _pieces(node.left) + _pieces(node.right)
    return [node]
