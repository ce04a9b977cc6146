"""Entrypoint discovery and classification on small real trees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run

Tree = Callable[[dict[str, str]], Path]


def entrypoints(root: Path) -> list[tuple[str, int, str, str]]:
    report = run([str(root)])
    assert not report.errors, report.errors
    return [
        (r.entrypoint.path, r.entrypoint.line, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints
    ]


SINGLE_FILE_CASES = {
    "fastapi": ("from fastapi import FastAPI\n\napp = FastAPI()\n", [(3, "api", "fastapi")]),
    "starlette": (
        "from starlette.applications import Starlette\n\napp = Starlette(routes=[])\n",
        [(3, "api", "starlette")],
    ),
    "flask": ("import flask\n\napp = flask.Flask(__name__)\n", [(3, "api", "flask")]),
    "aiohttp": ("from aiohttp import web\n\napp = web.Application()\n", [(3, "api", "aiohttp")]),
    "celery": ("from celery import Celery\n\napp = Celery('proj')\n", [(3, "worker", "celery")]),
    "rq": (
        "from redis import Redis\nfrom rq import Worker\n\nw = Worker(['default'], connection=Redis())\nw.work()\n",
        [(4, "worker", "rq")],
    ),
    "dramatiq": ("import dramatiq\n\n\n@dramatiq.actor\ndef send(n):\n    pass\n", [(5, "worker", "dramatiq")]),
    "confluent": (
        "from confluent_kafka import Consumer\n\nc = Consumer({'group.id': 'g'})\n",
        [(3, "worker", "kafka")],
    ),
    "kafka-python": (
        "from kafka import KafkaConsumer\n\nconsumer = KafkaConsumer('t')\nfor msg in consumer:\n    handle(msg)\n",
        [(3, "worker", "kafka")],
    ),
    "aiokafka": (
        "from aiokafka import AIOKafkaConsumer\n\nconsumer = AIOKafkaConsumer('t')\n",
        [(3, "worker", "kafka")],
    ),
    "sqs-loop": (
        "import boto3\n\nsqs = boto3.client('sqs')\n\n\ndef main():\n    while True:\n        resp = sqs.receive_message(QueueUrl=URL)\n        handle(resp)\n\n\nif __name__ == '__main__':\n    main()\n",
        [(7, "worker", "sqs")],
    ),
    "main-job": ("def main():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n", [(5, "job", "python")]),
    "argparse-job": (
        "import argparse\n\nif __name__ == '__main__':\n    argparse.ArgumentParser().parse_args()\n",
        [(3, "job", "argparse")],
    ),
    "apscheduler": (
        "from apscheduler.schedulers.blocking import BlockingScheduler\n\nsched = BlockingScheduler()\nsched.start()\n",
        [(3, "job", "apscheduler")],
    ),
    "schedule": ("import schedule\n\nschedule.every(10).minutes.do(job)\n", [(3, "job", "schedule")]),
    "celery-current-app": (
        "from celery import current_app\n\ncurrent_app.config_from_object('celeryconfig')\n\n\n"
        "@current_app.task\ndef add(x, y):\n    return x + y\n",
        [(3, "worker", "celery")],
    ),
    "celery-current-app-in-a-function-is-not-an-app": (
        "from celery import current_app\n\n\ndef configure():\n    current_app.conf.update(task_acks_late=True)\n",
        [],
    ),
    "celery-beat": (
        "from celery import Celery\n\napp = Celery('proj')\napp.conf.beat_schedule = {'nightly': {'task': 't'}}\n",
        [(3, "worker", "celery"), (4, "job", "celery-beat")],
    ),
    "uvicorn-runner-is-not-a-job": (
        "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == '__main__':\n    uvicorn.run(app)\n",
        [(4, "api", "fastapi")],
    ),
    "flask-run-is-not-a-job": (
        "from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(debug=False)\n",
        [(3, "api", "flask")],
    ),
    "unittest-main-is-nothing": ("import unittest\n\nif __name__ == '__main__':\n    unittest.main()\n", []),
    "library-module-is-nothing": ("def helper(x):\n    return x * 2\n", []),
    "pika": (
        "import pika\n\nchannel = pika.BlockingConnection().channel()\nchannel.basic_consume('q', on_message)\nchannel.start_consuming()\n",
        [(5, "worker", "rabbitmq")],
    ),
    "telegram-bot": (
        "from telegram.ext import Application\n\napplication = Application.builder().token(TOKEN).build()\napplication.run_polling()\n",
        [(4, "worker", "python-telegram-bot")],
    ),
    "redis-pubsub": (
        "import redis\n\np = redis.Redis().pubsub()\np.subscribe('events')\nfor message in p.listen():\n    handle(message)\n",
        [(5, "worker", "redis-pubsub")],
    ),
    "redis-streams": (
        "import redis\n\nr = redis.Redis()\n\n\ndef main():\n    while True:\n        for stream, messages in r.xreadgroup('g', 'c', {'s': '>'}):\n            handle(messages)\n\n\nif __name__ == '__main__':\n    main()\n",
        [(7, "worker", "redis-streams")],
    ),
    "arq": (
        "async def task(ctx):\n    pass\n\n\nclass WorkerSettings:\n    functions = [task]\n",
        [(5, "worker", "arq")],
    ),
    "slack-bolt": (
        "from slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\napp = App()\nSocketModeHandler(app, TOKEN).start()\nhandler = SocketModeHandler(app, TOKEN)\n",
        [(6, "worker", "slack-bolt")],
    ),
    "sanic": ("from sanic import Sanic\n\napp = Sanic('svc')\n", [(3, "api", "sanic")]),
    "litestar": ("from litestar import Litestar\n\napp = Litestar(route_handlers=[])\n", [(3, "api", "litestar")]),
    "quart": ("from quart import Quart\n\napp = Quart(__name__)\n", [(3, "api", "quart")]),
    "tornado": ("import tornado.web\n\napp = tornado.web.Application([])\n", [(3, "api", "tornado")]),
    "http.server": (
        "from http.server import HTTPServer, BaseHTTPRequestHandler\n\nserver = HTTPServer(('', 8000), BaseHTTPRequestHandler)\nserver.serve_forever()\n",
        [(3, "api", "http.server")],
    ),
    "huey": ("from huey import RedisHuey\n\nhuey = RedisHuey('app')\n", [(3, "worker", "huey")]),
    "module-script": ("import csv\n\nrows = load()\nfor row in rows:\n    handle(row)\n", [(3, "job", "script")]),
}


@pytest.mark.parametrize("case", sorted(SINGLE_FILE_CASES))
def test_single_file(case: str, make_tree: Tree) -> None:
    source, expected = SINGLE_FILE_CASES[case]
    root = make_tree({"service.py": source})
    assert entrypoints(root) == [("service.py", line, kind, fw) for line, kind, fw in expected]


def test_tests_are_not_service_code(make_tree: Tree) -> None:
    root = make_tree(
        {
            "tests/test_app.py": "from fastapi import FastAPI\n\napp = FastAPI()\nprint('x')\n",
            "app/test_helpers.py": "if __name__ == '__main__':\n    print('x')\n",
        }
    )
    report = run([str(root)])
    assert report.entrypoints == [] and report.findings == []


def test_mounted_sub_app_is_part_of_the_parent(make_tree: Tree) -> None:
    root = make_tree(
        {
            "main.py": "from fastapi import FastAPI\nfrom admin import admin_app\n\napp = FastAPI()\napp.mount('/admin', admin_app)\n",
            "admin.py": "from fastapi import FastAPI\n\nadmin_app = FastAPI()\n",
        }
    )
    assert entrypoints(root) == [("main.py", 4, "api", "fastapi")]


def test_django_project_is_one_api_plus_its_commands(make_tree: Tree) -> None:
    root = make_tree(
        {
            "manage.py": (
                "import os, sys\n\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
                "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
            "mysite/__init__.py": "",
            "mysite/settings.py": "INSTALLED_APPS = ['django.contrib.admin', 'polls']\nROOT_URLCONF = 'mysite.urls'\n",
            "mysite/urls.py": "from django.urls import include, path\n\nurlpatterns = [path('polls/', include('polls.urls'))]\n",
            "mysite/wsgi.py": (
                "import os\nfrom django.core.wsgi import get_wsgi_application\n\n"
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\napplication = get_wsgi_application()\n"
            ),
            "polls/__init__.py": "",
            "polls/urls.py": "from django.urls import path\nfrom . import views\n\nurlpatterns = [path('health/', views.health)]\n",
            "polls/views.py": "def health(request):\n    return None\n",
            "polls/management/__init__.py": "",
            "polls/management/commands/__init__.py": "",
            "polls/management/commands/close_polls.py": (
                "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n        pass\n"
            ),
        }
    )
    found = entrypoints(root)
    assert found == [
        ("mysite/wsgi.py", 5, "api", "django"),
        ("polls/management/commands/close_polls.py", 4, "job", "django-command"),
    ]
    report = run([str(root)])
    api = report.entrypoints[0]
    # The health route lives in an app's URL module reached through ROOT_URLCONF and include().
    assert {c.name: c.status for c in api.checks}["missing-health-route"] == "pass"
    assert "polls/views.py" in api.entrypoint.reach


def test_one_file_with_two_roles_yields_two_entrypoints(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "from fastapi import FastAPI\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\n"
                "app = FastAPI()\nscheduler = BackgroundScheduler()\n"
            )
        }
    )
    assert entrypoints(root) == [("app.py", 4, "api", "fastapi"), ("app.py", 5, "job", "apscheduler")]


def test_two_celery_apps_that_reach_each_other_keep_one(make_tree: Tree) -> None:
    """The standard layout: the package imports its app, which imports a constant from a module
    defining a second app; through the package ``__init__`` each reaches the other."""
    root = make_tree(
        {
            "proj/__init__.py": "from .celery import app as celery_app\n\n__all__ = ('celery_app',)\n",
            "proj/celery.py": "from celery import Celery\n\nfrom proj.reports.worker import QUEUE\n\napp = Celery('proj')\n"
            "app.conf.task_routes = {'reports.*': {'queue': QUEUE}}\n",
            "proj/reports/__init__.py": "",
            "proj/reports/worker.py": "from celery import Celery\n\nQUEUE = 'reports'\nreports_app = Celery('reports')\n",
        }
    )
    assert entrypoints(root) == [("proj/celery.py", 5, "worker", "celery")]


def test_an_app_that_includes_itself_is_still_an_app(make_tree: Tree) -> None:
    root = make_tree(
        {"main.py": "from fastapi import FastAPI\n\napp = FastAPI()\napp.include_router(app)\n"},
    )
    assert entrypoints(root) == [("main.py", 3, "api", "fastapi")]


def test_a_package_main_module_is_a_job_or_a_runner(make_tree: Tree) -> None:
    """``python -m pkg`` runs ``pkg/__main__.py``: its body is the ``__main__`` block."""
    root = make_tree(
        {
            "pkg/__init__.py": "",
            "pkg/__main__.py": "import sys\n\nfrom pkg.cli import main\n\nsys.exit(main())\n",
            "pkg/cli.py": "import shutil\n\n\ndef main():\n    shutil.rmtree('/data/old')\n    return 0\n",
            "web/__init__.py": "",
            "web/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "web/__main__.py": "import uvicorn\n\nfrom web.app import app\n\nuvicorn.run(app, host='0.0.0.0')\n",
        }
    )
    assert entrypoints(root) == [("pkg/__main__.py", 5, "job", "python"), ("web/app.py", 3, "api", "fastapi")]
