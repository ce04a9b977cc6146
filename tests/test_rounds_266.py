"""Session 27: what blind rounds 266 and on showed, as small trees.

Each case fails on 7ed97a6, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

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


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
