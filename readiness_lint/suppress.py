"""Suppressions: inline comments, whole-file comments and per-file ignores.

Grammar (case-insensitive)::

    x = 1  # readiness: ignore[bare-print, RDY002] reason, if any
    x = 1  # readiness: ignore            (every rule, on this line)
    # readiness: ignore-file[missing-metrics]   (anywhere in the file)
    x = 1  # noqa: RDY001                  (only our codes are read; E501 and friends are left alone)

Comments are found with :mod:`tokenize` in the per-file stage (so a ``#`` inside a string is
never taken for one) and only in files whose bytes mention ``readiness`` or ``noqa``.
Entrypoint-level gaps are suppressed by a comment on the entrypoint's line.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

_READINESS = re.compile(r"#\s*readiness\s*:\s*(ignore-file|ignore)\b\s*(?:\[([^\]]*)\])?", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa\s*:\s*([A-Za-z0-9_,\s-]+)", re.IGNORECASE)
_OUR_CODE = re.compile(r"^rdy\d{3}$")

Suppression = tuple[int, tuple[str, ...], str]  # (line, lower-case keys or () for all, "line" | "file")


def find_suppressions(data: bytes) -> tuple[Suppression, ...]:
    """Suppression comments of one file, in source order."""
    lowered = data.lower()
    # (a `noqa` comment counts only with one of our codes, `RDY001`: files that only silence
    # flake8 are not tokenized; a `readiness:` comment spelt with letters such as `ſ`, which
    # match ASCII ones without case, needs bytes outside ASCII)
    if b"readiness" not in lowered and (b"noqa" not in lowered or (b"rdy" not in lowered and data.isascii())):
        return ()
    found: list[Suppression] = []
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            if token.type != tokenize.COMMENT:
                continue
            found.extend(_parse_comment(token.string, token.start[0]))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, IndentationError):
        return tuple(found)
    return tuple(found)


def _parse_comment(comment: str, line: int) -> list[Suppression]:
    out: list[Suppression] = []
    match = _READINESS.search(comment)
    if match:
        scope = "file" if match.group(1).lower() == "ignore-file" else "line"
        keys = _keys(match.group(2) or "")
        out.append((line, keys, scope))
    noqa = _NOQA.search(comment)
    if noqa:
        ours = tuple(k for k in _keys(noqa.group(1)) if _OUR_CODE.match(k))
        if ours:
            out.append((line, ours, "line"))
    return out


def _keys(text: str) -> tuple[str, ...]:
    return tuple(k.strip().lower() for k in re.split(r"[,\s]+", text) if k.strip())


@dataclass
class Suppressor:
    """Answers 'is this gap suppressed?' and remembers which suppressions were used."""

    by_file: dict[str, Sequence[Suppression]]
    per_file_ignores: Sequence[tuple[pathspec.GitIgnoreSpec, frozenset[str]]] = ()
    scan_root: Path | None = None
    config_root: Path | None = None
    used: set[tuple[str, int, str]] = field(default_factory=set)

    @classmethod
    def build(
        cls,
        by_file: dict[str, Sequence[Suppression]],
        per_file_ignores: Iterable[tuple[str, Iterable[str]]],
        scan_root: Path,
        config_root: Path | None,
    ) -> Suppressor:
        compiled = []
        for glob, names in per_file_ignores:
            import pathspec  # only when the configuration has per-file ignores

            compiled.append((pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(names)))
        return cls(by_file=by_file, per_file_ignores=compiled, scan_root=scan_root, config_root=config_root)

    def _config_relative(self, path: str) -> str:
        if self.scan_root is None or self.config_root is None:
            return path
        try:
            return (self.scan_root / path).relative_to(self.config_root).as_posix()
        except ValueError:
            return path

    def suppressed(self, path: str, line: int, code: str, name: str) -> bool:
        if self.per_file_ignores:
            rel = self._config_relative(path)
            for spec, names in self.per_file_ignores:
                if name in names and spec.match_file(rel):
                    return True
        for index, (at, keys, scope) in enumerate(self.by_file.get(path, ())):
            if scope == "line" and at != line:
                continue
            if not keys:
                self.used.add((path, index, "*"))
                return True
            for key in (code.lower(), name):
                if key in keys:
                    self.used.add((path, index, key))
                    return True
        return False

    def unused(self, known: Iterable[tuple[str, str]], selected: set[str]) -> list[tuple[str, int, str]]:
        """``(path, line, message)`` for suppressions of our rules that suppressed nothing.

        A key naming a rule that was not run (deselected) is not reported: it may be used
        by a run with other options.
        """
        names_by_key: dict[str, str] = {}
        for code, name in known:
            names_by_key[code.lower()] = name
            names_by_key[name] = name
        out = []
        for path in sorted(self.by_file):
            for index, (line, keys, scope) in enumerate(self.by_file[path]):
                if not keys:
                    if (path, index, "*") not in self.used:
                        what = "file-wide suppression" if scope == "file" else "suppression"
                        out.append((path, line, f"Unused blanket {what}: nothing was reported here"))
                    continue
                for key in keys:
                    rule = names_by_key.get(key)
                    if rule is None:
                        out.append((path, line, f"Suppression names an unknown rule `{_quoted_key(key)}`"))
                    elif rule in selected and (path, index, key) not in self.used:
                        out.append((path, line, f"Unused suppression of `{key}`: nothing to suppress"))
        return out


def _quoted_key(key: str) -> str:
    """An unknown rule name as a message may quote it: short, and masked if it looks like a credential."""
    from readiness_lint.secretscan import mask

    shown = mask(key)
    return shown if len(shown) <= 40 else shown[:37] + "..."
