"""RDY012 debug-mode-enabled."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst

_DEBUG_CTORS = frozenset(
    {
        "fastapi.FastAPI",
        "starlette.applications.Starlette",
        "sanic.Sanic",
        "quart.Quart",
        "litestar.Litestar",
        "tornado.web.Application",
    }
)
_SETTINGS_FILE = re.compile(r"(?:^|/)(?:settings|config|conf)[^/]*\.py$|/settings/[^/]+\.py$")
_ON = frozenset({"true", "1", "yes", "on"})
# The environment variables that switch a web framework's debug mode on.
_DEBUG_SWITCHES = frozenset({"DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG", "APP_DEBUG", "QUART_DEBUG", "SANIC_DEBUG"})
_DEV_FILE = re.compile(r"(?:dev|local|test|debug|example|sample)[^/]*\.py$", re.IGNORECASE)


# Words of a settings class's name that say it configures a deployed environment.
_DEPLOYED = frozenset({"prod", "production", "staging", "stage", "live", "release"})


def _deployed(class_name: str, bases: tuple[str, ...], settings_file: bool) -> bool:
    """A settings class of a deployed environment: ``StagingConfig``, ``ProdSettings``,
    ``class Production(Config)``, ``class Staging(Base)`` in a settings module; not ``Config``,
    ``DevConfig`` or ``class LiveScores``."""
    words = n.words(class_name)
    settings = (
        settings_file
        or words & _SETTINGS_WORDS
        or any(n.words(base.rpartition(".")[2]) & _SETTINGS_WORDS for base in bases)
    )
    return bool(words & _DEPLOYED) and bool(settings)


_SETTINGS_WORDS = frozenset({"config", "configuration", "settings", "conf", "cfg"})


def _on_unless_set(value: cst.CSTNode, ctx: Context) -> str | None:
    """``os.environ.get("APP_ENV", "dev") == "dev"``: a test that holds when the environment sets
    nothing, its read falling back to the value it is compared with; the variable's name, or None."""
    if type(value) is not cst.Comparison or len(value.comparisons) != 1:
        return None
    target = value.comparisons[0]
    read = value.left
    if type(target.operator) is not cst.Equal or type(read) is not cst.Call:
        return None
    if (ctx.resolve(n.callee(read)) or "") not in {"os.getenv", "os.environ.get"}:
        return None
    args = n.positional(read)
    if len(args) != 2:
        return None
    key, fallback, compared = (
        n.string_value(args[0].value),
        n.string_value(args[1].value),
        n.string_value(target.comparator),
    )
    if key is None or fallback is None or compared is None or fallback.lower() != compared.lower():
        return None
    return key


def _switched_on(value: cst.CSTNode) -> bool:
    """``True`` or ``1``: a debug switch turned on."""
    return n.is_true(value) or n.int_value(value) == 1


# Serving an app in a `__main__` block without debug: `waitress.serve(app)`, `uvicorn.run(app)`.
_SERVERS = frozenset(
    {
        "waitress.serve",
        "uvicorn.run",
        "bjoern.run",
        "werkzeug.serving.run_simple",
        "hypercorn.asyncio.serve",
        "bottle.run",
    }
    | {"gevent.pywsgi.WSGIServer", "cheroot.wsgi.Server", "paste.httpserver.serve", "tornado.httpserver.HTTPServer"}
)
_OTHER_SERVER = "debug-mode-enabled:other-server"


class DebugModeEnabled(LineRule):
    code = "RDY012"
    name = "debug-mode-enabled"
    why = "Debug mode in production shows stack traces, settings and sometimes an interactive console to anyone who triggers an error."
    fix = "Read it from configuration that defaults to off: DEBUG = os.getenv('DEBUG') == '1'."
    what_it_does = (
        "Finds debug switched on in code that ships: `FastAPI(debug=True)`, `Starlette(debug=True)`, "
        "`app.run(debug=True)` outside a `__main__` development block (a `__main__` block a deployment file runs as a program, a Dockerfile's `CMD python app.py`, a Compose service's `command: python3 app.py` or a systemd unit's `ExecStart`, is no development block), Bottle's `debug(True)` there too, "
        "application settings built as "
        "`dict(handlers=..., debug=True)` (Tornado's `Application(**settings)`), `app.debug = True`, "
        "`app.config['DEBUG'] = True` (these two also in a `__main__` block a deployment runs) and `app.config.update(DEBUG=True)` (not an object's own `self.debug`, nor "
        "under a condition: `if os.environ.get('DEV_MODE'): app.config.update(DEBUG=True)`), `DEBUG = True` in a "
        "settings module that is not a development or test settings file (nor base settings a production "
        "module imports and switches off: `from .base import *` then `DEBUG = False`; and not under a condition: "
        "`if os.environ.get('DJANGO_DEBUG') == '1': DEBUG = True`), or in a settings class named for "
        "a deployed environment (`class StagingConfig(Config): DEBUG = True`; not a base class or a "
        "development one) (or in the app's own module, "
        "given to `app.config.from_object(__name__)`), and a debug switch read "
        "from the environment that falls back to on (`os.environ.get('DEBUG', True)`, `app.run(debug=os.environ.get('APP_ENV', 'dev') == 'dev')`, "
        "`os.getenv('DEBUG', 'True') == 'True'`): a deployment that does not set it runs in debug mode. "
        "A finding is placed at the switch itself (`debug=True` on its own line of a call written over several lines: the line to change). In a project with entrypoints but no api, a settings file none of them reaches (the Django "
        "settings behind a Celery worker's ORM) is not reported."
    )
    why_bad = (
        "Debug pages leak source, environment variables and secrets; Werkzeug's debugger even runs "
        "code typed into the browser. Debug mode also disables protections and slows the service."
    )
    references = ("https://cwe.mitre.org/data/definitions/489.html",)
    VALID = (
        Sample('import os\nfrom fastapi import FastAPI\n\napp = FastAPI(debug=os.getenv("DEBUG") == "1")\n'),
        Sample(
            'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
            note="the development server block",
        ),
        Sample("DEBUG = True\n", path="mysite/settings/dev.py", note="development settings"),
        Sample(
            'import os\n\nSQL_DEBUG = os.getenv("SQL_DEBUG", "1") == "1"\nos.environ.setdefault("PYTHONASYNCIODEBUG", "1")\n',
            path="mysite/settings.py",
            note="other debug switches: SQL echo, asyncio's debug mode",
        ),
        Sample(
            'import os\n\nDEBUG = os.getenv("DEBUG", "False") == "True"\n',
            path="mysite/settings.py",
            note="read from the environment, off unless set",
        ),
        Sample(
            "DEBUG = True\n\n\ndef log(message):\n    if DEBUG:\n        print(message)\n",
            note="a script's own switch: no app takes its settings from this module",
        ),
        Sample(
            "class Parser:\n    def set_debug(self):\n        self.debug = True\n        return self\n",
            note="an object's own debug switch, not an app's",
        ),
        Sample(
            'import os\n\nif os.environ.get("DJANGO_DEBUG") in ("1", "true"):\n    DEBUG = True\nelse:\n    DEBUG = False\n',
            path="mysite/settings.py",
            note="switched on by a condition",
        ),
        Sample(
            'import os\nfrom flask import Flask\n\napp = Flask(__name__)\nif os.environ.get("DEV_MODE"):\n    app.config.update(DEBUG=True, TESTING=True)\n',
            note="switched on by a condition",
        ),
        Sample(
            "class Config:\n    DEBUG = False\n\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n",
            path="app/config.py",
            note="the settings of a developer's machine",
        ),
    )
    INVALID = (
        Sample("from fastapi import FastAPI\n\napp = FastAPI(debug=True)\n"),
        Sample(
            "from quart import Quart\n\napp = Quart(__name__)\n\n\ndef serve():\n    app.run(host='0.0.0.0', debug=1)\n"
        ),
        Sample('DEBUG = True\nALLOWED_HOSTS = ["*"]\n', path="mysite/settings.py"),
        Sample('from flask import Flask\n\napp = Flask(__name__)\napp.config["DEBUG"] = True\n'),
        Sample(
            "from flask import Flask\n\napp = Flask(__name__)\napp.config.update(dict(DEBUG=True, PAGE_LIMIT=20))\n"
        ),
        Sample("import os\n\nDEBUG = os.environ.get('DEBUG', True)\n", path="mysite/settings.py"),
        Sample(
            'from bottle import debug, route, run\n\n\n@route("/")\ndef index():\n    return "ok"\n\n\ndebug(True)\nrun(host="0.0.0.0", port=8080)\n',
            note="Bottle's debug switch at import",
        ),
        Sample(
            "from flask import Flask\n\nDEBUG = True\n\napp = Flask(__name__)\napp.config.from_object(__name__)\n",
            note="the module is the app's settings",
        ),
        Sample(
            "class Config:\n    DEBUG = False\n\n\nclass StagingConfig(Config):\n    DEBUG = True\n",
            path="app/config.py",
            note="the settings of an environment that serves",
        ),
    )

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        if name is None or ctx.is_test:
            return
        if name.endswith(".config.from_object") and self.name in ctx.rule_notes:
            args = n.positional(node)
            if args and n.dotted(args[0].value) == "__name__":
                # `DEBUG = True` ... `app.config.from_object(__name__)`: the module is the app's settings
                debug_line = ctx.rule_notes.pop(self.name)
                ctx.report(self.name, debug_line, "`DEBUG = True` in a module the app takes its settings from")
        if name.endswith(".config.update") and not ctx.in_main_guard and not _DEV_FILE.search(ctx.path):
            # `app.config.update(DEBUG=True)`, `app.config.update(dict(..., DEBUG=True))`: reported at the switch
            args = n.positional(node)
            inner = args[0].value if len(args) == 1 else None
            call = inner if isinstance(inner, cst.Call) and n.callee(inner) == "dict" else node
            switch = n.keyword(call, "DEBUG")
            # (`if os.environ.get("DEV_MODE"): app.config.update(DEBUG=True)`: switched on by a condition)
            if switch is not None and _switched_on(switch.value) and not ctx.conditions:
                ctx.report(self.name, switch, "`app.config.update(DEBUG=True)`: debug mode in code that ships")
        if name == "bottle.debug" and not ctx.in_main_guard and not _DEV_FILE.search(ctx.path):
            # `bottle.debug(True)`, and `debug()`: its mode defaults to on
            args, mode = n.positional(node), n.keyword(node, "mode")
            switch = args[0] if args else mode
            if switch is None or _switched_on(switch.value):
                ctx.report(self.name, node, "`bottle.debug(True)`: debug mode in code that ships")
        debug = n.keyword(node, "debug")
        if (
            ctx.in_main_guard
            and (name in _SERVERS or name.rpartition(".")[2] == "run")
            and (debug is None or not _switched_on(debug.value))
        ):
            # (`serve(app)`, `app.run()`, `app.run(debug=False)`, `run(app, server="waitress")`,
            # `StandaloneApplication(app, options).run()`: served without debug, by a server or by a
            # call that names the app; not `subprocess.run(...)`)
            mentioned = {sub.value for sub in (node, *n.descendants(node)) if type(sub) is cst.Name}
            ctx.rule_notes.setdefault(_OTHER_SERVER, set()).update(mentioned | ({""} if name in _SERVERS else set()))
        defaulted = _on_unless_set(debug.value, ctx) if debug is not None else None
        if debug is None or not (_switched_on(debug.value) or defaulted):
            return  # (`debug=1` switches it on as well)
        if defaulted:
            # (an app's constructor, or `run()` outside a `__main__` development block)
            if name in _DEBUG_CTORS or (
                name.endswith(".run") and not ctx.in_main_guard and not _DEV_FILE.search(ctx.path)
            ):
                ctx.report(
                    self.name,
                    debug,
                    f"`{name.rsplit('.', 1)[-1]}(debug=...)` is on while `{defaulted}` is not set: "
                    "a deployment that does not set it runs in debug mode",
                )
            return
        written = "True" if n.is_true(debug.value) else "1"
        if name in _DEBUG_CTORS:
            # reported at `debug=True` itself, the line to change in a call written over several lines
            ctx.report(self.name, debug, f"`{name.rsplit('.', 1)[-1]}(debug={written})`: debug mode in code that ships")
        elif name.endswith(".run") and not ctx.in_main_guard and not _DEV_FILE.search(ctx.path):
            ctx.report(self.name, debug, f"`run(debug={written})` outside a `__main__` development block")
        elif name.endswith(".run") and not _DEV_FILE.search(ctx.path):
            # the `__main__` block is the development server, unless a deployment file runs the file
            # (`CMD python app.py` in a Dockerfile, a Procfile's `web: python app.py`); not under a
            # condition of its own beside another way of serving (`if "--dev" in sys.argv:
            # app.run(debug=True)`, else `serve(app)`)
            notes, conditional = ctx.rule_notes, bool(ctx.conditions)
            raw = n.callee(node) or ""
            # (the app served: `app.run(...)`'s owner, `run(app, ...)`'s first argument)
            given = n.positional(node)
            app = raw.rpartition(".")[0] if "." in raw else (n.dotted(given[0].value) or "") if given else ""
            ctx.report(
                self.name,
                debug,
                f"`run(debug={written})` in the `__main__` block a deployment runs: debug mode in production",
                deployed_only=True,
                unless=lambda: conditional and bool(notes.get(_OTHER_SERVER, set()) & {"", app}),
            )
        elif name == "dict" and n.keyword(node, "handlers") is not None and not _DEV_FILE.search(ctx.path):
            # `settings = dict(handlers=urls, debug=True)`, handed to `tornado.web.Application(**settings)`
            ctx.report(self.name, debug, "Application settings with `debug=True`: debug mode in code that ships")

    def on_env_fallback(self, read: cst.Call, fallback: cst.CSTNode, ctx: Context) -> None:
        if ctx.is_test or ctx.in_main_guard or _DEV_FILE.search(ctx.path):
            return
        args = n.positional(read)
        key = n.string_value(args[0].value) if args else None
        if key not in _DEBUG_SWITCHES:
            return  # (`SQL_DEBUG`, `PYTHONASYNCIODEBUG`: other switches, not the app's debug mode)
        text = n.string_value(fallback)
        if _switched_on(fallback) or (text or "").lower() in _ON:
            ctx.report(
                self.name,
                fallback,
                f"`{key}` falls back to on when the environment does not set it: debug mode unless someone remembers",
            )

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        if name not in {"DEBUG", "debug"} or not n.is_true(value) or ctx.is_test:
            return
        if _DEV_FILE.search(ctx.path):
            return
        target = ctx.target
        if target.endswith((".debug", "[DEBUG]")) and target not in {"self.debug", "cls.debug"}:
            # (`app.debug = True`, `app.config["DEBUG"] = True`; not an object's own `self.debug` switch,
            # nor one switched on by a condition: `if config_name == "development": app.debug = True`)
            if ctx.conditions:
                return
            if ctx.in_main_guard:
                # (the development server's block, unless a deployment file runs the file: see `.run`)
                ctx.report(
                    self.name,
                    value,
                    f"`{target} = True` in the `__main__` block a deployment runs: debug mode in production",
                    deployed_only=True,
                )
                return
            ctx.report(self.name, value, f"`{target} = True`: debug mode in code that ships")
        elif ctx.in_main_guard:
            return
        elif target == "DEBUG" and not ctx.scope and ctx.conditions:
            return  # `if os.environ.get("DJANGO_DEBUG") in ("1", "true"): DEBUG = True`: switched on by a condition
        elif target == "DEBUG" and not ctx.scope and _SETTINGS_FILE.search("/" + ctx.path):
            # (not base settings that the production module imports and switches off: `from .base
            # import *` then `DEBUG = False`)
            ctx.report(self.name, value, "`DEBUG = True` in a settings module that ships", overridden_by="debug-off")
        elif (
            target == "DEBUG"
            and len(ctx.scope) == 1
            and len(ctx.class_bases) == 1
            and _deployed(ctx.scope[0], ctx.class_bases[0], _SETTINGS_FILE.search("/" + ctx.path) is not None)
        ):
            # `class StagingConfig(Config): DEBUG = True`: the settings of an environment that
            # serves (a base class or `DevelopmentConfig` says nothing of where it runs)
            ctx.report(self.name, value, f"`DEBUG = True` in `{ctx.scope[0]}`, the settings of a deployed environment")
        elif target == "DEBUG" and not ctx.scope:
            # reported if the module turns out to configure its app from itself (below)
            ctx.rule_notes[self.name] = value
