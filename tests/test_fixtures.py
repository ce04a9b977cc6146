"""The shipped example services: expected entrypoints and gaps, and snapshots of the full reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from readiness_lint.engine import run
from readiness_lint.render import json_format, text

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "services"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("READINESS_UPDATE_SNAPSHOTS") == "1"

# fixture -> [(kind, path, framework, {failing checks})], from each fixture's README.
EXPECTED: dict[str, list[tuple[str, str, str, set[str]]]] = {
    "sales_export_before": [
        (
            "job",
            "export_sales.py",
            "script",
            {
                "hardcoded-secret",
                "http-call-without-timeout",
                "hardcoded-path",
                "bare-print",
                "missing-logging",
                "missing-metrics",
                "missing-heartbeat",
            },
        ),
    ],
    "sales_export_after": [("job", "export_sales.py", "python", set())],
    "fastapi_split_routes": [("api", "app/main.py", "fastapi", set())],
    "celery_worker": [
        (
            "worker",
            "worker/celery_app.py",
            "celery",
            {"http-call-without-timeout", "non-idempotent-mkdir", "missing-heartbeat", "missing-metrics"},
        ),
    ],
    "cron_job": [("job", "cleanup.py", "crontab", {"missing-exit-code", "missing-metrics", "missing-dry-run"})],
    "flask_blueprints": [
        (
            "api",
            "shop/__init__.py",
            "flask",
            {"hardcoded-secret", "bare-print", "missing-readiness-route", "missing-logging", "missing-metrics"},
        ),
    ],
    "django_project": [
        ("api", "mysite/wsgi.py", "django", {"missing-readiness-route", "missing-metrics"}),
        ("job", "polls/management/commands/close_polls.py", "django-command", {"missing-metrics"}),
    ],
    "kafka_consumer": [
        ("worker", "consumer/main.py", "kafka", {"missing-metrics", "missing-graceful-shutdown", "log-without-context"})
    ],
    "safe_patterns": [("api", "service/main.py", "fastapi", set())],
}


SHIPPED = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_every_fixture_is_labelled() -> None:
    import yaml

    labels = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))["services"]
    assert set(SHIPPED) == set(labels)
    assert set(EXPECTED) <= set(SHIPPED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_entrypoints_and_gaps(name: str) -> None:
    report = run([str(FIXTURES / name)])
    assert report.errors == []
    found = [
        (r.entrypoint.kind, r.entrypoint.path, r.entrypoint.framework, {c.name for c in r.checks if c.status == "fail"})
        for r in report.entrypoints
    ]
    assert found == EXPECTED[name]


def test_before_scores_low_and_after_passes_the_lessons_checks() -> None:
    before = run([str(FIXTURES / "sales_export_before")])
    after = run([str(FIXTURES / "sales_export_after")])
    assert before.score <= 50
    assert after.score == 100
    lines = {(f.name, f.line) for f in before.findings}
    # The gaps the lesson annotates, at the lines it annotates them.
    assert {
        ("hardcoded-secret", 2),
        ("http-call-without-timeout", 2),
        ("hardcoded-path", 3),
        ("bare-print", 7),
    } <= lines


def _check_snapshot(path: Path, actual: str) -> None:
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {path.name} was missing and has been written; run again")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} changed; READINESS_UPDATE_SNAPSHOTS=1 to accept"


@pytest.mark.parametrize("name", SHIPPED)
def test_json_snapshot(name: str) -> None:
    report = run([str(FIXTURES / name)])
    document = json.loads(json_format.render(report))
    document["tool"]["version"] = "VERSION"
    _check_snapshot(SNAPSHOTS / f"{name}.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def test_text_snapshot_of_the_before_script() -> None:
    report = run([str(FIXTURES / "sales_export_before")])
    rendered = text.render(report, color=False, width=100).replace(report.root, "ROOT")
    first, rest = rendered.split("\n", 1)
    assert first.startswith("readiness-lint ")
    _check_snapshot(SNAPSHOTS / "sales_export_before.txt", rest)
