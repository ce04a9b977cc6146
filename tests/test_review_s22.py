"""The first review of session 22's change (b53c80d..7e3f63f): its reproductions, as trees.

Each case fails on 7e3f63f, the commit reviewed, and passes on b53c80d, before the change: what
the change broke, mended since. A case gives the files, the entrypoints expected as ``(path, kind,
framework)`` and, where it matters, a rule's status or number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

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
            "report.py": """\
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
""",
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
            "report.py": """\
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
""",
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
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
