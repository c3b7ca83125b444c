"""The quick scan: one "which statement describes you best" question per item, and the estimate it gives.

Estimate rule: an item's estimated score is the level chosen for it (an organisation that fully
meets levels 1 to N and nothing above scores exactly N under the published method); a domain's
estimate is the mean of its chosen items, the overall estimate the mean of the domains with at
least one chosen item, each rounded half up to two decimals; the level follows from the score as
in the full assessment. Items left unchosen are left out and counted. It is an estimate, never a result.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from dcmm.core.answers import FORMAT_VERSION, AnswerFile
from dcmm.core.base import StrictModel
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring.rules import level_for_score, mean_half_up
from dcmm.core.text import LocalizedText

ESTIMATE_RULE = (
    "item estimate = chosen level; domain estimate = mean of its chosen items; overall estimate = mean of the "
    "domains with a chosen item; level N when the estimate is at least N (level 1 below 2); unchosen items left out"
)


class QuickScanQuestion(StrictModel):
    """One item's question: the five statements, one per level (the items' level summaries)."""

    item_id: str
    domain_id: str
    name: LocalizedText
    statements: list[LocalizedText] = Field(description="statement of level 1 to 5, in order")


class ItemEstimate(StrictModel):
    id: str
    chosen_level: int | None


class DomainEstimate(StrictModel):
    id: str
    score: float | None = Field(description="null when no item of the domain was chosen")
    level: int | None
    chosen: int
    items: int


class QuickScanEstimate(StrictModel):
    """The estimate from a quick scan; always labelled as an estimate."""

    kind: str = "estimate"
    edition: str
    rule: str = ESTIMATE_RULE
    overall_score: float | None
    overall_level: int | None
    domains: list[DomainEstimate]
    items: list[ItemEstimate]
    chosen: int
    total: int


def quick_scan_questions(questionnaire: Questionnaire) -> list[QuickScanQuestion]:
    """The quick-scan questionnaire: one question per item, in clause order."""
    return [
        QuickScanQuestion(
            item_id=item.id,
            domain_id=domain.id,
            name=item.name,
            statements=[level.summary for level in item.levels],
        )
        for domain in questionnaire.domains
        for item in domain.items
    ]


def estimate_quick_scan(questionnaire: Questionnaire, answers: AnswerFile) -> QuickScanEstimate:
    """The estimate of a quick-scan answer file (see the module docstring for the rule)."""
    chosen = answers.quick_scan or {}
    domains: list[DomainEstimate] = []
    domain_scores: list[int] = []
    for domain in questionnaire.domains:
        levels = [level * 100 for item in domain.items if (level := chosen.get(item.id)) is not None]
        score = mean_half_up(sum(levels), len(levels)) if levels else None
        if score is not None:
            domain_scores.append(score)
        domains.append(
            DomainEstimate(
                id=domain.id,
                score=None if score is None else score / 100,
                level=None if score is None else level_for_score(score),
                chosen=len(levels),
                items=len(domain.items),
            )
        )
    overall = mean_half_up(sum(domain_scores), len(domain_scores)) if domain_scores else None
    items = [ItemEstimate(id=item.id, chosen_level=chosen.get(item.id)) for item in questionnaire.items]
    return QuickScanEstimate(
        edition=questionnaire.id,
        overall_score=None if overall is None else overall / 100,
        overall_level=None if overall is None else level_for_score(overall),
        domains=domains,
        items=items,
        chosen=sum(1 for i in items if i.chosen_level is not None),
        total=len(items),
    )


def blank_quick_scan_file(questionnaire: Questionnaire, organisation_name: str = "") -> dict[str, Any]:
    """A blank quick-scan answer file as a plain dict: every item present with no level chosen."""
    return {
        "format_version": FORMAT_VERSION,
        "edition": questionnaire.id,
        "organisation": {"name": organisation_name or "", "credit_code": None, "province": None},
        "assessors": [],
        "assessed_on": None,
        "target_level": 3,
        "answers": {},
        "quick_scan": {item.id: None for item in questionnaire.items},
    }
