"""The reviews of session 22's change: their reproductions, as trees.

The first review's cases (b53c80d..7e3f63f) fail on 7e3f63f and pass on b53c80d, before the
change: what the change broke, mended since; the second's (b53c80d..abf5098, marked) fail on
abf5098 and pass on b53c80d; the third's (b53c80d..0121ef0, marked) fail on 0121ef0 and pass on
b53c80d, but for the Spark export, which b53c80d missed too; the fourth's (b53c80d..07dd431,
marked) fail on 07dd431, the loguru try-out on b53c80d too. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's status or number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

# The report module both scheduling cases share
_REPORT = """\
import logging
import os

import requests

log = logging.getLogger(__name__)


def build_report():
    return requests.get(os.environ["STATS_URL"], timeout=10).json()


def send_report():
    body = build_report()
    requests.post(os.environ["SLACK_WEBHOOK"], json={"text": str(body)}, timeout=10)
    return body


if __name__ == "__main__":
    print(send_report())
"""

_CASES: dict[str, Case] = {
    # a Tkinter app that creates its table at import waits for a person: no job
    "tk_app_sets_up_its_table": (
        {
            "notes.py": """\
import sqlite3
import tkinter as tk

conn = sqlite3.connect("notes.db")
cur = conn.cursor()
cur.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)")
conn.commit()


def add_note():
    cur.execute("INSERT INTO notes (body) VALUES (?)", (entry.get(),))
    conn.commit()


root = tk.Tk()
root.title("Notes")
entry = tk.Entry(root)
entry.pack()
tk.Button(root, text="Add", command=add_note).pack()
root.mainloop()
""",
        },
        [],
        None,
    ),
    # `cmdline.execute(...)` is Scrapy's launcher, no SQL: only the spider
    "scrapy_launcher_execute": (
        {
            "main.py": """\
from scrapy import cmdline

cmdline.execute("scrapy crawl quotes".split())
""",
            "quotes/__init__.py": "",
            "quotes/settings.py": """\
BOT_NAME = "quotes"
SPIDER_MODULES = ["quotes.spiders"]
ROBOTSTXT_OBEY = True
""",
            "quotes/spiders/__init__.py": "",
            "quotes/spiders/quotes_spider.py": """\
import scrapy


class QuotesSpider(scrapy.Spider):
    name = "quotes"
    start_urls = ["https://quotes.toscrape.com/"]

    def parse(self, response):
        for q in response.css("div.quote"):
            yield {"text": q.css("span.text::text").get()}
""",
            "scrapy.cfg": """\
[settings]
default = quotes.settings
""",
        },
        [("quotes/spiders/quotes_spider.py", "job", "scrapy")],
        None,
    ),
    # a 27-character key masked with `...` is no secret
    "masked_key_in_a_comment_value": (
        {
            "notify.py": """\
import logging

import requests

log = logging.getLogger(__name__)

# shown in the dashboard as the last key issued (truncated); the real one comes from Vault
OPENAI_API_KEY = "sk-Ab3dEf9hIj...Kl7mNoP2qRs"


def notify(text, api_key):
    log.info("using key %s", OPENAI_API_KEY)
    return requests.post("https://api.example.com/notify", json={"text": text}, headers={"Authorization": api_key}, timeout=10)
""",
        },
        [],
        ("hardcoded-secret", 0),
    ),
    # a strong password that ends with `_*` is still one
    "strong_password_ending_in_a_star": (
        {
            "db.py": """\
import psycopg2

DB_PASSWORD = "Xk9#mP2$vL7@qR4!_*"


def connect():
    return psycopg2.connect(host="db.internal", user="app", password=DB_PASSWORD, dbname="app")
""",
        },
        [],
        ("hardcoded-secret", 1),
    ),
    # `.do(report.send_report)` hands on the function the block runs
    "scheduled_by_reference": (
        {
            "report.py": _REPORT,
            "scheduler.py": """\
import time

import schedule

import report

schedule.every().day.at("07:00").do(report.send_report)

while True:
    schedule.run_pending()
    time.sleep(30)
""",
        },
        [("report.py", "job", "python"), ("scheduler.py", "job", "schedule")],
        None,
    ),
    # `from report import send_report` then `.do(send_report)`
    "scheduled_by_imported_name": (
        {
            "report.py": _REPORT,
            "scheduler.py": """\
import time

import schedule

from report import send_report

schedule.every().day.at("07:00").do(send_report)

while True:
    schedule.run_pending()
    time.sleep(30)
""",
        },
        [("report.py", "job", "python"), ("scheduler.py", "job", "schedule")],
        None,
    ),
    # second review: a Bokeh page (`bokeh serve`) that queries its table at import: no job
    "bokeh_dashboard_reads_its_table": (
        {
            "dashboard.py": """\
import os

import psycopg2
from bokeh.io import curdoc
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure

conn = psycopg2.connect(os.environ["DATABASE_URL"])
cur = conn.cursor()
cur.execute("SELECT day, total FROM daily_sales ORDER BY day")
rows = cur.fetchall()

source = ColumnDataSource(data={"day": [r[0] for r in rows], "total": [r[1] for r in rows]})
plot = figure(x_axis_type="datetime", title="Daily sales")
plot.line("day", "total", source=source)
curdoc().add_root(plot)
""",
        },
        [],
        None,
    ),
    # second review: a Panel page (`.servable()`)
    "panel_dashboard_reads_its_table": (
        {
            "app.py": """\
import os

import pandas as pd
import panel as pn
import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])
cur = conn.cursor()
cur.execute("SELECT region, revenue FROM revenue")
df = pd.DataFrame(cur.fetchall(), columns=["region", "revenue"])

pn.extension()
pn.Column("# Revenue", pn.widgets.Tabulator(df)).servable()
""",
        },
        [],
        None,
    ),
    # second review: a flet desktop app
    "flet_app_sets_up_its_table": (
        {
            "main.py": """\
import sqlite3

import flet as ft

conn = sqlite3.connect("notes.db", check_same_thread=False)
conn.execute("CREATE TABLE IF NOT EXISTS notes (body TEXT)")
conn.commit()


def main(page: ft.Page):
    field = ft.TextField(label="Note")

    def save(e):
        conn.execute("INSERT INTO notes VALUES (?)", (field.value,))
        conn.commit()

    page.add(field, ft.ElevatedButton("Save", on_click=save))


ft.app(target=main)
""",
        },
        [],
        None,
    ),
    # second review: a ttkbootstrap window (`root.mainloop()`)
    "ttkbootstrap_app_sets_up_its_table": (
        {
            "app.py": """\
import sqlite3

import ttkbootstrap as ttk

conn = sqlite3.connect("todo.db")
conn.execute("CREATE TABLE IF NOT EXISTS todo (item TEXT)")
conn.commit()

root = ttk.Window(themename="darkly")
entry = ttk.Entry(root)
entry.pack()


def add():
    conn.execute("INSERT INTO todo VALUES (?)", (entry.get(),))
    conn.commit()


ttk.Button(root, text="Add", command=add).pack()
root.mainloop()
""",
        },
        [],
        None,
    ),
    # second review: a notebook exported with nbconvert (`get_ipython()`), ending in `to_csv`
    "notebook_exported_as_a_script": (
        {
            "analysis.py": """\
#!/usr/bin/env python
# coding: utf-8

# In[1]:


import pandas as pd
import matplotlib.pyplot as plt
get_ipython().run_line_magic('matplotlib', 'inline')


# In[2]:


df = pd.read_csv("sales.csv")
df.head()


# In[3]:


summary = df.groupby("region")["revenue"].sum()
summary.plot(kind="bar")
plt.show()


# In[4]:


summary.to_csv("summary.csv")
""",
        },
        [],
        None,
    ),
    # second review: a script trying out a Lambda handler of another module stays the job (the handler's module is no entrypoint)
    "lambda_handler_tried_out_by_a_script": (
        {
            "handler.py": """\
import logging
import os

import boto3

log = logging.getLogger(__name__)
s3 = boto3.client("s3")


def lambda_handler(event, context):
    bucket = os.environ["BUCKET"]
    for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        log.info("object %s", obj["Key"])
    return {"status": "ok"}
""",
            "run.py": """\
import logging

from handler import lambda_handler

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    lambda_handler({}, None)
""",
        },
        [("run.py", "job", "python")],
        None,
    ),
    # second review: `pass_2024_*` is a password, not a token's published prefix
    "weak_password_ending_in_a_star": (
        {
            "sync.py": """\
import logging
import sys

import psycopg2

logging.basicConfig(level=logging.INFO)


def main():
    conn = psycopg2.connect(host="db.internal", user="sync", password="pass_2024_*")
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE accounts SET synced = now()")
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
        },
        [("sync.py", "job", "python")],
        ("hardcoded-secret", 1),
    ),
    # third review: a Dash page (`pages/`, loaded by Dash) that queries its table at import: the app's, no job
    "dash_page_queries_its_table": (
        {
            "app.py": """\
import dash
from dash import Dash, html

app = Dash(__name__, use_pages=True)
server = app.server

app.layout = html.Div([html.H1("Sales"), dash.page_container])

if __name__ == "__main__":
    app.run(debug=False)
""",
            "pages/home.py": """\
import sqlite3

import dash
from dash import dash_table, html

dash.register_page(__name__, path="/")

conn = sqlite3.connect("sales.db", check_same_thread=False)
cur = conn.cursor()
cur.execute("SELECT region, SUM(total) FROM sales GROUP BY region")
rows = [{"region": r, "total": t} for r, t in cur.fetchall()]

layout = html.Div([html.H2("By region"), dash_table.DataTable(data=rows)])
""",
        },
        [("app.py", "api", "dash")],
        None,
    ),
    # third review: a Shiny app (`shiny run`) creating its table at import: no job
    "shiny_app_sets_up_its_table": (
        {
            "app.py": """\
import sqlite3

import pandas as pd
from shiny import App, render, ui

conn = sqlite3.connect("weather.db", check_same_thread=False)
conn.execute("CREATE TABLE IF NOT EXISTS readings (city TEXT, temp REAL)")
conn.commit()

app_ui = ui.page_fluid(ui.input_text("city", "City"), ui.output_table("table"))


def server(input, output, session):
    @render.table
    def table():
        return pd.read_sql("SELECT * FROM readings WHERE city = ?", conn, params=(input.city(),))


app = App(app_ui, server)
""",
        },
        [],
        None,
    ),
    # third review: `sys.exit(main())` runs a command line, no try-out
    "scheduled_module_with_a_command_line": (
        {
            "report.py": """\
import argparse
import datetime
import sys

import requests


def run(day=None):
    day = day or datetime.date.today().isoformat()
    resp = requests.post("https://reports.internal/build", json={"day": day}, timeout=30)
    resp.raise_for_status()
    return resp.json()["rows"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--day")
    args = parser.parse_args()
    rows = run(args.day)
    print(f"built {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
            "scheduler.py": """\
import time

import schedule

import report

schedule.every().day.at("06:00").do(report.run)

while True:
    schedule.run_pending()
    time.sleep(30)
""",
        },
        [("report.py", "job", "argparse"), ("scheduler.py", "job", "schedule")],
        None,
    ),
    # third review: a Spark DataFrame's `show()` hands nothing to a person: the export is a job
    "spark_job_shows_then_writes": (
        {
            "export_users.py": """\
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("export-users").getOrCreate()
users = spark.read.parquet("s3a://lake/users/")
active = users.filter("last_login >= date_sub(current_date(), 30)")
active.groupBy("country").count().show()
active.toPandas().to_csv("/exports/active_users.csv", index=False)
spark.stop()
""",
        },
        [("export_users.py", "job", "script")],
        None,
    ),
    # third review: a poller that sleeps and goes on when the queue is empty is no drain, whatever else breaks
    "poller_waits_when_empty": (
        {
            "poller.py": """\
import json
import time

import boto3

sqs = boto3.client("sqs")
QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123/jobs"


def handle(body):
    print(json.loads(body))


def poll():
    while True:
        resp = sqs.receive_message(QueueUrl=QUEUE_URL, WaitTimeSeconds=20)
        if "Messages" not in resp:
            time.sleep(10)
            continue
        for m in resp["Messages"]:
            handle(m["Body"])
            sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=m["ReceiptHandle"])
        if len(resp["Messages"]) == 0:
            break


if __name__ == "__main__":
    poll()
""",
        },
        [("poller.py", "worker", "sqs")],
        None,
    ),
    # fourth review: `client.events(start, end, ...)`, a past window given by position, ends
    "docker_events_window_by_position": (
        {
            "audit.py": """\
\"\"\"Nightly audit: which containers died in the last 24 hours (run from cron).\"\"\"
import logging
import sys
from datetime import datetime, timedelta

import docker

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)


def main():
    client = docker.from_env()
    end = datetime.utcnow()
    start = end - timedelta(days=1)
    deaths = {}
    for event in client.events(start, end, {"event": "die"}, True):
        name = event["Actor"]["Attributes"].get("name", "?")
        deaths[name] = deaths.get(name, 0) + 1
    for name, count in sorted(deaths.items()):
        log.info("%s died %d times", name, count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
""",
        },
        [("audit.py", "job", "python")],
        None,
    ),
    # fourth review: a try-out block that logs with loguru
    "scheduled_module_try_out_logged_with_loguru": (
        {
            "report.py": """\
import os

import requests
from loguru import logger

WEBHOOK = os.environ["SLACK_WEBHOOK"]


def build_summary():
    rows = requests.get("https://stats.internal/api/daily", timeout=10).json()
    return "\\n".join(f"{r['name']}: {r['value']}" for r in rows)


def send_report():
    text = build_summary()
    resp = requests.post(WEBHOOK, json={"text": text}, timeout=10)
    resp.raise_for_status()
    logger.info("report sent")


if __name__ == "__main__":
    logger.info(build_summary())
""",
            "scheduler.py": """\
import time

import schedule
from loguru import logger

import report

schedule.every().day.at("07:00").do(report.send_report)

if __name__ == "__main__":
    logger.info("scheduler started")
    while True:
        schedule.run_pending()
        time.sleep(30)
""",
        },
        [("scheduler.py", "job", "schedule")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
