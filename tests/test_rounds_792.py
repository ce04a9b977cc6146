"""Session 46: what blind rounds 792 onwards showed, and what session 45 left, as small trees.

Each case fails on 818dbcd (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

_L_LOG_PATHLIB = {
    "sync_playlists.py": '#!/usr/bin/env python\n"""Run by cron every 10 minutes: pushes the playlists to the sync service, one log line per run."""\nimport datetime\nimport os\nimport sys\nfrom pathlib import Path\n\nimport requests\n\nAPI = os.environ.get("PLAYLISTS_API", "http://playlists.internal:8000")\nLOG_DIR = os.environ.get("LOG_DIR", "/workspace/cron/log")\n\n\ndef main():\n    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")\n    try:\n        playlists = requests.get(f"{API}/playlists/", timeout=30).json()\n        requests.post(f"{API}/sync/", json=playlists, timeout=60).raise_for_status()\n        with open(os.path.join(LOG_DIR, "execute.log"), "a") as f:\n            print(f"[{stamp}] synced {len(playlists)} playlists", file=f)\n    except Exception as e:\n        with (Path(LOG_DIR) / "error.log").open("a") as f:\n            print(f"[{stamp}] {e!r}", file=f)\n        return 1\n    return 0\n\n\nsys.exit(main())\n',
}

_L_SAFE_SCHEDULER_IMPORTED = {
    "safe_schedule.py": '"""A schedule.Scheduler that logs a job\'s exception and keeps the job scheduled, instead of\nletting it kill the process (the well-known SafeScheduler recipe)."""\nimport datetime\nimport logging\n\nfrom schedule import Scheduler\n\nlogger = logging.getLogger("schedule")\n\n\nclass SafeScheduler(Scheduler):\n    def __init__(self, reschedule_on_failure: bool = True):\n        self.reschedule_on_failure = reschedule_on_failure\n        super().__init__()\n\n    def _run_job(self, job):\n        try:\n            super()._run_job(job)\n        except Exception:\n            logger.exception("job %s failed", job)\n            job.last_run = datetime.datetime.now()\n            job._schedule_next_run()\n',
    "sync.py": '"""Pulls new orders from the shop API every 10 minutes and refreshes the stock table nightly."""\nimport logging\nimport os\nimport time\n\nimport psycopg2\nimport requests\n\nfrom safe_schedule import SafeScheduler\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("sync")\n\nSHOP_URL = os.environ["SHOP_URL"]\n\n\ndef pull_orders() -> None:\n    resp = requests.get(f"{SHOP_URL}/orders?status=new", timeout=30)\n    resp.raise_for_status()\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for order in resp.json():\n            cur.execute(\n                "INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",\n                (order["id"], order["total"]),\n            )\n    log.info("pulled %d orders", len(resp.json()))\n\n\ndef refresh_stock() -> None:\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY stock_levels")\n\n\nscheduler = SafeScheduler()\nscheduler.every(10).minutes.do(pull_orders)\nscheduler.every().day.at("02:30").do(refresh_stock)\n\nif __name__ == "__main__":\n    while True:\n        scheduler.run_pending()\n        time.sleep(1)\n',
}

_L_SELECT_AND_INSERT_CONSTANTS = {
    "sync_products.py": '"""Hourly: copies new products from the supplier\'s feed into the shop database."""\nimport logging\nimport os\nimport sys\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("sync_products")\n\nFEED_URL = os.environ.get("FEED_URL", "https://supplier.example.com/feed.json")\nFIND_PRODUCT = "SELECT id FROM products WHERE sku = %s"\nINSERT_PRODUCT = "INSERT INTO products (sku, name, price) VALUES (%s, %s, %s)"\nUPDATE_PRICE = "UPDATE products SET price = %s WHERE id = %s"\n\n\ndef sync(cur, items):\n    added = 0\n    for item in items:\n        cur.execute(FIND_PRODUCT, (item["sku"],))\n        row = cur.fetchone()\n        if row is None:\n            cur.execute(INSERT_PRODUCT, (item["sku"], item["name"], item["price"]))\n            added += 1\n        else:\n            cur.execute(UPDATE_PRICE, (item["price"], row[0]))\n    return added\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    resp = requests.get(FEED_URL, timeout=60)\n    resp.raise_for_status()\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        added = sync(cur, resp.json()["products"])\n    log.info("added %d products", added)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_B_TEXT_INSERT = {
    "load_weather.py": '"""Hourly (cron): stores the current weather reading; a reading already stored is skipped."""\nimport logging\nimport os\nimport sys\n\nimport requests\nfrom sqlalchemy import create_engine, text\nfrom sqlalchemy.exc import IntegrityError\n\nlog = logging.getLogger("load_weather")\n\nAPI_URL = "https://api.openweathermap.org/data/2.5/weather"\n\n\ndef fetch():\n    resp = requests.get(API_URL, params={"q": "Dublin", "appid": os.environ["OWM_KEY"]}, timeout=20)\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef store(engine, reading):\n    stored = 0\n    with engine.connect() as conn:\n        insert = text("INSERT INTO weather (observed_at, temp, humidity) VALUES (:observed_at, :temp, :humidity)")\n        try:\n            conn.execute(\n                insert,\n                {"observed_at": reading["dt"], "temp": reading["main"]["temp"], "humidity": reading["main"]["humidity"]},\n            )\n            conn.commit()\n            stored = 1\n        except IntegrityError:\n            conn.rollback()\n            log.info("reading at %s already stored", reading["dt"])\n    return stored\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    engine = create_engine(os.environ["DATABASE_URL"])\n    stored = store(engine, fetch())\n    log.info("stored %d reading", stored)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_B_UNREACHED_INSERT = {
    "jobs/__init__.py": "",
    "jobs/board.py": 'import requests\n\nBOARD_URL = "https://jobs.example.com/api/search"\n\n\ndef fetch(query):\n    resp = requests.get(BOARD_URL, params={"q": query}, timeout=30)\n    resp.raise_for_status()\n    return resp.json()["results"]\n',
    "jobs/store.py": '"""A SQLite store of seen postings (kept for a later version that remembers what was posted)."""\nimport sqlite3\n\nDB_FILE = "jobs.db"\n\n\ndef create(filename=DB_FILE):\n    with sqlite3.connect(filename) as conn:\n        conn.execute("CREATE TABLE IF NOT EXISTS postings (url TEXT, title TEXT)")\n\n\ndef insert_postings(postings, filename=DB_FILE):\n    with sqlite3.connect(filename) as conn:\n        conn.executemany(\n            "INSERT INTO postings (url, title) VALUES (?, ?)",\n            [(p["url"], p["title"]) for p in postings],\n        )\n\n\ndef seen_urls(filename=DB_FILE):\n    with sqlite3.connect(filename) as conn:\n        return {row[0] for row in conn.execute("SELECT url FROM postings")}\n',
    "main.py": '"""Daily (cron): posts new remote Python jobs to Slack."""\nimport logging\nimport os\nimport sys\n\nimport requests\n\nfrom jobs import board\n\nlog = logging.getLogger("job_alerts")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    postings = board.fetch(os.environ.get("QUERY", "python remote"))\n    for posting in postings:\n        requests.post(os.environ["SLACK_WEBHOOK"], json={"text": f"{posting[\'title\']}: {posting[\'url\']}"}, timeout=10)\n    log.info("posted %d jobs", len(postings))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_H_SUMMED_TABLE = {
    "klines_5m.py": '"""Every 5 minutes (cron): stores the new 5-minute candles of a few markets."""\nimport os\n\nimport pymysql\nimport requests\n\nMARKETS = ["BTCUSDT", "ETHUSDT", "ADAUSDT"]\n\nconn = pymysql.connect(\n    host=os.environ["DB_HOST"], user=os.environ["DB_USER"], passwd=os.environ["DB_PASS"], db="klines", autocommit=True\n)\ncurs = conn.cursor()\n\nfor market in MARKETS:\n    url = "https://api.binance.com/api/v3/klines?symbol=" + market + "&interval=5m"\n    data = requests.get(url, timeout=20).json()\n\n    select_query = "select 1 from " + market + "_KLINES_5M where OPEN_TIME = %s"\n    insert_query = "insert into " + market + "_KLINES_5M (OPEN_TIME, OPEN, CLOSE, VOLUME) values (%s, %s, %s, %s)"\n\n    for row in data:\n        curs.execute(select_query, (row[0],))\n        if len(curs.fetchall()) == 0:\n            curs.execute(insert_query, (row[0], row[1], row[4], row[5]))\n',
}

_H_BOUND_INSERT_KEYED = {
    "register.py": '"""Hourly (cron): adds the chats that wrote to the bot since the last run to the users table."""\nimport logging\nimport os\nimport sqlite3\nimport sys\n\nimport requests\n\nlog = logging.getLogger("register")\n\nAPI = f"https://api.telegram.org/bot{os.environ[\'BOT_TOKEN\']}"\n\n\ndef register(cur, updates):\n    insert_sql = "INSERT INTO users (chat_id, name) VALUES (?, ?)"\n    added = 0\n    for update in updates:\n        chat = update["message"]["chat"]\n        cur.execute("SELECT 1 FROM users WHERE chat_id = ?", (chat["id"],))\n        if cur.fetchone() is None:\n            cur.execute(insert_sql, (chat["id"], chat.get("username", "")))\n            added += 1\n    return added\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    resp = requests.get(f"{API}/getUpdates", timeout=30)\n    resp.raise_for_status()\n    with sqlite3.connect(os.environ.get("DB_PATH", "bot.db")) as conn:\n        added = register(conn.cursor(), resp.json()["result"])\n    log.info("%d new users", added)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_H_QUOTED_TABLE_REBUILT = {
    "load_gtfs.py": 'import csv\nimport sqlite3\n\n\ndef create_table_from_csv(cur, csv_path, table_name):\n    with open(csv_path, newline="") as f:\n        reader = csv.DictReader(f)\n        cols = list(reader.fieldnames)\n        col_defs = ", ".join(f"\\"{c}\\" TEXT" for c in cols)\n        cur.execute(f"DROP TABLE IF EXISTS \\"{table_name}\\";")\n        cur.execute(f"CREATE TABLE \\"{table_name}\\" ({col_defs});")\n        placeholders = ", ".join("?" for _ in cols)\n        insert_sql = f"INSERT INTO \\"{table_name}\\" ({\', \'.join(cols)}) VALUES ({placeholders});"\n        rows = [tuple(r.values()) for r in reader]\n        cur.executemany(insert_sql, rows)\n\n\nconn = sqlite3.connect("gtfs.db")\ncur = conn.cursor()\ncreate_table_from_csv(cur, "gtfs-static/routes.txt", "routes")\nconn.commit()\n',
}

_H_NAMED_ERROR_PASSED = {
    "build_routes.py": '"""Rebuilds the route_shapes table of the SpatiaLite database from the GTFS tables (cron, nightly)."""\nimport sqlite3\n\nconn = sqlite3.connect("metro.sqlite")\nconn.enable_load_extension(True)\nconn.execute("SELECT load_extension(\'mod_spatialite\');")\ncur = conn.cursor()\n\ncur.execute("DROP TABLE IF EXISTS route_shapes;")\ncur.execute(\n    "CREATE TABLE route_shapes AS SELECT DISTINCT t.route_id, s.shape_id, s.wkt FROM trips t "\n    "JOIN shape_lines s ON t.shape_id = s.shape_id;"\n)\nconn.commit()\n\ncur.execute("PRAGMA table_info(\'route_shapes\');")\ncols = [row[1] for row in cur.fetchall()]\nif "shape_geom" not in cols:\n    cur.execute("SELECT AddGeometryColumn(\'route_shapes\', \'shape_geom\', 4326, \'LINESTRING\', 2);")\nelse:\n    try:\n        cur.execute("SELECT RecoverGeometryColumn(\'route_shapes\', \'shape_geom\', 4326, \'LINESTRING\', 2);")\n    except sqlite3.DatabaseError:\n        # registered already: the column exists and is filled below\n        pass\n\ncur.execute("UPDATE route_shapes SET shape_geom = GeomFromText(wkt, 4326) WHERE wkt IS NOT NULL;")\nconn.commit()\nprint("route_shapes rebuilt")\n',
}


# Left by session 45's reviews
_LEFT_CASES: dict[str, Case] = {
    # `open(os.path.join(LOG_DIR, "execute.log"), "a")` and pathlib's `(Path(LOG_DIR) / "error.log").open("a")`
    "log_pathlib_open": (_L_LOG_PATHLIB, [("sync_playlists.py", "job", "script")], ("bare-print", 2)),
    # trap: the path object opened on a CSV file is data, not a log
    "pathlib_open_csv": (
        _edited(_L_LOG_PATHLIB, "sync_playlists.py", '"error.log"', '"errors.csv"'),
        [("sync_playlists.py", "job", "script")],
        ("bare-print", 1),
    ),
    # the SafeScheduler recipe kept in a module of its own, imported: `scheduler.every(10).minutes.do(...)`
    "safe_scheduler_imported": (_L_SAFE_SCHEDULER_IMPORTED, [("sync.py", "job", "schedule")], None),
    # trap: an APScheduler scheduler imported under that name is APScheduler's, not the schedule library's
    "apscheduler_every_not_schedule": (
        _edited(
            _L_SAFE_SCHEDULER_IMPORTED,
            "sync.py",
            "from safe_schedule import SafeScheduler\n",
            "from apscheduler.schedulers.blocking import BlockingScheduler as SafeScheduler\n",
        ),
        [("sync.py", "job", "apscheduler")],
        None,
    ),
    # the SELECT and the INSERT both module constants, the insert run only when the lookup found no row
    "select_and_insert_constants": (
        _L_SELECT_AND_INSERT_CONSTANTS,
        [("sync_products.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: another function runs the constant unkeyed: reported at the constant
    "insert_constant_unkeyed_use": (
        _edited(
            _L_SELECT_AND_INSERT_CONSTANTS,
            "sync_products.py",
            "def main():\n",
            'def add_one(cur, item):\n    cur.execute(INSERT_PRODUCT, (item["sku"], item["name"], item["price"]))\n\n\n'
            "def main():\n",
        ),
        [("sync_products.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_LEFT_CASES))
def test_left_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LEFT_CASES[name])


# Blind rounds 792-798
_BLIND_CASES: dict[str, Case] = {
    # `insert = text("INSERT ...")` run in a `try` whose handler catches SQLAlchemy's duplicate key
    # and rolls back (793)
    "text_insert_duplicate_rolled_back": (
        _B_TEXT_INSERT,
        [("load_weather.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: without the rollback it may be PostgreSQL's aborted transaction: still reported
    "text_insert_duplicate_passed": (
        _edited(_B_TEXT_INSERT, "load_weather.py", "            conn.rollback()\n", ""),
        [("load_weather.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # an INSERT in a function no file calls, in a module no entrypoint runs (794)
    "insert_in_uncalled_function": (
        _B_UNREACHED_INSERT,
        [("main.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: a function of another module no entrypoint runs calls it: still reported
    "insert_called_elsewhere": (
        {
            **_B_UNREACHED_INSERT,
            "jobs/backfill.py": "import csv\n\nfrom jobs.store import insert_postings\n\n\n"
            'def backfill(path):\n    with open(path, newline="") as fh:\n        insert_postings(list(csv.DictReader(fh)))\n',
        },
        [("main.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_BLIND_CASES))
def test_blind_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _BLIND_CASES[name])


# Held-out rounds 799-804, measured on fc311db
_HELD_OUT_CASES: dict[str, Case] = {
    # a table named by a sum, `"select 1 from " + market + "_KLINES_5M ..."`, looked up before the
    # INSERT the script keeps in a name runs, only when no row was found (803)
    "summed_table_keyed": (_H_SUMMED_TABLE, [("klines_5m.py", "job", "script")], ("non-idempotent-insert", 0)),
    # trap: the lookup reads another table: reported
    "summed_table_other_lookup": (
        _edited(_H_SUMMED_TABLE, "klines_5m.py", '"_KLINES_5M where OPEN_TIME', '"_KLINES_1H where OPEN_TIME'),
        [("klines_5m.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # an INSERT kept in a local name, run only after the lookup found no row
    "bound_insert_keyed": (
        _H_BOUND_INSERT_KEYED,
        [("register.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: the name also run without the lookup: reported
    "bound_insert_also_unkeyed": (
        _edited(
            _H_BOUND_INSERT_KEYED,
            "register.py",
            "    return added\n",
            '    cur.execute(insert_sql, (0, "admin"))\n    return added\n',
        ),
        [("register.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # `f"DROP TABLE IF EXISTS \"{table_name}\";"`, created again, then loaded: a rebuild (803)
    "quoted_table_rebuilt": (
        _H_QUOTED_TABLE_REBUILT,
        [("load_gtfs.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    # trap: another table dropped: reported
    "quoted_other_table_dropped": (
        _edited(
            _H_QUOTED_TABLE_REBUILT,
            "load_gtfs.py",
            'DROP TABLE IF EXISTS \\"{table_name}\\";',
            'DROP TABLE IF EXISTS \\"{table_name}_old\\";',
        ),
        [("load_gtfs.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    # a named database error ignored on purpose around an optional step of the script (803)
    "named_error_passed": (
        _H_NAMED_ERROR_PASSED,
        [("build_routes.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # trap: the handler reports the failure and the script carries on: lost
    "named_error_reported": (
        _edited(
            _H_NAMED_ERROR_PASSED,
            "build_routes.py",
            "        pass\n",
            '        print("could not register the geometry column")\n',
        ),
        [("build_routes.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_CASES))
def test_held_out_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_CASES[name])
