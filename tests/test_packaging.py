"""The wheel works on its own: it carries the checklist, the JSON Schema and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("readiness_lint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        checklist = archive.read("readiness_lint/_rules/checklist.yaml").decode()
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        metadata = next(archive.read(n).decode() for n in names if n.endswith("/METADATA"))
    assert checklist == (REPO / "rules" / "checklist.yaml").read_text(encoding="utf-8")
    assert "readiness_lint/schemas/report-v1.schema.json" in names
    assert "readiness_lint/__main__.py" in names
    assert "readiness-lint = readiness_lint.console:entry" in entry_points
    assert not any(n.startswith(("tests/", "fixtures/")) for n in names)
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    for dependency in ("typer", "libcst", "rich", "pyyaml", "pathspec"):
        assert any(dependency in line.lower() for line in requires), dependency
    assert any("tomli" in line and "python_version < '3.11'" in line for line in requires)
