"""Session 31: what blind rounds 372 and on showed, as small trees.

Each case fails on 691c2b5, the commit the session's rule changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_JOB = [("job.py", "job", "python")]

# An EBS reaper whose handler branches on the caught error's code; `{other}` is the other branch
_EBS_REAPER = """\
import logging

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger(__name__)


def delete_volumes(dry_run=True):
    ec2 = boto3.client("ec2")
    for volume in ec2.describe_volumes()["Volumes"]:
        vid = volume["VolumeId"]
        try:
            ec2.delete_volume(VolumeId=vid, DryRun=dry_run)
        except ClientError as e:
            code = e.response.get("Error").get("Code")
            if code == "InvalidVolume.NotFound":
                log.info("Skipping because InvalidVolume.NotFound")
            else:
                {other}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    delete_volumes(dry_run=False)
"""

_CASES: dict[str, Case] = {
    # A Gmail app password under a mail account's name, with more vowels than the general check
    # allows (round 379)
    "mail_app_password": (
        {
            "app.py": """\
                from flask import Flask

                app = Flask(__name__)
                app.config["MAIL_SERVER"] = "smtp.gmail.com"
                app.config["MAIL_PASSWORD"] = "qqir ugng deiv dnei"
                """
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # The word "password" for a real user on a Compose service's host, `"host": "db"` (round 379)
    "password_word_for_compose_host": (
        {
            "job.py": """\
                import mysql.connector

                db_config = {"host": "db", "user": "root", "password": "password", "database": "students"}

                if __name__ == "__main__":
                    mysql.connector.connect(**db_config).close()
                """
        },
        _JOB,
        ("hardcoded-secret", 1),
    ),
    # `cred_pw = "guest"`: a password by its `_pw` ending, RabbitMQ's default (round 383)
    "pw_suffix_default_password": (
        {"config.py": 'url = "rabbitmq"\ncred_id = "guest"\ncred_pw = "guest"\n'},
        [],
        ("hardcoded-secret", 1),
    ),
    # The word "pass" for a real user and host in a URL an environment read falls back to (round 380)
    "pass_word_in_fallback_url": (
        {
            "db.py": """\
                import os

                DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres:pass@db:5432/urls")
                """
        },
        [],
        ("hardcoded-secret-fallback", 1),
    ),
    # (trap) a folder's name is no secret's, whatever its words (round 381)
    "token_folder_is_a_path": (
        {
            "settings.py": """\
                import os
                from pathlib import Path

                TOKEN_FOLDER = Path(os.environ.get("TOKEN_FOLDER", "./token"))
                """
        },
        [],
        ("hardcoded-secret-fallback", 0),
    ),
    # A file the module writes under a literal name in one function and removes in another (at
    # the start and after a failure): the job's own (round 376)
    "literal_file_written_elsewhere": (
        {
            "job.py": """\
                import json
                import os


                def login(driver):
                    try:
                        token = driver.get_token()
                        with open("auth.json", "w") as f:
                            json.dump({"token": token}, f)
                        return True
                    except Exception as e:
                        print(f"An error occurred during login: {e}")
                        if os.path.exists("auth.json"):
                            os.remove("auth.json")
                        return False


                def main():
                    if os.path.exists("auth.json"):
                        os.remove("auth.json")
                    login(object())


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-dry-run", "na"),
    ),
    # (trap) a literal name the module never writes: someone else's file
    "literal_file_never_written": (
        {
            "job.py": """\
                import os


                def main():
                    if os.path.exists("customers.db"):
                        os.remove("customers.db")


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-dry-run", "fail"),
    ),
    # A catch-all that reports, tidies up a file and returns False, dropped by the caller (round 376)
    "fails_with_value_after_tidying": (
        {
            "job.py": """\
                import os


                def login(driver):
                    try:
                        driver.get("https://example.com/login")
                        return True
                    except Exception as e:
                        print(f"An error occurred during login: {e}")
                        if os.path.exists("auth.json"):
                            os.remove("auth.json")
                        return False


                def main():
                    login(object())


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # A `try` that is the function's last statement, its narrow handler saying the work broke:
    # the function ends as if done (round 381)
    "narrow_handler_ends_main": (
        {
            "job.py": """\
                import sys

                import yaml


                def main():
                    try:
                        config = yaml.safe_load(open("devices.yaml"))
                        run(config)
                    except (yaml.YAMLError, AttributeError):
                        print("Invalid configuration file!" + "\\n" + str(sys.exc_info()[1]))


                def run(config):
                    return config


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # (trap) the same shape saying a thing is already gone: nothing failed (round 225)
    "narrow_handler_no_such_thing": (
        {
            "job.py": """\
                from github import Github, UnknownObjectException

                repo = Github().get_repo("o/r")


                def delete_branch(name):
                    try:
                        repo.get_git_ref(f"heads/{name}").delete()
                    except UnknownObjectException:
                        print("No such branch", name)


                if __name__ == "__main__":
                    delete_branch("build-1")
                """
        },
        _JOB,
        ("missing-exit-code", "pass"),
    ),
    # A catch-all that hands back what it was given: the caller takes it for translated (round 387)
    "catch_all_returns_its_input": (
        {
            "job.py": """\
                import requests


                def translate_text(text):
                    try:
                        response = requests.post("http://translate/api", json={"q": text}, timeout=10)
                        response.raise_for_status()
                        return response.json()["translatedText"]
                    except Exception as e:
                        print(f"Error while translating: {e}")
                        return text


                def main():
                    with open("out.srt", "w") as out:
                        for line in open("in.srt"):
                            translated = translate_text(line)
                            out.write(translated)


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # A chat message whose status is never read is a notification, `send_telegram(msg)` named
    # for the chat alone: not the job's work (round 382)
    "send_telegram_is_a_notification": (
        {
            "job.py": 'import hashlib\nimport os\n\nimport requests\n\nTOKEN = os.getenv("TELEGRAM_BOT_TOKEN")\nCHAT = os.getenv("TELEGRAM_CHAT_ID")\n\n\ndef get_hash_and_text():\n    text = requests.get("https://example.com/flats", timeout=10).text\n    return hashlib.md5(text.encode()).hexdigest(), text\n\n\ndef load_last():\n    if not os.path.exists("last.txt"):\n        return None\n    with open("last.txt") as f:\n        return f.read().strip()\n\n\ndef save(hash_val):\n    with open("last.txt", "w") as f:\n        f.write(hash_val)\n\n\ndef send_telegram(msg):\n    url = f"https://api.telegram.org/bot{TOKEN}/sendMessage"\n    data = {"chat_id": CHAT, "text": msg}\n    requests.post(url, data=data, timeout=10)\n\n\ndef main():\n    current_hash, current_text = get_hash_and_text()\n    if current_hash != load_last():\n        send_telegram("New offers found")\n        save(current_hash)\n    else:\n        print("No updates")\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        _JOB,
        ("missing-exit-code", "pass"),
    ),
    # simplematrixbotlib's `bot.run()`: a Matrix bot syncing for ever (round 384)
    "simplematrixbotlib_bot": (
        {
            "main.py": """\
                import os

                import simplematrixbotlib as botlib

                creds = botlib.Creds(os.getenv("HOMESERVER"), os.getenv("USERNAME"), os.getenv("PASSWORD"))
                bot = botlib.Bot(creds)


                @bot.listener.on_message_event
                async def echo(room, message):
                    await bot.api.send_text_message(room.room_id, message.body)


                bot.run()
                """
        },
        [("main.py", "worker", "matrix")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # The app served from a thread, the `__main__` block's own function polling for ever: an api
    # and a worker (round 382)
    "app_in_thread_loop_in_main": (
        {
            "app.py": """\
                import time
                from threading import Thread

                import requests
                from flask import Flask

                web = Flask(__name__)


                def webserver_start():
                    web.run(host="0.0.0.0", port=80)


                @web.route("/")
                def index():
                    return "ok"


                def main():
                    while True:
                        requests.get("https://example.com/cars", timeout=10)
                        time.sleep(60)


                if __name__ == "__main__":
                    Thread(target=webserver_start).start()
                    main()
                """
        },
        [("app.py", "api", "flask"), ("app.py", "worker", "polling-loop")],
        None,
    ),
    # A loop a python-telegram-bot handler starts as a task on the bot's own event loop: part of
    # the bot, which stops on SIGTERM (round 376)
    "ptb_handler_task_loop": (
        {
            "bot.py": """\
                import asyncio
                import os

                from telegram.ext import Application, CommandHandler


                class Alerts:
                    async def run_alert_loop(self, chat_id):
                        while True:
                            await check(chat_id)
                            await asyncio.sleep(60)


                async def check(chat_id):
                    return chat_id


                async def start_alerts(update, context):
                    asyncio.create_task(Alerts().run_alert_loop(update.effective_chat.id))


                def main():
                    app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
                    app.add_handler(CommandHandler("start_alerts", start_alerts))
                    app.run_polling()


                if __name__ == "__main__":
                    main()
                """
        },
        [("bot.py", "worker", "python-telegram-bot")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # A report removed, then saved again under the same path: the job's own output rewritten (round 379)
    "removed_then_saved_again": (
        {
            "job.py": """\
                import os

                from openpyxl import Workbook

                OUTPUT_PATH = os.getenv("OUTPUT_PATH", "report.xlsx")


                def main():
                    wb = Workbook()
                    wb.active.append(["a", "b"])
                    if os.path.exists(OUTPUT_PATH):
                        os.remove(OUTPUT_PATH)
                    wb.save(OUTPUT_PATH)


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("missing-dry-run", "na"),
    ),
    # Deletions only when `--delete` is given, the other branch reporting "Dry run: deleting ...":
    # a dry run, however it is chosen (round 390)
    "delete_flag_opts_in": (
        {
            "job.py": """\
                import argparse

                import boto3


                def main():
                    parser = argparse.ArgumentParser()
                    parser.add_argument("-d", "--delete", action="store_true", dest="delete")
                    args = parser.parse_args()
                    client = boto3.client("ecr")
                    for digest in ["sha256:1"]:
                        if not args.delete:
                            print(f"Dry run: deleting {digest}")
                        else:
                            client.batch_delete_image(repositoryName="app", imageIds=[{"imageDigest": digest}])


                if __name__ == "__main__":
                    main()
                """
        },
        [("job.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # A Google Cloud client's own deletion, `SnapshotsClient().delete(...)` (round 390)
    "google_cloud_client_delete": (
        {
            "job.py": """\
                from google.cloud import compute_v1


                def cleanup(project_id):
                    client = compute_v1.SnapshotsClient()
                    for snapshot in client.list(project=project_id):
                        client.delete(project=project_id, snapshot=snapshot.name)


                if __name__ == "__main__":
                    cleanup("my-project")
                """
        },
        _JOB,
        ("missing-dry-run", "fail"),
    ),
    # A row looked up through a module-level function returning `fetchone()`, then inserted only
    # when absent: keyed (round 387)
    "insert_after_lookup_helper": (
        {
            "job.py": """\
                import sqlite3

                con = sqlite3.connect("cache.db")
                cur = con.cursor()


                def existing(key):
                    return cur.execute("SELECT value FROM cache WHERE key=?", (key,)).fetchone()


                def lookup(key):
                    stored = existing(key)
                    if stored is None:
                        value = key.upper()
                        cur.execute("INSERT INTO cache (key, value) VALUES (?, ?)", (key, value))
                        con.commit()
                        return value
                    return stored[0]


                if __name__ == "__main__":
                    for k in ["a", "b"]:
                        lookup(k)
                """
        },
        _JOB,
        ("non-idempotent-insert", 0),
    ),
    # (trap) a `--delete` mode chosen on the command line guards nothing else the job deletes
    "delete_mode_flag_is_no_guard": (
        {
            "job.py": """\
                import argparse
                import os


                def main():
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--backup", action="store_true")
                    parser.add_argument("--delete", help="delete all remote files", action="store_true")
                    args = parser.parse_args()
                    if args.backup:
                        for name in os.listdir("outbox"):
                            os.remove(os.path.join("outbox", name))


                if __name__ == "__main__":
                    main()
                """
        },
        [("job.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    # A requests session handed to the file's own functions, each calling it without a timeout
    # (round 399), and one handed in as an annotated parameter (round 392)
    "session_handed_to_functions": (
        {
            "job.py": """\
                import requests


                def login(session, user):
                    session.post("https://campus.example/login", data={"user": user})


                def courses(session):
                    return session.get("https://campus.example/courses").text


                def uid(session: requests.Session) -> int:
                    return session.get("https://git.example/api/v1/user").json()["id"]


                def main():
                    session = requests.Session()
                    login(session, "me")
                    print(courses(session=session), uid(session))


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("http-call-without-timeout", 3),
    ),
    # (trap) a parameter named `session` given a database session: its `get` is a lookup
    "database_session_parameter": (
        {
            "job.py": """\
                import requests
                from sqlalchemy.orm import Session

                from models import Order, engine


                def load(session, order_id):
                    return session.get(Order, order_id)


                def main():
                    requests.get("https://shop.example/ping", timeout=5)
                    with Session(engine) as session:
                        print(load(session, 1))


                if __name__ == "__main__":
                    main()
                """
        },
        _JOB,
        ("http-call-without-timeout", 0),
    ),
    # A failed fetch's status checked, the failure printed, then a bare return: the job ends as if
    # it had worked (round 396)
    "status_failure_printed_then_return": (
        {
            "job.py": """\
                import requests


                def check_stock():
                    response = requests.get("https://shop.example/item", timeout=10)
                    if response.status_code != 200:
                        print(f"Failed to retrieve the page, status code: {response.status_code}")
                        return
                    with open("stock.txt", "w") as f:
                        f.write("sold out" if "Sold out" in response.text else "in stock")


                if __name__ == "__main__":
                    check_stock()
                """
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # A router's own path prefix, `APIRouter(prefix="/health")` with `@router.get("/")`, and a
    # blueprint's `url_prefix`: the health route is there (round 401)
    "router_prefix_health": (
        {
            "app/main.py": """\
                from fastapi import FastAPI

                from app.routers import health

                app = FastAPI()
                app.include_router(health.router)
                """,
            "app/__init__.py": "",
            "app/routers/__init__.py": "",
            "app/routers/health.py": """\
                from fastapi import APIRouter

                router = APIRouter(prefix="/health")


                @router.get("/")
                async def read_health():
                    return {"status": "OK"}
                """,
        },
        [("app/main.py", "api", "fastapi")],
        ("missing-health-route", "pass"),
    ),
    "blueprint_url_prefix_health": (
        {
            "app.py": """\
                from flask import Blueprint, Flask

                health = Blueprint("health", __name__, url_prefix="/healthz")


                @health.route("/")
                def ok():
                    return "ok"


                app = Flask(__name__)
                app.register_blueprint(health)
                """
        },
        [("app.py", "api", "flask")],
        ("missing-health-route", "pass"),
    ),
    # OpenWeatherMap's key as the `appid` parameter of a request (round 401)
    "appid_key_in_params": (
        {
            "main.py": """\
                import httpx
                from fastapi import FastAPI

                app = FastAPI()


                @app.get("/weather/{city}")
                async def get_weather(city: str):
                    params = {"q": city, "appid": "048eca2c0e9a0036b2f9449ce17842ff", "units": "metric"}
                    async with httpx.AsyncClient() as client:
                        return (await client.get("https://api.openweathermap.org/data/2.5/weather", params=params)).json()
                """
        },
        [("main.py", "api", "fastapi")],
        ("hardcoded-secret", 1),
    ),
    # The same, the function that makes the session written first: the parameter is judged by
    # what is handed to it, not by the name another function bound (found reading the change again)
    "session_handed_function_defined_later": (
        {
            "job.py": 'import requests\n\n\ndef main():\n    session = requests.Session()\n    login(session, "me")\n\n\ndef login(session, user):\n    session.post("https://campus.example/login", data={"user": user})\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        _JOB,
        ("http-call-without-timeout", 1),
    ),
    # A handler that reads the error's code and branches on it, every branch only logging: each
    # failed delete is lost, item after item (round 390)
    "handler_branches_on_error_code": (
        {
            "job.py": _EBS_REAPER.format(
                other='log.exception(e)\n                log.error("Failed to delete volume %s", vid)'
            )
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # (trap) the same handler raising in its other branch: the failure is not lost
    "handler_branches_and_raises": (
        {"job.py": _EBS_REAPER.format(other='log.error("Failed to delete volume %s", vid)\n                raise')},
        _JOB,
        ("missing-exit-code", "pass"),
    ),
}


# A review of 691c2b5..9a47bbf reproduced these; each fails on 9a47bbf (the locate cases are unit
# tests in tests/test_locate.py).
_REVIEW_CASES: dict[str, Case] = {
    "dryrun_bigquery_delete_table_missed": (
        {
            "drop_stale_tables.py": 'import datetime\nimport logging\n\nfrom google.cloud import bigquery\n\nlog = logging.getLogger("drop")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    client = bigquery.Client()\n    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=7)\n    for table in client.list_tables("analytics.scratch"):\n        full = client.get_table(table.reference)\n        if full.modified < cutoff:\n            log.info("dropping %s", full.full_table_id)\n            client.delete_table(full.reference)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("drop_stale_tables.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "dryrun_would_delete_but_skipped": (
        {
            "prune_snapshots.py": 'import datetime\nimport logging\n\nimport boto3\n\nlog = logging.getLogger("prune")\nRETENTION_DAYS = 14\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    ec2 = boto3.client("ec2")\n    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=RETENTION_DAYS)\n    in_use = {\n        m["Ebs"]["SnapshotId"]\n        for image in ec2.describe_images(Owners=["self"])["Images"]\n        for m in image["BlockDeviceMappings"]\n        if "Ebs" in m\n    }\n    for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]:\n        if snap["StartTime"] >= cutoff:\n            continue\n        if snap["SnapshotId"] in in_use:\n            log.info("Would delete %s but an AMI still uses it", snap["SnapshotId"])\n            continue\n        log.info("Deleting %s", snap["SnapshotId"])\n        ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("prune_snapshots.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "exit_best_effort_cleanup": (
        {
            "backup.py": 'import logging\nimport os\nimport shutil\nimport subprocess\nimport sys\nimport tempfile\n\nlog = logging.getLogger(__name__)\n\n\ndef dump(workdir):\n    out = os.path.join(workdir, "db.sql")\n    subprocess.run(["pg_dump", "-f", out, os.environ["DATABASE_URL"]], check=True)\n    subprocess.run(["aws", "s3", "cp", out, os.environ["BACKUP_URI"]], check=True)\n\n\ndef remove_workdir(workdir):\n    try:\n        shutil.rmtree(workdir)\n    except OSError as e:\n        log.error("Failed to remove %s: %s", workdir, e)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    workdir = tempfile.mkdtemp()\n    try:\n        dump(workdir)\n    finally:\n        remove_workdir(workdir)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_catch_all_returns_default_param": (
        {
            "digest.py": 'import logging\nimport os\nimport smtplib\nfrom email.message import EmailMessage\n\nimport requests\n\nlog = logging.getLogger("digest")\n\n\ndef env_int(name, default):\n    try:\n        return int(os.environ[name])\n    except Exception:\n        log.warning("%s is not set to a number, using %s", name, default)\n        return default\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    limit = env_int("DIGEST_LIMIT", 20)\n    r = requests.get(os.environ["FEED_URL"], params={"limit": limit}, timeout=30)\n    r.raise_for_status()\n    msg = EmailMessage()\n    msg["Subject"] = "Daily digest"\n    msg["To"] = os.environ["DIGEST_TO"]\n    msg.set_content("\\n".join(item["title"] for item in r.json()))\n    with smtplib.SMTP(os.environ["SMTP_HOST"]) as smtp:\n        smtp.send_message(msg)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("digest.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_optional_config_fallback": (
        {
            "report.py": 'import json\nimport logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("report")\n\nSETTINGS = {"days": 7, "channel": "#ops"}\n\n\ndef load_overrides(path="overrides.json"):\n    try:\n        with open(path) as f:\n            SETTINGS.update(json.load(f))\n    except (OSError, json.JSONDecodeError) as e:\n        log.warning("No usable overrides file (%s); using the defaults", e)\n\n\ndef load_local_settings(path="settings.local.json"):\n    try:\n        with open(path) as f:\n            SETTINGS.update(json.load(f))\n    except json.JSONDecodeError:\n        print("Invalid settings.local.json, ignoring it and using the defaults")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    load_overrides()\n    load_local_settings()\n    r = requests.get(os.environ["STATS_URL"], params={"days": SETTINGS["days"]}, timeout=30)\n    r.raise_for_status()\n    log.info("total: %s", r.json()["total"])\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_send_sms_is_the_work": (
        {
            "remind.py": 'import logging\nimport os\nimport sqlite3\n\nimport requests\n\nlog = logging.getLogger("remind")\nGATEWAY = os.environ["SMS_GATEWAY_URL"]\nAPI_KEY = os.environ["SMS_API_KEY"]\n\n\ndef send_sms(phone, text):\n    try:\n        r = requests.post(GATEWAY, json={"to": phone, "text": text}, headers={"X-Api-Key": API_KEY}, timeout=15)\n        r.raise_for_status()\n    except requests.RequestException as e:\n        log.error("SMS to %s failed: %s", phone, e)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    con = sqlite3.connect(os.environ["DB_PATH"])\n    rows = con.execute(\n        "SELECT phone, name, starts_at FROM appointments WHERE date(starts_at) = date(\'now\', \'+1 day\')"\n    ).fetchall()\n    for phone, name, starts_at in rows:\n        send_sms(phone, f"Hi {name}, a reminder: your appointment is tomorrow at {starts_at}.")\n    log.info("sent %d reminders", len(rows))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("remind.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "http_annotated_session_with_timeout_adapter": (
        {
            "http_client.py": 'import requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n    def __init__(self, *args, timeout=10, **kwargs):\n        self.timeout = timeout\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", self.timeout)\n        return super().send(request, **kwargs)\n\n\ndef make_session() -> requests.Session:\n    session = requests.Session()\n    adapter = TimeoutHTTPAdapter(timeout=15, max_retries=Retry(total=3, backoff_factor=1))\n    session.mount("https://", adapter)\n    session.mount("http://", adapter)\n    return session\n',
            "sync.py": 'import logging\nimport os\n\nimport requests\n\nfrom http_client import make_session\n\nlog = logging.getLogger("sync")\n\n\ndef fetch_orders(session: requests.Session, since: str) -> list:\n    r = session.get(os.environ["SHOP_API"] + "/orders", params={"since": since})\n    r.raise_for_status()\n    return r.json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = make_session()\n    orders = fetch_orders(session, "2024-01-01")\n    log.info("%d orders", len(orders))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("sync.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "insert_guard_on_other_table_lookup": (
        {
            "import_orders.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger("import")\ncon = sqlite3.connect("shop.db")\ncur = con.cursor()\n\n\ndef find_customer(email):\n    return cur.execute("SELECT id FROM customers WHERE email = ?", (email,)).fetchone()\n\n\ndef find_order(ref):\n    return cur.execute("SELECT id FROM orders WHERE ref = ?", (ref,)).fetchone()\n\n\ndef import_row(row):\n    customer = find_customer(row["email"])\n    if customer is None:\n        log.warning("unknown customer %s, order %s kept without one", row["email"], row["ref"])\n        cur.execute("INSERT INTO orders (ref, customer_id, total) VALUES (?, NULL, ?)", (row["ref"], row["total"]))\n        return\n    cur.execute(\n        "INSERT INTO orders (ref, customer_id, total) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING",\n        (row["ref"], customer[0], row["total"]),\n    )\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open(sys.argv[1]) as f:\n        for row in csv.DictReader(f):\n            import_row(row)\n    con.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_orders.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "kind_keepalive_loop_beside_thread": (
        {
            "app.py": 'import logging\nimport threading\nimport time\n\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\nlog = logging.getLogger("app")\n\n\n@app.route("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.route("/items")\ndef items():\n    return jsonify([])\n\n\ndef serve():\n    app.run(host="0.0.0.0", port=8080)\n\n\ndef wait_forever():\n    while True:\n        time.sleep(3600)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    threading.Thread(target=serve, daemon=True).start()\n    wait_forever()\n'
        },
        [("app.py", "api", "flask")],
        None,
    ),
    "secret_directory_bind_password": (
        {
            "sync_users.py": 'import logging\n\nimport ldap3\n\nlog = logging.getLogger("sync")\n\nDIRECTORY_SERVER = "ldaps://dc01.corp.example.net"\nDIRECTORY_BIND_USER = "CN=svc-sync,OU=Service,DC=corp,DC=example,DC=net"\nDIRECTORY_BIND_PASSWORD = "Qw7#rT2!vLp9xZ"\nSHARED_FOLDER_PASSWORD = "Hn4$kd8Lq2!zWm"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    server = ldap3.Server(DIRECTORY_SERVER)\n    with ldap3.Connection(server, DIRECTORY_BIND_USER, DIRECTORY_BIND_PASSWORD, auto_bind=True) as conn:\n        conn.search("DC=corp,DC=example,DC=net", "(objectClass=user)", attributes=["mail"])\n        log.info("%d users", len(conn.entries))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_users.py", "job", "python")],
        ("hardcoded-secret", 2),
    ),
    "secret_mail_password_stand_in_words": (
        {
            "monitor.py": 'import logging\nimport os\nimport smtplib\nfrom email.mime.text import MIMEText\n\nimport requests\n\nlog = logging.getLogger("monitor")\n\nSMTP_USER = "alerts@example.com"\nSMTP_PASSWORD = "fill this with real"  # stand-in: the deploy step writes the real app password here\n\n\ndef send_email(message, subject):\n    msg = MIMEText(message)\n    msg["Subject"] = subject\n    with smtplib.SMTP_SSL("smtp.gmail.com", 465, timeout=30) as server:\n        server.login(SMTP_USER, SMTP_PASSWORD)\n        server.sendmail(SMTP_USER, [SMTP_USER], msg.as_string())\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    r = requests.get(os.environ["CHECK_URL"], timeout=10)\n    if r.status_code != 200:\n        send_email(f"status {r.status_code}", "site down")\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("monitor.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
}


# A second review, of 9a47bbf..2d54420, reproduced these; each fails on 2d54420 (the match/case
# positions are a unit test in tests/test_locate.py).
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "dryrun_would_delete_listing_mode": (
        {
            "prune_snapshots.py": 'import argparse\nimport datetime\nimport logging\n\nimport boto3\n\nlog = logging.getLogger("prune")\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="Delete EBS snapshots older than --days (only lists them unless --delete)")\n    parser.add_argument("--days", type=int, default=30)\n    parser.add_argument("--delete", action="store_true", help="really delete the snapshots")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n    ec2 = boto3.client("ec2")\n    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=args.days)\n    for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]:\n        if snap["StartTime"] >= cutoff:\n            continue\n        if args.delete:\n            log.info("Deleting %s", snap["SnapshotId"])\n            ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])\n        else:\n            log.info("Would delete %s from %s", snap["SnapshotId"], snap["StartTime"])\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("prune_snapshots.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    "exit_cannot_continue_message": (
        {
            "sync_repos.py": 'import argparse\nimport logging\n\nimport yaml\nfrom github import Github\n\nlog = logging.getLogger("sync")\n\n\ndef sync(config):\n    gh = Github(config["token"])\n    for name, settings in config["repos"].items():\n        repo = gh.get_repo(name)\n        repo.edit(default_branch=settings["default_branch"])\n        log.info("updated %s", name)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("config")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n    try:\n        with open(args.config) as f:\n            config = yaml.safe_load(f)\n        sync(config)\n    except (yaml.YAMLError, KeyError) as e:\n        log.error("Invalid configuration file %s (%s), cannot continue", args.config, e)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_repos.py", "job", "argparse")],
        ("missing-exit-code", "fail"),
    ),
    "exit_required_input_read_reported": (
        {
            "import_orders.py": 'import json\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("import")\nORDERS = []\n\n\ndef load_orders(path):\n    global ORDERS\n    try:\n        with open(path) as f:\n            ORDERS = json.load(f)\n    except (OSError, ValueError) as e:\n        log.error("Cannot read orders file %s: %s", path, e)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    load_orders(sys.argv[1])\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        for order in ORDERS:\n            cur.execute(\n                "INSERT INTO orders (ref, total) VALUES (%s, %s) ON CONFLICT (ref) DO NOTHING",\n                (order["ref"], order["total"]),\n            )\n    log.info("imported %d orders", len(ORDERS))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_orders.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "exit_retention_removal_is_the_work": (
        {
            "prune_backups.py": 'import argparse\nimport logging\nimport os\nimport shutil\nimport time\n\nlog = logging.getLogger("prune")\nBACKUP_ROOT = os.environ.get("BACKUP_ROOT", "/srv/backups")\nKEEP_DAYS = int(os.environ.get("KEEP_DAYS", "30"))\n\n\ndef delete_backup(path):\n    try:\n        shutil.rmtree(path)\n    except OSError as e:\n        log.error("Failed to delete backup %s: %s", path, e)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dry-run", action="store_true")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n    cutoff = time.time() - KEEP_DAYS * 86400\n    for entry in os.scandir(BACKUP_ROOT):\n        if entry.is_dir() and entry.stat().st_mtime < cutoff:\n            log.info("deleting %s", entry.path)\n            if not args.dry_run:\n                delete_backup(entry.path)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("prune_backups.py", "job", "argparse")],
        ("missing-exit-code", "fail"),
    ),
    "exit_send_msg_alert_helper": (
        {
            "backup.py": 'import datetime\nimport logging\nimport os\nimport subprocess\n\nimport requests\n\nlog = logging.getLogger("backup")\nTOKEN = os.environ["TELEGRAM_TOKEN"]\nCHAT_ID = os.environ["TELEGRAM_CHAT_ID"]\n\n\ndef send_msg(text):\n    try:\n        r = requests.post(\n            f"https://api.telegram.org/bot{TOKEN}/sendMessage",\n            data={"chat_id": CHAT_ID, "text": text},\n            timeout=10,\n        )\n        r.raise_for_status()\n    except requests.RequestException as e:\n        log.error("Telegram notification failed: %s", e)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    name = f"/backups/db-{datetime.date.today()}.dump"\n    subprocess.run(["pg_dump", "-Fc", "-f", name, os.environ["DATABASE_URL"]], check=True)\n    send_msg(f"Backup {name} done")\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "http_adapter_by_name": (
        {
            "report_job.py": 'import logging\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def __init__(self, *args, timeout=15, **kwargs):\n        self.timeout = timeout\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", self.timeout)\n        return super().send(request, **kwargs)\n\n\ndef download_report(session, day):\n    resp = session.get(f"https://reports.example.com/daily/{day}")\n    resp.raise_for_status()\n    return resp.content\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = requests.Session()\n    adapter = TimeoutAdapter(timeout=15)\n    session.mount("https://", adapter)\n    session.mount("http://", adapter)\n    data = download_report(session, "2024-01-01")\n    log.info("got %d bytes", len(data))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("report_job.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "http_adapter_mounted_by_helper": (
        {
            "report_job.py": 'import logging\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def __init__(self, *args, timeout=15, **kwargs):\n        self.timeout = timeout\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", self.timeout)\n        return super().send(request, **kwargs)\n\n\ndef use_timeouts(session):\n    session.mount("https://", TimeoutAdapter(timeout=15))\n    session.mount("http://", TimeoutAdapter(timeout=15))\n\n\ndef download_report(session, day):\n    resp = session.get(f"https://reports.example.com/daily/{day}")\n    resp.raise_for_status()\n    return resp.content\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = requests.Session()\n    use_timeouts(session)\n    data = download_report(session, "2024-01-01")\n    log.info("got %d bytes", len(data))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("report_job.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "http_bleed_order_old_too": (
        {
            "scrape_listings.py": 'import logging\nimport os\n\nimport requests\nfrom sqlalchemy import Column, Integer, String, create_engine\nfrom sqlalchemy.orm import declarative_base, sessionmaker\n\nlog = logging.getLogger(__name__)\n\nBase = declarative_base()\nengine = create_engine(os.environ["DATABASE_URL"])\nSessionLocal = sessionmaker(bind=engine)\n\n\nclass Listing(Base):\n    __tablename__ = "listings"\n    id = Column(Integer, primary_key=True)\n    title = Column(String)\n\n\ndef fetch_listings():\n    session = requests.Session()\n    session.headers["User-Agent"] = "listings-bot/1.0"\n    resp = session.get("https://example.com/api/listings", timeout=20)\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef upsert_listing(session, item):\n    listing = session.get(Listing, item["id"])\n    if listing is None:\n        listing = Listing(id=item["id"])\n        session.add(listing)\n    listing.title = item["title"]\n\n\ndef save_all(session, items):\n    for item in items:\n        upsert_listing(session, item)\n    session.commit()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    items = fetch_listings()\n    with SessionLocal() as session:\n        save_all(session, items)\n    log.info("saved %d listings", len(items))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("scrape_listings.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "http_factory_adapter_by_name": (
        {
            "sync_users.py": 'import logging\nimport os\n\nimport requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\nlog = logging.getLogger("sync")\nAPI = os.environ.get("API_URL", "https://api.example.com")\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n    def __init__(self, *args, timeout=10, **kwargs):\n        self.timeout = timeout\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", self.timeout)\n        return super().send(request, **kwargs)\n\n\ndef make_session():\n    s = requests.Session()\n    adapter = TimeoutHTTPAdapter(timeout=10, max_retries=Retry(total=3, backoff_factor=1))\n    s.mount("http://", adapter)\n    s.mount("https://", adapter)\n    return s\n\n\ndef fetch_users(session, page):\n    resp = session.get(f"{API}/users", params={"page": page})\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = make_session()\n    page = 1\n    while users := fetch_users(session, page):\n        log.info("page %d: %d users", page, len(users))\n        page += 1\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_users.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "http_partial_timeout": (
        {
            "sync_prices.py": 'import functools\nimport logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\nAPI = "https://api.example.com"\n\n\ndef fetch_prices(session, symbol):\n    resp = session.get(f"{API}/prices/{symbol}")\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = requests.Session()\n    # every request through this session gets a 10 second timeout\n    session.request = functools.partial(session.request, timeout=10)\n    for symbol in sys.argv[1:]:\n        log.info("%s: %s", symbol, fetch_prices(session, symbol))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_prices.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "http_sqlalchemy_session_named_like_requests": (
        {
            "scrape_listings.py": 'import logging\nimport os\n\nimport requests\nfrom sqlalchemy import Column, Integer, String, create_engine\nfrom sqlalchemy.orm import declarative_base, sessionmaker\n\nlog = logging.getLogger(__name__)\n\nBase = declarative_base()\nengine = create_engine(os.environ["DATABASE_URL"])\nSessionLocal = sessionmaker(bind=engine)\n\n\nclass Listing(Base):\n    __tablename__ = "listings"\n    id = Column(Integer, primary_key=True)\n    title = Column(String)\n\n\ndef upsert_listing(session, item):\n    listing = session.get(Listing, item["id"])\n    if listing is None:\n        listing = Listing(id=item["id"])\n        session.add(listing)\n    listing.title = item["title"]\n\n\ndef fetch_listings():\n    session = requests.Session()\n    session.headers["User-Agent"] = "listings-bot/1.0"\n    resp = session.get("https://example.com/api/listings", timeout=20)\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef save_all(session, items):\n    for item in items:\n        upsert_listing(session, item)\n    session.commit()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    items = fetch_listings()\n    with SessionLocal() as session:\n        save_all(session, items)\n    log.info("saved %d listings", len(items))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("scrape_listings.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "insert_guard_by_exists_function_call": (
        {
            "import_orders.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger("import")\ncon = sqlite3.connect("shop.db")\ncur = con.cursor()\n\n\ndef order_exists(ref):\n    return cur.execute("SELECT 1 FROM orders WHERE ref = ?", (ref,)).fetchone()\n\n\ndef import_row(row):\n    if not order_exists(row["ref"]):\n        cur.execute("INSERT INTO orders (ref, total) VALUES (?, ?)", (row["ref"], row["total"]))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open(sys.argv[1]) as f:\n        for row in csv.DictReader(f):\n            import_row(row)\n    con.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_orders.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_guard_clause_after_lookup_function": (
        {
            "import_orders.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger("import")\ncon = sqlite3.connect("shop.db")\ncur = con.cursor()\n\n\ndef find_order(ref):\n    return cur.execute("SELECT id FROM orders WHERE ref = ?", (ref,)).fetchone()\n\n\ndef import_row(row):\n    existing = find_order(row["ref"])\n    if existing is not None:\n        log.info("order %s already imported", row["ref"])\n        return\n    cur.execute("INSERT INTO orders (ref, total) VALUES (?, ?)", (row["ref"], row["total"]))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open(sys.argv[1]) as f:\n        for row in csv.DictReader(f):\n            import_row(row)\n    con.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_orders.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_lookup_call_is_none_in_test": (
        {
            "import_orders.py": 'import csv\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger("import")\ncon = sqlite3.connect("shop.db")\ncur = con.cursor()\n\n\ndef find_order(ref):\n    return cur.execute("SELECT id FROM orders WHERE ref = ?", (ref,)).fetchone()\n\n\ndef import_row(row):\n    if find_order(row["ref"]) is None:\n        cur.execute("INSERT INTO orders (ref, total) VALUES (?, ?)", (row["ref"], row["total"]))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open(sys.argv[1]) as f:\n        for row in csv.DictReader(f):\n            import_row(row)\n    con.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_orders.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "secret_dir_bind_password": (
        {
            "sync_users.py": 'import logging\n\nimport ldap3\n\nlog = logging.getLogger("sync")\n\nDIR_SERVER = "ldaps://dc01.corp.example.net"\nDIR_BIND_USER = "CN=svc-sync,OU=Service,DC=corp,DC=example,DC=net"\nDIR_BIND_PASSWORD = "Qw7#rT2!vLp9xZ"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    server = ldap3.Server(DIR_SERVER)\n    with ldap3.Connection(server, DIR_BIND_USER, DIR_BIND_PASSWORD, auto_bind=True) as conn:\n        conn.search("DC=corp,DC=example,DC=net", "(objectClass=user)", attributes=["mail"])\n        log.info("%d users", len(conn.entries))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_users.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
}

_SETS = (_CASES, _REVIEW_CASES, _SECOND_REVIEW_CASES)
_ALL_CASES: dict[str, Case] = {name: case for cases in _SETS for name, case in cases.items()}


def test_case_names_are_unique() -> None:
    assert len(_ALL_CASES) == sum(len(cases) for cases in _SETS)


@pytest.mark.parametrize("name", sorted(_ALL_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _ALL_CASES[name])
