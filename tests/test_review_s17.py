"""The session-17 review (of ef712fc..25db2e2): its reproductions.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and a rule's
status where it matters. Every case fails on 25db2e2.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a management command that empties a queue and stops when it comes back empty is a job (no SIGTERM gap)
    "cmd_drain": (
        {
            "config/__init__.py": "",
            "config/settings.py": 'INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]\nROOT_URLCONF = "config.urls"\n',
            "config/urls.py": "urlpatterns = []\n",
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n',
            "shop/__init__.py": "",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/import_orders.py": 'import json\n\nimport boto3\nfrom django.core.management.base import BaseCommand\n\nfrom shop.models import Order\n\n\nclass Command(BaseCommand):\n    help = "Import the orders waiting in the queue, then exit (run from cron every 10 minutes)"\n\n    def handle(self, *args, **options):\n        sqs = boto3.client("sqs")\n        url = options.get("queue_url") or "https://sqs.eu-west-1.amazonaws.com/1/orders"\n        while True:\n            resp = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)\n            messages = resp.get("Messages", [])\n            if not messages:\n                break\n            for m in messages:\n                Order.objects.create(ref=json.loads(m["Body"])["ref"])\n                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])\n        self.stdout.write("done")\n',
            "shop/models.py": "from django.db import models\n\n\nclass Order(models.Model):\n    ref = models.CharField(max_length=40)\n",
        },
        [("manage.py", "api", "django"), ("shop/management/commands/import_orders.py", "job", "django-command")],
        ("missing-graceful-shutdown", {"shop/management/commands/import_orders.py": "na"}),
    ),
    # a Pub/Sub pull waited on with a timeout parameter that defaults to None waits for ever: a worker
    "pubsub_none": (
        {
            "subscriber.py": 'import argparse\nimport logging\nfrom concurrent.futures import TimeoutError\n\nfrom google.cloud import pubsub_v1\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nsubscriber = pubsub_v1.SubscriberClient()\n\n\ndef callback(message):\n    log.info("got %s", message.data)\n    message.ack()\n\n\ndef main(project, subscription, timeout=None):\n    path = subscriber.subscription_path(project, subscription)\n    future = subscriber.subscribe(path, callback=callback)\n    log.info("listening on %s", path)\n    with subscriber:\n        try:\n            future.result(timeout=timeout)\n        except TimeoutError:\n            future.cancel()\n            future.result()\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("project")\n    parser.add_argument("subscription")\n    parser.add_argument("--timeout", type=float, default=None)\n    args = parser.parse_args()\n    main(args.project, args.subscription, args.timeout)\n',
        },
        [("subscriber.py", "worker", "pubsub")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # two settings modules naming the same CRONJOBS give one job per function
    "crontab_dup": (
        {
            "config/__init__.py": "",
            "config/settings.py": 'INSTALLED_APPS = ["django.contrib.contenttypes", "django_crontab", "shop"]\nROOT_URLCONF = "config.urls"\nLOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}}, "root": {"handlers": ["console"], "level": "INFO"}}\nCRONJOBS = [\n    ("*/10 * * * *", "shop.cron.sync_prices"),\n    ("0 3 * * *", "shop.cron.purge_expired", ">> /var/log/purge.log"),\n]\n',
            "config/settings_docker.py": 'INSTALLED_APPS = ["django.contrib.contenttypes", "django_crontab", "shop"]\nROOT_URLCONF = "config.urls"\nLOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}}, "root": {"handlers": ["console"], "level": "INFO"}}\nCRONJOBS = [\n    ("*/10 * * * *", "shop.cron.sync_prices"),\n    ("0 3 * * *", "shop.cron.purge_expired", ">> /var/log/purge.log"),\n]\n',
            "config/urls.py": "urlpatterns = []\n",
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n',
            "shop/__init__.py": "",
            "shop/cron.py": 'import logging\n\nimport requests\n\nfrom shop.models import Order\n\nlog = logging.getLogger(__name__)\n\n\ndef sync_prices():\n    try:\n        r = requests.get("https://prices.example.com/latest", timeout=10)\n        r.raise_for_status()\n    except requests.RequestException:\n        log.exception("price sync failed")\n        return\n    for row in r.json():\n        Order.objects.filter(ref=row["ref"]).update(ref=row["ref"])\n\n\ndef purge_expired():\n    Order.objects.filter(ref__startswith="tmp-").delete()\n',
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/models.py": "from django.db import models\n\n\nclass Order(models.Model):\n    ref = models.CharField(max_length=40)\n",
        },
        [
            ("manage.py", "api", "django"),
            ("shop/cron.py", "job", "django-crontab"),
            ("shop/cron.py", "job", "django-crontab"),
        ],
        ("missing-dry-run", {"shop/cron.py": "fail"}),
    ),
    # a download helper handed the S3 client does not make the client's deletions the job's own file
    "download_client": (
        {
            "rotate_backups.py": 'import gzip\nimport logging\nimport sys\n\nimport boto3\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger("rotate")\nBUCKET = "acme-db-backups"\nKEEP = 14\n\n\ndef download_backup(s3, bucket, key, dest):\n    s3.download_file(bucket, key, dest)\n\n\ndef rotate(s3, bucket):\n    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])\n    latest = keys[-1]\n    # make sure the newest backup is readable before dropping the old ones\n    download_backup(s3, bucket, latest, "/var/lib/rotate/latest.sql.gz")\n    with gzip.open("/var/lib/rotate/latest.sql.gz") as f:\n        f.read(1024)\n    old = [{"Key": k} for k in keys[:-KEEP]]\n    if old:\n        s3.delete_objects(Bucket=bucket, Delete={"Objects": old})\n        log.info("deleted %d old backups", len(old))\n\n\nif __name__ == "__main__":\n    rotate(boto3.client("s3"), BUCKET)\n    sys.exit(0)\n',
        },
        [("rotate_backups.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # a function HTTP requests call as well as a queue: a request's DELETE is not the queue job's
    "sls_api_sqs": (
        {
            "handler.py": 'import json\nimport logging\nimport os\n\nimport boto3\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\ntable = boto3.resource("dynamodb").Table(os.environ["TABLE"])\n\n\ndef _http(event):\n    note_id = event["pathParameters"]["id"]\n    if event["httpMethod"] == "DELETE":\n        boto3.client("s3").delete_object(Bucket=os.environ["BUCKET"], Key=f"notes/{note_id}.json")\n        return {"statusCode": 204, "body": ""}\n    item = table.get_item(Key={"id": note_id}).get("Item")\n    return {"statusCode": 200, "body": json.dumps(item)}\n\n\ndef _import(event):\n    for record in event["Records"]:\n        note = json.loads(record["body"])\n        table.put_item(Item=note)\n        logger.info("imported %s", note["id"])\n\n\ndef handle(event, context):\n    if "Records" in event:\n        return _import(event)\n    return _http(event)\n',
            "serverless.yml": "service: notes\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  api:\n    handler: handler.handle\n    events:\n      - http:\n          path: /notes/{id}\n          method: any\n      - sqs:\n          arn: arn:aws:sqs:eu-west-1:1:notes-import\n",
        },
        [("handler.py", "api", "aws-lambda"), ("handler.py", "job", "aws-lambda")],
        ("missing-dry-run", {"handler.py": "na"}),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
