"""RDY001 bare-print."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context

_STD_STREAMS = frozenset({"sys.stdout", "sys.stderr"})
# A file kept as a log (`log`, `logfile`, `self.log_file`, `f_log`): printing to it is logging by
# hand (not `sent_log`, a ledger of what was done, read back as data)
_LOG_FILE = re.compile(r"(?:^|\.)(?:f_?|fp_?)?log(?:_?file|_?fh|_?handle|f)?$", re.IGNORECASE)


class BarePrint(LineRule):
    code = "RDY001"
    name = "bare-print"
    why = "print() output has no level, timestamp or context, and is lost when nobody watches the terminal."
    fix = "Use a module logger (log = logging.getLogger(__name__); log.info(...)) configured once at start-up."
    what_it_does = (
        "Checks for calls to the built-in `print()` in service code (tests are not service code), also "
        "printing to `sys.stdout` or `sys.stderr` (`print(msg, file=sys.stderr)`) and to a log file kept "
        "by hand (`print(msg, file=log)`, or to a handle opened to write on a `.log` file or a name for a log, `with "
        'open("cron/execute.log", "a") as f: print(line, file=f)`, `open(ERROR_LOG, "a")`, `open(LOG_DIR / LOG_FILENAME, "a")`, `(Path(d) / "error.log").open("a")`; not a `.log` ledger the code also reads '
        "back as entries, `sent.log` of the recipients already mailed, opened to be read or split into lines; a log's tail "
        "read to be mailed is still a log); writing data to a file (`print(row, file=handle)`) is output, "
        "not logging, and `sys.stdout.write(...)` is left alone (command-line tools write their output "
        "with it)."
    )
    why_bad = (
        "A service runs unattended. Output from `print()` carries no severity, no time and no context, "
        "cannot be filtered or routed, and is often buffered or discarded by the process manager. "
        "When something goes wrong at 3 a.m., the story of the run is not there to read."
    )
    references = ("https://docs.python.org/3/howto/logging.html",)
    VALID = (
        Sample(
            'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef export(rows):\n    log.info("exported %d rows", len(rows))\n'
        ),
        Sample(
            "def write_report(rows, handle):\n    for row in rows:\n        print(row, file=handle)\n",
            note="writing to a file is output, not logging",
        ),
        Sample('def test_export():\n    print("debugging a test is fine")\n', path="tests/test_export.py"),
        Sample('from rich import print\n\nprint("[bold]done[/bold]")\n', note="a different print"),
    )
    INVALID = (
        Sample('def export(rows):\n    print("exported", len(rows), "rows")\n'),
        Sample('import sys\n\nprint("failed", file=sys.stderr)\n'),
        Sample(
            'def sync(log):\n    print("===== rsync done", file=log)\n',
            note="a log file kept by hand: logging without levels",
        ),
    )

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        if name != "print" or ctx.is_test or "print" in ctx.local_functions:
            return
        target = n.keyword(node, "file")
        written_to = n.dotted(target.value) if target is not None else None
        # (a handle opened on a log file, `with open("cron/execute.log", "a") as f:`; not a ledger the
        # file reads back, `sent.log` of the recipients already mailed: data)
        log_file = ctx.log_handles.get((tuple(ctx.scope), written_to or ""))
        read_paths = ctx.read_paths  # (the set itself: the check runs once the file is read)
        if (
            target is not None
            and written_to not in _STD_STREAMS
            and not _LOG_FILE.search(written_to or "")
            and log_file is None
        ):
            return
        ctx.report(
            self.name,
            node,
            "`print()` used instead of logging: no level, timestamp or context",
            unless=lambda: log_file is not None and log_file in read_paths,
        )
