"""Session 36: what blind rounds 530 onwards showed, as small trees.

Each case fails on 254b80f (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 532: a poller whose `__main__` block loops, imported by the web app that shows its readings,
# and run by a systemd unit of its own
_DEPLOYED_HELPER_LOOP = {
    "monitor.py": """\
import sqlite3
import time
import urllib.request


def insert_reading(entry):
    with sqlite3.connect("solar.db") as db:
        db.execute("INSERT OR REPLACE INTO solar VALUES (?, ?)", entry)


def current_power(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.read())


if __name__ == "__main__":
    while True:
        try:
            insert_reading((time.time(), current_power("http://192.168.1.20/power")))
        except Exception as e:
            print("Exception: ", e)
        time.sleep(5)
""",
    "server.py": """\
from aiohttp import web

import monitor


async def latest(request):
    return web.json_response({"power": monitor.current_power("http://192.168.1.20/power")})


app = web.Application()
app.add_routes([web.get("/latest", latest)])

if __name__ == "__main__":
    web.run_app(app, port=8080)
""",
    "monitor.service": """\
[Unit]
Description=Poll the inverter

[Service]
ExecStart=/home/pi/services/monitor.py

[Install]
WantedBy=multi-user.target
""",
    "server.service": """\
[Unit]
Description=Serve the readings

[Service]
ExecStart=/home/pi/services/server.py

[Install]
WantedBy=multi-user.target
""",
}

# Round 533: pika's credentials with the broker's out-of-the-box password
_GUEST_CREDENTIALS = {
    "receive.py": """\
import os

import pika

credentials = pika.PlainCredentials("guest", "guest")
connection = pika.BlockingConnection(pika.ConnectionParameters("rabbitmq", credentials=credentials))
channel = connection.channel()


def callback(ch, method, properties, body):
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel.basic_consume(queue="telegram", on_message_callback=callback)
channel.start_consuming()
""",
}

# Round 530: a retry on "database is locked" that raises every other error, under `sys.exit(main())`
_LOCKED_RETRY = {
    "main.py": """\
import logging
import sys
import time

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

log = logging.getLogger("weather")


def upsert(engine, rows, max_attempts=5):
    backoff = 0.5
    for attempt in range(1, max_attempts + 1):
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT OR REPLACE INTO hourly VALUES (:t, :v)"), rows)
            log.info("saved %d rows", len(rows))
            return
        except OperationalError as e:
            msg = str(e).lower()
            if "database is locked" in msg:
                delay = min(backoff * 2, 5.0)
                log.warning("database locked, retry in %.1fs (%d/%d)", delay, attempt, max_attempts)
                time.sleep(delay)
                backoff = delay
                continue
            log.exception("database error")
            raise


def main():
    logging.basicConfig(level=logging.INFO)
    try:
        upsert(create_engine("sqlite:///weather.db"), [{"t": 1, "v": 2}])
    except Exception:
        log.exception("run failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
}

# Round 530 too: `sys.exit(main())`, and a step of `main()` that logs the fetch's failure and carries on
_EXIT_MAIN_STEP_LOGS = {
    "sync.py": """\
import logging
import sys

import requests

log = logging.getLogger("sync")


def fetch(url):
    try:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        save(response.json())
    except requests.RequestException as e:
        log.error("fetch of %s failed: %s", url, e)


def save(rows):
    with open("rows.json", "w") as f:
        f.write(str(rows))


def main():
    logging.basicConfig(level=logging.INFO)
    fetch("https://api.example.com/rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
}

# Round 537: an Airflow DAG whose task callable logs each city's failed fetch and succeeds
_AIRFLOW_TASK_LOGS = {
    "dags/weather_dag.py": """\
import json
import logging
from datetime import datetime

import requests
from airflow import DAG
from airflow.operators.python import PythonOperator

logger = logging.getLogger(__name__)
CITIES = ["Oslo", "Lima"]

with DAG("weather", schedule_interval="0 23 * * *", start_date=datetime(2025, 1, 4), catchup=False) as dag:

    def fetch_weather():
        rows = []
        for city in CITIES:
            try:
                response = requests.get("https://api.example.com/weather", params={"q": city}, timeout=10)
                response.raise_for_status()
                rows.append(response.json())
            except Exception as exc:
                logger.error("fetch for %s failed: %s", city, exc)
        return json.dumps(rows)

    fetch_task = PythonOperator(task_id="fetch_weather", python_callable=fetch_weather)
""",
}

# TaskFlow: a task of the DAG's file, decorated with `@task`, that logs the failure and returns nothing
_AIRFLOW_TASKFLOW_LOGS = {
    "dags/export.py": """\
import logging
from datetime import datetime

import requests
from airflow import DAG
from airflow.decorators import task

log = logging.getLogger(__name__)


@task
def export_rows():
    try:
        requests.post("https://warehouse.example.com/load", json={"day": "today"}, timeout=30).raise_for_status()
    except requests.RequestException as exc:
        log.error("export failed: %s", exc)


with DAG("export", schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False) as dag:
    export_rows()
""",
}

# Rounds 523, 537 and 538: a Prefect flow running a step it takes from a script, whose own
# `__main__` block runs that step by hand (round 462 read such a block as a job of its own)
_FLOW_STEP_SCRIPT = {
    "extract.py": """\
import json

import requests


def main():
    response = requests.get("https://data.example.org/crimes.json", timeout=30)
    response.raise_for_status()
    with open("crimes.json", "w") as f:
        json.dump(response.json(), f)


if __name__ == "__main__":
    main()
""",
    "etl_workflow.py": """\
from prefect import flow

from extract import main as extract_crimes


@flow(name="crime etl")
def etl():
    extract_crimes()


if __name__ == "__main__":
    etl()
""",
}

# Round 538: a Dagster schedule running a script's `main()` as an op
_DAGSTER_STEP_SCRIPT = {
    "main.py": """\
import sys

import requests


def main():
    response = requests.get("https://quotes.example.com/daily", timeout=30)
    if response.status_code != 200:
        return False
    with open("quotes.json", "w") as f:
        f.write(response.text)
    return True


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
""",
    "dagster_pipeline.py": """\
from dagster import Definitions, ScheduleDefinition, job, op

from main import main


@op
def run_pipeline_op():
    if not main():
        raise Exception("pipeline failed")


@job
def stock_job():
    run_pipeline_op()


stock_schedule = ScheduleDefinition(job=stock_job, cron_schedule="50 12 * * *")
defs = Definitions(jobs=[stock_job], schedules=[stock_schedule])
""",
}

# Round 541: mattermostdriver's websocket listener, the script's whole run
_MATTERMOST_LISTENER = {
    "bot.py": """\
import json
import os

from mattermostdriver import Driver


async def event_handler(message):
    event = json.loads(message)
    if event.get("event") == "posted":
        driver.posts.create_post({"channel_id": event["data"]["channel_id"], "message": "welcome!"})


if __name__ == "__main__":
    driver = Driver({"url": os.environ["MM_URL"], "token": os.environ["MM_TOKEN"], "port": 443})
    driver.login()
    driver.init_websocket(event_handler)
""",
}

# Round 538: a Dagster schedule whose job's op prints a failed dump and succeeds
_DAGSTER_OP_PRINTS = {
    "pipeline/__init__.py": "",
    "pipeline/ops.py": """\
import subprocess

from dagster import op


@op
def backup_postgres():
    try:
        subprocess.run(["pg_dump", "-f", "/backups/stocks.sql", "stocks"], check=True)
    except Exception as e:
        print(f"[BACKUP ERROR] {e}")
""",
    "pipeline/jobs.py": """\
from dagster import job

from pipeline.ops import backup_postgres


@job
def stock_job():
    backup_postgres()
""",
    "pipeline/repository.py": """\
from dagster import repository, schedule

from pipeline.jobs import stock_job


@schedule(cron_schedule="0 */2 * * *", job=stock_job)
def stock_schedule(_context):
    return {}


@repository
def stock_repository():
    return [stock_job, stock_schedule]
""",
}

# Round 542: a module-level export that prints a failed page's status with `str.format` and exits
# with no status
_FORMAT_PRINT_EXIT = {
    "export.py": """\
import pickle

import requests

tickets = []
url = "https://acme.zendesk.com/api/v2/incremental/tickets.json?start_time=0"
session = requests.Session()
count = 1000
while count == 1000:
    response = session.get(url, timeout=30)
    if response.status_code != 200:
        print("Error with status code {}".format(response.status_code))
        exit()
    data = response.json()
    tickets.extend(data["tickets"])
    count = data["count"]
    url = data["next_page"]

with open("tickets.pickle", "wb") as f:
    pickle.dump(tickets, f)
""",
}

# Round 549: a webhook receiver on the standard library's server, with Python 2's module as the
# import's fallback
_PY2_FALLBACK_SERVER = {
    "receiver.py": """\
import json
import logging
import subprocess

try:
    from http.server import BaseHTTPRequestHandler, HTTPServer
except ImportError:
    from BaseHTTPServer import BaseHTTPRequestHandler, HTTPServer

logging.basicConfig(level=logging.INFO)


class RequestHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers["Content-Length"])
        event = json.loads(self.rfile.read(length))
        if event.get("ref") == "refs/heads/main":
            subprocess.run(["/opt/deploy/pull.sh"], check=True)
        self.send_response(200)
        self.end_headers()


def main(addr, port):
    httpd = HTTPServer((addr, port), RequestHandler)
    httpd.serve_forever()


if __name__ == "__main__":
    main("0.0.0.0", 8666)
""",
}

# Round 546: a Celery task module running a scraper script's `main()` on beat's schedule
_CELERY_STEP_SCRIPT = {
    "reviews.py": """\
import sqlite3

import requests


def main():
    rows = requests.get("https://cars.example.com/api/reviews", timeout=30).json()
    with sqlite3.connect("cars.sqlite3") as db:
        db.executemany("INSERT OR IGNORE INTO reviews VALUES (?, ?)", [(r["id"], r["text"]) for r in rows])


if __name__ == "__main__":
    main()
""",
    "tasks.py": """\
from celery import Celery

from reviews import main as parse_reviews_main

app = Celery("tasks", broker="redis://redis:6379/0")


@app.task
def parse_reviews():
    parse_reviews_main()
""",
}

# Round 559: python-telegram-bot's JobQueue bound to a name first, then scheduled daily
_NAMED_JOB_QUEUE = {
    "main.py": """\
import datetime

import requests
from telegram.ext import CallbackContext, Updater

from config import TOKEN

updater = Updater(TOKEN)
j = updater.job_queue


def once(context: CallbackContext):
    requests.get(f"https://api.telegram.org/bot{TOKEN}/sendMessage", params={"chat_id": "@group", "text": "hi"}, timeout=10)


j.run_daily(once, days=(0, 1, 2, 3, 4, 5, 6), time=datetime.time(hour=21, minute=2))

updater.start_polling()
updater.idle()
""",
    "config.py": 'import os\n\nTOKEN = os.environ["TOKEN"]\n',
}

# Rounds 480 and 554: a command of Flask's command line (`flask init-db`) beside the app
_FLASK_CLI_COMMAND = {
    "app.py": """\
import os

from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
db = SQLAlchemy(app)


@app.cli.command("init-db")
def init_db():
    db.create_all()


@app.get("/reports")
def reports():
    return jsonify([])
""",
}

# Round 552: the rows already posted, fetched into a name by a helper of the file, tested before
# the insert
_KEYED_BY_HELPER = {
    "run.py": """\
import sqlite3
import time


def fetch_last_posts(conn):
    cur = conn.cursor()
    cur.execute("select postid from posts")
    last_posts = cur.fetchall()
    return [e[0] for e in last_posts]


def post(conn, child_id):
    last_posts = fetch_last_posts(conn)
    if child_id in last_posts:
        return
    conn.execute("insert into posts (postid) values (?)", (child_id,))
    conn.commit()


if __name__ == "__main__":
    conn = sqlite3.connect("posts.db")
    while True:
        post(conn, "abc")
        time.sleep(60)
""",
}


_CASES: dict[str, Case] = {
    "deployed_helper_loop": (
        _DEPLOYED_HELPER_LOOP,
        [("monitor.py", "worker", "polling-loop"), ("server.py", "api", "aiohttp")],
        ("missing-graceful-shutdown", {"monitor.py": "fail"}),
    ),
    # trap: no unit runs the poller: its block is a try-out of the module the app imports
    "deployed_helper_loop_undeployed": (
        {k: v for k, v in _DEPLOYED_HELPER_LOOP.items() if k != "monitor.service"},
        [("server.py", "api", "aiohttp")],
        None,
    ),
    "guest_credentials": (_GUEST_CREDENTIALS, [("receive.py", "worker", "rabbitmq")], ("hardcoded-secret", 1)),
    # trap: the password read from the environment
    "guest_credentials_from_env": (
        _edited(
            _GUEST_CREDENTIALS,
            "receive.py",
            'pika.PlainCredentials("guest", "guest")',
            'pika.PlainCredentials("guest", os.environ["RABBIT_PASSWORD"])',
        ),
        [("receive.py", "worker", "rabbitmq")],
        ("hardcoded-secret", 0),
    ),
    "locked_retry": (_LOCKED_RETRY, [("main.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: the retry gives up by raising
    "locked_retry_raises": (
        _edited(
            _LOCKED_RETRY,
            "main.py",
            "            raise\n\n\ndef main",
            '            raise\n    raise RuntimeError("database still locked")\n\n\ndef main',
        ),
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_main_step_logs": (_EXIT_MAIN_STEP_LOGS, [("sync.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: the step raises after logging
    "exit_main_step_raises": (
        _edited(
            _EXIT_MAIN_STEP_LOGS,
            "sync.py",
            '        log.error("fetch of %s failed: %s", url, e)\n',
            '        log.error("fetch of %s failed: %s", url, e)\n        raise\n',
        ),
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "airflow_task_logs": (
        _AIRFLOW_TASK_LOGS,
        [("dags/weather_dag.py", "job", "airflow")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the handler raises after logging: the task fails
    "airflow_task_raises": (
        _edited(
            _AIRFLOW_TASK_LOGS,
            "dags/weather_dag.py",
            '                logger.error("fetch for %s failed: %s", city, exc)\n',
            '                logger.error("fetch for %s failed: %s", city, exc)\n                raise\n',
        ),
        [("dags/weather_dag.py", "job", "airflow")],
        ("missing-exit-code", "pass"),
    ),
    "airflow_taskflow_logs": (
        _AIRFLOW_TASKFLOW_LOGS,
        [("dags/export.py", "job", "airflow")],
        ("missing-exit-code", "fail"),
    ),
    # trap: nothing caught: the task fails with the request
    "airflow_taskflow_raises": (
        _edited(
            _AIRFLOW_TASKFLOW_LOGS,
            "dags/export.py",
            '        log.error("export failed: %s", exc)\n',
            '        log.error("export failed: %s", exc)\n        raise\n',
        ),
        [("dags/export.py", "job", "airflow")],
        ("missing-exit-code", "pass"),
    ),
    "flow_step_script": (_FLOW_STEP_SCRIPT, [("etl_workflow.py", "job", "python")], None),
    # trap: the importer is a plain runner that does more work: the step's block runs shared work
    "flow_step_script_plain_runner": (
        _edited(
            _FLOW_STEP_SCRIPT, "etl_workflow.py", "from prefect import flow\n", "from functools import cache as flow\n"
        ),
        [("etl_workflow.py", "job", "python"), ("extract.py", "job", "python")],
        None,
    ),
    "dagster_step_script": (_DAGSTER_STEP_SCRIPT, [("dagster_pipeline.py", "job", "dagster")], None),
    "mattermost_listener": (
        _MATTERMOST_LISTENER,
        [("bot.py", "worker", "mattermost")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: the driver only logs in and posts: a client, run once
    "mattermost_listener_posts": (
        _edited(
            _MATTERMOST_LISTENER,
            "bot.py",
            "    driver.init_websocket(event_handler)\n",
            '    driver.posts.create_post({"channel_id": os.environ["MM_CHANNEL"], "message": "deployed"})\n',
        ),
        [("bot.py", "job", "python")],
        None,
    ),
    "dagster_op_prints": (
        _DAGSTER_OP_PRINTS,
        [("pipeline/repository.py", "job", "dagster")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the op raises after printing: Dagster marks it failed
    "dagster_op_raises": (
        _edited(
            _DAGSTER_OP_PRINTS,
            "pipeline/ops.py",
            '        print(f"[BACKUP ERROR] {e}")\n',
            '        print(f"[BACKUP ERROR] {e}")\n        raise\n',
        ),
        [("pipeline/repository.py", "job", "dagster")],
        ("missing-exit-code", "pass"),
    ),
    "format_print_exit": (_FORMAT_PRINT_EXIT, [("export.py", "job", "script")], ("missing-exit-code", "fail")),
    # trap: the exit says it failed
    "format_print_exit_status": (
        _edited(_FORMAT_PRINT_EXIT, "export.py", "        exit()\n", "        exit(1)\n"),
        [("export.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    "py2_fallback_server": (_PY2_FALLBACK_SERVER, [("receiver.py", "api", "http.server")], None),
    # trap: no fallback
    "py2_fallback_server_none": (
        _edited(
            _PY2_FALLBACK_SERVER,
            "receiver.py",
            "try:\n    from http.server import BaseHTTPRequestHandler, HTTPServer\n"
            "except ImportError:\n    from BaseHTTPServer import BaseHTTPRequestHandler, HTTPServer\n",
            "from http.server import BaseHTTPRequestHandler, HTTPServer\n",
        ),
        [("receiver.py", "api", "http.server")],
        None,
    ),
    "celery_step_script": (_CELERY_STEP_SCRIPT, [("tasks.py", "worker", "celery")], None),
    # trap: a web app runs the same function as it starts: the script's block runs it by hand, a job
    "celery_step_script_app": (
        {
            **_CELERY_STEP_SCRIPT,
            "tasks.py": "from flask import Flask\n\nfrom reviews import main as parse_reviews_main\n\n"
            'app = Flask(__name__)\nparse_reviews_main()\n\n\n@app.get("/reviews")\ndef reviews():\n    return "ok"\n',
        },
        [("reviews.py", "job", "python"), ("tasks.py", "api", "flask")],
        None,
    ),
    "named_job_queue": (
        _NAMED_JOB_QUEUE,
        [("main.py", "job", "telegram-jobqueue"), ("main.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap: a one-off job, run once: no schedule
    "named_job_queue_once": (
        _edited(
            _NAMED_JOB_QUEUE, "main.py", "j.run_daily(once, days=(0, 1, 2, 3, 4, 5, 6), time=", "j.run_once(once, when="
        ),
        [("main.py", "worker", "python-telegram-bot")],
        None,
    ),
    "flask_cli_command": (
        _FLASK_CLI_COMMAND,
        [("app.py", "api", "flask"), ("app.py", "job", "flask-cli")],
        None,
    ),
    # trap: the command asks for its input as it runs: a person at the keyboard
    "flask_cli_command_prompts": (
        _edited(_FLASK_CLI_COMMAND, "app.py", "    db.create_all()\n", '    db.create_all(bind_key=input("Bind: "))\n'),
        [("app.py", "api", "flask")],
        None,
    ),
    "keyed_by_helper": (_KEYED_BY_HELPER, [("run.py", "worker", "polling-loop")], ("non-idempotent-insert", 0)),
    # trap: the helper looks up another table
    "keyed_by_helper_other_table": (
        _edited(_KEYED_BY_HELPER, "run.py", "select postid from posts", "select postid from drafts"),
        [("run.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of 254b80f..f4cf54a: each case fails on f4cf54a (the first three were passes the change
# had broken; the rest things close to what it meant to catch), and passes since.
_REVIEW_CASES: dict[str, Case] = {
    "retry_last_attempt_raises": (
        {
            "load.py": '"""Load the day\'s readings into Postgres, retrying transient connection errors."""\nimport logging\nimport sys\nimport time\n\nimport psycopg2\n\nlog = logging.getLogger("load")\nMAX_ATTEMPTS = 5\n\n\ndef load(rows):\n    for attempt in range(MAX_ATTEMPTS):\n        try:\n            with psycopg2.connect("dbname=weather") as conn, conn.cursor() as cur:\n                cur.executemany("INSERT INTO readings VALUES (%s, %s)", rows)\n            return\n        except psycopg2.OperationalError as e:\n            if attempt < MAX_ATTEMPTS - 1:\n                log.warning("attempt %d failed: %s; retrying", attempt + 1, e)\n                time.sleep(2 ** attempt)\n                continue\n            raise\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    load([(1, 2.5)])\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("load.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "retry_records_failure": (
        {
            "upload.py": '"""Upload the day\'s exports; exit 1 when any upload still failed after its retries."""\nimport glob\nimport logging\nimport sys\nimport time\n\nimport boto3\nfrom botocore.exceptions import ClientError\n\nlog = logging.getLogger("upload")\ns3 = boto3.client("s3")\nfailed = {}  # path -> the last error of a file not uploaded\n\n\ndef upload(path):\n    for attempt in range(3):\n        try:\n            s3.upload_file(path, "exports", path)\n            failed.pop(path, None)\n            return\n        except ClientError as e:\n            log.warning("upload of %s failed (%d/3): %s", path, attempt + 1, e)\n            failed[path] = str(e)\n            time.sleep(2 ** attempt)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    for path in glob.glob("out/*.csv"):\n        upload(path)\n    if failed:\n        log.error("not uploaded: %s", ", ".join(sorted(failed)))\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_main_step_empty_checked": (
        {
            "sync.py": '"""Copy new orders from the shop API into the warehouse; exit 1 when nothing could be fetched."""\nimport logging\nimport sys\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("sync")\n\n\ndef fetch_orders():\n    try:\n        response = requests.get("https://shop.example.com/api/orders", timeout=30)\n        response.raise_for_status()\n        return response.json()["orders"]\n    except requests.RequestException as e:\n        log.error("fetching orders failed: %s", e)\n        return []\n\n\ndef store(orders):\n    with psycopg2.connect("dbname=warehouse") as conn, conn.cursor() as cur:\n        cur.executemany("INSERT INTO orders VALUES (%(id)s, %(total)s) ON CONFLICT DO NOTHING", orders)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    orders = fetch_orders()\n    if not orders:\n        log.error("no orders fetched")\n        return 1\n    store(orders)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "retry_raise_first_then_wait": (
        {
            "upload.py": '"""Push the day\'s metrics to the reporting API, retrying its 5xx answers."""\nimport json\nimport logging\nimport sys\nimport time\n\nimport requests\n\nlog = logging.getLogger("push")\n\n\ndef upload_rows(rows, attempts=5):\n    for attempt in range(attempts):\n        try:\n            response = requests.post("https://reports.example.com/api/rows", json=rows, timeout=30)\n            response.raise_for_status()\n            log.info("pushed %d rows", len(rows))\n            return\n        except requests.HTTPError as e:\n            if e.response.status_code < 500:\n                raise\n            log.warning("server error %s, retry %d/%d", e.response.status_code, attempt + 1, attempts)\n            time.sleep(2 ** attempt)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open("metrics.json") as f:\n        upload_rows(json.load(f))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "exit_main_drops_step_false": (
        {
            "publish.py": '"""Upload the nightly report to S3."""\nimport logging\nimport sys\n\nimport boto3\nfrom botocore.exceptions import ClientError\n\nlog = logging.getLogger("publish")\n\n\ndef upload(path, bucket):\n    try:\n        boto3.client("s3").upload_file(path, bucket, path)\n    except ClientError as e:\n        log.error("upload of %s failed: %s", path, e)\n        return False\n    return True\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    upload("report.csv", "nightly-reports")\n    log.info("done")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("publish.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "exit_main_returns_nothing": (
        {
            "report.py": '"""Build the nightly sales report and upload it."""\nimport logging\nimport sys\n\nimport boto3\nimport psycopg2\n\nlog = logging.getLogger("report")\n\n\ndef build_report():\n    with psycopg2.connect("dbname=shop") as conn, conn.cursor() as cur:\n        cur.execute("SELECT day, SUM(total) FROM orders GROUP BY day")\n        return "\\n".join(f"{day},{total}" for day, total in cur)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    try:\n        body = build_report()\n        boto3.client("s3").put_object(Bucket="reports", Key="sales.csv", Body=body)\n    except Exception:\n        log.exception("nightly report failed")\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("report.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "pipeline_without_runner": (
        {
            "extract.py": 'import json\nimport logging\n\nimport requests\n\nlog = logging.getLogger("extract")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    try:\n        response = requests.get("https://data.example.org/crimes.json", timeout=30)\n        response.raise_for_status()\n    except requests.RequestException as e:\n        log.error("download failed: %s", e)\n        return\n    with open("crimes.json", "w") as f:\n        json.dump(response.json(), f)\n\n\nif __name__ == "__main__":\n    main()\n',
            "flows.py": 'from prefect import flow, task\n\nfrom extract import main as extract_crimes\n\n\n@task(retries=2)\ndef extract():\n    extract_crimes()\n\n\n@flow(name="crime etl", log_prints=True)\ndef etl():\n    extract()\n',
            "prefect.yaml": 'name: crime-etl\nprefect-version: 2.14.0\n\ndeployments:\n  - name: nightly\n    entrypoint: flows.py:etl\n    schedule:\n      cron: "0 2 * * *"\n    work_pool:\n      name: default-agent-pool\n',
        },
        [("extract.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "airflow_task_drops_command_status": (
        {
            "dags/backup_dag.py": 'import subprocess\nfrom datetime import datetime\n\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n\n\ndef dump_database():\n    subprocess.run(["pg_dump", "-f", "/backups/shop.sql", "shop"])\n\n\nwith DAG("nightly_backup", schedule_interval="0 3 * * *", start_date=datetime(2024, 1, 1), catchup=False) as dag:\n    PythonOperator(task_id="dump_database", python_callable=dump_database)\n'
        },
        [("dags/backup_dag.py", "job", "airflow")],
        ("missing-exit-code", "fail"),
    ),
    "dagster_assets_from_modules": (
        {
            "quotes/__init__.py": "",
            "quotes/assets.py": 'import json\nimport logging\n\nimport requests\nfrom dagster import asset\n\nlog = logging.getLogger(__name__)\n\n\n@asset\ndef daily_quotes():\n    try:\n        response = requests.get("https://quotes.example.com/daily", timeout=30)\n        response.raise_for_status()\n    except requests.RequestException as e:\n        log.error("fetching quotes failed: %s", e)\n        return\n    with open("/data/quotes.json", "w") as f:\n        json.dump(response.json(), f)\n',
            "quotes/definitions.py": 'from dagster import Definitions, ScheduleDefinition, define_asset_job, load_assets_from_modules\n\nfrom quotes import assets\n\nquotes_job = define_asset_job("quotes_job", selection="*")\n\ndefs = Definitions(\n    assets=load_assets_from_modules([assets]),\n    jobs=[quotes_job],\n    schedules=[ScheduleDefinition(job=quotes_job, cron_schedule="0 6 * * *")],\n)\n',
        },
        [("quotes/definitions.py", "job", "dagster")],
        ("missing-exit-code", "fail"),
    ),
    "dagster_op_context_log": (
        {
            "pipeline/__init__.py": "",
            "pipeline/jobs.py": "from dagster import job\n\nfrom pipeline.ops import backup_postgres\n\n\n@job\ndef stock_job():\n    backup_postgres()\n",
            "pipeline/ops.py": 'import subprocess\n\nfrom dagster import OpExecutionContext, op\n\n\n@op\ndef backup_postgres(context: OpExecutionContext):\n    try:\n        subprocess.run(["pg_dump", "-f", "/backups/stocks.sql", "stocks"], check=True)\n    except subprocess.CalledProcessError as e:\n        context.log.error(f"backup failed: {e}")\n',
            "pipeline/repository.py": 'from dagster import repository, schedule\n\nfrom pipeline.jobs import stock_job\n\n\n@schedule(cron_schedule="0 */2 * * *", job=stock_job)\ndef stock_schedule(_context):\n    return {}\n\n\n@repository\ndef stock_repository():\n    return [stock_job, stock_schedule]\n',
        },
        [("pipeline/repository.py", "job", "dagster")],
        ("missing-exit-code", "fail"),
    ),
    "mmpy_bot_submodule_import": (
        {
            "mmpy_bot_settings.py": 'import os\n\nBOT_URL = os.environ["MATTERMOST_URL"]\nBOT_LOGIN = os.environ["MATTERMOST_LOGIN"]\nBOT_PASSWORD = os.environ["MATTERMOST_PASSWORD"]\nBOT_TEAM = "ops"\nPLUGINS = ["plugins"]\n',
            "plugins/__init__.py": "",
            "plugins/deploy.py": 'from mmpy_bot.bot import respond_to\n\n\n@respond_to("deploy (.*)")\ndef deploy(message, service):\n    message.reply(f"deploying {service}")\n',
            "run_bot.py": '"""Start the team\'s Mattermost bot."""\nfrom mmpy_bot.bot import Bot\n\nif __name__ == "__main__":\n    Bot().run()\n',
        },
        [("run_bot.py", "worker", "mattermost")],
        None,
    ),
    "basic_auth_admin": (
        {
            "backup_router.py": '"""Download the router\'s configuration backup every night."""\nimport requests\nfrom requests.auth import HTTPBasicAuth\n\nROUTER = "http://192.168.1.1"\n\n\ndef main():\n    config = requests.get(f"{ROUTER}/backup.cfg", auth=HTTPBasicAuth("admin", "admin"), timeout=30)\n    config.raise_for_status()\n    status = requests.get(f"{ROUTER}/status.json", auth=("admin", "admin"), timeout=30)\n    status.raise_for_status()\n    with open("router-backup.cfg", "wb") as f:\n        f.write(config.content)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("backup_router.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review, of 5567fde..e356a4e: each case fails on e356a4e (its scheduler placed at an
# app's start-up hook is taken back: a served app's module is no scheduler process; Flask
# commands that ask, loop, start something for good, run the tests or wait for a database are
# no jobs; a handler's `j = context.job_queue` is a user's reminder), and passes since.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "sched_hook_exit_code": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["uvicorn", "api:app", "--host", "0.0.0.0", "--port", "8000"]\n',
            "api.py": 'import logging\nimport os\n\nimport psycopg2\nfrom fastapi import FastAPI\n\nfrom scheduler import scheduler\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n# warm-up: create the table at import; the API still serves (read-only) without it\ntry:\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("CREATE TABLE IF NOT EXISTS prices (sku text PRIMARY KEY, price numeric)")\nexcept psycopg2.OperationalError as e:\n    log.error("could not create the prices table: %s", e)\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def start_scheduler():\n    scheduler.start()\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
            "scheduler.py": 'import logging\nimport os\n\nimport requests\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nlogger = logging.getLogger(__name__)\nscheduler = AsyncIOScheduler()\n\n\n@scheduler.scheduled_job("interval", minutes=5)\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n',
        },
        [("api.py", "api", "fastapi"), ("scheduler.py", "job", "apscheduler")],
        ("missing-exit-code", {"scheduler.py": "pass"}),
    ),
    "jq_context_named": (
        {
            "bot.py": 'import logging\nimport os\n\nfrom telegram.ext import CommandHandler, Updater\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef remind(context):\n    context.bot.send_message(chat_id=context.job.context, text="Time to drink water!")\n\n\ndef start(update, context):\n    j = context.job_queue\n    j.run_repeating(remind, interval=3600, first=10, context=update.message.chat_id)\n    update.message.reply_text("I will remind you every hour.")\n\n\ndef stop(update, context):\n    for job in context.job_queue.jobs():\n        job.schedule_removal()\n    update.message.reply_text("Reminders stopped.")\n\n\ndef main():\n    updater = Updater(os.environ["BOT_TOKEN"])\n    updater.dispatcher.add_handler(CommandHandler("start", start))\n    updater.dispatcher.add_handler(CommandHandler("stop", stop))\n    updater.start_polling()\n    updater.idle()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    "sched_in_cli_command": (
        {
            "app.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nfrom scheduler import scheduler\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n\n\n@app.cli.command("scheduler")\ndef run_scheduler():\n    """`flask scheduler`: the clock process, in its own container."""\n    scheduler.start()\n',
            "scheduler.py": 'import logging\nimport os\n\nimport requests\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nlogger = logging.getLogger(__name__)\nscheduler = BlockingScheduler()\n\n\n@scheduler.scheduled_job("cron", hour=3)\ndef refresh_rates():\n    resp = requests.get(os.environ["RATES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("refreshed %d rates", len(resp.json()))\n',
        },
        [("app.py", "api", "flask"), ("scheduler.py", "job", "apscheduler")],
        None,
    ),
    "flask_cli_prompting_judged": (
        {
            "app.py": 'import logging\nimport os\n\nimport click\nfrom flask import Flask, jsonify\nfrom flask_sqlalchemy import SQLAlchemy\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\ndb = SQLAlchemy(app)\n\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(120), unique=True, nullable=False)\n    is_admin = db.Column(db.Boolean, default=False)\n\n\n@app.cli.command("init-db")\ndef init_db():\n    """Create the tables (run by the release step)."""\n    db.create_all()\n    log.info("tables created")\n\n\n@app.cli.command("create-admin")\ndef create_admin():\n    """Make a person an administrator, by hand."""\n    email = click.prompt("Admin e-mail")\n    try:\n        db.session.add(User(email=email, is_admin=True))\n        db.session.commit()\n    except Exception as e:\n        db.session.rollback()\n        log.error("could not create %s: %s", email, e)\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n'
        },
        [("app.py", "api", "flask"), ("app.py", "job", "flask-cli")],
        ("missing-exit-code", {"app.py": "pass"}),
    ),
    "flask_cli_worker": (
        {
            "app.py": 'import json\nimport logging\nimport os\n\nimport redis\nfrom flask import Flask, jsonify, request\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\napp = Flask(__name__)\nqueue = redis.Redis.from_url(os.environ["REDIS_URL"])\n\n\ndef send_email(payload):\n    log.info("sending mail to %s", payload["to"])\n\n\n@app.post("/emails")\ndef enqueue_email():\n    queue.rpush("emails", json.dumps(request.get_json()))\n    return jsonify(queued=True), 202\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n\n\n@app.cli.command("worker")\ndef worker():\n    """Consume the e-mail queue: `flask worker` in its own container."""\n    while True:\n        _, raw = queue.blpop("emails")\n        send_email(json.loads(raw))\n'
        },
        [("app.py", "api", "flask")],
        None,
    ),
    "flask_cli_clock": (
        {
            "app.py": 'import logging\nimport time\n\nimport schedule\nfrom flask import Flask, jsonify\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\napp = Flask(__name__)\n\n\ndef purge():\n    log.info("purged")\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n\n\n@app.cli.command("clock")\ndef clock():\n    schedule.every().hour.do(purge)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n'
        },
        [("app.py", "api", "flask"), ("app.py", "job", "schedule")],
        None,
    ),
    "flask_cli_test_runner": (
        {
            "app.py": 'import sys\n\nimport pytest\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n\n\n@app.cli.command("test")\ndef test():\n    """Run the unit tests: `flask test`."""\n    sys.exit(pytest.main(["-q", "tests"]))\n',
            "tests/test_app.py": "def test_ok():\n    assert True\n",
        },
        [("app.py", "api", "flask")],
        None,
    ),
    "flask_cli_wait_for_db": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["sh", "-c", "flask wait-for-db && gunicorn -b 0.0.0.0:8000 app:app"]\n',
            "app.py": 'import logging\nimport os\nimport time\n\nfrom flask import Flask, jsonify\nfrom flask_sqlalchemy import SQLAlchemy\nfrom sqlalchemy.exc import OperationalError\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\ndb = SQLAlchemy(app)\n\n\n@app.cli.command("wait-for-db")\ndef wait_for_db():\n    """Container start-up step: `flask wait-for-db && gunicorn app:app`."""\n    for _ in range(30):\n        try:\n            db.session.execute(db.text("SELECT 1"))\n            return\n        except OperationalError:\n            log.info("database not up yet")\n            time.sleep(1)\n    raise SystemExit("database never came up")\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n',
        },
        [("app.py", "api", "flask")],
        None,
    ),
    "flask_cli_password_option": (
        {
            "app.py": 'import os\n\nimport click\nfrom flask import Flask, jsonify\nfrom flask_sqlalchemy import SQLAlchemy\nfrom werkzeug.security import generate_password_hash\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\ndb = SQLAlchemy(app)\n\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(120), unique=True, nullable=False)\n    password_hash = db.Column(db.String(256), nullable=False)\n\n\n@app.cli.command("create-user")\n@click.argument("email")\n@click.password_option()\ndef create_user(email, password):\n    """Add a login by hand: `flask create-user ann@example.com` asks for the password twice."""\n    db.session.add(User(email=email, password_hash=generate_password_hash(password)))\n    db.session.commit()\n    click.echo(f"created {email}")\n\n\n@app.get("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n'
        },
        [("app.py", "api", "flask")],
        None,
    ),
    "sched_hook_and_main": (
        {
            "Procfile": "web: uvicorn api:app --host 0.0.0.0 --port $PORT\nclock: python clock.py\n",
            "api.py": 'import logging\nimport os\n\nfrom fastapi import FastAPI\n\nfrom scheduler import scheduler\n\nlogging.basicConfig(level=logging.INFO)\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def start_scheduler():\n    # (single-container deployments run the scheduler in the web process)\n    if os.environ.get("RUN_SCHEDULER_IN_WEB") == "1":\n        scheduler.start()\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
            "clock.py": 'import asyncio\nimport logging\n\nfrom scheduler import scheduler\n\nlogging.basicConfig(level=logging.INFO)\n\n\nasync def main():\n    scheduler.start()\n    await asyncio.Event().wait()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
            "scheduler.py": 'import logging\nimport os\n\nimport requests\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nlogger = logging.getLogger(__name__)\nscheduler = AsyncIOScheduler()\n\n\n@scheduler.scheduled_job("interval", minutes=5)\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n',
        },
        [("api.py", "api", "fastapi"), ("clock.py", "job", "apscheduler"), ("clock.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


def test_second_review_flask_command_line(make_tree: Callable[[dict[str, str]], Path]) -> None:
    """A Flask command's job is placed at its function (a suppression on that line applies), not at line 0."""
    from readiness_lint.engine import run

    app = (
        "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        '@app.cli.command("init-db")\ndef init_db():  # readiness: ignore[missing-heartbeat]\n'
        '    open(os.environ["DB_PATH"], "a").close()\n'
    )
    report = run([str(make_tree({"app.py": app}))])
    jobs = [r for r in report.entrypoints if r.entrypoint.framework == "flask-cli"]
    assert [r.entrypoint.line for r in jobs] == [9]
    assert {c.name: c.status for c in jobs[0].checks}["missing-heartbeat"] == "na"  # (suppressed)
    assert not [f for f in report.findings if f.name in {"missing-heartbeat", "unused-suppression"}]


# A third review, of db40273..d90cd47: its exit-code change (a failed notice after a file written,
# a scratch file not removed) and the delete-where-found insert fix are taken back; each case below
# failed on d90cd47 (the first two are misses it left, mended since).
_THIRD_REVIEW_CASES: dict[str, Case] = {
    "insert_helper_with_cursor": (
        {
            "run.py": 'import time\n\nimport psycopg2\n\n\ndef fetch_last_posts(conn):\n    with conn.cursor() as cur:\n        cur.execute("SELECT postid FROM posts")\n        rows = cur.fetchall()\n    return [r[0] for r in rows]\n\n\ndef post(conn, child_id):\n    last_posts = fetch_last_posts(conn)\n    if child_id in last_posts:\n        return\n    with conn.cursor() as cur:\n        cur.execute("INSERT INTO posts (postid) VALUES (%s)", (child_id,))\n    conn.commit()\n\n\nif __name__ == "__main__":\n    conn = psycopg2.connect("dbname=bot")\n    while True:\n        post(conn, "abc")\n        time.sleep(60)\n'
        },
        [("run.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 0),
    ),
    "insert_helper_named_keys": (
        {
            "run.py": 'import sqlite3\nimport time\n\n\ndef fetch_last_posts(conn):\n    cur = conn.cursor()\n    cur.execute("select postid from posts")\n    rows = cur.fetchall()\n    ids = [r[0] for r in rows]\n    return ids\n\n\ndef post(conn, child_id):\n    last_posts = fetch_last_posts(conn)\n    if child_id in last_posts:\n        return\n    conn.execute("insert into posts (postid) values (?)", (child_id,))\n    conn.commit()\n\n\nif __name__ == "__main__":\n    conn = sqlite3.connect("posts.db")\n    while True:\n        post(conn, "abc")\n        time.sleep(60)\n'
        },
        [("run.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 0),
    ),
    "insert_branch_delete": (
        {
            "consumer.py": 'import json\nimport sqlite3\n\nimport pika\n\nconn = sqlite3.connect("catalog.db")\n\n\ndef on_message(ch, method, properties, body):\n    event = json.loads(body)\n    if event["type"] == "deleted":\n        conn.execute("DELETE FROM items WHERE item_id = ?", (event["id"],))\n    else:\n        conn.execute(\n            "INSERT INTO items (item_id, name, price) VALUES (?, ?, ?)",\n            (event["id"], event["name"], event["price"]),\n        )\n    conn.commit()\n    ch.basic_ack(delivery_tag=method.delivery_tag)\n\n\ndef main():\n    connection = pika.BlockingConnection(pika.ConnectionParameters("rabbitmq"))\n    channel = connection.channel()\n    channel.queue_declare(queue="catalog")\n    channel.basic_consume(queue="catalog", on_message_callback=on_message)\n    channel.start_consuming()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("consumer.py", "worker", "rabbitmq")],
        ("non-idempotent-insert", 1),
    ),
    "insert_flag_delete": (
        {
            "load_sales.py": 'import argparse\nimport csv\nimport datetime\nimport sqlite3\n\n\ndef load(conn, day, rows, rebuild=False):\n    if rebuild:\n        conn.execute("DELETE FROM sales WHERE day = ?", (day,))\n    conn.executemany(\n        "INSERT INTO sales (day, sku, qty) VALUES (?, ?, ?)",\n        [(day, r["sku"], int(r["qty"])) for r in rows],\n    )\n    conn.commit()\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("csv_path")\n    parser.add_argument("--rebuild", action="store_true")\n    args = parser.parse_args()\n    day = datetime.date.today().isoformat()\n    with open(args.csv_path, newline="") as f:\n        rows = list(csv.DictReader(f))\n    conn = sqlite3.connect("/data/sales.db")\n    load(conn, day, rows, rebuild=args.rebuild)\n    conn.close()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("load_sales.py", "job", "argparse")],
        ("non-idempotent-insert", 1),
    ),
    "insert_other_row_delete": (
        {
            "worker.py": 'import json\nimport sqlite3\n\nimport redis\n\nr = redis.Redis(host="redis")\nconn = sqlite3.connect("orders.db")\n\n\ndef handle(order):\n    if order.get("replaces"):\n        # an amended order: the one it replaces goes\n        conn.execute("DELETE FROM orders WHERE order_id = ?", (order["replaces"],))\n    conn.execute(\n        "INSERT INTO orders (order_id, customer, total) VALUES (?, ?, ?)",\n        (order["order_id"], order["customer"], order["total"]),\n    )\n    conn.commit()\n\n\ndef main():\n    while True:\n        _, raw = r.blpop("orders")\n        handle(json.loads(raw))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker.py", "worker", "redis")],
        ("non-idempotent-insert", 1),
    ),
    "notice_report_buffer": (
        {
            "daily_report.py": 'import io\nimport logging\nimport os\nimport sqlite3\n\nimport requests\n\nlog = logging.getLogger(__name__)\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\n\n\ndef build_report():\n    conn = sqlite3.connect("/data/shop.db")\n    rows = conn.execute("SELECT sku, SUM(qty) FROM sales WHERE day = date(\'now\') GROUP BY sku").fetchall()\n    conn.close()\n    buf = io.StringIO()\n    buf.write("*Sales today*\\n")\n    for sku, qty in rows:\n        buf.write(f"{sku}: {qty}\\n")\n    return buf.getvalue()\n\n\ndef main():\n    text = build_report()\n    try:\n        requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=10)\n    except Exception as e:\n        log.error("could not post the report: %s", e)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("daily_report.py", "job", "python")],
        ("missing-exit-code", {"daily_report.py": "fail"}),
    ),
    "notice_django_stdout": (
        {
            "manage.py": 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "shop/__init__.py": "",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/post_daily_digest.py": 'import requests\nfrom django.conf import settings\nfrom django.core.management.base import BaseCommand\n\nfrom shop.models import Order\n\n\nclass Command(BaseCommand):\n    help = "Posts yesterday\'s order digest to the team\'s Slack channel"\n\n    def handle(self, *args, **options):\n        count = Order.objects.filter(created__date=yesterday()).count()\n        self.stdout.write(f"posting the digest: {count} orders")\n        try:\n            requests.post(settings.SLACK_WEBHOOK, json={"text": f"{count} orders yesterday"}, timeout=10)\n        except Exception as e:\n            self.stderr.write(f"could not post the digest: {e}")\n\n\ndef yesterday():\n    import datetime\n\n    return datetime.date.today() - datetime.timedelta(days=1)\n',
        },
        [("manage.py", "api", "django"), ("shop/management/commands/post_daily_digest.py", "job", "django-command")],
        ("missing-exit-code", {"shop/management/commands/post_daily_digest.py": "fail"}),
    ),
    "notice_seen_state_first": (
        {
            "feed_to_slack.py": 'import json\nimport logging\nimport os\n\nimport feedparser\nimport requests\n\nlog = logging.getLogger(__name__)\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\nSEEN = "/data/seen.json"\n\n\ndef main():\n    with open(SEEN) as f:\n        seen = set(json.load(f))\n    feed = feedparser.parse("https://status.example.com/history.rss")\n    new = [e for e in feed.entries if e.id not in seen]\n    if not new:\n        return 0\n    with open(SEEN, "w") as f:\n        json.dump(sorted(seen | {e.id for e in new}), f)\n    try:\n        for e in new:\n            requests.post(SLACK_WEBHOOK, json={"text": f"{e.title} {e.link}"}, timeout=10)\n    except Exception as e:\n        log.error("could not post to Slack: %s", e)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("feed_to_slack.py", "job", "python")],
        ("missing-exit-code", {"feed_to_slack.py": "fail"}),
    ),
    "notice_try_removes_source": (
        {
            "archive_events.py": 'import gzip\nimport json\nimport logging\nimport os\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\nRAW = "/data/events/current.jsonl"\n\n\ndef main():\n    with open(RAW) as f:\n        rows = [json.loads(line) for line in f]\n    archive = f"/data/archive/events-{int(time.time())}.json.gz"\n    with gzip.open(archive, "wt") as f:\n        json.dump(rows, f)\n    try:\n        os.remove(RAW)\n        requests.post(SLACK_WEBHOOK, json={"text": f"archived {len(rows)} events to {archive}"}, timeout=10)\n    except Exception as e:\n        log.warning("after the archive: %s", e)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("archive_events.py", "job", "python")],
        ("missing-exit-code", {"archive_events.py": "fail"}),
    ),
    "tidy_cache_purge_job": (
        {
            "purge_cache.py": 'import logging\nimport shutil\n\nlog = logging.getLogger(__name__)\nCACHE_DIR = "/var/cache/thumbnails"\n\n\ndef main():\n    log.info("purging %s", CACHE_DIR)\n    try:\n        shutil.rmtree(CACHE_DIR)\n    except Exception as e:\n        log.error("could not purge the cache: %s", e)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("purge_cache.py", "job", "python")],
        ("missing-exit-code", {"purge_cache.py": "fail"}),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
