"""Session 43: what blind rounds 722 onwards and the reviews showed, as small trees.

Each case fails on 197e009 (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from treecases import Case
from treecases import edited as _edited

_R_LAUNCHER_LOOP = {
    "consumer/db.py": 'import os\n\nimport psycopg2\n\nconn = psycopg2.connect(os.environ["DATABASE_URL"])\n\n\ndef init_db():\n    with conn.cursor() as cur:\n        cur.execute("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, total NUMERIC)")\n    conn.commit()\n\n\ndef save_order(order):\n    with conn.cursor() as cur:\n        cur.execute(\n            "INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", (order["id"], order["total"])\n        )\n    conn.commit()\n',
    "consumer/kafka_consumer.py": 'import json\nimport logging\nimport os\n\nfrom confluent_kafka import Consumer\n\nfrom db import save_order\n\nlog = logging.getLogger(__name__)\n\n\ndef create_consumer():\n    consumer = Consumer(\n        {"bootstrap.servers": os.environ["KAFKA_BROKERS"], "group.id": "orders", "auto.offset.reset": "earliest"}\n    )\n    consumer.subscribe(["orders"])\n    return consumer\n\n\ndef consume_loop(consumer):\n    try:\n        while True:\n            msg = consumer.poll(1.0)\n            if msg is None:\n                continue\n            if msg.error():\n                log.error("consumer error: %s", msg.error())\n                continue\n            save_order(json.loads(msg.value()))\n    finally:\n        consumer.close()\n',
    "consumer/main.py": 'import logging\n\nfrom db import init_db\nfrom kafka_consumer import consume_loop, create_consumer\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\n    init_db()\n    consumer = create_consumer()\n    consume_loop(consumer)\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_HEALTH_MIDDLEWARE = {
    "shop/__init__.py": "",
    "shop/middleware/__init__.py": "",
    "shop/middleware/health.py": 'import logging\n\nfrom django.db import connection\nfrom django.http import HttpResponse, HttpResponseServerError\n\nlogger = logging.getLogger(__name__)\n\n\nclass HealthCheckMiddleware:\n    """Answers the probes before ALLOWED_HOSTS is checked (the kubelet calls the pod\'s IP)."""\n\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        if request.method == "GET":\n            if request.path == "/readyz":\n                return self.readyz()\n            elif request.path == "/healthz":\n                return HttpResponse("OK")\n        return self.get_response(request)\n\n    def readyz(self):\n        try:\n            with connection.cursor() as cursor:\n                cursor.execute("SELECT 1")\n        except Exception:\n            logger.exception("database not reachable")\n            return HttpResponseServerError("db: cannot connect")\n        return HttpResponse("OK")\n',
    "shop/settings.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "shop.urls"\nWSGI_APPLICATION = "shop.wsgi.application"\n\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n]\n\nMIDDLEWARE = [\n    "shop.middleware.health.HealthCheckMiddleware",\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n\nLOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    "shop/urls.py": 'from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [\n    path("orders/", views.orders),\n]\n',
    "shop/views.py": 'from django.http import JsonResponse\n\n\ndef orders(request):\n    return JsonResponse({"orders": []})\n',
    "shop/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n\napplication = get_wsgi_application()\n',
}


_R_HEALTH_DISPATCH = {
    "app.py": 'import logging\nimport os\n\nfrom fastapi import FastAPI, Request\nfrom fastapi.responses import JSONResponse\nfrom starlette.middleware.base import BaseHTTPMiddleware\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("orders")\n\nAPI_KEY = os.environ["ORDERS_API_KEY"]\n\n\nclass ApiKeyMiddleware(BaseHTTPMiddleware):\n    async def dispatch(self, request: Request, call_next):\n        if request.url.path in ("/health", "/ready"):\n            return JSONResponse({"status": "ok"})\n        if request.headers.get("x-api-key") != API_KEY:\n            return JSONResponse({"detail": "forbidden"}, status_code=403)\n        return await call_next(request)\n\n\napp = FastAPI()\napp.add_middleware(ApiKeyMiddleware)\n\n\n@app.get("/orders")\nasync def orders():\n    return {"orders": []}\n',
}


_R_HANDED_AFTER_REBIND = {
    "load_prices.py": '"""Loads today\'s fuel prices into the warehouse; run daily by the scheduler."""\nimport os\n\nimport pandas as pd\nimport requests\n\nURL = os.environ.get("PRICES_URL", "https://prices.example.com/api/today")\n\n\ndef download_prices():\n    response = requests.get(URL, timeout=30)\n    if response.status_code != 200:\n        print("Failed to download prices: {}".format(response.status_code))\n        return None\n    return pd.DataFrame(response.json()["prices"])\n\n\ndef only_digits(df, column):\n    df[column] = df[column].str.replace(r"\\D+", "", regex=True)\n    return df\n\n\nif __name__ == "__main__":\n    prices = download_prices()\n    prices = only_digits(prices, "price")\n    prices["price"] = prices["price"].astype(float)\n    prices.to_csv(os.environ.get("OUT", "prices.csv"), index=False)\n',
}


_R_HELLO_CRON = {
    "Dockerfile": "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get -y install cron && pip install -r requirements.txt\nCOPY hello-cron /etc/cron.d/hello-cron\nRUN chmod 0644 /etc/cron.d/hello-cron && crontab /etc/cron.d/hello-cron && touch /var/log/cron.log\nCMD cron && tail -f /var/log/cron.log\n",
    "hello-cron": "*/10 * * * * /usr/local/bin/python /app/refresh_cache.py >> /var/log/cron.log 2>&1\n",
    "refresh_cache.py": 'import json\nimport os\n\nimport redis\nimport requests\n\nr = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"))\n\n\ndef refresh():\n    rates = requests.get("https://api.example.com/rates", timeout=10).json()\n    r.set("rates", json.dumps(rates))\n\n\nrefresh()\n',
}


_R_CHECK_THEN_INSERT = {
    "sync_posts.py": '"""Copies new forum posts into MySQL; cron: */30 * * * *."""\nimport logging\nimport os\n\nimport mysql.connector\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("sync_posts")\n\n\ndef connect():\n    return mysql.connector.connect(\n        host=os.environ["DB_HOST"], user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"], database="forum"\n    )\n\n\ndef post_exists(cursor, post_id):\n    cursor.execute("SELECT 1 FROM posts WHERE id = %s", (post_id,))\n    row = cursor.fetchone()\n    return row is not None\n\n\ndef check_title(cursor, title):\n    cursor.execute("SELECT * FROM titles WHERE title = %s", (title,))\n    result = cursor.fetchone()\n    if result:\n        return True\n    return False\n\n\ndef insert_post(conn, cursor, post):\n    cursor.execute("INSERT INTO posts (id, title) VALUES (%s, %s)", (post["id"], post["title"]))\n    conn.commit()\n\n\ndef insert_title(conn, cursor, title):\n    cursor.execute("INSERT INTO titles (title) VALUES (%s)", (title,))\n    conn.commit()\n\n\ndef main():\n    conn = connect()\n    cursor = conn.cursor()\n    posts = requests.get(os.environ["FORUM_API"], timeout=30).json()\n    for post in posts:\n        if not post_exists(cursor, post["id"]):\n            insert_post(conn, cursor, post)\n        if check_title(cursor, post["title"]):\n            log.info("title %s already known", post["title"])\n        else:\n            insert_title(conn, cursor, post["title"])\n    conn.close()\n\n\nif __name__ == "__main__":\n    main()\n',
}


_R_SCHEDULE_CLASS_RUN = {
    "src/__init__.py": "",
    "src/main.py": 'import argparse\nimport logging\nimport sys\n\nfrom src.report import send_report\nfrom src.scheduler import create_scheduler\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--run-once", action="store_true")\n    args = parser.parse_args()\n    if args.run_once:\n        sys.exit(0 if send_report() else 1)\n    create_scheduler(send_report).run()\n\n\nif __name__ == "__main__":\n    main()\n',
    "src/report.py": 'import os\nimport smtplib\nfrom email.message import EmailMessage\n\n\ndef send_report():\n    msg = EmailMessage()\n    msg["Subject"] = "Daily report"\n    msg["From"] = os.environ["MAIL_FROM"]\n    msg["To"] = os.environ["MAIL_TO"]\n    msg.set_content("All good.")\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as smtp:\n        smtp.send_message(msg)\n    return True\n',
    "src/scheduler.py": 'import logging\nimport time\n\nimport schedule\n\nlogger = logging.getLogger(__name__)\n\n\nclass ReportScheduler:\n    def __init__(self, task, at="07:00"):\n        self.task = task\n        self.at = at\n\n    def run(self):\n        schedule.every().day.at(self.at).do(self.task)\n        logger.info("scheduled the report at %s", self.at)\n        while True:\n            schedule.run_pending()\n            time.sleep(60)\n\n\ndef create_scheduler(task):\n    return ReportScheduler(task)\n',
}

_CASES: dict[str, Case] = {
    # trap (round 723): `main.py` only starts the consume loop `kafka_consumer.py` defines: the
    # worker is placed at the script that is run, its labeller's placement at the loop not taken
    # (earlier rounds' labels place it at the script), and the logging `main()` configures counts
    "launcher_loop": (
        _R_LAUNCHER_LOOP,
        [("consumer/main.py", "worker", "kafka")],
        ("missing-logging", "pass"),
    ),
    # Round 725: a Django middleware the settings list answers `/healthz` and `/readyz` itself
    "health_middleware": (
        _R_HEALTH_MIDDLEWARE,
        [("shop/wsgi.py", "api", "django")],
        ("missing-health-route", "pass"),
    ),
    # trap: one that lets `/healthz` through to the app, which has no such route
    "health_middleware_trap_passed_through": (
        _edited(
            _R_HEALTH_MIDDLEWARE,
            "shop/middleware/health.py",
            'return HttpResponse("OK")\n        return',
            "return self.get_response(request)\n        return",
        ),
        [("shop/wsgi.py", "api", "django")],
        ("missing-health-route", "fail"),
    ),
    # ... and a Starlette middleware's `dispatch`
    "health_dispatch": (_R_HEALTH_DISPATCH, [("app.py", "api", "fastapi")], ("missing-health-route", "pass")),
    "health_dispatch_trap_call_next": (
        _edited(
            _R_HEALTH_DISPATCH,
            "app.py",
            'return JSONResponse({"status": "ok"})',
            "return await call_next(request)",
        ),
        [("app.py", "api", "fastapi")],
        ("missing-health-route", "fail"),
    ),
    # Round 724: `prices = only_digits(prices, "price")` hands the step what `prices` held before
    # (None on a failed download: a TypeError, exit 1), not its own result
    "handed_after_rebind": (
        _R_HANDED_AFTER_REBIND,
        [("load_prices.py", "job", "python")],
        ("missing-exit-code", 0),
    ),
    # Round 724: `if check_title(cursor, title): ... else: insert_title(...)`, `check_title` answering
    # from its SELECT whether the row is there: every call of the insert is keyed
    "check_then_insert": (
        _R_CHECK_THEN_INSERT,
        [("sync_posts.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: a check answering the other way (True when the title is not there) guards the wrong branch
    "check_then_insert_trap_other_answer": (
        _edited(
            _R_CHECK_THEN_INSERT,
            "sync_posts.py",
            "    if result:\n        return True\n    return False",
            "    if result:\n        return False\n    return True",
        ),
        [("sync_posts.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # Round 732: a `schedule` loop in a class's `run()` that `main.py`'s `__main__` block calls: one
    # process, one job (not a second at the scheduler's module)
    "schedule_class_run": (_R_SCHEDULE_CLASS_RUN, [("src/main.py", "job", "argparse")], None),
    # Round 724: a crontab named `hello-cron` that the image installs
    "hello_cron": (_R_HELLO_CRON, [("refresh_cache.py", "job", "crontab")], None),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# Left from session 42's third review: a session named `s` (`s.get(url, timeout=20)` is a request,
# a mapping's `get` takes no keywords), and a thread's function given through a lambda or `partial`

_R_SESSION_NAMED_S = {
    "mirror_status_pages.py": '"""Mirrors the vendors\' public status pages to the shared drive; cron: 0 * * * *."""\nimport logging\nimport os\nimport pathlib\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("mirror_status_pages")\n\nOUT = pathlib.Path(os.environ.get("MIRROR_DIR", "/srv/mirror"))\nPAGES = {\n    "github": "https://www.githubstatus.com/api/v2/summary.json",\n    "stripe": "https://status.stripe.com/current",\n}\n\n\ndef page_body(s, url):\n    try:\n        return s.get(url, timeout=20).text\n    except Exception as exc:\n        log.warning("could not fetch %s: %s", url, exc)\n        return ""\n\n\ndef main():\n    with requests.Session() as s:\n        s.headers["User-Agent"] = "status-mirror/1.0"\n        for name, url in PAGES.items():\n            body = page_body(s, url)\n            (OUT / f"{name}.html").write_text(body)\n    log.info("mirrored %d pages", len(PAGES))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_THREAD_LAMBDA_PARTIAL = {
    "upload_backup.py": '"""Uploads last night\'s database dump to S3; cron: 30 2 * * * python /srv/ops/upload_backup.py"""\nimport logging\nimport os\nimport sys\nimport threading\nimport time\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("upload_backup")\n\nDUMP = os.environ.get("DUMP_PATH", "/var/backups/db.dump")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\ndone = threading.Event()\nerrors = []\n\n\ndef upload(path, bucket):\n    try:\n        boto3.client("s3").upload_file(path, bucket, f"postgres/{time.strftime(\'%Y-%m-%d\')}.dump")\n    except Exception as exc:\n        errors.append(exc)\n    finally:\n        done.set()\n\n\ndef main():\n    started = time.monotonic()\n    threading.Thread(target=lambda: upload(DUMP, BUCKET), daemon=True).start()\n    while True:\n        if done.wait(timeout=60):\n            break\n        log.info("upload still running after %.0fs", time.monotonic() - started)\n    if errors:\n        log.error("upload failed: %s", errors[0])\n        return 1\n    log.info("uploaded %s in %.0fs", DUMP, time.monotonic() - started)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    "upload_partial.py": '"""Uploads last night\'s database dump to S3; cron: 30 2 * * * python /srv/ops/upload_backup.py"""\nimport functools\nimport logging\nimport os\nimport sys\nimport threading\nimport time\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("upload_backup")\n\nDUMP = os.environ.get("DUMP_PATH", "/var/backups/db.dump")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\ndone = threading.Event()\nerrors = []\n\n\ndef upload(path, bucket):\n    try:\n        boto3.client("s3").upload_file(path, bucket, f"postgres/{time.strftime(\'%Y-%m-%d\')}.dump")\n    except Exception as exc:\n        errors.append(exc)\n    finally:\n        done.set()\n\n\ndef main():\n    started = time.monotonic()\n    threading.Thread(target=functools.partial(upload, DUMP, BUCKET), daemon=True).start()\n    while True:\n        if done.wait(timeout=60):\n            break\n        log.info("upload still running after %.0fs", time.monotonic() - started)\n    if errors:\n        log.error("upload failed: %s", errors[0])\n        return 1\n    log.info("uploaded %s in %.0fs", DUMP, time.monotonic() - started)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_LEFT_CASES: dict[str, Case] = {
    "session_named_s": (_R_SESSION_NAMED_S, [("mirror_status_pages.py", "job", "python")], ("missing-exit-code", 1)),
    # trap: configparser's `get` with a fallback is a lookup
    "session_named_s_trap_config_get": (
        _edited(
            _R_SESSION_NAMED_S,
            "mirror_status_pages.py",
            "return s.get(url, timeout=20).text",
            'return s.get("pages", url, fallback="")',
        ),
        [("mirror_status_pages.py", "job", "python")],
        ("missing-exit-code", 0),
    ),
    "thread_lambda_partial": (
        _R_THREAD_LAMBDA_PARTIAL,
        [("upload_backup.py", "job", "python"), ("upload_partial.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_LEFT_CASES))
def test_left_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _LEFT_CASES[name])


def test_module_call_lines(make_tree: Callable[[dict[str, str]], Path]) -> None:
    """A script found through a module-level call whose result is bound is placed at that call,
    not at line 1 (`deleted = curs.execute(...)`, `reply = requests.post(...)`)."""
    from readiness_lint.engine import run

    purge = (
        'import os\n\nimport psycopg2\n\nconn = psycopg2.connect(os.environ["DATABASE_URL"])\n'
        "curs = conn.cursor()\n\n"
        'deleted = curs.execute("DELETE FROM sessions WHERE expires_at < now()")\nconn.commit()\n'
    )
    notify = (
        'import os\n\nimport requests\n\ncount = requests.get(os.environ["STATS_URL"], timeout=10).json()\n'
        'reply = requests.post(os.environ["HOOK"], json={"text": str(count)}, timeout=10)\n'
        "print(reply.status_code)\n"
    )
    report = run([str(make_tree({"purge.py": purge, "notify.py": notify}))])
    lines = sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.line) for r in report.entrypoints)
    assert lines == [("notify.py", "job", 6), ("purge.py", "job", 8)]
