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
