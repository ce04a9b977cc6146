"""Session 35: what blind rounds 498 onwards showed, as small trees.

Each case fails on 43735b4 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]


def _edited(files: dict[str, str], path: str, old: str, new: str) -> dict[str, str]:
    """``files`` with ``old`` in ``path`` (found exactly once) replaced by ``new``: a trap beside its case."""
    assert files[path].count(old) == 1
    return {**files, path: files[path].replace(old, new)}


# Round 498: a module-level script emptying a versioned bucket with boto3's batch action
_EMPTY_BUCKET = {
    "run.py": """\
import boto3

BUCKET = "reports-archive"

session = boto3.Session()
s3 = session.resource("s3")
bucket = s3.Bucket(BUCKET)
bucket.object_versions.delete()
""",
}

# Round 501: an API Gateway handler (CORS headers bound to a name first) tried out at the module's end
_LAMBDA_TRIED_AT_IMPORT = {
    "status.py": """\
import json
import os

import requests

API_KEY = os.environ["API_KEY"]


def lambda_handler(event, context):
    response = requests.post("https://api.example.com/v2/monitors", data={"api_key": API_KEY}, timeout=10)
    monitors = response.json().get("monitors", [])
    down = [m["name"] for m in monitors if m["status"] >= 8]
    headers = {"Access-Control-Allow-Origin": "*"}
    return {"statusCode": 200, "body": json.dumps({"down": down}), "headers": headers}


lambda_handler(None, None)
""",
}

# Round 502: a generated key as a secret's environment fallback has leaked as well
_GENERATED_KEY_FALLBACK = {
    "app.py": """\
import os

from flask import Flask, abort, request

API_KEY = os.getenv("API_KEY", "f376d32d14b058ed2383b97fd568d1b26de1b75c")

app = Flask(__name__)


@app.post("/hook")
def hook():
    if request.headers.get("X-Api-Key") != API_KEY:
        abort(401)
    return {"ok": True}
""",
}

# Round 505: an IRC watcher whose instance of another module's class reads its socket until `stop()`
_IRC_WATCHER = {
    "src/server.py": """\
import select
import socket
import sys


class IRCServer:
    def __init__(self, callback):
        self._callback = callback
        self._running = False
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.connect(("irc.libera.chat", 6667))

    def recv(self):
        while self._running:
            ready = select.select([self._sock], [], [], 5)
            if ready[0]:
                message = self._sock.recv(1024).decode("UTF-8")
                self._callback.process_message(message)

    def watch(self):
        self._running = True
        self.recv()

    def stop(self):
        self._running = False
        self._sock.close()
        sys.exit(0)
""",
    "src/watchdog.py": """\
import logging

from server import IRCServer

log = logging.getLogger("watchdog")


class Watchdog:
    def __init__(self):
        self._server = IRCServer(self)

    def process_message(self, message):
        log.info("got %s", message)

    def run(self):
        self._server.watch()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Watchdog().run()
""",
}

# Round 508: a report job writing each asset's failure into the report and carrying on
_REPORT_WRITES_ERRORS = {
    "daily_report.py": """\
import logging

import yfinance as yf

ASSETS = ["AAPL", "MSFT"]
log = logging.getLogger("report")


def generate_daily_report(path):
    with open(path, "w", encoding="utf-8") as f:
        for symbol in ASSETS:
            try:
                data = yf.download(symbol, period="1y")
                f.write(f"{symbol}: {data['Close'].iloc[-1]:.2f}\\n")
            except Exception as e:
                f.write(f"[!] {symbol} - Error: {e}\\n")
    return path


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    generate_daily_report("report.txt")
""",
}

# Round 510: the `__main__` block starts the poller's thread through a function of the file, then serves
_THREAD_THROUGH_FUNCTION = {
    "app.py": """\
import threading
import time

import requests
from flask import Flask, jsonify

app = Flask(__name__)
status_cache = {}


def update_statuses():
    while True:
        status_cache["office"] = requests.get("https://status.office.com", timeout=5).status_code
        time.sleep(60)


def start_background_thread():
    thread = threading.Thread(target=update_statuses, daemon=True)
    thread.start()


@app.route("/")
def index():
    return "<h1>Status</h1>"


@app.route("/api/status")
def api_status():
    return jsonify(status_cache)


if __name__ == "__main__":
    start_background_thread()
    app.run(host="0.0.0.0", port=8000)
""",
}

_CASES: dict[str, Case] = {
    "empty_bucket_script": (_EMPTY_BUCKET, [("run.py", "job", "script")], ("missing-dry-run", "fail")),
    # trap: the batch action behind an --apply flag
    "empty_bucket_script_applied": (
        _edited(
            _EMPTY_BUCKET,
            "run.py",
            "bucket.object_versions.delete()\n",
            'import sys\n\nif "--apply" in sys.argv:\n    bucket.object_versions.delete()\nelse:\n    print(list(bucket.object_versions.limit(10)))\n',
        ),
        [("run.py", "job", "script")],
        ("missing-dry-run", "pass"),
    ),
    "lambda_tried_at_import": (
        _LAMBDA_TRIED_AT_IMPORT,
        [("status.py", "api", "aws-lambda")],
        ("http-call-without-timeout", 0),
    ),
    # trap: a handler that answers no browser (no CORS headers), called at import: a script's job
    "lambda_tried_at_import_scheduled": (
        _edited(
            _LAMBDA_TRIED_AT_IMPORT,
            "status.py",
            '    headers = {"Access-Control-Allow-Origin": "*"}\n',
            '    headers = {"Content-Type": "application/json"}\n',
        ),
        [("status.py", "job", "script")],
        None,
    ),
    "generated_key_fallback": (
        _GENERATED_KEY_FALLBACK,
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 1),
    ),
    # trap: a stand-in as the fallback is hardcoded-secret-fallback's alone
    "generated_key_fallback_stand_in": (
        _edited(_GENERATED_KEY_FALLBACK, "app.py", "f376d32d14b058ed2383b97fd568d1b26de1b75c", "dev-api-key-1"),
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "socket_held_by_instance": (_IRC_WATCHER, [("src/watchdog.py", "worker", "socket")], None),
    # trap: the loop leaves once a message came (`return`): not read for ever
    "socket_held_by_instance_returns": (
        _edited(
            _IRC_WATCHER,
            "src/server.py",
            "                self._callback.process_message(message)\n",
            "                self._callback.process_message(message)\n                return message\n",
        ),
        [("src/watchdog.py", "job", "python")],
        None,
    ),
    "report_writes_errors": (
        _REPORT_WRITES_ERRORS,
        [("daily_report.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the handler writes a placeholder, not what was caught, and re-raises
    "report_writes_errors_reraised": (
        _edited(
            _REPORT_WRITES_ERRORS,
            "daily_report.py",
            '                f.write(f"[!] {symbol} - Error: {e}\\n")\n',
            '                f.write(f"[!] {symbol} - Error: {e}\\n")\n                raise\n',
        ),
        [("daily_report.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "thread_through_function": (
        _THREAD_THROUGH_FUNCTION,
        [("app.py", "api", "flask"), ("app.py", "worker", "polling-loop")],
        None,
    ),
    # trap: the function that starts the thread is a route's (one request's work), not the block's
    "thread_through_function_route": (
        _edited(
            _edited(_THREAD_THROUGH_FUNCTION, "app.py", "    start_background_thread()\n    app.run", "    app.run"),
            "app.py",
            "def index():\n",
            "def index():\n    start_background_thread()\n",
        ),
        [("app.py", "api", "flask")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
