"""Stage 2: read a file and parse it with libcst, or say exactly why not."""

from __future__ import annotations

import ast
import re

import libcst as cst

from readiness_lint.model import FileError


def read_bytes(path: str, rel: str) -> bytes | FileError:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return FileError(path=rel, message="file vanished before it could be read", kind="io")
    except OSError as exc:
        return FileError(path=rel, message=f"cannot read file: {exc.strerror or exc}", kind="io")


def parse(data: bytes, rel: str) -> cst.Module | FileError:
    """Parse source bytes; libcst honours the BOM and a PEP 263 coding cookie."""
    if b"\x00" in data:
        return FileError(path=rel, message="binary file (contains NUL bytes), not Python source")
    try:
        return cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        line, message = _describe_syntax_error(data, exc)
        return FileError(path=rel, message=f"syntax error: {message}", line=line)
    except (UnicodeDecodeError, LookupError) as exc:
        return FileError(path=rel, message=f"cannot decode file: {exc}")
    except RecursionError:
        return FileError(path=rel, message="expression nesting too deep to parse")
    except (ValueError, SyntaxError, MemoryError) as exc:
        return FileError(path=rel, message=f"cannot parse: {exc}")


_LIBCST_POSITION = re.compile(r"error at (\d+):(\d+): (.*)")


def _describe_syntax_error(data: bytes, exc: cst.ParserSyntaxError) -> tuple[int, str]:
    """A clear line and message for a file that does not parse.

    The standard library's parser words its errors for people ("Missing parentheses in
    call to 'print'"); it only builds a tree, it runs nothing, and it is asked only once
    libcst has already failed.
    """
    try:
        ast.parse(data)
    except SyntaxError as err:
        return max(err.lineno or 1, 1), err.msg
    except (ValueError, RecursionError, MemoryError):
        pass
    text = str(exc.message or "invalid syntax").strip().splitlines()[0]
    match = _LIBCST_POSITION.search(text)
    if match:
        line, detail = int(match.group(1)), match.group(3)
        if len(detail) > 80:
            detail = detail[:77] + "..."
        return max(line, 1), detail
    return max(exc.raw_line, 1), text
