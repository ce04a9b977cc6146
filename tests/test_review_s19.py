"""Session 19's code reviews: the problems they reproduced, as small trees.

The first review (c6e376a..794f7ae): each case fails on 794f7ae and passes after its mend. The
second (794f7ae..9c4635c, cases marked): each fails on 0b19876. A case gives the files, the entrypoints
expected as ``(path, kind, framework)`` and, where it matters, a rule's status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

from readiness_lint.deploy import STARTED, read_deployments

_CASES: dict[str, Case] = {
    # a Dockerfile's `python serve.py` serving another module's app with waitress: the app's module is the api, no job
    "runner_waitress": (
        {
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                CMD ["python", "serve.py"]
""",
            "serve.py": """\
                from waitress import serve

                from web import app

                serve(app, host="0.0.0.0", port=8080)
""",
            "web/__init__.py": """\
                from flask import Flask

                app = Flask(__name__)


                @app.get("/healthz")
                def healthz():
                    return "ok"


                @app.get("/ready")
                def ready():
                    return "ok"
""",
        },
        [("web/__init__.py", "api", "flask")],
        None,
    ),
    # `python -m app` whose `__main__` runs `uvicorn.run("app.main:app")`
    "pkg_main": (
        {
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /srv
                COPY . .
                RUN pip install fastapi uvicorn
                CMD ["python", "-m", "app"]
""",
            "app/__init__.py": "",
            "app/__main__.py": """\
                import os

                import uvicorn

                uvicorn.run("app.main:app", host="0.0.0.0", port=int(os.getenv("PORT", "8000")))
""",
            "app/main.py": """\
                from fastapi import FastAPI

                app = FastAPI()


                @app.get("/healthz")
                def healthz():
                    return {"ok": True}


                @app.get("/readyz")
                def readyz():
                    return {"ok": True}
""",
        },
        [("app/main.py", "api", "fastapi")],
        None,
    ),
    # an image's command starting a UI the tool does not know, at module level: no job
    "gradio_app": (
        {
            "Dockerfile": """\
                FROM python:3.10
                RUN useradd -m -u 1000 user
                USER user
                WORKDIR /home/user/app
                COPY --chown=user . .
                RUN pip install --no-cache-dir gradio transformers torch
                EXPOSE 7860
                CMD ["python", "app.py"]
""",
            "app.py": """\
                import gradio as gr
                from transformers import pipeline

                classifier = pipeline("sentiment-analysis")


                def classify(text):
                    result = classifier(text)[0]
                    return f"{result['label']} ({result['score']:.2f})"


                demo = gr.Interface(fn=classify, inputs="text", outputs="text")
                demo.launch(server_name="0.0.0.0", server_port=7860)
""",
        },
        [],
        None,
    ),
    # Chalice's WebSocket handlers answer clients: no job
    "chalice_ws": (
        {
            "app.py": """\
                from boto3.session import Session
                from chalice import Chalice, WebsocketDisconnectedError

                app = Chalice(app_name="chat")
                app.websocket_api.session = Session()
                app.experimental_feature_flags.update(["WEBSOCKETS"])


                @app.on_ws_connect()
                def connect(event):
                    print(f"connected {event.connection_id}")


                @app.on_ws_message()
                def message(event):
                    try:
                        app.websocket_api.send(connection_id=event.connection_id, message=event.body)
                    except WebsocketDisconnectedError:
                        pass


                @app.on_ws_disconnect()
                def disconnect(event):
                    print(f"disconnected {event.connection_id}")
""",
        },
        [],
        None,
    ),
    # a Celery app re-exported by its package, its tasks registered through that name: still the worker, though the api only sends tasks by name
    "celery_alias": (
        {
            "proj/__init__.py": """\
                from .celery import app as celery_app

                __all__ = ("celery_app",)
""",
            "proj/api.py": """\
                from flask import Flask, request

                from proj.celery import app as celery

                web = Flask(__name__)


                @web.post("/resize")
                def resize():
                    result = celery.send_task("proj.tasks.resize", args=[request.json["path"]])
                    return {"id": result.id}
""",
            "proj/celery.py": """\
                import os

                from celery import Celery

                app = Celery("proj", broker=os.environ["BROKER_URL"], backend=os.environ["RESULT_BACKEND"])
""",
            "proj/tasks.py": """\
                from proj import celery_app


                @celery_app.task(name="proj.tasks.resize")
                def resize(path):
                    return path
""",
        },
        [("proj/api.py", "api", "flask"), ("proj/celery.py", "worker", "celery")],
        None,
    ),
    # a task registered with `app.task(name=...)(add)`
    "celery_register": (
        {
            "tasks.py": """\
                import os

                from celery import Celery

                app = Celery("tasks", broker=os.environ["BROKER_URL"])


                def add(x, y):
                    return x + y


                app.task(name="tasks.add")(add)


                def ping():
                    app.send_task("tasks.add", args=[1, 2])
""",
        },
        [("tasks.py", "worker", "celery")],
        None,
    ),
    # a 404 raised as a class of the file on one branch only, caught and logged as a skip: the real failures are re-raised
    "wrapped_notfound3": (
        {
            "prune_mirrors.py": """\
                import logging

                import requests

                log = logging.getLogger("prune")


                class RepoGone(Exception):
                    pass  # the repository was deleted upstream: nothing to mirror any more


                def latest_commits(name):
                    try:
                        response = requests.get(f"https://api.github.com/repos/me/{name}/commits", timeout=10)
                        response.raise_for_status()
                        return response.json()
                    except requests.exceptions.HTTPError as e:
                        if e.response.status_code == 404:
                            raise RepoGone(name) from e
                        raise


                def main():
                    for name in ("site", "blog", "old-wiki"):
                        try:
                            print(latest_commits(name)[0])
                        except RepoGone:
                            log.warning("%s was deleted upstream", name)


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    main()
""",
        },
        [("prune_mirrors.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `ftp_names.remove(name)` is a list's remove, not an FTP deletion
    "ftp_list_remove2": (
        {
            "fetch_invoices.py": """\
                import logging
                import os
                import sys
                from ftplib import FTP

                import boto3

                log = logging.getLogger("invoices")
                s3 = boto3.client("s3")


                def wanted(ftp_names, done):
                    for name in done:
                        if name in ftp_names:
                            ftp_names.remove(name)
                    return ftp_names


                def main():
                    done = set(s3.list_objects_v2(Bucket="invoices").get("Contents", []))
                    with FTP(os.environ["FTP_HOST"]) as ftp:
                        ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
                        for name in wanted(ftp.nlst("/outgoing"), done):
                            with open(f"/tmp/{name}", "wb") as f:
                                ftp.retrbinary(f"RETR /outgoing/{name}", f.write)
                            s3.upload_file(f"/tmp/{name}", "invoices", name)
                            log.info("copied %s", name)
                    return 0


                if __name__ == "__main__":
                    logging.basicConfig(level=logging.INFO)
                    sys.exit(main())
""",
        },
        [("fetch_invoices.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # `run_healthchecks()` checks other services' health: no heartbeat of its own
    "hc_monitor": (
        {
            "monitor.py": """\
                import logging
                import os
                import time

                import requests

                logging.basicConfig(level=logging.INFO)
                log = logging.getLogger("monitor")

                SERVICES = [u for u in os.environ["SERVICE_URLS"].split(",") if u]
                SLACK = os.environ["SLACK_WEBHOOK"]


                def run_healthchecks():
                    for url in SERVICES:
                        try:
                            r = requests.get(f"{url}/healthz", timeout=5)
                            r.raise_for_status()
                        except requests.RequestException as exc:
                            requests.post(SLACK, json={"text": f"{url} is down: {exc}"}, timeout=5)


                if __name__ == "__main__":
                    while True:
                        run_healthchecks()
                        time.sleep(60)
""",
        },
        [("monitor.py", "worker", "polling-loop")],
        ("missing-heartbeat", "fail"),
    ),
    # second review: a Celery client beside a worker app a factory builds (`celery = make_celery()`) is no worker
    "celery_client_and_factory_worker": (
        {
            "api/celery_client.py": """\
                import os

                from celery import Celery

                client = Celery("dispatch", broker=os.environ["BROKER_URL"])


                def enqueue_report(report_id):
                    return client.send_task("worker.tasks.build_report", args=[report_id])
""",
            "api/main.py": """\
                from fastapi import FastAPI

                from celery_client import enqueue_report

                app = FastAPI()


                @app.get("/healthz")
                def healthz():
                    return {"ok": True}


                @app.post("/reports/{report_id}")
                def create(report_id: int):
                    enqueue_report(report_id)
                    return {"queued": report_id}
""",
            "worker/celery_app.py": """\
                import os

                from celery import Celery


                def make_celery():
                    app = Celery("worker", broker=os.environ["BROKER_URL"])
                    app.conf.task_acks_late = True
                    return app


                celery = make_celery()
""",
            "worker/tasks.py": """\
                import logging

                from celery_app import celery

                log = logging.getLogger(__name__)


                @celery.task(bind=True, max_retries=3)
                def build_report(self, report_id):
                    log.info("building report %s", report_id)
""",
        },
        [("api/main.py", "api", "fastapi"), ("worker/celery_app.py", "worker", "celery")],
        None,
    ),
    # second review: a scheduled job that starts a probe server in a thread is still the job
    "probe_guard_imported": (
        {
            "cronjob.yaml": """\
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: rollup
                spec:
                  schedule: "5 0 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                          - name: rollup
                            image: ghcr.io/acme/rollup:1
                            command: ["python", "-m", "jobs.rollup"]
                          restartPolicy: OnFailure
""",
            "common/__init__.py": "",
            "common/health.py": """\
                from fastapi import FastAPI

                probe_app = FastAPI()


                @probe_app.get("/healthz")
                def healthz():
                    return {"ok": True}
""",
            "jobs/__init__.py": "",
            "jobs/backfill.py": """\
                import os

                from jobs.rollup import rollup

                for _ in range(int(os.environ.get("DAYS", "1"))):
                    rollup(os.environ["DATABASE_URL"])
""",
            "jobs/rollup.py": """\
                import logging
                import os
                import sys
                import threading

                import psycopg2
                import uvicorn

                from common.health import probe_app

                log = logging.getLogger(__name__)

                ROLLUP_SQL = (
                    "INSERT INTO daily_rollup SELECT date_trunc('day', ts), count(*) FROM events GROUP BY 1 "
                    "ON CONFLICT DO NOTHING"
                )


                def start_probe():
                    thread = threading.Thread(
                        target=lambda: uvicorn.run(probe_app, host="0.0.0.0", port=8081, log_level="warning"), daemon=True
                    )
                    thread.start()


                def rollup(dsn):
                    conn = psycopg2.connect(dsn)
                    with conn, conn.cursor() as cur:
                        cur.execute(ROLLUP_SQL)
                    conn.close()


                def main():
                    logging.basicConfig(level=logging.INFO)
                    start_probe()
                    try:
                        rollup(os.environ["DATABASE_URL"])
                    except psycopg2.Error:
                        log.exception("rollup failed")
                        return 1
                    log.info("rollup done")
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
        },
        [
            ("common/health.py", "api", "fastapi"),
            ("jobs/backfill.py", "job", "script"),
            ("jobs/rollup.py", "job", "kubernetes-cronjob"),
        ],
        None,
    ),
    # second review: a CronJob of another image with no command says nothing of this repository's image
    "cronjob_other_image_gradio": (
        {
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                RUN pip install gradio
                CMD ["python", "app.py"]
""",
            "app.py": """\
                import gradio as gr

                def greet(name):
                    return "Hello " + name

                demo = gr.Interface(fn=greet, inputs="text", outputs="text")
                demo.launch(server_name="0.0.0.0", server_port=7860)
""",
            "k8s/backup-cronjob.yaml": """\
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: db-backup
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                          - name: backup
                            image: prodrigestivill/postgres-backup-local:16
                            envFrom:
                            - secretRef:
                                name: db-backup
                          restartPolicy: OnFailure
""",
        },
        [],
        None,
    ),
    # second review: a Kustomize patch of a CronJob, with no command, runs nothing of its own
    "kustomize_patch": (
        {
            "Dockerfile": """\
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                RUN pip install gradio requests
                CMD ["python", "app.py"]
""",
            "app.py": """\
                import json
                from pathlib import Path

                import gradio as gr

                CACHE = Path("/data/prices.json")


                def lookup(sku):
                    return json.loads(CACHE.read_text()).get(sku, "unknown")


                demo = gr.Interface(fn=lookup, inputs="text", outputs="text")
                demo.launch(server_name="0.0.0.0", server_port=7860)
""",
            "refresh.py": """\
                import json
                import logging
                import sys
                from pathlib import Path

                import requests

                log = logging.getLogger("refresh")


                def main() -> int:
                    logging.basicConfig(level=logging.INFO)
                    try:
                        prices = requests.get("https://prices.example.com/all", timeout=30).json()
                    except requests.RequestException:
                        log.exception("refresh failed")
                        return 1
                    Path("/data/prices.json").write_text(json.dumps(prices))
                    return 0


                if __name__ == "__main__":
                    sys.exit(main())
""",
            "k8s/base/cronjob.yaml": """\
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: refresh-prices
                spec:
                  schedule: "*/30 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                          - name: refresh
                            image: ghcr.io/acme/prices
                            command: ["python", "refresh.py"]
                          restartPolicy: OnFailure
""",
            "k8s/base/kustomization.yaml": """\
                resources:
                - cronjob.yaml
""",
            "k8s/overlays/prod/cronjob-patch.yaml": """\
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: refresh-prices
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                          - name: refresh
                            resources:
                              limits:
                                memory: 256Mi
""",
            "k8s/overlays/prod/kustomization.yaml": """\
                resources:
                - ../../base
                patches:
                - path: cronjob-patch.yaml
""",
        },
        [("refresh.py", "job", "kubernetes-cronjob")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])


def test_dockerfile_cmd_before_entrypoint_in_one_stage() -> None:
    """A CMD written before the ENTRYPOINT of the same stage is its arguments (only a CMD the
    base image set is reset by an ENTRYPOINT); a later stage starts afresh."""
    text = (
        'FROM python:3.12-slim AS build\nCMD ["python", "build.py"]\n\n'
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["sync.py"]\nENTRYPOINT ["python"]\n'
    )
    found = [(d.how, d.mode, d.script) for d in read_deployments([("Dockerfile", text)])]
    assert found == [("dockerfile", STARTED, "/app/sync.py")]
