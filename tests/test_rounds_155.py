"""Session 21: the leftovers mended before and after blind rounds 155 onwards, as small trees.

Each case fails on bb593dd, the commit the session began from, except the traps (marked), which
pass there and must not move. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CHECKER = """\
    {imports}import requests


    def main():
        response = requests.get("https://shop.example.com/health", timeout=10)
        if response.status_code == 200:
            print("shop is up")
            {success}
        {failure}


    if __name__ == "__main__":
        {guard}
    """

_PROBE_BOT = """\
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from telegram.ext import ApplicationBuilder, CommandHandler


    class {handler}(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()


    def {runner}():
        server = HTTPServer(("0.0.0.0", 8080), {handler})
        server.serve_forever()


    async def start(update, context):
        await update.message.reply_text("hi")


    def main():
        threading.Thread(target={runner}, daemon=True).start()
        application = ApplicationBuilder().token("x").build()
        application.add_handler(CommandHandler("start", start))
        application.run_polling()


    if __name__ == "__main__":
        main()
    """

_BOLT_APP = """\
    import os

    from slack_bolt import App

    app = App(token=os.environ.get("SLACK_BOT_TOKEN"), signing_secret=os.environ.get("SLACK_SIGNING_SECRET"))
    """

_BOLT_INDEX = """\
    import os

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from lib.slack_app import app


    @app.command("/echo")
    def echo(ack, respond, command):
        ack()
        respond(command["text"])


    if __name__ == "__main__":
        {start}
    """

_SOCKET_LOOP = """\
    import socket
    import sys

    sock = socket.create_connection(("irc.example.net", 6667))


    def main():
        while True:
            line = sock.recv(2048).decode()
            {leave}
            if line.startswith("PING"):
                sock.send(b"PONG\\r\\n")


    main()
    """

_SCHED = """\
    import sched
    import time


    def status(scheduler, period):
        print("online")
        {again}


    def main():
        scheduler = sched.scheduler(time.time, time.sleep)
        status(scheduler, 60)
        scheduler.run()


    if __name__ == "__main__":
        main()
    """

_JOB_QUEUE = """\
    from telegram.ext import ApplicationBuilder, CommandHandler


    async def remind(context):
        await context.bot.send_message(chat_id=1, text="stand-up")


    def schedule({param}):
        {owner}.job_queue.run_repeating(remind, interval=3600)


    def main():
        application = ApplicationBuilder().token("x").build()
        application.add_handler(CommandHandler("remind", schedule))
        {call}
        application.run_polling()


    if __name__ == "__main__":
        main()
    """

_REBUILD = """\
    import argparse

    from sqlalchemy import MetaData, create_engine

    parser = argparse.ArgumentParser()
    parser.add_argument("{option}", action="store_true")


    def main():
        args = parser.parse_args()
        meta = MetaData()
        engine = create_engine("sqlite:///news.db")
        if args.{dest}:
            meta.drop_all(bind=engine)
        meta.create_all(bind=engine)


    if __name__ == "__main__":
        main()
    """

_WATCH = """\
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


    class Watch:
        def __init__(self, handler):
            self.observer = Observer()
            self.handler = handler

        def run(self):
            self.observer.schedule(self.handler, "/data")
            self.observer.start()
            {wait}


    if __name__ == "__main__":
        Watch(Upload(sys.argv[1])).run()
    """

_EXIT_MAIN = """\
    import datetime
    import sys

    import requests


    def main(argc, argv):
        date = datetime.datetime.now()
        try:
            playlists = requests.get("http://playlists.internal:8000/playlists/", timeout=10).json()
            with open("/workspace/cron/log/execute.log", "a") as f:
                print(f"[{{date}}] {{playlists[0]}}", file=f)
        except Exception as e:
            with open("/workspace/cron/log/error.log", "a") as f:
                {handled}
        return {result}


    sys.exit(main(len(sys.argv), sys.argv))
    """

_DOWNLOAD_IF_OK = """\
    import logging
    import sys

    import requests

    URL = "https://celestrak.example.com/stations.txt"
    URLS = [URL]


    def download():
        {before}r = requests.get(URL, timeout=30)
        {before}if r.status_code == 200:
        {before}    with open("tle.txt", "w") as out:
        {before}        out.write(r.text)
    {after}

    logging.basicConfig(level=logging.INFO)
    download()
    sys.exit(0)
    """

_SCHEDULE_LAMBDA = """\
    import os
    import subprocess
    import time

    import schedule

    schedule.every(4).hours.do(lambda: {command})

    while True:
        schedule.run_pending()
        time.sleep(1)
    """

_PING = """\
    import logging
    import time

    import requests

    logging.basicConfig(level=logging.INFO)
    {flag} = False

    while True:
        try:
            {flag} = requests.head("https://shop.example.com", timeout=5).status_code == 200
        except requests.RequestException:
            {flag} = False
        if not {flag}:
            logging.error("website down")
        time.sleep(30)
    """

_CASES: dict[str, Case] = {
    # round 140: a status tested only for success; the failure is what follows the `if`
    "failure_after_a_returning_success_branch": (
        {
            "check.py": _CHECKER.format(
                imports="", success="return True", failure='print("shop is down")\n        return False', guard="main()"
            )
        },
        [("check.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the block passes the value on as the exit status
    "failure_after_success_branch_passed_on": (
        {
            "check.py": _CHECKER.format(
                imports="import sys\n    ",
                success="return True",
                failure='print("shop is down")\n        return False',
                guard="sys.exit(0 if main() else 1)",
            )
        },
        [("check.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap: after the success branch the failure is raised
    "failure_after_success_branch_raised": (
        {
            "check.py": _CHECKER.format(
                imports="",
                success="return True",
                failure='print("shop is down")\n        response.raise_for_status()',
                guard="main()",
            )
        },
        [("check.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap: a success branch that does not return: what follows runs either way
    "success_branch_falls_through": (
        {
            "check.py": _CHECKER.format(
                imports="", success="pass", failure='print("checked")\n        return False', guard="main()"
            )
        },
        [("check.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # round 156: a flat script whose work is in the `else` of a test of what it fetched
    "loop_in_the_else_of_a_fetched_result": (
        {
            "prune_snapshots.py": """\
                import boto3

                ec2 = boto3.client("ec2")
                response = ec2.describe_snapshots(OwnerIds=["self"])
                if response["Snapshots"] == []:
                    print("no snapshots")
                else:
                    for snapshot in response["Snapshots"]:
                        deleted = ec2.delete_snapshot(SnapshotId=snapshot["SnapshotId"])
                """
        },
        [("prune_snapshots.py", "job", "script")],
        ("missing-dry-run", "fail"),
    ),
    # trap: a module's loop under a test of one of its settings is set-up, not a script's work
    "loop_under_a_setting": (
        {
            "plugins.py": """\
                import importlib

                CONFIG = {"plugins": ["a", "b"]}
                LOADED = []
                if CONFIG["plugins"]:
                    for name in CONFIG["plugins"]:
                        LOADED.append(importlib.import_module(name))
                """
        },
        [],
        None,
    ),
    # round 158: a bot's health probe served by the standard library in a thread beside it
    "probe_http_server_beside_a_bot": (
        {"bot.py": _PROBE_BOT.format(handler="HealthHandler", runner="run_health_server")},
        [("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap: a server of the same shape that is not named for a probe is an api of its own
    "report_http_server_beside_a_bot": (
        {"bot.py": _PROBE_BOT.format(handler="ReportHandler", runner="serve_reports")},
        [("bot.py", "api", "http.server"), ("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # round 158: a Bolt app built in one module and started, with a port, by the module importing it
    "bolt_app_started_by_its_importer": (
        {
            "lib/slack_app.py": _BOLT_APP,
            "index.py": _BOLT_INDEX.format(start='app.start(port=int(os.environ.get("PORT", 3000)))'),
        },
        [("lib/slack_app.py", "api", "slack-bolt")],
        ("missing-logging", "fail"),
    ),
    # trap: the importer hands the app to a socket-mode handler: no HTTP server
    "bolt_app_in_socket_mode_by_its_importer": (
        {
            "lib/slack_app.py": _BOLT_APP,
            "index.py": _BOLT_INDEX.format(start='SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()'),
        },
        [("index.py", "worker", "slack-bolt")],
        None,
    ),
    # round 155: an IRC bot reading its socket for ever
    "socket_read_for_ever": (
        {
            "satfinder.py": _SOCKET_LOOP.format(
                leave='if line.startswith("!help"):\n                sock.send(b"usage\\r\\n")'
            )
        },
        [("satfinder.py", "worker", "socket")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # round 155 (fourth review): one whose `!die` command exits is still a bot
    "socket_read_until_told_to_die": (
        {"satfinder.py": _SOCKET_LOOP.format(leave='if line.startswith("!die"):\n                sys.exit()')},
        [("satfinder.py", "worker", "socket")],
        None,
    ),
    # trap: a client reading a reply to its end leaves the loop: a job
    "socket_read_to_the_end": (
        {"satfinder.py": _SOCKET_LOOP.format(leave="if not line:\n                break")},
        [("satfinder.py", "job", "script")],
        None,
    ),
    # round 161: a Prometheus exporter whose forever loop sleeps between the URLs it checks
    "forever_loop_sleeping_per_item": (
        {
            "monitor.py": """\
                import time

                import prometheus_client as prom
                import requests

                URLS = ["https://a.example.com", "https://b.example.com"]
                STATUS = prom.Gauge("url_status", "status", ["url"])


                def watch():
                    while True:
                        for url in URLS:
                            STATUS.labels(url=url).set(requests.get(url, timeout=5).status_code)
                            time.sleep(5)


                if __name__ == "__main__":
                    prom.start_http_server(8001)
                    watch()
                """
        },
        [("monitor.py", "worker", "polling-loop")],
        None,
    ),
    # round 162: a `sched` scheduler whose event puts itself back: it runs at a period for ever,
    # an in-process scheduler's job like `schedule`'s (a worker until session 32, changed on purpose:
    # rounds 204 and 432 label such schedulers jobs)
    "sched_event_that_reenters": (
        {"daemon.py": _SCHED.format(again="scheduler.enter(period, 1, status, (scheduler, period))")},
        [("daemon.py", "job", "sched")],
        None,
    ),
    # trap: one event run once, and the scheduler's queue is empty: the script ends
    "sched_event_run_once": (
        {"daemon.py": _SCHED.format(again='print("done")')},
        [("daemon.py", "job", "python")],
        None,
    ),
    # round 160: a coroutine run for its result at module level
    "coroutine_run_for_its_result": (
        {
            "chats.py": """\
                import asyncio
                import os

                from telegram import Bot


                async def get_chat_id(token):
                    updates = await Bot(token=token).get_updates()
                    return updates[-1].message.chat_id


                loop = asyncio.get_event_loop()
                chat_id = loop.run_until_complete(get_chat_id(os.environ["BOT_TOKEN"]))
                print(chat_id)
                """
        },
        [("chats.py", "job", "script")],
        None,
    ),
    # round 160: a Lambda handler whose first parameter is named in the plural
    "lambda_handler_events": (
        {
            "scraper.py": """\
                import boto3


                def lambda_handler(events, context):
                    table = boto3.resource("dynamodb").Table("events")
                    table.put_item(Item={"id": "1"})
                """
        },
        [("scraper.py", "job", "aws-lambda")],
        None,
    ),
    # round 146: python-telegram-bot's JobQueue filled by a start-up helper handed the application
    "job_queue_filled_at_start_up": (
        {"bot.py": _JOB_QUEUE.format(owner="app", param="app", call="schedule(application)")},
        [("bot.py", "job", "telegram-jobqueue"), ("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # trap: a command handler's `context.job_queue`: a user's reminder, not the process's schedule
    "job_queue_filled_by_a_command": (
        {"bot.py": _JOB_QUEUE.format(owner="context", param="update, context", call="pass")},
        [("bot.py", "worker", "python-telegram-bot")],
        None,
    ),
    # round 155: a deletion guarded by a `--force-recreate` option
    "deletion_behind_force_option": (
        {"rebuild.py": _REBUILD.format(option="--force-recreate", dest="force_recreate")},
        [("rebuild.py", "job", "argparse")],
        ("missing-dry-run", "pass"),
    ),
    # trap: an option that does not guard the deletion
    "deletion_behind_other_option": (
        {"rebuild.py": _REBUILD.format(option="--verbose", dest="verbose")},
        [("rebuild.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
    # round 163: the framework's classes star-imported
    "flask_star_imported": (
        {
            "bot.py": 'from flask import *\n\napp = Flask(__name__)\n\n\n@app.route("/break")\ndef take_break():\n    return "ok"\n'
        },
        [("bot.py", "api", "flask")],
        None,
    ),
    # round 165: the framework's class star-imported from the project's package, which imports it
    "flask_star_imported_through_the_package": (
        {
            "alerts/__init__.py": "from flask import Flask, jsonify\n",
            "alerts/app.py": 'from . import *\n\napp = Flask(__name__)\n\n\n@app.route("/api/alerts")\ndef alerts():\n    return jsonify([])\n',
        },
        [("alerts/app.py", "api", "flask")],
        None,
    ),
    # round 167: a watchdog observer the process waits on while it uploads each changed file
    "watchdog_observer_waited_on": (
        {"main.py": _WATCH.format(wait="while self.observer.is_alive():\n                self.observer.join(5)")},
        [("main.py", "worker", "watchdog")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "watchdog_observer_joined": (
        {"main.py": _WATCH.format(wait="self.observer.join()")},
        [("main.py", "worker", "watchdog")],
        None,
    ),
    # trap: an observer stopped after one pass over a directory: the script ends
    "watchdog_observer_stopped": (
        {"main.py": _WATCH.format(wait="time.sleep(1)\n        self.observer.stop()")},
        [("main.py", "job", "python")],
        None,
    ),
    # round 169: a producer script that puts one job on an RQ queue
    "rq_job_enqueued_by_a_script": (
        {
            "job_handler.py": """\
                from redis import Redis
                from rq import Queue

                from parser import process_message

                q = Queue(connection=Redis(host="localhost", port=6379))
                job = q.enqueue(process_message, {"text": "hello"})
                print(job.id)
                """,
            "parser.py": "def process_message(message):\n    return message['text'].upper()\n",
        },
        [("job_handler.py", "job", "script")],
        None,
    ),
    # round 169: a NATS JetStream pull subscription read for ever
    "nats_pull_subscription_loop": (
        {
            "read_pull.py": """\
                import asyncio

                import nats


                async def read():
                    nc = await nats.connect("localhost")
                    sub = await nc.jetstream().pull_subscribe("orders", "billing")
                    while True:
                        try:
                            msgs = await sub.fetch()
                        except TimeoutError:
                            continue
                        await msgs[0].ack()


                if __name__ == "__main__":
                    asyncio.run(read())
                """
        },
        [("read_pull.py", "worker", "nats")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # round 155: `sys.exit(main(...))` at module level, where main() catches everything and returns 0
    "exit_with_main_that_returns_zero_anyway": (
        {"cron.py": _EXIT_MAIN.format(handled='print(f"[{date}] {e}", file=f)', result="0")},
        [("cron.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # trap: its handler says so with the status it returns
    "exit_with_main_that_returns_one_on_failure": (
        {"cron.py": _EXIT_MAIN.format(handled='print(f"[{date}] {e}", file=f)\n        return 1', result="0")},
        [("cron.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # trap: a main() that returns its verdict as a value the block turns into the status
    "exit_with_the_verdict_of_main": (
        {
            "cron.py": _EXIT_MAIN.format(
                handled='print(f"[{date}] {e}", file=f)\n        return False', result="True"
            ).replace("sys.exit(main(len(sys.argv), sys.argv))", "sys.exit(0 if main(len(sys.argv), sys.argv) else 1)")
        },
        [("cron.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # round 155: a download tested for success only, as the function's last statement: a failure ends it quietly
    "download_on_success_only": (
        {"tle.py": _DOWNLOAD_IF_OK.format(before="", after="")},
        [("tle.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a check after the `if` sees the failure
    "download_on_success_then_checked": (
        {"tle.py": _DOWNLOAD_IF_OK.format(before="", after="    r.raise_for_status()\n")},
        [("tle.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # trap: item by item in a loop, an item that is not there is skipped on purpose
    "download_each_on_success_only": (
        {
            "tle.py": """\
                import sys

                import requests

                URLS = ["https://celestrak.example.com/stations.txt", "https://celestrak.example.com/noaa.txt"]


                def download():
                    for url in URLS:
                        r = requests.get(url, timeout=30)
                        if r.status_code == 200:
                            with open("tle.txt", "a") as out:
                                out.write(r.text)


                download()
                sys.exit(0)
                """
        },
        [("tle.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # round 168: a `schedule` job that runs a command through a lambda and drops its status
    "schedule_lambda_drops_a_command_status": (
        {"notifier.py": _SCHEDULE_LAMBDA.format(command='os.system("python3 spiders/spider.py")')},
        [("notifier.py", "job", "schedule")],
        ("missing-exit-code", "fail"),
    ),
    # trap: `check=True` raises on a failure, and `schedule` lets it end the process
    "schedule_lambda_checks_the_command": (
        {"notifier.py": _SCHEDULE_LAMBDA.format(command='subprocess.run(["python3", "spider.py"], check=True)')},
        [("notifier.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    # round 168: a monitor's `alive = False` is its verdict on a website, no heartbeat of its own
    "alive_flag_is_no_heartbeat": (
        {"ping.py": _PING.format(flag="alive")},
        [("ping.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # trap: a heartbeat kept in a name is still one
    "heartbeat_time_is_a_heartbeat": (
        {
            "ping.py": _PING.format(flag="last_heartbeat").replace(
                "last_heartbeat = False", "last_heartbeat = time.time()"
            )
        },
        [("ping.py", "worker", "polling-loop")],
        ("missing-heartbeat", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
