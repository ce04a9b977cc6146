"""Blind rounds 126-138 (session 19): what they found, as small trees.

Each case fails on c6e376a, the commit the rounds were measured on, except the traps (marked),
which must not move. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's count or status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CHALICE = """\
    import requests
    from chalice import Chalice, Rate

    app = Chalice(app_name="prices")

    {decorator}
    def handler(event=None):
        return requests.get("https://api.example.com/prices", timeout=10).json()
    """

_SELECT = """\
    import pyodbc

    conn = pyodbc.connect("DSN=warehouse")
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT error FROM api_log WHERE error LIKE ?", ("%50%",))
            for row in cursor.fetchall():
                print(row)
    except Exception as e:
        print("query failed", e)
    finally:
        conn.close()
    """

_SELECT_IMAGE = """\
    FROM python:3.11-slim
    WORKDIR /srv/report
    COPY . /srv/report
    CMD ["python3", "/srv/report/select.py"]
    """

_JANITOR = """\
    import logging
    from concurrent.futures import ThreadPoolExecutor, as_completed

    import boto3

    log = logging.getLogger("janitor")


    def purge(bucket):
        boto3.client("s3").delete_bucket(Bucket=bucket)


    def run(prefix, buckets):
        log.info("starting")
        if not prefix:
            raise SystemExit("No prefix provided")
        with ThreadPoolExecutor() as pool:
            jobs = [pool.submit(purge, b) for b in buckets if b.startswith(prefix)]
            for job in as_completed(jobs):
                try:
                    job.result()
                except Exception as e:
                    log.exception(e)
        {after}


    if __name__ == "__main__":
        logging.basicConfig(level=logging.INFO)
        run("tmp-", ["tmp-a", "tmp-b"])
    """

_CASES: dict[str, Case] = {
    # round 132: AWS Chalice, its routes an api and its schedule a job, in one file
    "chalice_route_and_schedule": (
        {
            "app.py": _CHALICE.format(decorator='@app.route("/")').replace(
                "    def handler",
                "    @app.schedule(Rate(1, unit=Rate.DAYS))\n    def nightly(event):\n        return handler()\n\n\n    def handler",
            ),
        },
        [("app.py", "api", "chalice"), ("app.py", "job", "chalice")],
        ("missing-health-route", {"app.py": "fail"}),
    ),
    # trap: a Chalice app of queue handlers only serves no HTTP
    "chalice_sqs_handler_only": (
        {"app.py": _CHALICE.format(decorator='@app.on_sqs_message(queue="prices")')},
        [("app.py", "job", "chalice")],
        ("missing-exit-code", "na"),
    ),
    # round 138: `@aiocron.crontab(...)` beside a pyrogram bot is a job of its own
    "aiocron_beside_a_bot": (
        {
            "main.py": """\
                import aiocron
                from pyrogram import Client

                bot = Client(name="news", api_id=1, api_hash="x", bot_token="y")


                @aiocron.crontab("*/15 * * * *")
                async def work():
                    await bot.send_message("me", "tick")


                if __name__ == "__main__":
                    bot.run()
                """,
        },
        [("main.py", "job", "aiocron"), ("main.py", "worker", "pyrogram")],
        None,
    ),
    # round 135: a Celery app that only hands tasks by name to workers elsewhere is no worker
    "celery_client_only_sends_tasks": (
        {
            "watcher/celery_client.py": """\
                import os

                from celery import Celery

                celery_client = Celery("tasks", broker=os.environ["BROKER_URL"])
                """,
            "watcher/handler.py": """\
                from celery_client import celery_client


                def on_modified(path):
                    celery_client.send_task("tasks.data_change", args=[path])
                """,
            "queue/celery_app.py": """\
                from celery import Celery

                app = Celery("tasks")


                @app.task(name="tasks.data_change")
                def data_change(path):
                    return path
                """,
        },
        [("queue/celery_app.py", "worker", "celery")],
        None,
    ),
    # trap: one whose tasks live in another module stays a worker, even if it also sends tasks
    "celery_app_with_tasks_and_send_task": (
        {
            "proj/celery.py": """\
                from celery import Celery

                app = Celery("proj")
                """,
            "proj/tasks.py": """\
                from proj.celery import app


                @app.task
                def add(x, y):
                    return x + y


                def kick():
                    app.send_task("proj.tasks.add", args=[1, 2])
                """,
        },
        [("proj/celery.py", "worker", "celery")],
        None,
    ),
    # round 126: the image's CMD starts a package module whose `__main__` block would read as a
    # demo, since another module imports from it
    "dockerfile_cmd_starts_a_module": (
        {
            "sync/__init__.py": "",
            "sync/export.py": """\
                import requests


                def fetch(day):
                    return requests.get(f"https://api.example.com/orders?day={day}", timeout=10).json()


                def main():
                    rows = fetch("today")
                    requests.post("https://warehouse.example.com/load", json=rows, timeout=10)


                if __name__ == "__main__":
                    main()
                """,
            "sync/report.py": """\
                from sync.export import fetch


                def summary(day):
                    return len(fetch(day))
                """,
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /srv
                COPY . .
                CMD ["python", "-m", "sync.export"]
                """,
        },
        [("sync/export.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # a module-level script with no `__main__` block that an image starts: left unread from round
    # 126 (an image's command may as well start a server or a UI), a job since session 22 by its
    # own work, a query on a cursor at module level, as its labeller had it
    "dockerfile_cmd_module_level_script": (
        {
            "select.py": _SELECT,
            "Dockerfile": _SELECT_IMAGE,
        },
        [("select.py", "job", "script")],
        None,
    ),
    # trap: `python app.py` running the app of another module is the api, not a job of its own
    "dockerfile_cmd_runs_an_imported_app": (
        {
            "app/__init__.py": """\
                from flask import Flask


                def create_app():
                    app = Flask(__name__)

                    @app.get("/healthz")
                    def health():
                        return "ok"

                    return app
                """,
            "app/routes.py": """\
                from app import create_app

                app = create_app()
                """,
            "app.py": """\
                from app.routes import app

                if __name__ == "__main__":
                    app.run(host="0.0.0.0", port=5000)
                """,
            "Dockerfile": """\
                FROM python:3.11-slim AS build
                CMD ["python", "build.py"]

                FROM python:3.11-slim
                WORKDIR /app
                COPY . .
                ENTRYPOINT ["python"]
                CMD ["app.py"]
                """,
        },
        [("app/__init__.py", "api", "flask")],
        None,
    ),
    # round 127: files deleted on an FTP server through a client handed in as a parameter
    "ftp_client_parameter_deletes": (
        {
            "ftp_cleanup.py": """\
                from ftplib import FTP


                def clear(ftp, path):
                    for name in ftp.nlst(path):
                        ftp.delete(f"{path}/{name}")
                    ftp.rmd(path)


                if __name__ == "__main__":
                    with FTP("ftp.example.com") as ftp:
                        ftp.login("user", "")
                        clear(ftp, "/uploads")
                """,
        },
        [("ftp_cleanup.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # round 127: a catch-all in a loop that only logs each failure, in a function that exits
    # non-zero only when its input is wrong, before any work
    "loop_catch_all_after_input_check": (
        {"janitor.py": _JANITOR.format(after="pass")},
        [("janitor.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a raise after the loop hands the failures on
    "loop_catch_all_then_raise": (
        {"janitor.py": _JANITOR.format(after='raise RuntimeError("some buckets failed")')},
        [("janitor.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # round 134: a status compared with a named constant (Django REST framework's `status.HTTP_200_OK`)
    "named_status_only_reported": (
        {
            "shop/__init__.py": "",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/get_rates.py": """\
                import requests
                from django.core.management.base import BaseCommand
                from rest_framework import status


                class Command(BaseCommand):
                    def handle(self, *args, **options):
                        self.response = requests.get("https://rates.example.com/daily.js", timeout=10)
                        if self.response.status_code == status.HTTP_200_OK:
                            self.stdout.write(self.style.SUCCESS("fetched"))
                        else:
                            self.stdout.write(self.style.ERROR("Something went wrong"))
                """,
        },
        [("shop/management/commands/get_rates.py", "job", "django-command")],
        ("missing-exit-code", "fail"),
    ),
    # round 133: an exception class of the file raised in place of a requests error, caught in
    # the loop over projects and only logged
    "wrapped_failure_logged_in_a_loop": (
        {
            "updates.py": """\
                import logging

                import requests


                class ApiError(Exception):
                    pass


                def latest_commits(name):
                    try:
                        response = requests.get(f"https://api.github.com/repos/me/{name}/commits", timeout=10)
                        response.raise_for_status()
                        return response.json()
                    except requests.exceptions.HTTPError as e:
                        raise ApiError(name) from e


                def main():
                    for name in ("site", "blog"):
                        try:
                            print(latest_commits(name)[0])
                        except {caught} as ex:
                            logging.error("no update for %s: %s", name, ex)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
                """.replace("{caught}", "ApiError"),
        },
        [("updates.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # round 138: a discord.py bot started on the file's own event loop, without `run()`
    "discord_start_on_own_loop": (
        {
            "bot.py": """\
                import os

                import discord
                from discord.ext import commands


                class FeedBot(commands.Bot):
                    async def on_ready(self):
                        print("ready")


                if __name__ == "__main__":
                    client = FeedBot(command_prefix="%", intents=discord.Intents.all())
                    try:
                        client.loop.run_until_complete(client.start(os.environ["TOKEN"]))
                    except KeyboardInterrupt:
                        client.loop.run_until_complete(client.close())
                """,
        },
        [("bot.py", "worker", "discord")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: discord.py 2's `async with bot: await bot.start(token)` under asyncio.run is its run()
    "discord_start_under_asyncio_run": (
        {
            "bot.py": """\
                import asyncio
                import os

                import discord
                from discord.ext import commands

                bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


                async def main():
                    async with bot:
                        await bot.start(os.environ["TOKEN"])


                if __name__ == "__main__":
                    asyncio.run(main())
                """,
        },
        [("bot.py", "worker", "discord")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # round 138: a ping to healthchecks.io through names that say so
    "healthchecks_ping_by_name": (
        {
            "poll.py": """\
                import os
                import time
                import urllib.request

                healthchecks_okcheck_url = os.environ.get("HEALTHCHECKS_OKCHECK_URL", "")


                def healthcheck_okcheck():
                    urllib.request.urlopen(healthchecks_okcheck_url, timeout=10)


                def main():
                    while True:
                        healthcheck_okcheck()
                        time.sleep(60)


                if __name__ == "__main__":
                    main()
                """,
        },
        [("poll.py", "worker", "polling-loop")],
        ("missing-heartbeat", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


_FALLBACK = """\
    import os

    SECRET_KEY = os.getenv(
        "DJANGO_SECRET_KEY",
        "x%#3&%giwv8f0+%r946en7z&d@9*rc$sl0qoql56xr%bh^w2mj",{comment}
    )
    """


@pytest.mark.parametrize(
    ("comment", "lines"),
    [
        ("", [3]),  # left from round 114: labelled where the read starts, where bandit and ruff report too
        ("  # readiness: ignore[hardcoded-secret-fallback]", []),  # a comment on the literal's line still counts
    ],
)
def test_fallback_in_a_multiline_read(
    comment: str, lines: list[int], make_tree: Callable[[dict[str, str]], object]
) -> None:
    from readiness_lint.engine import run

    root = make_tree({"fallback/settings.py": _FALLBACK.format(comment=comment)})
    report = run([f"{root}/fallback"])
    found = [f.line for f in report.findings if f.name == "hardcoded-secret-fallback"]
    assert found == lines
