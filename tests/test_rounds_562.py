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

# Round 577: an INSERT run when a lookup function further down the file finds no row
_LOOKUP_DEFINED_LATER = {
    "pod.py": """\
import sqlite3

import feedparser


def fetch_items(conn, feed_url):
    cur = conn.cursor()
    for entry in feedparser.parse(feed_url).entries:
        if find_item(conn, entry.guid) is None:
            cur.execute("INSERT INTO items (guid, title) VALUES (?, ?)", (entry.guid, entry.title))
    conn.commit()


def find_item(conn, guid):
    return conn.execute("SELECT guid FROM items WHERE guid = ?", (guid,)).fetchone()


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


# Round 583: serverless.yml with CloudFormation's short tags, in its events and its resources
_SERVERLESS_CFN_TAGS = {
    "handler.py": """\
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def create(event, context):
    card = json.loads(event["body"])
    table.put_item(Item=card)
    return {"statusCode": 201, "body": json.dumps(card)}


def batch_create(event, context):
    s3 = boto3.client("s3")
    for record in event["Records"]:
        body = s3.get_object(Bucket=record["s3"]["bucket"]["name"], Key=record["s3"]["object"]["key"])["Body"]
        for card in json.loads(body.read()):
            table.put_item(Item=card)
""",
    "serverless.yml": """\
service: loyalty-cards
provider:
  name: aws
  runtime: python3.12
functions:
  createLoyaltyCard:
    handler: handler.create
    events:
      - httpApi:
          path: /loyalty-cards
          method: post
  batchCreate:
    handler: handler.batch_create
    events:
      - s3:
          bucket: !Ref InputBucket
          event: s3:ObjectCreated:*
          existing: true
resources:
  Resources:
    InputBucket:
      Type: AWS::S3::Bucket
    CardsQueue:
      Type: AWS::SQS::Queue
      Properties:
        RedrivePolicy:
          deadLetterTargetArn: !GetAtt DeadLetters.Arn
""",
}

# Round 592 (held out): a `schedule` loop in a function that nothing calls
_SCHEDULE_NEVER_STARTED = {
    "app_ping.py": """\
import time

import requests
import schedule


def job():
    requests.post("https://example.herokuapp.com/keep_alive", timeout=10)


def main():
    schedule.every(20).minutes.do(job)
    while True:
        schedule.run_pending()
        time.sleep(1)
""",
    "main.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'ok'\n",
}


# Round 596 (held out): a watchdog observer kept alive by `while exit_flag == False:`
_WATCHDOG_FLAG_COMPARED = {
    "watch.py": """\
import os
import signal
import subprocess
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer


class Mp4Handler(FileSystemEventHandler):
    def on_created(self, event):
        subprocess.run(["ffmpeg", "-i", event.src_path, event.src_path + ".gif"], check=True)


exit_flag = False


def handle_exit(sig, frame):
    global exit_flag
    exit_flag = True


signal.signal(signal.SIGTERM, handle_exit)
observer = Observer()
observer.schedule(Mp4Handler(), os.environ["WATCH_DIR"], recursive=True)
observer.start()
while exit_flag == False:
    time.sleep(1)
observer.stop()
observer.join()
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
    # the same number by its name, read from the error's arguments
    "duplicate_entry_by_name": (
        _edited(_DUPLICATE_ENTRY_BY_NUMBER, "export.py", "exc.errno == 1062", "exc.args[0] == errorcode.ER_DUP_ENTRY"),
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
    # trap: the lookup reads another table
    "lookup_defined_later_other_table": (
        _edited(_LOOKUP_DEFINED_LATER, "pod.py", "SELECT guid FROM items WHERE", "SELECT guid FROM archive WHERE"),
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
    "serverless_cfn_tags": (
        _SERVERLESS_CFN_TAGS,
        [("handler.py", "api", "aws-lambda"), ("handler.py", "job", "aws-lambda")],
        None,
    ),
    "schedule_never_started": (_SCHEDULE_NEVER_STARTED, [("main.py", "api", "flask")], None),
    # trap: the module's own level starts it
    "schedule_started": (
        {**_SCHEDULE_NEVER_STARTED, "app_ping.py": _SCHEDULE_NEVER_STARTED["app_ping.py"] + "\n\nmain()\n"},
        [("app_ping.py", "job", "schedule"), ("main.py", "api", "flask")],
        None,
    ),
    "watchdog_flag_compared": (_WATCHDOG_FLAG_COMPARED, [("watch.py", "worker", "watchdog")], None),
    # trap: the observer is waited on while files are still coming in, a count the loop changes
    "watchdog_waited_for_files": (
        _edited(
            _WATCHDOG_FLAG_COMPARED,
            "watch.py",
            "while exit_flag == False:\n    time.sleep(1)\n",
            "while len(os.listdir(os.environ['WATCH_DIR'])) < 10:\n    time.sleep(1)\n",
        ),
        [("watch.py", "job", "script")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of the session's changes (at e16317f) reproduced these: each was wrong there, and is as
# it was at f58ae6e again, or as the rule reads.
_REVIEW_CASES: dict[str, Case] = {
    "aioimaplib_single_idle": (
        {
            "check_mail.py": '"""Run every five minutes by cron: wait up to a minute for new mail, forward what arrives."""\nimport asyncio\nimport logging\nimport os\n\nimport aioimaplib\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("check_mail")\n\n\nasync def wait_for_new_message(host, user, password):\n    imap_client = aioimaplib.IMAP4_SSL(host=host)\n    await imap_client.wait_hello_from_server()\n    await imap_client.login(user, password)\n    await imap_client.select()\n\n    idle = await imap_client.idle_start(timeout=60)\n    while imap_client.has_pending_idle():\n        msg = await imap_client.wait_server_push()\n        if msg == aioimaplib.STOP_WAIT_SERVER_PUSH:\n            imap_client.idle_done()\n            await asyncio.wait_for(idle, 1)\n        else:\n            r = requests.post(os.environ["FORWARD_URL"], json={"push": [str(m) for m in msg]}, timeout=10)\n            r.raise_for_status()\n\n    await imap_client.logout()\n\n\nif __name__ == "__main__":\n    asyncio.run(wait_for_new_message(os.environ["IMAP_HOST"], os.environ["IMAP_USER"], os.environ["IMAP_PASSWORD"]))\n',
            "crontab": "*/5 * * * * cd /opt/mail && python3 check_mail.py\n",
        },
        [("check_mail.py", "job", "crontab")],
        ("missing-graceful-shutdown", "na"),
    ),
    "k8s_follow_pod_log": (
        {
            "cronjob.yaml": 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly-backfill\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          serviceAccountName: backfill-runner\n          containers:\n            - name: runner\n              image: ghcr.io/acme/backfill-runner:latest\n              command: ["python", "run_backfill.py"]\n',
            "run_backfill.py": '"""Run the nightly backfill in a pod and stream its log here, so the CronJob\'s log has it."""\nimport logging\nimport os\nimport sys\n\nfrom kubernetes import client, config, watch\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("run_backfill")\n\nNAMESPACE = os.environ.get("NAMESPACE", "data")\n\n\ndef main():\n    config.load_incluster_config()\n    v1 = client.CoreV1Api()\n    name = f"backfill-{os.environ[\'RUN_ID\']}"\n    pod = client.V1Pod(\n        metadata=client.V1ObjectMeta(name=name),\n        spec=client.V1PodSpec(\n            restart_policy="Never",\n            containers=[client.V1Container(name="backfill", image=os.environ["BACKFILL_IMAGE"])],\n        ),\n    )\n    v1.create_namespaced_pod(NAMESPACE, pod)\n    w = watch.Watch()\n    for line in w.stream(v1.read_namespaced_pod_log, name=name, namespace=NAMESPACE, follow=True):\n        log.info("[%s] %s", name, line)\n    phase = v1.read_namespaced_pod_status(name, NAMESPACE).status.phase\n    if phase != "Succeeded":\n        log.error("backfill pod ended %s", phase)\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("run_backfill.py", "job", "kubernetes-cronjob")],
        None,
    ),
    "k8s_watch_wait_for_job": (
        {
            ".github/workflows/deploy.yml": "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  migrate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install kubernetes\n      - run: python run_migration.py\n        env:\n          GIT_SHA: ${{ github.sha }}\n          MIGRATION_IMAGE: ghcr.io/acme/app:${{ github.sha }}\n",
            "run_migration.py": '"""Launch the schema migration as a Kubernetes Job and wait until it finishes (run by CI on deploy)."""\nimport logging\nimport os\nimport sys\n\nfrom kubernetes import client, config, watch\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("run_migration")\n\nNAMESPACE = os.environ.get("NAMESPACE", "prod")\nIMAGE = os.environ["MIGRATION_IMAGE"]\n\n\ndef create_job(batch, name):\n    job = client.V1Job(\n        metadata=client.V1ObjectMeta(name=name),\n        spec=client.V1JobSpec(\n            backoff_limit=0,\n            template=client.V1PodTemplateSpec(\n                spec=client.V1PodSpec(\n                    restart_policy="Never",\n                    containers=[client.V1Container(name="migrate", image=IMAGE, command=["alembic", "upgrade", "head"])],\n                )\n            ),\n        ),\n    )\n    batch.create_namespaced_job(NAMESPACE, job)\n\n\ndef wait_for(batch, name):\n    result = {"ok": False}\n    w = watch.Watch()\n    for event in w.stream(batch.list_namespaced_job, namespace=NAMESPACE, field_selector=f"metadata.name={name}"):\n        status = event["object"].status\n        if status.succeeded or status.failed:\n            result["ok"] = bool(status.succeeded)\n            w.stop()\n    return result["ok"]\n\n\ndef main():\n    config.load_kube_config()\n    batch = client.BatchV1Api()\n    name = f"migrate-{os.environ[\'GIT_SHA\'][:8]}"\n    create_job(batch, name)\n    if not wait_for(batch, name):\n        log.error("migration %s failed", name)\n        return 1\n    log.info("migration %s done", name)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("run_migration.py", "job", "python")],
        None,
    ),
    "kept_delete_other_branch": (
        {
            "crontab": "*/15 * * * * cd /srv/feeds && python sync_feed.py\n",
            "dao.py": 'import pymysql\n\n\nclass Store:\n    def __init__(self, password):\n        self.conn = pymysql.connect(host="db", user="feeds", passwd=password, db="feeds")\n        self.insert_sql = "INSERT INTO entries (guid, title, link) VALUES (%s, %s, %s)"\n        self.delete_sql = "DELETE FROM entries WHERE guid = %s"\n\n    def apply(self, entry):\n        cur = self.conn.cursor()\n        if entry.get("deleted"):\n            # the feed withdrew the entry\n            cur.execute(self.delete_sql, (entry["guid"],))\n        else:\n            cur.execute(self.insert_sql, (entry["guid"], entry["title"], entry["link"]))\n        self.conn.commit()\n',
            "sync_feed.py": 'import logging\nimport os\n\nimport requests\n\nfrom dao import Store\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    store = Store(os.environ["DB_PASSWORD"])\n    resp = requests.get(os.environ["FEED_URL"], timeout=30)\n    resp.raise_for_status()\n    for entry in resp.json()["entries"]:\n        store.apply(entry)\n    log.info("synced")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("sync_feed.py", "job", "crontab")],
        ("non-idempotent-insert", 1),
    ),
    "optional_setting_not_set": (
        {
            "backup_repos.py": 'import logging\nimport os\nimport subprocess\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("backup_repos")\n\nREPOS = ["acme/api", "acme/web", "acme/infra"]\nDEST = os.environ.get("BACKUP_DIR", "/srv/backups/git")\nHEALTHCHECK_URL = os.environ.get("HEALTHCHECK_URL")\n\n\ndef main():\n    for repo in REPOS:\n        target = os.path.join(DEST, repo.replace("/", "__") + ".git")\n        if os.path.isdir(target):\n            subprocess.run(["git", "-C", target, "remote", "update", "--prune"], check=True)\n        else:\n            subprocess.run(["git", "clone", "--mirror", f"https://github.com/{repo}.git", target], check=True)\n        log.info("backed up %s", repo)\n    if HEALTHCHECK_URL:\n        requests.get(HEALTHCHECK_URL, timeout=10)\n    else:\n        print("HEALTHCHECK_URL is not set: backups done, no healthchecks.io ping")\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 4 * * * /usr/bin/python3 /opt/backup/backup_repos.py\n",
        },
        [("backup_repos.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "processed_marker_guard": (
        {
            "crontab": "0 * * * * /usr/bin/python3 /opt/readings/load_readings.py\n",
            "load_readings.py": 'import csv\nimport logging\nimport os\nimport sqlite3\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("load_readings")\n\nINBOX = os.environ.get("INBOX", "/data/inbox")\nDONE = os.environ.get("DONE_DIR", "/data/done")\n\n\ndef is_processed(name):\n    return os.path.exists(os.path.join(DONE, name + ".done"))\n\n\ndef mark_processed(name):\n    open(os.path.join(DONE, name + ".done"), "w").close()\n\n\ndef load_file(conn, path):\n    with open(path, newline="") as f:\n        rows = [(r["sensor"], r["ts"], float(r["value"])) for r in csv.DictReader(f)]\n    conn.executemany("INSERT INTO readings (sensor, ts, value) VALUES (?, ?, ?)", rows)\n    conn.commit()\n\n\ndef main():\n    conn = sqlite3.connect(os.environ["DB_PATH"])\n    for name in sorted(os.listdir(INBOX)):\n        if not is_processed(name):\n            load_file(conn, os.path.join(INBOX, name))\n            mark_processed(name)\n            log.info("loaded %s", name)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("load_readings.py", "job", "crontab")],
        ("non-idempotent-insert", 1),
    ),
    "project_log_module_fatal_exits": (
        {
            "backup_db.py": 'import os\nimport subprocess\n\nfrom utils import log\n\nDUMP_DIR = os.environ.get("DUMP_DIR", "/var/backups/pg")\n\n\ndef main():\n    target = os.path.join(DUMP_DIR, "app.sql.gz")\n    try:\n        subprocess.run(\n            f"pg_dump {os.environ[\'DATABASE_URL\']} | gzip > {target}", shell=True, check=True\n        )\n    except subprocess.CalledProcessError as e:\n        log.fatal(f"pg_dump failed: {e}")\n    log.info(f"backup written to {target}")\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 3 * * * cd /opt/scripts && python3 backup_db.py\n",
            "utils/__init__.py": "",
            "utils/log.py": '"""Small console logging for the maintenance scripts."""\nimport sys\nfrom datetime import datetime\n\n\ndef _emit(level, msg):\n    print(f"{datetime.now():%Y-%m-%d %H:%M:%S} {level:5} {msg}", file=sys.stderr, flush=True)\n\n\ndef info(msg):\n    _emit("INFO", msg)\n\n\ndef error(msg):\n    _emit("ERROR", msg)\n\n\ndef fatal(msg):\n    """Log the message and stop the script with status 1."""\n    _emit("FATAL", msg)\n    sys.exit(1)\n',
        },
        [("backup_db.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "scheduler_calls_cloud_run": (
        {
            "deploy.sh": '#!/usr/bin/env bash\nset -euo pipefail\nREGION=us-central1\n\ngcloud functions deploy stripe_webhook --gen2 --runtime=python312 --region=$REGION \\\n  --source=webhook --entry-point=stripe_webhook --trigger-http --allow-unauthenticated\n\ngcloud run deploy report --source=report --region=$REGION --no-allow-unauthenticated\n\ngcloud scheduler jobs create http daily-report --location=$REGION --schedule="0 6 * * *" \\\n  --uri="https://report-4f2k3x7q-uc.a.run.app/daily" --http-method=POST \\\n  --oidc-service-account-email=scheduler@my-project.iam.gserviceaccount.com\n',
            "report/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install flask gunicorn google-cloud-bigquery\nCMD exec gunicorn --bind :$PORT app:app\n",
            "report/app.py": 'import logging\nimport os\n\nfrom flask import Flask\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.post("/daily")\ndef daily():\n    bigquery.Client().query(os.environ["DAILY_SQL"]).result()\n    return "done"\n',
            "webhook/main.py": 'import logging\nimport os\n\nimport functions_framework\nimport stripe\nfrom google.cloud import firestore\n\nlogging.basicConfig(level=logging.INFO)\ndb = firestore.Client()\n\n\n@functions_framework.http\ndef stripe_webhook(request):\n    event = stripe.Webhook.construct_event(\n        request.get_data(), request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"]\n    )\n    if event["type"] == "checkout.session.completed":\n        session = event["data"]["object"]\n        db.collection("orders").document(session["id"]).set({"paid": True}, merge=True)\n    return ("", 200)\n',
            "webhook/requirements.txt": "functions-framework==3.*\nstripe\ngoogle-cloud-firestore\n",
        },
        [("report/app.py", "api", "flask"), ("webhook/main.py", "api", "cloud-functions")],
        None,
    ),
    "scheduler_hyphenated_function_name": (
        {
            "deploy.sh": '#!/usr/bin/env bash\nset -euo pipefail\nPROJECT=acme-data\nREGION=europe-west1\n\ngcloud functions deploy sync --region=$REGION --runtime=python312 --trigger-http \\\n  --source=functions/sync --entry-point=sync --no-allow-unauthenticated\ngcloud functions deploy sync-nightly --region=$REGION --runtime=python312 --trigger-http \\\n  --source=functions/sync_nightly --entry-point=sync_nightly --no-allow-unauthenticated\n\ngcloud scheduler jobs create http sync-nightly --location=$REGION --schedule="15 1 * * *" \\\n  --uri="https://$REGION-$PROJECT.cloudfunctions.net/sync-nightly" --http-method=POST \\\n  --oidc-service-account-email=scheduler@$PROJECT.iam.gserviceaccount.com\n',
            "functions/sync/main.py": 'import logging\nimport os\n\nimport functions_framework\nimport requests\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\nbq = bigquery.Client()\nTABLE = os.environ["TABLE_ID"]\n\n\ndef _pull(since):\n    r = requests.get(os.environ["SOURCE_URL"], params={"since": since}, timeout=60)\n    r.raise_for_status()\n    return r.json()["records"]\n\n\n@functions_framework.http\ndef sync(request):\n    """Called by the admin page\'s "Sync now" button."""\n    rows = _pull(request.args.get("since", "1970-01-01"))\n    errors = bq.insert_rows_json(TABLE, rows)\n    return ({"inserted": len(rows), "errors": errors}, 500 if errors else 200)\n',
            "functions/sync/requirements.txt": "functions-framework==3.*\ngoogle-cloud-bigquery\nrequests\n",
            "functions/sync_nightly/main.py": 'import logging\nimport os\n\nimport functions_framework\nimport requests\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\nbq = bigquery.Client()\nTABLE = os.environ["TABLE_ID"]\n\n\ndef _pull(since):\n    r = requests.get(os.environ["SOURCE_URL"], params={"since": since}, timeout=60)\n    r.raise_for_status()\n    return r.json()["records"]\n\n\n@functions_framework.http\ndef sync_nightly(request):\n    rows = _pull("yesterday")\n    errors = bq.insert_rows_json(TABLE, rows)\n    if errors:\n        return (str(errors), 500)\n    return ("ok", 200)\n',
            "functions/sync_nightly/requirements.txt": "functions-framework==3.*\ngoogle-cloud-bigquery\nrequests\n",
        },
        [
            ("functions/sync/main.py", "api", "cloud-functions"),
            ("functions/sync_nightly/main.py", "job", "cloud-functions"),
        ],
        ("missing-heartbeat", {"functions/sync_nightly/main.py": "fail"}),
    ),
    "tf_scheduler_calls_cloud_run": (
        {
            "infra/main.tf": 'resource "google_cloudfunctions2_function" "stripe_webhook" {\n  name     = "stripe_webhook"\n  location = var.region\n  build_config {\n    runtime     = "python312"\n    entry_point = "stripe_webhook"\n  }\n}\n\nresource "google_cloud_run_v2_service" "report" {\n  name     = "report"\n  location = var.region\n  template {\n    containers {\n      image = "gcr.io/${var.project}/report:latest"\n    }\n  }\n}\n\nresource "google_cloud_scheduler_job" "daily_report" {\n  name     = "daily-report"\n  schedule = "0 6 * * *"\n  region   = var.region\n\n  http_target {\n    http_method = "POST"\n    uri         = "${google_cloud_run_v2_service.report.uri}/daily"\n    oidc_token {\n      service_account_email = var.scheduler_sa\n    }\n  }\n}\n',
            "report/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install flask gunicorn google-cloud-bigquery\nCMD exec gunicorn --bind :$PORT app:app\n",
            "report/app.py": 'import logging\nimport os\n\nfrom flask import Flask\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.post("/daily")\ndef daily():\n    bigquery.Client().query(os.environ["DAILY_SQL"]).result()\n    return "done"\n',
            "webhook/main.py": 'import logging\nimport os\n\nimport functions_framework\nimport stripe\nfrom google.cloud import firestore\n\nlogging.basicConfig(level=logging.INFO)\ndb = firestore.Client()\n\n\n@functions_framework.http\ndef stripe_webhook(request):\n    event = stripe.Webhook.construct_event(\n        request.get_data(), request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"]\n    )\n    if event["type"] == "checkout.session.completed":\n        session = event["data"]["object"]\n        db.collection("orders").document(session["id"]).set({"paid": True}, merge=True)\n    return ("", 200)\n',
            "webhook/requirements.txt": "functions-framework==3.*\nstripe\ngoogle-cloud-firestore\n",
        },
        [("report/app.py", "api", "flask"), ("webhook/main.py", "api", "cloud-functions")],
        None,
    ),
    "usage_text_is_required": (
        {
            "crontab": "0 8 * * 1-5 /usr/bin/python3 /opt/digest/post_digest.py C0123456789\n",
            "post_digest.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("post_digest")\n\ndef post_digest(channel):\n    r = requests.get(os.environ["DIGEST_API"] + "/yesterday", timeout=30)\n    r.raise_for_status()\n    resp = requests.post(\n        "https://slack.com/api/chat.postMessage",\n        headers={"Authorization": f"Bearer {os.environ[\'SLACK_BOT_TOKEN\']}"},\n        json={"channel": channel, "text": r.json()["text"]},\n        timeout=30,\n    )\n    resp.raise_for_status()\n    log.info("posted to %s", channel)\n\n\nif __name__ == "__main__":\n    if len(sys.argv) != 2:\n        print("usage: post_digest.py CHANNEL_ID  (CHANNEL_ID is required)")\n        sys.exit()\n    post_digest(sys.argv[1])\n',
        },
        [("post_digest.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (of 1834a9b..7930b32) reproduced these: each was wrong at 7930b32 (but
# `schedule_django_command`, where 7930b32 dropped a second job of one file, and
# `wait_threads_counter`, right there too), and is as at f58ae6e again.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "delete_constant_on": (
        {
            "purge_exports.py": 'import glob\nimport logging\nimport os\nimport time\n\n# --- settings -------------------------------------------------------------\nEXPORT_DIR = "/srv/exports"\nMAX_AGE_DAYS = 30\nPURGE_OLD = "yes"  # "no" keeps everything\n# ---------------------------------------------------------------------------\n\nlog = logging.getLogger("purge_exports")\n\n\ndef main():\n    cutoff = time.time() - MAX_AGE_DAYS * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            if PURGE_OLD == "yes":\n                os.remove(path)\n                log.info("purged %s", path)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("purge_exports.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "delete_default_yes": (
        {
            "rotate_backups.py": 'import argparse\nimport logging\nimport os\nimport sys\nimport time\n\nlog = logging.getLogger("rotate_backups")\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="Rotate nightly database dumps")\n    parser.add_argument("directory")\n    parser.add_argument("--days", type=int, default=14)\n    parser.add_argument("--delete", choices=["yes", "no"], default="yes",\n                        help="remove dumps older than --days (default: yes)")\n    args = parser.parse_args()\n    cutoff = time.time() - args.days * 86400\n    for name in sorted(os.listdir(args.directory)):\n        path = os.path.join(args.directory, name)\n        if name.endswith(".sql.gz") and os.path.getmtime(path) < cutoff:\n            if args.delete == "yes":\n                os.remove(path)\n                log.info("removed %s", path)\n            else:\n                log.info("keeping %s", path)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
        },
        [("rotate_backups.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "delete_row_field": (
        {
            "sync_members.py": 'import csv\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("sync_members")\n\n\ndef main(export_path):\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur, open(export_path, newline="") as fh:\n        for row in csv.DictReader(fh):\n            if row["remove"] == "yes":\n                cur.execute("DELETE FROM members WHERE email = %s", (row["email"],))\n                log.info("removed %s", row["email"])\n            else:\n                cur.execute(\n                    "INSERT INTO members (email, name) VALUES (%s, %s) "\n                    "ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name",\n                    (row["email"], row["name"]),\n                )\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(sys.argv[1]))\n'
        },
        [("sync_members.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "sql_delete_store_false": (
        {
            "prune_events.py": 'import argparse\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("prune_events")\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="Load yesterday\'s events and prune old ones")\n    parser.add_argument("--days", type=int, default=90)\n    parser.add_argument("--no-prune", dest="prune", action="store_false",\n                        help="keep events older than --days")\n    args = parser.parse_args()\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("REFRESH MATERIALIZED VIEW daily_event_counts")\n        if args.prune:\n            cur.execute("DELETE FROM events WHERE created_at < now() - %s * interval \'1 day\'", (args.days,))\n            log.info("pruned %d events", cur.rowcount)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
        },
        [("prune_events.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "ec2_wait_running": (
        {
            "start_instance.py": 'import logging\nimport sys\nimport time\n\nimport boto3\n\nlog = logging.getLogger(__name__)\n\n\ndef main(instance_id):\n    ec2 = boto3.resource("ec2")\n    instance = ec2.Instance(instance_id)\n    instance.start()\n    # 16 = running\n    while instance.state["Code"] != 16:\n        log.info("waiting for %s (%s)", instance_id, instance.state["Name"])\n        time.sleep(5)\n        instance.reload()\n    log.info("%s running at %s", instance_id, instance.public_ip_address)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main(sys.argv[1])\n'
        },
        [("start_instance.py", "job", "python")],
        None,
    ),
    "sqs_wait_drained": (
        {
            "finish_import.py": '"""Nightly import, step 3: wait until the workers have drained the import queue, then\npublish the new catalogue version."""\nimport logging\nimport os\nimport sys\nimport time\n\nimport boto3\n\nlog = logging.getLogger("finish_import")\n\n\ndef main():\n    sqs = boto3.resource("sqs")\n    queue = sqs.Queue(os.environ["IMPORT_QUEUE_URL"])\n    queue.load()\n    while int(queue.attributes["ApproximateNumberOfMessages"]) > 0:\n        log.info("%s messages left", queue.attributes["ApproximateNumberOfMessages"])\n        time.sleep(30)\n        queue.reload()\n    ssm = boto3.client("ssm")\n    ssm.put_parameter(Name="/catalogue/version", Value=os.environ["IMPORT_VERSION"], Overwrite=True, Type="String")\n    log.info("published catalogue %s", os.environ["IMPORT_VERSION"])\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
        },
        [("finish_import.py", "job", "python")],
        None,
    ),
    "retry_until_success": (
        {
            "upload_report.py": 'import logging\nimport sys\nimport time\n\nimport requests\n\nlog = logging.getLogger("upload_report")\nURL = "https://reports.example.com/api/upload"\n\n\ndef upload(path):\n    uploaded = False\n    while uploaded == False:\n        try:\n            with open(path, "rb") as fh:\n                r = requests.post(URL, files={"file": fh}, timeout=30)\n            r.raise_for_status()\n            uploaded = True\n        except requests.RequestException as exc:\n            log.warning("upload of %s failed (%s), retrying in 60s", path, exc)\n            time.sleep(60)\n    log.info("uploaded %s", path)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    upload(sys.argv[1])\n'
        },
        [("upload_report.py", "job", "python")],
        None,
    ),
    "mqtt_one_shot": (
        {
            "read_setpoint.py": 'import json\nimport logging\nimport time\n\nimport paho.mqtt.client as mqtt\n\nlog = logging.getLogger("read_setpoint")\nBROKER = "mqtt.local"\nTOPIC = "home/boiler/setpoint"\n\nrunning = True\n\n\ndef on_message(client, userdata, msg):\n    global running\n    value = json.loads(msg.payload)\n    with open("/var/lib/boiler/setpoint.json", "w") as fh:\n        json.dump(value, fh)\n    log.info("setpoint %s", value)\n    running = False\n\n\ndef main():\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(BROKER, 1883, 60)\n    client.subscribe(TOPIC)\n    client.loop_start()\n    while running == True:\n        time.sleep(0.5)\n    client.loop_stop()\n    client.disconnect()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("read_setpoint.py", "job", "python")],
        None,
    ),
    "schedule_console_script": (
        {
            "pyproject.toml": '[project]\nname = "feedsync"\nversion = "0.3.0"\ndependencies = ["schedule", "requests"]\n\n[project.scripts]\nfeedsync-scheduler = "feedsync.scheduler:main"\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
            "src/feedsync/__init__.py": "",
            "src/feedsync/scheduler.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\nFEED_URL = "https://feeds.example.com/latest.json"\n\n\ndef sync_feed():\n    r = requests.get(FEED_URL, timeout=30)\n    r.raise_for_status()\n    with open("/var/lib/feedsync/latest.json", "w") as fh:\n        fh.write(r.text)\n    log.info("synced %d bytes", len(r.text))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    schedule.every(15).minutes.do(sync_feed)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
        },
        [("src/feedsync/scheduler.py", "job", "schedule")],
        None,
    ),
    "schedule_fastapi_startup": (
        {
            "main.py": 'import logging\nimport threading\nimport time\n\nimport requests\nimport schedule\nfrom fastapi import FastAPI\n\nlog = logging.getLogger("rates")\n\napp = FastAPI()\nRATES = {}\n\n\ndef refresh_rates():\n    r = requests.get("https://api.exchangerate.host/latest", timeout=10)\n    r.raise_for_status()\n    RATES.update(r.json()["rates"])\n    log.info("refreshed %d rates", len(RATES))\n\n\ndef run_scheduler():\n    schedule.every(30).minutes.do(refresh_rates)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n\n\n@app.on_event("startup")\ndef start_scheduler():\n    logging.basicConfig(level=logging.INFO)\n    threading.Thread(target=run_scheduler, daemon=True).start()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n\n\n@app.get("/rates/{code}")\ndef rate(code: str):\n    return {"code": code, "rate": RATES.get(code.upper())}\n'
        },
        [("main.py", "api", "fastapi"), ("main.py", "job", "schedule")],
        None,
    ),
    "schedule_django_command": (
        {
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "shop/__init__.py": "",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/run_scheduler.py": 'import logging\nimport time\n\nimport schedule\nfrom django.core.management.base import BaseCommand\nfrom django.utils import timezone\n\nfrom shop.models import Cart\n\nlog = logging.getLogger(__name__)\n\n\ndef expire_carts():\n    cutoff = timezone.now() - timezone.timedelta(days=2)\n    count, _ = Cart.objects.filter(updated__lt=cutoff, status="open").update(status="expired")\n    log.info("expired %d carts", count)\n\n\nclass Command(BaseCommand):\n    help = "Runs the shop\'s periodic tasks"\n\n    def handle(self, *args, **options):\n        schedule.every(10).minutes.do(expire_carts)\n        while True:\n            schedule.run_pending()\n            time.sleep(1)\n',
            "shop/models.py": "from django.db import models\n\n\nclass Cart(models.Model):\n    status = models.CharField(max_length=16)\n    updated = models.DateTimeField(auto_now=True)\n",
            "shopsite/__init__.py": "",
            "shopsite/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nINSTALLED_APPS = ["django.contrib.contenttypes", "shop"]\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"}}\nLOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}}, "root": {"handlers": ["console"], "level": "INFO"}}\n',
        },
        [("manage.py", "api", "django"), ("shop/management/commands/run_scheduler.py", "job", "django-command")],
        None,
    ),
    "wait_threads_counter": (
        {
            "fetch_images.py": 'import logging\nimport os\nimport sys\nimport threading\nimport time\n\nimport requests\n\nlog = logging.getLogger("fetch_images")\nlock = threading.Lock()\npending = 0\n\n\ndef download(url, target):\n    global pending\n    try:\n        r = requests.get(url, timeout=30)\n        r.raise_for_status()\n        with open(os.path.join(target, url.rsplit("/", 1)[1]), "wb") as fh:\n            fh.write(r.content)\n    except requests.RequestException:\n        log.exception("failed: %s", url)\n    finally:\n        with lock:\n            pending -= 1\n\n\ndef main(list_file, target):\n    global pending\n    with open(list_file) as fh:\n        urls = [line.strip() for line in fh if line.strip()]\n    for url in urls:\n        with lock:\n            pending += 1\n        threading.Thread(target=download, args=(url, target)).start()\n    while pending > 0:\n        log.info("%d downloads left", pending)\n        time.sleep(2)\n    log.info("done: %d images", len(urls))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main(sys.argv[1], sys.argv[2])\n'
        },
        [("fetch_images.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])
