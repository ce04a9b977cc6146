"""Session 44: what blind rounds 745 onwards showed, as small trees.

Each case fails on 5bcaeb5 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 749: helpers both the web app and the `schedule` process import, with a `__main__` block
# that tries them out
_R_LIBRARY_OF_APP_AND_SCHEDULE = {
    "api.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/api/bills")\ndef bills():\n    return jsonify(bills_db.all_bills())\n',
    "bills_db.py": 'import os\nimport sqlite3\n\nDB = os.environ.get("BILLS_DB", "bills.db")\n\n\ndef connect():\n    return sqlite3.connect(DB)\n\n\ndef make_table_bills():\n    with connect() as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS bills (id TEXT PRIMARY KEY, title TEXT)")\n\n\ndef save_bill(bill):\n    with connect() as conn:\n        conn.execute("INSERT OR REPLACE INTO bills VALUES (?, ?)", (bill["id"], bill["title"]))\n\n\ndef all_bills():\n    with connect() as conn:\n        return conn.execute("SELECT id, title FROM bills").fetchall()\n\n\nif __name__ == "__main__":\n    make_table_bills()\n    print(all_bills())\n',
    "update_hourly.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef update_bills():\n    for bill in requests.get("https://congress.example.org/bills", timeout=30).json():\n        bills_db.save_bill(bill)\n\n\nschedule.every().hour.do(update_bills)\n\nif __name__ == "__main__":\n    while True:\n        schedule.run_pending()\n        time.sleep(60)\n',
}

# Round 749: a dump file named at run time directly under /home (no user's home directory)
_R_DUMP_UNDER_HOME = {
    "app.py": 'import os\nimport subprocess\nfrom datetime import datetime\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/backup-database")\ndef backup_database():\n    stamp = datetime.now().strftime("%Y_%m_%d_%H_%M_%S")\n    subprocess.run(\n        ["pg_dump", "--format", "custom", "--file", f"/home/{stamp}.backup", os.environ["POSTGRES_DB"]], check=True\n    )\n    return "ok"\n',
}

# Round 749: a server module importing the app from where the image copies it (`COPY app .` into
# /home), its `__main__` block only running it
_R_UNSEEN_APP_RUN = {
    "app/app.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/backup-database")\ndef backup_database():\n    return "ok"\n',
    "wsgi.py": 'from home.app import app\n\nif __name__ == "__main__":\n    app.run()\n',
}


_CASES: dict[str, Case] = {
    # Round 749: the helper module's `__main__` block is a try-out, not a job of its own
    "library_of_app_and_schedule": (
        _R_LIBRARY_OF_APP_AND_SCHEDULE,
        [("api.py", "api", "flask"), ("update_hourly.py", "job", "schedule")],
        None,
    ),
    # trap: imported by the `schedule` process alone, the module is a script it runs on a timetable,
    # and its own block a job too (as before)
    "library_of_schedule_only": (
        _edited(_R_LIBRARY_OF_APP_AND_SCHEDULE, "api.py", "import bills_db\n", "import sqlite3\n"),
        [("api.py", "api", "flask"), ("bills_db.py", "job", "python"), ("update_hourly.py", "job", "schedule")],
        None,
    ),
    # Round 749: `app.run()` of an app from a module out of the tree serves it: no job
    "unseen_app_run": (_R_UNSEEN_APP_RUN, [("app/app.py", "api", "flask")], None),
    # trap: a pipeline imported from out of the tree (under another name), run by the block, stays a job
    "unseen_pipeline_run": (
        _edited(_R_UNSEEN_APP_RUN, "wsgi.py", "from home.app import app\n", "from home.sync import pipeline as app\n"),
        [("app/app.py", "api", "flask"), ("wsgi.py", "job", "python")],
        None,
    ),
    # Round 749: `f"/home/{stamp}.backup"` names no user's home directory
    "dump_under_home": (_R_DUMP_UNDER_HOME, [("app.py", "api", "flask")], ("hardcoded-path", 0)),
    # trap: a user's home directory written out stays a finding
    "dump_under_user_home": (
        _edited(_R_DUMP_UNDER_HOME, "app.py", 'f"/home/{stamp}.backup"', 'f"/home/alice/{stamp}.backup"'),
        [("app.py", "api", "flask")],
        ("hardcoded-path", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# Round 756: the app's start-up hook calls a helper of another module that starts the consume loop as a task
_H_STARTED_BY_HELPER = {
    "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom .tasks import job_queue, start_workers\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef create_app() -> FastAPI:\n    app = FastAPI()\n\n    @app.on_event("startup")\n    async def startup() -> None:\n        await start_workers(3)\n\n    @app.get("/healthz")\n    async def healthz() -> dict:\n        return {"status": "ok"}\n\n    @app.post("/jobs/{job_id}")\n    async def submit(job_id: str) -> dict:\n        await job_queue.put(job_id)\n        return {"queued": job_id}\n\n    return app\n\n\napp = create_app()\n',
    "app/tasks.py": 'import asyncio\nimport logging\n\nlog = logging.getLogger("jobs")\njob_queue: "asyncio.Queue[str]" = asyncio.Queue()\n\n\nasync def worker_loop(index: int) -> None:\n    while True:\n        job_id = await job_queue.get()\n        log.info("worker %d took %s", index, job_id)\n        job_queue.task_done()\n\n\nasync def start_workers(n: int) -> None:\n    for i in range(n):\n        asyncio.create_task(worker_loop(i))\n',
}


# Round 756: the app's module's `__main__` block starts threads on another module's `q.get()` loop and never serves the app
_H_THREADS_WITHOUT_SERVING = {
    "server.py": 'import logging\nimport threading\nfrom queue import Queue\n\nfrom flask import Flask, request\n\nfrom worker import NUM_WORKERS, worker\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\nqueue = Queue()\n\n\n@app.route("/incoming", methods=["POST"])\ndef incoming():\n    queue.put(request.form["MediaUrl0"])\n    return "ok"\n\n\ndef start_workers(num_workers, q):\n    for _ in range(num_workers):\n        threading.Thread(target=worker, args=(q,)).start()\n\n\nif __name__ == "__main__":\n    start_workers(NUM_WORKERS, queue)\n',
    "worker.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\nNUM_WORKERS = 4\n\n\ndef worker(q):\n    while True:\n        url = q.get()\n        log.info("converting %s", url)\n        requests.post("https://convert.example.com/jobs", json={"url": url}, timeout=30)\n        q.task_done()\n',
}


# Round 754: a prepared request sent through a session
_H_PREPARED_SEND = {
    "report.py": 'import logging\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("cves")\n\n\ndef fetch(url, params):\n    prepared = requests.Request("GET", url, params=params).prepare()\n    with requests.Session() as session:\n        response = session.send(prepared)\n    response.raise_for_status()\n    return response.json()\n\n\nif __name__ == "__main__":\n    data = fetch("https://services.nvd.nist.gov/rest/json/cves/2.0", {"resultsPerPage": 50})\n    log.info("%d CVEs", len(data["vulnerabilities"]))\n    sys.exit(0)\n',
}


# Round 753: a console script's step that only prints a boto error and goes on
_H_CONSOLE_LOST = {
    "prune_versions.py": 'import argparse\nimport logging\n\nimport boto3\nfrom botocore.exceptions import ClientError\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("prune")\n\n\ndef prune(args):\n    client = boto3.client("lambda")\n    for name in args.functions:\n        versions = client.list_versions_by_function(FunctionName=name)["Versions"]\n        for version in versions[: -args.keep]:\n            if args.dry_run:\n                log.info("would delete %s", version["FunctionArn"])\n                continue\n            try:\n                client.delete_function(FunctionName=version["FunctionArn"])\n            except ClientError as exc:\n                print(f"Could not delete function: {exc}")\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("functions", nargs="+")\n    parser.add_argument("--keep", type=int, default=2)\n    parser.add_argument("--dry-run", action="store_true")\n    prune(parser.parse_args())\n',
    "setup.py": 'from setuptools import setup\n\nsetup(\n    name="prune-versions",\n    version="1.0",\n    py_modules=["prune_versions"],\n    entry_points={"console_scripts": ["prune-versions = prune_versions:main"]},\n)\n',
}


# Held-out rounds 753-756, measured on e74854f: each case fails there, each trap passes there.
_HELD_OUT_CASES: dict[str, Case] = {
    "started_by_helper": (
        _H_STARTED_BY_HELPER,
        [("app/main.py", "api", "fastapi"), ("app/main.py", "worker", "consume-loop")],
        ("missing-graceful-shutdown", {"app/main.py": "fail"}),
    ),
    # trap: a route handler of a module-level app calling the helper starts it for one request:
    # no worker beside the app
    "started_by_route": (
        {
            **_H_STARTED_BY_HELPER,
            "app/main.py": (
                "from fastapi import FastAPI\n\nfrom .tasks import start_workers\n\napp = FastAPI()\n\n\n"
                '@app.post("/drain")\nasync def drain() -> dict:\n    await start_workers(1)\n    return {"started": 1}\n'
            ),
        },
        [("app/main.py", "api", "fastapi")],
        None,
    ),
    "threads_without_serving": (
        _H_THREADS_WITHOUT_SERVING,
        [("server.py", "api", "flask"), ("server.py", "worker", "consume-loop")],
        None,
    ),
    "prepared_send": (_H_PREPARED_SEND, [("report.py", "job", "python")], ("http-call-without-timeout", 1)),
    # trap: a timeout given to `send` passes
    "prepared_send_timeout": (
        _edited(_H_PREPARED_SEND, "report.py", "session.send(prepared)", "session.send(prepared, timeout=30)"),
        [("report.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "console_lost": (_H_CONSOLE_LOST, [("prune_versions.py", "job", "argparse")], ("missing-exit-code", "fail")),
    # trap: the failure raised again reaches the wrapper's exit status
    "console_raised": (
        _edited(
            _H_CONSOLE_LOST,
            "prune_versions.py",
            '                print(f"Could not delete function: {exc}")\n',
            '                print(f"Could not delete function: {exc}")\n                raise\n',
        ),
        [("prune_versions.py", "job", "argparse")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_CASES))
def test_held_out_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_CASES[name])
