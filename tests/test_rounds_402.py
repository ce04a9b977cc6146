"""Session 32: what blind rounds 402 and on showed, and what session 31 left, as small trees.

Each case fails on ed75de8, the commit the session's rule changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_JOB = [("job.py", "job", "python")]

# A spool cleaner whose handler branches on the caught error's attribute; `{test}` is the test and
# `{other}` the other branch
_SPOOL_CLEANER = """\
import errno
import logging
import os

log = logging.getLogger(__name__)


def clean(spool):
    for name in os.listdir(spool):
        path = os.path.join(spool, name)
        try:
            os.remove(path)
        except Exception as e:
            if {test}:
                log.info("already gone: %s", path)
            else:
                {other}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    clean("/var/spool/outbox")
"""

_CASES: dict[str, Case] = {
    # A handler branching on the caught error's attribute and an imported constant, every branch
    # only logging: the failed removal is lost (session 31 left `if e.errno:`)
    "handler_branches_on_errno_constant": (
        {
            "job.py": _SPOOL_CLEANER.format(
                test="e.errno == errno.ENOENT", other='log.error("cannot remove %s: %s", path, e)'
            )
        },
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    "handler_branches_on_attribute": (
        {"job.py": _SPOOL_CLEANER.format(test="e.errno", other='log.error("cannot remove %s: %s", path, e)')},
        _JOB,
        ("missing-exit-code", "fail"),
    ),
    # (trap) the other branch raises: the failure is not lost
    "handler_branches_on_errno_and_raises": (
        {"job.py": _SPOOL_CLEANER.format(test="e.errno == errno.ENOENT", other="raise")},
        _JOB,
        ("missing-exit-code", "pass"),
    ),
    # A Twilio client given its auth token as a literal (round 402)
    "twilio_client_token": (
        {
            "job.py": """\
                from twilio.rest import Client

                def send(number, text):
                    client = Client("ACbece9191298d573f1ebc1e5ba994502a", "6ff17ab2e37b3a22f225ddbb1f05ed36")
                    client.messages.create(body=text, from_="+15550100", to=number)

                if __name__ == "__main__":
                    send("+15550101", "ping")
                """
        },
        _JOB,
        ("hardcoded-secret", 1),
    ),
    # (trap) the README's placeholders
    "twilio_client_placeholders": (
        {
            "job.py": """\
                from twilio.rest import Client

                def send(number, text):
                    client = Client("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "your_auth_token")
                    client.messages.create(body=text, from_="+15550100", to=number)

                if __name__ == "__main__":
                    send("+15550101", "ping")
                """
        },
        _JOB,
        ("hardcoded-secret", 0),
    ),
    # A helper module's `__main__` block giving its function sample data, the function imported by
    # the service's entrypoint: a try-out, not a job (round 404's SharePoint uploader)
    "helper_tried_with_sample_data": (
        {
            "main.py": """\
                import logging
                import time

                from services.index import indexing

                def main():
                    logging.basicConfig(level=logging.INFO)
                    while True:
                        indexing("scan.pdf", "receipts", "/data/in", "/data/done")
                        time.sleep(30)

                if __name__ == "__main__":
                    main()
                """,
            "services/index.py": """\
                import os
                import shutil

                def indexing(pdf, option, input_path, processed_path):
                    shutil.move(os.path.join(input_path, pdf), os.path.join(processed_path, option + "-" + pdf))

                if __name__ == "__main__":
                    input_path = "incoming_docs"
                    processed_path = "processed_docs"
                    indexing("document.pdf", "42BReceipts", input_path, processed_path)
                """,
        },
        [("main.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a set-up script creating the tables, then seeding a user: run by hand, a job
    "helper_inits_then_seeds": (
        {
            "app.py": """\
                from flask import Flask

                from db import add_user, init_db

                app = Flask(__name__)

                @app.post("/users")
                def create():
                    add_user(name="x", email="x@example.org")
                    return "", 201
                """,
            "db.py": """\
                import sqlite3

                def init_db():
                    with sqlite3.connect("app.db") as conn:
                        conn.execute("CREATE TABLE IF NOT EXISTS users (name TEXT, email TEXT)")

                def add_user(name, email):
                    with sqlite3.connect("app.db") as conn:
                        conn.execute("INSERT INTO users VALUES (?, ?)", (name, email))

                if __name__ == "__main__":
                    init_db()
                    add_user(name="admin", email="admin@example.org")
                """,
        },
        [("app.py", "api", "flask"), ("db.py", "job", "python")],
        None,
    ),
}

_SETS = (_CASES,)
_ALL_CASES: dict[str, Case] = {name: case for cases in _SETS for name, case in cases.items()}


def test_case_names_are_unique() -> None:
    assert len(_ALL_CASES) == sum(len(cases) for cases in _SETS)


@pytest.mark.parametrize("name", sorted(_ALL_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _ALL_CASES[name])
