"""Compare readiness-lint's line rules with bandit, ruff and detect-secrets on labelled services.

Run it with the Python that has readiness-lint installed::

    .venv/bin/python benchmarks/compare.py [--corpus DIR ...] [--details] [--cache-dir D]

Each corpus is a directory laid out as ``scripts/accuracy.py`` reads it: an ``expected.yaml`` of
labels written by reading the code, beside one directory per service (default: the shipped
``fixtures/services/``). Every tool is judged against the same labels, on the same files: the
Python files readiness-lint discovers in a labelled service, tests left out (labels never cover
tests). A peer check counts only where it asks the question one of our rules asks (``CHECKS``);
fixit has none (its built-in rules are about style and idioms), so it has no row.

The labels follow ``docs/rules.md``: a line is labelled only in code an entrypoint reaches, and
a rule only for the kinds it applies to. A peer does not scope its checks so; its findings in
code no entrypoint reaches count as false positives here, which is the question a team asks of
a readiness gate, not of a security scanner. Lines must match exactly (a label's line is where
the offending statement, call or literal starts).

Peers are installed with pip into a throwaway virtual environment under ``--cache-dir`` (the one
``bench.py`` uses) and run once per corpus. Tables go to stdout, progress to stderr; exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from accuracy import Tally  # noqa: E402  (the accuracy script's tally: the same counts)

SHIPPED = ROOT / "fixtures" / "services"
PEERS = {"bandit": "1.9.4", "ruff": "0.17.6", "detect-secrets": "1.5.0"}
LINTER = "readiness-lint"
TOOLS = (LINTER, "bandit", "ruff", "detect-secrets")

# A peer's check -> the rule of ours asking the same question. detect-secrets' every
# plugin answers hardcoded-secret ("*").
CHECKS: dict[str, dict[str, str]] = {
    "bandit": {
        "B105": "hardcoded-secret",  # hardcoded_password_string
        "B106": "hardcoded-secret",  # hardcoded_password_funcarg
        "B107": "hardcoded-secret",  # hardcoded_password_default
        "B110": "swallowed-exception",  # try_except_pass
        "B112": "swallowed-exception",  # try_except_continue
        "B113": "http-call-without-timeout",  # request_without_timeout
        "B201": "debug-mode-enabled",  # flask_debug_true
    },
    "ruff": {
        "S105": "hardcoded-secret",
        "S106": "hardcoded-secret",
        "S107": "hardcoded-secret",
        "S110": "swallowed-exception",
        "S112": "swallowed-exception",
        "S113": "http-call-without-timeout",
        "S201": "debug-mode-enabled",
        "T201": "bare-print",
    },
    "detect-secrets": {"*": "hardcoded-secret"},
}
RULES = ("hardcoded-secret", "bare-print", "swallowed-exception", "http-call-without-timeout", "debug-mode-enabled")

# (rule, service, path, line)
Item = tuple[str, str, str, int]


def log(message: str) -> None:
    print(f"[compare] {message}", file=sys.stderr, flush=True)


def add(total: Tally, other: Tally) -> None:
    total.tp += other.tp
    total.fp += other.fp
    total.fn += other.fn
    total.false_positives += other.false_positives
    total.misses += other.misses


@dataclass
class Corpus:
    root: Path
    labels: dict[str, Any]  # service -> its labels
    files: set[tuple[str, str]]  # (service, path) judged: discovered, not tests


# ---------------------------------------------------------------------------------------
# Reading each tool's output into items. Paths come back absolute or relative to the
# corpus; each is split into (service, path inside the service).


def locate(filename: str, corpus: Corpus) -> tuple[str, str] | None:
    """``(service, path)`` of a file a tool names. The path is made absolute but not resolved: a
    symbolic link inside a service is judged where it is, as the labels name it."""
    path = Path(os.path.abspath(corpus.root / filename))
    try:
        parts = path.relative_to(os.path.abspath(corpus.root)).parts
    except ValueError:
        return None
    if len(parts) < 2:
        return None
    return parts[0], "/".join(parts[1:])


def items(rows: Iterable[tuple[str | None, str, Any]], corpus: Corpus) -> set[Item]:
    """Rows of ``(rule or None, file, line)`` as items, kept where the rule is one of ours and
    the file a judged one."""
    found = set()
    for rule, filename, line in rows:
        place = locate(filename, corpus)
        if rule is not None and place in corpus.files and isinstance(line, int):
            found.add((rule, *place, line))
    return found


def bandit_items(report: Mapping[str, Any], corpus: Corpus) -> set[Item]:
    checks = CHECKS["bandit"]
    rows = ((checks.get(r.get("test_id", "")), r["filename"], r["line_number"]) for r in report.get("results", []))
    return items(rows, corpus)


def ruff_items(report: Iterable[Mapping[str, Any]], corpus: Corpus) -> set[Item]:
    checks = CHECKS["ruff"]
    rows = ((checks.get(r.get("code") or ""), r["filename"], (r.get("location") or {}).get("row")) for r in report)
    return items(rows, corpus)


def detect_secrets_items(report: Mapping[str, Any], corpus: Corpus) -> set[Item]:
    rule = CHECKS["detect-secrets"]["*"]
    results = (report.get("results") or {}).items()
    return items(((rule, name, secret.get("line_number")) for name, found in results for secret in found), corpus)


def labelled_items(corpus: Corpus) -> set[Item]:
    return {
        (f["rule"], service, f["path"], f["line"])
        for service, labels in corpus.labels.items()
        for f in labels.get("findings") or []
        if f["rule"] in RULES
    }


def tally(found: set[Item], labelled: set[Item], corpus: str = "") -> dict[str, Tally]:
    """Each rule's true and false positives and misses; places are named ``corpus/service/path:line``."""
    tallies: dict[str, Tally] = {rule: Tally() for rule in RULES}
    for rule, service, path, line in sorted(found | labelled):
        t = tallies[rule]
        item = (rule, service, path, line)
        where = f"{corpus}/{service}/{path}:{line}" if corpus else f"{service}/{path}:{line}"
        if item in found and item in labelled:
            t.tp += 1
        elif item in found:
            t.fp += 1
            t.false_positives.append(where)
        else:
            t.fn += 1
            t.misses.append(where)
    return tallies


# ---------------------------------------------------------------------------------------
# Running the tools


def load_corpus(root: Path) -> Corpus:
    from readiness_lint.discover import discover

    root = root.resolve()  # (discovery walks resolved paths: `/tmp` a link on macOS)
    data: Any = yaml.safe_load((root / "expected.yaml").read_text(encoding="utf-8"))
    labels: dict[str, Any] = data.get("services") or {}
    files = set()
    for service in labels:
        directory = root / service
        if not directory.is_dir():
            log(f"{directory}: labelled but missing, skipped")
            continue
        sources, _errors = discover([str(directory)], directory)
        files |= {(service, s.rel) for s in sources if not s.is_test}
    return Corpus(root, {k: v for k, v in labels.items() if (root / k).is_dir()}, files)


def linter_items(corpus: Corpus) -> set[Item]:
    from readiness_lint.engine import run

    found: set[Item] = set()
    for service in sorted(corpus.labels):
        report = run([str(corpus.root / service)])
        found |= {
            (f.name, service, f.path, f.line)
            for f in report.findings
            if f.name in RULES and f.line and (service, f.path) in corpus.files
        }
    return found


def run_json(argv: list[str], cwd: Path) -> Any:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{Path(argv[0]).name} exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return json.loads(proc.stdout or "null")


def peer_items(tool: str, exe: Path, corpus: Corpus) -> set[Item]:
    codes = sorted(CHECKS[tool])
    if tool == "bandit":
        report = run_json([str(exe), "-r", "-q", "-f", "json", "-t", ",".join(codes), "."], corpus.root)
        return bandit_items(report, corpus)
    if tool == "ruff":
        argv = [str(exe), "check", "--isolated", "--no-cache", "--exit-zero", "--output-format", "json"]
        report = run_json([*argv, "--select", ",".join(codes), "."], corpus.root)
        return ruff_items(report, corpus)
    report = run_json([str(exe), "scan", "--all-files", "."], corpus.root)
    return detect_secrets_items(report, corpus)


def install_peers(cache: Path) -> tuple[dict[str, Path], dict[str, str]]:
    venv = cache / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        log(f"creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False, capture_output=True)
    found: dict[str, Path] = {}
    versions: dict[str, str] = {}
    for name, version in PEERS.items():
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{name}=={version}"]
        proc = subprocess.run(pip, capture_output=True, text=True, check=False)
        exe = bindir / name
        if proc.returncode != 0 or not exe.exists():
            log(f"{name} not available: {proc.stderr.strip()[-200:]}")
            continue
        found[name] = exe
        versions[name] = version
    return found, versions


# ---------------------------------------------------------------------------------------
# Report


def pct(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f} %" if denominator else "n/a"


def table(results: Mapping[str, Mapping[str, Tally]], seconds: Mapping[str, float]) -> list[str]:
    lines = [
        "| rule | tool | labels | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        for tool in TOOLS:
            if tool not in results or (tool != LINTER and rule not in CHECKS[tool].values()):
                continue
            t = results[tool][rule]
            lines.append(
                f"| `{rule}` | {tool} | {t.tp + t.fn} | {t.tp} | {t.fp} | {t.fn} | {pct(t.tp, t.tp + t.fp)} "
                f"| {pct(t.tp, t.tp + t.fn)} |"
            )
    lines += ["", "| tool | seconds (all corpora) |", "|---|---|"]
    lines += [f"| {tool} | {seconds[tool]:.1f} |" for tool in TOOLS if tool in seconds]
    return lines


def details(results: Mapping[str, Mapping[str, Tally]]) -> list[str]:
    lines = []
    ours = results[LINTER]
    for rule in RULES:
        mine = set(ours[rule].misses)
        for tool, tallies in results.items():
            if tool == LINTER:
                continue
            t = tallies[rule]
            found_by_peer = sorted(mine - set(t.misses))
            if found_by_peer:
                lines.append(f"{rule}: labelled lines {tool} finds and {LINTER} misses:")
                lines += [f"    {x}" for x in found_by_peer]
        lines += [f"{rule}: {LINTER} false positive: {x}" for x in ours[rule].false_positives]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a labelled corpus (repeatable)")
    parser.add_argument("--details", action="store_true", help="list our misses a peer finds, and our FPs")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path.home() / ".cache" / "readiness-lint-bench", help="peers' venv"
    )
    args = parser.parse_args(argv)
    exes, versions = install_peers(args.cache_dir)
    results: dict[str, dict[str, Tally]] = defaultdict(lambda: {rule: Tally() for rule in RULES})
    seconds: dict[str, float] = defaultdict(float)
    corpora = args.corpus or [SHIPPED]
    services = 0
    for root in corpora:
        corpus = load_corpus(root)
        services += len(corpus.labels)
        labelled = labelled_items(corpus)
        runners = {LINTER: lambda c=corpus: linter_items(c)}
        runners |= {tool: (lambda c=corpus, t=tool, e=exe: peer_items(t, e, c)) for tool, exe in exes.items()}
        for tool, runner in runners.items():
            start = time.perf_counter()
            try:
                found = runner()
            except (RuntimeError, json.JSONDecodeError) as error:
                log(f"{root}: {tool} failed: {error}")
                continue
            seconds[tool] += time.perf_counter() - start
            for rule, t in tally(found, labelled, root.name).items():
                add(results[tool][rule], t)
        log(f"{root}: {len(corpus.labels)} services, {len(labelled)} labelled lines")
    print(f"# Line rules against bandit, ruff and detect-secrets: {services} services, {len(corpora)} corpora\n")
    print("Peers: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + "\n")
    print("\n".join(table(results, seconds)))
    if args.details:
        print("\n" + "\n".join(details(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
