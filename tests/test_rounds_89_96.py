"""Rounds 89-96 and what was read alongside them: small trees of what the tool got wrong.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where the
case turns on a rule, that rule's finding count or gap status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_SCRAPER = """\
import requests


def main(event, context):
    page = requests.get("https://courts.example.com/slots", timeout=10)
    if page.status_code != 200:
        return None
    print(page.text[:100])


if __name__ == "__main__":
    main("", "")
"""
_SLS_SCHEDULE = """\
service: scraper
provider:
  name: aws
  runtime: python3.8
functions:
  scrape:
    handler: program.main
    events:
      - schedule: cron(0/15 6-21 * * ? *)
"""
_HELLO = """\
import json


def hello(event, context):
    return {"statusCode": 200, "body": json.dumps({"message": "hello"})}


def nightly(event, context):
    return None
"""
_SLS_HTTP = """\
service: hello
provider:
  name: aws
  runtime: python3.11
functions:
  hello:
    handler: src/handlers/greet.hello
    events:
      - httpApi:
          path: /hello
          method: get
  nightly:
    handler: src/handlers/greet.nightly
    events:
      - schedule: rate(1 day)
"""
_SAM = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 30
Resources:
  ScrapeFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: app/
      Handler: scraping.lambda_handler
      Role: !GetAtt ScrapeRole.Arn
      Environment:
        Variables:
          TABLE: !Ref SlotsTable
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(1 0 * * ? *)
  ScheduleApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: app/
      Handler: schedule.lambda_handler
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref SlotsTable
      Events:
        Get:
          Type: Api
          Properties:
            Path: /schedule
            Method: get
Outputs:
  Api:
    Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/"
"""
_HANDLER = """\
import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def lambda_handler(event, context):
    items = TABLE.scan()["Items"]
    return {"statusCode": 200, "body": json.dumps(items)}
"""
_MANGUM = """\
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/items")
def items():
    return []


handler = Mangum(app)
"""
_SLS_MANGUM = """\
service: items
provider:
  name: aws
  runtime: python3.11
functions:
  api:
    handler: main.handler
    events:
      - http: ANY /{proxy+}
"""
_BACKFILL = """\
import sys


def handler(event, context):
    return {"ok": True}


def backfill(days):
    for day in range(days):
        handler({"day": day}, None)


if __name__ == "__main__":
    backfill(int(sys.argv[1]))
"""

_SCHEDULER_MODULE = """\
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from services import daily_task

scheduler = AsyncIOScheduler(timezone="Asia/Almaty")
scheduler.add_job(daily_task, trigger="cron", hour=9, minute=0, start_date=datetime.now())
"""
_SERVICES = """\
import logging

log = logging.getLogger(__name__)


async def daily_task():
    log.info("quote of the day")
"""
_BOT_SERVER = """\
from aiogram import Bot, Dispatcher
from aiogram.utils import executor

from schedule_setup import scheduler

bot = Bot(token="")
dp = Dispatcher(bot)

if __name__ == "__main__":
    scheduler.start()
    executor.start_polling(dp, skip_updates=True)
"""
_KEEPALIVE_MAIN = """\
import asyncio
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from app.tasks import send_backup


def get_scheduler():
    scheduler = AsyncIOScheduler()
    scheduler.start()
    return scheduler


async def start():
    logging.basicConfig(level=logging.INFO)
    scheduler = get_scheduler()
    scheduler.add_job(send_backup, "cron", hour=3)
    while True:
        await asyncio.sleep(1)
"""
_KEEPALIVE_TASKS = """\
import subprocess


def send_backup():
    subprocess.run(["pg_dump", "-f", "backup.sql"], check=True)
"""
_KEEPALIVE_LAUNCHER = """\
import asyncio

from app.main import start


def main():
    asyncio.get_event_loop().run_until_complete(start())


if __name__ == "__main__":
    main()
"""
_CELERY_APP = """\
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
app = Celery("proj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
"""
_BEAT_UNIT = """\
[Unit]
Description=Celery Beat Service

[Service]
Type=simple
EnvironmentFile=/etc/conf.d/celery
WorkingDirectory=/var/www/proj
ExecStart=/bin/sh -c '${CELERY_BIN} -A ${CELERY_APP} beat --scheduler django_celery_beat.schedulers:DatabaseScheduler \\
    --pidfile=${CELERYBEAT_PID_FILE} \\
    --loglevel=${CELERYD_LOG_LEVEL}'
Restart=always
"""
_WORKER_UNIT = """\
[Service]
ExecStart=/bin/sh -c '${CELERY_BIN} -A ${CELERY_APP} multi start worker1 --loglevel=INFO'
Restart=always
"""

_GCF_BACKGROUND = """\
import json

from google.cloud import pubsub_v1


def main(data, context):
    publisher = pubsub_v1.PublisherClient()
    future = publisher.publish("projects/p/topics/estimates", json.dumps({"at": context.timestamp}).encode())
    future.result()
"""
_DATA_CONTEXT_HELPER = """\
def render(data, context):
    return data.format(**context)
"""

_DUMP_AND_SEND = """\
import datetime
import os
import subprocess

import requests


def back_up():
    name = f"backup_{datetime.datetime.now():%Y%m%d_%H%M%S}.sql"
    backup_path = os.path.join("/tmp", name)
    subprocess.run(f"pg_dump -f {backup_path} shop", shell=True, check=True)
    with open(backup_path, "rb") as handle:
        requests.post("https://backup.example.com/upload", files={"dump": handle}, timeout=60)
    os.remove(backup_path)


if __name__ == "__main__":
    back_up()
"""
_PURGE_OLD = """\
import os
import sys

ARCHIVE = sys.argv[1]


def purge():
    for name in os.listdir(ARCHIVE):
        path = os.path.join(ARCHIVE, name)
        os.remove(path)


if __name__ == "__main__":
    purge()
"""
_TASKS_ENQUEUED = """\
from celery import Celery

from shop.models import Order

app = Celery("shop")


@app.task
def wipe_orders():
    Order.objects.all().delete()


@app.task
def sync_orders(days):
    return days
"""
_QUEUEING_JOB = """\
import sys

from shop.tasks import sync_orders, wipe_orders


def main():
    sync_orders.delay(int(sys.argv[1]))


def reset():
    wipe_orders.delay()


if __name__ == "__main__":
    main()
"""

_KAFKA_SCRIPT = """\
import json

from kafka import KafkaProducer

producer = KafkaProducer(
    bootstrap_servers="kafka:9092",
    value_serializer=lambda v: json.dumps(v).encode("ascii"),
)
producer.send("test-topic", value={"message": "hello"})
producer.flush()
"""
_TABLE_SCRIPT = """\
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])
cur = conn.cursor()
cur.execute("CREATE TABLE IF NOT EXISTS readings (key VARCHAR(24) NOT NULL, value VARCHAR(24) NOT NULL)")
conn.commit()
cur.close()
conn.close()
"""
_CONSUMER = """\
from kafka import KafkaConsumer

consumer = KafkaConsumer("test-topic", bootstrap_servers="kafka:9092")

for msg in consumer:
    print(msg.value)
"""
_SCHEDULER_JOBS = """\
from apscheduler.schedulers.asyncio import AsyncIOScheduler

scheduler = AsyncIOScheduler()


@scheduler.scheduled_job("interval", hours=8)
async def refresh():
    return None
"""
_ROUTES = """\
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"ok": True}
"""
_STARTUP_MAIN = """\
from route import app
from scheduler_job import scheduler


@app.on_event("startup")
async def _():
    scheduler.start()


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app=app, host="127.0.0.1", port=17777)
"""
_SHORT_TOKEN = """\
from pathlib import Path


class Config:
    token = "616.sb"
    api_token = "k9Xq2LmZ8rT4vB7n"
    base_url = None
    ROOT = Path("/etc/nginx/assets")
"""
_WEATHER = """\
import requests


def current(lat, lon):
    url = f"https://api.openweathermap.org/data/2.5/weather?lat={lat}&lon={lon}&appid=0f3b9c2d8e7a6f5b4c3d2e1f0a9b8c7d"
    return requests.get(url, timeout=10).json()


def docs_example():
    return "https://api.openweathermap.org/data/2.5/weather?q=London&appid={API key}"
"""
_ZIP_LOGS = """\
import argparse
import gzip
import os
import shutil


def gzip_file(filepath, zip_path):
    with open(filepath, "rb") as f_in:
        with gzip.open(zip_path, "wb") as f_out:
            shutil.copyfileobj(f_in, f_out)
    if os.path.isfile(filepath):
        os.remove(filepath)


def zip_logs(log_dir):
    for dirpath, _, filenames in os.walk(log_dir):
        for filename in filenames:
            path = os.path.join(dirpath, filename)
            gzip_file(path, path + ".gz")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/var/log/app")
    zip_logs(parser.parse_args().dir)
"""
_CELERY_FILE = """\
import celery

app = celery.Celery("weather", broker="redis://redis:6379/0")
app.config_from_object("celery_conf")
"""
_CELERY_CONF = """\
from celery.schedules import crontab

beat_schedule = {"refresh": {"task": "weather.refresh", "schedule": crontab(minute="*/15")}}
"""
_COMPOSE_BEAT = """\
services:
  worker:
    command: celery -A celery_file worker --loglevel=info
  beat:
    command: celery -A celery_file beat --loglevel=info
"""

_CASES: dict[str, Case] = {
    # serverless.yml names the handler a schedule calls; the `__main__` block only calls it to
    # try it locally: one Lambda job, no exit status to judge
    "serverless_schedule_local_test": (
        {"program.py": _SCRAPER, "serverless.yml": _SLS_SCHEDULE},
        [("program.py", "job", "aws-lambda")],
        ("missing-exit-code", "na"),
    ),
    # an HTTP event makes the function an api though it never reads the request; a schedule on
    # the same file's other function makes that one a job
    "serverless_http_and_schedule": (
        {"src/handlers/greet.py": _HELLO, "serverless.yml": _SLS_HTTP},
        [("src/handlers/greet.py", "api", "aws-lambda"), ("src/handlers/greet.py", "job", "aws-lambda")],
        None,
    ),
    # a SAM template with CloudFormation's short tags, functions in CodeUri
    "sam_template_tags": (
        {"app/scraping.py": _HANDLER, "app/schedule.py": _HANDLER, "template.yaml": _SAM},
        [("app/schedule.py", "api", "aws-lambda"), ("app/scraping.py", "job", "aws-lambda")],
        None,
    ),
    # trap: an app served through an adapter keeps what its code says
    "serverless_mangum_adapter": (
        {"main.py": _MANGUM, "serverless.yml": _SLS_MANGUM},
        [("main.py", "api", "fastapi")],
        None,
    ),
    # trap: a `__main__` block doing other work (a backfill) stays a job beside the function
    "serverless_backfill_main": (
        {"handler.py": _BACKFILL, "serverless.yml": _SLS_SCHEDULE.replace("program.main", "handler.handler")},
        [("handler.py", "job", "aws-lambda"), ("handler.py", "job", "python")],
        None,
    ),
    # an APScheduler scheduler created in one module and started by the `__main__` block of the
    # module that imports it: the job is where it starts
    "apscheduler_started_by_importer": (
        {"schedule_setup.py": _SCHEDULER_MODULE, "services.py": _SERVICES, "server.py": _BOT_SERVER},
        [("server.py", "job", "apscheduler"), ("server.py", "worker", "telegram")],
        None,
    ),
    # a function that starts a scheduler, then sleeps forever to keep it running, run by a
    # launcher's `__main__` block: the scheduler's job alone, not a worker at the launcher
    "apscheduler_kept_alive_by_sleep": (
        {
            "app/__init__.py": "",
            "app/main.py": _KEEPALIVE_MAIN,
            "app/tasks.py": _KEEPALIVE_TASKS,
            "run.py": _KEEPALIVE_LAUNCHER,
        },
        [("app/main.py", "job", "apscheduler")],
        None,
    ),
    # Celery beat with its schedule in the database, run by a systemd unit (the program a variable,
    # the command continued over lines): a beat job at the Celery app
    "celery_beat_systemd_database_scheduler": (
        {"proj/__init__.py": "", "proj/celery.py": _CELERY_APP, "deploy/celerybeat.service": _BEAT_UNIT},
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    # the same through a Procfile's `beat:` process
    "celery_beat_procfile": (
        {
            "proj/__init__.py": "",
            "proj/celery.py": _CELERY_APP,
            "Procfile": "worker: celery -A proj worker -l info\nbeat: celery -A proj beat -l info\n",
        },
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    # trap: a unit that runs only Celery workers adds no beat
    "celery_worker_unit_no_beat": (
        {"proj/__init__.py": "", "proj/celery.py": _CELERY_APP, "deploy/celery.service": _WORKER_UNIT},
        [("proj/celery.py", "worker", "celery")],
        None,
    ),
    # Google's first-generation background function named as its documentation once did,
    # `(data, context)`, in the `main.py` the platform requires
    "gcf_background_data_context": (
        {"trigger/main.py": _GCF_BACKGROUND},
        [("trigger/main.py", "job", "cloud-functions")],
        ("missing-exit-code", "na"),
    ),
    # trap: the same signature in another file is a helper, not a function a platform calls
    "data_context_helper_elsewhere": (
        {"templates.py": _DATA_CONTEXT_HELPER},
        [],
        None,
    ),
    # a dump made under /tmp by a command, sent, then removed: the job's own temporary file
    "temporary_dump_removed": (
        {"backup.py": _DUMP_AND_SEND},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # trap: removing files of a directory the job is given is a deletion
    "archive_files_removed": (
        {"purge.py": _PURGE_OLD},
        [("purge.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a job that only puts work on a queue does not run what else the project enqueues (the worker
    # does): a deleting task enqueued elsewhere is not the job's deletion
    "job_enqueues_not_runs": (
        {
            "shop/__init__.py": "",
            "shop/models.py": "class Order:\n    objects = None\n",
            "shop/tasks.py": _TASKS_ENQUEUED,
            "sync.py": _QUEUEING_JOB,
        },
        [("shop/tasks.py", "worker", "celery"), ("sync.py", "job", "python")],
        ("missing-dry-run", {"sync.py": "na"}),
    ),
    # a standalone module-level script beside a consumer that sends through a Kafka producer is a
    # job; one that only creates a table is set-up, not a job (as in test_regressions)
    "module_level_producer_and_table_scripts": (
        {"producer.py": _KAFKA_SCRIPT, "helper.py": _TABLE_SCRIPT, "consumer.py": _CONSUMER},
        [("consumer.py", "worker", "kafka"), ("producer.py", "job", "script")],
        None,
    ),
    # a scheduler started in the app's start-up hook by the module that runs the app
    "apscheduler_started_in_startup_hook": (
        {"scheduler_job.py": _SCHEDULER_JOBS, "route.py": _ROUTES, "__main__.py": _STARTUP_MAIN},
        [("__main__.py", "job", "apscheduler"), ("route.py", "api", "fastapi")],
        None,
    ),
    # a six-character `token` is no API token; a sixteen-character one is
    "short_token_not_a_secret": (
        {
            "config.py": _SHORT_TOKEN,
            "main.py": "import shutil\n\nimport config\n\nif __name__ == '__main__':\n    shutil.copy(str(config.Config.ROOT), 'b')\n",
        },
        [("main.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # OpenWeatherMap's key in a URL's `appid=` (not the documentation's `{API key}`)
    "appid_in_url": (
        {
            "weather.py": _WEATHER,
            "main.py": "from weather import current\n\nif __name__ == '__main__':\n    current(1, 2)\n",
        },
        [("main.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # a log copied into its gzip archive, then removed: rotated, not deleted
    "gzip_then_remove": (
        {"ziplogs.py": _ZIP_LOGS},
        [("ziplogs.py", "job", "argparse")],
        ("missing-dry-run", "na"),
    ),
    # a beat schedule in the code and the beat command in Compose: one beat job
    "beat_in_code_and_compose": (
        {"celery_file.py": _CELERY_FILE, "celery_conf.py": _CELERY_CONF, "docker-compose.yml": _COMPOSE_BEAT},
        [("celery_conf.py", "job", "celery-beat"), ("celery_file.py", "worker", "celery")],
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_rounds_89_to_96(check_case: Callable[[str, Case], None], case: str) -> None:
    check_case(case, _CASES[case])
