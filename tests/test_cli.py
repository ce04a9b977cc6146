"""The command line: exit codes, formats, the JSON contract, and secrets never printed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from readiness_lint import __version__
from readiness_lint.cli import main

Tree = Callable[[dict[str, str]], Path]

READY = {
    "app.py": (
        "import logging\n"
        "from fastapi import FastAPI\n"
        "from prometheus_client import make_asgi_app\n\n"
        "logging.basicConfig(level=logging.INFO)\n"
        "app = FastAPI()\n"
        "app.mount('/metrics', make_asgi_app())\n\n\n"
        "@app.get('/health')\n"
        "def health():\n"
        "    return {'ok': True}\n\n\n"
        "@app.get('/ready')\n"
        "def ready():\n"
        "    return {'ok': True}\n"
    )
}
GAPPY = {"job.py": "def main():\n    print('hi')\n\n\nif __name__ == '__main__':\n    main()\n"}


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_service_exits_0(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(READY)
    code, out, _ = run_cli(["check", str(root)], capsys)
    assert code == 0, out
    assert "all 13 checks pass" in out
    assert "Score 100/100" in out


def test_gaps_exit_1_and_exit_zero(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(GAPPY)
    assert run_cli(["check", str(root)], capsys)[0] == 1
    assert run_cli(["check", "--exit-zero", str(root)], capsys)[0] == 0


def test_fail_under_gates_on_the_score(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(GAPPY)
    _code, out, _ = run_cli(["check", "-f", "json", str(root)], capsys)
    score = json.loads(out)["score"]
    assert 0 < score < 100
    assert run_cli(["check", "--fail-under", str(score), str(root)], capsys)[0] == 0
    assert run_cli(["check", "--fail-under", str(score + 1), str(root)], capsys)[0] == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "does/not/exist"],
        ["check", "--bogus"],
        ["check", "--select", "no-such-rule", "."],
        ["explain", "no-such-rule"],
        ["check", "--exit-zero", "does/not/exist"],
        ["check", "--fail-under", "101", "."],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(args, capsys)
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_unparseable_file_is_reported_and_the_run_goes_on(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({**READY, "broken.py": "def f(:\n    pass\n", "legacy.py": "print 'hello'\n"})
    code, out, _ = run_cli(["check", "-f", "json", str(root)], capsys)
    doc = json.loads(out)
    assert code == 1
    assert [(e["path"], e["line"]) for e in doc["errors"]] == [("broken.py", 1), ("legacy.py", 1)]
    assert all(e["message"].startswith("syntax error") for e in doc["errors"])
    assert "Missing parentheses in call to 'print'" in doc["errors"][1]["message"]
    assert [ep["path"] for ep in doc["entrypoints"]] == ["app.py"]


def test_json_contract_validates_against_the_shipped_schema(
    make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({**GAPPY, **READY, "sub/broken.py": "x = (\n"})
    _code, out, _ = run_cli(["check", "--format", "json", str(root)], capsys)
    doc = json.loads(out)
    schema = json.loads(resources.files("readiness_lint").joinpath("schemas/report-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["tool"] == {"name": "readiness-lint", "version": __version__}
    assert {ep["kind"] for ep in doc["entrypoints"]} == {"api", "job"}
    job = next(ep for ep in doc["entrypoints"] if ep["kind"] == "job")
    # Reproduce the job's score from its checks, as the README says.
    applicable = [c for c in job["checks"] if c["status"] != "na"]
    total = sum(c["weight"] for c in applicable)
    passed = sum(c["weight"] for c in applicable if c["status"] == "pass")
    assert job["score"] == int(100 * passed / total + 0.5)
    assert doc["score"] == int(sum(ep["score"] for ep in doc["entrypoints"]) / 2 + 0.5)
    print_finding = next(f for f in doc["findings"] if f["name"] == "bare-print")
    assert (print_finding["path"], print_finding["line"], print_finding["column"]) == ("job.py", 2, 5)
    assert print_finding["entrypoints"] == [job["id"]]


def test_schema_rejects_a_bad_document() -> None:
    schema = json.loads(resources.files("readiness_lint").joinpath("schemas/report-v1.schema.json").read_text())
    bad = {
        "schema_version": 1,
        "tool": {"name": "readiness-lint", "version": "1"},
        "score": 101,
        "entrypoints": [],
        "findings": [],
        "errors": [],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_concise_lines_match_the_gcc_problem_matcher(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(GAPPY)
    _code, out, _ = run_cli(["check", "--format", "concise", str(root)], capsys)
    # VS Code's $gcc matcher pattern.
    gcc = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
    lines = out.splitlines()
    assert lines and all(gcc.match(line) for line in lines)
    assert "job.py:2:5: warning: RDY001 " in out


def test_no_colour_when_not_a_terminal(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(GAPPY)
    _, out, _ = run_cli(["check", str(root)], capsys)
    assert "\x1b[" not in out


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rules"], capsys)
    assert code == 0 and len(out.splitlines()) >= 7 and "RDY006  missing-exit-code" in out
    code, out, _ = run_cli(["explain", "RDY007"], capsys)
    assert code == 0 and out.startswith("# missing-heartbeat (RDY007)") and "## Use instead" in out


PLANTED_SECRETS = [
    "AKIA" + "Q3EGRTZPVW4XJ7LM",
    "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "Xk29f!pQ-r7Tz",
    "a8f5f167f44f4964e6c998dee827110c",
]


@pytest.mark.parametrize("fmt", ["text", "json", "concise"])
def test_secrets_are_never_printed(fmt: str, make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            "settings.py": (
                f"AWS_ACCESS_KEY_ID = '{PLANTED_SECRETS[0]}'\n"
                f"STRIPE = '{PLANTED_SECRETS[1]}'\n"
                f"DATABASE_URL = 'postgres://app:{PLANTED_SECRETS[2]}@db:5432/app'\n"
                f"API_TOKEN = '{PLANTED_SECRETS[3]}'\n"
            )
        }
    )
    code, out, err = run_cli(["check", "--format", fmt, str(root)], capsys)
    assert code == 1
    if fmt == "text":
        assert "4 gaps (4 error" in out
    elif fmt == "json":
        assert [f["code"] for f in json.loads(out)["findings"]] == ["RDY002"] * 4
    else:
        assert out.count("RDY002") == 4
    for secret in PLANTED_SECRETS:
        assert secret not in out + err
        assert secret[5:] not in out + err


def test_python_dash_m_and_console_script_behave_the_same(make_tree: Tree) -> None:
    root = make_tree(GAPPY)
    env = {**os.environ, "NO_COLOR": "1"}
    as_module = subprocess.run(
        [sys.executable, "-m", "readiness_lint", "check", "-f", "json", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert as_module.returncode == 1, as_module.stderr
    script = Path(sys.executable).parent / "readiness-lint"
    if script.exists():
        as_script = subprocess.run(
            [str(script), "check", "-f", "json", str(root)], capture_output=True, text=True, env=env, check=False
        )
        assert as_script.returncode == 1
        assert as_script.stdout == as_module.stdout
    version = subprocess.run(
        [sys.executable, "-m", "readiness_lint", "--version"], capture_output=True, text=True, check=False
    )
    assert version.stdout.strip() == f"readiness-lint {__version__}"


def test_a_directory_without_python_files_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("not code\n")
    code, out, err = run_cli(["check", "--no-cache", str(tmp_path)], capsys)
    assert code == 0
    assert "0 files" in out
    assert f"readiness-lint: no Python files to check under {tmp_path}" in err
