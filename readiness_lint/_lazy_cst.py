"""libcst, imported on first use.

A warm run reads every file's facts from the cache and parses nothing; importing libcst
(hundreds of node classes) would be a large share of its time. Modules name ``cst`` as
usual; the real module is imported the first time one of its attributes is asked for.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


class _LazyModule:
    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
            # From now on the modules that hold this stand-in hold the real module: the walk
            # asks for `cst.Name` millions of times and must not pay a Python call each time.
            for name, loaded in list(sys.modules.items()):
                if name.startswith("readiness_lint") and getattr(loaded, "cst", None) is self:
                    setattr(loaded, "cst", module)  # noqa: B010 (the attribute is set on another module)
        return getattr(module, attribute)


cst: Any = _LazyModule("libcst")
