"""Session 23: what blind rounds 185-199 showed, as small trees.

Each case fails on 5284f88, the commit the session began from, except the traps (marked), which
pass there and must not move. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from treecases import Case

_BOT_SETUP = """\
    from discord import Intents
    from discord.ext import commands


    def setup_bot():
        intents = Intents.default()
        bot = commands.Bot(command_prefix="!", intents=intents)
        return bot
    """

_BOT_MAIN = """\
    import logging
    import os

    from bot_setup import setup_bot

    logging.basicConfig(level=logging.INFO)
    bot = setup_bot()


    @bot.event
    async def on_ready():
        logging.info("ready")


    bot.run(os.environ["DISCORD_TOKEN"])
    """

_FLASK_FACTORY = """\
    from flask import Flask


    def create_app():
        app = Flask(__name__)

        @app.route("/healthz")
        def health():
            return "ok"

        return app
    """

_XPATHS = """\
    from selenium.webdriver.common.by import By


    class Xpaths:
        LOGIN_EMAIL = '//*[@id="username"]'
        PASSWORD = {value}


    def login(driver, email, secret):
        driver.find_element(By.XPATH, Xpaths.LOGIN_EMAIL).send_keys(email)
        driver.find_element(By.XPATH, Xpaths.PASSWORD).send_keys(secret)


    if __name__ == "__main__":
        login(None, "a@example.com", "x")
    """

_LAMBDA = """\
    import json

    import boto3

    table = boto3.resource("dynamodb").Table("prices")


    def lambda_handler(event, context):
        items = table.scan().get("Items", [])
        return {{
            "statusCode": 200,
            "body": json.dumps(items, default=str),
            {headers}
        }}
    """

_SLACK_LAMBDA = """\
    import logging

    from slack_bolt.adapter.aws_lambda import SlackRequestHandler

    logging.basicConfig(level=logging.INFO)


    def handler(event, context):
        from app import app

        slack_handler = SlackRequestHandler(app=app)
        return slack_handler.handle(event, context)
    """

_SLACK_APP = """\
    import os

    from slack_bolt import App

    app = App(token=os.environ["SLACK_BOT_TOKEN"], process_before_response=True)


    @app.command("/hello")
    def hello(ack):
        ack("hi")
    """

_DISCORD_POLLER = """\
    import asyncio
    import logging
    import os
    import threading
    import time

    import discord

    logging.basicConfig(level=logging.INFO)
    client = discord.Client(intents=discord.Intents.default())


    async def post_status():
        while True:
            logging.info("status")
            await asyncio.sleep(3600)


    def post_status_blocking():
        while True:
            logging.info("status")
            time.sleep(3600)


    @client.event
    async def on_ready():
        {start}


    client.run(os.environ["DISCORD_TOKEN"])
    """

_SFTP_CLEAN = """\
    import logging
    import os

    import paramiko

    logging.basicConfig(level=logging.INFO)
    log = logging.getLogger(__name__)


    def main():
        transport = paramiko.Transport(("backup.example.com", 22))
        transport.connect(username="backup", pkey=paramiko.RSAKey.from_private_key_file(os.environ["KEY"]))
        sftp = paramiko.SFTPClient.from_transport(transport)
        for name in sftp.listdir("/backups"):
            try:
                {remove}
            except {caught}:
                log.error("failed to remove %s", name)
        sftp.close()


    if __name__ == "__main__":
        main()
    """

_S3_RECORDS = """\
    import json
    import logging

    import boto3

    logging.getLogger().setLevel(logging.INFO)
    s3 = boto3.client("s3")


    def lambda_handler(event, context):
        for record in event["Records"]:
            s3.head_object(Bucket=record["s3"]["bucket"]["name"], Key=record["s3"]["object"]["key"])
        return {{
            "statusCode": 200,
            "headers": {{"{header}": "*"}},
            "body": json.dumps({{"processed": len(event["Records"])}}),
        }}
    """

_CLONE = """\
    import argparse

    import requests

    import package


    def clone(url, path):
        package.prepare(path)


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("-u", dest="user", required=True)
        parser.add_argument("-t", dest="token", required=True)
        args = parser.parse_args()
        repos = requests.get("https://api.github.com/orgs/example/repos", auth=(args.user, args.token), timeout=30)
        for repo in repos.json():
            clone(repo["clone_url"], repo["name"])
    """

_PACKAGE = """\
    import argparse
    import shutil
    import subprocess


    def prepare(path):
        return path


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("-s", dest="source", required=True)
        args = parser.parse_args()
        subprocess.run(["make", "-C", args.source], check=True)
        shutil.make_archive("package", "zip", args.source)
    """

_CASES: dict[str, Case] = {
    # a discord.py bot a factory of another module builds, run at module level: a worker
    "bot_from_factory": (
        {"bot.py": _BOT_MAIN, "bot_setup.py": _BOT_SETUP},
        [("bot.py", "worker", "discord")],
        None,
    ),
    # trap: an app a factory builds is served where the factory is, not where `create_app()` is called
    "flask_app_from_factory": (
        {
            "app/__init__.py": _FLASK_FACTORY,
            "wsgi.py": "from app import create_app\n\napp = create_app()\n",
        },
        [("app/__init__.py", "api", "flask")],
        None,
    ),
    # an XPath that finds the password field on a page is no password
    "xpath_named_password": (
        {"login.py": _XPATHS.format(value="'//*[@id=\"_1a4a0a1b\"]'")},
        [("login.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # trap: a password that starts with a slash and holds an @ is still one
    "slash_password": (
        {"login.py": _XPATHS.format(value="'/Zq8@x7LmP2'")},
        [("login.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # a Lambda function answering with a status and headers a browser reads: an HTTP api
    "lambda_cors_response": (
        {"get_prices.py": _LAMBDA.format(headers='"headers": {"Access-Control-Allow-Origin": "*"},')},
        [("get_prices.py", "api", "aws-lambda")],
        None,
    ),
    # trap: a status and a body alone are copied into scheduled functions from templates
    "lambda_status_only": (
        {"get_prices.py": _LAMBDA.format(headers="")},
        [("get_prices.py", "job", "aws-lambda")],
        None,
    ),
    # a Lambda function handing its event to Slack Bolt's adapter: Slack's requests arrive over HTTP
    "lambda_slack_adapter": (
        {"aws_lambda.py": _SLACK_LAMBDA, "app.py": _SLACK_APP},
        [("aws_lambda.py", "api", "aws-lambda")],
        None,
    ),
    # a task on discord.py's own event loop is cancelled with the bot
    "discord_task_in_on_ready": (
        {"bot.py": _DISCORD_POLLER.format(start="asyncio.create_task(post_status())")},
        [("bot.py", "worker", "discord")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # a thread started beside the bot is not, and nothing stops its loop
    "discord_thread_in_on_ready": (
        {"bot.py": _DISCORD_POLLER.format(start="threading.Thread(target=post_status_blocking).start()")},
        [("bot.py", "worker", "discord")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # paramiko's SFTP client raises the OS's errors: a removal that fails is only logged, item
    # after item, and the job exits 0
    "sftp_remove_ioerror_logged": (
        {"clean.py": _SFTP_CLEAN.format(remove='sftp.remove(f"/backups/{name}")', caught="IOError")},
        [("clean.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: a file already gone is nothing lost
    "sftp_remove_missing_file": (
        {"clean.py": _SFTP_CLEAN.format(remove='sftp.remove(f"/backups/{name}")', caught="FileNotFoundError")},
        [("clean.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap: an OSError of a local removal is not the transfer's
    "local_remove_oserror_logged": (
        {"clean.py": _SFTP_CLEAN.format(remove='os.remove(f"/tmp/{name}")', caught="OSError")},
        [("clean.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (review): a response with CORS headers from a handler reading S3 records is a copied
    # template; the records say what calls it
    "lambda_records_cors_response": (
        {"handler.py": _S3_RECORDS.format(header="Access-Control-Allow-Origin")},
        [("handler.py", "job", "aws-lambda")],
        None,
    ),
    # trap (review): a Content-Type alone is copied into scheduled functions too
    "lambda_content_type_only": (
        {"get_prices.py": _LAMBDA.format(headers='"headers": {"Content-Type": "application/json"},')},
        [("get_prices.py", "job", "aws-lambda")],
        None,
    ),
    # sibling scripts that borrow each other's helpers, each reading its command line and doing the
    # work in its own `__main__` block: two jobs
    "sibling_command_line_scripts": (
        {"clone.py": _CLONE, "package.py": _PACKAGE},
        [("clone.py", "job", "argparse"), ("package.py", "job", "argparse")],
        None,
    ),
    # a settings module that loads a JSON file at import, whose constants a scheduler imports, is
    # no job (round 201)
    "config_module_loading_json": (
        {
            "configs.py": (
                "import json\n\n\ndef load_config(path):\n    with open(path) as f:\n        return json.load(f)\n\n\n"
                "config = load_config('config.json')\nSCHEDULED_JOBS = config['jobs']\n"
            ),
            "jobs.py": (
                "import time\n\nimport schedule\n\nfrom configs import SCHEDULED_JOBS\n\n\ndef purge():\n    pass\n\n\n"
                "schedule.every(SCHEDULED_JOBS['purge']).hours.do(purge)\nwhile True:\n    schedule.run_pending()\n"
                "    time.sleep(60)\n"
            ),
        },
        [("jobs.py", "job", "schedule")],
        None,
    ),
    # another script's `__main__` block does not run where that script is imported: its deletion
    # is not the importer's (round 200's clone.py borrows package.py's helper)
    "deletion_in_an_imported_scripts_main_block": (
        {
            "package.py": _PACKAGE.replace(
                "def prepare(path):\n        return path\n",
                "def prepare(path):\n        return path\n\n\n    def clean(path):\n        shutil.rmtree(path)\n",
            ).replace('shutil.make_archive("package", "zip", args.source)', "clean(args.source)"),
            "clone.py": _CLONE,
        },
        [("clone.py", "job", "argparse"), ("package.py", "job", "argparse")],
        ("missing-dry-run", {"clone.py": "na", "package.py": "fail"}),
    ),
    # trap: a module an app imports is the app's library, whatever its `__main__` block does
    "command_line_block_of_an_apps_module": (
        {
            "package.py": _PACKAGE,
            "app.py": "from flask import Flask\n\nimport package\n\napp = Flask(__name__)\n",
        },
        [("app.py", "api", "flask")],
        None,
    ),
}


_WEATHER = """\
    import argparse
    import os

    import requests

    API_URL = "https://api.openweathermap.org/data/2.5/forecast"


    def fetch_forecast(city):
        resp = requests.get(API_URL, params={"q": city, "appid": os.environ["OWM_KEY"]}, timeout=10)
        resp.raise_for_status()
        return resp.json()


    if __name__ == "__main__":
        parser = argparse.ArgumentParser(description="try the forecast lookup")
        parser.add_argument("city")
        args = parser.parse_args()
        r = requests.get(API_URL, params={"q": args.city, "appid": os.environ["OWM_KEY"]}, timeout=10)
        print(r.json())
    """

_WEATHER_APP = """\
    from flask import Flask

    from weather import fetch_forecast

    app = Flask(__name__)


    @app.route("/forecast/<city>")
    def forecast(city):
        return fetch_forecast(city)


    if __name__ == "__main__":
        app.run()
    """

_REVIEW_CASES: dict[str, Case] = {
    # trap (second review): paramiko raises IOError when the directory is already there
    "sftp_mkdir_already_there": (
        {"push.py": _SFTP_CLEAN.format(remove='sftp.mkdir(f"/backups/{name}")', caught="IOError")},
        [("push.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): `sftp.stat(path)` asks whether it exists; an IOError is the answer
    "sftp_stat_probe": (
        {"push.py": _SFTP_CLEAN.format(remove='sftp.stat(f"/backups/{name}")', caught="IOError")},
        [("push.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): an upload's error ignored on purpose (`pass`)
    "sftp_put_error_passed": (
        {
            "push.py": _SFTP_CLEAN.format(remove='sftp.put(name, f"/backups/{name}")', caught="IOError").replace(
                'log.error("failed to remove %s", name)', "pass"
            )
        },
        [("push.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (second review): a helper's command-line try-out beside the Flask app that imports it
    "helper_try_out_beside_an_app": (
        {"weather.py": _WEATHER, "app.py": _WEATHER_APP},
        [("app.py", "api", "flask")],
        None,
    ),
    # trap (third review): a script nothing imports loading its settings, then doing its work with
    # a library call (tweepy's `update_status`) stays a job
    "settings_then_tweet": (
        {
            "tweet.py": (
                "import json\nimport random\n\nimport tweepy\n\n\ndef read_config():\n"
                "    with open('config.json') as f:\n        return json.load(f)\n\n\ncfg = read_config()\n"
                "auth = tweepy.OAuthHandler(cfg['consumer_key'], cfg['consumer_secret'])\napi = tweepy.API(auth)\n"
                "api.update_status(random.choice(cfg['quotes']))\n"
            )
        },
        [("tweet.py", "job", "script")],
        None,
    ),
    # trap (third review): `continue` in the handler ignores on purpose, like `pass`
    "sftp_remove_error_skipped": (
        {
            "purge.py": _SFTP_CLEAN.format(remove='sftp.remove(f"/backups/{name}")', caught="IOError").replace(
                'log.error("failed to remove %s", name)', "continue"
            )
        },
        [("purge.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # trap (third review): a helper's try-out beside a poller that imports it
    "helper_try_out_beside_a_poller": (
        {
            "weather.py": _WEATHER,
            "monitor.py": (
                "import logging\nimport time\n\nfrom weather import fetch_forecast\n\n"
                "if __name__ == '__main__':\n    logging.basicConfig(level=logging.INFO)\n    while True:\n"
                "        logging.info('%s', fetch_forecast('Berlin'))\n        time.sleep(600)\n"
            ),
        },
        [("monitor.py", "worker", "polling-loop")],
        None,
    ),
    # trap (third review): a helper's try-out beside a bot a factory builds
    "helper_try_out_beside_a_factory_bot": (
        {
            "weather.py": _WEATHER,
            "bot_setup.py": _BOT_SETUP,
            "bot.py": (
                "import os\n\nfrom bot_setup import setup_bot\nfrom weather import fetch_forecast\n\n"
                "bot = setup_bot()\n\n\n@bot.command()\nasync def weather(ctx, city: str):\n"
                "    await ctx.send(str(fetch_forecast(city)))\n\n\n"
                "if __name__ == '__main__':\n    bot.run(os.environ['DISCORD_TOKEN'])\n"
            ),
        },
        [("bot.py", "worker", "discord")],
        None,
    ),
    # trap (third review): python-telegram-bot's Updater a factory builds only to send is no bot
    "ptb_updater_factory_sends_only": (
        {
            "notify.py": (
                "import os\n\nfrom telegram.ext import Updater\n\n\ndef get_updater():\n"
                "    updater = Updater(os.environ['TOKEN'])\n    return updater\n\n\n"
                "updater = get_updater()\nupdater.bot.send_message(chat_id=os.environ['CHAT'], text='backup done')\n"
            )
        },
        [("notify.py", "job", "script")],
        None,
    ),
    # trap (fourth review): a shared client's try-out (an HTTP read, only shown) beside the sibling
    # script that imports it
    "client_try_out_beside_a_sibling_script": (
        {
            "api_client.py": _WEATHER,
            "sync.py": (
                "import sys\n\nfrom api_client import fetch_forecast\n\n\ndef main():\n"
                "    with open('forecast.json', 'w') as fh:\n        fh.write(str(fetch_forecast('Berlin')))\n"
                "    return 0\n\n\nif __name__ == '__main__':\n    sys.exit(main())\n"
            ),
        },
        [("sync.py", "job", "python")],
        None,
    ),
    # trap (fourth review): a handler reading an EventBridge event's keys answers no browser,
    # whatever headers it copied
    "lambda_schedule_cors_response": (
        {
            "handler.py": _LAMBDA.format(headers='"headers": {"Access-Control-Allow-Origin": "*"},').replace(
                'items = table.scan().get("Items", [])',
                'items = table.scan().get("Items", [])\n        ran = event.get("time")',
            )
        },
        [("handler.py", "job", "aws-lambda")],
        None,
    ),
    # trap (fifth review, on a change taken back): a helper that only waits for a signal keeps the scheduler's process alive: no worker
    "scheduler_beside_imported_signal_wait": (
        {
            "main.py": 'import asyncio\nimport logging\n\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nfrom utils import wait_forever\n\nlogging.basicConfig(level=logging.INFO)\nscheduler = AsyncIOScheduler()\n\n\ndef scrape():\n    logging.info("scraping")\n\n\nasync def main():\n    scheduler.add_job(scrape, "cron", hour=12)\n    scheduler.start()\n    wait_forever()\n\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
            "utils.py": "import signal\n\n\ndef wait_forever():\n    signal.pause()\n",
        },
        [("main.py", "job", "apscheduler")],
        None,
    ),
    # trap (fifth review, on a change taken back): one bot, one worker (where the bot is), beside the scheduler's job
    "scheduler_beside_imported_bot_run": (
        {
            "bot.py": 'import os\n\nimport telebot\n\nbot = telebot.TeleBot(os.environ["BOT_TOKEN"])\n\n\n@bot.message_handler(commands=["start"])\ndef start(message):\n    bot.reply_to(message, "hi")\n\n\ndef run_bot():\n    bot.infinity_polling()\n',
            "main.py": 'import asyncio\nimport logging\n\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nfrom bot import run_bot\n\nlogging.basicConfig(level=logging.INFO)\nscheduler = AsyncIOScheduler()\n\n\ndef scrape():\n    logging.info("scraping")\n\n\nasync def main():\n    scheduler.add_job(scrape, "cron", hour=12)\n    scheduler.start()\n    run_bot()\n\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
        },
        [("bot.py", "worker", "telegram"), ("main.py", "job", "apscheduler")],
        None,
    ),
    # trap (fifth review, on a change taken back): a drain the scheduler runs every five minutes through a lambda is one of its jobs
    "scheduler_running_a_drain_through_a_lambda": (
        {
            "jobs.py": 'import logging\n\nimport boto3\n\nsqs = boto3.client("sqs")\n\n\ndef drain_jobs(url):\n    while True:\n        resp = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)\n        messages = resp.get("Messages", [])\n        for m in messages:\n            logging.info("job %s", m["Body"])\n            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])\n        if len(messages) < 10:\n            break\n',
            "main.py": 'import asyncio\nimport logging\nimport os\n\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nfrom jobs import drain_jobs\n\nlogging.basicConfig(level=logging.INFO)\nscheduler = AsyncIOScheduler()\n\n\ndef scrape():\n    logging.info("scraping")\n\n\nasync def main():\n    scheduler.add_job(scrape, "cron", hour=12)\n    scheduler.add_job(lambda: drain_jobs(os.environ["JOBS_URL"]), "interval", minutes=5)\n    scheduler.start()\n    await asyncio.Event().wait()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
        },
        [("main.py", "job", "apscheduler")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


def test_a_bot_a_factory_builds_is_placed_where_it_is_bound(make_tree: Callable[[dict[str, str]], Path]) -> None:
    """The review's line 0: the entrypoint and its gaps sit where the file starts the bot,
    `bot.run(...)` (the binding asks no position: that would cost a code-generation pass over
    every module binding a library call's result)."""
    from readiness_lint.engine import run

    report = run([str(make_tree({"bot.py": _BOT_MAIN, "bot_setup.py": _BOT_SETUP}))])
    [entry] = report.entrypoints
    assert (entry.entrypoint.path, entry.entrypoint.line) == ("bot.py", 15)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
