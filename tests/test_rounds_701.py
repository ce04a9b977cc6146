"""Session 42: what blind rounds 701 onwards showed, as small trees.

Each case fails on 44bc9a2 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 701: a runner script whose whole program is `try: exit(main())` at module level, with no
# `__main__` block; `main()` runs the steps by importing them
_TRY_EXIT_MAIN = {
    "run_all.py": """\
import logging

log = logging.getLogger("run_all")


def main():
    logging.basicConfig(level=logging.INFO)
    import refresh_rates
    import send_report

    return 0


try:
    exit(main())
except Exception:
    log.exception("the nightly run failed")
    exit(1)
""",
    "refresh_rates.py": """\
import os

import requests

rates = requests.get(os.environ["RATES_URL"], timeout=30).json()
with open("rates.json", "w") as fh:
    fh.write(str(rates))
""",
    "send_report.py": """\
import os
import smtplib

with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as smtp:
    smtp.sendmail("ops@example.com", ["team@example.com"], open("rates.json").read())
""",
}

# Round 701: a job whose class does its work as it is built, built at module level inside a `try`
_TRY_CLASS_BUILT = {
    "configure.py": """\
import os
import sys

import psycopg2


class Configure:
    def __init__(self):
        conn = psycopg2.connect(os.environ["DATABASE_URL"])
        with conn, conn.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS games (id TEXT PRIMARY KEY, title TEXT)")
        print("configured")


try:
    Configure()
except Exception as e:
    sys.exit(e)
""",
}

# Round 707: a purge script with no function at all, its DELETE run on the cursor it opened and
# its row count kept
_MODULE_LEVEL_DELETE_KEPT = {
    "cron/purge.py": """\
import datetime
import os

import pymysql

limit = datetime.date.today() - datetime.timedelta(days=7)
conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", password=os.environ["DB_PASSWORD"], db="shop")
sql = "DELETE FROM recommendation WHERE created_at < %s"
curs = conn.cursor()
result = curs.execute(sql, limit)
print("deleted", result)
conn.commit()
conn.close()
""",
}

# Round 706: a bot's data module inserts plainly; every call of it, in the handlers' module, sits
# in a `try` whose handler skips the duplicate key
_INSERT_CALLER_SKIPS_DUPLICATE = {
    "db.py": """\
import sqlite3

conn = sqlite3.connect("channels.db")
cursor = conn.cursor()
cursor.execute("CREATE TABLE IF NOT EXISTS channels (name TEXT PRIMARY KEY, category INTEGER)")


def add_channel(row):
    cursor.execute("INSERT INTO channels (name, category) VALUES (?, ?)", row)
    conn.commit()
""",
    "handlers.py": """\
from sqlite3 import IntegrityError

import db


def register(name, category):
    try:
        db.add_channel((name, category))
        return "added"
    except IntegrityError:
        return "that channel is already there"
""",
    "bot.py": """\
import logging
import os

from aiogram import Bot, Dispatcher, executor, types

import handlers

logging.basicConfig(level=logging.INFO)
bot = Bot(token=os.environ["BOT_TOKEN"])
dp = Dispatcher(bot)


@dp.message_handler(commands=["add"])
async def add(message: types.Message):
    name, category = message.get_args().split()
    await message.answer(handlers.register(name, int(category)))


if __name__ == "__main__":
    executor.start_polling(dp)
""",
}

# Round 707: snapshots deleted only under a `--delete` switch, tested as `is True`
_DELETE_FLAG_IS_TRUE = {
    "prune_snapshots.py": """\
import argparse
import logging
from datetime import datetime, timedelta, timezone

import boto3

log = logging.getLogger("prune")


def main(args):
    ec2 = boto3.client("ec2")
    cutoff = datetime.now(timezone.utc) - timedelta(days=args.age)
    for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]:
        if snap["StartTime"] < cutoff:
            if args.delete is True:
                ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])
            else:
                log.info("kept %s (add --delete)", snap["SnapshotId"])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--age", type=int, default=30)
    parser.add_argument("--delete", action="store_true")
    main(parser.parse_args())
""",
}

# Round 703: a demo job of a cache whose getter answers a missing key with None
_LOOKUP_DEFAULT = {
    "cache_demo.py": """\
import time


class TimedCache:
    def __init__(self, ttl):
        self.ttl = ttl
        self.items = {}
        self.stamps = {}

    def get(self, key):
        now = time.time()
        if now - self.stamps.get(key, 0) < self.ttl:
            try:
                self.stamps[key] = now
                return self.items[key]
            except:
                return None
        return None

    def set(self, key, value):
        self.items[key] = value
        self.stamps[key] = time.time()


if __name__ == "__main__":
    cache = TimedCache(5)
    cache.set("a", 1)
    print(cache.get("a"))
    print(cache.get("b"))
""",
}

# Round 704: a queue poller's task gathered beside an aiohttp app that serves the orchestrator's
# probes, both started by the `main()` the `__main__` block runs
_POLLER_GATHERED_BESIDE_PROBES = {
    "main.py": """\
import asyncio
import logging
import os

from aio_pika import connect_robust
from aiohttp import web

log = logging.getLogger(__name__)
logging.basicConfig(level=logging.INFO)
routes = web.RouteTableDef()


@routes.get("/health")
async def health(_):
    return web.json_response({"status": "ok"})


@routes.get("/ready")
async def ready(_):
    return web.json_response({"status": "ready"})


async def serve_probes():
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 8080).start()


async def poll():
    connection = await connect_robust(os.environ["RABBITMQ_URL"])
    channel = await connection.channel()
    queue = await channel.declare_queue("events", durable=True)
    while True:
        message = await queue.get(fail=False, timeout=5)
        if message:
            log.info("event %s", message.message_id)
            await message.ack()
        await asyncio.sleep(10)


async def main():
    tasks = [asyncio.create_task(serve_probes()), asyncio.create_task(poll())]
    await asyncio.gather(*tasks)


if __name__ == "__main__":
    asyncio.run(main())
""",
}

# Round 708: a schema script the image runs before its server (`python create_db.py && uvicorn ...`),
# whose module level only calls a library
_CREATE_DB_BEFORE_SERVER = {
    "app/__init__.py": "",
    "app/database.py": """\
import os

from sqlalchemy import create_engine
from sqlalchemy.orm import declarative_base

engine = create_engine(os.environ["DATABASE_URL"])
Base = declarative_base()
""",
    "app/create_db.py": """\
from app.database import Base, engine

Base.metadata.create_all(engine)
""",
    "app/main.py": """\
from fastapi import FastAPI

app = FastAPI()


@app.get("/questions")
def questions():
    return []
""",
    "Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nCMD python3 app/create_db.py && uvicorn --host=0.0.0.0 app.main:app\n",
}

# Round 709: a poller that sleeps on an event only `atexit` sets, `if event.wait(timeout=...): break`
_EVENT_WAIT_BREAK = {
    "src/__init__.py": "",
    "src/releases.py": """\
import logging

import requests

log = logging.getLogger("releases")


def check_saved_searches():
    for item in requests.get("https://api.example.com/releases", timeout=10).json():
        log.info("release %s", item["id"])
""",
    "src/worker.py": """\
import atexit
import logging
from threading import Event

from src.releases import check_saved_searches

logger = logging.getLogger("worker")
event = Event()


def main():
    logging.basicConfig(level=logging.INFO)
    while True:
        check_saved_searches()
        if event.wait(timeout=30 * 60):
            break


if __name__ == "__main__":
    atexit.register(lambda: event.set())
    main()
""",
}

# Round 710: a step that formats a record's field, warning and answering "" when the field is malformed
_FORMAT_FIELD_DEFAULT = {
    "backup_notes.py": """\
import csv
import logging
import os
import sys

import requests

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("backup_notes")


class Backup:
    def __init__(self, token):
        self.headers = {"Authorization": f"Bearer {token}"}

    def field_text(self, prop):
        kind = prop.get("type")
        try:
            if kind == "title":
                return " ".join(t.get("plain_text", "") for t in prop.get("title", []))
            if kind == "number":
                return str(prop.get("number", ""))
            return str(prop)
        except Exception as e:
            log.warning(f"could not read a {kind} field: {e}")
            return ""

    def export(self, database_id):
        resp = requests.post(
            f"https://api.notion.com/v1/databases/{database_id}/query", headers=self.headers, timeout=30
        )
        resp.raise_for_status()
        with open("notes.csv", "w", newline="") as fh:
            out = csv.writer(fh)
            for page in resp.json()["results"]:
                row = []
                for prop in page["properties"].values():
                    value = self.field_text(prop)
                    row.append(value)
                out.writerow(row)


def main():
    try:
        Backup(os.environ["NOTION_TOKEN"]).export(os.environ["DB_ID"])
    except Exception:
        log.exception("backup failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
}

# Round 711: a manage script whose commands hang on `FlaskGroup`, one catching every failure
_FLASK_GROUP_COMMAND = {
    "project/__init__.py": """\
import os

from elasticsearch import Elasticsearch
from flask import Flask

app = Flask(__name__)
es = Elasticsearch(os.environ["ES_URL"])


@app.route("/videos")
def videos():
    return []
""",
    "manage.py": """\
from flask.cli import FlaskGroup

from project import app, es

cli = FlaskGroup(app)


@cli.command("create_es_index")
def create_index():
    try:
        if not es.indices.exists(index="videos"):
            es.indices.create(index="videos")
    except Exception as ex:
        print(str(ex))


if __name__ == "__main__":
    cli()
""",
}

# Seen in pip's tree while mending the review: a version guard raising SystemExit with a message
# made by a call, at a bootstrap module's level
_VERSION_GUARD = {
    "bootstrap.py": """\
import sys

REQUIRES = (3, 10)

if sys.version_info[:2] < REQUIRES:
    raise SystemExit("needs Python {}.{} or later".format(*REQUIRES))


class Finder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None


sys.meta_path.insert(0, Finder())
""",
}

# Round 718: a Sanic app receiving a bot's updates at a webhook route; the bot object of another
# module only sends, edits and answers button presses
_BOT_ANSWERS_FOR_WEBHOOK = {
    "server/models.py": """\
import os

from telebot import TeleBot

bot = TeleBot(os.environ["TELEGRAM_BOT_KEY"])


def reply(chat_id, text):
    bot.send_message(chat_id, text, parse_mode="html")


def pressed(query_id, chat_id, message_id, text):
    bot.answer_callback_query(callback_query_id=query_id, text="OK")
    bot.edit_message_text(chat_id=chat_id, message_id=message_id, text=text)
""",
    "server/server.py": """\
import logging

from sanic import Sanic, response

import models

logging.basicConfig(level=logging.INFO)
app = Sanic("timetable")


@app.post("/telegram")
async def telegram(request):
    update = request.json
    if "callback_query" in update:
        q = update["callback_query"]
        models.pressed(q["id"], q["message"]["chat"]["id"], q["message"]["message_id"], q["data"])
    else:
        models.reply(update["message"]["chat"]["id"], "hello")
    return response.text("ok")


@app.get("/health")
async def health(request):
    return response.text("ok")
""",
}

# Round 718: a Bottle app whose catch-all route answers every path, a readiness probe's too
_BOTTLE_CATCH_ALL = {
    "app.py": """\
from bottle import route, run


@route("/healthz")
def healthz():
    return "ok"


@route("<url:re:.*>")
def everything(url="/"):
    return "ok"


run(host="0.0.0.0", port=8081)
""",
}

# Round 721 (held out on eb6d711): a start-up step that waits until the broker lists its topics
_KAFKA_READY_CHECK = {
    "src/check_ready.py": """\
from time import sleep

from kafka import KafkaConsumer
from kafka.errors import NoBrokersAvailable

if __name__ == "__main__":
    while True:
        try:
            consumer = KafkaConsumer(bootstrap_servers=["kafka:29092"])
            break
        except NoBrokersAvailable:
            print("no brokers yet")
            sleep(5)
    while not consumer.topics():
        sleep(5)
    consumer.close()
""",
}

# Round 720 (held out on eb6d711): a job whose `finally:` releases its connection in a `try` that
# only notes the release and passes on a failure
_RELEASE_QUIETLY = {
    "reconcile.py": """\
import os

from routeros_api import RouterOsApiPool


def main():
    pool = RouterOsApiPool(os.environ["MT_HOST"], username="admin", password=os.environ["MT_PASS"])
    try:
        routes = pool.get_api().get_resource("/ip/route")
        for route in routes.get():
            print(route.get("dst-address"))
    finally:
        try:
            pool.disconnect()
            print("disconnected")
        except Exception:
            pass


if __name__ == "__main__":
    main()
""",
}

_CASES: dict[str, Case] = {
    "try_exit_main": (_TRY_EXIT_MAIN, [("run_all.py", "job", "script")], ("missing-heartbeat", "fail")),
    # trap: an exit in a module-level `try` that runs no function of the file is a guard
    "try_exit_guard": (
        _edited(_TRY_EXIT_MAIN, "run_all.py", "    exit(main())\n", "    exit(len(__name__) - len(__name__))\n"),
        [],
        None,
    ),
    "try_class_built": (_TRY_CLASS_BUILT, [("configure.py", "job", "script")], ("missing-logging", "fail")),
    # trap: a class whose `__init__` only keeps its arguments does no work as it is built
    "try_class_kept": (
        _edited(
            _TRY_CLASS_BUILT,
            "configure.py",
            """\
        conn = psycopg2.connect(os.environ["DATABASE_URL"])
        with conn, conn.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS games (id TEXT PRIMARY KEY, title TEXT)")
        print("configured")
""",
            "        self.table = 'games'\n",
        ),
        [],
        None,
    ),
    "module_level_delete_kept": (
        _MODULE_LEVEL_DELETE_KEPT,
        [("cron/purge.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    "insert_caller_skips_duplicate": (
        _INSERT_CALLER_SKIPS_DUPLICATE,
        [("bot.py", "worker", "telegram")],
        ("non-idempotent-insert", 0),
    ),
    # trap: PostgreSQL's driver aborts the transaction on a duplicate: catching it skips nothing
    "insert_caller_postgres_duplicate": (
        _edited(
            _INSERT_CALLER_SKIPS_DUPLICATE,
            "handlers.py",
            "from sqlite3 import IntegrityError\n",
            "from psycopg2.errors import UniqueViolation as IntegrityError\n",
        ),
        [("bot.py", "worker", "telegram")],
        ("non-idempotent-insert", 1),
    ),
    # trap: one caller outside the `try` inserts again on a retry
    "insert_one_caller_unguarded": (
        _edited(
            _INSERT_CALLER_SKIPS_DUPLICATE,
            "handlers.py",
            '        return "that channel is already there"\n',
            '        return "that channel is already there"\n\n\ndef restore(rows):\n'
            "    for row in rows:\n        db.add_channel(row)\n",
        ),
        [("bot.py", "worker", "telegram")],
        ("non-idempotent-insert", 1),
    ),
    "delete_flag_is_true": (
        _DELETE_FLAG_IS_TRUE,
        [("prune_snapshots.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # trap: a switch named for something else guards no deletion
    "verbose_flag_is_true": (
        _edited(
            _edited(_DELETE_FLAG_IS_TRUE, "prune_snapshots.py", "if args.delete is True:", "if args.verbose is True:"),
            "prune_snapshots.py",
            '"--delete", action="store_true"',
            '"--verbose", action="store_true"',
        ),
        [("prune_snapshots.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "lookup_default": (_LOOKUP_DEFAULT, [("cache_demo.py", "job", "python")], ("missing-exit-code", "pass")),
    # trap: a request's failure answered with None and printed is lost
    "request_default": (
        _edited(
            _edited(
                _LOOKUP_DEFAULT,
                "cache_demo.py",
                "                return self.items[key]\n",
                "                return requests.get(self.items[key], timeout=5).json()\n",
            ),
            "cache_demo.py",
            "import time\n",
            "import time\n\nimport requests\n",
        ),
        [("cache_demo.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "poller_gathered_beside_probes": (
        _POLLER_GATHERED_BESIDE_PROBES,
        [("main.py", "worker", "consume-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # the same beside an app that serves work of its own: an api and a worker
    "poller_gathered_beside_app": (
        _edited(
            _POLLER_GATHERED_BESIDE_PROBES,
            "main.py",
            '@routes.get("/ready")\n',
            '@routes.get("/events")\nasync def events(_):\n    return web.json_response([])\n\n\n@routes.get("/ready")\n',
        ),
        [("main.py", "api", "aiohttp"), ("main.py", "worker", "consume-loop")],
        ("missing-metrics", {"main.py": "fail"}),
    ),
    "bot_answers_for_webhook": (
        _BOT_ANSWERS_FOR_WEBHOOK,
        [("server/server.py", "api", "sanic")],
        ("missing-graceful-shutdown", 0),
    ),
    # trap: a bot that polls for its updates listens: a worker
    "bot_answers_and_polls": (
        _edited(
            _BOT_ANSWERS_FOR_WEBHOOK,
            "server/models.py",
            "    bot.edit_message_text(chat_id=chat_id, message_id=message_id, text=text)\n",
            "    bot.edit_message_text(chat_id=chat_id, message_id=message_id, text=text)\n\n\nbot.infinity_polling()\n",
        ),
        [("server/models.py", "worker", "telegram"), ("server/server.py", "api", "sanic")],
        None,
    ),
    "bottle_catch_all": (_BOTTLE_CATCH_ALL, [("app.py", "api", "bottle")], ("missing-readiness-route", "na")),
    # trap: a route with one parameter of one segment answers only its own paths
    "bottle_one_segment": (
        _edited(_BOTTLE_CATCH_ALL, "app.py", '@route("<url:re:.*>")', '@route("/pages/<url>")'),
        [("app.py", "api", "bottle")],
        ("missing-readiness-route", "fail"),
    ),
    "kafka_ready_check": (_KAFKA_READY_CHECK, [("src/check_ready.py", "job", "python")], None),
    # trap: a consumer iterated is a worker
    "kafka_consumed": (
        _edited(
            _KAFKA_READY_CHECK,
            "src/check_ready.py",
            "    consumer.close()\n",
            '    consumer.subscribe(["events"])\n    for message in consumer:\n        print(message.value)\n',
        ),
        [("src/check_ready.py", "worker", "kafka")],
        None,
    ),
    "release_quietly": (_RELEASE_QUIETLY, [("reconcile.py", "job", "python")], ("missing-exit-code", "pass")),
    # trap: the work's own call in that `try` is lost when it fails
    "work_in_quiet_try": (
        _edited(
            _RELEASE_QUIETLY,
            "reconcile.py",
            "            pool.disconnect()\n",
            "            pool.get_api().get_resource('/log').call('print')\n",
        ),
        [("reconcile.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a version guard's message is no run
    "version_guard": (_VERSION_GUARD, [], None),
    "create_db_before_server": (
        _CREATE_DB_BEFORE_SERVER,
        [("app/create_db.py", "job", "python"), ("app/main.py", "api", "fastapi")],
        ("missing-heartbeat", {"app/create_db.py": "fail"}),
    ),
    # (third review, noted: a shell given other options beside `c`, `sh -ec "..."`)
    "create_db_before_server_sh_ec": (
        _edited(
            _CREATE_DB_BEFORE_SERVER,
            "Dockerfile",
            "CMD python3 app/create_db.py && uvicorn --host=0.0.0.0 app.main:app",
            'CMD ["sh", "-ec", "python3 app/create_db.py && uvicorn --host=0.0.0.0 app.main:app"]',
        ),
        [("app/create_db.py", "job", "python"), ("app/main.py", "api", "fastapi")],
        ("missing-heartbeat", {"app/create_db.py": "fail"}),
    ),
    # trap: the image's only command may start a server the tool does not know: no job
    "create_db_alone": (
        _edited(
            _CREATE_DB_BEFORE_SERVER,
            "Dockerfile",
            "CMD python3 app/create_db.py && uvicorn --host=0.0.0.0 app.main:app",
            "CMD python3 app/create_db.py",
        ),
        [("app/main.py", "api", "fastapi")],
        None,
    ),
    "event_wait_break": (
        _EVENT_WAIT_BREAK,
        [("src/worker.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: an event the loop's own round sets ends the run: a job
    "event_set_by_round": (
        _edited(
            _EVENT_WAIT_BREAK,
            "src/worker.py",
            "        check_saved_searches()\n",
            "        check_saved_searches()\n        event.set()\n",
        ),
        [("src/worker.py", "job", "python")],
        None,
    ),
    "format_field_default": (
        _FORMAT_FIELD_DEFAULT,
        [("backup_notes.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap: a request's failure answered with "" is the work's failure, lost
    "fetch_field_default": (
        _edited(
            _FORMAT_FIELD_DEFAULT,
            "backup_notes.py",
            "            return str(prop)\n",
            '            return requests.get(prop["url"], timeout=10).text\n',
        ),
        [("backup_notes.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "flask_group_command": (
        _FLASK_GROUP_COMMAND,
        [("manage.py", "job", "click"), ("project/__init__.py", "api", "flask")],
        ("missing-exit-code", {"manage.py": "fail"}),
    ),
    # the command lets the failure out, and click exits 1 (at 44bc9a2 the file was no click job)
    "flask_group_command_raises": (
        _edited(
            _FLASK_GROUP_COMMAND, "manage.py", "        print(str(ex))\n", "        print(str(ex))\n        raise\n"
        ),
        [("manage.py", "job", "click"), ("project/__init__.py", "api", "flask")],
        ("missing-exit-code", {"manage.py": "pass"}),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of dc4663c wrote these. Four it had made wrong: a schema script keeping its cursor read
# as a job, a generated password holding two weak regex marks taken for a pattern, and two token
# patterns of one mark still reported; the other seven 44bc9a2 missed too (a module-level `try`
# exiting with an imported, awaited or oddly named main, `raise SystemExit(main())`, a class bound
# in the `try`, a DELETE's row count read off the call, a caller skipping MySQL's duplicate entry
# by its number, a float as a lookup's default). Left: a caller catching an IntegrityError that
# stands for a foreign key, as the insert's own `try` is read.

_R_DDL_CURSOR_KEPT = {
    "schema.py": '"""The tables the app needs. Run once before the first start: python schema.py"""\n\nimport sqlite3\n\ncon = sqlite3.connect("library.db")\ncur = con.execute("CREATE TABLE IF NOT EXISTS books (isbn TEXT PRIMARY KEY, title TEXT, author TEXT)")\ncur.execute("CREATE INDEX IF NOT EXISTS books_author ON books (author)")\ncon.commit()\ncon.close()\n',
}


_R_DELETE_ROWCOUNT_CHAINED = {
    "purge_sessions.py": '"""Drops expired sessions; cron: 0 * * * * python /srv/app/purge_sessions.py"""\nimport logging\nimport os\nimport sqlite3\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("purge_sessions")\n\ndb = sqlite3.connect(os.environ.get("APP_DB", "/var/lib/app/app.db"))\ndeleted = db.execute("DELETE FROM sessions WHERE expires_at < datetime(\'now\')").rowcount\ndb.commit()\ndb.close()\nlog.info("deleted %d expired sessions", deleted)\n',
}


_R_INSERT_CALLER_ERRNO = {
    "db.py": 'import os\n\nimport mysql.connector\n\nconn = mysql.connector.connect(\n    host=os.environ["DB_HOST"], user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], database="crm"\n)\n\n\ndef add_subscriber(email, source):\n    cur = conn.cursor()\n    cur.execute("INSERT INTO subscribers (email, source) VALUES (%s, %s)", (email, source))\n    conn.commit()\n    cur.close()\n',
    "import_subscribers.py": 'import csv\nimport logging\nimport sys\n\nimport mysql.connector\nfrom mysql.connector import errorcode\n\nimport db\n\nlog = logging.getLogger("import_subscribers")\n\n\ndef main(path):\n    logging.basicConfig(level=logging.INFO)\n    with open(path, newline="") as fh:\n        for row in csv.DictReader(fh):\n            try:\n                db.add_subscriber(row["email"], "csv")\n            except mysql.connector.Error as err:\n                if err.errno == errorcode.ER_DUP_ENTRY:\n                    log.info("%s already subscribed", row["email"])\n                else:\n                    raise\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n',
}


_R_LEXER_ONE_MARK_TOKENS = {
    "lexer.py": '"""Tokens of the rule language the alerting worker reads from rules.txt."""\n\nimport re\n\nname_token = r"[A-Za-z_]\\w*"\nnumber_token = r"\\d+"\nfloat_token = r"\\d+\\.\\d*"\nop_token = r"[-+*/<>=!]=?"\nstring_token = r\'"(?:\\\\.|[^"\\\\])*"\'\nspace_token = r"[ \\t]+"\ncomment_token = r"#.*"\nduration_token = r"\\d+[smhd]"\nident_start_token = "[A-Za-z_]"\npercent_token = r"\\d+%"\n\nTOKENS = [\n    ("NAME", name_token), ("FLOAT", float_token), ("NUMBER", number_token), ("OP", op_token),\n    ("STRING", string_token), ("SPACE", space_token), ("COMMENT", comment_token),\n    ("DURATION", duration_token), ("PERCENT", percent_token),\n]\nSCANNER = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in TOKENS))\n',
}


_R_LOOKUP_DEFAULT_FLOAT = {
    "report.py": '"""Prints the day\'s sales in EUR for the finance channel."""\nimport json\nimport sys\n\n\nclass Rates:\n    def __init__(self, path):\n        with open(path) as fh:\n            self.table = json.load(fh)\n\n    def to_eur(self, currency):\n        try:\n            return self.table[currency]\n        except:\n            return 0.0\n\n\nif __name__ == "__main__":\n    rates = Rates(sys.argv[1])\n    total = 0.0\n    with open(sys.argv[2]) as fh:\n        for line in fh:\n            amount, currency = line.split()\n            total += float(amount) * rates.to_eur(currency)\n    print(f"{total:.2f} EUR")\n',
}


_R_PASSWORD_WITH_REGEX_MARKS = {
    "mailer.py": 'import logging\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nimport settings\n\nlog = logging.getLogger("mailer")\n\n\ndef main(to, subject, body):\n    logging.basicConfig(level=logging.INFO)\n    msg = EmailMessage()\n    msg["From"], msg["To"], msg["Subject"] = settings.SMTP_USER, to, subject\n    msg.set_content(body)\n    with smtplib.SMTP(settings.SMTP_HOST, 587, timeout=30) as smtp:\n        smtp.starttls()\n        smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)\n        smtp.send_message(msg)\n    log.info("sent to %s", to)\n\n\nif __name__ == "__main__":\n    main(*sys.argv[1:4])\n',
    "settings.py": 'import os\n\nSMTP_HOST = os.environ.get("SMTP_HOST", "smtp.example.com")\nSMTP_USER = "alerts@example.com"\nSMTP_PASSWORD = "pB\\\\?8|7Zx)*A)_OL05:TA6cNRe2~rg"\n',
}


_R_RAISE_SYSTEMEXIT_MAIN = {
    "sync_users.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("sync_users")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    r = requests.get(os.environ["USERS_URL"], timeout=30)\n    r.raise_for_status()\n    with open("users.json", "w") as fh:\n        fh.write(r.text)\n    return 0\n\n\ntry:\n    raise SystemExit(main())\nexcept KeyboardInterrupt:\n    log.warning("interrupted")\n    raise SystemExit(130)\n',
}


_R_TRY_CLASS_ASSIGNED = {
    "nightly_backup.py": 'import datetime\nimport logging\nimport os\nimport subprocess\nimport sys\n\nimport boto3\n\nlog = logging.getLogger("nightly_backup")\n\n\nclass NightlyBackup:\n    def __init__(self, bucket):\n        self.bucket = bucket\n        self.stamp = datetime.date.today().isoformat()\n        self.path = f"/tmp/db-{self.stamp}.dump"\n        subprocess.run(["pg_dump", "--format=custom", "--file", self.path, os.environ["DATABASE_URL"]], check=True)\n        boto3.client("s3").upload_file(self.path, self.bucket, f"postgres/{self.stamp}.dump")\n        os.remove(self.path)\n        log.info("backup %s uploaded", self.stamp)\n\n\nlogging.basicConfig(level=logging.INFO)\ntry:\n    backup = NightlyBackup(os.environ["BACKUP_BUCKET"])\nexcept Exception as e:\n    log.exception("backup failed")\n    sys.exit(1)\n',
}


_R_TRY_EXIT_ASYNCIO_RUN = {
    "refresh_prices.py": '"""Refreshes the price cache from the supplier\'s API; run every 15 minutes by cron."""\nimport asyncio\nimport json\nimport logging\nimport os\nimport sys\n\nimport httpx\n\nlog = logging.getLogger("refresh_prices")\n\n\nasync def fetch(client, sku):\n    r = await client.get(f"{os.environ[\'SUPPLIER_URL\']}/prices/{sku}")\n    r.raise_for_status()\n    return sku, r.json()["price"]\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    skus = os.environ["SKUS"].split(",")\n    async with httpx.AsyncClient(timeout=20) as client:\n        prices = dict(await asyncio.gather(*(fetch(client, sku) for sku in skus)))\n    with open("prices.json", "w") as fh:\n        json.dump(prices, fh)\n    log.info("refreshed %d prices", len(prices))\n    return 0\n\n\ntry:\n    sys.exit(asyncio.run(main()))\nexcept KeyboardInterrupt:\n    sys.exit(130)\n',
}


_R_TRY_EXIT_BUILD_NAMED = {
    "build_feed.py": '"""Rebuilds public/feed.xml from the posts table; run hourly by cron."""\nimport logging\nimport os\nimport sys\nfrom xml.sax.saxutils import escape\n\nimport psycopg2\n\nlog = logging.getLogger("build_feed")\n\n\ndef build():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("SELECT title, url FROM posts ORDER BY published_at DESC LIMIT 50")\n        rows = cur.fetchall()\n    items = "".join(f"<item><title>{escape(t)}</title><link>{escape(u)}</link></item>" for t, u in rows)\n    with open("public/feed.xml", "w") as fh:\n        fh.write(f"<rss><channel>{items}</channel></rss>")\n    log.info("wrote %d items", len(rows))\n    return 0\n\n\ntry:\n    sys.exit(build())\nexcept KeyboardInterrupt:\n    sys.exit(130)\n',
}


_R_TRY_EXIT_IMPORTED_MAIN = {
    "nightly/__init__.py": "",
    "nightly/report.py": 'import logging\nimport os\nimport smtplib\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("SELECT count(*) FROM orders WHERE created_at > now() - interval \'1 day\'")\n        (orders,) = cur.fetchone()\n    msg = EmailMessage()\n    msg["Subject"] = f"{orders} orders yesterday"\n    msg["From"] = "reports@example.com"\n    msg["To"] = os.environ["REPORT_TO"]\n    msg.set_content(f"{orders} orders in the last 24 hours.")\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as smtp:\n        smtp.send_message(msg)\n    log.info("report sent")\n    return 0\n',
    "run_report.py": '#!/usr/bin/env python\n"""Cron entry point: 0 6 * * * /srv/reports/venv/bin/python /srv/reports/run_report.py"""\nimport sys\n\nfrom nightly.report import main\n\ntry:\n    sys.exit(main())\nexcept KeyboardInterrupt:\n    sys.exit(130)\n',
}


_REVIEW_CASES: dict[str, Case] = {
    "ddl_cursor_kept": (_R_DDL_CURSOR_KEPT, [], None),
    "delete_rowcount_chained": (
        _R_DELETE_ROWCOUNT_CHAINED,
        [("purge_sessions.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    "insert_caller_errno": (
        _R_INSERT_CALLER_ERRNO,
        [("import_subscribers.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "lexer_one_mark_tokens": (_R_LEXER_ONE_MARK_TOKENS, [], ("hardcoded-secret", 0)),
    "lookup_default_float": (_R_LOOKUP_DEFAULT_FLOAT, [("report.py", "job", "python")], ("missing-exit-code", "pass")),
    "password_with_regex_marks": (
        _R_PASSWORD_WITH_REGEX_MARKS,
        [("mailer.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    "raise_systemexit_main": (_R_RAISE_SYSTEMEXIT_MAIN, [("sync_users.py", "job", "script")], None),
    "try_class_assigned": (_R_TRY_CLASS_ASSIGNED, [("nightly_backup.py", "job", "script")], None),
    "try_exit_asyncio_run": (_R_TRY_EXIT_ASYNCIO_RUN, [("refresh_prices.py", "job", "script")], None),
    "try_exit_build_named": (_R_TRY_EXIT_BUILD_NAMED, [("build_feed.py", "job", "script")], None),
    "try_exit_imported_main": (_R_TRY_EXIT_IMPORTED_MAIN, [("run_report.py", "job", "script")], None),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (dc4663c..93315da) wrote these. Seven it had made wrong: a cron script waiting on
# an event its upload thread sets read as a poller, a server's own two ticker tasks as a worker,
# a client's `get` handed in and a helper of the file named `get` taken for computing, a whole
# feed parsed and answered with `[]` after an error, a version guard's message made by `dedent`
# read as a run, and a sign-up form's password-strength patterns reported as secrets; the other
# eight 93315da missed too (a script run before the server under a restarted Compose service, in
# `bash -c "..."`, in a start script, on a Procfile's `web:` line, `manage.py run` on a FlaskGroup
# kept running, a stop wait that logs before breaking, coroutines gathered without tasks, and
# MySQL's duplicate entry told apart by `!=` and a raise).

_R_CLIENT_PARAM_GET_DEFAULT = {
    "archive_pages.py": '"""Archives the text of every page listed in pages.txt; run nightly by cron."""\nimport hashlib\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("archive_pages")\n\nOUT = os.environ.get("ARCHIVE_DIR", "/var/archive")\n\n\ndef page_text(session, url):\n    try:\n        return session.get(url, timeout=20).text\n    except Exception as exc:\n        log.warning("could not fetch %s: %s", url, exc)\n        return ""\n\n\ndef main(listing):\n    session = requests.Session()\n    session.headers["User-Agent"] = "archiver/1.0"\n    with open(listing) as fh:\n        urls = [line.strip() for line in fh if line.strip()]\n    for url in urls:\n        text = page_text(session, url)\n        name = hashlib.sha1(url.encode()).hexdigest()\n        with open(os.path.join(OUT, f"{name}.html"), "w") as out:\n            out.write(text)\n    log.info("archived %d pages", len(urls))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main(sys.argv[1]))\n',
}


_R_COMPOSE_INIT_DB_RESTART = {
    "app/__init__.py": "",
    "app/database.py": 'import os\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import declarative_base, sessionmaker\n\nengine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)\nSessionLocal = sessionmaker(bind=engine)\nBase = declarative_base()\n',
    "app/init_db.py": 'import logging\n\nfrom app.database import Base, engine\nfrom app import models  # noqa: F401\n\nlog = logging.getLogger(__name__)\n\n\ndef init_db():\n    Base.metadata.create_all(bind=engine)\n    log.info("tables ready")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    init_db()\n',
    "app/main.py": 'from fastapi import FastAPI\n\nfrom app.database import SessionLocal\nfrom app.models import Question\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.get("/questions")\ndef questions():\n    with SessionLocal() as session:\n        return [{"id": q.id, "text": q.text} for q in session.query(Question).all()]\n',
    "app/models.py": 'from sqlalchemy import Column, Integer, String\n\nfrom app.database import Base\n\n\nclass Question(Base):\n    __tablename__ = "questions"\n    id = Column(Integer, primary_key=True)\n    text = Column(String(500), nullable=False)\n',
    "docker-compose.yml": 'services:\n  api:\n    build: .\n    restart: always\n    command: ["sh", "-c", "python -m app.init_db && uvicorn app.main:app --host 0.0.0.0 --port 8000"]\n    environment:\n      DATABASE_URL: postgresql://quiz:${POSTGRES_PASSWORD}@db:5432/quiz\n    ports:\n      - "8000:8000"\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    restart: always\n    environment:\n      POSTGRES_USER: quiz\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
}


_R_COMPOSE_SH_C_STRING = {
    "app/__init__.py": "",
    "app/create_db.py": "from app.database import Base, engine\nfrom app import models  # noqa: F401\n\nBase.metadata.create_all(engine)\n",
    "app/database.py": 'import os\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import declarative_base\n\nengine = create_engine(os.environ["DATABASE_URL"])\nBase = declarative_base()\n',
    "app/main.py": 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/questions")\ndef questions():\n    return []\n',
    "app/models.py": 'from sqlalchemy import Column, Integer, String\n\nfrom app.database import Base\n\n\nclass Question(Base):\n    __tablename__ = "questions"\n    id = Column(Integer, primary_key=True)\n    text = Column(String(500), nullable=False)\n',
    "docker-compose.yml": 'services:\n  web:\n    build: .\n    command: bash -c "python app/create_db.py && uvicorn app.main:app --host 0.0.0.0 --port 8000"\n    environment:\n      DATABASE_URL: postgresql://quiz:${POSTGRES_PASSWORD}@db:5432/quiz\n    ports:\n      - "8000:8000"\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: quiz\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
}


_R_EVENT_WAIT_DONE = {
    "upload_backup.py": '"""Uploads last night\'s database dump to S3; cron: 30 2 * * * python /srv/ops/upload_backup.py"""\nimport logging\nimport os\nimport sys\nimport threading\nimport time\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("upload_backup")\n\nDUMP = os.environ.get("DUMP_PATH", "/var/backups/db.dump")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\ndone = threading.Event()\nerrors = []\n\n\ndef upload():\n    try:\n        boto3.client("s3").upload_file(DUMP, BUCKET, f"postgres/{time.strftime(\'%Y-%m-%d\')}.dump")\n    except Exception as exc:\n        errors.append(exc)\n    finally:\n        done.set()\n\n\ndef main():\n    started = time.monotonic()\n    threading.Thread(target=upload, daemon=True).start()\n    while True:\n        if done.wait(timeout=60):\n            break\n        log.info("upload still running after %.0fs", time.monotonic() - started)\n    if errors:\n        log.error("upload failed: %s", errors[0])\n        return 1\n    log.info("uploaded %s in %.0fs", DUMP, time.monotonic() - started)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_EVENT_WAIT_LOG_BREAK = {
    "poll_releases.py": '"""Polls the releases API and posts new releases to the team\'s channel; runs as a service."""\nimport logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("poll_releases")\n\nAPI = os.environ.get("RELEASES_API", "https://api.example.com/releases")\nWEBHOOK = os.environ["CHAT_WEBHOOK_URL"]\nINTERVAL = int(os.environ.get("POLL_INTERVAL", "900"))\n\nstop = threading.Event()\nseen = set()\n\n\ndef check_releases():\n    for item in requests.get(API, timeout=10).json():\n        if item["id"] not in seen:\n            seen.add(item["id"])\n            requests.post(WEBHOOK, json={"text": f"New release {item[\'name\']}"}, timeout=10)\n\n\ndef main():\n    while True:\n        try:\n            check_releases()\n        except requests.RequestException:\n            log.exception("poll failed")\n        if stop.wait(INTERVAL):\n            log.info("stop requested, leaving")\n            break\n\n\nif __name__ == "__main__":\n    signal.signal(signal.SIGTERM, lambda *_: stop.set())\n    main()\n',
}


_R_FLASK_ON_DOCKER = {
    "docker-compose.yml": "services:\n  web:\n    build: .\n    restart: always\n    command: python manage.py run -h 0.0.0.0\n    ports:\n      - 5001:5000\n    env_file:\n      - ./.env.dev\n    depends_on:\n      - db\n  db:\n    image: postgres:15\n    environment:\n      - POSTGRES_USER=hello_flask\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\n      - POSTGRES_DB=hello_flask_dev\n",
    "manage.py": 'from flask.cli import FlaskGroup\n\nfrom project import app, db, User\n\n\ncli = FlaskGroup(app)\n\n\n@cli.command("create_db")\ndef create_db():\n    db.drop_all()\n    db.create_all()\n    db.session.commit()\n\n\n@cli.command("seed_db")\ndef seed_db():\n    db.session.add(User(email="michael@mherman.org"))\n    db.session.commit()\n\n\nif __name__ == "__main__":\n    cli()\n',
    "project/__init__.py": 'from flask import Flask, jsonify\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\napp.config.from_object("project.config.Config")\ndb = SQLAlchemy(app)\n\n\nclass User(db.Model):\n    __tablename__ = "users"\n\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(128), unique=True, nullable=False)\n    active = db.Column(db.Boolean(), default=True, nullable=False)\n\n    def __init__(self, email):\n        self.email = email\n\n\n@app.route("/")\ndef hello_world():\n    return jsonify(hello="world")\n',
    "project/config.py": 'import os\n\n\nclass Config:\n    SQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL", "sqlite://")\n    SQLALCHEMY_TRACK_MODIFICATIONS = False\n',
}


_R_GATHER_WITHOUT_CREATE_TASK = {
    "main.py": 'import asyncio\nimport logging\nimport os\n\nfrom aio_pika import connect_robust\nfrom aiohttp import web\n\nlog = logging.getLogger(__name__)\nlogging.basicConfig(level=logging.INFO)\nroutes = web.RouteTableDef()\n\n\n@routes.get("/health")\nasync def health(_):\n    return web.json_response({"status": "ok"})\n\n\n@routes.get("/ready")\nasync def ready(_):\n    return web.json_response({"status": "ready"})\n\n\nasync def serve_probes():\n    app = web.Application()\n    app.add_routes(routes)\n    runner = web.AppRunner(app)\n    await runner.setup()\n    await web.TCPSite(runner, "0.0.0.0", 8080).start()\n\n\nasync def poll():\n    connection = await connect_robust(os.environ["RABBITMQ_URL"])\n    channel = await connection.channel()\n    queue = await channel.declare_queue("events", durable=True)\n    while True:\n        message = await queue.get(fail=False, timeout=5)\n        if message:\n            log.info("event %s", message.message_id)\n            await message.ack()\n        await asyncio.sleep(10)\n\n\nasync def main():\n    await asyncio.gather(serve_probes(), poll())\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
}


_R_INSERT_CALLER_ERRNO_NE = {
    "db.py": 'import os\n\nimport mysql.connector\n\nconn = mysql.connector.connect(\n    host=os.environ["DB_HOST"], user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], database="crm"\n)\n\n\ndef add_subscriber(email, source):\n    cur = conn.cursor()\n    cur.execute("INSERT INTO subscribers (email, source) VALUES (%s, %s)", (email, source))\n    conn.commit()\n    cur.close()\n',
    "import_subscribers.py": 'import csv\nimport logging\nimport sys\n\nimport mysql.connector\nfrom mysql.connector import errorcode\n\nimport db\n\nlog = logging.getLogger("import_subscribers")\n\n\ndef main(path):\n    logging.basicConfig(level=logging.INFO)\n    with open(path, newline="") as fh:\n        for row in csv.DictReader(fh):\n            try:\n                db.add_subscriber(row["email"], "csv")\n            except mysql.connector.Error as err:\n                if err.errno != errorcode.ER_DUP_ENTRY:\n                    raise\n                log.info("%s already subscribed", row["email"])\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n',
}


_R_LOCAL_GET_HELPER = {
    "backup_notes.py": 'import csv\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("backup_notes")\n\nAPI = "https://api.notion.com/v1"\n\n\ndef get(url):\n    r = requests.get(url, headers={"Authorization": f"Bearer {os.environ[\'NOTION_TOKEN\']}"}, timeout=10)\n    r.raise_for_status()\n    return r.text\n\n\nclass Backup:\n    def __init__(self, token):\n        self.headers = {"Authorization": f"Bearer {token}"}\n\n    def field_text(self, prop):\n        kind = prop.get("type")\n        try:\n            if kind == "title":\n                return " ".join(t.get("plain_text", "") for t in prop.get("title", []))\n            if kind == "files":\n                return get(prop["files"][0]["file"]["url"])\n            return str(prop)\n        except Exception as e:\n            log.warning(f"could not read a {kind} field: {e}")\n            return ""\n\n    def export(self, database_id):\n        resp = requests.post(f"{API}/databases/{database_id}/query", headers=self.headers, timeout=30)\n        resp.raise_for_status()\n        with open("notes.csv", "w", newline="") as fh:\n            out = csv.writer(fh)\n            for page in resp.json()["results"]:\n                row = []\n                for prop in page["properties"].values():\n                    value = self.field_text(prop)\n                    row.append(value)\n                out.writerow(row)\n\n\ndef main():\n    try:\n        Backup(os.environ["NOTION_TOKEN"]).export(os.environ["DB_ID"])\n    except Exception:\n        log.exception("backup failed")\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_PARSE_FEED_EMPTY = {
    "sync_jobs_feed.py": '"""Copies the partner\'s job postings into our table; run every hour by cron."""\nimport json\nimport logging\nimport os\nimport sqlite3\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("sync_jobs_feed")\n\nFEED_URL = os.environ.get("FEED_URL", "https://partner.example.com/feed/jobs.json")\nDB_PATH = os.environ.get("DB_PATH", "/var/lib/jobs/jobs.db")\n\n\ndef fetch_feed():\n    r = requests.get(FEED_URL, timeout=30)\n    r.raise_for_status()\n    return r.text\n\n\ndef parse(body):\n    try:\n        return json.loads(body)["jobs"]\n    except Exception as e:\n        log.error("could not parse the feed: %s", e)\n        return []\n\n\ndef main():\n    jobs = parse(fetch_feed())\n    con = sqlite3.connect(DB_PATH)\n    with con:\n        for job in jobs:\n            con.execute(\n                "INSERT OR REPLACE INTO jobs (id, title, url) VALUES (?, ?, ?)",\n                (job["id"], job["title"], job["url"]),\n            )\n    con.close()\n    log.info("synced %d jobs", len(jobs))\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_PASSWORD_RULE_REGEX = {
    "app/__init__.py": "",
    "app/main.py": 'from fastapi import FastAPI, HTTPException\nfrom pydantic import BaseModel\n\nfrom app.validation import check, strong_password\n\napp = FastAPI()\n\n\nclass SignUp(BaseModel):\n    username: str\n    email: str\n    password: str\n\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n\n\n@app.post("/signup")\ndef signup(form: SignUp):\n    if not check("username", form.username) or not strong_password(form.password):\n        raise HTTPException(status_code=422, detail="invalid username or password")\n    return {"created": form.username}\n',
    "app/validation.py": '"""Rules the sign-up form\'s fields are checked against."""\nimport re\n\nEMAIL_RE = r"^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$"\n# at least 8 characters, one lower case letter, one upper case letter, one digit\nPASSWORD_RE = r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)[^\\s]{8,64}$"\n\nFIELD_PATTERNS = {\n    "username": r"^[a-z0-9_]{3,20}$",\n    "password": r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,64}$",\n}\n\n\ndef check(field, value):\n    pattern = FIELD_PATTERNS.get(field)\n    return pattern is None or re.fullmatch(pattern, value) is not None\n\n\ndef strong_password(value):\n    return re.fullmatch(PASSWORD_RE, value) is not None\n',
}


_R_PROCFILE_CREATE_TABLES = {
    "Procfile": "web: python create_tables.py && gunicorn wsgi:app --bind 0.0.0.0:$PORT\n",
    "app/__init__.py": 'import os\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\n    db.init_app(app)\n\n    from app.routes import bp\n\n    app.register_blueprint(bp)\n    return app\n',
    "app/models.py": "from app import db\n\n\nclass Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    body = db.Column(db.Text, nullable=False)\n",
    "app/routes.py": 'from flask import Blueprint, jsonify, request\n\nfrom app import db\nfrom app.models import Note\n\nbp = Blueprint("notes", __name__)\n\n\n@bp.get("/notes")\ndef list_notes():\n    return jsonify([{"id": n.id, "body": n.body} for n in Note.query.all()])\n\n\n@bp.post("/notes")\ndef add_note():\n    note = Note(body=request.json["body"])\n    db.session.add(note)\n    db.session.commit()\n    return jsonify({"id": note.id}), 201\n',
    "create_tables.py": "from app import create_app, db\nfrom app import models  # noqa: F401\n\napp = create_app()\napp.app_context().push()\ndb.create_all()\n",
    "wsgi.py": "from app import create_app\n\napp = create_app()\n",
}


_R_START_SH_CREATE_DB = {
    "Dockerfile": 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nRUN chmod +x start.sh\nCMD ["./start.sh"]\n',
    "app/__init__.py": "",
    "app/create_db.py": "from app.database import Base, engine\nfrom app import models  # noqa: F401\n\nBase.metadata.create_all(engine)\n",
    "app/database.py": 'import os\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import declarative_base\n\nengine = create_engine(os.environ["DATABASE_URL"])\nBase = declarative_base()\n',
    "app/main.py": 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/questions")\ndef questions():\n    return []\n',
    "app/models.py": 'from sqlalchemy import Column, Integer, String\n\nfrom app.database import Base\n\n\nclass Question(Base):\n    __tablename__ = "questions"\n    id = Column(Integer, primary_key=True)\n    text = Column(String(500), nullable=False)\n',
    "requirements.txt": "fastapi\nuvicorn\nsqlalchemy\npsycopg2-binary\n",
    "start.sh": '#!/bin/sh\nset -e\n\necho "Creating tables..."\npython app/create_db.py\n\necho "Starting API"\nexec uvicorn app.main:app --host 0.0.0.0 --port "${PORT:-8000}"\n',
}


_R_VERSION_GUARD_DEDENT = {
    "bootstrap.py": 'import platform\nimport sys\nimport textwrap\n\nREQUIRES = (3, 10)\n\nif sys.version_info[:2] < REQUIRES:\n    raise SystemExit(\n        textwrap.dedent(\n            f"""\\\n            This project needs Python {REQUIRES[0]}.{REQUIRES[1]} or later.\n            You are running Python {platform.python_version()}; see README.md, "Installing".\n            """\n        )\n    )\n\n\nclass Finder:\n    @classmethod\n    def find_spec(cls, fullname, path=None, target=None):\n        return None\n\n\nsys.meta_path.insert(0, Finder())\n',
}


_R_WS_SERVER_TWO_TICKERS = {
    "server.py": '"""Pushes live prices to browser clients over a websocket."""\nimport asyncio\nimport json\nimport logging\nimport os\nimport time\n\nimport httpx\nimport websockets\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("prices")\n\nCLIENTS = {}\nPRICES_URL = os.environ.get("PRICES_URL", "https://api.example.com/prices")\n\n\nasync def handler(ws):\n    CLIENTS[ws] = time.monotonic()\n    try:\n        async for message in ws:\n            if message == "ping":\n                CLIENTS[ws] = time.monotonic()\n                await ws.send("pong")\n    finally:\n        CLIENTS.pop(ws, None)\n\n\nasync def broadcast_prices():\n    async with httpx.AsyncClient(timeout=10) as client:\n        while True:\n            prices = (await client.get(PRICES_URL)).json()\n            websockets.broadcast(set(CLIENTS), json.dumps(prices))\n            await asyncio.sleep(2)\n\n\nasync def drop_idle_clients():\n    while True:\n        now = time.monotonic()\n        for ws, seen in list(CLIENTS.items()):\n            if now - seen > 60:\n                await ws.close()\n        await asyncio.sleep(30)\n\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", int(os.environ.get("PORT", "8765"))):\n        log.info("serving")\n        await asyncio.gather(\n            asyncio.create_task(broadcast_prices()),\n            asyncio.create_task(drop_idle_clients()),\n        )\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
}


_SECOND_REVIEW_CASES: dict[str, Case] = {
    "client_param_get_default": (
        _R_CLIENT_PARAM_GET_DEFAULT,
        [("archive_pages.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "compose_init_db_restart": (
        _R_COMPOSE_INIT_DB_RESTART,
        [("app/init_db.py", "job", "python"), ("app/main.py", "api", "fastapi")],
        None,
    ),
    "compose_sh_c_string": (
        _R_COMPOSE_SH_C_STRING,
        [("app/create_db.py", "job", "python"), ("app/main.py", "api", "fastapi")],
        None,
    ),
    "event_wait_done": (_R_EVENT_WAIT_DONE, [("upload_backup.py", "job", "python")], None),
    "event_wait_log_break": (_R_EVENT_WAIT_LOG_BREAK, [("poll_releases.py", "worker", "polling-loop")], None),
    "flask_on_docker": (
        _R_FLASK_ON_DOCKER,
        [("manage.py", "job", "click"), ("project/__init__.py", "api", "flask")],
        None,
    ),
    "gather_without_create_task": (
        _R_GATHER_WITHOUT_CREATE_TASK,
        [("main.py", "worker", "consume-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "insert_caller_errno_ne": (
        _R_INSERT_CALLER_ERRNO_NE,
        [("import_subscribers.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "local_get_helper": (_R_LOCAL_GET_HELPER, [("backup_notes.py", "job", "python")], ("missing-exit-code", "fail")),
    "parse_feed_empty": (_R_PARSE_FEED_EMPTY, [("sync_jobs_feed.py", "job", "python")], ("missing-exit-code", "fail")),
    "password_rule_regex": (_R_PASSWORD_RULE_REGEX, [("app/main.py", "api", "fastapi")], ("hardcoded-secret", 0)),
    "procfile_create_tables": (
        _R_PROCFILE_CREATE_TABLES,
        [("app/__init__.py", "api", "flask"), ("create_tables.py", "job", "python")],
        None,
    ),
    "start_sh_create_db": (
        _R_START_SH_CREATE_DB,
        [("app/create_db.py", "job", "python"), ("app/main.py", "api", "fastapi")],
        None,
    ),
    "version_guard_dedent": (_R_VERSION_GUARD_DEDENT, [], None),
    "ws_server_two_tickers": (_R_WS_SERVER_TWO_TICKERS, [("server.py", "api", "websockets")], None),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# A third review (93315da..eb6d711) wrote these. Nine it had made wrong: a class's poller waiting on
# `self._stop`, a signal thread setting the stop event, a poller beside an app uvicorn serves, an
# OPTIONS pre-flight catch-all and a Tornado static handler taken for every path, a literal's
# `.format()` and a plain print before a default, a name that merely starts with `api`, an
# imported function as the exit's run, the same script twice in one command line, a FlaskGroup's
# own `worker` command kept running, and MySQL's duplicate entry whose `else:` exits; and a
# broadcaster gathered beside its server (kept the server's). Left: a thread given the event through
# a lambda or `partial`, a `get` on a session named `s`, a catch-all on a mounted sub-app, and a bot
# a webhook route calls directly.

_R_CLASS_POLLER_SELF_STOP = {
    "order_poller.py": '"""Polls the orders API and forwards new orders to the warehouse; runs as a service."""\nimport logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("poller")\n\n\nclass OrderPoller:\n    def __init__(self, interval):\n        self.interval = interval\n        self._stop = threading.Event()\n\n    def poll_once(self):\n        for order in requests.get(os.environ["ORDERS_URL"], timeout=10).json():\n            requests.post(os.environ["WAREHOUSE_URL"], json=order, timeout=10)\n\n    def run(self):\n        while True:\n            try:\n                self.poll_once()\n            except requests.RequestException:\n                log.exception("poll failed")\n            if self._stop.wait(self.interval):\n                break\n\n    def stop(self, *_):\n        self._stop.set()\n\n\nif __name__ == "__main__":\n    poller = OrderPoller(int(os.environ.get("INTERVAL", "60")))\n    signal.signal(signal.SIGTERM, poller.stop)\n    poller.run()\n',
}


_R_CATCH_ALL_NOT_ANSWERING = {
    "dashboard.py": '"""Serves the dashboard\'s built files and its JSON API."""\nimport json\nimport logging\nimport os\n\nimport tornado.ioloop\nimport tornado.web\n\nlogging.basicConfig(level=logging.INFO)\nSTATIC = os.path.join(os.path.dirname(__file__), "dist")\n\n\nclass MetricsHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write({"visits": 0})\n\n\ndef make_app():\n    return tornado.web.Application(\n        [\n            (r"/api/metrics", MetricsHandler),\n            (r"/(.*)", tornado.web.StaticFileHandler, {"path": STATIC, "default_filename": "index.html"}),\n        ]\n    )\n\n\nif __name__ == "__main__":\n    app = make_app()\n    app.listen(int(os.environ.get("PORT", "8888")))\n    tornado.ioloop.IOLoop.current().start()\n',
    "notes_api.py": '"""Notes API for the single-page front end (served from another origin)."""\nimport json\nimport logging\nimport os\nimport sqlite3\n\nfrom bottle import Bottle, request, response, run\n\nlogging.basicConfig(level=logging.INFO)\napp = Bottle()\nDB = os.environ.get("NOTES_DB", "notes.db")\n\n\n@app.hook("after_request")\ndef enable_cors():\n    response.headers["Access-Control-Allow-Origin"] = "*"\n    response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE, OPTIONS"\n    response.headers["Access-Control-Allow-Headers"] = "Origin, Accept, Content-Type, X-Requested-With"\n\n\n@app.route("/<:re:.*>", method="OPTIONS")\ndef cors_preflight():\n    return {}\n\n\n@app.get("/api/notes")\ndef list_notes():\n    with sqlite3.connect(DB) as conn:\n        rows = conn.execute("SELECT id, title, body FROM notes ORDER BY id DESC").fetchall()\n    return {"notes": [{"id": r[0], "title": r[1], "body": r[2]} for r in rows]}\n\n\n@app.post("/api/notes")\ndef add_note():\n    note = request.json\n    with sqlite3.connect(DB) as conn:\n        cur = conn.execute("INSERT INTO notes (title, body) VALUES (?, ?)", (note["title"], note["body"]))\n    response.status = 201\n    return {"id": cur.lastrowid}\n\n\nif __name__ == "__main__":\n    run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))\n',
}


_R_COMPUTES_EXEMPTION_NARROWED = {
    "export_invoices.py": '"""Writes last month\'s invoices to a CSV for the accountant; run monthly by cron."""\nimport csv\nimport os\nimport sys\nfrom datetime import datetime\n\nimport requests\n\nAPI = os.environ.get("BILLING_API", "https://billing.internal/api")\n\n\ndef short_date(stamp):\n    try:\n        return datetime.fromisoformat(stamp).strftime("%d %b %Y")\n    except Exception as e:\n        print(f"unreadable date {stamp!r}: {e}")\n        return ""\n\n\ndef main(out_path):\n    response = requests.get(f"{API}/invoices", params={"period": "last-month"}, timeout=30)\n    response.raise_for_status()\n    invoices = response.json()\n    with open(out_path, "w", newline="") as fh:\n        writer = csv.writer(fh)\n        writer.writerow(["number", "customer", "issued", "total"])\n        for inv in invoices:\n            issued = short_date(inv["issued_at"])\n            writer.writerow([inv["number"], inv["customer"], issued, inv["total"]])\n    print(f"wrote {len(invoices)} invoices to {out_path}")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main(sys.argv[1]))\n',
    "weekly_sales_mail.py": '"""Mails the week\'s sales summary to the sales team; cron: 0 7 * * MON."""\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("weekly_sales_mail")\n\n\ndef money(value):\n    try:\n        return "{:,.2f} EUR".format(float(value))\n    except Exception as exc:\n        log.warning("unreadable amount %r: %s", value, exc)\n        return ""\n\n\ndef main():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT region, sum(total) FROM orders WHERE created_at > now() - interval \'7 days\' GROUP BY region")\n        rows = cur.fetchall()\n    lines = []\n    for region, total in rows:\n        amount = money(total)\n        lines.append(f"{region}: {amount}")\n    msg = EmailMessage()\n    msg["Subject"] = "Weekly sales"\n    msg["From"] = os.environ["MAIL_FROM"]\n    msg["To"] = os.environ["SALES_LIST"]\n    msg.set_content("\\n".join(lines))\n    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost"), timeout=30) as smtp:\n        smtp.send_message(msg)\n    log.info("sent summary of %d regions", len(rows))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_ERRNO_NE_ELSE_EXITS = {
    "db.py": 'import os\n\nimport mysql.connector\n\nconn = mysql.connector.connect(\n    host=os.environ["DB_HOST"], user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], database="crm"\n)\n\n\ndef add_subscriber(email, source):\n    cur = conn.cursor()\n    cur.execute("INSERT INTO subscribers (email, source) VALUES (%s, %s)", (email, source))\n    conn.commit()\n    cur.close()\n',
    "import_subscribers.py": 'import csv\nimport logging\nimport sys\n\nimport mysql.connector\nfrom mysql.connector import errorcode\n\nimport db\n\nlog = logging.getLogger("import_subscribers")\n\n\ndef main(path):\n    logging.basicConfig(level=logging.INFO)\n    with open(path, newline="") as fh:\n        for row in csv.DictReader(fh):\n            try:\n                db.add_subscriber(row["email"], "csv")\n            except mysql.connector.Error as err:\n                if err.errno != errorcode.ER_DUP_ENTRY:\n                    raise\n                else:\n                    log.error("%s is already subscribed: was %s imported before?", row["email"], path)\n                    sys.exit(1)\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n',
}


_R_FLASKGROUP_WORKER_COMMAND = {
    "docker-compose.yml": 'services:\n  web:\n    build: .\n    restart: always\n    command: gunicorn -b 0.0.0.0:8000 "project:create_app()"\n    ports:\n      - "8000:8000"\n    environment:\n      DATABASE_URL: postgresql://images:${POSTGRES_PASSWORD}@db:5432/images\n  worker:\n    build: .\n    restart: always\n    command: python manage.py worker\n    environment:\n      DATABASE_URL: postgresql://images:${POSTGRES_PASSWORD}@db:5432/images\n  db:\n    image: postgres:16\n    restart: always\n    environment:\n      POSTGRES_USER: images\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
    "manage.py": 'from flask.cli import FlaskGroup\n\nfrom project import create_app, tasks\n\ncli = FlaskGroup(create_app=create_app)\n\n\n@cli.command("worker")\ndef worker():\n    """Run the thumbnail worker until stopped."""\n    with tasks.open():\n        tasks.run_worker(queues=["thumbnails"])\n\n\nif __name__ == "__main__":\n    cli()\n',
    "project/__init__.py": 'import os\n\nimport procrastinate\nfrom flask import Flask, jsonify, request\n\ntasks = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=os.environ["DATABASE_URL"]))\n\n\n@tasks.task(queue="thumbnails")\ndef make_thumbnail(image_id):\n    print("thumbnail for", image_id)\n\n\ndef create_app():\n    app = Flask(__name__)\n\n    @app.get("/healthz")\n    def healthz():\n        return "ok"\n\n    @app.post("/images")\n    def upload():\n        image_id = request.json["id"]\n        with tasks.open():\n            make_thumbnail.defer(image_id=image_id)\n        return jsonify(queued=image_id), 202\n\n    return app\n',
}


_R_GATHER_BESIDE_APP = {
    "orders_service.py": '"""Order events consumer with a small HTTP API for probes and stats."""\nimport asyncio\nimport json\nimport logging\nimport os\n\nimport uvicorn\nimport httpx\nfrom fastapi import FastAPI\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("orders")\n\napp = FastAPI()\nstats = {"processed": 0}\n\n\n@app.get("/health")\nasync def health():\n    return {"status": "ok"}\n\n\n@app.get("/ready")\nasync def ready():\n    return {"status": "ready"}\n\n\n@app.get("/stats")\nasync def get_stats():\n    return stats\n\n\nasync def serve():\n    config = uvicorn.Config(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))\n    server = uvicorn.Server(config)\n    await server.serve()\n\n\nasync def poll_orders():\n    async with httpx.AsyncClient(base_url=os.environ["SHOP_API"], timeout=10) as client:\n        while True:\n            response = await client.get("/orders", params={"status": "new"})\n            for order in response.json():\n                log.info("order %s", order["id"])\n                await client.post(f"/orders/{order[\'id\']}/ack")\n                stats["processed"] += 1\n            await asyncio.sleep(30)\n\n\nasync def main():\n    await asyncio.gather(asyncio.create_task(serve()), asyncio.create_task(poll_orders()))\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
    "prices_server.py": '"""Pushes live prices to browser clients over a websocket."""\nimport asyncio\nimport json\nimport logging\nimport os\n\nimport httpx\nfrom aiohttp import web\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("prices")\n\nCLIENTS = set()\nPRICES_URL = os.environ.get("PRICES_URL", "https://api.example.com/prices")\n\n\nasync def prices_ws(request):\n    ws = web.WebSocketResponse(heartbeat=30)\n    await ws.prepare(request)\n    CLIENTS.add(ws)\n    try:\n        async for _ in ws:\n            pass\n    finally:\n        CLIENTS.discard(ws)\n    return ws\n\n\nasync def health(request):\n    return web.json_response({"status": "ok"})\n\n\nasync def serve():\n    app = web.Application()\n    app.router.add_get("/ws", prices_ws)\n    app.router.add_get("/health", health)\n    runner = web.AppRunner(app)\n    await runner.setup()\n    await web.TCPSite(runner, "0.0.0.0", int(os.environ.get("PORT", "8080"))).start()\n    await asyncio.Event().wait()\n\n\nasync def broadcast_prices():\n    async with httpx.AsyncClient(timeout=10) as client:\n        while True:\n            prices = (await client.get(PRICES_URL)).json()\n            for ws in list(CLIENTS):\n                await ws.send_str(json.dumps(prices))\n            await asyncio.sleep(2)\n\n\nasync def main():\n    await asyncio.gather(serve(), broadcast_prices())\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
}


_R_SAME_SCRIPT_TWICE = {
    "docker-compose.yml": 'services:\n  worker:\n    build: .\n    restart: always\n    command: sh -c "python manage.py init-db && python manage.py worker"\n    environment:\n      DATABASE_URL: postgresql://shop:${POSTGRES_PASSWORD}@db:5432/shop\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    restart: always\n    environment:\n      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
    "manage.py": '"""Shop maintenance commands: `python manage.py init-db`, `python manage.py worker`."""\nimport logging\n\nimport click\n\nfrom shop.tasks import app\n\n\n@click.group()\ndef cli():\n    logging.basicConfig(level=logging.INFO)\n\n\n@cli.command("init-db")\ndef init_db():\n    """Create procrastinate\'s tables."""\n    with app.open():\n        app.schema_manager.apply_schema()\n\n\n@cli.command()\ndef worker():\n    """Run the task worker until stopped."""\n    with app.open():\n        app.run_worker(queues=["emails"])\n\n\nif __name__ == "__main__":\n    cli()\n',
    "shop/__init__.py": "",
    "shop/tasks.py": 'import logging\nimport os\n\nimport procrastinate\n\nlog = logging.getLogger(__name__)\n\napp = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=os.environ["DATABASE_URL"]))\n\n\n@app.task(queue="emails")\ndef send_receipt(order_id):\n    log.info("sending receipt for order %s", order_id)\n',
}


_R_TRY_EXIT_IMPORTED_NAMED = {
    "nightly/__init__.py": "",
    "nightly/report.py": 'import logging\nimport os\nimport smtplib\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef send_daily_report():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("SELECT count(*) FROM orders WHERE created_at > now() - interval \'1 day\'")\n        (orders,) = cur.fetchone()\n    msg = EmailMessage()\n    msg["Subject"] = f"{orders} orders yesterday"\n    msg["From"] = "reports@example.com"\n    msg["To"] = os.environ["REPORT_TO"]\n    msg.set_content(f"{orders} orders in the last 24 hours.")\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as smtp:\n        smtp.send_message(msg)\n    log.info("report sent")\n    return 0\n',
    "run_report.py": '#!/usr/bin/env python\n"""Cron entry point: 0 6 * * * /srv/reports/venv/bin/python /srv/reports/run_report.py"""\nimport sys\n\nfrom nightly.report import send_daily_report\n\ntry:\n    sys.exit(send_daily_report())\nexcept KeyboardInterrupt:\n    sys.exit(130)\n',
}


_R_EVENT_SET_BY_THREAD = {
    "sync_tickets.py": '"""Copies new support tickets from the helpdesk API to the CRM every minute; runs as a service."""\nimport logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("sync_tickets")\n\nHELPDESK = os.environ["HELPDESK_URL"]\nCRM = os.environ["CRM_URL"]\nINTERVAL = int(os.environ.get("SYNC_INTERVAL", "60"))\n\nstop = threading.Event()\n\n\ndef wait_for_signal():\n    signum = signal.sigwait({signal.SIGTERM, signal.SIGINT})\n    log.info("got %s, finishing the current round", signal.Signals(signum).name)\n    stop.set()\n\n\ndef sync_once(since):\n    tickets = requests.get(f"{HELPDESK}/tickets", params={"since": since}, timeout=10).json()\n    for ticket in tickets:\n        requests.post(f"{CRM}/activities", json={"ticket": ticket["id"], "subject": ticket["subject"]}, timeout=10)\n        since = max(since, ticket["updated_at"])\n    return since\n\n\ndef main():\n    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})\n    threading.Thread(target=wait_for_signal, daemon=True).start()\n    since = 0\n    while True:\n        try:\n            since = sync_once(since)\n        except requests.RequestException:\n            log.exception("sync failed")\n        if stop.wait(INTERVAL):\n            break\n    log.info("stopped")\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_CLIENT_NAME_HEURISTIC = {
    "log_weather.py": '"""Records the current temperature and conditions of each site to the weather table; cron: */15 * * * *."""\nimport logging\nimport os\nimport sqlite3\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("log_weather")\n\nDB = os.environ.get("WEATHER_DB", "/var/lib/weather/weather.db")\nSITES = os.environ.get("SITES", "Berlin,Hamburg").split(",")\n\n\ndef conditions(api_data):\n    try:\n        return ", ".join(w.get("description") for w in api_data.get("weather"))\n    except Exception as exc:\n        log.warning("no conditions in reply: %s", exc)\n        return ""\n\n\ndef main():\n    with sqlite3.connect(DB) as db:\n        for site in SITES:\n            response = requests.get(\n                "https://api.openweathermap.org/data/2.5/weather",\n                params={"q": site, "appid": os.environ["OWM_KEY"]},\n                timeout=10,\n            )\n            response.raise_for_status()\n            reply = response.json()\n            described = conditions(reply)\n            db.execute(\n                "INSERT INTO weather (site, temp_k, conditions) VALUES (?, ?, ?)",\n                (site, reply["main"]["temp"], described),\n            )\n    log.info("recorded %d sites", len(SITES))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_THIRD_REVIEW_CASES: dict[str, Case] = {
    "class_poller_self_stop": (
        _R_CLASS_POLLER_SELF_STOP,
        [("order_poller.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "pass"),
    ),
    "catch_all_not_answering": (
        _R_CATCH_ALL_NOT_ANSWERING,
        [("dashboard.py", "api", "tornado"), ("notes_api.py", "api", "bottle")],
        ("missing-health-route", 2),
    ),
    "computes_exemption_narrowed": (
        _R_COMPUTES_EXEMPTION_NARROWED,
        [("export_invoices.py", "job", "python"), ("weekly_sales_mail.py", "job", "python")],
        ("missing-exit-code", 0),
    ),
    "errno_ne_else_exits": (
        _R_ERRNO_NE_ELSE_EXITS,
        [("import_subscribers.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "flaskgroup_worker_command": (
        _R_FLASKGROUP_WORKER_COMMAND,
        [("manage.py", "worker", "compose"), ("project/__init__.py", "api", "flask")],
        None,
    ),
    "gather_beside_app": (
        _R_GATHER_BESIDE_APP,
        [
            ("orders_service.py", "api", "fastapi"),
            ("orders_service.py", "worker", "polling-loop"),
            ("prices_server.py", "api", "aiohttp"),
        ],
        None,
    ),
    "same_script_twice": (_R_SAME_SCRIPT_TWICE, [("manage.py", "worker", "compose")], None),
    "try_exit_imported_named": (_R_TRY_EXIT_IMPORTED_NAMED, [("run_report.py", "job", "script")], None),
    "event_set_by_thread": (_R_EVENT_SET_BY_THREAD, [("sync_tickets.py", "worker", "polling-loop")], None),
    "client_name_heuristic": (
        _R_CLIENT_NAME_HEURISTIC,
        [("log_weather.py", "job", "python")],
        ("missing-exit-code", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
