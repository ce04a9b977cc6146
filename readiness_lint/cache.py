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
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from readiness_lint import __version__
from readiness_lint.model import FileError, FileFacts, Report

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
        self.report_hit = False

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
        self._write(self._path(key), body)

    def _write(self, target: Path, body: dict[str, Any]) -> None:
        """One entry, atomically; the first failure turns caching off with one message."""
        try:
            target.parent.mkdir(exist_ok=True)
            _atomic_write(target, json.dumps(body, separators=(",", ":")))
        except OSError as exc:
            self.writable = False
            self.problem = f"cache disabled: cannot write {self.directory}: {exc.strerror or exc}"

    def _run_path(self, slot: str) -> Path:
        return self.directory / "runs" / f"{slot}.json"

    def get_report(self, slot: str, key: str) -> Report | None:
        """The report a run with exactly these inputs produced, or None.

        Never through a cache directory that is a symbolic link or could not be set up, and only
        a report whose figures are possible (an entry may have been planted in the scanned tree).
        """
        if not self.writable:
            return None
        try:
            entry: Any = json.loads(self._run_path(slot).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            report = typing.cast(Report, decode(Report, entry["report"], complete=True))
            if not _plausible(report):
                return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None  # missing, corrupt or foreign: assembled afresh and rewritten
        self.report_hit = True
        report.notices = []  # this run's own notices only
        return report

    def put_report(self, slot: str, key: str, report: Report) -> None:
        if not self.writable or any(e.kind == "internal" for e in report.errors):
            return  # a crash or a time-out in analysis may not happen next time: never served again
        self._write(self._run_path(slot), {"key": key, "report": asdict(dataclasses.replace(report, notices=[]))})


def _plausible(report: Report) -> bool:
    scores = [report.score, *(e.score for e in report.entrypoints)]
    return (
        all(0 <= score <= 100 for score in scores)
        and report.score_basis in {"entrypoints", "repository", "none"}
        and all(f.confidence in {"high", "medium", "low"} for f in report.findings)
        and report.files >= 0
    )


def digest_of(parts: typing.Iterable[str]) -> str:
    """One key for a sequence of strings (each part delimited, so ``ab|c`` differs from ``a|bc``)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def tool_stamp() -> str:
    """The analysing code itself, by content: an edit to a rule between releases (a development
    install) must not reuse facts the old code took, while the same code installed elsewhere
    (a wheel beside its source checkout) shares the cache. About 60 small files: a few ms.
    """
    return stamp_of(Path(__file__).resolve().parent)


def stamp_of(package: Path) -> str:
    """A digest of a package's source files, by path and content (not by file times). Only the
    ``.py`` files: the wheel ships the checklist inside the package and a source checkout keeps it
    beside it, and per-file facts do not depend on it (the reused report's key holds its text)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def check_types(value: Any) -> None:
    """Raise TypeError unless a dataclass read back from JSON has the field types it declares.

    A cache entry is untrusted: one with the right key but a string where a line number
    belongs must be ignored, not crash a later stage. The checks are built once per type
    from its annotations, so a warm run pays a few isinstance calls per field.
    """
    _checker(typing.cast(Any, type(value)))(value)


Checker = Callable[[Any], None]


@functools.cache
def _checker(hint: Any) -> Checker:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item_check = _checker(args[0])

            def check_homogeneous(value: Any) -> None:
                if not isinstance(value, tuple):
                    raise TypeError("expected a tuple")
                for item in value:
                    item_check(item)

            return check_homogeneous
        checks = [_checker(arg) for arg in args]

        def check_fixed(value: Any) -> None:
            if not isinstance(value, tuple) or len(value) != len(checks):
                raise TypeError("expected a tuple of the right length")
            for item, check in zip(value, checks, strict=True):
                check(item)

        return check_fixed
    if origin in (typing.Union, types.UnionType):
        members = [_checker(arg) for arg in typing.get_args(hint)]

        def check_union(value: Any) -> None:
            for check in members:
                try:
                    check(value)
                    return
                except TypeError:
                    continue
            raise TypeError("no member of the union matches")

        return check_union
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(hint))

        def check_literal(value: Any) -> None:
            if value not in allowed:
                raise TypeError("unexpected literal")

        return check_literal
    if hint is type(None):

        def check_none(value: Any) -> None:
            if value is not None:
                raise TypeError("expected None")

        return check_none
    if dataclasses.is_dataclass(hint):
        fields = [(name, _checker(field_hint)) for name, field_hint in typing.get_type_hints(hint).items()]

        def check_record(value: Any) -> None:
            if not isinstance(value, hint):  # type: ignore[arg-type]
                raise TypeError("expected a record")
            for name, check in fields:
                check(getattr(value, name))

        return check_record
    if hint is int:

        def check_int(value: Any) -> None:
            if type(value) is not int:
                raise TypeError("expected an integer")

        return check_int
    if isinstance(hint, type):

        def check_type(value: Any) -> None:
            if not isinstance(value, hint):
                raise TypeError(f"expected {hint.__name__}")

        return check_type

    def check_anything(value: Any) -> None:
        return None

    return check_anything


def decode(hint: Any, raw: Any, complete: bool = False) -> Any:
    """Build a value of type ``hint`` (records, tuples, lists, literals, unions) from decoded JSON.

    The input is untrusted: anything that does not fit the declared types raises TypeError, and
    with ``complete`` the top record must have every one of its fields. The decoder of each type
    is built once from its annotations.
    """
    if complete and (not isinstance(raw, dict) or set(raw) != set(_decoder_fields(hint))):
        raise TypeError("expected every field of the record")
    return _decoder(hint)(raw)


def _decoder_fields(hint: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(hint))


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(hint: Any) -> Decoder:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        record: Any = hint
        fields = {name: _decoder(field_hint) for name, field_hint in typing.get_type_hints(record).items()}

        def decode_record(raw: Any) -> Any:
            if not isinstance(raw, dict):
                raise TypeError("expected a record")
            try:
                return record(**{name: fields[name](value) for name, value in raw.items()})
            except KeyError as exc:
                raise TypeError("unexpected field") from exc

        return decode_record
    if origin is list or (origin is tuple and len(typing.get_args(hint)) == 2 and typing.get_args(hint)[1] is Ellipsis):
        item = _decoder(typing.get_args(hint)[0])
        make = list if origin is list else tuple

        def decode_sequence(raw: Any) -> Any:
            if not isinstance(raw, list):
                raise TypeError("expected a list")
            return make(item(value) for value in raw)

        return decode_sequence
    if origin is tuple:
        items = [_decoder(arg) for arg in typing.get_args(hint)]

        def decode_fixed(raw: Any) -> Any:
            if not isinstance(raw, list) or len(raw) != len(items):
                raise TypeError("expected a tuple of the right length")
            return tuple(decode(value) for decode, value in zip(items, raw, strict=True))

        return decode_fixed
    check = _checker(hint)  # scalars, literals, None and unions of them

    def decode_scalar(raw: Any) -> Any:
        if isinstance(raw, (list, dict)):
            raise TypeError("expected a scalar")
        check(raw)
        return raw

    return decode_scalar


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
