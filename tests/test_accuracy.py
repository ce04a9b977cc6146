"""Precision, recall and kind accuracy on the labelled services never drop below their floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SERVICES = REPO / "fixtures" / "services"


def _accuracy_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("accuracy", REPO / "scripts" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_accuracy_meets_the_recorded_floors() -> None:
    accuracy_module = _accuracy_module()
    accuracy = accuracy_module.measure(SERVICES)
    floors = yaml.safe_load((SERVICES / "floors.yaml").read_text(encoding="utf-8"))
    problems = accuracy_module.below_floors(accuracy, floors)
    assert problems == [], accuracy_module.render(accuracy, details=True)
    assert accuracy.kinds_total >= 15
    assert len(accuracy_module.load_labels(SERVICES)) >= 15


def test_floors_can_fail() -> None:
    accuracy_module = _accuracy_module()
    accuracy = accuracy_module.measure(SERVICES)
    impossible = {"kind_accuracy": 1.01, "rules": {"bare-print": {"precision": 1.01}}}
    assert len(accuracy_module.below_floors(accuracy, impossible)) == 2
