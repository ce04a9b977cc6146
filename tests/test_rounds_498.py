"""Session 35: what blind rounds 498 onwards showed, as small trees.

Each case fails on 43735b4 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]


def _edited(files: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    """``files`` with ``old`` in ``path`` (found exactly once) replaced by ``new``: a trap beside its case."""
    assert files[path].count(old) == 1
    return {**files, path: files[path].replace(old, new)}


# Round 498: a module-level script emptying a versioned bucket with boto3's batch action
_EMPTY_BUCKET = {
    "run.py": """\
import boto3

BUCKET = "reports-archive"

session = boto3.Session()
s3 = session.resource("s3")
bucket = s3.Bucket(BUCKET)
bucket.object_versions.delete()
""",
}

# Round 501: an API Gateway handler (CORS headers bound to a name first) tried out at the module's end
_LAMBDA_TRIED_AT_IMPORT = {
    "status.py": """\
import json
import os

import requests

API_KEY = os.environ["API_KEY"]


def lambda_handler(event, context):
    response = requests.post("https://api.example.com/v2/monitors", data={"api_key": API_KEY}, timeout=10)
    monitors = response.json().get("monitors", [])
    down = [m["name"] for m in monitors if m["status"] >= 8]
    headers = {"Access-Control-Allow-Origin": "*"}
    return {"statusCode": 200, "body": json.dumps({"down": down}), "headers": headers}


lambda_handler(None, None)
""",
}

# Round 502: a generated key as a secret's environment fallback has leaked as well
_GENERATED_KEY_FALLBACK = {
    "app.py": """\
import os

from flask import Flask, abort, request

API_KEY = os.getenv("API_KEY", "f376d32d14b058ed2383b97fd568d1b26de1b75c")

app = Flask(__name__)


@app.post("/hook")
def hook():
    if request.headers.get("X-Api-Key") != API_KEY:
        abort(401)
    return {"ok": True}
""",
}

# Round 505: an IRC watcher whose instance of another module's class reads its socket until `stop()`
_IRC_WATCHER = {
    "src/server.py": """\
import select
import socket
import sys


class IRCServer:
    def __init__(self, callback):
        self._callback = callback
        self._running = False
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.connect(("irc.libera.chat", 6667))

    def recv(self):
        while self._running:
            ready = select.select([self._sock], [], [], 5)
            if ready[0]:
                message = self._sock.recv(1024).decode("UTF-8")
                self._callback.process_message(message)

    def watch(self):
        self._running = True
        self.recv()

    def stop(self):
        self._running = False
        self._sock.close()
        sys.exit(0)
""",
    "src/watchdog.py": """\
import logging

from server import IRCServer

log = logging.getLogger("watchdog")


class Watchdog:
    def __init__(self):
        self._server = IRCServer(self)

    def process_message(self, message):
        log.info("got %s", message)

    def run(self):
        self._server.watch()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Watchdog().run()
""",
}

# Round 508: a report job writing each asset's failure into the report and carrying on
_REPORT_WRITES_ERRORS = {
    "daily_report.py": """\
import logging

import yfinance as yf

ASSETS = ["AAPL", "MSFT"]
log = logging.getLogger("report")


def generate_daily_report(path):
    with open(path, "w", encoding="utf-8") as f:
        for symbol in ASSETS:
            try:
                data = yf.download(symbol, period="1y")
                f.write(f"{symbol}: {data['Close'].iloc[-1]:.2f}\\n")
            except Exception as e:
                f.write(f"[!] {symbol} - Error: {e}\\n")
    return path


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    generate_daily_report("report.txt")
""",
}

# Round 510: the `__main__` block starts the poller's thread through a function of the file, then serves
_THREAD_THROUGH_FUNCTION = {
    "app.py": """\
import threading
import time

import requests
from flask import Flask, jsonify

app = Flask(__name__)
status_cache = {}


def update_statuses():
    while True:
        status_cache["office"] = requests.get("https://status.office.com", timeout=5).status_code
        time.sleep(60)


def start_background_thread():
    thread = threading.Thread(target=update_statuses, daemon=True)
    thread.start()


@app.route("/")
def index():
    return "<h1>Status</h1>"


@app.route("/api/status")
def api_status():
    return jsonify(status_cache)


if __name__ == "__main__":
    start_background_thread()
    app.run(host="0.0.0.0", port=8000)
""",
}

# Round 516: a runner script calling the job's `main()`, whose module runs the same `main()` in its own block
_RUNNER_AND_MODULE = {
    "cron_script.sh": '#!/bin/bash\ncd "$(dirname "$0")" && poetry run python main.py\n',
    "main.py": "from reminders.checker import main\n\nmain()\n",
    "reminders/checker.py": """\
import logging
import os

import requests

log = logging.getLogger("reminders")


def main():
    logging.basicConfig(level=logging.INFO)
    r = requests.post(os.environ["SIGNAL_URL"], json={"message": "birthdays today"}, timeout=10)
    r.raise_for_status()


if __name__ == "__main__":
    main()
""",
}

# Round 511: a beat schedule in a configuration module that no Celery app loads
_UNLOADED_BEAT_CONFIG = {
    "celery_config.py": """\
from datetime import timedelta

broker_url = "redis://redis:6379/0"
beat_schedule = {
    "every-10-seconds": {"task": "tasks.tick", "schedule": timedelta(seconds=10)},
}
""",
    "celery_app.py": """\
from celery import Celery

app = Celery("scheduler", broker="redis://redis:6379/0", include=["tasks"])
app.conf.update(result_expires=3600)
""",
    "tasks.py": """\
import logging

from celery_app import app

log = logging.getLogger(__name__)


@app.task
def tick():
    log.info("tick")
""",
}

# Round 515: a Flask-SocketIO app's signing key written as a few words
_KEY_PHRASE = {
    "server.py": """\
from flask import Flask
from flask_socketio import SocketIO

app = Flask(__name__)
app.config["SECRET_KEY"] = "#super secret key!#"
socketio = SocketIO(app)


@app.route("/health")
def health():
    return "ok"


@socketio.on("reading")
def reading(data):
    socketio.emit("chart", data)
""",
}

# Round 513: an MQTT client's thread kept alive by `while self.is_run: time.sleep(1)` in another module's class
_MQTT_KEPT_ALIVE = {
    "sensors.py": """\
import logging
import time

import paho.mqtt.client as mqtt

log = logging.getLogger("sensors")


class MainProcess:
    def __init__(self, host):
        self.host = host
        self.is_run = False
        self.client = mqtt.Client()

    def publish(self):
        self.client.publish("pi/temp", 42)

    def run(self):
        self.client.connect(self.host)
        self.client.loop_start()
        self.is_run = True
        while self.is_run:
            time.sleep(1)

    def stop(self):
        self.is_run = False
        self.client.loop_stop()
""",
    "daemon.py": """\
import logging

from sensors import MainProcess

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    MainProcess("broker.local").run()
""",
}

# Round 513: a command-line script whose HTTP write's status is only printed, formatted first
_STATUS_FORMATTED = {
    "post_to_ha.py": """\
import sys

import requests

HA_URL = "http://homeassistant.local:8123"


def main(argv):
    entity, state = argv[0], argv[1]
    url = "{0}/api/services/{1}/turn_{2}".format(HA_URL, entity.split(".")[0], state)
    r = requests.post(url, json={"entity_id": entity}, timeout=10)
    print("Return code: {0}".format(r.status_code))


if __name__ == "__main__":
    main(sys.argv[1:])
""",
}

# Round 474 (measured before): a `schedule` process whose one job posts to Slack, its SlackApiError only printed
_SLACK_SCHEDULE = {
    "script.py": """\
import os
import time

import schedule
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

client = WebClient(token=os.environ["SLACK_BOT_TOKEN"])


def slacker():
    try:
        client.chat_postMessage(channel="#general", text="The sun rises")
    except SlackApiError as e:
        print(f"Got an error: {e.response['error']}")


schedule.every().day.at("06:00").do(slacker)

while True:
    schedule.run_pending()
    time.sleep(1)
""",
}

# Round 496 (measured before): a `schedule` job whose PUT is tested only for success, by the function's last statement
_PUT_SUCCESS_ONLY = {
    "main.py": """\
import os
import time

import requests
import schedule

DOMAIN = os.environ["DOMAIN"]


def wan_ip():
    return requests.get("https://api.ipify.org", timeout=10).text


def update_dns(ip):
    url = f"https://api.godaddy.com/v1/domains/{DOMAIN}/records/A/@"
    res = requests.put(url, json=[{"data": ip}], timeout=10)
    if res.ok:
        print(f"changed the record to {ip}")


def job():
    update_dns(wan_ip())


schedule.every(10).minutes.do(job)

while True:
    schedule.run_pending()
    time.sleep(1)
""",
}

# Round 519: an upload script whose whole program sits in a module-level `try:`, a storage key in its connection string
_TRY_WRAPPED_UPLOAD = {
    "script.py": """\
import os

from azure.storage.blob import BlobServiceClient

try:
    service = BlobServiceClient.from_connection_string(
        "DefaultEndpointsProtocol=https;AccountName=shopbackups;AccountKey=4MMt7dyNxFOzCV1zFQ07WEheMjmKPWP/4dBEr77dM5hkrmJsYtWNKqtWFISKvsWIF30CHygvGWJb+AStQ4uVkQ==;EndpointSuffix=core.windows.net"
    )
    local_path = os.environ["BACKUP_DIR"]
    for filename in os.listdir(local_path):
        blob = service.get_blob_client("backups", filename)
        with open(os.path.join(local_path, filename), "rb") as data:
            blob.upload_blob(data)
except Exception as ex:
    print("Exception:", ex)
""",
}

# Round 519: a log uploader that removes what it uploaded only when asked (`--delete`)
_DELETE_FLAG = {
    "logs_to_gs.py": """\
import argparse
import logging
from pathlib import Path

from google.cloud import storage

log = logging.getLogger("logs")


def upload(local_dir: Path, delete_files: bool) -> None:
    bucket = storage.Client().bucket("dcs-logs")
    for file_ in sorted(local_dir.glob("*.log")):
        bucket.blob(file_.name).upload_from_filename(str(file_))
        if delete_files:
            file_.unlink()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--local-path", type=Path, required=True)
    parser.add_argument("--delete", action="store_true", help="delete files after upload")
    args = parser.parse_args()
    upload(args.local_path, args.delete)
""",
}

# Round 522: a job that drains an SQS queue, leaving when the answer holds no `Messages` (`except KeyError: break`)
_DRAINED_BY_KEY_ERROR = {
    "process.py": """\
import json
import logging

import boto3

log = logging.getLogger("stats")


def get_all_messages(client, queue_url):
    messages = []
    while True:
        batch = client.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
        try:
            messages.append(json.loads(batch["Messages"][0]["Body"]))
        except KeyError:
            log.info("all messages consumed")
            break
    return messages


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sqs = boto3.client("sqs")
    found = get_all_messages(sqs, "https://sqs.eu-west-1.amazonaws.com/1/stats")
    log.info("%d messages", len(found))
""",
}

# Round 523: Dagster definitions with a schedule, which the Dagster daemon runs
_DAGSTER_SCHEDULE = {
    "data_cow/__init__.py": """\
from dagster import AssetSelection, Definitions, ScheduleDefinition, define_asset_job, load_assets_from_modules

from . import assets

all_assets = load_assets_from_modules([assets])
logs = define_asset_job("logs", selection=AssetSelection.all())
logs_schedule = ScheduleDefinition(job=logs, cron_schedule="0 * * * *")

defs = Definitions(assets=all_assets, schedules=[logs_schedule])
""",
    "data_cow/assets.py": """\
from dagster import asset


@asset
def caddy_logs():
    return []
""",
}

# Round 523: a Luigi pipeline whose `luigi.build()` answer is dropped
_LUIGI_BUILD = {
    "main.py": """\
import luigi


class Extract(luigi.Task):
    def output(self):
        return luigi.LocalTarget("data/users.csv")

    def run(self):
        with self.output().open("w") as f:
            f.write("id,name\\n")


if __name__ == "__main__":
    luigi.build([Extract()], local_scheduler=True)
""",
}

_CASES: dict[str, Case] = {
    "empty_bucket_script": (_EMPTY_BUCKET, [("run.py", "job", "script")], ("missing-dry-run", "fail")),
    # trap: the batch action behind an --apply flag
    "empty_bucket_script_applied": (
        _edited(
            _EMPTY_BUCKET,
            "run.py",
            "bucket.object_versions.delete()\n",
            'import sys\n\nif "--apply" in sys.argv:\n    bucket.object_versions.delete()\nelse:\n    print(list(bucket.object_versions.limit(10)))\n',
        ),
        [("run.py", "job", "script")],
        ("missing-dry-run", "pass"),
    ),
    "lambda_tried_at_import": (
        _LAMBDA_TRIED_AT_IMPORT,
        [("status.py", "api", "aws-lambda")],
        ("http-call-without-timeout", 0),
    ),
    # trap: a handler that answers no browser (no CORS headers), called at import: a script's job
    "lambda_tried_at_import_scheduled": (
        _edited(
            _LAMBDA_TRIED_AT_IMPORT,
            "status.py",
            '    headers = {"Access-Control-Allow-Origin": "*"}\n',
            '    headers = {"Content-Type": "application/json"}\n',
        ),
        [("status.py", "job", "script")],
        None,
    ),
    "generated_key_fallback": (
        _GENERATED_KEY_FALLBACK,
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # trap: a stand-in as the fallback is hardcoded-secret-fallback's alone
    "generated_key_fallback_stand_in": (
        _edited(_GENERATED_KEY_FALLBACK, "app.py", "f376d32d14b058ed2383b97fd568d1b26de1b75c", "dev-api-key-1"),
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "socket_held_by_instance": (_IRC_WATCHER, [("src/watchdog.py", "worker", "socket")], None),
    # trap: the loop leaves once a message came (`return`): not read for ever
    "socket_held_by_instance_returns": (
        _edited(
            _IRC_WATCHER,
            "src/server.py",
            "                self._callback.process_message(message)\n",
            "                self._callback.process_message(message)\n                return message\n",
        ),
        [("src/watchdog.py", "job", "python")],
        None,
    ),
    "report_writes_errors": (
        _REPORT_WRITES_ERRORS,
        [("daily_report.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the handler writes a placeholder, not what was caught, and re-raises
    "report_writes_errors_reraised": (
        _edited(
            _REPORT_WRITES_ERRORS,
            "daily_report.py",
            '                f.write(f"[!] {symbol} - Error: {e}\\n")\n',
            '                f.write(f"[!] {symbol} - Error: {e}\\n")\n                raise\n',
        ),
        [("daily_report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "thread_through_function": (
        _THREAD_THROUGH_FUNCTION,
        [("app.py", "api", "flask"), ("app.py", "worker", "polling-loop")],
        None,
    ),
    # trap: the function that starts the thread is a route's (one request's work), not the block's
    "thread_through_function_route": (
        _edited(
            _edited(_THREAD_THROUGH_FUNCTION, "app.py", "    start_background_thread()\n    app.run", "    app.run"),
            "app.py",
            "def index():\n",
            "def index():\n    start_background_thread()\n",
        ),
        [("app.py", "api", "flask")],
        None,
    ),
    "runner_and_module": (_RUNNER_AND_MODULE, [("main.py", "job", "script")], None),
    # trap: the runner does work of its own besides: the module's block is the shared job run by hand
    "runner_and_module_runner_works": (
        _edited(
            _RUNNER_AND_MODULE,
            "main.py",
            "main()\n",
            "import shutil\n\nmain()\nshutil.rmtree('/var/cache/reminders')\n",
        ),
        [("main.py", "job", "script"), ("reminders/checker.py", "job", "python")],
        None,
    ),
    "unloaded_beat_config": (_UNLOADED_BEAT_CONFIG, [("celery_app.py", "worker", "celery")], None),
    # trap: the app loads it by name
    "unloaded_beat_config_loaded": (
        _edited(
            _UNLOADED_BEAT_CONFIG,
            "celery_app.py",
            "app.conf.update(result_expires=3600)\n",
            'app.config_from_object("celery_config")\n',
        ),
        [("celery_app.py", "worker", "celery"), ("celery_config.py", "job", "celery-beat")],
        None,
    ),
    "key_phrase": (_KEY_PHRASE, [("server.py", "api", "flask")], ("hardcoded-secret", 1)),
    # trap: a sentence asking for the key
    "key_phrase_placeholder": (
        _edited(_KEY_PHRASE, "server.py", "#super secret key!#", "put the key here"),
        [("server.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "mqtt_kept_alive": (_MQTT_KEPT_ALIVE, [("daemon.py", "worker", "polling-loop")], None),
    # trap: no client loop started: the wait keeps nothing alive
    "mqtt_kept_alive_no_loop": (
        _edited(_MQTT_KEPT_ALIVE, "sensors.py", "        self.client.loop_start()\n", "        self.publish()\n"),
        [("daemon.py", "job", "python")],
        None,
    ),
    "status_formatted": (_STATUS_FORMATTED, [("post_to_ha.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: the status raised on first
    "status_formatted_raised": (
        _edited(
            _STATUS_FORMATTED,
            "post_to_ha.py",
            "    print(",
            "    r.raise_for_status()\n    print(",
        ),
        [("post_to_ha.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "slack_schedule": (_SLACK_SCHEDULE, [("script.py", "job", "schedule")], ("missing-exit-code", "fail")),
    # trap: the error re-raised, `run_pending()` lets it out
    "slack_schedule_raised": (
        _edited(
            _SLACK_SCHEDULE, "script.py", "{e.response['error']}\")\n", "{e.response['error']}\")\n        raise\n"
        ),
        [("script.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    "put_success_only": (_PUT_SUCCESS_ONLY, [("main.py", "job", "schedule")], ("missing-exit-code", "fail")),
    # trap: a read (GET) tested for success only: a probe's answer, not a lost write
    "put_success_only_get": (
        _edited(
            _PUT_SUCCESS_ONLY,
            "main.py",
            'requests.put(url, json=[{"data": ip}], timeout=10)',
            "requests.get(url, timeout=10)",
        ),
        [("main.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    "try_wrapped_upload": (_TRY_WRAPPED_UPLOAD, [("script.py", "job", "script")], ("hardcoded-secret", 1)),
    # trap: the emulator's published key (Azurite) is everyone's
    "try_wrapped_upload_emulator_key": (
        _edited(
            _TRY_WRAPPED_UPLOAD,
            "script.py",
            "4MMt7dyNxFOzCV1zFQ07WEheMjmKPWP/4dBEr77dM5hkrmJsYtWNKqtWFISKvsWIF30CHygvGWJb+AStQ4uVkQ==",
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        ),
        [("script.py", "job", "script")],
        ("hardcoded-secret", 0),
    ),
    "delete_flag": (_DELETE_FLAG, [("logs_to_gs.py", "job", "argparse")], ("missing-dry-run", "pass")),
    # trap: the same removal, unasked for (no option names it)
    "delete_flag_always": (
        _edited(
            _edited(
                _DELETE_FLAG,
                "logs_to_gs.py",
                "        if delete_files:\n            file_.unlink()\n",
                "        file_.unlink()\n",
            ),
            "logs_to_gs.py",
            '    parser.add_argument("--delete", action="store_true", help="delete files after upload")\n',
            "",
        ),
        [("logs_to_gs.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "drained_by_key_error": (_DRAINED_BY_KEY_ERROR, [("process.py", "job", "sqs")], None),
    # trap: a missing key skipped (`continue`), the loop polling on: a worker
    "drained_by_key_error_skips": (
        _edited(_DRAINED_BY_KEY_ERROR, "process.py", "            break\n", "            continue\n"),
        [("process.py", "worker", "sqs")],
        None,
    ),
    "dagster_schedule": (_DAGSTER_SCHEDULE, [("data_cow/__init__.py", "job", "dagster")], None),
    # trap: definitions with assets only: run by hand from the UI, nothing on a schedule
    "dagster_schedule_none": (
        _edited(
            _DAGSTER_SCHEDULE,
            "data_cow/__init__.py",
            "defs = Definitions(assets=all_assets, schedules=[logs_schedule])",
            "defs = Definitions(assets=all_assets)",
        ),
        [],
        None,
    ),
    "luigi_build": (_LUIGI_BUILD, [("main.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: the answer read
    "luigi_build_checked": (
        _edited(
            _LUIGI_BUILD,
            "main.py",
            "    luigi.build([Extract()], local_scheduler=True)\n",
            "    import sys\n\n    sys.exit(0 if luigi.build([Extract()], local_scheduler=True) else 1)\n",
        ),
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
