"""The prerequisites section of an answer file: negative counts, unknown or repeated domains, wrong types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.badinput.harness import Case, run_case


def answers(prerequisites: Any, edition: str = "gbt36073-2018") -> dict[str, str | bytes]:
    data = {
        "format_version": "1.0",
        "edition": edition,
        "organisation": {"name": "示例单位", "party_type": "甲方"},
        "prerequisites": prerequisites,
        "answers": {},
    }
    return {"a.json": json.dumps(data, ensure_ascii=False, indent=2)}


READINESS = ("readiness", "a.json")
CASES = [
    Case(
        "prerequisites-negative-staff",
        READINESS,
        answers({"data_staff": -1}),
        names=("a.json:9", "prerequisites.data_staff", "greater than or equal to 0"),
    ),
    Case(
        "prerequisites-negative-revenue",
        READINESS,
        answers({"annual_revenue_yuan": -5}),
        names=("a.json:9", "prerequisites.annual_revenue_yuan"),
    ),
    Case(
        "prerequisites-unknown-domain",
        READINESS,
        answers({"policy_domains": ["7", "99"]}),
        names=("a.json:11", "prerequisites.policy_domains[1]", "unknown domain id '99' for gbt36073-2018"),
    ),
    Case(
        "prerequisites-2025-domain-in-2018-file",
        READINESS,
        answers({"policy_domains": ["14"]}),
        names=("prerequisites.policy_domains[0]", "unknown domain id '14'"),
    ),
    Case(
        "prerequisites-domain-twice",
        READINESS,
        answers({"policy_domains": ["7", "7"]}),
        names=("a.json", "prerequisites", "names a domain twice: 7"),
    ),
    Case(
        "prerequisites-staff-not-a-number",
        READINESS,
        answers({"data_staff": "两人"}),
        names=("a.json:9", "prerequisites.data_staff"),
    ),
    Case(
        "prerequisites-declared-not-a-yes-or-no",
        READINESS,
        answers({"data_volume_declared": "待定"}),
        names=("a.json:9", "prerequisites.data_volume_declared"),
    ),
    Case(
        "prerequisites-unknown-key",
        READINESS,
        answers({"staff": 3}),
        names=("a.json:9", "prerequisites.staff"),
    ),
    Case(
        "prerequisites-not-an-object",
        READINESS,
        answers([2, 4]),
        names=("a.json:8", "prerequisites"),
    ),
    Case(
        "prerequisites-bad-in-score-too",
        ("score", "a.json"),
        answers({"tools": -3}),
        names=("a.json:9", "prerequisites.tools"),
    ),
    Case(
        "readiness-target-out-of-range",
        ("readiness", "a.json", "--target", "6"),
        answers({}),
        exit=2,
        names=("--target",),
    ),
    Case("readiness-missing-file", ("readiness", "nowhere.json"), {}, names=("nowhere.json",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
