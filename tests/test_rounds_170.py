"""Session 22: what blind rounds 170-184 showed, as small trees.

Each case fails on b53c80d, the commit the session began from, except the traps (marked), which
pass there and must not move. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_FEED_IMPORT = """\
    import sys

    from loguru import logger

    from store import fetch_entries, save_entry


    def main():
        failed = 0
        for entry in fetch_entries():
            try:
                save_entry(entry)
            except Exception as e:
                logger.error("could not store {{}}: {{}}", entry, e)
                {handled}
        {after}


    if __name__ == "__main__":
        main()
    """

_STORE = """\
    import requests


    def fetch_entries():
        return requests.get("https://feeds.example.com/items.json", timeout=10).json()


    def save_entry(entry):
        requests.post("https://store.example.com/items", json=entry, timeout=10).raise_for_status()
    """

_SCHEDULER = """\
    from apscheduler.schedulers.blocking import BlockingScheduler

    from words import {imported}

    scheduler = BlockingScheduler()


    @scheduler.scheduled_job("interval", minutes=30)
    def timed_job():
        {scheduled}


    if __name__ == "__main__":
        scheduler.start()
    """

_WORDS = """\
    import random

    import tweepy

    client = tweepy.Client(consumer_key="k", consumer_secret="s")


    def load_texts():
        with open("texts.txt") as f:
            return f.read().splitlines()


    def make_sentence(texts):
        return random.choice(texts)


    def tweet():
        client.create_tweet(text=make_sentence(load_texts()))


    if __name__ == "__main__":
        {guard}
    """

_PURGE = """\
    import argparse

    import boto3


    def main(args):
        ec2 = boto3.client("ec2")
        for image in ec2.describe_images(Owners=["self"])["Images"]:
            if {guard}:
                ec2.deregister_image(ImageId=image["ImageId"])
            else:
                print("would deregister", image["ImageId"])


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("{option}", action="store_true")
        main(parser.parse_args())
    """

_REDDIT = """\
    import os

    import praw

    reddit = praw.Reddit(
        client_id=os.getenv("REDDIT_CLIENT_ID"),
        client_secret=os.getenv("REDDIT_CLIENT_SECRET"),
        user_agent="greeter",
    )
    subreddit = reddit.subreddit("example")

    for comment in {stream}:
        if "hello bot" in comment.body.lower():
            comment.reply("Hey there!")
            {extra}
    """

_FUNCTION = """\
    import logging

    import functions_framework


    @functions_framework.http
    def export_rows(request):
        logging.info("export started")
        return "ok"
    """

_FUNCTION_MAIN = """\
    import logging
    import shutil

    logging.basicConfig(level=logging.INFO)
    from src.app import export_rows


    def backfill():
        shutil.copy("rows.csv", "/data/rows.csv")


    if __name__ == "__main__":
        export_rows(None)
        {more}
    """

_DOCKER_EVENTS = """\
    import logging
    import os

    import docker
    import requests

    logging.basicConfig(level=logging.INFO)
    log = logging.getLogger(__name__)


    class Monitor:
        def __init__(self):
            self.client = docker.from_env()
            self.webhook = os.environ["WEBHOOK_URL"]

        def watch(self):
            for event in self.client.events({arguments}):
                if event.get("Type") != "container":
                    continue
                requests.post(self.webhook, json={{"content": event["Action"]}}, timeout=10)


    def main():
        Monitor().watch()


    if __name__ == "__main__":
        main()
    """

_BOTTLE = """\
    from bottle import debug, route, run


    @route("/")
    def index():
        return "ok"


    {switch}
    run(host="0.0.0.0", port=8080)
    """

_SQS_DRAIN = """\
    import json
    import os

    import boto3

    sqs = boto3.resource("sqs")


    def handler():
        queue = sqs.Queue(os.environ["QUEUE_URL"])
        while True:
            messages = queue.receive_messages(MaxNumberOfMessages=1, WaitTimeSeconds=20)
            {empty}
            for message in messages:
                print(json.loads(message.body))
                message.delete()


    if __name__ == "__main__":
        handler()
    """

_JOBQUEUE_BOT = """\
    from telegram.ext import ApplicationBuilder, CommandHandler


    async def remind(context):
        await context.bot.send_message(chat_id=context.job.chat_id, text="stand-up")


    async def start(update, context):
        await update.message.reply_text("hi")


    def schedule_jobs(app, {second}):
        app.job_queue.run_repeating(remind, interval=3600, chat_id={chat})


    def main():
        application = ApplicationBuilder().token("x").build()
        application.add_handler(CommandHandler("start", start))
        schedule_jobs(application, {argument})
        application.run_polling()


    if __name__ == "__main__":
        main()
    """

_CASES: dict[str, Case] = {
    # round 170: a catch-all in the loop over entries only logs (loguru) and the run ends with 0
    "loguru_catch_all_in_a_loop": (
        {"main.py": _FEED_IMPORT.format(handled="continue", after="return None"), "store.py": _STORE},
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: it counts the failures and exits 1 when some failed
    "loguru_catch_all_counted_then_exit": (
        {
            "main.py": _FEED_IMPORT.format(handled="failed += 1", after="if failed:\n            sys.exit(1)"),
            "store.py": _STORE,
        },
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # round 176: a module a scheduler imports, whose `__main__` block only prints what its helpers make
    "scheduled_module_with_a_try_out_block": (
        {
            "main.py": _SCHEDULER.format(imported="tweet", scheduled="tweet()"),
            "words.py": _WORDS.format(guard="print(make_sentence(load_texts()))"),
        },
        [("main.py", "job", "apscheduler")],
        None,
    ),
    # trap: its `__main__` block runs the steps the scheduler runs: a job of its own too
    "scheduled_module_running_the_same_steps": (
        {
            "main.py": _SCHEDULER.format(
                imported="load_texts, make_sentence", scheduled="print(make_sentence(load_texts()))"
            ),
            "words.py": _WORDS.format(guard='print("posting")\n        texts = load_texts()\n        print(texts)'),
        },
        [("main.py", "job", "apscheduler"), ("words.py", "job", "python")],
        None,
    ),
    # round 171: `--actually-do-it` guards the deletion
    "purge_behind_actually_do_it": (
        {"purge_amis.py": _PURGE.format(guard="args.actually_do_it", option="--actually-do-it")},
        [("purge_amis.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # trap: an option that guards nothing it names (`--verbose`)
    "purge_behind_a_verbose_flag": (
        {"purge_amis.py": _PURGE.format(guard="args.verbose or True", option="--verbose")},
        [("purge_amis.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    # trap: a script outside any package that loads rows at module level (a job before too)
    "module_level_sql_script": (
        {
            "load.py": """\
                import csv

                import MySQLdb as mysql

                db = mysql.connect("localhost", "sensor", None, "sensors")
                cursor = db.cursor()
                with open("readings.csv") as f:
                    cursor.executemany("INSERT INTO readings (id, temp) VALUES (%s, %s)", list(csv.reader(f)))
                db.commit()
                db.close()
                """
        },
        [("load.py", "job", "script")],
        None,
    ),
    # trap: one that only creates a table is set-up, not a job (as test_regressions has it; round
    # 174's labeller marked one a job)
    "module_level_schema_script": (
        {
            "create.py": """\
                import MySQLdb as mysql

                db = mysql.connect("localhost", "sensor", None, "sensors")
                cursor = db.cursor()
                cursor.execute("CREATE TABLE readings (id INT PRIMARY KEY, temp INT NOT NULL)")
                db.close()
                """
        },
        [],
        None,
    ),
    # a cron job of rounds 65-169: a query at module level on a cursor named for what it is, of a
    # connection another module opened (found by 7e3f63f, lost by its first mends)
    "module_level_query_on_a_cursor": (
        {
            "conexion.py": 'import pyodbc\n\nconexionsql = pyodbc.connect("DSN=logs")\n',
            "select.py": """\
                from conexion import conexionsql

                try:
                    with conexionsql.cursor() as cursor:
                        cursor.execute("SELECT error FROM api_response_log WHERE error LIKE ?", ("%50%",))
                        for row in cursor.fetchall():
                            print(row)
                except Exception as e:
                    print("query failed:", e)
                finally:
                    conexionsql.close()
                """,
        },
        [("select.py", "job", "script")],
        None,
    ),
    # trap: a module others import sets up its table at import: a library, not a script
    "module_level_sql_in_an_imported_module": (
        {
            "db.py": """\
                import sqlite3

                conn = sqlite3.connect("app.db")
                conn.execute("CREATE TABLE IF NOT EXISTS readings (id INTEGER PRIMARY KEY, temp INTEGER)")
                """,
            "app.py": """\
                from flask import Flask

                from db import conn

                app = Flask(__name__)


                @app.get("/healthz")
                def health():
                    return "ok"
                """,
        },
        [("app.py", "api", "flask")],
        None,
    ),
    # round 179/184: a conversion script writing a table out, and InfluxDB points written at module level
    "module_level_table_written_out": (
        {
            "csv2json.py": 'import pandas as pd\n\ndf = pd.read_csv("student.csv")\ndf.to_json("temp.json", orient="records")\n'
        },
        [("csv2json.py", "job", "script")],
        None,
    ),
    "module_level_influx_points": (
        {
            "insert.py": """\
                import os

                from influxdb import InfluxDBClient

                client = InfluxDBClient(host="localhost", port=8086, password=os.environ["INFLUX_PASSWORD"])
                client.write_points([{"measurement": "temperature", "fields": {"temp": 0.0}}])
                """
        },
        [("insert.py", "job", "script")],
        None,
    ),
    # round 173: a PRAW comment stream read for as long as the process runs
    "reddit_comment_stream": (
        {"reddit_bot.py": _REDDIT.format(stream="subreddit.stream.comments(skip_existing=True)", extra="")},
        [("reddit_bot.py", "worker", "reddit")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: the hot list is a page of posts; the script ends
    "reddit_hot_list": (
        {"reddit_bot.py": _REDDIT.format(stream="subreddit.hot(limit=5)", extra="")},
        [("reddit_bot.py", "job", "script")],
        None,
    ),
    # trap: a stream left at the first match
    "reddit_stream_left_at_the_first_match": (
        {"reddit_bot.py": _REDDIT.format(stream="subreddit.stream.comments()", extra="break")},
        [("reddit_bot.py", "job", "script")],
        None,
    ),
    # round 175: a `__main__` block that only calls the Cloud Function another module defines
    "cloud_function_tried_out_by_main": (
        {"src/app.py": _FUNCTION, "main.py": _FUNCTION_MAIN.format(more='logging.info("done")')},
        [("src/app.py", "api", "cloud-functions")],
        None,
    ),
    # trap: the block also runs work of its own (a backfill): a job too
    "cloud_function_and_a_backfill": (
        {
            "src/app.py": _FUNCTION,
            "main.py": _FUNCTION_MAIN.format(more="backfill()"),
        },
        [("main.py", "job", "python"), ("src/app.py", "api", "cloud-functions")],
        None,
    ),
    # round 178: a jaraco `irc` bot class, started: its reactor runs for ever
    "irc_bot_class": (
        {
            "run.py": """\
                import irc.bot


                class Bot(irc.bot.SingleServerIRCBot):
                    def __init__(self, server="irc.example.net", port=6667, nickname="bot"):
                        super().__init__([(server, port)], nickname, nickname)

                    def on_welcome(self, connection, event):
                        connection.join("#ops")


                def main():
                    Bot().start()


                if __name__ == "__main__":
                    main()
                """
        },
        [("run.py", "worker", "irc")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # round 178: a token's prefix with the rest left to fill in
    "slack_token_prefix_placeholder": (
        {"config.py": "listener_bot_token = 'xoxb-*'\nslack_app_token = 'xapp-1-*'\n"},
        [],
        ("hardcoded-secret", 0),
    ),
    # trap: a real-looking app-level token is still one
    "slack_app_token": (
        {"config.py": "slack_app_token = 'xapp-1-A04B7J2K9QH-5112047781234-8f3c1e2d4b5a69788796a5b4c3d2e1f0'\n"},
        [],
        ("hardcoded-secret", 1),
    ),
    # the precision comparison: a random key that holds braces
    "random_key_with_braces": (
        {
            "main.py": "from flask import Flask\n\napp = Flask(__name__)\napp.secret_key = 'B;}}S5Cx@->^^\"hQT{T,GJ@YI*><17'\n"
        },
        [("main.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # trap: a connection template with slots
    "connection_template_with_slots": (
        {"main.py": "DATABASE_PASSWORD = '{user}:{password}@db.internal:5432/{name}?sslmode=require'\n"},
        [],
        ("hardcoded-secret", 0),
    ),
    # round 183: the Docker daemon's events, read for as long as the process runs
    "docker_events_stream": (
        {"main.py": _DOCKER_EVENTS.format(arguments="decode=True")},
        [("main.py", "worker", "docker-events")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: a past window of events ends
    "docker_events_window": (
        {
            "main.py": _DOCKER_EVENTS.format(arguments="since=start, until=end, decode=True").replace(
                "def watch(self):", "def watch(self, start=0, end=1):"
            )
        },
        [("main.py", "job", "python")],
        None,
    ),
    # round 183: Bottle's debug switched on at import
    "bottle_debug_at_import": (
        {"server.py": _BOTTLE.format(switch="debug(True)")},
        [("server.py", "api", "bottle")],
        ("debug-mode-enabled", "fail"),
    ),
    # trap: switched off
    "bottle_debug_off": (
        {"server.py": _BOTTLE.format(switch="debug(False)")},
        [("server.py", "api", "bottle")],
        ("debug-mode-enabled", "pass"),
    ),
    # round 183: a module that queries Prometheus is no instrumentation
    "prometheus_query_module_is_no_metrics": (
        {
            "main.py": "import sys\n\nfrom prometheus_fetch import fetch_metric\n\nsys.exit(0 if fetch_metric() else 1)\n",
            "prometheus_fetch.py": 'import requests\n\n\ndef fetch_metric():\n    return requests.get("http://prom:9090/api/v1/query", timeout=5).json()\n',
        },
        [("main.py", "job", "script")],
        ("missing-metrics", "fail"),
    ),
    # trap: a project module named for Prometheus that exports the job's metrics
    "prometheus_metrics_module": (
        {
            "main.py": "import sys\n\nfrom prometheus_metrics import push\n\npush()\nsys.exit(0)\n",
            "prometheus_metrics.py": 'from prometheus_client import CollectorRegistry, push_to_gateway\n\n\ndef push():\n    push_to_gateway("gw:9091", job="sync", registry=CollectorRegistry())\n',
        },
        [("main.py", "job", "script")],
        ("missing-metrics", "pass"),
    ),
    # round 184: `from flask.app import Flask` in an app factory
    "flask_app_module_import": (
        {
            "app/__init__.py": "",
            "app/main/__init__.py": """\
                from flask.app import Flask


                def create_app():
                    app = Flask("email saver")
                    return app
                """,
        },
        [("app/main/__init__.py", "api", "flask")],
        None,
    ),
    # session 21's review: a JobQueue start-up helper handed the application and its settings
    "jobqueue_helper_with_settings": (
        {"bot.py": _JOBQUEUE_BOT.format(second="settings", chat='settings["chat_id"]', argument='{"chat_id": 1}')},
        [("bot.py", "job", "telegram-jobqueue"), ("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap: handed a user's chat, the schedule is that user's
    "jobqueue_helper_with_a_chat": (
        {"bot.py": _JOBQUEUE_BOT.format(second="chat_id", chat="chat_id", argument="1")},
        [("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # a queue emptied and left is a job (round 184's labeller, and round 415's blind one; changed
    # on purpose in session 32, a worker before: the script runs, drains and exits)
    "sqs_drain_script": (
        {"app.py": _SQS_DRAIN.format(empty="if not messages:\n                break")},
        [("app.py", "job", "consume-loop")],
        None,
    ),
    # trap: waits for more when the queue is empty: a worker
    "sqs_consumer_script": (
        {"app.py": _SQS_DRAIN.format(empty="")},
        [("app.py", "worker", "consume-loop")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
