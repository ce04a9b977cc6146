"""The second session-16 review (of 11ed904..a7f3f94): its reproductions, each a small tree.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and the
missing-dry-run status per entrypoint or the hardcoded-secret finding count.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a beat schedule running a deleting task of its module: the beat job deletes
    "c1b": (
        {
            "tasks.py": 'import glob\nimport logging\nimport os\nimport time\n\nfrom celery import Celery\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\napp = Celery("tasks", broker=os.environ["BROKER_URL"])\napp.conf.beat_schedule = {\n    "purge-old-exports": {"task": "tasks.purge_old_exports", "schedule": 3600.0},\n}\n\n\n@app.task\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n',
        },
        [("tasks.py", "job", "celery-beat"), ("tasks.py", "worker", "celery")],
        ("missing-dry-run", {"tasks.py": "fail"}),
    ),
    # a huey periodic task that deletes: its schedule job deletes
    "c1c": (
        {
            "tasks.py": 'import glob\nimport logging\nimport os\nimport time\n\nfrom huey import RedisHuey, crontab\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\nhuey = RedisHuey("exports", url=os.environ["REDIS_URL"])\n\n\n@huey.periodic_task(crontab(minute="0", hour="3"))\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n',
        },
        [("tasks.py", "job", "huey-periodic"), ("tasks.py", "worker", "huey")],
        ("missing-dry-run", {"tasks.py": "fail"}),
    ),
    # a periodiq actor that deletes: its schedule job deletes
    "c1e": (
        {
            "tasks.py": 'import glob\nimport logging\nimport os\nimport time\n\nimport dramatiq\nfrom dramatiq.brokers.redis import RedisBroker\nfrom periodiq import PeriodiqMiddleware, cron\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\nbroker = RedisBroker(url=os.environ["REDIS_URL"])\nbroker.add_middleware(PeriodiqMiddleware(skip_delay=30))\ndramatiq.set_broker(broker)\n\n\n@dramatiq.actor(periodic=cron("0 3 * * *"))\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n',
        },
        [("tasks.py", "job", "periodiq"), ("tasks.py", "worker", "dramatiq")],
        ("missing-dry-run", {"tasks.py": "fail"}),
    ),
    # a Flask-APScheduler task runs in the scheduler's process: its job deletes
    "c1f": (
        {
            "app.py": 'import glob\nimport logging\nimport os\nimport time\n\nfrom flask import Flask\nfrom flask_apscheduler import APScheduler\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\napp = Flask(__name__)\nscheduler = APScheduler()\n\n\n@scheduler.task("cron", id="purge_old_exports", hour=3)\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n\n\nscheduler.init_app(app)\nscheduler.start()\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))\n',
        },
        [("app.py", "api", "flask"), ("app.py", "job", "apscheduler")],
        ("missing-dry-run", {"app.py": "fail"}),
    ),
    # a job that only calls `task.delay()` leaves the deletion to the worker; one calling the task does not
    "c1g": (
        {
            "enqueue.py": 'import logging\nimport sys\n\nfrom tasks import purge_old_exports\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    purge_old_exports.delay()\n    sys.exit(0)\n',
            "purge.py": 'import logging\nimport sys\n\nfrom tasks import purge_old_exports\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    purge_old_exports.apply().get()\n    sys.exit(0)\n',
            "purge2.py": 'import logging\nimport sys\n\nfrom tasks import purge_old_exports\n\nlogging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    purge_old_exports()\n    sys.exit(0)\n',
            "tasks.py": 'import glob\nimport logging\nimport os\nimport time\n\nfrom celery import Celery\n\nlogger = logging.getLogger(__name__)\nEXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/exports")\n\napp = Celery("tasks", broker=os.environ["BROKER_URL"])\n\n\n@app.task\ndef purge_old_exports():\n    cutoff = time.time() - 7 * 86400\n    for path in glob.glob(os.path.join(EXPORT_DIR, "*.csv")):\n        if os.path.getmtime(path) < cutoff:\n            os.remove(path)\n            logger.info("removed %s", path)\n',
        },
        [
            ("enqueue.py", "job", "python"),
            ("purge.py", "job", "python"),
            ("purge2.py", "job", "python"),
            ("tasks.py", "worker", "celery"),
        ],
        ("missing-dry-run", {"enqueue.py": "na", "purge.py": "fail", "purge2.py": "fail"}),
    ),
    # a name bound to a /tmp dump, then rebound by a loop over the backups it prunes
    "c2a": (
        {
            "backup.py": 'import glob\nimport logging\nimport os\nimport subprocess\nimport sys\n\nlogger = logging.getLogger(__name__)\nBACKUP_DIR = os.environ.get("BACKUP_DIR", "/srv/backups")\nKEEP = 7\n\n\ndef main():\n    db = os.environ["PGDATABASE"]\n    path = f"/tmp/{db}.sql"\n    subprocess.run(["pg_dump", "-f", path, db], check=True)\n    subprocess.run(["gzip", "-c", path], stdout=open(os.path.join(BACKUP_DIR, f"{db}.sql.gz"), "wb"), check=True)\n    os.remove(path)\n    # keep the newest KEEP archives\n    for path in sorted(glob.glob(os.path.join(BACKUP_DIR, "*.sql.gz")))[:-KEEP]:\n        os.remove(path)\n        logger.info("pruned %s", path)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n    sys.exit(0)\n',
        },
        [("backup.py", "job", "python")],
        ("missing-dry-run", {"backup.py": "fail"}),
    ),
    # a joined path with a `temperature` directory is no temporary file
    "c2b": (
        {
            "retention.py": 'import datetime\nimport logging\nimport os\nimport sys\n\nlogger = logging.getLogger(__name__)\nDATA_DIR = os.environ.get("DATA_DIR", "/srv/sensors")\nRETENTION_DAYS = 90\n\n\ndef main():\n    cutoff = datetime.date.today() - datetime.timedelta(days=RETENTION_DAYS)\n    for name in os.listdir(os.path.join(DATA_DIR, "temperature")):\n        day = datetime.date.fromisoformat(name.removesuffix(".csv"))\n        if day < cutoff:\n            path = os.path.join(DATA_DIR, "temperature", name)\n            os.remove(path)\n            logger.info("removed %s", path)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n    sys.exit(0)\n',
        },
        [("retention.py", "job", "python")],
        ("missing-dry-run", {"retention.py": "fail"}),
    ),
    # a Lambda handler in main.py using Google's clients stays an AWS Lambda
    "c3a": (
        {
            "main.py": 'import json\nimport logging\nimport os\n\nimport boto3\nfrom google.oauth2 import service_account\nfrom googleapiclient.discovery import build\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\nSCOPES = ["https://www.googleapis.com/auth/spreadsheets.readonly"]\ns3 = boto3.client("s3")\n\n\ndef handler(event, context):\n    info = json.loads(os.environ["GOOGLE_SERVICE_ACCOUNT"])\n    creds = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)\n    sheets = build("sheets", "v4", credentials=creds)\n    rows = sheets.spreadsheets().values().get(spreadsheetId=os.environ["SHEET_ID"], range="A1:D").execute()\n    s3.put_object(Bucket=os.environ["BUCKET"], Key="export.json", Body=json.dumps(rows))\n    logger.info("exported %d rows", len(rows.get("values", [])))\n    return {"rows": len(rows.get("values", []))}\n',
        },
        [("main.py", "job", "aws-lambda")],
        ("missing-dry-run", {"main.py": "na"}),
    ),
    # the same named by serverless.yml: one entrypoint
    "c3b": (
        {
            "main.py": 'import json\nimport logging\nimport os\n\nimport boto3\nfrom google.oauth2 import service_account\nfrom googleapiclient.discovery import build\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\nSCOPES = ["https://www.googleapis.com/auth/spreadsheets.readonly"]\ns3 = boto3.client("s3")\n\n\ndef handler(event, context):\n    info = json.loads(os.environ["GOOGLE_SERVICE_ACCOUNT"])\n    creds = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)\n    sheets = build("sheets", "v4", credentials=creds)\n    rows = sheets.spreadsheets().values().get(spreadsheetId=os.environ["SHEET_ID"], range="A1:D").execute()\n    s3.put_object(Bucket=os.environ["BUCKET"], Key="export.json", Body=json.dumps(rows))\n    logger.info("exported %d rows", len(rows.get("values", [])))\n    return {"rows": len(rows.get("values", []))}\n',
            "serverless.yml": "service: sheet-export\nprovider:\n  name: aws\n  runtime: python3.11\nfunctions:\n  export:\n    handler: main.handler\n    events:\n      - schedule: rate(1 hour)\n",
        },
        [("main.py", "job", "aws-lambda")],
        ("missing-dry-run", {"main.py": "na"}),
    ),
    # a keep-alive loop that checks on its scheduler makes no worker
    "c4b": (
        {
            "jobs.py": 'import logging\nimport os\nimport sys\nimport time\n\nimport requests\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\nlogger = logging.getLogger(__name__)\n\n\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n\n\ndef run():\n    scheduler = BackgroundScheduler()\n    scheduler.add_job(sync_prices, "interval", minutes=5)\n    scheduler.start()\n    logger.info("scheduler started")\n    try:\n        while True:\n            time.sleep(5)\n            if not scheduler.running:\n                logger.error("scheduler stopped")\n                sys.exit(1)\n    except (KeyboardInterrupt, SystemExit):\n        scheduler.shutdown()\n',
            "main.py": 'import logging\n\nfrom jobs import run\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    run()\n',
        },
        [("jobs.py", "job", "apscheduler")],
        ("missing-dry-run", {"jobs.py": "na"}),
    ),
    # a keep-alive loop that logs makes no worker
    "c4c": (
        {
            "jobs.py": 'import logging\nimport os\nimport sys\nimport time\n\nimport requests\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\nlogger = logging.getLogger(__name__)\n\n\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n\n\ndef run():\n    scheduler = BackgroundScheduler()\n    scheduler.add_job(sync_prices, "interval", minutes=5)\n    scheduler.start()\n    logger.info("scheduler started")\n    try:\n        while True:\n            time.sleep(5)\n            logger.debug("scheduler alive, %d jobs", len(scheduler.get_jobs()))\n    except (KeyboardInterrupt, SystemExit):\n        scheduler.shutdown()\n',
            "main.py": 'import logging\n\nfrom jobs import run\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    run()\n',
        },
        [("jobs.py", "job", "apscheduler")],
        ("missing-dry-run", {"jobs.py": "na"}),
    ),
    # a scheduler started in a start-up hook of an app run by a server stays at the scheduler
    "c5b": (
        {
            "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n',
            "app.py": 'import logging\n\nfrom fastapi import FastAPI\n\nfrom scheduler import scheduler\n\nlogging.basicConfig(level=logging.INFO)\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def start_scheduler():\n    scheduler.start()\n\n\n@app.on_event("shutdown")\nasync def stop_scheduler():\n    scheduler.shutdown()\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
            "scheduler.py": 'import logging\nimport os\n\nimport requests\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nlogger = logging.getLogger(__name__)\nscheduler = AsyncIOScheduler()\n\n\n@scheduler.scheduled_job("interval", minutes=5)\ndef sync_prices():\n    resp = requests.get(os.environ["PRICES_URL"], timeout=10)\n    resp.raise_for_status()\n    logger.info("synced %d prices", len(resp.json()))\n',
        },
        [("app.py", "api", "fastapi"), ("scheduler.py", "job", "apscheduler")],
        ("missing-dry-run", {"scheduler.py": "na"}),
    ),
    # `celery -A app.celery beat`: the celery object of app.py
    "c6a": (
        {
            "Procfile": "web: gunicorn app:app\nworker: celery -A app.celery worker --loglevel=info\nbeat: celery -A app.celery beat --loglevel=info\n",
            "app.py": 'import os\n\nfrom celery import Celery\nfrom flask import Flask\n\napp = Flask(__name__)\ncelery = Celery(app.name, broker=os.environ["CELERY_BROKER_URL"])\ncelery.conf.update(app.config)\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n',
            "tasks.py": 'import logging\n\nfrom app import celery\n\nlogger = logging.getLogger(__name__)\n\n\n@celery.task\ndef send_digest():\n    logger.info("digest sent")\n',
        },
        [("app.py", "job", "celery-beat"), ("app.py", "worker", "celery")],
        ("missing-dry-run", {"app.py": "na"}),
    ),
    # `celery -A proj beat` built from a subdirectory
    "c6b": (
        {
            "backend/proj/__init__.py": 'from .celery import app as celery_app\n\n__all__ = ("celery_app",)\n',
            "backend/proj/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
            "docker-compose.yml": "services:\n  worker:\n    build: ./backend\n    command: celery -A proj worker -l info\n    restart: always\n  beat:\n    build: ./backend\n    command: celery -A proj beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler\n    restart: always\n",
        },
        [("backend/proj/celery.py", "job", "celery-beat"), ("backend/proj/celery.py", "worker", "celery")],
        ("missing-dry-run", {"backend/proj/celery.py": "na"}),
    ),
    # a Lambda creating its table at cold start is the Lambda, not a script
    "c7a": (
        {
            "lambda_function.py": 'import json\nimport logging\nimport os\n\nimport pymysql\n\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\n# connect once per container, outside the handler, so warm invocations reuse it\nconn = pymysql.connect(\n    host=os.environ["RDS_HOST"],\n    user=os.environ["RDS_USER"],\n    password=os.environ["RDS_PASSWORD"],\n    database=os.environ["RDS_DB"],\n    connect_timeout=5,\n)\ncur = conn.cursor()\ncur.execute("CREATE TABLE IF NOT EXISTS signups (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL)")\nconn.commit()\n\n\ndef lambda_handler(event, context):\n    body = json.loads(event["body"])\n    with conn.cursor() as c:\n        c.execute("INSERT INTO signups (email) VALUES (%s)", (body["email"],))\n    conn.commit()\n    logger.info("signup stored")\n    return {"statusCode": 201, "body": json.dumps({"ok": True})}\n',
        },
        [("lambda_function.py", "api", "aws-lambda")],
        None,
    ),
    # short signing secrets and passphrases are still credentials
    "c9a": (
        {
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "k3y!42x"\nJWT_SECRET = "Zq7#pL2"\nGPG_PASSPHRASE = "Hunt3r2"\nSMTP_PASSWORD = "Hunt3r2"\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n',
        },
        [("app.py", "api", "flask")],
        ("hardcoded-secret", 4),
    ),
    # placeholder and documentation sample appid keys are not
    "c9b": (
        {
            "weather.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlogger = logging.getLogger(__name__)\nAPI_KEY = os.environ["OWM_API_KEY"]\n# the request shape, as OpenWeatherMap\'s documentation shows it (its public sample key)\nEXAMPLE = "https://samples.openweathermap.org/data/2.5/weather?q=London,uk&appid=b6907d289e10d714a6e88b30761fae22"\nTEMPLATE = "https://api.openweathermap.org/data/2.5/weather?q={city}&appid=00000000000000000000000000000000"\n\n\ndef main():\n    url = TEMPLATE.replace("00000000000000000000000000000000", API_KEY).format(city=sys.argv[1])\n    resp = requests.get(url, timeout=10)\n    resp.raise_for_status()\n    logger.info("%s", resp.json()["main"]["temp"])\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n    sys.exit(0)\n',
        },
        [("weather.py", "job", "python")],
        ("hardcoded-secret", 0),
    ),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_review_s16_second(check_case: Callable[[str, Case], None], case: str) -> None:
    check_case(case, _CASES[case])
