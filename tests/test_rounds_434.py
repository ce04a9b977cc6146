"""Session 33: what blind rounds 434-465 and two reviews showed, as small trees.

Each case fails on the commit its round was measured on (54e3369, the session's start, for rounds
434-457; 7cf14af for rounds 458-464 and the review of 54e3369..7cf14af, the `review_` cases;
930f30c for round 465; a641677 for the second review's, `second_review_`), except the traps
(marked), which pass there and must not move; a trap is its case's tree with one edit. A case
gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it matters, a
rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

_WEBSOCKET_RECONNECT_LOOP = {
    "bridge.py": """\
import asyncio
import json
import logging
import os

import websockets

log = logging.getLogger("bridge")


async def forward(websocket):
    async for message in websocket:
        event = json.loads(message)
        log.info("event %s", event.get("id"))


async def receive():
    while True:
        try:
            async with websockets.connect(os.environ["EVENTS_URL"]) as websocket:
                await forward(websocket)
        except Exception:
            log.exception("connection lost")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(receive())
""",
}


_INSERT_BOUND_AFTER_TABLE_DROPPED = {
    "load.py": """\
import csv
import os

import mysql.connector

db = mysql.connector.connect(host=os.environ["DB_HOST"], user="etl", password=os.environ["DB_PASSWORD"], database="prices")
cur = db.cursor()
with open("prices.csv") as f:
    rows = [tuple(r) for r in csv.reader(f)]

cur.execute("drop table coin_price")
cur.execute("CREATE TABLE coin_price (day date, coin varchar(32), price int)")

insert_query = "INSERT INTO coin_price (day, coin, price) VALUES (%s, %s, %s)"
cur.executemany(insert_query, rows)
db.commit()
""",
}


_FALLBACK_AFTER_PLAIN_FILE_READ = {
    "declare.py": """\
import socket

import paho.mqtt.publish as publish


def publish_message(topic, message):
    publish.single(topic, message, qos=1, retain=True, hostname="broker.local")


def get_model():
    model = "unknown"
    try:
        f = open("/proc/device-tree/model", "r")
        model = f.read()[:-1]
        f.close()
    except:
        model = "unknown"
    return model


model = get_model()
host = socket.gethostname()
publish_message(f"homeassistant/sensor/{host}/config", '{"model": "' + model + '"}')
""",
}


_INSERT_KEYED_BY_ROWS_A_HELPER_SELECTED = {
    "db.py": """\
import os

import mysql.connector


class Database:
    def __init__(self):
        self.conn = mysql.connector.connect(host=os.environ["DB_HOST"], user="app", password=os.environ["DB_PASSWORD"])
        self.cur = self.conn.cursor(buffered=True)

    def execute_query(self, query):
        self.cur.execute(query)
        return self.cur.fetchall()

    def migrate(self, migrations):
        for name in migrations:
            raw = self.execute_query("SELECT name FROM migrations WHERE executed = 1;")
            done = []
            for row in raw:
                done.append(row[0])
            if name not in done:
                self.cur.execute("INSERT INTO migrations (name) VALUES (%s);", (name,))
                self.cur.execute(migrations[name])
                self.conn.commit()
""",
    "migrate.py": """\
from db import Database

MIGRATIONS = {"create_products": "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(255))"}

if __name__ == "__main__":
    Database().migrate(MIGRATIONS)
""",
}


_POLLER_LOGGING_FROM_APP_RUNNER = {
    "app/__init__.py": "",
    "app/__main__.py": """\
import logging

from aiohttp import web

from .main import app

logging.basicConfig(level=logging.INFO)
web.run_app(app, port=8080)
""",
    "app/fetcher.py": """\
import asyncio
import logging

import aiohttp

log = logging.getLogger(__name__)


async def fetch_forever():
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get("https://notices.example.org/feed") as resp:
                log.info("feed answered %s", resp.status)
            await asyncio.sleep(600)
""",
    "app/main.py": """\
import asyncio

from aiohttp import web

from .fetcher import fetch_forever


async def start_background_tasks(app):
    app["task"] = asyncio.create_task(fetch_forever())


async def cleanup_background_tasks(app):
    app["task"].cancel()
    await app["task"]


async def index(request):
    return web.Response(text="ok")


app = web.Application()
app.router.add_get("/", index)
app.on_startup.append(start_background_tasks)
app.on_cleanup.append(cleanup_background_tasks)

if __name__ == "__main__":
    web.run_app(app)
""",
}


_POLLER_THREAD_BESIDE_IMPORTED_APP = {
    "app.py": """\
from threading import Thread

from scraper import poll_votes
from web import app as flask_app

if __name__ == "__main__":
    Thread(target=poll_votes, daemon=True).start()
    flask_app.run("0.0.0.0")
""",
    "database.py": """\
import sqlite3


def save(chart):
    with sqlite3.connect("data.db") as conn:
        conn.execute("INSERT OR REPLACE INTO votes (name, value) VALUES (?, ?)", (chart["name"], chart["value"]))
""",
    "scraper.py": """\
import logging
import time

import requests

from database import save


def poll_votes():
    while True:
        try:
            save(requests.get("https://votes.example.org/chart", timeout=30).json())
            logging.info("parsed")
        except Exception:
            logging.exception("poll failed")
        time.sleep(3600)
""",
    "web.py": """\
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "votes"
""",
}


_STREAM_READ_TWO_CALLS_DEEP = {
    "main.py": """\
import asyncio
import logging

import redis.asyncio as aioredis

from streams import *

log = logging.getLogger("processor")


async def process_messages():
    client = aioredis.Redis(host="redis")
    while True:
        message_id, data = await next_message(client, "events", "processors")
        if message_id:
            await handle(client, message_id, data)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(process_messages())
""",
    "streams.py": """\
import logging

log = logging.getLogger(__name__)


async def read_new(client, stream, group):
    messages = await client.xreadgroup(group, "worker-1", {stream: ">"}, count=1, block=5000)
    if messages:
        _, entries = messages[0]
        return entries[0]
    return None, None


async def next_message(client, stream, group):
    message_id, data = await read_new(client, stream, group)
    return message_id, data


async def handle(client, message_id, data):
    log.info("handled %s", message_id)
    await client.xack("events", "processors", message_id)
""",
}


_SFTP_UPLOAD_SCRIPT = {
    "upload.py": """\
import os
import time

import paramiko

today = time.strftime("%Y%m%d")
ssh = paramiko.SSHClient()
ssh.load_system_host_keys()
ssh.connect(hostname=os.environ["SFTP_HOST"], username="upload", key_filename=os.environ["SFTP_KEY"])
sftp = ssh.open_sftp()
sftp.put("events.json", f"/upload/events-{today}.json")
sftp.close()
ssh.close()
""",
}


_SCHEDULE_PROCESS_WHOSE_ONE_JOB_MAILS = {
    "daily_report.py": """\
import os
import smtplib
import time
from email.mime.text import MIMEText

import schedule


def send_email():
    try:
        server = smtplib.SMTP("smtp.example.org", 587)
        server.starttls()
        server.login(os.environ["MAIL_USER"], os.environ["MAIL_PASSWORD"])
        msg = MIMEText("This is your daily report.")
        msg["Subject"] = "Daily report"
        server.send_message(msg)
        server.quit()
    except Exception as e:
        print(f"Failed to send email: {e}")


schedule.every().day.at("08:00").do(send_email)

while True:
    schedule.run_pending()
    time.sleep(60)
""",
}


_BOT_TOKEN_STAND_IN = {
    "notify.py": """\
import sys

import requests

BOT_TOKEN = "12345:somerandomstring"  # the token @BotFather gives
CHAT_ID = "-123456789"


def main():
    item, price = sys.argv[1], sys.argv[2]
    r = requests.post(
        f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage", data={"chat_id": CHAT_ID, "text": f"{item}: {price}"}, timeout=10
    )
    r.raise_for_status()


if __name__ == "__main__":
    main()
""",
}


_MATRIX_NIO_LOGIN_PASSWORD = {
    "bot.py": """\
import asyncio
import logging

from nio import AsyncClient, RoomMessageText

log = logging.getLogger("bot")


async def on_message(room, event):
    log.info("%s: %s", room.display_name, event.body)


async def main():
    client = AsyncClient("https://matrix.example.org", "@helper:example.org")
    client.add_event_callback(on_message, RoomMessageText)
    await client.login("Taghi1993!")
    await client.sync_forever(timeout=30000)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
""",
}


_AIRFLOW_BASH_OPERATOR_RUNS_SCRIPT = {
    "dags/etl_dag.py": """\
from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("astros", start_date=datetime(2024, 1, 1), schedule_interval="@hourly", catchup=False) as dag:
    get = BashOperator(
        task_id="get-astros",
        bash_command="cd ~/airflow/dags/scripts/ && python3 get_astros.py",
    )
""",
    "dags/scripts/get_astros.py": """\
import json

import requests

from store import save


def fetch():
    return requests.get("http://api.open-notify.org/astros.json", timeout=10).json()


if __name__ == "__main__":
    save(json.dumps(fetch()))
""",
    "dags/scripts/store.py": """\
import logging

logging.basicConfig(level=logging.INFO)


def save(text):
    with open("/data/astros.json", "w") as f:
        f.write(text)
    logging.info("saved %d bytes", len(text))
""",
}


_INFLUX_WRITE_SCRIPT = {
    "power.py": """\
import os

import requests
from influxdb_client import InfluxDBClient, Point
from influxdb_client.client.write_api import SYNCHRONOUS

r = requests.get(os.environ["SENSOR_ENDPOINT"], timeout=10)
r.raise_for_status()
state = r.json()["state"]

client = InfluxDBClient.from_env_properties()
write_api = client.write_api(write_options=SYNCHRONOUS)
write_api.write(bucket="heater", record=Point("consumption").field("power", state["power"]))
""",
}


_CSV_WRITTEN_THEN_REMOVED = {
    "load.py": """\
import os

import pandas as pd
import psycopg2
import requests

OUT = os.environ.get("WORK_DIR", "/tmp")
df = pd.json_normalize(requests.get("http://api.open-notify.org/astros.json", timeout=10).json()["people"])
df.to_csv(f"{OUT}/astros.csv", index=False, header=False)

conn = psycopg2.connect(os.environ["DATABASE_URL"])
cur = conn.cursor()
with open(f"{OUT}/astros.csv") as f:
    cur.copy_from(f, "astronauts", sep=",")
conn.commit()
os.remove(f"{OUT}/astros.csv")
""",
}


_INSERT_KEYED_BY_COUNT_IN_FSTRING_TABLE = {
    "load.py": """\
import json
import os

import psycopg2


def load(cur, table_id, rows):
    for row in rows:
        cur.execute(f"SELECT COUNT(*) FROM {table_id} WHERE report_number = {row['report_number']}")
        result = cur.fetchone()
        if result[0] == 0:
            cur.execute(f"INSERT INTO {table_id} (report_number, address) VALUES (%s, %s)", (row["report_number"], row["address"]))


if __name__ == "__main__":
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with open("crimes.json") as f:
        load(conn.cursor(), "crimes", json.load(f))
    conn.commit()
""",
}


_REVIEW_DRAIN_TWO_CALLS_DEEP = {
    "drain.py": """\
import logging

from sqs_helpers import delete, next_batch

log = logging.getLogger("drain")


def main():
    handled = 0
    while True:
        batch = next_batch()
        if not batch:
            break
        for handle, body in batch:
            log.info("order %s", body["id"])
            delete(handle)
            handled += 1
    log.info("drained %d messages", handled)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
""",
    "sqs_helpers.py": """\
import json
import os

import boto3

sqs = boto3.client("sqs")
QUEUE_URL = os.environ["QUEUE_URL"]


def receive_batch():
    resp = sqs.receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=10, WaitTimeSeconds=1)
    return resp.get("Messages", [])


def next_batch():
    return [(m["ReceiptHandle"], json.loads(m["Body"])) for m in receive_batch()]


def delete(handle):
    sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=handle)
""",
}


_REVIEW_MENU_LOOP_PULLING_IMAGES = {
    "manage.py": """\
import subprocess

import docker

client = docker.from_env()
SERVICES = ["web", "worker", "nginx"]


def pull_images():
    for name in SERVICES:
        client.images.pull(f"registry.example.org/shop/{name}", tag="latest")


def update():
    pull_images()
    subprocess.run(["docker", "compose", "up", "-d"], check=True)


def main():
    while True:
        choice = input("1) update  2) status  3) quit: ")
        if choice == "1":
            update()
        elif choice == "2":
            subprocess.run(["docker", "compose", "ps"], check=True)
        elif choice == "3":
            break


if __name__ == "__main__":
    main()
""",
}


_REVIEW_FILE_READ_THEN_POST = {
    "push_temp.py": """\
import logging

import requests

log = logging.getLogger("push_temp")

SENSOR = "/sys/bus/w1/devices/28-00000a1b2c3d/w1_slave"


def push_reading():
    sent = False
    try:
        f = open(SENSOR)
        lines = f.readlines()
        f.close()
        temp = float(lines[1].split("t=")[1]) / 1000
        resp = requests.post("https://metrics.example.org/api/temp", json={"celsius": temp}, timeout=10)
        sent = resp.ok
    except Exception:
        sent = False
    log.info("sent: %s", sent)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    push_reading()
""",
}


_REVIEW_INSERT_BOUND_BEFORE_DROP = {
    "load.py": """\
import csv
import os

import mysql.connector

INSERT_QUERY = "INSERT INTO coin_price (day, coin, price) VALUES (%s, %s, %s)"

db = mysql.connector.connect(host=os.environ["DB_HOST"], user="etl", password=os.environ["DB_PASSWORD"], database="prices")
cur = db.cursor()
with open("prices.csv") as f:
    rows = [tuple(r) for r in csv.reader(f)]

cur.execute("DROP TABLE IF EXISTS coin_price")
cur.execute("CREATE TABLE coin_price (day date, coin varchar(32), price int)")
cur.executemany(INSERT_QUERY, rows)
db.commit()
""",
}


_REVIEW_DROP_IN_ONE_LINE_IF = {
    "load.py": """\
import csv
import os
import sys

import psycopg2

RESET = "--reset" in sys.argv

conn = psycopg2.connect(os.environ["DATABASE_URL"])
cur = conn.cursor()
if RESET: cur.execute("DROP TABLE IF EXISTS readings")
cur.execute("CREATE TABLE IF NOT EXISTS readings (ts timestamptz, sensor text, value real)")

insert_sql = "INSERT INTO readings (ts, sensor, value) VALUES (%s, %s, %s)"
with open(sys.argv[1]) as f:
    rows = list(csv.reader(f))
cur.executemany(insert_sql, rows)
conn.commit()
""",
}


_REVIEW_SETTINGS_FETCHED_OVER_SFTP = {
    "settings.py": """\
import json
import os

import paramiko

# the shared settings live on the file server: fetch them once at start-up
_ssh = paramiko.SSHClient()
_ssh.load_system_host_keys()
_ssh.connect(os.environ["CONFIG_HOST"], username="config", key_filename=os.environ["CONFIG_KEY"])
_sftp = _ssh.open_sftp()
_sftp.get("/srv/config/feeds.json", "/tmp/feeds.json")
_sftp.close()
_ssh.close()

with open("/tmp/feeds.json") as f:
    FEEDS = json.load(f)
""",
    "worker.py": """\
import logging
import time

import requests

from settings import FEEDS

log = logging.getLogger("worker")


def main():
    logging.basicConfig(level=logging.INFO)
    while True:
        for url in FEEDS:
            r = requests.get(url, timeout=10)
            log.info("%s %s", url, r.status_code)
        time.sleep(600)


if __name__ == "__main__":
    main()
""",
}


_REVIEW_NIO_CLIENT_FROM_SUBMODULE = {
    "bot.py": """\
import asyncio
from nio.client import AsyncClient

async def main():
    client = AsyncClient("https://matrix.example.org", "@helper:example.org")
    await client.login("Taghi1993!")
    await client.sync_forever(timeout=30000)

if __name__ == "__main__":
    asyncio.run(main())
""",
}


_CURATOR_DELETE_INDICES = {
    "clean_indices.py": """\
import curator
from elasticsearch import Elasticsearch

client = Elasticsearch()


def delete_old(prefix, days):
    ilo = curator.IndexList(client)
    ilo.filter_by_regex(kind="prefix", value=prefix)
    ilo.filter_by_age(source="creation_date", direction="older", unit="days", unit_count=days)
    delete_indices = curator.DeleteIndices(ilo, master_timeout=30)
    delete_indices.do_dry_run()
    delete_indices.do_action()


if __name__ == "__main__":
    delete_old("filebeat-", 14)
""",
}


_SECOND_REVIEW_STATE_FILE_PARSED_IN_TRY = {
    "poll_ids.py": """\
import logging

import requests

log = logging.getLogger("poll_ids")
STATE = "last_id.txt"
API = "https://api.example.org/items"


def main():
    logging.basicConfig(level=logging.INFO)
    try:
        f = open(STATE)
        raw = f.read()
        f.close()
        last_id = int(raw.strip())
    except Exception:
        last_id = 0
    resp = requests.get(API, params={"since": last_id}, timeout=10)
    resp.raise_for_status()
    items = resp.json()
    for item in items:
        log.info("new item %s", item["id"])
        last_id = max(last_id, item["id"])
    with open(STATE, "w") as out:
        out.write(str(last_id))


if __name__ == "__main__":
    main()
""",
}


_SECOND_REVIEW_STALE_FILES_REMOVED = {
    "mirror_photos.py": """\
import io
import logging
import os

import requests
from PIL import Image

log = logging.getLogger("mirror")
API = "https://photos.example.org/api/album/42"
CACHE = "/var/www/album"


def main():
    logging.basicConfig(level=logging.INFO)
    resp = requests.get(API, timeout=30)
    resp.raise_for_status()
    remote = {p["name"]: p["url"] for p in resp.json()["photos"]}
    for name, url in remote.items():
        img = Image.open(io.BytesIO(requests.get(url, timeout=30).content))
        img.thumbnail((1024, 1024))
        img.save(f"{CACHE}/{name}")
    stale = set(os.listdir(CACHE)) - set(remote)
    for name in stale:
        log.info("removing %s", name)
        os.remove(f"{CACHE}/{name}")


if __name__ == "__main__":
    main()
""",
}


_SECOND_REVIEW_CURATOR_DELETE_CHAINED = {
    "prune_indices.py": """\
import logging

from curator import DeleteIndices, IndexList
from elasticsearch import Elasticsearch

log = logging.getLogger("prune")
es = Elasticsearch("http://es:9200", request_timeout=30)


def main():
    logging.basicConfig(level=logging.INFO)
    ilo = IndexList(es)
    ilo.filter_by_regex(kind="prefix", value="logstash-")
    ilo.filter_by_age(source="name", direction="older", timestring="%Y.%m.%d", unit="days", unit_count=30)
    if not ilo.indices:
        log.info("nothing to delete")
        return
    DeleteIndices(ilo).do_action()


if __name__ == "__main__":
    main()
""",
}


_CASES: dict[str, Case] = {
    # A `while True:` that connects a websocket again each time it drops and hands it to a helper
    # reading it (`async for message in websocket`), the handler only logging: a worker (round 444's
    # deCONZ bridge, a job to the tool before)
    "websocket_reconnect_loop": (
        _WEBSOCKET_RECONNECT_LOOP,
        [("bridge.py", "worker", "websocket")],
        None,
    ),
    # Trap: the same loop leaving after the first connection ends: a run-once script
    "websocket_connect_once_trap": (
        _edited(
            _WEBSOCKET_RECONNECT_LOOP,
            "bridge.py",
            "                await forward(websocket)\n",
            "                await forward(websocket)\n            break\n",
        ),
        [("bridge.py", "job", "python")],
        None,
    ),
    # A script that drops its table, creates it again and runs an INSERT it bound to a name: the rows
    # of a table made anew (round 439's coin prices)
    "insert_bound_after_table_dropped": (
        _INSERT_BOUND_AFTER_TABLE_DROPPED,
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    # Trap: the table dropped is another one: the INSERT still writes twice on a re-run
    "insert_bound_after_other_table_dropped_trap": (
        _edited(
            _INSERT_BOUND_AFTER_TABLE_DROPPED,
            "load.py",
            'cur.execute("drop table coin_price")\n',
            'cur.execute("drop table coin_price_old")\n',
        ),
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # A value read from a file opened without `with` (`f = open(p)`, `f.read()`, `f.close()`), its
    # handler only setting the fallback: no failure of the job's (round 444's device model)
    "fallback_after_plain_file_read": (
        _FALLBACK_AFTER_PLAIN_FILE_READ,
        [("declare.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # Trap: the same `try` also publishes: a failed publish is caught and lost
    "plain_file_read_then_publish_trap": (
        _edited(
            _FALLBACK_AFTER_PLAIN_FILE_READ,
            "declare.py",
            "        f.close()\n",
            '        f.close()\n        publish_message("devices/model", model)\n',
        ),
        [("declare.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # An INSERT run only for a key not among the rows a helper selected from the same table
    # (`raw = self.execute_query("SELECT name FROM migrations ...")`, their keys appended to a list):
    # keyed (round 446's migrations table)
    "insert_keyed_by_rows_a_helper_selected": (
        _INSERT_KEYED_BY_ROWS_A_HELPER_SELECTED,
        [("migrate.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # Trap: the keys come from a file, not from the table: the INSERT is not keyed on it
    "insert_keyed_by_file_lines_trap": (
        _edited(
            _INSERT_KEYED_BY_ROWS_A_HELPER_SELECTED,
            "db.py",
            "            for row in raw:\n",
            '            for row in open("done.txt"):\n',
        ),
        [("migrate.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # A poller an aiohttp app starts from its start-up hook lives in the app's process: logging set
    # up by the package's `__main__.py` that serves the app counts for it as for the app (round 447)
    "poller_logging_from_app_runner": (
        _POLLER_LOGGING_FROM_APP_RUNNER,
        [("app/main.py", "api", "aiohttp"), ("app/main.py", "worker", "polling-loop")],
        ("missing-logging", 0),
    ),
    # Trap: the package's `__main__.py` serves the app without setting logging up: both still miss it
    "poller_logging_runner_without_set_up_trap": (
        _edited(
            _POLLER_LOGGING_FROM_APP_RUNNER,
            "app/__main__.py",
            "import logging\n\nfrom aiohttp import web\n\nfrom .main import app\n\nlogging.basicConfig(level=logging.INFO)\n",
            "\nfrom aiohttp import web\n\nfrom .main import app\n\n",
        ),
        [("app/main.py", "api", "aiohttp"), ("app/main.py", "worker", "polling-loop")],
        ("missing-logging", 2),
    ),
    # A `__main__` block starting a poller in a thread, then running the Flask app another module
    # builds (`from web import app as flask_app`): the poller is a worker of that process, placed at
    # the block (round 451's scraper, nothing to the tool before)
    "poller_thread_beside_imported_app": (
        _POLLER_THREAD_BESIDE_IMPORTED_APP,
        [("app.py", "worker", "polling-loop"), ("web.py", "api", "flask")],
        None,
    ),
    # Trap: the block only runs the imported app: no worker
    "imported_app_run_alone_trap": (
        _edited(
            _POLLER_THREAD_BESIDE_IMPORTED_APP,
            "app.py",
            'from threading import Thread\n\nfrom scraper import poll_votes\nfrom web import app as flask_app\n\nif __name__ == "__main__":\n    Thread(target=poll_votes, daemon=True).start()\n',
            'from web import app as flask_app\n\nif __name__ == "__main__":\n',
        ),
        [("web.py", "api", "flask")],
        None,
    ),
    # A forever loop awaiting a star-imported helper whose own helper reads a Redis stream
    # (`next_message()` -> `read_new()` -> `xreadgroup`): a consume loop, two calls down (round 452)
    "stream_read_two_calls_deep": (
        _STREAM_READ_TWO_CALLS_DEEP,
        [("main.py", "worker", "redis-streams")],
        None,
    ),
    # Trap: the helper two calls down reads a hash, not a stream: no consume loop
    "helper_two_calls_deep_reads_a_hash_trap": (
        _edited(
            _STREAM_READ_TWO_CALLS_DEEP,
            "streams.py",
            '    messages = await client.xreadgroup(group, "worker-1", {stream: ">"}, count=1, block=5000)\n',
            "    messages = await client.hgetall(stream)\n",
        ),
        [("main.py", "job", "python")],
        None,
    ),
    # A module-level script opening an SFTP session and putting a file (round 454)
    "sftp_upload_script": (
        _SFTP_UPLOAD_SCRIPT,
        [("upload.py", "job", "script")],
        None,
    ),
    # Trap: the session only lists a directory: no work of a script's
    "sftp_listing_module_trap": (
        _edited(
            _SFTP_UPLOAD_SCRIPT,
            "upload.py",
            'sftp.put("events.json", f"/upload/events-{today}.json")\n',
            'names = sftp.listdir("/upload")\n',
        ),
        [],
        None,
    ),
    # A `schedule` process whose one job sends the report by mail and only prints a failure: the mail
    # is the work, not a notice about it (round 454)
    "schedule_process_whose_one_job_mails": (
        _SCHEDULE_PROCESS_WHOSE_ONE_JOB_MAILS,
        [("daily_report.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    # Trap: the mail is one of two jobs: a notice, its failure not the process's
    "schedule_process_mail_beside_other_job_trap": (
        _edited(
            _SCHEDULE_PROCESS_WHOSE_ONE_JOB_MAILS,
            "daily_report.py",
            'schedule.every().day.at("08:00").do(send_email)\n',
            'def rotate_reports():\n    for name in os.listdir("reports"):\n        os.replace(os.path.join("reports", name), os.path.join("archive", name))\n\n\nschedule.every().day.at("08:00").do(send_email)\nschedule.every().day.at("09:00").do(rotate_reports)\n',
        ),
        [("daily_report.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    # A bot token written as a stand-in after a bot id (`"12345:somerandomstring"`): no secret (round 457)
    "bot_token_stand_in": (
        _BOT_TOKEN_STAND_IN,
        [("notify.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # Trap: a token of the real shape is still one
    "bot_token_real_shape_trap": (
        _edited(
            _BOT_TOKEN_STAND_IN,
            "notify.py",
            'BOT_TOKEN = "12345:somerandomstring"  # the token @BotFather gives\n',
            'BOT_TOKEN = "5123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"  # the token @BotFather gives\n',
        ),
        [("notify.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # matrix-nio's `client.login("...")` takes the password alone, the user given to the client
    # (round 437's Matrix bot)
    "matrix_nio_login_password": (
        _MATRIX_NIO_LOGIN_PASSWORD,
        [("bot.py", "worker", "matrix-nio")],
        ("hardcoded-secret", 1),
    ),
    # Trap: `login()` of a client that is not matrix-nio's, given one argument: not known to be a password
    "login_of_another_client_trap": (
        _edited(
            _MATRIX_NIO_LOGIN_PASSWORD,
            "bot.py",
            "from nio import AsyncClient, RoomMessageText\n",
            "from nio import RoomMessageText\nfrom chatlib import AsyncClient\n",
        ),
        [("bot.py", "worker", "matrix-nio")],
        ("hardcoded-secret", 0),
    ),
    # An Airflow DAG's `BashOperator` running `cd ~/airflow/dags/scripts/` then `python3 get_astros.py`:
    # the script is a job of the DAG's schedule, found under the home directory's path (round 462)
    "airflow_bash_operator_runs_script": (
        _AIRFLOW_BASH_OPERATOR_RUNS_SCRIPT,
        [("dags/etl_dag.py", "job", "airflow"), ("dags/scripts/get_astros.py", "job", "airflow-task")],
        None,
    ),
    # Trap: the operator runs no Python: the script is only a script
    "airflow_bash_operator_without_python_trap": (
        _edited(
            _AIRFLOW_BASH_OPERATOR_RUNS_SCRIPT,
            "dags/etl_dag.py",
            '        bash_command="cd ~/airflow/dags/scripts/ && python3 get_astros.py",\n',
            '        bash_command="cd ~/airflow/dags/scripts/ && echo fetched elsewhere",\n',
        ),
        [("dags/etl_dag.py", "job", "airflow"), ("dags/scripts/get_astros.py", "job", "python")],
        None,
    ),
    # A module-level script reading a sensor and writing a point through InfluxDB 2's `write_api.write(...)`
    # (round 463's heater meter)
    "influx_write_script": (
        _INFLUX_WRITE_SCRIPT,
        [("power.py", "job", "script")],
        None,
    ),
    # Trap: the point is built, never written: no work of a script's
    "influx_point_built_not_written_trap": (
        _edited(
            _INFLUX_WRITE_SCRIPT,
            "power.py",
            'write_api.write(bucket="heater", record=Point("consumption").field("power", state["power"]))\n',
            'point = Point("consumption").field("power", state["power"])\n',
        ),
        [],
        None,
    ),
    # A CSV the script writes itself (`df.to_csv(f"{OUT}/astros.csv")`), loads, then removes: its own
    # file, no deletion to guard (round 462)
    "csv_written_then_removed": (
        _CSV_WRITTEN_THEN_REMOVED,
        [("load.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # Trap: the file removed is another one
    "other_csv_removed_trap": (
        _edited(
            _CSV_WRITTEN_THEN_REMOVED,
            "load.py",
            'os.remove(f"{OUT}/astros.csv")\n',
            'os.remove(f"{OUT}/astros-old.csv")\n',
        ),
        [("load.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # An INSERT into an interpolated table (`f"INSERT INTO {table_id} ..."`) run only when `result[0] == 0`
    # after a `SELECT COUNT(*)` of the same table: keyed (round 462)
    "insert_keyed_by_count_in_fstring_table": (
        _INSERT_KEYED_BY_COUNT_IN_FSTRING_TABLE,
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # Trap: the count is of another table
    "count_of_another_table_trap": (
        _edited(
            _INSERT_KEYED_BY_COUNT_IN_FSTRING_TABLE,
            "load.py",
            "def load(cur, table_id, rows):\n    for row in rows:\n        cur.execute(f\"SELECT COUNT(*) FROM {table_id} WHERE report_number = {row['report_number']}\")\n",
            'def load(cur, table_id, rows, archive_id="archive"):\n    for row in rows:\n        cur.execute(f"SELECT COUNT(*) FROM {archive_id} WHERE report_number = {row[\'report_number\']}")\n',
        ),
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # Review of 7cf14af: a loop draining a queue through a helper's helper, `if not batch: break`, is a
    # run-once job, as the same loop reading the queue itself is (the helpers' loop was made a worker)
    "review_drain_two_calls_deep": (
        _REVIEW_DRAIN_TWO_CALLS_DEEP,
        [("drain.py", "job", "sqs")],
        None,
    ),
    # Review: a menu a person drives (`input()`), one option pulling Docker images two calls down: no
    # consume loop (`pull` on any object was read as a Pub/Sub pull)
    "review_menu_loop_pulling_images": (
        _REVIEW_MENU_LOOP_PULLING_IMAGES,
        [],
        None,
    ),
    # Review: a `try` that reads a file without `with`, closes it, then posts: the handler's fallback
    # loses the post's failure (every assignment was taken for reading the file)
    "review_file_read_then_post": (
        _REVIEW_FILE_READ_THEN_POST,
        [("push_temp.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # Review: the INSERT bound to a constant at the top, run after the script dropped and created the
    # table: a rebuild (judged where it runs, not where it is bound)
    "review_insert_bound_before_drop": (
        _REVIEW_INSERT_BOUND_BEFORE_DROP,
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    # Review: `if RESET: cur.execute("DROP TABLE ...")` on one line drops the table only when asked: a
    # re-run without it inserts again (a one-line block is a block)
    "review_drop_in_one_line_if": (
        _REVIEW_DROP_IN_ONE_LINE_IF,
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # Review: a settings module fetching its file over SFTP at import, imported by the worker: set-up,
    # no job
    "review_settings_fetched_over_sftp": (
        _REVIEW_SETTINGS_FETCHED_OVER_SFTP,
        [("worker.py", "worker", "polling-loop")],
        None,
    ),
    # Review: matrix-nio's `login(password, device_name)`: the device name is no password (the
    # placeholder password is left alone)
    "review_nio_login_device_name": (
        _edited(
            _MATRIX_NIO_LOGIN_PASSWORD,
            "bot.py",
            '    await client.login("Taghi1993!")\n',
            '    await client.login("YOUR_PASSWORD", "helper-bot")\n',
        ),
        [("bot.py", "worker", "matrix-nio")],
        ("hardcoded-secret", 0),
    ),
    # Review: a client imported from `nio.client` is matrix-nio's too
    "review_nio_client_from_submodule": (
        _REVIEW_NIO_CLIENT_FROM_SUBMODULE,
        [("bot.py", "worker", "matrix-nio")],
        ("hardcoded-secret", 1),
    ),
    # Elasticsearch Curator's `DeleteIndices(ilo).do_action()` deletes indices; its `do_dry_run()`,
    # called first whatever happens, only reports and guards nothing (round 465)
    "curator_delete_indices": (
        _CURATOR_DELETE_INDICES,
        [("clean_indices.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # Trap: `do_action()` only with `--apply`, the dry run otherwise
    "curator_delete_behind_apply_trap": (
        _edited(
            _CURATOR_DELETE_INDICES,
            "clean_indices.py",
            'import curator\nfrom elasticsearch import Elasticsearch\n\nclient = Elasticsearch()\n\n\ndef delete_old(prefix, days):\n    ilo = curator.IndexList(client)\n    ilo.filter_by_regex(kind="prefix", value=prefix)\n    ilo.filter_by_age(source="creation_date", direction="older", unit="days", unit_count=days)\n    delete_indices = curator.DeleteIndices(ilo, master_timeout=30)\n    delete_indices.do_dry_run()\n    delete_indices.do_action()\n',
            'import sys\n\nimport curator\nfrom elasticsearch import Elasticsearch\n\nclient = Elasticsearch()\n\n\ndef delete_old(prefix, days):\n    ilo = curator.IndexList(client)\n    ilo.filter_by_regex(kind="prefix", value=prefix)\n    ilo.filter_by_age(source="creation_date", direction="older", unit="days", unit_count=days)\n    delete_indices = curator.DeleteIndices(ilo, master_timeout=30)\n    if "--apply" in sys.argv:\n        delete_indices.do_action()\n    else:\n        delete_indices.do_dry_run()\n',
        ),
        [("clean_indices.py", "job", "python")],
        ("missing-dry-run", 0),
    ),
    # Second review, of 7cf14af..a641677: a `try` reading the job's own state file without `with` and
    # parsing it (`last_id = int(raw.strip())`), the handler setting the default, loses no failure (only
    # assignments naming the handle itself were accepted)
    "second_review_state_file_parsed_in_try": (
        _SECOND_REVIEW_STATE_FILE_PARSED_IN_TRY,
        [("poll_ids.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Second review: files saved in one loop (`img.save(f"{CACHE}/{name}")`) and stale ones removed in
    # another (`os.remove(f"{CACHE}/{name}")`): the same text names other files, the deletion counts
    "second_review_stale_files_removed": (
        _SECOND_REVIEW_STALE_FILES_REMOVED,
        [("mirror_photos.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # Second review: `DeleteIndices(ilo).do_action()` chained, imported from curator, is a deletion
    "second_review_curator_delete_chained": (
        _SECOND_REVIEW_CURATOR_DELETE_CHAINED,
        [("prune_indices.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
