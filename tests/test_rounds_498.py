"""Session 35: what blind rounds 498 onwards showed, as small trees.

Each case fails on 43735b4 (the session's start, on which the rounds were measured), except the
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

# Round 519: a log uploader that removes what it uploaded only when asked (`if delete_files:`, `--delete`)
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

# Round 524: a clean-up job that prints "not found" and returns when its directory is missing
_NOT_FOUND_RETURNS = {
    "delete_old_backups.py": """\
import os
import sys
import time

BACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")


def delete_old_backups(backup_dir, retention_days, apply):
    cutoff = time.time() - retention_days * 86400
    if not os.path.exists(backup_dir):
        print(f"Backup directory not found: {backup_dir}")
        return
    for name in os.listdir(backup_dir):
        path = os.path.join(backup_dir, name)
        if os.path.getmtime(path) < cutoff and apply:
            os.remove(path)


if __name__ == "__main__":
    delete_old_backups(BACKUP_DIR, 7, "--apply" in sys.argv)
""",
}

# Round 526: a FastAPI start-up hook starting a Redis pub/sub listener, defined inside it, as a thread
_STARTUP_NESTED_LISTENER = {
    "app/main.py": """\
import threading

import redis
from fastapi import FastAPI

app = FastAPI()
redis_client = redis.StrictRedis(host="redis", port=6379, decode_responses=True)


@app.get("/health")
def health():
    return {"ok": True}


@app.post("/events")
def publish(event: str):
    redis_client.publish("events", event)
    return {"queued": True}


@app.on_event("startup")
def listen_to_events():
    def redis_listener():
        pubsub = redis_client.pubsub()
        pubsub.subscribe("events")
        for message in pubsub.listen():
            if message["type"] == "message":
                print(message["data"])

    listener = threading.Thread(target=redis_listener, daemon=True)
    listener.start()
""",
}

# Round 528: Docker clean-up through the Docker SDK, containers and images removed
_DOCKER_SDK_CLEANUP = {
    "cleanup.py": """\
import logging

import docker

log = logging.getLogger("cleanup")


def clean_old_containers():
    client = docker.DockerClient(base_url="unix://var/run/docker.sock")
    containers: list = client.containers.list(all=True)
    for container in containers:
        if container.status != "running":
            container.remove(force=True)


def clean_old_images():
    client = docker.from_env()
    for image in client.images.list(all=True):
        if not image.attrs["RepoTags"]:
            client.images.remove(image.id, force=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    clean_old_containers()
    clean_old_images()
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
    "mqtt_kept_alive": (_MQTT_KEPT_ALIVE, [("daemon.py", "worker", "mqtt")], None),
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
    # trap: the removal under another test, the `--delete` option beside it guards nothing
    "delete_flag_other_test": (
        _edited(_DELETE_FLAG, "logs_to_gs.py", "        if delete_files:\n", "        if file_.stat().st_size > 0:\n"),
        [("logs_to_gs.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "not_found_returns": (
        _NOT_FOUND_RETURNS,
        [("delete_old_backups.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a note that there is nothing to do
    "not_found_returns_nothing_to_do": (
        _edited(
            _NOT_FOUND_RETURNS,
            "delete_old_backups.py",
            'print(f"Backup directory not found: {backup_dir}")',
            'print(f"No backups yet in {backup_dir}, nothing to delete")',
        ),
        [("delete_old_backups.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "startup_nested_listener": (
        _STARTUP_NESTED_LISTENER,
        [("app/main.py", "api", "fastapi"), ("app/main.py", "worker", "redis-pubsub")],
        None,
    ),
    # trap: the same listener defined in a route's handler: one request's work
    "startup_nested_listener_route": (
        _edited(_STARTUP_NESTED_LISTENER, "app/main.py", '@app.on_event("startup")\n', '@app.post("/listen")\n'),
        [("app/main.py", "api", "fastapi")],
        None,
    ),
    "docker_sdk_cleanup": (_DOCKER_SDK_CLEANUP, [("cleanup.py", "job", "python")], ("missing-dry-run", "fail")),
    # trap: containers stopped and images only listed: nothing deleted
    "docker_sdk_cleanup_stops": (
        _edited(
            _edited(_DOCKER_SDK_CLEANUP, "cleanup.py", "container.remove(force=True)", "container.stop()"),
            "cleanup.py",
            "client.images.remove(image.id, force=True)",
            'log.info("untagged image %s", image.id)',
        ),
        [("cleanup.py", "job", "python")],
        ("missing-dry-run", "na"),
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


# A review of 43735b4..2eb7528 by a helper who had not written it: each case failed on 2eb7528.
_REVIEW_CASES: dict[str, Case] = {
    # a cron script waiting on a global flag its `on_message` clears, then writing the reading: a job
    "mqtt_wait_for_reply": (
        {
            "read_meter.py": '"""Read the electricity meter\'s retained reading once and append it to the CSV (run hourly by cron)."""\nimport csv\nimport datetime\nimport logging\nimport os\nimport sys\nimport time\n\nimport paho.mqtt.client as mqtt\n\nlog = logging.getLogger("read_meter")\n\nBROKER = os.environ.get("MQTT_BROKER", "broker.local")\nTOPIC = "home/meter/total_kwh"\nOUT = os.environ.get("METER_CSV", "meter.csv")\n\nrunning = True\nreading = None\n\n\ndef on_message(client, userdata, msg):\n    global running, reading\n    reading = float(msg.payload.decode())\n    running = False  # got the one value we came for\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(BROKER)\n    client.loop_start()\n    client.subscribe(TOPIC)\n    while running:\n        time.sleep(0.5)\n    client.loop_stop()\n    client.disconnect()\n    if reading is None:\n        log.error("no reading received")\n        sys.exit(1)\n    with open(OUT, "a", newline="") as f:\n        csv.writer(f).writerow([datetime.datetime.now().isoformat(), reading])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("read_meter.py", "job", "python")],
        None,
    ),
    # a client class reading its own socket in a daemon thread it starts: the job stays a job
    "socket_reader_thread_job": (
        {
            "power_off.py": '"""Turn the meeting-room projectors off at night (run from cron at 20:00)."""\nimport logging\nimport sys\n\nfrom projector import Projector\n\nlog = logging.getLogger("power_off")\n\nHOSTS = ["10.0.4.21", "10.0.4.22"]\n\n\ndef main():\n    failed = 0\n    for host in HOSTS:\n        p = Projector(host)\n        reply = p.command("%1POWR 0")\n        p.close()\n        if reply != "%1POWR=OK":\n            log.error("%s answered %s", host, reply)\n            failed += 1\n    return 1 if failed else 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
            "projector.py": '"""A small client for the projector\'s control port (PJLink-like line protocol)."""\nimport queue\nimport socket\nimport threading\n\n\nclass Projector:\n    def __init__(self, host, port=4352):\n        self._sock = socket.create_connection((host, port), timeout=10)\n        self._running = True\n        self._replies = queue.Queue()\n        self._reader = threading.Thread(target=self._read_loop, daemon=True)\n        self._reader.start()\n\n    def _read_loop(self):\n        while self._running:\n            data = self._sock.recv(1024)\n            self._replies.put(data.decode().strip())\n\n    def command(self, text):\n        self._sock.sendall((text + "\\r").encode())\n        return self._replies.get(timeout=5)\n\n    def close(self):\n        self._running = False\n        self._sock.close()\n',
        },
        [("power_off.py", "job", "python")],
        None,
    ),
    # `SECRET_KEY = "generate a new key"`: an instruction, not a key
    "key_phrase_instruction": (
        {
            "app.py": 'import os\n\nfrom flask import Flask, jsonify, session\n\napp = Flask(__name__)\napp.config.from_prefixed_env()\nif not app.config.get("SECRET_KEY"):\n    app.config["SECRET_KEY"] = "generate a new key"\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/visits")\ndef visits():\n    session["n"] = session.get("n", 0) + 1\n    return jsonify(visits=session["n"])\n\n\nif __name__ == "__main__":\n    app.run(port=int(os.environ.get("PORT", "8000")))\n'
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # labels keyed by the settings' names: no key
    "settings_help_texts": (
        {
            "app.py": 'import os\n\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n\n# What the /settings page shows next to each setting (values are never shown)\nSETTING_LABELS = {\n    "SECRET_KEY": "Session signing key",\n    "DATABASE_URL": "Database connection",\n    "MAIL_SERVER": "Outgoing mail server",\n}\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/settings")\ndef settings():\n    return jsonify([{"name": k, "label": v, "set": bool(app.config.get(k))} for k, v in SETTING_LABELS.items()])\n'
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # a generated default in `class TestSettings(BaseSettings)`: the fallback rule's alone
    "settings_test_class_generated_default": (
        {
            "app/config.py": 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    database_url: str = "sqlite:///./app.db"\n    jwt_secret: str\n\n\nclass TestSettings(BaseSettings):\n    database_url: str = "sqlite:///./test.db"\n    jwt_secret: str = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"\n\n\ndef get_settings(testing: bool = False) -> BaseSettings:\n    return TestSettings() if testing else Settings()\n',
            "app/main.py": 'import os\n\nfrom fastapi import FastAPI\n\nfrom app.config import get_settings\n\nsettings = get_settings(testing=os.environ.get("TESTING") == "1")\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n',
        },
        [("app/main.py", "api", "fastapi")],
        ("hardcoded-secret", 0),
    ),
    # a generated fallback in `class TestingConfig`: the fallback rule's alone
    "testing_config_env_fallback": (
        {
            "app.py": 'import os\n\nfrom flask import Flask\n\nfrom config import config\n\napp = Flask(__name__)\napp.config.from_object(config[os.environ.get("APP_ENV", "default")])\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n',
            "config.py": 'import os\n\n\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]\n\n\nclass TestingConfig(Config):\n    TESTING = True\n    SECRET_KEY = os.environ.get("TEST_SECRET_KEY", "3f786850e387550fdab836ed7e6dc881de23001b")\n    SQLALCHEMY_DATABASE_URI = "sqlite://"\n\n\nconfig = {"default": Config, "testing": TestingConfig}\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # `celery.conf.beat_schedule` on an app a factory built: loaded
    "beat_on_factory_app": (
        {
            "celery_worker.py": 'from celery.schedules import crontab\n\nfrom shop.factory import make_celery\n\ncelery = make_celery()\ncelery.conf.beat_schedule = {\n    "expire-carts": {"task": "shop.tasks.expire_carts", "schedule": crontab(minute="*/15")},\n}\ncelery.autodiscover_tasks(["shop"])\n',
            "shop/__init__.py": "",
            "shop/factory.py": 'import os\n\nfrom celery import Celery\n\n\ndef make_celery(name="shop"):\n    app = Celery(name, broker=os.environ.get("REDIS_URL", "redis://redis:6379/0"))\n    app.conf.timezone = "UTC"\n    return app\n',
            "shop/tasks.py": 'import logging\n\nfrom celery import shared_task\n\nlog = logging.getLogger(__name__)\n\n\n@shared_task\ndef expire_carts():\n    log.info("expiring carts")\n',
        },
        [("celery_worker.py", "job", "celery-beat"), ("shop/factory.py", "worker", "celery")],
        None,
    ),
    # `config_from_object("config:CeleryConfig")`: the module is loaded
    "beat_config_class_by_name": (
        {
            "config.py": 'import os\n\nfrom celery.schedules import crontab\n\n\nclass CeleryConfig:\n    broker_url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")\n    result_backend = broker_url\n    timezone = "Europe/Berlin"\n    beat_schedule = {\n        "nightly-cleanup": {"task": "tasks.cleanup", "schedule": crontab(hour=3, minute=0)},\n    }\n',
            "tasks.py": 'import logging\n\nfrom worker import app\n\nlog = logging.getLogger(__name__)\n\n\n@app.task\ndef cleanup():\n    log.info("cleaning up")\n',
            "worker.py": 'from celery import Celery\n\napp = Celery("shop", include=["tasks"])\napp.config_from_object("config:CeleryConfig")\n',
        },
        [("config.py", "job", "celery-beat"), ("worker.py", "worker", "celery")],
        None,
    ),
    # a schedule in the settings module `DJANGO_SETTINGS_MODULE` names: loaded
    "beat_in_django_production_settings": (
        {
            "config/__init__.py": "",
            "config/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n\napp = Celery("config")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
            "config/settings/__init__.py": "",
            "config/settings/base.py": 'import os\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n    "shop",\n]\nROOT_URLCONF = "config.urls"\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.environ.get("DB_NAME", "shop")}}\nCELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://redis:6379/0")\n',
            "config/settings/production.py": 'from celery.schedules import crontab\n\nfrom .base import *  # noqa: F401,F403\n\nCELERY_BEAT_SCHEDULE = {\n    "expire-carts": {"task": "shop.tasks.expire_carts", "schedule": crontab(minute="*/15")},\n}\n',
            "config/urls.py": 'from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [path("health/", lambda request: HttpResponse("ok"))]\n',
            "config/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n',
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "shop/__init__.py": "",
            "shop/tasks.py": 'import logging\n\nfrom celery import shared_task\n\nlog = logging.getLogger(__name__)\n\n\n@shared_task\ndef expire_carts():\n    log.info("expiring carts")\n',
        },
        [
            ("config/celery.py", "worker", "celery"),
            ("config/settings/production.py", "job", "celery-beat"),
            ("config/wsgi.py", "api", "django"),
        ],
        None,
    ),
    # an app calling `init_db()` as it starts: the module's block still runs it by hand
    "app_calls_shared_init_db": (
        {
            "Procfile": "web: gunicorn app:app --bind 0.0.0.0:$PORT\n",
            "app.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nfrom db import connect, init_db\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\ninit_db()\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/products")\ndef products():\n    with connect() as conn:\n        rows = conn.execute("SELECT sku, name, price FROM products").fetchall()\n    return jsonify([{"sku": s, "name": n, "price": p} for s, n, p in rows])\n',
            "db.py": '"""Database helpers. Run `python db.py` to create the tables and load the product catalogue."""\nimport csv\nimport logging\nimport os\nimport sqlite3\n\nlog = logging.getLogger(__name__)\n\nDB_PATH = os.environ.get("DB_PATH", "shop.db")\n\n\ndef connect():\n    return sqlite3.connect(DB_PATH)\n\n\ndef init_db():\n    with connect() as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS products (sku TEXT PRIMARY KEY, name TEXT, price REAL)")\n        with open(os.environ.get("CATALOGUE_CSV", "catalogue.csv"), newline="") as f:\n            rows = [(r["sku"], r["name"], float(r["price"])) for r in csv.DictReader(f)]\n        conn.executemany("INSERT OR REPLACE INTO products VALUES (?, ?, ?)", rows)\n    log.info("loaded %d products", len(rows))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    init_db()\n',
        },
        [("app.py", "api", "flask"), ("db.py", "job", "python")],
        None,
    ),
    # `print(lambda_handler(None, None))` at the module's end: the Lambda is still the api
    "lambda_tried_printed": (
        {
            "status.py": 'import json\nimport os\n\nimport requests\n\nAPI_KEY = os.environ["API_KEY"]\n\n\ndef lambda_handler(event, context):\n    response = requests.post("https://api.example.com/v2/monitors", data={"api_key": API_KEY}, timeout=10)\n    monitors = response.json().get("monitors", [])\n    down = [m["name"] for m in monitors if m["status"] >= 8]\n    headers = {"Access-Control-Allow-Origin": "*"}\n    return {"statusCode": 200, "body": json.dumps({"down": down}), "headers": headers}\n\n\nprint(lambda_handler(None, None))\n'
        },
        [("status.py", "api", "aws-lambda")],
        None,
    ),
    # rows that fail to parse written to a rejects file: recorded, nothing lost
    "rejects_file_import": (
        {
            "import_orders.py": '"""Load the partner\'s nightly order export into the warehouse database.\n\nRows that fail validation go to rejects.csv for the partner to fix and resend.\n"""\nimport csv\nimport logging\nimport os\nimport sys\nfrom decimal import Decimal\n\nimport psycopg2\n\nlog = logging.getLogger("import_orders")\n\n\ndef parse(row):\n    return (row["order_id"], row["sku"], int(row["qty"]), Decimal(row["price"]))\n\n\ndef main(path):\n    conn = psycopg2.connect(os.environ["WAREHOUSE_DSN"])\n    loaded = 0\n    with open(path, newline="") as src, open("rejects.csv", "w", newline="") as rej, conn, conn.cursor() as cur:\n        rejects = csv.writer(rej)\n        for row in csv.DictReader(src):\n            try:\n                record = parse(row)\n            except Exception as e:\n                rejects.writerow([row.get("order_id"), str(e)])\n                continue\n            cur.execute("INSERT INTO orders VALUES (%s, %s, %s, %s)", record)\n            loaded += 1\n    log.info("loaded %d orders", loaded)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main(sys.argv[1])\n'
        },
        [("import_orders.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review, of 2eb7528..92cfccc: each case failed on 92cfccc.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    # `loop_start()` then `while True: time.sleep(1)` under cron: a forever loop, still a worker
    "cron_kept_alive_mqtt": (
        {
            "crontab": "# restart the logger if it died (flock keeps a single copy running)\n*/5 * * * * flock -n /tmp/mqtt_logger.lock /usr/bin/python3 /opt/mqtt_logger/mqtt_logger.py >> /var/log/mqtt_logger.log 2>&1\n",
            "mqtt_logger.py": 'import csv\nimport datetime\nimport logging\nimport os\nimport time\n\nimport paho.mqtt.client as mqtt\n\nlog = logging.getLogger("mqtt_logger")\nOUT = os.environ.get("READINGS_CSV", "/var/lib/mqtt_logger/readings.csv")\n\n\ndef on_message(client, userdata, msg):\n    with open(OUT, "a", newline="", encoding="utf-8") as f:\n        csv.writer(f).writerow([datetime.datetime.now().isoformat(), msg.topic, msg.payload.decode()])\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(os.environ.get("MQTT_HOST", "localhost"))\n    client.subscribe("home/+/temperature")\n    client.loop_start()\n    while True:\n        time.sleep(1)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("mqtt_logger.py", "worker", "polling-loop")],
        None,
    ),
    # Dagster definitions with `schedules=[]`: nothing scheduled
    "dagster_empty_schedules": (
        {
            "etl/__init__.py": "from dagster import Definitions, load_assets_from_modules\n\nfrom . import assets\n\n# schedules are switched on per deployment; this code location is materialized by hand from the UI\ndefs = Definitions(assets=load_assets_from_modules([assets]), schedules=[])\n",
            "etl/assets.py": "from dagster import asset\n\n\n@asset\ndef orders():\n    return [1, 2, 3]\n",
        },
        [],
        None,
    ),
    # `def ship(d, delete_local=True)`: a flag on by default guards nothing
    "delete_flag_default_true": (
        {
            "ship_logs.py": 'import logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_logs")\nLOG_DIR = Path(os.environ.get("LOG_DIR", "/var/log/app/archive"))\nBUCKET = os.environ["LOG_BUCKET"]\n\n\ndef ship(local_dir: Path, delete_local: bool = True) -> None:\n    s3 = boto3.client("s3")\n    for path in sorted(local_dir.glob("*.log.gz")):\n        s3.upload_file(str(path), BUCKET, f"app/{path.name}")\n        log.info("shipped %s", path.name)\n    for path in sorted(local_dir.glob("*.log.gz")):\n        if delete_local:\n            path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    ship(LOG_DIR)\n'
        },
        [("ship_logs.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # `delete_files = [...]` then `if delete_files:`: a list, not an option
    "delete_list_named_like_flag": (
        {
            "prune_backups.py": 'import logging\nimport os\nimport time\n\nlog = logging.getLogger("prune")\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/var/backups/db")\nKEEP_DAYS = int(os.environ.get("KEEP_DAYS", "14"))\n\n\ndef main():\n    cutoff = time.time() - KEEP_DAYS * 86400\n    names = sorted(os.listdir(BACKUP_DIR))\n    delete_files = [n for n in names if os.path.getmtime(os.path.join(BACKUP_DIR, n)) < cutoff]\n    log.info("%d backups, %d older than %d days", len(names), len(delete_files), KEEP_DAYS)\n    if delete_files:\n        for name in delete_files:\n            os.remove(os.path.join(BACKUP_DIR, name))\n            log.info("removed %s", name)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("prune_backups.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a `--delete` branch beside an unguarded removal: the removal still fails
    "delete_mode_guards_backup_removal": (
        {
            "sync_outbox.py": 'import argparse\nimport ftplib\nimport logging\nimport os\nimport time\n\nlog = logging.getLogger("outbox")\nARCHIVE = os.environ.get("ARCHIVE_DIR", "/srv/archive")\n\n\ndef prune_archive(days):\n    cutoff = time.time() - days * 86400\n    for name in os.listdir(ARCHIVE):\n        path = os.path.join(ARCHIVE, name)\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            log.info("pruned %s", name)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--days", type=int, default=30)\n    parser.add_argument("--delete", action="store_true", help="also delete all remote files")\n    args = parser.parse_args()\n    prune_archive(args.days)\n    if args.delete:\n        ftp = ftplib.FTP(os.environ["FTP_HOST"])\n        ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])\n        for name in ftp.nlst():\n            ftp.delete(name)\n        ftp.quit()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("sync_outbox.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    # a value and a row written from handlers, no error line: as the rule's text now says
    "doc_example_write_error": (
        {
            "prices_report.py": 'import csv\nimport logging\n\nimport requests\n\nlog = logging.getLogger("prices")\nSYMBOLS = ["AAPL", "MSFT", "GOOG"]\n\n\ndef fetch_price(symbol):\n    r = requests.get(f"https://api.example.com/quote/{symbol}", timeout=10)\n    r.raise_for_status()\n    return r.json()["price"]\n\n\ndef write_report(path):\n    with open(path, "w", encoding="utf-8") as f:\n        for symbol in SYMBOLS:\n            try:\n                f.write(f"{symbol}: {fetch_price(symbol):.2f}\\n")\n            except requests.RequestException as e:\n                f.write(f"{symbol}: {e}\\n")\n\n\ndef write_csv(path):\n    with open(path, "w", newline="", encoding="utf-8") as fh:\n        writer = csv.writer(fh)\n        for key in SYMBOLS:\n            try:\n                writer.writerow([key, fetch_price(key)])\n            except requests.RequestException as e:\n                writer.writerow([key, str(e)])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    write_report("prices.txt")\n    write_csv("prices.csv")\n'
        },
        [("prices_report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `print(lambda_handler(None, None))` beside a settings read: the Lambda is the api
    "lambda_print_tryout_env_get": (
        {
            "status.py": 'import json\nimport os\n\nTABLE = os.environ.get("TABLE")\n\n\ndef lambda_handler(event, context):\n    headers = {"Access-Control-Allow-Origin": "*"}\n    return {"statusCode": 200, "body": json.dumps({"t": TABLE}), "headers": headers}\n\n\nprint(lambda_handler(None, None))\n'
        },
        [("status.py", "api", "aws-lambda")],
        None,
    ),
    # `lambda_handler(None, None)` in a module that builds clients at import: the Lambda is the api
    "lambda_tryout_with_client": (
        {
            "status.py": 'import json\nimport logging\nimport os\n\nimport boto3\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\ntable = boto3.resource("dynamodb").Table(os.environ["TABLE"])\n\n\ndef lambda_handler(event, context):\n    items = table.scan(Limit=50).get("Items", [])\n    logger.info("%d items", len(items))\n    headers = {"Access-Control-Allow-Origin": "*"}\n    return {"statusCode": 200, "body": json.dumps({"items": items}, default=str), "headers": headers}\n\n\nlambda_handler(None, None)\n'
        },
        [("status.py", "api", "aws-lambda")],
        None,
    ),
    # `while running: time.sleep(1)`, a global a SIGTERM handler clears, after `loop_start()`: a worker
    "mqtt_global_flag_daemon": (
        {
            "mqtt_to_influx.py": 'import logging\nimport os\nimport signal\nimport time\n\nimport paho.mqtt.client as mqtt\nfrom influxdb_client import InfluxDBClient, Point\nfrom influxdb_client.client.write_api import SYNCHRONOUS\n\nlog = logging.getLogger("mqtt_to_influx")\n\ninflux = InfluxDBClient(url=os.environ["INFLUX_URL"], token=os.environ["INFLUX_TOKEN"], org="home")\nwrite_api = influx.write_api(write_options=SYNCHRONOUS)\nrunning = True\n\n\ndef on_message(client, userdata, msg):\n    write_api.write(bucket="sensors", record=Point("reading").tag("topic", msg.topic).field("value", float(msg.payload)))\n\n\ndef handle_sigterm(signum, frame):\n    global running\n    running = False\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(os.environ.get("MQTT_HOST", "mosquitto"))\n    client.subscribe("home/#")\n    client.loop_start()\n    while running:\n        time.sleep(1)\n    client.loop_stop()\n    client.disconnect()\n    log.info("stopped")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    signal.signal(signal.SIGTERM, handle_sigterm)\n    main()\n'
        },
        [("mqtt_to_influx.py", "worker", "mqtt")],
        None,
    ),
    # `while not self._stop.is_set(): time.sleep(1)` after `loop_start()`: a worker
    "mqtt_stop_event_daemon": (
        {
            "bridge.py": 'import json\nimport logging\nimport os\nimport signal\nimport threading\nimport time\n\nimport paho.mqtt.client as mqtt\nimport psycopg2\n\nlog = logging.getLogger("bridge")\n\n\nclass Bridge:\n    def __init__(self):\n        self._stop = threading.Event()\n        self.db = psycopg2.connect(os.environ["DATABASE_URL"])\n        self.client = mqtt.Client()\n        self.client.on_message = self.on_message\n\n    def on_message(self, client, userdata, msg):\n        reading = json.loads(msg.payload)\n        with self.db, self.db.cursor() as cur:\n            cur.execute("INSERT INTO readings (sensor, value) VALUES (%s, %s)", (msg.topic, reading["value"]))\n\n    def stop(self, *_):\n        self._stop.set()\n\n    def run(self):\n        self.client.connect(os.environ.get("MQTT_HOST", "mosquitto"))\n        self.client.subscribe("sensors/#")\n        self.client.loop_start()\n        while not self._stop.is_set():\n            time.sleep(1)\n        self.client.loop_stop()\n        self.client.disconnect()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    bridge = Bridge()\n    signal.signal(signal.SIGTERM, bridge.stop)\n    bridge.run()\n'
        },
        [("bridge.py", "worker", "mqtt")],
        None,
    ),
    # `print("... not found, using the default settings"); return`: a fallback, no failure
    "printed_not_found_defaults": (
        {
            "nightly_sync.py": 'import json\nimport logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("sync")\nSETTINGS = {"api": "https://shop.example.com/api", "page_size": 100}\nOVERRIDES_FILE = os.environ.get("SYNC_OVERRIDES", "/etc/sync/overrides.json")\n\n\ndef load_overrides():\n    if not os.path.exists(OVERRIDES_FILE):\n        print(f"{OVERRIDES_FILE} not found, using the default settings")\n        return\n    with open(OVERRIDES_FILE, encoding="utf-8") as f:\n        SETTINGS.update(json.load(f))\n\n\ndef sync_products():\n    r = requests.get(f"{SETTINGS[\'api\']}/products", params={"limit": SETTINGS["page_size"]}, timeout=30)\n    r.raise_for_status()\n    with open("products.json", "w", encoding="utf-8") as f:\n        f.write(r.text)\n    log.info("products synced")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    load_overrides()\n    sync_products()\n'
        },
        [("nightly_sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a job reading Slack's history whose `SlackApiError` is only logged: the work's failure
    "slack_archive_job": (
        {
            "archive_channel.py": 'import json\nimport logging\nimport os\n\nfrom slack_sdk import WebClient\nfrom slack_sdk.errors import SlackApiError\n\nlog = logging.getLogger("archive")\nclient = WebClient(token=os.environ["SLACK_BOT_TOKEN"])\nCHANNELS = os.environ.get("ARCHIVE_CHANNELS", "C01234567").split(",")\n\n\ndef archive(channel, out_dir):\n    try:\n        history = client.conversations_history(channel=channel, limit=1000)\n    except SlackApiError as e:\n        log.error("could not read %s: %s", channel, e.response["error"])\n        return\n    with open(os.path.join(out_dir, f"{channel}.json"), "w", encoding="utf-8") as f:\n        json.dump(history["messages"], f)\n\n\ndef main():\n    out_dir = os.environ.get("ARCHIVE_DIR", "/srv/slack-archive")\n    for channel in CHANNELS:\n        archive(channel, out_dir)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("archive_channel.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # a receiver's `listen()` started as a thread from the `__main__` block: a worker
    "socket_server_thread_from_main": (
        {
            "syslog_receiver.py": 'import logging\nimport os\nimport socket\nimport threading\n\nlog = logging.getLogger("syslog_receiver")\n\n\nclass SyslogReceiver:\n    def __init__(self, host="0.0.0.0", port=5514):\n        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n        self.sock.bind((host, port))\n        self.out = open(os.environ.get("SYSLOG_FILE", "/var/log/remote.log"), "a", encoding="utf-8")\n\n    def listen(self):\n        while True:\n            data, addr = self.sock.recvfrom(4096)\n            self.out.write(f"{addr[0]} {data.decode(errors=\'replace\').strip()}\\n")\n            self.out.flush()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    receiver = SyslogReceiver()\n    worker = threading.Thread(target=receiver.listen, daemon=True)\n    worker.start()\n    log.info("listening on udp/5514")\n    worker.join()\n'
        },
        [("syslog_receiver.py", "worker", "socket")],
        None,
    ),
    # a Celery config module with an optional step in a `try`: no job
    "try_celeryconfig_loaded_by_name": (
        {
            "celeryconfig.py": 'import os\n\nbroker_url = os.environ.get("BROKER_URL", "redis://redis:6379/0")\ntask_routes = {}\n# extra queues a deployment may add: EXTRA_QUEUES=reports,exports\ntry:\n    for queue in os.environ["EXTRA_QUEUES"].split(","):\n        task_routes[f"tasks.{queue}.*"] = {"queue": queue}\nexcept KeyError:\n    pass\n',
            "tasks.py": 'import logging\n\nfrom celery import Celery\n\nlog = logging.getLogger(__name__)\napp = Celery("shop")\napp.config_from_object("celeryconfig")\n\n\n@app.task\ndef rebuild_index():\n    log.info("rebuilding the search index")\n',
        },
        [("tasks.py", "worker", "celery")],
        None,
    ),
    # a Flask config module reading optional overrides in a `try`: no job
    "try_config_loaded_by_name": (
        {
            "app.py": 'from flask import Flask, jsonify\n\napp = Flask(__name__)\napp.config.from_object("config.Config")\n\n\n@app.get("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.get("/notes")\ndef notes():\n    return jsonify(notes=[], page_size=app.config["PAGE_SIZE"])\n',
            "config.py": 'import json\nimport os\n\n# optional overrides from a JSON file the deployment mounts\nOVERRIDES = {}\ntry:\n    with open(os.environ.get("SETTINGS_FILE", "/etc/notes/settings.json"), encoding="utf-8") as fh:\n        OVERRIDES.update(json.load(fh))\nexcept FileNotFoundError:\n    pass\n\n\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    SQLALCHEMY_DATABASE_URI = OVERRIDES.get("database_url", os.environ.get("DATABASE_URL"))\n    PAGE_SIZE = OVERRIDES.get("page_size", 20)\n',
        },
        [("app.py", "api", "flask")],
        None,
    ),
    # a write's failure raised first, then a success note: nothing lost
    "write_checked_before_success_note": (
        {
            "update_dns.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("ddns")\nZONE = os.environ["CF_ZONE_ID"]\nRECORD = os.environ["CF_RECORD_ID"]\nTOKEN = os.environ["CF_API_TOKEN"]\n\n\ndef current_ip():\n    r = requests.get("https://api.ipify.org", timeout=10)\n    r.raise_for_status()\n    return r.text.strip()\n\n\ndef update_record(ip):\n    url = f"https://api.cloudflare.com/client/v4/zones/{ZONE}/dns_records/{RECORD}"\n    r = requests.patch(url, json={"content": ip}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)\n    if r.status_code >= 400:\n        raise RuntimeError(f"Cloudflare refused the update: {r.status_code} {r.text}")\n    if r.status_code == 200:\n        log.info("record now points at %s", ip)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    update_record(current_ip())\n'
        },
        [("update_dns.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# A third review, of 92cfccc..2a21b17: each case failed on 2a21b17 (the volumes case on both).
_THIRD_REVIEW_CASES: dict[str, Case] = {
    # `if DELETE_AFTER_UPLOAD:`, a setting off unless set: the guard
    "delete_flag_env_constant": (
        {
            "ship_logs.py": 'import logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_logs")\nLOG_DIR = Path(os.environ.get("LOG_DIR", "/var/log/app/archive"))\nBUCKET = os.environ["LOG_BUCKET"]\n# off unless the deployment asks for it: DELETE_AFTER_UPLOAD=true\nDELETE_AFTER_UPLOAD = os.environ.get("DELETE_AFTER_UPLOAD", "false").lower() == "true"\n\n\ndef main() -> None:\n    s3 = boto3.client("s3")\n    for path in sorted(LOG_DIR.glob("*.log.gz")):\n        s3.upload_file(str(path), BUCKET, f"app/{path.name}")\n        log.info("shipped %s", path.name)\n        if DELETE_AFTER_UPLOAD:\n            path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("ship_logs.py", "job", "python")],
        ("missing-dry-run", "pass"),
    ),
    # `if self.delete_local:`, an object's option off by default: the guard
    "delete_flag_self_attribute": (
        {
            "ship_logs.py": 'import argparse\nimport logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_logs")\n\n\nclass Shipper:\n    def __init__(self, log_dir: Path, bucket: str, delete_local: bool = False) -> None:\n        self.log_dir = log_dir\n        self.bucket = bucket\n        self.delete_local = delete_local\n        self.s3 = boto3.client("s3")\n\n    def run(self) -> None:\n        for path in sorted(self.log_dir.glob("*.log.gz")):\n            self.s3.upload_file(str(path), self.bucket, f"app/{path.name}")\n            log.info("shipped %s", path.name)\n            if self.delete_local:\n                path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dir", default="/var/log/app/archive")\n    parser.add_argument("--bucket", default=os.environ.get("LOG_BUCKET"))\n    parser.add_argument("--delete-local", action="store_true", help="remove each file once shipped")\n    args = parser.parse_args()\n    Shipper(Path(args.dir), args.bucket, delete_local=args.delete_local).run()\n'
        },
        [("ship_logs.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # `delete_keys=None` carrying what to delete: no guard
    "delete_keys_param": (
        {
            "mirror_bucket.py": 'import logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("mirror")\nLOCAL = Path(os.environ.get("SITE_DIR", "public"))\nBUCKET = os.environ["SITE_BUCKET"]\n\n\ndef upload(s3, local_dir: Path, bucket: str, delete_keys=None) -> None:\n    for path in local_dir.rglob("*"):\n        if path.is_file():\n            s3.upload_file(str(path), bucket, path.relative_to(local_dir).as_posix())\n    if delete_keys:\n        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in delete_keys]})\n        log.info("removed %d stale objects", len(delete_keys))\n\n\ndef main() -> None:\n    s3 = boto3.client("s3")\n    remote = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}\n    local = {p.relative_to(LOCAL).as_posix() for p in LOCAL.rglob("*") if p.is_file()}\n    upload(s3, LOCAL, BUCKET, delete_keys=sorted(remote - local))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("mirror_bucket.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # the Docker SDK's dangling volumes removed: a deletion
    "docker_sdk_volumes_prune": (
        {
            "prune_volumes.py": 'import logging\n\nimport docker\n\nlog = logging.getLogger("prune_volumes")\n\n\ndef prune_dangling_volumes():\n    client = docker.from_env()\n    for volume in client.volumes.list(filters={"dangling": True}):\n        log.info("removing volume %s", volume.name)\n        volume.remove(force=True)\n\n\ndef prune_stopped_containers():\n    client = docker.from_env()\n    for container in client.containers.list(all=True, filters={"status": "exited"}):\n        log.info("removing container %s", container.name)\n        container.remove(v=True)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    prune_dangling_volumes()\n'
        },
        [("prune_volumes.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a global flag its `on_message` clears after one reading, no signal handler: a job
    "mqtt_oneshot_reader": (
        {
            "read_meter.py": '"""Read the electricity meter\'s retained reading once and append it to the daily CSV."""\nimport csv\nimport datetime\nimport logging\nimport os\nimport time\n\nimport paho.mqtt.client as mqtt\n\nlog = logging.getLogger("read_meter")\nOUT = os.environ.get("METER_CSV", "meter.csv")\nrunning = True\n\n\ndef on_message(client, userdata, msg):\n    global running\n    with open(OUT, "a", newline="", encoding="utf-8") as f:\n        csv.writer(f).writerow([datetime.date.today().isoformat(), msg.payload.decode()])\n    log.info("reading saved")\n    running = False\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(os.environ.get("MQTT_HOST", "localhost"))\n    client.subscribe("meter/total_kwh")\n    client.loop_start()\n    while running:\n        time.sleep(0.1)\n    client.loop_stop()\n    client.disconnect()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("read_meter.py", "job", "python")],
        None,
    ),
    # `print("ERROR: ... not found - ... Use BACKUP_DIR ..."); return`: an error, hint or not
    "printed_error_with_hint": (
        {
            "backup_photos.py": 'import logging\nimport os\nimport shutil\nimport time\n\nlog = logging.getLogger("backup_photos")\nSOURCE = os.environ.get("PHOTO_DIR", "/mnt/photos")\nTARGET = os.environ.get("BACKUP_DIR", "/mnt/nas/photos")\n\n\ndef backup():\n    if not os.path.isdir(TARGET):\n        print(f"ERROR: backup target {TARGET} not found - is the NAS mounted? Use BACKUP_DIR to point elsewhere.")\n        return\n    stamp = time.strftime("%Y-%m-%d")\n    shutil.copytree(SOURCE, os.path.join(TARGET, stamp), dirs_exist_ok=True)\n    log.info("copied %s to %s", SOURCE, TARGET)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    backup()\n'
        },
        [("backup_photos.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # a script in a module-level `try` whose handler exits 1: still the script
    "try_requests_script": (
        {
            "fetch_rates.py": 'import json\nimport os\nimport sys\n\nimport requests\n\nURL = "https://api.exchangerate.host/latest?base=EUR"\nOUT = os.environ.get("RATES_FILE", "rates.json")\n\ntry:\n    r = requests.get(URL, timeout=30)\n    r.raise_for_status()\n    with open(OUT, "w", encoding="utf-8") as f:\n        json.dump(r.json()["rates"], f)\nexcept requests.RequestException as e:\n    print(f"could not fetch rates: {e}", file=sys.stderr)\n    sys.exit(1)\n'
        },
        [("fetch_rates.py", "job", "script")],
        None,
    ),
    # a 429 only warned about before the success note: a 500 is still lost
    "write_status_warned_then_success_note": (
        {
            "update_dns.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("ddns")\nZONE = os.environ["CF_ZONE_ID"]\nRECORD = os.environ["CF_RECORD_ID"]\nTOKEN = os.environ["CF_API_TOKEN"]\n\n\ndef current_ip():\n    r = requests.get("https://api.ipify.org", timeout=10)\n    r.raise_for_status()\n    return r.text.strip()\n\n\ndef update_record(ip):\n    url = f"https://api.cloudflare.com/client/v4/zones/{ZONE}/dns_records/{RECORD}"\n    r = requests.patch(url, json={"content": ip}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)\n    if r.status_code == 429:\n        log.warning("rate limited by Cloudflare, retry after %s s", r.headers.get("Retry-After"))\n    if r.status_code == 200:\n        log.info("record now points at %s", ip)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    update_record(current_ip())\n'
        },
        [("update_dns.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])


# A fourth review, of 2a21b17..f862cf0: each case failed on f862cf0.
_FOURTH_REVIEW_CASES: dict[str, Case] = {
    # `if args.delete_stale_objects:`, a command-line switch: the guard
    "delete_flag_args_objects": (
        {
            "sync_site.py": 'import argparse\nimport logging\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("sync_site")\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="upload a static site to S3")\n    parser.add_argument("site_dir")\n    parser.add_argument("bucket")\n    parser.add_argument(\n        "--delete-stale-objects", action="store_true", help="remove objects that are no longer in site_dir"\n    )\n    args = parser.parse_args()\n    s3 = boto3.client("s3")\n    root = Path(args.site_dir)\n    local = set()\n    for path in root.rglob("*"):\n        if path.is_file():\n            key = path.relative_to(root).as_posix()\n            s3.upload_file(str(path), args.bucket, key)\n            local.add(key)\n    log.info("uploaded %d files", len(local))\n    if args.delete_stale_objects:\n        remote = {o["Key"] for o in s3.list_objects_v2(Bucket=args.bucket).get("Contents", [])}\n        for key in sorted(remote - local):\n            s3.delete_object(Bucket=args.bucket, Key=key)\n            log.info("deleted %s", key)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("sync_site.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # `DELETE_AFTER_UPLOAD = True`: always on, no guard
    "delete_flag_constant_true": (
        {
            "ship_logs.py": 'import logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_logs")\nLOG_DIR = Path(os.environ.get("LOG_DIR", "/var/log/app/archive"))\nBUCKET = os.environ["LOG_BUCKET"]\nDELETE_AFTER_UPLOAD = True  # the disk is small: never keep a shipped file\n\n\ndef main() -> None:\n    s3 = boto3.client("s3")\n    for path in sorted(LOG_DIR.glob("*.log.gz")):\n        s3.upload_file(str(path), BUCKET, f"app/{path.name}")\n        log.info("shipped %s", path.name)\n        if DELETE_AFTER_UPLOAD:\n            path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("ship_logs.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # `def ship(d, bucket, delete_after)` called with `args.delete_after`: the guard
    "delete_flag_positional_param": (
        {
            "ship_backups.py": 'import argparse\nimport logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_backups")\n\n\ndef ship(backup_dir, bucket, delete_after):\n    s3 = boto3.client("s3")\n    for path in sorted(Path(backup_dir).glob("*.tar.gz")):\n        s3.upload_file(str(path), bucket, f"db/{path.name}")\n        log.info("uploaded %s", path.name)\n        if delete_after:\n            path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser(description="upload database backups to S3")\n    parser.add_argument("--dir", default="/var/backups/db")\n    parser.add_argument("--bucket", default=os.environ.get("BACKUP_BUCKET"))\n    parser.add_argument("--delete-after", action="store_true", help="remove each backup once uploaded")\n    args = parser.parse_args()\n    ship(args.dir, args.bucket, args.delete_after)\n'
        },
        [("ship_backups.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # `self.delete_local` from `delete_local: bool = True`: always on, no guard
    "delete_flag_self_default_true": (
        {
            "ship_logs.py": 'import logging\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nlog = logging.getLogger("ship_logs")\n\n\nclass Shipper:\n    def __init__(self, log_dir: Path, bucket: str, delete_local: bool = True) -> None:\n        self.log_dir = log_dir\n        self.bucket = bucket\n        self.delete_local = delete_local\n        self.s3 = boto3.client("s3")\n\n    def run(self) -> None:\n        for path in sorted(self.log_dir.glob("*.log.gz")):\n            self.s3.upload_file(str(path), self.bucket, f"app/{path.name}")\n            log.info("shipped %s", path.name)\n            if self.delete_local:\n                path.unlink()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    Shipper(Path(os.environ.get("LOG_DIR", "/var/log/app/archive")), os.environ["LOG_BUCKET"]).run()\n'
        },
        [("ship_logs.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # `self.containers.get(host).remove(cid)` on a dict of lists: no Docker, no deletion
    "docker_dict_get_remove": (
        {
            "tracker.py": 'import json\nimport logging\nimport os\nimport time\n\nimport redis\n\nlog = logging.getLogger("tracker")\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\n\n\nclass Inventory:\n    def __init__(self):\n        self.containers = {}\n\n    def add(self, host, cid):\n        self.containers.setdefault(host, []).append(cid)\n\n    def drop(self, host, cid):\n        self.containers.get(host).remove(cid)\n\n\ndef main():\n    inv = Inventory()\n    for raw in r.lrange("container-events", 0, -1):\n        event = json.loads(raw)\n        if event["action"] == "start":\n            inv.add(event["host"], event["id"])\n        elif event["action"] == "die":\n            inv.drop(event["host"], event["id"])\n    r.set("inventory", json.dumps(inv.containers))\n    log.info("inventory of %d hosts saved", len(inv.containers))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("tracker.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # `print("... not found, using built-in limits"); return`: a fallback
    "fallback_builtin_config": (
        {
            "report_disk.py": 'import json\nimport logging\nimport os\nimport shutil\n\nlog = logging.getLogger("report_disk")\nCONFIG = os.environ.get("DISK_REPORT_CONFIG", "/etc/disk_report.json")\nLIMITS = {"/": 90}\n\n\ndef load_limits():\n    if not os.path.exists(CONFIG):\n        print(f"{CONFIG} not found, using built-in limits")\n        return\n    with open(CONFIG, encoding="utf-8") as fh:\n        LIMITS.update(json.load(fh))\n\n\ndef check():\n    full = []\n    for mount, limit in LIMITS.items():\n        usage = shutil.disk_usage(mount)\n        percent = usage.used * 100 // usage.total\n        log.info("%s is %d%% full", mount, percent)\n        if percent > limit:\n            full.append(mount)\n    if full:\n        raise SystemExit(f"over the limit: {\', \'.join(full)}")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    load_limits()\n    check()\n'
        },
        [("report_disk.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `print("... not found, ignored"); return`: a fallback
    "fallback_ignoring": (
        {
            "sync_avatars.py": 'import logging\nimport os\nimport shutil\n\nlog = logging.getLogger("sync_avatars")\nSRC = os.environ.get("AVATAR_SRC", "/srv/uploads/avatars")\nDST = os.environ.get("AVATAR_DST", "/srv/static/avatars")\nLEGACY = os.environ.get("AVATAR_LEGACY", "/srv/uploads/legacy_avatars")\n\n\ndef copy_legacy():\n    if not os.path.isdir(LEGACY):\n        print(f"legacy directory {LEGACY} not found, ignored")\n        return\n    shutil.copytree(LEGACY, DST, dirs_exist_ok=True)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    shutil.copytree(SRC, DST, dirs_exist_ok=True)\n    copy_legacy()\n    log.info("avatars synced")\n'
        },
        [("sync_avatars.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `while running: time.sleep(1)` after `loop_start()`, stopped by Ctrl-C only: a worker
    "mqtt_ctrl_c_bridge": (
        {
            "bridge.py": '"""Forward sensor readings from MQTT to InfluxDB, for as long as it runs."""\nimport json\nimport logging\nimport os\nimport time\n\nimport paho.mqtt.client as mqtt\nfrom influxdb import InfluxDBClient\n\nlog = logging.getLogger("bridge")\ninflux = InfluxDBClient(host=os.environ.get("INFLUX_HOST", "localhost"), database="sensors")\nrunning = True\n\n\ndef on_message(client, userdata, msg):\n    reading = json.loads(msg.payload)\n    influx.write_points([{"measurement": msg.topic.replace("/", "_"), "fields": reading}])\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(os.environ.get("MQTT_HOST", "localhost"))\n    client.subscribe("sensors/#")\n    client.loop_start()\n    try:\n        while running:\n            time.sleep(1)\n    except KeyboardInterrupt:\n        log.info("stopping")\n    client.loop_stop()\n    client.disconnect()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("bridge.py", "worker", "mqtt")],
        None,
    ),
    # `if not r.ok: die(...)` before the success note: nothing lost
    "status_branch_die_helper": (
        {
            "update_dns.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger("ddns")\nZONE = os.environ["CF_ZONE_ID"]\nRECORD = os.environ["CF_RECORD_ID"]\nTOKEN = os.environ["CF_API_TOKEN"]\n\n\ndef die(message):\n    log.error(message)\n    sys.exit(1)\n\n\ndef current_ip():\n    r = requests.get("https://api.ipify.org", timeout=10)\n    r.raise_for_status()\n    return r.text.strip()\n\n\ndef update_record(ip):\n    url = f"https://api.cloudflare.com/client/v4/zones/{ZONE}/dns_records/{RECORD}"\n    r = requests.patch(url, json={"content": ip}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)\n    if not r.ok:\n        die(f"Cloudflare refused the update: {r.status_code} {r.text}")\n    if r.status_code == 200:\n        log.info("record now points at %s", ip)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    update_record(current_ip())\n'
        },
        [("update_dns.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_FOURTH_REVIEW_CASES))
def test_fourth_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _FOURTH_REVIEW_CASES[name])


def test_review_provider_token_fallback_keeps_its_provider_message(make_tree: Callable[[dict[str, str]], Path]) -> None:
    """A GitHub token as a secret's fallback is reported as a GitHub token (the message a baseline's
    fingerprint holds), not as a generated key."""
    from readiness_lint.engine import run

    files = {
        "sync_issues.py": 'import os\n\nimport requests\n\nTOKEN = os.getenv("GITHUB_TOKEN", "ghp_'
        + "Zx8Kq2Lm4Np6Rt8Vw0Yb2Dc4Fg6Hj8Kl0Mn2P"
        + '")\n\n\ndef main():\n    requests.get("https://api.github.com/issues", headers={"Authorization": f"token {TOKEN}"}, timeout=10)\n\n\nif __name__ == "__main__":\n    main()\n'
    }
    report = run([str(make_tree(files))])
    messages = [f.message for f in report.findings if f.name == "hardcoded-secret"]
    assert len(messages) == 1 and messages[0].startswith("Hard-coded GitHub token")
