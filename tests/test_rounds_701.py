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
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
