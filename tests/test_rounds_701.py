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
    # trap: a version guard's message is no run
    "version_guard": (_VERSION_GUARD, [], None),
    "create_db_before_server": (
        _CREATE_DB_BEFORE_SERVER,
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
