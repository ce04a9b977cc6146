"""Module names, import resolution and object resolution from plain facts."""

from __future__ import annotations

from readiness_lint.model import FileFacts, ImportFact
from readiness_lint.project import Project


def project(*paths: str, imports: dict[str, list[ImportFact]] | None = None) -> Project:
    imports = imports or {}
    return Project({p: FileFacts(path=p, imports=tuple(imports.get(p, []))) for p in paths})


def test_src_layout_and_module_names() -> None:
    p = project("src/shop/__init__.py", "src/shop/api/health.py", "scripts/run.py")
    assert p.module_name("src/shop/api/health.py") == "shop.api.health"
    assert p.module_name("src/shop/__init__.py") == "shop"
    assert p.resolve_module("scripts/run.py", "shop.api.health") == "src/shop/api/health.py"
    assert p.resolve_module("scripts/run.py", "shop") == "src/shop/__init__.py"
    assert p.resolve_module("scripts/run.py", "requests") is None


def test_relative_imports() -> None:
    p = project("app/__init__.py", "app/main.py", "app/routers/__init__.py", "app/routers/health.py", "app/util.py")
    assert p.resolve_module("app/main.py", "routers.health", 1) == "app/routers/health.py"
    assert p.resolve_module("app/routers/health.py", "util", 2) == "app/util.py"
    assert p.resolve_module("app/routers/__init__.py", "health", 1) == "app/routers/health.py"


def test_namespace_packages_resolve_without_init() -> None:
    p = project("ns/pkg/mod.py", "main.py")
    assert p.resolve_module("main.py", "ns.pkg.mod") == "ns/pkg/mod.py"


def test_ambiguous_suffix_prefers_the_nearest_file() -> None:
    p = project("svc_a/app/config.py", "svc_a/app/main.py", "svc_b/app/config.py", "svc_b/app/main.py")
    assert p.resolve_module("svc_b/app/main.py", "app.config") == "svc_b/app/config.py"
    assert p.resolve_module("svc_a/app/main.py", "app.config") == "svc_a/app/config.py"


def test_a_package_is_preferred_to_a_module_that_only_ends_like_it() -> None:
    p = project("bot.py", "utils/__init__.py", "utils/utils.py", "utils/updates.py")
    assert p.resolve_module("bot.py", "utils") == "utils/__init__.py"
    assert p.resolve_module("bot.py", "utils.utils") == "utils/utils.py"


def test_src_prefixed_imports_and_re_exported_functions() -> None:
    from readiness_lint.model import FunctionFact

    loop = FunctionFact(
        name="poll_loop",
        line=1,
        returns_nonzero=False,
        returns_value=False,
        swallows=False,
        exits_nonzero=False,
        calls=(),
    )
    files = {
        "bot.py": FileFacts(path="bot.py"),
        "utils/__init__.py": FileFacts(
            path="utils/__init__.py",
            imports=(ImportFact(module="updates", level=1, name="poll_loop", alias="poll_loop", line=1),),
        ),
        "utils/updates.py": FileFacts(path="utils/updates.py", functions=(loop,)),
        "src/sync.py": FileFacts(path="src/sync.py", functions=(loop,)),
        "app.py": FileFacts(path="app.py"),
    }
    p = Project(files)
    assert p.function_and_home("bot.py", "utils.poll_loop") == (loop, "utils/updates.py")
    assert p.module_of("app.py", "src.sync") == "src/sync.py"


def test_closure_follows_imports_and_package_inits() -> None:
    p = project(
        "app/__init__.py",
        "app/main.py",
        "app/routers/__init__.py",
        "app/routers/health.py",
        "app/logging_setup.py",
        "app/unrelated.py",
        imports={
            "app/main.py": [ImportFact("app.routers", 0, "health", "health", 1)],
            "app/routers/health.py": [ImportFact("", 2, "logging_setup", "logging_setup", 1)],
        },
    )
    assert p.closure(["app/main.py"]) == {
        "app/__init__.py",
        "app/main.py",
        "app/routers/__init__.py",
        "app/routers/health.py",
        "app/logging_setup.py",
    }


def test_resolve_object() -> None:
    p = project("app/__init__.py", "app/main.py", "app/routers/health.py")
    assert p.resolve_object("app/main.py", "app") == ("app/main.py", "app")
    assert p.resolve_object("app/main.py", ".routers.health.router") == ("app/routers/health.py", "router")
    assert p.resolve_object("app/main.py", "app.routers.health.router") == ("app/routers/health.py", "router")
    assert p.resolve_object("app/main.py", "fastapi.APIRouter") is None


def test_import_main_is_the_running_script_not_a_project_file() -> None:
    p = project("__main__.py", "_vendor/pkg/__init__.py", "_vendor/other/__main__.py")
    assert p.resolve_module("_vendor/pkg/__init__.py", "__main__") is None
