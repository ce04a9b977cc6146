"""``python -m readiness_lint``.

Python puts the working directory first on ``sys.path`` for ``-m``; run from inside a
scanned repository, that would let the repository's ``typer.py`` or ``yaml.py`` shadow our
dependencies and run. The package itself is already imported; drop the directory first.
"""

import os
import sys

_cwd = os.getcwd()
sys.path[:] = [entry for entry in sys.path if entry not in ("", ".", _cwd)]

from readiness_lint.console import entry  # noqa: E402

entry()
