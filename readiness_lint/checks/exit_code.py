"""RDY006 missing-exit-code."""

from __future__ import annotations

from readiness_lint.checks.base import Outcome, Sample, ServiceRule
from readiness_lint.model import Entrypoint
from readiness_lint.project import Service

_CLI_FRAMEWORKS = frozenset({"click", "typer", "fire"})


class MissingExitCode(ServiceRule):
    code = "RDY006"
    name = "missing-exit-code"
    why = "A job that fails with exit status 0 looks successful to cron, Kubernetes and CI: nobody is told and nothing retries."
    fix = "Let failures propagate, or end with sys.exit(main()) where main() returns non-zero on failure."
    what_it_does = (
        "Checks that a job's failure reaches its exit status: the `__main__` block must not drop the "
        "status `main()` returns, must not swallow every exception, and must not call `sys.exit()` "
        "without a status after an error."
    )
    why_bad = (
        "Schedulers judge a run by its exit status. A job that catches everything and returns "
        "normally, or computes a status and throws it away, fails silently: the data is missing "
        "and every dashboard is green."
    )
    VALID = (
        Sample(
            'import sys\n\n\ndef main() -> int:\n    try:\n        run()\n    except Exception:\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        ),
        Sample(
            'def main():\n    run()\n\n\nif __name__ == "__main__":\n    main()\n',
            note="an uncaught exception exits with status 1",
        ),
        Sample(
            'import logging\n\nif __name__ == "__main__":\n    try:\n        run()\n    except Exception:\n        logging.exception("run failed")\n        raise\n'
        ),
    )
    INVALID = (
        Sample(
            'def main():\n    try:\n        run()\n    except Exception:\n        return 1\n    return 0\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import logging\n\n\ndef main():\n    try:\n        run()\n    except Exception:\n        logging.exception("run failed")\n\n\nif __name__ == "__main__":\n    main()\n'
        ),
        Sample(
            'import sys\n\nif __name__ == "__main__":\n    try:\n        run()\n    except Exception as exc:\n        print(exc)\n        sys.exit()\n'
        ),
    )

    def evaluate(self, entrypoint: Entrypoint, service: Service) -> Outcome:
        facts = service.project.files[entrypoint.path]
        if entrypoint.framework in _CLI_FRAMEWORKS:
            return Outcome(True)
        symbol = entrypoint.id.rsplit(":", 1)[-1]
        if symbol == "script":
            if facts.script_swallows:
                return Outcome(
                    False, "The script catches every exception and ends normally: a failure exits with status 0"
                )
            return Outcome(True)
        guard = facts.main_guard
        if guard is None or symbol != "__main__":
            return Outcome(True)
        if guard.exit_without_status:
            return Outcome(False, "`sys.exit()` without a status after an error: the failure exits with status 0")
        if guard.swallows:
            return Outcome(
                False, "The `__main__` block catches every exception and ends normally: a failure exits with status 0"
            )
        if guard.exits_with_value:
            return Outcome(True)
        local = {f.name: f for f in facts.functions}
        for call in guard.dropped_calls:
            function = local.get(call)
            if function is None or function.exits_nonzero:
                continue
            if function.returns_nonzero:
                return Outcome(
                    False, f"`{call}()` returns a failure status that the `__main__` block drops: the process exits 0"
                )
            if function.swallows:
                return Outcome(
                    False, f"`{call}()` catches every exception and returns normally: a failure exits with status 0"
                )
        return Outcome(True)
