"""Session 20: the leftovers mended before and after blind rounds 140 onwards, as small trees.

Each case fails on d660ba8, the commit the session began from, except the traps (marked), which
pass there and must not move. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's count or status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_SLACK = """\
    import os

    from slack_bolt import App
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    app = App(token=os.environ["SLACK_BOT_TOKEN"])


    @app.message("hello")
    def hello(message, say):
        say("hi")


    {start}
    """

_DOWNLOAD = """\
    import logging

    from ftp_service import FtpService

    logging.basicConfig(level=logging.INFO)
    logging.info("start")
    service = FtpService()
    logging.info("end")
    """

_FTP_SERVICE = """\
    import ftplib
    import os


    class FtpService:
        def __init__(self):
            self.ftp = ftplib.FTP(os.environ["FTP_HOST"], timeout=30)
            self.download()

        def download(self):
            with open("/data/latest.zip", "wb") as out:
                self.ftp.retrbinary("RETR latest.zip", out.write)
    """

_UPDATE_ENV = """\
    import os

    import boto3


    def main():
        secrets = boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["SECRET_ARN"])
        with open(".env", "w") as out:
            out.write(secrets["SecretString"])


    if __name__ == "__main__":
        main()
    """

_POLL = """\
    import os

    import requests


    def main():
        state = requests.get(os.environ["STATUS_URL"], timeout=10).json()
        requests.post(os.environ["REPORT_URL"], json=state, timeout=10)


    if __name__ == "__main__":
        main()
    """

_UPLOAD = """\
    import json

    import boto3


    def lambda_handler(event, context):
        bucket = event[{key}]
        content = event["body"]
        boto3.client("s3").put_object(Bucket=bucket, Key="latest.json", Body=json.dumps(content))
        return {{"uploaded": "latest.json"}}
    """

_SOLAR = """\
    import os
    import time

    import paho.mqtt.client as mqtt
    from renogy import RenogyChargeController

    client = mqtt.Client(client_id="solar")
    client.connect(os.environ["MQTT_BROKER"], 1883)
    client.loop_start()
    controller = RenogyChargeController("/dev/ttyUSB0", 1)

    while True:
        try:
            client.publish("solar/battery", controller.get_battery_voltage())
            time.sleep(60)
        except:
            {handler}
    """

_CRON_SETTINGS = """\
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    ROOT_URLCONF = "shop.urls"
    WSGI_APPLICATION = "shop.wsgi.application"
    INSTALLED_APPS = ["django.contrib.auth", "{app}", "remind"]
    CRON_CLASSES = ["remind.cron.RemindJob"]
    """

_WSGI = """\
    import os

    from django.core.wsgi import get_wsgi_application

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    application = get_wsgi_application()
    """

_REMIND = """\
    import requests
    from django_cron import CronJobBase, Schedule


    class RemindJob(CronJobBase):
        schedule = Schedule(run_every_mins=10)
        code = "remind.remind_job"

        def do(self):
            requests.post("https://sms.example.com/send", json={"to": "ops"}, timeout=10)
    """

_EDIT = """\
    import os
    import subprocess
    import tempfile


    def main():
        with {opener} as tf:
            tf.write(b"issue body")
            tf.close()
            subprocess.run(["gh", "issue", "edit", "1", "--body-file", tf.name], check=True)
            os.unlink(tf.name)


    if __name__ == "__main__":
        main()
    """

_CASES: dict[str, Case] = {
    # left in session 19: a Slack Bolt socket-mode handler built and started at module level
    "socket_mode_started_at_module_level": (
        {"bot.py": _SLACK.format(start='SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()')},
        [("bot.py", "worker", "slack-bolt")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: the same handler started in the `__main__` block was a worker already
    "socket_mode_started_in_main_block": (
        {
            "bot.py": _SLACK.format(
                start='if __name__ == "__main__":\n        SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()'
            )
        },
        [("bot.py", "worker", "slack-bolt")],
        None,
    ),
    # left in session 19: a NiceGUI page served by `ui.run()` at module level, and in a `__main__` block
    "nicegui_at_module_level": (
        {
            "main.py": """\
                from nicegui import ui

                ui.label("Pump status")
                ui.button("Refresh", on_click=lambda: ui.notify("refreshed"))

                ui.run(host="0.0.0.0", port=8080)
                """
        },
        [("main.py", "api", "nicegui")],
        None,
    ),
    "nicegui_in_main_block": (
        {
            "main.py": """\
                from nicegui import ui


                @ui.page("/")
                def index():
                    ui.label("Pump status")


                if __name__ in {"__main__", "__mp_main__"}:
                    ui.run(port=8080)
                """
        },
        [("main.py", "api", "nicegui")],
        None,
    ),
    # round 140: crond runs a shell script that runs the Python (a `.cron` file the image installs)
    "cron_runs_a_shell_script": (
        {
            "env/ftp-schedule.cron": "0,20,40 * * * * /usr/local/cron_exec.sh\n",
            "env/cron_exec.sh": "#!/bin/sh\n/usr/local/bin/python3 /usr/local/download/src/main.py\n",
            "download/src/main.py": _DOWNLOAD,
            "download/src/ftp_service.py": _FTP_SERVICE,
        },
        [("download/src/main.py", "job", "crontab")],
        None,
    ),
    # a Procfile process running a shell script: the last Python runs as the process does (kept
    # running), the one before it runs to completion first
    "procfile_runs_a_shell_script": (
        {
            "Procfile": "worker: sh scripts/run_worker.sh\n",
            "scripts/run_worker.sh": "#!/bin/bash\nset -e\ncd app\npython update_env.py\nexec python poll.py\n",
            "app/update_env.py": _UPDATE_ENV,
            "app/poll.py": _POLL,
        },
        [("app/update_env.py", "job", "python"), ("app/poll.py", "worker", "procfile")],
        None,
    ),
    # trap: a shell script the repository does not hold declares nothing
    "shell_script_not_in_the_project": (
        {
            "crontab": "*/5 * * * * /opt/tools/run.sh\n",
            "download/src/main.py": _DOWNLOAD,
            "download/src/ftp_service.py": _FTP_SERVICE,
        },
        [],
        None,
    ),
    # round 143: a NATS subscription kept alive by `loop.run_forever()` at module level
    "event_loop_run_forever_at_module_level": (
        {
            "subscriber/main.py": """\
                import asyncio

                from nats.aio.client import Client as NATS


                async def run(loop):
                    nc = NATS()
                    await nc.connect("nats://127.0.0.1:4222", loop=loop)

                    async def handler(msg):
                        print(msg.data.decode())

                    await nc.subscribe(">", cb=handler)

                loop = asyncio.get_event_loop()
                loop.run_until_complete(run(loop))
                try:
                    loop.run_forever()
                except KeyboardInterrupt:
                    pass
                loop.close()
                """
        },
        [("subscriber/main.py", "worker", "asyncio")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # round 146: a Lambda function handed a payload of its own whose `body` is that payload's
    "lambda_body_beside_payload_keys": (
        {"upload_to_s3.py": _UPLOAD.format(key='"bucket_name"')},
        [("upload_to_s3.py", "job", "aws-lambda")],
        None,
    ),
    # trap: `body` beside API Gateway's own keys is a request (so is one answered with a
    # `statusCode`: the review's `lambda_warmup`)
    "lambda_body_beside_gateway_keys": (
        {"upload_to_s3.py": _UPLOAD.format(key='"headers"')},
        [("upload_to_s3.py", "api", "aws-lambda")],
        None,
    ),
    # round 151: a sensor poller that closes its connections and leaves when a read fails
    "poller_closes_and_leaves_on_failure": (
        {
            "solar-monitor.py": _SOLAR.format(
                handler="client.loop_stop()\n            client.disconnect()\n            break"
            )
        },
        [("solar-monitor.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # trap: a loop that leaves when a read fails, saying so and nothing more, ran out of work
    "loop_leaves_on_failure_saying_so": (
        {"solar-monitor.py": _SOLAR.format(handler='print("controller gone")\n            break')},
        [("solar-monitor.py", "job", "script")],
        None,
    ),
    # round 153: django-cron's `CRON_CLASSES`, each class's `do()` run by `manage.py runcrons`
    "django_cron_classes": (
        {
            "shop/settings.py": _CRON_SETTINGS.format(app="django_cron"),
            "shop/wsgi.py": _WSGI,
            "remind/__init__.py": "",
            "remind/cron.py": _REMIND,
        },
        [("shop/wsgi.py", "api", "django"), ("remind/cron.py", "job", "django-cron")],
        None,
    ),
    # trap: the same setting in a project that does not install django_cron names nothing it runs
    "cron_classes_without_django_cron": (
        {
            "shop/settings.py": _CRON_SETTINGS.format(app="django.contrib.admin"),
            "shop/wsgi.py": _WSGI,
            "remind/__init__.py": "",
            "remind/cron.py": _REMIND,
        },
        [("shop/wsgi.py", "api", "django")],
        None,
    ),
    # round 154: a poster whose loop runs while a `working` flag is set
    "loop_while_working": (
        {
            "poster.py": """\
                import time

                import requests


                class Poster:
                    def __init__(self, url):
                        self.url = url
                        self._work = False

                    @property
                    def working(self):
                        return self._work

                    def run(self):
                        self._work = True
                        while self.working:
                            requests.post(self.url, json={"text": "hello"}, timeout=10)
                            time.sleep(15)


                if __name__ == "__main__":
                    Poster("https://chat.example.com/post").run()
                """
        },
        [("poster.py", "worker", "polling-loop")],
        None,
    ),
    # round 148: a temporary file the job made, removed through its `name`
    "temporary_file_removed_by_name": (
        {"sync.py": _EDIT.format(opener="tempfile.NamedTemporaryFile(delete=False)")},
        [("sync.py", "job", "python")],
        ("missing-dry-run", "na"),  # (nothing the job deletes is data)
    ),
    # trap: a file of the project's data opened and then removed through its `name` is a deletion
    "data_file_removed_by_name": (
        {"sync.py": _EDIT.format(opener='open(os.environ["EXPORT_FILE"], "ab")')},
        [("sync.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
