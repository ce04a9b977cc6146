"""RDY018 log-without-context."""

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

_LEVELS = frozenset({"error", "warning", "warn", "critical", "fatal"})
_LOGGER_CTORS = frozenset(
    {
        "logging.getLogger",
        "logging.LoggerAdapter",
        "structlog.get_logger",
        "structlog.getLogger",
        "structlog.stdlib.get_logger",
    }
)
_LOGGER_NAME = re.compile(r"^_*(?:log|logger|LOG|LOGGER|Log|Logger)$|_(?:log|logger|LOG|LOGGER)$")
# Calls in a handler that keep the error's cause somewhere a person will see it.
_KEEPS_CAUSE = re.compile(
    r"(?:^|\.)(?:exception|print_exc|format_exc|print_exception|format_exception|exc_info"
    r"|capture_exception|captureException|capture_exc|notify_exception|report_exception)$"
)


class LogWithoutContext(LineRule):
    code = "RDY018"
    name = "log-without-context"
    why = "A log line that says something failed but not what or why sends whoever reads it back to the code, or to guessing."
    fix = "Use log.exception(...) in the handler, or pass exc_info=True, or put the exception in the message."
    what_it_does = (
        "Finds error and warning logs in `except:`, `except Exception:` and `except BaseException:` "
        "handlers that carry no context at all: a constant message, no arguments, no `exc_info`, and "
        "nothing else in the handler that records the exception (the bound name is never used, no "
        "`log.exception`, no traceback or error-tracker call, no re-raise)."
    )
    why_bad = (
        "A handler that catches everything can be reached by any failure: a timeout, a bug, a full "
        'disk. Logging only `"sync failed"` throws away the one thing that tells them apart, so the '
        "log is an alert nobody can act on. Handlers of specific exceptions (`except KeyError:`) are "
        "left alone: there the exception type is the context."
    )
    references = ("https://docs.python.org/3/library/logging.html#logging.Logger.exception",)
    VALID = (
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync()\nexcept Exception:\n    log.exception("sync failed")\n'
        ),
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync()\nexcept Exception as exc:\n    log.error("sync failed: %s", exc)\n'
        ),
        Sample(
            'import logging\n\ntry:\n    sync()\nexcept Exception:\n    logging.error("sync failed", exc_info=True)\n'
        ),
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync()\nexcept Exception:\n    log.error("sync failed")\n    raise\n',
            note="re-raised: the traceback reaches the caller",
        ),
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    config = load()\nexcept FileNotFoundError:\n    log.warning("no config file, using defaults")\n',
            note="a specific exception: its type is the context",
        ),
        Sample(
            'import logging\nimport sentry_sdk\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync()\nexcept Exception as exc:\n    sentry_sdk.capture_exception(exc)\n    log.error("sync failed")\n',
            note="the error tracker has the exception",
        ),
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync(order_id)\nexcept Exception:\n    log.error("sync failed for order %s", order_id)\n',
            note="context is there, if not the cause: left to review, not reported",
        ),
    )
    INVALID = (
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\ntry:\n    sync()\nexcept Exception:\n    log.error("sync failed")\n'
        ),
        Sample(
            'import logging\n\nlogger = logging.getLogger(__name__)\n\nfor item in items:\n    try:\n        handle(item)\n    except Exception as e:\n        logger.warning("could not handle an item, skipping")\n        continue\n'
        ),
    )

    def on_except(self, node: cst.ExceptHandler, broad: bool, ctx: Context) -> None:
        if not broad or ctx.is_test:
            return
        bound = node.name.name.value if node.name is not None and isinstance(node.name.name, cst.Name) else None
        logs: list[tuple[cst.Call, str]] = []
        for inner in n.descendants(node.body):
            # (exact types: libcst's classes are ABCs, see `names`)
            if type(inner) is cst.Raise:
                return
            if bound is not None and type(inner) is cst.Name and inner.value == bound:
                return
            if type(inner) is not cst.Call:
                continue
            callee = n.callee(inner) or ""
            if _KEEPS_CAUSE.search(callee) or any(
                a.keyword is not None and a.keyword.value in ("exc_info", "stack_info") for a in inner.args
            ):
                return
            level = callee.rsplit(".", 1)[-1]
            if level in _LEVELS and "." in callee and _is_logger(callee.rsplit(".", 1)[0], ctx):
                logs.append((inner, level))
        for call, level in logs:
            if _context_free(call):
                what = "everything" if node.type is None else "every exception"
                receiver = (n.callee(call) or "").rsplit(".", 1)[0]
                handed = receiver == "logging" and (ctx.resolve(receiver) or "") != "logging"
                ctx.report(
                    self.name,
                    call,
                    f"`{level}` log in a handler that catches {what} records neither the exception nor "
                    "its traceback: the log says it failed, not why",
                    # (`from db import logging`: the standard library's, handed on, unless the project
                    # has a module of that name, `orders/logging.py`, with loggers of its own)
                    unless_module=(ctx.resolve(receiver) or "") if handed else "",
                )
                return


def _is_logger(receiver: str, ctx: Context) -> bool:
    resolved = ctx.resolve(receiver) or receiver
    # (also the logging module a project module hands on, `from db import logging`)
    if resolved in ("logging", "loguru.logger", "structlog") or (
        receiver == "logging" and resolved.endswith(".logging")
    ):
        return True
    if ctx.object_ctor(receiver) in _LOGGER_CTORS or receiver.endswith(("getLogger()", "get_logger()")):
        return True
    return bool(_LOGGER_NAME.search(receiver.rsplit(".", 1)[-1]))


def _context_free(call: cst.Call) -> bool:
    """A call with constant text only: no keyword, no value that is not a string literal."""
    if not call.args:
        return False
    for arg in call.args:
        if arg.keyword is not None or arg.star:
            return False
        value = arg.value
        if isinstance(value, cst.FormattedString):
            if any(isinstance(part, cst.FormattedStringExpression) for part in value.parts):
                return False
            continue
        if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return False
        if isinstance(value, cst.ConcatenatedString) and not _constant_concat(value):
            return False
    return True


def _constant_concat(value: cst.ConcatenatedString) -> bool:
    for side in (value.left, value.right):
        if isinstance(side, cst.FormattedString) and any(
            isinstance(part, cst.FormattedStringExpression) for part in side.parts
        ):
            return False
        if isinstance(side, cst.ConcatenatedString) and not _constant_concat(side):
            return False
    return True
