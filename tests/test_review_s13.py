"""Reviewer reproductions of false reports (and lost gaps) in the first version of the rounds 55-64 changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run

Tree = Callable[[dict[str, str]], Path]


# Review of the rounds 55-64 changes: each tree is a reviewer's reproduction of a false report
# (or a lost gap) the first version of those changes made.
_REVIEW_TREES: dict[str, tuple[dict[str, str], str, object]] = {
    "p01_template_secret": (
        {
            "sync_job.py": 'import logging\nimport os\nimport sys\n\nlog = logging.getLogger(__name__)\n\n# A ConfigParser-style template, filled in from the environment below\nDB_CREDENTIALS = "postgresql://%(DB_USER)s:%(DB_PASS)s@%(DB_HOST)s:5432/app"\n# the Secret Manager resource holding the API key (not the key itself)\nAPI_KEY_SECRET = "projects/{project_id}/secrets/STRIPE_API_KEY/versions/latest"\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    dsn = DB_CREDENTIALS % os.environ\n    secret = API_KEY_SECRET.format(project_id=os.environ["GCP_PROJECT"])\n    log.info("using %s and %s", dsn.split("@")[-1], secret)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_findings",
        "hardcoded-secret",
    ),
    "p_api_hash": (
        {
            "check_contract.py": '"""Cron: fail when the partner\'s published OpenAPI document changes under us."""\nimport hashlib\nimport logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nSPEC_URL = "https://partner.example.com/openapi.json"\n# sha256 of the spec we coded against (update after reviewing a change)\nEXPECTED_API_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    body = requests.get(SPEC_URL, timeout=30).content\n    current = hashlib.sha256(body).hexdigest()\n    if current != EXPECTED_API_HASH:\n        log.error("partner API changed: %s", current)\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_findings",
        "hardcoded-secret",
    ),
    "p_ftp_lock": (
        {
            "upload_report.py": '"""Nightly: upload the sales report to the partner\'s FTP drop."""\nimport ftplib\nimport logging\nimport os\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef upload(path: str) -> None:\n    ftp = ftplib.FTP(os.environ["FTP_HOST"])\n    ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])\n    name = os.path.basename(path)\n    temp_name = name + ".part"\n    try:\n        with open(path, "rb") as fh:\n            ftp.storbinary(f"STOR {temp_name}", fh)\n        ftp.rename(temp_name, name)\n    except ftplib.all_errors:\n        ftp.delete(temp_name)  # no half-written file left on their side\n        raise\n    finally:\n        ftp.quit()\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    upload(sys.argv[1])\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "not_fail",
        "missing-dry-run",
    ),
    "p_http_logout": (
        {
            "export_dashboard.py": '"""Cron: download a Metabase question as CSV (log in, export, log out)."""\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nBASE = os.environ["METABASE_URL"]\n\n\ndef export(question: int, target: str) -> None:\n    session = requests.Session()\n    login = session.post(\n        f"{BASE}/api/session",\n        json={"username": os.environ["MB_USER"], "password": os.environ["MB_PASSWORD"]},\n        timeout=30,\n    )\n    login.raise_for_status()\n    session.headers["X-Metabase-Session"] = login.json()["id"]\n    try:\n        response = session.post(f"{BASE}/api/card/{question}/query/csv", timeout=300)\n        response.raise_for_status()\n        with open(target, "wb") as fh:\n            fh.write(response.content)\n    finally:\n        session.delete(f"{BASE}/api/session", timeout=30)  # log out\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    export(int(sys.argv[1]), sys.argv[2])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "not_fail",
        "missing-dry-run",
    ),
    "p_twitchio_api": (
        {
            "crontab": "*/15 * * * * cd /srv/stats && python3 record_viewers.py\n",
            "record_viewers.py": '"""Every 15 minutes (cron): record how many viewers our channels have, then exit."""\nimport asyncio\nimport csv\nimport logging\nimport os\nimport sys\nimport time\n\nimport twitchio\n\nlog = logging.getLogger(__name__)\nCHANNELS = ["ourchannel", "ourchannel_es"]\nclient = twitchio.Client(token=os.environ["TWITCH_TOKEN"])\n\n\nasync def record() -> int:\n    streams = await client.fetch_streams(user_logins=CHANNELS)\n    with open(os.environ["VIEWERS_CSV"], "a", newline="") as fh:\n        writer = csv.writer(fh)\n        for stream in streams:\n            writer.writerow([int(time.time()), stream.user.name, stream.viewer_count])\n    log.info("recorded %d streams", len(streams))\n    return 0\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    return asyncio.run(record())\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_kind",
        "worker",
    ),
    "p_paho_publish": (
        {
            "crontab": "*/5 * * * * cd /opt/sensors && python3 publish_reading.py\n",
            "publish_reading.py": '"""Every 5 minutes (cron): read the sensor once, publish the reading, exit."""\nimport json\nimport logging\nimport os\nimport sys\n\nimport paho.mqtt.client as mqtt\n\nlog = logging.getLogger(__name__)\n\n\ndef read_sensor() -> float:\n    with open("/sys/bus/w1/devices/28-000005e2fdc3/temperature") as fh:\n        return int(fh.read()) / 1000\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    client = mqtt.Client()\n    client.connect(os.environ["MQTT_HOST"], 1883)\n    info = client.publish("home/temperature", json.dumps({"celsius": read_sensor()}), qos=1)\n    while not info.is_published():\n        client.loop()  # drive the network until the broker has it\n    client.disconnect()\n    log.info("published")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_kind",
        "worker",
    ),
    "p_telethon_helper": (
        {
            "crontab": "0 7 * * * cd /srv/tg && python3 daily_report.py\n",
            "daily_report.py": '"""Cron, 07:00: send yesterday\'s numbers to the team chat, then exit."""\nimport logging\nimport sys\n\nfrom tg import Notifier\n\nlog = logging.getLogger(__name__)\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    Notifier().send("team", "orders yesterday: 42")\n    log.info("sent")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
            "tg.py": '"""Our Telegram account: send a message, or answer commands until stopped."""\nimport os\n\nfrom telethon import TelegramClient, events\n\n\nclass Notifier:\n    def __init__(self) -> None:\n        self.client = TelegramClient("notifier", int(os.environ["TG_API_ID"]), os.environ["TG_API_HASH"])\n\n    def send(self, chat: str, text: str) -> None:\n        with self.client:\n            self.client.loop.run_until_complete(self.client.send_message(chat, text))\n\n    def serve_commands(self) -> None:\n        @self.client.on(events.NewMessage(pattern="/ping"))\n        async def ping(event):\n            await event.reply("pong")\n\n        self.client.start()\n        self.client.run_until_disconnected()\n',
        },
        "no_kind",
        "worker",
    ),
    "p_django_setup_demo": (
        {
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "mysite/__init__.py": "",
            "mysite/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = False\nROOT_URLCONF = "mysite.urls"\nINSTALLED_APPS = ["shop"]\nLOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}}, "root": {"handlers": ["console"]}}\n',
            "mysite/urls.py": 'from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [\n    path("healthz", views.health),\n    path("readyz", views.ready),\n    path("stats", views.stats),\n]\n',
            "shop/__init__.py": "",
            "shop/reports.py": 'from django.db.models import Sum\n\n\ndef order_totals() -> dict:\n    from shop.models import Order\n\n    return Order.objects.aggregate(total=Sum("amount"))\n\n\nif __name__ == "__main__":\n    # try it against the dev database: python -m shop.reports\n    import django\n\n    django.setup()\n    print(order_totals())\n',
            "shop/views.py": 'from django.http import JsonResponse\n\nfrom shop.reports import order_totals\n\n\ndef health(request):\n    return JsonResponse({"ok": True})\n\n\ndef ready(request):\n    return JsonResponse({"ok": True})\n\n\ndef stats(request):\n    return JsonResponse(order_totals())\n',
        },
        "no_entry",
        "shop/reports.py",
    ),
    "p_report_helper_global": (
        {
            "sync_files.py": '"""Cron: copy each export to the archive; exit 1 if any copy failed."""\nimport shutil\nimport sys\nfrom pathlib import Path\n\nERRORS = 0\n\n\ndef error(message: str) -> None:\n    """Report a failure and count it for the exit status."""\n    global ERRORS\n    ERRORS += 1\n    print(f"ERROR: {message}", file=sys.stderr)\n\n\ndef copy_all(source: Path, target: Path) -> None:\n    for path in sorted(source.glob("*.csv")):\n        try:\n            shutil.copy2(path, target / path.name)\n        except Exception as exc:\n            error(f"copy of {path} failed: {exc}")\n\n\ndef main() -> None:\n    copy_all(Path(sys.argv[1]), Path(sys.argv[2]))\n    if ERRORS:\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "all",
        ("missing-exit-code", "pass"),
    ),
    "p_report_helper_info": (
        {
            "migrate.py": '"""Run at deploy: add the columns the new release reads (idempotent)."""\nimport logging\nimport sqlite3\nimport sys\n\nlog = logging.getLogger("migrate")\n\n\ndef note(message: str) -> None:\n    log.info("[migrate] %s", message)\n\n\ndef add_column(db: sqlite3.Connection, table: str, column: str) -> None:\n    try:\n        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")\n    except sqlite3.OperationalError:\n        note(f"{table}.{column} already there")\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    db = sqlite3.connect(sys.argv[1])\n    add_column(db, "orders", "coupon")\n    db.commit()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "all",
        ("missing-exit-code", "pass"),
    ),
    "p_retry_dropped": (
        {
            "backup_upload.py": '"""Cron: upload last night\'s dump to S3, retrying three times."""\nimport logging\nimport sys\nimport time\n\nimport boto3\n\nlog = logging.getLogger(__name__)\ns3 = boto3.client("s3")\n\n\ndef upload(path: str) -> bool:\n    for attempt in range(1, 4):\n        try:\n            s3.upload_file(path, "backups", path.rsplit("/", 1)[-1])\n            return True\n        except Exception as exc:\n            log.warning("upload attempt %d failed: %s", attempt, exc)\n        time.sleep(2**attempt)\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    upload(sys.argv[1])  # result dropped: three failures end with status 0\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "all",
        ("missing-exit-code", "fail"),
    ),
    "p_pages_attempts": (
        {
            "export_orders.py": '"""Cron: export every page of orders to a CSV."""\nimport csv\nimport logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nAPI = "https://shop.example.com/api/orders"\n\n\ndef fetch_all() -> list:\n    rows = []\n    for page in range(1, 500):\n        try:\n            response = requests.get(API, params={"page": page}, timeout=30)\n            response.raise_for_status()\n        except Exception as exc:\n            log.error("page %d failed: %s", page, exc)\n            continue  # the page\'s orders are silently missing from the export\n        batch = response.json()\n        if not batch:\n            break\n        rows.extend(batch)\n    return rows\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    rows = fetch_all()\n    with open(sys.argv[1], "w", newline="") as fh:\n        csv.writer(fh).writerows(rows)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "all",
        ("missing-exit-code", "fail"),
    ),
    "p_shards_join": (
        {
            "db.py": "def dump_shard(shard: int, path: str) -> None:\n    raise NotImplementedError\n",
            "export_shards.py": '"""Cron: dump each of the 16 shards to a CSV file."""\nimport logging\nimport os\nimport sys\n\nfrom db import dump_shard\n\nlog = logging.getLogger(__name__)\n\n\ndef export_all(out_dir: str) -> int:\n    written = 0\n    for shard in range(16):\n        try:\n            dump_shard(shard, os.path.join(out_dir, f"shard-{shard:02d}.csv"))\n            written += 1\n        except Exception as exc:\n            log.error("shard %d failed: %s", shard, exc)\n    return written\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    written = export_all(sys.argv[1])\n    log.info("%d shards written", written)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "all",
        ("missing-exit-code", "fail"),
    ),
    "p_exit_after_swallow": (
        {
            "feed.py": 'def build() -> bytes:\n    return b"<rss/>"\n\n\ndef publish(data: bytes) -> None:\n    raise NotImplementedError\n\n\ndef refresh_cache() -> None:\n    pass\n',
            "publish.py": '"""Cron: refresh the cache, rebuild the feed and publish it."""\nimport logging\nimport os\nimport sys\n\nfrom feed import build, publish, refresh_cache\n\nlog = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    try:\n        refresh_cache()\n    except Exception:\n        log.exception("cache refresh failed, publishing from the old cache")\n    if "FEED_BUCKET" not in os.environ:\n        print("FEED_BUCKET is not set", file=sys.stderr)\n        sys.exit(2)\n    try:\n        publish(build())\n    except Exception:\n        log.exception("publishing the feed failed")  # exits 0 after this\n',
        },
        "all",
        ("missing-exit-code", "fail"),
    ),
    "p_grpc_worker": (
        {
            "consumer.py": '"""Kafka consumer; a gRPC health endpoint on :50051 for the orchestrator."""\nimport logging\nimport signal\nimport sys\nfrom concurrent import futures\n\nimport grpc\nfrom confluent_kafka import Consumer\nfrom grpc_health.v1 import health, health_pb2_grpc\nfrom prometheus_client import start_http_server\n\nlog = logging.getLogger(__name__)\nrunning = True\n\n\ndef stop(*_):\n    global running\n    running = False\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    start_http_server(9100)\n    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))\n    health_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), server)\n    server.add_insecure_port("[::]:50051")\n    server.start()\n    consumer = Consumer({"bootstrap.servers": "kafka:9092", "group.id": "orders"})\n    consumer.subscribe(["orders"])\n    while running:\n        msg = consumer.poll(1.0)\n        if msg is None:\n            continue\n        log.info("order %s", msg.value())\n        with open("/tmp/heartbeat", "w") as fh:\n            fh.write("ok")\n    consumer.close()\n    server.stop(5)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        "kinds",
        [("consumer.py", "worker", "kafka")],
    ),
}


@pytest.mark.parametrize("case", sorted(_REVIEW_TREES))
def test_review_reproductions_of_rounds_55_to_64(make_tree: Tree, case: str) -> None:
    files, how, arg = _REVIEW_TREES[case]
    report = run([str(make_tree({f"{case}/{k}": v for k, v in files.items()}) / case)])
    eps = [(r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints]
    statuses = {r.entrypoint.path: {c.name: c.status for c in r.checks} for r in report.entrypoints}
    if how == "no_findings":
        assert [f for f in report.findings if f.name == arg] == []
    elif how == "not_fail":
        assert eps and all(s[str(arg)] != "fail" for s in statuses.values())
    elif how == "no_kind":
        assert eps and not any(kind == arg for _, kind, _ in eps)
    elif how == "no_entry":
        assert not any(path == arg for path, _, _ in eps)
    elif how == "all":
        assert isinstance(arg, tuple)
        rule, status = str(arg[0]), str(arg[1])
        assert eps and all(s[rule] == status for s in statuses.values())
    else:
        assert eps == arg
