"""Session 44: what blind rounds 745 onwards showed, as small trees.

Each case fails on 5bcaeb5 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 749: helpers both the web app and the `schedule` process import, with a `__main__` block
# that tries them out
_R_LIBRARY_OF_APP_AND_SCHEDULE = {
    "api.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/api/bills")\ndef bills():\n    return jsonify(bills_db.all_bills())\n',
    "bills_db.py": 'import os\nimport sqlite3\n\nDB = os.environ.get("BILLS_DB", "bills.db")\n\n\ndef connect():\n    return sqlite3.connect(DB)\n\n\ndef make_table_bills():\n    with connect() as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS bills (id TEXT PRIMARY KEY, title TEXT)")\n\n\ndef save_bill(bill):\n    with connect() as conn:\n        conn.execute("INSERT OR REPLACE INTO bills VALUES (?, ?)", (bill["id"], bill["title"]))\n\n\ndef all_bills():\n    with connect() as conn:\n        return conn.execute("SELECT id, title FROM bills").fetchall()\n\n\nif __name__ == "__main__":\n    make_table_bills()\n    print(all_bills())\n',
    "update_hourly.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nimport bills_db\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef update_bills():\n    for bill in requests.get("https://congress.example.org/bills", timeout=30).json():\n        bills_db.save_bill(bill)\n\n\nschedule.every().hour.do(update_bills)\n\nif __name__ == "__main__":\n    while True:\n        schedule.run_pending()\n        time.sleep(60)\n',
}

# Round 749: a dump file named at run time directly under /home (no user's home directory)
_R_DUMP_UNDER_HOME = {
    "app.py": 'import os\nimport subprocess\nfrom datetime import datetime\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/backup-database")\ndef backup_database():\n    stamp = datetime.now().strftime("%Y_%m_%d_%H_%M_%S")\n    subprocess.run(\n        ["pg_dump", "--format", "custom", "--file", f"/home/{stamp}.backup", os.environ["POSTGRES_DB"]], check=True\n    )\n    return "ok"\n',
}

# Round 749: a server module importing the app from where the image copies it (`COPY app .` into
# /home), its `__main__` block only running it
_R_UNSEEN_APP_RUN = {
    "app/app.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/backup-database")\ndef backup_database():\n    return "ok"\n',
    "wsgi.py": 'from home.app import app\n\nif __name__ == "__main__":\n    app.run()\n',
}


_CASES: dict[str, Case] = {
    # Round 749: the helper module's `__main__` block is a try-out, not a job of its own
    "library_of_app_and_schedule": (
        _R_LIBRARY_OF_APP_AND_SCHEDULE,
        [("api.py", "api", "flask"), ("update_hourly.py", "job", "schedule")],
        None,
    ),
    # trap: imported by the `schedule` process alone, the module is a script it runs on a timetable,
    # and its own block a job too (as before)
    "library_of_schedule_only": (
        _edited(_R_LIBRARY_OF_APP_AND_SCHEDULE, "api.py", "import bills_db\n", "import sqlite3\n"),
        [("api.py", "api", "flask"), ("bills_db.py", "job", "python"), ("update_hourly.py", "job", "schedule")],
        None,
    ),
    # Round 749: `app.run()` of an app from a module out of the tree serves it: no job
    "unseen_app_run": (_R_UNSEEN_APP_RUN, [("app/app.py", "api", "flask")], None),
    # trap: a pipeline imported from out of the tree (under another name), run by the block, stays a job
    "unseen_pipeline_run": (
        _edited(_R_UNSEEN_APP_RUN, "wsgi.py", "from home.app import app\n", "from home.sync import pipeline as app\n"),
        [("app/app.py", "api", "flask"), ("wsgi.py", "job", "python")],
        None,
    ),
    # Round 749: `f"/home/{stamp}.backup"` names no user's home directory
    "dump_under_home": (_R_DUMP_UNDER_HOME, [("app.py", "api", "flask")], ("hardcoded-path", 0)),
    # trap: a user's home directory written out stays a finding
    "dump_under_user_home": (
        _edited(_R_DUMP_UNDER_HOME, "app.py", 'f"/home/{stamp}.backup"', 'f"/home/alice/{stamp}.backup"'),
        [("app.py", "api", "flask")],
        ("hardcoded-path", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
