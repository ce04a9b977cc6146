"""One error hierarchy, mapped to exit codes in one place (:func:`exit_code_for`)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_ERROR = 2


class ReadinessError(Exception):
    """Base class: an error the user should see as a one-line message."""

    exit_code = EXIT_ERROR


class UsageError(ReadinessError):
    """Bad command line: an unknown rule, a path that does not exist."""


class ConfigError(ReadinessError):
    """A configuration file or the shipped checklist is invalid."""


class InternalError(ReadinessError):
    """A bug in readiness-lint itself."""


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, ReadinessError):
        return error.exit_code
    return EXIT_ERROR
