"""Session 21's code review: the problems it reproduced, as small trees.

The review read bb593dd..f4fe6e1. Each case fails on f4fe6e1 and passes after its mend, but the
traps (marked), which pass on both. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status. Files several trees share
are written once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_CASES: dict[str, Case] = {
    # an observer stopped after a minute, then joined: the script ends
    "watchdog_stop_join": (
        {
            "sync_once.py": """\
                import sys
                import time

                import boto3
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer


                class Upload(FileSystemEventHandler):
                    def __init__(self, bucket):
                        self.s3 = boto3.client("s3")
                        self.bucket = bucket

                    def on_modified(self, event):
                        self.s3.upload_file(event.src_path, self.bucket, "latest")


                def main():
                    observer = Observer()
                    observer.schedule(Upload(sys.argv[1]), "/data")
                    observer.start()
                    time.sleep(60)  # watch for one minute, then stop
                    observer.stop()
                    observer.join()


                if __name__ == "__main__":
                    main()
""",
        },
        [("sync_once.py", "job", "python")],
        None,
    ),
    # a `sched` event put back under a condition, a few retries: the script ends
    "sched_retry": (
        {
            "notify.py": """\
                import sched
                import sys
                import time

                import requests

                scheduler = sched.scheduler(time.time, time.sleep)


                def deliver(attempt):
                    r = requests.post("https://hooks.example.com/deploy", json={"ok": True}, timeout=10)
                    if r.status_code != 200 and attempt < 3:
                        scheduler.enter(30, 1, deliver, (attempt + 1,))
                    elif r.status_code != 200:
                        sys.exit(1)


                if __name__ == "__main__":
                    scheduler.enter(0, 1, deliver, (1,))
                    scheduler.run()
""",
        },
        [("notify.py", "job", "python")],
        None,
    ),
    # a JetStream pull consumer that leaves on a fetch timeout drains and ends
    "nats_drain_job": (
        {
            "drain.py": """\
                import asyncio

                import nats
                from nats.errors import TimeoutError as NatsTimeout


                async def drain():
                    nc = await nats.connect("nats://localhost:4222")
                    sub = await nc.jetstream().pull_subscribe("invoices", "nightly-export")
                    while True:
                        try:
                            msgs = await sub.fetch(100, timeout=5)
                        except NatsTimeout:
                            break  # the stream is drained: the nightly export is done
                        for msg in msgs:
                            print(msg.data)
                            await msg.ack()
                    await nc.close()


                if __name__ == "__main__":
                    asyncio.run(drain())
""",
        },
        [("drain.py", "job", "python")],
        None,
    ),
    # a socket client that exits when a read comes back empty reads to the end
    "socket_client_exit_on_eof": (
        {
            "fetch_dump.py": """\
                import socket
                import sys

                HOST, PORT = "backup.internal", 7000

                sock = socket.create_connection((HOST, PORT), timeout=30)
                sock.sendall(b"DUMP nightly\\n")
                out = open("/var/backups/nightly.dump", "wb")
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        out.close()
                        sock.close()
                        sys.exit(0)
                    out.write(chunk)
""",
        },
        [("fetch_dump.py", "job", "script")],
        None,
    ),
    # a thread-per-client server: the per-connection handler is no worker of its own
    "tcp_thread_server": (
        {
            "server.py": """\
                import socket
                import threading


                def handle_client(conn, addr):
                    with conn:
                        while True:
                            data = conn.recv(1024)
                            if not data:
                                raise ConnectionError(f"{addr} closed")
                            conn.sendall(data)


                def main():
                    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    srv.bind(("0.0.0.0", 9000))
                    srv.listen()
                    while True:
                        conn, addr = srv.accept()
                        threading.Thread(target=handle_client, args=(conn, addr), daemon=True).start()


                if __name__ == "__main__":
                    main()
""",
        },
        [("server.py", "worker", "polling-loop")],
        None,
    ),
    # a retry loop whose statements after a returning success are the next attempt; giving up exits 1
    "after_if_exit_later": (
        {
            "upload.py": """\
                import sys

                import requests


                def upload(path):
                    with open(path, "rb") as f:
                        data = f.read()
                    for attempt in range(3):
                        r = requests.post("https://backup.example.com/upload", data=data, timeout=30)
                        if r.status_code == 200:
                            return
                        print("upload failed:", r.status_code, r.text)
                    sys.exit(1)


                if __name__ == "__main__":
                    upload(sys.argv[1])
""",
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # the same retry loop, giving up with `raise SystemExit(1)`
    "v_ret_raise": (
        {
            "upload.py": """\
                import sys

                import requests


                def upload(path):
                    with open(path, "rb") as f:
                        data = f.read()
                    for attempt in range(3):
                        r = requests.post("https://backup.example.com/upload", data=data, timeout=30)
                        if r.status_code == 200:
                            return
                        print("upload failed:", r.status_code, r.text)
                    raise SystemExit("upload kept failing")


                if __name__ == "__main__":
                    upload(sys.argv[1])
""",
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # the same retry loop, giving up with a value the block exits with
    "v_val_exit": (
        {
            "upload.py": """\
                import sys

                import requests


                def upload(path):
                    with open(path, "rb") as f:
                        data = f.read()
                    for attempt in range(3):
                        r = requests.post("https://backup.example.com/upload", data=data, timeout=30)
                        if r.status_code == 200:
                            return r.json()
                        print("upload failed:", r.status_code, r.text)
                    sys.exit(1)


                if __name__ == "__main__":
                    upload(sys.argv[1])
""",
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a JobQueue filled from a command handler through a helper handed the application and a chat
    "jobqueue_subscribe_handler": (
        {
            "bot.py": """\
                from telegram.ext import ApplicationBuilder, CommandHandler


                async def send_digest(context):
                    await context.bot.send_message(context.job.chat_id, text="Your daily digest")


                def subscribe_user(app, chat_id):
                    app.job_queue.run_daily(send_digest, time=__import__("datetime").time(8), chat_id=chat_id)


                async def subscribe(update, context):
                    subscribe_user(context.application, update.effective_chat.id)
                    await update.message.reply_text("Subscribed")


                def main():
                    application = ApplicationBuilder().token("x").build()
                    application.add_handler(CommandHandler("subscribe", subscribe))
                    application.run_polling()


                if __name__ == "__main__":
                    main()
""",
        },
        [("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # a library helper `add_events(events, context)` is no Lambda handler
    "lambda_events_library": (
        {
            "pyproject.toml": """\
                [project]
                name = "calkit"
                version = "0.1.0"
""",
            "calkit/__init__.py": '''\
                """calkit: calendar rendering helpers."""
''',
            "calkit/render.py": '''\
                """Helpers for rendering calendar events into a Jinja template context."""


                def add_events(events, context):
                    context["events"] = sorted(events, key=lambda e: e["start"])
                    context["count"] = len(events)
                    return context
''',
        },
        [],
        None,
    ),
    # a module's loop under a test of its lowercase settings is set-up
    "checked_loop_lower_config": (
        {
            "plugins.py": """\
                import importlib
                import json

                with open("config.json") as f:
                    config = json.load(f)

                LOADED = []
                if config["plugins"]:
                    for name in config["plugins"]:
                        LOADED.append(importlib.import_module(name))
""",
        },
        [],
        None,
    ),
    # a module's loop in the `else` of a test of its settings is set-up
    "checked_loop_settings_lib": (
        {
            "pyproject.toml": """\
                [project]
                name = "notifier"
                version = "0.1.0"
""",
            "notifier/__init__.py": "",
            "notifier/channels.py": '''\
                """Notification channels, registered from the settings at import."""
                import logging
                import os

                import yaml

                log = logging.getLogger(__name__)

                with open(os.environ.get("NOTIFIER_SETTINGS", "settings.yaml")) as f:
                    settings = yaml.safe_load(f)

                CHANNELS = {}
                if settings["channels"] is None:
                    log.warning("no channels configured")
                else:
                    for channel in settings["channels"]:
                        CHANNELS[channel["name"]] = channel["url"]


                def channel_url(name):
                    return CHANNELS[name]
''',
        },
        [],
        None,
    ),
    # a library module building its pool with `run_until_complete` at import is no script
    "run_until_complete_library": (
        {
            "pyproject.toml": """\
                [project]
                name = "shopdb"
                version = "0.1.0"
""",
            "shopdb/__init__.py": "",
            "shopdb/pool.py": '''\
                """The shared asyncpg pool, created when the module is first imported."""
                import asyncio
                import os

                import asyncpg

                loop = asyncio.get_event_loop()
                pool = loop.run_until_complete(asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=5))


                async def fetch_orders(customer_id):
                    async with pool.acquire() as conn:
                        return await conn.fetch("SELECT * FROM orders WHERE customer_id = $1", customer_id)
''',
        },
        [],
        None,
    ),
    # a `--force-color` option guards no deletion
    "force_color_option": (
        {
            "cleanup.py": """\
                import argparse
                import shutil


                def main():
                    parser = argparse.ArgumentParser(description="Remove old build artefacts")
                    parser.add_argument("--force-color", action="store_true", help="colour output even when piped")
                    parser.add_argument("root")
                    args = parser.parse_args()
                    print(f"removing {args.root}")
                    shutil.rmtree(args.root)


                if __name__ == "__main__":
                    main()
""",
        },
        [("cleanup.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    # a handler named for health that takes POSTs serves an API
    "probe_named_monitor_bot": (
        {
            "bot.py": '''\
                import json
                import threading
                from http.server import BaseHTTPRequestHandler, HTTPServer

                import requests
                from telegram.ext import ApplicationBuilder, CommandHandler

                STATE = {}


                class HealthReportHandler(BaseHTTPRequestHandler):
                    """The uptime report other teams read: GET /api/uptime, POST /api/services to add a service."""

                    def do_GET(self):
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(json.dumps(STATE).encode())

                    def do_POST(self):
                        length = int(self.headers["Content-Length"])
                        STATE.update(json.loads(self.rfile.read(length)))
                        self.send_response(201)
                        self.end_headers()


                def serve_reports():
                    server = HTTPServer(("0.0.0.0", 8080), HealthReportHandler)
                    server.serve_forever()


                async def status(update, context):
                    await update.message.reply_text(json.dumps(STATE))


                def main():
                    threading.Thread(target=serve_reports, daemon=True).start()
                    application = ApplicationBuilder().token("x").build()
                    application.add_handler(CommandHandler("status", status))
                    application.run_polling()


                if __name__ == "__main__":
                    main()
''',
        },
        [("bot.py", "api", "http.server"), ("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap: a socketserver handler with no way out of its loop is no worker
    "socketserver_handler": (
        {
            "server.py": """\
                import socketserver


                class EchoHandler(socketserver.BaseRequestHandler):
                    def handle(self):
                        while True:
                            data = self.request.recv(1024)
                            self.request.sendall(data.upper())


                if __name__ == "__main__":
                    with socketserver.ThreadingTCPServer(("0.0.0.0", 9000), EchoHandler) as server:
                        server.serve_forever()
""",
        },
        [],
        None,
    ),
    # trap: a socket client in a library the app imports
    "socket_lib_client": (
        {
            "app.py": """\
                from flask import Flask, jsonify

                from ircbot.client import IRCClient

                app = Flask(__name__)


                @app.route("/notify/<channel>")
                def notify(channel):
                    client = IRCClient("irc.example.com")
                    client.send(f"PRIVMSG #{channel} :deploy done")
                    return jsonify(ok=True)
""",
            "ircbot/__init__.py": "",
            "ircbot/client.py": """\
                import socket


                class IRCClient:
                    def __init__(self, host, port=6667):
                        self.sock = socket.create_connection((host, port))

                    def send(self, line):
                        self.sock.sendall((line + "\\r\\n").encode())

                    def listen(self, handler):
                        while True:
                            data = self.sock.recv(4096)
                            for line in data.decode(errors="replace").splitlines():
                                handler(self, line)
""",
        },
        [("app.py", "api", "flask")],
        None,
    ),
    # trap: a status returned as False after a returning success, which the caller exits on
    "after_if_caller_checks": (
        {
            "check.py": """\
                import sys

                import requests


                def shop_is_up():
                    r = requests.get("https://shop.example.com/health", timeout=10)
                    if r.status_code == 200:
                        return True
                    print("shop is down:", r.status_code)
                    return False


                if __name__ == "__main__":
                    if not shop_is_up():
                        sys.exit(1)
""",
        },
        [("check.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
