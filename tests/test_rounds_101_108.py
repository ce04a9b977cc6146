"""Blind rounds 101-108 (session 17): what they found, as small trees.

Each case fails on ef712fc, the commit before its fix, except the traps (marked), which must
not move. A case gives the files, the entrypoints expected as ``(path, kind, framework)`` and,
where it matters, a rule's count or status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_FACTORY = """\
    from celery import Celery
    from flask import Flask


    def create_app():
        app = Flask(__name__)
        app.config["BROKER"] = "redis://localhost:6379/0"
        return app


    def make_celery(app):
        celery = Celery(app.import_name, broker=app.config["BROKER"])
        celery.conf.update(imports=("app.tasks",))
        return celery
    """

_ROUTES = """\
    from flask import jsonify

    from app import create_app

    app = create_app()


    @app.route("/upscale", methods=["POST"])
    def upscale():
        return jsonify({"queued": True})
    """

_TASKS = """\
    from celery import current_app


    @current_app.task
    def process(name):
        return name.upper()
    """

_SERVERLESS = """\
service: reminders
provider:
  name: aws
  runtime: python3.11
functions:
  remind:
    handler: handler.remind
    events:
{events}"""

_HANDLER = """\
    import json
    import logging

    logger = logging.getLogger()


    def remind(event, context):
        name = event.get("name", "instant")
        logger.info("reminder %s", name)
        return {"statusCode": 200, "body": json.dumps({"sent": name})}
    """

_SUBSCRIBER = """\
    import logging
    import os

    from google.cloud import pubsub_v1

    logging.basicConfig(level=logging.INFO)
    subscriber = pubsub_v1.SubscriberClient()
    path = os.environ["SUBSCRIPTION"]


    def callback(message):
        logging.info("got %s", message.data)
        message.ack()


    future = subscriber.subscribe(path, callback=callback)
    with subscriber:
        {wait}
    """

_CASES: dict[str, Case] = {
    # `app/` beside `app.py`: `import app` loads the package, whose factory builds the Celery app
    # that `celery.worker_main()` runs; the block runs that worker, it is no job of its own
    "package_shadows_module": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES,
            "app/tasks.py": _TASKS,
            "celery_worker.py": """\
                from app import create_app, make_celery

                flask_app = create_app()
                celery = make_celery(flask_app)

                if __name__ == "__main__":
                    celery.worker_main()
                """,
            "app.py": "print('placeholder module, shadowed by the package')\n",
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
    # `from app.routes import app; app.run()`: the app a module binds to the factory's result
    "runs_factory_result_of_other_module": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES,
            "app.py": """\
                import os

                from app.routes import app

                if __name__ == "__main__":
                    os.makedirs("uploads", exist_ok=True)
                    app.run(host="0.0.0.0", port=5000)
                """,
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
    # routes decorated on `app = create_app()` in another module are the factory's app's routes
    "routes_on_factory_result": (
        {"app/__init__.py": _FACTORY, "app/routes.py": _ROUTES},
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        ("missing-health-route", {"app/__init__.py": "fail"}),
    ),
    # trap: a health route on it passes
    "routes_on_factory_result_healthy": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES + '\n\n    @app.route("/healthz")\n    def healthz():\n        return "ok"\n',
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        ("missing-health-route", {"app/__init__.py": "pass"}),
    ),
    # a function.json function whose `__init__.py` imports its own helper module is not
    # imported by anything but itself: the Functions host runs it
    "azure_init_imports_own_module": (
        {
            "TimerTrigger/__init__.py": """\
                import logging

                import azure.functions as func

                from . import run


                def main(mytimer: func.TimerRequest) -> None:
                    logging.info("tick")
                    run.fetch()
                """,
            "TimerTrigger/run.py": "import urllib.request\n\n\ndef fetch():\n    return urllib.request.urlopen('https://example.org', timeout=10).read()\n",
            "TimerTrigger/function.json": '{"scriptFile": "__init__.py", "bindings": [{"name": "mytimer", "type": "timerTrigger", "direction": "in", "schedule": "0 */60 * * * *"}]}\n',
        },
        [("TimerTrigger/__init__.py", "job", "azure-functions")],
        None,
    ),
    # serverless.yml: one function called by HTTP and by schedules that pass it an input
    "serverless_http_and_schedule": (
        {
            "handler.py": _HANDLER,
            "serverless.yml": _SERVERLESS.format(
                events="      - schedule:\n          rate: rate(1 day)\n          input: {'name': 'daily'}\n"
                "      - http:\n          method: ANY\n          path: /instant\n"
            ),
        },
        [("handler.py", "api", "aws-lambda"), ("handler.py", "job", "aws-lambda")],
        None,
    ),
    # trap: a schedule with no input beside the HTTP event keeps the function warm
    "serverless_http_and_warm_up": (
        {
            "handler.py": _HANDLER,
            "serverless.yml": _SERVERLESS.format(
                events="      - http:\n          method: GET\n          path: /remind\n"
                "      - schedule: rate(5 minutes)\n"
            ),
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # SAM: an Api event and an SQS event on one function
    "sam_api_and_queue": (
        {
            "src/handler.py": _HANDLER,
            "template.yaml": """\
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  RemindFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: handler.remind
                      Runtime: python3.11
                      Events:
                        Instant:
                          Type: Api
                          Properties:
                            Path: /instant
                            Method: post
                        Queue:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt RemindQueue.Arn
                """,
        },
        [("src/handler.py", "api", "aws-lambda"), ("src/handler.py", "job", "aws-lambda")],
        None,
    ),
    # a Pub/Sub pull waited on with a timeout: pulls for a while, then the script ends
    "pubsub_pull_with_timeout": (
        {
            "subscriber.py": _SUBSCRIBER.format(
                wait="try:\n            future.result(timeout=30.0)\n        except TimeoutError:\n"
                "            future.cancel()\n            future.result()"
            )
        },
        [("subscriber.py", "job", "pubsub")],
        None,
    ),
    # trap: waited on for ever, it is a worker
    "pubsub_pull_forever": (
        {"subscriber.py": _SUBSCRIBER.format(wait="future.result()")},
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    # trap: a keep-alive loop after a bounded wait keeps pulling
    "pubsub_pull_then_sleep_loop": (
        {
            "subscriber.py": _SUBSCRIBER.format(
                wait="try:\n            future.result(timeout=30.0)\n        except TimeoutError:\n"
                "            pass\n    while True:\n        time.sleep(60)"
            ).replace("import os", "import os\n    import time")
        },
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    # trap: a timeout of None waits for ever too
    "pubsub_pull_timeout_none": (
        {"subscriber.py": _SUBSCRIBER.format(wait="future.result(timeout=None)")},
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    # a script removes the dated directory it made itself, once the archive is uploaded
    "script_removes_its_own_directory": (
        {
            "backup.py": """\
                import datetime
                import os

                import boto3

                stamp = datetime.datetime.now().strftime("%Y-%m-%d")
                backup_dir = f"{stamp}_backup"
                os.makedirs(backup_dir)
                os.system(f"mongodump --out {backup_dir}")
                os.system(f"tar -czf {backup_dir}.tar.gz {backup_dir}")
                boto3.client("s3").upload_file(f"{backup_dir}.tar.gz", os.environ["BUCKET"], f"{backup_dir}.tar.gz")
                os.system(f"rm -r {backup_dir}")
                """
        },
        [("backup.py", "job", "script")],
        ("missing-dry-run", {"backup.py": "na"}),
    ),
    # trap: one it did not make is somebody's data
    "script_removes_a_directory_it_did_not_make": (
        {
            "prune.py": """\
                import os

                old_dir = os.environ.get("OLD_BACKUPS", "/srv/backups/old")
                os.system(f"rm -r {old_dir}")
                """
        },
        [("prune.py", "job", "script")],
        ("missing-dry-run", {"prune.py": "fail"}),
    ),
    # the usage check's `sys.exit(1)` says nothing of the work: a failure only printed exits 0
    "usage_exit_before_the_work": (
        {
            "send.py": """\
                import os
                import sys

                import requests


                def send(path):
                    try:
                        with open(path, "rb") as f:
                            requests.post(os.environ["UPLOAD_URL"], files={"file": f}, timeout=30)
                    except Exception as e:
                        print(f"Error while sending: {e}")


                if __name__ == "__main__":
                    if len(sys.argv) != 2:
                        print("usage: send.py /path/to/dump.sql")
                        sys.exit(1)
                    send(sys.argv[1])
                """
        },
        [("send.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: an exit with the work's status still counts
    "usage_exit_then_exit_with_status": (
        {
            "send.py": """\
                import os
                import sys

                import requests


                def send(path):
                    try:
                        with open(path, "rb") as f:
                            requests.post(os.environ["UPLOAD_URL"], files={"file": f}, timeout=30).raise_for_status()
                    except Exception as e:
                        print(f"Error while sending: {e}")
                        return 1
                    return 0


                if __name__ == "__main__":
                    if len(sys.argv) != 2:
                        print("usage: send.py /path/to/dump.sql")
                        sys.exit(1)
                    sys.exit(send(sys.argv[1]))
                """
        },
        [("send.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `class Database(object)`: its methods count where they are called, like a class with no bases
    "object_base_methods_count_where_called": (
        {
            "database.py": """\
                import sqlite3


                class Database(object):
                    def __init__(self):
                        self.conn = sqlite3.connect("prices.db")

                    def insert_price(self, product_id, price):
                        self.conn.execute("INSERT INTO prices (product_id, price) VALUES (?, ?)", (product_id, price))
                        self.conn.commit()

                    def insert_product(self, name):
                        self.conn.execute("INSERT INTO products (name) VALUES (?)", (name,))
                        self.conn.commit()

                    def delete_product(self, product_id):
                        self.conn.execute("DELETE FROM products WHERE id = ?", (product_id,))
                        self.conn.commit()
                """,
            "main.py": """\
                from database import Database

                database = Database()
                for product_id in (1, 2, 3):
                    Database.insert_price(database, product_id, 9.99)
                """,
        },
        [("main.py", "job", "script")],
        ("missing-dry-run", {"main.py": "na"}),
    ),
    # a client library's `consume(queue, callback)` as the module's last statement consumes for ever
    "module_level_consume_with_callback": (
        {
            "worker.py": """\
                import json
                import logging

                from amqp_connection import Connection

                logging.basicConfig(level=logging.INFO)
                conn = Connection()


                def callback(ch, method, properties, body):
                    logging.info("job %s", json.loads(body))


                conn.connect(["job_ftp"])
                conn.consume("job_ftp", callback)
                """
        },
        [("worker.py", "worker", "queue")],
        None,
    ),
    # `async for event in client.subscribe_...(...)` behind a restart loop: a subscription worker
    "async_subscription_worker": (
        {
            "sync.py": """\
                import asyncio
                import logging

                from mythic import mythic

                log = logging.getLogger("sync")


                class Sync:
                    async def handle(self):
                        async for data in mythic.subscribe_new_callbacks(mythic=self.instance, batch_size=1):
                            log.info("callback %s", data)


                async def scripting():
                    sync = Sync()
                    while True:
                        try:
                            await asyncio.gather(sync.handle())
                        except Exception:
                            log.exception("subscription failed, restarting")


                asyncio.run(scripting())
                """
        },
        [("sync.py", "worker", "subscription")],
        None,
    ),
    # deleting Lambda versions is destructive
    "lambda_versions_deleted": (
        {
            "clear.py": """\
                import boto3

                client = boto3.client("lambda")
                for function in client.list_functions()["Functions"]:
                    for version in client.list_versions_by_function(FunctionName=function["FunctionName"])["Versions"]:
                        if version["Version"] != "$LATEST":
                            client.delete_function(FunctionName=version["FunctionArn"])
                """
        },
        [("clear.py", "job", "script")],
        ("missing-dry-run", {"clear.py": "fail"}),
    ),
    # a management command whose handle() consumes for ever is a worker
    "command_consumes": (
        {
            "app/__init__.py": "",
            "app/management/__init__.py": "",
            "app/management/commands/__init__.py": "",
            "app/management/commands/consume.py": """\
                from django.core.management.base import BaseCommand
                from kafka import KafkaConsumer


                class Command(BaseCommand):
                    def handle(self, *args, **options):
                        consumer = KafkaConsumer("events")
                        for message in consumer:
                            self.stdout.write(str(message.value))
                """,
        },
        [("app/management/commands/consume.py", "worker", "kafka")],
        None,
    ),
    # one that polls the project's bot (its module under the directory manage.py runs in) is the
    # bot's worker, and the bot's module is no second one
    "command_polls_project_bot": (
        {
            "tgbot/manage.py": """\
                import os
                import sys

                if __name__ == "__main__":
                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tgbot.settings")
                    from django.core.management import execute_from_command_line

                    execute_from_command_line(sys.argv)
                """,
            "tgbot/tg/__init__.py": "",
            "tgbot/tg/bot/__init__.py": "",
            "tgbot/tg/bot/bot.py": """\
                import time

                import telebot
                from django.conf import settings

                bot = telebot.TeleBot(settings.TOKEN)


                @bot.message_handler(commands=["start"])
                def start(message):
                    bot.send_message(message.chat.id, "hello")


                def start_bot():
                    while True:
                        try:
                            bot.polling(none_stop=True)
                        except telebot.apihelper.ApiException:
                            time.sleep(10)
                """,
            "tgbot/tg/management/__init__.py": "",
            "tgbot/tg/management/commands/__init__.py": "",
            "tgbot/tg/management/commands/startbot.py": """\
                from django.core.management.base import BaseCommand
                from tg.bot.bot import start_bot


                class Command(BaseCommand):
                    def handle(self, *args, **options):
                        start_bot()
                """,
        },
        [("tgbot/manage.py", "api", "django"), ("tgbot/tg/management/commands/startbot.py", "worker", "polling-loop")],
        None,
    ),
    # trap: a command that only sends through the bot stays a job, and the bot's own module keeps it
    "command_sends_through_bot": (
        {
            "bot/__init__.py": "",
            "bot/bot.py": """\
                import os

                import telebot

                bot = telebot.TeleBot(os.environ["TOKEN"])


                @bot.message_handler(commands=["start"])
                def start(message):
                    bot.send_message(message.chat.id, "hello")


                if __name__ == "__main__":
                    bot.infinity_polling()
                """,
            "bot/management/__init__.py": "",
            "bot/management/commands/__init__.py": "",
            "bot/management/commands/digest.py": """\
                from django.core.management.base import BaseCommand

                from bot.bot import bot


                class Command(BaseCommand):
                    def handle(self, *args, **options):
                        bot.send_message(options.get("chat", 1), "digest")
                """,
        },
        [("bot/bot.py", "worker", "telegram"), ("bot/management/commands/digest.py", "job", "django-command")],
        None,
    ),
    # django-crontab: each function CRONJOBS names is a job; its download, mailed and removed, is its own
    "django_crontab_job": (
        {
            "site/settings.py": """\
                import os

                SECRET_KEY = os.environ["SECRET_KEY"]
                INSTALLED_APPS = ["django.contrib.auth", "django_crontab", "docs"]
                ROOT_URLCONF = "site.urls"
                CRONJOBS = (
                    ("*/5 * * * *", "docs.tasks.push_doc"),
                )
                """,
            "site/urls.py": "urlpatterns = []\n",
            "docs/__init__.py": "",
            "docs/tasks.py": """\
                import os

                import dropbox

                from docs.mail import send


                def push_doc():
                    dbx = dropbox.Dropbox(os.environ["DROPBOX_TOKEN"])
                    for entry in dbx.files_list_folder("").entries:
                        path = os.environ["DOWNLOAD_DIR"] + entry.name
                        dbx.files_download_to_file(path, entry.path_lower)
                        send(path)
                        os.remove(path)
                """,
            "docs/mail.py": "def send(path):\n    return path\n",
        },
        [("docs/tasks.py", "job", "django-crontab"), ("site/settings.py", "api", "django")],
        ("missing-dry-run", {"docs/tasks.py": "na"}),
    ),
    # django-celery-beat's database scheduler set in settings: beat runs, with no schedule in code,
    # from the Celery app (placed there since session 18, as `celery -A proj beat` in a Procfile is)
    "beat_database_scheduler": (
        {
            "proj/settings.py": """\
                INSTALLED_APPS = ["django.contrib.auth", "django_celery_beat"]
                ROOT_URLCONF = "proj.urls"
                CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
                """,
            "proj/urls.py": "urlpatterns = []\n",
            "proj/celery.py": """\
                import os

                from celery import Celery

                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
                app = Celery("proj")
                app.config_from_object("django.conf:settings", namespace="CELERY")
                app.autodiscover_tasks()
                """,
        },
        [
            ("proj/celery.py", "job", "celery-beat"),
            ("proj/celery.py", "worker", "celery"),
            ("proj/settings.py", "api", "django"),
        ],
        None,
    ),
    # trap: with a schedule in the code too, the beat job is only where the schedule is
    "beat_database_scheduler_and_schedule": (
        {
            "proj/settings.py": """\
                INSTALLED_APPS = ["django.contrib.auth", "django_celery_beat"]
                ROOT_URLCONF = "proj.urls"
                CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
                """,
            "proj/urls.py": "urlpatterns = []\n",
            "proj/celery.py": """\
                from celery import Celery

                app = Celery("proj")
                app.conf.beat_schedule = {"ping": {"task": "proj.tasks.ping", "schedule": 60.0}}
                """,
        },
        [
            ("proj/celery.py", "job", "celery-beat"),
            ("proj/celery.py", "worker", "celery"),
            ("proj/settings.py", "api", "django"),
        ],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
