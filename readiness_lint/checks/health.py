"""RDY004 missing-health-route and RDY005 missing-readiness-route."""

from __future__ import annotations

import re
from collections.abc import Callable

from readiness_lint.checks.base import Outcome, Sample, ServiceRule
from readiness_lint.frameworks import is_entrypoint_ctor
from readiness_lint.model import CATCH_ALL, MOUNTED, Entrypoint, RouteFact
from readiness_lint.project import Project, Service

_PREFIXES = frozenset(
    {
        "api",
        "internal",
        "_",
        "-",
        "management",
        "actuator",
        "ops",
        "system",
        "sys",
        "meta",
        "private",
        "monitoring",
        "probe",
        "probes",
    }
)
_VERSION = re.compile(r"^v\d+$")
HEALTH_WORDS = frozenset(
    {
        "health",
        "healthz",
        "healthcheck",
        "health-check",
        "health_check",
        "healthy",
        "livez",
        "live",
        "liveness",
        "alive",
        "ping",
        "status",
        "heartbeat",
        "hc",
        "_health",
        "__health",
        "_healthz",
        "_status",
        "ht",
        "health_check.urls",
        "lbheartbeat",
        "__heartbeat__",
        "__lbheartbeat__",
    }
)
READY_WORDS = frozenset({"ready", "readyz", "readiness", "_ready", "__ready", "startup", "startupz"})
_HANDLER_HEALTH = re.compile(
    r"^(?:get_)?(?:health|healthz|health_?check|liveness|livez|ping|alive)(?:_?(?:check|endpoint|view|handler|route))?$"
)
_HANDLER_READY = re.compile(r"^(?:get_)?(?:ready|readyz|readiness)(?:_?(?:check|probe|endpoint|view|handler|route))?$")


def _segments(path: str) -> list[str]:
    cleaned = path.lower().replace("^", "").replace("$", "").replace("?", "").replace("\\", "")
    if "." in cleaned and "/" not in cleaned:  # a Django include target such as "health_check.urls"
        return [cleaned]
    segs = [s for s in cleaned.split("/") if s]
    while segs and (segs[0] in _PREFIXES or _VERSION.match(segs[0])):
        segs = segs[1:]
    return segs


def _count(service: Service) -> int:
    return sum(1 for _, route in service.routes if route.handler != MOUNTED)


# How routes reach an app other than by a decorator the analysis reads: wired by a call, or added
# by an extension built around the app (an admin, an API framework, API docs, a Dash app).
_ROUTE_WIRING = frozenset(
    {"add_url_rule", "register_blueprint", "include_router", "add_api_route", "add_route", "add_routes", "mount"}
    | {"add_resource", "add_namespace", "add_view", "add_websocket_route", "add_api_websocket_route", "route"}
    | {"api_route", "add_url_rules", "register_api", "register_view"}
)
_ROUTE_EXTENSIONS = (
    "flask_restx.",
    "flask_restful.",
    "flask_restplus.",
    "flask_admin.",
    "flasgger.",
    "flask_smorest.",
    "dash.",
    "connexion.",
    "graphene",
    "strawberry.",
    "flask_graphql.",
    "flask_socketio.",
    "spectree.",
    "fastapi_users.",
    "flask_jsonrpc.",
    "flask_appbuilder.",
    "flask_security.",
    "safrs.",
)


# Calls that serve an app in-process: its own `run()`, or a server given it.
_SERVERS = ("uvicorn.run", "waitress.serve", "hypercorn.", "bjoern.run", "werkzeug.serving.run_simple")


def _serves_nothing(entrypoint: Entrypoint, service: Service) -> bool:
    """A Flask or FastAPI app, built at module level and served by the project's own code
    (`app.run(...)`, `uvicorn.run(app)`), that serves no route at all: none is declared anywhere
    it or a module importing it reaches, and nothing wires one in (no blueprint or router
    registered, no route-adding extension built around it, no `routes=`): an app kept only to hold
    a port open answers no probe either; so does one a factory of its file builds, bound at module
    level (`app = init_app()` in the `__main__` block). (An app only a factory builds, bound nowhere
    at module level, or only lent to a script's `app.app_context()`, keeps no verdict.)"""
    if entrypoint.framework not in {"flask", "fastapi"} or service.routes:
        return False
    project, name = service.project, entrypoint.symbol
    if not any(o.name == name and not o.scope for o in project.files[entrypoint.path].objects):
        return False
    # (what imports the app's module wires routes in too: `init_routes(app)` in `wsgi.py`; a module
    # serving it by its import string, `uvicorn.run("app.main:app")`, serves it)
    importers = project.importers.get(entrypoint.path, set())
    by_string = any(
        kind == "served"
        and value.rpartition(":")[2] == name
        and project.resolve_module(path, value.rpartition(":")[0]) == entrypoint.path
        for path, facts in project.files.items()
        for kind, value, _ in facts.module_refs
    )
    reached = set(service.paths) | (project.closure(set(importers)) if importers else set())
    return _no_route_wired(project, name, reached, served=by_string)


def _no_route_wired(project: Project, name: str, paths: set[str], *, served: bool) -> bool:
    """No route declared or wired in across ``paths``, the app ``name`` served (``served``, or by
    one of them: `app.run(...)`, `uvicorn.run(app)`)."""
    for path in sorted(paths):
        facts = project.files[path]
        if facts.routes or any(
            o.ctor.startswith(_ROUTE_EXTENSIONS)
            or o.ctor.endswith(("Blueprint", "APIRouter"))
            or {"routes", "router", "url_map"} & set(o.keywords)  # (`FastAPI(routes=discover())`)
            for o in facts.objects
        ):
            return False
        calls = facts.calls_made()
        if any(call.rpartition(".")[2] in _ROUTE_WIRING for call in calls):
            return False
        served = served or any(
            call.startswith(_SERVERS) or (call.endswith(".run") and call[:-4].rpartition(".")[2] == name)
            for call in calls
        )
    return served


# A route whose one parameter is a regular expression every path matches, as Django's `url("", view)`:
# Bottle's `<url:re:.*>`, aiohttp's `/{tail:.*}` (not a path converter, Flask's `/<path:p>`, which a
# proxy or a page's fallback declares beside the routes it serves; nor Tornado's `/(.*)`, most often
# a static file handler's)
_EVERY_PATH = re.compile(r"/?(?:<\w+:re:\.[*+]>|\{\w+:\.[*+]\})/?")


def _has_parameter(segs: list[str]) -> bool:
    """``/status/{code}``, ``/status/<code>``, ``/status/:code``: a route about something else."""
    return any(seg.startswith(("{", "<", ":", "(")) for seg in segs)


# Servers that answer a health route of their own
_SERVES_HEALTH = frozenset({"litserve"})


def is_health(route: RouteFact) -> bool:
    segs = _segments(route.path)
    if _has_parameter(segs):
        return False
    if segs and segs[0] in HEALTH_WORDS | READY_WORDS and len(segs) <= 2:
        return segs[0] in HEALTH_WORDS or (len(segs) == 2 and segs[1] in HEALTH_WORDS)
    return bool(_HANDLER_HEALTH.match(route.handler.lower())) and (not route.path or len(segs) <= 1)


def is_readiness(route: RouteFact) -> bool:
    segs = _segments(route.path)
    if _has_parameter(segs):
        return False
    if segs and len(segs) <= 2 and segs[0] in HEALTH_WORDS | READY_WORDS and any(s in READY_WORDS for s in segs):
        return True
    return bool(_HANDLER_READY.match(route.handler.lower())) and (not route.path or len(segs) <= 2)


def _answers_handshakes_only(entrypoint: Entrypoint, service: Service) -> bool:
    """A `websockets` server built without `process_request=` or `create_protocol=`, no protocol
    class of the project overriding `process_request`, and no other HTTP app built in its file:
    a plain HTTP request, a probe's, gets an error."""
    facts = service.project.files[entrypoint.path]
    server = next((o for o in facts.objects if o.name == entrypoint.symbol), None)
    if server is None or {"process_request", "create_protocol"} & set(server.keywords):
        return False
    if any(is_entrypoint_ctor(o.ctor) and o is not server for o in facts.objects):
        return False  # (an aiohttp `/healthz` app beside it, on another port)
    files = [service.project.files[path] for path in service.paths]
    return not any(m.name.endswith(".process_request") for f in files for m in f.methods)


def _probe_outcome(
    entrypoint: Entrypoint,
    service: Service,
    answers: Callable[[RouteFact], bool],
    route: str,
    probe: str,
    library: bool = False,
) -> Outcome:
    """The verdict of a probe route: passed by a route that `answers` it (or a health-check
    `library`), failed among routes that do not, no verdict when no route can be seen (unless the
    app serves nothing at all)."""
    found = [f"{path}:{r.line}" for path, r in service.routes if answers(r)]
    if not (found or library) and any(r.path == CATCH_ALL or _EVERY_PATH.fullmatch(r.path) for _, r in service.routes):
        # (`url("", index)`, `@route("<url:re:.*>")` answer the probe's path too: no verdict)
        return Outcome(True, applicable=False)
    if found or library:
        return Outcome(True, evidence=tuple(found))
    count = _count(service)
    if count:
        return Outcome(False, f"No {route} route among the {count} route(s) this {entrypoint.framework} app serves")
    if _serves_nothing(entrypoint, service):
        return Outcome(
            False, f"This {entrypoint.framework} app serves no route at all: nothing answers a {probe} probe"
        )
    if entrypoint.framework == "websockets" and _answers_handshakes_only(entrypoint, service):
        # (`websockets.serve(handler, host, port)` answers a plain HTTP request with an error
        # unless `process_request=` answers it first)
        return Outcome(
            False, f"This websockets server answers only WebSocket handshakes: nothing answers a {probe} probe"
        )
    return Outcome(True, applicable=False)  # its routes are out of sight: no verdict


class MissingHealthRoute(ServiceRule):
    code = "RDY004"
    name = "missing-health-route"
    why = (
        "Without a liveness endpoint the orchestrator and load balancer cannot tell a hung process from a working one."
    )
    fix = "Add a cheap GET /health (or /healthz) that returns 200 while the process can serve, and point the liveness probe at it."
    what_it_does = (
        "Checks that an HTTP API serves a health route (`/health`, `/healthz`, `/healthcheck` or `/health_check`, "
        "`/livez`, `/live`, `/liveness`, `/alive`, `/ping`, `/status`, `/heartbeat`, also with one more fixed segment after it, "
        "`/healthz/up`, `/health/live` (not a path parameter: `/status/<task_id>` is a task's status), under an optional `/api`, "
        "`/internal`, `/management`, `/ops` or version prefix), on the app itself or on any router, "
        "blueprint or URL module it includes, through a middleware or view that answers the path itself "
        '(`if request.path == "/healthz": return HttpResponse("OK")` in a Django middleware the settings list, '
        'in a Starlette middleware\'s `dispatch` or an `@app.middleware("http")` function; not one that only lets the '
        "path through, `return await call_next(request)`), or through a health-check library (the `@cherrypy.expose` methods of "
        "the object CherryPy serves at the root are routes named for the method, `index` being `/`; a class exposed "
        "whole answers none of its methods' paths). An AWS Lambda api's "
        "routes are the paths its serverless.yml or SAM template gives the functions' HTTP events, when "
        "every one names a path (a catch-all such as `/{proxy+}` leaves them unseen; a websocket or a function URL "
        "is no part of the gateway). "
        "When none of the app's routes can be seen (they are registered in ways the analysis does not follow), the "
        "check is not applicable rather than failed; but a Flask or FastAPI app built at module level (also "
        "by a factory of its file called there, `app = init_app()` in the `__main__` block) "
        "and served by the project's own code (`app.run(...)`, `uvicorn.run(app)`, also by its import string, "
        '`uvicorn.run("app.main:app")`) that serves no route '
        "at all (none declared where it or its importers reach, no blueprint or router registered, no "
        "route-adding extension built around it: an app kept only to hold a port open) fails it, as does a `websockets` server "
        "built without `process_request=` (nor a protocol class of the project overriding it, nor another HTTP app "
        "beside it): it answers a plain HTTP request with an error. (A Dash app keeps no verdict: Dash answers every "
        "path with its page, and so does a regex route every path matches: Django's `url(\"\", index)`, Bottle's "
        "`@route('<url:re:.*>')`, aiohttp's `/{tail:.*}` (not a path converter, Flask's `/<path:p>`, which a proxy "
        "declares beside its routes). A LitServe "
        "server passes: it serves `/health` itself.)"
    )
    why_bad = (
        "A process can be up and still unable to serve: deadlocked, out of connections, stuck on a "
        "dependency. A health route turns that into a signal the platform acts on (restart, stop "
        "routing traffic) before users notice."
    )
    VALID = (
        Sample(
            'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n'
        ),
        Sample(
            'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/api/v1/healthz")\ndef healthz():\n    return "ok"\n'
        ),
        Sample(
            "from fastapi import FastAPI, Request\nfrom fastapi.responses import PlainTextResponse\n\napp = FastAPI()\n\n\n"
            '@app.middleware("http")\nasync def probes(request: Request, call_next):\n'
            '    if request.url.path == "/healthz":\n        return PlainTextResponse("ok")\n'
            "    return await call_next(request)\n\n\n"
            '@app.get("/items")\ndef items():\n    return []\n',
            note="a middleware that answers the probe's path itself",
        ),
    )
    INVALID = (
        Sample('from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/items")\ndef items():\n    return []\n'),
        Sample(
            'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/orders/<id>/status")\ndef order_status(id):\n    return "shipped"\n'
        ),
        Sample(
            'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/status/{code}")\ndef status(code: int):\n    return Response(status_code=code)\n',
            note="a route with a parameter is about something else: here, echoing a status code",
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        # (LitServe answers `/health` itself, 200 once its workers have loaded the model)
        library = service.has_signal("health-lib") or entrypoint.framework in _SERVES_HEALTH
        return _probe_outcome(entrypoint, service, is_health, "health", "liveness", library)


class MissingReadinessRoute(ServiceRule):
    code = "RDY005"
    name = "missing-readiness-route"
    why = "Without a readiness endpoint traffic reaches instances that are still starting or have lost a dependency."
    fix = "Add GET /ready (or /readyz, /health/ready) that checks the dependencies the app needs and returns 503 until they answer."
    what_it_does = (
        "Checks that an HTTP API serves a readiness route (`/ready`, `/readyz`, `/readiness`, `/startup`, "
        "or one of them after a health route's word, `/health/ready`, `/healthz/ready`, under the same prefixes) separate from liveness. As for the health route, when none of the app's routes "
        "can be seen the check is not applicable rather than failed, and an app that fails the health check for serving no route "
        "at all (or a `websockets` server that answers no plain HTTP request) fails this one too; a regex route every "
        "path matches (`@route('<url:re:.*>')`) keeps no verdict."
    )
    why_bad = (
        "Liveness says 'do not restart me'; readiness says 'send me traffic'. Without the second, "
        "a deploy or a database outage sends requests to instances that can only fail them, and a "
        "service that never becomes ready is not noticed."
    )
    VALID = (
        Sample(
            'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health/ready")\ndef ready():\n    return {"db": "ok"}\n'
        ),
        Sample(
            'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/readyz")\ndef readyz():\n    return "ok"\n'
        ),
    )
    INVALID = (
        Sample(
            'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n'
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        return _probe_outcome(entrypoint, service, is_readiness, "readiness", "readiness")
