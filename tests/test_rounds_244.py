"""Session 26: what blind rounds 244 and on showed, as small trees.

Each case fails on 7e08bf0, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CONSUMER = """\
    import os

    import pika

    URL = os.getenv("RABBITMQ_URL", {fallback!r})


    def handle(channel, method, properties, body):
        channel.basic_ack(method.delivery_tag)


    if __name__ == "__main__":
        channel = pika.BlockingConnection(pika.URLParameters(URL)).channel()
        channel.basic_consume("jobs", handle)
        channel.start_consuming()
    """

_INFLUX_POLLER = """\
    import os
    import time

    from influxdb import InfluxDBClient

    client = InfluxDBClient("localhost", 8086, "admin", os.getenv({name!r}, "admin"), "power")
    while True:
        client.write_points([{{"measurement": "power", "fields": {{"watts": 1}}}}])
        time.sleep(60)
    """

_AWS_CLEANUP = """\
    import boto3

    ec2 = boto3.resource("ec2")


    def clean():
        for volume in {collection}:
            if volume.state == "available":
                {action}


    clean()
    """

_TEMPERATURE = {
    "save_current_temp.py": """\
        import os
        import sqlite3


        def get_temperature():
            return os.popen("vcgencmd measure_temp").read()


        def add_temperature_to_db(temp):
            conn = sqlite3.connect("temps.db")
            conn.execute("INSERT OR IGNORE INTO temps (t) VALUES (?)", (temp,))
            conn.commit()


        def main():
            add_temperature_to_db(get_temperature())


        if __name__ == "__main__":
            main()
        """,
    "motd.py": """\
        from save_current_temp import get_temperature


        def show():
            return get_temperature()


        if __name__ == "__main__":
            show()
        """,
}

_USERS_DB = """\
    import sqlite3

    base = sqlite3.connect("bot.db")
    cur = base.cursor()


    def user_exists(user_id):
        return bool(cur.execute("SELECT 1 FROM users WHERE user_id = ?", (user_id,)).fetchone())


    def add_user(user_id, name):
        cur.execute("INSERT INTO users (user_id, name) VALUES (?, ?)", (user_id, name))
        base.commit()
    """

_USERS_BOT = """\
    import telebot

    import db

    bot = telebot.TeleBot("")


    @bot.message_handler(commands=["start"])
    def start(message):
        {body}


    bot.infinity_polling()
    """

_CSV_UPSERT = """\
    import csv
    import sys

    import pymysql


    def load(path):
        connection = pymysql.connect(host="db", user="loader", database="shop")
        cursor = connection.cursor()
        insert_query = "INSERT INTO prices (day, price) VALUES (%s, %s)"
        for row in csv.reader(open(path)):
            try:
                cursor.execute(insert_query, row)
            except {caught}:
                cursor.execute("UPDATE prices SET price = %s WHERE day = %s", row[::-1])
        connection.commit()


    if __name__ == "__main__":
        load(sys.argv[1])
    """

_MAIL_HELPER = {
    "mail.py": """\
        import smtplib


        def send_mail(subject, body):
            smtp = smtplib.SMTP("mail.example.com")
            smtp.sendmail("job@example.com", ["ops@example.com"], f"Subject: {subject}\\n\\n{body}")
            smtp.quit()


        if __name__ == "__main__":
            send_mail("test", "test content")
        """,
    "scrape.py": """\
        import sys

        import requests

        from mail import send_mail


        def main():
            try:
                requests.get("https://example.com/weather", timeout=10).raise_for_status()
            except Exception:
                send_mail("scrape failed", "see logs")
                raise


        if __name__ == "__main__":
            main()
        """,
}

_FLASK_DEV_MODE = """\
    import os

    from flask import Flask

    app = Flask(__name__)
    {switch}


    @app.route("/health")
    def health():
        return "ok"
    """

_HOTQUEUE = {
    "jobs.py": """\
        from hotqueue import HotQueue

        q = HotQueue("queue", host="redis", port=6379, db=1)


        def update_job_status(jid, status):
            return jid, status
        """,
    "worker.py": """\
        import time

        from jobs import q, update_job_status


        @q.worker
        def execute_job(jid):
            update_job_status(jid, "in progress")
            time.sleep(15)
            update_job_status(jid, "complete")


        execute_job()
        """,
}

_ENTITIES = {
    "deewee.py": """\
        import psycopg2


        class DeeweeClient:
            TABLE_NAME = "entities"
            UPSERT_SQL = "INSERT INTO entities (id, content) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content"
            TRUNCATE_SQL = "TRUNCATE TABLE entities;"

            def __init__(self, dsn):
                self.conn = psycopg2.connect(dsn)

            def upsert(self, rows):
                self.conn.cursor().executemany(self.UPSERT_SQL, rows)

            def truncate_table(self):
                self.conn.cursor().execute(self.TRUNCATE_SQL)
        """,
    "app.py": """\
        import os

        from deewee import DeeweeClient


        def main():
            client = DeeweeClient(os.environ["DSN"])
            {calls}


        if __name__ == "__main__":
            main()
        """,
}

_SEED = """\
    from flask import Flask

    app = Flask(__name__)

    {data}


    @app.route("/health")
    def health():
        return "ok"
    """

_DUMP = """\
    import subprocess

    if __name__ == "__main__":
        subprocess.run(["mysqldump", "--user=root", {password!r}, "shop"], check=True)
    """

_DB_MANAGER = {
    "dbsavior/__init__.py": "",
    "dbsavior/db/__init__.py": "",
    "dbsavior/db/DbManagerInterface.py": """\
        from abc import ABC, abstractmethod


        class DbManagerInterface(ABC):
            @abstractmethod
            def backup_db(self, name):
                pass
        """,
    "dbsavior/db/manager.py": """\
        import subprocess

        import psycopg2

        from dbsavior.db.DbManagerInterface import DbManagerInterface


        class PostgresDbManager({base}):
            def backup_db(self, name):
                subprocess.run(["pg_dump", name], check=True)

            @staticmethod
            def rename_db(old, new, force=False):
                cur = psycopg2.connect("").cursor()
                if force:
                    cur.execute("DROP DATABASE IF EXISTS {{}}".format(new))
                cur.execute("ALTER DATABASE {{}} RENAME TO {{}}".format(old, new))
        """,
    "dbsavior/main.py": """\
        from dbsavior.db.manager import PostgresDbManager


        def main():
            PostgresDbManager().backup_db("shop")


        if __name__ == "__main__":
            main()
        """,
}

_DNS_COMMAND = {
    "pyproject.toml": '[project]\nname = "cfddns"\n\n[project.scripts]\ncfddns = "cfddns.cli:main"\n',
    "cfddns/__init__.py": "",
    "cfddns/cli.py": """\
        import time

        import requests


        def main():
            while True:
                requests.put("https://api.example.com/dns", json={"ip": "1.2.3.4"}, timeout=10)
                time.sleep(300)
        """,
    "cfddns/__main__.py": """\
        import sys

        if __name__ == "__main__":
            from .cli import main

            try:
                main()
            except KeyboardInterrupt:
                sys.exit(0)
        """,
}

_NEWS_TO_MONGO = """\
    import requests
    from pymongo import MongoClient

    client = MongoClient("mongodb://db:27017/")
    collection = client["newsdb"]["news"]
    news = requests.get("https://newsapi.example.com/v2/everything", timeout=10).json()["articles"]
    result = collection.{write}(news)
    """

_DASHBOARD = """\
    from http.server import HTTPServer, SimpleHTTPRequestHandler


    class DashboardHandler(SimpleHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/" or self.path == "":
                self.path = "/index.html"
            elif self.path in ({paths}):
                self.send_response(200)
                self.end_headers()
                return
            return super().do_GET()


    def main():
        with HTTPServer(("0.0.0.0", 8081), DashboardHandler) as httpd:
            httpd.{serve}()


    if __name__ == "__main__":
        main()
    """

_PURGE = """\
    import datetime

    from database import db_init
    from model import EmailModel

    db = db_init("postgresql://db/app")
    td = datetime.datetime.utcnow() - datetime.timedelta(days=180)
    db.session.query(EmailModel).filter(EmailModel.sent < td).delete()
    db.session.commit()
    """

_SUBSCRIPTIONS = """\
    import sqlite3
    import time

    conn = sqlite3.connect("bot.db")
    cursor = conn.cursor()


    def subscribe(chat, name):
        try:
            cursor.execute("SELECT * FROM subs WHERE tgid = ? AND igname = ?", (chat, name))
            cursor.fetchone()[0]
        except {caught}:
            cursor.execute("INSERT INTO subs VALUES (?, ?)", (chat, name))
        conn.commit()


    def remember(name, post):
        {remember}
        conn.commit()


    while True:
        subscribe(1, "news")
        remember("news", "p1")
        time.sleep(60)
    """

_SCHEDULED_POST = """\
    import time

    import requests
    import schedule


    def post():
        try:
            requests.post("https://api.example.com/standup", timeout=10).raise_for_status()
        {handler}


    schedule.every().monday.at("09:30").do(post)

    while True:
        schedule.run_pending()
        time.sleep(1)
    """

_APSCHEDULED_POST = """\
    import requests
    from apscheduler.schedulers.blocking import BlockingScheduler


    def post():
        try:
            requests.post("https://api.example.com/standup", timeout=10).raise_for_status()
        except requests.RequestException as error:
            print(f"Got an error: {error}")


    scheduler = BlockingScheduler()
    scheduler.add_job(post, "cron", hour=9)
    scheduler.start()
    """

_CASES: dict[str, Case] = {
    # round 239: a broker URL with RabbitMQ's out-of-the-box password as an environment fallback
    "fallback_default_password_url": (
        {"consumer.py": _CONSUMER.format(fallback="amqp://guest:guest@localhost:5672/")},
        [("consumer.py", "worker", "rabbitmq")],
        ("hardcoded-secret-fallback", 1),
    ),
    # (trap) a fallback URL with no password in it
    "fallback_url_without_password": (
        {"consumer.py": _CONSUMER.format(fallback="amqp://localhost:5672/")},
        [("consumer.py", "worker", "rabbitmq")],
        ("hardcoded-secret-fallback", 0),
    ),
    # round 242: a password variable whose name runs the word on (`INFLUXPASS`)
    "fallback_run_on_pass_name": (
        {"poller.py": _INFLUX_POLLER.format(name="INFLUXPASS")},
        [("poller.py", "worker", "polling-loop")],
        ("hardcoded-secret-fallback", 1),
    ),
    # (trap) `COMPASS`, `BYPASS` are no passwords
    "fallback_compass_is_no_password": (
        {"poller.py": _INFLUX_POLLER.format(name="COMPASS")},
        [("poller.py", "worker", "polling-loop")],
        ("hardcoded-secret-fallback", 0),
    ),
    # round 247: boto3 resources deleted item by item from a collection
    "boto3_resource_delete": (
        {"clean.py": _AWS_CLEANUP.format(collection="ec2.volumes.all()", action="volume.delete()")},
        [("clean.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    "boto3_release_address": (
        {
            "clean.py": _AWS_CLEANUP.format(
                collection='boto3.client("ec2").describe_addresses()["Addresses"]',
                action='boto3.client("ec2").release_address(AllocationId=volume["AllocationId"])',
            ).replace('volume.state == "available"', '"AssociationId" not in volume')
        },
        [("clean.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # (traps) a collection only read, and items of a plain list with a `delete()` of their own
    "boto3_collection_only_read": (
        {"clean.py": _AWS_CLEANUP.format(collection="ec2.volumes.all()", action="print(volume.id)")},
        [("clean.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    "plain_list_items_deleted": (
        {"clean.py": _AWS_CLEANUP.format(collection="[ec2]", action="volume.delete()")},
        [("clean.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # round 244: a cron script whose helper a sibling script borrows
    "sibling_script_main": (
        _TEMPERATURE,
        [("save_current_temp.py", "job", "python"), ("motd.py", "job", "python")],
        None,
    ),
    # round 246: an insert its callers run only when a lookup found the user absent
    "insert_after_callers_check": (
        {
            "db.py": _USERS_DB,
            "bot.py": _USERS_BOT.format(
                body="if not db.user_exists(message.chat.id):\n            db.add_user(message.chat.id, message.chat.username)"
            ),
        },
        [("bot.py", "worker", "telegram")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) one caller inserts without looking first
    "insert_one_caller_unchecked": (
        {
            "db.py": _USERS_DB,
            "bot.py": _USERS_BOT.format(
                body="if not db.user_exists(message.chat.id):\n            db.add_user(message.chat.id, message.chat.username)\n        db.add_user(0, 'admin')"
            ),
        },
        [("bot.py", "worker", "telegram")],
        ("non-idempotent-insert", 1),
    ),
    # round 244: a duplicate key caught and updated, the hand-written upsert
    "insert_duplicate_key_caught": (
        {"load.py": _CSV_UPSERT.format(caught="pymysql.IntegrityError")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) another error caught: no upsert
    "insert_other_error_caught": (
        {"load.py": _CSV_UPSERT.format(caught="pymysql.OperationalError")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # (trap, round 256) PostgreSQL's duplicate key caught: the transaction is aborted all the same
    "insert_postgres_duplicate_caught": (
        {
            "load.py": _CSV_UPSERT.format(caught="psycopg2.errors.UniqueViolation").replace(
                "import pymysql", "import psycopg2\n    import pymysql"
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # round 244: a mail helper's `__main__` block sends a test message: no job
    "mail_helper_test_block": (_MAIL_HELPER, [("scrape.py", "job", "python")], None),
    # round 253: debug switched on only when a development variable is set
    "debug_under_dev_condition": (
        {
            "app.py": _FLASK_DEV_MODE.format(
                switch='if os.environ.get("DEV_MODE"):\n        app.config.update(TESTING=True, DEBUG=True)'
            )
        },
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # (trap) switched on for good
    "debug_switched_on": (
        {"app.py": _FLASK_DEV_MODE.format(switch="app.config.update(TESTING=True, DEBUG=True)")},
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # round 253: HotQueue's `@queue.worker` function, called: it consumes for ever
    "hotqueue_worker": (_HOTQUEUE, [("worker.py", "worker", "hotqueue")], ("missing-graceful-shutdown", "fail")),
    # round 244: a class's TRUNCATE constant used only by a method the job never calls
    "class_constant_truncate_unused": (
        {**_ENTITIES, "app.py": _ENTITIES["app.py"].format(calls="client.upsert([])")},
        [("app.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # (trap) the job calls it
    "class_constant_truncate_called": (
        {**_ENTITIES, "app.py": _ENTITIES["app.py"].format(calls="client.truncate_table()")},
        [("app.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # round 252: accounts seeded for a demo
    "seeded_user_records": (
        {
            "app.py": _SEED.format(
                data='USERS = [\n        {"email": "joe@gmail.com", "name": "joe", "password": "testing1"},\n'
                '        {"email": "jane@gmail.com", "name": "jane", "password": "testing3"},\n    ]'
            )
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # (trap) one service account's login
    "service_login_record": (
        {"app.py": _SEED.format(data='LOGIN = {"username": "svc-report", "password": "Xk82!mQpz7Lw"}')},
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # round 258: a user's session given the name of a state under a token's name
    "token_state_names": (
        {
            "app.py": _SEED.format(
                data='session = {}\n    session["aToken"], session["rToken"] = ("tokenNotUsedAnymore", "couldNotExpireTheToken")'
            )
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # (traps) a token kept elsewhere, generated or chosen by a person
    "token_generated": (
        {"app.py": _SEED.format(data='STATE = {}\n    STATE["aToken"] = "tQ7rXk2LmZp9vW4s"')},
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    "token_phrase": (
        {"app.py": _SEED.format(data='GITLAB_WEBHOOK_TOKEN = "DeployTheShopPlease"')},
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # round 259: a script writing documents to MongoDB at import, its result kept
    "mongo_script": (
        {"news.py": _NEWS_TO_MONGO.format(write="insert_many")},
        [("news.py", "job", "script")],
        None,
    ),
    # (trap) only a read
    "mongo_script_reads": ({"news.py": _NEWS_TO_MONGO.format(write="find")}, [], None),
    # round 259: a standard-library server kept serving in a `with` block, and the paths its handler answers
    "stdlib_server_in_with_block": (
        {
            "dashboard/server.py": _DASHBOARD.format(
                paths='"/analysis.json", "/results/analysis.json"', serve="serve_forever"
            )
        },
        [("dashboard/server.py", "api", "http.server")],
        ("missing-health-route", "fail"),
    ),
    "stdlib_handler_health_path": (
        {"dashboard/server.py": _DASHBOARD.format(paths='"/health", "/analysis.json"', serve="serve_forever")},
        [("dashboard/server.py", "api", "http.server")],
        ("missing-health-route", "pass"),
    ),
    # (trap) one request answered, a callback server: no api
    "stdlib_server_one_request": (
        {"dashboard/server.py": _DASHBOARD.format(paths='"/health"', serve="handle_request")},
        [("dashboard/server.py", "job", "python")],
        None,
    ),
    # round 262: a purge script deleting through a chained ORM query at import
    "chained_orm_delete_script": (
        {
            "purge.py": _PURGE,
            "database.py": "def db_init(url):\n    return url\n",
            "model.py": "class EmailModel:\n    sent = 0\n",
        },
        [("purge.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # round 260: a row looked up in a `try:`, inserted by the handler when it is missing; a row
    # deleted and inserted again
    "insert_after_missing_row_and_replaced": (
        {
            "bot.py": _SUBSCRIPTIONS.format(
                caught="TypeError",
                remember='cursor.execute("DELETE FROM posts WHERE igname = ?", (name,))\n        '
                'cursor.execute("INSERT INTO posts VALUES (?, ?)", (name, post))',
            )
        },
        [("bot.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) another error caught, another table deleted from
    "insert_after_other_error_or_table": (
        {
            "bot.py": _SUBSCRIPTIONS.format(
                caught="sqlite3.OperationalError",
                remember='cursor.execute("DELETE FROM stories WHERE igname = ?", (name,))\n        '
                'cursor.execute("INSERT INTO posts VALUES (?, ?)", (name, post))',
            )
        },
        [("bot.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 2),
    ),
    # rounds 229-259: a `schedule` job that only reports its failure keeps the process going as if
    # all were well (`run_pending()` would let an exception out)
    "schedule_job_reports_failure": (
        {
            "script.py": _SCHEDULED_POST.format(
                handler="except requests.RequestException as error:\n            assert error is not None\n"
                '            print(f"Got an error: {error}")'
            )
        },
        [("script.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    # A review of an earlier session kept this job as a trap ("logs and waits for the next round"),
    # no gap; every `schedule` job the blind labellers of rounds 203-263 saw report and carry on (9 of
    # 9) they labelled a gap, so the verdict changed in session 26
    "schedule_job_logs_and_waits": (
        {
            "scheduler.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\n\n\ndef sync():\n    try:\n        r = requests.get("https://api.example.com/items", timeout=10)\n        r.raise_for_status()\n        store(r.json())\n    except requests.RequestException as e:\n        log.error("sync failed, retrying next round: %s", e)\n\n\ndef store(items):\n    pass\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    schedule.every(10).minutes.do(sync)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n'
        },
        [("scheduler.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    # (traps) the job lets the failure out; APScheduler's job (it logs a job's exception itself)
    "schedule_job_raises": (
        {"script.py": _SCHEDULED_POST.format(handler="except requests.RequestException:\n            raise")},
        [("script.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    "apscheduler_job_reports_failure": (
        {"clock.py": _APSCHEDULED_POST},
        [("clock.py", "job", "apscheduler")],
        ("missing-exit-code", "pass"),
    ),
    # round 257: aiohttp's low-level server, one handler answering every request
    "aiohttp_low_level_server": (
        {
            "http_server.py": """\
                from aiohttp import web


                async def handler(request):
                    if request.query_string == "ping":
                        return web.Response(text="pong")
                    return web.Response(status=404)


                async def serve():
                    server = web.Server(handler)
                    runner = web.ServerRunner(server)
                    await runner.setup()
                    await web.TCPSite(runner, port=5000).start()
                """,
            "app.py": """\
                import asyncio

                import http_server

                if __name__ == "__main__":
                    loop = asyncio.get_event_loop()
                    loop.create_task(http_server.serve())
                    loop.run_forever()
                """,
        },
        [("http_server.py", "api", "aiohttp"), ("app.py", "worker", "asyncio")],
        None,
    ),
    # round 265: a file removed from the job's own temporary directory, kept on `self`
    "unlink_in_own_temporary_directory": (
        {
            "archive.py": """\
                import pathlib
                import tempfile


                class Archiver:
                    def __init__(self):
                        self.tdir = pathlib.Path(tempfile.mkdtemp(prefix="archive_"))

                    def add(self, name):
                        object_path = self.tdir / "bucket" / name
                        object_path.unlink()


                if __name__ == "__main__":
                    Archiver().add("x")
                """
        },
        [("archive.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # (trap) one removed from a directory of the job's data
    "unlink_in_data_directory": (
        {
            "archive.py": """\
                import pathlib


                class Archiver:
                    def __init__(self):
                        self.tdir = pathlib.Path("/srv/archive")

                    def add(self, name):
                        object_path = self.tdir / "bucket" / name
                        object_path.unlink()


                if __name__ == "__main__":
                    Archiver().add("x")
                """
        },
        [("archive.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # rounds 232 and 251: base settings with debug on, which the production module imports and
    # switches off
    "base_settings_debug_switched_off": (
        {
            "shop/__init__.py": "",
            "shop/settings/__init__.py": "",
            "shop/settings/base.py": 'DEBUG = True\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "shop.urls"\n',
            "shop/settings/production.py": 'from .base import *\n\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\n',
            "shop/urls.py": "urlpatterns = []\n",
            "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\napplication = get_wsgi_application()\n',
        },
        [("shop/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 0),
    ),
    # (trap) the production module reads it from the environment instead: base's stands
    "base_settings_debug_left_on": (
        {
            "shop/__init__.py": "",
            "shop/settings/__init__.py": "",
            "shop/settings/base.py": 'DEBUG = True\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "shop.urls"\n',
            "shop/settings/production.py": 'import os\n\nfrom .base import *\n\nDEBUG = os.environ.get("DEBUG") == "1"\nALLOWED_HOSTS = ["shop.example.com"]\n',
            "shop/urls.py": "urlpatterns = []\n",
            "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\napplication = get_wsgi_application()\n',
        },
        [("shop/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 1),
    ),
    # round 250: a catch-all that builds its message, prints it and goes on to the next site
    "handler_builds_message_then_prints": (
        {
            "go.py": """\
                import requests

                SITES = ["https://a.example.com", "https://b.example.com"]

                for url in SITES:
                    try:
                        requests.get(url, timeout=10).raise_for_status()
                    except Exception as ex:
                        msg = 'Check failed for "{url}" with {exception}'
                        print(msg.format(url=url, exception=ex))
                        continue
                """
        },
        [("go.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) the failure kept in a name, and the exit status set from it after the loop
    "handler_records_status": (
        {
            "go.py": """\
                import sys

                import requests

                SITES = ["https://a.example.com", "https://b.example.com"]
                status = "ok"

                for url in SITES:
                    try:
                        requests.get(url, timeout=10).raise_for_status()
                    except Exception:
                        status = "failed"
                        continue

                if status == "failed":
                    sys.exit(1)
                """
        },
        [("go.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # round 254: a password on a dump's command line
    "password_on_command_line": (
        {"dump.py": _DUMP.format(password="--password=Sonne42")},
        [("dump.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # (trap) the shell's variable
    "password_variable_on_command_line": (
        {"dump.py": _DUMP.format(password="--password=$MYSQL_PWD")},
        [("dump.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # round 255: a deletion in a static method of a class built on an abstract base of its own
    # file, which the job never calls (round 255's base, imported from another module, is left:
    # it could be a framework's)
    "static_method_of_interface_class_not_called": (
        {
            **_DB_MANAGER,
            "dbsavior/db/manager.py": _DB_MANAGER["dbsavior/db/manager.py"]
            .format(base="DbManagerInterface")
            .replace(
                "from dbsavior.db.DbManagerInterface import DbManagerInterface",
                "from abc import ABC\n\n\n        class DbManagerInterface(ABC):\n            pass",
            ),
        },
        [("dbsavior/main.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # (trap) the same class built on a framework's base: its methods may be called by it
    "static_method_of_framework_class": (
        {
            **_DB_MANAGER,
            "dbsavior/db/manager.py": _DB_MANAGER["dbsavior/db/manager.py"]
            .format(base="luigi.Task")
            .replace("import psycopg2", "import luigi\n        import psycopg2"),
        },
        [("dbsavior/main.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # round 256: `python -m cfddns` runs the function the `cfddns` command runs: one worker
    "package_main_of_a_command": (_DNS_COMMAND, [("cfddns/cli.py", "worker", "polling-loop")], None),
}


# A review of 7e08bf0..e32c973 by a helper who had not written it: each case failed on e32c973.
_REVIEW_CASES: dict[str, Case] = {
    "exit_slack_notice_inline": (
        {
            "backup.py": 'import logging\nimport os\nimport subprocess\n\nfrom slack_sdk import WebClient\nfrom slack_sdk.errors import SlackApiError\n\nlog = logging.getLogger(__name__)\nslack = WebClient(token=os.environ["SLACK_BOT_TOKEN"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    subprocess.run(["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], check=True)\n    log.info("backup written")\n    try:\n        slack.chat_postMessage(channel="#ops", text="Nightly backup of shop finished")\n    except SlackApiError as exc:\n        log.warning("could not post the backup notice to Slack: %s", exc.response["error"])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_slack_notice_helper": (
        {
            "backup.py": 'import logging\nimport os\nimport subprocess\n\nfrom slack_sdk import WebClient\nfrom slack_sdk.errors import SlackApiError\n\nlog = logging.getLogger(__name__)\nslack = WebClient(token=os.environ["SLACK_BOT_TOKEN"])\n\n\ndef post_to_slack(text):\n    try:\n        slack.chat_postMessage(channel="#ops", text=text)\n    except SlackApiError as exc:\n        log.warning("could not post to Slack: %s", exc.response["error"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    subprocess.run(["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], check=True)\n    log.info("backup written")\n    post_to_slack("Nightly backup of shop finished")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "secret_device_inventory": (
        {
            "backup_configs.py": 'import datetime\n\nfrom netmiko import ConnectHandler\n\nDEVICES = [\n    {"device_type": "cisco_ios", "host": "10.20.0.1", "username": "netadmin", "password": "Rt!8vQz2#core"},\n    {"device_type": "cisco_ios", "host": "10.20.0.2", "username": "netadmin", "password": "Rt!8vQz2#core"},\n    {"device_type": "juniper_junos", "host": "10.20.0.3", "username": "netadmin", "password": "Jn$4kLp9@edge"},\n]\n\n\ndef main():\n    stamp = datetime.date.today().isoformat()\n    for device in DEVICES:\n        with ConnectHandler(**device) as conn:\n            config = conn.send_command("show running-config")\n        with open(f"/backups/{device[\'host\']}-{stamp}.cfg", "w") as f:\n            f.write(config)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("backup_configs.py", "job", "python")],
        ("hardcoded-secret", 3),
    ),
    "secret_db_list": (
        {
            "dump_all.py": 'import subprocess\n\nDATABASES = [\n    {"name": "orders", "host": "db1.internal", "user": "backup", "password": "Kq93mVx2pLw8"},\n    {"name": "billing", "host": "db2.internal", "user": "backup", "password": "Zr88pLw1qTx5"},\n]\n\n\ndef main():\n    for db in DATABASES:\n        subprocess.run(\n            ["pg_dump", "-h", db["host"], "-U", db["user"], "-f", f"/backups/{db[\'name\']}.sql", db["name"]],\n            env={"PGPASSWORD": db["password"]},\n            check=True,\n        )\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("dump_all.py", "job", "python")],
        ("hardcoded-secret", 2),
    ),
    "ep_worker_health_thread": (
        {
            "consumer.py": 'import logging\nimport os\nimport threading\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nimport pika\n\nlog = logging.getLogger(__name__)\n\n\nclass HealthHandler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        if self.path == "/healthz":\n            self.send_response(200)\n        else:\n            self.send_response(404)\n        self.end_headers()\n\n\ndef serve_health():\n    with HTTPServer(("0.0.0.0", 8080), HealthHandler) as httpd:\n        httpd.serve_forever()\n\n\ndef handle(channel, method, properties, body):\n    log.info("got %s", body)\n    channel.basic_ack(method.delivery_tag)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    threading.Thread(target=serve_health, daemon=True).start()\n    connection = pika.BlockingConnection(pika.URLParameters(os.environ["AMQP_URL"]))\n    channel = connection.channel()\n    channel.basic_consume("jobs", handle)\n    channel.start_consuming()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("consumer.py", "worker", "rabbitmq")],
        None,
    ),
    "ep_sibling_demo_main": (
        {
            "garden_watering.py": 'import logging\n\nimport RPi.GPIO as GPIO\n\nfrom weather import get_forecast\n\nlog = logging.getLogger(__name__)\nVALVE = 17\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    forecast = get_forecast(52.52, 13.41)\n    if max(forecast["hourly"]["precipitation"][:24]) < 1:\n        GPIO.setmode(GPIO.BCM)\n        GPIO.setup(VALVE, GPIO.OUT)\n        GPIO.output(VALVE, GPIO.HIGH)\n        log.info("watering")\n\n\nif __name__ == "__main__":\n    main()\n',
            "weather.py": 'import datetime\n\nimport requests\n\nAPI = "https://api.open-meteo.com/v1/forecast"\n\n\ndef get_forecast(lat, lon):\n    response = requests.get(API, params={"latitude": lat, "longitude": lon, "hourly": "temperature_2m"}, timeout=10)\n    response.raise_for_status()\n    return response.json()\n\n\ndef describe(forecast):\n    hours = forecast["hourly"]["time"]\n    temps = forecast["hourly"]["temperature_2m"]\n    first = datetime.datetime.fromisoformat(hours[0])\n    return f"{first:%a %H:%M}: {temps[0]} C, max {max(temps)} C"\n\n\ndef main():\n    # try it out: python weather.py\n    print(describe(get_forecast(52.52, 13.41)))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("garden_watering.py", "job", "python")],
        None,
    ),
    "ep_sibling_db_init": (
        {
            "db.py": 'import sqlite3\n\nDB_PATH = "items.db"\n\n\ndef connect():\n    return sqlite3.connect(DB_PATH)\n\n\ndef create_tables():\n    conn = connect()\n    conn.execute("CREATE TABLE IF NOT EXISTS items (url TEXT PRIMARY KEY, title TEXT)")\n    conn.commit()\n\n\ndef save_item(url, title):\n    conn = connect()\n    conn.execute("INSERT OR IGNORE INTO items (url, title) VALUES (?, ?)", (url, title))\n    conn.commit()\n\n\ndef main():\n    create_tables()\n    print("database ready")\n\n\nif __name__ == "__main__":\n    main()\n',
            "scraper.py": 'import requests\nfrom bs4 import BeautifulSoup\n\nfrom db import save_item\n\n\ndef main():\n    page = requests.get("https://news.example.com", timeout=10)\n    for link in BeautifulSoup(page.text, "html.parser").select("a.story"):\n        save_item(link["href"], link.text)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("scraper.py", "job", "python")],
        None,
    ),
    "exit_schedule_sentry": (
        {
            "scheduler.py": 'import logging\nimport time\n\nimport requests\nimport schedule\nimport sentry_sdk\n\nlog = logging.getLogger(__name__)\n\n\ndef sync():\n    try:\n        r = requests.get("https://api.example.com/items", timeout=10)\n        r.raise_for_status()\n        store(r.json())\n    except requests.RequestException as exc:\n        log.exception("sync failed")\n        sentry_sdk.capture_exception(exc)\n\n\ndef store(items):\n    with open("/var/lib/sync/items.json", "w") as f:\n        f.write(str(items))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sentry_sdk.init(dsn="https://abc@o1.ingest.sentry.io/1")\n    schedule.every(10).minutes.do(sync)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
        },
        [("scheduler.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    "secret_password_option_indirect": (
        {
            "dump.py": 'import datetime\nimport subprocess\n\nTARGET = f"/backups/shop-{datetime.date.today():%Y%m%d}.sql.gz"\n\nif __name__ == "__main__":\n    subprocess.run(\n        f"mysqldump --user=backup --password=`cat /run/secrets/mysql_backup` shop | gzip > {TARGET}",\n        shell=True,\n        check=True,\n    )\n',
        },
        [("dump.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "ep_http_preview": (
        {
            "build.py": 'import argparse\nimport functools\nimport http.server\nimport pathlib\n\nimport markdown\n\nSRC = pathlib.Path("content")\nOUT = pathlib.Path("public")\n\n\ndef build():\n    OUT.mkdir(exist_ok=True)\n    for page in SRC.glob("*.md"):\n        (OUT / f"{page.stem}.html").write_text(markdown.markdown(page.read_text()))\n\n\ndef serve(port):\n    """Preview the built site on http://localhost:PORT while writing."""\n    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(OUT))\n    with http.server.ThreadingHTTPServer(("localhost", port), handler) as httpd:\n        print(f"previewing on http://localhost:{port}")\n        httpd.serve_forever()\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("command", choices=["build", "serve"])\n    parser.add_argument("--port", type=int, default=8000)\n    args = parser.parse_args()\n    build()\n    if args.command == "serve":\n        serve(args.port)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [],
        None,
    ),
    "ins_delete_prune": (
        {
            "collect.py": 'import sqlite3\nimport time\nfrom datetime import datetime, timedelta\n\nimport requests\n\n\ndef record(conn, value):\n    cutoff = datetime.utcnow() - timedelta(days=30)\n    cur = conn.cursor()\n    cur.execute("DELETE FROM readings WHERE ts < ?", (cutoff.isoformat(),))\n    cur.execute("INSERT INTO readings (ts, value) VALUES (?, ?)", (datetime.utcnow().isoformat(), value))\n    conn.commit()\n\n\ndef main():\n    conn = sqlite3.connect("readings.db")\n    while True:\n        value = requests.get("http://sensor.local/value", timeout=5).json()["value"]\n        record(conn, value)\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("collect.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 1),
    ),
    "ins_constants_module": (
        {
            "queries.py": 'DELETE_EVENT = "DELETE FROM events WHERE id = %s"\nINSERT_EVENT = "INSERT INTO events (id, kind, payload) VALUES (%s, %s, %s)"\nSELECT_EVENTS = "SELECT id, kind FROM events"\n',
            "sync.py": 'import os\n\nimport psycopg2\nimport requests\n\nfrom queries import INSERT_EVENT\n\n\ndef main():\n    conn = psycopg2.connect(os.environ["DSN"])\n    cur = conn.cursor()\n    for event in requests.get("https://api.example.com/events", timeout=10).json():\n        cur.execute(INSERT_EVENT, (event["id"], event["kind"], event["payload"]))\n    conn.commit()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("sync.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "ins_integrity_reraise": (
        {
            "load.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef load(path):\n    conn = sqlite3.connect("orders.db")\n    cur = conn.cursor()\n    for row in csv.reader(open(path)):\n        try:\n            cur.execute("INSERT INTO orders (order_id, amount) VALUES (?, ?)", row)\n        except sqlite3.IntegrityError:\n            log.error("order %s already loaded: aborting", row[0])\n            raise\n    conn.commit()\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "ins_integrity_outer": (
        {
            "load.py": 'import csv\nimport sqlite3\nimport sys\n\n\ndef load(path):\n    conn = sqlite3.connect("orders.db")\n    try:\n        cur = conn.cursor()\n        for row in csv.reader(open(path)):\n            cur.execute("INSERT INTO orders (order_id, amount) VALUES (?, ?)", row)\n        conn.commit()\n    except (sqlite3.IntegrityError, sqlite3.OperationalError) as exc:\n        conn.rollback()\n        print(f"load failed: {exc}", file=sys.stderr)\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "ins_pg_sqla_pg": (
        {
            "load.py": 'import csv\nimport sys\n\nfrom sqlalchemy import create_engine, text\nfrom sqlalchemy.exc import IntegrityError\n\nengine = create_engine("postgresql+psycopg2://loader@db/shop")\n\n\ndef load(path):\n    with engine.begin() as conn:\n        for row in csv.reader(open(path)):\n            try:\n                conn.execute(text("INSERT INTO prices (day, price) VALUES (:d, :p)"), {"d": row[0], "p": row[1]})\n            except IntegrityError:\n                conn.execute(text("UPDATE prices SET price = :p WHERE day = :d"), {"d": row[0], "p": row[1]})\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "secret_token_phrase": (
        {
            "app.py": 'from flask import Flask, abort, request\n\napp = Flask(__name__)\n\nAUTH_TOKEN = "ThisIsMyVerySecretToken"\nGITLAB_WEBHOOK_TOKEN = "DeployTheShopPlease"\nheaders = {"X-Api-Token": "OpenSesameForReports"}\n\n\n@app.post("/hook")\ndef hook():\n    if request.headers.get("X-Gitlab-Token") != GITLAB_WEBHOOK_TOKEN:\n        abort(403)\n    return "ok"\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 3),
    ),
    "dry_interface_framework_base": (
        {
            "pipeline/TaskInterface.py": 'import luigi\n\n\nclass TaskInterface(luigi.Task):\n    date = luigi.DateParameter()\n\n    def output(self):\n        return luigi.LocalTarget(f"/data/out/{self.__class__.__name__}-{self.date}.done")\n',
            "pipeline/__init__.py": "",
            "pipeline/main.py": 'import datetime\n\nimport luigi\n\nfrom pipeline.tasks.purge import PurgeRawData\n\nif __name__ == "__main__":\n    luigi.build([PurgeRawData(date=datetime.date.today())], local_scheduler=True)\n',
            "pipeline/tasks/__init__.py": "",
            "pipeline/tasks/purge.py": 'import shutil\n\nfrom pipeline.TaskInterface import TaskInterface\n\n\nclass PurgeRawData(TaskInterface):\n    def run(self):\n        shutil.rmtree(f"/data/raw/{self.date}")\n        with self.output().open("w") as f:\n            f.write("ok")\n',
        },
        [("pipeline/main.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "ep_notifier_cron": (
        {
            "alerts.py": 'import logging\nimport smtplib\nimport sqlite3\n\nlog = logging.getLogger(__name__)\n\n\ndef due_subscriptions():\n    conn = sqlite3.connect("shop.db")\n    return conn.execute("SELECT email, product FROM watches WHERE price <= target").fetchall()\n\n\ndef send_alerts():\n    smtp = smtplib.SMTP("mail.example.com")\n    for email, product in due_subscriptions():\n        smtp.sendmail("alerts@example.com", [email], f"Subject: {product} is on sale\\n\\nGo get it.")\n        log.info("alerted %s about %s", email, product)\n    smtp.quit()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    send_alerts()\n',
            "app.py": 'from flask import Flask\n\nfrom alerts import send_alerts\n\napp = Flask(__name__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.post("/admin/send-alerts")\ndef send_now():\n    send_alerts()\n    return "sent"\n',
        },
        [("alerts.py", "job", "python"), ("app.py", "api", "flask")],
        None,
    ),
    "secret_commented_out_block": (
        {
            "report.py": 'import os\n\nimport psycopg2\n\n"""\nold connection, before the move to the managed database:\nconn = psycopg2.connect("postgresql://reporting:Vb7kQ2m9Lx4@10.12.0.40:5432/warehouse")\n"""\n\n\ndef main():\n    conn = psycopg2.connect(os.environ["WAREHOUSE_DSN"])\n    with conn.cursor() as cur:\n        cur.execute("SELECT count(*) FROM orders")\n        print(cur.fetchone()[0])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("report.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    "parse_tabs_class": (
        {
            "poller.py": 'import time\n\nimport requests\n\n\nclass Poller:\n\tdef poll(self, urls):\n\t    for url in urls:\n\t\t    print(requests.get(url).status_code)\n\t    time.sleep(60)\n\n\tdef run(self):\n\t\twhile True:\n\t\t\tself.poll(["https://example.com"])\n\n\nif __name__ == "__main__":\n\tPoller().run()\n',
        },
        [("poller.py", "worker", "kafka")],
        None,
    ),
    "ins_delete_reload_loop": (
        {
            "load.py": 'import csv\nimport sqlite3\nimport sys\n\n\ndef load(day, path):\n    conn = sqlite3.connect("prices.db")\n    cur = conn.cursor()\n    cur.execute("DELETE FROM prices WHERE day = ?", (day,))\n    for row in csv.reader(open(path)):\n        cur.execute("INSERT INTO prices (day, sku, price) VALUES (?, ?, ?)", (day, row[0], row[1]))\n    conn.commit()\n\n\nif __name__ == "__main__":\n    load(sys.argv[1], sys.argv[2])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "fallback_dev_settings": (
        {
            "shop/__init__.py": "",
            "shop/tasks.py": 'from celery import Celery\n\napp = Celery("shop")\napp.config_from_object("django.conf:settings", namespace="CELERY")\n\n\n@app.task\ndef ping():\n    return "pong"\n',
            "shop/settings/__init__.py": "",
            "shop/settings/development.py": 'import os\n\nDEBUG = True\nCELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "amqp://guest:guest@localhost:5672//")\nDATABASE_URL = os.getenv("DATABASE_URL", "postgres://postgres:postgres@localhost:5432/shop")\n',
            "shop/settings/production.py": 'import os\n\nDEBUG = False\nCELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
        },
        [("shop/tasks.py", "worker", "celery")],
        ("hardcoded-secret-fallback", 0),
    ),
}


# A second review, of e32c973..316797d (the mends of the first): each case failed on 316797d.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "debug_test_settings_off": (
        {
            "shop/__init__.py": "",
            "shop/urls.py": "urlpatterns = []\n",
            "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\napplication = get_wsgi_application()\n',
            "shop/settings/__init__.py": "",
            "shop/settings/base.py": 'import os\n\nDEBUG = True\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "shop.urls"\n',
            "shop/settings/production.py": 'from .base import *\n\nALLOWED_HOSTS = ["shop.example.com"]\nSECURE_SSL_REDIRECT = True\n',
            "shop/settings/test.py": 'from .base import *\n\nDEBUG = False\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n',
        },
        [("shop/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 1),
    ),
    "debug_staging_left_on": (
        {
            "shop/__init__.py": "",
            "shop/urls.py": "urlpatterns = []\n",
            "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\napplication = get_wsgi_application()\n',
            "shop/settings/__init__.py": "",
            "shop/settings/base.py": 'import os\n\nDEBUG = True\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "shop.urls"\n',
            "shop/settings/production.py": 'from .base import *\n\nDEBUG = False\nALLOWED_HOSTS = ["shop.example.com"]\n',
            "shop/settings/staging.py": 'from .base import *\n\nALLOWED_HOSTS = ["staging.shop.example.com"]\n',
        },
        [("shop/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 1),
    ),
    "debug_conditional_off": (
        {
            "shop/__init__.py": "",
            "shop/urls.py": "urlpatterns = []\n",
            "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\napplication = get_wsgi_application()\n',
            "shop/settings/__init__.py": "",
            "shop/settings/base.py": 'import os\n\nDEBUG = True\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "shop.urls"\n',
            "shop/settings/production.py": 'import os\n\nfrom .base import *\n\nALLOWED_HOSTS = ["shop.example.com"]\nif os.environ.get("DJANGO_DEBUG") == "0":\n    DEBUG = False\n',
        },
        [("shop/wsgi.py", "api", "django")],
        ("debug-mode-enabled", 1),
    ),
    "ep_localhost_api": (
        {
            "webhook.py": '"""GitHub webhook receiver. Runs under systemd behind nginx, which terminates TLS and proxies\nhttps://deploy.example.com/hook to 127.0.0.1:9000."""\nimport hmac\nimport json\nimport logging\nimport os\nimport subprocess\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nlog = logging.getLogger(__name__)\nSECRET = os.environ["WEBHOOK_SECRET"].encode()\n\n\nclass HookHandler(BaseHTTPRequestHandler):\n    def do_POST(self):\n        body = self.rfile.read(int(self.headers["Content-Length"]))\n        sig = "sha256=" + hmac.new(SECRET, body, "sha256").hexdigest()\n        if not hmac.compare_digest(sig, self.headers.get("X-Hub-Signature-256", "")):\n            self.send_response(403)\n            self.end_headers()\n            return\n        if json.loads(body).get("ref") == "refs/heads/main":\n            subprocess.run(["/opt/site/deploy.sh"], check=True)\n        self.send_response(204)\n        self.end_headers()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with HTTPServer(("127.0.0.1", 9000), HookHandler) as httpd:\n        log.info("listening on 127.0.0.1:9000")\n        httpd.serve_forever()\n\n\nif __name__ == "__main__":\n    main()\n',
            "deploy/webhook.service": "[Unit]\nDescription=deploy webhook\n\n[Service]\nExecStart=/usr/bin/python3 /opt/webhook/webhook.py\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
        },
        [("webhook.py", "api", "http.server")],
        None,
    ),
    "ep_static_stock_docker": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY public /srv/site\nCOPY serve.py /serve.py\nEXPOSE 8080\nCMD ["python", "/serve.py"]\n',
            "docker-compose.yml": 'services:\n  docs:\n    build: .\n    ports: ["8080:8080"]\n    restart: always\n',
            "serve.py": 'import http.server\nimport os\nimport socketserver\n\nPORT = int(os.environ.get("PORT", "8080"))\n\n\ndef main():\n    os.chdir("/srv/site")\n    with http.server.ThreadingHTTPServer(("", PORT), http.server.SimpleHTTPRequestHandler) as httpd:\n        httpd.serve_forever()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("serve.py", "api", "http.server")],
        None,
    ),
    "ins_integrity_conditional_raise": (
        {
            "load.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef load(path):\n    conn = sqlite3.connect("orders.db")\n    cur = conn.cursor()\n    for row in csv.reader(open(path)):\n        try:\n            cur.execute("INSERT INTO orders (order_id, amount) VALUES (?, ?)", row)\n        except sqlite3.IntegrityError as exc:\n            if "UNIQUE constraint failed" not in str(exc):\n                raise  # a NOT NULL or foreign key violation: bad data, stop\n            log.info("order %s already loaded, skipping", row[0])\n    conn.commit()\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "ins_integrity_update_nested": (
        {
            "load.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef load(path):\n    conn = sqlite3.connect("prices.db")\n    cur = conn.cursor()\n    for day, price in csv.reader(open(path)):\n        try:\n            cur.execute("INSERT INTO prices (day, price) VALUES (?, ?)", (day, price))\n        except sqlite3.IntegrityError:\n            try:\n                cur.execute("UPDATE prices SET price = ? WHERE day = ?", (price, day))\n            except sqlite3.OperationalError:\n                log.exception("could not update %s", day)\n                raise\n    conn.commit()\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "ins_sqla_savepoint": (
        {
            "load.py": 'import csv\nimport logging\nimport sys\n\nfrom sqlalchemy import create_engine, text\nfrom sqlalchemy.exc import IntegrityError\n\nlog = logging.getLogger(__name__)\nengine = create_engine("postgresql+psycopg2://loader@db/shop")\n\n\ndef load(path):\n    with engine.begin() as conn:\n        for day, price in csv.reader(open(path)):\n            try:\n                with conn.begin_nested():\n                    conn.execute(text("INSERT INTO prices (day, price) VALUES (:d, :p)"), {"d": day, "p": price})\n            except IntegrityError:\n                log.info("price for %s already loaded", day)\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "ep_notifier_send_alert": (
        {
            "backup.py": 'import subprocess\n\nfrom notifier import send_alert\n\n\ndef main():\n    try:\n        subprocess.run(["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], check=True)\n    except subprocess.CalledProcessError:\n        send_alert("backup of shop failed")\n        raise\n\n\nif __name__ == "__main__":\n    main()\n',
            "notifier.py": 'import os\n\nimport requests\n\nTOKEN = os.environ["TELEGRAM_TOKEN"]\nCHAT_ID = os.environ["TELEGRAM_CHAT_ID"]\n\n\ndef send_alert(text):\n    requests.post(\n        f"https://api.telegram.org/bot{TOKEN}/sendMessage",\n        json={"chat_id": CHAT_ID, "text": text},\n        timeout=10,\n    ).raise_for_status()\n\n\nif __name__ == "__main__":\n    send_alert("test message from notifier.py")\n',
        },
        [("backup.py", "job", "python")],
        None,
    ),
    "ep_notifier_notify_slack": (
        {
            "backup.py": 'import subprocess\n\nfrom notifier import notify_slack\n\n\ndef main():\n    try:\n        subprocess.run(["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], check=True)\n    except subprocess.CalledProcessError:\n        notify_slack("backup of shop failed")\n        raise\n\n\nif __name__ == "__main__":\n    main()\n',
            "notifier.py": 'import os\n\nimport requests\n\nTOKEN = os.environ["TELEGRAM_TOKEN"]\nCHAT_ID = os.environ["TELEGRAM_CHAT_ID"]\n\n\ndef notify_slack(text):\n    requests.post(\n        f"https://api.telegram.org/bot{TOKEN}/sendMessage",\n        json={"chat_id": CHAT_ID, "text": text},\n        timeout=10,\n    ).raise_for_status()\n\n\nif __name__ == "__main__":\n    notify_slack("test message from notifier.py")\n',
        },
        [("backup.py", "job", "python")],
        None,
    ),
    "ins_delete_main_block": (
        {
            "daily_stats.py": 'import datetime\nimport sqlite3\n\nimport requests\n\nif __name__ == "__main__":\n    day = datetime.date.today().isoformat()\n    stats = requests.get("https://api.example.com/stats", params={"day": day}, timeout=10).json()\n    conn = sqlite3.connect("/var/lib/stats/stats.db")\n    cur = conn.cursor()\n    cur.execute("DELETE FROM daily_stats WHERE day = ?", (day,))\n    cur.execute("INSERT INTO daily_stats (day, visits, orders) VALUES (?, ?, ?)", (day, stats["visits"], stats["orders"]))\n    conn.commit()\n',
        },
        [("daily_stats.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "ins_delete_in_list": (
        {
            "reload.py": 'import csv\nimport sqlite3\nimport sys\n\n\ndef reload(path):\n    rows = list(csv.DictReader(open(path)))\n    days = sorted({r["day"] for r in rows})\n    conn = sqlite3.connect("prices.db")\n    cur = conn.cursor()\n    marks = ",".join("?" * len(days))\n    cur.execute(f"DELETE FROM prices WHERE day IN ({marks})", days)\n    cur.executemany("INSERT INTO prices (day, sku, price) VALUES (:day, :sku, :price)", rows)\n    conn.commit()\n\n\nif __name__ == "__main__":\n    reload(sys.argv[1])\n',
        },
        [("reload.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "ins_delete_status_then_loop": (
        {
            "import_orders.py": 'import sqlite3\n\nimport requests\n\n\ndef import_orders():\n    orders = requests.get("https://shop.example.com/api/orders?since=yesterday", timeout=30).json()\n    conn = sqlite3.connect("/var/lib/reports/orders.db")\n    cur = conn.cursor()\n    # cancelled orders are not reported on: drop them\n    cur.execute("DELETE FROM orders WHERE status = \'cancelled\'")\n    for order in orders:\n        cur.execute(\n            "INSERT INTO orders (shop_id, status, total) VALUES (?, ?, ?)",\n            (order["id"], order["status"], order["total"]),\n        )\n    conn.commit()\n\n\nif __name__ == "__main__":\n    import_orders()\n',
        },
        [("import_orders.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "secret_token_error_codes": (
        {
            "app.py": 'from flask import Flask, jsonify, request\n\napp = Flask(__name__)\n\n# error codes the mobile app switches on\nTOKEN_EXPIRED = "tokenExpired"\nTOKEN_INVALID = "tokenInvalid"\nREFRESH_TOKEN_REVOKED = "refreshTokenRevoked"\n\n\ndef check(token):\n    if token is None:\n        return TOKEN_INVALID\n    return None\n\n\n@app.get("/me")\ndef me():\n    error = check(request.headers.get("Authorization"))\n    if error:\n        return jsonify(error=error), 401\n    return jsonify(user="me")\n\n\n@app.get("/health")\ndef health():\n    return "ok"\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "secret_session_key": (
        {
            "app.py": 'import os\n\nimport requests\nfrom flask import Flask, redirect, session\n\napp = Flask(__name__)\napp.secret_key = os.environ["FLASK_SECRET_KEY"]\n\n\n@app.route("/login/partner")\ndef partner_login():\n    # partners share the reporting account until they get keys of their own\n    session["api_token"] = "9f2c4e7a1b8d3f6e0a5c9b2d7e4f1a8c"\n    session["user"] = "partner"\n    return redirect("/reports")\n\n\n@app.route("/reports")\ndef reports():\n    r = requests.get(\n        "https://reports.internal.example.com/v1/summary",\n        headers={"Authorization": f"Bearer {session[\'api_token\']}"},\n        timeout=10,\n    )\n    return r.json()\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    "secret_seed_username": (
        {
            "seed.py": '"""Fill a fresh development database with demo accounts: python seed.py"""\nfrom app import create_app, db\nfrom app.models import User\n\nDEMO_USERS = [\n    {"username": "alice", "full_name": "Alice Example", "password": "alice-demo-1"},\n    {"username": "bob", "full_name": "Bob Example", "password": "bob-demo-22"},\n    {"username": "admin", "full_name": "Site Admin", "password": "admin-demo-333"},\n]\n\n\ndef main():\n    app = create_app()\n    with app.app_context():\n        for record in DEMO_USERS:\n            user = User(username=record["username"], full_name=record["full_name"])\n            user.set_password(record["password"])\n            db.session.add(user)\n        db.session.commit()\n\n\nif __name__ == "__main__":\n    main()\n',
            "app/__init__.py": 'from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"\n    db.init_app(app)\n\n    @app.route("/health")\n    def health():\n        return "ok"\n\n    return app\n',
            "app/models.py": "from werkzeug.security import generate_password_hash\n\nfrom app import db\n\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    username = db.Column(db.String(80), unique=True)\n    full_name = db.Column(db.String(120))\n    password_hash = db.Column(db.String(200))\n\n    def set_password(self, password):\n        self.password_hash = generate_password_hash(password)\n",
        },
        [("app/__init__.py", "api", "flask"), ("seed.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "secret_seed_customers_address": (
        {
            "seed_demo.py": '"""Create the demo shop\'s customers on a fresh database (docker compose run web python seed_demo.py)."""\nimport sqlite3\n\nfrom werkzeug.security import generate_password_hash\n\nCUSTOMERS = [\n    {"email": "jane@example.com", "password": "janedemo1", "name": "Jane Doe", "address": "12 High Street, Leeds"},\n    {"email": "omar@example.com", "password": "omardemo2", "name": "Omar Haddad", "address": "4 Quay Road, Hull"},\n]\n\n\ndef main():\n    conn = sqlite3.connect("shop.db")\n    for c in CUSTOMERS:\n        conn.execute(\n            "INSERT OR IGNORE INTO customers (email, password_hash, name, address) VALUES (?, ?, ?, ?)",\n            (c["email"], generate_password_hash(c["password"]), c["name"], c["address"]),\n        )\n    conn.commit()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("seed_demo.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "secret_docstring_examples": (
        {
            "load.py": '"""Load the day\'s orders into the warehouse.\n\nUsage:\n    DATABASE_URL=postgresql://myuser:mypass123@localhost:5432/mydb python load.py orders.csv\n\nFor a local run against docker compose, the URL is postgres://shop:shop2024@localhost/shop.\n"""\nimport csv\nimport os\nimport sys\n\nimport psycopg2\n\n\ndef connect():\n    """Connect with DATABASE_URL, e.g. ``postgresql://loader:s3cret@db.internal:5432/warehouse``."""\n    return psycopg2.connect(os.environ["DATABASE_URL"])\n\n\ndef main(path):\n    conn = connect()\n    with conn, conn.cursor() as cur:\n        for row in csv.reader(open(path)):\n            cur.execute("INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", row)\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n',
        },
        [("load.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "ep_aiohttp_lowlevel_health": (
        {
            "consumer.py": 'import asyncio\nimport json\nimport logging\nimport os\n\nimport aio_pika\nfrom aiohttp import web\n\nlog = logging.getLogger(__name__)\n\n\nasync def health(request):\n    return web.Response(text="ok")\n\n\nasync def handle(message: aio_pika.IncomingMessage):\n    async with message.process():\n        log.info("order %s", json.loads(message.body)["id"])\n\n\nasync def main():\n    server = web.Server(health)\n    runner = web.ServerRunner(server)\n    await runner.setup()\n    await web.TCPSite(runner, "0.0.0.0", 8080).start()\n\n    connection = await aio_pika.connect_robust(os.environ["AMQP_URL"])\n    channel = await connection.channel()\n    queue = await channel.declare_queue("orders", durable=True)\n    await queue.consume(handle)\n    await asyncio.Future()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    asyncio.run(main())\n',
        },
        [("consumer.py", "worker", "queue")],
        None,
    ),
    "dry_tempfile_name_self": (
        {
            "export.py": 'import csv\nimport os\nimport subprocess\nimport tempfile\n\nimport psycopg2\n\n\nclass CustomerExport:\n    def __init__(self, dsn):\n        self.dsn = dsn\n        self.out = tempfile.NamedTemporaryFile(suffix=".csv", delete=False).name\n\n    def dump(self):\n        conn = psycopg2.connect(self.dsn)\n        with conn.cursor() as cur, open(self.out, "w", newline="") as f:\n            cur.execute("SELECT id, email FROM customers")\n            csv.writer(f).writerows(cur.fetchall())\n\n    def upload(self):\n        subprocess.run(["aws", "s3", "cp", self.out, "s3://exports/customers.csv"], check=True)\n\n    def cleanup(self):\n        os.unlink(self.out)\n\n    def run(self):\n        self.dump()\n        self.upload()\n        self.cleanup()\n\n\nif __name__ == "__main__":\n    CustomerExport(os.environ["DSN"]).run()\n',
        },
        [("export.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "exit_schedule_notify_success": (
        {
            "scheduler.py": 'import logging\nimport os\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\nWEBHOOK = os.environ["SLACK_WEBHOOK_URL"]\n\n\ndef notify(text):\n    requests.post(WEBHOOK, json={"text": text}, timeout=10)\n\n\ndef sync():\n    try:\n        r = requests.get("https://api.example.com/items", timeout=10)\n        r.raise_for_status()\n        items = r.json()\n        with open("/var/lib/sync/items.json", "w") as f:\n            f.write(str(items))\n        notify(f"synced {len(items)} items")\n    except requests.RequestException:\n        log.exception("sync failed")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    schedule.every(10).minutes.do(sync)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
        },
        [("scheduler.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    "exit_schedule_break2": (
        {
            "scheduler.py": 'import logging\nimport subprocess\nimport time\n\nimport requests\nimport schedule\nimport sentry_sdk\n\nlog = logging.getLogger(__name__)\n\n\ndef upload_report(path):\n    try:\n        subprocess.run(["aws", "s3", "cp", path, "s3://reports/prices.csv"], check=True)\n    except subprocess.CalledProcessError:\n        log.error("upload of %s failed", path)\n\n\ndef job():\n    prices = []\n    try:\n        r = requests.get("https://api.example.com/prices", timeout=10)\n        r.raise_for_status()\n        prices = r.json()\n    except requests.RequestException as exc:\n        sentry_sdk.capture_exception(exc)\n    with open("/tmp/prices.csv", "w") as f:\n        for p in prices:\n            f.write(f"{p[\'sku\']},{p[\'price\']}\\n")\n    upload_report("/tmp/prices.csv")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sentry_sdk.init()\n    schedule.every().hour.do(job)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
        },
        [("scheduler.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    "fallback_devices_module": (
        {
            "devices.py": '"""Consume sensor readings from the devices\' MQTT topics and store them."""\nimport json\nimport os\n\nimport paho.mqtt.client as mqtt\nimport psycopg2\n\nDATABASE_URL = os.getenv("DATABASE_URL", "postgres://postgres:postgres@db.internal:5432/telemetry")\nBROKER = os.getenv("MQTT_HOST", "mqtt.internal")\n\nconn = psycopg2.connect(DATABASE_URL)\n\n\ndef on_message(client, userdata, msg):\n    reading = json.loads(msg.payload)\n    with conn, conn.cursor() as cur:\n        cur.execute(\n            "INSERT INTO readings (device, ts, value) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",\n            (reading["device"], reading["ts"], reading["value"]),\n        )\n\n\nif __name__ == "__main__":\n    client = mqtt.Client()\n    client.on_message = on_message\n    client.connect(BROKER)\n    client.subscribe("devices/+/readings")\n    client.loop_forever()\n',
        },
        [("devices.py", "worker", "consume-loop")],
        ("hardcoded-secret-fallback", 1),
    ),
    "ep_sibling_migrate": (
        {
            "count_legacy.py": 'import sys\n\nfrom migrate_users import fetch_legacy_users\n\nif __name__ == "__main__":\n    print(len(fetch_legacy_users(sys.argv[1])))\n',
            "migrate_users.py": 'import argparse\nimport sqlite3\n\nimport psycopg2\n\n\ndef fetch_legacy_users(path):\n    conn = sqlite3.connect(path)\n    return conn.execute("SELECT id, email, name FROM users").fetchall()\n\n\ndef migrate_users(legacy_path, dsn):\n    rows = fetch_legacy_users(legacy_path)\n    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:\n        for user_id, email, name in rows:\n            cur.execute(\n                "INSERT INTO accounts (legacy_id, email, name) VALUES (%s, %s, %s) ON CONFLICT (legacy_id) DO NOTHING",\n                (user_id, email, name),\n            )\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("legacy_db")\n    parser.add_argument("dsn")\n    args = parser.parse_args()\n    migrate_users(args.legacy_db, args.dsn)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("count_legacy.py", "job", "python"), ("migrate_users.py", "job", "argparse")],
        None,
    ),
}


def test_mixed_tab_indentation_is_read(make_tree: Callable[[dict[str, str]], object]) -> None:
    """Round 254: a line indented with a tab and spaces, which CPython accepts and libcst's
    tokenizer refuses, is read with its tabs expanded (lines unchanged)."""
    from pathlib import Path

    from readiness_lint.engine import run

    source = (
        "import requests\n\n\n"
        "def fetch():\n"
        "    try:\n"
        '        return requests.get("https://example.com")\n'
        "    except Exception as e:\n"
        "\t        print(str(e))\n\n\n"
        'if __name__ == "__main__":\n'
        "    fetch()\n"
    )
    root = Path(str(make_tree({})))
    (root / "mixed").mkdir()
    (root / "mixed" / "job.py").write_text(source, encoding="utf-8")
    report = run([str(root / "mixed")])
    assert [e.message for e in report.errors] == []
    assert [(f.name, f.line) for f in report.findings if f.name in {"bare-print", "http-call-without-timeout"}] == [
        ("http-call-without-timeout", 6),
        ("bare-print", 8),
    ]


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])
