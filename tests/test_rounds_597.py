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

# Round 624: a SAM template names `lambda_function.lambda_handler` in `CodeUri: cost-reporter/`,
# whose build step copies it up from `src/`; a scheduled rule calls it
_SAM_CODE_IN_SRC = {
    "template.yaml": """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  CostReporterLambda:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: cost-reporter/
      Handler: lambda_function.lambda_handler
      Runtime: python3.11
      Events:
        Daily:
          Type: Schedule
          Properties:
            Schedule: cron(0 8 * * ? *)
""",
    "cost-reporter/src/lambda_function.py": """\
import os

import boto3
import requests


def lambda_handler(event, _):
    costs = boto3.client("ce").get_cost_and_usage(TimePeriod={"Start": "2024-01-01", "End": "2024-01-02"}, Granularity="DAILY", Metrics=["UnblendedCost"])
    requests.post(os.environ["SLACK_URL"], json={"text": str(costs)}, timeout=10).raise_for_status()
""",
}

# Round 627: a scheduled script keeps its history in a JSON file it reads back under a `with`,
# starting anew when the file does not parse
_HISTORY_FILE = {
    "fetch_and_log.py": """\
import json
import os
from datetime import datetime

import requests

filename = "data/history.json"
r = requests.get("https://weather.example.com/data", timeout=10)
r.raise_for_status()
data = r.json()
data["fetched_at"] = datetime.now().isoformat()
os.makedirs("data", exist_ok=True)
if os.path.exists(filename):
    with open(filename, "r") as f:
        try:
            history = json.load(f)
        except:
            history = []
else:
    history = []
history.append(data)
with open(filename, "w") as f:
    json.dump(history, f, indent=2)
""",
    ".github/workflows/log.yml": "on:\n  schedule:\n    - cron: '*/5 * * * *'\njobs:\n  log:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: python fetch_and_log.py\n",
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
    "sam_code_in_src": (_SAM_CODE_IN_SRC, [("cost-reporter/src/lambda_function.py", "job", "aws-lambda")], None),
    # trap: two modules of that name under the code directory: which one is built cannot be told
    "sam_code_two_candidates": (
        {
            **_SAM_CODE_IN_SRC,
            "cost-reporter/old/lambda_function.py": _SAM_CODE_IN_SRC["cost-reporter/src/lambda_function.py"],
        },
        [],
        None,
    ),
    "history_file_reread": (
        _HISTORY_FILE,
        [("fetch_and_log.py", "job", "github-schedule")],
        ("missing-exit-code", "pass"),
    ),
    # trap: what is loaded is the input the job is given on its standard input
    "history_from_stdin": (
        _edited(_HISTORY_FILE, "fetch_and_log.py", "history = json.load(f)", "history = json.load(sys.stdin)"),
        [("fetch_and_log.py", "job", "github-schedule")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of the session's changes (at 3ad73c2) reproduced these: each was wrong there, and is as it
# was at a38afd2 again, or as the rule reads.
_REVIEW_CASES: dict[str, Case] = {
    "factory_gunicorn_call": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:create_app()"]\n',
            "app/__init__.py": 'import os\n\nfrom flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\n\n    from app.models import db\n    db.init_app(app)\n\n    from app.routes import bp\n    app.register_blueprint(bp)\n\n    return app\n',
            "app/models.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Order(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    status = db.Column(db.String(32), nullable=False)\n",
            "app/routes.py": 'from flask import Blueprint, jsonify, request\n\nfrom app.models import Order, db\n\nbp = Blueprint("api", __name__)\n\n\n@bp.route("/orders", methods=["POST"])\ndef create_order():\n    order = Order(status=request.get_json()["status"])\n    db.session.add(order)\n    db.session.commit()\n    return jsonify(id=order.id), 201\n\n\n@bp.route("/orders/<int:order_id>")\ndef get_order(order_id):\n    return jsonify(status=db.get_or_404(Order, order_id).status)\n',
            "mock_payments.py": '"""A stand-in for the payment provider, for local development."""\nfrom flask import Flask, jsonify\n\nfrom app.models import Order\n\napp = Flask(__name__)\n\n\n@app.route("/payments/<pid>")\ndef payment(pid):\n    return jsonify(id=pid, state="settled", model=Order.__tablename__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run(port=5001, debug=True)\n',
            "requirements.txt": "flask\nflask-sqlalchemy\ngunicorn\n",
        },
        [("app/__init__.py", "api", "flask"), ("mock_payments.py", "api", "flask")],
        None,
    ),
    "fastapi_factory_cli": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install fastapi uvicorn asyncpg\nCMD ["uvicorn", "app.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]\n',
            "app/__init__.py": "",
            "app/db.py": 'import asyncpg\n\n\nclass Database:\n    def __init__(self, dsn):\n        self.dsn = dsn\n\n    async def fetch_item(self, item_id):\n        conn = await asyncpg.connect(self.dsn)\n        try:\n            return dict(await conn.fetchrow("SELECT * FROM items WHERE id = $1", item_id))\n        finally:\n            await conn.close()\n\n    async def insert_item(self, item):\n        conn = await asyncpg.connect(self.dsn)\n        try:\n            return await conn.fetchval("INSERT INTO items (name) VALUES ($1) RETURNING id", item["name"])\n        finally:\n            await conn.close()\n',
            "app/main.py": 'import os\n\nfrom fastapi import FastAPI\n\nfrom app.db import Database\n\nAPI_VERSION = "1.4"\n\n\n\ndef create_app() -> FastAPI:\n    app = FastAPI(title="inventory")\n    db = Database(os.environ["DATABASE_URL"])\n\n    @app.get("/items/{item_id}")\n    async def get_item(item_id: int):\n        return await db.fetch_item(item_id)\n\n    @app.post("/items")\n    async def add_item(item: dict):\n        return await db.insert_item(item)\n\n    return app\n',
            "fake_supplier.py": '"""Local stand-in for the supplier\'s API, used by the integration tests."""\nimport uvicorn\nfrom fastapi import FastAPI\n\nfrom app.main import API_VERSION\n\napp = FastAPI()\n_ = API_VERSION\n\n\n@app.get("/stock/{sku}")\nasync def stock(sku: str):\n    return {"sku": sku, "available": 10}\n\n\n@app.get("/health")\nasync def health():\n    return {"ok": True}\n\n\nif __name__ == "__main__":\n    uvicorn.run(app, port=9001)\n',
        },
        [("app/main.py", "api", "fastapi"), ("fake_supplier.py", "api", "fastapi")],
        None,
    ),
    "factory_flask_app_env": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nENV FLASK_APP=app\nCMD ["flask", "run", "--host=0.0.0.0", "--port=8000"]\n',
            "app/__init__.py": 'import os\n\nfrom flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\n\n    from app.models import db\n    db.init_app(app)\n\n    from app.routes import bp\n    app.register_blueprint(bp)\n\n    return app\n',
            "app/models.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Order(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    status = db.Column(db.String(32), nullable=False)\n",
            "app/routes.py": 'from flask import Blueprint, jsonify, request\n\nfrom app.models import Order, db\n\nbp = Blueprint("api", __name__)\n\n\n@bp.route("/orders", methods=["POST"])\ndef create_order():\n    order = Order(status=request.get_json()["status"])\n    db.session.add(order)\n    db.session.commit()\n    return jsonify(id=order.id), 201\n\n\n@bp.route("/orders/<int:order_id>")\ndef get_order(order_id):\n    return jsonify(status=db.get_or_404(Order, order_id).status)\n',
            "mock_payments.py": '"""A stand-in for the payment provider, for local development."""\nfrom flask import Flask, jsonify\n\nfrom app.models import Order\n\napp = Flask(__name__)\n\n\n@app.route("/payments/<pid>")\ndef payment(pid):\n    return jsonify(id=pid, state="settled", model=Order.__tablename__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run(port=5001, debug=True)\n',
            "requirements.txt": "flask\nflask-sqlalchemy\ngunicorn\n",
        },
        [("app/__init__.py", "api", "flask"), ("mock_payments.py", "api", "flask")],
        None,
    ),
    "factory_flaskgroup": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "manage.py", "run", "--host=0.0.0.0", "--port=8000"]\n',
            "app/__init__.py": 'import os\n\nfrom flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\n\n    from app.models import db\n    db.init_app(app)\n\n    from app.routes import bp\n    app.register_blueprint(bp)\n\n    return app\n',
            "app/models.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Order(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    status = db.Column(db.String(32), nullable=False)\n",
            "app/routes.py": 'from flask import Blueprint, jsonify, request\n\nfrom app.models import Order, db\n\nbp = Blueprint("api", __name__)\n\n\n@bp.route("/orders", methods=["POST"])\ndef create_order():\n    order = Order(status=request.get_json()["status"])\n    db.session.add(order)\n    db.session.commit()\n    return jsonify(id=order.id), 201\n\n\n@bp.route("/orders/<int:order_id>")\ndef get_order(order_id):\n    return jsonify(status=db.get_or_404(Order, order_id).status)\n',
            "manage.py": 'import click\nfrom flask.cli import FlaskGroup\n\nfrom app import create_app\n\ncli = FlaskGroup(create_app=create_app)\n\n\n@cli.command("seed")\ndef seed():\n    click.echo("seeded")\n\n\nif __name__ == "__main__":\n    cli()\n',
            "mock_payments.py": '"""A stand-in for the payment provider, for local development."""\nfrom flask import Flask, jsonify\n\nfrom app.models import Order\n\napp = Flask(__name__)\n\n\n@app.route("/payments/<pid>")\ndef payment(pid):\n    return jsonify(id=pid, state="settled", model=Order.__tablename__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run(port=5001, debug=True)\n',
            "requirements.txt": "flask\nflask-sqlalchemy\ngunicorn\n",
        },
        [("app/__init__.py", "api", "flask"), ("manage.py", "job", "click"), ("mock_payments.py", "api", "flask")],
        None,
    ),
    "fastapi_factory_string": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install fastapi uvicorn asyncpg\nCMD ["python", "run.py"]\n',
            "app/__init__.py": "",
            "app/db.py": 'import asyncpg\n\n\nclass Database:\n    def __init__(self, dsn):\n        self.dsn = dsn\n\n    async def fetch_item(self, item_id):\n        conn = await asyncpg.connect(self.dsn)\n        try:\n            return dict(await conn.fetchrow("SELECT * FROM items WHERE id = $1", item_id))\n        finally:\n            await conn.close()\n\n    async def insert_item(self, item):\n        conn = await asyncpg.connect(self.dsn)\n        try:\n            return await conn.fetchval("INSERT INTO items (name) VALUES ($1) RETURNING id", item["name"])\n        finally:\n            await conn.close()\n',
            "app/main.py": 'import os\n\nfrom fastapi import FastAPI\n\nfrom app.db import Database\n\nAPI_VERSION = "1.4"\n\n\n\ndef create_app() -> FastAPI:\n    app = FastAPI(title="inventory")\n    db = Database(os.environ["DATABASE_URL"])\n\n    @app.get("/items/{item_id}")\n    async def get_item(item_id: int):\n        return await db.fetch_item(item_id)\n\n    @app.post("/items")\n    async def add_item(item: dict):\n        return await db.insert_item(item)\n\n    return app\n',
            "fake_supplier.py": '"""Local stand-in for the supplier\'s API, used by the integration tests."""\nimport uvicorn\nfrom fastapi import FastAPI\n\nfrom app.main import API_VERSION\n\napp = FastAPI()\n_ = API_VERSION\n\n\n@app.get("/stock/{sku}")\nasync def stock(sku: str):\n    return {"sku": sku, "available": 10}\n\n\n@app.get("/health")\nasync def health():\n    return {"ok": True}\n\n\nif __name__ == "__main__":\n    uvicorn.run(app, port=9001)\n',
            "run.py": 'import os\n\nimport uvicorn\n\nif __name__ == "__main__":\n    uvicorn.run(\n        "app.main:create_app",\n        factory=True,\n        host="0.0.0.0",\n        port=int(os.environ.get("PORT", "8000")),\n        workers=int(os.environ.get("WEB_CONCURRENCY", "2")),\n    )\n',
        },
        [("app/main.py", "api", "fastapi"), ("fake_supplier.py", "api", "fastapi")],
        None,
    ),
    "view_run_by_cron": (
        {
            ".github/workflows/purge.yml": 'name: purge sessions\non:\n  schedule:\n    - cron: "15 3 * * *"\njobs:\n  purge:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install flask psycopg2-binary\n      - run: python app.py\n        env:\n          DATABASE_URL: ${{ secrets.DATABASE_URL }}\n',
            "Procfile": "web: gunicorn app:app\n",
            "app.py": 'import logging\nimport os\nfrom datetime import datetime, timedelta, timezone\n\nimport psycopg2\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\napp = Flask(__name__)\n\n\ndef connect():\n    return psycopg2.connect(os.environ["DATABASE_URL"])\n\n\n@app.route("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.route("/admin/purge-sessions", methods=["POST"])\ndef purge_sessions():\n    cutoff = datetime.now(timezone.utc) - timedelta(days=30)\n    with connect() as conn, conn.cursor() as cur:\n        cur.execute("DELETE FROM sessions WHERE last_seen < %s", (cutoff,))\n        deleted = cur.rowcount\n    log.info("purged %d sessions", deleted)\n    return {"deleted": deleted}\n\n\nif __name__ == "__main__":\n    purge_sessions()\n',
        },
        [("app.py", "api", "flask"), ("app.py", "job", "python")],
        None,
    ),
    "bot_polls_after_guard": (
        {
            "Dockerfile": 'FROM python:3.10-alpine\nWORKDIR /app\nCOPY ./src requirements.txt ./\nRUN pip install -r requirements.txt && echo "30 15 * * 1-5 python /app/main.py" >> /var/spool/cron/crontabs/root\n',
            "src/calendar_handler.py": 'import logging\nimport os\n\nimport database\nimport requests\n\n\ndef sync_calendar():\n    try:\n        r = requests.get(os.environ["CALENDAR_URL"], timeout=10)\n        r.raise_for_status()\n        for day in r.json():\n            database.check_and_update(day)\n        return True\n    except Exception:\n        logging.exception("calendar sync failed")\n    return False\n\n\ndef is_day_off(employee):\n    sync_calendar()\n    return database.find_day_off(employee) is not None\n',
            "src/database.py": 'import os\n\nfrom pymongo import MongoClient\n\ndb = MongoClient(os.environ["MONGO_URL"]).calendar\n\n\ndef get_all_employees():\n    return list(db.employees.find())\n\n\ndef check_and_update(day):\n    db.days.update_one({"day": day["day"]}, {"$set": day}, upsert=True)\n\n\ndef find_day_off(employee):\n    return db.days.find_one({"owner": employee, "off": True})\n',
            "src/main.py": '#!/usr/bin/env python3\nimport logging\nimport time\n\nimport calendar_handler as ch\nimport database\nimport telegram\n\n\ndef main():\n    for employee in database.get_all_employees():\n        if ch.is_day_off(employee.get("full_name")):\n            logging.info("day off")\n            continue\n        while True:\n            try:\n                telegram.send_notification(employee.get("user_id"))\n                break\n            except ConnectionError:\n                time.sleep(5)\n                continue\n\n\nif __name__ == "__main__":\n    main()\n',
            "src/telegram.py": 'import logging\nimport os\nimport time\n\nimport telebot\n\nbot = telebot.TeleBot(os.environ["TELEGRAM_KEY"])\n\n\n@bot.message_handler(content_types=["text"])\ndef commands(message):\n    bot.send_message(message.chat.id, str(message.from_user.id))\n\n\ndef send_notification(user_id):\n    bot.send_message(user_id, text="How many hours today?")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n\nwhile True:\n    try:\n        bot.polling(none_stop=True, timeout=15)\n    except Exception:\n        logging.exception("polling crashed, restarting")\n        time.sleep(5)\n',
        },
        [("src/main.py", "worker", "polling-loop")],
        None,
    ),
    "silent_false_dropped": (
        {
            "backup.py": '#!/usr/bin/env python3\n"""Nightly: dump the database and push the dump to S3."""\nimport logging\nimport os\nimport subprocess\nfrom datetime import date\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("backup")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef make_dump():\n    path = f"/tmp/db-{date.today()}.dump"\n    subprocess.run(["pg_dump", "-Fc", "-f", path, os.environ["DATABASE_URL"]], check=True)\n    return path\n\n\ndef run_backup():\n    try:\n        path = make_dump()\n        boto3.client("s3").upload_file(path, BUCKET, os.path.basename(path))\n        log.info("uploaded %s", path)\n        return True\n    except Exception:\n        return False\n\n\nif __name__ == "__main__":\n    run_backup()\n',
            "crontab": "30 2 * * * python3 /opt/backup/backup.py\n",
        },
        [("backup.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "config_file_returns_empty": (
        {
            ".github/workflows/backup.yml": 'on:\n  schedule:\n    - cron: "0 4 * * *"\njobs:\n  backup:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install boto3\n      - run: python backup_repos.py\n        env:\n          BACKUP_BUCKET: ${{ secrets.BACKUP_BUCKET }}\n',
            "backup_repos.py": '"""Mirror every repository listed in repos.json to the backup bucket."""\nimport json\nimport os\nimport subprocess\nimport tempfile\n\nimport boto3\n\nREPOS_FILE = "repos.json"\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef load_repos():\n    try:\n        with open(REPOS_FILE) as f:\n            return json.load(f)\n    except:\n        return []\n\n\ns3 = boto3.client("s3")\nrepos = load_repos()\nfor repo in repos:\n    with tempfile.TemporaryDirectory() as tmp:\n        archive = os.path.join(tmp, repo["name"] + ".bundle")\n        subprocess.run(["git", "clone", "--mirror", repo["url"], os.path.join(tmp, "m")], check=True)\n        subprocess.run(["git", "-C", os.path.join(tmp, "m"), "bundle", "create", archive, "--all"], check=True)\n        s3.upload_file(archive, BUCKET, repo["name"] + ".bundle")\n    print(f"backed up {repo[\'name\']}")\n',
            "repos.json": '[{"name": "api", "url": "https://github.com/example/api.git"}]\n',
        },
        [("backup_repos.py", "job", "github-schedule")],
        ("missing-exit-code", "fail"),
    ),
    "tested_then_dropped": (
        {
            "crontab": "0 1 * * * python3 /opt/export/export.py\n",
            "export.py": '#!/usr/bin/env python3\n"""Nightly export of yesterday\'s orders to the partner\'s SFTP drop (CSV and JSON)."""\nimport csv\nimport json\nimport logging\nimport os\nimport sys\n\nimport paramiko\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("export")\nOUT_DIR = os.environ.get("EXPORT_DIR", "/var/tmp/export")\n\n\ndef fetch_orders():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, customer, total FROM orders WHERE created_at >= now() - interval \'1 day\'")\n        return cur.fetchall()\n\n\ndef upload(path):\n    try:\n        transport = paramiko.Transport((os.environ["SFTP_HOST"], 22))\n        transport.connect(username=os.environ["SFTP_USER"], password=os.environ["SFTP_PASSWORD"])\n        sftp = paramiko.SFTPClient.from_transport(transport)\n        sftp.put(path, "/inbox/" + os.path.basename(path))\n        transport.close()\n        return True\n    except Exception:\n        log.exception("upload of %s failed", path)\n    return False\n\n\ndef export_csv(rows):\n    path = os.path.join(OUT_DIR, "orders.csv")\n    with open(path, "w", newline="") as f:\n        csv.writer(f).writerows(rows)\n    if not upload(path):\n        raise RuntimeError("CSV upload failed")\n\n\ndef export_json(rows):\n    path = os.path.join(OUT_DIR, "orders.json")\n    with open(path, "w") as f:\n        json.dump([{"id": r[0], "customer": r[1], "total": float(r[2])} for r in rows], f)\n    upload(path)\n\n\ndef main():\n    os.makedirs(OUT_DIR, exist_ok=True)\n    rows = fetch_orders()\n    export_csv(rows)\n    export_json(rows)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("export.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "sls_health_in_own_file": (
        {
            "serverless.yml": 'service: users-api\nframeworkVersion: "3"\nprovider:\n  name: aws\n  runtime: python3.11\n  environment:\n    USERS_TABLE: users-${sls:stage}\nfunctions:\n  createUser:\n    handler: src/handlers/users.create\n    events:\n      - http:\n          path: users\n          method: post\n  getUser:\n    handler: src/handlers/users.get\n    events:\n      - http:\n          path: users/{id}\n          method: get\n  health:\n    handler: src/handlers/health.check\n    events:\n      - http:\n          path: health\n          method: get\n',
            "src/handlers/__init__.py": "",
            "src/handlers/health.py": 'import json\n\n\ndef check(event, context):\n    return {"statusCode": 200, "body": json.dumps({"status": "ok"})}\n',
            "src/handlers/users.py": 'import json\nimport os\n\nimport boto3\n\ntable = boto3.resource("dynamodb").Table(os.environ["USERS_TABLE"])\n\n\ndef create(event, context):\n    body = json.loads(event["body"])\n    table.put_item(Item={"id": body["id"], "name": body["name"]})\n    return {"statusCode": 201, "body": json.dumps(body)}\n\n\ndef get(event, context):\n    item = table.get_item(Key={"id": event["pathParameters"]["id"]}).get("Item")\n    if item is None:\n        return {"statusCode": 404, "body": json.dumps({"error": "not found"})}\n    return {"statusCode": 200, "body": json.dumps(item)}\n',
        },
        [("src/handlers/health.py", "api", "aws-lambda"), ("src/handlers/users.py", "api", "aws-lambda")],
        ("missing-health-route", "pass"),
    ),
    "jwt_expiry_number": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install fastapi uvicorn pyjwt\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
            "app/__init__.py": "",
            "app/config.py": 'import os\n\nJWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]\nJWT_ALGORITHM = os.getenv("JWT_ALGORITHM", "HS256")\nJWT_ACCESS_TOKEN_EXPIRATION_MINUTES = int(os.getenv("JWT_ACCESS_TOKEN_EXPIRATION_MINUTES", 30))\nJWT_REFRESH_TOKEN_EXPIRATION_DAYS = int(os.getenv("JWT_REFRESH_TOKEN_EXPIRATION_DAYS", 7))\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
            "app/main.py": 'from datetime import datetime, timedelta, timezone\n\nimport jwt\nfrom fastapi import FastAPI, HTTPException\nfrom pydantic import BaseModel\n\nfrom app import config\n\napp = FastAPI()\n\n\nclass Login(BaseModel):\n    username: str\n    password: str\n\n\ndef make_token(sub: str, minutes: int) -> str:\n    exp = datetime.now(timezone.utc) + timedelta(minutes=minutes)\n    return jwt.encode({"sub": sub, "exp": exp}, config.JWT_SECRET_KEY, algorithm=config.JWT_ALGORITHM)\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.post("/token")\ndef token(body: Login):\n    if not body.password:\n        raise HTTPException(status_code=401)\n    return {\n        "access_token": make_token(body.username, config.JWT_ACCESS_TOKEN_EXPIRATION_MINUTES),\n        "refresh_token": make_token(body.username, config.JWT_REFRESH_TOKEN_EXPIRATION_DAYS * 24 * 60),\n    }\n',
        },
        [("app/main.py", "api", "fastapi")],
        ("hardcoded-secret-fallback", 0),
    ),
    "titlecase_sql_format": (
        {
            "crontab": "15 4 * * * /usr/bin/python3 /opt/purge/purge_old_rows.py\n",
            "purge_old_rows.py": '#!/usr/bin/env python3\n"""Delete rows older than the retention period from the event tables (run daily from cron)."""\nimport logging\nimport os\nfrom datetime import datetime, timedelta\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("purge")\n\nTABLES = ["page_views", "click_events", "api_calls"]\nRETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "90"))\n\n\ndef main():\n    cutoff = datetime.utcnow() - timedelta(days=RETENTION_DAYS)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        for table in TABLES:\n            cur.execute("Delete from {} where created_at < %s".format(table), (cutoff,))\n            log.info("%s: deleted %d rows", table, cur.rowcount)\n    conn.close()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("purge_old_rows.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (3ad73c2..f00d61b) reproduced these: each was wrong at f00d61b, and is as it was
# at 3ad73c2 again, or as the rule reads.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "guard_loop_module_consumer": (
        {
            "Procfile": "worker: python worker.py\n",
            "crontab": "0 2 * * * python3 /app/replay.py /data/orders-yesterday.jsonl\n",
            "replay.py": '#!/usr/bin/env python3\n"""Replay a day\'s order export through the consumer\'s parser."""\nimport logging\nimport sys\n\nfrom worker import handle, parse_event\n\n\ndef main(path):\n    with open(path) as f:\n        for line in f:\n            handle(parse_event(line))\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(sys.argv[1]))\n',
            "worker.py": 'import json\nimport logging\nimport os\n\nfrom kafka import KafkaConsumer\n\nlog = logging.getLogger("worker")\n\nconsumer = KafkaConsumer(\n    "orders",\n    bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP", "kafka:9092"),\n    group_id="order-logger",\n    enable_auto_commit=True,\n)\n\n\ndef parse_event(raw):\n    event = json.loads(raw)\n    return {"order_id": event["id"], "total": float(event["total"])}\n\n\ndef handle(event):\n    log.info("order %s: %.2f", event["order_id"], event["total"])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    for message in consumer:\n        handle(parse_event(message.value))\n',
        },
        [("replay.py", "job", "crontab"), ("worker.py", "worker", "kafka")],
        None,
    ),
    "state_file_unlisted_name": (
        {
            "crontab": "*/15 * * * * cd /opt/ads && python3 new_ads.py\n",
            "new_ads.py": '#!/usr/bin/env python3\n"""Post new apartments to Telegram (run every 15 minutes by cron). Ads that could not be posted\nwait in outbox.json for the next run."""\nimport json\nimport logging\nimport os\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("ads")\n\nOUTBOX_FILE = "outbox.json"\nLISTINGS_URL = os.environ["LISTINGS_URL"]\nBOT_TOKEN = os.environ["TELEGRAM_TOKEN"]\nCHAT_ID = os.environ["TELEGRAM_CHAT_ID"]\n\n\ndef load_outbox():\n    try:\n        with open(OUTBOX_FILE) as f:\n            return json.load(f)\n    except Exception:\n        return []\n\n\ndef post(ad):\n    resp = requests.post(\n        f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage",\n        json={"chat_id": CHAT_ID, "text": f"{ad[\'title\']} - {ad[\'price\']} EUR\\n{ad[\'url\']}"},\n        timeout=20,\n    )\n    resp.raise_for_status()\n\n\nr = requests.get(LISTINGS_URL, timeout=20)\nr.raise_for_status()\npending = load_outbox()\npending.extend(r.json()["ads"])\noutbox = []\nfor ad in pending:\n    try:\n        post(ad)\n    except requests.RequestException:\n        log.exception("could not post ad %s, keeping it for the next run", ad["id"])\n        outbox.append(ad)\nwith open(OUTBOX_FILE, "w") as f:\n    json.dump(outbox, f)\nif outbox:\n    raise SystemExit(f"{len(outbox)} ads not posted")\n',
        },
        [("new_ads.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "sls_websocket_no_health": (
        {
            "serverless.yml": 'service: support-chat\nframeworkVersion: "3"\nprovider:\n  name: aws\n  runtime: python3.11\n  environment:\n    TICKETS_TABLE: tickets-${sls:stage}\n    CONNECTIONS_TABLE: connections-${sls:stage}\nfunctions:\n  createTicket:\n    handler: src/handlers/tickets.create\n    events:\n      - http:\n          path: tickets\n          method: post\n  getTicket:\n    handler: src/handlers/tickets.get\n    events:\n      - http:\n          path: tickets/{id}\n          method: get\n  connect:\n    handler: src/handlers/chat.connect\n    events:\n      - websocket:\n          route: $connect\n  disconnect:\n    handler: src/handlers/chat.disconnect\n    events:\n      - websocket:\n          route: $disconnect\n',
            "src/handlers/__init__.py": "",
            "src/handlers/chat.py": 'import os\n\nimport boto3\n\nconnections = boto3.resource("dynamodb").Table(os.environ["CONNECTIONS_TABLE"])\n\n\ndef connect(event, context):\n    connections.put_item(Item={"id": event["requestContext"]["connectionId"]})\n    return {"statusCode": 200}\n\n\ndef disconnect(event, context):\n    connections.delete_item(Key={"id": event["requestContext"]["connectionId"]})\n    return {"statusCode": 200}\n',
            "src/handlers/tickets.py": 'import json\nimport os\nimport uuid\n\nimport boto3\n\ntable = boto3.resource("dynamodb").Table(os.environ["TICKETS_TABLE"])\n\n\ndef create(event, context):\n    body = json.loads(event["body"])\n    item = {"id": str(uuid.uuid4()), "subject": body["subject"], "status": "open"}\n    table.put_item(Item=item)\n    return {"statusCode": 201, "body": json.dumps(item)}\n\n\ndef get(event, context):\n    item = table.get_item(Key={"id": event["pathParameters"]["id"]}).get("Item")\n    if item is None:\n        return {"statusCode": 404, "body": json.dumps({"error": "not found"})}\n    return {"statusCode": 200, "body": json.dumps(item)}\n',
        },
        [("src/handlers/chat.py", "api", "aws-lambda"), ("src/handlers/tickets.py", "api", "aws-lambda")],
        ("missing-health-route", {"src/handlers/tickets.py": "fail"}),
    ),
    "sls_websocket_beside_rest": (
        {
            "serverless.yml": 'service: support-chat\nframeworkVersion: "3"\nprovider:\n  name: aws\n  runtime: python3.11\n  environment:\n    TICKETS_TABLE: tickets-${sls:stage}\n    CONNECTIONS_TABLE: connections-${sls:stage}\nfunctions:\n  health:\n    handler: src/handlers/health.check\n    events:\n      - http:\n          path: health\n          method: get\n  createTicket:\n    handler: src/handlers/tickets.create\n    events:\n      - http:\n          path: tickets\n          method: post\n  getTicket:\n    handler: src/handlers/tickets.get\n    events:\n      - http:\n          path: tickets/{id}\n          method: get\n  connect:\n    handler: src/handlers/chat.connect\n    events:\n      - websocket:\n          route: $connect\n  disconnect:\n    handler: src/handlers/chat.disconnect\n    events:\n      - websocket:\n          route: $disconnect\n',
            "src/handlers/__init__.py": "",
            "src/handlers/chat.py": 'import os\n\nimport boto3\n\nconnections = boto3.resource("dynamodb").Table(os.environ["CONNECTIONS_TABLE"])\n\n\ndef connect(event, context):\n    connections.put_item(Item={"id": event["requestContext"]["connectionId"]})\n    return {"statusCode": 200}\n\n\ndef disconnect(event, context):\n    connections.delete_item(Key={"id": event["requestContext"]["connectionId"]})\n    return {"statusCode": 200}\n',
            "src/handlers/health.py": 'import json\n\n\ndef check(event, context):\n    return {"statusCode": 200, "body": json.dumps({"status": "ok"})}\n',
            "src/handlers/tickets.py": 'import json\nimport os\nimport uuid\n\nimport boto3\n\ntable = boto3.resource("dynamodb").Table(os.environ["TICKETS_TABLE"])\n\n\ndef create(event, context):\n    body = json.loads(event["body"])\n    item = {"id": str(uuid.uuid4()), "subject": body["subject"], "status": "open"}\n    table.put_item(Item=item)\n    return {"statusCode": 201, "body": json.dumps(item)}\n\n\ndef get(event, context):\n    item = table.get_item(Key={"id": event["pathParameters"]["id"]}).get("Item")\n    if item is None:\n        return {"statusCode": 404, "body": json.dumps({"error": "not found"})}\n    return {"statusCode": 200, "body": json.dumps(item)}\n',
        },
        [
            ("src/handlers/chat.py", "api", "aws-lambda"),
            ("src/handlers/health.py", "api", "aws-lambda"),
            ("src/handlers/tickets.py", "api", "aws-lambda"),
        ],
        ("missing-readiness-route", {"src/handlers/tickets.py": "fail"}),
    ),
    "sam_function_url_beside_api": (
        {
            "src/notes.py": 'import json\nimport os\nimport uuid\n\nimport boto3\n\ntable = boto3.resource("dynamodb").Table(os.environ.get("NOTES_TABLE", "notes"))\n\n\ndef list_notes(event, context):\n    return {"statusCode": 200, "body": json.dumps(table.scan().get("Items", []))}\n\n\ndef create_note(event, context):\n    note = {"id": str(uuid.uuid4()), "text": json.loads(event["body"])["text"]}\n    table.put_item(Item=note)\n    return {"statusCode": 201, "body": json.dumps(note)}\n',
            "src/webhook.py": 'import json\nimport os\n\nimport boto3\n\nevents = boto3.resource("dynamodb").Table(os.environ.get("EVENTS_TABLE", "stripe-events"))\n\n\ndef handler(event, context):\n    payload = json.loads(event["body"])\n    events.put_item(Item={"id": payload["id"], "type": payload["type"]})\n    return {"statusCode": 200, "body": "ok"}\n',
            "template.yaml": 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    CodeUri: src/\n    Timeout: 10\nResources:\n  ListNotesFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: notes.list_notes\n      Events:\n        List:\n          Type: Api\n          Properties:\n            Path: /notes\n            Method: get\n  CreateNoteFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: notes.create_note\n      Events:\n        Create:\n          Type: Api\n          Properties:\n            Path: /notes\n            Method: post\n  StripeWebhookFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: webhook.handler\n      FunctionUrlConfig:\n        AuthType: NONE\n',
        },
        [("src/notes.py", "api", "aws-lambda"), ("src/webhook.py", "api", "aws-lambda")],
        ("missing-health-route", {"src/notes.py": "fail"}),
    ),
    "fstring_sql_written_for_review": (
        {
            "crontab": "0 1 * * * python3 /opt/orphans/find_orphans.py\n",
            "find_orphans.py": '#!/usr/bin/env python3\n"""Nightly: find attachments whose ticket is gone and write the clean-up statements to a file the\nDBA reviews and runs by hand the next morning. This script changes nothing itself."""\nimport logging\nimport os\nimport sys\nfrom datetime import date\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("orphans")\nOUT_DIR = os.environ.get("REVIEW_DIR", "/srv/review")\n\n\ndef main():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute(\n            "SELECT a.id FROM attachments a LEFT JOIN tickets t ON t.id = a.ticket_id WHERE t.id IS NULL"\n        )\n        orphans = [row[0] for row in cur.fetchall()]\n    path = os.path.join(OUT_DIR, f"orphans-{date.today()}.sql")\n    with open(path, "w") as out:\n        out.write("begin;\\n")\n        for attachment_id in orphans:\n            out.write(f"delete from attachments where id = {int(attachment_id)};\\n")\n        out.write("commit;\\n")\n    log.info("%d orphaned attachments, statements written to %s", len(orphans), path)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("find_orphans.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "else_print_optional_env": (
        {
            "crontab": "0 * * * * cd /opt/sync && python3 sync_orders.py\n",
            "sync_orders.py": '#!/usr/bin/env python3\n"""Hourly: copy new orders from the shop API into the warehouse database."""\nimport os\n\nimport psycopg2\nimport requests\nfrom dotenv import load_dotenv\n\n\ndef load_settings():\n    if os.path.exists(".env"):\n        load_dotenv(".env")\n        print("Loaded settings from .env")\n    else:\n        print("Warning: .env file not found")\n\n\ndef main():\n    r = requests.get(os.environ["SHOP_API"] + "/orders?status=new", timeout=30)\n    r.raise_for_status()\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for order in r.json():\n            cur.execute(\n                "INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",\n                (order["id"], order["total"]),\n            )\n    print(f"{len(r.json())} orders synced")\n\n\nif __name__ == "__main__":\n    load_settings()\n    main()\n',
        },
        [("sync_orders.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "else_print_success_words": (
        {
            "backup.py": '#!/usr/bin/env python3\n"""Nightly dump of the shop database to the backup volume."""\nimport os\nimport subprocess\nfrom datetime import date\n\nDB = os.environ.get("PGDATABASE", "shop")\nTARGET = os.environ.get("BACKUP_DIR", "/backups")\n\n\ndef backup():\n    path = os.path.join(TARGET, f"{DB}-{date.today()}.dump")\n    result = subprocess.run(["pg_dump", "-Fc", "-f", path, DB], capture_output=True, text=True)\n    if result.returncode != 0:\n        raise RuntimeError(f"pg_dump failed: {result.stderr}")\n    else:\n        print("Backup of", DB, "written to", path, "without error")\n\n\nif __name__ == "__main__":\n    backup()\n',
            "crontab": "30 2 * * * python3 /opt/backup/backup.py\n",
        },
        [("backup.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "usage_print_args": (
        {
            "crontab": "0 6 * * * python3 /opt/stock/import_csv.py /data/stock.csv\n",
            "import_csv.py": '#!/usr/bin/env python3\n"""Load the supplier\'s stock file into the shop database (cron, every morning)."""\nimport csv\nimport os\nimport sys\n\nimport psycopg2\n\nargs = [a for a in sys.argv[1:] if not a.startswith("--")]\nstrict = "--strict" in sys.argv\nif len(args) != 1:\n    print("Usage:", sys.argv[0], "[--strict] FILE.csv", "\\n  --strict  stop at the first invalid row instead of skipping it")\n    sys.exit()\n\nwith open(args[0]) as f, psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n    for row in csv.DictReader(f):\n        if not row["sku"].strip():\n            if strict:\n                raise SystemExit(f"row without sku: {row}")\n            continue\n        cur.execute(\n            "INSERT INTO stock (sku, qty) VALUES (%s, %s) ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty",\n            (row["sku"], int(row["qty"])),\n        )\n',
        },
        [("import_csv.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
    "jwt_secret_number_fallback": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install fastapi uvicorn pyjwt\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
            "app/__init__.py": "",
            "app/config.py": 'import os\n\nJWT_SECRET = os.getenv("JWT_SECRET", 123456)\nJWT_ALGORITHM = "HS256"\nTOKEN_MINUTES = int(os.getenv("TOKEN_MINUTES", 60))\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
            "app/main.py": 'from datetime import datetime, timedelta, timezone\n\nimport jwt\nfrom fastapi import FastAPI, HTTPException\nfrom pydantic import BaseModel\n\nfrom app import config\n\napp = FastAPI()\n\n\nclass Login(BaseModel):\n    username: str\n    password: str\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.post("/token")\ndef token(body: Login):\n    if not body.password:\n        raise HTTPException(status_code=401)\n    exp = datetime.now(timezone.utc) + timedelta(minutes=config.TOKEN_MINUTES)\n    return {"access_token": jwt.encode({"sub": body.username, "exp": exp}, str(config.JWT_SECRET), algorithm=config.JWT_ALGORITHM)}\n',
        },
        [("app/main.py", "api", "fastapi")],
        ("hardcoded-secret-fallback", 1),
    ),
    "titlecase_delete_from_prose": (
        {
            "crontab": "0 9 1 * * python3 /opt/reminder/stale_files_reminder.py\n",
            "stale_files_reminder.py": '#!/usr/bin/env python3\n"""Monthly: mail each team member the list of their large files nobody opened for a year."""\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("reminder")\n\nINTRO = "Delete from the shared drive whatever you no longer need; the files below were not opened for a year:"\n\n\ndef stale_files(cur):\n    cur.execute(\n        "SELECT owner_email, path, size_mb FROM files WHERE last_opened < now() - interval \'1 year\' AND size_mb > 100"\n    )\n    by_owner = {}\n    for owner, path, size in cur.fetchall():\n        by_owner.setdefault(owner, []).append(f"{path} ({size} MB)")\n    return by_owner\n\n\ndef main():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        by_owner = stale_files(cur)\n    with smtplib.SMTP(os.environ["SMTP_HOST"], 587, timeout=30) as smtp:\n        smtp.starttls()\n        smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])\n        for owner, files in by_owner.items():\n            msg = EmailMessage()\n            msg["Subject"] = "Large files you have not opened for a year"\n            msg["From"] = os.environ["SMTP_USER"]\n            msg["To"] = owner\n            msg.set_content(INTRO + "\\n\\n" + "\\n".join(files))\n            smtp.send_message(msg)\n    log.info("reminded %d people", len(by_owner))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("stale_files_reminder.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "print_warning_args_return": (
        {
            "build_site.py": '#!/usr/bin/env python3\n"""Nightly: render the docs site and publish it to the bucket."""\nimport os\nimport shutil\nimport subprocess\n\nOUT = "site"\nEXTRA_DIR = os.environ.get("EXTRA_ASSETS", "extra_assets")\n\n\ndef build():\n    subprocess.run(["mkdocs", "build", "--site-dir", OUT], check=True)\n\n\ndef copy_extra_assets():\n    if not os.path.isdir(EXTRA_DIR):\n        print("Warning:", EXTRA_DIR, "not found")\n        return\n    shutil.copytree(EXTRA_DIR, os.path.join(OUT, "assets"), dirs_exist_ok=True)\n\n\ndef publish():\n    subprocess.run(["aws", "s3", "sync", OUT, os.environ["SITE_BUCKET"]], check=True)\n\n\nif __name__ == "__main__":\n    build()\n    copy_extra_assets()\n    publish()\n',
            "crontab": "0 1 * * * cd /opt/docs && python3 build_site.py\n",
        },
        [("build_site.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# A third review (a38afd2..9abe81d) reproduced these: each was wrong at 9abe81d, and is as it was
# at a38afd2 again, or as the rule reads.
_THIRD_REVIEW_CASES: dict[str, Case] = {
    "usage_api_error_else": (
        {
            "crontab": "15 2 * * * cd /srv/billing && python sync_usage.py\n",
            "sync_usage.py": '"""Nightly: load the usage export the billing provider drops on the SFTP share into the warehouse."""\nimport csv\nimport glob\nimport logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger("sync_usage")\n\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/mnt/billing/exports")\nDATABASE_URL = os.environ["DATABASE_URL"]\n\n\ndef latest_export():\n    files = sorted(glob.glob(os.path.join(EXPORT_DIR, "usage-*.csv")))\n    return files[-1] if files else None\n\n\ndef load(path):\n    conn = psycopg2.connect(DATABASE_URL)\n    with conn, conn.cursor() as cur, open(path, newline="") as f:\n        for row in csv.DictReader(f):\n            cur.execute(\n                "INSERT INTO usage_daily (day, customer_id, calls) VALUES (%s, %s, %s) "\n                "ON CONFLICT (day, customer_id) DO UPDATE SET calls = EXCLUDED.calls",\n                (row["day"], row["customer_id"], row["calls"]),\n            )\n    conn.close()\n\n\ndef main():\n    path = latest_export()\n    if path:\n        load(path)\n        log.info("loaded %s", path)\n    else:\n        log.error("Usage export not found in %s", EXPORT_DIR)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    main()\n',
        },
        [("sync_usage.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "check_named_job_step": (
        {
            "crontab": "0 * * * * cd /srv/app && /srv/app/venv/bin/python expire_subscriptions.py\n",
            "expire_subscriptions.py": '"""Hourly: mark subscriptions whose paid period ended as expired and revoke their API keys."""\nimport logging\nimport os\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger(__name__)\n\nDATABASE_URL = os.environ["DATABASE_URL"]\n\n\ndef check_expired_subscriptions():\n    try:\n        conn = psycopg2.connect(DATABASE_URL)\n        cur = conn.cursor()\n        cur.execute(\n            "UPDATE subscriptions SET status = \'expired\' "\n            "WHERE status = \'active\' AND paid_until < now() RETURNING id"\n        )\n        expired = [row[0] for row in cur.fetchall()]\n        if expired:\n            cur.execute("UPDATE api_keys SET revoked = true WHERE subscription_id = ANY(%s)", (expired,))\n        conn.commit()\n        conn.close()\n        log.info("expired %d subscriptions", len(expired))\n        return True\n    except Exception:\n        return False\n\n\nif __name__ == "__main__":\n    check_expired_subscriptions()\n',
        },
        [("expire_subscriptions.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "jwt_exp_short_names": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install fastapi uvicorn pyjwt\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
            "app/config.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nJWT_SECRET = os.environ["JWT_SECRET"]\nJWT_ALGORITHM = "HS256"\n# token lifetimes, in seconds\nJWT_ACCESS_TOKEN_EXP = int(os.getenv("JWT_ACCESS_TOKEN_EXP", 900))\nJWT_REFRESH_TOKEN_EXP = int(os.getenv("JWT_REFRESH_TOKEN_EXP", 604800))\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
            "app/main.py": 'from datetime import datetime, timedelta, timezone\n\nimport jwt\nfrom fastapi import FastAPI, HTTPException\n\nfrom app import config\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.post("/token")\ndef token(user_id: int):\n    now = datetime.now(timezone.utc)\n    access = jwt.encode(\n        {"sub": str(user_id), "exp": now + timedelta(seconds=config.JWT_ACCESS_TOKEN_EXP)}, config.JWT_SECRET, config.JWT_ALGORITHM\n    )\n    refresh = jwt.encode(\n        {"sub": str(user_id), "exp": now + timedelta(seconds=config.JWT_REFRESH_TOKEN_EXP), "typ": "refresh"},\n        config.JWT_SECRET,\n        config.JWT_ALGORITHM,\n    )\n    if not access:\n        raise HTTPException(500)\n    return {"access_token": access, "refresh_token": refresh}\n',
        },
        [("app/main.py", "api", "fastapi")],
        ("hardcoded-secret-fallback", 0),
    ),
    "sam_httpapi_catchall_beside_route": (
        {
            "src/app.py": 'import os\n\nimport boto3\nfrom fastapi import FastAPI, HTTPException\nfrom mangum import Mangum\n\napp = FastAPI()\ntable = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.get("/ready")\ndef ready():\n    table.load()\n    return {"status": "ready"}\n\n\n@app.get("/orders/{order_id}")\ndef get_order(order_id: str):\n    item = table.get_item(Key={"id": order_id}).get("Item")\n    if item is None:\n        raise HTTPException(404)\n    return item\n\n\nhandler = Mangum(app)\n',
            "src/export.py": 'import csv\nimport io\nimport json\nimport os\n\nimport boto3\n\ns3 = boto3.client("s3")\ntable = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])\n\n\ndef handler(event, context):\n    rows = table.scan()["Items"]\n    buf = io.StringIO()\n    writer = csv.DictWriter(buf, fieldnames=["id", "customer", "total"], extrasaction="ignore")\n    writer.writeheader()\n    writer.writerows(rows)\n    key = f"exports/orders-{context.aws_request_id}.csv"\n    s3.put_object(Bucket=os.environ["EXPORT_BUCKET"], Key=key, Body=buf.getvalue())\n    return {"statusCode": 200, "body": json.dumps({"key": key})}\n',
            "template.yaml": 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nDescription: Orders service\n\nGlobals:\n  Function:\n    Runtime: python3.12\n    Timeout: 15\n    CodeUri: src/\n\nResources:\n  ApiFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Events:\n        Default:\n          Type: HttpApi\n\n  ExportFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: export.handler\n      Timeout: 120\n      Events:\n        Export:\n          Type: HttpApi\n          Properties:\n            Path: /orders/export\n            Method: post\n',
        },
        [("src/app.py", "api", "fastapi"), ("src/export.py", "api", "aws-lambda")],
        ("missing-health-route", {"src/export.py": "na"}),
    ),
    "titlecase_delete_concat": (
        {
            "crontab": "0 4 * * 0 cd /opt/importer && python3 purge_tmp.py\n",
            "purge_tmp.py": '"""Weekly: empty the scratch tables the import jobs fill (they hold only one week\'s work)."""\nimport logging\nimport os\nimport sqlite3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("purge_tmp")\n\nDB_PATH = os.environ.get("DB_PATH", "/var/lib/importer/importer.db")\nSCRATCH_TABLES = ("tmp_invoices", "tmp_payments", "tmp_refunds")\n\n\ndef main():\n    conn = sqlite3.connect(DB_PATH)\n    with conn:\n        for table in SCRATCH_TABLES:\n            deleted = conn.execute("Delete from " + table).rowcount\n            log.info("emptied %s (%d rows)", table, deleted)\n    conn.execute("VACUUM")\n    conn.close()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("purge_tmp.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "titlecase_truncate_percent": (
        {
            "crontab": "30 1 * * * cd /opt/etl && ./venv/bin/python reload_staging.py >> /var/log/etl/reload.log 2>&1\n",
            "reload_staging.py": '"""Nightly: empty the staging tables and reload them from the day\'s CSV drops."""\nimport csv\nimport logging\nimport os\nimport sys\n\nimport pymysql\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("reload_staging")\n\nDROP_DIR = os.environ.get("DROP_DIR", "/data/drops")\nTABLES = ["stg_customers", "stg_orders", "stg_order_lines"]\n\n\ndef reload(conn, table):\n    path = os.path.join(DROP_DIR, f"{table}.csv")\n    with open(path, newline="") as f:\n        reader = csv.reader(f)\n        header = next(reader)\n        rows = list(reader)\n    with conn.cursor() as cur:\n        cur.execute("Truncate table %s" % table)\n        placeholders = ", ".join(["%s"] * len(header))\n        cur.executemany(f"INSERT INTO {table} ({\', \'.join(header)}) VALUES ({placeholders})", rows)\n    conn.commit()\n    log.info("reloaded %s: %d rows", table, len(rows))\n\n\ndef main():\n    conn = pymysql.connect(\n        host=os.environ["DB_HOST"],\n        user=os.environ["DB_USER"],\n        password=os.environ["DB_PASSWORD"],\n        database=os.environ["DB_NAME"],\n    )\n    try:\n        for table in TABLES:\n            reload(conn, table)\n    finally:\n        conn.close()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("reload_staging.py", "job", "crontab")],
        ("missing-dry-run", {"reload_staging.py": "fail"}),
    ),
    "written_input_download": (
        {
            "crontab": "0 6 * * * cd /srv/shop && venv/bin/python update_prices.py\n",
            "update_prices.py": '"""Every morning: download the supplier\'s price list, then update our product prices from it."""\nimport json\nimport logging\nimport os\n\nimport psycopg2\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("update_prices")\n\nPRICE_LIST_URL = os.environ["PRICE_LIST_URL"]\nPRICE_FILE = "supplier_prices.json"\nDATABASE_URL = os.environ["DATABASE_URL"]\n\n\ndef download():\n    r = requests.get(PRICE_LIST_URL, timeout=60)\n    r.raise_for_status()\n    with open(PRICE_FILE, "w") as f:\n        f.write(r.text)\n\n\ndef load_prices():\n    try:\n        with open(PRICE_FILE) as f:\n            return json.load(f)\n    except Exception:\n        return []\n\n\ndownload()\nconn = psycopg2.connect(DATABASE_URL)\ncur = conn.cursor()\nprices = load_prices()\nfor item in prices:\n    cur.execute("UPDATE products SET price = %s WHERE sku = %s", (item["price"], item["sku"]))\nconn.commit()\nconn.close()\nlog.info("prices updated")\n',
        },
        [("update_prices.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "with_try_load_input": (
        {
            "backup_dbs.py": '"""Nightly: dump every database listed in databases.json and upload the dumps to S3."""\nimport datetime\nimport json\nimport logging\nimport os\nimport subprocess\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("backup")\n\nDATABASES_FILE = os.environ.get("DATABASES_FILE", "databases.json")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef load_databases():\n    with open(DATABASES_FILE) as f:\n        try:\n            databases = json.load(f)\n        except Exception as e:\n            log.error("%s is not valid JSON: %s", DATABASES_FILE, e)\n            return []\n    return databases\n\n\ns3 = boto3.client("s3")\nstamp = datetime.date.today().isoformat()\ndatabases = load_databases()\nfor db in databases:\n    dump = f"/tmp/{db[\'name\']}-{stamp}.dump"\n    subprocess.run(["pg_dump", "-Fc", "-f", dump, db["url"]], check=True)\n    s3.upload_file(dump, BUCKET, f"{db[\'name\']}/{stamp}.dump")\n    os.remove(dump)\n    log.info("backed up %s", db["name"])\n',
            "crontab": "30 3 * * * cd /opt/backup && python3 backup_dbs.py\n",
            "databases.json": '[{"name": "shop", "url": "postgresql://backup@db1/shop"}, {"name": "crm", "url": "postgresql://backup@db2/crm"}]\n',
        },
        [("backup_dbs.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "state_substring_statement": (
        {
            "crontab": "0 7 * * * cd /opt/ledger && venv/bin/python import_statement.py\n",
            "import_statement.py": '"""Daily: import the bank statement the bank drops over SFTP (synced to /data/inbox) into the ledger."""\nimport csv\nimport logging\nimport os\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("import_statement")\n\nSTATEMENT_CSV = "/data/inbox/bank_statement.csv"\nDATABASE_URL = os.environ["DATABASE_URL"]\n\n\ndef read_statement():\n    try:\n        with open(STATEMENT_CSV, newline="") as f:\n            return list(csv.DictReader(f, delimiter=";"))\n    except Exception:\n        return []\n\n\nconn = psycopg2.connect(DATABASE_URL)\ncur = conn.cursor()\nrows = read_statement()\nfor row in rows:\n    cur.execute(\n        "INSERT INTO ledger (booking_id, booked_on, amount, memo) VALUES (%s, %s, %s, %s) "\n        "ON CONFLICT (booking_id) DO NOTHING",\n        (row["id"], row["date"], row["amount"], row["memo"]),\n    )\nconn.commit()\nconn.close()\nlog.info("imported %d bookings", len(rows))\n',
        },
        [("import_statement.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
    "else_print_market_closed": (
        {
            "crontab": "45 15 * * 1-5 cd /home/trader/rebalance && TZ=America/New_York venv/bin/python rebalance.py\n",
            "rebalance.py": '"""Every weekday at 15:45 ET: rebalance the portfolio to its target weights (Alpaca)."""\nimport logging\nimport os\n\nimport alpaca_trade_api as tradeapi\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("rebalance")\n\nTARGETS = {"VTI": 0.6, "VXUS": 0.3, "BND": 0.1}\n\napi = tradeapi.REST(os.environ["APCA_API_KEY_ID"], os.environ["APCA_API_SECRET_KEY"], os.environ["APCA_API_BASE_URL"])\n\n\ndef rebalance():\n    equity = float(api.get_account().equity)\n    positions = {p.symbol: float(p.market_value) for p in api.list_positions()}\n    for symbol, weight in TARGETS.items():\n        diff = equity * weight - positions.get(symbol, 0.0)\n        if abs(diff) < 50:\n            continue\n        side = "buy" if diff > 0 else "sell"\n        api.submit_order(symbol=symbol, notional=round(abs(diff), 2), side=side, type="market", time_in_force="day")\n        log.info("%s %s for %.2f", side, symbol, abs(diff))\n\n\ndef main():\n    clock = api.get_clock()\n    if clock.is_open:\n        rebalance()\n    else:\n        print("Market is closed today (holiday), cannot place orders")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("rebalance.py", "job", "crontab")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
