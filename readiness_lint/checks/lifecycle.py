"""RDY013 missing-graceful-shutdown and RDY014 missing-dry-run."""

from __future__ import annotations

from collections.abc import Iterable

from readiness_lint.checks.base import Outcome, Sample, ServiceRule
from readiness_lint.deploy import KEPT_RUNNING
from readiness_lint.frameworks import FLAGGED_CALL_DELETION, GUARDED_DELETION, SCRATCH_DELETION, SLEEPS, WORKER_CTORS
from readiness_lint.model import Entrypoint
from readiness_lint.project import Project, Service, rq_jobs_taken_by_hand

# Frameworks whose worker process drains and exits cleanly on SIGTERM by itself.
SELF_DRAINING = frozenset(
    {
        "celery",
        "rq",
        "dramatiq",
        "huey",
        "arq",
        "faust",
        "python-telegram-bot",
        "aiogram",
        "discord",
        "loafer",
        "nameko",
        "kopf",  # stops its watchers and handlers on SIGTERM
        "faststream",
        "pyrogram",  # idle() (also inside Client.run()) stops on SIGINT, SIGTERM and SIGABRT
        "declared",
    }
)


class MissingGracefulShutdown(ServiceRule):
    code = "RDY013"
    name = "missing-graceful-shutdown"
    why = "On deploy or scale-down the platform sends SIGTERM; a loop that ignores it is killed mid-message and loses or repeats work."
    fix = "Handle SIGTERM: set a stop flag in a signal.signal(signal.SIGTERM, ...) handler (or loop.add_signal_handler), finish the current message, commit, close."
    what_it_does = (
        "Checks that a worker running its own consume loop (Kafka, SQS, Redis, RabbitMQ, Pub/Sub, bots, "
        "`while True` polling) handles SIGTERM somewhere it reaches. Workers run by a framework that "
        "drains on SIGTERM itself (Celery, RQ (in `Worker.work()`; not a script taking the jobs itself in a loop of its own, `worker.dequeue_job_and_maintain_ttl(420)` or `Queue.dequeue_any(...)` then `worker.perform_job(...)`), Dramatiq, Huey, arq, python-telegram-bot's Updater (with `updater.idle()`) and Application, aiogram 3's Dispatcher, discord.py (through `bot.run(token)`, or `bot.start(token)` under `asyncio.run()`; not `loop.run_until_complete(bot.start(token))`), FastStream, pyrogram's `idle()` and `Client.run()`, aiorun's `run()`, loafer, `nameko run`, `kopf run`) pass, unless their own "
        "handling is switched off (`handle_signals=False` for arq and aiogram, `stop_signals=None` for "
        "python-telegram-bot) or the entrypoint also runs a `while True` loop of its own beside a bot or broker framework (a poller "
        "started next to the bot's polling, in a thread or gathered with it), which nothing stops (a task "
        "on the bot's own event loop, `bot.loop.create_task(poll())` in discord.py or `asyncio.create_task(poll())` in a python-telegram-bot or aiogram handler, ends with the bot). A SIGINT handler alone does not pass. "
        "A script that only a deployment file makes a worker (a Procfile `worker:` line, a Compose service "
        "that always restarts), with no consume loop of its own known, is not judged."
    )
    why_bad = (
        "Containers are stopped with SIGTERM and killed a few seconds later. Without a handler the "
        "process dies wherever it is: offsets not committed, messages half processed, connections not "
        "closed. Ctrl-C (SIGINT) handling does not help: the platform does not press Ctrl-C."
    )
    VALID = (
        Sample(
            "import signal\nfrom confluent_kafka import Consumer\n\nrunning = True\n\n\ndef stop(signum, frame):\n"
            "    global running\n    running = False\n\n\ndef main():\n    signal.signal(signal.SIGTERM, stop)\n"
            '    consumer = Consumer({"group.id": "g"})\n    while running:\n        msg = consumer.poll(1.0)\n'
            '    consumer.close()\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample('from celery import Celery\n\napp = Celery("tasks")\n', note="Celery drains on SIGTERM itself"),
    )
    INVALID = (
        Sample(
            "import signal\nfrom confluent_kafka import Consumer\n\n\ndef main():\n"
            '    signal.signal(signal.SIGINT, lambda *a: None)\n    consumer = Consumer({"group.id": "g"})\n'
            '    while True:\n        msg = consumer.poll(1.0)\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            "async def send_mail(ctx, to):\n    pass\n\n\nclass WorkerSettings:\n"
            "    functions = [send_mail]\n    handle_signals = False\n",
            note="arq would drain on SIGTERM, but its signal handling is switched off",
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if service.has_signal("sigterm"):
            return Outcome(True)
        if entrypoint.framework in KEPT_RUNNING:
            # a deployment file keeps it running, but no consume loop of its own is known (a
            # client library's run() may well stop on SIGTERM): nothing to judge
            return Outcome(True)
        if entrypoint.framework in SELF_DRAINING:
            switches = _SWITCHES.get(entrypoint.framework, frozenset())
            off = [(p, s) for p, s in service.signals("signals-off") if s.detail.rpartition(".")[2] in switches]
            if off:
                path, signal = off[0]
                return Outcome(
                    False,
                    f"{entrypoint.framework} drains on SIGTERM itself, but {path}:{signal.line} switches that off "
                    "(`handle_signals=False` / `stop_signals=None`) and nothing else handles SIGTERM",
                )
            # The framework stops its own consuming; a forever loop the entrypoint runs beside it
            # (`asyncio.gather(dp.start_polling(bot), poll_loop(bot))`) keeps the process up until
            # it is killed. Task queues run tasks, not loops of the entrypoint's own.
            if entrypoint.framework == "discord" and (started := _started_without_run(entrypoint, service)):
                return Outcome(
                    False,
                    f"`{started}()` runs the bot on an event loop of its own, without `run()`'s signal "
                    "handling, and nothing else handles SIGTERM: the bot is killed mid-event",
                )
            if entrypoint.framework == "python-telegram-bot" and (started := _polling_without_idle(service)):
                return Outcome(
                    False,
                    f"{started}() installs no SIGTERM handler (updater.idle() or Application.run_polling() "
                    "would) and nothing else handles SIGTERM: the bot is killed mid-update",
                )
            if entrypoint.framework == "rq" and (taken := rq_jobs_taken_by_hand(service.facts())):
                return Outcome(
                    False,
                    f"RQ's `Worker.work()` drains on SIGTERM, but {taken} takes the jobs itself, in a loop of its own "
                    "that never handles SIGTERM",
                )
            own = _own_sleep_loop(entrypoint, service) if entrypoint.framework in _RUNS_BESIDE else None
            if own is None:
                return Outcome(True)
            return Outcome(
                False,
                f"{entrypoint.framework} stops on SIGTERM, but the loop at {own} never does: the process "
                "is killed mid-iteration",
            )
        return Outcome(False, f"This {entrypoint.framework} worker runs its own loop and never handles SIGTERM")


# The calls (or arq's settings attribute) through which each framework is told not to handle
# SIGTERM itself; `web.run_app(..., handle_signals=False)` for a side server is not one of them.
_SWITCHES = {
    "arq": frozenset({"handle_signals", "run_worker", "Worker"}),
    "aiogram": frozenset({"start_polling", "run_polling"}),
    "python-telegram-bot": frozenset({"run_polling", "run_webhook", "idle"}),
}
# Bot and broker frameworks whose entrypoint may run loops of its own beside the framework's.
_RUNS_BESIDE = frozenset({"python-telegram-bot", "aiogram", "discord", "faststream"})


# python-telegram-bot's calls that install its own SIGTERM handling.
_PTB_STOPS_ON_SIGNAL = frozenset({"run_polling", "run_webhook", "idle"})


def _polling_without_idle(service: Service) -> str | None:
    """python-telegram-bot's ``updater.start_polling()`` (or ``start_webhook``) with no
    ``updater.idle()`` and no ``run_polling``/``run_webhook`` anywhere the entrypoint reaches: only
    those install the signal handlers that stop the bot."""
    methods = {call.rpartition(".")[2]: call for facts in service.facts() for call in facts.calls_made()}
    if methods.keys() & _PTB_STOPS_ON_SIGNAL:
        return None
    started = methods.get("start_polling") or methods.get("start_webhook")
    return started.lstrip(".") if started else None


def _started_without_run(entrypoint: Entrypoint, service: Service) -> str | None:
    """A discord.py bot of the entrypoint's file started with ``client.start(token)`` on an event
    loop the file runs itself (``loop.run_until_complete(client.start(TOKEN))``), its ``run()``
    never called: the signal handling is ``run()``'s. (discord.py 2's ``async with bot: await
    bot.start(token)`` under ``asyncio.run()`` is what its ``run()`` does.)"""
    facts = service.project.files[entrypoint.path]
    calls = set(facts.calls_made())
    if not any(call.endswith(".run_until_complete") for call in calls):
        return None
    classes = {name for name, base, _ in facts.classes if WORKER_CTORS.get(base) == "discord"}
    bots = {o.name for o in facts.objects if WORKER_CTORS.get(o.ctor) == "discord" or o.ctor in classes}
    for bot in sorted(bots):
        if f"{bot}.start" in calls and f"{bot}.run" not in calls:
            return f"{bot}.start"
    return None


# Bot frameworks that run their handlers on an asyncio event loop of their own, and close it on SIGTERM
_ASYNC_BOTS = frozenset({"discord", "python-telegram-bot", "aiogram"})


def _own_sleep_loop(entrypoint: Entrypoint, service: Service) -> str | None:
    """A `while True:` loop that sleeps between rounds, at module level in the entrypoint's own
    file or in a function it calls (not one a daemon thread or another module merely holds)."""
    project = service.project
    facts = project.files[entrypoint.path]
    for loop in facts.loops:
        if not loop.scope and loop.source in SLEEPS:
            return f"{entrypoint.path}:{loop.line}"
    calls = {c for f in facts.functions for c in f.calls} | {c for c, _, _ in facts.module_calls}
    if facts.main_guard is not None:
        calls |= set(facts.main_guard.calls)
    if not facts.sets_daemon:
        # `Thread(target=poll).start()`: a thread that outlives the bot (tasks are called in place)
        calls |= set(facts.started) - set(facts.loop_tasks)
    if entrypoint.framework in _ASYNC_BOTS:
        # (a task on the bot's own event loop, `asyncio.create_task(poll())` in discord.py's
        # `on_ready` or a python-telegram-bot command handler, ends with the bot's loop; also a
        # method's, `asyncio.create_task(alerts.run_alert_loop(chat_id))`)
        tasks = set(facts.loop_tasks)
        calls = {call for call in calls if call.rpartition(".")[2] not in tasks}
    for call in sorted(calls):
        found = project.function_and_home(entrypoint.path, call)
        if found is None:
            continue
        function, home = found
        for loop in project.files[home].loops:
            if loop.scope == function.name and loop.source in SLEEPS:
                return f"{home}:{loop.line}"
    return None


class MissingDryRun(ServiceRule):
    code = "RDY014"
    name = "missing-dry-run"
    why = (
        "A destructive job without a dry run cannot be checked before it acts: the first run on real data is the test."
    )
    fix = "Default to showing what would be deleted; act only with --apply (or honour --dry-run / DRY_RUN)."
    what_it_does = (
        "Checks that a job which deletes (rmtree, remove/unlink, rmdir/removedirs, an `rm -r` shell command, and deleting "
        "commands given to subprocess, `os.system` or a name bound to them, as a string or an argument "
        "list: `find -delete`, `restic forget`/`prune`, `borg prune`, `zfs destroy`, `kubectl delete`, "
        "`docker system prune`, `aws s3 rm`, `gsutil rm`, `dropdb`, `rsync --delete` (or `--remove-source-files`), unless the command carries its own "
        "`--dry-run`; SQL "
        "DELETE/DROP/TRUNCATE (also a statement later in an SQL script, after a comment or another statement's `;`; SQLAlchemy Core's `table.delete()` run on a connection, even when the table is filled again after), a branch deleted through PyGithub (`repo.get_git_ref(...)` then `ref.delete()`), ORM deletes including `row.delete()` on rows taken from a Django "
        "queryset (or `db.session.delete(row)` on rows a Flask-SQLAlchemy query returned) and a whole table's `Model.query.delete()`, SQLAlchemy's `drop_all()` (every table; also handed to an async engine's connection, `await conn.run_sync(Base.metadata.drop_all)`), MongoDB `delete_many`, object-store or HTTP DELETE calls (also `client.delete(url)` on a requests, httpx or aiohttp client; not a logout, the DELETE of a session, token or lock), files removed on an FTP or SFTP server (`ftplib`, `ftputil`, `pysftp`, paramiko) or from Dropbox (`dbx.files_delete_v2(path)`), the Docker SDK's removals (`remove()` of the containers, volumes or networks `client.containers.list()`, `client.volumes.list()` or `client.networks.list()` gives, `client.containers.get(cid).remove()`, `client.images.remove(image.id)`), boto3's batch deletion of a bucket's objects (`bucket.object_versions.delete()`, `bucket.objects.delete()`), AWS snapshot, image, volume and instance deletions (`ec2.delete_snapshot`, `deregister_image` and boto3's `image.deregister()`, `terminate_instances` and `ec2.instances.filter(...).terminate()`, `rds.delete_db_snapshot`, ECR's `batch_delete_image`), Lambda functions and versions (`delete_function(FunctionName=...)`), IAM access keys (`delete_access_key`), log groups, torrents removed with their files (transmission-rpc's `remove_torrent(id, delete_data=True)`, qbittorrent-api's `torrents_delete(delete_files=True)`), Elasticsearch `indices.delete` and Curator's `DeleteIndices(...).do_action()` (its `do_dry_run()`, run first whatever happens, reports and guards nothing), a Google Cloud client's `delete(...)` and `delete_*(...)` (`compute_v1.SnapshotsClient().delete(project=..., snapshot=...)`, `bigquery.Client().delete_table(table_id)`), "
        "Kubernetes deletions such as "
        "`delete_namespaced_job()` or the dynamic client's `delete(name=..., namespace=...)`) has a dry-run "
        "or explicit-apply guard somewhere it reaches: "
        'a `dry_run` (or `dry`) name, option or environment variable, boto3\'s `DryRun=` given anything but `False`, or an `--apply`/`--force`/`--confirm` flag (also one named for what it allows: `--force-recreate`), a deletion made only under a flag named for it that is off unless given (`if args.delete: os.remove(path)`, `if self.delete_local:`, `if DELETE_AFTER_UPLOAD:` read from the environment, `clean_logs = sys.argv[1] == "--clean"` or `if "--clean" in sys.argv:`, a parameter with no default or `delete_files=False`; also in a module-level function the file calls only under such a flag and hands nowhere, `if args.clean: remove_logs()`, unless another module that loads the file names it; not one bound to on or on unless the environment says otherwise (`getenv("CLEAN_OLD", "true") == "true"`, `... in ("1", "true")`, `... != "false"`), nor a test of the command line on unless an option is given or on otherwise too (`"--no-cleanup" not in sys.argv`, `"--clean" in sys.argv or today.day == 1`), `DELETE_AFTER_UPLOAD = True`, nor one carrying what to delete, `delete_keys=None`, nor a `--delete` option beside a deletion it does not guard), or a message a dry run reports instead of acting (`log.info(f\'Dry run: deleting {digest}\')`, `log.info(\'Would delete %s\', path)`; not one that goes on with \'but\'). '
        "Cleaning up temporary files or the job's own lock or pid file, or a directory the same function "
        "(or the script's own statements) creates as well (a working copy refreshed, a dated scratch "
        "directory made and removed), does not count as destructive; nor does a file the "
        'function wrote or downloaded itself (`open(path, "w")`, `tarfile.open(path, "w:gz")`, `path.write_text(...)`, `s3.download_file(b, k, path)`), uploaded or copied elsewhere '
        "(`shutil.copyfile`, `sftp.put(path)`, or its open file handed to a sending call: `bot.send_document(chat, f)`, `requests.put(url, data=f)`) before removing it, in the same block or one inside it and at the same loop "
        "depth (also in the module's own statements), unless the name was bound again in between or is an item of a loop over existing files "
        "(a file written or shipped in each branch of an `if`/`else` counts where they meet, and so does one shipped in a branch "
        "whose `else` returns; "
        "`if r.ok: put(dump)` then `os.remove(dump)` after it removes the dump whether or not it was shipped; a `try`'s "
        "`finally:` is read as the block of its `try`; `shutil.make_archive` writes the archive it names). "
        "So is a file a function of the same file made and returned, every value it returns being such a file or "
        "nothing (`tmp = NamedTemporaryFile(delete=False)`, also in a `with`, or `fd, path = mkstemp()`; or a path "
        "it wrote in the block it returns from), removed where its result was bound to a name holding nothing else "
        "but `None` or another such result (`pdf = self.download_pdf(url)` then `os.unlink(pdf)`; a method no "
        "subclass in the file redefines, of a class no module loading the file subclasses), or in a function every "
        "call of which in "
        "the file hands that parameter (not left at its default, nor unpacked from `*args`) such a result, a file "
        "the caller wrote itself or a lock "
        "or temporary file by its name (`path = download()` then `process(path)`, `df.to_csv(name)` then "
        "`delete_file(name)`, `atexit.register(unlink_quietly, lock_file)`) and which is handed nowhere else; where "
        "another module that loads the file names that function, it may be handed anything, and the deletion counts. "
        "Deletions count in the "
        "job's module and what it imports, not in modules a package `__init__` loads on the side (for a "
        "Django management command, not in the project's views either: `manage.py` runs the command's own "
        "code); a deletion inside a module-level function, or a method of a class with no bases (or only `object`), counts only "
        "where that function is called or handed on (`Thread(target=purge)`, a dispatch table, a tuple of "
        "steps, the class given to `fire.Fire`), not in a helper module's function the job never uses, "
        "nor in what another script's `__main__` block calls (it runs only where that script is run); "
        "`__init__`/`__exit__` count where the class is used, and a decorated function always counts (a "
        "framework may call it). A class-based view's or resource's HTTP method (`def delete(self, id):` of a "
        "Flask-RESTful `Resource`, a `MethodView`, a Django or DRF view, a Tornado `RequestHandler`) deletes what a "
        "request asks for, never counted for a job, though the job builds the app that serves it. An index deleted and created again in one function is rebuilt, not lost. A serverless function that HTTP requests call as well as a schedule or a queue is not judged as the event's job (a deletion in it may be what a request asked for)."
    )
    why_bad = (
        "Destructive automation goes wrong in the worst way: a wrong filter, a wrong environment, and "
        "the data is gone. Showing before acting, by default, turns those mistakes into a log line."
    )
    VALID = (
        Sample(
            "import argparse\nimport shutil\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
            '    parser.add_argument("--apply", action="store_true")\n    args = parser.parse_args()\n'
            "    for path in stale():\n        if args.apply:\n            shutil.rmtree(path)\n\n\n"
            'if __name__ == "__main__":\n    main()\n'
        ),
    )
    INVALID = (
        Sample(
            "import shutil\n\n\ndef main():\n    for path in stale():\n        shutil.rmtree(path)\n\n\n"
            'if __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'def main(conn):\n    conn.execute("DELETE FROM sessions WHERE expires < now()")\n\n\n'
            'if __name__ == "__main__":\n    main(connect())\n'
        ),
        Sample(
            "import subprocess\n\n\ndef main():\n"
            '    subprocess.run(["restic", "forget", "--prune", "--keep-daily", "7"], check=True)\n\n\n'
            'if __name__ == "__main__":\n    main()\n'
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if service.serves_requests:
            # (in a function HTTP requests call too, a deletion may be what a request asked for:
            # the api's, not the event job's)
            return Outcome(True, applicable=False)
        destructive = service.called_signals("destructive")
        guarded = service.called_signals(GUARDED_DELETION)
        for path, signal in service.called_signals(SCRATCH_DELETION, FLAGGED_CALL_DELETION):
            # (a scratch file every call in its own file hands the function, or a function its own
            # file calls only under a delete option: a deletion where another module may hand the
            # function anything or call it unguarded, see `_reached_elsewhere`)
            if _reached_elsewhere(service.project, path, signal.scope):
                destructive.append((path, signal))
            elif signal.kind == FLAGGED_CALL_DELETION:
                guarded.append((path, signal))
        if not destructive and guarded:
            return Outcome(True)  # (every deletion made only under an option named for it: `if args.delete:`)
        if not destructive:  # nothing destructive: nothing to guard
            return Outcome(True, applicable=False)
        if service.has_signal("dry-run"):
            return Outcome(True)
        path, signal = destructive[0]
        return Outcome(False, f"Deletes ({signal.detail} at {path}:{signal.line}) with no dry-run or --apply guard")


def _reached_elsewhere(project: Project, path: str, scope: str) -> bool:
    """Whether another module that loads ``path`` (directly or through a package's `__init__`,
    not a test's) names the function ``scope``, and may call it with anything; for a method
    (`Class.method`), whether one subclasses its class, whose own may return another file
    (`class DropFolder(Importer):`)."""
    name = scope.partition(".")[0]
    if "." in scope:
        named: Iterable[str] = [
            other
            for other, facts in project.files.items()
            if any(b.rpartition(".")[2] == name for _, b, _ in facts.classes)
        ]
    else:
        named = project.name_index.get(name, frozenset())
    return any(
        other != path and not project.files[other].is_test and path in project.reach_from(other) for other in named
    )
