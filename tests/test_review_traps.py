"""Shapes a code review of blind rounds 8-11's changes found wrongly reported: each must pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run

Tree = Callable[[dict[str, str]], Path]

EXIT_CODE_KEPT = {
    # a retry loop that logs each attempt and raises once it gives up
    "retry": {
        "fetch.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch(url):\n    for attempt in range(3):\n        try:\n            r = requests.get(url, timeout=5)\n            r.raise_for_status()\n            return r.json()\n        except requests.RequestException as e:\n            log.warning("attempt %d failed: %s", attempt, e)\n    raise RuntimeError("gave up")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    data = fetch("https://api.example.com/export")\n    with open("out.json", "w") as f:\n        f.write(str(data))\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # a notification helper's own logged failure, called from a handler that re-raises
    "alert": {
        "job.py": 'import logging\nimport subprocess\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef alert(text):\n    try:\n        requests.post("https://hooks.example.com/alert", json={"text": text}, timeout=5)\n    except requests.RequestException:\n        log.exception("could not send alert")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    try:\n        subprocess.run(["pg_dump", "-f", "db.sql", "app"], check=True)\n    except subprocess.CalledProcessError:\n        alert("backup failed")\n        raise\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # a helper whose result the job checks
    "bool": {
        "job.py": 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef upload(path):\n    r = requests.post("https://api.example.com/upload", data=open(path, "rb"), timeout=30)\n    if r.status_code == 200:\n        log.info("uploaded %s", path)\n    else:\n        log.error("upload failed: %s", r.text)\n    return r.ok\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    if not upload("report.csv"):\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # a notification sent from another module
    "notify": {
        "job.py": 'import logging\nimport subprocess\n\nfrom notify import send_slack\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    subprocess.run(["pg_dump", "-f", "db.sql", "app"], check=True)\n\n\nif __name__ == "__main__":\n    main()\n    send_slack("backup done")\n',
        "notify.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef send_slack(text):\n    try:\n        requests.post("https://hooks.slack.com/x", json={"text": text}, timeout=5)\n    except requests.RequestException as e:\n        log.warning("could not notify slack: %s", e)\n',
    },
    # another module's catch-all that passes, removing scratch files
    "quiet": {
        "job.py": 'import logging\nimport subprocess\n\nfrom utils import remove_scratch\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    subprocess.run(["make", "report"], check=True)\n    remove_scratch("/tmp/report-work")\n',
        "utils.py": "import shutil\n\n\ndef remove_scratch(path):\n    try:\n        shutil.rmtree(path)\n    except Exception:\n        pass\n",
    },
    # an expected condition logged at info level
    "ddl": {
        "migrate.py": 'import logging\nimport sqlite3\n\nlog = logging.getLogger(__name__)\n\n\ndef add_email_column(conn):\n    try:\n        conn.execute("ALTER TABLE users ADD COLUMN email TEXT")\n    except sqlite3.OperationalError:\n        log.info("email column already there")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = sqlite3.connect("app.db")\n    add_email_column(conn)\n    conn.commit()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # a scheduled job that logs and waits for the next round
    "sched": {
        "scheduler.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\n\n\ndef sync():\n    try:\n        r = requests.get("https://api.example.com/items", timeout=10)\n        r.raise_for_status()\n        store(r.json())\n    except requests.RequestException as e:\n        log.error("sync failed, retrying next round: %s", e)\n\n\ndef store(items):\n    pass\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    schedule.every(10).minutes.do(sync)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
    },
    # a star-imported helper whose calls resolve in its own module
    "star": {
        "helpers.py": 'def notify(text):\n    print(text)\n\n\ndef load():\n    with open("rows.txt") as f:\n        rows = f.read().splitlines()\n    notify(f"{len(rows)} rows")\n    return rows\n',
        "main.py": 'import logging\n\nimport requests\n\nfrom helpers import *\n\n\ndef notify(text):\n    try:\n        requests.post("https://chat.example.com/hook", json={"text": text}, timeout=5)\n    except requests.RequestException:\n        logging.warning("chat notification failed")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    load()\n',
    },
    # a retry helper that returns False when it gives up, checked by its caller
    "retry_false": {
        "wait_db.py": 'import sys\nimport time\n\nimport psycopg2\n\n\ndef wait_for_db():\n    for _ in range(30):\n        try:\n            psycopg2.connect("").close()\n            return True\n        except psycopg2.OperationalError:\n            time.sleep(1)\n    return False\n\n\ndef main():\n    ok = wait_for_db()\n    if not ok:\n        print("database never came up")\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # a result the __main__ block keeps and checks (raising)
    "main_checked": {
        "export.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch_rates():\n    rates = None\n    try:\n        rates = requests.get("https://api.example.com/rates", timeout=10).json()\n    except requests.RequestException as error:\n        log.error("rates not fetched: %s", error)\n    return rates\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    rates = fetch_rates()\n    if rates is None:\n        raise RuntimeError("no rates: giving up")\n    log.info("rates: %s", rates)\n',
    },
    # the same local name bound to different classes in two functions
    "method_scope_collision": {
        "export.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\nURLS = ["https://example.com/a", "https://example.com/b"]\n\n\nclass Prefetcher:\n    def run(self):\n        for url in URLS:\n            try:\n                requests.get(url, timeout=5)\n            except Exception:\n                log.warning("prefetch failed for %s", url)\n\n\nclass Exporter:\n    def run(self):\n        response = requests.get("https://api.example.com/export", timeout=10)\n        response.raise_for_status()\n        with open("export.json", "w") as out:\n            out.write(response.text)\n\n\ndef warm_cache():\n    task = Prefetcher()\n    task.run()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    task = Exporter()\n    task.run()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    # self.upload() in a base class, overridden by the subclass that runs
    "self_override": {
        "export.py": 'import json\nimport logging\n\nimport boto3\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass BaseExporter:\n    def run(self):\n        rows = self.fetch()\n        self.upload(rows)\n\n    def fetch(self):\n        response = requests.get("https://api.example.com/rows", timeout=10)\n        response.raise_for_status()\n        return response.json()\n\n    def upload(self, rows):\n        # the default target is a best-effort dashboard\n        try:\n            requests.post("https://dash.example.com/rows", json=rows, timeout=5).raise_for_status()\n        except requests.RequestException as error:\n            log.warning("dashboard upload failed: %s", error)\n\n\nclass S3Exporter(BaseExporter):\n    def upload(self, rows):\n        boto3.client("s3").put_object(Bucket="exports", Key="rows.json", Body=json.dumps(rows))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    S3Exporter().run()\n',
    },
    # a close() method that logs its own failure after the work
    "close_quietly": {
        "job.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\nclass Database:\n    def __init__(self):\n        self.conn = psycopg2.connect(os.environ["DSN"])\n\n    def refresh(self):\n        with self.conn.cursor() as cursor:\n            cursor.execute("REFRESH MATERIALIZED VIEW sales_daily")\n        self.conn.commit()\n\n    def close(self):\n        try:\n            self.conn.close()\n        except psycopg2.Error as error:\n            log.warning("closing the connection failed: %s", error)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    db = Database()\n    try:\n        db.refresh()\n    finally:\n        db.close()\n',
    },
}

SHUTDOWN_HANDLED = {
    # a daemon heartbeat thread beside a self-draining bot
    "hb2": {
        "bot.py": 'import logging\nimport os\nimport threading\n\nfrom telegram.ext import Application, CommandHandler\n\nfrom health import heartbeat\n\n\nasync def start(update, context):\n    await update.message.reply_text("hi")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    threading.Thread(target=heartbeat, daemon=True).start()\n    app = Application.builder().token(os.environ["TOKEN"]).build()\n    app.add_handler(CommandHandler("start", start))\n    app.run_polling()\n\n\nif __name__ == "__main__":\n    main()\n',
        "health.py": 'import pathlib\nimport time\n\n\ndef heartbeat():\n    while True:\n        pathlib.Path("/tmp/healthy").touch()\n        time.sleep(30)\n',
    },
    # a loop in a module a Celery task imports
    "cel": {
        "proj/__init__.py": "",
        "proj/celery_app.py": 'from celery import Celery\n\napp = Celery("proj", broker="redis://redis:6379/0", include=["proj.tasks"])\n',
        "proj/monitor.py": 'import logging\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef check_once():\n    r = requests.get("https://status.example.com", timeout=5)\n    log.info("status %s", r.status_code)\n\n\ndef run_forever():\n    while True:\n        check_once()\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    run_forever()\n',
        "proj/tasks.py": "from proj.celery_app import app\nfrom proj.monitor import check_once\n\n\n@app.task\ndef check():\n    check_once()\n",
    },
}


def _statuses(root: Path, rule: str) -> dict[str, str]:
    report = run([str(root)])
    assert not report.errors
    return {r.entrypoint.path: next(c.status for c in r.checks if c.name == rule) for r in report.entrypoints}


@pytest.mark.parametrize("name", sorted(EXIT_CODE_KEPT))
def test_failures_that_reach_the_exit_status_are_not_reported(make_tree: Tree, name: str) -> None:
    statuses = _statuses(make_tree(EXIT_CODE_KEPT[name]), "missing-exit-code")
    assert statuses and set(statuses.values()) <= {"pass", "na"}, statuses


@pytest.mark.parametrize("name", sorted(SHUTDOWN_HANDLED))
def test_loops_the_entrypoint_does_not_run_do_not_fail_graceful_shutdown(make_tree: Tree, name: str) -> None:
    statuses = _statuses(make_tree(SHUTDOWN_HANDLED[name]), "missing-graceful-shutdown")
    assert [s for path, s in statuses.items() if s == "fail"] == [], statuses


def test_odd_integer_literals_in_status_checks(make_tree: Tree) -> None:
    root = make_tree(
        {
            "job.py": (
                "import requests\n\n\ndef main():\n    r = requests.get('https://x', timeout=5)\n"
                "    if r.status_code == 0xC8:\n        print('ok')\n    else:\n        print('failed')\n"
                "    if r.status_code != 2_00:\n        print('still failed')\n\n\nif __name__ == '__main__':\n    main()\n"
            )
        }
    )
    assert _statuses(root, "missing-exit-code") == {"job.py": "fail"}


def test_a_self_test_that_prints_a_helper_is_no_job_and_a_deep_pipeline_is(make_tree: Tree) -> None:
    root = make_tree(
        {
            "weather.py": (
                "import requests\n\n\ndef get_weather(city):\n    return requests.get('https://w/' + city, timeout=5).json()\n\n\n"
                "if __name__ == '__main__':\n    print(get_weather('Paris'))\n"
            ),
            "app.py": (
                "from flask import Flask\n\nfrom weather import get_weather\n\napp = Flask(__name__)\n\n\n"
                "@app.get('/health')\ndef health():\n    return 'ok'\n\n\n@app.get('/w/<city>')\ndef w(city):\n    return get_weather(city)\n"
            ),
            "etl/etl.py": (
                "import logging\n\nimport requests\n\n\ndef _get_page(n):\n    return requests.get(f'https://x/{n}', timeout=5).json()\n\n\n"
                "def extract():\n    return [_get_page(n) for n in range(3)]\n\n\ndef load(rows):\n    print(len(rows))\n\n\n"
                "def pipeline():\n    load(extract())\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    pipeline()\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    report = run([str(root)])
    assert sorted((r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints) == [
        ("app.py", "api"),
        ("etl/etl.py", "job"),
    ]


def test_a_project_stream_with_a_callback_is_no_consumer(make_tree: Tree) -> None:
    root = make_tree(
        {
            "export.py": (
                "import csv\n\n\nclass RowStream:\n    def __init__(self, path):\n        self.path = path\n\n"
                "    def consume(self, handler):\n        with open(self.path) as f:\n            for row in csv.reader(f):\n"
                "                handler(row)\n\n\ndef handle_row(row):\n    print(row)\n\n\ndef main():\n"
                "    stream = RowStream('rows.csv')\n    stream.consume(handle_row)\n\n\nif __name__ == '__main__':\n    main()\n"
            )
        }
    )
    report = run([str(root)])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("export.py", "job")]


def test_log_messages_build_output_and_recreated_directories_are_not_deletions(make_tree: Tree) -> None:
    root = make_tree(
        {
            "trim.py": (
                "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef main(name, limit):\n"
                "    log.info(f'truncate {name} to {limit} chars')\n    log.info(f'delete from cache: {name}')\n\n\n"
                "if __name__ == '__main__':\n    main('a', 3)\n"
            ),
            "render.py": (
                "import os\nimport subprocess\n\nOUT = 'site'\n\n\ndef main():\n    subprocess.run(f'rm -rf {OUT}', shell=True, check=True)\n"
                "    os.makedirs(OUT)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "release.py": (
                "import subprocess\n\n\ndef main():\n    subprocess.run('rm -rf build dist', shell=True, check=True)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    assert set(_statuses(root, "missing-dry-run").values()) == {"na"}


def test_placeholder_home_directories_and_deploy_tokens_are_not_findings(make_tree: Tree) -> None:
    root = make_tree(
        {
            "paths.py": (
                "DOCS = r'C:\\Users\\<your name>\\Documents'\nDATA = 'C:/Users/Your Name/data'\nPUB = r'C:\\Users\\Public\\x'\n"
                "CONN = 'SERVER=db;UID=sa;PWD=__DB_PASS__;'\n"
            )
        }
    )
    report = run([str(root)])
    assert [(f.name, f.line) for f in report.findings if f.name in {"hardcoded-path", "hardcoded-secret"}] == []


# Session 5 review: shapes the session's additions first got wrong ---------------------------
REVIEW5 = {
    "job_progress_thread": {
        "reindex.py": 'import logging\nimport threading\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\ndone = {"count": 0}\n\n\ndef report_progress(stop):\n    while not stop.is_set():\n        log.info("reindexed %d documents so far", done["count"])\n        time.sleep(10)\n\n\ndef reindex():\n    for page in range(1, 50):\n        response = requests.post("https://search.example.com/reindex", json={"page": page}, timeout=30)\n        response.raise_for_status()\n        done["count"] += len(response.json()["ids"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stop = threading.Event()\n    threading.Thread(target=report_progress, args=(stop,), daemon=True).start()\n    try:\n        reindex()\n    finally:\n        stop.set()\n\n\nif __name__ == "__main__":\n    main()\n'
    },
    "tuple_route_flask": {
        "plugins.py": 'import importlib.metadata\n\n\ndef discover():\n    return [ep.load() for ep in importlib.metadata.entry_points(group="shop.routes")]\n',
        "app.py": 'import logging\nfrom logging.handlers import RotatingFileHandler, WatchedFileHandler\n\nfrom fastapi import FastAPI\n\nimport plugins\n\n# each log file and the handler class that writes it\nLOG_FILES = [\n    ("/var/log/shop/access.log", WatchedFileHandler),\n    ("/var/log/shop/app.log", RotatingFileHandler),\n]\nfor path, handler_class in LOG_FILES:\n    logging.getLogger().addHandler(handler_class(path))\n\napp = FastAPI(routes=plugins.discover())\n',
    },
    "ping_keepalive": {
        "load.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    try:\n        with psycopg2.connect(os.environ["DSN"], keepalives=1) as conn:\n            conn.cursor().execute("REFRESH MATERIALIZED VIEW sales_daily")\n    except psycopg2.Error as error:\n        log.error("refresh failed: %s", error)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
    },
    "tornado_main": {
        "server.py": 'import logging\n\nimport tornado.ioloop\nimport tornado.web\n\n\nclass HealthHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write("ok")\n\n\nclass OrdersHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write({"orders": []})\n\n\ndef make_app():\n    return tornado.web.Application([(r"/health", HealthHandler), (r"/orders", OrdersHandler)])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    app = make_app()\n    app.listen(8888)\n    tornado.ioloop.IOLoop.current().start()\n'
    },
    "discord_guarded_close": {
        "bot.py": 'import logging\nimport os\n\nimport discord\n\nlog = logging.getLogger(__name__)\nGUILD_ID = int(os.environ["GUILD_ID"])\n\nintents = discord.Intents.default()\nintents.message_content = True\nclient = discord.Client(intents=intents)\n\n\n@client.event\nasync def on_ready():\n    if client.get_guild(GUILD_ID) is None:\n        log.error("the bot is not a member of guild %s", GUILD_ID)\n        await client.close()\n        return\n    log.info("logged in as %s", client.user)\n\n\n@client.event\nasync def on_message(message):\n    if message.author == client.user:\n        return\n    if message.content.startswith("!ping"):\n        await message.channel.send("pong")\n\n\nlogging.basicConfig(level=logging.INFO)\nclient.run(os.environ["DISCORD_TOKEN"])\n'
    },
    "secret_msg": {"db.py": 'import psycopg2\n\nconn = psycopg2.connect(host="db", password="kitten")\n'},
}


def test_a_progress_thread_does_not_make_a_job_a_worker(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW5["job_progress_thread"]))])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("reindex.py", "job")]


def test_logging_handler_tuples_are_not_routes(make_tree: Tree) -> None:
    statuses = _statuses(make_tree(REVIEW5["tuple_route_flask"]), "missing-health-route")
    assert statuses == {"app.py": "na"}


def test_a_keepalive_option_is_not_a_heartbeat_ping(make_tree: Tree) -> None:
    assert _statuses(make_tree(REVIEW5["ping_keepalive"]), "missing-exit-code") == {"load.py": "fail"}


def test_a_single_file_tornado_server_is_one_api(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW5["tornado_main"]))])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("server.py", "api")]


def test_a_discord_bot_that_closes_only_on_an_error_path_is_a_worker(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW5["discord_guarded_close"]))])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("bot.py", "worker")]


def test_a_weak_password_keeps_its_message(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW5["secret_msg"]))])
    (finding,) = [f for f in report.findings if f.name == "hardcoded-secret"]
    assert "a weak one" in finding.message and "kitten" not in finding.message
