"""RDY009 http-call-without-timeout."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from readiness_lint import names as n
from readiness_lint.checks.base import LineRule, Sample
from readiness_lint.frameworks import REQUESTS_SESSIONS

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst

_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})
# A session's methods: the verbs, and `send(prepared)` for a request prepared beforehand
_SESSION_VERBS = _VERBS | {"send"}
# requests' module functions, also through the copy old botocore vendored (`from botocore.vendored
# import requests`, once the way to call HTTP from AWS Lambda)
_REQUESTS_MODULES = frozenset({"requests", "requests.api", "botocore.vendored.requests"})
# urllib's openers: `build_opener(...).open(url)` waits as long as `urlopen` does
_OPENER_CTORS = frozenset(
    {"urllib.request.build_opener", "urllib.request.OpenerDirector", "urllib2.build_opener", "urllib2.OpenerDirector"}
)
_SOCKET_DEFAULT = "http-call-without-timeout:socket-default"
_SOCKET_RESTORED = "http-call-without-timeout:socket-restored"
_HTTPX_FUNCS = frozenset({f"httpx.{verb}" for verb in _VERBS} | {"httpx.stream", "httpx.Client", "httpx.AsyncClient"})


class HttpCallWithoutTimeout(LineRule):
    code = "RDY009"
    name = "http-call-without-timeout"
    why = "Without a timeout a stalled server holds the call forever: the request hangs, the worker stops consuming, the job never ends."
    fix = "Pass timeout= on every call (requests.get(url, timeout=10)), or create the client with one."
    what_it_does = (
        "Checks `requests` calls (module functions and `Session` methods, `send(prepared)` included, also of its subclasses in "
        "requests-oauthlib and requests-unixsocket; not one with a timeout-setting `HTTPAdapter` mounted) "
        "and `urllib.request.urlopen` (Python 2's `urllib2.urlopen` too; and an opener's `open`, `build_opener().open(url)`) "
        "for a missing `timeout` (urllib's pass when the file sets `socket.setdefaulttimeout` for good, "
        "not only for a while: the old value kept to set it back, or set back to `None`), "
        "and `httpx` calls or clients that switch its default timeout off with `timeout=None`; also a "
        "`requests` function handed to `run_in_executor`, which passes no keyword arguments (also in a "
        "`functools.partial` binding no timeout), or to `asyncio.to_thread` with no timeout; and the "
        "calls a module-level function makes on a session parameter, where the same file hands it a "
        "session it made, or one a function of the file returned (`login(session)`, by position or keyword), "
        "and mounts no adapter anywhere. "
        "A session is also what a function of the same file returns as it builds it (`def make_session(): "
        "return OAuth2Session(...)`), wherever in the file that function is defined. A call unpacking "
        "`**kwargs` passes, as they may hold a timeout; for a `requests` function or a session's method, not a name the same function bound only to dict "
        'literals without one (`args = {"params": query}` then `requests.get(url, **args)`), with no '
        "`timeout` set on it, no item added to it by key or operator (`args[k] = v`, `args |= extra`), no update made to it, not handed "
        "to another call (which may add a timeout) and not a parameter of the function."
    )
    why_bad = (
        "`requests` and `urllib` wait forever by default. One slow dependency then freezes the thread "
        "that called it; in a worker or job nothing fails and nothing alerts, it simply stops."
    )
    references = ("https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",)
    VALID = (
        Sample(
            'import requests\n\n\ndef search(url, query):\n    args = {"params": {"q": query}}\n'
            '    args["timeout"] = 10\n    return requests.get(url, **args)\n',
            note="the keywords unpacked hold a timeout",
        ),
        Sample('import requests\n\nrequests.get("https://api.example.com/items", timeout=10)\n'),
        Sample('import httpx\n\nhttpx.get("https://api.example.com/items")\n', note="httpx has a default timeout"),
        Sample(
            "import requests\n\ndef fetch(url, **kwargs):\n    return requests.get(url, **kwargs)\n",
            note="timeout may come through **kwargs",
        ),
        Sample(
            'import socket\nfrom urllib.request import urlopen\n\nsocket.setdefaulttimeout(30)\nbody = urlopen("https://example.com").read()\n',
            note="urllib's sockets take the process-wide default",
        ),
        Sample(
            "import functools\nfrom concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\n\n"
            "def fetch_all(urls):\n    with ThreadPoolExecutor() as pool:\n"
            "        done = pool.submit(requests.get, urls[0], timeout=5)\n"
            "        return list(pool.map(functools.partial(requests.get, timeout=10), urls)), done\n",
            note="the timeout is bound in the partial, or handed on by submit",
        ),
    )
    INVALID = (
        Sample('import requests\n\ndata = requests.get("https://api.example.com/items").json()\n'),
        Sample(
            'import requests\n\n\ndef search(url, query):\n    args = {"params": {"q": query}}\n'
            "    return requests.get(url, **args)\n",
            note="the keywords unpacked are a dict literal with no timeout",
        ),
        Sample(
            "from requests_oauthlib import OAuth2Session\n\n\ndef me(token):\n    session = make_session(token)\n"
            '    return session.get("https://api.example.com/me")\n\n\n'
            "def make_session(token):\n    return OAuth2Session(token=token)\n",
            note="a session a function of the file builds and returns",
        ),
        Sample('import requests\n\ns = requests.Session()\ns.post("https://api.example.com/items", json={})\n'),
        Sample('from urllib.request import urlopen\n\nbody = urlopen("https://example.com").read()\n'),
        Sample("import httpx\n\nclient = httpx.Client(timeout=None)\n"),
        Sample(
            'import urllib.request\n\nopener = urllib.request.build_opener()\npage = opener.open("https://example.com")\n',
            note="an opener waits as long as urlopen does",
        ),
        Sample(
            'from botocore.vendored import requests\n\nrequests.post("https://api.example.com/send", data={})\n',
            note="botocore's vendored copy of requests",
        ),
        Sample(
            "import asyncio\n\nimport requests\n\n\nasync def fetch(url):\n"
            "    return await asyncio.get_running_loop().run_in_executor(None, requests.get, url)\n",
            note="an executor passes positional arguments only: no timeout can be given",
        ),
        Sample(
            "import asyncio\nimport functools\n\nimport requests\n\n\nasync def send(url, body):\n"
            "    loop = asyncio.get_running_loop()\n"
            "    return await loop.run_in_executor(None, functools.partial(requests.post, url, json=body))\n",
            note="a partial binding no timeout",
        ),
        Sample(
            "import asyncio\n\nimport requests\n\n\nasync def fetch(url):\n"
            "    return await asyncio.to_thread(requests.get, url)\n",
            note="to_thread hands on keywords, and none is a timeout",
        ),
        Sample(
            "from concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\n\n"
            "def fetch_all(urls):\n    with ThreadPoolExecutor(max_workers=8) as pool:\n"
            "        return list(pool.map(requests.get, urls))\n",
            note="map calls each with an item alone",
        ),
        Sample(
            "from concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\n\n"
            "def notify(pool: ThreadPoolExecutor, url):\n"
            '    return pool.submit(requests.post, url, json={"done": True})\n',
            note="submit hands on keywords, and none is a timeout",
        ),
    )

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        if name is None:
            return
        if name.endswith(".mount") or (
            name in {"functools.partial", "partial"} and n.keyword(node, "timeout") is not None
        ):
            # (an adapter mounted, or `session.request = partial(session.request, timeout=10)`,
            # anywhere in the file: a session handed on may carry a timeout, by whatever name)
            ctx.rule_notes[_ADAPTED] = True
        if "." not in name and node.args and _imports_sessions(ctx):
            # (the sessions this file hands to its own functions: see the parameter case below;
            # not a parameter of the calling function, whatever another function bound that name to)
            own = ctx.params[-1] if ctx.params else frozenset()
            for index, arg in enumerate(node.args):
                handed = n.dotted(arg.value)
                if not handed or handed in own or ctx.has_timeout(handed):
                    continue
                where: int | str = arg.keyword.value if arg.keyword is not None else index
                if ctx.object_ctor(handed) in REQUESTS_SESSIONS:
                    ctx.rule_notes.setdefault(_HANDED_SESSIONS, set()).add((name, where, ""))
                elif made := _result_of(handed, ctx):
                    # (a session a function further down the file returns: known once the file is read)
                    ctx.rule_notes.setdefault(_HANDED_SESSIONS, set()).add((name, where, made))
        owner, _, verb = name.rpartition(".")
        if _DICT_BOUND in ctx.rule_notes:  # (once a dict literal was bound to a name: see `on_binding`)
            kept = ctx.rule_notes[_KEYWORD_DICTS]
            scope = tuple(ctx.scope)
            if verb in {"update", "setdefault"} and (scope, owner) in kept:
                kept[(scope, owner)] = False  # (`args.update(timeout=10)`)
            if not (name == "print" or name.startswith("logging.") or verb in _LOG_METHODS):
                for arg in node.args:
                    if not arg.star and type(arg.value) is cst.Name and (scope, arg.value.value) in kept:
                        kept[(scope, arg.value.value)] = False  # (handed to a helper, which may add one; not logged)
        if name == "socket.setdefaulttimeout" and node.args:
            given = node.args[0].value
            if any(n.is_none(sub) for sub in (given, *n.descendants(given))):
                # (set back to none: a timeout for one probe; `float(T) if T else None` may be none)
                ctx.rule_notes[_SOCKET_RESTORED] = True
            else:
                ctx.rule_notes[_SOCKET_DEFAULT] = True
        label = None
        handoff = _handoff(name, verb)
        if handoff is not None and len(node.args) >= handoff[1] and not node.args[handoff[0]].keyword:
            # `loop.run_in_executor(None, requests.get, url)`, `pool.map(requests.get, urls)`: a
            # `requests` function handed over to be called elsewhere; only where keywords are handed
            # on too (`asyncio.to_thread`, `executor.submit`) may one of them be the timeout
            index, _, passes_keywords, how = handoff
            handed = _handed_requests_call(node.args[index].value, ctx)
            if handed is not None and not (
                passes_keywords and (n.keyword(node, "timeout") is not None or n.has_star_kwargs(node))
            ):
                ctx.report(self.name, node, f"`{handed}()` {how} without a timeout can wait forever")
            return
        if verb in _VERBS and owner in _REQUESTS_MODULES:
            label = name
        elif verb in _SESSION_VERBS and (
            # (a parameter is whatever the caller hands in, not what another function bound the name to)
            (ctx.object_ctor(owner) in REQUESTS_SESSIONS and not (ctx.params and owner in ctx.params[-1]))
            or owner.removesuffix("()") in REQUESTS_SESSIONS
        ):
            if ctx.has_timeout(owner):
                return  # an adapter mounted on it sets the timeout
            label = f"Session.{verb}"
        elif (
            verb in _SESSION_VERBS and (made := _result_of(owner, ctx)) and not (ctx.params and owner in ctx.params[-1])
        ):
            if n.keyword(node, "timeout") is not None or _may_pass_timeout(node, ctx) or ctx.has_timeout(owner):
                return
            # `discord = make_session(token); discord.get(url)`, the factory defined further down
            # the file (`def make_session(token): return OAuth2Session(...)`): reported once the walk
            # has read what the factory returns, a requests session it set no timeout adapter on
            factories, notes = ctx.factories, ctx.rule_notes
            ctx.report(
                self.name,
                node,
                f"`Session.{verb}()` without a timeout can wait forever",
                unless=lambda: _ADAPTED in notes or factories.get(made) not in REQUESTS_SESSIONS,
            )
            return
        elif (
            verb in _SESSION_VERBS
            and len(ctx.scope) == 1
            and not ctx.class_bases
            and ctx.params
            and owner in ctx.params[-1]
            # (unannotated, or annotated as a session: `def uid(session: requests.Session)`)
            and ((annotated := _annotation(ctx, owner)) == "" or annotated in REQUESTS_SESSIONS)
        ):
            if n.keyword(node, "timeout") is not None or _may_pass_timeout(node, ctx):
                return
            # `def login(session): session.post(url, data=payload)`: reported where this file hands
            # the function a requests session it made (`login(session)`, by position or keyword),
            # with no timeout adapter mounted (one made elsewhere, by a factory, may have one)
            function, notes, signatures, factories = ctx.scope[0], ctx.rule_notes, ctx.signatures, ctx.factories
            ctx.report(
                self.name,
                node,
                f"`Session.{verb}()` without a timeout can wait forever",
                unless=lambda: (
                    _ADAPTED in notes or not _handed_a_session(function, owner, notes, signatures, factories)
                ),
            )
            return
        elif name in {"urllib.request.urlopen", "urllib2.urlopen"} or (
            verb == "open" and (ctx.object_ctor(owner) in _OPENER_CTORS or owner.removesuffix("()") in _OPENER_CTORS)
        ):
            if len(n.positional(node)) >= 3:
                return  # (url, data, timeout)
            label = "urlopen" if verb == "urlopen" else "OpenerDirector.open"
            if n.has_star_kwargs(node) or n.keyword(node, "timeout") is not None:
                return
            notes = ctx.rule_notes
            # (`socket.setdefaulttimeout(30)` anywhere in the file: urllib's sockets wait that long)
            ctx.report(
                self.name,
                node,
                f"`{label}()` without a timeout can wait forever",
                unless=lambda: _SOCKET_DEFAULT in notes and _SOCKET_RESTORED not in notes,
            )
            return
        elif name in _HTTPX_FUNCS:
            timeout = n.keyword(node, "timeout")
            if timeout is not None and n.is_none(timeout.value):
                ctx.report(self.name, node, f"`{name}(timeout=None)` switches the default timeout off")
            return
        if label is None or _may_pass_timeout(node, ctx):
            return
        if n.keyword(node, "timeout") is not None:
            return
        ctx.report(self.name, node, f"`{label}()` without a timeout can wait forever")

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        target = ctx.target
        plain = target == name and name.isidentifier()
        if plain or (target == f"self.{name}" and ctx.scope):
            # `discord = make_session(token)`, `self.session = make_session()`: the result of a
            # function of the file (or of none), kept for the scope (for `self.`, the class) binding it
            raw = n.callee(value) if type(value) is cst.Call else None
            made = raw if raw and raw.isidentifier() and raw not in ctx.aliases and raw not in _BUILTINS else ""
            scope = tuple(ctx.scope) if plain else tuple(ctx.scope[:1])
            named = ctx.rule_notes.setdefault(_RESULT_NAMES, set())
            # (also another value bound over one, here or in a scope around: `session = db.session`)
            if made or target in named:
                ctx.rule_notes.setdefault(_RESULTS, {})[(scope, target)] = made
                named.add(target)
            if plain:
                # `args = {"params": query}`: keyword arguments kept for a call (`requests.get(url, **args)`)
                kept = ctx.rule_notes.setdefault(_KEYWORD_DICTS, {})
                # (`args = None` first, the dict bound in each branch: unpacking none passes nothing)
                literal = (type(value) is cst.Dict and not _may_hold_timeout(value)) or n.is_none(value)
                kept[(scope, name)] = kept.get((scope, name), True) and literal
                if type(value) is cst.Dict:
                    ctx.rule_notes[_DICT_BOUND] = True
        elif target.endswith("[timeout]"):
            # (`args["timeout"] = 10`: the kept keywords hold one)
            ctx.rule_notes.setdefault(_KEYWORD_DICTS, {})[(tuple(ctx.scope), target.partition("[")[0])] = False
        if (
            type(value) is cst.Call
            and type(value.func) is cst.Attribute
            and value.func.attr.value == "getdefaulttimeout"
            and ctx.resolve(n.callee(value)) == "socket.getdefaulttimeout"
        ):
            ctx.rule_notes[_SOCKET_RESTORED] = True  # `previous = socket.getdefaulttimeout()`: kept to set it back


# Names bound to keyword arguments kept for a call, by (scope, name): True while every value bound
# to it in that scope is a dict literal with no `timeout` key (nor `**` unpacked into it, nor a
# `timeout` set or an update made later)
_KEYWORD_DICTS = "http-timeout:keyword-dicts"
_DICT_BOUND = "http-timeout:dict-bound"  # a dict literal bound to a name somewhere in the file
# Names bound to what a function of the file returned, by (scope, name): that function ("" once bound to anything else)
_RESULTS = "http-timeout:results"
_RESULT_NAMES = "http-timeout:result-names"  # the names bound to such a result somewhere (asked first)
# Built-in functions: what they return is no session a function of the file made
_BUILTINS = frozenset(dir(builtins))
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def _result_of(owner: str, ctx: Context) -> str:
    """The function of the file whose result ``owner`` holds (see `_RESULTS`): bound in this scope
    or one around it (a nested function's closure), or for `self.`, in its class; ``""`` for none."""
    if owner not in ctx.rule_notes.get(_RESULT_NAMES, ()):
        return ""
    results = ctx.rule_notes.get(_RESULTS, {})
    found: str | None
    if owner.startswith("self."):
        found = results.get((tuple(ctx.scope[:1]), owner), "")
    else:
        for depth in range(len(ctx.scope), -1, -1):
            found = results.get((tuple(ctx.scope[:depth]), owner))
            if found is not None:
                break
    # (and the name's last binding still that call's: not `async with ClientSession() as session` since)
    return found if found and ctx.object_ctor(owner) == found else ""


def _may_hold_timeout(value: cst.Dict) -> bool:
    """Whether a dict literal may hold a ``timeout`` key: it names one or unpacks another dict."""
    return any(
        type(element) is not cst.DictElement or n.string_value(element.key) in {"timeout", None}
        for element in value.elements
    )


def _may_pass_timeout(node: cst.Call, ctx: Context) -> bool:
    """Whether a call's ``**`` arguments may pass a timeout: any but a name this scope bound only to
    dict literals without one (`args = {"params": query}; requests.get(url, **args)`)."""
    kept = ctx.rule_notes.get(_KEYWORD_DICTS, {})
    scope = tuple(ctx.scope)
    own = ctx.params[-1] if ctx.params else frozenset()
    return any(
        arg.star == "**"
        and not (
            type(arg.value) is cst.Name
            and kept.get((scope, arg.value.value)) is True
            # (not a parameter, which the caller may fill: `def get(url, kwargs=None): kwargs = kwargs or {}`,
            # nor one given items by key or operator: `kwargs[name] = value`, `kwargs |= extra`)
            and arg.value.value not in own
            and (scope, arg.value.value) not in ctx.filled
        )
        for arg in node.args
    )


def _annotation(ctx: Context, param: str) -> str:
    """The type a parameter of the function being walked is annotated with, or ``""``."""
    return ctx.annotations[-1].get(param, "") if ctx.annotations else ""


# (function, position or keyword, maker) given a requests session: one made here (maker ""), or
# one a function of the file returned, the maker (known to be a session once the file is read)
_HANDED_SESSIONS = "http-timeout:handed-sessions"


def _imports_sessions(ctx: Context) -> bool:
    """Whether the file imports a library of :data:`REQUESTS_SESSIONS` (asked once a file)."""
    found = ctx.rule_notes.get(_IMPORTS_SESSIONS)
    if found is None:
        roots = {ctor.partition(".")[0] for ctor in REQUESTS_SESSIONS}
        found = ctx.rule_notes[_IMPORTS_SESSIONS] = any(
            target.partition(".")[0] in roots for target in ctx.aliases.values()
        )
    return bool(found)


_IMPORTS_SESSIONS = "http-timeout:imports-sessions"
_ADAPTED = "http-timeout:adapted"  # an adapter mounted, or a timeout bound into `session.request`


def _handed_a_session(
    function: str,
    param: str,
    notes: dict[str, Any],
    signatures: dict[str, tuple[str, ...]],
    factories: dict[str, str],
) -> bool:
    """Whether this file calls ``function`` with a requests session (without a timeout adapter)
    as its parameter ``param``, by position or by keyword: one it made, or one a function of the
    file returned (`session = make_session()`, the factory further down)."""
    order = signatures.get(function, ())
    slots = {param} | ({order.index(param)} if param in order else set())
    return any(
        called == function and where in slots and (not made or factories.get(made) in REQUESTS_SESSIONS)
        for called, where, made in notes.get(_HANDED_SESSIONS, ())
    )


# An executor's or a process pool's mapping methods: each call gets an item (or its unpacked
# items), never a keyword
_MAPS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})


def _handoff(name: str, verb: str) -> tuple[int, int, bool, str] | None:
    """How a call hands a function over to be called elsewhere: the function's position, the
    fewest arguments the hand-over takes, whether it hands its own keywords on, and the words for
    it; None for any other call."""
    if verb == "run_in_executor":
        return 1, 2, False, "run in an executor"  # (`loop.run_in_executor(None, fn, *args)`: positional only)
    if name == "asyncio.to_thread":
        return 0, 1, True, "run in a thread"
    if name == "map" or verb in _MAPS:
        # (the builtin and a pool's `map` take the items too; pandas' `Series.map(func)` the function
        # alone: not `apply`, which hands keywords on, a timeout too)
        return 0, 1 if verb == "map" and name != "map" else 2, False, "mapped over items"
    if verb == "submit":
        return 0, 1, True, "submitted"  # (`executor.submit(fn, *args, **kwargs)`)
    return None


def _handed_requests_call(handed: cst.BaseExpression, ctx: Context) -> str | None:
    """The `requests` function handed to be called elsewhere with no timeout of its own, if it is one.

    `requests.get` itself, or `functools.partial(requests.get, url)` with no timeout (nor `**kwargs`)
    bound: what is called gets no keyword from the executor.
    """
    if type(handed) is cst.Call and ctx.resolve(n.callee(handed)) == "functools.partial" and handed.args:
        if n.keyword(handed, "timeout") is not None or n.has_star_kwargs(handed) or handed.args[0].keyword:
            return None
        handed = handed.args[0].value
    raw = n.dotted(handed) or ""
    full = ctx.resolve(raw) or ""
    module, _, verb = full.rpartition(".")
    if verb in _VERBS and module in _REQUESTS_MODULES:
        return full
    owner = raw.rpartition(".")[0]
    if verb in _VERBS and owner and ctx.object_ctor(owner) in REQUESTS_SESSIONS and not ctx.has_timeout(owner):
        return f"Session.{verb}"  # (`pool.map(session.get, urls)`, a session with no timeout adapter)
    return None
