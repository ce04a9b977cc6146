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
