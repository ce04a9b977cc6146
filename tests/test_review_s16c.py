"""The third session-16 review (of the whole change, 755ccae..38f55ba): its reproductions.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and the
missing-dry-run status per job path where it matters.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a local test printing the handler's result as JSON is no job beside the Lambda serverless.yml names
    "h5": (
        {
            "handler.py": 'import json\nimport logging\nimport os\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\n\ndef quote(event, context):\n    symbol = (event.get("queryStringParameters") or {}).get("symbol", "ACME")\n    logger.info("quote for %s", symbol)\n    return {"statusCode": 200, "body": json.dumps({"symbol": symbol, "price": 1.0})}\n\n\nif __name__ == "__main__":\n    print(json.dumps(quote({}, None)))\n',
            "serverless.yml": "service: quotes\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  quote:\n    handler: handler.quote\n    events:\n      - http:\n          path: quote\n          method: get\n",
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # nor one that reads a sample event from a file
    "h_sample_event": (
        {
            "handler.py": 'import json\nimport logging\nimport os\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\n\ndef quote(event, context):\n    symbol = (event.get("queryStringParameters") or {}).get("symbol", "ACME")\n    logger.info("quote for %s", symbol)\n    return {"statusCode": 200, "body": json.dumps({"symbol": symbol, "price": 1.0})}\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.DEBUG)\n    with open(os.path.join(os.path.dirname(__file__), "events", "get.json")) as f:\n        sample = json.load(f)\n    print(json.dumps(quote(sample, None), indent=2))\n',
            "serverless.yml": "service: quotes\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  quote:\n    handler: handler.quote\n    events:\n      - http:\n          path: quote\n          method: get\n",
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # a serverless.yml Lambda's import-time work is its set-up, not a script
    "c4": (
        {
            "app.py": 'import json\nimport logging\nimport os\nimport pickle\n\nimport boto3\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\ns3 = boto3.client("s3")\ns3.download_file(os.environ["MODEL_BUCKET"], "model.pkl", "/tmp/model.pkl")\nwith open("/tmp/model.pkl", "rb") as f:\n    model = pickle.load(f)\n\n\ndef handler(event, ctx):\n    features = json.loads(event["body"])["features"]\n    score = model.predict([features])[0]\n    logger.info("scored")\n    return {"statusCode": 200, "body": json.dumps({"score": float(score)})}\n',
            "serverless.yml": "service: predictor\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  predict:\n    handler: app.handler\n    events:\n      - httpApi: POST /predict\n",
        },
        [("app.py", "api", "aws-lambda")],
        None,
    ),
    # a handler whose name a method call shares keeps the file's script job (no entrypoint lost)
    "c5": (
        {
            "app.py": 'import json\nimport logging\nimport os\nimport pickle\n\nimport boto3\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\ns3 = boto3.client("s3")\ns3.download_file(os.environ["MODEL_BUCKET"], "model.pkl", "/tmp/model.pkl")\nwith open("/tmp/model.pkl", "rb") as f:\n    model = pickle.load(f)\n\n\ndef predict(event, context):\n    features = json.loads(event["body"])["features"]\n    score = model.predict([features])[0]\n    logger.info("scored")\n    return {"statusCode": 200, "body": json.dumps({"score": float(score)})}\n',
        },
        [("app.py", "job", "script")],
        ("missing-dry-run", {"app.py": "na"}),
    ),
    # a job that only enqueues is not charged with a periodic task's deletion
    "e2": (
        {
            "enqueue_exports.py": 'import logging\nimport sys\n\nfrom tasks import build_export\n\nlogger = logging.getLogger(__name__)\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    for customer_id in sys.argv[1:]:\n        build_export.schedule(args=(customer_id,), delay=0)\n        logger.info("queued export for %s", customer_id)\n    sys.exit(0)\n',
            "tasks.py": 'import glob\nimport logging\nimport os\nimport time\n\nfrom huey import RedisHuey, crontab\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\nhuey = RedisHuey("exports", url=os.environ["REDIS_URL"])\n\n\n@huey.task()\ndef build_export(customer_id):\n    path = os.path.join(EXPORT_DIR, f"{customer_id}.csv")\n    with open(path, "w") as f:\n        f.write("id\\n")\n    logger.info("export built at %s", path)\n\n\n@huey.periodic_task(crontab(minute="0", hour="3"))\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n',
        },
        [("enqueue_exports.py", "job", "python"), ("tasks.py", "job", "huey-periodic"), ("tasks.py", "worker", "huey")],
        ("missing-dry-run", {"enqueue_exports.py": "na", "tasks.py": "fail"}),
    ),
    # a dump under tempfile.gettempdir(), compressed and removed, is temporary
    "g2": (
        {
            "backup.py": 'import datetime\nimport logging\nimport os\nimport shutil\nimport subprocess\nimport sys\nimport tempfile\n\nlogger = logging.getLogger(__name__)\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/srv/backups")\n\n\ndef main():\n    db = os.environ["PGDATABASE"]\n    stamp = datetime.date.today().isoformat()\n    dump = os.path.join(tempfile.gettempdir(), f"{db}-{stamp}.sql")\n    subprocess.run(["pg_dump", "-f", dump, db], check=True)\n    subprocess.run(["gzip", "-k", dump], check=True)\n    shutil.move(dump + ".gz", os.path.join(BACKUP_DIR, f"{db}-{stamp}.sql.gz"))\n    os.remove(dump)\n    logger.info("backed up %s", db)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n    sys.exit(0)\n',
        },
        [("backup.py", "job", "python")],
        ("missing-dry-run", {"backup.py": "na"}),
    ),
    # a dump in a TemporaryDirectory, removed, is temporary
    "g5": (
        {
            "backup.py": 'import datetime\nimport logging\nimport os\nimport shutil\nimport subprocess\nimport sys\nimport tempfile\n\nlogger = logging.getLogger(__name__)\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/srv/backups")\n\n\ndef main():\n    db = os.environ["PGDATABASE"]\n    stamp = datetime.date.today().isoformat()\n    with tempfile.TemporaryDirectory() as workdir:\n        dump = os.path.join(workdir, f"{db}.sql")\n        subprocess.run(["pg_dump", "-f", dump, db], check=True)\n        subprocess.run(["gzip", "-k", dump], check=True)\n        os.remove(dump)\n        shutil.move(dump + ".gz", os.path.join(BACKUP_DIR, f"{db}-{stamp}.sql.gz"))\n    logger.info("backed up %s", db)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n    sys.exit(0)\n',
        },
        [("backup.py", "job", "python")],
        ("missing-dry-run", {"backup.py": "na"}),
    ),
    # a click group whose command starts an imported scheduler: the group is a job of its own, charged
    # with its purge command's DELETE; the scheduler's job stays where the scheduler is
    "f_cli_scheduler": (
        {
            "cli.py": 'import logging\nimport sqlite3\n\nimport click\n\nfrom jobs import scheduler\n\nlogger = logging.getLogger(__name__)\n\n\n@click.group()\ndef cli():\n    logging.basicConfig(level=logging.INFO)\n\n\n@cli.command()\ndef run_scheduler():\n    """Run the price sync every five minutes."""\n    scheduler.start()\n\n\n@cli.command()\n@click.option("--days", default=30)\ndef purge(days):\n    """Delete price rows older than DAYS."""\n    with sqlite3.connect("prices.db") as conn:\n        conn.execute("DELETE FROM prices WHERE day < date(\'now\', ?)", (f"-{days} days",))\n    logger.info("purged")\n\n\nif __name__ == "__main__":\n    cli()\n',
            "jobs.py": 'import logging\nimport os\n\nimport requests\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nlogger = logging.getLogger(__name__)\nscheduler = BlockingScheduler()\n\n\n@scheduler.scheduled_job("interval", minutes=5)\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n',
        },
        [("cli.py", "job", "click"), ("jobs.py", "job", "apscheduler")],
        ("missing-dry-run", {"cli.py": "fail", "jobs.py": "na"}),
    ),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_review_s16_third(check_case: Callable[[str, Case], None], case: str) -> None:
    check_case(case, _CASES[case])
