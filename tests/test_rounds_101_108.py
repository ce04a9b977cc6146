"""Blind rounds 101-108 (session 17): what they found, as small trees.

Each case fails on ef712fc, the commit before its fix, except the traps (marked), which must
not move. A case gives the files, the entrypoints expected as ``(path, kind, framework)`` and,
where it matters, a rule's count or status.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_FACTORY = """\
    from celery import Celery
    from flask import Flask


    def create_app():
        app = Flask(__name__)
        app.config["BROKER"] = "redis://localhost:6379/0"
        return app


    def make_celery(app):
        celery = Celery(app.import_name, broker=app.config["BROKER"])
        celery.conf.update(imports=("app.tasks",))
        return celery
    """

_ROUTES = """\
    from flask import jsonify

    from app import create_app

    app = create_app()


    @app.route("/upscale", methods=["POST"])
    def upscale():
        return jsonify({"queued": True})
    """

_TASKS = """\
    from celery import current_app


    @current_app.task
    def process(name):
        return name.upper()
    """

_SERVERLESS = """\
service: reminders
provider:
  name: aws
  runtime: python3.11
functions:
  remind:
    handler: handler.remind
    events:
{events}"""

_HANDLER = """\
    import json
    import logging

    logger = logging.getLogger()


    def remind(event, context):
        name = event.get("name", "instant")
        logger.info("reminder %s", name)
        return {"statusCode": 200, "body": json.dumps({"sent": name})}
    """

_SUBSCRIBER = """\
    import logging
    import os

    from google.cloud import pubsub_v1

    logging.basicConfig(level=logging.INFO)
    subscriber = pubsub_v1.SubscriberClient()
    path = os.environ["SUBSCRIPTION"]


    def callback(message):
        logging.info("got %s", message.data)
        message.ack()


    future = subscriber.subscribe(path, callback=callback)
    with subscriber:
        {wait}
    """

_CASES: dict[str, Case] = {
    # `app/` beside `app.py`: `import app` loads the package, whose factory builds the Celery app
    # that `celery.worker_main()` runs; the block runs that worker, it is no job of its own
    "package_shadows_module": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES,
            "app/tasks.py": _TASKS,
            "celery_worker.py": """\
                from app import create_app, make_celery

                flask_app = create_app()
                celery = make_celery(flask_app)

                if __name__ == "__main__":
                    celery.worker_main()
                """,
            "app.py": "print('placeholder module, shadowed by the package')\n",
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
    # `from app.routes import app; app.run()`: the app a module binds to the factory's result
    "runs_factory_result_of_other_module": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES,
            "app.py": """\
                import os

                from app.routes import app

                if __name__ == "__main__":
                    os.makedirs("uploads", exist_ok=True)
                    app.run(host="0.0.0.0", port=5000)
                """,
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        None,
    ),
    # routes decorated on `app = create_app()` in another module are the factory's app's routes
    "routes_on_factory_result": (
        {"app/__init__.py": _FACTORY, "app/routes.py": _ROUTES},
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        ("missing-health-route", {"app/__init__.py": "fail"}),
    ),
    # trap: a health route on it passes
    "routes_on_factory_result_healthy": (
        {
            "app/__init__.py": _FACTORY,
            "app/routes.py": _ROUTES + '\n\n    @app.route("/healthz")\n    def healthz():\n        return "ok"\n',
        },
        [("app/__init__.py", "api", "flask"), ("app/__init__.py", "worker", "celery")],
        ("missing-health-route", {"app/__init__.py": "pass"}),
    ),
    # a function.json function whose `__init__.py` imports its own helper module is not
    # imported by anything but itself: the Functions host runs it
    "azure_init_imports_own_module": (
        {
            "TimerTrigger/__init__.py": """\
                import logging

                import azure.functions as func

                from . import run


                def main(mytimer: func.TimerRequest) -> None:
                    logging.info("tick")
                    run.fetch()
                """,
            "TimerTrigger/run.py": "import urllib.request\n\n\ndef fetch():\n    return urllib.request.urlopen('https://example.org', timeout=10).read()\n",
            "TimerTrigger/function.json": '{"scriptFile": "__init__.py", "bindings": [{"name": "mytimer", "type": "timerTrigger", "direction": "in", "schedule": "0 */60 * * * *"}]}\n',
        },
        [("TimerTrigger/__init__.py", "job", "azure-functions")],
        None,
    ),
    # serverless.yml: one function called by HTTP and by schedules that pass it an input
    "serverless_http_and_schedule": (
        {
            "handler.py": _HANDLER,
            "serverless.yml": _SERVERLESS.format(
                events="      - schedule:\n          rate: rate(1 day)\n          input: {'name': 'daily'}\n"
                "      - http:\n          method: ANY\n          path: /instant\n"
            ),
        },
        [("handler.py", "api", "aws-lambda"), ("handler.py", "job", "aws-lambda")],
        None,
    ),
    # trap: a schedule with no input beside the HTTP event keeps the function warm
    "serverless_http_and_warm_up": (
        {
            "handler.py": _HANDLER,
            "serverless.yml": _SERVERLESS.format(
                events="      - http:\n          method: GET\n          path: /remind\n"
                "      - schedule: rate(5 minutes)\n"
            ),
        },
        [("handler.py", "api", "aws-lambda")],
        None,
    ),
    # SAM: an Api event and an SQS event on one function
    "sam_api_and_queue": (
        {
            "src/handler.py": _HANDLER,
            "template.yaml": """\
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  RemindFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/
                      Handler: handler.remind
                      Runtime: python3.11
                      Events:
                        Instant:
                          Type: Api
                          Properties:
                            Path: /instant
                            Method: post
                        Queue:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt RemindQueue.Arn
                """,
        },
        [("src/handler.py", "api", "aws-lambda"), ("src/handler.py", "job", "aws-lambda")],
        None,
    ),
    # a Pub/Sub pull waited on with a timeout: pulls for a while, then the script ends
    "pubsub_pull_with_timeout": (
        {
            "subscriber.py": _SUBSCRIBER.format(
                wait="try:\n            future.result(timeout=30.0)\n        except TimeoutError:\n"
                "            future.cancel()\n            future.result()"
            )
        },
        [("subscriber.py", "job", "pubsub")],
        None,
    ),
    # trap: waited on for ever, it is a worker
    "pubsub_pull_forever": (
        {"subscriber.py": _SUBSCRIBER.format(wait="future.result()")},
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    # trap: a keep-alive loop after a bounded wait keeps pulling
    "pubsub_pull_then_sleep_loop": (
        {
            "subscriber.py": _SUBSCRIBER.format(
                wait="try:\n            future.result(timeout=30.0)\n        except TimeoutError:\n"
                "            pass\n    while True:\n        time.sleep(60)"
            ).replace("import os", "import os\n    import time")
        },
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
    # trap: a timeout of None waits for ever too
    "pubsub_pull_timeout_none": (
        {"subscriber.py": _SUBSCRIBER.format(wait="future.result(timeout=None)")},
        [("subscriber.py", "worker", "pubsub")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
