"""The facts cache on real files: hits, misses, invalidation, corrupt entries, concurrent runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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
    assert (first.hits, first.misses, first.report_hit) == (0, 4, False)
    assert (second.hits, second.misses, second.report_hit) == (0, 0, True)  # the whole report, no file entries
    assert warm == cold
    shutil.rmtree(cache_dir / "runs")
    from_files, third = _run(root, cache_dir)
    assert (third.hits, third.misses, third.report_hit) == (4, 0, False)
    assert from_files == cold
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
    assert cache.hits == 0 and not cache.report_hit
    import readiness_lint.cache as cache_module

    monkeypatch.setattr(cache_module, "__version__", "999.0")  # type: ignore[attr-defined]
    _, cache = _run(root, cache_dir)
    assert cache.hits == 0 and not cache.report_hit


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
    shutil.rmtree(cache_dir / "runs")  # the file entries, not the last report
    warm, cache = _run(root, cache_dir)
    assert warm == cold
    assert (cache.hits, cache.misses) == (1, 3)
    shutil.rmtree(cache_dir / "runs")
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


def test_facts_the_fixtures_leave_empty_round_trip_too() -> None:
    """Facts no fixture fills (coroutines awaited together, session 42's `gathered`) survive the cache."""
    from readiness_lint.checks import ALL_RULES
    from readiness_lint.engine import analyze_source

    source = (
        b"import asyncio\n\n\nasync def serve():\n    await asyncio.sleep(1)\n\n\n"
        b"async def poll():\n    while True:\n        await asyncio.sleep(5)\n\n\n"
        b"async def main():\n    await asyncio.gather(serve(), poll())\n"
    )
    facts = analyze_source("main.py", source, False, ALL_RULES)
    assert not isinstance(facts, FileError)
    assert facts.gathered == ("poll", "serve")
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


def _memo_entry(cache_dir: Path) -> Path:
    (entry,) = (cache_dir / "runs").glob("*.json")
    return entry


def test_a_corrupt_or_doctored_last_report_is_ignored_and_rewritten(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    cold, _ = _run(root, cache_dir)
    entry = _memo_entry(cache_dir)
    good = json.loads(entry.read_text())
    for damage in (
        "{not json",
        json.dumps({**good, "key": "0" * 64}),
        json.dumps({**good, "report": {**good["report"], "score": "100"}}),  # a string where a number belongs
        json.dumps({**good, "report": {**good["report"], "findings": [{"code": 1}]}}),
        json.dumps({**good, "report": {**good["report"], "surprise": 1}}),
        json.dumps({**good, "report": {**good["report"], "entrypoints": [{"kind": "robot"}]}}),
        json.dumps([good]),
    ):
        entry.write_text(damage)
        warm, cache = _run(root, cache_dir)
        assert not cache.report_hit, damage[:60]
        assert warm == cold
        assert json.loads(entry.read_text()) == good  # rewritten


@pytest.mark.parametrize(
    "change",
    [
        "edit a file",
        "add a file",
        "delete a file",
        "declare a console script",
        "an option",
        "a file becomes unreadable",
    ],
)
def test_the_last_report_is_used_only_when_nothing_it_depends_on_changed(
    change: str, make_tree: Tree, tmp_path: Path
) -> None:
    files = {**SERVICE, "tools/export.py": "def main():\n    print('exported')\n"}
    root = make_tree(files)
    cache_dir = tmp_path / "cache"
    options: dict[str, object] = {}
    _run(root, cache_dir)
    if change == "edit a file":
        (root / "app" / "routes.py").write_text(SERVICE["app/routes.py"].replace("print('ok')", "return {}"))
    elif change == "add a file":
        (root / "job.py").write_text("import shutil\n\nif __name__ == '__main__':\n    shutil.rmtree('/data/out')\n")
    elif change == "delete a file":
        (root / "broken.py").unlink()
    elif change == "declare a console script":
        (root / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[project.scripts]\nexport = "tools.export:main"\n'
        )
    elif change == "an option":
        options["entrypoints"] = (("tools/export.py", "job"),)
    else:
        (root / "app" / "routes.py").write_bytes(b"x" * 200)
        options["max_file_size"] = 100
    changed, cache = _run(root, cache_dir, **options)
    assert not cache.report_hit
    assert changed == json_format.render(run([str(root)], Options(**options)))  # type: ignore[arg-type]
    again, cache = _run(root, cache_dir, **options)
    assert cache.report_hit and again == changed


def test_every_fixture_report_survives_the_round_trip(tmp_path: Path) -> None:
    from dataclasses import asdict

    from readiness_lint.cache import decode
    from readiness_lint.model import Report

    services = Path(__file__).parent.parent / "fixtures" / "services"
    for service in sorted(p for p in services.iterdir() if p.is_dir()):
        report = run([str(service)], Options(include_tests=True))
        assert report.entrypoints or report.findings, service.name
        assert decode(Report, json.loads(json.dumps(asdict(report)))) == report, service.name


def test_the_code_stamp_follows_content_not_file_times(tmp_path: Path) -> None:
    import os

    from readiness_lint.cache import stamp_of

    package = tmp_path / "pkg"
    (package / "checks").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rule = package / "checks" / "rule.py"
    rule.write_text("LIMIT = 1\n")
    (package / "checklist.yaml").write_text("version: 1\n")
    first = stamp_of(package)
    os.utime(rule, (1, 1))  # touched, same content: the same code
    assert stamp_of(package) == first
    rule.write_text("LIMIT = 2\n")
    assert stamp_of(package) != first
    rule.write_text("LIMIT = 1\n")
    (package / "_rules").mkdir()
    (package / "_rules" / "checklist.yaml").write_text("version: 1\n")  # shipped in the wheel only
    assert stamp_of(package) == first


def test_an_edited_checklist_is_not_served_from_an_old_report(
    make_tree: Tree, tmp_path: Path, monkeypatch: object
) -> None:
    from readiness_lint import engine

    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    _run(root, cache_dir)
    original = engine.checklist_text()
    monkeypatch.setattr(engine, "checklist_text", lambda: original + "\n# edited\n")  # type: ignore[attr-defined]
    _, cache = _run(root, cache_dir)
    assert not cache.report_hit


def test_a_report_with_an_analysis_crash_is_not_kept(make_tree: Tree, tmp_path: Path, monkeypatch: object) -> None:
    from readiness_lint import engine

    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    real = engine.analyze_source

    def flaky(rel: str, *args: object, **kwargs: object) -> object:
        if rel == "app/routes.py":
            return FileError(path=rel, message="gave up after 900 s", kind="internal")
        return real(rel, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "analyze_source", flaky)  # type: ignore[attr-defined]
    crashed, _ = _run(root, cache_dir, jobs=1)
    assert "gave up" in crashed
    monkeypatch.setattr(engine, "analyze_source", real)  # type: ignore[attr-defined]
    recovered, cache = _run(root, cache_dir, jobs=1)
    assert not cache.report_hit and "gave up" not in recovered


def test_the_last_report_is_not_read_through_a_symlinked_cache_directory(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    real_dir = tmp_path / "real-cache"
    _run(root, real_dir)
    link = tmp_path / "cache-link"
    link.symlink_to(real_dir, target_is_directory=True)
    _, cache = _run(root, link)
    assert not cache.report_hit and cache.hits == 0


def test_a_planted_report_with_impossible_figures_or_notices_is_not_served(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(SERVICE)
    cache_dir = tmp_path / "cache"
    cold, _ = _run(root, cache_dir)
    entry = _memo_entry(cache_dir)
    good = json.loads(entry.read_text())
    missing = dict(good["report"])
    del missing["findings"]
    for planted in (
        {**good["report"], "score": 10**100},
        {**good["report"], "score": -5},
        {**good["report"], "score_basis": "trust me"},
        missing,
    ):
        entry.write_text(json.dumps({**good, "report": planted}))
        warm, cache = _run(root, cache_dir)
        assert not cache.report_hit and warm == cold
    entry.write_text(json.dumps({**good, "report": {**good["report"], "notices": ["\x1b[2Jpwned"]}}))
    report = run([str(root)], Options(cache=True, cache_dir=str(cache_dir)))
    assert report.notices == []


# A router module named like a test, outside any test directory, that the app includes
_TEST_NAMED_ROUTER = {
    "app/__init__.py": "",
    "app/main.py": (
        "import logging\n\nfrom fastapi import FastAPI\n\nfrom app.routes import test_routes\n\n"
        "logging.basicConfig(level=logging.INFO)\napp = FastAPI()\napp.include_router(test_routes.router)\n"
    ),
    "app/routes/__init__.py": "",
    "app/routes/test_routes.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/healthz')\ndef healthz():\n"
        "    return {'ok': True}\n"
    ),
    "tests/test_main.py": "def test_health():\n    print('checking')\n",
}


def _health(report: object) -> set[str]:
    return {c.status for r in report.entrypoints for c in r.checks if c.name == "missing-health-route"}  # type: ignore[attr-defined]


def test_a_module_named_like_a_test_that_the_service_imports_is_service_code(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(_TEST_NAMED_ROUTER)
    report = run([str(root)], Options(cache=False))
    assert _health(report) == {"pass"}  # (its `/healthz` is the app's)
    assert not [f for f in report.findings if f.path.startswith("tests/")]  # (a real test stays a test)
    # not imported, it is a test file as before: the app's routes are out of sight
    (root / "app/main.py").write_text("from fastapi import FastAPI\n\napp = FastAPI()\n")
    assert _health(run([str(root)], Options(cache=False))) != {"pass"}


def test_changing_an_imported_test_named_module_invalidates_the_kept_report(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(_TEST_NAMED_ROUTER)
    cache_dir = tmp_path / "cache"
    first = run([str(root)], Options(cache=True, cache_dir=str(cache_dir)))
    assert _health(first) == {"pass"}
    routes = root / "app/routes/test_routes.py"
    routes.write_text(routes.read_text().replace("healthz", "orders"))
    assert _health(run([str(root)], Options(cache=True, cache_dir=str(cache_dir)))) == {"fail"}


def test_an_imported_test_named_module_that_cannot_be_read_is_reported(make_tree: Tree, tmp_path: Path) -> None:
    files = dict(_TEST_NAMED_ROUTER)
    files["app/routes/test_routes.py"] += "# padding\n" * 200  # (over the size limit below)
    root = make_tree(files)
    report = run([str(root)], Options(cache=False, max_file_size=1024))
    assert [e.path for e in report.errors] == ["app/routes/test_routes.py"]
    assert report.files == 4  # (the app's three modules and the router it imports, read or not)
