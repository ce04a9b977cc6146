"""Session 37: what blind rounds 562 onwards showed, as small trees.

Each case fails on f58ae6e (the session's start, on which the rounds were measured), except the
traps (marked), which pass there and must not move; a trap is its case's tree with one edit. A
case gives the files, the entrypoints expected as ``(path, kind, framework)`` and, where it
matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case
from treecases import edited as _edited

# Round 564: an HTTP Cloud Function that a Terraform Cloud Scheduler job calls once a month
_TERRAFORM_SCHEDULED_FUNCTION = {
    "src/cloud_function/main.py": """\
import os

import functions_framework
import requests
from google.cloud import bigquery


@functions_framework.http
def main(request):
    resp = requests.get("https://ghoapi.azureedge.net/api/Indicator", timeout=30)
    resp.raise_for_status()
    rows = resp.json().get("value", [])
    errors = bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], rows)
    if errors:
        return (str(errors), 500)
    return ("ok", 200)
""",
    "src/cloud_function/requirements.txt": "functions-framework==3.*\ngoogle-cloud-bigquery\nrequests\n",
    "infra/terraform/modules/scheduler/main.tf": """\
resource "google_cloud_scheduler_job" "job" {
  name      = "monthly_ingest"
  schedule  = "0 16 23 * *"
  time_zone = "America/Sao_Paulo"

  http_target {
    http_method = "POST"
    uri         = var.function_url
  }
}
""",
}

# Round 491: batch files that deploy HTTP functions and have Cloud Scheduler call one of them
_BATCH_SCHEDULED_FUNCTION = {
    "cloud_functions/orchestrate/main.py": """\
import os

import requests
from google.cloud import storage


def orchestrate(request):
    bucket = storage.Client().bucket(os.environ["BUCKET"])
    for line in bucket.blob("searches.csv").download_as_text().splitlines():
        requests.get(f"{os.environ['INGEST_URL']}?q={line}", timeout=10)
    return "OK"
""",
    "cloud_functions/ingest/main.py": """\
import os

from google.cloud import bigquery


def ingest(request):
    query = request.args.get("q", "")
    bigquery.Client().insert_rows_json(os.environ["TABLE_ID"], [{"q": query}])
    return "OK"
""",
    "scripts/deploy_functions.bat": """\
@echo off
:: deploy the functions
CALL gcloud functions deploy ingest ^
--source cloud_functions\\ingest ^
--runtime python39 ^
--trigger-http

CALL gcloud functions deploy orchestrate ^
--source cloud_functions\\orchestrate ^
--runtime python39 ^
--trigger-http ^
--allow-unauthenticated
""",
    "scripts/schedule.bat": """\
@echo off
FOR /F "tokens=* USEBACKQ" %%g IN (`gcloud functions describe orchestrate --region=us-east1 ^| findstr "http"`) do SET "URL=%%g"
gcloud scheduler jobs create http run_orchestrate --schedule="0 */3 * * *" --uri=%URL:~5% --http-method=GET
""",
}

_CASES: dict[str, Case] = {
    "terraform_scheduled_function": (
        _TERRAFORM_SCHEDULED_FUNCTION,
        [("src/cloud_function/main.py", "job", "cloud-functions")],
        ("missing-heartbeat", "fail"),
    ),
    # trap: the scheduler job publishes to a topic; the HTTP function is called by something else
    "terraform_scheduler_publishes": (
        _edited(
            _TERRAFORM_SCHEDULED_FUNCTION,
            "infra/terraform/modules/scheduler/main.tf",
            '  http_target {\n    http_method = "POST"\n    uri         = var.function_url\n  }',
            "  pubsub_target {\n    topic_name = var.topic\n  }",
        ),
        [("src/cloud_function/main.py", "api", "cloud-functions")],
        None,
    ),
    # trap: two HTTP functions, and the scheduler's URL does not say which it calls
    "terraform_scheduler_two_functions": (
        {
            **_TERRAFORM_SCHEDULED_FUNCTION,
            "src/lookup/main.py": 'import functions_framework\n\n\n@functions_framework.http\ndef lookup(request):\n    return {"q": request.args.get("q")}\n',
        },
        [("src/cloud_function/main.py", "api", "cloud-functions"), ("src/lookup/main.py", "api", "cloud-functions")],
        None,
    ),
    "batch_scheduled_function": (
        _BATCH_SCHEDULED_FUNCTION,
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "job", "cloud-functions"),
        ],
        ("missing-heartbeat", {"cloud_functions/orchestrate/main.py": "fail"}),
    ),
    # no scheduler: both functions answer requests (not a trap: f58ae6e read no batch file)
    "batch_deployed_functions": (
        {k: v for k, v in _BATCH_SCHEDULED_FUNCTION.items() if k != "scripts/schedule.bat"},
        [
            ("cloud_functions/ingest/main.py", "api", "cloud-functions"),
            ("cloud_functions/orchestrate/main.py", "api", "cloud-functions"),
        ],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
