"""Session 31: what blind rounds 372 and on showed, as small trees.

Each case fails on 691c2b5, the commit the session's rule changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_JOB = [("job.py", "job", "python")]

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
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
