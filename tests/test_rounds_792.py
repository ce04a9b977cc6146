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


_B2_BOTTLE_ROUTE_CALLS = {
    "app.py": 'import os\n\nfrom bottle import Bottle, response\n\nimport store\n\napp = Bottle()\n\n\ndef index():\n    response.content_type = "application/json"\n    return {"items": store.latest(20)}\n\n\ndef healthz():\n    return "ok"\n\n\napp.route("/", "GET", index)\napp.route("/healthz", callback=healthz)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))\n',
    "store.py": 'import os\nimport sqlite3\n\nDB = os.environ.get("DB_PATH", "items.db")\n\n\ndef latest(count):\n    with sqlite3.connect(DB) as conn:\n        return [dict(zip(("id", "title"), row)) for row in conn.execute("SELECT id, title FROM items ORDER BY id DESC LIMIT ?", (count,))]\n',
}

_B2_BOTTLE_SUBCLASS_SHELL = {
    "api/app.sh": "#!/bin/sh\npip install bottle==0.12.25 redis psycopg2-binary\npython -u sender.py\n",
    "api/sender.py": 'import json\n\nimport psycopg2\nimport redis\nfrom bottle import Bottle, request\n\n\nclass Sender(Bottle):\n    def __init__(self):\n        super().__init__()\n        self.route("/", method="POST", callback=self.send)\n        self.queue = redis.StrictRedis(host="queue", port=6379, db=0)\n        self.connection = psycopg2.connect("dbname=email_sender user=postgres host=db")\n\n    def register_message(self, subject, body):\n        with self.connection.cursor() as cursor:\n            cursor.execute("INSERT INTO emails (subject, body) VALUES (%s, %s)", (subject, body))\n        self.connection.commit()\n        self.queue.rpush("sender", json.dumps({"subject": subject, "body": body}))\n\n    def send(self):\n        subject = request.forms.get("subject")\n        body = request.forms.get("body")\n        self.register_message(subject, body)\n        return "queued: {}".format(subject)\n\n\nif __name__ == "__main__":\n    sender = Sender()\n    sender.run(host="0.0.0.0", port=8080, debug=True)\n',
    "docker-compose.yml": 'version: "3"\nservices:\n  db:\n    image: postgres:16\n  queue:\n    image: redis:7\n  api:\n    image: python:3.12\n    volumes:\n      - ./api:/api\n    working_dir: /api\n    command: bash ./app.sh\n    depends_on:\n      - db\n      - queue\n',
}

_B2_FALLBACK_FALSE = {
    "config.py": 'import os\n\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\n\nclass Config:\n    FEED_URL = os.getenv("FEED_URL") or "https://www.example.com/news/rss"\n    DISCORD_WEBHOOK_URL = os.getenv("DISCORD_WEBHOOK_URL")\n    TWITTER_NOTIFY = os.getenv("TWITTER_NOTIFY") or "False"\n    TWITTER_CONSUMER_KEY = os.getenv("TWITTER_CONSUMER_KEY") or "False"\n    TWITTER_CONSUMER_SECRET = os.getenv("TWITTER_CONSUMER_SECRET") or "False"\n    TWITTER_ACCESS_TOKEN = os.getenv("TWITTER_ACCESS_TOKEN") or "False"\n    TWITTER_ACCESS_TOKEN_SECRET = os.getenv("TWITTER_ACCESS_TOKEN_SECRET") or "None"\n',
    "main.py": 'import logging\nimport time\n\nimport feedparser\nimport requests\nimport tweepy\n\nfrom config import Config\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("news-alert")\n\n\ndef tweet(text):\n    if Config.TWITTER_NOTIFY != "True":\n        return\n    client = tweepy.Client(\n        consumer_key=Config.TWITTER_CONSUMER_KEY,\n        consumer_secret=Config.TWITTER_CONSUMER_SECRET,\n        access_token=Config.TWITTER_ACCESS_TOKEN,\n        access_token_secret=Config.TWITTER_ACCESS_TOKEN_SECRET,\n    )\n    client.create_tweet(text=text)\n\n\ndef main():\n    seen = set()\n    while True:\n        for entry in feedparser.parse(Config.FEED_URL).entries:\n            if entry.link not in seen:\n                seen.add(entry.link)\n                requests.post(Config.DISCORD_WEBHOOK_URL, json={"content": entry.link}, timeout=10)\n                tweet(entry.title)\n        time.sleep(300)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_B2_AIOPIKA_STARTUP = {
    "consumer.py": 'import json\nimport logging\nimport os\n\nimport aio_pika\n\nfrom store import add\n\n\nasync def message_handler(message: aio_pika.IncomingMessage):\n    async with message.process():\n        data = json.loads(message.body.decode("utf-8"))\n        add(data["page_id"], data["subscribers"], data["posts"])\n\n\nasync def consume():\n    connection = await aio_pika.connect_robust(os.environ["BROKER_URL"])\n    channel = await connection.channel()\n    queue = await channel.declare_queue(os.environ["RABBIT_QUEUE"], durable=True)\n    await queue.consume(message_handler)\n    logging.info("waiting for messages")\n',
    "main.py": 'import asyncio\n\nfrom fastapi import FastAPI\n\nfrom consumer import consume\nfrom store import all_pages\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def startup_event():\n    asyncio.create_task(consume())\n\n\n@app.get("/pages")\ndef pages():\n    return all_pages()\n',
    "store.py": 'import boto3\n\ntable = boto3.resource("dynamodb").Table("pages")\n\n\ndef add(page_id, subscribers, posts):\n    table.put_item(Item={"page_id": page_id, "subscribers": subscribers, "posts": posts})\n\n\ndef all_pages():\n    return table.scan()["Items"]\n',
}

_B2_KAFKA_WRAPPER = {
    "common/kafka/consumer.py": 'import asyncio\nimport json\n\nfrom aiokafka import AIOKafkaConsumer\n\n\nasync def base_consume(producer, settings, handle_msg):\n    consumer = AIOKafkaConsumer(\n        settings["consume_topic"],\n        bootstrap_servers=settings["address"],\n        group_id=settings["group_id"],\n        value_deserializer=lambda raw: json.loads(raw.decode("utf-8")),\n    )\n    await consumer.start()\n    try:\n        async for msg in consumer:\n            asyncio.create_task(handle_msg(producer, msg))\n    finally:\n        await consumer.stop()\n',
    "scanner/consumer.py": 'from common.kafka.consumer import base_consume\nfrom settings import SETTINGS\nfrom tasks import scan_domains\n\n\nasync def consume(producer):\n    await base_consume(producer, SETTINGS, handle_msg=handle_msg)\n\n\nasync def handle_msg(producer, msg):\n    found = await scan_domains(msg.value["domains"])\n    await producer.send(SETTINGS["produce_topic"], found, msg.key)\n',
    "scanner/run.py": 'import asyncio\nfrom contextlib import asynccontextmanager\n\nfrom aiokafka import AIOKafkaProducer\nfrom fastapi import FastAPI\n\nfrom consumer import consume\nfrom settings import SETTINGS\n\n\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    producer = AIOKafkaProducer(bootstrap_servers=SETTINGS["address"])\n    await producer.start()\n    task = asyncio.create_task(consume(producer))\n    yield\n    task.cancel()\n    await producer.stop()\n\n\napp = FastAPI(lifespan=lifespan)\n\n\n@app.get("/scanner/status")\ndef status():\n    return {"status": "ok"}\n',
    "scanner/settings.py": 'import os\n\nSETTINGS = {\n    "address": os.environ.get("KAFKA_ADDRESS", "kafka:9092"),\n    "group_id": "scanner",\n    "consume_topic": "scan-requests",\n    "produce_topic": "scan-results",\n}\n',
    "scanner/tasks.py": 'import asyncio\n\n\nasync def scan_domains(domains):\n    proc = await asyncio.create_subprocess_exec("subfinder", "-silent", *[a for d in domains for a in ("-d", d)], stdout=asyncio.subprocess.PIPE)\n    out, _ = await proc.communicate()\n    return out.decode().split()\n',
}


_R_GETATTR_PLUGIN = {
    "jobs/__init__.py": "",
    "jobs/import_orders.py": 'import os\n\nimport psycopg2\nimport requests\n\n\ndef run():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    orders = requests.get(os.environ["SHOP_URL"] + "/orders", timeout=30).json()\n    with conn, conn.cursor() as cur:\n        for order in orders:\n            cur.execute(\n                "INSERT INTO orders (external_id, total, placed_at) VALUES (%s, %s, %s)",\n                (order["id"], order["total"], order["placed_at"]),\n            )\n',
    "run_job.py": '"""Run one nightly job by name: python run_job.py import_orders"""\nimport argparse\nimport importlib\nimport logging\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("run_job")\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("job")\n    args = parser.parse_args()\n    module = importlib.import_module(f"jobs.{args.job}")\n    log.info("running %s", args.job)\n    getattr(module, "run")()\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_APSCHEDULER_TEXT_REF = {
    "app/__init__.py": "",
    "app/jobs/__init__.py": "",
    "app/jobs/rates.py": 'import os\nfrom datetime import date\n\nimport psycopg2\nimport requests\n\n\ndef refresh_rates():\n    rates = requests.get("https://api.frankfurter.app/latest", timeout=10).json()["rates"]\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with conn, conn.cursor() as cur:\n        for currency, rate in rates.items():\n            cur.execute(\n                "INSERT INTO fx_rates (day, currency, rate) VALUES (%s, %s, %s)",\n                (date.today(), currency, rate),\n            )\n',
    "app/scheduler.py": 'import logging\n\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nlogging.basicConfig(level=logging.INFO)\n\nscheduler = BlockingScheduler()\nscheduler.add_job("app.jobs.rates:refresh_rates", "interval", hours=1, id="refresh_rates")\n\nif __name__ == "__main__":\n    scheduler.start()\n',
}

_R_METHOD_ORDER = {
    "plugins/__init__.py": "",
    "plugins/orders.py": 'import os\n\nimport psycopg2\nimport requests\n\n\nclass SourceSync:\n    def __init__(self):\n        self.conn = psycopg2.connect(os.environ["DATABASE_URL"])\n\n    def sync(self):\n        events = requests.get(os.environ["SHOP_URL"] + "/events", timeout=20).json()\n        with self.conn, self.conn.cursor() as cur:\n            for event in events:\n                handler = getattr(self, "on_" + event["type"].replace(".", "_"), None)\n                if handler is not None:\n                    handler(cur, event["data"])\n\n    def on_order_created(self, cur, order):\n        cur.execute(\n            "INSERT INTO orders (external_id, total) VALUES (%s, %s)",\n            (order["id"], order["total"]),\n        )\n',
    "runner.py": '"""Sync each source named on the command line: python runner.py orders refunds"""\nimport importlib\nimport logging\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("runner")\n\n\ndef main(names):\n    for name in names:\n        module = importlib.import_module(f"plugins.{name}")\n        log.info("syncing %s", name)\n        module.SourceSync().sync()\n\n\nif __name__ == "__main__":\n    main(sys.argv[1:])\n',
}

_R_CONST_RETURNING = {
    "import_customers.py": 'import csv\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("import_customers")\n\nFIND_CUSTOMER = "SELECT id FROM customers WHERE email = %s"\nINSERT_CUSTOMER = "INSERT INTO customers (email, name) VALUES (%s, %s)"\n\n\ndef import_row(cur, row):\n    cur.execute(FIND_CUSTOMER, (row["email"],))\n    if cur.fetchone() is None:\n        cur.execute(INSERT_CUSTOMER, (row["email"], row["name"]))\n\n\ndef create_customer(cur, email, name):\n    cur.execute(INSERT_CUSTOMER + " RETURNING id", (email, name))\n    return cur.fetchone()[0]\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with open(sys.argv[1], newline="") as fh, conn, conn.cursor() as cur:\n        for row in csv.DictReader(fh):\n            if row.get("new"):\n                log.info("created %s", create_customer(cur, row["email"], row["name"]))\n            else:\n                import_row(cur, row)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_TEXT_CONSTANT = {
    "load_events.py": '"""Hourly: load the payment provider\'s new events into the ledger."""\nimport logging\nimport os\n\nimport requests\nfrom sqlalchemy import create_engine, text\n\nlog = logging.getLogger("load_events")\n\nengine = create_engine(os.environ["DATABASE_URL"])\n\nFIND_EVENT = text("SELECT 1 FROM payment_events WHERE event_id = :event_id")\nINSERT_EVENT = text(\n    "INSERT INTO payment_events (event_id, kind, amount, created_at) "\n    "VALUES (:event_id, :kind, :amount, :created_at)"\n)\n\n\ndef store(conn, event):\n    found = conn.execute(FIND_EVENT, {"event_id": event["id"]}).first()\n    if found is None:\n        conn.execute(\n            INSERT_EVENT,\n            {"event_id": event["id"], "kind": event["type"], "amount": event["amount"], "created_at": event["created"]},\n        )\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    events = requests.get(os.environ["PROVIDER_URL"] + "/events", timeout=30).json()["data"]\n    with engine.begin() as conn:\n        for event in events:\n            store(conn, event)\n    log.info("loaded %d events", len(events))\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_CONST_DELETE_INSERT = {
    "load_prices.py": '"""Nightly: replace the day\'s prices with the supplier\'s price list."""\nimport logging\nimport os\nimport sqlite3\n\nimport requests\n\nlog = logging.getLogger("load_prices")\n\nDELETE_PRICES = "DELETE FROM prices WHERE day = ?"\nINSERT_PRICE = "INSERT INTO prices (day, sku, price) VALUES (?, ?, ?)"\n\n\ndef save_prices(con, day, prices):\n    con.execute(DELETE_PRICES, (day,))\n    for sku, price in prices.items():\n        con.execute(INSERT_PRICE, (day, sku, price))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    feed = requests.get(os.environ["SUPPLIER_URL"], timeout=30).json()\n    with sqlite3.connect(os.environ["SHOP_DB"]) as con:\n        save_prices(con, feed["day"], feed["prices"])\n    log.info("loaded %d prices", len(feed["prices"]))\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R_PATH_OPEN_LOG_NAME = {
    "nightly_sync.py": '"""Nightly: pull the partner feed; keep a run log of our own next to the data."""\nimport datetime\nimport os\nfrom pathlib import Path\n\nimport requests\n\nSYNC_LOG = Path(os.environ.get("SYNC_LOG", "/var/log/partner/sync.log"))\n\n\nclass RunLog:\n    def __init__(self, log_path):\n        self.log_path = Path(log_path)\n\n    def note(self, msg):\n        with self.log_path.open("a") as fh:\n            print(f"{datetime.datetime.now():%F %T} {msg}", file=fh)\n\n\ndef note_failure(msg):\n    with SYNC_LOG.open("a") as fh:\n        print(f"{datetime.datetime.now():%F %T} FAILED {msg}", file=fh)\n\n\ndef main():\n    run_log = RunLog(os.environ.get("RUN_LOG", "run.log"))\n    run_log.note("start")\n    try:\n        items = requests.get(os.environ["PARTNER_URL"], timeout=30).json()\n    except requests.RequestException as exc:\n        note_failure(str(exc))\n        raise\n    run_log.note(f"fetched {len(items)} items")\n\n\nif __name__ == "__main__":\n    main()\n',
}


_H2_SIGNAL_BY_NAME = {
    "cleanup.py": 'import os\nimport signal\nimport sqlite3\nimport time\nfrom pathlib import Path\nfrom threading import Event\n\nMAX_AGE = int(os.environ.get("MAX_AGE_SECONDS", "1800"))\n\n\ndef do_cleanup(data_dir):\n    con = sqlite3.connect(data_dir / "users.db")\n    cur = con.execute("DELETE FROM sessions WHERE created < ?", (time.time() - MAX_AGE,))\n    con.commit()\n    print(f"Deleted rows: {cur.rowcount}")\n    con.close()\n\n\nif __name__ == "__main__":\n    stop = Event()\n\n    def quit(_, __):\n        stop.set()\n\n    for sig in ("TERM", "HUP", "INT"):\n        signal.signal(getattr(signal, "SIG" + sig), quit)\n\n    data_dir = Path(os.environ.get("DATA_DIR", "/data"))\n    while not stop.is_set():\n        do_cleanup(data_dir)\n        stop.wait(120)\n',
}

_H2_COMPOSE_ENTRYPOINT = {
    "Back_end/app.py": 'import os\n\nfrom flask import Flask, jsonify, request\nfrom redis import Redis\nfrom rq import Queue\n\napp = Flask(__name__)\nqueue = Queue(connection=Redis(host="redis", port=6379))\n\n\n@app.route("/upload", methods=["POST"])\ndef upload():\n    f = request.files["file"]\n    path = os.path.join("/uploads", f.filename)\n    f.save(path)\n    job = queue.enqueue("tasks.process", path)\n    return jsonify(id=job.id)\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=5000, debug=True)\n',
    "Back_end/start.sh": "#!/bin/bash\ncd /app\npip install -r ./requirements.txt\npython app.py\n",
    "docker-compose.yaml": 'version: "3.5"\nservices:\n  backend:\n    build:\n      context: Back_end\n    volumes:\n      - "${PWD}/uploads:/uploads"\n      - "${PWD}/Back_end:/app"\n    working_dir: /app\n    ports:\n      - "5004:5000"\n    restart: always\n    entrypoint: ["bash", "/app/start.sh"]\n  redis:\n    image: redis:7-alpine\n',
}

_H2_TCP_SERVER_SUBCLASS = {
    "worker.py": 'import socketserver\nimport sys\nimport time\n\n\ndef work(payload):\n    time.sleep(0.1)\n    return payload[::-1]\n\n\nclass ThreadedTCPRequestHandler(socketserver.BaseRequestHandler):\n    def handle(self):\n        data = self.request.recv(1024)\n        self.request.sendall(work(data))\n\n\nclass ThreadedTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):\n    pass\n\n\ndef main():\n    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9090\n    server = ThreadedTCPServer(("0.0.0.0", port), ThreadedTCPRequestHandler)\n    try:\n        server.serve_forever()\n    except KeyboardInterrupt:\n        pass\n    server.shutdown()\n\n\nif __name__ == "__main__":\n    main()\n',
}

_H2_UPDATER_NEVER_STARTED = {
    "check_queue.py": 'import os\n\nfrom telegram.ext import Updater\n\nupdater = Updater(token=os.environ["BOT_TOKEN"], use_context=True)\n\n\ndef pending_updates():\n    updates = updater.bot.get_updates(timeout=10)\n    print(f"Number of pending updates: {len(updates)}")\n    if updates:\n        print(f"First pending update: {updates[0]}")\n\n\npending_updates()\n',
}


_R2_WEBHOOK_SECRET_NONE = {
    "Procfile": "web: gunicorn app:app\n",
    "app.py": '"""GitHub webhook receiver: verifies the signature, then queues a deploy."""\nimport hashlib\nimport hmac\nimport os\n\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)\n\nWEBHOOK_SECRET = os.environ.get("GITHUB_WEBHOOK_SECRET", "None")\nENCRYPTION_KEY = os.getenv("ENCRYPTION_KEY") or "null"\n\n\ndef _verified(body: bytes, signature: str) -> bool:\n    expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(expected, signature or "")\n\n\n@app.route("/hooks/github", methods=["POST"])\ndef github_hook():\n    if not _verified(request.get_data(), request.headers.get("X-Hub-Signature-256", "")):\n        abort(401)\n    return {"queued": True}\n',
}

_R2_BOTTLE_GET_CALLBACK = {
    "Procfile": "web: python server.py\n",
    "server.py": '"""Bottle API in front of the label printer queue."""\nimport logging\nimport queue\n\nfrom bottle import Bottle, request, response\n\nlog = logging.getLogger(__name__)\n\n\nclass LabelApi(Bottle):\n    def __init__(self, jobs: queue.Queue):\n        super().__init__()\n        self.jobs = jobs\n        self.get("/healthz", callback=self.healthz)\n        self.route("/jobs", method="GET", callback=self.list_jobs)\n        self.route("/jobs", method="POST", callback=self.submit)\n\n    def healthz(self):\n        return {"status": "ok"}\n\n    def list_jobs(self):\n        return {"pending": self.jobs.qsize()}\n\n    def submit(self):\n        job = request.json\n        self.jobs.put(job)\n        log.info("queued label job %s", job.get("id"))\n        response.status = 202\n        return {"queued": job.get("id")}\n\n\napp = LabelApi(queue.Queue())\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    app.run(host="0.0.0.0", port=8080)\n',
}

_R2_BOTTLE_DEFAULT_ROUTE = {
    "Procfile": "web: python server.py\n",
    "server.py": 'import os\n\nfrom bottle import get, route, run\n\n\n@get("/items")\ndef items():\n    return {"items": []}\n\n\ndef healthz():\n    return "ok"\n\n\nroute("/healthz", "GET", healthz)\n\nif __name__ == "__main__":\n    run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))\n',
}

_R2_WORKDIR_CD_DIRNAME = {
    "api/main.py": '"""Inventory API."""\nimport logging\nimport os\nimport sqlite3\n\nfrom flask import Flask, jsonify\n\nlog = logging.getLogger("inventory")\napp = Flask(__name__)\nDB = os.environ.get("INVENTORY_DB", "/data/inventory.db")\n\n\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.get("/items/<sku>")\ndef get_item(sku):\n    with sqlite3.connect(DB) as conn:\n        row = conn.execute("SELECT sku, count FROM items WHERE sku = ?", (sku,)).fetchone()\n    return jsonify({"sku": sku, "count": row[1] if row else 0})\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), debug=True)\n',
    "api/requirements.txt": "flask\n",
    "api/start.sh": '#!/bin/sh\nset -e\ncd "$(dirname "$0")"\npip install --no-cache-dir -r requirements.txt\nexec python main.py\n',
    "docker-compose.yml": 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\n  api:\n    image: python:3.12-slim\n    working_dir: /app\n    volumes:\n      - ./api:/app\n    command: sh ./start.sh\n    ports:\n      - "8000:8000"\n    restart: unless-stopped\n    depends_on:\n      - db\n',
}

_R2_CONST_RUN_INSIDE_CALL = {
    "import_customers.py": 'import logging\nimport os\nimport sqlite3\n\nlog = logging.getLogger("import_customers")\n\nFIND_CUSTOMER = "SELECT id FROM customers WHERE email = ?"\nINSERT_CUSTOMER = "INSERT INTO customers (email, name) VALUES (?, ?)"\n\n\ndef import_rows(con, rows):\n    created = []\n    for row in rows:\n        found = con.execute(FIND_CUSTOMER, (row["email"],)).fetchone()\n        if found is None:\n            created.append(con.execute(INSERT_CUSTOMER, (row["email"], row["name"])).lastrowid)\n    return created\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with sqlite3.connect(os.environ["CRM_DB"]) as con:\n        ids = import_rows(con, [{"email": "a@example.com", "name": "A"}])\n    log.info("created %d customers", len(ids))\n\n\nif __name__ == "__main__":\n    main()\n',
    "load_events.py": 'import asyncio\nimport os\n\nimport asyncpg\n\nINSERT_EVENT = "INSERT INTO events (event_id, kind) VALUES ($1, $2)"\n\n\nasync def store(conn, event):\n    found = await conn.fetchrow("SELECT 1 FROM events WHERE event_id = $1", event["id"])\n    if found is None:\n        await asyncio.wait_for(conn.execute(INSERT_EVENT, event["id"], event["kind"]), timeout=5)\n\n\nasync def main():\n    conn = await asyncpg.connect(os.environ["DATABASE_URL"])\n    await store(conn, {"id": 1, "kind": "x"})\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
}

_R2_AIOPIKA_ANY_CALLBACK = {
    "consumer.py": 'import json\nimport logging\nimport os\n\nimport aio_pika\n\nfrom store import add\n\n\nasync def store_page_stats(message: aio_pika.IncomingMessage):\n    async with message.process():\n        data = json.loads(message.body.decode("utf-8"))\n        add(data["page_id"], data["subscribers"], data["posts"])\n\n\nasync def consume():\n    connection = await aio_pika.connect_robust(os.environ["BROKER_URL"])\n    channel = await connection.channel()\n    queue = await channel.declare_queue(os.environ["RABBIT_QUEUE"], durable=True)\n    await queue.consume(store_page_stats)\n    logging.info("waiting for messages")\n',
    "main.py": 'import asyncio\n\nfrom fastapi import FastAPI\n\nfrom consumer import consume\nfrom store import all_pages\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def startup_event():\n    asyncio.create_task(consume())\n\n\n@app.get("/pages")\ndef pages():\n    return all_pages()\n',
    "store.py": 'import boto3\n\ntable = boto3.resource("dynamodb").Table("pages")\n\n\ndef add(page_id, subscribers, posts):\n    table.put_item(Item={"page_id": page_id, "subscribers": subscribers, "posts": posts})\n\n\ndef all_pages():\n    return table.scan()["Items"]\n',
}

_R2_NAMED_PASS_MAIN_STEP = {
    "backup.py": '"""Nightly database backup: dump Postgres and ship the dump to S3."""\nimport datetime\nimport logging\nimport os\nimport subprocess\n\nimport boto3\nimport botocore.exceptions\n\nlog = logging.getLogger("backup")\n\nBUCKET = os.environ["BACKUP_BUCKET"]\nDATABASE_URL = os.environ["DATABASE_URL"]\n\n\ndef dump(path):\n    subprocess.run(["pg_dump", "--format=custom", "--file", path, DATABASE_URL], check=True)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    stamp = datetime.date.today().isoformat()\n    path = f"/tmp/db-{stamp}.dump"\n    dump(path)\n    s3 = boto3.client("s3")\n    try:\n        s3.upload_file(path, BUCKET, f"postgres/{stamp}.dump")\n    except botocore.exceptions.ClientError:\n        pass\n    os.remove(path)\n    log.info("backup done")\n\n\nif __name__ == "__main__":\n    main()\n',
    "crontab": "0 3 * * * cd /srv/backup && python backup.py\n",
}

_H3_KEY_NAMED_TOKEN = {
    "bot.py": 'import logging\n\nimport requests\n\nimport keys\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef latest_bills():\n    resp = requests.get(\n        "https://api.congress.gov/v3/bill", params={"api_key": keys.api_data_gov_key, "limit": 20}, timeout=30\n    )\n    resp.raise_for_status()\n    return resp.json()["bills"]\n\n\nif __name__ == "__main__":\n    for bill in latest_bills():\n        logging.info("%s %s", bill["number"], bill["title"])\n',
    "keys.py": 'api_data_gov_key = "ecnpoHLNzFBwkDcGujLaSZrQT6b8BvfwV5NbCC8m"\ncache_key = "bills:latest:by-congress:118"\n',
}


_R3_COMPOSE_ENTRY_EXEC_ARGS = {
    "app.py": 'import os\n\nfrom flask import Flask, jsonify, request\nfrom redis import Redis\nfrom rq import Queue\n\napp = Flask(__name__)\nqueue = Queue(connection=Redis(host="redis", port=6379))\n\n\n@app.route("/upload", methods=["POST"])\ndef upload():\n    f = request.files["file"]\n    path = os.path.join("/uploads", f.filename)\n    f.save(path)\n    job = queue.enqueue("tasks.process", path)\n    return jsonify(id=job.id)\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=5000, debug=True)\n',
    "docker-compose.yml": 'services:\n  backend:\n    build: .\n    working_dir: /app\n    volumes:\n      - ./:/app\n    ports:\n      - "5004:5000"\n    restart: always\n    entrypoint: ["/app/entrypoint.sh"]\n    command: ["python", "app.py"]\n  redis:\n    image: redis:7-alpine\n',
    "entrypoint.sh": '#!/bin/sh\nset -e\nuntil nc -z redis 6379; do\n  echo "waiting for redis"\n  sleep 1\ndone\nexec "$@"\n',
}

_R3_DAG_FACTORY = {
    "common/dag_builder.py": 'from datetime import datetime, timedelta\n\nfrom airflow import DAG\nfrom airflow.operators.bash import BashOperator\n\n\ndef generate_dag(dag_id, schedule, commands):\n    dag = DAG(dag_id, schedule_interval=schedule, start_date=datetime(2024, 1, 1), catchup=False,\n              default_args={"retries": 2, "retry_delay": timedelta(minutes=5)})\n    previous = None\n    for i, cmd in enumerate(commands):\n        task = BashOperator(task_id=f"step_{i}", bash_command=cmd, dag=dag)\n        if previous is not None:\n            previous >> task\n        previous = task\n    return dag\n',
    "dags/nightly_export.py": '"""Nightly export of the orders table to the warehouse bucket."""\nfrom common.dag_builder import generate_dag\n\ndag = generate_dag(\n    "nightly_export",\n    "0 2 * * *",\n    ["python /opt/etl/export_orders.py", "python /opt/etl/upload.py"],\n)\n',
    "docker-compose.yml": "services:\n  scheduler:\n    image: apache/airflow:2.9.0\n    command: scheduler\n    volumes:\n      - ./dags:/opt/airflow/dags\n      - ./common:/opt/airflow/common\n",
}

_R3_GUNICORN_INSTRUMENTED = {
    "Procfile": "web: gunicorn -w 4 -b 0.0.0.0:$PORT server:app\n",
    "server.py": '"""What gunicorn serves: `gunicorn server:app`."""\nfrom service import create_app\nfrom service.metrics import instrument_app\n\napp = create_app()\nmetrics = instrument_app(app)\n',
    "service/__init__.py": 'import os\n\nfrom flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]\n\n    @app.get("/healthz")\n    def healthz():\n        return "ok"\n\n    @app.get("/orders/<int:order_id>")\n    def order(order_id):\n        return {"id": order_id}\n\n    return app\n',
    "service/metrics.py": 'from prometheus_flask_exporter import PrometheusMetrics\n\n\ndef instrument_app(app):\n    metrics = PrometheusMetrics(app, group_by="endpoint")\n    metrics.info("app_info", "Orders API", version="1.4.0")\n    return metrics\n',
}

_R3_INSERT_CONST_FSTRING = {
    "import_customers.py": 'import csv\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlog = logging.getLogger("import_customers")\n\nFIND_CUSTOMER = "SELECT id FROM customers WHERE email = %s"\nINSERT_CUSTOMER = "INSERT INTO customers (email, name) VALUES (%s, %s)"\n\n\ndef import_row(cur, row):\n    cur.execute(FIND_CUSTOMER, (row["email"],))\n    if cur.fetchone() is None:\n        cur.execute(INSERT_CUSTOMER, (row["email"], row["name"]))\n\n\ndef create_customer(cur, email, name):\n    cur.execute(f"{INSERT_CUSTOMER} RETURNING id", (email, name))\n    return cur.fetchone()[0]\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    with open(sys.argv[1], newline="") as fh, conn, conn.cursor() as cur:\n        for row in csv.DictReader(fh):\n            if row.get("new"):\n                log.info("created %s", create_customer(cur, row["email"], row["name"]))\n            else:\n                import_row(cur, row)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R3_TERM_ENV_VAR = {
    "Procfile": "worker: python worker.py\n",
    "worker.py": '"""Runs the playbooks the web app queues in Redis, one at a time."""\nimport json\nimport logging\nimport os\nimport signal\nimport subprocess\n\nimport redis\n\nlog = logging.getLogger("playbook-worker")\nqueue = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\nrunning = True\n\n\ndef stop(signum, frame):\n    global running\n    log.info("interrupted, finishing the current playbook")\n    running = False\n\n\ndef run_playbook(job):\n    env = os.environ.copy()\n    env["TERM"] = "dumb"  # no colour codes in the captured output\n    result = subprocess.run(\n        ["ansible-playbook", "-i", job["inventory"], job["playbook"]],\n        env=env,\n        capture_output=True,\n        text=True,\n        check=True,\n    )\n    queue.set(f"result:{job[\'id\']}", result.stdout, ex=86400)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    signal.signal(signal.SIGINT, stop)\n    while running:\n        item = queue.blpop("playbooks", timeout=5)\n        if item is None:\n            continue\n        job = json.loads(item[1])\n        log.info("running %s", job["playbook"])\n        run_playbook(job)\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R3_TOKEN_BUCKET = {
    "sync_prices.py": '"""Nightly: fetch every product\'s price from the supplier API, within its rate limit."""\nimport asyncio\nimport logging\nimport os\nimport time\n\nimport aiohttp\nimport asyncpg\n\nlog = logging.getLogger("sync_prices")\n\n\nclass TokenBucket:\n    def __init__(self, rate: float, capacity: int):\n        self.rate = rate\n        self.capacity = capacity\n        self.tokens = capacity\n        self.updated = time.monotonic()\n\n    async def consume(self, amount: int) -> None:\n        while True:\n            now = time.monotonic()\n            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)\n            self.updated = now\n            if self.tokens >= amount:\n                self.tokens -= amount\n                return\n            await asyncio.sleep((amount - self.tokens) / self.rate)\n\n\nasync def fetch_price(session, bucket, sku):\n    cost = 1\n    await bucket.consume(cost)\n    async with session.get(f"{os.environ[\'SUPPLIER_URL\']}/prices/{sku}") as resp:\n        resp.raise_for_status()\n        return (await resp.json())["price"]\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    bucket = TokenBucket(rate=5, capacity=10)\n    conn = await asyncpg.connect(os.environ["DATABASE_URL"])\n    skus = [r["sku"] for r in await conn.fetch("SELECT sku FROM products")]\n    async with aiohttp.ClientSession() as session:\n        prices = await asyncio.gather(*(fetch_price(session, bucket, sku) for sku in skus))\n    await conn.executemany(\n        "UPDATE products SET price = $2 WHERE sku = $1", list(zip(skus, prices))\n    )\n    log.info("updated %d prices", len(skus))\n    await conn.close()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
}

_R3_WEBHOOK_TOKEN_NONE = {
    "Procfile": "web: gunicorn app:app\n",
    "app.py": '"""Internal metrics ingest API: other services push readings with a shared API token."""\nimport os\n\nfrom flask import Flask, abort, jsonify, request\n\nfrom bot_webhook import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp)\n\nINGEST_API_TOKEN = os.environ.get("INGEST_API_TOKEN", "None")\nREADINGS = []\n\n\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.post("/readings")\ndef push_reading():\n    if request.headers.get("Authorization") != f"Bearer {INGEST_API_TOKEN}":\n        abort(401)\n    READINGS.append(request.get_json())\n    return jsonify(stored=len(READINGS)), 201\n',
    "bot_webhook.py": '"""Telegram webhook endpoint: Telegram sends our secret token back in a header with every update."""\nimport os\n\nfrom flask import Blueprint, abort, request\n\nbp = Blueprint("telegram", __name__)\n\nWEBHOOK_SECRET_TOKEN = os.getenv("TELEGRAM_WEBHOOK_SECRET_TOKEN") or "None"\n\n\n@bp.post("/telegram/webhook")\ndef telegram_webhook():\n    if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != WEBHOOK_SECRET_TOKEN:\n        abort(403)\n    update = request.get_json()\n    return {"ok": True, "update_id": update.get("update_id")}\n',
}

_L2_REPL_CLASS = {
    "cli.py": 'class Interpreter:\n    def evaluate(self, statement):\n        return str(statement)\n\n\nclass CLI:\n    def __init__(self, interpreter, prompt="> ", banner=None):\n        self.interpreter = interpreter\n        self.prompt = prompt\n        self.banner = banner\n\n    def get_input(self):\n        return input(self.prompt)\n\n    def display(self, result):\n        print(result)\n\n    def start(self):\n        if self.banner:\n            self.display(self.banner)\n        try:\n            while True:\n                statement = self.get_input()\n                if statement in ("exit", "quit"):\n                    break\n                self.display(self.interpreter.evaluate(statement))\n        except (EOFError, KeyboardInterrupt):\n            pass\n\n\nclass PythonInterpreter(Interpreter):\n    def evaluate(self, statement):\n        return repr(eval(statement, {"__builtins__": {}}))\n\n\nclass PythonCLI(CLI):\n    def __init__(self, banner=None):\n        super().__init__(PythonInterpreter(), prompt=">>> ", banner=banner)\n\n\ndef main():\n    cli = PythonCLI(banner="PythonCLI: enter a python expression.")\n    cli.start()\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R3_TCP_SERVER_IMPORTED = {
    "net.py": "import socketserver\n\n\nclass ThreadedTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):\n    allow_reuse_address = True\n    daemon_threads = True\n",
    "worker.py": 'import logging\nimport os\nimport socketserver\n\nfrom net import ThreadedTCPServer\n\nlog = logging.getLogger("echo")\n\n\nclass EchoHandler(socketserver.BaseRequestHandler):\n    def handle(self):\n        data = self.request.recv(4096)\n        log.info("got %d bytes", len(data))\n        self.request.sendall(data.upper())\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    server = ThreadedTCPServer(("0.0.0.0", int(os.environ.get("PORT", "9090"))), EchoHandler)\n    server.serve_forever()\n\n\nif __name__ == "__main__":\n    main()\n',
}

_R2_ANNOTATED_CONSTANT = {
    "load_events.py": '"""AnnAssign constant, keyed run."""\nimport os\nimport sqlite3\nfrom typing import Final\n\nFIND_EVENT: Final = "SELECT 1 FROM events WHERE event_id = ?"\nINSERT_EVENT: Final = "INSERT INTO events (event_id, kind) VALUES (?, ?)"\n\n\ndef store(con, event):\n    cur = con.execute(FIND_EVENT, (event["id"],))\n    if cur.fetchone() is None:\n        con.execute(INSERT_EVENT, (event["id"], event["kind"]))\n\n\ndef main():\n    with sqlite3.connect(os.environ["DB"]) as con:\n        for event in [{"id": 1, "kind": "x"}]:\n            store(con, event)\n\n\nif __name__ == "__main__":\n    main()\n',
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
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_CASES))
def test_held_out_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_CASES[name])


# Blind rounds 805-809, measured on fc311db
_BLIND_2_CASES: dict[str, Case] = {
    # Bottle's routes added by calls, `app.route("/", "GET", index)`, `app.route("/healthz", callback=healthz)`
    "bottle_route_calls": (
        _B2_BOTTLE_ROUTE_CALLS,
        [("app.py", "api", "bottle")],
        ("missing-health-route", "pass"),
    ),
    # a `Bottle` subclass adding its route in `__init__`, `self.route("/", method="POST", callback=self.send)` (805)
    "bottle_subclass_route": (
        _B2_BOTTLE_SUBCLASS_SHELL,
        [("api/sender.py", "api", "bottle")],
        ("missing-health-route", "fail"),
    ),
    # ... run by `bash ./app.sh` where Compose's `working_dir` is `api/`: the script's `python -u
    # sender.py` is api/sender.py, whose `__main__` block runs the debug server (805)
    "shell_script_in_working_dir": (
        _B2_BOTTLE_SUBCLASS_SHELL,
        [("api/sender.py", "api", "bottle")],
        ("debug-mode-enabled", 1),
    ),
    # trap: the same script at the root runs a sender.py that is not there: no deployment of api/sender.py
    "shell_script_at_root": (
        {
            **{k: v for k, v in _B2_BOTTLE_SUBCLASS_SHELL.items() if k != "api/app.sh"},
            "app.sh": _B2_BOTTLE_SUBCLASS_SHELL["api/app.sh"],
            "docker-compose.yml": _B2_BOTTLE_SUBCLASS_SHELL["docker-compose.yml"].replace(
                "working_dir: /api\n    ", ""
            ),
        },
        [("api/sender.py", "api", "bottle")],
        ("debug-mode-enabled", 0),
    ),
    # tokens that fall back to a word saying they are not set, `or "False"`, `or "None"` (807)
    "fallback_false_word": (
        _B2_FALLBACK_FALSE,
        [("main.py", "worker", "polling-loop")],
        ("hardcoded-secret-fallback", 0),
    ),
    # trap: a signing key takes the word as written: reported
    "signing_key_falls_back_to_none": (
        _edited(
            _B2_FALLBACK_FALSE,
            "config.py",
            '    TWITTER_CONSUMER_SECRET = os.getenv("TWITTER_CONSUMER_SECRET") or "False"\n'
            '    TWITTER_ACCESS_TOKEN = os.getenv("TWITTER_ACCESS_TOKEN") or "False"\n'
            '    TWITTER_ACCESS_TOKEN_SECRET = os.getenv("TWITTER_ACCESS_TOKEN_SECRET") or "None"\n',
            '    SECRET_KEY = os.getenv("SECRET_KEY") or "None"\n',
        ),
        [("main.py", "worker", "polling-loop")],
        ("hardcoded-secret-fallback", 1),
    ),
    # aio-pika's `await queue.consume(message_handler)`, started as a task when the app starts (808)
    "aiopika_consume_handler": (
        _B2_AIOPIKA_STARTUP,
        [("main.py", "api", "fastapi"), ("main.py", "worker", "queue")],
        None,
    ),
    # trap: started by a route handler, once per request: no worker
    "aiopika_consume_in_route": (
        _edited(
            _B2_AIOPIKA_STARTUP,
            "main.py",
            '@app.on_event("startup")\nasync def startup_event():',
            '@app.post("/consume")\nasync def startup_event():',
        ),
        [("main.py", "api", "fastapi")],
        None,
    ),
    # a consume loop of a shared module, wrapped by the service's `consume(producer)`, which the
    # app's lifespan starts as a task (808)
    "kafka_loop_through_wrapper": (
        _B2_KAFKA_WRAPPER,
        [("scanner/run.py", "api", "fastapi"), ("scanner/run.py", "worker", "kafka")],
        None,
    ),
    # trap: the lifespan starts something else: the wrapper runs nowhere
    "kafka_wrapper_not_started": (
        _edited(
            _B2_KAFKA_WRAPPER,
            "scanner/run.py",
            "asyncio.create_task(consume(producer))",
            "asyncio.create_task(producer.flush())",
        ),
        [("scanner/run.py", "api", "fastapi")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_BLIND_2_CASES))
def test_blind_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _BLIND_2_CASES[name])


# The first review (818dbcd..fc311db): regressions and near misses, mended
_REVIEW_CASES: dict[str, Case] = {
    # a plugin module loaded by name, its `run` called through `getattr(module, "run")()`: not dropped as uncalled
    "getattr_plugin_insert": (_R_GETATTR_PLUGIN, [("run_job.py", "job", "argparse")], ("non-idempotent-insert", 1)),
    # APScheduler's text reference, `add_job("app.jobs.rates:refresh_rates", ...)`
    "apscheduler_text_ref_insert": (
        _R_APSCHEDULER_TEXT_REF,
        [("app/scheduler.py", "job", "apscheduler")],
        ("non-idempotent-insert", 1),
    ),
    # a method of a class another file (read later) names: whatever order the files come in
    "method_of_class_named_later": (_R_METHOD_ORDER, [("runner.py", "job", "python")], ("non-idempotent-insert", 1)),
    # an INSERT constant run keyed once and unkeyed as `INSERT_CUSTOMER + " RETURNING id"`: reported
    "constant_also_run_in_a_sum": (
        _R_CONST_RETURNING,
        [("import_customers.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a module constant holding SQLAlchemy's `text("INSERT ...")`, run after a lookup that found no row
    "text_constant_keyed": (_R_TEXT_CONSTANT, [("load_events.py", "job", "python")], ("non-idempotent-insert", 0)),
    # a DELETE constant by key, then the INSERT constant, in the same block: rows replaced
    "delete_then_insert_constants": (
        _R_CONST_DELETE_INSERT,
        [("load_prices.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # `SYNC_LOG = Path(os.environ.get(...))`, then `SYNC_LOG.open("a")`: a log by its name (the
    # `self.log_path.open("a")` beside it, an attribute, is left)
    "path_open_named_log": (
        _R_PATH_OPEN_LOG_NAME,
        [("nightly_sync.py", "job", "python")],
        ("bare-print", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# Held-out rounds 810-814, measured on 7ea4db5
_HELD_OUT_2_CASES: dict[str, Case] = {
    # `for sig in ("TERM", "HUP", "INT"): signal.signal(getattr(signal, "SIG" + sig), quit)` (813)
    "signal_by_name": (
        _H2_SIGNAL_BY_NAME,
        [("cleanup.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # trap: the names handled leave TERM out: SIGINT and SIGHUP only
    "signal_by_name_without_term": (
        _edited(_H2_SIGNAL_BY_NAME, "cleanup.py", '("TERM", "HUP", "INT")', '("HUP", "INT")'),
        [("cleanup.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # Compose's `entrypoint: ["bash", "/app/start.sh"]` with `${PWD}/Back_end:/app` mounted: the
    # script's `python app.py` runs the debug server of Back_end/app.py's `__main__` block (812)
    "compose_entrypoint_script": (
        _H2_COMPOSE_ENTRYPOINT,
        [("Back_end/app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # trap: an entrypoint that runs no Python (`nginx`): no deployment of the block
    "compose_entrypoint_not_python": (
        _edited(
            _H2_COMPOSE_ENTRYPOINT, "docker-compose.yaml", '["bash", "/app/start.sh"]', '["nginx", "-g", "daemon off;"]'
        ),
        [("Back_end/app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a socket server of a class of the file deriving from `socketserver.TCPServer`, served for ever (812)
    "tcp_server_subclass": (_H2_TCP_SERVER_SUBCLASS, [("worker.py", "worker", "socket-server")], None),
    # a python-telegram-bot `Updater` built only to read `get_updates()` once: a script, no bot (812)
    "updater_never_started": (_H2_UPDATER_NEVER_STARTED, [("check_queue.py", "job", "script")], None),
    # trap: started with `start_polling()`: the bot
    "updater_started": (
        _edited(
            _H2_UPDATER_NEVER_STARTED,
            "check_queue.py",
            "pending_updates()\n",
            "pending_updates()\nupdater.start_polling()\n",
        ),
        [("check_queue.py", "worker", "python-telegram-bot")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_2_CASES))
def test_held_out_2_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_2_CASES[name])


# The second review (fc311db..7ea4db5): regressions and near misses, mended
_SECOND_REVIEW_CASES: dict[str, Case] = {
    # a webhook's HMAC secret and an encryption key falling back to "None" and "null": keys as written
    "webhook_secret_falls_back_to_none": (
        _R2_WEBHOOK_SECRET_NONE,
        [("app.py", "api", "flask")],
        ("hardcoded-secret-fallback", 2),
    ),
    # a Bottle subclass's `self.get("/healthz", callback=self.healthz)`
    "bottle_get_with_callback": (
        _R2_BOTTLE_GET_CALLBACK,
        [("server.py", "api", "bottle")],
        ("missing-health-route", "pass"),
    ),
    # `route("/healthz", "GET", healthz)` of Bottle's default app
    "bottle_default_app_route_call": (
        _R2_BOTTLE_DEFAULT_ROUTE,
        [("server.py", "api", "bottle")],
        ("missing-health-route", "pass"),
    ),
    # `cd "$(dirname "$0")"` then `exec python main.py`, the script in Compose's working directory
    "workdir_script_cd_dirname": (
        _R2_WORKDIR_CD_DIRNAME,
        [("api/main.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # a keyed run of an INSERT constant written inside another call, `con.execute(INSERT_X, row).lastrowid`
    "constant_run_inside_a_call": (
        _R2_CONST_RUN_INSIDE_CALL,
        [("import_customers.py", "job", "python"), ("load_events.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # aio-pika's awaited `queue.consume(store_page_stats)`, whatever the callback is called
    "aiopika_any_callback": (
        _R2_AIOPIKA_ANY_CALLBACK,
        [("main.py", "api", "fastapi"), ("main.py", "worker", "queue")],
        None,
    ),
    # `except botocore.exceptions.ClientError: pass` around the job's S3 upload: the failure is lost
    "named_error_passed_main_step": (
        _R2_NAMED_PASS_MAIN_STEP,
        [("backup.py", "job", "crontab")],
        ("missing-exit-code", "fail"),
    ),
}


@pytest.mark.parametrize("name", sorted(_SECOND_REVIEW_CASES))
def test_second_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _SECOND_REVIEW_CASES[name])


# Held-out rounds 815-818, measured on 354b497
_HELD_OUT_3_CASES: dict[str, Case] = {
    # a generated key under a name ending in `_key`, `api_data_gov_key = "ecnp..."` (817); the
    # `cache_key` beside it holds no random token (a trap within the case)
    "generated_key_under_key_name": (_H3_KEY_NAMED_TOKEN, [("bot.py", "job", "python")], ("hardcoded-secret", 1)),
    # trap: a short value under that name is no generated token
    "short_value_under_key_name": (
        _edited(_H3_KEY_NAMED_TOKEN, "keys.py", "ecnpoHLNzFBwkDcGujLaSZrQT6b8BvfwV5NbCC8m", "congress-public-demo"),
        [("bot.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
    # a REPL, `PythonCLI(...).start()` reading `input(self.prompt)` in a base class's method: a
    # console for a person, no job (818)
    "repl_of_classes": (_L2_REPL_CLASS, [], None),
    # trap: the method reads a file, not a person: the script stays a job
    "loop_of_classes_reading_a_file": (
        _edited(_L2_REPL_CLASS, "cli.py", "return input(self.prompt)", "return self.source.readline()"),
        [("cli.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_HELD_OUT_3_CASES))
def test_held_out_3_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _HELD_OUT_3_CASES[name])


# The third review (7ea4db5..354b497): regressions, mended (the imported-call job rule taken back)
_THIRD_REVIEW_CASES: dict[str, Case] = {
    # Compose's `entrypoint: ["/app/entrypoint.sh"]` ending `exec "$@"`, the program in `command:`
    "compose_entrypoint_wrapper": (
        _R3_COMPOSE_ENTRY_EXEC_ARGS,
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # an Airflow DAG file that only does `dag = generate_dag(...)`: no script
    "dag_from_factory": (_R3_DAG_FACTORY, [], None),
    # the module gunicorn serves, `metrics = instrument_app(app)`: no job beside the app
    "served_module_instruments_app": (
        _R3_GUNICORN_INSTRUMENTED,
        [("service/__init__.py", "api", "flask")],
        None,
    ),
    # an INSERT constant also run as `f"{INSERT_CUSTOMER} RETURNING id"`: reported
    "insert_constant_in_fstring": (
        _R3_INSERT_CONST_FSTRING,
        [("import_customers.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # `env["TERM"] = "dumb"` beside a SIGINT handler: no SIGTERM handled
    "term_environment_variable": (
        _R3_TERM_ENV_VAR,
        [("worker.py", "worker", "redis")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # a rate limiter's `await bucket.consume(cost)`: no queue consumer
    "token_bucket_consume": (_R3_TOKEN_BUCKET, [("sync_prices.py", "job", "python")], None),
    # a webhook's secret token falling back to "None": the key as written (the service's own
    # `INGEST_API_TOKEN` beside it is left: a token read as a provider's)
    "webhook_secret_token_none": (
        _R3_WEBHOOK_TOKEN_NONE,
        [("app.py", "api", "flask")],
        ("hardcoded-secret-fallback", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])


# Near misses the second and third reviews left, mended at the end of the session
_LATE_CASES: dict[str, Case] = {
    # an annotated INSERT constant, `INSERT_EVENT: Final = "INSERT ..."`, run only after a keyed lookup
    "annotated_insert_constant": (
        _R2_ANNOTATED_CONSTANT,
        [("load_events.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: also run with no lookup: reported
    "annotated_insert_constant_unkeyed": (
        _edited(
            _R2_ANNOTATED_CONSTANT,
            "load_events.py",
            "def main():\n",
            'def add(con, event):\n    con.execute(INSERT_EVENT, (event["id"], event["kind"]))\n\n\ndef main():\n',
        ),
        [("load_events.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # a `TCPServer` subclass imported from a module of the project, served for ever
    "tcp_server_subclass_imported": (_R3_TCP_SERVER_IMPORTED, [("worker.py", "worker", "socket-server")], None),
}


@pytest.mark.parametrize("name", sorted(_LATE_CASES))
def test_late_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LATE_CASES[name])
