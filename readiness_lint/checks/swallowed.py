"""RDY016 swallowed-exception."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst


class SwallowedException(LineRule):
    code = "RDY016"
    name = "swallowed-exception"
    why = "An error caught and thrown away leaves no log, no metric and no exit status: the failure is invisible."
    fix = "Log it (log.exception(...)), count it, re-raise it, or catch the specific exception you expect."
    what_it_does = (
        "Finds `except:`, `except Exception:` and `except BaseException:` clauses whose body only "
        "passes, continues or returns nothing (or holds nothing but `...`, a string or a bare `None`). Handlers of specific exceptions (`except KeyError: pass`) "
        "are left alone."
    )
    why_bad = (
        "Catching everything and doing nothing hides bugs and outages alike. The process looks healthy "
        "while work is silently lost."
    )
    references = ("https://cwe.mitre.org/data/definitions/390.html",)
    VALID = (
        Sample('import logging\n\ntry:\n    run()\nexcept Exception:\n    logging.exception("run failed")\n'),
        Sample("try:\n    import ujson as json\nexcept ImportError:\n    import json\n"),
        Sample("try:\n    cache.delete(key)\nexcept KeyError:\n    pass\n", note="a specific, expected exception"),
    )
    INVALID = (
        Sample("try:\n    run()\nexcept Exception:\n    pass\n"),
        Sample("for item in items:\n    try:\n        handle(item)\n    except:\n        continue\n"),
        Sample("try:\n    run()\nexcept:\n    None\n", note="a bare `None` does nothing either"),
    )

    def on_except(self, node: cst.ExceptHandler, broad: bool, ctx: Context) -> None:
        if not broad or ctx.is_test or not _does_nothing(node.body):
            return
        what = "everything" if node.type is None else "every exception"
        ctx.report(self.name, node, f"Catches {what} and does nothing with it: the error leaves no trace")


def _does_nothing(body: cst.BaseSuite) -> bool:
    statements: list[cst.CSTNode] = []
    if isinstance(body, cst.IndentedBlock):
        for stmt in body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                return False
            statements.extend(stmt.body)
    elif isinstance(body, cst.SimpleStatementSuite):
        statements.extend(body.body)
    for small in statements:
        if isinstance(small, (cst.Pass, cst.Continue)):
            continue
        if isinstance(small, cst.Return) and (
            small.value is None or (isinstance(small.value, cst.Name) and small.value.value == "None")
        ):
            continue
        if isinstance(small, cst.Expr) and (
            isinstance(small.value, (cst.Ellipsis, cst.SimpleString))
            or (isinstance(small.value, cst.Name) and small.value.value == "None")
        ):
            continue  # `...`, a string, a bare `None`: statements that do nothing
        return False
    return True
