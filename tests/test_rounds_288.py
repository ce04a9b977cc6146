"""Session 28: what blind rounds 288 and on showed, as small trees.

Each case fails on df06bd7, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_BOT = """\
import logging

import discord

from src.constants import ALLOWED_SERVER_IDS, DISCORD_BOT_TOKEN

logging.basicConfig(level=logging.INFO)
client = discord.Client(intents=discord.Intents.default())


@client.event
async def on_message(message):
    if message.guild and message.guild.id in ALLOWED_SERVER_IDS:
        await message.channel.send("hello")


client.run(DISCORD_BOT_TOKEN)
"""

_CONSTANTS = """\
import os

from dotenv import load_dotenv

load_dotenv()

DISCORD_BOT_TOKEN = os.environ["DISCORD_BOT_TOKEN"]
ALLOWED_SERVER_IDS = []
for s in os.environ["ALLOWED_SERVER_IDS"].split(","):
    ALLOWED_SERVER_IDS.append(int(s))
"""

_FORWARD = """\
import json
import logging
import os

import httpx

from fvhiot.utils.kafka import {factory}


def main():
    consumer = {factory}(os.getenv("TOPIC"))
    for msg in consumer:
        httpx.post(os.getenv("API_URL"), json=json.loads(msg.value), timeout=15)
{tail}

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
"""

_NOTIFY_API = """\
import logging
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse


def make_handler(queue):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parsed_path = urlparse(self.path).path
            if parsed_path == {route!r}:
                self.send_response(200)
                self.end_headers()
            else:
                self.send_response(404)
                self.end_headers()

    return Handler


def serve(queue):
    server = HTTPServer(("", 8080), make_handler(queue))
    server.serve_forever()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    serve(None)
"""

_PIPELINE = """\
import sqlite3


class SqlitePipeline:
    def __init__(self):
        self.con = sqlite3.connect("ads.db")
        self.cur = self.con.cursor()

    def process_item(self, item):
        if {test}:
            self.dump_to_db(item)
        return item

    def new_ad(self, item):
        return not self.cur.execute("SELECT * FROM ads WHERE ad_id = ?", (item["id"],)).fetchone()

    def dump_to_db(self, item):
        self.cur.execute("INSERT INTO ads (ad_id, title) VALUES (?, ?)", (item["id"], item["title"]))
        self.con.commit()


if __name__ == "__main__":
    pipeline = SqlitePipeline()
    for row in [{{"id": 1, "title": "flat"}}]:
        pipeline.process_item(row)
"""

_AUTOCLEAN = """\
import docker
import crython


@crython.job(expr="@daily")
def clean_images():
    client = docker.from_env()
    client.{collection}.prune({{"dangling": False}})


if __name__ == "__main__":
    crython.start()
    crython.join()
"""

_SHEETS = """\
import logging
import sys


class SheetService:
    def __init__(self, client):
        self.client = client
        self.logger = logging.getLogger(__name__)
        self.values = []

    def _set_values(self, sheet_id):
        try:
            self.values = self.client.values().get(spreadsheetId=sheet_id).execute()["values"]
        except {caught} as ex:
            message = "could not read sheet {{}}: {{}}".format(sheet_id, ex)
            self.logger.{level}(message)
            sys.exit()

    def workflow(self, sheet_id):
        self._set_values(sheet_id)
        print(len(self.values))


def main():
    logging.basicConfig(level=logging.INFO)
    service = SheetService(object())
    service.workflow("sheet-1")


if __name__ == "__main__":
    main()
"""

_CELERY_APP = """\
from celery import Celery

app = Celery("scraper")
app.config_from_object("celeryconfig")


@app.task
def main1():
    return 1
"""

_MAKE_CELERY = """\
from celery import Celery


def make_celery(app):
    app.config["CELERY_BROKER_URL"] = "redis://redis:6379/0"
    app.config[{key!r}] = {{"every-minute": {{"task": "check_for_news", "schedule": 60.0}}}}
    celery = Celery(app.import_name, broker=app.config["CELERY_BROKER_URL"])
    celery.conf.update(app.config)
    return celery
"""

_FLASK_CELERY_APP = """\
from flask import Flask

from flask_celery import make_celery

app = Flask(__name__)
celery = make_celery(app)


@app.route("/")
def index():
    return "news"


@celery.task(name="check_for_news")
def check_for_news():
    return 1
"""

_SENSOR = """\
import logging
import time

logger = logging.getLogger(__name__)


def connected():
    return True


class Publisher:
    def run(self):
        attempts = 0
        while True:
            if not connected():
                attempts += 1
                if attempts > 5:
                    logger.{level}("Too many reconnection attempts")
                    break
                time.sleep(5)
                continue
            attempts = 0
            self.publish()
            time.sleep(1)

    def publish(self):
        logger.info("published")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Publisher().run()
"""

_LAUNCHER = """\
import os
import sys
from subprocess import check_call

if sys.argv[1] == "web":
    check_call(["./manage.py", "migrate", "--noinput"])
    {last}
"""

_EXECUTOR = """\
import asyncio
import functools

import requests


async def fetch(url):
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(None, {handed}, url)
"""

_SQLA_SYNC = """\
from sqlalchemy import Column, MetaData, String, Table, create_engine

engine = create_engine("postgresql://app@db/app")
metadata = MetaData()
therapists = {table}


def prune(gone):
    with engine.begin() as conn:
        for rec_id in gone:
            conn.execute(therapists.delete().where(therapists.c.rec_id == rec_id))


if __name__ == "__main__":
    prune(["a", "b"])
"""

_CASES: dict[str, Case] = {
    # round 288: a constants module whose own loop only fills its constants is no script
    "constants_module_filling_its_lists": (
        {"src/main.py": _BOT, "src/constants.py": _CONSTANTS},
        [("src/main.py", "worker", "discord")],
        None,
    ),
    # (trap) a script whose constants another script borrows, and which does its work in a loop
    "script_lending_constants_still_a_job": (
        {
            "src/main.py": _BOT,
            "src/constants.py": _CONSTANTS.replace(
                "    ALLOWED_SERVER_IDS.append(int(s))\n",
                "    ALLOWED_SERVER_IDS.append(int(s))\n    os.remove(f'/var/cache/bot/{s}.json')\n",
            ),
        },
        [("src/main.py", "worker", "discord"), ("src/constants.py", "job", "script")],
        None,
    ),
    # round 289: a consumer another package builds for it, iterated for ever
    "consumer_from_a_factory_of_another_package": (
        {"forward.py": _FORWARD.format(factory="get_kafka_consumer_by_envs", tail="")},
        [("forward.py", "worker", "consume-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # (trap) a loop over such a consumer that leaves when the batch is done is a job
    "consumer_drained_then_left_is_a_job": (
        {
            "forward.py": _FORWARD.format(
                factory="get_kafka_consumer_by_envs", tail="        if msg.offset >= 100:\n            break\n"
            )
        },
        [("forward.py", "job", "python")],
        None,
    ),
    # round 288: a standard-library handler class built in a factory, comparing a parsed path
    "stdlib_handler_in_a_factory_without_health": (
        {"api.py": _NOTIFY_API.format(route="/")},
        [("api.py", "api", "http.server")],
        ("missing-health-route", "fail"),
    ),
    "stdlib_handler_in_a_factory_with_health": (
        {"api.py": _NOTIFY_API.format(route="/health")},
        [("api.py", "api", "http.server")],
        ("missing-health-route", "pass"),
    ),
    # round 290: an INSERT run only when a lookup named for a new key says it is absent
    "insert_behind_a_new_key_lookup": (
        {"pipeline.py": _PIPELINE.format(test="self.new_ad(item)")},
        [("pipeline.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) the same INSERT behind a test of something else is still reported
    "insert_behind_another_test_still_counts": (
        {"pipeline.py": _PIPELINE.format(test='item["title"]')},
        [("pipeline.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # round 292: the Docker SDK's prune, run by crython's timetable
    "docker_prune_on_a_crython_timetable": (
        {"autoclean.py": _AUTOCLEAN.format(collection="images")},
        [("autoclean.py", "job", "crython")],
        ("missing-dry-run", "fail"),
    ),
    # a prune of something that is no Docker collection deletes nothing
    "prune_of_a_tree_is_no_deletion": (
        {"autoclean.py": _AUTOCLEAN.format(collection="tree")},
        [("autoclean.py", "job", "crython")],
        ("missing-dry-run", "na"),
    ),
    # round 294: a method's handler that logs the error and calls `sys.exit()` with no status
    "method_handler_logs_then_exits_zero": (
        {"main.py": _SHEETS.format(caught="Exception", level="error")},
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) a warning then `sys.exit()` is no error: an empty sheet may be nothing to do
    "method_handler_warns_then_exits": (
        {"main.py": _SHEETS.format(caught="KeyError", level="warning")},
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}

_CASES.update(
    {
        # round 295: a beat schedule set on a Celery app imported from the module that builds it
        "beat_schedule_on_an_imported_app": (
            {
                "srapper.py": _CELERY_APP,
                "celeryconfig.py": (
                    "from celery.schedules import crontab\nfrom srapper import app\n\n"
                    "app.conf.beat_schedule = {'daily': {'task': 'srapper.main1', 'schedule': crontab(minute=31)}}\n"
                ),
            },
            [("srapper.py", "worker", "celery"), ("srapper.py", "job", "celery-beat")],
            None,
        ),
        # round 295: Celery 3's schedule kept in a Flask app's config, which the factory's Celery reads
        "beat_schedule_in_a_flask_config": (
            {"flask_celery.py": _MAKE_CELERY.format(key="CELERYBEAT_SCHEDULE"), "app.py": _FLASK_CELERY_APP},
            [
                ("app.py", "api", "flask"),
                ("flask_celery.py", "worker", "celery"),
                ("flask_celery.py", "job", "celery-beat"),
            ],
            None,
        ),
        # (trap) another key of that config is no schedule
        "other_flask_config_key_is_no_schedule": (
            {"flask_celery.py": _MAKE_CELERY.format(key="CELERY_RESULT_BACKEND"), "app.py": _FLASK_CELERY_APP},
            [("app.py", "api", "flask"), ("flask_celery.py", "worker", "celery")],
            None,
        ),
        # round 296: a publisher's loop that leaves only after logging that it gives up
        "loop_giving_up_after_an_error_is_a_worker": (
            {"publish.py": _SENSOR.format(level="error")},
            [("publish.py", "worker", "polling-loop")],
            ("missing-graceful-shutdown", "fail"),
        ),
        # (trap) leaving after a note, not an error, is the loop's own end: a job
        "loop_leaving_after_a_note_is_a_job": (
            {"publish.py": _SENSOR.format(level="info")},
            [("publish.py", "job", "python")],
            None,
        ),
        # round 300: a container's entrypoint that becomes gunicorn is a launcher, not a job
        "launcher_execing_the_server": (
            {"entrypoint.py": _LAUNCHER.format(last='os.execlp("gunicorn", "gunicorn", "insights.wsgi")')},
            [],
            None,
        ),
        # (trap) a script that only runs commands is still a job
        "script_running_commands_is_a_job": (
            {"entrypoint.py": _LAUNCHER.format(last='check_call(["./manage.py", "collectstatic"])')},
            [("entrypoint.py", "job", "script")],
            None,
        ),
        # round 299: a requests function run in an executor, which passes no keyword arguments
        "requests_in_an_executor": (
            {"fetch.py": _EXECUTOR.format(handed="requests.get")},
            [],
            ("http-call-without-timeout", 1),
        ),
        # (trap) one wrapped with its timeout
        "requests_in_an_executor_with_a_timeout": (
            {"fetch.py": _EXECUTOR.format(handed="functools.partial(requests.get, timeout=5)")},
            [],
            ("http-call-without-timeout", 0),
        ),
        # round 298: rows deleted through a SQLAlchemy Core table
        "sqlalchemy_core_table_delete": (
            {"sync.py": _SQLA_SYNC.format(table='Table("therapist", metadata, Column("rec_id", String))')},
            [("sync.py", "job", "python")],
            ("missing-dry-run", "fail"),
        ),
        # (trap) `delete()` of something else (a cache's entry) deletes no rows
        "delete_of_another_object": (
            {"sync.py": _SQLA_SYNC.format(table="dict()")},
            [("sync.py", "job", "python")],
            ("missing-dry-run", "na"),
        ),
    }
)


_MASTODON = """\
from mastodon import Mastodon, StreamListener


class Listener(StreamListener):
    def on_notification(self, notification):
        pass


def main():
    mastodon = Mastodon(access_token="token.secret", api_base_url="https://social.example")
    mastodon.stream_user(Listener(){extra})


main()
"""

_TWEET_HELPER = """\
import tweepy


def send_tweet(text):
    client = tweepy.Client()
    client.create_tweet(text=text)


if __name__ == "__main__":
    send_tweet("Test API Twitter")
"""

_KOPF = """\
import sys

import kopf


@kopf.on.create("example.com", "v1", "widgets")
def create(spec, **kwargs):
    return {{"ok": True}}


if __name__ == "__main__":
    {run}
"""

_MODES_IN_GUARD = """\
import argparse
import time


def perform_check():
    open("/var/lib/checker/last", "w").write(str(time.time()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--daemon-mode", action="store_true")
    args = parser.parse_args()
{body}
"""

_MODES_IN_MAIN = """\
import argparse
import time


class Monitor:
    def run_once(self):
        open("/var/lib/monitor/last", "w").write(str(time.time()))

    def run_daemon(self):
        while True:
            self.run_once()
            time.sleep(60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    monitor = Monitor()
    if args.once:
        monitor.run_once()
    else:
        monitor.run_daemon()


if __name__ == "__main__":
    main()
"""

_CASES.update(
    {
        # round 297: a `--daemon-mode` loop beside the single check cron runs: a worker and a job
        "daemon_mode_beside_a_single_run": (
            {
                "check.py": _MODES_IN_GUARD.format(
                    body="    if args.daemon_mode:\n        while True:\n            perform_check()\n"
                    "            time.sleep(300)\n    else:\n        perform_check()"
                )
            },
            [("check.py", "worker", "polling-loop"), ("check.py", "job", "argparse")],
            None,
        ),
        # round 297: the modes chosen in `main()`, the loop in a method
        "once_and_daemon_modes_in_main": (
            {"monitor.py": _MODES_IN_MAIN},
            [("monitor.py", "worker", "polling-loop"), ("monitor.py", "job", "argparse")],
            None,
        ),
        # (trap) one round first, then the loop: a worker only
        "one_round_then_the_loop": (
            {
                "check.py": _MODES_IN_GUARD.format(
                    body="    perform_check()\n    while True:\n        perform_check()\n        time.sleep(300)"
                )
            },
            [("check.py", "worker", "polling-loop")],
            None,
        ),
        # (trap) a choice that does not run the loop's round alone: a worker only
        "choice_of_something_else_beside_the_loop": (
            {
                "check.py": _MODES_IN_GUARD.format(
                    body="    if args.daemon_mode:\n        time.sleep(1)\n    else:\n        print('foreground')\n"
                    "    while True:\n        perform_check()\n        time.sleep(300)"
                )
            },
            [("check.py", "worker", "polling-loop")],
            None,
        ),
        # round 303: Mastodon.py's stream, read until the process stops
        "mastodon_stream_user": (
            {"bot.py": _MASTODON.format(extra="")},
            [("bot.py", "worker", "mastodon")],
            ("missing-graceful-shutdown", "fail"),
        ),
        # (trap) with run_async=True it hands back a handle at once: the script runs on and ends
        "mastodon_stream_run_async": (
            {"bot.py": _MASTODON.format(extra=", run_async=True")},
            [("bot.py", "job", "script")],
            None,
        ),
        # round 303: a tweeting helper's try-out in its own block, the helper used by the scheduler
        "tweet_helper_try_out": (
            {
                "send_tweet.py": _TWEET_HELPER,
                "post.py": "from send_tweet import send_tweet\n\n\ndef post_news():\n    send_tweet('news')\n",
                "main.py": (
                    "import time\n\nimport schedule\n\nfrom post import post_news\n\n\n"
                    "def main():\n    schedule.every(3).hours.do(post_news)\n    while True:\n"
                    "        schedule.run_pending()\n        time.sleep(1)\n\n\n"
                    "if __name__ == '__main__':\n    main()\n"
                ),
            },
            [("main.py", "job", "schedule")],
            None,
        ),
        # round 305: `sys.exit(kopf.cli.main())` runs the operator, no job of its own
        "kopf_cli_in_main_block": (
            {"op.py": _KOPF.format(run="sys.exit(kopf.cli.main())")},
            [("op.py", "worker", "kopf")],
            None,
        ),
        # (trap) a block doing something else beside the operator's handlers is still a job
        "kopf_module_with_another_main_block": (
            {"op.py": _KOPF.format(run='print(create(spec={}, name="w"))\n    sys.exit(1)')},
            [("op.py", "worker", "kopf"), ("op.py", "job", "python")],
            None,
        ),
        # round 307: python-binance's websocket manager, joined: streams until the process stops
        "binance_websocket_manager_joined": (
            {
                "stream.py": (
                    "from binance import ThreadedWebsocketManager\n\n\ndef main():\n"
                    "    twm = ThreadedWebsocketManager()\n    twm.start()\n"
                    "    twm.start_kline_socket(callback=print, symbol='btcusdt', interval='1m')\n"
                    "    {last}\n\n\nif __name__ == '__main__':\n    main()\n"
                ).format(last="twm.join()")
            },
            [("stream.py", "worker", "binance")],
            ("missing-graceful-shutdown", "fail"),
        ),
        # (trap) one stopped by the script is no worker
        "binance_websocket_manager_stopped": (
            {
                "stream.py": (
                    "from binance import ThreadedWebsocketManager\n\n\ndef main():\n"
                    "    twm = ThreadedWebsocketManager()\n    twm.start()\n"
                    "    twm.start_kline_socket(callback=print, symbol='btcusdt', interval='1m')\n"
                    "    {last}\n\n\nif __name__ == '__main__':\n    main()\n"
                ).format(last="twm.stop()")
            },
            [("stream.py", "job", "python")],
            None,
        ),
        # round 307: an exchange's API key kept under `<service>_api`
        "api_key_under_a_name_ending_in_api": (
            {
                "keys.py": "def api_keys():\n    binance_api = "
                + repr("PgAsjF7qX2mB9kLw3RtZ8vNc4HdY6uEp1sJ0oQiKaGbTlMxVhCzWeUyDnRfS5g2")
                + "\n    return binance_api\n"
            },
            [],
            ("hardcoded-secret", 1),
        ),
        # (trap) a URL, or a version, under such a name
        "url_under_a_name_ending_in_api": (
            {"keys.py": "github_api = 'https://api.github.com/repos'\nstripe_api = '2023-10-16'\n"},
            [],
            ("hardcoded-secret", 0),
        ),
        # round 302: a public-data portal's service key, long base64
        "service_key_literal": (
            {
                "air.py": "import requests\n\nserviceKey = "
                + repr("kHVoQWfi7ynI0P68d5E1imQwzVIrPPU+jSWYQVNQ6YLEaCvlfGkGJHz3y7YW/siVjlEHCyq8TnAIl9F47csBng==")
                + "\nrequests.get('https://apis.example.kr/x', params={'serviceKey': serviceKey}, timeout=5)\n"
            },
            [],
            ("hardcoded-secret", 1),
        ),
        # (trap) a service's name under that key is no secret
        "service_key_naming_a_service": (
            {
                "air.py": "import requests\n\nservice_key = 'payments-gateway'\n"
                "requests.get('https://registry.example/' + service_key, timeout=5)\n"
            },
            [],
            ("hardcoded-secret", 0),
        ),
    }
)


_JAPRONTO = """\
from japronto.app import Application


def webhook_handler(request):
    return request.Response(text="ok")


app = Application()
router = app.router
router.add_route({route!r}, webhook_handler, method="POST")
app.run(port=8080)
"""

_SETUP_INI = """\
from setuptools import setup

setup(
    name="composer",
    py_modules=["composer"],
    entry_points=\"\"\"
        [{group}]
        composer=composer:cli
    \"\"\",
)
"""

_COMPOSER = """\
import click


@click.group()
def cli():
    pass


@cli.command()
def share():
    click.echo("shared")
"""

_MAKE_DIR = """\
import os
import sys


def checkout(project_dir):
    if os.path.exists(project_dir):
        print("Project directory already exists")
        {leave}
    os.makedirs(project_dir)


if __name__ == "__main__":
    checkout(sys.argv[1])
"""

_SERIAL = """\
import time


def serial_loop():
    while True:
        line = read_line()
        print(line)
        time.sleep(0.1)


def read_line():
    return "ok"
"""

_CASES.update(
    {
        # round 310: japronto's app, its routes added through `router = app.router`, beside a bot's polling
        "japronto_app_through_its_router": (
            {"bot.py": _JAPRONTO.format(route="/webhook")},
            [("bot.py", "api", "japronto")],
            ("missing-health-route", "fail"),
        ),
        "japronto_app_with_health": (
            {"bot.py": _JAPRONTO.format(route="/health")},
            [("bot.py", "api", "japronto")],
            ("missing-health-route", "pass"),
        ),
        # round 310: console scripts declared in setup.py's INI-style string
        "console_script_in_an_ini_string": (
            {"setup.py": _SETUP_INI.format(group="console_scripts"), "composer.py": _COMPOSER},
            [("composer.py", "job", "click")],
            None,
        ),
        # (trap) another group of that string declares no command
        "other_entry_point_group_in_an_ini_string": (
            {"setup.py": _SETUP_INI.format(group="pytest11"), "composer.py": _COMPOSER},
            [],
            None,
        ),
        # round 310: a directory made after the script leaves when it exists
        "makedirs_after_leaving_when_it_exists": (
            {"checkout.py": _MAKE_DIR.format(leave="sys.exit(1)")},
            [("checkout.py", "job", "python")],
            ("non-idempotent-mkdir", 0),
        ),
        # (trap) a check that only reports and goes on still fails on the second run
        "makedirs_after_a_check_that_goes_on": (
            {"checkout.py": _MAKE_DIR.format(leave='print("using it")')},
            [("checkout.py", "job", "python")],
            ("non-idempotent-mkdir", 1),
        ),
        # round 311: a poller started in a thread beside an app a project factory builds
        "thread_beside_a_factory_app": (
            {
                "app/__init__.py": "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n",
                "app/serial_arduino.py": _SERIAL,
                "main.py": (
                    "from threading import Thread\n\nfrom app import create_app\n"
                    "from app.serial_arduino import serial_loop\n\napp = create_app()\n\n"
                    "if __name__ == '__main__':\n    Thread(target=serial_loop, daemon=True).start()\n"
                    "    app.run(use_reloader=False)\n"
                ),
            },
            [("app/__init__.py", "api", "flask"), ("main.py", "worker", "polling-loop")],
            None,
        ),
    }
)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of df06bd7..4e75c20 by a helper who had not written it: each tree reproduces a problem it
# found (each case fails on 4e75c20).
_REVIEW_CASES: dict[str, Case] = {
    "modes_status": (
        {
            "feeds.py": 'import argparse\nimport json\nimport logging\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nSTATE = "/var/lib/feeds/state.json"\n\n\ndef load_state():\n    with open(STATE) as fh:\n        return json.load(fh)\n\n\ndef save_state(state):\n    with open(STATE, "w") as fh:\n        json.dump(state, fh)\n\n\ndef poll(state):\n    for url in state["feeds"]:\n        r = requests.get(url, timeout=10)\n        state["seen"][url] = r.headers.get("etag")\n    save_state(state)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--status", action="store_true")\n    args = parser.parse_args()\n    if args.status:\n        state = load_state()\n        print(json.dumps(state["seen"], indent=2))\n    else:\n        while True:\n            state = load_state()\n            poll(state)\n            time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("feeds.py", "worker", "polling-loop")],
        None,
    ),
    "modes_builtin": (
        {
            "bot.py": 'import logging\nimport sys\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef check_price(symbol):\n    r = requests.get(f"https://api.example.com/price/{symbol}", timeout=10)\n    return float(r.json()["price"])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    if len(sys.argv) > 1 and sys.argv[1] == "--version":\n        log.info("pricebot %s", str(1.2))\n    else:\n        while True:\n            log.info("price %s", str(check_price("BTC")))\n            time.sleep(30)\n'
        },
        [("bot.py", "worker", "polling-loop")],
        None,
    ),
    "consumer_groups_report": (
        {
            "lag_report.py": 'import logging\nimport os\n\nfrom kafka import KafkaAdminClient\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    admin = KafkaAdminClient(bootstrap_servers=os.environ["KAFKA_BOOTSTRAP"])\n    groups = admin.list_consumer_groups()\n    for group_id, protocol in groups:\n        log.info("group %s (%s)", group_id, protocol)\n    admin.close()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("lag_report.py", "job", "python")],
        None,
    ),
    "launcher_modes": (
        {
            "entrypoint.py": 'import logging\nimport os\nimport sys\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nrole = sys.argv[1] if len(sys.argv) > 1 else "web"\n\nif role == "web":\n    os.execvp("gunicorn", ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"])\nelif role == "purge":\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("DELETE FROM sessions WHERE expires < now()")\n    logging.info("purged %d sessions", cur.rowcount)\nelse:\n    sys.exit(f"unknown role {role}")\n',
            "k8s/cron.yaml": 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: purge-sessions\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: purge\n              image: shop:latest\n              command: ["python", "entrypoint.py", "purge"]\n',
        },
        [("entrypoint.py", "job", "kubernetes-cronjob")],
        ("missing-dry-run", "fail"),
    ),
    "paginate_until_error": (
        {
            "export_orders.py": 'import csv\nimport logging\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nAPI = "https://shop.example.com/api/orders"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    page = 1\n    with open("orders.csv", "w", newline="") as fh:\n        writer = csv.writer(fh)\n        while True:\n            resp = requests.get(API, params={"page": page}, timeout=30)\n            if resp.status_code != 200:\n                log.error("stopping at page %d: HTTP %d", page, resp.status_code)\n                break\n            for order in resp.json()["orders"]:\n                writer.writerow([order["id"], order["total"]])\n            page += 1\n            time.sleep(1)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("export_orders.py", "job", "python")],
        None,
    ),
    "new_month_insert": (
        {
            "billing.py": 'import datetime\nimport logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef is_new_month(day):\n    return day.day == 1\n\n\ndef create_invoices(conn, day):\n    with conn.cursor() as cur:\n        cur.execute(\n            "INSERT INTO invoices (customer_id, period, amount) "\n            "SELECT id, %s, plan_price FROM customers WHERE active",\n            (day.strftime("%Y-%m"),),\n        )\n    conn.commit()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    today = datetime.date.today()\n    if is_new_month(today):\n        create_invoices(conn, today)\n        log.info("invoices created for %s", today)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("billing.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "constants_filler_does_work": (
        {
            "make_backup.py": 'import logging\nimport os\nimport subprocess\nimport sys\nimport time\n\nfrom prune_backups import BACKUP_DIR\n\nlogging.basicConfig(level=logging.INFO)\ntarget = os.path.join(BACKUP_DIR, time.strftime("%Y%m%d") + ".tar.gz")\nresult = subprocess.run(["pg_dump", "-Fc", "-f", target, os.environ["DATABASE_URL"]], check=False)\nsys.exit(result.returncode)\n',
            "prune_backups.py": 'import glob\nimport logging\nimport os\nimport time\n\nlog = logging.getLogger("prune")\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/srv/backups")\nKEEP_DAYS = 14\nREMOVED = []\n\n\ndef delete_backup(path):\n    os.remove(path)\n    log.info("removed %s", path)\n    return path\n\n\ncutoff = time.time() - KEEP_DAYS * 86400\nfor path in glob.glob(os.path.join(BACKUP_DIR, "*.tar.gz")):\n    if os.path.getmtime(path) < cutoff:\n        REMOVED.append(delete_backup(path))\n',
        },
        [("make_backup.py", "job", "script"), ("prune_backups.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    "lock_handler_exit": (
        {
            "sync.py": 'import fcntl\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass Sync:\n    def __init__(self):\n        self.lock_file = open("/tmp/sync.lock", "w")\n\n    def acquire_lock(self):\n        try:\n            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)\n        except Exception:\n            log.error("another sync is already running")\n            sys.exit()\n\n    def run(self):\n        self.acquire_lock()\n        r = requests.get(os.environ["SOURCE_URL"], timeout=30)\n        r.raise_for_status()\n        log.info("synced %d items", len(r.json()))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    Sync().run()\n'
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "mkdir_rebound": (
        {
            "report.py": 'import logging\nimport os\nimport sys\n\nlog = logging.getLogger(__name__)\nOUT = "/srv/reports"\n\n\ndef main(run_id):\n    path = os.path.join(OUT, run_id)\n    if os.path.exists(path):\n        log.error("run %s already exported", run_id)\n        sys.exit(1)\n    os.makedirs(path)\n    path = os.path.join(OUT, "latest")\n    os.makedirs(path)\n    os.symlink(run_id, os.path.join(path, "run"))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main(sys.argv[1])\n'
        },
        [("report.py", "job", "python")],
        ("non-idempotent-mkdir", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])
