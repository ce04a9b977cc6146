"""Stage 1: find the Python files of a service.

Skips version-control and tool directories, virtual environments, ``node_modules``,
build output and what ``.gitignore`` files ignore. Test files are marked, not dropped:
whether they count as service code is the engine's choice.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness_lint.deploy import MAX_DEPLOYMENT_FILE, is_deployment_file
from readiness_lint.errors import UsageError
from readiness_lint.model import FileError

if TYPE_CHECKING:
    import pathspec

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "build",
        "dist",
        ".eggs",
        "site-packages",
        ".readiness_lint_cache",
        ".idea",
        ".vscode",
        "__pypackages__",
        ".direnv",
        "htmlcov",
    }
)
TEST_DIRS = frozenset({"tests", "test", "testing"})


@dataclass(frozen=True)
class SourceFile:
    """A file to analyse: its path relative to the root (POSIX) and on disk."""

    rel: str
    abs: str
    is_test: bool


def is_test_path(rel: str) -> bool:
    parts = rel.split("/")
    return any(part in TEST_DIRS for part in parts[:-1]) or parts[-1] == "conftest.py" or named_like_test(rel)


def named_like_test(rel: str) -> bool:
    """A test by its name alone (`test_routes.py`, `routes_test.py`), outside any test directory:
    service code if the service imports it (see `engine`)."""
    parts = rel.split("/")
    name = parts[-1]
    if any(part in TEST_DIRS for part in parts[:-1]) or parts[-3:-1] == ["management", "commands"]:
        return False  # (Django runs every module of `management/commands` as a command, `scrape_test.py` too)
    return name.startswith("test_") or name.endswith("_test.py")


BROKEN_LINK = "broken symbolic link: its target does not exist"


def link_problem(path: str) -> str:
    """Why a symbolic link cannot be followed: a loop, or a target that is not there."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link leads back to itself"
    return BROKEN_LINK


def scan_root(paths: Iterable[str]) -> Path:
    """The directory paths are reported relative to: the one directory given, or the common parent."""
    resolved = [Path(p).resolve() if Path(p).exists() else Path(p).absolute() for p in paths]
    dirs = [p if p.is_dir() else p.parent for p in resolved]
    if len(dirs) == 1:
        return dirs[0]
    return Path(os.path.commonpath([str(d) for d in dirs]))


def discover(
    paths: list[str], root: Path, deployment: list[SourceFile] | None = None
) -> tuple[list[SourceFile], list[FileError]]:
    """All Python files under ``paths``, sorted, with the errors met on the way.

    ``deployment``, when given, receives the deployment files met in the same walk (crontabs,
    Procfiles, Compose, Kubernetes, systemd and workflow files; see :mod:`readiness_lint.deploy`),
    outside test directories and no larger than the deployment stage reads.
    """
    files: dict[str, SourceFile] = {}
    errors: list[FileError] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{raw}: no such file or directory")
        if not path.exists():
            errors.append(FileError(path=_relative(path.absolute(), root), message=link_problem(raw), kind="io"))
            continue
        if path.exists() and not path.is_dir() and not path.is_file():
            errors.append(
                FileError(path=printable(raw), message="not a regular file (a pipe, socket or device)", kind="io")
            )
            continue
        if path.is_file():
            rel = _relative(path.resolve(), root)
            files[rel] = SourceFile(rel, str(path), is_test_path(rel))
            continue
        for source in _walk(path, root, errors, deployment):
            files[source.rel] = source
    if deployment is not None:
        deployment.sort(key=lambda s: s.rel)
    return [files[k] for k in sorted(files)], errors


def _relative(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return printable(rel)


def printable(name: str) -> str:
    """A file name as reports show it: bytes that are not UTF-8 become U+FFFD, never lone
    surrogates, and control characters are escaped (a newline in a name must not start a
    line a CI system reads as a command; an escape sequence must not reach a terminal).
    """
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _is_venv(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg"))


def _load_ignore(directory: str) -> pathspec.GitIgnoreSpec | None:
    ignore_file = os.path.join(directory, ".gitignore")
    if not os.path.isfile(ignore_file):
        return None
    try:
        with open(ignore_file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec  # only for trees that have a .gitignore

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec raises its own errors and re.error on bad patterns
        # git ignores a pattern it cannot use; so do we, keeping the good ones.
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if _usable(line)])


def _usable(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


def _walk(
    top: Path, root: Path, errors: list[FileError], deployment: list[SourceFile] | None = None
) -> Iterable[SourceFile]:
    root_str = str(root)
    root_prefix = root_str.rstrip(os.sep) + os.sep
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    # .gitignore files above the scanned directory, up to the root, apply too.
    parents = [p for p in [top.resolve(), *top.resolve().parents] if str(p).startswith(root_str)]
    for parent in reversed(parents[1:]):
        spec = _load_ignore(str(parent))
        if spec is not None:
            specs.append((str(parent), spec))

    def on_error(exc: OSError) -> None:
        where = _relative(Path(exc.filename), root) if exc.filename else str(top)
        errors.append(FileError(path=where, message=f"cannot read directory: {exc.strerror}", kind="io"))

    for dirpath, dirnames, filenames in os.walk(top.resolve(), onerror=on_error, followlinks=False):
        spec = _load_ignore(dirpath)
        if spec is not None:
            specs.append((dirpath, spec))
        active = [(base, s) for base, s in specs if dirpath == base or dirpath.startswith(base + os.sep)]
        kept = []
        for name in sorted(dirnames):
            full = os.path.join(dirpath, name)
            if name in SKIP_DIRS or name.endswith(".egg-info") or _is_venv(full):
                continue
            if os.path.islink(full) or _ignored(full, active, is_dir=True):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(".py"):
                if deployment is not None:
                    _collect_deployment(dirpath, name, root, active, deployment)
                continue
            full = os.path.join(dirpath, name)
            if _ignored(full, active, is_dir=False):
                continue
            if not os.path.isfile(full):
                if os.path.islink(full) and not os.path.exists(full):
                    errors.append(FileError(path=_relative(Path(full), root), message=link_problem(full), kind="io"))
                continue  # a named pipe, socket or device called *.py: never opened
            if os.path.islink(full):
                target = os.path.realpath(full)
                if not target.startswith(root_str + os.sep):
                    continue
            absolute = os.path.abspath(full)
            if absolute.startswith(root_prefix):  # the common case, without pathlib's cost per file
                rel = printable(absolute[len(root_prefix) :].replace(os.sep, "/"))
            else:
                rel = _relative(Path(absolute), root)
            yield SourceFile(rel, full, is_test_path(rel))


def _collect_deployment(
    dirpath: str, name: str, root: Path, active: list[tuple[str, pathspec.GitIgnoreSpec]], out: list[SourceFile]
) -> None:
    full = os.path.join(dirpath, name)
    if not is_deployment_file(f"{os.path.basename(dirpath)}/{name}") and not name.lower().endswith((".conf", ".ini")):
        return  # most files: no path arithmetic
    rel = _relative(Path(os.path.abspath(full)), root)
    if not is_deployment_file(rel) or is_test_path(rel) or _ignored(full, active, is_dir=False):
        return
    try:
        if os.path.islink(full) or not os.path.isfile(full) or os.path.getsize(full) > MAX_DEPLOYMENT_FILE:
            return
    except OSError:
        return
    out.append(SourceFile(rel, full, False))


def _ignored(full: str, specs: list[tuple[str, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    for base, spec in specs:
        rel = os.path.relpath(full, base).replace(os.sep, "/")
        if is_dir:
            rel += "/"
        if spec.match_file(rel):
            return True
    return False
