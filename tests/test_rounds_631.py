"""Session 39: what blind rounds 631 onwards showed, as small trees.

Each case fails on fb37e30 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 634: a NATS JetStream consumer reading its subscription's next message in a loop that
# never ends, run by Compose
_NATS_NEXT_MESSAGE = {
    "consumer.py": """\
import asyncio

import nats


async def main():
    nc = await nats.connect("nats://nats:4222")
    js = nc.jetstream()
    sub = await js.subscribe("orders")
    while True:
        try:
            msg = await asyncio.wait_for(sub.next_msg(), timeout=5.0)
            print(msg.data.decode())
            await msg.ack()
        except asyncio.TimeoutError:
            print("no message yet")


if __name__ == "__main__":
    asyncio.run(main())
""",
    "docker-compose.yml": "services:\n  consumer:\n    build: .\n    command: python consumer.py\n",
}

# Round 636: an OAuth session a function further down the file builds and returns, its calls
# made without a timeout
_SESSION_FACTORY_BELOW = {
    "app.py": """\
import os

from flask import Flask, session
from requests_oauthlib import OAuth2Session

API = "https://discord.com/api"
app = Flask(__name__)


@app.route("/me")
def me():
    discord = make_session(token=session.get("token"))
    return discord.get(API + "/users/@me").json()


def make_session(token=None, state=None):
    return OAuth2Session(
        client_id=os.environ["CLIENT_ID"],
        token=token,
        state=state,
        auto_refresh_url=API + "/oauth2/token",
    )
""",
}

# Round 638: a monitor keeping each request's keyword arguments in a dict literal, none a timeout
_KEYWORD_DICT = {
    "check.py": """\
import logging
import sys

import requests

TESTS = {"home": {"url": "https://example.com", "type": "get"}}


def run_tests():
    failures = []
    for name, test in TESTS.items():
        args = None
        if test["type"] == "get":
            args = {"params": test.get("query")}
            response = requests.get(test["url"], **args)
        else:
            args = {"json": test.get("payload")}
            response = requests.post(test["url"], **args)
        if response.status_code != 200:
            failures.append(name)
    return failures


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(1 if run_tests() else 0)
""",
}

# Round 635: a monitor's method downloads a PDF to a temporary file and returns its name; the
# caller reads it and removes it
_SCRATCH_FROM_METHOD = {
    "monitor.py": """\
import logging
import os
import tempfile

import requests

log = logging.getLogger(__name__)


class Monitor:
    def __init__(self):
        self.session = requests.Session()

    def download_pdf(self, url):
        resp = self.session.get(url, timeout=30)
        if resp.status_code != 200:
            return None
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        tmp.write(resp.content)
        tmp.close()
        return tmp.name

    def check(self, posts):
        for post in posts:
            pdf_path = self.download_pdf(post["url"])
            if pdf_path:
                log.info("read %s", pdf_path)
                os.unlink(pdf_path)
""",
    "run.py": """\
import logging

from monitor import Monitor

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Monitor().check([{"url": "https://example.com/a.pdf"}])
""",
}

# Round 609: a job's function downloads a feed to a file and returns the name; main hands it to
# the function that reads and removes it
_SCRATCH_HANDED_ON = {
    "main.py": """\
import json
import logging
import os
import time

import requests

log = logging.getLogger(__name__)


def download():
    try:
        response = requests.get("https://example.com/feed", timeout=30, stream=True)
        response.raise_for_status()
        filename = str(int(time.time())) + "_feed.json"
        with open(filename, "wb") as file:
            for chunk in response.iter_content(chunk_size=8192):
                file.write(chunk)
        return filename
    except requests.exceptions.RequestException as e:
        log.error(e)
    return ""


def process(filename):
    with open(filename) as f:
        rows = json.load(f)
    log.info("%d rows", len(rows))
    os.remove(filename)


def main():
    filename = download()
    if filename:
        process(filename)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
""",
}

# Round 644: a beat schedule set on the Celery app in a module of its own, which the app's module
# never loads; the Dockerfile runs the worker
_BEAT_IN_OWN_MODULE = {
    "tasks.py": """\
import os

from celery import Celery

celery_app = Celery("wakeup", broker=os.environ["REDIS_URL"])


@celery_app.task
def wake_up():
    return "awake"
""",
    "beat_scheduler.py": """\
from tasks import celery_app

celery_app.conf.beat_schedule = {
    "wake-every-15-minutes": {"task": "tasks.wake_up", "schedule": 900.0},
}
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /code\nWORKDIR /code\nCMD ["celery", "-A", "tasks", "worker"]\n',
}


# Round 649: a Flask-RESTful api built from a subclass of `Api`, its one resource added by path
_RESTFUL_SUBCLASS = {
    "app/run.py": """\
import logging

from flask import Flask
from flask_restful import Api, Resource

logging.basicConfig(level=logging.INFO)


class MyApi(Api):
    @property
    def specs_url(self):
        return "/swagger.json"


class Note(Resource):
    def get(self, name):
        return {"name": name}


app = Flask(__name__)
api = MyApi(app)
api.add_resource(Note, "/note/<string:name>")
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /srv\nWORKDIR /srv\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app.run:app"]\n',
}

# Round 650: a Compose service mounting one service's folder into the container and running the
# script from the mount, its `__main__` block in debug mode
_COMPOSE_MOUNT = {
    "servicos/reserva/servico.py": """\
import logging

from flask import Flask

logging.basicConfig(level=logging.INFO)
servico = Flask(__name__)


@servico.get("/reservas")
def reservas():
    return []


if __name__ == "__main__":
    servico.run(host="0.0.0.0", debug=True)
""",
    "servicos/quarto/servico.py": """\
import logging

from flask import Flask

logging.basicConfig(level=logging.INFO)
servico = Flask(__name__)


@servico.get("/quartos")
def quartos():
    return []


if __name__ == "__main__":
    servico.run(host="0.0.0.0")
""",
    "docker-compose.yml": """\
services:
  reserva:
    build: .
    restart: always
    volumes:
      - ./servicos/reserva:/servicos
    command: python3 /servicos/servico.py
""",
}

# Round 650: an APScheduler job draining a Kafka partition each run, `while booking:` on the poll
_DRAIN_UNDER_SCHEDULER = {
    "servico.py": """\
import json
import logging
from time import sleep

from confluent_kafka import Consumer, TopicPartition
from flask_apscheduler import APScheduler

logging.basicConfig(level=logging.INFO)
offset = 0


def executar():
    global offset
    consumer = Consumer({"bootstrap.servers": "kafka:9092", "group.id": "hotel"})
    consumer.assign([TopicPartition("bookings", 0, offset)])
    booking = consumer.poll(timeout=2.0)
    while booking:
        offset += 1
        logging.info(json.loads(booking.value()))
        booking = consumer.poll(timeout=2.0)


if __name__ == "__main__":
    scheduler = APScheduler()
    scheduler.add_job(id="bookings", func=executar, trigger="interval", seconds=3)
    scheduler.start()
    while True:
        sleep(5)
""",
}

# Round 654: a job sending boto3's log records, and the root logger's, to the console
_BOTO3_ROOT_LOGGER = {
    "push.py": """\
import logging
import os

import boto3

boto3.set_stream_logger("", logging.INFO)

s3 = boto3.client("s3")
s3.upload_file("inventory.json", os.environ["S3_BUCKET"], "inventory.json")
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY push.py /push.py\nCMD ["python", "/push.py"]\n',
}

# Round 648: a script whose mail password is the word "password" (Portuguese) and what it is for
_PASSWORD_WORD = {
    "mail_to_sftp.py": """\
import imaplib
import logging

logging.basicConfig(level=logging.INFO)

SERVER = "mail.example.com"
USER = "reports@example.com"
PASSWORD = "senha.email"

mail = imaplib.IMAP4_SSL(SERVER)
mail.login(USER, PASSWORD)
mail.select("INBOX")
""",
}

# Round 652: a monitor removing its logs only when the command line says `--clean`, through a helper
_CLEAN_FLAG = {
    "ping.py": """\
import logging
import os
import sys

import requests

logging.basicConfig(level=logging.INFO)
SERVICES = {"site": "https://example.com"}


def remove_logfile(key):
    log = f"logs/{key}.log"
    if os.path.exists(log):
        os.remove(log)


if __name__ == "__main__":
    clean_logs = False
    if len(sys.argv) > 1:
        clean_logs = sys.argv[1] == "--clean" or sys.argv[1] == "-c"
    if clean_logs:
        for key in SERVICES:
            remove_logfile(key)
    for key, url in SERVICES.items():
        logging.info("%s %s", key, requests.get(url, timeout=10).status_code)
""",
}

# Round 648: a pipeline writing each CSV, uploading it and removing it through a helper
_HELPER_REMOVES_WRITTEN = {
    "app.py": """\
import logging
import os
from ftplib import FTP_TLS
from os import remove
from pathlib import Path

import pandas as pd

logging.basicConfig(level=logging.INFO)


def upload(ftp, source):
    with open(source, "rb") as fp:
        ftp.storbinary(f"STOR {source.name}", fp)


def delete_file(source):
    remove(source)


def pipeline():
    ftp = FTP_TLS(os.environ["FTP_HOST"])
    ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASS"])
    for name, url in {"sanctions": "https://example.com/list.csv"}.items():
        file_name = Path(name + ".csv")
        df = pd.read_csv(url)
        df.to_csv(file_name, index=False)
        upload(ftp, file_name)
        delete_file(file_name)


if __name__ == "__main__":
    pipeline()
""",
}


# Round 661: an aiogram 2 bot whose `run()` starts the dispatcher's polling as a task and watches it
# in a loop, started from the `__main__` block
_POLLING_TASK_WATCHED = {
    "Dockerfile": 'FROM python:3-alpine\nCOPY bot.py /bot.py\nENTRYPOINT ["python", "/bot.py"]\n',
    "bot.py": """\
import argparse
import asyncio
import logging
from signal import SIGINT, SIGTERM

import aiogram


class RssBot:
    def __init__(self, token, interval):
        self.bot = aiogram.Bot(token=token)
        self.dispatcher = aiogram.Dispatcher(bot=self.bot)
        self.interval = interval

    async def relay(self):
        logging.info("checking the feed")

    async def run(self):
        tg_task = asyncio.get_event_loop().create_task(self.dispatcher.start_polling())
        rss_task = asyncio.get_event_loop().create_task(self.relay())
        try:
            while True:
                await asyncio.wait({rss_task, tg_task}, timeout=self.interval)
                if tg_task.done():
                    tg_task = asyncio.get_event_loop().create_task(self.dispatcher.start_polling())
                    await asyncio.sleep(self.interval)
                rss_task = asyncio.get_event_loop().create_task(self.relay())
        except asyncio.CancelledError:
            pass
        finally:
            tg_task.cancel()
            await self.bot.close()


async def async_main():
    parser = argparse.ArgumentParser()
    parser.add_argument("token")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    main_task = asyncio.ensure_future(RssBot(args.token, 60).run())
    for signal in [SIGINT, SIGTERM]:
        asyncio.get_event_loop().add_signal_handler(signal, main_task.cancel)
    await main_task


if __name__ == "__main__":
    asyncio.run(async_main())
""",
}

# Round 659: a job removing its lock file at exit through a helper handed to `atexit`
_LOCK_REMOVED_AT_EXIT = {
    "archive.py": """\
import atexit
import logging
import pathlib
import shutil
import sys


def unlink_missing_ok(path):
    if path.exists():
        path.unlink()


def get_lock():
    lock_file = pathlib.Path(__file__).with_suffix(".lock")
    if lock_file.exists():
        logging.error("another run holds %s", lock_file)
        return False
    lock_file.touch()
    atexit.register(unlink_missing_ok, lock_file)
    return True


def archive():
    shutil.make_archive("/srv/archive/objects", "gztar", "/srv/objects")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    if not get_lock():
        sys.exit(1)
    archive()
""",
}


# The third review's root cause for options on by default, in the form its trees left untested: an
# environment flag compared with a value other than its fallback, negated
_ENV_FLAG_NOT_FALSE = {
    "prune.py": """\
import glob
import logging
import os

logging.basicConfig(level=logging.INFO)
DELETE_OLD = os.getenv("DELETE_OLD", "true") != "false"


def prune():
    for path in glob.glob("/srv/exports/*.csv"):
        if DELETE_OLD:
            os.remove(path)


if __name__ == "__main__":
    prune()
""",
}

_CASES: dict[str, Case] = {
    "nats_next_message": (_NATS_NEXT_MESSAGE, [("consumer.py", "worker", "consume-loop")], None),
    # trap: the loop ends when no message comes in time (the stream drained: a job)
    "nats_drained": (
        _edited(_NATS_NEXT_MESSAGE, "consumer.py", '            print("no message yet")\n', "            break\n"),
        [("consumer.py", "job", "python")],
        None,
    ),
    "session_factory_below": (
        _SESSION_FACTORY_BELOW,
        [("app.py", "api", "flask")],
        ("http-call-without-timeout", 1),
    ),
    # trap: the function below returns a client class of the project's, not a requests session
    "client_factory_below": (
        _edited(
            {**_SESSION_FACTORY_BELOW, "app.py": _SESSION_FACTORY_BELOW["app.py"] + "\n\nclass Client:\n    pass\n"},
            "app.py",
            "    return OAuth2Session(\n",
            "    return Client(\n",
        ),
        [("app.py", "api", "flask")],
        ("http-call-without-timeout", 0),
    ),
    "keyword_dict_without_timeout": (_KEYWORD_DICT, [("check.py", "job", "python")], ("http-call-without-timeout", 2)),
    # trap: the keywords start from a dict the file built elsewhere, which may hold a timeout
    "keyword_dict_from_defaults": (
        _edited(
            {
                **_KEYWORD_DICT,
                "check.py": _KEYWORD_DICT["check.py"].replace("TESTS = ", 'DEFAULTS = {"timeout": 10}\nTESTS = '),
            },
            "check.py",
            "        args = None\n",
            "        args = DEFAULTS\n",
        ),
        [("check.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "scratch_from_method": (_SCRATCH_FROM_METHOD, [("run.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: the method may return a file that was there before (a cached copy)
    "cached_from_method": (
        _edited(
            _SCRATCH_FROM_METHOD,
            "monitor.py",
            "        resp = self.session.get(url, timeout=30)\n",
            '        cached = os.path.join("/var/cache/pdfs", os.path.basename(url))\n'
            "        if os.path.exists(cached):\n            return cached\n"
            "        resp = self.session.get(url, timeout=30)\n",
        ),
        [("run.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_handed_on": (_SCRATCH_HANDED_ON, [("main.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: another call hands the function a file named on the command line
    "input_handed_on": (
        _edited(
            {**_SCRATCH_HANDED_ON, "main.py": "import sys\n" + _SCRATCH_HANDED_ON["main.py"]},
            "main.py",
            "        process(filename)\n",
            "        process(filename)\n    if len(sys.argv) > 1:\n        process(sys.argv[1])\n",
        ),
        [("main.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "beat_in_own_module": (
        _BEAT_IN_OWN_MODULE,
        [("tasks.py", "worker", "celery"), ("beat_scheduler.py", "job", "celery-beat")],
        None,
    ),
    # trap: the app's module loads the schedule's module, so `celery -A tasks beat` runs it
    "beat_module_loaded_by_app": (
        _edited(
            _BEAT_IN_OWN_MODULE,
            "tasks.py",
            '    return "awake"\n',
            '    return "awake"\n\n\nimport beat_scheduler  # noqa\n',
        ),
        [("tasks.py", "worker", "celery"), ("tasks.py", "job", "celery-beat")],
        None,
    ),
    "restful_subclass": (_RESTFUL_SUBCLASS, [("app/run.py", "api", "flask")], ("missing-health-route", "fail")),
    # trap: the resource's path is a name the analysis does not read
    "restful_subclass_unseen_path": (
        _edited(
            _RESTFUL_SUBCLASS,
            "app/run.py",
            'api.add_resource(Note, "/note/<string:name>")',
            "api.add_resource(Note, NOTE_PATH)",
        ),
        [("app/run.py", "api", "flask")],
        ("missing-health-route", "na"),
    ),
    "compose_mount": (
        _COMPOSE_MOUNT,
        [("servicos/quarto/servico.py", "api", "flask"), ("servicos/reserva/servico.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # trap: the mounted folder is the other service's, which runs without debug mode
    "compose_mount_other": (
        _edited(_COMPOSE_MOUNT, "docker-compose.yml", "./servicos/reserva:/servicos", "./servicos/quarto:/servicos"),
        [("servicos/quarto/servico.py", "api", "flask"), ("servicos/reserva/servico.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    "drain_under_scheduler": (_DRAIN_UNDER_SCHEDULER, [("servico.py", "job", "apscheduler")], None),
    # trap: the loop polls for ever, waiting for more: a consumer beside the scheduler
    "poll_for_ever_beside_scheduler": (
        _edited(_DRAIN_UNDER_SCHEDULER, "servico.py", "    while booking:\n", "    while True:\n"),
        [("servico.py", "job", "apscheduler"), ("servico.py", "worker", "kafka")],
        None,
    ),
    "boto3_root_logger": (_BOTO3_ROOT_LOGGER, [("push.py", "job", "script")], ("missing-logging", "pass")),
    # trap: only boto3's own logger is given a handler
    "boto3_own_logger": (
        _edited(
            _BOTO3_ROOT_LOGGER,
            "push.py",
            'boto3.set_stream_logger("", logging.INFO)',
            'boto3.set_stream_logger("boto3", logging.INFO)',
        ),
        [("push.py", "job", "script")],
        ("missing-logging", "fail"),
    ),
    "password_word": (_PASSWORD_WORD, [], ("hardcoded-secret", 0)),
    # trap: a real password with a dot in it
    "password_dotted": (
        _edited(_PASSWORD_WORD, "mail_to_sftp.py", '"senha.email"', '"s3nha.Forte9"'),
        [],
        ("hardcoded-secret", 1),
    ),
    "clean_flag_from_argv": (_CLEAN_FLAG, [("ping.py", "job", "python")], ("missing-dry-run", "pass")),
    # trap: the logs are always removed
    "clean_always": (
        _edited(
            _CLEAN_FLAG,
            "ping.py",
            '        clean_logs = sys.argv[1] == "--clean" or sys.argv[1] == "-c"\n',
            "        clean_logs = True\n",
        ),
        [("ping.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "helper_removes_written": (_HELPER_REMOVES_WRITTEN, [("app.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: the CSV written is another file; the one removed was there before
    "helper_removes_other": (
        _edited(
            _HELPER_REMOVES_WRITTEN,
            "app.py",
            "df.to_csv(file_name, index=False)",
            'df.to_csv(name + ".bak", index=False)',
        ),
        [("app.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "polling_task_watched": (
        _POLLING_TASK_WATCHED,
        [("bot.py", "worker", "aiogram")],
        ("missing-graceful-shutdown", "pass"),
    ),
    "lock_removed_at_exit": (_LOCK_REMOVED_AT_EXIT, [("archive.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: what the helper removes at exit is the archive's source folder's index, not a lock
    "data_removed_at_exit": (
        _edited(
            _LOCK_REMOVED_AT_EXIT,
            "archive.py",
            "    atexit.register(unlink_missing_ok, lock_file)\n",
            '    atexit.register(unlink_missing_ok, pathlib.Path("/srv/objects/index.json"))\n',
        ),
        [("archive.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "env_flag_not_false": (_ENV_FLAG_NOT_FALSE, [("prune.py", "job", "python")], ("missing-dry-run", "fail")),
    # trap: the flag is off unless the environment turns it on
    "env_flag_off_by_default": (
        _edited(_ENV_FLAG_NOT_FALSE, "prune.py", 'os.getenv("DELETE_OLD", "true")', 'os.getenv("DELETE_OLD", "false")'),
        [("prune.py", "job", "python")],
        ("missing-dry-run", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of the session's changes (fb37e30..01f63e8) wrote these. Fifteen fail at 01f63e8:
# thirteen it had made wrong (a deletion taken for a scratch file's, keyword arguments or a name
# taken for ones without a timeout, a beat schedule the app loads placed elsewhere), and a NATS
# loop that runs until a stop flag is set, which fb37e30 missed too; so is a session a factory
# further down returns, handed to a function's parameter, mended after the session's tidy
# (0d21084). The other five (the
# `guard_handed`, `below_guard`, `separate_module`, `msg_forever` and `sse_stream` trees) were
# right there and stay so.
_REVIEW_CASES: dict[str, Case] = {
    "scratch_branch_input_or_download": (
        {
            "ingest.py": 'import argparse\nimport csv\nimport logging\nimport os\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef download(url):\n    tmp = tempfile.NamedTemporaryFile(delete=False, suffix=".csv")\n    with tmp:\n        tmp.write(requests.get(url, timeout=60).content)\n    return tmp.name\n\n\ndef load(path):\n    with open(path, newline="") as f:\n        return sum(1 for _ in csv.DictReader(f))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--input", help="a local CSV export")\n    parser.add_argument("--url", help="or a URL to fetch it from")\n    args = parser.parse_args()\n\n    if args.input:\n        path = args.input\n    else:\n        path = download(args.url)\n    log.info("loaded %d rows", load(path))\n    os.remove(path)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("ingest.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_crossfile_process": (
        {
            "importer.py": 'import csv\nimport logging\nimport os\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef download(url):\n    tmp = tempfile.NamedTemporaryFile(delete=False, suffix=".csv")\n    with tmp:\n        tmp.write(requests.get(url, timeout=60).content)\n    return tmp.name\n\n\ndef process(path):\n    with open(path, newline="") as f:\n        rows = list(csv.DictReader(f))\n    log.info("%s: %d rows", path, len(rows))\n    os.remove(path)\n\n\ndef import_remote(url):\n    path = download(url)\n    process(path)\n',
            "sweep_inbox.py": 'import glob\nimport logging\nimport os\n\nfrom importer import process\n\nINBOX = os.environ.get("INBOX_DIR", "/srv/inbox")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    for path in sorted(glob.glob(os.path.join(INBOX, "*.csv"))):\n        process(path)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("sweep_inbox.py", "job", "python")],
        ("missing-dry-run", {"sweep_inbox.py": "fail"}),
    ),
    "scratch_download_in_branch": (
        {
            "restore.py": 'import argparse\nimport logging\nimport os\nimport subprocess\n\nimport boto3\n\nlog = logging.getLogger(__name__)\n\n\ndef resolve_dump(args):\n    path = args.dump\n    if args.s3_key:\n        boto3.client("s3").download_file(os.environ["BACKUP_BUCKET"], args.s3_key, path)\n    return path\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dump", required=True)\n    parser.add_argument("--s3-key")\n    args = parser.parse_args()\n    dump = resolve_dump(args)\n    subprocess.run(["pg_restore", "-d", os.environ["DATABASE_URL"], dump], check=True)\n    os.remove(dump)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("restore.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_flat_name_reuse": (
        {
            "convert.py": 'import logging\nimport os\nimport shutil\nimport subprocess\nimport tempfile\n\nlog = logging.getLogger(__name__)\n\n\ndef make_workdir():\n    path = tempfile.mkdtemp(prefix="convert-")\n    return path\n\n\ndef input_file():\n    path = os.environ["INPUT_FILE"]\n    return path\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    work = make_workdir()\n    src = input_file()\n    subprocess.run(["ffmpeg", "-i", src, os.path.join(work, "out.mp4")], check=True)\n    shutil.copy(os.path.join(work, "out.mp4"), os.environ["OUTPUT_DIR"])\n    shutil.rmtree(work)\n    os.remove(src)\n    log.info("converted %s", src)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("convert.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_pool_map_handoff": (
        {
            "worker_job.py": 'import glob\nimport json\nimport logging\nimport os\nimport tempfile\nfrom concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\nlog = logging.getLogger(__name__)\nSPOOL = os.environ.get("SPOOL_DIR", "/var/spool/events")\n\n\ndef fetch_remote(url):\n    tmp = tempfile.NamedTemporaryFile(delete=False, suffix=".json", mode="w")\n    with tmp:\n        json.dump(requests.get(url, timeout=30).json(), tmp)\n    return tmp.name\n\n\ndef handle(path):\n    with open(path) as f:\n        log.info("event %s", json.load(f).get("id"))\n    os.remove(path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    latest = fetch_remote(os.environ["EVENTS_URL"])\n    handle(latest)\n    with ThreadPoolExecutor(max_workers=4) as pool:\n        list(pool.map(handle, glob.glob(os.path.join(SPOOL, "*.json"))))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker_job.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_subclass_override": (
        {
            "sources.py": 'import logging\nimport os\nimport sys\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass RemoteSource:\n    def __init__(self, location):\n        self.location = location\n\n    def fetch(self):\n        tmp = tempfile.NamedTemporaryFile(delete=False, suffix=".xml")\n        with tmp:\n            tmp.write(requests.get(self.location, timeout=60).content)\n        return tmp.name\n\n    def run(self):\n        path = self.fetch()\n        size = os.path.getsize(path)\n        log.info("%s: %d bytes", self.location, size)\n        os.remove(path)\n\n\nclass LocalSource(RemoteSource):\n    def fetch(self):\n        return self.location\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    location = sys.argv[1]\n    source = RemoteSource(location) if location.startswith("http") else LocalSource(location)\n    source.run()\n'
        },
        [("sources.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_guard_handed": (
        {
            "fetch_job.py": 'import glob\nimport logging\nimport os\nimport tempfile\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch():\n    tmp = tempfile.NamedTemporaryFile(delete=False)\n    with tmp:\n        tmp.write(b"x")\n    return tmp.name\n\n\ndef handle(path):\n    log.info("%s", path)\n    os.remove(path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    path = fetch()\n    handle(path)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("fetch_job.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "kwargs_augassign": (
        {
            "search.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef search(query):\n    args = {"params": {"q": query}}\n    args |= {"timeout": 10}\n    return requests.get(os.environ["SEARCH_URL"], **args).json()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    log.info("%s", search("shoes"))\n'
        },
        [("search.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "kwargs_helper_adds_timeout": (
        {
            "sync.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\nDEFAULT_TIMEOUT = float(os.environ.get("HTTP_TIMEOUT", "10"))\n\n\ndef with_defaults(kwargs):\n    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)\n    kwargs.setdefault("headers", {"User-Agent": "inventory-sync/1.0"})\n    return kwargs\n\n\ndef fetch_page(url, page):\n    kwargs = {"params": {"page": page}}\n    with_defaults(kwargs)\n    return requests.get(url, **kwargs).json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    items = fetch_page(os.environ["INVENTORY_URL"], 1)\n    log.info("%d items", len(items))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "kwargs_loop_filled": (
        {
            "client.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass ApiClient:\n    OPTIONS = ("timeout", "verify", "proxies")\n\n    def __init__(self, base_url, **options):\n        self.base_url = base_url\n        self.options = options\n\n    def get(self, path):\n        kwargs = {}\n        for name in self.OPTIONS:\n            if name in self.options:\n                kwargs[name] = self.options[name]\n        response = requests.get(self.base_url + path, **kwargs)\n        response.raise_for_status()\n        return response.json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    client = ApiClient(os.environ["API_URL"], timeout=10)\n    log.info("%s", client.get("/status"))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("client.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "kwargs_param_default_none": (
        {
            "client.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\nBASE_URL = "https://api.example.com"\n\n\ndef get_json(path, request_kwargs=None):\n    """GET a path of the API; callers pass timeout, params, headers as they need."""\n    if request_kwargs is None:\n        request_kwargs = {}\n    response = requests.get(f"{BASE_URL}{path}", **request_kwargs)\n    response.raise_for_status()\n    return response.json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    users = get_json("/users", {"timeout": 10, "params": {"active": 1}})\n    log.info("%d users", len(users))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("client.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "factory_name_rebound": (
        {
            "report.py": 'import logging\nimport os\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger(__name__)\nAPI = "https://api.example.com"\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\ndb = SQLAlchemy(app)\n\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n\n\n@app.get("/readyz")\ndef readyz():\n    return {"ok": True}\n\n\n@app.post("/import/<token>")\ndef import_profile(token):\n    session = make_session(token)\n    data = session.get(f"{API}/me", timeout=10).json()\n    db.session.add(User(name=data["name"]))\n    db.session.commit()\n    return {"ok": True}\n\n\n@app.get("/users/<int:user_id>")\ndef show_user(user_id):\n    session = db.session\n    user = session.get(User, user_id)\n    return {"name": user.name}\n\n\ndef make_session(token):\n    return OAuth2Session(os.environ["CLIENT_ID"], token={"access_token": token})\n'
        },
        [("report.py", "api", "flask")],
        ("http-call-without-timeout", 0),
    ),
    "factory_below_guard": (
        {
            "discord_sync.py": 'import logging\nimport os\n\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger(__name__)\nAPI = "https://discord.com/api/v10"\n\n\ndef guilds(token):\n    discord = make_session(token)\n    return discord.get(f"{API}/users/@me/guilds").json()\n\n\ndef make_session(token):\n    return OAuth2Session(os.environ["DISCORD_CLIENT_ID"], token=token)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    log.info("%s", guilds({"access_token": os.environ["DISCORD_TOKEN"]}))\n'
        },
        [("discord_sync.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    "celery_beat_include": (
        {
            "Procfile": "worker: celery -A tasks worker --loglevel=info\nbeat: celery -A tasks beat --loglevel=info\n",
            "periodic.py": 'from celery.schedules import crontab\n\nfrom tasks import app\n\napp.conf.beat_schedule = {\n    "nightly-digest": {"task": "tasks.send_digest", "schedule": crontab(hour=3, minute=0)},\n}\n\n\n@app.task\ndef refresh_cache():\n    return "ok"\n',
            "tasks.py": 'import logging\nimport os\n\nfrom celery import Celery\n\nlog = logging.getLogger(__name__)\n\napp = Celery("tasks", broker=os.environ["BROKER_URL"], include=["periodic"])\n\n\n@app.task\ndef send_digest():\n    log.info("digest sent")\n',
        },
        [("tasks.py", "job", "celery-beat"), ("tasks.py", "worker", "celery")],
        None,
    ),
    "celery_beat_django_autodiscover": (
        {
            "Procfile": "worker: celery -A proj worker -l info\nbeat: celery -A proj beat -l info\n",
            "orders/__init__.py": "",
            "orders/tasks.py": 'import logging\n\nfrom celery.schedules import crontab\n\nfrom proj.celery import app\n\nlog = logging.getLogger(__name__)\n\napp.conf.beat_schedule = {\n    "expire-carts": {"task": "orders.tasks.expire_carts", "schedule": crontab(minute="*/15")},\n}\n\n\n@app.task\ndef expire_carts():\n    log.info("expired carts")\n',
            "proj/__init__.py": 'from .celery import app as celery_app\n\n__all__ = ("celery_app",)\n',
            "proj/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
            "proj/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.contenttypes", "orders"]\nCELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")\n',
        },
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    "celery_beat_separate_module": (
        {
            "Procfile": "worker: celery -A tasks worker --loglevel=info\nbeat: celery -A beat_scheduler beat --loglevel=info\n",
            "beat_scheduler.py": 'from celery.schedules import crontab\n\nfrom tasks import app\n\napp.conf.beat_schedule = {\n    "nightly-digest": {"task": "tasks.send_digest", "schedule": crontab(hour=3, minute=0)},\n}\n',
            "tasks.py": 'import logging\nimport os\n\nfrom celery import Celery\n\nlog = logging.getLogger(__name__)\n\napp = Celery("tasks", broker=os.environ["BROKER_URL"])\n\n\n@app.task\ndef send_digest():\n    log.info("digest sent")\n',
        },
        [("beat_scheduler.py", "job", "celery-beat"), ("tasks.py", "worker", "celery")],
        None,
    ),
    "nats_next_msg_running_flag": (
        {
            "consumer.py": 'import asyncio\nimport json\nimport logging\nimport os\nimport signal\n\nimport nats\n\nlog = logging.getLogger(__name__)\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    stop = asyncio.Event()\n    loop = asyncio.get_running_loop()\n    loop.add_signal_handler(signal.SIGTERM, stop.set)\n\n    nc = await nats.connect(os.environ.get("NATS_URL", "nats://localhost:4222"))\n    sub = await nc.subscribe("orders.created")\n    while not stop.is_set():\n        try:\n            msg = await sub.next_msg(timeout=1)\n        except nats.errors.TimeoutError:\n            continue\n        order = json.loads(msg.data)\n        log.info("order %s received", order["id"])\n    await nc.drain()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("consumer.py", "worker", "consume-loop")],
        None,
    ),
    "nats_next_msg_forever": (
        {
            "consumer.py": 'import asyncio\nimport json\nimport logging\nimport os\n\nimport nats\n\nlog = logging.getLogger(__name__)\n\n\nasync def handle(msg):\n    order = json.loads(msg.data)\n    log.info("order %s received", order["id"])\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    nc = await nats.connect(os.environ.get("NATS_URL", "nats://localhost:4222"))\n    sub = await nc.subscribe("orders.created")\n    while True:\n        try:\n            msg = await sub.next_msg(timeout=5)\n        except nats.errors.TimeoutError:\n            continue\n        await handle(msg)\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("consumer.py", "worker", "consume-loop")],
        None,
    ),
    "nats_sse_stream_api": (
        {
            "app.py": 'import os\n\nimport nats\nfrom fastapi import FastAPI\nfrom fastapi.responses import StreamingResponse\n\napp = FastAPI()\nNATS_URL = os.environ.get("NATS_URL", "nats://localhost:4222")\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n\n\n@app.get("/readyz")\ndef readyz():\n    return {"ok": True}\n\n\n@app.get("/events/{channel}")\nasync def events(channel: str):\n    nc = await nats.connect(NATS_URL)\n    sub = await nc.subscribe(f"events.{channel}")\n\n    async def stream():\n        while True:\n            msg = await sub.next_msg(timeout=None)\n            yield f"data: {msg.data.decode()}\\n\\n"\n\n    return StreamingResponse(stream(), media_type="text/event-stream")\n'
        },
        [("app.py", "api", "fastapi")],
        None,
    ),
    "factory_below_handed_param": (
        {
            "sync.py": 'import logging\nimport os\n\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch_orders(session):\n    return session.get("https://api.example.com/orders").json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = make_session()\n    log.info("%d orders", len(fetch_orders(session)))\n\n\ndef make_session():\n    return OAuth2Session(os.environ["CLIENT_ID"], token={"access_token": os.environ["TOKEN"]})\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (01f63e8..6848bf2) wrote these. Fifteen fail at 6848bf2: thirteen it had made
# wrong (scratch files taken for inputs, a temporary file bound by `with`, a helper called
# unguarded from another module, options on by default taken for guards, sessions kept on `self`
# or in a closure, keyword arguments only logged, a foreign word for "password" given to a
# connection, a nested Compose mount), and two command-line tests both commits missed
# (`argv` imported from `sys`, `if "--clean" in sys.argv:`). The other four (the `sys_clean_guard`,
# `decorated_job`, `forever_loop` and `logger_named` trees) were right there and stay so.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "scratch_with_as_tempfile": (
        {
            "crontab": "0 4 * * * python /srv/prices/load_prices.py\n",
            "load_prices.py": 'import csv\nimport logging\nimport os\nimport tempfile\nimport zipfile\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("prices")\n\nPRICES_URL = os.environ["PRICES_URL"]\n\n\ndef download(url):\n    with tempfile.NamedTemporaryFile(suffix=".zip", delete=False) as tmp:\n        resp = requests.get(url, timeout=60)\n        resp.raise_for_status()\n        tmp.write(resp.content)\n    return tmp.name\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    archive = download(PRICES_URL)\n    with zipfile.ZipFile(archive) as zf, zf.open("prices.csv") as raw:\n        rows = list(csv.reader(line.decode() for line in raw))\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.executemany(\n            "INSERT INTO prices (sku, price) VALUES (%s, %s) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price",\n            rows,\n        )\n    log.info("loaded %d prices", len(rows))\n    os.remove(archive)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("load_prices.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "scratch_imported_by_runner": (
        {
            "crontab": "0 3 * * * cd /app && python run.py\n",
            "pipeline.py": 'import logging\nimport os\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\nFEED_URL = os.environ["FEED_URL"]\n\n\ndef download(url):\n    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)\n    resp = requests.get(url, timeout=30)\n    resp.raise_for_status()\n    tmp.write(resp.content)\n    tmp.close()\n    return tmp.name\n\n\ndef process(path):\n    with open(path) as f:\n        rows = sum(1 for _ in f)\n    log.info("processed %d rows from %s", rows, path)\n    os.remove(path)\n\n\ndef main():\n    path = download(FEED_URL)\n    process(path)\n',
            "run.py": 'import logging\n\nfrom pipeline import main\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("run.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "scratch_fallback_mirror": (
        {
            "crontab": "0 6 * * * python /srv/rates/import_rates.py\n",
            "import_rates.py": 'import csv\nimport logging\nimport os\nimport tempfile\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("rates")\n\nPRIMARY = "https://rates.example.com/daily.csv"\nMIRROR = "https://mirror.rates.example.com/daily.csv"\n\n\ndef download(url):\n    resp = requests.get(url, timeout=30)\n    resp.raise_for_status()\n    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)\n    with tmp:\n        tmp.write(resp.content)\n    return tmp.name\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    try:\n        path = download(PRIMARY)\n    except requests.RequestException:\n        log.warning("primary feed down, using mirror")\n        path = download(MIRROR)\n    with open(path) as f, psycopg2.connect(os.environ["DATABASE_URL"]) as conn:\n        with conn.cursor() as cur:\n            for row in csv.DictReader(f):\n                cur.execute(\n                    "INSERT INTO rates (day, currency, rate) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",\n                    (row["day"], row["currency"], row["rate"]),\n                )\n    os.remove(path)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("import_rates.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "scratch_two_classes_same_method": (
        {
            "crontab": "15 * * * * python /srv/docs/sync_documents.py\n",
            "sync_documents.py": 'import logging\nimport os\nimport tempfile\n\nimport requests\nfrom PIL import Image\nfrom pypdf import PdfReader\n\nlog = logging.getLogger("documents")\n\n\nclass InvoiceSync:\n    def __init__(self, api):\n        self.api = api\n\n    def download(self, url):\n        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)\n        with tmp:\n            tmp.write(requests.get(url, timeout=30).content)\n        return tmp.name\n\n    def run(self):\n        for invoice in requests.get(f"{self.api}/invoices?new=1", timeout=30).json():\n            pdf = self.download(invoice["pdf_url"])\n            pages = len(PdfReader(pdf).pages)\n            requests.post(f"{self.api}/invoices/{invoice[\'id\']}/pages", json={"pages": pages}, timeout=30).raise_for_status()\n            os.unlink(pdf)\n\n\nclass ReceiptSync:\n    def __init__(self, api):\n        self.api = api\n\n    def download(self, url):\n        tmp = tempfile.NamedTemporaryFile(suffix=".jpg", delete=False)\n        with tmp:\n            tmp.write(requests.get(url, timeout=30).content)\n        return tmp.name\n\n    def run(self):\n        for receipt in requests.get(f"{self.api}/receipts?new=1", timeout=30).json():\n            image = self.download(receipt["image_url"])\n            width, height = Image.open(image).size\n            requests.post(f"{self.api}/receipts/{receipt[\'id\']}/size", json={"w": width, "h": height}, timeout=30).raise_for_status()\n            os.unlink(image)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    api = os.environ["BILLING_API"]\n    InvoiceSync(api).run()\n    ReceiptSync(api).run()\n',
        },
        [("sync_documents.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "scratch_written_in_retry_loop": (
        {
            "crontab": "30 7 * * * python /srv/ops/restore_check.py\n",
            "restore_check.py": 'import gzip\nimport logging\nimport os\nimport tempfile\nimport time\n\nimport requests\n\nlog = logging.getLogger("restore-check")\n\nBACKUP_URL = os.environ["BACKUP_URL"]\n\n\ndef download_dump(url):\n    path = os.path.join(tempfile.gettempdir(), "latest.sql.gz")\n    for attempt in range(3):\n        try:\n            resp = requests.get(url, timeout=60)\n            resp.raise_for_status()\n            with open(path, "wb") as f:\n                f.write(resp.content)\n            break\n        except requests.RequestException:\n            log.warning("download failed (attempt %d)", attempt + 1)\n            time.sleep(10)\n    else:\n        raise RuntimeError("could not download the backup")\n    return path\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    dump = download_dump(BACKUP_URL)\n    with gzip.open(dump, "rt") as f:\n        tables = sum(1 for line in f if line.startswith("CREATE TABLE"))\n    log.info("backup holds %d tables", tables)\n    if tables == 0:\n        raise SystemExit("backup is empty")\n    os.remove(dump)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("restore_check.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "flagged_call_imported_unguarded": (
        {
            "cache_tools.py": 'import argparse\nimport logging\nimport os\nimport shutil\n\nlog = logging.getLogger(__name__)\n\nCACHE_DIR = os.environ.get("CACHE_DIR", "/var/cache/thumbs")\n\n\ndef clear_cache():\n    log.info("removing %s", CACHE_DIR)\n    shutil.rmtree(CACHE_DIR)\n\n\ndef stats():\n    total = 0\n    for root, _, files in os.walk(CACHE_DIR):\n        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)\n    return total\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--clean", action="store_true")\n    args = parser.parse_args()\n    print(stats())\n    if args.clean:\n        clear_cache()\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "30 2 * * * cd /srv/thumbs && python nightly.py\n",
            "nightly.py": 'import logging\n\nfrom cache_tools import clear_cache, stats\n\nlog = logging.getLogger("nightly")\n\n\ndef run():\n    logging.basicConfig(level=logging.INFO)\n    log.info("cache holds %d bytes", stats())\n    clear_cache()\n\n\nif __name__ == "__main__":\n    run()\n',
        },
        [("nightly.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "argv_no_cleanup_inverted": (
        {
            "build_reports.py": 'import glob\nimport logging\nimport os\nimport shutil\nimport sys\n\nlog = logging.getLogger("reports")\n\nREPORT_ROOT = os.environ.get("REPORT_ROOT", "/srv/reports")\ncleanup = "--no-cleanup" not in sys.argv\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    for old in sorted(glob.glob(os.path.join(REPORT_ROOT, "2*")))[:-14]:\n        if cleanup:\n            log.info("removing %s", old)\n            shutil.rmtree(old)\n    log.info("done")\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 4 * * * python /srv/app/build_reports.py\n",
        },
        [("build_reports.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "clean_env_flag_default_on": (
        {
            "backup.py": 'import datetime\nimport glob\nimport logging\nimport os\nimport subprocess\n\nlog = logging.getLogger("backup")\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\nKEEP = int(os.environ.get("KEEP_BACKUPS", "7"))\nCLEAN_OLD_BACKUPS = os.environ.get("CLEAN_OLD_BACKUPS", "true").lower() == "true"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stamp = datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")\n    target = os.path.join(BACKUP_DIR, f"db-{stamp}.sql.gz")\n    subprocess.run(f"pg_dump \\"$DATABASE_URL\\" | gzip > {target}", shell=True, check=True)\n    log.info("wrote %s", target)\n    if CLEAN_OLD_BACKUPS:\n        for old in sorted(glob.glob(os.path.join(BACKUP_DIR, "db-*.sql.gz")))[:-KEEP]:\n            log.info("removing %s", old)\n            os.remove(old)\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 2 * * * python /srv/backup/backup.py\n",
        },
        [("backup.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "factory_session_on_self": (
        {
            "crm_sync.py": 'import logging\nimport os\n\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger("crm")\n\nAPI = "https://api.crm.example.com/v2"\n\n\nclass ContactSync:\n    def __init__(self):\n        self.session = make_session()\n\n    def fetch(self, page):\n        resp = self.session.get(f"{API}/contacts", params={"page": page})\n        resp.raise_for_status()\n        return resp.json()\n\n    def run(self):\n        page = 1\n        while batch := self.fetch(page):\n            log.info("page %d: %d contacts", page, len(batch))\n            page += 1\n\n\ndef make_session():\n    token = {"access_token": os.environ["CRM_TOKEN"], "token_type": "Bearer"}\n    return OAuth2Session(os.environ["CRM_CLIENT_ID"], token=token)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    ContactSync().run()\n',
            "crontab": "0 * * * * python /srv/crm/crm_sync.py\n",
        },
        [("crm_sync.py", "job", "crontab")],
        ("http-call-without-timeout", 1),
    ),
    "factory_session_closure": (
        {
            "crontab": "0 * * * * python /srv/crm/sync.py\n",
            "sync.py": 'import logging\nimport os\n\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger("crm")\nAPI = "https://api.crm.example.com/v2"\n\n\ndef main():\n    crm = make_session()\n\n    def fetch(page):\n        resp = crm.get(f"{API}/contacts", params={"page": page})\n        resp.raise_for_status()\n        return resp.json()\n\n    page = 1\n    while batch := fetch(page):\n        log.info("page %d: %d", page, len(batch))\n        page += 1\n\n\ndef make_session():\n    token = {"access_token": os.environ["CRM_TOKEN"], "token_type": "Bearer"}\n    return OAuth2Session(os.environ["CRM_CLIENT_ID"], token=token)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("sync.py", "job", "crontab")],
        ("http-call-without-timeout", 1),
    ),
    "kwargs_logged_before_call": (
        {
            "crontab": "0 2 * * * python /srv/geo/geocode.py /srv/geo/addresses.csv > /srv/geo/out.csv\n",
            "geocode.py": 'import csv\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger("geocode")\n\nGEOCODER = "https://geocoder.example.com/search"\n\n\ndef geocode(address):\n    request_args = {"params": {"q": address, "format": "json"}, "headers": {"User-Agent": "geocode-job/1.0"}}\n    log.debug("geocoder request: %s", request_args)\n    resp = requests.get(GEOCODER, **request_args)\n    resp.raise_for_status()\n    hits = resp.json()\n    return (hits[0]["lat"], hits[0]["lon"]) if hits else None\n\n\ndef main():\n    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))\n    writer = csv.writer(sys.stdout)\n    with open(sys.argv[1]) as f:\n        for row in csv.DictReader(f):\n            writer.writerow([row["id"], *(geocode(row["address"]) or ("", ""))])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("geocode.py", "job", "crontab")],
        ("http-call-without-timeout", 1),
    ),
    "senha_with_connection": (
        {
            "crontab": "0 * * * * python /srv/estoque/estoque.py\n",
            "estoque.py": 'import logging\n\nimport psycopg2\nimport pymysql\nfrom sqlalchemy import create_engine\n\nlog = logging.getLogger("estoque")\n\nengine = create_engine("postgresql://estoque:senha@db.loja.internal:5432/estoque")\n\nDB = {"host": "10.0.3.12", "user": "relatorios", "password": "senha", "database": "vendas"}\n\n\ndef conectar_mysql():\n    return pymysql.connect(host="mysql.loja.internal", user="estoque", password="senha", database="estoque")\n\n\ndef conectar_pg():\n    return psycopg2.connect(**DB)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with engine.connect() as conn:\n        log.info("%s", conn.exec_driver_sql("SELECT count(*) FROM produtos").scalar())\n    conectar_mysql().close()\n    conectar_pg().close()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("estoque.py", "job", "crontab")],
        ("hardcoded-secret", 3),
    ),
    "compose_nested_mounts": (
        {
            "common/__init__.py": "",
            "common/catalog.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger("catalog")\n\nPRODUCTS = [("SKU-1", "Mug", 900), ("SKU-2", "Shirt", 1900)]\n\n\ndef price_of(sku):\n    return dict((s, p) for s, _, p in PRODUCTS)[sku]\n\n\ndef seed():\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for sku, name, price in PRODUCTS:\n            cur.execute(\n                "INSERT INTO products (sku, name, price) VALUES (%s, %s, %s) ON CONFLICT (sku) DO NOTHING",\n                (sku, name, price),\n            )\n    log.info("catalog seeded")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    seed()\n',
            "docker-compose.yml": 'services:\n  orders-api:\n    build: ./orders\n    volumes:\n      - ./orders:/app\n      - ./common:/app/common\n    command: gunicorn -b 0.0.0.0:8000 app:app\n    restart: always\n\n  seed:\n    build: ./orders\n    volumes:\n      - ./orders:/app\n      - ./common:/app/common\n    command: sh -c "python /app/common/catalog.py && tail -f /dev/null"\n    restart: always\n',
            "orders/app.py": 'import logging\n\nfrom flask import Flask\n\nfrom common.catalog import price_of\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"status": "ok"}\n\n\n@app.get("/price/<sku>")\ndef price(sku):\n    return {"sku": sku, "price": price_of(sku)}\n',
        },
        [("common/catalog.py", "job", "python"), ("orders/app.py", "api", "flask")],
        None,
    ),
    "argv_from_import": (
        {
            "crontab": "0 5 * * 0 python /srv/shop/rotate_logs.py\n",
            "rotate_logs.py": 'import glob\nimport logging\nimport os\nimport time\nfrom sys import argv\n\nlog = logging.getLogger("rotate")\n\nLOG_DIR = os.environ.get("LOG_DIR", "/var/log/shop")\nclean_old = len(argv) > 1 and argv[1] == "--clean"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    cutoff = time.time() - 30 * 86400\n    for path in glob.glob(os.path.join(LOG_DIR, "*.log.*")):\n        if os.path.getmtime(path) < cutoff:\n            log.info("old log %s", path)\n            if clean_old:\n                os.remove(path)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("rotate_logs.py", "job", "crontab")],
        ("missing-dry-run", "pass"),
    ),
    "argv_inline_test": (
        {
            "crontab": "30 1 * * * python /srv/app/thumbs.py\n",
            "thumbs.py": 'import logging\nimport os\nimport shutil\nimport sys\n\nfrom PIL import Image\n\nlog = logging.getLogger("thumbs")\n\nSRC = os.environ.get("PHOTO_DIR", "/srv/photos")\nOUT = os.environ.get("THUMB_DIR", "/srv/thumbs")\n\n\ndef clean_thumbnails():\n    log.info("removing %s", OUT)\n    shutil.rmtree(OUT, ignore_errors=True)\n\n\ndef build():\n    os.makedirs(OUT, exist_ok=True)\n    for name in os.listdir(SRC):\n        with Image.open(os.path.join(SRC, name)) as img:\n            img.thumbnail((256, 256))\n            img.save(os.path.join(OUT, name))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    if "--clean" in sys.argv:\n        clean_thumbnails()\n    build()\n',
        },
        [("thumbs.py", "job", "crontab")],
        ("missing-dry-run", "pass"),
    ),
    "argv_sys_clean_guard": (
        {
            "crontab": "0 5 * * 0 python /srv/shop/rotate_logs.py\n",
            "rotate_logs.py": 'import glob\nimport logging\nimport os\nimport time\nimport sys\n\nlog = logging.getLogger("rotate")\n\nLOG_DIR = os.environ.get("LOG_DIR", "/var/log/shop")\nclean_old = len(sys.argv) > 1 and sys.argv[1] == "--clean"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    cutoff = time.time() - 30 * 86400\n    for path in glob.glob(os.path.join(LOG_DIR, "*.log.*")):\n        if os.path.getmtime(path) < cutoff:\n            log.info("old log %s", path)\n            if clean_old:\n                os.remove(path)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("rotate_logs.py", "job", "crontab")],
        ("missing-dry-run", "pass"),
    ),
    "flagged_call_decorated_job": (
        {
            "Procfile": "worker: python scheduler.py\n",
            "scheduler.py": 'import argparse\nimport logging\nimport os\nimport time\n\nimport psycopg2\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nlog = logging.getLogger("retention")\nsched = BlockingScheduler()\n\n\ndef connect():\n    return psycopg2.connect(os.environ["DATABASE_URL"])\n\n\n@sched.scheduled_job("cron", hour=3)\ndef purge_expired():\n    with connect() as conn, conn.cursor() as cur:\n        cur.execute("DELETE FROM sessions WHERE expires_at < now() - interval \'30 days\'")\n        log.info("purged %d sessions", cur.rowcount)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--purge-now", action="store_true")\n    args = parser.parse_args()\n    if args.purge_now:\n        purge_expired()\n    sched.start()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("scheduler.py", "job", "apscheduler")],
        ("missing-dry-run", "fail"),
    ),
    "kafka_drain_in_forever_loop": (
        {
            "audit_consumer.py": 'import json\nimport logging\nimport os\nimport time\n\nimport psycopg2\nfrom confluent_kafka import Consumer\n\nlog = logging.getLogger("audit")\n\n\ndef drain(consumer, conn):\n    msg = consumer.poll(timeout=2.0)\n    while msg:\n        if not msg.error():\n            event = json.loads(msg.value())\n            with conn.cursor() as cur:\n                cur.execute(\n                    "INSERT INTO audit_log (event_id, body) VALUES (%s, %s) ON CONFLICT (event_id) DO NOTHING",\n                    (event["id"], json.dumps(event)),\n                )\n            conn.commit()\n            consumer.commit(msg)\n        msg = consumer.poll(timeout=2.0)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    consumer = Consumer(\n        {\n            "bootstrap.servers": os.environ["KAFKA_BOOTSTRAP"],\n            "group.id": "audit-writer",\n            "enable.auto.commit": False,\n        }\n    )\n    consumer.subscribe(["audit-events"])\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    while True:\n        drain(consumer, conn)\n        time.sleep(30)\n\n\nif __name__ == "__main__":\n    main()\n',
            "docker-compose.yml": "services:\n  audit-consumer:\n    build: .\n    command: python audit_consumer.py\n    restart: always\n",
        },
        [("audit_consumer.py", "worker", "kafka")],
        None,
    ),
    "boto3_stream_logger_named": (
        {
            "crontab": "15 6 * * * python /srv/ops/snapshot_report.py\n",
            "snapshot_report.py": 'import logging\nimport os\n\nimport boto3\n\nlog = logging.getLogger("snapshots")\n\nboto3.set_stream_logger("botocore.credentials", logging.INFO)\n\n\ndef main():\n    ec2 = boto3.client("ec2", region_name=os.environ.get("AWS_REGION", "eu-west-1"))\n    pages = ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"])\n    total = sum(len(page["Snapshots"]) for page in pages)\n    log.info("%d snapshots", total)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("snapshot_report.py", "job", "crontab")],
        ("missing-logging", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# A third review, of the whole change (fb37e30..d835557), wrote these. Fifteen fail at d835557:
# thirteen it had made wrong (options named `clean` on by default, or on without the option,
# taken for guards; a function called unguarded through a package's `__init__`; scratch-file
# deletions whose name or parameter may hold another file; a session name rebound by `with`; a
# backlog drained before a subscription, and a loop on a stop flag, read as drains), and a
# `mkstemp()` file both commits missed; so is a Compose bind mount in the long syntax, mended after
# the session's tidy (0d21084). The other two (`called_from_tests`, `loaded_by_package_init`) were
# right there and stay so.
_THIRD_REVIEW_CASES: dict[str, Case] = {
    "clean_flag_store_false": (
        {
            "build_site.py": '"""Rebuild the static site from the content folder (run nightly from cron)."""\nimport argparse\nimport logging\nimport os\nimport shutil\nimport subprocess\n\nlog = logging.getLogger("build_site")\n\nOUTPUT_DIR = os.environ.get("SITE_OUTPUT", "/srv/www/site")\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser(description=__doc__)\n    parser.add_argument("--content", default="content")\n    # the old output is wiped before each build unless --no-clean is given\n    parser.add_argument("--no-clean", dest="clean", action="store_false")\n    return parser.parse_args()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    args = parse_args()\n    if args.clean:\n        log.info("removing %s", OUTPUT_DIR)\n        shutil.rmtree(OUTPUT_DIR, ignore_errors=True)\n    subprocess.run(["hugo", "--source", args.content, "--destination", OUTPUT_DIR], check=True)\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 3 * * * cd /opt/site && python build_site.py\n",
        },
        [("build_site.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "clean_days_option_default": (
        {
            "backup_db.py": 'import argparse\nimport datetime\nimport glob\nimport logging\nimport os\nimport subprocess\n\nlog = logging.getLogger("backup_db")\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser(description="Dump the database and prune old dumps")\n    parser.add_argument("--dir", default=os.environ.get("BACKUP_DIR", "/backups"))\n    parser.add_argument(\n        "--clean-days", type=int, default=7, help="remove dumps older than this many days (0 keeps them all)"\n    )\n    return parser.parse_args()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    args = parse_args()\n    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")\n    target = os.path.join(args.dir, f"app-{stamp}.dump")\n    subprocess.run(["pg_dump", "-Fc", "-f", target, os.environ["DATABASE_URL"]], check=True)\n    log.info("wrote %s", target)\n    if args.clean_days:\n        cutoff = datetime.datetime.now() - datetime.timedelta(days=args.clean_days)\n        for old in glob.glob(os.path.join(args.dir, "app-*.dump")):\n            if datetime.datetime.fromtimestamp(os.path.getmtime(old)) < cutoff:\n                log.info("removing %s", old)\n                os.remove(old)\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 2 * * * python /opt/backup_db.py\n",
        },
        [("backup_db.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "clean_param_always_true": (
        {
            "crontab": "*/20 * * * * python /opt/mirror_assets.py\n",
            "mirror_assets.py": 'import logging\nimport os\nimport shutil\n\nlog = logging.getLogger("mirror_assets")\n\nSOURCE = os.environ.get("ASSETS_SOURCE", "/mnt/nas/assets")\nTARGET = os.environ.get("ASSETS_TARGET", "/srv/www/assets")\n\n\ndef sync_folder(src, dst, clean):\n    """Copy new and changed files from src into dst; with clean, drop files src no longer has."""\n    os.makedirs(dst, exist_ok=True)\n    for name in os.listdir(src):\n        source, target = os.path.join(src, name), os.path.join(dst, name)\n        if not os.path.exists(target) or os.path.getmtime(source) > os.path.getmtime(target):\n            shutil.copy2(source, target)\n    if clean:\n        for name in set(os.listdir(dst)) - set(os.listdir(src)):\n            log.info("removing %s", name)\n            os.remove(os.path.join(dst, name))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    sync_folder(SOURCE, TARGET, clean=True)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("mirror_assets.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "clean_env_default_true_in_tuple": (
        {
            "crontab": "30 1 * * * python /app/rotate_exports.py\n",
            "rotate_exports.py": 'import datetime\nimport glob\nimport logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger("rotate_exports")\n\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/exports")\nKEEP_DAYS = int(os.environ.get("KEEP_DAYS", "14"))\nCLEAN_OLD_EXPORTS = os.environ.get("CLEAN_OLD_EXPORTS", "true").lower() in ("1", "true", "yes")\n\n\ndef export_orders():\n    stamp = datetime.date.today().isoformat()\n    path = os.path.join(EXPORT_DIR, f"orders-{stamp}.csv")\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur, open(path, "w") as out:\n        cur.copy_expert("COPY orders TO STDOUT WITH CSV HEADER", out)\n    log.info("wrote %s", path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    export_orders()\n    if CLEAN_OLD_EXPORTS:\n        cutoff = datetime.datetime.now().timestamp() - KEEP_DAYS * 86400\n        for old in glob.glob(os.path.join(EXPORT_DIR, "orders-*.csv")):\n            if os.path.getmtime(old) < cutoff:\n                log.info("removing %s", old)\n                os.remove(old)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("rotate_exports.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "argv_flag_or_monthly": (
        {
            "archive_invoices.py": 'import datetime\nimport glob\nimport logging\nimport os\nimport sys\nimport tarfile\n\nlog = logging.getLogger("archive_invoices")\n\nINVOICE_DIR = os.environ.get("INVOICE_DIR", "/srv/invoices")\nARCHIVE_DIR = os.environ.get("ARCHIVE_DIR", "/srv/archive")\n\n# old invoices are cleared on the first of each month, or whenever --clean is given\nclean_old = "--clean" in sys.argv or datetime.date.today().day == 1\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stamp = datetime.date.today().strftime("%Y%m%d")\n    with tarfile.open(os.path.join(ARCHIVE_DIR, f"invoices-{stamp}.tar.gz"), "w:gz") as tar:\n        tar.add(INVOICE_DIR, arcname="invoices")\n    if clean_old:\n        cutoff = datetime.datetime.now() - datetime.timedelta(days=90)\n        for pdf in glob.glob(os.path.join(INVOICE_DIR, "*.pdf")):\n            if datetime.datetime.fromtimestamp(os.path.getmtime(pdf)) < cutoff:\n                log.info("removing %s", pdf)\n                os.remove(pdf)\n\n\nif __name__ == "__main__":\n    main()\n',
            "crontab": "0 1 * * * python /opt/archive_invoices.py\n",
        },
        [("archive_invoices.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "flagged_call_reexported_by_init": (
        {
            "crontab": "0 4 * * * cd /app && python nightly.py\n",
            "maint/__init__.py": 'from .media import purge_orphans\n\n__all__ = ["purge_orphans"]\n',
            "maint/media.py": 'import argparse\nimport logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\nMEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/media")\n\n\ndef purge_orphans():\n    """Delete uploaded files no row refers to any more."""\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT path FROM attachments")\n        known = {row[0] for row in cur.fetchall()}\n    for name in os.listdir(MEDIA_ROOT):\n        if name not in known:\n            log.info("removing orphan %s", name)\n            os.remove(os.path.join(MEDIA_ROOT, name))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--purge", action="store_true", help="delete orphaned media files")\n    args = parser.parse_args()\n    if args.purge:\n        purge_orphans()\n    else:\n        log.info("nothing to do; pass --purge to delete orphaned files")\n\n\nif __name__ == "__main__":\n    main()\n',
            "nightly.py": 'import logging\n\nfrom maint import purge_orphans\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    purge_orphans()\n',
        },
        [("nightly.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_default_param_path": (
        {
            "crontab": "0 5 * * * python /app/load_rates.py\n",
            "load_rates.py": 'import argparse\nimport csv\nimport logging\nimport os\nimport tempfile\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("load_rates")\n\n# the file the bank\'s SFTP drop leaves on the shared volume every night\nDROP_FILE = os.environ.get("RATES_DROP_FILE", "/data/inbox/rates.csv")\n\n\ndef fetch_rates(url):\n    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)\n    with tmp:\n        tmp.write(requests.get(url, timeout=30).content)\n    return tmp.name\n\n\ndef load(path=DROP_FILE):\n    with open(path, newline="") as f, psycopg2.connect(os.environ["DATABASE_URL"]) as conn:\n        with conn.cursor() as cur:\n            for row in csv.DictReader(f):\n                cur.execute(\n                    "INSERT INTO rates (day, currency, rate) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",\n                    (row["day"], row["currency"], row["rate"]),\n                )\n    log.info("loaded %s", path)\n    os.remove(path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--from-url")\n    args = parser.parse_args()\n    if args.from_url:\n        fetched = fetch_rates(args.from_url)\n        load(fetched)\n    else:\n        load()  # the nightly drop file\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("load_rates.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_star_args_call": (
        {
            "crontab": "*/30 * * * * python /app/ingest.py\n",
            "ingest.py": 'import csv\nimport glob\nimport logging\nimport os\nimport tempfile\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("ingest")\n\nINBOX = os.environ.get("INBOX", "/data/inbox")\nPARTNER_URL = os.environ.get("PARTNER_URL")\n\n\ndef download(url):\n    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)\n    with tmp:\n        tmp.write(requests.get(url, timeout=60).content)\n    return tmp.name\n\n\ndef ingest(path, table):\n    with open(path, newline="") as f, psycopg2.connect(os.environ["DATABASE_URL"]) as conn:\n        with conn.cursor() as cur:\n            for row in csv.reader(f):\n                cur.execute(f"INSERT INTO {table} VALUES (%s, %s)", row[:2])\n    log.info("ingested %s into %s", path, table)\n    os.remove(path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    jobs = [(path, "orders") for path in glob.glob(os.path.join(INBOX, "orders-*.csv"))]\n    jobs += [(path, "refunds") for path in glob.glob(os.path.join(INBOX, "refunds-*.csv"))]\n    for job in jobs:\n        ingest(*job)\n    if PARTNER_URL:\n        partner = download(PARTNER_URL)\n        ingest(partner, "partner_orders")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("ingest.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_walrus_input_or_download": (
        {
            "crontab": "0 2 * * * python /app/import_dump.py\n",
            "import_dump.py": 'import logging\nimport os\nimport subprocess\nimport tempfile\n\nimport boto3\n\nlog = logging.getLogger("import_dump")\n\n\ndef download_dump(bucket, key):\n    tmp = tempfile.NamedTemporaryFile(suffix=".sql.gz", delete=False)\n    with tmp:\n        boto3.client("s3").download_fileobj(bucket, key, tmp)\n    return tmp.name\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    if not (dump := os.environ.get("LOCAL_DUMP")):\n        dump = download_dump(os.environ["DUMP_BUCKET"], os.environ["DUMP_KEY"])\n    log.info("restoring %s", dump)\n    subprocess.run(f"gunzip -c {dump} | psql \\"$DATABASE_URL\\"", shell=True, check=True)\n    os.remove(dump)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("import_dump.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_subclass_in_other_module": (
        {
            "crontab": "*/10 * * * * python /app/run_import.py\n",
            "importers/__init__.py": "",
            "importers/base.py": 'import logging\nimport os\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass Importer:\n    """Fetch a feed, load it, remove the local copy."""\n\n    url = ""\n\n    def fetch(self):\n        tmp = tempfile.NamedTemporaryFile(suffix=".json", delete=False)\n        with tmp:\n            tmp.write(requests.get(self.url, timeout=60).content)\n        return tmp.name\n\n    def load(self, path):\n        raise NotImplementedError\n\n    def run(self):\n        path = self.fetch()\n        try:\n            self.load(path)\n        finally:\n            os.remove(path)\n            log.info("removed %s", path)\n',
            "importers/local.py": 'import json\nimport logging\nimport os\n\nfrom importers.base import Importer\n\nlog = logging.getLogger(__name__)\n\n\nclass DropFolderImporter(Importer):\n    """Partners drop their feed on the shared volume instead of serving it."""\n\n    folder = os.environ.get("DROP_FOLDER", "/srv/drop")\n\n    def fetch(self):\n        return os.path.join(self.folder, "feed.json")\n\n    def load(self, path):\n        with open(path) as f:\n            log.info("loaded %d items", len(json.load(f)))\n',
            "run_import.py": 'import logging\nimport sys\n\nfrom importers.local import DropFolderImporter\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    DropFolderImporter().run()\n    sys.exit(0)\n',
        },
        [("run_import.py", "job", "crontab")],
        ("missing-dry-run", "fail"),
    ),
    "session_name_rebound_by_with": (
        {
            "crontab": "*/15 * * * * python /app/sync_contacts.py\n",
            "sync_contacts.py": 'import asyncio\nimport logging\nimport os\n\nimport aiohttp\nfrom requests_oauthlib import OAuth2Session\n\nlog = logging.getLogger("sync_contacts")\n\nWEBHOOKS = os.environ.get("WEBHOOK_URLS", "").split(",")\n\n\ndef make_session():\n    return OAuth2Session(os.environ["CRM_CLIENT_ID"], token={"access_token": os.environ["CRM_TOKEN"]})\n\n\nsession = make_session()\n\n\ndef pull_contacts():\n    return session.get("https://crm.example.com/api/contacts", timeout=20).json()\n\n\nasync def notify(contacts):\n    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:\n        for url in WEBHOOKS:\n            async with session.post(url, json={"count": len(contacts)}) as resp:\n                log.info("notified %s: %s", url, resp.status)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    asyncio.run(notify(pull_contacts()))\n',
        },
        [("sync_contacts.py", "job", "crontab")],
        ("http-call-without-timeout", 0),
    ),
    "pubsub_backlog_drain_then_stream": (
        {
            "Procfile": "worker: python subscriber.py\n",
            "subscriber.py": 'import logging\nimport os\nimport time\n\nfrom google.cloud import pubsub_v1\n\nlog = logging.getLogger("subscriber")\n\nPROJECT = os.environ["GCP_PROJECT"]\nSUBSCRIPTION = os.environ["SUBSCRIPTION"]\n\n\ndef handle(message):\n    log.info("got %s", message.data)\n    message.ack()\n\n\ndef drain_backlog(subscriber, path):\n    """Work off what piled up while we were down, in big batches, before streaming."""\n    while True:\n        response = subscriber.pull(request={"subscription": path, "max_messages": 500})\n        if not response.received_messages:\n            break\n        for received in response.received_messages:\n            log.info("backlog %s", received.message.data)\n        subscriber.acknowledge(\n            request={"subscription": path, "ack_ids": [r.ack_id for r in response.received_messages]}\n        )\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    subscriber = pubsub_v1.SubscriberClient()\n    path = subscriber.subscription_path(PROJECT, SUBSCRIPTION)\n    drain_backlog(subscriber, path)\n    subscriber.subscribe(path, callback=handle)\n    log.info("listening on %s", path)\n    while True:\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    "sqs_worker_running_flag_rebound": (
        {
            "Procfile": "worker: python worker.py\n",
            "worker.py": 'import json\nimport logging\nimport os\nimport signal\nimport threading\n\nimport boto3\n\nlog = logging.getLogger("worker")\n\nQUEUE_URL = os.environ["QUEUE_URL"]\nstop = threading.Event()\n\n\ndef handle(body):\n    log.info("resizing %s", body["key"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    signal.signal(signal.SIGTERM, lambda *_: stop.set())\n    sqs = boto3.client("sqs")\n    running = True\n    while running:\n        resp = sqs.receive_message(QueueUrl=QUEUE_URL, WaitTimeSeconds=20, MaxNumberOfMessages=10)\n        for message in resp.get("Messages", []):\n            handle(json.loads(message["Body"]))\n            sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=message["ReceiptHandle"])\n        running = not stop.is_set()\n    log.info("stopped")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("worker.py", "worker", "sqs")],
        None,
    ),
    "scratch_mkstemp_maker": (
        {
            "crontab": "0 6 * * 3 python /app/refresh_geoip.py\n",
            "refresh_geoip.py": 'import logging\nimport os\nimport shutil\nimport tarfile\nimport tempfile\n\nimport requests\n\nlog = logging.getLogger("refresh_geoip")\n\nDB_URL = os.environ["GEOIP_DB_URL"]\nTARGET = os.environ.get("GEOIP_TARGET", "/srv/geoip/GeoLite2-City.mmdb")\n\n\ndef download(url):\n    fd, path = tempfile.mkstemp(suffix=".tar.gz")\n    with os.fdopen(fd, "wb") as out:\n        with requests.get(url, stream=True, timeout=60) as resp:\n            resp.raise_for_status()\n            shutil.copyfileobj(resp.raw, out)\n    return path\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    archive = download(DB_URL)\n    with tarfile.open(archive) as tar:\n        member = next(m for m in tar.getmembers() if m.name.endswith(".mmdb"))\n        with tar.extractfile(member) as src, open(TARGET + ".new", "wb") as dst:\n            shutil.copyfileobj(src, dst)\n    os.replace(TARGET + ".new", TARGET)\n    os.remove(archive)\n    log.info("GeoIP database refreshed")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("refresh_geoip.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "scratch_called_from_tests": (
        {
            "crontab": "0 6 * * * python /app/pipeline.py\n",
            "pipeline.py": 'import csv\nimport logging\nimport os\nimport tempfile\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("pipeline")\n\nSOURCE_URL = os.environ.get("SOURCE_URL", "https://data.example.com/stations.csv")\n\n\ndef download(url):\n    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)\n    with tmp:\n        tmp.write(requests.get(url, timeout=60).content)\n    return tmp.name\n\n\ndef load(path, conn):\n    with open(path, newline="") as f, conn.cursor() as cur:\n        for row in csv.DictReader(f):\n            cur.execute(\n                "INSERT INTO stations (id, name) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",\n                (row["id"], row["name"]),\n            )\n    os.remove(path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    path = download(SOURCE_URL)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn:\n        load(path, conn)\n    log.info("stations loaded")\n\n\nif __name__ == "__main__":\n    main()\n',
            "tests/__init__.py": "",
            "tests/test_pipeline.py": 'from unittest import mock\n\nimport pipeline\n\n\ndef test_load_inserts_rows_and_removes_the_file(tmp_path):\n    csv_file = tmp_path / "stations.csv"\n    csv_file.write_text("id,name\\n1,Central\\n")\n    conn = mock.MagicMock()\n    pipeline.load(str(csv_file), conn)\n    assert not csv_file.exists()\n    conn.cursor.return_value.__enter__.return_value.execute.assert_called_once()\n',
        },
        [("pipeline.py", "job", "crontab")],
        ("missing-dry-run", "na"),
    ),
    "celery_beat_loaded_by_package_init": (
        {
            "Procfile": "worker: celery -A proj worker -l info\nbeat: celery -A proj beat -l info\n",
            "proj/__init__.py": 'from .celery import app as celery_app\nfrom . import schedule  # noqa: F401  (registers the periodic tasks on the app)\n\n__all__ = ("celery_app",)\n',
            "proj/celery.py": 'import os\n\nfrom celery import Celery\n\napp = Celery("proj", broker=os.environ.get("BROKER_URL", "redis://localhost:6379/0"))\n\n\n@app.task\ndef send_digest():\n    print("sending digest")\n\n\n@app.task\ndef expire_sessions():\n    print("expiring sessions")\n',
            "proj/schedule.py": 'from celery.schedules import crontab\n\nfrom .celery import app\n\napp.conf.beat_schedule = {\n    "daily-digest": {"task": "proj.celery.send_digest", "schedule": crontab(hour=7, minute=0)},\n    "expire-sessions": {"task": "proj.celery.expire_sessions", "schedule": 600.0},\n}\n',
        },
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    "compose_long_syntax_bind_mount": (
        {
            "docker-compose.yml": "services:\n  billing-sync:\n    image: python:3.12\n    command: python /app/sync.py\n    restart: always\n    volumes:\n      - type: bind\n        source: ./services/billing\n        target: /app\n",
            "services/billing/sync.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger("sync")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("UPDATE billing SET synced = now() WHERE synced IS NULL")\n    log.info("synced")\n\n\nif __name__ == "__main__":\n    main()\n',
            "services/search/sync.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger("sync")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("UPDATE search SET synced = now() WHERE synced IS NULL")\n    log.info("synced")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("services/billing/sync.py", "worker", "compose"), ("services/search/sync.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
