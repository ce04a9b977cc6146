"""Console-script entry point, kept tiny: ``--version`` answers before the CLI framework loads."""

from __future__ import annotations

import sys


def entry() -> None:
    if sys.argv[1:] == ["--version"]:
        from readiness_lint import __version__

        sys.stdout.write(f"readiness-lint {__version__}\n")
        raise SystemExit(0)
    from readiness_lint.cli import main

    raise SystemExit(main())
