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


# Round 757: a Slack token's prefix and words saying what goes there, in a credentials module
_B_TOKEN_WORDS = {
    "credentials.py": '# Create a legacy token at https://api.slack.com/custom-integrations/legacy-tokens and paste it here\nauth_token = "xoxp-bot-token"\n',
    "run_bot.py": 'import logging\n\nfrom slack_sdk import WebClient\n\nfrom credentials import auth_token\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    WebClient(token=auth_token).chat_postMessage(channel="#ops", text="EC2 report ready")\n',
}


# Round 760: the SELECT's text kept in a name and run by a helper method, then the insert only when no row came back
_B_SELECT_TEXT = {
    "dwh.py": 'import logging\nimport os\n\nimport mysql.connector\n\nlog = logging.getLogger(__name__)\n\n\nclass Warehouse:\n    def __init__(self):\n        self.connection = mysql.connector.connect(\n            host=os.environ["DWH_HOST"], user=os.environ["DWH_USER"], password=os.environ["DWH_PASSWORD"]\n        )\n\n    def select_query(self, query):\n        cursor = self.connection.cursor()\n        cursor.execute(query)\n        return cursor.fetchall()\n\n    def insert_query(self, query):\n        self.connection.cursor().execute(query)\n\n    def insert_new_panels(self, records):\n        for panel_id, name in records:\n            query = f"SELECT 1 FROM dimSolarPanel WHERE solar_panel_id = {panel_id}"\n            found = self.select_query(query)\n            if not found:\n                query = f"INSERT INTO dimSolarPanel (solar_panel_id, name) VALUES ({panel_id}, \'{name}\')"\n                self.insert_query(query)\n        self.connection.commit()\n',
    "etl.py": 'import logging\n\nfrom dwh import Warehouse\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef main():\n    Warehouse().insert_new_panels([(1, "roof"), (2, "garage")])\n\n\nif __name__ == "__main__":\n    main()\n',
}


# Round 760: a module-level script running a BigQuery query, the job kept in a name
_B_BIGQUERY_SCRIPT = {
    "bq_country.py": 'from google.cloud import bigquery\n\nwith open("country.sql") as sql_file:\n    sql = sql_file.read()\n\nclient = bigquery.Client()\nquery_job = client.query(sql)\n\nprint("Country update job: {}".format(query_job.job_id))\n',
}


# Blind rounds 757-762, measured on 62eb5c1: each case fails there, each trap passes there.
_BLIND_CASES: dict[str, Case] = {
    "token_words": (_B_TOKEN_WORDS, [("run_bot.py", "job", "python")], ("hardcoded-secret", 0)),
    # trap: a token with a real token's digits stays a finding
    "token_real": (
        _edited(
            _B_TOKEN_WORDS,
            "credentials.py",
            '"xoxp-bot-token"',
            '"xoxp-2718281828-3141592653-1618033988-a1b2c3d4e5f60718293a4b5c6d7e8f90"',
        ),
        [("run_bot.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    "select_text": (_B_SELECT_TEXT, [("etl.py", "job", "python")], ("non-idempotent-insert", 0)),
    # trap: a lookup of another table keys no insert
    "select_text_other_table": (
        _edited(_B_SELECT_TEXT, "dwh.py", "SELECT 1 FROM dimSolarPanel", "SELECT 1 FROM panelAudit"),
        [("etl.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "bigquery_script": (_B_BIGQUERY_SCRIPT, [("bq_country.py", "job", "script")], None),
    # trap: a script that only reads a table's schema starts no job
    "bigquery_schema_read": (
        _edited(
            _B_BIGQUERY_SCRIPT, "bq_country.py", "query_job = client.query(sql)", "query_job = client.get_table(sql)"
        ),
        [],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_BLIND_CASES))
def test_blind_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _BLIND_CASES[name])


# The review of 5bcaeb5..62eb5c1: each case fails on 62eb5c1 (regressions first, then near misses).
_R_A_ABSL_APP_RUN = {
    "prepare_data.py": '"""Converts the raw CSV exports into TFRecord shards for training."""\nimport csv\nimport os\n\nfrom absl import app\nfrom absl import flags\nfrom absl import logging\nimport tensorflow as tf\n\nFLAGS = flags.FLAGS\nflags.DEFINE_string("input_csv", None, "CSV export to convert.")\nflags.DEFINE_string("output_dir", None, "Where the shards go.")\nflags.DEFINE_integer("num_shards", 8, "Number of output shards.")\n\n\ndef _example(row):\n    feature = {\n        "text": tf.train.Feature(bytes_list=tf.train.BytesList(value=[row["text"].encode()])),\n        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[int(row["label"])])),\n    }\n    return tf.train.Example(features=tf.train.Features(feature=feature))\n\n\ndef main(argv):\n    del argv\n    os.makedirs(FLAGS.output_dir, exist_ok=True)\n    writers = [\n        tf.io.TFRecordWriter(os.path.join(FLAGS.output_dir, f"data-{i:05d}.tfrecord"))\n        for i in range(FLAGS.num_shards)\n    ]\n    with open(FLAGS.input_csv, newline="") as f:\n        for n, row in enumerate(csv.DictReader(f)):\n            writers[n % FLAGS.num_shards].write(_example(row).SerializeToString())\n    for w in writers:\n        w.close()\n    logging.info("wrote %d rows", n + 1)\n\n\nif __name__ == "__main__":\n    app.run(main)\n',
    "requirements.txt": "absl-py==2.1.0\ntensorflow==2.16.1\n",
}


_R_A_QUEUE_SENTINEL_JOB = {
    "download_images.py": '"""Downloads every image listed in a CSV export into a local folder, with a few threads."""\nimport csv\nimport logging\nimport os\nimport sys\nimport threading\nfrom queue import Queue\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("download")\nNUM_THREADS = 8\n\n\ndef worker(q, out_dir):\n    while True:\n        url = q.get()\n        if url is None:\n            q.task_done()\n            break\n        name = os.path.join(out_dir, url.rsplit("/", 1)[-1])\n        r = requests.get(url, timeout=30)\n        r.raise_for_status()\n        with open(name, "wb") as f:\n            f.write(r.content)\n        q.task_done()\n\n\ndef main(csv_path, out_dir):\n    os.makedirs(out_dir, exist_ok=True)\n    q = Queue()\n    threads = [threading.Thread(target=worker, args=(q, out_dir)) for _ in range(NUM_THREADS)]\n    for t in threads:\n        t.start()\n    with open(csv_path, newline="") as f:\n        for row in csv.DictReader(f):\n            q.put(row["image_url"])\n    for _ in threads:\n        q.put(None)\n    q.join()\n    for t in threads:\n        t.join()\n    log.info("done")\n\n\nif __name__ == "__main__":\n    main(sys.argv[1], sys.argv[2])\n',
    "requirements.txt": "requests==2.32.3\n",
}


_R_A_GEVENT_SERVES_BESIDE_WORKERS = {
    "requirements.txt": "flask==3.0.3\ngevent==24.2.1\nrequests==2.32.3\n",
    "server.py": 'import logging\nimport threading\nfrom queue import Queue\n\nfrom flask import Flask, request\nfrom gevent.pywsgi import WSGIServer\n\nfrom worker import NUM_WORKERS, worker\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\nqueue = Queue()\n\n\n@app.route("/incoming", methods=["POST"])\ndef incoming():\n    queue.put(request.form["MediaUrl0"])\n    return "ok"\n\n\ndef start_workers(num_workers, q):\n    for _ in range(num_workers):\n        threading.Thread(target=worker, args=(q,)).start()\n\n\nif __name__ == "__main__":\n    start_workers(NUM_WORKERS, queue)\n    WSGIServer(("0.0.0.0", 5000), app).serve_forever()\n',
    "worker.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\nNUM_WORKERS = 4\n\n\ndef worker(q):\n    while True:\n        url = q.get()\n        log.info("converting %s", url)\n        requests.post("https://convert.example.com/jobs", json={"url": url}, timeout=30)\n        q.task_done()\n',
}


_R_A_FACTORY_ROUTE_STARTS_WORKERS = {
    "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom .tasks import job_queue, start_workers\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef create_app() -> FastAPI:\n    app = FastAPI()\n\n    @app.get("/healthz")\n    async def healthz() -> dict:\n        return {"status": "ok"}\n\n    @app.post("/admin/drain")\n    async def drain(workers: int = 1) -> dict:\n        await start_workers(workers)\n        return {"started": workers}\n\n    @app.post("/jobs/{job_id}")\n    async def submit(job_id: str) -> dict:\n        await job_queue.put(job_id)\n        return {"queued": job_id}\n\n    return app\n\n\napp = create_app()\n',
    "app/tasks.py": 'import asyncio\nimport logging\n\nlog = logging.getLogger("jobs")\njob_queue: "asyncio.Queue[str]" = asyncio.Queue()\n\n\nasync def worker_loop(index: int) -> None:\n    while True:\n        job_id = await job_queue.get()\n        log.info("worker %d took %s", index, job_id)\n        job_queue.task_done()\n\n\nasync def start_workers(n: int) -> None:\n    for i in range(n):\n        asyncio.create_task(worker_loop(i))\n',
}


_R_A_SCHEDULER_HEALTH_APP = {
    "api.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nimport sqlite3\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/api/bills")\ndef bills():\n    return jsonify(bills_db.all_bills())\n',
    "bills_db.py": 'import os\nimport sqlite3\n\nDB = os.environ.get("BILLS_DB", "bills.db")\n\n\ndef connect():\n    return sqlite3.connect(DB)\n\n\ndef make_table_bills():\n    with connect() as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS bills (id TEXT PRIMARY KEY, title TEXT)")\n\n\ndef save_bill(bill):\n    with connect() as conn:\n        conn.execute("INSERT OR REPLACE INTO bills VALUES (?, ?)", (bill["id"], bill["title"]))\n\n\ndef all_bills():\n    with connect() as conn:\n        return conn.execute("SELECT id, title FROM bills").fetchall()\n\n\nif __name__ == "__main__":\n    make_table_bills()\n    print(all_bills())\n',
    "update_hourly.py": 'import logging\nimport threading\nimport time\n\nimport requests\nimport schedule\nfrom flask import Flask\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\nhealth = Flask(__name__)\n\n\n@health.route("/healthz")\ndef healthz():\n    return "ok"\n\n\ndef update_bills():\n    for bill in requests.get("https://congress.example.org/bills", timeout=30).json():\n        bills_db.save_bill(bill)\n\n\nschedule.every().hour.do(update_bills)\n\nif __name__ == "__main__":\n    threading.Thread(target=health.run, kwargs={"host": "0.0.0.0", "port": 8080}, daemon=True).start()\n    while True:\n        schedule.run_pending()\n        time.sleep(60)\n',
}


_R_A_UNSEEN_APP_PORT = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nRUN pip install flask psycopg2-binary\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/backup-database", methods=["POST"])\ndef backup_database():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT pg_database_size(current_database())")\n        size = cur.fetchone()[0]\n    return jsonify(size=size)\n',
    "wsgi.py": 'import os\n\nfrom home.app import app\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}


_R_A_SEND_HANDED_SESSION = {
    "sync_tickets.py": 'import logging\nimport os\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("tickets")\nBASE_URL = os.environ.get("HELPDESK_URL", "https://helpdesk.example.com/api/v2")\n\n\ndef list_tickets(session, status):\n    response = session.get(f"{BASE_URL}/tickets", params={"status": status})\n    response.raise_for_status()\n    return response.json()["tickets"]\n\n\ndef close_ticket(session, ticket_id):\n    request = requests.Request("PUT", f"{BASE_URL}/tickets/{ticket_id}", json={"status": "closed"})\n    response = session.send(session.prepare_request(request))\n    response.raise_for_status()\n\n\ndef main():\n    session = requests.Session()\n    session.auth = (os.environ["HELPDESK_USER"], os.environ["HELPDESK_TOKEN"])\n    for ticket in list_tickets(session, "solved"):\n        close_ticket(session, ticket["id"])\n        log.info("closed %s", ticket["id"])\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_A_CLICK_CONSOLE_SCRIPT = {
    "prune_versions.py": 'import logging\n\nimport boto3\nimport click\nfrom botocore.exceptions import ClientError\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("prune")\n\n\ndef prune(client, name, keep):\n    versions = client.list_versions_by_function(FunctionName=name)["Versions"]\n    for version in versions[:-keep]:\n        try:\n            client.delete_function(FunctionName=version["FunctionArn"])\n        except ClientError as exc:\n            log.error("could not delete %s: %s", version["FunctionArn"], exc)\n\n\n@click.command()\n@click.argument("functions", nargs=-1, required=True)\n@click.option("--keep", default=2, show_default=True)\ndef main(functions, keep):\n    client = boto3.client("lambda")\n    for name in functions:\n        prune(client, name, keep)\n',
    "pyproject.toml": '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "prune-versions"\nversion = "1.0.0"\ndependencies = ["boto3", "click"]\n\n[project.scripts]\nprune-versions = "prune_versions:main"\n\n[tool.setuptools]\npy-modules = ["prune_versions"]\n',
}


_REVIEW_CASES: dict[str, Case] = {
    # absl's `app.run(main)` from a library, not an app out of the tree: the job stays
    "a_absl_app_run": (_R_A_ABSL_APP_RUN, [("prepare_data.py", "job", "python")], None),
    # threads that leave their `q.get()` loop on a sentinel: a job's pool, no worker
    "a_queue_sentinel_job": (_R_A_QUEUE_SENTINEL_JOB, [("download_images.py", "job", "python")], None),
    # the block starts the threads and serves the app through gevent's WSGIServer: the worker is beside the app
    "a_gevent_serves_beside_workers": (
        _R_A_GEVENT_SERVES_BESIDE_WORKERS,
        [("server.py", "api", "flask"), ("server.py", "worker", "consume-loop")],
        None,
    ),
    # a route handler nested in the factory starts the loop for one request: no worker
    "a_factory_route_starts_workers": (_R_A_FACTORY_ROUTE_STARTS_WORKERS, [("app/main.py", "api", "fastapi")], None),
    # a schedule process answering /healthz is no web app importing the library: its block stays a job
    "a_scheduler_health_app": (
        _R_A_SCHEDULER_HEALTH_APP,
        [
            ("api.py", "api", "flask"),
            ("bills_db.py", "job", "python"),
            ("update_hourly.py", "api", "flask"),
            ("update_hourly.py", "job", "schedule"),
        ],
        None,
    ),
    # `app.run(host=..., port=int(os.environ.get(...)))`: the port's computation is no work
    "a_unseen_app_port": (_R_A_UNSEEN_APP_PORT, [("app/app.py", "api", "flask")], None),
    # `send()` on a session handed in as a parameter, like its verbs
    "a_send_handed_session": (
        _R_A_SEND_HANDED_SESSION,
        [("sync_tickets.py", "job", "python")],
        ("http-call-without-timeout", 2),
    ),
    # a click command installed as a console script: its step's lost failure, as under `__main__`
    "a_click_console_script": (
        _R_A_CLICK_CONSOLE_SCRIPT,
        [("prune_versions.py", "job", "click")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# Held-out rounds 763-766, measured on 31161a9: the case fails there, the trap passes there.
# Round 764: `debug=` on while the environment's name falls back to the one compared with
_H2_DEBUG_UNLESS_SET = {
    "server.py": 'import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/forecasts")\ndef forecasts():\n    return "[]"\n\n\napp.run(port=os.environ.get("PORT", 5000),\n        debug=os.environ.get("APP_ENV", "dev") == "dev")\n',
}

_HELD_OUT_2_CASES: dict[str, Case] = {
    "debug_unless_set": (_H2_DEBUG_UNLESS_SET, [("server.py", "api", "flask")], ("debug-mode-enabled", 1)),
    # trap: a fallback that is not the value compared with leaves debug off
    "debug_off_unless_set": (
        _edited(
            _H2_DEBUG_UNLESS_SET, "server.py", 'os.environ.get("APP_ENV", "dev")', 'os.environ.get("APP_ENV", "prod")'
        ),
        [("server.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_2_CASES))
def test_held_out_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_2_CASES[name])


# The second review (62eb5c1..31161a9): each case fails on 31161a9.
_R_B_GUARD_SUBPROCESS_RUN = {
    "Procfile": "web: gunicorn server:app\nconverter: python server.py\n",
    "requirements.txt": "flask==3.0.3\nflask-sqlalchemy==3.1.1\nalembic==1.13.1\nrequests==2.32.3\n",
    "server.py": 'import logging\nimport os\nimport subprocess\nimport threading\n\nfrom flask import Flask, request\n\nfrom worker import NUM_WORKERS, redis_queue, worker\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/incoming", methods=["POST"])\ndef incoming():\n    redis_queue.put(request.form["MediaUrl0"])\n    return "ok"\n\n\ndef start_workers(num_workers):\n    for _ in range(num_workers):\n        threading.Thread(target=worker, args=(redis_queue,)).start()\n\n\nif __name__ == "__main__":\n    # the converter process: bring the schema up to date, then convert what the web process queues\n    subprocess.run(["alembic", "upgrade", "head"], check=True, cwd=os.path.dirname(__file__) or ".")\n    start_workers(NUM_WORKERS)\n',
    "worker.py": 'import json\nimport logging\nimport os\n\nimport redis\nimport requests\n\nlog = logging.getLogger(__name__)\nNUM_WORKERS = int(os.environ.get("NUM_WORKERS", "4"))\n\n\nclass RedisQueue:\n    def __init__(self, name):\n        self.name = name\n        self.redis = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\n\n    def put(self, item):\n        self.redis.rpush(self.name, json.dumps(item))\n\n    def get(self):\n        _, raw = self.redis.blpop(self.name)\n        return json.loads(raw)\n\n\nredis_queue = RedisQueue("media")\n\n\ndef worker(q):\n    while True:\n        url = q.get()\n        log.info("converting %s", url)\n        requests.post("https://convert.example.com/jobs", json={"url": url}, timeout=30)\n',
}


_R_B_NAMED_QUEUE_SENTINEL_JOB = {
    "make_thumbnails.py": '"""Builds a thumbnail for every image under a bucket prefix, with a pool of threads."""\nimport argparse\nimport io\nimport logging\nimport threading\nfrom queue import Queue\n\nimport boto3\nfrom PIL import Image\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("thumbnails")\nTHUMB_SIZE = (256, 256)\n\n\ndef thumbnail_worker(s3, bucket, work_queue):\n    while True:\n        key = work_queue.get()\n        if key is None:\n            work_queue.task_done()\n            break\n        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()\n        image = Image.open(io.BytesIO(body))\n        image.thumbnail(THUMB_SIZE)\n        out = io.BytesIO()\n        image.save(out, format="JPEG")\n        s3.put_object(Bucket=bucket, Key=f"thumbs/{key}", Body=out.getvalue(), ContentType="image/jpeg")\n        log.info("thumbnail for %s", key)\n        work_queue.task_done()\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("bucket")\n    parser.add_argument("--prefix", default="uploads/")\n    parser.add_argument("--threads", type=int, default=8)\n    args = parser.parse_args()\n\n    s3 = boto3.client("s3")\n    work_queue = Queue()\n    threads = [\n        threading.Thread(target=thumbnail_worker, args=(s3, args.bucket, work_queue)) for _ in range(args.threads)\n    ]\n    for t in threads:\n        t.start()\n    paginator = s3.get_paginator("list_objects_v2")\n    for page in paginator.paginate(Bucket=args.bucket, Prefix=args.prefix):\n        for obj in page.get("Contents", []):\n            work_queue.put(obj["Key"])\n    for _ in threads:\n        work_queue.put(None)\n    work_queue.join()\n    for t in threads:\n        t.join()\n\n\nif __name__ == "__main__":\n    main()\n',
    "requirements.txt": "boto3==1.34.130\nPillow==10.3.0\n",
}


_R_B_PREFIX_WORDS_SIGNING_KEY = {
    "auth.py": 'import datetime as dt\n\nimport jwt\nfrom fastapi import HTTPException\n\n# signs the session tokens this service hands out and checks on every request\nSECRET_KEY = "sk_session_signing_secret"\nALGORITHM = "HS256"\n\n\ndef issue_token(user_id: str) -> str:\n    now = dt.datetime.now(dt.timezone.utc)\n    claims = {"sub": user_id, "iat": now, "exp": now + dt.timedelta(hours=8)}\n    return jwt.encode(claims, SECRET_KEY, algorithm=ALGORITHM)\n\n\ndef check_token(token: str) -> str:\n    try:\n        return jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])["sub"]\n    except jwt.PyJWTError as exc:\n        raise HTTPException(status_code=401, detail="invalid token") from exc\n',
    "main.py": 'from fastapi import FastAPI, Header\n\nfrom auth import check_token, issue_token\n\napp = FastAPI()\n\n\n@app.get("/healthz")\ndef healthz() -> dict:\n    return {"status": "ok"}\n\n\n@app.post("/login/{user_id}")\ndef login(user_id: str) -> dict:\n    return {"token": issue_token(user_id)}\n\n\n@app.get("/me")\ndef me(authorization: str = Header()) -> dict:\n    return {"user": check_token(authorization.removeprefix("Bearer "))}\n',
    "requirements.txt": "fastapi==0.111.0\nuvicorn==0.30.1\nPyJWT==2.8.0\n",
}


_R_B_QUEUE_STOP_EVENT_WORKER = {
    "requirements.txt": "flask==3.0.3\nrequests==2.32.3\n",
    "server.py": 'import logging\nimport os\nimport signal\nimport threading\nfrom queue import Queue\n\nfrom flask import Flask, jsonify, request\n\nfrom worker import stop, worker\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("server")\n\nNUM_WORKERS = int(os.environ.get("NUM_WORKERS", "4"))\napp = Flask(__name__)\njobs = Queue()\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/convert", methods=["POST"])\ndef convert():\n    jobs.put(request.get_json()["url"])\n    return jsonify(queued=jobs.qsize()), 202\n\n\ndef start_workers(n, q):\n    for _ in range(n):\n        threading.Thread(target=worker, args=(q,), daemon=True).start()\n\n\nif __name__ == "__main__":\n    start_workers(NUM_WORKERS, jobs)\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
    "worker.py": 'import logging\nimport queue\nimport threading\n\nimport requests\n\nlog = logging.getLogger(__name__)\nstop = threading.Event()\n\n\ndef worker(q):\n    """Convert queued URLs until the process is asked to stop."""\n    while not stop.is_set():\n        try:\n            url = q.get(timeout=1)\n        except queue.Empty:\n            continue\n        try:\n            log.info("converting %s", url)\n            requests.post("https://convert.example.com/jobs", json={"url": url}, timeout=30).raise_for_status()\n        except requests.RequestException:\n            log.exception("conversion of %s failed", url)\n        finally:\n            q.task_done()\n',
}


_R_B_SCHEDULER_APP_VIEWS_MODULE = {
    "Procfile": "web: gunicorn app:app\n",
    "app.py": 'import logging\n\nimport requests\nfrom apscheduler.schedulers.background import BackgroundScheduler\nfrom flask import Flask\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\ndef refresh_bills():\n    for bill in requests.get("https://congress.example.org/bills", timeout=30).json():\n        bills_db.save_bill(bill)\n\n\nbills_db.make_table_bills()\nscheduler = BackgroundScheduler(daemon=True)\nscheduler.add_job(refresh_bills, "interval", hours=1)\nscheduler.start()\n\nimport views  # noqa: E402,F401  (registers the API routes on `app`)\n',
    "bills_db.py": 'import os\nimport sqlite3\n\nDB = os.environ.get("BILLS_DB", "bills.db")\n\n\ndef connect():\n    return sqlite3.connect(DB)\n\n\ndef make_table_bills():\n    with connect() as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS bills (id TEXT PRIMARY KEY, title TEXT)")\n\n\ndef save_bill(bill):\n    with connect() as conn:\n        conn.execute("INSERT OR REPLACE INTO bills VALUES (?, ?)", (bill["id"], bill["title"]))\n\n\ndef all_bills():\n    with connect() as conn:\n        return conn.execute("SELECT id, title FROM bills").fetchall()\n\n\ndef get_bill(bill_id):\n    with connect() as conn:\n        return conn.execute("SELECT id, title FROM bills WHERE id = ?", (bill_id,)).fetchone()\n\n\nif __name__ == "__main__":\n    make_table_bills()\n    print(all_bills())\n',
    "requirements.txt": "flask==3.0.3\nAPScheduler==3.10.4\nrequests==2.32.3\ngunicorn==22.0.0\n",
    "views.py": 'from flask import abort, jsonify\n\nimport bills_db\nfrom app import app\n\n\n@app.route("/api/bills")\ndef bills():\n    return jsonify([{"id": i, "title": t} for i, t in bills_db.all_bills()])\n\n\n@app.route("/api/bills/<bill_id>")\ndef bill(bill_id):\n    row = bills_db.get_bill(bill_id)\n    if row is None:\n        abort(404)\n    return jsonify({"id": row[0], "title": row[1]})\n',
}


_R_B_FACTORY_AND_ROUTE_START_WORKERS = {
    "app/__init__.py": "",
    "app/main.py": 'import logging\nimport os\n\nfrom aiohttp import web\n\nfrom .tasks import job_queue, running_workers, start_workers\n\nlogging.basicConfig(level=logging.INFO)\nroutes = web.RouteTableDef()\n\n\n@routes.get("/healthz")\nasync def healthz(request: web.Request) -> web.Response:\n    return web.Response(text="ok")\n\n\n@routes.post("/jobs")\nasync def submit(request: web.Request) -> web.Response:\n    payload = await request.json()\n    await job_queue.put(payload["url"])\n    return web.json_response({"queued": job_queue.qsize()}, status=202)\n\n\n@routes.post("/admin/workers")\nasync def add_workers(request: web.Request) -> web.Response:\n    # scale up by hand when the queue backs up\n    await start_workers(int(request.query.get("n", "1")))\n    return web.json_response({"workers": running_workers()})\n\n\nasync def create_app() -> web.Application:\n    app = web.Application()\n    app.add_routes(routes)\n    # the converters run in this process, beside the app\n    await start_workers(int(os.environ.get("WORKERS", "2")))\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(create_app(), port=int(os.environ.get("PORT", "8080")))\n',
    "app/tasks.py": 'import asyncio\nimport logging\n\nimport aiohttp\n\nlog = logging.getLogger("jobs")\njob_queue: "asyncio.Queue[str]" = asyncio.Queue()\n_tasks: "set[asyncio.Task]" = set()\n\n\nasync def worker_loop(index: int) -> None:\n    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:\n        while True:\n            url = await job_queue.get()\n            log.info("worker %d converting %s", index, url)\n            try:\n                async with session.post("https://convert.example.com/jobs", json={"url": url}) as resp:\n                    resp.raise_for_status()\n            except aiohttp.ClientError:\n                log.exception("conversion of %s failed", url)\n            finally:\n                job_queue.task_done()\n\n\nasync def start_workers(n: int) -> None:\n    for _ in range(n):\n        task = asyncio.create_task(worker_loop(len(_tasks)))\n        _tasks.add(task)\n        task.add_done_callback(_tasks.discard)\n\n\ndef running_workers() -> int:\n    return len(_tasks)\n',
    "requirements.txt": "aiohttp==3.9.5\n",
}


_SECOND_REVIEW_CASES: dict[str, Case] = {
    # `subprocess.run(...)` in the block serves nothing: the threads are the block's worker, once
    "b_guard_subprocess_run": (
        _R_B_GUARD_SUBPROCESS_RUN,
        [("server.py", "api", "flask"), ("server.py", "worker", "consume-loop")],
        None,
    ),
    # a named queue's loop a sentinel ends: a job's pool (the name's suffix no longer makes it a worker)
    "b_named_queue_sentinel_job": (_R_B_NAMED_QUEUE_SENTINEL_JOB, [("make_thumbnails.py", "job", "argparse")], None),
    # `sk_session_signing_secret`: a short prefix and words is a weak key in use, still reported
    "b_prefix_words_signing_key": (
        _R_B_PREFIX_WORDS_SIGNING_KEY,
        [("main.py", "api", "fastapi")],
        ("hardcoded-secret", 1),
    ),
    # `while not stop.is_set(): q.get(timeout=1)`: a stoppable consume loop beside the app
    "b_queue_stop_event_worker": (
        _R_B_QUEUE_STOP_EVENT_WORKER,
        [("server.py", "api", "flask"), ("server.py", "worker", "consume-loop")],
        None,
    ),
    # an app module answering only /healthz whose views module adds the routes is a web app importing the library
    "b_scheduler_app_views_module": (
        _R_B_SCHEDULER_APP_VIEWS_MODULE,
        [("app.py", "api", "flask"), ("app.py", "job", "apscheduler")],
        None,
    ),
    # the factory and a top-level route both call the starter: the factory's call starts the worker
    "b_factory_and_route_start_workers": (
        _R_B_FACTORY_AND_ROUTE_START_WORKERS,
        [("app/main.py", "api", "aiohttp"), ("app/main.py", "worker", "consume-loop")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# Near misses the reviews left and 5e36bbc still had, mended after it: each case fails on 5e36bbc.
_R_A_AIOHTTP_ON_STARTUP_HELPER = {
    "requirements.txt": "aiohttp==3.9.5\nredis==5.0.4\n",
    "svc/__init__.py": "",
    "svc/app.py": 'import logging\n\nfrom aiohttp import web\n\nfrom svc import listener\n\nlogging.basicConfig(level=logging.INFO)\n\n\nasync def healthz(request):\n    return web.json_response({"status": "ok"})\n\n\nasync def latest(request):\n    return web.json_response(request.app["latest"])\n\n\ndef make_app():\n    app = web.Application()\n    app["latest"] = {}\n    app.router.add_get("/healthz", healthz)\n    app.router.add_get("/latest", latest)\n    app.on_startup.append(listener.start_background_tasks)\n    app.on_cleanup.append(listener.cleanup_background_tasks)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(make_app(), port=8080)\n',
    "svc/listener.py": 'import asyncio\nimport json\nimport logging\n\nimport redis.asyncio as redis\n\nlog = logging.getLogger(__name__)\n\n\nasync def listen_to_redis(app):\n    client = redis.Redis.from_url("redis://redis:6379/0")\n    while True:\n        item = await client.blpop("prices", timeout=5)\n        if item is None:\n            continue\n        price = json.loads(item[1])\n        app["latest"][price["symbol"]] = price["value"]\n\n\nasync def start_background_tasks(app):\n    app["redis_listener"] = asyncio.create_task(listen_to_redis(app))\n\n\nasync def cleanup_background_tasks(app):\n    app["redis_listener"].cancel()\n    await app["redis_listener"]\n',
}


_R_B_UNSEEN_APP_LOAD_DOTENV = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nCOPY .env.example /.env\nRUN pip install flask psycopg2-binary python-dotenv\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/database-size")\ndef database_size():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT pg_database_size(current_database())")\n        size = cur.fetchone()[0]\n    return jsonify(size=size)\n',
    "wsgi.py": 'import os\n\nfrom dotenv import load_dotenv\n\nfrom home.app import app\n\nif __name__ == "__main__":\n    load_dotenv()\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}


_R_B_BIGQUERY_QUERY_RESULT = {
    "refresh_daily_sales.py": '"""Rebuilds reporting.daily_sales from the orders table; run nightly by Cloud Scheduler."""\nimport logging\nimport os\n\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\n\nSQL_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "refresh_daily_sales.sql")\n\nwith open(SQL_FILE) as sql_file:\n    sql = sql_file.read()\n\nclient = bigquery.Client(project=os.environ.get("GCP_PROJECT", "shop-analytics"))\nclient.query(sql).result()  # waits for the job; raises if it failed\nlogging.info("reporting.daily_sales rebuilt")\n',
    "refresh_daily_sales.sql": "CREATE OR REPLACE TABLE reporting.daily_sales AS\nSELECT DATE(created_at) AS day, country, SUM(total) AS revenue, COUNT(*) AS orders\nFROM shop.orders\nWHERE status = 'paid'\nGROUP BY day, country\n",
    "requirements.txt": "google-cloud-bigquery==3.25.0\n",
}


_R_B_SELECT_TEXT_FORMAT = {
    "load_stations.py": 'import logging\nimport os\n\nimport requests\n\nfrom warehouse import Warehouse\n\nlogging.basicConfig(level=logging.INFO)\nSTATIONS_URL = os.environ.get("STATIONS_URL", "https://api.weather.example.com/v1/stations")\n\n\ndef main():\n    response = requests.get(STATIONS_URL, timeout=30)\n    response.raise_for_status()\n    Warehouse().load_stations(response.json()["stations"])\n\n\nif __name__ == "__main__":\n    main()\n',
    "requirements.txt": "mysql-connector-python==8.4.0\nrequests==2.32.3\n",
    "warehouse.py": 'import logging\nimport os\n\nimport mysql.connector\n\nlog = logging.getLogger(__name__)\n\n\nclass Warehouse:\n    def __init__(self):\n        self.connection = mysql.connector.connect(\n            host=os.environ["DWH_HOST"],\n            user=os.environ["DWH_USER"],\n            password=os.environ["DWH_PASSWORD"],\n            database="weather",\n        )\n\n    def select_query(self, query):\n        cursor = self.connection.cursor()\n        cursor.execute(query)\n        return cursor.fetchall()\n\n    def insert_query(self, query):\n        cursor = self.connection.cursor()\n        cursor.execute(query)\n\n    def load_stations(self, stations):\n        for station in stations:\n            query = "SELECT 1 FROM dim_station WHERE station_id = \'{}\'".format(station["id"])\n            found = self.select_query(query)\n            if not found:\n                query = "INSERT INTO dim_station (station_id, name, lat, lon) VALUES (\'{}\', \'{}\', {}, {})".format(\n                    station["id"], station["name"], station["lat"], station["lon"]\n                )\n                self.insert_query(query)\n                log.info("new station %s", station["id"])\n        self.connection.commit()\n',
}


_R_C_SELECT_TEXT_CONCATENATED = {
    "fetch_feeds.py": '"""Stores new articles from the configured RSS feeds; run every 15 minutes by cron."""\nimport logging\nimport os\n\nimport feedparser\nimport psycopg2\n\nlog = logging.getLogger("fetch_feeds")\n\nFEEDS = [url for url in os.environ.get("FEEDS", "").split(",") if url]\n\n\nclass Store:\n    def __init__(self):\n        self.conn = psycopg2.connect(os.environ["DATABASE_URL"])\n\n    def select(self, query):\n        cur = self.conn.cursor()\n        cur.execute(query)\n        return cur.fetchall()\n\n    def execute(self, query):\n        cur = self.conn.cursor()\n        cur.execute(query)\n        self.conn.commit()\n\n\ndef quote(text):\n    return "\'" + text.replace("\'", "\'\'") + "\'"\n\n\ndef save_entries(store, feed_url, entries):\n    new = 0\n    for entry in entries:\n        query = "SELECT 1 FROM articles WHERE link = " + quote(entry.link)\n        seen = store.select(query)\n        if not seen:\n            store.execute(\n                "INSERT INTO articles (feed, link, title, published) VALUES ("\n                + ", ".join([quote(feed_url), quote(entry.link), quote(entry.title), quote(entry.get("published", ""))])\n                + ")"\n            )\n            new += 1\n    return new\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    store = Store()\n    for url in FEEDS:\n        parsed = feedparser.parse(url)\n        log.info("%s: %d new", url, save_entries(store, url, parsed.entries))\n\n\nif __name__ == "__main__":\n    main()\n',
    "requirements.txt": "psycopg2-binary==2.9.9\nfeedparser==6.0.11\n",
}


_R_C_UNSEEN_APP_DECOUPLE = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nRUN pip install flask redis python-decouple\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'from decouple import config\nfrom flask import Flask, jsonify, request\nfrom redis import Redis\n\napp = Flask(__name__)\nredis = Redis.from_url(config("REDIS_URL", default="redis://redis:6379/0"))\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/counter/<name>", methods=["POST"])\ndef bump(name):\n    value = redis.incrby(f"counter:{name}", int(request.args.get("by", 1)))\n    return jsonify(name=name, value=value)\n',
    "wsgi.py": 'from decouple import config\n\nfrom home.app import app\n\nif __name__ == "__main__":\n    app.run(\n        host="0.0.0.0",\n        port=config("PORT", default=5000, cast=int),\n        debug=config("DEBUG", default=False, cast=bool),\n    )\n',
}


_LEFT_CASES: dict[str, Case] = {
    # the third review's unseen app run with python-decouple's settings (fails on ad9389d)
    "c_unseen_app_decouple": (_R_C_UNSEEN_APP_DECOUPLE, [("app/app.py", "api", "flask")], None),
    # the third review's SELECT built with `+`, kept in a name (fails on 5da8d9e)
    "c_select_text_concatenated": (
        _R_C_SELECT_TEXT_CONCATENATED,
        [("fetch_feeds.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # aiohttp's `app.on_startup.append(listener.start_background_tasks)`: the helper registered as the hook
    "a_aiohttp_on_startup_helper": (
        _R_A_AIOHTTP_ON_STARTUP_HELPER,
        [("svc/app.py", "api", "aiohttp"), ("svc/app.py", "worker", "redis")],
        None,
    ),
    # `load_dotenv()` before an unseen app's run is no work of its own
    "b_unseen_app_load_dotenv": (_R_B_UNSEEN_APP_LOAD_DOTENV, [("app/app.py", "api", "flask")], None),
    # `client.query(sql).result()`: the job started and waited for at once
    "b_bigquery_query_result": (_R_B_BIGQUERY_QUERY_RESULT, [("refresh_daily_sales.py", "job", "script")], None),
    # the SELECT's text filled in with `.format()`, kept in a name, then the insert only when no row came back
    "b_select_text_format": (
        _R_B_SELECT_TEXT_FORMAT,
        [("load_stations.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_LEFT_CASES))
def test_left_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LEFT_CASES[name])


# Reading the session's change once more: an app's constructor given the same fallback test (fails on 9a54e83)
_READING_CASES: dict[str, Case] = {
    "debug_ctor_unless_set": (
        {
            "main.py": 'import os\n\nfrom fastapi import FastAPI\n\napp = FastAPI(debug=os.getenv("ENV", "local") == "local")\n\n\n@app.get("/items")\ndef items():\n    return []\n'
        },
        [("main.py", "api", "fastapi")],
        ("debug-mode-enabled", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_READING_CASES))
def test_reading_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _READING_CASES[name])


# The third review (5e36bbc..9a54e83): each case fails on 9a54e83 (the first a regression).
_R_C_ROUTE_HANDS_STARTER = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app app\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    "app/__init__.py": "",
    "app/db.py": 'import os\n\nimport databases\n\ndatabase = databases.Database(os.environ.get("DATABASE_URL", "postgresql://postgres@db/uptime"))\n',
    "app/main.py": 'from fastapi import BackgroundTasks, FastAPI, HTTPException\nfrom pydantic import BaseModel, HttpUrl\n\nfrom app import monitor\nfrom app.db import database\n\napp = FastAPI(title="uptime")\napp.add_event_handler("startup", database.connect)\napp.add_event_handler("shutdown", database.disconnect)\n\n\nclass Site(BaseModel):\n    url: HttpUrl\n    interval: int = 60\n\n\n@app.get("/healthz")\nasync def healthz():\n    return {"status": "ok"}\n\n\n@app.post("/sites", status_code=201)\nasync def add_site(site: Site, background_tasks: BackgroundTasks):\n    site_id = await database.execute(\n        "INSERT INTO sites (url, check_interval) VALUES (:url, :interval) RETURNING id",\n        {"url": str(site.url), "interval": site.interval},\n    )\n    background_tasks.add_task(monitor.start_watching, site_id, str(site.url), site.interval)\n    return {"id": site_id}\n\n\n@app.delete("/sites/{site_id}", status_code=204)\nasync def remove_site(site_id: int):\n    deleted = await database.execute("DELETE FROM sites WHERE id = :id RETURNING id", {"id": site_id})\n    if deleted is None:\n        raise HTTPException(status_code=404)\n    monitor.stop_watching(site_id)\n',
    "app/monitor.py": 'import asyncio\nimport logging\nimport time\n\nimport httpx\n\nfrom app.db import database\n\nlog = logging.getLogger(__name__)\n\n_watchers: dict[int, asyncio.Task] = {}\n\n\nasync def watch_site(site_id: int, url: str, interval: int) -> None:\n    async with httpx.AsyncClient(timeout=10) as client:\n        while True:\n            started = time.monotonic()\n            try:\n                response = await client.get(url)\n                up, status = response.status_code < 500, response.status_code\n            except httpx.HTTPError:\n                up, status = False, None\n            await database.execute(\n                "INSERT INTO checks (site_id, up, status, latency_ms) VALUES (:site_id, :up, :status, :latency)",\n                {"site_id": site_id, "up": up, "status": status, "latency": int((time.monotonic() - started) * 1000)},\n            )\n            await asyncio.sleep(interval)\n\n\nasync def start_watching(site_id: int, url: str, interval: int = 60) -> None:\n    """Checks a site until it is removed (one task per site, started when the site is added)."""\n    if site_id in _watchers and not _watchers[site_id].done():\n        return\n    _watchers[site_id] = asyncio.create_task(watch_site(site_id, url, interval))\n\n\ndef stop_watching(site_id: int) -> None:\n    task = _watchers.pop(site_id, None)\n    if task is not None:\n        task.cancel()\n',
    "requirements.txt": "fastapi==0.111.0\nuvicorn[standard]==0.30.1\ndatabases[asyncpg]==0.9.0\nhttpx==0.27.0\n",
}


_R_C_AIOHTTP_CLEANUP_CTX = {
    "notify/__init__.py": "",
    "notify/app.py": 'import logging\nfrom collections import defaultdict\n\nfrom aiohttp import WSMsgType, web\n\nfrom notify import consumer\n\nlogging.basicConfig(level=logging.INFO)\n\n\nasync def healthz(request):\n    return web.json_response({"status": "ok"})\n\n\nasync def socket(request):\n    ws = web.WebSocketResponse(heartbeat=30)\n    await ws.prepare(request)\n    user_id = request.match_info["user_id"]\n    request.app["sockets"][user_id].add(ws)\n    try:\n        async for msg in ws:\n            if msg.type == WSMsgType.ERROR:\n                break\n    finally:\n        request.app["sockets"][user_id].discard(ws)\n    return ws\n\n\ndef create_app():\n    app = web.Application()\n    app["sockets"] = defaultdict(set)\n    app.router.add_get("/healthz", healthz)\n    app.router.add_get("/ws/{user_id}", socket)\n    app.cleanup_ctx.append(consumer.background_tasks)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(create_app(), port=8080)\n',
    "notify/consumer.py": 'import asyncio\nimport contextlib\nimport json\nimport logging\nimport os\n\nimport aio_pika\n\nlog = logging.getLogger(__name__)\n\nAMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@rabbitmq/")\n\n\nasync def consume_events(app):\n    connection = await aio_pika.connect_robust(AMQP_URL)\n    async with connection:\n        channel = await connection.channel()\n        queue = await channel.declare_queue("notifications", durable=True)\n        async with queue.iterator() as messages:\n            async for message in messages:\n                async with message.process():\n                    event = json.loads(message.body)\n                    for ws in set(app["sockets"].get(event["user_id"], ())):\n                        await ws.send_json(event)\n\n\nasync def background_tasks(app):\n    app["consumer"] = asyncio.create_task(consume_events(app))\n    yield\n    app["consumer"].cancel()\n    with contextlib.suppress(asyncio.CancelledError):\n        await app["consumer"]\n',
    "requirements.txt": "aiohttp==3.9.5\naio-pika==9.4.1\n",
}


_R_C_FASTAPI_LIFESPAN_MODULE = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app app\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    "app/__init__.py": "",
    "app/events.py": 'import asyncio\nimport contextlib\nimport json\nimport logging\nimport os\nfrom contextlib import asynccontextmanager\n\nimport redis.asyncio as redis\nfrom fastapi import FastAPI\n\nlog = logging.getLogger(__name__)\n\nREDIS_URL = os.environ.get("REDIS_URL", "redis://redis:6379/0")\n\n\nasync def listen_for_prices(app: FastAPI) -> None:\n    pubsub = app.state.redis.pubsub()\n    await pubsub.subscribe("prices")\n    while True:\n        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)\n        if message is None:\n            continue\n        price = json.loads(message["data"])\n        app.state.latest[price["symbol"]] = price["value"]\n\n\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    app.state.redis = redis.from_url(REDIS_URL)\n    app.state.latest = {}\n    listener = asyncio.create_task(listen_for_prices(app))\n    log.info("price listener started")\n    yield\n    listener.cancel()\n    with contextlib.suppress(asyncio.CancelledError):\n        await listener\n    await app.state.redis.aclose()\n',
    "app/main.py": 'from fastapi import FastAPI, HTTPException, Request\n\nfrom app.events import lifespan\n\napp = FastAPI(title="prices", lifespan=lifespan)\n\n\n@app.get("/healthz")\nasync def healthz():\n    return {"status": "ok"}\n\n\n@app.get("/prices/{symbol}")\nasync def price(symbol: str, request: Request):\n    latest = request.app.state.latest\n    if symbol not in latest:\n        raise HTTPException(status_code=404, detail="unknown symbol")\n    return {"symbol": symbol, "price": latest[symbol]}\n',
    "requirements.txt": "fastapi==0.111.0\nuvicorn[standard]==0.30.1\nredis==5.0.4\n",
}


_R_C_SANIC_REGISTER_LISTENER = {
    "requirements.txt": "sanic==23.12.1\naiokafka==0.10.0\n",
    "svc/__init__.py": "",
    "svc/consumer.py": 'import asyncio\nimport json\nimport logging\nimport os\n\nfrom aiokafka import AIOKafkaConsumer\n\nlog = logging.getLogger(__name__)\n\nBOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP", "kafka:9092")\n\n\nasync def consume_orders(app):\n    consumer = AIOKafkaConsumer(\n        "orders", bootstrap_servers=BOOTSTRAP, group_id="order-status", enable_auto_commit=False\n    )\n    await consumer.start()\n    try:\n        while True:\n            batch = await consumer.getmany(timeout_ms=1000)\n            for _, messages in batch.items():\n                for message in messages:\n                    order = json.loads(message.value)\n                    app.ctx.status[order["id"]] = order["status"]\n            await consumer.commit()\n    finally:\n        await consumer.stop()\n\n\nasync def start_consumer(app, loop):\n    app.ctx.consumer_task = asyncio.create_task(consume_orders(app))\n\n\nasync def stop_consumer(app, loop):\n    app.ctx.consumer_task.cancel()\n',
    "svc/server.py": 'import os\n\nfrom sanic import Sanic\nfrom sanic.response import json\n\nfrom svc import consumer\n\napp = Sanic("order_status")\napp.ctx.status = {}\napp.register_listener(consumer.start_consumer, "after_server_start")\napp.register_listener(consumer.stop_consumer, "before_server_stop")\n\n\n@app.get("/healthz")\nasync def healthz(request):\n    return json({"status": "ok"})\n\n\n@app.get("/orders/<order_id>")\nasync def order_status(request, order_id: str):\n    status = request.app.ctx.status.get(order_id)\n    if status is None:\n        return json({"error": "unknown order"}, status=404)\n    return json({"id": order_id, "status": status})\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), workers=1)\n',
}


_R_C_BIGQUERY_RESULT_ASSIGNED = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY dedupe_events.py .\nCMD ["python", "dedupe_events.py"]\n',
    "dedupe_events.py": '"""Removes events the collector wrote twice; run hourly as a Cloud Run job."""\nimport logging\nimport os\n\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n\nPROJECT = os.environ.get("GCP_PROJECT", "shop-analytics")\nTABLE = os.environ.get("EVENTS_TABLE", "analytics.events")\n\nDEDUPE = f"""\nDELETE FROM `{PROJECT}.{TABLE}` AS e\nWHERE EXISTS (\n  SELECT 1 FROM `{PROJECT}.{TABLE}` AS d\n  WHERE d.event_id = e.event_id AND d.received_at < e.received_at\n)\n"""\n\nclient = bigquery.Client(project=PROJECT)\nresult = client.query(DEDUPE).result()  # waits for the job; raises if it failed\nlogging.info("dedupe done, %s rows in the result", result.total_rows)\n',
    "requirements.txt": "google-cloud-bigquery==3.25.0\n",
}


_R_C_UNSEEN_APP_RUNNER_MAIN = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nRUN pip install flask pymongo python-dotenv\nCOPY app /srv\nCOPY main.py /main.py\nEXPOSE 5000\nCMD ["python", "/main.py"]\n',
    "app/app.py": 'import os\n\nfrom flask import Flask, jsonify, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\nnotes = MongoClient(os.environ.get("MONGO_URL", "mongodb://mongo:27017"))["notes"]["notes"]\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/notes", methods=["GET"])\ndef list_notes():\n    return jsonify([{"id": str(n["_id"]), "text": n["text"]} for n in notes.find().limit(100)])\n\n\n@app.route("/notes", methods=["POST"])\ndef add_note():\n    result = notes.insert_one({"text": request.json["text"]})\n    return jsonify(id=str(result.inserted_id)), 201\n',
    "main.py": 'import os\n\nfrom dotenv import load_dotenv\n\nfrom srv.app import app\n\nif __name__ == "__main__":\n    load_dotenv()\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}


_THIRD_REVIEW_CASES: dict[str, Case] = {
    # a start-up hook of another module registered, the starter only handed to a route's background task: no worker
    "c_route_hands_starter": (_R_C_ROUTE_HANDS_STARTER, [("app/main.py", "api", "fastapi")], None),
    # aiohttp's `app.cleanup_ctx.append(consumer.background_tasks)`
    "c_aiohttp_cleanup_ctx": (
        _R_C_AIOHTTP_CLEANUP_CTX,
        [("notify/app.py", "api", "aiohttp"), ("notify/app.py", "worker", "consume-loop")],
        None,
    ),
    # `FastAPI(lifespan=lifespan)`, the lifespan in the loop's module
    "c_fastapi_lifespan_module": (
        _R_C_FASTAPI_LIFESPAN_MODULE,
        [("app/main.py", "api", "fastapi"), ("app/main.py", "worker", "consume-loop")],
        None,
    ),
    # Sanic's `app.register_listener(consumer.start_consumer, "after_server_start")`
    "c_sanic_register_listener": (
        _R_C_SANIC_REGISTER_LISTENER,
        [("svc/server.py", "api", "sanic"), ("svc/server.py", "worker", "kafka")],
        None,
    ),
    # `result = client.query(sql).result()`: the job kept
    "c_bigquery_result_assigned": (_R_C_BIGQUERY_RESULT_ASSIGNED, [("dedupe_events.py", "job", "script")], None),
    # the unseen app's runner named main.py, run by the Dockerfile: still no job
    "c_unseen_app_runner_main": (_R_C_UNSEEN_APP_RUNNER_MAIN, [("app/app.py", "api", "flask")], None),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
