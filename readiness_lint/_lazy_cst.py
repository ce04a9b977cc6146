"""libcst, imported on first use.

A warm run reads every file's facts from the cache and parses nothing; importing libcst
(hundreds of node classes) would be a large share of its time. Modules name ``cst`` as
usual; the real module is imported the first time one of its attributes is asked for.
"""

from __future__ import annotations

import importlib
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
        return getattr(module, attribute)


cst: Any = _LazyModule("libcst")
