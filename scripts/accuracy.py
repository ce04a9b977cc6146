"""Accuracy of readiness-lint on the labelled services in fixtures/services/.

Runs the tool over every service listed in ``fixtures/services/expected.yaml`` (labels
written by reading the code, not the tool's output) and prints, per rule, precision and
recall, and the entrypoint kind accuracy. ``--check`` compares them with the floors in
``fixtures/services/floors.yaml`` and exits 1 when one drops below; the test suite does the
same through :func:`measure`.

    python scripts/accuracy.py [--check] [--details] [--corpus DIR]

``--corpus DIR`` measures another labelled set laid out the same way (``DIR/expected.yaml``
next to one directory per service), for example services the team did not write.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from readiness_lint.checks import ALL_RULES, ServiceRule
from readiness_lint.engine import run

SERVICES = Path(__file__).resolve().parent.parent / "fixtures" / "services"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Accuracy:
    rules: dict[str, Tally]
    kinds_right: int
    kinds_total: int
    extra_entrypoints: list[str]

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.kinds_total if self.kinds_total else 1.0


def load_labels(directory: Path = SERVICES) -> dict[str, Any]:
    data: Any = yaml.safe_load((directory / "expected.yaml").read_text(encoding="utf-8"))
    services: dict[str, Any] = data["services"]
    return services


def measure(directory: Path = SERVICES) -> Accuracy:
    service_rules = {r.name for r in ALL_RULES if issubclass(r, ServiceRule)}
    tallies: dict[str, Tally] = defaultdict(Tally)
    kinds_right = kinds_total = 0
    extra: list[str] = []
    for name, labels in sorted(load_labels(directory).items()):
        report = run([str(directory / name)])
        found_eps = {(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints}
        labelled_eps = {(e["path"], e["kind"]) for e in labels.get("entrypoints") or []}
        kinds_total += len(labelled_eps)
        kinds_right += len(labelled_eps & found_eps)
        extra += [f"{name}/{p} ({k})" for p, k in sorted(found_eps - labelled_eps)]
        for p, k in sorted(labelled_eps - found_eps):
            extra.append(f"{name}/{p} ({k}) MISSED")
        reported_lines = {
            (f.name, f.path, f.line)
            for f in report.findings
            if f.name not in service_rules and f.name != "unused-suppression"
        }
        labelled_lines = {(f["rule"], f["path"], f["line"]) for f in labels.get("findings") or []}
        reported_gaps = {(f.name, f.path) for f in report.findings if f.name in service_rules}
        labelled_gaps = {(g["rule"], g["entrypoint"]) for g in labels.get("gaps") or []}
        for reported, labelled in ((reported_lines, labelled_lines), (reported_gaps, labelled_gaps)):
            for item in reported & labelled:
                tallies[item[0]].tp += 1
            for item in sorted(reported - labelled):
                tallies[item[0]].fp += 1
                tallies[item[0]].false_positives.append(f"{name}/" + ":".join(str(x) for x in item[1:]))
            for item in sorted(labelled - reported):
                tallies[item[0]].fn += 1
                tallies[item[0]].misses.append(f"{name}/" + ":".join(str(x) for x in item[1:]))
    return Accuracy(dict(tallies), kinds_right, kinds_total, extra)


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}"


def render(accuracy: Accuracy, details: bool) -> str:
    lines = [
        f"Entrypoint kind accuracy: {100 * accuracy.kind_accuracy:.1f} % "
        f"({accuracy.kinds_right}/{accuracy.kinds_total})",
        "",
        f"{'rule':<28} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}",
    ]
    for rule in ALL_RULES:
        tally = accuracy.rules.get(rule.name, Tally())
        lines.append(
            f"{rule.name:<28} {tally.tp:>4} {tally.fp:>4} {tally.fn:>4} {_pct(tally.precision):>10} {_pct(tally.recall):>8}"
        )
        if details:
            lines += [f"    false positive: {x}" for x in tally.false_positives]
            lines += [f"    missed:         {x}" for x in tally.misses]
    if details and accuracy.extra_entrypoints:
        lines += ["", "Entrypoints not as labelled:", *[f"    {x}" for x in accuracy.extra_entrypoints]]
    return "\n".join(lines) + "\n"


def below_floors(accuracy: Accuracy, floors: dict[str, Any]) -> list[str]:
    problems = []
    if accuracy.kind_accuracy < floors.get("kind_accuracy", 0):
        problems.append(f"kind accuracy {accuracy.kind_accuracy:.3f} < {floors['kind_accuracy']}")
    for rule, floor in (floors.get("rules") or {}).items():
        tally = accuracy.rules.get(rule, Tally())
        for metric in ("precision", "recall"):
            value = getattr(tally, metric)
            if value is not None and metric in floor and value < floor[metric]:
                problems.append(f"{rule} {metric} {value:.3f} < {floor[metric]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a number is below its floor")
    parser.add_argument("--details", action="store_true", help="list every false positive and miss")
    parser.add_argument("--corpus", type=Path, default=SERVICES, help="a directory with expected.yaml (default: ours)")
    args = parser.parse_args(argv)
    accuracy = measure(args.corpus)
    sys.stdout.write(render(accuracy, args.details))
    if args.check:
        floors: Any = yaml.safe_load((SERVICES / "floors.yaml").read_text(encoding="utf-8"))
        problems = below_floors(accuracy, floors)
        for problem in problems:
            sys.stdout.write(f"BELOW FLOOR: {problem}\n")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
