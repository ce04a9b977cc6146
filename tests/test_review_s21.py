"""Session 21's code review: the problems it reproduced, as small trees.

The first review read bb593dd..f4fe6e1: each of its cases fails on f4fe6e1 and passes after its
mend, but the traps (marked), which pass on both. The second read f4fe6e1..0814e3d (cases
marked): each fails on 0814e3d, but its traps. The third read 0814e3d..98b3cd8 (marked): each
fails on 98b3cd8, but its traps. The fourth read 98b3cd8..94589a4 (marked): each fails on
94589a4, but its traps. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status. Files several trees share
are written once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

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
    # trap: a socketserver handler with no way out of its loop is no worker of its own; the server
    # the block keeps serving is (session 32, nothing before: a long-running socket server, round
    # 418's blind label for an MLLP listener)
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
        [("server.py", "worker", "socket-server")],
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
    # second review: `sys.exit(main())`, main() raising after its handler set a flag
    "e1_raise_after_flag": (
        {
            "job.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def main():
                    ok = True
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except Exception:
                        log.exception("export failed")
                        ok = False
                    if not ok:
                        raise RuntimeError("export failed")
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: `sys.exit(main())`, main() leaving with status 0 on Ctrl-C
    "e2_keyboard_interrupt": (
        {
            "job.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def main():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except KeyboardInterrupt:
                        log.info("interrupted")
                        sys.exit(0)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: `sys.exit(main())`, main()'s handler calling a helper that exits 1
    "e4_fail_helper": (
        {
            "job.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def die(msg):
                    log.error(msg)
                    sys.exit(1)


                def main():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except Exception as e:
                        die(f"export failed: {e}")
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: `sys.exit(print_summary(results))`: a summary helper is not the work
    "e7b_summary_broad": (
        {
            "job.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def run_all():
                    results = []
                    for url in sys.argv[1:]:
                        r = requests.get(url, timeout=30)
                        r.raise_for_status()
                        results.append((url, len(r.content)))
                    return results


                def print_summary(results):
                    try:
                        from tabulate import tabulate
                        log.info("\\n%s", tabulate(results))
                    except Exception:
                        log.info("%s", results)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    results = run_all()
                    sys.exit(print_summary(results))
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: `sys.exit(main())`, main() passing only on a clean-up's failure
    "e8_cleanup_pass": (
        {
            "job.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)
                TMP = "/tmp/export.partial"


                def main():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open(TMP, "w") as f:
                        f.write(r.text)
                    os.replace(TMP, "/data/export.json")
                    try:
                        os.remove("/data/export.lock")
                    except Exception:
                        pass
                    log.info("export done")
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: `check=True` raised already; the returncode test after it loses nothing
    "s1_check_true": (
        {
            "job.py": """\
                import logging
                import subprocess

                log = logging.getLogger(__name__)


                def build():
                    proc = subprocess.run(["make", "release"], check=True)
                    if proc.returncode == 0:
                        log.info("release built")


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    build()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: the same in a method
    "s7_method_check_true": (
        {
            "job.py": """\
                import logging
                import subprocess

                log = logging.getLogger(__name__)


                class Release:
                    def __init__(self, tag):
                        self.tag = tag

                    def build(self):
                        proc = subprocess.run(["make", "release", f"TAG={self.tag}"], check=True)
                        if proc.returncode == 0:
                            log.info("release %s built", self.tag)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    Release("v1.2.0").build()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: a session hook raises for every response
    "s4_session_hooks": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)

                session = requests.Session()
                session.hooks["response"].append(lambda r, *args, **kwargs: r.raise_for_status())


                def download():
                    r = session.get("https://api.example.com/export", timeout=30)
                    if r.status_code == 200:
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    download()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: an aiohttp session built with `raise_for_status=True`
    "s5_aiohttp_raise": (
        {
            "job.py": """\
                import asyncio
                import logging

                import aiohttp

                log = logging.getLogger(__name__)


                async def download():
                    async with aiohttp.ClientSession(raise_for_status=True) as session:
                        resp = await session.get("https://api.example.com/export", timeout=30)
                        if resp.status == 200:
                            with open("/data/export.json", "wb") as f:
                                f.write(await resp.read())


                async def refresh(session):
                    resp = await session.get("https://api.example.com/export", timeout=30)
                    if resp.status == 200:
                        with open("/data/export.json", "wb") as f:
                            f.write(await resp.read())


                async def main():
                    async with aiohttp.ClientSession(raise_for_status=True) as session:
                        await refresh(session)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    asyncio.run(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: a success branch that returns the data leaves None for the caller, who checks it
    "s3_return_none_checked": (
        {
            "job.py": """\
                import json
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def fetch(url):
                    r = requests.get(url, timeout=30)
                    if r.status_code == 200:
                        return r.json()


                def main():
                    data = fetch("https://api.example.com/export")
                    if data is None:
                        log.error("export failed")
                        sys.exit(1)
                    with open("/data/export.json", "w") as f:
                        json.dump(data, f)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: a HEAD request's status is a probe's result, not a failure
    "s6_head_probe": (
        {
            "job.py": """\
                import csv
                import logging

                import requests

                log = logging.getLogger(__name__)


                def mark_if_live(site):
                    r = requests.head(site["url"], timeout=5, allow_redirects=True)
                    if r.status_code == 200:
                        site["live"] = "yes"


                def main():
                    with open("sites.csv") as f:
                        sites = list(csv.DictReader(f))
                    for site in sites:
                        site["live"] = "no"
                        mark_if_live(site)
                    with open("sites_checked.csv", "w", newline="") as f:
                        writer = csv.DictWriter(f, fieldnames=["url", "live"])
                        writer.writeheader()
                        writer.writerows(sites)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # second review: an observer a timer stops, then joined: the script ends
    "w1_timer_stop": (
        {
            "sync_once.py": """\
                import sys
                import threading

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
                    threading.Timer(60, observer.stop).start()  # watch for one minute, then stop
                    observer.join()


                if __name__ == "__main__":
                    main()
""",
        },
        [("sync_once.py", "job", "python")],
        None,
    ),
    # second review: a `sched` retry put back in an `except` block: the script ends
    "sc1_retry_in_except": (
        {
            "notify.py": """\
                import sched
                import time

                import requests

                scheduler = sched.scheduler(time.time, time.sleep)


                def deliver(attempt):
                    try:
                        r = requests.post("https://hooks.example.com/deploy", json={"ok": True}, timeout=10)
                        r.raise_for_status()
                    except requests.RequestException:
                        if attempt >= 3:
                            raise
                        scheduler.enter(30, 1, deliver, (attempt + 1,))


                if __name__ == "__main__":
                    scheduler.enter(0, 1, deliver, (1,))
                    scheduler.run()
""",
        },
        [("notify.py", "job", "python")],
        None,
    ),
    # second review: a socket client that exits once it has read everything
    "so3_client_total": (
        {
            "fetch_dump.py": """\
                import socket
                import sys

                HOST, PORT = "backup.internal", 7000

                sock = socket.create_connection((HOST, PORT), timeout=30)
                sock.sendall(b"DUMP nightly\\n")
                total = int(sock.recv(32).decode().strip())
                received = 0
                out = open("/var/backups/nightly.dump", "wb")
                while True:
                    chunk = sock.recv(65536)
                    out.write(chunk)
                    received += len(chunk)
                    if received >= total:
                        out.close()
                        sock.close()
                        sys.exit(0)
""",
        },
        [("fetch_dump.py", "job", "script")],
        None,
    ),
    # second review: a socket client that exits on an empty read or an end marker
    "so4_client_boolop": (
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
                    if not chunk or chunk == b"END\\n":
                        out.close()
                        sock.close()
                        sys.exit(0)
                    out.write(chunk)
""",
        },
        [("fetch_dump.py", "job", "script")],
        None,
    ),
    # second review: a library module building its pool through a factory of its own
    "r1_local_pool_factory": (
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


                async def _create_pool():
                    return await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=5)


                loop = asyncio.get_event_loop()
                pool = loop.run_until_complete(_create_pool())


                async def fetch_orders(customer_id):
                    async with pool.acquire() as conn:
                        return await conn.fetch("SELECT * FROM orders WHERE customer_id = $1", customer_id)
''',
        },
        [],
        None,
    ),
    # second review: a watchdog daemon whose SIGTERM handler (a lambda) stops the observer
    "w3_daemon_stop_join_signal": (
        {
            "watcher.py": """\
                import logging
                import signal

                import boto3
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Upload(FileSystemEventHandler):
                    def __init__(self):
                        self.s3 = boto3.client("s3")

                    def on_created(self, event):
                        self.s3.upload_file(event.src_path, "incoming", event.src_path.rsplit("/", 1)[-1])


                def main():
                    observer = Observer()
                    observer.schedule(Upload(), "/data/incoming")
                    signal.signal(signal.SIGTERM, lambda *_: observer.stop())
                    observer.start()
                    try:
                        observer.join()
                    finally:
                        observer.stop()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("watcher.py", "worker", "watchdog")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # second review: the same with a nested function as the handler
    "w3c_nested_def": (
        {
            "watcher.py": """\
                import logging
                import signal

                import boto3
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Upload(FileSystemEventHandler):
                    def __init__(self):
                        self.s3 = boto3.client("s3")

                    def on_created(self, event):
                        self.s3.upload_file(event.src_path, "incoming", event.src_path.rsplit("/", 1)[-1])


                def main():
                    observer = Observer()
                    observer.schedule(Upload(), "/data/incoming")
                    def _stop(*_):
                        observer.stop()

                    signal.signal(signal.SIGTERM, _stop)
                    observer.start()
                    try:
                        observer.join()
                    finally:
                        observer.stop()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("watcher.py", "worker", "watchdog")],
        None,
    ),
    # trap (second review): Ctrl-C returning 0 from main()
    "e3_ki_return0": (
        {
            "job.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def main():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except KeyboardInterrupt:
                        log.info("interrupted")
                        return 0
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): a click command exiting with `ctx.exit(1)`
    "e9_click_ctx_exit": (
        {
            "job.py": """\
                import logging
                import sys

                import click
                import requests

                log = logging.getLogger(__name__)


                @click.command()
                @click.argument("url")
                @click.pass_context
                def main(ctx, url):
                    try:
                        r = requests.get(url, timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except requests.RequestException as e:
                        log.error("fetch failed: %s", e)
                        ctx.exit(1)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "click")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): a False after a returning success, which the caller exits on
    "f1_fallthrough_return_false": (
        {
            "upload.py": """\
                import logging
                import sys

                import requests

                log = logging.getLogger(__name__)


                def upload(path):
                    with open(path, "rb") as f:
                        data = f.read()
                    r = requests.post("https://backup.example.com/upload", data=data, timeout=30)
                    if r.status_code == 200:
                        return True
                    log.error("upload failed: %s %s", r.status_code, r.text)
                    return False


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    if not upload(sys.argv[1]):
                        sys.exit(1)
""",
        },
        [("upload.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): a heartbeat URL bound with `or`
    "h1_heartbeat_url_or": (
        {
            "job.py": """\
                import logging
                import os

                import requests

                log = logging.getLogger(__name__)

                HEARTBEAT_URL = os.environ.get("HEARTBEAT_URL") or os.environ.get("HC_URL")


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)


                def main():
                    export()
                    if HEARTBEAT_URL:
                        requests.get(HEARTBEAT_URL, timeout=10)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-heartbeat", "pass"),
    ),
    # trap (second review): watchdog's own example, sleeping until Ctrl-C, stays a worker
    "w2_canonical_daemon": (
        {
            "watcher.py": """\
                import logging
                import time

                import boto3
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Upload(FileSystemEventHandler):
                    def __init__(self):
                        self.s3 = boto3.client("s3")

                    def on_created(self, event):
                        self.s3.upload_file(event.src_path, "incoming", event.src_path.rsplit("/", 1)[-1])


                def main():
                    observer = Observer()
                    observer.schedule(Upload(), "/data/incoming")
                    observer.start()
                    try:
                        while True:
                            time.sleep(1)
                    except KeyboardInterrupt:
                        observer.stop()
                    observer.join()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("watcher.py", "worker", "polling-loop")],
        None,
    ),
    # trap (second review): a bot reading a socket it is handed stays a worker
    "so1_bot_handed_socket": (
        {
            "bot.py": """\
                import logging
                import os
                import socket

                log = logging.getLogger(__name__)

                SERVER, PORT, CHANNEL = "irc.libera.chat", 6667, "#ops"


                def connect():
                    sock = socket.create_connection((SERVER, PORT), timeout=300)
                    sock.sendall(f"NICK opsbot\\r\\nUSER opsbot 0 * :ops bot\\r\\nJOIN {CHANNEL}\\r\\n".encode())
                    return sock


                def listen(irc):
                    while True:
                        data = irc.recv(2048).decode("utf-8", "replace")
                        for line in data.split("\\r\\n"):
                            if line.startswith("PING"):
                                irc.sendall(line.replace("PING", "PONG").encode() + b"\\r\\n")
                            elif "!deploy" in line:
                                os.system("/opt/deploy.sh")


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    listen(connect())
""",
        },
        [("bot.py", "worker", "polling-loop")],
        None,
    ),
    # third review: a failed item written to a retry file is kept, not only reported
    "w1_retry_file": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)


                def main():
                    with open("/data/pending.txt") as f:
                        urls = [line.strip() for line in f if line.strip()]
                    for url in urls:
                        try:
                            r = requests.post(url, json={"ping": 1}, timeout=30)
                            r.raise_for_status()
                        except requests.RequestException:
                            # picked up by the next run
                            with open("/data/retry.txt", "a") as out:
                                print(url, file=out)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a resume index written to a state file
    "w4_checkpoint": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)
                STATE = "/data/last_sent_id"


                def main():
                    with open(STATE) as f:
                        last = int(f.read().strip() or 0)
                    with open("/data/events.jsonl") as f:
                        events = f.readlines()[last:]
                    for i, event in enumerate(events, start=last):
                        try:
                            r = requests.post("https://ingest.example.com/events", data=event, timeout=30)
                            r.raise_for_status()
                        except requests.RequestException:
                            # resume from here on the next run
                            with open(STATE, "w") as f:
                                print(i, file=f)
                            break


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a delivery callback writing a failed message to a dead-letter file
    "w6_kafka_dead_letter": (
        {
            "job.py": """\
                import json
                import logging

                from confluent_kafka import Producer

                log = logging.getLogger(__name__)


                def on_delivery(err, msg):
                    if err is not None:
                        # replayed by replay_dead_letters.py
                        with open("/data/dead_letters.jsonl", "a") as f:
                            print(msg.value().decode(), file=f)


                def main():
                    producer = Producer({"bootstrap.servers": "kafka:9092"})
                    with open("/data/events.jsonl") as f:
                        for line in f:
                            producer.produce("events", value=line.encode(), callback=on_delivery)
                    producer.flush()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a failure marker another job reads
    "w2_marker_file": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)


                def export():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except requests.RequestException as e:
                        # the status page's checker reads this marker and pages whoever is on call
                        with open("/var/run/export.failed", "w") as marker:
                            print(e, file=marker)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    export()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: `sys.exit(main())`, main() catching only a failed Slack post
    "x1_notify_fails": (
        {
            "job.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def main():
                    size = export()
                    try:
                        requests.post(SLACK_WEBHOOK, json={"text": f"export done: {size} bytes"}, timeout=10)
                    except requests.RequestException as e:
                        log.warning("could not tell Slack: %s", e)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a GET probe's status as a link checker's verdict
    "s1_get_probe": (
        {
            "job.py": """\
                import csv
                import logging

                import requests

                log = logging.getLogger(__name__)


                def mark_if_live(site):
                    r = requests.get(site["url"], timeout=5)
                    if r.status_code == 200:
                        site["live"] = "yes"


                def main():
                    with open("sites.csv") as f:
                        sites = list(csv.DictReader(f))
                    for site in sites:
                        site["live"] = "no"
                        mark_if_live(site)
                    with open("sites_checked.csv", "w", newline="") as f:
                        writer = csv.DictWriter(f, fieldnames=["url", "live"])
                        writer.writeheader()
                        writer.writerows(sites)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a success-only test of a webhook post's response
    "s3_slack_summary": (
        {
            "job.py": """\
                import logging
                import os

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def post_summary(size):
                    r = requests.post(SLACK_WEBHOOK, json={"text": f"export done: {size} bytes"}, timeout=10)
                    if r.ok:
                        log.info("summary posted")


                def main():
                    post_summary(export())


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # third review: a watchdog observer stopped in a `finally` before its join
    "o1_stop_in_finally": (
        {
            "record_changes.py": """\
                import json
                import sys
                import time

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer


                class Record(FileSystemEventHandler):
                    def __init__(self):
                        self.changed = set()

                    def on_modified(self, event):
                        self.changed.add(event.src_path)


                def main():
                    seconds = int(sys.argv[1])
                    record = Record()
                    observer = Observer()
                    observer.schedule(record, "/data", recursive=True)
                    observer.start()
                    try:
                        time.sleep(seconds)
                    finally:
                        observer.stop()
                    observer.join()
                    with open("/data/changed.json", "w") as f:
                        json.dump(sorted(record.changed), f)


                if __name__ == "__main__":
                    main()
""",
        },
        [("record_changes.py", "job", "python")],
        None,
    ),
    # third review: a watchdog observer stopped, then joined inside an `if`
    "o2_join_in_if": (
        {
            "record_changes.py": """\
                import json
                import sys
                import time

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer


                class Record(FileSystemEventHandler):
                    def __init__(self):
                        self.changed = set()

                    def on_modified(self, event):
                        self.changed.add(event.src_path)


                def main():
                    seconds = int(sys.argv[1])
                    record = Record()
                    observer = Observer()
                    observer.schedule(record, "/data", recursive=True)
                    observer.start()
                    time.sleep(seconds)
                    observer.stop()
                    if observer.is_alive():
                        observer.join()
                    with open("/data/changed.json", "w") as f:
                        json.dump(sorted(record.changed), f)


                if __name__ == "__main__":
                    main()
""",
        },
        [("record_changes.py", "job", "python")],
        None,
    ),
    # third review: `atexit.register(observer.stop)` keeps the observer running until the end
    "o3_atexit_stop": (
        {
            "watcher.py": """\
                import atexit
                import logging

                import boto3
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Upload(FileSystemEventHandler):
                    def __init__(self):
                        self.s3 = boto3.client("s3")

                    def on_created(self, event):
                        self.s3.upload_file(event.src_path, "incoming", event.src_path.rsplit("/", 1)[-1])


                def main():
                    observer = Observer()
                    observer.schedule(Upload(), "/data/incoming")
                    atexit.register(observer.stop)
                    observer.start()
                    observer.join()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("watcher.py", "worker", "watchdog")],
        None,
    ),
    # third review: an IRC bot whose `!die` command exits is still a bot
    "k1_irc_bot_die": (
        {
            "ircbot.py": """\
                import socket
                import sys

                import requests

                SERVER, PORT, CHANNEL = "irc.libera.chat", 6667, "#weather"

                sock = socket.create_connection((SERVER, PORT), timeout=300)
                sock.sendall(f"NICK wxbot\\r\\nUSER wxbot 0 * :weather bot\\r\\nJOIN {CHANNEL}\\r\\n".encode())


                def say(text):
                    sock.sendall(f"PRIVMSG {CHANNEL} :{text}\\r\\n".encode())


                def main():
                    while True:
                        data = sock.recv(2048).decode("utf-8", "replace")
                        for line in data.split("\\r\\n"):
                            if line.startswith("PING"):
                                sock.sendall(line.replace("PING", "PONG").encode() + b"\\r\\n")
                            elif "!weather" in line:
                                r = requests.get("https://wttr.in/?format=3", timeout=10)
                                say(r.text)
                            elif "!die" in line:
                                sock.sendall(b"QUIT\\r\\n")
                                sys.exit(0)


                main()
""",
        },
        [("ircbot.py", "worker", "socket")],
        None,
    ),
    # third review: a UDP listener that re-raises a database error crashes, it does not drain
    "k2_udp_listener_raise": (
        {
            "listener.py": """\
                import logging
                import os
                import socket

                import psycopg2

                log = logging.getLogger(__name__)

                conn = psycopg2.connect(os.environ["DATABASE_URL"])
                sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                sock.bind(("0.0.0.0", 5140))


                def main():
                    while True:
                        data, addr = sock.recvfrom(4096)
                        try:
                            with conn.cursor() as cur:
                                cur.execute("INSERT INTO syslog (host, line) VALUES (%s, %s)", (addr[0], data.decode()))
                            conn.commit()
                        except psycopg2.Error:
                            log.exception("could not store a line from %s", addr[0])
                            raise


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("listener.py", "worker", "socket")],
        None,
    ),
    # third review: `count = asyncio.run(build_index())` at module level is the script's work
    "r1_build_index": (
        {
            "reindex.py": """\
                import asyncio
                import logging
                import os

                import asyncpg

                log = logging.getLogger(__name__)


                async def build_index():
                    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
                    try:
                        rows = await conn.fetch("SELECT id, title FROM articles")
                        await conn.executemany("INSERT INTO search_index (id, title) VALUES ($1, $2)", [(r["id"], r["title"]) for r in rows])
                        return len(rows)
                    finally:
                        await conn.close()


                logging.basicConfig(level=logging.INFO)
                count = asyncio.run(build_index())
                log.info("indexed %d articles", count)
""",
        },
        [("reindex.py", "job", "script")],
        None,
    ),
    # third review: `asyncio.run(_reindex())` at module level is the script's work
    "r2_private_main": (
        {
            "reindex.py": """\
                import asyncio
                import logging
                import os

                import asyncpg

                log = logging.getLogger(__name__)


                async def _reindex():
                    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
                    try:
                        rows = await conn.fetch("SELECT id, title FROM articles")
                        await conn.executemany("INSERT INTO search_index (id, title) VALUES ($1, $2)", [(r["id"], r["title"]) for r in rows])
                        return len(rows)
                    finally:
                        await conn.close()


                logging.basicConfig(level=logging.INFO)
                count = asyncio.run(_reindex())
                log.info("indexed %d articles", count)
""",
        },
        [("reindex.py", "job", "script")],
        None,
    ),
    # third review: a JobQueue start-up helper with a keyword-only option beside the application
    "j1_jobqueue_kwonly": (
        {
            "bot.py": """\
                from telegram.ext import ApplicationBuilder, CommandHandler


                async def remind(context):
                    await context.bot.send_message(chat_id=1, text="stand-up")


                async def start(update, context):
                    await update.message.reply_text("hi")


                def schedule(app, *, every=3600):
                    app.job_queue.run_repeating(remind, interval=every)


                def main():
                    application = ApplicationBuilder().token("x").build()
                    application.add_handler(CommandHandler("start", start))
                    schedule(application)
                    application.run_polling()


                if __name__ == "__main__":
                    main()
""",
        },
        [("bot.py", "job", "telegram-jobqueue"), ("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap (third review): failed items collected in a list
    "w1b_retry_list": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)


                def main():
                    with open("/data/pending.txt") as f:
                        urls = [line.strip() for line in f if line.strip()]
                    failed = []
                    for url in urls:
                        try:
                            r = requests.post(url, json={"ping": 1}, timeout=30)
                            r.raise_for_status()
                        except requests.RequestException:
                            # picked up by the next run
                            failed.append(url)
                    with open("/data/retry.txt", "a") as out:
                        out.write("\\n".join(failed))


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (third review): a lock file's removal that may fail
    "x2_lock_cleanup": (
        {
            "job.py": """\
                import logging
                import os
                import subprocess
                import sys

                log = logging.getLogger(__name__)
                LOCK = "/var/run/backup.lock"


                def main():
                    open(LOCK, "w").close()
                    subprocess.run(["pg_dump", "-f", "/backups/db.sql", "shop"], check=True)
                    try:
                        os.remove(LOCK)
                    except OSError as e:
                        log.warning("could not remove %s: %s", LOCK, e)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a socket client that exits at the reply's status line, inside a `for`
    "s_forline": (
        {
            "fetch.py": '''\
                """Send one command to the server and print its reply lines until the 226 status."""
                import socket
                import sys

                sock = socket.create_connection(("files.example.org", 2121))
                sock.sendall(b"LIST /\\r\\n")
                while True:
                    data = sock.recv(4096)
                    for line in data.decode().splitlines():
                        if line.startswith("226"):
                            print("transfer complete")
                            sys.exit(0)
                        if line.startswith("5"):
                            sys.exit("server error: " + line)
                        print(line)
''',
        },
        [("fetch.py", "job", "script")],
        None,
    ),
    # fourth review: a socket client that exits at an end marker, inside the line buffer's loop
    "s_innerwhile": (
        {
            "fetch.py": '''\
                """Ask the server for the report and print it, line by line, up to END."""
                import socket
                import sys

                sock = socket.create_connection(("reports.example.org", 7000))
                sock.sendall(b"REPORT daily\\n")
                buf = b""
                while True:
                    buf += sock.recv(4096)
                    while b"\\n" in buf:
                        line, buf = buf.split(b"\\n", 1)
                        if line == b"END":
                            sys.exit(0)
                        print(line.decode())
''',
        },
        [("fetch.py", "job", "script")],
        None,
    ),
    # fourth review: a socket client that exits once it has the size it was told, two `if`s down
    "s_twoifs": (
        {
            "get.py": '''\
                """Download one file of a known size from the transfer service."""
                import socket
                import sys

                size = int(sys.argv[2])
                sock = socket.create_connection(("transfer.example.org", 8800))
                sock.sendall(sys.argv[1].encode() + b"\\n")
                received = 0
                with open(sys.argv[1], "wb") as out:
                    while True:
                        chunk = sock.recv(65536)
                        if chunk:
                            out.write(chunk)
                            received += len(chunk)
                            if received >= size:
                                print("done")
                                sys.exit(0)
''',
        },
        [("get.py", "job", "script")],
        None,
    ),
    # fourth review: a socket client that exits 0 when the device goes quiet
    "s_timeout": (
        {
            "dump.py": '''\
                """Connect, send the dump command, and write everything the device sends until it goes quiet."""
                import socket
                import sys

                sock = socket.create_connection(("10.0.0.5", 9100))
                sock.settimeout(5)
                sock.sendall(b"DUMP\\n")
                with open("dump.bin", "wb") as out:
                    while True:
                        try:
                            chunk = sock.recv(65536)
                        except socket.timeout:
                            print("device quiet, dump complete")
                            sys.exit(0)
                        out.write(chunk)
''',
        },
        [("dump.py", "job", "script")],
        None,
    ),
    # fourth review: an interactive chat client asks a person for each line
    "s_input": (
        {
            "chat.py": '''\
                """Tiny interactive chat client: type a line, print the server's reply."""
                import socket

                sock = socket.create_connection(("chat.example.org", 5000))
                while True:
                    line = input("> ")
                    sock.sendall(line.encode() + b"\\n")
                    reply = sock.recv(4096)
                    print(reply.decode())
''',
        },
        [],
        None,
    ),
    # fourth review: an observer stopped only when asked for a check keeps running otherwise
    "w_cond": (
        {
            "watch.py": '''\
                """Re-index documents whenever the inbox folder changes (--check: start, then stop at once)."""
                import logging
                import sys

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Reindex(FileSystemEventHandler):
                    def on_modified(self, event):
                        log.info("changed %s", event.src_path)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    observer = Observer()
                    observer.schedule(Reindex(), "/srv/inbox", recursive=True)
                    observer.start()
                    if "--check" in sys.argv:
                        observer.stop()
                    observer.join()


                if __name__ == "__main__":
                    main()
''',
        },
        [("watch.py", "worker", "watchdog")],
        None,
    ),
    # fourth review: an observer stopped only on an error path keeps running otherwise
    "w_else": (
        {
            "watch.py": '''\
                """Re-index documents whenever the inbox folder changes; stop at once if the folder is missing."""
                import logging
                import os

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Reindex(FileSystemEventHandler):
                    def on_modified(self, event):
                        log.info("changed %s", event.src_path)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    observer = Observer()
                    observer.schedule(Reindex(), "/srv/inbox", recursive=True)
                    observer.start()
                    if os.path.isdir("/srv/inbox"):
                        log.info("watching")
                    else:
                        log.error("no inbox")
                        observer.stop()
                    observer.join()


                if __name__ == "__main__":
                    main()
''',
        },
        [("watch.py", "worker", "watchdog")],
        None,
    ),
    # fourth review: an observer stopped when a stop file appears, in a loop, runs until then
    "w_loop": (
        {
            "watch.py": '''\
                """Re-index documents whenever the inbox folder changes."""
                import logging
                import os
                import time

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Reindex(FileSystemEventHandler):
                    def on_modified(self, event):
                        log.info("changed %s", event.src_path)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    observer = Observer()
                    observer.schedule(Reindex(), "/srv/inbox", recursive=True)
                    observer.start()
                    while True:
                        time.sleep(5)
                        if os.path.exists("/srv/inbox/.stop"):
                            log.info("stop file found")
                            observer.stop()
                            break
                    observer.join()


                if __name__ == "__main__":
                    main()
''',
        },
        [("watch.py", "worker", "watchdog")],
        None,
    ),
    # fourth review: a failed item written to `backlog.jsonl` is kept for later
    "f_backlog": (
        {
            "job.py": """\
                import json
                import logging

                from confluent_kafka import Producer

                log = logging.getLogger(__name__)


                def on_delivery(err, msg):
                    if err is not None:
                        # replayed by replay_dead_letters.py
                        with open("/data/backlog.jsonl", "a") as f:
                            print(msg.value().decode(), file=f)


                def main():
                    producer = Producer({"bootstrap.servers": "kafka:9092"})
                    with open("/data/events.jsonl") as f:
                        for line in f:
                            producer.produce("events", value=line.encode(), callback=on_delivery)
                    producer.flush()


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a marker named `export.error` is no log
    "f_marker_error": (
        {
            "job.py": """\
                import logging

                import requests

                log = logging.getLogger(__name__)


                def export():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except requests.RequestException as e:
                        # the status page's checker reads this marker and pages whoever is on call
                        with open("/var/run/export.error", "w") as marker:
                            print(e, file=marker)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    export()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a marker path in `FAILED_MARKER_ERROR` is no log
    "f_marker_const": (
        {
            "job.py": """\
                import logging

                import requests

                FAILED_MARKER_ERROR = "/var/run/export.failed"

                log = logging.getLogger(__name__)


                def export():
                    try:
                        r = requests.get("https://api.example.com/export", timeout=30)
                        r.raise_for_status()
                        with open("/data/export.json", "w") as f:
                            f.write(r.text)
                    except requests.RequestException as e:
                        # the status page's checker reads this marker and pages whoever is on call
                        with open(FAILED_MARKER_ERROR, "w") as marker:
                            print(e, file=marker)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    export()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: formatting inside a log call is no work
    "r_s3_elapsed": (
        {
            "job.py": """\
                import logging
                import os

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def post_summary(size):
                    r = requests.post(SLACK_WEBHOOK, json={"text": f"export done: {size} bytes"}, timeout=10)
                    if r.ok:
                        log.info("summary posted in %.2fs", r.elapsed.total_seconds())


                def main():
                    post_summary(export())


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a length inside a log call is no work
    "r_s3_len": (
        {
            "job.py": """\
                import logging
                import os

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def post_summary(size):
                    r = requests.post(SLACK_WEBHOOK, json={"text": f"export done: {size} bytes"}, timeout=10)
                    if r.ok:
                        log.info("summary posted (%d bytes)", len(r.request.body))


                def main():
                    post_summary(export())


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a probe's verdict recorded with a date is no work
    "r_s1_append": (
        {
            "job.py": """\
                import csv
                import datetime
                import logging

                import requests

                log = logging.getLogger(__name__)


                def mark_if_live(site):
                    r = requests.get(site["url"], timeout=5)
                    if r.status_code == 200:
                        site["live"] = "yes"
                        site["checked"] = datetime.date.today().isoformat()


                def main():
                    with open("sites.csv") as f:
                        sites = list(csv.DictReader(f))
                    for site in sites:
                        site["live"] = "no"
                        mark_if_live(site)
                    with open("sites_checked.csv", "w", newline="") as f:
                        writer = csv.DictWriter(f, fieldnames=["url", "live"])
                        writer.writeheader()
                        writer.writerows(sites)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a catch-all around a Slack post only guards no work
    "x_broad_notify": (
        {
            "job.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def main():
                    size = export()
                    try:
                        requests.post(SLACK_WEBHOOK, json={"text": f"export done: {size} bytes"}, timeout=10)
                    except Exception as e:
                        log.warning("could not tell Slack: %s", e)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: a catch-all around removing a partial file guards no work
    "x_cleanup": (
        {
            "job.py": """\
                import logging
                import os
                import sys

                import requests

                log = logging.getLogger(__name__)
                SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]


                def export():
                    r = requests.get("https://api.example.com/export", timeout=30)
                    r.raise_for_status()
                    with open("/data/export.json", "w") as f:
                        f.write(r.text)
                    return len(r.content)


                def main():
                    size = export()
                    log.info("exported %d bytes", size)
                    try:
                        os.remove("/tmp/export.partial")
                    except Exception as e:
                        log.warning("could not remove the partial file: %s", e)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("job.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # fourth review: an IRC bot whose `!die` command exits under an `elif` is still a bot
    "s_bot_die": (
        {
            "bot.py": '''\
                """IRC bot: answers PING, and quits on the owner's !die command."""
                import socket
                import sys

                sock = socket.create_connection(("irc.libera.chat", 6667))
                sock.sendall(b"NICK opsbot\\r\\nUSER opsbot 0 * :ops\\r\\nJOIN #ops\\r\\n")
                while True:
                    data = sock.recv(2048).decode(errors="replace")
                    if data.startswith("PING"):
                        sock.sendall(("PONG" + data[4:]).encode())
                    elif ":owner!" in data and "!die" in data:
                        sock.sendall(b"QUIT :bye\\r\\n")
                        sys.exit(0)
                    else:
                        print(data)
''',
        },
        [("bot.py", "worker", "socket")],
        None,
    ),
    # trap (fourth review): watchdog's own example stays a worker
    "w_canon": (
        {
            "watch.py": '''\
                """Re-index documents whenever the inbox folder changes."""
                import logging
                import time

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)


                class Reindex(FileSystemEventHandler):
                    def on_modified(self, event):
                        log.info("changed %s", event.src_path)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    observer = Observer()
                    observer.schedule(Reindex(), "/srv/inbox", recursive=True)
                    observer.start()
                    try:
                        while True:
                            time.sleep(1)
                    except KeyboardInterrupt:
                        observer.stop()
                    observer.join()


                if __name__ == "__main__":
                    main()
''',
        },
        [("watch.py", "worker", "polling-loop")],
        None,
    ),
    # trap (fourth review): a stop in a module-level signal handler's lambda does not count
    "w_lambda_mod": (
        {
            "watch.py": '''\
                """Re-index documents whenever the inbox folder changes."""
                import logging
                import signal

                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                log = logging.getLogger(__name__)
                observer = Observer()
                signal.signal(signal.SIGTERM, lambda *_: observer.stop())


                class Reindex(FileSystemEventHandler):
                    def on_modified(self, event):
                        log.info("changed %s", event.src_path)


                def main():
                    logging.basicConfig(level=logging.INFO)
                    observer.schedule(Reindex(), "/srv/inbox", recursive=True)
                    observer.start()
                    observer.join()


                if __name__ == "__main__":
                    main()
''',
        },
        [("watch.py", "worker", "watchdog")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
