"""Shapes a code review of blind rounds 8-11's changes found wrongly reported: each must pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run
from readiness_lint.model import Report

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


# Review of session 6: traps found in the round 16/17 changes, each reproduced first.
REVIEW6 = {
    "runapp_local": {
        "cleanup.py": 'import os\nimport shutil\nimport sys\n\n\ndef run_app():\n    for name in os.listdir("/var/data/old"):\n        shutil.rmtree(os.path.join("/var/data/old", name))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(run_app())\n',
    },
    "once_celery_poller": {
        "tasks.py": 'import threading\nimport time\n\nimport requests\nfrom celery import Celery\n\napp = Celery("tasks", broker="redis://localhost:6379/0")\n\n\n@app.task\ndef process(item_id):\n    requests.post("https://api.example.com/process", json={"id": item_id}, timeout=10)\n\n\ndef poll_feed():\n    while True:\n        items = requests.get("https://feed.example.com/items", timeout=10).json()\n        for item in items:\n            process.delay(item["id"])\n        time.sleep(30)\n\n\ndef main():\n    t = threading.Thread(target=poll_feed)\n    t.start()\n    t.join()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "httpserver_initdb": {
        "app.py": 'import json\nimport logging\nimport sqlite3\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nlogging.basicConfig(level=logging.INFO)\nDB = "notes.db"\n\n\ndef init_db():\n    with sqlite3.connect(DB) as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)")\n\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        if self.path == "/healthz":\n            self.send_response(200)\n            self.end_headers()\n            return\n        with sqlite3.connect(DB) as conn:\n            rows = conn.execute("SELECT id, body FROM notes").fetchall()\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(json.dumps(rows).encode())\n\n\ninit_db()\nserver = HTTPServer(("", 8080), Handler)\nserver.serve_forever()\n',
    },
    "httpserver_thread_assign": {
        "exporter.py": 'import json\nimport logging\nimport threading\nimport time\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nSTATE = {"rates": {}}\n\n\ndef refresh():\n    while True:\n        STATE["rates"] = requests.get("https://rates.example.com/latest", timeout=10).json()\n        time.sleep(300)\n\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        if self.path == "/healthz":\n            self.send_response(200)\n            self.end_headers()\n            return\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(json.dumps(STATE["rates"]).encode())\n\n\nthreading.Thread(target=refresh, daemon=True).start()\n\nserver = HTTPServer(("", 8080), Handler)\nserver.serve_forever()\n',
    },
    "oauth_with_server": {
        "sync_calendar.py": 'import logging\nimport sys\nimport urllib.parse\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass CallbackHandler(BaseHTTPRequestHandler):\n    code = None\n\n    def do_GET(self):\n        query = urllib.parse.urlparse(self.path).query\n        CallbackHandler.code = urllib.parse.parse_qs(query).get("code", [None])[0]\n        self.send_response(200)\n        self.end_headers()\n\n\ndef get_code():\n    with HTTPServer(("localhost", 8765), CallbackHandler) as httpd:\n        httpd.handle_request()\n    return CallbackHandler.code\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    code = get_code()\n    resp = requests.post("https://oauth.example.com/token", data={"code": code}, timeout=10)\n    resp.raise_for_status()\n    log.info("synced %s", resp.json())\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    "method_collision": {
        "sync.py": 'import logging\n\nimport httpx\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nclass ApiClient:\n    def sync(self):\n        try:\n            resp = requests.get("https://api.example.com/items", timeout=10)\n            resp.raise_for_status()\n        except requests.RequestException as exc:\n            log.error("sync failed: %s", exc)\n\n\ndef ping():\n    with httpx.Client(timeout=5) as client:\n        client.get("https://status.example.com/")\n\n\ndef main():\n    client = ApiClient()\n    client.sync()\n    ping()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "aiokafka_batch": {
        "dump_topic.py": 'import asyncio\nimport json\nimport logging\nimport sys\n\nfrom aiokafka import AIOKafkaConsumer\n\nlog = logging.getLogger(__name__)\n\n\nasync def dump_topic():\n    consumer = AIOKafkaConsumer("events", bootstrap_servers="kafka:9092", enable_auto_commit=False)\n    await consumer.start()\n    try:\n        batch = await consumer.getmany(timeout_ms=5000)\n        with open("events.json", "w") as fh:\n            json.dump({tp.topic: [m.value.decode() for m in msgs] for tp, msgs in batch.items()}, fh)\n    finally:\n        await consumer.stop()\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(asyncio.run(dump_topic()))\n',
    },
    "discord_keepalive": {
        "bot.py": 'import asyncio\nimport logging\nimport os\nimport threading\n\nimport discord\nfrom aiohttp import web\n\nlogging.basicConfig(level=logging.INFO)\n\nclient = discord.Client(intents=discord.Intents.default())\n\n\n@client.event\nasync def on_message(message):\n    if message.content == "!ping":\n        await message.channel.send("pong")\n\n\nasync def health(request):\n    return web.Response(text="ok")\n\n\ndef keep_alive():\n    app = web.Application()\n    app.router.add_get("/healthz", health)\n    loop = asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    web.run_app(app, port=8080, handle_signals=False)\n\n\nif __name__ == "__main__":\n    threading.Thread(target=keep_alive, daemon=True).start()\n    client.run(os.environ["DISCORD_TOKEN"])\n',
    },
    "click_ctx_exit": {
        "sync.py": 'import logging\n\nimport click\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\n@click.command()\n@click.option("--url", required=True)\n@click.pass_context\ndef main(ctx, url):\n    try:\n        resp = requests.get(url, timeout=10)\n        resp.raise_for_status()\n        log.info("synced %d items", len(resp.json()))\n    except Exception as exc:\n        log.error("sync failed: %s", exc)\n        ctx.exit(1)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "click_return1": {
        "sync.py": 'import logging\nimport sys\n\nimport click\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\n@click.command()\n@click.option("--url", required=True)\ndef main(url):\n    try:\n        resp = requests.get(url, timeout=10)\n        resp.raise_for_status()\n    except Exception as exc:\n        log.error("sync failed: %s", exc)\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    "strings_shadow": {
        "rotate.py": 'import argparse\nimport logging\nimport os\nimport shutil\nimport subprocess\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef build_bundle():\n    path = "tmp/bundle"\n    os.makedirs(path, exist_ok=True)\n    subprocess.run(["tar", "czf", "bundle.tgz", path], check=True)\n    shutil.rmtree(path)\n\n\ndef purge(path):\n    shutil.rmtree(path)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("backup_dir")\n    args = parser.parse_args()\n    build_bundle()\n    purge(args.backup_dir)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "mock_substring": {
        "settings.py": 'import logging\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nDB_PASSWORD = "Hammock-Prod-2024"\n\n\ndef main():\n    conn = psycopg2.connect(host="db", user="app", password=DB_PASSWORD)\n    conn.close()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "telegram_url2": {
        "notify.py": 'import logging\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\n\nSEND_URL = "https://api.telegram.org/bot7012345678:AAGx9vQm2LkT4rWz8NpB3sYc6HdJ1uFeKoQ/sendMessage"\nBOT = "7012345678:AAGx9vQm2LkT4rWz8NpB3sYc6HdJ1uFeKoQ"\n\n\ndef main():\n    requests.post(SEND_URL, json={"chat_id": 1, "text": "backup done"}, timeout=10).raise_for_status()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "schedule_inprocess": {
        "app.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nfrom cache import CACHE\nfrom scheduler import start\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\nstart()\n\n\n@app.route("/healthz")\ndef health():\n    return "ok"\n\n\n@app.route("/ready")\ndef ready():\n    return "ok"\n\n\n@app.route("/rates")\ndef rates():\n    return jsonify(CACHE.get("rates", {}))\n',
        "cache.py": 'import requests\n\nCACHE = {}\n\n\ndef refresh_cache():\n    CACHE["rates"] = requests.get("https://rates.example.com/latest", timeout=10).json()\n',
        "scheduler.py": "import threading\nimport time\n\nimport schedule\n\nfrom cache import refresh_cache\n\n\ndef _run():\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n\n\ndef start():\n    schedule.every(10).minutes.do(refresh_cache)\n    threading.Thread(target=_run, daemon=True).start()\n",
    },
    "constants_selftest": {
        "units.py": 'import re\n\nKB = 1024\nMB = 1024 * KB\n_SIZE = re.compile(r"^(\\d+)(KB|MB)$")\n\n\ndef parse_size(text):\n    number, unit = _SIZE.match(text).groups()\n    return int(number) * {"KB": KB, "MB": MB}[unit]\n\n\nif __name__ == "__main__":\n    assert parse_size("2MB") == 2 * MB\n    print("ok")\n',
        "upload.py": 'import logging\nimport sys\n\nimport requests\n\nfrom units import MB\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef main():\n    with open(sys.argv[1], "rb") as fh:\n        data = fh.read(10 * MB)\n    requests.put("https://store.example.com/upload", data=data, timeout=30).raise_for_status()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
}


def _review6(make_tree: Tree, case: str) -> tuple[list[str], dict[str, list[str]], list[tuple[str, int, str]]]:
    report = run([str(make_tree(REVIEW6[case]))])
    ids = [r.entrypoint.id for r in report.entrypoints]
    fails = {r.entrypoint.id: [c.name for c in r.checks if c.status == "fail"] for r in report.entrypoints}
    findings = sorted((f.path, f.line, f.name) for f in report.findings)
    return ids, fails, findings


def test_a_local_function_named_run_app_does_not_serve(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "runapp_local")
    assert ids == ["job:cleanup.py:__main__"] and "missing-dry-run" in fails[ids[0]]


def test_a_celery_app_and_a_poller_in_one_file_stay_two_workers(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "once_celery_poller")
    assert sorted(ids) == ["worker:tasks.py:__main__", "worker:tasks.py:app"]
    assert "missing-graceful-shutdown" in fails["worker:tasks.py:__main__"]


def test_http_servers_that_set_up_before_serving_stay_apis(make_tree: Tree) -> None:
    assert _review6(make_tree, "httpserver_initdb")[0] == ["api:app.py:server"]
    assert [i for i in _review6(make_tree, "httpserver_thread_assign")[0] if "exporter" in i] == [
        "api:exporter.py:server"
    ]


def test_with_bound_objects_in_functions_are_no_apps_and_do_not_hide_methods(make_tree: Tree) -> None:
    assert _review6(make_tree, "oauth_with_server")[0] == ["job:sync_calendar.py:__main__"]
    ids, fails, _ = _review6(make_tree, "method_collision")
    assert "missing-exit-code" in fails[ids[0]]


def test_starting_an_aiokafka_consumer_for_one_batch_is_a_job(make_tree: Tree) -> None:
    assert _review6(make_tree, "aiokafka_batch")[0] == ["job:dump_topic.py:__main__"]


def test_a_side_servers_handle_signals_false_does_not_switch_the_bots_off(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "discord_keepalive")
    assert "missing-graceful-shutdown" not in fails[ids[0]]


def test_click_commands_exit_with_ctx_exit_and_ignore_what_they_return(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "click_ctx_exit")
    assert "missing-exit-code" not in fails[ids[0]]
    ids, fails, _ = _review6(make_tree, "click_return1")
    assert "missing-exit-code" in fails[ids[0]]


def test_a_temp_string_in_one_function_does_not_excuse_a_deletion_in_another(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "strings_shadow")
    assert "missing-dry-run" in fails[ids[0]]


def test_mock_is_a_placeholder_word_only_on_its_own(make_tree: Tree) -> None:
    _, _, findings = _review6(make_tree, "mock_substring")
    assert [name for _, _, name in findings if name == "hardcoded-secret"] == ["hardcoded-secret"]


def test_a_telegram_token_inside_a_bot_api_url_is_found(make_tree: Tree) -> None:
    _, _, findings = _review6(make_tree, "telegram_url2")
    assert [line for _, line, name in findings if name == "hardcoded-secret"] == [7, 8]


def test_an_in_process_scheduler_logs_through_its_hosts_set_up(make_tree: Tree) -> None:
    ids, fails, _ = _review6(make_tree, "schedule_inprocess")
    assert "job:scheduler.py:schedule" in ids and "missing-logging" not in fails["job:scheduler.py:schedule"]


def test_a_self_test_of_a_module_whose_constants_are_imported_is_no_job(make_tree: Tree) -> None:
    assert _review6(make_tree, "constants_selftest")[0] == ["job:upload.py:__main__"]


# Found by review of session 7's changes (each case fails on the commit before its fix).
REVIEW7 = {
    "init_delete": {
        "cleanup.py": 'import shutil\n\n\nclass Cleaner:\n    def __init__(self, path):\n        shutil.rmtree(path)\n\n\nif __name__ == "__main__":\n    Cleaner("/srv/data")\n',
    },
    "exit_ctx": {
        "job.py": 'import shutil\n\n\nclass Snapshot:\n    def __init__(self, path):\n        self.path = path\n\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        shutil.rmtree(self.path)\n\n\ndef main():\n    with Snapshot("/srv/data/current") as snap:\n        print(snap.path)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "fire_class": {
        "cli.py": 'import shutil\n\nimport fire\n\n\nclass Maintenance:\n    def purge(self, path="/srv/data"):\n        shutil.rmtree(path)\n\n\nif __name__ == "__main__":\n    fire.Fire(Maintenance)\n',
    },
    "tuple_steps": {
        "pipeline.py": 'import shutil\n\n\ndef extract():\n    return []\n\n\ndef purge_old():\n    shutil.rmtree("/srv/exports/old")\n\n\ndef main():\n    for step in (extract, purge_old):\n        step()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "get_error": {
        "backup.py": 'import logging\nimport subprocess\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef dump(db):\n    try:\n        subprocess.run(["pg_dump", db], check=True)\n    except subprocess.CalledProcessError as e:\n        log.error("dump of %s failed: %s", db, e)\n        return {"status": "error", "error": str(e)}\n    return {"status": "success"}\n\n\ndef main():\n    result = dump("shop")\n    if result.get("error"):\n        log.error("backup failed: %s", result["error"])\n        sys.exit(1)\n    log.info("backup done")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
    },
    "get_error_subscript": {
        "backup.py": 'import logging\nimport subprocess\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef dump(db):\n    try:\n        subprocess.run(["pg_dump", db], check=True)\n    except subprocess.CalledProcessError as e:\n        log.error("dump of %s failed: %s", db, e)\n        return {"status": "error", "error": str(e)}\n    return {"status": "success"}\n\n\ndef main():\n    result = dump("shop")\n    if result["status"] == "error":\n        log.error("backup failed: %s", result["error"])\n        sys.exit(1)\n    log.info("backup done")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
    },
    "guard_die": {
        "backup.py": 'import logging\nimport subprocess\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef die(message):\n    log.error(message)\n    sys.exit(1)\n\n\ndef backup():\n    try:\n        subprocess.run(["pg_dump", "shop"], check=True)\n    except subprocess.CalledProcessError as error:\n        log.error("dump failed: %s", error)\n        return False\n    return True\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    if not backup():\n        die("backup failed")\n',
    },
    "call_key_hole": {
        "sync.py": 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef upload(path):\n    try:\n        with open(path, "rb") as f:\n            requests.post("https://files.example.com/upload", data=f, timeout=30).raise_for_status()\n    except requests.RequestException as error:\n        log.error("upload of %s failed: %s", path, error)\n        return False\n    return True\n\n\ndef main():\n    if not upload("/srv/export/orders.csv"):\n        log.error("orders were not uploaded")\n    if not upload("/srv/export/manifest.json"):\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
    },
    "call_key_hole_control": {
        "sync.py": 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef upload(path):\n    try:\n        with open(path, "rb") as f:\n            requests.post("https://files.example.com/upload", data=f, timeout=30).raise_for_status()\n    except requests.RequestException as error:\n        log.error("upload of %s failed: %s", path, error)\n        return False\n    return True\n\n\ndef main():\n    if not upload("/srv/export/orders.csv"):\n        log.error("orders were not uploaded")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
    },
    "newsletter2": {
        "newsletter.py": 'import logging\nimport smtplib\nfrom email.message import EmailMessage\n\nlog = logging.getLogger(__name__)\n\n\ndef send_newsletter_emails(recipients):\n    try:\n        with smtplib.SMTP("smtp.example.com", 587) as smtp:\n            for address in recipients:\n                message = EmailMessage()\n                message["To"] = address\n                smtp.send_message(message)\n    except smtplib.SMTPException as error:\n        log.error("newsletter not sent: %s", error)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    send_newsletter_emails(["a@example.com", "b@example.com"])\n',
    },
    "ftp_anon": {
        "fetch_noaa.py": 'import ftplib\n\n\ndef main():\n    ftp = ftplib.FTP("ftp.ncdc.noaa.gov")\n    ftp.login("anonymous", "anonymous@")\n    with open("isd-history.csv", "wb") as out:\n        ftp.retrbinary("RETR /pub/data/noaa/isd-history.csv", out.write)\n    ftp.quit()\n    mirror = ftplib.FTP("ftp.gnu.org", "anonymous", "ops@mycompany.org")\n    mirror.quit()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "telebot_tornado": {
        "bot.py": 'import telebot\nimport tornado.ioloop\nimport tornado.web\n\nbot = telebot.TeleBot("123:abc")\n\n\nclass HealthHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write("ok")\n\n\nclass WebhookHandler(tornado.web.RequestHandler):\n    def post(self):\n        update = telebot.types.Update.de_json(self.request.body.decode("utf-8"))\n        bot.process_new_updates([update])\n        self.write("")\n\n\n@bot.message_handler(commands=["start"])\ndef start(message):\n    bot.reply_to(message, "hi")\n\n\ndef make_app():\n    return tornado.web.Application([(r"/healthz", HealthHandler), (r"/ready", HealthHandler), (r"/hook", WebhookHandler)])\n\n\nif __name__ == "__main__":\n    bot.remove_webhook()\n    bot.set_webhook(url="https://example.com/hook")\n    make_app().listen(8443)\n    tornado.ioloop.IOLoop.current().start()\n',
    },
    "es_rebuild": {
        "reindex.py": 'from elasticsearch import Elasticsearch, helpers\n\nINDEX = "products"\nes = Elasticsearch("http://es:9200")\n\n\ndef rebuild(rows):\n    es.indices.delete(index=INDEX, ignore_unavailable=True)\n    es.indices.create(index=INDEX, mappings={"properties": {"name": {"type": "text"}}})\n    helpers.bulk(es, ({"_index": INDEX, "_source": row} for row in rows))\n\n\nif __name__ == "__main__":\n    rebuild([])\n',
    },
}


def _review7(make_tree: Tree, case: str, rule: str) -> dict[str, str]:
    report = run([str(make_tree(REVIEW7[case]))])
    return {r.entrypoint.path: next(c.status for c in r.checks if c.name == rule) for r in report.entrypoints}


@pytest.mark.parametrize("case", ["init_delete", "exit_ctx", "fire_class", "tuple_steps"])
def test_deletions_in_special_methods_handed_on_classes_and_tuples_of_steps_count(make_tree: Tree, case: str) -> None:
    assert set(_review7(make_tree, case, "missing-dry-run").values()) == {"fail"}


def test_an_index_deleted_and_created_again_is_rebuilt_not_lost(make_tree: Tree) -> None:
    assert set(_review7(make_tree, "es_rebuild", "missing-dry-run").values()) == {"na"}


@pytest.mark.parametrize("case", ["get_error", "get_error_subscript", "guard_die"])
def test_a_failure_value_the_job_tests_and_acts_on_is_kept(make_tree: Tree, case: str) -> None:
    assert set(_review7(make_tree, case, "missing-exit-code").values()) == {"pass"}


@pytest.mark.parametrize("case", ["call_key_hole", "call_key_hole_control", "newsletter2"])
def test_one_acted_on_test_does_not_hide_a_lost_one_and_a_jobs_own_mailing_is_work(make_tree: Tree, case: str) -> None:
    assert set(_review7(make_tree, case, "missing-exit-code").values()) == {"fail"}


def test_anonymous_ftp_is_no_hardcoded_password(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW7["ftp_anon"]))])
    assert [f for f in report.findings if f.name == "hardcoded-secret"] == []


def test_a_bot_fed_by_a_webhook_handler_method_is_part_of_the_api(make_tree: Tree) -> None:
    report = run([str(make_tree(REVIEW7["telebot_tornado"]))])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("bot.py", "api")]


# Code review of session 8's change: each shape made a wrong entrypoint, or lost one.
REVIEW8_KINDS: dict[str, tuple[dict[str, str], list[tuple[str, str, str]]]] = {
    "config_constants": (
        {
            "app.py": 'from flask import Flask\n\nfrom settings import DATABASE_URL, VERSION\n\napp = Flask(__name__)\n\n\n@app.route("/version")\ndef version():\n    return {"version": VERSION, "db": DATABASE_URL}\n',
            "settings.py": 'import os\nimport subprocess\n\nrevision = subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], text=True)\nVERSION = os.environ.get("VERSION", revision.strip())\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
        },
        [("app.py", "api", "flask")],
    ),
    "gunicorn_conf": (
        {
            "gunicorn.conf.py": 'import multiprocessing\nimport subprocess\n\nbind = "0.0.0.0:8000"\nworkers = multiprocessing.cpu_count() * 2 + 1\ncommit = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)\nraw_env = [f"GIT_COMMIT={commit.strip()}"]\n'
        },
        [],
    ),
    "pip_autoinstall": (
        {
            "app.py": 'import subprocess\nimport sys\nimport tkinter as tk\n\ntry:\n    import qrcode\nexcept ImportError:\n    subprocess.check_call([sys.executable, "-m", "pip", "install", "qrcode"])\n    import qrcode\n\n\nclass App(tk.Frame):\n    def __init__(self, master):\n        super().__init__(master)\n        self.entry = tk.Entry(self)\n        self.entry.pack()\n        tk.Button(self, text="QR", command=self.make).pack()\n        self.pack()\n\n    def make(self):\n        qrcode.make(self.entry.get()).save("qr.png")\n\n\nroot = tk.Tk()\nApp(root)\nroot.mainloop()\n'
        },
        [],
    ),
    "imported_loop_forever": (
        {
            "monitor/__init__.py": "",
            "monitor/__main__.py": 'import os\n\nfrom monitor.runner import main\n\nif __name__ == "__main__":\n    main(os.environ["TARGET_URL"])\n',
            "monitor/runner.py": "import asyncio\n\nimport aiohttp\n\n\nasync def poll(url):\n    async with aiohttp.ClientSession() as session:\n        while True:\n            async with session.get(url) as resp:\n                print(resp.status)\n            await asyncio.sleep(60)\n\n\ndef main(url):\n    loop = asyncio.get_event_loop()\n    loop.create_task(poll(url))\n    loop.run_forever()\n",
        },
        [("monitor/__main__.py", "worker", "polling-loop")],
    ),
    "imported_websocket_client": (
        {
            "feed/__init__.py": "",
            "feed/__main__.py": 'from feed.client import main\n\nmain("wss://stream.example.com/prices")\n',
            "feed/client.py": 'import json\n\nimport websocket\n\n\ndef on_message(ws, message):\n    print(json.loads(message)["price"])\n\n\ndef main(url):\n    ws = websocket.WebSocketApp(url, on_message=on_message)\n    ws.run_forever()\n',
        },
        [("feed/__main__.py", "worker", "consume-loop")],
    ),
    "main_loop_beside_app": (
        {
            "app.py": 'import threading\nimport time\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\nimport routes  # noqa: E402,F401  (registers the views on `app`)\n\n\nif __name__ == "__main__":\n    threading.Thread(target=app.run, kwargs={"host": "0.0.0.0", "port": 8000}, daemon=True).start()\n    while True:\n        routes.refresh()\n        time.sleep(300)\n',
            "routes.py": 'import requests\n\nfrom app import app\n\nPRICES = {}\n\n\ndef refresh():\n    PRICES.update(requests.get("https://api.example.com/prices", timeout=10).json())\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/prices")\ndef prices():\n    return PRICES\n',
        },
        [("app.py", "api", "flask"), ("app.py", "worker", "polling-loop")],
    ),
    "command_line_library": (
        {
            "app.py": 'from flask import Flask, request\n\nfrom thumbnails import make_thumbnail\n\napp = Flask(__name__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/thumb", methods=["POST"])\ndef thumb():\n    request.files["image"].save("/data/in.png")\n    return {"path": make_thumbnail("/data/in.png", "/data/out.png")}\n',
            "thumbnails.py": '"""Thumbnail helpers for the web app; also usable from the command line for a quick try."""\nimport argparse\nimport sys\n\nfrom PIL import Image\n\n\ndef make_thumbnail(src, dest, size=128):\n    image = Image.open(src)\n    image.thumbnail((size, size))\n    image.save(dest)\n    return dest\n\n\ndef cli(src, dest, size):\n    print(make_thumbnail(src, dest, size))\n    return 0\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser(description="Make one thumbnail")\n    parser.add_argument("src")\n    parser.add_argument("dest")\n    parser.add_argument("--size", type=int, default=128)\n    args = parser.parse_args()\n    sys.exit(cli(args.src, args.dest, args.size))\n',
        },
        [("app.py", "api", "flask")],
    ),
    "pause_in_helper_demo": (
        {
            "lights/__init__.py": "",
            "lights/app.py": 'from flask import Flask\n\nfrom lights.mqtt_bridge import connect\n\napp = Flask(__name__)\nclient = connect("broker")\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/on", methods=["POST"])\ndef on():\n    client.publish("lights/set", "on")\n    return "ok"\n',
            "lights/mqtt_bridge.py": 'import signal\n\nimport paho.mqtt.client as mqtt\n\n\ndef connect(host):\n    client = mqtt.Client()\n    client.connect(host)\n    client.loop_start()\n    return client\n\n\nif __name__ == "__main__":\n    # quick manual try: connect and wait\n    connect("localhost")\n    signal.pause()\n',
        },
        [("lights/app.py", "api", "flask")],
    ),
    "celery_subclass_beat": (
        {
            "celeryconfig.py": 'from celery.schedules import crontab\n\nbeat_schedule = {\n    "nightly": {"task": "factory.nightly_report", "schedule": crontab(hour=2, minute=0)},\n}\n',
            "worker.py": 'import celery\n\n\nclass App(celery.Celery):\n    def on_configure(self):\n        print("configured")\n\n\napp = App("reports", broker="redis://redis:6379/0")\napp.config_from_object("celeryconfig")\n\n\n@app.task\ndef nightly_report():\n    return 1\n',
        },
        [("celeryconfig.py", "job", "celery-beat"), ("worker.py", "worker", "celery")],
    ),
    "pygame_exit": (
        {
            "game.py": "import sys\n\nimport pygame\n\npygame.init()\nscreen = pygame.display.set_mode((640, 480))\nclock = pygame.time.Clock()\n\nwhile True:\n    for event in pygame.event.get():\n        if event.type == pygame.QUIT:\n            pygame.quit()\n            sys.exit()\n    screen.fill((0, 0, 0))\n    pygame.display.flip()\n    clock.tick(60)\n"
        },
        [("game.py", "job", "script")],
    ),
    "prompt_toolkit_console": (
        {
            "chat.py": 'from prompt_toolkit import PromptSession\n\nimport llm\n\nsession = PromptSession()\n\nwhile True:\n    text = session.prompt("> ")\n    print(llm.complete(text))\n'
        },
        [("chat.py", "job", "script")],
    ),
}


@pytest.mark.parametrize("case", sorted(REVIEW8_KINDS))
def test_review8_entrypoints(make_tree: Callable[[dict[str, str]], Path], case: str) -> None:
    files, expected = REVIEW8_KINDS[case]
    report = run([str(make_tree(files))])
    found = sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints)
    assert found == sorted(expected)


def test_review8_a_namespace_import_does_not_hide_the_projects_own_module(
    make_tree: Callable[[dict[str, str]], Path],
) -> None:
    root = make_tree(
        {
            "acme/__init__.py": "",
            "acme/jobs/__init__.py": "",
            "acme/jobs/cleanup.py": "import shutil\n\n\ndef purge(path):\n    shutil.rmtree(path)\n",
            "acme/jobs/nightly.py": (
                "import acme.telemetry.client\nimport acme.jobs.cleanup\n\n\ndef main():\n"
                "    acme.telemetry.client.start()\n    acme.jobs.cleanup.purge('/srv/old')\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    report = run([str(root)])
    verdicts = {c.name: c.status for r in report.entrypoints for c in r.checks}
    assert verdicts["missing-dry-run"] == "fail"


def test_review8_a_main_module_whose_object_is_imported_keeps_its_main_loop(
    make_tree: Callable[[dict[str, str]], Path],
) -> None:
    # (a helper module's demo loop stays a demo: pause_in_helper_demo above)
    root = make_tree(
        {
            "bot.py": (
                "import time\n\nfrom bot_setup import build\n\napplication = build()\n\n\ndef main():\n"
                "    application.start()\n\n\nif __name__ == '__main__':\n    main()\n    while True:\n"
                "        time.sleep(10)\n"
            ),
            "bot_setup.py": "def build():\n    return object()\n",
            "bot/config.py": "TOKEN_NAME = 'BOT'\n",
            "server.py": (
                "from flask import Flask\n\nfrom bot import application\nfrom bot.config import TOKEN_NAME\n\n"
                "app = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n    return TOKEN_NAME\n"
            ),
        }
    )
    report = run([str(root)])
    found = sorted((r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints)
    assert ("bot.py", "worker") in found


# Review of session 9's change: each was wrong after it and right before it.
REVIEW9_EXIT_CODE_KEPT: dict[str, dict[str, str]] = {
    "session_response_hook": {
        "trigger.py": 'import requests\n\n\ndef main():\n    session = requests.Session()\n    session.hooks["response"].append(lambda r, *args, **kwargs: r.raise_for_status())\n    r = session.post("https://ci.example.com/job/build", timeout=10)\n    print("triggered:", r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n'
    },
    "request_hooks_kw": {
        "trigger.py": 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger("trigger")\n\n\ndef check(r, *args, **kwargs):\n    r.raise_for_status()\n\n\ndef main():\n    r = requests.post("https://ci.example.com/job/build", hooks={"response": check}, timeout=10)\n    log.info("triggered: %s", r.status_code)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "httpx_event_hooks": {
        "trigger.py": 'import logging\nimport sys\n\nimport httpx\n\nlog = logging.getLogger("trigger")\n\n\ndef raise_on_4xx_5xx(response):\n    response.raise_for_status()\n\n\ndef main():\n    with httpx.Client(event_hooks={"response": [raise_on_4xx_5xx]}) as client:\n        r = client.post("https://ci.example.com/job/build")\n        log.info("triggered: %s", r.status_code)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "popen_returncode": {
        "build.py": 'import logging\nimport subprocess\nimport sys\n\nlog = logging.getLogger("build")\n\n\ndef main():\n    proc = subprocess.Popen(["make", "all"])\n    code = proc.wait()\n    log.info("make exited with %s", code)\n    return proc.returncode\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "terminated_helper_wait": {
        "integration.py": 'import logging\nimport subprocess\nimport sys\nimport time\n\nlog = logging.getLogger("integration")\n\n\ndef main():\n    server = subprocess.Popen(["redis-server", "--port", "6390"])\n    try:\n        time.sleep(1)\n        subprocess.run(["pytest", "tests/integration"], check=True)\n    finally:\n        server.terminate()\n        code = server.wait()\n        log.info("redis-server stopped (%s)", code)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "retry_loop_rebind": {
        "sync.py": 'import logging\nimport subprocess\nimport sys\nimport time\n\nlog = logging.getLogger("sync")\n\n\ndef main():\n    rc = subprocess.call(["rsync", "-a", "/data/", "backup:/data/"])\n    while rc != 0:\n        log.warning("rsync failed with %s, retrying", rc)\n        time.sleep(30)\n        rc = subprocess.call(["rsync", "-a", "/data/", "backup:/data/"])\n    log.info("rsync done")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "module_name_read_in_function": {
        "publish.py": 'import sys\n\nimport requests\n\n\ndef check(response):\n    if response.status_code >= 400:\n        sys.exit(f"publish failed: {response.status_code}")\n\n\ndef fail_on_error():\n    check(r)\n\n\nr = requests.post("https://registry.example.com/publish", json={"v": "1.2"}, timeout=30)\nprint("registry answered", r.status_code)\nfail_on_error()\n'
    },
    "slack_webhook_helper": {
        "nightly.py": 'import logging\nimport os\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger("nightly")\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\n\n\ndef post_to_slack(text):\n    r = requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=5)\n    log.info("slack answered %s", r.status_code)\n\n\ndef main():\n    subprocess.run(["./reindex.sh"], check=True)\n    post_to_slack("nightly reindex done")\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
    },
    "json_key_in_print": {
        "release.py": 'import os\n\nimport requests\n\nAPI = "https://api.github.com/repos/acme/shop"\nHEADERS = {"Authorization": f"Bearer {os.environ[\'GITHUB_TOKEN\']}"}\n\nif __name__ == "__main__":\n    r = requests.post(f"{API}/releases", json={"tag_name": os.environ["TAG"]}, headers=HEADERS, timeout=30)\n    # a failed request has no "html_url": the KeyError ends the job with status 1\n    print("created release", r.json()["html_url"])\n'
    },
    "nothing_failed_text": {
        "retry_failed.py": 'import sys\n\nimport psycopg2\n\nif __name__ == "__main__":\n    conn = psycopg2.connect("dbname=jobs")\n    cur = conn.cursor()\n    cur.execute("SELECT id FROM jobs WHERE state = \'failed\'")\n    failed = cur.fetchall()\n    if not failed:\n        print("No failed jobs, nothing to retry.")\n        sys.exit()\n    for (job_id,) in failed:\n        cur.execute("UPDATE jobs SET state = \'queued\' WHERE id = %s", (job_id,))\n    conn.commit()\n'
    },
    "nothing_to_stop_text": {
        "stop_worker.py": 'import logging\nimport os\nimport signal\nimport sys\n\nPID_FILE = "/run/worker.pid"\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    if not os.path.exists(PID_FILE):\n        print("Worker is not running (pid file not found), nothing to stop.")\n        sys.exit()\n    with open(PID_FILE) as f:\n        os.kill(int(f.read()), signal.SIGTERM)\n    os.remove(PID_FILE)\n'
    },
    "returncode_in_main": {
        "job.py": "import atexit\nimport logging\nimport os\nimport pprint\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nlogger = log\n\n\ndef finish(*a, status=0):\n    sys.exit(status)\n\n\ndef main():\n    proc = subprocess.Popen(['make'])\n    code = proc.wait()\n    print(code)\n    sys.exit(proc.returncode)\n\n\nif __name__ == '__main__':\n    logging.basicConfig()\n    sys.exit(main())\n"
    },
    "read_before_rebind": {
        "job.py": "import atexit\nimport logging\nimport os\nimport pprint\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nlogger = log\n\n\ndef finish(*a, status=0):\n    sys.exit(status)\n\n\ndef main():\n    rc = 1\n    for attempt in range(3):\n        if rc == 0:\n            break\n        rc = os.system('make')\n    print(rc)\n\n\nif __name__ == '__main__':\n    logging.basicConfig()\n    sys.exit(main())\n"
    },
    "pformat_is_no_report": {
        "job.py": "import atexit\nimport logging\nimport os\nimport pprint\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nlogger = log\n\n\ndef finish(*a, status=0):\n    sys.exit(status)\n\n\ndef main():\n    r = requests.post('https://x.example/api', timeout=5)\n    body = pprint.pformat(r.json())\n    sys.exit(0 if 'ok' in body else 1)\n\n\nif __name__ == '__main__':\n    logging.basicConfig()\n    sys.exit(main())\n"
    },
    "exit_inside_print": {
        "job.py": "import atexit\nimport logging\nimport os\nimport pprint\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nlogger = log\n\n\ndef finish(*a, status=0):\n    sys.exit(status)\n\n\ndef main():\n    rc = os.system('make')\n    print('status', sys.exit(rc))\n\n\nif __name__ == '__main__':\n    logging.basicConfig()\n    sys.exit(main())\n"
    },
    "read_in_subscript_target": {
        "job.py": "import atexit\nimport logging\nimport os\nimport pprint\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nlogger = log\n\n\ndef finish(*a, status=0):\n    sys.exit(status)\n\n\ndef main():\n    codes = [0, 0]\n    rc = os.system('make')\n    codes[rc and 1] = 1\n    sys.exit(codes[1])\n\n\nif __name__ == '__main__':\n    logging.basicConfig()\n    sys.exit(main())\n"
    },
}

REVIEW9_KINDS: dict[str, tuple[dict[str, str], list[tuple[str, str, str]]]] = {
    "asyncpg_listen_worker": (
        {
            "worker.py": 'import asyncio\nimport logging\n\nimport asyncpg\n\nlog = logging.getLogger("listener")\n\n\nclass Listener:\n    def __init__(self, dsn):\n        self.dsn = dsn\n\n    async def listen(self, channel):\n        self.conn = await asyncpg.connect(self.dsn)\n        await self.conn.add_listener(channel, self.on_notify)\n\n    def on_notify(self, conn, pid, channel, payload):\n        log.info("refreshing cache for %s", payload)\n\n\ndef main():\n    loop = asyncio.get_event_loop()\n    listener = Listener("postgresql://db/app")\n    loop.run_until_complete(listener.listen("cache_invalidation"))\n    loop.run_forever()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("worker.py", "worker", "asyncio")],
    ),
    "raw_socket_server": (
        {
            "server.py": 'import asyncio\nimport logging\nimport socket\n\nlog = logging.getLogger("relay")\n\n\ndef on_accept(server):\n    client, addr = server.accept()\n    log.info("connection from %s", addr)\n    client.close()\n\n\ndef main():\n    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    server.bind(("0.0.0.0", 9000))\n    server.listen(100)\n    server.setblocking(False)\n    loop = asyncio.new_event_loop()\n    loop.add_reader(server, on_accept, server)\n    loop.run_forever()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("server.py", "worker", "asyncio")],
    ),
    "test_factory_route_table": (
        {
            "handlers.py": 'import tornado.web\n\n\nclass PingHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write("pong")\n\n\nclass UsersHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write({"users": []})\n\n\ndef make_test_app():\n    """A minimal app for the handler unit tests."""\n    return tornado.web.Application([("/ping", PingHandler), ("/users", UsersHandler)])\n',
            "server.py": 'import asyncio\nimport logging\nimport signal\n\nimport tornado.web\n\nfrom handlers import PingHandler, UsersHandler\n\nROUTES = [(r"/ping", PingHandler), (r"/api/users", UsersHandler)]\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    app = tornado.web.Application(ROUTES)\n    app.listen(8888)\n    stop = asyncio.Event()\n    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)\n    await stop.wait()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
        },
        # (`await stop.wait()` on an event the SIGTERM handler sets keeps the server up: no job beside it)
        [("server.py", "api", "tornado")],
    ),
    "pika_drain_with_timeout": (
        {
            "drain.py": 'import json\nimport logging\nimport sys\n\nimport pika\n\nlog = logging.getLogger("drain")\n\n\ndef main():\n    conn = pika.BlockingConnection(pika.ConnectionParameters("rabbitmq"))\n    channel = conn.channel()\n    count = 0\n    for method, props, body in channel.consume(queue="dead-letters", inactivity_timeout=5):\n        if method is None:\n            break  # the queue is empty: done\n        with open("/archive/dead-letters.jsonl", "a") as f:\n            f.write(json.dumps(json.loads(body)) + "\\n")\n        channel.basic_ack(method.delivery_tag)\n        count += 1\n    channel.cancel()\n    conn.close()\n    log.info("archived %d messages", count)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n'
        },
        [("drain.py", "job", "python")],
    ),
    "pika_consume_with_break": (
        {
            "drain.py": 'import logging\n\nimport pika\n\nlog = logging.getLogger("drain")\n\n\ndef main():\n    conn = pika.BlockingConnection(pika.ConnectionParameters("rabbitmq"))\n    ch = conn.channel()\n    # pika\'s documented pattern: take the first ten messages, then stop\n    for method, props, body in ch.consume("reports"):\n        log.info("report %s", body)\n        ch.basic_ack(method.delivery_tag)\n        if method.delivery_tag == 10:\n            break\n    ch.cancel()\n    conn.close()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("drain.py", "job", "python")],
    ),
}


def _exit_code_verdicts(report: Report) -> dict[str, str]:
    """Each entrypoint's path, with its missing-exit-code status."""
    return {r.entrypoint.path: {c.name: c.status for c in r.checks}["missing-exit-code"] for r in report.entrypoints}


@pytest.mark.parametrize("case", sorted(REVIEW9_EXIT_CODE_KEPT))
def test_review9_a_status_looked_at_or_not_the_jobs_is_not_dropped(
    make_tree: Callable[[dict[str, str]], Path], case: str
) -> None:
    report = run([str(make_tree(REVIEW9_EXIT_CODE_KEPT[case]))])
    assert report.entrypoints
    verdicts = _exit_code_verdicts(report)
    assert set(verdicts.values()) == {"pass"}


@pytest.mark.parametrize("case", sorted(REVIEW9_KINDS))
def test_review9_entrypoints(make_tree: Callable[[dict[str, str]], Path], case: str) -> None:
    files, expected = REVIEW9_KINDS[case]
    report = run([str(make_tree(files))])
    found = sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints)
    assert found == sorted(expected)


# Second review of session 9's change.
REVIEW9B: dict[str, tuple[dict[str, str], str]] = {
    "docstring_sql_help_and_log_dsn_texts": (
        {
            "db.py": '"""Database helpers.\n\nUsage::\n\n    conn = connect(host=cfg.host, user=cfg.user, password=cfg.db_pass)\n"""\nimport argparse\nimport os\n\nimport psycopg2\nfrom sqlalchemy import text\n\nLOGIN = text(\n    "SELECT id FROM accounts WHERE user=:name AND password=crypt(:pw, password)"\n)\nSET_PASSWORD = "UPDATE accounts SET password=crypt(:pw, gen_salt(\'bf\')) WHERE user=:name"\n\n\ndef parse():\n    p = argparse.ArgumentParser()\n    p.add_argument("--dsn", help="libpq connection string, e.g. \'host=db user=app password=s3cret\'")\n    return p.parse_args()\n\n\ndef connect(dsn=None):\n    return psycopg2.connect(dsn or os.environ["DATABASE_URL"])\n\n\ndef redact(dsn):\n    return dsn.replace(dsn.split("password=")[1].split()[0], "hidden")\n\n\nLOG_FMT = "host=db user=app password=<redacted>"\n'
        },
        "none",
    ),
    "redacted_dsn_in_a_log_line": (
        {
            "app/__init__.py": "",
            "app/db.py": 'import logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef connect():\n    pw = os.environ["PGPASSWORD"]\n    dsn = f"dbname=shop user=shop password={pw} host=db"\n    log.info("connecting: dbname=shop user=shop password=[hidden] host=db")\n    return psycopg2.connect(dsn)\n\n\ndef connect_with(password):\n    log.debug("connect(host=db, user=shop, password=%r)", "*" * len(password))\n    return psycopg2.connect(host="db", user="shop", password=password)\n',
            "tests/test_db.py": 'import psycopg2\n\nURL = "postgresql://tester:Xk29fLq8@localhost/test"\nDSN = "dbname=test user=tester password=Xk29fLq8 host=localhost"\n\n\ndef test_connect():\n    psycopg2.connect(DSN).close()\n',
        },
        "none",
    ),
    "dead_letter_queue_keeps_the_failure": (
        {
            "drain.py": 'import json\nimport logging\nimport os\n\nimport boto3\n\nlog = logging.getLogger(__name__)\nsqs = boto3.client("sqs")\nQUEUE = os.environ["QUEUE_URL"]\nDLQ = os.environ["DEAD_LETTER_URL"]\n\n\ndef handle(body):\n    order = json.loads(body)\n    log.info("order %s", order["id"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    resp = sqs.receive_message(QueueUrl=QUEUE, MaxNumberOfMessages=10)\n    for msg in resp.get("Messages", []):\n        try:\n            handle(msg["Body"])\n        except Exception:\n            log.exception("order failed, parking it for a retry")\n            sqs.send_message(QueueUrl=DLQ, MessageBody=msg["Body"])\n        sqs.delete_message(QueueUrl=QUEUE, ReceiptHandle=msg["ReceiptHandle"])\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        "pass",
    ),
    "a_read_in_a_nested_function": (
        {
            "sync.py": 'import subprocess\nimport sys\n\n\ndef main():\n    def failed():\n        return rc != 0\n\n    rc = subprocess.call(["aws", "s3", "sync", "out/", "s3://bucket/out/"])\n    print("sync finished with", rc)\n    if failed():\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        "pass",
    ),
    "a_global_status_read_by_another_function": (
        {
            "backup.py": 'import os\nimport sys\n\nrc = 0\n\n\ndef run(cmd):\n    global rc\n    rc = os.system(cmd)\n    print("exit status", rc)\n\n\ndef finish():\n    sys.exit(1 if rc else 0)\n\n\nif __name__ == "__main__":\n    run("pg_dump shop > /backups/shop.sql")\n    finish()\n'
        },
        "pass",
    ),
    "a_main_block_status_read_by_a_module_function": (
        {
            "dump.py": 'import os\nimport sys\n\n\ndef finish():\n    if rc != 0:\n        sys.exit(rc)\n\n\nif __name__ == "__main__":\n    rc = os.system("pg_dump shop > /backups/shop.sql")\n    print("pg_dump exited with", rc)\n    finish()\n'
        },
        "pass",
    ),
    "a_teams_rest_resource_is_the_jobs_work": (
        {
            "sync_teams.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\nAPI = os.environ["HR_API"]\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    for team in requests.get(f"{API}/directory/teams", timeout=10).json():\n        r = requests.put(f"https://chat.example.com/api/v4/teams/{team[\'id\']}/members", json=team["members"], timeout=10)\n        log.info("synced %s: %s", team["name"], r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        "fail",
    ),
    "an_unrelated_hooks_attribute": (
        {
            "publish.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\nCONFIG = {"hooks": ["pre_publish"]}\n\n\ndef run_hooks(cfg):\n    for name in cfg.get("hooks", []):\n        log.info("hook %s", name)\n\n\nclass Site:\n    def __init__(self):\n        self.hooks = []\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    site = Site()\n    site.hooks.append("sitemap")\n    r = requests.post(os.environ["DEPLOY_API"] + "/publish", json={"site": "docs"}, timeout=30)\n    log.info("publish returned %s", r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        "fail",
    ),
}

REVIEW9B_DRAMATIQ = {
    "billing/worker.py": '"""dramatiq billing.worker"""\nimport logging\nimport os\n\nimport dramatiq\nimport requests\nfrom dramatiq.brokers.redis import RedisBroker\n\nlogging.basicConfig(level=logging.INFO)\nbroker = RedisBroker(url=os.environ["BILLING_REDIS_URL"])\ndramatiq.set_broker(broker)\n\n\n@dramatiq.actor(max_retries=3)\ndef charge(invoice_id):\n    r = requests.post(f"https://pay.example.com/charge/{invoice_id}", timeout=10)\n    r.raise_for_status()\n',
    "mailer/broker.py": '"""dramatiq mailer.broker mailer.tasks  (a separate broker: mail runs on its own Redis)"""\nimport logging\nimport os\n\nimport dramatiq\nfrom dramatiq.brokers.redis import RedisBroker\n\nlogging.basicConfig(level=logging.INFO)\nbroker = RedisBroker(url=os.environ["MAIL_REDIS_URL"])\ndramatiq.set_broker(broker)\n',
    "mailer/tasks.py": 'import smtplib\n\nimport dramatiq\n\nfrom broker import broker  # noqa: F401  (sets the broker up first)\n\n\n@dramatiq.actor(queue_name="mail")\ndef send_receipt(to, body):\n    try:\n        with smtplib.SMTP("smtp.example.com") as s:\n            s.sendmail("billing@example.com", [to], body)\n    except Exception:\n        pass\n',
}


@pytest.mark.parametrize("case", sorted(REVIEW9B))
def test_review9b_exit_codes_and_connection_strings(make_tree: Callable[[dict[str, str]], Path], case: str) -> None:
    files, expected = REVIEW9B[case]
    report = run([str(make_tree(files))])
    if expected == "none":  # texts that only look like a DSN
        assert [f for f in report.findings if f.name == "hardcoded-secret"] == []
        return
    verdicts = _exit_code_verdicts(report)
    assert verdicts and set(verdicts.values()) == {expected}


def test_review9b_a_broker_module_its_actors_import_is_the_worker(make_tree: Callable[[dict[str, str]], Path]) -> None:
    report = run([str(make_tree(REVIEW9B_DRAMATIQ))])
    found = sorted((r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints)
    assert found == [("billing/worker.py", "worker"), ("mailer/broker.py", "worker")]


# Third review of session 9's change: each as it was before the change (the rich-prompt shell,
# a job then, is a console tool now that rich's prompts count as asking a person).
REVIEW9C: dict[str, tuple[dict[str, str], list[tuple[str, str, str]]]] = {
    "http_json_subscript_in_a_loop": (
        {
            "sync_prices.py": '"""Nightly job: pull each product\'s price from the vendor API and store it."""\nimport logging\nimport sqlite3\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nAPI = "https://vendor.example.com/api/prices/{}"\nSKUS = ["A100", "B200", "C300"]\n\n\ndef main():\n    db = sqlite3.connect("/data/prices.db")\n    for sku in SKUS:\n        try:\n            price = requests.get(API.format(sku), timeout=30).json()["price"]\n        except Exception as exc:\n            log.error("could not fetch %s: %s", sku, exc)\n            continue\n        db.execute("insert into prices values (?, ?)", (sku, price))\n    db.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_prices.py", "job", "fail")],
    ),
    "confluence_client_get": (
        {
            "export_pages.py": '"""Weekly job: export the team\'s Confluence pages to the archive bucket."""\nimport logging\n\nimport boto3\nfrom atlassian import Confluence\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nconfluence = Confluence(url="https://wiki.example.com", token="...")\ns3 = boto3.client("s3")\nPAGE_IDS = ["1001", "1002", "1003"]\n\n\ndef main():\n    for page_id in PAGE_IDS:\n        try:\n            page = confluence.get(f"rest/api/content/{page_id}?expand=body.storage")\n        except Exception as exc:\n            log.error("page %s not exported: %s", page_id, exc)\n            continue\n        s3.put_object(Bucket="wiki-archive", Key=f"{page_id}.html", Body=page["body"]["storage"]["value"])\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("export_pages.py", "job", "fail")],
    ),
    "query_fetchone_subscript": (
        {
            "rollup.py": '"""Hourly job: roll up each shop\'s order totals."""\nimport logging\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nSHOPS = [1, 2, 3]\n\n\ndef main():\n    conn = psycopg2.connect("dbname=shop")\n    cur = conn.cursor()\n    for shop in SHOPS:\n        try:\n            total = cur.execute("select sum(amount) from orders where shop = %s", (shop,)).fetchone()[0]\n        except psycopg2.Error as exc:\n            log.error("rollup for shop %s failed: %s", shop, exc)\n            continue\n        cur.execute("insert into totals (shop, total) values (%s, %s) on conflict (shop) do update set total = excluded.total", (shop, total))\n    conn.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("rollup.py", "job", "fail")],
    ),
    "pickle_load_until_eof": (
        {
            "load_events.py": '"""Job: load the day\'s pickled events into the warehouse, then exit."""\nimport logging\nimport pickle\nimport sys\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef load(path):\n    conn = psycopg2.connect("dbname=warehouse")\n    cur = conn.cursor()\n    with open(path, "rb") as f:\n        try:\n            while True:\n                event = pickle.load(f)\n                cur.execute(\n                    "insert into events (id, body) values (%s, %s) on conflict (id) do nothing",\n                    (event["id"], event["body"]),\n                )\n        except EOFError:\n            pass\n    conn.commit()\n\n\nif __name__ == "__main__":\n    load(sys.argv[1])\n'
        },
        [("load_events.py", "job", "pass")],
    ),
    "paginating_generator": (
        {
            "export_users.py": '"""Job: page through the users API and write a CSV, then exit."""\nimport csv\nimport logging\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nAPI = "https://api.example.com/users"\n\n\ndef pages():\n    url = API\n    while True:\n        resp = requests.get(url, timeout=30)\n        resp.raise_for_status()\n        body = resp.json()\n        yield body["items"]\n        url = body["next"]\n\n\ndef main():\n    with open("users.csv", "w", newline="") as f:\n        writer = csv.writer(f)\n        for items in pages():\n            writer.writerows([u["id"], u["email"]] for u in items)\n            if len(items) < 100:\n                break\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("export_users.py", "job", "pass")],
    ),
    "exit_in_a_called_function": (
        {
            "wait_for_backup.py": '"""Job: start a database snapshot and exit once it is done."""\nimport logging\nimport sys\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nrds = boto3.client("rds")\n\n\ndef finish(status):\n    log.info("snapshot %s", status)\n    sys.exit(0 if status == "available" else 1)\n\n\ndef poll(snapshot_id):\n    while True:\n        snap = rds.describe_db_snapshots(DBSnapshotIdentifier=snapshot_id)["DBSnapshots"][0]\n        if snap["Status"] in ("available", "failed"):\n            finish(snap["Status"])\n\n\ndef main():\n    rds.create_db_snapshot(DBSnapshotIdentifier="nightly", DBInstanceIdentifier="prod")\n    poll("nightly")\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("wait_for_backup.py", "job", "pass")],
    ),
    "next_until_stopiteration": (
        {
            "import_csv.py": '"""Job: read CSV rows from stdin and upsert them into the database."""\nimport csv\nimport logging\nimport sys\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    conn = psycopg2.connect("dbname=crm")\n    cur = conn.cursor()\n    rows = csv.reader(sys.stdin)\n    try:\n        while True:\n            row = next(rows)\n            cur.execute(\n                "insert into contacts (id, email) values (%s, %s) on conflict (id) do update set email = excluded.email",\n                row,\n            )\n    except StopIteration:\n        conn.commit()\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("import_csv.py", "job", "pass")],
    ),
    "generator_under_a_catch_all": (
        {
            "export_users.py": '"""Job: page through the users API and write a CSV, then exit."""\nimport csv\nimport logging\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nAPI = "https://api.example.com/users"\n\n\ndef pages():\n    url = API\n    while True:\n        resp = requests.get(url, timeout=30)\n        resp.raise_for_status()\n        body = resp.json()\n        yield body["items"]\n        url = body["next"]\n\n\ndef main():\n    try:\n        with open("users.csv", "w", newline="") as f:\n            writer = csv.writer(f)\n            for items in pages():\n                writer.writerows([u["id"], u["email"]] for u in items)\n                if len(items) < 100:\n                    break\n    except Exception as exc:\n        log.error("export failed: %s", exc)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("export_users.py", "job", "fail")],
    ),
    "rich_prompt_shell": (
        {
            "dbshell.py": '"""Interactive admin shell for the billing database: type SQL, see rows. Ctrl-D quits."""\nimport os\n\nimport psycopg2\nfrom rich.console import Console\nfrom rich.prompt import Prompt\nfrom rich.table import Table\n\nconsole = Console()\n\n\ndef shell():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    cur = conn.cursor()\n    try:\n        while True:\n            sql = Prompt.ask("[bold]billing[/bold]>")\n            cur.execute(sql)\n            table = Table(*[d.name for d in cur.description or []])\n            for row in cur.fetchall():\n                table.add_row(*map(str, row))\n            console.print(table)\n            conn.commit()\n    except (EOFError, KeyboardInterrupt):\n        console.print("bye")\n\n\nif __name__ == "__main__":\n    shell()\n'
        },
        [],
    ),
    "busy_method_never_called": (
        {
            "ship_logs.py": '"""Cron job (every 5 min): ship the new lines of the app log to the log store, then exit.\n\n`LogShipper.follow()` is for running by hand while debugging (`python -i ship_logs.py`).\n"""\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nclass LogShipper:\n    def __init__(self, path, url):\n        self.path = path\n        self.url = url\n        self.offset = 0\n\n    def ship_new_lines(self):\n        with open(self.path) as f:\n            f.seek(self.offset)\n            lines = f.readlines()\n            self.offset = f.tell()\n        if lines:\n            resp = requests.post(self.url, json={"lines": lines}, timeout=30)\n            resp.raise_for_status()\n        return len(lines)\n\n    def follow(self):\n        while True:\n            self.ship_new_lines()\n\n\ndef main():\n    shipper = LogShipper("/var/log/app.log", os.environ["LOG_STORE_URL"])\n    shipped = shipper.ship_new_lines()\n    log.info("shipped %d lines", shipped)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        [("ship_logs.py", "job", "pass")],
    ),
    "per_tenant_lookup_skipped": (
        {
            "backup_tenants.py": '"""Nightly job: pg_dump every tenant\'s database listed in tenants.ini."""\nimport configparser\nimport logging\nimport subprocess\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    config = configparser.ConfigParser()\n    config.read("/etc/backup/tenants.ini")\n    for tenant in config.sections():\n        try:\n            dsn = config[tenant]["dsn"]\n            bucket = config[tenant]["bucket"]\n        except Exception as exc:\n            log.error("tenant %s not backed up: missing %s", tenant, exc)\n            continue\n        subprocess.run(["sh", "-c", f"pg_dump \'{dsn}\' | gzip | aws s3 cp - s3://{bucket}/{tenant}.sql.gz"], check=True)\n\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("backup_tenants.py", "job", "fail")],
    ),
}


@pytest.mark.parametrize("case", sorted(REVIEW9C))
def test_review9c_loops_that_end_and_lookups_that_are_work(
    make_tree: Callable[[dict[str, str]], Path], case: str
) -> None:
    files, expected = REVIEW9C[case]
    report = run([str(make_tree(files))])
    found = sorted(
        (r.entrypoint.path, r.entrypoint.kind, {c.name: c.status for c in r.checks}.get("missing-exit-code", "n/a"))
        for r in report.entrypoints
    )
    assert found == sorted(expected)


# Review of session 10's change: each case a reproduction the reviewer wrote (entrypoints, secret and
# debug-mode findings, and entrypoints failing debug-mode-enabled, as they should be).
REVIEW10: dict[str, tuple[dict[str, str], list[tuple[str, str]], list[tuple[str, str, int]], list[tuple[str, str]]]] = {
    "event_job": (
        {
            "download.py": '"""Download a list of files in parallel; Ctrl-C stops early."""\nimport logging\nimport signal\nimport sys\nimport threading\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\ndone = threading.Event()\n\n\ndef on_signal(signum, frame):\n    log.info("interrupted")\n    done.set()\n\n\ndef fetch_all(urls):\n    for url in urls:\n        if done.is_set():\n            break\n        r = requests.get(url, timeout=30)\n        r.raise_for_status()\n        with open(url.rsplit("/", 1)[1], "wb") as fh:\n            fh.write(r.content)\n    done.set()\n\n\ndef main():\n    signal.signal(signal.SIGINT, on_signal)\n    urls = [line.strip() for line in open(sys.argv[1])]\n    t = threading.Thread(target=fetch_all, args=(urls,))\n    t.start()\n    done.wait()\n    log.info("finished")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("download.py", "job")],
        [],
        [],
    ),
    "proc_terminate": (
        {
            "loadtest.py": '"""Benchmark the client against a local fake server, then stop the server."""\nimport logging\nimport multiprocessing\nimport socket\nimport time\n\nlogging.basicConfig(level=logging.INFO)\n\n\nclass FakeServer(multiprocessing.Process):\n    def __init__(self, port):\n        super().__init__()\n        self.port = port\n\n    def run(self):\n        sock = socket.socket()\n        sock.bind(("127.0.0.1", self.port))\n        sock.listen()\n        while True:\n            conn, _ = sock.accept()\n            conn.sendall(b"pong")\n            conn.close()\n\n\ndef bench(port, n=1000):\n    start = time.time()\n    for _ in range(n):\n        s = socket.create_connection(("127.0.0.1", port), timeout=5)\n        s.recv(4)\n        s.close()\n    logging.info("%.1f req/s", n / (time.time() - start))\n\n\nif __name__ == "__main__":\n    server = FakeServer(9999)\n    server.start()\n    time.sleep(0.5)\n    try:\n        bench(9999)\n    finally:\n        server.terminate()\n        server.join()\n',
        },
        [("loadtest.py", "job")],
        [],
        [],
    ),
    "scrape_break": (
        {
            "scrape.py": '"""Collect all reviews from the product page by clicking \'Load more\' until it is gone."""\nimport csv\nimport time\n\nfrom selenium import webdriver\nfrom selenium.webdriver.common.by import By\n\ndriver = webdriver.Chrome()\ndriver.get("https://shop.example.com/product/42/reviews")\n\nwhile True:\n    try:\n        button = driver.find_element(By.CSS_SELECTOR, "button.load-more")\n        button.click()\n        time.sleep(2)\n    except Exception:\n        print("No more reviews to load")\n        break\n\nrows = [[r.text] for r in driver.find_elements(By.CSS_SELECTOR, ".review")]\nwith open("reviews.csv", "w", newline="") as fh:\n    csv.writer(fh).writerows(rows)\ndriver.quit()\n',
        },
        [("scrape.py", "job")],
        [],
        [],
    ),
    "self_app_debug": (
        {
            "server.py": 'import logging\nimport os\n\nfrom flask import Flask, jsonify\n\nlogging.basicConfig(level=logging.INFO)\n\n\nclass Server:\n    def __init__(self):\n        self.app = Flask(__name__)\n        self.app.debug = True\n        self.app.config["DEBUG"] = True\n        self.app.add_url_rule("/health", view_func=self.health)\n\n    def health(self):\n        return jsonify(status="ok")\n\n\nserver = Server()\napp = server.app\n',
        },
        [],
        [("debug-mode-enabled", "server.py", 12), ("debug-mode-enabled", "server.py", 13)],
        [],
    ),
    "camel_secret": (
        {
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "mySuperSecretKey"\napp.secret_key = "superSecret"\nDB_PASSWORD = "adminPassword"\n\n\n@app.route("/")\ndef index():\n    return "hi"\n',
        },
        [("app.py", "api")],
        [("hardcoded-secret", "app.py", 9), ("hardcoded-secret", "app.py", 10), ("hardcoded-secret", "app.py", 11)],
        [],
    ),
    "worker_debug": (
        {
            "app/__init__.py": 'import logging\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\nlogging.basicConfig(level=logging.INFO)\n\napp = Flask(__name__)\napp.config["DEBUG"] = True\ndb = SQLAlchemy(app)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/ready")\ndef ready():\n    return "ok"\n',
            "worker.py": '"""RQ worker for the app\'s background tasks."""\nimport os\nimport signal\n\nimport redis\nfrom rq import Queue, Worker\n\nfrom app import app, db\n\nconn = redis.from_url(os.environ["REDIS_URL"])\n\nif __name__ == "__main__":\n    with app.app_context():\n        Worker([Queue("default", connection=conn)], connection=conn).work()\n',
        },
        [("app/__init__.py", "api"), ("worker.py", "worker")],
        [("debug-mode-enabled", "app/__init__.py", 9)],
        [("app/__init__.py", "debug-mode-enabled")],
    ),
    "ws_break": (
        {
            "rpc.py": '"""Ask the node for the latest block over its websocket API and print it."""\nimport json\nimport logging\nimport sys\n\nimport websocket\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    ws = websocket.create_connection("wss://node.example.com/ws", timeout=30)\n    ws.send(json.dumps({"id": 1, "method": "eth_blockNumber"}))\n    while True:\n        reply = json.loads(ws.recv())\n        if reply.get("id") == 1:\n            log.info("block %s", int(reply["result"], 16))\n            break\n    ws.close()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("rpc.py", "job")],
        [],
        [],
    ),
    "settings_if": (
        {
            "manage.py": 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n',
            "mysite/__init__.py": "",
            "mysite/settings.py": 'import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\nSECRET_KEY = os.environ["SECRET_KEY"]\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]\nMIDDLEWARE = []\nROOT_URLCONF = "mysite.urls"\nLOGGING = {"version": 1}\n\nif DEBUG:\n    for extra in ("debug_toolbar", "django_extensions"):\n        INSTALLED_APPS.append(extra)\n',
            "mysite/urls.py": 'from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [path("health/", lambda r: HttpResponse("ok")), path("ready/", lambda r: HttpResponse("ok"))]\n',
            "mysite/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n',
        },
        [("mysite/wsgi.py", "api")],
        [],
        [],
    ),
    # (its `pika.PlainCredentials("guest", "guest")` left: a broker's out-of-the-box password by
    # position is reported with medium confidence since round 533, as in a URL or a keyword)
    "basicauth": (
        {
            "sync.py": '"""Copy yesterday\'s Toggl time entries into Freshdesk tickets."""\nimport logging\nimport os\nimport sys\n\nimport requests\nfrom requests.auth import HTTPBasicAuth\n\nlogging.basicConfig(level=logging.INFO)\n\nTOGGL_TOKEN = os.environ["TOGGL_TOKEN"]\nFRESHDESK_KEY = os.environ["FRESHDESK_KEY"]\n\ntoggl = HTTPBasicAuth(TOGGL_TOKEN, "api_token")      # Toggl\'s documented password literal\nfreshdesk = HTTPBasicAuth(FRESHDESK_KEY, "X")         # Freshdesk\'s documented dummy password\n\n\ndef main():\n    r = requests.get("https://api.track.toggl.com/api/v9/me/time_entries", auth=toggl, timeout=30)\n    r.raise_for_status()\n    for entry in r.json():\n        requests.post("https://acme.freshdesk.com/api/v2/time_entries", auth=freshdesk, json=entry, timeout=30).raise_for_status()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("sync.py", "job")],
        [],
        [],
    ),
    "worker_cfg_debug": (
        {
            "consumer.py": '"""Consume order events and write them to the warehouse."""\nimport argparse\nimport json\nimport logging\nimport signal\nfrom dataclasses import dataclass\n\nfrom kafka import KafkaConsumer\n\n\n@dataclass\nclass Settings:\n    topic: str = "orders"\n    debug: bool = False\n\n\nrunning = True\n\n\ndef stop(*_):\n    global running\n    running = False\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("-v", "--verbose", action="store_true")\n    args = parser.parse_args()\n    settings = Settings()\n    if args.verbose:\n        settings.debug = True\n    logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)\n    signal.signal(signal.SIGTERM, stop)\n    consumer = KafkaConsumer(settings.topic, bootstrap_servers="kafka:9092")\n    while running:\n        for batch in consumer.poll(timeout_ms=1000).values():\n            for msg in batch:\n                logging.info("order %s", json.loads(msg.value))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("consumer.py", "worker")],
        [],
        [],
    ),
    "events_demo": (
        {
            "app/__init__.py": "",
            "app/events.py": '"""Publish domain events on Redis; run this module to watch them while debugging."""\nimport json\nimport os\n\nimport redis\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost"))\n\n\ndef publish(kind, **data):\n    r.publish("events", json.dumps({"kind": kind, **data}))\n\n\ndef tail():\n    pubsub = r.pubsub()\n    pubsub.subscribe("events")\n    for message in pubsub.listen():\n        print(message)\n\n\nif __name__ == "__main__":\n    tail()\n',
            "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom app.events import publish\n\nlogging.basicConfig(level=logging.INFO)\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n\n\n@app.get("/ready")\ndef ready():\n    return {"ok": True}\n\n\n@app.post("/orders")\ndef create_order(item: str):\n    publish("order_created", item=item)\n    return {"ok": True}\n',
        },
        [("app/main.py", "api")],
        [],
        [],
    ),
    "_events_inline": (
        {
            "app/__init__.py": "",
            "app/events.py": '"""Publish domain events on Redis; run this module to watch them while debugging."""\nimport json\nimport os\n\nimport redis\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost"))\n\n\ndef publish(kind, **data):\n    r.publish("events", json.dumps({"kind": kind, **data}))\n\n\nif __name__ == "__main__":\n    pubsub = r.pubsub()\n    pubsub.subscribe("events")\n    for message in pubsub.listen():\n        print(message)\n',
            "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom app.events import publish\n\nlogging.basicConfig(level=logging.INFO)\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n\n\n@app.get("/ready")\ndef ready():\n    return {"ok": True}\n\n\n@app.post("/orders")\ndef create_order(item: str):\n    publish("order_created", item=item)\n    return {"ok": True}\n',
        },
        [("app/main.py", "api")],
        [],
        [],
    ),
    "daemon_param": (
        {
            "smoke.py": '"""Smoke-test the notifier against a throw-away TCP sink, then exit with the result."""\nimport logging\nimport socket\nimport sys\nimport threading\n\nlogging.basicConfig(level=logging.INFO)\n\n\nclass Sink(threading.Thread):\n    def __init__(self, port, daemon=True):\n        super().__init__(name="sink", daemon=daemon)\n        self.sock = socket.create_server(("127.0.0.1", port))\n        self.received = []\n\n    def run(self):\n        while True:\n            conn, _ = self.sock.accept()\n            self.received.append(conn.recv(4096))\n            conn.close()\n\n\ndef main():\n    sink = Sink(2525)\n    sink.start()\n    with socket.create_connection(("127.0.0.1", 2525), timeout=5) as c:\n        c.sendall(b"HELO test")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("smoke.py", "job")],
        [],
        [],
    ),
    "gunicorn": (
        {
            "serve.py": 'import logging\nimport multiprocessing\n\nfrom flask import Flask\nfrom gunicorn.app.base import BaseApplication\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/ready")\ndef ready():\n    return "ok"\n\n\nclass StandaloneApplication(BaseApplication):\n    def __init__(self, application, options=None):\n        self.options = options or {}\n        self.application = application\n        super().__init__()\n\n    def load_config(self):\n        for key, value in self.options.items():\n            self.cfg.set(key, value)\n\n    def load(self):\n        return self.application\n\n\nif __name__ == "__main__":\n    server = StandaloneApplication(app, {"bind": "0.0.0.0:8000", "workers": multiprocessing.cpu_count()})\n    server.run()\n',
        },
        [("serve.py", "api")],
        [],
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(REVIEW10))
def test_review10_kinds_secrets_and_debug_mode(make_tree: Callable[[dict[str, str]], Path], case: str) -> None:
    files, kinds, findings, debug_fails = REVIEW10[case]
    report = run([str(make_tree(files))])
    assert sorted((r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints) == kinds
    names = {"hardcoded-secret", "debug-mode-enabled"}
    assert sorted((f.name, f.path, f.line) for f in report.findings if f.name in names) == findings
    failing = [(r.entrypoint.path, c.name) for r in report.entrypoints for c in r.checks if c.status == "fail"]
    assert sorted(x for x in failing if x[1] == "debug-mode-enabled") == debug_fails
