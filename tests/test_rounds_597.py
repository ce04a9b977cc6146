"""Session 38: what blind rounds 597 onwards showed, as small trees.

Each case fails on a38afd2 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 602: a purge whose per-table catch-all imports traceback in the handler, prints it and
# goes on to the next table; the script always exits 0
_PURGE_IMPORTING_TRACEBACK = {
    "db_cleanup/db_cleanup.py": """\
import logging

from sqlalchemy import MetaData, create_engine, delete, select

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)


class DBManager:
    def __init__(self, tables, db_url, limit=2000):
        self.tables = tables
        self.engine = create_engine(db_url)
        self.metadata = MetaData()
        self.metadata.reflect(bind=self.engine)
        self.limit = limit

    def run_cleanup(self):
        for table in self.tables:
            try:
                table_ = self.metadata.tables[table["name"]]
                with self.engine.begin() as conn:
                    ids = [r[0] for r in conn.execute(select(table_.c.id).limit(self.limit))]
                    conn.execute(delete(table_).where(table_.c.id.in_(ids)))
            except Exception:
                import traceback
                logger.info("EXCEPTION")
                traceback.print_exc()
                continue
""",
    "db_cleanup/run.py": """\
import os

from db_cleanup import DBManager

db_manager = DBManager(tables=[{"name": "carts"}, {"name": "users"}], db_url=os.environ["DB_URL"])
db_manager.run_cleanup()
""",
}

# Round 599: a Flask app whose `__main__` block prints what one of its routes returns, to try
# it; the Dockerfile serves the app with `flask run`
_ROUTE_TRIED_IN_MAIN = {
    "main.py": """\
import json
import os

import requests
from flask import Flask

app = Flask(__name__)


def get_active_projects():
    r = requests.get(os.environ["BOARD_URL"], timeout=10)
    r.raise_for_status()
    return [card["name"] for card in r.json()]


@app.route("/current-projects/")
def get_active_projects_json():
    return json.dumps(get_active_projects())


if __name__ == "__main__":
    print(get_active_projects_json())
""",
    "Dockerfile": 'FROM python:3\nRUN pip install flask requests\nCOPY main.py .\nENV FLASK_APP=main.py\nCMD ["python", "-m", "flask", "run", "--host=0.0.0.0"]\n',
}

# Round 597: a cron job that imports the bot's module to send through its bot; the bot's own
# `__main__` block polls, and the job's step that syncs a calendar logs every failure and goes on
_CRON_JOB_BESIDE_BOT = {
    "src/main.py": """\
#!/usr/bin/env python3
import logging
import time

import calendar_handler as ch
import database
import telegram


def main():
    for employee in database.get_all_employees():
        if ch.is_day_off(employee.get("full_name")):
            logging.info("day off")
            continue
        while True:
            try:
                telegram.send_notification(employee.get("user_id"))
                break
            except ConnectionError:
                time.sleep(5)
                continue


if __name__ == "__main__":
    main()
""",
    "src/calendar_handler.py": """\
import logging
import os

import database
import requests


def sync_calendar():
    try:
        r = requests.get(os.environ["CALENDAR_URL"], timeout=10)
        r.raise_for_status()
        for day in r.json():
            database.check_and_update(day)
        return True
    except Exception:
        logging.exception("calendar sync failed")
    return False


def is_day_off(employee):
    sync_calendar()
    return database.find_day_off(employee) is not None
""",
    "src/database.py": """\
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URL"]).calendar


def get_all_employees():
    return list(db.employees.find())


def check_and_update(day):
    db.days.update_one({"day": day["day"]}, {"$set": day}, upsert=True)


def find_day_off(employee):
    return db.days.find_one({"owner": employee, "off": True})
""",
    "src/telegram.py": """\
import logging
import os

import telebot

bot = telebot.TeleBot(os.environ["TELEGRAM_KEY"])


@bot.message_handler(content_types=["text"])
def commands(message):
    bot.send_message(message.chat.id, str(message.from_user.id))


def send_notification(user_id):
    bot.send_message(user_id, text="How many hours today?")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    bot.infinity_polling(timeout=15, long_polling_timeout=10)
""",
    "Dockerfile": 'FROM python:3.10-alpine\nWORKDIR /app\nCOPY ./src requirements.txt ./\nRUN pip install -r requirements.txt && echo "30 15 * * 1-5 python /app/main.py" >> /var/spool/cron/crontabs/root\n',
}

# Rounds 442, 583 and 600: AWS Lambda apis whose serverless.yml or SAM template names every path
# the gateway routes to them, none a health or readiness path
_SERVERLESS_ROUTES = {
    "handler.py": """\
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def create(event, context):
    item = json.loads(event["body"])
    table.put_item(Item=item)
    return {"statusCode": 201, "body": json.dumps(item)}


def get_all(event, context):
    return {"statusCode": 200, "body": json.dumps(table.scan()["Items"])}
""",
    "serverless.yml": """\
service: loyalty-cards
provider:
  name: aws
  runtime: python3.11
functions:
  createLoyaltyCard:
    handler: handler.create
    events:
      - httpApi:
          path: /loyalty-cards
          method: post
  getAllLoyaltyCards:
    handler: handler.get_all
    events:
      - httpApi: GET /loyalty-cards
""",
}

_SAM_ROUTE = {
    "start_task/start_task.py": """\
import json
import os

import boto3

ecs = boto3.client("ecs")


def lambda_handler(event, context):
    ecs.run_task(cluster=os.environ["CLUSTER"], taskDefinition=os.environ["TASK"], launchType="FARGATE")
    return {"statusCode": 200, "body": json.dumps({"started": True})}
""",
    "template.yaml": """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  TaskStartFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: start_task
      Handler: start_task.lambda_handler
      Runtime: python3.11
      Events:
        StartTask:
          Type: Api
          Properties:
            Path: /start
            Method: post
""",
}

# The precision trees (rich): a job reaching a method whose docstring opens "Truncate text if it
# is longer...", read as SQL's TRUNCATE
_TRUNCATE_DOCSTRING = {
    "text.py": """\
class Text:
    def __init__(self, plain):
        self.plain = plain

    def truncate(self, max_width):
        \"\"\"Truncate text if it is longer than a given width.\"\"\"
        self.plain = self.plain[:max_width]
""",
    "report.py": """\
import sys

from text import Text


def main():
    line = Text(sys.argv[1])
    line.truncate(20)
    sys.stdout.write(line.plain)


if __name__ == "__main__":
    main()
""",
}

# Round 601: a port monitor run by a scheduled workflow: a probe answers False when the port is
# closed, and a state file of its own that cannot be read starts empty
_PORT_MONITOR = {
    "monitor.py": """\
import json
import os
import socket

import requests

STATUS_FILE = "statuses.json"
TARGETS = [{"host": "pc1.example.net", "port": 3389}]


def check_port(host, port, timeout=3):
    try:
        s = socket.socket()
        s.settimeout(timeout)
        s.connect((host, port))
        s.close()
        return True
    except:
        return False


def load_statuses():
    if not os.path.exists(STATUS_FILE):
        return {}
    try:
        with open(STATUS_FILE, "r") as f:
            return json.load(f)
    except:
        return {}


statuses = load_statuses()
for t in TARGETS:
    key = f"{t['host']}:{t['port']}"
    online = check_port(t["host"], t["port"])
    if statuses.get(key) != online:
        r = requests.post(os.environ["WEBHOOK"], json={"text": f"{key} online={online}"}, timeout=10)
        r.raise_for_status()
    statuses[key] = online
with open(STATUS_FILE, "w") as f:
    json.dump(statuses, f)
""",
    ".github/workflows/monitor.yml": """\
on:
  schedule:
    - cron: "*/10 * * * *"
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python monitor.py
""",
}

# Round 610: Django settings whose SECRET_KEY falls back to a number
_NUMBER_SECRET_KEY = {
    "project/settings.py": """\
import os

SECRET_KEY = os.getenv("SECRET_KEY", default=123)
JWT_EXPIRATION_SECONDS = int(os.getenv("JWT_EXPIRATION_SECONDS", 3600))
DEBUG = os.getenv("DEBUG") == "1"
ROOT_URLCONF = "project.urls"
""",
    "project/wsgi.py": """\
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
application = get_wsgi_application()
""",
}

# Round 606: a cron script deleting expired tokens with a lower-case f-string statement
_LOWER_CASE_DELETE = {
    "cleaner.py": """\
#!/usr/bin/python
\"\"\"Delete old entries from the database; put it in the crontab to run every minute.\"\"\"
import os
from datetime import datetime, timedelta

import mysql.connector

mydb = mysql.connector.connect(host="db", user="registration", password=os.environ["DB_PASSWORD"], database="registration")
cur = mydb.cursor()
five_minutes_ago = datetime.now() - timedelta(minutes=5)
cur.execute(f"delete from temp_token where hour < '{five_minutes_ago}'")
cur.execute("commit;")
""",
    "crontab": "* * * * * python3 /opt/cleaner/cleaner.py\n",
}

# Round 606: a clean-up script whose folder check prints its words as print's separate arguments
_FOLDER_NOT_FOUND = {
    "remove-old.py": """\
#!/usr/bin/env python3
import argparse
import os
import time


def flushdir(dir, days_old):
    if not os.path.isdir(dir):
        print("Folder", dir, "not found")
        return
    now = time.time()
    for f in os.listdir(dir):
        fullpath = os.path.join(dir, f)
        if os.path.isfile(fullpath) and os.stat(fullpath).st_mtime < now - 86400 * days_old:
            os.remove(fullpath)
            print("Removed:", fullpath)


parser = argparse.ArgumentParser(description="Remove old files from specified path.")
parser.add_argument("path")
parser.add_argument("--older-than-days", dest="days_old", required=True, type=int)
args = parser.parse_args()
flushdir(args.path, args.days_old)
print("All done")
""",
    "crontab": "0 3 * * * python3 /opt/remove-old/remove-old.py /srv/uploads --older-than-days 30\n",
}

# Round 611: a serial reader writing to InfluxDB with the password written into the client
_INFLUX_PASSWORD = {
    "inserter.py": """\
import serial
from influxdb import InfluxDBClient

client = InfluxDBClient(host="127.0.0.1", port=8086, username="phillip", password="password")
client.switch_database("tmp36")
ser = serial.Serial("/dev/serial1", 115200)
while True:
    value = float(ser.read(ser.inWaiting() or 1))
    client.write_points([{"measurement": "temperature", "fields": {"value": value}}])
""",
}

# Round 618: a script that uploads the file it is given to Google Drive, started by a shell script
_DRIVE_UPLOAD_SCRIPT = {
    "backup_to_drive.py": """\
import logging
from datetime import datetime
from sys import argv, exit

from google.oauth2 import service_account
from googleapiclient.discovery import build
from googleapiclient.http import MediaFileUpload

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("backup")

if len(argv) != 2:
    logger.error("Usage: backup_to_drive.py <filename>")
    exit(1)

original_name = argv[1]
backup_name = f'backup_{datetime.now().strftime("%Y-%m-%d_%Hh_%Mm")}.{original_name}'
creds = service_account.Credentials.from_service_account_file("credentials.json")
service = build("drive", "v3", credentials=creds)
media = MediaFileUpload(original_name)
service.files().create(body={"name": backup_name}, media_body=media).execute()
logger.info("Backup finished.")
""",
    "backup-to-drive.sh": '#!/bin/bash\nset -euo pipefail\ncd "$(dirname "$0")"\nsudo python3 ./backup_to_drive.py "$@"\n',
}

# Round 614: a news scraper run hourly by cron; its INSERT runs only when a method of the class
# finds no row with that title, and it connects with a short password written in the code
_METHOD_LOOKUP_INSERT = {
    "parser.py": """\
import psycopg2
import requests


class Parser:
    def __init__(self):
        self.db_conn = psycopg2.connect(host="db", port="5432", password="123", user="postgres")

    def run(self):
        r = requests.get("https://example.com/news.json", timeout=10)
        r.raise_for_status()
        with self.db_conn.cursor() as cursor:
            for item in r.json():
                self.save_news_to_db(cursor, item["title"], item["date"])
        self.db_conn.commit()

    def save_news_to_db(self, cursor, title, publish_date):
        if not self.is_news_already_in_db(cursor, title, publish_date):
            cursor.execute("INSERT INTO news (title, publish_date) VALUES (%s, %s)", (title, publish_date))

    @staticmethod
    def is_news_already_in_db(cursor, title, publish_date):
        cursor.execute("SELECT title FROM news WHERE title=%s and publish_date=%s", (title, publish_date))
        if cursor.fetchone():
            return True


if __name__ == "__main__":
    Parser().run()
""",
    "crontab": "0 * * * * python3 /app/parser.py\n",
}

# Round 618: a daily SFTP download whose `with` block ends the function in an `else:` that prints
# the file is missing
_SFTP_ELSE_PRINT = {
    "sftp_downloader.py": """\
import datetime
import json
import os

import pysftp


def main():
    with open(os.path.join(os.path.dirname(__file__), "config.json")) as filehandle:
        config = json.load(filehandle)
    yest = datetime.datetime.now() - datetime.timedelta(days=1)
    file_to_download = f"report-{yest:%d-%m-%Y}.rar"
    destfile = os.path.join(config["local_download_folder"], file_to_download)
    with pysftp.Connection(config["host"], username=config["user"], password=os.environ["SFTP_PASSWORD"]) as sftp:
        if sftp.exists(file_to_download):
            sftp.get(file_to_download, destfile)
        else:
            print("File {} does not exist on server!".format(file_to_download))


if __name__ == "__main__":
    main()
""",
    "crontab": "0 6 * * * python3 /opt/sftp/sftp_downloader.py\n",
}

# Round 619: a FastAPI service whose start-up hook repeats a clean-up every 30 seconds
_REPEAT_EVERY_CLEANUP = {
    "main.py": """\
import logging

from fastapi import FastAPI
from fastapi_utils.tasks import repeat_every

import store

logging.basicConfig(level=logging.INFO)
app = FastAPI()


@app.on_event("startup")
@repeat_every(seconds=30)
async def remove_old_adapters() -> None:
    await store.trim(100)


@app.get("/health")
async def health():
    return {"ok": True}
""",
    "store.py": """\
async def trim(limit):
    return limit
""",
    "Procfile": "web: gunicorn -k uvicorn.workers.UvicornWorker main:app\n",
}

_CASES: dict[str, Case] = {
    "purge_importing_traceback": (
        _PURGE_IMPORTING_TRACEBACK,
        [("db_cleanup/run.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the handler raises again after the traceback
    "purge_importing_traceback_raises": (
        _edited(
            _PURGE_IMPORTING_TRACEBACK,
            "db_cleanup/db_cleanup.py",
            "                continue\n",
            "                raise\n",
        ),
        [("db_cleanup/run.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    "route_tried_in_main": (
        _ROUTE_TRIED_IN_MAIN,
        [("main.py", "api", "flask")],
        None,
    ),
    # trap: the block runs the work the route shows, not the route itself
    "work_run_in_main": (
        _edited(
            _ROUTE_TRIED_IN_MAIN, "main.py", "    print(get_active_projects_json())", "    print(get_active_projects())"
        ),
        [("main.py", "api", "flask"), ("main.py", "job", "python")],
        None,
    ),
    "cron_job_beside_bot": (
        _CRON_JOB_BESIDE_BOT,
        [("src/main.py", "job", "crontab"), ("src/telegram.py", "worker", "telegram")],
        ("missing-exit-code", {"src/main.py": "fail"}),
    ),
    # trap: the job starts the bot's polling itself
    "cron_job_polls_bot": (
        _edited(
            _CRON_JOB_BESIDE_BOT, "src/main.py", "    main()\n", "    main()\n    telegram.bot.infinity_polling()\n"
        ),
        [("src/main.py", "worker", "telegram")],
        None,
    ),
    # trap: the calendar sync lets its failure out (on a38afd2 this fails for its entrypoints alone)
    "cron_job_sync_raises": (
        _edited(
            _CRON_JOB_BESIDE_BOT,
            "src/calendar_handler.py",
            '        logging.exception("calendar sync failed")\n',
            '        logging.exception("calendar sync failed")\n        raise\n',
        ),
        [("src/main.py", "job", "crontab"), ("src/telegram.py", "worker", "telegram")],
        ("missing-exit-code", {"src/main.py": "pass"}),
    ),
    "serverless_routes": (
        _SERVERLESS_ROUTES,
        [("handler.py", "api", "aws-lambda")],
        ("missing-health-route", "fail"),
    ),
    # trap: one function takes every path the gateway gets (its own code routes them)
    "serverless_proxy_route": (
        _edited(_SERVERLESS_ROUTES, "serverless.yml", "GET /loyalty-cards", "ANY /{proxy+}"),
        [("handler.py", "api", "aws-lambda")],
        ("missing-health-route", "na"),
    ),
    "sam_route": (
        _SAM_ROUTE,
        [("start_task/start_task.py", "api", "aws-lambda")],
        ("missing-readiness-route", "fail"),
    ),
    # trap: a function URL, no path named
    "sam_function_url": (
        _edited(
            _SAM_ROUTE,
            "template.yaml",
            "      Events:\n        StartTask:\n          Type: Api\n          Properties:\n            Path: /start\n            Method: post\n",
            "      FunctionUrlConfig:\n        AuthType: NONE\n",
        ),
        [("start_task/start_task.py", "api", "aws-lambda")],
        ("missing-readiness-route", "na"),
    ),
    "truncate_docstring": (_TRUNCATE_DOCSTRING, [("report.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: a statement that truncates a table
    "truncate_statement": (
        _edited(
            _TRUNCATE_DOCSTRING,
            "text.py",
            "        self.plain = self.plain[:max_width]\n",
            '        self.plain = self.plain[:max_width]\n        self.db.execute("TRUNCATE lines")\n',
        ),
        [("report.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "port_probe_and_own_state": (
        _PORT_MONITOR,
        [("monitor.py", "job", "github-schedule")],
        ("missing-exit-code", "pass"),
    ),
    # trap: the state is read from a file the command line names, an input it was given
    "state_from_argument": (
        _edited(
            _PORT_MONITOR,
            "monitor.py",
            '        with open(STATUS_FILE, "r") as f:\n',
            "        with open(sys.argv[1]) as f:\n",
        ),
        [("monitor.py", "job", "github-schedule")],
        ("missing-exit-code", "fail"),
    ),
    "number_secret_key": (_NUMBER_SECRET_KEY, [("project/wsgi.py", "api", "django")], ("hardcoded-secret-fallback", 1)),
    # trap: the key read with no fallback (the expiry's number is no secret either way)
    "number_expiry_only": (
        _edited(
            _NUMBER_SECRET_KEY,
            "project/settings.py",
            'os.getenv("SECRET_KEY", default=123)',
            'os.environ["SECRET_KEY"]',
        ),
        [("project/wsgi.py", "api", "django")],
        ("hardcoded-secret-fallback", 0),
    ),
    "lower_case_delete": (_LOWER_CASE_DELETE, [("cleaner.py", "job", "crontab")], ("missing-dry-run", "fail")),
    # trap: the statement only logged
    "lower_case_delete_logged": (
        _edited(
            _LOWER_CASE_DELETE,
            "cleaner.py",
            "cur.execute(f\"delete from temp_token where hour < '{five_minutes_ago}'\")",
            "print(f\"delete from temp_token where hour < '{five_minutes_ago}'\")",
        ),
        [("cleaner.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "folder_not_found_in_words": (
        _FOLDER_NOT_FOUND,
        [("remove-old.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the words say there is nothing to clean
    "folder_empty_in_words": (
        _edited(
            _FOLDER_NOT_FOUND, "remove-old.py", 'print("Folder", dir, "not found")', 'print("Folder", dir, "is empty")'
        ),
        [("remove-old.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "influx_password": (_INFLUX_PASSWORD, [("inserter.py", "worker", "polling-loop")], ("hardcoded-secret", 1)),
    # trap: the password read from the environment
    "influx_password_from_env": (
        _edited(
            {**_INFLUX_PASSWORD, "inserter.py": "import os\n" + _INFLUX_PASSWORD["inserter.py"]},
            "inserter.py",
            'password="password"',
            'password=os.environ["INFLUX_PASSWORD"]',
        ),
        [("inserter.py", "worker", "polling-loop")],
        ("hardcoded-secret", 0),
    ),
    "drive_upload_script": (_DRIVE_UPLOAD_SCRIPT, [("backup_to_drive.py", "job", "script")], None),
    # trap: the module only builds the client (a helper others would import)
    "drive_client_only": (
        _edited(
            _DRIVE_UPLOAD_SCRIPT,
            "backup_to_drive.py",
            'service.files().create(body={"name": backup_name}, media_body=media).execute()\n',
            "",
        ),
        [],
        None,
    ),
    "method_lookup_insert": (_METHOD_LOOKUP_INSERT, [("parser.py", "job", "crontab")], ("non-idempotent-insert", 0)),
    # trap: the method looks another table up
    "method_lookup_other_table": (
        _edited(_METHOD_LOOKUP_INSERT, "parser.py", "SELECT title FROM news WHERE", "SELECT title FROM feeds WHERE"),
        [("parser.py", "job", "crontab")],
        ("non-idempotent-insert", 1),
    ),
    "short_common_password": (_METHOD_LOOKUP_INSERT, [("parser.py", "job", "crontab")], ("hardcoded-secret", 1)),
    # trap: the password read from the environment
    "password_from_env": (
        _edited(
            {**_METHOD_LOOKUP_INSERT, "parser.py": "import os\n" + _METHOD_LOOKUP_INSERT["parser.py"]},
            "parser.py",
            'password="123"',
            'password=os.environ["DB_PASSWORD"]',
        ),
        [("parser.py", "job", "crontab")],
        ("hardcoded-secret", 0),
    ),
    "sftp_else_print": (_SFTP_ELSE_PRINT, [("sftp_downloader.py", "job", "crontab")], ("missing-exit-code", "fail")),
    # trap: the `else:` says there is nothing to do today
    "sftp_else_nothing_to_do": (
        _edited(
            _SFTP_ELSE_PRINT,
            "sftp_downloader.py",
            'print("File {} does not exist on server!".format(file_to_download))',
            'print("No new report today")',
        ),
        [("sftp_downloader.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "repeat_every_cleanup": (
        _REPEAT_EVERY_CLEANUP,
        [("main.py", "api", "fastapi"), ("main.py", "job", "repeat-every")],
        ("missing-heartbeat", {"main.py": "fail"}),
    ),
    # trap: the repeated function is never started (no start-up hook)
    "repeat_every_never_started": (
        _edited(_REPEAT_EVERY_CLEANUP, "main.py", '@app.on_event("startup")\n', ""),
        [("main.py", "api", "fastapi")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
