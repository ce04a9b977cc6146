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
