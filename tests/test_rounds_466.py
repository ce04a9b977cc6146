"""Session 34: what blind rounds 466-497 showed, as small trees.

Each case fails on 2f96d6b (the session's start, on which rounds 466-495 were measured; rounds
496-497 were measured on 82e33d6), except the traps (marked), which pass there and must not move;
a trap is its case's tree with one edit. The review's cases are at the end. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

_IRC3_BOT_UNDER_TYPER = {
    "ircbot/__main__.py": """\
import logging

import irc3
import typer

log = logging.getLogger("ircbot")


@irc3.plugin
class Lookup:
    def __init__(self, bot):
        self.bot = bot

    @irc3.event(irc3.rfc.PRIVMSG)
    async def answer(self, mask, data, target, **kwargs):
        log.info("asked %s", data)
        self.bot.notice(target, "seen")


def main(host: str = typer.Option(..., envvar="IRC_HOST"), nick: str = typer.Option("lookup")) -> None:
    logging.basicConfig(level=logging.INFO)
    config = dict(nick=nick, host=host, port=6697, ssl=True, includes=["irc3.plugins.core", __name__])
    bot = irc3.IrcBot.from_config(config)
    bot.run(forever=True)


def cli():
    typer.run(main)


if __name__ == "__main__":
    cli()
""",
}

_GITLAB_WEBHOOK_BOT = {
    "main.py": """\
import logging
import os

import gitlab
from gidgetlab.aiohttp import GitLabBot

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("bot")
bot = GitLabBot("labels-bot")
gl = gitlab.Gitlab("https://gitlab.example.com", private_token=os.environ["GL_ACCESS_TOKEN"])


@bot.router.register("Merge Request Hook")
async def merge_request_event(event, *args, **kwargs):
    project = gl.projects.get(event.data["project"]["id"])
    log.info("merge request in %s", project.path_with_namespace)


bot.run()
""",
}

_INSTALLER_BESIDE_JOB = {
    "install.py": """\
import os
import sys


def run(command):
    status = os.system(command)
    if status != 0:
        sys.exit(status)


if os.getuid() != 0:
    print("run me as root")
    sys.exit(1)
run("apt-get install -y cron python3-venv")
run("useradd -r dumper")
with open("/etc/cron.d/dumper", "w") as f:
    f.write("0 3 * * * dumper /opt/dumper/venv/bin/python /opt/dumper/dump.py\\n")
""",
    "dump.py": """\
import logging
import subprocess

logging.basicConfig(level=logging.INFO)

if __name__ == "__main__":
    subprocess.run(["pg_dump", "-f", "/backups/shop.sql", "shop"], check=True)
    logging.info("dumped")
""",
}

_BROKER_URL_FALLBACK = {
    "listener.py": """\
import asyncio
import logging
import os

from aio_pika import connect

log = logging.getLogger("listener")


async def main():
    connection = await connect(os.getenv("RABBITMQ_URL", "amqp://guest:guest@localhost/"))
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue("events")
        async with queue.iterator() as messages:
            async for message in messages:
                async with message.process():
                    log.info("event %s", message.body)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
""",
}

_SUCCESS_MAIL_AFTER_BACKUP = {
    "backup.py": """\
import logging
import subprocess
import sys

import requests

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)


def dump(target):
    subprocess.check_output(["mongodump", "--archive=" + target])
    return True


def send_success_email():
    requests.post("http://mailer.internal/send", data={"subject": "backup done"}, timeout=10)
    return True


def main():
    try:
        dump("/backups/db.archive")
    except subprocess.CalledProcessError as error:
        log.error("mongodump failed: %s", error.returncode)
        sys.exit(1)
    send_success_email()


if __name__ == "__main__":
    main()
""",
}

_SCHEMA_CREATED_IN_API_MAIN = {
    "app.py": """\
import logging
import os

from fastapi import FastAPI
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

logging.basicConfig(level=logging.INFO)
engine = create_engine(os.environ["DATABASE_URL"])
Session = sessionmaker(bind=engine)
Base = declarative_base()


class Cocktail(Base):
    __tablename__ = "cocktails"
    id = Column(Integer, primary_key=True)
    name = Column(String)


app = FastAPI()


@app.get("/healthz")
def healthz():
    return {"ok": True}


@app.get("/cocktails")
def cocktails():
    with Session() as session:
        return [c.name for c in session.query(Cocktail)]


if __name__ == "__main__":
    Base.metadata.create_all(bind=engine)
""",
}

_DISCORD_POST_THEN_EXIT = {
    "post.py": """\
import os
import sys

import discord

client = discord.Client(intents=discord.Intents.default())


async def announce():
    await client.wait_until_ready()
    channel = client.get_channel(int(os.environ["CHANNEL_ID"]))
    await channel.send("Games tonight?")
    sys.exit(0)


@client.event
async def on_ready():
    print("logged in as", client.user)


def main():
    client.loop.create_task(announce())
    client.run(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    main()
""",
}

_TAIL_FOLLOWED_TO_WEBHOOK = {
    "watch.py": """\
import os
import subprocess

import requests


def follow(path):
    process = subprocess.Popen(["tail", "-f", "-n", "0", path], stdout=subprocess.PIPE, text=True)
    while True:
        line = process.stdout.readline()
        if line:
            yield line.rstrip()


def main():
    for line in follow(os.environ.get("LOG_PATH", "/var/log/app.log")):
        if "ERROR" in line:
            requests.post(os.environ["WEBHOOK_URL"], json={"content": line}, timeout=10)


if __name__ == "__main__":
    main()
""",
}

_JOURNAL_FOLLOWED_WHILE_RUNNING = {
    "journal_forward.py": """\
import os
from subprocess import PIPE, Popen

import requests

journal = Popen(["journalctl", "-f", "-u", "app"], stdout=PIPE)
while journal.poll() is None:
    entry = journal.stdout.readline()
    if entry:
        requests.post(os.environ["CHAT_URL"], data=entry, timeout=10)
""",
}

_CREDENTIALS_FILE_PATH_SET = {
    "stop_vm.py": """\
import os

from google.cloud import compute_v1

os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "keyfile4sa"


def stop(name):
    operation = compute_v1.InstancesClient().stop(project="lab", zone="europe-west1-b", instance=name)
    operation.result(timeout=300)


if __name__ == "__main__":
    stop("builder")
""",
}

_INSTANCE_METHOD_LISTENS = {
    "main.py": "from relay.bus import bus\n\nbus.listen()\n",
    "relay/__init__.py": "",
    "relay/bus.py": """\
import logging
import os

import requests
from redis import StrictRedis

log = logging.getLogger("relay")


class Bus:
    def __init__(self):
        self._redis = StrictRedis(host=os.environ["REDIS_HOST"])

    def listen(self):
        sub = self._redis.pubsub()
        sub.subscribe("alerts")
        for message in sub.listen():
            if message["type"] == "message":
                requests.post(os.environ["CHAT_URL"], data=message["data"], timeout=10)


bus = Bus()
""",
}

_DROPBOX_FOLDER_REPLACED = {
    "backup.py": """\
import logging
import os
import sys

import dropbox

logging.basicConfig(level=logging.INFO)
BACKUP_PATH = "/settings-backup"


def upload(dbx):
    for name in os.listdir("settings"):
        with open(os.path.join("settings", name), "rb") as f:
            dbx.files_upload(f.read(), f"{BACKUP_PATH}/{name}")


if __name__ == "__main__":
    dbx = dropbox.Dropbox(os.environ["DROPBOX_TOKEN"])
    try:
        dbx.files_delete_v2(BACKUP_PATH)
    except dropbox.exceptions.ApiError:
        logging.info("no earlier backup")
    upload(dbx)
    sys.exit(0)
""",
}

_HELPER_TRIED_IN_ITS_MAIN = {
    "collector.py": """\
import logging
import time

from weather import fetch

logging.basicConfig(level=logging.INFO)

if __name__ == "__main__":
    while True:
        logging.info("reading %s", fetch())
        time.sleep(180)
""",
    "weather.py": """\
import os

import requests


def fetch():
    return requests.get(os.environ["WEATHER_URL"], timeout=10).json()


if __name__ == "__main__":
    print(fetch())
""",
}

_ECHO_SERVER_AT_MODULE_LEVEL = {
    "server.py": """\
import asyncio
import logging

logging.basicConfig(level=logging.INFO)


async def handle(reader, writer):
    data = await reader.read(100)
    logging.info("received %r", data)
    writer.write(data)
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "0.0.0.0", 8888)
    async with server:
        await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    logging.info("stopped")
""",
}

_IDLE_APP_BESIDE_CONSUMER = {
    "main.py": """\
import asyncio
import json
import logging
import os

from aiokafka import AIOKafkaConsumer
from fastapi import FastAPI

app = FastAPI()
log = logging.getLogger("ticker")


async def consume():
    consumer = AIOKafkaConsumer(os.environ["TOPIC"], bootstrap_servers="kafka")
    await consumer.start()
    try:
        async for msg in consumer:
            log.info("tick %s", json.loads(msg.value))
    finally:
        await consumer.stop()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.get_event_loop().run_until_complete(consume())
""",
}

_RESPONSE_HANDED_BACK = {
    "ddns.py": """\
import os

import requests

API = "https://dns.example.com/records"


def current_ip():
    return requests.get("https://api.ipify.org", timeout=10).text


def update_record(ip):
    response = requests.put(API, json={"ip": ip}, timeout=10, headers={"Authorization": os.environ["DNS_TOKEN"]})
    return response


def main():
    response = update_record(current_ip())
    print(response.json())


if __name__ == "__main__":
    main()
""",
}

_COMMAND_DUMP_STATUS_DROPPED = {
    "portal/__init__.py": "",
    "portal/management/__init__.py": "",
    "portal/management/commands/__init__.py": "",
    "portal/management/commands/dump_db.py": """\
import subprocess

from django.core.management import BaseCommand


class Command(BaseCommand):
    help = "dump the database"

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True)

    def handle(self, *args, **options):
        subprocess.call(f"pg_dump -Fc portal > {options['file']}", shell=True)
""",
}


_CASES: dict[str, Case] = {
    # An irc3 bot built from a config dict and run for ever, started by `typer.run(main)` in the
    # function the `__main__` block calls: a worker, no command-line job beside it (round 473)
    "irc3_bot_under_typer": (
        _IRC3_BOT_UNDER_TYPER,
        [("ircbot/__main__.py", "worker", "irc")],
        None,
    ),
    # Trap: the same command running a one-off lookup, no bot: the command is a job
    "typer_command_without_bot_trap": (
        _edited(
            _IRC3_BOT_UNDER_TYPER,
            "ircbot/__main__.py",
            "    bot = irc3.IrcBot.from_config(config)\n    bot.run(forever=True)\n",
            '    log.info("would connect with %s", config)\n',
        ),
        [("ircbot/__main__.py", "job", "typer")],
        None,
    ),
    # gidgetlab's GitLabBot serves GitLab's webhooks over aiohttp on routes of its own: an api, whose
    # probe routes the tool cannot see (no verdict) (round 473)
    "gidgetlab_webhook_bot": (
        _GITLAB_WEBHOOK_BOT,
        [("main.py", "api", "gidgetlab")],
        ("missing-health-route", "na"),
    ),
    # A script that installs the service on a machine (packages, a user, a crontab line): set-up run
    # once by hand, no job of its own (round 466)
    "installer_beside_job": (
        _INSTALLER_BESIDE_JOB,
        [("dump.py", "job", "python")],
        None,
    ),
    # Trap: the same script under another name is a job
    "installer_named_otherwise_trap": (
        {"provision.py": _INSTALLER_BESIDE_JOB["install.py"], "dump.py": _INSTALLER_BESIDE_JOB["dump.py"]},
        [("dump.py", "job", "python"), ("provision.py", "job", "script")],
        None,
    ),
    # A broker URL with the default password as an environment read's fallback: the fallback's
    # finding, not a second one for the same literal (rounds 468 and 475)
    "broker_url_fallback_reported_once": (
        _BROKER_URL_FALLBACK,
        [("listener.py", "worker", "consume-loop")],
        ("hardcoded-secret", 0),
    ),
    # (the fallback rule still reports it)
    "broker_url_fallback_still_reported": (
        _BROKER_URL_FALLBACK,
        [("listener.py", "worker", "consume-loop")],
        ("hardcoded-secret-fallback", 1),
    ),
    # Trap: the URL written out without the environment read is a hard-coded secret
    "broker_url_written_out_trap": (
        _edited(
            _BROKER_URL_FALLBACK,
            "listener.py",
            'connect(os.getenv("RABBITMQ_URL", "amqp://guest:guest@localhost/"))',
            'connect("amqp://guest:guest@localhost/")',
        ),
        [("listener.py", "worker", "consume-loop")],
        ("hardcoded-secret", 1),
    ),
    # A mail announcing the backup's success after it is done (`send_success_email()`): a notice,
    # whose response is not the job's status (round 466)
    "success_mail_after_backup": (
        _SUCCESS_MAIL_AFTER_BACKUP,
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Trap: the post is the upload of the work itself
    "upload_after_backup_trap": (
        _edited(
            _edited(_SUCCESS_MAIL_AFTER_BACKUP, "backup.py", "def send_success_email():", "def upload_archive():"),
            "backup.py",
            "    send_success_email()\n",
            "    upload_archive()\n",
        ),
        [("backup.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # An api module's `__main__` block that only creates the tables: the schema set up by hand, no
    # job (round 475)
    "schema_created_in_api_main": (
        _SCHEMA_CREATED_IN_API_MAIN,
        [("app.py", "api", "fastapi")],
        None,
    ),
    # Trap: the block also loads rows: a job
    "schema_and_seed_in_api_main_trap": (
        _edited(
            _SCHEMA_CREATED_IN_API_MAIN,
            "app.py",
            "    Base.metadata.create_all(bind=engine)\n",
            "    Base.metadata.create_all(bind=engine)\n    load_cocktails(os.environ['SEED_FILE'])\n",
        ),
        [("app.py", "api", "fastapi"), ("app.py", "job", "python")],
        None,
    ),
    # A discord client whose task waits until it is ready, posts once and ends the process: a job
    # (`client.loop.create_task` is the client's event loop, not `@tasks.loop`) (round 478)
    "discord_post_then_exit": (
        _DISCORD_POST_THEN_EXIT,
        [("post.py", "job", "discord")],
        None,
    ),
    # Trap: the task posts and keeps the client running: a bot
    "discord_post_and_stay_trap": (
        _edited(
            _DISCORD_POST_THEN_EXIT,
            "post.py",
            '    await channel.send("Games tonight?")\n    sys.exit(0)\n',
            '    await channel.send("Games tonight?")\n',
        ),
        [("post.py", "worker", "discord")],
        None,
    ),
    # `tail -f` read line by line in a generator's forever loop: a log followed for as long as the
    # process runs, a worker (round 479)
    "tail_followed_to_webhook": (
        _TAIL_FOLLOWED_TO_WEBHOOK,
        [("watch.py", "worker", "tail-follow")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # Trap: `tail -n 100` reads the last lines and ends: a job
    "tail_without_follow_trap": (
        _edited(
            _TAIL_FOLLOWED_TO_WEBHOOK, "watch.py", '["tail", "-f", "-n", "0", path]', '["tail", "-n", "100", path]'
        ),
        [("watch.py", "job", "python")],
        None,
    ),
    # `journalctl -f` read while the process runs (`while journal.poll() is None:`) at module level:
    # a worker (round 479)
    "journal_followed_while_running": (
        _JOURNAL_FOLLOWED_WHILE_RUNNING,
        [("journal_forward.py", "worker", "tail-follow")],
        None,
    ),
    # `bus.listen()` at a script's level, `bus` an instance another module built from its own class
    # whose `listen()` reads a Redis pub/sub for ever: the script runs that worker (round 488)
    "instance_method_listens": (
        _INSTANCE_METHOD_LISTENS,
        [("main.py", "worker", "redis-pubsub")],
        None,
    ),
    # Dropbox's `files_delete_v2(path)` deletes a folder with all it holds, here the last backup
    # before the new one is uploaded (round 486)
    "dropbox_folder_replaced": (
        _DROPBOX_FOLDER_REPLACED,
        [("backup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # A `print` in the `__main__` block of a module the worker imports: the block tries the helper
    # out, no process runs it (round 483)
    "helper_tried_in_its_main": (
        _HELPER_TRIED_IN_ITS_MAIN,
        [("collector.py", "worker", "polling-loop")],
        ("bare-print", 0),
    ),
    # Trap: the same module run alone, nothing importing it, is a job whose print counts
    "helper_run_alone_trap": (
        {"weather.py": _HELPER_TRIED_IN_ITS_MAIN["weather.py"]},
        [("weather.py", "job", "python")],
        ("bare-print", 1),
    ),
    # `asyncio.run(main())` at a script's level, `main()` serving an asyncio socket server for ever:
    # a worker, as the same in a `__main__` block is (round 494)
    "echo_server_at_module_level": (
        _ECHO_SERVER_AT_MODULE_LEVEL,
        [("server.py", "worker", "socket-server")],
        None,
    ),
    # Trap: `main()` handles one connection's worth and ends: a job
    "echo_client_at_module_level_trap": (
        _edited(
            _ECHO_SERVER_AT_MODULE_LEVEL,
            "server.py",
            "    async with server:\n        await server.serve_forever()\n",
            "    async with server:\n        await asyncio.sleep(5)\n",
        ),
        [("server.py", "job", "script")],
        None,
    ),
    # A FastAPI app with no route, mount or router, and a `__main__` block consuming Kafka instead
    # of serving it (the Dockerfile runs `python main.py`): a worker, no api (round 497)
    "idle_app_beside_consumer": (
        _IDLE_APP_BESIDE_CONSUMER,
        [("main.py", "worker", "kafka")],
        None,
    ),
    # Trap: the app has a route: the module is the api (its consume loop a background function)
    "routed_app_beside_consumer_trap": (
        _edited(
            _IDLE_APP_BESIDE_CONSUMER,
            "main.py",
            'log = logging.getLogger("ticker")\n',
            'log = logging.getLogger("ticker")\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
        ),
        [("main.py", "api", "fastapi")],
        None,
    ),
    # A helper hands back the PUT's response (`return response`) and the job only prints it: the
    # status is never read (round 496)
    "response_handed_back_and_printed": (
        _RESPONSE_HANDED_BACK,
        [("ddns.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # Trap: the job checks the status it is handed
    "response_handed_back_and_checked_trap": (
        _edited(
            _RESPONSE_HANDED_BACK,
            "ddns.py",
            "    print(response.json())\n",
            "    response.raise_for_status()\n    print(response.json())\n",
        ),
        [("ddns.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # A management command dropping `subprocess.call`'s status in `handle()` (round 493)
    "command_dump_status_dropped": (
        _COMMAND_DUMP_STATUS_DROPPED,
        [("portal/management/commands/dump_db.py", "job", "django-command")],
        ("missing-exit-code", "fail"),
    ),
    # Trap: `check_call` raises on a failed dump
    "command_dump_checked_trap": (
        _edited(
            _COMMAND_DUMP_STATUS_DROPPED,
            "portal/management/commands/dump_db.py",
            "        subprocess.call(",
            "        subprocess.check_call(",
        ),
        [("portal/management/commands/dump_db.py", "job", "django-command")],
        ("missing-exit-code", "pass"),
    ),
    # `GOOGLE_APPLICATION_CREDENTIALS` holds the path of a key file, not a secret (round 481)
    "credentials_file_path_set": (
        _CREDENTIALS_FILE_PATH_SET,
        [("stop_vm.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of 2f96d6b..82e33d6 (a helper's trees): what the first version of this session's
# changes got wrong. Each fails on 82e33d6 and passes on 2f96d6b.
_REVIEW_CASES: dict[str, Case] = {
    # Review: a `__main__` block a Dockerfile runs, in a module the app imports: its findings stand
    "review_runner_circular": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["python", "routes.py"]\n',
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n\nimport routes  # noqa: E402,F401\n',
            "routes.py": 'import logging\n\nfrom flask import jsonify\n\nfrom app import app\n\nlog = logging.getLogger(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n\n\n@app.route("/orders")\ndef orders():\n    log.info("orders listed")\n    return jsonify([])\n\n\nif __name__ == "__main__":\n    print("serving on 0.0.0.0:8000")\n    app.run(host="0.0.0.0", port=8000, debug=True)\n',
        },
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # Review: a `tail -f` started in another function: the loop reads a test run's output, a job
    "review_follow_scope": (
        {
            "deploy_check.py": 'import logging\nimport subprocess\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("smoke")\n\n\ndef watch_app_log(path):\n    proc = subprocess.Popen(["tail", "-f", path], stdout=subprocess.PIPE, text=True)\n    return proc\n\n\ndef run_tests():\n    proc = subprocess.Popen(["pytest", "-q", "tests/smoke"], stdout=subprocess.PIPE, text=True)\n    while proc.poll() is None:\n        line = proc.stdout.readline()\n        log.info(line.rstrip())\n    return proc.returncode\n\n\nif __name__ == "__main__":\n    sys.exit(run_tests())\n'
        },
        [("deploy_check.py", "job", "python")],
        None,
    ),
    # Review: `journalctl -f` read until the service says it started, then `return 0`: a job
    "review_follow_return": (
        {
            "wait_ready.py": 'import logging\nimport subprocess\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("wait")\n\n\ndef wait_for_startup():\n    proc = subprocess.Popen(["journalctl", "-f", "-u", "shop.service"], stdout=subprocess.PIPE, text=True)\n    while True:\n        line = proc.stdout.readline()\n        if "Started shop" in line:\n            proc.terminate()\n            return 0\n\n\nif __name__ == "__main__":\n    subprocess.run(["systemctl", "restart", "shop.service"], check=True)\n    sys.exit(wait_for_startup())\n'
        },
        [("wait_ready.py", "job", "python")],
        None,
    ),
    # Review: an `install.py` a Dockerfile runs is the deployment's job
    "review_install_job": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/install.py"]\n',
            "install.py": 'import os\nimport subprocess\n\nsubprocess.call("apt-get install -y cron python3-venv", shell=True)\nsubprocess.call("useradd -r dumper", shell=True)\n',
        },
        [("install.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # Review: `typer.run(main)` beside a Celery app built at module level: the command stays a job
    "review_typer_celery": (
        {
            "jobs.py": 'import logging\nimport os\nimport subprocess\n\nimport typer\nfrom celery import Celery\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("jobs")\napp = Celery("jobs", broker=os.environ["BROKER_URL"])\n\n\n@app.task\ndef sync_day(day: str) -> None:\n    log.info("syncing %s", day)\n    subprocess.call(["rclone", "sync", f"/data/{day}", f"remote:archive/{day}"])\n\n\ndef main(day: str) -> None:\n    """Run one day\'s sync by hand, without the queue (cron runs this nightly)."""\n    sync_day(day)\n\n\nif __name__ == "__main__":\n    typer.run(main)\n'
        },
        [("jobs.py", "job", "typer"), ("jobs.py", "worker", "celery")],
        None,
    ),
    # Review: a blob deleted after it was downloaded to a file of the same name: a deletion
    "review_gcs_move": (
        {
            "import_export.py": 'import csv\nimport logging\nimport sys\n\nimport psycopg2\nfrom google.cloud import storage\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("import")\nEXPORT = "daily_export.csv"\n\n\ndef load(path):\n    conn = psycopg2.connect("")\n    with conn, conn.cursor() as cur, open(path) as f:\n        for row in csv.reader(f):\n            cur.execute("INSERT INTO sales VALUES (%s, %s) ON CONFLICT DO NOTHING", row)\n\n\ndef main():\n    bucket = storage.Client().bucket("partner-drops")\n    bucket.blob(EXPORT).download_to_filename(EXPORT)\n    load(EXPORT)\n    bucket.delete_blob(EXPORT)\n    log.info("imported and removed %s", EXPORT)\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("import_export.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # Review: a bot posting for ever whose other task closes it a day later: a worker
    "review_discord_restart": (
        {
            "bot.py": 'import asyncio\nimport logging\nimport os\n\nimport discord\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("prices")\nclient = discord.Client(intents=discord.Intents.default())\nCHANNEL = int(os.environ["CHANNEL_ID"])\n\n\n@client.event\nasync def on_ready():\n    log.info("logged in as %s", client.user)\n\n\nasync def post_prices():\n    await client.wait_until_ready()\n    channel = client.get_channel(CHANNEL)\n    while not client.is_closed():\n        price = requests.get("https://api.example.com/btc", timeout=10).json()["price"]\n        await channel.send(f"BTC: {price}")\n        await asyncio.sleep(600)\n\n\nasync def restart_daily():\n    # the container restarts the bot: a fresh gateway session every day\n    await client.wait_until_ready()\n    await asyncio.sleep(24 * 3600)\n    await client.close()\n\n\nclient.loop.create_task(post_prices())\nclient.loop.create_task(restart_daily())\nclient.run(os.environ["DISCORD_TOKEN"])\n'
        },
        [("bot.py", "worker", "discord")],
        None,
    ),
    # Review: `send_status_email()` telling customers: work, its lost failure counts
    "review_status_email": (
        {
            "notify_orders.py": 'import logging\nimport os\nimport smtplib\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("orders")\n\n\ndef shipped_orders(conn):\n    with conn.cursor() as cur:\n        cur.execute("SELECT id, email, status FROM orders WHERE notified = false")\n        return cur.fetchall()\n\n\ndef send_status_email(order_id, email, status):\n    msg = EmailMessage()\n    msg["To"] = email\n    msg["Subject"] = f"Your order {order_id} is {status}"\n    try:\n        with smtplib.SMTP(os.environ["SMTP_HOST"]) as smtp:\n            smtp.send_message(msg)\n    except smtplib.SMTPException as e:\n        log.error("could not mail order %s: %s", order_id, e)\n\n\ndef main():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    for order_id, email, status in shipped_orders(conn):\n        send_status_email(order_id, email, status)\n        with conn, conn.cursor() as cur:\n            cur.execute("UPDATE orders SET notified = true WHERE id = %s", (order_id,))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("notify_orders.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # Review: a Tk window's instance set to work: a program for a person, no entrypoint
    "review_instance_gui": (
        {
            "run_dashboard.py": "from window import dashboard\n\ndashboard.build()\ndashboard.mainloop()\n",
            "window.py": 'import tkinter as tk\n\nimport requests\n\n\nclass Dashboard(tk.Tk):\n    def build(self):\n        self.title("Orders")\n        self.label = tk.Label(self, text="...")\n        self.label.pack()\n        self.refresh()\n\n    def refresh(self):\n        count = requests.get("http://localhost:8000/orders/count", timeout=5).json()["count"]\n        self.label.config(text=f"{count} orders")\n        self.after(5000, self.refresh)\n\n\ndashboard = Dashboard()\n',
        },
        [],
        None,
    ),
    # Review: a fallback URL whose password repeats its user name: reported by both rules
    "review_secret_weak": (
        {
            "worker.py": 'import logging\nimport os\nimport time\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nDB_PASSWORD = os.getenv("DB_PASSWORD", "shop2024")\nADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "letmein")\nBROKER = os.getenv("BROKER_URL", "amqp://shop:shop@rabbit.internal:5672/")\n\n\ndef main():\n    while True:\n        conn = psycopg2.connect(host="db", user="shop", password=DB_PASSWORD)\n        conn.close()\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker.py", "worker", "polling-loop")],
        ("hardcoded-secret", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review, of 82e33d6..324f71b (a helper's trees): each fails on 324f71b.
_SECOND_REVIEW_CASES: dict[str, Case] = {
    # Second review: a Flask app whose routes Flask-RESTX's `Api(app)` owns, beside a consuming `__main__` block: still the api
    "second_review_idle_restx": (
        {
            "Procfile": "web: gunicorn app:app\nworker: python app.py\n",
            "app.py": 'import json\nimport logging\nimport os\n\nfrom flask import Flask\nfrom flask_restx import Api, Resource\nfrom kafka import KafkaConsumer\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("orders")\napp = Flask(__name__)\napi = Api(app)\nORDERS = {}\n\n\n@api.route("/orders/<order_id>")\nclass Order(Resource):\n    def get(self, order_id):\n        return ORDERS.get(order_id, {}), 200\n\n\n@api.route("/healthz")\nclass Health(Resource):\n    def get(self):\n        return {"ok": True}\n\n\ndef consume():\n    consumer = KafkaConsumer("orders", bootstrap_servers=os.environ["KAFKA"])\n    for msg in consumer:\n        order = json.loads(msg.value)\n        ORDERS[order["id"]] = order\n        log.info("stored %s", order["id"])\n\n\nif __name__ == "__main__":\n    consume()\n',
        },
        [("app.py", "api", "flask")],
        None,
    ),
    # Second review: a helper that raises for a failed status before handing the response back: nothing lost
    "second_review_rr_rfs": (
        {
            "job.py": 'import logging\nimport requests\n\nlog = logging.getLogger(__name__)\nURL = "https://api.example.com/records"\n\n\ndef create_record(ip):\n    response = requests.post(URL, json={"ip": ip}, timeout=10)\n    response.raise_for_status()\n    return response\n\n\ndef main():\n    r = create_record("1.2.3.4")\n    print(r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Second review: a default password in an f-string fallback, which the fallback rule does not judge: still a secret
    "second_review_sec_fstring": (
        {
            "worker.py": 'import logging\nimport os\nimport time\n\nimport pika\n\nlogging.basicConfig(level=logging.INFO)\nRABBIT_HOST = os.getenv("RABBIT_HOST", "rabbitmq")\nBROKER_URL = os.getenv("BROKER_URL", f"amqp://guest:guest@{RABBIT_HOST}:5672/%2F")\nDATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres:postgres@" + os.getenv("DB_HOST", "db") + "/app")\n\n\ndef main():\n    while True:\n        conn = pika.BlockingConnection(pika.URLParameters(BROKER_URL))\n        conn.close()\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker.py", "worker", "polling-loop")],
        ("hardcoded-secret", 2),
    ),
    # Second review: out-of-the-box passwords as `or` fallbacks, settings defaults and click defaults: said once
    "second_review_sec_variants2": (
        {
            "worker.py": 'import logging\nimport os\nimport time\n\nimport click\nimport pika\nfrom pydantic_settings import BaseSettings\n\nlogging.basicConfig(level=logging.INFO)\nos.environ.setdefault("BROKER_URL", "amqp://guest:guest@rabbitmq:5672/%2F")\nBROKER_C = os.environ.get("BROKER_URL", "amqp://guest:guest@rabbitmq:5672/%2F")\n\n\nclass Settings(BaseSettings):\n    broker_url: str = "amqp://guest:guest@rabbitmq:5672/%2F"\n\n\n@click.command()\n@click.option("--broker", envvar="BROKER_URL", default="amqp://guest:guest@rabbitmq:5672/%2F")\ndef main(broker):\n    while True:\n        conn = pika.BlockingConnection(pika.URLParameters(broker))\n        conn.close()\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker.py", "worker", "polling-loop")],
        ("hardcoded-secret", 0),
    ),
    # Second review: `typer.run(main)`, `main` running a module-level discord client: the worker alone
    "second_review_typer_bot": (
        {
            "bot.py": 'import logging\n\nimport discord\nimport typer\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("bot")\nclient = discord.Client(intents=discord.Intents.default())\n\n\n@client.event\nasync def on_message(message):\n    if message.content == "!ping":\n        await message.channel.send("pong")\n\n\ndef main(token: str = typer.Option(..., envvar="DISCORD_TOKEN")):\n    log.info("starting")\n    client.run(token)\n\n\nif __name__ == "__main__":\n    typer.run(main)\n'
        },
        [("bot.py", "worker", "discord")],
        None,
    ),
    # Second review: `tail -F` kept on `self` in `__init__` and read in `run()`: a followed log
    "second_review_follow_class": (
        {
            "ship_logs.py": 'import logging\nimport os\nimport subprocess\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("shipper")\n\n\nclass Shipper:\n    def __init__(self, path):\n        self.proc = subprocess.Popen(["tail", "-F", path], stdout=subprocess.PIPE, text=True)\n        self.url = os.environ["LOKI_URL"]\n\n    def run(self):\n        while True:\n            line = self.proc.stdout.readline()\n            if "error" in line:\n                requests.post(self.url, json={"line": line}, timeout=5)\n\n\nif __name__ == "__main__":\n    Shipper("/var/log/nginx/access.log").run()\n'
        },
        [("ship_logs.py", "worker", "tail-follow")],
        None,
    ),
    # Second review: a followed log whose loop exits only when tail dies: a worker
    "second_review_follow_exit": (
        {
            "ship_logs.py": 'import logging\nimport os\nimport subprocess\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("shipper")\nLOKI = os.environ["LOKI_URL"]\n\n\ndef main():\n    tail = subprocess.Popen(["tail", "-F", "/var/log/nginx/access.log"], stdout=subprocess.PIPE, text=True)\n    while True:\n        line = tail.stdout.readline()\n        if not line:\n            log.error("tail exited with %s", tail.poll())\n            sys.exit(1)\n        if "error" in line:\n            requests.post(LOKI, json={"line": line}, timeout=5)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("ship_logs.py", "worker", "tail-follow")],
        None,
    ),
    # Second review: `asyncio.run(run())`, the file's own `run()` serving a socket server: a worker
    "second_review_script_run2": (
        {
            "echo.py": 'import asyncio\nimport logging\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("echo")\n\n\nasync def handle(reader, writer):\n    data = await reader.readline()\n    writer.write(data)\n    await writer.drain()\n    writer.close()\n\n\nasync def run():\n    server = await asyncio.start_server(handle, "0.0.0.0", 9000)\n    log.info("listening")\n    async with server:\n        await server.serve_forever()\n\n\nasyncio.run(run())\n'
        },
        [("echo.py", "worker", "socket-server")],
        None,
    ),
    # Second review: a Django command whose helper method drops `os.system`'s status
    "second_review_dj_helper": (
        {
            "crontab": "0 3 * * * cd /app && python manage.py backup_db\n0 4 * * * cd /app && python manage.py backup_inline\n",
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "mysite/__init__.py": "",
            "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nINSTALLED_APPS = ["shop"]\n',
            "shop/__init__.py": "",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/backup_db.py": 'import os\nfrom datetime import date\n\nfrom django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n    help = "Dump the database to S3"\n\n    def handle(self, *args, **options):\n        target = f"/backups/{date.today()}.sql"\n        self.dump(target)\n        self.stdout.write(self.style.SUCCESS(f"backup written to {target}"))\n\n    def dump(self, target):\n        os.system(f"pg_dump -Fc shop > {target}")\n        os.system(f"aws s3 cp {target} s3://shop-backups/")\n',
            "shop/management/commands/backup_inline.py": 'import os\nfrom datetime import date\n\nfrom django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n    help = "Dump the database to S3"\n\n    def handle(self, *args, **options):\n        target = f"/backups/{date.today()}.sql"\n        os.system(f"pg_dump -Fc shop > {target}")\n        self.stdout.write(self.style.SUCCESS(f"backup written to {target}"))\n',
        },
        [
            ("manage.py", "api", "django"),
            ("shop/management/commands/backup_db.py", "job", "django-command"),
            ("shop/management/commands/backup_inline.py", "job", "django-command"),
        ],
        ("missing-exit-code", {"shop/management/commands/backup_db.py": "fail"}),
    ),
    # Second review: `send_completion_email()` that only logs a failed send: a notice
    "second_review_aux_completion": (
        {
            "sync.py": 'import logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("sync")\n\n\ndef send_completion_email(summary):\n    msg = EmailMessage()\n    msg["To"] = os.environ["OPS_EMAIL"]\n    msg["Subject"] = "nightly sync done"\n    msg.set_content(summary)\n    try:\n        with smtplib.SMTP(os.environ["SMTP_HOST"]) as smtp:\n            smtp.send_message(msg)\n    except smtplib.SMTPException as e:\n        log.error("could not send the report: %s", e)\n\n\ndef sync():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        cur.execute("REFRESH MATERIALIZED VIEW sales_daily")\n\n\ndef main():\n    sync()\n    send_completion_email("sales_daily refreshed")\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


@pytest.mark.parametrize(
    ("command", "follows"),
    [
        (["tail", "-f", "-n", "0", "/var/log/app.log"], True),
        (["tail -F /var/log/app.log"], True),  # (a shell string, `shell=True`)
        (["/usr/bin/journalctl", "--follow", "-u", "shop"], True),
        (["tail", "-n", "100", "/var/log/app.log"], False),
        (["docker", "compose", "-f", "ci.yml", "logs", "web"], False),
        (["kubectl", "logs", "-f", "job/migrate"], False),
        ([], False),
    ],
)
def test_follows_reads_tail_and_journalctl_only(command: list[str], follows: bool) -> None:
    from readiness_lint.extract import _follows

    assert _follows(command) is follows


@pytest.mark.parametrize(
    "text",
    [
        "https://hc-ping.com/abc",
        "HTTPS://HC-PING.COM/ABC",
        "Heartbeat sent",
        "http://pushgateway:9091",
        "see the pushgateway docs for more",
        "https://cronitor.link/p/x",
        "nothing to see",
        "ſome non-ascii heartbeat text",
        "HEARTBEAT ✓",
    ],
)
def test_heartbeat_text_agrees_with_the_case_insensitive_pattern(text: str) -> None:
    from readiness_lint.extract import _HEARTBEAT_TEXT, _heartbeat_text

    assert _heartbeat_text(text) is (_HEARTBEAT_TEXT.search(text) is not None)
