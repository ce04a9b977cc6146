"""RDY006 missing-exit-code."""

from __future__ import annotations

import re

from readiness_lint import names as n
from readiness_lint.checks.base import Outcome, Sample, ServiceRule
from readiness_lint.frameworks import EXIT_CALLS, is_http_write
from readiness_lint.model import Entrypoint, FileFacts, FunctionFact, MainGuardFact
from readiness_lint.project import Project, Service

_CLI_FRAMEWORKS = frozenset({"click", "typer", "fire", "flask-cli"})
# Scheduler processes started from their file's `__main__` block: its exit status is theirs.
_GUARDED_SCHEDULERS = frozenset({"schedule", "apscheduler", "crython"})
# The decorators that make a function a pipeline's step, by orchestrator: Airflow's TaskFlow
# (`@task`, `@task()`, `@task.python`), Dagster's ops, assets and the jobs and graphs built of them
_PIPELINE_STEPS = {
    "airflow": ("airflow.decorators.task", "airflow.sdk.task"),
    "dagster": ("dagster.op", "dagster.asset", "dagster.multi_asset", "dagster.job", "dagster.graph"),
}
# ... the same followed by a decorator's attribute (`@task.python`), and what each calls a step
_PIPELINE_STEP_PREFIXES = {name: tuple(f"{d}." for d in steps) for name, steps in _PIPELINE_STEPS.items()}
_PIPELINE_STEP_NAMES = {"airflow": "task", "dagster": "op"}


def _pipeline_tasks(entrypoint: Entrypoint, facts: FileFacts, project: Project) -> tuple[str, ...]:
    """The functions an Airflow DAG's or a Dagster schedule's file has the orchestrator run: the
    callables handed to its operators (``PythonOperator(python_callable=load)``), and the functions
    defined there or imported from the project that are decorated as steps (``@task``, ``@op``,
    ``@job``, whose ops are its steps)."""
    steps = _PIPELINE_STEPS.get(entrypoint.framework)
    if steps is None:
        return ()
    prefixes = _PIPELINE_STEP_PREFIXES[entrypoint.framework]
    names = list(facts.dag_tasks)
    imported = [f"{imp.module}.{imp.name}" for imp in facts.imports if imp.name and not imp.level]
    # (a module of steps imported whole: `from quotes import assets`, `load_assets_from_modules([assets])`)
    for module in list(imported):
        home = project.resolve_module(entrypoint.path, module)
        if home is not None:
            imported.extend(f"{module}.{f.name}" for f in project.files[home].functions)
    for name in [f.name for f in facts.functions] + imported:
        found = project.function_and_home(entrypoint.path, name)
        if found is not None and any(d in steps or d.startswith(prefixes) for d in found[0].decorators):
            names.append(name)
    return tuple(dict.fromkeys(names))


class MissingExitCode(ServiceRule):
    code = "RDY006"
    name = "missing-exit-code"
    why = "A job that fails with exit status 0 looks successful to cron, Kubernetes and CI: nobody is told and nothing retries."
    fix = "Let failures propagate, or end with sys.exit(main()) where main() returns non-zero on failure."
    what_it_does = (
        "Checks that a job's failure reaches its exit status: the `__main__` block must not drop the "
        "status `main()` returns, must not pass on a status that is always 0 (`sys.exit(main())` where `main()` "
        "catches every failure and returns 0), must not swallow every exception, must not call `sys.exit()` "
        "(or the builtins `exit()` and `quit()`) or `raise SystemExit()` without a status after an error (logged, or printed in words that say so: "
        '`print("path does not exist"); sys.exit()`; a printed usage text is not an error; a function '
        "it calls, in any module of the project, may not either once it has logged an error: a warning, "
        "or a skip because another run is still going or there is nothing to do, is no error), nor exit "
        'with status 0 written out from a catch-all that reports a failure (`except Exception as e: print(f"Error: {e}"); '
        "sys.exit(0)`), "
        "nor hand a Kafka producer a delivery callback that only prints or logs a failed delivery "
        "(`producer.produce(topic, value, callback=report)`), "
        "nor run a function of its file that logs an error and returns nothing "
        '(`if not es.ping(): log.fatal("unreachable"); return`; or ends in an `else:` that only logs an error or prints one in words, `if config: ... else: log.error("no config")` (also inside a `with` block that ends the function), also through a logger a project module keeps, `from utils import log`; or a print in words that say so, `print(f"Backup directory not found: {d}"); return` (or a setting missing, `"token must not be none!"`), not one saying what is done instead, `"... not found, using the default settings"`; a warning is not an error), '
        "and must not drop the exit status of the commands it runs "
        "(`os.system()`, `subprocess.call()`, Luigi's `luigi.build(tasks)` (False when a task failed), `subprocess.run()` without `check=`, a process started and "
        "waited for in one expression, `subprocess.Popen(...).communicate()`, or a process kept in a name (or a `with` "
        "block's) whose output is taken, `p.communicate()` (also `r = subprocess.run(...)` without `check=`, then "
        "`r.stdout`), and whose status is never read, nor the process handed on or "
        "stopped by the job, nor its output tested to fail) at module level, in "
        "the `__main__` block or in the functions it calls, in its file or other modules of the project; "
        "a status kept in a name and then only printed or logged is dropped as well (`rc = os.system(cmd)`, "
        "`code = proc.wait()`, and an HTTP write's response: `r = requests.post(...)` with only "
        "`print(r.status_code)` after it (also a response a function of the file hands back, "
        "`r = update_record(ip)` where it ends `return response`), or a `requests.post(url, json=rows)` whose response is thrown "
        "away whole, outside an exception handler; not where a response hook sees every response, nor a post to a "
        "chat or webhook URL or a push-notification service such as Pushover or ntfy, which only tells "
        "someone). "
        "A function the job calls, or one up to three steps further down (`main()` -> `sync()` -> "
        "`fetch()`, also `asyncio.run(sync())`), loses the failure too when a "
        "handler only prints, logs, sends an alert about, or writes as an error line into the job's own output (`f.write(f\"[!] {symbol} - Error: {e}\")`; not a rejected row kept for someone, `rejects.writerow([key, str(e)])`) the work's own error (a failed command; an error of requests, "
        "httpx, aiohttp, urllib, boto, smtplib, ftplib, paramiko, Google API clients, ccxt, Redis or a database driver, "
        "or the OS error an SFTP or FTP client raises on a removal or a transfer, `except IOError:` around "
        "`sftp.remove(path)` (not around a probe, `sftp.stat(path)`, or `sftp.mkdir(path)`); but not a "
        "duplicate row or table skipped on purpose) and carries on, reports an error and returns with no value "
        "from a function that returns nothing else (`except subprocess.SubprocessError: log.exception(...); return`; "
        "not a warning that skips an optional step), or returns an "
        "empty result (`return []`, `return 0`: the caller cannot tell the failure from nothing to do), or a step reports "
        'the failure and returns it as a value (`return False`, `return {"status": "error"}`, '
        "`return False, message`; `return None` where it otherwise returns something; `return []` after a "
        "failed response's status, `if r.status_code != 200: print(r.text); return []`; the statements after "
        "`if r.status_code == 200: return True` with no `else` are the failure's branch) that its caller drops, "
        "loops over as it is (`for task in tasks:`: an empty list read as nothing to do), "
        "or a step hands back a command's status (`return result.returncode`, also first of a tuple) that its "
        "caller drops (`run_cmd(cmd)`, `_, out, _ = run_cmd(cmd)`), "
        'or tests and then only reports (`if result["status"] == "success": ... else: log.error(...)`, '
        "`if rows: ...` with no else), or a catch-all in a loop only "
        "reports each item's failure (also counting it, `failed += 1`, where the count is itself only reported) (unless a non-zero exit follows the loop: `sys.exit(1)` when some "
        "failed), or a retry loop (`while tries > 0:`, `for attempt in range(n)` that backs off or breaks "
        "out) only counts, waits or reports each attempt and falls out when it gives up (unless the "
        "function then raises, exits or returns a value its caller can check). A short function of the "
        "file named for reporting that only prints or logs what it is given (`def log(level, msg): print(json.dumps(...))`) "
        "reports like `print` (`log('info', ...)` only notes). A function the job calls whose decorator, "
        "a function of the project, wraps it in a catch-all that reports an error and neither raises, exits nor "
        "calls it again (`@send_mail_on_error`: `try: return func(*args, **kwargs)` / `except Exception as e: "
        "send_mail(e)`; not a retry, nor a best-effort step that only warns) loses every failure. Methods "
        "count like functions: called on an instance (`Backup().run()`, `b = Backup(); b.run()`; a class that does its "
        "work as it is built, `Crn()`, by its `__init__`) or "
        "through `self` (unless a subclass overrides them), defined by the class or inherited from a "
        "project base class; a Django "
        "management command answers for what its `handle()` loses, a command's status it drops included (reporting through "
        "`self.stdout.write` counts as reporting). A result the `__main__` block keeps but never "
        "checks (`rates = fetch(); print(rates)`, in a block that never raises) is dropped too. Helpers "
        "that release resources (`close()`, `disconnect()`, `shutdown()`) are not the job's work either. In the "
        "job's own module, a failed HTTP or command status that is only printed "
        "(`if r.status_code == 200: ... else: print(...)`, unless `raise_for_status()` follows), or tested "
        "for success only by a function's last statement outside a loop (`if r.status_code == 200: save(r.text)` "
        'and nothing after it; for an HTTP write also when that branch only reports, `if res.ok: print("changed")`), and a '
        "catch-all that passes count as well (not one around a step that only reads, converts or formats values, which answers a missing key or a malformed value with a default or with nothing, reported or not: `try: return self.items[key]` / `except: return None`, `try: return ', '.join(parts)` / `except Exception as e: log.warning(e); return ''`; "
        "not one logging an error). Helpers that notify someone (`alert()`, `notify()`, `send_success_email()`, "
        "`send_slack()`) are not the job's work, unless telling is all it does (`send_email()` the one call of the `__main__` block or the script besides printing and setting the run up: logging, a `setup_logging()` of the project's, settings from the environment; or the one job of a `schedule` process). A `schedule` process answers for the commands its "
        "jobs run and for what they lose (its `run_pending()` lets a job's exception out: a job that catches and "
        "only reports keeps the process going as if all were well; not one that reports to an "
        "error tracker, `sentry_sdk.capture_exception(e)`); APScheduler logs a job's exception and "
        "carries on, so its jobs do not count. An Airflow DAG answers for the tasks it runs "
        "(`PythonOperator(python_callable=load)`, a function decorated with `@task` in the file or imported into it), and a Dagster "
        "schedule's or definitions' file for the ops, assets, jobs and graphs it defines or imports (`@op`, `@job`; "
        "also from a module imported whole, `load_assets_from_modules([assets])`): "
        "the orchestrator marks a step done when its function returns, so one that catches its work's failure and "
        "only reports it (`context.log.error(...)` reports too), or drops a command's status, succeeds. "
        "`sys.exit(main())` (also a console script's installed wrapper, and a script's own module-level `sys.exit(main())`) passes on the status `main()` returns, but a step of `main()` that reports the "
        "work's failure and carries on still loses it, as does a `main()` that returns nothing after catching one (`sys.exit(None)` is status 0), "
        "and so does a retry that waits on one error "
        '(`if "locked" in str(e): time.sleep(d); continue`) and raises the others: the last attempt falls out silently. '
        "A status a script's own statements test is not dropped where the script exits with a failure status of its own after the test (also an uncaught `raise`, or a helper of the file exiting with a status, `die(msg, code=1)`) "
        "(`code = attempt(t)`, `if code == 0: sys.exit(0)`, then `sys.exit(2)` once every attempt failed). A click, "
        'typer or fire command, and a command of Flask\'s command line (`@app.cli.command("init-db")`), exits 1 on an exception by itself: it fails only when it, or a step it calls, catches every '
        "failure and carries on (each command registered on a click group, a typer app or Flask's `FlaskGroup` the `__main__` block "
        'runs counts). A `shutil.rmtree(path, onerror=...)` whose callback only logs what failed loses it too. A `sys.exit()` in a handler for `KeyboardInterrupt` alone is a stop by hand, not a failure. A non-zero exit only in the check of the command line or the input before the work (`if len(sys.argv) != 2: print(usage); sys.exit(1)`, `if not prefix: raise SystemExit("no prefix")`) says nothing of how the work went. An AWS Lambda handler, an Azure Function, a Chalice app\'s function and a Google Cloud Function have no exit status and are not judged.'
    )
    why_bad = (
        "Schedulers judge a run by its exit status. A job that catches everything and returns "
        "normally, or computes a status and throws it away, fails silently: the data is missing "
        "and every dashboard is green."
    )
    VALID = (
        Sample(
            'import sys\n\n\ndef main() -> int:\n    try:\n        run()\n    except Exception:\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        ),
        Sample(
            "import functools\n\n\ndef mail_on_error(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
            "        try:\n            return func(*args, **kwargs)\n        except Exception as error:\n"
            "            send_mail(str(error))\n            raise\n\n    return wrapper\n\n\n@mail_on_error\ndef main():\n"
            '    load()\n\n\nif __name__ == "__main__":\n    main()\n',
            note="the decorator mails the failure and raises it again",
        ),
        Sample(
            'def main():\n    run()\n\n\nif __name__ == "__main__":\n    main()\n',
            note="an uncaught exception exits with status 1",
        ),
        Sample(
            'import logging\n\nif __name__ == "__main__":\n    try:\n        run()\n    except Exception:\n        logging.exception("run failed")\n        raise\n'
        ),
        Sample(
            'import subprocess\n\n\ndef backup():\n    subprocess.run(["pg_dump", "shop"], check=True)\n\n\nif __name__ == "__main__":\n    backup()\n'
        ),
        Sample(
            'import os\nimport sys\n\nif __name__ == "__main__":\n    status = os.system("pg_dump shop > /backups/shop.sql")\n    sys.exit(1 if status else 0)\n',
            note="the status is kept and passed on",
        ),
        Sample(
            'import subprocess\n\nif __name__ == "__main__":\n    subprocess.run(["notify-send", "backup done"], check=False)\n    run()\n',
            note="check=False says the status does not matter",
        ),
        Sample(
            'import requests\n\n\ndef main():\n    r = requests.get("https://api.example.com/export", timeout=10)\n    if not r.ok:\n        print("export failed", r.status_code)\n    r.raise_for_status()\n    save(r.json())\n\n\nif __name__ == "__main__":\n    main()\n',
            note="the failed status is reported, then raised",
        ),
        Sample(
            'import sqlite3\n\n\ndef main(rows):\n    db = sqlite3.connect("jobs.db")\n    for row in rows:\n        try:\n            db.execute("INSERT INTO jobs VALUES (?)", row)\n        except sqlite3.IntegrityError:\n            continue\n\n\nif __name__ == "__main__":\n    main([])\n',
            note="a duplicate row skipped on purpose is not a failure",
        ),
        Sample(
            'import logging\nimport subprocess\nimport sys\n\n\ndef dump(db):\n    try:\n        subprocess.run(["pg_dump", db], check=True)\n    except subprocess.CalledProcessError as error:\n        logging.error("dump of %s failed: %s", db, error)\n        return False\n    return True\n\n\ndef main():\n    failed = [db for db in ("shop", "users") if not dump(db)]\n    return 1 if failed else 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
            note="the failures returned as False are counted into the exit status",
        ),
        Sample(
            'import requests\n\nif __name__ == "__main__":\n    r = requests.post("https://ci.example.com/job/build", timeout=10)\n    print("triggered:", r.status_code)\n    r.raise_for_status()\n',
            note="printed, then checked",
        ),
    )
    INVALID = (
        Sample(
            'def main():\n    try:\n        run()\n    except Exception:\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import logging\n\n\ndef main():\n    try:\n        run()\n    except Exception:\n        logging.exception("run failed")\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import sys\n\nif __name__ == "__main__":\n    try:\n        run()\n    except Exception as exc:\n        print(exc)\n        sys.exit()\n'
        ),
        Sample(
            'import os\n\n\ndef backup():\n    os.system("pg_dump shop > /backups/shop.sql")\n\n\nif __name__ == "__main__":\n    backup()\n'
        ),
        Sample(
            'import subprocess\n\nif __name__ == "__main__":\n    subprocess.run(["rsync", "-a", "data/", "backup:data/"])\n'
        ),
        Sample(
            'import requests\n\n\ndef main():\n    r = requests.get("https://api.example.com/export", timeout=10)\n    if r.status_code == 200:\n        save(r.json())\n    else:\n        print("export failed", r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import psycopg2\n\n\ndef main():\n    try:\n        load(psycopg2.connect(""))\n    except psycopg2.OperationalError as error:\n        print("database not reachable", error)\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import logging\nimport subprocess\n\n\ndef dump(db):\n    try:\n        subprocess.run(["pg_dump", db], check=True)\n    except subprocess.CalledProcessError as error:\n        logging.error("dump of %s failed: %s", db, error)\n        return False\n    return True\n\n\ndef main():\n    for db in ("shop", "users"):\n        if not dump(db):\n            logging.warning("skipping %s", db)\n\n\nif __name__ == "__main__":\n    main()\n',
            note="the failure comes back as False and the caller only reports it",
        ),
        Sample(
            'import requests\n\nif __name__ == "__main__":\n    r = requests.post("https://ci.example.com/job/build", timeout=10)\n    print("triggered:", r.status_code)\n',
            note="the response's status is only printed",
        ),
        Sample(
            'import requests\n\n\ndef main():\n    r = requests.get("https://shop.example.com/health", timeout=10)\n    if r.status_code == 200:\n        return True\n    print("shop is down:", r.status_code)\n    return False\n\n\nif __name__ == "__main__":\n    main()\n',
            note="the failure, after a success branch that returns, comes back as False and is dropped",
        ),
        Sample(
            "import functools\n\n\ndef mail_on_error(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
            "        try:\n            return func(*args, **kwargs)\n        except Exception as error:\n"
            "            send_mail(str(error))\n\n    return wrapper\n\n\n@mail_on_error\ndef main():\n    load()\n\n\n"
            'if __name__ == "__main__":\n    main()\n',
            note="the decorator mails the failure and returns None: the process exits 0",
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if entrypoint.framework in {"aws-lambda", "azure-functions", "chalice", "cloud-functions", "modal"}:
            return Outcome(True, applicable=False)  # an invocation ends with a result or an error, no exit status
        facts = service.project.files[entrypoint.path]
        if entrypoint.framework in _CLI_FRAMEWORKS:
            # click, typer and fire exit 1 on an exception and ignore what the command returns
            # (`return 1` exits 0): a command that catches every failure and does not exit with a
            # status (`sys.exit(1)`, `ctx.exit(1)`) ends with status 0.
            guard = facts.main_guard
            local = {f.name: f for f in facts.functions}
            # (`cli()` runs the commands registered on the group: each may run)
            run = [*guard.calls, *(c for c in facts.commands if c not in guard.calls)] if guard is not None else []
            if entrypoint.symbol in local and entrypoint.symbol not in run:
                run.append(entrypoint.symbol)  # (a console script's command, run by the installed wrapper)
            if entrypoint.framework == "flask-cli":  # (`flask init-db`: Flask's command line runs each)
                run = list(service.commands)
            for call in run:
                command = local.get(call)
                if command is None or command.exits_nonzero:
                    continue
                if command.swallows:
                    return Outcome(False, _swallowed(call))
                if command.returns_nonzero:
                    return Outcome(
                        False,
                        f"`{call}()` returns a failure status, which {entrypoint.framework} ignores: the process exits 0",
                    )
                # (a step that catches and reports the work's failure never lets it reach the framework)
                lost = _lost_failure((call,), entrypoint.path, service.project, "command")
                if lost is not None:
                    return Outcome(False, lost)
            return Outcome(True)
        symbol = entrypoint.symbol
        if entrypoint.framework == "django-command":
            # `manage.py <command>` runs `handle()`: a failure it only reports ends with status 0,
            # as does a command's status it drops (`subprocess.call("pg_dump ...", shell=True)`).
            # (in `handle()` and the methods and functions of the command's own file it calls,
            # `self.dump()`: what the framework runs further is its own tooling, a formatter run
            # on the files written, `subprocess.run([black, ...])`)
            handle = (f"{symbol}.handle",)
            lost = _ignored_status((), handle, entrypoint.path, service.project, same_file=True) or _lost_failure(
                handle, entrypoint.path, service.project, "command"
            )
            return Outcome(False, lost) if lost is not None else Outcome(True)
        tasks = _pipeline_tasks(entrypoint, facts, service.project)
        if tasks:
            # Airflow and Dagster mark a task or an op done when its function returns, whatever it
            # returns: one that catches its work's failure and only reports it, or drops a
            # command's status, succeeds, and the next step runs
            step = _PIPELINE_STEP_NAMES[entrypoint.framework]
            lost = _ignored_status((), tasks, entrypoint.path, service.project) or _lost_failure(
                tasks, entrypoint.path, service.project, step, frozenset()
            )
            if lost is None:
                return Outcome(True)
            # (the message's consequence, after its last colon, told in the orchestrator's terms)
            what = lost.rpartition(": ")[0] or lost
            return Outcome(False, f"{what}: {entrypoint.framework.capitalize()} marks the failed {step} a success")
        guard = facts.main_guard
        if symbol == "script" or (guard is None and entrypoint.framework in _GUARDED_SCHEDULERS):
            # What running the file does: its module-level statements, and for a scheduler process
            # at module level the functions it schedules.
            if facts.script_swallows:
                return Outcome(
                    False, "The script catches or reports a failure and ends normally: a failure exits with status 0"
                )
            if (zero := _exits_with_zero(facts.script_exit_values, {f.name: f for f in facts.functions})) is not None:
                return Outcome(False, zero)
            # (the script's own `sys.exit(main())`: a step of `main()` that reports the work's failure
            # and carries on loses it, as under `__main__`)
            lost = _lost_failure(
                facts.script_exit_values, entrypoint.path, service.project, "script", frozenset(), passed_on=True
            )
            if lost is not None:
                return Outcome(False, lost)
            calls = tuple(name for name, _, _ in facts.module_calls)
            scheduled = _scheduled_jobs(entrypoint, facts, calls)  # (see below)
            calls += scheduled
            ignored = _ignored_status(
                facts.script_ignored_statuses, calls, entrypoint.path, service.project, "", facts.scheduled
            )
            if ignored is not None:
                return Outcome(False, ignored)
            sole = _sole_call(calls)  # (the script's one statement sends the mail)
            # (a status the script tests is not dropped: `code = attempt_once(t)`, `if code == 0: sys.exit(0)`)
            values = frozenset(calls) - set(facts.script_results_tested)
            lost = _lost_failure(
                calls, entrypoint.path, service.project, "script", values, scheduled=scheduled, sole=sole
            )
            return Outcome(False, lost) if lost is not None else Outcome(True)
        local = {f.name: f for f in facts.functions}
        if symbol in local and symbol != "__main__":
            # A console script: the installed wrapper exits with what the function returns.
            script = local[symbol]
            if script.swallows and not script.returns_nonzero and not script.exits_nonzero:
                return Outcome(False, _swallowed(symbol))
            ignored = _ignored_status((), (symbol,), entrypoint.path, service.project)
            if ignored is not None:
                return Outcome(False, ignored)
            # (the wrapper's `sys.exit(main())` passes on what it returns; a step of it that
            # reports the work's failure and carries on still loses it, as under `__main__`)
            lost = _lost_failure(
                (symbol,), entrypoint.path, service.project, "console script", frozenset(), passed_on=True
            )
            return Outcome(False, lost) if lost is not None else Outcome(True)
        if guard is None or (symbol != "__main__" and entrypoint.framework not in _GUARDED_SCHEDULERS):
            return Outcome(True)
        if guard.exit_without_status:
            return Outcome(False, "`sys.exit()` without a status after an error: the failure exits with status 0")
        if guard.swallows:
            return Outcome(
                False, "The `__main__` block catches every exception and ends normally: a failure exits with status 0"
            )
        # A `schedule` process runs its jobs' functions: a command whose status they drop fails
        # unseen. (A job that logs its failure and waits for the next round is how a scheduler
        # that must not die works: that is left to heartbeats and metrics.)
        ignored = _ignored_status(
            guard.ignored_statuses, guard.calls, entrypoint.path, service.project, scheduled=facts.scheduled
        )
        if ignored is not None:
            return Outcome(False, ignored)
        if guard.exits_with_value:
            zero = _exits_with_zero(guard.exit_values, local)
            if zero is not None:
                return Outcome(False, zero)
            # (`sys.exit(main())` passes on the status `main()` returns; a step of it that reports
            # the work's failure and carries on still loses it)
            lost = _lost_failure(
                guard.exit_values, entrypoint.path, service.project, "`__main__` block", frozenset(), passed_on=True
            )
            if lost is None and not guard.exit_values:
                # (a status of its own after a failure, `except Exception as e: alert(e); sys.exit(1)`:
                # what the work it runs only reports and carries on from never reaches that handler)
                dropped = tuple(c for c in guard.dropped_calls if c not in EXIT_CALLS)
                lost = _lost_failure(dropped, entrypoint.path, service.project, "`__main__` block", frozenset())
            return Outcome(False, lost) if lost is not None else Outcome(True)
        # (`rates = parse_rates()` then `print(rates)`: a result kept but never checked is dropped too)
        called = guard.dropped_calls if guard.raises else tuple(dict.fromkeys(guard.dropped_calls + guard.calls))
        called += tuple(c for c in guard.results_unchecked if c not in called)
        # A failure handed back as a value is lost where the block drops the result, keeps it
        # unchecked or only reports it; not where it tests it and acts (`if not backup(): die()`).
        values = frozenset(
            c
            for c in called
            if (c in guard.results_unchecked or c not in guard.results_tested)
            and not _none_handed_on(c, guard, entrypoint.path, service.project)
        )
        if entrypoint.framework in _GUARDED_SCHEDULERS:
            # (a scheduler's process never ends: a failure a job hands back is left to heartbeats)
            values = frozenset()
        scheduled = _scheduled_jobs(entrypoint, facts, called)
        called += scheduled
        # (`if __name__ == "__main__": send_email()`: the mail is the whole work, not a note about it)
        sole = _sole_call(guard.calls + scheduled)
        lost = _lost_failure(called, entrypoint.path, service.project, "`__main__` block", values, scheduled, sole)
        return Outcome(False, lost) if lost is not None else Outcome(True)


def _sole_call(calls: tuple[str, ...]) -> str:
    """The one call of a `__main__` block or a script besides printing and setting the run up
    (logging, settings from the environment, the command line), or ``""``."""
    work = [
        c
        for c in calls
        if c != "print"
        and not c.startswith(_SET_UP_PREFIXES)
        and not _LOG_SET_UP.fullmatch(c.rpartition(".")[2])
        # (a `schedule` process's own machinery: `schedule.every().day.at("08:00").do(send_email)`,
        # `schedule.run_pending()`, `time.sleep(60)`; its one job is then the work)
        and not c.startswith(_SCHEDULER_PREFIXES)
        # (nor what shapes the input: `message = sys.stdin.read()`, `if message.strip():`)
        and not ("." in c and c.rpartition(".")[2] in _TEXT_METHODS)
    ]
    return work[0] if len(work) == 1 else ""


_TEXT_METHODS = frozenset({"strip", "rstrip", "lstrip", "lower", "upper", "split", "splitlines", "join", "format"})


# A project's own logging set-up helper, by its name: `setup_logging()`, `configure_logger()`, `init_logs()`
_LOG_SET_UP = re.compile(
    r"_?(?:setup|set_up|configure|config|init|initialize)_?(?:logging|logger|logs?)", re.IGNORECASE
)


_SCHEDULER_PREFIXES = ("schedule.", "aioschedule.", "time.sleep", "asyncio.sleep")
_SET_UP_PREFIXES = (
    "logging.",
    "dotenv.",
    "load_dotenv",
    "os.getenv",
    "os.environ",
    "argparse.",
    "parser.",
    "sys.stdin.",
)


def _none_handed_on(call: str, guard: MainGuardFact, path: str, project: Project) -> bool:
    """``data = fetch_data(url)`` then ``parse(data)``, where ``fetch_data()`` hands back ``None`` on
    failure and ``parse()`` is the project's own next step: it fails on it (a ``TypeError``, exit
    status 1) more likely than it passes (not a library's, `json.dump(data, f)`, which takes ``None``)."""
    if call in guard.results_unchecked:
        return False
    receivers = [r for c, _, r in (h.partition(">") for h in guard.results_handed) if c == call]
    if not any(project.function_and_home(path, r) is not None for r in receivers):
        return False
    found = project.function_and_home(path, call)
    return found is not None and found[0].fails_with_none


def _scheduled_jobs(entrypoint: Entrypoint, facts: FileFacts, called: tuple[str, ...]) -> tuple[str, ...]:
    """The jobs a `schedule` process runs, beside what it calls itself. `schedule` lets a job's
    exception out of `run_pending()`: the process stops with status 1. A job that catches its
    failure and only reports it keeps the process going as if all were well. (APScheduler
    catches and logs every job's exception itself: its jobs do not count.)"""
    if entrypoint.framework != "schedule":
        return ()
    return tuple(c for c in facts.scheduled if c not in called)


def _lost_failure(
    dropped: tuple[str, ...],
    path: str,
    project: Project,
    caller: str,
    values: frozenset[str] | None = None,
    scheduled: tuple[str, ...] = (),
    sole: str = "",
    passed_on: bool = False,
) -> str | None:
    """A function of the project, called with its result dropped, that returns a failure status
    or reports a failure and returns normally; or one it calls as a step of its own that reports
    the failure of the work and carries on. Another module's function counts for what it loses of
    the work itself (a handler that only logs), not for a catch-all that passes or a status it
    only prints; notification helpers (`alert()`, `notify()`) never count: failing to tell
    someone is not the job failing, unless telling is all the job does (``sole``: the one call the
    ``__main__`` block makes, ``send_email()``). ``values``: the calls whose returned value is
    dropped (all of ``dropped`` when not given)."""
    for call in dropped:
        # (`Crn()` dropped: the class does its work as it is built, in `__init__`)
        found = project.function_and_home(path, call) or project.constructor(path, call)
        name = call.rpartition(".")[2]
        if found is None or (_auxiliary(name) and call != sole):
            continue
        function, home = found
        local = home == path
        if (wrapper := _catch_all_decorator(function, home, project)) is not None:
            return (
                f"`@{wrapper}` catches every failure of `{name}()` and returns normally: a failure exits with status 0"
            )
        # The function itself (depth 0), then its steps further down: `main()` -> `load_rows()` -> `fetch_page()`
        # (a call whose result its caller tests, `if is_day_off(...)`, answers for itself: only the
        # steps it takes are read, `sync_calendar()` that logs a failure and goes on)
        frontier: list[tuple[str, str, int, FunctionFact | None, bool]] = [(path, call, 0, None, False)]
        seen: set[tuple[str, str, bool]] = set()
        while frontier:
            where, inner, depth, parent, tested = frontier.pop(0)
            # (one a step drops as well as tests, `export_json()` calling `upload()` for nothing, is read as dropped)
            if (where, inner, tested) in seen:
                continue
            seen.add((where, inner, tested))
            deeper = project.function_and_home(where, inner)
            if deeper is None and depth == 0:
                deeper = project.constructor(where, inner)
            inner_name = inner.rpartition(".")[2]
            if deeper is None or (_auxiliary(inner_name) and (depth > 0 or call != sole)):
                continue
            helper, helper_home = deeper
            # (a scheduled job that reports to an error tracker, `sentry_sdk.capture_exception(e)`:
            # its own failure is seen; the steps it calls are still read)
            if not tested and not (depth == 0 and call in scheduled and _tells(helper)):
                if helper.exits_zero_on_error:
                    return f"`{inner_name}()` exits with status 0 after an error: the failure is lost"
                # (under `sys.exit(main())`, a catch-all of `main()` itself answers through the status
                # it returns, judged by `_exits_with_zero`; its steps and the values it drops are read)
                # (not one that returns nothing whatever it caught: `sys.exit(None)` is status 0)
                own = depth == 0 and passed_on and (helper.returns_value or helper.returns_nonzero)
                # (`return []` after a report, where the caller tests the result and acts: `if not
                # orders: return 1` tells the failure from nothing to do)
                told = helper.fails_empty_only and (
                    (parent is not None and inner in parent.results_tested and inner not in parent.results_unchecked)
                    or (depth == 0 and values is not None and call not in values)
                )
                lost_here = helper.loses_failure and not own and not told
                if lost_here or (helper.status_unchecked and helper_home == where):
                    return _swallowed(inner_name)
                if depth == 0 and call == sole and _auxiliary(name) and helper.ignored_statuses:
                    # (`send_telegram(message)` the script's one call: a post to the chat whose
                    # answer nobody reads is the whole job, failing quietly)
                    return (
                        f"`{name}()` is all this job does, and the status of `{helper.ignored_statuses[0]}()`'s "
                        "response is never checked: a failed send exits 0"
                    )
                if depth == 0 and helper.returns_failure and (values is None or call in values):
                    return f"`{name}()` returns a failure as a value that the {caller} drops: the process exits 0"
                lost = _value_lost(helper, inner_name, helper_home, project)
                if lost is not None:
                    return lost
            if depth < _STEP_DEPTH:
                frontier.extend((helper_home, step, depth + 1, helper, False) for step in helper.steps)
                frontier.extend(
                    (helper_home, step, depth + 1, helper, True)
                    for step in helper.results_tested
                    if step not in helper.steps
                )
        if function.exits_nonzero or passed_on:
            continue
        if function.returns_nonzero and (values is None or call in values):
            return f"`{name}()` returns a failure status that the {caller} drops: the process exits 0"
        if local and function.swallows and not (call in scheduled and _tells(function)):
            return _swallowed(name)
    return None


def _catch_all_decorator(function: FunctionFact, home: str, project: Project) -> str | None:
    """The decorator of ``function`` (a function of the project) whose wrapper catches every
    failure and ends normally (``@send_mail_on_error``), by its last name."""
    for decorator in function.decorators:
        found = project.function_and_home(home, decorator)
        if found is not None and found[0].wraps_catch_all:
            return decorator.rpartition(".")[2]
    return None


def _tells(function: FunctionFact) -> bool:
    """A function that reports to an error tracker (``sentry_sdk.capture_exception(e)``: called
    on a failure only, unlike a notification that may announce a success)."""
    return any(_TELLS.search(call) for call in function.calls)


_TELLS = re.compile(r"(?:^|\.)(?:capture_exception|capture_message)$")


def _exits_with_zero(exit_values: tuple[str, ...], local: dict[str, FunctionFact]) -> str | None:
    """``sys.exit(main())`` where ``main()`` of this file (the work, named so) catches its work's
    failure, only reports it, and returns 0 whatever happened, raising nothing and exiting with no
    other status (nor through a helper of the file, ``die()``): the status passed on is always 0."""
    for call in exit_values:
        function = local.get(call)
        if (
            function is None
            or not _MAIN_NAME.fullmatch(call)
            or not function.zero_after_catch_all
            or function.exits_nonzero
            or any(local[c].exits_nonzero for c in function.calls if c in local)
        ):
            continue
        return f"`{call}()` catches every failure and returns 0 (or nothing), the status the process exits with"
    return None


_MAIN_NAME = re.compile(r"_?main|run|cli|start|execute|\w+_main")


def _value_lost(function: FunctionFact, name: str, home: str, project: Project) -> str | None:
    """A step of ``function`` that reports a failure and returns it as a value (``False``, an
    error record), which ``function`` drops or tests and then only reports; or, failing that, one
    that hands back a command's status (``return result.returncode``, or first of a tuple), which
    ``function`` drops (``run_cmd(cmd)``, ``_, out, _ = run_cmd(cmd)``)."""
    steps: list[tuple[str, FunctionFact]] = []
    for call in function.results_unchecked:
        resolved = project.function_and_home(home, call)
        step = call.rpartition(".")[2]
        if resolved is not None and not _auxiliary(step):
            steps.append((step, resolved[0]))
    for step, helper in steps:
        if helper.returns_failure:
            return (
                f"`{step}()` returns a failure as a value, which `{name}()` only reports or drops: the process exits 0"
            )
    for step, helper in steps:
        if helper.returns_nonzero and not helper.exits_nonzero:
            return f"`{step}()` returns a status, which `{name}()` drops: a failed command leaves the job's status 0"
    return None


# Functions that tell someone, or release what the work held: their own failure is not the job's.
_AUXILIARY = re.compile(
    r"_?(?:alert|notify|notification|ping|heartbeat"
    r"|send_(?:(?:telegram|slack|discord|teams|tg|chat|bot)_)?(?:alert|slack|mail|email|message|notification)"
    # (`send_success_email()`, `send_error_alert()`: the run's outcome told, the work done or not;
    # not `send_status_email()`, which may tell customers about their orders: work)
    r"|send_(?:success|failure|failed|error|completion|done)_(?:alert|mail|email|message|notification)s?$"
    # (`send_telegram(msg)`, `send_discord(text)`: the team's chat named alone; not `send_sms`,
    # a reminder job's texts to its customers being its work)
    r"|send_(?:telegram|discord|teams|tg|pushover|ntfy|gotify|msg)$"
    r"|(?:push|push_metrics|push_to_gateway|update_status)$"
    r"|(?:close|quit|disconnect|shutdown|tear_?down|__a?exit__|__del__)$)"
)


def _auxiliary(name: str) -> bool:
    """:data:`_AUXILIARY`, for names written in either case (``send_email``, ``sendEmail``)."""
    return bool(_AUXILIARY.match(n.snake(name)))


def _swallowed(name: str) -> str:
    return f"`{name}()` catches or reports a failure and returns normally: a failure exits with status 0"


def _ignored_status(
    own: tuple[str, ...],
    calls: tuple[str, ...],
    path: str,
    project: Project,
    where: str = " in the `__main__` block",
    scheduled: tuple[str, ...] = (),
    same_file: bool = False,
) -> str | None:
    """A command whose exit status the job drops, in the ``__main__`` block (or at module level)
    or a function it calls (or a ``schedule`` process runs: ``scheduled``), directly or through
    others, in its own file or another module (with ``same_file``, in ``path``'s own functions and
    methods only). In a ``schedule`` process, which never ends, a request's failure has no exit
    status to reach: an HTTP write's response does not count."""

    def counted(statuses: tuple[str, ...]) -> list[str]:
        return [s for s in statuses if not (scheduled and is_http_write(s))]

    if dropped := counted(own):
        return _dropped(dropped[0], where)
    seen: set[tuple[str, str]] = set()
    todo = [(path, call) for call in calls + scheduled]
    while todo and len(seen) < _MAX_WALK:
        where, name = todo.pop()
        if (where, name) in seen:
            continue
        seen.add((where, name))
        found = project.function_and_home(where, name)
        if found is None or (same_file and found[1] != path):
            continue
        function, home = found
        shown = name.rpartition(".")[2]
        if _auxiliary(shown):
            continue  # (a notification that fails is not the job failing)
        if statuses := counted(function.ignored_statuses):
            return _dropped(statuses[0], f" in `{shown}()`")
        todo.extend((home, c) for c in function.calls)
    return None


def _dropped(call: str, where: str) -> str:
    """The message for a command's exit status or an HTTP write's response never checked."""
    if is_http_write(call):
        return (
            f"The status of `{call}()`'s response is never checked{where} (at most printed or logged): "
            "a failed request leaves the job's status 0"
        )
    if call == "luigi.build":
        return f"`luigi.build()`'s answer (False when a task failed) is never checked{where}: the job's status stays 0"
    return f"`{call}()`'s exit status is never checked{where}: a failed command leaves the job's status 0"


_MAX_WALK = 200
_STEP_DEPTH = 3
