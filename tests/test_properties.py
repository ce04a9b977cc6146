"""Property-based tests: any source, any bytes, any tree, any configuration.

* Generated Python and random bytes through the per-file stage never raise.
* The same tree gives byte-identical JSON whatever the jobs, with or without the cache,
  cold or warm, run after run.
* Random configuration values either load or raise ConfigError, and the CLI answers
  them with 0, 1 or 2 and never a traceback.

Examples are derandomized (the same inputs on every run) and few, so the file stays fast
and a failure is reproducible.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hypothesmith
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from readiness_lint.checks import ALL_RULES
from readiness_lint.cli import main
from readiness_lint.config import load_config
from readiness_lint.engine import PARALLEL_THRESHOLD, Options, analyze_source, run, selected_rules
from readiness_lint.errors import ConfigError
from readiness_lint.model import FileError, FileFacts
from readiness_lint.render.json_format import render

RULES = selected_rules(Options())
COMMON = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


def assert_per_file_result(result: object, rel: str) -> None:
    assert isinstance(result, FileFacts | FileError)
    assert result.path == rel
    if isinstance(result, FileError):
        assert result.message.strip()
        assert result.kind != "internal", result.message
    else:
        assert result.rule_errors == (), result.rule_errors
        json.dumps(result.to_dict())  # plain data, as the cache and the worker processes need
        assert FileFacts.from_dict(json.loads(json.dumps(result.to_dict()))) == result


# --------------------------------------------------------------------------- the per-file stage


@settings(COMMON, max_examples=40)
@given(source=hypothesmith.from_grammar(), is_test=st.booleans())
def test_generated_python_never_raises(source: str, is_test: bool) -> None:
    result = analyze_source("generated.py", source.encode("utf-8", "surrogatepass"), is_test, RULES)
    assert_per_file_result(result, "generated.py")


PYTHONISH = st.lists(
    st.sampled_from(
        [
            *"()[]{}:;,.=+-*/%@<>!~'\"\\#\n\t \x0c\r",
            "def ",
            "class ",
            "if ",
            "else",
            "elif ",
            "lambda",
            "print",
            "import ",
            "from ",
            "async ",
            "await ",
            "f'",
            "sk_live_",
            "AKIA",
            "password",
            "os.mkdir",
            "requests.get",
            "__name__",
            "'__main__'",
            "é",
            "\ud7ff",
            "0x",
            "1",
            "x",
            "_",
            "\u2028",
            "\ufeff",
            "€",
            "\\N{",
            "{x!r}",
            "'''",
            '"""',
            "coding: latin-1\n",
        ]
    ),
    max_size=200,
).map("".join)
PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"# -*- coding: latin-1 -*-\n", b"# coding: utf-16\n", b"#!/x\n"])


@settings(COMMON, max_examples=60)
@given(data=st.one_of(st.binary(max_size=2000), st.binary(max_size=2000).map(lambda b: b.replace(b"\x00", b""))))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"\x00")
@example(data=b"(" * 150)
@example(data=b"# coding: utf-16\nx = 1\n")
@example(data=b"\xfe\xff\x00x")
def test_random_bytes_never_raise(data: bytes) -> None:
    assert_per_file_result(analyze_source("random.py", data, False, RULES), "random.py")


@settings(COMMON, max_examples=60)
@given(prefix=PREFIXES, text=PYTHONISH, codec=st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16"]))
def test_python_ish_text_in_any_encoding_never_raises(prefix: bytes, text: str, codec: str) -> None:
    data = prefix + text.encode(codec, "replace")
    assert_per_file_result(analyze_source("pythonish.py", data, False, RULES), "pythonish.py")


# --------------------------------------------------------------------------- whole runs are deterministic

SNIPPETS = [
    "import logging\nlog = logging.getLogger(__name__)\n",
    "print('hello')\n",
    "API_KEY = '{secret}'\n",
    "import os\nos.mkdir('out')\n",
    "import requests\nrequests.get('https://example.com')\n",
    "from fastapi import FastAPI\napp = FastAPI()\n\n\n@app.get('/items')\ndef items():\n    return []\n",
    "from celery import Celery\ncelery = Celery('w')\n\n\n@celery.task\ndef work():\n    print('work')\n",
    "def main():\n    print('run')\n\n\nif __name__ == '__main__':\n    main()\n",
    "def f(:\n",  # a syntax error
    "print('ignored')  # readiness: ignore[bare-print]\n",
    "import sys\nsys.exit(main())\n",
    "while True:\n    msg = queue.get()\n    handle(msg)\n",
    "PATH = '/Users/me/data.csv'\n",
    "from .mod_{other} import *\n",
    "import mod_{other}\nmod_{other}.helper()\n",
    "def helper():\n    return 1\n",
    # A module-level script that swallows every exception (missing-exit-code fails for it).
    "with open('ids.txt') as handle:\n    try:\n        run(handle)\n    except Exception:\n        pass\n",
]


@st.composite
def trees(draw: st.DrawFn) -> dict[str, bytes]:
    count = draw(st.integers(min_value=PARALLEL_THRESHOLD + 4, max_value=PARALLEL_THRESHOLD + 12))
    files: dict[str, bytes] = {}
    for index in range(count):
        chosen = draw(st.lists(st.sampled_from(SNIPPETS), min_size=0, max_size=4))
        other = draw(st.integers(min_value=0, max_value=count - 1))
        text = "".join(s.format(secret="sk_live_" + "Zq8Rw2Lm5Tx9Vb3Nk7Pd4Hs6", other=other) for s in chosen)
        folder = draw(st.sampled_from(["", "pkg/", "pkg/sub/", "tests/", "src/app/"]))
        files[f"{folder}mod_{index}.py"] = text.encode()
    if draw(st.booleans()):
        files["pkg/__init__.py"] = b""
    if draw(st.booleans()):
        files["binary.py"] = draw(st.binary(min_size=1, max_size=64))
    return files


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@settings(COMMON, max_examples=12)
@given(files=trees(), include_tests=st.booleans())
def test_same_tree_same_json_whatever_the_jobs_and_run_after_run(files: dict[str, bytes], include_tests: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        write_tree(root, files)
        expected = render(run([str(root)], Options(include_tests=include_tests, jobs=1)))
        for jobs in (2, 1, 2):
            assert render(run([str(root)], Options(include_tests=include_tests, jobs=jobs))) == expected, jobs


# A tree whose module-level script swallows exceptions: what the cache must carry over.
SWALLOWING_TREE = {f"mod_{i}.py": SNIPPETS[1].encode() for i in range(PARALLEL_THRESHOLD + 4)} | {
    "fetch.py": SNIPPETS[-1].encode()
}


@settings(COMMON, max_examples=10)
@given(files=trees(), include_tests=st.booleans())
@example(files=SWALLOWING_TREE, include_tests=False)
def test_same_tree_same_json_with_and_without_the_cache(files: dict[str, bytes], include_tests: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "repo", Path(tmp) / "cache"
        write_tree(root, files)
        expected = render(run([str(root)], Options(include_tests=include_tests, jobs=1)))
        variants: dict[str, Options] = {
            "cache cold, jobs=2": Options(include_tests=include_tests, jobs=2, cache=True, cache_dir=str(cache)),
            "cache warm, jobs=1": Options(include_tests=include_tests, jobs=1, cache=True, cache_dir=str(cache)),
            "cache warm, jobs=2": Options(include_tests=include_tests, jobs=2, cache=True, cache_dir=str(cache)),
        }
        for name, options in variants.items():
            assert render(run([str(root)], options)) == expected, name
        assert any(cache.rglob("*.json")), "the cached runs wrote a cache"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(SNIPPETS[-1], id="swallowing-script"),
        pytest.param("".join(SNIPPETS[:8]), id="many-facts"),
        pytest.param(
            "if __name__ == '__main__':\n    try:\n        main()\n    except Exception:\n        pass\n",
            id="swallowing-main-guard",
        ),
    ],
)
def test_per_file_facts_survive_the_cache_format(source: str) -> None:
    result = analyze_source("mod.py", source.format(secret="x", other=0).encode(), False, RULES)
    assert isinstance(result, FileFacts)
    assert FileFacts.from_dict(json.loads(json.dumps(result.to_dict()))) == result


# --------------------------------------------------------------------------- random configuration

RULE_KEYS = [r.name for r in ALL_RULES] + [r.code for r in ALL_RULES]
KNOWN_KEYS = [
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "fail-under",
    "fail-on",
    "include-tests",
    "entrypoints",
    "missing-heartbeat",
    "missing-metrics",
    "missing-logging",
    "hardcoded-secret",
]
OPTION_KEYS = ["extra-calls", "allowlist", "frequency"]

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from([*RULE_KEYS, "error", "warning", "info", "api", "worker", "job", "none", "*.py", "vendor/"]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=-5, max_value=120),
    st.booleans(),
    st.floats(allow_nan=False),
)
keys = st.one_of(st.sampled_from([*KNOWN_KEYS, *OPTION_KEYS, "path", "kind"]), st.text(min_size=1, max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=12,
)
sections = st.dictionaries(keys, values, max_size=5)


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif 0x20 <= ord(char) < 0x7F:
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    return '"' + "".join(out) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return ("-inf" if value < 0 else "inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml_string(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def to_pyproject(section: dict[str, Any]) -> str:
    lines = ["[project]", 'name = "scanned"', "", "[tool.readiness-lint]"]
    lines += [f"{_toml_string(k)} = {_toml_value(v)}" for k, v in section.items()]
    return "\n".join(lines) + "\n"


def _normalise(value: Any) -> Any:
    """-0.0 and 0.0, 1e16 written as an integer-looking float: compare what TOML can hold."""
    if isinstance(value, float):
        return value + 0.0
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    return value


JOB = "def main():\n    print('hi')\n\n\nif __name__ == '__main__':\n    main()\n"
TRACEBACK = "Traceback (most recent call last)"


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _config_round(
    write: Callable[[Path], Path], capsys: pytest.CaptureFixture[str]
) -> tuple[ConfigError | None, int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "job.py").write_text(JOB)
        (root / "lib.py").write_text("API_KEY = 'sk_live_" + "Zq8Rw2Lm5Tx9Vb3Nk7Pd4Hs6'\nprint(1)\n")
        config = write(root)
        problem: ConfigError | None = None
        try:
            load_config(config)
        except ConfigError as exc:
            problem = exc
        for fmt in ("json", "text"):
            code, out, err = _cli(["check", "--no-cache", "-j", "1", "--format", fmt, str(root)], capsys)
            assert code in {0, 1, 2}
            assert TRACEBACK not in out + err
            assert "Zq8Rw2Lm5Tx9Vb3Nk7Pd4Hs6" not in out + err
            if problem is not None:
                assert code == 2 and out == "" and "readiness-lint: error:" in err
        return problem, code, err


@settings(COMMON, max_examples=60)
@given(section=sections)
@example(section={"select": ["bare-print"], "fail-under": 50})
@example(section={"fail-under": 1e300})
@example(section={"entrypoints": [{"path": "job.py", "kind": "none"}]})
@example(section={"per-file-ignores": {"*.py": ["RDY001"]}})
def test_random_toml_config_loads_or_is_a_config_error(
    section: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    text = to_pyproject(section)

    def write(root: Path) -> Path:
        target = root / "pyproject.toml"
        target.write_text(text, encoding="utf-8")
        return target

    import tomllib

    assert _normalise(tomllib.loads(text)["tool"]["readiness-lint"]) == _normalise(section)  # the writer is right
    _config_round(write, capsys)


@settings(COMMON, max_examples=60)
@given(section=sections)
@example(section={"exclude": ["!"]})
@example(section={"per-file-ignores": {"[z-a]": ["bare-print"]}})
@example(section={"hardcoded-secret": {"allowlist": ["("]}})
def test_a_config_that_loads_never_makes_an_internal_error(
    section: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    def write(root: Path) -> Path:
        target = root / "pyproject.toml"
        target.write_text(to_pyproject(section), encoding="utf-8")
        return target

    problem, code, err = _config_round(write, capsys)
    if problem is None:
        assert "internal error" not in err
        assert code in {0, 1}


yaml_keys = st.one_of(keys, st.integers(min_value=-3, max_value=3), st.booleans(), st.none())
yaml_sections = st.one_of(
    st.dictionaries(yaml_keys, values, max_size=5),
    values,  # not even a mapping
)


@settings(COMMON, max_examples=40)
@given(section=yaml_sections)
@example(section={1: "x", "foo": "y"})
def test_random_yaml_config_loads_or_is_a_config_error(section: Any, capsys: pytest.CaptureFixture[str]) -> None:
    def write(root: Path) -> Path:
        target = root / ".readiness-lint.yaml"
        target.write_text(yaml.safe_dump(section, allow_unicode=True), encoding="utf-8")
        return target

    _config_round(write, capsys)


def test_the_toml_writer_escapes_what_toml_needs() -> None:
    import tomllib

    tricky = {'a "b"': ["\\", "\x7f", "\u2028", "😀", "\t\n"], "x": {"y": [1.5, -0.0, True, {}]}, "z": float("inf")}
    assert tomllib.loads(to_pyproject(tricky))["tool"]["readiness-lint"] == tricky
    assert re.search(r"\\u007F", to_pyproject(tricky))
