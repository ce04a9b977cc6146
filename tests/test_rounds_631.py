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
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of the session's changes (fb37e30..01f63e8) wrote these. Fourteen fail at 01f63e8:
# thirteen it had made wrong (a deletion taken for a scratch file's, keyword arguments or a name
# taken for ones without a timeout, a beat schedule the app loads placed elsewhere), and a NATS
# loop that runs until a stop flag is set, which fb37e30 missed too. The other five (the
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
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])
