"""Small helpers over libcst expressions: dotted names and literal values.

They run for most nodes of every file, so they test exact types (``type(node) is cst.Name``):
libcst's node classes derive from ``abc.ABC``, and ``isinstance`` with a class that is not the
node's own goes through ``ABCMeta.__instancecheck__``, several times slower. The classes tested
here have no subclasses, so the two tests agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    import libcst as cst
else:
    from readiness_lint._lazy_cst import cst


def dotted(node: cst.CSTNode) -> str | None:
    """``a.b.c`` for a Name/Attribute chain; ``None`` for anything else."""
    parts: list[str] = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is cst.Name:
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def callee(node: cst.Call) -> str | None:
    """Dotted name of a call's function; calls inside the chain read as ``()``.

    ``requests.get(...)`` → ``requests.get``; ``Path("x").mkdir()`` → ``Path().mkdir``;
    ``logging.getLogger().addHandler(h)`` → ``logging.getLogger().addHandler``.
    """
    parts: list[str] = []
    current: cst.CSTNode = node.func
    while True:
        if type(current) is cst.Attribute:
            parts.append("." + current.attr.value)
            current = current.value
        elif type(current) is cst.Call:
            parts.append("()")
            current = current.func
        elif type(current) is cst.Name:
            parts.append(current.value)
            return "".join(reversed(parts))
        else:
            return None


def bytes_text(node: cst.CSTNode) -> str | None:
    """A bytes literal's content, one character per byte (``None`` for anything else)."""
    if not isinstance(node, cst.SimpleString) or "b" not in node.prefix.lower():
        return None
    try:
        value = node.evaluated_value
    except (ValueError, SyntaxError, MemoryError):
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else None


def string_value(node: cst.CSTNode) -> str | None:
    """The value of a plain or implicitly concatenated string literal (not f-strings, not bytes)."""
    if type(node) is cst.SimpleString:
        prefix = node.prefix.lower()
        if "b" in prefix:
            return None
        raw = node.raw_value
        if "r" in prefix or "\\" not in raw:
            return raw
        try:
            value = node.evaluated_value
        except (ValueError, SyntaxError, UnicodeDecodeError, MemoryError):
            return raw
        return value if isinstance(value, str) else None
    if type(node) is cst.ConcatenatedString:
        left = string_value(node.left)
        right = string_value(node.right)
        if left is None or right is None:
            return None
        return left + right
    return None


def template_text(node: cst.CSTNode, hole: str = "") -> str | None:
    """The literal text of a string built at run time: an f-string's literal parts, or those of
    plain strings and f-strings written side by side (each value given as ``hole``, left out by
    default); a plain string's value. None for bytes and anything else."""
    if type(node) is cst.FormattedString:
        return "".join(p.value if type(p) is cst.FormattedStringText else hole for p in node.parts)
    if type(node) is cst.ConcatenatedString:
        left, right = template_text(node.left, hole), template_text(node.right, hole)
        return None if left is None or right is None else left + right
    return string_value(node)


def fstring_head(node: cst.CSTNode) -> str | None:
    """The literal text before the first ``{...}`` of an f-string."""
    if isinstance(node, cst.FormattedString) and node.parts:
        first = node.parts[0]
        if isinstance(first, cst.FormattedStringText):
            return first.value
        return ""
    return None


def int_value(node: cst.CSTNode) -> int | None:
    if type(node) is cst.Integer:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    if type(node) is cst.UnaryOperation and type(node.operator) is cst.Minus:
        inner = int_value(node.expression)
        return None if inner is None else -inner
    return None


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def keywords(call: cst.Call) -> tuple[str, ...]:
    """The names of the keyword arguments, in order."""
    return tuple(a.keyword.value for a in call.args if a.keyword is not None)


def has_star_kwargs(call: cst.Call) -> bool:
    return any(arg.star == "**" for arg in call.args)


def positional(call: cst.Call) -> list[cst.Arg]:
    return [arg for arg in call.args if arg.keyword is None and not arg.star]


def is_true(node: cst.CSTNode) -> bool:
    return type(node) is cst.Name and node.value == "True"


def is_none(node: cst.CSTNode) -> bool:
    return type(node) is cst.Name and node.value == "None"


def is_false(node: cst.CSTNode) -> bool:
    return type(node) is cst.Name and node.value == "False"


def descendants(root: cst.CSTNode, skip: tuple[type[cst.CSTNode], ...] = ()) -> Iterator[cst.CSTNode]:
    """Every node under ``root`` in source order, neither yielding nor entering nested functions,
    classes, lambdas or nodes of the ``skip`` types: what one block itself does."""
    stop = _stop_kinds(skip)
    stack = list(reversed(children(root)))
    while stack:
        node = stack.pop()
        if type(node) in stop:
            continue
        yield node
        stack.extend(reversed(children(node)))


@functools.cache
def _stop_kinds(skip: tuple[type[cst.CSTNode], ...]) -> frozenset[type]:
    """The classes :func:`descendants` stops at, their subclasses too, for an exact-type test (an
    ``isinstance`` with a tuple of libcst's classes takes the ABC's slow path once per class)."""
    found: set[type] = set()
    stack: list[type] = [cst.FunctionDef, cst.ClassDef, cst.Lambda, *skip]
    while stack:
        kind = stack.pop()
        if kind not in found:
            found.add(kind)
            stack.extend(kind.__subclasses__())
    return frozenset(found)


def read_key(read: cst.Call) -> str | None:
    """The literal key a settings read names: its ``envvar=`` (click) or its first argument
    (``os.getenv("API_KEY", ...)``, ``config("API_KEY", default=...)``)."""
    envvar = keyword(read, "envvar")
    if envvar is not None:
        return string_value(envvar.value)
    args = positional(read)
    return string_value(args[0].value) if args else None


def is_sequence(node: cst.CSTNode) -> TypeGuard[cst.Tuple | cst.List]:
    """A tuple or a list display (``isinstance(node, (cst.Tuple, cst.List))``, by exact type)."""
    kind = type(node)
    return kind is cst.Tuple or kind is cst.List


def is_collection(node: cst.CSTNode) -> TypeGuard[cst.Tuple | cst.List | cst.Set]:
    """A tuple, list or set display, by exact type."""
    kind = type(node)
    return kind is cst.Tuple or kind is cst.List or kind is cst.Set


def is_comprehension(node: cst.CSTNode) -> TypeGuard[cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp]:
    """A list, set or dict comprehension or a generator expression, by exact type."""
    kind = type(node)
    return kind is cst.ListComp or kind is cst.SetComp or kind is cst.GeneratorExp or kind is cst.DictComp


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """``node.children``, the same nodes in the same order, read from the node's fields.

    libcst computes ``children`` by running a visitor over the node (its own comment calls it
    slow); the order is that of the fields its ``_visit_and_replace_children`` visits, read once
    per class from that method's source. A class whose source cannot be read falls back to
    ``children``.
    """
    cls = type(node)
    order = _FIELD_ORDER.get(cls, _UNKNOWN)
    if order is _UNKNOWN:
        order = _FIELD_ORDER[cls] = _field_order(cls)
    if order is None:
        return list(node.children)
    found: list[cst.CSTNode] = []
    for name in order:
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            found.extend(item for item in value if _is_node(type(item)))
        elif _is_node(kind):
            found.append(value)
    return found


_UNKNOWN: tuple[str, ...] = ("?",)
_FIELD_ORDER: dict[type, tuple[str, ...] | None] = {}
_NODE_TYPES: dict[type, bool] = {}
# `visit_required(self, "func", self.func, visitor)` and its kin, in the order they are written
_VISITED_FIELD = re.compile(
    r'visit_(?:required|optional|sentinel|sequence|body_sequence|iterable|body_iterable)\(\s*self,\s*"(\w+)"'
)


def _field_order(cls: type) -> tuple[str, ...] | None:
    import inspect

    try:
        source = inspect.getsource(cls._visit_and_replace_children)  # type: ignore[attr-defined]
    except (OSError, TypeError, AttributeError):
        return None
    fields = tuple(dict.fromkeys(_VISITED_FIELD.findall(source)))
    return fields if fields or "visit_" not in source else None


def _is_node(kind: type) -> bool:
    found = _NODE_TYPES.get(kind)
    if found is None:
        found = _NODE_TYPES[kind] = issubclass(kind, cst.CSTNode)
    return found


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(identifier: str) -> set[str]:
    """The lower-case words of a name, split at dots, underscores and camel humps:
    ``config.HEARTBEAT_URL`` -> {"config", "heartbeat", "url"}, ``lockPath`` -> {"lock", "path"}."""
    return {w.lower() for w in _WORD.findall(identifier)}


# (the place before each hump: a plain "_" put there is substituted without a template, in C)
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake(name: str) -> str:
    """A name in lower snake case, its camel humps split: ``sendEmail`` -> ``send_email``,
    ``userExists`` -> ``user_exists``."""
    return _CAMEL_HUMP.sub("_", name).lower()
