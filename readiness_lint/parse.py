"""Stage 2: read a file and parse it with libcst, or say exactly why not."""

from __future__ import annotations

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
        message = str(exc.message).strip().splitlines()[0] if exc.message else "invalid syntax"
        return FileError(path=rel, message=f"syntax error: {message}", line=max(exc.raw_line, 1))
    except (UnicodeDecodeError, LookupError) as exc:
        return FileError(path=rel, message=f"cannot decode file: {exc}")
    except RecursionError:
        return FileError(path=rel, message="expression nesting too deep to parse")
    except (ValueError, SyntaxError, MemoryError) as exc:
        return FileError(path=rel, message=f"cannot parse: {exc}")
