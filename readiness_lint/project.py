"""Stage 4: the project model, built from per-file facts only.

Gives every file a dotted module name, resolves imports between the project's own
modules (flat layout, ``src/`` layout, packages and namespace packages), resolves names
such as ``health.router`` to the file and object that define them, and computes what an
entrypoint reaches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from readiness_lint.frameworks import (
    API_CTORS,
    BUSY_LOOP,
    BUSY_LOOP_LOCAL,
    CONSUME_METHODS,
    EXIT_CALLS,
    HTTP_VERBS,
    STREAM_READS,
    is_cron_job_base,
    is_view_base,
)
from readiness_lint.model import VIEW_SCOPE, Entrypoint, FileFacts, FunctionFact, LoopFact, RouteFact, SignalFact

ObjectRef = tuple[str, str]  # (path, name)
# Web frameworks whose apps run their own handlers only while they serve requests
_WEB_FRAMEWORKS = frozenset(
    {"fastapi", "starlette", "flask", "quart", "sanic", "litestar", "aiohttp", "bottle", "falcon", "tornado", "hug"}
)
# Entrypoints `manage.py` runs with Django set up: a management command, a django-crontab or
# django-cron job.
MANAGE_RUN = frozenset({"django-command", "django-crontab", "django-cron"})


def module_parts(path: str) -> tuple[str, ...]:
    """``src/app/api/health.py`` → ``("src", "app", "api", "health")``; packages drop ``__init__``."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return tuple(parts)


def _first_call(calls: Sequence[str], methods: frozenset[str]) -> str | None:
    """The first of ``calls`` made on an object (``sqs.receive_message``) with one of ``methods``."""
    return next((c for c in calls if "." in c and c.rpartition(".")[2] in methods), None)


@dataclass
class Project:
    files: dict[str, FileFacts]
    # The checked directory's own name when it is a package (`check src/shop` with shop/__init__.py):
    # its modules import each other as `shop.models`.
    root_package: str = ""
    _suffix_index: dict[str, list[str]] = field(default_factory=dict)
    # Memos: everything below is a pure function of ``files``, asked again and again by classify.
    _inits: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _objects: dict[tuple[str, str], ObjectRef | None] = field(default_factory=dict, repr=False)
    _reach: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        for path in sorted(self.files):
            parts = module_parts(path)
            for start in range(len(parts)):
                index.setdefault(".".join(parts[start:]), []).append(path)
            if self.root_package:
                index.setdefault(".".join((self.root_package, *parts)), []).append(path)
        self._suffix_index = index
        self._resolve_wrapper_loops()

    @cached_property
    def cron_classes(self) -> frozenset[str]:
        """The names of the project's django-cron job classes (``class RemindJob(CronJobBase)``)."""
        return frozenset(
            name for facts in self.files.values() for name, base, _ in facts.classes if is_cron_job_base(base)
        )

    def _resolve_wrapper_loops(self) -> None:
        """A forever loop that calls a project function which takes the next message
        (``def receive(): return sqs.receive_message(...)``) is a consume loop like any other."""
        for path, facts in list(self.files.items()):
            found = []
            for loop in facts.wrapper_loops:
                for call in loop.calls:
                    consume = self._consume_through(path, call)
                    if consume is not None:
                        found.append(LoopFact(line=loop.line, scope=loop.scope, source=consume, drains=loop.drains))
                        break
                else:
                    if loop.forever and not (loop.scope and self._exits_through(path, loop.calls)):
                        # (in a function's own body: only for the file that runs it, and not when a
                        # function it calls ends the process: `if done: finish()`)
                        busy = BUSY_LOOP_LOCAL if loop.scope else BUSY_LOOP
                        found.append(LoopFact(line=loop.line, scope=loop.scope, source=busy))
            if found:
                self.files[path] = replace(facts, loops=tuple(sorted((*facts.loops, *found), key=lambda x: x.line)))

    def _consume_through(self, path: str, call: str) -> str | None:
        """The consume call a project function makes (``def receive(): return sqs.receive_message(...)``),
        or a read of a stream or a queue one of the project functions it calls makes (``fetch()`` ->
        ``read_new()`` -> ``redis.xreadgroup(...)``; not a method named like a consume call on
        anything, ``client.images.pull(...)``, that far down)."""
        found = self.function_and_home(path, call)
        if found is None:
            return None
        function, home = found
        consume = _first_call(function.calls, CONSUME_METHODS)
        if consume is not None:
            return consume
        for inner in function.calls:
            deeper = self.function_and_home(home, inner) if inner != call else None
            if deeper is not None and (read := _first_call(deeper[0].calls, STREAM_READS)) is not None:
                return read
        return None

    def _exits_through(self, path: str, calls: Sequence[str]) -> bool:
        """One of ``calls`` is a project function that may end the process (``sys.exit``)."""
        for call in calls:
            function = self.function(path, call)
            if function is not None and (function.exits_nonzero or any(c in EXIT_CALLS for c in function.calls)):
                return True
        return False

    def function(self, path: str, name: str) -> FunctionFact | None:
        """The module-level function a call made in ``path`` reaches: one of the file's own
        (``receive``) or of a project module (``app.aws.sqs.receive``, ``.queue.receive``)."""
        found = self.function_and_home(path, name)
        return found[0] if found is not None else None

    def function_and_home(self, path: str, name: str) -> tuple[FunctionFact, str] | None:
        """:meth:`function`, with the file that defines it (where its own calls resolve); also a
        method of a project class called on an instance (``Backup().run``, ``b = Backup(); b.run``)
        or through the class (``Backup.run``, and ``self.run`` inside its methods)."""
        method = self._method(path, name)
        if method is not None:
            return method
        module, _, function_name = name.rpartition(".")
        target = path if not module else self.module_of(path, module)
        if target is None or target not in self.files:
            return None
        if module and target == path:
            return None  # `obj.method()` on a name of this file, not one of its functions
        if module:  # defined there, or re-exported (`from .updates import poll_loop` in `utils/__init__.py`)
            return self._function_in(target, function_name, 0)
        found = self._defined(target, function_name)
        if found is not None:
            return found, target
        for imp in self.files[path].imports:  # `from sqs_util import *` brought it in
            star = self.resolve_module(path, imp.module, imp.level) if imp.name == "*" else None
            found = self._defined(star, function_name) if star is not None and star != path else None
            if star is not None and found is not None:
                return found, star
        return None

    def is_view_class(self, path: str, name: str, depth: int = 0) -> bool:
        """Whether the class ``name`` of ``path`` is a web framework's class-based view or resource
        (see :func:`is_view_base`), also through project classes it derives from, in this file or
        another (`class Items(AuthResource)`, `class AuthResource(Resource)` in `shop/auth.py`)."""
        facts = self.files.get(path)
        if facts is None or depth > 3:
            return False
        for cls, base, _ in facts.classes:
            if cls != name:
                continue
            if is_view_base(base):
                return True
            module, _, base_name = base.rpartition(".")
            home = path if not module else self.module_of(path, module)
            if (
                home is not None
                and (home != path or base_name != name)
                and self.is_view_class(home, base_name, depth + 1)
            ):
                return True
        return False

    def constructor(self, path: str, name: str) -> tuple[FunctionFact, str] | None:
        """The ``__init__`` a call of a project class runs (``Crn()`` in a ``__main__`` block whose
        class does its work as it is built), with the file that defines it."""
        if not name or "(" in name or not name.rpartition(".")[2][:1].isupper():
            return None
        return self._method_of_class(path, name, "__init__", 0)

    def _method(self, path: str, name: str) -> tuple[FunctionFact, str] | None:
        owner, _, method = name.rpartition(".")
        if not owner or "()." in owner:
            return None
        if owner.endswith("()"):
            cls = owner[:-2]
        else:
            bound = {o.ctor for o in self.files[path].objects if o.name == owner}
            if len(bound) > 1:
                return None  # `task = Prefetcher()` here, `task = Exporter()` there: which one is unknown
            cls = next(iter(bound), owner)
            if cls.endswith("()"):
                cls = owner
        if (cls.rpartition(".")[2], method) in self._overridden:
            return None  # `self.upload()` in a base class: a subclass's own `upload` may be the one that runs
        return self._method_of_class(path, cls, method, 0)

    @cached_property
    def _overridden(self) -> frozenset[tuple[str, str]]:
        """``(Base, method)`` for each method a project subclass defines again."""
        out: set[tuple[str, str]] = set()
        for facts in self.files.values():
            defined: dict[str, set[str]] = {}
            for m in facts.methods:
                cls, _, name = m.name.partition(".")
                defined.setdefault(cls, set()).add(name)
            for cls, base, _ in facts.classes:
                out.update((base.rpartition(".")[2], name) for name in defined.get(cls, ()))
        return frozenset(out)

    def _method_of_class(self, path: str, cls: str, method: str, depth: int) -> tuple[FunctionFact, str] | None:
        """``cls.method`` as written in ``path``: defined by the class, or inherited from a project base."""
        module, _, class_name = cls.rpartition(".")
        home = path if not module else self.module_of(path, module)
        if home is None or home not in self.files:
            return None
        facts = self.files[home]
        wanted = f"{class_name}.{method}"
        found = next((m for m in facts.methods if m.name == wanted), None)
        if found is not None:
            return found, home
        for name, base, _ in facts.classes if depth < 3 else ():
            if name == class_name and base != cls:
                inherited = self._method_of_class(home, base, method, depth + 1)
                if inherited is not None:
                    return inherited
        return None

    def _defined(self, path: str, name: str) -> FunctionFact | None:
        return next((f for f in self.files[path].functions if f.name == name), None)

    def _function_in(self, path: str, name: str, depth: int) -> tuple[FunctionFact, str] | None:
        """A function defined in ``path`` itself, or re-exported there from another module."""
        found = self._defined(path, name)
        if found is not None:
            return found, path
        for imp in self.files[path].imports:
            if imp.alias == name and imp.name == name and depth < 3:
                origin = self.resolve_module(path, imp.module, imp.level)
                if origin is not None and origin != path:
                    return self._function_in(origin, name, depth + 1)
        return None

    def _object_in(self, path: str, name: str, depth: int) -> ObjectRef:
        """Where the object ``name`` of ``path`` is built: there, or in the module a package
        re-exports it from (``from .currencies_controller import currencies_bp``, also under
        another name, ``from .items import router as items_router``, or ``import *``, in
        ``controllers/__init__.py``)."""
        if depth < 3 and not any(o.name == name and not o.scope for o in self.files[path].objects):
            for imp in self.files[path].imports:
                if imp.alias == name and imp.name and imp.name != "*":
                    origin = self.resolve_module(path, imp.module, imp.level)
                    if origin is not None and origin != path:
                        return self._object_in(origin, imp.name, depth + 1)
            starred = self.star_imported(path, name)
            if starred is not None:
                return starred
        return (path, name)

    def module_of(self, path: str, dotted: str) -> str | None:
        """The project module a dotted module name written in ``path`` names, exactly (as imports
        expand it; ``.tasks`` when relative), or None. A name that only ends like a project module
        does not count (stdlib ``logging`` is not the project's ``app/logging.py``), except a
        module beside ``path`` itself or in a package below it, which a script run from its
        directory imports by that name."""
        stripped = dotted.lstrip(".")
        level = len(dotted) - len(stripped)
        if not stripped and not level:
            return None
        found = self.resolve_module(path, stripped, level)
        if found is None or level:
            return found
        here = path.rpartition("/")[0]
        below = f"{here}/{stripped.replace('.', '/')}" if here else stripped.replace(".", "/")
        if (
            stripped in {self.module_name(found), ".".join(module_parts(found))}  # `src.jobs` as written
            or (self.root_package and stripped == ".".join((self.root_package, *module_parts(found))))
            or found.rpartition("/")[0] == here
            or found in {f"{below}.py", f"{below}/__init__.py"}  # (`backends.app` beside `offers/server.py`)
            or any(  # (`tg.bot.bot` in a Django project whose manage.py is in `tgbot/`)
                found.startswith(f"{root}/") and stripped == ".".join(module_parts(found[len(root) + 1 :]))
                for root in self.import_roots
            )
        ):
            return found
        return None

    @cached_property
    def import_roots(self) -> frozenset[str]:
        """Directories below the checked one that Python puts on the import path: a Django
        project's, where its ``manage.py`` runs."""
        return frozenset(
            path.rpartition("/")[0]
            for path, facts in self.files.items()
            if "/" in path and any(s.kind == "django-manage" for s in facts.signals)
        )

    # modules -----------------------------------------------------------------------
    def module_name(self, path: str) -> str:
        """The importable dotted name (a leading ``src/`` is a source root, not a package)."""
        parts = module_parts(path)
        if len(parts) > 1 and parts[0] == "src":
            parts = parts[1:]
        return ".".join(parts)

    def resolve_module(self, importer: str, module: str, level: int = 0) -> str | None:
        """The project file a module name refers to, seen from ``importer``; None if external."""
        if level:
            base = list(module_parts(importer))
            if not importer.endswith("__init__.py"):
                base = base[:-1]
            if level > 1:
                base = base[: len(base) - (level - 1)] if level - 1 <= len(base) else []
            parts = base + ([p for p in module.split(".") if p] if module else [])
            candidate = ".".join(parts)
            # a package shadows a module of the same name beside it, as Python's own finder has it
            for path in (candidate.replace(".", "/") + "/__init__.py", candidate.replace(".", "/") + ".py"):
                if path in self.files:
                    return path
            return None
        if not module or module == "__main__":  # `import __main__` is the running script, never a file
            return None
        matches = self._suffix_index.get(module)
        if not matches:
            return None
        if len(matches) == 1:
            return matches[0]
        # `import utils` names the package `utils/`, not `utils/utils.py` that only ends like it
        exact = [p for p in matches if self.module_name(p) == module] or matches
        # `app/__init__.py` beside `app.py`: the package is what `import app` loads
        exact = [p for p in exact if not (p.endswith(".py") and f"{p[:-3]}/__init__.py" in self.files)] or exact
        return max(exact, key=lambda p: (_common_prefix(p, importer), -len(p), p))

    def package_inits(self, path: str) -> tuple[str, ...]:
        """``__init__.py`` files of the packages above ``path`` (they run on import)."""
        cached = self._inits.get(path)
        if cached is not None:
            return cached
        out = ["__init__.py"] if self.root_package and path != "__init__.py" else []
        parts = path.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            init = "/".join(parts[:end]) + "/__init__.py"
            if init in self.files and init != path:
                out.append(init)
        self._inits[path] = tuple(out)
        return self._inits[path]

    @cached_property
    def direct_imports(self) -> dict[str, tuple[str, ...]]:
        """The project modules each file names in its imports."""
        edges: dict[str, tuple[str, ...]] = {}
        for path, facts in self.files.items():
            targets: dict[str, None] = {}
            for imp in facts.imports:
                found = None
                if imp.name and imp.name != "*":
                    full = f"{imp.module}.{imp.name}" if imp.module else imp.name
                    found = self.resolve_module(path, full, imp.level)
                if found is None:
                    found = self.resolve_module(path, imp.module, imp.level)
                if found is not None and found != path:
                    targets[found] = None
            edges[path] = tuple(targets)
        return edges

    @cached_property
    def import_edges(self) -> dict[str, tuple[str, ...]]:
        """What importing each file loads: the modules it names and the packages above them."""
        edges: dict[str, tuple[str, ...]] = {}
        for path, direct in self.direct_imports.items():
            targets: dict[str, None] = {}
            for found in direct:
                targets[found] = None
                for init in self.package_inits(found):
                    if init != path:  # (a package's `__init__.py` importing its own modules)
                        targets[init] = None
            edges[path] = tuple(targets)
        return edges

    @cached_property
    def importers(self) -> dict[str, set[str]]:
        reverse: dict[str, set[str]] = {}
        for path, targets in self.import_edges.items():
            for target in targets:
                reverse.setdefault(target, set()).add(path)
        return reverse

    @cached_property
    def name_index(self) -> dict[str, frozenset[str]]:
        """For every name some file calls or hands on (each part of a dotted call: ``utils.purge``
        gives ``utils`` and ``purge``), the files that do. Built once."""
        users: dict[str, set[str]] = {}
        for path, facts in self.files.items():
            calls = facts.calls_made() + [call for loop in facts.wrapper_loops for call in loop.calls]
            names = self._project_names(self._external_prefixes(path), calls + list(facts.scheduled))
            for name in names.union(facts.references, facts.called_by_name()):
                users.setdefault(name, set()).add(path)
        return {name: frozenset(paths) for name, paths in users.items()}

    def _external_prefixes(self, path: str) -> tuple[str, ...]:
        """The modules a file imports from libraries, as call prefixes (``requests.``)."""
        facts = self.files[path]
        return tuple(
            f"{imp.module}."
            for imp in facts.imports
            if not imp.level
            and imp.module
            and self.resolve_module(path, imp.module, 0) is None
            # (`from economy import hr`, `economy` a directory with no `__init__.py`)
            and not (imp.name and self.resolve_module(path, f"{imp.module}.{imp.name}", 0))
        )

    @staticmethod
    def _project_names(external: tuple[str, ...], calls: Iterable[str]) -> set[str]:
        """Each part of each call (``utils.purge`` gives ``utils`` and ``purge``), leaving out calls
        into libraries: ``requests.delete(url)`` calls none of the project's own ``delete`` methods."""
        return {
            part
            for call in calls
            if not (external and call.startswith(external))
            # (`purge.delay()`, `purge.apply_async()`: put on a queue, not called)
            and call.rpartition(".")[2] not in _ENQUEUE_METHODS
            for part in call.split(".")
        }

    @cached_property
    def ever_called(self) -> frozenset[str]:
        """Every name some file calls or hands on, anywhere (in a plain function too, called or not):
        a function none of them names is run by nothing the project holds."""
        names: set[str] = set(self.enqueued_names)
        for graph in self.call_graph.values():
            names |= graph.roots | graph.served | graph.guard_roots | graph.handed | graph.queued
            for calls in graph.calls.values():
                names |= calls
        for facts in self.files.values():
            names.update(facts.text_refs)  # (`getattr(module, "run")`, `"app.jobs.rates:refresh_rates"`)
        # (a class named anywhere has its methods run where it is used, whichever file names it)
        methods = [(owner, keys) for graph in self.call_graph.values() for owner, keys in graph.methods.items()]
        grown = True
        while grown:
            grown = False
            for owner, keys in methods:
                if owner in names and not keys <= names:
                    names |= keys
                    grown = True
        return frozenset(names)

    @cached_property
    def call_graph(self) -> dict[str, CallGraph]:
        """Per file: the names its code calls or hands on outside plain functions (at module level,
        in its `__main__` block, in functions a framework calls), and for each plain function (by
        :func:`graph_key`) the names it calls. A plain function's calls happen only if it is called."""
        graph: dict[str, CallGraph] = {}
        for path, facts in self.files.items():
            external = self._external_prefixes(path)
            # (a route handler runs only where its app is served: its calls are `served`, for apis)
            handlers = {route.handler.rpartition(".")[2] for route in facts.routes}
            # (and what a web app built here calls on an event of its own, `@slack_app.event("app_mention")`,
            # `@app.before_request`: only where the app serves, not in a worker importing its client)
            # (not the handlers of an app a worker or a job runs itself: a Socket Mode Bolt app's,
            # Chalice's or Azure's scheduled functions; a Bolt app only behind a web adapter)
            adapted = any(
                o.ctor.startswith("slack_bolt.adapter.") and not o.ctor.startswith("slack_bolt.adapter.socket_mode")
                for o in facts.objects
            )
            apps = {
                o.name
                for o in facts.objects
                if not o.scope
                and (API_CTORS.get(o.ctor) in _WEB_FRAMEWORKS or (API_CTORS.get(o.ctor) == "slack-bolt" and adapted))
            }
            handlers |= {
                f.name
                for f in facts.functions
                if not f.plain and any(d.rpartition(".")[0] in apps for d in f.decorators)
            }
            outside: list[str] = []
            served: list[str] = []
            # (a queue's task runs in the worker, or where it is called: not in a job that enqueues it)
            tasks = {task.function for task in facts.tasks}
            queued: dict[str, list[str]] = {}
            # (and what a class-based view's HTTP method calls, `ItemResource.delete`: run for a request)
            views = {name for name, _, _ in facts.classes if self.is_view_class(path, name)}
            answering = {
                m.name
                for m in facts.methods
                if m.name.rpartition(".")[0] in views and m.name.rpartition(".")[2].upper() in HTTP_VERBS
            }
            for f in facts.functions + facts.methods:
                if f.name in tasks:  # (scoped to itself, see `Extractor.call_scope`: plain or not)
                    queued.setdefault(graph_key(f.name), []).extend(f.calls)
                elif f.name in answering:
                    served.extend(f.calls)
                elif not f.plain:
                    (served if f.name.rpartition(".")[2] in handlers else outside).extend(f.calls)
            outside += [call for call, _, _ in facts.module_calls]
            outside += [call for loop in facts.wrapper_loops for call in loop.calls]
            roots = self._project_names(external, outside + list(facts.scheduled))
            roots.update(facts.references, facts.called_outside)
            # (the `__main__` block runs only where the file itself is run)
            guard = self._project_names(external, list(facts.main_guard.calls) if facts.main_guard else [])
            guard.update(facts.guard_called)
            plain: dict[str, set[str]] = {key: self._project_names(external, calls) for key, calls in queued.items()}
            methods: dict[str, set[str]] = {}
            for function in facts.functions + facts.methods:
                if function.plain and function.name not in answering:
                    key = graph_key(function.name)
                    plain.setdefault(key, set()).update(self._project_names(external, function.calls))
                    owner = function.name.rpartition(".")[0]
                    if owner:
                        methods.setdefault(owner, set()).add(key)
            graph[path] = CallGraph(
                roots=frozenset(roots),
                guard_roots=frozenset(guard),
                calls={key: frozenset(calls) for key, calls in plain.items()},
                methods={owner: frozenset(keys) for owner, keys in methods.items()},
                handed=frozenset(facts.references),
                served=frozenset(self._project_names(external, served)) | handlers,
                queued=frozenset(queued),
            )
        return graph

    @cached_property
    def enqueued_names(self) -> frozenset[str]:
        """Functions the project puts on a queue (`q.enqueue(sync_page)`): a worker calls them."""
        return frozenset(
            s.detail.rpartition(".")[2] for facts in self.files.values() for s in facts.signals if s.kind == "enqueue"
        )

    def reach_from(self, path: str) -> frozenset[str]:
        """:meth:`closure` of one file, remembered."""
        cached = self._reach.get(path)
        if cached is None:
            cached = self._reach[path] = frozenset(self.closure([path]))
        return cached

    @cached_property
    def mount_edges(self) -> dict[ObjectRef, tuple[ObjectRef, ...]]:
        """Every object mount resolved once: owner → the routers, blueprints and sub-apps mounted into it."""
        edges: dict[ObjectRef, dict[ObjectRef, None]] = {}
        for path, facts in sorted(self.files.items()):
            for mount in facts.mounts:
                if mount.target_kind != "object":
                    continue
                owner = self.resolve_object(path, mount.owner)
                target = self.resolve_object(path, mount.target)
                if owner is not None:
                    owner = self._object_in(*owner, 0)
                if target is not None:
                    target = self._object_in(*target, 0)
                if owner is not None and target is not None:
                    edges.setdefault(owner, {})[target] = None
        return {owner: tuple(targets) for owner, targets in edges.items()}

    def closure(self, starts: Iterable[str], through_inits: bool = True) -> set[str]:
        """Every project file reachable by imports from ``starts`` (tests excluded).

        Importing a module runs the ``__init__.py`` of every package above it, and whatever
        those import. With ``through_inits=False`` those package files are included but what
        they import is not followed: the code a program calls, rather than all it loads.
        """
        edges = self.import_edges if through_inits else self.direct_imports
        followed: set[str] = set()  # files whose imports are followed
        loaded: set[str] = set()  # package files only loaded on the way (through_inits=False)
        queue = deque(s for s in starts if s in self.files)
        while queue:
            path = queue.popleft()
            if path in followed:
                continue
            followed.add(path)
            loaded.discard(path)
            for init in self.package_inits(path):
                if init in followed:
                    continue
                if through_inits:
                    queue.append(init)
                else:
                    loaded.add(init)
            for target in edges.get(path, ()):
                if target not in followed and not self.files[target].is_test:
                    queue.append(target)
        return followed | loaded

    # objects -----------------------------------------------------------------------
    def resolve_object(self, path: str, expr: str) -> ObjectRef | None:
        """Where ``expr`` (as expanded through ``path``'s imports) is defined.

        ``app`` in ``main.py`` is ``("main.py", "app")``; ``.routers.health.router`` or
        ``myapp.routers.health.router`` is ``("myapp/routers/health.py", "router")``.
        """
        key = (path, expr)
        if key not in self._objects:
            self._objects[key] = self._resolve_object(path, expr)
        return self._objects[key]

    def _resolve_object(self, path: str, expr: str) -> ObjectRef | None:
        level = len(expr) - len(expr.lstrip("."))
        dotted = expr[level:]
        parts = dotted.split(".") if dotted else []
        if not level and len(parts) == 1:
            return (path, parts[0])
        for cut in range(len(parts) - 1, -1, -1):
            module = ".".join(parts[:cut])
            if not module and not level:
                continue
            found = self.resolve_module(path, module, level)
            if found is not None and cut < len(parts):
                return (found, parts[cut])
        return None

    def star_imported(self, path: str, name: str) -> ObjectRef | None:
        """Where a bare ``name`` of ``path`` comes from through a ``from module import *`` of
        the project: the first such module that binds it at module level (an object it builds)."""
        for imp in self.files[path].imports:
            if imp.name != "*":
                continue
            found = self.resolve_module(path, imp.module, imp.level)
            if (
                found is not None
                and found != path
                and any(o.name == name and not o.scope for o in self.files[found].objects)
            ):
                return (found, name)
        return None

    def star_imported_name(self, path: str, name: str) -> str | None:
        """What a bare ``name`` of ``path`` stands for through a ``from module import *`` of the
        project, when that module imports it from outside (``from . import *`` over a package
        ``__init__`` holding ``from flask import Flask``: ``flask.Flask``)."""
        for imp in self.files[path].imports:
            if imp.name != "*":
                continue
            found = self.resolve_module(path, imp.module, imp.level)
            if found is None or found == path:
                continue
            for inner in self.files[found].imports:
                if inner.alias == name and inner.name and inner.name != "*" and not inner.level:
                    return f"{inner.module}.{inner.name}"
        return None

    def files_under(self, package_path: str) -> list[str]:
        prefix = package_path.rstrip("/") + "/"
        return [p for p in self.files if p.startswith(prefix) and not self.files[p].is_test]


@dataclass(frozen=True)
class CallGraph:
    """One file's calls, for :meth:`Service.called_names`."""

    roots: frozenset[str]  # called or handed on where code runs (module level, framework hooks)
    calls: dict[str, frozenset[str]]  # plain function (by graph_key) -> the names it calls
    methods: dict[str, frozenset[str]]  # class -> its plain methods' keys
    handed: frozenset[str]  # names handed on as values (`fire.Fire(Tasks)`, `{"purge": purge}`)
    served: frozenset[str] = frozenset()  # called by the file's route handlers: only where its app serves
    queued: frozenset[str] = frozenset()  # the file's queue tasks (`@app.task`): run by workers, not by jobs
    guard_roots: frozenset[str] = frozenset()  # called in its `__main__` block: only where the file is run


# Methods that put a queue task on its queue (Celery's, Dramatiq's with options), not calls of it.
# (`send` and `schedule` are left: a project's own objects have methods of those names.)
_ENQUEUE_METHODS = frozenset({"delay", "apply_async", "send_with_options"})
# Jobs that run queue tasks themselves, on their timetable: their tasks' work is theirs.
_SCHEDULER_JOBS = frozenset(
    {"celery-beat", "huey-periodic", "periodiq", "schedule", "apscheduler", "sanic-scheduler", "telegram-jobqueue"}
    | {"crython"}
)


def graph_key(function: str) -> str:
    """The name a function is called by: its last name, but a special method (`Store.__init__`,
    `__enter__`) by its class, as it runs where the class is used."""
    owner, _, name = function.rpartition(".")
    return owner.rpartition(".")[2] if owner and name.startswith("__") else name


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a.split("/"), b.split("/"), strict=False):
        if x != y:
            break
        count += 1
    return count


# How a script takes RQ's jobs itself: a worker's next job, any queue's, and the job run by hand
_RQ_TAKES = frozenset({"dequeue_job_and_maintain_ttl", "dequeue_any", "perform_job"})


def rq_jobs_taken_by_hand(files: Iterable[FileFacts]) -> str | None:
    """The file where an RQ ``Worker`` has its jobs taken one by one
    (``worker.dequeue_job_and_maintain_ttl(420)``, ``Queue.dequeue_any(...)`` then
    ``worker.perform_job(job, queue)``, in a loop of the script's own), when none of
    ``files`` calls ``work()``, which installs RQ's signal handling and sets logging up."""
    taken = None
    for facts in files:
        for call in facts.calls_made():
            method = call.rpartition(".")[2]
            if method == "work":
                return None
            if method in _RQ_TAKES and taken is None:
                taken = facts.path
    return taken


@dataclass
class Service:
    """What one entrypoint reaches: the view its service rules judge."""

    entrypoint: Entrypoint
    project: Project
    routes: list[tuple[str, RouteFact]] = field(default_factory=list)
    framework_logging: bool = False
    # a serverless function that HTTP requests call as well as its events: a deletion in its code
    # may be what a request asked for (`DELETE /notes/1`), not the event job's own
    serves_requests: bool = False
    starts: tuple[str, ...] = ()  # where its reach was computed from (default: the entrypoint's file)
    # files whose `__main__` block only runs this app: what is in those blocks counts for it
    runners: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()  # the functions of a command line this job runs (`flask init-db`'s `init_db`)
    _runs: frozenset[str] | None = field(default=None, repr=False)
    _called: frozenset[str] | None = field(default=None, repr=False)

    @property
    def paths(self) -> tuple[str, ...]:
        return self.entrypoint.reach

    def facts(self) -> Iterable[FileFacts]:
        for path in self.entrypoint.reach:
            yield self.project.files[path]

    def signals(self, *kinds: str) -> list[tuple[str, SignalFact]]:
        found = []
        for facts in self.facts():
            for signal in facts.signals:
                if signal.kind in kinds:
                    found.append((facts.path, signal))
        return found

    def has_signal(self, *kinds: str) -> bool:
        return any(signal.kind in kinds for facts in self.facts() for signal in facts.signals)

    def runs(self) -> frozenset[str]:
        """The code the entrypoint itself runs: its module and what it imports, but not what
        package ``__init__`` files pull in on the side. For evidence *against* a service
        (something destructive, a finding to blame on it), where loading is not doing."""
        if self._runs is None:
            starts = self.starts or [self.entrypoint.path]
            if self.entrypoint.framework in MANAGE_RUN:
                # `manage.py cmd` sets Django up; it runs the command's code, not the views
                starts = [self.entrypoint.path]
            narrow = self.project.closure(starts, through_inits=False)
            self._runs = frozenset(narrow & set(self.entrypoint.reach))
        return self._runs

    def called_signals(self, *kinds: str) -> list[tuple[str, SignalFact]]:
        runs = self.runs()
        found = [(path, signal) for path, signal in self.signals(*kinds) if path in runs]
        if any(signal.scope for _, signal in found):
            # A deletion in a function counts where that function is called or handed on (a
            # scheduler, a thread, a dispatch table): not in a helper module's unused `purge_all()`.
            found = [
                (path, signal) for path, signal in found if not signal.scope or self._runs_signal(path, signal.scope)
            ]
        return found

    def _runs_signal(self, path: str, scope: str) -> bool:
        """:meth:`runs_scope`, for a scope as the extract stage wrote it: a class-based view's HTTP
        method runs for a request (`REQUEST_SCOPE`); one whose base is another module's class runs
        where its file does unless that base is a view (`VIEW_SCOPE`)."""
        if scope.endswith(VIEW_SCOPE):
            return not self.project.is_view_class(path, scope[: -len(VIEW_SCOPE)].rpartition(".")[0])
        return self.runs_scope(scope)

    def called_names(self) -> frozenset[str]:
        """The names the code the entrypoint runs calls or hands on, following plain functions
        (what `main()` calls is called, what an unused `purge_all()` calls is not), with every
        method of a class handed on whole (`fire.Fire(Tasks)`) and, for a worker, an app or a
        scheduler, the functions the project puts on a queue."""
        if self._called is None:
            run = set(self.starts or [self.entrypoint.path])
            graphs = [self.project.call_graph[path] for path in sorted(self.runs())]
            # (another module's `__main__` block does not run when it is imported)
            called_in_guards = {
                name for path in self.runs() & run for name in self.project.call_graph[path].guard_roots
            }
            symbol = self.entrypoint.symbol
            called = {symbol} | called_in_guards
            if self.entrypoint.framework == "django-cron":
                # (the job class's own methods run: their calls are roots, see `Extractor.call_scope`)
                path = self.entrypoint.path
                external = self.project._external_prefixes(path)
                for method in self.project.files[path].methods:
                    if method.name.rpartition(".")[0] == symbol:
                        called |= self.project._project_names(external, method.calls)
            # (a worker runs what the project puts on its queue, and a scheduler the tasks it sets
            # off; a job that enqueues work, a command calling `task.delay()`, leaves it to them)
            runs_queue = self.entrypoint.kind != "job" or self.entrypoint.framework in _SCHEDULER_JOBS
            if runs_queue:
                called |= self.project.enqueued_names
            edges: dict[str, set[str]] = {}
            handed: set[str] = set()
            serves = self.entrypoint.kind == "api"
            for graph in graphs:
                called |= graph.roots | graph.served if serves else graph.roots
                if runs_queue:
                    called |= graph.queued
                handed |= graph.handed
                for key, calls in graph.calls.items():
                    edges.setdefault(key, set()).update(calls)
            for graph in graphs:
                for owner, keys in graph.methods.items():
                    if owner in handed:
                        called |= keys
            queue = list(called)
            while queue:  # (breadth-first over the merged edges: each name once)
                for callee in edges.get(queue.pop(), ()):
                    if callee not in called:
                        called.add(callee)
                        queue.append(callee)
            self._called = frozenset(called)
        return self._called

    def runs_scope(self, scope: str) -> bool:
        """Whether the code the entrypoint runs calls (or hands on) the function or method
        ``scope`` (see :meth:`called_names`; a special method such as `__init__` runs where its
        class is used)."""
        if self.entrypoint.framework == "rq" and self.entrypoint.kind == "worker":
            return True  # an RQ worker calls whatever function a message names, in any module it imports
        owner = scope.rpartition(".")[0]
        if owner and owner in self.project.cron_classes:
            # (`manage.py runcrons` runs each django-cron job class's methods for that job alone;
            # another job class's `do()` in the same module is called by the same name)
            return self.entrypoint.framework == "django-cron" and owner == self.entrypoint.symbol
        return graph_key(scope) in self.called_names()
