"""Benchmark readiness-lint against a bare libcst parse, bandit and ruff on real code.

Run it with the Python that has readiness-lint installed (``.venv/bin/python benchmarks/bench.py``).
It builds two corpora (Django's ``django/`` package from PyPI, and the running interpreter's
standard library), copies each into a temporary directory, times every command as a
subprocess and prints one Markdown table per corpus. It never asserts and exits 0.

Standard library only; the peers (bandit, ruff) and the Django download go through pip into
a throwaway virtual environment under ``--cache-dir``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import multiprocessing
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

DJANGO_VERSION = "5.2.19"
PEERS = {"bandit": "1.9.4", "ruff": "0.17.6"}
RUFF_SELECT = "E,F,W,B,S,T20"
TIMEOUT = 3600.0  # seconds, for any one run
VERSION_RUNS = 10
TARGETS = {"floor": 1.5, "speedup": 1.8, "warm": 0.05, "ruff": 10.0, "version_ms": 150.0, "rss_mb": 250.0}
LINTER_OK = frozenset({0, 1})  # 1: gaps found
PEER_OK = frozenset({0, 1})  # 1: issues found
PRUNE_DIRS = frozenset({"site-packages", "dist-packages", "__pycache__"})
THIS_FILE = Path(__file__).resolve()


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# The parse floor: run as a child process (``--parse-floor LIST``) with the linter's Python.


def _parse_one(data: bytes) -> bool:
    import libcst

    try:
        libcst.parse_module(data)
    except Exception:  # syntax errors count as parsed: the linter meets them too
        return False
    return True


def _linter_parse_one(data: bytes) -> bool:
    from readiness_lint.parse import parse

    return not hasattr(parse(data, "floor.py"), "message")


def parse_floor(list_file: Path, jobs: int, linter_parse: bool = False) -> None:
    """Read every listed file in this process, then parse it: here, or in a pool like the engine's.
    ``linter_parse``: with the linter's own parse stage (`readiness_lint.parse.parse`, its checks
    for binary, too deep and undecodable files included), in one process: a reference."""
    import libcst  # noqa: F401  (imported up front, like the linter does)

    paths = list_file.read_text(encoding="utf-8").splitlines()
    items = [Path(p).read_bytes() for p in paths]
    if linter_parse:
        for data in items:
            _linter_parse_one(data)
        return
    if jobs <= 1 or len(items) < 2:
        for data in items:
            _parse_one(data)
        return
    chunk = max(1, min(32, len(items) // (jobs * 4)))  # the engine's chunking
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(processes=jobs) as pool:
        for _ in pool.imap(_parse_one, items, chunksize=chunk):
            pass


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_probe(jobs: int, rounds: int = 3, work: int = 4_000_000) -> float | None:
    """How much faster N processes do N pieces of pure-Python work than one process: the
    machine's own ceiling for any ``--jobs N`` speed-up (a VM's vCPUs may not be real cores)."""
    if jobs <= 1:
        return None
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ratios = []
    with multiprocessing.get_context(method).Pool(processes=jobs) as pool:
        pool.map(_burn, [1] * jobs, chunksize=1)  # workers started before the clock
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(jobs):
                _burn(work)
            serial = time.perf_counter() - start
            start = time.perf_counter()
            pool.map(_burn, [work] * jobs, chunksize=1)
            ratios.append(serial / (time.perf_counter() - start))
    return statistics.median(ratios)


# ---------------------------------------------------------------------------------------
# Tools


@dataclass
class Tools:
    linter: Path
    linter_python: str
    bandit: Path | None = None
    ruff: Path | None = None
    versions: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class RunFailed(Exception):
    pass


def run_quiet(argv: Sequence[str], timeout: float = 900.0, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
    )


def find_linter() -> Path:
    beside = Path(sys.executable).parent / "readiness-lint"
    if beside.exists():
        return beside
    found = shutil.which("readiness-lint")
    if found is None:
        sys.exit("readiness-lint is not installed: run this with the Python that has it (e.g. .venv/bin/python)")
    return Path(found)


def script_python(script: Path) -> str:
    """The interpreter in a console script's shebang, or ours."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    if first.startswith("#!") and " " not in first[2:].strip() and Path(first[2:].strip()).exists():
        return first[2:].strip()
    return sys.executable


def linter_facts(python: str) -> dict[str, str]:
    code = (
        "import json, sys, importlib.metadata as m\n"
        "out = {'python': sys.version.split()[0]}\n"
        "import os, readiness_lint\n"
        "out['package'] = os.path.dirname(readiness_lint.__file__)\n"
        "for d in ('libcst', 'readiness-lint'):\n"
        "    try: out[d] = m.version(d)\n"
        "    except m.PackageNotFoundError: out[d] = 'not installed'\n"
        "print(json.dumps(out))\n"
    )
    proc = run_quiet([python, "-c", code])
    try:
        facts: dict[str, str] = json.loads(proc.stdout)
    except ValueError:
        facts = {"python": "?", "libcst": "?", "readiness-lint": "?"}
    return facts


def source_digest(package: str | None) -> str:
    """A digest of readiness-lint's source, to tell whether it changed while the benchmark ran."""
    if not package:
        return ""
    digest = hashlib.sha256()
    for path in sorted(Path(package).rglob("*.py")):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def bytecode_env(cache: Path) -> None:
    """Let every child write and reuse .pyc files, under the cache rather than the source tree:
    with PYTHONDONTWRITEBYTECODE set (some CI images do), each run would recompile the tool."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")


def make_venv(cache: Path) -> str | None:
    """The throwaway environment's Python, created once."""
    venv = cache / "venv"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        log(f"creating {venv}")
        proc = run_quiet([sys.executable, "-m", "venv", str(venv)])
        if proc.returncode != 0 or not python.exists():
            log(f"cannot create a virtual environment: {proc.stderr.strip()[-300:]}")
            return None
    return str(python)


def install_peers(venv_python: str | None, tools: Tools) -> None:
    if venv_python is None:
        tools.problems.append("no throwaway virtual environment: bandit and ruff not available")
        return
    bindir = Path(venv_python).parent
    for name, version in PEERS.items():
        proc = run_quiet(
            [venv_python, "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{name}=={version}"]
        )
        exe = bindir / name
        if proc.returncode != 0 or not exe.exists():
            tools.problems.append(f"{name} not available: pip install failed ({proc.stderr.strip()[-200:]})")
            continue
        setattr(tools, name, exe)
        first = run_quiet([str(exe), "--version"]).stdout.strip().splitlines()
        tools.versions[name] = first[0] if first else version


# ---------------------------------------------------------------------------------------
# Corpora


@dataclass
class Corpus:
    name: str
    root: Path  # the directory handed to every tool
    files: list[Path]
    lines: int
    size: int
    touch: Path  # the file the "one file touched" run appends to
    source: str


def pip_command(venv_python: str | None) -> list[str]:
    return [venv_python or sys.executable, "-m", "pip", "--disable-pip-version-check"]


def fetch_django(cache: Path, pip: list[str]) -> Path:
    """Django's ``django/`` package directory, downloaded and unpacked once into the cache."""
    target = cache / f"django-{DJANGO_VERSION}"
    package = target / "django"
    if (package / "__init__.py").exists():
        return package
    downloads = cache / "downloads"
    spec = f"django=={DJANGO_VERSION}"
    for binary in (["--only-binary", ":all:"], ["--no-binary", ":all:"]):
        proc = run_quiet([*pip, "download", "-q", "--no-deps", *binary, "-d", str(downloads), spec])
        if proc.returncode == 0:
            break
    archives = sorted(downloads.glob(f"[Dd]jango-{DJANGO_VERSION}*"))
    if not archives:
        raise RuntimeError(f"pip download {spec} failed: {proc.stderr.strip()[-300:]}")
    unpack = cache / f"unpack-django-{DJANGO_VERSION}"
    shutil.rmtree(unpack, ignore_errors=True)
    archive = archives[0]
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            wheel.extractall(unpack)
        found = unpack / "django"
    else:
        with tarfile.open(archive) as sdist:
            if hasattr(tarfile, "data_filter"):
                sdist.extractall(unpack, filter="data")
            else:
                sdist.extractall(unpack)  # an sdist from PyPI, on a Python without filters
        found = next(unpack.glob("*/django"))
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.move(str(found), package)
    shutil.rmtree(unpack, ignore_errors=True)
    return package


def stdlib_dir() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def copy_python_files(source: Path, destination: Path) -> None:
    """Copy the ``.py`` files of a tree (no symlinks, no site-packages or caches)."""
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if d not in PRUNE_DIRS and not os.path.islink(Path(dirpath, d)))
        out = destination / Path(dirpath).relative_to(source)
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if name.endswith(".py") and path.is_file() and not path.is_symlink():
                out.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out / name)


def linter_file_set(python: str, root: Path) -> set[str] | None:
    """The files readiness-lint discovers under ``root`` (tests included), relative, or None."""
    code = (
        "import sys\n"
        "from readiness_lint.discover import discover, scan_root\n"
        "root = scan_root([sys.argv[1]])\n"
        "files, _ = discover([sys.argv[1]], root)\n"
        "print('\\n'.join(f.rel for f in files))\n"
    )
    proc = run_quiet([python, "-c", code, str(root)])
    if proc.returncode != 0:
        log(f"cannot list readiness-lint's files, keeping every .py file: {proc.stderr.strip()[-200:]}")
        return None
    return set(proc.stdout.split())


def prune_to(root: Path, keep: set[str] | None) -> list[Path]:
    """Delete the files readiness-lint would skip, so that every tool sees the same files."""
    files = sorted(root.rglob("*.py"))
    if keep is None:
        return files
    kept = []
    for path in files:
        if path.relative_to(root).as_posix() in keep:
            kept.append(path)
        else:
            path.unlink()
    return kept


def build_corpus(name: str, source: Path, workspace: Path, python: str, package_name: str | None) -> Corpus:
    root = workspace / f"corpus-{name}"
    copy_python_files(source, root / package_name if package_name else root)
    files = prune_to(root, linter_file_set(python, root))
    sizes = {path: path.stat().st_size for path in files}
    lines = 0
    for path in files:
        data = path.read_bytes()
        lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    by_size = sorted(files, key=lambda p: (sizes[p], str(p)))
    return Corpus(name, root, files, lines, sum(sizes.values()), by_size[len(by_size) // 2], str(source))


# ---------------------------------------------------------------------------------------
# Timing


def run_timed(argv: Sequence[str], cwd: Path, ok: AbstractSet[int], env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one subprocess run; raises RunFailed on an unexpected exit code."""
    start = time.perf_counter()
    proc = subprocess.run(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise RunFailed(f"{Path(argv[0]).name} exited {proc.returncode}: {tail[0][:200]}")
    return elapsed


def same_run(
    argv: Sequence[str], cwd: Path, ok: AbstractSet[int], env: dict[str, str] | None = None
) -> Callable[[int], float]:
    """A ``one_run`` that times the same command every round."""

    def one_run(_i: int) -> float:
        return run_timed(argv, cwd, ok, env)

    return one_run


def unavailable(why: str) -> Callable[[int], float]:
    def one_run(_i: int) -> float:
        raise RunFailed(why)

    return one_run


@dataclass
class Measure:
    """One row of a table: a command timed once per round; ``one_run(i)`` prepares and times round i."""

    key: str
    label: str
    processes: str
    one_run: Callable[[int], float]
    floor_key: str = ""  # the floor with the same number of processes
    needs: str = ""  # a measure that must have succeeded in the same round first
    runs: list[float] = field(default_factory=list)
    failure: str = ""

    def median(self) -> float | None:
        return None if self.failure or not self.runs else statistics.median(self.runs)

    def spread(self) -> str:
        return "n/a" if self.failure or not self.runs else f"{min(self.runs):.2f}–{max(self.runs):.2f}"


def run_rounds(measures: Sequence[Measure], repeat: int, name: str, verbose: bool = True) -> None:
    """Every measure once per round, ``repeat`` rounds: a machine whose speed drifts (a shared VM)
    then slows all measures alike instead of whichever happened to run during the slow minutes."""
    by_key = {m.key: m for m in measures}
    for i in range(repeat):
        for measure in measures:
            needed = by_key.get(measure.needs)
            if needed is not None and len(needed.runs) <= i:
                measure.failure = measure.failure or f"needs {needed.label}, which failed"
            if measure.failure:
                continue
            try:
                measure.runs.append(measure.one_run(i))
            except (RunFailed, subprocess.TimeoutExpired, OSError) as exc:
                measure.failure = str(exc)
                log(f"{name}: {measure.key} failed: {exc}")
        done = [f"{m.key} {m.runs[i]:.2f}s" for m in measures if len(m.runs) > i]
        if verbose:
            log(f"{name} round {i + 1}/{repeat}: {', '.join(done)}")


def check_argv(tools: Tools, corpus: Corpus, jobs: int, cache_dir: Path | None) -> list[str]:
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    # --include-tests: the corpora keep their test files, and the peers and the floor read them too.
    options = ["--include-tests", "-f", "json", "-o", os.devnull, "--jobs", str(jobs)]
    return [str(tools.linter), "check", str(corpus.root), *cache, *options]


def ruff_argv(ruff: Path, corpus: Corpus, cache_dir: Path | None) -> list[str]:
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    options = ["--isolated", *cache, "--select", RUFF_SELECT, "--output-format", "json", "-o", os.devnull]
    return [str(ruff), "check", *options, str(corpus.root)]


def peak_rss(argv: Sequence[str], cwd: Path) -> tuple[int | None, str]:
    """Max RSS in bytes over the run's process tree (the largest single process), and the method."""
    if Path("/usr/bin/time").exists():
        proc = subprocess.run(
            ["/usr/bin/time", "-v", *argv], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        return (int(match.group(1)) * 1024 if match else None), "/usr/bin/time -v"
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *argv], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    try:
        value = int(proc.stdout.strip())
    except ValueError:
        return None, "getrusage(RUSAGE_CHILDREN) in a fresh wrapper process"
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return value * scale, "getrusage(RUSAGE_CHILDREN) in a fresh wrapper process"


# ---------------------------------------------------------------------------------------
# One corpus


@dataclass
class CorpusReport:
    corpus: Corpus
    measures: dict[str, Measure] = field(default_factory=dict)
    rss: dict[str, int | None] = field(default_factory=dict)
    rss_method: str = ""
    summary: str = ""
    probes: list[float | None] = field(default_factory=list)

    def seconds(self, key: str) -> float | None:
        measure = self.measures.get(key)
        return measure.median() if measure else None


def touch(path: Path, i: int) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n# readiness-lint bench: touched {i} at {time.time()}\n")


def floor_measures(corpus: Corpus, tools: Tools, workspace: Path, jobs: int) -> list[Measure]:
    listing = workspace / f"files-{corpus.name}.txt"
    listing.write_text("\n".join(str(p) for p in corpus.files) + "\n", encoding="utf-8")
    out = []
    for n in sorted({1, jobs}):
        argv = [tools.linter_python, str(THIS_FILE), "--parse-floor", str(listing), "--jobs", str(n)]
        label = f"parse floor: `libcst.parse_module`, {n} process(es)"
        out.append(Measure(f"floor{n}", label, str(n), same_run(argv, workspace, {0}), f"floor{n}"))
    argv = [tools.linter_python, str(THIS_FILE), "--parse-floor", str(listing), "--jobs", "1", "--linter-parse"]
    label = "the linter's parse stage alone (`readiness_lint.parse.parse`), 1 process"
    out.append(Measure("own_parse1", label, "1", same_run(argv, workspace, {0}), "floor1"))
    return out


def linter_measures(corpus: Corpus, tools: Tools, workspace: Path, jobs: int) -> list[Measure]:
    out = []
    for n in sorted({1, jobs}):
        run = same_run(check_argv(tools, corpus, n, None), workspace, LINTER_OK)
        out.append(Measure(f"cold{n}", f"`check --no-cache --jobs {n}` (cold)", str(n), run, f"floor{n}"))

    def cache_dir(i: int) -> Path:
        return workspace / f"cache-{corpus.name}-{i}"  # a fresh one per round

    def cold_run(i: int) -> float:
        return run_timed(check_argv(tools, corpus, jobs, cache_dir(i)), workspace, LINTER_OK)

    def warm_run(i: int) -> float:
        return run_timed(check_argv(tools, corpus, jobs, cache_dir(i)), workspace, LINTER_OK)

    def touched_run(i: int) -> float:
        touch(corpus.touch, i)
        return run_timed(check_argv(tools, corpus, jobs, cache_dir(i)), workspace, LINTER_OK)

    touched = corpus.touch.relative_to(corpus.root).as_posix()
    floor = f"floor{jobs}"
    return [
        *out,
        Measure("cache_cold", f"`check --cache-dir D --jobs {jobs}`, empty D (cold)", str(jobs), cold_run, floor),
        Measure("warm", "same D, nothing changed (warm)", str(jobs), warm_run, floor, needs="cache_cold"),
        Measure("touched", f"same D, one file touched (`{touched}`)", str(jobs), touched_run, floor, needs="warm"),
    ]


def peer_measures(corpus: Corpus, tools: Tools, workspace: Path, jobs: int) -> list[Measure]:
    bandit_label = "`bandit -r -q -f json` (all tests)"
    if tools.bandit is None:
        bandit = Measure("bandit", bandit_label, "1", unavailable("bandit not available"), "floor1")
    else:
        argv = [str(tools.bandit), "-r", str(corpus.root), "-q", "-f", "json", "-o", os.devnull]
        bandit = Measure("bandit", bandit_label, "1", same_run(argv, workspace, PEER_OK), "floor1")
    cold_label = f"`ruff check --no-cache --select {RUFF_SELECT}` (cold)"
    warm_label = f"`ruff check --select {RUFF_SELECT}` (warm, own cache)"
    threads, floor = f"{jobs} threads", f"floor{jobs}"
    if tools.ruff is None:
        missing = unavailable("ruff not available")
        return [
            bandit,
            Measure("ruff_cold", cold_label, threads, missing, floor),
            Measure("ruff_warm", warm_label, threads, missing, floor),
        ]
    env = {**os.environ, "RAYON_NUM_THREADS": str(jobs)}  # ruff's threads, like our processes
    warm_argv = ruff_argv(tools.ruff, corpus, workspace / f"ruff-cache-{corpus.name}")

    def ruff_warm(i: int) -> float:
        if i == 0:
            run_timed(warm_argv, workspace, PEER_OK, env)  # fills ruff's cache, untimed
        return run_timed(warm_argv, workspace, PEER_OK, env)

    cold_run = same_run(ruff_argv(tools.ruff, corpus, None), workspace, PEER_OK, env)
    return [
        bandit,
        Measure("ruff_cold", cold_label, threads, cold_run, floor),
        Measure("ruff_warm", warm_label, threads, ruff_warm, floor),
    ]


def measure_memory(report: CorpusReport, tools: Tools, workspace: Path, jobs: int) -> None:
    """One more cold run per process count, under /usr/bin/time; the N-process one also writes the report."""
    corpus = report.corpus
    out = workspace / f"report-{corpus.name}.json"
    for n in sorted({1, jobs}):
        argv = check_argv(tools, corpus, n, None)
        if n == jobs:
            argv[argv.index(os.devnull)] = str(out)
        report.rss[f"jobs{n}"], report.rss_method = peak_rss(argv, workspace)
        log(f"{corpus.name} peak RSS jobs={n}: {report.rss[f'jobs{n}']} bytes")
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
        gaps = data["summary"]["gaps"]
        report.summary = (
            f"readiness-lint analysed {data['summary']['files']} files: {len(data['entrypoints'])} entrypoints, "
            f"{sum(gaps.values())} gaps, {len(data['errors'])} files not analysed (parse errors), score {data['score']}"
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        report.summary = f"(no JSON report from the memory run: {exc})"


def warm_up(tools: Tools, corpus: Corpus, workspace: Path) -> None:
    """One untimed run of each tool on a single file: bytecode compiled, binaries in the page cache."""
    tiny = workspace / "warm-up"
    tiny.mkdir(exist_ok=True)
    shutil.copyfile(corpus.touch, tiny / "module.py")
    commands = [[str(tools.linter), "check", str(tiny), "--no-cache", "-f", "json", "-o", os.devnull]]
    if tools.bandit is not None:
        commands.append([str(tools.bandit), "-r", str(tiny), "-q", "-f", "json", "-o", os.devnull])
    if tools.ruff is not None:
        commands.append([str(tools.ruff), "check", "--isolated", "--no-cache", str(tiny)])
    for argv in commands:
        subprocess.run(argv, cwd=workspace, capture_output=True, timeout=TIMEOUT, check=False)


def bench_corpus(corpus: Corpus, tools: Tools, workspace: Path, jobs: int, repeat: int) -> CorpusReport:
    report = CorpusReport(corpus)
    warm_up(tools, corpus, workspace)
    measures = [
        *floor_measures(corpus, tools, workspace, jobs),
        *linter_measures(corpus, tools, workspace, jobs),
        *peer_measures(corpus, tools, workspace, jobs),
    ]
    report.measures = {m.key: m for m in measures}
    report.probes.append(parallel_probe(jobs))
    run_rounds(measures, repeat, corpus.name)
    report.probes.append(parallel_probe(jobs))
    measure_memory(report, tools, workspace, jobs)
    return report


# ---------------------------------------------------------------------------------------
# Output


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "n/a"
    if value <= target if not higher_is_better else value >= target:
        return "meets"
    off = (target / value - 1) if higher_is_better else (value / target - 1)
    return f"**misses** by {off:.0%}"


def corpus_table(report: CorpusReport) -> list[str]:
    out = ["| measure | processes | median s | min–max s | × floor (same processes) |", "|---|---|---|---|---|"]
    for m in report.measures.values():
        vs_floor = times(ratio(m.median(), report.seconds(m.floor_key)))
        out.append(f"| {m.label} | {m.processes} | {seconds(m.median())} | {m.spread()} | {vs_floor} |")
    return out


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def ratio_table(report: CorpusReport, version_s: float | None, jobs: int) -> list[str]:
    """The derived ratios the project tracks, each with its target and whether it is met."""

    s = report.seconds

    def mb(key: str) -> float | None:
        value = report.rss.get(key)
        return None if value is None else value / 1e6

    out = ["| ratio | value | target | verdict |", "|---|---|---|---|"]

    def add(label: str, value: str, target: str = "—", judged: str = "—") -> None:
        out.append(f"| {label} | {value} | {target} | {judged} |")

    for n in sorted({1, jobs}):
        value = ratio(s(f"cold{n}"), s(f"floor{n}"))
        add(f"cold check / parse floor, {n} process(es)", times(value), "≤ 1.5×", verdict(value, TARGETS["floor"]))
    own = ratio(s("cold1"), s("own_parse1"))
    add("cold check / the linter's own parse stage alone, 1 process", times(own), "—", "(reference)")
    speedup = ratio(s("cold1"), s(f"cold{jobs}"))
    add(
        f"speed-up, jobs 1 / jobs {jobs}",
        times(speedup),
        "≥ 1.8× on 2 cores",
        verdict(speedup, TARGETS["speedup"], True),
    )
    add(f"parse floor speed-up, 1 / {jobs} processes", times(ratio(s("floor1"), s(f"floor{jobs}"))), "—", "(reference)")
    warm = ratio(s("warm"), s("cache_cold"))
    add("warm / cold (with cache)", percent(warm), "≤ 5 %", verdict(warm, TARGETS["warm"]))
    add("warm with one file touched / cold", percent(ratio(s("touched"), s("cache_cold"))))
    add("cold check jobs 1 / bandit", times(ratio(s("cold1"), s("bandit"))), "—", "(< 1: faster than bandit)")
    add(f"cold check jobs {jobs} / bandit", times(ratio(s(f"cold{jobs}"), s("bandit"))), "—", "(bandit: 1 process)")
    add("cold check / ruff cold", times(ratio(s(f"cold{jobs}"), s("ruff_cold"))))
    vs_ruff = ratio(s("warm"), s("ruff_warm"))
    add("warm check / ruff warm", times(vs_ruff), "≤ 10×", verdict(vs_ruff, TARGETS["ruff"]))
    version_ms = None if version_s is None else version_s * 1000
    version_text = "n/a" if version_ms is None else f"{version_ms:.0f} ms"
    add(f"`--version` (median of {VERSION_RUNS})", version_text, "≤ 150 ms", verdict(version_ms, TARGETS["version_ms"]))
    for n in sorted({1, jobs}):
        value = mb(f"jobs{n}")
        label = f"peak RSS, cold check jobs {n}" + (" (largest process)" if n > 1 else "")
        add(label, "n/a" if value is None else f"{value:.0f} MB", "≤ 250 MB", verdict(value, TARGETS["rss_mb"]))
    return out


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def header(tools: Tools, args: argparse.Namespace, jobs: int) -> list[str]:
    facts = tools.versions
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"# readiness-lint benchmark, {now}",
        "",
        f"- machine: {platform.platform()} ({platform.machine()}), {cpu_model()}, "
        f"{os.cpu_count()} CPUs ({usable} usable)",
        f"- readiness-lint {facts.get('readiness-lint', '?')} on Python {facts.get('python', '?')}, "
        f"libcst {facts.get('libcst', '?')}",
        f"- peers: {facts.get('bandit', 'bandit n/a')}; {facts.get('ruff', 'ruff n/a')} "
        f"(`--isolated`, RAYON_NUM_THREADS={jobs})",
        f"- N = {jobs} processes (`--jobs {jobs}`); medians of {args.repeat} rounds, each running every measure "
        "once; wall-clock of whole commands (start-up included, the floor's too); every readiness-lint run uses "
        "`--include-tests -f json -o /dev/null`; bytecode cached under the cache dir (PYTHONPYCACHEPREFIX)",
    ]


def print_report(report: CorpusReport, version_s: float | None, jobs: int) -> None:
    corpus = report.corpus
    lines = [
        "",
        f"## {corpus.name}: {len(corpus.files)} files, {corpus.lines:,} lines, {corpus.size / 1e6:.1f} MB",
        "",
        f"Source: `{corpus.source}` (only the `.py` files readiness-lint discovers; the same files for every tool).",
        "",
        *corpus_table(report),
        "",
        *ratio_table(report, version_s, jobs),
        "",
        f"- {report.summary}",
        f"- peak RSS measured with {report.rss_method or 'n/a'}; with worker processes it is the largest single process",
        f"- CPU parallelism probe ({jobs} processes of pure-Python work vs one; ideal {jobs}×, the ceiling of any "
        f"speed-up above): {' before, '.join(times(p) for p in report.probes)} after the rounds",
    ]
    lines.extend(f"- n/a: {m.label}: {m.failure}" for m in report.measures.values() if m.failure)
    print("\n".join(lines), flush=True)


# ---------------------------------------------------------------------------------------
# Main


def default_cache() -> Path:
    home = Path.home() / ".cache" / "readiness-lint-bench"
    try:
        home.mkdir(parents=True, exist_ok=True)
        return home
    except OSError:
        return Path(tempfile.gettempdir()) / "readiness-lint-bench"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=["django", "stdlib", "all"], default="all")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (the median is reported)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N processes (default: all cores)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="downloads and the peers' venv")
    parser.add_argument("--parse-floor", type=Path, help=argparse.SUPPRESS)  # internal: the floor's child
    parser.add_argument("--linter-parse", action="store_true", help=argparse.SUPPRESS)  # internal: with it
    return parser.parse_args(argv)


def setup_tools(cache: Path) -> tuple[Tools, str | None]:
    linter = find_linter()
    tools = Tools(linter=linter, linter_python=script_python(linter))
    tools.versions.update(linter_facts(tools.linter_python))
    venv_python = make_venv(cache)
    install_peers(venv_python, tools)
    return tools, venv_python


def corpora(names: list[str], cache: Path, workspace: Path, tools: Tools, pip: list[str]) -> list[Corpus]:
    built = []
    for name in names:
        log(f"building corpus {name}")
        try:
            if name == "django":
                built.append(build_corpus(name, fetch_django(cache, pip), workspace, tools.linter_python, "django"))
            else:
                built.append(build_corpus(name, stdlib_dir(), workspace, tools.linter_python, None))
        except (OSError, RuntimeError, StopIteration, subprocess.SubprocessError) as exc:
            print(f"\n## {name}: not available ({exc})", flush=True)
    return built


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    jobs = max(1, args.jobs)
    if args.parse_floor is not None:
        parse_floor(args.parse_floor, jobs, args.linter_parse)
        return 0
    repeat = max(1, args.repeat)
    cache = args.cache_dir or default_cache()
    cache.mkdir(parents=True, exist_ok=True)
    bytecode_env(cache)
    tools, venv_python = setup_tools(cache)
    digest = source_digest(tools.versions.get("package"))
    print("\n".join(header(tools, args, jobs)), flush=True)
    for problem in tools.problems:
        print(f"- {problem}", flush=True)
    workspace = Path(tempfile.mkdtemp(prefix="readiness-lint-bench-"))
    try:
        subprocess.run([str(tools.linter), "--version"], capture_output=True, check=False)  # untimed warm-up
        version = Measure("version", "--version", "1", same_run([str(tools.linter), "--version"], workspace, {0}))
        run_rounds([version], VERSION_RUNS, "--version", verbose=False)
        log(f"--version: median {seconds(version.median())}s")
        names = ["django", "stdlib"] if args.corpus == "all" else [args.corpus]
        for corpus in corpora(names, cache, workspace, tools, pip_command(venv_python)):
            report = bench_corpus(corpus, tools, workspace, jobs, repeat)
            print_report(report, version.median(), jobs)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    if digest != source_digest(tools.versions.get("package")):
        print("\n**Warning:** readiness-lint's source changed while the benchmark ran: results mix versions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
