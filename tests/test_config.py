"""Configuration files: discovery, validation errors (exit 2), and each key's effect on a real run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.cli import main
from readiness_lint.config import find_config, load_config
from readiness_lint.errors import ConfigError

Tree = Callable[[dict[str, str]], Path]

SERVICE = {
    "app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/health')\ndef health():\n    print('hit')\n    return {}\n",
    "scripts/backfill.py": "import os\n\n\ndef main():\n    os.mkdir('out')\n    print('done')\n\n\nif __name__ == '__main__':\n    main()\n",
}


def check_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "-f", "json", "--no-cache", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}


def names(doc: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["name"] for f in doc["findings"]}


def test_closest_config_wins_and_pyproject_without_section_is_skipped(make_tree: Tree) -> None:
    root = make_tree(
        {
            "pyproject.toml": "[tool.readiness-lint]\nignore = ['bare-print']\n",
            "svc/pyproject.toml": "[project]\nname = 'svc'\n",
            "svc/app.py": "",
            "other/.readiness-lint.yaml": "ignore: [missing-metrics]\n",
            "other/pyproject.toml": "[tool.readiness-lint]\nignore = ['bare-print']\n",
        }
    )
    assert find_config(root / "svc") == root / "pyproject.toml"
    assert find_config(root / "svc" / "app.py") == root / "pyproject.toml"
    assert find_config(root / "other") == root / "other" / ".readiness-lint.yaml"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[tool.readiness-lint]\nselectt = ['bare-print']\n", "selectt: unknown key"),
        ("[tool.readiness-lint]\nselect = 'bare-print'\n", "select: expected a list of strings"),
        ("[tool.readiness-lint]\nignore = ['no-such-rule']\n", "ignore: unknown rule 'no-such-rule'"),
        ("[tool.readiness-lint]\nfail-under = 'high'\n", "fail-under: expected an integer"),
        ("[tool.readiness-lint]\nfail-on = 'critical'\n", "fail-on: expected one of"),
        ("[tool.readiness-lint]\ninclude-tests = 'yes'\n", "include-tests: expected true or false"),
        ("[tool.readiness-lint]\nentrypoints = [{path = 'a.py', kind = 'daemon'}]\n", "entrypoints[0].kind"),
        ("[tool.readiness-lint.missing-heartbeat]\ncalls = ['x']\n", "missing-heartbeat.calls: unknown option"),
        ("[tool.readiness-lint\nignore = [\n", "invalid TOML"),
        ("[tool.readiness-lint]\nmax-file-size = '4 parsecs'\n", "max-file-size: expected a size"),
        ("[tool.readiness-lint]\nmax-file-size = -1\n", "max-file-size: expected a size"),
        ("[tool.readiness-lint]\nmax-file-size = true\n", "max-file-size: expected a size"),
    ],
)
def test_invalid_config_is_an_error_naming_file_and_key(
    text: str, fragment: str, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({**SERVICE, "pyproject.toml": text})
    with pytest.raises(ConfigError, match=r"pyproject\.toml") as info:
        load_config(root / "pyproject.toml")
    assert fragment in str(info.value)
    code = main(["check", "--exit-zero", str(root)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "pyproject.toml" in err and "Traceback" not in err


def test_invalid_yaml_is_an_error(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({**SERVICE, ".readiness-lint.yaml": "ignore: [bare-print\n"})
    assert main(["check", str(root)]) == 2
    assert ".readiness-lint.yaml: invalid YAML" in capsys.readouterr().err


def test_select_extend_select_ignore_and_cli_precedence(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {**SERVICE, "pyproject.toml": "[tool.readiness-lint]\nselect = ['bare-print']\nextend-select = ['RDY003']\n"}
    )
    _, doc = check_json([str(root)], capsys)
    assert names(doc) == {"bare-print", "non-idempotent-mkdir"}
    _, doc = check_json(["--select", "non-idempotent-mkdir", str(root)], capsys)
    assert names(doc) == {"non-idempotent-mkdir"}
    (root / "pyproject.toml").write_text("[tool.readiness-lint]\nignore = ['bare-print']\n")
    _, doc = check_json([str(root)], capsys)
    assert "bare-print" not in names(doc) and "non-idempotent-mkdir" in names(doc)


def test_exclude_and_per_file_ignores_are_relative_to_the_config(
    make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {f"svc/{k}": v for k, v in SERVICE.items()}
    root = make_tree(
        {
            **files,
            "pyproject.toml": "[tool.readiness-lint]\nexclude = ['svc/scripts/']\n[tool.readiness-lint.per-file-ignores]\n'svc/app.py' = ['bare-print']\n",
        }
    )
    _, doc = check_json([str(root / "svc")], capsys)
    assert {f["path"] for f in doc["findings"]} == {"app.py"}
    assert "bare-print" not in names(doc)
    # An explicitly named file still honours the excludes.
    _, doc = check_json([str(root / "svc" / "scripts" / "backfill.py")], capsys)
    assert doc["summary"]["files"] == 0


def test_fail_under_and_fail_on_from_the_file(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({**SERVICE, "pyproject.toml": "[tool.readiness-lint]\nfail-on = 'error'\n"})
    code, doc = check_json([str(root)], capsys)
    assert {f["severity"] for f in doc["findings"]} <= {"warning", "info", "error"}
    has_error = any(f["severity"] == "error" for f in doc["findings"])
    assert code == (1 if has_error else 0)
    (root / "pyproject.toml").write_text("[tool.readiness-lint]\nfail-under = 0\n")
    assert check_json([str(root)], capsys)[0] == 0
    assert check_json(["--fail-under", "100", str(root)], capsys)[0] == 1


def test_declared_entrypoints(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            **SERVICE,
            "worker_loop.py": "def run():\n    pass\n",
            ".readiness-lint.yaml": "entrypoints:\n  - {path: scripts/backfill.py, kind: none}\n  - {path: worker_loop.py, kind: worker}\n",
        }
    )
    _, doc = check_json([str(root)], capsys)
    assert [(e["path"], e["kind"], e["framework"]) for e in doc["entrypoints"]] == [
        ("app.py", "api", "fastapi"),
        ("worker_loop.py", "worker", "declared"),
    ]


def test_rule_options(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            "job.py": "import ops\n\nTOKEN = 'tk-Zx81-internal-fixture'\n\n\ndef main():\n    ops.beat()\n\n\nif __name__ == '__main__':\n    main()\n",
            "pyproject.toml": "[tool.readiness-lint.missing-heartbeat]\nextra-calls = ['ops.beat']\n[tool.readiness-lint.hardcoded-secret]\nallowlist = ['^tk-.*-fixture$']\n",
        }
    )
    _, doc = check_json([str(root)], capsys)
    assert "missing-heartbeat" not in names(doc)
    assert "hardcoded-secret" not in names(doc)
    (root / "pyproject.toml").write_text("")
    _, doc = check_json([str(root)], capsys)
    assert {"missing-heartbeat", "hardcoded-secret"} <= names(doc)


def test_include_tests(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {"tests/test_x.py": "print('x')\n", "pyproject.toml": "[tool.readiness-lint]\ninclude-tests = true\n"}
    )
    _, doc = check_json([str(root)], capsys)
    assert doc["summary"]["files"] == 1
    _, doc = check_json(["--no-include-tests", str(root)], capsys)
    assert doc["summary"]["files"] == 0


def test_max_file_size_from_the_file_and_the_command_line(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    big = "print('generated')\n" + "X = 1\n" * 40_000  # 240 KB
    root = make_tree({**SERVICE, "gen.py": big, "pyproject.toml": "[tool.readiness-lint]\nmax-file-size = '100KB'\n"})
    _, doc = check_json([str(root)], capsys)
    assert [(e["path"], e["kind"]) for e in doc["errors"]] == [("gen.py", "too-large")]
    assert "100 KiB" in doc["errors"][0]["message"]
    assert "gen.py" not in {f["path"] for f in doc["findings"]}
    # The command line wins over the file; 0 lifts the limit.
    for value in ("1MB", "0"):
        _, doc = check_json(["--max-file-size", value, str(root)], capsys)
        assert doc["errors"] == []
        assert ("bare-print", "gen.py") in {(f["name"], f["path"]) for f in doc["findings"]}
    assert main(["check", "--no-cache", "--max-file-size", "lots", str(root)]) == 2
    assert "--max-file-size: 'lots' is not a size" in capsys.readouterr().err


def test_the_allowlist_covers_secrets_written_as_bytes(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            "app.py": (
                "SIGNING_SECRET_KEY = 'fixture-9f8e7d6c5b4a'\nSIGNING_SECRET_KEY = b'fixture-9f8e7d6c5b4a'\n"
                "SESSION_SECRET_KEY = b'\\x9a\\x11\\xfe\\x03\\xc4\\x88\\x7f\\x21\\xde\\x90\\x3b\\x42\\xa7\\x06\\x5d\\xe1'\n"
            ),
            "pyproject.toml": "[tool.readiness-lint.hardcoded-secret]\nallowlist = ['^fixture-']\n",
        }
    )
    _, doc = check_json([str(root)], capsys)
    assert [(f["path"], f["line"]) for f in doc["findings"] if f["name"] == "hardcoded-secret"] == [("app.py", 3)]
