"""RDY007 missing-heartbeat, RDY010 missing-logging, RDY011 missing-metrics."""

from __future__ import annotations

from readiness_lint.checks.base import Outcome, Sample, ServiceRule
from readiness_lint.model import Entrypoint
from readiness_lint.project import Service


class MissingHeartbeat(ServiceRule):
    code = "RDY007"
    name = "missing-heartbeat"
    why = "Without a heartbeat, a worker that stopped consuming or a job that stopped running is silence, and silence raises no alert."
    fix = "Signal each successful run or loop: touch a heartbeat file, ping a dead-man's switch (healthchecks, Cronitor, Sentry crons), or push a metric."
    what_it_does = (
        "Checks that a worker or job emits a heartbeat from the code it reaches: a heartbeat file written "
        "or touched (also one named for a sign of life, `ALIVE_FILE`, or a key the worker sets for itself, `set_alive()`, "
        "`ALIVE_KEY`; not a check of something else alive, `alive_check(proxy)`), a ping to a dead-man's-switch service (also a call named for a ping given an address named for "
        "one, `send_ping(requests, self.healthcheck_url)`), a Sentry cron check-in, or a push to a "
        "Pushgateway, statsd or a Zabbix trapper (`ZabbixSender`)."
    )
    why_bad = (
        "The failures that hurt most are the quiet ones: the cron entry that was deleted, the worker "
        "stuck on a lock, the job killed before it logged anything. A heartbeat turns absence into a "
        "signal: if the expected ping does not arrive, something is wrong even though nothing crashed."
    )
    VALID = (
        Sample(
            'import time\nfrom pathlib import Path\n\nHEARTBEAT = Path("/tmp/heartbeat")\n\n\ndef main():\n    run()\n    HEARTBEAT.write_text(str(time.time()))\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import requests\n\n\ndef main():\n    run()\n    requests.get("https://hc-ping.com/5f0c2b4e", timeout=5)\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
    )
    INVALID = (Sample('def main():\n    run()\n\n\nif __name__ == "__main__":\n    main()\n'),)

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if service.has_signal("heartbeat"):
            return Outcome(True)
        return Outcome(False, f"Nothing this {entrypoint.kind} reaches emits a heartbeat: if it stops, nobody is told")


class MissingLogging(ServiceRule):
    code = "RDY010"
    name = "missing-logging"
    why = "Unconfigured logging drops INFO records and prints bare messages without time, level or logger name."
    fix = "Configure logging once at start-up (logging.basicConfig(level=..., format=...), dictConfig, structlog, or Django's LOGGING)."
    what_it_does = (
        "Checks that something the entrypoint reaches configures logging: `logging.basicConfig`, "
        "`dictConfig`, `fileConfig`, a handler added to a logger (`addHandler`, or `logger.handlers = [logging.StreamHandler()]`; also boto3's `set_stream_logger('')` on the root logger), structlog, loguru, an import of Prefect or Airflow (each configures logging when imported), Django's `LOGGING` "
        "setting, or a runner that sets it up itself (Celery, RQ (in `Worker.work()`), Dramatiq, Huey and Faust workers, Kopf operators, Nameko services, Celery beat, "
        "Pyramid apps, which `pserve` serves with the logging sections of their ini file, and Litestar "
        "apps, which configure the root logger unless given a `logging_config` of their own, and Sanic apps, "
        "which configure their own loggers for the server, errors and requests unless given "
        "`configure_logging=False`). Set-up in "
        "the `__main__` block of a module the entrypoint imports does not count: it runs only when that "
        "module is run itself. An app's logging may also be set up by the module that serves it (`python -m app` "
        "configuring logging, or importing a module that does as it loads, then running the app)."
    )
    why_bad = (
        "Python's default is a last-resort handler at WARNING: every `log.info` is lost and what remains "
        "has no timestamp or context. Logs are the story of a run; without configuration that story is "
        "not written."
    )
    VALID = (
        Sample(
            'import logging\n\nlog = logging.getLogger("sales")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    log.info("started")\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
    )
    INVALID = (
        Sample(
            'import logging\n\nlog = logging.getLogger("sales")\n\n\ndef main():\n    log.info("started")\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if service.framework_logging or any(
            signal.scope != "__main__" or path == entrypoint.path for path, signal in service.signals("logging-config")
        ):
            return Outcome(True)
        return Outcome(False, f"Nothing this {entrypoint.kind} reaches configures logging")


class MissingMetrics(ServiceRule):
    code = "RDY011"
    name = "missing-metrics"
    why = (
        "Without metrics you see single events, not trends: the job getting slower and errors creeping up go unnoticed."
    )
    fix = "Expose or push metrics (prometheus_client, statsd, OpenTelemetry, an instrumentator), or for a job append a metrics record (rows, duration, errors)."
    what_it_does = (
        "Checks that the entrypoint reaches a metrics client (prometheus_client, statsd, Datadog, "
        "OpenTelemetry metrics, a Zabbix sender, framework instrumentators such as django-prometheus) or, for jobs, "
        "writes a metrics record file such as `metrics.jsonl`."
    )
    why_bad = (
        "Logs tell the story of one run; metrics let you compare runs. Latency, throughput, queue lag "
        "and error counts are what alerts should be built on."
    )
    VALID = (
        Sample(
            "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\napp = FastAPI()\nInstrumentator().instrument(app).expose(app)\n"
        ),
        Sample(
            'import json\nfrom pathlib import Path\n\n\ndef main():\n    rows = run()\n    with Path("metrics.jsonl").open("a") as f:\n        f.write(json.dumps({"rows": rows}))\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
    )
    INVALID = (
        Sample('from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/items")\ndef items():\n    return []\n'),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        if service.has_signal("metrics"):
            return Outcome(True)
        return Outcome(False, f"Nothing this {entrypoint.kind} reaches records metrics")
