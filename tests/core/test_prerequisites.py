"""The readiness check: thresholds by party type and level, met / unmet / unknown, and the bundled data's rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dcmm.core.prerequisites import (
    PrerequisiteAnswers,
    PrerequisiteCatalogue,
    check_readiness,
    readiness_data,
)
from dcmm.files.prerequisites import bundled_prerequisites

FULL = PrerequisiteAnswers(
    data_staff=2,
    policy_domains=["7", "8", "10", "11"],
    tools=2,
    data_volume_declared=True,
    data_volume_tb=1,
    years_in_operation=3,
    annual_revenue_yuan=10_000_000,
    headcount=50,
)


@pytest.fixture
def catalogue() -> PrerequisiteCatalogue:
    return bundled_prerequisites()


def test_every_threshold_reached_exactly_is_met(catalogue: PrerequisiteCatalogue) -> None:
    result = check_readiness(catalogue, "甲方", 3, FULL)
    assert [c.status for c in result.checks] == ["met"] * 8
    assert result.ready and result.not_quoted == []


def test_one_below_a_threshold_is_unmet_and_not_ready(catalogue: PrerequisiteCatalogue) -> None:
    result = check_readiness(catalogue, "甲方", 3, FULL.model_copy(update={"data_staff": 1}))
    assert [c.id for c in result.with_status("unmet")] == ["data_staff"]
    assert not result.ready


def test_the_strategy_domain_does_not_count(catalogue: PrerequisiteCatalogue) -> None:
    answers = FULL.model_copy(update={"policy_domains": ["6", "7", "8", "10"]})
    check = next(c for c in check_readiness(catalogue, "甲方", 3, answers).checks if c.id == "issued_policies")
    assert check.status == "unmet" and check.counted == 3


def test_a_missing_answer_is_unknown_and_no_section_leaves_everything_unknown(catalogue: PrerequisiteCatalogue) -> None:
    partial = check_readiness(catalogue, "甲方", 3, FULL.model_copy(update={"headcount": None}))
    assert [c.id for c in partial.with_status("unknown")] == ["headcount"] and not partial.ready
    nothing = check_readiness(catalogue, "甲方", 3, None)
    assert {c.status for c in nothing.checks} == {"unknown"}


def test_a_declaration_not_made_is_unmet(catalogue: PrerequisiteCatalogue) -> None:
    result = check_readiness(catalogue, "甲方", 3, FULL.model_copy(update={"data_volume_declared": False}))
    assert [c.id for c in result.with_status("unmet")] == ["data_volume_declaration"]


def test_the_party_type_chooses_the_prerequisites(catalogue: PrerequisiteCatalogue) -> None:
    provider = check_readiness(catalogue, "乙方", 3, FULL)
    assert [c.id for c in provider.checks] == ["years_in_operation", "annual_revenue", "headcount"]
    assert provider.party_note is not None and "乙方" in provider.party_note.en
    unknown = check_readiness(catalogue, None, 3, FULL)
    assert unknown.checks == [] and not unknown.ready


def test_a_level_without_its_own_figure_uses_the_highest_level_below(catalogue: PrerequisiteCatalogue) -> None:
    checks = {c.id: c for c in check_readiness(catalogue, "甲方", 4, FULL).checks}
    assert (checks["headcount"].threshold, checks["headcount"].threshold_level) == (50, 2)
    assert (checks["annual_revenue"].threshold, checks["annual_revenue"].threshold_level) == (10_000_000, 3)
    level5 = {c.id: c for c in check_readiness(catalogue, "甲方", 5, FULL).checks}
    assert level5["headcount"].threshold == 5000 and level5["headcount"].status == "unmet"
    level1 = check_readiness(catalogue, "甲方", 1, FULL)
    assert set(level1.not_quoted) == {"years_in_operation", "annual_revenue", "headcount", "data_volume"}


def test_disagreement_and_verification_travel_with_the_check(catalogue: PrerequisiteCatalogue) -> None:
    checks = {c.id: c for c in check_readiness(catalogue, "甲方", 3, FULL).checks}
    revenue = checks["annual_revenue"]
    assert revenue.disagreement is not None and {q.source for q in revenue.quoted} == {
        "agency-2026-level-3",
        "agency-level-scale",
    }
    assert revenue.verification == "unverified" and checks["data_staff"].verification == "sources_agree"
    assert [s.id for s in checks["data_staff"].sources] == ["q-ing-2551", "edusahoo-7080"]


def test_the_json_data_lists_each_source_once(catalogue: PrerequisiteCatalogue) -> None:
    data = readiness_data(check_readiness(catalogue, "甲方", 3, FULL), "en", "a.json")
    assert data["ready"] is True and data["counts"] == {"met": 8, "unmet": 0, "unknown": 0}
    assert sorted(s["id"] for s in data["sources"]) == sorted(
        ["q-ing-2551", "edusahoo-7080", "agency-level-scale", "agency-2026-level-3"]
    )
    assert data["checks"][0]["name"] == "Full-time data-management staff"


def test_answers_refuse_negative_counts_and_a_domain_twice() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        PrerequisiteAnswers(data_staff=-1)
    with pytest.raises(ValidationError, match="names a domain twice: 7"):
        PrerequisiteAnswers(policy_domains=["7", "7"])


def test_the_data_refuses_an_unknown_source_and_a_threshold_given_twice(catalogue: PrerequisiteCatalogue) -> None:
    data = catalogue.model_dump()
    data["prerequisites"][0]["sources"] = ["nowhere"]
    with pytest.raises(ValidationError, match="unknown source 'nowhere'"):
        PrerequisiteCatalogue.model_validate(data)
    data = catalogue.model_dump()
    data["prerequisites"][0]["levels"] = data["prerequisites"][4]["levels"]
    with pytest.raises(ValidationError, match="not both"):
        PrerequisiteCatalogue.model_validate(data)
