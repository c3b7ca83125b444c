"""Who answers what: an assessment plan assigns domains or items of an edition to named respondents."""

from __future__ import annotations

from pydantic import Field, model_validator

from dcmm.core.base import StrictModel
from dcmm.core.questionnaire import Questionnaire


class Assignment(StrictModel):
    """One respondent (a department or a person) and the domains and items they answer."""

    respondent: str = Field(min_length=1, description="a department or a person, e.g. 信息安全部")
    contact: str | None = Field(default=None, description="who to ask in that department")
    domains: list[str] = Field(default=[], description="domain ids, e.g. 6; the respondent answers all their items")
    items: list[str] = Field(default=[], description="item ids, e.g. 10.2; in addition to the domains")

    @model_validator(mode="after")
    def _assigns_something(self) -> Assignment:
        if not self.domains and not self.items:
            raise ValueError(f"respondent {self.respondent!r} is assigned no domain and no item")
        return self


class Plan(StrictModel):
    """An assessment plan: for one edition, which respondent answers which domains and items."""

    edition: str = Field(pattern=r"^[a-z0-9-]+$")
    respondents: list[Assignment] = Field(min_length=1)

    @model_validator(mode="after")
    def _respondents_unique(self) -> Plan:
        seen: set[str] = set()
        for assignment in self.respondents:
            if assignment.respondent in seen:
                raise ValueError(f"respondent {assignment.respondent!r} is named twice")
            seen.add(assignment.respondent)
        return self

    def assignment(self, respondent: str) -> Assignment | None:
        return next((a for a in self.respondents if a.respondent == respondent), None)

    def criteria_for(self, respondent: str, questionnaire: Questionnaire) -> list[str]:
        """The criterion ids ``respondent`` answers, in questionnaire order; empty for an unknown respondent."""
        assignment = self.assignment(respondent)
        if assignment is None:
            return []
        domains, items = set(assignment.domains), set(assignment.items)
        return [
            criterion.id
            for domain in questionnaire.domains
            for item in domain.items
            if domain.id in domains or item.id in items
            for criterion in item.criteria
        ]

    def unknown_ids(self, questionnaire: Questionnaire) -> list[str]:
        """Domain and item ids the plan names that ``questionnaire`` does not have."""
        domain_ids = {d.id for d in questionnaire.domains}
        return [
            *(f"domain {d}" for a in self.respondents for d in a.domains if d not in domain_ids),
            *(f"item {i}" for a in self.respondents for i in a.items if i not in questionnaire.item_by_id),
        ]


class RespondentCoverage(StrictModel):
    """How far one respondent of a plan has got: their criteria, and those still without a grade."""

    respondent: str
    assigned: int
    answered: int
    unanswered: list[str]


class PlanCoverage(StrictModel):
    """What a merged assessment still lacks, by the plan: per respondent, and criteria nobody is assigned."""

    respondents: list[RespondentCoverage]
    unassigned: list[str] = Field(description="criteria no respondent of the plan answers")
    unanswered: list[str] = Field(description="criteria without a grade, whoever was to answer them")


def plan_coverage(plan: Plan, questionnaire: Questionnaire, graded: set[str]) -> PlanCoverage:
    """Coverage of the criteria ``graded`` (those with a grade, not applicable included) by ``plan``."""
    assigned: set[str] = set()
    respondents = []
    for assignment in plan.respondents:
        theirs = plan.criteria_for(assignment.respondent, questionnaire)
        assigned.update(theirs)
        missing = [criterion for criterion in theirs if criterion not in graded]
        respondents.append(RespondentCoverage(
            respondent=assignment.respondent, assigned=len(theirs), answered=len(theirs) - len(missing),
            unanswered=missing,
        ))  # fmt: skip
    criteria = list(questionnaire.criteria)
    return PlanCoverage(
        respondents=respondents,
        unassigned=[criterion for criterion in criteria if criterion not in assigned],
        unanswered=[criterion for criterion in criteria if criterion not in graded],
    )
