"""The facts cache on real files: hits, misses, invalidation, corrupt entries, concurrent runs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from readiness_lint.cache import FactsCache
from readiness_lint.engine import Options, run
from readiness_lint.model import FileError, FileFacts
from readiness_lint.render import json_format

Tree = Callable[[dict[str, str]], Path]

SERVICE = {
    "app/__init__.py": "",
    "app/main.py": "from fastapi import FastAPI\nfrom app.routes import router\n\napp = FastAPI()\napp.include_router(router)\n",
    "app/routes.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/health')\ndef health():\n    print('ok')\n",
    "broken.py": "def f(:\n",
}


def _run(root: Path, cache_dir: Path, **kwargs: object) -> tuple[str, FactsCache]:
    captured: dict[str, FactsCache] = {}
    original = FactsCache.open

    def spy(directory: Path, fingerprint: str) -> FactsCache:
        captured["cache"] = original(directory, fingerprint)
        return captured["cache"]

    FactsCache.open = staticmethod(spy)  # type: ignore[method-assign,assignment]
    try:
        report = run([str(root)], Options(cache=True, cache_dir=str(cache_dir), **kwargs))  # type: ignore[arg-type]
    finally:
        FactsCache.open = original  # type: ignore[method-assign]
    return json_format.render(report), captured["cache"]


def test_cold_then_warm_gives_the_same_report(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    cold, first = _run(root, cache_dir)
    warm, second = _run(root, cache_dir)
    assert (first.hits, first.misses) == (0, 4)
    assert (second.hits, second.misses) == (4, 0)
    assert warm == cold
    assert (cache_dir / ".gitignore").read_text().strip().endswith("*")
    assert cold == json_format.render(run([str(root)]))  # and the same as no cache at all


def test_changing_one_file_reanalyses_only_that_file(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir)
    (root / "app" / "routes.py").write_text(SERVICE["app/routes.py"].replace("print('ok')", "return {}"))
    report, cache = _run(root, cache_dir)
    assert (cache.hits, cache.misses) == (3, 1)
    assert "bare-print" not in {f["name"] for f in json.loads(report)["findings"]}


def test_rule_selection_and_version_invalidate(make_tree: Tree, tmp_path: Path, monkeypatch: object) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir)
    _, cache = _run(root, cache_dir, ignore=frozenset({"bare-print"}))
    assert cache.hits == 0
    import readiness_lint.cache as cache_module

    monkeypatch.setattr(cache_module, "__version__", "999.0")  # type: ignore[attr-defined]
    _, cache = _run(root, cache_dir)
    assert cache.hits == 0


def test_corrupt_and_foreign_entries_are_ignored_and_rewritten(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    cold, _ = _run(root, cache_dir)
    entries = sorted((cache_dir / "v1").glob("*/*.json"))
    assert len(entries) == 4
    entries[0].write_text("{not json")
    entries[1].write_bytes(b"\x00\xff garbage")
    body = json.loads(entries[2].read_text())
    body["key"] = "0" * 64
    entries[2].write_text(json.dumps(body))
    warm, cache = _run(root, cache_dir)
    assert warm == cold
    assert (cache.hits, cache.misses) == (1, 3)
    _, cache = _run(root, cache_dir)
    assert (cache.hits, cache.misses) == (4, 0)


def test_unwritable_cache_directory_is_reported_once_and_the_run_proceeds(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    report = run([str(root)], Options(cache=True, cache_dir=str(blocker / "cache")))
    assert len(report.notices) == 1 and "cache disabled" in report.notices[0]
    assert [r.entrypoint.path for r in report.entrypoints] == ["app/main.py"]


def test_concurrent_runs_share_the_cache_safely(make_tree: Tree, tmp_path: Path) -> None:
    files = dict(SERVICE)
    for i in range(30):
        files[f"app/mod{i}.py"] = f"import os\n\nos.mkdir('d{i}')\n"
    root = make_tree(files)
    cache_dir = tmp_path / "cache"
    command = [sys.executable, "-m", "readiness_lint", "check", "-f", "json", "--cache-dir", str(cache_dir), str(root)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = []
    for process in runs:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 1, err
        outputs.append(out)
    assert len(set(outputs)) == 1
    warm, cache = _run(root, cache_dir)
    assert json.loads(warm)["findings"] == json.loads(outputs[0])["findings"]
    assert cache.misses == 0
    assert not list(cache_dir.glob("v1/*/.tmp-*"))


def test_facts_round_trip_through_json(make_tree: Tree) -> None:
    from readiness_lint.checks import ALL_RULES
    from readiness_lint.engine import analyze_source

    for path in sorted((Path(__file__).parent.parent / "fixtures").rglob("*.py")):
        facts = analyze_source(path.name, path.read_bytes(), False, ALL_RULES)
        assert not isinstance(facts, FileError)
        assert FileFacts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts


def test_progress_counts_fresh_and_cached_files(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    calls: list[tuple[int, int, int]] = []
    options = Options(cache=True, cache_dir=str(tmp_path / "cache"))
    run([str(root)], options, progress=lambda *args: calls.append(args))
    assert calls == [(1, 4, 0), (2, 4, 0), (3, 4, 0), (4, 4, 0)]
    calls.clear()
    (root / "app" / "routes.py").write_text("x = 1\n")
    run([str(root)], options, progress=lambda *args: calls.append(args))
    assert calls == [(4, 4, 3)]
