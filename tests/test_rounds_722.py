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


_R_AIORUN_WATCHER = {
    "kv_sync.py": '"""Mirrors a Consul KV prefix into a directory, following changes with blocking queries."""\nimport asyncio\nimport base64\nimport logging\nimport os\nimport pathlib\n\nimport aiohttp\nimport aiorun\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("kv_sync")\n\nCONSUL = os.environ["CONSUL_ADDR"]\nROOT = pathlib.Path(os.environ.get("KV_ROOT", "/etc/app/kv"))\n\n\nasync def follow(session, prefix):\n    index = 0\n    while True:\n        async with session.get(f"{CONSUL}/v1/kv/{prefix}?recurse=true&index={index}", timeout=600) as r:\n            index = int(r.headers["X-Consul-Index"])\n            if r.status != 200:\n                continue\n            for item in await r.json():\n                (ROOT / item["Key"]).write_bytes(base64.b64decode(item["Value"] or ""))\n        log.info("synced %s at index %s", prefix, index)\n\n\nasync def main():\n    ROOT.mkdir(parents=True, exist_ok=True)\n    async with aiohttp.ClientSession() as session:\n        await asyncio.gather(follow(session, "app/config"), follow(session, "app/flags"))\n\n\naiorun.run(main(), stop_on_unhandled_errors=True)\n',
}

# Round 737: a default password in a fallback written over several lines is the fallback's finding
_R_FALLBACK_OVER_LINES = {
    "tasks.py": "import os\n\nfrom celery import Celery\n\nRESULT_BACKEND = os.environ.get(\n"
    '    "RESULT_BACKEND", "db+postgresql://postgres:example@postgresserver/db"\n)\n\n'
    'app = Celery("tasks", broker=os.environ["BROKER_URL"], backend=RESULT_BACKEND)\n\n\n'
    "@app.task\ndef add(x, y):\n    return x + y\n",
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
    # Round 724: a crontab named `hello-cron` that the image installs
    "hello_cron": (_R_HELLO_CRON, [("refresh_cache.py", "job", "crontab")], None),
    "fallback_over_lines": (_R_FALLBACK_OVER_LINES, [("tasks.py", "worker", "celery")], ("hardcoded-secret", 0)),
    # trap: the same literal outside any read is a hard-coded secret
    "fallback_over_lines_trap_no_read": (
        _edited(
            _R_FALLBACK_OVER_LINES,
            "tasks.py",
            'os.environ.get(\n    "RESULT_BACKEND", "db+postgresql',
            '(\n    "db+postgresql',
        ),
        [("tasks.py", "worker", "celery")],
        ("hardcoded-secret", 1),
    ),
    # Round 741: `aiorun.run(main())` runs the event loop for ever and stops it on SIGTERM
    "aiorun_watcher": (
        _R_AIORUN_WATCHER,
        [("kv_sync.py", "worker", "aiorun")],
        ("missing-graceful-shutdown", "pass"),
    ),
    # trap: a run that stops the loop itself when its work is done is a job
    "aiorun_watcher_trap_loop_stopped": (
        _edited(
            _R_AIORUN_WATCHER,
            "kv_sync.py",
            '        await asyncio.gather(follow(session, "app/config"), follow(session, "app/flags"))\n',
            '        await asyncio.gather(follow(session, "app/config"), follow(session, "app/flags"))\n'
            "    asyncio.get_running_loop().stop()\n",
        ),
        [("kv_sync.py", "job", "script")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


# The reviews of 197e009..da547f0: a project middleware is no management command's (it sees no
# request), and Django's `MIDDLEWARE_CLASSES` (before 1.10) lists middleware too; a path a
# middleware lets through (`return response`, `return await handler(request)`) is no route, a
# probe's path tested beside the method is one; `"...".format(timeout=t)` is no request, a `get`
# with any keyword but a lookup's is; an event handed to a thread through a lambda; a check
# answering for another table, or a caller importing the insert through its package, leaves the
# insert reported (a check through a function of the file is not followed)
_R_AFTER_REQUEST_SKIP = {
    "app.py": 'import logging\nimport os\nimport time\n\nfrom flask import Flask, g, jsonify, request\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("inventory")\n\napp = Flask(__name__)\n\n\n@app.before_request\ndef start_timer():\n    g.started = time.monotonic()\n\n\n@app.after_request\ndef log_request(response):\n    # the load balancer polls /healthz every few seconds: keep it out of the access log\n    if request.path == "/healthz":\n        return response\n    log.info(\n        "%s %s %s %.1fms",\n        request.method,\n        request.path,\n        response.status_code,\n        (time.monotonic() - g.started) * 1000,\n    )\n    return response\n\n\n@app.route("/items")\ndef items():\n    return jsonify([{"sku": "A-1", "qty": 3}])\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))\n',
}


_R_DISPATCH_RESPONSE_NAME = {
    "main.py": 'import logging\nimport os\n\nimport jwt\nfrom fastapi import FastAPI, Request\nfrom fastapi.responses import JSONResponse\nfrom starlette.middleware.base import BaseHTTPMiddleware\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("billing")\n\nJWT_SECRET = os.environ["JWT_SECRET"]\nPUBLIC_PATHS = ("/healthz", "/docs", "/openapi.json")\n\n\nclass JWTAuthMiddleware(BaseHTTPMiddleware):\n    async def dispatch(self, request: Request, call_next):\n        if request.url.path in ("/healthz", "/docs", "/openapi.json"):\n            response = await call_next(request)\n            return response\n        token = request.headers.get("authorization", "").removeprefix("Bearer ")\n        try:\n            request.state.user = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])\n        except jwt.PyJWTError:\n            return JSONResponse({"detail": "unauthorized"}, status_code=401)\n        return await call_next(request)\n\n\napp = FastAPI()\napp.add_middleware(JWTAuthMiddleware)\n\n\n@app.get("/invoices")\nasync def invoices(request: Request):\n    return {"user": request.state.user["sub"], "invoices": []}\n',
}


_R_AIOHTTP_HANDLER_PASSTHROUGH = {
    "server.py": 'import logging\nimport os\n\nfrom aiohttp import web\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("notes")\n\nAPI_TOKEN = os.environ["NOTES_API_TOKEN"]\n\n\n@web.middleware\nasync def token_auth(request, handler):\n    # the probes and the login page are open; everything else needs the token\n    if request.path in ("/healthz", "/login"):\n        return await handler(request)\n    if request.headers.get("Authorization") != f"Bearer {API_TOKEN}":\n        raise web.HTTPUnauthorized()\n    return await handler(request)\n\n\nasync def login(request):\n    return web.json_response({"login": "use your token"})\n\n\nasync def list_notes(request):\n    return web.json_response([])\n\n\ndef make_app():\n    app = web.Application(middlewares=[token_auth])\n    app.router.add_get("/login", login)\n    app.router.add_get("/notes", list_notes)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(make_app(), port=int(os.environ.get("PORT", "8080")))\n',
}


_R_FORMAT_TIMEOUT_KEYWORD = {
    "check_endpoints.py": '"""Checks the endpoints listed in endpoints.json and writes a status report; cron: */5 * * * *."""\nimport json\nimport logging\nimport os\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("check_endpoints")\n\nCONFIG = os.environ.get("ENDPOINTS_FILE", "/etc/monitor/endpoints.json")\nREPORT = os.environ.get("REPORT_FILE", "/var/www/status/report.txt")\n\n\ndef describe(endpoint):\n    try:\n        return "{name}: {url} (timeout {timeout}s)".format(\n            name=endpoint["name"], url=endpoint["url"], timeout=endpoint["timeout"]\n        )\n    except Exception as exc:\n        log.warning("endpoint without %s", exc)\n        return ""\n\n\ndef main():\n    with open(CONFIG) as f:\n        endpoints = json.load(f)\n    lines = []\n    failed = 0\n    for endpoint in endpoints:\n        response = requests.get(endpoint["url"], timeout=endpoint.get("timeout", 10))\n        if response.status_code != 200:\n            failed += 1\n        label = describe(endpoint)\n        lines.append(f"{label} -> {response.status_code}")\n    with open(REPORT, "w") as f:\n        f.write("\\n".join(lines) + "\\n")\n    log.info("%d of %d endpoints failing", failed, len(endpoints))\n    return 1 if failed else 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_PROBE_METHOD_AND_PATH = {
    "notes/__init__.py": "",
    "notes/middleware.py": 'from django.http import HttpResponse\n\n\nclass ProbeMiddleware:\n    """Answers the kubelet\'s probes before ALLOWED_HOSTS is checked (it calls the pod\'s IP)."""\n\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        if request.method == "GET" and request.path == "/healthz":\n            return HttpResponse("ok", content_type="text/plain")\n        return self.get_response(request)\n',
    "notes/settings.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "notes.urls"\nWSGI_APPLICATION = "notes.wsgi.application"\n\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n]\n\nMIDDLEWARE = [\n    "notes.middleware.ProbeMiddleware",\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n\nLOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    "notes/urls.py": 'from django.urls import path\n\nfrom notes import views\n\nurlpatterns = [\n    path("notes/", views.notes),\n]\n',
    "notes/views.py": 'from django.http import JsonResponse\n\n\ndef notes(request):\n    return JsonResponse({"notes": []})\n',
    "notes/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "notes.settings")\n\napplication = get_wsgi_application()\n',
}


_R_HTTPX_GET_FOLLOW_REDIRECTS = {
    "mirror_status_pages.py": '"""Mirrors the vendors\' public status pages to the shared drive; cron: 0 * * * *."""\nimport logging\nimport os\nimport pathlib\nimport sys\n\nimport httpx\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("mirror_status_pages")\n\nOUT = pathlib.Path(os.environ.get("MIRROR_DIR", "/srv/mirror"))\nPAGES = {\n    "github": "https://www.githubstatus.com/api/v2/summary.json",\n    "stripe": "https://status.stripe.com/current",\n}\n\n\ndef page_body(c, url):\n    try:\n        return c.get(url, follow_redirects=True).text\n    except Exception as exc:\n        log.warning("could not fetch %s: %s", url, exc)\n        return ""\n\n\ndef main():\n    with httpx.Client(timeout=20, headers={"User-Agent": "status-mirror/1.0"}) as c:\n        for name, url in PAGES.items():\n            body = page_body(c, url)\n            (OUT / f"{name}.html").write_text(body)\n    log.info("mirrored %d pages", len(PAGES))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_THREAD_LAMBDA_HANDS_EVENT = {
    "upload_backup.py": '"""Uploads last night\'s database dump to S3; cron: 30 2 * * * python /srv/ops/upload_backup.py"""\nimport logging\nimport os\nimport sys\nimport threading\nimport time\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("upload_backup")\n\nDUMP = os.environ.get("DUMP_PATH", "/var/backups/db.dump")\nBUCKET = os.environ["BACKUP_BUCKET"]\n\n\ndef upload(path, bucket, finished, errors):\n    try:\n        boto3.client("s3").upload_file(path, bucket, f"postgres/{time.strftime(\'%Y-%m-%d\')}.dump")\n    except Exception as exc:\n        errors.append(exc)\n    finally:\n        finished.set()\n\n\ndef main():\n    started = time.monotonic()\n    done = threading.Event()\n    errors = []\n    threading.Thread(target=lambda: upload(DUMP, BUCKET, done, errors), daemon=True).start()\n    while True:\n        if done.wait(timeout=60):\n            break\n        log.info("upload still running after %.0fs", time.monotonic() - started)\n    if errors:\n        log.error("upload failed: %s", errors[0])\n        return 1\n    log.info("uploaded %s in %.0fs", DUMP, time.monotonic() - started)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_ANSWER_OTHER_TABLE = {
    "import_subscribers.py": '"""Imports the sign-ups exported by the landing page into the newsletter database; cron: 15 * * * *."""\nimport csv\nimport logging\nimport os\nimport sys\n\nimport psycopg2\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("import_subscribers")\n\nEXPORT = os.environ.get("SIGNUPS_CSV", "/data/exports/signups.csv")\n\n\ndef is_unsubscribed(cursor, email):\n    cursor.execute("SELECT 1 FROM unsubscribes WHERE email = %s", (email,))\n    row = cursor.fetchone()\n    if row:\n        return True\n    return False\n\n\ndef add_subscriber(cursor, email, name):\n    cursor.execute("INSERT INTO subscribers (email, name) VALUES (%s, %s)", (email, name))\n\n\ndef main():\n    conn = psycopg2.connect(os.environ["DATABASE_URL"])\n    cursor = conn.cursor()\n    with open(EXPORT, newline="") as f:\n        for row in csv.DictReader(f):\n            email = row["email"].strip().lower()\n            if is_unsubscribed(cursor, email):\n                log.info("skipping %s: unsubscribed", email)\n            else:\n                add_subscriber(cursor, email, row["name"])\n    conn.commit()\n    conn.close()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
}


_R_REEXPORTED_INSERT_CALLER = {
    "backfill.py": '"""Run by hand once: copies the old mailing list into the new table."""\nimport csv\nimport logging\nimport os\nimport sys\n\nfrom newsletter import add_subscriber, connect\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("backfill")\n\n\ndef main():\n    conn = connect()\n    cursor = conn.cursor()\n    with open(os.environ["OLD_LIST_CSV"], newline="") as f:\n        for row in csv.DictReader(f):\n            add_subscriber(cursor, row["email"], row["name"])\n    conn.commit()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    "import_signups.py": '"""Imports the landing page\'s sign-ups; cron: 15 * * * *."""\nimport csv\nimport logging\nimport os\nimport sys\n\nfrom newsletter.db import add_subscriber, connect\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("import_signups")\n\n\ndef is_unsubscribed(cursor, email):\n    cursor.execute("SELECT 1 FROM subscribers WHERE email = %s", (email,))\n    row = cursor.fetchone()\n    if row:\n        return True\n    return False\n\n\ndef main():\n    conn = connect()\n    cursor = conn.cursor()\n    with open(os.environ["SIGNUPS_CSV"], newline="") as f:\n        for row in csv.DictReader(f):\n            if is_unsubscribed(cursor, row["email"]):\n                log.info("known: %s", row["email"])\n            else:\n                add_subscriber(cursor, row["email"], row["name"])\n    conn.commit()\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    "newsletter/__init__.py": 'from .db import add_subscriber, connect\n\n__all__ = ["add_subscriber", "connect"]\n',
    "newsletter/db.py": 'import os\n\nimport psycopg2\n\n\ndef connect():\n    return psycopg2.connect(os.environ["DATABASE_URL"])\n\n\ndef add_subscriber(cursor, email, name):\n    cursor.execute("INSERT INTO subscribers (email, name) VALUES (%s, %s)", (email, name))\n',
}


_R_DJANGO_MIDDLEWARE_COMMAND_REACH = {
    "config/__init__.py": "",
    "config/settings/__init__.py": "",
    "config/settings/base.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "config.urls"\nWSGI_APPLICATION = "config.wsgi.application"\n\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n    "orders",\n]\n\nMIDDLEWARE = [\n    "core.metrics.MetricsMiddleware",\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n\nLOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    "config/settings/production.py": "from .base import *  # noqa: F401,F403\n",
    "config/urls.py": 'from django.urls import include, path\n\nurlpatterns = [\n    path("orders/", include("orders.urls")),\n]\n',
    "config/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n\napplication = get_wsgi_application()\n',
    "core/__init__.py": "",
    "core/metrics.py": 'import time\n\nfrom prometheus_client import Histogram\n\nREQUEST_LATENCY = Histogram(\n    "http_request_duration_seconds", "Time spent answering a request", ["method", "status"]\n)\n\n\nclass MetricsMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        started = time.monotonic()\n        response = self.get_response(request)\n        REQUEST_LATENCY.labels(request.method, response.status_code).observe(time.monotonic() - started)\n        return response\n',
    "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
    "orders/__init__.py": "",
    "orders/management/__init__.py": "",
    "orders/management/commands/__init__.py": "",
    "orders/management/commands/expire_carts.py": 'import logging\nfrom datetime import timedelta\n\nfrom django.core.management.base import BaseCommand\nfrom django.utils import timezone\n\nfrom orders.models import Cart\n\nlog = logging.getLogger(__name__)\n\n\nclass Command(BaseCommand):\n    help = "Marks carts untouched for a day as expired (cron: 0 * * * *)"\n\n    def handle(self, *args, **options):\n        cutoff = timezone.now() - timedelta(days=1)\n        count = Cart.objects.filter(updated_at__lt=cutoff, expired=False).update(expired=True)\n        log.info("expired %d carts", count)\n',
    "orders/models.py": "from django.db import models\n\n\nclass Cart(models.Model):\n    updated_at = models.DateTimeField(auto_now=True)\n    expired = models.BooleanField(default=False)\n",
    "orders/urls.py": 'from django.urls import path\n\nfrom orders import views\n\nurlpatterns = [\n    path("", views.order_list),\n]\n',
    "orders/views.py": 'from django.http import JsonResponse\n\n\ndef order_list(request):\n    return JsonResponse({"orders": []})\n',
}


_R_DJANGO_MIDDLEWARE_CLASSES = {
    "config/__init__.py": "",
    "config/settings/__init__.py": "",
    "config/settings/base.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "config.urls"\nWSGI_APPLICATION = "config.wsgi.application"\n\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n    "orders",\n]\n\nMIDDLEWARE_CLASSES = [\n    "core.middleware.HealthCheckMiddleware",\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n\nLOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    "config/settings/production.py": "from .base import *  # noqa: F401,F403\n",
    "config/urls.py": 'from django.urls import include, path\n\nurlpatterns = [\n    path("orders/", include("orders.urls")),\n]\n',
    "config/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n\napplication = get_wsgi_application()\n',
    "core/__init__.py": "",
    "core/middleware.py": 'from django.http import HttpResponse\n\n\nclass HealthCheckMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        if request.path == "/healthz":\n            return HttpResponse("ok")\n        return self.get_response(request)\n',
    "orders/__init__.py": "",
    "orders/urls.py": 'from django.urls import path\n\nfrom orders import views\n\nurlpatterns = [\n    path("", views.order_list),\n]\n',
    "orders/views.py": 'from django.http import JsonResponse\n\n\ndef order_list(request):\n    return JsonResponse({"orders": []})\n',
}


_R_DJANGO_MIDDLEWARE_INSERT = {
    "config/__init__.py": "",
    "config/settings/__init__.py": "",
    "config/settings/base.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")\nROOT_URLCONF = "config.urls"\nWSGI_APPLICATION = "config.wsgi.application"\n\nINSTALLED_APPS = [\n    "django.contrib.contenttypes",\n    "django.contrib.auth",\n    "orders",\n]\n\nMIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\n\nLOGGING = {\n    "version": 1,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n}\n',
    "config/settings/production.py": 'from .base import *  # noqa: F401,F403\n\n# The kubelet probes the pod\'s IP, which ALLOWED_HOSTS does not list: answer the probes\n# before CommonMiddleware checks the host.\nMIDDLEWARE.insert(0, "core.middleware.HealthCheckMiddleware")\n',
    "config/urls.py": 'from django.urls import include, path\n\nurlpatterns = [\n    path("orders/", include("orders.urls")),\n]\n',
    "config/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n\napplication = get_wsgi_application()\n',
    "core/__init__.py": "",
    "core/middleware.py": 'from django.http import HttpResponse\n\n\nclass HealthCheckMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        if request.path == "/healthz":\n            return HttpResponse("ok")\n        return self.get_response(request)\n',
    "orders/__init__.py": "",
    "orders/urls.py": 'from django.urls import path\n\nfrom orders import views\n\nurlpatterns = [\n    path("", views.order_list),\n]\n',
    "orders/views.py": 'from django.http import JsonResponse\n\n\ndef order_list(request):\n    return JsonResponse({"orders": []})\n',
}


_REVIEW_CASES: dict[str, Case] = {
    # (a middleware added in production settings, `MIDDLEWARE.insert(0, ...)`, also `+=`)
    "django_middleware_insert": (
        _R_DJANGO_MIDDLEWARE_INSERT,
        [("config/wsgi.py", "api", "django")],
        ("missing-health-route", "pass"),
    ),
    "django_middleware_insert_augmented": (
        _edited(
            _R_DJANGO_MIDDLEWARE_INSERT,
            "config/settings/production.py",
            'MIDDLEWARE.insert(0, "core.middleware.HealthCheckMiddleware")',
            'MIDDLEWARE += ["core.middleware.HealthCheckMiddleware"]',
        ),
        [("config/wsgi.py", "api", "django")],
        ("missing-health-route", "pass"),
    ),
    "after_request_skip": (_R_AFTER_REQUEST_SKIP, [("app.py", "api", "flask")], ("missing-health-route", "fail")),
    "dispatch_response_name": (
        _R_DISPATCH_RESPONSE_NAME,
        [("main.py", "api", "fastapi")],
        ("missing-health-route", "fail"),
    ),
    "aiohttp_handler_passthrough": (
        _R_AIOHTTP_HANDLER_PASSTHROUGH,
        [("server.py", "api", "aiohttp")],
        ("missing-health-route", "fail"),
    ),
    "format_timeout_keyword": (
        _R_FORMAT_TIMEOUT_KEYWORD,
        [("check_endpoints.py", "job", "python")],
        ("missing-exit-code", 0),
    ),
    "probe_method_and_path": (
        _R_PROBE_METHOD_AND_PATH,
        [("notes/wsgi.py", "api", "django")],
        ("missing-health-route", "pass"),
    ),
    "httpx_get_follow_redirects": (
        _R_HTTPX_GET_FOLLOW_REDIRECTS,
        [("mirror_status_pages.py", "job", "python")],
        ("missing-exit-code", 1),
    ),
    "thread_lambda_hands_event": (
        _R_THREAD_LAMBDA_HANDS_EVENT,
        [("upload_backup.py", "job", "python")],
        ("missing-graceful-shutdown", "na"),
    ),
    "answer_other_table": (
        _R_ANSWER_OTHER_TABLE,
        [("import_subscribers.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "reexported_insert_caller": (
        _R_REEXPORTED_INSERT_CALLER,
        [("backfill.py", "job", "python"), ("import_signups.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    "django_middleware_command_reach": (
        _R_DJANGO_MIDDLEWARE_COMMAND_REACH,
        [("config/wsgi.py", "api", "django"), ("orders/management/commands/expire_carts.py", "job", "django-command")],
        ("missing-metrics", {"orders/management/commands/expire_carts.py": "fail", "config/wsgi.py": "pass"}),
    ),
    "django_middleware_classes": (
        _R_DJANGO_MIDDLEWARE_CLASSES,
        [("config/wsgi.py", "api", "django")],
        ("missing-health-route", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


# The third review (da547f0..3850788): a middleware factory's handler and a WSGI middleware's
# wrapped app let the path through; a probe's paths alternated with `or`; a mock transport of a
# client library answers no request of the app; aiorun drains a known consume loop too, and a loop
# stopped only on a give-up still runs for ever; a beat schedule of the users' deleted is a
# deletion; a suppressed fallback does not bring its literal back as a secret
_R_AIOHTTP_FACTORY_PASSTHROUGH = {
    "server.py": 'import logging\nimport os\n\nfrom aiohttp import web\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("notes")\n\nAPI_TOKEN = os.environ["NOTES_API_TOKEN"]\n\n\nasync def auth_middleware_factory(app, handler):\n    async def auth_middleware(request):\n        if request.path in ("/healthz", "/login"):\n            return await handler(request)\n        if request.headers.get("Authorization") != f"Bearer {API_TOKEN}":\n            raise web.HTTPUnauthorized()\n        return await handler(request)\n\n    return auth_middleware\n\n\nasync def login(request):\n    return web.json_response({"login": "use your token"})\n\n\nasync def list_notes(request):\n    return web.json_response([])\n\n\ndef make_app():\n    app = web.Application(middlewares=[auth_middleware_factory])\n    app.router.add_get("/login", login)\n    app.router.add_get("/notes", list_notes)\n    return app\n\n\nif __name__ == "__main__":\n    web.run_app(make_app(), port=int(os.environ.get("PORT", "8080")))\n',
}


_R_AIORUN_KAFKA_CONSUMER = {
    "consumer.py": '"""Indexes product updates from Kafka into Elasticsearch. Run under aiorun so SIGTERM\ncancels the consume task and the consumer commits and leaves the group cleanly."""\nimport asyncio\nimport json\nimport logging\nimport os\n\nfrom aiokafka import AIOKafkaConsumer\nfrom aiorun import run\nfrom elasticsearch import AsyncElasticsearch\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlog = logging.getLogger("product_indexer")\n\nTOPIC = os.environ.get("PRODUCT_TOPIC", "product-updates")\nINDEX = os.environ.get("PRODUCT_INDEX", "products")\n\n\nasync def consume(consumer, es):\n    while True:\n        batches = await consumer.getmany(timeout_ms=1000, max_records=200)\n        for messages in batches.values():\n            for msg in messages:\n                product = json.loads(msg.value)\n                await es.index(index=INDEX, id=product["id"], document=product)\n        if batches:\n            await consumer.commit()\n\n\nasync def main():\n    consumer = AIOKafkaConsumer(\n        TOPIC,\n        bootstrap_servers=os.environ["KAFKA_BOOTSTRAP"],\n        group_id="product-indexer",\n        enable_auto_commit=False,\n    )\n    es = AsyncElasticsearch(os.environ["ELASTICSEARCH_URL"])\n    await consumer.start()\n    try:\n        await consume(consumer, es)\n    except asyncio.CancelledError:\n        log.info("stopping: SIGTERM")\n        raise\n    finally:\n        await consumer.stop()\n        await es.close()\n\n\nif __name__ == "__main__":\n    run(main(), stop_on_unhandled_errors=True)\n',
}


_R_AIORUN_STOP_ON_GIVEUP = {
    "kv_sync.py": '"""Mirrors a Consul KV prefix into a directory, following changes with blocking queries.\nRuns as a sidecar for as long as the pod lives; gives up (and lets the pod restart) when\nConsul stays unreachable."""\nimport asyncio\nimport base64\nimport logging\nimport os\nimport pathlib\n\nimport aiohttp\nimport aiorun\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("kv_sync")\n\nCONSUL = os.environ["CONSUL_ADDR"]\nROOT = pathlib.Path(os.environ.get("KV_ROOT", "/etc/app/kv"))\nMAX_FAILURES = int(os.environ.get("MAX_FAILURES", "10"))\n\n\nasync def follow(session, prefix):\n    index = 0\n    failures = 0\n    while True:\n        try:\n            async with session.get(f"{CONSUL}/v1/kv/{prefix}?recurse=true&index={index}", timeout=600) as r:\n                r.raise_for_status()\n                index = int(r.headers["X-Consul-Index"])\n                for item in await r.json():\n                    (ROOT / item["Key"]).write_bytes(base64.b64decode(item["Value"] or ""))\n            failures = 0\n            log.info("synced %s at index %s", prefix, index)\n        except aiohttp.ClientError as exc:\n            failures += 1\n            log.warning("consul read failed (%d/%d): %s", failures, MAX_FAILURES, exc)\n            if failures >= MAX_FAILURES:\n                log.error("consul unreachable, giving up")\n                asyncio.get_running_loop().stop()\n                return\n            await asyncio.sleep(min(2**failures, 60))\n\n\nasync def main():\n    ROOT.mkdir(parents=True, exist_ok=True)\n    async with aiohttp.ClientSession() as session:\n        await asyncio.gather(follow(session, "app/config"), follow(session, "app/flags"))\n\n\naiorun.run(main())\n',
}


_R_OR_PROBE_TEST = {
    "main.py": 'import logging\nimport os\n\nfrom fastapi import FastAPI, Request\nfrom fastapi.responses import PlainTextResponse\n\nlogging.basicConfig(level=logging.INFO)\n\napp = FastAPI()\n\n\n@app.middleware("http")\nasync def probes(request: Request, call_next):\n    # answered before auth and the database session middleware\n    if request.url.path == "/healthz" or request.url.path == "/healthz/":\n        return PlainTextResponse("ok")\n    return await call_next(request)\n\n\n@app.get("/invoices")\nasync def invoices():\n    return []\n',
}


_R_WSGI_APP_ATTR_PASSTHROUGH = {
    "app.py": 'import logging\nimport os\n\nfrom flask import Flask, jsonify\nfrom werkzeug.wrappers import Request, Response\n\nlogging.basicConfig(level=logging.INFO)\n\nAPI_KEY = os.environ["API_KEY"]\n\n\nclass ApiKeyMiddleware:\n    """Checks the API key before Flask sees the request; the probe path is let through."""\n\n    def __init__(self, wsgi_app):\n        self.wsgi_app = wsgi_app\n\n    def __call__(self, environ, start_response):\n        request = Request(environ)\n        if request.path == "/healthz":\n            return self.wsgi_app(environ, start_response)\n        if request.headers.get("X-Api-Key") != API_KEY:\n            return Response("forbidden", status=403)(environ, start_response)\n        return self.wsgi_app(environ, start_response)\n\n\napp = Flask(__name__)\napp.wsgi_app = ApiKeyMiddleware(app.wsgi_app)\n\n\n@app.route("/items")\ndef items():\n    return jsonify([])\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8080)\n',
}


_R_MOCK_TRANSPORT_HEALTH = {
    "main.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom payments import charge\n\nlogging.basicConfig(level=logging.INFO)\n\napp = FastAPI()\n\n\n@app.post("/orders/{order_id}/pay")\nasync def pay(order_id: int):\n    return await charge(order_id)\n',
    "payments.py": '"""The payment provider\'s client. With PAYMENTS_SANDBOX=1 (local runs, the staging demo) the\nprovider is faked in process: no request leaves the machine."""\nimport os\n\nimport httpx\n\nPROVIDER = os.environ.get("PAYMENTS_URL", "https://api.provider.example")\n\n\ndef fake_provider(request: httpx.Request) -> httpx.Response:\n    if request.url.path == "/health":\n        return httpx.Response(200, json={"status": "ok"})\n    if request.url.path.startswith("/charges"):\n        return httpx.Response(201, json={"id": "ch_fake", "status": "succeeded"})\n    return httpx.Response(404)\n\n\ndef _client() -> httpx.AsyncClient:\n    if os.environ.get("PAYMENTS_SANDBOX") == "1":\n        return httpx.AsyncClient(base_url=PROVIDER, transport=httpx.MockTransport(fake_provider))\n    return httpx.AsyncClient(base_url=PROVIDER, timeout=10)\n\n\nasync def charge(order_id: int) -> dict:\n    async with _client() as client:\n        r = await client.post("/charges", json={"order": order_id})\n        r.raise_for_status()\n        return r.json()\n',
}


_R_BEAT_USER_SCHEDULES_PURGE = {
    "reports/__init__.py": "",
    "reports/management/__init__.py": "",
    "reports/management/commands/__init__.py": "",
    "reports/management/commands/purge_cancelled_schedules.py": 'import logging\nfrom datetime import timedelta\n\nfrom django.core.management.base import BaseCommand\nfrom django.utils import timezone\nfrom django_celery_beat.models import PeriodicTask\n\nlog = logging.getLogger(__name__)\n\n\nclass Command(BaseCommand):\n    help = "Removes the report schedules of accounts cancelled over 30 days ago (cron: 0 4 * * *)"\n\n    def handle(self, *args, **options):\n        cutoff = timezone.now() - timedelta(days=30)\n        deleted, _ = PeriodicTask.objects.filter(\n            reportsubscription__cancelled_at__lt=cutoff,\n        ).delete()\n        log.info("removed %d report schedules", deleted)\n',
    "reports/models.py": 'from django.conf import settings\nfrom django.db import models\nfrom django_celery_beat.models import PeriodicTask\n\n\nclass ReportSubscription(models.Model):\n    """A customer\'s "send me this report every Monday": the schedule lives in django-celery-beat."""\n\n    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n    report = models.CharField(max_length=64)\n    task = models.OneToOneField(PeriodicTask, null=True, on_delete=models.SET_NULL)\n    cancelled_at = models.DateTimeField(null=True)\n',
}


_R_FALLBACK_SUPPRESSED_RESURFACES = {
    "tasks.py": 'import os\n\nfrom celery import Celery\n\n# the docker-compose stack\'s database; production always sets RESULT_BACKEND\nRESULT_BACKEND = os.environ.get(\n    "RESULT_BACKEND",\n    "db+postgresql://postgres:postgres@db/results",  # readiness: ignore[hardcoded-secret-fallback] compose default\n)\n\napp = Celery("tasks", broker=os.environ["BROKER_URL"], backend=RESULT_BACKEND)\n\n\n@app.task\ndef add(x, y):\n    return x + y\n',
}


_THIRD_REVIEW_CASES: dict[str, Case] = {
    "aiohttp_factory_passthrough": (
        _R_AIOHTTP_FACTORY_PASSTHROUGH,
        [("server.py", "api", "aiohttp")],
        ("missing-health-route", "fail"),
    ),
    "aiorun_kafka_consumer": (
        _R_AIORUN_KAFKA_CONSUMER,
        [("consumer.py", "worker", "kafka")],
        ("missing-graceful-shutdown", "pass"),
    ),
    "aiorun_stop_on_giveup": (_R_AIORUN_STOP_ON_GIVEUP, [("kv_sync.py", "worker", "aiorun")], None),
    "or_probe_test": (_R_OR_PROBE_TEST, [("main.py", "api", "fastapi")], ("missing-health-route", "pass")),
    "wsgi_app_attr_passthrough": (
        _R_WSGI_APP_ATTR_PASSTHROUGH,
        [("app.py", "api", "flask")],
        ("missing-health-route", "fail"),
    ),
    "mock_transport_health": (
        _R_MOCK_TRANSPORT_HEALTH,
        [("main.py", "api", "fastapi")],
        ("missing-health-route", "fail"),
    ),
    "beat_user_schedules_purge": (
        _R_BEAT_USER_SCHEDULES_PURGE,
        [("reports/management/commands/purge_cancelled_schedules.py", "job", "django-command")],
        ("missing-dry-run", "fail"),
    ),
    "fallback_suppressed_resurfaces": (
        _R_FALLBACK_SUPPRESSED_RESURFACES,
        [("tasks.py", "worker", "celery")],
        ("hardcoded-secret", 0),
    ),
}


@pytest.mark.parametrize("name", sorted(_THIRD_REVIEW_CASES))
def test_third_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _THIRD_REVIEW_CASES[name])


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
    # (a bound call found only on an indented line is not taken from a helper's body, line 10)
    shards = (
        "import os\n\nimport psycopg2\n\n\ndef purge(conn):\n"
        '    return conn.execute("DELETE FROM sessions WHERE expires_at < now()")\n\n\n'
        "def purge_shards(urls):\n    deleted = purge(psycopg2.connect(urls[0]))\n    return deleted\n\n\n"
        'conn = psycopg2.connect(os.environ["DATABASE_URL"])\ntry:\n    deleted = purge(conn)\nfinally:\n'
        "    conn.close()\n"
    )
    report = run([str(make_tree({"purge.py": purge, "notify.py": notify, "shards.py": shards}))])
    lines = sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.line) for r in report.entrypoints)
    assert lines[:2] == [("notify.py", "job", 6), ("purge.py", "job", 8)]
    assert lines[2][:2] == ("shards.py", "job") and lines[2][2] not in range(10, 13)
