"""A content-addressed cache of per-file facts, so a warm run parses nothing.

An entry's key hashes the file's bytes, its path, whether it is a test, the tool version
and everything in the configuration that changes per-file facts. Entries are JSON (never
pickle: a cache directory inside a scanned repository is untrusted input), written to a
temporary file and renamed into place, so concurrent runs never see half an entry. An
entry that cannot be read or does not match is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import tempfile
import types
import typing
from dataclasses import asdict
from pathlib import Path
from typing import Any

from readiness_lint import __version__
from readiness_lint.model import FileError, FileFacts

CACHE_DIR_NAME = ".readiness_lint_cache"
FORMAT = 1


class FactsCache:
    """Look up and store the per-file result (facts or a parse error) by content key."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.entries = directory / f"v{FORMAT}"
        self.fingerprint = fingerprint
        self.writable = True
        self.problem: str | None = None
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, directory: Path, fingerprint: str) -> FactsCache:
        cache = cls(directory, fingerprint)
        if directory.is_symlink():
            cache.writable = False
            cache.problem = f"cache disabled: {directory} is a symbolic link (not followed)"
            cache.entries = directory / "\0unused"  # never read through the link
            return cache
        try:
            cache.entries.mkdir(parents=True, exist_ok=True)
            ignore = directory / ".gitignore"
            if not ignore.exists():
                _atomic_write(ignore, "# Automatically created by readiness-lint.\n*\n")
        except OSError as exc:
            cache.writable = False
            cache.problem = f"cache disabled: cannot write {directory}: {exc.strerror or exc}"
        return cache

    def key(self, rel: str, is_test: bool, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (__version__, tool_stamp(), self.fingerprint, rel, "test" if is_test else "src"):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def get(self, key: str, rel: str) -> FileFacts | FileError | None:
        try:
            raw = self._path(key).read_text(encoding="utf-8")
            entry: Any = json.loads(raw)
            if entry.get("key") != key:
                raise ValueError("foreign entry")
            if "error" in entry:
                result: FileFacts | FileError = FileError(**entry["error"])
            else:
                result = FileFacts.from_dict(entry["facts"])
            if result.path != rel:
                raise ValueError("entry for another path")
            check_types(result)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            self.misses += 1  # corrupt or foreign: ignored, and rewritten by put()
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileFacts | FileError) -> None:
        if not self.writable:
            return
        if isinstance(result, FileError):
            if result.kind not in {"parse"}:
                return  # I/O and internal errors may not happen next time
            body: dict[str, Any] = {"key": key, "error": asdict(result)}
        else:
            body = {"key": key, "facts": result.to_dict()}
        target = self._path(key)
        try:
            target.parent.mkdir(exist_ok=True)
            _atomic_write(target, json.dumps(body, separators=(",", ":")))
        except OSError as exc:
            self.writable = False
            self.problem = f"cache disabled: cannot write {self.directory}: {exc.strerror or exc}"


@functools.lru_cache(maxsize=1)
def tool_stamp() -> str:
    """The installed code itself, by name, size and modification time of its files: an edit
    to a rule between releases (a development install) must not reuse facts the old code took.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(package).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


_HINTS: dict[type, dict[str, Any]] = {}


def check_types(value: Any) -> None:
    """Raise TypeError unless a dataclass read back from JSON has the field types it declares.

    A cache entry is untrusted: one with the right key but a string where a line number
    belongs must be ignored, not crash a later stage.
    """
    hints = _HINTS.get(type(value))
    if hints is None:
        hints = typing.get_type_hints(type(value))
        _HINTS[type(value)] = hints
    for name, hint in hints.items():
        _check(getattr(value, name), hint)


def _check(value: Any, hint: Any) -> None:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            raise TypeError("expected a tuple")
        if len(args) == 2 and args[1] is Ellipsis:
            for item in value:
                _check(item, args[0])
        else:
            if len(value) != len(args):
                raise TypeError("wrong tuple length")
            for item, arg in zip(value, args, strict=True):
                _check(item, arg)
    elif origin in (typing.Union, types.UnionType):
        errors = 0
        for arg in typing.get_args(hint):
            try:
                _check(value, arg)
                return
            except TypeError:
                errors += 1
        raise TypeError("no member of the union matches")
    elif origin is typing.Literal:
        if value not in typing.get_args(hint):
            raise TypeError("unexpected literal")
    elif hint is type(None):
        if value is not None:
            raise TypeError("expected None")
    elif dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):  # type: ignore[arg-type]
            raise TypeError("expected a record")
        check_types(value)
    elif hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("expected an integer")
    elif isinstance(hint, type) and not isinstance(value, hint):
        raise TypeError(f"expected {hint.__name__}")


def _atomic_write(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
