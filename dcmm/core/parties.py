"""Criteria that apply to one party type only (甲方 data owners, 乙方 solution providers).

An unanswered criterion that does not apply to the organisation's party type is taken as not applicable
when the file is scored (the file itself is not changed), with a justification that says why, so it leaves
the denominator visibly: the report's method appendix lists it with the other not-applicable answers. A
given answer is never changed.
"""

from __future__ import annotations

from dcmm.core.answers import Answer, AnswerFile
from dcmm.core.grades import Grade
from dcmm.core.questionnaire import Questionnaire

JUSTIFICATION = {
    "甲方": "本条仅适用于乙方（数据解决方案提供方），本单位为甲方 · applies to solution providers (乙方) only",
    "乙方": "本条仅适用于甲方（数据拥有方），本单位为乙方 · applies to data owners (甲方) only",
}


def with_party_exclusions(answers: AnswerFile, questionnaire: Questionnaire) -> AnswerFile:
    """``answers`` with every unanswered criterion outside the organisation's party type marked not applicable."""
    party = answers.organisation.party_type
    if party is None or answers.quick_scan is not None:
        return answers
    given = answers.answers
    excluded = {
        criterion.id: Answer(grade=Grade.NOT_APPLICABLE, justification=JUSTIFICATION[party])
        for criterion in questionnaire.criteria.values()
        if not criterion.applies_to(party) and (given.get(criterion.id) is None or given[criterion.id].grade is None)
    }
    if not excluded:
        return answers
    return answers.model_copy(update={"answers": {**given, **excluded}})
