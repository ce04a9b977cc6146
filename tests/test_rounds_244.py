"""Session 26: what blind rounds 244 and on showed, as small trees.

Each case fails on 7e08bf0, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

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

    import schedule
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token="")


    def post():
        try:
            client.chat_postMessage(channel="#standup", text="What are you doing today?")
        {handler}


    schedule.every().monday.at("09:30").do(post)

    while True:
        schedule.run_pending()
        time.sleep(1)
    """

_APSCHEDULED_POST = """\
    from apscheduler.schedulers.blocking import BlockingScheduler
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token="")


    def post():
        try:
            client.chat_postMessage(channel="#standup", text="What are you doing today?")
        except SlackApiError as error:
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
    # round 258: token names given the name of a state, words run together
    "token_state_names": (
        {
            "app.py": _SEED.format(
                data='STATE = {}\n    STATE["aToken"], STATE["rToken"] = ("tokenNotUsedAnymore", "couldNotExpireTheToken")'
            )
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    # (trap) a token with mixed case and digits
    "token_generated": (
        {"app.py": _SEED.format(data='STATE = {}\n    STATE["aToken"] = "tQ7rXk2LmZp9vW4s"')},
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
                handler='except SlackApiError as error:\n            assert error.response["ok"] is False\n'
                "            print(f\"Got an error: {error.response['error']}\")"
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
        {"script.py": _SCHEDULED_POST.format(handler="except SlackApiError:\n            raise")},
        [("script.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    "apscheduler_job_reports_failure": (
        {"clock.py": _APSCHEDULED_POST},
        [("clock.py", "job", "apscheduler")],
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
    # round 255: a deletion in a static method of a class built on the project's own interface,
    # which the job never calls
    "static_method_of_interface_class_not_called": (
        {
            **_DB_MANAGER,
            "dbsavior/db/manager.py": _DB_MANAGER["dbsavior/db/manager.py"].format(base="DbManagerInterface"),
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
