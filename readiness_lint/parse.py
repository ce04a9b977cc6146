"""Stage 2: read a file and parse it with libcst, or say exactly why not."""

from __future__ import annotations

import ast
import functools
import os
import re
from typing import TYPE_CHECKING

from readiness_lint.discover import link_problem
from readiness_lint.model import FileError

if TYPE_CHECKING:
    import libcst as cst
else:
    from readiness_lint._lazy_cst import cst

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024  # bytes; libcst needs seconds and hundreds of MB per MB of source


def read_bytes(path: str, rel: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | FileError:
    """The file's bytes; a file over ``max_size`` (0: no limit) is refused before it is read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_size and size > max_size:
                return FileError(
                    path=rel,
                    message=f"not analysed: {human_size(size)} is over the max-file-size limit of "
                    f"{human_size(max_size)} (generated code? exclude it, or raise the limit)",
                    kind="too-large",
                )
            return handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            return FileError(path=rel, message=link_problem(path), kind="io")
        return FileError(path=rel, message="file vanished before it could be read", kind="io")
    except OSError as exc:
        return FileError(path=rel, message=f"cannot read file: {exc.strerror or exc}", kind="io")


def parse(data: bytes, rel: str, screened: bool = False) -> cst.Module | FileError:
    """Parse source bytes; libcst honours the BOM and a PEP 263 coding cookie. ``screened``:
    the caller found the bytes not :func:`suspicious` already (a scan of the whole file)."""
    if b"\x00" in data:
        return FileError(path=rel, message="binary file (contains NUL bytes), not Python source")
    too_deep = too_deep_for_python(data) if not screened and suspicious(data) else None
    if too_deep is not None:
        return FileError(path=rel, message=too_deep, line=1)
    try:
        # (with libcst's per-node checks: its parser leaves some of Python's rules to them, such as
        # a bytes literal beside a str one, or a bare `except:` that is not the last handler; the
        # checks that only repeat the tokenizer's work are skipped, see `_parse_module`)
        return _parse_module(data)
    except cst.ParserSyntaxError as exc:
        line, message, python_agrees = _describe_syntax_error(data, exc)
        if not python_agrees and _MIXED_INDENT.search(data):
            # A tab and spaces in one line's indentation, which CPython reads with tabs to the next
            # multiple of 8 and libcst's tokenizer refuses ("no matching outer block for dedent"):
            # read with the tabs of the indentation expanded as CPython does (lines unchanged).
            # (every line's: lines indented with tabs alone must line up with the expanded ones)
            try:
                return _parse_module(_INDENT.sub(lambda m: m.group(0).expandtabs(8), data))
            except cst.ParserSyntaxError:
                pass
        if not python_agrees:
            return FileError(path=rel, message=f"libcst cannot parse this valid Python: {message}", line=line)
        return FileError(path=rel, message=f"syntax error: {message}", line=line)
    except (UnicodeDecodeError, LookupError) as exc:
        return FileError(path=rel, message=f"cannot decode file: {exc}")
    except RecursionError:
        return FileError(path=rel, message="expression nesting too deep to parse")
    except (ValueError, SyntaxError, MemoryError) as exc:
        text = str(exc)
        if "encoding" in text:
            return FileError(path=rel, message="cannot decode: not UTF-8, and no valid coding declaration (PEP 263)")
        return FileError(path=rel, message=f"cannot parse: {text}")


def _parse_module(data: bytes) -> cst.Module:
    """``libcst.parse_module``, without the checks of nodes that can only be right when parsed.

    Every libcst node checks its own fields when it is made (``__post_init__`` calls
    ``_validate``): about a tenth of the parse, and libcst's own source marks it as a cost to
    move out of parsing. For most of the two million nodes of a large project the check is
    empty, or counts the parentheses the parser has just matched, or re-matches whitespace,
    a newline or a comment against the pattern the tokenizer matched it with; those are
    skipped while the file is parsed. Every check that holds a rule of Python's (a name's
    characters, string prefixes, the order of parameters, of arguments or of handlers, ...)
    still runs, so what parses, and the tree it gives, are the same.
    """
    trusted = _trusted_node_classes()
    try:
        for kind in trusted:
            kind.__post_init__ = _unchecked  # type: ignore[method-assign]
        return cst.parse_module(data)
    finally:
        for kind in trusted:
            if "__post_init__" in kind.__dict__:
                del kind.__post_init__


def _unchecked(self: cst.CSTNode) -> None:
    return None


# Nodes whose own check re-matches the tokenizer's pattern for the same text
_TOKEN_CHECKED = ("SimpleWhitespace", "Newline", "Comment")


@functools.cache
def _trusted_node_classes() -> tuple[type[cst.CSTNode], ...]:
    """The node classes whose check is libcst's empty default or the parentheses' balance, and
    the whitespace tokens; none may define ``__post_init__`` of its own (it would be lost)."""
    import inspect

    import libcst
    from libcst._nodes.expression import _BaseParenthesizedNode

    base = libcst.CSTNode
    found = []
    for name in sorted(dir(libcst)):
        kind = getattr(libcst, name)
        if not (inspect.isclass(kind) and issubclass(kind, base)) or inspect.isabstract(kind):
            continue
        if "__post_init__" in kind.__dict__ or kind.__post_init__ is not base.__post_init__:
            continue
        owner = next(k for k in kind.__mro__ if "_validate" in k.__dict__)
        if owner is base or owner is _BaseParenthesizedNode or name in _TOKEN_CHECKED:
            found.append(kind)
    return tuple(found)


_LIBCST_POSITION = re.compile(r"error at (\d+):(\d+): (.*)")
# Indentation holding a tab beside spaces (either order)
_MIXED_INDENT = re.compile(rb"^(?=[ \t]*(?: \t|\t ))[ \t]+", re.MULTILINE)
_INDENT = re.compile(rb"^[ \t]+", re.MULTILINE)


def _describe_syntax_error(data: bytes, exc: cst.ParserSyntaxError) -> tuple[int, str, bool]:
    """A clear line and message for a file that does not parse.

    The standard library's parser words its errors for people ("Missing parentheses in
    call to 'print'"); it only builds a tree, it runs nothing, and it is asked only once
    libcst has already failed.
    """
    python_agrees = True
    try:
        ast.parse(data)
        python_agrees = False  # CPython compiles it: libcst's grammar is the one that refuses
    except SyntaxError as err:
        return max(err.lineno or 1, 1), err.msg, True
    except (ValueError, RecursionError, MemoryError):
        pass
    text = str(exc.message or "invalid syntax").strip().splitlines()[0]
    match = _LIBCST_POSITION.search(text)
    if match:
        line, detail = int(match.group(1)), match.group(3)
        if len(detail) > 80:
            detail = detail[:77] + "..."
        return max(line, 1), detail, python_agrees
    return max(exc.raw_line, 1), text, python_agrees


_OPENERS = b"([{"
_BRACKETS = bytes(range(256)).translate(None, b"()[]{}")
_LONG_LINE = 1000
_DEEP = 100
_MANY_LINES = 3000


def suspicious(data: bytes) -> bool:
    """Cheap signs of code that could be nested deeply enough to crash a native parser:
    a very long line, brackets nested very deep, or simply very many lines (a chain of
    ``elif`` or ``and`` one per line). Ordinary files are none of these.
    """
    if len(data) > _LONG_LINE and max(map(len, data.split(b"\n"))) > _LONG_LINE:
        return True
    if data.count(b"\n") > _MANY_LINES:
        return True
    if sum(data.count(bytes([c])) for c in _OPENERS) < 2 * _DEEP:
        return False
    depth = deepest = 0
    for byte in data.translate(None, _BRACKETS):
        depth += 1 if byte in _OPENERS else -1
        if depth > deepest:
            deepest = depth
            if deepest > _DEEP:
                return True
    return False


def too_deep_for_python(data: bytes) -> str | None:
    """Refuse what CPython itself cannot compile because of nesting, before libcst's native
    parser meets it: on thousands of nested brackets or chained operators it overflows its
    stack and takes the whole process down. Only suspicious files pay for this check.
    """
    try:
        ast.parse(data)
    except RecursionError:
        return "code nested too deeply: Python itself cannot compile it"
    except MemoryError:
        return "code nested too deeply: Python itself runs out of memory compiling it"
    except SyntaxError as err:
        if "too many nested" in (err.msg or ""):
            return f"syntax error: {err.msg}"
    except ValueError:
        return None
    return None


def human_size(size: int) -> str:
    """Bytes for people: ``2 MiB``, ``10.5 MiB``, ``300 KiB``, ``12 bytes``."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
