"""Session 24: what blind rounds 203-217 showed, as small trees.

Each case fails on a8b2565, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_QUERY_SCRIPT = """\
    import sqlite3
    import sys


    def run_query(query, connection):
        try:
            cursor = connection.cursor()
            cursor.execute(query)
            rows = cursor.fetchall()
        except {caught}:
            sys.exit()
        return rows


    rows = run_query("SELECT id FROM articles", sqlite3.connect("wiki.db"))
    with open("ids.txt", "w") as out:
        out.write("\\n".join(str(r[0]) for r in rows))
    """

_SCALE_DOWN = """\
    import sys

    import boto3

    ec2 = boto3.resource("ec2")


    def destroy(instance_id):
        ec2.instances.filter(InstanceIds=[instance_id]).{method}()


    if __name__ == "__main__":
        destroy(sys.argv[1])
    """

_SEND_DUMP = """\
    import os
    import sys

    import requests
    import telebot


    def send(path):
        try:
            with open(path, "rb") as dump:
                {send}
        finally:
            if os.path.exists(path):
                os.remove(path)


    if __name__ == "__main__":
        if len(sys.argv) != 2:
            sys.exit(1)
        send(sys.argv[1])
    """

_TAR_AND_SHIP = """\
    import os
    import tarfile

    import pysftp

    SOURCES = ["/srv/app/data"]

    with pysftp.Connection("backup.example.com", username="backup", private_key="/etc/backup/id") as sftp:
        for source in SOURCES:
            name = os.path.basename(source) + ".tar.gz"
            with tarfile.open(name, "{mode}") as tar:
                tar.add(source)
            sftp.put(name)
            os.unlink(name)
    """

_TELEBOT = """\
    from telebot import TeleBot

    bot = TeleBot("123:abc")


    @bot.message_handler(commands=["start"])
    def start(message):
        bot.reply_to(message, "hi")
    """

_SANIC = """\
    from sanic import Sanic
    from sanic.response import json

    app = Sanic("votes"{options})


    @app.get("/health")
    async def health(request):
        return json({{"ok": True}})


    @app.get("/ready")
    async def ready(request):
        return json({{"ok": True}})
    """

_SCRATCH = """\
    import os
    import shutil

    settings = {{"TMP_PATH": os.environ.get("TMP_PATH", "tmp")}}


    def prepare():
        if os.path.exists(settings["TMP_PATH"]):
            shutil.rmtree({removed})
        os.makedirs(settings["TMP_PATH"])


    if __name__ == "__main__":
        prepare()
    """

_MAILER = """\
    import smtplib
    from email.mime.text import MIMEText


    def send_email(message, subject):
        sender = "alerts@example.com"
        app_password = {value}
        msg = MIMEText(message)
        msg["Subject"] = subject
        with smtplib.SMTP_SSL("smtp.gmail.com", 465) as server:
            server.login(sender, app_password)
            server.sendmail(sender, [sender], msg.as_string())


    if __name__ == "__main__":
        send_email("up", "status")
    """

_JIRA_SCRIPT = """\
    import os

    import requests

    response = requests.get(
        "https://example.atlassian.net/rest/api/2/myself",
        auth={auth},
        timeout=10,
    )
    response.raise_for_status()
    with open("account.json", "w") as out:
        out.write(response.text)
    """

_ORDERS_SYNC = """\
    import logging
    import sys

    import requests

    log = logging.getLogger(__name__)


    def main():
        r = requests.get("https://api.example.com/orders", timeout=10)
        if r.status_code != 200:
            log.error("fetch failed: %s", r.status_code)
            sys.exit(1)
        with open("orders.json", "w") as out:
            out.write(r.text)


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        try:
            main()
        except (KeyboardInterrupt, SystemExit):
            log.info("exiting")
            sys.exit()
    """

_ROTATE = """\
    import os
    import queue
    import sys

    import requests

    done = queue.Queue()


    def send_line_count(f):
        n = sum(1 for _ in f)
        requests.post(os.environ["WEBHOOK"], json={{"text": f"{{n}} lines"}}, timeout=5)


    def rotate(path):
        with open(path) as f:
            {step}
        os.remove(path)


    if __name__ == "__main__":
        rotate(sys.argv[1])
    """

_FEED_LOADER = """\
    import sqlite3

    import feedparser


    def insert_item(conn, link, title):
        cur = conn.cursor()
        cur.execute("SELECT 1 FROM items WHERE link = ?", (link,))
        {check}
            cur.execute("INSERT INTO items (link, title) VALUES (?, ?)", (link, title))
        conn.commit()


    if __name__ == "__main__":
        conn = sqlite3.connect("feed.db")
        for entry in feedparser.parse("https://example.com/feed.xml").entries:
            insert_item(conn, entry.link, entry.title)
    """


_SCRAPER = """\
    import requests
    from bs4 import BeautifulSoup


    def scrap():
        page = requests.get("https://example.com/jobs", timeout=10)
        soup = BeautifulSoup(page.text, "html.parser")
        rows = [li.text.strip() for li in soup.find_all("li")]
        {extra}
        return rows


    if __name__ == "__main__":
        scrap()
    """

_CONNECTOR = """\
    import os

    import psycopg2

    from app import scrap


    def insert(rows):
        conn = psycopg2.connect(os.environ["DATABASE_URL"])
        with conn, conn.cursor() as cur:
            cur.executemany("INSERT INTO jobs (title) VALUES (%s) ON CONFLICT DO NOTHING", [(r,) for r in rows])


    if __name__ == "__main__":
        insert(scrap())
    """


_ARCHIVE_SQL = """\
    import os

    import psycopg2

    SQL = \"\"\"/* archive the schedule log */
    START TRANSACTION;
    INSERT INTO schedule_log_historical SELECT * FROM schedule_log WHERE start_time < CURRENT_DATE;
    {statement}
    COMMIT TRANSACTION;
    \"\"\"


    def main():
        conn = psycopg2.connect(os.environ["DATABASE_URL"])
        conn.cursor().execute(SQL)
        conn.commit()


    if __name__ == "__main__":
        main()
    """

_STALE_BRANCHES = """\
    import os

    from github import Github

    repo = Github(os.environ["GITHUB_TOKEN"]).get_repo(os.environ["GITHUB_REPOSITORY"])
    for branch in repo.get_branches():
        if branch.name.startswith("stale/"):
            ref = repo.get_git_ref(f"heads/{{branch.name}}")
            ref.{call}
    """

_NOTION_SYNC = """\
    import sys

    import requests


    def get_tasks():
        response = requests.post("https://api.notion.com/v1/databases/x/query", timeout=10)
        if response.status_code == 200:
            return [r["id"] for r in response.json()["results"]]
        else:
            print(f"Error fetching Notion tasks: {{response.status_code}}")
            return []


    def sync():
        tasks = get_tasks()
        {check}
        for task in tasks:
            requests.post("https://calendar.example.com/events", json={{"task": task}}, timeout=10).raise_for_status()


    if __name__ == "__main__":
        sync()
    """

_KEEP_ALIVE = """\
    from threading import Thread

    from flask import Flask
    {imports}
    app = Flask(__name__)
    {wiring}


    def run():
        app.run(host="0.0.0.0", port=8080)


    def keep_alive():
        Thread(target=run).start()
    """

_REMINDERS = """\
    import schedule


    def remind(chat_id):
        print("time to take the pills", chat_id)


    def set_reminder(chat_id, minutes):
        schedule.every(minutes).minutes.do(remind, chat_id).tag(str(chat_id))
    """

_SCHEDULE_MAIN = """\
    import time

    import schedule

    from reminders import set_reminder

    if __name__ == "__main__":
        set_reminder(42, 30)
        while True:
            schedule.run_pending()
            time.sleep(1)
    """

_FEED_POLLER = """\
    import logging
    import time

    import requests

    log = logging.getLogger(__name__)


    def poll_feeds():
        while True:
            try:
                r = requests.get("https://feeds.example.com/new", timeout=10)
                log.info("got %d items", len(r.json()))
            except requests.RequestException:
                log.exception("poll failed")
            time.sleep(30)
    """

_CASES: dict[str, Case] = {
    # a query helper that leaves on Ctrl-C with `sys.exit()`: stopped by hand, no failure lost
    "keyboard_interrupt_exit": (
        {"import.py": _QUERY_SCRIPT.format(caught="KeyboardInterrupt")},
        [("import.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # trap: the same helper catching every error and exiting 0 loses the failure
    "exception_exit_zero": (
        {"import.py": _QUERY_SCRIPT.format(caught="Exception")},
        [("import.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # EC2 instances terminated through boto3's resource collection: a deletion
    "ec2_instances_terminated": (
        {"scale.py": _SCALE_DOWN.format(method="terminate")},
        [("scale.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # boto3's own dry run, switched by the job: a guard (the review of the change)
    "ec2_terminate_with_dry_run": (
        {
            "scale.py": _SCALE_DOWN.format(method="terminate").replace(
                "def destroy(instance_id):\n        ec2.instances.filter(InstanceIds=[instance_id]).terminate()",
                'def destroy(instance_id):\n        boto3.client("ec2").terminate_instances(InstanceIds=[instance_id], DryRun="--apply" not in sys.argv)',
            )
        },
        [("scale.py", "job", "python")],
        ("missing-dry-run", "pass"),
    ),
    # trap: instances stopped are not deleted
    "ec2_instances_stopped": (
        {"scale.py": _SCALE_DOWN.format(method="stop")},
        [("scale.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # a keyed check, then the insert: a re-run inserts nothing twice
    "insert_when_lookup_found_nothing": (
        {"load.py": _FEED_LOADER.format(check="if cur.fetchone() is None:")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_when_row_is_none": (
        {"load.py": _FEED_LOADER.format(check="row = cur.fetchone()\n        if not row:")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # the lookup found a row: update it; none: insert (the hand-written upsert)
    "insert_in_the_else_of_found": (
        {
            "load.py": _FEED_LOADER.format(
                check='row = cur.fetchone()\n        if row:\n            cur.execute("UPDATE items SET title = ? WHERE link = ?", (title, link))\n        else:'
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # a key looked up among the rows already stored (round 222)
    "insert_when_key_not_among_rows": (
        {"load.py": _FEED_LOADER.format(check="if link not in str(cur.fetchall()):")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: inserted in the `else:` of a test for absence, that is when the row was found
    "insert_in_the_else_of_absent": (
        {
            "load.py": _FEED_LOADER.format(
                check="row = cur.fetchone()\n        if row is None:\n            print('unknown', link)\n        else:"
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # trap: inserted when the lookup found a row (the test the wrong way round)
    "insert_when_lookup_found_a_row": (
        {"load.py": _FEED_LOADER.format(check="if cur.fetchone() is not None:")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # trap: a test on something else than the lookup
    "insert_when_title_is_new": (
        {"load.py": _FEED_LOADER.format(check="if not title.startswith('Re:'):")},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a scraper's `__main__` block that only reads and drops the rows, beside the script that
    # imports it and stores them: a try-out, not a second job
    "shared_scraper_try_out": (
        {"app.py": _SCRAPER.format(extra="pass"), "connector.py": _CONNECTOR},
        [("connector.py", "job", "python")],
        None,
    ),
    # trap: the same function writing its rows out as well is the same work, run by hand
    "shared_scraper_that_writes": (
        {
            "app.py": _SCRAPER.format(extra='open("jobs.txt", "w").write("\\n".join(rows))'),
            "connector.py": _CONNECTOR,
        },
        [("app.py", "job", "python"), ("connector.py", "job", "python")],
        None,
    ),
    # a DELETE later in an SQL script (after a comment and another statement)
    "sql_script_deletes": (
        {"archive.py": _ARCHIVE_SQL.format(statement="DELETE FROM schedule_log WHERE start_time < CURRENT_DATE;")},
        [("archive.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # trap: a script that only copies rows deletes nothing
    "sql_script_copies": (
        {"archive.py": _ARCHIVE_SQL.format(statement="ANALYZE schedule_log_historical;")},
        [("archive.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # a branch deleted through PyGithub's git ref
    "github_branch_deleted": (
        {"main.py": _STALE_BRANCHES.format(call="delete()")},
        [("main.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # trap: the ref moved, not deleted
    "github_ref_moved": (
        {"main.py": _STALE_BRANCHES.format(call='edit(sha=os.environ["GITHUB_SHA"], force=True)')},
        [("main.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # a step that reports a failed request and hands back an empty list, which the caller loops
    # over: the failure reads as nothing to do, and the job exits 0
    "empty_result_on_failure_iterated": (
        {"main.py": _NOTION_SYNC.format(check="pass")},
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the caller stops with a status when the list is empty
    "empty_result_tested_first": (
        {"main.py": _NOTION_SYNC.format(check="if not tasks:\n            sys.exit(1)")},
        [("main.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a Flask app that serves no route at all (kept only to hold a port open): no health route
    "app_serving_no_route": (
        {"server.py": _KEEP_ALIVE.format(imports="", wiring="")},
        [("server.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    # trap: routes wired in by a blueprint the analysis cannot see into: no verdict
    "app_with_a_library_blueprint": (
        {
            "server.py": _KEEP_ALIVE.format(
                imports="from flask_swagger_ui import get_swaggerui_blueprint\n",
                wiring='app.register_blueprint(get_swaggerui_blueprint("/docs", "/static/openapi.json"))',
            )
        },
        [("server.py", "api", "flask")],
        ("missing-health-route", "na"),
    ),
    # trap: an admin built around the app adds its own views: no verdict
    "app_with_an_admin": (
        {
            "server.py": _KEEP_ALIVE.format(
                imports="from flask_admin import Admin\n", wiring='admin = Admin(app, name="shop")'
            )
        },
        [("server.py", "api", "flask")],
        ("missing-health-route", "na"),
    ),
    # `schedule` jobs one module registers and another runs round after round: the job is the
    # runner's process
    "schedule_run_by_another_module": (
        {"reminders.py": _REMINDERS, "main.py": _SCHEDULE_MAIN},
        [("main.py", "job", "schedule")],
        None,
    ),
    # trap: a module that registers and runs its own jobs keeps them
    "schedule_run_by_itself": (
        {
            "reminders.py": _REMINDERS
            + "\n\n    if __name__ == '__main__':\n        set_reminder(1, 5)\n        while True:\n            schedule.run_pending()\n",
        },
        [("reminders.py", "job", "schedule")],
        None,
    ),
    # trap: two modules run them: which process is the scheduler's is not known, the job stays
    "schedule_run_by_two_modules": (
        {"reminders.py": _REMINDERS, "main.py": _SCHEDULE_MAIN, "other.py": _SCHEDULE_MAIN},
        [("reminders.py", "job", "schedule")],
        None,
    ),
    # `from app import app; app.run()` where the package only re-exports the app its views module
    # builds: the block serves that app, no job of its own
    "run_app_reexported_by_a_package": (
        {
            "app/views.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef health():\n    return "ok"\n',
            "app/__init__.py": "from app.views import app\n",
            "run.py": 'from app import app\n\nif __name__ == "__main__":\n    app.run(port=8080)\n',
        },
        [("app/views.py", "api", "flask")],
        None,
    ),
    # a poller an app factory starts beside the app it builds: a worker at the factory's module
    # (left by the third review, read since)
    "poller_started_by_an_app_factory": (
        {
            "svc/__init__.py": """\
    """,
            "svc/app.py": """\
    import logging
    import threading

    from flask import Flask, jsonify

    from svc.poller import poll_feeds


    def create_app():
        logging.basicConfig(level=logging.INFO)
        app = Flask(__name__)

        @app.get("/orders")
        def orders():
            return jsonify([])

        threading.Thread(target=poll_feeds, daemon=True).start()
        return app
    """,
            "svc/poller.py": _FEED_POLLER,
            "svc/wsgi.py": """\
    from svc.app import create_app

    app = create_app()
    """,
        },
        [("svc/app.py", "api", "flask"), ("svc/app.py", "worker", "polling-loop")],
        None,
    ),
    # a worker project's Django settings (only its ORM's) with `DEBUG = True`: no api anywhere, so no
    # debug mode to report (round 214)
    "worker_settings_debug": (
        {
            "worker/settings.py": 'DEBUG = True\nROOT_URLCONF = None\nINSTALLED_APPS = ["crawler"]\n',
            "worker/celery_conn.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")\napp = Celery("worker", broker=os.environ["BROKER_URL"])\n',
        },
        [("worker/celery_conn.py", "worker", "celery")],
        ("debug-mode-enabled", 0),
    ),
    # trap: with no entrypoint found at all, the settings are still reported (the score covers line
    # checks only)
    "settings_debug_alone": (
        {"mysite/settings.py": 'DEBUG = True\nROOT_URLCONF = "mysite.urls"\n'},
        [],
        ("debug-mode-enabled", 1),
    ),
    # trap: beside an api elsewhere in the project, the same settings are still reported
    "settings_debug_beside_an_api": (
        {
            "worker/settings.py": 'DEBUG = True\nROOT_URLCONF = None\nINSTALLED_APPS = ["crawler"]\n',
            "web/app.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef health():\n    return "ok"\n',
        },
        [("web/app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # a dump read and sent to a chat, then removed: handed over, not lost
    "dump_sent_to_chat_then_removed": (
        {
            "send.py": _SEND_DUMP.format(
                send='telebot.TeleBot(os.environ["TOKEN"]).send_document(os.environ["CHAT_ID"], dump)'
            )
        },
        [("send.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # the same, uploaded with an HTTP PUT of the open file
    "dump_put_over_http_then_removed": (
        {"send.py": _SEND_DUMP.format(send='requests.put(os.environ["UPLOAD_URL"], data=dump, timeout=60)')},
        [("send.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # trap: a file only read, then removed, is deleted
    "dump_read_then_removed": (
        {"send.py": _SEND_DUMP.format(send="print(len(dump.read()))")},
        [("send.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # an archive the script writes, ships over SFTP and removes: its own file
    "tar_written_shipped_removed": (
        {"backup.py": _TAR_AND_SHIP.format(mode="w:gz")},
        [("backup.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # trap: an archive only read (opened "r") is someone's data
    "tar_read_shipped_removed": (
        {"backup.py": _TAR_AND_SHIP.format(mode="r:gz").replace("sftp.put(name)", "pass")},
        [("backup.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # a bot built in bot.py whose polling main.py starts in a thread: the worker is main.py
    "bot_polling_in_a_thread": (
        {
            "bot.py": _TELEBOT,
            "handlers.py": "from bot import bot\n",
            "main.py": """\
                import threading
                import time

                from handlers import bot

                if __name__ == "__main__":
                    threading.Thread(target=bot.infinity_polling, daemon=True).start()
                    while True:
                        time.sleep(1)
                """,
        },
        [("main.py", "worker", "telegram")],
        None,
    ),
    # trap: polling called directly from main.py, as before
    "bot_polling_called": (
        {
            "bot.py": _TELEBOT,
            "main.py": 'from bot import bot\n\nif __name__ == "__main__":\n    bot.infinity_polling()\n',
        },
        [("main.py", "worker", "telegram")],
        None,
    ),
    # Sanic configures its own loggers (server, errors, access) by default
    "sanic_logs_by_itself": (
        {"app.py": _SANIC.format(options="")},
        [("app.py", "api", "sanic")],
        ("missing-logging", "pass"),
    ),
    # trap: unless told not to
    "sanic_logging_switched_off": (
        {"app.py": _SANIC.format(options=", configure_logging=False")},
        [("app.py", "api", "sanic")],
        ("missing-logging", "fail"),
    ),
    # a scratch directory removed and made again, its path read from a settings mapping
    "scratch_dir_from_settings_recreated": (
        {"backup.py": _SCRATCH.format(removed='settings["TMP_PATH"]')},
        [("backup.py", "job", "python")],
        ("non-idempotent-mkdir", 0),
    ),
    # trap: another setting removed, this one made: a re-run fails on it
    "other_dir_removed": (
        {"backup.py": _SCRATCH.format(removed='settings["OLD_PATH"]')},
        [("backup.py", "job", "python")],
        ("non-idempotent-mkdir", 1),
    ),
    # a Google app password as Google shows it, four groups of four letters
    "google_app_password": (
        {"monitor.py": _MAILER.format(value='"rvuy lpvi pkuw czkg"')},
        [("monitor.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # trap: a phrase of repeated words bound to the same name is a stand-in
    "app_password_stand_in": (
        {"monitor.py": _MAILER.format(value='"xxxx xxxx xxxx xxxx"')},
        [("monitor.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # the password of a (user, password) pair given as `auth=`
    "auth_pair_literal": (
        {"account.py": _JIRA_SCRIPT.format(auth='("me@example.com", "vaQvu1ccFcFfnEl6aty6839D")')},
        [("account.py", "job", "script")],
        ("hardcoded-secret", 1),
    ),
    # trap: a pair read from the environment
    "auth_pair_from_environment": (
        {"account.py": _JIRA_SCRIPT.format(auth='(os.environ["JIRA_USER"], os.environ["JIRA_TOKEN"])')},
        [("account.py", "job", "script")],
        ("hardcoded-secret", 0),
    ),
    # trap: a stand-in pair
    "auth_pair_placeholder": (
        {"account.py": _JIRA_SCRIPT.format(auth='("user", "your-api-token")')},
        [("account.py", "job", "script")],
        ("hardcoded-secret", 0),
    ),
}

# Traps the review of the change reproduced: each passes on a8b2565 and failed on the change as
# first written.
_REVIEW_CASES: dict[str, Case] = {
    # `SystemExit` caught and turned into status 0 is still a lost failure (only Ctrl-C is a stop)
    "system_exit_swallowed": (
        {"sync.py": _ORDERS_SYNC},
        [("sync.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # Sanic configures its own loggers, not the root one: the app's module logger is unconfigured
    "sanic_module_logger": (
        {
            "app.py": _SANIC.format(options="").replace(
                "from sanic import Sanic\n",
                "import logging\n    from sanic import Sanic\n\n    log = logging.getLogger(__name__)\n",
            )
        },
        [("app.py", "api", "sanic")],
        ("missing-logging", "fail"),
    ),
    # the tutorial's stand-in for an app password, and words standing in
    "app_password_alphabet": (
        {"monitor.py": _MAILER.format(value='"abcd efgh ijkl mnop"')},
        [("monitor.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "app_password_words": (
        {"monitor.py": _MAILER.format(value='"pass word goes here"')},
        [("monitor.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # a project helper named `send_...` that only reads the handle ships nothing
    "handle_given_to_a_send_helper": (
        {"rotate.py": _ROTATE.format(step="send_line_count(f)")},
        [("rotate.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a path put on a queue is not shipped anywhere
    "path_put_on_a_queue": (
        {"rotate.py": _ROTATE.format(step="done.put(path)")},
        [("rotate.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # `list.count(x)` is no database lookup: the insert is not keyed
    "list_count_is_no_lookup": (
        {
            "load.py": """\
    import os
    import sys

    import psycopg2


    def run(cur, tags):
        for tag in tags:
            if tags.count(tag.lower()) == 0:
                cur.execute("INSERT INTO tags (name) VALUES (%s)", (tag.lower(),))


    if __name__ == "__main__":
        conn = psycopg2.connect(os.environ["DATABASE_URL"])
        with conn, conn.cursor() as cur:
            run(cur, sys.argv[1:])
    """,
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # `DryRun=True` is AWS's permission probe before the real deletion, no dry-run mode
    "dry_run_permission_probe": (
        {
            "prune.py": """\
    import boto3
    from botocore.exceptions import ClientError

    ec2 = boto3.client("ec2")


    def main():
        images = ec2.describe_images(Owners=["self"])["Images"]
        old = sorted(images, key=lambda i: i["CreationDate"])[:-5]
        for image in old:
            try:  # check permissions before touching anything
                ec2.deregister_image(ImageId=image["ImageId"], DryRun=True)
            except ClientError as e:
                if e.response["Error"]["Code"] != "DryRunOperation":
                    raise
            ec2.deregister_image(ImageId=image["ImageId"])


    if __name__ == "__main__":
        main()
    """,
        },
        [("prune.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a shared function that writes through a requests session is work, run by hand: a job
    "shared_function_posting_through_a_session": (
        {
            "app.py": """\
    from flask import Flask

    from job import refresh

    app = Flask(__name__)


    @app.route("/health")
    def health():
        return "ok"


    @app.route("/refresh", methods=["POST"])
    def do_refresh():
        return {"n": refresh()}
    """,
            "job.py": """\
    import os

    import requests
    import pandas as pd
    from pathlib import Path


    def refresh():
        s = requests.Session()
        s.headers["Authorization"] = "Bearer " + os.environ["TOKEN"]
        items = s.get("https://api.example.com/items", timeout=10).json()
        r = s.post("https://api.example.com/reindex", json=items, timeout=10)
        r.raise_for_status()
        return len(items)


    if __name__ == "__main__":
        refresh()
    """,
        },
        [("app.py", "api", "flask"), ("job.py", "job", "python")],
        None,
    ),
    # a Flask app a cron script builds only for `app.app_context()` is never served: no health failure (third review)
    "app_lent_to_a_script": (
        {
            "models.py": """\
    from flask_sqlalchemy import SQLAlchemy

    db = SQLAlchemy()


    class Order(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        status = db.Column(db.String(20))
    """,
            "purge_orders.py": """\
    import logging
    import os

    from flask import Flask

    from models import Order, db

    logging.basicConfig(level=logging.INFO)

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    db.init_app(app)


    def main():
        with app.app_context():
            n = Order.query.filter_by(status="cancelled").delete()
            db.session.commit()
            logging.info("purged %d orders", n)


    if __name__ == "__main__":
        main()
    """,
        },
        [("purge_orders.py", "api", "flask"), ("purge_orders.py", "job", "python")],
        ("missing-health-route", "na"),
    ),
    # routes wired in by the module that serves the app (`init_routes(app)` in wsgi.py): no failure
    "routes_wired_by_the_wsgi_module": (
        {
            "svc/__init__.py": """\
    """,
            "svc/app.py": """\
    from flask import Flask

    app = Flask(__name__)
    app.config["JSON_SORT_KEYS"] = False
    """,
            "svc/routes.py": """\
    from flask import jsonify


    def list_orders():
        return jsonify([])


    def healthz():
        return jsonify(status="ok")


    ROUTES = [("/orders", list_orders), ("/healthz", healthz)]


    def init_routes(flask_app):
        for rule, view in ROUTES:
            flask_app.add_url_rule(rule, view_func=view)
    """,
            "svc/wsgi.py": """\
    from svc.app import app
    from svc.routes import init_routes

    init_routes(app)
    """,
        },
        [("svc/app.py", "api", "flask")],
        ("missing-health-route", "na"),
    ),
    # two pollers of other modules in one app's process are one worker, placed at the app
    "two_pollers_in_one_app": (
        {
            "svc/__init__.py": """\
    """,
            "svc/feeds.py": """\
    import logging
    import time

    log = logging.getLogger(__name__)


    def run():
        while True:
            log.info("polling feeds")
            time.sleep(30)
    """,
            "svc/main.py": """\
    import asyncio
    import logging
    import threading
    from contextlib import asynccontextmanager

    from fastapi import FastAPI

    from svc import feeds, outbox

    logging.basicConfig(level=logging.INFO)


    @asynccontextmanager
    async def lifespan(app):
        threading.Thread(target=feeds.run, daemon=True).start()
        task = asyncio.create_task(outbox.run())
        yield
        task.cancel()


    app = FastAPI(lifespan=lifespan)


    @app.get("/orders")
    def orders():
        return []
    """,
            "svc/outbox.py": """\
    import asyncio
    import logging

    log = logging.getLogger(__name__)


    async def run():
        while True:
            log.info("flushing outbox")
            await asyncio.sleep(5)
    """,
        },
        [("svc/main.py", "api", "fastapi"), ("svc/main.py", "worker", "polling-loop")],
        None,
    ),
    # a poller the app starts that its own `__main__` block runs too is a worker of its own as well
    "poller_also_run_on_its_own": (
        {
            "Procfile": """\
    web: gunicorn svc.app:app
    poller: python -m svc.poller
    """,
            "svc/__init__.py": """\
    """,
            "svc/app.py": """\
    import logging
    import os
    import threading

    from flask import Flask, jsonify

    from svc.poller import poll_feeds

    logging.basicConfig(level=logging.INFO)

    app = Flask(__name__)


    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")


    @app.get("/ready")
    def ready():
        return jsonify(status="ok")


    if os.environ.get("EMBED_POLLER") == "1":  # single-process dev/staging
        threading.Thread(target=poll_feeds, daemon=True).start()


    @app.get("/orders")
    def orders():
        return jsonify([])
    """,
            "svc/poller.py": _FEED_POLLER
            + """\


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        poll_feeds()
    """,
        },
        [
            ("svc/app.py", "api", "flask"),
            ("svc/app.py", "worker", "polling-loop"),
            ("svc/poller.py", "worker", "polling-loop"),
        ],
        None,
    ),
    # a scheduler script running its jobs through a shared helper's loop keeps its job, though a CLI runs them too (fourth review)
    "scheduler_script_with_a_shared_loop": (
        {
            "billing.py": """\
    import logging
    import os

    import psycopg2
    import schedule

    from common.loop import run_forever

    log = logging.getLogger(__name__)


    def close_invoices():
        with psycopg2.connect(os.environ["DATABASE_URL"]) as c:
            c.execute("DELETE FROM draft_invoices WHERE created_at < now() - interval '30 days'")


    def fmt_cents(v):
        return f"{v / 100:.2f}"


    schedule.every().day.at("02:00").do(close_invoices)

    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        run_forever()
    """,
            "cli.py": """\
    \"\"\"Ops helper: python cli.py run-now  -- runs every billing job once, right now.\"\"\"
    import argparse
    import logging

    import schedule

    import billing  # noqa: F401  (registers the jobs)


    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("command", choices=["run-now"])
        parser.parse_args()
        logging.basicConfig(level=logging.INFO)
        schedule.run_all()


    if __name__ == "__main__":
        main()
    """,
            "common/__init__.py": """\
    """,
            "common/loop.py": """\
    import time

    import schedule


    def run_forever(interval=1):
        while True:
            schedule.run_pending()
            time.sleep(interval)
    """,
        },
        [("billing.py", "job", "schedule")],
        None,
    ),
    # the lookup is on another table (an opt-out list) than the insert: not keyed (fourth review)
    "insert_after_another_tables_lookup": (
        {
            "job.py": """\
    import logging
    import os

    import psycopg2

    log = logging.getLogger(__name__)

    def main():
        with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:
            cur.execute("SELECT id, email FROM users WHERE signup_date = current_date - 7")
            for user_id, email in cur.fetchall():
                cur.execute("SELECT 1 FROM email_opt_outs WHERE user_id = %s", (user_id,))
                opted_out = cur.fetchone()
                if opted_out:
                    log.info("user %s opted out", user_id)
                else:
                    cur.execute(
                        "INSERT INTO outgoing_emails (user_id, template) VALUES (%s, 'week1')", (user_id,)
                    )


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        main()

    """
        },
        [("job.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a deny list looked up, then an insert into another table: not keyed (fourth review)
    "insert_unless_blocked": (
        {
            "job.py": """\
    import logging
    import os

    import psycopg2

    log = logging.getLogger(__name__)

    def main():
        with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:
            cur.execute("SELECT domain FROM blocked_domains")
            blocked = cur.fetchall()
            cur.execute("SELECT id, domain FROM signups WHERE created_at > now() - interval '1 day'")
            for signup_id, domain in cur.fetchall():
                if (domain,) not in blocked:
                    cur.execute("INSERT INTO invitations (signup_id) VALUES (%s)", (signup_id,))


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        main()

    """
        },
        [("job.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
