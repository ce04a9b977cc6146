"""Session 37: what blind rounds 562 onwards showed, as small trees.

Each case fails on f58ae6e (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 564: an HTTP Cloud Function that a Terraform Cloud Scheduler job calls once a month
_TERRAFORM_SCHEDULED_FUNCTION = {
    "src/cloud_function/main.py": """\
import os

import functions_framework
import requests
from google.cloud import bigquery


@functions_framework.http
def main(request):
    resp = requests.get("https://ghoapi.azureedge.net/api/Indicator", timeout=30)
    resp.raise_for_status()
    rows = resp.json().get("value", [])
    errors = bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], rows)
    if errors:
        return (str(errors), 500)
    return ("ok", 200)
""",
    "src/cloud_function/requirements.txt": "functions-framework==3.*\ngoogle-cloud-bigquery\nrequests\n",
    "infra/terraform/modules/scheduler/main.tf": """\
resource "google_cloud_scheduler_job" "job" {
  name      = "monthly_ingest"
  schedule  = "0 16 23 * *"
  time_zone = "America/Sao_Paulo"

  http_target {
    http_method = "POST"
    uri         = var.function_url
  }
}
""",
}

# Round 491: batch files that deploy HTTP functions and have Cloud Scheduler call one of them
_BATCH_SCHEDULED_FUNCTION = {
    "cloud_functions/orchestrate/main.py": """\
import os

import requests
from google.cloud import storage


def orchestrate(request):
    bucket = storage.Client().bucket(os.environ["BUCKET"])
    for line in bucket.blob("searches.csv").download_as_text().splitlines():
        requests.get(f"{os.environ['INGEST_URL']}?q={line}", timeout=10)
    return "OK"
""",
    "cloud_functions/ingest/main.py": """\
import os

from google.cloud import bigquery


def ingest(request):
    query = request.args.get("q", "")
    bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], [{"q": query}])
    return "OK"
""",
    "scripts/deploy_functions.bat": """\
@echo off
:: deploy the functions
CALL gcloud functions deploy ingest ^
--source cloud_functions\\ingest ^
--runtime python39 ^
--trigger-http

CALL gcloud functions deploy orchestrate ^
--source cloud_functions\\orchestrate ^
--runtime python39 ^
--trigger-http ^
--allow-unauthenticated
""",
    "scripts/schedule.bat": """\
@echo off
FOR /F "tokens=* USEBACKQ" %%g IN (`gcloud functions describe orchestrate --region=us-east1 ^| findstr "http"`) do SET "URL=%%g"
gcloud scheduler jobs create http run_orchestrate --schedule="0 */3 * * *" --uri=%URL:~5% --http-method=GET
""",
}

# Round 569: a nextcord bot whose `__main__` block loads its cogs, the module then running the bot
_BOT_LOADS_COGS = {
    "main.py": """\
import os

import nextcord
from nextcord.ext import commands

client = commands.Bot(command_prefix="l!", intents=nextcord.Intents.default())
token = os.environ["TOKEN"]

extensions = ["cogs." + name[:-3] for name in os.listdir("./cogs") if name.endswith(".py")]

if __name__ == "__main__":
    for extension in extensions:
        client.load_extension(extension)

client.run(token)
""",
    "cogs/__init__.py": "",
    "cogs/status.py": """\
from nextcord.ext import commands


class Status(commands.Cog):
    def __init__(self, client):
        self.client = client

    @commands.command()
    async def ping(self, ctx):
        await ctx.send("pong")


def setup(client):
    client.add_cog(Status(client))
""",
}

# Round 562: a management command that sets Django up itself with `get_wsgi_application()`
_COMMAND_SETS_UP_DJANGO = {
    "api/__init__.py": "",
    "api/models.py": "from django.db import models\n\n\nclass Site(models.Model):\n    url = models.URLField()\n",
    "api/management/__init__.py": "",
    "api/management/commands/__init__.py": "",
    "api/management/commands/scanner.py": """\
import logging
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteinfo.settings")
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
from django.core.management.base import BaseCommand

from api.models import Site

logging.basicConfig(filename="siteinfo.log", level=logging.INFO)


class Command(BaseCommand):
    help = "Scans the sites"

    def handle(self, *args, **kwargs):
        for site in Site.objects.all():
            logging.info("scanning %s", site.url)
""",
    "siteinfo/__init__.py": "",
    "siteinfo/settings.py": """\
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ROOT_URLCONF = "siteinfo.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "api"]
""",
}

# Round 566: `app.debug = True` in the `__main__` block that the Dockerfile runs
_DEBUG_IN_DEPLOYED_BLOCK = {
    "app.py": """\
from os import environ

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello_world():
    return "<p>Hello, World!</p>"


if __name__ == "__main__":
    app.debug = True
    app.run(host=environ["FLASK_HOST"], port=int(environ["FLASK_PORT"]))
""",
    "Dockerfile": "FROM python:3.8-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install flask\nCMD python app.py\n",
}

# Round 566: a Firebase Cloud Messaging server key in the code
_FCM_SERVER_KEY = {
    "app.py": """\
import json

import requests
from flask import Flask, request

app = Flask(__name__)
server_key = "AAAAUKuWS4o:APA91bEqw_9luyNSvNpEpDQOqhYFt1NV6-R4MweUKuyxDCHnFqjn4u1t8Fxx5-rDpHhBakhn7adRoJ3mArnkw7zexbEVzHVOy3wDtybd56TkFOif9EdyuB4qNhxe1hTM_o2iDNRr05VF"


@app.route("/notify", methods=["POST"])
def notify():
    headers = {"Authorization": "key=" + server_key, "Content-Type": "application/json"}
    body = {"to": request.json["token"], "notification": {"title": "Package update"}}
    requests.post("https://fcm.googleapis.com/fcm/send", headers=headers, data=json.dumps(body), timeout=10)
    return "sent"
""",
}

# Round 568: a data-access class keeping its statements on itself, the row deleted by key before
# it is inserted again
_KEPT_DELETE_THEN_INSERT = {
    "dao.py": """\
import pymysql


class Connection:
    def __init__(self, password):
        self.conn = pymysql.connect(host="localhost", user="news", passwd=password, db="news")
        self.insert_sql = "INSERT INTO articles (id, title) VALUES (%s, %s)"
        self.delete_sql = "DELETE FROM articles WHERE id=%s"


def add(article, con):
    curs = con.conn.cursor()
    curs.execute(con.delete_sql, (article.id,))
    curs.execute(con.insert_sql, (article.id, article.title))
    con.conn.commit()
""",
    "main.py": """\
import os

import dao
import scraping

connection = dao.Connection(os.environ["DB_PASSWORD"])

for article in scraping.latest():
    dao.add(article, connection)
""",
    "scraping.py": """\
import requests


def latest():
    return requests.get("https://news.example.com/latest.json", timeout=10).json()
""",
}

_CASES: dict[str, Case] = {
    "terraform_scheduled_function": (
        _TERRAFORM_SCHEDULED_FUNCTION,
        [("src/cloud_function/main.py", "job", "cloud-functions")],
        ("missing-heartbeat", "fail"),
    ),
    # trap: the scheduler job publishes to a topic; the HTTP function is called by something else
    "terraform_scheduler_publishes": (
        _edited(
            _TERRAFORM_SCHEDULED_FUNCTION,
            "infra/terraform/modules/scheduler/main.tf",
            '  http_target {\n    http_method = "POST"\n    uri         = var.function_url\n  }',
            "  pubsub_target {\n    topic_name = var.topic\n  }",
        ),
        [("src/cloud_function/main.py", "api", "cloud-functions")],
        None,
    ),
    # trap: two HTTP functions, and the scheduler's URL does not say which it calls
    "terraform_scheduler_two_functions": (
        {
            **_TERRAFORM_SCHEDULED_FUNCTION,
            "src/lookup/main.py": 'import functions_framework\n\n\n@functions_framework.http\ndef lookup(request):\n    return {"q": request.args.get("q")}\n',
        },
        [("src/cloud_function/main.py", "api", "cloud-functions"), ("src/lookup/main.py", "api", "cloud-functions")],
        None,
    ),
    "batch_scheduled_function": (
        _BATCH_SCHEDULED_FUNCTION,
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "job", "cloud-functions"),
        ],
        ("missing-heartbeat", {"cloud_functions/orchestrate/main.py": "fail"}),
    ),
    # no scheduler: both functions answer requests (not a trap: f58ae6e read no batch file)
    "batch_deployed_functions": (
        {k: v for k, v in _BATCH_SCHEDULED_FUNCTION.items() if k != "scripts/schedule.bat"},
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "api", "cloud-functions"),
        ],
        None,
    ),
    "bot_loads_cogs": (_BOT_LOADS_COGS, [("main.py", "worker", "discord")], None),
    # trap: the block also runs work of its own
    "bot_loads_cogs_and_backs_up": (
        _edited(
            _BOT_LOADS_COGS,
            "main.py",
            "        client.load_extension(extension)\n",
            "        client.load_extension(extension)\n    backup_database()\n",
        ),
        [("main.py", "job", "python"), ("main.py", "worker", "discord")],
        None,
    ),
    "command_sets_up_django": (
        _COMMAND_SETS_UP_DJANGO,
        [("api/management/commands/scanner.py", "job", "django-command"), ("siteinfo/settings.py", "api", "django")],
        None,
    ),
    # trap: with the project's wsgi.py, the api is there
    "command_sets_up_django_wsgi": (
        {
            **_COMMAND_SETS_UP_DJANGO,
            "siteinfo/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "siteinfo.settings")\napplication = get_wsgi_application()\n',
        },
        [("api/management/commands/scanner.py", "job", "django-command"), ("siteinfo/wsgi.py", "api", "django")],
        None,
    ),
    "debug_in_deployed_block": (_DEBUG_IN_DEPLOYED_BLOCK, [("app.py", "api", "flask")], ("debug-mode-enabled", 1)),
    # trap: no deployment runs the block: the development server
    "debug_in_development_block": (
        {k: v for k, v in _DEBUG_IN_DEPLOYED_BLOCK.items() if k != "Dockerfile"},
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    "fcm_server_key": (_FCM_SERVER_KEY, [("app.py", "api", "flask")], ("hardcoded-secret", 1)),
    # trap: the key read from the environment
    "fcm_server_key_from_env": (
        _edited(
            _FCM_SERVER_KEY,
            "app.py",
            'server_key = "AAAAUKuWS4o:APA91bEqw_9luyNSvNpEpDQOqhYFt1NV6-R4MweUKuyxDCHnFqjn4u1t8Fxx5-rDpHhBakhn7adRoJ3mArnkw7zexbEVzHVOy3wDtybd56TkFOif9EdyuB4qNhxe1hTM_o2iDNRr05VF"',
            'server_key = os.environ["FCM_SERVER_KEY"]',
        ),
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 0),
    ),
    "kept_delete_then_insert": (_KEPT_DELETE_THEN_INSERT, [("main.py", "job", "script")], ("non-idempotent-insert", 0)),
    # trap: the statement kept beside the INSERT prunes old rows, it does not replace them
    "kept_prune_then_insert": (
        _edited(
            _KEPT_DELETE_THEN_INSERT,
            "dao.py",
            '"DELETE FROM articles WHERE id=%s"',
            '"DELETE FROM articles WHERE published < %s"',
        ),
        [("main.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
