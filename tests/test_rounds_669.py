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
