"""Hostile and broken input never crashes it, never leaks a secret, never runs the code.

Every bad file becomes exactly one entry of ``errors`` (path, line, reason), and every other
file is still analysed. Exit code 1 when files could not be analysed; 2 only for usage,
configuration and internal errors. No traceback without ``--verbose``.

Inputs that could take the interpreter down (libcst's native parser overflows its stack on
deep nesting) and anything about what gets executed run the CLI in a subprocess, so a crash
is a failed test, not a dead test run. Bugs found here are kept as strict xfails whose
reason starts with "BUG:" until the package is fixed.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
import subprocess
import sys
import sysconfig
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from readiness_lint import engine
from readiness_lint.checks.bare_print import BarePrint
from readiness_lint.checks.hardcoded_secret import HardcodedSecret
from readiness_lint.checks.observability import MissingHeartbeat
from readiness_lint.cli import main
from readiness_lint.discover import SKIP_DIRS

Tree = Callable[[dict[str, str]], Path]

# A job with one bare print at job.py:2:5: proof that the good files are still analysed.
JOB = "def main():\n    print('hi')\n\n\nif __name__ == '__main__':\n    main()\n"
# A service with no gap at all: with it alone, any exit code 1 comes from the bad files.
READY = (
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
# Built by concatenation so that this test file holds no credential-shaped literal.
SECRET = "sk_live_" + "Zq8Rw2Lm5Tx9Vb3Nk7Pd4Hs6"
SECRET_BODY = SECRET[8:]  # what must never appear, even without the provider prefix

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_REASON = "running as root: chmod does not stop root from reading; the monkeypatched tests cover this"


# --------------------------------------------------------------------------- helpers


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def check_json(
    root: Path, capsys: pytest.CaptureFixture[str], *extra: str, cache: bool = False
) -> tuple[int, dict[str, Any], str]:
    no_cache = [] if cache else ["--no-cache"]
    code, out, err = run_cli(["check", "--format", "json", *no_cache, *extra, str(root)], capsys)
    assert_no_traceback(out, err)
    return code, json.loads(out), err


def assert_no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback (most recent call last)" not in stream, stream[-3000:]


def subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONSTARTUP", "PYTHONINSPECT"}}
    env["NO_COLOR"] = "1"
    return env


def run_subprocess(
    args: list[str], cwd: Path, timeout: float = 180, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m readiness_lint ARGS``; a run that does not finish is a failure, not a hung suite."""
    command = [sys.executable, "-m", "readiness_lint", *args]
    try:
        return subprocess.run(
            command, cwd=cwd, capture_output=True, timeout=timeout, env=env or subprocess_env(), check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' '.join(args)}` did not finish within {timeout} s (a hang)")


def error_counts(doc: dict[str, Any]) -> Counter[str]:
    return Counter(e["path"] for e in doc["errors"])


def finding_names(doc: dict[str, Any], path: str) -> list[str]:
    return [f["name"] for f in doc["findings"] if f["path"] == path]


def assert_job_analysed(doc: dict[str, Any], path: str = "job.py") -> None:
    assert "bare-print" in finding_names(doc, path), doc["findings"]
    assert path not in error_counts(doc)


def write_bytes(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


# --------------------------------------------------------------------------- bad files

BAD_FILES: dict[str, bytes] = {
    "syntax-error": b"def f(:\n    pass\n",
    "python-2": (
        b"import urllib2\n\n"
        b"def fetch(url):\n"
        b'    print "fetching", url\n'
        b"    return urllib2.urlopen(url).read()\n\n"
        b'exec "x = 0777"\n'
    ),
    "latin-1-without-cookie": "GREETING = 'Grüß dich, café'\n".encode("latin-1"),
    "bom-contradicting-cookie": b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n",
    "unknown-coding-cookie": b"# -*- coding: klingon -*-\nx = 1\n",
    "null-byte": b"x = 1\x00\ny = 2\n",
    "binary-named-py": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16,
    "binary-without-nul": bytes(range(1, 256)) * 16,
    "utf-16-with-bom": "print('hello')\n".encode("utf-16"),
    "truncated-utf-8": b"x = '\xe2\x82'\n",
    "encoded-surrogate": b"x = '\xed\xa0\x80'\n",
    "unterminated-triple-quote": b'DOC = """never closed\n\nx = 1\n',
    "tabs-and-spaces": b"if True:\n\tx = 1\n        y = 2\n",
    "unexpected-indent": b"    x = 1\n",
    "200-open-parens": b"(" * 200,
    "closing-without-opening": b"x = 1)\n" * 3,
}


@pytest.mark.parametrize("content", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_a_bad_file_is_one_error_and_the_rest_is_analysed(
    content: bytes, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB, "lib/helpers.py": "def helper():\n    print('x')\n"})
    write_bytes(root, {"bad.py": content})

    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert error_counts(doc) == {"bad.py": 1}
    (error,) = doc["errors"]
    assert error["message"].strip()
    assert isinstance(error["line"], int) and error["line"] >= 0
    assert error["kind"] in {"parse", "io"}
    assert doc["summary"]["errors"] == 1
    assert doc["summary"]["files"] == 3
    assert_job_analysed(doc)
    assert "bare-print" in finding_names(doc, "lib/helpers.py")

    code, out, err = run_cli(["check", "--no-cache", str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert out.count("bad.py") == 1
    assert "Files not analysed" in out

    code, out, err = run_cli(["check", "--format", "concise", "--no-cache", str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    bad_lines = [line for line in out.splitlines() if line.startswith("bad.py:")]
    assert len(bad_lines) == 1 and ": error: " in bad_lines[0]
    assert any(line.startswith("job.py:2:5: warning: RDY001") for line in out.splitlines())


def test_python_2_file_reports_its_first_bad_line(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"legacy.py": BAD_FILES["python-2"]})
    _, doc, _ = check_json(root, capsys)
    (error,) = doc["errors"]
    assert (error["path"], error["line"]) == ("legacy.py", 4)
    assert error["message"].startswith("syntax error")


def test_valid_python_that_libcst_refuses_is_not_called_a_syntax_error(
    make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "(pars): bool = True\nprint(pars)\n"
    compile(source, "annotated.py", "exec")  # CPython accepts it
    root = make_tree({"job.py": JOB, "annotated.py": source})
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert error_counts(doc)["annotated.py"] <= 1
    assert_job_analysed(doc)
    for error in doc["errors"]:
        assert not error["message"].startswith("syntax error"), error


def test_bad_files_alone_exit_1_not_2(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A service with no gap and broken files: 1 (files not analysed), never 2."""
    root = write_bytes(make_tree({"app.py": READY}), {"a.py": b"def (:\n", "b.py": b"\x00\x01", "c.py": b"\xff\xfe"})
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert doc["findings"] == []
    assert error_counts(doc) == {"a.py": 1, "b.py": 1, "c.py": 1}
    assert run_cli(["check", "--no-cache", "--fail-under", "0", str(root)], capsys)[0] == 1


def test_a_usage_error_with_bad_files_is_still_2(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"bad.py": b"def (:\n"})
    code, out, err = run_cli(["check", "--select", "no-such-rule", str(root)], capsys)
    assert code == 2
    assert_no_traceback(out, err)


# --------------------------------------------------------------------------- unusual but valid files

GOOD_FILES: dict[str, tuple[bytes, int | None]] = {
    # name: (content, line of the bare print, or None when there is no finding)
    "latin-1-with-cookie": ("# -*- coding: latin-1 -*-\nprint('café')\n".encode("latin-1"), 2),
    "cp1252-vim-cookie": ("# vim: set fileencoding=cp1252 :\nprint('“quoted”')\n".encode("cp1252"), 2),
    "utf-8-bom": (b"\xef\xbb\xbfprint('x')\n", 1),
    "utf-8-bom-and-cookie": (b"\xef\xbb\xbf# coding: utf-8\nprint('x')\n", 2),
    "crlf": (b"import os\r\n\r\nprint('x')\r\n", 3),
    "no-final-newline": (b"import os\nprint('x')", 2),
    "form-feed": (b"import os\n\x0c\nprint('x')\n", 3),
    "non-ascii-identifiers": ("café = 1\nприв = café\nprint(прив)\n".encode(), 3),
    "empty": (b"", None),
    "whitespace-only": (b"\n\n   \n\t\n", None),
    "comment-only": (b"# nothing here\n", None),
    "bom-only": (b"\xef\xbb\xbf", None),
}


@pytest.mark.parametrize("content,line", list(GOOD_FILES.values()), ids=list(GOOD_FILES))
def test_unusual_but_valid_files_are_analysed(
    content: bytes, line: int | None, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"unusual.py": content})
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert doc["errors"] == []
    assert doc["summary"]["files"] == 2
    assert_job_analysed(doc)
    prints = [f["line"] for f in doc["findings"] if f["path"] == "unusual.py" and f["name"] == "bare-print"]
    assert prints == ([] if line is None else [line])


# --------------------------------------------------------------------------- deep nesting, huge inputs

DEEP = [
    # (content, whether it is a syntax error and so must be reported)
    pytest.param(b"(" * 5000, True, id="5000-open-parens"),
    pytest.param(b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n", False, id="5000-balanced-parens"),
    pytest.param(b"x = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", False, id="50000-nested-lists"),
    pytest.param(b"x = a" + b".b" * 100_000 + b"\n", False, id="100000-attribute-chain"),
    pytest.param(b"x = 1" + b" + 1" * 100_000 + b"\n", False, id="100000-term-sum"),
    pytest.param(b"x = " + b"f(" * 3000 + b")" * 3000 + b"\n", False, id="3000-nested-calls"),
    # The same chains spread over short lines (no long line, no deep brackets to notice).
    pytest.param(b"if a:\n    pass\n" + b"elif a:\n    pass\n" * 20_000, False, id="20000-elif-chain"),
    pytest.param(b"x = (a\n" + b"    and a\n" * 20_000 + b")\n", False, id="20000-and-across-lines"),
    pytest.param(b"x = (a\n" + b"    .b\n" * 20_000 + b")\n", False, id="20000-attributes-across-lines"),
    pytest.param(b"x = (1\n" + b"    + 1\n" * 20_000 + b")\n", False, id="20000-terms-across-lines"),
    pytest.param(b"x = 1 \\\n" + b"    + 1 \\\n" * 20_000 + b"    + 1\n", False, id="20000-backslash-terms"),
    pytest.param(b"x = (\n" + b"    -\n" * 20_000 + b"1)\n", False, id="20000-unary-minus-lines"),
    pytest.param(b"x = (f\n" + b"    ()\n" * 20_000 + b")\n", False, id="20000-calls-across-lines"),
    pytest.param(b"x = (a\n" + b"    [0]\n" * 20_000 + b")\n", False, id="20000-subscripts-across-lines"),
    pytest.param(b"x = (\n" + b"    'abc'\n" * 50_000 + b")\n", False, id="50000-implicit-concatenation"),
]


@pytest.mark.parametrize("content,must_report", DEEP)
def test_deep_nesting_never_crashes(content: bytes, must_report: bool, tmp_path: Path) -> None:
    """In a subprocess: libcst's native parser overflows its stack on deep nesting (a SIGSEGV)."""
    root = tmp_path / "repo"
    write_bytes(root, {"job.py": JOB.encode(), "deep.py": content})
    proc = run_subprocess(["check", "--format", "json", "--no-cache", "-j", "1", str(root)], cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 1, f"exit {proc.returncode} (negative: killed by a signal)\n{err[-2000:]}"
    assert_no_traceback(out, err)
    doc = json.loads(out)
    assert_job_analysed(doc)
    # Valid but absurd code may be analysed or reported; a syntax error must be reported; never twice.
    if must_report:
        assert error_counts(doc)["deep.py"] == 1
    else:
        assert error_counts(doc)["deep.py"] <= 1


def test_a_file_that_kills_a_worker_process_is_reported_and_the_others_analysed(tmp_path: Path) -> None:
    """Above the parallel threshold, a native crash takes a worker down, not the run."""
    root = tmp_path / "repo"
    files = {f"mod_{i:02d}.py": f"def f{i}():\n    print({i})\n".encode() for i in range(engine.PARALLEL_THRESHOLD + 8)}
    files |= {"job.py": JOB.encode(), "deep.py": b"if a:\n    pass\n" + b"elif a:\n    pass\n" * 20_000}
    write_bytes(root, files)
    proc = run_subprocess(["check", "--format", "json", "--no-cache", "-j", "2", str(root)], cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 1, f"exit {proc.returncode}\n{err[-2000:]}"
    assert_no_traceback(out, err)
    doc = json.loads(out)
    assert error_counts(doc) == {"deep.py": 1}
    assert_job_analysed(doc)
    assert all(finding_names(doc, f"mod_{i:02d}.py") == ["bare-print"] for i in range(engine.PARALLEL_THRESHOLD + 8))


@pytest.mark.parametrize(
    "content",
    [b"x = 1" + b" + 1" * 1500 + b"\n", b"x = a" + b".b" * 1500 + b"\n", b"x = " + b"[" * 90 + b"]" * 90 + b"\n"],
    ids=["1500-term-sum", "1500-attribute-chain", "90-nested-lists"],
)
def test_moderate_nesting_in_process(content: bytes, make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """Deep enough for Python's recursion limit in the tree walk, not for libcst's stack."""
    limit = sys.getrecursionlimit()
    root = write_bytes(make_tree({"job.py": JOB}), {"deep.py": content})
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert_job_analysed(doc)
    assert error_counts(doc)["deep.py"] <= 1
    assert all(e["kind"] != "internal" for e in doc["errors"])
    assert sys.getrecursionlimit() == limit


NEAR_MISSES = [
    "AKIA" + "Q3EGRTZPVW4XJ7L",  # one character short
    "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 1,  # too short for a GitHub token
    "sk_live_" + "shortkey",
    "xoxb-" + "123",
    "-----BEGIN PUBLIC KEY-----",
    "password=",
    "https://user:@example.com",
    "eyJhbGciOi.eyJzdWIi.",
    "AIza" + "SyA-short",
    "api_key=<your-key>",
    "0123456789abcdef0123456789abcde",
    "token: changeme",
]


def test_five_megabyte_line_of_near_miss_secrets(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """Must finish (no timing asserted), must not echo the line, must not print the planted secret."""
    chunk = " ".join(NEAR_MISSES) + " "
    literal = chunk * (5_000_000 // len(chunk) + 1)
    source = f"BLOB = {literal!r}\nSTRIPE_KEY = '{SECRET}'\nprint(len(BLOB))\n"
    assert len(source) > 5_000_000
    root = make_tree({"job.py": JOB, "blob.py": source})
    for fmt in ("json", "text", "concise"):
        code, out, err = run_cli(["check", "--format", fmt, "--no-cache", str(root)], capsys)
        assert code == 1
        assert_no_traceback(out, err)
        assert len(out) < 200_000, "the report must not echo the long line"
        assert SECRET_BODY not in out + err
        assert "Q3EGRTZPVW4XJ7L" not in out + err
        if fmt == "json":
            doc = json.loads(out)
            assert_job_analysed(doc)
            assert error_counts(doc)["blob.py"] <= 1
            if not error_counts(doc)["blob.py"]:
                assert "hardcoded-secret" in finding_names(doc, "blob.py")
                assert [f["line"] for f in doc["findings"] if f["name"] == "bare-print" and f["path"] == "blob.py"] == [
                    3
                ]


def test_ten_megabyte_generated_file(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    """A generated module (protobuf-style serialized blobs) of ~10 MB: over the default size
    limit it is one clear error entry, never read; with the limit lifted it is analysed like
    any other file."""
    parts = ["# Generated by the protocol buffer compiler.  DO NOT EDIT!\n", "import sys\n\n"]
    for i in range(14):
        blob = bytes((j * 7 + i) % 256 for j in range(280_000))
        parts.append(f"_SERIALIZED_{i} = {blob!r}\n")
    parts.append("print('generated module loaded')\n")
    root = make_tree({"job.py": JOB, "api_pb2.py": "".join(parts)})
    assert (root / "api_pb2.py").stat().st_size > 9_500_000
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert [(e["path"], e["kind"]) for e in doc["errors"]] == [("api_pb2.py", "too-large")]
    assert "max-file-size" in doc["errors"][0]["message"] and "2 MiB" in doc["errors"][0]["message"]
    assert_job_analysed(doc)
    assert not [f for f in doc["findings"] if f["path"] == "api_pb2.py"]

    code, doc, _ = check_json(root, capsys, "--max-file-size", "0")
    assert code == 1
    assert doc["errors"] == []
    assert_job_analysed(doc)
    print_line = "".join(parts[:-1]).count("\n") + 1
    assert [f["line"] for f in doc["findings"] if f["path"] == "api_pb2.py"] == [print_line]


def test_three_thousand_small_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    for i in range(3000):
        target = root / f"pkg{i // 100:02d}" / f"mod_{i:04d}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef f_{i}(x):\n    return x + {i}\n"
        )
    (root / "job.py").write_text(JOB)
    (root / "pkg07" / "broken_0700.py").write_text("def (:\n")
    code, doc, _ = check_json(root, capsys, "-j", "2")
    assert code == 1
    assert doc["summary"]["files"] == 3002
    assert error_counts(doc) == {"pkg07/broken_0700.py": 1}
    assert {f["path"] for f in doc["findings"]} == {"job.py"}


# --------------------------------------------------------------------------- the file system


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_symlink_loops_and_links_outside_the_root_are_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "elsewhere.py").write_text(f"TOKEN = '{SECRET}'\nprint('outside')\n")
    (outside / "deep" / "more.py").write_text("print('outside too')\n")
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    (root / "job.py").write_text(JOB)
    (root / "pkg" / "helper.py").write_text("def helper():\n    print('inside')\n")
    os.symlink(".", root / "loop")  # a directory loop
    os.symlink("..", root / "pkg" / "up")  # a loop through the parent
    os.symlink(outside, root / "outside_dir")  # a directory outside the root
    os.symlink(outside / "elsewhere.py", root / "outside_file.py")  # a file outside the root
    os.symlink("pkg", root / "alias")  # a directory inside the root, seen twice if followed
    os.symlink("self.py", root / "self.py")  # a file that points at itself
    os.symlink("ping.py", root / "pong.py")
    os.symlink("pong.py", root / "ping.py")
    os.symlink("nowhere.py", root / "dangling.py")

    code, doc, err = check_json(root, capsys, "-j", "1")
    assert code == 1
    paths = [f["path"] for f in doc["findings"]] + [e["path"] for e in doc["errors"]]
    for path in paths:
        assert not path.startswith(("/", "..")), path
        assert not path.startswith(("loop/", "alias/", "outside_dir/", "outside_file")), path
        assert "/up/" not in path and not path.startswith("pkg/up"), path
    assert finding_names(doc, "pkg/helper.py") == ["bare-print"]
    assert_job_analysed(doc)
    assert SECRET_BODY not in json.dumps(doc) + err
    # The broken links are reported once each, never followed around the loop.
    assert error_counts(doc) == {"self.py": 1, "ping.py": 1, "pong.py": 1, "dangling.py": 1}
    messages = {e["path"]: e["message"] for e in doc["errors"]}
    assert messages["dangling.py"] == "broken symbolic link: its target does not exist"
    assert messages["self.py"] == messages["ping.py"] == "symbolic link loop: the link leads back to itself"
    # Named on the command line, a broken link is the same one clear entry, not a usage error.
    code, doc, err = check_json(root / "dangling.py", capsys)
    assert code == 1
    assert [(e["path"], e["message"]) for e in doc["errors"]] == [
        ("dangling.py", "broken symbolic link: its target does not exist")
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_a_root_reached_through_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real, link = tmp_path / "real", tmp_path / "link"
    write_bytes(real, {"job.py": JOB.encode(), "pkg/bad.py": b"def (:\n"})
    os.symlink(real, link)
    _, doc, _ = check_json(link, capsys)
    assert [e["path"] for e in doc["errors"]] == ["pkg/bad.py"]
    assert_job_analysed(doc)
    code, out, err = run_cli(
        ["check", "-f", "json", "--no-cache", str(link), str(link / "pkg" / "bad.py"), str(real)], capsys
    )
    assert code == 1
    assert_no_traceback(out, err)
    doc = json.loads(out)
    assert error_counts(doc) == {"pkg/bad.py": 1}
    assert doc["summary"]["files"] == 2


@pytest.fixture
def vanish(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Path], None]], None]:
    """Do something to the tree between discovery and reading: a file vanishes, changes kind."""

    def install(action: Callable[[Path], None]) -> None:
        real = engine.discover

        def discover_then_act(paths: list[str], root: Path, *deployment: Any) -> Any:
            found = real(paths, root, *deployment)
            action(root)
            return found

        monkeypatch.setattr(engine, "discover", discover_then_act)

    return install


@pytest.mark.parametrize("change", ["deleted", "replaced-by-a-directory", "replaced-by-a-dangling-link"])
def test_a_file_that_vanishes_during_the_run(
    change: str, vanish: Callable[[Callable[[Path], None]], None], make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB, "gone.py": "print('soon gone')\n", "stays.py": "print('here')\n"})

    def act(scan_root: Path) -> None:
        target = scan_root / "gone.py"
        target.unlink()
        if change == "replaced-by-a-directory":
            target.mkdir()
        elif change == "replaced-by-a-dangling-link":
            os.symlink("nowhere.py", target)

    vanish(act)
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"gone.py": 1}
    assert doc["errors"][0]["message"].strip()
    assert_job_analysed(doc)
    assert finding_names(doc, "stays.py") == ["bare-print"]


def test_an_unreadable_file_monkeypatched(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree({"job.py": JOB, "locked/secret.py": f"TOKEN = '{SECRET}'\n", "open.py": "print(1)\n"})
    locked = str(root / "locked" / "secret.py")
    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    code, doc, err = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"locked/secret.py": 1}
    assert "Permission denied" in doc["errors"][0]["message"]
    assert_job_analysed(doc)
    assert finding_names(doc, "open.py") == ["bare-print"]
    assert SECRET_BODY not in json.dumps(doc) + err


def test_an_unreadable_directory_monkeypatched(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree({"job.py": JOB, "locked/inner.py": "print(1)\n", "free/mod.py": "print(2)\n"})
    locked = os.path.join(str(root), "locked")
    real_scandir = os.scandir

    def guarded_scandir(path: Any = ".") -> Any:
        if os.fspath(path).rstrip(os.sep) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"locked": 1}
    assert "Permission denied" in doc["errors"][0]["message"]
    assert_job_analysed(doc)
    assert finding_names(doc, "free/mod.py") == ["bare-print"]


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason=ROOT_REASON)
def test_unreadable_file_and_directory_for_real(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"job.py": JOB, "nope.py": "print(1)\n", "shut/inner.py": "print(2)\n"})
    (root / "nope.py").chmod(0)
    (root / "shut").chmod(0)
    try:
        code, doc, _ = check_json(root, capsys, "-j", "1")
    finally:
        (root / "shut").chmod(0o755)
        (root / "nope.py").chmod(0o644)
    assert code == 1
    assert error_counts(doc) == {"nope.py": 1, "shut": 1}
    assert_job_analysed(doc)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_named_py_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_bytes(root, {"job.py": JOB.encode()})
    os.mkfifo(root / "fifo.py")
    proc = run_subprocess(["check", "--format", "json", "--no-cache", str(root)], cwd=tmp_path, timeout=20)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert error_counts(doc)["fifo.py"] <= 1
    assert_job_analysed(doc)


def test_paths_with_spaces_and_non_ascii_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "mon dépôt"
    write_bytes(
        root,
        {
            "my service/jöb ñame.py": JOB.encode(),
            "données/cassé.py": b"def (:\n",
            "日本/サービス.py": "print('こんにちは')\n".encode(),
            "emoji 🚀/launch.py": b"print('go')\n",
        },
    )
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert error_counts(doc) == {"données/cassé.py": 1}
    assert {f["path"] for f in doc["findings"] if f["name"] == "bare-print"} == {
        "my service/jöb ñame.py",
        "日本/サービス.py",
        "emoji 🚀/launch.py",
    }
    for fmt in ("text", "concise"):
        code, out, err = run_cli(["check", "--format", fmt, "--no-cache", str(root)], capsys)
        assert code == 1
        assert_no_traceback(out, err)
        assert out.count("données/cassé.py") == 1
        assert "my service/jöb ñame.py" in out
    # Through a real process and a file: the bytes written are UTF-8.
    proc = run_subprocess(["check", "-f", "json", "--no-cache", "-o", str(tmp_path / "r.json"), str(root)], tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    assert json.loads((tmp_path / "r.json").read_bytes().decode("utf-8")) == doc


@pytest.mark.skipif(sys.platform in {"darwin", "win32"}, reason="needs a file system that accepts any bytes in names")
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-f", "json"], id="json-to-stdout"),
        pytest.param(["-f", "json", "-o", "OUT"], id="json-to-file"),
        pytest.param(["-f", "sarif", "-o", "OUT"], id="sarif-to-file"),
        pytest.param(["-f", "text", "-o", "OUT"], id="text-to-file"),
    ],
)
def test_a_file_name_that_is_not_utf8(args: list[str], tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_bytes(root, {"job.py": JOB.encode()})
    with open(os.path.join(os.fsencode(root), b"caf\xe9.py"), "wb") as handle:
        handle.write(b"print('latin-1 name')\n")
    out_file = tmp_path / "out"
    args = [str(out_file) if a == "OUT" else a for a in args]
    proc = run_subprocess(["check", "--no-cache", *args, str(root)], cwd=tmp_path, timeout=60)
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    assert_no_traceback(proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace"))
    text = (out_file.read_bytes() if "-o" in args else proc.stdout).decode("utf-8")  # strict: must be UTF-8
    assert text.count("caf") >= 1
    if "json" in args or "sarif" in args:
        json.loads(text)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a file system that accepts control characters in names")
@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_control_characters_in_file_names_are_not_written_raw(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    write_bytes(
        root,
        {
            "job.py": JOB.encode(),
            "esc\x1b[2J\x1b[31mred.py": b"print(1)\n",
            "nl\n::error file=fake.py,line=1::injected.py": b"print(1)\n",
            "bad\n::notice::x.py": b"def (:\n",
        },
    )
    code, out, err = run_cli(["check", "--format", fmt, "--no-cache", str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert "\x1b" not in out
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith(("::error file=fake.py", "::notice::x.py"))]
    if fmt == "concise":
        assert len(lines) == len([line for line in lines if re.match(r"^.+:\d+:\d+: (error|warning): ", line)])


# --------------------------------------------------------------------------- configuration

BROKEN_CONFIGS: dict[str, tuple[str, bytes]] = {
    "invalid-toml": ("pyproject.toml", b"[tool.readiness-lint]\nselect = [\n"),
    "toml-duplicate-key": ("pyproject.toml", b"[tool.readiness-lint]\nfail-under = 1\nfail-under = 2\n"),
    "fail-under-a-string": ("pyproject.toml", b'[tool.readiness-lint]\nfail-under = "eighty"\n'),
    "fail-under-out-of-range": ("pyproject.toml", b"[tool.readiness-lint]\nfail-under = 101\n"),
    "fail-under-a-bool": ("pyproject.toml", b"[tool.readiness-lint]\nfail-under = true\n"),
    "select-a-string": ("pyproject.toml", b'[tool.readiness-lint]\nselect = "RDY001"\n'),
    "select-unknown-rule": ("pyproject.toml", b'[tool.readiness-lint]\nselect = ["RDY999"]\n'),
    "select-mixed-types": ("pyproject.toml", b'[tool.readiness-lint]\nselect = ["RDY001", 2]\n'),
    "unknown-key": ("pyproject.toml", b"[tool.readiness-lint]\ncolour = true\n"),
    "fail-on-unknown": ("pyproject.toml", b'[tool.readiness-lint]\nfail-on = "fatal"\n'),
    "include-tests-a-string": ("pyproject.toml", b'[tool.readiness-lint]\ninclude-tests = "yes"\n'),
    "entrypoints-a-table": ("pyproject.toml", b'[tool.readiness-lint.entrypoints]\npath = "a.py"\n'),
    "entrypoint-bad-kind": (
        "pyproject.toml",
        b'[tool.readiness-lint]\nentrypoints = [{ path = "a.py", kind = "daemon" }]\n',
    ),
    "entrypoint-path-a-number": (
        "pyproject.toml",
        b'[tool.readiness-lint]\nentrypoints = [{ path = 1, kind = "job" }]\n',
    ),
    "per-file-ignores-a-list": ("pyproject.toml", b'[tool.readiness-lint]\nper-file-ignores = ["a.py"]\n'),
    "per-file-ignores-a-string-value": (
        "pyproject.toml",
        b'[tool.readiness-lint.per-file-ignores]\n"a.py" = "bare-print"\n',
    ),
    "rule-option-not-a-list": ("pyproject.toml", b'[tool.readiness-lint.missing-metrics]\nextra-calls = "x"\n'),
    "rule-option-unknown": ("pyproject.toml", b"[tool.readiness-lint.missing-metrics]\nfrequency = 3\n"),
    "section-not-a-table": ("pyproject.toml", b'[tool]\nreadiness-lint = "on"\n'),
    "not-utf-8": ("pyproject.toml", b"[tool.readiness-lint]\nselect = ['\xff\xfe']\n"),
    "binary-pyproject": ("pyproject.toml", b"[tool.readiness-lint\x00\x01\x02\xff"),
    "invalid-yaml": (".readiness-lint.yaml", b"select: [RDY001\n"),
    "yaml-a-list": (".readiness-lint.yaml", b"- select\n- ignore\n"),
    "yaml-a-scalar": (".readiness-lint.yml", b"just a string\n"),
    "yaml-tabs": (".readiness-lint.yaml", b"select:\n\t- RDY001\n"),
    "yaml-fail-under-a-float": (".readiness-lint.yaml", b"fail-under: 80.5\n"),
    "yaml-include-tests-a-string": (".readiness-lint.yaml", b"include-tests: maybe\n"),
    "yaml-null-select": (".readiness-lint.yaml", b"select: ~\n"),
    "yaml-not-utf-8": (".readiness-lint.yaml", b"select: ['\xff']\n"),
    "yaml-unknown-key": (".readiness-lint.yaml", b"select: [RDY001]\nverbose: true\n"),
}


@pytest.mark.parametrize("name,content", list(BROKEN_CONFIGS.values()), ids=list(BROKEN_CONFIGS))
def test_broken_configuration_exits_2_naming_the_file(
    name: str, content: bytes, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {name: content})
    for args in (["check", "--no-cache", str(root)], ["check", "--no-cache", "--config", str(root / name), str(root)]):
        code, out, err = run_cli(args, capsys)
        assert code == 2, err
        assert_no_traceback(out, err)
        assert out == ""
        assert err.startswith("readiness-lint: error:"), err
        assert name in err
        assert "internal error" not in err


@pytest.mark.parametrize(
    "name,content,expected_in_message",
    [
        pytest.param(
            ".readiness-lint.yaml",
            b"1: x\nfoo: y\n",
            "1",
            id="yaml-integer-key",
        ),
        pytest.param(
            ".readiness-lint.yaml",
            b"null: x\n",
            "None",
            id="yaml-null-key",
        ),
        pytest.param(
            "pyproject.toml",
            b"tool = 1\n",
            "tool",
            id="toml-tool-not-a-table",
        ),
        pytest.param(
            "pyproject.toml",
            b'[tool.readiness-lint]\nexclude = ["!"]\n',
            "exclude",
            id="exclude-invalid-pattern",
        ),
        pytest.param(
            "pyproject.toml",
            b'[tool.readiness-lint.per-file-ignores]\n"[z-a].py" = ["bare-print"]\n',
            "per-file-ignores",
            id="per-file-ignores-invalid-glob",
        ),
        pytest.param(
            "pyproject.toml",
            b'[tool.readiness-lint.hardcoded-secret]\nallowlist = ["("]\n',
            "allowlist",
            id="allowlist-invalid-regex",
        ),
    ],
)
def test_config_values_that_fail_late_are_config_errors(
    name: str, content: bytes, expected_in_message: str, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB, "settings.py": f"API_KEY = '{SECRET}'\n"})
    write_bytes(root, {name: content})
    code, out, err = run_cli(["check", "--no-cache", "--config", str(root / name), str(root)], capsys)
    assert_no_traceback(out, err)
    assert code == 2, (code, err, out[-1500:])
    assert err.startswith("readiness-lint: error:"), err
    assert name in err and expected_in_message in err
    assert "internal error" not in err


DEEPLY_NESTED = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "name,content,option",
    [
        (".readiness-lint.yaml", f"select: {DEEPLY_NESTED}\n", None),
        ("pyproject.toml", f"[tool.readiness-lint]\nselect = {DEEPLY_NESTED}\n", None),
        ("baseline.json", DEEPLY_NESTED, "--baseline"),
    ],
    ids=["yaml", "toml", "baseline"],
)
def test_a_deeply_nested_config_or_baseline_is_a_clear_error(
    name: str, content: str, option: str | None, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB})
    (root / name).write_text(content)
    extra = [option, str(root / name)] if option else []
    code, out, err = run_cli(["check", "--no-cache", *extra, str(root)], capsys)
    assert code == 2
    assert_no_traceback(out, err)
    assert err.startswith("readiness-lint: error:") and name in err, err
    assert "internal error" not in err


def test_missing_or_directory_config_file(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"job.py": JOB})
    (root / "conf.d").mkdir()
    for target in (root / "no-such.toml", root / "conf.d"):
        code, out, err = run_cli(["check", "--no-cache", "--config", str(target), str(root)], capsys)
        assert code == 2
        assert_no_traceback(out, err)
        assert str(target) in err and "internal error" not in err


def test_a_broken_pyproject_that_is_not_ours_is_ignored(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"pyproject.toml": b"[project\nname = 'x'\n\xff"})
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert_job_analysed(doc)


def test_a_yaml_config_cannot_run_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "PWNED_BY_YAML"
    root = tmp_path / "repo"
    config = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    write_bytes(root, {"job.py": JOB.encode(), ".readiness-lint.yaml": config.encode()})
    code, out, err = run_cli(["check", "--no-cache", str(root)], capsys)
    assert code == 2
    assert_no_traceback(out, err)
    assert not marker.exists()


@pytest.mark.parametrize("pattern", ["!", "\\", "[z-a]"], ids=["bang", "backslash", "bad-range"])
def test_a_broken_gitignore_in_the_scanned_repo(
    pattern: str, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB, "sub/mod.py": "print(1)\n", "sub/.gitignore": f"{pattern}\nignored.py\n"})
    code, out, err = run_cli(["check", "--format", "json", "--no-cache", str(root)], capsys)
    assert_no_traceback(out, err)
    assert code == 1, err
    doc = json.loads(out)
    assert_job_analysed(doc)
    assert "internal error" not in err


# --------------------------------------------------------------------------- the cache


def cache_tree(make_tree: Tree) -> Path:
    files = {f"mod_{i:02d}.py": f"def f{i}():\n    print({i})\n" for i in range(20)}
    files |= {"job.py": JOB, "settings.py": f"API_KEY = '{SECRET}'\n", "broken.py": "def (:\n"}
    return make_tree(files)


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.is_file() and not p.name.startswith(".tmp"))


def test_a_corrupt_cache_is_ignored_and_rewritten(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = cache_tree(make_tree)
    cache = tmp_path / "cache"
    _, expected, _ = check_json(root, capsys)
    code, warm, _ = check_json(root, capsys, "--cache-dir", str(cache), cache=True)
    assert warm == expected
    found = entries(cache)
    assert len(found) >= 20
    damage: list[Callable[[Path], None]] = [
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"\x00\xff\xfe garbage"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_text("[]"),
        lambda p: p.write_text('"a string"'),
        lambda p: p.write_text("null"),
        lambda p: p.write_text(json.dumps({"key": "0" * 64, "facts": {"path": "job.py"}})),
        lambda p: p.write_text(json.dumps({**json.loads(p.read_text()), "key": "f" * 64})),
        lambda p: p.write_text(json.dumps({"key": json.loads(p.read_text())["key"]})),
        lambda p: p.write_bytes(b'{"key": "\xff\xfe"}'),
        lambda p: p.write_text("{" * 100_000),
    ]
    for index, path in enumerate(found):
        damage[index % len(damage)](path)
    (cache / "v1" / "stray.json").write_text("not an entry")
    (cache / "v1" / "zz").write_text("a file where a shard directory belongs")
    for _ in range(2):
        code, again, err = check_json(root, capsys, "--cache-dir", str(cache), cache=True)
        assert code == 1
        assert again == expected
        assert err.count("cache disabled") <= 1
    for path in entries(cache):
        if path.name != "stray.json":
            json.loads(path.read_text())  # rewritten whole


def test_a_type_confused_cache_entry_is_ignored(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache sits in the scanned repository: its entries are untrusted input, not just 'corrupt'."""
    root = cache_tree(make_tree)
    cache = tmp_path / "cache"
    _, expected, _ = check_json(root, capsys)
    check_json(root, capsys, "--cache-dir", str(cache), cache=True)
    poisoned = 0
    for path in entries(cache):
        entry = json.loads(path.read_text())
        if "facts" in entry:
            poisoned += 1
            entry["facts"]["findings"] = [
                {"rule": "bare-print", "line": "one", "column": None, "message": 7, "confidence": "high", "key": ""}
            ]
            path.write_text(json.dumps(entry))
    assert poisoned >= 20
    code, out, err = run_cli(["check", "--format", "json", "--cache-dir", str(cache), str(root)], capsys)
    assert_no_traceback(out, err)
    assert code == 1, err
    assert json.loads(out) == expected


def test_a_deeply_nested_cache_entry_is_ignored(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = cache_tree(make_tree)
    cache = tmp_path / "cache"
    _, expected, _ = check_json(root, capsys)
    check_json(root, capsys, "--cache-dir", str(cache), cache=True)
    found = entries(cache)
    assert found
    for path in found:
        path.write_text(DEEPLY_NESTED)
    code, out, err = run_cli(["check", "--format", "json", "--cache-dir", str(cache), str(root)], capsys)
    assert_no_traceback(out, err)
    assert code == 1, err
    assert json.loads(out) == expected


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_a_cache_directory_linked_outside_the_root_is_not_followed(
    make_tree: Tree, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    root = cache_tree(make_tree)
    os.symlink(outside, root / ".readiness_lint_cache")
    code, out, err = run_cli(["check", "--format", "json", str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("how", ["cache-dir-under-a-file", "default-cache-dir-is-a-file", "entries-dir-is-a-file"])
def test_an_unwritable_cache_directory_is_said_once(
    how: str, make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = cache_tree(make_tree)
    _, expected, _ = check_json(root, capsys)
    args: list[str] = []
    if how == "cache-dir-under-a-file":
        (tmp_path / "a-file").write_text("x")
        args = ["--cache-dir", str(tmp_path / "a-file" / "cache")]
    elif how == "default-cache-dir-is-a-file":
        (root / ".readiness_lint_cache").write_text("x")
    else:
        (tmp_path / "cache").mkdir()
        (tmp_path / "cache" / "v1").write_text("x")
        args = ["--cache-dir", str(tmp_path / "cache")]
    code, out, err = run_cli(["check", "--format", "json", *args, str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert json.loads(out) == expected
    assert err.count("cache disabled") == 1, err
    assert len(err.strip().splitlines()) == 1, err


def test_cache_writes_failing_mid_run_are_said_once(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness_lint import cache as cache_module

    root = cache_tree(make_tree)
    _, expected, _ = check_json(root, capsys)
    real_write = cache_module._atomic_write

    def failing_write(target: Path, text: str) -> None:
        if target.name == ".gitignore":
            real_write(target, text)
            return
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(cache_module, "_atomic_write", failing_write)
    code, out, err = run_cli(["check", "--format", "json", "--cache-dir", str(tmp_path / "c"), str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert json.loads(out) == expected
    assert err.count("cache disabled") == 1, err


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason=ROOT_REASON)
def test_a_read_only_cache_directory_for_real(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = cache_tree(make_tree)
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        code, out, err = run_cli(["check", "--format", "json", "--cache-dir", str(cache), str(root)], capsys)
    finally:
        cache.chmod(0o755)
    assert code == 1
    assert_no_traceback(out, err)
    assert err.count("cache disabled") == 1


# --------------------------------------------------------------------------- bugs of ours, isolated

ISOLATION_TREE = {
    "job.py": (
        "import os\n"
        "import requests\n\n\n"
        "def main():\n"
        "    print('starting')\n"
        "    requests.get('https://example.com/data')\n"
        "    os.mkdir('out')\n\n\n"
        "if __name__ == '__main__':\n"
        "    main()\n"
    ),
    "other.py": "def helper():\n    print('other')\n",
    "settings.py": f"API_KEY = '{SECRET}'\n",
}


def test_a_crashing_line_rule_is_isolated(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = BarePrint.on_call

    def broken(self: BarePrint, node: Any, name: str | None, ctx: Any) -> None:
        if ctx.path == "job.py":
            raise RuntimeError("boom in bare-print")
        real(self, node, name, ctx)

    monkeypatch.setattr(BarePrint, "on_call", broken)
    root = make_tree(ISOLATION_TREE)
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"job.py": 1}
    (error,) = doc["errors"]
    assert "bare-print" in error["message"] and "internal error" in error["message"]
    job = finding_names(doc, "job.py")
    assert "bare-print" not in job
    assert {"http-call-without-timeout", "non-idempotent-mkdir"} <= set(job)
    assert finding_names(doc, "other.py") == ["bare-print"]
    assert "hardcoded-secret" in finding_names(doc, "settings.py")
    for fmt in ("text", "concise"):
        code, out, err = run_cli(["check", "--format", fmt, "--no-cache", "-j", "1", str(root)], capsys)
        assert code == 1
        assert_no_traceback(out, err)
        assert "internal error in rule bare-print" in out


def test_a_crashing_service_rule_is_isolated(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: MissingHeartbeat, entrypoint: Any, service: Any) -> Any:
        raise RuntimeError("boom in missing-heartbeat")

    monkeypatch.setattr(MissingHeartbeat, "evaluate", broken)
    root = make_tree(ISOLATION_TREE)
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"job.py": 1}
    (error,) = doc["errors"]
    assert "missing-heartbeat" in error["message"] and "internal error" in error["message"]
    job = finding_names(doc, "job.py")
    assert {"bare-print", "http-call-without-timeout", "non-idempotent-mkdir", "missing-logging"} <= set(job)
    assert "missing-heartbeat" not in job
    assert "hardcoded-secret" in finding_names(doc, "settings.py")
    code, out, err = run_cli(["check", "--no-cache", "-j", "1", str(root)], capsys)
    assert code == 1
    assert_no_traceback(out, err)
    assert "missing-heartbeat" in out


def test_a_crashed_service_rule_is_not_counted_as_passing(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: MissingHeartbeat, entrypoint: Any, service: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(MissingHeartbeat, "evaluate", broken)
    _, doc, _ = check_json(make_tree(ISOLATION_TREE), capsys, "-j", "1")
    (entrypoint,) = doc["entrypoints"]
    (check,) = [c for c in entrypoint["checks"] if c["name"] == "missing-heartbeat"]
    assert check["status"] != "pass"


def test_a_crashed_line_rule_is_not_counted_as_passing(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: BarePrint, node: Any, name: str | None, ctx: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(BarePrint, "on_call", broken)
    _, doc, _ = check_json(make_tree(ISOLATION_TREE), capsys, "-j", "1")
    (entrypoint,) = doc["entrypoints"]
    assert "job.py" in entrypoint["reach"]
    (check,) = [c for c in entrypoint["checks"] if c["name"] == "bare-print"]
    assert check["status"] != "pass"


def test_a_crash_in_the_tree_walk_is_isolated_to_its_file(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness_lint import extract

    real = extract.Extractor.visit_class

    def broken(self: Any, node: Any) -> None:
        if self.ctx.path == "models.py":
            raise KeyError("boom in the walk")
        real(self, node)

    monkeypatch.setattr(extract.Extractor, "visit_class", broken)
    root = make_tree({**ISOLATION_TREE, "models.py": "class Model:\n    pass\n\n\nprint('models')\n"})
    code, doc, _ = check_json(root, capsys, "-j", "1")
    assert code == 1
    assert error_counts(doc) == {"models.py": 1}
    assert "internal error" in doc["errors"][0]["message"]
    assert "bare-print" in finding_names(doc, "job.py")
    assert finding_names(doc, "other.py") == ["bare-print"]


def test_an_internal_error_is_exit_2_with_a_traceback_only_with_verbose(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom in assemble")

    monkeypatch.setattr(engine, "assemble", broken)
    root = make_tree({"job.py": JOB})
    code, out, err = run_cli(["check", "--no-cache", "-j", "1", str(root)], capsys)
    assert code == 2
    assert_no_traceback(out, err)
    assert "internal error" in err and "boom in assemble" in err and "--verbose" in err
    with pytest.raises(RuntimeError, match="boom in assemble"):
        main(["check", "--no-cache", "-j", "1", "--verbose", str(root)])


def test_a_rule_crash_does_not_print_the_literal_it_was_handling(
    make_tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: HardcodedSecret, node: Any, value: str, ctx: Any) -> None:
        int(value)  # ValueError: invalid literal for int() with base 10: '<the value>'

    monkeypatch.setattr(HardcodedSecret, "on_string", broken)
    root = make_tree({"job.py": JOB, "settings.py": f"API_KEY = '{SECRET}'\n"})
    for fmt in ("json", "text", "concise"):
        code, out, err = run_cli(["check", "--format", fmt, "--no-cache", "-j", "1", str(root)], capsys)
        assert code == 1
        assert SECRET_BODY not in out + err


def test_a_lone_surrogate_literal_in_a_comparison(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"job.py": JOB, "surrogate.py": "def f(s):\n    if s == '\\ud800':\n        print(s)\n"})
    code, doc, _ = check_json(root, capsys)
    assert code == 1
    assert doc["errors"] == []
    assert finding_names(doc, "surrogate.py") == ["bare-print"]


# --------------------------------------------------------------------------- secrets in broken files

LEAKY: dict[str, bytes] = {
    "syntax-error-on-the-secret-line": f"API_KEY = '{SECRET}' +\n".encode(),
    "bare-secret-token": f"API_KEY = {SECRET} {SECRET}\n".encode(),
    "unterminated-string": f"API_KEY = '{SECRET}\n".encode(),
    "python-2-print": f"print '{SECRET}'\n".encode(),
    "f-string-error": f"X = f'{{{SECRET}!z}}'\n".encode(),
    "repeated-keyword-and-error": f"f({SECRET}=1, {SECRET}=2)\ndef (:\n".encode(),
    "secret-as-coding-cookie": f"# -*- coding: {SECRET} -*-\nx = 1\n".encode(),
    "secret-in-binary": b"\x00\x01" + SECRET.encode() + b"\xff",
    "secret-in-non-utf8": b"API_KEY = '" + SECRET.encode() + b"\xe9'\n",
    "secret-in-deep-nesting": b"(" * 300 + SECRET.encode(),
    "libcst-only-rejects": f"(pars): bool = '{SECRET}'\n".encode(),
    "secret-in-identifier-error": f"{SECRET}€ = 1\n".encode(),
}


@pytest.mark.parametrize("content", list(LEAKY.values()), ids=list(LEAKY))
def test_a_broken_file_never_prints_its_secret(
    content: bytes, make_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"leaky.py": content})
    for fmt in ("json", "text", "concise", "sarif", "gitlab", "github"):
        code, out, err = run_cli(["check", "--format", fmt, "--no-cache", str(root)], capsys)
        assert code == 1
        assert_no_traceback(out, err)
        assert SECRET_BODY not in out + err, fmt
        assert SECRET_BODY[:12] not in out + err, fmt


# --------------------------------------------------------------------------- nothing is executed

PAYLOAD = "open({marker!r}, 'w').close()\n"
PLANTED = [
    "evil.py",
    "conftest.py",
    "setup.py",
    "pkg/__init__.py",
    "pkg/__main__.py",
    "__main__.py",
    "sitecustomize.py",
    "usercustomize.py",
    "manage.py",
    "app/wsgi.py",
    "tests/test_boom.py",
    # Names of modules the tool itself imports: shadowing them must not work either.
    "typer.py",
    "yaml.py",
    "libcst.py",
    "rich.py",
    "pathspec.py",
    "click.py",
    "json.py",
]


def plant(root: Path, markers: Path) -> None:
    markers.mkdir(parents=True, exist_ok=True)
    for rel in PLANTED:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        marker = markers / ("PWNED_" + rel.replace("/", "_"))
        target.write_text(PAYLOAD.format(marker=str(marker)) + "print('I ran')\n")
    (root / "job.py").write_text(JOB)
    (root / "evil.pth").write_text(f"import os; {PAYLOAD.format(marker=str(markers / 'PWNED_pth')).strip()}\n")
    (root / ".readiness-lint.yaml").write_text("include-tests: true\n")


def test_nothing_from_the_scanned_repository_is_executed(tmp_path: Path) -> None:
    root, markers = tmp_path / "repo", tmp_path / "markers"
    plant(root, markers)
    script = Path(sys.executable).parent / "readiness-lint"
    runs: list[tuple[list[str], Path]] = [
        ([sys.executable, "-m", "readiness_lint", "check", "-f", "json", str(root)], tmp_path),
        ([sys.executable, "-m", "readiness_lint", "check", "-j", "2", "--no-cache", str(root)], tmp_path),
        ([sys.executable, "-m", "readiness_lint", "check", "-f", "sarif", str(root / "evil.py")], tmp_path),
    ]
    if script.exists():  # the console script (and pre-commit) run from inside the repository
        runs.append(([str(script), "check", "-f", "json", "."], root))
        runs.append(([str(script), "check", "--include-tests", "-j", "2", "."], root))
    for command, cwd in runs:
        proc = subprocess.run(command, cwd=cwd, capture_output=True, timeout=180, env=subprocess_env(), check=False)
        assert proc.returncode == 1, proc.stderr.decode()
        assert_no_traceback(proc.stdout.decode(), proc.stderr.decode())
        assert sorted(p.name for p in markers.iterdir()) == [], command
    assert (root / ".readiness_lint_cache").is_dir()  # it did run, with its cache


def test_python_dash_m_from_inside_the_repository_runs_nothing(tmp_path: Path) -> None:
    root, markers = tmp_path / "repo", tmp_path / "markers"
    plant(root, markers)
    proc = run_subprocess(["check", "--no-cache", "."], cwd=root)
    assert proc.returncode == 1
    assert sorted(p.name for p in markers.iterdir()) == []


# --------------------------------------------------------------------------- the standard library


def _stdlib_sample(stdlib: Path, every: int) -> list[str]:
    files = []
    for dirpath, dirnames, filenames in os.walk(stdlib):
        dirnames[:] = sorted(
            d for d in dirnames if d not in SKIP_DIRS and not os.path.isfile(os.path.join(dirpath, d, "pyvenv.cfg"))
        )
        files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return [Path(f).relative_to(stdlib).as_posix() for f in files[::every]]


_LIBCST_VERDICTS = textwrap.dedent(
    """
    import json, sys
    import libcst
    root, verdicts = sys.argv[1], {}
    for rel in json.load(sys.stdin):
        data = open(root + "/" + rel, "rb").read()
        try:
            libcst.parse_module(data)
            verdicts[rel] = "parses"
        except Exception as exc:
            verdicts[rel] = type(exc).__name__
        print(json.dumps([rel, verdicts[rel]]), flush=True)
    """
)


def _libcst_rejects(stdlib: Path, sample: list[str]) -> set[str]:
    """Which sample files libcst rejects, in a child process (a native crash must not end pytest)."""
    proc = subprocess.run(
        [sys.executable, "-c", _LIBCST_VERDICTS, str(stdlib)],
        input=json.dumps(sample).encode(),
        capture_output=True,
        timeout=600,
        check=False,
    )
    verdicts = dict(json.loads(line) for line in proc.stdout.decode().splitlines())
    if proc.returncode != 0:  # libcst itself died on the next file: that one counts as rejected
        crashed = sample[len(verdicts)]
        pytest.fail(f"libcst crashed the interpreter on {crashed}; the sample cannot be cross-checked")
    return {rel for rel, verdict in verdicts.items() if verdict != "parses"}


@pytest.mark.slow
@pytest.mark.parametrize("where", ["stdlib", "purelib"])
def test_smoke_run_over_the_standard_library_and_site_packages(where: str, tmp_path: Path) -> None:
    """Every file of the interpreter's standard library, and of the test environment's installed
    packages: no crash, no traceback, every file libcst rejects listed once."""
    tree = Path(sysconfig.get_paths()[where]).resolve()
    proc = run_subprocess(
        ["check", "--format", "json", "--no-cache", "--include-tests", str(tree)], cwd=tmp_path, timeout=1800
    )
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode in (0, 1), err[-3000:]
    assert_no_traceback(out, err)
    assert "internal error" not in out + err
    doc = json.loads(out)
    assert doc["summary"]["files"] > 500
    counts = error_counts(doc)
    assert all(n == 1 for n in counts.values()), [p for p, n in counts.items() if n > 1]
    assert proc.returncode == (1 if doc["findings"] or counts else 0)
    sample = _stdlib_sample(tree, every=10)
    assert len(sample) > 50
    rejected = _libcst_rejects(tree, sample)
    missing = sorted(rel for rel in rejected if rel not in counts)
    assert missing == [], f"files libcst rejects but the report does not list: {missing}"
    # And the parse errors it lists are real: the reported line is in the file.
    for error in doc["errors"]:
        if error["kind"] == "parse" and error["line"]:
            assert error["line"] <= len((tree / error["path"]).read_bytes().splitlines()) + 1, error


def test_error_paths_are_relative_posix(make_tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_bytes(make_tree({"job.py": JOB}), {"a/b/c/bad.py": b"def (:\n"})
    _, doc, _ = check_json(root, capsys)
    assert [e["path"] for e in doc["errors"]] == ["a/b/c/bad.py"]
    assert not re.search(r"\\|^/", doc["errors"][0]["path"])


# --------------------------------------------------------------------------- every kind of secret, every format

# Built from pieces, so that this file holds no credential for scanners to flag.
EVERY_KIND = {
    "AWS access key id": "AKIA" + "Q3EGRTZPVW4XJ7LN",
    "GitHub token": "ghp_" + "Zq8LrT2vWx9KpM4nB7cD1fG6hJ3sA5eY0uIp",
    "GitHub fine-grained token": "github_pat_" + "11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUV",
    "GitLab token": "glpat-" + "x7Rk2Lm9Qp4Tz8Wv3Yn6",
    "Slack token": "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
    "Slack webhook": "https://hooks.slack.com/services/" + "T0ABCDEF1/B0GHIJKL2/Xy7Zq9Wv2Lm4Tp8Rk3Nb6Hc1",
    "Stripe key": "sk_live_" + "9bX27QmTfKp4LzR8vWn3YdHd",
    "Stripe test key": "sk_test_" + "4qR8nLm2Vx7Tp9Kw3Zc6Yb1e",
    "Google API key": "AIza" + "SyD3kLm9Qp2Rt7Wv4Xz8Nb6Hc1Jf5Gg0EeA",
    "OpenAI-style secret key": "sk-proj-" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7j",
    "JSON Web Token": "eyJ"
    + "hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "password in URL": "Vq8mK2pLx9Tz",
    "key in URL query": "k9Xm2Pq7Lw4Zr8Tv",
    "secret-named literal": "a8f5f167f44f4964e6c998dee827110d",
    "secret fallback": "dev-fallback-Q9x7Lm2Rt",
    "private key body": "MIIEpAIBAAKCAQEA7Lk9Qp2Rt7Wv4Xz8Nb6Hc1Jf5Gg0Ee",
}


def _every_kind_source() -> str:
    s = EVERY_KIND
    lines = [
        "import os",
        "",
        *(
            f"{name.upper().replace(' ', '_').replace('-', '_')} = {value!r}"
            for name, value in s.items()
            if name
            not in {
                "password in URL",
                "key in URL query",
                "secret-named literal",
                "secret fallback",
                "private key body",
            }
        ),
        f"DATABASE_URL = 'postgres://app:{s['password in URL']}@db:5432/app'",
        f"PRICES = 'https://api.example.com/v1/prices?api_key={s['key in URL query']}'",
        f"API_TOKEN = {s['secret-named literal']!r}",
        f"SECRET_KEY = os.getenv('SECRET_KEY', {s['secret fallback']!r})",
        "SIGNING_KEY = '''-----BEGIN RSA PRIVATE KEY-----",
        s["private key body"],
        "-----END RSA PRIVATE KEY-----'''",
        "",
    ]
    return "\n".join(lines)


def test_no_format_and_no_baseline_prints_any_kind_of_secret(
    make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"job.py": JOB, "settings.py": _every_kind_source()})
    _, doc, _ = check_json(root, capsys)
    found = [f for f in doc["findings"] if f["path"] == "settings.py"]
    # Every planted credential is found (the test would prove nothing about ones that are not).
    assert len([f for f in found if f["name"] == "hardcoded-secret"]) >= len(EVERY_KIND) - 1
    assert any(f["name"] == "hardcoded-secret-fallback" for f in found)
    outputs: dict[str, str] = {}
    for fmt in ("text", "json", "concise", "sarif", "github", "gitlab"):
        _, out, err = run_cli(["check", "--no-cache", "--format", fmt, str(root)], capsys)
        outputs[fmt] = out + err
    baseline = tmp_path / "baseline.json"
    run_cli(["check", "--no-cache", "--write-baseline", str(baseline), str(root)], capsys)
    outputs["baseline"] = baseline.read_text(encoding="utf-8")
    for fmt, text in outputs.items():
        for kind, value in EVERY_KIND.items():
            assert value not in text, (fmt, kind)
            assert value[-10:] not in text, (fmt, kind)  # nor any part past a short prefix
