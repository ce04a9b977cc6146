"""Rules carry their contract: unique codes and names, documentation, samples, a checklist entry."""

from __future__ import annotations

import re
from pathlib import Path

from readiness_lint.checklist import load_checklist
from readiness_lint.checks import ALL_RULES, rule_by_key
from readiness_lint.docs import SECTIONS, rule_markdown, rules_reference

REPO = Path(__file__).resolve().parent.parent

NAMED = {
    "bare-print",
    "hardcoded-secret",
    "non-idempotent-mkdir",
    "missing-health-route",
    "missing-readiness-route",
    "missing-exit-code",
    "missing-heartbeat",
}


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"RDY\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)
    assert set(names) >= NAMED


def test_every_rule_is_documented_with_samples() -> None:
    for rule in ALL_RULES:
        assert rule.VALID and rule.INVALID, rule.name
        for attr in ("why", "fix", "what_it_does", "why_bad"):
            assert len(getattr(rule, attr).strip()) > 20, (rule.name, attr)
        text = rule_markdown(rule)
        for section in SECTIONS:
            assert f"## {section}" in text, (rule.name, section)


def test_checklist_covers_exactly_the_rules() -> None:
    checklist = load_checklist()
    assert set(checklist.checks) == {r.name for r in ALL_RULES}


def test_named_checks_apply_where_they_make_sense() -> None:
    checklist = load_checklist()
    assert checklist.spec("missing-health-route").kinds == {"api"}
    assert checklist.spec("missing-readiness-route").kinds == {"api"}
    assert checklist.spec("missing-exit-code").kinds == {"job"}
    assert checklist.spec("missing-heartbeat").kinds == {"worker", "job"}


def test_lookup_by_code_or_name() -> None:
    assert rule_by_key("rdy001") is rule_by_key("bare-print") is not None
    assert rule_by_key("no-such-rule") is None


def test_rule_reference_is_current() -> None:
    checked_in = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert checked_in == rules_reference(), (
        "docs/rules.md is stale: run `python -m readiness_lint.docs > docs/rules.md`"
    )
