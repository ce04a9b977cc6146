"""Stage 5: find the entrypoints and classify them as api, worker or job.

Works on the project model only. Each entrypoint gets the set of files it reaches: its
own import closure, plus the files that attach to it (routers it includes, views and
tasks that decorate its object, Django URL modules and apps, Celery task modules).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from readiness_lint.deploy import (
    CELERY_BEAT,
    EVENT_FUNCTION,
    FUNCTION_MODES,
    HTTP_FUNCTION,
    LONG_RUNNING,
    RQ_WORKER,
    SCHEDULED,
    SCHEDULED_CALL,
    STARTED,
    Deployment,
    beside,
    is_celery_beat,
    locate,
)
from readiness_lint.frameworks import (
    AIORUN_LOOP,
    API_CTORS,
    BEAT_SCHEDULER,
    BOT_FRAMEWORKS,
    BUSY_LOOP,
    BUSY_LOOP_LOCAL,
    COMMAND_CALLS,
    CRONTAB,
    DOCKER_EVENTS,
    EVENT_LOOPS,
    EVENT_WAIT,
    EXIT_CALLS,
    FILE_FOLLOW,
    FUNCTION_APPS,
    HOTQUEUE_LOOP,
    HTTP_WRITE_VERBS,
    HTTP_WRITES,
    INOTIFY_EVENTS,
    JOB_CTOR_PREFIXES,
    KUBERNETES_WATCH,
    LOOP_MODE,
    MATTERMOST_WEBSOCKET,
    MQTT_WAIT,
    PYINOTIFY_LOOP,
    REDDIT_STREAM,
    REPORT_PREFIXES,
    SCHED_LOOP,
    SEND_METHODS,
    SLEEPS,
    SOCKET_LOOP,
    SQL_STATEMENT_RUNS,
    STATUS_COMMANDS,
    THREAD_BASES,
    TIMED_WAIT,
    WATCHDOG_LOOP,
    WORKER_CTORS,
    is_entrypoint_ctor,
    sftp_session,
)
from readiness_lint.model import (
    HANDLE_COMMAND,
    KINDS,
    MOUNTED,
    SCRAPY_SPIDER,
    Entrypoint,
    FileFacts,
    FunctionFact,
    Kind,
    LoopFact,
    MainGuardFact,
    ObjectFact,
    RouteFact,
    SignalFact,
)
from readiness_lint.names import words
from readiness_lint.project import MANAGE_RUN, ObjectRef, Project, Service, rq_jobs_taken_by_hand

SERVE_CALLS = frozenset(
    {
        "uvicorn.run",
        "hypercorn.asyncio.serve",
        "aiohttp.web.run_app",
        "waitress.serve",
        "werkzeug.serving.run_simple",
        "gunicorn.app.wsgiapp.run",
        "bjoern.run",
        "django.core.management.execute_from_command_line",
        "granian.Granian",
        "bottle.run",
        "cherrypy.quickstart",  # mounts the root object's exposed methods and serves them
        # aiogram 2's webhook server: an aiohttp app taking Telegram's updates over HTTP
        "aiogram.utils.executor.start_webhook",
        "cherrypy.engine.block",  # (after `cherrypy.tree.mount(...)` and `engine.start()`)
        "nicegui.ui.run",  # NiceGUI serves the pages its `ui` calls built (a FastAPI app of its own)
    }
)
SERVE_METHODS = frozenset({"serve_forever", "run_forever", "run_server"})
NOT_ENTRYPOINT_CALLS = frozenset(
    {"unittest.main", "doctest.testmod", "pytest.main", "setuptools.setup", "distutils.core.setup"}
)
LOOP_FRAMEWORKS = (
    ("receive_message", "sqs"),
    ("poll", "kafka"),
    ("consume", "queue"),
    ("getmany", "kafka"),
    ("blpop", "redis"),
    ("brpop", "redis"),
    ("xread", "redis"),
    ("basic_get", "rabbitmq"),
    ("pull", "pubsub"),
    ("get_updates", "telegram"),
    ("getUpdates", "telegram"),
    ("start_consuming", "rabbitmq"),
    ("run_polling", "telegram"),
    ("start_polling", "telegram"),
    ("infinity_polling", "telegram"),
    ("run_webhook", "telegram"),
    ("listen", "redis-pubsub"),
    ("notifies", "postgres-listen"),
    ("recv", "websocket"),
    ("xreadgroup", "redis-streams"),
    ("sleep", "polling-loop"),
    ("idle", "pyrogram"),
    ("sync_forever", "matrix-nio"),
    ("process_forever", "irc"),
    ("sync", "matrix-nio"),
    ("drain_events", "kombu"),
    ("ServiceBusReceiver", "azure-servicebus"),
    ("subscribe", "nats"),
    ("run_until_disconnected", "telethon"),
    ("stream", "mastodon"),  # Mastodon.py's `stream_user(listener)`
    ("websocket_manager", "binance"),  # python-binance's ThreadedWebsocketManager, joined
    ("messages", "mqtt"),  # aiomqtt's stream of messages
    ("subscription", "subscription"),  # `async for event in client.subscribe(query)`
    (TIMED_WAIT.rpartition(".")[2], "polling-loop"),
    (BUSY_LOOP, "polling-loop"),
    (BUSY_LOOP_LOCAL, "polling-loop"),
)
CONSUMER_FRAMEWORKS = frozenset({"kafka", "pubsub", "python-telegram-bot", "telegram", "aiogram", "discord"})
NOT_SERVICE_FILES = frozenset(
    {
        "setup.py",
        "conftest.py",
        "noxfile.py",
        "fabfile.py",
        "tasks.py",
        "docs/conf.py",
        "conf.py",
        "gunicorn.conf.py",  # gunicorn's settings, read by the server
        "gunicorn_conf.py",
        "gunicorn_config.py",
    }
)
# A script that installs the service on a machine (packages, a user, its crontab line): run once
# by hand, it sets the service up and is none itself (unless a deployment runs it: a Helm hook's Job)
_INSTALLERS = frozenset({"install.py", "installer.py", "uninstall.py"})
# What a test runner's `__main__` block calls to run the tests
_TEST_RUNS = (
    "unittest.main",
    "unittest.TextTestRunner",
    "unittest.TestLoader",
    "pytest.main",
    "nose.run",
    "nose2.main",
)
# What a WSGI/ASGI server imports for its app (`gunicorn wsgi:app`): work done at import is the app's
# start-up, not a job of its own.
SERVER_MODULES = frozenset({"wsgi.py", "asgi.py"})


@dataclass
class _Candidate:
    path: str
    line: int
    kind: Kind
    framework: str
    symbol: str
    objects: tuple[ObjectRef, ...] = ()
    console_script: bool = False
    deployed: Deployment | None = None  # the deployment file line that runs this file
    hosted: bool = False  # runs inside another entrypoint's process (its logging set-up counts)
    command: bool = False  # a Django management command (`manage.py <name>` runs its `handle()`)
    serves_requests: bool = False  # (see `Service.serves_requests`)
    poller_of: str = ""  # the module whose loop an app's process runs, for a worker placed at that app
    runners: tuple[str, ...] = ()  # files whose `__main__` block only runs this app (`app.run(debug=True)`)
    once: bool = False  # the `--once` mode of a file that also loops (see `_with_once_modes`)
    commands: tuple[str, ...] = ()  # the functions of Flask's command line this job runs (`flask init-db`)
    # an api gateway's routes to a serverless api, by its deployment file (see `_gateway_routes`)
    routes: tuple[tuple[str, RouteFact], ...] = ()


def _once(services: list[Service]) -> list[Service]:
    """A file's ``__main__`` block that turned out to run the file's own consume loop (started
    in a thread or a pool, `Thread(target=poll)`) is that loop's worker, not a second one. (A
    worker of another kind in the same file, a Celery app, stays beside it.)"""
    loops = {
        s.entrypoint.path
        for s in services
        if s.entrypoint.kind == "worker"
        and s.entrypoint.symbol in {loop.scope for loop in s.project.files[s.entrypoint.path].loops}
    }
    return [s for s in services if not (_runs_file(s) and s.entrypoint.path in loops)]


def _runs_file(service: Service) -> bool:
    return service.entrypoint.kind == "worker" and service.entrypoint.symbol in {"__main__", "script"}


def _without_probe_servers(services: list[Service]) -> list[Service]:
    """A web app in a worker's own module that serves only health and readiness routes is the
    worker's probe endpoint (for Kubernetes), not an api of its own; so is a gRPC server there."""
    from readiness_lint.checks.health import is_health, is_readiness

    worker_files = {s.entrypoint.path for s in services if s.entrypoint.kind == "worker"}
    kept = []
    for service in services:
        routes = [r for _, r in service.routes if r.handler != MOUNTED]
        if (
            service.entrypoint.kind == "api"
            and service.entrypoint.path in worker_files
            and (
                (routes and all(is_health(r) or is_readiness(r) for r in routes))
                # (a gRPC server started beside a consume loop: its health service, for the orchestrator)
                or service.entrypoint.framework == "grpc"
                or _probe_http_server(service)
            )
        ):
            continue
        kept.append(service)
    return kept


def _probe_http_server(service: Service) -> bool:
    """A standard-library HTTP server named for a probe (``def run_health_server(): HTTPServer(...,
    HealthHandler).serve_forever()``): its request handlers, which declare no routes, are there for
    the orchestrator."""
    entrypoint = service.entrypoint
    if entrypoint.framework != "http.server":
        return False
    return _probe_server_in(service.project.files[entrypoint.path], entrypoint.symbol, entrypoint.line)


def _probe_server_in(facts: FileFacts, symbol: str, line: int) -> bool:
    """:func:`_probe_http_server`, for the server object ``symbol`` built at ``line`` of a file."""
    handlers = [name for name, base, _ in facts.classes if base.startswith("http.server.")]
    # (a handler that takes writes, `do_POST`, serves an API whatever it is called)
    if not handlers or any(
        m.name.partition(".")[2] in _WRITE_HANDLERS for m in facts.methods if m.name.partition(".")[0] in handlers
    ):
        return False
    server = next((o for o in facts.objects if o.name == symbol and o.line == line), None)
    if server is not None and (_PROBE_NAME.search(server.name) or _PROBE_NAME.search(server.scope)):
        return True
    return all(_PROBE_NAME.search(name) for name in handlers)


_WRITE_HANDLERS = frozenset(f"do_{verb.upper()}" for verb in HTTP_WRITE_VERBS)


def _console_candidates(project: Project, declared: Sequence[str], existing: list[_Candidate]) -> list[_Candidate]:
    """Functions the packaging metadata installs as commands: each starts a process, as a
    ``__main__`` block would (a job, or a worker once it reaches a consume loop)."""
    targets = _console_targets(project, declared)
    out: list[_Candidate] = []
    started = {c.path for c in existing if c.kind in ("job", "worker")}
    for target in sorted(targets):
        module, _, function_name = target.partition(":")
        module = module.removesuffix(".__init__")  # (`pkg.__init__:main`: the package's own module)
        function_name = function_name.split(".", 1)[0]
        found = project.resolve_module("", module)
        if found is None or found in started or project.files[found].is_test:
            continue
        path, facts = found, project.files[found]
        function = next((f for f in facts.functions if f.name == function_name), None)
        if function is None:
            continue
        as_main = MainGuardFact(
            line=function.line,
            calls=(function_name,),
            exits_with_value=True,
            exit_without_status=False,
            swallows=False,
            dropped_calls=(),
        )
        here = [c for c in existing if c.path == path]
        role = _guard_role(facts, as_main, here)
        line = function.line or 1
        # (its own loop, or one of a function of its file it calls: `main()` serves metrics, then `_loop()`)
        reached = {function_name, *_guard_calls(facts, as_main, depth=2)}
        loops = [loop for loop in facts.loops if loop.scope.split(".")[0] in reached]
        if role == "serve" and loops:  # the command runs its own consume loop: a worker
            out.append(_Candidate(path, line, "worker", _loop_framework(loops[0].source, facts), function_name))
        elif role == "job":
            out.append(_Candidate(path, line, "job", _cli_framework(facts), function_name, console_script=True))
        else:
            continue  # it serves an app found elsewhere, or does nothing by itself
        started.add(path)
    return out


def _drop_package_mains_of_commands(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A package's ``__main__.py`` whose block runs the function an installed command runs
    (``from .cli import main; main()`` beside ``cfddns = "cfddns.cli:main"``): ``python -m`` is the
    same process, found once, at the command."""
    commands = {(c.path, c.symbol) for c in candidates if c.symbol not in {"__main__", "script"}}
    kept = []
    for candidate in candidates:
        facts = project.files[candidate.path]
        guard = facts.main_guard
        if candidate.path.endswith("__main__.py") and candidate.symbol == "__main__" and guard is not None:
            called = {call.rpartition(".")[2] for call in guard.calls}
            runs = {
                (home, imp.name)
                for imp in facts.imports
                if imp.name in called
                and (home := project.resolve_module(candidate.path, imp.module, imp.level)) is not None
            }
            if runs & commands:
                continue
        kept.append(candidate)
    return kept


def classify(
    project: Project,
    declared: Callable[[str], str | None] | None = None,
    console_scripts: Sequence[str] = (),
    deployments: Sequence[Deployment] = (),
) -> list[Service]:
    """All entrypoints of the project, each with the service view its rules need.

    ``deployments`` are the Python commands the deployment files run (see
    :mod:`readiness_lint.deploy`): a scheduled one makes its script a job, a long-running one
    makes a plain script a worker. ``declared`` gives the kind a configuration file declares
    for a path, and wins: ``none`` drops the file's entrypoints, a kind overrides what was found
    or declares one at line 1.
    """
    candidates: list[_Candidate] = []
    service_files = {p: f for p, f in project.files.items() if not f.is_test}
    run = frozenset(deployed_files(project, deployments)) if deployments else frozenset()
    for path, facts in sorted(service_files.items()):
        candidates.extend(_file_candidates(project, path, facts, run))
    candidates.extend(_django_candidates(project))
    candidates.extend(_dramatiq_candidates(project))
    candidates.extend(_django_crontab_candidates(project))
    candidates.extend(_console_candidates(project, console_scripts, candidates))
    candidates = _drop_package_mains_of_commands(project, candidates)
    candidates = _one_poller_worker_per_app(_drop_mounted_apps(project, candidates))
    candidates = _schedules_run_elsewhere(project, candidates, _console_paths(project, console_scripts))
    candidates = _drop_imported_duplicates(project, candidates)
    candidates = _drop_producer_brokers(project, candidates)
    candidates = _runners_of_shared_consumers(project, candidates)
    candidates = _drop_app_runners(project, candidates)
    candidates = _drop_manual_runs(project, candidates)
    candidates = _without_process_launchers(project, candidates)
    candidates = _with_once_modes(project, candidates)
    if deployments:
        candidates = _apply_deployments(project, candidates, deployments)
    if declared is not None:
        candidates = _apply_declarations(project, candidates, declared)
    services = _without_probe_servers(_once([_service(project, c) for c in candidates]))
    services.sort(key=lambda s: (s.entrypoint.path, s.entrypoint.line, s.entrypoint.kind))
    return services


def _file_candidates(
    project: Project, path: str, facts: FileFacts, deployed: frozenset[str] = frozenset()
) -> list[_Candidate]:
    out: list[_Candidate] = []
    seen: set[tuple[Kind, str]] = set()

    def add(candidate: _Candidate) -> None:
        key = (candidate.kind, candidate.framework)
        if key in seen:
            for existing in out:
                if (existing.kind, existing.framework) == key:
                    existing.objects = existing.objects + candidate.objects
            return
        seen.add(key)
        out.append(candidate)

    imported = bool(project.importers.get(path)) and not _blocks_at_import(project, path, facts)
    task_functions = _task_functions(facts)
    for obj in facts.objects:
        kind_fw = _object_kind(project, path, obj)
        if kind_fw is not None and kind_fw[1] in CONSUMER_FRAMEWORKS and obj.scope:
            continue  # a consumer built inside a function: the loop or the caller is the entrypoint
        if kind_fw is not None and kind_fw[0] == "worker" and obj.scope in task_functions:
            continue  # a stream a task listens on (`@celery.task def search(q): Stream(...).filter(...)`): the task's worker runs it
        if obj.scope.rpartition(".")[2].startswith(("test_", "Test")) or obj.scope.rpartition(".")[2] == "test":
            continue  # an app built inside a test function or method (`def test_faust(self):`) tries it out
        if kind_fw is not None and kind_fw[1] == "telegram" and _webhook_only(project, path, facts, obj.name):
            continue  # updates arrive through the web app's webhook route: the app serves them
        if kind_fw is not None and kind_fw[1] == "telegram" and _sends_only(project, path, facts, obj.name):
            continue  # `tb = telebot.TeleBot(token)` only to send alerts: a client, not a bot that listens
        if kind_fw == ("worker", "python-telegram-bot") and _updater_never_runs(project, path, facts, obj):
            continue  # `updater = Updater(token)` only to read `get_updates()` once: no polling, no webhook
        if kind_fw is not None and kind_fw[1] == "kafka" and _only_probed(project, path, facts, obj):
            continue  # `consumer.topics()` until the broker answers: a start-up wait, not a consumer
        if (
            kind_fw is not None
            and kind_fw[0] == "api"
            and kind_fw[1] in FUNCTION_APPS.values()
            and not _functions_app_routes(project, path, obj.name)
        ):
            continue  # a Functions or Chalice app of timers and queue triggers: its jobs, not an api
        if kind_fw == ("worker", "celery") and _sends_tasks_only(project, path, obj):
            continue  # `celery_client = Celery(broker=...)` only to `send_task(...)` to workers elsewhere
        if kind_fw == ("api", "slack-bolt") and not (
            _starts(facts, obj.name) or (not obj.scope and _started_by_importer(project, path, obj.name))
        ):
            continue  # a Bolt app a socket-mode handler or another app's adapter serves
        if kind_fw == ("api", "dash") and not any(s.kind == "dash-server" for s in facts.signals):
            continue  # a dashboard run with `app.run_server()` on a desk: served only when `server = app.server`
        if kind_fw == ("job", "apscheduler") and not obj.scope and _started_elsewhere(project, path, obj.name):
            continue  # created here, started by the `__main__` block of a module importing it: the job is there
        if kind_fw == ("worker", "pubsub") and _pulls_for_a_while(facts, obj.name):
            kind_fw = ("job", "pubsub")  # `subscribe(...).result(timeout=5)`: pulls, then the script ends
        if kind_fw == ("worker", "discord") and _closes_when_ready(facts, obj.name):
            kind_fw = ("job", "discord")  # `on_ready`: post the report, then `await client.close()`
        if kind_fw is not None:
            kind, framework = kind_fw
            # (a bot a factory built has no position of its own: placed where the file starts it,
            # `bot.run(token)`, or at its `__main__` block)
            # (one built in a factory from a class of another module has none either: placed at
            # the factory, `def create_app():`)
            factory = next((f.line for f in facts.functions if f.name == obj.scope and f.line), 0) if obj.scope else 0
            line = (
                obj.line
                or factory
                or next(
                    (ln for _, raw, ln in facts.module_calls if raw.startswith(f"{obj.name}.")),
                    facts.main_guard.line if facts.main_guard is not None else 1,
                )
            )
            add(_Candidate(path, line, kind, framework, obj.name, ((path, obj.name),)))
    app = next((o for o in facts.objects if o.ctor == "celery.Celery" and not o.scope), None)
    if app is not None and _beat_app(project) == path:
        # `CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"`: the schedule
        # is kept in the database, and `celery -A proj beat` runs it from the app
        add(_Candidate(path, app.line, "job", "celery-beat", "beat_schedule"))
    for line, ref in _imported_schedulers_started(project, path, facts):
        add(_Candidate(path, line, "job", "apscheduler", ref[1], (ref,)))
    nameko = [task for task in facts.tasks if task.framework == "nameko"]
    if nameko:  # a nameko service class: `nameko run module` serves its RPC and event handlers
        add(_Candidate(path, nameko[0].line, "worker", "nameko", "service"))
    kopf = [task for task in facts.tasks if task.framework == "kopf"]
    if kopf:  # a Kubernetes operator's handlers: `kopf run module` watches resources and calls them
        add(_Candidate(path, kopf[0].line, "worker", "kopf", "operator"))
    for signal in facts.signals:
        if signal.kind == "schedule":  # (also one its importer runs in a thread: the scheduled work is a job)
            add(_Candidate(path, signal.line, "job", signal.detail or "schedule", "schedule"))
        elif signal.kind == "celery-beat" and (signal.detail == BEAT_SCHEDULER or _beat_app(project) is not None):
            # a scheduler in settings, or a schedule kept in Django's settings: the beat job is at
            # the Celery app it runs (below)
            continue
        elif signal.kind == "celery-beat" and (beat_home := _imported_celery_app(project, path, signal.detail)):
            # `from tasks import app; app.conf.beat_schedule = {...}`: beat runs the app, where it is
            # built; unless the app's module never loads this one (`celery -A tasks beat` would run
            # no schedule): beat is then run with this module, `celery -A beat_scheduler beat`
            # (nor names modules for Celery to load, `include=[...]`, `autodiscover_tasks()`,
            # `config_from_object("celeryconfig")`: it may load this one)
            if path not in project.reach_from(beat_home[0]) and not any(
                kind in _CELERY_LOADS for kind, _, _ in project.files[beat_home[0]].module_refs
            ):
                beat_home = (path, signal.line)
            add(_Candidate(beat_home[0], beat_home[1], "job", "celery-beat", "beat_schedule"))
        elif signal.kind == "celery-beat" and _has_celery_app(project) and _loaded_beat_config(project, path, signal):
            # (a beat schedule with no Celery app anywhere in the project is left-over configuration,
            # and so is one in a module no app loads)
            add(_Candidate(path, signal.line, "job", "celery-beat", "beat_schedule"))
    commands = _flask_commands(facts)
    if commands:
        # `@app.cli.command("init-db")`: run by `flask init-db`, a job
        add(
            _Candidate(
                path,
                commands[0].line,
                "job",
                "flask-cli",
                commands[0].detail,
                commands=tuple(c.detail for c in commands),
            )
        )
    constants_only = imported and bool(facts.loops) and _constants_taken(project, path)
    guard_line = facts.main_guard.line if facts.main_guard is not None else 0
    own_consumers = _own_consumers(project, path, facts) if imported and facts.main_guard is not None else set()
    direct: set[str] = set()  # what running the file calls: only wanted for a function's busy loop
    if any(loop.source == BUSY_LOOP_LOCAL for loop in facts.loops):
        direct = set(_guard_calls(facts, facts.main_guard, depth=2)) if facts.main_guard is not None else set()
        direct |= {name for name, _, _ in facts.module_calls}
    in_processes = _run_in_processes(project, path, facts) if imported else set()
    deployed_runs = (
        set(_guard_calls(facts, facts.main_guard, depth=2))
        if path in deployed and facts.main_guard is not None
        else set()
    )
    scheduler_here = any(c.kind == "job" and c.framework in {"schedule", "apscheduler"} for c in out)
    # (loops a `__main__` block runs beside an app it never serves: see below)
    idle_app_loops = (
        {loop for loop in facts.loops if _guard_consumes_beside_idle_app(facts, loop, out)} if not imported else set()
    )
    for loop in facts.loops:
        if _task_of_bot(facts, loop):
            continue  # a task the bot's own handlers start on its event loop: part of the bot
        # (a loop that only keeps this file's scheduler going is the scheduler's, judged below)
        keeps_scheduler = scheduler_here and (loop.source in SLEEPS or loop.source in _BUSY_SOURCES)
        if not keeps_scheduler and (
            # `Process(target=feeds.stream).start()` in a launcher: each process started this way
            # runs its module's loop, a worker of its own (the launcher only starts and joins them)
            loop.scope.split(".")[0] in in_processes
            # `Thread(target=run_scheduler).start(); app.run()`, `create_task(poll())` from an
            # app's start-up hook: a poller living in the app's process, a worker of its own
            or _guard_threads_poller(facts, loop, out)
        ):
            framework = _loop_framework(loop.source, facts, project, path)
            add(_Candidate(path, loop.line, "worker", framework, loop.scope, hosted=True))
            continue
        starters = (
            _apps_starting(project, path, loop.scope) if imported and loop.scope and "." not in loop.scope else []
        )
        if starters:
            framework = _loop_framework(loop.source, facts, project, path)
            for starter, line in starters:
                # `create_task(poll())` in an app's start-up hook, `Thread(target=consume).start()` beside
                # the app: a poller living in the app's process, a worker placed where that process starts
                # it (not through `add`: one worker for each app, beside any worker of this file)
                out.append(_Candidate(starter, line, "worker", framework, loop.scope, hosted=True, poller_of=path))
            if facts.main_guard is not None and loop.scope in facts.main_guard.calls:
                # (its own `__main__` block runs the loop too, `python -m svc.poller`: a process of its own)
                add(_Candidate(path, loop.line, "worker", framework, loop.scope))
            continue
        if loop.source == BUSY_LOOP_LOCAL and loop.scope.split(".")[0] not in direct:
            continue  # a function's busy loop the file itself does not run
        if (
            imported
            and loop.scope
            and not constants_only
            and loop.scope not in own_consumers
            # (`CMD ["python", "scrape.py"]` running the file, whose block runs the loop: the
            # deployment's process, whatever the importers take from the file)
            and not (path in deployed and loop.scope in deployed_runs)
        ):
            continue  # a helper's loop: the entrypoint that reaches it becomes a worker
        if (
            imported
            and not loop.scope
            and guard_line
            and loop.line > guard_line
            and not (constants_only or out)
            and _used_as_library(project, path)
            and path not in deployed
        ):
            # a loop in the `__main__` block of a helper module others import: a demo (not of the
            # app's own module, which its route modules import to register on the app; nor a
            # file a deployment runs, `ExecStart=/home/pi/services/monitor.py`)
            continue
        if loop.scope and facts.main_guard is None and not facts.module_calls:
            continue  # only definitions: running the file starts nothing (a console script may call it)
        if (
            loop.scope
            and any(
                c.kind == "api"
                and c.framework != "grpc"
                # (a standard-library server for the orchestrator's probes, started beside the loop)
                and not (c.framework == "http.server" and _probe_server_in(facts, c.symbol, c.line))
                for c in out
            )
            and not _guard_runs_bot(facts, loop)
            and not _guard_loops_beside_thread(facts, loop)
            and loop not in idle_app_loops
        ):
            continue  # a loop in a function of an app's module: a streaming response or a background thread
        if (loop.source in SLEEPS or loop.source in {"signal.pause", EVENT_WAIT}) and any(
            c.kind == "job" and c.framework == "apscheduler" for c in out
        ):
            continue  # `scheduler.start(); while True: time.sleep(2)`: keeps a BackgroundScheduler's process alive
        if loop.source in _BUSY_SOURCES and any(c.kind == "job" and c.framework == "schedule" for c in out):
            continue  # `while True: schedule.every().day.do(post)`: the `schedule` job itself, however written
        if not _loop_in_worker_object_file(out):
            framework = _loop_framework(loop.source, facts, project, path)
            # (`sched.scheduler` running an event that enters itself again: an in-process scheduler
            # running a task at a period, a job as `schedule`'s are)
            if loop.source == SCHED_LOOP:
                add(_Candidate(path, loop.line, "job", "sched", loop.scope or "loop"))
                continue
            # (`while True: resp = sqs.receive_message(...)`, `if "Messages" not in resp: break`: the
            # queue drained, the run ends, a job; not a drain the file runs again and again, `while
            # True: drain(); time.sleep(5)`, nor a blocking pop, `r.blpop("jobs", timeout=0)`)
            drains = loop.drains and loop.source.rpartition(".")[2] in _EMPTY_RECEIVES
            if (
                drains
                and any(c.kind == "job" and c.framework == "apscheduler" for c in out)
                and all(other.drains or other.idle for other in facts.loops)
            ):
                continue  # (a drain an APScheduler job runs at its interval, kept alive by a sleep: the scheduler's job)
            drain_ends = drains and all(other.drains for other in facts.loops)
            add(_Candidate(path, loop.line, "job" if drain_ends else "worker", framework, loop.scope or "loop"))
    if idle_app_loops or any(not loop.scope and not (guard_line and loop.line > guard_line) for loop in facts.loops):
        # The module consumes forever at import: an app built there with no route of its own can
        # be neither run nor imported by a server (`app = Flask(__name__)` then `for msg in consumer:`)
        # (nor one the `__main__` block leaves idle, consuming instead)
        owners = {r.owner for r in facts.routes} | {m.owner for m in facts.mounts}
        out[:] = [c for c in out if c.kind != "api" or c.symbol in owners or not c.objects]
        seen.intersection_update((c.kind, c.framework) for c in out)
    for class_name, base, line in facts.classes:
        if (base.endswith("BaseCommand") and "/management/commands/" in f"/{path}") or base == HANDLE_COMMAND:
            # a management command, also one kept outside management/commands/ or on a project base class
            found = _command_loop(project, path, facts, class_name)
            if found is None and _utility_command(path):
                continue  # `manage.py healthcheck`, `manage.py wait_for_db`: a container's probe or start-up step
            if found is not None:  # `manage.py consume` running its consume loop: a worker
                loop, home = found
                framework = _loop_framework(loop.source, project.files[home], project, home)
                add(_Candidate(path, line, "worker", framework, class_name, command=True))
            else:
                add(_Candidate(path, line, "job", "django-command", class_name, command=True))
        elif base == "arq.WorkerSettings":
            add(_Candidate(path, line, "worker", "arq", class_name))
    guard = facts.main_guard
    if guard is not None and not guard.calls and not guard.raises and not guard.exits_with_value:
        guard = None  # `if __name__ == "__main__": pass`: the module's own code is the run
    # (`if __name__ == "__main__": lambda_handler(None, None)`: the handler tried out locally, the
    # Lambda is still what runs)
    # (not where a deployment runs the file: `CMD ["python", "handler.py"]` makes the block the job)
    harness = guard is not None and path not in deployed and _tries_own_lambda(facts, guard)
    called_here = _called_here(facts, with_guard=not harness)
    if guard is None and path not in deployed:
        # (`lambda_handler(None, None)` at the module's end, the handler answering API Gateway: a
        # try-out left in, run on each cold start; the Lambda is still what runs)
        answering = {s.detail for s in facts.signals if s.kind == "lambda-http"}
        calls = {name for name, _, _ in facts.module_calls}
        tried = {name for name in calls if not _local_test_call(name)}
        if calls and not tried:
            # (inside what shows its answer: `print(lambda_handler(None, None))`)
            tried = set(facts.called_outside) & answering
        if tried and tried <= answering:
            called_here -= tried
    handlers = [s for s in facts.signals if s.kind == "lambda-handler" and s.detail not in called_here]
    if (
        guard is not None
        and not harness
        and not _is_django_manage(facts)
        and not (path.rsplit("/", 1)[-1] in _INSTALLERS and path not in deployed)
        # (a script that runs the project's tests, `unittest.TextTestRunner().run(suite)`, checks the
        # service and is none itself, unless a deployment runs it)
        and not (path not in deployed and any(call.startswith(_TEST_RUNS) for call in guard.calls))
        # an imported module's `__main__` block is a demo, unless it runs a worker built right there
        and (
            not imported
            or _constants_taken(project, path)
            or _scheduled_script(project, path)
            or _inline_worker(facts, guard)
            or _shared_script(project, path, guard)
            or _command_line_script(project, path, guard)
            or _sibling_script_main(project, path, guard)
            # (`django.setup()` first, in a script outside any package: run against the project's
            # database, not a demo)
            or ("django.setup" in guard.calls and _standalone(project, path))
        )
    ):
        role = _guard_role(facts, guard, out)
        if role == "job" and path not in deployed and _tries_views(facts, guard, out):
            role = "none"
        inline = _inline_worker(facts, guard) if role == "serve" and not out else None
        if inline is not None:  # `Worker(queues).work()` with no object bound: the block is the worker
            add(_Candidate(path, guard.line, "worker", inline, "__main__"))
        elif role == "serve" and not out and (served := _inline_app(facts, guard)):
            add(_Candidate(path, guard.line, "api", served, "__main__"))
        elif role == "serve" and not out and (forever := _event_loop_forever(facts, guard)):
            add(_Candidate(path, guard.line, "worker", forever, "__main__"))
        elif (
            role == "serve"
            and not out
            and _runs_pending(facts, rounds_only=True)
            and not any(s.kind == "schedule" for p in project.closure({path}) for s in project.files[p].signals)
        ):
            # `while True: schedule.run_pending()` for jobs registered on the `schedule` module
            # handed over (`bot.join_schedule(scheduler=schedule)`), where no module reached says
            # `schedule.every()` itself (that one's job stands for the process): the scheduler's process
            add(_Candidate(path, guard.line, "job", "schedule", "schedule"))
        bot = (
            (
                _bot_class_run(project, path, facts, guard)
                or _scoped_worker_run(project, path, facts, guard)
                or _started_thread_class(project, path, _guard_calls(facts, guard, depth=2))
            )
            if role == "job"
            else None
        )
        if bot is not None:  # `MyBot(...).run(token)`, MyBot a discord.py bot defined in the project
            add(_Candidate(path, guard.line, "worker", bot, "__main__"))
        elif (
            role == "job"
            and not _dispatches_to_worker(facts, guard, out)
            and not (path not in deployed and _creates_schema_only(guard, out))
            # (`sys.exit(kopf.cli.main())`: `python op.py run` runs kopf's command line, the operator)
            and not (any(c.framework == "kopf" for c in out) and any(call in _KOPF_RUNS for call in guard.calls))
            and not _serves_imported(project, path, guard)
            and not _module_keeps_scheduler(facts, out)
            # (`if __name__ == "__main__": dag.test()`: the DAG file's own debugging run)
            and not (
                any(c.framework == "airflow" for c in out)
                and all(call.rpartition(".")[2] in {"test", "cli", "run", "print"} for call in guard.calls)
            )
            and not _runs_imported_scheduler(project, path, facts, guard)
            # (`scheduler.start()` of an imported scheduler in the block itself: the block is that job,
            # added above; a command of a click group that starts it leaves the group a job)
            and not _imported_schedulers_started(project, path, facts, guard_only=True)
        ):
            # (`crython.start()`: the functions of its `@crython.job(expr=...)` run on their timetable)
            # (also in the `main()` the block calls)
            framework = "crython" if "crython.start" in _guard_calls(facts, guard, depth=1) else _cli_framework(facts)
            add(_Candidate(path, guard.line, "job", framework, "__main__"))
    elif guard is None and not out and (default := _serves_default_app(facts)):
        # `run(host=..., port=...)` (Bottle), `ui.run()` (NiceGUI) at module level
        add(_Candidate(path, default[0], "api", default[1], "script"))
    elif (
        guard is None
        and not out
        and _is_script(project, path)
        # (what a Lambda handler's module does at import, `CREATE TABLE IF NOT EXISTS` once per cold
        # start, is the function's set-up: the handler is the entrypoint, below)
        and not handlers
    ):
        line = facts.script_line or _module_work_line(project, path, facts)
        # (`SocketModeHandler(app, token).start()` at module level, or `loop.run_forever()` after
        # subscribing: the script is that worker)
        called = [name for name, _, _ in facts.module_calls]
        # (and what the file's functions it calls call: `asyncio.run(main())`, `main()` serving a
        # socket server for ever)
        local = {f.name: f for f in facts.functions}
        # (a name called bare, not `x.start()` of another object that shares a function's name)
        methods = {call.rpartition(".")[2] for call in called if "." in call and call not in _EVENT_LOOP_RUNS}
        for name in facts.called_outside:
            if name in local and name not in methods:
                called += [c for c in local[name].calls if c not in called]
        worker = _started_worker(called) or _loop_forever(facts, called)
        if line:
            add(_Candidate(path, line, "worker" if worker else "job", worker or "script", "script"))
    if handlers and not out and not imported:
        # AWS Lambda calls the handler once per event, and the invocation runs to completion; one
        # that reads the event as a request (`event["body"]`) answers HTTP through API Gateway
        http = any(s.kind == "lambda-http" and s.detail == handlers[0].detail for s in facts.signals)
        # (`def main(data, context)` in a `main.py` using Google Cloud's clients: Google's background function)
        modules = {imp.module for imp in facts.imports if imp.level == 0}
        google = (
            path.rpartition("/")[2] == "main.py"
            and any(module.startswith("google.cloud") for module in modules)
            and not {module.split(".")[0] for module in modules}
            & {"boto3", "botocore", "aws_lambda_powertools", "awswrangler"}
        )
        framework = "cloud-functions" if google else "aws-lambda"
        add(_Candidate(path, handlers[0].line, "api" if http else "job", framework, handlers[0].detail))
    triggered = [
        s
        for s in facts.signals
        if s.kind in _CLOUD_FUNCTIONS
        and (
            s.detail.partition(":")[0] != "request"
            or _first_generation_function(project, path, s.detail.partition(":")[2])
        )
    ]
    decorated = {
        s.detail.partition(":")[2]
        for s in triggered
        if s.kind == "cloud-function" and s.detail.partition(":")[0] in {"http", "event"}
    }
    if decorated:
        # `@functions_framework.http` in a file with a local-test `__main__` block (one that calls
        # the function), or one a script imports: the decorator says what the file is deployed as.
        # (A `__main__` block doing other work, a worker or a backfill, stays; so does the import
        # of a web app that serves the function from its own route.)
        local_test = facts.main_guard is not None and bool(decorated & set(facts.main_guard.calls))
        out[:] = [c for c in out if not (local_test and c.symbol == "__main__" and c.kind == "job")]
        seen.intersection_update((c.kind, c.framework) for c in out)
        web_importer = any(
            o.ctor in API_CTORS for importer in project.importers.get(path, ()) for o in project.files[importer].objects
        )
        imported = imported and web_importer
    if (
        triggered
        and not imported
        and all(c.framework in {"aws-lambda", "cloud-functions"} or c.symbol == "__main__" for c in out)
    ):
        if out and any(s.kind == "cloud-function" for s in triggered):
            # `def process(event, context)` beside Cloud Functions: Google's background function
            for candidate in out:
                if candidate.framework == "aws-lambda":
                    candidate.framework = "cloud-functions"
        # the Functions host runs `main(req: func.HttpRequest)` per request, `main(mytimer:
        # func.TimerRequest)` per tick and a queue or event trigger per message, each to completion;
        # so does Google's for `@functions_framework.http` and `@functions_framework.cloud_event`
        # (each function of a file is deployed on its own: an api and a job may share it)
        for signal in triggered:
            is_job = signal.detail.partition(":")[0] in {"timer", "event"}
            add(_Candidate(path, signal.line, "job" if is_job else "api", _CLOUD_FUNCTIONS[signal.kind], "main"))
    spiders = [(name, line) for name, base, line in facts.classes if base == SCRAPY_SPIDER]
    if spiders and not out and not imported and not _crawls_itself(project):
        # `scrapy crawl NAME` runs a spider to the end of its crawl. (A module that runs its
        # spider itself, or that a runner script imports to crawl it, leaves the job there.)
        add(_Candidate(path, spiders[0][1], "job", "scrapy", spiders[0][0]))
    return out


def _inline_app(facts: FileFacts, guard: MainGuardFact) -> str:
    """The framework of an app the ``__main__`` block serves without binding it to a name:
    ``HTTPServer(addr, Handler).serve_forever()``, or a framework's default app (``bottle.run()``,
    NiceGUI's ``ui.run()``: :data:`_SELF_SERVING`)."""
    calls = _guard_calls(facts, guard, depth=2)
    for call, framework in _SELF_SERVING.items():
        if call in calls:
            return framework
    if "aiogram.utils.executor.start_webhook" in calls:
        return "aiogram-webhook"  # (the dispatcher's updates arrive as requests to the webhook path)
    if ("cherrypy.quickstart" in calls or "cherrypy.engine.block" in calls) and "cherrypy.tree.graft" not in calls:
        return "cherrypy"  # `cherrypy.quickstart(Root(), "/", conf)`: the object's `@cherrypy.expose` methods
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method in SERVE_METHODS and owner.endswith("()") and owner[:-2] in API_CTORS:
            return API_CTORS[owner[:-2]]
    # `def run(): app = Application(); app.listen(port); IOLoop.current().start()`, with
    # `class Application(tornado.web.Application)` in this file
    bases = {name: base for name, base, _ in facts.classes if base in API_CTORS}
    for obj in facts.objects:
        ctor = bases.get(obj.ctor, obj.ctor)
        if obj.scope in calls and ctor in API_CTORS:
            return API_CTORS[ctor]
    return ""


def _event_loop_forever(facts: FileFacts, guard: MainGuardFact) -> str:
    """The ``__main__`` block keeps an event loop running for tasks and clients built elsewhere
    (``loop.create_task(monitor(bot)); loop.run_forever()``, Telethon's ``run_until_disconnected``)."""
    return _loop_forever(facts, _guard_calls(facts, guard, depth=2))


def _loop_forever(facts: FileFacts, calls: Sequence[str]) -> str:
    """:func:`_event_loop_forever` over the given calls (a ``__main__`` block's, or the module level's)."""
    loops = {o.name for o in facts.objects if o.ctor in EVENT_LOOPS}
    if any("Console" in call or call.endswith(".interact") for call in calls):
        return ""  # `python -m asyncio`: a console for a person, running its loop
    servers = {o.name for o in facts.objects if o.ctor.endswith("HTTPServer") or o.ctor in API_CTORS}
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method == "listen" and (owner in servers or owner.removesuffix("()").endswith("HTTPServer")):
            return ""  # `HTTPServer(create_app()).listen(port)`: the loop serves an app, the app is the entrypoint
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method == "run_until_disconnected":
            return "telethon"
        if method == "run_forever" and (owner in loops or owner.removesuffix("()") in EVENT_LOOPS):
            return "asyncio"
    ctors = {o.name: o.ctor for o in facts.objects}
    # (a class of the file deriving from a socket server, `class ThreadedTCPServer(ThreadingMixIn, TCPServer)`)
    own_servers = {name for name, base, _ in facts.classes if base.startswith(_SOCKET_SERVERS)}
    web = any(imp.module.startswith(_WEB_SERVER_MODULES) for imp in facts.imports)
    for call in calls:
        owner, _, method = call.rpartition(".")
        ctor = ctors.get(owner, "")
        if (
            method == "serve_forever"
            and owner not in servers
            and not web
            # (bound by `async with ... as server`, or built by a socket server's library: not by a
            # project factory, which may build an HTTP server)
            and (
                not ctor
                or ctor.startswith(_SOCKET_SERVERS)
                or ctor in own_servers
                # (one imported from a module of the project, `from net import ThreadedTCPServer`:
                # `serve_forever` is socketserver's own)
                or ctor.rpartition(".")[2].endswith(_SOCKET_SERVER_CLASSES)
            )
            and not words(f"{owner} {ctor}") & _WEB_SERVER_WORDS
        ):
            # `async with await start_hl7_server(handle, port=...) as server: await server.serve_forever()`:
            # a socket server taking messages, no HTTP app in sight
            return "socket-server"
    return ""


# Receives that come back empty once a queue is drained (SQS, Pub/Sub pull, RabbitMQ's basic_get,
# a Kafka poll with a timeout)
# How a Celery app names modules for Celery to load (`include=`, `autodiscover_tasks`, `config_from_object`)
_CELERY_LOADS = frozenset({"include", "autodiscover", "celery_config"})
_EMPTY_RECEIVES = frozenset({"receive_message", "receive_messages", "pull", "basic_get", "poll"})
# Modules whose servers answer HTTP: a `serve_forever` of theirs serves an app
_WEB_SERVER_MODULES = ("http.server", "wsgiref", "werkzeug", "xmlrpc.server", "cheroot", "waitress", "gevent.pywsgi")
_WEB_SERVER_WORDS = frozenset({"http", "httpd", "wsgi", "web", "api", "app"})
_SOCKET_SERVERS = ("asyncio.start_server", "asyncio.start_unix_server", "socketserver.", "hl7.mllp.")
_SOCKET_SERVER_CLASSES = ("TCPServer", "UDPServer", "UnixStreamServer", "UnixDatagramServer")


def _loaded_beat_config(project: Project, path: str, signal: SignalFact) -> bool:
    """A beat schedule a Celery app reads: set on an app (``celery.conf.beat_schedule = {...}``,
    whatever built it), in the app's own module, or in a module the app loads: imported
    (``config_from_object(celeryconfig)``), named to a Celery app (``config_from_object(
    "celeryconfig")``, ``"config:CeleryConfig"``, ``"config.CeleryConfig"``) or named as Django's
    settings (``DJANGO_SETTINGS_MODULE``, a module with ``INSTALLED_APPS``, ``settings.py``); not a
    configuration file nothing loads, left beside an app configured in code."""
    facts = project.files[path]
    if "." in signal.detail or project.importers.get(path) or any(o.ctor == "celery.Celery" for o in facts.objects):
        return True
    if any(s.kind == "django-settings" for s in facts.signals) or path.rpartition("/")[2] == "settings.py":
        return True
    for other, f in project.files.items():
        for kind, value, _ in f.module_refs:
            if kind not in {"celery_config", "settings"}:
                continue
            # (`"config.CeleryConfig"`: the class named after its module)
            if path in {project.resolve_module(other, value), project.resolve_module(other, value.rpartition(".")[0])}:
                return True
    return False


def _has_celery_app(project: Project) -> bool:
    """Some module builds a Celery app (``Celery(...)``, or a subclass of it: ``class App(Celery)``)."""
    return any(o.ctor == "celery.Celery" for facts in project.files.values() for o in facts.objects) or any(
        base == "celery.Celery" for facts in project.files.values() for _, base, _ in facts.classes
    )


# Calls that serve a framework's default app, bound to no name: Bottle's module-level `@route`
# functions, NiceGUI's pages built by `ui` calls.
_SELF_SERVING = {"bottle.run": "bottle", "nicegui.ui.run": "nicegui"}


def _serves_default_app(facts: FileFacts) -> tuple[int, str] | None:
    """The line and framework of a module-level call serving a framework's default app
    (:data:`_SELF_SERVING`), or None."""
    return next(
        ((line or 1, _SELF_SERVING[name]) for name, _, line in facts.module_calls if name in _SELF_SERVING),
        None,
    )


# Calls that do not return while the process runs.
_FOREVER_METHODS = frozenset(
    {"run_forever", "loop_forever", "serve_forever", "start_consuming", "infinity_polling", "run_polling", "polling"}
)


def _task_functions(facts: FileFacts) -> set[str]:
    """The file's task-queue tasks (``@celery.task``), and the helpers of the file only a task
    calls (``def search(q): listen(q)`` under the task): not one another function of the file, its
    ``__main__`` block or its statements run as well (a ``main()`` streaming for ever)."""
    tasks = {task.function for task in facts.tasks}
    if not tasks:
        return tasks
    elsewhere = {call for f in facts.functions if f.name not in tasks for call in f.calls}
    elsewhere.update(facts.main_guard.calls if facts.main_guard is not None else ())
    elsewhere.update(name for name, _, _ in facts.module_calls)
    return tasks | ({call for f in facts.functions if f.name in tasks for call in f.calls} - elsewhere)


def _blocks_at_import(project: Project, path: str, facts: FileFacts) -> bool:
    """A script outside any package whose module level never returns (``client.run_forever()``):
    whatever imports it only ever runs it, so it stays an entrypoint of its own."""
    return (
        _standalone(project, path)
        and all(_standalone(project, importer) for importer in project.importers.get(path, ()))
        and any(name.rpartition(".")[2] in _FOREVER_METHODS for name, _, _ in facts.module_calls)
    )


def _dispatches_to_worker(facts: FileFacts, guard: MainGuardFact, existing: list[_Candidate]) -> bool:
    """``if __name__ == "__main__": cli()`` where ``cli`` is a command-line app (Flask's
    ``FlaskGroup``, a click group, typer) of a file whose command builds and starts a worker
    (``run_worker``: ``Worker(queues).work()``): the file is that worker's runner, not a job."""
    if not any(c.kind == "worker" and c.objects for c in existing):
        return False
    apps = {o.name for o in facts.objects if o.ctor.startswith(("flask.cli.", "click.", "typer."))}
    if bool(guard.calls) and all(call in apps for call in guard.calls):
        return True
    # (also `typer.run(main)`, in the block or in the one function it calls, `def cli():
    # typer.run(main)`, where the worker is built in a function the file hands on: `main` itself)
    # (or a worker of the module's level the handed function starts: `client.run(token)`)
    workers = {c.symbol for c in existing if c.kind == "worker" and c.objects}
    built_in = {o.scope for o in facts.objects if o.name in workers and o.scope and "." not in o.scope}
    handed = set(facts.references)
    starts = any(
        f.name in handed
        and any(call.partition(".")[0] in workers and call.rpartition(".")[2] in _WORKER_STARTS for call in f.calls)
        for f in facts.functions
    )
    if not starts and (not built_in or not built_in <= handed):
        return False
    local = {f.name: f for f in facts.functions}
    return bool(guard.calls) and all(
        call in _CLI_RUNS or (call in local and bool(local[call].calls) and _CLI_RUNS.issuperset(local[call].calls))
        for call in guard.calls
    )


_CLI_RUNS = frozenset({"typer.run", "fire.Fire"})
# What starts a worker object for good (`client.run(token)`, `bot.infinity_polling()`, `app.worker_main()`)
_WORKER_STARTS = frozenset({"run", "start", "worker_main", "polling", "infinity_polling", "run_polling", "run_forever"})


def _creates_schema_only(guard: MainGuardFact, existing: list[_Candidate]) -> bool:
    """An api module's ``__main__`` block that only creates the app's tables
    (``Base.metadata.create_all(bind=engine)``, ``with app.app_context(): db.create_all()``): the
    schema set up by hand once, as a migration would, not a job of its own."""
    if not any(c.kind == "api" for c in existing):
        return False
    methods = [call.rpartition(".")[2] for call in guard.calls]
    return "create_all" in methods and all(m in _SCHEMA_SET_UP for m in methods)


_SCHEMA_SET_UP = frozenset({"create_all", "app_context", "print"})


def _websocket_servers(facts: FileFacts) -> set[str]:
    """The module-level functions of a file that serve a websockets server while they run."""
    return {o.scope.split(".")[0] for o in facts.objects if o.scope and API_CTORS.get(o.ctor) == "websockets"}


def _serves_imported(project: Project, path: str, guard: MainGuardFact) -> bool:
    """``python -m encoder`` whose ``__main__`` block calls ``main()`` of another project module
    that serves its app there (``web.run_app(application())``): the app's module is the api."""
    for call in guard.calls:
        found = project.function_and_home(path, call)
        if found is None or found[1] == path:
            continue
        function, home = found
        if function.name in _websocket_servers(project.files[home]):
            return True  # `asyncio.run(live.serve())`: the websockets server of another module
        apps = {o.name for o in project.files[home].objects if o.ctor in API_CTORS}
        for inner in function.calls:
            owner, _, method = inner.rpartition(".")
            # (an event loop's or a websocket client's `run_forever` is a worker, not an app served)
            if inner in SERVE_CALLS or inner.endswith("web.run_app") or (owner in apps and method in _APP_SERVES):
                return True
    return False


_APP_SERVES = frozenset({"run", "serve_forever", "listen"})
_KOPF_RUNS = frozenset({"kopf.cli.main", "kopf.run", "kopf.operator"})


def _shared_script(project: Project, path: str, guard: MainGuardFact) -> bool:
    """A script outside any package whose ``__main__`` block runs a function other project code
    imports from it too (``init_db()``, also called by the app at start-up): the same work, run by
    hand or from cron."""
    if not _standalone(project, path) or path.endswith("__main__.py"):
        return False
    # (a function that only prints, `display_banner()`, is not work shared with anyone; nor one
    # whose value the block drops that only reads, `scrape()` returning a page's rows: a try-out)
    local = {f.name: f for f in project.files[path].functions}
    # (a block that gives every function it runs literals, a sample file among them,
    # `indexing("document.pdf", "incoming_docs")`, tries them out; `init_db()` then
    # `add_user(email="...")` seeds the database, `send_report("1 day")` sends one)
    run_here = {name for name in guard.dropped_calls if name in local}
    tried = run_here <= set(guard.literal_calls) and bool(run_here & set(guard.sample_calls))
    functions = {
        f.name
        for f in local.values()
        if f.name in guard.dropped_calls
        and not tried
        and _works(f)
        and not (f.returns_value and _reads_only(f, local, 2))
        # (`send_mail(mail_subject="test", ...)` in a mail helper's own block: a test message)
        and not _NOTIFIER_NAME.fullmatch(f.name.lower())
    }
    # (or a wrapper of the file calling it: `def handler(request): main()` a serverless function imports)
    functions |= {f.name for f in local.values() if functions.intersection(f.calls)}
    for importer in project.importers.get(path, ()):
        found = [
            imp
            for imp in project.files[importer].imports
            if imp.name in functions and project.resolve_module(importer, imp.module, imp.level) == path
        ]
        taken = {imp.alias for imp in found}
        # (and calls it, by either name: not one that only imports it, or hands it to a scheduler,
        # `add_job(search, ...)`, whose job runs it, the block being a try-out of the helper)
        names = taken | {imp.name for imp in found if imp.name}
        # (or gives it to the app to run as it starts: `app.add_event_handler("startup", init_db)`)
        called = any(call.rpartition(".")[2] in names for call in project.files[importer].calls_made()) or bool(
            names & set(project.files[importer].startup_hooks)
        )
        if called and not _only_runs(project, importer, taken) and not _pipeline(project, importer):
            return True
    return False


# Orchestrators whose pipelines or workers run a project's functions as steps (tasks, ops, flows)
_ORCHESTRATORS = frozenset({"airflow", "prefect", "dagster", "luigi", "celery"})


def _pipeline(project: Project, path: str) -> bool:
    """A file of an orchestrated pipeline or a task queue (it imports Airflow, Prefect, Dagster,
    Luigi or Celery) that builds no web app: the steps it takes from a script are its own work,
    and the script's ``__main__`` block runs one step by hand, not work of its own."""
    facts = project.files[path]
    if not any(imp.module.split(".", 1)[0] in _ORCHESTRATORS for imp in facts.imports):
        return False
    kinds = [kind for o in facts.objects if (kind := _object_kind(project, path, o)) is not None]
    if any(kind[0] == "api" for kind in kinds):
        return False
    # (and one that runs: a schedule, a worker, its own `__main__` block; not flows a deployment
    # file of the orchestrator's own serves, out of sight: the script's block is then the run)
    return bool(kinds) or facts.main_guard is not None or any(s.kind == "schedule" for s in facts.signals)


def _only_runs(project: Project, path: str, taken: set[str]) -> bool:
    """A runner script whose whole work is calling what it took from another module (``from
    birthday_checker import main; main()``): that module's own ``__main__`` block runs the same job
    a second way, no work shared with anyone. (Not an app calling ``init_db()`` as it starts: the
    block runs that work by hand.)"""
    if _builds_entrypoint(project, path):
        return False
    facts = project.files[path]
    guard = facts.main_guard
    calls = [raw for _, raw, _ in facts.module_calls] + list(guard.calls if guard is not None else ())
    work = [call for call in calls if not _is_trivial_call(call)]
    return bool(work) and all(call in taken for call in work)


# Helpers that tell someone (`send_mail()`, `notify()`), by their whole name (not `send_alerts()`,
# which may look up whom to tell and tell them: work): their module's `__main__` block sends a test
# message, it runs no work of the importers'.
_NOTIFIER_NAME = re.compile(
    r"_?(?:send_?(?:(?:telegram|slack|discord|teams|tg|chat|bot|push)_?)?(?:e?mail|message|msg|sms|alert|notification|tweet|toot)"
    r"|notify(?:_(?:slack|telegram|discord|teams|chat|admin|admins|me|user))?|alert)"
)


# What a function that only reads calls: an HTTP read, parsing, and the methods that pick a page
# or a string apart (`soup.find_all("li")`, `row.text.strip()`). Anything else may write.
_READ_PREFIXES = (
    "requests.get",
    "httpx.get",
    "urllib.request.urlopen",
    "bs4.",
    "lxml.",
    "json.",
    "re.",
    "datetime.",
    "time.time",
    "os.path.",
    "os.environ",
    "os.getenv",
)
_READ_METHODS = frozenset(
    {"find", "find_all", "findAll", "select", "select_one", "get_text", "getText", "strip", "split", "replace"}
    | {"lower", "upper", "index", "json", "get", "items", "keys", "values", "append", "extend", "join", "format"}
    | {"startswith", "endswith", "findall", "search", "match", "group", "decode", "encode", "raise_for_status"}
)
_READ_NAMES = frozenset({"set", "range", "enumerate", "zip"})  # (beside `_PURE_NAMES`)


def _reads_only(function: FunctionFact, local: dict[str, FunctionFact], depth: int) -> bool:
    """A function (and the functions of its file it calls, ``depth`` levels down) that only reads
    and parses: ``scrape()`` fetching a page and returning its rows. When in doubt, no."""
    for call in function.calls:
        if call in local:
            if depth <= 0 or not _reads_only(local[call], local, depth - 1):
                return False
        elif not (
            _is_trivial_call(call)
            or call in _PURE_NAMES
            or call in _READ_NAMES
            or call.startswith((*_PURE_PREFIXES, *_READ_PREFIXES))
            or (
                "." in call
                and call.rpartition(".")[2] in _READ_METHODS
                and not call.startswith(("requests.", "httpx."))
            )
        ):
            return False
    return True


def _used_as_library(project: Project, path: str) -> bool:
    """Another module imports this one, or a function or class of it (not only a package of the
    same name beside it, `from bot.config import x` next to `bot.py`, nor an object it builds)."""
    functions = {f.name for f in project.files[path].functions}
    return any(
        (project.resolve_module(importer, imp.module, imp.level) == path and _library_name(imp.name, functions))
        or (  # `from mqtt2cmd import mqttclient`: the module itself
            imp.name is not None
            and imp.name != "*"
            and project.resolve_module(importer, f"{imp.module}.{imp.name}".lstrip("."), imp.level) == path
        )
        for importer in project.importers.get(path, ())
        for imp in project.files[importer].imports
    )


def _library_name(name: str | None, functions: set[str]) -> bool:
    """What a library is imported for: the module, its functions, its classes (``Spinner``); not
    an object it builds (``from bot import application``: the module is that object's home)."""
    if name is None or name == "*" or name in functions:
        return True
    return name[:1].isupper() and not name.isupper()


# Calls that do a script's work by themselves (beside HTTP writes and commands): a transfer, a
# deletion, a query, a mail. (An HTTP read only shown, `print(requests.get(url).json())`, tries a
# helper out.)
_WORK_ROOTS = (
    "os.remove",
    "shutil.rmtree",
    "shutil.copy",
    "shutil.move",
    "shutil.make_archive",
    "ftplib.",
    "paramiko.",
    "boto3.",
    "smtplib.",
    "sqlite3.",
    "psycopg2.",
    "pymysql.",
    "pymongo.",
)


def _command_line_script(project: Project, path: str, guard: MainGuardFact) -> bool:
    """A script outside any package whose ``__main__`` block reads its command line and either
    runs a function of its own that works and exits with its status
    (``sys.exit(main(dry_run=args.dry_run))``) or does the work itself (a command, an HTTP write,
    a transfer, a function of its own called for its effect) beside no app, worker or bot among
    its importers: a tool run by hand or from cron, also when a sibling script borrows its helpers."""
    if not _standalone(project, path) or path.endswith("__main__.py"):
        return False
    if not any(call.endswith(".parse_args") for call in guard.calls):
        return False
    # (only sibling scripts borrow from it: a module an app imports is the app's library)
    importers = project.importers.get(path, ())
    if not all(_standalone(project, i) and project.files[i].main_guard is not None for i in importers):
        return False
    local = {f.name: f for f in project.files[path].functions}
    if guard.exits_with_value:
        return any(call in local and _works(local[call]) for call in guard.calls)
    # Or the block does the work itself, with what the command line gave it (`requests.get(api_url,
    # auth=(args.user, args.token))`, `subprocess.run(...)`), and no importer serves or runs an app
    # or a bot (a helper's try-out beside the app that imports it)
    if any(_builds_entrypoint(project, i) for i in importers):
        return False
    return any(
        call in HTTP_WRITES
        or call in COMMAND_CALLS
        or call.startswith(_WORK_ROOTS)
        # (a function of its own called for what it does, not for a value to show: `clone(url)`,
        # not `print(get(path))`)
        or (call in local and call in guard.dropped_calls and _works(local[call]))
        for call in guard.calls
    )


def _sibling_script_main(project: Project, path: str, guard: MainGuardFact) -> bool:
    """A script outside any package whose ``__main__`` block runs its own ``main()``, which works,
    while only sibling scripts (with ``__main__`` blocks of their own, building no app, worker or
    bot) borrow its other helpers (``from save_current_temp import get_temperature``): a script
    run from cron whose helpers another script shares, not a helper module's try-out."""
    if not _standalone(project, path) or path.endswith("__main__.py") or "main" not in guard.dropped_calls:
        return False
    local = {f.name: f for f in project.files[path].functions}
    main = local.get("main")
    if main is None or not _works(main):
        return False
    importers = project.importers.get(path, ())
    if not importers or not all(
        _standalone(project, i) and project.files[i].main_guard is not None and not _builds_entrypoint(project, i)
        for i in importers
    ):
        return False
    # (the siblings take helpers by name, `from save_current_temp import get_temperature`, not the
    # module whole, `import dis`, as a library is used, nor the `main()` itself: its runner)
    taken = [
        imp.name
        for importer in importers
        for imp in project.files[importer].imports
        if project.resolve_module(importer, imp.module, imp.level) == path
    ]
    if not taken or not all(name in local and name != "main" for name in taken):
        return False
    # (and `main()` does work of its own besides what they take, called as a step that writes:
    # `add_temperature_to_db(t)` beside the borrowed `get_temperature()`; not only `enforce(args)`,
    # which a sibling runs as well, nor `print(describe(get_forecast()))`, a try-out of the helpers)
    return any(
        call in local
        and call not in taken
        and _works(local[call])
        and not _reads_only(local[call], local, 2)
        # (nor the database's set-up, `create_tables()`: a helper module's own block makes its schema)
        and not _SET_UP_STEP.fullmatch(call)
        for call in main.steps
    )


_SET_UP_STEP = re.compile(
    r"_?(?:init_?(?:db|database|schema|tables?)?|create_(?:tables?|schema|db|database)|set_?up(?:_db|_database)?)",
    re.IGNORECASE,
)


def _builds_entrypoint(project: Project, path: str) -> bool:
    """A file building an app, a worker or a bot (also through a factory), declaring routes, or
    running a loop of its own or a bot's polling."""
    facts = project.files[path]
    return (
        bool(facts.routes or facts.loops)
        or any(w.forever for w in facts.wrapper_loops)
        or any(_object_kind(project, path, o) is not None for o in facts.objects)
        or any(call.rpartition(".")[2] in _RUNS_ON for call in facts.calls_made())
    )


def _only_constants_taken(project: Project, path: str) -> bool:
    """Everything other modules import from this script outside any package are constants
    (`from delete_backups import BACKUP_PATTERN`): sharing a pattern does not make it a library."""
    if not _standalone(project, path):
        return False  # a package's module is there to be imported; its `__main__` block is a demo
    facts = project.files[path]
    defined = {f.name for f in facts.functions} | {c for c, _, _ in facts.classes}
    taken = [
        imp.name
        for importer in project.importers.get(path, ())
        for imp in project.files[importer].imports
        if project.resolve_module(importer, imp.module, imp.level) == path
    ]
    return bool(taken) and all(name is not None and name.isupper() and name not in defined for name in taken)


def _run_in_processes(project: Project, path: str, facts: FileFacts) -> set[str]:
    """This file's functions that another module starts as processes of their own
    (`Process(target=feeds.stream)`), and the functions of this file they call, at any depth."""
    started = {
        target.rpartition(".")[2]
        for importer in sorted(project.importers.get(path, ()))
        for target in project.files[importer].process_targets
        if not project.files[importer].is_test and project.resolve_module(importer, target.rpartition(".")[0]) == path
    }
    local = {f.name: f for f in facts.functions}
    frontier = [name for name in started if name in local]
    reached = set(frontier)
    while frontier:
        for call in local[frontier.pop()].calls:
            if call in local and call not in reached:
                reached.add(call)
                frontier.append(call)
    return reached


def _without_process_launchers(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """Jobs whose `__main__` block starts processes that are workers of their own are launchers:
    the workers are the entrypoints."""
    workers = {c.path for c in candidates if c.kind == "worker" and c.hosted}

    def launcher(candidate: _Candidate) -> bool:
        targets = project.files[candidate.path].process_targets
        if candidate.kind != "job" or candidate.symbol != "__main__" or not targets:
            return False
        homes = {project.resolve_module(candidate.path, target.rpartition(".")[0]) for target in targets}
        return None not in homes and homes <= workers

    return [c for c in candidates if not launcher(c)]


def _apps_starting(project: Project, path: str, function: str, wrapped: bool = True) -> list[tuple[str, int]]:
    """The apps' modules (each building a web app) that import ``function`` from this file and
    start it beside the app, as a thread's target or a task (`create_task(function())` in a
    start-up hook), with the line of each app. A route handler that calls it serves a request with
    it: that is no poller. (Also through a wrapper of another module, one level: `async def
    consume(producer): await base_consume(producer, config, handle)`, the app starting `consume`.)"""
    found = _apps_starting_here(project, path, function)
    if found or not wrapped:
        return found
    for importer in sorted(project.importers.get(path, ())):
        facts = project.files[importer]
        if facts.is_test:
            continue
        for wrapper in facts.functions:
            if any(
                call.rpartition(".")[2] == function
                and (module := call.rpartition(".")[0])
                and project.module_of(importer, module) == path
                for call in wrapper.calls
            ):
                found += _apps_starting(project, importer, wrapper.name, wrapped=False)
    return sorted(set(found))


def _apps_starting_here(project: Project, path: str, function: str) -> list[tuple[str, int]]:
    """See :func:`_apps_starting`: the apps' modules importing ``function`` from ``path`` itself."""
    found = []
    home = project.files[path]
    # (or a function of this file that starts it, `def start_reaper(): asyncio.create_task(reaper_loop())`,
    # which the app's start-up hook or factory calls)
    starters = (
        {f.name for f in home.functions if function in f.calls and f.name != function}
        if function in home.started
        else set()
    )
    for importer in sorted(project.importers.get(path, ())):
        facts = project.files[importer]
        # (also an app a factory builds and starts the poller beside: `def create_app(): ...
        # Thread(target=poll_feeds, daemon=True).start(); return app`)
        # (or one a project factory builds: `app = create_app()` then `Thread(target=serial_loop).start()`)
        apps = [o for o in facts.objects if o.ctor in API_CTORS or _factory_app(project, importer, o)]
        guard = facts.main_guard
        if facts.is_test or not (
            function in facts.started or (apps and _starts_beside_app(project, importer, path, starters))
        ):
            continue
        if apps and function in facts.guard_started and guard is not None and not _guard_runs_server(facts, guard):
            continue  # (the app's module's `__main__` block starts the loop and serves nothing: its own worker)
        if apps:
            found.append((importer, apps[0].line or (guard.line if guard is not None else 1)))
        elif guard is not None and _serves_imported_app(project, importer, guard.calls):
            # (`Thread(target=poll, daemon=True).start()` then `app.run()`, the app imported from
            # the module building it: the process starts at this block, the poller with it)
            found.append((importer, guard.line))
    return found


def _guard_runs_server(facts: FileFacts, guard: MainGuardFact) -> bool:
    """The ``__main__`` block (or a function of the file it calls) runs something that serves:
    an app's ``run()`` (``app.run()``, ``socketio.run(app)``), a server object's
    ``serve_forever()`` (``WSGIServer(addr, app)``), a server call (``uvicorn.run(...)``)."""
    return any(
        call in SERVE_CALLS or (call.rpartition(".")[2] in _GUARD_SERVES and call.split(".")[0] not in _NOT_SERVING)
        for call in _guard_calls(facts, guard, depth=2)
    )


_GUARD_SERVES = frozenset({"run", "serve", "serve_forever", "listen", "run_app", "run_server", "run_forever"})
# Modules whose `run()` serves no app: a command (`subprocess.run`), a coroutine (`asyncio.run`)
_NOT_SERVING = frozenset({"subprocess", "asyncio", "trio", "anyio", "uvloop", "threading", "multiprocessing", "os"})


def _starts_beside_app(project: Project, importer: str, path: str, starters: set[str]) -> bool:
    """``importer`` calls one of ``starters``, functions of ``path``, where its app starts: in a
    start-up hook, in the factory building the app, or at module level (not in a route handler,
    which serves a request with it); or registers one as a start-up hook."""
    facts = project.files[importer]
    home = project.files[path]
    if starters & set(home.startup_hooks):
        # (the loop's module registers its starter itself, in a function the app's factory calls,
        # the way aiohttp extensions do: `def setup(app): app.on_startup.append(start_relay)`)
        starters = starters | {
            registrar
            for registrar, _, hook in (pair.partition(">") for pair in home.hook_registrars)
            if hook in starters
        }

    def starter(call: str) -> bool:
        module, _, name = call.rpartition(".")
        return name in starters and bool(module) and project.module_of(importer, module) == path

    factories = {o.scope for o in facts.objects if o.ctor in API_CTORS and o.scope}
    handlers = {r.handler for r in facts.routes}

    # (a factory's calls hold those of the route handlers it nests: a starter is taken from the
    # factory only when it calls it more often than the nested route handlers do)
    def called_outside_routes(f: FunctionFact, call: str) -> bool:
        name = call.rpartition(".")[2]
        made = sum(1 for c in f.calls if c.rpartition(".")[2] == name)
        return _starts_up(f) or made > facts.route_calls.count(name)

    if any(
        starter(call) and called_outside_routes(f, call)
        for f in facts.functions
        if (f.name in factories or _starts_up(f)) and f.name not in handlers
        for call in f.calls
    ) or any(starter(call) for call, _, _ in facts.module_calls):
        return True
    # (or gives it to the app to run as it starts: aiohttp's `app.on_startup.append(listener.start_background_tasks)`,
    # `add_event_handler("startup", ...)`, `FastAPI(lifespan=...)`)
    return path in project.import_edges.get(importer, ()) and bool(starters & set(facts.startup_hooks))


def _serves_imported_app(project: Project, path: str, calls: Sequence[str]) -> bool:
    """The block runs a web app another module of the project builds (``web.app.run()``)."""
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method not in {"run"} | SERVE_METHODS or not owner:
            continue
        ref = project.resolve_object(path, owner)
        if (
            ref is not None
            and ref[0] != path
            and ref[0] in project.files
            and any(o.name == ref[1] and not o.scope and o.ctor in API_CTORS for o in project.files[ref[0]].objects)
        ):
            return True
    return False


def _factory_app(project: Project, path: str, obj: ObjectFact, elsewhere: bool = True) -> bool:
    """``app = create_app()`` at module level, ``create_app`` a project function building a web app
    (``elsewhere``: in another module)."""
    ref = None if obj.scope else project.resolve_object(path, obj.ctor)
    if ref is None or ref[0] not in project.files or (elsewhere and ref[0] == path):
        return False
    home, factory = ref
    return any(o.scope == factory and o.ctor in API_CTORS for o in project.files[home].objects)


def _runs_pending(facts: FileFacts, rounds_only: bool = False) -> bool:
    """The file runs the `schedule` library's jobs (`schedule.run_pending()`, not `migrations.run_all()`;
    with ``rounds_only``, not `schedule.run_all()`, every job once)."""
    methods = {"run_pending"} if rounds_only else {"run_pending", "run_all"}
    return any(
        call.startswith(("schedule.", "aioschedule.")) and call.rpartition(".")[2] in methods
        for call in facts.calls_made()
    )


def _runs_any_pending(facts: FileFacts) -> bool:
    """The file calls some scheduler's ``run_pending()`` / ``run_all()`` (also a ``schedule.Scheduler``
    of its own, `jobs.run_pending()`), or starts a helper that does (``run_continuously()``)."""
    return any(call.rpartition(".")[2] in {"run_pending", "run_all", "run_continuously"} for call in facts.calls_made())


def _console_targets(project: Project, declared: Sequence[str]) -> set[str]:
    """The ``module:function`` targets the packaging metadata installs as commands: the declared
    ones (pyproject, setup.cfg) and those a ``setup.py`` names."""
    targets = set(declared)
    for path, facts in sorted(project.files.items()):
        if path.rsplit("/", 1)[-1] == "setup.py":
            targets.update(value for kind, value, _ in facts.module_refs if kind == "console_script")
    return targets


def _console_paths(project: Project, declared: Sequence[str]) -> set[str]:
    """The files whose functions the packaging metadata installs as commands."""
    found = (
        project.resolve_module("", t.partition(":")[0].removesuffix(".__init__"))
        for t in _console_targets(project, declared)
    )
    return {path for path in found if path is not None}


def _schedules_run_elsewhere(
    project: Project, candidates: list[_Candidate], commands: Collection[str]
) -> list[_Candidate]:
    """`schedule` jobs one module registers (`schedule.every(10).minutes.do(job)`, also in a
    function a bot command calls) that never runs them, while exactly one other module reaching it
    runs `schedule.run_pending()` round after round: the scheduler's process is that module's, and
    so is the job entrypoint (it joins the job that module's own jobs make, if any)."""
    out: list[_Candidate] = []
    pending: list[str] | None = None  # the files that run `schedule` jobs, found once
    for candidate in candidates:
        facts = project.files[candidate.path]
        own = {f.name for f in facts.functions}
        if (
            candidate.kind == "job"
            and candidate.framework == "schedule"
            and facts.main_guard is None
            # (a logger or settings set up at import run nothing: `logger.setLevel(logging.INFO)`,
            # `load_dotenv()`)
            and all(_sets_up(call) for call, _, _ in facts.module_calls)
            and not project.importers.get(candidate.path)
            # (not a function a framework or a thread calls, `@app.on_event("startup")`, nor one a
            # console script names; a decorator of the file's own, `@parallel`, or a thread started
            # on a parameter inside one, `Thread(target=func)`, calls nothing at import)
            and not any(name in own for name in facts.started)
            and not any(d not in own for f in facts.functions for d in f.decorators)
            and candidate.path not in commands
        ):
            # (`def main(): schedule.every(20).minutes.do(job); while True: run_pending()` that
            # nothing calls: no `__main__` block, no call at its own level, no importer; running
            # the file only defines functions)
            continue
        # (a module with a `__main__` block of its own may run its jobs itself, through a helper)
        if candidate.kind != "job" or candidate.framework != "schedule" or _runs_pending(facts) or facts.main_guard:
            out.append(candidate)
            continue
        if pending is None:
            pending = [p for p, f in sorted(project.files.items()) if not f.is_test and _runs_pending(f)]
        runners = [p for p in pending if p != candidate.path and candidate.path in project.closure({p})]
        if (
            not pending
            and any(c.path == candidate.path and c.kind == "worker" for c in candidates)
            and not any(_runs_any_pending(f) for f in project.files.values())
        ):
            # (`while True: checkin(); schedule.every(1).days.do(checkin); time.sleep(...)`: jobs
            # registered that nothing in the project ever runs, beside the file's own loop, the process)
            continue
        if len(runners) != 1:
            out.append(candidate)
            continue
        runner = runners[0]
        if any(c.path == runner and c.kind == "job" and c.framework == "schedule" for c in candidates):
            continue  # (the runner's own scheduler job already stands for the process)
        guard = project.files[runner].main_guard
        candidate.path, candidate.line = runner, guard.line if guard is not None else 1
        out.append(candidate)
    return out


def _sets_up(call: str) -> bool:
    """A module-level call that only sets the module up: logging (``logging.basicConfig(...)``,
    ``logger.setLevel(...)``, ``log.addHandler(handler)``), settings from a ``.env`` file
    (``load_dotenv()``), the import path or warnings (``sys.path.append(...)``)."""
    return call.startswith(("logging.", "dotenv.", "warnings.", "sys.path.")) or call.rpartition(".")[2] in {
        "setLevel",
        "addHandler",
        "setFormatter",
        "load_dotenv",
    }


def _one_poller_worker_per_app(candidates: list[_Candidate]) -> list[_Candidate]:
    """An app's process that runs two pollers of other modules (`feeds.run` in a thread,
    `outbox.run` as a task) is one worker, placed at the app (its reach holds both loops)."""
    seen: set[str] = set()
    out = []
    for candidate in candidates:
        if candidate.poller_of:
            if candidate.path in seen:
                continue
            seen.add(candidate.path)
        out.append(candidate)
    return out


def _own_consumers(project: Project, path: str, facts: FileFacts) -> set[str]:
    """Functions of this file that consume forever (``while True: r.blpop(...)``), that its
    ``__main__`` block calls and no other module does: an importer takes something else from the
    file (a producer, a constant), and the consumer runs only when the file itself is run."""
    users = project.name_index
    guard_calls = set(facts.main_guard.calls) if facts.main_guard is not None else set()
    others = {f.name for f in facts.functions} - guard_calls
    if not _standalone(project, path) and any(users.get(name, frozenset()) - {path} for name in others):
        return set()  # a package's module whose functions others use: a library, its `__main__` block a demo
    own = {
        loop.scope
        for loop in facts.loops
        if loop.scope in guard_calls
        and loop.source not in SLEEPS
        and loop.source not in _BUSY_SOURCES
        and users.get(loop.scope, frozenset()) <= {path}
    }
    if _standalone(project, path):
        # `main()` -> `gather_metrics()` -> `tail_log_file()`, a script's own polling loop below the
        # functions its `__main__` block calls, through functions no other module calls (an
        # importer taking `prometheus()` from it); not a loop the block calls directly that only
        # sleeps round after round (a helper's demo), nor one that does nothing but sleep
        reached = _reached_alone(project, path, facts, guard_calls) - guard_calls
        own |= {
            loop.scope
            for loop in facts.loops
            if loop.scope in reached and loop.source not in _BUSY_SOURCES and not loop.idle
        }
    return own


def _reached_alone(project: Project, path: str, facts: FileFacts, calls: set[str]) -> set[str]:
    """The functions of the file that ``calls`` reach through its own functions, three calls deep,
    where neither they nor any function on the way is called by another module."""
    local = {f.name: f for f in facts.functions}
    users = project.name_index

    def alone(name: str) -> bool:
        return name in local and users.get(name, frozenset()) <= {path}

    reached: set[str] = set()
    frontier = {name for name in calls if alone(name)}
    for _ in range(3):
        reached |= frontier
        frontier = {call for name in frontier for call in local[name].calls if alone(call)} - reached
    return reached | frontier


def _constants_taken(project: Project, path: str) -> bool:
    """:func:`_only_constants_taken`, for a script whose ``__main__`` block does work of its own
    (not a self-test that asserts and prints)."""
    if not _only_constants_taken(project, path):
        return False
    facts = project.files[path]
    guard = facts.main_guard
    local = {f.name: f for f in facts.functions}
    # (called as a statement: `main()`, not `assert parse("2MB") == ...`)
    return guard is not None and any(call in local and _works(local[call]) for call in guard.dropped_calls)


def _scheduled_script(project: Project, path: str) -> bool:
    """A script outside any package that a scheduler process imports to run it on a timetable
    (``schedule.every().day.do(worker.main)``): its own ``__main__`` block is a job too. Not one
    a web app imports as well: a library of the app and the scheduler, its block a try-out."""
    if not _standalone(project, path):
        return False
    guard = project.files[path].main_guard
    importers = project.importers.get(path, set())
    if any(_web_importer(project, i) for i in importers):
        return False
    if (
        guard is not None
        and guard.dropped_calls
        # (only prints or logs: `sys.exit(main())` runs the command line)
        and all(_is_trivial_call(call) and call not in EXIT_CALLS for call in guard.dropped_calls)
    ):
        # `if __name__ == "__main__": print(make_sentence())`, where the scheduler runs another
        # function of the file: a try-out of the helpers (not the steps the importers call, schedule
        # or hand on: `.do(report.send_report)`)
        users = project.name_index
        tried = {call.rpartition(".")[2] for call in guard.calls if not _is_trivial_call(call)}
        if not any(users.get(name, frozenset()) & importers for name in tried):
            return False
    for importer in importers:
        facts = project.files[importer]
        if _pipeline(project, importer):
            continue  # (a pipeline's step run by hand: see `_pipeline`)
        if any(s.kind == "schedule" for s in facts.signals) or any(
            o.ctor.startswith(tuple(JOB_CTOR_PREFIXES)) for o in facts.objects
        ):
            return True
    return False


def _web_importer(project: Project, path: str) -> bool:
    """A module building a web app that serves more than probes (not a scheduler's process
    answering `/healthz` beside its `schedule` loop)."""
    from readiness_lint.checks.health import is_health, is_readiness

    facts = project.files[path]
    if facts.is_test or not any(o.ctor in API_CTORS for o in facts.objects):
        return False
    scheduler = any(s.kind == "schedule" for s in facts.signals) or any(
        o.ctor.startswith(tuple(JOB_CTOR_PREFIXES)) for o in facts.objects
    )
    # (unless other modules import it, a views module adding routes to its app, `from app import app`)
    probes_only = bool(facts.routes) and all(is_health(r) or is_readiness(r) for r in facts.routes)
    return not (scheduler and probes_only and not project.importers.get(path))


def _standalone(project: Project, path: str) -> bool:
    """A file outside any package: a script by nature, even when another script imports it."""
    directory = path.rpartition("/")[0]
    return (f"{directory}/__init__.py" if directory else "__init__.py") not in project.files


_AWS_CLIENTS = frozenset({"boto3.client", "boto3.resource"})
# What an SFTP session (`sftp_session`) does that is a script's work: files sent, fetched, removed, renamed
_SFTP_WORK = frozenset({"put", "get", "putfo", "getfo", "remove", "rename"})


# Libraries whose programs describe infrastructure, run by `cdk synth`, `cdktf` or `pulumi up`.
_INFRASTRUCTURE_CODE = frozenset({"aws_cdk", "cdktf", "pulumi", "troposphere"})
_PROBE_NAME = re.compile(r"health|probe|liveness|readiness", re.IGNORECASE)
# Management commands that are a container's probe or start-up step: every word of the name is
# one of these, and one of them names the probe (`healthcheck`, `check_health`, `db_healthz`,
# `liveness_probe`, `wait_for_db`; not `import_health_records`)
_PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "probe", "liveness", "readiness", "ready", "alive"})
_PROBE_FILLERS = frozenset({"check", "db", "database", "is", "ping", "service", "services", "up", "wait", "for"})


def _flask_commands(facts: FileFacts) -> list[SignalFact]:
    """The commands of Flask's command line a file declares (``@app.cli.command("init-db")``) that
    run a job: not one that asks for its input as it runs (`input()`, `click.prompt`, a
    `click.password_option()`: a person at the keyboard), runs for good (a loop, a scheduler or a
    server started), runs the tests (`pytest.main`) or is a probe or a start-up wait
    (`wait-for-db`)."""
    declared = [s for s in facts.signals if s.kind == "flask-cli"]
    if not declared:
        return []
    local = {f.name: f for f in facts.functions}
    looping = {loop.scope.split(".")[0] for loop in facts.loops}
    out = []
    for signal in declared:
        function = local.get(signal.detail)
        if function is None or function.prompts or function.name in looping:
            continue
        if any(d.rpartition(".")[2] in _PROMPTING_OPTIONS for d in function.decorators):
            continue
        if any(c in NOT_ENTRYPOINT_CALLS or c.rpartition(".")[2] in _RUNS_FOR_GOOD for c in function.calls):
            continue
        if _utility_command(function.name):
            continue
        out.append(signal)
    return out


# Click's options that ask a person at the keyboard, and calls that keep a command running
_PROMPTING_OPTIONS = frozenset({"password_option", "confirmation_option"})
_RUNS_FOR_GOOD = frozenset(
    {"start", "run_pending", "serve_forever", "run_forever", "run_polling", "infinity_polling", "start_consuming"}
    | {"blpop", "brpop"}
)


def _utility_command(path: str) -> bool:
    """A management command named for a probe or a start-up wait (see :data:`_PROBE_WORDS`)."""
    words = path.rpartition("/")[2].removesuffix(".py").lower().split("_")
    if words[:2] == ["wait", "for"]:
        return True
    return bool(_PROBE_WORDS.intersection(words)) and set(words) <= _PROBE_WORDS | _PROBE_FILLERS


def _module_work_line(project: Project, path: str, facts: FileFacts) -> int:
    """The line of the first module-level call that does work, or 0: ``sys.exit``, ``asyncio.run``,
    starting something (``thread.start()``, ``bot.run(token)``), or, in a file that is not part of
    a package (a package's modules are there to be imported, and may register things with calls
    of their own at import), a function of the file (``main()``) or of another project module
    (``db.dump()``). Logging set-up, configuration and library calls alone do not make a script."""
    if path.endswith("__init__.py") or any(s.kind == "django-settings" for s in facts.signals):
        return 0  # a package runs on import; settings are loaded by name
    if any(i.module.split(".")[0] == "alembic" for i in facts.imports):
        return 0  # a migration environment, run by alembic
    if any(i.module.split(".")[0] in _INFRASTRUCTURE_CODE for i in facts.imports):
        return 0  # `app = cdk.App(); Stack(app, ...); app.synth()`: infrastructure as code, run by its own tool
    standalone = _standalone(project, path)
    # A private helper called at import (`_build_table()`) is a module setting itself up.
    # (nor, in a module others import, one that only reads settings: `config =
    # load_config("config.json")`, a config module; a script nothing imports may do its work with
    # a library call no list here knows, `api.update_status(...)`, after loading its settings)
    settings = bool(project.importers.get(path))
    local = (
        {f.name for f in facts.functions if not f.name.startswith("_") and not (settings and _reads_settings(f))}
        if standalone
        else set()
    )
    imported = {i.alias for i in facts.imports} if standalone else set()
    stars = any(i.name == "*" for i in facts.imports)
    # A client the script built sending something (`producer.produce(...)`, `client.publish(...)`).
    clients = {o.name: o.ctor for o in facts.objects if not o.scope} if standalone else {}
    # An instance of the file's own class set to work (`backup = DBBackup(); backup.run()`).
    methods = {m.name for m in facts.methods if _works(m)} if standalone else set()
    # Documents written to MongoDB by a script that opened the client (`collection.insert_many(news)`).
    mongo = any(ctor in _MONGO_CLIENTS for ctor in clients.values())
    # A deletion at module level (`db.logs.delete_many({...})`) is the script's work too.
    deletes = {s.line for s in facts.signals if s.kind == "destructive"} if standalone else set()
    probe = bool(_PROBE_NAME.search(path.rpartition("/")[2]))
    # (a module others import, for its constants too, runs its commands to set them up: `REVISION = ...`)
    alone = standalone and not project.importers.get(path)
    for name, raw, line in facts.module_calls:
        if name in NOT_ENTRYPOINT_CALLS:
            continue
        head, _, method = name.rpartition(".")
        receiver = raw.rpartition(".")[0]
        project_call = (
            bool(head)
            and raw.split(".")[0] in imported
            # (`db.dump()` on a project module, `URL.clear_expired()` on a project class)
            and (project.module_of(path, head) is not None or _project_method(project, path, head, method))
        )
        # (an AWS client the script built, set to work: `ec2.stop_instances(InstanceIds=[...])`)
        sends = receiver in clients and (
            method in SEND_METHODS
            or clients[receiver] in _AWS_CLIENTS
            # (python-crontab: a crontab written or wiped)
            or (clients[receiver] == CRONTAB and method in {"write", "remove_all", "remove"})
            or (method == "send" and clients[receiver] in _PRODUCER_CTORS)  # `producer.send(topic, value)`
            # (an SFTP session the script opened, `sftp = ssh.open_sftp()`, sending or fetching files)
            # (in a script nothing imports: a settings module fetching its file at import is set-up)
            or (alone and sftp_session(clients[receiver]) and method in _SFTP_WORK)
            # (InfluxDB 2's client: `write_api = client.write_api(...)`, `write_api.write(bucket, record=p)`)
            or (method == "write" and clients[receiver].endswith(".write_api"))
        )
        # (a Google API request the script built and sent: `service.files().create(...).execute()`)
        sends = sends or (
            method == "execute" and clients.get(raw.split(".")[0], "") == "googleapiclient.discovery.build"
        )
        sends = sends or _bigquery_job(clients, raw)  # (a BigQuery job: `client.query(sql)`)
        # (also a project module's class: `data = ModbusData(period=2); data.writeToInflux()`)
        own = receiver in clients and (
            f"{clients[receiver]}.{method}" in methods
            or (alone and _project_method(project, path, clients[receiver], method, person=True))
        )
        starts = name in EXIT_CALLS or name == "asyncio.run" or method in _MODULE_WORK_METHODS or sends
        # `exit_code = os.system("pg_basebackup ...")`, `requests.post(webhook, json=...)` (not a
        # container's health probe asking its own server, `healthcheck.py`)
        # (and, in a script with no window of its own, SQL run on a connection it opened,
        # `cursor.execute("CREATE TABLE ...")`, or a table written out, `df.to_json("out.json")`:
        # a set-up or conversion script)
        command = alone and (
            name in STATUS_COMMANDS
            or (name in HTTP_WRITES and not probe)
            or (
                (method in _TABLE_WRITES or (method in SQL_STATEMENT_RUNS and _database_handle(clients, receiver)))
                and not _for_a_person(facts)
            )
            or (mongo and method in _MONGO_WRITES)
        )
        # (`from relay_lib import *` then `relay_on(zone)`: a function of another project module
        # set to work)
        starred = (
            standalone
            and not head
            and stars
            and (found := project.function_and_home(path, name)) is not None
            and found[1] != path
            and _works(found[0])
        )
        # (`try: Cron()` / `except Exception as e: sys.exit(e)`: a class of the file that works as it is built)
        built = not head and f"{name}.__init__" in methods and not _for_a_person(facts)
        if starts or command or name in local or project_call or own or line in deletes or starred or built:
            return line or 1
    if alone and mongo:
        # (`result = collection.insert_many(news)`: documents written, the result kept)
        for obj in facts.objects:
            if not obj.scope and obj.ctor.rpartition(".")[2] in _MONGO_WRITES:
                return obj.line or 1
    if alone:
        # (`query_job = client.query(sql)`, `job = client.load_table_from_file(f, table)`: a BigQuery
        # job the script started, the job kept)
        # (also `rows = client.query(sql).result()`)
        for obj in facts.objects:
            if not obj.scope and _bigquery_job(clients, obj.ctor):
                return obj.line or 1
    return 0


def _bigquery_job(clients: dict[str, str], call: str) -> bool:
    """A call starting a job of a BigQuery client the script built (``clients``: names to their
    constructors): ``client.query(sql)``, also one waited for at once, ``client.query(sql).result()``."""
    receiver, _, method = call.rpartition(".")
    if clients.get(receiver) in _BIGQUERY_CLIENTS and method in _BIGQUERY_WORK:
        return True
    started, _, then = receiver.removesuffix("()").rpartition(".")
    return receiver.endswith("()") and clients.get(started) in _BIGQUERY_CLIENTS and then in _BIGQUERY_WORK


# What a function reading a settings file calls: open it, parse it.
_SETTINGS_READS = frozenset(
    {"open", "io.open", "json.load", "json.loads", "yaml.safe_load", "yaml.load", "tomllib.load", "tomli.load", "toml.load"}
    | {"os.getenv", "os.environ.get", "os.path.join", "os.path.exists", "os.path.dirname", "os.path.abspath"}
)  # fmt: skip


def _reads_settings(function: FunctionFact) -> bool:
    """A function that only opens and parses a file, or reads the environment: settings."""
    return bool(function.calls) and all(call in _SETTINGS_READS for call in function.calls)


def _for_a_person(facts: FileFacts) -> bool:
    """A window or a page a person uses, a notebook exported as a script, or a module an app or a
    framework builds or loads (its set-up at import is no job): by what it imports, a module-level
    hand-over to a person (`root.mainloop()`, `plt.show()`, `get_ipython()`), or an app built."""
    return (
        any(i.module.split(".")[0] in _GUI_TOOLKITS for i in facts.imports)
        or any(
            name in _UI_CALLS or name.rpartition(".")[2] in _UI_METHODS or name.startswith("get_ipython")
            for name, _, _ in facts.module_calls
        )
        or any(is_entrypoint_ctor(o.ctor) for o in facts.objects if not o.scope)
    )


_MONGO_WRITES = frozenset({"insert_one", "insert_many", "update_one", "update_many", "replace_one", "bulk_write"})
_MONGO_CLIENTS = frozenset(
    {"pymongo.MongoClient", "pymongo.mongo_client.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient"}
)
_TABLE_WRITES = frozenset({"to_csv", "to_json", "to_parquet", "to_excel", "to_sql", "to_feather"})
# A BigQuery client's jobs: a query run, a table loaded, copied, exported or written (`client.query(sql)`)
_BIGQUERY_CLIENTS = frozenset({"google.cloud.bigquery.Client", "google.cloud.bigquery.client.Client"})
_BIGQUERY_WORK = frozenset(
    {"query", "load_table_from_file", "load_table_from_uri", "load_table_from_dataframe", "load_table_from_json"}
    | {"insert_rows", "insert_rows_json", "copy_table", "extract_table", "delete_table", "create_table"}
)
# Programs that open a window or serve a page and wait for a person (their set-up at import is no
# job), by the toolkit or page framework they import (Dash and Shiny load their pages themselves),
# or by the call that hands over to a person: `root.mainloop()`, Panel's `.servable()`, Bokeh's
# `curdoc().add_root(...)`, `plt.show()`.
_GUI_TOOLKITS = frozenset(
    {"tkinter", "Tkinter", "customtkinter", "ttkbootstrap", "PySimpleGUI", "PyQt5", "PyQt6", "PySide2", "PySide6"}
    | {"qtpy", "wx", "kivy", "kivymd", "pygame", "flet", "toga", "dearpygui", "gradio", "bokeh", "panel", "dash"}
    | {"shiny", "nicegui", "solara", "reflex", "taipy", "eel", "webview", "textual"}
)
_UI_CALLS = frozenset({"matplotlib.pyplot.show", "pylab.show"})
_UI_METHODS = frozenset({"mainloop", "servable", "add_root"})
_DATABASE_HANDLES = frozenset({"cursor", "cur", "conn", "connection", "con"})
# Database drivers whose connections and cursors run SQL: `sqlite3.connect(...)`, `db.cursor()`.
_DATABASE_MODULES = (
    "sqlite3.", "psycopg2.", "psycopg.", "pymysql.", "MySQLdb.", "mysql.connector.", "pyodbc.", "cx_Oracle.",
    "oracledb.", "duckdb.", "sqlalchemy.", "pymssql.",
)  # fmt: skip


def _database_handle(clients: dict[str, str], receiver: str) -> bool:
    """``receiver`` is a connection or a cursor the script opened: built by a database driver, or
    by ``.cursor()`` on one (``db = MySQLdb.connect(...)``, ``cursor = db.cursor()``), or named
    for one (``with conexion.cursor() as cursor:``; not Scrapy's ``cmdline`` or a ``client``)."""
    if receiver in _DATABASE_HANDLES:
        return True
    ctor = clients.get(receiver, "")
    if ctor.endswith(".cursor"):
        ctor = clients.get(ctor.rpartition(".")[0], "")
    return ctor.startswith(_DATABASE_MODULES)


_PRODUCER_CTORS = frozenset({"kafka.KafkaProducer", "aiokafka.AIOKafkaProducer", "pulsar.Client.create_producer"})


def _project_method(project: Project, path: str, name: str, method: str, person: bool = False) -> bool:
    """``name`` (as expanded through ``path``'s imports) is a class a project module defines, with
    a method ``method`` of its own that works (``URL.clear_expired()``; not an inherited
    ``IOBase.register(...)``, which only records a class). With ``person``, not a class of a
    module made for a person (a Streamlit page's, a window's: :func:`_for_a_person`)."""
    ref = project.resolve_object(path, name)
    if ref is None or ref[0] not in project.files:
        return False
    home = project.files[ref[0]]
    if person and (_for_a_person(home) or _for_a_person(project.files[path]) or _streamlit_page(home)):
        return False
    # (or an instance the module built from its own class: `redis = Redis()` there, then
    # `redis.listen()` here; not a window's, `dashboard = Dashboard()` of a Tk class)
    instances = {o.ctor for o in home.objects if o.name == ref[1] and not o.scope}
    if instances and (_for_a_person(home) or _streamlit_page(home)):
        instances = set()
    classes = {ref[1], *instances}
    return any(
        m.name.partition(".")[0] in classes and m.name.partition(".")[2] == method and _works(m) for m in home.methods
    )


def _apply_declarations(
    project: Project, candidates: list[_Candidate], declared: Callable[[str], str | None]
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for candidate in candidates:
        kind = declared(candidate.path)
        if kind == "none":
            continue
        if kind in KINDS and kind != candidate.kind:
            candidate.kind = kind
        out.append(candidate)
    found = {c.path for c in out}
    for path in sorted(project.files):
        kind = declared(path)
        if kind in KINDS and path not in found and not project.files[path].is_test:
            out.append(_Candidate(path, 1, kind, "declared", "declared"))
    unique: dict[tuple[str, str, str], _Candidate] = {}
    for candidate in out:
        unique.setdefault((candidate.path, candidate.kind, candidate.symbol), candidate)
    return list(unique.values())


# Job frameworks that only say how a script reads its arguments: a deployment file's name says
# more. (click, typer and fire keep their names: the exit-code rule reads them.)
_PLAIN_JOBS = frozenset({"python", "argparse", "script"})
# Jobs that a deployment file keeping them running makes workers: a script reading arguments.
_SCRIPT_JOBS = _PLAIN_JOBS | {"click", "typer", "fire"}


def _apply_deployments(
    project: Project, candidates: list[_Candidate], deployments: Sequence[Deployment]
) -> list[_Candidate]:
    """A script a crontab, CronJob, timer or scheduled workflow runs is a job, even when the
    code alone reads as a library (an API also imports it); one that a Procfile, Compose, a
    Deployment, systemd or supervisord keeps running is not a job (see :func:`_service`). Files
    that serve an app, workers (a Celery app, a forever loop: cron may be keeping it alive) and
    Django's ``manage.py`` keep what their code says."""
    out = _apply_functions(project, list(candidates), [d for d in deployments if d.mode in FUNCTION_MODES])
    out = _scheduled_calls(project, out, [d for d in deployments if d.mode == SCHEDULED_CALL])
    deployments = [d for d in deployments if d.mode not in FUNCTION_MODES and d.mode != SCHEDULED_CALL]
    out.extend(_deployed_beats(project, out, [d for d in deployments if is_celery_beat(d)]))
    rq = next((d for d in deployments if d.module == RQ_WORKER and d.mode != SCHEDULED), None)
    if rq is not None and not any(c.kind == "worker" and c.framework == "rq" for c in out):
        out.extend(_rq_command_worker(project, rq))
    served = _served_objects(project, out)  # (the loop below adds jobs only)
    for path, deployment in sorted(deployed_files(project, deployments).items()):
        facts = project.files[path]
        name = path.rsplit("/", 1)[-1]
        if _not_service_file(project, path) or name in SERVER_MODULES or _is_django_manage(facts):
            continue
        here = [c for c in out if c.path == path]
        if deployment.mode == SCHEDULED:
            # (`client.loop_start()` then `while self.is_run: time.sleep(1)` in a script cron runs:
            # a publisher waiting for its acknowledgement, the run cron's job)
            waiting = {loop.scope for loop in facts.loops if loop.source == MQTT_WAIT and loop.scope}
            for waits in [c for c in here if c.kind == "worker" and c.symbol in waiting]:
                out.remove(waits)
                here.remove(waits)
        if any(c.kind in ("api", "worker") for c in here):
            continue
        if deployment.mode in (SCHEDULED, STARTED) and not here:
            # (a module others import, whose `__main__` block would read as a demo: the
            # deployment starts it as a program)
            guard = facts.main_guard
            if deployment.mode == STARTED and _serves_here(project, path, facts):
                continue  # `python serve.py` serving the app another module builds: that module is the api
            if guard is None and _launcher(facts):
                continue
            line = guard.line if guard is not None else facts.script_line or _module_work_line(project, path, facts)
            if not line and (deployment.mode == SCHEDULED or deployment.ends):
                # (`a = get_token(); print(fetch())` run by a schedule, or `python create_db.py &&
                # uvicorn ...` run before the server: whatever the file calls at import is the run,
                # however little it looks like work; an image's command alone may as well start a
                # server or a UI the tool does not know)
                line = next((call_line for _, _, call_line in facts.module_calls if call_line), 0)
            if not line:
                continue  # only definitions: running the file starts nothing
            symbol = "__main__" if guard is not None else "script"
            here = [_Candidate(path, line, "job", _cli_framework(facts), symbol)]
            if _runs_another_app(project, here[0], served) or _runs_unseen_app(project, here[0]):
                continue  # `python app.py` running the app another module builds: that module is the api
            out.extend(here)
        for candidate in here:
            if candidate.kind == "job" and (candidate.symbol in {"__main__", "script"} or candidate.console_script):
                candidate.deployed = deployment
                if deployment.mode == SCHEDULED and candidate.framework in _PLAIN_JOBS:
                    candidate.framework = deployment.how
    return out


def _scheduled_calls(project: Project, candidates: list[_Candidate], calls: Sequence[Deployment]) -> list[_Candidate]:
    """An HTTP Cloud Function that Cloud Scheduler calls on a schedule runs to completion once a
    tick: a job. The function is the one the scheduler's URL names; a URL naming none (a Terraform
    variable) calls the project's only HTTP function, and of several, none is known to be it."""
    functions = [c for c in candidates if c.kind == "api" and c.framework == "cloud-functions"]
    chosen: set[int] = set()
    for call in calls:
        if call.function:
            # (the name it is deployed as, `sync-nightly`, for its entry point, `sync_nightly`)
            named = {call.function, call.function.replace("-", "_")}
            chosen.update(id(c) for c in functions if _function_name(project, c) in named)
        elif len(functions) == 1:
            chosen.add(id(functions[0]))
    if not chosen:
        return candidates
    jobs = {c.path for c in candidates if c.kind == "job"}
    # (a file whose job is already there loses the api: one entrypoint of a kind a file)
    return [
        replace(c, kind="job") if id(c) in chosen else c for c in candidates if not (id(c) in chosen and c.path in jobs)
    ]


def _function_name(project: Project, candidate: _Candidate) -> str:
    """The name of the function a serverless candidate stands for: the one its deployment names,
    else the one a decorator at its line marks (`@functions_framework.http`), else its symbol."""
    if candidate.deployed is not None and candidate.deployed.function:
        return candidate.deployed.function
    for signal in project.files[candidate.path].signals:
        if signal.line == candidate.line and signal.kind in _CLOUD_FUNCTIONS and ":" in signal.detail:
            return signal.detail.partition(":")[2]
    return candidate.symbol


def _serves_here(project: Project, path: str, facts: FileFacts) -> bool:
    """A file whose ``__main__`` block or module-level code serves an app (``waitress.serve(app)``,
    ``uvicorn.run("app.main:app")``), also through a function of another module it calls."""
    guard = facts.main_guard
    if guard is not None:
        return _guard_role(facts, guard, []) == "serve" or _serves_imported(project, path, guard)
    return any(call in SERVE_CALLS or call.rpartition(".")[2] in SERVE_METHODS for call, _, _ in facts.module_calls)


def _deployed_beats(project: Project, out: list[_Candidate], beats: Sequence[Deployment]) -> list[_Candidate]:
    """`celery -A proj beat` deployed: the app's schedule runs (also one kept in the database,
    django-celery-beat's), a job at the app `-A` names, or at the project's only Celery app. A
    beat schedule found in the code (`beat_schedule = {...}` in the module the app's config comes
    from) is that beat already; with several apps, only one found at this app's file is."""
    apps = sorted((c for c in out if c.kind == "worker" and c.framework == "celery"), key=lambda c: (c.path, c.line))
    found = [c for c in out if c.framework == "celery-beat"]
    added: list[_Candidate] = []
    for beat in beats:
        named = beat.module.removeprefix(CELERY_BEAT).removeprefix(":")
        chosen = [c for c in apps if named and _names_module(project, c.path, named)]
        for app in chosen[:1] or (apps[:1] if len(apps) == 1 else []):
            if not (found and len(apps) == 1) and not any(c.path == app.path for c in found + added):
                added.append(_Candidate(app.path, app.line, "job", "celery-beat", "beat", deployed=beat))
    return added


_SERVERLESS = frozenset({"aws-lambda", "cloud-functions", "azure-functions"})
# The platform a deployment file names the function of (serverless.yml and SAM: AWS Lambda)
_FUNCTION_PLATFORMS = {"gcloud": "cloud-functions", "azure-functions": "azure-functions"}


def _names_module(project: Project, path: str, module: str) -> bool:
    """Whether ``module`` (as `celery -A` names an app: ``proj``, ``proj.celery``, ``app.celery``
    for the `celery` object of `app.py`) is the module at ``path``, the package holding it, or
    the same module seen from a subdirectory the deployment builds (`backend/proj/celery.py`)."""
    name = project.module_name(path)
    names = {name, *(name.split(".", cut)[-1] for cut in range(1, name.count(".") + 1))}
    return any(n == module or n.startswith(f"{module}.") or module.startswith(f"{n}.") for n in names)


def _apply_functions(
    project: Project, candidates: list[_Candidate], functions: Sequence[Deployment]
) -> list[_Candidate]:
    """The functions serverless.yml or a SAM template has AWS Lambda call: each an entrypoint of
    its file, an api when an HTTP event calls it, a job when a schedule, a queue or a stored object
    does (by what the code reads when the file names no event). The file's ``__main__`` block that
    calls the function is a local test, not a job; an app the file serves through an adapter
    (Mangum, serverless-wsgi) or a worker in it keeps what the code says."""
    found: dict[tuple[str, Kind], tuple[int, str, Deployment]] = {}
    paths_of: dict[str, list[Deployment]] = {}  # the HTTP functions of each file
    for deployment in functions:
        home = deployment.source.rpartition("/")[0]
        # (`gcloud functions deploy --source=functions/ingest` in `scripts/deploy.sh` run from the
        # repository's root: the source may be the root's)
        bases = (home, "") if deployment.how == "gcloud" else (home,)
        path = beside(bases, (deployment.script,), project.files)
        if path is None:
            # (`Handler: s3_cleanup.handler` with no code directory given: the template is kept
            # apart from the code, and the one module of that name is the function's; or the one
            # under the code directory given, `CodeUri: cost-reporter/` holding `src/lambda_function.py`
            # that a build step copies up)
            folder, _, module = deployment.script.rpartition("/")
            under = posixpath.join(home, folder) + "/" if folder else ""
            named = [p for p in project.files if p.rpartition("/")[2] == module and p.startswith(under)]
            path = named[0] if len(named) == 1 else None
        if path is None or project.files[path].is_test:
            continue
        facts = project.files[path]
        line = next((f.line for f in facts.functions if f.name == deployment.function), 0)
        if not line or any(
            c.path == path and c.kind in ("api", "worker") and c.framework not in _SERVERLESS for c in candidates
        ):
            continue
        if deployment.mode == HTTP_FUNCTION:
            kind: Kind = "api"
        elif deployment.mode == EVENT_FUNCTION:
            kind = "job"
        else:
            http = any(s.kind == "lambda-http" and s.detail == deployment.function for s in facts.signals)
            kind = "api" if http else "job"
        if (path, kind) not in found or line < found[path, kind][0]:
            found[path, kind] = (line, deployment.function, deployment)
        if kind == "api":
            paths_of.setdefault(path, []).append(deployment)
    if not found:
        return candidates
    # (a block that only calls the function, and prints: not one that reads a command line or loops)
    tested = {
        (path, function)
        for (path, _), (_, function, _) in found.items()
        if (guard := project.files[path].main_guard) is not None
        and function in guard.calls
        and all(call == function or _local_test_call(call) for call in guard.calls)
    }
    out = [
        c
        for c in candidates
        if not (
            (c.path in {path for path, _ in found} and (c.framework in _SERVERLESS or c.symbol == "script"))
            or (c.symbol == "__main__" and c.kind == "job" and any(path == c.path for path, _ in tested))
        )
    ]
    for (path, kind), (line, function, deployment) in sorted(found.items()):
        dual = kind == "job" and found.get((path, "api"), (0, ""))[1] == function
        platform = _FUNCTION_PLATFORMS.get(deployment.how, "aws-lambda")
        routes = _gateway_routes(paths_of.get(path, []), functions) if kind == "api" else ()
        out.append(
            _Candidate(path, line, kind, platform, function, deployed=deployment, serves_requests=dual, routes=routes)
        )
    return out


def _gateway_routes(
    deployments: list[Deployment], functions: Sequence[Deployment]
) -> tuple[tuple[str, RouteFact], ...]:
    """The routes of the api gateway a file's HTTP functions answer behind, by the deployment
    file's events (``path: /loyalty-cards``): every HTTP function that file declares, this file's
    or another's (a probe of the gateway reaches `/health` wherever its function is), when each
    names its paths: the api's route table, for its health and readiness probes."""
    sources = {d.source for d in deployments if d.routed}
    gateway = [d for d in functions if d.source in sources and d.mode == HTTP_FUNCTION and d.routed]
    if not gateway or any(not d.paths for d in gateway) or any(not d.routed for d in deployments):
        return ()
    return tuple((d.source, RouteFact("", p, d.function, d.line)) for d in gateway for p in d.paths)


def _rq_command_worker(project: Project, deployment: Deployment) -> list[_Candidate]:
    """RQ's own ``rq worker`` command kept running by a deployment file runs the functions the
    project enqueues: the worker is placed at the module holding most of them (at the first)."""
    enqueued = project.enqueued_names
    held: list[tuple[int, str, int]] = []
    for path in sorted(_enqueued_modules(project)):
        lines = [f.line for f in project.files[path].functions if f.name in enqueued]
        if lines:
            held.append((-len(lines), path, min(lines)))
    if not held:
        return []
    _, path, line = min(held)
    return [_Candidate(path, line or 1, "worker", "rq", "rq-worker", deployed=deployment)]


def deployed_files(project: Project, deployments: Sequence[Deployment]) -> dict[str, Deployment]:
    """The project file each deployment runs as a program; a file both scheduled and kept running
    is scheduled, and either says more than a file only started. (A serverless function's
    handler is not run as a program.)"""
    rank = {SCHEDULED: 0, LONG_RUNNING: 1, STARTED: 2}
    out: dict[str, Deployment] = {}
    for deployment in deployments:
        if deployment.mode not in rank:
            continue
        path = _deployed_path(project, deployment)
        if path is None or project.files[path].is_test:
            continue
        if path not in out or rank[deployment.mode] < rank[out[path].mode]:
            out[path] = deployment
    return out


def _deployed_path(project: Project, deployment: Deployment) -> str | None:
    """The project file a deployment's command names, or None when it is not one or not clearly one.

    A relative path or a module is where the command runs: beside the deployment file (also
    at the root, but for a Procfile or a Compose file). An absolute path is the deployed
    machine's, found by its tail (see :func:`readiness_lint.deploy.locate`).
    """
    home = deployment.source.rpartition("/")[0]
    # (a Procfile's and a Compose file's commands run in their own directory; a crontab's from a
    # home directory, a workflow's from the repository's root)
    bases = (home,) if deployment.how in {"procfile", "compose"} else (home, "")
    if deployment.module:
        relative = deployment.module.replace(".", "/")
        names = (f"{relative}.py", f"{relative}/__main__.py")  # `python -m pkg` runs pkg/__main__.py
        return beside(bases, names, project.files)
    return locate(deployment.script, home, bases, project.files)


def _methods_called(facts: FileFacts, owner: str) -> set[str]:
    """The methods the file calls on ``owner`` (`bot.send_message(...)` gives `send_message`)."""
    return {c.rpartition(".")[2] for c in facts.calls_made() if c.rpartition(".")[0] == owner}


# What a pyTelegramBotAPI bot does when it only talks (a notifier), never listens (also answering a
# button press a web app's webhook route received: `answer_callback_query`).
_BOT_SEND_PREFIXES = ("send_", "edit_", "forward_", "copy_", "delete_message", "get_", "pin_", "unpin_", "answer_")


# What a script asks a Kafka consumer that only waits for the broker (`while not consumer.topics():`)
_KAFKA_PROBES = frozenset({"topics", "close", "bootstrap_connected", "list_topics", "partitions_for_topic"})


def _only_probed(project: Project, path: str, facts: FileFacts, consumer: ObjectFact) -> bool:
    """A Kafka consumer its file never iterates, polls or hands on, only asks for its topics or
    closes, and that no file importing it uses: a readiness check of the broker."""
    if any(loop.source == consumer.ctor for loop in facts.loops) or consumer.name in facts.references:
        return False
    methods = _methods_called(facts, consumer.name)
    return bool(methods) and methods <= _KAFKA_PROBES and not _importers_using(project, path, consumer.name)


def _importers_using(project: Project, path: str, name: str) -> set[str]:
    """The modules importing ``path`` that use a name ``name`` (the object it built, by name)."""
    return set(project.name_index.get(name, frozenset()) & project.importers.get(path, set()))


def _sends_only(project: Project, path: str, facts: FileFacts, bot: str) -> bool:
    """A bot object its file only sends through (``tb.send_message(chat, text)``), that no file
    importing it uses: no polling, no webhook, no handler registered."""
    methods = _methods_called(facts, bot)
    if not methods or not all(m.startswith(_BOT_SEND_PREFIXES) for m in methods):
        return False
    # (decorators and handed-on methods are seen by name only: `@bot.message_handler(...)`,
    # `Thread(target=bot.infinity_polling)`)
    if any(_listens(name) for name in (*facts.called_by_name(), *facts.references)):
        return False
    return not _importers_using(project, path, bot)


def _updater_never_runs(project: Project, path: str, facts: FileFacts, obj: ObjectFact) -> bool:
    """A python-telegram-bot ``Updater`` (before version 20) that neither its file nor a module
    importing it starts: it polls or takes webhooks only once ``start_polling()`` or
    ``start_webhook()`` is called (``idle()`` blocks after them)."""
    if not obj.ctor.endswith("Updater"):
        return False
    runs = {"start_polling", "start_webhook", "idle"}
    if _methods_called(facts, obj.name) & runs or any(
        name in runs for name in (*facts.called_by_name(), *facts.references)
    ):
        return False  # (also handed on: `Thread(target=updater.start_polling)`)
    return not any(
        call.rpartition(".")[2] in runs
        for importer in project.importers.get(path, ())
        for call in project.files[importer].calls_made()
    )


def _listens(name: str) -> bool:
    return name.endswith("_handler") or name in {"polling", "infinity_polling", "set_webhook", "process_new_updates"}


# What makes a discord client answer for as long as it runs: commands, slash commands, cogs, tasks.
_DISCORD_REGISTRATIONS = frozenset(
    {"command", "hybrid_command", "slash_command", "group", "loop", "listen", "add_cog", "load_extension", "tree"}
)


def _closes_when_ready(facts: FileFacts, client: str) -> bool:
    """A discord client whose ``on_ready`` handler closes it and that handles no other event (no
    `on_message`): it logs in, does its work, ends. (One that also answers messages closes only
    when something is wrong at start-up.)"""
    handlers = [f for f in facts.functions + facts.methods if f.name.rpartition(".")[2].startswith("on_")]
    # (`client.loop.create_task(...)`: the client's event loop, not `@tasks.loop`)
    calls = (call.replace(f"{client}.loop.", f"{client}.", 1) for call in facts.calls_made())
    registered = {part for call in calls for part in call.split(".")} | facts.called_by_name()
    if registered & _DISCORD_REGISTRATIONS or set(facts.references) & _DISCORD_REGISTRATIONS:
        return False
    # (`steps`: calls made outside conditions and handlers: a close only when something is wrong does not count)
    # (or a task that waits for the client to be ready, posts and ends the process: `await
    # client.wait_until_ready()`, `await channel.send(...)`, `sys.exit(0)`)
    # (not one that sleeps first, a restart a day later, nor beside a task looping for ever)
    ends = {f"{client}.close", "sys.exit"}
    return all(f.name.rpartition(".")[2] in {"on_ready", "on_error"} for f in handlers) and any(
        (f.name.rpartition(".")[2] == "on_ready" and f"{client}.close" in f.steps)
        or (
            f"{client}.wait_until_ready" in f.steps
            and bool(ends.intersection(f.steps))
            and not any(step in SLEEPS for step in f.steps)
            and not facts.loops
        )
        for f in (*handlers, *facts.functions)
    )


def _pulls_for_a_while(facts: FileFacts, subscriber: str) -> bool:
    """A Pub/Sub streaming pull whose future is only waited on with a timeout, outside any loop:
    the script pulls what arrives for that long and ends (a timeout of None waits forever; the
    ``result()`` after ``cancel()`` only waits for the shutdown)."""
    futures = {o.name for o in facts.objects if o.ctor == f"{subscriber}.subscribe"}
    if facts.loops or not any(s.kind == "bounded-wait" and s.detail in futures for s in facts.signals):
        return False  # (`while True: time.sleep(60)` after it keeps the pull going)
    in_loops = {call for loop in facts.wrapper_loops for call in loop.calls}
    return not any(f"{future}.result" in in_loops for future in futures)


def _webhook_only(project: Project, path: str, facts: FileFacts, bot: str) -> bool:
    """A bot fed by a webhook (``bot.process_new_updates([update])`` in a web app's route, here or
    in a module importing the bot), or whose file only points Telegram at one (``set_webhook``),
    that nobody polls for updates."""
    methods = _methods_called(facts, bot)
    users_and_own = [facts]
    for user in sorted(_importers_using(project, path, bot)):
        users_and_own.append(project.files[user])
        for imp in project.files[user].imports:
            if imp.name == bot and project.resolve_module(user, imp.module, imp.level) == path:
                # (`from bot import bot` in the web app: its calls read `bot.bot.process_new_updates`)
                prefix = "." * imp.level + imp.module
                methods |= _methods_called(project.files[user], f"{prefix}.{bot}" if imp.module else f"{prefix}{bot}")
    # (`Thread(target=bot.infinity_polling)`: polling handed on, seen by name; `run_webhooks`:
    # the bot serves its own webhook, a long-running process)
    handed = {name for f in users_and_own for name in (*f.references, *f.called_by_name())}
    listens = methods | handed
    return bool(methods & {"process_new_updates", "set_webhook"}) and not listens & (_BOT_POLLS | {"run_webhooks"})


def _starts(facts: FileFacts, name: str) -> bool:
    """The file calls ``name.start()``: at module level, in a function or its ``__main__`` block."""
    started = f"{name}.start"
    return any(started in f.calls for f in facts.functions) or any(c == started for c, _, _ in facts.module_calls)


def _object_kind(project: Project, path: str, obj: ObjectFact) -> tuple[Kind, str] | None:
    ctor = obj.ctor
    if "." not in obj.scope and ctor not in API_CTORS and ctor not in WORKER_CTORS:
        # `worker = QuickKillWorker(...)`, `class QuickKillWorker(rq.Worker)` here or in a project
        # module it imports the class from (also in a module-level function, a factory: not in a
        # method or a nested function)
        module, _, name = ctor.rpartition(".")
        home = project.module_of(path, module) if module else path
        if home is not None and name not in project.files[home].oneshot_classes:
            ctor = next(
                (b for c, b, _ in project.files[home].classes if c == name and (b in API_CTORS or b in WORKER_CTORS)),
                ctor,
            )
    if "." not in ctor and not obj.scope:  # `from . import *` over `from flask import Flask`: `Flask(__name__)`
        ctor = project.star_imported_name(path, ctor) or ctor
    if not obj.scope and ctor not in API_CTORS and ctor not in WORKER_CTORS:
        built = _factory_ctor(project, path, ctor)
        if built is not None and WORKER_CTORS.get(built) in BOT_FRAMEWORKS:
            # (a bot only: an app a factory builds is served where the factory is, `app =
            # create_app()` beside it is what a server imports)
            ctor = built
    if ctor in API_CTORS:
        return "api", API_CTORS[ctor]
    if ctor in WORKER_CTORS:
        return "worker", WORKER_CTORS[ctor]
    for prefix, framework in JOB_CTOR_PREFIXES.items():
        if ctor.startswith(prefix) and ctor.rsplit(".", 1)[-1].endswith("Scheduler"):
            return "job", framework
    return None


def _factory_ctor(project: Project, path: str, ctor: str) -> str | None:
    """What a factory function of the project returns, where ``ctor`` names one (``bot =
    setup_bot()``, ``def setup_bot(): bot = commands.Bot(...); return bot`` here or in another
    module): the app, worker or bot it builds (only bots are taken)."""
    ref = project.resolve_object(path, ctor)
    if ref is None or ref[0] not in project.files:
        return None
    home, name = ref
    return next((o.ctor for o in project.files[home].objects if o.name == name and o.scope == name), None)


def _imported_schedulers_started(
    project: Project, path: str, facts: FileFacts, *, guard_only: bool = False
) -> list[tuple[int, ObjectRef]]:
    """APScheduler schedulers another module of the project creates at module level and this
    file starts (``from schedule import scheduler`` ... ``scheduler.start()`` in its ``__main__``
    block, at module level or in a function of it, an app's start-up hook), where that module
    does not start them itself. The job is placed at the ``__main__`` block; a file with none (an
    app's module a server starts) moves nothing: the job stays where the scheduler is."""
    guard = facts.main_guard
    out: list[tuple[int, ObjectRef]] = []
    if guard is None or facts.is_test:
        return out
    calls = list(guard.calls)
    if not guard_only and _cli_framework(facts) == "python":
        # (at module level, or in a function of the file: an app's start-up hook; not a command of
        # a command line, which starts it only when that command is run)
        calls += _own_calls(facts)
    for call in dict.fromkeys(calls):
        owner, _, method = call.rpartition(".")
        ref = None
        if method == "start" and "." in owner:
            ref = project.resolve_object(path, owner)
        elif method == "start" and owner and not any(o.name == owner for o in facts.objects):
            ref = project.star_imported(path, owner)  # `from loader import *` ... `scheduler.start()`
        if ref is None or ref[0] == path or ref[0] not in project.files:
            continue
        home = project.files[ref[0]]
        if any(
            o.name == ref[1] and not o.scope and _object_kind(project, ref[0], o) == ("job", "apscheduler")
            for o in home.objects
        ) and not _starts_itself(home, ref[1]):
            out.append((guard.line, ref))
    return out


def _keeps_scheduler_alive(project: Project, path: str, loop: LoopFact) -> bool:
    """``scheduler = get_scheduler()`` (an APScheduler scheduler, created and started there) then
    ``while True: await asyncio.sleep(1)`` in the same function: the loop only keeps the
    scheduler's process running; the scheduler's job is the entrypoint."""
    if not loop.scope or not (loop.idle or loop.source in {"signal.pause", EVENT_WAIT}):
        return False  # (a loop that works between its sleeps is a poller of its own)
    facts = project.files[path]
    function = loop.scope.split(".")[0]
    called = next((f.calls for f in facts.functions if f.name == function), ())
    return any(
        (o.scope == function or o.scope in called) and _object_kind(project, path, o) == ("job", "apscheduler")
        for o in facts.objects
    )


def _runs_imported_scheduler(project: Project, path: str, facts: FileFacts, guard: MainGuardFact) -> bool:
    """A ``__main__`` block that only runs another module's function which starts an APScheduler
    scheduler and keeps it alive (:func:`_keeps_scheduler_alive`): a launcher of that job."""
    for call in _guard_calls(facts, guard, depth=2):
        found = project.function_and_home(path, call)
        if found is None or found[1] == path:
            continue
        function, home = found
        if any(
            loop.scope.split(".")[0] == function.name and _keeps_scheduler_alive(project, home, loop)
            for loop in project.files[home].loops
        ):
            return True
    return False


def _started_elsewhere(project: Project, path: str, name: str) -> bool:
    """Whether a module importing ``path`` starts its scheduler ``name`` (see above)."""
    return any(
        ref == (path, name)
        for importer in sorted(project.importers.get(path, ()))
        for _, ref in _imported_schedulers_started(project, importer, project.files[importer])
    )


def _started_by_importer(project: Project, path: str, name: str) -> bool:
    """Whether a module importing the object ``name`` from ``path`` calls its ``start()``
    (``from lib.slack_app import app`` then ``app.start(port=3000)``)."""
    for importer in sorted(project.importers.get(path, ())):
        facts = project.files[importer]
        for imp in facts.imports:
            # (calls are kept as resolved: `lib.slack_app.app.start`)
            if (
                imp.name == name
                and project.resolve_module(importer, imp.module, imp.level) == path
                and _starts_itself(facts, f"{imp.module}.{name}")
            ):
                return True
    return False


def _own_calls(facts: FileFacts) -> list[str]:
    """The calls a module makes at module level and in its functions."""
    return [*(c for c, _, _ in facts.module_calls), *(call for f in facts.functions for call in f.calls)]


def _starts_itself(facts: FileFacts, name: str) -> bool:
    """Whether the module calls ``name.start()`` anywhere of its own (at module level, in its
    ``__main__`` block or in one of its functions)."""
    guard = facts.main_guard.calls if facts.main_guard is not None else ()
    return f"{name}.start" in {*guard, *_own_calls(facts)}


def _loop_in_worker_object_file(existing: list[_Candidate]) -> bool:
    return any(c.kind == "worker" for c in existing)


def _imported_ctor(project: Project, path: str, facts: FileFacts, owner: str) -> str:
    """What built an object another module of the project made: ``loader.dp`` after
    ``from loader import dp``, or ``dp`` after ``from loader import *``."""
    homes: list[tuple[str, str]] = []
    if "." in owner:
        found = project.resolve_object(path, owner)
        if found is not None:
            homes.append(found)
    else:
        for imp in facts.imports:
            if imp.name == "*":
                module = project.resolve_module(path, imp.module, imp.level)
                if module is not None:
                    homes.append((module, owner))
    for home, name in homes:
        home_facts = project.files.get(home)
        ctor = next((o.ctor for o in home_facts.objects if o.name == name and not o.scope), "") if home_facts else ""
        if ctor:
            return ctor
    return ""


# Modules aiogram 2 has and aiogram 3 does not (3 moved them to `aiogram.fsm`, `aiogram.filters`).
_AIOGRAM2_MODULES = (
    "aiogram.contrib.",
    "aiogram.dispatcher.filters",
    "aiogram.utils.executor",
    "aiogram.utils.callback_data",
    "aiogram.dispatcher.webhook",
)


# Loops the extract stage finds without a consume call of their own, by source: their framework
_FOUND_LOOPS = {
    WATCHDOG_LOOP: "watchdog",
    SCHED_LOOP: "polling-loop",  # (`sched`'s event that re-enters itself: rounds at a period)
    SOCKET_LOOP: "socket",
    MQTT_WAIT: "mqtt",
    REDDIT_STREAM: "reddit",
    DOCKER_EVENTS: "docker-events",
    INOTIFY_EVENTS: "inotify",
    PYINOTIFY_LOOP: "inotify",
    KUBERNETES_WATCH: "kubernetes-watch",
    FILE_FOLLOW: "tail-follow",
    HOTQUEUE_LOOP: "hotqueue",
    MATTERMOST_WEBSOCKET: "mattermost",
    AIORUN_LOOP: "aiorun",
}


def _built_with_telegram(project: Project, path: str, ctor: str) -> bool:
    """``application = create_app()``, ``create_app`` a function of a project module that imports
    python-telegram-bot (``telegram``) and neither aiogram nor pyTelegramBotAPI."""
    module = ctor.rpartition(".")[0]
    home = project.resolve_module(path, module, 0) if module else None
    if home is None or home == path:
        return False
    roots = {i.module.split(".")[0] for i in project.files[home].imports if not i.level}
    return "telegram" in roots and not roots & {"aiogram", "telebot"}


def _loop_framework(source: str, facts: FileFacts, project: Project | None = None, path: str = "") -> str:
    method = source.rpartition(".")[2]
    roots = {i.module.split(".")[0] for i in facts.imports if not i.level}
    owner = source.rpartition(".")[0]
    ctor = next((o.ctor for o in facts.objects if o.name == owner), "")
    if not ctor and owner and project is not None:
        ctor = _imported_ctor(project, path, facts, owner)
        roots.add(ctor.split(".")[0])
    if ctor in WORKER_CTORS:
        return WORKER_CTORS[ctor]  # `updater = Updater(token); updater.start_polling()`: python-telegram-bot
    # `executor.start_polling(dp)`, or aiogram 2's own modules imported: no SIGTERM handling
    aiogram2 = "executor" in source.split(".") or any(i.module.startswith(_AIOGRAM2_MODULES) for i in facts.imports)
    if method in {"run_polling", "start_polling"} and not aiogram2 and "aiogram" in roots:
        return "aiogram"  # aiogram 3's Dispatcher: stops polling on SIGTERM itself
    if method in {"run_polling", "run_webhook"} and (
        "telegram" in roots or (project is not None and _built_with_telegram(project, path, ctor))
    ):
        return "python-telegram-bot"  # Application.run_polling/run_webhook stop on SIGTERM themselves
    if source.endswith(("Consumer",)):
        return "kafka"
    if method == "fetch" and "nats" in roots:
        return "nats"  # (a JetStream pull subscription's batches)
    if source in _FOUND_LOOPS:
        return _FOUND_LOOPS[source]
    if source.startswith("yfinance."):
        return "yfinance"  # (its `listen()` is no Redis subscription)
    for name, framework in LOOP_FRAMEWORKS:
        if method == name:
            return framework
    return "consume-loop"


def _guard_runs_bot(facts: FileFacts, loop: LoopFact) -> bool:
    """``async def main(): ...; await site.start(); await dp.start_polling(bot)`` run by the
    ``__main__`` block: the file's process polls a bot beside its web app (a blocking poll, never
    a streaming response)."""
    if facts.main_guard is None or loop.source.rpartition(".")[2] not in _BOT_POLLS:
        return False
    return loop.scope in _guard_calls(facts, facts.main_guard, 2)


def _task_of_bot(facts: FileFacts, loop: LoopFact) -> bool:
    """``asyncio.create_task(alerts.run_alert_loop(chat_id))`` in a command handler of a bot the
    same file polls (``app.run_polling()``): the loop runs on the bot's event loop, and stops with it."""
    # (not the bot's polling itself, nor a loop beside the polling in the same task: `async def
    # run(self): create_task(dp.start_polling()); while True: ...`, run by the `__main__` block)
    return (
        bool(loop.scope)
        and loop.source.rpartition(".")[2] not in _BOT_POLLS
        and loop.scope.rpartition(".")[2] in facts.loop_tasks
        and any(other.scope != loop.scope and other.source.rpartition(".")[2] in _BOT_POLLS for other in facts.loops)
    )


def _guard_consumes_beside_idle_app(facts: FileFacts, loop: LoopFact, out: list[_Candidate]) -> bool:
    """``app = FastAPI()`` with no route, mount or router of its own, and a ``__main__`` block that
    runs this file's consume loop (``loop.run_until_complete(consume())``) and serves nothing: the
    app is left over, the process is the consumer."""
    guard = facts.main_guard
    # (a loop that only waits or sleeps keeps the process up: it consumes nothing)
    if guard is None or not loop.scope or loop.source in _WAITS or loop.source in _BUSY_SOURCES:
        return False
    # (no route anywhere in the file, and the app handed to nothing: `Api(app)` of Flask-RESTX
    # or an instrumentator owns routes of its own)
    if facts.routes or facts.mounts:
        return False
    apps = [c for c in out if c.kind == "api"]
    calls = _guard_calls(facts, guard, depth=2)
    built = {o.name: o for o in facts.objects if not o.scope}
    return (
        bool(apps)
        # (apps whose routes are decorators or calls this tool reads: none seen is none there)
        and all(c.framework in _DECORATED_ROUTES and c.objects for c in apps)
        and all(c.symbol in built and not built[c.symbol].keywords for c in apps)
        and not {c.symbol for c in apps} & set(facts.references)
        and loop.scope.split(".")[0] in calls
        and not any(call in SERVE_CALLS or call.rpartition(".")[2] in SERVE_METHODS for call in calls)
    )


_WAITS = SLEEPS | {"signal.pause", EVENT_WAIT}


_DECORATED_ROUTES = frozenset({"fastapi", "flask", "quart", "sanic", "litestar"})
# Calls that run a coroutine function of the file: `asyncio.run(run())` calls the file's `run` too
_EVENT_LOOP_RUNS = frozenset({"asyncio.run", "trio.run", "anyio.run", "uvloop.run"})


def _guard_loops_beside_thread(facts: FileFacts, loop: LoopFact) -> bool:
    """``Thread(target=webserver_start).start(); main()`` in the ``__main__`` block, ``main()``
    polling for ever: the app is served from a thread, the loop is the process's own work."""
    guard = facts.main_guard
    return (
        guard is not None
        and bool(loop.scope)
        and "." not in loop.scope
        and loop.scope in guard.calls
        and loop.scope not in facts.guard_started
        and bool(facts.guard_started)
        and loop.source in SLEEPS
        and not loop.idle  # (`while True: time.sleep(3600)`: only keeps the process up for the thread)
    )


_BOT_POLLS = frozenset({"start_polling", "run_polling", "infinity_polling", "polling", "run_until_disconnected"})
# ... and what keeps a process of its own running (`loop.run_forever()`, PTB's `updater.idle()`)
_RUNS_ON = _BOT_POLLS | {"run_forever", "idle"}


# What a Celery app does that makes it one whose worker runs tasks: finds them, or is started.
_CELERY_WORKER_SETUP = frozenset(
    {"autodiscover_tasks", "config_from_object", "worker_main", "start", "Worker", "register_task", "task"}
)


def _bound_at_module_level(project: Project, ref: ObjectRef) -> bool:
    """An object its module builds itself (`celery = make_celery()`, `app = Celery(...)`): another
    app than one a name merely re-exports."""
    facts = project.files.get(ref[0])
    return facts is not None and any(o.name == ref[1] and not o.scope for o in facts.objects)


def _sends_tasks_only(project: Project, path: str, app: ObjectFact) -> bool:
    """A Celery app with no task of its own (none on it, no `@shared_task` in the project, none
    it is told to find or import, none registered) that project code hands tasks to by name
    (`app.send_task("tasks.add")`): a client of workers deployed elsewhere, not a worker. A task
    counts against it unless its owner is clearly another Celery app (not, say, this one
    re-exported by a package)."""
    if {"include", "imports"} & set(app.keywords):
        return False
    here = (path, app.name)
    sent = False
    for other, facts in project.files.items():
        for task in facts.tasks:
            if task.framework != "celery":
                continue
            if not task.owner or task.owner.endswith("shared_task"):
                return False
            ref = project.resolve_object(other, task.owner)
            if ref is None or ref == here or not _bound_at_module_level(project, ref):
                return False  # (its tasks may be this app's, under a name a package re-exports)
        for call in facts.calls_made():
            receiver, _, method = call.removesuffix("()").rpartition(".")  # (`app.task(name=...)(add)`)
            if not receiver or (method != "send_task" and method not in _CELERY_WORKER_SETUP):
                continue
            if project.resolve_object(other, receiver) == here:
                if method != "send_task":
                    return False
                sent = True
    return sent


def _functions_app_routes(project: Project, path: str, app: str) -> bool:
    """An Azure Functions or Chalice app with HTTP routes: its own (`@app.route(...)`) or those of
    a blueprint it registers (`app.register_functions(bp)`, `app.register_blueprint(bp)`)."""
    facts = project.files[path]
    if any(r.owner == app for r in facts.routes):
        return True
    for mount in facts.mounts:
        ref = project.resolve_object(path, mount.target) if mount.owner == app else None
        if ref is not None and any(r.owner == ref[1] for r in project.files[ref[0]].routes):
            return True
    return False


# Serverless functions a cloud's host runs, by the signal that finds them.
_CLOUD_FUNCTIONS = {"azure-function": "azure-functions", "cloud-function": "cloud-functions"}


# What a first-generation Cloud Function's main.py does not import: a web framework or a command
# line of its own makes `def view(request)` a function of that program. (Flask is the runtime's
# own: `from flask import jsonify` is common in a function; a Flask app in the file is an api already.)
_NOT_CLOUD_FUNCTION_IMPORTS = frozenset(
    {"django", "fastapi", "starlette", "aiohttp", "sanic", "quart", "tornado", "bottle", "falcon", "pyramid"}
    | {"argparse", "click", "typer", "fire", "optparse"}
)


def _first_generation_function(project: Project, path: str, function: str) -> bool:
    """``def insert(request)`` in a main.py that is a Cloud Function's whole program: not called by
    the file itself (a helper), no ``__main__`` block, no web framework or command line imported,
    no web app of the project imported (`app = create_app()`), not in a Django project."""
    facts = project.files[path]
    if facts.main_guard is not None or function in _called_here(facts) or function in facts.references:
        return False
    for imp in facts.imports:
        found = project.resolve_module(path, imp.module, imp.level)
        if found is not None and any(o.ctor in API_CTORS for o in project.files[found].objects):
            return False
    if any(imp.module.split(".")[0] in _NOT_CLOUD_FUNCTION_IMPORTS for imp in facts.imports if not imp.level):
        return False
    return not any(
        s.kind in {"django-settings", "django-wsgi", "django-manage"} for f in project.files.values() for s in f.signals
    )


def _module_keeps_scheduler(facts: FileFacts, out: list[_Candidate]) -> bool:
    """The module's own top-level loop keeps its ``schedule`` jobs running (``while True:
    run_pending(); time.sleep(1)`` after the ``__main__`` block): the block only starts the
    scheduler's process, which is the job already found."""
    return any(c.kind == "job" and c.framework == "schedule" for c in out) and any(
        not loop.scope and any(call.rpartition(".")[2] == "run_pending" for call in loop.calls)
        for loop in facts.wrapper_loops
    )


_START_UP = re.compile(r"lifespan|start_?up|on_start", re.IGNORECASE)


def _starts_up(function: FunctionFact) -> bool:
    """An app's start-up hook or lifespan (`@app.on_event("startup")`, `@asynccontextmanager async
    def lifespan(app)`), by its name or decorator: what it starts runs for as long as the app."""
    return bool(_START_UP.search(function.name)) or any(
        d.rpartition(".")[2] in {"on_event", "asynccontextmanager", "before_serving", "on_startup"}
        for d in function.decorators
    )


def _guard_threads_poller(facts: FileFacts, loop: LoopFact, out: list[_Candidate]) -> bool:
    """``Thread(target=monitor, daemon=True).start(); app.run(port=5000)`` in the ``__main__``
    block of an app's module: the loop of ``monitor`` polls for as long as the app runs, a worker
    beside it (a thread a route handler starts serves one request). Also a task the app's
    start-up hook or lifespan starts, ``asyncio.create_task(monitor())`` (not in a route handler),
    or a thread it starts on a function of its own (``@app.on_event("startup") def listen(): def
    redis_listener(): ...; Thread(target=redis_listener).start()``)."""
    if not loop.scope:
        return False
    if "." in loop.scope:
        hook, _, inner = loop.scope.partition(".")
        return (
            inner in facts.started
            and any(f.name == hook and _starts_up(f) for f in facts.functions)
            and any(c.kind == "api" for c in out)
        )
    if loop.scope not in facts.guard_started and not (
        (loop.scope in facts.loop_tasks or loop.scope in facts.gathered)
        and (
            any(_starts_up(f) and loop.scope in f.calls for f in facts.functions)
            # (`asyncio.gather(create_task(serve_probes()), create_task(consume()))` in the `main()`
            # the `__main__` block runs: the loop's task beside the app's; not a ticker task the
            # server's own block starts for its clients, `async with serve(...): create_task(tick())`)
            or (
                loop.scope in (tasks := _guard_tasks(facts))
                and bool(tasks - {loop.scope} & _app_builders(facts))
                and not _feeds_clients(facts, loop.scope)
            )
        )
    ):
        return False
    return any(c.kind == "api" for c in out) and not any(r.handler == loop.scope for r in facts.routes)


def _serves_flask_group(facts: FileFacts) -> bool:
    """A ``FlaskGroup`` command line none of whose own commands loops or starts a worker: what a
    deployment keeps running of it is Flask's ``run`` command, the app's server."""
    if not any(o.ctor == "flask.cli.FlaskGroup" for o in facts.objects):
        return False
    commands = set(facts.commands)
    if any(loop.scope.split(".")[0] in commands for loop in facts.loops):
        return False
    return not any(
        call.rpartition(".")[2] in _COMMAND_WORKER_RUNS
        for f in facts.functions
        if f.name in commands
        for call in f.calls
    )


# What starting a worker's loop looks like in a command (`Worker(queues).work()`, `app.worker_main()`)
_COMMAND_WORKER_RUNS = frozenset(
    {"work", "worker_main", "run_worker", "run_forever", "start_consuming", "consume", "start_polling"}
)


def _app_builders(facts: FileFacts) -> set[str]:
    """The functions of the file that build an app or a server (``app = web.Application()`` in
    ``serve_probes()``), or serve one (``await uvicorn.Server(config).serve()``)."""
    built = {o.scope for o in facts.objects if o.scope and "." not in o.scope and is_entrypoint_ctor(o.ctor)}
    return built | {f.name for f in facts.functions if any(call in _SERVER_RUNS for call in f.calls)}


# What serving an app built elsewhere in the file looks like
_SERVER_RUNS = frozenset(
    {"uvicorn.Server", "uvicorn.run", "aiohttp.web.AppRunner", "aiohttp.web.TCPSite", "hypercorn.asyncio.serve"}
)


def _feeds_clients(facts: FileFacts, function: str) -> bool:
    """A loop's function that sends to the connections a server of the file holds (``await
    ws.send_json(price)`` for each client, ``websockets.broadcast(CLIENTS, msg)``): the server's
    own ticker, not a worker."""
    calls = {call for f in facts.functions if f.name == function for call in f.calls}
    return any(call.rpartition(".")[2] in _CLIENT_SENDS for call in calls)


_CLIENT_SENDS = frozenset({"send_json", "send_str", "send_bytes", "broadcast", "emit"})


def _guard_tasks(facts: FileFacts) -> set[str]:
    """The functions of the file that the ``__main__`` block, or a function it calls, starts as tasks
    (or awaits together, ``asyncio.gather(serve(), poll())``)."""
    tasks = set(facts.loop_tasks) | set(facts.gathered)
    if facts.main_guard is None or not tasks:
        return set()
    return tasks & set(_guard_calls(facts, facts.main_guard, depth=2))


def _is_django_manage(facts: FileFacts) -> bool:
    return any(s.kind == "django-manage" for s in facts.signals)


def _guard_calls(facts: FileFacts, guard: MainGuardFact, depth: int) -> list[str]:
    """What the ``__main__`` block calls, and what the functions of its file that it calls call,
    ``depth`` levels deep; in first-seen order."""
    local = {f.name: f for f in facts.functions}
    calls = dict.fromkeys(guard.calls)
    frontier = [c for c in guard.calls if c in local]
    for _ in range(depth):
        nxt = []
        for name in frontier:
            for call in local[name].calls:
                if call not in calls:
                    calls[call] = None
                    if call in local:
                        nxt.append(call)
        frontier = nxt
    return list(calls)


def _guard_role(facts: FileFacts, guard: MainGuardFact, existing: list[_Candidate]) -> str:
    """What the ``__main__`` block does: serve an app, run a worker or a scheduler, or a job."""
    calls = set(_guard_calls(facts, guard, depth=2))  # main() -> run() -> consume loop
    if calls & NOT_ENTRYPOINT_CALLS and not (calls - NOT_ENTRYPOINT_CALLS - {"sys.exit"}):
        return "none"
    if all(_is_trivial_call(call) for call in guard.calls):
        return "none"  # `if __name__ == "__main__": print("not meant to be run")`
    local = {f.name for f in facts.functions}
    everything = set(_guard_calls(facts, guard, depth=len(local)))  # the whole local call tree
    # (`cli()` a click group or typer app, `@click.group()` on it: the command line runs the
    # commands registered on it, which it never calls itself)
    dispatches = _cli_framework(facts) in {"click", "typer"} and any(
        f.name in guard.calls and not f.plain for f in facts.functions
    )
    if (
        all(_is_trivial_call(call) or call in local for call in everything)
        and any(map(_is_trivial_call, everything))
        and local - everything
        and not dispatches
    ):
        return "none"  # a main() that only prints, the module's work left in functions it never calls
    if (
        all(
            _is_trivial_call(call) or call.startswith(_PURE_PREFIXES) or call in _PURE_NAMES or call in local
            for call in everything
        )
        and any(call.startswith("print") for call in everything)
        and any(call.startswith(_PURE_PREFIXES) for call in everything)
    ):
        return "none"  # `print(json.dumps(generate_message(sample)))`: computes a value and shows it
    if _console(facts, guard, calls) and _cli_framework(facts) == "python":
        # asks a person for what the work needs, or round after round: a tool, not an unattended
        # job (a "Press Enter to continue", a password asked only when none is set, does not count)
        return "none"
    object_names = {c.symbol for c in existing}
    gunicorn_apps = {name for name, base, _ in facts.classes if base in _GUNICORN_APPS}
    gunicorn_apps |= {o.name for o in facts.objects if o.ctor in gunicorn_apps}  # (`server = App(app); server.run()`)
    io_loops = {o.name for o in facts.objects if o.ctor.startswith("tornado.ioloop.IOLoop")}
    # `w = Worker(...); w.run()` in the block itself (one built in a function is judged where it runs)
    worker_objects = {o.name for o in facts.objects if o.ctor in WORKER_CTORS and not o.scope}
    local_names = {f.name for f in facts.functions}
    for call in calls:
        owner, _, method = call.rpartition(".")
        if call in SERVE_CALLS or method in SERVE_METHODS:
            return "serve"
        if method == "run_app" and owner.rpartition(".")[2] == "web":
            return "serve"  # aiohttp's `web.run_app(app)`, `web` re-exported by a project package
        if method in _RUN_METHODS and (owner in object_names or owner[:-2] in WORKER_CTORS or owner in worker_objects):
            return "serve"  # runs an app or worker found in this file, or built inline: `FastStream(b).run()`
        if (
            method == "run"
            and owner.endswith("()")
            and owner[:-2] in local_names
            and any(f"{o.ctor}>{owner[:-2]}" in guard.results_handed for o in facts.objects if o.name in object_names)
        ):
            return "serve"  # `create_app(app).run(...)`, the app the block built handed to a function of the file
        if method == "run_until_disconnected":
            return "serve"  # a Telethon client listening for the events it registered
        if method in _FOREVER_METHODS and owner in object_names:
            return "serve"  # `BOT.polling(none_stop=True)`: the bot found in this file, listening
        if method == "subscribe" and any(
            o.name == owner and WORKER_CTORS.get(o.ctor) == "pubsub" for o in facts.objects
        ):
            return "serve"  # `subscriber.subscribe(path, callback=cb)`: Pub/Sub streaming pull, until stopped
        if method == "run" and (
            any(o.name == owner and o.ctor in _APP_RUNNERS for o in facts.objects)
            or owner.rpartition(".")[2] == "socketio"
        ):
            return "serve"  # `socketio.run(app)`, `chat.socketio.run(app)`: Flask-SocketIO serving a Flask app
        if method == "run" and (owner[:-2] if owner.endswith("()") else owner) in gunicorn_apps:
            return "serve"  # `StandaloneApplication(app, options).run()`: gunicorn embedded, serving the app
        if method in _STREAM_RUNS and any(c.symbol == owner and c.framework == "tweepy" for c in existing):
            return "serve"  # `stream.filter(track=[...])`: a tweepy stream listening until stopped
        if method in {"run_pending", "run_all"} and owner.startswith(("schedule", "aioschedule")):
            return "serve"
        if (call.startswith("tornado.ioloop.IOLoop") or owner in io_loops) and method == "start":
            return "serve"  # `app.listen(8888); IOLoop.current().start()`: Tornado serving the file's app
    if _websocket_servers(facts) & calls:
        return "serve"  # `asyncio.run(main())`, `main()` serving `async with websockets.serve(...)`
    loop_scopes = {loop.scope.split(".")[0] for loop in facts.loops}
    if "" in loop_scopes or loop_scopes & calls:
        return "serve"
    if any(c.kind in {"worker", "api"} for c in existing) and not guard.calls:
        return "serve"
    work = [call for call in guard.calls if not _is_trivial_call(call)]
    if work and all(call.rpartition(".")[0] in object_names and call.rpartition(".")[2] in _SET_UP for call in work):
        return "serve"  # `client.load_extension(ext)` for each cog, the module then running `client.run(TOKEN)`
    return "job"


def _tries_views(facts: FileFacts, guard: MainGuardFact, existing: list[_Candidate]) -> bool:
    """``print(get_projects_json())``: a block that only calls route views of the file's app,
    once, to try them (in a file no deployment runs: `python app.py` nightly from a schedule runs
    the work the view does)."""
    work = [call for call in guard.calls if not _is_trivial_call(call)]
    views = {route.handler for route in facts.routes}
    return bool(work) and any(c.kind == "api" for c in existing) and all(call in views for call in work)


# Methods that add to an app or a bot the file runs (its cogs, blueprints, routers, handlers)
_SET_UP = frozenset(
    {"load_extension", "add_cog", "register_blueprint", "include_router", "add_url_rule", "add_handler"}
    | {"add_command", "add_listener", "add_event_handler", "mount", "add_middleware"}
)


def _console(facts: FileFacts, guard: MainGuardFact, calls: set[str]) -> bool:
    """The block, or a function it calls, asks a person for input; or a method of a class of the
    file it builds does (a REPL, `PythonCLI(banner=...).start()` reading `input(self.prompt)` in a
    base class's method)."""
    if guard.prompts or any(f.prompts for f in facts.functions if f.name in calls):
        return True
    built = set(guard.calls) | {c for f in facts.functions if f.name in calls for c in f.calls}
    classes = {name for name, _, _ in facts.classes if name in built}
    classes |= {base for name, base, _ in facts.classes if name in classes}
    return any(m.prompts for m in facts.methods if m.name.partition(".")[0] in classes)


# Printing, logging (the calls that only tell someone) and exiting.
_TRIVIAL_PREFIXES = (*REPORT_PREFIXES, "sys.exit", "exit", "warnings.")


# Calls that only compute a value from their arguments.
_PURE_PREFIXES = ("json.dumps", "json.loads", "base64.", "hashlib.", "uuid.", "math.", "textwrap.", "str.")
_PURE_NAMES = frozenset({"len", "str", "int", "float", "dict", "list", "sorted", "round"})


def _local_test_call(call: str) -> bool:
    """What a block trying a handler locally does besides calling it: print or log, show the
    result as JSON, read a sample event (`json.load(open("event.json"))`)."""
    return (
        _is_trivial_call(call)
        or call.startswith((*_PURE_PREFIXES, "os.path.", "pathlib."))
        or call in {"open", "json.load", "io.open"}
    )


def _is_trivial_call(call: str) -> bool:
    return call.startswith(_TRIVIAL_PREFIXES)


def _works(function: FunctionFact) -> bool:
    """A function that calls something besides printing and logging."""
    return not all(_is_trivial_call(c) for c in function.calls)


# Bot classes a project subclasses (`class MyBot(commands.Bot)`): discord.py and its forks, TwitchIO
BOT_BASES = {
    ctor: framework for ctor, framework in WORKER_CTORS.items() if framework in {"discord", "twitchio", "irc", "xmpp"}
}


# gunicorn's application classes, subclassed to run gunicorn from a script
_GUNICORN_APPS = frozenset(
    {"gunicorn.app.base.BaseApplication", "gunicorn.app.base.Application", "gunicorn.app.wsgiapp.WSGIApplication"}
)
_APP_RUNNERS = frozenset({"flask_socketio.SocketIO", "flask_script.Manager"})  # (`manager.run()`: `runserver`, a shell)
_RUN_METHODS = frozenset({"run", "start", "work", "worker_main", "run_forever", "main"})
_STREAM_RUNS = frozenset({"filter", "sample"})
# What starting something looks like at module level: running an app or worker, a thread, an
# event loop, a server, a bot's polling.
_MODULE_WORK_METHODS = _RUN_METHODS | {
    "join",
    "run_until_complete",
    "serve_forever",
    "run_polling",
    "start_polling",
    "infinity_polling",
    "polling",
}


def _inline_worker(facts: FileFacts, guard: MainGuardFact) -> str | None:
    return _started_worker(_guard_calls(facts, guard, depth=1))


def _started_worker(calls: Iterable[str]) -> str | None:
    """The framework of a worker built and run in one call, bound to no name (``Worker(queues).work()``)."""
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method in _RUN_METHODS and owner.endswith("()") and owner[:-2] in WORKER_CTORS:
            return WORKER_CTORS[owner[:-2]]
    return None


def _bot_class_run(project: Project, path: str, facts: FileFacts, guard: MainGuardFact) -> str | None:
    """The framework of a chat-bot class of the project that the ``__main__`` block (or a local
    function it calls) builds and runs: a long-running worker, not a job."""
    calls = _guard_calls(facts, guard, depth=1)
    for call in calls:
        ref = project.resolve_object(path, call)
        if ref is None:
            continue
        home = project.files[ref[0]]
        for class_name, base, _ in home.classes:
            if class_name == ref[1] and base in BOT_BASES and class_name not in home.oneshot_classes:
                return BOT_BASES[base]
    return None


def _scoped_worker_run(project: Project, path: str, facts: FileFacts, guard: MainGuardFact) -> str | None:
    """The framework of a bot or worker that a function the ``__main__`` block calls, of this
    file or one it imports, builds and runs there (``def bot_main(): client =
    discord.Client(...); ...; client.run(token)``)."""
    for call in _guard_calls(facts, guard, depth=1):
        found = project.function_and_home(path, call)
        if found is None:
            continue
        function, home = found
        built = {
            o.name: o.ctor for o in project.files[home].objects if o.scope == function.name and o.ctor in WORKER_CTORS
        }
        for inner in function.calls if built else ():
            owner, _, method = inner.rpartition(".")
            ctor = built.get(owner)
            if ctor is not None and method in (_RUN_METHODS - {"start", "main"}) | _FOREVER_METHODS:
                return WORKER_CTORS[ctor]  # (`await consumer.start()` only connects an aiokafka consumer)
    return None


_BUSY_SOURCES = frozenset({BUSY_LOOP, BUSY_LOOP_LOCAL})


def _started_thread_class(project: Project, path: str, calls: Sequence[str]) -> str | None:
    """``threading`` or ``multiprocessing``: these calls build a thread or process class of the
    project whose ``run()`` loops forever, and start one (``Poller(queue).start()``). A thread
    that is no daemon keeps the program running; the file is a worker, not a job."""
    methods = {call.rpartition(".")[2] for call in calls}
    if project.files[path].sets_daemon or "start" not in methods or methods & {"terminate", "kill"}:
        # (`worker.daemon = True`: the thread ends with the program's own work; `server.terminate()`:
        # the script stops what it started)
        return None
    for call in calls:
        framework = _forever_thread_class(project, project.resolve_object(path, call))
        if framework is not None:
            return framework
    return None


def _forever_thread_class(project: Project, ref: ObjectRef | None) -> str | None:
    """The module (``threading``, ``multiprocessing``) of a project class that subclasses a
    thread or a process, directly or through project bases, whose ``run()`` loops forever and
    that makes no daemon of itself."""
    looped = False
    for _ in range(4):  # the class, then its bases in the project (`class Poller(LoopThread)`)
        if ref is None or ref[0] not in project.files:
            return None
        home, class_name = ref
        facts = project.files[home]
        bases = [base for name, base, _ in facts.classes if name == class_name]
        if not bases or class_name in facts.daemon_classes:
            return None  # (a daemon thread ends with the program's own work)
        if class_name in facts.run_loops:
            looped = True
        elif not looped and any(m.name == f"{class_name}.run" for m in facts.methods):
            return None  # its own `run()` ends: a base's loop is not what it runs
        framework = next((THREAD_BASES[b] for b in bases if b in THREAD_BASES), None)
        if framework is not None:
            return framework if looped else None
        ref = project.resolve_object(home, bases[0])
    return None


def _cli_framework(facts: FileFacts) -> str:
    modules = {imp.module.split(".")[0] for imp in facts.imports if imp.level == 0}
    for framework in ("typer", "click", "fire", "argparse"):
        if framework in modules:
            return framework
    if facts.commands and any(imp.module == "flask.cli" for imp in facts.imports):
        return "click"  # (`cli = FlaskGroup(app)` and its `@cli.command()`s: a click group of Flask's)
    return "python"


def _not_service_file(project: Project, path: str) -> bool:
    """A file a tool reads by its name (``conftest.py``, ``noxfile.py``, ``gunicorn.conf.py``), or a
    ``setup.py`` that packages the project (one importing neither setuptools nor distutils, that
    creates a database, is a set-up script like any other)."""
    name = path.rsplit("/", 1)[-1]
    if path not in NOT_SERVICE_FILES and name not in NOT_SERVICE_FILES:
        return False
    if name != "setup.py":
        return True
    imports = project.files[path].imports
    return not imports or any(f"{i.module}.".startswith(_PACKAGING) for i in imports)


# What a `setup.py` that packages the project imports.
_PACKAGING = ("setuptools.", "distutils.", "numpy.distutils.", "skbuild.", "Cython.", "pybind11.", "cx_Freeze.")


def _launcher(facts: FileFacts) -> bool:
    """A script that ends by becoming another program (``os.execlp("gunicorn", ...)``, a
    container's entrypoint): that program is what runs, found where it is. (Only when the exec is
    its last act and all it does before is run set-up commands: not one branch among others that
    do work of their own.)"""
    calls = facts.module_calls
    return (
        bool(calls)
        and calls[-1][0].startswith("os.exec")
        and all(name.startswith("os.exec") or name in _LAUNCH_STEPS for name, _, _ in calls)
    )


_LAUNCH_STEPS = frozenset({"print", "subprocess.check_call", "subprocess.call", "subprocess.run"})


def _streamlit_page(facts: FileFacts) -> bool:
    """A Streamlit page: `streamlit run` serves it as a web UI, it is no job."""
    return any(i.module.split(".")[0] == "streamlit" for i in facts.imports)


def _is_script(project: Project, path: str) -> bool:
    """A module doing work at import time, that nothing imports, and not a known config file."""
    name = path.rsplit("/", 1)[-1]
    if _not_service_file(project, path) or name in SERVER_MODULES or "/migrations/" in f"/{path}":
        return False
    if name in _INSTALLERS:
        return False  # (a deployment running it is read before this: see `_apply_deployments`)
    if path.startswith(("docs/", "doc/", "examples/")):
        return False
    facts = project.files[path]
    if _streamlit_page(facts):
        return False
    if facts.prompts and _cli_framework(facts) == "python":
        return False  # `while True: msg = input("You: ")`: a console for a person, not a job
    if _sets_up_built_app(project, path, facts):
        return False  # `app = create_app(conf)`, `init_app(app)`: the module a WSGI server imports
    if _launcher(facts):
        return False
    if not project.importers.get(path):
        return True
    # (a module others take constants from whose own loops only build those constants,
    # `for s in ids.split(","): ALLOWED_IDS.append(int(s))`: a constants module, not a script)
    return _only_constants_taken(project, path) and not _builds_its_constants(facts)


# Calls at a constants module's level: its settings read (the environment's file loaded), its
# constants filled in
_CONSTANT_FILLERS = frozenset({"append", "extend", "update", "add", "insert", "setdefault"})
_FILLER_WORK = frozenset({"remove", "unlink", "rmtree", "system", "run", "call", "post", "put", "delete", "execute"})


def _builds_its_constants(facts: FileFacts) -> bool:
    own = {f.name for f in facts.functions}
    if own & set(facts.called_outside) or set(facts.called_outside) & _FILLER_WORK:
        return False  # (`REMOVED.append(delete_backup(p))`: the file's own work, kept in a list)
    for name, raw, _ in facts.module_calls:
        head, _, method = raw.rpartition(".")
        if name in {"dotenv.load_dotenv", "load_dotenv"}:
            continue
        if not (head.isidentifier() and head.isupper() and method in _CONSTANT_FILLERS):
            return False
    return True


# What a module setting up an app it had a factory build calls (`init_app(app)`, `register_blueprints(app)`;
# not `init_db()`, `register_user(name)`: a set-up script's own work).
_APP_SET_UP = re.compile(
    r"^(?:init|register|setup|set_up|configure|install)_?(?:app|application|routes?|blueprints?|views?|urls?"
    r"|extensions?|handlers?|error_?handlers?|api|apis|resources?|commands?|cli|plugins?|middlewares?|logging"
    r"|celery|sentry|shell_?context|login_manager|cors|babel|jwt|limiter|socketio|hooks"
    r"|filters|template_filters|context_processors|jinja|metrics|tracing)$"
)


def _sets_up_built_app(project: Project, path: str, facts: FileFacts) -> bool:
    """A module that has a project factory build an HTTP app at module level (``app =
    create_app(conf)``) and at import only sets that app up (``init_app(app)``,
    ``register_routes(app)``): what ``gunicorn app:app`` imports, not a job. (A script seeding a
    database through the app's context calls other things, and stays one.)"""
    if not any(_factory_app(project, path, obj, elsewhere=False) for obj in facts.objects):
        return False
    calls = [raw for name, raw, _ in facts.module_calls if not _is_trivial_call(name)]
    return bool(calls) and all(_APP_SET_UP.search(raw.rpartition(".")[2]) for raw in calls)


def _django_candidates(project: Project) -> list[_Candidate]:
    """One api entrypoint per Django settings module actually used by wsgi/asgi/manage.py."""
    runners: dict[str, tuple[bool, int, str, int]] = {}
    rank = {"django-wsgi": 0, "django-asgi": 1, "django-manage": 2}
    for path, facts in sorted(project.files.items()):
        if facts.is_test:
            continue
        kinds = {s.kind: s.line for s in facts.signals if s.kind in rank}
        if not kinds:
            continue
        if "/management/commands/" in f"/{path}" and any(base.endswith("BaseCommand") for _, base, _ in facts.classes):
            continue  # (a command that sets Django up with `get_wsgi_application()` at import serves nothing)
        best = min(kinds, key=lambda k: rank[k])
        settings = [ref for ref in facts.module_refs if ref[0] == "settings"]
        # (a one-file app, `settings.configure(ROOT_URLCONF=__name__)` beside its `urlpatterns`: its
        # own settings, another app than the project's other one-file apps)
        # (not a reusable app's test runner, `runtests.py`, configured the same way)
        alone = (
            not settings
            and any(s.kind == "django-urlconf" for s in facts.signals)
            and path.rpartition("/")[2] not in _TEST_RUNNERS
        )
        key = settings[0][1] if settings else path if alone else ""
        current = runners.get(key)
        # (a script that sets Django up with `get_wsgi_application()` builds the same app: the
        # project's own wsgi.py/asgi.py is where it is served from)
        candidate = (path.rsplit("/", 1)[-1] not in SERVER_MODULES, rank[best], path, kinds[best])
        if current is None or candidate < current:
            runners[key] = candidate
    if any(r[1] < rank["django-manage"] for r in runners.values()):
        # manage.py serves nothing in production: with a wsgi/asgi module in the project, the
        # settings it picks (often a development variant, chosen at run time) are not another api.
        runners = {k: r for k, r in runners.items() if r[1] < rank["django-manage"] or k == r[2]}
    out = []
    for settings_module, (_, _, path, line) in sorted(runners.items()):
        out.append(_Candidate(path, line, "api", "django", settings_module or "django"))
    if not out:
        for path, facts in sorted(project.files.items()):
            is_settings = not facts.is_test and any(s.kind == "django-settings" for s in facts.signals)
            if is_settings and any(ref[0] == "urlconf" for ref in facts.module_refs):
                out.append(_Candidate(path, 1, "api", "django", "settings"))
                break
    return out


# A Django app's test runner: `settings.configure(...)`, then `manage.py test` (or a runner) on it
_TEST_RUNNERS = frozenset({"runtests.py", "run_tests.py", "runtest.py", "test_settings.py"})


def _imported_celery_app(project: Project, path: str, setting: str) -> tuple[str, int] | None:
    """The file and line of the Celery app another module builds that ``setting``
    (``app.conf.beat_schedule``) is set on, ``app`` imported from there."""
    owner = setting.partition(".")[0]
    if owner == setting:
        return None
    for imp in project.files[path].imports:
        if imp.alias != owner or not imp.name:
            continue
        home = project.resolve_module(path, imp.module, imp.level)
        if home is None or home == path or home not in project.files:
            continue
        for obj in project.files[home].objects:
            if obj.name == imp.name and obj.ctor == "celery.Celery" and not obj.scope:
                return home, obj.line
    return None


def _beat_app(project: Project) -> str | None:
    """The module of the Celery app that beat runs with the scheduler a settings module names
    (``CELERY_BEAT_SCHEDULER``) or the schedule Django's settings hold (``CELERY_BEAT_SCHEDULE``,
    read by ``app.config_from_object("django.conf:settings")``), when no schedule is in the code:
    the one module building a Celery app, or of several, the one beside those settings."""
    files = project.files
    beats = [
        (path, s.detail)
        for path, facts in files.items()
        if not facts.is_test
        for s in facts.signals
        if s.kind == "celery-beat"
        and (s.detail == BEAT_SCHEDULER or any(other.kind == "django-settings" for other in facts.signals))
    ]
    if not beats or len(beats) < sum(
        s.kind == "celery-beat" for f in files.values() if not f.is_test for s in f.signals
    ):
        return None  # (a schedule in the code: beat runs that one, where it is)
    apps = [
        path
        for path, facts in sorted(files.items())
        if not facts.is_test and any(o.ctor == "celery.Celery" and not o.scope for o in facts.objects)
    ]
    if len(apps) == 1:
        return apps[0]
    settings = {path.rpartition("/")[0] for path, _ in beats}
    beside = [path for path in apps if path.rpartition("/")[0] in settings]
    return beside[0] if len(beside) == 1 else None


# Settings that name what a Django cron app runs: (the app, the settings' reference, the framework)
_DJANGO_CRON_APPS = (("django_crontab", "cronjob", "django-crontab"), ("django_cron", "cronclass", "django-cron"))


def _django_crontab_candidates(project: Project) -> list[_Candidate]:
    """django-crontab's ``CRONJOBS`` in settings that install ``django_crontab``: cron runs each
    function named there (``manage.py crontab run``), a job at the function; django-cron's
    ``CRON_CLASSES`` beside ``django_cron``: cron runs ``manage.py runcrons``, which runs each
    class's ``do()``, a job at the class."""
    out = []
    for path, facts in sorted(project.files.items()):
        if facts.is_test:
            continue
        refs = facts.module_refs
        installed = {value for kind, value, _ in refs if kind == "installed_app"}
        for app, ref_kind, framework in _DJANGO_CRON_APPS:
            if app not in installed:
                continue
            for value in (value for kind, value, _ in refs if kind == ref_kind):
                module, _, name = value.rpartition(".")
                home = project.resolve_module(path, module)
                if home is None or project.files[home].is_test:
                    continue
                if ref_kind == "cronjob":
                    line = next((f.line for f in project.files[home].functions if f.name == name), 0)
                else:
                    line = next((line for c, _, line in project.files[home].classes if c == name), 0)
                if line:
                    out.append(_Candidate(home, line, "job", framework, name))
    # (one function named by several settings modules, `settings.py` and `settings_docker.py`: one job)
    return list({(c.path, c.symbol): c for c in out}.values())


def _dramatiq_candidates(project: Project) -> list[_Candidate]:
    actors = [
        (path, task)
        for path, facts in sorted(project.files.items())
        if not facts.is_test
        for task in facts.tasks
        if task.framework == "dramatiq"
    ]
    brokers = [
        path
        for path, facts in project.files.items()
        if any(WORKER_CTORS.get(o.ctor) == "dramatiq" for o in facts.objects)
    ]
    if not actors or brokers:
        return []
    path, task = actors[0]
    return [_Candidate(path, task.line, "worker", "dramatiq", "actors")]


def _drop_producer_brokers(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A module that sets up the Dramatiq broker but defines no actor, and no actor module
    imports, only sends messages, when other modules of the project set a broker up beside
    their actors (``dramatiq worker_module`` runs those)."""
    with_actors = {path for path, facts in project.files.items() if any(t.framework == "dramatiq" for t in facts.tasks)}
    brokers = [c for c in candidates if c.kind == "worker" and c.framework == "dramatiq" and c.objects]
    if not any(c.path in with_actors for c in brokers):
        return candidates
    idle = {
        id(c)
        for c in brokers
        if c.path not in with_actors and not any(c.path in project.reach_from(actors) for actors in with_actors)
    }
    return [c for c in candidates if id(c) not in idle]


def _drop_imported_duplicates(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A second app of the same framework in a module another one imports is the same service.

    When two apps reach each other (a package ``__init__`` imports one, which imports the
    other), one of them is kept: the one that imports more of the others directly, then the
    one nearer the top of the tree.
    """
    candidates = _drop_idle_imported_apis(project, candidates)
    apps = [c for c in candidates if c.kind == "worker" and c.framework in {"celery", "huey"}]
    if len(apps) < 2:
        return candidates

    def reaches(a: _Candidate, b: _Candidate) -> bool:
        return a.framework == b.framework and a.path != b.path and b.path in project.reach_from(a.path)

    def rank(c: _Candidate) -> tuple[int, int, str]:
        direct = sum(1 for o in apps if o.path != c.path and o.path in project.import_edges.get(c.path, ()))
        return (-direct, c.path.count("/"), c.path)

    dropped: set[int] = set()
    for candidate in apps:
        for other in apps:
            if other is candidate or not reaches(other, candidate):
                continue
            if reaches(candidate, other) and rank(candidate) < rank(other):
                continue  # mutual: the better-placed one stays
            dropped.add(id(candidate))
            break
    return [c for c in candidates if id(c) not in dropped]


def _handle_calls(facts: FileFacts, command: str) -> list[str]:
    """What a management command's ``handle()`` calls."""
    return [call for m in facts.methods if m.name == f"{command}.handle" for call in m.calls]


def _command_loop(project: Project, path: str, facts: FileFacts, command: str) -> tuple[LoopFact, str] | None:
    """The consume loop a management command's ``handle()`` runs, with the file it is in: in
    ``handle()`` itself, a method of its class it calls (``self.consume()``) or a project function
    it calls (``start_bot()``, whose loop polls the bot); not a busy loop, one that only keeps
    the process alive, or one that stops once the queue comes back empty (a command run from cron
    to import what is waiting). (A script's own loop that drains a queue and ends is a job too.)"""
    calls = _handle_calls(facts, command)
    reached = [(path, f"{command}.handle")] + [(path, call) for call in calls if call.startswith(f"{command}.")]
    for call in calls:
        found = project.function_and_home(path, call) if not call.startswith(f"{command}.") else None
        if found is not None:
            reached.append((found[1], found[0].name))
    for home, scope in reached:
        for loop in project.files[home].loops:
            if loop.scope == scope and loop.source != BUSY_LOOP_LOCAL and not loop.idle and not loop.drains:
                return loop, home
    return None


def _runners_of_shared_consumers(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A bot or consumer object at module level in a module other project code imports is
    started by that code: the script or ``__main__`` job that reaches it is the worker, and
    the object's module is not a second entrypoint (``client.run(token)`` in main.py for the
    ``commands.Bot`` of bot.py; consume loops started from main.py on the shared consumers of kafka.py)."""
    jobs = [
        c
        for c in candidates
        if (c.kind == "job" and (c.symbol in {"__main__", "script"} or c.console_script)) or c.command
    ]
    # Also a worker found by its own polling call (`bot.infinity_polling()` in main.py) on the shared object.
    runners = jobs + [c for c in candidates if c.kind == "worker" and not c.objects and not c.command]
    if not runners:
        return candidates
    job_ids = {id(c) for c in jobs}
    dropped: set[int] = set()
    for candidate in candidates:
        if candidate.kind != "worker" or candidate.framework not in CONSUMER_FRAMEWORKS or not candidate.objects:
            continue
        if not project.importers.get(candidate.path):
            continue
        names = {name for _, name in candidate.objects}
        reaching = [r for r in runners if r.path != candidate.path and candidate.path in project.reach_from(r.path)]
        # The runner that starts the object itself (`client.run(token)`) takes it over; failing
        # that, one that runs consume loops on it (threads started on loop functions) makes the
        # object's module no entrypoint of its own. A one-off script that only imports it does neither.
        starter = next((r for r in reaching if _starts_object(project, r, names)), None)
        if starter is not None:
            starter.kind, starter.framework = "worker", candidate.framework
            starter.objects = starter.objects + candidate.objects
            dropped.add(id(candidate))
        elif any(
            loop.source != BUSY_LOOP_LOCAL
            for r in reaching
            # (a command counts once its `handle()` runs a loop: one that only sends through the bot does not)
            if id(r) in job_ids and (r.kind == "worker" or not r.command)
            for p in project.reach_from(r.path)
            for loop in project.files[p].loops
            if p == r.path or not _in_main_block(project.files[p], loop)
        ):
            dropped.add(id(candidate))
    return [c for c in candidates if id(c) not in dropped]


def _in_main_block(facts: FileFacts, loop: LoopFact) -> bool:
    """A loop the file's ``__main__`` block runs itself (``bot.infinity_polling()`` there): not run
    where the file is imported. (A loop at module level after the block, `while True:
    bot.polling()`, runs on import: the block does not make the call itself.)"""
    guard = facts.main_guard
    return (
        guard is not None
        and not loop.scope
        and loop.line > guard.line
        and (not guard.end_line or loop.line <= guard.end_line)
    )


def _starts_object(project: Project, runner: _Candidate, names: set[str]) -> bool:
    """Whether a script or ``__main__`` job calls a run method on one of these object names."""
    facts = project.files[runner.path]
    calls = [name for name, _, _ in facts.module_calls]
    if runner.command:
        # `manage.py <command>` runs `handle()` (`bot.polling(none_stop=True)` on the project's bot)
        calls = _handle_calls(facts, runner.symbol)
    elif facts.main_guard is not None:
        calls += _guard_calls(facts, facts.main_guard, depth=2)
    if runner.kind == "worker":  # (`Thread(target=bot.infinity_polling).start()`: the polling it hands on)
        calls += [loop.source for loop in facts.loops]
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method in _MODULE_WORK_METHODS and owner.rpartition(".")[2] in names:
            return True
    return False


def _runner_configures_logging(project: Project, path: str, names: set[str]) -> bool:
    """A module that imports the app and serves it, configuring logging first (`python -m app`
    running `logging.basicConfig(...)` then `web.run_app(app)`): the app logs through that
    set-up, though the app's own module never imports its runner. ``names``: the app objects
    of ``path``."""
    if not names:
        return False
    for runner in sorted(project.importers.get(path, ())):
        facts = project.files[runner]
        imported = {
            imp.alias
            for imp in facts.imports
            if imp.name in names and project.resolve_module(runner, imp.module, imp.level) == path
        }
        # (logging set up there, or by a module it imports as it is loaded: `from .scheduler import
        # scheduler`, whose job module calls `logging.basicConfig(...)`; not in that module's own
        # `__main__` block)
        if (
            facts.is_test
            or not imported
            or not any(
                s.kind == "logging-config" and (module == runner or s.scope != "__main__")
                for module in project.reach_from(runner)
                for s in project.files[module].signals
            )
        ):
            continue
        apps = {(path, name) for name in names}
        for call in facts.calls_made():
            owner, _, method = call.rpartition(".")
            if call in SERVE_CALLS or call.endswith("web.run_app"):
                return True
            # (`app.run()`, also as the import expands it: `.main.app.run`)
            if method in _APP_SERVES and (owner in imported or project.resolve_object(runner, owner) in apps):
                return True
    return False


def _runner_of_function_logs(project: Project, path: str, functions: set[str]) -> bool:
    """A module that configures logging and calls one of ``functions`` of ``path``."""
    for runner in sorted(project.importers.get(path, ())):
        facts = project.files[runner]
        if facts.is_test or not any(s.kind == "logging-config" for s in facts.signals):
            continue
        if any(call.rpartition(".")[2] in functions for call in facts.calls_made()):
            return True
    return False


def _drop_app_runners(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A ``__main__`` block that only starts an app or worker another module builds
    (``app = create_app()`` then ``app.run()``; ``celery_app.worker_main([...])``) runs that
    entrypoint: it is not a job of its own."""
    served = _served_objects(project, candidates)
    kept: list[_Candidate] = []
    runners: dict[str, list[str]] = {}  # the served module, the files whose block runs it
    for c in candidates:
        module = _runs_another_app(project, c, served)
        if module is not None:
            runners.setdefault(module, []).append(c.path)
        elif not _tries_deployed_function(project, c) and not _runs_unseen_app(project, c):
            kept.append(c)
    for c in kept:
        if c.kind == "api" and c.path in runners:
            # (`app.run(debug=True)` in the runner's block is how this app is served)
            c.runners = tuple(sorted({*c.runners, *runners[c.path]} - {c.path}))
    return kept


def _with_once_modes(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A worker whose file's ``__main__`` block (or the ``main()`` it calls) chooses a mode: one
    branch loops for ever (``if args.daemon: while True: check(); sleep(300)``, or calls the
    worker's looping function, ``monitor.run_daemon()``), another runs one round of that loop
    and ends (``else: check()``, ``elif args.once: monitor.run_once()``): a job as well, the one
    cron or a timer runs."""
    added: list[_Candidate] = []
    with_job = {c.path for c in candidates if c.kind == "job"}
    for worker in candidates:
        facts = project.files[worker.path]
        guard = facts.main_guard
        if worker.kind != "worker" or guard is None or not guard.modes or worker.path in with_job:
            continue
        functions = (*facts.functions, *facts.methods)
        looping = worker.symbol.rpartition(".")[2]
        rounds: set[str] = set()  # what one round of the loop calls, by last name
        loop_branches = []
        for branch in guard.modes:
            if LOOP_MODE in branch:
                loop_branches.append(branch)
                rounds.update(branch)
            elif looping in branch:
                loop_branches.append(branch)
                for function in functions:
                    if function.name == worker.symbol:
                        rounds.update(call.rpartition(".")[2] for call in function.calls)
        rounds.discard(looping)
        # (a round of the file's own work: not `load_state()` read for a status, nor `str()` or `sleep()`)
        local = {f.name: f for f in facts.functions}
        rounds &= {
            f.name.rpartition(".")[2]
            for f in functions
            if _works(f) and not (f.returns_value and _reads_only(f, local, 2))
        }
        # (the whole round: `--status` reading the state the loop also reads is no run of it)
        if rounds and any(b not in loop_branches and rounds <= set(b) for b in guard.modes):
            added.append(_Candidate(worker.path, guard.line, "job", _cli_framework(facts), "__main__", once=True))
            with_job.add(worker.path)
    return candidates + added


def _drop_manual_runs(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A helper module's ``__main__`` block that only calls functions of its own, with no
    arguments, when another job's script does nothing but import and call the same ones the same
    way (``from advanced_signal_bot import send_signals`` then ``send_signals()`` in the deployed
    script): the same run written twice, one job, kept at the script. (Not where the other script
    does more with them, ``insert(scrap())``, nor where it only schedules them,
    ``schedule.every(6).hours.do(crawl)``: the module's own block is then a run of its own. A
    deployment file that runs the module makes it a job again.)"""
    jobs = [c for c in candidates if c.kind == "job"]
    # (the functions each job's block calls, by the module they are in: one look each)
    work = {id(job): _main_work(project, job) for job in jobs}
    runs: dict[tuple[str, frozenset[str]], set[str]] = {}
    for job in jobs:
        if (found := work[id(job)]) is not None:
            runs.setdefault(found, set()).add(job.path)
    dropped = {
        id(job)
        for job in jobs
        if (found := work[id(job)]) is not None and found[0] == job.path and runs[found] - {job.path}
    }
    return [c for c in candidates if id(c) not in dropped]


def _main_work(project: Project, candidate: _Candidate) -> tuple[str, frozenset[str]] | None:
    """The module whose functions the candidate's ``__main__`` block calls, and their names, when
    the block calls nothing else but printing and logging, all with no arguments and all in one
    module; None otherwise. (What the file does at module level, `load_dotenv()`, runs whether it
    is run or imported.)"""
    facts = project.files.get(candidate.path)
    guard = facts.main_guard if facts is not None else None
    if facts is None or guard is None or candidate.symbol != "__main__" or not guard.bare_calls:
        return None
    homes: set[str] = set()
    names: set[str] = set()
    for call in guard.calls:
        if _is_trivial_call(call):
            continue
        found = project.function_and_home(candidate.path, call)
        if found is None:
            return None
        homes.add(found[1])
        names.add(found[0].name)
    return (homes.pop(), frozenset(names)) if len(homes) == 1 else None


def _runs_unseen_app(project: Project, candidate: _Candidate) -> bool:
    """A ``__main__`` block that only runs an app imported by a module name the tree does not
    resolve, where the tree holds a module of that name elsewhere building an app of that name
    (``from home.app import app``, an image copying ``app/`` to ``/home``, then ``app.run()``): it
    serves that app; it is not a job."""
    facts = project.files.get(candidate.path)
    if facts is None or candidate.kind != "job" or candidate.symbol != "__main__" or facts.main_guard is None:
        return False
    # (what computes its arguments is no work, `port=int(os.environ.get("PORT", "5000"))`, nor the
    # settings read before it, `load_dotenv()`)
    work = [
        call
        for call in facts.main_guard.calls
        if not (
            _is_trivial_call(call)
            or call in _PURE_NAMES
            or call == "bool"
            or call.startswith(("os.environ", "os.getenv", "dotenv.", "decouple."))
        )
    ]
    # (the app may be built by that module's factory, at module level or in the block itself:
    # `from home.app import create_app`, `app = create_app()`, then `app.run()`)
    factories = {o.name: o.ctor for o in facts.objects if not o.scope}
    runs = [
        call
        for call in work
        if call not in factories.values() and not any(other.startswith(f"{call}().") for other in work)
    ]
    if len(runs) != 1:
        return False
    owner, _, method = runs[0].rpartition(".")
    factory = factories.get(owner, "") if "." not in owner else ""
    if owner.endswith("()"):
        factory = owner[:-2]  # (`create_app().run(...)`, the factory's app run at once)
    # the app's own name as imported (`home.app.app`), or its factory's (`home.app.create_app`)
    source = factory or owner
    module, _, name = source.rpartition(".")
    if method != "run" or not module or project.module_of(candidate.path, module) is not None:
        return False
    if not any(f"{imp.module}.{imp.name}" == source for imp in facts.imports):
        return False
    # (and the tree holds that module under another package, building a web app of that name, or
    # in a function of that name: `app/app.py` for `home.app`; not absl's `app.run(main)`)
    tail = module.rpartition(".")[2]

    def builds_app(o: ObjectFact) -> bool:
        built_there = o.scope == name if factory else o.name == name and not o.scope
        return built_there and o.ctor in API_CTORS

    return any(
        other != candidate.path
        and (other.rpartition("/")[2] == f"{tail}.py" or other.endswith(f"{tail}/__init__.py"))
        and any(map(builds_app, project.files[other].objects))
        for other in project.files
    )


def _tries_deployed_function(project: Project, candidate: _Candidate) -> bool:
    """A ``__main__`` block that only calls a Cloud Function of another module (``from src.app
    import my_function``, ``@functions_framework.http`` there, then ``my_function()``), and prints
    or logs: the function tried out locally, deployed on its own."""
    facts = project.files.get(candidate.path)
    if facts is None or candidate.kind != "job" or candidate.symbol != "__main__" or facts.main_guard is None:
        return False
    tried = False
    for call in facts.main_guard.calls:
        if _is_trivial_call(call):
            continue
        module_name, _, name = call.rpartition(".")
        module = project.module_of(candidate.path, module_name) if module_name else None
        if module is None or module == candidate.path:
            return False
        # (a Cloud Function is an entrypoint where it is defined; a Lambda handler of a module a
        # script imports is not, and the script stays the job)
        signals = project.files[module].signals
        if not any(s.kind in _CLOUD_FUNCTIONS and s.detail.rpartition(":")[2] == name for s in signals):
            return False
        tried = True
    return tried


def _served_objects(project: Project, candidates: Sequence[_Candidate]) -> dict[str, set[ObjectRef]]:
    """The apps and workers the candidates serve, by file; also the names other modules bind to
    what a factory of theirs returns (`app = create_app()` in `app/routes.py`, run by `from
    app.routes import app; app.run()`)."""
    served: dict[str, set[ObjectRef]] = {}
    for c in candidates:
        if c.kind in {"api", "worker"}:
            served.setdefault(c.path, set()).update(c.objects)
    if served:
        for alias in _factory_results(project, {ref for refs in served.values() for ref in refs}):
            served.setdefault(alias[0], set()).add(alias)
    return served


def _runs_another_app(project: Project, candidate: _Candidate, served: dict[str, set[ObjectRef]]) -> str | None:
    """A job candidate whose ``__main__`` block (or module-level code) only runs one of ``served``:
    the module that builds it, or None."""
    facts = project.files.get(candidate.path)
    if not served or facts is None or candidate.kind != "job":
        return None
    calls: list[str] = []
    if candidate.symbol == "__main__" and facts.main_guard is not None:
        calls = _guard_calls(facts, facts.main_guard, depth=1)
    elif candidate.symbol == "script":
        calls = [name for name, _, _ in facts.module_calls]
    return _runs_app_of(project, candidate.path, facts, calls, served) if calls else None


def _runs_app_of(
    project: Project, path: str, facts: FileFacts, calls: Sequence[str], served: dict[str, set[ObjectRef]]
) -> str | None:
    """The module of a served object the block runs, built by another module: an imported one
    (``celery_app.worker_main()``), or one a factory function of that module builds
    (``app = create_app()`` then ``app.run()``, where ``create_app`` builds the app); or None."""
    built = {o.name: o.ctor for o in facts.objects}
    for call in calls:
        owner, _, method = call.rpartition(".")
        if method not in _RUN_METHODS | SERVE_METHODS | {"listen"} or not owner:
            continue  # (`app.listen(port)`: a Tornado app)
        source = built.get(owner, owner[:-2] if owner.endswith("()") else owner)
        module_name, _, name = source.rpartition(".")
        if module_name:
            module = project.module_of(path, module_name)
            if module is None or module == path:
                continue
        elif source != owner or _reexport(project, path, name) is not None:
            # `app = make_celery()` then `app.worker_main()`: a factory of this file builds it; or
            # `from manage import *` then `app.run()`: an app another module builds
            module = path
        else:
            continue
        for _ in range(3):  # (`from app import app` where `app/__init__.py` re-exports `from app.views import app`)
            if _built_by_served(project, module, name, served):
                return module
            found = _reexport(project, module, name)
            if found is None:
                break
            module, name = found
    return None


def _reexport(project: Project, module: str, name: str) -> ObjectRef | None:
    """Where ``module`` takes ``name`` from when it only imports it (``from .views import app``)."""
    facts = project.files[module]
    if any(o.name == name and not o.scope for o in facts.objects) or any(f.name == name for f in facts.functions):
        return None
    for imp in facts.imports:
        if imp.alias == name and imp.name not in (None, "*"):
            home = project.resolve_module(module, imp.module, imp.level)
            if home is not None and home != module:
                return home, imp.name
    for imp in facts.imports:
        # (`from manage import *`, where `manage.py` builds `app`)
        home = project.resolve_module(module, imp.module, imp.level) if imp.name == "*" else None
        if (
            home is not None
            and home != module
            and any(o.name == name and not o.scope for o in project.files[home].objects)
        ):
            return home, name
    return None


def _built_by_served(project: Project, module: str, name: str, served: dict[str, set[ObjectRef]]) -> bool:
    """Whether ``name`` of ``module`` is a served object, the factory function that builds one, or
    an object bound to what that factory returns."""
    objects = served.get(module)
    if not objects:
        return False
    if (module, name) in objects:
        return True  # the served object itself, imported
    home = project.files[module].objects
    scopes = {o.scope for o in home if (module, o.name) in objects}
    if name in scopes:
        return True  # a call of the function that builds it
    # the object that function built, bound in its module (`app = make_app()`)
    return any(o.name == name and not o.scope and o.ctor in scopes for o in home)


def _drop_idle_imported_apis(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """An app object with no routes and nothing mounted in it, in a module another app of the same
    framework imports, serves nothing (``app = Flask(__name__)`` kept for a helper's decorators)."""
    apis = [c for c in candidates if c.kind == "api" and c.objects]
    if len(apis) < 2:
        return candidates
    idle: set[int] = set()
    for candidate in apis:
        if not any(
            other.framework == candidate.framework
            and other.path != candidate.path
            and candidate.path in project.reach_from(other.path)
            for other in apis
        ):
            continue
        tabled = any(not route.owner for route in project.files[candidate.path].routes) and not any(
            "test" in name.lower() for _, name in candidate.objects
        )  # (`Application([("/users", UsersHandler)])`: Tornado's route table names no app)
        if not tabled and not _serves_anything(project, set(candidate.objects)):
            idle.add(id(candidate))
    return [c for c in candidates if id(c) not in idle]


def _serves_anything(project: Project, objects: set[ObjectRef]) -> bool:
    if any(project.mount_edges.get(obj) for obj in objects):
        return True
    return any(
        project.resolve_object(path, route.owner) in objects
        for path, facts in project.files.items()
        for route in facts.routes
        if route.owner
    )


def _drop_mounted_apps(project: Project, candidates: list[_Candidate]) -> list[_Candidate]:
    """A sub-application mounted into another app is part of that app, not an entrypoint."""
    mounted: set[ObjectRef] = set()
    for path, facts in project.files.items():
        for mount in facts.mounts:
            if mount.target_kind == "object":
                ref = project.resolve_object(path, mount.target)
                if ref is not None and ref != project.resolve_object(path, mount.owner):
                    mounted.add(ref)  # (an app "mounted" into itself is still an app)
    return [c for c in candidates if not (c.kind == "api" and c.objects and set(c.objects) <= mounted)]


# reach ---------------------------------------------------------------------------------
def _enqueued_modules(project: Project) -> set[str]:
    """The modules defining the functions the project puts on RQ queues (``q.enqueue(sync_page)``):
    an RQ worker imports and runs them."""
    out: set[str] = set()
    for path, facts in project.files.items():
        for signal in facts.signals:
            if signal.kind != "enqueue" or facts.is_test:
                continue
            module = signal.detail.rpartition(".")[0]
            target = project.module_of(path, module) if module else path
            if target is not None:
                out.add(target)
    return out


def _service(project: Project, candidate: _Candidate) -> Service:
    starts: set[str] = {candidate.path}
    objects: set[ObjectRef] = set(candidate.objects)
    if candidate.framework in {"django", *MANAGE_RUN}:
        starts |= _django_reach_starts(project, candidate)
    if candidate.framework == "celery" and candidate.kind == "worker":
        starts |= _celery_reach_starts(project, candidate)
    if candidate.framework == "scrapy":
        starts |= _scrapy_reach_starts(project, candidate)
    if candidate.framework == "discord":
        starts |= _extension_starts(project, starts)
    # Runners that set up logging for the code they run.
    # (`pserve app.ini` applies the ini file's logging sections for Pyramid; Scrapy's crawl command its LOG_ settings.)
    framework_logging = candidate.framework in {
        "celery",
        "celery-beat",
        "dramatiq",
        "rq",
        "pyramid",
        "dagster",
        "scrapy",
        "huey",  # (huey_consumer calls logging.basicConfig)
        "huey-periodic",
        "faust",  # (`faust worker` sets up logging)
        "kopf",  # (`kopf run` configures logging)
        "nameko",  # (`nameko run` applies the config's LOGGING, or calls logging.basicConfig)
    }
    facts = project.files[candidate.path]
    if candidate.framework == "nameko" and facts.main_guard is not None:
        # (a `ServiceRunner` the file's own `__main__` block runs: `python svc.py`, not `nameko run`)
        framework_logging = not any(c.endswith("ServiceRunner") for c in facts.main_guard.calls)
    if candidate.framework == "rq":
        # (RQ sets logging up in `Worker.work()`: not for a loop taking the jobs by hand,
        # `worker.dequeue_job_and_maintain_ttl(420)`, with `work()` never called)
        reached = (project.files[path] for path in sorted(project.reach_from(candidate.path)))
        framework_logging = rq_jobs_taken_by_hand(reached) is None
    hosts = project.importers.get(candidate.path, ())
    if (
        (candidate.framework in {"schedule", "apscheduler", "sanic-scheduler"} or candidate.hosted)
        and hosts
        and facts.main_guard is None
    ):
        # A scheduler that the importing process starts (in a thread, from its start-up) logs
        # through that process's logging set-up.
        framework_logging = (
            any(s.kind == "logging-config" for p in project.closure(set(hosts)) for s in project.files[p].signals)
            or any(  # (or the module that serves a hosting app configures it)
                _runner_configures_logging(
                    project, host, {o.name for o in project.files[host].objects if o.ctor in API_CTORS}
                )
                for host in sorted(hosts)
            )
            or (  # (or a Django app starts it from `AppConfig.ready()`: the settings' LOGGING applies)
                any(base == "django.apps.AppConfig" for host in hosts for _, base, _ in project.files[host].classes)
                and any(
                    s.kind == "logging-config" and any(t.kind == "django-settings" for t in f.signals)
                    for f in project.files.values()
                    for s in f.signals
                )
            )
        )
    if candidate.kind == "api" and not framework_logging:
        names = {name for home, name in candidate.objects if home == candidate.path}
        # (and the factories that build them: `from api.create_app import start_app`)
        names |= {o.scope for o in facts.objects if o.name in names and o.scope and "." not in o.scope}
        framework_logging = _runner_configures_logging(project, candidate.path, names)
    if candidate.poller_of and not framework_logging:
        # (a poller the app starts beside itself lives in the app's process: logging set up by
        # the module serving the app, `python -m app` running `basicConfig()` then `run_app(app)`)
        apps = {o.name for o in facts.objects if o.ctor in API_CTORS}
        framework_logging = bool(apps) and _runner_configures_logging(project, candidate.path, apps)
    if candidate.framework == "websockets" and not framework_logging:
        # (a server function another module runs after setting up logging: `asyncio.run(live.serve())`)
        framework_logging = _runner_of_function_logs(project, candidate.path, _websocket_servers(facts))
    if candidate.framework == "litestar":
        # Litestar configures the root logger (INFO, a queue handler) unless it is given a
        # `logging_config` of its own (`None` switches that off; a `LoggingConfig(...)` counts by itself).
        framework_logging = "logging_config" not in _built_with(project, candidate)
    if candidate.framework == "sanic" and not framework_logging:
        # Sanic configures its own loggers (`sanic.log`: the server, errors and each request, with time
        # and level) unless told not to (`configure_logging=False`); not the root logger, so an app
        # whose code logs through loggers of its own (`logging.getLogger(__name__)`) is not covered.
        app_files = [project.files[p] for p in project.closure({candidate.path})]
        own_loggers = any(o.ctor.startswith("logging.") for f in app_files for o in f.objects) or any(
            call.startswith("logging.") for f in app_files for call in f.calls_made()
        )
        framework_logging = not own_loggers and "configure_logging" not in _built_with(project, candidate)
    if candidate.framework == "dramatiq":
        starts |= {p for p, f in project.files.items() if any(t.framework == "dramatiq" for t in f.tasks)}
    if candidate.framework == "pyramid":  # config.scan() and config.include() load the app's package
        package = candidate.path.rpartition("/")[0]
        starts |= set(project.files_under(package)) if package else set()
    if candidate.framework == "rq" and candidate.kind == "worker":
        starts |= _enqueued_modules(project)
    routes: list[tuple[str, RouteFact]] = list(candidate.routes)
    if objects and candidate.kind == "api":
        objects |= _factory_results(project, objects)
    if objects:
        attached, objects = _attached(project, objects)
        starts |= attached
    reach = project.closure(starts)
    kind, framework = candidate.kind, candidate.framework
    if (
        kind == "job"
        and (candidate.symbol in {"__main__", "script"} or candidate.console_script)
        and not candidate.once
    ):
        deployed = candidate.deployed
        loops = [
            (loop, path)
            for path in sorted(reach)
            for loop in project.files[path].loops
            if loop.source != BUSY_LOOP_LOCAL
            and not _keeps_scheduler_alive(project, path, loop)
            # (an imported module's `__main__` block polling its bot: not run by the import)
            and (path == candidate.path or not _in_main_block(project.files[path], loop))
            # (a `sched` scheduler re-entering its task: the job's own timetable)
            and loop.source != SCHED_LOOP
            # (a wait on a run flag after `loop_start()`, in a script cron runs: see `_apply_deployments`)
            and not (loop.source == MQTT_WAIT and deployed is not None and deployed.mode == SCHEDULED)
        ]
        if loops:  # the job runs a consume loop found in a module it imports: a worker
            kind, framework = "worker", _loop_framework(loops[0][0].source, project.files[loops[0][1]])
        elif (
            deployed is not None
            and deployed.mode == LONG_RUNNING
            and framework in _SCRIPT_JOBS
            # (`python manage.py run` on Flask's `FlaskGroup`: the app's server kept running)
            and not _serves_flask_group(project.files[candidate.path])
        ):
            # a Procfile `worker:` line, a Compose service that restarts always: kept running,
            # though no consume loop of its own is known (a client library's run())
            kind, framework = "worker", deployed.how
    # Files attached through decorators on our objects, and what they import.
    if objects:
        extra = {
            path
            for path, facts in project.files.items()
            if not facts.is_test and _attaches(project, path, facts, objects)
        }
        starts |= extra
        if extra - reach:
            reach |= project.closure(extra)
    if objects:
        reach, objects = _attach_parameter_mounts(project, reach, objects)
        starts |= {ref[0] for ref in objects}
    if kind == "api":
        for path in sorted(reach):
            for route in project.files[path].routes:
                if not route.owner:
                    routes.append((path, route))
                    continue
                ref = project.resolve_object(path, route.owner)
                if ref in objects:
                    routes.append((path, route))
        for path in sorted(reach):
            for mount in project.files[path].mounts:
                if mount.target_kind == "module" and project.resolve_module(path, mount.target) is None:
                    routes.append((path, RouteFact(owner="", path=mount.target, handler="", line=mount.line)))
    entrypoint = Entrypoint(
        id=f"{kind}:{candidate.path}:{candidate.symbol}",
        path=candidate.path,
        line=candidate.line,
        kind=kind,
        framework=framework,
        module=project.module_name(candidate.path),
        reach=tuple(sorted(reach)),
    )
    return Service(
        entrypoint=entrypoint,
        project=project,
        routes=routes,
        framework_logging=framework_logging,
        serves_requests=candidate.serves_requests,
        starts=tuple(sorted(starts)),
        runners=candidate.runners,
        commands=candidate.commands,
    )


def _built_with(project: Project, candidate: _Candidate) -> set[str]:
    """The keyword arguments the candidate's app objects were built with (``Sanic("x",
    configure_logging=False)`` gives ``configure_logging``)."""
    return {
        keyword
        for home, name in candidate.objects
        for o in project.files[home].objects
        if o.name == name
        for keyword in o.keywords
    }


def _attach_parameter_mounts(
    project: Project, reach: set[str], objects: set[ObjectRef]
) -> tuple[set[str], set[ObjectRef]]:
    """Routers included inside helpers (``def setup(app): app.include_router(r)``) whose owner is unknown."""
    for _ in range(3):
        added = False
        for path in sorted(reach):
            for mount in project.files[path].mounts:
                if mount.owner or mount.target_kind != "object":
                    continue
                target = project.resolve_object(path, mount.target)
                if target is not None and target not in objects:
                    objects.add(target)
                    added = True
        if not added:
            break
        more, objects = _attached(project, objects)
        reach = reach | project.closure(more | {ref[0] for ref in objects})
    return reach, objects


def _factory_results(project: Project, objects: set[ObjectRef]) -> set[ObjectRef]:
    """Module-level names bound to what an app factory returns, in any module (``app =
    create_app()`` in ``app/routes.py``, then ``@app.route``): the same app, by another name."""
    factories: set[ObjectRef] = set()
    for home, name in objects:
        factories |= {(home, o.scope) for o in project.files[home].objects if o.name == name and o.scope}
    if not factories:
        return set()
    return {
        (path, o.name)
        for path, facts in project.files.items()
        if not facts.is_test
        for o in facts.objects
        if not o.scope and o.ctor and project.resolve_object(path, o.ctor) in factories
    }


def _attached(project: Project, roots: set[ObjectRef]) -> tuple[set[str], set[ObjectRef]]:
    """Objects mounted into ``roots`` (routers, blueprints), transitively, and their files."""
    objects = set(roots)
    files: set[str] = set()
    queue = sorted(roots)
    while queue:
        owner = queue.pop()
        for target in project.mount_edges.get(owner, ()):
            if target not in objects:
                objects.add(target)
                files.add(target[0])
                queue.append(target)
    return files, objects


def _attaches(project: Project, path: str, facts: FileFacts, objects: set[ObjectRef]) -> bool:
    owners: Iterable[str] = [r.owner for r in facts.routes if r.owner] + [t.owner for t in facts.tasks if t.owner]
    return any(project.resolve_object(path, owner) in objects for owner in owners)


def _django_reach_starts(project: Project, candidate: _Candidate) -> set[str]:
    starts: set[str] = set()
    settings_paths: set[str] = set()
    for path, facts in project.files.items():
        if facts.is_test:
            continue
        if candidate.path == path or candidate.framework in MANAGE_RUN:
            for kind, value, _ in facts.module_refs:
                if kind == "settings":
                    found = project.resolve_module(path, value)
                    if found:
                        settings_paths.add(found)
    if not settings_paths:
        settings_paths = {p for p, f in project.files.items() if any(s.kind == "django-settings" for s in f.signals)}
    settings_reach = project.closure(settings_paths)
    starts |= settings_reach
    queue: list[tuple[str, str]] = []
    for path in settings_reach:
        for kind, value, _ in project.files[path].module_refs:
            if kind == "urlconf":
                queue.append((path, value))
            elif kind == "middleware" and candidate.kind == "api" and (found := project.resolve_module(path, value)):
                starts.add(found)  # (a project middleware: it sees every request; a command, none)
            elif kind == "installed_app":
                found = project.resolve_module(path, value.split(".apps.")[0])
                if found:
                    package = found.rsplit("/", 1)[0] if found.endswith("__init__.py") else found[:-3]
                    starts |= {p for p in project.files_under(package) if "/management/commands/" not in p}
                    starts.add(found)
    seen: set[str] = set()
    while queue:
        importer, module = queue.pop()
        found = project.resolve_module(importer, module)
        if found is None or found in seen:
            continue
        seen.add(found)
        starts.add(found)
        for mount in project.files[found].mounts:
            if mount.target_kind == "module":
                queue.append((found, mount.target))
    return starts


def _called_here(facts: FileFacts, with_guard: bool = True) -> set[str]:
    """The names a file's own code calls (a handler it calls itself is no Lambda's); without its
    ``__main__`` block when ``with_guard`` is false."""
    return {call.rpartition(".")[2] for call in facts.calls_made(with_guard)} | facts.called_by_name(with_guard)


def _tries_own_lambda(facts: FileFacts, guard: MainGuardFact) -> bool:
    """A ``__main__`` block that calls a Lambda handler of its own file, and otherwise only prints,
    logs or reads a sample event."""
    handlers = {s.detail for s in facts.signals if s.kind == "lambda-handler"}
    calls = [call for call in guard.calls if not _local_test_call(call)]
    return bool(calls) and all(call in handlers for call in calls)


_SCRAPY_RUNNERS = frozenset({"scrapy.crawler.CrawlerProcess", "scrapy.crawler.CrawlerRunner"})


def _crawls_itself(project: Project) -> bool:
    """The project runs its spiders from a script of its own (`CrawlerProcess().crawl("name")`):
    that script is the job, not every spider the `scrapy` command could run."""
    return any(o.ctor in _SCRAPY_RUNNERS for f in project.files.values() if not f.is_test for o in f.objects)


def _extension_starts(project: Project, starts: set[str]) -> set[str]:
    """The extensions (cogs) a discord.py bot loads by module name (`bot.load_extension("cogs.x")`)."""
    found: set[str] = set()
    for path in sorted(project.closure(starts)):
        for kind, value, _ in project.files[path].module_refs:
            if kind == "extension" and (module := project.resolve_module(path, value)):
                found.add(module)
    return found


def _scrapy_reach_starts(project: Project, candidate: _Candidate) -> set[str]:
    """The Scrapy project settings above the spider, and the pipelines and middlewares they
    enable: every crawl loads them."""
    starts: set[str] = set()
    for path, facts in project.files.items():
        components = [value for kind, value, _ in facts.module_refs if kind == "scrapy_component"]
        if not components or facts.is_test or not any(s.kind == "scrapy-settings" for s in facts.signals):
            continue  # (an `EXTENSIONS` dict of some other program's configuration)
        directory = path.rpartition("/")[0]
        if directory and not candidate.path.startswith(f"{directory}/"):
            continue  # another Scrapy project's settings
        starts.add(path)
        for component in components:
            found = project.resolve_module(path, component)
            if found:
                starts.add(found)
    return starts


def _celery_reach_starts(project: Project, candidate: _Candidate) -> set[str]:
    starts: set[str] = set()
    facts = project.files[candidate.path]
    for kind, value, _ in facts.module_refs:
        if kind == "include" and value:
            found = project.resolve_module(candidate.path, value)
            if found:
                starts.add(found)
        elif kind == "autodiscover":
            starts |= {p for p, f in project.files.items() if p.endswith("tasks.py") and not f.is_test}
    for path, other in project.files.items():
        if other.is_test:
            continue
        if any(t.framework == "celery" and (not t.owner or t.owner.endswith("shared_task")) for t in other.tasks):
            starts.add(path)
    return starts
