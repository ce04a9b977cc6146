"""The readiness checklist (severity, weight and kinds of every rule), loaded from YAML.

The file lives in the repository's ``rules/`` directory and is shipped inside the wheel
as ``readiness_lint/_rules/checklist.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from readiness_lint.errors import ConfigError
from readiness_lint.model import KINDS, SEVERITIES, Kind, Severity


@dataclass(frozen=True)
class CheckSpec:
    severity: Severity
    kinds: frozenset[Kind]
    weight: int


@dataclass(frozen=True)
class Checklist:
    checks: dict[str, CheckSpec]
    weights: dict[str, int]

    def spec(self, name: str) -> CheckSpec:
        return self.checks[name]


def checklist_text() -> str:
    """The checklist as shipped (a report reused from the cache must have been scored with it)."""
    return _checklist_text()[0]


def _checklist_text() -> tuple[str, str]:
    packaged = resources.files("readiness_lint").joinpath("_rules/checklist.yaml")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8"), "readiness_lint/_rules/checklist.yaml"
    # A source checkout: the file sits in the repository's rules/ directory.
    source = Path(__file__).resolve().parent.parent / "rules" / "checklist.yaml"
    return source.read_text(encoding="utf-8"), str(source)


@lru_cache(maxsize=1)
def load_checklist() -> Checklist:
    text, origin = _checklist_text()
    return parse_checklist(text, origin)


def parse_checklist(text: str, origin: str) -> Checklist:
    import yaml  # only when a report is assembled, not when a re-run reuses the last one

    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigError(f"{origin}: expected a mapping with 'version: 1'")
    weights = data.get("weights")
    if not isinstance(weights, dict) or set(weights) != set(SEVERITIES):
        raise ConfigError(f"{origin}: 'weights' must give a number for each of {', '.join(SEVERITIES)}")
    checks: dict[str, CheckSpec] = {}
    for name, entry in (data.get("checks") or {}).items():
        if not isinstance(entry, dict):
            raise ConfigError(f"{origin}: checks.{name} must be a mapping")
        severity = entry.get("severity")
        kinds = entry.get("kinds")
        if severity not in SEVERITIES:
            raise ConfigError(f"{origin}: checks.{name}.severity must be one of {', '.join(SEVERITIES)}")
        if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
            raise ConfigError(f"{origin}: checks.{name}.kinds must be a list of {', '.join(KINDS)}")
        checks[name] = CheckSpec(severity=severity, kinds=frozenset(kinds), weight=int(weights[severity]))
    return Checklist(checks=checks, weights={k: int(v) for k, v in weights.items()})
