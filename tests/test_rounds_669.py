"""Session 41: what blind rounds 669 onwards and the misses left by session 39 showed, as small trees.

Each case fails on 884a941 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Left by session 39: a Flask-RESTful `Api` subclass another module of the project defines, its
# health resource added by path
_RESTFUL_SUBCLASS_ELSEWHERE = {
    "service/api.py": """\
from flask_restful import Api


class ExtendedApi(Api):
    def handle_error(self, e):
        return {"message": str(e)}, 500
""",
    "service/app.py": """\
import logging

from flask import Flask
from flask_restful import Resource

from service.api import ExtendedApi

logging.basicConfig(level=logging.INFO)


class Health(Resource):
    def get(self):
        return {"status": "ok"}


class Ready(Resource):
    def get(self):
        return {"status": "ready"}


app = Flask(__name__)


@app.route("/orders")
def orders():
    return {"orders": []}


api = ExtendedApi(app)
api.add_resource(Health, "/healthz")
api.add_resource(Ready, "/ready")
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /srv\nWORKDIR /srv\nCMD ["gunicorn", "service.app:app"]\n',
}

# Round 653 (session 39, left): a consumer kept running by a Compose file of the first format,
# its services at the top level with no `services:` key
_COMPOSE_V1 = {
    "listener.py": """\
import logging

from mqtt_bridge import forward


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    forward(source="tcp://broker:1883", topic="sensors/#")
""",
    "docker-compose.yml": "broker:\n  image: eclipse-mosquitto\nlistener:\n  build: .\n  command: python listener.py\n  restart: always\n",
}

# Round 669: an ETL script logging through the logging module a project module imports and
# configures, a constant error in its catch-all
_LOGGING_HANDED_ON = {
    "db.py": """\
import logging

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")


def extract(size, offset):
    return []
""",
    "etl.py": """\
import sys
import time

from db import extract, logging

try:
    for offset in range(0, 1000, 100):
        logging.info("extracting from " + str(offset))
        extract(100, offset)
        time.sleep(30)
except:
    logging.error("[ETL] Stopping...")
    sys.exit(1)
""",
}

# Round 678: a Celery beat job that builds the Flask app, whose Flask-RESTful resource deletes a
# row when a DELETE request asks for it
_RESOURCE_DELETE = {
    "shop/__init__.py": """\
import logging

from flask import Flask
from flask_restful import Api

logging.basicConfig(level=logging.INFO)


def create_app():
    from shop.items import ItemResource

    app = Flask(__name__)
    api = Api(app)
    api.add_resource(ItemResource, "/items/<int:item_id>")
    return app
""",
    "shop/items.py": """\
from flask_restful import Resource

from shop.models import Item, db


class ItemResource(Resource):
    def get(self, item_id):
        return Item.query.get_or_404(item_id).to_dict()

    def delete(self, item_id):
        item = Item.query.get_or_404(item_id)
        db.session.delete(item)
        db.session.commit()
        return "", 204
""",
    "shop/tasks.py": """\
from celery import Celery

from shop import create_app
from shop.models import Item

app = create_app()
celery = Celery(__name__, broker="redis://redis:6379/0")
celery.conf.beat_schedule = {"count-items": {"task": "shop.tasks.count_items", "schedule": 60.0}}


@celery.task
def count_items():
    with app.app_context():
        return Item.query.count()
""",
}

# Rounds 681 and 684: a standard-library HTTP handler served by `socketserver.TCPServer`
_TCP_HTTP_SERVER = {
    "app.py": """\
import http.server
import json
import socketserver


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/api/health":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(json.dumps({"ok": True}).encode())
        else:
            self.send_response(404)
            self.end_headers()


MyHandler = Handler

with socketserver.TCPServer(("", 8000), MyHandler) as httpd:
    httpd.serve_forever()
""",
}

# Round 684: a Quart-OpenAPI app (`Pint`, a Quart subclass) whose routes decorate resource classes
_PINT_APP = {
    "quartapp/server.py": """\
from quart import jsonify
from quart_openapi import Pint, Resource

app = Pint(__name__, title="Skeleton")


@app.route("/")
class Root(Resource):
    async def get(self):
        return jsonify({"hello": "world"})


@app.route("/healthz")
class Health(Resource):
    async def get(self):
        return jsonify({"ok": True})
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["hypercorn", "quartapp.server:app"]\n',
}

# Round 682: a backup poller that sleeps on an event's timed wait in its loop's own test
_EVENT_WAIT_TEST = {
    "backuper.py": """\
import argparse
import threading

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--folder")
parser.add_argument("--minutes", type=int, default=60)


def backup(folder):
    boto3.client("s3").upload_file(folder + "/db.sqlite", "backups", "db.sqlite")


if __name__ == "__main__":
    args = parser.parse_args()
    ticker = threading.Event()
    while not ticker.wait(args.minutes * 60):
        backup(args.folder)
""",
}

# Round 683: a module of `schedule` jobs registered in a function nothing calls, its logger set at
# import and its jobs wrapped in decorators of its own; the running process is another file's
_SCHEDULE_UNCALLED = {
    "app/routine.py": """\
import logging
import threading

import schedule

logger = logging.getLogger("routine")
logger.setLevel(logging.INFO)


def parallel(func):
    def wrapper(*args, **kwargs):
        threading.Thread(target=func, args=args, kwargs=kwargs).start()

    return wrapper


@parallel
def good_job():
    logger.info("working")


def assign():
    schedule.every(3).seconds.do(good_job)
""",
    "app/start.py": """\
import logging
import sys
import time

import schedule

logging.basicConfig(level=logging.INFO)


def job():
    logging.info("working")


def main():
    schedule.every().hour.at(":13").do(job)
    while True:
        schedule.run_pending()
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
""",
}

# A trap from the precision trees (rich's live display): a helper thread of a class refreshing
# until its event is set, used by a script that does its work and ends
_REFRESH_THREAD = {
    "display.py": """\
import threading


class RefreshThread(threading.Thread):
    def __init__(self, live):
        super().__init__(daemon=True)
        self.live = live
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.25):
            self.live.refresh()
""",
    "report.py": """\
import sys

from display import RefreshThread


def main():
    thread = RefreshThread(None)
    thread.start()
    thread.done.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
}

# (Round 683 also labelled a dump sent in a `try` and removed in its `finally:` as unguarded; round
# 203 had labelled the same shape as the job's own copy, `test_rounds_203.py`
# `dump_put_over_http_then_removed`. The quieter reading stands: no case here.)

# Round 683: the same dump uploaded only when the upload URL was granted, removed after that
# branch whatever happened
_UPLOADED_IN_BRANCH = {
    "upload_backup.py": """\
import os
import sys

import requests

TOKEN = os.getenv("DISK_TOKEN")


def upload(filepath):
    response = requests.get("https://disk.example.com/upload", headers={"Authorization": TOKEN}, timeout=30)
    if response.status_code == 200:
        with open(filepath, "rb") as dump_file:
            done = requests.put(response.json()["href"], data=dump_file, timeout=300)
        done.raise_for_status()
    if os.path.exists(filepath):
        os.remove(filepath)


if __name__ == "__main__":
    upload(sys.argv[1])
""",
}

# Round 691: two one-file Django apps in one repository, each its own settings and URLconf
_ONE_FILE_DJANGO = {
    "app.py": """\
import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SECRET_KEY"],
    ROOT_URLCONF=__name__,
)


def index(request):
    return HttpResponse("Hello")


urlpatterns = [path("", index)]

application = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
""",
    "placeholder/placeholder.py": """\
import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "{{ secret_key }}"),
    ROOT_URLCONF=__name__,
)


def placeholder(request, width, height):
    return HttpResponse(f"{width}x{height}")


urlpatterns = [path("image/<int:width>x<int:height>/", placeholder)]

application = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
""",
}

# Rounds 684 and 686: a CherryPy object whose exposed methods are its routes, served by
# `cherrypy.quickstart`
_CHERRYPY_APP = {
    "server.py": """\
import logging

import cherrypy

logging.basicConfig(level=logging.INFO)


class Bridge(object):
    def __init__(self, client):
        self.client = client

    @cherrypy.expose
    def index(self):
        return "OK"

    @cherrypy.expose
    def publish(self, topic=None, payload=""):
        self.client.publish(topic, payload)
        return "OK"


if __name__ == "__main__":
    cherrypy.config.update({"server.socket_host": "0.0.0.0", "server.socket_port": 8080})
    cherrypy.quickstart(Bridge(None))
""",
}

# Round 693: a FastAPI app kept only to run a scheduler, with no route, served by its import
# string from a run file
_ROUTELESS_BY_STRING = {
    "app/main.py": """\
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from fastapi import FastAPI

logging.basicConfig(level=logging.INFO)
app = FastAPI()
scheduler = AsyncIOScheduler()


def tick():
    logging.info("tick")


@app.on_event("startup")
async def start():
    scheduler.add_job(tick, "interval", seconds=30)
    scheduler.start()
""",
    "main.py": """\
import uvicorn

if __name__ == "__main__":
    uvicorn.run("app.main:app")
""",
}

# Round 691: a one-file Django app whose only route is a regex every path matches
_DJANGO_CATCH_ALL = {
    "hello.py": """\
import os
import sys

from django.conf import settings
from django.conf.urls import url
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse

settings.configure(DEBUG=False, SECRET_KEY=os.environ["SECRET_KEY"], ROOT_URLCONF=__name__)


def index(request):
    return HttpResponse("Hello World!")


urlpatterns = (url("", index),)

application = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
""",
}

# Round 695 (held out): a job that builds its work into a class's `__init__`, run by `Crn()`, pinging
# a dead-man's switch through a helper named for the ping and catching the API's failure
_CONSTRUCTOR_JOB = {
    "crane.py": """\
import logging
import os

import requests

from helpers import send_ping

log = logging.getLogger(__name__)


class Crn:
    def __init__(self):
        logging.basicConfig(level=logging.INFO)
        self.healthcheck_url = os.environ["HEALTHCHECK_URL"]
        send_ping(requests, self.healthcheck_url + "/start")
        try:
            resp = requests.get(os.environ["PORTAINER_URL"] + "/api/containers", timeout=10)
            resp.raise_for_status()
        except requests.exceptions.RequestException as e:
            log.exception(e)
        send_ping(requests, self.healthcheck_url)


if __name__ == "__main__":
    Crn()
""",
    "helpers.py": "def send_ping(req, url):\n    req.get(url, timeout=10)\n",
}

# Round 698 (held out): a Flask app run in debug mode by a Compose service's command (first file
# format, not restarted)
_COMPOSE_DEBUG = {
    "app.py": """\
import logging

from flask import Flask

logging.basicConfig(level=logging.INFO)
app = Flask(__name__)


@app.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    app.run(debug=True, host="0.0.0.0")
""",
    "docker-compose.yaml": "web:\n  build: .\n  command: python3 app.py\n  ports:\n    - '5001:5000'\n",
}

# The second review: a CherryPy class exposed whole (the third review: CherryPy's default
# dispatcher finds no exposed method on it and answers every path with an error)
_CHERRYPY_CLASS = {
    "server.py": """\
import logging

import cherrypy

logging.basicConfig(level=logging.INFO)


@cherrypy.expose
class Root(object):
    def index(self):
        return "OK"

    def health(self):
        return "ok"


if __name__ == "__main__":
    cherrypy.quickstart(Root())
""",
}

# Round 695 (held out): a webhook's signing secret written as a literal and encoded
_ENCODED_SECRET = {
    "webhook.py": """\
import hashlib
import hmac

from flask import Flask, abort, request

app = Flask(__name__)
secret = "queenQuartet".encode()


@app.route("/webhook", methods=["POST"])
def webhook():
    digest = hmac.new(secret, request.data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
        abort(403)
    return "", 204
""",
}

_CASES: dict[str, Case] = {
    "restful_subclass_elsewhere": (
        _RESTFUL_SUBCLASS_ELSEWHERE,
        [("service/app.py", "api", "flask")],
        ("missing-health-route", "pass"),
    ),
    # trap: an object of another class (not named for an api) adding resources is no router
    "resource_registry_elsewhere": (
        _edited(
            _edited(_RESTFUL_SUBCLASS_ELSEWHERE, "service/app.py", "api = ExtendedApi(app)\n", "api = Registry(app)\n"),
            "service/app.py",
            "from service.api import ExtendedApi\n",
            "from service.api import Registry\n",
        ),
        [("service/app.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    "logging_handed_on": (_LOGGING_HANDED_ON, [("etl.py", "job", "script")], ("log-without-context", 1)),
    # trap: the handler's log keeps the traceback
    "logging_handed_on_exc_info": (
        _edited(_LOGGING_HANDED_ON, "etl.py", '"[ETL] Stopping...")', '"[ETL] Stopping...", exc_info=True)'),
        [("etl.py", "job", "script")],
        ("log-without-context", 0),
    ),
    "resource_delete_request": (
        _RESOURCE_DELETE,
        [
            ("shop/__init__.py", "api", "flask"),
            ("shop/tasks.py", "job", "celery-beat"),
            ("shop/tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"shop/tasks.py": "na"}),
    ),
    # trap: the resource's clean-up method, which no request calls, is what the task runs
    "resource_purge_by_task": (
        _edited(
            _edited(
                _edited(_RESOURCE_DELETE, "shop/items.py", "def delete(self, item_id):", "def purge(self, item_id):"),
                "shop/tasks.py",
                "        return Item.query.count()\n",
                "        return ItemResource().purge(1)\n",
            ),
            "shop/tasks.py",
            "from shop.models import Item\n",
            "from shop.items import ItemResource\nfrom shop.models import Item\n",
        ),
        [
            ("shop/__init__.py", "api", "flask"),
            ("shop/tasks.py", "job", "celery-beat"),
            ("shop/tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"shop/tasks.py": "fail"}),
    ),
    "tcp_http_server": (_TCP_HTTP_SERVER, [("app.py", "api", "http.server")], ("missing-health-route", "pass")),
    # trap: a stream handler of `socketserver` serves no HTTP: no api (how the start reads the
    # server otherwise, a module-level script, is not this case's question)
    "tcp_stream_server": (
        _edited(
            _TCP_HTTP_SERVER,
            "app.py",
            "class Handler(http.server.SimpleHTTPRequestHandler):",
            "class Handler(socketserver.StreamRequestHandler):",
        ),
        [("app.py", "job", "script")],
        None,
    ),
    "pint_class_routes": (_PINT_APP, [("quartapp/server.py", "api", "quart")], ("missing-health-route", "pass")),
    "event_wait_test": (_EVENT_WAIT_TEST, [("backuper.py", "worker", "polling-loop")], None),
    # trap: the loop leaves after its first round: a job
    "event_wait_test_once": (
        _edited(
            _EVENT_WAIT_TEST,
            "backuper.py",
            "        backup(args.folder)\n",
            "        backup(args.folder)\n        break\n",
        ),
        [("backuper.py", "job", "argparse")],
        None,
    ),
    # trap: a class's helper thread waiting on its own event is no poller of the process
    "refresh_thread": (_REFRESH_THREAD, [("report.py", "job", "python")], None),
    "schedule_uncalled": (_SCHEDULE_UNCALLED, [("app/start.py", "job", "schedule")], None),
    # trap: the module calls its own `assign()` at import: its jobs are registered when it is run
    "schedule_called_at_import": (
        _edited(
            _SCHEDULE_UNCALLED,
            "app/routine.py",
            "    schedule.every(3).seconds.do(good_job)\n",
            "    schedule.every(3).seconds.do(good_job)\n\n\nassign()\n",
        ),
        [("app/routine.py", "job", "schedule"), ("app/start.py", "job", "schedule")],
        None,
    ),
    "uploaded_in_branch": (_UPLOADED_IN_BRANCH, [("upload_backup.py", "job", "python")], ("missing-dry-run", "fail")),
    # trap: removed inside the branch that uploaded it
    "uploaded_in_branch_removed_there": (
        _edited(
            _UPLOADED_IN_BRANCH,
            "upload_backup.py",
            "        done.raise_for_status()\n    if os.path.exists(filepath):\n        os.remove(filepath)\n",
            "        done.raise_for_status()\n        os.remove(filepath)\n",
        ),
        [("upload_backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "one_file_django_apps": (
        _ONE_FILE_DJANGO,
        [("app.py", "api", "django"), ("placeholder/placeholder.py", "api", "django")],
        ("hardcoded-secret-fallback", 0),
    ),
    # trap: a fallback of a real key is still reported
    "one_file_django_real_fallback": (
        _edited(
            _ONE_FILE_DJANGO, "placeholder/placeholder.py", '"{{ secret_key }}"', '"k3#9vz!q0p-2m$w8r^t6y&u4i*o1e+a7s"'
        ),
        [("app.py", "api", "django"), ("placeholder/placeholder.py", "api", "django")],
        ("hardcoded-secret-fallback", 1),
    ),
    "cherrypy_routes": (_CHERRYPY_APP, [("server.py", "api", "cherrypy")], ("missing-health-route", "fail")),
    # trap: `default` answers every path the object has no method for: no route seen
    "cherrypy_default_only": (
        _edited(
            _edited(_CHERRYPY_APP, "server.py", "    def index(self):\n", "    def default(self, *args):\n"),
            "server.py",
            "    @cherrypy.expose\n    def publish(",
            "    def publish(",
        ),
        [("server.py", "api", "cherrypy")],
        ("missing-health-route", "na"),
    ),
    "routeless_by_string": (
        _ROUTELESS_BY_STRING,
        [("app/main.py", "api", "fastapi"), ("app/main.py", "job", "apscheduler")],
        ("missing-health-route", {"app/main.py": "fail"}),
    ),
    # trap: the run file serves another module's app: this one's routes stay unseen
    "routeless_other_string": (
        _edited(_ROUTELESS_BY_STRING, "main.py", '"app.main:app"', '"app.web:app"'),
        [("app/main.py", "api", "fastapi"), ("app/main.py", "job", "apscheduler")],
        ("missing-health-route", {"app/main.py": "na"}),
    ),
    "django_catch_all": (_DJANGO_CATCH_ALL, [("hello.py", "api", "django")], ("missing-health-route", "na")),
    # trap: `^$` matches the root alone
    "django_root_only": (
        _edited(_DJANGO_CATCH_ALL, "hello.py", 'url("", index)', 'url(r"^$", index)'),
        [("hello.py", "api", "django")],
        ("missing-health-route", "fail"),
    ),
    "constructor_job": (_CONSTRUCTOR_JOB, [("crane.py", "job", "python")], ("missing-exit-code", "fail")),
    # trap: the failure is raised on: the status says so
    "constructor_job_raises": (
        _edited(
            _CONSTRUCTOR_JOB,
            "crane.py",
            "            log.exception(e)\n",
            "            log.exception(e)\n            raise\n",
        ),
        [("crane.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "ping_helper_heartbeat": (_CONSTRUCTOR_JOB, [("crane.py", "job", "python")], ("missing-heartbeat", "pass")),
    # trap: a ping of something else's health is no heartbeat of the job's
    "ping_helper_other_url": (
        _edited(
            _edited(_CONSTRUCTOR_JOB, "crane.py", 'self.healthcheck_url + "/start"', 'self.service_url + "/start"'),
            "crane.py",
            "        send_ping(requests, self.healthcheck_url)\n",
            "        send_ping(requests, self.service_url)\n",
        ),
        [("crane.py", "job", "python")],
        ("missing-heartbeat", "fail"),
    ),
    "compose_debug": (_COMPOSE_DEBUG, [("app.py", "api", "flask")], ("debug-mode-enabled", 1)),
    # trap: the Compose service runs gunicorn: the `__main__` block is a developer's
    "compose_gunicorn": (
        _edited(_COMPOSE_DEBUG, "docker-compose.yaml", "command: python3 app.py", "command: gunicorn app:app"),
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # (a class exposed whole is no route table: CherryPy answers its methods' paths with an error,
    # checked under CherryPy 18.10 by the third review)
    "cherrypy_class_exposed": (_CHERRYPY_CLASS, [("server.py", "api", "cherrypy")], ("missing-health-route", "na")),
    "encoded_secret": (_ENCODED_SECRET, [("webhook.py", "api", "flask")], ("hardcoded-secret", 1)),
    # trap: a placeholder encoded is still a placeholder
    "encoded_placeholder": (
        _edited(_ENCODED_SECRET, "webhook.py", '"queenQuartet"', '"changeme"'),
        [("webhook.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "compose_v1_listener": (_COMPOSE_V1, [("listener.py", "worker", "compose")], None),
    # trap: the first format's file with a `version:` key is no Compose file the tool reads as one
    # (a later format's keys at the top are blocks, not services): the script stays a job
    "compose_v1_versioned": (
        _edited(_COMPOSE_V1, "docker-compose.yml", "broker:\n", "version: '1'\nbroker:\n"),
        [("listener.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# A review of the session's changes (884a941..f0d0e09) wrote these. Three it had made wrong: two
# jobs waiting on an event their own work sets read as pollers, a project's own `logging` module
# taken for the standard library's, a Pint blueprint's class route missed; the other eight the
# start missed too, the same ideas written otherwise (a handler aliased or wrapped, a threading
# server subclass, Flask-RESTX class routes, deletions a view method's helper makes, a project's
# base resource, flask-restplus, a poller that re-raises, a `load_dotenv()` beside uncalled jobs).

_R_EVENT_WAIT_SET_BY_OWN_WORK = {
    "migrate.py": 'import logging\nimport os\nimport subprocess\nimport threading\n\nimport psycopg2\n\nlog = logging.getLogger("migrate")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    db_ready = threading.Event()\n    while not db_ready.wait(2):\n        try:\n            psycopg2.connect(os.environ["DATABASE_URL"]).close()\n            db_ready.set()\n        except psycopg2.OperationalError as exc:\n            log.info("database not ready yet: %s", exc)\n    subprocess.run(["alembic", "upgrade", "head"], check=True)\n\n\nif __name__ == "__main__":\n    main()\n',
    "upload_dump.py": '"""Dump the database and upload the dump to S3, reporting progress while the upload runs."""\nimport argparse\nimport logging\nimport os\nimport subprocess\nimport threading\n\nimport boto3\n\nlog = logging.getLogger("upload_dump")\n\n\ndef upload(path, bucket, done):\n    try:\n        boto3.client("s3").upload_file(path, bucket, os.path.basename(path))\n    finally:\n        done.set()\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--bucket", required=True)\n    parser.add_argument("--out", default="/tmp/db.dump")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n\n    subprocess.run(["pg_dump", "-Fc", "-f", args.out], check=True)\n    done = threading.Event()\n    worker = threading.Thread(target=upload, args=(args.out, args.bucket, done))\n    worker.start()\n    while not done.wait(10):\n        log.info("still uploading %s (%d MB)", args.out, os.path.getsize(args.out) // 2**20)\n    worker.join()\n    log.info("uploaded %s", args.out)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_EVENT_WAIT_POLLER_THAT_RERAISES = {
    "feed_poller.py": 'import logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlog = logging.getLogger("feed_poller")\nFEEDS = os.environ["FEEDS"].split(",")\nINTERVAL = int(os.environ.get("POLL_INTERVAL", "60"))\nstop = threading.Event()\n\n\ndef check(feed):\n    resp = requests.get(feed, timeout=10)\n    resp.raise_for_status()\n    requests.post(os.environ["INGEST_URL"], json=resp.json(), timeout=10)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    signal.signal(signal.SIGTERM, lambda *_: stop.set())\n    while not stop.wait(INTERVAL):\n        for feed in FEEDS:\n            try:\n                check(feed)\n            except requests.RequestException as exc:\n                log.warning("could not poll %s: %s", feed, exc)\n            except Exception:\n                log.exception("unexpected failure polling %s", feed)\n                raise\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_OWN_LOGGING_MODULE = {
    "orders/__init__.py": "",
    "orders/logging.py": '"""The service\'s log calls: every record carries the order being worked on and, inside an\nexception handler, the exception being handled with its traceback."""\nimport contextvars\nimport logging as _logging\nimport sys\n\ncurrent_order = contextvars.ContextVar("current_order", default=None)\n_log = _logging.getLogger("orders")\n\n\ndef _extra():\n    return {"order_id": current_order.get()}\n\n\ndef info(msg, *args):\n    _log.info(msg, *args, extra=_extra())\n\n\ndef warning(msg, *args):\n    _log.warning(msg, *args, extra=_extra(), exc_info=sys.exc_info()[0] is not None)\n\n\ndef error(msg, *args):\n    _log.error(msg, *args, extra=_extra(), exc_info=sys.exc_info()[0] is not None)\n',
    "orders/sync.py": 'import os\n\nimport requests\n\nfrom orders import logging\nfrom orders.logging import current_order\n\n\ndef push(order):\n    current_order.set(order["id"])\n    try:\n        resp = requests.post(os.environ["ERP_URL"], json=order, timeout=10)\n        resp.raise_for_status()\n        logging.info("pushed to the ERP")\n    except Exception:\n        logging.error("could not push the order to the ERP")\n\n\ndef main():\n    orders = requests.get(os.environ["ORDERS_URL"], timeout=10).json()\n    for order in orders:\n        push(order)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_PINT_BLUEPRINT_CLASS_ROUTE = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["hypercorn", "svc.app:app"]\n',
    "svc/app.py": 'from quart import jsonify\nfrom quart_openapi import Pint, PintBlueprint, Resource\n\napp = Pint(__name__, title="Inventory")\nbp = PintBlueprint("ops", __name__)\n\n\n@bp.route("/healthz")\nclass Health(Resource):\n    async def get(self):\n        return jsonify({"ok": True})\n\n\n@app.route("/items")\nclass Items(Resource):\n    async def get(self):\n        return jsonify([])\n\n\napp.register_blueprint(bp)\n',
}


_R_RESTX_CLASS_ROUTES = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    "app.py": 'from flask import Flask, request\nfrom flask_restx import Api, Resource, fields\n\napp = Flask(__name__)\napi = Api(app, version="1.0", title="Todo API")\nns = api.namespace("todos", description="TODO operations")\n\ntodo = api.model("Todo", {"id": fields.Integer(readonly=True), "task": fields.String(required=True)})\nTODOS = {}\n\n\n@ns.route("/")\nclass TodoList(Resource):\n    @ns.marshal_list_with(todo)\n    def get(self):\n        return list(TODOS.values())\n\n    @ns.expect(todo)\n    @ns.marshal_with(todo, code=201)\n    def post(self):\n        item = {"id": len(TODOS) + 1, "task": request.json["task"]}\n        TODOS[item["id"]] = item\n        return item, 201\n\n\n@api.route("/version")\nclass Version(Resource):\n    def get(self):\n        return {"version": "1.0"}\n',
}


_R_RESOURCE_DELETE_VIA_HELPER = {
    "shop/__init__.py": 'import logging\n\nfrom flask import Flask\nfrom flask_restful import Api\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef create_app():\n    from shop.items import ItemResource\n\n    app = Flask(__name__)\n    api = Api(app)\n    api.add_resource(ItemResource, "/items/<int:item_id>")\n    return app\n',
    "shop/items.py": 'from flask_restful import Resource\n\nfrom shop.models import Item, db\nfrom shop.storage import remove_image\n\n\nclass ItemResource(Resource):\n    def get(self, item_id):\n        return Item.query.get_or_404(item_id).to_dict()\n\n    def delete(self, item_id):\n        item = Item.query.get_or_404(item_id)\n        remove_image(item.id)\n        db.session.delete(item)\n        db.session.commit()\n        return "", 204\n',
    "shop/models.py": 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n\n    def to_dict(self):\n        return {"id": self.id, "name": self.name}\n',
    "shop/storage.py": 'import os\n\nfrom flask import current_app\n\n\ndef remove_image(item_id):\n    path = os.path.join(current_app.config["UPLOAD_DIR"], f"{item_id}.png")\n    if os.path.exists(path):\n        os.remove(path)\n',
    "shop/tasks.py": 'from celery import Celery\n\nfrom shop import create_app\nfrom shop.models import Item\n\napp = create_app()\ncelery = Celery(__name__, broker="redis://redis:6379/0")\ncelery.conf.beat_schedule = {"count-items": {"task": "shop.tasks.count_items", "schedule": 60.0}}\n\n\n@celery.task\ndef count_items():\n    with app.app_context():\n        return Item.query.count()\n',
}


_R_RESOURCE_PROJECT_BASE = {
    "shop/__init__.py": 'import logging\n\nfrom flask import Flask\nfrom flask_restful import Api\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef create_app():\n    from shop.items import ItemResource\n\n    app = Flask(__name__)\n    api = Api(app)\n    api.add_resource(ItemResource, "/items/<int:item_id>")\n    return app\n',
    "shop/auth.py": 'from flask_httpauth import HTTPTokenAuth\nfrom flask_restful import Resource\n\nauth = HTTPTokenAuth(scheme="Bearer")\n\n\nclass AuthResource(Resource):\n    method_decorators = [auth.login_required]\n',
    "shop/items.py": 'from shop.auth import AuthResource\nfrom shop.models import Item, db\n\n\nclass ItemResource(AuthResource):\n    def get(self, item_id):\n        return Item.query.get_or_404(item_id).to_dict()\n\n    def delete(self, item_id):\n        item = Item.query.get_or_404(item_id)\n        db.session.delete(item)\n        db.session.commit()\n        return "", 204\n',
    "shop/models.py": 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n\n    def to_dict(self):\n        return {"id": self.id, "name": self.name}\n',
    "shop/tasks.py": 'from celery import Celery\n\nfrom shop import create_app\nfrom shop.models import Item\n\napp = create_app()\ncelery = Celery(__name__, broker="redis://redis:6379/0")\ncelery.conf.beat_schedule = {"count-items": {"task": "shop.tasks.count_items", "schedule": 60.0}}\n\n\n@celery.task\ndef count_items():\n    with app.app_context():\n        return Item.query.count()\n',
}


_R_RESOURCE_RESTPLUS = {
    "shop/__init__.py": 'import logging\n\nfrom flask import Flask\nfrom flask_restplus import Api\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef create_app():\n    from shop.items import ItemResource\n\n    app = Flask(__name__)\n    api = Api(app)\n    api.add_resource(ItemResource, "/items/<int:item_id>")\n    return app\n',
    "shop/items.py": 'from flask_restplus import Resource\n\nfrom shop.models import Item, db\n\n\nclass ItemResource(Resource):\n    def get(self, item_id):\n        return Item.query.get_or_404(item_id).to_dict()\n\n    def delete(self, item_id):\n        item = Item.query.get_or_404(item_id)\n        db.session.delete(item)\n        db.session.commit()\n        return "", 204\n',
    "shop/models.py": 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n\n    def to_dict(self):\n        return {"id": self.id, "name": self.name}\n',
    "shop/tasks.py": 'from celery import Celery\n\nfrom shop import create_app\nfrom shop.models import Item\n\napp = create_app()\ncelery = Celery(__name__, broker="redis://redis:6379/0")\ncelery.conf.beat_schedule = {"count-items": {"task": "shop.tasks.count_items", "schedule": 60.0}}\n\n\n@celery.task\ndef count_items():\n    with app.app_context():\n        return Item.query.count()\n',
}


_R_SCHEDULE_UNCALLED_DOTENV = {
    "app/routine.py": 'import logging\nimport os\n\nimport requests\nimport schedule\nfrom dotenv import load_dotenv\n\nload_dotenv()\nlogger = logging.getLogger("routine")\nlogger.setLevel(logging.INFO)\n\n\ndef refresh_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    logger.info("refreshed %d prices", len(resp.json()))\n\n\ndef assign():\n    schedule.every(10).minutes.do(refresh_prices)\n',
    "app/start.py": 'import logging\nimport sys\nimport time\n\nimport schedule\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef job():\n    logging.info("working")\n\n\ndef main():\n    schedule.every().hour.at(":13").do(job)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_TCP_DOCS_HANDLER_ALIAS = {
    "serve.py": 'import http.server\nimport socketserver\n\nPORT = 8000\n\nHandler = http.server.SimpleHTTPRequestHandler\n\nwith socketserver.TCPServer(("", PORT), Handler) as httpd:\n    print("serving at port", PORT)\n    httpd.serve_forever()\n',
}


_R_TCP_THREADED_SERVER_SUBCLASS = {
    "server.py": 'import socketserver\nfrom http.server import BaseHTTPRequestHandler\n\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(b"ok")\n\n\nclass ThreadedServer(socketserver.ThreadingMixIn, socketserver.TCPServer):\n    daemon_threads = True\n\n\nserver = ThreadedServer(("", 8002), Handler)\nserver.serve_forever()\n',
}

_REVIEW_CASES: dict[str, Case] = {
    "event_wait_set_by_own_work": (
        _R_EVENT_WAIT_SET_BY_OWN_WORK,
        [("migrate.py", "job", "python"), ("upload_dump.py", "job", "argparse")],
        None,
    ),
    "event_wait_poller_that_reraises": (
        _R_EVENT_WAIT_POLLER_THAT_RERAISES,
        [("feed_poller.py", "worker", "polling-loop")],
        None,
    ),
    "own_logging_module": (_R_OWN_LOGGING_MODULE, [("orders/sync.py", "job", "python")], ("log-without-context", 0)),
    "pint_blueprint_class_route": (
        _R_PINT_BLUEPRINT_CLASS_ROUTE,
        [("svc/app.py", "api", "quart")],
        ("missing-health-route", "pass"),
    ),
    "restx_class_routes": (_R_RESTX_CLASS_ROUTES, [("app.py", "api", "flask")], ("missing-health-route", "fail")),
    "resource_delete_via_helper": (
        _R_RESOURCE_DELETE_VIA_HELPER,
        [
            ("shop/__init__.py", "api", "flask"),
            ("shop/tasks.py", "job", "celery-beat"),
            ("shop/tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"shop/tasks.py": "na"}),
    ),
    "resource_project_base": (
        _R_RESOURCE_PROJECT_BASE,
        [
            ("shop/__init__.py", "api", "flask"),
            ("shop/tasks.py", "job", "celery-beat"),
            ("shop/tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"shop/tasks.py": "na"}),
    ),
    "resource_restplus": (
        _R_RESOURCE_RESTPLUS,
        [
            ("shop/__init__.py", "api", "flask"),
            ("shop/tasks.py", "job", "celery-beat"),
            ("shop/tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"shop/tasks.py": "na"}),
    ),
    "schedule_uncalled_dotenv": (_R_SCHEDULE_UNCALLED_DOTENV, [("app/start.py", "job", "schedule")], None),
    "tcp_docs_handler_alias": (_R_TCP_DOCS_HANDLER_ALIAS, [("serve.py", "api", "http.server")], None),
    "tcp_threaded_server_subclass": (_R_TCP_THREADED_SERVER_SUBCLASS, [("server.py", "api", "http.server")], None),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# A second review (f0d0e09..b293c13) wrote these. Ten it had made wrong: five dumps shipped and then
# removed where only a shipped one is (shipped in each branch, an `else` that returns, a later
# unconditional upload, `finally: if uploaded:`, the job's own archive), a cleanup job's own
# `Resource` base taken for a web view's by its name, three pollers whose stop event is handed to
# signal handlers read as waits for work, a Flask-RESTX namespace's prefix and a CherryPy object's
# mount point dropped, a Django app's `runtests.py` read as an api; four more the start missed too
# (a wait loop inside a `try`, a template call as a secret's fallback, a handler bound through
# `functools.partial`, a TCP server two subclasses deep).

_S_DRYRUN_SHIPPED_IN_EACH_BRANCH = {
    "backup.py": 'import logging\nimport os\nimport subprocess\nimport sys\nfrom datetime import datetime\n\nimport boto3\nimport paramiko\n\nlog = logging.getLogger("backup")\n\nBUCKET = os.environ.get("BACKUP_BUCKET")\nSFTP_HOST = os.environ.get("SFTP_HOST")\n\n\ndef dump(db):\n    path = f"/var/backups/{db}-{datetime.utcnow():%Y%m%d%H%M}.sql.gz"\n    subprocess.run(f"pg_dump {db} | gzip > {path}", shell=True, check=True)\n    return path\n\n\ndef ship(path):\n    if BUCKET:\n        boto3.client("s3").upload_file(path, BUCKET, os.path.basename(path))\n    else:\n        transport = paramiko.Transport((SFTP_HOST, 22))\n        transport.connect(username=os.environ["SFTP_USER"], password=os.environ["SFTP_PASSWORD"])\n        sftp = paramiko.SFTPClient.from_transport(transport)\n        sftp.put(path, f"/backups/{os.path.basename(path)}")\n        transport.close()\n    os.remove(path)\n    log.info("shipped %s", path)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    ship(dump(sys.argv[1]))\n\n\nif __name__ == "__main__":\n    main()\n',
}


_S_DRYRUN_SHIP_ELSE_RETURNS = {
    "send_dump.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger("send_dump")\nTOKEN = os.environ["DISK_TOKEN"]\n\n\ndef upload(filepath):\n    response = requests.get(\n        "https://cloud-api.yandex.net/v1/disk/resources/upload",\n        params={"path": f"app:/{os.path.basename(filepath)}", "overwrite": "true"},\n        headers={"Authorization": f"OAuth {TOKEN}"},\n        timeout=30,\n    )\n    if response.status_code == 200:\n        with open(filepath, "rb") as dump_file:\n            requests.put(response.json()["href"], data=dump_file, timeout=600).raise_for_status()\n    else:\n        log.error("no upload link for %s: %s", filepath, response.text)\n        return False\n    os.remove(filepath)\n    return True\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(0 if upload(sys.argv[1]) else 1)\n',
}


_S_DRYRUN_OPTIONAL_SEND_THEN_UPLOAD = {
    "nightly.py": 'import logging\nimport os\nimport sys\n\nimport boto3\nimport telebot\n\nlog = logging.getLogger("nightly")\nBUCKET = os.environ["BACKUP_BUCKET"]\nCHAT_ID = os.environ.get("TG_CHAT")\n\n\ndef publish(path):\n    if CHAT_ID:\n        bot = telebot.TeleBot(os.environ["TG_TOKEN"])\n        with open(path, "rb") as f:\n            bot.send_document(CHAT_ID, f, caption="nightly dump")\n    boto3.client("s3").upload_file(path, BUCKET, os.path.basename(path))\n    os.remove(path)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    publish(sys.argv[1])\n',
}


_S_DRYRUN_FINALLY_IF_UPLOADED = {
    "push.py": 'import logging\nimport os\nimport sys\n\nimport boto3\n\nlog = logging.getLogger("push")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef push(path):\n    uploaded = False\n    try:\n        boto3.client("s3").upload_file(path, BUCKET, os.path.basename(path))\n        uploaded = True\n    except Exception:\n        log.exception("upload of %s failed, keeping it for the next run", path)\n    finally:\n        if uploaded:\n            os.remove(path)\n    return uploaded\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(0 if push(sys.argv[1]) else 1)\n',
}


_S_DRYRUN_OWN_ARCHIVE_FINALLY = {
    "archive.py": 'import logging\nimport os\nimport shutil\nimport sys\nfrom datetime import date\n\nimport boto3\n\nlog = logging.getLogger("archive")\nBUCKET = os.environ["ARCHIVE_BUCKET"]\n\n\ndef main(src):\n    logging.basicConfig(level=logging.INFO)\n    archive = shutil.make_archive(f"/tmp/logs-{date.today()}", "gztar", src)\n    try:\n        boto3.client("s3").upload_file(archive, BUCKET, os.path.basename(archive))\n    finally:\n        os.remove(archive)\n\n\nif __name__ == "__main__":\n    main(sys.argv[1])\n',
}


_S_VIEW_NAME_HEURISTIC_RESOURCE = {
    "janitor/__init__.py": "",
    "janitor/main.py": 'import logging\nimport os\n\nimport boto3\n\nfrom janitor.resources.snapshots import SnapshotResource\n\nlog = logging.getLogger("janitor")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = boto3.Session(region_name=os.environ.get("AWS_REGION", "eu-west-1"))\n    resource = SnapshotResource(session, int(os.environ.get("MAX_AGE_DAYS", "30")))\n    for item in resource.list():\n        if resource.expired(item):\n            resource.delete(item)\n\n\nif __name__ == "__main__":\n    main()\n',
    "janitor/resources/__init__.py": "",
    "janitor/resources/base.py": '"""What every kind of AWS resource the janitor cleans up provides."""\nimport logging\nfrom datetime import datetime, timedelta, timezone\n\nlog = logging.getLogger(__name__)\n\n\nclass Resource:\n    kind = "resource"\n\n    def __init__(self, session, max_age_days):\n        self.session = session\n        self.cutoff = datetime.now(timezone.utc) - timedelta(days=max_age_days)\n\n    def list(self):\n        raise NotImplementedError\n\n    def expired(self, item):\n        raise NotImplementedError\n\n    def delete(self, item):\n        raise NotImplementedError\n',
    "janitor/resources/snapshots.py": 'import logging\n\nfrom janitor.resources.base import Resource\n\nlog = logging.getLogger(__name__)\n\n\nclass SnapshotResource(Resource):\n    kind = "snapshot"\n\n    def list(self):\n        ec2 = self.session.client("ec2")\n        for page in ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"]):\n            yield from page["Snapshots"]\n\n    def expired(self, item):\n        return item["StartTime"] < self.cutoff\n\n    def delete(self, item):\n        log.info("deleting snapshot %s", item["SnapshotId"])\n        self.session.client("ec2").delete_snapshot(SnapshotId=item["SnapshotId"])\n',
}


_S_EVENT_WAIT_STOP_HANDED_ON = {
    "exporter.py": 'import http.server\nimport logging\nimport os\nimport signal\nimport threading\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("exporter")\nINTERVAL = int(os.environ.get("EXPORT_INTERVAL", "120"))\n\n\nclass Health(http.server.BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(b"ok")\n\n\ndef serve_health(stop):\n    server = http.server.HTTPServer(("", 8080), Health)\n    server.timeout = 1\n    while not stop.is_set():\n        server.handle_request()\n\n\ndef export_once(conn):\n    with conn.cursor() as cur:\n        cur.execute("SELECT id, total FROM orders WHERE exported_at IS NULL")\n        rows = cur.fetchall()\n    requests.post(os.environ["EXPORT_URL"], json=rows, timeout=30).raise_for_status()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    stop = threading.Event()\n    signal.signal(signal.SIGTERM, lambda *_: stop.set())\n    threading.Thread(target=serve_health, args=(stop,), daemon=True).start()\n    while not stop.wait(INTERVAL):\n        try:\n            export_once(conn)\n        except requests.RequestException:\n            log.exception("export failed")\n\n\nif __name__ == "__main__":\n    main()\n',
    "poller.py": 'import functools\nimport logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlog = logging.getLogger("poller")\nINTERVAL = int(os.environ.get("POLL_INTERVAL", "60"))\n\n\ndef _shutdown(stop, signum, frame):\n    log.info("signal %s: stopping", signum)\n    stop.set()\n\n\ndef poll():\n    resp = requests.get(os.environ["FEED_URL"], timeout=10)\n    resp.raise_for_status()\n    requests.post(os.environ["INGEST_URL"], json=resp.json(), timeout=10)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stop = threading.Event()\n    signal.signal(signal.SIGTERM, functools.partial(_shutdown, stop))\n    while not stop.wait(INTERVAL):\n        try:\n            poll()\n        except requests.RequestException as exc:\n            log.warning("poll failed: %s", exc)\n\n\nif __name__ == "__main__":\n    main()\n',
    "sync_prices.py": 'import logging\nimport os\nimport signal\nimport threading\n\nimport requests\n\nlog = logging.getLogger("sync_prices")\nINTERVAL = int(os.environ.get("SYNC_INTERVAL", "300"))\n\n\ndef install_signal_handlers(stop):\n    def _handle(signum, frame):\n        log.info("got signal %s, stopping after this round", signum)\n        stop.set()\n\n    signal.signal(signal.SIGTERM, _handle)\n    signal.signal(signal.SIGINT, _handle)\n\n\ndef sync_once():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    requests.post(os.environ["INGEST_URL"], json=resp.json(), timeout=10).raise_for_status()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stop = threading.Event()\n    install_signal_handlers(stop)\n    while not stop.wait(INTERVAL):\n        try:\n            sync_once()\n        except requests.RequestException:\n            log.exception("sync failed, retrying next round")\n\n\nif __name__ == "__main__":\n    main()\n',
}


_S_EVENT_WAIT_THREAD_LOOP_IN_TRY = {
    "upload_dump.py": '"""Dump the database and upload the dump to S3, reporting progress while the upload runs."""\nimport argparse\nimport logging\nimport os\nimport subprocess\nimport sys\nimport threading\n\nimport boto3\n\nlog = logging.getLogger("upload_dump")\n\n\ndef upload(path, bucket, done):\n    try:\n        boto3.client("s3").upload_file(path, bucket, os.path.basename(path))\n    finally:\n        done.set()\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--bucket", required=True)\n    parser.add_argument("--out", default="/tmp/db.dump")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n\n    subprocess.run(["pg_dump", "-Fc", "-f", args.out], check=True)\n    done = threading.Event()\n    worker = threading.Thread(target=upload, args=(args.out, args.bucket, done), daemon=True)\n    worker.start()\n    try:\n        while not done.wait(10):\n            log.info("still uploading %s (%d MB)", args.out, os.path.getsize(args.out) // 2**20)\n    except KeyboardInterrupt:\n        log.warning("interrupted, the upload is abandoned")\n        sys.exit(130)\n    worker.join()\n    log.info("uploaded %s", args.out)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_S_RESTX_NAMESPACE_PREFIX = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    "app.py": 'from flask import Flask\nfrom flask_restx import Api, Resource\n\napp = Flask(__name__)\napi = Api(app, version="1.0", title="Orders API")\nns = api.namespace("orders", description="Order operations")\n\nORDERS = {}\n\n\n@ns.route("/")\nclass OrderList(Resource):\n    def get(self):\n        return list(ORDERS.values())\n\n\n@ns.route("/status")\nclass OrderStatusSummary(Resource):\n    def get(self):\n        counts = {}\n        for order in ORDERS.values():\n            counts[order["status"]] = counts.get(order["status"], 0) + 1\n        return counts\n',
}


_S_CHERRYPY_MOUNTED_OBJECT = {
    "server.py": 'import json\nimport logging\nimport os\n\nimport cherrypy\nimport redis\n\nlogging.basicConfig(level=logging.INFO)\nstore = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\n\n\nclass Orders(object):\n    @cherrypy.expose\n    @cherrypy.tools.json_out()\n    def index(self):\n        return [json.loads(raw) for raw in store.lrange("orders", 0, 99)]\n\n    @cherrypy.expose\n    @cherrypy.tools.json_out()\n    def status(self):\n        # how many orders are in each state, for the back office\'s dashboard\n        return {state.decode(): int(count) for state, count in store.hgetall("order_states").items()}\n\n\nclass Root(object):\n    @cherrypy.expose\n    def index(self):\n        return "order service"\n\n\nif __name__ == "__main__":\n    cherrypy.config.update({"server.socket_host": "0.0.0.0", "server.socket_port": 8080})\n    cherrypy.tree.mount(Orders(), "/orders")\n    cherrypy.quickstart(Root())\n',
}


_S_DJANGO_RUNTESTS_ALONE = {
    "example/example/__init__.py": "",
    "example/example/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nROOT_URLCONF = "example.urls"\nINSTALLED_APPS = ["ratelimiter"]\n',
    "example/example/urls.py": 'from django.urls import include, path\n\nurlpatterns = [path("", include("ratelimiter.urls"))]\n',
    "example/example/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "example.settings")\napplication = get_wsgi_application()\n',
    "example/manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
    "ratelimiter/__init__.py": "",
    "ratelimiter/urls.py": 'from django.urls import path\n\nfrom ratelimiter import views\n\nurlpatterns = [path("status/", views.status)]\n',
    "ratelimiter/views.py": 'from django.http import JsonResponse\n\n\ndef status(request):\n    return JsonResponse({"ok": True})\n',
    "runtests.py": '#!/usr/bin/env python\nimport sys\n\nimport django\nfrom django.conf import settings\nfrom django.urls import include, path\n\nsettings.configure(\n    DEBUG=True,\n    SECRET_KEY="not-secret-tests-only",\n    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},\n    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "ratelimiter"],\n    ROOT_URLCONF=__name__,\n)\n\nurlpatterns = [path("rl/", include("ratelimiter.urls"))]\n\nif __name__ == "__main__":\n    django.setup()\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line([sys.argv[0], "test", *sys.argv[1:]])\n',
}


_S_SECRET_FALLBACK_TEMPLATE_CALL = {
    "{{cookiecutter.project_slug}}/{{cookiecutter.project_slug}}/__init__.py": "",
    "{{cookiecutter.project_slug}}/{{cookiecutter.project_slug}}/settings.py": 'import os\n\nimport environ\n\nenv = environ.Env()\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = env("SECRET_KEY", default=r"{{ random_ascii_string(64, punctuation=False) }}")\n\nDEBUG = env.bool("DEBUG", default=False)\nALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost"])\nROOT_URLCONF = "{{cookiecutter.project_slug}}.urls"\nWSGI_APPLICATION = "{{cookiecutter.project_slug}}.wsgi.application"\nINSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]\n',
    "{{cookiecutter.project_slug}}/{{cookiecutter.project_slug}}/urls.py": 'from django.http import JsonResponse\nfrom django.urls import path\n\n\ndef healthz(request):\n    return JsonResponse({"ok": True})\n\n\nurlpatterns = [path("healthz/", healthz)]\n',
    "{{cookiecutter.project_slug}}/{{cookiecutter.project_slug}}/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{cookiecutter.project_slug}}.settings")\napplication = get_wsgi_application()\n',
}


_S_TCP_PARTIAL_HANDLER_ALIAS = {
    "serve.py": 'import functools\nimport http.server\nimport os\nimport socketserver\n\nPORT = int(os.environ.get("PORT", "8000"))\nHandler = functools.partial(http.server.SimpleHTTPRequestHandler, directory="public")\n\nwith socketserver.TCPServer(("", PORT), Handler) as httpd:\n    httpd.serve_forever()\n',
}


_S_TCP_SERVER_SUBCLASS_TWO_LEVELS = {
    "server.py": 'import socketserver\nfrom http.server import BaseHTTPRequestHandler\n\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n        self.wfile.write(b"ok")\n\n\nclass ReusableServer(socketserver.TCPServer):\n    allow_reuse_address = True\n\n\nclass ThreadedServer(socketserver.ThreadingMixIn, ReusableServer):\n    daemon_threads = True\n\n\nserver = ThreadedServer(("", 8002), Handler)\nserver.serve_forever()\n',
}

_SECOND_REVIEW_CASES: dict[str, Case] = {
    "dryrun_shipped_in_each_branch": (
        _S_DRYRUN_SHIPPED_IN_EACH_BRANCH,
        [("backup.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "dryrun_ship_else_returns": (
        _S_DRYRUN_SHIP_ELSE_RETURNS,
        [("send_dump.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "dryrun_optional_send_then_upload": (
        _S_DRYRUN_OPTIONAL_SEND_THEN_UPLOAD,
        [("nightly.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "dryrun_finally_if_uploaded": (
        _S_DRYRUN_FINALLY_IF_UPLOADED,
        [("push.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "dryrun_own_archive_finally": (
        _S_DRYRUN_OWN_ARCHIVE_FINALLY,
        [("archive.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    "view_name_heuristic_resource": (
        _S_VIEW_NAME_HEURISTIC_RESOURCE,
        [("janitor/main.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "event_wait_stop_handed_on": (
        _S_EVENT_WAIT_STOP_HANDED_ON,
        [
            ("exporter.py", "worker", "polling-loop"),
            ("poller.py", "worker", "polling-loop"),
            ("sync_prices.py", "worker", "polling-loop"),
        ],
        None,
    ),
    "event_wait_thread_loop_in_try": (_S_EVENT_WAIT_THREAD_LOOP_IN_TRY, [("upload_dump.py", "job", "argparse")], None),
    "restx_namespace_prefix": (
        _S_RESTX_NAMESPACE_PREFIX,
        [("app.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    "cherrypy_mounted_object": (
        _S_CHERRYPY_MOUNTED_OBJECT,
        [("server.py", "api", "cherrypy")],
        ("missing-health-route", "fail"),
    ),
    "django_runtests_alone": (_S_DJANGO_RUNTESTS_ALONE, [("example/example/wsgi.py", "api", "django")], None),
    "secret_fallback_template_call": (
        _S_SECRET_FALLBACK_TEMPLATE_CALL,
        [("{{cookiecutter.project_slug}}/{{cookiecutter.project_slug}}/wsgi.py", "api", "django")],
        ("hardcoded-secret-fallback", 0),
    ),
    "tcp_partial_handler_alias": (_S_TCP_PARTIAL_HANDLER_ALIAS, [("serve.py", "api", "http.server")], None),
    "tcp_server_subclass_two_levels": (_S_TCP_SERVER_SUBCLASS_TWO_LEVELS, [("server.py", "api", "http.server")], None),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# A third review (25d5819..13ea1ae) wrote these: a real test module a test runner imports, and an
# unrelated test module of the same name elsewhere, taken for service code; a test-named module
# only another such module imports, and one a Dockerfile runs, missed; a secret bound through
# `bytes(...)`; and a test runner's `__main__` block (`unittest.TextTestRunner().run(suite)`), which
# both commits read as a job.

_T_IMPORTED_REAL_TEST_RUNNER = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nRUN pip install flask\nCMD ["python", "app.py"]\n',
    "app.py": 'import logging\nimport os\n\nfrom flask import Flask, jsonify\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n\n\n@app.route("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.route("/ready")\ndef ready():\n    return jsonify(status="ready")\n\n\n@app.route("/items")\ndef items():\n    return jsonify(items=[])\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))\n',
    "run_tests.py": '"""Run the test suite: python run_tests.py"""\nimport sys\nimport unittest\n\nimport test_app\n\nif __name__ == "__main__":\n    suite = unittest.TestLoader().loadTestsFromModule(test_app)\n    result = unittest.TextTestRunner(verbosity=2).run(suite)\n    sys.exit(not result.wasSuccessful())\n',
    "test_app.py": 'import unittest\n\nimport requests\n\nfrom app import app\n\nBASE_URL = "http://localhost:8000"\nADMIN_PASSWORD = "Sup3rS3cretAdm1n!"\n\n\nclass AppTestCase(unittest.TestCase):\n    def setUp(self):\n        app.config["TESTING"] = True\n        self.client = app.test_client()\n\n    def test_health(self):\n        self.assertEqual(self.client.get("/health").status_code, 200)\n\n    def test_live_server(self):\n        resp = requests.get(BASE_URL + "/items")\n        self.assertEqual(resp.status_code, 200)\n',
}


_T_RELATIVE_IMPORT_MATCHES_OTHER_TEST = {
    "app/__init__.py": "",
    "app/main.py": "from fastapi import FastAPI\n\nfrom .test_routes import router\n\napp = FastAPI()\napp.include_router(router)\n",
    "app/test_routes.py": 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/healthz")\ndef healthz():\n    return {}\n',
    "scripts/test_routes.py": '"""Smoke test of the deployed API\'s routes: pytest scripts/test_routes.py --base-url=..."""\nimport os\n\nimport requests\n\nBASE_URL = os.environ.get("BASE_URL", "https://orders.example.com")\n\n\ndef test_healthz():\n    assert requests.get(f"{BASE_URL}/healthz").status_code == 200\n',
}


_T_TEST_NAMED_CHAIN_NOT_FOLLOWED = {
    "app/__init__.py": "",
    "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom app.routes import test_routes\n\nlogging.basicConfig(level=logging.INFO)\napp = FastAPI(title="Exam service")\napp.include_router(test_routes.router, prefix="/tests")\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"status": "ok"}\n',
    "app/routes/__init__.py": "",
    "app/routes/test_routes.py": '"""Routes for exams ("tests") that students take."""\nfrom fastapi import APIRouter\n\nfrom app.services.test_service import grade_submission\n\nrouter = APIRouter()\n\n\n@router.post("/{test_id}/submit")\ndef submit(test_id: int, answers: dict):\n    return grade_submission(test_id, answers)\n',
    "app/services/__init__.py": "",
    "app/services/test_service.py": '"""Grading of exam submissions through the scoring service."""\nimport os\n\nimport requests\n\nSCORING_URL = os.environ.get("SCORING_URL", "http://scoring:8080")\n\n\ndef grade_submission(test_id, answers):\n    resp = requests.post(f"{SCORING_URL}/score/{test_id}", json=answers)\n    resp.raise_for_status()\n    return resp.json()\n',
    "tests/test_main.py": 'from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\ndef test_healthz():\n    assert TestClient(app).get("/healthz").status_code == 200\n',
}


_T_DEPLOYMENT_RUNS_TEST_NAMED_MODULE = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install requests prometheus_client\nCMD ["python", "speed_test.py"]\n',
    "speed_test.py": '"""Measures download speed every 15 minutes and pushes it to the Pushgateway."""\nimport logging\nimport os\nimport time\n\nimport requests\nfrom prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nPUSHGATEWAY = os.environ.get("PUSHGATEWAY", "pushgateway:9091")\nURL = os.environ.get("TEST_FILE_URL", "https://speed.example.net/10MB.bin")\n\n\ndef measure():\n    start = time.monotonic()\n    resp = requests.get(URL)\n    resp.raise_for_status()\n    return len(resp.content) * 8 / (time.monotonic() - start)\n\n\ndef main():\n    registry = CollectorRegistry()\n    gauge = Gauge("download_bits_per_second", "Measured download speed", registry=registry)\n    while True:\n        bps = measure()\n        log.info("download speed %.0f bit/s", bps)\n        gauge.set(bps)\n        push_to_gateway(PUSHGATEWAY, job="speed_test", registry=registry)\n        time.sleep(900)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_T_ENCODED_SECRET_BYTES_CALL = {
    "webhook.py": 'import hashlib\nimport hmac\nimport logging\n\nfrom flask import Flask, abort, request\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\nWEBHOOK_SECRET = bytes("queenQuartet", "utf-8")\n\n\ndef verify(body, signature, secret="queenQuartet".encode()):\n    digest = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(digest, signature)\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\n@app.route("/webhook", methods=["POST"])\ndef webhook():\n    digest = "sha256=" + hmac.new(WEBHOOK_SECRET, request.data, hashlib.sha256).hexdigest()\n    if not hmac.compare_digest(digest, request.headers.get("X-Hub-Signature-256", "")):\n        abort(403)\n    return "", 204\n',
}

_THIRD_REVIEW_CASES: dict[str, Case] = {
    "imported_real_test_runner": (
        _T_IMPORTED_REAL_TEST_RUNNER,
        [("app.py", "api", "flask")],
        ("http-call-without-timeout", 0),
    ),
    "relative_import_matches_other_test": (
        _T_RELATIVE_IMPORT_MATCHES_OTHER_TEST,
        [("app/main.py", "api", "fastapi")],
        ("http-call-without-timeout", 0),
    ),
    "test_named_chain_not_followed": (
        _T_TEST_NAMED_CHAIN_NOT_FOLLOWED,
        [("app/main.py", "api", "fastapi")],
        ("http-call-without-timeout", 1),
    ),
    "deployment_runs_test_named_module": (
        _T_DEPLOYMENT_RUNS_TEST_NAMED_MODULE,
        [("speed_test.py", "worker", "polling-loop")],
        None,
    ),
    "encoded_secret_bytes_call": (
        _T_ENCODED_SECRET_BYTES_CALL,
        [("webhook.py", "api", "flask")],
        ("hardcoded-secret", 2),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])
