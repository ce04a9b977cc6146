"""A reviewer's reproductions of what the first version of the rounds 75-80 changes got wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.engine import run
from readiness_lint.model import Report

Tree = Callable[[dict[str, str]], Path]

_TREES: dict[str, dict[str, str]] = {
    "az_shared": {
        "HttpGet/__init__.py": 'import logging\n\nimport azure.functions as func\n\nfrom __app__.shared_code import helpers\n\n\ndef main(req: func.HttpRequest) -> func.HttpResponse:\n    logging.info("get")\n    name = helpers.get_param(req, "name")\n    return func.HttpResponse(f"hello {name}")\n',
        "HttpGet/function.json": '{"scriptFile": "__init__.py","bindings":[{"authLevel":"function","type":"httpTrigger","direction":"in","name":"req","methods":["get"]},{"type":"http","direction":"out","name":"$return"}]}\n',
        "host.json": '{"version":"2.0"}\n',
        "shared_code/__init__.py": "",
        "shared_code/helpers.py": 'import json\n\nimport azure.functions as func\n\n\ndef get_param(req: func.HttpRequest, key: str) -> str:\n    value = req.params.get(key)\n    if value is None:\n        try:\n            value = req.get_json().get(key)\n        except ValueError:\n            value = None\n    return value or ""\n\n\ndef json_response(data: dict, status: int = 200) -> func.HttpResponse:\n    return func.HttpResponse(json.dumps(data), status_code=status, mimetype="application/json")\n',
    },
    "az_registered": {
        "Report/__init__.py": 'import logging\n\nimport azure.functions as func\n\nfrom shared_code import storage\n\n\ndef main(mytimer: func.TimerRequest) -> None:\n    logging.info("%d uploads", len(storage.list_uploads()))\n',
        "Report/function.json": '{"scriptFile":"__init__.py","bindings":[{"name":"mytimer","type":"timerTrigger","direction":"in","schedule":"0 0 * * * *"}]}\n',
        "shared_code/__init__.py": "",
        "shared_code/storage.py": 'import os\nimport shutil\n\nimport azure.functions as func\n\nROOT = "/mnt/share/uploads"\n\n\ndef list_uploads():\n    return os.listdir(ROOT)\n\n\ndef delete_upload(req: func.HttpRequest) -> func.HttpResponse:\n    shutil.rmtree(os.path.join(ROOT, req.route_params["id"]))\n    return func.HttpResponse(status_code=204)\n',
    },
    "az_bp_health": {
        "function_app.py": 'import logging\n\nimport azure.functions as func\n\nfrom health_blueprint import bp as health_bp\n\napp = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\napp.register_functions(health_bp)\n\n\n@app.route(route="orders", methods=["POST"])\ndef orders(req: func.HttpRequest) -> func.HttpResponse:\n    logging.info("order received")\n    return func.HttpResponse(req.get_body(), status_code=201)\n',
        "health_blueprint.py": 'import azure.functions as func\n\nbp = func.Blueprint()\n\n\n@bp.route(route="health", auth_level=func.AuthLevel.ANONYMOUS)\ndef health(req: func.HttpRequest) -> func.HttpResponse:\n    return func.HttpResponse("ok")\n\n\n@bp.route(route="ready", auth_level=func.AuthLevel.ANONYMOUS)\ndef ready(req: func.HttpRequest) -> func.HttpResponse:\n    return func.HttpResponse("ready")\n',
        "host.json": '{"version":"2.0"}\n',
    },
    "az_pos_ready": {
        "function_app.py": 'import logging\n\nimport azure.functions as func\n\napp = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\n\n\n@app.route("healthz")\ndef live(req: func.HttpRequest) -> func.HttpResponse:\n    return func.HttpResponse("ok")\n\n\n@app.route("readyz")\ndef rd(req: func.HttpRequest) -> func.HttpResponse:\n    return func.HttpResponse("ready")\n\n\n@app.route("orders", methods=["POST"])\ndef create_order(req: func.HttpRequest) -> func.HttpResponse:\n    logging.info("order received")\n    return func.HttpResponse(req.get_body(), status_code=201)\n',
    },
    "lam_sqs1": {
        "handler.py": 'import json\nimport logging\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\n\ndef lambda_handler(event, context):\n    for event in event["Records"]:\n        order = json.loads(event["body"])\n        logger.info("order %s", order["id"])\n    return {"batchItemFailures": []}\n',
        "serverless.yml": "service: orders-consumer\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  consume:\n    handler: handler.lambda_handler\n    events:\n      - sqs:\n          arn: arn:aws:sqs:eu-west-1:123456789012:orders\n          batchSize: 10\n",
    },
    "lam_sqs2": {
        "handler.py": 'import json\nimport logging\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\n\ndef lambda_handler(event, context):\n    if "Records" in event:\n        event = event["Records"][0]\n    order = json.loads(event["body"])\n    logger.info("order %s", order["id"])\n',
    },
    "flask_route_thread_plus_guard_thread": {
        "main.py": 'import logging\nimport threading\nimport time\nimport webbrowser\n\nimport requests\nfrom flask import Flask, jsonify\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\nprogress = {"done": 0}\n\n\ndef export_all():\n    """Started by POST /export: mirrors the upstream feed into `progress`."""\n    while True:\n        rows = requests.get("https://api.example.com/rows", timeout=10).json()\n        progress["done"] += len(rows)\n        time.sleep(5)\n\n\n@app.route("/export", methods=["POST"])\ndef start_export():\n    threading.Thread(target=export_all, daemon=True).start()\n    return jsonify(started=True), 202\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\ndef open_browser():\n    time.sleep(1)\n    webbrowser.open("http://127.0.0.1:5000/")\n\n\nif __name__ == "__main__":\n    threading.Thread(target=open_browser).start()\n    app.run(port=5000)\n',
    },
    "write_reuse": {
        "rotate.py": 'import glob\nimport logging\nimport os\nimport time\n\nlogging.basicConfig(level=logging.INFO)\nEXPORTS = "/srv/exports"\n\n\ndef rotate():\n    cutoff = time.time() - 30 * 86400\n    removed = 0\n    for path in glob.glob(f"{EXPORTS}/*.csv"):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            removed += 1\n    path = os.path.join(EXPORTS, "rotate.log")\n    with open(path, "w") as log:\n        log.write(f"{removed} removed\\n")\n\n\nif __name__ == "__main__":\n    rotate()\n',
    },
    "copy_other_branch": {
        "sort_uploads.py": 'import glob\nimport logging\nimport os\nimport shutil\n\nlogging.basicConfig(level=logging.INFO)\nGALLERY = "/srv/gallery"\n\n\ndef sort_uploads():\n    for path in glob.glob("/srv/uploads/*"):\n        if path.lower().endswith((".jpg", ".png")):\n            shutil.copy(path, GALLERY)\n        else:\n            os.remove(path)  # anything not an image is dropped for good\n\n\nif __name__ == "__main__":\n    sort_uploads()\n',
    },
    "example_names": {
        "email_template.py": 'import smtplib\nfrom email.message import EmailMessage\n\nSMTP_HOST = "smtp.gmail.com"\nSMTP_USER = "reports@acme-corp.com"\nSMTP_PASSWORD = "Tr0ub4dor&3xQ"\n\n\ndef send_report(to, html):\n    msg = EmailMessage()\n    msg["Subject"] = "Weekly report"\n    msg["From"] = SMTP_USER\n    msg["To"] = to\n    msg.set_content(html, subtype="html")\n    with smtplib.SMTP_SSL(SMTP_HOST, 465, timeout=30) as smtp:\n        smtp.login(SMTP_USER, SMTP_PASSWORD)\n        smtp.send_message(msg)\n',
        "report.py": 'import logging\n\nfrom email_template import send_report\nfrom sample_loader import load\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    conn = load()\n    send_report("boss@acme-corp.com", "<p>ok</p>")\n',
        "sample_loader.py": 'import psycopg2\n\nDATA_DIR = "/home/alice/projects/shop/data"\nDB_URL = "postgresql://shop:Xk29fpQz7Lm@db.internal:5432/shop"\n\n\ndef load():\n    return psycopg2.connect(DB_URL)\n',
    },
    "tb_run_webhooks": {
        "bot.py": 'import logging\nimport os\n\nimport telebot\n\nlogging.basicConfig(level=logging.INFO)\nbot = telebot.TeleBot(os.environ["TOKEN"])\n\n\n@bot.message_handler(commands=["start"])\ndef start(message):\n    bot.reply_to(message, "hello")\n\n\nif __name__ == "__main__":\n    bot.remove_webhook()\n    bot.set_webhook(url=os.environ["WEBHOOK_URL"] + "/bot")\n    bot.run_webhooks(listen="0.0.0.0", port=8443, url_path="/bot", webhook_url=os.environ["WEBHOOK_URL"] + "/bot")\n',
    },
    "cp_graft": {
        "app.py": 'import logging\n\nfrom flask import Flask, jsonify\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.route("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.route("/ready")\ndef ready():\n    return jsonify(status="ready")\n\n\n@app.route("/items")\ndef items():\n    return jsonify([])\n',
        "serve.py": 'import cherrypy\n\nfrom app import app\n\nif __name__ == "__main__":\n    cherrypy.tree.graft(app, "/")\n    cherrypy.config.update({"server.socket_host": "0.0.0.0", "server.socket_port": 8080, "engine.autoreload.on": False})\n    cherrypy.engine.start()\n    cherrypy.engine.block()\n',
    },
}


def _entrypoints(report: Report) -> list[tuple[str, str, str]]:
    return sorted((r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints)


def _statuses(report: Report, rule: str) -> set[str]:
    return {c.status for r in report.entrypoints for c in r.checks if c.name == rule}


def _count(report: Report, rule: str) -> int:
    return len([f for f in report.findings if f.name == rule])


# What each tree must give; the first version got each of these wrong.
_EXPECTED: dict[str, Callable[[Report], bool]] = {
    # a shared-code helper taking `func.HttpRequest`, imported through `__app__.`: no function the host runs
    "az_shared": lambda r: _entrypoints(r) == [("HttpGet/__init__.py", "api", "azure-functions")],
    # the same kind of helper's `rmtree` is not the timer job's work
    "az_registered": lambda r: "fail" not in _statuses(r, "missing-dry-run"),
    # routes of a blueprint the app registers are served
    "az_bp_health": lambda r: (
        _statuses(r, "missing-health-route") == {"pass"} and _statuses(r, "missing-readiness-route") == {"pass"}
    ),
    # `@app.route("readyz")`: the route given by position
    "az_pos_ready": lambda r: _statuses(r, "missing-readiness-route") == {"pass"},
    # SQS records carry a `body`: no request
    "lam_sqs1": lambda r: [k for _, k, _ in _entrypoints(r)] == ["job"],
    "lam_sqs2": lambda r: [k for _, k, _ in _entrypoints(r)] == ["job"],
    # a loop a route handler starts in a thread is no worker, whatever else the `__main__` block starts
    "flask_route_thread_plus_guard_thread": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api"],
    # a name reused for a file written after the removal, a copy in the other branch: still deletions
    "write_reuse": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    "copy_other_branch": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    # `email_template.py`, `sample_loader.py` are code, not settings to copy
    "example_names": lambda r: _count(r, "hardcoded-secret") == 2 and _count(r, "hardcoded-path") == 1,
    # a bot serving its own webhook (`run_webhooks`) runs for as long as it is up
    "tb_run_webhooks": lambda r: ("bot.py", "worker", "telegram") in _entrypoints(r),
    # cherrypy serving a grafted Flask app serves that app, as waitress would
    "cp_graft": lambda r: _entrypoints(r) == [("app.py", "api", "flask")],
}


@pytest.mark.parametrize("case", sorted(_TREES))
def test_review_reproductions_of_rounds_75_to_80(make_tree: Tree, case: str) -> None:
    report = run([str(make_tree({f"{case}/{k}": v for k, v in _TREES[case].items()}) / case)])
    assert _EXPECTED[case](report), _entrypoints(report)


# The second review (of b4f1bc0..10fba58): what the mends of the first got wrong.
_TREES_2: dict[str, dict[str, str]] = {
    "gcf_django": {
        "main.py": 'import sys\nfrom django.conf import settings\nfrom django.core.wsgi import get_wsgi_application\nfrom django.http import JsonResponse\nfrom django.urls import path\n\nsettings.configure(DEBUG=False, ROOT_URLCONF=__name__, SECRET_KEY=__import__("os").environ["SECRET_KEY"], ALLOWED_HOSTS=["*"])\n\n\ndef index(request):\n    if request.method == "POST":\n        return JsonResponse({"ok": True})\n    return JsonResponse({"hello": "world"})\n\n\ndef health(request):\n    return JsonResponse({"status": "ok"})\n\n\nurlpatterns = [path("", index), path("health", health)]\napplication = get_wsgi_application()\n\nif __name__ == "__main__":\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n',
    },
    "gcf_console": {
        "mytool/__init__.py": "",
        "mytool/main.py": 'import argparse\nimport logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef summarize(request):\n    """Summarise a recorded HTTP exchange (a requests.PreparedRequest)."""\n    return f"{request.method} {request.url} ({len(request.body or b\'\')} bytes)"\n\n\ndef cli():\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser()\n    parser.add_argument("url")\n    args = parser.parse_args()\n    resp = requests.get(args.url, timeout=10)\n    log.info(summarize(resp.request))\n    sys.exit(0 if resp.ok else 1)\n',
        "pyproject.toml": '[project]\nname = "mytool"\nversion = "0.1"\n[project.scripts]\nmytool = "mytool.main:cli"\n',
    },
    "lam_rebind": {
        "handler.py": 'import json\nimport logging\nimport os\n\nimport boto3\n\nlog = logging.getLogger()\nlog.setLevel(logging.INFO)\ntable = boto3.resource("dynamodb").Table(os.environ["TABLE"])\n\n\ndef lambda_handler(event, context):\n    if isinstance(event.get("body"), str):\n        event = json.loads(event["body"])\n    table.put_item(Item={"id": event["id"], "name": event["name"]})\n    return {"statusCode": 201, "body": json.dumps({"id": event["id"]})}\n',
    },
    "lam_records": {
        "handler.py": 'import json\nimport os\n\nimport boto3\n\ns3 = boto3.client("s3")\n\n\ndef lambda_handler(event, context):\n    """GET /orders?customer=42 through API Gateway: filters the orders export with S3 Select."""\n    customer = int(event["queryStringParameters"]["customer"])\n    resp = s3.select_object_content(\n        Bucket=os.environ["BUCKET"],\n        Key="exports/orders.csv",\n        ExpressionType="SQL",\n        Expression=f"SELECT * FROM s3object s WHERE s.customer_id = \'{customer}\'",\n        InputSerialization={"CSV": {"FileHeaderInfo": "USE"}},\n        OutputSerialization={"JSON": {}},\n    )\n    rows = []\n    for ev in resp["Payload"]:\n        if "Records" in ev:\n            rows.append(ev["Records"]["Payload"].decode())\n    return {"statusCode": 200, "body": json.dumps({"orders": "".join(rows)})}\n',
    },
    "rm_ifelse": {
        "report.py": 'import csv\nimport json\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nlog = logging.getLogger(__name__)\n\n\ndef send(path):\n    msg = EmailMessage()\n    msg["Subject"] = "daily report"\n    with open(path, "rb") as f:\n        msg.add_attachment(f.read(), maintype="application", subtype="octet-stream", filename=os.path.basename(path))\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as s:\n        s.send_message(msg)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    rows = [{"id": 1, "total": 3}]\n    out = os.path.join(os.environ.get("OUT_DIR", "."), "daily_report.csv")\n    if os.environ.get("REPORT_FORMAT", "csv") == "csv":\n        with open(out, "w", newline="") as f:\n            w = csv.DictWriter(f, fieldnames=["id", "total"])\n            w.writeheader()\n            w.writerows(rows)\n    else:\n        with open(out, "w") as f:\n            json.dump(rows, f)\n    send(out)\n    os.remove(out)\n    log.info("sent %d rows", len(rows))\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "thr_both": {
        "app.py": 'import logging\nimport os\nimport smtplib\nimport threading\nimport time\nfrom email.message import EmailMessage\n\nimport requests\nfrom flask import Flask, jsonify, request\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\napp = Flask(__name__)\nSTATE = {"price": None}\n\n\ndef send_receipt(to):\n    msg = EmailMessage()\n    msg["To"] = to\n    msg.set_content("thanks")\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as s:\n        s.send_message(msg)\n\n\ndef poll_prices():\n    while True:\n        r = requests.get(os.environ["PRICE_URL"], timeout=10)\n        STATE["price"] = r.json()["price"]\n        log.info("price %s", STATE["price"])\n        time.sleep(60)\n\n\n@app.route("/order", methods=["POST"])\ndef order():\n    threading.Thread(target=send_receipt, args=(request.json["email"],), daemon=True).start()\n    return jsonify(price=STATE["price"])\n\n\n@app.route("/health")\ndef health():\n    return "ok"\n\n\nif __name__ == "__main__":\n    threading.Thread(target=poll_prices, daemon=True).start()\n    app.run(host="0.0.0.0", port=8000)\n',
    },
    "gcf_multi": {
        "main.py": 'import base64\nimport logging\nimport os\n\nimport functions_framework\nimport requests\nfrom google.cloud import storage\n\nlogging.basicConfig(level=logging.INFO)\n\n\n@functions_framework.http\ndef upload_url(request):\n    name = request.args["name"]\n    blob = storage.Client().bucket(os.environ["BUCKET"]).blob(name)\n    return {"url": blob.generate_signed_url(version="v4", expiration=900, method="PUT")}\n\n\n@functions_framework.cloud_event\ndef on_upload(cloud_event):\n    data = cloud_event.data\n    logging.info("new object %s", data["name"])\n    requests.post(os.environ["WEBHOOK"], json={"object": data["name"]})\n',
    },
    "ex1": {
        "keys.example.py": '# Copy to keys.py\nAPI_TOKEN = "8f7a6d5c4b3a29181716151413121110abcd9e8f"\n',
        "main.py": 'import requests\nimport secret\n\ndef run():\n    r = requests.get("https://api.example.org/items", headers={"Authorization": secret.API_TOKEN}, timeout=10)\n    r.raise_for_status()\n    print(r.json())\n\nif __name__ == "__main__":\n    run()\n',
        "secret_example.py": '# Copy this file to secret.py and fill in your own values\nAPI_TOKEN = "8f7a6d5c4b3a29181716151413121110abcd9e8f"\nDB_PASSWORD = "Xk29dLq7Zp"\nOUT_DIR = "/home/alice/exports"\n',
        "secrets.example.py": 'API_TOKEN = "8f7a6d5c4b3a29181716151413121110abcd9e8f"\n',
    },
    "rm_reuse": {
        "backup.py": 'import glob\nimport json\nimport logging\nimport os\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nARCHIVE = os.environ.get("ARCHIVE_DIR", "archive")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    data = requests.get(os.environ["EXPORT_URL"], timeout=30).json()\n    path = os.path.join(ARCHIVE, time.strftime("%Y%m%d") + ".json")\n    with open(path, "w") as f:\n        json.dump(data, f)\n    cutoff = time.time() - 30 * 86400\n    for path in glob.glob(os.path.join(ARCHIVE, "*.json")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            log.info("removed old export %s", path)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "st_checked": {
        "sync.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nAPI = os.environ["API_URL"]\n\n\ndef fetch_orders():\n    r = requests.get(f"{API}/orders", timeout=30)\n    if r.status_code != 200:\n        log.error("orders request failed: %s %s", r.status_code, r.text)\n        return []\n    return r.json()\n\n\ndef store(orders):\n    with open(os.environ["OUT_FILE"], "a") as f:\n        for o in orders:\n            f.write(f"{o[\'id\']}\\n")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    orders = fetch_orders()\n    if not orders:\n        log.error("no orders fetched")\n        sys.exit(1)\n    store(orders)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
}


_EXPECTED_2: dict[str, Callable[[Report], bool]] = {
    # a view or a command's helper taking `request` in a main.py is no Cloud Function
    "gcf_django": lambda r: [f for _, _, f in _entrypoints(r)] == ["django"],
    "gcf_console": lambda r: [k for _, k, _ in _entrypoints(r)] == ["job"],
    # an API Gateway handler that decodes its own body, or reads an S3 Select result's "Records"
    "lam_rebind": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api"],
    "lam_records": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api"],
    # a report written in both branches, mailed, then removed: the job's own file
    "rm_ifelse": lambda r: "fail" not in _statuses(r, "missing-dry-run"),
    # the `__main__` block's poller stays a worker when a route handler starts another thread
    "thr_both": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api", "worker"],
    # an HTTP function and an event function in one main.py: each deployed on its own
    "gcf_multi": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api", "job"],
    # `secret_example.py`, `keys.example.py`: settings to copy
    "ex1": lambda r: _count(r, "hardcoded-secret") == 0 and _count(r, "hardcoded-path") == 0,
    # `for path in glob(...): os.remove(path)` after writing `path`: old exports deleted
    "rm_reuse": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    # a failed request returned as [] that the caller tests, then exits 1
    "st_checked": lambda r: _statuses(r, "missing-exit-code") == {"pass"},
}


@pytest.mark.parametrize("case", sorted(_TREES_2))
def test_second_review_reproductions(make_tree: Tree, case: str) -> None:
    report = run([str(make_tree({f"{case}/{k}": v for k, v in _TREES_2[case].items()}) / case)])
    assert _EXPECTED_2[case](report), _entrypoints(report)


# The third review (of dfc24b5..6148d83): false reports and lost findings left by the first two sets of mends.
_TREES_3: dict[str, dict[str, str]] = {
    "flask_factory_main": {
        "main.py": '"""WSGI entry point: gunicorn main:app"""\nimport logging\n\nfrom flask import request\n\nfrom myapp import create_app\n\napp = create_app()\nlog = logging.getLogger(__name__)\n\n\ndef client_ip(request):\n    return request.headers.get("X-Forwarded-For", request.remote_addr)\n\n\n@app.before_request\ndef log_request():\n    log.info("%s %s from %s", request.method, request.path, client_ip(request))\n\n\ndef wants_json(request):\n    return request.args.get("format") == "json"\n',
        "myapp/__init__.py": "import logging\n\nfrom flask import Flask\n\n\ndef create_app():\n    logging.basicConfig(level=logging.INFO)\n    app = Flask(__name__)\n    from myapp import views\n\n    app.register_blueprint(views.bp)\n    return app\n",
        "myapp/views.py": 'from flask import Blueprint, jsonify, request\n\nbp = Blueprint("views", __name__)\n\n\n@bp.route("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@bp.route("/items")\ndef items():\n    return jsonify(items=[], page=int(request.args.get("page", 1)))\n',
    },
    "gcf_console_argv": {
        "pyproject.toml": '[project]\nname = "replay"\nversion = "0.1"\n[project.scripts]\nreplay = "replay.main:cli"\n',
        "replay/__init__.py": "",
        "replay/main.py": 'import json\nimport logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef describe(request):\n    """One line for a recorded request (a requests.PreparedRequest)."""\n    return f"{request.method} {request.url} ({len(request.body or b\'\')} bytes)"\n\n\ndef cli():\n    logging.basicConfig(level=logging.INFO)\n    if len(sys.argv) != 2:\n        print("usage: replay HAR_FILE", file=sys.stderr)\n        sys.exit(2)\n    with open(sys.argv[1]) as f:\n        entries = json.load(f)["log"]["entries"]\n    failed = 0\n    for entry in entries:\n        req = entry["request"]\n        resp = requests.request(req["method"], req["url"], timeout=10)\n        log.info(describe(resp.request))\n        failed += not resp.ok\n    sys.exit(1 if failed else 0)\n',
    },
    "st_schedule": {
        "poller.py": 'import logging\nimport os\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\nAPI = os.environ["API_URL"]\n\n\ndef sync_prices():\n    r = requests.get(f"{API}/prices", timeout=30)\n    if r.status_code != 200:\n        log.error("prices request failed: %s", r.status_code)\n        return []\n    prices = r.json()\n    with open(os.environ["PRICES_FILE"], "w") as f:\n        f.write("\\n".join(f"{p[\'sku\']},{p[\'price\']}" for p in prices))\n    log.info("%d prices", len(prices))\n    return prices\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sync_prices()\n    schedule.every(10).minutes.do(sync_prices)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
    },
    "tor_wsgi": {
        "serve.py": 'import logging\n\nimport tornado.ioloop\nimport tornado.web\nfrom tornado.wsgi import WSGIContainer\n\nfrom webapp import app\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    container = WSGIContainer(app)\n    server = tornado.web.Application([(r".*", tornado.web.FallbackHandler, dict(fallback=container))])\n    server.listen(8000)\n    tornado.ioloop.IOLoop.current().start()\n',
        "webapp.py": 'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.route("/ready")\ndef ready():\n    return jsonify(status="ready")\n\n\n@app.route("/orders")\ndef orders():\n    return jsonify([])\n',
    },
    "ptb_jq": {
        "bot.py": 'import logging\nimport os\n\nfrom telegram import Update\nfrom telegram.ext import Application, CommandHandler, ContextTypes\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nasync def remind(context: ContextTypes.DEFAULT_TYPE) -> None:\n    await context.bot.send_message(context.job.chat_id, text="Time to drink water!")\n\n\nasync def start_reminders(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:\n    minutes = int(context.args[0]) if context.args else 60\n    context.job_queue.run_repeating(remind, interval=minutes * 60, chat_id=update.effective_chat.id)\n    await update.message.reply_text(f"I\'ll remind you every {minutes} minutes")\n\n\ndef main() -> None:\n    app = Application.builder().token(os.environ["TOKEN"]).build()\n    app.add_handler(CommandHandler("remind", start_reminders))\n    app.run_polling()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "gcf1_mixed": {
        "main.py": 'import base64\nimport json\nimport logging\nimport os\n\nfrom google.cloud import pubsub_v1, storage\n\nlogging.basicConfig(level=logging.INFO)\npublisher = pubsub_v1.PublisherClient()\nTOPIC = publisher.topic_path(os.environ["PROJECT"], "uploads")\n\n\ndef ingest(request):\n    """HTTP function: queue an uploaded document for processing."""\n    doc = request.get_json()\n    publisher.publish(TOPIC, json.dumps(doc).encode()).result(timeout=30)\n    logging.info("queued %s", doc["id"])\n    return {"queued": doc["id"]}, 202\n\n\ndef process(event, context):\n    """Background function (Pub/Sub trigger): store the document."""\n    doc = json.loads(base64.b64decode(event["data"]))\n    storage.Client().bucket(os.environ["BUCKET"]).blob(f"docs/{doc[\'id\']}.json").upload_from_string(json.dumps(doc))\n    logging.info("stored %s", doc["id"])\n',
    },
    "rm_while": {
        "drain.py": 'import glob\nimport logging\nimport os\n\nlog = logging.getLogger(__name__)\nSPOOL = "/var/spool/reports"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    path = os.path.join(SPOOL, "index.txt")\n    pending = sorted(glob.glob(os.path.join(SPOOL, "*.pdf")))\n    with open(path, "w") as f:\n        f.write("\\n".join(pending))\n    while pending:\n        path = pending.pop()\n        os.remove(path)\n        log.info("dropped %s", path)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "rm_comp": {
        "backup.py": 'import glob\nimport json\nimport logging\nimport os\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\nARCHIVE = os.environ.get("ARCHIVE_DIR", "archive")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    data = requests.get(os.environ["EXPORT_URL"], timeout=30).json()\n    path = os.path.join(ARCHIVE, time.strftime("%Y%m%d") + ".json")\n    with open(path, "w") as f:\n        json.dump(data, f)\n    cutoff = time.time() - 30 * 86400\n    [os.remove(path) for path in glob.glob(os.path.join(ARCHIVE, "*.json")) if os.path.getmtime(path) < cutoff]\n    log.info("exported %d records", len(data))\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "rm_assign": {
        "ingest.py": 'import csv\nimport logging\nimport os\nimport shutil\n\nlog = logging.getLogger(__name__)\nINBOX = "/srv/inbox"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    rows = []\n    for name in sorted(os.listdir(INBOX)):\n        with open(os.path.join(INBOX, name)) as f:\n            rows.extend(csv.DictReader(f))\n    path = os.path.join(os.environ.get("OUT_DIR", "/srv/out"), "merged.csv")\n    with open(path, "w", newline="") as f:\n        w = csv.DictWriter(f, fieldnames=["id", "amount"])\n        w.writeheader()\n        w.writerows(rows)\n    shutil.chown(path, group="reports")\n    log.info("merged %d rows", len(rows))\n    for name in os.listdir(INBOX):\n        path = os.path.join(INBOX, name)\n        os.remove(path)  # the customer\'s originals, gone\n        log.info("removed %s", path)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    "ex_dist": {
        "train.py": 'import logging\nimport os\n\nfrom utils import dist_env\n\nlog = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    dist_env.init()\n    log.info("checkpoints in %s", dist_env.CHECKPOINT_DIR)\n',
        "utils/dist_env.py": 'import os\n\nimport torch.distributed as dist\n\nMASTER_ADDR = "10.0.0.4"\nCHECKPOINT_DIR = "/home/alice/checkpoints/resnet50"\nWANDB_API_KEY = "3f9c2a7d81b64e0f95a1c7d2e4b8f6a0c3d5e7f9"\n\n\ndef init():\n    os.environ.setdefault("MASTER_ADDR", MASTER_ADDR)\n    dist.init_process_group("nccl")\n',
    },
    "ex_names2": {
        "config_template_renderer.py": '"""Renders nginx.conf.j2 for each tenant and mails the ops list when done."""\nimport smtplib\nfrom email.message import EmailMessage\n\nimport jinja2\n\nTEMPLATE_DIR = "/home/ops/deploy/templates"\nSMTP_USER = "ops@acme-corp.com"\nSMTP_PASSWORD = "Tr0ub4dor&3xQ"\n\n\ndef render(tenants):\n    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR))\n    return {t: env.get_template("nginx.conf.j2").render(tenant=t) for t in tenants}\n\n\ndef mail_done(count):\n    msg = EmailMessage()\n    msg["Subject"] = f"{count} configs rendered"\n    msg["From"] = SMTP_USER\n    msg["To"] = "ops@acme-corp.com"\n    with smtplib.SMTP_SSL("smtp.gmail.com", 465, timeout=30) as smtp:\n        smtp.login(SMTP_USER, SMTP_PASSWORD)\n        smtp.send_message(msg)\n',
        "run.py": 'import logging\n\nfrom config_template_renderer import mail_done, render\nfrom sample_env import SampleEnv\n\nlog = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    out = render(["a", "b"])\n    SampleEnv().reset()\n    mail_done(len(out))\n',
        "sample_env.py": '"""A gym environment that replays sampled episodes from disk."""\nimport gymnasium as gym\nimport numpy as np\n\nEPISODES = "/home/bob/rl/episodes.npy"\n\n\nclass SampleEnv(gym.Env):\n    def __init__(self):\n        self.episodes = np.load(EPISODES)\n        self.i = 0\n\n    def reset(self, seed=None, options=None):\n        self.i = 0\n        return self.episodes[0], {}\n',
    },
}


_EXPECTED_3: dict[str, Callable[[Report], bool]] = {
    # a Flask app's main.py (`app = create_app()`), a console script's main.py: their `request` helpers are no Cloud Functions
    "flask_factory_main": lambda r: [f for _, _, f in _entrypoints(r)] == ["flask"],
    "gcf_console_argv": lambda r: [k for _, k, _ in _entrypoints(r)] == ["job"],
    # a `schedule` process never exits: a failure a job hands back is no exit status lost
    "st_schedule": lambda r: "fail" not in _statuses(r, "missing-exit-code"),
    # Tornado's catch-all `.*` in front of a Flask app is no route of its own
    "tor_wsgi": lambda r: "fail" not in _statuses(r, "missing-health-route"),
    # a reminder a user sets in a command handler (`context.job_queue.run_repeating`) is no scheduled job
    "ptb_jq": lambda r: [k for _, k, _ in _entrypoints(r)] == ["worker"],
    # an HTTP function and a background `(event, context)` function in one Cloud Functions main.py
    "gcf1_mixed": lambda r: (
        _entrypoints(r) == [("main.py", "api", "cloud-functions"), ("main.py", "job", "cloud-functions")]
    ),
    # a name rebound by a `while` step, a comprehension or an assignment no longer holds the file written
    "rm_while": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    "rm_comp": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    "rm_assign": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    # `dist_env.py`, `config_template_renderer.py`, `sample_env.py`: code, not settings to copy
    "ex_dist": lambda r: _count(r, "hardcoded-secret") >= 1 and _count(r, "hardcoded-path") >= 1,
    "ex_names2": lambda r: _count(r, "hardcoded-secret") >= 1 and _count(r, "hardcoded-path") >= 1,
}


@pytest.mark.parametrize("case", sorted(_TREES_3))
def test_third_review_reproductions(make_tree: Tree, case: str) -> None:
    report = run([str(make_tree({f"{case}/{k}": v for k, v in _TREES_3[case].items()}) / case)])
    assert _EXPECTED_3[case](report), _entrypoints(report)


# Misses the third review found that the code before it missed too.
_TREES_4: dict[str, dict[str, str]] = {
    "az_bp_only": {
        "function_app.py": "import azure.functions as func\n\nfrom orders_blueprint import bp as orders_bp\n\napp = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)\napp.register_functions(orders_bp)\n",
        "host.json": '{"version":"2.0"}\n',
        "orders_blueprint.py": 'import json\nimport logging\n\nimport azure.functions as func\n\nbp = func.Blueprint()\n\n\n@bp.route(route="orders", methods=["GET"])\ndef list_orders(req: func.HttpRequest) -> func.HttpResponse:\n    logging.info("listing orders")\n    return func.HttpResponse(json.dumps([]), mimetype="application/json")\n\n\n@bp.route(route="orders", methods=["POST"])\ndef create_order(req: func.HttpRequest) -> func.HttpResponse:\n    order = req.get_json()\n    logging.info("order %s", order.get("id"))\n    return func.HttpResponse(status_code=201)\n',
    },
    "gcf_guard2": {
        "main.py": 'import logging\nimport os\n\nimport functions_framework\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\n\n\n@functions_framework.http\ndef notify(request):\n    payload = request.get_json(silent=True) or {}\n    requests.post(os.environ["SLACK_WEBHOOK"], json={"text": payload.get("text", "")}, timeout=10)\n    logging.info("notified")\n    return {"ok": True}\n\n\nif __name__ == "__main__":\n    class _Req:\n        def get_json(self, silent=False):\n            return {"text": "hello from a local run"}\n\n    print(notify(_Req()))\n',
    },
    "gcf_shared": {
        "backfill.py": '"""One-off: re-add items from a dump through the same code path as the function."""\nimport json\nimport logging\nimport sys\n\nfrom main import db\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    for item in json.load(open(sys.argv[1])):\n        db.collection("items").add(item)\n',
        "main.py": 'import logging\nimport os\n\nimport functions_framework\nfrom google.cloud import firestore\n\nlogging.basicConfig(level=logging.INFO)\ndb = firestore.Client()\n\n\n@functions_framework.http\ndef add_item(request):\n    item = request.get_json()\n    db.collection("items").add(item)\n    logging.info("added %s", item.get("id"))\n    return {"ok": True}, 201\n',
    },
    "rm_pathlib": {
        "report.py": 'import csv\nimport io\nimport logging\nimport os\nimport smtplib\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nlog = logging.getLogger(__name__)\n\n\ndef send(path: Path) -> None:\n    msg = EmailMessage()\n    msg["Subject"] = "daily report"\n    msg.add_attachment(path.read_bytes(), maintype="text", subtype="csv", filename=path.name)\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as s:\n        s.send_message(msg)\n\n\ndef main() -> None:\n    logging.basicConfig(level=logging.INFO)\n    rows = [{"id": 1, "total": 3}]\n    buf = io.StringIO()\n    w = csv.DictWriter(buf, fieldnames=["id", "total"])\n    w.writeheader()\n    w.writerows(rows)\n    out = Path(os.environ.get("OUT_DIR", ".")) / "daily_report.csv"\n    out.write_text(buf.getvalue())\n    send(out)\n    out.unlink()\n    log.info("sent %d rows", len(rows))\n\n\nif __name__ == "__main__":\n    main()\n',
    },
}


_EXPECTED_4: dict[str, Callable[[Report], bool]] = {
    # an Azure Functions app whose HTTP routes all come from a registered blueprint
    "az_bp_only": lambda r: ("function_app.py", "api", "azure-functions") in _entrypoints(r),
    # `@functions_framework.http` beside a local-test `__main__` block, or in a file a script imports
    "gcf_guard2": lambda r: _entrypoints(r) == [("main.py", "api", "cloud-functions")],
    "gcf_shared": lambda r: ("main.py", "api", "cloud-functions") in _entrypoints(r),
    # pathlib: `out.write_text(...)`, sent, `out.unlink()`: the job's own file
    "rm_pathlib": lambda r: "fail" not in _statuses(r, "missing-dry-run"),
}


@pytest.mark.parametrize("case", sorted(_TREES_4))
def test_third_review_older_misses(make_tree: Tree, case: str) -> None:
    report = run([str(make_tree({f"{case}/{k}": v for k, v in _TREES_4[case].items()}) / case)])
    assert _EXPECTED_4[case](report), _entrypoints(report)


# The fourth review (of 8dc40bb..fac6c3e).
_TREES_5: dict[str, dict[str, str]] = {
    "p2_rq_worker": {
        "main.py": '"""Report exports: an HTTP Cloud Function queues the export; `python main.py` on the worker VM runs them.\n\nDeployed:  gcloud functions deploy request_export --gen2 --trigger-http\nWorker VM: systemd unit `ExecStart=/opt/exports/venv/bin/python main.py`\n"""\nimport logging\nimport os\n\nimport functions_framework\nfrom redis import Redis\nfrom rq import Queue, Worker\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nredis = Redis.from_url(os.environ["REDIS_URL"])\nqueue = Queue("exports", connection=redis)\n\n\ndef build_export(account_id: str) -> None:\n    log.info("exporting account %s", account_id)\n\n\n@functions_framework.http\ndef request_export(request):\n    account_id = request.get_json()["account_id"]\n    job = queue.enqueue(build_export, account_id)\n    log.info("queued export %s for %s", job.id, account_id)\n    return {"job": job.id}, 202\n\n\nif __name__ == "__main__":\n    Worker([queue], connection=redis).work()\n',
    },
    "p2_backfill": {
        "main.py": '"""Thumbnails: a Cloud Function per uploaded image, and a backfill over the whole bucket.\n\nDeployed:  gcloud functions deploy make_thumbnail --gen2 --trigger-bucket=$BUCKET\nBackfill:  python main.py --bucket photos-prod --prefix 2023/   (run once per migration, on a VM)\n"""\nimport argparse\nimport io\nimport logging\nimport sys\n\nimport functions_framework\nfrom google.cloud import storage\nfrom PIL import Image\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nclient = storage.Client()\n\n\ndef thumbnail(bucket_name: str, name: str) -> None:\n    bucket = client.bucket(bucket_name)\n    data = bucket.blob(name).download_as_bytes(timeout=60)\n    img = Image.open(io.BytesIO(data))\n    img.thumbnail((256, 256))\n    out = io.BytesIO()\n    img.save(out, format="JPEG")\n    bucket.blob(f"thumbs/{name}").upload_from_string(out.getvalue(), content_type="image/jpeg", timeout=60)\n    log.info("thumbnail for %s", name)\n\n\n@functions_framework.cloud_event\ndef make_thumbnail(cloud_event):\n    data = cloud_event.data\n    if data["name"].startswith("thumbs/"):\n        return\n    thumbnail(data["bucket"], data["name"])\n\n\ndef backfill(bucket_name: str, prefix: str) -> int:\n    failed = 0\n    for blob in client.list_blobs(bucket_name, prefix=prefix):\n        if blob.name.startswith("thumbs/"):\n            continue\n        try:\n            thumbnail(bucket_name, blob.name)\n        except Exception:\n            log.exception("thumbnail failed for %s", blob.name)\n            failed += 1\n    return failed\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser(description="make missing thumbnails for a whole bucket")\n    parser.add_argument("--bucket", required=True)\n    parser.add_argument("--prefix", default="")\n    args = parser.parse_args()\n    sys.exit(1 if backfill(args.bucket, args.prefix) else 0)\n',
    },
    "p2_flask_wrapper": {
        "Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install flask gunicorn google-cloud-firestore functions-framework\nCMD exec gunicorn -b :$PORT app:app\n",
        "app.py": '"""Cloud Run service (Dockerfile: CMD gunicorn -b :$PORT app:app). Wraps the old function\'s handler."""\nimport logging\n\nfrom flask import Flask, request\n\nimport main\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n\n\n@app.get("/readyz")\ndef readyz():\n    return "ready"\n\n\n@app.post("/orders")\ndef orders():\n    return main.handle(request)\n',
        "main.py": 'import logging\nimport os\n\nimport functions_framework\nfrom google.cloud import firestore\n\nlog = logging.getLogger(__name__)\ndb = firestore.Client()\n\n\n@functions_framework.http\ndef handle(request):\n    order = request.get_json()\n    db.collection("orders").document(order["id"]).set(order)\n    log.info("stored order %s", order["id"])\n    return {"ok": True}, 201\n',
    },
    "p3_branch_regress": {
        "digest.py": '"""Daily: mail the on-call team a CSV of yesterday\'s failed payments, then remove the local copy."""\nimport csv\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef send(path: Path) -> None:\n    msg = EmailMessage()\n    msg["Subject"] = "failed payments"\n    msg["From"] = "reports@example.com"\n    msg["To"] = os.environ["ONCALL_EMAIL"]\n    msg.add_attachment(path.read_bytes(), maintype="text", subtype="csv", filename=path.name)\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as s:\n        s.send_message(msg)\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, amount, reason FROM payments WHERE failed_at > now() - interval \'1 day\'")\n        rows = cur.fetchall()\n    out = Path(os.environ.get("OUT_DIR", ".")) / "failed_payments.csv"\n    with open(out, "w", newline="") as f:\n        w = csv.writer(f)\n        w.writerow(["id", "amount", "reason"])\n        w.writerows(rows)\n    if not rows:\n        out.write_text("no failed payments yesterday\\n")\n    send(out)\n    out.unlink()\n    log.info("sent %d rows", len(rows))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    "p3_shred": {
        "shred_expired.py": '"""Nightly: securely destroy customer key files past their retention date."""\nimport logging\nimport os\nimport sys\nimport time\nfrom pathlib import Path\n\nlog = logging.getLogger(__name__)\nKEY_DIR = Path(os.environ.get("KEY_DIR", "/srv/keys"))\nRETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "90"))\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    cutoff = time.time() - RETENTION_DAYS * 86400\n    removed = 0\n    for key_file in KEY_DIR.glob("*.pem"):\n        if key_file.stat().st_mtime >= cutoff:\n            continue\n        # overwrite before unlinking so the key cannot be recovered from disk\n        key_file.write_bytes(os.urandom(key_file.stat().st_size))\n        key_file.unlink()\n        removed += 1\n        log.info("shredded %s", key_file)\n    log.info("shredded %d key files", removed)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    "p3_ifelse": {
        "digest.py": '"""Daily: mail the on-call team yesterday\'s failed payments, then remove the local copy."""\nimport json\nimport logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\nfrom pathlib import Path\n\nimport psycopg2\n\nlog = logging.getLogger(__name__)\n\n\ndef send(path: Path) -> None:\n    msg = EmailMessage()\n    msg["Subject"] = "failed payments"\n    msg["From"] = "reports@example.com"\n    msg["To"] = os.environ["ONCALL_EMAIL"]\n    msg.add_attachment(path.read_bytes(), maintype="application", subtype="json", filename=path.name)\n    with smtplib.SMTP(os.environ["SMTP_HOST"], timeout=30) as s:\n        s.send_message(msg)\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, amount, reason FROM payments WHERE failed_at > now() - interval \'1 day\'")\n        rows = cur.fetchall()\n    out = Path(os.environ.get("OUT_DIR", ".")) / "failed_payments.json"\n    if rows:\n        out.write_text(json.dumps([{"id": i, "amount": str(a), "reason": r} for i, a, r in rows]))\n    else:\n        out.write_text("[]")\n    send(out)\n    out.unlink()\n    log.info("sent %d rows", len(rows))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
    "p3_shred_open": {
        "shred_expired.py": '"""Nightly: securely destroy customer key files past their retention date."""\nimport logging\nimport os\nimport sys\nimport time\nfrom pathlib import Path\n\nlog = logging.getLogger(__name__)\nKEY_DIR = Path(os.environ.get("KEY_DIR", "/srv/keys"))\nRETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "90"))\n\n\ndef main() -> int:\n    logging.basicConfig(level=logging.INFO)\n    cutoff = time.time() - RETENTION_DAYS * 86400\n    removed = 0\n    for key_file in KEY_DIR.glob("*.pem"):\n        if key_file.stat().st_mtime >= cutoff:\n            continue\n        # overwrite before unlinking so the key cannot be recovered from disk\n        with open(key_file, "wb") as f:\n            f.write(os.urandom(key_file.stat().st_size))\n        os.remove(key_file)\n        removed += 1\n        log.info("shredded %s", key_file)\n    log.info("shredded %d key files", removed)\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
    },
}


_EXPECTED_5: dict[str, Callable[[Report], bool]] = {
    # a `__main__` block that runs a worker or a backfill beside a Cloud Function is its own entrypoint
    "p2_rq_worker": lambda r: [k for _, k, _ in _entrypoints(r)] == ["api", "worker"],
    "p2_backfill": lambda r: ("main.py", "job", "argparse") in _entrypoints(r),
    # a web app serving a decorated function from its own route: the app is the entrypoint
    "p2_flask_wrapper": lambda r: _entrypoints(r) == [("app.py", "api", "flask")],
    # the job's own file, written by open() or in a branch by write_text(), then unlinked
    "p3_branch_regress": lambda r: "fail" not in _statuses(r, "missing-dry-run"),
    "p3_ifelse": lambda r: "fail" not in _statuses(r, "missing-dry-run"),
    # existing files a loop overwrites and then removes are destroyed, not the job's own
    "p3_shred": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
    "p3_shred_open": lambda r: _statuses(r, "missing-dry-run") == {"fail"},
}


@pytest.mark.parametrize("case", sorted(_TREES_5))
def test_fourth_review_reproductions(make_tree: Tree, case: str) -> None:
    report = run([str(make_tree({f"{case}/{k}": v for k, v in _TREES_5[case].items()}) / case)])
    assert _EXPECTED_5[case](report), _entrypoints(report)
