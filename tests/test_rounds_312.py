"""Session 29: what session 28's review left and blind rounds 312 and on showed, as small trees.

Each case fails on a2755ea, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_EXECUTOR = """\
import asyncio
import functools

import requests


async def fetch(url):
    return await {call}
"""

_ONCE_RETURN = """\
import argparse
import logging
import time

import requests

log = logging.getLogger(__name__)


def check_feeds():
    for url in ("https://example.com/a.xml", "https://example.com/b.xml"):
        requests.get(url, timeout=10)


def main():
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    if args.{flag}:
        {once}
        return
    while True:
        check_feeds()
        time.sleep(300)


if __name__ == "__main__":
    main()
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
                    return
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

_MKDIRS = """\
import logging
import os
import sys

log = logging.getLogger(__name__)


def main(names):
    for name in names:
        path = os.path.join("/srv/reports", name)
        if os.path.exists(path):
            log.info("%s already there", name)
            {leave}
        os.makedirs(path)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(sys.argv[1:])
"""

_LOW_LEVEL_DOCKER = """\
import logging

import docker

log = logging.getLogger(__name__)


def main():
    logging.basicConfig(level=logging.INFO)
    client = docker.APIClient(base_url="unix://var/run/docker.sock")
    freed = client.{method}(filters={{"dangling": False}})
    log.info("freed %s", freed)


if __name__ == "__main__":
    main()
"""

_CRYTHON_MAIN = """\
import logging

import crython

log = logging.getLogger(__name__)


@crython.job(expr="@hourly")
def refresh():
    log.info("refreshed")


def main():
    logging.basicConfig(level=logging.INFO)
    {start}


if __name__ == "__main__":
    main()
"""

_KEYED_SKIP = """\
import os

import psycopg


def main():
    with psycopg.connect(os.environ["DB_URL"]) as conn:
        with conn.cursor() as cursor:
            cursor.execute("SELECT origin, dest FROM tracked_routes")
            for origin, dest in cursor.fetchall():
                cursor.execute(
                    "SELECT COUNT(*) FROM {checked} WHERE origin = %s AND dest = %s AND day = CURRENT_DATE",
                    (origin, dest),
                )
                if cursor.fetchone()[0] > 0:
                    {leave}
                cursor.execute("INSERT INTO raw_flights (origin, dest) VALUES (%s, %s)", (origin, dest))
                conn.commit()


if __name__ == "__main__":
    main()
"""

_REBUILD = """\
import csv

import mysql.connector

db = mysql.connector.connect(host="localhost", user="etl", database="crawler")
cursor = db.cursor()
rows = list(csv.reader(open("result/base.csv")))
cursor.execute("{first}")
cursor.execute("CREATE TABLE coin_price (day datetime, coin varchar(255), price int)")
cursor.executemany("INSERT INTO coin_price (day, coin, price) VALUES (%s, %s, %s)", rows)
db.commit()
"""

_FETCH_NONE = """\
import sys

import requests

from loader import save


def fetch_data(url):
    response = requests.get(url, timeout=30)
    if response.status_code != 200:
        print(f"Failed to fetch data. Status code: {{response.status_code}}")
        return None
    return response.json()


if __name__ == "__main__":
    data = fetch_data(sys.argv[1])
    {use}
"""

_XMPP = """\
import logging

from slixmpp.clientxmpp import ClientXMPP


class EchoBot(ClientXMPP):
    def __init__(self, jid, password):
        super().__init__(jid, password)
        self.add_event_handler("message", self.message)

    def message(self, msg):
        msg.reply("ok").send()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    bot = {built}
    bot.connect()
    bot.process(forever=True)
"""

_SERIAL = """\
from conn import conn
from get_data import get_data


def main():
    client = conn()
    try:
        while 1:
            for measure, value in get_data().items():
                client.write(measure, value)
    except {caught}:
        client.close()


main()
"""

_LIFESPAN = """\
import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

log = logging.getLogger(__name__)


async def monitor_websites():
    while True:
        log.info("checking")
        await asyncio.sleep(10)


@asynccontextmanager
async def lifespan(app: FastAPI):
    asyncio.create_task(monitor_websites())
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/sites")
async def sites():
    {route}
    return []
"""

_IRC = """\
import irc.client


class Notifier:
    def __init__(self):
        self.reactor = irc.client.Reactor()
        self.reactor.server().connect("irc.libera.chat", 6667, "notifier")
        self.reactor.{run}()


if __name__ == "__main__":
    Notifier()
"""

_PENDING = """\
import asyncio

import schedule

from bot.trader import Trader


async def main():
    trader = Trader()
    trader.join_schedule(scheduler=schedule)
    while True:
        schedule.run_pending()
        await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(main())
"""

_TRADER = """\
class Trader:
    def join_schedule(self, scheduler):
        scheduler.every(1).hours.do(self.trade)

    def trade(self):
        return 1
"""

_UNCALLED_SCHEDULER = """\
from apscheduler.schedulers.background import BackgroundScheduler


def scrape():
    return 1


def start_scheduler():
    scheduler = BackgroundScheduler()
    scheduler.add_job(scrape, "interval", minutes=30)
    scheduler.start()
"""

_CELERY_APP = """\
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
app = Celery("proj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
"""

_INOTIFY = """\
import inotify.adapters

notifier = inotify.adapters.Inotify()
notifier.add_watch("/data/incoming")
for event in notifier.event_gen({args}):
    if event is not None:
        (_, type_names, path, filename) = event
        if "IN_CLOSE_WRITE" in type_names:
            upload(path, filename)
"""

_FOLLOW = """\
import tailhead

import requests

for line in tailhead.{follow}:
    if "ERROR" in line:
        requests.post("https://hooks.slack.com/services/T0/B0/x", json={{"text": line}}, timeout=10)
"""

_OBSERVER_ATTR = """\
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer


class Watcher:
    def __init__(self):
        self.running = True
        self.observer = {observer}

    def start(self):
        self.observer.schedule(FileSystemEventHandler(), "/scans", recursive=True)
        self.observer.start()

    def run(self):
        while self.running:
            time.sleep(5)


if __name__ == "__main__":
    watcher = Watcher()
    watcher.start()
    watcher.run()
"""

_OUTBOX = """\
import logging
import threading

from flask import Flask, jsonify

log = logging.getLogger(__name__)
app = Flask(__name__)
stop_event = threading.Event()
kick_event = threading.Event()


def process_once():
    log.info("sent")


def worker_loop():
    while not stop_event.is_set():
        kick_event.wait(timeout=30)
        kick_event.clear()
        if {check}:
            break
        process_once()


@app.post("/stop")
def stop():
    stop_event.set()
    return jsonify(ok=True)


if __name__ == "__main__":
    threading.Thread(target=worker_loop, daemon=True).start()
    app.run(host="0.0.0.0", port=8080)
"""

_CASES: dict[str, Case] = {
    # review of session 28: a partial binding no timeout, run in an executor
    "partial_in_an_executor": (
        {
            "fetch.py": _EXECUTOR.format(
                call="asyncio.get_running_loop().run_in_executor(None, functools.partial(requests.post, url, json={}))"
            )
        },
        [],
        ("http-call-without-timeout", 1),
    ),
    # review of session 28: asyncio.to_thread hands keywords on, and none is a timeout
    "requests_to_thread": (
        {"fetch.py": _EXECUTOR.format(call="asyncio.to_thread(requests.get, url)")},
        [],
        ("http-call-without-timeout", 1),
    ),
    # (trap) to_thread handing a timeout on
    "requests_to_thread_with_timeout": (
        {"fetch.py": _EXECUTOR.format(call="asyncio.to_thread(requests.get, url, timeout=5)")},
        [],
        ("http-call-without-timeout", 0),
    ),
    # (trap) a partial of something else
    "partial_of_another_function": (
        {
            "fetch.py": _EXECUTOR.format(
                call="asyncio.get_running_loop().run_in_executor(None, functools.partial(print, url))"
            )
        },
        [],
        ("http-call-without-timeout", 0),
    ),
    # review of session 28: `if args.once: check(); return` before the loop is the job cron runs
    "once_branch_returning_before_the_loop": (
        {"feeds.py": _ONCE_RETURN.format(flag="once", once="check_feeds()")},
        [("feeds.py", "job", "argparse"), ("feeds.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a branch that only prints its help and returns runs no round
    "help_branch_returning_before_the_loop": (
        {"feeds.py": _ONCE_RETURN.format(flag="help_only", once="parser.print_help()")},
        [("feeds.py", "worker", "polling-loop")],
        None,
    ),
    # review of session 28: giving up with `return` once failures pass a limit keeps the poller a worker
    "give_up_with_return_keeps_the_worker": (
        {"publish.py": _SENSOR.format(level="error")},
        [("publish.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # (trap) returning after a note, not an error, is the loop's own end: a job
    "return_after_a_note_is_a_job": (
        {"publish.py": _SENSOR.format(level="info")},
        [("publish.py", "job", "python")],
        None,
    ),
    # review of session 28: `if exists(d): continue` before makedirs makes only what is missing
    "exists_continue_before_makedirs": (
        {"report.py": _MKDIRS.format(leave="continue")},
        [("report.py", "job", "python")],
        ("non-idempotent-mkdir", 0),
    ),
    # (trap) a check that only notes and goes on protects nothing
    "exists_note_before_makedirs": (
        {"report.py": _MKDIRS.format(leave="pass")},
        [("report.py", "job", "python")],
        ("non-idempotent-mkdir", 1),
    ),
    # review of session 28: the Docker SDK's low-level client prunes as the high-level one does
    "docker_api_client_prune_images": (
        {"clean.py": _LOW_LEVEL_DOCKER.format(method="prune_images")},
        [("clean.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # (trap) listing images deletes nothing
    "docker_api_client_lists_images": (
        {"clean.py": _LOW_LEVEL_DOCKER.format(method="images")},
        [("clean.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # review of session 28: crython started in the `main()` the block calls
    "crython_started_in_main": (
        {"cron.py": _CRYTHON_MAIN.format(start="crython.start()\n    crython.join()")},
        [("cron.py", "job", "crython")],
        None,
    ),
    # (trap) a main() that only runs the job once is a plain script
    "crython_job_called_once_in_main": (
        {"cron.py": _CRYTHON_MAIN.format(start="refresh()")},
        [("cron.py", "job", "python")],
        None,
    ),
    # round 313: `if cur.fetchone()[0] > 0: continue` on the same table, then the INSERT: keyed
    "insert_after_a_keyed_skip": (
        {"etl.py": _KEYED_SKIP.format(checked="raw_flights", leave="continue")},
        [("etl.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) a check of another table keys nothing of this one
    "insert_after_a_skip_on_another_table": (
        {"etl.py": _KEYED_SKIP.format(checked="route_log", leave="continue")},
        [("etl.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # (trap) a check that only notes and goes on keys nothing
    "insert_after_a_check_that_goes_on": (
        {"etl.py": _KEYED_SKIP.format(checked="raw_flights", leave="print('again')")},
        [("etl.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # round 313: the table dropped, created and loaded again at a script's level is a rebuild
    "insert_after_drop_table": (
        {"load.py": _REBUILD.format(first="DROP TABLE coin_price")},
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) dropping another table leaves this one's rows
    "insert_after_drop_of_another_table": (
        {"load.py": _REBUILD.format(first="DROP TABLE IF EXISTS staging")},
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # (trap) dropped at start-up, then inserted once a message by a consumer's callback
    "insert_prepared_for_a_consumer_after_drop": (
        {
            "consumer.py": "import pika\nimport postgresql\n\nconnection = pika.BlockingConnection(pika.ConnectionParameters(host='mq'))\n"
            "channel = connection.channel()\ndb = postgresql.open('pq://app@db:5432/app')\n"
            'db.execute("DROP TABLE IF EXISTS messages")\ndb.execute("CREATE TABLE messages (id SERIAL PRIMARY KEY, msg text)")\n'
            'base = db.prepare("INSERT INTO messages (msg) VALUES ($1)")\n\n\ndef callback(ch, method, properties, body):\n    base(str(body))\n\n\n'
            "channel.basic_consume(queue='jobs', on_message_callback=callback)\nchannel.start_consuming()\n"
        },
        [("consumer.py", "worker", "rabbitmq")],
        ("non-idempotent-insert", 1),
    ),
    # round 314: `'password-here'` says where a password goes
    "password_here_is_a_placeholder": (
        {"config.py": "USERNAME = 'user@gmail.com'\nPASSWORD = 'password-here'\n"},
        [],
        ("hardcoded-secret", 0),
    ),
    # (trap) a password merely ending in "here" is still one
    "password_ending_in_here": (
        {"config.py": "USERNAME = 'user@gmail.com'\nPASSWORD = 'Kx7vQ2mWhere'\n"},
        [],
        ("hardcoded-secret", 1),
    ),
    # round 313: an exchange client given its key and secret by position
    "coinbase_client_positional_secret": (
        {
            "prices.py": 'from coinbase.wallet.client import Client\n\nclient = Client("KazHBMQ18dnkfdkF", "tvysDSfvAif0TePPxJiwU12HU24ZaTMB")\nprint(client.get_exchange_rates())\n'
        },
        [],
        ("hardcoded-secret", 1),
    ),
    # (trap) read from the environment
    "coinbase_client_from_the_environment": (
        {
            "prices.py": 'import os\n\nfrom coinbase.wallet.client import Client\n\nclient = Client(os.environ["CB_KEY"], os.environ["CB_SECRET"])\nprint(client.get_exchange_rates())\n'
        },
        [],
        ("hardcoded-secret", 0),
    ),
    # round 313: `None` handed back on failure and handed on to the next step fails there (exit 1)
    "none_failure_handed_to_the_next_step": (
        {
            "etl.py": _FETCH_NONE.format(use="save(data)"),
            "loader.py": "def save(data):\n    for f in data['features']:\n        print(f)\n",
        },
        [("etl.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # (trap) `None` kept and only printed is lost
    "none_failure_only_printed": (
        {"etl.py": _FETCH_NONE.format(use="print(data)"), "loader.py": "def save(data):\n    pass\n"},
        [("etl.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # round 325: a slixmpp client class of the project, processing for ever
    "xmpp_bot_class": (
        {"main.py": _XMPP.format(built='EchoBot("bot@example.org", "pw")')},
        [("main.py", "worker", "xmpp")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # round 326: `while 1:` reading a sensor, stopped only by Ctrl-C, is a worker
    "busy_loop_stopped_by_hand": (
        {
            "main.py": _SERIAL.format(caught="KeyboardInterrupt"),
            "conn.py": "def conn():\n    return None\n",
            "get_data.py": "def get_data():\n    return {}\n",
        },
        [("main.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a loop that a StopIteration ends drains and stops: no worker
    "busy_loop_ended_by_its_data": (
        {
            "main.py": _SERIAL.format(caught="StopIteration"),
            "conn.py": "def conn():\n    return None\n",
            "get_data.py": "def get_data():\n    return {}\n",
        },
        [("main.py", "job", "script")],
        None,
    ),
    # round 323: a FastAPI lifespan starting a polling task: a worker beside the api
    "lifespan_task_poller": (
        {"main.py": _LIFESPAN.format(route="pass")},
        [("main.py", "api", "fastapi"), ("main.py", "worker", "polling-loop")],
        None,
    ),
    # round 325: jaraco irc's reactor processing for ever, built in a class the block makes
    "irc_reactor_process_forever": (
        {"notify.py": _IRC.format(run="process_forever")},
        [("notify.py", "worker", "irc")],
        None,
    ),
    # (trap) one round of the reactor's work
    "irc_reactor_process_once": (
        {"notify.py": _IRC.format(run="process_once")},
        [("notify.py", "job", "python")],
        None,
    ),
    # round 324: `schedule.run_pending()` for jobs another module registers on the module handed over
    "schedule_loop_for_jobs_registered_elsewhere": (
        {"bot/__main__.py": _PENDING, "bot/__init__.py": "", "bot/trader.py": _TRADER},
        [("bot/__main__.py", "job", "schedule")],
        None,
    ),
    # (trap) the same function called from an app's start-up
    "called_scheduler_start": (
        {
            "tasks.py": _UNCALLED_SCHEDULER,
            "apps.py": "from tasks import start_scheduler\n\n\nclass Config:\n    def ready(self):\n        start_scheduler()\n",
        },
        [("tasks.py", "job", "apscheduler")],
        None,
    ),
    # round 321: a shell script running `celery beat` beside the worker
    "celery_beat_in_a_shell_script": (
        {
            "proj/celery.py": _CELERY_APP,
            "proj/__init__.py": "",
            "commands.sh": "gunicorn proj.wsgi:application\ncelery -A proj worker -l info\ncelery -A proj beat -l INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler\n",
        },
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    # (trap) the worker alone
    "celery_worker_in_a_shell_script": (
        {"proj/celery.py": _CELERY_APP, "proj/__init__.py": "", "commands.sh": "celery -A proj worker -l info\n"},
        [("proj/celery.py", "worker", "celery")],
        None,
    ),
    # round 330: `user="user", passwd="password"`: a template's words, no credential
    "connect_with_template_user_and_password": (
        {
            "check.py": 'import mysql.connector\n\ndb = mysql.connector.connect(host="localhost", user="user", passwd="password", database="database")\n'
        },
        [],
        ("hardcoded-secret", 0),
    ),
    # (trap) a real user with the word "password" still connects with it
    "connect_with_real_user_and_password": (
        {
            "check.py": 'import mysql.connector\n\ndb = mysql.connector.connect(host="localhost", user="pricebot", passwd="password", database="prices")\n'
        },
        [],
        ("hardcoded-secret", 1),
    ),
    # round 328: `nameko run` sets logging up (the config's LOGGING, or basicConfig)
    "nameko_service_logging": (
        {
            "hello.py": 'from nameko.rpc import rpc\n\n\nclass HelloService:\n    name = "hello"\n\n    @rpc\n    def hello(self, who):\n        return f"hello {who}"\n'
        },
        [("hello.py", "worker", "nameko")],
        ("missing-logging", "pass"),
    ),
    # round 338: inotify's event generator, for ever
    "inotify_event_gen": (
        {"watch.py": _INOTIFY.format(args="")},
        [("watch.py", "worker", "inotify")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # (trap) with a timeout it ends after a quiet spell: a job
    "inotify_event_gen_with_timeout": (
        {"watch.py": _INOTIFY.format(args="timeout_s=60, yield_nones=False")},
        [("watch.py", "job", "script")],
        None,
    ),
    # round 338: a log file followed as it grows
    "tailhead_follow_path": (
        {"follow.py": _FOLLOW.format(follow='follow_path("app.log")')},
        [("follow.py", "worker", "tail-follow")],
        None,
    ),
    # (trap) its last lines, read once
    "tailhead_tail": (
        {"follow.py": _FOLLOW.format(follow='tail(open("app.log", "rb"), 10)')},
        [("follow.py", "job", "script")],
        None,
    ),
    # round 334: a watchdog observer kept in an attribute, the main thread kept alive in `run()`
    "watchdog_observer_attribute": (
        {"watcher.py": _OBSERVER_ATTR.format(observer="Observer()")},
        [("watcher.py", "worker", "watchdog")],
        None,
    ),
    # (trap) no observer: a loop that only sleeps keeps nothing alive
    "sleeping_run_without_observer": (
        {"watcher.py": _OBSERVER_ATTR.format(observer="None")},
        [("watcher.py", "job", "python")],
        None,
    ),
    # round 336: `if stop_event.is_set(): break` after the wait is the loop's own stop
    "outbox_thread_stopped_by_its_event": (
        {"mail.py": _OUTBOX.format(check="stop_event.is_set()")},
        [("mail.py", "api", "flask"), ("mail.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a break on something else ends the loop: no worker
    "outbox_thread_that_breaks_on_a_result": (
        {"mail.py": _OUTBOX.format(check="kick_event.is_set()")},
        [("mail.py", "api", "flask")],
        None,
    ),
    # round 337: a libpq connection string with quoted values holds its password
    "libpq_quoted_password": (
        {"config.py": "dsn = \"host=localhost port=6432 dbname='pastebin' user='pastebin' password='1234'\"\n"},
        [],
        ("hardcoded-secret", 1),
    ),
    # (trap) one naming where the password comes from
    "libpq_password_placeholder": (
        {"config.py": "dsn = \"host=localhost dbname='pastebin' user='pastebin' password='changeme'\"\n"},
        [],
        ("hardcoded-secret", 0),
    ),
    # round 337: `'some_secret'` stands in for a key
    "some_secret_is_a_placeholder": (
        {"config.py": "secret_key = 'some_secret'\n"},
        [],
        ("hardcoded-secret", 0),
    ),
    # round 322: the sample token of Telegram's documentation
    "telegram_documentation_token": (
        {"config.py": 'TELEGRAM_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"\n'},
        [],
        ("hardcoded-secret", 0),
    ),
    # (trap) a token of the same shape that is no sample
    "telegram_real_looking_token": (
        {"config.py": 'TELEGRAM_TOKEN = "8085126675:AAEC4utEtdNH1gyK_FRhdz-fgZqyirwtYCQ"\n'},
        [],
        ("hardcoded-secret", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of a2755ea..17db189 by a helper who had not written it: each tree reproduces a
# regression it found (each case fails on 17db189).
_REVIEW_CASES: dict[str, Case] = {
    "stop_result_paging": (
        {
            "scrape.py": 'import logging\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nPAGE_SIZE = 50\n\n\ndef fetch_page(page):\n    resp = requests.get("https://api.example.com/items", params={"page": page}, timeout=10)\n    resp.raise_for_status()\n    return resp.json()["items"]\n\n\ndef save(items):\n    with open("items.jsonl", "a") as f:\n        for item in items:\n            f.write(f"{item}\\n")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    page = 1\n    while True:\n        items = fetch_page(page)\n        save(items)\n        stop = len(items) < PAGE_SIZE\n        if stop:\n            break\n        page += 1\n        time.sleep(1)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("scrape.py", "job", "python")],
        None,
    ),
    "try_finally_busy": (
        {
            "drain.py": 'import csv\nimport logging\n\nfrom db import connect\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = connect()\n    rows = csv.reader(open("export.csv"))\n    try:\n        while True:\n            row = next(rows)\n            conn.write(row)\n    finally:\n        conn.close()\n\n\nif __name__ == "__main__":\n    main()\n',
            "db.py": "def connect():\n    return None\n",
        },
        [("drain.py", "job", "python")],
        None,
    ),
    "api_client_words": (
        {
            "bot.py": 'import tweepy\nfrom binance.client import Client\nfrom coinbase.wallet.client import Client as CoinbaseClient\n\na = tweepy.OAuthHandler("key", "secret")\nb = tweepy.OAuthHandler("consumerKey", "consumerSecret")\nc = Client("apikey", "secretkey")\nd = CoinbaseClient("my_key", "my_secret")\ne = tweepy.OAuth1UserHandler("consumer_key", "consumer_secret", "access_token", "access_token_secret")\n'
        },
        [],
        ("hardcoded-secret", 0),
    ),
    "app_user_password": (
        {
            "check.py": 'import psycopg2\n\nconn = psycopg2.connect(host="db.internal", user="app_user", password="password", dbname="orders")\n'
        },
        [],
        ("hardcoded-secret", 1),
    ),
    "consumer_loop_after_drop": (
        {
            "consumer.py": 'import json\n\nimport psycopg2\nfrom kafka import KafkaConsumer\n\nconn = psycopg2.connect("dbname=events")\ncur = conn.cursor()\ncur.execute("DROP TABLE IF EXISTS clicks")\ncur.execute("CREATE TABLE clicks (id SERIAL PRIMARY KEY, payload text)")\nconsumer = KafkaConsumer("clicks", bootstrap_servers="kafka:9092", group_id="loader")\nfor message in consumer:\n    cur.execute("INSERT INTO clicks (payload) VALUES (%s)", (json.dumps(message.value),))\n    conn.commit()\n'
        },
        [("consumer.py", "worker", "kafka")],
        ("non-idempotent-insert", 1),
    ),
    "none_to_json_dump": (
        {
            "etl.py": 'import sys\n\nimport json\nimport requests\n\n\ndef fetch_data(url):\n    response = requests.get(url, timeout=30)\n    if response.status_code != 200:\n        print(f"Failed to fetch data. Status code: {response.status_code}")\n        return None\n    return response.json()\n\n\nif __name__ == "__main__":\n    data = fetch_data(sys.argv[1])\n    with open("out.json", "w") as f:\n        json.dump(data, f)\n'
        },
        [("etl.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "aps_procfile": (
        {
            "Procfile": 'clock: python -c "from tasks import start_scheduler; start_scheduler()"\n',
            "tasks.py": 'import logging\n\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nlog = logging.getLogger(__name__)\n\n\ndef scrape():\n    log.info("scraped")\n\n\ndef start_scheduler():\n    logging.basicConfig(level=logging.INFO)\n    scheduler = BlockingScheduler()\n    scheduler.add_job(scrape, "interval", minutes=30)\n    scheduler.start()\n',
        },
        [("tasks.py", "job", "apscheduler")],
        None,
    ),
    "route_helper_task": (
        {
            "main.py": 'import asyncio\nimport logging\n\nimport httpx\nfrom fastapi import FastAPI\n\nlog = logging.getLogger(__name__)\napp = FastAPI()\nJOBS = {}\n\n\nasync def watch_job(job_id):\n    async with httpx.AsyncClient(timeout=10) as client:\n        while True:\n            resp = await client.get(f"https://render.example.com/jobs/{job_id}")\n            JOBS[job_id] = resp.json()["state"]\n            await asyncio.sleep(5)\n\n\ndef track(job_id):\n    JOBS[job_id] = "queued"\n    asyncio.create_task(watch_job(job_id))\n\n\n@app.post("/jobs/{job_id}")\nasync def submit(job_id: str):\n    track(job_id)\n    return {"tracking": job_id}\n\n\n@app.get("/health")\nasync def health():\n    return {"ok": True}\n'
        },
        [("main.py", "api", "fastapi")],
        None,
    ),
    # (a regression the review found, mended after the others)
    "nameko_service_runner": (
        {
            "run.py": 'import eventlet\n\neventlet.monkey_patch()\n\nfrom nameko.rpc import rpc\nfrom nameko.runners import ServiceRunner\n\n\nclass GreetingService:\n    name = "greeting"\n\n    @rpc\n    def hello(self, who):\n        return f"hello {who}"\n\n\nif __name__ == "__main__":\n    runner = ServiceRunner(config={"AMQP_URI": "amqp://guest:guest@rabbitmq"})\n    runner.add_service(GreetingService)\n    runner.start()\n    runner.wait()\n'
        },
        [("run.py", "job", "python"), ("run.py", "worker", "nameko")],
        ("missing-logging", {"run.py": "fail"}),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])
