"""Blind rounds 113-125 (session 18): what they found, as small trees.

Each case fails on the commit before its fix (66fd7e0 for rounds 113-120, b1060e9 for 121-123, 70bfbb9 for 124, c44614d for 125),
except the traps (marked), which must not move. A case gives the files, the entrypoints expected as ``(path, kind, framework)`` and,
where it matters, a rule's count or status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_SYNC = """\
    import sys

    import requests


    def main():
        rows = requests.get("https://db.example.com/rows", timeout=10).json()
        requests.post("https://api.example.com/load", json=rows, timeout=10).raise_for_status()
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    """

_REPORT = """\
    import logging

    from elasticsearch import Elasticsearch

    log = logging.getLogger(__name__)


    def main():
        es = Elasticsearch("http://localhost:9200")
        if {test}:
            {log}
            return
        es.index(index="reports", document={{"ok": True}})


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        main()
    """

_PRODUCER = """\
    import json

    from confluent_kafka import Producer

    p = Producer({{"bootstrap.servers": "localhost:9092"}})


    def delivery_report(err, msg):
        if err is not None:
            {on_error}


    for i in range(100):
        p.produce("events", json.dumps({{"index": i}}), callback=delivery_report)
    p.flush()
    """

_NATS = """\
    from pynats import NATSClient


    def handle(msg):
        print(msg.payload)


    with NATSClient(url="nats://localhost:4222") as client:
        client.connect()
        client.subscribe(subject="events", callback=handle)
        client.wait({wait})
    """

_CASES: dict[str, Case] = {
    # Compose keeps the container up with `tail -f /dev/null` once the script is done; Ofelia
    # runs the script on a schedule inside it: a job, not a worker
    "compose_idle_after_script_and_ofelia": (
        {
            "sync_client.py": _SYNC,
            "docker-compose.yml": """\
services:
  sync-client:
    build: .
    restart: unless-stopped
    command: sh -c "python /app/sync_client.py && tail -f /dev/null"
  ofelia:
    image: mcuadros/ofelia:latest
    command: daemon --config=/etc/ofelia/config.ini
""",
            "cron_jobs.ini": """\
[job-exec "sync"]
schedule = 30 17 * * *
container = sync-client
command = python /app/sync_client.py
""",
        },
        [("sync_client.py", "job", "ofelia")],
        None,
    ),
    # trap: a restarted Compose service whose script is the last command stays long-running
    "compose_restarted_script_stays_worker": (
        {
            "poll.py": """\
                import time

                import requests


                def main():
                    while True:
                        requests.post("https://api.example.com/tick", timeout=10).raise_for_status()
                        time.sleep(60)


                if __name__ == "__main__":
                    main()
                """,
            "docker-compose.yml": """\
services:
  poller:
    restart: always
    command: sh -c "sleep 5 && python poll.py"
""",
        },
        [("poll.py", "worker", "polling-loop")],
        None,
    ),
    # paho's network thread started, then an asyncio loop run forever in the constructor
    "mqtt_loop_start_then_event_loop": (
        {
            "main.py": """\
                import asyncio

                import paho.mqtt.client as mqtt


                class Bridge:
                    def __init__(self):
                        self.client = mqtt.Client()
                        self.client.on_message = self.on_message
                        self.client.connect_async("localhost", 1883, 60)
                        self.client.loop_start()
                        self.loop = asyncio.get_event_loop()
                        self.loop.run_forever()

                    def on_message(self, client, userdata, msg):
                        print(msg.topic)


                if __name__ == "__main__":
                    Bridge()
                """,
        },
        [("main.py", "worker", "consume-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # pynats: subscribe with a callback, then `wait()` serves messages until the connection ends
    "pynats_wait_consumes": (
        {
            "consume.py": _NATS.format(wait=""),
        },
        [("consume.py", "worker", "consume-loop")],
        None,
    ),
    # trap: `wait(count=1)` takes one message and returns
    "pynats_wait_count_is_a_job": (
        {
            "consume.py": _NATS.format(wait="count=1"),
        },
        [("consume.py", "job", "script")],
        None,
    ),
    # Bolt's own HTTP server (`app.start(port)`) answers Slack's Events API: an api
    "slack_bolt_http_server": (
        {
            "bot.py": """\
                import os

                from slack_bolt import App

                app = App(token=os.environ["SLACK_BOT_TOKEN"], signing_secret=os.environ["SLACK_SIGNING_SECRET"])


                @app.event("message")
                def on_message(event, say):
                    say("seen")


                def main():
                    app.start(port=int(os.environ.get("PORT", "3000")))


                if __name__ == "__main__":
                    main()
                """,
        },
        [("bot.py", "api", "slack-bolt")],
        None,
    ),
    # trap: the same app run by a socket-mode handler is a worker, not an api
    "slack_bolt_socket_mode": (
        {
            "bot.py": """\
                import os

                from slack_bolt import App
                from slack_bolt.adapter.socket_mode import SocketModeHandler

                app = App(token=os.environ["SLACK_BOT_TOKEN"])


                @app.event("message")
                def on_message(event, say):
                    say("seen")


                if __name__ == "__main__":
                    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
                """,
        },
        [("bot.py", "worker", "slack-bolt")],
        None,
    ),
    # `from loader import *` brings the scheduler the bot's main() starts: the job is there
    "star_imported_scheduler": (
        {
            "loader.py": """\
                import os

                from aiogram import Bot, Dispatcher
                from apscheduler.schedulers.asyncio import AsyncIOScheduler

                dp = Dispatcher()
                bot = Bot(os.environ["TOKEN"])
                scheduler = AsyncIOScheduler(timezone="Europe/Moscow")
                """,
            "bot.py": """\
                import asyncio

                from loader import *


                async def main():
                    scheduler.start()
                    await dp.start_polling(bot)


                if __name__ == "__main__":
                    asyncio.run(main())
                """,
        },
        [("bot.py", "job", "apscheduler"), ("bot.py", "worker", "aiogram")],
        None,
    ),
    # nextcord, a fork of discord.py: its bot's `run()` is a worker
    "nextcord_bot": (
        {
            "bot.py": """\
                import os

                import nextcord
                from nextcord.ext import commands

                bot = commands.Bot()


                @bot.event
                async def on_ready():
                    print("ready")


                bot.run(os.getenv("TOKEN"))
                """,
        },
        [("bot.py", "worker", "discord")],
        None,
    ),
    # a CDK app is infrastructure as code, run by `cdk synth`: no entrypoint
    "cdk_app_is_not_a_job": (
        {
            "app.py": """\
                #!/usr/bin/env python3
                import aws_cdk as cdk

                from stacks.scraper import ScraperStack

                app = cdk.App()
                ScraperStack(app, "ScraperStack")
                app.synth()
                """,
            "stacks/__init__.py": "",
            "stacks/scraper.py": """\
                from aws_cdk import Stack


                class ScraperStack(Stack):
                    pass
                """,
        },
        [],
        None,
    ),
    # a SAM template kept apart from the code, with no CodeUri: the one module of the handler's name
    "sam_handler_without_code_uri": (
        {
            "sam-templates/cleanup.yaml": """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: 'AWS::Serverless-2016-10-31'
Resources:
  Cleanup:
    Type: 'AWS::Serverless::Function'
    Properties:
      Handler: s3_cleanup.handler
      Runtime: python3.11
      CodeUri:
      Events:
        Daily:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
""",
            "lambdas/s3_cleanup.py": """\
                import boto3

                s3 = boto3.client("s3")


                def handler(event, _):
                    for bucket in s3.list_buckets()["Buckets"]:
                        if bucket["Name"].startswith("tmp-"):
                            s3.delete_bucket(Bucket=bucket["Name"])
                """,
        },
        [("lambdas/s3_cleanup.py", "job", "aws-lambda")],
        ("missing-dry-run", "fail"),
    ),
    # an HTTP write whose response is thrown away whole: a failed request leaves the status 0
    "http_write_response_dropped": (
        {
            "seed.py": """\
                import json

                import requests


                def seed():
                    with open("seeds.json") as f:
                        for item in json.load(f):
                            requests.post("https://api.example.com/items", json=item, timeout=5)


                if __name__ == "__main__":
                    seed()
                """,
        },
        [("seed.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: in a `schedule` process, a request a job sends has no exit status to reach
    "schedule_process_request_not_judged": (
        {
            "ping.py": """\
                import time

                import requests
                import schedule


                def job():
                    requests.post("https://app.example.com/keep_alive", timeout=10)


                if __name__ == "__main__":
                    schedule.every(20).minutes.do(job)
                    while True:
                        schedule.run_pending()
                        time.sleep(1)
                """,
        },
        [("ping.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    # `main()` logs a fatal error and returns: the run ends with status 0
    "error_logged_then_return": (
        {"report.py": _REPORT.format(test="not es.ping()", log='log.fatal("Elasticsearch is not reachable")')},
        [("report.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a warning and a return is nothing to do, not a failure
    "warning_then_return": (
        {"report.py": _REPORT.format(test="not es.count()", log='log.warning("no events today")')},
        [("report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a tutorial's "needs to be changed" key is a placeholder
    "placeholder_to_be_changed": (
        {
            "app.py": """\
                from flask import Flask

                app = Flask(__name__)
                app.config["SECRET_KEY"] = "this-really-needs-to-be-changed"
                """,
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # `os.path.exists(d) or os.mkdir(d)`: the existence check written with `or`
    "mkdir_guarded_with_or": (
        {
            "job.py": """\
                import os

                folder = os.path.join(os.getcwd(), "storage")
                os.path.exists(folder) or os.mkdir(folder)
                with open(os.path.join(folder, "out.txt"), "w") as f:
                    f.write("done")
                """,
        },
        [("job.py", "job", "script")],
        ("non-idempotent-mkdir", 0),
    ),
    # `DEBUG = True` in a staging settings class is debug mode where the app serves
    "debug_in_staging_config": (
        {
            "config.py": """\
                class Config:
                    DEBUG = False


                class StagingConfig(Config):
                    DEBUG = True


                class DevelopmentConfig(Config):
                    DEBUG = True
                """,
            "app.py": """\
                import os

                from flask import Flask

                app = Flask(__name__)
                app.config.from_object(os.environ.get("APP_SETTINGS", "config.StagingConfig"))
                """,
        },
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # a settings field defaulting to a connection URL with a password in it
    "settings_url_with_password": (
        {
            "settings.py": """\
                from pydantic import BaseSettings


                class Settings(BaseSettings):
                    DATABASE_URI: str = "mysql://root:toor@mysql:3306/prices"
                    BROKER_URI: str = "amqp://guest:guest@rabbitmq:5672"
                """,
            "app.py": """\
                from fastapi import FastAPI

                from settings import Settings

                settings = Settings()
                app = FastAPI()
                """,
        },
        [("app.py", "api", "fastapi")],
        # (the broker's out-of-the-box `guest:guest` as well, with medium confidence, since session 26)
        ("hardcoded-secret-fallback", 2),
    ),
    # a session a factory of the file returns (`-> requests.Session`) waits as long as one built here
    "session_from_factory": (
        {
            "collect.py": """\
                import os
                import sys

                import requests


                def make_session(cookie: str) -> requests.Session:
                    session = requests.Session()
                    session.headers["Cookie"] = cookie
                    return session


                def collect():
                    session = make_session(os.environ["COOKIE"])
                    session.post("https://www.example.com/account", data={"collect": "1"}).raise_for_status()


                if __name__ == "__main__":
                    collect()
                    sys.exit(0)
                """,
        },
        [("collect.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # `DEBUG = True` only when the environment asks for it is no finding
    "debug_switched_on_by_a_condition": (
        {
            "mysite/settings.py": """\
                import os

                SECRET_KEY = os.environ["SECRET_KEY"]
                ROOT_URLCONF = "mysite.urls"
                if os.environ.get("DJANGO_DEBUG", default=False) in ["True", "true", "1", True]:
                    DEBUG = True
                else:
                    DEBUG = False
                """,
            "mysite/urls.py": "urlpatterns = []\n",
            "mysite/wsgi.py": """\
                import os

                from django.core.wsgi import get_wsgi_application

                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                application = get_wsgi_application()
                """,
        },
        [("mysite/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 0),
    ),
    # rounds 121-123 (fail on b1060e9)
    # printing to a log file kept by hand is logging without levels; printing data to a file is not
    "print_to_a_log_file": (
        {
            "backup.py": """\
                import subprocess
                import sys


                def main():
                    with open("/var/log/backup.log", "a") as log, open("/backup/list.txt", "w") as listing:
                        print("===== rsync", file=log)
                        print("/data", file=listing)
                        subprocess.run(["rsync", "-a", "/data", "/backup"], check=True)


                if __name__ == "__main__":
                    sys.exit(main())
                """,
        },
        [("backup.py", "job", "python")],
        ("bare-print", 1),
    ),
    # yfinance's live feed: `await ws.listen(handler)` calls back until the connection closes
    "yfinance_websocket_listen": (
        {
            "main.py": """\
                import asyncio
                import os

                import yfinance as yf


                def handle(message):
                    print(message["id"], message["price"])


                async def main():
                    ws = yf.AsyncWebSocket()
                    await ws.subscribe(os.environ["SYMBOLS"].split(","))
                    await ws.listen(handle)


                asyncio.run(main())
                """,
        },
        [("main.py", "worker", "yfinance")],
        None,
    ),
    # `app = make_celery()` run by `app.worker_main()` in the same file: the worker, no job
    "celery_factory_run_by_worker_main": (
        {
            "worker.py": """\
                import os

                from celery import Celery


                def make_celery():
                    return Celery("worker", broker=os.environ["BROKER_URL"])


                app = make_celery()

                if __name__ == "__main__":
                    app.worker_main()
                """,
        },
        [("worker.py", "worker", "celery")],
        None,
    ),
    # a Django command that probes the database for a container's health check is no job
    "healthcheck_command": (
        {
            "proj/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nROOT_URLCONF = "proj.urls"\n',
            "proj/urls.py": "urlpatterns = []\n",
            "proj/wsgi.py": """\
                import os

                from django.core.wsgi import get_wsgi_application

                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
                application = get_wsgi_application()
                """,
            "quote/management/commands/healthcheck.py": """\
                import sys

                from django.core.management.base import BaseCommand
                from django.db import connection


                class Command(BaseCommand):
                    def handle(self, *args, **options):
                        try:
                            connection.ensure_connection()
                        except Exception:
                            sys.exit(1)
                """,
        },
        [("proj/wsgi.py", "api", "django")],
        None,
    ),
    # the module that builds the app with a factory, configures logging and serves it
    "factory_app_runner_configures_logging": (
        {
            "src/__init__.py": "",
            "src/api/__init__.py": "",
            "src/api/create_app.py": """\
                from aiohttp import web


                async def health(request):
                    return web.Response(text="ok")


                def start_app():
                    app = web.Application()
                    app.router.add_get("/health", health)
                    return app
                """,
            "src/main.py": """\
                import logging

                from aiohttp import web

                from src.api.create_app import start_app

                logging.basicConfig(level=logging.INFO)
                app = start_app()

                if __name__ == "__main__":
                    web.run_app(app)
                """,
        },
        [("src/api/create_app.py", "api", "aiohttp")],
        ("missing-logging", "pass"),
    ),
    # left from round 105: aiogram 2's `start_webhook` serves Telegram's updates over HTTP, an api
    "aiogram_start_webhook": (
        {
            "misc.py": """\
                import os

                from aiogram import Bot, Dispatcher

                bot = Bot(token=os.environ["TOKEN"])
                dp = Dispatcher(bot)
                """,
            "main.py": """\
                from aiogram.utils.executor import start_webhook

                from misc import bot, dp


                async def on_startup(dp):
                    await bot.set_webhook("https://bot.example.com/webhook/")


                if __name__ == "__main__":
                    start_webhook(dispatcher=dp, webhook_path="/webhook/", on_startup=on_startup, host="0.0.0.0", port=80)
                """,
        },
        [("main.py", "api", "aiogram-webhook")],
        None,
    ),
    # round 124: a logger given its handlers by assignment is configured
    "handlers_assigned_to_a_logger": (
        {
            "utils.py": """\
                import logging


                def get_logger():
                    logger = logging.getLogger("bot")
                    logger.setLevel(logging.INFO)
                    logger.handlers = [logging.StreamHandler()]
                    return logger
                """,
            "main.py": """\
                import time

                import requests

                from utils import get_logger

                logger = get_logger()


                def main():
                    while True:
                        rows = requests.get("https://api.example.com/cars", timeout=10).json()
                        logger.info("found %d cars", len(rows))
                        time.sleep(600)


                if __name__ == "__main__":
                    main()
                """,
        },
        [("main.py", "worker", "polling-loop")],
        ("missing-logging", "pass"),
    ),
    # left from round 115: a Kafka delivery callback that only prints a failed delivery
    "kafka_delivery_callback_only_prints": (
        {"producer.py": _PRODUCER.format(on_error='print(f"Message delivery failed: {err}")')},
        [("producer.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # trap: one that raises lets the failure out of flush()
    "kafka_delivery_callback_raises": (
        {"producer.py": _PRODUCER.format(on_error='raise RuntimeError(f"delivery failed: {err}")')},
        [("producer.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # round 125: a function of another module that logs an error and exits with no status
    "exit_without_status_in_another_module": (
        {
            "update_excel.py": """\
                import logging
                import os


                def init(args):
                    if not os.path.exists(args.db):
                        logging.error("db not available")
                        exit()
                    with open(args.db) as f:
                        rows = f.read().splitlines()
                    with open("/mnt/share/prices.csv", "w") as out:
                        out.write("\\n".join(rows))
                """,
            "main.py": """\
                import sys
                import types

                import update_excel

                args = types.SimpleNamespace(db="db.sqlite")

                if __name__ == "__main__":
                    if sys.argv[1:] == ["update_excel"]:
                        update_excel.init(args)
                """,
        },
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
