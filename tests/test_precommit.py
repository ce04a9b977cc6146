"""The pre-commit hook, for real: the manifest loads, and `pre-commit try-repo` runs it on a service."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "services"


def test_manifest_is_valid_and_its_entry_is_our_script() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "readiness-lint"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_try_repo_on_a_real_repository(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    }
    results = {}
    for name in ("sales_export_before", "sales_export_after"):
        work = tmp_path / name
        shutil.copytree(FIXTURES / name, work)
        _git(work, "init", "-q")
        _git(work, "add", ".")
        subprocess.run(["git", "commit", "-qm", "init"], cwd=work, check=True, capture_output=True, env=env)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(REPO),
                "readiness-lint",
                "--all-files",
                "--color",
                "never",
            ],
            cwd=work,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=900,
        )
        results[name] = proc
    before, after = results["sales_export_before"], results["sales_export_after"]
    assert before.returncode == 1, before.stdout + before.stderr
    assert "Failed" in before.stdout
    assert "hardcoded-secret" in before.stdout and "sk-live-abc123" not in before.stdout
    assert after.returncode == 0, after.stdout + after.stderr
    assert "Passed" in after.stdout
