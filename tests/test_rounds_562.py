"""Session 37: what blind rounds 562 onwards showed, as small trees.

Each case fails on f58ae6e (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 564: an HTTP Cloud Function that a Terraform Cloud Scheduler job calls once a month
_TERRAFORM_SCHEDULED_FUNCTION = {
    "src/cloud_function/main.py": """\
import os

import functions_framework
import requests
from google.cloud import bigquery


@functions_framework.http
def main(request):
    resp = requests.get("https://ghoapi.azureedge.net/api/Indicator", timeout=30)
    resp.raise_for_status()
    rows = resp.json().get("value", [])
    errors = bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], rows)
    if errors:
        return (str(errors), 500)
    return ("ok", 200)
""",
    "src/cloud_function/requirements.txt": "functions-framework==3.*\ngoogle-cloud-bigquery\nrequests\n",
    "infra/terraform/modules/scheduler/main.tf": """\
resource "google_cloud_scheduler_job" "job" {
  name      = "monthly_ingest"
  schedule  = "0 16 23 * *"
  time_zone = "America/Sao_Paulo"

  http_target {
    http_method = "POST"
    uri         = var.function_url
  }
}
""",
}

# Round 491: batch files that deploy HTTP functions and have Cloud Scheduler call one of them
_BATCH_SCHEDULED_FUNCTION = {
    "cloud_functions/orchestrate/main.py": """\
import os

import requests
from google.cloud import storage


def orchestrate(request):
    bucket = storage.Client().bucket(os.environ["BUCKET"])
    for line in bucket.blob("searches.csv").download_as_text().splitlines():
        requests.get(f"{os.environ['INGEST_URL']}?q={line}", timeout=10)
    return "OK"
""",
    "cloud_functions/ingest/main.py": """\
import os

from google.cloud import bigquery


def ingest(request):
    query = request.args.get("q", "")
    bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], [{"q": query}])
    return "OK"
""",
    "scripts/deploy_functions.bat": """\
@echo off
:: deploy the functions
CALL gcloud functions deploy ingest ^
--source cloud_functions\\ingest ^
--runtime python39 ^
--trigger-http

CALL gcloud functions deploy orchestrate ^
--source cloud_functions\\orchestrate ^
--runtime python39 ^
--trigger-http ^
--allow-unauthenticated
""",
    "scripts/schedule.bat": """\
@echo off
FOR /F "tokens=* USEBACKQ" %%g IN (`gcloud functions describe orchestrate --region=us-east1 ^| findstr "http"`) do SET "URL=%%g"
gcloud scheduler jobs create http run_orchestrate --schedule="0 */3 * * *" --uri=%URL:~5% --http-method=GET
""",
}

# Round 569: a nextcord bot whose `__main__` block loads its cogs, the module then running the bot
_BOT_LOADS_COGS = {
    "main.py": """\
import os

import nextcord
from nextcord.ext import commands

client = commands.Bot(command_prefix="l!", intents=nextcord.Intents.default())
token = os.environ["TOKEN"]

extensions = ["cogs." + name[:-3] for name in os.listdir("./cogs") if name.endswith(".py")]

if __name__ == "__main__":
    for extension in extensions:
        client.load_extension(extension)

client.run(token)
""",
    "cogs/__init__.py": "",
    "cogs/status.py": """\
from nextcord.ext import commands


class Status(commands.Cog):
    def __init__(self, client):
        self.client = client

    @commands.command()
    async def ping(self, ctx):
        await ctx.send("pong")


def setup(client):
    client.add_cog(Status(client))
""",
}

# Round 562: a management command that sets Django up itself with `get_wsgi_application()`
_COMMAND_SETS_UP_DJANGO = {
    "api/__init__.py": "",
    "api/models.py": "from django.db import models\n\n\nclass Site(models.Model):\n    url = models.URLField()\n",
    "api/management/__init__.py": "",
    "api/management/commands/__init__.py": "",
    "api/management/commands/scanner.py": """\
import logging
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteinfo.settings")
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
from django.core.management.base import BaseCommand

from api.models import Site

logging.basicConfig(filename="siteinfo.log", level=logging.INFO)


class Command(BaseCommand):
    help = "Scans the sites"

    def handle(self, *args, **kwargs):
        for site in Site.objects.all():
            logging.info("scanning %s", site.url)
""",
    "siteinfo/__init__.py": "",
    "siteinfo/settings.py": """\
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ROOT_URLCONF = "siteinfo.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "api"]
""",
}

# Round 566: `app.debug = True` in the `__main__` block that the Dockerfile runs
_DEBUG_IN_DEPLOYED_BLOCK = {
    "app.py": """\
from os import environ

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello_world():
    return "<p>Hello, World!</p>"


if __name__ == "__main__":
    app.debug = True
    app.run(host=environ["FLASK_HOST"], port=int(environ["FLASK_PORT"]))
""",
    "Dockerfile": "FROM python:3.8-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install flask\nCMD python app.py\n",
}

# Round 566: a Firebase Cloud Messaging server key in the code
_FCM_SERVER_KEY = {
    "app.py": """\
import json

import requests
from flask import Flask, request

app = Flask(__name__)
server_key = "AAAAUKuWS4o:APA91bEqw_9luyNSvNpEpDQOqhYFt1NV6-R4MweUKuyxDCHnFqjn4u1t8Fxx5-rDpHhBakhn7adRoJ3mArnkw7zexbEVzHVOy3wDtybd56TkFOif9EdyuB4qNhxe1hTM_o2iDNRr05VF"


@app.route("/notify", methods=["POST"])
def notify():
    headers = {"Authorization": "key=" + server_key, "Content-Type": "application/json"}
    body = {"to": request.json["token"], "notification": {"title": "Package update"}}
    requests.post("https://fcm.googleapis.com/fcm/send", headers=headers, data=json.dumps(body), timeout=10)
    return "sent"
""",
}

# Round 568: a data-access class keeping its statements on itself, the row deleted by key before
# it is inserted again
_KEPT_DELETE_THEN_INSERT = {
    "dao.py": """\
import pymysql


class Connection:
    def __init__(self, password):
        self.conn = pymysql.connect(host="localhost", user="news", passwd=password, db="news")
        self.insert_sql = "INSERT INTO articles (id, title) VALUES (%s, %s)"
        self.delete_sql = "DELETE FROM articles WHERE id=%s"


def add(article, con):
    curs = con.conn.cursor()
    curs.execute(con.delete_sql, (article.id,))
    curs.execute(con.insert_sql, (article.id, article.title))
    con.conn.commit()
""",
    "main.py": """\
import os

import dao
import scraping

connection = dao.Connection(os.environ["DB_PASSWORD"])

for article in scraping.latest():
    dao.add(article, connection)
""",
    "scraping.py": """\
import requests


def latest():
    return requests.get("https://news.example.com/latest.json", timeout=10).json()
""",
}

# Round 570: a pyinotify notifier's loop, started from the `__main__` block of another module
_PYINOTIFY_LOOP = {
    "monitor.py": """\
import pyinotify


class EventHandler(pyinotify.ProcessEvent):
    def my_init(self, process):
        self.process = process

    def process_IN_CLOSE_WRITE(self, event):
        self.process(event.pathname)


def monitor_folder(path, process):
    wm = pyinotify.WatchManager()
    notifier = pyinotify.Notifier(wm, EventHandler(process=process))
    wm.add_watch(path, pyinotify.IN_CLOSE_WRITE)
    notifier.loop()
""",
    "dp.py": """\
import logging

from monitor import monitor_folder


def convert(path):
    logging.info("converting %s", path)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    monitor_folder("/data/raw", convert)
""",
}

# Round 571: a Kubernetes watch stream read at module level
_KUBERNETES_WATCH = {
    "watch.py": """\
import json
import os
import sys

from kubernetes import client, config, watch

config.load_incluster_config()
api = client.CustomObjectsApi()
w = watch.Watch()
for event in w.stream(api.list_namespaced_custom_object, group="example.com", version="v1",
                      namespace=os.environ.get("WATCH_NAMESPACE", "default"), plural="samples"):
    json.dump(event, sys.stdout)
""",
}

# Round 573: an aioimaplib client waiting in IDLE for the server's pushes
_IMAP_IDLE = {
    "main.py": """\
import asyncio
import logging
import os

import aioimaplib

log = logging.getLogger(__name__)


async def wait_for_new_message(host, user, password):
    client = aioimaplib.IMAP4_SSL(host=host)
    await client.wait_hello_from_server()
    await client.login(user, password)
    await client.select()
    idle = await client.idle_start(timeout=10)
    while client.has_pending_idle():
        msg = await client.wait_server_push()
        log.info("pushed: %s", msg)
        if msg == "DONE":
            client.idle_done()
            await asyncio.wait_for(idle, 1)
    await client.logout()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(wait_for_new_message(os.environ["IMAP_HOST"], os.environ["IMAP_USER"], os.environ["IMAP_PASSWORD"]))
""",
}

# Round 572: Mastodon.py given the file that holds its token
_MASTODON_TOKEN_FILE = {
    "bot.py": """\
from mastodon import Mastodon

mastodon = Mastodon(access_token="token.secret", api_base_url="https://botsin.space/")
mastodon.status_post("Thursday. What a concept.")
""",
    ".github/workflows/post.yml": """\
on:
  schedule:
    - cron: "0 9 * * 4"
jobs:
  post:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install Mastodon.py && python bot.py
""",
}

# Round 573: inserts in a `try:` whose handler skips MySQL's duplicate key by its number
_DUPLICATE_ENTRY_BY_NUMBER = {
    "export.py": """\
import logging
import os

import mysql.connector
from mysql.connector import Error as MySQLError

log = logging.getLogger(__name__)


def insert_email(conn, message_id, subject):
    cursor = conn.cursor()
    try:
        cursor.execute("INSERT INTO emails (message_id, subject) VALUES (%s, %s)", (message_id, subject))
        conn.commit()
        return True
    except MySQLError as exc:
        conn.rollback()
        if exc.errno == 1062:
            log.debug("duplicate ignored: %s", message_id)
            return False
        raise
    finally:
        cursor.close()


def main():
    conn = mysql.connector.connect(host="db", user="mail", password=os.environ["DB_PASSWORD"], database="mail")
    for message_id, subject in [("a@b", "hello")]:
        insert_email(conn, message_id, subject)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
""",
}

# Round 577: an INSERT run when a lookup function further down the file says the row is not there
_LOOKUP_DEFINED_LATER = {
    "pod.py": """\
import sqlite3

import feedparser


def fetch_items(conn, feed_url):
    cur = conn.cursor()
    for entry in feedparser.parse(feed_url).entries:
        if not itemIsFetched(conn, entry.guid):
            cur.execute("INSERT INTO items (guid, title) VALUES (?, ?)", (entry.guid, entry.title))
    conn.commit()


def itemIsFetched(conn, guid):
    rows = conn.cursor().execute("SELECT COUNT(guid) FROM items WHERE guid = ?", (guid,))
    for row in rows:
        return row[0] != 0


if __name__ == "__main__":
    fetch_items(sqlite3.connect("podcasts.db"), "https://example.com/feed.xml")
""",
}

# Round 577: a check-in job that gives up on a missing token with a print, and exits 0
_SETTING_MISSING_PRINTED = {
    "main.py": """\
import os
from datetime import datetime

import requests


def checkin():
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    token = os.getenv("API_TOKEN")
    if token is None:
        print(f"{now} token must not be none!")
        return
    resp = requests.post("https://gateway.example.com/graphql", json={"query": "mutation { checkIn }"},
                         headers={"authorization": f"Bearer {token}"}, timeout=10)
    resp.raise_for_status()


if __name__ == "__main__":
    checkin()
""",
}

# Round 576: a job whose main() ends in an `else:` that only logs an error, through a logger a
# project module keeps
_ELSE_LOGS_ERROR = {
    "utils.py": """\
import json
import logging

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("backup")


def load_config(path="config.json"):
    try:
        with open(path) as f:
            return json.load(f)
    except OSError:
        return None


config = load_config()
""",
    "mongobak.py": """\
import subprocess

from utils import config, log


def main():
    log.info("Starting the backup.")
    if config:
        subprocess.run(["mongodump", "--archive=/backups/db.gz", "--gzip"], check=True)
        log.info("Backup done.")
    else:
        log.error("Couldn't read the config file")


if __name__ == "__main__":
    main()
""",
}

# Round 578: a backup loop that runs while a setting says so, pausing for hours between rounds
_SETTING_HELD_LOOP = {
    "backup.py": """\
import json
import os
import shutil
from time import sleep

import requests

settings = {"INTERVAL": os.environ.get("INTERVAL", "24"), "DATA_PATH": "/data"}


def backup_all():
    r = requests.get("https://api.example.net/v5/domains", timeout=30)
    r.raise_for_status()
    with open(os.path.join(settings["DATA_PATH"], "domains.json"), "w") as f:
        json.dump(r.json(), f)


if __name__ == "__main__":
    while int(settings["INTERVAL"]) > 0:
        backup_all()
        sleep(int(settings["INTERVAL"]) * 60 * 60)
""",
}

# Round 581: a clean-up thread the app's module starts at its own level, beside the app
_MODULE_LEVEL_THREAD = {
    "main.py": """\
import threading
import time

from fastapi import FastAPI
from pymongo import MongoClient

app = FastAPI()
db = MongoClient("mongodb://db:27017").docs.documents


def clean_outdated_data():
    db.delete_many({"expire_at": {"$lt": int(time.time())}})


def clean_background():
    while True:
        clean_outdated_data()
        time.sleep(600)


threading.Thread(target=clean_background).start()


@app.get("/{doc_id}")
async def get_document(doc_id: str):
    return db.find_one({"doc_id": doc_id}, {"_id": 0})
""",
}

_CASES: dict[str, Case] = {
    "terraform_scheduled_function": (
        _TERRAFORM_SCHEDULED_FUNCTION,
        [("src/cloud_function/main.py", "job", "cloud-functions")],
        ("missing-heartbeat", "fail"),
    ),
    # trap: the scheduler job publishes to a topic; the HTTP function is called by something else
    "terraform_scheduler_publishes": (
        _edited(
            _TERRAFORM_SCHEDULED_FUNCTION,
            "infra/terraform/modules/scheduler/main.tf",
            '  http_target {\n    http_method = "POST"\n    uri         = var.function_url\n  }',
            "  pubsub_target {\n    topic_name = var.topic\n  }",
        ),
        [("src/cloud_function/main.py", "api", "cloud-functions")],
        None,
    ),
    # trap: two HTTP functions, and the scheduler's URL does not say which it calls
    "terraform_scheduler_two_functions": (
        {
            **_TERRAFORM_SCHEDULED_FUNCTION,
            "src/lookup/main.py": 'import functions_framework\n\n\n@functions_framework.http\ndef lookup(request):\n    return {"q": request.args.get("q")}\n',
        },
        [("src/cloud_function/main.py", "api", "cloud-functions"), ("src/lookup/main.py", "api", "cloud-functions")],
        None,
    ),
    "batch_scheduled_function": (
        _BATCH_SCHEDULED_FUNCTION,
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "job", "cloud-functions"),
        ],
        ("missing-heartbeat", {"cloud_functions/orchestrate/main.py": "fail"}),
    ),
    # no scheduler: both functions answer requests (not a trap: f58ae6e read no batch file)
    "batch_deployed_functions": (
        {k: v for k, v in _BATCH_SCHEDULED_FUNCTION.items() if k != "scripts/schedule.bat"},
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "api", "cloud-functions"),
        ],
        None,
    ),
    "bot_loads_cogs": (_BOT_LOADS_COGS, [("main.py", "worker", "discord")], None),
    # trap: the block also runs work of its own
    "bot_loads_cogs_and_backs_up": (
        _edited(
            _BOT_LOADS_COGS,
            "main.py",
            "        client.load_extension(extension)\n",
            "        client.load_extension(extension)\n    backup_database()\n",
        ),
        [("main.py", "job", "python"), ("main.py", "worker", "discord")],
        None,
    ),
    "command_sets_up_django": (
        _COMMAND_SETS_UP_DJANGO,
        [("api/management/commands/scanner.py", "job", "django-command"), ("siteinfo/settings.py", "api", "django")],
        None,
    ),
    # trap: with the project's wsgi.py, the api is there
    "command_sets_up_django_wsgi": (
        {
            **_COMMAND_SETS_UP_DJANGO,
            "siteinfo/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteinfo.settings")\napplication = get_wsgi_application()\n',
        },
        [("api/management/commands/scanner.py", "job", "django-command"), ("siteinfo/wsgi.py", "api", "django")],
        None,
    ),
    "debug_in_deployed_block": (_DEBUG_IN_DEPLOYED_BLOCK, [("app.py", "api", "flask")], ("debug-mode-enabled", 1)),
    # trap: no deployment runs the block: the development server
    "debug_in_development_block": (
        {k: v for k, v in _DEBUG_IN_DEPLOYED_BLOCK.items() if k != "Dockerfile"},
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    "fcm_server_key": (_FCM_SERVER_KEY, [("app.py", "api", "flask")], ("hardcoded-secret", 1)),
    # trap: the key read from the environment
    "fcm_server_key_from_env": (
        _edited(
            _FCM_SERVER_KEY,
            "app.py",
            'server_key = "AAAAUKuWS4o:APA91bEqw_9luyNSvNpEpDQOqhYFt1NV6-R4MweUKuyxDCHnFqjn4u1t8Fxx5-rDpHhBakhn7adRoJ3mArnkw7zexbEVzHVOy3wDtybd56TkFOif9EdyuB4qNhxe1hTM_o2iDNRr05VF"',
            'server_key = os.environ["FCM_SERVER_KEY"]',
        ),
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "kept_delete_then_insert": (_KEPT_DELETE_THEN_INSERT, [("main.py", "job", "script")], ("non-idempotent-insert", 0)),
    # trap: the statement kept beside the INSERT prunes old rows, it does not replace them
    "kept_prune_then_insert": (
        _edited(
            _KEPT_DELETE_THEN_INSERT,
            "dao.py",
            '"DELETE FROM articles WHERE id=%s"',
            '"DELETE FROM articles WHERE published < %s"',
        ),
        [("main.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    "pyinotify_loop": (_PYINOTIFY_LOOP, [("dp.py", "worker", "inotify")], None),
    # trap: the events waiting now, processed once
    "pyinotify_events_once": (
        _edited(_PYINOTIFY_LOOP, "monitor.py", "    notifier.loop()\n", "    notifier.process_events()\n"),
        [("dp.py", "job", "python")],
        None,
    ),
    "kubernetes_watch": (_KUBERNETES_WATCH, [("watch.py", "worker", "kubernetes-watch")], None),
    # trap: the watch ends after a minute
    "kubernetes_watch_timeout": (
        _edited(_KUBERNETES_WATCH, "watch.py", 'plural="samples"):', 'plural="samples", timeout_seconds=60):'),
        [("watch.py", "job", "script")],
        None,
    ),
    "imap_idle": (_IMAP_IDLE, [("main.py", "worker", "imap")], ("missing-graceful-shutdown", "fail")),
    # trap: the client reads what is there, once
    "imap_search_once": (
        _edited(
            _IMAP_IDLE,
            "main.py",
            "        msg = await client.wait_server_push()\n",
            '        msg = await client.search("UNSEEN")\n',
        ),
        [("main.py", "job", "python")],
        None,
    ),
    "mastodon_token_file": (_MASTODON_TOKEN_FILE, [("bot.py", "job", "github-schedule")], ("hardcoded-secret", 0)),
    # trap: the token itself in the code
    "mastodon_token_literal": (
        _edited(
            _MASTODON_TOKEN_FILE,
            "bot.py",
            'access_token="token.secret"',
            'access_token="Zq8xR2vLk0PwT7nYb3HcJ5mQs9DfGa1E"',
        ),
        [("bot.py", "job", "github-schedule")],
        ("hardcoded-secret", 1),
    ),
    "duplicate_entry_by_number": (
        _DUPLICATE_ENTRY_BY_NUMBER,
        [("export.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: the handler skips another error (access denied), not a duplicate
    "other_error_by_number": (
        _edited(_DUPLICATE_ENTRY_BY_NUMBER, "export.py", "exc.errno == 1062", "exc.errno == 1045"),
        [("export.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "lookup_defined_later": (_LOOKUP_DEFINED_LATER, [("pod.py", "job", "python")], ("non-idempotent-insert", 0)),
    # trap: the function counts the rows, and is named so
    "count_defined_later": (
        {"pod.py": _LOOKUP_DEFINED_LATER["pod.py"].replace("itemIsFetched", "itemCount")},
        [("pod.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "setting_missing_printed": (
        _SETTING_MISSING_PRINTED,
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the missing token ends the run with a status
    "setting_missing_exits": (
        _edited(_SETTING_MISSING_PRINTED, "main.py", "        return\n", "        raise SystemExit(1)\n"),
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "else_logs_error": (_ELSE_LOGS_ERROR, [("mongobak.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: a warning, not an error
    "else_logs_warning": (
        _edited(
            _ELSE_LOGS_ERROR,
            "mongobak.py",
            'log.error("Couldn\'t read the config file")',
            'log.warning("No config file: nothing to back up")',
        ),
        [("mongobak.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "setting_held_loop": (_SETTING_HELD_LOOP, [("backup.py", "worker", "polling-loop")], None),
    # trap: a countdown of rounds, which ends
    "countdown_loop": (
        _edited(
            _SETTING_HELD_LOOP,
            "backup.py",
            "        backup_all()\n",
            '        backup_all()\n        settings["INTERVAL"] = int(settings["INTERVAL"]) - 1\n',
        ),
        [("backup.py", "job", "python")],
        None,
    ),
    "module_level_thread": (
        _MODULE_LEVEL_THREAD,
        [("main.py", "api", "fastapi"), ("main.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", {"main.py": "fail"}),
    ),
    # trap: the thread is started by a request, once
    "request_thread": (
        {
            "main.py": _MODULE_LEVEL_THREAD["main.py"].replace(
                "threading.Thread(target=clean_background).start()\n",
                '@app.post("/clean")\nasync def clean():\n    threading.Thread(target=clean_background).start()\n    return {}\n',
            )
        },
        [("main.py", "api", "fastapi")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
