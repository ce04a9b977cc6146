"""The session-16 review (of 755ccae..11ed904): its reproductions, each a small tree.

Each case gives the files and the entrypoints expected as ``(path, kind, framework)``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a loop that works between its sleeps, beside a scheduler its function starts, stays a worker
    "c1": (
        {
            "main.py": 'from poller import run\n\nif __name__ == "__main__":\n    run()\n',
            "poller.py": 'import time\n\nimport requests\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\n\ndef send_report():\n    requests.post("https://hooks.example.com/report", json={}, timeout=10)\n\n\ndef fetch_pending():\n    return requests.get("https://api.example.com/orders?state=pending", timeout=10).json()\n\n\ndef process(order):\n    requests.post(f"https://api.example.com/orders/{order[\'id\']}/ship", timeout=10)\n\n\ndef run():\n    scheduler = BackgroundScheduler()\n    scheduler.add_job(send_report, "interval", hours=1)\n    scheduler.start()\n    while True:\n        for order in fetch_pending():\n            process(order)\n        time.sleep(5)\n',
        },
        [("main.py", "worker", "polling-loop"), ("poller.py", "job", "apscheduler")],
        None,
    ),
    # a `__main__` block that only starts an imported scheduler is that one job, not two
    "c2": (
        {
            "run_scheduler.py": 'import logging\n\nfrom tasks import scheduler\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    scheduler.start()\n',
            "tasks.py": 'import requests\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nscheduler = BlockingScheduler()\n\n\n@scheduler.scheduled_job("cron", hour=3)\ndef nightly():\n    requests.post("https://api.example.com/rollup", timeout=30)\n',
        },
        [("run_scheduler.py", "job", "apscheduler")],
        None,
    ),
    # serverless.yml with a nested event list does not stop the run
    "c3": (
        {
            "handler.py": 'def hello(event, context):\n    return {"statusCode": 200, "body": "hi"}\n',
            "serverless.yml": "service: hello\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  hello:\n    handler: handler.hello\n    events:\n      - - http: GET /hello\n",
        },
        [("handler.py", "job", "aws-lambda")],
        None,
    ),
    # a SAM event whose Type is a CloudFormation `!If` does not stop the run
    "c4": (
        {
            "app.py": 'def hello(event, context):\n    return {"statusCode": 200, "body": "hi"}\n',
            "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n  HelloFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.hello\n      Events:\n        Trigger:\n          Type: !If [IsProd, Schedule, SQS]\n          Properties:\n            Schedule: rate(1 hour)\n",
        },
        [("app.py", "job", "aws-lambda")],
        None,
    ),
    # `celery -A shop beat` puts the beat job at the app it names
    "c5": (
        {
            "Procfile": "billing_worker: celery -A billing worker -l info\nshop_worker: celery -A shop worker -l info\nshop_beat: celery -A shop beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler\n",
            "billing/__init__.py": "",
            "billing/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing.settings")\napp = Celery("billing")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
            "shop/__init__.py": "",
            "shop/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\napp = Celery("shop")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
        },
        [
            ("billing/celery.py", "worker", "celery"),
            ("shop/celery.py", "job", "celery-beat"),
            ("shop/celery.py", "worker", "celery"),
        ],
        None,
    ),
    # a worker consuming a queue named `beat` runs no beat
    "c6": (
        {
            "Procfile": "web: gunicorn proj.wsgi\nworker: celery -A proj worker -l info -Q default\nheartbeat: celery -A proj worker -l info -Q beat --concurrency 1\n",
            "proj/__init__.py": "",
            "proj/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
        },
        [("proj/celery.py", "worker", "celery")],
        None,
    ),
    # a `__main__` command line that loops over the handler is a job of its own
    "c7": (
        {
            "handler.py": 'import argparse\nimport datetime\nimport logging\n\nimport boto3\n\nlog = logging.getLogger(__name__)\ntable = boto3.resource("dynamodb").Table("daily-stats")\n\n\ndef handler(event, context):\n    day = event.get("day") or datetime.date.today().isoformat()\n    table.put_item(Item={"day": day, "total": 0})\n    log.info("rolled up %s", day)\n    return {"ok": True}\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    parser = argparse.ArgumentParser(description="Backfill the daily roll-up")\n    parser.add_argument("--start", required=True)\n    parser.add_argument("--days", type=int, default=30)\n    args = parser.parse_args()\n    start = datetime.date.fromisoformat(args.start)\n    for offset in range(args.days):\n        handler({"day": (start + datetime.timedelta(days=offset)).isoformat()}, None)\n',
            "serverless.yml": "service: rollup\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  rollup:\n    handler: handler.handler\n    events:\n      - schedule: rate(1 day)\n",
        },
        [("handler.py", "job", "argparse"), ("handler.py", "job", "aws-lambda")],
        None,
    ),
    # a comment line inside a unit's continued ExecStart is skipped
    "c8": (
        {
            "deploy/celerybeat.service": "[Unit]\nDescription=Celery beat\n\n[Service]\nWorkingDirectory=/srv/proj\nExecStart=/srv/venv/bin/celery \\\n#    --workdir=/srv/old-proj \\\n    -A proj beat --loglevel=INFO\nRestart=always\n",
            "proj/__init__.py": "",
            "proj/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
        },
        [("proj/celery.py", "job", "celery-beat"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_review_s16(check_case: Callable[[str, Case], None], case: str) -> None:
    check_case(case, _CASES[case])
