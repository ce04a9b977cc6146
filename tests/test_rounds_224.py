"""Session 25: what blind rounds 224 and on showed, and what session 24 left, as small trees.

Each case fails on 9b07d35, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_PRICE_LOADER = """\
    import sqlite3
    import sys

    import requests


    def save(cur, sku, price):
        {save}


    if __name__ == "__main__":
        conn = sqlite3.connect("prices.db")
        cur = conn.cursor()
        for item in requests.get(sys.argv[1], timeout=10).json():
            save(cur, item["sku"], item["price"])
        conn.commit()
    """

_UPDATE_THEN_INSERT = """\
cur.execute("UPDATE prices SET price = ? WHERE sku = ?", (price, sku))
        if cur.rowcount == 0:
            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))"""

_FETCHED_KEYS = """\
cur.execute("SELECT sku FROM prices")
        known = {{row[0] for row in cur.fetchall()}}
        if {test}:
            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))"""

_PIECES_LOADER = """\
    import requests
    import sqlalchemy

    trades = requests.get("https://api.example.com/trades", timeout=10).json()
    engine = sqlalchemy.create_engine("sqlite:///trades.db")
    initial_q = "INSERT INTO trades (tid, price) VALUES "
    values_q = ",".join("({{}}, {{}})".format(t["tid"], t["price"]) for t in trades)
    {end}
    engine.execute(query)
    """

_DB_SETUP = """\
    {imports}import mysql.connector as mysql

    db = mysql.connect(user="root", host="localhost")
    cursor = db.cursor()
    cursor.execute("CREATE DATABASE db;")
    create = "CREATE TABLE data (id varchar(255), seen TIME, PRIMARY KEY (id, seen));"
    cursor.execute(create)
    db.commit()
    """

_OPENER_SCRIPT = """\
    {setup}import urllib.request


    def fetch(url):
        opener = urllib.request.build_opener()
        opener.addheaders = [("User-Agent", "Mozilla/5.0")]
        return opener.open(url{args}).read()


    if __name__ == "__main__":
        with open("feed.xml", "wb") as out:
            out.write(fetch("https://example.com/feed"))
    """

_PRICE_POST = """\
    import requests

    WEBHOOK_URL = "https://discord.com/api/webhooks/{hook}"


    if __name__ == "__main__":
        requests.post(WEBHOOK_URL, json={{"content": "price: 42"}}, timeout=10)
    """

# (a made-up token of the right shape)
_HOOK_TOKEN = "vII1Ke1qLMf_Cus3D7j51puPUSxPTNU574Zs7E5VxmGEIQ4qT5Eyx9KVfHDNCZpcFvvU"

_WATCHER = """\
    import os
    import time

    import requests

    {setting} = os.environ.get("{env}")


    def {ping}():
        if {setting}:
            requests.get({setting}, timeout=10)


    def check():
        return requests.get("https://portal.example.com/jobs", timeout=10).json()


    if __name__ == "__main__":
        while True:
            check()
            {ping}()
            time.sleep(300)
    """

_TAILER = """\
    import os
    from time import sleep

    METRICS_FILE = "metrics.txt"
    LOG_FILE = "app.log"


    def main():
        gather()


    def metrics():
        with open(METRICS_FILE) as f:
            return f.read()


    def gather():
        for line in tail():
            with open(METRICS_FILE, "a") as out:
                out.write(line)


    def tail():
        current = open(LOG_FILE)
        current.seek(0, os.SEEK_END)
        while True:
            line = current.readline()
            if not line:
                sleep(0.1)
                continue
            yield line


    if __name__ == "__main__":
        main()
    """

_EXPORTER_APP = """\
    from flask import Flask, make_response
    from tailer import *

    app = Flask(__name__)


    @app.route("/metrics")
    def index():
        {body}
        return make_response(metrics(), 200)


    if __name__ == "__main__":
        app.run(host="0.0.0.0")
    """

_CELERY_APP = """\
    import os

    from celery import Celery

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    app = Celery("proj")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.autodiscover_tasks()
    """

_DJANGO_SETTINGS = """\
    INSTALLED_APPS = ["django.contrib.auth", "news"]
    ROOT_URLCONF = "proj.urls"
    CELERY_BEAT_SCHEDULE = {
        "load-news": {"task": "news.tasks.load", "schedule": 86400.0},
    }
    """

_MQTT_DAEMON = """\
    import signal
    import time

    import paho.mqtt.client as mqtt


    class Publisher:
        def __init__(self):
            self.{flag} = False
            self.client = mqtt.Client()

        def run(self):
            self.client.connect("broker.local")
            self.client.{start}()
            self.{flag} = True
            while self.{flag}:
                time.sleep(1)

        def stop(self, *args):
            self.{flag} = False


    if __name__ == "__main__":
        publisher = Publisher()
        signal.signal(signal.SIGTERM, publisher.stop)
        publisher.run()
    """

_CRON_INSTALL = """\
    from crontab import CronTab

    cron = CronTab(user="pi")
    cron.remove_all({which})
    job = cron.new(command="python3 /opt/sense/collect.py", comment="sense")
    job.minute.every(5)
    cron.write()
    """

_GPIO_API = """\
    from flask import Flask

    app = Flask(__name__)


    @app.route("/pin/<int:pin>")
    def toggle(pin):
        return {"pin": pin}


    if __name__ == "__main__":
        app.run(host="0.0.0.0", debug=True)
    """

_SCRAPER_AND_BOT = {
    "scraper.py": """\
        import time

        import requests


        def prices():
            return requests.get("https://api.example.com/prices", timeout=10).json()


        def show():
            while True:
                print(prices())
                time.sleep(5)


        if __name__ == "__main__":
            show()
        """,
    "bot.py": """\
        import logging
        import time

        from scraper import prices

        logging.basicConfig(level=logging.INFO)


        def main():
            while True:
                logging.info("prices: %s", prices())
                time.sleep(60)


        if __name__ == "__main__":
            main()
        """,
}

_FEEDS_CHECK = """\
    import json
    import socket
    import urllib.request


    def reachable(host):
        previous = socket.getdefaulttimeout()
        socket.setdefaulttimeout(2)
        try:
            socket.create_connection((host, 443)).close()
            return True
        except OSError:
            return False
        finally:
            socket.setdefaulttimeout(previous)


    if __name__ == "__main__":
        if reachable("example.com"):
            with urllib.request.urlopen("https://example.com/feed.json") as resp:
                with open("feed.json", "w") as out:
                    json.dump(json.load(resp), out)
    """

_UPTIME = """\
    import logging
    import time

    import requests

    logging.basicConfig(level=logging.INFO)
    SERVICES = ["https://api.example.com", "https://auth.example.com"]


    def {name}():
        return [s for s in SERVICES if requests.get(s + "/healthz", timeout=5).status_code != 200]


    if __name__ == "__main__":
        while True:
            down = {name}()
            if down:
                requests.post("https://alerts.example.com/notify", json={{"down": down}}, timeout=5)
            time.sleep(60)
    """

_FACTORY_APP = {
    "server.py": """\
        from flask import Flask


        def create_app(config):
            app = Flask(__name__)
            app.config.from_object(config)
            return app


        def init_app(app):
            @app.route("/play")
            def play():
                return "ok"
        """,
    "config.py": "class Config:\n    DEBUG = False\n",
}

_STAR_APP = {
    "manage.py": """\
        from flask import Flask

        app = Flask(__name__)
        """,
    "views.py": """\
        from manage import *


        @app.route("/")
        def index():
            return "waiting"


        if __name__ == "__main__":
            app.run("0.0.0.0", 8080)
        """,
    "wsgi.py": """\
        from views import app

        if __name__ == "__main__":
            app.run(port=8080)
        """,
}

_RESTARTED_SCHEDULER = """\
    import logging

    from apscheduler.schedulers.blocking import BlockingScheduler

    logging.basicConfig()


    def report():
        logging.info("report sent")


    scheduler = BlockingScheduler()
    scheduler.add_job(report, "cron", hour=9)

    while True:
        try:
            scheduler.start()
        except Exception as e:
            print(e)
    """

_SCHEDULER_BESIDE_LOOP = """\
    import logging
    import sqlite3

    import serial
    from apscheduler.schedulers.background import BackgroundScheduler

    logging.basicConfig(level=logging.INFO)
    conn = sqlite3.connect("readings.db", check_same_thread=False)
    port = serial.Serial("/dev/ttyUSB0", 9600)


    def upload():
        logging.info("uploading readings")


    scheduler = BackgroundScheduler()
    scheduler.add_job(upload, "interval", minutes=5)
    scheduler.start()

    while True:
        line = port.readline().decode().strip()
        conn.execute("INSERT OR IGNORE INTO readings (raw) VALUES (?)", (line,))
        conn.commit()
    """

_EXPORT_HELP = """\
    import argparse
    import csv
    import sys

    import requests

    MAX_LEN = 200


    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("url")
        parser.add_argument(
            "--max-len",
            type=int,
            default=MAX_LEN,
            help=f"longest description kept (default {MAX_LEN}). " "{second}",
        )
        args = parser.parse_args()
        writer = csv.writer(sys.stdout)
        for row in requests.get(args.url, timeout=10).json():
            writer.writerow([row["id"], row["title"][: args.max_len]])


    if __name__ == "__main__":
        main()
    """

_NAMED_PIECES = """\
    import sqlite3
    import sys

    {top}


    def save(cur, rows):
        {body}


    if __name__ == "__main__":
        conn = sqlite3.connect(sys.argv[1])
        save(conn.cursor(), [("a", 1)])
        conn.commit()
    """

_CASES: dict[str, Case] = {
    # the hand-written upsert: update, and insert only when the update touched no row
    "insert_when_update_touched_nothing": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT)},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_when_update_touched_nothing_negated": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("cur.rowcount == 0", "not cur.rowcount"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: an update of another table says nothing of the row the insert writes
    "insert_after_update_of_another_table": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("UPDATE prices", "UPDATE runs"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # trap: inserted when the update did touch a row: a second row with the same key
    "insert_when_update_touched_a_row": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("cur.rowcount == 0", "cur.rowcount > 0"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # the lookup's result bound in the test itself
    "insert_when_walrus_row_is_none": (
        {
            "load.py": _PRICE_LOADER.format(
                save='cur.execute("SELECT 1 FROM prices WHERE sku = ?", (sku,))\n'
                "        if (row := cur.fetchone()) is None:\n"
                '            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))'
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # the keys already stored, fetched once into a set, then looked up
    "insert_when_key_not_among_fetched_keys": (
        {"load.py": _PRICE_LOADER.format(save=_FETCHED_KEYS.format(test="sku not in known"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: inserted when the key is among those stored
    "insert_when_key_among_fetched_keys": (
        {"load.py": _PRICE_LOADER.format(save=_FETCHED_KEYS.format(test="sku in known"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # the upsert clause kept as a piece of its own, joined to the INSERT later (round 229)
    "insert_with_clause_as_a_piece": (
        {
            "load.py": _PIECES_LOADER.format(
                end='end_q = " ON DUPLICATE KEY UPDATE price = VALUES(price)"\n    query = initial_q + values_q + end_q'
            )
        },
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    # trap: the pieces joined with no clause
    "insert_pieces_without_clause": (
        {"load.py": _PIECES_LOADER.format(end='end_q = ";"\n    query = initial_q + values_q + end_q')},
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # a setup.py that creates the database, importing no packaging tool, is a set-up script (round 229)
    "setup_py_creating_a_database": (
        {"setup.py": _DB_SETUP.format(imports="")},
        [("setup.py", "job", "script")],
        None,
    ),
    # trap: a setup.py that packages the project is none
    "setup_py_packaging": (
        {"setup.py": _DB_SETUP.format(imports="from setuptools import setup\n    ")},
        [],
        None,
    ),
    # an opener urllib built waits as long as urlopen does (round 229)
    "opener_open_without_timeout": (
        {"fetch.py": _OPENER_SCRIPT.format(setup="", args="")},
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    "opener_open_with_timeout": (
        {"fetch.py": _OPENER_SCRIPT.format(setup="", args=", timeout=20")},
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # trap: a process-wide socket timeout covers urllib's calls
    "opener_open_with_socket_default": (
        {"fetch.py": _OPENER_SCRIPT.format(setup="import socket\n    socket.setdefaulttimeout(30)\n    ", args="")},
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # a Discord webhook's address holds its token (round 230)
    "discord_webhook_url": (
        {"post.py": _PRICE_POST.format(hook="1468337671041581168/" + _HOOK_TOKEN)},
        [("post.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # trap: a token spelt by hand is a placeholder
    "discord_webhook_placeholder": (
        {"post.py": _PRICE_POST.format(hook="123456789012345678/" + "abcdefghijklmnopqrstuvwxyz" * 3)},
        [("post.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # a ping to a health-check service, named so (round 226)
    "healthcheck_ping_function": (
        {"watch.py": _WATCHER.format(env="PORTAL_PING", setting="PING_URL", ping="_ping_healthcheck")},
        [("watch.py", "worker", "polling-loop")],
        ("missing-heartbeat", "pass"),
    ),
    "healthcheck_ping_setting": (
        {"watch.py": _WATCHER.format(env="HC_URL", setting="HEALTHCHECK_PING_URL", ping="notify")},
        [("watch.py", "worker", "polling-loop")],
        ("missing-heartbeat", "pass"),
    ),
    # trap: a check of one's own health is no ping
    "healthcheck_of_its_own": (
        {"watch.py": _WATCHER.format(env="PORTAL_URL", setting="PORTAL_URL", ping="healthcheck")},
        [("watch.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # a script's own polling loop two calls below its `__main__` block, while the app importing it
    # takes only another function (round 231)
    "script_loop_below_main_beside_importer": (
        {"tailer.py": _TAILER, "app.py": _EXPORTER_APP.format(body="pass")},
        [("app.py", "api", "flask"), ("tailer.py", "worker", "polling-loop")],
        None,
    ),
    # trap: the app runs the same functions: the loop is reached from the app, no process of its own
    "script_loop_below_main_run_by_importer": (
        {"tailer.py": _TAILER, "app.py": _EXPORTER_APP.format(body="gather()")},
        [("app.py", "api", "flask")],
        None,
    ),
    # a beat schedule kept in Django's settings runs from the Celery app that reads them (round 232)
    "beat_schedule_in_django_settings": (
        {
            "proj/__init__.py": "",
            "proj/celery.py": _CELERY_APP,
            "proj/settings.py": _DJANGO_SETTINGS,
            "proj/urls.py": "urlpatterns = []\n",
        },
        [
            ("proj/celery.py", "job", "celery-beat"),
            ("proj/celery.py", "worker", "celery"),
            ("proj/settings.py", "api", "django"),
        ],
        None,
    ),
    # trap: with a schedule in the code as well, each stays where it is written
    "beat_schedule_in_settings_and_code": (
        {
            "proj/__init__.py": "",
            "proj/celery.py": _CELERY_APP.rstrip(" ")
            + '    app.conf.beat_schedule = {"ping": {"task": "t.ping", "schedule": 60.0}}\n',
            "proj/settings.py": _DJANGO_SETTINGS,
            "proj/urls.py": "urlpatterns = []\n",
        },
        [
            ("proj/celery.py", "job", "celery-beat"),
            ("proj/celery.py", "worker", "celery"),
            ("proj/settings.py", "api", "django"),
            ("proj/settings.py", "job", "celery-beat"),
        ],
        None,
    ),
    # trap: a wait on a run flag after starting an MQTT client's loop is also how a one-shot
    # publisher waits for its acknowledgement: a script cron runs stays cron's job (the review of
    # the change; the daemon of round 236, waiting so until SIGTERM, is left a job)
    "mqtt_publish_waits_on_flag": (
        {
            "daemon.py": _MQTT_DAEMON.format(flag="is_run", start="loop_start"),
            "crontab": "*/5 * * * * python3 daemon.py\n",
        },
        [("daemon.py", "job", "crontab")],
        None,
    ),
    # a script rewriting the user's crontab is a job, and wiping every entry is a deletion (rounds 229, 236)
    "crontab_wiped_and_written": (
        {"install_cron.py": _CRON_INSTALL.format(which="")},
        [("install_cron.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # trap: removing only its own entries before adding them again is the idempotent install
    "crontab_own_entries_replaced": (
        {"install_cron.py": _CRON_INSTALL.format(which='comment="sense"')},
        [("install_cron.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # the `__main__` block's debug server is what the Dockerfile runs in production (round 236)
    "debug_main_block_run_by_dockerfile": (
        {"api.py": _GPIO_API, "Dockerfile": "FROM python:3.11\nCOPY . .\nENTRYPOINT python3 api.py\n"},
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # trap: with no deployment running the file, the block is a development server
    "debug_main_block_alone": (
        {"api.py": _GPIO_API},
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # trap: a deployment serving the app another way never runs the block
    "debug_main_block_served_by_gunicorn": (
        {"api.py": _GPIO_API, "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["gunicorn", "api:app"]\n'},
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a serverless function's events are no program a deployment runs (the deployed files are
    # looked up for every project now: a handler both scheduled and routed crashed that once)
    "debug_main_block_beside_serverless_function": (
        {
            "api.py": _GPIO_API,
            "handler.py": "import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n",
            "serverless.yml": "service: nightly\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  nightly:\n    handler: handler.handler\n"
            "    events:\n      - schedule:\n          rate: rate(1 day)\n          input: {name: daily}\n"
            "      - http:\n          path: /now\n",
        },
        [("api.py", "api", "flask"), ("handler.py", "api", "aws-lambda"), ("handler.py", "job", "aws-lambda")],
        ("debug-mode-enabled", 0),
    ),
    # a module a factory's app is set up in at import (`app = create_app(conf)`, then `init_app(app)`):
    # what `gunicorn app:app` imports, no job (round 241)
    "factory_app_set_up_at_import": (
        {
            **_FACTORY_APP,
            "app.py": "from config import Config\nfrom server import create_app, init_app\n\napp = create_app(Config)\nwith app.app_context():\n    init_app(app)\n",
        },
        [("server.py", "api", "flask")],
        None,
    ),
    # trap: a script seeding through the app's context does other work, and stays a job
    "factory_app_seeded_at_import": (
        {
            **_FACTORY_APP,
            "seed.py": "from config import Config\nfrom server import create_app, init_app\n\napp = create_app(Config)\nwith app.app_context():\n    init_app(app)\n    load_fixtures(app)\n",
        },
        [("seed.py", "job", "script"), ("server.py", "api", "flask")],
        None,
    ),
    # an app another module builds, reached through `from manage import *`, run by a `__main__`
    # block directly or through a module importing it: the app's server, no job (round 238)
    "app_run_through_star_import": (
        _STAR_APP,
        [("manage.py", "api", "flask")],
        None,
    ),
    # a BlockingScheduler started again round after round when it fails: the scheduler's job, no
    # worker beside it (round 238)
    "blocking_scheduler_restarted": (
        {"jobs.py": _RESTARTED_SCHEDULER},
        [("jobs.py", "job", "apscheduler")],
        None,
    ),
    # an INSERT whose first piece is an f-string, the others plain strings (round 242)
    "insert_fstring_among_pieces": (
        {
            "load.py": _PRICE_LOADER.format(
                save='cur.execute(\n            (f"INSERT INTO prices " "(sku, price) " "VALUES (?, ?)"),\n            (sku, price),\n        )'
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}

_REVIEW_CASES: dict[str, Case] = {
    # an upsert piece bound to a name counts only where it is added to the INSERT
    "insert_pieces_not_joined": (
        {
            "load.py": _PIECES_LOADER.format(
                end='end_q = " ON DUPLICATE KEY UPDATE price = VALUES(price)"\n    query = initial_q + values_q'
            )
        },
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    "insert_beside_an_upsert_of_another_table": (
        {
            "load.py": _PIECES_LOADER.format(
                end='end_q = " ON DUPLICATE KEY UPDATE price = VALUES(price)"\n'
                '    engine.execute("INSERT INTO runs (at) VALUES (NOW())")\n'
                "    query = initial_q + values_q + end_q"
            )
        },
        [("load.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    "insert_beside_a_message_about_conflicts": (
        {
            "load.py": _PRICE_LOADER.format(
                save='note = "on conflict the newest price wins"\n'
                '        cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))'
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a helper's `__main__` demo that prints and sleeps round after round is no worker
    "helper_demo_loop_beside_importer": (
        _SCRAPER_AND_BOT,
        [("bot.py", "worker", "polling-loop")],
        None,
    ),
    # the debug server only under a flag of its own, or run only by a development Dockerfile
    "debug_main_block_under_dev_flag": (
        {
            "api.py": _GPIO_API.replace(
                '        app.run(host="0.0.0.0", debug=True)',
                '        if "--dev" in sys.argv:\n            app.run(host="0.0.0.0", debug=True)\n'
                '        else:\n            serve(app, host="0.0.0.0")',
            ).replace(
                "from flask import Flask", "import sys\n\n    from flask import Flask\n    from waitress import serve"
            ),
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    "debug_main_block_run_by_dev_dockerfile": (
        {
            "api.py": _GPIO_API,
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["gunicorn", "api:app"]\n',
            "Dockerfile.dev": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a socket timeout set for one probe and restored covers no later call
    "socket_timeout_set_and_restored": (
        {"feeds.py": _FEEDS_CHECK},
        [("feeds.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # a monitor asking other services' health routes sends no sign of its own life
    "monitor_asking_others_health": (
        {"uptime.py": _UPTIME.format(name="ping_healthchecks")},
        [("uptime.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # a webhook token spelt out in order is a stand-in; the versioned address holds a real one
    "discord_webhook_ordered_placeholder": (
        {
            "post.py": _PRICE_POST.format(
                hook="123456789012345678/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-abcd"
            )
        },
        [("post.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    "discord_webhook_versioned_url": (
        {
            "post.py": _PRICE_POST.format(hook="1468337671041581168/" + _HOOK_TOKEN).replace(
                "/api/webhooks/", "/api/v10/webhooks/"
            )
        },
        [("post.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # a crontab file the project keeps, regenerated from scratch, is not the user's crontab wiped
    "crontab_file_regenerated": (
        {
            "gen_crontab.py": _CRON_INSTALL.format(which="").replace(
                'CronTab(user="pi")', 'CronTab(tabfile="deploy/crontab")'
            )
        },
        [("gen_crontab.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # (the second review, of 5317c3b..fe24e4e)
    # a set-up script seeding through a factory's app does its own work (`init_db()`): a job
    "factory_app_with_init_db": (
        {
            **_FACTORY_APP,
            "init_db.py": "from config import Config\nfrom server import create_app\nfrom db import init_db\n\napp = create_app(Config)\nwith app.app_context():\n    init_db()\n",
            "db.py": "def init_db():\n    return None\n",
        },
        [("init_db.py", "job", "script"), ("server.py", "api", "flask")],
        None,
    ),
    # a loop doing work beside a started BackgroundScheduler is a worker of its own
    "work_loop_beside_started_scheduler": (
        {"logger.py": _SCHEDULER_BESIDE_LOOP},
        [("logger.py", "job", "apscheduler"), ("logger.py", "worker", "polling-loop")],
        None,
    ),
    # an upsert clause in an f-string piece beside the INSERT's plain piece
    "insert_clause_in_fstring_piece": (
        {
            "load.py": _PRICE_LOADER.format(
                save='cur.execute(\n            "INSERT INTO prices (sku, price) VALUES (?, ?) "\n'
                '            f"ON CONFLICT ({KEY}) DO UPDATE SET price = excluded.price",\n'
                "            (sku, price),\n        )"
            ).replace("import requests\n", 'import requests\n\n    KEY = "sku"\n')
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # a help text written as an f-string and a plain string side by side is read as one sentence
    "help_text_pieces_read_as_one": (
        {"export.py": _EXPORT_HELP.replace("{second}", "Truncate longer ones instead of skipping them.")},
        [("export.py", "job", "argparse")],
        ("missing-dry-run", "na"),
    ),
    # pieces joined where the statement runs, kept at module level, or bound as an f-string
    "insert_pieces_joined_in_the_call": (
        {
            "load.py": _NAMED_PIECES.format(
                top="",
                body='sql = "INSERT INTO prices (sku, price) VALUES (?, ?)"\n'
                '        upsert = " ON CONFLICT (sku) DO UPDATE SET price = excluded.price"\n'
                "        cur.executemany(sql + upsert, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_pieces_at_module_level": (
        {
            "load.py": _NAMED_PIECES.format(
                top='INSERT_SQL = "INSERT INTO prices (sku, price) VALUES (?, ?)"\n'
                '    UPSERT = " ON CONFLICT (sku) DO NOTHING"',
                body="cur.executemany(INSERT_SQL + UPSERT, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_bound_as_fstring": (
        {
            "load.py": _NAMED_PIECES.format(
                top='TABLE = "prices"',
                body='sql = f"INSERT INTO {TABLE} (sku, price) VALUES (?, ?)"\n'
                '        upsert = " ON CONFLICT (sku) DO NOTHING"\n'
                "        query = sql + upsert\n"
                "        cur.executemany(query, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: a name bound to one INSERT run plain, then to another joined to the clause
    "insert_name_bound_twice": (
        {
            "load.py": _NAMED_PIECES.format(
                top='UPSERT = " ON CONFLICT (sku) DO NOTHING"',
                body='sql = "INSERT INTO runs (at) VALUES (CURRENT_TIMESTAMP)"\n'
                "        cur.execute(sql)\n"
                '        sql = "INSERT INTO prices (sku, price) VALUES (?, ?)"\n'
                "        cur.executemany(sql + UPSERT, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a process-wide socket timeout set in a function covers urllib's calls
    "socket_timeout_set_in_a_function": (
        {
            "fetch.py": _OPENER_SCRIPT.format(setup="import socket\n    ", args="").replace(
                "def fetch(url):\n", "def fetch(url):\n        socket.setdefaulttimeout(30)\n"
            )
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # debug in every branch of the `__main__` block a Dockerfile runs is still debug in production
    "debug_main_block_in_every_branch": (
        {
            "api.py": _GPIO_API.replace(
                '        app.run(host="0.0.0.0", debug=True)',
                '        if os.path.exists("cert.pem"):\n'
                '            app.run(host="0.0.0.0", ssl_context=("cert.pem", "key.pem"), debug=True)\n'
                '        else:\n            app.run(host="0.0.0.0", debug=True)',
            ).replace("from flask import Flask", "import os\n\n    from flask import Flask"),
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 2),
    ),
    # the system crontab named as a file is wiped all the same
    "system_crontab_file_wiped": (
        {
            "install_cron.py": _CRON_INSTALL.format(which="").replace(
                'CronTab(user="pi")', 'CronTab(tabfile="/etc/crontab", user=False)'
            )
        },
        [("install_cron.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # (the third review, of fe24e4e..3f8dd01)
    # upsert pieces joined in any call's arguments, or inside another expression
    "insert_pieces_joined_in_a_helper_call": (
        {
            "load.py": _NAMED_PIECES.format(
                top='SQL = "INSERT INTO prices (sku, price) VALUES %s"\n'
                '    UPSERT = " ON CONFLICT (sku) DO UPDATE SET price = excluded.price"\n\n\n'
                "    def run_sql(cur, sql, rows):\n        cur.executemany(sql, rows)",
                body="run_sql(cur, SQL + UPSERT, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_pieces_joined_then_formatted": (
        {
            "load.py": _NAMED_PIECES.format(
                top='UPSERT = " ON CONFLICT (sku) DO NOTHING"',
                body='sql = "INSERT INTO prices (sku, price) VALUES (%s, %s)"\n'
                "        for sku, price in rows:\n"
                "            cur.execute((sql + UPSERT) % (sku, price))",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: a local name shadowing the module's upsert piece is no piece
    "insert_piece_shadowed_in_function": (
        {
            "load.py": _NAMED_PIECES.format(
                top='UPSERT = " ON CONFLICT (sku) DO NOTHING"',
                body='UPSERT = rows and "" or ";"\n'
                '        sql = "INSERT INTO prices (sku, price) VALUES (?, ?)"\n'
                "        cur.executemany(sql + UPSERT, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # keys fetched with a slice are keys fetched all the same
    "insert_when_key_not_among_sliced_keys": (
        {
            "load.py": _PRICE_LOADER.format(
                save=_FETCHED_KEYS.format(test="sku not in known").replace("cur.fetchall()", "cur.fetchall()[:1000]")
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # an INSERT bound as an f-string beside plain strings, joined to its upsert piece
    "insert_bound_as_mixed_pieces": (
        {
            "load.py": _NAMED_PIECES.format(
                top='TABLE = "prices"',
                body='sql = f"INSERT INTO {TABLE} " "(sku, price) VALUES (?, ?)"\n'
                '        upsert = " ON CONFLICT (sku) DO NOTHING"\n'
                "        cur.executemany(sql + upsert, rows)",
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # strings side by side read as one keep every plain-string check: a lower-case DELETE, a
    # metrics file's name
    "delete_in_mixed_pieces": (
        {
            "purge.py": _NAMED_PIECES.format(
                top="",
                body='cutoff = rows[0][0]\n        cur.execute("delete from prices " f"where day < \'{cutoff}\'")',
            )
        },
        [("purge.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "metrics_file_in_mixed_pieces": (
        {
            "job.py": _OPENER_SCRIPT.format(setup="import sys\n    ", args=", timeout=10").replace(
                'with open("feed.xml", "wb") as out:\n            out.write(fetch("https://example.com/feed"))',
                'page = fetch("https://example.com/feed")\n'
                '        with open(f"out/{sys.argv[1]}-" "metrics.jsonl", "a") as out:\n'
                "            out.write(str(len(page)))",
            )
        },
        [("job.py", "job", "python")],
        ("missing-metrics", "pass"),
    ),
    # debug only in the development branch, the other serving with debug off; and a command run
    # beside it is no other way of serving
    "debug_main_block_else_debug_off": (
        {
            "api.py": _GPIO_API.replace(
                '        app.run(host="0.0.0.0", debug=True)',
                '        if os.environ.get("FLASK_ENV") == "development":\n'
                '            app.run(host="0.0.0.0", debug=True)\n'
                '        else:\n            app.run(host="0.0.0.0", port=8080, debug=False)',
            ).replace("from flask import Flask", "import os\n\n    from flask import Flask"),
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    "debug_main_block_beside_a_command": (
        {
            "api.py": _GPIO_API.replace(
                '        app.run(host="0.0.0.0", debug=True)',
                '        subprocess.run(["flask", "db", "upgrade"], check=True)\n'
                '        if os.path.exists("cert.pem"):\n'
                '            app.run(host="0.0.0.0", debug=True)',
            ).replace("from flask import Flask", "import os\n    import subprocess\n\n    from flask import Flask"),
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # the default timeout read to be logged is no restore; set back to None after a probe is one
    "socket_timeout_read_for_a_log": (
        {
            "fetch.py": _OPENER_SCRIPT.format(
                setup="import logging\n    import socket\n\n    socket.setdefaulttimeout(30)\n"
                '    logging.info("timeout %s", socket.getdefaulttimeout())\n    ',
                args="",
            )
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "socket_timeout_set_back_to_none": (
        {
            "feeds.py": _FEEDS_CHECK.replace("previous = socket.getdefaulttimeout()\n        ", "").replace(
                "setdefaulttimeout(previous)", "setdefaulttimeout(None)"
            )
        },
        [("feeds.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # a systemd unit named for development runs nothing in production
    "debug_main_block_run_by_dev_unit": (
        {
            "api.py": _GPIO_API,
            "deploy/api-dev.service": "[Service]\nWorkingDirectory=/srv/api\nExecStart=/usr/bin/python3 api.py\n",
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a crontab file named by a variable is still the project's own
    "crontab_file_named_by_variable": (
        {
            "gen_crontab.py": _CRON_INSTALL.format(which="")
            .replace('CronTab(user="pi")', 'CronTab(tabfile=os.path.join(HERE, "deploy", "crontab"))')
            .replace(
                "from crontab import CronTab",
                "import os\n\n    from crontab import CronTab\n\n    HERE = os.path.dirname(__file__)",
            )
        },
        [("gen_crontab.py", "job", "script")],
        ("missing-dry-run", "na"),
    ),
    # an app set up at import by init_celery(app) too is still only set up
    "factory_app_set_up_with_celery": (
        {
            **_FACTORY_APP,
            "app.py": "from config import Config\nfrom server import create_app, init_app, init_celery\n\napp = create_app(Config)\ninit_app(app)\ninit_celery(app)\n",
        },
        [("server.py", "api", "flask")],
        None,
    ),
    # a loop starting a BackgroundScheduler when it is not running, then working, stays a worker
    "background_scheduler_started_in_work_loop": (
        {
            "logger.py": _SCHEDULER_BESIDE_LOOP.replace(
                "scheduler.start()\n\n    while True:\n",
                "\n    while True:\n        if not scheduler.running:\n            scheduler.start()\n",
            )
        },
        [("logger.py", "job", "apscheduler"), ("logger.py", "worker", "polling-loop")],
        None,
    ),
    # (the fourth review, of 3f8dd01..44eab23)
    # another way of serving the app: Bottle's run(app, server=...), gunicorn's custom application
    "debug_main_block_else_bottle_server": (
        {
            "api.py": """\
                import os

                from bottle import Bottle, run

                app = Bottle()


                @app.route("/pin/<pin:int>")
                def toggle(pin):
                    return {"pin": pin}


                if __name__ == "__main__":
                    if os.environ.get("APP_ENV") == "development":
                        run(app, host="0.0.0.0", debug=True, reloader=True)
                    else:
                        run(app, host="0.0.0.0", server="waitress")
                """,
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "bottle")],
        ("debug-mode-enabled", 0),
    ),
    "debug_main_block_else_gunicorn_application": (
        {
            "api.py": _GPIO_API.replace(
                '        app.run(host="0.0.0.0", debug=True)',
                '        if os.environ.get("FLASK_ENV") == "development":\n'
                '            app.run(host="0.0.0.0", debug=True)\n'
                '        else:\n            StandaloneApplication(app, {"bind": "0.0.0.0:8000"}).run()',
            ).replace(
                "from flask import Flask",
                "import os\n\n    from flask import Flask\n    from serving import StandaloneApplication",
            ),
            "serving.py": "from gunicorn.app.base import BaseApplication\n\n\nclass StandaloneApplication(BaseApplication):\n    pass\n",
            "Dockerfile": 'FROM python:3.11\nCOPY . .\nCMD ["python", "api.py"]\n',
        },
        [("api.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a script adding an admin through the factory's app does its own work: a job
    "factory_app_with_add_admin": (
        {
            **_FACTORY_APP,
            "create_admin.py": "import sys\n\nfrom config import Config\nfrom server import create_app\nfrom users import add_admin\n\napp = create_app(Config)\nadd_admin(app, sys.argv[1])\n",
            "users.py": "def add_admin(app, name):\n    return name\n",
        },
        [("create_admin.py", "job", "script"), ("server.py", "api", "flask")],
        None,
    ),
    # a lower-case help text beside an f-string is no TRUNCATE
    "help_text_lower_case_truncate": (
        {
            "export.py": _EXPORT_HELP.replace(
                'help=f"longest description kept (default {MAX_LEN}). " "{second}"',
                'help="truncate descriptions longer than this " f"(default {MAX_LEN}).",',
            ).replace('default {MAX_LEN}).",,', 'default {MAX_LEN}).",')
        },
        [("export.py", "job", "argparse")],
        ("missing-dry-run", "na"),
    ),
    # statements kept in a dict: an INSERT joined there to its upsert piece
    "insert_joined_in_a_dict": (
        {
            "load.py": _NAMED_PIECES.format(
                top='PRICE_INSERT = "INSERT INTO prices (sku, price) VALUES (?, ?)"\n'
                '    ON_SKU = " ON CONFLICT (sku) DO UPDATE SET price = excluded.price"\n'
                '    QUERIES = {"prices": PRICE_INSERT + ON_SKU, "count": "SELECT COUNT(*) FROM prices"}',
                body='cur.executemany(QUERIES["prices"], rows)',
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: a plain INSERT beside one joined to its upsert in the same statement
    "insert_beside_a_joined_one_in_a_dict": (
        {
            "load.py": _NAMED_PIECES.format(
                top='ON_SKU = " ON CONFLICT (sku) DO UPDATE SET price = excluded.price"\n'
                "    QUERIES = {\n"
                '        "events": "INSERT INTO events (id, kind) VALUES (?, ?)",\n'
                '        "prices": "INSERT INTO prices (sku, price) VALUES (?, ?)" + ON_SKU,\n'
                "    }",
                body='cur.executemany(QUERIES["prices"], rows)\n        cur.execute(QUERIES["events"], (1, "load"))',
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # the system crontab named by a constant
    "system_crontab_named_by_constant": (
        {
            "install_cron.py": _CRON_INSTALL.format(which="")
            .replace('CronTab(user="pi")', "CronTab(tabfile=SYSTEM_CRONTAB, user=False)")
            .replace(
                "from crontab import CronTab", 'from crontab import CronTab\n\n    SYSTEM_CRONTAB = "/etc/crontab"'
            )
        },
        [("install_cron.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
