"""benchmarks/compare.py: reading the peers' reports and scoring every tool on the same labels."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "compare.py"


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_bench", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_bench"] = module
    spec.loader.exec_module(module)
    return module


LABELS = """\
services:
  svc:
    entrypoints:
      - {path: app.py, kind: job}
    findings:
      - {rule: hardcoded-secret, path: app.py, line: 3}
      - {rule: bare-print, path: app.py, line: 5}
      - {rule: swallowed-exception, path: lib/util.py, line: 4}
    gaps:
      - {rule: missing-metrics, entrypoint: app.py}
"""

APP = """\
import requests

TOKEN = "ghp_a8Jk2LmQ9zXc4VbN7sDfG1hR5tYu3WeP0oIq"

print("starting")
requests.get("https://example.com", timeout=5)
"""

UTIL = """\
def parse(raw):
    try:
        return int(raw)
    except Exception:
        return None
"""


@pytest.fixture
def corpus(compare: ModuleType, tmp_path: Path) -> object:
    (tmp_path / "expected.yaml").write_text(LABELS, encoding="utf-8")
    svc = tmp_path / "svc"
    (svc / "lib").mkdir(parents=True)
    (svc / "tests").mkdir()
    (svc / "app.py").write_text(APP, encoding="utf-8")
    (svc / "lib" / "util.py").write_text(UTIL, encoding="utf-8")
    (svc / "tests" / "test_app.py").write_text('PASSWORD = "hunter2hunter2"\n', encoding="utf-8")
    (svc / "settings.env").write_text("TOKEN=abc\n", encoding="utf-8")
    (tmp_path / "unlabelled").mkdir()
    (tmp_path / "unlabelled" / "x.py").write_text('print("x")\n', encoding="utf-8")
    return compare.load_corpus(tmp_path)


def test_judged_files_are_the_discovered_ones_without_tests(corpus: object) -> None:
    assert corpus.files == {("svc", "app.py"), ("svc", "lib/util.py")}  # type: ignore[attr-defined]


def test_bandit_report_keeps_mapped_checks_in_judged_files(compare: ModuleType, corpus: object) -> None:
    root = corpus.root  # type: ignore[attr-defined]
    report = {
        "results": [
            {"filename": "./svc/app.py", "line_number": 3, "test_id": "B105"},
            {"filename": "./svc/app.py", "line_number": 6, "test_id": "B113"},
            {"filename": str(root / "svc" / "app.py"), "line_number": 1, "test_id": "B404"},  # not mapped
            {"filename": "./svc/tests/test_app.py", "line_number": 1, "test_id": "B105"},  # a test
            {"filename": "./unlabelled/x.py", "line_number": 1, "test_id": "B105"},  # no labels
        ]
    }
    assert compare.bandit_items(report, corpus) == {
        ("hardcoded-secret", "svc", "app.py", 3),
        ("http-call-without-timeout", "svc", "app.py", 6),
    }


def test_ruff_and_detect_secrets_reports(compare: ModuleType, corpus: object) -> None:
    ruff = [
        {"code": "T201", "filename": "svc/app.py", "location": {"row": 5, "column": 1}},
        {"code": "S110", "filename": "svc/lib/util.py", "location": {"row": 4, "column": 5}},
        {"code": "E501", "filename": "svc/app.py", "location": {"row": 3, "column": 1}},
    ]
    assert compare.ruff_items(ruff, corpus) == {
        ("bare-print", "svc", "app.py", 5),
        ("swallowed-exception", "svc", "lib/util.py", 4),
    }
    secrets = {
        "results": {
            "svc/app.py": [{"type": "GitHub Token", "line_number": 3}, {"type": "Secret Keyword", "line_number": 3}],
            "svc/settings.env": [{"type": "Secret Keyword", "line_number": 1}],
        }
    }
    assert compare.detect_secrets_items(secrets, corpus) == {("hardcoded-secret", "svc", "app.py", 3)}


def test_tally_counts_against_line_labels_only(compare: ModuleType, corpus: object) -> None:
    labelled = compare.labelled_items(corpus)
    assert ("missing-metrics", "svc", "app.py", 0) not in labelled
    found = {("hardcoded-secret", "svc", "app.py", 3), ("bare-print", "svc", "app.py", 6)}
    tallies = compare.tally(found, labelled)
    secret, prints, swallowed = tallies["hardcoded-secret"], tallies["bare-print"], tallies["swallowed-exception"]
    assert (secret.tp, secret.fp, secret.fn) == (1, 0, 0)
    assert (prints.tp, prints.fp, prints.fn) == (0, 1, 1)
    assert prints.false_positives == ["svc/app.py:6"] and prints.misses == ["svc/app.py:5"]
    assert (swallowed.tp, swallowed.fp, swallowed.fn) == (0, 0, 1)


def test_our_own_findings_on_the_corpus(compare: ModuleType, corpus: object) -> None:
    found = compare.linter_items(corpus)
    assert ("hardcoded-secret", "svc", "app.py", 3) in found
    assert ("bare-print", "svc", "app.py", 5) in found
    assert ("swallowed-exception", "svc", "lib/util.py", 4) in found
    assert not any(service == "unlabelled" for _rule, service, _path, _line in found)


def test_a_linked_file_is_judged_where_the_link_is(compare: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "expected.yaml").write_text(
        "services:\n  svc:\n    findings:\n      - {rule: swallowed-exception, path: jobs/parse.py, line: 4}\n",
        encoding="utf-8",
    )
    (tmp_path / "svc" / "lib").mkdir(parents=True)
    (tmp_path / "svc" / "jobs").mkdir()
    (tmp_path / "svc" / "lib" / "util.py").write_text(UTIL, encoding="utf-8")
    (tmp_path / "svc" / "jobs" / "parse.py").symlink_to("../lib/util.py")
    corpus = compare.load_corpus(tmp_path)
    assert ("svc", "jobs/parse.py") in corpus.files
    report = {"results": [{"filename": "./svc/jobs/parse.py", "line_number": 4, "test_id": "B110"}]}
    found = compare.bandit_items(report, corpus)
    assert found == {("swallowed-exception", "svc", "jobs/parse.py", 4)}
    tallies = compare.tally(found, compare.labelled_items(corpus))
    assert (tallies["swallowed-exception"].tp, tallies["swallowed-exception"].fp) == (1, 0)


def test_a_corpus_reached_through_a_link(compare: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "expected.yaml").write_text(LABELS, encoding="utf-8")
    (tmp_path / "real" / "svc" / "lib").mkdir(parents=True)
    (tmp_path / "real" / "svc" / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "real" / "svc" / "lib" / "util.py").write_text(UTIL, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    corpus = compare.load_corpus(tmp_path / "link")
    assert corpus.files == {("svc", "app.py"), ("svc", "lib/util.py")}
    found = compare.linter_items(corpus)
    assert ("bare-print", "svc", "app.py", 5) in found
    report = [{"code": "T201", "filename": "svc/app.py", "location": {"row": 5, "column": 1}}]
    assert compare.ruff_items(report, corpus) == {("bare-print", "svc", "app.py", 5)}
