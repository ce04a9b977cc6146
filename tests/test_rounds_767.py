"""Session 45: what blind rounds 767 onwards showed, and what session 44 left, as small trees.

Each case fails on b7ee67a (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

_L_UNSEEN_APP_FACTORY = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nRUN pip install flask psycopg2-binary python-dotenv\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]\n\n    @app.route("/healthz")\n    def healthz():\n        return "ok"\n\n    @app.route("/database-size")\n    def database_size():\n        with psycopg2.connect(app.config["DATABASE_URL"]) as conn, conn.cursor() as cur:\n            cur.execute("SELECT pg_database_size(current_database())")\n            size = cur.fetchone()[0]\n        return jsonify(size=size)\n\n    return app\n',
    "wsgi.py": 'import os\n\nfrom dotenv import load_dotenv\n\nfrom home.app import create_app\n\nload_dotenv()\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}

_L_AIOHTTP_SETUP_REGISTERS = {
    "chat/__init__.py": "",
    "chat/broadcast.py": '"""Relays messages published on Redis to the websockets of this instance."""\nimport asyncio\nimport contextlib\nimport logging\nimport os\n\nimport redis.asyncio as redis\n\nlog = logging.getLogger(__name__)\n\nREDIS_URL = os.environ.get("REDIS_URL", "redis://redis:6379/0")\n\n\nasync def relay(app):\n    pubsub = app["redis"].pubsub()\n    await pubsub.subscribe("chat")\n    while True:\n        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)\n        if message is None:\n            continue\n        for ws in set(app["websockets"]):\n            await ws.send_str(message["data"].decode())\n\n\nasync def start_relay(app):\n    app["redis"] = redis.from_url(REDIS_URL)\n    app["relay"] = asyncio.create_task(relay(app))\n\n\nasync def stop_relay(app):\n    app["relay"].cancel()\n    with contextlib.suppress(asyncio.CancelledError):\n        await app["relay"]\n    await app["redis"].aclose()\n\n\ndef setup(app):\n    """Wires the relay into the app\'s life, the way aiohttp extensions do (`aiohttp_jinja2.setup(app)`)."""\n    app["websockets"] = set()\n    app.on_startup.append(start_relay)\n    app.on_cleanup.append(stop_relay)\n',
    "chat/server.py": 'import logging\nimport os\n\nfrom aiohttp import WSMsgType, web\n\nfrom chat import broadcast\n\nlogging.basicConfig(level=logging.INFO)\n\n\nasync def healthz(request):\n    return web.Response(text="ok")\n\n\nasync def websocket(request):\n    ws = web.WebSocketResponse(heartbeat=30)\n    await ws.prepare(request)\n    request.app["websockets"].add(ws)\n    try:\n        async for msg in ws:\n            if msg.type == WSMsgType.TEXT:\n                await request.app["redis"].publish("chat", msg.data)\n            elif msg.type == WSMsgType.ERROR:\n                break\n    finally:\n        request.app["websockets"].discard(ws)\n    return ws\n\n\ndef create_app():\n    app = web.Application()\n    app.router.add_get("/healthz", healthz)\n    app.router.add_get("/ws", websocket)\n    broadcast.setup(app)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(create_app(), port=int(os.environ.get("PORT", "8080")))\n',
    "requirements.txt": "aiohttp==3.9.5\nredis==5.0.4\n",
}

_L_SELECT_TEXT_CONSTANT_FORMAT = {
    "db.py": 'import os\n\nimport pymysql\n\n\nclass Db:\n    def __init__(self):\n        self.conn = pymysql.connect(\n            host=os.environ["MYSQL_HOST"],\n            user=os.environ["MYSQL_USER"],\n            password=os.environ["MYSQL_PASSWORD"],\n            database=os.environ.get("MYSQL_DATABASE", "catalog"),\n        )\n\n    def fetch_all(self, sql):\n        with self.conn.cursor() as cur:\n            cur.execute(sql)\n            return cur.fetchall()\n\n    def run(self, sql):\n        with self.conn.cursor() as cur:\n            cur.execute(sql)\n        self.conn.commit()\n',
    "requirements.txt": "pymysql==1.1.1\nrequests==2.32.3\n",
    "sync_products.py": '"""Copies new products from the supplier\'s feed into the catalog; run nightly by cron."""\nimport logging\nimport os\nimport sys\n\nimport requests\n\nfrom db import Db\n\nlog = logging.getLogger("sync_products")\n\nFEED_URL = os.environ.get("FEED_URL", "https://supplier.example.com/feed/products.json")\n\nFIND_PRODUCT = "SELECT id FROM products WHERE sku = \'{sku}\'"\n\n\ndef sync(db, products):\n    added = 0\n    for product in products:\n        sku = product["sku"].replace("\'", "")\n        query = FIND_PRODUCT.format(sku=sku)\n        existing = db.fetch_all(query)\n        if not existing:\n            query = "INSERT INTO products (sku, name, price_cents) VALUES (\'{}\', \'{}\', {})".format(\n                sku, product["name"].replace("\'", "\'\'"), int(product["price"] * 100)\n            )\n            db.run(query)\n            added += 1\n    return added\n\n\ndef missing(db, products):\n    """The feed\'s products the catalog lacks (`--dry-run`)."""\n    return [p["sku"] for p in products if not db.fetch_all(FIND_PRODUCT.format(sku=p["sku"].replace("\'", "")))]\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    response = requests.get(FEED_URL, timeout=60)\n    response.raise_for_status()\n    products = response.json()["products"]\n    if "--dry-run" in sys.argv:\n        log.info("would add %s", ", ".join(missing(Db(), products)) or "nothing")\n        return\n    added = sync(Db(), products)\n    log.info("%d new products", added)\n\n\nif __name__ == "__main__":\n    main()\n',
}


# Left by session 44's third review
_LEFT_CASES: dict[str, Case] = {
    # `from home.app import create_app`, `app = create_app()`, then `app.run()`: the factory of a
    # module out of the tree, which the tree holds under app/ building a Flask app: no job
    "unseen_app_factory": (_L_UNSEEN_APP_FACTORY, [("app/app.py", "api", "flask")], None),
    # trap: a factory of that module building no app (a pipeline) stays a job
    "unseen_pipeline_factory": (
        _edited(
            _edited(_L_UNSEEN_APP_FACTORY, "wsgi.py", "import create_app\n", "import create_pipeline as create_app\n"),
            "app/app.py",
            "    return app\n",
            "    return app\n\n\ndef create_pipeline():\n    return [healthz]\n",
        ),
        [("app/app.py", "api", "flask"), ("wsgi.py", "job", "python")],
        None,
    ),
    # aiohttp's extension pattern: the loop's module registers its own starter in `setup(app)`,
    # which the factory calls
    "aiohttp_setup_registers": (
        _L_AIOHTTP_SETUP_REGISTERS,
        [("chat/server.py", "api", "aiohttp"), ("chat/server.py", "worker", "consume-loop")],
        None,
    ),
    # trap: a setup registering the starter as a clean-up hook only starts no loop
    "aiohttp_setup_cleanup_only": (
        _edited(
            _L_AIOHTTP_SETUP_REGISTERS,
            "chat/broadcast.py",
            "on_startup.append(start_relay)",
            "on_shutdown.append(start_relay)",
        ),
        [("chat/server.py", "api", "aiohttp")],
        None,
    ),
    # the lookup's SELECT kept in a module constant, filled in with `.format()`: keyed
    "select_text_constant": (
        _L_SELECT_TEXT_CONSTANT_FORMAT,
        [("sync_products.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: the constant looks up another table: the insert is still reported
    "select_text_constant_other_table": (
        _edited(
            _L_SELECT_TEXT_CONSTANT_FORMAT,
            "sync_products.py",
            "SELECT id FROM products WHERE",
            "SELECT id FROM suppliers WHERE",
        ),
        [("sync_products.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_LEFT_CASES))
def test_left_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LEFT_CASES[name])


# Round 773: the existence check's answer kept in a name, then `if not is_folder_exist:`
_B_EXISTS_KEPT = {
    "main.py": '#!/usr/bin/env python3\nimport os\nimport subprocess\n\n# create the data folder if it does not exist\npath = os.getcwd() + "/data/"\nis_folder_exist = os.path.exists(path)\n\nif not is_folder_exist:\n    os.makedirs(path)\nelse:\n    subprocess.call(["./remove_old_data_files.py"])\n\nsubprocess.call(["./single_level_data_manager.py"])\n',
}

# Round 774: the blueprint re-exported by its package's `__init__.py`
_B_BLUEPRINT_REEXPORTED = {
    "src/__init__.py": "",
    "src/controllers/__init__.py": "from .currencies_controller import currencies_bp\n",
    "src/controllers/currencies_controller.py": 'import json\n\nfrom flask import Blueprint, jsonify, request\n\ncurrencies_bp = Blueprint("currencies", __name__)\n\n\n@currencies_bp.route("/currency_value", methods=["GET"])\ndef get_currency_value():\n    with open("src/files/currency_data.json") as f:\n        return jsonify(json.load(f).get("data", {}))\n\n\n@currencies_bp.route("/convert", methods=["GET"])\ndef convert():\n    amount = float(request.args.get("amount", "1"))\n    return jsonify(amount=amount)\n',
    "src/main.py": 'import logging\n\nfrom flask import Flask\n\nfrom .controllers import currencies_bp\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\napp.register_blueprint(currencies_bp, url_prefix="/api/v1")\n',
}

# Round 774: the runner serving the app imports a scheduler whose job module configures logging
_B_RUNNER_IMPORT_LOGS = {
    "src/__init__.py": "",
    "src/main.py": 'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/api/v1/rates")\ndef rates():\n    return jsonify({})\n',
    "src/scheduler/__init__.py": "from .base_scheduler import scheduler\n",
    "src/scheduler/base_scheduler.py": "from apscheduler.schedulers.background import BackgroundScheduler\nfrom apscheduler.triggers.cron import CronTrigger\n\nfrom .main_job import fetch_rates\n\nscheduler = BackgroundScheduler()\nscheduler.add_job(fetch_rates, trigger=CronTrigger(hour=8, minute=0))\n",
    "src/scheduler/main_job.py": 'import logging\nimport os\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef fetch_rates():\n    logging.info("fetching rates")\n    r = requests.get(os.environ["RATES_URL"], timeout=30)\n    r.raise_for_status()\n    with open("src/files/rates.json", "w") as f:\n        f.write(r.text)\n',
    "src/wsgi.py": 'from .main import app\nfrom .scheduler import scheduler\n\nif __name__ == "__main__":\n    scheduler.start()\n    app.run(debug=False)\n',
}

# Round 769: `print(..., file=f)` to a log file kept by hand, opened to append
_B_LOG_FILE_HANDLE = {
    "main.py": '#!/usr/bin/env python\nimport datetime\nimport sys\n\nimport requests\n\n\ndef main():\n    date = datetime.datetime.now().strftime("%Y-%m-%d %H-%M-%S")\n    try:\n        response = requests.get("http://playlists.internal:8000/playlists/", timeout=30).json()\n        with open("/workspace/cron/log/execute.log", "a") as f:\n            print(f"[{date}] {response[0][\'id\']}", file=f)\n    except Exception as e:\n        with open("/workspace/cron/log/error.log", "a") as f:\n            print(f"[{date}] {e!r}", file=f)\n        return 1\n    return 0\n\n\nsys.exit(main())\n',
}

# Round 769: `sys.exit(main())` at module level, `main()` dropping what its step's catch-all loses
_B_SCRIPT_STEP_LOSES = {
    "main_server.py": '#!/usr/bin/env python\nimport sys\n\nimport requests\n\nAPI = "http://playlists.internal:8000"\n\n\ndef main():\n    catch_data({"headers": {"accept": "application/json"}})\n    return 0\n\n\ndef catch_data(params):\n    try:\n        playlists = requests.get(f"{API}/playlists/", headers=params["headers"], timeout=30).json()\n        for playlist in playlists:\n            requests.post(f"{API}/sync/", json=playlist, timeout=30).raise_for_status()\n    except Exception as e:\n        with open("/workspace/cron/log/error.log", "a") as f:\n            print(f"{e!r}", file=f)\n    return 0\n\n\nsys.exit(main())\n',
}

# Round 771: a console script handing its Kafka producer a delivery callback that only prints
_B_CONSOLE_DELIVERY_PRINTS = {
    "pyproject.toml": '[project]\nname = "kafkatesting"\nversion = "0.1.0"\n\n[project.scripts]\nproducer = "kafkatesting.producer:main"\n',
    "src/kafkatesting/__init__.py": "",
    "src/kafkatesting/producer.py": 'import os\n\nfrom confluent_kafka import Producer\n\n\ndef main():\n    p = Producer({"bootstrap.servers": os.environ["KAFKA_BOOTSTRAP"]})\n\n    def delivery_report(err, msg):\n        if err is not None:\n            print(f"Message delivery failed: {err}")\n        else:\n            print(f"Message delivered to {msg.topic()} [{msg.partition()}]")\n\n    for i in range(1000):\n        p.poll(0)\n        p.produce("mytopic", str(i).encode("utf-8"), callback=delivery_report)\n    p.flush()\n',
}

# Round 772: an RQ worker whose script takes the jobs itself, `work()` never called
_B_RQ_HAND_LOOP = {
    "worker.py": 'import json\nimport os\nimport subprocess\n\nimport redis\nfrom rq import Connection, Queue, Worker\n\nlisten = ["high", "default", "low"]\nconn = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379"))\n\nif __name__ == "__main__":\n    with Connection(conn):\n        worker = Worker(map(Queue, listen))\n        while True:\n            job = worker.dequeue_job_and_maintain_ttl(420)[0]\n            query, callback_url = job.args[0], job.args[1]\n            result = {"query": query, "parsed": query.split()}\n            subprocess.run(["curl", "-X", "POST", "-d", json.dumps(result), callback_url], check=False)\n',
}

# Round 769: SQLAlchemy's async engine handed `drop_all`
_B_RUN_SYNC_DROP_ALL = {
    "fill.py": 'import asyncio\nimport os\n\nfrom sqlalchemy.ext.asyncio import create_async_engine\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\nengine = create_async_engine(os.environ["DATABASE_URL"])\n\n\nasync def init_models():\n    async with engine.begin() as conn:\n        await conn.run_sync(Base.metadata.drop_all)\n        await conn.run_sync(Base.metadata.create_all)\n\n\nif __name__ == "__main__":\n    asyncio.run(init_models())\n',
}

# Round 774: a response shown one way or, failing that, another; the status tested by the script
_B_SHOWN_TWO_WAYS = {
    "worker_main.py": 'import json\nimport os\nimport sys\n\nimport requests\n\nBASE_URL = os.getenv("BASE_URL", "https://factor.example.com")\nsession = requests.Session()\n\n\ndef attempt_once(try_no: int) -> int:\n    try:\n        r = session.get(f"{BASE_URL}/api/factor", timeout=90)\n        print("HTTP", r.status_code, flush=True)\n        try:\n            print(json.dumps(r.json(), indent=2))\n        except Exception:\n            print("body", (r.text or "")[:500], flush=True)\n        return 0 if r.ok else 2\n    except Exception as e:\n        print("requests_error", f"try={try_no}", repr(e), flush=True)\n        return 2\n\n\ncode = 2\nfor t in range(1, 5):\n    code = attempt_once(t)\n    if code == 0:\n        sys.exit(0)\n\nprint("final_error", "gave up", flush=True)\nsys.exit(2)\n',
}


_BLIND_CASES: dict[str, Case] = {
    # Round 773: `is_folder_exist = os.path.exists(path)`, then `if not is_folder_exist: os.makedirs(path)`
    "exists_answer_kept": (_B_EXISTS_KEPT, [("main.py", "job", "script")], ("non-idempotent-mkdir", 0)),
    # trap: a name bound to something else guards nothing
    "other_answer_kept": (
        _edited(_B_EXISTS_KEPT, "main.py", "os.path.exists(path)", 'os.getenv("SKIP_CLEANUP")'),
        [("main.py", "job", "script")],
        ("non-idempotent-mkdir", 1),
    ),
    # Round 774: a blueprint re-exported by its package (`from .controllers import currencies_bp`):
    # its routes are seen, and none is a health route
    "blueprint_reexported": (
        _B_BLUEPRINT_REEXPORTED,
        [("src/main.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    # trap: imported from its own module (as before)
    "blueprint_imported_direct": (
        _edited(
            _B_BLUEPRINT_REEXPORTED,
            "src/main.py",
            "from .controllers import currencies_bp",
            "from .controllers.currencies_controller import currencies_bp",
        ),
        [("src/main.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    # Round 774: the runner (`.main.app.run()`) imports a module that configures logging as it loads
    "runner_import_logs": (
        _B_RUNNER_IMPORT_LOGS,
        [("src/main.py", "api", "flask"), ("src/scheduler/base_scheduler.py", "job", "apscheduler")],
        ("missing-logging", {"src/main.py": "pass"}),
    ),
    # trap: set up in that module's own `__main__` block, it runs only when that module is run
    "runner_import_logs_in_main": (
        _edited(
            _edited(
                _B_RUNNER_IMPORT_LOGS, "src/scheduler/main_job.py", "logging.basicConfig(level=logging.INFO)\n", ""
            ),
            "src/scheduler/main_job.py",
            "        f.write(r.text)\n",
            '        f.write(r.text)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    fetch_rates()\n',
        ),
        [("src/main.py", "api", "flask"), ("src/scheduler/base_scheduler.py", "job", "apscheduler")],
        ("missing-logging", {"src/main.py": "fail"}),
    ),
    # Round 769: `with open("/workspace/cron/log/execute.log", "a") as f: print(..., file=f)`
    "log_file_handle": (_B_LOG_FILE_HANDLE, [("main.py", "job", "script")], ("bare-print", 2)),
    # trap: a data file written with print is output
    "data_file_handle": (
        _edited(
            _edited(_B_LOG_FILE_HANDLE, "main.py", "cron/log/execute.log", "cron/out/playlists.csv"),
            "main.py",
            "cron/log/error.log",
            "cron/out/errors.csv",
        ),
        [("main.py", "job", "script")],
        ("bare-print", 0),
    ),
    # Round 769: the script's `sys.exit(main())`, `main()` calling a step whose catch-all only writes the error down
    "script_step_loses": (_B_SCRIPT_STEP_LOSES, [("main_server.py", "job", "script")], ("missing-exit-code", "fail")),
    # trap: the step raises after writing it down
    "script_step_raises": (
        _edited(
            _B_SCRIPT_STEP_LOSES,
            "main_server.py",
            '            print(f"{e!r}", file=f)\n',
            '            print(f"{e!r}", file=f)\n        raise\n',
        ),
        [("main_server.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # Round 771: a console script whose producer's delivery callback only prints a failed delivery
    "console_delivery_prints": (
        _B_CONSOLE_DELIVERY_PRINTS,
        [("src/kafkatesting/producer.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the callback raises
    "console_delivery_raises": (
        _edited(
            _B_CONSOLE_DELIVERY_PRINTS,
            "src/kafkatesting/producer.py",
            'print(f"Message delivery failed: {err}")',
            'raise RuntimeError(f"Message delivery failed: {err}")',
        ),
        [("src/kafkatesting/producer.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Round 772: an RQ `Worker` whose jobs the script takes itself: a worker (no job), its own
    # loop never handling SIGTERM, and logging never set up
    "rq_hand_loop": (_B_RQ_HAND_LOOP, [("worker.py", "worker", "rq")], ("missing-graceful-shutdown", "fail")),
    "rq_hand_loop_logging": (_B_RQ_HAND_LOOP, [("worker.py", "worker", "rq")], ("missing-logging", "fail")),
    # Round 769: `await conn.run_sync(Base.metadata.drop_all)` drops every table
    "run_sync_drop_all": (_B_RUN_SYNC_DROP_ALL, [("fill.py", "job", "python")], ("missing-dry-run", "fail")),
    # trap: handed `create_all` only, it deletes nothing
    "run_sync_create_all": (
        _edited(_B_RUN_SYNC_DROP_ALL, "fill.py", "        await conn.run_sync(Base.metadata.drop_all)\n", ""),
        [("fill.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # Round 774: the response shown as JSON or else as text (no work tried), the status tested
    # by the script, which exits 2 when every attempt failed
    "shown_two_ways": (_B_SHOWN_TWO_WAYS, [("worker_main.py", "job", "script")], ("missing-exit-code", "pass")),
    # trap: the script drops the status
    "status_dropped": (
        _edited(
            _B_SHOWN_TWO_WAYS,
            "worker_main.py",
            'print("final_error", "gave up", flush=True)\nsys.exit(2)\n',
            'print("final_error", "gave up", flush=True)\n',
        ),
        [("worker_main.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_BLIND_CASES))
def test_blind_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _BLIND_CASES[name])


# Round 781: the app the `__main__` block builds, handed to the file's function that registers the
# blueprints and returns it, then run
_B2_APP_HANDED_TO_SETUP = {
    "server/app.py": 'from flask import Flask\n\nfrom blueprints.prices import prices\n\n\ndef create_app(app):\n    app.register_blueprint(prices)\n    return app\n\n\nif __name__ == "__main__":\n    app = Flask(__name__)\n    create_app(app).run(host="0.0.0.0", debug=False, port=9000)\n',
    "server/blueprints/__init__.py": "",
    "server/blueprints/prices.py": 'from flask import Blueprint, jsonify\n\nprices = Blueprint("prices", __name__)\n\n\n@prices.route("/prices/latest")\ndef latest():\n    return jsonify(price=1)\n',
}

# Round 779: cron pipes its output into a script whose whole work is sending it to a chat
_B2_CHAT_IS_THE_WORK = {
    "send_to_telegram.py": '#!/usr/bin/env python3\nimport os\nimport sys\n\nimport requests\n\nBOT_TOKEN = os.getenv("TELEGRAM_BOT_TOKEN")\nCHAT_ID = os.getenv("TELEGRAM_CHAT_ID")\n\n\ndef send_message(text):\n    payload = {"chat_id": CHAT_ID, "text": text[:4000]}\n    try:\n        response = requests.post(f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage", data=payload, timeout=10)\n        if not response.ok:\n            print(f"Telegram error: {response.status_code}", file=sys.stderr)\n    except Exception as e:\n        print(f"Failed to send message: {e}", file=sys.stderr)\n\n\nif __name__ == "__main__":\n    message = sys.stdin.read()\n    if message.strip():\n        send_message(message)\n',
}

# Round 779: a block exiting 1 from its own handler, around a crawl that only prints what failed
_B2_HANDLER_EXITS_ONE = {
    "crawler/__init__.py": "",
    "crawler/crawl.py": 'import subprocess\n\nimport requests\n\n\ndef run():\n    r = requests.get("https://www.sec.gov/Archives/edgar/daily-index/", timeout=30)\n    r.raise_for_status()\n    try:\n        subprocess.run(["python3", "clean_transfer.py"], check=True)\n    except subprocess.CalledProcessError as e:\n        print(f"Clean transfer subprocess error: {e}")\n',
    "daily_crawler.py": 'import sys\n\nfrom crawler.crawl import run as crawl_data\n\nif __name__ == "__main__":\n    try:\n        crawl_data()\n    except Exception as e:\n        print(f"Daily crawler failed: {e}")\n        sys.exit(1)\n',
}

# Round 779: an admin key read with a literal fallback
_B2_ADMIN_KEY_FALLBACK = {
    "monitor.py": 'import os\n\nimport requests\n\nAPI_BASE = os.environ.get("SM_API_BASE", "https://events.example.org/api")\nADMIN_KEY = os.environ.get("SM_ADMIN_KEY", "livetrader2026")\n\n\ndef post_report(report):\n    r = requests.post(f"{API_BASE}/report", json=report, headers={"X-Admin-Key": ADMIN_KEY}, timeout=30)\n    r.raise_for_status()\n\n\nif __name__ == "__main__":\n    post_report({"ok": True})\n',
}


_BLIND_2_CASES: dict[str, Case] = {
    # Round 781: `app = Flask(__name__)` then `create_app(app).run(...)`: the block serves, no job
    "app_handed_to_setup": (_B2_APP_HANDED_TO_SETUP, [("server/app.py", "api", "flask")], None),
    # trap: a pipeline handed to a function of the file and run stays a job
    "pipeline_handed_to_setup": (
        _edited(_B2_APP_HANDED_TO_SETUP, "server/app.py", "    app = Flask(__name__)\n", "    app = object()\n"),
        [("server/app.py", "job", "python")],
        None,
    ),
    # Round 779: reading stdin is no work: sending it is the whole job, and a failed send exits 0
    "chat_is_the_work": (
        _B2_CHAT_IS_THE_WORK,
        [("send_to_telegram.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: beside work of its own, the notice's failure is not the job's
    "chat_beside_work": (
        _edited(
            _B2_CHAT_IS_THE_WORK,
            "send_to_telegram.py",
            "        send_message(message)\n",
            '        with open("/var/log/cron-output.txt", "a") as f:\n            f.write(message)\n        send_message(message)\n',
        ),
        [("send_to_telegram.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Round 779: the block exits 1 on an exception, but the crawl only prints a failed command
    "handler_exits_one": (
        _B2_HANDLER_EXITS_ONE,
        [("daily_crawler.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # trap: the crawl raises after printing it
    "handler_exits_one_raised": (
        _edited(
            _B2_HANDLER_EXITS_ONE,
            "crawler/crawl.py",
            '        print(f"Clean transfer subprocess error: {e}")\n',
            '        print(f"Clean transfer subprocess error: {e}")\n        raise\n',
        ),
        [("daily_crawler.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # Round 779: `os.environ.get("SM_ADMIN_KEY", "livetrader2026")`
    "admin_key_fallback": (_B2_ADMIN_KEY_FALLBACK, [("monitor.py", "job", "python")], ("hardcoded-secret-fallback", 1)),
    # trap: an admin's address is no secret
    "admin_mail_fallback": (
        _edited(
            _B2_ADMIN_KEY_FALLBACK,
            "monitor.py",
            'ADMIN_KEY = os.environ.get("SM_ADMIN_KEY", "livetrader2026")',
            'ADMIN_KEY = os.environ.get("SM_ADMIN_MAIL", "ops@example.org")',
        ),
        [("monitor.py", "job", "python")],
        ("hardcoded-secret-fallback", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_BLIND_2_CASES))
def test_blind_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _BLIND_2_CASES[name])


# The first review of 1b65aa3 (rules)
_R_B_LEDGER_READ_BY_PATH = {
    "mailer.py": '"""Sends the weekly newsletter; `sent.log` records who already got it, so a re-run skips them."""\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nlog = logging.getLogger("mailer")\n\n\ndef already_sent():\n    ledger = Path("sent.log")\n    if not ledger.exists():\n        return set()\n    return set(ledger.read_text().split())\n\n\ndef build(rcpt, body):\n    msg = EmailMessage()\n    msg["From"] = "news@example.com"\n    msg["To"] = rcpt\n    msg["Subject"] = "This week"\n    msg.set_content(body)\n    return msg\n\n\ndef main(recipients_file):\n    with open(recipients_file) as f:\n        recipients = [line.strip() for line in f if line.strip()]\n    body = Path("newsletter.txt").read_text()\n    done = already_sent()\n    sent = 0\n    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost")) as smtp, open("sent.log", "a") as ledger:\n        for rcpt in recipients:\n            if rcpt in done:\n                continue\n            smtp.send_message(build(rcpt, body))\n            print(rcpt, file=ledger, flush=True)\n            sent += 1\n    log.info("sent %d, skipped %d", sent, len(recipients) - sent)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(sys.argv[1]))\n',
}

_R_B_CSV_IN_LOGS_DIR = {
    "top_ips.py": '#!/usr/bin/env python3\n"""Daily: counts yesterday\'s requests per client IP from the nginx access log and writes the top 50\nas a CSV next to it, which the ops dashboard picks up."""\nimport collections\nimport datetime\nimport logging\nimport re\n\nlog = logging.getLogger("top_ips")\n\nACCESS_LOG = "/var/log/nginx/access.log"\nLINE = re.compile(r\'^(?P<ip>\\S+) \\S+ \\S+ \\[(?P<day>[^:]+):\')\n\n\ndef count(day):\n    hits = collections.Counter()\n    with open(ACCESS_LOG, encoding="utf-8", errors="replace") as f:\n        for line in f:\n            m = LINE.match(line)\n            if m and m["day"] == day:\n                hits[m["ip"]] += 1\n    return hits\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    yesterday = datetime.date.today() - datetime.timedelta(days=1)\n    hits = count(yesterday.strftime("%d/%b/%Y"))\n    with open(f"/var/log/nginx/reports/top-ips-{yesterday.isoformat()}.csv", "w") as out:\n        print("ip,requests", file=out)\n        for ip, n in hits.most_common(50):\n            print(f"{ip},{n}", file=out)\n    log.info("%d clients, %d requests", len(hits), sum(hits.values()))\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_B_LOG_HANDLE_NAME_REUSED = {
    "export_events.py": '#!/usr/bin/env python3\n"""Hourly: dumps the last hour\'s events as gzipped JSON lines for the warehouse; appends a line per\nrun to the cron log."""\nimport datetime\nimport gzip\nimport json\nimport os\nimport sys\n\nimport psycopg2\n\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/exports/events")\n\n\ndef main():\n    now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)\n    since = now - datetime.timedelta(hours=1)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, kind, payload, created_at FROM events WHERE created_at >= %s AND created_at < %s", (since, now))\n        rows = cur.fetchall()\n    with open("/var/log/export_events/cron.log", "a") as f:\n        print(f"[{now:%Y-%m-%d %H:%M}] exporting {len(rows)} events", file=f)\n    path = os.path.join(EXPORT_DIR, f"events-{since:%Y%m%d%H}.jsonl.gz")\n    with gzip.open(path, "wt", encoding="utf-8") as f:\n        for event_id, kind, payload, created_at in rows:\n            print(json.dumps({"id": event_id, "kind": kind, "payload": payload, "at": created_at.isoformat()}), file=f)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_B_LOG_NAME_REGEX_SHADOWED = {
    "backup.py": '#!/usr/bin/env python3\n"""Nightly pg_dump of the orders database to the backup volume; run by cron."""\nimport argparse\nimport datetime\nimport os\nimport subprocess\nimport sys\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\nERROR_LOG = os.environ.get("BACKUP_ERROR_LOG", "/var/log/backup/error.log")\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--database", default=os.environ.get("PGDATABASE", "orders"))\n    parser.add_argument("--logfile", default="/var/log/backup/backup.log")\n    return parser.parse_args()\n\n\ndef main():\n    args = parse_args()\n    stamp = datetime.datetime.now().strftime("%Y-%m-%d_%H%M%S")\n    target = os.path.join(BACKUP_DIR, f"{args.database}-{stamp}.dump")\n    result = subprocess.run(["pg_dump", "-Fc", "-f", target, args.database], capture_output=True, text=True)\n    if result.returncode != 0:\n        with open(ERROR_LOG, "a") as fh:\n            print(f"[{stamp}] pg_dump failed ({result.returncode}): {result.stderr.strip()}", file=fh)\n        return 1\n    with open(args.logfile, "a") as fh:\n        print(f"[{stamp}] wrote {target} ({os.path.getsize(target)} bytes)", file=fh)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_B_SELECT_CONSTANT_OTHER_USE = {
    "import_payments.py": '"""Nightly: books the bank\'s payment file against customer accounts; payments whose account is\nunknown are parked in unmatched_payments for the finance team (`--report` lists them)."""\nimport csv\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("import_payments")\n\nPAYMENTS_CSV = os.environ.get("PAYMENTS_CSV", "/data/inbox/payments.csv")\nLIST_UNMATCHED = "SELECT external_id, amount, received_on FROM unmatched_payments ORDER BY received_on"\n\n\ndef book(cur, payment):\n    cur.execute("SELECT id FROM accounts WHERE external_id = %s", (payment["account"],))\n    account = cur.fetchone()\n    if account is None:\n        cur.execute(\n            "INSERT INTO unmatched_payments (external_id, amount, received_on) VALUES (%s, %s, %s)",\n            (payment["account"], payment["amount"], payment["date"]),\n        )\n        return False\n    cur.execute(\n        "UPDATE accounts SET balance = balance + %s WHERE id = %s",\n        (payment["amount"], account[0]),\n    )\n    return True\n\n\ndef report(cur):\n    cur.execute(LIST_UNMATCHED)\n    for external_id, amount, received_on in cur.fetchall():\n        log.info("unmatched %s %s on %s", external_id, amount, received_on)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        if "--report" in sys.argv:\n            report(cur)\n            return 0\n        with open(PAYMENTS_CSV, newline="") as f:\n            booked = sum(book(cur, row) for row in csv.DictReader(f))\n    log.info("booked %d payments", booked)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_B_STATUS_TESTED_ONLY_REPORTED = {
    "backup.py": '#!/usr/bin/env python3\n"""Dumps one database to the backup volume; run by cron as `backup.py <database>`."""\nimport datetime\nimport os\nimport subprocess\nimport sys\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\n\n\ndef run_backup(database):\n    stamp = datetime.date.today().isoformat()\n    target = os.path.join(BACKUP_DIR, f"{database}-{stamp}.dump")\n    rc = subprocess.call(["pg_dump", "-Fc", "-f", target, database])\n    if rc != 0:\n        return rc\n    return subprocess.call(["gzip", "-f", target])\n\n\nif len(sys.argv) != 2:\n    print("usage: backup.py <database>", file=sys.stderr)\n    sys.exit(2)\n\nstatus = run_backup(sys.argv[1])\nif status != 0:\n    print(f"backup of {sys.argv[1]} failed with status {status}", file=sys.stderr)\n',
}

_R_B_SHOWN_WRITES_EXPORT = {
    "export_tickets.py": '#!/usr/bin/env python3\n"""Nightly: exports every ticket from the helpdesk API as JSON lines for the warehouse loader."""\nimport json\nimport logging\nimport os\n\nimport requests\n\nlog = logging.getLogger("export_tickets")\n\nAPI = os.environ.get("HELPDESK_API", "https://helpdesk.example.com/api/v2")\nOUT = os.environ.get("EXPORT_PATH", "/exports/tickets.jsonl")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    session = requests.Session()\n    session.headers["Authorization"] = f"Bearer {os.environ[\'HELPDESK_TOKEN\']}"\n    ids = session.get(f"{API}/tickets/ids", timeout=60).json()\n    with open(OUT, "w") as out:\n        for ticket_id in ids:\n            r = session.get(f"{API}/tickets/{ticket_id}", timeout=30)\n            try:\n                print(json.dumps(r.json()), file=out)\n            except Exception:\n                log.error("ticket %s: not JSON (HTTP %s)", ticket_id, r.status_code)\n    log.info("exported %d tickets", len(ids))\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_B_EXISTS_ANSWER_COMPARED = {
    "prepare.py": '#!/usr/bin/env python3\n"""Prepares the working folders, then runs the data manager; run by cron every hour."""\nimport os\nimport subprocess\nimport sys\n\nBASE = os.path.dirname(os.path.abspath(__file__))\n\n\ndef prepare_data_dir():\n    path = os.path.join(BASE, "data")\n    is_folder_exist = os.path.exists(path)\n    if is_folder_exist == False:\n        os.makedirs(path)\n    else:\n        subprocess.call([sys.executable, os.path.join(BASE, "remove_old_data_files.py")])\n\n\ndef prepare_out_dir(keep_output):\n    out = os.path.join(BASE, "out")\n    out_exists = os.path.isdir(out)\n    if not out_exists and keep_output:\n        os.mkdir(out)\n\n\ndef prepare_cache_dir():\n    cache = os.path.join(BASE, "cache")\n    cache_exists = os.path.isdir(cache)\n    if cache_exists:\n        print("reusing", cache)\n    else:\n        os.makedirs(cache)\n\n\nif __name__ == "__main__":\n    prepare_data_dir()\n    prepare_out_dir(keep_output=os.environ.get("KEEP_OUTPUT") == "1")\n    prepare_cache_dir()\n    sys.exit(subprocess.call([sys.executable, os.path.join(BASE, "single_level_data_manager.py")]))\n',
}

_R_B_RUN_SYNC_CORE_METADATA = {
    "reset_db.py": 'import asyncio\nimport os\n\nimport sqlalchemy as sa\nfrom sqlalchemy.ext.asyncio import create_async_engine\n\nmetadata = sa.MetaData()\n\nusers = sa.Table(\n    "users",\n    metadata,\n    sa.Column("id", sa.Integer, primary_key=True),\n    sa.Column("email", sa.String(255), unique=True, nullable=False),\n)\n\nengine = create_async_engine(os.environ["DATABASE_URL"])\n\n\nasync def reset():\n    async with engine.begin() as conn:\n        await conn.run_sync(metadata.drop_all)\n        await conn.run_sync(metadata.create_all)\n    await engine.dispose()\n\n\nif __name__ == "__main__":\n    asyncio.run(reset())\n',
}

_R_B_RQ_HAND_LOOP_IN_HELPER = {
    "Procfile": "worker: python worker.py\n",
    "pipeline/__init__.py": "",
    "pipeline/runner.py": '"""Takes the jobs one at a time and runs them in this process (no fork per job), so the models\nthe jobs use are loaded once."""\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\ndef run_forever(worker):\n    while True:\n        result = worker.dequeue_job_and_maintain_ttl(420)\n        if result is None:\n            continue\n        job, queue = result\n        log.info("running %s", job.id)\n        worker.perform_job(job, queue)\n',
    "pipeline/tasks.py": 'import logging\n\nfrom PIL import Image\n\nlog = logging.getLogger(__name__)\n\n\ndef make_thumbnail(path, size=(256, 256)):\n    with Image.open(path) as im:\n        im.thumbnail(size)\n        out = path.rsplit(".", 1)[0] + "_thumb.jpg"\n        im.save(out, "JPEG")\n    log.info("thumbnail %s", out)\n    return out\n',
    "requirements.txt": "rq==1.16.2\nredis==5.0.4\npillow==10.3.0\n",
    "worker.py": '"""RQ worker for the image pipeline; started by the Procfile (`worker: python worker.py`)."""\nimport os\n\nimport redis\nfrom rq import Queue, Worker\n\nfrom pipeline.runner import run_forever\n\nconn = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379"))\n\nif __name__ == "__main__":\n    worker = Worker([Queue(name, connection=conn) for name in ("high", "default")], connection=conn)\n    run_forever(worker)\n',
}


_REVIEW_CASES: dict[str, Case] = {
    # a `.log` ledger read back through pathlib is data
    "ledger_read_by_path": (_R_B_LEDGER_READ_BY_PATH, [("mailer.py", "job", "python")], ("bare-print", 0)),
    # a CSV report under a logs directory is output
    "csv_in_logs_dir": (_R_B_CSV_IN_LOGS_DIR, [("top_ips.py", "job", "python")], ("bare-print", 0)),
    # the log handle forgotten when its block ends: the data written later under the same name is output
    "log_handle_name_reused": (_R_B_LOG_HANDLE_NAME_REUSED, [("export_events.py", "job", "python")], ("bare-print", 1)),
    # handles opened on names for logs, `ERROR_LOG` and `args.logfile`
    "log_named_handles": (_R_B_LOG_NAME_REGEX_SHADOWED, [("backup.py", "job", "argparse")], ("bare-print", 2)),
    # a report query's constant on another function's table keys no insert
    "select_constant_other_use": (
        _R_B_SELECT_CONSTANT_OTHER_USE,
        [("import_payments.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a status tested only to print it, the script's one non-zero exit a usage check before the work
    "status_tested_only_reported": (
        _R_B_STATUS_TESTED_ONLY_REPORTED,
        [("backup.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # `print(json.dumps(r.json()), file=out)`: the export's data written, not output shown
    "shown_writes_export": (
        _R_B_SHOWN_WRITES_EXPORT,
        [("export_tickets.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # the kept answer compared with False, in an `and`, and as the `if` whose `else:` makes the directory
    "exists_answer_compared": (
        _R_B_EXISTS_ANSWER_COMPARED,
        [("prepare.py", "job", "python")],
        ("non-idempotent-mkdir", 0),
    ),
    # SQLAlchemy Core's `metadata.drop_all` handed to an async connection
    "run_sync_core_metadata": (
        _R_B_RUN_SYNC_CORE_METADATA,
        [("reset_db.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # the RQ hand loop in a helper module: nothing sets logging up
    "rq_hand_loop_in_helper": (
        _R_B_RQ_HAND_LOOP_IN_HELPER,
        [("worker.py", "worker", "rq")],
        ("missing-logging", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# The first review of 1b65aa3 (classification)
_R_A_SETUP_OTHER_HOOK = {
    "requirements.txt": "aiohttp==3.9.5\nasyncpg==0.29.0\nredis==5.0.4\n",
    "shop/__init__.py": "",
    "shop/api.py": '"""The orders API: reads and writes orders, no websockets."""\nimport logging\nimport os\n\nfrom aiohttp import web\n\nfrom shop import lifecycle\n\nlogging.basicConfig(level=logging.INFO)\nroutes = web.RouteTableDef()\n\n\n@routes.get("/healthz")\nasync def healthz(request):\n    return web.Response(text="ok")\n\n\n@routes.get("/orders/{order_id}")\nasync def get_order(request):\n    row = await request.app["db"].fetchrow("SELECT id, status FROM orders WHERE id = $1", int(request.match_info["order_id"]))\n    if row is None:\n        raise web.HTTPNotFound()\n    return web.json_response(dict(row))\n\n\ndef create_app():\n    app = web.Application()\n    app.add_routes(routes)\n    lifecycle.setup_db(app)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(create_app(), port=int(os.environ.get("PORT", "8080")))\n',
    "shop/lifecycle.py": '"""Start-up and clean-up pieces the shop\'s aiohttp services share."""\nimport asyncio\nimport contextlib\nimport logging\nimport os\n\nimport asyncpg\nimport redis.asyncio as redis\n\nlog = logging.getLogger(__name__)\n\n\nasync def db_ctx(app):\n    app["db"] = await asyncpg.create_pool(os.environ["DATABASE_URL"])\n    yield\n    await app["db"].close()\n\n\ndef setup_db(app):\n    app.cleanup_ctx.append(db_ctx)\n\n\nasync def relay(app):\n    pubsub = app["redis"].pubsub()\n    await pubsub.subscribe("orders")\n    while True:\n        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)\n        if message is None:\n            continue\n        for ws in set(app["websockets"]):\n            await ws.send_str(message["data"].decode())\n\n\nasync def start_relay(app):\n    app["redis"] = redis.from_url(os.environ.get("REDIS_URL", "redis://redis:6379/0"))\n    app["relay"] = asyncio.create_task(relay(app))\n\n\nasync def stop_relay(app):\n    app["relay"].cancel()\n    with contextlib.suppress(asyncio.CancelledError):\n        await app["relay"]\n    await app["redis"].aclose()\n\n\ndef setup_relay(app):\n    app["websockets"] = set()\n    app.on_startup.append(start_relay)\n    app.on_cleanup.append(stop_relay)\n',
    "shop/live.py": '"""Live order updates over websockets, relayed from Redis."""\nimport logging\nimport os\n\nfrom aiohttp import WSMsgType, web\n\nfrom shop import lifecycle\n\nlogging.basicConfig(level=logging.INFO)\n\n\nasync def healthz(request):\n    return web.Response(text="ok")\n\n\nasync def websocket(request):\n    ws = web.WebSocketResponse(heartbeat=30)\n    await ws.prepare(request)\n    request.app["websockets"].add(ws)\n    try:\n        async for msg in ws:\n            if msg.type == WSMsgType.ERROR:\n                break\n    finally:\n        request.app["websockets"].discard(ws)\n    return ws\n\n\ndef create_app():\n    app = web.Application()\n    app.router.add_get("/healthz", healthz)\n    app.router.add_get("/ws", websocket)\n    lifecycle.setup_db(app)\n    lifecycle.setup_relay(app)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(create_app(), port=int(os.environ.get("PORT", "8081")))\n',
}

_R_A_RQ_SETUP_LOGHANDLERS = {
    "requirements.txt": "rq==1.16.2\nredis==5.0.4\nrequests==2.32.3\n",
    "worker.py": '"""Runs the report jobs the web app enqueues, one at a time, and posts each result back."""\nimport os\n\nimport redis\nimport requests\nfrom rq import Queue, Worker\nfrom rq.logutils import setup_loghandlers\n\nconn = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379"))\nqueues = [Queue(name, connection=conn) for name in ("reports", "default")]\n\n\ndef main():\n    setup_loghandlers("INFO")\n    worker = Worker(queues, connection=conn)\n    worker.register_birth()\n    try:\n        while True:\n            result = worker.dequeue_job_and_maintain_ttl(420)\n            if result is None:\n                continue\n            job, queue = result\n            worker.execute_job(job, queue)\n            requests.post(job.meta["callback_url"], json={"id": job.id, "status": job.get_status()}, timeout=30)\n    finally:\n        worker.register_death()\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_A_UNSEEN_FACTORY_IN_MAIN = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nRUN pip install flask psycopg2-binary python-dotenv\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]\n\n    @app.route("/healthz")\n    def healthz():\n        return "ok"\n\n    @app.route("/database-size")\n    def database_size():\n        with psycopg2.connect(app.config["DATABASE_URL"]) as conn, conn.cursor() as cur:\n            cur.execute("SELECT pg_database_size(current_database())")\n            size = cur.fetchone()[0]\n        return jsonify(size=size)\n\n    return app\n',
    "wsgi.py": 'import os\n\nfrom dotenv import load_dotenv\n\nfrom home.app import create_app\n\nload_dotenv()\n\nif __name__ == "__main__":\n    app = create_app()\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}

_R_A_ROUTER_ALIAS_REEXPORT = {
    "app/__init__.py": "",
    "app/db.py": 'import os\n\nimport asyncpg\n\n_pool = None\n\n\nasync def pool():\n    global _pool\n    if _pool is None:\n        _pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])\n    return _pool\n\n\nasync def list_items(limit):\n    rows = await (await pool()).fetch("SELECT id, name FROM items ORDER BY id LIMIT $1", limit)\n    return [dict(r) for r in rows]\n\n\nasync def get_item(item_id):\n    row = await (await pool()).fetchrow("SELECT id, name FROM items WHERE id = $1", item_id)\n    return dict(row) if row else None\n\n\nasync def get_user(user_id):\n    row = await (await pool()).fetchrow("SELECT id, email FROM users WHERE id = $1", user_id)\n    return dict(row) if row else None\n',
    "app/main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom app.routers import items_router, users_router\n\nlogging.basicConfig(level=logging.INFO)\n\napp = FastAPI(title="catalog")\napp.include_router(items_router)\napp.include_router(users_router)\n',
    "app/routers/__init__.py": 'from .items import router as items_router\nfrom .users import router as users_router\n\n__all__ = ["items_router", "users_router"]\n',
    "app/routers/items.py": 'from fastapi import APIRouter, HTTPException\n\nfrom app.db import get_item, list_items\n\nrouter = APIRouter(prefix="/items", tags=["items"])\n\n\n@router.get("/")\nasync def read_items(limit: int = 50):\n    return await list_items(limit)\n\n\n@router.get("/{item_id}")\nasync def read_item(item_id: int):\n    item = await get_item(item_id)\n    if item is None:\n        raise HTTPException(status_code=404, detail="Item not found")\n    return item\n',
    "app/routers/users.py": 'from fastapi import APIRouter, HTTPException\n\nfrom app.db import get_user\n\nrouter = APIRouter(prefix="/users", tags=["users"])\n\n\n@router.get("/{user_id}")\nasync def read_user(user_id: int):\n    user = await get_user(user_id)\n    if user is None:\n        raise HTTPException(status_code=404, detail="User not found")\n    return user\n',
    "requirements.txt": "fastapi==0.111.0\nuvicorn==0.30.1\nasyncpg==0.29.0\n",
}

_R_A_BLUEPRINT_STAR_REEXPORT = {
    "src/__init__.py": "",
    "src/controllers/__init__.py": "from .currencies_controller import *\n",
    "src/controllers/currencies_controller.py": 'import json\n\nfrom flask import Blueprint, jsonify, request\n\ncurrencies_bp = Blueprint("currencies", __name__)\n\n\n@currencies_bp.route("/currency_value", methods=["GET"])\ndef get_currency_value():\n    with open("src/files/currency_data.json") as f:\n        return jsonify(json.load(f).get("data", {}))\n\n\n@currencies_bp.route("/convert", methods=["GET"])\ndef convert():\n    amount = float(request.args.get("amount", "1"))\n    return jsonify(amount=amount)\n',
    "src/main.py": 'import logging\n\nfrom flask import Flask\n\nfrom .controllers import currencies_bp\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\napp.register_blueprint(currencies_bp, url_prefix="/api/v1")\n',
}

_R_A_NESTED_BP_ON_REEXPORT = {
    "app/__init__.py": "",
    "app/api/__init__.py": 'from .blueprint import api_bp\nfrom .orders import orders_bp\n\n__all__ = ["api_bp", "orders_bp"]\n',
    "app/api/blueprint.py": 'from flask import Blueprint\n\napi_bp = Blueprint("api", __name__, url_prefix="/api")\n',
    "app/api/orders.py": 'import os\n\nimport psycopg2\nfrom flask import Blueprint, abort, jsonify\n\norders_bp = Blueprint("orders", __name__, url_prefix="/orders")\n\n\n@orders_bp.get("/<int:order_id>")\ndef get_order(order_id):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, status FROM orders WHERE id = %s", (order_id,))\n        row = cur.fetchone()\n    if row is None:\n        abort(404)\n    return jsonify(id=row[0], status=row[1])\n',
    "app/main.py": "import logging\n\nfrom flask import Flask\n\nfrom app.api import api_bp, orders_bp\n\nlogging.basicConfig(level=logging.INFO)\n\napp = Flask(__name__)\napi_bp.register_blueprint(orders_bp)\napp.register_blueprint(api_bp)\n",
    "requirements.txt": "flask==3.0.3\npsycopg2-binary==2.9.9\n",
}

_R_A_RQ_DEQUEUE_ANY = {
    "requirements.txt": "rq==1.16.2\nredis==5.0.4\n",
    "worker.py": '"""Runs the thumbnail jobs the web app enqueues, one at a time."""\nimport os\n\nimport redis\nfrom rq import Queue, Worker\n\nconn = redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379"))\nqueues = [Queue(name, connection=conn) for name in ("thumbnails", "default")]\n\nif __name__ == "__main__":\n    worker = Worker(queues, connection=conn)\n    while True:\n        result = Queue.dequeue_any(queues, timeout=60, connection=conn)\n        if result is None:\n            continue\n        job, queue = result\n        worker.perform_job(job, queue)\n',
}


_REVIEW_2_CASES: dict[str, Case] = {
    # a module's setup function registering another hook starts no loop; the one registering the starter does
    "setup_other_hook": (
        _R_A_SETUP_OTHER_HOOK,
        [
            ("shop/api.py", "api", "aiohttp"),
            ("shop/live.py", "api", "aiohttp"),
            ("shop/live.py", "worker", "consume-loop"),
        ],
        None,
    ),
    # RQ's `setup_loghandlers()` before a loop taking the jobs itself sets logging up
    "rq_setup_loghandlers": (_R_A_RQ_SETUP_LOGHANDLERS, [("worker.py", "worker", "rq")], ("missing-logging", "pass")),
    # the unseen module's factory called in the `__main__` block itself
    "unseen_factory_in_main": (_R_A_UNSEEN_FACTORY_IN_MAIN, [("app/app.py", "api", "flask")], None),
    # a router re-exported under another name: its routes are seen
    "router_alias_reexport": (
        _R_A_ROUTER_ALIAS_REEXPORT,
        [("app/main.py", "api", "fastapi")],
        ("missing-health-route", "fail"),
    ),
    # a blueprint re-exported with `import *`
    "blueprint_star_reexport": (
        _R_A_BLUEPRINT_STAR_REEXPORT,
        [("src/main.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    # a blueprint nested on one the package re-exports
    "nested_bp_on_reexport": (
        _R_A_NESTED_BP_ON_REEXPORT,
        [("app/main.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    # RQ's jobs taken with `Queue.dequeue_any(...)` and `worker.perform_job(...)`
    "rq_dequeue_any": (_R_A_RQ_DEQUEUE_ANY, [("worker.py", "worker", "rq")], ("missing-graceful-shutdown", "fail")),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_2_CASES))
def test_review_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_2_CASES[name])


# Round 786: a tweepy stream a Celery task listens on, for a few tweets each time it is called
_H2_STREAM_IN_TASK = {
    "app/__init__.py": 'import os\n\nfrom celery import Celery\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["CELERY_BROKER_URL"] = os.environ["CELERY_BROKER_URL"]\ncelery = Celery(app.name, broker=app.config["CELERY_BROKER_URL"])\ncelery.conf.update(app.config)\n\nfrom app import routes  # noqa: E402\n',
    "app/routes.py": 'from flask import request\n\nfrom app import app\nfrom app.tasks import twitter_search\n\n\n@app.route("/search", methods=["POST"])\ndef search():\n    twitter_search.delay(request.form["q"])\n    return "queued", 202\n',
    "app/tasks.py": 'import os\n\nfrom tweepy import OAuthHandler, Stream\nfrom tweepy.streaming import StreamListener\n\nfrom app import celery\n\n\nclass Listener(StreamListener):\n    def __init__(self, max_tweets=20):\n        super().__init__()\n        self.max_tweets = max_tweets\n        self.seen = 0\n\n    def on_data(self, data):\n        self.seen += 1\n        return self.seen < self.max_tweets\n\n\n@celery.task\ndef twitter_search(query):\n    auth = OAuthHandler(os.environ["TWITTER_KEY"], os.environ["TWITTER_SECRET"])\n    stream = Stream(auth, Listener())\n    stream.filter(track=[query])\n',
}


_HELD_OUT_CASES: dict[str, Case] = {
    # Round 786: the stream a task listens on is the Celery worker's work, no worker of its own
    "stream_in_task": (
        _H2_STREAM_IN_TASK,
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
    # trap: the same stream built in a plain function, no task of a worker, stays a worker of its own (as before)
    "stream_in_script": (
        _edited(
            _H2_STREAM_IN_TASK,
            "app/tasks.py",
            "@celery.task\ndef twitter_search(query):\n",
            "def twitter_search(query):\n",
        ),
        [
            ("app/__init__.py", "api", "flask"),
            ("app/__init__.py", "worker", "celery"),
            ("app/tasks.py", "worker", "tweepy"),
        ],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_CASES))
def test_held_out_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_CASES[name])


# Round 785: a bot whose game module counts ships still alive: no sign of the bot's own life
_L2_ALIVE_COUNTS = {
    "bot.py": 'import os\n\nimport discord\n\nimport game\n\nintents = discord.Intents.default()\nintents.message_content = True\nclient = discord.Client(intents=intents)\n\n\n@client.event\nasync def on_message(message):\n    if message.content.startswith("!battle"):\n        await message.channel.send(game.simulate(message.content.split()[1:]))\n\n\nclient.run(os.environ["DISCORD_TOKEN"])\n',
    "game.py": 'import random\n\n\ndef simulate(ships):\n    alive_ships = list(ships)\n    still_alive = len(alive_ships)\n    while still_alive > 1:\n        alive_ships.pop(random.randrange(len(alive_ships)))\n        still_alive = len(alive_ships)\n    return f"{alive_ships[0]} wins"\n',
}

# Round 787: a `schedule.Scheduler` subclass that keeps a failed job scheduled, run by the container
_L2_SCHEDULER_SUBCLASS = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install schedule requests\nCMD ["python", "scheduler.py"]\n',
    "poller.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    r = requests.get(os.environ["STATS_URL"], timeout=30)\n    r.raise_for_status()\n    log.info("polled %d bytes", len(r.content))\n',
    "scheduler.py": 'import datetime\nimport logging\nimport time\nfrom traceback import format_exc\n\nfrom schedule import Scheduler\n\nimport poller\n\n\nclass SafeScheduler(Scheduler):\n    def _run_job(self, job):\n        try:\n            super()._run_job(job)\n        except Exception:\n            logging.error(format_exc())\n            job.last_run = datetime.datetime.now()\n            job._schedule_next_run()\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    scheduler = SafeScheduler()\n    scheduler.every(10).minutes.do(poller.main)\n    while True:\n        scheduler.run_pending()\n        time.sleep(1)\n\n\nif __name__ == "__main__":\n    main()\n',
}

# Round 788: a crawler module an API imports and a scheduler hands to `add_job`, its `__main__`
# block trying the crawl out
_L2_CRAWLER_TRIED = {
    "crawler.py": 'import asyncio\n\nimport httpx\n\n\nasync def search(pages):\n    async with httpx.AsyncClient() as client:\n        for page in range(1, pages + 1):\n            r = await client.get(f"https://news.example.com/list?page={page}")\n            r.raise_for_status()\n\n\nif __name__ == "__main__":\n    asyncio.run(search(2))\n',
    "main.py": 'from fastapi import FastAPI\n\nfrom crawler import search  # noqa: F401\nfrom jobs import crawl_start\n\napp = FastAPI()\nsch = crawl_start()\n\n\n@app.get("/")\nasync def start():\n    sch.start()\n    return {"started": True}\n',
    "jobs.py": 'from apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nfrom crawler import search\n\n\ndef crawl_start():\n    sch = AsyncIOScheduler()\n    sch.add_job(search, "interval", minutes=30, id="search1", args=[1])\n    return sch\n',
}


_HELD_OUT_2_CASES: dict[str, Case] = {
    # Round 785: `alive_ships`, `still_alive` are no heartbeat
    "alive_counts": (_L2_ALIVE_COUNTS, [("bot.py", "worker", "discord")], ("missing-heartbeat", "fail")),
    # trap: a file touched to say the bot is alive is one
    "alive_file_touched": (
        _edited(
            _edited(
                _L2_ALIVE_COUNTS,
                "bot.py",
                "import os\n",
                'import os\nfrom pathlib import Path\n\nALIVE_FILE = Path("/tmp/bot-alive")\n',
            ),
            "bot.py",
            "        await message.channel.send(game.simulate(message.content.split()[1:]))\n",
            "        await message.channel.send(game.simulate(message.content.split()[1:]))\n    ALIVE_FILE.touch()\n",
        ),
        [("bot.py", "worker", "discord")],
        ("missing-heartbeat", "pass"),
    ),
    # Round 787: the jobs registered on a `schedule.Scheduler` of the file's own: a schedule process
    "scheduler_subclass": (_L2_SCHEDULER_SUBCLASS, [("scheduler.py", "job", "schedule")], None),
    # Round 788: the crawler's block tries it out: the scheduler runs it, the API never calls it
    "crawler_tried": (
        _L2_CRAWLER_TRIED,
        [("main.py", "api", "fastapi"), ("jobs.py", "job", "apscheduler")],
        None,
    ),
    # trap: the API crawls once as it starts: the block runs that same work by hand (as before)
    "crawler_shared": (
        _edited(
            _L2_CRAWLER_TRIED,
            "main.py",
            "sch = crawl_start()\n",
            'sch = crawl_start()\n\n\n@app.on_event("startup")\nasync def warm():\n    await search(1)\n',
        ),
        [("main.py", "api", "fastapi"), ("jobs.py", "job", "apscheduler"), ("crawler.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_2_CASES))
def test_held_out_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_2_CASES[name])


# The second review (7c12cc9..5b3293f)
_R_C_ALIVE_KEY_HEARTBEAT = {
    "worker.py": '"""Thumbnail worker: takes image jobs from a Redis list and renders thumbnails.\n\nThe supervisor (ops/watchdog) restarts any worker whose `worker:<host>:alive` key has expired.\n"""\nimport json\nimport logging\nimport os\nimport signal\nimport socket\n\nimport redis\nfrom PIL import Image\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("thumbs")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nQUEUE = "thumbs:jobs"\nALIVE_KEY = f"worker:{socket.gethostname()}:alive"\nALIVE_TTL = 60\n\nrunning = True\n\n\ndef stop(signum, frame):\n    global running\n    running = False\n\n\ndef set_alive() -> None:\n    r.set(ALIVE_KEY, "1", ex=ALIVE_TTL)\n\n\ndef render(job: dict) -> None:\n    with Image.open(job["src"]) as img:\n        img.thumbnail((256, 256))\n        img.save(job["dst"])\n\n\ndef main() -> None:\n    signal.signal(signal.SIGTERM, stop)\n    while running:\n        set_alive()\n        item = r.brpop(QUEUE, timeout=5)\n        if item is None:\n            continue\n        job = json.loads(item[1])\n        try:\n            render(job)\n        except OSError:\n            log.exception("thumbnail failed for %s", job.get("src"))\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_C_LOG_TAIL_MAILED_PATHLIB = {
    "certbot_renew.py": '#!/usr/bin/env python3\n"""Nightly certificate renewal (cron: 17 3 * * *). Appends to its own run log and mails the\nlog\'s tail to ops when a renewal failed."""\nimport datetime\nimport smtplib\nimport subprocess\nimport sys\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nRUN_LOG = "/var/log/certbot-renew/run.log"\nDOMAINS = ["example.com", "api.example.com", "static.example.com"]\n\n\ndef mail_failure() -> None:\n    msg = EmailMessage()\n    msg["Subject"] = "certbot renewal failed"\n    msg["From"] = "cron@example.com"\n    msg["To"] = "ops@example.com"\n    msg.set_content(Path(RUN_LOG).read_text()[-20000:])\n    with smtplib.SMTP("localhost") as smtp:\n        smtp.send_message(msg)\n\n\ndef main() -> int:\n    failed = 0\n    with open(RUN_LOG, "a") as log:\n        for domain in DOMAINS:\n            started = datetime.datetime.now().isoformat(timespec="seconds")\n            proc = subprocess.run(["certbot", "renew", "--cert-name", domain], capture_output=True, text=True)\n            print(f"[{started}] {domain}: exit {proc.returncode}", file=log)\n            if proc.returncode != 0:\n                print(proc.stderr, file=log)\n                failed += 1\n    if failed:\n        mail_failure()\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_C_SHARED_SCRIPT_STARTUP_HOOK = {
    "db_setup.py": '"""Creates the notes schema. The API runs it as it starts; run it by hand against a new database:\n    DATABASE_URL=... python db_setup.py\n"""\nimport logging\nimport os\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\nSCHEMA = """\nCREATE TABLE IF NOT EXISTS notes (\n    id SERIAL PRIMARY KEY,\n    owner TEXT NOT NULL,\n    body TEXT NOT NULL,\n    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\nCREATE INDEX IF NOT EXISTS notes_owner_idx ON notes (owner);\n"""\n\n\ndef init_db() -> None:\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute(SCHEMA)\n    log.info("schema ready")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    init_db()\n',
    "main.py": 'import os\n\nimport psycopg2\nfrom fastapi import FastAPI\nfrom pydantic import BaseModel\n\nfrom db_setup import init_db\n\napp = FastAPI(title="notes")\napp.add_event_handler("startup", init_db)\n\n\nclass Note(BaseModel):\n    owner: str\n    body: str\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n\n\n@app.get("/notes/{owner}")\ndef list_notes(owner: str):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, body FROM notes WHERE owner = %s ORDER BY id", (owner,))\n        return [{"id": i, "body": b} for i, b in cur.fetchall()]\n\n\n@app.post("/notes")\ndef add_note(note: Note):\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("INSERT INTO notes (owner, body) VALUES (%s, %s) RETURNING id", (note.owner, note.body))\n        return {"id": cur.fetchone()[0]}\n',
}

_R_C_STATUS_TESTED_AFTER_PRECHECK_EXIT = {
    "backup.py": '#!/usr/bin/env python3\n"""Dumps one database to the backup volume; run by cron as `backup.py <database>`."""\nimport datetime\nimport os\nimport shutil\nimport subprocess\nimport sys\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\n\n\ndef run_backup(database):\n    stamp = datetime.date.today().isoformat()\n    target = os.path.join(BACKUP_DIR, f"{database}-{stamp}.dump")\n    rc = subprocess.call(["pg_dump", "-Fc", "-f", target, database])\n    if rc != 0:\n        return rc\n    return subprocess.call(["gzip", "-f", target])\n\n\nif len(sys.argv) != 2:\n    print("usage: backup.py <database>", file=sys.stderr)\n    sys.exit(2)\n\nif shutil.which("pg_dump") is None:\n    print("pg_dump not found on PATH", file=sys.stderr)\n    sys.exit(2)\n\nstatus = run_backup(sys.argv[1])\nif status != 0:\n    print(f"backup of {sys.argv[1]} failed with status {status}", file=sys.stderr)\n',
}

_R_C_RUN_SYNC_METADATA_OBJ = {
    "reset_db.py": '"""Drop and recreate the schema (SQLAlchemy 2.0 Core, async engine)."""\nimport asyncio\nimport os\n\nfrom sqlalchemy import Column, Integer, MetaData, String, Table\nfrom sqlalchemy.ext.asyncio import create_async_engine\n\nmetadata_obj = MetaData()\n\nusers = Table(\n    "users",\n    metadata_obj,\n    Column("id", Integer, primary_key=True),\n    Column("email", String(255), nullable=False, unique=True),\n)\n\n\nasync def reset() -> None:\n    engine = create_async_engine(os.environ["DATABASE_URL"])\n    async with engine.begin() as conn:\n        await conn.run_sync(metadata_obj.drop_all)\n        await conn.run_sync(metadata_obj.create_all)\n    await engine.dispose()\n\n\nif __name__ == "__main__":\n    asyncio.run(reset())\n',
}

_R_C_ALIVE_CHECK_OF_OTHERS = {
    "validator.py": '"""Proxy pool validator: re-tests every proxy in the pool and drops the dead ones, forever."""\nimport logging\nimport os\nimport signal\nimport time\n\nimport redis\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("validator")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nPOOL_KEY = "proxies:pool"\nTEST_URL = "https://httpbin.org/ip"\nrunning = True\n\n\ndef stop(signum, frame):\n    global running\n    running = False\n\n\ndef alive_check(proxy: str) -> bool:\n    try:\n        resp = requests.get(TEST_URL, proxies={"http": proxy, "https": proxy}, timeout=8)\n    except requests.RequestException:\n        return False\n    return resp.status_code == 200\n\n\ndef main() -> None:\n    signal.signal(signal.SIGTERM, stop)\n    while running:\n        for raw in r.smembers(POOL_KEY):\n            proxy = raw.decode()\n            if not alive_check(proxy):\n                r.srem(POOL_KEY, proxy)\n                log.info("dropped %s", proxy)\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_C_EXISTS_ANSWER_NEGATED = {
    "prepare_models.py": '#!/usr/bin/env python3\n"""Downloads the model weights into the shared cache before the API starts (init container)."""\nimport logging\nimport os\nimport sys\nimport urllib.request\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("prepare_models")\n\nCACHE_DIR = os.environ.get("MODEL_CACHE", "/models")\nMODEL_URL = os.environ["MODEL_URL"]\n\n\ndef main() -> int:\n    fresh = not os.path.isdir(CACHE_DIR)\n    if fresh:\n        os.makedirs(CACHE_DIR)\n    target = os.path.join(CACHE_DIR, os.path.basename(MODEL_URL))\n    if fresh or not os.path.exists(target):\n        log.info("downloading %s", MODEL_URL)\n        urllib.request.urlretrieve(MODEL_URL, target)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_C_LOG_JOIN_NAME = {
    "prune_snapshots.py": '#!/usr/bin/env python3\n"""Deletes EBS snapshots older than the retention window (cron, daily). Keeps its own run log\nnext to the other cron logs."""\nimport datetime\nimport os\n\nimport boto3\n\nLOG_DIR = os.environ.get("LOG_DIR", "/var/log/cron")\nLOG_FILENAME = "prune_snapshots.log"\nRETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "14"))\n\n\ndef main() -> None:\n    ec2 = boto3.client("ec2")\n    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=RETENTION_DAYS)\n    with open(os.path.join(LOG_DIR, LOG_FILENAME), "a") as out:\n        for page in ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"]):\n            for snap in page["Snapshots"]:\n                if snap["StartTime"] < cutoff and snap.get("Tags", []) == []:\n                    ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])\n                    print(f"{datetime.datetime.now().isoformat()} deleted {snap[\'SnapshotId\']}", file=out)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_C_UNSEEN_FACTORY_CHAINED_RUN = {
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /\nCOPY app /home\nCOPY wsgi.py /wsgi.py\nRUN pip install flask psycopg2-binary python-dotenv\nCMD ["python", "/wsgi.py"]\n',
    "app/app.py": 'import os\n\nimport psycopg2\nfrom flask import Flask, jsonify\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]\n\n    @app.route("/healthz")\n    def healthz():\n        return "ok"\n\n    @app.route("/database-size")\n    def database_size():\n        with psycopg2.connect(app.config["DATABASE_URL"]) as conn, conn.cursor() as cur:\n            cur.execute("SELECT pg_database_size(current_database())")\n            size = cur.fetchone()[0]\n        return jsonify(size=size)\n\n    return app\n',
    "wsgi.py": 'import os\n\nfrom dotenv import load_dotenv\n\nfrom home.app import create_app\n\nload_dotenv()\n\nif __name__ == "__main__":\n    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))\n',
}

_R_C_STREAM_IN_TASK_HELPER = {
    "app/__init__.py": 'import os\n\nfrom celery import Celery\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["CELERY_BROKER_URL"] = os.environ["CELERY_BROKER_URL"]\ncelery = Celery(app.name, broker=app.config["CELERY_BROKER_URL"])\ncelery.conf.update(app.config)\n\nfrom app import routes  # noqa: E402\n',
    "app/routes.py": 'from flask import request\n\nfrom app import app\nfrom app.tasks import twitter_search\n\n\n@app.route("/search", methods=["POST"])\ndef search():\n    twitter_search.delay(request.form["q"])\n    return "queued", 202\n',
    "app/tasks.py": 'import os\n\nfrom tweepy import OAuthHandler, Stream\nfrom tweepy.streaming import StreamListener\n\nfrom app import celery\n\n\nclass Listener(StreamListener):\n    def __init__(self, max_tweets=20):\n        super().__init__()\n        self.max_tweets = max_tweets\n        self.seen = 0\n\n    def on_data(self, data):\n        self.seen += 1\n        return self.seen < self.max_tweets\n\n\ndef stream_tweets(query, max_tweets=20):\n    auth = OAuthHandler(os.environ["TWITTER_KEY"], os.environ["TWITTER_SECRET"])\n    stream = Stream(auth, Listener(max_tweets))\n    stream.filter(track=[query])\n\n\n@celery.task\ndef twitter_search(query):\n    stream_tweets(query)\n',
}


_SECOND_REVIEW_CASES: dict[str, Case] = {
    # a Redis key with a time-to-live the worker sets for itself is its heartbeat
    "alive_key_heartbeat": (
        _R_C_ALIVE_KEY_HEARTBEAT,
        [("worker.py", "worker", "redis")],
        ("missing-heartbeat", "pass"),
    ),
    # a check of other hosts' life is no heartbeat of its own
    "alive_check_of_others": (
        _R_C_ALIVE_CHECK_OF_OTHERS,
        [("validator.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # a run log's tail read to be mailed is still a log kept by hand
    "log_tail_mailed_pathlib": (
        _R_C_LOG_TAIL_MAILED_PATHLIB,
        [("certbot_renew.py", "job", "python")],
        ("bare-print", 2),
    ),
    # the log's name the last piece of an `os.path.join`
    "log_join_name": (_R_C_LOG_JOIN_NAME, [("prune_snapshots.py", "job", "python")], ("bare-print", 1)),
    # a function the app runs as it starts (`add_event_handler("startup", init_db)`) is work shared with the block
    "shared_script_startup_hook": (
        _R_C_SHARED_SCRIPT_STARTUP_HOOK,
        [("db_setup.py", "job", "python"), ("main.py", "api", "fastapi")],
        None,
    ),
    # a pre-check's exit before the work leaves the backup's tested status dropped
    "status_tested_after_precheck_exit": (
        _R_C_STATUS_TESTED_AFTER_PRECHECK_EXIT,
        [("backup.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # `metadata_obj.drop_all` handed to an async connection
    "run_sync_metadata_obj": (
        _R_C_RUN_SYNC_METADATA_OBJ,
        [("reset_db.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # `fresh = not os.path.isdir(d)`, then `if fresh: os.makedirs(d)`
    "exists_answer_negated": (
        _R_C_EXISTS_ANSWER_NEGATED,
        [("prepare_models.py", "job", "python")],
        ("non-idempotent-mkdir", 0),
    ),
    # `create_app().run(...)` of an unseen module's factory
    "unseen_factory_chained_run": (_R_C_UNSEEN_FACTORY_CHAINED_RUN, [("app/app.py", "api", "flask")], None),
    # the stream built in a helper the task calls
    "stream_in_task_helper": (
        _R_C_STREAM_IN_TASK_HELPER,
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# The third review (5b3293f..9175bb4)
_R_D_ALIVE_KEY_PATTERN_WATCHDOG = {
    "watchdog.py": '"""Watchdog for the render workers: each worker keeps `render:worker:<host>:alive` set with a TTL;\na worker whose key has expired is restarted through its supervisor program."""\nimport logging\nimport os\nimport signal\nimport subprocess\nimport time\n\nimport redis\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("watchdog")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nWORKERS_KEY = "render:workers"  # hosts registered by the workers as they start\nALIVE_KEY_PATTERN = "render:worker:{host}:alive"\nCHECK_EVERY = int(os.environ.get("WATCHDOG_INTERVAL", "30"))\nrunning = True\n\n\ndef stop(signum, frame):\n    global running\n    running = False\n\n\ndef restart(host: str) -> None:\n    log.warning("worker on %s stopped answering, restarting it", host)\n    subprocess.run(["ssh", host, "sudo", "supervisorctl", "restart", "render-worker"], check=False, timeout=60)\n\n\ndef main() -> None:\n    signal.signal(signal.SIGTERM, stop)\n    while running:\n        for raw in r.smembers(WORKERS_KEY):\n            host = raw.decode()\n            if not r.exists(ALIVE_KEY_PATTERN.format(host=host)):\n                restart(host)\n        time.sleep(CHECK_EVERY)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_D_SET_ALIVE_OF_UPSTREAM = {
    "upstream_checker.py": '"""Probes every model-server upstream and publishes the live ones for the gateway to route to."""\nimport json\nimport logging\nimport os\nimport signal\nimport time\n\nimport redis\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("upstream-checker")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nUPSTREAMS = [u for u in os.environ.get("UPSTREAMS", "").split(",") if u]\nLIVE_KEY = "gateway:upstreams:live"\nrunning = True\n\n\nclass Upstream:\n    def __init__(self, url: str) -> None:\n        self.url = url.rstrip("/")\n        self.alive = True\n        self.failures = 0\n\n    def set_alive(self, alive: bool) -> None:\n        if alive != self.alive:\n            log.warning("%s is now %s", self.url, "up" if alive else "down")\n        self.alive = alive\n        self.failures = 0 if alive else self.failures + 1\n\n    def probe(self) -> bool:\n        try:\n            return requests.get(f"{self.url}/v1/health", timeout=3).ok\n        except requests.RequestException:\n            return False\n\n\ndef stop(signum, frame):\n    global running\n    running = False\n\n\ndef main() -> None:\n    signal.signal(signal.SIGTERM, stop)\n    upstreams = [Upstream(u) for u in UPSTREAMS]\n    while running:\n        for upstream in upstreams:\n            upstream.set_alive(upstream.probe())\n        live = [u.url for u in upstreams if u.alive]\n        r.set(LIVE_KEY, json.dumps(live))\n        time.sleep(5)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_D_ALIVE_PING_URL = {
    "mailer.py": '"""Sends the queued outbound mail, forever."""\nimport logging\nimport os\nimport signal\nimport smtplib\nimport time\nfrom email.message import EmailMessage\n\nimport redis\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("mailer")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nQUEUE = "mail:outbound"\nALIVE_PING_URL = os.environ.get("ALIVE_PING_URL")  # Uptime Kuma push monitor\nrunning = True\n\n\ndef stop(signum, frame):\n    global running\n    running = False\n\n\ndef send(raw: bytes) -> None:\n    msg = EmailMessage()\n    data = raw.decode().split("\\n", 2)\n    msg["To"], msg["Subject"] = data[0], data[1]\n    msg.set_content(data[2])\n    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost")) as smtp:\n        smtp.send_message(msg)\n\n\ndef main() -> None:\n    signal.signal(signal.SIGTERM, stop)\n    while running:\n        item = r.brpop(QUEUE, timeout=30)\n        if item is not None:\n            send(item[1])\n        if ALIVE_PING_URL:\n            requests.get(ALIVE_PING_URL, params={"status": "up"}, timeout=5)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_D_LEDGER_STRIP_SPLITLINES = {
    "mailer.py": '"""Sends the weekly newsletter; `sent.log` records who already got it, so a re-run skips them."""\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nlog = logging.getLogger("mailer")\n\n\ndef already_sent():\n    ledger = Path("sent.log")\n    if not ledger.exists():\n        return set()\n    return set(ledger.read_text().strip().splitlines())\n\n\ndef build(rcpt, body):\n    msg = EmailMessage()\n    msg["From"] = "news@example.com"\n    msg["To"] = rcpt\n    msg["Subject"] = "This week"\n    msg.set_content(body)\n    return msg\n\n\ndef main(recipients_file):\n    with open(recipients_file) as f:\n        recipients = [line.strip() for line in f if line.strip()]\n    body = Path("newsletter.txt").read_text()\n    done = already_sent()\n    sent = 0\n    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost")) as smtp, open("sent.log", "a") as ledger:\n        for rcpt in recipients:\n            if rcpt in done:\n                continue\n            smtp.send_message(build(rcpt, body))\n            print(rcpt, file=ledger, flush=True)\n            sent += 1\n    log.info("sent %d, skipped %d", sent, len(recipients) - sent)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(sys.argv[1]))\n',
}

_R_D_LOG_JOIN_CSV_DATA = {
    "read_sensor.py": '#!/usr/bin/env python3\n"""Reads the greenhouse DHT22 once and appends the reading to the day\'s CSV (cron, every minute)."""\nimport datetime\nimport os\n\nimport adafruit_dht\nimport board\n\nDATA_DIR = os.environ.get("DATA_DIR", "/home/pi/greenhouse/data")\nLOG_FILE = "readings.csv"\n\n\ndef main() -> None:\n    sensor = adafruit_dht.DHT22(board.D4)\n    try:\n        temperature, humidity = sensor.temperature, sensor.humidity\n    finally:\n        sensor.exit()\n    now = datetime.datetime.now().isoformat(timespec="seconds")\n    with open(os.path.join(DATA_DIR, LOG_FILE), "a") as out:\n        print(f"{now},{temperature:.1f},{humidity:.1f}", file=out)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_D_STREAM_HELPER_ALSO_MAIN = {
    "app/__init__.py": 'import os\n\nfrom celery import Celery\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["CELERY_BROKER_URL"] = os.environ["CELERY_BROKER_URL"]\ncelery = Celery(app.name, broker=app.config["CELERY_BROKER_URL"])\ncelery.conf.update(app.config)\n\nfrom app import routes  # noqa: E402\n',
    "app/routes.py": 'from flask import request\n\nfrom app import app\nfrom app.tasks import twitter_search\n\n\n@app.route("/search", methods=["POST"])\ndef search():\n    twitter_search.delay(request.form["q"])\n    return "queued", 202\n',
    "app/tasks.py": '"""Twitter streaming: a bounded search run as a Celery task for the web UI, and the firehose\ncollector run on its own (`python -m app.tasks <track>`), which stores every matching tweet."""\nimport json\nimport logging\nimport os\nimport signal\nimport sys\n\nimport redis\nfrom tweepy import OAuthHandler, Stream\nfrom tweepy.streaming import StreamListener\n\nfrom app import celery\n\nlog = logging.getLogger(__name__)\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\n\n\nclass Listener(StreamListener):\n    def __init__(self, key, max_tweets=None):\n        super().__init__()\n        self.key = key\n        self.max_tweets = max_tweets\n        self.seen = 0\n\n    def on_data(self, data):\n        r.rpush(self.key, data)\n        self.seen += 1\n        return self.max_tweets is None or self.seen < self.max_tweets\n\n    def on_error(self, status_code):\n        log.error("stream error %s", status_code)\n        return status_code != 420\n\n\ndef stream_tweets(query, key, max_tweets=None):\n    auth = OAuthHandler(os.environ["TWITTER_KEY"], os.environ["TWITTER_SECRET"])\n    stream = Stream(auth, Listener(key, max_tweets))\n    stream.filter(track=[query])\n\n\n@celery.task\ndef twitter_search(query):\n    stream_tweets(query, f"search:{query}", max_tweets=20)\n\n\ndef stop(signum, frame):\n    log.info("stopping collector")\n    sys.exit(0)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\n    signal.signal(signal.SIGTERM, stop)\n    stream_tweets(sys.argv[1], "firehose")\n',
}

_R_D_ABSENT_NAME_AND_TEST = {
    "export_reports.py": '#!/usr/bin/env python3\n"""Exports yesterday\'s sales report as CSV into the shared reports folder (cron, 02:30).\n\n    export_reports.py [--out DIR] [--dry-run]\n"""\nimport argparse\nimport csv\nimport datetime\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("export_reports")\n\n\ndef export(out_dir: str, dry_run: bool) -> int:\n    day = datetime.date.today() - datetime.timedelta(days=1)\n    fresh = not os.path.isdir(out_dir)\n    if fresh and not dry_run:\n        os.makedirs(out_dir)\n        log.info("created %s", out_dir)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute(\n            "SELECT sku, SUM(quantity), SUM(total) FROM sales WHERE sold_on = %s GROUP BY sku ORDER BY sku",\n            (day,),\n        )\n        rows = cur.fetchall()\n    if dry_run:\n        log.info("would write %d rows for %s", len(rows), day)\n        return 0\n    path = os.path.join(out_dir, f"sales-{day.isoformat()}.csv")\n    with open(path, "w", newline="") as f:\n        writer = csv.writer(f)\n        writer.writerow(["sku", "quantity", "total"])\n        writer.writerows(rows)\n    log.info("wrote %d rows to %s", len(rows), path)\n    return 0\n\n\ndef main() -> int:\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--out", default=os.environ.get("REPORTS_DIR", "/srv/reports/sales"))\n    parser.add_argument("--dry-run", action="store_true")\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    return export(args.out, args.dry_run)\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}

_R_D_RUN_SYNC_META = {
    "reset_db.py": '"""Drop and recreate the schema (SQLAlchemy 2.0 Core, async engine)."""\nimport asyncio\nimport os\n\nfrom sqlalchemy import Column, Integer, MetaData, String, Table\nfrom sqlalchemy.ext.asyncio import create_async_engine\n\nmeta = MetaData()\n\nusers = Table(\n    "users",\n    meta,\n    Column("id", Integer, primary_key=True),\n    Column("email", String(255), nullable=False, unique=True),\n)\n\n\nasync def reset() -> None:\n    engine = create_async_engine(os.environ["DATABASE_URL"])\n    async with engine.begin() as conn:\n        await conn.run_sync(meta.drop_all)\n        await conn.run_sync(meta.create_all)\n    await engine.dispose()\n\n\nif __name__ == "__main__":\n    asyncio.run(reset())\n',
}

_THIRD_REVIEW_CASES: dict[str, Case] = {
    # a watchdog reading other workers' keys through `ALIVE_KEY_PATTERN` emits no heartbeat of its own
    "alive_key_pattern_watchdog": (
        _R_D_ALIVE_KEY_PATTERN_WATCHDOG,
        [("watchdog.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # `set_alive(self, alive)`: a flag on another server
    "set_alive_of_upstream": (
        _R_D_SET_ALIVE_OF_UPSTREAM,
        [("upstream_checker.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # a push monitor pinged through `ALIVE_PING_URL`
    "alive_ping_url": (_R_D_ALIVE_PING_URL, [("mailer.py", "worker", "redis")], ("missing-heartbeat", "pass")),
    # `set(ledger.read_text().strip().splitlines())`: a ledger read back
    "ledger_strip_splitlines": (_R_D_LEDGER_STRIP_SPLITLINES, [("mailer.py", "job", "python")], ("bare-print", 0)),
    # `LOG_FILE = "readings.csv"` joined to a directory: data, judged by the text it holds
    "log_join_csv_data": (_R_D_LOG_JOIN_CSV_DATA, [("read_sensor.py", "job", "python")], ("bare-print", 0)),
    # the stream helper a task and the module's own `__main__` collector both call: the collector is a worker
    "stream_helper_also_main": (
        _R_D_STREAM_HELPER_ALSO_MAIN,
        [
            ("app/__init__.py", "api", "flask"),
            ("app/__init__.py", "worker", "celery"),
            ("app/tasks.py", "worker", "tweepy"),
        ],
        None,
    ),
    # `fresh = not os.path.isdir(d)`, then `if fresh and not dry_run:`
    "absent_name_and_test": (
        _R_D_ABSENT_NAME_AND_TEST,
        [("export_reports.py", "job", "argparse")],
        ("non-idempotent-mkdir", 0),
    ),
    # `await conn.run_sync(meta.drop_all)`
    "run_sync_meta": (_R_D_RUN_SYNC_META, [("reset_db.py", "job", "python")], ("missing-dry-run", "fail")),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])


# Left by the third review, mended after it
_R_D_STATUS_TESTED_THEN_RAISE = {
    "backup.py": '#!/usr/bin/env python3\n"""Dumps one database to the backup volume; run by cron as `backup.py <database>`."""\nimport datetime\nimport os\nimport subprocess\nimport sys\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\n\n\ndef run_backup(database):\n    stamp = datetime.date.today().isoformat()\n    target = os.path.join(BACKUP_DIR, f"{database}-{stamp}.dump")\n    rc = subprocess.call(["pg_dump", "-Fc", "-f", target, database])\n    if rc != 0:\n        return rc\n    return subprocess.call(["gzip", "-f", target])\n\n\nif len(sys.argv) != 2:\n    print("usage: backup.py <database>", file=sys.stderr)\n    sys.exit(2)\n\nstatus = run_backup(sys.argv[1])\nif status != 0:\n    raise RuntimeError(f"backup of {sys.argv[1]} failed with status {status}")\n',
}

_R_D_STATUS_TESTED_EXIT_IN_HELPER = {
    "backup.py": '#!/usr/bin/env python3\n"""Dumps one database to the backup volume; run by cron as `backup.py <database>`."""\nimport datetime\nimport os\nimport subprocess\nimport sys\n\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/backups")\n\n\ndef run_backup(database):\n    stamp = datetime.date.today().isoformat()\n    target = os.path.join(BACKUP_DIR, f"{database}-{stamp}.dump")\n    rc = subprocess.call(["pg_dump", "-Fc", "-f", target, database])\n    if rc != 0:\n        return rc\n    return subprocess.call(["gzip", "-f", target])\n\n\ndef die(msg, code=1):\n    print(f"backup.py: {msg}", file=sys.stderr)\n    sys.exit(code)\n\n\nif len(sys.argv) != 2:\n    die("usage: backup.py <database>", 2)\n\nstatus = run_backup(sys.argv[1])\nif status != 0:\n    die(f"backup of {sys.argv[1]} failed with status {status}")\n',
}


_R_D_LOG_PATH_DIV_NAME = {
    "prune_snapshots.py": '#!/usr/bin/env python3\n"""Deletes EBS snapshots older than the retention window (cron, daily). Keeps its own run log\nnext to the other cron logs."""\nimport datetime\nimport os\nfrom pathlib import Path\n\nimport boto3\n\nLOG_DIR = Path(os.environ.get("LOG_DIR", "/var/log/cron"))\nLOG_FILENAME = "prune_snapshots.log"\nRETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "14"))\n\n\ndef main() -> None:\n    ec2 = boto3.client("ec2")\n    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=RETENTION_DAYS)\n    with open(LOG_DIR / LOG_FILENAME, "a") as out:\n        for page in ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"]):\n            for snap in page["Snapshots"]:\n                if snap["StartTime"] < cutoff and snap.get("Tags", []) == []:\n                    ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])\n                    print(f"{datetime.datetime.now().isoformat()} deleted {snap[\'SnapshotId\']}", file=out)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_LATE_CASES: dict[str, Case] = {
    # a log's name joined to its directory with pathlib's `/`
    "log_path_div_name": (_R_D_LOG_PATH_DIV_NAME, [("prune_snapshots.py", "job", "python")], ("bare-print", 1)),
    # the tested status's failure raised, uncaught: the process exits 1
    "status_tested_then_raise": (
        _R_D_STATUS_TESTED_THEN_RAISE,
        [("backup.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # ... or handed to the file's `die(msg, code=1)`, which exits with it
    "status_tested_exit_in_helper": (
        _R_D_STATUS_TESTED_EXIT_IN_HELPER,
        [("backup.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
    # trap: a `die()` that exits 0 loses the failure (as before)
    "status_tested_helper_exits_zero": (
        _edited(_R_D_STATUS_TESTED_EXIT_IN_HELPER, "backup.py", "def die(msg, code=1):", "def die(msg, code=0):"),
        [("backup.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_LATE_CASES))
def test_late_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LATE_CASES[name])
