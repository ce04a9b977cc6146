"""Discovery on real files: what is skipped, what is a test, what .gitignore hides."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.discover import discover, is_test_path, scan_root
from readiness_lint.errors import UsageError

Tree = Callable[[dict[str, str]], Path]


def rels(root: Path, paths: list[str] | None = None) -> list[tuple[str, bool]]:
    sources, errors = discover(paths or [str(root)], root)
    assert errors == []
    return [(s.rel, s.is_test) for s in sources]


def test_skips_tool_and_build_directories(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/main.py": "",
            ".git/hooks/x.py": "",
            "node_modules/pkg/y.py": "",
            "build/lib/app/main.py": "",
            "dist/z.py": "",
            "app/__pycache__/main.cpython-311.py": "",
            ".venv/lib/site.py": "",
            "myenv/pyvenv.cfg": "home = /usr\n",
            "myenv/lib/thing.py": "",
            "pkg.egg-info/x.py": "",
            "README.md": "",
        }
    )
    assert rels(root) == [("app/main.py", False)]


def test_gitignore_nested_and_negated(make_tree: Tree) -> None:
    root = make_tree(
        {
            ".gitignore": "generated/\n*_pb2.py\n!keep_pb2.py\n",
            "app/main.py": "",
            "app/api_pb2.py": "",
            "app/keep_pb2.py": "",
            "generated/models.py": "",
            "app/sub/.gitignore": "local.py\n",
            "app/sub/local.py": "",
            "app/sub/kept.py": "",
        }
    )
    assert rels(root) == [("app/keep_pb2.py", False), ("app/main.py", False), ("app/sub/kept.py", False)]


def test_marks_tests(make_tree: Tree) -> None:
    root = make_tree({"tests/test_a.py": "", "app/a_test.py": "", "conftest.py": "", "app/tester.py": ""})
    assert rels(root) == [
        ("app/a_test.py", True),
        ("app/tester.py", False),
        ("conftest.py", True),
        ("tests/test_a.py", True),
    ]
    assert is_test_path("pkg/test/helpers.py")
    assert not is_test_path("pkg/latest.py")


def test_paths_are_posix_and_relative(make_tree: Tree) -> None:
    root = make_tree({"a dir/naïve module.py": "", "b/c.py": ""})
    assert rels(root) == [("a dir/naïve module.py", False), ("b/c.py", False)]


def test_explicit_file_and_root(make_tree: Tree) -> None:
    root = make_tree({"svc/app.py": "", "svc/other.py": ""})
    assert scan_root([str(root / "svc")]) == (root / "svc").resolve()
    assert rels(root, [str(root / "svc" / "app.py")]) == [("svc/app.py", False)]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        discover([str(tmp_path / "nope")], tmp_path)


def test_symlink_loops_and_outside_links_are_not_followed(
    make_tree: Tree, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = make_tree({"app/main.py": ""})
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.py").write_text("")
    os.symlink(root, root / "app" / "loop")
    os.symlink(outside / "secret.py", root / "app" / "linked.py")
    assert rels(root) == [("app/main.py", False)]
