"""Session 32: what blind rounds 402 and on showed, and what session 31 left, as small trees.

Each case fails on ed75de8, the commit the session's rule changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_JOB = [("job.py", "job", "python")]

# A spool cleaner whose handler branches on the caught error's attribute; `{test}` is the test and
# `{other}` the other branch
_SPOOL_CLEANER = """\
import errno
import logging
import os

log = logging.getLogger(__name__)


def clean(spool):
    for name in os.listdir(spool):
        path = os.path.join(spool, name)
        try:
            os.remove(path)
        except Exception as e:
            if {test}:
                log.info("already gone: %s", path)
            else:
                {other}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    clean("/var/spool/outbox")
"""

# An invoice service: a worker thread and, in the `__main__` block, a Flask app whose route
# inserts; `{worker}` is the thread's function and `{loop}` its loop's work
_INVOICES = """\
import sqlite3
import threading
import time

from flask import Flask, request

def insert_row(idx, memo):
    with sqlite3.connect("data.db") as conn:
        conn.execute("INSERT INTO invoices (idx, memo) VALUES (?, ?)", (idx, memo))

def {worker}():
    while True:
        {loop}
        time.sleep(60)

if __name__ == "__main__":
    threading.Thread(target={worker}, daemon=True).start()
    app = Flask("invoices")

    @app.route("/invoice", methods=["POST"])
    def create_invoice():
        insert_row(request.json["idx"], request.json["memo"])
        return {{}}, 201

    app.run(port=8080)
"""

# A job queueing URLs with one INSERT built in a name; `{last}` is what is added to it last
_URL_QUEUE = """\
import os

import psycopg2

def insert_urls(conn, urls):
    query = "INSERT INTO url (value) VALUES "
    for url in urls:
        query += f"('{{url}}'), "
    query = query[:-2]
    {last}
    with conn.cursor() as cur:
        cur.execute(query)

if __name__ == "__main__":
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    insert_urls(conn, ["https://example.org/a", "https://example.org/b"])
    conn.commit()
"""

# A listings store and the job filling it; `{seen}` is what the job does with a home seen before
_HOMES_STORE = 'import sqlite3\n\n\nclass Store:\n    def __init__(self, path):\n        self.conn = sqlite3.connect(path)\n\n    def has_duplicate_address(self, address):\n        return self.conn.execute("SELECT 1 FROM homes WHERE address = ?", (address,)).fetchone() is not None\n\n    def add_home(self, address, price):\n        self.conn.execute("INSERT INTO homes (address, price) VALUES (?, ?)", (address, price))\n        self.conn.commit()\n'
_HOMES_JOB = """\
import requests

from store import Store


def main():
    store = Store("homes.db")
    for home in requests.get("https://listings.example.org/homes", timeout=10).json():
        if store.has_duplicate_address(home["address"]):
            {seen}
        store.add_home(home["address"], home["price"])


if __name__ == "__main__":
    main()
"""

# A job texting through Twilio; `{sid}` and `{token}` are what its client is given
_TWILIO = """\
from twilio.rest import Client

def send(number, text):
    client = Client("{sid}", "{token}")
    client.messages.create(body=text, from_="+15550100", to=number)

if __name__ == "__main__":
    send("+15550101", "ping")
"""

_CASES: dict[str, Case] = {
    # A handler branching on the caught error's attribute and an imported constant, every branch
    # only logging: the failed removal is lost (session 31 left `if e.errno:`)
    "handler_branches_on_errno_constant": (
        {
            "job.py": _SPOOL_CLEANER.format(
                test="e.errno == errno.ENOENT", other='log.error("cannot remove %s: %s", path, e)'
            )
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    "handler_branches_on_attribute": (
        {"job.py": _SPOOL_CLEANER.format(test="e.errno", other='log.error("cannot remove %s: %s", path, e)')},
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # (trap) the other branch raises: the failure is not lost
    "handler_branches_on_errno_and_raises": (
        {"job.py": _SPOOL_CLEANER.format(test="e.errno == errno.ENOENT", other="raise")},
        _JOB,
        ("missing-exit-code", "pass"),
    ),
    # A Twilio client given its auth token as a literal (round 402)
    "twilio_client_token": (
        {"job.py": _TWILIO.format(sid="ACbece9191298d573f1ebc1e5ba994502a", token="6ff17ab2e37b3a22f225ddbb1f05ed36")},
        _JOB,
        ("hardcoded-secret", 1),
    ),
    # (trap) the README's placeholders
    "twilio_client_placeholders": (
        {"job.py": _TWILIO.format(sid="ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", token="your_auth_token")},
        _JOB,
        ("hardcoded-secret", 0),
    ),
    # A helper module's `__main__` block giving its function sample data, the function imported by
    # the service's entrypoint: a try-out, not a job (round 404's SharePoint uploader)
    "helper_tried_with_sample_data": (
        {
            "main.py": """\
                import logging
                import time

                from services.index import indexing

                def main():
                    logging.basicConfig(level=logging.INFO)
                    while True:
                        indexing("scan.pdf", "receipts", "/data/in", "/data/done")
                        time.sleep(30)

                if __name__ == "__main__":
                    main()
                """,
            "services/index.py": """\
                import os
                import shutil

                def indexing(pdf, option, input_path, processed_path):
                    shutil.move(os.path.join(input_path, pdf), os.path.join(processed_path, option + "-" + pdf))

                if __name__ == "__main__":
                    input_path = "incoming_docs"
                    processed_path = "processed_docs"
                    indexing("document.pdf", "42BReceipts", input_path, processed_path)
                """,
        },
        [("main.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a set-up script creating the tables, then seeding a user: run by hand, a job
    "helper_inits_then_seeds": (
        {
            "app.py": """\
                from flask import Flask

                from db import add_user, init_db

                app = Flask(__name__)

                @app.post("/users")
                def create():
                    add_user(name="x", email="x@example.org")
                    return "", 201
                """,
            "db.py": """\
                import sqlite3

                def init_db():
                    with sqlite3.connect("app.db") as conn:
                        conn.execute("CREATE TABLE IF NOT EXISTS users (name TEXT, email TEXT)")

                def add_user(name, email):
                    with sqlite3.connect("app.db") as conn:
                        conn.execute("INSERT INTO users VALUES (?, ?)", (name, email))

                if __name__ == "__main__":
                    init_db()
                    add_user(name="admin", email="admin@example.org")
                """,
        },
        [("app.py", "api", "flask"), ("db.py", "job", "python")],
        None,
    ),
    # A scraper module the app imports, whose own `__main__` loop the Dockerfile runs: a
    # worker of its own (round 411)
    "deployed_helper_loop": (
        {
            "scrape.py": """\
                import logging
                import time

                def scrape():
                    logging.info("scraping")

                def main():
                    while True:
                        try:
                            scrape()
                        except Exception as e:
                            logging.error("scrape failed: %s", e)
                        time.sleep(3600)

                if __name__ == "__main__":
                    main()
                """,
            "app.py": """\
                from flask import Flask

                from scrape import scrape

                app = Flask(__name__)

                @app.post("/scrape")
                def run_scrape():
                    scrape()
                    return "", 204
                """,
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "/app/scrape.py"]\n',
        },
        [("app.py", "api", "flask"), ("scrape.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) the same without a deployment running the file: a helper's loop
    "undeployed_helper_loop": (
        {
            "scrape.py": """\
                import logging
                import time

                def scrape():
                    logging.info("scraping")

                def main():
                    while True:
                        scrape()
                        time.sleep(3600)

                if __name__ == "__main__":
                    main()
                """,
            "app.py": """\
                from flask import Flask

                from scrape import scrape

                app = Flask(__name__)

                @app.post("/scrape")
                def run_scrape():
                    scrape()
                    return "", 204
                """,
        },
        [("app.py", "api", "flask")],
        None,
    ),
    # A LitServe model server: an api that answers `/health` itself (round 412)
    "litserve_server": (
        {
            "server.py": """\
                import litserve as ls

                class EchoAPI(ls.LitAPI):
                    def setup(self, device):
                        self.model = lambda x: x

                    def predict(self, x):
                        return self.model(x)

                if __name__ == "__main__":
                    api = EchoAPI()
                    server = ls.LitServer(api, api_path="/v1/echo")
                    server.run(port=8000)
                """
        },
        [("server.py", "api", "litserve")],
        ("missing-health-route", "pass"),
    ),
    # A Modal function run on a schedule: a job, with no exit status of its own (round 413)
    "modal_scheduled_function": (
        {
            "deploy.py": """\
                import modal

                app = modal.App("nightly")

                @app.function(schedule=modal.Period(days=1))
                def main():
                    print("checking")
                """
        },
        [("deploy.py", "job", "modal")],
        ("missing-exit-code", "na"),
    ),
    # (trap) a Modal function with no schedule: run on demand, no job of its own here
    "modal_function_on_demand": (
        {
            "deploy.py": """\
                import modal

                app = modal.App("tools")

                @app.function()
                def square(x):
                    return x * x
                """
        },
        [],
        None,
    ),
    # A script emptying a dead-letter queue back into its queue, ending when the queue is empty:
    # a job (round 415)
    "sqs_redrive_script": (
        {
            "redrive.py": """\
                import boto3

                sqs = boto3.client("sqs")

                while True:
                    resp = sqs.receive_message(QueueUrl="jobs-dlq", MaxNumberOfMessages=10, WaitTimeSeconds=0)
                    if "Messages" not in resp:
                        break
                    for message in resp["Messages"]:
                        sqs.send_message(QueueUrl="jobs", MessageBody=message["Body"])
                        sqs.delete_message(QueueUrl="jobs-dlq", ReceiptHandle=message["ReceiptHandle"])
                """
        },
        [("redrive.py", "job", "sqs")],
        None,
    ),
    # A module-level script with an empty `__main__` block: the module's code is the run (round 416)
    "script_with_empty_main_block": (
        {
            "warm.py": """\
                import logging

                import requests

                logging.basicConfig(level=logging.INFO)
                apis = requests.get("http://localhost:8000/api/", timeout=10).json()
                for key in apis:
                    requests.get(apis[key], timeout=30)

                if __name__ == "__main__":
                    pass
                """
        },
        [("warm.py", "job", "script")],
        None,
    ),
    # A script setting a function star-imported from a project module to work (round 417)
    "script_runs_star_imported_function": (
        {
            "relays.py": """\
                import smbus

                bus = smbus.SMBus(1)

                def relay_on(n):
                    bus.write_byte_data(0x20, 0x06, n)
                """,
            "zone.py": """\
                import logging
                import sys

                from relays import *

                logging.basicConfig(level=logging.INFO)
                zone = int(sys.argv[1])
                relay_on(zone)
                logging.info("zone %s on", zone)
                """,
        },
        [("zone.py", "job", "script")],
        None,
    ),
    # An asyncio socket server taking messages for ever, no HTTP app in sight: a worker (round 418)
    "socket_server_forever": (
        {
            "listener.py": """\
                import asyncio
                import logging

                async def handle(reader, writer):
                    data = await reader.read(4096)
                    logging.info("got %d bytes", len(data))
                    writer.close()

                async def main():
                    server = await asyncio.start_server(handle, "0.0.0.0", 2575)
                    async with server:
                        await server.serve_forever()

                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    asyncio.run(main())
                """
        },
        [("listener.py", "worker", "socket-server")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # (trap) a WSGI server serving an app the file builds with a factory: no worker
    "wsgiref_serve_forever": (
        {
            "serve.py": """\
                from wsgiref.simple_server import make_server

                def application(environ, start_response):
                    start_response("200 OK", [("Content-Type", "text/plain")])
                    return [b"ok"]

                if __name__ == "__main__":
                    httpd = make_server("", 8000, application)
                    httpd.serve_forever()
                """
        },
        [],
        None,
    ),
    # A job asking for credentials only when the environment lacks them: run from cron, not a tool
    # for a person (round 426)
    "asks_only_without_environment": (
        {
            "job.py": """\
                import getpass
                import os

                import requests

                def credentials():
                    if "LIB_USER" in os.environ and "LIB_PASSWORD" in os.environ:
                        return os.environ["LIB_USER"], os.environ["LIB_PASSWORD"]
                    user = input("User: ")
                    password = getpass.getpass("Password: ")
                    return user, password

                def main():
                    user, password = credentials()
                    requests.post("https://library.example.org/renew", auth=(user, password), timeout=30)

                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        None,
    ),
    # (trap) asking whatever the environment holds: a tool for a person
    "asks_whatever_the_environment": (
        {
            "job.py": """\
                import requests

                def credentials():
                    user = input("User: ")
                    password = input("Password: ")
                    return user, password

                def main():
                    user, password = credentials()
                    requests.post("https://library.example.org/renew", auth=(user, password), timeout=30)

                if __name__ == "__main__":
                    main()
                """
        },
        [],
        None,
    ),
    # A `sched` scheduler whose task enters itself again: an in-process scheduler, a job (round
    # 432), also where a Procfile keeps the process running and `run(blocking=True)` is spelt out
    # (round 204)
    "sched_scheduler_job": (
        {
            "cleaner.py": """\
                import os
                import sched
                import time

                s = sched.scheduler(time.time, time.sleep)

                def cleanup():
                    for name in os.listdir("queue"):
                        if os.path.getmtime(os.path.join("queue", name)) < time.time() - 86400:
                            os.remove(os.path.join("queue", name))
                    s.enter(300, 0, cleanup)

                cleanup()
                s.run(blocking=True)
                """,
            "Procfile": "cleaner: python3 cleaner.py\n",
        },
        [("cleaner.py", "job", "sched")],
        None,
    ),
    # An INSERT only a route handler defined in the `__main__` block calls: the api's, not the
    # worker's beside it in the file (round 422)
    "insert_in_route_defined_in_main_block": (
        {
            "main.py": _INVOICES.format(
                worker="cleanup",
                loop='with sqlite3.connect("data.db") as conn:\n                conn.execute("DELETE FROM invoices WHERE expires < ?", (time.time(),))',
            )
        },
        [("main.py", "api", "flask"), ("main.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) the worker beside it inserting too: its finding stays
    "insert_in_worker_beside_main_block_route": (
        {"main.py": _INVOICES.format(worker="poll", loop='insert_row(int(time.time()), "tick")')},
        [("main.py", "api", "flask"), ("main.py", "worker", "polling-loop")],
        ("non-idempotent-insert", 1),
    ),
    # An INSERT only a Slack Bolt event handler calls, in the module a cron job imports for the app's
    # client: the api's, not the job's (round 414)
    "insert_in_bolt_event_handler": (
        {
            "main.py": """\
                import os
                import sqlite3

                from fastapi import FastAPI, Request
                from slack_bolt.adapter.fastapi import SlackRequestHandler
                from slack_bolt.app import App

                slack_app = App(signing_secret=os.environ["SLACK_SIGNING_SECRET"])
                handler = SlackRequestHandler(slack_app)
                app = FastAPI()

                def store_task(channel, ts):
                    with sqlite3.connect("tasks.db") as conn:
                        conn.execute("INSERT INTO tasks (channel, ts) VALUES (?, ?)", (channel, ts))

                @slack_app.event("app_mention")
                def handle_mention(event, say):
                    store_task(event["channel"], event["ts"])
                    say("noted")

                @app.post("/slack/events")
                async def endpoint(req: Request):
                    return await handler.handle(req)

                @app.get("/health")
                def health():
                    return {"ok": True}
                """,
            "worker.py": """\
                import sqlite3
                import time

                from main import slack_app

                def remind():
                    with sqlite3.connect("tasks.db") as conn:
                        for channel, ts in conn.execute("SELECT channel, ts FROM tasks WHERE ts < ?", (time.time(),)):
                            slack_app.client.chat_postMessage(channel=channel, text="reminder")

                if __name__ == "__main__":
                    remind()
                """,
        },
        [("main.py", "api", "fastapi"), ("worker.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # A failed webhook notice after the job's own work (keys deactivated) is reported and skipped:
    # the notice's failure is not the job's (round 432)
    "notice_after_work_fails": (
        {
            "job.py": """\
                import asyncio
                import os

                import asyncpg
                import httpx

                async def cleanup():
                    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
                    try:
                        rows = await conn.fetch("UPDATE keys SET active = FALSE WHERE expires_at < NOW() RETURNING id, owner")
                        for row in rows:
                            user = await conn.fetchrow("SELECT webhook_url FROM users WHERE id = $1", row["owner"])
                            if user and user["webhook_url"]:
                                try:
                                    async with httpx.AsyncClient(timeout=10) as client:
                                        await client.post(user["webhook_url"], json={"key": str(row["id"])})
                                except Exception as e:
                                    print(f"webhook notification failed: {e}")
                    finally:
                        await conn.close()

                if __name__ == "__main__":
                    asyncio.run(cleanup())
                """
        },
        _JOB,
        ("missing-exit-code", "pass"),
    ),
    # (trap) a reminder job whose whole work is the posts: a failed one is lost
    "notice_is_the_work": (
        {
            "job.py": """\
                import os

                import requests

                CHANNELS = ["#dev", "#ops"]

                def remind():
                    for channel in CHANNELS:
                        try:
                            requests.post(
                                os.environ["SLACK_WEBHOOK_URL"], json={"channel": channel, "text": "timesheets are due"}, timeout=10
                            )
                        except Exception as e:
                            print(f"webhook failed: {e}")

                if __name__ == "__main__":
                    remind()
                """
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # libpq's keyword form with the database image's default password (round 421), and Stripe's
    # webhook endpoint secret falling back to a literal (round 422)
    "libpq_default_password": (
        {
            "job.py": """\
                import psycopg2

                def main():
                    conn = psycopg2.connect("dbname=gnaf user=postgres password=postgres")
                    conn.cursor().execute("VACUUM")

                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("hardcoded-secret", 1),
    ),
    # (trap) the password filled in at run time
    "libpq_password_template": (
        {
            "job.py": """\
                import os

                import psycopg2

                def main():
                    conn = psycopg2.connect("dbname=gnaf user=postgres password=%s" % os.environ["PGPASSWORD"])
                    conn.cursor().execute("VACUUM")

                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("hardcoded-secret", 0),
    ),
    "endpoint_secret_fallback": (
        {
            "app.py": """\
                import os

                import stripe
                from flask import Flask, request

                app = Flask(__name__)
                ENDPOINT_SECRET = os.environ.get("ENDPOINT_SECRET", "YouShouldChangeThis")

                @app.post("/webhook")
                def webhook():
                    event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], ENDPOINT_SECRET)
                    return {"type": event["type"]}
                """
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret-fallback", 1),
    ),
    # Ciphertext a Lambda decrypts with KMS: no credential in the code (round 414)
    "kms_encrypted_token": (
        {
            "handler.py": """\
                import boto3
                from base64 import b64decode

                ENCRYPTED_SLACK_TOKEN = "CiBVhQSX5nYIrdq5ceR6CokUkwMNrVwB/19yzaQ9kR2vLxKnAQEBAgB4VYUEl+Z2CK3auXHkegqJFJMDDa1cAf9fcs2kPZEdr1AAAAB+MHwGCSqGSIb3DQEHBqBvMG0CAQAwaAYJKoZIhvcNAQcBMB4GCWCGSAFlAwQBLjARBAzT"
                TOKEN = boto3.client("kms").decrypt(CiphertextBlob=b64decode(ENCRYPTED_SLACK_TOKEN))["Plaintext"]

                def lambda_handler(event, context):
                    return {"ok": bool(TOKEN)}
                """
        },
        [("handler.py", "job", "aws-lambda")],
        ("hardcoded-secret", 0),
    ),
    # A python-telegram-bot Application built by another module's factory, run with
    # `run_polling()`: it stops on SIGTERM itself (round 427)
    "ptb_application_from_factory": (
        {
            "bot.py": """\
                import os

                from telegram.ext import ApplicationBuilder, CommandHandler

                async def start(update, context):
                    await update.message.reply_text("hi")

                def create_app():
                    app = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
                    app.add_handler(CommandHandler("start", start))
                    return app
                """,
            "main.py": """\
                import logging

                from bot import create_app

                def main():
                    logging.basicConfig(level=logging.INFO)
                    application = create_app()
                    application.run_polling()

                if __name__ == "__main__":
                    main()
                """,
        },
        [("main.py", "worker", "python-telegram-bot")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # A script whose one call posts to a chat, the answer never read: telling is all it does, and
    # a failed send exits 0 (round 427)
    "sole_chat_post_unchecked": (
        {
            "bot.py": """\
                import os
                import random

                import requests

                QUESTIONS = ["What is your name?", "Where are you from?"]

                def send_telegram(message):
                    url = f"https://api.telegram.org/bot{os.environ['BOT_TOKEN']}/sendMessage"
                    requests.post(url, data={"chat_id": os.environ["CHAT_ID"], "text": message}, timeout=10)

                question = random.choice(QUESTIONS)
                send_telegram(f"Practice: {question}")
                """
        },
        [("bot.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) the post tells of the job's own work (a file written): not the job's failure
    "chat_post_after_work": (
        {
            "bot.py": """\
                import json
                import os

                import requests

                def send_telegram(message):
                    url = f"https://api.telegram.org/bot{os.environ['BOT_TOKEN']}/sendMessage"
                    requests.post(url, data={"chat_id": os.environ["CHAT_ID"], "text": message}, timeout=10)

                def export():
                    rows = requests.get("https://api.example.org/rows", timeout=10).json()
                    with open("rows.json", "w") as f:
                        json.dump(rows, f)
                    return len(rows)

                count = export()
                send_telegram(f"exported {count} rows")
                """
        },
        [("bot.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # A failed Slack notice after a backup made by the module's own helpers (dump, then upload):
    # the notice's failure is not the job's (the second review's miss, left at a58189b)
    "notice_after_helper_work": (
        {
            "backup.py": 'import datetime\nimport logging\nimport os\nimport subprocess\n\nimport boto3\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("backup")\nSLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef dump(path):\n    subprocess.run(f"pg_dump {os.environ[\'DATABASE_URL\']} | gzip > {path}", shell=True, check=True)\n\n\ndef upload(path, name):\n    boto3.client("s3").upload_file(path, BUCKET, name)\n\n\ndef main():\n    name = f"db-{datetime.date.today():%Y%m%d}.sql.gz"\n    path = f"/tmp/{name}"\n    dump(path)\n    upload(path, name)\n    log.info("uploaded %s", name)\n    try:\n        requests.post(SLACK_WEBHOOK_URL, json={"text": f"backup {name} uploaded"}, timeout=10)\n    except requests.RequestException as e:\n        log.warning("could not tell Slack: %s", e)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # An INSERT built up in a name, trimmed, then given its ON CONFLICT clause with `+=` (round 403)
    "insert_clause_added_in_place": (
        {"job.py": _URL_QUEUE.format(last='query += " ON CONFLICT (value) DO NOTHING;"')},
        _JOB,
        ("non-idempotent-insert", 0),
    ),
    # (trap) only the rows added: no clause
    "insert_rows_added_in_place": (
        {"job.py": _URL_QUEUE.format(last='query += ";"')},
        _JOB,
        ("non-idempotent-insert", 1),
    ),
    # An INSERT method run only after a method named for finding the key (`has_duplicate_address`)
    # found it absent (round 411's shape, on a class with no bases)
    "insert_after_has_duplicate": (
        {"store.py": _HOMES_STORE, "job.py": _HOMES_JOB.format(seen="continue")},
        [("job.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # (trap) the check only printed, the row inserted anyway
    "insert_despite_has_duplicate": (
        {"store.py": _HOMES_STORE, "job.py": _HOMES_JOB.format(seen='print("seen before", home["address"])')},
        [("job.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}

# A review of ed75de8..0c8fad5 reproduced these; each fails on 0c8fad5.
_REVIEW_CASES: dict[str, Case] = {
    "drain_in_function": (
        {
            "worker.py": 'import logging\nimport time\n\nimport boto3\n\nsqs = boto3.client("sqs")\nQUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"\n\n\ndef handle(body):\n    logging.info("got %s", body)\n\n\ndef drain():\n    while True:\n        resp = sqs.receive_message(QueueUrl=QUEUE, MaxNumberOfMessages=10, WaitTimeSeconds=20)\n        messages = resp.get("Messages", [])\n        if not messages:\n            break\n        for message in messages:\n            handle(message["Body"])\n            sqs.delete_message(QueueUrl=QUEUE, ReceiptHandle=message["ReceiptHandle"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    while True:\n        drain()\n        time.sleep(5)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("worker.py", "worker", "sqs")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "factory_http_server": (
        {
            "run.py": 'import logging\nimport os\n\nfrom status.server import build_server\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    srv = build_server(int(os.environ.get("PORT", "8080")))\n    srv.serve_forever()\n',
            "status/__init__.py": "",
            "status/server.py": 'import json\nfrom http.server import BaseHTTPRequestHandler, ThreadingHTTPServer\n\n\nclass StatusHandler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        body = json.dumps({"ok": True}).encode()\n        self.send_response(200)\n        self.send_header("Content-Type", "application/json")\n        self.end_headers()\n        self.wfile.write(body)\n\n\ndef build_server(port):\n    return ThreadingHTTPServer(("0.0.0.0", port), StatusHandler)\n',
        },
        [("status/server.py", "api", "http.server")],
        None,
    ),
    "socket_server_aiohttp_client": (
        {
            "listener.py": 'import asyncio\nimport logging\nimport os\n\nimport aiohttp\n\nAPI = os.environ["INGEST_API"]\n\n\nasync def handle(reader, writer):\n    data = await reader.read(4096)\n    async with aiohttp.ClientSession() as session:\n        async with session.post(API, data=data, timeout=aiohttp.ClientTimeout(total=10)) as resp:\n            resp.raise_for_status()\n    writer.write(b"ACK")\n    await writer.drain()\n    writer.close()\n\n\nasync def main():\n    server = await asyncio.start_server(handle, "0.0.0.0", 2575)\n    async with server:\n        await server.serve_forever()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    asyncio.run(main())\n',
        },
        [("listener.py", "worker", "socket-server")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "prompt_env_missing_bail": (
        {
            "new_issue.py": 'import os\nimport sys\n\nimport requests\n\n\ndef main():\n    if not os.getenv("GITHUB_TOKEN"):\n        print("Set GITHUB_TOKEN first")\n        return\n    repo = input("Repository (owner/name): ")\n    title = input("Issue title: ")\n    resp = requests.post(\n        f"https://api.github.com/repos/{repo}/issues",\n        headers={"Authorization": f"Bearer {os.environ[\'GITHUB_TOKEN\']}"},\n        json={"title": title},\n        timeout=30,\n    )\n    print(resp.json()["html_url"])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [],
        None,
    ),
    "prompt_key_var_return": (
        {
            "job.py": 'import getpass\nimport os\n\nimport requests\n\n\ndef credentials():\n    user = os.environ.get("LIB_USER")\n    password = os.environ.get("LIB_PASSWORD")\n    if user and password:\n        return user, password\n    user = input("User: ")\n    password = getpass.getpass("Password: ")\n    return user, password\n\n\ndef main():\n    user, password = credentials()\n    requests.post("https://library.example.org/renew", auth=(user, password), timeout=30)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("job.py", "job", "python")],
        None,
    ),
    "bolt_socket_mode_insert": (
        {
            "bot.py": 'import logging\nimport os\nimport sqlite3\n\nfrom slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\napp = App(token=os.environ["SLACK_BOT_TOKEN"])\n\n\ndef store_task(channel, text):\n    with sqlite3.connect("tasks.db") as conn:\n        conn.execute("INSERT INTO tasks (channel, text) VALUES (?, ?)", (channel, text))\n\n\n@app.message("todo")\ndef add_todo(message, say):\n    store_task(message["channel"], message["text"])\n    say("noted")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()\n',
        },
        [("bot.py", "worker", "slack-bolt")],
        ("non-idempotent-insert", 1),
    ),
    "chalice_schedule_insert": (
        {
            "app.py": 'import os\n\nimport psycopg2\nimport requests\nfrom chalice import Chalice, Rate\n\napp = Chalice(app_name="rates")\n\n\ndef store_rates(rates):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for currency, rate in rates.items():\n            cur.execute("INSERT INTO rates (currency, rate) VALUES (%s, %s)", (currency, rate))\n\n\n@app.schedule(Rate(1, unit=Rate.HOURS))\ndef fetch_rates(event):\n    resp = requests.get("https://rates.example.com/latest", timeout=30)\n    resp.raise_for_status()\n    store_rates(resp.json()["rates"])\n\n\n@app.route("/health")\ndef health():\n    return {"ok": True}\n',
        },
        [("app.py", "api", "chalice"), ("app.py", "job", "chalice")],
        ("non-idempotent-insert", 1),
    ),
    "azure_timer_insert": (
        {
            "function_app.py": 'import logging\nimport os\n\nimport azure.functions as func\nimport psycopg2\nimport requests\n\napp = func.FunctionApp()\n\n\ndef store_rates(rates):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for currency, rate in rates.items():\n            cur.execute("INSERT INTO rates (currency, rate) VALUES (%s, %s)", (currency, rate))\n\n\n@app.timer_trigger(schedule="0 0 * * * *", arg_name="timer", run_on_startup=False)\ndef fetch_rates(timer: func.TimerRequest) -> None:\n    resp = requests.get("https://rates.example.com/latest", timeout=30)\n    resp.raise_for_status()\n    store_rates(resp.json()["rates"])\n    logging.info("stored")\n',
        },
        [("function_app.py", "job", "azure-functions")],
        ("non-idempotent-insert", 1),
    ),
    "notice_report_is_work": (
        {
            "job.py": 'import os\nimport sqlite3\n\nimport requests\n\nSLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]\n\n\ndef daily_digest():\n    conn = sqlite3.connect("orders.db")\n    rows = conn.execute("SELECT count(*), sum(total) FROM orders WHERE day = date(\'now\')").fetchone()\n    text = f"Orders today: {rows[0]}, revenue {rows[1]}"\n    try:\n        requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=10)\n    except Exception as e:\n        print(f"could not post digest: {e}")\n\n\nif __name__ == "__main__":\n    daily_digest()\n',
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "notice_trap_getenv": (
        {
            "job.py": 'import os\n\nimport requests\n\nCHANNELS = ["#dev", "#ops"]\n\n\ndef remind():\n    webhook = os.getenv("SLACK_WEBHOOK_URL")\n    for channel in CHANNELS:\n        try:\n            requests.post(webhook, json={"channel": channel, "text": "timesheets are due"}, timeout=10)\n        except Exception as e:\n            print(f"webhook failed: {e}")\n\n\nif __name__ == "__main__":\n    remind()\n',
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "sample_email_report": (
        {
            "report.py": 'import smtplib\nfrom email.message import EmailMessage\n\nimport psycopg2\n\n\ndef send_report(period, to):\n    with psycopg2.connect("dbname=shop") as conn, conn.cursor() as cur:\n        cur.execute("SELECT count(*), sum(total) FROM orders WHERE created > now() - %s::interval", (period,))\n        count, total = cur.fetchone()\n    msg = EmailMessage()\n    msg["Subject"] = f"Orders in the last {period}: {count}"\n    msg["To"] = to\n    msg.set_content(f"{count} orders, {total} EUR")\n    with smtplib.SMTP("mail.example.com") as smtp:\n        smtp.send_message(msg)\n\n\nif __name__ == "__main__":\n    send_report("1 day", "finance@example.com")\n',
            "weekly_report.py": 'from report import send_report\n\nif __name__ == "__main__":\n    send_report("7 days", "board@example.com")\n',
        },
        [("report.py", "job", "python"), ("weekly_report.py", "job", "python")],
        None,
    ),
    "sample_dotenv_flag": (
        {
            "report.py": 'import smtplib\nfrom email.message import EmailMessage\n\nimport psycopg2\nfrom dotenv import load_dotenv\n\n\ndef send_report(period):\n    with psycopg2.connect("dbname=shop") as conn, conn.cursor() as cur:\n        cur.execute("SELECT count(*), sum(total) FROM orders WHERE created > now() - %s::interval", (period,))\n        count, total = cur.fetchone()\n    msg = EmailMessage()\n    msg["Subject"] = f"Orders in the last {period}: {count}"\n    msg.set_content(f"{count} orders, {total} EUR")\n    with smtplib.SMTP("mail.example.com") as smtp:\n        smtp.send_message(msg)\n\n\nif __name__ == "__main__":\n    load_dotenv(".env")\n    send_report("1 day")\n',
            "weekly_report.py": 'from report import send_report\n\nif __name__ == "__main__":\n    send_report("7 days")\n',
        },
        [("report.py", "job", "python"), ("weekly_report.py", "job", "python")],
        None,
    ),
    "sample_backup_path": (
        {
            "app.py": 'from flask import Flask\n\nfrom backup import backup\n\napp = Flask(__name__)\n\n\n@app.post("/admin/backup")\ndef run_backup():\n    backup("/var/lib/app/app.db", "/var/backups/app")\n    return "", 204\n\n\n@app.get("/health")\ndef health():\n    return "ok"\n',
            "backup.py": 'import datetime\nimport shutil\nimport sqlite3\n\n\ndef backup(db_path, dest_dir):\n    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")\n    src = sqlite3.connect(db_path)\n    dst = sqlite3.connect(f"{dest_dir}/app-{stamp}.db")\n    src.backup(dst)\n    dst.close()\n    src.close()\n    shutil.make_archive(f"{dest_dir}/app-{stamp}", "gztar", dest_dir)\n\n\nif __name__ == "__main__":\n    backup("/var/lib/app/app.db", "/var/backups/app")\n',
        },
        [("app.py", "api", "flask"), ("backup.py", "job", "python")],
        None,
    ),
}


# A second review, of ed75de8..0de8bd0, reproduced these; each fails on 0de8bd0.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "bolt_socket_handler_bound": (
        {
            "bot.py": 'import logging\nimport os\nimport sqlite3\n\nfrom slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\nlogging.basicConfig(level=logging.INFO)\napp = App(token=os.environ["SLACK_BOT_TOKEN"])\nhandler = SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"])\n\n\ndef store_task(channel, text):\n    with sqlite3.connect("tasks.db") as conn:\n        conn.execute("INSERT INTO tasks (channel, text) VALUES (?, ?)", (channel, text))\n\n\n@app.message("todo")\ndef add_todo(message, say):\n    store_task(message["channel"], message["text"])\n    say("noted")\n\n\nif __name__ == "__main__":\n    handler.start()\n',
        },
        [("bot.py", "worker", "slack-bolt")],
        ("non-idempotent-insert", 1),
    ),
    "notice_marks_sent": (
        {
            "notify.py": 'import logging\nimport os\nimport sqlite3\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("notify")\nSLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]\n\n\ndef send_alerts():\n    conn = sqlite3.connect(os.environ.get("DB_PATH", "alerts.db"))\n    rows = conn.execute("SELECT id, message FROM alerts WHERE notified = 0").fetchall()\n    for alert_id, message in rows:\n        try:\n            requests.post(SLACK_WEBHOOK_URL, json={"text": message}, timeout=10)\n        except Exception as e:\n            log.error("could not post alert %s: %s", alert_id, e)\n        conn.execute("UPDATE alerts SET notified = 1 WHERE id = ?", (alert_id,))\n    conn.commit()\n    conn.close()\n\n\nif __name__ == "__main__":\n    send_alerts()\n',
        },
        [("notify.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "notice_log_update": (
        {
            "digest.py": 'import logging\nimport os\n\nimport psycopg2\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("digest")\nSLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]\n\n\ndef post_digest():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn.cursor() as cur:\n        cur.execute("SELECT count(*) FROM orders WHERE created_at > now() - interval \'1 day\'")\n        (count,) = cur.fetchone()\n    text = f"{count} orders in the last day"\n    try:\n        requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=10)\n    except requests.RequestException as e:\n        log.error("could not post digest: %s", e)\n    log.info("Update posted: %s", text)\n\n\nif __name__ == "__main__":\n    post_digest()\n',
        },
        [("digest.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "sample_output_report": (
        {
            "app.py": 'from flask import Flask, send_file\n\nfrom report import generate_report\n\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef health():\n    return "ok"\n\n\n@app.get("/report")\ndef report():\n    return send_file(generate_report("/tmp/report.xlsx"))\n',
            "report.py": 'import logging\nimport os\n\nimport pandas as pd\nfrom sqlalchemy import create_engine\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("report")\nengine = create_engine(os.environ["DATABASE_URL"])\n\n\ndef generate_report(path):\n    df = pd.read_sql("SELECT * FROM orders WHERE created_at > now() - interval \'7 days\'", engine)\n    df.to_excel(path, index=False)\n    log.info("wrote %s", path)\n    return path\n\n\nif __name__ == "__main__":\n    generate_report("weekly_report.xlsx")\n',
        },
        [("app.py", "api", "flask"), ("report.py", "job", "python")],
        None,
    ),
    "prompt_walrus": (
        {
            "sync.py": 'import getpass\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("sync")\n\n\ndef get_token():\n    if token := os.environ.get("API_TOKEN"):\n        return token\n    return getpass.getpass("API token: ")\n\n\ndef main():\n    token = get_token()\n    resp = requests.get("https://api.example.com/items", headers={"Authorization": f"Bearer {token}"}, timeout=30)\n    resp.raise_for_status()\n    with open("items.json", "w") as f:\n        f.write(resp.text)\n    log.info("synced")\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("sync.py", "job", "python")],
        None,
    ),
    "redis_blpop_break": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nRUN pip install redis\nCMD ["python", "worker.py"]\n',
            "worker.py": 'import json\nimport logging\nimport os\n\nimport redis\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("worker")\nr = redis.Redis.from_url(os.environ["REDIS_URL"])\n\n\ndef process(job):\n    log.info("processing %s", job["id"])\n\n\ndef main():\n    log.info("waiting for jobs")\n    while True:\n        item = r.blpop("jobs", timeout=0)\n        if not item:\n            break\n        _, payload = item\n        process(json.loads(payload))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("worker.py", "worker", "redis")],
        ("missing-graceful-shutdown", "fail"),
    ),
}


_SETS = (_CASES, _REVIEW_CASES, _SECOND_REVIEW_CASES)
_ALL_CASES: dict[str, Case] = {name: case for cases in _SETS for name, case in cases.items()}


def test_case_names_are_unique() -> None:
    assert len(_ALL_CASES) == sum(len(cases) for cases in _SETS)


@pytest.mark.parametrize("name", sorted(_ALL_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _ALL_CASES[name])
