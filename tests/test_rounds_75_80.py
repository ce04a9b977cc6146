"""Rounds 75-80 (blind, measured on dfc24b5): what the tool got wrong there, reduced to small trees.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where the
round turned on a rule, that rule's finding count or gap status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_AZURE_TIMER = """\
import logging

import azure.functions as func
import requests


def main(mytimer: func.TimerRequest) -> None:
    rows = requests.get("https://api.example.com/onboarding", timeout=10).json()
    logging.info("%d reminders", len(rows))
"""
_AZURE_HTTP = """\
import json

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    name = req.params.get("name", "world")
    return func.HttpResponse(json.dumps({"hello": name}), mimetype="application/json")
"""
_AZURE_V2 = """\
import logging

import azure.functions as func

app = func.FunctionApp()


@app.timer_trigger(schedule="0 */20 * * * *", arg_name="timer", run_on_startup=False)
def refresh(timer: func.TimerRequest) -> None:
    logging.info("refreshing feeds")


@app.schedule(schedule="0 0 3 * * *", arg_name="timer")
def nightly(timer: func.TimerRequest) -> None:
    logging.info("nightly clean-up")
"""
_AZURE_V2_HTTP = """\
import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="health")
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")


@app.route(route="orders", methods=["POST"])
def orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(req.get_body(), status_code=201)
"""
_TELEBOT = """\
import telebot

bot = telebot.TeleBot("")


@bot.message_handler(commands=["start"])
def start(message):
    bot.reply_to(message, "hello")
"""
_TELEBOT_WEBHOOK_APP = """\
import os

import telebot
from flask import Flask, request

from bot import bot

bot.remove_webhook()
bot.set_webhook(f"https://example.herokuapp.com/{os.environ['TOKEN']}")
server = Flask(__name__)


@server.route("/" + os.environ["TOKEN"], methods=["POST"])
def receive():
    bot.process_new_updates([telebot.types.Update.de_json(request.stream.read().decode("utf-8"))])
    return "!", 200
"""
_TELEBOT_POLLED = """\
import logging

from bot import bot

logging.basicConfig(level=logging.INFO)

if __name__ == "__main__":
    bot.infinity_polling()
"""
_LAMBDA_HTTP = """\
import json


def handler(event, context):
    body = json.loads(event["body"])
    return {"statusCode": 200, "body": json.dumps({"echo": body})}
"""
_LAMBDA_SCHEDULED = """\
import json

import boto3


def handler(event, context):
    boto3.client("ec2").create_snapshot(VolumeId="vol-0a1b2c3d")
    return {"statusCode": 200, "body": json.dumps("done")}
"""
_CHERRYPY = """\
import cherrypy


class Root:
    @cherrypy.expose
    def index(self):
        return "quotes"


if __name__ == "__main__":
    cherrypy.config.update({"server.socket_host": "0.0.0.0", "server.socket_port": 8080})
    cherrypy.quickstart(Root(), "/", {})
"""
_PTB_JOBQUEUE = """\
import logging
import os

from telegram.ext import ApplicationBuilder, CommandHandler

logging.basicConfig(level=logging.INFO)


async def check(context):
    logging.info("checking")


async def start(update, context):
    await update.message.reply_text("watching")


def main():
    app = ApplicationBuilder().token(os.environ["TOKEN"]).build()
    app.add_handler(CommandHandler("start", start))
    jq = app.job_queue
    jq.run_repeating(check, interval=60, first=10)
    app.run_polling()


if __name__ == "__main__":
    main()
"""
_FLASK_THREAD_POLLER = """\
import threading
import time

import requests
from flask import Flask, jsonify

app = Flask(__name__)
interval = 60


@app.route("/interval", methods=["POST"])
def set_interval():
    return jsonify({"interval": interval})


def monitor():
    while True:
        requests.get("https://example.com", timeout=10)
        time.sleep(interval)


if __name__ == "__main__":
    threading.Thread(target=monitor, daemon=True).start()
    app.run(port=5000)
"""
_FLASK_ROUTE_THREAD = """\
import threading
import time

from flask import Flask

app = Flask(__name__)


def export():
    while True:
        time.sleep(1)
        break


@app.route("/export", methods=["POST"])
def start_export():
    threading.Thread(target=export).start()
    return "started", 202


if __name__ == "__main__":
    app.run(port=5000)
"""
_SCHEDULE_MODULE = """\
import time

import requests
from schedule import every, repeat, run_pending


def notify(text):
    requests.post("https://ntfy.example.com/alerts", data=text, timeout=10)


if __name__ == "__main__":
    notify("monitor started")


@repeat(every(60).seconds)
def check():
    notify("still here")


while True:
    run_pending()
    time.sleep(1)
"""
_SERVICE_UNIT = "[Service]\nRestart=always\nExecStart=/usr/bin/python3 /opt/monitor/monitor.py\n"
_SETTINGS_EXAMPLE = """\
POSTGRES_DEFAULT_USER = "postgres"
POSTGRES_DEFAULT_PASSWORD = "postgres"
DATABASES = {"shop": {"user": "custom_user", "password": "custom_password"}}
REMOTE_PATH = "/home/backup_sql/"
BROKER_URL = "amqp://shop:Xk29fpQz7@rabbit:5672//"
SLACK_TOKEN = "xoxb-263594206564-2343536243467-Xk29fpQz7LmN4bVc8RtYw2Ka"
"""
_BACKUP = """\
import logging
import os
import subprocess

logging.basicConfig(level=logging.INFO)

if __name__ == "__main__":
    subprocess.run(["pg_dumpall", "-f", "/backups/all.sql"], check=True)
"""
_WRITE_THEN_REMOVE = """\
import logging
import os

import requests

logging.basicConfig(level=logging.INFO)


def mirror(feeds, upload):
    for name, url in feeds:
        local = os.path.join("/tmp", f"{name}.xml")
        with open(local, "wb") as out:
            out.write(requests.get(url, timeout=30).content)
        with open(local, "rb") as data:
            upload(name, data)
        os.remove(local)


if __name__ == "__main__":
    mirror([("news", "https://example.com/rss")], print)
"""
_REMOVE_INPUT = """\
import logging
import os

logging.basicConfig(level=logging.INFO)


def purge(paths):
    for local in paths:
        with open(local, "rb") as data:
            logging.info("%s: %d bytes", local, len(data.read()))
        os.remove(local)


if __name__ == "__main__":
    purge(["/srv/exports/old.csv"])
"""
_COPY_THEN_REMOVE = """\
import logging
import os
import shutil
import subprocess
from datetime import datetime

logging.basicConfig(level=logging.INFO)
DUMP = "/backups/tgfp"


def back_up():
    subprocess.run(["mongodump", "--gzip", f"--archive={DUMP}"], check=True)
    shutil.copyfile(DUMP, f"{DUMP}.daily.{datetime.now().day}.gz")
    os.remove(DUMP)


if __name__ == "__main__":
    back_up()
"""
_UNIXSOCKET_SESSION = """\
import requests_unixsocket


def containers():
    session = requests_unixsocket.Session()
    return session.get("http+unix://%2Fvar%2Frun%2Fdocker.sock/containers/json").json()
"""
_STATUS_THEN_EMPTY = """\
import os

import requests

HEADERS = {"Authorization": f"Bearer {os.environ['NOTION_TOKEN']}"}


def get_tasks():
    response = requests.post("https://api.notion.com/v1/databases/x/query", headers=HEADERS, timeout=30)
    if response.status_code != 200:
        print("error fetching tasks:", response.json())
        return []
    return response.json()["results"]


if __name__ == "__main__":
    for task in get_tasks():
        print(task["id"])
"""
_STATUS_THEN_RAISE = _STATUS_THEN_EMPTY.replace("        return []\n", "        raise SystemExit(1)\n")
_GCF_HTTP = """\
import functions_framework


@functions_framework.http
def hello(request):
    return {"hello": request.args.get("name", "world")}
"""
_GCF_EVENT = """\
import functions_framework


@functions_framework.cloud_event
def on_upload(cloud_event):
    print(cloud_event.data["name"])
"""
_GCF_GEN1 = """\
import json


def insert(request):
    body = request.get_json()
    return json.dumps({"saved": body["id"]})
"""
_EXPORTER_INIT = """\
import time

from prometheus_client import start_http_server

from exporter.collect import collect


def _loop():
    while True:
        collect()
        time.sleep(15)


def main():
    start_http_server(8000)
    _loop()


if __name__ == "__main__":
    main()
"""
_EXPORTER_SETUP = """\
from setuptools import setup

setup(name="exporter", entry_points={"console_scripts": ["exporter=exporter.__init__:main"]})
"""
_TORNADO_TABLE = """\
import tornado.ioloop
import tornado.web


class Main(tornado.web.RequestHandler):
    def get(self):
        self.write("ok")


application = tornado.web.Application([(r"/", Main), (r"/hooks", Main)])

if __name__ == "__main__":
    application.listen(8888)
    tornado.ioloop.IOLoop.current().start()
"""

_CASES: dict[str, Case] = {
    "azure_v1_timer_and_http": (
        {"SmsReminder/__init__.py": _AZURE_TIMER, "HttpTrigger/__init__.py": _AZURE_HTTP},
        [("HttpTrigger/__init__.py", "api", "azure-functions"), ("SmsReminder/__init__.py", "job", "azure-functions")],
        ("missing-exit-code", "na"),
    ),
    "azure_v2_timers_are_a_job_not_an_api": (
        {"function_app.py": _AZURE_V2},
        [("function_app.py", "job", "azure-functions")],
        None,
    ),
    "azure_v2_routes_are_an_api_with_routes": (
        {"function_app.py": _AZURE_V2_HTTP},
        [("function_app.py", "api", "azure-functions")],
        ("missing-health-route", "pass"),
    ),
    "telebot_fed_by_a_webhook_in_another_module": (
        {"bot.py": _TELEBOT, "main.py": _TELEBOT_WEBHOOK_APP},
        [("main.py", "api", "flask")],
        None,
    ),
    "telebot_polled_by_another_module_stays_a_worker": (
        {"bot.py": _TELEBOT, "main.py": _TELEBOT_POLLED},
        [("main.py", "worker", "telegram")],
        None,
    ),
    "lambda_reading_a_request_is_an_api": (
        {"index.py": _LAMBDA_HTTP},
        [("index.py", "api", "aws-lambda")],
        None,
    ),
    "lambda_returning_status_code_only_stays_a_job": (
        {"snapshot.py": _LAMBDA_SCHEDULED},
        [("snapshot.py", "job", "aws-lambda")],
        None,
    ),
    "cherrypy_quickstart_serves": (
        {"quotes.py": _CHERRYPY},
        [("quotes.py", "api", "cherrypy")],
        None,
    ),
    "telegram_job_queue_is_a_job": (
        {"watchdog_bot.py": _PTB_JOBQUEUE},
        [("watchdog_bot.py", "job", "telegram-jobqueue"), ("watchdog_bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    "flask_main_starts_a_polling_thread": (
        {"main.py": _FLASK_THREAD_POLLER},
        [("main.py", "api", "flask"), ("main.py", "worker", "polling-loop")],
        None,
    ),
    "thread_started_by_a_route_is_no_worker": (
        {"main.py": _FLASK_ROUTE_THREAD},
        [("main.py", "api", "flask")],
        None,
    ),
    "module_loop_keeps_its_own_scheduler": (
        {"monitor.py": _SCHEDULE_MODULE, "monitor.service": _SERVICE_UNIT},
        [("monitor.py", "job", "schedule")],
        None,
    ),
    "example_settings_are_placeholders": (
        {"settings_example.py": _SETTINGS_EXAMPLE, "backup.py": _BACKUP},
        [("backup.py", "job", "python")],
        ("hardcoded-secret", 1),  # the Slack token only: a provider's key is real wherever it is
    ),
    "example_settings_paths": (
        {"settings_example.py": _SETTINGS_EXAMPLE, "backup.py": _BACKUP},
        [("backup.py", "job", "python")],
        ("hardcoded-path", 0),
    ),
    "same_settings_not_an_example": (
        {"settings.py": _SETTINGS_EXAMPLE, "backup.py": _BACKUP},
        [("backup.py", "job", "python")],
        ("hardcoded-secret", 4),
    ),
    "file_written_then_removed_is_the_jobs_own": (
        {"mirror.py": _WRITE_THEN_REMOVE},
        [("mirror.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "file_copied_then_removed_was_moved": (
        {"backup.py": _COPY_THEN_REMOVE},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "requests_unixsocket_session_needs_a_timeout": (
        {"notify.py": _UNIXSOCKET_SESSION},
        [],
        ("http-call-without-timeout", 1),
    ),
    "failed_request_handed_on_as_nothing_found": (
        {"notion_report.py": _STATUS_THEN_EMPTY},
        [("notion_report.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "failed_request_that_exits_non_zero": (
        {"notion_report.py": _STATUS_THEN_RAISE},
        [("notion_report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "cloud_function_http_and_event": (
        {"web/main.py": _GCF_HTTP, "events/main.py": _GCF_EVENT},
        [("events/main.py", "job", "cloud-functions"), ("web/main.py", "api", "cloud-functions")],
        ("missing-exit-code", "na"),
    ),
    "cloud_function_first_generation": (
        {"insertdb/main.py": _GCF_GEN1},
        [("insertdb/main.py", "api", "cloud-functions")],
        None,
    ),
    "request_function_outside_main_py_is_no_cloud_function": (
        {"insertdb/helpers.py": _GCF_GEN1},
        [],
        None,
    ),
    "console_script_naming_the_package_init": (
        {
            "setup.py": _EXPORTER_SETUP,
            "exporter/__init__.py": _EXPORTER_INIT,
            "exporter/collect.py": "def collect():\n    return 1\n",
        },
        [("exporter/__init__.py", "worker", "polling-loop")],
        None,
    ),
    "tornado_route_table_without_health": (
        {"app.py": _TORNADO_TABLE},
        [("app.py", "api", "tornado")],
        ("missing-health-route", "fail"),
    ),
    "tornado_route_table_with_health": (
        {"app.py": _TORNADO_TABLE.replace('(r"/hooks", Main)', '(r"/healthz", Main)')},
        [("app.py", "api", "tornado")],
        ("missing-health-route", "pass"),
    ),
    "file_only_read_then_removed_is_a_deletion": (
        {"purge.py": _REMOVE_INPUT},
        [("purge.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_rounds_75_to_80(check_case: Callable[[str, Case], None], case: str) -> None:
    check_case(case, _CASES[case])
