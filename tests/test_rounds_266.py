"""Session 27: what blind rounds 266 and on showed, as small trees.

Each case fails on 7ed97a6, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_SIGNALS = """\
import requests


def send_signals():
    r = requests.get("https://api.example.com/prices", timeout=10)
    r.raise_for_status()
    requests.post("https://hooks.example.com/signal", json=r.json(), timeout=10).raise_for_status()


if __name__ == "__main__":
    send_signals()
"""

_CRAWL = """\
import requests


def initialize():
    open("results.csv", "a").close()


def crawl():
    requests.get("https://news.example.com/rss", timeout=10).raise_for_status()


if __name__ == "__main__":
    initialize()
    crawl()
"""

_MINIO = """\
import os
import time

from kafka import KafkaConsumer
from minio import Minio

client = Minio("lake:9000", os.getenv("MINIO_ACCESS_KEY", {access!r}), os.getenv("MINIO_SECRET_KEY", {secret!r}))

if __name__ == "__main__":
    consumer = KafkaConsumer("rates", bootstrap_servers="kafka:9092")
    for message in consumer:
        client.put_object("rates", str(time.time()), message.value, len(message.value))
"""

_BACKUP = """\
import os


def main():
    status = os.system({command!r})
    if status != 0:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
"""

_GCS_PRUNE = """\
from datetime import datetime, timedelta, timezone

from google.cloud import storage


def prune(days=7):
    bucket = storage.Client().bucket("backups")
    blobs = {listing}
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    for blob in blobs:
        if blob.time_created < cutoff:
            blob.{action}()


if __name__ == "__main__":
    prune()
"""

_CASES: dict[str, Case] = {
    # round 271: a helper whose `__main__` block runs the very call the deployed script makes
    "manual_run_of_the_job_script": (
        {
            "advanced_signal_bot.py": _SIGNALS,
            "send_signals.py": "from advanced_signal_bot import send_signals\n\nif __name__ == '__main__':\n    send_signals()\n",
        },
        [("send_signals.py", "job", "python")],
        None,
    ),
    # (trap, round 229) a scheduler that repeats the crawl: the crawler's own block is a one-off run
    "one_off_run_beside_its_scheduler": (
        {
            "crawl.py": _CRAWL,
            "scheduler.py": (
                "import time\n\nimport schedule\n\nfrom crawl import crawl, initialize\n\n\n"
                "def scheduling():\n    schedule.every(6).hours.do(crawl)\n    while True:\n"
                "        schedule.run_pending()\n        time.sleep(1)\n\n\n"
                "if __name__ == '__main__':\n    initialize()\n    scheduling()\n"
            ),
        },
        [("crawl.py", "job", "python"), ("scheduler.py", "job", "schedule")],
        None,
    ),
    # (trap) a script that only shares a helper with another job, running its own work too
    "shared_helper_with_work_of_its_own": (
        {
            "advanced_signal_bot.py": _SIGNALS.replace(
                "    send_signals()\n",
                "    send_signals()\n    requests.post('https://hooks.example.com/done', timeout=5)\n",
            ),
            "send_signals.py": "from advanced_signal_bot import send_signals\n\nif __name__ == '__main__':\n    send_signals()\n",
        },
        [("advanced_signal_bot.py", "job", "python"), ("send_signals.py", "job", "python")],
        None,
    ),
    # round 272: MinIO's access key is its user name; the secret key beside it is the secret
    "minio_access_key_is_a_user": (
        {"consumer.py": _MINIO.format(access="minio", secret="minio123")},
        [("consumer.py", "worker", "kafka")],
        ("hardcoded-secret-fallback", 1),
    ),
    # (trap) an AWS-shaped access key id as a fallback is still reported
    "aws_access_key_id_fallback_still_counts": (
        {"consumer.py": _MINIO.format(access="AKIAIOSFODNN7EXAMPLE", secret="")},
        [("consumer.py", "worker", "kafka")],
        ("hardcoded-secret-fallback", 1),
    ),
    # round 266: `rsync --delete` mirrors a share, deleting what is gone from it
    "rsync_delete": (
        {"backup.py": _BACKUP.format(command="rsync -auv --delete /mnt/share/ /mnt/backup/")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "rsync_remove_source_files": (
        {"backup.py": _BACKUP.format(command="rsync -a --remove-source-files /data/outbox/ archive:/in/")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # (trap) a plain copy, and one that only shows what it would delete
    "rsync_copy": (
        {"backup.py": _BACKUP.format(command="rsync -auv /mnt/share/ /mnt/backup/")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "rsync_delete_dry_run": (
        {"backup.py": _BACKUP.format(command="rsync -auv --dry-run --delete /mnt/share/ /mnt/backup/")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # round 266: Google Cloud Storage objects listed, then deleted one by one
    "gcs_blobs_deleted": (
        {"backup.py": _GCS_PRUNE.format(listing="list(bucket.list_blobs())", action="delete")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "gcs_blobs_deleted_from_the_listing": (
        {"backup.py": _GCS_PRUNE.format(listing="bucket.list_blobs()", action="delete")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # (trap) listed and only read
    "gcs_blobs_read": (
        {"backup.py": _GCS_PRUNE.format(listing="list(bucket.list_blobs())", action="reload")},
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
}


_RELOAD = """\
import psycopg2
import requests


def main():
    rows = requests.get("https://api.example.com/counties", timeout=10).json()
    conn = psycopg2.connect("")
    with conn.cursor() as cur:
        cur.execute({first!r})
        for row in rows:
            cur.execute("insert into raw_counties (data) values (%s)", (row,))
    conn.commit()


if __name__ == "__main__":
    main()
"""

_CASES.update(
    {
        # round 274: a table emptied, then loaded again: a re-run replaces every row
        "truncate_then_insert": (
            {"load.py": _RELOAD.format(first="truncate table raw_counties")},
            [("load.py", "job", "python")],
            ("non-idempotent-insert", 0),
        ),
        # (trap) another table emptied: the insert still adds rows twice
        "truncate_of_another_table": (
            {"load.py": _RELOAD.format(first="TRUNCATE TABLE staging")},
            [("load.py", "job", "python")],
            ("non-idempotent-insert", 1),
        ),
    }
)


_MAILER = """\
import functools


def send_mail_on_error({outer}):
{body}
"""

_FACTORY_BODY = """\
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                notify(str(error))
{after}
        return wrapper

    return decorator"""

_DECORATED = """\
import subprocess

from mailer import send_mail_on_error


@send_mail_on_error{parens}
def main():
    subprocess.run(["pg_dump", "shop"], check=True)


if __name__ == "__main__":
    main()
"""

_CASES.update(
    {
        # round 266: a decorator factory of another module mails every failure and returns None
        "catch_all_decorator_factory": (
            {
                "mailer.py": _MAILER.format(outer="", body=_FACTORY_BODY.format(after="")),
                "job.py": _DECORATED.format(parens="()"),
            },
            [("job.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        "catch_all_decorator": (
            {
                "mailer.py": _MAILER.format(
                    outer="func",
                    body=(
                        "    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n"
                        "            return func(*args, **kwargs)\n        except:\n            notify('failed')\n\n"
                        "    return wrapper"
                    ),
                ),
                "job.py": _DECORATED.format(parens=""),
            },
            [("job.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        # (trap) the decorator tells, then raises the failure again
        "decorator_that_raises_again": (
            {
                "mailer.py": _MAILER.format(outer="", body=_FACTORY_BODY.format(after="                raise\n")),
                "job.py": _DECORATED.format(parens="()"),
            },
            [("job.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
        # (trap) a decorator that catches only what it retries, around something else
        "decorator_catching_elsewhere": (
            {
                "mailer.py": _MAILER.format(
                    outer="",
                    body=(
                        "    def decorator(func):\n        def wrapper(*args, **kwargs):\n            try:\n"
                        "                notify('starting')\n            except Exception:\n                pass\n"
                        "            return func(*args, **kwargs)\n\n        return wrapper\n\n    return decorator"
                    ),
                ),
                "job.py": _DECORATED.format(parens="()"),
            },
            [("job.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


_FACTORY = """\
import os

from celery import Celery
from flask import Flask


def create_app():
    app = Flask(__name__)
    celery_app = Celery(__name__, broker=os.getenv("CELERY_BROKER"))
    return app, celery_app
"""

_RUN = """\
from lib import create_app

app, celery_app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
"""

_DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR {workdir}\nCOPY . .\nCMD ["python", "run.py"]\n'

_CASES.update(
    {
        # round 277: `app, celery_app = create_app()` then `app.run(debug=True)`, the image's command
        # (its WORKDIR relative, under the image's root): the factory's app, served in debug mode
        "tuple_factory_runner_in_debug": (
            {"lib/__init__.py": _FACTORY, "run.py": _RUN, "Dockerfile": _DOCKERFILE.format(workdir="app")},
            [("lib/__init__.py", "api", "flask"), ("lib/__init__.py", "worker", "celery")],
            ("debug-mode-enabled", 1),
        ),
        # the same runner, no job either, with no deployment running its block: a development server
        "tuple_factory_runner_undeployed": (
            {"lib/__init__.py": _FACTORY, "run.py": _RUN},
            [("lib/__init__.py", "api", "flask"), ("lib/__init__.py", "worker", "celery")],
            ("debug-mode-enabled", 0),
        ),
    }
)


_SUBCLASS_FACTORY = """\
from flask import Flask


class {cls}({base}):
    jinja_options = {{"trim_blocks": True}}


def create_app():
    app = {cls}(__name__)
    app.add_url_rule("/", "index", lambda: "ok")
    return app
"""

_CASES.update(
    {
        # round 285: a factory building the app from the project's own subclass of Flask, served by
        # `gunicorn run:app`; `run.py` only builds it and runs it in its block
        "factory_of_a_flask_subclass": (
            {
                "main/__init__.py": _SUBCLASS_FACTORY.format(cls="YourFlask", base="Flask"),
                "run.py": "from main import create_app\n\napp = create_app()\n\nif __name__ == '__main__':\n    app.run()\n",
            },
            [("main/__init__.py", "api", "flask")],
            None,
        ),
        # (trap) a subclass of something else, built in a function: no app
        "factory_of_another_class": (
            {"main/__init__.py": _SUBCLASS_FACTORY.format(cls="Settings", base="dict")},
            [],
            None,
        ),
    }
)


_ENGINE = """\
from sqlalchemy import create_engine

DATABASE_URL = {url!r}
engine = create_engine(DATABASE_URL)

if __name__ == "__main__":
    with engine.begin() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
"""

_CASES.update(
    {
        # round 283: the password the database images' Compose examples set, kept as the real one
        "postgres_example_password": (
            {"vacuum.py": _ENGINE.format(url="postgresql://postgres:example@postgresserver/db")},
            [("vacuum.py", "job", "python")],
            ("hardcoded-secret", 1),
        ),
        # (trap) "example" for an application's own user: a stand-in
        "app_user_example_password": (
            {"vacuum.py": _ENGINE.format(url="postgresql://shop:example@postgresserver/db")},
            [("vacuum.py", "job", "python")],
            ("hardcoded-secret", 0),
        ),
    }
)


_LAMBDA = """\
import boto3
import requests


def scrape():
    r = requests.get("https://cams.example.com/latest", timeout=10)
    r.raise_for_status()
    boto3.resource("dynamodb").Table("pictures").put_item(Item={{"Key": "latest", "Value": r.text}})


def lambda_handler(event, context):
    try:
        scrape()
    except Exception as error:
        print("scrape failed", error)


if __name__ == "__main__":
    {block}
"""

_CASES.update(
    {
        # round 284: a Lambda handler tried out locally in the `__main__` block: still the Lambda,
        # which exits with no status to judge
        "lambda_tried_in_main_block": (
            {"main.py": _LAMBDA.format(block="lambda_handler(None, None)")},
            [("main.py", "job", "aws-lambda")],
            ("missing-exit-code", "na"),
        ),
        # (trap) a block that does more than try the handler is a job of its own
        "lambda_handler_called_by_a_script": (
            {"main.py": _LAMBDA.format(block="scrape()\n    lambda_handler(None, None)")},
            [("main.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
    }
)


_POPEN = """\
import subprocess


def dump():
    process = subprocess.Popen("mongodump --out /backups/today", stdout=subprocess.PIPE, shell=True)
    stdout, stderr = process.communicate()
{after}

if __name__ == "__main__":
    dump()
"""

_CASES.update(
    {
        # round 286: a process's output taken, its exit status never read
        "popen_communicate_status_unread": (
            {"backup.py": _POPEN.format(after="    print(stdout)\n")},
            [("backup.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        "popen_communicate_at_module_level": (
            {
                "backup.py": "import subprocess\n\nprocess = subprocess.Popen('mongodump --out /b', shell=True)\n"
                "out, err = process.communicate()\n"
            },
            [("backup.py", "job", "script")],
            ("missing-exit-code", "fail"),
        ),
        # (traps) the status read, or the process handed back to the caller
        "popen_returncode_read": (
            {"backup.py": _POPEN.format(after="    if process.returncode != 0:\n        raise SystemExit(1)\n")},
            [("backup.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
        "popen_handed_back": (
            {"backup.py": _POPEN.format(after="    return process\n")},
            [("backup.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


_PG_BACKUP = """\
import logging
import smtplib
import subprocess

logger = logging.getLogger(__name__)


def send_failure_email_notif():
    with smtplib.SMTP("localhost") as smtp:
        smtp.sendmail("backup@example.com", ["ops@example.com"], "pg_dump failed")


def main():
    try:
        subprocess.run(["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], check=True)
    except {caught}:
        logger.exception("Error running pg_dump.")
        {told}
        {last}
    subprocess.run(["gpg", "--encrypt", "/backups/shop.dump"], check=True)
{tail}

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
"""


def _pg(
    caught: str = "subprocess.SubprocessError",
    told: str = "send_failure_email_notif()",
    last: str = "return",
    tail: str = "",
) -> dict[str, str]:
    return {"backup.py": _PG_BACKUP.format(caught=caught, told=told, last=last, tail=tail)}


_CASES.update(
    {
        # round 286: the base of a command's errors caught, a failure mail sent, and the job returns
        # as if it were done
        "subprocess_error_mailed_then_return": (_pg(), [("backup.py", "job", "python")], ("missing-exit-code", "fail")),
        "subprocess_error_logged_then_return": (
            _pg(told="pass"),
            [("backup.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        "subprocess_error_mailed": (
            _pg(last="pass"),
            [("backup.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        # (traps) the handler raises again; a function that returns its result leaves None to its caller
        "subprocess_error_raised_again": (
            _pg(last="raise"),
            [("backup.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
        "subprocess_error_in_a_function_returning_a_value": (
            {
                "backup.py": _pg(tail="    return '/backups/shop.dump.gpg'\n")["backup.py"].replace(
                    "    main()\n", "    if main() is None:\n        raise SystemExit(1)\n"
                )
            },
            [("backup.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


_DB_PARAMS = """\
import psycopg2

db_params = {{"dbname": "shop", "user": {user!r}, "password": "password"{host}, "port": "26257"}}

conn = psycopg2.connect(**db_params)
with conn, conn.cursor() as cursor:
    cursor.execute("SELECT 1")
"""

_CASES.update(
    {
        # round 280: the word "password" in connection settings with a real user and host
        "password_word_in_connection_dict": (
            {
                "clear.py": _DB_PARAMS.format(
                    user="roach", host=', "host": "cockroach-public.default.svc.cluster.local"'
                )
            },
            [("clear.py", "job", "script")],
            ("hardcoded-secret", 1),
        ),
        # (traps) a documentation example's user and host; no host at all
        "password_word_in_example_dict": (
            {"clear.py": _DB_PARAMS.format(user="user", host=', "host": "host"')},
            [("clear.py", "job", "script")],
            ("hardcoded-secret", 0),
        ),
        "password_word_without_host": (
            {"clear.py": _DB_PARAMS.format(user="roach", host="")},
            [("clear.py", "job", "script")],
            ("hardcoded-secret", 0),
        ),
    }
)


_DYNDNS = """\
import os
import subprocess

import requests


def check_ip():
    subdomain = {ask}
    current = requests.get("https://icanhazip.com", timeout=10).text.strip()
    with open("dnsconfig.js", "w") as f:
        f.write(f"A('{{subdomain}}', '{{current}}')")
    subprocess.run(["dnscontrol", "push"], check=True)
"""

_DYNDNS_PROJECT = '[project]\nname = "dyndns"\nversion = "0.1"\n\n[project.scripts]\ndyndns = "dyndns.main:check_ip"\n'

_CASES.update(
    {
        # round 280: a command asking for a value only when the environment does not give it
        "console_script_env_or_prompt": (
            {
                "pyproject.toml": _DYNDNS_PROJECT,
                "src/dyndns/__init__.py": "",
                "src/dyndns/main.py": _DYNDNS.format(ask='os.environ.get("SUBDOMAIN") or input("Subdomain: ")'),
            },
            [("src/dyndns/main.py", "job", "python")],
            None,
        ),
        # (trap) one that always asks is a tool for a person
        "console_script_always_prompts": (
            {
                "pyproject.toml": _DYNDNS_PROJECT,
                "src/dyndns/__init__.py": "",
                "src/dyndns/main.py": _DYNDNS.format(ask='input("Subdomain: ")'),
            },
            [],
            None,
        ),
    }
)


_ZFS = """\
import subprocess
import sys


def run_cmd(cmd):
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return {returned}


def prune(dataset):
    {call}
    for name in ["{{dataset}}@daily-1"]:
        run_cmd(f"zfs destroy -r '{{name}}'")


if __name__ == "__main__":
    prune(sys.argv[1])
"""

_CASES.update(
    {
        # round 279: a wrapper hands back the command's status, and its callers drop it
        "wrapper_status_dropped": (
            {
                "prune.py": _ZFS.format(
                    returned="result.returncode, result.stdout, result.stderr",
                    call='_, output, _ = run_cmd(f"zfs list -H {dataset}")',
                )
            },
            [("prune.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        # (trap) a wrapper handing back only what the command wrote, the command checked
        "wrapper_returns_a_post": (
            {
                "prune.py": _ZFS.format(returned="result.stdout, result.stderr", call='output = run_cmd("zfs list")')
                .replace("run_cmd(f\"zfs destroy -r '{name}'\")", "print(name)")
                .replace("text=True)", "text=True, check=True)")
            },
            [("prune.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


_GIT_LIST = """\
import subprocess


def stale_branches():
    result = subprocess.run(["git", "branch", "-r", "--merged"], capture_output=True, text=True)
{after}
    return [line.strip() for line in result.stdout.splitlines()]


if __name__ == "__main__":
    for branch in stale_branches():
        print(branch)
"""

_CASES.update(
    {
        # round 269: a command's output taken from `subprocess.run(...)`, its status never read
        "run_output_status_unread": (
            {"stale.py": _GIT_LIST.format(after="")},
            [("stale.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        # (traps) the status checked, or the error output tested to fail
        "run_output_status_checked": (
            {"stale.py": _GIT_LIST.format(after="    result.check_returncode()")},
            [("stale.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
        "run_output_stderr_tested": (
            {"stale.py": _GIT_LIST.format(after="    if result.stderr:\n        raise SystemExit(result.stderr)")},
            [("stale.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


_ORACLE = """\
import os

import cx_Oracle


def export():
    try:
        with cx_Oracle.connect("report", os.environ["DB_PASSWORD"], "db.internal/ORCL") as conn:
            rows = conn.cursor().execute("SELECT id, total FROM invoices").fetchall()
        open("/reports/invoices.csv", "w").write("\\n".join(f"{{a}},{{b}}" for a, b in rows))
    except cx_Oracle.{error} as e:
        print("database error:", e)


if __name__ == "__main__":
    export()
"""

_CASES.update(
    {
        # round 281: an Oracle driver's error only printed: the failed export exits 0
        "oracle_error_printed": (
            {"export.py": _ORACLE.format(error="DatabaseError")},
            [("export.py", "job", "python")],
            ("missing-exit-code", "fail"),
        ),
        # (trap) a duplicate row is no failure
        "oracle_duplicate_skipped": (
            {"export.py": _ORACLE.format(error="IntegrityError")},
            [("export.py", "job", "python")],
            ("missing-exit-code", "pass"),
        ),
    }
)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of 7ed97a6..60784be by a helper who had not written it: each tree reproduces a problem it
# found (each case fails on 60784be).
_REVIEW_CASES: dict[str, Case] = {
    "deco_retry": (
        {
            "retry.py": 'import functools\nimport logging\nimport time\n\nlog = logging.getLogger(__name__)\n\n\ndef retry_once(func):\n    """Run the function again once after a short pause when it fails (flaky network)."""\n\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n            return func(*args, **kwargs)\n        except Exception:\n            log.warning("%s failed, retrying in 30s", func.__name__, exc_info=True)\n            time.sleep(30)\n            return func(*args, **kwargs)\n\n    return wrapper\n',
            "sync_prices.py": 'import logging\n\nimport psycopg2\nimport requests\n\nfrom retry import retry_once\n\nlog = logging.getLogger(__name__)\n\n\n@retry_once\ndef sync():\n    r = requests.get("https://prices.example.com/latest", timeout=30)\n    r.raise_for_status()\n    with psycopg2.connect("dbname=prices") as conn, conn.cursor() as cur:\n        for row in r.json():\n            cur.execute("UPDATE prices SET price = %s WHERE sku = %s", (row["price"], row["sku"]))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sync()\n',
        },
        [("sync_prices.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "deco_best_effort": (
        {
            "build_feed.py": 'import json\nimport logging\nimport sys\n\nimport requests\n\nfrom util import best_effort\n\nlog = logging.getLogger(__name__)\n\n\ndef build():\n    r = requests.get("https://shop.example.com/api/products", timeout=30)\n    r.raise_for_status()\n    with open("/srv/feed/products.json", "w") as fh:\n        json.dump(r.json(), fh)\n\n\n@best_effort\ndef purge_cdn_cache():\n    requests.post("https://cdn.example.com/purge", json={"path": "/feed/*"}, timeout=10).raise_for_status()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    build()\n    purge_cdn_cache()\n',
            "util.py": 'import functools\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\ndef best_effort(func):\n    """For optional steps: a failure is logged as a warning and the run goes on."""\n\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n            return func(*args, **kwargs)\n        except Exception:\n            log.warning("optional step %s failed", func.__name__, exc_info=True)\n            return None\n\n    return wrapper\n',
        },
        [("build_feed.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "manual_swallow": (
        {
            "requirements.txt": "requests\npsycopg2-binary\n",
            "sync_users.py": 'import logging\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef sync():\n    r = requests.get("https://crm.example.com/api/users", timeout=30)\n    r.raise_for_status()\n    with psycopg2.connect("dbname=app") as conn, conn.cursor() as cur:\n        for user in r.json():\n            cur.execute("UPDATE users SET email = %s WHERE id = %s", (user["email"], user["id"]))\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    try:\n        sync()\n    except Exception:\n        log.exception("sync failed")\n',
            "scripts/run_sync_local.py": 'import sys\n\nsys.path.insert(0, ".")\n\nfrom sync_users import sync\n\nif __name__ == "__main__":\n    sync()\n',
        },
        [("scripts/run_sync_local.py", "job", "python"), ("sync_users.py", "job", "python")],
        None,
    ),
    "manual_args": (
        {
            "report.py": 'import smtplib\nimport sys\nfrom email.message import EmailMessage\n\nimport psycopg2\n\n\ndef send_report(period):\n    with psycopg2.connect("dbname=shop") as conn, conn.cursor() as cur:\n        cur.execute("SELECT count(*), sum(total) FROM orders WHERE created > now() - %s::interval", (period,))\n        count, total = cur.fetchone()\n    msg = EmailMessage()\n    msg["Subject"] = f"Orders in the last {period}: {count}"\n    msg.set_content(f"{count} orders, {total} EUR")\n    with smtplib.SMTP("mail.example.com") as smtp:\n        smtp.send_message(msg)\n\n\nif __name__ == "__main__":\n    send_report("1 day")\n',
            "weekly_report.py": 'from report import send_report\n\nif __name__ == "__main__":\n    send_report("7 days")\n',
        },
        [("report.py", "job", "python"), ("weekly_report.py", "job", "python")],
        None,
    ),
    "lambda_in_docker": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY handler.py .\nCMD ["python", "handler.py"]\n',
            "handler.py": 'import json\nimport logging\nimport os\n\nimport boto3\n\nlog = logging.getLogger()\nlog.setLevel(logging.INFO)\n\ns3 = boto3.client("s3")\nBUCKET = os.environ["REPORT_BUCKET"]\n\n\ndef lambda_handler(event, context):\n    try:\n        return process()\n    except Exception:\n        log.exception("processing failed")\n        return {"statusCode": 500, "body": "failed"}\n\n\ndef process():\n    objects = s3.list_objects_v2(Bucket=BUCKET, Prefix="incoming/").get("Contents", [])\n    for obj in objects:\n        body = s3.get_object(Bucket=BUCKET, Key=obj["Key"])["Body"].read()\n        s3.put_object(Bucket=BUCKET, Key="processed/" + obj["Key"].split("/")[-1], Body=body)\n    log.info("processed %d objects", len(objects))\n    return {"statusCode": 200, "body": json.dumps({"processed": len(objects)})}\n\n\nif __name__ == "__main__":\n    lambda_handler({}, None)\n',
            "requirements.txt": "boto3\n",
        },
        [("handler.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "access_key": (
        {
            "app.py": 'import os\n\nfrom flask import Flask, abort, jsonify, request\n\napp = Flask(__name__)\n\n# shared key the cron callers send in X-Access-Key\nACCESS_KEY = os.getenv("ACCESS_KEY", "supersecret")\nIPSTACK_ACCESS_KEY = os.environ.get("IPSTACK_ACCESS_KEY", "letmein")\n\n\n@app.before_request\ndef check_key():\n    if request.headers.get("X-Access-Key") != ACCESS_KEY:\n        abort(401)\n\n\n@app.route("/jobs")\ndef jobs():\n    return jsonify([])\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret-fallback", 2),
    ),
    "admin_example_http": (
        {
            "crawl.py": 'import requests\n\nAPI = "https://admin:example@api.example.com/v1/items"\n\n\ndef main():\n    requests.get(API, timeout=10).raise_for_status()\n\n\nif __name__ == "__main__":\n    main()\n',
            "poll.py": 'import os\nimport time\n\nimport requests\n\n# the device\'s web UI; override with PRINTER_URL in production\nPRINTER_URL = os.getenv("PRINTER_URL", "http://admin:example@printer.example.com/status")\n\n\ndef main():\n    while True:\n        r = requests.get(PRINTER_URL, timeout=10)\n        r.raise_for_status()\n        print(r.json()["toner"])\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("crawl.py", "job", "python"), ("poll.py", "worker", "polling-loop")],
        ("hardcoded-secret", 0),
    ),
    "truncate_cascade": (
        {
            "load_rates.py": 'import json\nimport sys\n\nimport psycopg2\nimport requests\n\n\ndef load(conn, rows):\n    with conn.cursor() as cur:\n        cur.execute("TRUNCATE TABLE staging_rates RESTART IDENTITY")\n        for row in rows:\n            cur.execute(\n                "INSERT INTO staging_rates (currency, rate) VALUES (%s, %s)",\n                (row["currency"], row["rate"]),\n            )\n    conn.commit()\n\n\ndef load_raw(conn, rows):\n    with conn.cursor() as cur:\n        cur.execute("TRUNCATE raw_rates CASCADE;")\n        for row in rows:\n            cur.execute("INSERT INTO raw_rates (doc) VALUES (%s)", (json.dumps(row),))\n    conn.commit()\n\n\ndef load_plain(conn, rows):\n    with conn.cursor() as cur:\n        cur.execute("TRUNCATE TABLE plain_rates")\n        for row in rows:\n            cur.execute("INSERT INTO plain_rates (doc) VALUES (%s)", (json.dumps(row),))\n    conn.commit()\n\n\ndef main():\n    r = requests.get("https://rates.example.com/latest", timeout=30)\n    r.raise_for_status()\n    conn = psycopg2.connect("dbname=rates")\n    load(conn, r.json())\n    load_raw(conn, r.json())\n    load_plain(conn, r.json())\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("load_rates.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "rsync_shortn": (
        {
            "preview.py": 'import subprocess\nimport sys\n\n\ndef main():\n    # show what the nightly mirror would remove from the NAS\n    out = subprocess.run(\n        "rsync -azn --delete --itemize-changes /srv/uploads/ nas:/volume1/uploads/",\n        shell=True, check=True, capture_output=True, text=True,\n    )\n    print(out.stdout)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("preview.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "gcs_comprehension": (
        {
            "prune_backups.py": 'from datetime import datetime, timedelta, timezone\n\nfrom google.cloud import storage\n\n\ndef prune(days=14):\n    client = storage.Client()\n    cutoff = datetime.now(timezone.utc) - timedelta(days=days)\n    old = [b for b in client.list_blobs("db-backups", prefix="nightly/") if b.time_created < cutoff]\n    for blob in old:\n        print("deleting", blob.name)\n        blob.delete()\n\n\nif __name__ == "__main__":\n    prune()\n',
        },
        [("prune_backups.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
}


# (the one problem of that review first left, mended at the end of the session: a Flask subclass
# defined in another module than the factory building it)
_REVIEW_CASES.update(
    {
        "subclass_two_factories": (
            {
                "Procfile": 'web: gunicorn "shop:create_app()"\n',
                "shop/__init__.py": "from .base import ShopFlask\nfrom .views import bp\n\n\ndef create_app():\n    app = ShopFlask(__name__)\n    app.config.from_prefixed_env()\n    app.register_blueprint(bp)\n    return app\n",
                "shop/base.py": 'from flask import Flask\n\n\nclass ShopFlask(Flask):\n    jinja_options = {**Flask.jinja_options, "trim_blocks": True}\n',
                "shop/views.py": 'from flask import Blueprint, jsonify\n\nbp = Blueprint("shop", __name__)\n\n\n@bp.route("/healthz")\ndef healthz():\n    return jsonify(ok=True)\n',
            },
            [("shop/__init__.py", "api", "flask")],
            None,
        ),
    }
)


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (of 60784be..eb08d92, the first review's mends and rounds 280-286's fixes): each tree
# reproduces a problem it found (each case fails on eb08d92).
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "tell_fallback": (
        {
            "digest.py": 'import logging\nimport smtplib\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef send_email_smtp(to, body):\n    with smtplib.SMTP("smtp.internal", 25) as smtp:\n        smtp.sendmail("digest@shop.io", [to], body)\n\n\ndef send_email_via_mailgun(to, body):\n    r = requests.post(\n        "https://api.mailgun.net/v3/shop.io/messages",\n        data={"from": "digest@shop.io", "to": to, "text": body},\n        timeout=10,\n    )\n    r.raise_for_status()\n\n\ndef deliver(to, body):\n    try:\n        send_email_smtp(to, body)\n    except smtplib.SMTPException:\n        log.warning("SMTP relay refused %s, falling back to Mailgun", to)\n        send_email_via_mailgun(to, body)\n\n\ndef main():\n    deliver("ops@shop.io", "daily digest")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("digest.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "dict_input_types": (
        {
            "app.py": 'from flask import Flask, render_template\n\napp = Flask(__name__)\n\n# the fields of the "add a database connection" form, and the <input type> each is shown with\nCONNECTION_FIELDS = {"host": "text", "port": "number", "user": "text", "password": "password", "database": "text"}\n\n\n@app.route("/connections/new")\ndef new_connection():\n    return render_template("connection_form.html", fields=CONNECTION_FIELDS)\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "dict_password_tmpl": (
        {
            "app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n# the column each connection setting is stored in, in the tenants table\nTENANT_COLUMNS = {"host": "db_host", "user": "db_user", "password": "password", "name": "db_name"}\n\n\n@app.route("/tenants/<int:tenant_id>/ping")\ndef ping(tenant_id):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cols = ", ".join(TENANT_COLUMNS.values())\n        cur.execute(f"SELECT {cols} FROM tenants WHERE id = %s", (tenant_id,))\n        return jsonify(dict(zip(TENANT_COLUMNS, cur.fetchone())))\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "popen_proxy": (
        {
            "migrate.py": 'import subprocess\nimport time\n\nfrom alembic import command\nfrom alembic.config import Config\n\n\ndef main():\n    proxy = subprocess.Popen(\n        ["cloud-sql-proxy", "--port", "5432", "shop-prod:europe-west1:shop"], stderr=subprocess.PIPE\n    )\n    time.sleep(3)\n    try:\n        command.upgrade(Config("alembic.ini"), "head")\n    finally:\n        proxy.terminate()\n        proxy.communicate(timeout=10)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("migrate.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "ret_optional_tool": (
        {
            "thumbs.py": 'import glob\nimport logging\nimport subprocess\n\nlog = logging.getLogger(__name__)\n\n\ndef optimize(paths):\n    try:\n        subprocess.run(["jpegoptim", "--version"], check=True, capture_output=True)\n    except (subprocess.SubprocessError, OSError):\n        log.warning("jpegoptim not installed, images left as they are")\n        return\n    for path in paths:\n        subprocess.run(["jpegoptim", "--strip-all", path], check=True)\n\n\ndef main():\n    paths = glob.glob("/srv/media/thumbs/*.jpg")\n    subprocess.run(["mogrify", "-resize", "320x320", *paths], check=True)\n    optimize(paths)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("thumbs.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "popen_err_checked": (
        {
            "backup.py": 'import subprocess\nimport sys\n\n\ndef dump():\n    p = subprocess.Popen(\n        ["pg_dump", "-Fc", "-f", "/backups/shop.dump", "shop"], stdout=subprocess.PIPE, stderr=subprocess.PIPE\n    )\n    out, err = p.communicate()\n    if err:\n        sys.exit(f"pg_dump failed: {err.decode()}")\n\n\nif __name__ == "__main__":\n    dump()\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "manual_try": (
        {
            "advanced_signal_bot.py": 'import requests\n\n\ndef send_signals():\n    r = requests.get("https://signals.example.com/api/latest", timeout=10)\n    r.raise_for_status()\n    for signal in r.json():\n        requests.post("https://api.telegram.org/bot/sendMessage", json={"text": signal}, timeout=10).raise_for_status()\n\n\nif __name__ == "__main__":\n    try:\n        send_signals()\n    except KeyboardInterrupt:\n        pass\n',
            "send_signals.py": "from advanced_signal_bot import send_signals\n\nif __name__ == '__main__':\n    send_signals()\n",
        },
        [("send_signals.py", "job", "python")],
        None,
    ),
    "truncate_two": (
        {
            "load.py": 'import sys\n\nimport psycopg2\nimport requests\n\n\ndef main():\n    r = requests.get("https://rates.example.com/latest", timeout=30)\n    r.raise_for_status()\n    data = r.json()\n    conn = psycopg2.connect("dbname=rates")\n    with conn.cursor() as cur:\n        cur.execute("TRUNCATE staging_rates, staging_currencies RESTART IDENTITY")\n        for row in data["currencies"]:\n            cur.execute("INSERT INTO staging_currencies (code, name) VALUES (%s, %s)", (row["code"], row["name"]))\n        for row in data["rates"]:\n            cur.execute("INSERT INTO staging_rates (currency, rate) VALUES (%s, %s)", (row["currency"], row["rate"]))\n    conn.commit()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "rsync_tail": (
        {
            "mirror.py": 'import subprocess\nimport sys\n\n\ndef main():\n    # nightly mirror of uploads to the NAS; keep the last lines of the transfer log\n    subprocess.run(\n        "rsync -az --delete --log-file=/var/log/mirror.log /srv/uploads/ nas:/volume1/uploads/ "\n        "&& tail -n 5 /var/log/mirror.log",\n        shell=True,\n        check=True,\n    )\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("mirror.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "rsync_ssh": (
        {
            "mirror.py": 'import subprocess\nimport sys\n\n\ndef main():\n    # nightly mirror of uploads to the NAS over ssh (no stdin for ssh in cron)\n    subprocess.run(\n        ["rsync", "-az", "--delete", "-e", "ssh -n -i /etc/mirror/id_ed25519", "/srv/uploads/", "nas:/volume1/uploads/"],\n        check=True,\n    )\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("mirror.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "deco_print_exc": (
        {
            "job.py": 'import subprocess\n\nfrom util import catch_errors\n\n\n@catch_errors\ndef main():\n    subprocess.run(["pg_dump", "-f", "/backups/shop.dump", "shop"], check=True)\n\n\nif __name__ == "__main__":\n    main()\n',
            "util.py": "import functools\nimport traceback\n\n\ndef catch_errors(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n            return func(*args, **kwargs)\n        except Exception:\n            traceback.print_exc()\n\n    return wrapper\n",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "deco_sentry": (
        {
            "job.py": 'import subprocess\n\nfrom util import catch_errors\n\n\n@catch_errors\ndef main():\n    subprocess.run(["pg_dump", "-f", "/backups/shop.dump", "shop"], check=True)\n\n\nif __name__ == "__main__":\n    main()\n',
            "util.py": "import functools\nimport sentry_sdk\n\n\ndef catch_errors(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n        try:\n            return func(*args, **kwargs)\n        except Exception:\n            sentry_sdk.capture_exception()\n\n    return wrapper\n",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "deco_callback": (
        {
            "job.py": 'import subprocess\n\nimport requests\n\nfrom mailer import report_errors\n\n\ndef post_to_slack(text):\n    requests.post("https://hooks.slack.com/services/T0/B0/XX", json={"text": text}, timeout=5)\n\n\n@report_errors(post_to_slack)\ndef main():\n    subprocess.run(["pg_dump", "-f", "/backups/shop.dump", "shop"], check=True)\n\n\nif __name__ == "__main__":\n    main()\n',
            "mailer.py": 'import functools\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\ndef report_errors(on_error):\n    def decorator(func):\n        @functools.wraps(func)\n        def wrapper(*args, **kwargs):\n            try:\n                return func(*args, **kwargs)\n            except Exception as error:\n                log.exception("%s failed", func.__name__)\n                on_error(str(error))\n\n        return wrapper\n\n    return decorator\n',
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "ret_in_loop": (
        {
            "migrate.py": 'import logging\nimport subprocess\n\nlog = logging.getLogger(__name__)\nSTEPS = [["alembic", "upgrade", "head"], ["python", "manage.py", "loaddata", "fixtures.json"]]\n\n\ndef main():\n    for step in STEPS:\n        try:\n            subprocess.run(step, check=True)\n        except subprocess.CalledProcessError:\n            log.exception("step %s failed", step)\n            return\n    log.info("all steps done")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("migrate.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "popen_with": (
        {
            "backup.py": 'import subprocess\n\n\ndef dump():\n    with subprocess.Popen("mongodump --archive=/backups/today.gz --gzip", stdout=subprocess.PIPE, shell=True) as process:\n        stdout, stderr = process.communicate()\n    print(stdout)\n\n\nif __name__ == "__main__":\n    dump()\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "minio_users": (
        {
            "consumer.py": 'import os\nimport time\n\nfrom kafka import KafkaConsumer\nfrom minio import Minio\n\nclient = Minio(\n    os.getenv("MINIO_ENDPOINT", "lake:9000"),\n    os.getenv("MINIO_ACCESS_KEY", "minio_user"),\n    os.getenv("MINIO_SECRET_KEY"),\n    secure=False,\n)\n\nif __name__ == "__main__":\n    consumer = KafkaConsumer("rates", bootstrap_servers="kafka:9092")\n    for message in consumer:\n        client.put_object("rates", str(time.time()), message.value, len(message.value))\n',
        },
        [("consumer.py", "worker", "kafka")],
        ("hardcoded-secret-fallback", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])
