"""Inline and file-wide suppressions, unused-suppression reports, and baselines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.cli import main
from readiness_lint.suppress import find_suppressions

Tree = Callable[[dict[str, str]], Path]


def check_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "-f", "json", "--no-cache", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def test_comment_grammar() -> None:
    source = (
        b"x = 1  # readiness: ignore[bare-print, RDY002] reason here\n"
        b"y = '# readiness: ignore'  # noqa: E501, RDY003\n"
        b"# READINESS: IGNORE-FILE[missing-metrics]\n"
        b"z = 2  # readiness: ignore\n"
        b"w = 3  # noqa: E501\n"
    )
    assert find_suppressions(source) == (
        (1, ("bare-print", "rdy002"), "line"),
        (2, ("rdy003",), "line"),
        (3, ("missing-metrics",), "file"),
        (4, (), "line"),
    )
    assert find_suppressions(b"print('no comments')\n") == ()


def test_inline_suppression_and_check_status(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            "job.py": (
                "import os\n\n\ndef main():\n"
                "    print('a')  # readiness: ignore[bare-print] CLI output\n"
                "    os.mkdir('out')  # noqa: RDY003\n"
                "\n\nif __name__ == '__main__':  # readiness: ignore[missing-heartbeat]\n    main()\n"
            )
        }
    )
    _, doc = check_json([str(root)], capsys)
    found = {f["name"] for f in doc["findings"]}
    assert not found & {"bare-print", "non-idempotent-mkdir", "missing-heartbeat"}
    checks = {c["name"]: c["status"] for c in doc["entrypoints"][0]["checks"]}
    assert checks["bare-print"] == "pass"
    assert checks["missing-heartbeat"] == "na"  # an entrypoint-level gap, suppressed at its line


def test_file_wide_and_unused_suppressions(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(
        {
            "lib.py": (
                "# readiness: ignore-file[bare-print]\n"
                "print('a')\nprint('b')\n"
                "x = 1  # readiness: ignore[non-idempotent-mkdir]\n"
                "y = 2  # noqa: RDY009, E501\n"
                "z = 3  # readiness: ignore[bare-prnt]\n"
                "w = 4  # noqa: E501\n"
            )
        }
    )
    _, doc = check_json([str(root)], capsys)
    unused = sorted((f["line"], f["message"]) for f in doc["findings"] if f["name"] == "unused-suppression")
    assert [line for line, _ in unused] == [4, 5, 6]
    assert "bare-prnt" in unused[2][1]
    assert "bare-print" not in {f["name"] for f in doc["findings"]}
    assert all(c["name"] != "unused-suppression" for c in doc["repository_checks"])


def test_baseline_fails_only_on_new_gaps(make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"app/lib.py": "API_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'\n\n\ndef f():\n    print('x')\n"})
    baseline = tmp_path / "baseline.json"
    code, _ = check_json(["--write-baseline", str(baseline), str(root)], capsys)
    assert code == 1
    text = baseline.read_text()
    assert "4eC39HqLyjWDarjtT1zdp7dc" not in text
    code, doc = check_json(["--baseline", str(baseline), str(root)], capsys)
    assert code == 0 and all(f["baselined"] for f in doc["findings"])
    # Lines move and the file is reformatted: still the same gaps.
    (root / "app" / "lib.py").write_text(
        "\n\n# moved\nAPI_KEY   =   'sk_live_4eC39HqLyjWDarjtT1zdp7dc'\n\n\ndef f( ):\n\n    print( 'x' )\n"
    )
    assert check_json(["--baseline", str(baseline), str(root)], capsys)[0] == 0
    # A second, identical gap is new.
    (root / "app" / "lib.py").write_text(
        "API_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'\n\n\ndef f():\n    print('x')\n    print('x')\n"
    )
    code, doc = check_json(["--baseline", str(baseline), str(root)], capsys)
    assert code == 1
    assert [f["baselined"] for f in doc["findings"] if f["name"] == "bare-print"] == [True, False]


def test_broken_baseline_is_a_usage_or_config_error(
    tmp_path: Path, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"a.py": "x = 1\n"})
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    assert main(["check", "--baseline", str(bad), str(root)]) == 2
    assert main(["check", "--baseline", str(tmp_path / "missing.json"), str(root)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "missing.json" in err


def test_an_unknown_rule_name_that_looks_like_a_token_is_not_echoed(
    make_tree: Callable[[dict[str, str]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    token = "ghp_" + "Zq8LrT2vWx9KpM4nB7cD1fG6hJ3sA5eY0uIo"
    root = make_tree({"job.py": f"x = 1  # readiness: ignore[{token}]\n"})
    _code, doc = check_json([str(root)], capsys)
    messages = [f["message"] for f in doc["findings"] if f["name"] == "unused-suppression"]
    assert len(messages) == 1 and "unknown rule" in messages[0]
    assert token not in json.dumps(doc) and token[8:] not in json.dumps(doc)
