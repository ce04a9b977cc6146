"""Console scripts a project declares in its packaging metadata, read without running anything.

``[project.scripts]`` and ``[tool.poetry.scripts]`` in ``pyproject.toml`` and
``console_scripts`` in ``setup.cfg`` name the functions that start a process
(``countme-totals = "mirrors_countme.scripts.countme_totals:cli"``). ``setup.py`` is Python
and is never run: its facts carry the same strings (see the extract stage).
"""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# The files console_scripts() reads (a change to them changes the entrypoints).
PACKAGING_FILES = ("pyproject.toml", "setup.cfg")

# "name = package.module:function" as console_scripts lines write it.
ENTRY_POINT = re.compile(r"^\s*[\w.\-\[\] ]+?\s*=\s*([\w.]+\s*:\s*[\w.]+)\s*$")


def console_scripts(directory: Path) -> list[str]:
    """``module:function`` targets declared by the packaging files in ``directory``.

    Unreadable or broken files declare nothing: they are not this tool's configuration.
    """
    targets: list[str] = []
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        try:
            data: Any = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
        project = data.get("project") if isinstance(data, dict) else None
        tool = data.get("tool") if isinstance(data, dict) else None
        poetry = tool.get("poetry") if isinstance(tool, dict) else None
        for table in (
            project.get("scripts") if isinstance(project, dict) else None,
            poetry.get("scripts") if isinstance(poetry, dict) else None,
        ):
            if not isinstance(table, dict):
                continue
            for entry in table.values():
                value = entry.get("callable") or entry.get("reference") if isinstance(entry, dict) else entry
                if isinstance(value, str) and ":" in value:  # poetry also allows {callable = "pkg.mod:main"}
                    targets.append(_clean(value))
    setup_cfg = directory / "setup.cfg"
    if setup_cfg.is_file():
        parser = configparser.RawConfigParser()
        try:
            parser.read_string(setup_cfg.read_text(encoding="utf-8"))
            lines = parser.get("options.entry_points", "console_scripts", fallback="")
        except (OSError, UnicodeDecodeError, configparser.Error):
            lines = ""
        for line in lines.splitlines():
            match = ENTRY_POINT.match(line)
            if match:
                targets.append(_clean(match.group(1)))
    return sorted(set(targets))


def _clean(target: str) -> str:
    module, _, function = target.partition(":")
    function = function.split("[", 1)[0]  # "pkg:main [extra]"
    return f"{module.strip()}:{function.strip()}"
