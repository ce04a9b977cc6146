"""What a rule is: its contract, its documentation and its samples, in one class.

Two families share the contract:

* line rules look at one file during the single walk of its tree (the extract stage calls
  their hooks) and report findings at a line;
* service rules look at what an entrypoint reaches, after all files are read, and pass
  or fail the entrypoint as a whole.

``VALID`` and ``INVALID`` samples are run by the test suite and are the *Example* and
*Use instead* sections of the generated documentation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
    from readiness_lint.model import Entrypoint
    from readiness_lint.project import Service


@dataclass(frozen=True)
class Sample:
    """A code sample; ``path`` matters for rules that look at file names."""

    code: str
    path: str = "app.py"
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """The verdict of a service rule on one entrypoint."""

    passed: bool
    message: str = ""
    applicable: bool = True
    evidence: tuple[str, ...] = field(default=())


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    scope: ClassVar[Literal["line", "service", "meta"]]
    why: ClassVar[str]
    fix: ClassVar[str]
    what_it_does: ClassVar[str]
    why_bad: ClassVar[str]
    references: ClassVar[tuple[str, ...]] = ()
    VALID: ClassVar[tuple[Sample, ...]]
    INVALID: ClassVar[tuple[Sample, ...]]


class LineRule(Rule):
    scope: ClassVar[Literal["line", "service", "meta"]] = "line"
    # A finding inside a function counts only for services whose code calls that function (or
    # hands it on): an unused helper's INSERT writes nothing. False: the text itself is the risk.
    counts_where_called: ClassVar[bool] = False

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        """A call; ``name`` is the callee resolved through the file's imports."""

    def on_string(self, node: cst.CSTNode, value: str, ctx: Context) -> None:
        """A string literal (f-strings: their literal text)."""

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        """A value bound to a name: assignment, keyword argument, dict key, parameter default."""

    def on_extend(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        """A value added to a name in place: ``sql += " ON CONFLICT DO NOTHING"``."""

    def on_except(self, node: cst.ExceptHandler, broad: bool, ctx: Context) -> None:
        """An ``except`` clause; ``broad`` when it catches everything (bare, Exception, BaseException)."""

    def on_env_fallback(self, read: cst.Call, fallback: cst.CSTNode, ctx: Context) -> None:
        """An environment read with a fallback: ``getenv(K, D)``, ``config(K, default=D)``, ``get(K) or D``."""


class ServiceRule(Rule):
    scope: ClassVar[Literal["line", "service", "meta"]] = "service"

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        raise NotImplementedError


class MetaRule(Rule):
    """A rule about the tool's own use (suppressions); reported, never scored."""

    scope: ClassVar[Literal["line", "service", "meta"]] = "meta"
