"""The session-18 review (of 66fd7e0..70bfbb9): its reproductions.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and a rule's
status or count where it matters. Every case fails on 70bfbb9.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a dead-man's-switch ping is no dropped response
    "e1_hc_ping": (
        {
            "backup.py": 'import logging\nimport os\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nHEALTHCHECK_URL = os.environ["HEALTHCHECK_URL"]\n\n\ndef main():\n    subprocess.run(["pg_dump", "-f", "/backup/db.sql", os.environ["DATABASE_NAME"]], check=True)\n    log.info("backup done")\n    requests.post(HEALTHCHECK_URL, timeout=10)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a Pushgateway push is no dropped response
    "e2_metrics_push": (
        {
            "etl.py": 'import logging\nimport sys\nimport time\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    started = time.time()\n    rows = requests.get("https://source.example.com/rows", timeout=30).json()\n    requests.put("https://warehouse.example.com/rows", json=rows, timeout=30).raise_for_status()\n    requests.post(\n        "http://pushgateway:9091/metrics/job/etl",\n        data=f"etl_duration_seconds {time.time() - started}\\netl_rows {len(rows)}\\n",\n        timeout=5,\n    )\n    log.info("loaded %d rows", len(rows))\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("etl.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # releasing a lock in `finally:` is a clean-up step, not the job's work
    "e11_lock_release": (
        {
            "nightly.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\nAPI = os.environ["COORDINATOR_URL"]\n\n\ndef run():\n    resp = requests.get(f"{API}/pending", timeout=10)\n    resp.raise_for_status()\n    for item in resp.json():\n        requests.put(f"{API}/done/{item[\'id\']}", timeout=10).raise_for_status()\n\n\ndef main():\n    requests.post(f"{API}/locks/nightly", timeout=10).raise_for_status()\n    try:\n        run()\n    finally:\n        requests.delete(f"{API}/locks/nightly", timeout=10)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("nightly.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a completion callback tells someone
    "e12_callback_url": (
        {
            "convert.py": 'import logging\nimport os\nimport subprocess\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    subprocess.run(["ffmpeg", "-i", os.environ["INPUT"], os.environ["OUTPUT"]], check=True)\n    log.info("converted")\n    requests.post(os.environ["CALLBACK_URL"], json={"status": "done", "output": os.environ["OUTPUT"]}, timeout=10)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("convert.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a `schedule` process that runs its job once first still never ends
    "e5_schedule_initial_run": (
        {
            "ping.py": 'import logging\nimport time\n\nimport requests\nimport schedule\n\nlog = logging.getLogger(__name__)\n\n\ndef job():\n    requests.post("https://app.example.com/api/refresh", timeout=10)\n    log.info("refreshed")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    job()\n    schedule.every(20).minutes.do(job)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n',
        },
        [("ping.py", "job", "schedule")],
        ("missing-exit-code", "pass"),
    ),
    # a factory that mounts a timeout adapter returns a session with a timeout
    "e8_timeout_adapter_factory": (
        {
            "collect.py": 'import logging\nimport sys\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", 10)\n        return super().send(request, **kwargs)\n\n\ndef make_session() -> requests.Session:\n    session = requests.Session()\n    session.mount("https://", TimeoutAdapter())\n    session.hooks["response"].append(lambda r, *a, **k: r.raise_for_status())\n    return session\n\n\ndef main():\n    session = make_session()\n    data = session.get("https://api.example.com/items").json()\n    session.post("https://api.example.com/archive", json=data)\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("collect.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # a timeout adapter mounted inline
    "e8b_inline_adapter": (
        {
            "collect.py": 'import logging\nimport sys\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", 10)\n        return super().send(request, **kwargs)\n\n\ndef main():\n    session = requests.Session()\n    session.mount("https://", TimeoutAdapter())\n    data = session.get("https://api.example.com/items").json()\n    session.post("https://api.example.com/archive", json=data).raise_for_status()\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main())\n',
        },
        [("collect.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # `||` before the idle command: it runs only when the script fails
    "c2_or_tail": (
        {
            "docker-compose.yml": 'services:\n  listener:\n    build: .\n    restart: unless-stopped\n    command: sh -c "python listener.py || tail -f /dev/null"\n',
            "listener.py": 'import logging\nimport os\n\nimport vendor_sdk\n\nlog = logging.getLogger(__name__)\n\n\ndef on_event(event):\n    log.info("event %s", event["id"])\n\n\ndef main():\n    client = vendor_sdk.Client(os.environ["VENDOR_TOKEN"])\n    client.on("event", on_event)\n    client.run()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("listener.py", "worker", "compose")],
        None,
    ),
    # beat's database scheduler: one beat job, at the app beside the settings
    "k1_two_celery_apps": (
        {
            "docker-compose.yml": "services:\n  web:\n    command: gunicorn proj.wsgi\n  worker:\n    command: celery -A proj worker\n  beat:\n    command: celery -A proj beat -l info\n  reports:\n    command: celery -A reports.worker worker -Q reports\n",
            "proj/__init__.py": 'from .celery import app as celery_app\n\n__all__ = ("celery_app",)\n',
            "proj/celery.py": 'import os\n\nfrom celery import Celery\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\napp.autodiscover_tasks()\n',
            "proj/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["django_celery_beat"]\nCELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]\nCELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"\n',
            "proj/urls.py": "urlpatterns = []\n",
            "proj/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napplication = get_wsgi_application()\n',
            "reports/__init__.py": "",
            "reports/worker.py": 'import os\n\nfrom celery import Celery\n\n# a second service: renders PDF reports from its own queue, no schedule of its own\napp = Celery("reports", broker=os.environ["REPORTS_BROKER_URL"])\n\n\n@app.task(acks_late=True)\ndef render(report_id):\n    return report_id\n',
        },
        [
            ("proj/celery.py", "job", "celery-beat"),
            ("proj/wsgi.py", "api", "django"),
            ("reports/worker.py", "worker", "celery"),
        ],
        None,
    ),
    # `DEBUG = True` on a class that is no settings class
    "d2_live_class": (
        {
            "app.py": 'import logging\nimport os\n\nfrom flask import Flask, jsonify\n\nfrom live import LiveScores\n\napp = Flask(__name__)\nscores = LiveScores(os.environ["SCORES_URL"])\n\n\n@app.get("/health")\ndef health():\n    return jsonify(status="ok")\n\n\n@app.get("/scores")\ndef get_scores():\n    return jsonify(scores.latest())\n',
            "live.py": 'import logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\nclass LiveScores(object):\n    DEBUG = True  # log each upstream payload\n\n    def __init__(self, url):\n        self.url = url\n\n    def latest(self):\n        data = requests.get(self.url, timeout=5).json()\n        if self.DEBUG:\n            log.debug("upstream payload %s", data)\n        return data\n',
        },
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 0),
    ),
    # a run that finds another still going skips on purpose
    "e14_overlap_if": (
        {
            "sync.py": 'import logging\nimport os\n\nimport requests\n\nlog = logging.getLogger(__name__)\nPIDFILE = "/tmp/sync.pid"\n\n\ndef main():\n    if os.path.exists(PIDFILE):\n        log.error("another sync is still running (%s exists), skipping this run", PIDFILE)\n        return\n    with open(PIDFILE, "w") as f:\n        f.write(str(os.getpid()))\n    try:\n        resp = requests.get("https://api.example.com/items", timeout=10)\n        resp.raise_for_status()\n        with open("/data/items.json", "w") as f:\n            f.write(resp.text)\n    finally:\n        os.remove(PIDFILE)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n',
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a ledger of what was sent is data, not a log
    "b1_ledger": (
        {
            "mailer.py": 'import logging\nimport smtplib\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef main(recipients_file):\n    with open(recipients_file) as f:\n        recipients = [line.strip() for line in f if line.strip()]\n    with open("sent.log") as f:\n        already = {line.strip() for line in f}\n    with smtplib.SMTP("localhost") as smtp, open("sent.log", "a") as sent_log:\n        for rcpt in recipients:\n            if rcpt in already:\n                continue\n            smtp.sendmail("news@example.com", [rcpt], "Subject: news\\n\\nhello")\n            print(rcpt, file=sent_log)\n    log.info("sent %d", len(recipients))\n    return 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(sys.argv[1]))\n',
        },
        [("mailer.py", "job", "python")],
        ("bare-print", 0),
    ),
    # a command whose name only contains `health` is still a job
    "k3_health_records_command": (
        {
            "clinic/__init__.py": "",
            "clinic/management/__init__.py": "",
            "clinic/management/commands/__init__.py": "",
            "clinic/management/commands/import_health_records.py": 'import csv\nimport logging\n\nfrom django.core.management.base import BaseCommand\n\nfrom clinic.models import Record\n\nlog = logging.getLogger(__name__)\n\n\nclass Command(BaseCommand):\n    help = "Nightly import of the lab\'s health records export"\n\n    def add_arguments(self, parser):\n        parser.add_argument("path")\n\n    def handle(self, *args, **options):\n        with open(options["path"]) as f:\n            for row in csv.DictReader(f):\n                Record.objects.update_or_create(external_id=row["id"], defaults={"result": row["result"]})\n        log.info("import done")\n',
            "clinic/models.py": "from django.db import models\n\n\nclass Record(models.Model):\n    external_id = models.CharField(max_length=64, unique=True)\n    result = models.TextField()\n",
            "proj/settings.py": 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["clinic"]\n',
            "proj/urls.py": "urlpatterns = []\n",
            "proj/wsgi.py": 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\napplication = get_wsgi_application()\n',
        },
        [
            ("clinic/management/commands/import_health_records.py", "job", "django-command"),
            ("proj/wsgi.py", "api", "django"),
        ],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
