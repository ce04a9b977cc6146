"""Session 20's code reviews: the problems they reproduced, as small trees.

The first review (d660ba8..d4c9139): each case fails on d4c9139 and passes after its mend, but
the trap (marked), which passes on both. The second (d4c9139..067dbd4, cases marked): each fails
on 067dbd4, but its trap. The third (067dbd4..6065bb0, marked): each fails on 6065bb0, but
its traps. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's count or status. Files several trees share are
written once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_BOT_PY = """\
                import argparse
                import logging
                import os

                from somechat import Bot

                log = logging.getLogger(__name__)


                def main() -> None:
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--channel", default="general")
                    args = parser.parse_args()
                    logging.basicConfig(level=logging.INFO)
                    bot = Bot(token=os.environ["BOT_TOKEN"], channel=args.channel)
                    bot.run()


                if __name__ == "__main__":
                    main()
"""

_DOCKER_COMPOSE_YML = """\
                services:
                  redis:
                    image: redis:7
                  bot:
                    build: .
                    command: ["/app/entrypoint.sh"]
                    restart: unless-stopped
                    depends_on: [redis]
"""

_MANAGE_PY = """\
                import os
                import sys

                if __name__ == "__main__":
                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
                    from django.core.management import execute_from_command_line

                    execute_from_command_line(sys.argv)
"""

_SHOP_MODELS_PY = """\
                from django.db import models


                class Subscriber(models.Model):
                    email = models.EmailField()
                    active = models.BooleanField(default=True)
"""

_SHOP_SETTINGS_PY = """\
                import os

                SECRET_KEY = os.environ["SECRET_KEY"]
                DEBUG = False
                INSTALLED_APPS = [
                    "django.contrib.auth",
                    "django.contrib.contenttypes",
                    "django.contrib.sessions",
                    "django_cron",
                    "shop",
                ]
                ROOT_URLCONF = "shop.urls"
                CRON_CLASSES = [
                    "shop.cron.ClearSessionsJob",
                    "shop.cron.SendDigestJob",
                    "django_cron.cron.FailedRunsNotificationCronJob",
                ]
                LOGGING = {
                    "version": 1,
                    "handlers": {"console": {"class": "logging.StreamHandler"}},
                    "root": {"handlers": ["console"], "level": "INFO"},
                }
"""

_SHOP_URLS_PY = """\
                from django.http import JsonResponse
                from django.urls import path


                def health(request):
                    return JsonResponse({"ok": True})


                urlpatterns = [path("health/", health), path("ready/", health)]
"""

_WORKER_PY = """\
                import logging
                import os

                from acme_feed import FeedClient

                log = logging.getLogger(__name__)


                def handle(update):
                    log.info("update %s", update["id"])


                def main():
                    logging.basicConfig(level=logging.INFO)
                    client = FeedClient(os.environ["FEED_URL"], timeout=10)
                    client.on_update(handle)
                    client.start()


                if __name__ == "__main__":
                    main()
"""

_WORKER_PY_2 = """\
                import logging
                import os
                import signal

                import redis

                log = logging.getLogger(__name__)
                running = True


                def stop(*_):
                    global running
                    running = False


                def main():
                    logging.basicConfig(level=logging.INFO)
                    signal.signal(signal.SIGTERM, stop)
                    r = redis.Redis.from_url(os.environ["REDIS_URL"])
                    while running:
                        item = r.blpop("jobs", timeout=5)
                        if item:
                            log.info("processing %s", item[1])


                if __name__ == "__main__":
                    main()
"""

_CASES: dict[str, Case] = {
    # a start script that runs Python set-up steps, then `exec gunicorn`: the steps run to completion, no worker
    "k8s_start_then_gunicorn": (
        {
            "manage.py": _MANAGE_PY,
            "start.sh": """\
                #!/bin/sh
                set -e
                python manage.py migrate --noinput
                python scripts/create_admin.py
                exec gunicorn shop.wsgi:application --bind 0.0.0.0:8000
""",
            "k8s/deployment.yaml": """\
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: shop
                          image: shop:latest
                          command: ["/app/start.sh"]
""",
            "scripts/create_admin.py": """\
                import logging
                import os
                import sys

                import django

                log = logging.getLogger(__name__)


                def main() -> int:
                    logging.basicConfig(level=logging.INFO)
                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
                    django.setup()
                    from django.contrib.auth import get_user_model

                    User = get_user_model()
                    if not User.objects.filter(username="admin").exists():
                        User.objects.create_superuser("admin", "admin@example.com", os.environ["ADMIN_PASSWORD"])
                        log.info("created admin user")
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
            "shop/__init__.py": "",
            "shop/wsgi.py": """\
                import os

                from django.core.wsgi import get_wsgi_application

                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
                application = get_wsgi_application()
""",
        },
        [("scripts/create_admin.py", "job", "python"), ("shop/wsgi.py", "api", "django")],
        None,
    ),
    # `docker-entrypoint.sh` waiting for the database, then `exec "$@"`: the wait is no worker
    "entrypoint_exec_args": (
        {
            "consumer.py": """\
                import logging
                import os

                import pika

                log = logging.getLogger(__name__)


                def handle(ch, method, properties, body):
                    log.info("got %s", body)
                    ch.basic_ack(delivery_tag=method.delivery_tag)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    connection = pika.BlockingConnection(pika.URLParameters(os.environ["AMQP_URL"]))
                    channel = connection.channel()
                    channel.basic_consume(queue="orders", on_message_callback=handle)
                    channel.start_consuming()


                if __name__ == "__main__":
                    main()
""",
            "docker-entrypoint.sh": """\
                #!/bin/sh
                set -e
                python /app/wait_for_db.py
                exec "$@"
""",
            "wait_for_db.py": """\
                import os
                import socket
                import time

                for _ in range(30):
                    try:
                        socket.create_connection((os.environ["DB_HOST"], 5432), timeout=2).close()
                        break
                    except OSError:
                        time.sleep(1)
                else:
                    raise SystemExit("database not reachable")
""",
            "k8s/deployment.yaml": """\
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: consumer
                spec:
                  template:
                    spec:
                      containers:
                        - name: consumer
                          image: orders:latest
                          command: ["/app/docker-entrypoint.sh"]
                          args: ["python", "consumer.py"]
""",
        },
        [("consumer.py", "worker", "rabbitmq"), ("wait_for_db.py", "job", "script")],
        None,
    ),
    # a `case "$1" in` script: its branches are alternatives, none kept running by position
    "case_dispatch": (
        {
            "Procfile": """\
                worker: ./entrypoint.sh worker
""",
            "entrypoint.sh": """\
                #!/bin/bash
                set -euo pipefail

                case "$1" in
                  worker)
                    exec python worker.py
                    ;;
                  report)
                    exec python send_report.py
                    ;;
                  *)
                    exec "$@"
                    ;;
                esac
""",
            "send_report.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)


                def main() -> int:
                    logging.basicConfig(level=logging.INFO)
                    resp = requests.post(os.environ["REPORT_URL"], json={"kind": "daily"}, timeout=10)
                    if not resp.ok:
                        log.error("report failed: %s", resp.status_code)
                        return 1
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
            "worker.py": _WORKER_PY_2,
        },
        [("send_report.py", "job", "python"), ("worker.py", "worker", "redis")],
        None,
    ),
    # `while true; do python sync_prices.py; sleep 300; done`: each run ends, the shell loop schedules it
    "shell_loop": (
        {
            "Procfile": """\
                sync: ./run_sync.sh
""",
            "run_sync.sh": """\
                #!/bin/sh
                while true; do
                  python sync_prices.py
                  sleep 300
                done
""",
            "sync_prices.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)


                def main() -> int:
                    logging.basicConfig(level=logging.INFO)
                    resp = requests.get(os.environ["PRICES_URL"], timeout=10)
                    if not resp.ok:
                        log.error("price fetch failed: %s", resp.status_code)
                        return 1
                    log.info("fetched %d prices", len(resp.json()))
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
        },
        [("sync_prices.py", "job", "python")],
        None,
    ),
    # an image's `./start.sh` (only gunicorn) is not a dev script of the same name in another directory
    "abs_tail_wrong_script": (
        {
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                RUN pip install -r requirements.txt
                CMD ["./start.sh"]
""",
            "start.sh": """\
                #!/bin/sh
                exec gunicorn --bind 0.0.0.0:8000 --workers 4 app.web:app
""",
            "app/__init__.py": "",
            "app/cache.py": """\
                import logging
                import os

                import redis

                log = logging.getLogger(__name__)
                client = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))


                def warm(keys):
                    for key in keys:
                        client.set(key, "1")


                def get(key):
                    return client.get(key)


                if __name__ == "__main__":
                    warm(["a", "b", "c"])
                    print(get("a"))
""",
            "app/web.py": """\
                import logging

                from flask import Flask

                from app import cache

                logging.basicConfig(level=logging.INFO)
                app = Flask(__name__)


                @app.get("/health")
                def health():
                    return {"ok": True}


                @app.get("/ready")
                def ready():
                    return {"ok": True}


                @app.get("/items/<key>")
                def item(key):
                    return {"value": str(cache.get(key))}
""",
            "local/start.sh": """\
                #!/bin/sh
                # local development: seed the cache, then the dev server
                export FLASK_DEBUG=1
                python -m app.cache
                flask --app app.web run --reload
""",
        },
        [("app/web.py", "api", "flask")],
        None,
    ),
    # a Lambda that answers a warm-up ping, then reads a request's body and answers with a status: an api
    "lambda_warmup": (
        {
            "handler.py": """\
                import json
                import logging
                import os

                import boto3

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


                def lambda_handler(event, context):
                    # keep-warm pings from serverless-plugin-warmup carry no request
                    if event.get("source") == "serverless-plugin-warmup":
                        return {}
                    item = json.loads(event["body"])
                    table.put_item(Item=item)
                    logger.info("stored %s", item.get("id"))
                    return {"statusCode": 201, "body": json.dumps({"id": item.get("id")})}
""",
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # a progress spinner's thread looping `while self.active` leaves a command-line export a job
    "spinner_active": (
        {
            "export_orders.py": '''\
                import argparse
                import csv
                import itertools
                import logging
                import sys
                import threading
                import time

                import psycopg2

                log = logging.getLogger(__name__)


                class Spinner:
                    """Shows the export is still going while the query runs."""

                    def __init__(self) -> None:
                        self.active = False
                        self._thread = threading.Thread(target=self._spin, daemon=True)

                    def _spin(self) -> None:
                        frames = itertools.cycle("|/-\\\\")
                        while self.active:
                            sys.stderr.write("\\r" + next(frames))
                            sys.stderr.flush()
                            time.sleep(0.1)

                    def __enter__(self):
                        self.active = True
                        self._thread.start()
                        return self

                    def __exit__(self, *exc):
                        self.active = False
                        self._thread.join()


                def main() -> int:
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--dsn", required=True)
                    parser.add_argument("--out", required=True)
                    args = parser.parse_args()
                    logging.basicConfig(level=logging.INFO)
                    with Spinner(), psycopg2.connect(args.dsn) as conn, open(args.out, "w", newline="") as handle:
                        cur = conn.cursor()
                        cur.execute("SELECT id, total FROM orders")
                        csv.writer(handle).writerows(cur.fetchall())
                    log.info("exported orders to %s", args.out)
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
''',
        },
        [("export_orders.py", "job", "argparse")],
        None,
    ),
    # a page scraper that quits its browser and leaves when there is no next page is a job
    "selenium_next_quit": (
        {
            "scrape_listings.py": """\
                import csv
                import logging
                import sys
                import time

                from selenium import webdriver
                from selenium.webdriver.common.by import By

                log = logging.getLogger(__name__)


                def main() -> int:
                    logging.basicConfig(level=logging.INFO)
                    driver = webdriver.Chrome()
                    driver.get("https://example.com/listings")
                    rows = []
                    while True:
                        for card in driver.find_elements(By.CSS_SELECTOR, ".listing"):
                            rows.append([card.get_attribute("data-id"), card.text])
                        try:
                            driver.find_element(By.LINK_TEXT, "Next").click()
                        except Exception:
                            # no "Next" link: the last page was read
                            driver.quit()
                            break
                        time.sleep(2)
                    with open("listings.csv", "w", newline="") as handle:
                        csv.writer(handle).writerows(rows)
                    log.info("saved %d listings", len(rows))
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
        },
        [("scrape_listings.py", "job", "python")],
        None,
    ),
    # two django-cron job classes in one module: a deletion is the job's whose `do()` makes it
    "django_cron": (
        {
            "manage.py": _MANAGE_PY,
            "shop/__init__.py": "",
            "shop/cron.py": """\
                import logging

                from django.contrib.sessions.models import Session
                from django.core.mail import send_mail
                from django.utils import timezone
                from django_cron import CronJobBase, Schedule

                from shop.models import Subscriber

                log = logging.getLogger(__name__)


                class ClearSessionsJob(CronJobBase):
                    schedule = Schedule(run_every_mins=60)
                    code = "shop.clear_sessions"

                    def do(self):
                        deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
                        log.info("cleared %d expired sessions", deleted)


                class SendDigestJob(CronJobBase):
                    schedule = Schedule(run_at_times=["07:00"])
                    code = "shop.send_digest"

                    def do(self):
                        for sub in Subscriber.objects.filter(active=True):
                            send_mail("Your digest", "...", "noreply@example.com", [sub.email])
                        log.info("sent digests")
""",
            "shop/models.py": _SHOP_MODELS_PY,
            "shop/settings.py": _SHOP_SETTINGS_PY,
            "shop/urls.py": _SHOP_URLS_PY,
        },
        [
            ("manage.py", "api", "django"),
            ("shop/cron.py", "job", "django-cron"),
            ("shop/cron.py", "job", "django-cron"),
        ],
        ("missing-dry-run", 1),
    ),
    # trap: Procfile `web:` and `release:` lines that run scripts declare nothing
    "ok_procfile_web_release": (
        {
            "Procfile": """\
                web: bin/start-web.sh
                release: bin/release.sh
                worker: bash -c "bin/start-worker.sh"
""",
            "db.py": """\
                def seed():
                    return None
""",
            "manage_tools.py": """\
                def collect():
                    return None

                if __name__ == "__main__":
                    collect()
""",
            "seed.py": """\
                import db

                if __name__ == "__main__":
                    db.seed()
""",
            "worker.py": _WORKER_PY_2,
            "bin/release.sh": """\
                #!/bin/sh
                python -m pip install -r requirements.txt
                python -m pytest -q
                python seed.py
""",
            "bin/start-web.sh": """\
                #!/bin/sh
                python manage_tools.py collect
                exec gunicorn app:app
""",
            "bin/start-worker.sh": """\
                #!/bin/sh
                # restart myself when the worker dies
                python worker.py || exec bin/start-worker.sh
""",
        },
        [("manage_tools.py", "job", "python"), ("seed.py", "job", "python"), ("worker.py", "worker", "redis")],
        None,
    ),
    # second review: a wait loop before the script's last `exec python bot.py` leaves the bot kept running
    "wait_loop_bot": (
        {
            "bot.py": _BOT_PY,
            "docker-compose.yml": _DOCKER_COMPOSE_YML,
            "entrypoint.sh": """\
                #!/bin/sh
                set -e
                until nc -z "$REDIS_HOST" 6379; do
                  echo "waiting for redis"
                  sleep 1
                done
                exec python bot.py "$@"
""",
        },
        [("bot.py", "worker", "compose")],
        None,
    ),
    # second review: an `if` around a set-up step leaves the last Python kept running
    "debug_if": (
        {
            "bot.py": _BOT_PY,
            "docker-compose.yml": _DOCKER_COMPOSE_YML,
            "entrypoint.sh": """\
                #!/bin/sh
                set -eu
                if [ -n "${DEBUG:-}" ]; then
                  pip install debugpy
                fi
                exec python bot.py
""",
        },
        [("bot.py", "worker", "compose")],
        None,
    ),
    # second review: a `trap` function leaves the last Python kept running
    "trap_func": (
        {
            "bot.py": _BOT_PY,
            "docker-compose.yml": _DOCKER_COMPOSE_YML,
            "entrypoint.sh": """\
                #!/bin/bash
                set -euo pipefail
                cleanup() {
                  echo "stopping"
                }
                trap cleanup EXIT
                python bot.py
""",
        },
        [("bot.py", "worker", "compose")],
        None,
    ),
    # second review: a function defined and called once leaves the last Python kept running
    "func_once": (
        {
            "bot.py": _BOT_PY,
            "docker-compose.yml": _DOCKER_COMPOSE_YML,
            "entrypoint.sh": """\
                #!/bin/bash
                set -euo pipefail
                wait_for_redis() {
                  until nc -z redis 6379; do sleep 1; done
                }
                wait_for_redis
                exec python bot.py
""",
        },
        [("bot.py", "worker", "compose")],
        None,
    ),
    # second review: a one-line `if ...; then ...; fi` leaves the last Python kept running
    "oneliner_if": (
        {
            "bot.py": _BOT_PY,
            "docker-compose.yml": _DOCKER_COMPOSE_YML,
            "entrypoint.sh": """\
                #!/bin/sh
                set -e
                [ -n "$DEBUG" ] && set -x
                if [ ! -f .env ]; then cp .env.example .env; fi
                exec python bot.py
""",
        },
        [("bot.py", "worker", "compose")],
        None,
    ),
    # second review: a Lambda handed `to`, `subject` and `body` is a job, whatever it returns
    "lambda_email": (
        {
            "handler.py": '''\
                import json
                import logging
                import os

                import boto3

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                ses = boto3.client("ses")
                SENDER = os.environ["SENDER"]


                def lambda_handler(event, context):
                    """Invoked by the orders service: lambda_client.invoke(Payload={"to", "subject", "body"})."""
                    to = event["to"]
                    subject = event["subject"]
                    body = event["body"]
                    ses.send_email(
                        Source=SENDER,
                        Destination={"ToAddresses": [to]},
                        Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": body}}},
                    )
                    logger.info("sent mail to %s", to)
                    return {"statusCode": 200, "body": json.dumps({"sent": to})}
''',
        },
        [("handler.py", "job", "aws-lambda")],
        None,
    ),
    # second review: a payload's own `source` key is no warm-up ping
    "lambda_source": (
        {
            "notify.py": '''\
                import json
                import logging
                import os
                import urllib.request

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                WEBHOOK = os.environ["SLACK_WEBHOOK_URL"]


                def lambda_handler(event, context):
                    """Invoked by other functions: {"source": "billing", "body": "invoice run failed"}."""
                    text = f"[{event['source']}] {event['body']}"
                    request = urllib.request.Request(WEBHOOK, data=json.dumps({"text": text}).encode(), method="POST")
                    urllib.request.urlopen(request, timeout=10)
                    logger.info("notified for %s", event["source"])
''',
        },
        [("notify.py", "job", "aws-lambda")],
        None,
    ),
    # second review: a django-cron job's `do()` calling a module function that deletes: that job's deletion alone
    "dj_funcs": (
        {
            "manage.py": _MANAGE_PY,
            "shop/__init__.py": "",
            "shop/cron.py": """\
                import logging

                from django.contrib.sessions.models import Session
                from django.core.mail import send_mail
                from django.utils import timezone
                from django_cron import CronJobBase, Schedule

                from shop.models import Subscriber

                log = logging.getLogger(__name__)


                def purge_sessions():
                    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
                    return deleted


                class ClearSessionsJob(CronJobBase):
                    schedule = Schedule(run_every_mins=60)
                    code = "shop.clear_sessions"

                    def do(self):
                        deleted = purge_sessions()
                        log.info("cleared %d expired sessions", deleted)


                class SendDigestJob(CronJobBase):
                    schedule = Schedule(run_at_times=["07:00"])
                    code = "shop.send_digest"

                    def do(self):
                        for sub in self.subscribers():
                            send_mail("Your digest", "...", "noreply@example.com", [sub.email])
                        log.info("sent digests")

                    def subscribers(self):
                        return Subscriber.objects.filter(active=True)
""",
            "shop/models.py": _SHOP_MODELS_PY,
            "shop/settings.py": _SHOP_SETTINGS_PY,
            "shop/urls.py": _SHOP_URLS_PY,
        },
        [
            ("manage.py", "api", "django"),
            ("shop/cron.py", "job", "django-cron"),
            ("shop/cron.py", "job", "django-cron"),
        ],
        ("missing-dry-run", 1),
    ),
    # trap (second review): an API handler with a warm-up check answering through a helper stays an api
    "lambda_api_helper": (
        {
            "app.py": """\
                import json
                import logging

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)


                def respond(status, payload):
                    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(payload)}


                def lambda_handler(event, context):
                    if event.get("source") == "serverless-plugin-warmup":
                        return {}
                    data = json.loads(event["body"] or "{}")
                    logger.info("order %s", data.get("id"))
                    return respond(201, {"id": data.get("id")})
""",
        },
        [("app.py", "api", "aws-lambda")],
        None,
    ),
    # third review: `function name()` with its brace on the next line opens one body, not two
    "function_kw_brace_next_line": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/bash
                set -e
                function wait_for_redis()
                {
                  until redis-cli -h "$REDIS_HOST" ping; do
                    sleep 1
                  done
                }
                wait_for_redis
                exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: a `for` in a Python here-document opens no shell loop
    "heredoc_py_for": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                set -e
                python << END
                import os, sys, time, socket
                for _ in range(30):
                    try:
                        socket.create_connection((os.environ["REDIS_HOST"], 6379), timeout=2).close()
                        break
                    except OSError:
                        time.sleep(1)
                else:
                    sys.exit(1)
                END
                exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: an `if` in a here-document written to a file opens no branch
    "heredoc_cat_if": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                set -e
                cat > /tmp/healthcheck.sh <<'EOF'
                #!/bin/sh
                if [ -f /tmp/alive ]; then exit 0
                else exit 1
                EOF
                exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: a `for` in a `python -c` string over several lines opens no shell loop
    "py_c_multiline": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                set -e
                python -c "
                import socket, time
                for _ in range(30):
                    time.sleep(1)
                "
                exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: `until ...; do ...; done; exec python worker.py`: the Python is after the loop
    "oneline_until_then_exec": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                until nc -z "$REDIS_HOST" 6379; do sleep 1; done; exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: `if ...; then ...; fi; exec python worker.py`: the Python is after the branch
    "oneline_if_then_exec": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                set -e
                if [ -f /run/secrets/env ]; then . /run/secrets/env; fi; exec python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # third review: an EventBridge keep-warm rule's `detail-type` test is no payload key
    "lambda_eventbridge_keepwarm": (
        {
            "handler.py": """\
                import json
                import logging

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)


                def lambda_handler(event, context):
                    if event.get("detail-type") == "Scheduled Event":
                        return {}
                    data = json.loads(event["body"] or "{}")
                    logger.info("order %s", data.get("id"))
                    return {"statusCode": 201, "body": json.dumps({"id": data.get("id")})}
""",
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # third review: an EventBridge keep-warm rule's `source == "aws.events"` test is no payload key
    "lambda_source_aws_events": (
        {
            "handler.py": """\
                import json
                import logging

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)


                def lambda_handler(event, context):
                    if event.get("source") == "aws.events":
                        return {}
                    data = json.loads(event["body"] or "{}")
                    logger.info("order %s", data.get("id"))
                    return {"statusCode": 201, "body": json.dumps({"id": data.get("id")})}
""",
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # trap (third review): `case` arms with `;;` on lines of their own, then the last `exec python`
    "case_arms": (
        {
            "Procfile": """\
                worker: ./start.sh
""",
            "start.sh": """\
                #!/bin/sh
                set -e
                case "$1" in
                  worker)
                    exec python worker.py
                    ;;
                  *)
                    echo "usage"; exit 1 ;; esac
                python worker.py
""",
            "worker.py": _WORKER_PY,
        },
        [("worker.py", "worker", "procfile")],
        None,
    ),
    # trap (third review): a custom payload stays a job beside a key compared with a warm-up word
    "lambda_custom_warm_compare": (
        {
            "handler.py": '''\
                import json
                import logging

                import boto3

                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                s3 = boto3.client("s3")


                def lambda_handler(event, context):
                    """Step Functions state: {"mode": "warm_cache" | "full", "bucket": ..., "body": {...}}."""
                    if event["mode"] == "warm_cache":
                        logger.info("warming cache only")
                    s3.put_object(Bucket="reports", Key=event["key"], Body=json.dumps(event["body"]))
                    logger.info("stored %s", event["key"])
''',
        },
        [("handler.py", "job", "aws-lambda")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
