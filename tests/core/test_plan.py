"""The assessment plan: which respondent answers which criteria."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dcmm.core.plan import Plan
from dcmm.files import load_edition


def test_a_respondent_answers_their_domains_and_items_in_questionnaire_order() -> None:
    questionnaire = load_edition("gbt36073-2018")
    plan = Plan.model_validate(
        {
            "edition": "gbt36073-2018",
            "respondents": [{"respondent": "信息安全部", "domains": ["10"], "items": ["6.1"]}],
        }
    )
    criteria = plan.criteria_for("信息安全部", questionnaire)
    expected = [c.id for c in questionnaire.item_by_id["6.1"].criteria] + [
        c.id for item in questionnaire.domain_by_id["10"].items for c in item.criteria
    ]
    assert criteria == expected
    assert plan.criteria_for("nobody", questionnaire) == []


def test_unknown_ids_are_named() -> None:
    questionnaire = load_edition("gbt36073-2018")
    plan = Plan.model_validate(
        {"edition": "gbt36073-2018", "respondents": [{"respondent": "IT", "domains": ["99"], "items": ["6.9"]}]}
    )
    assert plan.unknown_ids(questionnaire) == ["domain 99", "item 6.9"]


@pytest.mark.parametrize(
    "respondents",
    [
        [{"respondent": "IT"}],
        [{"respondent": "IT", "domains": ["6"]}, {"respondent": "IT", "items": ["7.1"]}],
        [],
    ],
)
def test_a_plan_assigns_something_to_each_distinct_respondent(respondents: list[dict[str, object]]) -> None:
    with pytest.raises(ValidationError):
        Plan.model_validate({"edition": "gbt36073-2018", "respondents": respondents})
