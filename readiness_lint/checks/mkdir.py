"""RDY003 non-idempotent-mkdir."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context

_HANDLED = ("FileExistsError", "OSError", "IOError", "EnvironmentError")


class NonIdempotentMkdir(LineRule):
    code = "RDY003"
    name = "non-idempotent-mkdir"
    why = "The second run fails with FileExistsError: a retry or a re-run after a crash breaks on the directory the first run made."
    fix = "Create if missing: Path(p).mkdir(parents=True, exist_ok=True) or os.makedirs(p, exist_ok=True)."
    what_it_does = (
        "Checks for `os.mkdir`, `os.makedirs` and `Path.mkdir` calls that fail when the directory already "
        "exists, unless they are guarded by `except FileExistsError` (or `OSError`), "
        "`contextlib.suppress`, or an `if not ...exists()` check (also written "
        "`os.path.exists(d) or os.mkdir(d)`, or with the answer kept in a name first: `found = os.path.exists(d)`, "
        "`if not found:`, or `fresh = not os.path.isdir(d)`, `if fresh:`)."
    )
    why_bad = (
        "Schedulers retry, people re-run, and crashed jobs resume. A step that only works the first "
        "time turns every retry into a new failure. Idempotence should be the default."
    )
    references = ("https://docs.python.org/3/library/pathlib.html#pathlib.Path.mkdir",)
    VALID = (
        Sample('from pathlib import Path\n\nPath("out").mkdir(parents=True, exist_ok=True)\n'),
        Sample('import os\n\ntry:\n    os.mkdir("out")\nexcept FileExistsError:\n    pass\n'),
        Sample('import os\n\nif not os.path.exists("out"):\n    os.makedirs("out")\n'),
        Sample('import os\n\nos.path.exists("out") or os.mkdir("out")\n', note="the check written with `or`"),
        Sample(
            'import os\n\nif os.path.exists("out"):\n    fetch("out")\nelse:\n    os.makedirs("out")\n',
            note="the else branch of an existence check knows the answer too",
        ),
        Sample(
            "import os, shutil\n\n\ndef fresh(d):\n    if os.path.exists(d):\n        shutil.rmtree(d)\n    os.makedirs(d)\n",
            note="a directory removed first is made afresh",
        ),
        Sample('import contextlib, os\n\nwith contextlib.suppress(FileExistsError):\n    os.mkdir("out")\n'),
        Sample('def upload(sftp):\n    sftp.mkdir("/remote/dir")\n', note="not a local Path: unknown semantics"),
    )
    INVALID = (
        Sample('import os\n\nos.mkdir("out")\n'),
        Sample('from pathlib import Path\n\nPath("out").mkdir(parents=True)\n'),
        Sample('import os\n\nos.makedirs("/var/data/out")\n'),
    )

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        if name is None:
            return
        if name in {"os.mkdir", "os.makedirs"}:
            pass
        elif name.rpartition(".")[2] == "mkdir" and "." in name:
            if not _path_like(node):
                return
        else:
            return
        exist_ok = n.keyword(node, "exist_ok")
        if exist_ok is not None and not n.is_false(exist_ok.value):
            return
        if name == "os.makedirs" and len(n.positional(node)) >= 3:
            return
        if n.has_star_kwargs(node) or ctx.catches(*_HANDLED) or ctx.exists_guards:
            return
        if ctx.was_removed(node):
            return  # `if os.path.exists(d): shutil.rmtree(d)` then `os.makedirs(d)`: made afresh
        short = name if name.startswith("os.") else "Path.mkdir"
        ctx.report(self.name, node, f"`{short}()` fails if the directory exists: not safe to re-run")


def _path_like(node: cst.Call) -> bool:
    """``p.mkdir()``, ``p.mkdir(0o755)`` and ``p.mkdir(parents=True)`` are pathlib; ``sftp.mkdir(path)`` is not."""
    args = n.positional(node)
    if not args:
        return True
    return n.int_value(args[0].value) is not None
