"""Configuration files: ``[tool.readiness-lint]`` in pyproject.toml, or ``.readiness-lint.yaml``.

The closest file above the first target that has a configuration wins (a pyproject.toml
without the section is skipped; in one directory the YAML file comes first). Paths and
globs in a file are relative to the file's directory. Unknown keys and wrong types are
errors naming the file and the key. The command line beats the file, which beats the
defaults: the CLI does that merge.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness_lint.errors import ConfigError
from readiness_lint.model import KINDS, SEVERITIES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

YAML_NAMES = (".readiness-lint.yaml", ".readiness-lint.yml")
SECTION = "readiness-lint"


@dataclass(frozen=True)
class RuleSettings:
    """Per-rule options that change what the per-file stage records."""

    heartbeat_calls: tuple[str, ...] = ()
    metrics_calls: tuple[str, ...] = ()
    logging_calls: tuple[str, ...] = ()
    secret_allowlist: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        return repr((self.heartbeat_calls, self.metrics_calls, self.logging_calls, self.secret_allowlist))


@dataclass(frozen=True)
class FileConfig:
    """What a configuration file says, validated; ``None`` means 'not set here'."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_under: int | None = None
    fail_on: str | None = None
    include_tests: bool | None = None
    max_file_size: int | None = None
    entrypoints: tuple[tuple[str, str], ...] = ()
    settings: RuleSettings = field(default_factory=RuleSettings)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path is not None else None


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start`` (a directory or a file)."""
    directory = start if start.is_dir() else start.parent
    for candidate in [directory, *directory.parents]:
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        # A broken pyproject.toml that might hold our section is an error, not "no config".
        try:
            return f"[tool.{SECTION}" in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(data.get("tool"), dict) and SECTION in data["tool"]


def load_config(path: Path) -> FileConfig:
    """Read and validate one configuration file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    if path.name in YAML_NAMES:
        import yaml  # only when a YAML configuration file is read

        try:
            raw: Any = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from exc
        except RecursionError as exc:
            raise ConfigError(f"{path}: invalid YAML: nested too deeply") from exc
        if raw is None:
            raw = {}
    else:
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
        except RecursionError as exc:
            raise ConfigError(f"{path}: invalid TOML: nested too deeply") from exc
        tool = document.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool: expected a table")
        raw = tool.get(SECTION, {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    return _validate(raw, path)


_RULE_OPTION_KEYS = {
    "missing-heartbeat": {"extra-calls": "heartbeat_calls"},
    "missing-metrics": {"extra-calls": "metrics_calls"},
    "missing-logging": {"extra-calls": "logging_calls"},
    "hardcoded-secret": {"allowlist": "secret_allowlist"},
}
_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "fail-under",
    "fail-on",
    "include-tests",
    "max-file-size",
    "entrypoints",
    *_RULE_OPTION_KEYS,
}


def _validate(raw: Mapping[str, Any], path: Path) -> FileConfig:
    from readiness_lint.checks import rule_by_key

    def where(key: str) -> str:
        return f"{path}: {key}"

    not_text = [key for key in raw if not isinstance(key, str)]
    if not_text:
        raise ConfigError(f"{path}: {not_text[0]!r}: keys must be strings")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(f"{where(unknown[0])}: unknown key (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where(key)}: expected a list of strings")
        return tuple(value)

    def globs(key: str, value: Any) -> tuple[str, ...]:
        patterns = strings(key, value)
        for pattern in patterns:
            try:
                import pathspec

                pathspec.GitIgnoreSpec.from_lines([pattern])
            except Exception as exc:  # pathspec's own error types, and re.error
                raise ConfigError(f"{where(key)}: invalid pattern {pattern!r}: {exc}") from exc
        return patterns

    def rules(key: str, value: Any) -> tuple[str, ...]:
        names = []
        for item in strings(key, value):
            rule = rule_by_key(item)
            if rule is None:
                raise ConfigError(f"{where(key)}: unknown rule {item!r}")
            names.append(rule.name)
        return tuple(names)

    values: dict[str, Any] = {"path": path}
    if "select" in raw:
        values["select"] = rules("select", raw["select"])
    if "extend-select" in raw:
        values["extend_select"] = rules("extend-select", raw["extend-select"])
    if "ignore" in raw:
        values["ignore"] = rules("ignore", raw["ignore"])
    if "exclude" in raw:
        values["exclude"] = globs("exclude", raw["exclude"])
    if "extend-exclude" in raw:
        values["extend_exclude"] = globs("extend-exclude", raw["extend-exclude"])
    if "per-file-ignores" in raw:
        table = raw["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where('per-file-ignores')}: expected a table of glob = [rules]")
        values["per_file_ignores"] = tuple(
            (globs("per-file-ignores", [str(glob)])[0], rules(f"per-file-ignores.{glob}", codes))
            for glob, codes in table.items()
        )
    if "fail-under" in raw:
        score = raw["fail-under"]
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
            raise ConfigError(f"{where('fail-under')}: expected an integer from 0 to 100")
        values["fail_under"] = score
    if "fail-on" in raw:
        if raw["fail-on"] not in SEVERITIES:
            raise ConfigError(f"{where('fail-on')}: expected one of {', '.join(SEVERITIES)}")
        values["fail_on"] = raw["fail-on"]
    if "include-tests" in raw:
        if not isinstance(raw["include-tests"], bool):
            raise ConfigError(f"{where('include-tests')}: expected true or false")
        values["include_tests"] = raw["include-tests"]
    if "max-file-size" in raw:
        size = parse_size(raw["max-file-size"])
        if size is None:
            raise ConfigError(
                f'{where("max-file-size")}: expected a size such as 2097152, "500KB" or "4MB" (0: no limit)'
            )
        values["max_file_size"] = size
    if "entrypoints" in raw:
        values["entrypoints"] = _entrypoints(raw["entrypoints"], where)
    settings: dict[str, tuple[str, ...]] = {}
    for rule_name, options in _RULE_OPTION_KEYS.items():
        if rule_name not in raw:
            continue
        table = raw[rule_name]
        if not isinstance(table, dict):
            raise ConfigError(f"{where(rule_name)}: expected a table of options")
        for key, value in table.items():
            if key not in options:
                raise ConfigError(f"{where(f'{rule_name}.{key}')}: unknown option (known: {', '.join(options)})")
            settings[options[key]] = strings(f"{rule_name}.{key}", value)
            if key == "allowlist":
                for pattern in settings[options[key]]:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ConfigError(
                            f"{where(rule_name + '.allowlist')}: invalid regular expression {pattern!r}: {exc}"
                        ) from exc
    values["settings"] = RuleSettings(**settings)
    return FileConfig(**values)


def _entrypoints(value: Any, where: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{where('entrypoints')}: expected a list of {{path, kind}} tables")
    out = []
    for index, item in enumerate(value):
        key = f"entrypoints[{index}]"
        if not isinstance(item, dict) or set(item) - {"path", "kind"} or "path" not in item or "kind" not in item:
            raise ConfigError(f"{where(key)}: expected a table with 'path' and 'kind'")
        if not isinstance(item["path"], str):
            raise ConfigError(f"{where(key + '.path')}: expected a string")
        if item["kind"] not in (*KINDS, "none"):
            raise ConfigError(f"{where(key + '.kind')}: expected one of api, worker, job, none")
        out.append((item["path"], item["kind"]))
    return tuple(out)


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(|b|bytes?|k|kb|kib|m|mb|mib)\s*", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "byte": 1, "bytes": 1, "k": 1024, "kb": 1024, "kib": 1024}
_UNITS.update({"m": 1024 * 1024, "mb": 1024 * 1024, "mib": 1024 * 1024})


def parse_size(value: object) -> int | None:
    """A file size in bytes from ``4194304``, ``"500KB"`` or ``"4 MB"`` (binary units); None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _SIZE.fullmatch(value)
    if match is None:
        return None
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])
