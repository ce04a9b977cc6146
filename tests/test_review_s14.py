"""Reviewer reproductions of false reports (and lost gaps) in the first version of the rounds 65-74 changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run

Tree = Callable[[dict[str, str]], Path]


# Each tree is a reviewer's reproduction; what the first version got wrong is in its name.
_REVIEW_TREES: dict[str, tuple[dict[str, str], str, object]] = {
    "p1_fallback_other_variable_email": (
        {
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
            "mysite/__init__.py": "",
            "mysite/settings.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "mysite.urls"\n\nEMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.mailgun.org")\nEMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER")\nif os.environ.get("EMAIL_HOST_PASSWORD") is None:\n    # no SMTP credentials (local runs, review apps): print mail to the console instead\n    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\nelse:\n    EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]\n    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n\nLOGGING = {"version": 1}\n',
            "mysite/urls.py": 'from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [\n    path("healthz", lambda r: HttpResponse("ok")),\n    path("ready", lambda r: HttpResponse("ok")),\n]\n',
        },
        "no_findings",
        "hardcoded-secret-fallback",
    ),
    "p1_fallback_other_variable_backend": (
        {
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\napp = Flask(__name__)\n\nif "OPENAI_API_KEY" not in os.environ:\n    log.warning("OPENAI_API_KEY not set: answering with the local model")\n    ANSWER_BACKEND = "local-llama-7b"\nelse:\n    ANSWER_BACKEND = "openai"\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/ready")\ndef ready():\n    return "ok"\n\n\n@app.route("/answer")\ndef answer():\n    return {"backend": ANSWER_BACKEND}\n',
        },
        "no_findings",
        "hardcoded-secret-fallback",
    ),
    "p2_password_word_in_help_and_docs": (
        {
            "export_orders.py": 'import argparse\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nimport settings_doc\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="Export yesterday\'s orders")\n    parser.add_argument(\n        "--database-url",\n        default=os.environ.get("DATABASE_URL"),\n        help="PostgreSQL URL, for example postgresql://shop:password@localhost:5432/shop",\n    )\n    args = parser.parse_args()\n    if not args.database_url:\n        sys.exit("DATABASE_URL is not set (e.g. postgresql://postgres:password@localhost/shop)")\n    with psycopg2.connect(args.database_url, connect_timeout=10) as conn:\n        rows = conn.cursor().execute("SELECT id FROM orders").fetchall()\n    log.info("exported %d orders", len(rows))\n\n\nif __name__ == "__main__":\n    main()\n',
            "settings_doc.py": '"""Settings for the order exporter.\n\nDATABASE_URL must be set, for example::\n\n    export DATABASE_URL=postgresql://shop:password@localhost:5432/shop\n"""\nimport os\n\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
        },
        "no_findings",
        "hardcoded-secret",
    ),
    "p3_anonymous_ftp": (
        {
            "fetch_taxonomy.py": '"""Weekly: download the NCBI taxonomy dump from the public FTP mirror."""\nimport logging\nimport shutil\nimport sys\nimport urllib.request\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nTAXDUMP = "ftp://anonymous:anonymous@ftp.ncbi.nlm.nih.gov/pub/taxonomy/taxdump.tar.gz"\n\n\ndef main() -> int:\n    with urllib.request.urlopen(TAXDUMP, timeout=120) as src, open("taxdump.tar.gz", "wb") as dst:\n        shutil.copyfileobj(src, dst)\n    log.info("taxonomy downloaded")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_findings",
        "hardcoded-secret",
    ),
    "p4_nats_one_shot": (
        {
            "publish_prices.py": '"""Publish today\'s prices to NATS and wait for the pricing service to acknowledge them."""\nimport asyncio\nimport json\nimport logging\nimport os\nimport sys\n\nimport nats\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nasync def main() -> int:\n    nc = await nats.connect(os.environ["NATS_URL"])\n    acked = asyncio.Event()\n\n    async def on_ack(msg):\n        log.info("acknowledged: %s", msg.data)\n        acked.set()\n\n    await nc.subscribe("prices.ack", cb=on_ack)\n    with open("prices.json") as f:\n        prices = json.load(f)\n    await nc.publish("prices.today", json.dumps(prices).encode())\n    try:\n        await asyncio.wait_for(acked.wait(), timeout=30)\n    except asyncio.TimeoutError:\n        log.error("no acknowledgement within 30s")\n        return 1\n    finally:\n        await nc.drain()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(asyncio.run(main()))\n',
        },
        "no_kind",
        "worker",
    ),
    "p5_websockets_server_run_by_main": (
        {
            "server.py": 'import asyncio\nimport logging\n\nimport websockets\n\nlog = logging.getLogger(__name__)\n\n\nasync def echo(ws):\n    async for message in ws:\n        await ws.send(message)\n\n\nasync def main():\n    async with websockets.serve(echo, "0.0.0.0", 8765):\n        await asyncio.Future()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    asyncio.run(main())\n',
        },
        "no_kind",
        "job",
    ),
    "p5_websockets_server_run_by_another_module": (
        {
            "app/__init__.py": "",
            "app/live.py": 'import asyncio\nimport json\nimport logging\n\nimport websockets\n\nlog = logging.getLogger(__name__)\nCLIENTS = set()\n\n\nasync def handler(ws):\n    CLIENTS.add(ws)\n    try:\n        await ws.wait_closed()\n    finally:\n        CLIENTS.discard(ws)\n\n\nasync def broadcast(event):\n    websockets.broadcast(CLIENTS, json.dumps(event))\n\n\nasync def serve(host="0.0.0.0", port=8765):\n    async with websockets.serve(handler, host, port):\n        await asyncio.Future()\n',
            "run.py": 'import asyncio\nimport logging\n\nfrom app import live\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    asyncio.run(live.serve())\n',
        },
        "all",
        ("missing-logging", "pass"),
    ),
    "p6_kombu_drain_until_empty": (
        {
            "archive.py": 'import json\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\ndef store(body):\n    with open("/var/lib/archive/dead_letters.jsonl", "a") as f:\n        f.write(json.dumps(body) + "\\n")\n',
            "drain_dead_letters.py": '"""Nightly: move every message on the dead-letter queue into the archive table, then exit."""\nimport logging\nimport os\nimport socket\nimport sys\n\nfrom kombu import Connection, Exchange, Queue\n\nimport archive\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\ndead_letters = Queue("orders.dlq", Exchange("orders.dlx"), routing_key="orders")\n\n\ndef on_message(body, message):\n    archive.store(body)\n    message.ack()\n\n\ndef main() -> int:\n    moved = 0\n    with Connection(os.environ["BROKER_URL"]) as conn:\n        with conn.Consumer(dead_letters, callbacks=[on_message]):\n            while True:\n                try:\n                    conn.drain_events(timeout=5)\n                except socket.timeout:\n                    break  # the queue is empty: done for tonight\n                moved += 1\n    log.info("archived %d dead letters", moved)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        "no_kind",
        "worker",
    ),
    "p7_missing_input_file_is_a_failure": (
        {
            "import_orders.py": '"""Cron: load the orders file the shop exports every night into the warehouse."""\nimport json\nimport logging\nimport sys\n\nimport warehouse\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef load_orders(path):\n    try:\n        with open(path) as f:\n            return json.load(f)\n    except Exception as e:\n        log.error("cannot read %s: %s", path, e)\n        return []\n\n\ndef main():\n    orders = load_orders(sys.argv[1])\n    warehouse.upsert_orders(orders)\n    log.info("loaded %d orders", len(orders))\n\n\nif __name__ == "__main__":\n    main()\n',
            "warehouse.py": 'import psycopg2\nimport os\n\n\ndef upsert_orders(orders):\n    with psycopg2.connect(os.environ["WAREHOUSE_DSN"]) as conn:\n        cur = conn.cursor()\n        for o in orders:\n            cur.execute("INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", (o["id"], o["total"]))\n',
        },
        "finding",
        "missing-exit-code",
    ),
    "p8_signing_key_fallback_named_like_its_field": (
        {
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY", "secret_key")\napp.config["JWT_SECRET"] = os.environ.get("JWT_SECRET", "changeme")\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.route("/ready")\ndef ready():\n    return "ok"\n',
        },
        "finding_count",
        ("hardcoded-secret-fallback", 2),
    ),
}


@pytest.mark.parametrize("case", sorted(_REVIEW_TREES))
def test_review_reproductions_of_rounds_65_to_74(make_tree: Tree, case: str) -> None:
    files, how, arg = _REVIEW_TREES[case]
    report = run([str(make_tree({f"{case}/{k}": v for k, v in files.items()}) / case)])
    kinds = [r.entrypoint.kind for r in report.entrypoints]
    statuses = [{c.name: c.status for c in r.checks} for r in report.entrypoints]
    if how == "no_findings":
        assert [f for f in report.findings if f.name == arg] == []
    elif how == "no_kind":
        assert kinds and arg not in kinds
    elif how == "finding":
        assert [f for f in report.findings if f.name == arg]
    elif how == "finding_count":
        assert isinstance(arg, tuple)
        assert len([f for f in report.findings if f.name == arg[0]]) == arg[1]
    else:
        assert isinstance(arg, tuple)
        assert kinds and all(s[str(arg[0])] == arg[1] for s in statuses)
