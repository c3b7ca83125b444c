"""A criterion for one party type only is not applicable, with its reason, to an organisation of the other."""

from __future__ import annotations

from collections.abc import Callable

from dcmm.core.answers import Answer, AnswerFile, Grade
from dcmm.core.parties import with_party_exclusions
from dcmm.core.questionnaire import Questionnaire
from tests.core.test_lint import with_criterion


def test_an_owner_only_criterion_is_not_applicable_to_a_provider(
    q2018: Questionnaire, make_answers: Callable[..., AnswerFile]
) -> None:
    owner_only, answered = list(q2018.criteria)[:2]
    q = with_criterion(with_criterion(q2018, owner_only, parties=["甲方"]), answered, parties=["甲方"])
    blank = make_answers(None)
    provider = blank.model_copy(
        update={
            "organisation": blank.organisation.model_copy(update={"party_type": "乙方"}),
            "answers": {**blank.answers, answered: Answer(grade=Grade.NOT_MET)},
        }
    )
    read = with_party_exclusions(provider, q)
    assert read.answers[owner_only].grade == "not_applicable" and "仅适用于甲方" in (
        read.answers[owner_only].justification or ""
    )
    assert read.answers[answered].grade == "not_met"  # a given answer is never changed
    owner = provider.model_copy(
        update={"organisation": provider.organisation.model_copy(update={"party_type": "甲方"})}
    )
    assert with_party_exclusions(owner, q) is owner
    unknown = provider.model_copy(
        update={"organisation": provider.organisation.model_copy(update={"party_type": None})}
    )
    assert with_party_exclusions(unknown, q) is unknown
