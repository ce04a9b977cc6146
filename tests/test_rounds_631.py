"""Session 39: what blind rounds 631 onwards showed, as small trees.

Each case fails on fb37e30 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 634: a NATS JetStream consumer reading its subscription's next message in a loop that
# never ends, run by Compose
_NATS_NEXT_MESSAGE = {
    "consumer.py": """\
import asyncio

import nats


async def main():
    nc = await nats.connect("nats://nats:4222")
    js = nc.jetstream()
    sub = await js.subscribe("orders")
    while True:
        try:
            msg = await asyncio.wait_for(sub.next_msg(), timeout=5.0)
            print(msg.data.decode())
            await msg.ack()
        except asyncio.TimeoutError:
            print("no message yet")


if __name__ == "__main__":
    asyncio.run(main())
""",
    "docker-compose.yml": "services:\n  consumer:\n    build: .\n    command: python consumer.py\n",
}

# Round 636: an OAuth session a function further down the file builds and returns, its calls
# made without a timeout
_SESSION_FACTORY_BELOW = {
    "app.py": """\
import os

from flask import Flask, session
from requests_oauthlib import OAuth2Session

API = "https://discord.com/api"
app = Flask(__name__)


@app.route("/me")
def me():
    discord = make_session(token=session.get("token"))
    return discord.get(API + "/users/@me").json()


def make_session(token=None, state=None):
    return OAuth2Session(
        client_id=os.environ["CLIENT_ID"],
        token=token,
        state=state,
        auto_refresh_url=API + "/oauth2/token",
    )
""",
}

# Round 638: a monitor keeping each request's keyword arguments in a dict literal, none a timeout
_KEYWORD_DICT = {
    "check.py": """\
import logging
import sys

import requests

TESTS = {"home": {"url": "https://example.com", "type": "get"}}


def run_tests():
    failures = []
    for name, test in TESTS.items():
        args = None
        if test["type"] == "get":
            args = {"params": test.get("query")}
            response = requests.get(test["url"], **args)
        else:
            args = {"json": test.get("payload")}
            response = requests.post(test["url"], **args)
        if response.status_code != 200:
            failures.append(name)
    return failures


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(1 if run_tests() else 0)
""",
}

# Round 635: a monitor's method downloads a PDF to a temporary file and returns its name; the
# caller reads it and removes it
_SCRATCH_FROM_METHOD = {
    "monitor.py": """\
import logging
import os
import tempfile

import requests

log = logging.getLogger(__name__)


class Monitor:
    def __init__(self):
        self.session = requests.Session()

    def download_pdf(self, url):
        resp = self.session.get(url, timeout=30)
        if resp.status_code != 200:
            return None
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        tmp.write(resp.content)
        tmp.close()
        return tmp.name

    def check(self, posts):
        for post in posts:
            pdf_path = self.download_pdf(post["url"])
            if pdf_path:
                log.info("read %s", pdf_path)
                os.unlink(pdf_path)
""",
    "run.py": """\
import logging

from monitor import Monitor

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Monitor().check([{"url": "https://example.com/a.pdf"}])
""",
}

# Round 609: a job's function downloads a feed to a file and returns the name; main hands it to
# the function that reads and removes it
_SCRATCH_HANDED_ON = {
    "main.py": """\
import json
import logging
import os
import time

import requests

log = logging.getLogger(__name__)


def download():
    try:
        response = requests.get("https://example.com/feed", timeout=30, stream=True)
        response.raise_for_status()
        filename = str(int(time.time())) + "_feed.json"
        with open(filename, "wb") as file:
            for chunk in response.iter_content(chunk_size=8192):
                file.write(chunk)
        return filename
    except requests.exceptions.RequestException as e:
        log.error(e)
    return ""


def process(filename):
    with open(filename) as f:
        rows = json.load(f)
    log.info("%d rows", len(rows))
    os.remove(filename)


def main():
    filename = download()
    if filename:
        process(filename)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
""",
}

# Round 644: a beat schedule set on the Celery app in a module of its own, which the app's module
# never loads; the Dockerfile runs the worker
_BEAT_IN_OWN_MODULE = {
    "tasks.py": """\
import os

from celery import Celery

celery_app = Celery("wakeup", broker=os.environ["REDIS_URL"])


@celery_app.task
def wake_up():
    return "awake"
""",
    "beat_scheduler.py": """\
from tasks import celery_app

celery_app.conf.beat_schedule = {
    "wake-every-15-minutes": {"task": "tasks.wake_up", "schedule": 900.0},
}
""",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /code\nWORKDIR /code\nCMD ["celery", "-A", "tasks", "worker"]\n',
}

_CASES: dict[str, Case] = {
    "nats_next_message": (_NATS_NEXT_MESSAGE, [("consumer.py", "worker", "consume-loop")], None),
    # trap: the loop ends when no message comes in time (the stream drained: a job)
    "nats_drained": (
        _edited(_NATS_NEXT_MESSAGE, "consumer.py", '            print("no message yet")\n', "            break\n"),
        [("consumer.py", "job", "python")],
        None,
    ),
    "session_factory_below": (
        _SESSION_FACTORY_BELOW,
        [("app.py", "api", "flask")],
        ("http-call-without-timeout", 1),
    ),
    # trap: the function below returns a client class of the project's, not a requests session
    "client_factory_below": (
        _edited(
            {**_SESSION_FACTORY_BELOW, "app.py": _SESSION_FACTORY_BELOW["app.py"] + "\n\nclass Client:\n    pass\n"},
            "app.py",
            "    return OAuth2Session(\n",
            "    return Client(\n",
        ),
        [("app.py", "api", "flask")],
        ("http-call-without-timeout", 0),
    ),
    "keyword_dict_without_timeout": (_KEYWORD_DICT, [("check.py", "job", "python")], ("http-call-without-timeout", 2)),
    # trap: the keywords start from a dict the file built elsewhere, which may hold a timeout
    "keyword_dict_from_defaults": (
        _edited(
            {
                **_KEYWORD_DICT,
                "check.py": _KEYWORD_DICT["check.py"].replace("TESTS = ", 'DEFAULTS = {"timeout": 10}\nTESTS = '),
            },
            "check.py",
            "        args = None\n",
            "        args = DEFAULTS\n",
        ),
        [("check.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "scratch_from_method": (_SCRATCH_FROM_METHOD, [("run.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: the method may return a file that was there before (a cached copy)
    "cached_from_method": (
        _edited(
            _SCRATCH_FROM_METHOD,
            "monitor.py",
            "        resp = self.session.get(url, timeout=30)\n",
            '        cached = os.path.join("/var/cache/pdfs", os.path.basename(url))\n'
            "        if os.path.exists(cached):\n            return cached\n"
            "        resp = self.session.get(url, timeout=30)\n",
        ),
        [("run.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "scratch_handed_on": (_SCRATCH_HANDED_ON, [("main.py", "job", "python")], ("missing-dry-run", "na")),
    # trap: another call hands the function a file named on the command line
    "input_handed_on": (
        _edited(
            {**_SCRATCH_HANDED_ON, "main.py": "import sys\n" + _SCRATCH_HANDED_ON["main.py"]},
            "main.py",
            "        process(filename)\n",
            "        process(filename)\n    if len(sys.argv) > 1:\n        process(sys.argv[1])\n",
        ),
        [("main.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "beat_in_own_module": (
        _BEAT_IN_OWN_MODULE,
        [("tasks.py", "worker", "celery"), ("beat_scheduler.py", "job", "celery-beat")],
        None,
    ),
    # trap: the app's module loads the schedule's module, so `celery -A tasks beat` runs it
    "beat_module_loaded_by_app": (
        _edited(
            _BEAT_IN_OWN_MODULE,
            "tasks.py",
            '    return "awake"\n',
            '    return "awake"\n\n\nimport beat_scheduler  # noqa\n',
        ),
        [("tasks.py", "worker", "celery"), ("tasks.py", "job", "celery-beat")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
